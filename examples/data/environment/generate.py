#!/usr/bin/env python3
"""Writes the scanner reports of the bundled environment, and its second day.

    python3 examples/data/environment/generate.py

(from any directory; Python 3.8+, standard library only). It overwrites, next
to itself, the seven report files `environment.json` names

    grype-xjoin-kafka-connect.json   Grype JSON        quay.io/.../xjoin-kafka-connect-strimzi:latest
    kubevuln-nginx.json              kubevuln manifest docker.io/library/nginx:1.25 (full scan)
    kubevuln-nginx-filtered.json     kubevuln manifest the same image, packages seen loaded only
    trivy-operator-ubuntu.json       Trivy Operator    VulnerabilityReport list, lbc/ubuntu
    grype-python-3.6.json            Grype JSON        docker.io/library/python:3.6
    jfrog-frontend.json              JFrog simple-json `jf docker scan` of registry.acme.io/shop/frontend:3.2.0
    osv-frontend.json                osv-scanner       the frontend's /app/package-lock.json

and the runtime platform's own view of the cluster, two pages of each listing:

    platform-image-tags-{1,2}.json   POST /runtime/api/v1/images/tags
    platform-workloads-{1,2}.json    POST /runtime/api/v1/workloads

Each image's report is written by its module under `generator/`. The
output is deterministic: no clock, no randomness; digests and ids that
are not the running images' are derived from fixed labels by SHA-256.

Each report names the image the bundled Pod list (`pods-prod-eu.json`) runs,
by the digest its pods run: Grype by `source.target.repoDigests`, kubevuln by
its `ID` reference, Trivy Operator by `report.artifact.digest`. JFrog names
the image tar by its configuration digest and osv-scanner names a lockfile;
`environment.json` says which running image those two scanned (`image`).

Contextual analysis: the JFrog report carries a verdict per row
(`applicable`, and its CVE's `applicability.status`: Applicable, Not
Applicable, Undetermined, Not Covered), the platform's listings one per
vulnerability (`applicability`: applicable, not_applicable, undetermined,
not_covered, not_scanned, rescan_required, upgrade_required). The frontend's
Critical and High findings are Applicable with a fix (CVE-2023-42282 ip,
CVE-2023-36665 protobufjs, CVE-2022-23540 jsonwebtoken, CVE-2024-22019 node)
and without one (CVE-2023-37466 vm2, CVE-2022-24434 dicer), Not Applicable,
Undetermined or Not Covered; the platform lists the same verdicts for the
frontend (without fix versions: its listing has none), its own for the
other images.

Day 2 (`day2/`, by `generator/day2.py`) is the same environment observed 24
hours later (2024-05-02T12:00:00Z). Its manifest `day2/environment.json`
names the files that changed, next to it, and day 1's others by `../`:

    day2/environment.json                 the manifest
    day2/pods-prod-eu.json                day 1's pods and the new Deployment shop/checkout
                                          (registry.acme.io/shop/checkout:1.0.0, on node-1),
                                          an image no report covers
    day2/registry.json                    day 1's answers and the checkout image's
    day2/grype-python-3.6.json            the rescan of docker.io/library/python:3.6: one more
                                          match, CVE-2024-0985 (High) on libpq5, fixed in
                                          13.14-0+deb11u1
    day2/jfrog-xjoin-kafka-connect.json   JFrog simple-json `jf docker scan` of the xjoin image:
                                          contextual analysis newly run on it (its Grype findings,
                                          with verdicts; CVE-2023-25194, CVE-2023-34455 and
                                          CVE-2023-4911 Applicable)

The findings are written for this example, in each producer's shape. The
packages, versions and vulnerability ids are real ones as the scanners'
databases had them in spring 2024; severities, fix states, the
contextual-analysis verdicts, the Xray issue ids, the runtime-loaded package
set and the malicious package are the example's own.
"""


from generator.common import write
from generator.day2 import day2_files
from generator.frontend import jfrog_report, osv_report
from generator.nginx import nginx_reports
from generator import platform
from generator.python36 import python_report
from generator.ubuntu import ubuntu_report
from generator.xjoin import xjoin_report


def main():
    write("grype-xjoin-kafka-connect.json", xjoin_report())
    full, filtered = nginx_reports()
    write("kubevuln-nginx.json", full)
    write("kubevuln-nginx-filtered.json", filtered)
    write("trivy-operator-ubuntu.json", ubuntu_report())
    write("grype-python-3.6.json", python_report())
    write("jfrog-frontend.json", jfrog_report())
    write("osv-frontend.json", osv_report())
    for i, page in enumerate(platform.image_tags(), 1):
        write("platform-image-tags-{}.json".format(i), page)
    for i, page in enumerate(platform.workloads(), 1):
        write("platform-workloads-{}.json".format(i), page)
    for name, document in day2_files():
        write("day2/" + name, document)


if __name__ == "__main__":
    main()

