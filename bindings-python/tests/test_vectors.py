"""The behaviour cases of ``tests/vectors/``, read by the Python binding:
the same inputs must give the same answers as in Rust."""

from __future__ import annotations

from typing import Any

import pytest

import kubesight
from kubesight import ingest

from conftest import FIXTURES, section, subset, vectors


def code_of(call: Any) -> str:
    with pytest.raises(kubesight.KubesightError) as raised:
        call()
    code: str = raised.value.code
    return code


@pytest.mark.parametrize("case", section("references.json", "cases", 150))
def test_references(case: dict[str, Any]) -> None:
    if "error" in case:
        assert code_of(lambda: kubesight.ImageRef.parse(case["input"])) == case["error"]
        return
    ref = kubesight.ImageRef.parse(case["input"])
    expected = {k: v for k, v in case.items() if k not in ("input", "note")}
    subset(expected, ref.to_dict())
    assert kubesight.ImageRef.parse(str(ref)) == ref


@pytest.mark.parametrize("case", section("tags.json", "cases", 100))
def test_tags(case: dict[str, Any]) -> None:
    def policy() -> kubesight.TagPolicy:
        if case.get("policy") == "keywords_only":
            return kubesight.TagPolicy.keywords_only()
        return kubesight.TagPolicy(**case.get("changes", {}))

    if "reference" in case:
        call = lambda: policy().classify_reference(kubesight.ImageRef.parse(case["reference"]))  # noqa: E731
    else:
        call = lambda: policy().classify(case["tag"])  # noqa: E731
    if "error" in case:
        assert code_of(call) == case["error"]
        return
    result = call()
    assert (result.rule, result.mutability) == (case["rule"], case["mutability"])


@pytest.mark.parametrize("case", section("severity.json", "cases", 15))
def test_severity_vocabulary(case: dict[str, Any]) -> None:
    assert kubesight.severity_from_vocabulary(case["word"]) == case["severity"]


@pytest.mark.parametrize("case", section("integrity.json", "cases", 20))
def test_integrity(case: dict[str, Any]) -> None:
    tags = kubesight.TagPolicy.keywords_only() if case["policy"].get("tags") == "keywords_only" else None
    policy = kubesight.IntegrityPolicy(case["policy"]["trusted"], tag_policy=tags)
    assessment = policy.assess(case["facts"], observed_at=case["observed_at"])
    subset(case["expect"], assessment.to_dict())


@pytest.mark.parametrize("case", section("funnel.json", "cases", 15))
def test_funnel(case: dict[str, Any]) -> None:
    result = kubesight.funnel(
        case["running"],
        case["occurrences"],
        runtime_validation=case["runtime_validation"],
    )
    subset(case["expect"], result.to_dict())


@pytest.mark.parametrize("case", section("highlights.json", "cases", 3))
def test_highlights(case: dict[str, Any]) -> None:
    running = vectors("highlights.json")["running"]
    result = kubesight.highlights(running, case["occurrences"], case["violations"])
    subset(case["expect"], result.to_dict())


@pytest.mark.parametrize("case", section("runtime.json", "scan_status", 5))
def test_scan_status(case: dict[str, Any]) -> None:
    subset(case["expect"], kubesight.scan_report(case["running"]).to_dict())


@pytest.mark.parametrize("case", section("runtime.json", "installation", 4))
def test_installation(case: dict[str, Any]) -> None:
    subset(case["expect"], kubesight.installation(case["clusters"]).to_dict())


@pytest.mark.parametrize("case", section("runtime.json", "health", 7))
def test_health(case: dict[str, Any]) -> None:
    health = kubesight.cluster_health(case["cluster"], disable_label=case.get("label"))
    subset(case["expect"], health.to_dict())


@pytest.mark.parametrize("case", section("scanning.json", "batch", 3))
def test_batch_configuration(case: dict[str, Any]) -> None:
    try:
        done = kubesight.batch_configure(case["configurations"], case["clusters"], case["configuration"])
        outcome = {"changes": done.to_dict()["changes"], "coverage": kubesight.coverage(done.configurations).to_dict()}
    except kubesight.KubesightError as e:
        outcome = {"error": e.code, "coverage": kubesight.coverage(case["configurations"]).to_dict()}
    subset(case["expect"], outcome)


