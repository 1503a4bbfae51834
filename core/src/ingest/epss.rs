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

use rayon::prelude::*;

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
    let mut first_row = 0;
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

    let body = lines.next().map_or("", |(number, line)| {
        first_row = number;
        // `line` is a slice of `text`: the rest starts where it does.
        let start = line.as_ptr() as usize - text.as_ptr() as usize;
        text.get(start..).unwrap_or("")
    });
    // FIRST's file is a quarter of a million short lines: pieces of it,
    // cut at line ends, are read on the threads of rayon's pool.
    let pieces = pieces(body, rayon::current_num_threads());
    let mut read_pieces: Vec<Piece> = pieces
        .par_iter()
        .map(|&(line, text)| Piece::read(&columns, text, first_row + line, day))
        .collect();
    let mut rows: Vec<(String, Epss)> =
        Vec::with_capacity(read_pieces.iter().map(|p| p.rows.len()).sum());
    let (mut sorted, mut repeats) = (true, false);
    for piece in &mut read_pieces {
        if let (Some((last, _)), Some((first, _))) = (rows.last(), piece.rows.first()) {
            match last.cmp(first) {
                std::cmp::Ordering::Less => {}
                std::cmp::Ordering::Equal => repeats = true,
                std::cmp::Ordering::Greater => sorted = false,
            }
        }
        sorted &= piece.sorted;
        repeats |= piece.repeats;
        rows.append(&mut piece.rows);
        read.warnings.append(&mut piece.warnings);
    }
    // FIRST writes the rows sorted by id, each once: then there is nothing
    // to sort or to drop. A stable sort keeps the first of two equal ids
    // first.
    if !sorted {
        rows.sort_by(|a, b| a.0.cmp(&b.0));
    }
    let kept = if sorted && !repeats {
        rows
    } else {
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
        kept
    };
    read.enrichment.epss = kept.into_iter().collect();
    Ok(read)
}

/// `text` cut into about `count` pieces at line ends, each with the number
/// of lines before it.
fn pieces(text: &str, count: usize) -> Vec<(usize, &str)> {
    // Below this, one piece: a thread's start costs more than it saves.
    const SMALLEST: usize = 1 << 20;
    let count = count.clamp(1, (text.len() / SMALLEST).max(1));
    let mut pieces = Vec::with_capacity(count);
    let (mut rest, mut lines) = (text, 0);
    for left in (1..=count).rev() {
        let want = rest.len() / left;
        let end = match rest
            .as_bytes()
            .get(want..)
            .and_then(|t| t.iter().position(|&b| b == b'\n'))
        {
            Some(at) if left > 1 => want + at + 1,
            _ => rest.len(),
        };
        let (piece, after) = rest.split_at(end);
        pieces.push((lines, piece));
        lines += piece.bytes().filter(|&b| b == b'\n').count();
        rest = after;
    }
    pieces
}

/// The rows of one piece of the file.
struct Piece {
    rows: Vec<(String, Epss)>,
    warnings: Vec<IngestWarning>,
    /// Whether its ids ascend, and whether one follows itself.
    sorted: bool,
    repeats: bool,
}

impl Piece {
    /// Reads `text`, whose first line is line `first` (from 0) of the file.
    fn read(columns: &Columns, text: &str, first: usize, day: Option<chrono::NaiveDate>) -> Piece {
        let mut piece = Piece {
            rows: Vec::with_capacity(text.len() / 28),
            warnings: Vec::new(),
            sorted: true,
            repeats: false,
        };
        for (offset, line) in Rows::new(text) {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match columns.row(line) {
                Ok((id, score, percentile)) => {
                    if let Some((last, _)) = piece.rows.last() {
                        match last.as_str().cmp(id.as_str()) {
                            std::cmp::Ordering::Less => {}
                            std::cmp::Ordering::Equal => piece.repeats = true,
                            std::cmp::Ordering::Greater => piece.sorted = false,
                        }
                    }
                    let date = day;
                    piece.rows.push((
                        id,
                        Epss {
                            score,
                            percentile,
                            date,
                        },
                    ));
                }
                Err(why) => piece.warnings.push(IngestWarning {
                    code: WarningCode::UnparsableEntry,
                    at: format!("line {}", first + offset + 1),
                    message: why,
                }),
            }
        }
        piece
    }
}

