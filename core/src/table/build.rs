//! Building the table from an accumulator: alias groups into rows, images
//! into places, enrichment into signals.

use std::collections::BTreeSet;

use super::accumulate::{IdState, TableAccumulator};
use super::row::{
    EpssSignal, KevSignal, MaliciousPackageRow, RowImage, RowPackage, RowWorkload, StopReason,
};
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

/// Where one image runs, with ids for filtering.
#[derive(Debug, Clone, Default)]
pub(crate) struct Place {
    pub(crate) digest: String,
    pub(crate) references: Vec<String>,
    pub(crate) clusters: Vec<u32>,
    pub(crate) namespaces: Vec<u32>,
    pub(crate) workloads: Vec<u32>,
}

/// The places of every running image, and the names behind their ids.
#[derive(Debug, Clone, Default)]
pub(crate) struct Places {
    pub(crate) images: Vec<Place>,
    pub(crate) clusters: Interner,
    pub(crate) namespaces: Interner,
    pub(crate) workload_keys: Interner,
    pub(crate) workloads: Vec<RowWorkload>,
}

impl Places {
    pub(crate) fn of(index: &FindingIndex) -> Places {
        let mut places = Places::default();
        for image in 0..index.images() {
            let image = u32::try_from(image).unwrap_or(u32::MAX);
            let mut place = Place {
                digest: index.image_digest(image).unwrap_or_default().to_owned(),
                ..Place::default()
            };
            for d in index.deployments(image) {
                if let Some(r) = &d.reference {
                    place.references.push(r.clone());
                }
                place.clusters.push(places.clusters.intern(&d.cluster));
                place
                    .namespaces
                    .push(places.namespaces.intern(&d.namespace));
                let key = d.workload_key();
                let id = places.workload_keys.intern(&key);
                if id as usize >= places.workloads.len() {
                    places.workloads.push(RowWorkload {
                        cluster: d.cluster.clone(),
                        namespace: d.namespace.clone(),
                        kind: d.kind.clone(),
                        name: d.workload.clone(),
                    });
                }
                place.workloads.push(id);
            }
            place.references.sort();
            place.references.dedup();
            for list in [
                &mut place.clusters,
                &mut place.namespaces,
                &mut place.workloads,
            ] {
                list.sort_unstable();
                list.dedup();
            }
            places.images.push(place);
        }
        places
    }

    /// The user's form of image `image`, with whether it was seen loaded.
    pub(crate) fn row_image(&self, image: u32, loaded: bool) -> RowImage {
        let place = self.images.get(image as usize).cloned().unwrap_or_default();
        let names = |interner: &Interner, ids: &[u32]| {
            let mut out: Vec<String> = ids
                .iter()
                .filter_map(|&i| interner.name(i).map(String::from))
                .collect();
            out.sort();
            out
        };
        let mut workloads: Vec<RowWorkload> = place
            .workloads
            .iter()
            .filter_map(|&w| self.workloads.get(w as usize).cloned())
            .collect();
        workloads.sort();
        RowImage {
            digest: place.digest,
            references: place.references,
            clusters: names(&self.clusters, &place.clusters),
            namespaces: names(&self.namespaces, &place.namespaces),
            workloads,
            loaded,
        }
    }
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
}

fn span(start: usize, end: usize) -> Span {
    (
        u32::try_from(start).unwrap_or(u32::MAX),
        u32::try_from(end).unwrap_or(u32::MAX),
    )
}

/// Groups `items` (each with its row) by row, in row order, keeping each
/// row's items in their order: a counting sort, one pass to count and one to
/// place.
fn by_row<T: Copy + Default>(
    rows: usize,
    items: impl Iterator<Item = (usize, T)> + Clone,
) -> (Vec<usize>, Vec<T>) {
    let mut starts = vec![0usize; rows + 1];
    let mut total = 0;
    for (row, _) in items.clone() {
        if let Some(n) = starts.get_mut(row + 1) {
            *n += 1;
            total += 1;
        }
    }
    for i in 1..starts.len() {
        let before = starts.get(i - 1).copied().unwrap_or(0);
        if let Some(n) = starts.get_mut(i) {
            *n += before;
        }
    }
    let mut at = starts.clone();
    let mut out = vec![T::default(); total];
    for (row, item) in items {
        let Some(slot) = at.get_mut(row) else {
            continue;
        };
        if let Some(place) = out.get_mut(*slot) {
            *place = item;
        }
        *slot += 1;
    }
    (starts, out)
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
        groups_named.sort_by(|a, b| name(a.0).cmp(name(b.0)));
        let mut row_of_root = vec![u32::MAX; groups.len()];
        for (row, (_, root, _)) in groups_named.iter().enumerate() {
            if let Some(slot) = row_of_root.get_mut(*root as usize) {
                *slot = u32::try_from(row).unwrap_or(u32::MAX);
            }
        }
        let row_of_id = |id: u32| -> Option<usize> {
            let root = *groups.get(id as usize)?;
            let row = *row_of_root.get(root as usize)?;
            (row != u32::MAX).then_some(row as usize)
        };
        let rows_total = groups_named.len();

        // Images per row, deduplicated, loaded if seen loaded on any.
        let (image_starts, mut images) = by_row(
            rows_total,
            self.placements.iter().filter_map(|&p| {
                let id = (p >> 32) as u32;
                Some((row_of_id(id)?, (p & 0xFFFF_FFFF) as u32))
            }),
        );
        let mut row_images = Vec::with_capacity(images.len());
        let mut image_spans = Vec::with_capacity(rows_total);
        for row in 0..rows_total {
            let start = image_starts.get(row).copied().unwrap_or(0);
            let end = image_starts.get(row + 1).copied().unwrap_or(start);
            let from = row_images.len();
            if let Some(list) = images.get_mut(start..end) {
                list.sort_unstable();
                for &p in list.iter() {
                    // Same image, loaded after not loaded: keep the loaded one.
                    let same = row_images.len() > from
                        && row_images.last().is_some_and(|&last| last >> 1 == p >> 1);
                    match row_images.last_mut() {
                        Some(last) if same => *last |= p & 1,
                        _ => row_images.push(p),
                    }
                }
            }
            image_spans.push(span(from, row_images.len()));
        }
        drop(images);

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
                let Some(place) = places.images.get((p >> 1) as usize) else {
                    continue;
                };
                for &w in &place.workloads {
                    if let Some(mark) = seen_workload.get_mut(w as usize) {
                        if *mark != row_mark {
                            *mark = row_mark;
                            workload_count += 1;
                        }
                    }
                }
                for &k in &place.clusters {
                    if let Some(mark) = seen_cluster.get_mut(k as usize) {
                        if *mark != row_mark {
                            *mark = row_mark;
                            cluster_count += 1;
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
        VulnerabilityTable {
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
        }
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

/// The severity of a stored position plus one.
pub(crate) fn severity_of(stored: u8) -> Severity {
    match stored {
        5 => Severity::Critical,
        4 => Severity::High,
        3 => Severity::Medium,
        2 => Severity::Low,
        _ => Severity::Unknown,
    }
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
