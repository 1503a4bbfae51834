//! The funnel as users read it, and the comparison of two funnels.

use serde::{Deserialize, Serialize};

use super::Stage;
use super::{CauseCount, ProbableCause};
use crate::SeverityCounts;

/// Distinct vulnerabilities and distinct images at one stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StageCount {
    /// Distinct vulnerabilities (alias groups) at this stage.
    pub vulnerabilities: u64,
    /// Distinct images holding an occurrence at this stage.
    pub images: u64,
}

/// Vulnerabilities the funnel could not take further because a fact was
/// missing: a missing contextual-analysis run shows here instead of
/// silently shrinking the funnel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Undecided {
    /// Critical or High, stopped because applicability is undetermined, not
    /// covered or not scanned.
    pub applicability: u64,
    /// Applicable, stopped because the fix state is unknown.
    pub fix: u64,
    /// Fixable, stopped because no sensor watches the image (only counted
    /// when the runtime stage is shown).
    pub runtime: u64,
}

/// The prioritization funnel. Every stage is a subset of the one before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Funnel {
    /// All distinct vulnerabilities on running images.
    pub all: StageCount,
    /// Critical or High.
    pub critical_high: StageCount,
    /// Confirmed applicable.
    pub applicable: StageCount,
    /// With a fix version.
    pub with_fix: StageCount,
    /// Seen loaded at runtime; absent unless sensors are installed.
    pub validated_in_runtime: Option<StageCount>,
    /// What could not be decided.
    pub undecided: Undecided,
    /// Distinct vulnerabilities by highest severity.
    pub by_severity: SeverityCounts,
    /// How many occurrences were counted.
    pub occurrences: u64,
}

impl Funnel {
    /// The stages that are shown, in order, with their counts.
    pub fn stages(&self) -> Vec<(Stage, StageCount)> {
        let mut stages = vec![
            (Stage::All, self.all),
            (Stage::CriticalHigh, self.critical_high),
            (Stage::Applicable, self.applicable),
            (Stage::WithFix, self.with_fix),
        ];
        if let Some(validated) = self.validated_in_runtime {
            stages.push((Stage::ValidatedInRuntime, validated));
        }
        stages
    }

    /// The change from `before` to this funnel, stage by stage, flagging a
    /// sudden increase.
    ///
    /// Counts alone cannot tell the cause: a sudden increase lists the
    /// documented causes it may have. [`explain_change`] finds the cause of
    /// each vulnerability in the data instead.
    ///
    /// [`explain_change`]: crate::change::explain_change
    pub fn compare(&self, before: &Funnel, threshold: IncreaseThreshold) -> FunnelChange {
        let before_stages = before.stages();
        let mut change = FunnelChange::of_counts(
            self.stages().into_iter().filter_map(|(stage, now)| {
                let (_, then) = before_stages.iter().find(|(s, _)| *s == stage)?;
                Some((stage, then.vulnerabilities, now.vulnerabilities))
            }),
            threshold,
        );
        if change.sudden_increase {
            change.probable_causes = ProbableCause::ALL.to_vec();
        }
        change
    }
}

/// When an increase is sudden: by at least `absolute` vulnerabilities and by
/// at least `percent` percent of the count before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IncreaseThreshold {
    /// The smallest increase, in vulnerabilities, that can be sudden.
    pub absolute: u64,
    /// The smallest increase, in percent of the count before, that can be
    /// sudden.
    pub percent: u64,
}

impl Default for IncreaseThreshold {
    /// At least 10 more vulnerabilities and at least 20% more.
    fn default() -> Self {
        IncreaseThreshold {
            absolute: 10,
            percent: 20,
        }
    }
}

impl IncreaseThreshold {
    /// Whether going from `before` to `after` is a sudden increase.
    pub fn is_sudden(self, before: u64, after: u64) -> bool {
        let increase = after.saturating_sub(before);
        increase > 0
            && increase >= self.absolute
            && increase.saturating_mul(100) >= before.saturating_mul(self.percent)
    }
}

/// How one stage changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StageChange {
    /// The stage.
    pub stage: Stage,
    /// Distinct vulnerabilities before.
    pub before: u64,
    /// Distinct vulnerabilities after.
    pub after: u64,
    /// `after - before`.
    pub delta: i64,
    /// Whether the increase passes the threshold.
    pub sudden_increase: bool,
}

/// The change between two funnels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FunnelChange {
    /// Each stage shown in both funnels.
    pub stages: Vec<StageChange>,
    /// Whether any stage increased suddenly.
    pub sudden_increase: bool,
    /// What a sudden increase may mean: from counts alone, every documented
    /// cause; explained from data, the documented causes found.
    pub probable_causes: Vec<ProbableCause>,
    /// Explained from data: per cause, the distinct vulnerabilities that
    /// entered a stage, with examples (empty from counts alone).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub causes: Vec<CauseCount>,
}

impl FunnelChange {
    /// The change of each stage's count `(stage, before, after)`, flagged
    /// against `threshold`; no cause yet.
    pub fn of_counts(
        counts: impl IntoIterator<Item = (Stage, u64, u64)>,
        threshold: IncreaseThreshold,
    ) -> FunnelChange {
        let stages: Vec<StageChange> = counts
            .into_iter()
            .map(|(stage, before, after)| StageChange {
                stage,
                before,
                after,
                delta: i64::try_from(after).unwrap_or(i64::MAX)
                    - i64::try_from(before).unwrap_or(i64::MAX),
                sudden_increase: threshold.is_sudden(before, after),
            })
            .collect();
        FunnelChange {
            sudden_increase: stages.iter().any(|s| s.sudden_increase),
            stages,
            probable_causes: Vec::new(),
            causes: Vec::new(),
        }
    }
}
