"""Shared helpers: the behaviour cases in ``tests/vectors/`` that the Rust
suite reads too, and the subset comparison both suites use."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"
# Fixture paths in the vectors are relative to the repository root: third-party
# files under ../shared/fixtures/, the project's own under tests/fixtures/.
FIXTURES = ROOT


def vectors(name: str) -> Any:
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


def section(name: str, key: str, at_least: int) -> list[Any]:
    cases = vectors(name)[key]
    assert len(cases) >= at_least, f"{name} {key}: at least {at_least} cases"
    return [pytest.param(c, id=str(c.get("name") or c.get("input") or c.get("tag") or c.get("word") or c.get("reference"))) for c in cases]


def subset(expected: Any, actual: Any, at: str = "") -> None:
    """``actual`` holds ``expected``: objects key by key (extra keys are
    fine, a missing one is not, even where ``null`` is expected), lists
    element by element with the same length, anything else equal (booleans
    are not numbers)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key, value in expected.items():
            assert key in actual, f"{at}.{key}: expected {value!r}, the result has no such field"
            subset(value, actual[key], f"{at}.{key}")
        return
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        for i, (e, a) in enumerate(zip(expected, actual)):
            subset(e, a, f"{at}[{i}]")
        return
    same = expected == actual and isinstance(expected, bool) == isinstance(actual, bool)
    assert same, f"{at}: expected {expected!r}, got {actual!r}"
