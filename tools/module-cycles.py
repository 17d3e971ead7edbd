#!/usr/bin/env python3
"""Finds import circles among the modules of a Rust source tree.

    python3 tools/module-cycles.py src [-v]

A module depends on another when its non-test code names it: `crate::m`,
`super::m` (a sibling) or `super::Item` (its parent). A parent depends on
the modules it declares. Comments and `#[cfg(test)] mod … { … }` blocks are
left out, and so are test-only modules (`tests`, `equiv`, `oracle`). Every
set of modules that reach each other is printed; the exit status is 1 when
there is one. `-v` prints every module's dependencies.
"""

import collections
import os
import re
import sys

TEST_ONLY = {"tests", "equiv", "oracle"}


def module_name(root, path):
    parts = os.path.relpath(path, root)[: -len(".rs")].split(os.sep)
    if parts[-1] in ("mod", "lib"):
        parts = parts[:-1]
    return "::".join(parts) or "crate"


def non_test_code(text):
    lines = [l for l in text.split("\n") if not l.strip().startswith("//")]
    code = "\n".join(lines)
    return re.split(r"#\[cfg\(test\)\]\s*mod [a-z_]+\s*\{", code)[0]


def dependencies(root):
    files = {}
    for d, dirs, names in os.walk(root):
        dirs[:] = [x for x in dirs if x != "bin"]
        for n in names:
            if n.endswith(".rs"):
                path = os.path.join(d, n)
                files[module_name(root, path)] = path
    deps = collections.defaultdict(set)
    for m in files:
        parent = m.rsplit("::", 1)[0] if "::" in m else "crate"
        deps[parent].add(m)
    for m, path in files.items():
        if m.rsplit("::", 1)[-1] in TEST_ONLY:
            continue
        code = non_test_code(open(path, encoding="utf-8").read())
        parent = m.rsplit("::", 1)[0] if "::" in m else None
        for name in re.findall(r"crate::([a-z_]+(?:::[a-z_]+)?)", code):
            for cand in (name, name.split("::")[0]):
                if cand in files and cand != m:
                    deps[m].add(cand)
                    break
        for group in re.findall(r"super::\{?([A-Za-z_, \n]+)", code):
            for item in re.split(r"[\s,]+", group):
                if not item:
                    continue
                sibling = f"{parent}::{item}" if parent else item
                if sibling in files and sibling != m:
                    deps[m].add(sibling)
                elif parent in files:
                    deps[m].add(parent)
    return files, deps


def circles(nodes, deps):
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(deps[v]):
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
                found.append(sorted(comp))

    sys.setrecursionlimit(10_000)
    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return found


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "src"
    files, deps = dependencies(root)
    if "-v" in sys.argv:
        for m in sorted(files):
            print(m, "->", ", ".join(sorted(deps[m])))
    found = circles(list(files) + ["crate"], deps)
    for comp in found:
        print("import circle:", " <-> ".join(comp))
    if not found:
        print(f"no import circle among the {len(files)} modules of {root}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
