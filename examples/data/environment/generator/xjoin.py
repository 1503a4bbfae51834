"""Grype for quay.io/cloudservices/xjoin-kafka-connect-strimzi:latest."""

from .common import *  # noqa: F401,F403
from .grype import *  # noqa: F401,F403

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


