"""Arbitrary input never raises anything but ``KubesightError``."""

from __future__ import annotations

from typing import Any, Callable

from hypothesis import given, settings
from hypothesis import strategies as st

import kubesight
from kubesight import ingest

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=25,
)
keys = st.sampled_from(
    ["digests", "scanned", "image", "vulnerability", "severity", "name", "controller", "nodes",
     "taken_at", "running", "occurrences", "fix", "state", "aliases", "sensor", "registry", "answer"]
)
shaped = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=6),
    max_leaves=30,
)


def only_kubesight_errors(call: Callable[[], Any]) -> None:
    try:
        call()
    except kubesight.KubesightError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_strings(text: str) -> None:
    policy = kubesight.TagPolicy()
    only_kubesight_errors(lambda: kubesight.ImageRef.parse(text))
    only_kubesight_errors(lambda: kubesight.ImageId.parse(text))
    only_kubesight_errors(lambda: kubesight.parse_digest(text))
    only_kubesight_errors(lambda: policy.classify(text))
    only_kubesight_errors(lambda: policy.classify_many([text, "latest"]))
    for reader in (ingest.trivy, ingest.grype, ingest.osv_scanner, ingest.openvex, ingest.csaf_vex,
                   ingest.runtime_clusters, ingest.trivy_operator, ingest.jfrog_simple_json):
        only_kubesight_errors(lambda: reader(text))


@settings(max_examples=300, deadline=None)
@given(json_values | shaped, json_values | shaped)
def test_data(a: Any, b: Any) -> None:
    policy = kubesight.IntegrityPolicy(["registry.acme.io"])
    only_kubesight_errors(lambda: kubesight.funnel(a, b, runtime_validation=True))
    only_kubesight_errors(lambda: kubesight.highlights(a, b))
    only_kubesight_errors(lambda: kubesight.installation(a))
    only_kubesight_errors(lambda: kubesight.cluster_health(a))
    only_kubesight_errors(lambda: kubesight.scan_report(a))
    only_kubesight_errors(lambda: kubesight.readiness(a, b))
    only_kubesight_errors(lambda: kubesight.scan_plan(a, b))
    only_kubesight_errors(lambda: kubesight.trend(a, now="2026-11-26T00:00:00Z"))
    only_kubesight_errors(lambda: policy.assess(a, observed_at="2026-11-26T00:00:00Z"))
    only_kubesight_errors(lambda: ingest.apply_vex(a, b))
    only_kubesight_errors(lambda: kubesight.distinct_vulnerabilities(a))
