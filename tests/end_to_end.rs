//! End to end on the bundled environment (`examples/data/environment/`,
//! the one the README's main command prints): a Pod list, registry
//! answers, seven scanner reports in five formats written for it (by its
//! `generate.py`), a VEX document and a cluster listing give the statuses,
//! the funnel, the highlights and the integrity violations below.
//!
//! How the expected numbers were read off the files (jq and a short Python
//! recount over the JSON, not the program's output):
//! - Pods: ten pods; a Succeeded job and a Pending StatefulSet pod run no
//!   container, and the web init container is not a workload: 8 running
//!   containers, 7 with a repository digest over 6 images (web runs twice),
//!   node-agent with a node-local id. Only node-1's sensor runs: xjoin, web
//!   (nginx) and frontend are watched; ubuntu (node-3), python (node-2) and
//!   api (node-2) are not.
//! - Reports, findings each (`.matches`, `.Content.matches`,
//!   `.items[].report.vulnerabilities`, JFrog rows unique by (first CVE,
//!   package, version), osv records): xjoin Grype 73, nginx kubevuln 161,
//!   ubuntu VulnerabilityReport 42, python Grype 142, frontend JFrog 24 (26
//!   rows, axios and semver pulled in twice) and osv 17 (one `MAL-`), the
//!   last two assigned to the frontend image. The api image has no report.
//! - Runtime: the filtered manifest holds the 26 matches on the packages seen
//!   loaded (nginx, libc6, libssl3, zlib1g, coreutils), all in the full
//!   scan: 26 loaded, 161 - 26 = 135 not observed.
//! - VEX: CVE-2023-6879 on libaom3 is not affected (its only finding there:
//!   160 left on nginx); CVE-2023-4911 on libc6 (not libc-bin) is affected.
//! - Distinct vulnerabilities (alias groups; JFrog's XRAY ids and osv's and
//!   Grype's GHSA ids join their CVE): 58 xjoin, 100 nginx, 19 ubuntu, 95
//!   python, 25 frontend (22 JFrog CVEs, 13 of osv's 16 GHSA ids alias one
//!   of them); 237 over the five images, shared CVEs counted once. Highest
//!   severity: 31 Critical, 78 High (on 4 images: ubuntu's are Medium and
//!   Low), 72 Medium, 56 Low.
//! - Applicable: the frontend's Applicable Critical/High rows (CVE-2023-42282
//!   and CVE-2023-36665, both Critical, CVE-2022-23540, CVE-2024-22019) and
//!   the VEX-affected CVE-2023-4911 on nginx: 5 on 2 images, all with a fix.
//!   Of the other 104 Critical/High, only CVE-2022-25883 (semver, Not
//!   Applicable) is decided: 103 await contextual analysis.
//! - Validated in runtime: CVE-2023-4911 on libc6 is loaded: 1 on 1 image.
//!   The frontend's 4 have no runtime evidence (no runtime-filtered scan).
//! - Highlights: 1 malicious package (acme-shop-telemetry 99.10.2) on 1
//!   image; 2 Critical & Applicable CVEs, on the frontend.
//! - Registry: api:1.14.2 runs another digest than the registry's (digest
//!   mismatch), python:3.6 is not in the registry (missing source), and
//!   nginx:1.25 was re-pushed after the deployment (tag update, 2
//!   containers, 1 image).
//! - Reader warnings: one, osv-scanner's `no_image_digest` (a lockfile
//!   names no image), resolved by the manifest's `image`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    dead_code,
    reason = "tests; the shared loader has fields only the dashboard prints"
)]

#[path = "../examples/environment.rs"]
mod environment;

use std::path::Path;

use kubesight::finding::FindingIndex;
use kubesight::funnel::{FunnelAccumulator, StageCount};
use kubesight::highlights::Highlights;
use kubesight::integrity::{IntegrityPolicy, TrustedRegistries, ViolationKind};
use kubesight::runtime::{
    ClusterHealth, DisableLabel, Installation, InstallationStatus, ScanReport,
};

fn bundled() -> environment::Environment {
    load("environment.json")
}

fn load(manifest: &str) -> environment::Environment {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data/environment")
        .join(manifest);
    environment::load(&manifest).unwrap()
}

