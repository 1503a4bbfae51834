//! Building the table from an accumulator: alias groups into rows, images
//! into places, enrichment into signals.

use std::collections::BTreeSet;

use super::accumulate::{IdState, TableAccumulator};
use super::places::Places;
use super::row::{EpssSignal, KevSignal, MaliciousPackageRow, RowPackage, StopReason};
use super::transpose::by_row;
use crate::enrichment::Enrichment;
use crate::finding::aliases::alias_groups;
use crate::finding::{CvssScore, FindingIndex, IdKind, Interner, Package, Skipped};
use crate::funnel::{RuntimeValidation, Stage};
use crate::Severity;

/// A contiguous run of a table's shared lists.
pub(crate) type Span = (u32, u32);

/// One row, compact: what filters and sorts read, and where the rest is.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) name: u32,
    pub(crate) members: Span,
    pub(crate) stage: Stage,
    pub(crate) stopped: Option<StopReason>,
    pub(crate) severity: Severity,
    pub(crate) state: IdState,
    pub(crate) images: Span,
    pub(crate) packages: Span,
    pub(crate) sources: Span,
    pub(crate) cvss: Span,
    pub(crate) image_count: u32,
    pub(crate) workload_count: u32,
    pub(crate) cluster_count: u32,
    pub(crate) loaded_images: u32,
    pub(crate) epss: Option<EpssSignal>,
    pub(crate) kev: Option<KevSignal>,
}

/// The vulnerability table: one row per distinct vulnerability (alias group)
/// on scanned running images, built with the funnel's own rules, so that the
/// rows that reached a stage are the funnel's count for it. Build it once
/// ([`build`](Self::build), or [`TableAccumulator::finish`]) and query it
/// many times ([`query`](Self::query)).
#[derive(Debug, Clone)]
pub struct VulnerabilityTable {
    pub(crate) rows: Vec<Row>,
    pub(crate) names: Interner,
    pub(crate) members: Vec<u32>,
    /// `image << 1 | loaded`.
    pub(crate) row_images: Vec<u32>,
    pub(crate) row_packages: Vec<(u32, u32)>,
    pub(crate) packages: Vec<Package>,
    pub(crate) fixes: Interner,
    pub(crate) sources: Interner,
    pub(crate) row_sources: Vec<u32>,
    pub(crate) row_cvss: Vec<CvssScore>,
    pub(crate) places: Places,
    pub(crate) malicious: Vec<MaliciousPackageRow>,
    pub(crate) skipped: Skipped,
    pub(crate) occurrences: u64,
    pub(crate) validation: RuntimeValidation,
    /// What most filters read, sixteen bytes a row: a filter pass reads these
    /// and not the rows.
    pub(crate) quick: Vec<Quick>,
    /// The rows in the default priority order: a default query walks it
    /// and stops at the page's end.
    pub(crate) priority: Vec<u32>,
}

/// The facts of a row that most filters read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Quick {
    pub(crate) stage: u8,
    /// The severity's position in `Severity::ALL`.
    pub(crate) severity: u8,
    /// The stop reason's position in `StopReason::ALL`, or `u8::MAX`.
    pub(crate) stopped: u8,
    pub(crate) applicability: u8,
    pub(crate) fix: u8,
    pub(crate) runtime: u8,
    pub(crate) kev: bool,
    /// The EPSS score, or a negative number without one.
    pub(crate) epss: f64,
}

impl Quick {
    fn of(row: &Row) -> Quick {
        Quick {
            stage: row.stage.depth(),
            severity: Severity::ALL
                .iter()
                .position(|s| *s == row.severity)
                .and_then(|p| u8::try_from(p).ok())
                .unwrap_or(u8::MAX),
            stopped: row.stopped.map_or(u8::MAX, |r| r as u8),
            applicability: row.state.applicability,
            fix: row.state.fix,
            runtime: row.state.runtime,
            kev: row.kev.is_some(),
            epss: row.epss.as_ref().map_or(-1.0, |e| e.score),
        }
    }
}

fn span(start: usize, end: usize) -> Span {
    (
        u32::try_from(start).unwrap_or(u32::MAX),
        u32::try_from(end).unwrap_or(u32::MAX),
    )
}

