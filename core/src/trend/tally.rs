//! The day-over-day count: the numbers of one snapshot are those of the
//! previous one plus what changed, so that a window of mostly unchanged
//! snapshots costs little more than its first day.

use super::DayCounts;
use crate::SeverityCounts;

/// No scan: the image was not scanned.
pub(crate) const NOT_SCANNED: u32 = u32::MAX;

/// A running image of one snapshot, as integers: its image (the root of its
/// digests) and its scan.
pub(crate) type Entry = (u32, u32);

/// Occurrences per alias group and severity, and how many groups have each
/// highest severity.
pub(crate) struct Tally {
    /// Per group, occurrences per severity rank (0 unknown .. 4 critical).
    occurrences: Vec<[u32; 5]>,
    /// Per group, its highest severity rank with an occurrence, or
    /// [`NONE`].
    top: Vec<u8>,
    /// Groups per highest severity rank.
    groups: [u64; 5],
    /// The entries counted, sorted.
    current: Vec<Entry>,
}

const NONE: u8 = u8::MAX;

/// The findings of each scan, as `(alias group, severity rank)`.
pub(crate) trait Scans {
    /// The findings of `scan`.
    fn findings(&self, scan: u32) -> &[(u32, u8)];
}

impl Tally {
    pub(crate) fn new(groups: usize) -> Self {
        Tally {
            occurrences: vec![[0; 5]; groups],
            top: vec![NONE; groups],
            groups: [0; 5],
            current: Vec::new(),
        }
    }

    /// Moves the count to `next` (sorted), adding and removing only the
    /// scans that differ, and returns the day's numbers.
    pub(crate) fn move_to(&mut self, next: Vec<Entry>, scans: &impl Scans) -> DayCounts {
        let current = std::mem::take(&mut self.current);
        let (mut i, mut j) = (0, 0);
        loop {
            match (current.get(i), next.get(j)) {
                (Some(a), Some(b)) if a == b => {
                    i += 1;
                    j += 1;
                }
                (Some(a), Some(b)) if a < b => {
                    self.apply(scans, a.1, false);
                    i += 1;
                }
                (Some(_), Some(b)) | (None, Some(b)) => {
                    self.apply(scans, b.1, true);
                    j += 1;
                }
                (Some(a), None) => {
                    self.apply(scans, a.1, false);
                    i += 1;
                }
                (None, None) => break,
            }
        }
        self.current = next;
        self.counts()
    }

    fn apply(&mut self, scans: &impl Scans, scan: u32, add: bool) {
        if scan == NOT_SCANNED {
            return;
        }
        for &(group, rank) in scans.findings(scan) {
            if add {
                self.add(group, rank);
            } else {
                self.remove(group, rank);
            }
        }
    }

    #[inline]
    fn add(&mut self, group: u32, rank: u8) {
        let (Some(counts), Some(top)) = (
            self.occurrences.get_mut(group as usize),
            self.top.get_mut(group as usize),
        ) else {
            return;
        };
        let Some(count) = counts.get_mut(usize::from(rank)) else {
            return;
        };
        *count += 1;
        if *count == 1 && (*top == NONE || rank > *top) {
            if let Some(before) = self.groups.get_mut(usize::from(*top)) {
                *before -= 1;
            }
            if let Some(after) = self.groups.get_mut(usize::from(rank)) {
                *after += 1;
            }
            *top = rank;
        }
    }

    #[inline]
    fn remove(&mut self, group: u32, rank: u8) {
        let (Some(counts), Some(top)) = (
            self.occurrences.get_mut(group as usize),
            self.top.get_mut(group as usize),
        ) else {
            return;
        };
        let Some(count) = counts.get_mut(usize::from(rank)) else {
            return;
        };
        *count = count.saturating_sub(1);
        if *count == 0 && rank == *top {
            let new_top = (0..rank)
                .rev()
                .find(|&r| counts.get(usize::from(r)).is_some_and(|&c| c > 0))
                .unwrap_or(NONE);
            if let Some(before) = self.groups.get_mut(usize::from(rank)) {
                *before -= 1;
            }
            if let Some(after) = self.groups.get_mut(usize::from(new_top)) {
                *after += 1;
            }
            *top = new_top;
        }
    }

    fn counts(&self) -> DayCounts {
        let (mut running, mut scanned) = (0u64, 0u64);
        let mut entries = self.current.iter().peekable();
        while let Some(&(image, scan)) = entries.next() {
            let mut is_scanned = scan != NOT_SCANNED;
            while let Some(&&(same, other)) = entries.peek().filter(|e| e.0 == image) {
                debug_assert_eq!(same, image);
                is_scanned |= other != NOT_SCANNED;
                entries.next();
            }
            running += 1;
            scanned += u64::from(is_scanned);
        }
        let [unknown, low, medium, high, critical] = self.groups;
        DayCounts {
            running,
            scanned,
            unscanned: running - scanned,
            vulnerabilities: SeverityCounts {
                critical,
                high,
                medium,
                low,
                unknown,
            },
        }
    }
}
