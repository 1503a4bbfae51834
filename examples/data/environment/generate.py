#!/usr/bin/env python3
"""Writes the scanner reports of the bundled environment.

    python3 examples/data/environment/generate.py

(from any directory; Python 3.8+, standard library only). It overwrites, next
to itself, the seven report files `environment.json` names:

    grype-xjoin-kafka-connect.json   Grype JSON        quay.io/.../xjoin-kafka-connect-strimzi:latest
    kubevuln-nginx.json              kubevuln manifest docker.io/library/nginx:1.25 (full scan)
    kubevuln-nginx-filtered.json     kubevuln manifest the same image, packages seen loaded only
    trivy-operator-ubuntu.json       Trivy Operator    VulnerabilityReport list, lbc/ubuntu
    grype-python-3.6.json            Grype JSON        docker.io/library/python:3.6
    jfrog-frontend.json              JFrog simple-json `jf docker scan` of registry.acme.io/shop/frontend:3.2.0
    osv-frontend.json                osv-scanner       the frontend's /app/package-lock.json

The output is deterministic: no clock, no randomness; digests and ids that
are not the running images' are derived from fixed labels by SHA-256.

Each report names the image the bundled Pod list (`pods-prod-eu.json`) runs,
by the digest its pods run: Grype by `source.target.repoDigests`, kubevuln by
its `ID` reference, Trivy Operator by `report.artifact.digest`. JFrog names
the image tar by its configuration digest and osv-scanner names a lockfile;
`environment.json` says which running image those two scanned (`image`).

The findings are written for this example, in each producer's shape. The
packages, versions and vulnerability ids are real ones as the scanners'
databases had them in spring 2024; severities, fix states, the
contextual-analysis verdicts, the Xray issue ids, the runtime-loaded package
set and the malicious package are the example's own.
"""

import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

# The running images, as the Pod list has them.
XJOIN = "sha256:97e6d5aeed19f627205b218f45b284cd01ff658dd181416ab1d3e21aeb28d68e"
NGINX = "sha256:32fdf92b4e986e109e4db0865758020cb0c3b70d6ba80d02fe87bad5cc3dc228"
UBUNTU = "sha256:f78909c2b360d866b3220655c0b079838258b8891a12ac25fc670f0cbb54229f"
PYTHON = "sha256:56e428bb95594df86c86d62aa7b6ca5827ecf23a2a1e933288cba950d394fdbf"


def hexdigest(label):
    return hashlib.sha256(("kubesight example: " + label).encode()).hexdigest()


def digest(label):
    return "sha256:" + hexdigest(label)


def write(name, document):
    text = json.dumps(document, indent=1, ensure_ascii=False) + "\n"
    (HERE / name).write_text(text, encoding="utf-8")


# --- Grype -----------------------------------------------------------------

GRYPE_VERSION = "0.74.7"
DB_BUILT = "2024-04-30T01:31:05Z"
SCANNED_AT = "2024-04-30T22:14:09Z"


def fix_of(state, versions):
    return {"versions": list(versions), "state": state}


def grype_match(vid, namespace, severity, fix, related, artifact, searched_by, matcher):
    """One Grype match. `related`: [(id, namespace, severity)]."""
    if namespace.startswith("github:"):
        data_source = "https://github.com/advisories/" + vid
    elif namespace.startswith("redhat:"):
        data_source = "https://access.redhat.com/security/cve/" + vid
    elif namespace.startswith("nvd:"):
        data_source = "https://nvd.nist.gov/vuln/detail/" + vid
    else:
        data_source = "https://security-tracker.debian.org/tracker/" + vid
    constraint = (
        "< " + fix["versions"][0] if fix["versions"] else "none"
    ) + " (" + searched_by["kind"] + ")"
    return {
        "vulnerability": {
            "id": vid,
            "dataSource": data_source,
            "namespace": namespace,
            "severity": severity,
            "urls": [data_source],
            "cvss": [],
            "fix": fix,
            "advisories": [],
        },
        "relatedVulnerabilities": [
            {
                "id": rid,
                "dataSource": "https://nvd.nist.gov/vuln/detail/" + rid
                if rid.startswith("CVE-")
                else "https://github.com/advisories/" + rid,
                "namespace": rns,
                "severity": rsev,
                "urls": [],
                "cvss": [],
            }
            for rid, rns, rsev in related
        ],
        "matchDetails": [
            {
                "type": "exact-direct-match"
                if searched_by.get("direct", True)
                else "exact-indirect-match",
                "matcher": matcher,
                "searchedBy": searched_by["by"],
                "found": {"vulnerabilityID": vid, "versionConstraint": constraint},
            }
        ],
        "artifact": artifact,
    }


def artifact(name, version, kind, purl, path, language="", extra=None):
    a = {
        "id": hexdigest(kind + "/" + name + "@" + version)[:16],
        "name": name,
        "version": version,
        "type": kind,
        "locations": [{"path": path, "layerID": digest("layer of " + path)}],
        "language": language,
        "licenses": [],
        "cpes": [],
        "purl": purl,
        "upstreams": [],
    }
    if extra:
        a.update(extra)
    return a


def grype_document(matches, target, distro):
    return {
        "matches": matches,
        "source": {"type": "image", "target": target},
        "distro": distro,
        "descriptor": {
            "name": "grype",
            "version": GRYPE_VERSION,
            "configuration": {"output": ["json"], "scope": "squashed"},
            "db": {
                "built": DB_BUILT,
                "schemaVersion": 5,
                "location": "/root/.cache/grype/db/5",
                "checksum": digest("grype db " + DB_BUILT),
                "error": None,
            },
            "timestamp": SCANNED_AT,
        },
    }


def image_target(user_input, repo, repo_digest, label, size):
    return {
        "userInput": user_input,
        "imageID": digest(label + " config"),
        "manifestDigest": digest(label + " manifest"),
        "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "tags": [user_input],
        "imageSize": size,
        "layers": [],
        "manifest": None,
        "config": None,
        "repoDigests": [repo + "@" + repo_digest],
        "architecture": "amd64",
        "os": "linux",
    }


# OS packages: one table per image. A row is (vulnerability, [packages],
# severity, fix state, fix versions); packages are names from the image's
# package table below.

# ---- quay.io/cloudservices/xjoin-kafka-connect-strimzi:latest (RHEL 8.7) ----

XJOIN_RPMS = {
    # name: (version, source rpm)
    "openssl": ("1:1.1.1k-7.el8_6", "openssl-1.1.1k-7.el8_6.src.rpm"),
    "openssl-libs": ("1:1.1.1k-7.el8_6", "openssl-1.1.1k-7.el8_6.src.rpm"),
    "glibc": ("2.28-211.el8", "glibc-2.28-211.el8.src.rpm"),
    "glibc-common": ("2.28-211.el8", "glibc-2.28-211.el8.src.rpm"),
    "glibc-minimal-langpack": ("2.28-211.el8", "glibc-2.28-211.el8.src.rpm"),
    "systemd-libs": ("239-68.el8_7.4", "systemd-239-68.el8_7.4.src.rpm"),
    "libxml2": ("2.9.7-15.el8_7.1", "libxml2-2.9.7-15.el8_7.1.src.rpm"),
    "sqlite-libs": ("3.26.0-17.el8_7", "sqlite-3.26.0-17.el8_7.src.rpm"),
    "curl": ("7.61.1-25.el8_7.1", "curl-7.61.1-25.el8_7.1.src.rpm"),
    "libcurl": ("7.61.1-25.el8_7.1", "curl-7.61.1-25.el8_7.1.src.rpm"),
    "krb5-libs": ("1.18.2-22.el8_7", "krb5-1.18.2-22.el8_7.src.rpm"),
    "ncurses-base": ("6.1-9.20180224.el8", "ncurses-6.1-9.20180224.el8.src.rpm"),
    "ncurses-libs": ("6.1-9.20180224.el8", "ncurses-6.1-9.20180224.el8.src.rpm"),
    "expat": ("2.2.5-10.el8_7.1", "expat-2.2.5-10.el8_7.1.src.rpm"),
    "gnutls": ("3.6.16-5.el8_6", "gnutls-3.6.16-5.el8_6.src.rpm"),
    "platform-python": ("3.6.8-48.el8_7.1", "python3-3.6.8-48.el8_7.1.src.rpm"),
    "python3-libs": ("3.6.8-48.el8_7.1", "python3-3.6.8-48.el8_7.1.src.rpm"),
    "java-17-openjdk-headless": (
        "1:17.0.6.0.10-3.el8_7",
        "java-17-openjdk-17.0.6.0.10-3.el8_7.src.rpm",
    ),
}

