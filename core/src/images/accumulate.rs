//! The images view's accumulator: per running image, the vulnerability ids
//! its findings name with their highest severity, and its malicious
//! packages, gathered finding by finding; then the rows.

use std::collections::BTreeSet;

use super::row::{ImageIntegrity, ImageRow};
use super::view::ImagesView;
use crate::finding::aliases::alias_groups;
use crate::finding::{canonical_id, Applicability, FindingIndex, Occurrence, RunningImage};
use crate::ingest::platform::Risk;
use crate::integrity::{IntegrityAssessment, IntegrityStatus, Reason};
use crate::table::RowWorkload;
use crate::{ImageRef, Severity, SeverityCounts};

/// The fewest hits worth compacting.
const COMPACT_FROM: usize = 1 << 16;

/// A partial images view: findings go in one by one (through the
/// [`FindingIndex`] of the running images), and memory follows the distinct
/// (image, vulnerability) pairs, not the findings: repeats are merged
/// whenever the pairs double.
#[derive(Debug, Clone, Default)]
pub struct ImagesAccumulator {
    /// (image, id, severity position + 1, critical and applicable).
    hits: Vec<(u32, u32, u8, bool)>,
    /// Per image, its malicious packages: (ecosystem, name, version).
    malicious: Vec<BTreeSet<(Option<String>, String, String)>>,
    compact_at: usize,
}

impl ImagesAccumulator {
    /// An empty accumulator.
    pub fn new() -> Self {
        ImagesAccumulator::default()
    }

    /// Adds one finding: a vulnerability on a running image, or a
    /// malicious package on it; a finding on no running image is left out.
    pub fn add(&mut self, index: &mut FindingIndex, o: &Occurrence) {
        let Some(image) = o.image.iter().find_map(|d| index.image_of(d.as_str())) else {
            return;
        };
        if o.malicious {
            if self.malicious.len() <= image as usize {
                self.malicious
                    .resize_with(image as usize + 1, BTreeSet::new);
            }
            if let Some(set) = self.malicious.get_mut(image as usize) {
                set.insert((
                    o.package.ecosystem.clone(),
                    o.package.name.clone(),
                    o.package.version.clone(),
                ));
            }
            return;
        }
        let id = index.intern_vulnerability(&o.vulnerability);
        for alias in &o.aliases {
            index.add_alias(&canonical_id(&o.vulnerability), alias);
        }
        let severity = o.severity.rank() + 1;
        let critical_applicable =
            o.severity == Severity::Critical && o.applicability == Applicability::Applicable;
        self.hits.push((image, id, severity, critical_applicable));
        if self.hits.len() >= self.compact_at {
            self.compact();
        }
    }

    /// Merges the hits of one (image, id): its highest severity, critical
    /// and applicable if any was; then waits till there are twice as many.
    fn compact(&mut self) {
        self.hits.sort_unstable();
        let mut kept: usize = 0;
        for read in 0..self.hits.len() {
            let Some(&hit) = self.hits.get(read) else {
                break;
            };
            match kept.checked_sub(1).and_then(|k| self.hits.get_mut(k)) {
                Some(last) if (last.0, last.1) == (hit.0, hit.1) => {
                    last.2 = last.2.max(hit.2);
                    last.3 |= hit.3;
                }
                _ => {
                    if let Some(slot) = self.hits.get_mut(kept) {
                        *slot = hit;
                    }
                    kept += 1;
                }
            }
        }
        self.hits.truncate(kept);
        self.compact_at = (2 * kept).max(COMPACT_FROM);
    }

