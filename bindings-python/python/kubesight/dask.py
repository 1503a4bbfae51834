"""The funnel of findings on a Dask cluster: each partition's partial is
computed where the partition is and only the partials (a few bytes per
distinct vulnerability) travel to the caller, who merges them. Dask is
imported when a function is called, not with kubesight.

    from dask.distributed import Client
    import kubesight.dask
    client = Client("scheduler:8786")
    result = kubesight.dask.funnel(running, "s3://lake/findings/", runtime_validation=True)

``findings`` is a ``dask.dataframe.DataFrame`` (each partition goes to
kubesight as a pandas DataFrame, through the Arrow interface) or Parquet
files: a list of paths, or a path to a folder (every ``.parquet`` file
beneath it, one task per file). The running images are sent to every task.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any, Mapping, Optional, Sequence, Union

from . import types
from ._convert import Rows
from ._partials import funnel_partial, merge_funnel_partials, shippable

Paths = Union[str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]]]


def parquet_files(source: Union[str, "os.PathLike[str]"]) -> list[str]:
    """The Parquet files of a file or folder, as kubesight reads a folder:
    every ``.parquet`` file beneath it, partition folders included, in path
    order, names starting with ``_`` or ``.`` left out."""
    path = Path(source)
    if path.is_file():
        return [str(path)]
    files = [
        p for p in path.rglob("*.parquet")
        if p.is_file() and not any(part.startswith(("_", ".")) for part in p.relative_to(path).parts)
    ]
    return [str(p) for p in sorted(files)]


def _partial(
    part: Any,
    running_images: Rows,
    columns: Optional[Mapping[str, str]],
    running_columns: Optional[Mapping[str, str]],
) -> bytes:
    findings = Path(part) if isinstance(part, (str, os.PathLike)) else part
    return funnel_partial(running_images, findings, columns=columns, running_columns=running_columns)


def partials(
    running_images: Rows,
    findings: Union[Any, Paths],
    *,
    columns: Optional[Mapping[str, str]] = None,
    running_columns: Optional[Mapping[str, str]] = None,
) -> list[bytes]:
    """Each partition's partial, computed on the cluster (the current Dask
    scheduler: a ``distributed.Client`` if one is active)."""
    # Dask's own names, untyped: imported when called, not with kubesight.
    dask: Any = importlib.import_module("dask")

    if isinstance(findings, (str, os.PathLike)):
        parts: list[Any] = parquet_files(findings)
    elif isinstance(findings, (list, tuple)):
        parts = [str(p) for p in findings]
    elif hasattr(findings, "to_delayed"):
        parts = list(findings.to_delayed())
    else:
        raise TypeError("findings: a dask DataFrame, a Parquet path or a list of Parquet paths")
    running = shippable(running_images)
    tasks = [
        dask.delayed(_partial, pure=True)(part, running, columns, running_columns)
        for part in parts
    ]
    computed: tuple[bytes, ...] = dask.compute(*tasks)
    return list(computed)


def funnel(
    running_images: Rows,
    findings: Union[Any, Paths],
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
