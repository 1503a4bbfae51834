//! Explaining the change between two states, vulnerability by vulnerability.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::finding::{canonical_id, FindingIndex, Occurrence, RunningImage};
use crate::funnel::{
    CauseCount, ChangeCause, ChangedFact, FunnelChange, IncreaseThreshold, ProbableCause,
    RuntimeValidation, Stage,
};
use crate::table::{VulnerabilityRow, VulnerabilityTable};

/// What was running and found at one moment (a day's snapshot).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EnvironmentState {
    /// The running images.
    pub running: Vec<RunningImage>,
    /// The findings (after VEX).
    pub findings: Vec<Occurrence>,
    /// Whether sensors were installed.
    #[serde(default = "unavailable")]
    pub runtime_validation: RuntimeValidation,
    /// The findings VEX suppressed, when known: lets a vulnerability that
    /// left be told suppressed rather than no longer reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<Occurrence>,
}

fn unavailable() -> RuntimeValidation {
    RuntimeValidation::Unavailable
}

/// One vulnerability that entered or left a stage, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Movement {
    /// The vulnerability's id (as the state it is in names it).
    pub id: String,
    /// Why.
    pub cause: ChangeCause,
    /// For a configuration change: the facts that moved it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<ChangedFact>,
    /// The images behind it (digests), sorted.
    pub images: Vec<String>,
}

/// What entered and left one stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StageMovements {
    /// The stage.
    pub stage: Stage,
    /// Vulnerabilities at this stage before.
    pub before: u64,
    /// Vulnerabilities at this stage after.
    pub after: u64,
    /// What entered, in id order.
    pub entered: Vec<Movement>,
    /// What left, in id order.
    pub left: Vec<Movement>,
    /// What entered, by cause.
    pub entered_by_cause: Vec<CauseCount>,
    /// What left, by cause.
    pub left_by_cause: Vec<CauseCount>,
}

/// The change between two states, explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChangeExplained {
    /// The funnel's change, with its threshold's sudden-increase flags and
    /// the causes found.
    pub change: FunnelChange,
    /// Per stage shown in both states, what entered and left.
    pub stages: Vec<StageMovements>,
    /// Images running after that did not run before.
    pub new_images: u64,
    /// Of those, how many are unscanned.
    pub new_unscanned_images: u64,
    /// Images that ran before and no longer run.
    pub stopped_images: u64,
}

/// One state's rows and the facts attribution reads.
struct Side {
    rows: Vec<VulnerabilityRow>,
    row_of_id: HashMap<String, usize>,
    index: FindingIndex,
    /// Per digest of an image with findings: the packages on it (name →
    /// versions).
    packages: HashMap<String, BTreeMap<String, BTreeSet<String>>>,
    /// Workload keys running each digest.
    workloads_of: HashMap<String, Vec<String>>,
    validation: RuntimeValidation,
}

impl Side {
    fn of(state: &EnvironmentState) -> Side {
        let table = VulnerabilityTable::build(
            &state.running,
            &state.findings,
            state.runtime_validation,
            None,
        );
        let rows = table.rows();
        let mut row_of_id = HashMap::new();
        for (i, row) in rows.iter().enumerate() {
            for id in std::iter::once(&row.id).chain(&row.aliases) {
                row_of_id.entry(id.clone()).or_insert(i);
            }
        }
        let index = FindingIndex::new(&state.running);
        let mut packages: HashMap<String, BTreeMap<String, BTreeSet<String>>> = HashMap::new();
        for o in &state.findings {
            for d in &o.image {
                packages
                    .entry(d.to_string())
                    .or_default()
                    .entry(o.package.name.clone())
                    .or_default()
                    .insert(o.package.version.clone());
            }
        }
        let mut workloads_of: HashMap<String, Vec<String>> = HashMap::new();
        for image in &state.running {
            for d in &image.digests {
                workloads_of
                    .entry(d.to_string())
                    .or_default()
                    .extend(image.deployments.iter().map(|x| x.workload_key()));
            }
        }
        Side {
            rows,
            row_of_id,
            index,
            packages,
            workloads_of,
            validation: state.runtime_validation,
        }
    }

    fn row_for(&self, row: &VulnerabilityRow) -> Option<&VulnerabilityRow> {
        std::iter::once(&row.id)
            .chain(&row.aliases)
            .find_map(|id| self.row_of_id.get(id))
            .and_then(|&i| self.rows.get(i))
    }

    fn runs(&self, digest: &str) -> bool {
        self.index.image_of(digest).is_some()
    }

    fn scanned(&self, digest: &str) -> bool {
        self.index
            .image_of(digest)
            .is_some_and(|i| self.index.is_scanned(i))
    }
}

fn digests(row: &VulnerabilityRow) -> BTreeSet<String> {
    row.images.iter().map(|i| i.digest.clone()).collect()
}

