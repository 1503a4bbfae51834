//! Reading the vectors' documents: fixtures by path, the readers by
//! format name, the pages of a platform export.

use std::path::Path;

use kubesight::ingest::vex::{self, VexDocument};
use kubesight::ingest::{self, IngestError, Ingested};
use serde_json::{json, Value};

/// A fixture by its path from the repository root, as the vectors name it.
pub(crate) fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub(crate) fn read(format: &str, text: &str) -> Result<Ingested, IngestError> {
    match format {
        "trivy" => ingest::trivy(text),
        "grype" => ingest::grype(text),
        "trivy_operator" => ingest::trivy_operator(text),
        "osv_scanner" => ingest::osv_scanner(text),
        "jfrog_simple_json" => ingest::jfrog_simple_json(text),
        "jfrog_xray_json" => ingest::jfrog_xray_json(text),
        other => panic!("no adapter named {other}"),
    }
}

pub(crate) fn is_vex(format: &str) -> bool {
    matches!(format, "openvex" | "cyclonedx_vex" | "csaf_vex")
}

pub(crate) fn read_vex(format: &str, text: &str) -> Result<VexDocument, IngestError> {
    match format {
        "openvex" => vex::openvex(text),
        "cyclonedx_vex" => vex::cyclonedx_vex(text),
        "csaf_vex" => vex::csaf_vex(text),
        other => panic!("no VEX reader named {other}"),
    }
}

/// The summary of a platform listing as the `platform` section reads it.
pub(crate) fn platform_summary(listing: &str, text: &str) -> Result<Value, IngestError> {
    use kubesight::runtime::{DisableLabel, Installation};
    Ok(match listing {
        "clusters" => {
            let read = ingest::runtime_clusters(&[text])?;
            let installation = Installation::of(&read.clusters, &DisableLabel::default());
            json!({
                "clusters": read.clusters,
                "warnings": read.warnings.iter().map(|w| w.code).collect::<Vec<_>>(),
                "installation": installation.status.code(),
            })
        }
        _ => {
            let read = ingest::runtime_images(text)?;
            let (status, running, scanned) = read.scan_status();
            json!({
                "scan_status": status.code(),
                "running": running,
                "scanned": scanned,
                "critical": read.images.iter().map(|i| i.vulnerabilities.critical).collect::<Vec<_>>(),
                "warnings": read.warnings.iter().map(|w| w.code).collect::<Vec<_>>(),
            })
        }
    })
}

/// The pages a `platform_export` case names: fixture paths, or documents
/// written inline.
pub(crate) fn pages_of(case: &Value, key: &str) -> Vec<String> {
    case[key]
        .as_array()
        .map(|pages| {
            pages
                .iter()
                .map(|p| {
                    let p = p.as_str().unwrap();
                    if p.starts_with('{') || p.starts_with('[') {
                        p.to_owned()
                    } else {
                        fixture(p)
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The pages as text slices.
pub(crate) fn refs(pages: &[String]) -> Vec<&str> {
    pages.iter().map(String::as_str).collect()
}