    /// The view of every finding added, over `index`'s running images,
    /// with the integrity of `integrity`'s assessments (see
    /// [`ImagesView::build`]).
    pub fn finish(self, index: &FindingIndex, integrity: &[IntegrityAssessment]) -> ImagesView {
        let groups = alias_groups(&index.vulnerabilities, &index.aliases);
        let mut hits = self.hits;
        let malicious = self.malicious;
        for hit in &mut hits {
            hit.1 = groups.get(hit.1 as usize).copied().unwrap_or(hit.1);
        }
        hits.sort_unstable();
        let mut vulnerabilities = vec![SeverityCounts::default(); index.images()];
        let mut critical_applicable = vec![0u64; index.images()];
        let mut at = 0;
        while let Some(&(image, group, _, _)) = hits.get(at) {
            let mut severity = 0;
            let mut critical = false;
            while let Some(&(i, g, s, c)) = hits.get(at) {
                if (i, g) != (image, group) {
                    break;
                }
                severity = severity.max(s);
                critical |= c;
                at += 1;
            }
            if let Some(counts) = vulnerabilities.get_mut(image as usize) {
                counts.add(crate::table::severity_of(severity));
            }
            if let Some(n) = critical_applicable.get_mut(image as usize) {
                *n += u64::from(critical);
            }
        }

        let mut integrity_of: Vec<Option<ImageIntegrity>> = vec![None; index.images()];
        let mut untrusted = vec![false; index.images()];
        for assessment in integrity {
            let Some(image) = assessment
                .image_digest
                .as_ref()
                .and_then(|d| index.image_of(d.as_str()))
            else {
                continue;
            };
            let found = ImageIntegrity {
                status: assessment.status,
                violation: assessment.violation.as_ref().map(|v| v.kind),
                severity: assessment.violation.as_ref().map(|v| v.severity),
            };
            if let Some(u) = untrusted.get_mut(image as usize) {
                *u |= assessment.status == Some(IntegrityStatus::UntrustedRegistry)
                    || assessment
                        .reasons
                        .iter()
                        .any(|r| matches!(r, Reason::RegistryNotTrusted { .. }));
            }
            if let Some(slot) = integrity_of.get_mut(image as usize) {
                if slot.as_ref().is_none_or(|s| rank(&found) > rank(s)) {
                    *slot = Some(found);
                }
            }
        }

        let digests = index.image_digests();
        let mut rows: Vec<ImageRow> = (0..index.images())
            .map(|i| {
                let image = u32::try_from(i).unwrap_or(u32::MAX);
                let deployments = index.deployments(image);
                let sorted = |mut v: Vec<String>| {
                    v.sort();
                    v.dedup();
                    v
                };
                let references = sorted(
                    deployments
                        .iter()
                        .filter_map(|d| d.reference.clone())
                        .collect(),
                );
                let tags = sorted(
                    references
                        .iter()
                        .filter_map(|r| ImageRef::parse(r).ok()?.tag().map(String::from))
                        .collect(),
                );
                let mut workloads: Vec<RowWorkload> = deployments
                    .iter()
                    .map(|d| RowWorkload {
                        cluster: d.cluster.clone(),
                        namespace: d.namespace.clone(),
                        kind: d.kind.clone(),
                        name: d.workload.clone(),
                    })
                    .collect();
                workloads.sort();
                workloads.dedup();
                let malicious_packages = malicious.get(i).map_or(0, |s| s.len() as u64);
                let critical_applicable = critical_applicable.get(i).copied().unwrap_or(0);
                let integrity = integrity_of.get(i).cloned().flatten();
                let mut risks = Vec::new();
                if malicious_packages > 0 {
                    risks.push(Risk::Malicious);
                }
                if untrusted.get(i).copied().unwrap_or(false) {
                    risks.push(Risk::UntrustedRegistry);
                }
                if integrity.as_ref().is_some_and(|i| i.violation.is_some()) {
                    risks.push(Risk::IntegrityViolation);
                }
                if critical_applicable > 0 {
                    risks.push(Risk::CriticalApplicableCves);
                }
                ImageRow {
                    digest: index.image_digest(image).unwrap_or_default().to_owned(),
                    digests: digests
                        .get(i)
                        .map(|d| d.iter().map(|s| (*s).to_owned()).collect())
                        .unwrap_or_default(),
                    references,
                    tags,
                    clusters: sorted(deployments.iter().map(|d| d.cluster.clone()).collect()),
                    namespaces: sorted(deployments.iter().map(|d| d.namespace.clone()).collect()),
                    workloads,
                    containers: deployments.len() as u64,
                    scanned: index.is_scanned(image),
                    monitored: index.is_monitored(image),
                    vulnerabilities: vulnerabilities.get(i).copied().unwrap_or_default(),
                    critical_applicable,
                    malicious_packages,
                    integrity,
                    risks,
                }
            })
            .collect();
        rows.sort_by(|a, b| a.digest.cmp(&b.digest));
        ImagesView { rows }
    }
}

