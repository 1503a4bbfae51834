//! Columnar input: Arrow IPC bytes (what `tableToIPC(table)` of the
//! `apache-arrow` package returns) for the funnel and the vulnerability
//! table, on the main thread or a worker thread; the column names both
//! they and the trend (`trend_arrow`) read.

use std::collections::{BTreeMap, HashMap};

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::casing::snake;
use crate::convert::{from_js, json_value};
use crate::error::{raise, throwing, Coded};
use crate::table::{table_options, VulnerabilityTable};
use crate::task::{CodedTask, JsonTask, Outcome};
use kubesight::enrichment::Enrichment;
use kubesight::finding::RunningImage;
use kubesight::funnel::RuntimeValidation;
use kubesight::table::VulnerabilityTable as CoreTable;
use kubesight_columnar::{
    running_images, ColumnarError, FindingColumns, FunnelReader, IpcBatches, RunningColumns,
    TableReader,
};

/// Running images given to a columnar call: objects, or Arrow IPC bytes
/// (read on the thread that computes).
enum Running {
    Read(Vec<RunningImage>),
    Ipc(Vec<u8>),
}

impl Running {
    fn of(env: &Env, value: Either<Uint8Array, Unknown<'_>>) -> Coded<Running> {
        match value {
            Either::A(bytes) => Ok(Running::Ipc(bytes.to_vec())),
            Either::B(value) => Ok(Running::Read(from_js(env, value, "runningImages")?)),
        }
    }

    fn images(
        self,
        columns: &RunningColumns,
    ) -> std::result::Result<Vec<RunningImage>, ColumnarError> {
        match self {
            Running::Read(images) => Ok(images),
            Running::Ipc(bytes) => {
                let batches =
                    IpcBatches::of(&bytes)?.collect::<std::result::Result<Vec<_>, _>>()?;
                running_images(&batches, columns)
            }
        }
    }
}

/// The column names of findings and of running images, by their fields'
/// JavaScript names (`packageName`).
pub(crate) fn renamed_columns(
    columns: Option<HashMap<String, String>>,
    running_columns: Option<HashMap<String, String>>,
) -> Coded<(FindingColumns, RunningColumns)> {
    // Sorted, so that an error names the same field whatever the object's
    // order.
    let pairs = |names: Option<HashMap<String, String>>| -> Vec<(String, String)> {
        let names: BTreeMap<String, String> = names
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| (snake(&k), v))
            .collect();
        names.into_iter().collect()
    };
    let (columns, running_columns) = (pairs(columns), pairs(running_columns));
    let columns = FindingColumns::renamed(columns.iter().map(|(a, b)| (a.as_str(), b.as_str())))
        .map_err(raise)?;
    let running_columns = RunningColumns::renamed(
        running_columns
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str())),
    )
    .map_err(raise)?;
    Ok((columns, running_columns))
}

/// An options object's map of field names to column names at `key`.
pub(crate) fn column_names(
    options: &Object<'_>,
    key: &str,
) -> Coded<Option<HashMap<String, String>>> {
    options.get(key).map_err(|e| {
        crate::error::error(
            "invalid_input",
            format!(
                "options: `{key}` maps field names to column names: {}",
                e.reason
            ),
            &[("argument", "options")],
        )
    })
}

/// What a columnar call was given, ready for any thread.
struct Given {
    running: Running,
    findings: Vec<u8>,
    columns: FindingColumns,
    running_columns: RunningColumns,
}

impl Given {
    fn of(
        env: &Env,
        running: Either<Uint8Array, Unknown<'_>>,
        findings: &Uint8Array,
        columns: Option<HashMap<String, String>>,
        running_columns: Option<HashMap<String, String>>,
    ) -> Coded<Given> {
        let (columns, running_columns) = renamed_columns(columns, running_columns)?;
        Ok(Given {
            running: Running::of(env, running)?,
            findings: findings.to_vec(),
            columns,
            running_columns,
        })
    }

    /// From a table's options object.
    fn of_object(
        env: &Env,
        running: Either<Uint8Array, Unknown<'_>>,
        findings: &Uint8Array,
        options: &Object<'_>,
    ) -> Coded<Given> {
        Given::of(
            env,
            running,
            findings,
            column_names(options, "columns")?,
            column_names(options, "runningColumns")?,
        )
    }

    fn funnel(self, validation: RuntimeValidation) -> Coded<serde_json::Value> {
        let running = self.running.images(&self.running_columns).map_err(raise)?;
        let mut reader = FunnelReader::new(&running, self.columns);
        IpcBatches::of(&self.findings)
            .and_then(|batches| batches.for_each_batch(|b| reader.add(b)))
            .map_err(raise)?;
        json_value(&reader.finish(validation))
    }

