//! The pages of one listing: each response of the platform is one page
//! (`pagination.next_key`, `total_count`); a reader takes the pages of one
//! listing, reads their entries in order and says what the pages left out.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::ingest::{IngestError, IngestWarning, WarningCode};

/// What the pages of a listing say of the listing as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
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

/// One entry of a page, with where it is.
pub(crate) struct Entry<'v> {
    /// `page 2: image_tags[3]`, or `image_tags[3]` for a single page.
    pub at: String,
    pub value: &'v Value,
}

/// Parses each page; an error names the page when there are several.
pub(crate) fn parse(pages: &[&str]) -> Result<Vec<Value>, IngestError> {
    let several = pages.len() > 1;
    pages
        .iter()
        .enumerate()
        .map(|(i, text)| {
            serde_json::from_str::<Value>(text)
                .map_err(|e| IngestError::json(&e))
                .and_then(|value| {
                    if value.is_object() {
                        Ok(value)
                    } else {
                        Err(IngestError::UnrecognizedDocument {
                            format: "runtime platform listing",
                            reason: "a page is a JSON object".into(),
                        })
                    }
                })
                .map_err(|e| wrap(e, i, several))
        })
        .collect()
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

fn total_of(page: &Value) -> Option<u64> {
    ["total_count", "totalCount"]
        .iter()
        .find_map(|k| page.get(*k))
        .or_else(|| page.get("pagination").and_then(|p| p.get("total_count")))
        .and_then(Value::as_u64)
}

fn next_key_of(page: &Value) -> Option<String> {
    page.get("pagination")
        .and_then(|p| p.get("next_key"))
        .and_then(Value::as_str)
        .filter(|k| !k.is_empty())
        .map(String::from)
}

/// The entries of `pages` under the first of `keys` each page has, in
/// order; an entry whose `identity` was seen on an earlier page is left out
/// with a `duplicate_entry` warning. `what` names the entries in messages
/// (`image tags`).
pub(crate) fn entries<'v>(
    pages: &'v [Value],
    keys: &[&str],
    what: &str,
    identity: impl Fn(&Value) -> Option<String>,
    warnings: &mut Vec<IngestWarning>,
) -> (Vec<Entry<'v>>, ListingPages) {
    let several = pages.len() > 1;
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
            .find_map(|k| page.get(*k).map(|list| (*k, list)));
        match found {
            Some((key, Value::Array(list))) => {
                for (i, value) in list.iter().enumerate() {
                    let at = format!("{prefix}{key}[{i}]");
                    if let Some(id) = identity(value) {
                        if !seen.insert(id.clone()) {
                            warnings.push(IngestWarning {
                                code: WarningCode::DuplicateEntry,
                                at,
                                message: format!(
                                    "{id} is listed on an earlier page too: the first one is kept"
                                ),
                            });
                            continue;
                        }
                    }
                    out.push(Entry { at, value });
                }
            }
            // An empty page may write its list as null.
            Some((_, Value::Null)) => {}
            Some((key, _)) => warnings.push(IngestWarning {
                code: WarningCode::UnparsableEntry,
                at: format!("{prefix}{key}"),
                message: format!("`{key}` is not a list: the page's {what} were skipped"),
            }),
            None => {}
        }
        totals.extend(total_of(page));
        next_key = next_key_of(page);
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
    (out, info)
}
