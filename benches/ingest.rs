//! Reading scanner reports. Targets: the largest Grype fixture (3.8 MB) at
//! 200 MB/s or more; a Trivy report with 100,000 findings read into
//! occurrences in under 0.5 s; the platform's image tags, 20 pages of 250
//! tags with 20 vulnerabilities each (100,000 findings), read and merged in
//! at most 2x the time serde_json takes to parse the same pages to values
//! (the reader splits each page into raw entries and reads each into typed,
//! borrowing structs).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs,
    reason = "benchmarks; criterion's macros generate undocumented public functions"
)]

use std::fmt::Write;
use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kubesight::ingest;

/// A third-party report from `../shared/fixtures/`, beside the checkout.
fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A Trivy report shaped as Trivy writes one: `findings` vulnerabilities
/// over a few hundred packages, every field a real report carries.
fn synthetic_trivy(findings: usize) -> String {
    let severities = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"];
    let statuses = ["fixed", "affected", "will_not_fix", "fix_deferred"];
    let mut text = String::from(
        r#"{"SchemaVersion": 2, "ArtifactName": "registry.example.com/app:1.0", "ArtifactType": "container_image",
 "Metadata": {"ImageID": "sha256:055936d3920576da37aa9bc460d70c5f212028bda1c08c0879aedf03d7a66ea1",
  "RepoDigests": ["registry.example.com/app@sha256:97e6d5aeed19f627205b218f45b284cd01ff658dd181416ab1d3e21aeb28d68e"]},
 "Results": [{"Target": "registry.example.com/app:1.0 (debian 12.5)", "Class": "os-pkgs", "Type": "debian", "Vulnerabilities": ["#,
    );
    for i in 0..findings {
        if i > 0 {
            text.push(',');
        }
        let package = i % 400;
        let status = statuses[i % 4];
        let fixed = if status == "fixed" {
            "1.2.4-1+deb12u1"
        } else {
            ""
        };
        write!(
            text,
            r#"{{"VulnerabilityID": "CVE-{}-{}", "PkgID": "pkg{package}@1.2.3-1", "PkgName": "pkg{package}",
 "PkgIdentifier": {{"PURL": "pkg:deb/debian/pkg{package}@1.2.3-1?arch=amd64&distro=debian-12.5", "UID": "{i:016x}"}},
 "InstalledVersion": "1.2.3-1", "FixedVersion": "{fixed}", "Status": "{status}",
 "Layer": {{"DiffID": "sha256:f1b5933fe4b5f49bbe8258745cf396afe07e625bdab3168e364daf7c956b6b81"}},
 "SeveritySource": "nvd", "PrimaryURL": "https://avd.aquasec.com/nvd/cve-{}-{}",
 "DataSource": {{"ID": "debian", "Name": "Debian Security Tracker", "URL": "https://salsa.debian.org/security-tracker-team/security-tracker"}},
 "Title": "pkg{package}: a flaw in input handling", "Description": "A flaw was found in pkg{package} that allows a remote attacker to cause a denial of service via crafted input.",
 "Severity": "{}", "CweIDs": ["CWE-787"], "VendorSeverity": {{"debian": 1, "nvd": 3}},
 "CVSS": {{"nvd": {{"V3Vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", "V3Score": 7.5}}}},
 "References": ["https://security-tracker.debian.org/tracker/CVE-{}-{}"],
 "PublishedDate": "2023-01-01T00:00:00Z", "LastModifiedDate": "2023-06-01T00:00:00Z"}}"#,
            2015 + i % 10,
            10_000 + i,
            2015 + i % 10,
            10_000 + i,
            severities[i % 5],
            2015 + i % 10,
            10_000 + i,
        )
        .unwrap();
    }
    text.push_str("]}]}");
    text
}

/// Pages of the platform's image tags listing: `pages` pages of `per_page`
/// tags, each with `vulnerabilities` vulnerabilities in Maven, npm and
/// Debian components, a digest and a workload.
fn synthetic_image_tag_pages(pages: usize, per_page: usize, vulnerabilities: usize) -> Vec<String> {
    let severities = ["Critical", "High", "Medium", "Low"];
    let verdicts = [
        "applicable",
        "not_applicable",
        "undetermined",
        "not_covered",
        "rescan_required",
    ];
    let components = [
        "gav://org.yaml:snakeyaml:1.26",
        "npm://lodash:4.17.20",
        "deb://debian:bookworm:openssl:3.0.11-1",
    ];
    let total = pages * per_page;
    (0..pages)
        .map(|p| {
            let mut text = String::from(r#"{"image_tags": ["#);
            for t in 0..per_page {
                let n = p * per_page + t;
                if t > 0 {
                    text.push(',');
                }
                write!(
                    text,
                    r#"{{"name": "app{n}", "tag": "1.{n}.0", "registry": "registry.acme.io", "repository_path": "shop/app{n}",
 "architecture": "amd64", "image_digest": "sha256:{n:064x}", "runtime_status": "running", "scan_info": {{"sca": true}},
 "risks": [], "malicious_packages": [], "workloads": [{{"cluster": "prod", "namespace": "shop", "name": "app{n}"}}],
 "vulnerabilities": ["#
                )
                .unwrap();
                for v in 0..vulnerabilities {
                    if v > 0 {
                        text.push(',');
                    }
                    let id = n * vulnerabilities + v;
                    let component = components[v % 3];
                    let (name, version) = component
                        .split_once("://")
                        .and_then(|(_, rest)| rest.rsplit_once(':'))
                        .unwrap();
                    write!(
                        text,
                        r#"{{"cve_id": "CVE-2024-{id}", "xray_id": "XRAY-{id}", "severity": "{}", "cvss_v2": "", "cvss_v3": "7.5",
 "applicability": "{}", "components": [{{"id": "{component}", "name": "{name}", "version": "{version}"}}]}}"#,
                        // Critical findings are never applicable here, so
                        // no badge is expected.
                        severities[v % 4],
                        if v % 4 == 0 { "not_applicable" } else { verdicts[v % 5] },
                    )
                    .unwrap();
                }
                text.push_str("]}");
            }
            let next = if p + 1 < pages { format!("{}", p + 1) } else { String::new() };
            write!(text, r#"], "pagination": {{"limit": {per_page}, "next_key": "{next}"}}, "total_count": {total}}}"#).unwrap();
            text
        })
        .collect()
}

fn ingest(c: &mut Criterion) {
    let grype = fixture("defectdojo/anchore_grype/many_vulns.json");
    let mut group = c.benchmark_group("ingest");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(grype.len() as u64));
    group.bench_function("grype_many_vulns_3.8mb", |b| {
        b.iter(|| black_box(ingest::grype(black_box(&grype)).unwrap()));
    });
    let findings = if std::env::args().any(|a| a == "--bench") {
        100_000
    } else {
        1_000
    };
    let trivy = synthetic_trivy(findings);
    let read = ingest::trivy(&trivy).unwrap();
    assert_eq!(read.occurrences().count(), findings);
    assert!(read.warnings.is_empty());
    group.throughput(Throughput::Elements(findings as u64));
    group.bench_function("trivy_100k_findings", |b| {
        b.iter(|| black_box(ingest::trivy(black_box(&trivy)).unwrap()));
    });

    let per_page = if findings == 100_000 { 250 } else { 5 };
    let pages = synthetic_image_tag_pages(20, per_page, 20);
    let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
    let read = ingest::runtime_image_tags(&pages).unwrap();
    assert_eq!(read.occurrences().count(), 20 * per_page * 20);
    assert!(read.warnings.is_empty(), "{:?}", read.warnings.first());
    group.throughput(Throughput::Elements((20 * per_page * 20) as u64));
    group.bench_function("image_tags_100k_findings", |b| {
        b.iter(|| black_box(ingest::runtime_image_tags(black_box(&pages)).unwrap()));
    });
    // The peer: serde_json parsing the same pages to values, nothing more.
    group.bench_function("image_tags_100k_findings_serde_json_values", |b| {
        b.iter(|| {
            for page in &pages {
                black_box(serde_json::from_str::<serde_json::Value>(black_box(page)).unwrap());
            }
        });
    });
    group.finish();
}

criterion_group!(benches, ingest);
criterion_main!(benches);
