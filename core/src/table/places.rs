//! Where each running image runs, as ids a table counts and filters by, and
//! as the rows users read.
//!
//! Everything is kept in flat arrays: an image's digest and references are
//! runs of one text, its clusters, namespaces and workloads runs of ids, so
//! that building the places of 50,000 images allocates a few arrays rather
//! than a handful of strings and lists per image. Only the few names many
//! images share (clusters, namespaces, kinds, workload names) are hashed.

use super::row::{RowImage, RowWorkload};
use crate::finding::{FindingIndex, Interner};

/// Runs of ids, one per image, one after another.
#[derive(Debug, Clone, Default)]
struct Runs {
    ids: Vec<u32>,
    /// Where each image's run starts, and one more for the end.
    starts: Vec<u32>,
}

impl Runs {
    fn new(images: usize) -> Runs {
        let mut starts = Vec::with_capacity(images + 1);
        starts.push(0);
        Runs {
            ids: Vec::new(),
            starts,
        }
    }

    /// Ends the current image's run, sorted and deduplicated.
    fn close(&mut self) {
        let from = self.starts.last().copied().unwrap_or(0) as usize;
        if let Some(run) = self.ids.get_mut(from..) {
            run.sort_unstable();
        }
        let mut kept = from;
        for read in from..self.ids.len() {
            let Some(&id) = self.ids.get(read) else {
                break;
            };
            let repeat = kept > from && self.ids.get(kept - 1) == Some(&id);
            if !repeat {
                if let Some(slot) = self.ids.get_mut(kept) {
                    *slot = id;
                }
                kept += 1;
            }
        }
        self.ids.truncate(kept);
        self.starts.push(u32::try_from(kept).unwrap_or(u32::MAX));
    }

    fn of(&self, image: u32) -> &[u32] {
        let i = image as usize;
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.ids.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Strings one after another, in runs (one run per image): an image's
/// digest or its references, kept as given rather than interned, since
/// nearly every image has its own.
#[derive(Debug, Clone, Default)]
struct Texts {
    text: String,
    /// Where each string ends in `text`.
    ends: Vec<u32>,
    /// Where each image's run starts in `ends`, and one more for the end.
    starts: Vec<u32>,
}

impl Texts {
    fn new(images: usize) -> Texts {
        let mut starts = Vec::with_capacity(images + 1);
        starts.push(0);
        Texts {
            text: String::new(),
            ends: Vec::with_capacity(images),
            starts,
        }
    }

    fn push(&mut self, text: &str) {
        self.text.push_str(text);
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }

    /// Ends the current image's run.
    fn close(&mut self) {
        self.starts
            .push(u32::try_from(self.ends.len()).unwrap_or(u32::MAX));
    }

    fn get(&self, string: usize) -> &str {
        let end = self.ends.get(string).map_or(0, |&e| e as usize);
        let start = string
            .checked_sub(1)
            .and_then(|s| self.ends.get(s))
            .map_or(0, |&e| e as usize);
        self.text.get(start..end).unwrap_or_default()
    }

    /// Image `image`'s run.
    fn of(&self, image: u32) -> impl Iterator<Item = &str> {
        let i = image as usize;
        let (from, to) = match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => (a as usize, b as usize),
            _ => (0, 0),
        };
        (from..to).map(|s| self.get(s))
    }
}

/// A workload, by the ids of its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Workload {
    cluster: u32,
    namespace: u32,
    kind: u32,
    name: u32,
}

/// The places of every running image, and the names behind their ids.
#[derive(Debug, Clone, Default)]
pub(crate) struct Places {
    /// Per image, its digest.
    digests: Texts,
    /// Per image, its references as deployed, in byte order, each once.
    references: Texts,
    pub(crate) clusters: Interner,
    pub(crate) namespaces: Interner,
    kinds: Interner,
    workload_names: Interner,
    workloads: Vec<Workload>,
    image_clusters: Runs,
    image_namespaces: Runs,
    image_workloads: Runs,
}

