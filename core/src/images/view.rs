//! Building and querying the images view.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::row::{ImageIntegrity, ImageRow};
use crate::finding::aliases::alias_groups;
use crate::finding::{canonical_id, Applicability, FindingIndex, Occurrence, RunningImage};
use crate::ingest::platform::Risk;
use crate::integrity::{IntegrityAssessment, IntegrityStatus, Reason};
use crate::table::RowWorkload;
use crate::{ImageRef, Severity, SeverityCounts};

/// A column of the images view to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImageColumn {
    /// Riskiest first: risk badges, then Critical & Applicable
    /// vulnerabilities, malicious packages, Critical, High and all
    /// vulnerabilities, each most first, then the digest.
    Risk,
    /// The digest.
    Digest,
    /// Critical vulnerabilities.
    Critical,
    /// High vulnerabilities.
    High,
    /// All vulnerabilities.
    Vulnerabilities,
    /// Critical & Applicable vulnerabilities.
    CriticalApplicable,
    /// Malicious packages.
    Malicious,
    /// Workloads running it.
    Workloads,
    /// Clusters running it.
    Clusters,
}

/// One sort key of the images view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ImageSortKey {
    /// The column.
    pub column: ImageColumn,
    /// Highest first (the default).
    #[serde(default = "yes")]
    pub descending: bool,
}

fn yes() -> bool {
    true
}

/// What to show of the images view: filters (all must hold), a sort and a
/// page; the default shows every image, riskiest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct ImagesQuery {
    /// Images with one of these badges.
    pub risk: Vec<Risk>,
    /// Scanned (`true`) or unscanned (`false`) images.
    pub scanned: Option<bool>,
    /// Images with a vulnerability of one of these severities.
    pub severity: Vec<Severity>,
    /// Images running in this cluster.
    pub cluster: Option<String>,
    /// Images running in a namespace of this name.
    pub namespace: Option<String>,
    /// Images a workload of this name runs.
    pub workload: Option<String>,
    /// Images with this digest, or deployed by a reference containing this
    /// text.
    pub image: Option<String>,
    /// The sort, first key first; empty is riskiest first.
    pub sort: Vec<ImageSortKey>,
    /// Rows to skip.
    pub offset: usize,
    /// The most rows to return.
    pub limit: Option<usize>,
}

/// One page of the images view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ImagesPage {
    /// How many images the filters keep, over all pages.
    pub total: u64,
    /// The offset asked for.
    pub offset: u64,
    /// The rows of this page.
    pub rows: Vec<ImageRow>,
}

/// The images view: one row per running image.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ImagesView {
    /// The rows, in digest order.
    pub rows: Vec<ImageRow>,
}

