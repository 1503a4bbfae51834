//! Installation, health, scan status, scanning configuration, readiness and
//! the scan plan.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::convert::{from_js, json_value};
use crate::error::{raise, throwing, Coded};
use kubesight::runtime::{Cluster, DisableLabel};
use kubesight::scanning::{ScanConfiguration, ScanConfigurations};

fn label(env: &Env, label: Option<Unknown<'_>>) -> Coded<DisableLabel> {
    match label {
        Some(l) => from_js(env, l, "disableLabel"),
        None => Ok(DisableLabel::default()),
    }
}

/// The installation status of a cluster inventory.
#[napi(
    ts_args_type = "clusters: ClusterInput[], disableLabel?: DisableLabel",
    ts_return_type = "Installation"
)]
pub fn installation(
    env: Env,
    clusters: Unknown<'_>,
    disable_label: Option<Unknown<'_>>,
) -> Result<Value> {
    throwing(&env, || {
        let clusters: Vec<Cluster> = from_js(&env, clusters, "clusters")?;
        json_value(&kubesight::runtime::Installation::of(
            &clusters,
            &label(&env, disable_label)?,
        ))
    })
}

/// One cluster's controller and sensor health, with a verdict.
#[napi(
    ts_args_type = "cluster: ClusterInput, disableLabel?: DisableLabel",
    ts_return_type = "ClusterHealth"
)]
pub fn cluster_health(
    env: Env,
    cluster: Unknown<'_>,
    disable_label: Option<Unknown<'_>>,
) -> Result<Value> {
    throwing(&env, || {
        let cluster: Cluster = from_js(&env, cluster, "cluster")?;
        json_value(&kubesight::runtime::ClusterHealth::of(
            &cluster,
            &label(&env, disable_label)?,
        ))
    })
}

/// The scan status of running images.
#[napi(
    ts_args_type = "runningImages: RunningImageInput[]",
    ts_return_type = "ScanReport"
)]
pub fn scan_report(env: Env, running_images: Unknown<'_>) -> Result<Value> {
    throwing(&env, || {
        let running: Vec<kubesight::finding::RunningImage> =
            from_js(&env, running_images, "runningImages")?;
        json_value(&kubesight::runtime::ScanReport::of(&running))
    })
}

/// Applies one scan configuration to many clusters; an unknown cluster
/// throws and changes nothing.
#[napi(
    ts_args_type = "configurations: ScanConfigurationsInput, clusters: string[], configuration: ScanConfigurationInput",
    ts_return_type = "Reconfigured"
)]
pub fn batch_configure(
    env: Env,
    configurations: Unknown<'_>,
    clusters: Vec<String>,
    configuration: Unknown<'_>,
) -> Result<Value> {
    throwing(&env, || {
        let configs: ScanConfigurations = from_js(&env, configurations, "configurations")?;
        let configuration: ScanConfiguration = from_js(&env, configuration, "configuration")?;
        let names: Vec<&str> = clusters.iter().map(String::as_str).collect();
        let reconfigured = configs
            .reconfigured(&names, &configuration)
            .map_err(raise)?;
        json_value(&reconfigured)
    })
}

/// How many clusters have each scanner.
#[napi(
    ts_args_type = "configurations: ScanConfigurationsInput",
    ts_return_type = "Coverage"
)]
pub fn coverage(env: Env, configurations: Unknown<'_>) -> Result<Value> {
    throwing(&env, || {
        let configs: ScanConfigurations = from_js(&env, configurations, "configurations")?;
        json_value(&configs.coverage())
    })
}

/// The dashboard's unmet prerequisites.
#[napi(
    ts_args_type = "installation: Installation, configurations: ScanConfigurationsInput",
    ts_return_type = "Readiness"
)]
pub fn readiness(
    env: Env,
    installation: Unknown<'_>,
    configurations: Unknown<'_>,
) -> Result<Value> {
    throwing(&env, || {
        let installation: kubesight::runtime::Installation =
            from_js(&env, installation, "installation")?;
        let configs: ScanConfigurations = from_js(&env, configurations, "configurations")?;
        json_value(&kubesight::readiness::Readiness::of(
            &installation,
            &configs,
        ))
    })
}

/// The running images that must be indexed and scanned, and why.
#[napi(
    ts_args_type = "images: ObservedImageInput[], configurations: ScanConfigurationsInput",
    ts_return_type = "ScanPlan"
)]
pub fn scan_plan(env: Env, images: Unknown<'_>, configurations: Unknown<'_>) -> Result<Value> {
    throwing(&env, || {
        let images: Vec<kubesight::scanning::ObservedImage> = from_js(&env, images, "images")?;
        let configs: ScanConfigurations = from_js(&env, configurations, "configurations")?;
        json_value(&kubesight::scanning::ScanPlan::of(&images, &configs))
    })
}
