"""The reader's house (issue 19, item 7): ``analysis.ingest`` is laid out as the flow it is -
``formats`` (files -> cell grids), ``tables`` (grids -> recognised tables), ``rows`` (tables
-> clean rows), then the command - with no import circle and no module past 600 lines.

Every import counts, also one inside a function (a lazy import of a module that imports
this one is a circle all the same); only ``if TYPE_CHECKING:`` imports, which never run,
are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from import_graph import cycles

import analysis.ingest

ROOT = Path(analysis.ingest.__file__).parent
PACKAGE = "analysis.ingest"
MAX_LINES = 600
LAYERS = {"formats": 0, "tables": 1, "rows": 2}
"""Sub-packages in the order of the flow: one imports only from those before it."""


def _modules(root: Path) -> dict[str, Path]:
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join((PACKAGE, *parts))] = path
    return out


def _type_checking_only(tree: ast.Module) -> set[int]:
    """Line numbers of the ``if TYPE_CHECKING:`` blocks (their imports never run)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module -> the ``analysis.ingest`` modules it imports (top level or inside functions)."""
    modules = _modules(root)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _type_checking_only(tree)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps: set[str] = set()
        for node in ast.walk(tree):
            if getattr(node, "lineno", None) in skip:
                continue
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                targets = [base, *(f"{base}.{a.name}" for a in node.names)]
            else:
                continue
            deps.update(t for t in targets if t in modules and t != name)
        # a package's __init__ runs on import of any module inside: count it as imported
        graph[name] = {d for d in deps if not name.startswith(d + ".")}
    return graph


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.get(parts[2]) if len(parts) > 3 else None


def test_no_import_circle_inside_ingest() -> None:
    assert cycles(import_graph()) == []


def test_a_stage_imports_no_later_stage() -> None:
    """formats import no tables or rows module, tables no rows module."""
    backwards = [
        f"{name} -> {dep}"
        for name, deps in import_graph().items()
        for dep in sorted(deps)
        if _layer(name) is not None and _layer(dep) is not None and _layer(dep) > _layer(name)
    ]
    assert backwards == []


def test_no_ingest_module_past_600_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for path in ROOT.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_check_sees_circles_through_lazy_imports(tmp_path: Path) -> None:
    """The checks themselves: a circle closed by an import inside a function is found, a
    ``TYPE_CHECKING`` import is not, and a long module is counted."""
    pkg = tmp_path / "ingest"
    (pkg / "formats").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "formats" / "__init__.py").write_text("")
    (pkg / "formats" / "a.py").write_text("from analysis.ingest.formats import b\n")
    (pkg / "formats" / "b.py").write_text(
        "def f():\n    from analysis.ingest.formats.a import g\n    return g\n"
    )
    (pkg / "formats" / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from analysis.ingest.formats.d import X\n"
    )
    (pkg / "formats" / "d.py").write_text("from analysis.ingest.formats import c\n")
    found = cycles(import_graph(pkg))
    assert found == [["analysis.ingest.formats.a", "analysis.ingest.formats.b"]]


@pytest.mark.parametrize("stage", sorted(LAYERS))
def test_each_stage_is_a_package(stage: str) -> None:
    assert (ROOT / stage / "__init__.py").is_file()
