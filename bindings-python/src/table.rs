//! The vulnerability table, the images view, the explained change and the
//! enrichment they read: native objects that hold the core's values, so a
//! table built once is queried many times without crossing again.

use pyo3::prelude::*;

use crate::arrow::PyArrowTable;
use crate::columnar::{self, occurrences_of, running_of};
use crate::convert::{from_py, to_py};
use crate::errors::raise;
use kubesight::change::EnvironmentState;
use kubesight::enrichment::Enrichment;
use kubesight::funnel::{IncreaseThreshold, RuntimeValidation};
use kubesight::images::{ImagesQuery, ImagesView};
use kubesight::ingest::{EnrichmentRead, IngestWarning};
use kubesight::integrity::IntegrityAssessment;
use kubesight::table::{TableQuery, VulnerabilityTable};
use kubesight_columnar::{images_batch, table_batch, ImagesReader, TableReader};

/// EPSS scores and KEV entries by CVE id, with the warnings of the
/// readers that read them.
#[pyclass(module = "kubesight._native", frozen, name = "Enrichment")]
pub(crate) struct PyEnrichment {
    inner: Enrichment,
    warnings: Vec<IngestWarning>,
}

impl PyEnrichment {
    fn of(read: EnrichmentRead) -> Self {
        PyEnrichment {
            inner: read.enrichment,
            warnings: read.warnings,
        }
    }
}

#[pymethods]
impl PyEnrichment {
    /// An enrichment from its serde form (`{"epss": {...}, "kev": {...}}`);
    /// empty without one.
    #[new]
    #[pyo3(signature = (data = None))]
    fn new(data: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let inner = match data {
            Some(d) => from_py(d, "data")?,
            None => Enrichment::default(),
        };
        Ok(PyEnrichment {
            inner,
            warnings: Vec::new(),
        })
    }

    /// The EPSS score of `id` (any case), or `None`.
    fn epss(&self, py: Python<'_>, id: &str) -> PyResult<Option<Py<PyAny>>> {
        self.inner.epss_of(id).map(|e| to_py(py, e)).transpose()
    }

    /// The KEV entry of `id` (any case), or `None`.
    fn kev(&self, py: Python<'_>, id: &str) -> PyResult<Option<Py<PyAny>>> {
        self.inner.kev_of(id).map(|e| to_py(py, e)).transpose()
    }

    /// This enrichment with `other`'s added (see the core's merge rules);
    /// the warnings of both.
    fn merged(&self, other: &PyEnrichment) -> PyEnrichment {
        let mut inner = self.inner.clone();
        inner.merge(other.inner.clone());
        let mut warnings = self.warnings.clone();
        warnings.extend(other.warnings.iter().cloned());
        PyEnrichment { inner, warnings }
    }

    /// What the readers skipped, and why.
    #[getter]
    fn warnings(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py(py, &self.warnings)
    }

    /// How many CVE ids have an EPSS score.
    #[getter]
    fn epss_count(&self) -> usize {
        self.inner.epss.len()
    }

    /// How many CVE ids the KEV catalog lists.
    #[getter]
    fn kev_count(&self) -> usize {
        self.inner.kev.len()
    }

    /// The versions and dates of the documents read.
    #[getter]
    fn versions(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let e = &self.inner;
        to_py(
            py,
            &serde_json::json!({
                "epss_model_version": e.epss_model_version,
                "epss_score_date": e.epss_score_date,
                "kev_catalog_version": e.kev_catalog_version,
                "kev_date_released": e.kev_date_released,
            }),
        )
    }

    /// The serde form (every score and entry).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py(py, &self.inner)
    }
}

