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
//! - A field that is not text (a number, a list, an object, `null`) is
//!   absent; an entry that is not an object is skipped with an
//!   `unparsable_entry` warning; a key given twice in one entry keeps its
//!   first value.
//! - `knownRansomwareCampaignUse` is `Known` or `Unknown` (any case; Grype
//!   writes it lower case); absent in catalogs before October 2023.

use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
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
    let document: Catalog = serde_json::from_str(text).map_err(|e| match e.classify() {
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
    read.enrichment.kev_catalog_version = document.catalog_version.0;
    read.enrichment.kev_date_released = document.date_released.0;
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
    for (i, entry) in entries.into_iter().enumerate() {
        let at = format!("vulnerabilities[{i}]");
        let Entry(Some(record)) = entry else {
            read.warnings.push(IngestWarning {
                code: WarningCode::UnparsableEntry,
                at,
                message: "not an entry: an entry is a JSON object".into(),
            });
            continue;
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

/// The catalog, read in one pass.
#[derive(Deserialize)]
struct Catalog {
    #[serde(rename = "catalogVersion", default)]
    catalog_version: Text,
    #[serde(rename = "dateReleased", default)]
    date_released: Text,
    #[serde(default)]
    count: Option<Value>,
    #[serde(default)]
    vulnerabilities: Option<Vec<Entry>>,
}

/// A field's text, trimmed, when it is non-empty text; any other JSON
/// value is read past and leaves it absent (nothing is built for it).
#[derive(Debug, Default)]
pub(crate) struct Text(Option<String>);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Lenient(|text: &str| {
            let trimmed = text.trim();
            Text((!trimmed.is_empty()).then(|| trimmed.to_owned()))
        }))
    }
}

/// A list's texts, its other items left out; not a list: none.
#[derive(Debug, Default)]
struct Texts(Vec<String>);

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextsVisitor)
    }
}

struct TextsVisitor;

impl<'de> Visitor<'de> for TextsVisitor {
    type Value = Texts;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Texts, A::Error> {
        let mut texts = Vec::new();
        while let Some(Text(text)) = seq.next_element::<Text>()? {
            texts.extend(text);
        }
        Ok(Texts(texts))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Texts, A::Error> {
        drain_map(map).map(|()| Texts::default())
    }
    fn visit_str<E>(self, _: &str) -> Result<Texts, E> {
        Ok(Texts::default())
    }
    fn visit_bool<E>(self, _: bool) -> Result<Texts, E> {
        Ok(Texts::default())
    }
    fn visit_i64<E>(self, _: i64) -> Result<Texts, E> {
        Ok(Texts::default())
    }
    fn visit_u64<E>(self, _: u64) -> Result<Texts, E> {
        Ok(Texts::default())
    }
    fn visit_f64<E>(self, _: f64) -> Result<Texts, E> {
        Ok(Texts::default())
    }
    fn visit_unit<E>(self) -> Result<Texts, E> {
        Ok(Texts::default())
    }
}

/// A visitor that reads any JSON value: text through its function,
/// anything else as absent.
struct Lenient<F>(F);

impl<'de, F: FnOnce(&str) -> T, T: Default> Visitor<'de> for Lenient<F> {
    type Value = T;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E>(self, v: &str) -> Result<T, E> {
        Ok((self.0)(v))
    }
    fn visit_bool<E>(self, _: bool) -> Result<T, E> {
        Ok(T::default())
    }
    fn visit_i64<E>(self, _: i64) -> Result<T, E> {
        Ok(T::default())
    }
    fn visit_u64<E>(self, _: u64) -> Result<T, E> {
        Ok(T::default())
    }
    fn visit_f64<E>(self, _: f64) -> Result<T, E> {
        Ok(T::default())
    }
    fn visit_unit<E>(self) -> Result<T, E> {
        Ok(T::default())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<T, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(T::default())
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        drain_map(map).map(|()| T::default())
    }
}

fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// A catalog entry, or none for a value that is not an object.
struct Entry(Option<KevRecord>);

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(EntryVisitor)
    }
}

/// The fields an entry is read for; the others are read past.
#[derive(Deserialize)]
enum Field {
    #[serde(rename = "cveID")]
    CveId,
    #[serde(rename = "cve")]
    Cve,
    #[serde(rename = "dateAdded")]
    DateAdded,
    #[serde(rename = "dueDate")]
    DueDate,
    #[serde(rename = "knownRansomwareCampaignUse")]
    Ransomware,
    #[serde(rename = "vendorProject")]
    VendorProject,
    #[serde(rename = "product")]
    Product,
    #[serde(rename = "vulnerabilityName")]
    VulnerabilityName,
    #[serde(rename = "requiredAction")]
    RequiredAction,
    #[serde(rename = "notes")]
    Notes,
    #[serde(rename = "cwes")]
    Cwes,
    #[serde(other)]
    Other,
}

struct EntryVisitor;