impl ImagesView {
    /// The view of the running images, the findings on them (findings on
    /// other images are left out; unscanned images count the findings given
    /// for them, as the highlights do) and the integrity assessments of
    /// their containers (tied to images by
    /// [`image_digest`](IntegrityAssessment::image_digest)).
    ///
    /// ```
    /// use kubesight::finding::{Occurrence, RunningImage};
    /// use kubesight::images::ImagesView;
    /// let (a, b) = (format!("sha256:{}", "aa".repeat(32)), format!("sha256:{}", "bb".repeat(32)));
    /// let running: Vec<RunningImage> = serde_json::from_value(serde_json::json!([
    ///     {"digests": [a], "scanned": true}, {"digests": [b], "scanned": false}]))?;
    /// let findings: Vec<Occurrence> = serde_json::from_value(serde_json::json!([
    ///     {"image": [a], "vulnerability": "CVE-2024-1", "severity": "critical", "applicability": "applicable"}]))?;
    /// let view = ImagesView::build(&running, &findings, &[]);
    /// let page = view.query(&Default::default());
    /// assert_eq!(page.rows[0].digest, a, "riskiest first");
    /// assert_eq!(page.rows[0].critical_applicable, 1);
    /// assert_eq!(page.rows[1].scanned, false);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn build(
        running: &[RunningImage],
        findings: &[Occurrence],
        integrity: &[IntegrityAssessment],
    ) -> ImagesView {
        let mut index = FindingIndex::new(running);
        let mut accumulator = ImagesAccumulator::new();
        for o in findings {
            accumulator.add(&mut index, o);
        }
        accumulator.finish(&index, integrity)
    }
}

fn rank(i: &ImageIntegrity) -> u8 {
    match (i.violation, i.status) {
        (Some(_), _) => 4,
        (None, Some(IntegrityStatus::UntrustedRegistry)) => 3,
        (None, Some(_)) => 2,
        (None, None) => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_findings_are_kept_once_and_count_as_one() {
        // 10 images with the same 3,000 ids, each found 5 times, once
        // critical and applicable: 150,000 findings, 30,000 distinct pairs.
        let digest = |i: u32| format!("sha256:{i:064x}");
        let running: Vec<RunningImage> = (0..10)
            .map(|i| {
                serde_json::from_value(serde_json::json!({"digests": [digest(i)], "scanned": true}))
                    .unwrap_or_else(|e| unreachable!("{e}"))
            })
            .collect();
        let mut index = FindingIndex::new(&running);
        let mut accumulator = ImagesAccumulator::new();
        for round in 0..5 {
            for image in 0..10 {
                for id in 0..3000 {
                    let (severity, applicability) = match round {
                        2 => ("critical", "applicable"),
                        _ => ("low", "not_applicable"),
                    };
                    let o: Occurrence = serde_json::from_value(serde_json::json!({
                        "image": [digest(image)],
                        "vulnerability": format!("CVE-2024-{id}"),
                        "severity": severity,
                        "applicability": applicability,
                    }))
                    .unwrap_or_else(|e| unreachable!("{e}"));
                    accumulator.add(&mut index, &o);
                }
            }
        }
        assert!(accumulator.hits.len() < 2 * 30_000 + COMPACT_FROM);
        let view = accumulator.finish(&index, &[]);
        assert_eq!(view.rows.len(), 10);
        for row in &view.rows {
            assert_eq!(row.vulnerabilities.critical, 3000, "{}", row.digest);
            assert_eq!(row.vulnerabilities.low, 0);
            assert_eq!(row.critical_applicable, 3000);
        }
    }
}
