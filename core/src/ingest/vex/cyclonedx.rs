//! CycloneDX VEX: `vulnerabilities[]` with an `analysis.state` and
//! `affects[].ref`, each ref a component's `bom-ref` (resolved to its purl),
//! a BOM-link to another BOM's component, or a purl itself. A vulnerability
//! without analysis (an SBOM's scan result) is no statement, with a warning.
//! A ref that names no package URL, or an OCI purl without a digest (which
//! cannot name an image), is an `unparsable_entry` warning saying which.

use std::collections::HashMap;

use serde_json::Value;

use super::{parse_json, product_of, NotAProduct, VexDocument, VexStatement, VexStatus};
use crate::ingest::{IngestError, IngestWarning, WarningCode};

const FORMAT: &str = "CycloneDX VEX";

fn collect_refs<'a>(component: &'a Value, refs: &mut HashMap<&'a str, &'a str>) {
    if let (Some(r), Some(purl)) = (
        component.get("bom-ref").and_then(Value::as_str),
        component.get("purl").and_then(Value::as_str),
    ) {
        refs.insert(r, purl);
    }
    for child in component
        .get("components")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        collect_refs(child, refs);
    }
}

/// Reads the vulnerabilities of a CycloneDX document as VEX statements.
pub fn cyclonedx_vex(text: &str) -> Result<VexDocument, IngestError> {
    let value = parse_json(text, FORMAT)?;
    if value.get("bomFormat").and_then(Value::as_str) != Some("CycloneDX") {
        return Err(IngestError::UnrecognizedDocument {
            format: FORMAT,
            reason: "`bomFormat` is not `CycloneDX`".into(),
        });
    }
    let mut refs = HashMap::new();
    if let Some(component) = value.get("metadata").and_then(|m| m.get("component")) {
        collect_refs(component, &mut refs);
    }
    for component in value
        .get("components")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        collect_refs(component, &mut refs);
    }
    let mut document = VexDocument::default();
    let vulnerabilities = value.get("vulnerabilities").and_then(Value::as_array);
    for (i, v) in vulnerabilities.into_iter().flatten().enumerate() {
        let at = format!("vulnerabilities[{i}]");
        let mut warn = |message: String| {
            document.warnings.push(IngestWarning {
                code: WarningCode::UnparsableEntry,
                at: at.clone(),
                message,
            });
        };
        let Some(id) = v.get("id").and_then(Value::as_str) else {
            warn("the vulnerability has no id".into());
            continue;
        };
        let state = v
            .get("analysis")
            .and_then(|a| a.get("state"))
            .and_then(Value::as_str);
        let status = match state {
            Some("not_affected" | "false_positive") => VexStatus::NotAffected,
            Some("exploitable") => VexStatus::Affected,
            Some("resolved" | "resolved_with_pedigree") => VexStatus::Fixed,
            Some("in_triage") => VexStatus::UnderInvestigation,
            Some(other) => {
                warn(format!(
                    "analysis state `{}` is not a VEX state",
                    other.escape_debug()
                ));
                continue;
            }
            None => {
                warn("the vulnerability has no analysis state: it is no VEX statement".into());
                continue;
            }
        };
        let mut products = Vec::new();
        for affected in v
            .get("affects")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(r) = affected.get("ref").and_then(Value::as_str) else {
                continue;
            };
            // A BOM-link (`urn:cdx:<serial>/<version>#<bom-ref>`) names a
            // component of another BOM by its bom-ref, usually its purl.
            let r = match r.strip_prefix("urn:cdx:").and_then(|l| l.split_once('#')) {
                Some((_, bom_ref)) => bom_ref,
                None => r,
            };
            let purl = refs.get(r).copied().unwrap_or(r);
            match product_of(purl) {
                Ok(product) => products.push(product),
                Err(NotAProduct::NotAPurl) => warn(format!(
                    "`{}` names no package URL: no finding can match it",
                    r.escape_debug()
                )),
                Err(why) => warn(format!("{}: no finding can match it", why.describe(purl))),
            }
        }
        let aliases = v
            .get("references")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|r| r.get("id").and_then(Value::as_str))
            .map(String::from)
            .collect();
        document.statements.push(VexStatement {
            vulnerability: id.to_owned(),
            aliases,
            products,
            status,
            justification: v
                .get("analysis")
                .and_then(|a| a.get("justification"))
                .and_then(Value::as_str)
                .map(String::from),
        });
    }
    Ok(document)
}
