//! The vulnerability table, the images view, the explained change and the
//! enrichment they read: classes that hold the core's values, so a table
//! built once is queried many times without crossing again.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::convert::{from_js, json_value, text};
use crate::error::{raise, throwing, Coded, OrThrow};
use kubesight::change::EnvironmentState;
use kubesight::finding::{Occurrence, RunningImage};
use kubesight::funnel::{IncreaseThreshold, RuntimeValidation};
use kubesight::images::{ImagesQuery, ImagesView as CoreImagesView};
use kubesight::ingest::{EnrichmentRead, IngestWarning};
use kubesight::integrity::IntegrityAssessment;
use kubesight::table::{TableQuery, VulnerabilityTable as CoreTable};

/// EPSS scores and KEV entries by CVE id, with the warnings of the readers
/// that read them.
#[napi]
pub struct Enrichment {
    inner: kubesight::enrichment::Enrichment,
    warnings: Vec<IngestWarning>,
}

impl Enrichment {
    fn of(read: EnrichmentRead) -> Self {
        Enrichment {
            inner: read.enrichment,
            warnings: read.warnings,
        }
    }
}

#[napi]
impl Enrichment {
    /// An enrichment from its `toJSON()` form; empty without one.
    #[napi(constructor, ts_args_type = "data?: EnrichmentDataInput")]
    pub fn new(env: Env, data: Option<Unknown<'_>>) -> Result<Self> {
        throwing(&env, || {
            let inner = match data {
                Some(d) => from_js(&env, d, "data")?,
                None => kubesight::enrichment::Enrichment::default(),
            };
            Ok(Enrichment {
                inner,
                warnings: Vec::new(),
            })
        })
    }

    /// The EPSS score of `id` (any case), or `null`: absent, not zero.
    #[napi(ts_return_type = "Epss | null")]
    pub fn epss(&self, env: Env, id: String) -> Result<Value> {
        match self.inner.epss_of(&id) {
            Some(e) => json_value(e).or_throw(&env),
            None => Ok(Value::Null),
        }
    }

    /// The KEV entry of `id` (any case), or `null`.
    #[napi(ts_return_type = "KevEntry | null")]
    pub fn kev(&self, env: Env, id: String) -> Result<Value> {
        match self.inner.kev_of(&id) {
            Some(e) => json_value(e).or_throw(&env),
            None => Ok(Value::Null),
        }
    }

    /// This enrichment with `other`'s added: for an id scored in both, the
    /// later day's score; catalog entries fill each other's missing fields.
    #[napi]
    pub fn merged(&self, other: &Enrichment) -> Enrichment {
        let mut inner = self.inner.clone();
        inner.merge(other.inner.clone());
        let mut warnings = self.warnings.clone();
        warnings.extend(other.warnings.iter().cloned());
        Enrichment { inner, warnings }
    }

    /// What the readers skipped, and why.
    #[napi(getter, ts_return_type = "IngestWarning[]")]
    pub fn warnings(&self, env: Env) -> Result<Value> {
        json_value(&self.warnings).or_throw(&env)
    }

    /// How many CVE ids have an EPSS score.
    #[napi(getter)]
    pub fn epss_count(&self) -> u32 {
        u32::try_from(self.inner.epss.len()).unwrap_or(u32::MAX)
    }

    /// How many CVE ids the KEV catalog lists.
    #[napi(getter)]
    pub fn kev_count(&self) -> u32 {
        u32::try_from(self.inner.kev.len()).unwrap_or(u32::MAX)
    }

    /// Every score and entry, as `new Enrichment(...)` reads it back.
    #[napi(js_name = "toJSON", ts_return_type = "EnrichmentData")]
    pub fn to_json(&self, env: Env) -> Result<Value> {
        json_value(&self.inner).or_throw(&env)
    }
}

