//! The funnel vectors (`tests/vectors/funnel.json`) and the funnel's
//! invariants on generated findings.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod support;

use kubesight::finding::{
    Applicability, FindingIndex, FixState, InternedOccurrence, Occurrence, OccurrenceFacts,
    RunningImage, RuntimeEvidence,
};
use kubesight::funnel::{Funnel, FunnelAccumulator, PortablePartial, RuntimeValidation};
use kubesight::Severity;
use proptest::prelude::*;
use serde_json::Value;

fn check(case: &Value) -> Result<(), String> {
    let running: Vec<RunningImage> =
        serde_json::from_value(case["running"].clone()).map_err(|e| e.to_string())?;
    let occurrences: Vec<Occurrence> =
        serde_json::from_value(case["occurrences"].clone()).map_err(|e| e.to_string())?;
    let validation = RuntimeValidation::available_if(
        case["runtime_validation"]
            .as_bool()
            .ok_or("runtime_validation is required")?,
    );
    let result = kubesight::funnel::compute(&running, &occurrences, validation);
    let actual = serde_json::to_value(&result).map_err(|e| e.to_string())?;
    support::subset(&case["expect"], &actual, "")?;
    // The streaming path (index, intern, accumulate, finish) gives the same.
    let mut index = FindingIndex::new(&running);
    let (interned, skipped) = index.intern_all(&occurrences);
    let mut accumulator = FunnelAccumulator::for_index(&index);
    accumulator.add_all(&interned);
    let funnel = accumulator.finish(&index, validation);
    if (funnel, skipped) != (result.funnel, result.skipped) {
        return Err("the accumulator and the one-call funnel differ".into());
    }
    let back: Funnel =
        serde_json::from_value(actual["funnel"].clone()).map_err(|e| e.to_string())?;
    if back != funnel {
        return Err("the funnel does not survive a serde round trip".into());
    }
    Ok(())
}

#[test]
fn funnel_vectors() {
    support::check_all("funnel.json", 15, &["name"], check);
}

fn monotone(f: &Funnel) -> bool {
    let stages = f.stages();
    stages.windows(2).all(|w| {
        let (a, b) = (w[0].1, w[1].1);
        a.vulnerabilities >= b.vulnerabilities && a.images >= b.images
    })
}

/// Occurrences over small pools, so that ids, aliases and images repeat.
fn occurrences() -> impl Strategy<Value = Vec<(u32, u32, u8, u8)>> {
    proptest::collection::vec((0u32..40, 0u32..12, any::<u8>(), any::<u8>()), 0..300)
}

