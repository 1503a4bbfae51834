"""What the binding adds: errors, immutability, pickling, dict forms,
datetimes, enums, plain-data inputs, threads."""

from __future__ import annotations

import pickle
import typing
from enum import Enum
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import pytest

import kubesight
from kubesight import _native, ingest

from conftest import FIXTURES, vectors

DIGEST = "sha256:" + "ab" * 32


def all_codes() -> set[str]:
    areas = vectors("errors.json")["areas"]
    return {code for codes in areas.values() for code in codes}


def test_the_binding_codes_are_catalogued() -> None:
    assert list(_native.BINDING_CODES) == vectors("errors.json")["areas"]["binding"]
    assert issubclass(kubesight.InternalError, RuntimeError)
    assert not issubclass(kubesight.InternalError, ValueError)


def test_errors_are_value_errors_with_a_stable_code() -> None:
    with pytest.raises(ValueError) as raised:
        kubesight.ImageRef.parse("nginx:-bad")
    error = raised.value
    assert isinstance(error, kubesight.KubesightError)
    assert error.code == "invalid_tag_start"
    assert error.code in all_codes()
    with pytest.raises(kubesight.KubesightError) as raised:
        kubesight.funnel([{"digests": 7}], [], runtime_validation=False)
    assert raised.value.code == "invalid_input"
    assert raised.value.details["argument"] == "running_images"


DETAILS_CALLS: dict[str, Callable[[Any], object]] = {
    "parse_reference": kubesight.ImageRef.parse,
    "parse_image_id": kubesight.ImageId.parse,
    "parse_digest": kubesight.parse_digest,
    "classify_tag": lambda tag: kubesight.TagPolicy().classify(tag),
    "trusted_registries": kubesight.IntegrityPolicy,
    "read_grype": ingest.grype,
}


@pytest.mark.parametrize(
    "case", vectors("errors.json")["details"], ids=lambda c: f"{c['call']}({c['input']!r})"
)
def test_errors_carry_their_details(case: dict[str, Any]) -> None:
    with pytest.raises(kubesight.KubesightError) as raised:
        DETAILS_CALLS[case["call"]](case["input"])
    assert raised.value.code == case["error"]
    assert raised.value.details == case["details"]


@pytest.mark.parametrize(
    "call",
    [
        lambda: kubesight.TagPolicy().classify(""),
        lambda: kubesight.ImageId.parse("nope"),
        lambda: kubesight.parse_digest("md5:00"),
        lambda: kubesight.IntegrityPolicy(["*"]),
        lambda: kubesight.batch_configure({"prod": {"scanners": []}}, ["nope"], {"scanners": ["sca"]}),
        lambda: kubesight.trend([], now="2026-11-26T00:00:00Z", days=0),
        lambda: kubesight.trend([], now="2026-11-26T00:00:00Z", zone="Mars/Olympus"),
        lambda: ingest.grype("{}"),
        lambda: ingest.trivy("not json"),
        lambda: ingest.trivy(b"\xff\xfe"),
    ],
)
def test_every_error_carries_a_code_from_the_catalogue(call: Any) -> None:
    with pytest.raises(kubesight.KubesightError) as raised:
        call()
    assert raised.value.code in all_codes()


def test_results_are_immutable() -> None:
    assessment = kubesight.scan_report([])
    with pytest.raises(AttributeError):
        assessment.status = "scanned"  # type: ignore[misc]
    ref = kubesight.ImageRef.parse("nginx")
    with pytest.raises(AttributeError):
        ref.tag = "x"  # type: ignore[misc]


def test_everything_pickles() -> None:
    policy = kubesight.TagPolicy(add_keywords=["edge"], remove_variants=["slim"])
    values = [
        kubesight.ImageRef.parse("ghcr.io/acme/api:1.2@" + DIGEST),
        kubesight.ImageId.parse("docker-pullable://nginx@" + DIGEST),
        policy.classify("edge"),
        policy,
        kubesight.installation([{"name": "p", "controller": "running", "nodes": []}]),
    ]
    for value in values:
        again = pickle.loads(pickle.dumps(value))
        assert again == value, value
    assert pickle.loads(pickle.dumps(policy)).classify("edge").rule == "keyword"


def test_dict_forms_round_trip() -> None:
    ref = kubesight.ImageRef.parse("nginx:1.25")
    assert kubesight.ImageRef.parse(ref.to_dict()["string"]) == ref
    policy = kubesight.TagPolicy(add_keywords=["edge"])
    assert kubesight.TagPolicy.from_dict(policy.to_dict()) == policy
    report = kubesight.scan_report([{"digests": [DIGEST], "scanned": False}])
    assert report.to_dict() == {
        "status": "not_scanned",
        "running": 1,
        "scanned": 0,
        "unscanned": 1,
        "unscanned_images": [DIGEST],
    }


FACTS = {
    "image": "registry.acme.io/api:1.0",
    "image_id": "registry.acme.io/api@" + DIGEST,
    "registry": {"answer": "found", "digest": DIGEST},
    "cluster": "c",
    "namespace": "n",
    "workload": {"kind": "deployment", "name": "api"},
    "node": "n1",
}


