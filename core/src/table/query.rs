//! Querying the vulnerability table: filters, sorts and pages.

use serde::{Deserialize, Serialize};

use super::accumulate::TableAccumulator;
use super::build::{Quick, Row, VulnerabilityTable};
use super::row::{MaliciousPackageRow, RowPackage, StopReason, VulnerabilityRow};
use crate::enrichment::Enrichment;
use crate::finding::{
    Applicability, FindingIndex, FixState, Occurrence, RunningImage, RuntimeEvidence, Skipped,
};
use crate::funnel::{RuntimeValidation, Stage};
use crate::Severity;

/// A column to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Column {
    /// The documented priority: stage reached, then known exploited,
    /// severity, EPSS score, affected workloads, each highest first, then the
    /// id; `descending: false` reverses it.
    Priority,
    /// The row's id, in byte order.
    Id,
    /// The highest severity.
    Severity,
    /// The deepest stage reached.
    Stage,
    /// The EPSS score (rows without one below every score).
    Epss,
    /// Whether it is known exploited.
    Kev,
    /// How many images it is on.
    Images,
    /// How many workloads run those images.
    Workloads,
    /// How many clusters run those images.
    Clusters,
    /// On how many images it was seen loaded.
    LoadedImages,
    /// How many packages it is found in.
    Packages,
}

/// One sort key: a column and its direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SortKey {
    /// The column.
    pub column: Column,
    /// Highest first (the default).
    #[serde(default = "yes")]
    pub descending: bool,
}

fn yes() -> bool {
    true
}

/// What to show of a table: filters (all must hold; a list holds when the
/// row has any of its values), a sort and a page. The default shows every row
/// in priority order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct TableQuery {
    /// Rows that reached at least this stage: the drill-down from a funnel
    /// stage (`applicable` gives the Applicable stage's rows).
    pub stage: Option<Stage>,
    /// Rows whose deepest stage is exactly this one.
    pub stopped_at: Option<Stage>,
    /// Rows that stopped for one of these reasons.
    pub stopped: Vec<StopReason>,
    /// Rows of one of these severities.
    pub severity: Vec<Severity>,
    /// Rows with an occurrence of one of these applicabilities.
    pub applicability: Vec<Applicability>,
    /// Rows with an occurrence of one of these fix states.
    pub fix: Vec<FixState>,
    /// Rows with an occurrence of one of these runtime evidences.
    pub runtime: Vec<RuntimeEvidence>,
    /// Rows on an image running in this cluster.
    pub cluster: Option<String>,
    /// Rows on an image running in a namespace of this name.
    pub namespace: Option<String>,
    /// Rows on an image a workload of this name runs.
    pub workload: Option<String>,
    /// Rows on an image with this digest, or deployed by a reference
    /// containing this text.
    pub image: Option<String>,
    /// Rows found in a package whose name contains this text (any case).
    pub package: Option<String>,
    /// Rows whose id or an alias contains this text (any case).
    pub id: Option<String>,
    /// Rows known exploited (`true`) or not (`false`).
    pub kev: Option<bool>,
    /// Rows with an EPSS score of at least this.
    pub min_epss: Option<f64>,
    /// The sort, first key first; empty is the priority.
    pub sort: Vec<SortKey>,
    /// Rows to skip.
    pub offset: usize,
    /// The most rows to return; none returns every row after the offset.
    pub limit: Option<usize>,
    /// The most images listed per row (its `image_count` counts them all):
    /// a vulnerability on 40,000 images is a page of its own otherwise.
    /// Default 10; [`VulnerabilityTable::rows`] lists every image.
    #[serde(default = "ten")]
    pub images_per_row: usize,
}

fn ten() -> usize {
    10
}

impl Default for TableQuery {
    /// Every row, in priority order, ten images a row.
    fn default() -> Self {
        TableQuery {
            stage: None,
            stopped_at: None,
            stopped: Vec::new(),
            severity: Vec::new(),
            applicability: Vec::new(),
            fix: Vec::new(),
            runtime: Vec::new(),
            cluster: None,
            namespace: None,
            workload: None,
            image: None,
            package: None,
            id: None,
            kev: None,
            min_epss: None,
            sort: Vec::new(),
            offset: 0,
            limit: None,
            images_per_row: ten(),
        }
    }
}

