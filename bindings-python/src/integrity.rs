//! The integrity assessment.

use chrono::{DateTime, Utc};
use pyo3::prelude::*;

use crate::convert::{from_py, to_py};
use crate::errors::{error, raise};
use crate::tags::PyTagPolicy;

pub(crate) fn instant(text: &str, what: &str) -> PyResult<DateTime<Utc>> {
    text.parse().map_err(|e: chrono::ParseError| {
        error(
            "invalid_input",
            format!("{what}: `{text}` is not an RFC 3339 instant ({e})"),
            &[("argument", what.to_owned())],
        )
    })
}

/// Decides the integrity status of running containers. `trusted_registries`
/// are registry patterns (`registry.acme.io`, `*.jfrog.io`,
/// `ghcr.io/acme/`); an empty list trusts nothing.
#[pyclass(module = "kubesight", frozen, name = "IntegrityPolicy")]
pub(crate) struct PyIntegrityPolicy {
    policy: kubesight::integrity::IntegrityPolicy,
    trusted: Vec<String>,
}

#[pymethods]
impl PyIntegrityPolicy {
    #[new]
    #[pyo3(signature = (trusted_registries, *, tag_policy = None))]
    fn new(trusted_registries: Vec<String>, tag_policy: Option<&PyTagPolicy>) -> PyResult<Self> {
        let trusted =
            kubesight::integrity::TrustedRegistries::new(&trusted_registries).map_err(raise)?;
        let mut policy = kubesight::integrity::IntegrityPolicy::new(trusted);
        if let Some(tags) = tag_policy {
            policy = policy.with_tag_policy(tags.policy.clone());
        }
        Ok(PyIntegrityPolicy {
            policy,
            trusted: trusted_registries,
        })
    }

    /// The trusted registry patterns.
    #[getter]
    fn trusted_registries(&self) -> Vec<String> {
        self.trusted.clone()
    }

    /// Assesses one container's facts (the serde form of `IntegrityFacts`)
    /// as observed at `observed_at` (RFC 3339).
    fn assess(
        &self,
        py: Python<'_>,
        facts: &Bound<'_, PyAny>,
        observed_at: &str,
    ) -> PyResult<Py<PyAny>> {
        let facts: kubesight::integrity::IntegrityFacts = from_py(facts, "facts")?;
        let at = instant(observed_at, "observed_at")?;
        to_py(py, &self.policy.assess(&facts, at))
    }

    /// Assesses many containers in one call, releasing the GIL while it
    /// works.
    fn assess_many(
        &self,
        py: Python<'_>,
        facts: &Bound<'_, PyAny>,
        observed_at: &str,
    ) -> PyResult<Py<PyAny>> {
        let facts: Vec<kubesight::integrity::IntegrityFacts> = from_py(facts, "facts")?;
        let at = instant(observed_at, "observed_at")?;
        let assessments: Vec<_> =
            py.detach(|| facts.iter().map(|f| self.policy.assess(f, at)).collect());
        to_py(py, &assessments)
    }

    fn __repr__(&self) -> String {
        format!("IntegrityPolicy({:?})", self.trusted)
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyIntegrityPolicy>()?;
    Ok(())
}
