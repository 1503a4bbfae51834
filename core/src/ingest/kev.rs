//! CISA's Known Exploited Vulnerabilities catalog
//! (`known_exploited_vulnerabilities.json`).
//!
//! Rules:
//! - The document is an object with a `vulnerabilities` list; anything else
//!   is not the catalog (`unrecognized_document`). `catalogVersion` and
//!   `dateReleased` are kept; `count` is checked against the entries
//!   (`inconsistent_listing` when they differ).
//! - An entry needs a CVE id (`cveID`); without one it is skipped with an
//!   `unparsable_entry` warning, and a CVE listed twice keeps its first entry
//!   (`duplicate_entry`). Dates (`dateAdded`, `dueDate`) are kept as the
//!   catalog writes them (`YYYY-MM-DD`), a malformed one dropped with a
//!   warning.
//! - `knownRansomwareCampaignUse` is `Known` or `Unknown` (any case; Grype
//!   writes it lower case); absent in catalogs before October 2023.

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

use super::epss::EnrichmentRead;
use super::{IngestError, IngestWarning, WarningCode};
use crate::enrichment::KevEntry;
use crate::finding::{canonical_id, IdKind};

const FORMAT: &str = "Known Exploited Vulnerabilities catalog";

/// Reads CISA's KEV catalog JSON.
///
/// ```
/// let catalog = r#"{"title": "CISA Catalog of Known Exploited Vulnerabilities",
///   "catalogVersion": "2025.03.17", "dateReleased": "2025-03-17T14:00:00.000Z", "count": 1,
///   "vulnerabilities": [{"cveID": "CVE-2021-44228", "vendorProject": "Apache",
///     "product": "Log4j2", "vulnerabilityName": "Apache Log4j2 Remote Code Execution Vulnerability",
///     "dateAdded": "2021-12-10", "shortDescription": "...", "requiredAction": "Apply updates.",
///     "dueDate": "2021-12-24", "knownRansomwareCampaignUse": "Known", "notes": "", "cwes": ["CWE-20"]}]}"#;
/// let read = kubesight::ingest::kev(catalog)?;
/// let entry = read.enrichment.kev_of("CVE-2021-44228").unwrap();
/// assert_eq!(entry.due_date.as_deref(), Some("2021-12-24"));
/// assert_eq!(entry.known_ransomware_use, Some(true));
/// assert_eq!(read.enrichment.kev_catalog_version.as_deref(), Some("2025.03.17"));
/// # Ok::<(), kubesight::ingest::IngestError>(())
/// ```
pub fn kev(text: &str) -> Result<EnrichmentRead, IngestError> {
    let document: Catalog<'_> = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => IngestError::UnrecognizedDocument {
            format: FORMAT,
            reason: "not a JSON object with a `vulnerabilities` list".into(),
        },
        _ => IngestError::json(&e),
    })?;
    let entries = document
        .vulnerabilities
        .ok_or_else(|| IngestError::UnrecognizedDocument {
            format: FORMAT,
            reason: "no `vulnerabilities` list".into(),
        })?;
    let mut read = EnrichmentRead::default();
    read.enrichment.kev_catalog_version = text_of(document.catalog_version);
    read.enrichment.kev_date_released = text_of(document.date_released);
    if let Some(count) = document.count.as_ref().and_then(Value::as_u64) {
        if count != entries.len() as u64 {
            read.warnings.push(IngestWarning {
                code: WarningCode::InconsistentListing,
                at: "count".into(),
                message: format!(
                    "the catalog counts {count} entries and lists {}",
                    entries.len()
                ),
            });
        }
    }
    for (i, raw) in entries.iter().enumerate() {
        let at = format!("vulnerabilities[{i}]");
        let record: KevRecord = match serde_json::from_str(raw.get()) {
            Ok(r) => r,
            Err(e) => {
                read.warnings.push(IngestWarning {
                    code: WarningCode::UnparsableEntry,
                    at,
                    message: format!("not an entry: {e}"),
                });
                continue;
            }
        };
        let Some((id, kev)) = entry_of(record, &at, &mut read.warnings) else {
            continue;
        };
        if read.enrichment.kev.contains_key(&id) {
            read.warnings.push(IngestWarning {
                code: WarningCode::DuplicateEntry,
                at,
                message: format!("{id} is listed twice: the first entry was kept"),
            });
            continue;
        }
        read.enrichment.kev.insert(id, kev);
    }
    Ok(read)
}

/// The catalog, its entries left as text until each is read.
#[derive(Deserialize)]
struct Catalog<'a> {
    #[serde(rename = "catalogVersion", default)]
    catalog_version: Option<Value>,
    #[serde(rename = "dateReleased", default)]
    date_released: Option<Value>,
    #[serde(default)]
    count: Option<Value>,
    #[serde(borrow, default)]
    vulnerabilities: Option<Vec<&'a RawValue>>,
}