fn facts(
    before: &VulnerabilityRow,
    after: &VulnerabilityRow,
    sides: (&Side, &Side),
) -> Vec<ChangedFact> {
    let mut facts = Vec::new();
    if before.applicability != after.applicability {
        facts.push(ChangedFact::ContextualAnalysis);
    }
    if before.runtime != after.runtime || sides.0.validation != sides.1.validation {
        facts.push(ChangedFact::Sensors);
    }
    if before.severity != after.severity {
        facts.push(ChangedFact::Severity);
    }
    if before.fix_states != after.fix_states {
        facts.push(ChangedFact::Fix);
    }
    let packages = |r: &VulnerabilityRow| -> BTreeSet<(String, String)> {
        r.packages
            .iter()
            .map(|p| (p.name.clone(), p.version.clone()))
            .collect()
    };
    if packages(before) != packages(after) || before.severity_sources != after.severity_sources {
        facts.push(ChangedFact::Scanners);
    }
    facts
}

/// Why `row` of `now` entered a stage it was not at in `then` (where it is
/// `earlier`, if at all).
fn entered(
    row: &VulnerabilityRow,
    earlier: Option<&VulnerabilityRow>,
    then: &Side,
    now: &Side,
) -> Movement {
    let images = digests(row);
    if let Some(earlier) = earlier {
        if !digests(earlier).is_disjoint(&images) {
            return Movement {
                id: row.id.clone(),
                cause: ChangeCause::ClusterConfigurationChange,
                facts: facts(earlier, row, (then, now)),
                images: images.into_iter().collect(),
            };
        }
    }
    let (cause, facts, behind): (ChangeCause, Vec<ChangedFact>, Vec<String>) =
        if images.iter().any(|d| then.scanned(d)) {
            (
                ChangeCause::NewVulnerabilityDisclosure,
                Vec::new(),
                images.iter().filter(|d| then.scanned(d)).cloned().collect(),
            )
        } else if images.iter().any(|d| then.runs(d)) {
            (
                ChangeCause::ClusterConfigurationChange,
                vec![ChangedFact::ScanCoverage],
                images.iter().filter(|d| then.runs(d)).cloned().collect(),
            )
        } else {
            (
                ChangeCause::NewImagesWithoutScanning,
                Vec::new(),
                images.iter().cloned().collect(),
            )
        };
    Movement {
        id: row.id.clone(),
        cause,
        facts,
        images: behind,
    }
}

