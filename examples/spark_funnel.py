"""The funnel of a partitioned Parquet dataset with Spark, beside the same
funnel computed in one process:

    .venv/bin/python examples/spark_funnel.py [FINDINGS]

Writes FINDINGS generated findings (200,000 by default) as a Parquet
dataset of eight partitions (as examples/dask_funnel.py does), starts Spark
in local mode on two cores (a real deployment runs on its cluster, with
kubesight installed in the executors' Python), reads the dataset with
``spark.read.parquet`` and computes the funnel with
``kubesight.spark.funnel``: each partition's rows reach kubesight as Arrow
batches on an executor, and only its partial comes back to the driver.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from pyspark.sql import SparkSession

import kubesight
import kubesight.spark

sys.path.insert(0, str(Path(__file__).parent))
from dask_funnel import PARTITIONS, write_dataset  # noqa: E402


def main() -> None:
    findings = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "findings"
        running = write_dataset(folder, findings)
        local = kubesight.funnel(running, folder, runtime_validation=True)
        spark = (
            SparkSession.builder.master("local[2]").appName("kubesight-example")
            .config("spark.ui.enabled", "false").getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        try:
            frame = spark.read.parquet(str(folder))
            start = time.perf_counter()
            partials = kubesight.spark.partials(running, frame)
            result = kubesight.merge_funnel_partials(running, partials, runtime_validation=True)
            took = time.perf_counter() - start
        finally:
            spark.stop()
        assert result.to_dict() == local.to_dict(), "Spark's funnel differs"
        print(f"{findings} findings in {PARTITIONS} Parquet files; Spark gives the one-process funnel "
              f"({result.funnel.all.vulnerabilities} vulnerabilities)")
        print(f"  local[2]: {took * 1000:.0f} ms, {len(partials)} partials of "
              f"{sum(map(len, partials)) / max(len(partials), 1) / 1024:.0f} KiB on average collected")


if __name__ == "__main__":
    main()