#[test]
fn the_bundled_environment_gives_the_dashboard_it_should() {
    let env = bundled();
    assert_eq!(env.containers.len(), 8);
    assert_eq!(env.running_images.len(), 6);
    let counts: Vec<usize> = env.reports.iter().map(|(_, n)| *n).collect();
    assert_eq!(counts, [73, 161, 42, 142, 27, 20]);
    assert_eq!(
        (
            env.runtime.loaded,
            env.runtime.not_observed,
            env.runtime.unmatched
        ),
        (26, 135, 0)
    );
    assert_eq!((env.vex.not_affected, env.vex.affected), (1, 1));
    assert_eq!(env.warnings.len(), 1, "{:?}", env.warnings);
    assert!(env.warnings[0].starts_with("osv-frontend.json: no_image_digest at results[0]"));

    let label = DisableLabel::default();
    let installation = Installation::of(&env.clusters, &label);
    assert_eq!(installation.status, InstallationStatus::Full);
    let prod = ClusterHealth::of(&env.clusters[0], &label);
    assert!(!prod.monitored_correctly, "node-2's sensor failed");

    let mut index = FindingIndex::new(&env.running_images);
    let scan = ScanReport::of_index(&index);
    assert_eq!((scan.running, scan.scanned), (6, 5));
    assert_eq!(
        scan.unscanned_images,
        ["sha256:f770d547374a4a12da54fe1759f8c1f01a374f60b036a59ad3f57060f3bf3b29"]
    );

    let (interned, skipped) = index.intern_all(&env.findings);
    assert_eq!(skipped.malicious, 1);
    assert_eq!((skipped.not_running, skipped.not_scanned), (0, 0));
    assert_eq!(interned.len(), 73 + 160 + 42 + 142 + 27 + 19);
    let mut accumulator = FunnelAccumulator::for_index(&index);
    accumulator.add_all(&interned);
    let funnel = accumulator.finish(&index, installation.status.runtime_validation());
    let stage = |s: StageCount| (s.vulnerabilities, s.images);
    assert_eq!(stage(funnel.all), (240, 5));
    assert_eq!(stage(funnel.critical_high), (112, 4));
    assert_eq!(stage(funnel.applicable), (7, 2));
    assert_eq!(stage(funnel.with_fix), (5, 2));
    assert_eq!(funnel.validated_in_runtime.map(stage), Some((1, 1)));
    let u = funnel.undecided;
    assert_eq!((u.applicability, u.fix, u.runtime), (104, 0, 4));
    let s = funnel.by_severity;
    assert_eq!(
        (s.critical, s.high, s.medium, s.low, s.unknown),
        (33, 79, 72, 56, 0)
    );

    let policy = IntegrityPolicy::new(TrustedRegistries::new(&env.trusted_registries).unwrap());
    let violations: Vec<_> = env
        .containers
        .iter()
        .filter_map(|facts| policy.assess(facts, env.observed_at).violation)
        .collect();
    let kinds = |kind| violations.iter().filter(|v| v.kind == kind).count();
    assert_eq!(kinds(ViolationKind::DigestMismatch), 1);
    assert_eq!(kinds(ViolationKind::MissingSource), 1);
    assert_eq!(kinds(ViolationKind::PostDeploymentTagUpdate), 2);

    let highlights = Highlights::of_index(&index, &env.findings, &violations);
    assert_eq!(
        (
            highlights.malicious_packages.packages,
            highlights.malicious_packages.images
        ),
        (1, 1)
    );
    assert_eq!(
        (
            highlights.critical_applicable.vulnerabilities,
            highlights.critical_applicable.images
        ),
        (3, 1)
    );
    assert_eq!(highlights.integrity_violations.images, 3);
}

