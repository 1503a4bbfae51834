//! The vector files read into typed cases that refuse unknown keys: a typo
//! in a key (`runtime_validaton`) fails here instead of falling back to a
//! default in some suite. Inputs the core reads (running images, findings,
//! facts, clusters, snapshots) are also held to their types: every key of
//! an input must survive reading it into the core's type and writing it
//! back, so a misspelt optional field is refused too.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]
#![allow(
    dead_code,
    reason = "every field is read to refuse the keys that are not one; the suites use them"
)]

mod support;

use std::collections::BTreeMap;

use kubesight::finding::{Occurrence, RunningImage};
use kubesight::integrity::{IntegrityFacts, Violation};
use kubesight::runtime::{Cluster, DisableLabel, Installation};
use kubesight::scanning::{ObservedImage, ScanConfiguration, ScanConfigurations};
use kubesight::trend::Snapshot;
use kubesight::WordChanges;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A file's header: what it is about.
type About = String;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cases<T> {
    about: About,
    cases: Vec<T>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReferenceCase {
    input: String,
    string: Option<String>,
    domain: Option<String>,
    path: Option<String>,
    tag: Option<Option<String>>,
    digest: Option<Option<String>>,
    familiar: Option<String>,
    error: Option<String>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TagCase {
    tag: Option<String>,
    reference: Option<String>,
    rule: Option<String>,
    mutability: Option<String>,
    error: Option<String>,
    policy: Option<TagPolicyName>,
    changes: Option<Value>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum TagPolicyName {
    Default,
    KeywordsOnly,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeverityCase {
    word: String,
    severity: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IntegrityCase {
    name: String,
    policy: IntegrityPolicyCase,
    facts: Value,
    observed_at: String,
    expect: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IntegrityPolicyCase {
    trusted: Vec<String>,
    tags: TagPolicyName,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FunnelCase {
    name: String,
    running: Value,
    occurrences: Value,
    runtime_validation: bool,
    expect: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HighlightsFile {
    about: About,
    running: Value,
    cases: Vec<HighlightsCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HighlightsCase {
    name: String,
    occurrences: Value,
    violations: Value,
    expect: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuntimeFile {
    about: About,
    scan_status: Vec<ScanStatusCase>,
    installation: Vec<InstallationCase>,
    health: Vec<HealthCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScanStatusCase {
    name: String,
    expect: Value,
    running: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InstallationCase {
    name: String,
    expect: Value,
    clusters: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HealthCase {
    name: String,
    expect: Value,
    cluster: Value,
    label: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScanningFile {
    about: About,
    batch: Vec<BatchCase>,
    readiness: Vec<ReadinessCase>,
    plan: Vec<PlanCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchCase {
    name: String,
    expect: Value,
    configurations: Value,
    clusters: Vec<String>,
    configuration: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadinessCase {
    name: String,
    expect: Value,
    installation: Value,
    configurations: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanCase {
    name: String,
    expect: Value,
    configurations: Value,
    images: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TrendFile {
    about: About,
    windows: Vec<TrendCase>,
    summary: Vec<TrendCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TrendCase {
    name: String,
    expect: Value,
    options: TrendOptionsCase,
    now: String,
    snapshots: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TrendOptionsCase {
    days: Option<u32>,
    zone: Option<String>,
    carry_forward_days: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ErrorsFile {
    about: About,
    binding_about: About,
    areas: BTreeMap<String, Vec<String>>,
    details_about: About,
    details: Vec<ErrorDetailsCase>,
    fields_about: About,
    fields: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ErrorDetailsCase {
    call: String,
    input: Value,
    error: String,
    details: Value,
    why: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IngestFile {
    about: About,
    cases: Vec<IngestCase>,
    errors: Vec<IngestCase>,
    runtime_pairs: Vec<RuntimePairCase>,
    vex: Vec<IngestCase>,
    vex_applied: Vec<IngestCase>,
    pods: Vec<IngestCase>,
    platform: Vec<IngestCase>,
    platform_export_about: About,
    platform_export: Vec<PlatformExportCase>,
    shapes: Vec<IngestCase>,
    vex_shapes: Vec<IngestCase>,
}

/// A case of a reader: a document (a fixture or inline text) in a format.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IngestCase {
    name: String,
    format: Option<String>,
    listing: Option<String>,
    fixture: Option<String>,
    text: Option<String>,
    cluster: Option<String>,
    occurrences: Option<Value>,
    how: Option<String>,
    expect: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuntimePairCase {
    name: String,
    format: String,
    full: String,
    filtered: String,
    how: String,
    expect: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlatformExportCase {
    name: String,
    clusters: Option<Vec<String>>,
    image_tags: Option<Vec<String>>,
    workloads: Option<Vec<String>>,
    how: String,
    expect: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PrioritizationFile {
    about: About,
    table: Vec<TableCase>,
    images: Vec<ImagesCase>,
    change: Vec<ChangeCase>,
    enrichment: Vec<EnrichmentCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableCase {
    name: String,
    running: Value,
    findings: Value,
    runtime_validation: bool,
    enrichment: Option<Value>,
    query: Option<Value>,
    expect: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ImagesCase {
    name: String,
    running: Value,
    findings: Value,
    integrity: Option<Value>,
    query: Option<Value>,
    expect: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangeCase {
    name: String,
    before: Value,
    after: Value,
    threshold: Option<Value>,
    expect: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EnrichmentCase {
    name: String,
    reader: String,
    text: String,
    expect: Option<Value>,
    error: Option<String>,
}

fn typed<T: DeserializeOwned>(name: &str) -> T {
    serde_json::from_value(support::vectors(name))
        .unwrap_or_else(|e| panic!("tests/vectors/{name}: {e}"))
}

/// Where `given` has a key that `read` (the input read into its type and
/// written back) does not: a key the core ignored.
fn unread_key(given: &Value, read: &Value, at: &str) -> Option<String> {
    match (given, read) {
        (Value::Object(g), Value::Object(r)) => g.iter().find_map(|(k, v)| match r.get(k) {
            Some(rv) => unread_key(v, rv, &format!("{at}.{k}")),
            // Written back without a default value: only a null or an empty
            // list may be left out.
            None if v.is_null() || v.as_array().is_some_and(Vec::is_empty) => None,
            None if v == &Value::Bool(false) => None,
            None => Some(format!("{at}.{k}")),
        }),
        (Value::Array(g), Value::Array(r)) => g
            .iter()
            .zip(r)
            .enumerate()
            .find_map(|(i, (g, r))| unread_key(g, r, &format!("{at}[{i}]"))),
        _ => None,
    }
}

/// Reads an input into `T` and fails on a key `T` does not hold.
fn input<T: DeserializeOwned + Serialize>(value: &Value, at: &str) {
    let read: T = serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{at}: {e}"));
    let back = serde_json::to_value(&read).unwrap();
    if let Some(key) = unread_key(value, &back, at) {
        panic!("{key}: a key the core does not read (a typo?)");
    }
}

#[test]
fn references_and_tags_and_severity() {
    let references: Cases<ReferenceCase> = typed("references.json");
    for c in &references.cases {
        assert!(
            c.error.is_some() != c.string.is_some(),
            "{}: an error or a parse",
            c.input
        );
    }
    let tags: Cases<TagCase> = typed("tags.json");
    for c in &tags.cases {
        let at = c.tag.as_deref().or(c.reference.as_deref()).unwrap_or("?");
        assert!(
            c.tag.is_some() != c.reference.is_some(),
            "{at}: a tag or a reference"
        );
        assert!(
            c.error.is_some() != c.rule.is_some(),
            "{at}: an error or a rule"
        );
        assert!(
            c.rule.is_some() == c.mutability.is_some(),
            "{at}: a rule and its mutability"
        );
        if let Some(changes) = &c.changes {
            input::<WordChanges>(changes, at);
        }
    }
    let severity: Cases<SeverityCase> = typed("severity.json");
    assert!(!severity.cases.is_empty());
}

#[test]
fn integrity_funnel_and_highlights() {
    let integrity: Cases<IntegrityCase> = typed("integrity.json");
    for c in &integrity.cases {
        input::<IntegrityFacts>(&c.facts, &c.name);
    }
    let funnel: Cases<FunnelCase> = typed("funnel.json");
    for c in &funnel.cases {
        input::<Vec<RunningImage>>(&c.running, &c.name);
        input::<Vec<Occurrence>>(&c.occurrences, &c.name);
    }
    let highlights: HighlightsFile = typed("highlights.json");
    input::<Vec<RunningImage>>(&highlights.running, "highlights.running");
    for c in &highlights.cases {
        input::<Vec<Occurrence>>(&c.occurrences, &c.name);
        input::<Vec<Violation>>(&c.violations, &c.name);
    }
}

#[test]
fn runtime_scanning_and_trend() {
    let runtime: RuntimeFile = typed("runtime.json");
    for c in &runtime.scan_status {
        input::<Vec<RunningImage>>(&c.running, &c.name);
    }
    for c in &runtime.installation {
        input::<Vec<Cluster>>(&c.clusters, &c.name);
    }
    for c in &runtime.health {
        input::<Cluster>(&c.cluster, &c.name);
        if let Some(label) = &c.label {
            input::<DisableLabel>(label, &c.name);
        }
    }
    let scanning: ScanningFile = typed("scanning.json");
    for c in &scanning.batch {
        input::<ScanConfigurations>(&c.configurations, &c.name);
        input::<ScanConfiguration>(&c.configuration, &c.name);
        assert!(!c.clusters.is_empty(), "{}", c.name);
    }
    for c in &scanning.readiness {
        input::<Installation>(&c.installation, &c.name);
        input::<ScanConfigurations>(&c.configurations, &c.name);
    }
    for c in &scanning.plan {
        input::<Vec<ObservedImage>>(&c.images, &c.name);
        input::<ScanConfigurations>(&c.configurations, &c.name);
    }
    let trend: TrendFile = typed("trend.json");
    for c in trend.windows.iter().chain(&trend.summary) {
        input::<Vec<Snapshot>>(&c.snapshots, &c.name);
        assert!(!c.now.is_empty() && !c.expect.is_null(), "{}", c.name);
    }
}

#[test]
fn errors_and_ingest() {
    let errors: ErrorsFile = typed("errors.json");
    assert!(!errors.about.is_empty() && !errors.binding_about.is_empty());
    assert!(!errors.details_about.is_empty() && !errors.fields_about.is_empty());
    assert!(errors.areas.contains_key("binding") && !errors.fields.is_empty());
    for c in &errors.details {
        assert!(!c.call.is_empty() && !c.error.is_empty(), "{}", c.input);
    }
    let ingest: IngestFile = typed("ingest.json");
    for c in ingest
        .cases
        .iter()
        .chain(&ingest.errors)
        .chain(&ingest.vex)
        .chain(&ingest.vex_applied)
        .chain(&ingest.pods)
        .chain(&ingest.platform)
        .chain(&ingest.shapes)
        .chain(&ingest.vex_shapes)
    {
        assert!(
            c.fixture.is_some() != c.text.is_some(),
            "{}: a fixture or a text",
            c.name
        );
        assert!(
            c.format.is_some() || c.listing.is_some() || c.cluster.is_some(),
            "{}: what reads it",
            c.name
        );
        if let Some(occurrences) = &c.occurrences {
            input::<Vec<Occurrence>>(occurrences, &c.name);
        }
    }
    for c in &ingest.runtime_pairs {
        assert!(!c.format.is_empty() && c.full != c.filtered, "{}", c.name);
    }
    for c in &ingest.platform_export {
        assert!(
            c.clusters.is_some() || c.image_tags.is_some() || c.workloads.is_some(),
            "{}: some pages",
            c.name
        );
    }
}

#[test]
fn prioritization() {
    use kubesight::change::EnvironmentState;
    use kubesight::enrichment::Enrichment;
    use kubesight::images::ImagesQuery;
    use kubesight::integrity::IntegrityAssessment;
    use kubesight::table::TableQuery;
    let file: PrioritizationFile = typed("prioritization.json");
    for c in &file.table {
        input::<Vec<RunningImage>>(&c.running, &c.name);
        input::<Vec<Occurrence>>(&c.findings, &c.name);
        if let Some(e) = &c.enrichment {
            input::<Enrichment>(e, &c.name);
        }
        if let Some(q) = &c.query {
            input::<TableQuery>(q, &c.name);
        }
    }
    for c in &file.images {
        input::<Vec<RunningImage>>(&c.running, &c.name);
        input::<Vec<Occurrence>>(&c.findings, &c.name);
        if let Some(i) = &c.integrity {
            input::<Vec<IntegrityAssessment>>(i, &c.name);
        }
        if let Some(q) = &c.query {
            input::<ImagesQuery>(q, &c.name);
        }
    }
    for c in &file.change {
        input::<EnvironmentState>(&c.before, &c.name);
        input::<EnvironmentState>(&c.after, &c.name);
    }
    for c in &file.enrichment {
        assert!(
            c.expect.is_some() != c.error.is_some(),
            "{}: an expectation or an error",
            c.name
        );
        assert!(matches!(c.reader.as_str(), "epss" | "kev"), "{}", c.name);
    }
}

#[test]
fn a_misspelt_key_is_refused() {
    let misspelt = serde_json::json!({"about": "", "cases": [{
        "name": "x", "running": [], "occurrences": [], "runtime_validaton": true, "expect": {}}]});
    assert!(serde_json::from_value::<Cases<FunnelCase>>(misspelt).is_err());
    let nested = serde_json::json!([{"digests": [], "scanned": true, "monitord": true}]);
    let caught = std::panic::catch_unwind(|| input::<Vec<RunningImage>>(&nested, "running"));
    assert!(caught.is_err(), "a misspelt field of an input is refused");
}
