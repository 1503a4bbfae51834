"""Small input helpers shared by the package's modules."""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any, Iterable, Mapping, NoReturn, Protocol, Union

from ._native import KubesightError

Instant = Union[datetime, str]


class ArrowStream(Protocol):
    """Anything that exports an Arrow C stream (the Arrow PyCapsule
    interface): a pyarrow Table or RecordBatchReader, a polars or pandas
    DataFrame, a DuckDB relation."""

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any: ...


#: Records (dicts), columns exporting an Arrow stream, or the path of a
#: Parquet file or of a folder of them.
Rows = Union[Iterable[Mapping[str, Any]], ArrowStream, "os.PathLike[str]"]
Document = Union[str, bytes, "os.PathLike[str]"]


def fail(code: str, message: str, **details: Any) -> NoReturn:
    """Raise ``KubesightError`` with ``code`` and ``details``."""
    error = KubesightError(message)
    error.code = code
    error.details = details
    raise error


def instant(value: Instant, argument: str) -> str:
    """An aware datetime or an RFC 3339 string, as RFC 3339."""
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            fail(
                "naive_datetime",
                f"{argument}: a datetime without time zone ({value}); "
                "give it a tzinfo, e.g. datetime.timezone.utc",
                argument=argument,
                value=str(value),
            )
        return value.isoformat()
    if isinstance(value, str):
        return value
    fail(
        "invalid_input",
        f"{argument}: expected an aware datetime or an RFC 3339 string, "
        f"not {type(value).__name__}",
        argument=argument,
    )


def text(document: Document, argument: str = "document") -> str:
    """A document given as text, UTF-8 bytes, or the path of a file."""
    if isinstance(document, str):
        return document
    if isinstance(document, (bytes, bytearray, memoryview)):
        try:
            return bytes(document).decode("utf-8")
        except UnicodeDecodeError as e:
            fail("invalid_input", f"{argument}: not UTF-8 ({e})", argument=argument)
    if isinstance(document, os.PathLike):
        with open(document, encoding="utf-8") as f:
            return f.read()
    fail(
        "invalid_input",
        f"{argument}: expected str, bytes or a path, not {type(document).__name__}",
        argument=argument,
    )
