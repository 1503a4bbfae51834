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

import os
from typing import Any, Iterable, Mapping, Optional, Sequence, Union, cast

from . import _native, types
from ._convert import Document, text
from ._record import Record
from ._table import Enrichment

__all__ = [
    "apply_vex",
    "apply_workloads",
    "csaf_vex",
    "cyclonedx_vex",
    "epss",
    "grype",
    "jfrog_simple_json",
    "jfrog_xray_json",
    "kev",
    "kubernetes_pods",
    "mark_runtime",
    "openvex",
    "osv_scanner",
    "owning_workload",
    "runtime_clusters",
    "runtime_image_tags",
    "runtime_images",
    "runtime_workloads",
    "trivy",
    "trivy_operator",
]


def epss(document: Document) -> Enrichment:
    r"""FIRST's daily EPSS CSV, decompressed (``#model_version:...`` comment,
    ``cve,epss,percentile`` header): the scores, with ``.warnings`` for the
    rows skipped.

    >>> e = epss("cve,epss,percentile\nCVE-2021-44228,0.94358,0.99957\nGHSA-x,1,1\n")
    >>> e.epss("CVE-2021-44228").percentile, [w.code for w in e.warnings]
    (0.99957, ['unparsable_entry'])
    """
    return Enrichment._of(_native.epss(text(document)))


def kev(document: Document) -> Enrichment:
    """CISA's Known Exploited Vulnerabilities catalog JSON: the entries, with
    ``.warnings`` for those skipped."""
    return Enrichment._of(_native.kev(text(document)))


def trivy(document: Document) -> types.Ingested:
    """A Trivy JSON report: an image's, the older list, or ``trivy k8s`` (``--report all`` or ``summary``, and the older shape)."""
    return cast(types.Ingested, Record(_native.trivy(text(document)), "Ingested"))


def trivy_operator(document: Document) -> types.Ingested:
    """Trivy Operator VulnerabilityReports and ClusterVulnerabilityReports (one, a list, a JSON array, or a dump)."""
    return cast(types.Ingested, Record(_native.trivy_operator(text(document)), "Ingested"))


def grype(document: Document) -> types.Ingested:
    """A Grype JSON report, or a kubevuln manifest holding one."""
    return cast(types.Ingested, Record(_native.grype(text(document)), "Ingested"))


def osv_scanner(document: Document) -> types.Ingested:
    """An osv-scanner JSON report."""
    return cast(types.Ingested, Record(_native.osv_scanner(text(document)), "Ingested"))


def jfrog_simple_json(document: Document) -> types.Ingested:
    """JFrog CLI simple-json output."""
    return cast(types.Ingested, Record(_native.jfrog_simple_json(text(document)), "Ingested"))


def jfrog_xray_json(document: Document) -> types.Ingested:
    """JFrog Xray scan JSON (``jf scan --format json``)."""
    return cast(types.Ingested, Record(_native.jfrog_xray_json(text(document)), "Ingested"))


def kubernetes_pods(document: Document, *, cluster: str) -> types.PodInventory:
    """A ``kubectl get pods -A -o json`` Pod list from ``cluster``."""
    return cast(types.PodInventory, Record(_native.kubernetes_pods(text(document), cluster=cluster), "PodInventory"))


Pages = Union[Document, Sequence[Document]]


def pages_of(pages: Pages) -> list[str]:
    """One page or a list of pages, each ``str``, ``bytes`` or a path."""
    if isinstance(pages, (str, bytes, os.PathLike)):
        return [text(pages)]
    return [text(p) for p in pages]


def runtime_clusters(pages: Pages) -> types.PlatformClusters:
    """The runtime platform's cluster listing: one page (the cluster list,
    a cluster's details, a list of details) or a list of pages, merged.

    >>> details = '''{"cluster": {"name": "prod", "controller_status": "running", "nodes": [
    ...   {"name": "n1", "sensor_installed": true, "status": "monitored_with_sensor"}]}}'''
    >>> read = runtime_clusters(details)
    >>> [n.sensor for n in read.clusters[0].nodes]
    ['running']
    """
    return cast(types.PlatformClusters, Record(_native.runtime_clusters(pages_of(pages)), "PlatformClusters"))


