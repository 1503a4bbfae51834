//! The vulnerability table's rows as one Arrow record batch.

use arrow_array::{ArrayRef, RecordBatch};
use kubesight::table::{RowImage, VulnerabilityRow};

use super::arrays::{
    batch, counts, flags, maybe_flags, maybe_numbers, maybe_text, struct_lists, text, text_lists,
    workload_lists,
};
use crate::ColumnarError;

/// The rows as one batch, a row each, in the order given. The columns are
/// the rows' fields by their serde names, with `epss` and `kev` spread
/// over columns of their own:
///
/// | column | type |
/// |---|---|
/// | `id` | string |
/// | `aliases`, `severity_sources` | list of string |
/// | `severity`, `stage` | string (code) |
/// | `stopped` | string (code), null when it reached the last stage |
/// | `cvss` | list of `{source, version, score, vector}` |
/// | `applicability`, `fix_states`, `runtime` | list of string (codes) |
/// | `packages` | list of `{name, version, ecosystem, purl, fixed_versions}` |
/// | `images` | list of `{digest, references, clusters, namespaces, workloads, loaded}` |
/// | `image_count`, `workload_count`, `cluster_count`, `loaded_images` | uint64 |
/// | `epss_score`, `epss_percentile` | float64, null without a score |
/// | `kev` | bool |
/// | `kev_date_added`, `kev_due_date` | string, null when not known |
/// | `kev_known_ransomware_use` | bool, null when not known |
///
/// Strings are `LargeUtf8` and lists `LargeList` (polars' own types).
pub fn table_batch(rows: &[VulnerabilityRow]) -> Result<RecordBatch, ColumnarError> {
    let all = || rows.iter();
    batch(vec![
        ("id", false, text(all().map(|r| r.id.as_str()))),
        ("aliases", false, text_lists(all().map(|r| &r.aliases))),
        ("severity", false, text(all().map(|r| r.severity.code()))),
        (
            "severity_sources",
            false,
            text_lists(all().map(|r| &r.severity_sources)),
        ),
        ("cvss", false, cvss(rows)?),
        ("stage", false, text(all().map(|r| r.stage.code()))),
        (
            "stopped",
            true,
            maybe_text(all().map(|r| r.stopped.map(|s| s.code()))),
        ),
        (
            "applicability",
            false,
            text_lists(all().map(|r| r.applicability.iter().map(|a| a.code()))),
        ),
        (
            "fix_states",
            false,
            text_lists(all().map(|r| r.fix_states.iter().map(|f| f.code()))),
        ),
        (
            "runtime",
            false,
            text_lists(all().map(|r| r.runtime.iter().map(|e| e.code()))),
        ),
        ("packages", false, packages(rows)?),
        (
            "images",
            false,
            image_lists(all().map(|r| r.images.as_slice()))?,
        ),
        ("image_count", false, counts(all().map(|r| r.image_count))),
        (
            "workload_count",
            false,
            counts(all().map(|r| r.workload_count)),
        ),
        (
            "cluster_count",
            false,
            counts(all().map(|r| r.cluster_count)),
        ),
        (
            "loaded_images",
            false,
            counts(all().map(|r| r.loaded_images)),
        ),
        (
            "epss_score",
            true,
            maybe_numbers(all().map(|r| r.epss.as_ref().map(|e| e.score))),
        ),
        (
            "epss_percentile",
            true,
            maybe_numbers(all().map(|r| r.epss.as_ref().and_then(|e| e.percentile))),
        ),
        ("kev", false, flags(all().map(|r| r.kev.is_some()))),
        (
            "kev_date_added",
            true,
            maybe_text(all().map(|r| r.kev.as_ref().and_then(|k| k.date_added.as_deref()))),
        ),
        (
            "kev_due_date",
            true,
            maybe_text(all().map(|r| r.kev.as_ref().and_then(|k| k.due_date.as_deref()))),
        ),
        (
            "kev_known_ransomware_use",
            true,
            maybe_flags(all().map(|r| r.kev.as_ref().and_then(|k| k.known_ransomware_use))),
        ),
    ])
}

fn cvss(rows: &[VulnerabilityRow]) -> Result<ArrayRef, ColumnarError> {
    let all = || rows.iter().flat_map(|r| &r.cvss);
    struct_lists(
        rows.iter().map(|r| r.cvss.len()),
        vec![
            (
                "source",
                true,
                maybe_text(all().map(|c| c.source.as_deref())),
            ),
            (
                "version",
                true,
                maybe_text(all().map(|c| c.version.as_deref())),
            ),
            ("score", false, maybe_numbers(all().map(|c| Some(c.score)))),
            (
                "vector",
                true,
                maybe_text(all().map(|c| c.vector.as_deref())),
            ),
        ],
    )
}

fn packages(rows: &[VulnerabilityRow]) -> Result<ArrayRef, ColumnarError> {
    let all = || rows.iter().flat_map(|r| &r.packages);
    struct_lists(
        rows.iter().map(|r| r.packages.len()),
        vec![
            ("name", false, text(all().map(|p| p.name.as_str()))),
            ("version", false, text(all().map(|p| p.version.as_str()))),
            (
                "ecosystem",
                true,
                maybe_text(all().map(|p| p.ecosystem.as_deref())),
            ),
            ("purl", true, maybe_text(all().map(|p| p.purl.as_deref()))),
            (
                "fixed_versions",
                false,
                text_lists(all().map(|p| &p.fixed_versions)),
            ),
        ],
    )
}

/// Each row's images, as lists of `{digest, references, clusters,
/// namespaces, workloads, loaded}`.
pub(crate) fn image_lists<'a>(
    rows: impl Iterator<Item = &'a [RowImage]> + Clone,
) -> Result<ArrayRef, ColumnarError> {
    let all = || rows.clone().flatten();
    struct_lists(
        rows.clone().map(<[RowImage]>::len),
        vec![
            ("digest", false, text(all().map(|i| i.digest.as_str()))),
            (
                "references",
                false,
                text_lists(all().map(|i| &i.references)),
            ),
            ("clusters", false, text_lists(all().map(|i| &i.clusters))),
            (
                "namespaces",
                false,
                text_lists(all().map(|i| &i.namespaces)),
            ),
            (
                "workloads",
                false,
                workload_lists(all().map(|i| i.workloads.as_slice()))?,
            ),
            ("loaded", false, flags(all().map(|i| i.loaded))),
        ],
    )
}
