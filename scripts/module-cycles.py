#!/usr/bin/env python3
"""Fails when two modules of a Rust crate import each other, directly or
through others: the module graph must read bottom-up (ARCHITECTURE.md).

    scripts/module-cycles.py core/src bindings-node/src bindings-python/src

Edges are the paths a module names (`use crate::a::b`, `super::c`, in code,
not tests), each resolved through the `pub use` re-exports of `mod.rs` and
`lib.rs` to the module that defines the item. Sibling modules are compared
at each level: `a::x -> b::y` is an edge `a -> b` among `a`'s siblings.
"""

import glob
import os
import re
import sys
from collections import defaultdict


def modules(root):
    found = {}
    for path in glob.glob(os.path.join(root, "**", "*.rs"), recursive=True):
        rel = os.path.relpath(path, root)[:-3].split(os.sep)
        if rel[-1] in ("mod", "lib", "main"):
            rel = rel[:-1]
        found[tuple(rel)] = path
    return found


def code_of(path):
    text = open(path, encoding="utf-8").read()
    text = re.split(r"#\[cfg\(test\)\]\s*(?:pub(?:\(\w+\))?\s+)?mod tests", text)[0]
    return re.sub(r"//[^\n]*", "", text)


def reexports(mods):
    """(module, name) -> the child module a `pub use child::...::{name}` names."""
    table = {}
    for mod, path in mods.items():
        for m in re.finditer(r"pub(?:\(crate\))?\s+use\s+(\w+)::([^;]+);", code_of(path)):
            child = mod + (m.group(1),)
            names = re.findall(r"\b([A-Za-z_]\w*)\b", m.group(2).split("::")[-1])
            for name in names:
                if child in mods:
                    table[(mod, name)] = child
    return table


def resolve(full, mods, table):
    base, rest = (), []
    for _ in range(8):
        for i in range(len(full), -1, -1):
            if tuple(full[:i]) in mods:
                base = tuple(full[:i])
                rest = full[i:]
                break
        if rest and (base, rest[0]) in table:
            full = list(table[(base, rest[0])]) + rest
            continue
        return base
    return base


def expand(tree):
    """`a::{b, c::{d, e}}` as `a::b`, `a::c::d`, `a::c::e`."""
    tree = re.sub(r"\s+", "", tree)
    if "{" not in tree:
        return [tree]
    head, body = tree.split("{", 1)
    body = body[: body.rfind("}")]
    parts, depth, start = [], 0, 0
    for i, c in enumerate(body):
        depth += c == "{"
        depth -= c == "}"
        if c == "," and depth == 0:
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    return [head + p for part in parts if part for p in expand(part)]


def paths(code):
    """Every `crate::...` and `super::...` path the code names, braces expanded."""
    for m in re.finditer(r"\buse\s+((?:crate|super)::[^;]+);", code):
        yield from expand(m.group(1))
    for m in re.finditer(r"\b((?:crate|super)(?:::\w+)+)", code):
        yield m.group(1)


def edges(mods):
    table = reexports(mods)
    graph = defaultdict(set)
    for mod, path in mods.items():
        for found in paths(code_of(path)):
            names = [n for n in found.split("::") if n and n != "self" and n != "*"]
            names = [n.split(" as ")[0] for n in names]
            if names[0] == "crate":
                full = names[1:]
            else:
                full = list(mod[:-1]) + names[1:]
            target = resolve(full, mods, table)
            if target != mod and target[: len(mod)] != mod and mod[: len(target)] != target:
                graph[mod].add(target)
    return graph


def sibling_cycles(graph):
    level = defaultdict(set)
    for a, targets in graph.items():
        for b in targets:
            i = 0
            while i < min(len(a), len(b)) and a[i] == b[i]:
                i += 1
            if i < len(a) and i < len(b):
                level[a[: i + 1]].add(b[: i + 1])
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in level.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in list(level):
        if v not in index:
            visit(v)
    return out, level


def main(roots):
    failed = False
    for root in roots:
        cycles, level = sibling_cycles(edges(modules(root)))
        for comp in cycles:
            failed = True
            names = {"::".join(c) for c in comp}
            detail = "; ".join(
                f"{'::'.join(a)} -> {', '.join(sorted('::'.join(b) for b in level[a] if b in comp))}"
                for a in comp
            )
            print(f"{root}: modules import each other: {', '.join(sorted(names))} ({detail})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["core/src"]))
