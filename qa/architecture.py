"""Walk the imports of ``geo/`` and report what breaks the house rules (docs/architecture.md).

Every ``import``/``from`` statement of every ``.py`` under ``geo/`` is read with :mod:`ast`,
including those inside functions. Reported:

- an import of streamlit (any ``streamlit*`` package) anywhere in ``geo/``;
- an import from a higher layer, or between two different packages of the same rank;
- a module of an unknown package, or directly in ``geo/`` (other than ``__init__``/``__main__``);
- an import cycle between modules of ``geo/`` (one concrete cycle per strongly connected group);
- an import inside a function with no comment on its line or the line above its group saying why;
- a module over :data:`MAX_MODULE_LINES` lines, a function over :data:`MAX_FUNCTION_LINES` lines;
- two modules with the same file name anywhere in ``geo/``, ``ui/``, ``pages/``.

    .venv/bin/python -m qa.architecture      # prints every finding; exit status 1 when any
"""

from __future__ import annotations

import ast
import io
import re
import sys
import tokenize
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Layer of each package of geo/ (lower never imports higher; equal ranks do not mix).
RANKS: dict[str, int] = {
    "i18n": 0, "model": 1, "files": 2, "store": 3, "schematic": 3, "ingest": 4, "checks": 4,
    "views": 5, "maps": 6, "plots": 7, "printing": 7, "__main__": 8,
}  # fmt: skip
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50
UNIQUE_NAME_DIRS = ("geo", "ui", "pages")
_PRAGMA = re.compile(r"\b(noqa|fmt|type|pragma|nosec)\b[:\s]*[\w, -]*", re.IGNORECASE)


@dataclass(frozen=True)
class Import:
    """One import statement: who imports what, where, and whether inside a function."""

    module: str  # importer, dotted (geo.maps.assets)
    target: str  # imported module, dotted (geo.model.paths, folium, streamlit)
    line: int
    in_function: bool
    explained: bool  # a comment on the line, or just above its run of imports


@dataclass
class Report:
    """Everything found in one walk; each list empty when the rule holds."""

    streamlit: list[str] = field(default_factory=list)
    layers: list[str] = field(default_factory=list)
    placement: list[str] = field(default_factory=list)
    cycles: list[list[str]] = field(default_factory=list)
    function_imports: list[str] = field(default_factory=list)
    long_modules: list[str] = field(default_factory=list)
    long_functions: list[str] = field(default_factory=list)
    duplicate_names: list[str] = field(default_factory=list)


def module_name(path: Path, root: Path = ROOT) -> str:
    """``geo/maps/assets.py`` → ``geo.maps.assets``; ``geo/store/__init__.py`` → ``geo.store``."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_of(module: str) -> str | None:
    """The layer name of a geo module: ``geo.maps.assets`` → ``maps``; ``geo`` → None."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def _comment_lines(source: str) -> dict[int, str]:
    """Line number → text of the comment on it (pragmas such as ``noqa`` removed)."""
    out = {}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            text = _PRAGMA.sub("", tok.string.lstrip("#")).strip(" -:#")
            if text:
                out[tok.start[0]] = text
    return out


