"""JFrog simple-json and osv-scanner for registry.acme.io/shop/frontend:3.2.0."""

from .common import *  # noqa: F401,F403
from .jfrog import simple_json, xray_id  # noqa: F401

# ---- registry.acme.io/shop/frontend:3.2.0: JFrog CLI and osv-scanner ----

FRONTEND_TAR = "sha256__" + hexdigest("frontend-3.2.0 config") + ".tar"
FRONTEND_REF = "registry.acme.io/shop/frontend:3.2.0"

# (CVE, package, version, type, severity, contextual-analysis verdict, fixed
#  ranges (None: no fix), direct dependencies pulling it in (one row each),
#  evidence: a file, or (file, line, reason)); see generator/jfrog.py.
# Among the Critical and High rows: Applicable with a fix (ip, protobufjs,
# jsonwebtoken's CVE-2022-23540, node's CVE-2024-22019) and without one (vm2,
# unmaintained since 3.9.19, and dicer, which busboy 0.2 pulls in for
# multer 1.4.2: neither has a fixed release); Not Applicable, Undetermined
# and Not Covered ones.
FRONTEND_JFROG = [
    ("CVE-2023-42282", "ip", "2.0.0", "npm", "Critical", "Applicable", ["[2.0.1]"], ["socks-proxy-agent"], "app/server/proxy.js"),
    ("CVE-2023-36665", "protobufjs", "7.2.3", "npm", "Critical", "Applicable", ["[7.2.4]"], ["@grpc/proto-loader"], "app/server/rpc.js"),
    ("CVE-2023-37466", "vm2", "3.9.19", "npm", "Critical", "Applicable", None, ["proxy-agent"],
     ("app/server/proxy.js", 31, "The PAC script fetched from the configured proxy URL runs in the vm2 sandbox")),
    ("CVE-2023-37903", "vm2", "3.9.19", "npm", "Critical", "Not Applicable", None, ["proxy-agent"], None),
    ("CVE-2022-24434", "dicer", "0.2.5", "npm", "High", "Applicable", None, ["multer"],
     ("app/server/routes/upload.js", 8, "multer parses multipart/form-data bodies of unauthenticated requests")),
    ("CVE-2022-23540", "jsonwebtoken", "8.5.1", "npm", "High", "Applicable", ["[9.0.0]"], ["jsonwebtoken"], "app/server/auth.js"),
    ("CVE-2022-23539", "jsonwebtoken", "8.5.1", "npm", "High", "Not Applicable", ["[9.0.0]"], ["jsonwebtoken"], None),
    ("CVE-2022-23541", "jsonwebtoken", "8.5.1", "npm", "Medium", "Undetermined", ["[9.0.0]"], ["jsonwebtoken"], None),
    ("CVE-2024-22019", "node", "20.10.0", "Generic", "High", "Applicable", ["[20.11.0]"], [], "usr/local/bin/node"),
    ("CVE-2024-27983", "node", "20.10.0", "Generic", "High", "Undetermined", ["[20.12.1]"], [], None),
    ("CVE-2024-21892", "node", "20.10.0", "Generic", "High", "Not Covered", ["[20.11.0]"], [], None),
    ("CVE-2024-27982", "node", "20.10.0", "Generic", "Medium", "Not Covered", ["[20.12.1]"], [], None),
    ("CVE-2024-29041", "express", "4.18.2", "npm", "Medium", "Applicable", ["[4.19.2]"], ["express"], "app/server/routes/login.js"),
    ("CVE-2024-28849", "follow-redirects", "1.15.2", "npm", "Medium", "Applicable", ["[1.15.6]"], ["axios"], "app/server/upstream.js"),
    ("CVE-2023-26159", "follow-redirects", "1.15.2", "npm", "Medium", "Not Applicable", ["[1.15.4]"], ["axios"], None),
    ("CVE-2023-45857", "axios", "1.5.1", "npm", "Medium", "Not Applicable", ["[1.6.0]"], ["axios", "@acme/api-client"], None),
    ("CVE-2022-25883", "semver", "7.5.1", "npm", "High", "Not Applicable", ["[7.5.2]"], ["jsonwebtoken", "@npmcli/package-json"], None),
    ("CVE-2023-26136", "tough-cookie", "4.1.2", "npm", "Medium", "Undetermined", ["[4.1.3]"], ["jsdom"], None),
    ("CVE-2024-28863", "tar", "6.1.15", "npm", "Medium", "Not Covered", ["[6.2.1]"], ["@npmcli/package-json"], None),
    ("CVE-2023-26115", "word-wrap", "1.2.3", "npm", "Medium", "Not Applicable", ["[1.2.4]"], ["optionator"], None),
    ("CVE-2023-45853", "debian:bookworm:zlib1g", "1:1.2.13.dfsg-1", "deb", "Critical", "Not Applicable", None, [], None),
    ("CVE-2023-6246", "debian:bookworm:libc6", "2.36-9+deb12u3", "deb", "High", "Undetermined", ["[2.36-9+deb12u4]"], [], None),
    ("CVE-2023-6246", "debian:bookworm:libc-bin", "2.36-9+deb12u3", "deb", "High", "Undetermined", ["[2.36-9+deb12u4]"], [], None),
    ("CVE-2024-2961", "debian:bookworm:libc6", "2.36-9+deb12u3", "deb", "High", "Not Applicable", ["[2.36-9+deb12u7]"], [], None),
    ("CVE-2024-2961", "debian:bookworm:libc-bin", "2.36-9+deb12u3", "deb", "High", "Not Applicable", ["[2.36-9+deb12u7]"], [], None),
    ("CVE-2024-0727", "debian:bookworm:libssl3", "3.0.11-1~deb12u2", "deb", "Medium", "Not Applicable", ["[3.0.13-1~deb12u1]"], [], None),
    ("CVE-2011-3374", "debian:bookworm:apt", "2.6.1", "deb", "Low", "Not Covered", None, [], None),
]


