"""The vulnerability table, the images view, the explained change, and the
EPSS and KEV enrichment they read.

>>> import kubesight
>>> digest = "sha256:" + "ab" * 32
>>> running = [{"digests": [digest], "scanned": True, "deployments": [
...     {"cluster": "prod", "namespace": "shop", "kind": "Deployment", "workload": "cart"}]}]
>>> findings = [
...     {"image": [digest], "vulnerability": "CVE-2024-1", "severity": "critical",
...      "applicability": "applicable", "fix": {"state": "not_fixed"}},
...     {"image": [digest], "vulnerability": "CVE-2024-2", "severity": "low"}]
>>> table = kubesight.vulnerability_table(running, findings, runtime_validation=False)
>>> [(r.id, r.stage, r.stopped) for r in table.rows]
[('CVE-2024-1', 'applicable', 'no_fix'), ('CVE-2024-2', 'all', 'not_critical_high')]
>>> page = table.query(stage="critical_high", cluster="prod")
>>> page.total, page.rows[0].images[0].workloads[0].name
(1, 'cart')
>>> arrow = table.to_arrow(stage="critical_high")
>>> arrow.num_rows, arrow.column_names[:3]
(1, ['id', 'aliases', 'severity'])
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Optional, Sequence, Union, cast

from . import _native, types
from ._convert import Rows
from ._record import Record

Sort = Union[str, Mapping[str, Any]]
"""A sort key: a column name, ascending, or ``-name`` for descending
(``"-epss"``); or the serde form ``{"column": ..., "descending": ...}``."""


def _sort(keys: Optional[Sequence[Sort]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for key in keys or ():
        if isinstance(key, str):
            descending = key.startswith("-")
            out.append({"column": key.lstrip("-"), "descending": descending})
        else:
            out.append(dict(key))
    return out


def _listed(value: Union[None, str, Iterable[str]]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


ArrowTable = _native.ArrowTable
"""A table-shaped result as Arrow: it exports ``__arrow_c_stream__`` (and
``__arrow_c_schema__``), has ``num_rows`` and ``column_names``."""

_TABLE_QUERY = frozenset({
    "stage", "stopped_at", "stopped", "severity", "applicability", "fix", "runtime", "cluster",
    "namespace", "workload", "image", "package", "id", "kev", "min_epss", "sort", "offset",
    "limit", "images_per_row",
})

_IMAGES_QUERY = frozenset({
    "risk", "scanned", "severity", "cluster", "namespace", "workload", "image", "sort", "offset",
    "limit",
})


def _table_query(given: Mapping[str, Any]) -> dict[str, Any]:
    """The serde form of a table query from :meth:`VulnerabilityTable.query`'s keywords."""
    q = {k: given.get(k) for k in _TABLE_QUERY}
    for k in ("stopped", "severity", "applicability", "fix", "runtime"):
        q[k] = _listed(q[k])
    q["sort"] = _sort(q["sort"])
    q["offset"] = q["offset"] or 0
    if q["images_per_row"] is None:
        q["images_per_row"] = 10
    return q


def _images_query(given: Mapping[str, Any]) -> dict[str, Any]:
    """The serde form of an images query from :meth:`ImagesView.query`'s keywords."""
    q = {k: given.get(k) for k in _IMAGES_QUERY}
    for k in ("risk", "severity"):
        q[k] = _listed(q[k])
    q["sort"] = _sort(q["sort"])
    q["offset"] = q["offset"] or 0
    return q


