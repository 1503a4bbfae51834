"""Scale-out: partials of any split of the findings merge into the funnel of
one pass, in their binary wire form; damaged or foreign partials raise their
codes; the Dask helper on a local cluster of two worker processes gives the
single-process answer over a partitioned Parquet dataset and a Dask
DataFrame."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kubesight

from conftest import section, vectors
from test_columnar import findings_table

CASES = section("funnel.json", "cases", 15)
# The funnel vectors with findings to spread over partitions (some of the
# three then hold none).
SPREAD = [c for c in vectors("funnel.json")["cases"] if c["occurrences"]][:8]


def digest(i: int) -> str:
    return f"sha256:{i:064x}"


RUNNING = [{"digests": [digest(i)], "scanned": i != 3, "monitored": i % 2 == 0} for i in range(6)]

finding = st.builds(
    lambda image, vid, alias, sev, app, fix, rt, mal: {
        "image": [digest(image)],
        "vulnerability": f"CVE-2024-{vid}" if vid < 8 else f"GHSA-aaaa-bbbb-{vid:04d}",
        "aliases": [f"CVE-2024-{alias}"] if vid >= 8 and alias is not None else [],
        "severity": sev, "applicability": app, "fix": {"state": fix, "versions": ["1.1"] if fix == "fixed" else []},
        "runtime": rt, "malicious": mal,
    },
    st.integers(0, 7), st.integers(0, 12), st.one_of(st.none(), st.integers(0, 7)),
    st.sampled_from(["critical", "high", "medium", "low", "unknown"]),
    st.sampled_from(["applicable", "not_applicable", "undetermined", "not_scanned"]),
    st.sampled_from(["fixed", "not_fixed", "unknown"]),
    st.sampled_from(["loaded", "not_observed"]), st.booleans(),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(finding, max_size=60), st.lists(st.integers(0, 60), max_size=4), st.booleans())
def test_partials_of_any_split_merge_into_one_pass(
    findings: list[dict[str, Any]], cuts: list[int], validation: bool
) -> None:
    bounds = [0, *sorted(min(c, len(findings)) for c in cuts), len(findings)]
    parts = [findings[a:b] for a, b in zip(bounds, bounds[1:])]
    partials = [kubesight.funnel_partial(RUNNING, p) for p in parts]
    merged = kubesight.merge_funnel_partials(RUNNING, partials, runtime_validation=validation)
    assert merged.to_dict() == kubesight.funnel(RUNNING, findings, runtime_validation=validation).to_dict()


@pytest.mark.parametrize("case", CASES[:8])
def test_partials_of_columns_are_those_of_records(case: dict[str, Any]) -> None:
    records = kubesight.funnel_partial(case["running"], case["occurrences"])
    columns = kubesight.funnel_partial(case["running"], findings_table(case["occurrences"]))
    assert kubesight.read_funnel_partial(records) == kubesight.read_funnel_partial(columns)


def test_damaged_and_foreign_partials_raise_their_codes() -> None:
    good = kubesight.funnel_partial(RUNNING, [{"image": [digest(0)], "vulnerability": "CVE-2024-1"}])

    def code(partials: list[Any]) -> str:
        with pytest.raises(kubesight.KubesightError) as raised:
            kubesight.merge_funnel_partials(RUNNING, partials, runtime_validation=True)
        return raised.value.code

    changed = bytearray(good)
    changed[10] ^= 0xFF
    assert code([good, bytes(changed)]) == "partial_corrupted"
    assert code([good[:-3]]) == "partial_corrupted"
    newer = bytearray(good)
    newer[4] = 9
    assert code([bytes(newer)]) == "partial_version_unsupported"
    assert code([b'{"vulnerabilities": []}']) == "partial_unrecognized"
    assert code(["KSFP"]) == "invalid_input"
    with pytest.raises(kubesight.KubesightError) as raised:
        kubesight.read_funnel_partial(bytes(newer))
    assert raised.value.details == {"version": 9, "supported": 1}
    # A bytearray is as good as bytes.
    r = kubesight.merge_funnel_partials(RUNNING, [bytearray(good)], runtime_validation=True)
    assert r.funnel.all.vulnerabilities == 1


def partitioned(tmp: Path, occurrences: list[dict[str, Any]]) -> Path:
    """The findings as a partitioned Parquet dataset: a file in each
    partition folder, and the marker a writer leaves beside them."""
    root = tmp / "findings"
    table = findings_table(occurrences)
    n = table.num_rows
    for i, (a, b) in enumerate([(0, n // 3), (n // 3, 2 * n // 3), (2 * n // 3, n)]):
        folder = root / f"part={i}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(table.slice(a, b - a), folder / f"f{i}.parquet")
    (root / "_SUCCESS").write_text("")
    return root


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local, distributed.Client(local) as client:
        yield client


@pytest.mark.parametrize("case", SPREAD)
def test_the_dask_funnel_is_the_funnel_of_one_process(case: dict[str, Any], tmp_path: Path, cluster: Any) -> None:
    import dask.dataframe as dd

    import kubesight.dask

    validation = case["runtime_validation"]
    expected = kubesight.funnel(case["running"], case["occurrences"], runtime_validation=validation).to_dict()
    folder = partitioned(tmp_path, case["occurrences"])
    assert len(kubesight.dask.parquet_files(folder)) == 3
    got = kubesight.dask.funnel(case["running"], folder, runtime_validation=validation)
    assert got.to_dict() == expected
    files = kubesight.dask.parquet_files(folder)
    assert kubesight.dask.funnel(case["running"], files, runtime_validation=validation).to_dict() == expected
    frame = dd.read_parquet(str(folder))
    assert frame.npartitions == 3
    assert kubesight.dask.funnel(case["running"], frame, runtime_validation=validation).to_dict() == expected
    # The work ran on the cluster's two processes.
    assert len(cluster.scheduler_info()["workers"]) == 2


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark")
    import os
    import sys

    from pyspark.sql import SparkSession

    # The executors' Python is this one, which has kubesight.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]").appName("kubesight-tests")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.mark.parametrize("case", SPREAD)
def test_the_spark_funnel_is_the_funnel_of_one_process(case: dict[str, Any], tmp_path: Path, spark: Any) -> None:
    import kubesight.spark

    validation = case["runtime_validation"]
    expected = kubesight.funnel(case["running"], case["occurrences"], runtime_validation=validation).to_dict()
    frame = spark.read.parquet(str(partitioned(tmp_path, case["occurrences"])))
    partials = kubesight.spark.partials(case["running"], frame.repartition(3))
    assert len(partials) == 3
    got = kubesight.merge_funnel_partials(case["running"], partials, runtime_validation=validation)
    assert got.to_dict() == expected
    assert kubesight.spark.funnel(case["running"], frame, runtime_validation=validation).to_dict() == expected
