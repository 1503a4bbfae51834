"""The runtime platform's own view of the same clusters, as its REST API
returns it: the image tags listing (`POST /runtime/api/v1/images/tags`) and
the workloads listing (`POST /runtime/api/v1/workloads`), two pages each,
in the shapes the API documentation describes. With the cluster details
(`runtime-clusters.json`) they are a platform export: enough for the
dashboard without any scanner report (`platform-export.json`)."""

from .common import *  # noqa: F401,F403
from .frontend import FRONTEND_JFROG, MALICIOUS

FRONTEND = "sha256:" + "e7" * 32
API = "sha256:f770d547374a4a12da54fe1759f8c1f01a374f60b036a59ad3f57060f3bf3b29"

VERDICTS = {
    "Applicable": "applicable",
    "Not Applicable": "not_applicable",
    "Undetermined": "undetermined",
    "Not Covered": "not_covered",
}


def component(kind, name, version):
    """A `componentObj`: the Xray id and the name and version."""
    bare = name.split(":")[-1] if kind == "deb" else name
    return {"component_id": "{}://{}:{}".format(kind, name, version), "name": bare, "version": version}


def vuln(cve, severity, applicability, kind, name, version, cvss_v3=""):
    return {
        "cve_id": cve,
        "xray_id": "XRAY-" + str(int(hexdigest("xray " + cve)[:6], 16)),
        "severity": severity,
        "cvss_v2": "",
        "cvss_v3": cvss_v3,
        "applicability": applicability,
        "components": [component(kind, name, version)],
    }


def frontend_vulns():
    """The frontend's findings as the platform has them: the same ones its
    JFrog scan reports, one per CVE and component."""
    out, seen = [], set()
    for cve, package, version, kind, severity, verdict, _, _, _ in FRONTEND_JFROG:
        kind = {"npm": "npm", "deb": "deb", "Generic": "generic"}[kind]
        if (cve, package) in seen:
            continue
        seen.add((cve, package))
        out.append(vuln(cve, severity, VERDICTS[verdict], kind, package, version))
    return out


XJOIN_VULNS = [
    vuln("CVE-2022-1471", "Critical", "applicable", "gav", "org.yaml:snakeyaml", "1.33", "9.8"),
    vuln("CVE-2023-44981", "Critical", "not_applicable", "gav", "org.apache.zookeeper:zookeeper", "3.6.3", "9.1"),
    vuln("CVE-2023-6246", "High", "undetermined", "rpm", "glibc", "2.28-211.el8", "7.8"),
]
NGINX_VULNS = [
    vuln("CVE-2023-44487", "High", "applicable", "deb", "debian:bookworm:nginx", "1.25.2-1~bookworm", "7.5"),
    vuln("CVE-2023-4911", "High", "applicable", "deb", "debian:bookworm:libc6", "2.36-9+deb12u1", "7.8"),
    vuln("CVE-2023-5363", "High", "rescan_required", "deb", "debian:bookworm:libssl3", "3.0.10-1~deb12u1", "7.5"),
    vuln("CVE-2023-6879", "Critical", "not_applicable", "deb", "debian:bookworm:libaom3", "3.6.0-1", "9.8"),
    vuln("CVE-2023-45853", "Critical", "upgrade_required", "deb", "debian:bookworm:zlib1g", "1:1.2.13.dfsg-1", "9.8"),
]
UBUNTU_VULNS = [
    vuln("CVE-2024-2961", "High", "not_scanned", "deb", "ubuntu:focal:libc6", "2.31-0ubuntu9.14", "7.3"),
    vuln("CVE-2023-29491", "Medium", "not_scanned", "deb", "ubuntu:focal:libncurses6", "6.2-0ubuntu2", "7.8"),
]
PYTHON_VULNS = [
    vuln("CVE-2023-24329", "High", "not_covered", "generic", "python", "3.6.15", "7.5"),
    vuln("CVE-2022-40897", "Medium", "applicable", "pypi", "setuptools", "57.5.0", "5.9"),
]


def tag(name, tag_, registry, path, digest_, scanned, risks, vulns, malicious, workloads):
    entry = {
        "architecture": "amd64",
        "malicious_packages": malicious,
        "name": name,
        "registry": registry,
        "repository_path": path,
        "risks": risks,
        "runtime_status": "running",
        "scan_info": {"sca": scanned},
        "tag": tag_,
        "vulnerabilities": vulns,
        "workloads": [{"cluster": "prod-eu", "namespace": ns, "name": w} for ns, w in workloads],
    }
    if digest_:
        entry["image_digest"] = digest_
    return entry