def test_naive_datetimes_are_refused_not_guessed() -> None:
    policy = kubesight.IntegrityPolicy(["registry.acme.io"])
    with pytest.raises(kubesight.KubesightError) as raised:
        policy.assess(FACTS, observed_at=datetime(2024, 5, 1))
    assert raised.value.code == "naive_datetime"
    with pytest.raises(kubesight.KubesightError) as raised:
        policy.assess({**FACTS, "deployed_at": datetime(2024, 5, 1)}, observed_at="2024-05-01T00:00:00Z")
    assert raised.value.code == "naive_datetime"
    aware = datetime(2024, 5, 1, 12, tzinfo=timezone(timedelta(hours=2)))
    a = policy.assess({**FACTS, "deployed_at": aware}, observed_at=aware)
    assert a.status == kubesight.IntegrityStatus.NO_ISSUES


def test_enums_are_str_enums_with_the_core_codes() -> None:
    native = _native._codes()
    for name, codes in native.items():
        enum = getattr(kubesight, name)
        assert sorted(e.value for e in enum) == sorted(codes), name
    # Every enum has the members of the core's type, as its schema says.
    enums = [e for e in vars(kubesight._enums).values() if isinstance(e, type) and issubclass(e, Enum)]
    checked = 0
    for enum in enums:
        if enum.__name__.startswith("_") or enum is Enum:
            continue
        declared = typing.get_args(getattr(kubesight.types, enum.__name__))
        assert sorted(e.value for e in enum) == sorted(declared), enum.__name__
        checked += 1
    assert checked == 18
    assert kubesight.Severity.CRITICAL == "critical"
    assert isinstance(kubesight.Severity.CRITICAL, str)
    assert str(kubesight.ViolationKind.DIGEST_MISMATCH) == "digest_mismatch"


def test_inputs_are_plain_python_data() -> None:
    findings = (
        {"image": [DIGEST], "vulnerability": f"CVE-2024-{i}", "severity": kubesight.Severity.HIGH}
        for i in range(3)
    )
    result = kubesight.funnel(({"digests": [DIGEST], "scanned": True},), findings, runtime_validation=False)
    assert result.funnel.critical_high.vulnerabilities == 3
    # A record is accepted where its dict form is.
    installation = kubesight.installation([{"name": "p", "controller": "running", "nodes": []}])
    assert kubesight.readiness(installation, {}).ready is False


def test_ingest_takes_text_bytes_or_a_path() -> None:
    path = FIXTURES / ".." / "shared" / "fixtures" / "trivy" / "alpine-39.json.golden"
    by_path = ingest.trivy(path)
    assert ingest.trivy(path.read_bytes()) == by_path
    assert ingest.trivy(path.read_text()) == by_path
    assert sum(len(r.occurrences) for r in by_path.reports) == 6


def test_threads_share_the_library_safely() -> None:
    tags = ["latest", "1.2.3", "stable-alpine", "3.19", "main", "v2"] * 2000
    policy = kubesight.TagPolicy()
    expected = [c.rule for c in policy.classify_many(tags)]
    running = [{"digests": [DIGEST], "scanned": True}]
    findings = [{"image": [DIGEST], "vulnerability": f"CVE-2024-{i}", "severity": "high"} for i in range(2000)]
    reference = kubesight.funnel(running, findings, runtime_validation=False)

    def work(_: int) -> tuple[list[str], Any]:
        return (
            [c.rule for c in policy.classify_many(tags)],
            kubesight.funnel(running, findings, runtime_validation=False),
        )

    with ThreadPoolExecutor(max_workers=4) as pool:
        for rules, funnel in pool.map(work, range(16)):
            assert rules == expected
            assert funnel == reference


def test_large_batches_are_classified_in_pieces_in_order() -> None:
    # Several thousand tags cross in pieces classified side by side; the
    # answers come back in the tags' order, and an invalid tag in a late piece
    # is the error, named as given.
    policy = kubesight.TagPolicy()
    shapes = ["latest", "1.2.3", "stable-alpine", "main-3f2a9c1", "20.8.1-slim-bookworm", "pr-7", "v2"]
    tags = [f"{shapes[i % len(shapes)]}" if i % 11 else f"1.{i}.0" for i in range(5000)]
    assert [c.rule for c in policy.classify_many(tags)] == [policy.classify(t).rule for t in tags]
    for bad, code in [("café", "invalid_tag_character"), ("", "empty_tag"), ("-x", "invalid_tag_start"), ("a\nb", "invalid_tag_character")]:
        with pytest.raises(kubesight.KubesightError) as raised:
            policy.classify_many([*tags[:4000], bad, *tags[4000:]])
        assert raised.value.code == code
    with pytest.raises(kubesight.KubesightError) as raised:
        policy.classify_many([*tags, None])  # type: ignore[list-item]
    assert raised.value.code == "invalid_input"


def test_batch_calls_share_one_result_object_per_rule() -> None:
    classes = kubesight.TagPolicy().classify_many(["latest", "stable", "1.2.3"])
    assert classes[0] is classes[1]
    assert classes[0].is_mutable and not classes[2].is_mutable


def test_batch_classification_agrees_with_one_at_a_time() -> None:
    policy = kubesight.TagPolicy()
    tags = ["latest", "1.2.3", "stable-alpine", "", "main-3f2a9c1"]
    assert [c.rule for c in policy.classify_many(t for t in tags if t)] == [
        policy.classify(t).rule for t in tags if t
    ]
    assert policy.classify_many([]) == []
    # A tag holding a newline is read on its own, and is an error.
    with pytest.raises(kubesight.KubesightError) as raised:
        policy.classify_many(["latest", "a\nb"])
    assert raised.value.code == "invalid_tag_character"
    with pytest.raises(kubesight.KubesightError) as raised:
        policy.classify_many(["latest", 7])  # type: ignore[list-item]
    assert raised.value.code == "invalid_input"
