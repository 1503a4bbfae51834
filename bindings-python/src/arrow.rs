//! Table-shaped results handed to Python as Arrow: an object that exports
//! the Arrow PyCapsule stream interface, so `pyarrow.table(t)`,
//! `polars.DataFrame(t)` and `duckdb.arrow(t)` take it without copying and
//! without pyarrow being installed for kubesight's sake.

use std::sync::Arc;

use kubesight_columnar::arrow_array::{ArrayRef, RecordBatch, StructArray};
use kubesight_columnar::ColumnarError;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use pyo3_arrow::ffi::{to_schema_pycapsule, to_stream_pycapsule, ArrayIterator};

use crate::errors::raise;

/// A result as one Arrow record batch.
#[pyclass(module = "kubesight._native", frozen, name = "ArrowTable")]
pub(crate) struct PyArrowTable {
    batch: RecordBatch,
    kind: &'static str,
}

impl PyArrowTable {
    /// The batch `made` (or its error), named `kind` in its repr.
    pub(crate) fn of(
        made: Result<RecordBatch, ColumnarError>,
        kind: &'static str,
    ) -> PyResult<PyArrowTable> {
        Ok(PyArrowTable {
            batch: made.map_err(raise)?,
            kind,
        })
    }
}

#[pymethods]
impl PyArrowTable {
    /// The schema, as an Arrow PyCapsule.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        Ok(to_schema_pycapsule(py, self.batch.schema_ref().as_ref())?)
    }

    /// The rows as an Arrow C stream of one batch (cast to
    /// `requested_schema` when one is asked for and the cast is possible).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let schema = self.batch.schema();
        let field = Arc::new(
            kubesight_columnar::arrow_schema::Field::new_struct("", schema.fields().clone(), false)
                .with_metadata(schema.metadata().clone()),
        );
        let array: ArrayRef = Arc::new(StructArray::from(self.batch.clone()));
        let reader = ArrayIterator::new(std::iter::once(Ok(array)), field);
        Ok(to_stream_pycapsule(py, Box::new(reader), requested_schema)?)
    }

    /// The column names, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.batch
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect()
    }

    /// How many rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.batch.num_rows()
    }

    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }

    fn __repr__(&self) -> String {
        format!(
            "ArrowTable({}: {} rows, {} columns)",
            self.kind,
            self.batch.num_rows(),
            self.batch.num_columns()
        )
    }
}
