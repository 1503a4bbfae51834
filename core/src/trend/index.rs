//! Interning snapshots: digests, vulnerability ids and scans to integers,
//! once, so that computing a trend works on integers.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::snapshot::{ScanId, Snapshot, SnapshotHeader, SnapshotImage};
use super::tally::{Entry, Scans, NOT_SCANNED};
use super::TrendError;
use crate::finding::canonical_id;
use crate::finding::union_find::UnionFind;
use crate::finding::{Interner, Skipped};
use crate::Severity;

/// One finding of a scan, for callers that intern scans themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ScanFinding<'a> {
    /// The vulnerability id.
    pub vulnerability: &'a str,
    /// Its severity.
    pub severity: Severity,
}

/// A snapshot as integers.
#[derive(Debug, Clone)]
pub(crate) struct InternedSnapshot {
    pub(crate) header: SnapshotHeader,
    /// Per running image: one of its digests and its scan.
    pub(crate) images: Vec<Entry>,
    pub(crate) skipped: Skipped,
}

/// Snapshots interned for trends: build it once from the stored snapshots
/// (an explicit, reusable step), then compute the trend of any window, zone
/// or `now` from it.
///
/// Images are identified by their digests: images that share a digest in
/// any snapshot are one image. Vulnerability ids are grouped by the aliases
/// seen in any snapshot, exactly as the funnel groups them (two CVE ids are
/// never merged): what one scanner said of an id holds on every day, so a
/// day's count does not change with which scanner happened to name the
/// alias that day. A scan is the set of `(vulnerability, severity)` an
/// image's latest scan found; images and days with the same findings share
/// one, which is what makes a window of mostly unchanged days cheap.
#[derive(Debug, Clone, Default)]
pub struct TrendIndex {
    pub(crate) vulnerabilities: Interner,
    pub(crate) aliases: Vec<(u32, u32)>,
    pub(crate) digests: Interner,
    /// Pairs of digests of one image.
    pub(crate) digest_links: Vec<(u32, u32)>,
    scan_of_findings: HashMap<Vec<u64>, u32>,
    /// Every scan's findings, one after another, as `(vulnerability id,
    /// severity rank)`.
    pub(crate) scan_findings: Vec<(u32, u8)>,
    /// Where each scan's findings end in `scan_findings`.
    pub(crate) scan_ends: Vec<usize>,
    pub(crate) snapshots: Vec<InternedSnapshot>,
}

/// The rank of a severity in the tally: 0 unknown .. 4 critical, so that
/// Unknown never beats a known severity.
pub(crate) fn rank(severity: Severity) -> u8 {
    match severity {
        Severity::Unknown => 0,
        Severity::Low => 1,
        Severity::Medium => 2,
        Severity::High => 3,
        Severity::Critical => 4,
    }
}

impl TrendIndex {
    /// An empty index.
    pub fn new() -> Self {
        TrendIndex::default()
    }

    /// How many snapshots it holds.
    pub fn snapshots(&self) -> usize {
        self.snapshots.len()
    }

    /// How many distinct scans it holds.
    pub fn scans(&self) -> usize {
        self.scan_ends.len()
    }

    /// Records that two vulnerability ids are aliases of each other.
    pub fn add_alias(&mut self, id: &str, alias: &str) {
        let a = self.vulnerabilities.intern(&canonical_id(id));
        let b = self.vulnerabilities.intern(&canonical_id(alias));
        if a != b {
            self.aliases.push((a, b));
        }
    }