    fn table(
        self,
        validation: RuntimeValidation,
        enrichment: Option<&Enrichment>,
    ) -> Coded<CoreTable> {
        let running = self.running.images(&self.running_columns).map_err(raise)?;
        let mut reader = TableReader::new(&running, self.columns);
        IpcBatches::of(&self.findings)
            .and_then(|batches| batches.for_each_batch(|b| reader.add(b)))
            .map_err(raise)?;
        Ok(reader.finish(validation, enrichment))
    }
}

/// The options of the columnar funnel.
#[napi(object)]
pub struct ArrowOptions {
    /// Whether runtime sensors are installed (the installation status is
    /// `full`): without them the last stage is absent, not zero.
    pub runtime_validation: bool,
    /// The data's column names by field (`{ vulnerability: 'cve' }`); a
    /// field not named here is read from the column of its own name.
    pub columns: Option<HashMap<String, String>>,
    /// The same for running images given as Arrow IPC bytes.
    pub running_columns: Option<HashMap<String, String>>,
}

/// The funnel over findings given as Arrow IPC bytes (the stream format,
/// `tableToIPC(table)`'s default, or the file format), read column by
/// column without an object per row. `options.columns` maps the fields to
/// the data's column names (`{ vulnerability: 'cve' }`), and
/// `options.runningColumns` those of running images given as IPC bytes.
#[napi(
    ts_args_type = "runningImages: RunningImageInput[] | Uint8Array, findings: Uint8Array, options: ArrowOptions",
    ts_return_type = "FunnelResult"
)]
pub fn compute_funnel_arrow(
    env: Env,
    running_images: Either<Uint8Array, Unknown<'_>>,
    findings: Uint8Array,
    options: ArrowOptions,
) -> Result<serde_json::Value> {
    throwing(&env, || {
        let validation = RuntimeValidation::available_if(options.runtime_validation);
        Given::of(
            &env,
            running_images,
            &findings,
            options.columns,
            options.running_columns,
        )?
        .funnel(validation)
    })
}

/// `computeFunnelArrow` on a worker thread (the bytes are copied first).
#[napi(
    ts_args_type = "runningImages: RunningImageInput[] | Uint8Array, findings: Uint8Array, options: ArrowOptions",
    ts_return_type = "Promise<FunnelResult>"
)]
pub fn compute_funnel_arrow_async(
    env: Env,
    running_images: Either<Uint8Array, Unknown<'_>>,
    findings: Uint8Array,
    options: ArrowOptions,
) -> Result<AsyncTask<JsonTask>> {
    throwing(&env, || {
        let validation = RuntimeValidation::available_if(options.runtime_validation);
        let given = Given::of(
            &env,
            running_images,
            &findings,
            options.columns,
            options.running_columns,
        )?;
        Ok(JsonTask::new(move || given.funnel(validation)))
    })
}

/// The vulnerability table over findings given as Arrow IPC bytes; the
/// options of `vulnerabilityTable` and `computeFunnelArrow`'s column
/// names.
#[napi(
    ts_args_type = "runningImages: RunningImageInput[] | Uint8Array, findings: Uint8Array, options: ArrowOptions & { enrichment?: Enrichment | EnrichmentDataInput }"
)]
pub fn vulnerability_table_arrow(
    env: Env,
    running_images: Either<Uint8Array, Unknown<'_>>,
    findings: Uint8Array,
    options: Object<'_>,
) -> Result<VulnerabilityTable> {
    throwing(&env, || {
        let (validation, enrichment) = table_options(&env, &options)?;
        let given = Given::of_object(&env, running_images, &findings, &options)?;
        Ok(VulnerabilityTable::of(
            given.table(validation, enrichment.as_ref())?,
        ))
    })
}

/// `vulnerabilityTableArrow` on a worker thread.
#[napi(
    ts_args_type = "runningImages: RunningImageInput[] | Uint8Array, findings: Uint8Array, options: ArrowOptions & { enrichment?: Enrichment | EnrichmentDataInput }",
    ts_return_type = "Promise<VulnerabilityTable>"
)]
pub fn vulnerability_table_arrow_async(
    env: Env,
    running_images: Either<Uint8Array, Unknown<'_>>,
    findings: Uint8Array,
    options: Object<'_>,
) -> Result<AsyncTask<CodedTask<CoreTable>>> {
    throwing(&env, || {
        let (validation, enrichment) = table_options(&env, &options)?;
        let given = Given::of_object(&env, running_images, &findings, &options)?;
        Ok(CodedTask::new(move || {
            given.table(validation, enrichment.as_ref())
        }))
    })
}

impl Outcome for CoreTable {
    type Js = VulnerabilityTable;

    fn into_js(self) -> VulnerabilityTable {
        VulnerabilityTable::of(self)
    }
}