/// Why `row` of `then` left a stage (in `now` it is `later`, if at all).
fn left(
    row: &VulnerabilityRow,
    later: Option<&VulnerabilityRow>,
    then: &Side,
    now: &Side,
    suppressed: &BTreeSet<(String, String)>,
) -> Movement {
    let images = digests(row);
    let movement = |cause, facts, images: Vec<String>| Movement {
        id: row.id.clone(),
        cause,
        facts,
        images,
    };
    if let Some(later) = later {
        if !digests(later).is_disjoint(&images) {
            return movement(
                ChangeCause::ClusterConfigurationChange,
                facts(row, later, (then, now)),
                images.into_iter().collect(),
            );
        }
    }
    let ids: Vec<&String> = std::iter::once(&row.id).chain(&row.aliases).collect();
    let running: Vec<String> = images.iter().filter(|d| now.runs(d)).cloned().collect();
    let upgraded = |digests: &[String]| {
        row.packages.iter().any(|p| {
            digests.iter().any(|d| {
                now.packages
                    .get(d)
                    .and_then(|names| names.get(&p.name))
                    .is_some_and(|versions| !versions.contains(&p.version))
            })
        })
    };
    if !running.is_empty() {
        if running.iter().any(|d| {
            ids.iter()
                .any(|id| suppressed.contains(&((*id).clone(), d.clone())))
        }) {
            return movement(ChangeCause::SuppressedByVex, Vec::new(), running);
        }
        if running.iter().any(|d| !now.scanned(d)) {
            return movement(
                ChangeCause::ClusterConfigurationChange,
                vec![ChangedFact::ScanCoverage],
                running,
            );
        }
        if upgraded(&running) {
            return movement(ChangeCause::PackageUpgraded, Vec::new(), running);
        }
        return movement(ChangeCause::NoLongerReported, Vec::new(), running);
    }
    // Its images stopped: did their workloads move to other images?
    let workloads: BTreeSet<&String> = images
        .iter()
        .filter_map(|d| then.workloads_of.get(d))
        .flatten()
        .collect();
    let successors: Vec<String> = now
        .workloads_of
        .iter()
        .filter(|(_, w)| w.iter().any(|k| workloads.contains(k)))
        .map(|(d, _)| d.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let all: Vec<String> = images.into_iter().collect();
    if successors.is_empty() {
        movement(ChangeCause::ImagesStopped, Vec::new(), all)
    } else if upgraded(&successors) {
        movement(ChangeCause::PackageUpgraded, Vec::new(), all)
    } else {
        movement(ChangeCause::ImagesReplaced, Vec::new(), all)
    }
}

fn by_cause(movements: &[Movement]) -> Vec<CauseCount> {
    let mut counts: BTreeMap<ChangeCause, (u64, Vec<String>, BTreeSet<String>)> = BTreeMap::new();
    for m in movements {
        let entry = counts.entry(m.cause).or_default();
        entry.0 += 1;
        if entry.1.len() < 5 {
            entry.1.push(m.id.clone());
        }
        entry.2.extend(m.images.iter().cloned());
    }
    counts
        .into_iter()
        .map(|(cause, (count, examples, images))| CauseCount {
            cause,
            count,
            examples,
            images: images.into_iter().take(5).collect(),
        })
        .collect()
}

/// The change from `before` to `after`, per funnel stage: which
/// vulnerabilities entered and which left, each attributed to exactly one
/// cause with the images behind it. Rules, in order:
///
/// - Entered, and on the same images before at a lower stage (or after
///   another fact moved it): `cluster_configuration_change`, with the facts
///   that differ (contextual analysis, sensors, severity, fix).
/// - Entered on an image that ran and was scanned before:
///   `new_vulnerability_disclosure`; on one that ran unscanned before:
///   `cluster_configuration_change` (scan coverage); only on images new since
///   before: `new_images_without_scanning`.
/// - Left, still on the same images at a lower stage:
///   `cluster_configuration_change`. Left images that still run: suppressed by
///   VEX (when `after.suppressed` says so), an image now unscanned, the
///   package now at another version there, else `no_longer_reported`. Left
///   with its images stopped: `package_upgraded` when the workloads that ran
///   them now run the package at another version, `images_replaced` when they
///   run other images, else `images_stopped`.
///
/// The funnel change's `probable_causes` are the documented causes the data
/// found, when an increase is sudden; `causes` counts, over the distinct
/// vulnerabilities that entered any stage, each cause.
pub fn explain_change(
    before: &EnvironmentState,
    after: &EnvironmentState,
    threshold: IncreaseThreshold,
) -> ChangeExplained {
    let then = Side::of(before);
    let now = Side::of(after);
    let suppressed: BTreeSet<(String, String)> = after
        .suppressed
        .iter()
        .flat_map(|o| {
            let ids: Vec<String> = std::iter::once(&o.vulnerability)
                .chain(&o.aliases)
                .map(|i| canonical_id(i).into_owned())
                .collect();
            o.image
                .iter()
                .flat_map(move |d| ids.clone().into_iter().map(move |i| (i, d.to_string())))
                .collect::<Vec<_>>()
        })
        .collect();
    let last = |s: &Side| if s.validation.is_available() { 5 } else { 4 };
    let shown = last(&then).min(last(&now));
    let mut stages = Vec::new();
    let mut entering: BTreeMap<String, Movement> = BTreeMap::new();
    for stage in Stage::ALL.into_iter().filter(|s| s.depth() <= shown) {
        let mut entered_here = Vec::new();
        for row in now.rows.iter().filter(|r| r.stage >= stage) {
            let earlier = then.row_for(row);
            if earlier.is_some_and(|e| e.stage >= stage) {
                continue;
            }
            let m = entered(row, earlier, &then, &now);
            entering.entry(m.id.clone()).or_insert_with(|| m.clone());
            entered_here.push(m);
        }
        let mut left_here = Vec::new();
        for row in then.rows.iter().filter(|r| r.stage >= stage) {
            let later = now.row_for(row);
            if later.is_some_and(|l| l.stage >= stage) {
                continue;
            }
            left_here.push(left(row, later, &then, &now, &suppressed));
        }
        entered_here.sort_by(|a, b| a.id.cmp(&b.id));
        left_here.sort_by(|a, b| a.id.cmp(&b.id));
        stages.push(StageMovements {
            stage,
            before: then.rows.iter().filter(|r| r.stage >= stage).count() as u64,
            after: now.rows.iter().filter(|r| r.stage >= stage).count() as u64,
            entered_by_cause: by_cause(&entered_here),
            left_by_cause: by_cause(&left_here),
            entered: entered_here,
            left: left_here,
        });
    }
    let mut change = FunnelChange::of_counts(
        stages.iter().map(|s| (s.stage, s.before, s.after)),
        threshold,
    );
    let entering: Vec<Movement> = entering.into_values().collect();
    change.causes = by_cause(&entering);
    change.probable_causes = if change.sudden_increase {
        ProbableCause::ALL
            .into_iter()
            .filter(|p| {
                change
                    .causes
                    .iter()
                    .any(|c| c.cause.probable_cause() == Some(*p))
            })
            .collect()
    } else {
        Vec::new()
    };
    let digests_of = |s: &EnvironmentState| -> Vec<Vec<String>> {
        s.running
            .iter()
            .map(|i| i.digests.iter().map(ToString::to_string).collect())
            .collect()
    };
    let new: Vec<(Vec<String>, bool)> = digests_of(after)
        .into_iter()
        .zip(after.running.iter().map(|i| i.scanned))
        .filter(|(d, _)| !d.iter().any(|d| then.runs(d)))
        .collect();
    let stopped = digests_of(before)
        .into_iter()
        .filter(|d| !d.iter().any(|d| now.runs(d)))
        .count();
    ChangeExplained {
        change,
        stages,
        new_images: new.len() as u64,
        new_unscanned_images: new.iter().filter(|(_, scanned)| !scanned).count() as u64,
        stopped_images: stopped as u64,
    }
}
