"""Table-shaped results as Arrow: the vulnerability table, the images view and
the trend's series export ``__arrow_c_stream__``; pyarrow, polars and pandas
read from them the rows the records hold."""

from __future__ import annotations

import datetime
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import kubesight

from conftest import section, vectors


def without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def table_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row's record form with its signals spread over columns, as the
    Arrow table writes it."""
    row = dict(row)
    epss = row.pop("epss", None) or {}
    kev = row.pop("kev", None)
    row["epss_score"] = epss.get("score")
    row["epss_percentile"] = epss.get("percentile")
    row["kev"] = kev is not None
    for k in ("date_added", "due_date", "known_ransomware_use"):
        row[f"kev_{k}"] = (kev or {}).get(k)
    return without_nulls(row)


@pytest.mark.parametrize("case", section("prioritization.json", "table", 6))
def test_the_table_as_arrow_is_its_query(case: dict[str, Any]) -> None:
    table = kubesight.vulnerability_table(
        case["running"], case["findings"],
        runtime_validation=case["runtime_validation"], enrichment=case.get("enrichment"),
    )
    query = case.get("query", {})
    page = table.query(**query)
    arrow = table.to_arrow(**{"images_per_row": 10, **query})
    assert arrow.num_rows == len(page.rows) == len(arrow)
    rows = [without_nulls(r) for r in pa.table(arrow).to_pylist()]
    assert rows == [table_row(r.to_dict()) for r in page.rows]


def test_every_image_of_every_row_by_default() -> None:
    digests = [f"sha256:{i:064x}" for i in range(12)]
    running = [{"digests": [d], "scanned": True} for d in digests]
    findings = [{"image": [d], "vulnerability": "CVE-2024-1", "severity": "high"} for d in digests]
    table = kubesight.vulnerability_table(running, findings, runtime_validation=False)
    assert table.query().rows[0].image_count == 12
    assert len(table.query().rows[0].images) == 10
    frame = pl.DataFrame(table.to_arrow())
    assert frame["images"].list.len().to_list() == [12]
    assert frame["image_count"].to_list() == [12]
    one = pa.table(table.to_arrow(images_per_row=1))
    assert [len(r) for r in one.column("images").to_pylist()] == [1]


def test_dataframe_libraries_read_the_same_columns() -> None:
    case = vectors("prioritization.json")["table"][0]
    table = kubesight.vulnerability_table(
        case["running"], case["findings"], runtime_validation=case["runtime_validation"],
    )
    arrow = table.to_arrow()
    via_pyarrow = pa.table(arrow)
    via_polars = pl.DataFrame(arrow)
    via_pandas = via_pyarrow.to_pandas()
    assert via_pyarrow.column_names == arrow.column_names == via_polars.columns
    assert list(via_pandas.columns) == arrow.column_names
    ids = [r.id for r in table.query().rows]
    assert via_pyarrow.column("id").to_pylist() == via_polars["id"].to_list() == ids
    assert isinstance(via_pandas, pd.DataFrame) and list(via_pandas["id"]) == ids
    assert via_pyarrow.schema.field("image_count").type == pa.uint64()
    assert via_pyarrow.schema.field("stopped").nullable
    assert not via_pyarrow.schema.field("id").nullable
    # Each export is a stream of its own: the object can be read again.
    assert pa.table(arrow).num_rows == via_pyarrow.num_rows
    assert repr(arrow).startswith("ArrowTable(vulnerability table: ")


def test_the_drill_down_keeps_the_querys_rows_and_order() -> None:
    case = vectors("prioritization.json")["table"][0]
    table = kubesight.vulnerability_table(
        case["running"], case["findings"], runtime_validation=case["runtime_validation"],
    )
    for stage in ("all", "critical_high", "applicable"):
        ids = [r.id for r in table.query(stage=stage, sort=["id"]).rows]
        arrow = pa.table(table.to_arrow(stage=stage, sort=["id"]))
        assert arrow.column("id").to_pylist() == ids
    assert pa.table(table.to_arrow(limit=1)).num_rows == min(1, len(table))


def test_an_unknown_keyword_is_refused() -> None:
    table = kubesight.vulnerability_table([], [], runtime_validation=False)
    with pytest.raises(TypeError, match="stag"):
        table.to_arrow(stag="all")
    view = kubesight.images_view([], [])
    with pytest.raises(TypeError, match="stage"):
        view.to_arrow(stage="all")


@pytest.mark.parametrize("case", section("prioritization.json", "images", 2))
def test_the_images_view_as_arrow_is_its_query(case: dict[str, Any]) -> None:
    view = kubesight.images_view(case["running"], case["findings"], integrity=case.get("integrity"))
    query = case.get("query", {})
    page = view.query(**query)
    expected = []
    for r in page.rows:
        row = dict(r.to_dict())
        row.update(row.pop("vulnerabilities"))
        for k, v in (row.pop("integrity", None) or {}).items():
            row[f"integrity_{k}"] = v
        expected.append(without_nulls(row))
    rows = [without_nulls(r) for r in pa.table(view.to_arrow(**query)).to_pylist()]
    assert rows == expected


def test_the_trend_as_arrow_is_its_series() -> None:
    digest = "sha256:" + "ab" * 32
    snapshots = [
        {"taken_at": "2026-11-24T02:00:00Z", "running": [{"digests": [digest], "scanned": True}],
         "occurrences": [{"image": [digest], "vulnerability": "CVE-2024-1", "severity": "high"}]},
    ]
    now = datetime.datetime(2026, 11, 27, 9, tzinfo=datetime.timezone.utc)
    series = kubesight.trend(snapshots, now=now, days=4, carry_forward_days=1).series
    table = pa.table(kubesight.trend_table(snapshots, now=now, days=4, carry_forward_days=1))
    assert table.column("date").to_pylist() == [datetime.date.fromisoformat(d) for d in series.dates]
    assert table.column("state").to_pylist() == list(series.states)
    assert table.column("carried").to_pylist() == list(series.carried)
    assert table.column("carried").to_pylist() == [False, True, False, False]
    for name in ("running", "scanned", "unscanned", "critical", "high", "medium", "low", "unknown"):
        assert table.column(name).to_pylist() == list(getattr(series, name)), name
    assert table.column("high").to_pylist() == [1, 1, None, None]
    frame = pl.DataFrame(kubesight.trend_table(snapshots, now=now, days=4))
    assert frame.schema["date"] == pl.Date


def test_a_bad_trend_request_raises_its_code() -> None:
    with pytest.raises(kubesight.KubesightError) as raised:
        kubesight.trend_table([], now="2026-11-27T09:00:00Z", days=0)
    assert raised.value.code == "invalid_window"
