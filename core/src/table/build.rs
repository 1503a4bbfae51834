//! Building the table from an accumulator: alias groups into rows, images
//! into places, enrichment into signals.

use std::collections::BTreeSet;

use super::accumulate::TableAccumulator;
use super::counts::Layout;
use super::groups::RowGroups;
use super::places::Places;
use super::row::{EpssSignal, KevSignal, MaliciousPackageRow, RowPackage, StopReason};
use super::state::IdState;
use super::transpose::{dedup_run, ImagesById};
use crate::enrichment::Enrichment;
use crate::finding::aliases::alias_groups;
use crate::finding::{CvssScore, FindingIndex, IdKind, Interner, Names, Package, Skipped};
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
    /// Its EPSS and KEV signals' place in the table's `signals`
    /// (`u32::MAX`: none): most rows have none, and the row stays small.
    pub(crate) signals: u32,
}

/// The vulnerability table: one row per distinct vulnerability (alias group)
/// on scanned running images, built with the funnel's own rules, so that the
/// rows that reached a stage are the funnel's count for it. Build it once
/// ([`build`](Self::build), or [`TableAccumulator::finish`]) and query it
/// many times ([`query`](Self::query)).
#[derive(Debug, Clone)]
pub struct VulnerabilityTable {
    pub(crate) rows: Vec<Row>,
    pub(crate) names: Names,
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
    /// The rows' EPSS and KEV signals.
    pub(crate) signals: Vec<(Option<EpssSignal>, Option<KevSignal>)>,
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
    fn of(row: &Row, signals: Option<&(Option<EpssSignal>, Option<KevSignal>)>) -> Quick {
        let (epss, kev) = signals.map_or((None, None), |(e, k)| (e.as_ref(), k.as_ref()));
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
            kev: kev.is_some(),
            epss: epss.map_or(-1.0, |e| e.score),
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
        let names = &index.vulnerabilities;
        // The places and the rows' groups first, on two threads; then the
        // images of each id, counted over the places, on every thread.
        let (places, groups) = rayon::join(
            || Places::of(index),
            || RowGroups::of(&alias_groups(names, &index.aliases), &self.ids, names),
        );
        let layout = Layout::of(&places);
        let by_id = ImagesById::of(self, &layout);
        let row_of = groups.row_of(names.len().max(self.ids.len()));
        let row_of_id = |id: u32| -> Option<usize> {
            let row = *row_of.get(id as usize)?;
            (row != u32::MAX).then_some(row as usize)
        };
        let rows_total = groups.len();

        // Images per row: its id's run, or its members' runs merged, and
        // what they count.
        let mut image_spans = Vec::with_capacity(rows_total);
        let mut counts = Vec::with_capacity(rows_total);
        let mut merged = Vec::new();
        let mut gathered = Vec::new();
        let shared = by_id.images.len();
        let mut marks = None;
        for row in 0..rows_total {
            match groups.of_row(row) {
                [one] => {
                    image_spans.push(by_id.span_of(*one));
                    counts.push(by_id.counts_of(*one));
                }
                members => {
                    gathered.clear();
                    for &m in members {
                        gathered.extend_from_slice(by_id.of_id(m));
                    }
                    let kept = dedup_run(&mut gathered);
                    let run = gathered.get(..kept).unwrap_or(&[]);
                    let marks = marks.get_or_insert_with(|| layout.marks());
                    let stamp = u32::try_from(row).unwrap_or(u32::MAX);
                    counts.push(layout.count(marks, run, stamp));
                    let from = shared + merged.len();
                    merged.extend_from_slice(run);
                    image_spans.push(span(from, shared + merged.len()));
                }
            }
        }
        drop(layout);
        let mut row_images = by_id.images;
        row_images.extend_from_slice(&merged);
        drop(merged);

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

        let mut rows = Vec::with_capacity(rows_total);
        let mut row_packages = Vec::with_capacity(details.len());
        let mut row_sources = Vec::with_capacity(sources.len());
        let mut row_cvss = Vec::with_capacity(cvss.len());
        let mut row_signals = Vec::new();
        let (mut d, mut s, mut c) = (0, 0, 0);
        for row in 0..rows_total {
            let state = groups.states.get(row).copied().unwrap_or_default();
            let head = groups.of_row(row).first().copied().unwrap_or(0);
            let images = image_spans.get(row).copied().unwrap_or((0, 0));
            let count = counts.get(row).copied().unwrap_or_default();
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
            let signal = match enrichment.map(|e| signals(e, groups.of_row(row), names)) {
                Some((None, None)) | None => u32::MAX,
                Some(found) => {
                    row_signals.push(found);
                    u32::try_from(row_signals.len() - 1).unwrap_or(u32::MAX)
                }
            };
            let (member_from, member_to) = groups.span(row);
            rows.push(Row {
                name: head,
                members: span(member_from, member_to),
                stage,
                stopped,
                severity: severity_of(state.severity),
                state,
                images,
                packages: span(package_from, row_packages.len()),
                sources: span(source_from, row_sources.len()),
                cvss: span(cvss_from, row_cvss.len()),
                image_count: images.1 - images.0,
                workload_count: count.workloads,
                cluster_count: count.clusters,
                loaded_images: count.loaded,
                signals: signal,
            });
        }
        let malicious = self.malicious_rows(&places);
        let quick = rows
            .iter()
            .map(|r| Quick::of(r, row_signals.get(r.signals as usize)))
            .collect();
        let mut table = VulnerabilityTable {
            quick,
            priority: Vec::new(),
            rows,
            names: names.names(),
            members: groups.members,
            row_images,
            row_packages,
            packages: self.packages.clone(),
            fixes: self.fixes.clone(),
            sources: self.sources.clone(),
            row_sources,
            row_cvss,
            places,
            malicious,
            signals: row_signals,
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
                    .flat_map(|&i| places.workloads_of(i).iter().copied())
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