impl Places {
    /// The places of `index`'s running images. Digests and references are
    /// copied as they are (an image's own, not shared); the few clusters,
    /// namespaces, kinds and workload names are interned, and a workload is
    /// known by its parts' ids, so no key is ever built from strings.
    pub(crate) fn of(index: &FindingIndex) -> Places {
        let images = index.images();
        let mut places = Places {
            digests: Texts::new(images),
            references: Texts::new(images),
            image_clusters: Runs::new(images),
            image_namespaces: Runs::new(images),
            image_workloads: Runs::new(images),
            ..Places::default()
        };
        let mut workload_ids: std::collections::HashMap<Workload, u32> =
            std::collections::HashMap::new();
        let mut references: Vec<&str> = Vec::new();
        for image in 0..images {
            let image = u32::try_from(image).unwrap_or(u32::MAX);
            places
                .digests
                .push(index.image_digest(image).unwrap_or_default());
            places.digests.close();
            references.clear();
            for d in index.deployments(image) {
                if let Some(r) = &d.reference {
                    references.push(r);
                }
                let workload = Workload {
                    cluster: places.clusters.intern(&d.cluster),
                    namespace: places.namespaces.intern(&d.namespace),
                    kind: places.kinds.intern(&d.kind),
                    name: places.workload_names.intern(&d.workload),
                };
                places.image_clusters.ids.push(workload.cluster);
                places.image_namespaces.ids.push(workload.namespace);
                let next = u32::try_from(places.workloads.len()).unwrap_or(u32::MAX);
                let id = *workload_ids.entry(workload).or_insert_with(|| {
                    places.workloads.push(workload);
                    next
                });
                places.image_workloads.ids.push(id);
            }
            references.sort_unstable();
            references.dedup();
            for r in &references {
                places.references.push(r);
            }
            places.references.close();
            places.image_clusters.close();
            places.image_namespaces.close();
            places.image_workloads.close();
        }
        places
    }

    /// How many images there are.
    pub(crate) fn images(&self) -> usize {
        self.digests.starts.len().saturating_sub(1)
    }

    /// How many distinct workloads there are.
    pub(crate) fn workload_count(&self) -> usize {
        self.workloads.len()
    }

    /// Image `image`'s digest.
    pub(crate) fn digest(&self, image: u32) -> &str {
        self.digests.of(image).next().unwrap_or_default()
    }

    /// Image `image`'s references as deployed, in byte order.
    pub(crate) fn references(&self, image: u32) -> impl Iterator<Item = &str> {
        self.references.of(image)
    }

    /// The workload ids of image `image`.
    pub(crate) fn workloads_of(&self, image: u32) -> &[u32] {
        self.image_workloads.of(image)
    }

    /// The cluster ids of image `image`.
    pub(crate) fn clusters_of(&self, image: u32) -> &[u32] {
        self.image_clusters.of(image)
    }

    /// The namespace ids of image `image`.
    pub(crate) fn namespaces_of(&self, image: u32) -> &[u32] {
        self.image_namespaces.of(image)
    }

    /// Workload `workload`'s name.
    pub(crate) fn workload_name(&self, workload: u32) -> &str {
        self.workloads
            .get(workload as usize)
            .and_then(|w| self.workload_names.name(w.name))
            .unwrap_or_default()
    }

    /// Workload `workload` as users read it.
    pub(crate) fn workload(&self, workload: u32) -> RowWorkload {
        let w = self.workloads.get(workload as usize);
        let name = |interner: &Interner, id: Option<u32>| {
            id.and_then(|id| interner.name(id))
                .unwrap_or_default()
                .to_owned()
        };
        RowWorkload {
            cluster: name(&self.clusters, w.map(|w| w.cluster)),
            namespace: name(&self.namespaces, w.map(|w| w.namespace)),
            kind: name(&self.kinds, w.map(|w| w.kind)),
            name: name(&self.workload_names, w.map(|w| w.name)),
        }
    }

    /// Per image: its one workload id and that workload's cluster id,
    /// packed (`workload << 32 | cluster`), or `u64::MAX` when it has other
    /// than one workload. Nearly every image runs in one workload, and a
    /// workload in one cluster: counting reads one word for it instead of
    /// two runs.
    pub(crate) fn sole(&self) -> Vec<u64> {
        (0..self.images())
            .map(
                |i| match self.workloads_of(u32::try_from(i).unwrap_or(u32::MAX)) {
                    [w] => {
                        let cluster = self.workloads.get(*w as usize).map_or(0, |w| w.cluster);
                        (u64::from(*w) << 32) | u64::from(cluster)
                    }
                    _ => u64::MAX,
                },
            )
            .collect()
    }

    /// The user's form of image `image`, with whether it was seen loaded.
    pub(crate) fn row_image(&self, image: u32, loaded: bool) -> RowImage {
        let names = |interner: &Interner, ids: &[u32]| {
            let mut out: Vec<String> = ids
                .iter()
                .filter_map(|&i| interner.name(i).map(String::from))
                .collect();
            out.sort();
            out
        };
        let references: Vec<String> = self.references(image).map(String::from).collect();
        let mut workloads: Vec<RowWorkload> = self
            .workloads_of(image)
            .iter()
            .map(|&w| self.workload(w))
            .collect();
        workloads.sort();
        RowImage {
            digest: self.digest(image).to_owned(),
            references,
            clusters: names(&self.clusters, self.clusters_of(image)),
            namespaces: names(&self.namespaces, self.namespaces_of(image)),
            workloads,
            loaded,
        }
    }
}
