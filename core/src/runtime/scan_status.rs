//! The scan status: whether the running images have been scanned.

use serde::{Deserialize, Serialize};

use crate::finding::FindingIndex;

/// Whether running images have been scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ScanStatus {
    /// No image is running: nothing to scan (an explicit case, not a
    /// division by zero).
    NoRunningImages,
    /// No running image has been scanned.
    NotScanned,
    /// Some running images have been scanned.
    Partial,
    /// Every running image has been scanned.
    Scanned,
}

impl ScanStatus {
    /// The stable machine code.
    pub const fn code(self) -> &'static str {
        match self {
            ScanStatus::NoRunningImages => "no_running_images",
            ScanStatus::NotScanned => "not_scanned",
            ScanStatus::Partial => "partial",
            ScanStatus::Scanned => "scanned",
        }
    }

    /// The status of `running` distinct running images of which `scanned`
    /// were scanned.
    ///
    /// ```
    /// use kubesight::runtime::ScanStatus;
    /// assert_eq!(ScanStatus::of_counts(0, 0), ScanStatus::NoRunningImages);
    /// assert_eq!(ScanStatus::of_counts(4, 3), ScanStatus::Partial);
    /// ```
    pub const fn of_counts(running: u64, scanned: u64) -> ScanStatus {
        if running == 0 {
            ScanStatus::NoRunningImages
        } else if scanned == 0 {
            ScanStatus::NotScanned
        } else if scanned >= running {
            ScanStatus::Scanned
        } else {
            ScanStatus::Partial
        }
    }

    /// The documented action.
    pub const fn action(self) -> &'static str {
        match self {
            ScanStatus::NoRunningImages => "No action needed until images run",
            ScanStatus::NotScanned => "Enable Automatic Security Scanning for your clusters",
            ScanStatus::Partial => {
                "Check that all clusters have scanning configured; some images may be from unconfigured clusters or scanning may still be in progress"
            }
            ScanStatus::Scanned => "No action needed",
        }
    }
}

/// The scan status with the counts behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ScanReport {
    /// The status.
    pub status: ScanStatus,
    /// Distinct running images (images sharing a digest are one).
    pub running: u64,
    /// Of those, scanned.
    pub scanned: u64,
    /// Of those, not scanned (`scanned + unscanned = running`).
    pub unscanned: u64,
    /// A digest of each unscanned image, sorted.
    pub unscanned_images: Vec<String>,
}

impl ScanReport {
    /// The scan status of running images (images sharing a digest are one).
    pub fn of(running: &[crate::finding::RunningImage]) -> ScanReport {
        ScanReport::of_index(&FindingIndex::new(running))
    }

    /// The scan status of the running images of `index`.
    pub fn of_index(index: &FindingIndex) -> ScanReport {
        let running = index.images() as u64;
        let mut unscanned_images: Vec<String> =
            index.unscanned_image_digests().map(str::to_owned).collect();
        unscanned_images.sort_unstable();
        let unscanned = unscanned_images.len() as u64;
        let scanned = running - unscanned;
        ScanReport {
            status: ScanStatus::of_counts(running, scanned),
            running,
            scanned,
            unscanned,
            unscanned_images,
        }
    }
}
