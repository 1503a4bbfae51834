//! Tag mutability: the policy and its classifications.

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyList, PyString, PyTuple};

use crate::errors::{error, raise};
use crate::reference::PyImageRef;

/// How a tag was classified: the rule that decided and what it means.
#[pyclass(module = "kubesight", frozen, eq, hash, name = "TagClass")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct PyTagClass(kubesight::TagClass);

#[pymethods]
impl PyTagClass {
    /// The rule's stable code (`keyword`, `full_version`, ...).
    #[getter]
    fn rule(&self) -> &'static str {
        self.0.rule().code()
    }

    /// `mutable` or `immutable`.
    #[getter]
    fn mutability(&self) -> &'static str {
        self.0.mutability().code()
    }

    /// Whether the tag may point to other content tomorrow.
    #[getter]
    fn is_mutable(&self) -> bool {
        self.0.is_mutable()
    }

    /// Why, in a sentence.
    #[getter]
    fn explanation(&self) -> &'static str {
        self.0.explanation()
    }

    /// The fields, JSON-compatible (the Rust serde form).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        crate::convert::to_py(py, &self.0)
    }

    fn __repr__(&self) -> String {
        format!(
            "TagClass(rule='{}', mutability='{}')",
            self.rule(),
            self.mutability()
        )
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let of = py.get_type::<PyTagClass>().getattr("of_rule")?;
        Ok((of, PyTuple::new(py, [slf.get().rule()])?))
    }

    /// The classification a rule gives.
    #[staticmethod]
    fn of_rule(rule: &str) -> PyResult<Self> {
        kubesight::TagRule::ALL
            .iter()
            .find(|r| r.code() == rule)
            .map(|r| PyTagClass(kubesight::TagClass::new(*r)))
            .ok_or_else(|| {
                error(
                    "invalid_input",
                    format!("`{rule}` is not a tag rule"),
                    &[("argument", "rule".to_owned())],
                )
            })
    }
}

/// Tags per piece of a batch: small enough that classifying starts soon
/// after the call does, large enough that a piece costs more than its hand-off.
const PIECE: usize = 1024;

/// The rules of the tags of `list`, or `None` when a piece does not give
/// back its tags line for line or holds an invalid tag.
///
/// Reading Python strings one by one costs a copy each; `"\n".join` reads a
/// piece of the list in one call, several times faster, but needs the GIL.
/// So this thread joins the pieces in turn while the pool's threads classify
/// the pieces joined so far, each taking the next piece when it is free;
/// once every piece is joined, this thread takes pieces too. The joining,
/// which only one thread may do, overlaps the classifying instead of
/// preceding it, and a pool thread that wakes late takes fewer pieces
/// rather than holding the others up.
fn classify_joined(
    py: Python<'_>,
    policy: &kubesight::TagPolicy,
    list: &Bound<'_, PyList>,
) -> PyResult<Option<Vec<kubesight::TagRule>>> {
    let count = list.len();
    let pieces = count.div_ceil(PIECE);
    let list = list.clone().unbind();
    let separator = PyString::new(py, "\n").unbind();
    let mut failed: Option<PyErr> = None;
    // With this thread, as many threads as the pool has, and one more than
    // this thread at least: the joining and the classifying overlap.
    let threads = rayon::current_num_threads().max(2);
    let results = py.detach(|| {
        policy.classify_pieces(pieces, threads, |piece| {
            if failed.is_some() {
                return None;
            }
            let start = piece * PIECE;
            let end = (start + PIECE).min(count);
            let joined = Python::attach(|py| -> PyResult<PyBackedStr> {
                let tags = list.bind(py).get_slice(start, end);
                separator
                    .bind(py)
                    .call_method1("join", (tags,))
                    .map_err(|_| {
                        error(
                            "invalid_input",
                            "tags: every tag must be a str",
                            &[("argument", "tags".to_owned())],
                        )
                    })?
                    .extract()
            });
            joined.map_err(|e| failed = Some(e)).ok()
        })
    });
    if let Some(e) = failed {
        return Err(e);
    }
    let mut rules = Vec::with_capacity(count);
    for (piece, result) in results.into_iter().enumerate() {
        let expected = PIECE.min(count - piece * PIECE);
        match result {
            Some(Ok(piece_rules)) if piece_rules.len() == expected => rules.extend(piece_rules),
            _ => return Ok(None),
        }
    }
    Ok(Some(rules))
}

/// Decides whether tags are mutable. Options are keyword-only.
///
/// >>> policy = TagPolicy(add_keywords=["edge"])
/// >>> policy.classify("edge-alpine").rule, policy.classify("1.25.3").mutability
/// ('keyword_variant', 'immutable')
/// >>> [c.rule for c in policy.classify_many(["latest", "3f2a9c1d"])]
/// ['keyword', 'commit']
#[pyclass(module = "kubesight", frozen, name = "TagPolicy")]
pub(crate) struct PyTagPolicy {
    pub(crate) policy: kubesight::TagPolicy,
    keywords_only: bool,
    /// One shared result object per rule: classifying many tags returns
    /// references to these, so a batch allocates nothing per tag.
    classes: Vec<Py<PyTagClass>>,
}