class Enrichment:
    """EPSS scores and KEV entries by CVE id, from ``ingest.epss``,
    ``ingest.kev`` or their serde form; ``merged`` adds another's.

    >>> e = Enrichment({"epss": {"CVE-2021-44228": {"score": 0.94}}})
    >>> e.epss("cve-2021-44228").score, e.kev("CVE-2021-44228") is None
    (0.94, True)
    """

    __slots__ = ("_native",)

    def __init__(self, data: Optional[Mapping[str, Any]] = None) -> None:
        self._native = _native.Enrichment(data)

    @classmethod
    def _of(cls, native: Any) -> "Enrichment":
        e = cls.__new__(cls)
        e._native = native
        return e

    def epss(self, id: str) -> Optional[types.Epss]:
        """The EPSS score of ``id`` (any case), or ``None``: absent, not zero."""
        found = self._native.epss(id)
        return None if found is None else cast(types.Epss, Record(found, "Epss"))

    def kev(self, id: str) -> Optional[types.KevEntry]:
        """The KEV entry of ``id`` (any case), or ``None``."""
        found = self._native.kev(id)
        return None if found is None else cast(types.KevEntry, Record(found, "KevEntry"))

    def merged(self, other: "Enrichment") -> "Enrichment":
        """This enrichment with ``other``'s scores and entries added: for an
        id scored in both, the later day's score; catalog entries fill each
        other's missing fields."""
        return Enrichment._of(self._native.merged(other._native))

    @property
    def warnings(self) -> list[types.IngestWarning]:
        """What the readers skipped, and why."""
        return [cast(types.IngestWarning, Record(w, "IngestWarning")) for w in self._native.warnings]

    @property
    def epss_count(self) -> int:
        """How many CVE ids have an EPSS score."""
        n: int = self._native.epss_count
        return n

    @property
    def kev_count(self) -> int:
        """How many CVE ids the KEV catalog lists."""
        n: int = self._native.kev_count
        return n

    @property
    def versions(self) -> dict[str, Optional[str]]:
        """The EPSS model version and score date, the KEV catalog's version
        and release date, when the documents said."""
        v: dict[str, Optional[str]] = self._native.versions
        return v

    def to_dict(self) -> dict[str, Any]:
        """The serde form: every score and entry."""
        d: dict[str, Any] = self._native.to_dict()
        return d

    def __repr__(self) -> str:
        return f"Enrichment(epss={self.epss_count}, kev={self.kev_count})"


class VulnerabilityTable:
    """One row per distinct vulnerability on scanned running images, built
    with the funnel's rules: the rows that reached a stage are the funnel's
    count for it. Built once, queried many times."""

    __slots__ = ("_native", "_rows")

    def __init__(self, native: Any) -> None:
        self._native = native
        self._rows: Optional[tuple[types.VulnerabilityRow, ...]] = None

    @property
    def rows(self) -> tuple[types.VulnerabilityRow, ...]:
        """Every row, in id order (``pandas.DataFrame(table.rows)`` works)."""
        if self._rows is None:
            self._rows = tuple(cast(types.VulnerabilityRow, Record(r, "VulnerabilityRow")) for r in self._native.rows())
        return self._rows

    def query(
        self,
        *,
        stage: Optional[str] = None,
        stopped_at: Optional[str] = None,
        stopped: Union[None, str, Iterable[str]] = None,
        severity: Union[None, str, Iterable[str]] = None,
        applicability: Union[None, str, Iterable[str]] = None,
        fix: Union[None, str, Iterable[str]] = None,
        runtime: Union[None, str, Iterable[str]] = None,
        cluster: Optional[str] = None,
        namespace: Optional[str] = None,
        workload: Optional[str] = None,
        image: Optional[str] = None,
        package: Optional[str] = None,
        id: Optional[str] = None,
        kev: Optional[bool] = None,
        min_epss: Optional[float] = None,
        sort: Optional[Sequence[Sort]] = None,
        offset: int = 0,
        limit: Optional[int] = None,
        images_per_row: int = 10,
    ) -> types.TablePage:
        """The rows the filters keep (all of them hold; a list holds when a
        row has any of its values), sorted (priority first by default) and
        paged: ``.total``, ``.offset``, ``.rows``. ``stage`` keeps the rows
        that reached at least that stage, the funnel's drill-down. Each row
        lists up to ``images_per_row`` of its images (``image_count`` counts
        them all; ``rows`` lists every one)."""
        query = _table_query(locals())
        return cast(types.TablePage, Record(self._native.query(query), "TablePage"))

    def to_arrow(self, *, images_per_row: Optional[int] = None, **query: Any) -> ArrowTable:
        """The rows :meth:`query` keeps for the same keywords, in its order
        (every row in priority order without any), as an Arrow table:
        ``polars.DataFrame(t)``, ``pyarrow.table(t)`` or ``duckdb.arrow(t)``
        take it without a copy. Each row lists every image unless
        ``images_per_row`` says how many; the columns are documented in
        ``docs/columnar.md``."""
        unknown = sorted(set(query) - _TABLE_QUERY)
        if unknown:
            raise TypeError(f"to_arrow() got unexpected keyword arguments: {', '.join(unknown)}")
        query["images_per_row"] = 10 if images_per_row is None else images_per_row
        return cast(ArrowTable, self._native.to_arrow(_table_query(query), images_per_row is None))

    @property
    def malicious_packages(self) -> tuple[types.MaliciousPackageRow, ...]:
        """The malicious packages on running images: never vulnerability rows."""
        return tuple(cast(types.MaliciousPackageRow, Record(r, "MaliciousPackageRow")) for r in self._native.malicious_packages())

    def stage_counts(self) -> dict[str, int]:
        """How many rows reached each stage shown, in funnel order."""
        return dict(self._native.stage_counts())

    def __len__(self) -> int:
        n: int = len(self._native)
        return n

    def __repr__(self) -> str:
        return f"VulnerabilityTable({len(self)} rows)"


