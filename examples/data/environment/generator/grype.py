"""Grype JSON: matches, artifacts, the document, and Debian matches."""

from .common import *  # noqa: F401,F403

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


def grype_document(matches, target, distro, db_built=DB_BUILT, scanned_at=SCANNED_AT):
    return {
        "matches": matches,
        "source": {"type": "image", "target": target},
        "distro": distro,
        "descriptor": {
            "name": "grype",
            "version": GRYPE_VERSION,
            "configuration": {"output": ["json"], "scope": "squashed"},
            "db": {
                "built": db_built,
                "schemaVersion": 5,
                "location": "/root/.cache/grype/db/5",
                "checksum": digest("grype db " + db_built),
                "error": None,
            },
            "timestamp": scanned_at,
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