/// One page of a query's rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TablePage {
    /// How many rows the filters keep, over all pages.
    pub total: u64,
    /// The offset asked for.
    pub offset: u64,
    /// The rows of this page, in order.
    pub rows: Vec<VulnerabilityRow>,
}

impl VulnerabilityTable {
    /// The table of the findings on the running images, in one call.
    ///
    /// ```
    /// use kubesight::finding::{Occurrence, RunningImage};
    /// use kubesight::funnel::{RuntimeValidation, Stage};
    /// use kubesight::table::{StopReason, TableQuery, VulnerabilityTable};
    /// let digest = format!("sha256:{}", "ab".repeat(32));
    /// let running: Vec<RunningImage> = serde_json::from_value(serde_json::json!([{
    ///     "digests": [digest], "scanned": true,
    ///     "deployments": [{"cluster": "prod", "namespace": "shop", "kind": "Deployment",
    ///                      "workload": "cart", "reference": "cart:1.4"}]}]))?;
    /// let findings: Vec<Occurrence> = serde_json::from_value(serde_json::json!([
    ///     {"image": [digest], "vulnerability": "GHSA-aaaa-bbbb-cccc", "aliases": ["CVE-2024-1"],
    ///      "severity": "critical", "applicability": "not_scanned",
    ///      "package": {"name": "openssl", "version": "3.0.1"}},
    ///     {"image": [digest], "vulnerability": "CVE-2024-2", "severity": "low"}]))?;
    /// let table = VulnerabilityTable::build(&running, &findings, RuntimeValidation::Unavailable, None);
    /// let page = table.query(&TableQuery { stage: Some(Stage::CriticalHigh), ..TableQuery::default() });
    /// let row = &page.rows[0];
    /// assert_eq!((page.total, row.id.as_str()), (1, "CVE-2024-1"));
    /// assert_eq!(row.stopped, Some(StopReason::ApplicabilityUndecided));
    /// assert_eq!(row.images[0].workloads[0].name, "cart");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn build(
        running: &[RunningImage],
        findings: &[Occurrence],
        validation: RuntimeValidation,
        enrichment: Option<&Enrichment>,
    ) -> VulnerabilityTable {
        let mut index = FindingIndex::new(running);
        let mut accumulator = TableAccumulator::new();
        accumulator.add_occurrences(&mut index, findings);
        accumulator.finish(&index, validation, enrichment)
    }

    /// How many rows it has.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether it has no row.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Whether the runtime stage is shown.
    pub fn runtime_validation(&self) -> RuntimeValidation {
        self.validation
    }

    /// Occurrences counted, and those left out.
    pub fn occurrences(&self) -> (u64, Skipped) {
        (self.occurrences, self.skipped)
    }

    /// Every row, in id order.
    pub fn rows(&self) -> Vec<VulnerabilityRow> {
        self.rows
            .iter()
            .map(|r| self.materialize(r, None))
            .collect()
    }

    /// How many rows reached each stage shown, in funnel order: the funnel's
    /// counts of distinct vulnerabilities.
    pub fn stage_counts(&self) -> Vec<(Stage, u64)> {
        let last = if self.validation.is_available() { 5 } else { 4 };
        Stage::ALL
            .iter()
            .filter(|s| s.depth() <= last)
            .map(|&s| {
                let n = self.rows.iter().filter(|r| r.stage >= s).count() as u64;
                (s, n)
            })
            .collect()
    }

    /// The malicious packages on running images: never vulnerability rows.
    pub fn malicious_packages(&self) -> &[MaliciousPackageRow] {
        &self.malicious
    }

    /// The rows in the default priority order.
    pub(crate) fn priority_order(&self) -> Vec<u32> {
        let everything = TableQuery {
            images_per_row: 0,
            ..TableQuery::default()
        };
        let all: Vec<u32> = (0..self.rows.len())
            .filter_map(|i| u32::try_from(i).ok())
            .collect();
        self.order(all, &everything, usize::MAX)
    }

    /// Whether row `i` passes the filter.
    fn passes(&self, filter: &Filter<'_>, i: usize) -> bool {
        self.quick.get(i).is_some_and(|q| filter.keeps_quick(q))
            && (!filter.slow || self.rows.get(i).is_some_and(|r| filter.keeps(self, r)))
    }

    /// The rows the query keeps, sorted and paged.
    pub fn query(&self, query: &TableQuery) -> TablePage {
        let filter = Filter::of(self, query);
        let default_order = query.sort.is_empty()
            || query.sort
                == [SortKey {
                    column: Column::Priority,
                    descending: true,
                }];
        let end = query
            .limit
            .map_or(usize::MAX, |l| query.offset.saturating_add(l));
        let kept: Vec<u32> = if default_order && self.priority.len() == self.rows.len() {
            // Count in storage order (one pass over the quick facts), then
            // walk the rows in priority order until the page is full.
            let total = (0..self.rows.len())
                .filter(|&i| self.passes(&filter, i))
                .count();
            let page: Vec<u32> = self
                .priority
                .iter()
                .copied()
                .filter(|&i| self.passes(&filter, i as usize))
                .take(end)
                .collect();
            return self.page(page, total, query);
        } else {
            (0..self.rows.len())
                .filter(|&i| self.passes(&filter, i))
                .filter_map(|i| u32::try_from(i).ok())
                .collect()
        };
        let total = kept.len();
        let kept = self.order(kept, query, end);
        self.page(kept, total, query)
    }

    /// The first `end` of `kept`, sorted as `query` asks.
    fn order(&self, kept: Vec<u32>, query: &TableQuery, end: usize) -> Vec<u32> {
        let keys: Vec<SortKey> = if query.sort.is_empty() {
            vec![SortKey {
                column: Column::Priority,
                descending: true,
            }]
        } else {
            query.sort.clone()
        };
        // Each kept row's sort key, computed once: comparing two rows then
        // compares two runs of words, not two rows' scattered fields.
        let mut columns: Vec<SortKey> = Vec::new();
        for key in keys {
            // A column again after itself orders nothing more.
            if !columns.iter().any(|c| c.column == key.column) {
                columns.push(key);
            }
        }
        let stride = columns
            .iter()
            .map(|c| if c.column == Column::Priority { 6 } else { 1 })
            .sum::<usize>()
            + 1;
        let mut words = Vec::with_capacity(kept.len() * stride);
        for &i in &kept {
            if let Some(row) = self.rows.get(i as usize) {
                self.sort_key(row, i, &columns, &mut words);
            }
        }
        let key = |i: usize| words.get(i * stride..(i + 1) * stride).unwrap_or(&[]);
        let mut order: Vec<u32> = (0..kept.len())
            .filter_map(|i| u32::try_from(i).ok())
            .collect();
        let compare = |a: &u32, b: &u32| key(*a as usize).cmp(key(*b as usize));
        let end = end.min(order.len());
        if end < order.len() && end > 0 {
            order.select_nth_unstable_by(end - 1, compare);
            order.truncate(end);
        }
        order.sort_unstable_by(compare);
        order
            .into_iter()
            .filter_map(|o| kept.get(o as usize).copied())
            .collect()
    }

    /// The page of sorted rows `sorted` (the first rows, through the
    /// page's end), of `total` kept.
    fn page(&self, sorted: Vec<u32>, total: usize, query: &TableQuery) -> TablePage {
        let rows = sorted
            .iter()
            .skip(query.offset)
            .filter_map(|&i| self.rows.get(i as usize))
            .map(|r| self.materialize(r, Some(query.images_per_row)))
            .collect();
        TablePage {
            total: total as u64,
            offset: query.offset as u64,
            rows,
        }
    }

    /// Appends row `row`'s (at `index`, in id order) sort key: words that
    /// sort ascending in the order `keys` asks, one per column (negated for a
    /// descending one; the priority's six), and the index last, so that no
    /// two rows tie.
    fn sort_key(&self, row: &Row, index: u32, keys: &[SortKey], out: &mut Vec<u64>) {
        let mut put = |word: u64, descending: bool| out.push(if descending { !word } else { word });
        // An absent score sorts below every score.
        let epss = row.epss.as_ref().map_or(0, |e| 1 + e.score.to_bits());
        let stage = u64::from(row.stage.depth());
        let severity = u64::from(crate::table::build::severity_rank(row.severity));
        for k in keys {
            let d = k.descending;
            match k.column {
                Column::Priority => {
                    for word in [
                        stage,
                        u64::from(row.kev.is_some()),
                        severity,
                        epss,
                        u64::from(row.workload_count),
                    ] {
                        put(word, d);
                    }
                    // The earlier id ranks higher.
                    put(u64::from(index), !d);
                }
                Column::Id => put(u64::from(index), d),
                Column::Severity => put(severity, d),
                Column::Stage => put(stage, d),
                Column::Epss => put(epss, d),
                Column::Kev => put(u64::from(row.kev.is_some()), d),
                Column::Images => put(u64::from(row.image_count), d),
                Column::Workloads => put(u64::from(row.workload_count), d),
                Column::Clusters => put(u64::from(row.cluster_count), d),
                Column::LoadedImages => put(u64::from(row.loaded_images), d),
                Column::Packages => put(u64::from(row.packages.1 - row.packages.0), d),
            }
        }
        // Rows are stored in id order: the last tie-break.
        put(u64::from(index), false);
    }

    /// A row's packages, sorted (name, version, ...), whatever order they
    /// were interned in.
    fn row_packages_of(&self, row: &Row) -> Vec<RowPackage> {
        let mut packages: Vec<RowPackage> = Self::slice(&self.row_packages, row.packages)
            .iter()
            .filter_map(|&(p, f)| {
                let fixes = self.fixes.name(f).unwrap_or_default();
                let versions = if fixes.is_empty() {
                    Vec::new()
                } else {
                    fixes.split('\u{1f}').map(String::from).collect()
                };
                Some(RowPackage::of(self.packages.get(p as usize)?, versions))
            })
            .collect();
        packages.sort();
        packages
    }

    pub(crate) fn slice<T>(list: &[T], span: (u32, u32)) -> &[T] {
        list.get(span.0 as usize..span.1 as usize).unwrap_or(&[])
    }

    fn materialize(&self, row: &Row, images: Option<usize>) -> VulnerabilityRow {
        let name = |id: u32| self.names.name(id).unwrap_or_default().to_owned();
        let members = Self::slice(&self.members, row.members);
        let mut aliases: Vec<String> = members.iter().skip(1).map(|&m| name(m)).collect();
        aliases.sort();
        let bits = |mask: u8, count: usize| (0..count).filter(move |i| mask & (1 << i) != 0);
        VulnerabilityRow {
            id: name(row.name),
            aliases,
            severity: row.severity,
            severity_sources: Self::slice(&self.row_sources, row.sources)
                .iter()
                .filter_map(|&s| self.sources.name(s).map(String::from))
                .collect(),
            cvss: Self::slice(&self.row_cvss, row.cvss).to_vec(),
            stage: row.stage,
            stopped: row.stopped,
            applicability: bits(row.state.applicability, 7)
                .filter_map(|i| Applicability::ALL.get(i).copied())
                .collect(),
            fix_states: bits(row.state.fix, 4)
                .filter_map(|i| FixState::ALL.get(i).copied())
                .collect(),
            runtime: bits(row.state.runtime, 3)
                .filter_map(|i| RuntimeEvidence::ALL.get(i).copied())
                .collect(),
            packages: self.row_packages_of(row),
            images: Self::slice(&self.row_images, row.images)
                .iter()
                .take(images.unwrap_or(usize::MAX))
                .map(|&p| self.places.row_image(p >> 1, p & 1 == 1))
                .collect(),
            image_count: u64::from(row.image_count),
            workload_count: u64::from(row.workload_count),
            cluster_count: u64::from(row.cluster_count),
            loaded_images: u64::from(row.loaded_images),
            epss: row.epss.clone(),
            kev: row.kev.clone(),
        }
    }
}