def image_tags():
    mal_name, mal_version, _ = MALICIOUS
    malicious = [{"xray_id": "XRAY-" + str(int(hexdigest("xray malicious")[:6], 16)),
                  "components": [component("npm", mal_name, mal_version)]}]
    tags = [
        tag("xjoin-kafka-connect-strimzi", "latest", "quay.io", "cloudservices/xjoin-kafka-connect-strimzi",
            XJOIN, True, ["critical_applicable_cves"], XJOIN_VULNS, [], [("xjoin", "xjoin-kafka-connect")]),
        tag("nginx", "1.25", "docker.io", "library/nginx", NGINX, True, ["integrity_violation"],
            NGINX_VULNS, [], [("shop", "web")]),
        tag("frontend", "3.2.0", "registry.acme.io", "shop/frontend", FRONTEND, True,
            ["critical_applicable_cves", "malicious"], frontend_vulns(), malicious, [("shop", "frontend")]),
        tag("api", "1.14.2", "registry.acme.io", "shop/api", API, False, ["integrity_violation"], [], [],
            [("shop", "api")]),
        tag("ubuntu", "20.04", "docker.io", "library/ubuntu", UBUNTU, True, [], UBUNTU_VULNS, [], [("lbc", "ubuntu")]),
        tag("python", "3.6", "docker.io", "library/python", PYTHON, True, ["integrity_violation"], PYTHON_VULNS, [],
            [("batch", "report-builder")]),
        # The runtime reports a node-local id only: the listing has no digest.
        tag("node-agent", "0.9.1", "registry.acme.io", "ops/node-agent", None, False, [], [], [],
            [("monitoring", "node-agent")]),
    ]
    total = len(tags)
    return [
        {"image_tags": tags[:4], "pagination": {"limit": 4, "next_key": "4"}, "total_count": total},
        {"image_tags": tags[4:], "pagination": {"limit": 4, "next_key": ""}, "total_count": total},
    ]


def process(name, path, digest_, vulns, risks=()):
    entry = {
        "name": name,
        "arguments": "",
        "path": path,
        "runtime_status": "running",
        "risks": list(risks),
        "vulnerabilities": vulns,
        "malicious_packages": [],
        "process_hash": hexdigest("process " + path),
    }
    if digest_:
        entry["image_digest"] = digest_
    return entry


def workload(namespace, name, nodes, risks, processes):
    return {
        "name": name,
        "namespace": namespace,
        "cluster": "prod-eu",
        "runtime_status": "running",
        "nodes": nodes,
        "architecture": "amd64",
        "risks": risks,
        "vulnerabilities_count": sum(len(p["vulnerabilities"]) for p in processes),
        "processes": processes,
    }


def by_cve(vulns, cve):
    return [v for v in vulns if v["cve_id"] == cve]


def workloads():
    front = frontend_vulns()
    items = [
        workload("xjoin", "xjoin-kafka-connect", ["node-1"], ["critical_applicable_cves"], [
            process("java", "/usr/lib/jvm/jre/bin/java", XJOIN, by_cve(XJOIN_VULNS, "CVE-2022-1471"),
                    ["critical_applicable_cves"])]),
        workload("shop", "web", ["node-1", "node-2"], [], [
            process("nginx", "/usr/sbin/nginx", NGINX,
                    by_cve(NGINX_VULNS, "CVE-2023-44487") + by_cve(NGINX_VULNS, "CVE-2023-4911"))]),
        workload("shop", "frontend", ["node-1"], ["critical_applicable_cves"], [
            process("node", "/usr/local/bin/node", FRONTEND,
                    by_cve(front, "CVE-2023-42282") + by_cve(front, "CVE-2024-22019"),
                    ["critical_applicable_cves"])]),
        workload("shop", "api", ["node-2"], [], [process("api", "/app/api", API, [])]),
        workload("lbc", "ubuntu", ["node-3"], [], [process("bash", "/usr/bin/bash", UBUNTU, [])]),
        workload("batch", "report-builder", ["node-2"], [], [
            process("python3", "/usr/local/bin/python3.6", PYTHON, by_cve(PYTHON_VULNS, "CVE-2023-24329"))]),
        workload("monitoring", "node-agent", ["node-1"], [], [process("node-agent", "/node-agent", None, [])]),
    ]
    total = len(items)
    return [
        {"workloads": items[:4], "pagination": {"limit": 4, "next_key": "4", "total_count": total}},
        {"workloads": items[4:], "pagination": {"limit": 4, "next_key": "", "total_count": total}},
    ]
