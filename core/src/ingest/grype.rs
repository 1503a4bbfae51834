//! Grype JSON, current and older schemas, alone or wrapped in a kubevuln
//! manifest (`Content`).
//!
//! Rules:
//! - Identity: `source.target.repoDigests` (after the `@`), then
//!   `manifestDigest`, then `imageID`, empty ones skipped, malformed ones
//!   warned about; in a kubevuln manifest also its `ID` reference's digest.
//! - Severity: Title-case words (`Negligible` is Low; a match without one is
//!   Unknown), its source the vulnerability's `namespace`.
//! - Fix: `fix.state` `fixed`, `not-fixed`, `wont-fix`, `unknown`; empty or
//!   missing (older schema) is unknown; `fix.versions` are the versions.
//! - Aliases: `relatedVulnerabilities` ids (the funnel never merges two CVE
//!   ids through them).
//! - CVSS: the vulnerability's and its related records' `cvss[]` (source,
//!   version, `metrics.baseScore`, vector); a score outside 0 to 10 is left
//!   out.
//! - Enrichment (Grype 0.87 and later): `vulnerability.epss[]` (`cve`, `epss`,
//!   `percentile`, `date`, where `0001-01-01` means no date) and
//!   `vulnerability.knownExploited[]` (`cve`, `knownRansomwareCampaignUse`,
//!   `dateAdded`, `dueDate`, ...) go to the document's enrichment.
//! - `null` lists are empty: older Grype wrote `"matches": null` for an
//!   image without matches (a report without occurrences); its other lists
//!   without `omitempty` (`relatedVulnerabilities`, `fix.versions`,
//!   `repoDigests`) may be `null` too.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::null::present;
use super::{ImageReport, IngestError, Ingested, WarningCode};
use crate::enrichment::{Enrichment, Epss};
use crate::finding::{canonical_id, CvssScore, Fix, FixState, IdKind, Occurrence, Package};
use crate::Digest;

const FORMAT: &str = "Grype";