GLIBC_RPMS = ["glibc", "glibc-common", "glibc-minimal-langpack"]

XJOIN_OS = [
    ("CVE-2023-0286", ["openssl", "openssl-libs"], "High", "fixed", ["1:1.1.1k-9.el8_7"]),
    ("CVE-2023-0215", ["openssl", "openssl-libs"], "Medium", "fixed", ["1:1.1.1k-9.el8_7"]),
    ("CVE-2023-3817", ["openssl-libs"], "Low", "wont-fix", []),
    ("CVE-2023-5678", ["openssl-libs"], "Low", "wont-fix", []),
    ("CVE-2024-0727", ["openssl-libs"], "Low", "fixed", ["1:1.1.1k-12.el8_9"]),
    ("CVE-2023-4911", GLIBC_RPMS, "High", "fixed", ["2.28-225.el8_8.6"]),
    ("CVE-2023-4813", GLIBC_RPMS, "Medium", "fixed", ["2.28-236.el8"]),
    ("CVE-2024-2961", GLIBC_RPMS, "High", "fixed", ["2.28-236.el8_9.13"]),
    ("CVE-2023-26604", ["systemd-libs"], "High", "fixed", ["239-74.el8_8"]),
    ("CVE-2023-7008", ["systemd-libs"], "Medium", "wont-fix", []),
    ("CVE-2023-28484", ["libxml2"], "Medium", "fixed", ["2.9.7-16.el8_8.1"]),
    ("CVE-2023-39615", ["libxml2"], "Medium", "wont-fix", []),
    ("CVE-2024-25062", ["libxml2"], "Medium", "not-fixed", []),
    ("CVE-2023-7104", ["sqlite-libs"], "Medium", "fixed", ["3.26.0-19.el8_9"]),
    ("CVE-2022-46908", ["sqlite-libs"], "Medium", "wont-fix", []),
    ("CVE-2023-27535", ["curl", "libcurl"], "Medium", "fixed", ["7.61.1-30.el8_8.2"]),
    ("CVE-2023-46218", ["curl", "libcurl"], "Medium", "fixed", ["7.61.1-33.el8_9.5"]),
    ("CVE-2023-28321", ["curl", "libcurl"], "Low", "wont-fix", []),
    ("CVE-2024-2398", ["curl", "libcurl"], "Medium", "not-fixed", []),
    ("CVE-2023-36054", ["krb5-libs"], "Medium", "fixed", ["1.18.2-25.el8_8"]),
    ("CVE-2024-26458", ["krb5-libs"], "Low", "not-fixed", []),
    ("CVE-2024-26461", ["krb5-libs"], "Low", "not-fixed", []),
    ("CVE-2023-29491", ["ncurses-base", "ncurses-libs"], "Medium", "fixed", ["6.1-10.20180224.el8"]),
    ("CVE-2023-50495", ["ncurses-libs"], "Low", "not-fixed", []),
    ("CVE-2023-52425", ["expat"], "Medium", "not-fixed", []),
    ("CVE-2024-28757", ["expat"], "Medium", "not-fixed", []),
    ("CVE-2023-0361", ["gnutls"], "Medium", "fixed", ["3.6.16-6.el8_7"]),
    ("CVE-2023-5981", ["gnutls"], "Medium", "fixed", ["3.6.16-8.el8_9"]),
    ("CVE-2024-0553", ["gnutls"], "Medium", "fixed", ["3.6.16-8.el8_9.1"]),
    ("CVE-2023-24329", ["platform-python", "python3-libs"], "Medium", "fixed", ["3.6.8-51.el8_8.1"]),
    ("CVE-2023-40217", ["platform-python", "python3-libs"], "Medium", "fixed", ["3.6.8-56.el8_9"]),
    ("CVE-2023-27043", ["python3-libs"], "Medium", "not-fixed", []),
    ("CVE-2023-21930", ["java-17-openjdk-headless"], "High", "fixed", ["1:17.0.7.0.7-1.el8_7"]),
    ("CVE-2023-21967", ["java-17-openjdk-headless"], "Medium", "fixed", ["1:17.0.7.0.7-1.el8_7"]),
    ("CVE-2023-22081", ["java-17-openjdk-headless"], "Medium", "fixed", ["1:17.0.9.0.9-1.el8"]),
    ("CVE-2024-20918", ["java-17-openjdk-headless"], "High", "fixed", ["1:17.0.10.0.7-1.el8"]),
    ("CVE-2024-20952", ["java-17-openjdk-headless"], "High", "fixed", ["1:17.0.10.0.7-1.el8"]),
]

# (GHSA, CVE, group, artifact, version, severity, fixed in)
XJOIN_JARS = [
    ("GHSA-qcwq-55hx-v3vh", "CVE-2023-34455", "org.xerial.snappy", "snappy-java", "1.1.8.4", "High", "1.1.10.1"),
    ("GHSA-pqr6-cmr2-h8hf", "CVE-2023-34453", "org.xerial.snappy", "snappy-java", "1.1.8.4", "Medium", "1.1.10.1"),
    ("GHSA-fjpj-2g6w-x25r", "CVE-2023-34454", "org.xerial.snappy", "snappy-java", "1.1.8.4", "Medium", "1.1.10.1"),
    ("GHSA-55g7-9cwv-5qfv", "CVE-2023-43642", "org.xerial.snappy", "snappy-java", "1.1.8.4", "High", "1.1.10.4"),
    ("GHSA-6mjq-h674-j845", "CVE-2023-34462", "io.netty", "netty-handler", "4.1.86.Final", "Medium", "4.1.94.Final"),
    ("GHSA-xpw8-rcwv-8f8p", "CVE-2023-44487", "io.netty", "netty-codec-http2", "4.1.86.Final", "High", "4.1.100.Final"),
    ("GHSA-5jpm-x58v-624v", "CVE-2024-29025", "io.netty", "netty-codec-http", "4.1.86.Final", "Medium", "4.1.108.Final"),
    ("GHSA-7286-pgfv-vxvh", "CVE-2023-44981", "org.apache.zookeeper", "zookeeper", "3.6.3", "Critical", "3.7.2"),
    ("GHSA-qw69-rqj8-6qw8", "CVE-2023-26048", "org.eclipse.jetty", "jetty-server", "9.4.48.v20220622", "Medium", "9.4.51.v20230217"),
    ("GHSA-p26g-97m4-6q7c", "CVE-2023-26049", "org.eclipse.jetty", "jetty-server", "9.4.48.v20220622", "Medium", "9.4.51.v20230217"),
    ("GHSA-hmr7-m48g-48f6", "CVE-2023-40167", "org.eclipse.jetty", "jetty-http", "9.4.48.v20220622", "Medium", "9.4.52.v20230823"),
    ("GHSA-wgh7-54f2-x98r", "CVE-2023-36478", "org.eclipse.jetty.http2", "http2-hpack", "9.4.48.v20220622", "High", "9.4.53.v20231009"),
    ("GHSA-4g9r-vxhx-9pgx", "CVE-2024-25710", "org.apache.commons", "commons-compress", "1.21", "Medium", "1.26.0"),
    ("GHSA-4265-ccf5-phj5", "CVE-2024-26308", "org.apache.commons", "commons-compress", "1.21", "Medium", "1.26.0"),
    ("GHSA-493p-pfq6-5258", "CVE-2023-1370", "net.minidev", "json-smart", "2.4.8", "High", "2.4.9"),
    ("GHSA-jgvc-jfgh-rjvv", "CVE-2023-31582", "org.bitbucket.b_c", "jose4j", "0.7.9", "High", "0.9.3"),
    ("GHSA-6qvw-249j-h44c", "CVE-2023-51775", "org.bitbucket.b_c", "jose4j", "0.7.9", "Medium", "0.9.4"),
    ("GHSA-7g45-4rm6-3mm3", "CVE-2023-2976", "com.google.guava", "guava", "31.1-jre", "Medium", "32.0.0-android"),
    ("GHSA-5mg8-w23w-74h3", "CVE-2020-8908", "com.google.guava", "guava", "31.1-jre", "Low", "32.0.0-android"),
    ("GHSA-8qv5-68g4-248j", "CVE-2022-36944", "org.scala-lang", "scala-library", "2.13.8", "Critical", "2.13.9"),
    ("GHSA-26f8-x7cc-wqpc", "CVE-2023-25194", "org.apache.kafka", "kafka-clients", "3.3.1", "High", "3.4.0"),
]


