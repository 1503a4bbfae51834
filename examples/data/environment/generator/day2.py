"""Day 2: the same environment observed 24 hours later (`day2/`).

Day 2 is day 1 plus three changes:

- a new image in a new workload, without a scan: the Deployment `checkout`
  (namespace `shop`, on node-1) runs registry.acme.io/shop/checkout:1.0.0,
  which no report covers; the registry knows it by the digest it runs;
- a rescan of docker.io/library/python:3.6 (Grype, a newer database), which
  now also reports CVE-2024-0985 (PostgreSQL, High, fixed in Debian 11 by
  13.14-0+deb11u1) on libpq5 13.5-0+deb11u1;
- contextual analysis newly run on quay.io/.../xjoin-kafka-connect-strimzi:
  latest, which on day 1 only Grype had scanned (no verdicts): a JFrog
  `jf docker scan` of the same image, with the same vulnerabilities,
  severities and fixes as its Grype report, and verdicts; of its Critical
  and High findings CVE-2023-25194 (kafka-clients), CVE-2023-34455
  (snappy-java) and CVE-2023-4911 (glibc) are Applicable.

Its manifest (`day2/environment.json`) names the files that changed, in
`day2/`, and the unchanged ones of day 1 by `../`.
"""

from .common import *  # noqa: F401,F403
from .jfrog import simple_json, scan_id
from .python36 import PYTHON_ROWS, python_report
from .xjoin import XJOIN_JARS, XJOIN_OS, XJOIN_RPMS

OBSERVED_AT = "2024-05-02T12:00:00Z"

# ---- (a) registry.acme.io/shop/checkout:1.0.0: deployed, never scanned ----

CHECKOUT_REF = "registry.acme.io/shop/checkout:1.0.0"
CHECKOUT = digest("checkout-1.0.0 manifest")


def checkout_pod():
    """The pod of the new Deployment, in the shape of the day-1 Pod list."""
    image_id = CHECKOUT_REF.rsplit(":", 1)[0] + "@" + CHECKOUT
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": "checkout-5d8f7c6b9-w4n2q",
            "namespace": "shop",
            "uid": hexdigest("pod checkout")[:8] + "-0000-4000-8000-000000000000",
            "creationTimestamp": "2024-05-02T07:30:00Z",
            "labels": {"app": "checkout"},
            "ownerReferences": [
                {
                    "apiVersion": "apps/v1",
                    "kind": "ReplicaSet",
                    "name": "checkout-5d8f7c6b9",
                    "uid": "00000000-0000-4000-8000-00000000000b",
                    "controller": True,
                    "blockOwnerDeletion": True,
                }
            ],
        },
        "spec": {
            "nodeName": "node-1",
            "containers": [
                {
                    "name": "checkout",
                    "image": CHECKOUT_REF,
                    "imagePullPolicy": "IfNotPresent",
                    "resources": {},
                }
            ],
            "restartPolicy": "Always",
            "serviceAccountName": "default",
        },
        "status": {
            "phase": "Running",
            "hostIP": "10.1.0.11",
            "podIP": "10.244.1.31",
            "startTime": "2024-05-02T07:30:20Z",
            "containerStatuses": [
                {
                    "name": "checkout",
                    "image": CHECKOUT_REF,
                    "ready": True,
                    "restartCount": 0,
                    "started": True,
                    "imageID": image_id,
                    "state": {"running": {"startedAt": "2024-05-02T07:31:00Z"}},
                }
            ],
        },
    }


def pods():
    """Day 1's Pod list (`pods-prod-eu.json`, unchanged) and the new pod."""
    listing = read("pods-prod-eu.json")
    listing["items"].append(checkout_pod())
    return listing


def registry():
    """Day 1's registry answers (`registry.json`) and the new image's."""
    answers = read("registry.json")
    answers[CHECKOUT_REF] = {
        "answer": "found",
        "digest": CHECKOUT,
        "url": "https://registry.acme.io/ui/repos/tree/General/shop/checkout",
    }
    return answers


# ---- (b) docker.io/library/python:3.6: the rescan ----

NEW_CVE = ("CVE-2024-0985", ["libpq5"], "High", "fixed", ["13.14-0+deb11u1"])
RESCAN_DB_BUILT = "2024-05-01T01:29:47Z"
RESCAN_AT = "2024-05-01T22:09:51Z"


def python_rescan():
    """Day 1's rows, and the new one after libpq5's others."""
    rows = list(PYTHON_ROWS)
    at = max(i for i, row in enumerate(rows) if row[1] == ["libpq5"]) + 1
    rows.insert(at, NEW_CVE)
    return python_report(rows, RESCAN_DB_BUILT, RESCAN_AT)


# ---- (c) quay.io/.../xjoin-kafka-connect-strimzi:latest: contextual analysis ----

