//! The platform's vulnerability and malicious-package objects (`vulnObj`,
//! `maliciousObj`, `componentObj`), shared by the image-tag and workload
//! listings, and the finding model's occurrences they give.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::finding::{Applicability, Occurrence, Package};
use crate::ingest::null::or_default;
use crate::ingest::xray_component::xray_component;
use crate::ingest::{IngestWarning, WarningCode};
use crate::{Digest, Severity};

/// A component as the platform names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlatformComponent {
    /// The Xray component id (`gav://com.thoughtworks.xstream:xstream:1.4.5`),
    /// from `component_id` or `id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Its name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// Its ecosystem, from the id's type (`gav` is `maven`, `pypi`, `npm`,
    /// `go` is `golang`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ecosystem: Option<String>,
    /// Its package URL, for the types that have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purl: Option<String>,
}

/// A vulnerability as the platform lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlatformVulnerability {
    /// The CVE id, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cve_id: Option<String>,
    /// The Xray id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xray_id: Option<String>,
    /// The severity.
    pub severity: Severity,
    /// The CVSS v2 score, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cvss_v2: Option<f64>,
    /// The CVSS v3 score, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cvss_v3: Option<f64>,
    /// What contextual analysis concluded.
    pub applicability: Applicability,
    /// The components it was found in.
    pub components: Vec<PlatformComponent>,
}

/// A malicious package as the platform lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlatformMalicious {
    /// The Xray id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xray_id: Option<String>,
    /// The malicious components.
    pub components: Vec<PlatformComponent>,
}

/// A `componentObj` as written: `id` (the examples) or `component_id` (the
/// field tables).
#[derive(Deserialize)]
pub(crate) struct ComponentDoc<'a> {
    #[serde(borrow, default)]
    component_id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    version: Option<Cow<'a, str>>,
}

/// A `vulnObj` as written.
#[derive(Deserialize)]
pub(crate) struct VulnerabilityDoc<'a> {
    #[serde(borrow, default)]
    cve_id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    xray_id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    severity: Option<Cow<'a, str>>,
    #[serde(default)]
    cvss_v2: Option<Value>,
    #[serde(default)]
    cvss_v3: Option<Value>,
    #[serde(borrow, default)]
    applicability: Option<Cow<'a, str>>,
    #[serde(borrow, default, deserialize_with = "or_default")]
    components: Vec<ComponentDoc<'a>>,
}

/// A `maliciousObj` as written.
#[derive(Deserialize)]
pub(crate) struct MaliciousDoc<'a> {
    #[serde(borrow, default)]
    xray_id: Option<Cow<'a, str>>,
    #[serde(borrow, default, deserialize_with = "or_default")]
    components: Vec<ComponentDoc<'a>>,
}

/// A field's text, an empty string counting as absent.
pub(crate) fn given(field: &Option<Cow<'_, str>>) -> Option<String> {
    field.as_deref().filter(|s| !s.is_empty()).map(String::from)
}

fn component(doc: &ComponentDoc<'_>) -> Option<PlatformComponent> {
    let id = given(&doc.component_id).or_else(|| given(&doc.id));
    let name = given(&doc.name);
    if name.is_none() && id.is_none() {
        return None;
    }
    let read = xray_component(id.as_deref().unwrap_or_default(), name, given(&doc.version));
    Some(PlatformComponent {
        id,
        name: read.name,
        version: read.version,
        ecosystem: read.ecosystem,
        purl: read.purl,
    })
}

