"""Reading what users already have: scanner reports, VEX, Kubernetes Pod
lists and the runtime platform's listings. Every reader takes the
document as ``str``, UTF-8 ``bytes`` or a path, and returns an immutable
record with what it read and the warnings for what it skipped.

>>> report = '''{"SchemaVersion": 2, "Results": [{"Target": "app", "Vulnerabilities": [
...   {"VulnerabilityID": "CVE-2024-1", "PkgName": "zlib", "Severity": "HIGH", "Status": "affected"}]}]}'''
>>> read = trivy(report)
>>> [o.vulnerability for r in read.reports for o in r.occurrences]
['CVE-2024-1']
>>> [w.code for w in read.warnings]
['no_image_digest']
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from . import _native
from ._convert import Document, text
from ._record import Record

__all__ = [
    "apply_vex",
    "csaf_vex",
    "cyclonedx_vex",
    "grype",
    "jfrog_simple_json",
    "jfrog_xray_json",
    "kubernetes_pods",
    "mark_runtime",
    "openvex",
    "osv_scanner",
    "owning_workload",
    "runtime_clusters",
    "runtime_images",
    "trivy",
    "trivy_operator",
]


def trivy(document: Document) -> Record:
    """A Trivy JSON report (current, the older list, or the Kubernetes report)."""
    return Record(_native.trivy(text(document)), "Ingested")


def trivy_operator(document: Document) -> Record:
    """Trivy Operator VulnerabilityReports (one, a list, or a dump)."""
    return Record(_native.trivy_operator(text(document)), "Ingested")


def grype(document: Document) -> Record:
    """A Grype JSON report, or a kubevuln manifest holding one."""
    return Record(_native.grype(text(document)), "Ingested")


def osv_scanner(document: Document) -> Record:
    """An osv-scanner JSON report."""
    return Record(_native.osv_scanner(text(document)), "Ingested")


def jfrog_simple_json(document: Document) -> Record:
    """JFrog CLI simple-json output."""
    return Record(_native.jfrog_simple_json(text(document)), "Ingested")


def jfrog_xray_json(document: Document) -> Record:
    """JFrog Xray scan JSON (``jf scan --format json``)."""
    return Record(_native.jfrog_xray_json(text(document)), "Ingested")


def kubernetes_pods(document: Document, *, cluster: str) -> Record:
    """A ``kubectl get pods -A -o json`` Pod list from ``cluster``."""
    return Record(_native.kubernetes_pods(text(document), cluster=cluster), "PodInventory")


def runtime_clusters(document: Document) -> Record:
    """The runtime platform's cluster listing."""
    return Record(_native.runtime_clusters(text(document)), "PlatformClusters")


def runtime_images(document: Document) -> Record:
    """The runtime platform's live images listing."""
    return Record(_native.runtime_images(text(document)), "PlatformImages")


def openvex(document: Document) -> Record:
    """An OpenVEX document as statements."""
    return Record(_native.openvex(text(document)), "VexDocument")


def cyclonedx_vex(document: Document) -> Record:
    """A CycloneDX document's VEX statements."""
    return Record(_native.cyclonedx_vex(text(document)), "VexDocument")


def csaf_vex(document: Document) -> Record:
    """A CSAF VEX document as statements."""
    return Record(_native.csaf_vex(text(document)), "VexDocument")


def apply_vex(findings: Iterable[Mapping[str, Any]], document: Mapping[str, Any]) -> Record:
    """Applies a VEX document to findings: ``.findings`` (what remains) and
    ``.outcome``."""
    return Record(_native.apply_vex(findings, document), "VexApplied")


def mark_runtime(
    full: Iterable[Mapping[str, Any]], filtered: Iterable[Mapping[str, Any]]
) -> Record:
    """Marks a full scan's findings loaded or not observed from a
    runtime-filtered scan of the same image: ``.findings`` and ``.marks``."""
    return Record(_native.mark_runtime(full, filtered), "RuntimeMarked")


def owning_workload(kind: str, name: str) -> tuple[str, str]:
    """The workload that owns a controller.

    >>> owning_workload("ReplicaSet", "web-7d4b9c8f6d")
    ('Deployment', 'web')
    """
    kind_, name_ = _native.owning_workload(kind, name)
    return kind_, name_
