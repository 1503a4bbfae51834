//! Per row: how many distinct workloads and clusters run its images, and
//! how many of its images were seen loaded.

use rayon::prelude::*;

use super::places::Places;

/// What a row counts over its images.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RowCounts {
    pub(crate) workloads: u32,
    pub(crate) clusters: u32,
    pub(crate) loaded: u32,
}

/// The last row that counted each workload and each cluster: one set of
/// marks per thread, reused from row to row.
struct Marks {
    workloads: Vec<u32>,
    clusters: Vec<u32>,
}

/// Whether `id` is new to row `row`, marking it.
#[inline]
fn first(marks: &mut [u32], id: u32, row: u32) -> bool {
    match marks.get_mut(id as usize) {
        Some(mark) if *mark != row => {
            *mark = row;
            true
        }
        _ => false,
    }
}

/// The counts of every row, `spans` giving each row's run (start, end) of
/// `images` (`image << 1 | loaded`). Rows are counted on every thread of
/// rayon's pool: each row is one pass over its images, and the rows of a
/// large table hold millions of them.
pub(crate) fn row_counts(places: &Places, images: &[u32], spans: &[(u32, u32)]) -> Vec<RowCounts> {
    let sole = places.sole();
    // With few clusters, a row's clusters are the bits of one word.
    let few_clusters = places.clusters.len() <= 64;
    let marks = || Marks {
        workloads: vec![u32::MAX; places.workload_count()],
        clusters: vec![u32::MAX; places.clusters.len()],
    };
    spans
        .par_iter()
        .enumerate()
        .with_min_len(4096)
        .map_init(marks, |marks, (row, span)| {
            let row = u32::try_from(row).unwrap_or(u32::MAX);
            let mut counts = RowCounts::default();
            let mut cluster_bits = 0u64;
            let mut cluster = |marks: &mut Marks, c: u32, counts: &mut RowCounts| {
                if few_clusters {
                    cluster_bits |= 1 << (c & 63);
                } else if first(&mut marks.clusters, c, row) {
                    counts.clusters += 1;
                }
            };
            for &p in images.get(span.0 as usize..span.1 as usize).unwrap_or(&[]) {
                counts.loaded += p & 1;
                let image = p >> 1;
                match sole.get(image as usize).copied() {
                    // A workload runs in one cluster: a cluster is new to the
                    // row only with a workload new to it.
                    Some(packed) if packed != u64::MAX => {
                        if first(&mut marks.workloads, (packed >> 32) as u32, row) {
                            counts.workloads += 1;
                            cluster(marks, packed as u32, &mut counts);
                        }
                    }
                    _ => {
                        for &w in places.workloads_of(image) {
                            if first(&mut marks.workloads, w, row) {
                                counts.workloads += 1;
                            }
                        }
                        for &c in places.clusters_of(image) {
                            cluster(marks, c, &mut counts);
                        }
                    }
                }
            }
            if few_clusters {
                counts.clusters = cluster_bits.count_ones();
            }
            counts
        })
        .collect()
}
