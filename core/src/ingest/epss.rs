//! FIRST's daily EPSS scores as CSV (`epss_scores-YYYY-MM-DD.csv`, after the
//! caller decompresses it).
//!
//! Rules:
//! - Lines starting with `#` are comments; the first one, since February
//!   2022, reads `#model_version:v2025.03.14,score_date:2025-03-17T00:00:00+0000`
//!   and gives the model and the day every score is of.
//! - The header names the columns: `cve,epss,percentile` (earlier files:
//!   `cve,epss`), in any order; a text without a `cve` and an `epss` column
//!   is not an EPSS file (`unrecognized_document`).
//! - A row whose id is not a CVE id, or whose score is not a number from 0
//!   to 1 (`1`, `0.00043`, `4.3e-05` are numbers), is skipped with an
//!   `unparsable_entry` warning; a CVE listed twice keeps its first row with
//!   a `duplicate_entry` warning. A byte-order mark and CRLF line ends are
//!   read as a spreadsheet writes them.

use super::{IngestError, IngestWarning, WarningCode};
use crate::enrichment::{Enrichment, Epss};
use crate::finding::canonical_id;

const FORMAT: &str = "EPSS CSV";

/// What a reader of enrichment data read: the scores or entries, and what
/// it skipped.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EnrichmentRead {
    /// What was read.
    pub enrichment: Enrichment,
    /// What was skipped, and why.
    pub warnings: Vec<IngestWarning>,
}

/// Reads FIRST's EPSS CSV.
///
/// ```
/// let csv = "#model_version:v2023.03.01,score_date:2023-03-07T00:00:00+0000\n\
///            cve,epss,percentile\nCVE-1999-0001,0.01167,0.83060\ncve-2024-3094,8.6e-1,0.99\n";
/// let read = kubesight::ingest::epss(csv)?;
/// let score = read.enrichment.epss_of("CVE-2024-3094").unwrap();
/// assert_eq!((score.score, score.date.map(|d| d.to_string())), (0.86, Some("2023-03-07".into())));
/// assert_eq!(read.enrichment.epss_model_version.as_deref(), Some("v2023.03.01"));
/// assert!(kubesight::ingest::epss("name,score\nx,1\n").is_err());
/// # Ok::<(), kubesight::ingest::IngestError>(())
/// ```
pub fn epss(text: &str) -> Result<EnrichmentRead, IngestError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut read = EnrichmentRead::default();
    let mut lines = text.lines().enumerate();
    let mut columns = None;
    for (_, line) in lines.by_ref() {
        let line = line.trim();
        if let Some(comment) = line.strip_prefix('#') {
            for field in comment.split(',') {
                match field.split_once(':') {
                    Some(("model_version", v)) => {
                        read.enrichment.epss_model_version = Some(v.trim().to_owned());
                    }
                    Some(("score_date", v)) => {
                        read.enrichment.epss_score_date = Some(v.trim().to_owned());
                    }
                    _ => {}
                }
            }
            continue;
        }
        if line.is_empty() {
            continue;
        }
        columns = Some(Columns::of(line)?);
        break;
    }
    let columns = columns.ok_or_else(|| IngestError::UnrecognizedDocument {
        format: FORMAT,
        reason: "no header line".into(),
    })?;
    let day = read
        .enrichment
        .epss_score_date
        .as_deref()
        .and_then(|d| d.get(..10))
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());

    let mut rows: Vec<(String, Epss)> = Vec::with_capacity(text.len() / 28);
    for (number, line) in lines {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match columns.row(line) {
            Ok((id, score, percentile)) => rows.push((
                id,
                Epss {
                    score,
                    percentile,
                    date: day,
                },
            )),
            Err(why) => read.warnings.push(IngestWarning {
                code: WarningCode::UnparsableEntry,
                at: format!("line {}", number + 1),
                message: why,
            }),
        }
    }
    // FIRST writes the rows sorted by id: then there is nothing to sort. A
    // stable sort keeps the first of two equal ids first.
    if !rows.is_sorted_by(|a, b| a.0 <= b.0) {
        rows.sort_by(|a, b| a.0.cmp(&b.0));
    }
    let mut kept: Vec<(String, Epss)> = Vec::with_capacity(rows.len());
    for (id, score) in rows {
        if kept.last().is_some_and(|(last, _)| *last == id) {
            read.warnings.push(IngestWarning {
                code: WarningCode::DuplicateEntry,
                at: id.clone(),
                message: format!("{id} is scored twice: the first row was kept"),
            });
            continue;
        }
        kept.push((id, score));
    }
    read.enrichment.epss = kept.into_iter().collect();
    Ok(read)
}