impl TableAccumulator {
    /// The table of everything added, over `index`'s running images, with
    /// the runtime stage shown or not and the EPSS and KEV signals of
    /// `enrichment` when given.
    pub fn finish(
        &self,
        index: &FindingIndex,
        validation: RuntimeValidation,
        enrichment: Option<&Enrichment>,
    ) -> VulnerabilityTable {
        let names = index.vulnerabilities.clone();
        let groups = alias_groups(&names, &index.aliases);
        // Per group root: the merged state.
        let mut group_state = vec![IdState::default(); groups.len()];
        for (id, &root) in groups.iter().enumerate() {
            let state = self.ids.get(id).copied().unwrap_or_default();
            if let Some(g) = group_state.get_mut(root as usize) {
                g.merge(state);
            }
        }
        // Members of each group that reached a stage, by root.
        let mut member_lists: Vec<(u32, Vec<u32>)> = Vec::new();
        let mut list_of_root = vec![u32::MAX; groups.len()];
        for (id, &root) in groups.iter().enumerate() {
            if group_state.get(root as usize).is_none_or(|g| g.stage == 0) {
                continue;
            }
            let Some(slot) = list_of_root.get_mut(root as usize) else {
                continue;
            };
            if *slot == u32::MAX {
                *slot = u32::try_from(member_lists.len()).unwrap_or(u32::MAX);
                member_lists.push((root, Vec::new()));
            }
            if let Some((_, list)) = member_lists.get_mut(*slot as usize) {
                list.push(u32::try_from(id).unwrap_or(u32::MAX));
            }
        }
        // The row's id: the CVE when there is one, else the smallest id.
        let name = |id: u32| names.name(id).unwrap_or_default();
        let mut groups_named: Vec<(u32, u32, Vec<u32>)> = member_lists
            .into_iter()
            .map(|(root, mut members)| {
                members.sort_by(|&a, &b| name(a).cmp(name(b)));
                let head = members
                    .iter()
                    .copied()
                    .find(|&m| IdKind::of(name(m)) == IdKind::Cve)
                    .or_else(|| members.first().copied())
                    .unwrap_or(root);
                members.retain(|&m| m != head);
                (head, root, members)
            })
            .collect();
        // Ids are distinct: an unstable sort gives the one order.
        groups_named.sort_unstable_by(|a, b| name(a.0).cmp(name(b.0)));
        let mut row_of_root = vec![u32::MAX; groups.len()];
        for (row, (_, root, _)) in groups_named.iter().enumerate() {
            if let Some(slot) = row_of_root.get_mut(*root as usize) {
                *slot = u32::try_from(row).unwrap_or(u32::MAX);
            }
        }
        let row_of: Vec<u32> = groups
            .iter()
            .map(|&root| row_of_root.get(root as usize).copied().unwrap_or(u32::MAX))
            .collect();
        let row_of_id = |id: u32| -> Option<usize> {
            let row = *row_of.get(id as usize)?;
            (row != u32::MAX).then_some(row as usize)
        };
        let rows_total = groups_named.len();

        // Images per row, deduplicated, loaded if seen loaded on any.
        let (image_starts, mut images) = by_row(rows_total, &self.placements, |p: u64| {
            let row = *row_of.get((p >> 32) as usize)?;
            (row != u32::MAX).then_some((row, (p & 0xFFFF_FFFF) as u32))
        });
        // Deduplicated in place: the same image twice in a row's run (a
        // second package, a loaded and a not-loaded occurrence) is one,
        // loaded if either was.
        let mut image_spans = Vec::with_capacity(rows_total);
        let mut write = 0usize;
        for row in 0..rows_total {
            let start = image_starts.get(row).copied().unwrap_or(0);
            let end = image_starts.get(row + 1).copied().unwrap_or(start);
            if let Some(list) = images.get_mut(start..end) {
                // Occurrences read report by report arrive image by image:
                // each row's images are then in order already.
                if !list.is_sorted() {
                    list.sort_unstable();
                }
            }
            let from = write;
            for read in start..end {
                let Some(&p) = images.get(read) else {
                    break;
                };
                let last = write
                    .checked_sub(1)
                    .filter(|&w| w >= from)
                    .and_then(|w| images.get(w).copied());
                match last {
                    Some(l) if l >> 1 == p >> 1 => {
                        if let Some(slot) = images.get_mut(write - 1) {
                            *slot |= p & 1;
                        }
                    }
                    _ => {
                        if let Some(slot) = images.get_mut(write) {
                            *slot = p;
                        }
                        write += 1;
                    }
                }
            }
            image_spans.push(span(from, write));
        }
        images.truncate(write);
        images.shrink_to_fit();
        let row_images = images;

        // Packages, severity sources and CVSS scores per row.
        let mut details: Vec<(usize, u32, u32)> = self
            .details
            .iter()
            .filter_map(|&(v, p, f)| Some((row_of_id(v)?, p, f)))
            .collect();
        details.sort_unstable();
        details.dedup();
        let mut sources: Vec<(usize, u32)> = self
            .source_pairs
            .iter()
            .filter_map(|&(v, s)| Some((row_of_id(v)?, s)))
            .collect();
        sources.sort_unstable_by(|a, b| {
            (a.0, self.sources.name(a.1)).cmp(&(b.0, self.sources.name(b.1)))
        });
        sources.dedup();
        let mut cvss: Vec<(usize, &CvssScore)> = self
            .cvss
            .iter()
            .filter_map(|(v, s)| Some((row_of_id(*v)?, s)))
            .collect();
        cvss.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| a.1.source.cmp(&b.1.source))
                .then_with(|| a.1.version.cmp(&b.1.version))
                .then_with(|| a.1.score.total_cmp(&b.1.score))
                .then_with(|| a.1.vector.cmp(&b.1.vector))
        });
        cvss.dedup();

        let places = Places::of(index);
        let sole = places.sole();
        let mut seen_workload = vec![u32::MAX; places.workloads.len()];
        let mut seen_cluster = vec![u32::MAX; places.clusters.len()];
        let mut rows = Vec::with_capacity(rows_total);
        let mut members = Vec::new();
        let mut row_packages = Vec::with_capacity(details.len());
        let mut row_sources = Vec::with_capacity(sources.len());
        let mut row_cvss = Vec::with_capacity(cvss.len());
        let (mut d, mut s, mut c) = (0, 0, 0);
        for (row, (head, root, others)) in groups_named.iter().enumerate() {
            let state = group_state.get(*root as usize).copied().unwrap_or_default();
            let member_from = members.len();
            members.push(*head);
            members.extend_from_slice(others);
            let images = image_spans.get(row).copied().unwrap_or((0, 0));
            let mut workload_count = 0;
            let mut cluster_count = 0;
            let mut loaded_images = 0;
            let row_mark = u32::try_from(row).unwrap_or(u32::MAX);
            for &p in row_images
                .get(images.0 as usize..images.1 as usize)
                .unwrap_or(&[])
            {
                loaded_images += p & 1;
                let image = p >> 1;
                let count = |seen: &mut [u32], id: u32, n: &mut u32| {
                    if let Some(mark) = seen.get_mut(id as usize) {
                        if *mark != row_mark {
                            *mark = row_mark;
                            *n += 1;
                        }
                    }
                };
                match sole.get(image as usize).copied() {
                    Some(packed) if packed != u64::MAX => {
                        count(
                            &mut seen_workload,
                            (packed >> 32) as u32,
                            &mut workload_count,
                        );
                        count(&mut seen_cluster, packed as u32, &mut cluster_count);
                    }
                    _ => {
                        for &w in places.workloads_of(image) {
                            count(&mut seen_workload, w, &mut workload_count);
                        }
                        for &k in places.clusters_of(image) {
                            count(&mut seen_cluster, k, &mut cluster_count);
                        }
                    }
                }
            }
            let package_from = row_packages.len();
            while let Some(&(r, p, f)) = details.get(d) {
                if r != row {
                    break;
                }
                row_packages.push((p, f));
                d += 1;
            }
            let source_from = row_sources.len();
            while let Some(&(r, source)) = sources.get(s) {
                if r != row {
                    break;
                }
                row_sources.push(source);
                s += 1;
            }
            let cvss_from = row_cvss.len();
            while let Some(&(r, score)) = cvss.get(c) {
                if r != row {
                    break;
                }
                row_cvss.push(score.clone());
                c += 1;
            }
            let (stage, stopped) = stage_and_reason(state, validation);
            let (epss, kev) = match enrichment {
                Some(e) => signals(e, members.get(member_from..).unwrap_or(&[]), &names),
                None => (None, None),
            };
            rows.push(Row {
                name: *head,
                members: span(member_from, members.len()),
                stage,
                stopped,
                severity: severity_of(state.severity),
                state,
                images,
                packages: span(package_from, row_packages.len()),
                sources: span(source_from, row_sources.len()),
                cvss: span(cvss_from, row_cvss.len()),
                image_count: images.1 - images.0,
                workload_count,
                cluster_count,
                loaded_images,
                epss,
                kev,
            });
        }
        let malicious = self.malicious_rows(&places);
        let quick = rows.iter().map(Quick::of).collect();
        let mut table = VulnerabilityTable {
            quick,
            priority: Vec::new(),
            rows,
            names,
            members,
            row_images,
            row_packages,
            packages: self.packages.clone(),
            fixes: self.fixes.clone(),
            sources: self.sources.clone(),
            row_sources,
            row_cvss,
            places,
            malicious,
            skipped: self.skipped,
            occurrences: self.occurrences,
            validation,
        };
        table.priority = table.priority_order();
        table
    }

    fn malicious_rows(&self, places: &Places) -> Vec<MaliciousPackageRow> {
        let mut by_package: std::collections::BTreeMap<u32, (BTreeSet<String>, BTreeSet<u32>)> =
            Default::default();
        for &(package, image, id) in &self.malicious {
            let entry = by_package.entry(package).or_default();
            entry
                .0
                .insert(self.malicious_ids.name(id).unwrap_or_default().to_owned());
            entry.1.insert(image);
        }
        let mut rows: Vec<MaliciousPackageRow> = by_package
            .into_iter()
            .filter_map(|(package, (ids, images))| {
                let package = self.packages.get(package as usize)?;
                let workloads: BTreeSet<u32> = images
                    .iter()
                    .filter_map(|&i| places.images.get(i as usize))
                    .flat_map(|p| p.workloads.iter().copied())
                    .collect();
                Some(MaliciousPackageRow {
                    package: RowPackage::of(package, Vec::new()),
                    ids: ids.into_iter().collect(),
                    images: images.iter().map(|&i| places.row_image(i, false)).collect(),
                    workload_count: workloads.len() as u64,
                })
            })
            .collect();
        rows.sort_by(|a, b| a.package.cmp(&b.package));
        rows
    }
}