def runtime_image_tags(pages: Pages) -> types.PlatformImageTags:
    """The runtime platform's image tags listing (``POST
    /runtime/api/v1/images/tags``): one page or a list of pages, merged,
    with the tags' findings as reports and the running images.

    >>> page = '''{"image_tags": [{"name": "web", "tag": "1.0", "registry": "r.io",
    ...   "repository_path": "shop/web", "runtime_status": "running", "scan_info": {"sca": true},
    ...   "vulnerabilities": [{"cve_id": "CVE-2024-1", "xray_id": "XRAY-1", "severity": "High",
    ...     "applicability": "rescan_required", "components": [{"id": "npm://left-pad:1.0.0"}]}]}],
    ...   "total_count": 1}'''
    >>> read = runtime_image_tags(page)
    >>> [(o.vulnerability, o.applicability, o.package.purl) for o in read.reports[0].occurrences]
    [('CVE-2024-1', 'rescan_required', 'pkg:npm/left-pad@1.0.0')]
    >>> [w.code for w in read.warnings]
    ['no_image_digest']
    """
    return cast(types.PlatformImageTags, Record(_native.runtime_image_tags(pages_of(pages)), "PlatformImageTags"))


def runtime_workloads(pages: Pages) -> types.PlatformWorkloads:
    """The runtime platform's workloads listing (``POST
    /runtime/api/v1/workloads``): one page or a list of pages, merged.

    >>> page = '''{"workloads": [{"name": "api", "namespace": "shop", "cluster": "prod",
    ...   "nodes": ["n1"], "processes": [{"name": "java", "vulnerabilities": []}]}]}'''
    >>> [p.name for p in runtime_workloads(page).workloads[0].processes]
    ['java']
    """
    return cast(types.PlatformWorkloads, Record(_native.runtime_workloads(pages_of(pages)), "PlatformWorkloads"))


def apply_workloads(
    image_tags: Any,
    workloads: Any,
    clusters: Iterable[Any],
    *,
    disable_label: Optional[Mapping[str, str]] = None,
) -> types.PlatformImageTags:
    """The image tags (as read) with the runtime evidence of the workloads
    listing (as read) and the clusters' sensors: findings a running process
    holds are ``loaded``; the others of images a sensor watches
    ``not_observed``."""
    tags = image_tags.to_dict() if isinstance(image_tags, Record) else image_tags
    loads = workloads.to_dict() if isinstance(workloads, Record) else workloads
    nodes = [c.to_dict() if isinstance(c, Record) else c for c in clusters]
    return cast(types.PlatformImageTags, Record(
        _native.apply_workloads(tags, loads, nodes, disable_label=disable_label), "PlatformImageTags",
    ))


def runtime_images(document: Document) -> types.PlatformImages:
    """The runtime platform's live images listing."""
    return cast(types.PlatformImages, Record(_native.runtime_images(text(document)), "PlatformImages"))


def openvex(document: Document) -> types.VexDocument:
    """An OpenVEX document as statements."""
    return cast(types.VexDocument, Record(_native.openvex(text(document)), "VexDocument"))


def cyclonedx_vex(document: Document) -> types.VexDocument:
    """A CycloneDX document's VEX statements."""
    return cast(types.VexDocument, Record(_native.cyclonedx_vex(text(document)), "VexDocument"))


def csaf_vex(document: Document) -> types.VexDocument:
    """A CSAF VEX document as statements."""
    return cast(types.VexDocument, Record(_native.csaf_vex(text(document)), "VexDocument"))


def apply_vex(findings: Iterable[Mapping[str, Any]], document: Mapping[str, Any]) -> types.VexApplied:
    """Applies a VEX document to findings: ``.findings`` (what remains) and
    ``.outcome``."""
    return cast(types.VexApplied, Record(_native.apply_vex(findings, document), "VexApplied"))


def mark_runtime(
    full: Iterable[Mapping[str, Any]], filtered: Iterable[Mapping[str, Any]]
) -> types.RuntimeMarked:
    """Marks a full scan's findings loaded or not observed from a
    runtime-filtered scan of the same image: ``.findings`` and ``.marks``."""
    return cast(types.RuntimeMarked, Record(_native.mark_runtime(full, filtered), "RuntimeMarked"))


def owning_workload(kind: str, name: str) -> types.OwningWorkload:
    """The workload that owns a controller: ``.kind`` and ``.name``.

    >>> owner = owning_workload("ReplicaSet", "web-7d4b9c8f6d")
    >>> owner.kind, owner.name
    ('Deployment', 'web')
    """
    return cast(types.OwningWorkload, Record(_native.owning_workload(kind, name), "OwningWorkload"))