@pytest.mark.parametrize("case", section("scanning.json", "readiness", 4))
def test_readiness(case: dict[str, Any]) -> None:
    subset(case["expect"], kubesight.readiness(case["installation"], case["configurations"]).to_dict())


@pytest.mark.parametrize("case", section("scanning.json", "plan", 2))
def test_scan_plan(case: dict[str, Any]) -> None:
    subset(case["expect"], kubesight.scan_plan(case["images"], case["configurations"]).to_dict())


def trend_of(case: dict[str, Any]) -> dict[str, Any]:
    options = case["options"]
    try:
        # The options a case leaves out keep the core's defaults.
        result = kubesight.trend(case["snapshots"], now=case["now"], **options)
    except kubesight.KubesightError as e:
        return {"error": e.code}
    trend: dict[str, Any] = result.to_dict()["trend"]
    return trend


@pytest.mark.parametrize("case", section("trend.json", "windows", 30))
def test_trend_windows(case: dict[str, Any]) -> None:
    subset(case["expect"], trend_of(case))


@pytest.mark.parametrize("case", section("trend.json", "summary", 5))
def test_trend_summary(case: dict[str, Any]) -> None:
    subset(case["expect"], trend_of(case)["summary"])


READERS = {
    "trivy": ingest.trivy,
    "trivy_operator": ingest.trivy_operator,
    "grype": ingest.grype,
    "osv_scanner": ingest.osv_scanner,
    "jfrog_simple_json": ingest.jfrog_simple_json,
    "jfrog_xray_json": ingest.jfrog_xray_json,
    "openvex": ingest.openvex,
    "cyclonedx_vex": ingest.cyclonedx_vex,
    "csaf_vex": ingest.csaf_vex,
}


def ingest_summary(read: dict[str, Any]) -> dict[str, Any]:
    """The summary ``tests/vectors/ingest.json`` describes."""
    occurrences = [o for r in read["reports"] for o in r["occurrences"]]
    count = lambda field, value: sum(1 for o in occurrences if o[field] == value)  # noqa: E731
    summary: dict[str, Any] = {
        "reports": len(read["reports"]),
        "occurrences": len(occurrences),
        "distinct_vulnerabilities": kubesight.distinct_vulnerabilities(occurrences),
        "suppressed": sum(r["suppressed"] for r in read["reports"]),
        "fix_available": sum(1 for o in occurrences if o["fix"]["state"] == "fixed" and o["fix"].get("versions")),
        "digests": [r["digests"] for r in read["reports"]],
        "artifacts": [r.get("artifact") for r in read["reports"]],
        "workloads": [r.get("workload") for r in read["reports"]],
        "severities": {s.value: count("severity", s.value) for s in kubesight.Severity},
        "fix_states": {s.value: sum(1 for o in occurrences if o["fix"]["state"] == s.value) for s in kubesight.FixState},
        "applicability": {a.value: count("applicability", a.value) for a in kubesight.Applicability},
        "malicious": sum(1 for o in occurrences if o["malicious"]),
        "aliases": [o.get("aliases", []) for o in occurrences],
        "severity_sources": sorted({o["severity_source"] for o in occurrences if o.get("severity_source")}),
        "fix_versions": [o["fix"].get("versions", []) for o in occurrences],
        "warnings": [w["code"] for w in read["warnings"]],
    }
    if all(r["digests"] for r in read["reports"]):
        running = [{"digests": r["digests"], "scanned": True, "monitored": False} for r in read["reports"]]
        summary["funnel"] = kubesight.funnel(running, occurrences, runtime_validation=False).to_dict()["funnel"]
    return summary


def vex_summary(document: dict[str, Any]) -> dict[str, Any]:
    statements = document["statements"]
    return {
        "statements": len(statements),
        "statuses": [s["status"] for s in statements],
        "products": sum(len(s["products"]) for s in statements),
        "images": [p["image"] for s in statements for p in s["products"] if p.get("image")],
        "warnings": len(document["warnings"]),
        "messages": [w["message"] for w in document["warnings"]],
    }


def remaining(applied: dict[str, Any]) -> list[Any]:
    """What applying VEX left: (vulnerability, package, applicability), sorted."""
    return sorted(
        ([o["vulnerability"], o["package"]["name"], o["applicability"]] for o in applied["findings"]),
        key=lambda r: str(r),
    )


