//! Where each running image runs, as ids a table counts and filters by, and
//! as the rows users read.
//!
//! Everything is interned once and kept in flat arrays: an image's
//! references, clusters, namespaces and workloads are runs of ids, so that
//! building the places of 50,000 images allocates a few arrays rather than
//! a handful of strings and lists per image.

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

/// A workload, by the ids of its parts.
#[derive(Debug, Clone, Copy)]
struct Workload {
    cluster: u32,
    namespace: u32,
    kind: u32,
    name: u32,
}

/// The places of every running image, and the names behind their ids.
#[derive(Debug, Clone, Default)]
pub(crate) struct Places {
    digests: Interner,
    /// Per image, its digest's id.
    digest_of: Vec<u32>,
    reference_names: Interner,
    pub(crate) clusters: Interner,
    pub(crate) namespaces: Interner,
    kinds: Interner,
    workload_names: Interner,
    workload_keys: Interner,
    workloads: Vec<Workload>,
    references: Runs,
    image_clusters: Runs,
    image_namespaces: Runs,
    image_workloads: Runs,
}

impl Places {
    pub(crate) fn of(index: &FindingIndex) -> Places {
        let images = index.images();
        let mut places = Places {
            digest_of: Vec::with_capacity(images),
            references: Runs::new(images),
            image_clusters: Runs::new(images),
            image_namespaces: Runs::new(images),
            image_workloads: Runs::new(images),
            ..Places::default()
        };
        let mut key = String::new();
        for image in 0..images {
            let image = u32::try_from(image).unwrap_or(u32::MAX);
            let digest = places
                .digests
                .intern(index.image_digest(image).unwrap_or_default());
            places.digest_of.push(digest);
            for d in index.deployments(image) {
                if let Some(r) = &d.reference {
                    let r = places.reference_names.intern(r);
                    places.references.ids.push(r);
                }
                let cluster = places.clusters.intern(&d.cluster);
                let namespace = places.namespaces.intern(&d.namespace);
                places.image_clusters.ids.push(cluster);
                places.image_namespaces.ids.push(namespace);
                // A separator no Kubernetes name holds: two workloads never
                // share a key.
                key.clear();
                for part in [&d.cluster, &d.namespace, &d.kind, &d.workload] {
                    key.push_str(part);
                    key.push('\u{1f}');
                }
                let id = places.workload_keys.intern(&key);
                if id as usize >= places.workloads.len() {
                    let workload = Workload {
                        cluster,
                        namespace,
                        kind: places.kinds.intern(&d.kind),
                        name: places.workload_names.intern(&d.workload),
                    };
                    places.workloads.push(workload);
                }
                places.image_workloads.ids.push(id);
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
        self.digest_of.len()
    }

    /// How many distinct workloads there are.
    pub(crate) fn workload_count(&self) -> usize {
        self.workloads.len()
    }

    /// Image `image`'s digest.
    pub(crate) fn digest(&self, image: u32) -> &str {
        self.digest_of
            .get(image as usize)
            .and_then(|&d| self.digests.name(d))
            .unwrap_or_default()
    }

    /// Image `image`'s references as deployed.
    pub(crate) fn references(&self, image: u32) -> impl Iterator<Item = &str> {
        self.references
            .of(image)
            .iter()
            .filter_map(|&r| self.reference_names.name(r))
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
        let mut references: Vec<String> = self.references(image).map(String::from).collect();
        references.sort();
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
