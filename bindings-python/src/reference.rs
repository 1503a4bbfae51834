//! Image references, runtime image ids and digests as Python classes.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::errors::raise;

/// How a value pickles: the function that rebuilds it and its argument.
type Reduced<'py> = PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)>;

/// The hash of a value's string form.
fn hash_of(text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// Pickles a value as `T.parse(text)`.
fn parse_again<T: pyo3::PyTypeInfo>(py: Python<'_>, text: String) -> Reduced<'_> {
    let parse = py.get_type::<T>().getattr("parse")?;
    Ok((parse, PyTuple::new(py, [text])?))
}

/// An image reference as written in a Pod spec, normalised
/// (`nginx:1.25` is `docker.io/library/nginx:1.25`).
///
/// >>> ref = ImageRef.parse("nginx:1.25")
/// >>> ref.domain, ref.path, ref.tag, ref.familiar()
/// ('docker.io', 'library/nginx', '1.25', 'nginx:1.25')
/// >>> ref == ImageRef.parse("docker.io/library/nginx:1.25")
/// True
#[pyclass(module = "kubesight", frozen, eq, name = "ImageRef")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyImageRef(pub(crate) kubesight::ImageRef);

#[pymethods]
impl PyImageRef {
    /// Parses a reference; raises `KubesightError` with the reason's code.
    #[staticmethod]
    fn parse(reference: &str) -> PyResult<Self> {
        kubesight::ImageRef::parse(reference)
            .map(PyImageRef)
            .map_err(raise)
    }

    /// Parses many references at once; the first bad one raises.
    #[staticmethod]
    fn parse_many(references: Vec<String>) -> PyResult<Vec<Self>> {
        references
            .iter()
            .map(|r| kubesight::ImageRef::parse(r).map(PyImageRef).map_err(raise))
            .collect()
    }

    /// The registry host (`docker.io`).
    #[getter]
    fn domain(&self) -> &str {
        self.0.domain()
    }

    /// The repository path (`library/nginx`).
    #[getter]
    fn path(&self) -> &str {
        self.0.path()
    }

    /// `domain/path`.
    #[getter]
    fn name(&self) -> &str {
        self.0.name()
    }

    /// The tag, if any.
    #[getter]
    fn tag(&self) -> Option<&str> {
        self.0.tag()
    }

    /// The digest, if any.
    #[getter]
    fn digest(&self) -> Option<&str> {
        self.0.digest().map(|d| d.as_str())
    }

    /// The short form users write (`nginx:1.25`).
    fn familiar(&self) -> String {
        self.0.familiar()
    }

    /// The fields, JSON-compatible.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        crate::convert::to_py(py, &self.0.parts())
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self) -> String {
        format!("ImageRef('{}')", self.0)
    }

    fn __hash__(&self) -> u64 {
        hash_of(&self.0.to_string())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> Reduced<'py> {
        parse_again::<Self>(slf.py(), slf.get().0.to_string())
    }
}

/// A runtime image id as a container runtime reports it.
///
/// >>> i = ImageId.parse("docker-pullable://nginx@sha256:" + "ab" * 32)
/// >>> i.kind, i.is_comparable()
/// ('repository_digest', True)
/// >>> ImageId.parse("sha256:" + "ab" * 32).kind
/// 'local_image_id'
#[pyclass(module = "kubesight", frozen, eq, name = "ImageId")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyImageId(kubesight::ImageId);

#[pymethods]
impl PyImageId {
    /// Parses an image id (`docker-pullable://nginx@sha256:…`, `sha256:…`).
    #[staticmethod]
    fn parse(image_id: &str) -> PyResult<Self> {
        kubesight::ImageId::parse(image_id)
            .map(PyImageId)
            .map_err(raise)
    }

    /// Its digest.
    #[getter]
    fn digest(&self) -> &str {
        self.0.digest().as_str()
    }

    /// `repository_digest` or `local_image_id`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind().code()
    }

    /// The repository, for a repository digest.
    #[getter]
    fn repository(&self) -> Option<String> {
        self.0.repository().map(ToString::to_string)
    }

    /// Whether it can be compared with a registry's digest.
    fn is_comparable(&self) -> bool {
        self.0.is_comparable()
    }

    /// The fields, JSON-compatible.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        crate::convert::to_py(py, &self.0.parts())
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self) -> String {
        format!("ImageId('{}')", self.0)
    }

    fn __hash__(&self) -> u64 {
        hash_of(&self.0.to_string())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> Reduced<'py> {
        parse_again::<Self>(slf.py(), slf.get().0.to_string())
    }
}

/// Parses a content digest (`sha256:<64 hex>`), returning its canonical
/// string.
#[pyfunction]
fn parse_digest(digest: &str) -> PyResult<String> {
    digest
        .parse::<kubesight::Digest>()
        .map(|d| d.as_str().to_owned())
        .map_err(raise)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyImageRef>()?;
    m.add_class::<PyImageId>()?;
    m.add_function(wrap_pyfunction!(parse_digest, m)?)?;
    Ok(())
}
