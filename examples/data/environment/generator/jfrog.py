"""JFrog CLI simple-json (`jf docker scan --format simple-json`): the rows,
their contextual-analysis verdicts, and the document.

A table row is (CVE, package, version, type, severity, verdict, fixed
ranges, direct dependencies pulling it in (one row each), evidence). The
verdict is what the CLI writes in a row's `applicable` and in its CVE's
`applicability.status`: `Applicable`, `Not Applicable`, `Undetermined` or
`Not Covered` (the four words core/src/ingest/jfrog.rs reads). The fixed
ranges are Xray's (`[2.0.1]`); `None` is written `null`: no fix. The
evidence is `None`, a file, or (file, line, reason)."""

from .common import *  # noqa: F401,F403

VERDICTS = ("Applicable", "Not Applicable", "Undetermined", "Not Covered")

REASON = "The vulnerable function is called with external input"


def xray_id(cve):
    return "XRAY-" + str(520000 + int(hexdigest("xray " + cve)[:8], 16) % 90000)


def evidence_of(evidence):
    file, line, reason = (evidence, 12, REASON) if isinstance(evidence, str) else evidence
    return {
        "file": file,
        "reason": reason,
        "startLine": line,
        "startColumn": 5,
        "endLine": line,
        "endColumn": 48,
    }


def simple_json(table, root, tar_name, location, multi_scan_id, direct_location=None):
    """The document of a docker scan of the image tar `tar_name`; `location`
    gives a package's location from its (type, name, version)."""
    rows = []
    tar = {"name": tar_name, "version": "", "location": {"file": tar_name}}
    for cve, name, version, kind, severity, applicable, fixed, directs, evidence in table:
        assert applicable in VERDICTS, applicable
        short = name.rsplit(":", 1)[-1]
        leaf = {"name": name, "version": version, "location": location(kind, name, version)}
        applicability = {
            "status": applicable,
            "scannerDescription": "The scanner checks whether the vulnerable functionality of {} is reachable.".format(cve),
        }
        if evidence:
            applicability["evidence"] = [evidence_of(evidence)]
        for direct in directs or [None]:
            path = [root, tar]
            if direct and direct != name:
                path.append({"name": direct, "version": "", "location": direct_location})
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
        "multiScanId": multi_scan_id,
    }


def scan_id(label):
    """A fixed version-4 UUID for the scan `label`."""
    h = hexdigest("jfrog scan " + label)
    return "{}-{}-4{}-8{}-{}".format(h[:8], h[8:12], h[13:16], h[17:20], h[20:32])