/// A query's filters, resolved against one table's names once.
struct Filter<'q> {
    query: &'q TableQuery,
    severity: u8,
    applicability: u8,
    fix: u8,
    runtime: u8,
    stopped: u8,
    cluster: Option<Option<u32>>,
    namespace: Option<Option<u32>>,
    workloads: Option<Vec<u32>>,
    images: Option<Vec<bool>>,
    package: Option<String>,
    id: Option<String>,
    /// Whether a filter reads more than the rows' quick facts.
    slow: bool,
}

fn mask<T: PartialEq>(chosen: &[T], all: &[T]) -> u8 {
    all.iter()
        .enumerate()
        .filter(|(_, v)| chosen.contains(v))
        .fold(0, |m, (i, _)| m | (1 << i))
}

impl<'q> Filter<'q> {
    fn of(table: &VulnerabilityTable, query: &'q TableQuery) -> Filter<'q> {
        let places = &table.places;
        let images = query.image.as_ref().map(|text| {
            places
                .images
                .iter()
                .map(|p| {
                    p.digest == *text || p.references.iter().any(|r| r.contains(text.as_str()))
                })
                .collect()
        });
        let workloads = query.workload.as_ref().map(|name| {
            places
                .workloads
                .iter()
                .enumerate()
                .filter(|(_, w)| w.name == *name)
                .filter_map(|(i, _)| u32::try_from(i).ok())
                .collect()
        });
        Filter {
            query,
            severity: mask(&query.severity, &Severity::ALL),
            applicability: mask(&query.applicability, &Applicability::ALL),
            fix: mask(&query.fix, &FixState::ALL),
            runtime: mask(&query.runtime, &RuntimeEvidence::ALL),
            stopped: mask(&query.stopped, &StopReason::ALL),
            cluster: query.cluster.as_ref().map(|c| places.clusters.get(c)),
            namespace: query.namespace.as_ref().map(|n| places.namespaces.get(n)),
            workloads,
            images,
            package: query.package.as_ref().map(|p| p.to_lowercase()),
            id: query.id.as_ref().map(|i| i.to_lowercase()),
            slow: query.id.is_some()
                || query.package.is_some()
                || query.cluster.is_some()
                || query.namespace.is_some()
                || query.workload.is_some()
                || query.image.is_some(),
        }
    }

    /// The filters over the facts every row keeps in sixteen bytes.
    fn keeps_quick(&self, row: &Quick) -> bool {
        let q = self.query;
        let has = |m: u8, bit: u8| bit < 8 && m & (1 << bit) != 0;
        !(q.stage.is_some_and(|s| row.stage < s.depth())
            || q.stopped_at.is_some_and(|s| row.stage != s.depth())
            || (!q.stopped.is_empty() && !has(self.stopped, row.stopped))
            || (!q.severity.is_empty() && !has(self.severity, row.severity))
            || (!q.applicability.is_empty() && row.applicability & self.applicability == 0)
            || (!q.fix.is_empty() && row.fix & self.fix == 0)
            || (!q.runtime.is_empty() && row.runtime & self.runtime == 0)
            || q.kev.is_some_and(|k| k != row.kev)
            || q.min_epss
                .is_some_and(|min| row.epss < min || row.epss < 0.0))
    }

    /// The filters that read a row's ids, packages and images.
    fn keeps(&self, table: &VulnerabilityTable, row: &Row) -> bool {
        if let Some(text) = &self.id {
            let matches = VulnerabilityTable::slice(&table.members, row.members)
                .iter()
                .filter_map(|&m| table.names.name(m))
                .any(|n| n.to_lowercase().contains(text.as_str()));
            if !matches {
                return false;
            }
        }
        if let Some(text) = &self.package {
            let matches = VulnerabilityTable::slice(&table.row_packages, row.packages)
                .iter()
                .filter_map(|&(p, _)| table.packages.get(p as usize))
                .any(|p| p.name.to_lowercase().contains(text.as_str()));
            if !matches {
                return false;
            }
        }
        if self.cluster.is_none()
            && self.namespace.is_none()
            && self.workloads.is_none()
            && self.images.is_none()
        {
            return true;
        }
        let places = VulnerabilityTable::slice(&table.row_images, row.images)
            .iter()
            .map(|&p| p >> 1);
        let mut cluster_ok = self.cluster.is_none();
        let mut namespace_ok = self.namespace.is_none();
        let mut workload_ok = self.workloads.is_none();
        let mut image_ok = self.images.is_none();
        for image in places {
            let Some(place) = table.places.images.get(image as usize) else {
                continue;
            };
            if let Some(c) = self.cluster {
                cluster_ok |= c.is_some_and(|c| place.clusters.contains(&c));
            }
            if let Some(n) = self.namespace {
                namespace_ok |= n.is_some_and(|n| place.namespaces.contains(&n));
            }
            if let Some(w) = &self.workloads {
                workload_ok |= place.workloads.iter().any(|x| w.contains(x));
            }
            if let Some(i) = &self.images {
                image_ok |= i.get(image as usize).copied().unwrap_or(false);
            }
        }
        cluster_ok && namespace_ok && workload_ok && image_ok
    }
}
