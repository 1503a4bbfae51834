//! Invariants that hold for every input, checked on generated inputs.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use chrono::{DateTime, TimeZone, Utc};
use kubesight::integrity::{
    Artifact, IntegrityFacts, IntegrityPolicy, IntegrityStatus, RegistryAnswer, TrustedRegistries,
    Workload, WorkloadKind,
};
use kubesight::{Digest, ImageId, ImageRef, Mutability, TagPolicy, TagRule, DOCUMENTED_KEYWORDS};
use proptest::prelude::*;

fn path_component() -> impl Strategy<Value = String> {
    "[a-z0-9]{1,5}((\\.|_|__|-{1,3})[a-z0-9]{1,5}){0,2}"
}

fn domain() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9]{1,8}(\\.[a-z0-9]{1,8}){1,3}",
        "[A-Za-z0-9]{1,6}\\.[a-z]{2,4}:[0-9]{1,5}",
        Just("localhost".to_owned()),
        "localhost:[0-9]{1,5}",
        Just("docker.io".to_owned()),
        Just("index.docker.io".to_owned()),
        "\\[[0-9a-f]{1,4}::[0-9a-f]{0,4}\\](:[0-9]{1,5})?",
        "[A-Z][A-Za-z0-9]{0,6}",
    ]
}

fn digest() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9a-f]{64}".prop_map(|h| format!("sha256:{h}")),
        "[0-9a-f]{128}".prop_map(|h| format!("sha512:{h}"))
    ]
}