def xjoin_report():
    matches = []
    for vid, packages, severity, state, versions in XJOIN_OS:
        for name in packages:
            version, source = XJOIN_RPMS[name]
            epoch, _, plain = version.rpartition(":")
            purl = "pkg:rpm/redhat/{}@{}?arch=x86_64&upstream={}&distro=rhel-8.7".format(
                name, plain, source
            ) + ("&epoch=" + epoch if epoch else "")
            a = artifact(
                name, version, "rpm", purl, "/var/lib/rpm/Packages",
                extra={"metadataType": "RpmMetadata"},
            )
            matches.append(
                grype_match(
                    vid, "redhat:distro:redhat:8", severity, fix_of(state, versions),
                    [(vid, "nvd:cpe", severity)], a,
                    {
                        "kind": "rpm",
                        "direct": source.startswith(name + "-"),
                        "by": {
                            "distro": {"type": "redhat", "version": "8.7"},
                            "namespace": "redhat:distro:redhat:8",
                            "package": {"name": source.rsplit("-", 2)[0], "version": plain},
                        },
                    },
                    "rpm-matcher",
                )
            )
    for ghsa, cve, group, name, version, severity, fixed in XJOIN_JARS:
        path = "/opt/kafka/libs/{}-{}.jar".format(name, version)
        a = artifact(
            name, version, "java-archive",
            "pkg:maven/{}/{}@{}".format(group, name, version), path, "java",
            {
                "metadataType": "JavaMetadata",
                "metadata": {"virtualPath": path, "pomGroupID": group, "pomArtifactID": name},
            },
        )
        matches.append(
            grype_match(
                ghsa, "github:language:java", severity, fix_of("fixed", [fixed]),
                [(cve, "nvd:cpe", severity)], a,
                {
                    "kind": "unknown",
                    "by": {
                        "language": "java",
                        "namespace": "github:language:java",
                        "package": {"name": name, "version": version},
                    },
                },
                "java-matcher",
            )
        )
    target = image_target(
        "quay.io/cloudservices/xjoin-kafka-connect-strimzi:latest",
        "quay.io/cloudservices/xjoin-kafka-connect-strimzi",
        XJOIN,
        "xjoin-kafka-connect-strimzi",
        612337714,
    )
    return grype_document(
        matches, target, {"name": "redhat", "version": "8.7", "idLike": ["fedora"]}
    )


# ---- Debian images: nginx:1.25 (bookworm) and python:3.6 (bullseye) ----


def debian_matches(rows, packages, release):
    namespace = "debian:distro:debian:" + release
    matches = []
    for vid, names, severity, state, versions in rows:
        for name in names:
            version, source = packages[name]
            purl = "pkg:deb/debian/{}@{}?arch=amd64{}&distro=debian-{}".format(
                name,
                version.replace(":", "%3A"),
                "&upstream=" + source if source != name else "",
                release,
            )
            a = artifact(
                name, version, "deb", purl,
                "/usr/share/doc/{}/copyright".format(name),
                extra={"metadataType": "DpkgMetadata"},
            )
            matches.append(
                grype_match(
                    vid, namespace, severity, fix_of(state, versions),
                    [(vid, "nvd:cpe", severity)], a,
                    {
                        "kind": "deb",
                        "direct": source == name,
                        "by": {
                            "distro": {"type": "debian", "version": release},
                            "namespace": namespace,
                            "package": {"name": source, "version": version},
                        },
                    },
                    "dpkg-matcher",
                )
            )
    return matches


NGINX_DEBS = {
    # name: (version, source package)
    "nginx": ("1.25.2-1~bookworm", "nginx"),
    "libc6": ("2.36-9+deb12u1", "glibc"),
    "libc-bin": ("2.36-9+deb12u1", "glibc"),
    "libssl3": ("3.0.10-1~deb12u1", "openssl"),
    "openssl": ("3.0.10-1~deb12u1", "openssl"),
    "curl": ("7.88.1-10+deb12u1", "curl"),
    "libcurl4": ("7.88.1-10+deb12u1", "curl"),
    "zlib1g": ("1:1.2.13.dfsg-1", "zlib"),
    "libexpat1": ("2.5.0-1", "expat"),
    "libaom3": ("3.6.0-1", "aom"),
    "libde265-0": ("1.0.11-1", "libde265"),
    "libheif1": ("1.15.1-1", "libheif"),
    "libtiff6": ("4.5.0-6", "tiff"),
    "libxml2": ("2.9.14+dfsg-1.3~deb12u1", "libxml2"),
    "libxslt1.1": ("1.1.35-1", "libxslt"),
    "libgd3": ("2.3.3-9", "libgd2"),
    "libsystemd0": ("252.12-1~deb12u1", "systemd"),
    "libudev1": ("252.12-1~deb12u1", "systemd"),
    "perl-base": ("5.36.0-7", "perl"),
    "tar": ("1.34+dfsg-1.2", "tar"),
    "coreutils": ("9.1-1", "coreutils"),
    "apt": ("2.6.1", "apt"),
    "libapt-pkg6.0": ("2.6.1", "apt"),
    "bsdutils": ("1:2.38.1-5+b1", "util-linux"),
    "libblkid1": ("2.38.1-5+b1", "util-linux"),
    "libmount1": ("2.38.1-5+b1", "util-linux"),
    "libsmartcols1": ("2.38.1-5+b1", "util-linux"),
    "libuuid1": ("2.38.1-5+b1", "util-linux"),
    "mount": ("2.38.1-5+b1", "util-linux"),
    "util-linux": ("2.38.1-5+b1", "util-linux"),
    "login": ("1:4.13+dfsg1-1", "shadow"),
    "passwd": ("1:4.13+dfsg1-1", "shadow"),
    "libgnutls30": ("3.7.9-2", "gnutls28"),
    "libtinfo6": ("6.4-4", "ncurses"),
    "ncurses-base": ("6.4-4", "ncurses"),
    "ncurses-bin": ("6.4-4", "ncurses"),
    "libgcrypt20": ("1.10.1-3", "libgcrypt20"),
    "libkrb5-3": ("1.20.1-2", "krb5"),
    "libgssapi-krb5-2": ("1.20.1-2", "krb5"),
    "libk5crypto3": ("1.20.1-2", "krb5"),
    "libkrb5support0": ("1.20.1-2", "krb5"),
    "libldap-2.5-0": ("2.5.13+dfsg-5", "openldap"),
    "libsqlite3-0": ("3.40.1-2", "sqlite3"),
    "libdb5.3": ("5.3.28+dfsg2-1", "db5.3"),
    "libgcc-s1": ("12.2.0-14", "gcc-12"),
    "libstdc++6": ("12.2.0-14", "gcc-12"),
    "gpgv": ("2.2.40-1.1", "gnupg2"),
    "libnghttp2-14": ("1.52.0-1", "nghttp2"),
    "libssh2-1": ("1.10.0-3+b1", "libssh2"),
    "libx11-6": ("2:1.8.4-2+deb12u1", "libx11"),
    "libpng16-16": ("1.6.39-2", "libpng1.6"),
}

# The packages the nginx pods were seen loading (the master and worker
# processes and the entrypoint's shell tools): the runtime-filtered scan
# keeps the findings on these.
NGINX_LOADED = {"nginx", "libc6", "libssl3", "zlib1g", "coreutils"}

BOOKWORM_GLIBC = ["libc6", "libc-bin"]
BOOKWORM_SSL = ["libssl3", "openssl"]
BOOKWORM_CURL = ["curl", "libcurl4"]
BOOKWORM_UTIL_LINUX = ["bsdutils", "libblkid1", "libmount1", "libsmartcols1", "libuuid1", "mount", "util-linux"]
BOOKWORM_SHADOW = ["login", "passwd"]
BOOKWORM_NCURSES = ["libtinfo6", "ncurses-base", "ncurses-bin"]
BOOKWORM_KRB5 = ["libkrb5-3", "libgssapi-krb5-2", "libk5crypto3", "libkrb5support0"]
BOOKWORM_GCC = ["libgcc-s1", "libstdc++6"]
BOOKWORM_SYSTEMD = ["libsystemd0", "libudev1"]

