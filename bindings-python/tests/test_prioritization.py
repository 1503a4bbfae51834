"""The prioritization vectors (``tests/vectors/prioritization.json``) read
by the Python binding, and the table's invariants on generated findings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kubesight
from kubesight import ingest

from conftest import ROOT, section, subset


@pytest.mark.parametrize("case", section("prioritization.json", "table", 6))
def test_table(case: dict[str, Any]) -> None:
    table = kubesight.vulnerability_table(
        case["running"], case["findings"],
        runtime_validation=case["runtime_validation"], enrichment=case.get("enrichment"),
    )
    page = table.query(**case.get("query", {}))
    actual = {"page": page.to_dict(), "malicious": [m.to_dict() for m in table.malicious_packages]}
    subset(case["expect"], actual)


@pytest.mark.parametrize("case", section("prioritization.json", "images", 2))
def test_images(case: dict[str, Any]) -> None:
    view = kubesight.images_view(case["running"], case["findings"], integrity=case.get("integrity"))
    subset(case["expect"], view.query(**case.get("query", {})).to_dict())


@pytest.mark.parametrize("case", section("prioritization.json", "change", 3))
def test_change(case: dict[str, Any]) -> None:
    explained = kubesight.explain_change(case["before"], case["after"], threshold=case.get("threshold"))
    subset(case["expect"], explained.to_dict())


@pytest.mark.parametrize("case", section("prioritization.json", "enrichment", 5))
def test_enrichment_readers(case: dict[str, Any]) -> None:
    read = {"epss": ingest.epss, "kev": ingest.kev}[case["reader"]]
    if "error" in case:
        with pytest.raises(kubesight.KubesightError) as raised:
            read(case["text"])
        assert raised.value.code == case["error"]
        return
    enrichment = read(case["text"])
    actual = {"enrichment": enrichment.to_dict(), "warnings": [w.to_dict() for w in enrichment.warnings]}
    subset(case["expect"], actual)


def test_enrichment_objects_merge_and_feed_the_table() -> None:
    epss = ingest.epss("cve,epss,percentile\nCVE-2024-1,0.7,0.98\n")
    kev = ingest.kev('{"vulnerabilities": [{"cveID": "CVE-2024-1", "dateAdded": "2024-05-01"}]}')
    both = epss.merged(kev)
    assert (both.epss_count, both.kev_count) == (1, 1)
    digest = "sha256:" + "ab" * 32
    table = kubesight.vulnerability_table(
        [{"digests": [digest], "scanned": True}],
        [{"image": [digest], "vulnerability": "CVE-2024-1", "severity": "high"}],
        runtime_validation=False, enrichment=both,
    )
    row = table.rows[0]
    assert (row.epss.score, row.kev.date_added) == (0.7, "2024-05-01")
    assert table.query(kev=True, min_epss=0.5).total == 1


def test_grype_reports_carry_enrichment() -> None:
    path = ROOT / "../shared/fixtures/defectdojo/anchore_grype/many_vulns_with_epss_values.json"
    read = ingest.grype(Path(path).read_text(encoding="utf-8"))
    assert read.enrichment.epss["CVE-2022-28391"].score == 0.0719


def test_rows_go_into_a_dataframe_as_they_are() -> None:
    digest = "sha256:" + "ab" * 32
    table = kubesight.vulnerability_table(
        [{"digests": [digest], "scanned": True}],
        [{"image": [digest], "vulnerability": f"CVE-2024-{i}", "severity": s}
         for i, s in enumerate(["critical", "high", "low"])],
        runtime_validation=False,
    )
    frame = pandas.DataFrame(table.rows)
    assert list(frame["id"]) == ["CVE-2024-0", "CVE-2024-1", "CVE-2024-2"]
    assert list(frame["stage"]) == ["critical_high", "critical_high", "all"]
    assert frame["image_count"].sum() == 3
    images = pandas.DataFrame(kubesight.images_view([{"digests": [digest], "scanned": True}], []).rows)
    assert list(images["digest"]) == [digest]


def test_a_bad_query_names_the_argument() -> None:
    table = kubesight.vulnerability_table([], [], runtime_validation=False)
    with pytest.raises(kubesight.KubesightError) as raised:
        table.query(stage="nowhere")
    assert (raised.value.code, raised.value.details["argument"]) == ("invalid_input", "query")
    with pytest.raises(kubesight.KubesightError) as raised:
        table.query(sort=["-colour"])
    assert raised.value.code == "invalid_input"


DIGESTS = ["sha256:" + f"{i:02x}" * 32 for i in range(6)]

finding = st.fixed_dictionaries({
    "image": st.sampled_from(DIGESTS).map(lambda d: [d]),
    "vulnerability": st.integers(0, 20).map(lambda i: f"CVE-2024-{i}" if i % 5 else f"GHSA-{i}"),
    "aliases": st.lists(st.integers(0, 20).map(lambda i: f"CVE-2024-{i}"), max_size=1),
    "severity": st.sampled_from([s.value for s in kubesight.Severity]),
    "applicability": st.sampled_from([a.value for a in kubesight.Applicability]),
    "fix": st.sampled_from([{"state": "fixed", "versions": ["2"]}, {"state": "not_fixed"}, {"state": "unknown"}]),
    "runtime": st.sampled_from([r.value for r in kubesight.RuntimeEvidence]),
    "malicious": st.booleans().map(lambda b: b and False),
})
running = [{"digests": [d], "scanned": i < 5, "monitored": i % 2 == 0} for i, d in enumerate(DIGESTS)]


@settings(max_examples=100, deadline=None)
@given(st.lists(finding, max_size=60), st.booleans())
def test_rows_by_stage_are_the_funnel(findings: list[dict[str, Any]], available: bool) -> None:
    funnel = kubesight.funnel(running, findings, runtime_validation=available).funnel
    table = kubesight.vulnerability_table(running, findings, runtime_validation=available)
    stages = ["all", "critical_high", "applicable", "with_fix"] + (["validated_in_runtime"] if available else [])
    assert table.stage_counts() == {s: funnel[s].vulnerabilities for s in stages}
    for s in stages:
        assert table.query(stage=s).total == funnel[s].vulnerabilities


@settings(max_examples=100, deadline=None)
@given(st.lists(finding, max_size=60))
def test_filters_compose(findings: list[dict[str, Any]]) -> None:
    table = kubesight.vulnerability_table(running, findings, runtime_validation=True)
    ids = lambda page: {r.id for r in page.rows}  # noqa: E731
    a, b = {"severity": ["critical", "high"]}, {"applicability": ["applicable"], "runtime": ["loaded"]}
    assert ids(table.query(**a, **b)) == ids(table.query(**a)) & ids(table.query(**b))