@pytest.mark.parametrize("case", section("ingest.json", "cases", 28))
def test_ingest_fixtures(case: dict[str, Any]) -> None:
    read = READERS[case["format"]](FIXTURES / case["fixture"])
    subset(case["expect"], ingest_summary(read.to_dict()))


@pytest.mark.parametrize("case", section("ingest.json", "vex", 18))
def test_vex_documents(case: dict[str, Any]) -> None:
    document = READERS[case["format"]](FIXTURES / case["fixture"])
    subset(case["expect"], vex_summary(document.to_dict()))


@pytest.mark.parametrize("case", section("ingest.json", "vex_applied", 5))
def test_vex_applied(case: dict[str, Any]) -> None:
    document = READERS[case["format"]](FIXTURES / case["fixture"])
    applied = ingest.apply_vex(case["occurrences"], document).to_dict()
    subset(case["expect"], {"outcome": applied["outcome"], "remaining": remaining(applied)})


@pytest.mark.parametrize("case", section("ingest.json", "shapes", 18))
def test_inline_shapes(case: dict[str, Any]) -> None:
    subset(case["expect"], ingest_summary(READERS[case["format"]](case["text"]).to_dict()))


@pytest.mark.parametrize("case", section("ingest.json", "vex_shapes", 6))
def test_inline_vex_shapes(case: dict[str, Any]) -> None:
    document = READERS[case["format"]](case["text"])
    outcome = vex_summary(document.to_dict())
    if "occurrences" in case:
        applied = ingest.apply_vex(case["occurrences"], document).to_dict()
        outcome.update(outcome=applied["outcome"], remaining=remaining(applied))
    subset(case["expect"], outcome)


@pytest.mark.parametrize("case", section("ingest.json", "runtime_pairs", 1))
def test_runtime_pairs(case: dict[str, Any]) -> None:
    read = READERS[case["format"]]
    full = [o for r in read(FIXTURES / case["full"]).to_dict()["reports"] for o in r["occurrences"]]
    filtered = [o for r in read(FIXTURES / case["filtered"]).to_dict()["reports"] for o in r["occurrences"]]
    marked = ingest.mark_runtime(full, filtered).to_dict()
    loaded = [o for o in marked["findings"] if o["runtime"] == "loaded"]
    subset(
        case["expect"],
        {
            "marks": marked["marks"],
            "loaded_vulnerabilities": kubesight.distinct_vulnerabilities(loaded),
            "loaded_critical_high": kubesight.distinct_vulnerabilities(
                o for o in loaded if o["severity"] in ("critical", "high")
            ),
            "all_vulnerabilities": kubesight.distinct_vulnerabilities(marked["findings"]),
        },
    )


def pods_summary(read: dict[str, Any]) -> dict[str, Any]:
    def workload(c: dict[str, Any]) -> str:
        kinds = {"deployment": "Deployment", "stateful_set": "StatefulSet", "daemon_set": "DaemonSet",
                 "replica_set": "ReplicaSet", "job": "Job", "cron_job": "CronJob", "pod": "Pod"}
        return f"{kinds.get(c['workload']['kind'], c['workload']['kind'])}/{c['workload']['name']}"

    return {
        "containers": [
            {
                "pod": c["pod"],
                "container": c["container"],
                "workload": workload(c),
                "node": c["node"],
                "image": c["image"],
                "image_id_kind": None if c.get("image_id") is None else kubesight.ImageId.parse(c["image_id"]).kind,
                "started_at": c.get("started_at"),
            }
            for c in read["containers"]
        ],
        "warnings": len(read["warnings"]),
    }


@pytest.mark.parametrize("case", section("ingest.json", "pods", 2))
def test_pod_lists(case: dict[str, Any]) -> None:
    document = FIXTURES / case["fixture"] if "fixture" in case else case["text"]
    read = ingest.kubernetes_pods(document, cluster=case["cluster"])
    subset(case["expect"], pods_summary(read.to_dict()))


def platform_summary(listing: str, document: Any) -> dict[str, Any]:
    if listing == "clusters":
        read = ingest.runtime_clusters(document).to_dict()
        return {
            "clusters": read["clusters"],
            "warnings": [w["code"] for w in read["warnings"]],
            "installation": kubesight.installation(read["clusters"]).status,
        }
    images = ingest.runtime_images(document).to_dict()
    return {
        "scan_status": images["scan"]["status"],
        "running": images["scan"]["running"],
        "scanned": images["scan"]["scanned"],
        "critical": [i["vulnerabilities"]["critical"] for i in images["images"]],
        "warnings": [w["code"] for w in images["warnings"]],
    }