/// The platform export alone (`platform-export.json`: the cluster details,
/// two pages of image tags, two of workloads; no Pod list, no report).
/// How the numbers were read off `generator/platform.py`:
/// - Tags: xjoin (3 CVEs: snakeyaml CVE-2022-1471 Critical applicable,
///   zookeeper Critical not applicable, glibc CVE-2023-6246 High
///   undetermined), nginx (5: CVE-2023-44487 and CVE-2023-4911 High
///   applicable, CVE-2023-5363 High rescan_required, CVE-2023-6879 Critical
///   not applicable, CVE-2023-45853 Critical upgrade_required), the frontend
///   (the 27 findings of its JFrog table, 25 CVEs, and the malicious
///   package), ubuntu (2, not scanned by contextual analysis), python (2:
///   CVE-2023-24329 High not covered, CVE-2022-40897 Medium applicable); api
///   and node-agent unscanned, node-agent without a digest (one warning).
///   39 findings and 1 malicious; 7 running images, 5 scanned.
/// - Distinct CVEs: 3 + 5 + 25 + 2 + 2, less CVE-2023-6246, CVE-2023-45853
///   and CVE-2024-2961, each on two images: 34. Critical or High: xjoin 3,
///   nginx 5, 12 more of the frontend's (vm2's two and dicer's among them),
///   python's CVE-2023-24329: 21. Applicable among those: CVE-2022-1471,
///   CVE-2023-44487, CVE-2023-4911, and the frontend's CVE-2023-42282,
///   CVE-2023-36665, CVE-2022-23540, CVE-2024-22019, CVE-2023-37466 (vm2),
///   CVE-2022-24434 (dicer): 9 on 3 images; undecided: CVE-2023-6246, -5363,
///   -45853, CVE-2024-27983, -21892, -2961, CVE-2023-24329: 7. No fix
///   versions in the listing: With Fix 0, 9 undecided.
/// - Workloads: node-1's sensor runs (xjoin, web, frontend, node-agent
///   watched), node-2's failed, node-3's is disabled. Processes hold
///   snakeyaml's CVE, nginx's two applicable ones, the frontend's
///   CVE-2023-42282 and CVE-2024-22019, and python's CVE-2023-24329 (on an
///   unwatched node, still a process): 6 loaded; the other 2 + 3 + 25 of the
///   watched images not observed: 30; ubuntu's 2 and python's other one: 3.
/// - Highlights: CVE-2022-1471, CVE-2023-42282, CVE-2023-36665, CVE-2023-37466
///   Critical and applicable on 2 images; 1 malicious package on 1 image.
#[test]
fn a_platform_export_alone_gives_the_dashboard() {
    let env = load("platform-export.json");
    assert!(env.containers.is_empty());
    let view = env.platform.as_ref().unwrap();
    assert_eq!((view.tags.tags.len(), view.workloads), (7, 7));
    assert_eq!(env.running_images.len(), 7);
    assert_eq!(env.reports, [("the platform's image tags".to_owned(), 40)]);
    assert_eq!(env.warnings.len(), 1, "{:?}", env.warnings);
    assert!(env.warnings[0].starts_with("the platform's image tags: no_image_digest"));
    let e = view.tags.evidence.unwrap();
    assert_eq!((e.loaded, e.not_observed, e.unavailable), (6, 30, 3));

    let label = DisableLabel::default();
    let installation = Installation::of(&env.clusters, &label);
    assert_eq!(installation.status, InstallationStatus::Full);
    let mut index = FindingIndex::new(&env.running_images);
    let scan = ScanReport::of_index(&index);
    assert_eq!((scan.running, scan.scanned), (7, 5));
    let (interned, skipped) = index.intern_all(&env.findings);
    assert_eq!((interned.len(), skipped.malicious), (39, 1));
    let mut accumulator = FunnelAccumulator::for_index(&index);
    accumulator.add_all(&interned);
    let funnel = accumulator.finish(&index, installation.status.runtime_validation());
    let stage = |s: StageCount| (s.vulnerabilities, s.images);
    assert_eq!(stage(funnel.all), (34, 5));
    assert_eq!(stage(funnel.critical_high), (21, 5));
    assert_eq!(stage(funnel.applicable), (9, 3));
    assert_eq!(stage(funnel.with_fix), (0, 0));
    assert_eq!(funnel.validated_in_runtime.map(stage), Some((0, 0)));
    assert_eq!(
        (funnel.undecided.applicability, funnel.undecided.fix),
        (7, 9)
    );
    let highlights = Highlights::of_index(&index, &env.findings, []);
    assert_eq!(
        (
            highlights.critical_applicable.vulnerabilities,
            highlights.critical_applicable.images,
            highlights.malicious_packages.packages,
            highlights.malicious_packages.images
        ),
        (4, 2, 1, 1)
    );
}

