"""Writes the benchmark inputs: a realistic mix of image tags and references.

The mix follows what runs in real clusters: mostly versions (full, partial,
with variants), then `latest` and other channel keywords, commit and date
tags from CI, and a tail of odd ones. Seeded, so the files are reproducible:

    python3 benches/data/generate.py
"""

import random
from pathlib import Path

rng = random.Random(20240501)
HERE = Path(__file__).parent


def hexs(n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def ver(parts=3):
    return ".".join(str(rng.choice([0, 1, 1, 2, 3, 7, 12, 16, 20, 24])) if i == 0 else str(rng.randint(0, 30)) for i in range(parts))


def date():
    return f"2024{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"


VARIANTS = ["alpine", "slim", "bookworm", "bullseye", "jammy", "alpine3.19", "slim-bookworm", "debian-12-r0", "jdk", "jre-alpine"]
KEYWORDS = ["latest", "stable", "main", "master", "edge", "nightly", "dev", "lts", "canary", "beta", "Latest", "LATEST"]
WORDS = ["blue", "green", "prod-eu", "feature-login", "hotfix", "myapp", "release", "foo"]

TEMPLATES = [
    (22, lambda: ver()),
    (9, lambda: "v" + ver()),
    (10, lambda: f"{ver()}-{rng.choice(VARIANTS)}"),
    (9, lambda: "latest"),
    (5, lambda: rng.choice(KEYWORDS)),
    (7, lambda: rng.choice([ver(1), ver(2), "v" + ver(2)])),
    (5, lambda: f"{ver(rng.choice([1, 2]))}-{rng.choice(VARIANTS)}"),
    (4, lambda: hexs(rng.choice([7, 8, 12, 40]))),
    (4, lambda: f"sha-{hexs(7)}"),
    (3, lambda: f"{rng.choice(['main', 'develop', 'feature-x'])}-{hexs(7)}"),
    (3, lambda: rng.choice([date(), f"nightly-{date()}", f"{date()}.{rng.randint(1, 9)}"])),
    (3, lambda: rng.choice([f"build-{rng.randint(100, 99999)}", f"pr-{rng.randint(1, 4000)}"])),
    (3, lambda: f"{rng.choice(['stable', 'latest', 'edge'])}-{rng.choice(VARIANTS)}"),
    (3, lambda: rng.choice(VARIANTS)),
    (3, lambda: f"{ver()}-{rng.choice(['rc.1', 'rc1', 'beta.2', 'SNAPSHOT', 'alpha'])}"),
    (2, lambda: f"{ver(4)}"),
    (5, lambda: rng.choice(WORDS)),
]


def tag():
    total = sum(w for w, _ in TEMPLATES)
    pick = rng.uniform(0, total)
    for weight, make in TEMPLATES:
        pick -= weight
        if pick <= 0:
            return make()
    return "latest"


REPOS = ["nginx", "redis", "library/postgres", "bitnami/redis", "grafana/grafana", "registry.k8s.io/kube-proxy",
         "registry.acme.io/shop/api", "registry.acme.io/payments/gateway", "acme.jfrog.io/docker-remote/library/nginx",
         "ghcr.io/fluxcd/source-controller", "quay.io/prometheus/node-exporter", "localhost:5000/team/app",
         "123456789012.dkr.ecr.us-east-1.amazonaws.com/app", "gcr.io/distroless/static-debian12"]


def reference():
    repo = rng.choice(REPOS)
    r = rng.random()
    if r < 0.75:
        return f"{repo}:{tag()}"
    if r < 0.85:
        return f"{repo}@sha256:{hexs(64)}"
    if r < 0.95:
        return f"{repo}:{ver()}@sha256:{hexs(64)}"
    return repo


(HERE / "tags.txt").write_text("\n".join(tag() for _ in range(10_000)) + "\n")
(HERE / "references.txt").write_text("\n".join(reference() for _ in range(2_000)) + "\n")
