//! The stable codes of the enumerations whose members the bindings list
//! (Python's enums, the TypeScript unions), for their suites to check
//! against the core.

/// Each enumeration's name with its members' codes, in the core's order.
///
/// ```
/// let codes = kubesight::enumeration_codes();
/// let (name, severities) = &codes[0];
/// assert_eq!((*name, severities.first()), ("Severity", Some(&"critical")));
/// ```
pub fn enumeration_codes() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        (
            "Severity",
            crate::Severity::ALL.map(crate::Severity::code).to_vec(),
        ),
        (
            "TagRule",
            crate::TagRule::ALL.map(crate::TagRule::code).to_vec(),
        ),
        (
            "IntegrityStatus",
            crate::integrity::IntegrityStatus::ALL
                .map(|s| s.code())
                .to_vec(),
        ),
        (
            "ViolationKind",
            crate::integrity::ViolationKind::ALL
                .map(|k| k.code())
                .to_vec(),
        ),
        (
            "Scanner",
            crate::scanning::Scanner::ALL.map(|s| s.code()).to_vec(),
        ),
        (
            "Applicability",
            crate::finding::Applicability::ALL
                .map(|a| a.code())
                .to_vec(),
        ),
        (
            "Stage",
            crate::funnel::Stage::ALL.map(|s| s.code()).to_vec(),
        ),
        (
            "StopReason",
            crate::table::StopReason::ALL.map(|r| r.code()).to_vec(),
        ),
        (
            "ChangeCause",
            crate::funnel::ChangeCause::ALL.map(|c| c.code()).to_vec(),
        ),
        (
            "FixState",
            crate::finding::FixState::ALL.map(|f| f.code()).to_vec(),
        ),
        (
            "RuntimeEvidence",
            crate::finding::RuntimeEvidence::ALL
                .map(|r| r.code())
                .to_vec(),
        ),
    ]
}