/// Reads FIRST's daily EPSS CSV (decompressed).
#[napi(ts_args_type = "document: string | Buffer")]
pub fn read_epss(env: Env, document: Either<String, Buffer>) -> Result<Enrichment> {
    throwing(&env, || {
        kubesight::ingest::epss(text(&document, "document")?)
            .map(Enrichment::of)
            .map_err(raise)
    })
}

/// Reads CISA's Known Exploited Vulnerabilities catalog JSON.
#[napi(ts_args_type = "document: string | Buffer")]
pub fn read_kev(env: Env, document: Either<String, Buffer>) -> Result<Enrichment> {
    throwing(&env, || {
        kubesight::ingest::kev(text(&document, "document")?)
            .map(Enrichment::of)
            .map_err(raise)
    })
}

/// The vulnerability table: one row per distinct vulnerability on scanned
/// running images, built with the funnel's rules.
#[napi]
pub struct VulnerabilityTable {
    inner: CoreTable,
}

#[napi]
impl VulnerabilityTable {
    /// The rows the query keeps (every filter holds), sorted (priority first
    /// by default) and paged.
    #[napi(ts_args_type = "query?: TableQueryInput", ts_return_type = "TablePage")]
    pub fn query(&self, env: Env, query: Option<Unknown<'_>>) -> Result<Value> {
        throwing(&env, || {
            let query: TableQuery = match query {
                Some(q) => from_js(&env, q, "query")?,
                None => TableQuery::default(),
            };
            json_value(&self.inner.query(&query))
        })
    }

    /// Every row, in id order.
    #[napi(ts_return_type = "VulnerabilityRow[]")]
    pub fn rows(&self, env: Env) -> Result<Value> {
        json_value(&self.inner.rows()).or_throw(&env)
    }

    /// The malicious packages on running images: never vulnerability rows.
    #[napi(ts_return_type = "MaliciousPackageRow[]")]
    pub fn malicious_packages(&self, env: Env) -> Result<Value> {
        json_value(&self.inner.malicious_packages()).or_throw(&env)
    }

    /// How many rows reached each stage shown, by stage code.
    #[napi(ts_return_type = "Partial<Record<Stage, number>>")]
    pub fn stage_counts(&self) -> Value {
        Value::Object(
            self.inner
                .stage_counts()
                .into_iter()
                .map(|(s, n)| (s.code().to_owned(), Value::from(n)))
                .collect(),
        )
    }

    /// How many rows it has.
    #[napi(getter)]
    pub fn length(&self) -> u32 {
        u32::try_from(self.inner.len()).unwrap_or(u32::MAX)
    }
}

/// Builds the vulnerability table of the findings on the running images.
#[napi(
    ts_args_type = "runningImages: RunningImageInput[], findings: OccurrenceInput[], options: { runtimeValidation: boolean, enrichment?: Enrichment | EnrichmentDataInput }"
)]
pub fn vulnerability_table(
    env: Env,
    running_images: Unknown<'_>,
    findings: Unknown<'_>,
    options: Object<'_>,
) -> Result<VulnerabilityTable> {
    throwing(&env, || {
        let running: Vec<RunningImage> = from_js(&env, running_images, "runningImages")?;
        let findings: Vec<Occurrence> = from_js(&env, findings, "findings")?;
        let (validation, enrichment) = table_options(&env, &options)?;
        Ok(VulnerabilityTable {
            inner: CoreTable::build(&running, &findings, validation, enrichment.as_ref()),
        })
    })
}

