//! OpenVEX: `statements[]` with a vulnerability (an object with `name` and
//! `aliases`, or a bare id), `products` (objects with `@id` and optional
//! `subcomponents`, or bare purls) and a `status`.

use serde_json::Value;

use super::{parse_json, product_of, VexDocument, VexProduct, VexStatement, VexStatus};
use crate::ingest::{IngestError, IngestWarning, WarningCode};

const FORMAT: &str = "OpenVEX";

fn id_of(value: &Value) -> Option<&str> {
    value
        .as_str()
        .or_else(|| value.get("@id").and_then(Value::as_str))
}

/// Reads an OpenVEX document.
pub fn openvex(text: &str) -> Result<VexDocument, IngestError> {
    let value = parse_json(text, FORMAT)?;
    let statements = value
        .get("statements")
        .and_then(Value::as_array)
        .ok_or_else(|| IngestError::UnrecognizedDocument {
            format: FORMAT,
            reason: "no `statements` list".into(),
        })?;
    let mut document = VexDocument::default();
    for (i, s) in statements.iter().enumerate() {
        let at = format!("statements[{i}]");
        let warn = |document: &mut VexDocument, message: String| {
            document.warnings.push(IngestWarning {
                code: WarningCode::UnparsableEntry,
                at: at.clone(),
                message,
            });
        };
        let vulnerability = s.get("vulnerability");
        let Some(id) = vulnerability.and_then(|v| {
            v.as_str()
                .or_else(|| v.get("name").and_then(Value::as_str))
                .or_else(|| v.get("@id").and_then(Value::as_str))
        }) else {
            warn(&mut document, "the statement names no vulnerability".into());
            continue;
        };
        let aliases = vulnerability
            .and_then(|v| v.get("aliases"))
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        let status = match s.get("status").and_then(Value::as_str) {
            Some("not_affected") => VexStatus::NotAffected,
            Some("affected") => VexStatus::Affected,
            Some("fixed") => VexStatus::Fixed,
            Some("under_investigation") => VexStatus::UnderInvestigation,
            Some(other) => {
                warn(
                    &mut document,
                    format!("status `{}` is not an OpenVEX status", other.escape_debug()),
                );
                continue;
            }
            None => {
                warn(&mut document, "the statement has no status".into());
                continue;
            }
        };
        let mut products = Vec::new();
        for product in s
            .get("products")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(top) = id_of(product).and_then(product_of) else {
                warn(
                    &mut document,
                    format!("product {product} is not a package URL"),
                );
                continue;
            };
            let subcomponents: Vec<VexProduct> = product
                .get("subcomponents")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|c| id_of(c).and_then(product_of))
                .collect();
            if subcomponents.is_empty() {
                products.push(top);
            } else {
                products.extend(subcomponents.into_iter().map(|c| VexProduct {
                    image: top.image.clone().or(c.image),
                    package: c.package,
                }));
            }
        }
        document.statements.push(VexStatement {
            vulnerability: id.to_owned(),
            aliases,
            products,
            status,
            justification: s
                .get("justification")
                .and_then(Value::as_str)
                .map(String::from),
        });
    }
    Ok(document)
}
