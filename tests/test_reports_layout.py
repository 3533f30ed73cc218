"""The layout of ``analysis.reports`` and ``analysis.metrics``: no import circle, no long module.

A module that imports another which (directly or through others) imports it back cannot
be read, tested or changed alone; a module past ~600 lines is past what a reader holds in
mind (issue 22). Imports inside functions count too: a circle deferred to call time is
still a circle.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
from import_graph import cycles as _cycles

import analysis

PACKAGE_DIR = Path(analysis.__file__).resolve().parent
CHECKED = ("reports", "metrics")
MAX_LINES = 600


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE_DIR.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(p): p
        for sub in CHECKED
        for p in sorted((PACKAGE_DIR / sub).rglob("*.py"))
        if "__pycache__" not in p.parts
    }


def _imports(path: Path, name: str, known: set[str]) -> set[str]:
    """The checked modules ``path`` imports, anywhere in the file."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                source = f"{base}.{node.module}" if node.module else base
            else:
                source = node.module or ""
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                if sub in known:
                    found.add(sub)  # ``from analysis.reports import views``
                elif source in known:
                    found.add(source)  # ``from analysis.reports.views import Tabel``
    found.discard(name)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(path, name, known) for name, path in modules.items()}


def test_the_checker_finds_a_circle_and_reads_every_import_form(tmp_path: Path) -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
    mod = tmp_path / "analysis" / "reports" / "x.py"
    mod.parent.mkdir(parents=True)
    mod.write_text(
        "from analysis.reports import views\n"
        "import analysis.metrics.bands\n"
        "from .loading import Tabel\n"
        "def f():\n"
        "    from analysis.reports.markup import render\n",
        encoding="utf-8",
    )
    known = {
        "analysis.reports.views",
        "analysis.metrics.bands",
        "analysis.reports.loading",
        "analysis.reports.markup",
    }
    assert _imports(mod, "analysis.reports.x", known) == known


def test_the_graph_covers_both_packages() -> None:
    graph = _graph()
    assert "analysis.reports.views" in graph and "analysis.metrics.reconciliation" in graph
    assert "analysis.reports.loading" in graph["analysis.reports.views"]


def test_no_import_circle() -> None:
    cycles = _cycles(_graph())
    assert not cycles, "Import circles (each group imports itself through the others): " + (
        "; ".join(" <-> ".join(c) for c in cycles)
    )


@pytest.mark.parametrize("name", sorted(_modules()))
def test_module_is_short(name: str) -> None:
    path = _modules()[name]
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, (
        f"{path.relative_to(PACKAGE_DIR.parent)}: {lines} lines (at most {MAX_LINES}); "
        "split it by job"
    )


@pytest.mark.parametrize("name", sorted(_modules()))
def test_module_imports(name: str) -> None:
    """Every module loads alone (a stale ``from x import y`` after a move fails here)."""
    importlib.import_module(name)
