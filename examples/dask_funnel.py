"""The funnel of a partitioned Parquet dataset on a Dask cluster, beside the
same funnel computed in one process:

    .venv/bin/python examples/dask_funnel.py [FINDINGS]

Writes FINDINGS generated findings (200,000 by default) as a Parquet
dataset of eight partitions into a temporary folder, starts a local cluster
of two worker processes (a real deployment connects a
``distributed.Client`` to its scheduler instead), and computes the funnel
there with ``kubesight.dask.funnel``: each worker reads its files and sends
back a partial of a few bytes per distinct vulnerability. Prints both
answers, which must be the same, and what crossed the network.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from distributed import Client, LocalCluster

import kubesight
import kubesight.dask

IMAGES = 2_000
IDS = 20_000
PARTITIONS = 8


def digest(i: int) -> str:
    return f"sha256:{i:064x}"


def write_dataset(folder: Path, findings: int) -> list[dict[str, object]]:
    rng = random.Random(7)
    for p in range(PARTITIONS):
        n = findings // PARTITIONS
        fix = [rng.choice(["fixed", "not_fixed", "unknown"]) for _ in range(n)]
        table = pa.table({
            "image": [digest(rng.randrange(IMAGES)) for _ in range(n)],
            "vulnerability": [f"CVE-2024-{rng.randrange(IDS)}" for _ in range(n)],
            "severity": [rng.choice(["critical", "high", "medium", "low"]) for _ in range(n)],
            "applicability": [rng.choice(["applicable", "not_applicable", "undetermined"]) for _ in range(n)],
            "fix_state": fix,
            "fix_versions": [["2.0"] if s == "fixed" else [] for s in fix],
            "runtime": [rng.choice(["loaded", "not_observed"]) for _ in range(n)],
        })
        part = folder / f"cluster={p}"
        part.mkdir(parents=True)
        pq.write_table(table, part / "findings.parquet")
    return [{"digests": [digest(i)], "scanned": i % 10 != 0, "monitored": i % 3 != 0} for i in range(IMAGES)]


def main() -> None:
    findings = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "findings"
        running = write_dataset(folder, findings)
        start = time.perf_counter()
        local = kubesight.funnel(running, folder, runtime_validation=True)
        one = time.perf_counter() - start
        with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster):
            start = time.perf_counter()
            partials = kubesight.dask.partials(running, folder)
            distributed = kubesight.merge_funnel_partials(running, partials, runtime_validation=True)
            spread = time.perf_counter() - start
        assert distributed.to_dict() == local.to_dict(), "the cluster's funnel differs"
        stages = [(s, getattr(distributed.funnel, s).vulnerabilities) for s in ("all", "critical_high", "applicable", "with_fix")]
        print(f"{findings} findings in {PARTITIONS} Parquet files; the same funnel both ways: {stages}")
        print(f"  one process:        {one * 1000:.0f} ms")
        print(f"  two Dask workers:   {spread * 1000:.0f} ms, {len(partials)} partials of "
              f"{sum(map(len, partials)) / len(partials) / 1024:.0f} KiB on average crossed back")


if __name__ == "__main__":
    main()
