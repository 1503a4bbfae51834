//! CSAF VEX: `vulnerabilities[].product_status` lists product ids, each
//! resolved through the product tree to a purl (its own
//! `product_identification_helper`, or for a relationship the product it
//! references). Products without a package URL are counted in one
//! `unparsable_entry` warning per status list; one whose purl cannot name
//! what it is meant to (an OCI purl without a digest) has its own, saying
//! so.

use std::collections::HashMap;

use serde_json::Value;

use super::{parse_json, product_of, NotAProduct, VexDocument, VexStatement, VexStatus};
use crate::ingest::{IngestError, IngestWarning, WarningCode};

const FORMAT: &str = "CSAF VEX";

fn purl_of(product: &Value) -> Option<&str> {
    product
        .get("product_identification_helper")
        .and_then(|h| h.get("purl"))
        .and_then(Value::as_str)
}

fn collect<'a>(branch: &'a Value, purls: &mut HashMap<&'a str, &'a str>) {
    if let Some(product) = branch.get("product") {
        if let (Some(id), Some(purl)) = (
            product.get("product_id").and_then(Value::as_str),
            purl_of(product),
        ) {
            purls.insert(id, purl);
        }
    }
    for child in branch
        .get("branches")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        collect(child, purls);
    }
}

/// Reads a CSAF VEX document.
pub fn csaf_vex(text: &str) -> Result<VexDocument, IngestError> {
    let value = parse_json(text, FORMAT)?;
    let Some(vulnerabilities) = value.get("vulnerabilities").and_then(Value::as_array) else {
        return Err(IngestError::UnrecognizedDocument {
            format: FORMAT,
            reason: "no `vulnerabilities` list".into(),
        });
    };
    let tree = value.get("product_tree");
    let mut purls: HashMap<&str, &str> = HashMap::new();
    if let Some(tree) = tree {
        collect(tree, &mut purls);
        for product in tree
            .get("full_product_names")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let (Some(id), Some(purl)) = (
                product.get("product_id").and_then(Value::as_str),
                purl_of(product),
            ) {
                purls.insert(id, purl);
            }
        }
        for relationship in tree
            .get("relationships")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let full = relationship.get("full_product_name");
            let Some(id) = full
                .and_then(|f| f.get("product_id"))
                .and_then(Value::as_str)
            else {
                continue;
            };
            let purl = full.and_then(purl_of).or_else(|| {
                relationship
                    .get("product_reference")
                    .and_then(Value::as_str)
                    .and_then(|r| purls.get(r).copied())
            });
            if let Some(purl) = purl {
                purls.insert(id, purl);
            }
        }
    }
    let mut document = VexDocument::default();
    let lists = [
        ("known_not_affected", VexStatus::NotAffected),
        ("known_affected", VexStatus::Affected),
        ("first_affected", VexStatus::Affected),
        ("last_affected", VexStatus::Affected),
        ("fixed", VexStatus::Fixed),
        ("first_fixed", VexStatus::Fixed),
        ("under_investigation", VexStatus::UnderInvestigation),
    ];
    for (i, v) in vulnerabilities.iter().enumerate() {
        let at = format!("vulnerabilities[{i}]");
        let Some(id) = v.get("cve").and_then(Value::as_str).or_else(|| {
            v.get("ids")
                .and_then(Value::as_array)
                .and_then(|ids| ids.first())
                .and_then(|i| i.get("text"))
                .and_then(Value::as_str)
        }) else {
            document.warnings.push(IngestWarning {
                code: WarningCode::UnparsableEntry,
                at,
                message: "the vulnerability has neither `cve` nor `ids`".into(),
            });
            continue;
        };
        let status = v.get("product_status");
        for (list, vex_status) in lists {
            let ids: Vec<&str> = status
                .and_then(|s| s.get(list))
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            if ids.is_empty() {
                continue;
            }
            let mut products = Vec::new();
            let mut unresolved = 0;
            for product_id in &ids {
                let Some(purl) = purls.get(product_id) else {
                    unresolved += 1;
                    continue;
                };
                match product_of(purl) {
                    Ok(product) => products.push(product),
                    Err(NotAProduct::NotAPurl) => unresolved += 1,
                    Err(why) => document.warnings.push(IngestWarning {
                        code: WarningCode::UnparsableEntry,
                        at: format!("{at}.product_status.{list}"),
                        message: format!(
                            "product `{}`: {}: no finding can match it",
                            product_id.escape_debug(),
                            why.describe(purl)
                        ),
                    }),
                }
            }
            if unresolved > 0 {
                document.warnings.push(IngestWarning {
                    code: WarningCode::UnparsableEntry,
                    at: format!("{at}.product_status.{list}"),
                    message: format!(
                        "{unresolved} of {} products have no package URL: no finding can match them",
                        ids.len()
                    ),
                });
            }
            document.statements.push(VexStatement {
                vulnerability: id.to_owned(),
                aliases: Vec::new(),
                products,
                status: vex_status,
                justification: None,
            });
        }
    }
    Ok(document)
}