/// The severity of a stored rank plus one (0, none stored, is Unknown).
pub(crate) fn severity_of(stored: u8) -> Severity {
    Severity::from_rank(stored.saturating_sub(1))
}

/// The stage a group reached and why it stopped there, as the funnel reads
/// it: a missing fact (undecided) is the reason whenever one of the
/// occurrences at that stage lacked it, else the verdict.
pub(crate) fn stage_and_reason(
    state: IdState,
    validation: RuntimeValidation,
) -> (Stage, Option<StopReason>) {
    let last = if validation.is_available() { 5 } else { 4 };
    let depth = state.stage.clamp(1, last);
    let stage = Stage::ALL
        .get(usize::from(depth - 1))
        .copied()
        .unwrap_or(Stage::All);
    if depth == last {
        return (stage, None);
    }
    let has = |r: StopReason| state.stopped & (1 << r as u8) != 0;
    let reason = match depth {
        1 => StopReason::NotCriticalHigh,
        2 if has(StopReason::ApplicabilityUndecided) => StopReason::ApplicabilityUndecided,
        2 => StopReason::NotApplicable,
        3 if has(StopReason::FixUnknown) => StopReason::FixUnknown,
        3 => StopReason::NoFix,
        _ if has(StopReason::RuntimeUnavailable) => StopReason::RuntimeUnavailable,
        _ => StopReason::NotLoaded,
    };
    (stage, Some(reason))
}

/// The EPSS and KEV signals of a group: the highest score among its CVE ids,
/// and the first of them the catalog lists.
fn signals(
    enrichment: &Enrichment,
    members: &[u32],
    names: &Interner,
) -> (Option<EpssSignal>, Option<KevSignal>) {
    let mut epss: Option<EpssSignal> = None;
    let mut kev = None;
    for name in members.iter().filter_map(|&m| names.name(m)) {
        if IdKind::of(name) != IdKind::Cve {
            continue;
        }
        if let Some(score) = enrichment.epss_of(name) {
            if epss.as_ref().is_none_or(|e| score.score > e.score) {
                epss = Some(EpssSignal {
                    cve: name.to_owned(),
                    score: score.score,
                    percentile: score.percentile,
                });
            }
        }
        if kev.is_none() {
            kev = enrichment.kev_of(name).map(|k| KevSignal {
                cve: name.to_owned(),
                date_added: k.date_added.clone(),
                due_date: k.due_date.clone(),
                known_ransomware_use: k.known_ransomware_use,
            });
        }
    }
    (epss, kev)
}
