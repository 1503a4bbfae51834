"""Typed use of the results, checked by ``mypy --strict`` in the test
command: the protocols of :mod:`kubesight.types` give every result's fields
their types, so a misspelt field or a wrong type fails the check."""

from __future__ import annotations

from typing import Optional

import kubesight
from kubesight import ingest


def funnel_counts(running: list[dict[str, object]], findings: list[dict[str, object]]) -> int:
    result = kubesight.funnel(running, findings, runtime_validation=True)
    validated: Optional[kubesight.types.StageCount] = result.funnel.validated_in_runtime
    skipped: int = result.skipped.not_running
    return result.funnel.critical_high.vulnerabilities + skipped + (validated.images if validated else 0)


def trend_dates(snapshots: list[dict[str, object]]) -> tuple[str, ...]:
    result = kubesight.trend(snapshots, now="2026-11-26T09:30:00Z")
    running: tuple[Optional[int], ...] = result.series.running
    assert len(running) == len(result.trend.days)
    return tuple(str(d) for d in result.series.dates)


def report_workloads(document: str) -> list[str]:
    read = ingest.trivy_operator(document)
    names = [r.workload.name for r in read.reports if r.workload is not None]
    codes: list[str] = [w.code for w in read.warnings]
    return names + codes


def assessment_status(policy: kubesight.IntegrityPolicy, facts: dict[str, object]) -> Optional[str]:
    a = policy.assess(facts, observed_at="2026-11-26T09:30:00Z")
    return a.violation.kind if a.violation is not None else a.status


def reason_codes(policy: kubesight.IntegrityPolicy, facts: dict[str, object]) -> list[str]:
    a = policy.assess(facts, observed_at="2026-11-26T09:30:00Z")
    # A reason is one of the tagged variants; each has its code.
    return [reason.code for reason in a.reasons]


def optional_field(document: str) -> object:
    read = ingest.trivy(document)
    # A field that may be absent is read with get(), as on any record.
    return read.reports[0].get("artifact")


def top_priorities(running: list[dict[str, object]], findings: list[dict[str, object]], csv: str) -> list[str]:
    enrichment = ingest.epss(csv)
    table = kubesight.vulnerability_table(running, findings, runtime_validation=True, enrichment=enrichment)
    page = table.query(stage="applicable", severity=["critical"], sort=["-epss"], limit=10)
    out: list[str] = []
    for row in page.rows:
        score: Optional[float] = row.epss.score if row.epss is not None else None
        where = [w.name for image in row.images for w in image.workloads]
        out.append(f"{row.id} {row.stage} {row.stopped} {score} {where}")
    return out


def riskiest(running: list[dict[str, object]]) -> list[str]:
    view = kubesight.images_view(running, [])
    return [f"{r.digest} {list(r.risks)} {r.vulnerabilities.critical}" for r in view.query(limit=5).rows]


def as_arrow(running: list[dict[str, object]], findings: list[dict[str, object]]) -> list[str]:
    table = kubesight.vulnerability_table(running, findings, runtime_validation=False)
    rows: kubesight.ArrowTable = table.to_arrow(stage="critical_high", images_per_row=3)
    images = kubesight.images_view(running, findings).to_arrow(scanned=True)
    days = kubesight.trend_table([], now="2026-11-26T09:30:00Z", days=3)
    return rows.column_names + images.column_names + [str(days.num_rows + len(rows))]


def causes(before: dict[str, object], after: dict[str, object]) -> list[str]:
    explained = kubesight.explain_change(before, after)
    return [f"{c.cause} {c.count}" for s in explained.stages for c in s.entered_by_cause]
