"""The funnel from columns beside polars and DuckDB, run on demand:

    .venv/bin/pip install -r benches/python/requirements.txt
    .venv/bin/maturin develop --release -m bindings-python/Cargo.toml
    .venv/bin/python benches/python/columnar.py [ROWS] [--repeat N]

Generates ROWS findings (default 1,000,000) into one Parquet file, no
aliases and every image running, scanned and watched, so that the three
tools must give the same counts (checked): per vulnerability the deepest
stage any of its occurrences reached, counted per stage. Each tool is timed
in turn within each repetition, twice: reading the file itself, and from
an in-memory table (a pyarrow table for kubesight and DuckDB, a polars
DataFrame for polars). Reports the median of each and the median ratio of
kubesight to the faster peer within a repetition.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

import kubesight

IMAGES = 5_000
IDS = 20_000
SEVERITIES = ["critical", "high", "medium", "low", "unknown"]
APPLICABILITY = ["applicable", "not_applicable", "undetermined", "not_scanned"]
FIX = ["fixed", "not_fixed", "unknown"]
RUNTIME = ["loaded", "not_observed"]

STAGES = ["all", "critical_high", "applicable", "with_fix", "validated_in_runtime"]


def digest(i: int) -> str:
    return f"sha256:{i:064x}"


def generate(rows: int, path: Path) -> list[dict[str, Any]]:
    rng = random.Random(7)
    images = [rng.randrange(IMAGES) for _ in range(rows)]
    images.sort()
    fix_state = [rng.choice(FIX) for _ in range(rows)]
    table = pa.table({
        "image": [digest(i) for i in images],
        "vulnerability": [f"CVE-{2015 + i % 10}-{10_000 + i}" for i in (rng.randrange(IDS) for _ in range(rows))],
        "severity": [rng.choice(SEVERITIES) for _ in range(rows)],
        "applicability": [rng.choice(APPLICABILITY) for _ in range(rows)],
        "fix_state": fix_state,
        "fix_versions": [["2.0"] if s == "fixed" and rng.random() < 0.9 else [] for s in fix_state],
        "runtime": [rng.choice(RUNTIME) for _ in range(rows)],
    })
    pq.write_table(table, path, row_group_size=128 * 1024)
    return [{"digests": [digest(i)], "scanned": True, "monitored": True} for i in range(IMAGES)]


def kubesight_counts(running: list[dict[str, Any]], findings: Any) -> list[int]:
    f = kubesight.funnel(running, findings, runtime_validation=True).funnel
    return [f.all.vulnerabilities, f.critical_high.vulnerabilities, f.applicable.vulnerabilities,
            f.with_fix.vulnerabilities, f.validated_in_runtime.vulnerabilities]


def polars_counts(frame: pl.LazyFrame) -> list[int]:
    ch = pl.col("severity").is_in(["critical", "high"]).cast(pl.Int8)
    app = ch * (pl.col("applicability") == "applicable").cast(pl.Int8)
    fix = app * ((pl.col("fix_state") == "fixed") & (pl.col("fix_versions").list.len() > 0)).cast(pl.Int8)
    loaded = fix * (pl.col("runtime") == "loaded").cast(pl.Int8)
    deepest = (
        frame.select("vulnerability", (1 + ch + app + fix + loaded).alias("stage"))
        .group_by("vulnerability")
        .agg(pl.col("stage").max())
        .select([(pl.col("stage") >= k).sum().alias(str(k)) for k in range(1, 6)])
        .collect()
    )
    return [int(deepest[str(k)][0]) for k in range(1, 6)]


DUCKDB = """
WITH s AS (
  SELECT vulnerability,
         max(1 + ch + ch * app + ch * app * fx + ch * app * fx * ld) AS stage
  FROM (SELECT vulnerability,
               (severity IN ('critical', 'high'))::INT AS ch,
               (applicability = 'applicable')::INT AS app,
               (fix_state = 'fixed' AND len(fix_versions) > 0)::INT AS fx,
               (runtime = 'loaded')::INT AS ld
        FROM {source})
  GROUP BY vulnerability)
SELECT count(*) FILTER (stage >= 1), count(*) FILTER (stage >= 2), count(*) FILTER (stage >= 3),
       count(*) FILTER (stage >= 4), count(*) FILTER (stage >= 5) FROM s
"""


def duckdb_counts(connection: duckdb.DuckDBPyConnection, source: str) -> list[int]:
    row = connection.execute(DUCKDB.format(source=source)).fetchone()
    assert row is not None
    return [int(v) for v in row]


def compare(name: str, runs: dict[str, Callable[[], list[int]]], repeat: int) -> None:
    answers = {tool: run() for tool, run in runs.items()}
    first = next(iter(answers.values()))
    assert all(a == first for a in answers.values()), answers
    times: dict[str, list[float]] = {tool: [] for tool in runs}
    for _ in range(repeat):
        for tool, run in runs.items():
            start = time.perf_counter()
            run()
            times[tool].append(time.perf_counter() - start)
    peers = [t for t in runs if t != "kubesight"]
    ratios = [min(times[p][i] for p in peers) / times["kubesight"][i] for i in range(repeat)]
    medians = ", ".join(f"{t} {statistics.median(v) * 1000:.1f} ms" for t, v in times.items())
    short = sum(r < 2 for r in ratios)
    print(f"{name}: {medians}; faster peer / kubesight: median {statistics.median(ratios):.2f}x "
          f"({', '.join(f'{r:.2f}' for r in ratios)}; {short} of {repeat} under 2x)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "findings.parquet"
        running = generate(args.rows, path)
        connection = duckdb.connect()
        print(f"{args.rows} findings, {IMAGES} images, {IDS} ids; counts per stage", end=": ")
        print(kubesight_counts(running, path), dict(zip(STAGES, kubesight_counts(running, path))))
        compare("from the Parquet file", {
            "kubesight": lambda: kubesight_counts(running, path),
            "polars": lambda: polars_counts(pl.scan_parquet(path)),
            "duckdb": lambda: duckdb_counts(connection, f"read_parquet('{path}')"),
        }, args.repeat)
        table = pq.read_table(path)
        frame = pl.from_arrow(table)
        assert isinstance(frame, pl.DataFrame)
        connection = duckdb.connect()
        connection.register("findings", table)
        compare("from memory", {
            "kubesight": lambda: kubesight_counts(running, table),
            "polars": lambda: polars_counts(frame.lazy()),
            "duckdb": lambda: duckdb_counts(connection, "findings"),
        }, args.repeat)


if __name__ == "__main__":
    main()
