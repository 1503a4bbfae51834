//! Where each running image runs, as ids a table counts and filters by, and
//! as the rows users read.

use super::row::{RowImage, RowWorkload};
use crate::finding::{FindingIndex, Interner};

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
    /// Every image's workload ids, one after another, and where each
    /// image's start (one more than there are images): what counting reads,
    /// in two flat arrays rather than one list per image.
    flat_workloads: Vec<u32>,
    workloads_at: Vec<u32>,
    flat_clusters: Vec<u32>,
    clusters_at: Vec<u32>,
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
            places.flat_workloads.extend_from_slice(&place.workloads);
            places.flat_clusters.extend_from_slice(&place.clusters);
            places.images.push(place);
        }
        places.workloads_at = Self::starts(places.images.iter().map(|p| p.workloads.len()));
        places.clusters_at = Self::starts(places.images.iter().map(|p| p.clusters.len()));
        places
    }

    fn starts(lengths: impl Iterator<Item = usize>) -> Vec<u32> {
        let mut at = vec![0u32];
        let mut total = 0usize;
        for n in lengths {
            total += n;
            at.push(u32::try_from(total).unwrap_or(u32::MAX));
        }
        at
    }

    fn run<'a>(flat: &'a [u32], at: &[u32], image: u32) -> &'a [u32] {
        let i = image as usize;
        match (at.get(i), at.get(i + 1)) {
            (Some(&a), Some(&b)) => flat.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The workload ids of image `image`.
    pub(crate) fn workloads_of(&self, image: u32) -> &[u32] {
        Self::run(&self.flat_workloads, &self.workloads_at, image)
    }

    /// Per image: its one workload id and one cluster id, packed
    /// (`workload << 32 | cluster`), or `u64::MAX` when it has other than
    /// one of either. Nearly every image runs in one workload of one
    /// cluster: counting reads one word for it instead of four.
    pub(crate) fn sole(&self) -> Vec<u64> {
        (0..self.images.len())
            .map(|i| {
                let i = u32::try_from(i).unwrap_or(u32::MAX);
                match (self.workloads_of(i), self.clusters_of(i)) {
                    ([w], [c]) => (u64::from(*w) << 32) | u64::from(*c),
                    _ => u64::MAX,
                }
            })
            .collect()
    }

    /// The cluster ids of image `image`.
    pub(crate) fn clusters_of(&self, image: u32) -> &[u32] {
        Self::run(&self.flat_clusters, &self.clusters_at, image)
    }

    /// The user's form of image `image`, with whether it was seen loaded.
    pub(crate) fn row_image(&self, image: u32, loaded: bool) -> RowImage {
        let empty = Place::default();
        let place = self.images.get(image as usize).unwrap_or(&empty);
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
            digest: place.digest.clone(),
            references: place.references.clone(),
            clusters: names(&self.clusters, &place.clusters),
            namespaces: names(&self.namespaces, &place.namespaces),
            workloads,
            loaded,
        }
    }
}
