//! A vulnerability id's state in the table: the funnel's (stage, severity,
//! why it stopped) and the sets of facts its occurrences had, packed into
//! one word that merges by bitwise or.

use super::row::StopReason;
use crate::finding::fact;

/// What the table keeps per vulnerability id: the funnel's state, and the
/// sets of facts its occurrences had.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct IdState {
    /// The deepest stage an occurrence reached (0: none seen).
    pub(crate) stage: u8,
    /// The highest severity, as its position in the order plus one.
    pub(crate) severity: u8,
    /// Why occurrences stopped where they did, as bits of
    /// [`StopReason::ALL`] positions.
    pub(crate) stopped: u8,
    /// Applicabilities seen, as bits of `Applicability::ALL` positions.
    pub(crate) applicability: u8,
    /// Fix states seen, as bits of `FixState::ALL` positions.
    pub(crate) fix: u8,
    /// Runtime evidence seen, as bits of `RuntimeEvidence::ALL` positions.
    pub(crate) runtime: u8,
}

// The packed word: the stage and the severity as that many low bits set (so
// that or keeps the higher), then the sets as they are.
const STAGE_SHIFT: u32 = 0;
const SEVERITY_SHIFT: u32 = 5;
const STOPPED_SHIFT: u32 = 10;
const APPLICABILITY_SHIFT: u32 = 17;
const FIX_SHIFT: u32 = 24;
const RUNTIME_SHIFT: u32 = 28;

/// `n` low bits set, `n` at most 5.
const fn ones(n: u32) -> u32 {
    (1 << if n > 5 { 5 } else { n }) - 1
}

/// What the facts' bits 3 to 9 (the stage's flags, the missing facts and
/// whether it was seen loaded) contribute: the stage, why it stopped, the
/// runtime evidence.
const fn stage_part(flags: u16) -> u32 {
    let f = flags << 3;
    let stage = fact::stage(f) as u32;
    // A missing fact beats a verdict at the stage that needed it.
    let reason = match stage {
        1 => Some(StopReason::NotCriticalHigh),
        2 if f & fact::APPLICABILITY_UNDECIDED != 0 => Some(StopReason::ApplicabilityUndecided),
        2 => Some(StopReason::NotApplicable),
        3 if f & fact::FIX_UNKNOWN != 0 => Some(StopReason::FixUnknown),
        3 => Some(StopReason::NoFix),
        4 if f & fact::RUNTIME_UNAVAILABLE != 0 => Some(StopReason::RuntimeUnavailable),
        4 => Some(StopReason::NotLoaded),
        _ => None,
    };
    let stopped = match reason {
        Some(r) => 1 << r as u32,
        None => 0,
    };
    // Positions of `RuntimeEvidence::ALL`: loaded, not observed,
    // unavailable.
    let runtime = if f & fact::LOADED != 0 {
        1
    } else if f & fact::RUNTIME_UNAVAILABLE != 0 {
        4
    } else {
        2
    };
    (ones(stage) << STAGE_SHIFT) | (stopped << STOPPED_SHIFT) | (runtime << RUNTIME_SHIFT)
}

/// Tables of what each part of the facts contributes, built when the crate
/// is compiled: an occurrence's state is then three lookups in 672 bytes
/// and no branch. The facts of occurrences in a row are unrelated, so every
/// branch on them would be mispredicted half the time, and each
/// misprediction would also stop the processor from fetching the next
/// occurrences' slots while it waits for this one's.
#[allow(
    clippy::indexing_slicing,
    reason = "evaluated as the crate compiles: an index out of bounds fails the build, never a run"
)]
const STAGE: [u32; 128] = {
    let mut table = [0; 128];
    let mut i = 0;
    while i < 128 {
        table[i] = stage_part(i as u16);
        i += 1;
    }
    table
};

/// By the facts' severity bits (0 to 2): a severity's position plus one.
#[allow(
    clippy::indexing_slicing,
    reason = "evaluated as the crate compiles: an index out of bounds fails the build, never a run"
)]
const SEVERITY: [u32; 8] = {
    let mut table = [0; 8];
    let mut i = 0;
    while i < 8 {
        let severity = if i < 5 { i as u32 } else { 4 };
        table[i] = ones(severity + 1) << SEVERITY_SHIFT;
        i += 1;
    }
    table
};

/// By the facts' bits 10 to 14: the applicability and the fix state.
#[allow(
    clippy::indexing_slicing,
    reason = "evaluated as the crate compiles: an index out of bounds fails the build, never a run"
)]
const SETS: [u32; 32] = {
    let mut table = [0; 32];
    let mut i = 0;
    while i < 32 {
        let applicability = (1u32 << (i & 7)) & 0x7f;
        let fix = 1u32 << (i >> 3);
        table[i] = (applicability << APPLICABILITY_SHIFT) | (fix << FIX_SHIFT);
        i += 1;
    }
    table
};