def frontend_location(kind, name, version):
    if kind == "deb":
        return {"file": "{}:{}".format(name.rsplit(":", 1)[-1], version)}
    if kind == "Generic":
        return {"file": "usr/local/bin/node"}
    return {"file": "app/node_modules/{}/package.json".format(name)}


def jfrog_report():
    root = {"name": FRONTEND_REF.rsplit(":", 1)[0], "version": "3.2.0"}
    return simple_json(
        FRONTEND_JFROG, root, FRONTEND_TAR, frontend_location,
        "3c1f5a2e-0709-11ef-9a1b-0242ac120002", {"file": "app/package.json"},
    )


# (package, version, [(GHSA, CVE, severity, fixed in or None)])
FRONTEND_OSV = [
    ("ip", "2.0.0", [("GHSA-78xj-cgh5-2h22", "CVE-2023-42282", "LOW", "2.0.1")]),
    ("protobufjs", "7.2.3", [("GHSA-h755-8qp9-cq85", "CVE-2023-36665", "CRITICAL", "7.2.4")]),
    ("vm2", "3.9.19", [
        ("GHSA-cchq-frgv-rjh5", "CVE-2023-37466", "CRITICAL", None),
        ("GHSA-g644-9gfx-q4q4", "CVE-2023-37903", "CRITICAL", None),
    ]),
    ("dicer", "0.2.5", [("GHSA-wm7h-9275-46v2", "CVE-2022-24434", "HIGH", None)]),
    ("jsonwebtoken", "8.5.1", [
        ("GHSA-8cf7-32gw-wr33", "CVE-2022-23539", "HIGH", "9.0.0"),
        ("GHSA-qwph-4952-7xr6", "CVE-2022-23540", "MODERATE", "9.0.0"),
        ("GHSA-hjrf-2m68-5959", "CVE-2022-23541", "MODERATE", "9.0.0"),
    ]),
    ("express", "4.18.2", [("GHSA-rv95-896h-c2vc", "CVE-2024-29041", "MODERATE", "4.19.2")]),
    ("follow-redirects", "1.15.2", [
        ("GHSA-jchw-25xp-jwwc", "CVE-2023-26159", "MODERATE", "1.15.4"),
        ("GHSA-cxjh-pqwp-8mfp", "CVE-2024-28849", "MODERATE", "1.15.6"),
    ]),
    ("axios", "1.5.1", [("GHSA-wf5p-g6vw-rhxx", "CVE-2023-45857", "MODERATE", "1.6.0")]),
    ("semver", "7.5.1", [("GHSA-c2qf-rxjj-qqgw", "CVE-2022-25883", "MODERATE", "7.5.2")]),
    ("tough-cookie", "4.1.2", [("GHSA-72xf-g2v4-qvf3", "CVE-2023-26136", "MODERATE", "4.1.3")]),
    ("tar", "6.1.15", [("GHSA-f5x3-32g6-xq36", "CVE-2024-28863", "MODERATE", "6.2.1")]),
    ("word-wrap", "1.2.3", [("GHSA-j8xg-fqg3-53r7", "CVE-2023-26115", "MODERATE", "1.2.4")]),
    ("ejs", "3.1.9", [("GHSA-ghr5-ch3p-vcr6", "CVE-2024-33883", "MODERATE", "3.1.10")]),
    ("undici", "5.26.3", [
        ("GHSA-3787-6prv-h9w3", "CVE-2024-24758", "LOW", "5.28.3"),
        ("GHSA-9qxr-qj54-h672", "CVE-2024-30261", "LOW", "5.28.4"),
    ]),
]