/// The table's options: `runtimeValidation` (required) and `enrichment`
/// (an `Enrichment` or its data).
pub(crate) fn table_options(
    env: &Env,
    options: &Object<'_>,
) -> Coded<(RuntimeValidation, Option<kubesight::enrichment::Enrichment>)> {
    let validation: Option<bool> = options
        .get("runtimeValidation")
        .map_err(crate::error::engine)?;
    let validation = RuntimeValidation::available_if(validation.ok_or_else(|| {
        crate::error::error(
            "invalid_input",
            "options: `runtimeValidation` (a boolean) is required",
            &[("argument", "options")],
        )
    })?);
    let given: Option<Unknown<'_>> = options.get("enrichment").map_err(crate::error::engine)?;
    let enrichment = match given {
        None => None,
        Some(value) => match value.get_type().map_err(crate::error::engine)? {
            ValueType::Undefined | ValueType::Null => None,
            _ => {
                // An Enrichment instance, or its data.
                match ClassInstance::<Enrichment>::from_unknown(value) {
                    Ok(e) => Some(e.inner.clone()),
                    Err(_) => Some(from_js(env, value, "enrichment")?),
                }
            }
        },
    };
    Ok((validation, enrichment))
}

impl VulnerabilityTable {
    /// The class around a built table.
    pub(crate) fn of(inner: CoreTable) -> VulnerabilityTable {
        VulnerabilityTable { inner }
    }
}

/// The images view: one row per running image, by digest.
#[napi]
pub struct ImagesView {
    inner: CoreImagesView,
}

#[napi]
impl ImagesView {
    /// The images the query keeps, riskiest first by default, paged.
    #[napi(
        ts_args_type = "query?: ImagesQueryInput",
        ts_return_type = "ImagesPage"
    )]
    pub fn query(&self, env: Env, query: Option<Unknown<'_>>) -> Result<Value> {
        throwing(&env, || {
            let query: ImagesQuery = match query {
                Some(q) => from_js(&env, q, "query")?,
                None => ImagesQuery::default(),
            };
            json_value(&self.inner.query(&query))
        })
    }

    /// Every row, in digest order.
    #[napi(ts_return_type = "ImageRow[]")]
    pub fn rows(&self, env: Env) -> Result<Value> {
        json_value(&self.inner.rows).or_throw(&env)
    }

    /// How many images it has.
    #[napi(getter)]
    pub fn length(&self) -> u32 {
        u32::try_from(self.inner.rows.len()).unwrap_or(u32::MAX)
    }
}

/// Builds the images view; `integrity` takes `IntegrityPolicy.assess`
/// results (tied to images by their `imageDigest`).
#[napi(
    ts_args_type = "runningImages: RunningImageInput[], findings: OccurrenceInput[], integrity?: IntegrityAssessmentInput[]"
)]
pub fn images_view(
    env: Env,
    running_images: Unknown<'_>,
    findings: Unknown<'_>,
    integrity: Option<Unknown<'_>>,
) -> Result<ImagesView> {
    throwing(&env, || {
        let running: Vec<RunningImage> = from_js(&env, running_images, "runningImages")?;
        let findings: Vec<Occurrence> = from_js(&env, findings, "findings")?;
        let integrity: Vec<IntegrityAssessment> = match integrity {
            Some(i) => from_js(&env, i, "integrity")?,
            None => Vec::new(),
        };
        Ok(ImagesView {
            inner: CoreImagesView::build(&running, &findings, &integrity),
        })
    })
}

/// The change between two states, explained: per funnel stage, what
/// entered and left, each attributed to one cause.
#[napi(
    ts_args_type = "before: EnvironmentStateInput, after: EnvironmentStateInput, threshold?: IncreaseThreshold",
    ts_return_type = "ChangeExplained"
)]
pub fn explain_change(
    env: Env,
    before: Unknown<'_>,
    after: Unknown<'_>,
    threshold: Option<Unknown<'_>>,
) -> Result<Value> {
    throwing(&env, || {
        let before: EnvironmentState = from_js(&env, before, "before")?;
        let after: EnvironmentState = from_js(&env, after, "after")?;
        let threshold: IncreaseThreshold = match threshold {
            Some(t) => from_js(&env, t, "threshold")?,
            None => IncreaseThreshold::default(),
        };
        json_value(&kubesight::change::explain_change(
            &before, &after, threshold,
        ))
    })
}
