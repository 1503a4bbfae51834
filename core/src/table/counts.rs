//! Per run of images (an id's, or a row's): how many distinct workloads and
//! clusters run them, and how many were seen loaded.

use super::places::Places;

/// What a row counts over its images.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct RowCounts {
    pub(crate) workloads: u32,
    pub(crate) clusters: u32,
    pub(crate) loaded: u32,
}

/// Where each image runs, as counting reads it: shared by every thread.
pub(crate) struct Layout<'a> {
    places: &'a Places,
    /// [`Places::sole`].
    sole: Vec<u64>,
    /// With few clusters, a run's clusters are the bits of one word.
    few_clusters: bool,
}

impl<'a> Layout<'a> {
    pub(crate) fn of(places: &'a Places) -> Layout<'a> {
        Layout {
            places,
            sole: places.sole(),
            few_clusters: places.clusters.len() <= 64,
        }
    }

    /// Marks for one thread, reused from run to run.
    pub(crate) fn marks(&self) -> Marks {
        Marks {
            workloads: vec![u32::MAX; self.places.workload_count()],
            clusters: vec![u32::MAX; self.places.clusters.len()],
        }
    }

    /// The counts of `run` (`image << 1 | loaded`, each image once), `stamp`
    /// telling this run's marks from every other counted with the same
    /// `marks` (the id's or the row's number).
    pub(crate) fn count(&self, marks: &mut Marks, run: &[u32], stamp: u32) -> RowCounts {
        let mut counts = RowCounts::default();
        let mut cluster_bits = 0u64;
        let few = self.few_clusters;
        let mut cluster = |marks: &mut Marks, c: u32, counts: &mut RowCounts| {
            if few {
                cluster_bits |= 1 << (c & 63);
            } else if first(&mut marks.clusters, c, stamp) {
                counts.clusters += 1;
            }
        };
        for &p in run {
            counts.loaded += p & 1;
            let image = p >> 1;
            match self.sole.get(image as usize).copied() {
                // A workload runs in one cluster: a cluster is new to the
                // run only with a workload new to it.
                Some(packed) if packed != u64::MAX => {
                    if first(&mut marks.workloads, (packed >> 32) as u32, stamp) {
                        counts.workloads += 1;
                        cluster(marks, packed as u32, &mut counts);
                    }
                }
                _ => {
                    for &w in self.places.workloads_of(image) {
                        if first(&mut marks.workloads, w, stamp) {
                            counts.workloads += 1;
                        }
                    }
                    for &c in self.places.clusters_of(image) {
                        cluster(marks, c, &mut counts);
                    }
                }
            }
        }
        if few {
            counts.clusters = cluster_bits.count_ones();
        }
        counts
    }
}

/// The last run that counted each workload and each cluster.
pub(crate) struct Marks {
    workloads: Vec<u32>,
    clusters: Vec<u32>,
}

/// Whether `id` is new to the run stamped `stamp`, marking it.
#[inline]
fn first(marks: &mut [u32], id: u32, stamp: u32) -> bool {
    match marks.get_mut(id as usize) {
        Some(mark) if *mark != stamp => {
            *mark = stamp;
            true
        }
        _ => false,
    }
}
