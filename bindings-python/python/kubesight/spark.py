"""The funnel of findings in a Spark DataFrame: each partition's partial is
computed on the executors (``mapInArrow``: the partition's rows reach
kubesight as Arrow record batches, with no row objects) and only the
partials travel to the driver, which merges them. PySpark is imported when
a function is called, not with kubesight; the executors' Python must have
kubesight installed.

    import kubesight.spark
    findings = spark.read.parquet("s3://lake/findings/")
    result = kubesight.spark.funnel(running, findings, runtime_validation=True)
"""

from __future__ import annotations

import importlib
import itertools
from typing import Any, Iterator, Mapping, Optional

from . import types
from ._convert import Rows
from ._partials import merge_funnel_partials, shippable


def partials(
    running_images: Rows,
    findings: Any,
    *,
    columns: Optional[Mapping[str, str]] = None,
    running_columns: Optional[Mapping[str, str]] = None,
) -> list[bytes]:
    """Each partition's partial (a ``pyspark.sql.DataFrame`` of findings),
    computed on the executors and collected on the driver."""
    running = shippable(running_images)

    def each(batches: Iterator[Any]) -> Iterator[Any]:
        import kubesight

        # Untyped; PySpark's mapInArrow needs it on every executor.
        pa: Any = importlib.import_module("pyarrow")

        first = next(batches, None)
        if first is None:
            part = kubesight.funnel_partial(running, [], running_columns=running_columns)
        else:
            reader = pa.RecordBatchReader.from_batches(first.schema, itertools.chain([first], batches))
            part = kubesight.funnel_partial(running, reader, columns=columns, running_columns=running_columns)
        yield pa.RecordBatch.from_pydict({"partial": [part]}, schema=pa.schema([("partial", pa.binary())]))

    rows = findings.mapInArrow(each, "partial binary").collect()
    return [bytes(row.partial) for row in rows]


def funnel(
    running_images: Rows,
    findings: Any,
    *,
    runtime_validation: bool,
    columns: Optional[Mapping[str, str]] = None,
    running_columns: Optional[Mapping[str, str]] = None,
) -> types.FunnelResult:
    """The funnel over every partition's findings: the result
    :func:`kubesight.funnel` gives over all of them in one process."""
    return merge_funnel_partials(
        running_images,
        partials(running_images, findings, columns=columns, running_columns=running_columns),
        runtime_validation=runtime_validation,
        running_columns=running_columns,
    )
