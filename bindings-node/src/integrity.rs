//! The integrity assessment.

use chrono::{DateTime, Utc};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::convert::{from_js, json_value};
use crate::error::{raise, throwing, OrThrow};
use crate::tags::TagPolicy;

/// Decides the integrity status of running containers. `trustedRegistries`
/// are registry patterns (`registry.acme.io`, `*.jfrog.io`,
/// `ghcr.io/acme/`); an empty list trusts nothing.
#[napi]
pub struct IntegrityPolicy {
    inner: kubesight::integrity::IntegrityPolicy,
    trusted: Vec<String>,
}

#[napi]
impl IntegrityPolicy {
    /// A policy trusting `trustedRegistries`, classifying tags with
    /// `tagPolicy` (the default policy when absent).
    #[napi(constructor)]
    pub fn new(
        env: Env,
        trusted_registries: Vec<String>,
        tag_policy: Option<&TagPolicy>,
    ) -> Result<Self> {
        let trusted = kubesight::integrity::TrustedRegistries::new(&trusted_registries)
            .map_err(raise)
            .or_throw(&env)?;
        let mut inner = kubesight::integrity::IntegrityPolicy::new(trusted);
        if let Some(tags) = tag_policy {
            inner = inner.with_tag_policy(tags.policy().clone());
        }
        Ok(IntegrityPolicy {
            inner,
            trusted: trusted_registries,
        })
    }

    /// The trusted registry patterns.
    #[napi(getter)]
    pub fn trusted_registries(&self) -> Vec<String> {
        self.trusted.clone()
    }

    /// Assesses one container (`IntegrityFacts`) as observed at
    /// `observedAt` (a `Date` or an ISO-8601 string with an offset).
    #[napi(
        ts_args_type = "facts: IntegrityFacts, observedAt: Date | string",
        ts_return_type = "IntegrityAssessment"
    )]
    pub fn assess(&self, env: Env, facts: Unknown<'_>, observed_at: Unknown<'_>) -> Result<Value> {
        throwing(&env, || {
            let facts: kubesight::integrity::IntegrityFacts = from_js(&env, facts, "facts")?;
            let at: DateTime<Utc> = from_js(&env, observed_at, "observedAt")?;
            json_value(&self.inner.assess(&facts, at))
        })
    }

    /// Assesses many containers in one call.
    #[napi(
        ts_args_type = "facts: IntegrityFacts[], observedAt: Date | string",
        ts_return_type = "IntegrityAssessment[]"
    )]
    pub fn assess_many(
        &self,
        env: Env,
        facts: Unknown<'_>,
        observed_at: Unknown<'_>,
    ) -> Result<Value> {
        throwing(&env, || {
            let facts: Vec<kubesight::integrity::IntegrityFacts> = from_js(&env, facts, "facts")?;
            let at: DateTime<Utc> = from_js(&env, observed_at, "observedAt")?;
            let assessments: Vec<_> = facts.iter().map(|f| self.inner.assess(f, at)).collect();
            json_value(&assessments)
        })
    }
}