XJOIN_REF = "quay.io/cloudservices/xjoin-kafka-connect-strimzi:latest"
# The image tar a docker scan names: the configuration digest, the Grype
# report's `imageID`.
XJOIN_TAR = "sha256__" + hexdigest("xjoin-kafka-connect-strimzi config") + ".tar"

# The verdicts of the Critical and High findings; the Medium and Low ones
# are Not Covered. Evidence: (file, line, reason).
XJOIN_VERDICTS = {
    "CVE-2023-25194": ("Applicable", (
        "opt/kafka/config/connect-distributed.properties", 27,
        "The Connect REST API accepts connector configurations that set sasl.jaas.config")),
    "CVE-2023-34455": ("Applicable", (
        "opt/kafka/libs/kafka-clients-3.3.1.jar", 1,
        "Record batches read from the brokers are decompressed with SnappyInputStream")),
    "CVE-2023-4911": ("Applicable", (
        "usr/bin/su", 1,
        "Set-user-ID programs in the image load the vulnerable dynamic loader")),
    "CVE-2023-44981": ("Not Applicable", None),
    "CVE-2022-36944": ("Not Applicable", None),
    "CVE-2023-44487": ("Not Applicable", None),
    "CVE-2023-31582": ("Not Applicable", None),
    "CVE-2023-0286": ("Not Applicable", None),
    "CVE-2024-2961": ("Not Applicable", None),
    "CVE-2023-26604": ("Not Applicable", None),
    "CVE-2023-43642": ("Undetermined", None),
    "CVE-2023-36478": ("Undetermined", None),
    "CVE-2023-1370": ("Undetermined", None),
    "CVE-2023-21930": ("Not Covered", None),
    "CVE-2024-20918": ("Not Covered", None),
    "CVE-2024-20952": ("Not Covered", None),
}


def verdict(cve, severity):
    if cve in XJOIN_VERDICTS:
        return XJOIN_VERDICTS[cve]
    assert severity not in ("Critical", "High"), cve
    return ("Not Covered", None)


def xjoin_table():
    """The JFrog rows of xjoin's Grype findings: RPMs by Xray's
    `<release>:<name>`, jars by `group:artifact`."""
    table = []
    for cve, packages, severity, state, versions in XJOIN_OS:
        applicable, evidence = verdict(cve, severity)
        fixed = ["[{}]".format(v) for v in versions] if state == "fixed" else None
        for name in packages:
            version, _ = XJOIN_RPMS[name]
            table.append((cve, "8:" + name, version, "RPM", severity, applicable, fixed, [], evidence))
    for _, cve, group, name, version, severity, fixed in XJOIN_JARS:
        applicable, evidence = verdict(cve, severity)
        table.append((cve, group + ":" + name, version, "Maven", severity, applicable,
                      ["[{}]".format(fixed)], [], evidence))
    return table


def xjoin_location(kind, name, version):
    if kind == "Maven":
        return {"file": "opt/kafka/libs/{}-{}.jar".format(name.rsplit(":", 1)[-1], version)}
    return {"file": "{}:{}".format(name.rsplit(":", 1)[-1], version)}


def xjoin_jfrog():
    root = {"name": XJOIN_REF.rsplit(":", 1)[0], "version": "latest"}
    return simple_json(xjoin_table(), root, XJOIN_TAR, xjoin_location, scan_id("xjoin day 2"))


# ---- the manifest ----


def manifest():
    """Day 1's manifest with day 2's files; the unchanged ones by `../`."""
    m = read("environment.json")
    m["observed_at"] = OBSERVED_AT
    m["clusters_file"] = "../" + m["clusters_file"]
    m["pods"] = [{"cluster": "prod-eu", "file": "pods-prod-eu.json"}]
    m["registry_file"] = "registry.json"
    changed = {"grype-python-3.6.json"}
    reports = []
    for entry in m["reports"]:
        entry = dict(entry)
        if entry["file"] not in changed:
            entry["file"] = "../" + entry["file"]
            if "runtime_filtered" in entry:
                entry["runtime_filtered"] = "../" + entry["runtime_filtered"]
        reports.append(entry)
    reports.append({
        "format": "jfrog_simple_json",
        "file": "jfrog-xjoin-kafka-connect.json",
        "image": XJOIN,
    })
    m["reports"] = reports
    m["vex"] = ["../" + v for v in m["vex"]]
    m["previous"] = "../environment.json"
    return m


def day2_files():
    """(file under day2/, document) for every file day 2 changes or adds."""
    return [
        ("environment.json", manifest()),
        ("pods-prod-eu.json", pods()),
        ("registry.json", registry()),
        ("grype-python-3.6.json", python_rescan()),
        ("jfrog-xjoin-kafka-connect.json", xjoin_jfrog()),
    ]