/// Valid references in the many shapes users write them.
fn reference() -> impl Strategy<Value = String> {
    (
        proptest::option::of(domain()),
        proptest::collection::vec(path_component(), 1..4),
        proptest::option::of("[A-Za-z0-9_][A-Za-z0-9_.-]{0,30}"),
        proptest::option::of(digest()),
    )
        .prop_filter(
            "without a registry, a first component with `.` would be read as one",
            |(domain, path, _, _)| domain.is_some() || path.len() == 1 || !path[0].contains('.'),
        )
        .prop_map(|(domain, path, tag, digest)| {
            let mut s = domain.map(|d| format!("{d}/")).unwrap_or_default();
            s.push_str(&path.join("/"));
            if let Some(tag) = tag {
                s.push(':');
                s.push_str(&tag);
            }
            if let Some(digest) = digest {
                s.push('@');
                s.push_str(&digest);
            }
            s
        })
        .prop_filter("a bare 64-hex name is an image id", |s| {
            !(s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
        })
}

/// Strings made of the characters the grammar cares about, to reach deep
/// into the parsers.
fn grammar_noise() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9:/@._\\-\\[\\]+ ]{0,90}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_reference_parses_back_from_its_string(input in reference()) {
        let r = ImageRef::parse(&input).map_err(|e| TestCaseError::fail(format!("{input}: {e}")))?;
        let again = ImageRef::parse(&r.to_string()).unwrap();
        prop_assert_eq!(&again, &r);
        prop_assert_eq!(again.to_string(), r.to_string());
        let json = serde_json::to_string(&r).unwrap();
        prop_assert_eq!(serde_json::from_str::<ImageRef>(&json).unwrap(), r);
    }

    #[test]
    fn the_familiar_form_parses_back_unless_it_looks_like_a_host(input in reference()) {
        let r = ImageRef::parse(&input).unwrap();
        let first = r.path().split('/').next().unwrap_or_default();
        let hub_path_looks_like_host = r.domain() == "docker.io"
            && r.path().contains('/')
            && (first.contains('.') || first == "localhost");
        prop_assume!(!hub_path_looks_like_host);
        prop_assert_eq!(ImageRef::parse(&r.familiar()).unwrap(), r);
    }

    #[test]
    fn no_string_panics_a_parser(input in any::<String>(), noise in grammar_noise()) {
        let policy = TagPolicy::new();
        for s in [input.as_str(), noise.as_str()] {
            let _ = ImageRef::parse(s);
            let _ = ImageId::parse(s);
            let _ = Digest::parse(s);
            let _ = policy.classify(s);
            let _ = TagPolicy::keywords_only().classify(s);
            let _ = TrustedRegistries::new([s]);
            for scheme in ["docker-pullable://", "docker://", ""] {
                let _ = ImageId::parse(&format!("{scheme}{s}"));
            }
        }
    }

    #[test]
    fn every_valid_tag_classifies(tag in "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}") {
        let policy = TagPolicy::new();
        let class = policy.classify(&tag).unwrap();
        // The batch (the lane path, in shapes) answers as one tag at a time.
        prop_assert_eq!(policy.classify_lines(&tag, 1).unwrap(), vec![class.rule()]);
        let back: kubesight::TagClass = serde_json::from_value(serde_json::to_value(class).unwrap()).unwrap();
        prop_assert_eq!(back, class);
        prop_assert!(TagPolicy::keywords_only().classify(&tag).is_ok());
    }

    #[test]
    fn an_invalid_tag_is_always_an_error(prefix in "[a-z0-9]{0,5}", bad in "[^A-Za-z0-9_.-]", suffix in "[a-z0-9]{0,5}") {
        let tag = format!("{prefix}{bad}{suffix}");
        prop_assert!(TagPolicy::new().classify(&tag).is_err());
    }

    #[test]
    fn every_semver_release_is_immutable(
        major in 0u64..3000, minor in 0u64..100, patch in 0u64..100, v in proptest::bool::ANY, variant in proptest::option::of("(alpine|slim|bookworm|debian)")
    ) {
        let version = semver::Version::new(major, minor, patch);
        let mut tag = format!("{}{version}", if v { "v" } else { "" });
        prop_assume!(semver::Version::parse(tag.trim_start_matches('v')).is_ok());
        if let Some(variant) = variant {
            tag = format!("{tag}-{variant}");
        }
        let class = TagPolicy::new().classify(&tag).unwrap();
        prop_assert_eq!(class.mutability(), Mutability::Immutable, "{} -> {}", tag, class.rule());
    }

    #[test]
    fn a_semver_prerelease_ending_in_a_number_is_immutable(
        core in "[0-9]{1,2}\\.[0-9]{1,2}\\.[0-9]{1,2}", pre in "[0-9A-Za-z]{1,8}(\\.[0-9A-Za-z]{1,8}){0,2}", n in 0u32..100
    ) {
        let tag = format!("{core}-{pre}.{n}");
        prop_assume!(semver::Version::parse(&tag).is_ok());
        let class = TagPolicy::new().classify(&tag).unwrap();
        prop_assert_eq!(class.mutability(), Mutability::Immutable, "{} -> {}", tag, class.rule());
    }

    #[test]
    fn keywords_match_in_any_case(index in 0usize..DOCUMENTED_KEYWORDS.len(), mask in any::<u16>()) {
        let keyword: String = DOCUMENTED_KEYWORDS[index]
            .chars()
            .enumerate()
            .map(|(i, c)| if mask >> (i % 16) & 1 == 1 { c.to_ascii_uppercase() } else { c })
            .collect();
        prop_assert_eq!(TagPolicy::new().classify(&keyword).unwrap().rule(), TagRule::Keyword);
        prop_assert_eq!(TagPolicy::keywords_only().classify(&keyword).unwrap().rule(), TagRule::Keyword);
    }

    #[test]
    fn keywords_only_is_mutable_exactly_for_the_keywords(tag in "[A-Za-z0-9_][A-Za-z0-9_.-]{0,12}") {
        let mutable = TagPolicy::keywords_only().classify(&tag).unwrap().is_mutable();
        prop_assert_eq!(mutable, DOCUMENTED_KEYWORDS.contains(&tag.to_ascii_lowercase().as_str()));
    }

    #[test]
    fn a_pinned_digest_decides_whatever_the_tag(tag in "[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}", hex in "[0-9a-f]{64}") {
        let r = ImageRef::parse(&format!("nginx:{tag}@sha256:{hex}")).unwrap();
        prop_assert_eq!(TagPolicy::new().classify_reference(&r).rule(), TagRule::DigestPinned);
    }

    #[test]
    fn an_assessment_is_consistent(facts in facts(), trusted in proptest::bool::ANY, literal in proptest::bool::ANY) {
        let trust = if trusted { vec!["*.acme.io", "docker.io"] } else { vec!["quay.io"] };
        let tags = if literal { TagPolicy::keywords_only() } else { TagPolicy::new() };
        let policy = IntegrityPolicy::new(TrustedRegistries::new(trust).unwrap()).with_tag_policy(tags);
        let now = Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap();
        let a = policy.assess(&facts, now);

        let is_violation = matches!(a.status, Some(IntegrityStatus::InvalidImageSource | IntegrityStatus::InvalidImageIntegrity));
        prop_assert_eq!(a.violation.is_some(), is_violation);
        prop_assert!(!a.reasons.is_empty());
        if let (Some(status), Some(v)) = (a.status, &a.violation) {
            // The documentation's severities.
            let documented = match v.kind {
                kubesight::integrity::ViolationKind::DigestMismatch => kubesight::Severity::Critical,
                kubesight::integrity::ViolationKind::MissingSource => kubesight::Severity::High,
                kubesight::integrity::ViolationKind::PostDeploymentTagUpdate => kubesight::Severity::Medium,
            };
            prop_assert_eq!(v.severity, documented);
            // The documentation's mapping: a missing artifact is a missing
            // source; a digest that differs is a tag update behind a
            // mutable tag and a mismatch behind an immutable one.
            let documented = match status {
                IntegrityStatus::InvalidImageSource => kubesight::integrity::ViolationKind::MissingSource,
                _ if policy.classify_tag(&facts.image).mutability() == Mutability::Mutable => {
                    kubesight::integrity::ViolationKind::PostDeploymentTagUpdate
                }
                _ => kubesight::integrity::ViolationKind::DigestMismatch,
            };
            prop_assert_eq!(v.kind, documented);
            prop_assert!(!v.recommendations.is_empty());
            prop_assert_eq!(v.location.first_detected, facts.first_detected.unwrap_or(now));
        }
        if !trusted {
            prop_assert_eq!(a.status, Some(IntegrityStatus::UntrustedRegistry));
        }
        let json = serde_json::to_string(&a).unwrap();
        prop_assert_eq!(serde_json::from_str::<kubesight::integrity::IntegrityAssessment>(&json).unwrap(), a);
        let facts_json = serde_json::to_string(&facts).unwrap();
        prop_assert_eq!(serde_json::from_str::<IntegrityFacts>(&facts_json).unwrap(), facts);
    }
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (1_700_000_000i64..1_720_000_000).prop_map(|s| Utc.timestamp_opt(s, 0).unwrap())
}