NGINX_ROWS = [
    ("CVE-2023-4911", BOOKWORM_GLIBC, "High", "fixed", ["2.36-9+deb12u3"]),
    ("CVE-2023-4806", BOOKWORM_GLIBC, "Medium", "fixed", ["2.36-9+deb12u3"]),
    ("CVE-2023-4813", BOOKWORM_GLIBC, "Medium", "fixed", ["2.36-9+deb12u3"]),
    ("CVE-2023-5156", BOOKWORM_GLIBC, "High", "fixed", ["2.36-9+deb12u3"]),
    ("CVE-2023-6246", BOOKWORM_GLIBC, "High", "fixed", ["2.36-9+deb12u4"]),
    ("CVE-2023-6779", BOOKWORM_GLIBC, "High", "fixed", ["2.36-9+deb12u4"]),
    ("CVE-2023-6780", BOOKWORM_GLIBC, "Medium", "fixed", ["2.36-9+deb12u4"]),
    ("CVE-2024-2961", BOOKWORM_GLIBC, "High", "fixed", ["2.36-9+deb12u7"]),
    ("CVE-2010-4756", BOOKWORM_GLIBC, "Negligible", "not-fixed", []),
    ("CVE-2018-20796", BOOKWORM_GLIBC, "Negligible", "not-fixed", []),
    ("CVE-2019-1010022", BOOKWORM_GLIBC, "Negligible", "not-fixed", []),
    ("CVE-2019-1010023", BOOKWORM_GLIBC, "Negligible", "not-fixed", []),
    ("CVE-2019-1010024", BOOKWORM_GLIBC, "Negligible", "not-fixed", []),
    ("CVE-2019-1010025", BOOKWORM_GLIBC, "Negligible", "not-fixed", []),
    ("CVE-2019-9192", BOOKWORM_GLIBC, "Negligible", "not-fixed", []),
    ("CVE-2023-5363", BOOKWORM_SSL, "High", "fixed", ["3.0.11-1~deb12u2"]),
    ("CVE-2023-5678", BOOKWORM_SSL, "Medium", "fixed", ["3.0.13-1~deb12u1"]),
    ("CVE-2023-6129", BOOKWORM_SSL, "Medium", "fixed", ["3.0.13-1~deb12u1"]),
    ("CVE-2023-6237", BOOKWORM_SSL, "Medium", "fixed", ["3.0.13-1~deb12u1"]),
    ("CVE-2024-0727", BOOKWORM_SSL, "Medium", "fixed", ["3.0.13-1~deb12u1"]),
    ("CVE-2024-2511", BOOKWORM_SSL, "Unknown", "not-fixed", []),
    ("CVE-2023-38545", BOOKWORM_CURL, "Critical", "fixed", ["7.88.1-10+deb12u4"]),
    ("CVE-2023-38546", BOOKWORM_CURL, "Low", "fixed", ["7.88.1-10+deb12u4"]),
    ("CVE-2023-46218", BOOKWORM_CURL, "Medium", "fixed", ["7.88.1-10+deb12u5"]),
    ("CVE-2023-46219", BOOKWORM_CURL, "Medium", "fixed", ["7.88.1-10+deb12u5"]),
    ("CVE-2024-2398", BOOKWORM_CURL, "Medium", "not-fixed", []),
    ("CVE-2023-45853", ["zlib1g"], "Critical", "wont-fix", []),
    ("CVE-2023-52425", ["libexpat1"], "High", "not-fixed", []),
    ("CVE-2024-28757", ["libexpat1"], "High", "not-fixed", []),
    ("CVE-2023-52426", ["libexpat1"], "Medium", "not-fixed", []),
    ("CVE-2023-6879", ["libaom3"], "Critical", "not-fixed", []),
    ("CVE-2023-39616", ["libaom3"], "High", "not-fixed", []),
    ("CVE-2023-49465", ["libde265-0"], "High", "fixed", ["1.0.11-1+deb12u1"]),
    ("CVE-2023-49467", ["libde265-0"], "High", "fixed", ["1.0.11-1+deb12u1"]),
    ("CVE-2023-49468", ["libde265-0"], "High", "fixed", ["1.0.11-1+deb12u1"]),
    ("CVE-2023-27102", ["libde265-0"], "Medium", "fixed", ["1.0.11-1+deb12u1"]),
    ("CVE-2023-49462", ["libheif1"], "High", "not-fixed", []),
    ("CVE-2023-29659", ["libheif1"], "Medium", "not-fixed", []),
    ("CVE-2023-52355", ["libtiff6"], "High", "not-fixed", []),
    ("CVE-2023-52356", ["libtiff6"], "High", "fixed", ["4.5.0-6+deb12u1"]),
    ("CVE-2023-6277", ["libtiff6"], "Medium", "not-fixed", []),
    ("CVE-2023-3164", ["libtiff6"], "Medium", "not-fixed", []),
    ("CVE-2023-25433", ["libtiff6"], "Medium", "fixed", ["4.5.0-6+deb12u1"]),
    ("CVE-2023-26965", ["libtiff6"], "Medium", "fixed", ["4.5.0-6+deb12u1"]),
    ("CVE-2023-1916", ["libtiff6"], "Medium", "wont-fix", []),
    ("CVE-2017-16232", ["libtiff6"], "Negligible", "not-fixed", []),
    ("CVE-2024-25062", ["libxml2"], "High", "not-fixed", []),
    ("CVE-2023-39615", ["libxml2"], "Medium", "wont-fix", []),
    ("CVE-2023-45322", ["libxml2"], "Negligible", "not-fixed", []),
    ("CVE-2015-9019", ["libxslt1.1"], "Negligible", "not-fixed", []),
    ("CVE-2017-6363", ["libgd3"], "Negligible", "not-fixed", []),
    ("CVE-2013-4392", BOOKWORM_SYSTEMD, "Negligible", "not-fixed", []),
    ("CVE-2023-31437", BOOKWORM_SYSTEMD, "Negligible", "not-fixed", []),
    ("CVE-2023-31438", BOOKWORM_SYSTEMD, "Negligible", "not-fixed", []),
    ("CVE-2023-31439", BOOKWORM_SYSTEMD, "Negligible", "not-fixed", []),
    ("CVE-2023-7008", BOOKWORM_SYSTEMD, "Medium", "not-fixed", []),
    ("CVE-2023-31484", ["perl-base"], "High", "fixed", ["5.36.0-7+deb12u1"]),
    ("CVE-2023-31486", ["perl-base"], "High", "wont-fix", []),
    ("CVE-2011-4116", ["perl-base"], "Negligible", "not-fixed", []),
    ("CVE-2005-2541", ["tar"], "Negligible", "not-fixed", []),
    ("CVE-2023-39804", ["tar"], "Medium", "fixed", ["1.34+dfsg-1.2+deb12u1"]),
    ("CVE-2016-2781", ["coreutils"], "Low", "not-fixed", []),
    ("CVE-2017-18018", ["coreutils"], "Negligible", "not-fixed", []),
    ("CVE-2011-3374", ["apt", "libapt-pkg6.0"], "Negligible", "not-fixed", []),
    ("CVE-2022-0563", BOOKWORM_UTIL_LINUX, "Negligible", "not-fixed", []),
    ("CVE-2007-5686", BOOKWORM_SHADOW, "Negligible", "not-fixed", []),
    ("CVE-2019-19882", BOOKWORM_SHADOW, "Negligible", "not-fixed", []),
    ("CVE-2023-29383", BOOKWORM_SHADOW, "Low", "not-fixed", []),
    ("CVE-2023-4641", BOOKWORM_SHADOW, "Medium", "fixed", ["1:4.13+dfsg1-1+deb12u1"]),
    ("CVE-2024-0553", ["libgnutls30"], "High", "fixed", ["3.7.9-2+deb12u2"]),
    ("CVE-2024-0567", ["libgnutls30"], "High", "fixed", ["3.7.9-2+deb12u2"]),
    ("CVE-2023-5981", ["libgnutls30"], "Medium", "fixed", ["3.7.9-2+deb12u1"]),
    ("CVE-2011-3389", ["libgnutls30"], "Negligible", "not-fixed", []),
    ("CVE-2023-50495", BOOKWORM_NCURSES, "Low", "not-fixed", []),
    ("CVE-2023-45918", BOOKWORM_NCURSES, "Negligible", "not-fixed", []),
    ("CVE-2018-6829", ["libgcrypt20"], "Negligible", "not-fixed", []),
    ("CVE-2024-2236", ["libgcrypt20"], "Medium", "not-fixed", []),
    ("CVE-2023-36054", BOOKWORM_KRB5, "Medium", "fixed", ["1.20.1-2+deb12u1"]),
    ("CVE-2024-26458", BOOKWORM_KRB5, "Medium", "not-fixed", []),
    ("CVE-2024-26461", BOOKWORM_KRB5, "Medium", "not-fixed", []),
    ("CVE-2018-5709", BOOKWORM_KRB5, "Negligible", "not-fixed", []),
    ("CVE-2023-2953", ["libldap-2.5-0"], "High", "not-fixed", []),
    ("CVE-2015-3276", ["libldap-2.5-0"], "Negligible", "not-fixed", []),
    ("CVE-2017-14159", ["libldap-2.5-0"], "Negligible", "not-fixed", []),
    ("CVE-2017-17740", ["libldap-2.5-0"], "Negligible", "not-fixed", []),
    ("CVE-2020-15719", ["libldap-2.5-0"], "Negligible", "not-fixed", []),
    ("CVE-2023-7104", ["libsqlite3-0"], "High", "fixed", ["3.40.1-2+deb12u1"]),
    ("CVE-2021-45346", ["libsqlite3-0"], "Negligible", "not-fixed", []),
    ("CVE-2019-8457", ["libdb5.3"], "Critical", "not-fixed", []),
    ("CVE-2022-27943", BOOKWORM_GCC, "Negligible", "not-fixed", []),
    ("CVE-2023-4039", BOOKWORM_GCC, "Medium", "not-fixed", []),
    ("CVE-2022-3219", ["gpgv"], "Negligible", "not-fixed", []),
    ("CVE-2023-44487", ["libnghttp2-14"], "High", "fixed", ["1.52.0-1+deb12u1"]),
    ("CVE-2024-28182", ["libnghttp2-14"], "Medium", "fixed", ["1.52.0-1+deb12u1"]),
    ("CVE-2023-48795", ["libssh2-1"], "Medium", "not-fixed", []),
    ("CVE-2023-43785", ["libx11-6"], "Medium", "fixed", ["2:1.8.4-2+deb12u2"]),
    ("CVE-2023-43786", ["libx11-6"], "Medium", "fixed", ["2:1.8.4-2+deb12u2"]),
    ("CVE-2023-43787", ["libx11-6"], "High", "fixed", ["2:1.8.4-2+deb12u2"]),
    ("CVE-2021-4214", ["libpng16-16"], "Negligible", "not-fixed", []),
    ("CVE-2009-4487", ["nginx"], "Negligible", "not-fixed", []),
    ("CVE-2013-0337", ["nginx"], "Negligible", "not-fixed", []),
]

