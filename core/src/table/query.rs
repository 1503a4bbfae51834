//! Querying the vulnerability table: filters, sorts and pages.

use super::accumulate::TableAccumulator;
use super::build::{Row, VulnerabilityTable};
use super::filter::Filter;
use super::request::{Column, SortKey, TablePage, TableQuery};
use super::row::{EpssSignal, KevSignal, MaliciousPackageRow, RowPackage, VulnerabilityRow};
use crate::enrichment::Enrichment;
use crate::finding::{
    Applicability, FindingIndex, FixState, Occurrence, RunningImage, RuntimeEvidence, Skipped,
};
use crate::funnel::{RuntimeValidation, Stage};

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
        // The priority's words (see `sort_key`) packed into one number,
        // highest first, and the row (in id order) as the tie-break: one
        // comparison of two words rather than of two runs of seven.
        let mut keyed: Vec<(u128, u32)> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let epss = self
                    .epss_of(row)
                    .as_ref()
                    .map_or(0, |e| e.score.to_bits().saturating_add(1));
                let key = (u128::from(row.stage.depth()) << 100)
                    | (u128::from(self.kev_of(row).is_some()) << 99)
                    | (u128::from(row.severity.rank()) << 96)
                    | (u128::from(epss) << 32)
                    | u128::from(row.workload_count);
                (!key, u32::try_from(i).unwrap_or(u32::MAX))
            })
            .collect();
        rayon::slice::ParallelSliceMut::par_sort_unstable(keyed.as_mut_slice());
        keyed.into_iter().map(|(_, i)| i).collect()
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
        let epss = self
            .epss_of(row)
            .as_ref()
            .map_or(0, |e| e.score.to_bits().saturating_add(1));
        let stage = u64::from(row.stage.depth());
        let severity = u64::from(row.severity.rank());
        for k in keys {
            let d = k.descending;
            match k.column {
                Column::Priority => {
                    for word in [
                        stage,
                        u64::from(self.kev_of(row).is_some()),
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
                Column::Kev => put(u64::from(self.kev_of(row).is_some()), d),
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

    fn epss_of(&self, row: &Row) -> Option<&EpssSignal> {
        self.signals
            .get(row.signals as usize)
            .and_then(|(e, _)| e.as_ref())
    }

    fn kev_of(&self, row: &Row) -> Option<&KevSignal> {
        self.signals
            .get(row.signals as usize)
            .and_then(|(_, k)| k.as_ref())
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
            epss: self.epss_of(row).cloned(),
            kev: self.kev_of(row).cloned(),
        }
    }
}
