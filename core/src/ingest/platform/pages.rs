//! The pages of one listing: each response of the platform is one page
//! (`pagination.next_key`, `total_count`); a reader takes the pages of one
//! listing, reads their entries in order and says what the pages left out.
//!
//! A page is read field by field as raw JSON: its list is split into raw
//! entries, and each entry is read by the listing's own reader, so that an
//! entry that cannot be read is one warning, never a lost page.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::ingest::{IngestError, IngestWarning, WarningCode};

/// What the pages of a listing say of the listing as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ListingPages {
    /// How many pages were read.
    pub pages: u64,
    /// How many distinct entries they held.
    pub entries: u64,
    /// How many entries the platform says the listing has (`total_count`,
    /// top level or in `pagination`), when a page says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_count: Option<u64>,
    /// The key of the next page, when the last page read names one: the
    /// listing goes on past what was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_key: Option<String>,
}

impl ListingPages {
    /// Whether the pages read hold the whole listing, as far as they say.
    pub fn is_complete(&self) -> bool {
        self.next_key.is_none() && self.total_count.is_none_or(|t| t <= self.entries)
    }
}

/// One page: its top-level fields, as raw JSON.
pub(crate) type Page<'a> = BTreeMap<String, &'a RawValue>;

#[derive(Deserialize, Default)]
struct Pagination {
    #[serde(default)]
    next_key: Option<serde_json::Value>,
    #[serde(default)]
    total_count: Option<serde_json::Value>,
}

/// The error of page `index`, naming the page when there are several.
pub(crate) fn wrap(error: IngestError, index: usize, several: bool) -> IngestError {
    if several {
        IngestError::InvalidPage {
            page: index + 1,
            source: Box::new(error),
        }
    } else {
        error
    }
}

/// Parses each page into its fields; a page that is not a JSON object, or
/// has none of `keys`, is not a page of this listing (`format`). An error
/// names the page when there are several.
pub(crate) fn parse<'a>(
    pages: &[&'a str],
    format: &'static str,
    keys: &[&str],
) -> Result<Vec<Page<'a>>, IngestError> {
    let several = pages.len() > 1;
    pages
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let page: Page<'a> = serde_json::from_str(text).map_err(|e| {
                let error = match e.classify() {
                    serde_json::error::Category::Data => IngestError::UnrecognizedDocument {
                        format,
                        reason: "a page is a JSON object".into(),
                    },
                    _ => IngestError::json(&e),
                };
                wrap(error, i, several)
            })?;
            if !keys.iter().any(|k| page.contains_key(*k)) {
                let names: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
                let error = IngestError::UnrecognizedDocument {
                    format,
                    reason: format!("no {} list", names.join(" or ")),
                };
                return Err(wrap(error, i, several));
            }
            Ok(page)
        })
        .collect()
}

fn count(raw: Option<&serde_json::Value>) -> Option<u64> {
    raw.and_then(serde_json::Value::as_u64)
}

fn total_of(page: &Page<'_>, pagination: &Pagination) -> Option<u64> {
    ["total_count", "totalCount"]
        .iter()
        .find_map(|k| page.get(*k))
        .and_then(|raw| serde_json::from_str::<serde_json::Value>(raw.get()).ok())
        .as_ref()
        .and_then(|v| count(Some(v)))
        .or_else(|| count(pagination.total_count.as_ref()))
}

/// The entries of `pages` under the first of `keys` each page has, in
/// order, each read by `read` (with where it is: `page 2: image_tags[3]`,
/// or `image_tags[3]` for a single page). An entry whose `identity` was
/// read on an earlier page is left out with a `duplicate_entry` warning,
/// and its own warnings with it. The listing's warnings (totals, a next
/// page) come first, then the entries', in order. `what` names the entries
/// in messages (`image tags`).
pub(crate) fn entries<'a, T>(
    pages: &[Page<'a>],
    keys: &[&str],
    what: &str,
    mut read: impl FnMut(&'a RawValue, &str, &mut Vec<IngestWarning>) -> Option<T>,
    identity: impl Fn(&T) -> Option<String>,
    warnings: &mut Vec<IngestWarning>,
) -> (Vec<T>, ListingPages) {
    let several = pages.len() > 1;
    let mut of_entries = Vec::new();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut totals: Vec<u64> = Vec::new();
    let mut next_key = None;
    for (p, page) in pages.iter().enumerate() {
        let prefix = if several {
            format!("page {}: ", p + 1)
        } else {
            String::new()
        };
        let found = keys
            .iter()
            .find_map(|k| page.get(*k).map(|list| (*k, *list)));
        if let Some((key, list)) = found {
            match serde_json::from_str::<Option<Vec<&'a RawValue>>>(list.get()) {
                // An empty page may write its list as null.
                Ok(list) => {
                    for (i, raw) in list.into_iter().flatten().enumerate() {
                        let at = format!("{prefix}{key}[{i}]");
                        let mut own = Vec::new();
                        let Some(entry) = read(raw, &at, &mut own) else {
                            of_entries.append(&mut own);
                            continue;
                        };
                        if let Some(id) = identity(&entry) {
                            if !seen.insert(id.clone()) {
                                of_entries.push(IngestWarning {
                                    code: WarningCode::DuplicateEntry,
                                    at,
                                    message: format!(
                                        "{id} is listed on an earlier page too: the first one is kept"
                                    ),
                                });
                                continue;
                            }
                        }
                        of_entries.append(&mut own);
                        out.push(entry);
                    }
                }
                Err(_) => of_entries.push(IngestWarning {
                    code: WarningCode::UnparsableEntry,
                    at: format!("{prefix}{key}"),
                    message: format!("`{key}` is not a list: the page's {what} were skipped"),
                }),
            }
        }
        let pagination: Pagination = page
            .get("pagination")
            .and_then(|raw| serde_json::from_str(raw.get()).ok())
            .unwrap_or_default();
        totals.extend(total_of(page, &pagination));
        next_key = pagination
            .next_key
            .as_ref()
            .and_then(serde_json::Value::as_str)
            .filter(|k| !k.is_empty())
            .map(String::from);
    }
    totals.dedup();
    let info = ListingPages {
        pages: pages.len() as u64,
        entries: out.len() as u64,
        total_count: totals.last().copied(),
        next_key,
    };
    if totals.len() > 1 {
        warnings.push(IngestWarning {
            code: WarningCode::InconsistentListing,
            at: "total_count".into(),
            message: format!(
                "the pages give different totals ({}): the last one is kept",
                totals
                    .iter()
                    .map(u64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    match info.total_count {
        Some(total) if total > info.entries => warnings.push(IngestWarning {
            code: WarningCode::PartialListing,
            at: "total_count".into(),
            message: format!(
                "{} of {total} {what} were read: what follows covers those only",
                info.entries
            ),
        }),
        Some(total) if total < info.entries => warnings.push(IngestWarning {
            code: WarningCode::InconsistentListing,
            at: "total_count".into(),
            message: format!(
                "the listing says it has {total} {what}, but {} were read",
                info.entries
            ),
        }),
        None if info.next_key.is_some() => warnings.push(IngestWarning {
            code: WarningCode::PartialListing,
            at: "pagination.next_key".into(),
            message: format!(
                "the last page read names a next page: the {what} after it were not read"
            ),
        }),
        _ => {}
    }
    warnings.append(&mut of_entries);
    (out, info)
}