NGINX_REF = "docker.io/library/nginx@" + NGINX


def kubevuln_manifest(matches, name, wlid):
    return {
        "ID": NGINX_REF,
        "Wlid": wlid,
        "Name": name,
        "SBOMCreatorName": "syft",
        "SBOMCreatorVersion": "v0.101.1",
        "CVEScannerName": "grype",
        "CVEScannerVersion": "v" + GRYPE_VERSION,
        "CVEDBVersion": digest("grype db " + DB_BUILT),
        "Annotations": {
            "kubescape.io/image-id": "docker-pullable://" + NGINX_REF,
            "kubescape.io/image-tag": "nginx:1.25",
        },
        "Labels": {"kubescape.io/image-name": "docker-io-library-nginx-1-25"},
        "Content": {
            "matches": matches,
            # kubevuln scans the image's SBOM: Grype's target is empty and
            # the manifest's `ID` names the image.
            "source": {
                "type": "image",
                "target": {
                    "userInput": "",
                    "imageID": "",
                    "manifestDigest": "",
                    "mediaType": "",
                    "tags": [],
                    "imageSize": 0,
                    "layers": None,
                    "manifest": None,
                    "config": None,
                    "repoDigests": [],
                    "architecture": "",
                    "os": "",
                },
            },
            "distro": {"name": "debian", "version": "12", "idLike": ["debian"]},
            "descriptor": {
                "name": "grype",
                "version": GRYPE_VERSION,
                "configuration": None,
                "db": {
                    "built": DB_BUILT,
                    "schemaVersion": 5,
                    "location": "/home/nonroot/.cache/grype/db/5",
                    "checksum": digest("grype db " + DB_BUILT),
                    "error": None,
                },
            },
        },
    }


def nginx_reports():
    matches = debian_matches(NGINX_ROWS, NGINX_DEBS, "12")
    loaded = [m for m in matches if m["artifact"]["name"] in NGINX_LOADED]
    full = kubevuln_manifest(matches, "docker.io-library-nginx-1.25-32fdf9", "")
    filtered = kubevuln_manifest(
        loaded,
        "replicaset-web-7d4b9c8f6d-nginx-5d2a",
        "wlid://cluster-prod-eu/namespace-shop/deployment-web",
    )
    return full, filtered


PYTHON_DEBS = {
    "libc6": ("2.31-13+deb11u2", "glibc"),
    "libc-bin": ("2.31-13+deb11u2", "glibc"),
    "libssl1.1": ("1.1.1k-1+deb11u1", "openssl"),
    "openssl": ("1.1.1k-1+deb11u1", "openssl"),
    "zlib1g": ("1:1.2.11.dfsg-2", "zlib"),
    "libexpat1": ("2.2.10-2", "expat"),
    "curl": ("7.74.0-1.3+deb11u1", "curl"),
    "libcurl4": ("7.74.0-1.3+deb11u1", "curl"),
    "libcurl3-gnutls": ("7.74.0-1.3+deb11u1", "curl"),
    "git": ("1:2.30.2-1", "git"),
    "git-man": ("1:2.30.2-1", "git"),
    "libksba8": ("1.5.0-3", "libksba"),
    "libtasn1-6": ("4.16.0-2", "libtasn1-6"),
    "e2fsprogs": ("1.46.2-2", "e2fsprogs"),
    "libcom-err2": ("1.46.2-2", "e2fsprogs"),
    "libext2fs2": ("1.46.2-2", "e2fsprogs"),
    "libss2": ("1.46.2-2", "e2fsprogs"),
    "libxml2": ("2.9.10+dfsg-6.7", "libxml2"),
    "libsqlite3-0": ("3.34.1-3", "sqlite3"),
    "libdb5.3": ("5.3.28+dfsg1-0.8", "db5.3"),
    "liblzma5": ("5.2.5-2", "xz-utils"),
    "xz-utils": ("5.2.5-2", "xz-utils"),
    "gzip": ("1.10-4", "gzip"),
    "perl": ("5.32.1-4+deb11u2", "perl"),
    "perl-base": ("5.32.1-4+deb11u2", "perl"),
    "dpkg": ("1.20.9", "dpkg"),
    "libncursesw6": ("6.2+20201114-2", "ncurses"),
    "libtinfo6": ("6.2+20201114-2", "ncurses"),
    "ncurses-base": ("6.2+20201114-2", "ncurses"),
    "libgnutls30": ("3.7.1-5", "gnutls28"),
    "libfreetype6": ("2.10.4+dfsg-1", "freetype"),
    "imagemagick-6-common": ("8:6.9.11.60+dfsg-1.3", "imagemagick"),
    "libmagickcore-6.q16-6": ("8:6.9.11.60+dfsg-1.3", "imagemagick"),
    "openssh-client": ("1:8.4p1-5", "openssh"),
    "libssh2-1": ("1.9.0-2", "libssh2"),
    "libnghttp2-14": ("1.43.0-1", "nghttp2"),
    "libwebp6": ("0.6.1-2.1", "libwebp"),
    "libjpeg62-turbo": ("1:2.0.6-4", "libjpeg-turbo"),
    "libpng16-16": ("1.6.37-3", "libpng1.6"),
    "gpgv": ("2.2.27-2+deb11u1", "gnupg2"),
    "gnupg": ("2.2.27-2+deb11u1", "gnupg2"),
    "libpcre2-8-0": ("10.36-2", "pcre2"),
    "libpcre3": ("2:8.39-13", "pcre3"),
    "libsystemd0": ("247.3-6", "systemd"),
    "libudev1": ("247.3-6", "systemd"),
    "libgcrypt20": ("1.8.7-6", "libgcrypt20"),
    "bash": ("5.1-2+b3", "bash"),
    "libpq5": ("13.5-0+deb11u1", "postgresql-13"),
    "libkrb5-3": ("1.18.3-6+deb11u1", "krb5"),
    "libgssapi-krb5-2": ("1.18.3-6+deb11u1", "krb5"),
    "libldap-2.4-2": ("2.4.57+dfsg-3", "openldap"),
}

BULLSEYE_GLIBC = ["libc6", "libc-bin"]
BULLSEYE_SSL = ["libssl1.1", "openssl"]
BULLSEYE_CURL = ["curl", "libcurl4", "libcurl3-gnutls"]
BULLSEYE_GIT = ["git", "git-man"]
BULLSEYE_E2FS = ["e2fsprogs", "libcom-err2", "libext2fs2", "libss2"]
BULLSEYE_NCURSES = ["libncursesw6", "libtinfo6", "ncurses-base"]
BULLSEYE_MAGICK = ["imagemagick-6-common", "libmagickcore-6.q16-6"]
BULLSEYE_PERL = ["perl", "perl-base"]
BULLSEYE_KRB5 = ["libkrb5-3", "libgssapi-krb5-2"]