impl PyTagPolicy {
    fn build(py: Python<'_>, policy: kubesight::TagPolicy, keywords_only: bool) -> PyResult<Self> {
        let classes = kubesight::TagRule::ALL
            .iter()
            .map(|r| Py::new(py, PyTagClass(kubesight::TagClass::new(*r))))
            .collect::<PyResult<_>>()?;
        Ok(PyTagPolicy {
            policy,
            keywords_only,
            classes,
        })
    }

    fn shared(&self, py: Python<'_>, class: kubesight::TagClass) -> PyResult<Py<PyTagClass>> {
        match self.classes.get(class.rule().index()) {
            Some(shared) => Ok(shared.clone_ref(py)),
            None => Py::new(py, PyTagClass(class)),
        }
    }
}

#[pymethods]
impl PyTagPolicy {
    #[new]
    #[pyo3(signature = (*, add_keywords = Vec::new(), remove_keywords = Vec::new(), add_variants = Vec::new(), remove_variants = Vec::new()))]
    fn new(
        py: Python<'_>,
        add_keywords: Vec<String>,
        remove_keywords: Vec<String>,
        add_variants: Vec<String>,
        remove_variants: Vec<String>,
    ) -> PyResult<Self> {
        let changes = kubesight::WordChanges {
            add_keywords,
            remove_keywords,
            add_variants,
            remove_variants,
        };
        let policy = kubesight::TagPolicy::new()
            .with_changes(&changes)
            .map_err(raise)?;
        Self::build(py, policy, false)
    }

    /// Only the documented keywords make a tag mutable.
    #[staticmethod]
    fn keywords_only(py: Python<'_>) -> PyResult<Self> {
        Self::build(py, kubesight::TagPolicy::keywords_only(), true)
    }

    /// The channel keywords, sorted.
    #[getter]
    fn keywords(&self) -> Vec<String> {
        self.policy.keywords()
    }

    /// The variant words, sorted.
    #[getter]
    fn variants(&self) -> Vec<String> {
        self.policy.variants()
    }

    /// Classifies one tag; raises `KubesightError` for a tag that is not
    /// valid tag syntax.
    fn classify(&self, py: Python<'_>, tag: &str) -> PyResult<Py<PyTagClass>> {
        let class = self.policy.classify(tag).map_err(raise)?;
        self.shared(py, class)
    }

    /// Classifies many tags (any iterable of `str`) in one call, releasing
    /// the GIL while it works; the first invalid tag raises.
    fn classify_many<'py>(
        &self,
        py: Python<'py>,
        tags: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let list = match tags.cast::<PyList>() {
            Ok(list) => list.clone(),
            Err(_) => PyList::new(py, tags.try_iter()?.collect::<PyResult<Vec<_>>>()?)?,
        };
        // When the lines do not give back the tags (a tag holding a newline)
        // or a tag is invalid, the tags are read one by one, so the error
        // names the tag as given.
        let rules = classify_joined(py, &self.policy, &list)?;
        let rules = match rules {
            Some(rules) => rules,
            None => {
                let tags: Vec<String> = list.extract()?;
                py.detach(|| {
                    tags.iter()
                        .map(|t| self.policy.classify(t).map(|c| c.rule()))
                        .collect::<Result<Vec<_>, _>>()
                })
                .map_err(raise)?
            }
        };
        PyList::new(
            py,
            rules
                .into_iter()
                .map(|rule| match self.classes.get(rule.index()) {
                    Some(class) => class.bind(py).clone().into_any(),
                    None => py.None().into_bound(py),
                }),
        )
    }

    /// Classifies the tag of a reference (a digest-pinned or untagged
    /// reference has its own rule).
    fn classify_reference(
        &self,
        py: Python<'_>,
        reference: &PyImageRef,
    ) -> PyResult<Py<PyTagClass>> {
        self.shared(py, self.policy.classify_reference(&reference.0))
    }

    /// The policy's serde form (its keywords and variants).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        crate::convert::to_py(py, &self.policy)
    }

    /// The policy of a `to_dict()` form.
    #[staticmethod]
    fn from_dict(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let policy: kubesight::TagPolicy = crate::convert::from_py(data, "policy")?;
        let keywords_only = policy == kubesight::TagPolicy::keywords_only();
        Self::build(py, policy, keywords_only)
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let from = py.get_type::<PyTagPolicy>().getattr("from_dict")?;
        let data = slf.get().to_dict(py)?;
        Ok((from, PyTuple::new(py, [data])?))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyTagPolicy>()
            .is_ok_and(|o| o.get().policy == self.policy)
    }

    fn __repr__(&self) -> String {
        if self.keywords_only {
            "TagPolicy.keywords_only()".into()
        } else {
            format!(
                "TagPolicy(keywords={:?}, variants={:?})",
                self.keywords(),
                self.variants()
            )
        }
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyTagClass>()?;
    m.add_class::<PyTagPolicy>()?;
    Ok(())
}