fn build(raw: &[(u32, u32, u8, u8)]) -> (FindingIndex, Vec<InternedOccurrence>) {
    let digest = |i: u32| format!("sha256:{i:064x}");
    let running: Vec<RunningImage> = (0..12)
        .map(|i| RunningImage {
            digests: vec![digest(i).parse().unwrap()],
            scanned: true,
            monitored: i % 3 != 0,
            deployments: Vec::new(),
        })
        .collect();
    let mut index = FindingIndex::new(&running);
    let mut interned = Vec::new();
    for &(vuln, image, facts, alias) in raw {
        let id = if vuln % 4 == 0 {
            format!("GHSA-{vuln}")
        } else {
            format!("CVE-2024-{vuln}")
        };
        if alias % 5 == 0 {
            index.add_alias(&id, &format!("CVE-2024-{}", alias % 40));
        }
        let v = index.intern_vulnerability(&id);
        let i = index.image_of(&digest(image)).unwrap();
        let severity = Severity::ALL[usize::from(facts % 5)];
        let runtime = [
            RuntimeEvidence::Loaded,
            RuntimeEvidence::NotObserved,
            RuntimeEvidence::Unavailable,
        ][usize::from(facts / 5 % 3)];
        interned.push(InternedOccurrence::new(
            v,
            i,
            OccurrenceFacts {
                severity,
                applicability: if facts & 0x10 != 0 {
                    Applicability::Applicable
                } else if facts & 0x20 != 0 {
                    Applicability::Undetermined
                } else {
                    Applicability::NotApplicable
                },
                fix_state: if facts & 0x80 != 0 {
                    FixState::Unknown
                } else if facts & 0x40 != 0 {
                    FixState::Fixed
                } else {
                    FixState::NotFixed
                },
                fix_available: facts & 0xC0 == 0x40,
                runtime,
            },
        ));
    }
    (index, interned)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_funnel_is_monotone(raw in occurrences(), runtime in any::<bool>()) {
        let (index, interned) = build(&raw);
        let mut accumulator = FunnelAccumulator::for_index(&index);
        accumulator.add_all(&interned);
        let funnel = accumulator.finish(&index, RuntimeValidation::available_if(runtime));
        prop_assert!(monotone(&funnel), "{:?}", funnel);
        prop_assert_eq!(funnel.occurrences, interned.len() as u64);
        let by = funnel.by_severity;
        prop_assert_eq!(by.critical + by.high + by.medium + by.low + by.unknown, funnel.all.vulnerabilities);
    }

    #[test]
    fn merging_partitions_in_any_order_equals_one_pass(
        raw in occurrences(),
        cuts in proptest::collection::vec(any::<u16>(), 0..6),
        order in any::<u64>(),
    ) {
        let (index, interned) = build(&raw);
        let mut one_pass = FunnelAccumulator::for_index(&index);
        one_pass.add_all(&interned);

        let mut bounds: Vec<usize> = cuts.iter().map(|c| usize::from(*c) % (interned.len() + 1)).collect();
        bounds.push(0);
        bounds.push(interned.len());
        bounds.sort_unstable();
        let mut parts: Vec<FunnelAccumulator> = bounds
            .windows(2)
            .map(|w| {
                let mut part = FunnelAccumulator::new();
                part.add_all(&interned[w[0]..w[1]]);
                part
            })
            .collect();
        // A deterministic shuffle of the partitions.
        let len = parts.len();
        for i in 0..len {
            parts.swap(i, (order as usize).wrapping_mul(i + 7) % len);
        }
        let mut merged = FunnelAccumulator::new();
        for part in &parts {
            let json = serde_json::to_string(part).unwrap();
            let shipped: FunnelAccumulator = serde_json::from_str(&json).unwrap();
            merged.merge(&shipped);
        }
        prop_assert_eq!(merged.finish(&index, RuntimeValidation::Available), one_pass.finish(&index, RuntimeValidation::Available));
    }

    #[test]
    fn machines_with_their_own_indexes_merge_into_one_pass(raw in occurrences(), cut in any::<u16>()) {
        let (index, interned) = build(&raw);
        let mut one_pass = FunnelAccumulator::for_index(&index);
        one_pass.add_all(&interned);
        let expected = one_pass.finish(&index, RuntimeValidation::Available);

        // Two machines intern their halves independently, the second in
        // reverse order, so their ids differ.
        let split = usize::from(cut) % (raw.len() + 1);
        let (first, second) = raw.split_at(split);
        let (mut index_a, interned_a) = build(first);
        let reversed: Vec<_> = second.iter().rev().copied().collect();
        let (index_b, interned_b) = build(&reversed);
        let mut a = FunnelAccumulator::for_index(&index_a);
        a.add_all(&interned_a);
        let mut b = FunnelAccumulator::for_index(&index_b);
        b.add_all(&interned_b);

        // Shipped in the binary wire form, or as JSON: the same partial.
        let portable = b.to_portable(&index_b);
        let shipped = PortablePartial::from_bytes(&portable.to_bytes()).unwrap();
        let as_json: PortablePartial = serde_json::from_str(&serde_json::to_string(&portable).unwrap()).unwrap();
        prop_assert_eq!(&shipped, &as_json);
        a.merge_portable(&mut index_a, &shipped);
        prop_assert_eq!(a.finish(&index_a, RuntimeValidation::Available), expected);
    }
}