PYTHON_ROWS = [
    ("CVE-2022-23218", BULLSEYE_GLIBC, "Critical", "fixed", ["2.31-13+deb11u3"]),
    ("CVE-2022-23219", BULLSEYE_GLIBC, "Critical", "fixed", ["2.31-13+deb11u3"]),
    ("CVE-2021-3999", BULLSEYE_GLIBC, "High", "fixed", ["2.31-13+deb11u3"]),
    ("CVE-2024-2961", BULLSEYE_GLIBC, "High", "fixed", ["2.31-13+deb11u9"]),
    ("CVE-2010-4756", BULLSEYE_GLIBC, "Negligible", "not-fixed", []),
    ("CVE-2019-1010022", BULLSEYE_GLIBC, "Negligible", "not-fixed", []),
    ("CVE-2022-1292", BULLSEYE_SSL, "Critical", "fixed", ["1.1.1n-0+deb11u2"]),
    ("CVE-2022-2068", BULLSEYE_SSL, "Critical", "fixed", ["1.1.1n-0+deb11u3"]),
    ("CVE-2022-0778", BULLSEYE_SSL, "High", "fixed", ["1.1.1k-1+deb11u2"]),
    ("CVE-2023-0286", BULLSEYE_SSL, "High", "fixed", ["1.1.1n-0+deb11u4"]),
    ("CVE-2022-4450", BULLSEYE_SSL, "High", "fixed", ["1.1.1n-0+deb11u4"]),
    ("CVE-2023-0215", BULLSEYE_SSL, "High", "fixed", ["1.1.1n-0+deb11u4"]),
    ("CVE-2022-2097", BULLSEYE_SSL, "Medium", "fixed", ["1.1.1n-0+deb11u3"]),
    ("CVE-2022-37434", ["zlib1g"], "Critical", "fixed", ["1:1.2.11.dfsg-2+deb11u2"]),
    ("CVE-2018-25032", ["zlib1g"], "High", "fixed", ["1:1.2.11.dfsg-2+deb11u1"]),
    ("CVE-2023-45853", ["zlib1g"], "Critical", "wont-fix", []),
    ("CVE-2022-22822", ["libexpat1"], "Critical", "fixed", ["2.2.10-2+deb11u1"]),
    ("CVE-2022-22823", ["libexpat1"], "Critical", "fixed", ["2.2.10-2+deb11u1"]),
    ("CVE-2022-22824", ["libexpat1"], "Critical", "fixed", ["2.2.10-2+deb11u1"]),
    ("CVE-2022-25235", ["libexpat1"], "Critical", "fixed", ["2.2.10-2+deb11u2"]),
    ("CVE-2022-25236", ["libexpat1"], "Critical", "fixed", ["2.2.10-2+deb11u2"]),
    ("CVE-2022-40674", ["libexpat1"], "High", "fixed", ["2.2.10-2+deb11u4"]),
    ("CVE-2022-43680", ["libexpat1"], "High", "fixed", ["2.2.10-2+deb11u5"]),
    ("CVE-2023-52425", ["libexpat1"], "High", "not-fixed", []),
    ("CVE-2022-32221", BULLSEYE_CURL, "Critical", "fixed", ["7.74.0-1.3+deb11u5"]),
    ("CVE-2022-22576", BULLSEYE_CURL, "High", "fixed", ["7.74.0-1.3+deb11u2"]),
    ("CVE-2023-23914", BULLSEYE_CURL, "Critical", "wont-fix", []),
    ("CVE-2023-27533", BULLSEYE_CURL, "High", "fixed", ["7.74.0-1.3+deb11u8"]),
    ("CVE-2022-24765", BULLSEYE_GIT, "High", "fixed", ["1:2.30.2-1+deb11u1"]),
    ("CVE-2022-23521", BULLSEYE_GIT, "Critical", "fixed", ["1:2.30.2-1+deb11u1"]),
    ("CVE-2022-41903", BULLSEYE_GIT, "Critical", "fixed", ["1:2.30.2-1+deb11u1"]),
    ("CVE-2022-29187", BULLSEYE_GIT, "Medium", "fixed", ["1:2.30.2-1+deb11u1"]),
    ("CVE-2023-25652", BULLSEYE_GIT, "High", "fixed", ["1:2.30.2-1+deb11u2"]),
    ("CVE-2022-3515", ["libksba8"], "Critical", "fixed", ["1.5.0-3+deb11u1"]),
    ("CVE-2022-47629", ["libksba8"], "Critical", "fixed", ["1.5.0-3+deb11u2"]),
    ("CVE-2021-46848", ["libtasn1-6"], "Critical", "fixed", ["4.16.0-2+deb11u1"]),
    ("CVE-2022-1304", BULLSEYE_E2FS, "High", "fixed", ["1.46.2-2+deb11u1"]),
    ("CVE-2022-40303", ["libxml2"], "High", "fixed", ["2.9.10+dfsg-6.7+deb11u3"]),
    ("CVE-2022-40304", ["libxml2"], "High", "fixed", ["2.9.10+dfsg-6.7+deb11u3"]),
    ("CVE-2022-23308", ["libxml2"], "High", "fixed", ["2.9.10+dfsg-6.7+deb11u1"]),
    ("CVE-2024-25062", ["libxml2"], "High", "not-fixed", []),
    ("CVE-2022-35737", ["libsqlite3-0"], "High", "fixed", ["3.34.1-3+deb11u1"]),
    ("CVE-2021-45346", ["libsqlite3-0"], "Negligible", "not-fixed", []),
    ("CVE-2019-8457", ["libdb5.3"], "Critical", "not-fixed", []),
    ("CVE-2022-1271", ["liblzma5", "xz-utils"], "High", "fixed", ["5.2.5-2.1~deb11u1"]),
    ("CVE-2022-1271", ["gzip"], "High", "fixed", ["1.10-4+deb11u1"]),
    ("CVE-2020-16156", BULLSEYE_PERL, "High", "wont-fix", []),
    ("CVE-2023-31484", BULLSEYE_PERL, "High", "fixed", ["5.32.1-4+deb11u3"]),
    ("CVE-2022-1664", ["dpkg"], "Critical", "fixed", ["1.20.10"]),
    ("CVE-2023-29491", BULLSEYE_NCURSES, "High", "fixed", ["6.2+20201114-2+deb11u1"]),
    ("CVE-2022-29458", BULLSEYE_NCURSES, "High", "fixed", ["6.2+20201114-2+deb11u2"]),
    ("CVE-2022-2509", ["libgnutls30"], "High", "fixed", ["3.7.1-5+deb11u1"]),
    ("CVE-2022-27404", ["libfreetype6"], "Critical", "fixed", ["2.10.4+dfsg-1+deb11u1"]),
    ("CVE-2022-27405", ["libfreetype6"], "High", "fixed", ["2.10.4+dfsg-1+deb11u1"]),
    ("CVE-2022-27406", ["libfreetype6"], "High", "fixed", ["2.10.4+dfsg-1+deb11u1"]),
    ("CVE-2022-44268", BULLSEYE_MAGICK, "Medium", "fixed", ["8:6.9.11.60+dfsg-1.3+deb11u1"]),
    ("CVE-2023-34151", BULLSEYE_MAGICK, "Medium", "not-fixed", []),
    ("CVE-2021-3610", BULLSEYE_MAGICK, "High", "wont-fix", []),
    ("CVE-2005-0406", BULLSEYE_MAGICK, "Negligible", "not-fixed", []),
    ("CVE-2023-38408", ["openssh-client"], "Critical", "fixed", ["1:8.4p1-5+deb11u2"]),
    ("CVE-2023-48795", ["openssh-client"], "Medium", "fixed", ["1:8.4p1-5+deb11u3"]),
    ("CVE-2021-41617", ["openssh-client"], "Medium", "wont-fix", []),
    ("CVE-2007-2243", ["openssh-client"], "Negligible", "not-fixed", []),
    ("CVE-2020-22218", ["libssh2-1"], "High", "fixed", ["1.9.0-2+deb11u1"]),
    ("CVE-2023-44487", ["libnghttp2-14"], "High", "fixed", ["1.43.0-1+deb11u1"]),
    ("CVE-2023-4863", ["libwebp6"], "High", "fixed", ["0.6.1-2.1+deb11u2"]),
    ("CVE-2023-1999", ["libwebp6"], "High", "fixed", ["0.6.1-2.1+deb11u1"]),
    ("CVE-2021-46822", ["libjpeg62-turbo"], "Medium", "wont-fix", []),
    ("CVE-2019-6129", ["libpng16-16"], "Negligible", "not-fixed", []),
    ("CVE-2022-34903", ["gpgv", "gnupg"], "Medium", "fixed", ["2.2.27-2+deb11u2"]),
    ("CVE-2022-3219", ["gpgv", "gnupg"], "Negligible", "not-fixed", []),
    ("CVE-2022-1586", ["libpcre2-8-0"], "Critical", "fixed", ["10.36-2+deb11u1"]),
    ("CVE-2022-1587", ["libpcre2-8-0"], "Critical", "fixed", ["10.36-2+deb11u1"]),
    ("CVE-2017-11164", ["libpcre3"], "Negligible", "not-fixed", []),
    ("CVE-2020-14155", ["libpcre3"], "Negligible", "not-fixed", []),
    ("CVE-2022-3821", ["libsystemd0", "libudev1"], "Medium", "fixed", ["247.3-7+deb11u2"]),
    ("CVE-2013-4392", ["libsystemd0", "libudev1"], "Negligible", "not-fixed", []),
    ("CVE-2018-6829", ["libgcrypt20"], "Negligible", "not-fixed", []),
    ("CVE-2022-3715", ["bash"], "High", "fixed", ["5.1-2+deb11u1"]),
    ("CVE-2022-1552", ["libpq5"], "High", "fixed", ["13.7-0+deb11u1"]),
    ("CVE-2023-39417", ["libpq5"], "High", "fixed", ["13.12-0+deb11u1"]),
    ("CVE-2022-42898", BULLSEYE_KRB5, "High", "fixed", ["1.18.3-6+deb11u3"]),
    ("CVE-2018-5709", BULLSEYE_KRB5, "Negligible", "not-fixed", []),
    ("CVE-2022-29155", ["libldap-2.4-2"], "Critical", "fixed", ["2.4.57+dfsg-3+deb11u1"]),
    ("CVE-2023-2953", ["libldap-2.4-2"], "High", "not-fixed", []),
]