fn components(
    docs: &[ComponentDoc<'_>],
    at: impl Fn() -> String,
    warnings: &mut Vec<IngestWarning>,
) -> Vec<PlatformComponent> {
    let mut out = Vec::with_capacity(docs.len());
    for (i, c) in docs.iter().enumerate() {
        match component(c) {
            Some(c) => out.push(c),
            None => warnings.push(IngestWarning {
                code: WarningCode::UnparsableEntry,
                at: format!("{}.components[{i}]", at()),
                message: "a component with neither id nor name".into(),
            }),
        }
    }
    out
}

fn score(value: Option<&Value>) -> Option<f64> {
    match value? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn applicability(
    word: Option<&str>,
    at: impl Fn() -> String,
    warnings: &mut Vec<IngestWarning>,
) -> Applicability {
    match word {
        None | Some("") => Applicability::NotScanned,
        Some(word) => Applicability::from_code(word).unwrap_or_else(|| {
            warnings.push(IngestWarning {
                code: WarningCode::UnknownStatus,
                at: format!("{}.applicability", at()),
                message: format!(
                    "applicability `{}` counts as undetermined",
                    word.escape_debug()
                ),
            });
            Applicability::Undetermined
        }),
    }
}

/// Reads a `vulnObj`; `None` (with a warning) when it names no id.
fn vulnerability(
    doc: &VulnerabilityDoc<'_>,
    at: impl Fn() -> String,
    warnings: &mut Vec<IngestWarning>,
) -> Option<PlatformVulnerability> {
    let cve_id = given(&doc.cve_id);
    // The documentation's example writes placeholders (`<XRAY_ID>`).
    let xray_id = given(&doc.xray_id).filter(|x| !x.starts_with('<'));
    if cve_id.is_none() && xray_id.is_none() {
        warnings.push(IngestWarning {
            code: WarningCode::UnparsableEntry,
            at: at(),
            message: "a vulnerability with neither `cve_id` nor `xray_id`".into(),
        });
        return None;
    }
    let word = doc.severity.as_deref().unwrap_or_default();
    let severity = Severity::from_vocabulary(word).unwrap_or_else(|| {
        warnings.push(IngestWarning {
            code: WarningCode::UnknownSeverity,
            at: format!("{}.severity", at()),
            message: format!("severity `{}` counts as Unknown", word.escape_debug()),
        });
        Severity::Unknown
    });
    let applicability = applicability(doc.applicability.as_deref(), &at, warnings);
    let components = components(&doc.components, &at, warnings);
    Some(PlatformVulnerability {
        cve_id,
        xray_id,
        severity,
        cvss_v2: score(doc.cvss_v2.as_ref()),
        cvss_v3: score(doc.cvss_v3.as_ref()),
        applicability,
        components,
    })
}

/// Reads a `maliciousObj`; `None` (with a warning) when it names nothing.
fn malicious(
    doc: &MaliciousDoc<'_>,
    at: &str,
    warnings: &mut Vec<IngestWarning>,
) -> Option<PlatformMalicious> {
    let xray_id = given(&doc.xray_id);
    let components = components(&doc.components, || at.to_owned(), warnings);
    if xray_id.is_none() && components.is_empty() {
        warnings.push(IngestWarning {
            code: WarningCode::UnparsableEntry,
            at: at.to_owned(),
            message: "a malicious package with neither `xray_id` nor components".into(),
        });
        return None;
    }
    Some(PlatformMalicious {
        xray_id,
        components,
    })
}

/// The vulnerabilities and malicious packages of an image tag or a
/// process, as read.
pub(crate) fn findings_of(
    vulnerabilities: &[VulnerabilityDoc<'_>],
    malicious_packages: &[MaliciousDoc<'_>],
    at: &str,
    warnings: &mut Vec<IngestWarning>,
) -> (Vec<PlatformVulnerability>, Vec<PlatformMalicious>) {
    let vulnerabilities = vulnerabilities
        .iter()
        .enumerate()
        .filter_map(|(i, v)| vulnerability(v, || format!("{at}.vulnerabilities[{i}]"), warnings))
        .collect();
    let malicious_packages = malicious_packages
        .iter()
        .enumerate()
        .filter_map(|(i, m)| malicious(m, &format!("{at}.malicious_packages[{i}]"), warnings))
        .collect();
    (vulnerabilities, malicious_packages)
}

fn package(c: &PlatformComponent) -> Package {
    Package {
        name: c.name.clone(),
        version: c.version.clone(),
        ecosystem: c.ecosystem.clone(),
        purl: c.purl.clone(),
    }
}

impl PlatformVulnerability {
    /// Its id in the finding model: the CVE when it has one, else the Xray
    /// id; the other is an alias.
    pub fn id(&self) -> &str {
        self.cve_id
            .as_deref()
            .or(self.xray_id.as_deref())
            .unwrap_or_default()
    }

    /// Its occurrences on `image`: one per component (one without a
    /// package when it names none). The listing gives no fix versions: the
    /// fix state is unknown.
    pub fn occurrences(&self, image: &[Digest]) -> Vec<Occurrence> {
        let aliases: Vec<String> = match (&self.cve_id, &self.xray_id) {
            (Some(_), Some(xray)) => vec![xray.clone()],
            _ => Vec::new(),
        };
        let one = |package: Package| Occurrence {
            image: image.to_vec(),
            vulnerability: self.id().to_owned(),
            aliases: aliases.clone(),
            package,
            severity: self.severity,
            severity_source: None,
            cvss: Vec::new(),
            applicability: self.applicability,
            fix: Default::default(),
            runtime: Default::default(),
            malicious: false,
        };
        if self.components.is_empty() {
            return vec![one(Package::default())];
        }
        self.components.iter().map(|c| one(package(c))).collect()
    }
}

impl PlatformMalicious {
    /// Its occurrences on `image`: malicious-package findings, one per
    /// component, with the Xray id as their id.
    pub fn occurrences(&self, image: &[Digest]) -> Vec<Occurrence> {
        let id = self.xray_id.clone().unwrap_or_default();
        let one = |package: Package| Occurrence {
            image: image.to_vec(),
            vulnerability: id.clone(),
            aliases: Vec::new(),
            package,
            severity: Severity::Unknown,
            severity_source: None,
            cvss: Vec::new(),
            applicability: Default::default(),
            fix: Default::default(),
            runtime: Default::default(),
            malicious: true,
        };
        if self.components.is_empty() {
            return vec![one(Package::default())];
        }
        self.components.iter().map(|c| one(package(c))).collect()
    }
}
