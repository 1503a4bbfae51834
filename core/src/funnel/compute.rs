//! The funnel and the distinct count in one call each, for callers whose
//! findings fit in memory at once (notebooks, bindings, tests).

use super::{FindingIndex, Funnel, FunnelAccumulator, Skipped};
use crate::finding::{canonical_id, Occurrence, RunningImage};

/// The funnel over `occurrences` on `running`, and what was left out:
/// index, intern, accumulate, finish.
///
/// ```
/// use kubesight::finding::{Occurrence, RunningImage};
/// let digest = format!("sha256:{}", "ab".repeat(32));
/// let running: Vec<RunningImage> = serde_json::from_value(serde_json::json!(
///     [{"digests": [digest], "scanned": true}]))?;
/// let found: Vec<Occurrence> = serde_json::from_value(serde_json::json!(
///     [{"image": [digest], "vulnerability": "CVE-2024-1", "severity": "high"}]))?;
/// let (funnel, skipped) = kubesight::funnel::compute(&running, &found, false);
/// assert_eq!(funnel.critical_high.vulnerabilities, 1);
/// assert_eq!(skipped.not_running, 0);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn compute(
    running: &[RunningImage],
    occurrences: &[Occurrence],
    runtime_validation: bool,
) -> (Funnel, Skipped) {
    let mut index = FindingIndex::new(running);
    let (interned, skipped) = index.intern_all(occurrences);
    let mut accumulator = FunnelAccumulator::for_index(&index);
    accumulator.add_all(&interned);
    (accumulator.finish(&index, runtime_validation), skipped)
}

/// How many distinct vulnerabilities the occurrences name, whatever their
/// images: ids that are aliases of each other count once (case as the
/// funnel reads it), two CVE ids never merge.
///
/// ```
/// use kubesight::finding::Occurrence;
/// let found: Vec<Occurrence> = serde_json::from_value(serde_json::json!([
///     {"image": [], "vulnerability": "CVE-2024-1", "aliases": ["GHSA-aaaa-bbbb-cccc"]},
///     {"image": [], "vulnerability": "GHSA-aaaa-bbbb-cccc"},
///     {"image": [], "vulnerability": "cve-2024-2"}]))?;
/// assert_eq!(kubesight::funnel::distinct_vulnerabilities(&found), 2);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn distinct_vulnerabilities<'a>(occurrences: impl IntoIterator<Item = &'a Occurrence>) -> u64 {
    let mut ids = Vec::new();
    let mut pairs = Vec::new();
    for o in occurrences {
        let id = canonical_id(&o.vulnerability).into_owned();
        for alias in &o.aliases {
            pairs.push((id.clone(), canonical_id(alias).into_owned()));
        }
        ids.push(id);
    }
    FindingIndex::new(&[]).count_groups(ids.iter().map(String::as_str), &pairs)
}
