"""A kubevuln manifest pair for nginx:1.25: the full scan and the runtime-filtered one."""

from .common import *  # noqa: F401,F403
from .grype import *  # noqa: F401,F403

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