# A public package squatting the name of an internal one (dependency
# confusion): osv-scanner reports it by its malicious-packages id.
MALICIOUS = ("acme-shop-telemetry", "99.10.2", "MAL-2024-1894")


def osv_record(vid, aliases, name, severity, fixed, summary):
    events = [{"introduced": "0"}] + ([{"fixed": fixed}] if fixed else [])
    record = {
        "modified": "2024-04-29T10:00:00Z",
        "schema_version": "1.6.0",
        "id": vid,
        "aliases": aliases,
        "summary": summary,
        "details": summary + ".",
        "affected": [
            {
                "package": {"ecosystem": "npm", "name": name, "purl": "pkg:npm/" + name},
                "ranges": [{"type": "SEMVER", "events": events}],
            }
        ],
        "references": [],
    }
    if severity:
        record["database_specific"] = {
            "severity": severity,
            "github_reviewed": True,
            "cwe_ids": [],
        }
    return record


def osv_report():
    packages = []
    for name, version, vulns in FRONTEND_OSV:
        records = [
            osv_record(ghsa, [cve], name, severity, fixed, "{} in {}".format(cve, name))
            for ghsa, cve, severity, fixed in vulns
        ]
        packages.append({
            "package": {"name": name, "version": version, "ecosystem": "npm"},
            "vulnerabilities": records,
            "groups": [{"ids": [ghsa], "aliases": [ghsa, cve]} for ghsa, cve, _, _ in vulns],
        })
    name, version, mal = MALICIOUS
    record = osv_record(mal, [], name, None, None, "Malicious code in {} (npm)".format(name))
    record["details"] = (
        "The package was published to the public registry under the name of an "
        "internal package, with a higher version, and runs an install script that "
        "sends the environment to a remote host."
    )
    record["database_specific"] = {
        "malicious-packages-origins": [
            {"source": "ossf-package-analysis", "import_time": "2024-04-12T08:31:00Z"}
        ]
    }
    packages.append({
        "package": {"name": name, "version": version, "ecosystem": "npm"},
        "vulnerabilities": [record],
        "groups": [{"ids": [mal], "aliases": [mal]}],
    })
    return {
        "results": [
            {
                "source": {"path": "/app/package-lock.json", "type": "lockfile"},
                "packages": packages,
            }
        ],
        "experimental_config": {"licenses": {"summary": False, "allowlist": None}},
    }