/// One entry's fields, each read whatever its JSON type (a field that is
/// not text is absent): the catalog's (`cveID`) and Grype's (`cve`).
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct KevRecord {
    #[serde(rename = "cveID")]
    cve_id: Option<Value>,
    cve: Option<Value>,
    #[serde(rename = "dateAdded")]
    date_added: Option<Value>,
    #[serde(rename = "dueDate")]
    due_date: Option<Value>,
    #[serde(rename = "knownRansomwareCampaignUse")]
    ransomware: Option<Value>,
    #[serde(rename = "vendorProject")]
    vendor_project: Option<Value>,
    product: Option<Value>,
    #[serde(rename = "vulnerabilityName")]
    vulnerability_name: Option<Value>,
    #[serde(rename = "requiredAction")]
    required_action: Option<Value>,
    notes: Option<Value>,
    cwes: Option<Value>,
}

/// A field's text, trimmed, when it is non-empty text.
fn text_of(value: Option<Value>) -> Option<String> {
    match value {
        Some(Value::String(s)) => {
            let trimmed = s.trim();
            if trimmed.is_empty() {
                None
            } else if trimmed.len() == s.len() {
                Some(s)
            } else {
                Some(trimmed.to_owned())
            }
        }
        _ => None,
    }
}

/// One catalog entry (also Grype's `knownExploited` items, whose id is
/// `cve`).
pub(crate) fn entry_of(
    record: KevRecord,
    at: &str,
    warnings: &mut Vec<IngestWarning>,
) -> Option<(String, KevEntry)> {
    let Some(id) = text_of(record.cve_id)
        .or_else(|| text_of(record.cve))
        .filter(|id| IdKind::of(id) == IdKind::Cve)
    else {
        warnings.push(IngestWarning {
            code: WarningCode::UnparsableEntry,
            at: at.to_owned(),
            message: "the entry names no CVE id (`cveID`)".into(),
        });
        return None;
    };
    let mut date = |key: &str, value: Option<Value>| {
        let value = text_of(value)?;
        if chrono::NaiveDate::parse_from_str(&value, "%Y-%m-%d").is_ok() {
            Some(value)
        } else {
            warnings.push(IngestWarning {
                code: WarningCode::UnparsableEntry,
                at: format!("{at}.{key}"),
                message: format!(
                    "`{}` is not a date (YYYY-MM-DD): left out",
                    value.escape_debug()
                ),
            });
            None
        }
    };
    let date_added = date("dateAdded", record.date_added);
    let due_date = date("dueDate", record.due_date);
    let ransomware = match text_of(record.ransomware) {
        None => None,
        Some(word) if word.eq_ignore_ascii_case("known") => Some(true),
        Some(word) if word.eq_ignore_ascii_case("unknown") => Some(false),
        Some(word) => {
            warnings.push(IngestWarning {
                code: WarningCode::UnknownStatus,
                at: format!("{at}.knownRansomwareCampaignUse"),
                message: format!(
                    "`{}` is neither `Known` nor `Unknown`: left out",
                    word.escape_debug()
                ),
            });
            None
        }
    };
    let cwes = match record.cwes {
        Some(Value::Array(list)) => list
            .into_iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    Some((
        canonical_id(&id).into_owned(),
        KevEntry {
            date_added,
            due_date,
            known_ransomware_use: ransomware,
            vendor_project: text_of(record.vendor_project),
            product: text_of(record.product),
            vulnerability_name: text_of(record.vulnerability_name),
            required_action: text_of(record.required_action),
            notes: text_of(record.notes),
            cwes,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_entries_are_warnings() {
        let read = kev(r#"{"count": 5, "vulnerabilities": [
            {"cveID": "CVE-2020-1", "dateAdded": "2020-13-45", "knownRansomwareCampaignUse": "maybe"},
            {"vendorProject": "x"},
            {"cveID": "CVE-2020-1"},
            {"cveID": "cve-2020-2", "knownRansomwareCampaignUse": "unknown"}]}"#)
        .unwrap();
        let codes: Vec<&str> = read.warnings.iter().map(|w| w.code.code()).collect();
        assert_eq!(
            codes,
            [
                "inconsistent_listing",
                "unparsable_entry",
                "unknown_status",
                "unparsable_entry",
                "duplicate_entry"
            ]
        );
        assert_eq!(read.enrichment.kev.len(), 2);
        assert_eq!(
            read.enrichment
                .kev_of("CVE-2020-2")
                .unwrap()
                .known_ransomware_use,
            Some(false)
        );
        assert_eq!(
            read.enrichment.kev_of("CVE-2020-1").unwrap().date_added,
            None
        );
    }

    #[test]
    fn other_json_is_not_the_catalog() {
        assert_eq!(kev("[]").unwrap_err().code(), "unrecognized_document");
        assert_eq!(
            kev("{\"matches\": []}").unwrap_err().code(),
            "unrecognized_document"
        );
        assert_eq!(kev("{").unwrap_err().code(), "invalid_json");
    }
}
