"""The vulnerability table from a Parquet file: its time and the memory it
takes beyond what the process held before, run on demand:

    .venv/bin/maturin develop --release -m bindings-python/Cargo.toml
    .venv/bin/python benches/python/table_memory.py [ROWS ...] [--repeat N]

Generates each ROWS findings (default 1,000,000 and 4,000,000) into a
Parquet file as `columnar.py` does, then builds the table in a fresh
process per run, reporting the seconds and the peak resident size while it
is built less the resident size before (VmHWM after resetting it, Linux
only). Memory that grows slower than the rows is what the table keeps, not
what it read.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import columnar  # noqa: E402


def status(field: str) -> int:
    """A field of /proc/self/status, in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1])
    raise LookupError(field)


def measure(path: Path) -> None:
    import kubesight

    running = [
        {"digests": [columnar.digest(i)], "scanned": True, "monitored": True}
        for i in range(columnar.IMAGES)
    ]
    before = status("VmRSS:")
    Path("/proc/self/clear_refs").write_text("5")
    started = time.perf_counter()
    table = kubesight.vulnerability_table(running, path, runtime_validation=True)
    seconds = time.perf_counter() - started
    peak = status("VmHWM:") - before
    print(json.dumps({"rows": len(table), "seconds": seconds, "peak_mib": peak / 1024}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", nargs="*", type=int, default=[1_000_000, 4_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.rows:
            path = Path(tmp) / f"findings-{rows}.parquet"
            columnar.generate(rows, path)
            runs = [
                json.loads(subprocess.run(
                    [sys.executable, __file__, "--measure", str(path)],
                    check=True, capture_output=True, text=True,
                ).stdout)
                for _ in range(args.repeat)
            ]
            seconds = statistics.median(r["seconds"] for r in runs)
            peak = statistics.median(r["peak_mib"] for r in runs)
            each = ", ".join(f"{r['peak_mib']:.1f}" for r in runs)
            print(
                f"{rows} findings, {runs[0]['rows']} rows: {seconds * 1000:.0f} ms, "
                f"peak {peak:.1f} MiB beyond what the process held (runs: {each})"
            )


if __name__ == "__main__":
    main()