/// How bad an integrity outcome is, for keeping the worst per image.
fn rank(i: &ImageIntegrity) -> u8 {
    match (i.violation, i.status) {
        (Some(_), _) => 4,
        (None, Some(IntegrityStatus::UntrustedRegistry)) => 3,
        (None, Some(_)) => 2,
        (None, None) => 1,
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
        // (image, id, severity position + 1, critical and applicable).
        let mut hits: Vec<(u32, u32, u8, bool)> = Vec::new();
        let mut malicious: Vec<BTreeSet<(Option<String>, String, String)>> =
            vec![BTreeSet::new(); index.images()];
        for o in findings {
            let Some(image) = o.image.iter().find_map(|d| index.image_of(d.as_str())) else {
                continue;
            };
            if o.malicious {
                if let Some(set) = malicious.get_mut(image as usize) {
                    set.insert((
                        o.package.ecosystem.clone(),
                        o.package.name.clone(),
                        o.package.version.clone(),
                    ));
                }
                continue;
            }
            let id = index.intern_vulnerability(&o.vulnerability);
            for alias in &o.aliases {
                index.add_alias(&canonical_id(&o.vulnerability), alias);
            }
            let severity = o.severity.rank() + 1;
            let critical_applicable =
                o.severity == Severity::Critical && o.applicability == Applicability::Applicable;
            hits.push((image, id, severity, critical_applicable));
        }
        let groups = alias_groups(&index.vulnerabilities, &index.aliases);
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

    /// The rows the query keeps, sorted and paged.
    pub fn query(&self, query: &ImagesQuery) -> ImagesPage {
        let kept: Vec<usize> = (0..self.rows.len())
            .filter(|&i| self.rows.get(i).is_some_and(|r| keeps(query, r)))
            .collect();
        let total = kept.len();
        let mut columns: Vec<ImageSortKey> = Vec::new();
        let asked = if query.sort.is_empty() {
            vec![ImageSortKey {
                column: ImageColumn::Risk,
                descending: true,
            }]
        } else {
            query.sort.clone()
        };
        for key in asked {
            if !columns.iter().any(|c| c.column == key.column) {
                columns.push(key);
            }
        }
        // Each kept row's key, computed once (rows are in digest order: the
        // index is the last word).
        let stride = columns
            .iter()
            .map(|c| if c.column == ImageColumn::Risk { 7 } else { 1 })
            .sum::<usize>()
            + 1;
        let mut words: Vec<u64> = Vec::with_capacity(kept.len() * stride);
        for &i in &kept {
            if let Some(row) = self.rows.get(i) {
                sort_key(row, i as u64, &columns, &mut words);
            }
        }
        let key = |i: usize| words.get(i * stride..(i + 1) * stride).unwrap_or(&[]);
        let mut order: Vec<usize> = (0..kept.len()).collect();
        let compare = |a: &usize, b: &usize| key(*a).cmp(key(*b));
        let end = query
            .limit
            .map_or(total, |l| query.offset.saturating_add(l).min(total));
        if end < order.len() && end > 0 {
            order.select_nth_unstable_by(end - 1, compare);
            order.truncate(end);
        }
        order.sort_unstable_by(compare);
        ImagesPage {
            total: total as u64,
            offset: query.offset as u64,
            rows: order
                .into_iter()
                .skip(query.offset)
                .take(end.saturating_sub(query.offset))
                .filter_map(|o| kept.get(o).and_then(|&i| self.rows.get(i)))
                .cloned()
                .collect(),
        }
    }
}

fn keeps(q: &ImagesQuery, r: &ImageRow) -> bool {
    if !q.risk.is_empty() && !q.risk.iter().any(|k| r.risks.contains(k)) {
        return false;
    }
    if q.scanned.is_some_and(|s| s != r.scanned) {
        return false;
    }
    if !q.severity.is_empty() {
        let v = &r.vulnerabilities;
        let has = |s: &Severity| match s {
            Severity::Critical => v.critical > 0,
            Severity::High => v.high > 0,
            Severity::Medium => v.medium > 0,
            Severity::Low => v.low > 0,
            Severity::Unknown => v.unknown > 0,
        };
        if !q.severity.iter().any(has) {
            return false;
        }
    }
    if q.cluster.as_ref().is_some_and(|c| !r.clusters.contains(c))
        || q.namespace
            .as_ref()
            .is_some_and(|n| !r.namespaces.contains(n))
        || q.workload
            .as_ref()
            .is_some_and(|w| !r.workloads.iter().any(|x| x.name == *w))
    {
        return false;
    }
    q.image.as_ref().is_none_or(|text| {
        r.digests.contains(text) || r.references.iter().any(|x| x.contains(text.as_str()))
    })
}

/// Appends row `r`'s (at `index`, in digest order) sort key: words that
/// sort ascending in the order `keys` asks (negated for a descending column),
/// and the index last, so that no two rows tie.
fn sort_key(r: &ImageRow, index: u64, keys: &[ImageSortKey], out: &mut Vec<u64>) {
    let mut put = |word: u64, descending: bool| out.push(if descending { !word } else { word });
    let v = &r.vulnerabilities;
    for k in keys {
        let d = k.descending;
        match k.column {
            ImageColumn::Risk => {
                for word in [
                    r.risks.len() as u64,
                    r.critical_applicable,
                    r.malicious_packages,
                    v.critical,
                    v.high,
                    v.total(),
                ] {
                    put(word, d);
                }
                // The earlier digest ranks higher.
                put(index, !d);
            }
            ImageColumn::Digest => put(index, d),
            ImageColumn::Critical => put(v.critical, d),
            ImageColumn::High => put(v.high, d),
            ImageColumn::Vulnerabilities => put(v.total(), d),
            ImageColumn::CriticalApplicable => put(r.critical_applicable, d),
            ImageColumn::Malicious => put(r.malicious_packages, d),
            ImageColumn::Workloads => put(r.workloads.len() as u64, d),
            ImageColumn::Clusters => put(r.clusters.len() as u64, d),
        }
    }
    put(index, false);
}
