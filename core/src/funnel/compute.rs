//! The funnel and the distinct count in one call each, for callers whose
//! findings fit in memory at once (notebooks, bindings, tests).

use serde::{Deserialize, Serialize};

use super::{Funnel, FunnelAccumulator, PortablePartial, RuntimeValidation};
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
/// let gone = format!("sha256:{}", "cd".repeat(32));
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

/// The partial funnel of one partition of the findings, to merge with
/// the others' by [`merge_partials`]: the same running images on every
/// partition, any split of the findings.
///
/// ```
/// use kubesight::finding::{Occurrence, RunningImage};
/// use kubesight::funnel::{compute, merge_partials, partial, PortablePartial, RuntimeValidation};
/// let digest = format!("sha256:{}", "ab".repeat(32));
/// let gone = format!("sha256:{}", "cd".repeat(32));
/// let running: Vec<RunningImage> =
///     serde_json::from_value(serde_json::json!([{"digests": [digest], "scanned": true}]))?;
/// let findings: Vec<Occurrence> = serde_json::from_value(serde_json::json!([
///     {"image": [digest], "vulnerability": "CVE-2024-1", "severity": "critical"},
///     {"image": [digest], "vulnerability": "CVE-2024-2", "severity": "low"},
///     {"image": [gone], "vulnerability": "CVE-2024-3"}]))?;
/// let (a, b) = findings.split_at(1);
/// // Each worker sends its partial's bytes; the driver merges them.
/// let sent = [partial(&running, a).to_bytes(), partial(&running, b).to_bytes()];
/// let received = sent.iter().map(|bytes| PortablePartial::from_bytes(bytes)).collect::<Result<Vec<_>, _>>()?;
/// let merged = merge_partials(&running, &received, RuntimeValidation::Available);
/// assert_eq!(merged, compute(&running, &findings, RuntimeValidation::Available));
/// assert_eq!(merged.skipped.not_running, 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn partial(running: &[RunningImage], occurrences: &[Occurrence]) -> PortablePartial {
    let mut index = FindingIndex::new(running);
    let (interned, skipped) = index.intern_all(occurrences);
    let mut accumulator = FunnelAccumulator::for_index(&index);
    accumulator.add_all(&interned);
    PortablePartial {
        skipped,
        ..accumulator.to_portable(&index)
    }
}

/// The funnel of partials from every partition of the findings (see
/// [`partial`]): the result of one pass over all of them. Partials are
/// merged as given; check ones from elsewhere with
/// [`PortablePartial::from_bytes`] or [`PortablePartial::validate`].
pub fn merge_partials(
    running: &[RunningImage],
    partials: &[PortablePartial],
    validation: RuntimeValidation,
) -> FunnelResult {
    let mut index = FindingIndex::new(running);
    let mut accumulator = FunnelAccumulator::for_index(&index);
    let mut skipped = Skipped::default();
    for p in partials {
        accumulator.merge_portable(&mut index, p);
        skipped.malicious += p.skipped.malicious;
        skipped.not_running += p.skipped.not_running;
        skipped.not_scanned += p.skipped.not_scanned;
    }
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
