//! The funnel and the distinct count in one call each, for callers whose
//! findings fit in memory at once (notebooks, bindings, tests).

use serde::{Deserialize, Serialize};

use super::{Funnel, FunnelAccumulator, RuntimeValidation};
use crate::finding::{canonical_id, FindingIndex, Occurrence, RunningImage, Skipped};

/// A funnel and the occurrences it left out, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FunnelResult {
    /// The funnel.
    pub funnel: Funnel,
    /// What was left out.
    pub skipped: Skipped,
}

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
/// use kubesight::funnel::RuntimeValidation;
/// let result = kubesight::funnel::compute(&running, &found, RuntimeValidation::Unavailable);
/// assert_eq!(result.funnel.critical_high.vulnerabilities, 1);
/// assert_eq!(result.funnel.validated_in_runtime, None);
/// assert_eq!(result.skipped.not_running, 0);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn compute(
    running: &[RunningImage],
    occurrences: &[Occurrence],
    validation: RuntimeValidation,
) -> FunnelResult {
    let mut index = FindingIndex::new(running);
    let (interned, skipped) = index.intern_all(occurrences);
    let mut accumulator = FunnelAccumulator::for_index(&index);
    accumulator.add_all(&interned);
    FunnelResult {
        funnel: accumulator.finish(&index, validation),
        skipped,
    }
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
