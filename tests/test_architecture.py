"""The house rules of geo/ (docs/architecture.md), checked by walking every import with ast.

Each rule is one test whose failure message lists every offender; ``python -m qa.architecture``
prints the same report. The last tests feed the walker small made-up packages and graphs, so
each check is shown to fail when its rule is broken.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from qa.architecture import (
    ROOT,
    find_cycles,
    imports_of,
    layer_violations,
    long_functions,
    walk,
)

#: Modules (paths under the repo) allowed an unexplained import inside a function. Keep empty:
#: such an import hides a dependency; defer only a heavy optional one, with a comment saying why.
FUNCTION_IMPORTS_ALLOWED: frozenset[str] = frozenset()
#: Functions (``path:line name()``) allowed over the length limit. Keep empty.
LONG_FUNCTIONS_ALLOWED: frozenset[str] = frozenset()


@pytest.fixture(scope="module")
def report():
    return walk()


def _listing(rows) -> str:
    return "\n  " + "\n  ".join(rows)


def test_geo_never_imports_streamlit(report):
    assert report.streamlit == [], "geo/ must not import streamlit:" + _listing(report.streamlit)


def test_every_module_sits_in_a_layer_package(report):
    assert report.placement == [], _listing(report.placement)


def test_no_layer_imports_a_higher_or_a_sibling_layer(report):
    assert report.layers == [], "imports against the layer order:" + _listing(report.layers)


def test_no_import_cycle_in_geo(report):
    cycles = [" -> ".join(c) for c in report.cycles]
    assert cycles == [], "import cycles in geo/:" + _listing(cycles)


def test_imports_inside_functions_say_why(report):
    left = [r for r in report.function_imports if r.split(":")[0] not in FUNCTION_IMPORTS_ALLOWED]
    assert left == [], (
        "imports inside a function without a comment on the line (or just above) saying why "
        "they are deferred (only a heavy optional dependency may be):" + _listing(left)
    )


def test_modules_stay_short(report):
    assert report.long_modules == [], "modules over 400 lines:" + _listing(report.long_modules)


def test_functions_stay_short(report):
    left = [r for r in report.long_functions if r not in LONG_FUNCTIONS_ALLOWED]
    assert left == [], "functions over 50 lines:" + _listing(left)


def test_no_two_modules_share_a_file_name(report):
    assert report.duplicate_names == [], "file names used twice in geo/, ui/, pages/:" + _listing(
        report.duplicate_names
    )


def test_tests_and_bench_share_helpers_only_through_qa():
    """tests/ and bench/ import qa (and the app), never each other; qa imports neither."""
    crossing = []
    for folder, banned in (
        ("tests", "bench"),
        ("bench", "tests"),
        ("qa", "tests"),
        ("qa", "bench"),
    ):
        for path in sorted((ROOT / folder).glob("*.py")):
            crossing += [
                f"{path.relative_to(ROOT)}:{i.line} imports {i.target}"
                for i in imports_of(path)
                if i.target.split(".")[0] == banned
            ]
    assert crossing == [], _listing(crossing)


# --- the checks themselves can fail ------------------------------------------------------


def test_a_cycle_and_a_layer_violation_in_a_made_up_graph_are_found():
    graph = {
        "geo.model.a": {"geo.model.b"},
        "geo.model.b": {"geo.files.c"},  # model (1) imports files (2): upwards
        "geo.files.c": {"geo.model.a"},  # ... and back: a cycle through three modules
        "geo.views.d": {"geo.model.a", "geo.views.d"},  # a module importing itself
        "geo.store.e": {"geo.schematic.f"},  # equal ranks, different packages
        "geo.maps.g": {"geo.views.d", "geo.maps.h"},  # downwards and within: fine
    }
    assert find_cycles(graph) == [
        ["geo.files.c", "geo.model.a", "geo.model.b", "geo.files.c"],
        ["geo.views.d", "geo.views.d"],
    ]
    edges = [(a, b) for a, bs in graph.items() for b in bs]
    found = layer_violations(edges)
    assert [v.split(":")[0] for v in found] == [
        "geo.model.b -> geo.files.c",
        "geo.store.e -> geo.schematic.f",
    ]
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, body in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(body), encoding="utf-8")
    for d in ("ui", "pages"):
        (tmp_path / d).mkdir(exist_ok=True)
    return tmp_path


def test_a_made_up_package_breaking_every_rule_is_reported(tmp_path):
    long_body = "\n".join(f"    x{i} = {i}" for i in range(61))
    root = _package(tmp_path, {
        "geo/__init__.py": "",
        "geo/loose.py": "X = 1\n",
        "geo/model/__init__.py": "",
        "geo/model/a.py": """\
            import os

            def f():
                import streamlit as st  # deferred: heavy optional dependency
                from geo.maps import b
                return st, b, os
            """,
        "geo/maps/__init__.py": "",
        "geo/maps/b.py": f"from ..model import a\n\n\ndef g():\n{long_body}\n",
        "geo/nowhere/c.py": "",
        "pages/b.py": "",
    })  # fmt: skip
    report = walk(root)
    assert report.streamlit == ["geo/model/a.py:4 imports streamlit"]
    assert report.function_imports == ["geo/model/a.py:5 import geo.maps.b inside a function"]
    assert [v.split(":")[0] for v in report.layers] == ["geo.model.a -> geo.maps.b"]
    assert report.cycles == [["geo.maps.b", "geo.model.a", "geo.maps.b"]]
    assert report.placement == [
        "geo/loose.py: modules directly in geo/ are not allowed; use a layer package",
        "geo/nowhere/c.py: package geo/nowhere/ has no layer in qa.architecture.RANKS",
    ]
    assert report.long_functions == ["geo/maps/b.py:4 g() 62 lines"]
    assert report.duplicate_names == ["b.py: geo/maps/b.py, pages/b.py"]
    (root / "geo/maps/b.py").write_text("X = 1\n" * 401, encoding="utf-8")
    assert walk(root).long_modules == ["geo/maps/b.py: 401 lines"]


def test_a_comment_above_a_run_of_deferred_imports_explains_them(tmp_path):
    path = tmp_path / "m.py"
    path.write_text(textwrap.dedent("""\
        def f():
            # folium is heavy; only the asset collector needs it
            import folium
            import folium.plugins

            import branca  # noqa: F401
            x = 1
            import PIL
            return x
        """), encoding="utf-8")  # fmt: skip
    found = {i.target: i.explained for i in imports_of(path, tmp_path) if i.in_function}
    assert found == {"folium": True, "folium.plugins": True, "branca": False, "PIL": False}
    assert long_functions(path, limit=8, root=tmp_path) == ["m.py:1 f() 9 lines"]
