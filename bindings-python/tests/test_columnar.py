"""Columnar input: the shared vectors given as records, a pyarrow table (plain
and dictionary-encoded), a polars DataFrame, a pandas DataFrame and a Parquet
file give the same answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import kubesight

from conftest import section, vectors

FINDINGS = pa.schema([
    ("image", pa.list_(pa.string())),
    ("vulnerability", pa.string()),
    ("aliases", pa.list_(pa.string())),
    ("package_name", pa.string()),
    ("package_version", pa.string()),
    ("package_ecosystem", pa.string()),
    ("package_purl", pa.string()),
    ("severity", pa.string()),
    ("severity_source", pa.string()),
    ("applicability", pa.string()),
    ("fix_state", pa.string()),
    ("fix_versions", pa.list_(pa.string())),
    ("runtime", pa.string()),
    ("malicious", pa.bool_()),
])

RUNNING = pa.schema([
    ("digest", pa.list_(pa.string())),
    ("scanned", pa.bool_()),
    ("monitored", pa.bool_()),
    ("cluster", pa.string()),
    ("namespace", pa.string()),
    ("kind", pa.string()),
    ("workload", pa.string()),
    ("reference", pa.string()),
    ("container", pa.string()),
])


def finding_row(o: dict[str, Any]) -> dict[str, Any]:
    package = o.get("package", {})
    fix = o.get("fix", {})
    return {
        "image": o["image"],
        "vulnerability": o["vulnerability"],
        "aliases": o.get("aliases", []),
        "package_name": package.get("name", ""),
        "package_version": package.get("version", ""),
        "package_ecosystem": package.get("ecosystem"),
        "package_purl": package.get("purl"),
        "severity": o.get("severity"),
        "severity_source": o.get("severity_source"),
        "applicability": o.get("applicability"),
        "fix_state": fix.get("state"),
        "fix_versions": fix.get("versions", []),
        "runtime": o.get("runtime"),
        "malicious": o.get("malicious", False),
    }


def running_rows(images: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for image in images:
        base = {"digest": image["digests"], "scanned": image["scanned"], "monitored": image.get("monitored", False)}
        for d in image.get("deployments", []) or [None]:
            place = {} if d is None else {
                "cluster": d["cluster"], "namespace": d["namespace"], "kind": d["kind"],
                "workload": d["workload"], "reference": d.get("reference"), "container": d.get("container"),
            }
            rows.append({**base, **place})
    return rows


def findings_table(occurrences: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist([finding_row(o) for o in occurrences], schema=FINDINGS)


def running_table(images: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(running_rows(images), schema=RUNNING)


def dictionary_encoded(table: pa.Table) -> pa.Table:
    columns = [
        c.dictionary_encode() if pa.types.is_string(c.type) else c for c in table.columns
    ]
    return pa.table(columns, names=table.column_names)


def parquet(tmp: Path, name: str, table: pa.Table) -> Path:
    path = tmp / f"{name}.parquet"
    pq.write_table(table, path, row_group_size=3)
    return path


Form = Callable[[pa.Table, Path, str], Any]
FORMS: dict[str, Form] = {
    "pyarrow": lambda t, _, __: t,
    "dictionary": lambda t, _, __: dictionary_encoded(t),
    "reader": lambda t, _, __: t.to_reader(max_chunksize=2),
    "polars": lambda t, _, __: pl.from_arrow(t),
    "pandas": lambda t, _, __: t.to_pandas(),
    "parquet": lambda t, tmp, name: parquet(tmp, name, t),
}

CASES = section("funnel.json", "cases", 15)


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("case", CASES)
def test_the_funnel_of_columns_is_the_funnel_of_records(
    case: dict[str, Any], form: str, tmp_path: Path
) -> None:
    expected = kubesight.funnel(case["running"], case["occurrences"], runtime_validation=case["runtime_validation"])
    make = FORMS[form]
    got = kubesight.funnel(
        make(running_table(case["running"]), tmp_path, "running"),
        make(findings_table(case["occurrences"]), tmp_path, "findings"),
        runtime_validation=case["runtime_validation"],
    )
    assert got.to_dict() == expected.to_dict()


@pytest.mark.parametrize("form", ["pyarrow", "polars", "parquet"])
@pytest.mark.parametrize("case", CASES[:8])
def test_the_table_and_the_images_view_of_columns_are_those_of_records(
    case: dict[str, Any], form: str, tmp_path: Path
) -> None:
    make = FORMS[form]
    running = make(running_table(case["running"]), tmp_path, "running")
    findings = make(findings_table(case["occurrences"]), tmp_path, "findings")
    expected = kubesight.vulnerability_table(case["running"], case["occurrences"], runtime_validation=True)
    got = kubesight.vulnerability_table(running, findings, runtime_validation=True)
    assert [r.to_dict() for r in got.rows] == [r.to_dict() for r in expected.rows]
    view = kubesight.images_view(running, findings).query()
    assert view.to_dict() == kubesight.images_view(case["running"], case["occurrences"]).query().to_dict()


def test_columns_take_the_callers_names_and_a_missing_one_is_a_coded_error() -> None:
    digest = "sha256:" + "ab" * 32
    running = pl.DataFrame({"sha": [digest], "has_scan": [True]})
    findings = pd.DataFrame({"img": [digest], "cve": ["CVE-2024-1"], "sev": ["critical"]})
    result = kubesight.funnel(
        running, findings, runtime_validation=False,
        columns={"image": "img", "vulnerability": "cve", "severity": "sev"},
        running_columns={"digest": "sha", "scanned": "has_scan"},
    )
    assert result.funnel.critical_high.vulnerabilities == 1
    with pytest.raises(kubesight.KubesightError) as raised:
        kubesight.funnel(running, findings, runtime_validation=False, running_columns={"digest": "sha"})
    assert raised.value.code == "missing_column"
    assert raised.value.details == {"column": "scanned", "found": "sha, has_scan"}
    with pytest.raises(kubesight.KubesightError) as raised:
        kubesight.funnel(running, findings, runtime_validation=False, columns={"cve_id": "cve"},
                         running_columns={"digest": "sha", "scanned": "has_scan"})
    assert raised.value.code == "unknown_column_field"


def test_a_bad_value_names_its_row_and_a_bad_path_is_a_coded_error(tmp_path: Path) -> None:
    digest = "sha256:" + "ab" * 32
    running = [{"digests": [digest], "scanned": True}]
    findings = pa.table({"image": [digest, digest], "vulnerability": ["CVE-1", "CVE-2"], "severity": ["low", "Severe"]})
    with pytest.raises(kubesight.KubesightError) as raised:
        kubesight.funnel(running, findings, runtime_validation=False)
    assert raised.value.code == "invalid_column_value"
    assert raised.value.details["row"] == 1
    assert raised.value.details["value"] == "Severe"
    with pytest.raises(kubesight.KubesightError) as raised:
        kubesight.funnel(running, tmp_path / "absent.parquet", runtime_validation=False)
    assert raised.value.code == "unreadable_parquet"


TREND = [c for c in vectors("trend.json")["windows"] if "error" not in c.get("expect", {})]


@pytest.mark.parametrize("case", TREND, ids=lambda c: c["name"])
def test_the_trend_of_columns_is_the_trend_of_records(case: dict[str, Any]) -> None:
    options = case.get("options", {})
    expected = kubesight.trend(case["snapshots"], now=case["now"], **options)
    at_running: list[dict[str, Any]] = []
    at_findings: list[dict[str, Any]] = []
    for s in case["snapshots"]:
        at_running += [{**r, "taken_at": s["taken_at"]} for r in running_rows(s.get("running", []))]
        at_findings += [{**finding_row(o), "taken_at": s["taken_at"]} for o in s.get("occurrences", [])]
    running = pa.Table.from_pylist(at_running, schema=RUNNING.append(pa.field("taken_at", pa.string())))
    findings = pa.Table.from_pylist(at_findings, schema=FINDINGS.append(pa.field("taken_at", pa.string())))
    headers = [{k: v for k, v in s.items() if k not in ("running", "occurrences")} for s in case["snapshots"]]
    got = kubesight.trend_of_columns(running, findings, now=case["now"], snapshots=headers, **options)
    assert got.to_dict() == expected.to_dict()


def test_the_trend_of_columns_reads_timestamps_and_names_bad_instants() -> None:
    digest = "sha256:" + "ab" * 32
    at = pa.array([1_795_000_000_000_000], pa.timestamp("us", tz="UTC"))
    running = pa.table({"digest": [digest], "scanned": [True], "taken_at": at})
    findings = pa.table({"image": [digest], "vulnerability": ["CVE-2024-1"], "severity": ["high"], "taken_at": at})
    t = kubesight.trend_of_columns(running, findings, now="2026-11-18T12:00:00Z", days=2)
    # 1,795,000,000 s after the epoch is 2026-11-18T11:06:40Z, that day's snapshot.
    assert (t.series.states, t.series.high) == (("missing", "complete"), (None, 1))
    assert t.trend.days[1].snapshot_taken_at == "2026-11-18T11:06:40Z"
    bad = findings.set_column(3, "taken_at", pa.array(["yesterday"]))
    with pytest.raises(kubesight.KubesightError) as raised:
        kubesight.trend_of_columns(running, bad, now="2026-11-18T12:00:00Z")
    assert raised.value.code == "invalid_column_value"
    assert raised.value.details["column"] == "taken_at"
    with pytest.raises(kubesight.KubesightError) as raised:
        kubesight.trend_of_columns([], findings, now="2026-11-18T12:00:00Z")
    assert raised.value.code == "invalid_input"