/// The platform's integrity-violation badges name the images kubesight's
/// own assessment of the Pod list and the registry's answers finds
/// violated: nginx (re-pushed tag), api (digest mismatch), python (missing
/// source).
#[test]
fn the_platforms_integrity_badges_match_the_assessment() {
    use kubesight::ingest::platform::Risk;
    let env = bundled();
    let policy = IntegrityPolicy::new(TrustedRegistries::new(&env.trusted_registries).unwrap());
    let assessed: std::collections::BTreeSet<String> = env
        .containers
        .iter()
        .filter_map(|facts| policy.assess(facts, env.observed_at).violation)
        .map(|v| v.image.to_string())
        .collect();
    let platform = load("platform-export.json");
    let badged: std::collections::BTreeSet<String> = platform
        .platform
        .unwrap()
        .tags
        .tags
        .iter()
        .filter(|t| t.risks.contains(&Risk::IntegrityViolation))
        .map(|t| {
            format!(
                "{}/{}:{}",
                t.registry.as_deref().unwrap(),
                t.repository_path.as_deref().unwrap(),
                t.tag.as_deref().unwrap()
            )
        })
        .collect();
    assert_eq!(assessed.len(), 3);
    assert_eq!(assessed, badged);
}

/// The second day (`day2/environment.json`): a Deployment of an image no
/// scanner covers, a rescan of python:3.6 that reports CVE-2024-0985, and
/// contextual analysis run for the first time on xjoin (a JFrog scan of the
/// same image). The explained change finds each of the three in the data.
#[test]
fn the_second_day_explains_what_changed() {
    use kubesight::change::{explain_change, EnvironmentState};
    use kubesight::funnel::{ChangeCause, ChangedFact, IncreaseThreshold, Stage};
    let (before, after) = (bundled(), load("day2/environment.json"));
    assert_eq!(
        after.previous.as_deref(),
        Some(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../examples/data/environment/day2/../environment.json")
                .as_path()
        )
    );
    let validation = kubesight::funnel::RuntimeValidation::Available;
    let state = |e: &environment::Environment| EnvironmentState {
        running: e.running_images.clone(),
        findings: e.findings.clone(),
        runtime_validation: validation,
        suppressed: Vec::new(),
    };
    let explained = explain_change(
        &state(&before),
        &state(&after),
        IncreaseThreshold::default(),
    );
    assert_eq!(
        (
            explained.new_images,
            explained.new_unscanned_images,
            explained.stopped_images
        ),
        (1, 1, 0)
    );
    let at = |s: Stage| explained.stages.iter().find(|m| m.stage == s).unwrap();
    let all = at(Stage::All);
    assert_eq!((all.before, all.after), (240, 241));
    assert_eq!(all.entered.len(), 1);
    assert!(all.left.is_empty());
    let new = &all.entered[0];
    assert_eq!(
        (new.id.as_str(), new.cause),
        ("CVE-2024-0985", ChangeCause::NewVulnerabilityDisclosure)
    );
    assert_eq!(
        new.images,
        ["sha256:56e428bb95594df86c86d62aa7b6ca5827ecf23a2a1e933288cba950d394fdbf"]
    );
    let applicable = at(Stage::Applicable);
    assert_eq!((applicable.before, applicable.after), (7, 9));
    let moved: Vec<(&str, ChangeCause)> = applicable
        .entered
        .iter()
        .map(|m| (m.id.as_str(), m.cause))
        .collect();
    assert_eq!(
        moved,
        [
            ("CVE-2023-25194", ChangeCause::ClusterConfigurationChange),
            ("CVE-2023-34455", ChangeCause::ClusterConfigurationChange)
        ]
    );
    assert!(applicable
        .entered
        .iter()
        .all(|m| m.facts.contains(&ChangedFact::ContextualAnalysis)));
    assert!(
        !explained.change.sudden_increase,
        "3 more is not sudden by the default threshold"
    );
}
