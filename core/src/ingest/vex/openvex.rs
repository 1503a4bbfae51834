//! OpenVEX: `statements[]` with a vulnerability (an object with `name` and
//! `aliases`, or a bare id), `products` and a `status`.
//!
//! Rules:
//! - A product (and each of its `subcomponents`) is named by its `@id`
//!   when that is a package URL, and by `identifiers.purl` (OpenVEX 0.2.0,
//!   as Chainguard publishes its VEX); a bare string is an `@id`. Either
//!   name matches; a product named twice the same way counts once.
//! - `identifiers.cpe22`/`cpe23` and `hashes` name no package and no image
//!   an occurrence carries: a product named only by them, or by a package
//!   URL that cannot name what it is meant to (an OCI purl without a
//!   digest), is an `unparsable_entry` warning saying which.
//! - A product with `subcomponents` speaks of those only (in its image when
//!   it is one); an unreadable subcomponent is warned about, and a product
//!   none of whose subcomponents can be read covers nothing.

use serde_json::Value;

use super::{
    parse_json, product_of, NotAProduct, VexDocument, VexProduct, VexStatement, VexStatus,
};
use crate::ingest::{IngestError, IngestWarning, WarningCode};

const FORMAT: &str = "OpenVEX";

/// The names a component gives itself, most telling first: the package
/// URL identifier, the `@id`, then the CPEs (which name no package, but
/// say what the component was).
fn names(component: &Value) -> Vec<&str> {
    if let Some(bare) = component.as_str() {
        return vec![bare];
    }
    let identifier = |key: &str| {
        component
            .get("identifiers")
            .and_then(|i| i.get(key))
            .and_then(Value::as_str)
    };
    let mut names: Vec<&str> = Vec::new();
    for name in [
        identifier("purl"),
        component.get("@id").and_then(Value::as_str),
        identifier("cpe23"),
        identifier("cpe22"),
    ]
    .into_iter()
    .flatten()
    {
        if !name.trim().is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// The products a component names, or why it names none.
fn products_of(component: &Value) -> Result<Vec<VexProduct>, String> {
    let names = names(component);
    let mut products: Vec<VexProduct> = Vec::new();
    let mut reasons: Vec<(&str, NotAProduct)> = Vec::new();
    for name in &names {
        match product_of(name) {
            Ok(product) if !products.contains(&product) => products.push(product),
            Ok(_) => {}
            Err(why) => reasons.push((name, why)),
        }
    }
    if !products.is_empty() {
        return Ok(products);
    }
    // A package URL that cannot name an image says more than a CPE or an
    // IRI that is no package URL at all.
    let telling = reasons
        .iter()
        .find(|(_, why)| *why != NotAProduct::NotAPurl)
        .or(reasons.first());
    Err(match telling {
        Some((name, why)) => why.describe(name),
        None if component.get("hashes").is_some() => {
            "it is named by `hashes` only, which no finding carries".into()
        }
        None => "it names neither an `@id` nor `identifiers`".into(),
    })
}

/// Reads an OpenVEX document.
///
/// ```
/// let vex = kubesight::ingest::vex::openvex(r#"{"statements": [
///   {"vulnerability": {"name": "CVE-2023-43804"}, "status": "not_affected",
///    "justification": "vulnerable_code_not_present",
///    "products": [{"identifiers": {"purl": "pkg:pypi/urllib3@1.26.16%2Bcgr.0"}}]}]}"#)?;
/// let product = vex.statements[0].products[0].package.as_ref().unwrap();
/// assert_eq!(product.version.as_deref(), Some("1.26.16+cgr.0"));
/// assert!(vex.warnings.is_empty());
/// # Ok::<(), kubesight::ingest::IngestError>(())
/// ```
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
        let warn = |document: &mut VexDocument, at: String, message: String| {
            document.warnings.push(IngestWarning {
                code: WarningCode::UnparsableEntry,
                at,
                message,
            });
        };
        let vulnerability = s.get("vulnerability");
        let Some(id) = vulnerability.and_then(|v| {
            v.as_str()
                .or_else(|| v.get("name").and_then(Value::as_str))
                .or_else(|| v.get("@id").and_then(Value::as_str))
        }) else {
            warn(
                &mut document,
                at,
                "the statement names no vulnerability".into(),
            );
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
        let status = match s.get("status") {
            Some(Value::String(word)) => match word.as_str() {
                "not_affected" => VexStatus::NotAffected,
                "affected" => VexStatus::Affected,
                "fixed" => VexStatus::Fixed,
                "under_investigation" => VexStatus::UnderInvestigation,
                other => {
                    warn(
                        &mut document,
                        at,
                        format!("status `{}` is not an OpenVEX status", other.escape_debug()),
                    );
                    continue;
                }
            },
            Some(other) => {
                warn(
                    &mut document,
                    at,
                    format!("status {other} is not an OpenVEX status"),
                );
                continue;
            }
            None => {
                warn(&mut document, at, "the statement has no status".into());
                continue;
            }
        };
        let mut products = Vec::new();
        let listed = s.get("products").and_then(Value::as_array);
        for (j, product) in listed.into_iter().flatten().enumerate() {
            let at = format!("{at}.products[{j}]");
            let tops = match products_of(product) {
                Ok(tops) => tops,
                Err(why) => {
                    warn(
                        &mut document,
                        at,
                        format!("{why}: no finding can match the product"),
                    );
                    continue;
                }
            };
            let listed = product.get("subcomponents").and_then(Value::as_array);
            let Some(listed) = listed.filter(|l| !l.is_empty()) else {
                products.extend(tops);
                continue;
            };
            for (k, component) in listed.iter().enumerate() {
                let subs = match products_of(component) {
                    Ok(subs) => subs,
                    Err(why) => {
                        warn(
                            &mut document,
                            format!("{at}.subcomponents[{k}]"),
                            format!("{why}: no finding can match the subcomponent"),
                        );
                        continue;
                    }
                };
                for top in &tops {
                    for sub in &subs {
                        let narrowed = VexProduct {
                            image: top.image.clone().or_else(|| sub.image.clone()),
                            package: sub.package.clone(),
                        };
                        if !products.contains(&narrowed) {
                            products.push(narrowed);
                        }
                    }
                }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn read(products: &str) -> VexDocument {
        openvex(&format!(
            r#"{{"statements": [{{"vulnerability": "CVE-1", "status": "fixed", "products": {products}}}]}}"#
        ))
        .unwrap()
    }

    #[test]
    fn a_product_named_twice_the_same_way_counts_once() {
        let both = read(
            r#"[{"@id": "pkg:npm/a@1", "identifiers": {"purl": "pkg:npm/a@1", "cpe23": "cpe:2.3:a:x:a:1"}}]"#,
        );
        assert_eq!(both.statements[0].products.len(), 1);
        assert!(both.warnings.is_empty());
        // An IRI `@id` is a name for the document, not a package URL: the
        // identifier names the product, without a warning.
        let iri =
            read(r#"[{"@id": "https://example.com/p", "identifiers": {"purl": "pkg:npm/a"}}]"#);
        assert_eq!(iri.statements[0].products.len(), 1);
        assert!(iri.warnings.is_empty());
    }

    #[test]
    fn each_unmatchable_name_says_what_it_is() {
        let cases = [
            (
                r#"[{"identifiers": {"purl": "pkg:oci/debian"}}]"#,
                "without a digest",
            ),
            (
                r#"[{"@id": "pkg:oci/debian@latest"}]"#,
                "version `latest` is not a digest",
            ),
            (
                r#"[{"identifiers": {"cpe23": "cpe:2.3:a:x:y:1"}}]"#,
                "`cpe:2.3:a:x:y:1` is not a package URL",
            ),
            (r#"[{"hashes": {"sha-256": "ab"}}]"#, "`hashes` only"),
            (r#"[{}]"#, "neither an `@id` nor `identifiers`"),
        ];
        for (products, said) in cases {
            let document = read(products);
            assert_eq!(document.statements[0].products.len(), 0, "{products}");
            let message = &document.warnings[0].message;
            assert!(message.contains(said), "{products}: {message}");
            crate::error_style::assert_message_style(message);
        }
    }

    #[test]
    fn subcomponents_narrow_and_unreadable_ones_are_warned_about() {
        let image =
            "pkg:oci/app@sha256%3Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        let document = read(&format!(
            r#"[{{"@id": "{image}", "subcomponents": [{{"identifiers": {{"purl": "pkg:pypi/urllib3@1.26.16%2Bcgr.0"}}}}, {{"@id": "cpe:/a:x"}}]}}]"#
        ));
        let products = &document.statements[0].products;
        assert_eq!(products.len(), 1);
        assert!(products[0].image.is_some());
        assert_eq!(
            products[0].package.as_ref().unwrap().version.as_deref(),
            Some("1.26.16+cgr.0")
        );
        assert_eq!(document.warnings.len(), 1);
        assert_eq!(
            document.warnings[0].at,
            "statements[0].products[0].subcomponents[1]"
        );
        // None readable: the product covers nothing rather than its whole image.
        let none = read(&format!(
            r#"[{{"@id": "{image}", "subcomponents": [{{"@id": "cpe:/a:x"}}]}}]"#
        ));
        assert!(none.statements[0].products.is_empty());
    }

    #[test]
    fn statuses_are_shown_as_written() {
        for (status, said) in [
            (
                r#""status": "running""#,
                "status `running` is not an OpenVEX status",
            ),
            (r#""status": 7"#, "status 7 is not an OpenVEX status"),
            ("", "the statement has no status"),
        ] {
            let comma = if status.is_empty() { "" } else { ", " };
            let document = openvex(&format!(
                r#"{{"statements": [{{"vulnerability": "CVE-1"{comma}{status}}}]}}"#
            ))
            .unwrap();
            assert_eq!(document.warnings[0].message, said);
        }
    }
}
