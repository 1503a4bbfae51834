//! The images view's rows as one Arrow record batch.

use arrow_array::RecordBatch;
use kubesight::images::ImageRow;

use super::arrays::{batch, counts, flags, maybe_text, text, text_lists, workload_lists};
use crate::ColumnarError;

/// The rows as one batch, a row each, in the order given. The columns are
/// the rows' fields by their serde names, with `vulnerabilities` and
/// `integrity` spread over columns of their own:
///
/// | column | type |
/// |---|---|
/// | `digest` | string |
/// | `digests`, `references`, `tags`, `clusters`, `namespaces` | list of string |
/// | `workloads` | list of `{cluster, namespace, kind, name}` |
/// | `containers` | uint64 |
/// | `scanned`, `monitored` | bool |
/// | `critical`, `high`, `medium`, `low`, `unknown` | uint64: its distinct vulnerabilities by severity |
/// | `critical_applicable`, `malicious_packages` | uint64 |
/// | `integrity_status`, `integrity_violation`, `integrity_severity` | string (code), null when not known |
/// | `risks` | list of string (codes) |
pub fn images_batch(rows: &[ImageRow]) -> Result<RecordBatch, ColumnarError> {
    let all = || rows.iter();
    let integrity = || all().map(|r| r.integrity.as_ref());
    batch(vec![
        ("digest", false, text(all().map(|r| r.digest.as_str()))),
        ("digests", false, text_lists(all().map(|r| &r.digests))),
        (
            "references",
            false,
            text_lists(all().map(|r| &r.references)),
        ),
        ("tags", false, text_lists(all().map(|r| &r.tags))),
        ("clusters", false, text_lists(all().map(|r| &r.clusters))),
        (
            "namespaces",
            false,
            text_lists(all().map(|r| &r.namespaces)),
        ),
        (
            "workloads",
            false,
            workload_lists(all().map(|r| r.workloads.as_slice()))?,
        ),
        ("containers", false, counts(all().map(|r| r.containers))),
        ("scanned", false, flags(all().map(|r| r.scanned))),
        ("monitored", false, flags(all().map(|r| r.monitored))),
        (
            "critical",
            false,
            counts(all().map(|r| r.vulnerabilities.critical)),
        ),
        ("high", false, counts(all().map(|r| r.vulnerabilities.high))),
        (
            "medium",
            false,
            counts(all().map(|r| r.vulnerabilities.medium)),
        ),
        ("low", false, counts(all().map(|r| r.vulnerabilities.low))),
        (
            "unknown",
            false,
            counts(all().map(|r| r.vulnerabilities.unknown)),
        ),
        (
            "critical_applicable",
            false,
            counts(all().map(|r| r.critical_applicable)),
        ),
        (
            "malicious_packages",
            false,
            counts(all().map(|r| r.malicious_packages)),
        ),
        (
            "integrity_status",
            true,
            maybe_text(integrity().map(|i| i.and_then(|i| i.status).map(|s| s.code()))),
        ),
        (
            "integrity_violation",
            true,
            maybe_text(integrity().map(|i| i.and_then(|i| i.violation).map(|v| v.code()))),
        ),
        (
            "integrity_severity",
            true,
            maybe_text(integrity().map(|i| i.and_then(|i| i.severity).map(|s| s.code()))),
        ),
        (
            "risks",
            false,
            text_lists(all().map(|r| r.risks.iter().map(|k| k.code()))),
        ),
    ])
}
