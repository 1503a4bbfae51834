"""Grype for docker.io/library/python:3.6."""

from .common import *  # noqa: F401,F403
from .grype import *  # noqa: F401,F403

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


def python_report(rows=PYTHON_ROWS, db_built=DB_BUILT, scanned_at=SCANNED_AT):
    """The report; a rescan passes its own Debian rows and times."""
    matches = debian_matches(rows, PYTHON_DEBS, "11")
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
        matches, target, {"name": "debian", "version": "11", "idLike": []},
        db_built, scanned_at,
    )


