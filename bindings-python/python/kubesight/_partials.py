"""Partial funnels for estates beyond one process: each partition of the
findings gives its partial as bytes (compact, versioned and checksummed),
any machine merges them into the funnel of one pass.

>>> import kubesight
>>> digest = "sha256:" + "ab" * 32
>>> running = [{"digests": [digest], "scanned": True}]
>>> parts = [
...     kubesight.funnel_partial(running, [{"image": [digest], "vulnerability": "CVE-2024-1", "severity": "high"}]),
...     kubesight.funnel_partial(running, [{"image": [digest], "vulnerability": "cve-2024-1", "severity": "low"},
...                                        {"image": [digest], "vulnerability": "CVE-2024-2", "severity": "low"}]),
... ]
>>> parts[0][:4], kubesight.read_funnel_partial(parts[0])["occurrences"]
(b'KSFP', 1)
>>> r = kubesight.merge_funnel_partials(running, parts, runtime_validation=False)
>>> r.funnel.all.vulnerabilities, r.funnel.critical_high.vulnerabilities
(2, 1)
"""

from __future__ import annotations

import os
from typing import Any, Iterable, Mapping, Optional, Union, cast

from . import _native, types
from ._convert import Rows
from ._record import Record


def funnel_partial(
    running_images: Rows,
    findings: Rows,
    *,
    columns: Optional[Mapping[str, str]] = None,
    running_columns: Optional[Mapping[str, str]] = None,
) -> bytes:
    """The partial funnel of one partition of the findings, as bytes: what a
    worker sends. Takes what :func:`kubesight.funnel` takes; every
    partition must be given the same running images."""
    partial: bytes = _native.funnel_partial(
        running_images, findings, columns=columns, running_columns=running_columns,
    )
    return partial


def merge_funnel_partials(
    running_images: Rows,
    partials: Iterable[Union[bytes, bytearray]],
    *,
    runtime_validation: bool,
    running_columns: Optional[Mapping[str, str]] = None,
) -> types.FunnelResult:
    """The funnel of the partials of every partition: the result
    :func:`kubesight.funnel` gives over all the findings at once. A partial
    of another version raises ``partial_version_unsupported``, a cut or
    changed one ``partial_corrupted``, other bytes ``partial_unrecognized``."""
    return cast(types.FunnelResult, Record(
        _native.merge_funnel_partials(
            running_images, partials, runtime_validation=runtime_validation,
            running_columns=running_columns,
        ), "FunnelResult",
    ))


def read_funnel_partial(partial: Union[bytes, bytearray]) -> dict[str, Any]:
    """A partial's content (ids, images, alias pairs and counts), for
    looking into one; checked as a merge checks it."""
    content: dict[str, Any] = _native.read_funnel_partial(bytes(partial))
    return content


def shippable(running_images: Rows) -> Any:
    """The running images as they can travel to a task of a cluster:
    records are made a list (an iterator does not pickle); columns and
    paths go as given."""
    if isinstance(running_images, (str, os.PathLike, list, tuple)) or hasattr(running_images, "__arrow_c_stream__"):
        return running_images
    return list(running_images)