# (GHSA, CVE, package, version, severity, fixed in)
PYTHON_WHEELS = [
    ("GHSA-r9hx-vwmv-q579", "CVE-2022-40897", "setuptools", "57.5.0", "Medium", "65.5.1"),
    ("GHSA-qwmp-2cf2-g9g6", "CVE-2022-40898", "wheel", "0.37.0", "High", "0.38.1"),
    ("GHSA-mq26-g339-26xf", "CVE-2023-5752", "pip", "21.2.4", "Low", "23.3"),
]

# The interpreter itself, found by its CPE: NVD names no fix for the 3.6
# line, so Grype's fix state is empty (unknown).
PYTHON_BINARY = [
    ("CVE-2022-37454", "Critical"),
    ("CVE-2022-45061", "High"),
    ("CVE-2015-20107", "High"),
    ("CVE-2020-10735", "High"),
    ("CVE-2023-24329", "High"),
    ("CVE-2021-3737", "High"),
    ("CVE-2007-4559", "Medium"),
    ("CVE-2023-40217", "Medium"),
]


def python_report():
    matches = debian_matches(PYTHON_ROWS, PYTHON_DEBS, "11")
    site = "/usr/local/lib/python3.6/site-packages"
    for ghsa, cve, name, version, severity, fixed in PYTHON_WHEELS:
        path = "{}/{}-{}.dist-info/METADATA".format(site, name, version)
        a = artifact(
            name, version, "python", "pkg:pypi/{}@{}".format(name, version), path,
            "python", {"metadataType": "PythonPackageMetadata"},
        )
        matches.append(
            grype_match(
                ghsa, "github:language:python", severity, fix_of("fixed", [fixed]),
                [(cve, "nvd:cpe", severity)], a,
                {
                    "kind": "python",
                    "by": {
                        "language": "python",
                        "namespace": "github:language:python",
                        "package": {"name": name, "version": version},
                    },
                },
                "python-matcher",
            )
        )
    for cve, severity in PYTHON_BINARY:
        a = artifact(
            "python", "3.6.15", "binary", "pkg:generic/python@3.6.15",
            "/usr/local/bin/python3.6",
            extra={
                "cpes": ["cpe:2.3:a:python_software_foundation:python:3.6.15:*:*:*:*:*:*:*"],
                "metadataType": "BinarySignature",
            },
        )
        matches.append(
            grype_match(
                cve, "nvd:cpe", severity, fix_of("", []), [], a,
                {
                    "kind": "unknown",
                    "by": {
                        "cpes": ["cpe:2.3:a:python_software_foundation:python:3.6.15:*:*:*:*:*:*:*"],
                        "namespace": "nvd:cpe",
                        "package": {"name": "python", "version": "3.6.15"},
                    },
                },
                "stock-matcher",
            )
        )
    target = image_target(
        "python:3.6", "python", PYTHON, "python-3.6", 913482212
    )
    return grype_document(
        matches, target, {"name": "debian", "version": "11", "idLike": []}
    )


# ---- docker.io/library/ubuntu:20.04: Trivy Operator ----

UBUNTU_DEBS = {
    "libc6": "2.31-0ubuntu9.14",
    "libc-bin": "2.31-0ubuntu9.14",
    "libssl1.1": "1.1.1f-1ubuntu2.20",
    "libsystemd0": "245.4-4ubuntu3.23",
    "libudev1": "245.4-4ubuntu3.23",
    "tar": "1.30+dfsg-7ubuntu0.20.04.3",
    "libgcrypt20": "1.8.5-5ubuntu1.1",
    "libncurses6": "6.2-0ubuntu2.1",
    "libncursesw6": "6.2-0ubuntu2.1",
    "libtinfo6": "6.2-0ubuntu2.1",
    "ncurses-base": "6.2-0ubuntu2.1",
    "ncurses-bin": "6.2-0ubuntu2.1",
    "libpcre3": "2:8.39-12ubuntu0.1",
    "coreutils": "8.30-3ubuntu2",
    "login": "1:4.8.1-1ubuntu5.20.04.4",
    "passwd": "1:4.8.1-1ubuntu5.20.04.4",
    "gpgv": "2.2.19-3ubuntu2.2",
    "libprocps8": "2:3.3.16-1ubuntu2.3",
    "procps": "2:3.3.16-1ubuntu2.3",
    "libzstd1": "1.4.4+dfsg-3ubuntu0.1",
    "bsdutils": "1:2.34-0.1ubuntu9.4",
    "fdisk": "2.34-0.1ubuntu9.4",
    "libblkid1": "2.34-0.1ubuntu9.4",
    "libfdisk1": "2.34-0.1ubuntu9.4",
    "libmount1": "2.34-0.1ubuntu9.4",
    "libsmartcols1": "2.34-0.1ubuntu9.4",
    "libuuid1": "2.34-0.1ubuntu9.4",
    "mount": "2.34-0.1ubuntu9.4",
    "util-linux": "2.34-0.1ubuntu9.4",
}

FOCAL_UTIL_LINUX = ["bsdutils", "fdisk", "libblkid1", "libfdisk1", "libmount1", "libsmartcols1", "libuuid1", "mount", "util-linux"]
FOCAL_NCURSES = ["libncurses6", "libncursesw6", "libtinfo6", "ncurses-base", "ncurses-bin"]