def _resolve(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The absolute module a ``from`` statement names (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _targets(node: ast.AST, module: str, is_package: bool, known: set[str]) -> list[str]:
    """Modules an import statement loads; ``from pkg import sub`` names the submodule."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = _resolve(node, module, is_package)
    subs = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known]
    return subs if len(subs) == len(node.names) else [base, *subs]


def _function_import_nodes(tree: ast.Module) -> set[int]:
    """``id`` of every import node that sits inside a function body."""
    inside: set[int] = set()
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            inside |= {id(n) for n in ast.walk(fn) if isinstance(n, ast.Import | ast.ImportFrom)}
    return inside


def _explained(
    node: ast.stmt, imports: set[int], lines: list[str], comments: Mapping[int, str]
) -> bool:
    """A comment on the statement's lines, or a comment line just above its run of imports."""
    if any(n in comments for n in range(node.lineno, (node.end_lineno or node.lineno) + 1)):
        return True
    above = node.lineno - 1
    while above in imports:
        above -= 1  # a trailing comment on another import explains only that one
    return above in comments and lines[above - 1].lstrip().startswith("#")


def imports_of(path: Path, root: Path = ROOT, known: set[str] | None = None) -> list[Import]:
    """Every import statement of one file, module level and inside functions."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(path))
    module, is_package = module_name(path, root), path.name == "__init__.py"
    comments, in_fn = _comment_lines(source), _function_import_nodes(tree)
    nodes = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
    import_lines = {i for n in nodes for i in range(n.lineno, (n.end_lineno or n.lineno) + 1)}
    lines, out = source.splitlines(), []
    for node in nodes:
        why = _explained(node, import_lines, lines, comments)
        for target in _targets(node, module, is_package, known or set()):
            out.append(Import(module, target, node.lineno, id(node) in in_fn, why))
    return sorted(out, key=lambda i: (i.line, i.target))


def layer_violations(
    edges: Iterable[tuple[str, str]], ranks: Mapping[str, int] = RANKS
) -> list[str]:
    """``a -> b`` edges between geo modules that go upwards or sideways between packages."""
    out = []
    for a, b in sorted(set(edges)):
        pa, pb = package_of(a), package_of(b)
        if pb is None or pa == pb or pa not in ranks or pb not in ranks:
            continue  # the geo package itself; same package; unknown ones: see placement
        if ranks[pa] < ranks[pb]:
            out.append(f"{a} -> {b}: layer {pa} ({ranks[pa]}) imports higher {pb} ({ranks[pb]})")
        elif ranks[pa] == ranks[pb]:
            out.append(f"{a} -> {b}: {pa} and {pb} share rank {ranks[pa]} and must not mix")
    return out


def find_cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """One concrete cycle ``[a, b, ..., a]`` for each strongly connected group (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1 or v in graph.get(v, ()):
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(_cycle_in(graph, set(g)) for g in groups)


def _cycle_in(graph: Mapping[str, Iterable[str]], group: set[str]) -> list[str]:
    """A shortest cycle through the smallest module of a strongly connected group (BFS)."""
    start = min(group)
    parent: dict[str, str] = {}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(graph.get(v, ())):
            if w == start:
                seq = [v]
                while seq[-1] != start:
                    seq.append(parent[seq[-1]])
                return [*reversed(seq), start]
            if w in group and w not in parent and w != start:
                parent[w] = v
                queue.append(w)
    return [start]


def long_functions(path: Path, limit: int = MAX_FUNCTION_LINES, root: Path = ROOT) -> list[str]:
    """``module.function (n lines)`` for every function or method longer than ``limit``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            n = (node.end_lineno or node.lineno) - node.lineno + 1
            if n > limit:
                out.append(f"{path.relative_to(root)}:{node.lineno} {node.name}() {n} lines")
    return out


def duplicate_names(root: Path = ROOT, dirs: Iterable[str] = UNIQUE_NAME_DIRS) -> list[str]:
    """File names (``__init__.py`` aside) that occur more than once under ``dirs``."""
    seen: dict[str, list[str]] = defaultdict(list)
    for d in dirs:
        for p in sorted((root / d).rglob("*.py")):
            if p.name != "__init__.py" and "__pycache__" not in p.parts:
                seen[p.name].append(str(p.relative_to(root)))
    return [f"{name}: {', '.join(paths)}" for name, paths in sorted(seen.items()) if len(paths) > 1]


def _placement(path: Path, root: Path, ranks: Mapping[str, int]) -> str | None:
    """Why a file sits in the wrong place under geo/, or None."""
    parts = path.relative_to(root).parts  # ("geo", "maps", "assets.py")
    if len(parts) == 2 and parts[1] not in ("__init__.py", "__main__.py"):
        return f"{'/'.join(parts)}: modules directly in geo/ are not allowed; use a layer package"
    if len(parts) > 2 and parts[1] not in ranks:
        return f"{'/'.join(parts)}: package geo/{parts[1]}/ has no layer in qa.architecture.RANKS"
    return None


def walk(root: Path = ROOT, ranks: Mapping[str, int] = RANKS) -> Report:
    """Check every rule over ``root/geo`` (and the file names in geo/, ui/, pages/)."""
    files = sorted(p for p in (root / "geo").rglob("*.py") if "__pycache__" not in p.parts)
    known = {module_name(p, root) for p in files}
    report, graph = Report(), defaultdict(set)
    for path in files:
        module = module_name(path, root)
        if (msg := _placement(path, root, ranks)) is not None:
            report.placement.append(msg)
        n = len(path.read_text(encoding="utf-8").splitlines())
        if n > MAX_MODULE_LINES:
            report.long_modules.append(f"{path.relative_to(root)}: {n} lines")
        report.long_functions += long_functions(path, root=root)
        for imp in imports_of(path, root, known):
            where = f"{path.relative_to(root)}:{imp.line}"
            if imp.target.split(".")[0].startswith("streamlit"):
                report.streamlit.append(f"{where} imports {imp.target}")
            if imp.in_function and not imp.explained:
                report.function_imports.append(f"{where} import {imp.target} inside a function")
            if imp.target in known and imp.target != "geo":
                graph[module].add(imp.target)
    report.layers = layer_violations(((a, b) for a, bs in graph.items() for b in bs), ranks)
    report.cycles = find_cycles(graph)
    report.duplicate_names = duplicate_names(root)
    return report


def main() -> int:
    report = walk()
    total = 0
    for name, items in vars(report).items():
        rows = [" -> ".join(c) for c in items] if name == "cycles" else items
        total += len(rows)
        print(f"{name}: {len(rows) or 'none'}")
        for row in rows:
            print(f"  {row}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