/// The enrichment argument: an `Enrichment`, its serde form, or `None`.
fn enrichment_of(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Enrichment>> {
    match value {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => match v.cast::<PyEnrichment>() {
            Ok(e) => Ok(Some(e.get().inner.clone())),
            Err(_) => from_py(v, "enrichment").map(Some),
        },
    }
}

/// Reads FIRST's EPSS CSV (decompressed).
#[pyfunction]
fn epss(py: Python<'_>, document: &str) -> PyResult<PyEnrichment> {
    let read = py
        .detach(|| kubesight::ingest::epss(document))
        .map_err(raise)?;
    Ok(PyEnrichment::of(read))
}

/// Reads CISA's Known Exploited Vulnerabilities catalog JSON.
#[pyfunction]
fn kev(py: Python<'_>, document: &str) -> PyResult<PyEnrichment> {
    let read = py
        .detach(|| kubesight::ingest::kev(document))
        .map_err(raise)?;
    Ok(PyEnrichment::of(read))
}

/// The vulnerability table, built once.
#[pyclass(module = "kubesight._native", frozen, name = "VulnerabilityTable")]
pub(crate) struct PyVulnerabilityTable {
    inner: VulnerabilityTable,
}

#[pymethods]
impl PyVulnerabilityTable {
    /// The rows a query (the serde form of `TableQuery`) keeps, as a page.
    fn query(&self, py: Python<'_>, query: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let query: TableQuery = from_py(query, "query")?;
        let page = py.detach(|| self.inner.query(&query));
        to_py(py, &page)
    }

    /// Every row, in id order.
    fn rows(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let rows = py.detach(|| self.inner.rows());
        to_py(py, &rows)
    }

    /// The rows a query keeps (its page: offset and limit hold), in its
    /// order, as Arrow; every image of each row with `all_images`.
    fn to_arrow(
        &self,
        py: Python<'_>,
        query: &Bound<'_, PyAny>,
        all_images: bool,
    ) -> PyResult<PyArrowTable> {
        let mut query: TableQuery = from_py(query, "query")?;
        if all_images {
            query.images_per_row = usize::MAX;
        }
        let made = py.detach(|| table_batch(&self.inner.query(&query).rows));
        PyArrowTable::of(made, "vulnerability table")
    }

    /// The malicious packages on running images.
    fn malicious_packages(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py(py, &self.inner.malicious_packages())
    }

    /// How many rows reached each stage shown: `[(stage, count)]`.
    fn stage_counts(&self) -> Vec<(&'static str, u64)> {
        self.inner
            .stage_counts()
            .into_iter()
            .map(|(s, n)| (s.code(), n))
            .collect()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }
}

/// Builds the vulnerability table (the GIL is released while it is built).
#[pyfunction]
#[pyo3(signature = (running_images, findings, *, runtime_validation, enrichment = None, columns = None, running_columns = None))]
fn vulnerability_table(
    py: Python<'_>,
    running_images: &Bound<'_, PyAny>,
    findings: &Bound<'_, PyAny>,
    runtime_validation: bool,
    enrichment: Option<&Bound<'_, PyAny>>,
    columns: Option<&Bound<'_, PyAny>>,
    running_columns: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyVulnerabilityTable> {
    let running = running_of(
        py,
        running_images,
        &columnar::running_columns(running_columns)?,
    )?;
    let columns = columnar::finding_columns(columns)?;
    let enrichment = enrichment_of(enrichment)?;
    let validation = RuntimeValidation::available_if(runtime_validation);
    let reader = TableReader::new(&running, columns.clone());
    let inner = match columnar::read_into(py, findings, &columns, reader, TableReader::add)? {
        Some(reader) => py.detach(|| reader.finish(validation, enrichment.as_ref())),
        None => {
            let occurrences = occurrences_of(py, findings, &columns)?;
            py.detach(|| {
                VulnerabilityTable::build(&running, &occurrences, validation, enrichment.as_ref())
            })
        }
    };
    Ok(PyVulnerabilityTable { inner })
}

/// The images view, built once.
#[pyclass(module = "kubesight._native", frozen, name = "ImagesView")]
pub(crate) struct PyImagesView {
    inner: ImagesView,
}

#[pymethods]
impl PyImagesView {
    /// The rows a query (the serde form of `ImagesQuery`) keeps, as a page.
    fn query(&self, py: Python<'_>, query: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let query: ImagesQuery = from_py(query, "query")?;
        to_py(py, &self.inner.query(&query))
    }

    /// Every row, in digest order.
    fn rows(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py(py, &self.inner.rows)
    }

    /// The rows a query keeps (its page), in its order, as Arrow.
    fn to_arrow(&self, py: Python<'_>, query: &Bound<'_, PyAny>) -> PyResult<PyArrowTable> {
        let query: ImagesQuery = from_py(query, "query")?;
        let made = py.detach(|| images_batch(&self.inner.query(&query).rows));
        PyArrowTable::of(made, "images view")
    }

    fn __len__(&self) -> usize {
        self.inner.rows.len()
    }
}

/// Builds the images view.
#[pyfunction]
#[pyo3(signature = (running_images, findings, *, integrity = None, columns = None, running_columns = None))]
fn images_view(
    py: Python<'_>,
    running_images: &Bound<'_, PyAny>,
    findings: &Bound<'_, PyAny>,
    integrity: Option<&Bound<'_, PyAny>>,
    columns: Option<&Bound<'_, PyAny>>,
    running_columns: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyImagesView> {
    let running = running_of(
        py,
        running_images,
        &columnar::running_columns(running_columns)?,
    )?;
    let columns = columnar::finding_columns(columns)?;
    let integrity: Vec<IntegrityAssessment> = match integrity {
        Some(i) if !i.is_none() => from_py(i, "integrity")?,
        _ => Vec::new(),
    };
    let reader = ImagesReader::new(&running, columns.clone());
    let inner = match columnar::read_into(py, findings, &columns, reader, ImagesReader::add)? {
        Some(reader) => py.detach(|| reader.finish(&integrity)),
        None => {
            let occurrences = occurrences_of(py, findings, &columns)?;
            py.detach(|| ImagesView::build(&running, &occurrences, &integrity))
        }
    };
    Ok(PyImagesView { inner })
}

/// The change between two states, explained.
#[pyfunction]
#[pyo3(signature = (before, after, *, threshold = None))]
fn explain_change(
    py: Python<'_>,
    before: &Bound<'_, PyAny>,
    after: &Bound<'_, PyAny>,
    threshold: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let before: EnvironmentState = from_py(before, "before")?;
    let after: EnvironmentState = from_py(after, "after")?;
    let threshold: IncreaseThreshold = match threshold {
        Some(t) if !t.is_none() => from_py(t, "threshold")?,
        _ => IncreaseThreshold::default(),
    };
    let explained = py.detach(|| kubesight::change::explain_change(&before, &after, threshold));
    to_py(py, &explained)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEnrichment>()?;
    m.add_class::<PyVulnerabilityTable>()?;
    m.add_class::<PyImagesView>()?;
    m.add_class::<PyArrowTable>()?;
    m.add_function(wrap_pyfunction!(epss, m)?)?;
    m.add_function(wrap_pyfunction!(kev, m)?)?;
    m.add_function(wrap_pyfunction!(vulnerability_table, m)?)?;
    m.add_function(wrap_pyfunction!(images_view, m)?)?;
    m.add_function(wrap_pyfunction!(explain_change, m)?)?;
    Ok(())
}