impl<'de> Visitor<'de> for EntryVisitor {
    type Value = Entry;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entry, A::Error> {
        let mut r = KevRecord::default();
        // A key given twice keeps its first value.
        let put = |slot: &mut Text, value: Text| {
            if slot.0.is_none() {
                *slot = value;
            }
        };
        while let Some(field) = map.next_key::<Field>()? {
            match field {
                Field::CveId => put(&mut r.cve_id, map.next_value()?),
                Field::Cve => put(&mut r.cve, map.next_value()?),
                Field::DateAdded => put(&mut r.date_added, map.next_value()?),
                Field::DueDate => put(&mut r.due_date, map.next_value()?),
                Field::Ransomware => put(&mut r.ransomware, map.next_value()?),
                Field::VendorProject => put(&mut r.vendor_project, map.next_value()?),
                Field::Product => put(&mut r.product, map.next_value()?),
                Field::VulnerabilityName => put(&mut r.vulnerability_name, map.next_value()?),
                Field::RequiredAction => put(&mut r.required_action, map.next_value()?),
                Field::Notes => put(&mut r.notes, map.next_value()?),
                Field::Cwes => {
                    let Texts(cwes) = map.next_value()?;
                    if r.cwes.is_empty() {
                        r.cwes = cwes;
                    }
                }
                Field::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Entry(Some(r)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Entry, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Entry(None))
    }
    fn visit_str<E>(self, _: &str) -> Result<Entry, E> {
        Ok(Entry(None))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Entry, E> {
        Ok(Entry(None))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Entry, E> {
        Ok(Entry(None))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Entry, E> {
        Ok(Entry(None))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Entry, E> {
        Ok(Entry(None))
    }
    fn visit_unit<E>(self) -> Result<Entry, E> {
        Ok(Entry(None))
    }
}

/// One entry's fields, each read whatever its JSON type (a field that is
/// not text is absent): the catalog's (`cveID`) and Grype's (`cve`).
#[derive(Debug, Default)]
pub(crate) struct KevRecord {
    cve_id: Text,
    cve: Text,
    date_added: Text,
    due_date: Text,
    ransomware: Text,
    vendor_project: Text,
    product: Text,
    vulnerability_name: Text,
    required_action: Text,
    notes: Text,
    cwes: Vec<String>,
}

impl<'de> Deserialize<'de> for KevRecord {
    /// A value that is not an object has no fields.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(EntryVisitor)
            .map(|Entry(record)| record.unwrap_or_default())
    }
}

/// Whether `text` is a date as `YYYY-MM-DD`.
fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    let number = |range: std::ops::Range<usize>| {
        b.get(range).and_then(|digits| {
            digits.iter().try_fold(0u32, |n, &d| {
                d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
            })
        })
    };
    b.len() == 10
        && b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && matches!(
            (number(0..4), number(5..7), number(8..10)),
            (Some(y), Some(m), Some(d))
                if i32::try_from(y).ok().and_then(|y| chrono::NaiveDate::from_ymd_opt(y, m, d)).is_some()
        )
}

/// One catalog entry (also Grype's `knownExploited` items, whose id is
/// `cve`).
pub(crate) fn entry_of(
    record: KevRecord,
    at: &str,
    warnings: &mut Vec<IngestWarning>,
) -> Option<(String, KevEntry)> {
    let Some(id) = record
        .cve_id
        .0
        .or(record.cve.0)
        .filter(|id| IdKind::of(id) == IdKind::Cve)
    else {
        warnings.push(IngestWarning {
            code: WarningCode::UnparsableEntry,
            at: at.to_owned(),
            message: "the entry names no CVE id (`cveID`)".into(),
        });
        return None;
    };
    let mut date = |key: &str, value: Text| {
        let value = value.0?;
        if is_date(&value) {
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
    let ransomware = match record.ransomware.0 {
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
    let cwes = record.cwes;
    Some((
        canonical_id(&id).into_owned(),
        KevEntry {
            date_added,
            due_date,
            known_ransomware_use: ransomware,
            vendor_project: record.vendor_project.0,
            product: record.product.0,
            vulnerability_name: record.vulnerability_name.0,
            required_action: record.required_action.0,
            notes: record.notes.0,
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
    fn fields_of_any_type_are_read_past_and_a_key_given_twice_keeps_its_first() {
        let read = kev(r#"{"catalogVersion": 7, "vulnerabilities": [
            42, "CVE-2020-9", [1],
            {"cveID": "CVE-2020-3", "cveID": "CVE-2020-4", "product": {"name": "x"},
             "vendorProject": ["a"], "notes": null, "cwes": ["CWE-1", 2, {"x": 1}, "CWE-2"],
             "dateAdded": "2024-02-30", "dueDate": " 2024-02-29 ", "extra": {"deep": [1, {"a": []}]}}]}"#)
        .unwrap();
        let at: Vec<(&str, &str)> = read
            .warnings
            .iter()
            .map(|w| (w.code.code(), w.at.as_str()))
            .collect();
        assert_eq!(
            at,
            [
                ("unparsable_entry", "vulnerabilities[0]"),
                ("unparsable_entry", "vulnerabilities[1]"),
                ("unparsable_entry", "vulnerabilities[2]"),
                ("unparsable_entry", "vulnerabilities[3].dateAdded"),
            ]
        );
        assert_eq!(read.enrichment.kev_catalog_version, None);
        let entry = read.enrichment.kev_of("CVE-2020-3").unwrap();
        assert!(read.enrichment.kev_of("CVE-2020-4").is_none());
        assert_eq!(
            (entry.product.as_deref(), entry.vendor_project.as_deref()),
            (None, None)
        );
        assert_eq!(entry.cwes, ["CWE-1", "CWE-2"]);
        assert_eq!(
            (entry.date_added.as_deref(), entry.due_date.as_deref()),
            (None, Some("2024-02-29"))
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
