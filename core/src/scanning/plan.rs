//! The scan plan: which runtime-observed images must be indexed and
//! scanned, with which scanners, and why (automatic scanning, Runtime Scope).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{ScanConfigurations, Scanner};

/// A runtime-observed image and the security data it already has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ObservedImage {
    /// The image, as a reference or digest.
    pub image: String,
    /// The clusters it runs on.
    pub clusters: Vec<String>,
    /// The scanners whose results exist for it.
    #[serde(default)]
    pub scanned_with: BTreeSet<Scanner>,
}

/// Why an image is in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PlanReason {
    /// No security data exists for it: index it, then scan it.
    NoSecurityData,
    /// Some configured scanners have not run on it.
    MissingScanners,
}

/// One image to scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlannedScan {
    /// The image.
    pub image: String,
    /// The scanners to run.
    pub scanners: Vec<Scanner>,
    /// Why.
    pub reason: PlanReason,
}

/// The scan plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ScanPlan {
    /// The images to scan, in the order given.
    pub scans: Vec<PlannedScan>,
    /// Images none of whose clusters has automatic scanning configured: the
    /// plan cannot cover them (one reason a scan status stays partial).
    pub not_covered: Vec<String>,
    /// Images that already have every configured scanner's results.
    pub up_to_date: u64,
}

impl ScanPlan {
    /// Plans the scans: an image needs the union of the scanners configured
    /// on the clusters it runs on, less those whose results exist.
    pub fn of(images: &[ObservedImage], configurations: &ScanConfigurations) -> ScanPlan {
        let mut plan = ScanPlan {
            scans: Vec::new(),
            not_covered: Vec::new(),
            up_to_date: 0,
        };
        for image in images {
            let required: BTreeSet<Scanner> = image
                .clusters
                .iter()
                .filter_map(|c| configurations.get(c))
                .flat_map(|c| c.scanners.iter().copied())
                .collect();
            if required.is_empty() {
                plan.not_covered.push(image.image.clone());
                continue;
            }
            let missing: Vec<Scanner> = required.difference(&image.scanned_with).copied().collect();
            if missing.is_empty() {
                plan.up_to_date += 1;
                continue;
            }
            plan.scans.push(PlannedScan {
                image: image.image.clone(),
                scanners: missing,
                reason: if image.scanned_with.is_empty() {
                    PlanReason::NoSecurityData
                } else {
                    PlanReason::MissingScanners
                },
            });
        }
        plan
    }
}