/// Where the columns are.
struct Columns {
    cve: usize,
    epss: usize,
    percentile: Option<usize>,
    count: usize,
}

impl Columns {
    fn of(header: &str) -> Result<Columns, IngestError> {
        let names: Vec<String> = header
            .split(',')
            .map(|n| n.trim().trim_matches('"').to_ascii_lowercase())
            .collect();
        let at = |name: &str| names.iter().position(|n| n == name);
        match (at("cve"), at("epss")) {
            (Some(cve), Some(epss)) => Ok(Columns {
                cve,
                epss,
                percentile: at("percentile"),
                count: names.len(),
            }),
            _ => Err(IngestError::UnrecognizedDocument {
                format: FORMAT,
                reason: format!(
                    "the header `{}` has no `cve` and `epss` columns",
                    header.chars().take(80).collect::<String>().escape_debug()
                ),
            }),
        }
    }

    fn row(&self, line: &str) -> Result<(String, f64, Option<f64>), String> {
        let mut fields: [&str; 8] = [""; 8];
        let mut n = 0;
        for field in line.split(',') {
            if let Some(slot) = fields.get_mut(n) {
                *slot = field;
            }
            n += 1;
        }
        if n != self.count {
            return Err(format!(
                "{n} fields where the header has {}: `{}`",
                self.count,
                line.chars().take(80).collect::<String>().escape_debug()
            ));
        }
        // Fields are bare in FIRST's files; spaces and quotes cost a trim.
        let field = |i: usize| {
            let f = fields.get(i).copied().unwrap_or("");
            if f.starts_with([' ', '"']) || f.ends_with([' ', '"']) {
                f.trim().trim_matches('"')
            } else {
                f
            }
        };
        let id = field(self.cve);
        let is_cve = id.len() >= 9 && id.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("CVE-"));
        if !is_cve {
            return Err(format!("`{}` is not a CVE id", id.escape_debug()));
        }
        let probability = |name: &str, text: &str| match text.parse::<f64>() {
            Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
            _ => Err(format!(
                "{name} `{}` of {id} is not a number from 0 to 1",
                text.escape_debug()
            )),
        };
        let score = probability("score", field(self.epss))?;
        let percentile = match self.percentile {
            Some(i) => Some(probability("percentile", field(i))?),
            None => None,
        };
        Ok((canonical_id(id).into_owned(), score, percentile))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_layouts_read_alike() {
        let old = epss("cve,epss\nCVE-2020-1,0.5\n").unwrap();
        assert_eq!(
            old.enrichment.epss_of("CVE-2020-1").unwrap().percentile,
            None
        );
        let bare = epss("cve,epss,percentile\r\nCVE-2020-1,1,0.99\r\n").unwrap();
        assert_eq!(bare.enrichment.epss_of("CVE-2020-1").unwrap().score, 1.0);
        let v4 = epss("\u{feff}#model_version:v2025.03.14,score_date:2025-03-17T12:55:00Z\nepss,cve,percentile\n4.3e-05,CVE-2020-1,0.01\n").unwrap();
        let s = v4.enrichment.epss_of("cve-2020-1").unwrap();
        assert_eq!(
            (s.score, s.date.map(|d| d.to_string())),
            (4.3e-05, Some("2025-03-17".into()))
        );
        assert!(v4.warnings.is_empty());
    }

    #[test]
    fn bad_rows_are_warnings_and_the_first_of_twins_stays() {
        let read = epss(
            "cve,epss,percentile\nCVE-2020-2,0.2,0.3\nGHSA-x,0.1,0.1\nCVE-2020-3,1.5,0.1\nCVE-2020-4,NaN,0.1\nCVE-2020-5,0.1\nCVE-2020-2,0.9,0.9\nCVE-2020-1,0.1,0.1\n",
        )
        .unwrap();
        let codes: Vec<&str> = read.warnings.iter().map(|w| w.code.code()).collect();
        assert_eq!(
            codes,
            [
                "unparsable_entry",
                "unparsable_entry",
                "unparsable_entry",
                "unparsable_entry",
                "duplicate_entry"
            ]
        );
        assert_eq!(read.enrichment.epss.len(), 2);
        assert_eq!(read.enrichment.epss_of("CVE-2020-2").unwrap().score, 0.2);
        assert_eq!(read.warnings.first().map(|w| w.at.as_str()), Some("line 3"));
    }

    #[test]
    fn a_text_without_the_columns_is_not_epss() {
        for text in [
            "",
            "#model_version:v1\n",
            "{\"cve\": 1}",
            "id,score\nCVE-1,0.1",
        ] {
            assert_eq!(
                epss(text).unwrap_err().code(),
                "unrecognized_document",
                "{text}"
            );
        }
    }
}
