//! Runtime evidence from a runtime-filtered scan: a scan of the same image
//! restricted to the packages sensors saw loaded (kubevuln's filtered
//! report, for one).

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::finding::{canonical_id, Occurrence, RuntimeEvidence};

/// What marking found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RuntimeMarks {
    /// Occurrences marked loaded.
    pub loaded: u64,
    /// Occurrences marked not observed.
    pub not_observed: u64,
    /// Distinct (vulnerability, package, version) of the filtered scan with
    /// no occurrence in the full one
    /// (scans of different images, or of different database versions).
    pub unmatched: u64,
}

/// A full scan's findings marked from a runtime-filtered one, and the counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RuntimeMarked {
    /// The full scan's findings, each marked.
    pub findings: Vec<Occurrence>,
    /// What marking found.
    pub marks: RuntimeMarks,
}

impl RuntimeMarked {
    /// [`mark_runtime`] on owned findings, in one call.
    pub fn mark(mut full: Vec<Occurrence>, filtered: &[Occurrence]) -> Self {
        let marks = mark_runtime(&mut full, filtered);
        RuntimeMarked {
            findings: full,
            marks,
        }
    }
}

/// Marks each occurrence of a full scan `loaded` when the runtime-filtered
/// scan holds the same vulnerability in the same package and version, and
/// `not_observed` otherwise. The key is (vulnerability, package, version),
/// never the vulnerability alone: a CVE loaded through one package says
/// nothing of the same CVE in a package that never ran.
///
/// ```
/// use kubesight::finding::{Occurrence, RuntimeEvidence};
/// use kubesight::ingest::mark_runtime;
///
/// let finding = |package: &str| -> Occurrence {
///     serde_json::from_value(serde_json::json!({
///         "image": [], "vulnerability": "CVE-2024-1",
///         "package": {"name": package, "version": "1.0"}})).unwrap()
/// };
/// let mut full = vec![finding("openssl"), finding("libssl")];
/// let marks = mark_runtime(&mut full, &[finding("libssl")]);
/// assert_eq!(full[0].runtime, RuntimeEvidence::NotObserved);
/// assert_eq!(full[1].runtime, RuntimeEvidence::Loaded);
/// assert_eq!((marks.loaded, marks.not_observed, marks.unmatched), (1, 1, 0));
/// ```
pub fn mark_runtime<'a>(
    full: &mut [Occurrence],
    filtered: impl IntoIterator<Item = &'a Occurrence>,
) -> RuntimeMarks {
    let key = |o: &'a Occurrence| {
        (
            canonical_id(&o.vulnerability).into_owned(),
            o.package.name.as_str(),
            o.package.version.as_str(),
        )
    };
    let loaded: HashSet<(String, &str, &str)> = filtered.into_iter().map(key).collect();
    let mut marks = RuntimeMarks::default();
    let mut matched: HashSet<(String, &str, &str)> = HashSet::new();
    for occurrence in full.iter_mut() {
        let k = (
            canonical_id(&occurrence.vulnerability).into_owned(),
            occurrence.package.name.as_str(),
            occurrence.package.version.as_str(),
        );
        if let Some(found) = loaded.get(&k) {
            occurrence.runtime = RuntimeEvidence::Loaded;
            marks.loaded += 1;
            matched.insert(found.clone());
        } else {
            occurrence.runtime = RuntimeEvidence::NotObserved;
            marks.not_observed += 1;
        }
    }
    marks.unmatched = (loaded.len() - matched.len()) as u64;
    marks
}
