//! Querying the images view (built in `accumulate`).

use serde::{Deserialize, Serialize};

use super::row::ImageRow;
use crate::ingest::platform::Risk;
use crate::Severity;

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
impl ImagesView {
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