    /// Interns the findings of one scan; the same findings (in any order,
    /// repeated or not) give the same scan.
    pub fn intern_scan<'a>(
        &mut self,
        findings: impl IntoIterator<Item = ScanFinding<'a>>,
    ) -> ScanId {
        let mut key: Vec<u64> = findings
            .into_iter()
            .map(|f| {
                let id = self.vulnerabilities.intern(&canonical_id(f.vulnerability));
                u64::from(id) << 8 | u64::from(rank(f.severity))
            })
            .collect();
        self.scan_of_key(&mut key)
    }

    fn scan_of_key(&mut self, key: &mut Vec<u64>) -> ScanId {
        key.sort_unstable();
        key.dedup();
        if let Some(&scan) = self.scan_of_findings.get(key.as_slice()) {
            return ScanId(scan);
        }
        let scan = u32::try_from(self.scan_ends.len()).unwrap_or(NOT_SCANNED - 1);
        self.scan_findings
            .extend(key.iter().map(|&k| ((k >> 8) as u32, (k & 0xFF) as u8)));
        self.scan_ends.push(self.scan_findings.len());
        self.scan_of_findings.insert(std::mem::take(key), scan);
        ScanId(scan)
    }

    /// Adds a snapshot whose scans were interned with
    /// [`intern_scan`](Self::intern_scan).
    pub fn add_interned<'a>(
        &mut self,
        header: SnapshotHeader,
        images: impl IntoIterator<Item = SnapshotImage<'a>>,
    ) -> Result<(), TrendError> {
        let mut entries = Vec::new();
        for image in images {
            let scan = match image.scan {
                Some(ScanId(scan)) if (scan as usize) < self.scan_ends.len() => scan,
                Some(ScanId(scan)) => return Err(TrendError::UnknownScan { scan }),
                None => NOT_SCANNED,
            };
            let digest = self.digests.intern(image.digest);
            for other in image.other_digests {
                let other = self.digests.intern(other);
                if other != digest {
                    self.digest_links.push((digest, other));
                }
            }
            entries.push((digest, scan));
        }
        // Sorted now, so that computing a trend, which sorts by image,
        // finds them in order when no image has several digests.
        entries.sort_unstable();
        self.snapshots.push(InternedSnapshot {
            header,
            images: entries,
            skipped: Skipped::default(),
        });
        Ok(())
    }

    /// Adds a snapshot in the finding model, and says which findings it
    /// left out: malicious-package findings, findings on images not running
    /// in the snapshot, and findings on running images it says were not
    /// scanned (as the funnel leaves them out).
    pub fn add(&mut self, snapshot: &Snapshot) -> Skipped {
        // Entries of the running list that share a digest are one image,
        // scanned when any of them is; its findings go to the set's root.
        let count = snapshot.running.len();
        let mut sets = UnionFind::new(count);
        let mut image_of: HashMap<&str, u32> = HashMap::new();
        let mut digest_ids = Vec::with_capacity(count);
        for (i, image) in (0u32..).zip(&snapshot.running) {
            let mut first = None;
            for digest in &image.digests {
                let seen = *image_of.entry(digest.as_str()).or_insert(i);
                sets.union(seen, i);
                let id = self.digests.intern(digest.as_str());
                match first {
                    None => first = Some(id),
                    Some(f) if f != id => self.digest_links.push((f, id)),
                    Some(_) => {}
                }
            }
            digest_ids.push(first);
        }
        let roots: Vec<usize> = (0u32..)
            .take(count)
            .map(|i| sets.find(i) as usize)
            .collect();
        let mut scanned = vec![false; count];
        for (image, &root) in snapshot.running.iter().zip(&roots) {
            if let Some(s) = scanned.get_mut(root) {
                *s |= image.scanned;
            }
        }
        let mut keys: Vec<Vec<u64>> = vec![Vec::new(); count];
        let mut skipped = Skipped::default();
        for occurrence in &snapshot.occurrences {
            // What a finding says of its ids holds whether or not the
            // finding itself is counted.
            for alias in &occurrence.aliases {
                self.add_alias(&occurrence.vulnerability, alias);
            }
            if occurrence.malicious {
                skipped.malicious += 1;
                continue;
            }
            let Some(root) = occurrence
                .image
                .iter()
                .find_map(|d| image_of.get(d.as_str()))
                .and_then(|&i| roots.get(i as usize).copied())
            else {
                skipped.not_running += 1;
                continue;
            };
            if !scanned.get(root).copied().unwrap_or(false) {
                skipped.not_scanned += 1;
                continue;
            }
            let id = self
                .vulnerabilities
                .intern(&canonical_id(&occurrence.vulnerability));
            if let Some(key) = keys.get_mut(root) {
                key.push(u64::from(id) << 8 | u64::from(rank(occurrence.severity)));
            }
        }
        let mut entries = Vec::with_capacity(count);
        for (i, (digest, mut key)) in digest_ids.into_iter().zip(keys).enumerate() {
            // An image with no digest cannot be told apart from any other:
            // it is not counted.
            let Some(digest) = digest else { continue };
            let root = roots.get(i).copied().unwrap_or(i);
            let scan = if root == i && scanned.get(i).copied().unwrap_or(false) {
                self.scan_of_key(&mut key).0
            } else {
                NOT_SCANNED
            };
            entries.push((digest, scan));
        }
        // Sorted now, so that computing a trend, which sorts by image,
        // finds them in order when no image has several digests.
        entries.sort_unstable();
        self.snapshots.push(InternedSnapshot {
            header: SnapshotHeader {
                taken_at: snapshot.taken_at,
                state: snapshot.state,
                missing_clusters: snapshot
                    .missing_clusters()
                    .into_iter()
                    .map(String::from)
                    .collect(),
            },
            images: entries,
            skipped,
        });
        skipped
    }

    /// The instants of the snapshots it holds, in the order added.
    pub fn taken_at(&self) -> impl Iterator<Item = DateTime<Utc>> + '_ {
        self.snapshots.iter().map(|s| s.header.taken_at)
    }
}

/// The findings of each scan with their vulnerability ids replaced by
/// their alias groups.
pub(crate) struct GroupedScans {
    findings: Vec<(u32, u8)>,
    ends: Vec<usize>,
}

impl GroupedScans {
    pub(crate) fn new(index: &TrendIndex, group_of: &[u32]) -> Self {
        let findings = index
            .scan_findings
            .iter()
            .map(|&(id, rank)| (group_of.get(id as usize).copied().unwrap_or(id), rank))
            .collect();
        GroupedScans {
            findings,
            ends: index.scan_ends.clone(),
        }
    }
}

impl Scans for GroupedScans {
    fn findings(&self, scan: u32) -> &[(u32, u8)] {
        let end = self.ends.get(scan as usize).copied().unwrap_or(0);
        let start = match scan.checked_sub(1) {
            Some(before) => self.ends.get(before as usize).copied().unwrap_or(0),
            None => 0,
        };
        self.findings.get(start..end).unwrap_or_default()
    }
}