/// A plain decimal (`0.00043`, `1`, `0.5`: digits with at most one point,
/// at most 15 digits), as the nearest double, or none for any other form.
/// Both the digits as an integer and the power of ten are then exact
/// doubles, and one division rounds once: the nearest double, as a full
/// parser gives, at a fraction of its cost (FIRST's file has half a million
/// of these).
fn decimal(text: &str) -> Option<f64> {
    const POWERS: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let mut digits = 0u64;
    let mut count = 0usize;
    let mut after_point: Option<usize> = None;
    for b in text.bytes() {
        match b {
            b'0'..=b'9' => {
                digits = digits * 10 + u64::from(b - b'0');
                count += 1;
                if let Some(n) = after_point.as_mut() {
                    *n += 1;
                }
            }
            b'.' if after_point.is_none() => after_point = Some(0),
            _ => return None,
        }
        if count > 15 {
            return None;
        }
    }
    if count == 0 {
        return None;
    }
    let scale = POWERS.get(after_point.unwrap_or(0))?;
    Some(digits as f64 / scale)
}

/// The lines of a text with their numbers from 0, split on `\n`.
struct Rows<'a> {
    rest: &'a str,
    number: usize,
}

impl<'a> Rows<'a> {
    fn new(text: &'a str) -> Rows<'a> {
        Rows {
            rest: text,
            number: 0,
        }
    }
}

impl<'a> Iterator for Rows<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        if self.rest.is_empty() {
            return None;
        }
        // Lines are short: a byte loop finds their end sooner than a
        // search set up for long runs.
        let end = self
            .rest
            .bytes()
            .position(|b| b == b'\n')
            .unwrap_or(self.rest.len());
        let (line, rest) = self.rest.split_at(end);
        self.rest = rest.get(1..).unwrap_or("");
        let number = self.number;
        self.number += 1;
        Some((number, line))
    }
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
        let mut start = 0;
        for (i, b) in line
            .bytes()
            .enumerate()
            .chain(std::iter::once((line.len(), b',')))
        {
            if b == b',' {
                if let Some(slot) = fields.get_mut(n) {
                    *slot = line.get(start..i).unwrap_or("");
                }
                n += 1;
                start = i + 1;
            }
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
        let probability =
            |name: &str, text: &str| match decimal(text).map_or_else(|| text.parse::<f64>(), Ok) {
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
    fn plain_decimals_read_as_the_full_parser_reads_them() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for i in 0..200_000u64 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let text = match i % 4 {
                0 => format!("0.{:05}", state % 100_000),
                1 => format!("{}.{}", state % 10, state % 1_000_000_000),
                2 => format!("0.{:015}", state % 1_000_000_000_000_000),
                _ => format!("{}", state % 1_000_000),
            };
            let expected: f64 = text.parse().unwrap();
            match decimal(&text) {
                Some(value) => assert_eq!(value.to_bits(), expected.to_bits(), "{text}"),
                None => assert!(text.trim_start_matches('0').len() > 15, "{text}"),
            }
        }
        for other in [
            "",
            ".",
            "1e-5",
            "4.3e-05",
            "-0.5",
            "0.5.1",
            " 0.5",
            "NaN",
            "0.1234567890123456",
        ] {
            assert_eq!(decimal(other), None, "{other}");
        }
        assert_eq!(decimal("1."), Some(1.0));
        assert_eq!(decimal(".5"), Some(0.5));
    }

    #[test]
    fn a_file_read_in_pieces_reads_as_one() {
        // Past a megabyte the rows are read in pieces: line numbers,
        // order and the first of twins hold across the cuts.
        let mut text = String::from("#model_version:v1\ncve,epss,percentile\n");
        let rows = 80_000;
        for i in 0..rows {
            text.push_str(&format!("CVE-2020-{:06},0.{:05},0.5\n", i, i % 100_000));
        }
        text.push_str("CVE-2020-000007,0.9,0.9\nnot-a-cve,0.1,0.1\n");
        assert!(pieces(&text, 2).len() == 2, "the test reads two pieces");
        let read = epss(&text).unwrap();
        assert_eq!(read.enrichment.epss.len(), rows);
        assert_eq!(
            read.enrichment.epss_of("CVE-2020-000007").unwrap().score,
            0.00007
        );
        let at: Vec<(&str, &str)> = read
            .warnings
            .iter()
            .map(|w| (w.code.code(), w.at.as_str()))
            .collect();
        let last = format!("line {}", rows + 4);
        assert_eq!(
            at,
            [
                ("unparsable_entry", last.as_str()),
                ("duplicate_entry", "CVE-2020-000007")
            ]
        );
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