#[derive(Deserialize)]
struct Wrapper<'a> {
    #[serde(rename = "Content", borrow)]
    content: Option<&'a RawValue>,
    #[serde(rename = "ID")]
    id: Option<String>,
    #[serde(borrow, default, deserialize_with = "present")]
    matches: Option<Vec<&'a RawValue>>,
    #[serde(borrow)]
    source: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct Document<'a> {
    #[serde(borrow, default, deserialize_with = "present")]
    matches: Option<Vec<&'a RawValue>>,
    #[serde(borrow)]
    source: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct Source {
    target: Option<Target>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Target {
    Image {
        #[serde(rename = "userInput")]
        user_input: Option<String>,
        #[serde(rename = "imageID")]
        image_id: Option<String>,
        #[serde(rename = "manifestDigest")]
        manifest_digest: Option<String>,
        #[serde(rename = "repoDigests")]
        repo_digests: Option<Vec<String>>,
    },
    Path(String),
}

#[derive(Deserialize)]
struct Match {
    vulnerability: Vulnerability,
    #[serde(rename = "relatedVulnerabilities", default)]
    related: Option<Vec<Related>>,
    artifact: Artifact,
}

#[derive(Deserialize)]
struct Vulnerability {
    id: String,
    severity: Option<String>,
    namespace: Option<String>,
    fix: Option<GrypeFix>,
    #[serde(default)]
    cvss: Option<Vec<Cvss>>,
    #[serde(default)]
    epss: Option<Vec<GrypeEpss>>,
    #[serde(rename = "knownExploited", default)]
    known_exploited: Option<Vec<serde_json::Value>>,
}

#[derive(Deserialize)]
struct Cvss {
    source: Option<String>,
    version: Option<String>,
    vector: Option<String>,
    metrics: Option<CvssMetrics>,
}

#[derive(Deserialize)]
struct CvssMetrics {
    #[serde(rename = "baseScore")]
    base_score: Option<f64>,
}

#[derive(Deserialize)]
struct GrypeEpss {
    cve: Option<String>,
    epss: Option<f64>,
    percentile: Option<f64>,
    date: Option<String>,
}

#[derive(Deserialize)]
struct GrypeFix {
    #[serde(default)]
    versions: Option<Vec<String>>,
    #[serde(default)]
    state: Option<String>,
}

#[derive(Deserialize)]
struct Related {
    id: String,
    #[serde(default)]
    cvss: Option<Vec<Cvss>>,
}

fn scores(cvss: Option<Vec<Cvss>>, out: &mut Vec<CvssScore>) {
    for c in cvss.into_iter().flatten() {
        let Some(score) = c.metrics.and_then(|m| m.base_score) else {
            continue;
        };
        if let Some(score) = CvssScore::new(score, c.source, c.version, c.vector) {
            if !out.contains(&score) {
                out.push(score);
            }
        }
    }
}

/// The EPSS scores and known-exploited entries of one match.
fn enrich(ingested: &mut Ingested, v: &mut Vulnerability, at: &str) {
    for e in v.epss.take().into_iter().flatten() {
        let (Some(cve), Some(score)) = (e.cve, e.epss) else {
            continue;
        };
        if IdKind::of(&cve) != IdKind::Cve || !(0.0..=1.0).contains(&score) {
            ingested.warn(
                WarningCode::UnparsableEntry,
                format!("{at}.vulnerability.epss"),
                format!("EPSS {score} of `{}` left out", cve.escape_debug()),
            );
            continue;
        }
        // "0001-01-01" is Grype's "no date".
        let date = e
            .date
            .filter(|d| d != "0001-01-01")
            .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
        let id = canonical_id(&cve).into_owned();
        let mut one = Enrichment::default();
        one.epss.insert(
            id,
            Epss {
                score,
                percentile: e.percentile.filter(|p| (0.0..=1.0).contains(p)),
                date,
            },
        );
        ingested.enrichment.merge(one);
    }
    for (i, entry) in v.known_exploited.take().into_iter().flatten().enumerate() {
        let mut warnings = Vec::new();
        let record = serde_json::from_value(entry).unwrap_or_default();
        let found = super::kev::entry_of(
            record,
            &format!("{at}.vulnerability.knownExploited[{i}]"),
            &mut warnings,
        );
        ingested.warnings.extend(warnings);
        if let Some((id, kev)) = found {
            let mut one = Enrichment::default();
            one.kev.insert(id, kev);
            ingested.enrichment.merge(one);
        }
    }
}

#[derive(Deserialize)]
struct Artifact {
    #[serde(default)]
    name: String,
    #[serde(default)]
    version: String,
    #[serde(rename = "type")]
    kind: Option<String>,
    purl: Option<String>,
}

/// Reads a Grype JSON document, or a kubevuln manifest holding one.
///
/// ```
/// let report = r#"{"source": {"type": "image", "target": {"userInput": "nginx:1.25",
///     "manifestDigest": "sha256:ca738abb87a8d58f112d3400ebb079b61ceae7dc290beb34bda735be4b1941d5"}},
///   "matches": [{"vulnerability": {"id": "CVE-2023-1", "severity": "Negligible",
///                                  "fix": {"state": "wont-fix", "versions": []}},
///                "relatedVulnerabilities": [{"id": "GHSA-aaaa-bbbb-cccc"}],
///                "artifact": {"name": "zlib", "version": "1.2", "type": "deb"}}]}"#;
/// let ingested = kubesight::ingest::grype(report)?;
/// let occurrence = ingested.occurrences().next().unwrap();
/// assert_eq!(occurrence.severity, kubesight::Severity::Low);
/// assert_eq!(occurrence.aliases, ["GHSA-aaaa-bbbb-cccc"]);
/// # Ok::<(), kubesight::ingest::IngestError>(())
/// ```
pub fn grype(text: &str) -> Result<Ingested, IngestError> {
    let unrecognized = |reason: String| IngestError::UnrecognizedDocument {
        format: FORMAT,
        reason,
    };
    let classify = |e: serde_json::Error| match e.classify() {
        serde_json::error::Category::Data => unrecognized(e.to_string()),
        _ => IngestError::json(&e),
    };
    let wrapper: Wrapper<'_> = serde_json::from_str(text).map_err(classify)?;
    let (document, wrapped_id) = match wrapper.content {
        Some(content) => (
            serde_json::from_str::<Document<'_>>(content.get()).map_err(classify)?,
            wrapper.id,
        ),
        None => (
            Document {
                matches: wrapper.matches,
                source: wrapper.source,
            },
            None,
        ),
    };
    let matches = document
        .matches
        .ok_or_else(|| unrecognized("no `matches`".into()))?;

    let mut ingested = Ingested::default();
    let mut candidates: Vec<String> = Vec::new();
    let mut artifact = None;
    if let Some(id) = &wrapped_id {
        artifact = Some(id.clone());
        if let Some((_, digest)) = id.rsplit_once('@') {
            candidates.push(digest.to_owned());
        }
    }
    let source = document
        .source
        .map(|s| serde_json::from_str::<Source>(s.get()));
    match source {
        Some(Ok(Source {
            target:
                Some(Target::Image {
                    user_input,
                    image_id,
                    manifest_digest,
                    repo_digests,
                }),
        })) => {
            if artifact.is_none() {
                artifact = user_input.filter(|u| !u.is_empty());
            }
            for repo in repo_digests.into_iter().flatten() {
                candidates.push(
                    repo.rsplit_once('@')
                        .map_or(repo.clone(), |(_, d)| d.into()),
                );
            }
            candidates.extend(manifest_digest);
            candidates.extend(image_id);
        }
        Some(Ok(Source {
            target: Some(Target::Path(path)),
        })) => artifact = artifact.or(Some(path)),
        Some(Ok(Source { target: None })) | None => {}
        Some(Err(e)) => ingested.warn(WarningCode::UnparsableEntry, "source", e.to_string()),
    }
    let mut digests: Vec<Digest> = Vec::new();
    for text in candidates.iter().filter(|c| !c.is_empty()) {
        ingested.add_digest(&mut digests, text, "source.target");
    }
    if digests.is_empty() {
        ingested.no_digest("source.target", artifact.as_deref());
    }

    let mut report = ImageReport {
        artifact,
        digests,
        workload: None,
        occurrences: Vec::with_capacity(matches.len()),
        suppressed: 0,
    };
    for (i, raw) in matches.iter().enumerate() {
        let at = || format!("matches[{i}]");
        let mut m: Match = match serde_json::from_str(raw.get()) {
            Ok(m) => m,
            Err(e) => {
                ingested.warn(WarningCode::UnparsableEntry, at(), e.to_string());
                continue;
            }
        };
        let severity = ingested.severity(m.vulnerability.severity.as_deref(), at);
        enrich(&mut ingested, &mut m.vulnerability, &at());
        let mut cvss = Vec::new();
        scores(m.vulnerability.cvss.take(), &mut cvss);
        let fix = match m.vulnerability.fix {
            None => Fix::default(),
            Some(fix) => {
                let state = match fix.state.as_deref() {
                    Some("fixed") => FixState::Fixed,
                    Some("not-fixed") => FixState::NotFixed,
                    Some("wont-fix") => FixState::WontFix,
                    Some("unknown" | "") | None => FixState::Unknown,
                    Some(other) => {
                        ingested.warn(
                            WarningCode::UnknownFixStatus,
                            at(),
                            format!("fix state `{}` counts as unknown", other.escape_debug()),
                        );
                        FixState::Unknown
                    }
                };
                Fix {
                    state,
                    versions: fix.versions.unwrap_or_default(),
                }
            }
        };
        let id = m.vulnerability.id;
        let aliases = m
            .related
            .into_iter()
            .flatten()
            .filter_map(|r| {
                scores(r.cvss, &mut cvss);
                (r.id != id).then_some(r.id)
            })
            .collect();
        report.occurrences.push(Occurrence {
            image: report.digests.clone(),
            vulnerability: id,
            aliases,
            package: Package {
                name: m.artifact.name,
                version: m.artifact.version,
                ecosystem: m.artifact.kind,
                purl: m.artifact.purl,
            },
            severity,
            severity_source: m.vulnerability.namespace,
            cvss,
            applicability: Default::default(),
            fix,
            runtime: Default::default(),
            malicious: false,
        });
    }
    ingested.reports.push(report);
    Ok(ingested)
}
