//! The live-assessment highlights: malicious packages, Critical & Applicable
//! CVEs, and integrity violations.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::finding::FindingIndex;
use crate::finding::{canonical_id, Applicability, Occurrence, RunningImage};
use crate::integrity::{Violation, ViolationKind};
use crate::Severity;

/// Detected malicious packages and the images holding them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MaliciousPackages {
    /// Distinct packages (ecosystem, name, version).
    pub packages: u64,
    /// Distinct running images holding one.
    pub images: u64,
}

/// Critical vulnerabilities confirmed applicable, and the images holding
/// them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CriticalApplicable {
    /// Distinct vulnerabilities (alias groups) with an occurrence that is
    /// both Critical and applicable.
    pub vulnerabilities: u64,
    /// Distinct running images holding such an occurrence.
    pub images: u64,
}

/// Images with an integrity violation, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IntegrityViolations {
    /// Distinct images with any violation.
    pub images: u64,
    /// Distinct images with a Digest Mismatch.
    pub digest_mismatch: u64,
    /// Distinct images with a Missing Source.
    pub missing_source: u64,
    /// Distinct images with a Post-Deployment Tag Update.
    pub post_deployment_tag_update: u64,
}

/// The highlights widget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Highlights {
    /// Malicious packages.
    pub malicious_packages: MaliciousPackages,
    /// Critical & Applicable CVEs.
    pub critical_applicable: CriticalApplicable,
    /// Integrity violations.
    pub integrity_violations: IntegrityViolations,
}

impl Highlights {
    /// The highlights of the occurrences on the running images (others are
    /// left out) and of the integrity violations: [`of_index`](Self::of_index)
    /// on a fresh index, in one call.
    pub fn of<'o, 'v>(
        running: &[RunningImage],
        occurrences: impl IntoIterator<Item = &'o Occurrence>,
        violations: impl IntoIterator<Item = &'v Violation>,
    ) -> Highlights {
        Highlights::of_index(&FindingIndex::new(running), occurrences, violations)
    }

    /// Computes the highlights of the occurrences on `index`'s running
    /// images (others are left out) and of the integrity violations, whose
    /// images are told apart by their spec reference.
    pub fn of_index<'o, 'v>(
        index: &FindingIndex,
        occurrences: impl IntoIterator<Item = &'o Occurrence>,
        violations: impl IntoIterator<Item = &'v Violation>,
    ) -> Highlights {
        let mut accumulator = HighlightsAccumulator::new();
        for occurrence in occurrences {
            accumulator.add(index, occurrence);
        }
        accumulator.finish(index, violations)
    }
}

/// The highlights gathered finding by finding, in memory bounded by the
/// distinct packages, vulnerabilities and images they name, not by the
/// findings: [`Highlights::of_index`] over a list is this over each.
#[derive(Debug, Clone, Default)]
pub struct HighlightsAccumulator {
    malicious_packages: BTreeSet<(Option<String>, String, String)>,
    malicious_images: BTreeSet<u32>,
    critical_ids: BTreeSet<String>,
    critical_images: BTreeSet<u32>,
    aliases: BTreeSet<(String, String)>,
}

impl HighlightsAccumulator {
    /// An empty accumulator.
    pub fn new() -> Self {
        HighlightsAccumulator::default()
    }

    /// Adds one finding on `index`'s running images (others are left out).
    pub fn add(&mut self, index: &FindingIndex, occurrence: &Occurrence) {
        let Some(image) = occurrence
            .image
            .iter()
            .find_map(|d| index.image_of(d.as_str()))
        else {
            return;
        };
        if occurrence.malicious {
            let package = &occurrence.package;
            self.malicious_packages.insert((
                package.ecosystem.clone(),
                package.name.clone(),
                package.version.clone(),
            ));
            self.malicious_images.insert(image);
        } else if occurrence.severity == Severity::Critical
            && occurrence.applicability == Applicability::Applicable
        {
            let id = canonical_id(&occurrence.vulnerability).into_owned();
            for alias in &occurrence.aliases {
                self.aliases
                    .insert((id.clone(), canonical_id(alias).into_owned()));
            }
            self.critical_images.insert(image);
            self.critical_ids.insert(id);
        }
    }

    /// The highlights of every finding added and of the integrity
    /// violations, whose images are told apart by their spec reference.
    pub fn finish<'v>(
        self,
        index: &FindingIndex,
        violations: impl IntoIterator<Item = &'v Violation>,
    ) -> Highlights {
        let HighlightsAccumulator {
            malicious_packages,
            malicious_images,
            critical_ids,
            critical_images,
            aliases,
        } = self;
        let aliases: Vec<(String, String)> = aliases.into_iter().collect();
        let critical_vulnerabilities =
            index.count_groups(critical_ids.iter().map(String::as_str), &aliases);

        let mut by_kind: [BTreeSet<String>; 3] = Default::default();
        let mut any = BTreeSet::new();
        for violation in violations {
            let image = violation.image.to_string();
            let slot = match violation.kind {
                ViolationKind::DigestMismatch => 0,
                ViolationKind::MissingSource => 1,
                ViolationKind::PostDeploymentTagUpdate => 2,
            };
            if let Some(set) = by_kind.get_mut(slot) {
                set.insert(image.clone());
            }
            any.insert(image);
        }
        let count = |set: &BTreeSet<String>| set.len() as u64;
        let [mismatch, missing, update] = &by_kind;
        Highlights {
            malicious_packages: MaliciousPackages {
                packages: malicious_packages.len() as u64,
                images: malicious_images.len() as u64,
            },
            critical_applicable: CriticalApplicable {
                vulnerabilities: critical_vulnerabilities,
                images: critical_images.len() as u64,
            },
            integrity_violations: IntegrityViolations {
                images: any.len() as u64,
                digest_mismatch: count(mismatch),
                missing_source: count(missing),
                post_deployment_tag_update: count(update),
            },
        }
    }
}
