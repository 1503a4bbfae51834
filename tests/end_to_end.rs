//! End to end on the bundled environment (`examples/data/environment/`,
//! the one the README's main command prints): a Pod list, registry
//! answers, six real scanner reports in five formats, a VEX document and a
//! cluster listing give the statuses, the funnel, the highlights and the
//! integrity violations below.
//!
//! How the expected numbers were read off the files:
//! - Pods: ten pods; a Succeeded job and a Pending StatefulSet pod run no
//!   container, and the web init container is not a workload: 8 running
//!   containers, 7 with a repository digest over 6 images (web runs twice),
//!   node-agent with a node-local id.
//! - Reports: issue_9618 (35 matches, 19 CVEs), nginx-cve (456, 287),
//!   the ubuntu VulnerabilityReport (5, 2), many_vulns (1509, 388), the
//!   JFrog docker scan (3, 2) and osv some_findings (1 malicious), the last
//!   two assigned to the frontend image. The api image has no report.
//! - VEX: CVE-2019-6978 on libgd3 in the nginx image is not affected; it is
//!   that CVE's only finding there (286 CVEs left).
//! - Distinct CVEs across the five scanned images: 631, of which 151 have a
//!   Critical or High finding, on 4 images (ubuntu's two are Medium).
//!   No report but JFrog's carries contextual analysis, and its Critical CVE
//!   is Undetermined: Applicable is 0 and 151 await contextual analysis.
//! - Registry: api:1.14.2 runs another digest than the registry's (digest
//!   mismatch), python:3.6 is not in the registry (missing source), and
//!   nginx:1.25 was re-pushed after the deployment (tag update, 2
//!   containers, 1 image).

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

use kubesight::funnel::{FindingIndex, FunnelAccumulator};
use kubesight::highlights::Highlights;
use kubesight::integrity::{IntegrityPolicy, TrustedRegistries, ViolationKind};
use kubesight::runtime::{
    ClusterHealth, DisableLabel, Installation, InstallationStatus, ScanReport,
};

fn bundled() -> environment::Environment {
    let manifest =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/data/environment/environment.json");
    environment::load(&manifest).unwrap()
}

#[test]
fn the_bundled_environment_gives_the_dashboard_it_should() {
    let env = bundled();
    assert_eq!(env.containers.len(), 8);
    assert_eq!(env.running_images.len(), 6);
    let counts: Vec<usize> = env.reports.iter().map(|(_, n)| *n).collect();
    assert_eq!(counts, [35, 456, 5, 1509, 3, 1]);
    assert_eq!(
        (
            env.runtime.loaded,
            env.runtime.not_observed,
            env.vex.not_affected
        ),
        (216, 240, 1)
    );

    let label = DisableLabel::default();
    let installation = Installation::of(&env.clusters, &label);
    assert_eq!(installation.status, InstallationStatus::Full);
    let prod = ClusterHealth::of(&env.clusters[0], &label);
    assert!(!prod.monitored_correctly, "node-2's sensor failed");

    let mut index = FindingIndex::new(&env.running_images);
    let scan = ScanReport::of(&index);
    assert_eq!((scan.running, scan.scanned), (6, 5));
    assert_eq!(
        scan.unscanned_images,
        ["sha256:f770d547374a4a12da54fe1759f8c1f01a374f60b036a59ad3f57060f3bf3b29"]
    );

    let (interned, skipped) = index.intern_all(&env.findings);
    assert_eq!(skipped.malicious, 1);
    assert_eq!(interned.len(), 35 + 455 + 5 + 1509 + 3);
    let mut accumulator = FunnelAccumulator::for_index(&index);
    accumulator.add_all(&interned);
    let funnel = accumulator.finish(&index, installation.status.has_runtime_validation());
    assert_eq!((funnel.all.vulnerabilities, funnel.all.images), (631, 5));
    assert_eq!(
        (
            funnel.critical_high.vulnerabilities,
            funnel.critical_high.images
        ),
        (151, 4)
    );
    assert_eq!(funnel.applicable.vulnerabilities, 0);
    assert_eq!(funnel.undecided.applicability, 151);
    assert_eq!(
        funnel.validated_in_runtime.map(|s| s.vulnerabilities),
        Some(0)
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

    let highlights = Highlights::compute(&index, &env.findings, &violations);
    assert_eq!(
        (
            highlights.malicious_packages.packages,
            highlights.malicious_packages.images
        ),
        (1, 1)
    );
    assert_eq!(highlights.integrity_violations.images, 3);
}