// The tables' indexes are the facts' bits as `fact` lays them out.
const _: () = assert!(
    fact::CRITICAL_HIGH == 1 << 3
        && fact::RUNTIME_UNAVAILABLE == 1 << 9
        && fact::SEVERITY == 0b111
        && fact::APPLICABILITY_SHIFT == 10
        && fact::FIX_STATE_SHIFT == 13
);

impl IdState {
    /// The state one occurrence with facts `f` contributes, packed (see
    /// [`pack`](Self::pack)), and whether it was seen loaded.
    #[inline]
    pub(crate) fn packed(f: u16) -> (u32, bool) {
        let at = |table: &[u32], i: u16| table.get(usize::from(i)).copied().unwrap_or(0);
        let word = at(&STAGE, (f >> 3) & 0x7f) | at(&SEVERITY, f & 7) | at(&SETS, (f >> 10) & 31);
        (word, f & fact::LOADED != 0)
    }

    /// The state as one word that merges by bitwise or.
    #[cfg(test)]
    pub(crate) fn pack(self) -> u32 {
        (ones(u32::from(self.stage)) << STAGE_SHIFT)
            | (ones(u32::from(self.severity)) << SEVERITY_SHIFT)
            | (u32::from(self.stopped & 0x7f) << STOPPED_SHIFT)
            | (u32::from(self.applicability & 0x7f) << APPLICABILITY_SHIFT)
            | (u32::from(self.fix & 0xf) << FIX_SHIFT)
            | (u32::from(self.runtime & 0x7) << RUNTIME_SHIFT)
    }

    /// The state a word holds.
    pub(crate) fn unpack(word: u32) -> IdState {
        let field = |shift: u32, bits: u32| ((word >> shift) & ((1 << bits) - 1)) as u8;
        IdState {
            stage: field(STAGE_SHIFT, 5).count_ones() as u8,
            severity: field(SEVERITY_SHIFT, 5).count_ones() as u8,
            stopped: field(STOPPED_SHIFT, 7),
            applicability: field(APPLICABILITY_SHIFT, 7),
            fix: field(FIX_SHIFT, 4),
            runtime: field(RUNTIME_SHIFT, 3),
        }
    }

    pub(crate) fn merge(&mut self, other: IdState) {
        self.stage = self.stage.max(other.stage);
        self.severity = self.severity.max(other.severity);
        self.stopped |= other.stopped;
        self.applicability |= other.applicability;
        self.fix |= other.fix;
        self.runtime |= other.runtime;
    }
}

#[cfg(test)]
mod tests {
    use super::IdState;
    use crate::finding::fact;
    use crate::table::row::StopReason;

    /// The state of one occurrence, written out: what the tables hold.
    fn of(f: u16) -> IdState {
        let stage = fact::stage(f);
        let reason = match stage {
            1 => Some(StopReason::NotCriticalHigh),
            2 if f & fact::APPLICABILITY_UNDECIDED != 0 => Some(StopReason::ApplicabilityUndecided),
            2 => Some(StopReason::NotApplicable),
            3 if f & fact::FIX_UNKNOWN != 0 => Some(StopReason::FixUnknown),
            3 => Some(StopReason::NoFix),
            4 if f & fact::RUNTIME_UNAVAILABLE != 0 => Some(StopReason::RuntimeUnavailable),
            4 => Some(StopReason::NotLoaded),
            _ => None,
        };
        let runtime = if f & fact::LOADED != 0 {
            1
        } else if f & fact::RUNTIME_UNAVAILABLE != 0 {
            4
        } else {
            2
        };
        IdState {
            stage,
            severity: (f & fact::SEVERITY) as u8 + 1,
            stopped: reason.map_or(0, |r| 1 << r as u8),
            applicability: 1 << ((f >> fact::APPLICABILITY_SHIFT) & 7),
            fix: 1 << ((f >> fact::FIX_STATE_SHIFT) & 3),
            runtime,
        }
    }

    #[test]
    fn packed_states_merge_by_or_as_states_merge() {
        // Facts as interning packs them: a severity among five, an
        // applicability among seven.
        let valid: Vec<u16> = (0..=u16::MAX)
            .filter(|f| f & 0b111 < 5 && (f >> 10) & 0b111 < 7)
            .collect();
        let states: Vec<IdState> = valid.iter().map(|&f| of(f)).collect();
        for (&f, s) in valid.iter().zip(&states) {
            assert_eq!(IdState::unpack(s.pack()), *s);
            assert_eq!(
                IdState::packed(f),
                (s.pack(), f & fact::LOADED != 0),
                "facts {f:#x}"
            );
        }
        for (i, a) in states.iter().enumerate().step_by(97) {
            for b in states.iter().skip(i % 89).step_by(211) {
                let mut merged = *a;
                merged.merge(*b);
                assert_eq!(IdState::unpack(a.pack() | b.pack()), merged);
            }
        }
        assert_eq!(IdState::unpack(0), IdState::default());
    }
}
