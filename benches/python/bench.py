"""Python binding benchmarks, run on demand (not part of the tests):

    .venv/bin/maturin develop --release -m bindings-python/Cargo.toml
    .venv/bin/python benches/python/bench.py [tags|funnel|epss]

Reports medians: tag classification through the batch call against Python's
``re`` matching the same tags against the keyword list, the funnel over
one million findings given as Python dicts, and FIRST's EPSS CSV of 250,000
rows read by ``kubesight.ingest.epss`` against ``pandas.read_csv``, timed
side by side with the answers checked equal.
"""

from __future__ import annotations

import random
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

import kubesight

ROOT = Path(__file__).resolve().parents[2]


def median_seconds(run: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved(runs: list[Callable[[], Any]], repeat: int) -> tuple[list[float], float]:
    """The median seconds of each run, timed in turn within each repetition,
    and the median over repetitions of the first run's time divided by the
    last's: on a shared machine whose speed drifts, the ratio of runs timed
    side by side holds better than times taken minutes apart."""
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(repeat):
        for run, into in zip(runs, times):
            start = time.perf_counter()
            run()
            into.append(time.perf_counter() - start)
    ratio = statistics.median(a / b for a, b in zip(times[0], times[-1]))
    return [statistics.median(t) for t in times], ratio


def tags() -> None:
    lines = (ROOT / "benches" / "data" / "tags.txt").read_text().split("\n")
    sample = [t for t in lines if t and not t.startswith("#")]
    policy = kubesight.TagPolicy()
    keywords = "|".join(re.escape(k) for k in policy.keywords)
    # The usual hand-written check: a keyword alone or before a variant.
    pattern = re.compile(rf"(?i)(?:{keywords})(?:[-_.].*)?")

    def with_re() -> list[bool]:
        return [pattern.fullmatch(t) is not None for t in sample]

    def with_kubesight() -> list[Any]:
        return policy.classify_many(sample)

    n = len(sample)
    (re_s, ks_s), ratio = interleaved([with_re, with_kubesight], 101)
    print(f"tags: {n} tags")
    print(f"  re keyword match:                 {re_s / n * 1e9:7.1f} ns per tag")
    print(f"  TagPolicy.classify_many:          {ks_s / n * 1e9:7.1f} ns per tag ({ratio:.1f}x faster)")


def funnel() -> None:
    rng = random.Random(7)
    images = 20_000
    ids = 100_000
    digests = [f"sha256:{i:064x}" for i in range(images)]
    running = [{"digests": [d], "scanned": True, "monitored": i % 4 != 0} for i, d in enumerate(digests)]
    severities = ["critical", "high", "medium", "low", "unknown"]
    applicability = ["applicable", "not_applicable", "undetermined"]
    findings = [
        {
            "image": [digests[int(images * rng.random() ** 3)]],
            "vulnerability": f"CVE-{2000 + i % 25}-{10000 + int(ids * rng.random() ** 3)}",
            "package": {"name": f"pkg{i % 500}", "version": "1.0"},
            "severity": severities[i % 5],
            "applicability": applicability[i % 3],
            "fix": {"state": "fixed", "versions": ["1.1"]} if i % 2 else {"state": "not_fixed"},
            "runtime": "loaded" if i % 7 == 0 else "not_observed",
        }
        for i in range(1_000_000)
    ]
    seconds = median_seconds(lambda: kubesight.funnel(running, findings, runtime_validation=True), 5)
    print(f"funnel: 1,000,000 findings as dicts over {images} images")
    print(f"  kubesight.funnel:                 {seconds * 1000:7.0f} ms ({seconds * 1e3:.0f} ns per finding)")


def epss() -> None:
    import io

    import pandas

    rng = random.Random(11)
    ids = sorted(f"CVE-{1999 + i % 27}-{1000 + i // 27}" for i in range(250_000))
    lines = ["#model_version:v2025.03.14,score_date:2025-03-17T00:00:00+0000", "cve,epss,percentile"]
    for cve in ids:
        score = rng.random()
        lines.append(f"{cve},{score:.5f},{score ** 0.5:.5f}")
    text = "\n".join(lines) + "\n"

    def with_pandas() -> Any:
        return pandas.read_csv(io.StringIO(text), comment="#")

    def with_kubesight() -> Any:
        return kubesight.ingest.epss(text)

    frame, read = with_pandas(), with_kubesight()
    assert read.epss_count == len(frame) == len(ids)
    for row in frame.sample(1000, random_state=1).itertuples():
        assert read.epss(row.cve).score == row.epss, row.cve
        assert read.epss(row.cve).percentile == row.percentile, row.cve
    (pd_s, ks_s), ratio = interleaved([with_pandas, with_kubesight], 21)
    print(f"epss: {len(ids)} rows, {len(text) / 1e6:.1f} MB")
    print(f"  pandas.read_csv:                  {pd_s * 1000:7.1f} ms")
    print(f"  kubesight.ingest.epss:            {ks_s * 1000:7.1f} ms ({ratio:.2f}x faster)")


if __name__ == "__main__":
    # `bench.py tags`, `bench.py funnel` or `bench.py epss` runs one of them.
    only = sys.argv[1] if len(sys.argv) > 1 else None
    if only in (None, "tags"):
        tags()
    if only in (None, "funnel"):
        funnel()
    if only in (None, "epss"):
        epss()
