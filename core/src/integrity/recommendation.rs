//! What to do about a violation: the documented remediation steps.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ViolationKind;

/// One remediation step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Recommendation {
    /// The position of the step, from 1.
    pub step: u8,
    /// What to do, as a stable code.
    pub action: Action,
    /// When to do it, where the documentation says.
    pub horizon: Option<Horizon>,
    /// The situation in which the step applies, if it is conditional.
    pub condition: Option<Condition>,
    /// The step in words.
    pub text: String,
}

/// A remediation action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Action {
    /// Treat the mismatch as a security incident.
    TreatAsSecurityIncident,
    /// Trace who built and who deployed the running image.
    TraceSource,
    /// Isolate the workload.
    IsolateWorkload,
    /// Redeploy so that the correct image is pulled.
    ForceRedeployment,
    /// Check retention policies for an accidental deletion.
    CheckRetentionPolicies,
    /// Check whether the image was sideloaded around the registry.
    CheckForSideloading,
    /// Restore the artifact from the trash can.
    RestoreFromTrash,
    /// Terminate the workload.
    TerminateWorkload,
    /// Check whether a pipeline pushed a new build to the tag.
    CheckPipelinePush,
    /// Restart the workload to pull the updated image.
    RestartWorkload,
    /// Deploy by immutable tag or digest.
    PinImmutableReferences,
}

/// When a step should be done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Horizon {
    /// Now.
    Immediate,
    /// Soon, to restore the expected state.
    ShortTerm,
    /// To prevent a repeat.
    LongTerm,
}

impl Horizon {
    /// The horizon for people: `Immediate`, `Short-term`, `Long-term`.
    pub const fn display_name(self) -> &'static str {
        match self {
            Horizon::Immediate => "Immediate",
            Horizon::ShortTerm => "Short-term",
            Horizon::LongTerm => "Long-term",
        }
    }
}

impl fmt::Display for Horizon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display_name())
    }
}

/// The situation in which a conditional step applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// The artifact was deleted in error.
    DeletedInError,
    /// The image is unauthorized.
    Unauthorized,
}

impl Condition {
    /// The condition in words.
    pub const fn text(self) -> &'static str {
        match self {
            Condition::DeletedInError => "if the artifact was deleted in error",
            Condition::Unauthorized => "if the image is unauthorized",
        }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
    }
}

impl Action {
    /// The stable machine code of the action.
    pub const fn code(self) -> &'static str {
        match self {
            Action::TreatAsSecurityIncident => "treat_as_security_incident",
            Action::TraceSource => "trace_source",
            Action::IsolateWorkload => "isolate_workload",
            Action::ForceRedeployment => "force_redeployment",
            Action::CheckRetentionPolicies => "check_retention_policies",
            Action::CheckForSideloading => "check_for_sideloading",
            Action::RestoreFromTrash => "restore_from_trash",
            Action::TerminateWorkload => "terminate_workload",
            Action::CheckPipelinePush => "check_pipeline_push",
            Action::RestartWorkload => "restart_workload",
            Action::PinImmutableReferences => "pin_immutable_references",
        }
    }

    /// The step in words.
    pub const fn text(self) -> &'static str {
        match self {
            Action::TreatAsSecurityIncident => "Treat this as a security incident.",
            Action::TraceSource => "Trace the source of the running image using the Build Owner and Deployed By fields.",
            Action::IsolateWorkload => "Isolate the workload.",
            Action::ForceRedeployment => "Force a redeployment to pull the correct image.",
            Action::CheckRetentionPolicies => "Check retention policies for an accidental deletion.",
            Action::CheckForSideloading => "Validate whether the image was sideloaded, bypassing the registry of record (shadow IT).",
            Action::RestoreFromTrash => "Restore the artifact from the Trash Can.",
            Action::TerminateWorkload => "Terminate the workload.",
            Action::CheckPipelinePush => "Check whether a CI/CD pipeline recently pushed a new build to the same tag.",
            Action::RestartWorkload => "Restart the workload to pull the updated image.",
            Action::PinImmutableReferences => "Switch to immutable tags or digest-based (SHA256) deployments.",
        }
    }
}

/// The documented steps for a kind of violation, in order.
///
/// A Digest Mismatch is a security incident, so its steps are immediate. A
/// Post-Deployment Tag Update is checked now, fixed short-term by a restart
/// and prevented long-term by immutable references. The Missing Source steps
/// have no horizon; the last two apply only in the situation they name.
pub fn recommendations(kind: ViolationKind) -> Vec<Recommendation> {
    use Action::*;
    let steps: &[(Action, Option<Horizon>, Option<Condition>)] = match kind {
        ViolationKind::DigestMismatch => &[
            (TreatAsSecurityIncident, Some(Horizon::Immediate), None),
            (TraceSource, Some(Horizon::Immediate), None),
            (IsolateWorkload, Some(Horizon::Immediate), None),
            (ForceRedeployment, Some(Horizon::Immediate), None),
        ],
        ViolationKind::MissingSource => &[
            (CheckRetentionPolicies, None, None),
            (CheckForSideloading, None, None),
            (RestoreFromTrash, None, Some(Condition::DeletedInError)),
            (TerminateWorkload, None, Some(Condition::Unauthorized)),
        ],
        ViolationKind::PostDeploymentTagUpdate => &[
            (CheckPipelinePush, Some(Horizon::Immediate), None),
            (RestartWorkload, Some(Horizon::ShortTerm), None),
            (PinImmutableReferences, Some(Horizon::LongTerm), None),
        ],
    };
    (1u8..)
        .zip(steps)
        .map(|(step, &(action, horizon, condition))| Recommendation {
            step,
            action,
            horizon,
            condition,
            text: action.text().to_owned(),
        })
        .collect()
}