fn facts() -> impl Strategy<Value = IntegrityFacts> {
    let digests = proptest::sample::select(vec!["a1", "b2", "c3"])
        .prop_map(|c| Digest::parse(&format!("sha256:{}", c.repeat(32))).unwrap());
    let image = prop_oneof![
        "(reg\\.acme\\.io|eu\\.reg\\.acme\\.io|ghcr\\.io)/shop/api(:(latest|1\\.4\\.2|1\\.4|stable-alpine|blue|pr-7))?",
        "nginx(:(latest|1\\.25\\.3))?",
    ]
    .prop_map(|s| ImageRef::parse(&s).unwrap());
    let answer = prop_oneof![
        (
            digests.clone(),
            proptest::collection::vec(digests.clone(), 0..2),
            proptest::option::of(digests.clone()),
            proptest::option::of(instant())
        )
            .prop_map(
                |(digest, platform_digests, config_digest, tag_updated_at)| RegistryAnswer::Found(
                    Artifact {
                        digest,
                        platform_digests,
                        config_digest,
                        url: None,
                        tag_updated_at,
                    }
                )
            ),
        Just(RegistryAnswer::NotFound {
            registry_path: None
        }),
        Just(RegistryAnswer::Unavailable {
            reason: "down".into()
        }),
    ];
    let image_id = (digests, proptest::bool::ANY).prop_map(|(d, local)| {
        if local {
            ImageId::parse(d.as_str()).unwrap()
        } else {
            ImageId::parse(&format!("reg.acme.io/shop/api@{d}")).unwrap()
        }
    });
    (
        image,
        image_id,
        answer,
        proptest::option::of(instant()),
        proptest::option::of(instant()),
    )
        .prop_map(
            |(image, image_id, registry, deployed_at, first_detected)| IntegrityFacts {
                image,
                image_id,
                registry,
                cluster: "c".into(),
                namespace: "n".into(),
                workload: Workload {
                    kind: WorkloadKind::Deployment,
                    name: "w".into(),
                },
                node: "node".into(),
                deployed_at,
                first_detected,
            },
        )
}