class ImagesView:
    """One row per running image, by digest: where it runs, its scan status,
    vulnerabilities, integrity and risk badges."""

    __slots__ = ("_native", "_rows")

    def __init__(self, native: Any) -> None:
        self._native = native
        self._rows: Optional[tuple[types.ImageRow, ...]] = None

    @property
    def rows(self) -> tuple[types.ImageRow, ...]:
        """Every row, in digest order."""
        if self._rows is None:
            self._rows = tuple(cast(types.ImageRow, Record(r, "ImageRow")) for r in self._native.rows())
        return self._rows

    def query(
        self,
        *,
        risk: Union[None, str, Iterable[str]] = None,
        scanned: Optional[bool] = None,
        severity: Union[None, str, Iterable[str]] = None,
        cluster: Optional[str] = None,
        namespace: Optional[str] = None,
        workload: Optional[str] = None,
        image: Optional[str] = None,
        sort: Optional[Sequence[Sort]] = None,
        offset: int = 0,
        limit: Optional[int] = None,
    ) -> types.ImagesPage:
        """The images the filters keep, riskiest first by default, paged."""
        return cast(types.ImagesPage, Record(self._native.query(_images_query(locals())), "ImagesPage"))

    def to_arrow(self, **query: Any) -> ArrowTable:
        """The images :meth:`query` keeps for the same keywords, in its
        order, as an Arrow table (the columns are documented in
        ``docs/columnar.md``)."""
        unknown = sorted(set(query) - _IMAGES_QUERY)
        if unknown:
            raise TypeError(f"to_arrow() got unexpected keyword arguments: {', '.join(unknown)}")
        return cast(ArrowTable, self._native.to_arrow(_images_query(query)))

    def __len__(self) -> int:
        n: int = len(self._native)
        return n

    def __repr__(self) -> str:
        return f"ImagesView({len(self)} images)"


def vulnerability_table(
    running_images: Rows,
    findings: Rows,
    *,
    runtime_validation: bool,
    enrichment: Union[None, Enrichment, Mapping[str, Any]] = None,
    columns: Optional[Mapping[str, str]] = None,
    running_columns: Optional[Mapping[str, str]] = None,
) -> VulnerabilityTable:
    """The vulnerability table of the findings on the running images, with
    EPSS and KEV signals when ``enrichment`` is given. Records or columns,
    as :func:`kubesight.funnel` takes them."""
    given = enrichment._native if isinstance(enrichment, Enrichment) else enrichment
    return VulnerabilityTable(_native.vulnerability_table(
        running_images, findings, runtime_validation=runtime_validation, enrichment=given,
        columns=columns, running_columns=running_columns,
    ))


def images_view(
    running_images: Rows,
    findings: Rows,
    *,
    integrity: Optional[Iterable[Mapping[str, Any]]] = None,
    columns: Optional[Mapping[str, str]] = None,
    running_columns: Optional[Mapping[str, str]] = None,
) -> ImagesView:
    """The images view; ``integrity`` takes ``IntegrityPolicy.assess``
    results (tied to images by their ``image_digest``)."""
    return ImagesView(_native.images_view(
        running_images, findings, integrity=integrity, columns=columns, running_columns=running_columns,
    ))


def explain_change(
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    *,
    threshold: Optional[Mapping[str, Any]] = None,
) -> types.ChangeExplained:
    """The change between two states (each ``{"running": ..., "findings":
    ..., "runtime_validation": "available" | "unavailable", "suppressed":
    ...}``), per funnel stage, each vulnerability that entered or left
    attributed to one cause."""
    return cast(types.ChangeExplained, Record(
        _native.explain_change(before, after, threshold=threshold), "ChangeExplained",
    ))