def pages_of(case: dict[str, Any], key: str) -> list[Any]:
    return [p if p.startswith(("{", "[")) else FIXTURES / p for p in case.get(key, [])]


def export_summary(case: dict[str, Any]) -> dict[str, Any]:
    """What a platform export gives (the section's ``about``)."""
    clusters = ingest.runtime_clusters(pages_of(case, "clusters"))
    tags = ingest.runtime_image_tags(pages_of(case, "image_tags"))
    workloads = None
    if case.get("workloads"):
        workloads = ingest.runtime_workloads(pages_of(case, "workloads"))
        tags = ingest.apply_workloads(tags, workloads, clusters.clusters)
    read = tags.to_dict()
    nodes = clusters.to_dict()["clusters"]
    installation = kubesight.installation(nodes).status
    occurrences = [o for r in read["reports"] for o in r["occurrences"]]
    funnel = kubesight.funnel(
        read["running_images"], occurrences, runtime_validation=installation == "full"
    ).to_dict()
    scan = kubesight.scan_report(read["running_images"]).to_dict()
    warnings = [w["code"] for w in clusters.to_dict()["warnings"]] + [w["code"] for w in read["warnings"]]
    if workloads is not None:
        warnings += [w["code"] for w in workloads.to_dict()["warnings"]]
    derived = []
    for t in read["tags"]:
        risks = []
        if t["malicious_packages"]:
            risks.append("malicious")
        if any(v["severity"] == "critical" and v["applicability"] == "applicable" for v in t["vulnerabilities"]):
            risks.append("critical_applicable_cves")
        derived.append(risks)
    return {
        "clusters": [c["name"] for c in nodes],
        "installation": installation,
        "health": [kubesight.cluster_health(c).to_dict() for c in nodes],
        "tags": len(read["tags"]),
        "occurrences": len(occurrences),
        "purls": [o["package"]["purl"] for o in occurrences if o["package"].get("purl")],
        "applicability": [o["applicability"] for o in occurrences if not o["malicious"]],
        "scan_status": scan["status"],
        "running": scan["running"],
        "scanned": scan["scanned"],
        "funnel": funnel["funnel"],
        "highlights": kubesight.highlights(read["running_images"], occurrences, []).to_dict(),
        "risks": [t["risks"] for t in read["tags"]],
        "derived_risks": derived,
        "evidence": read.get("evidence"),
        "listing": {
            "clusters": clusters.to_dict()["listing"],
            "image_tags": read["listing"],
            "workloads": workloads.to_dict()["listing"] if workloads is not None else None,
        },
        "processes": sum(len(w["processes"]) for w in workloads.to_dict()["workloads"]) if workloads is not None else None,
        "warnings": warnings,
    }


@pytest.mark.parametrize("case", section("ingest.json", "platform_export", 8))
def test_platform_exports(case: dict[str, Any]) -> None:
    try:
        outcome = export_summary(case)
    except kubesight.KubesightError as e:
        outcome = {"error": e.code}
    subset(case["expect"], outcome)


@pytest.mark.parametrize("case", section("ingest.json", "platform", 5))
def test_platform_listings(case: dict[str, Any]) -> None:
    document = FIXTURES / case["fixture"] if "fixture" in case else case["text"]
    subset(case["expect"], platform_summary(case["listing"], document))


@pytest.mark.parametrize("case", section("ingest.json", "errors", 17))
def test_broken_documents(case: dict[str, Any]) -> None:
    fmt, text = case["format"], case["text"]
    try:
        if fmt == "kubernetes_pods":
            outcome = pods_summary(ingest.kubernetes_pods(text, cluster="c").to_dict())
        elif fmt.startswith("runtime_"):
            outcome = platform_summary(fmt[len("runtime_"):], text)
        elif fmt in ("openvex", "cyclonedx_vex", "csaf_vex"):
            outcome = vex_summary(READERS[fmt](text).to_dict())
        else:
            outcome = ingest_summary(READERS[fmt](text).to_dict())
    except kubesight.KubesightError as e:
        outcome = {"error": e.code}
    subset(case["expect"], outcome)
