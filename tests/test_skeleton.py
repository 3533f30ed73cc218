"""The skeleton holds: the package imports, the CLI lists its commands, the dependency
lists agree, and every raw file is traced to its seed in SOURCES.md."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower()


def test_package_imports() -> None:
    import analysis

    assert analysis.__version__


def test_cli_help_lists_real_subcommands() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "analysis", "--help"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    for command in ("ingest", "report", "batch"):
        assert re.search(rf"^\s+{command}\s", out, re.MULTILINE), out


def test_environment_yml_matches_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {_name(r) for r in project["dependencies"]}
    declared |= {_name(r) for r in project["optional-dependencies"]["dev"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {_name(d) for d in env["dependencies"] if isinstance(d, str)}
    conda -= {"python", "pip"}
    assert conda == declared


def test_every_raw_file_is_listed_in_sources() -> None:
    raw = ROOT / "data" / "raw"
    sources = (raw / "SOURCES.md").read_text(encoding="utf-8")
    files = sorted(p.name for p in raw.iterdir() if p.suffix in {".csv", ".xlsx"})
    assert files, "data/raw ships no data"
    missing = [name for name in files if name not in sources]
    assert not missing, f"not in data/raw/SOURCES.md: {missing}"
    for name in files:
        assert re.match(r"^[a-z-]+_\d{4}_[a-z0-9_-]+\.(csv|xlsx)$", name), name


def test_reference_lists_the_eleven_kecamatan() -> None:
    import pandas as pd

    ref = pd.read_csv(ROOT / "data" / "reference" / "kecamatan.csv", sep=";")
    assert sorted(ref["kecamatan"]) == sorted(
        [
            "Angkona",
            "Burau",
            "Kalaena",
            "Malili",
            "Mangkutana",
            "Nuha",
            "Tomoni",
            "Tomoni Timur",
            "Towuti",
            "Wasuponda",
            "Wotu",
        ]
    )


def test_readme_commands_are_real() -> None:
    """Every `make X`, `python -m analysis X` and notebook the README names exists."""
    from analysis.cli import build_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))
    for target in set(re.findall(r"`make ([a-z-]+)", readme)) | {"demo", "test"}:
        assert target in targets, f"README names `make {target}`, the Makefile has no such target"
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for command in set(re.findall(r"python -m analysis ([a-z]+)", readme)):
        assert command in commands, f"README names `python -m analysis {command}`"
    for notebook in set(re.findall(r"notebooks/([a-z_]+\.ipynb)", readme)):
        assert (ROOT / "notebooks" / notebook).exists(), notebook
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci and "make test" in readme