# (id, packages, severity, fixed version or "", title)
UBUNTU_ROWS = [
    ("CVE-2024-2961", ["libc-bin", "libc6"], "MEDIUM", "2.31-0ubuntu9.15", "glibc: Out of bounds write in iconv may lead to remote code execution"),
    ("CVE-2016-20013", ["libc-bin", "libc6"], "LOW", "", "glibc: sha256crypt and sha512crypt through 0.6 allow attackers to cause a denial of service"),
    ("CVE-2023-5678", ["libssl1.1"], "LOW", "1.1.1f-1ubuntu2.21", "openssl: Generating excessively long X9.42 DH keys or checking excessively long X9.42 DH keys or parameters may be very slow"),
    ("CVE-2024-0727", ["libssl1.1"], "LOW", "1.1.1f-1ubuntu2.22", "openssl: denial of service via null dereference"),
    ("CVE-2024-2511", ["libssl1.1"], "LOW", "", "openssl: Unbounded memory growth with session handling in TLSv1.3"),
    ("CVE-2023-7008", ["libsystemd0", "libudev1"], "LOW", "", "systemd-resolved: Unsigned name response in signed zone is not refused when DNSSEC=yes"),
    ("CVE-2023-39804", ["tar"], "LOW", "1.30+dfsg-7ubuntu0.20.04.4", "tar: Incorrectly handled extension attributes in PAX archives can lead to a crash"),
    ("CVE-2024-2236", ["libgcrypt20"], "LOW", "", "libgcrypt: vulnerable to Marvin Attack"),
    ("CVE-2023-45918", FOCAL_NCURSES, "LOW", "", "ncurses: NULL pointer dereference in tgetstr in tinfo/lib_termcap.c"),
    ("CVE-2023-50495", FOCAL_NCURSES, "LOW", "", "ncurses: segmentation fault via _nc_wrap_entry()"),
    ("CVE-2017-11164", ["libpcre3"], "LOW", "", "pcre: OP_KETRMAX feature in the match function in pcre_exec.c"),
    ("CVE-2016-2781", ["coreutils"], "LOW", "", "coreutils: Non-privileged session can escape to the parent session in chroot"),
    ("CVE-2013-4235", ["login", "passwd"], "LOW", "", "shadow-utils: TOCTOU race conditions by copying and removing directory trees"),
    ("CVE-2023-29383", ["login", "passwd"], "LOW", "", "shadow: Improper input validation in shadow-utils package utility chfn"),
    ("CVE-2023-4641", ["login", "passwd"], "MEDIUM", "1:4.8.1-1ubuntu5.20.04.5", "shadow-utils: possible password leak during passwd(1) change"),
    ("CVE-2022-3219", ["gpgv"], "LOW", "", "gnupg: denial of service issue (resource consumption) using compressed packets"),
    ("CVE-2023-4016", ["libprocps8", "procps"], "LOW", "2:3.3.16-1ubuntu2.4", "procps: ps buffer overflow"),
    ("CVE-2022-4899", ["libzstd1"], "LOW", "", "zstd: mysql: buffer overrun in util.c"),
    ("CVE-2024-28085", FOCAL_UTIL_LINUX, "MEDIUM", "2.34-0.1ubuntu9.6", "util-linux: CVE-2024-28085: wall: escape sequence injection"),
]


def ubuntu_report():
    vulnerabilities = []
    summary = {"criticalCount": 0, "highCount": 0, "mediumCount": 0, "lowCount": 0, "unknownCount": 0, "noneCount": 0}
    for vid, packages, severity, fixed, title in UBUNTU_ROWS:
        for name in packages:
            vulnerabilities.append({
                "vulnerabilityID": vid,
                "resource": name,
                "installedVersion": UBUNTU_DEBS[name],
                "fixedVersion": fixed,
                "severity": severity,
                "title": title,
                "primaryLink": "https://avd.aquasec.com/nvd/" + vid.lower(),
                "links": [],
                "target": "index.docker.io/library/ubuntu:20.04 (ubuntu 20.04)",
                "class": "os-pkgs",
                "packageType": "ubuntu",
            })
            summary[severity.lower() + "Count"] += 1
    report = {
        "kind": "VulnerabilityReport",
        "apiVersion": "aquasecurity.github.io/v1alpha1",
        "metadata": {
            "name": "pod-ubuntu-ubuntu",
            "namespace": "lbc",
            "uid": "7f3b2c1e-4d5a-4e8b-9c0d-1a2b3c4d5e6f",
            "resourceVersion": "48213377",
            "creationTimestamp": "2024-04-30T21:05:12Z",
            "labels": {
                "resource-spec-hash": "5c8b7d9f6",
                "trivy-operator.container.name": "ubuntu",
                "trivy-operator.resource.kind": "Pod",
                "trivy-operator.resource.name": "ubuntu",
                "trivy-operator.resource.namespace": "lbc",
            },
            "annotations": {"trivy-operator.aquasecurity.github.io/report-ttl": "24h0m0s"},
            "ownerReferences": [
                {
                    "apiVersion": "v1",
                    "kind": "Pod",
                    "name": "ubuntu",
                    "uid": "2d9e8f7a-6b5c-4d3e-8f1a-0b9c8d7e6f5a",
                    "controller": True,
                    "blockOwnerDeletion": False,
                }
            ],
        },
        "report": {
            "updateTimestamp": "2024-04-30T21:05:12Z",
            "scanner": {"name": "Trivy", "vendor": "Aqua Security", "version": "0.50.1"},
            "registry": {"server": "index.docker.io"},
            "artifact": {"repository": "library/ubuntu", "tag": "20.04", "digest": UBUNTU},
            "os": {"family": "ubuntu", "name": "20.04"},
            "summary": summary,
            "vulnerabilities": vulnerabilities,
        },
    }
    return {"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""}, "items": [report]}


# ---- registry.acme.io/shop/frontend:3.2.0: JFrog CLI and osv-scanner ----

FRONTEND_TAR = "sha256__" + hexdigest("frontend-3.2.0 config") + ".tar"
FRONTEND_REF = "registry.acme.io/shop/frontend:3.2.0"

# (CVE, package, version, type, severity, applicability, fixed ranges,
#  direct dependencies pulling it in (one row each), evidence file)
FRONTEND_JFROG = [
    ("CVE-2023-42282", "ip", "2.0.0", "npm", "Critical", "Applicable", ["[2.0.1]"], ["socks-proxy-agent"], "app/server/proxy.js"),
    ("CVE-2023-36665", "protobufjs", "7.2.3", "npm", "Critical", "Applicable", ["[7.2.4]"], ["@grpc/proto-loader"], "app/server/rpc.js"),
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


def xray_id(cve):
    return "XRAY-" + str(520000 + int(hexdigest("xray " + cve)[:8], 16) % 90000)


def jfrog_report():
    rows = []
    root = {"name": FRONTEND_REF.rsplit(":", 1)[0], "version": "3.2.0"}
    tar = {"name": FRONTEND_TAR, "version": "", "location": {"file": FRONTEND_TAR}}
    for cve, name, version, kind, severity, applicable, fixed, directs, evidence in FRONTEND_JFROG:
        short = name.rsplit(":", 1)[-1]
        location = (
            {"file": "{}:{}".format(short, version)}
            if kind == "deb"
            else {"file": "usr/local/bin/node"}
            if kind == "Generic"
            else {"file": "app/node_modules/{}/package.json".format(name)}
        )
        leaf = {"name": name, "version": version, "location": location}
        applicability = {
            "status": applicable,
            "scannerDescription": "The scanner checks whether the vulnerable functionality of {} is reachable.".format(cve),
        }
        if evidence:
            applicability["evidence"] = [
                {
                    "file": evidence,
                    "reason": "The vulnerable function is called with external input",
                    "startLine": 12,
                    "startColumn": 5,
                    "endLine": 12,
                    "endColumn": 48,
                }
            ]
        for direct in directs or [None]:
            path = [root, tar]
            if direct and direct != name:
                path.append({"name": direct, "version": "", "location": {"file": "app/package.json"}})
            path.append(leaf)
            rows.append({
                "severity": severity,
                "impactedPackageName": name,
                "impactedPackageVersion": version,
                "impactedPackageType": kind,
                "components": [tar],
                "summary": "{} in {} {}".format(cve, short, version),
                "applicable": applicable,
                "fixedVersions": fixed,
                "cves": [{"id": cve, "cvssV2": "", "cvssV3": "", "applicability": applicability}],
                "issueId": xray_id(cve),
                "references": ["https://nvd.nist.gov/vuln/detail/" + cve],
                "impactPaths": [path],
                "jfrogResearchInformation": None,
            })
    return {
        "vulnerabilities": rows,
        "securityViolations": None,
        "licensesViolations": None,
        "licenses": None,
        "operationalRiskViolations": None,
        "secrets": [],
        "iac": None,
        "sast": None,
        "secretsViolations": None,
        "iacViolations": None,
        "sastViolations": None,
        "errors": None,
        "scansStatus": {
            "scaScanStatusCode": 0,
            "secretsScanStatusCode": 0,
            "ContextualAnalysisScanStatusCode": 0,
        },
        "multiScanId": "3c1f5a2e-0709-11ef-9a1b-0242ac120002",
    }


# (package, version, [(GHSA, CVE, severity, fixed in)])
FRONTEND_OSV = [
    ("ip", "2.0.0", [("GHSA-78xj-cgh5-2h22", "CVE-2023-42282", "LOW", "2.0.1")]),
    ("protobufjs", "7.2.3", [("GHSA-h755-8qp9-cq85", "CVE-2023-36665", "CRITICAL", "7.2.4")]),
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


def main():
    write("grype-xjoin-kafka-connect.json", xjoin_report())
    full, filtered = nginx_reports()
    write("kubevuln-nginx.json", full)
    write("kubevuln-nginx-filtered.json", filtered)
    write("trivy-operator-ubuntu.json", ubuntu_report())
    write("grype-python-3.6.json", python_report())
    write("jfrog-frontend.json", jfrog_report())
    write("osv-frontend.json", osv_report())


if __name__ == "__main__":
    main()
