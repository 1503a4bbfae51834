"""A Trivy Operator VulnerabilityReport list for ubuntu:20.04."""

from .common import *  # noqa: F401,F403

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


