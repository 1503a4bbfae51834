//! Writes the JSON Schema of every type that crosses a binding, derived from
//! the core's types with schemars, and the declarations generated from it:
//! the TypeScript of the Node package and the typed result protocols of the
//! Python package. The test command runs it and fails when a committed file
//! differs from what it writes.
//!
//! ```text
//! cargo run -p kubesight-schema
//! ```
//!
//! Results are described as the core writes them (serde's serialize form);
//! a type the core reads differently (a field with a default is optional,
//! an instant may be a `Date`) gets a second, `Input` form where it differs.

// The Node binding's own casing, so that the declarations name fields
// exactly as the addon writes them.
#[path = "../../bindings-node/src/casing.rs"]
#[allow(dead_code, reason = "the declarations need only `camel`")]
mod casing;
mod model;
mod python;
mod typescript;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use schemars::generate::{Contract, SchemaSettings};
use schemars::SchemaGenerator;
use serde_json::{Map, Value};

use kubesight::change::{ChangeExplained, EnvironmentState};
use kubesight::enrichment::{Enrichment, Epss, KevEntry};
use kubesight::finding::{Occurrence, RunningImage};
use kubesight::funnel::{FunnelResult, IncreaseThreshold};
use kubesight::highlights::Highlights;
use kubesight::images::{ImageRow, ImagesPage, ImagesQuery};
use kubesight::ingest::vex::{VexApplied, VexDocument};
use kubesight::ingest::{
    IngestWarning, Ingested, OwningWorkload, PlatformClusters, PlatformImageTags, PlatformImages,
    PlatformWorkloads, PodInventory, RuntimeMarked,
};
use kubesight::integrity::{IntegrityAssessment, IntegrityFacts, Violation};
use kubesight::readiness::Readiness;
use kubesight::runtime::{Cluster, ClusterHealth, DisableLabel, Installation, ScanReport};
use kubesight::scanning::{
    Coverage, ObservedImage, Reconfigured, ScanConfiguration, ScanConfigurations, ScanPlan,
};
use kubesight::table::{MaliciousPackageRow, TablePage, TableQuery, VulnerabilityRow};
use kubesight::trend::{Snapshot, TrendRequest, TrendResult};
use kubesight::{ImageIdParts, ImageRefParts, Severity, TagClass, TagPolicy, TagRule, WordChanges};

/// Adds the schema of every root type (and of every type they hold) to
/// `generator`'s definitions.
fn add_roots(generator: &mut SchemaGenerator) {
    macro_rules! roots {
        ($($t:ty),* $(,)?) => {$( let _ = generator.subschema_for::<$t>(); )*};
    }
    roots!(
        // What the bindings read.
        RunningImage,
        Occurrence,
        Violation,
        IntegrityFacts,
        Cluster,
        DisableLabel,
        ScanConfigurations,
        ScanConfiguration,
        ObservedImage,
        Snapshot,
        TrendRequest,
        WordChanges,
        TableQuery,
        ImagesQuery,
        EnvironmentState,
        Enrichment,
        IncreaseThreshold,
        // What they return.
        Severity,
        TagRule,
        TagClass,
        TagPolicy,
        ImageRefParts<'static>,
        ImageIdParts<'static>,
        IntegrityAssessment,
        FunnelResult,
        Highlights,
        Installation,
        ClusterHealth,
        ScanReport,
        Reconfigured,
        Coverage,
        Readiness,
        ScanPlan,
        TrendResult,
        Ingested,
        PodInventory,
        PlatformClusters,
        PlatformImageTags,
        PlatformWorkloads,
        PlatformImages,
        VexDocument,
        VexApplied,
        RuntimeMarked,
        OwningWorkload,
        VulnerabilityRow,
        TablePage,
        MaliciousPackageRow,
        ImageRow,
        ImagesPage,
        ChangeExplained,
        Epss,
        KevEntry,
        IngestWarning,
    );
}

/// The types the bindings read (arguments): they get a read form where it
/// differs from the written one.
const INPUTS: [&str; 22] = [
    "RunningImage",
    "Occurrence",
    "Violation",
    "IntegrityFacts",
    "Cluster",
    "DisableLabel",
    "ScanConfigurations",
    "ScanConfiguration",
    "ObservedImage",
    "Snapshot",
    "TrendRequest",
    "WordChanges",
    "Installation",
    "PlatformImageTags",
    "PlatformWorkloads",
    "VexDocument",
    "TableQuery",
    "ImagesQuery",
    "EnvironmentState",
    "EnrichmentData",
    "IncreaseThreshold",
    "IntegrityAssessment",
];

/// The definitions of every type, as one contract describes them.
fn definitions(contract: Contract) -> Map<String, Value> {
    let mut settings = SchemaSettings::draft2020_12();
    settings.contract = contract;
    let mut generator = SchemaGenerator::new(settings);
    add_roots(&mut generator);
    generator.definitions().clone()
}

fn write(root: &Path, path: &str, text: &str) -> Result<(), String> {
    let file = root.join(path);
    std::fs::write(&file, text).map_err(|e| format!("writing {}: {e}", file.display()))
}

fn run() -> Result<(), String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let model = model::Model::new(
        definitions(Contract::Serialize),
        definitions(Contract::Deserialize),
        &INPUTS,
    );
    let schema = serde_json::to_string_pretty(&model.schema())
        .map_err(|e| format!("writing the schema: {e}"))?;
    write(
        &root,
        "schema/kubesight.schema.json",
        &format!("{schema}\n"),
    )?;
    write(
        &root,
        "bindings-node/types.d.ts",
        &typescript::declarations(&model),
    )?;
    write(
        &root,
        "bindings-python/python/kubesight/types.py",
        &python::protocols(&model),
    )?;
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("kubesight-schema: {message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_input_root_has_a_definition() {
        let defs = definitions(Contract::Deserialize);
        for name in INPUTS {
            assert!(defs.contains_key(name), "{name}");
        }
    }
}
