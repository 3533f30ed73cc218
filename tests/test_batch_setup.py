"""What a batch sets up once: the Dask scheduler it uses, and what its processes skip
importing (issue 25)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

from analysis import region
from analysis.reports import cluster


def test_scheduler_from_the_command_line_or_kinerja_toml(tmp_path, monkeypatch):
    toml = tmp_path / "kinerja.toml"
    toml.write_text('penjadwal_dask = "tcp://pusat:8786"\n', encoding="utf-8")
    monkeypatch.setattr(region, "project_settings_file", lambda: toml)
    assert cluster.scheduler_address(None) == "tcp://pusat:8786"
    assert cluster.scheduler_address("tcp://lain:8786") == "tcp://lain:8786"
    assert cluster.scheduler_address("") == ""  # --scheduler "" runs on this machine
    toml.write_text("penjadwal_dask = 8786\n", encoding="utf-8")
    with pytest.raises(cluster.ClusterError, match="penjadwal_dask"):
        cluster.scheduler_address(None)
    monkeypatch.setattr(region, "project_settings_file", lambda: None)
    assert cluster.scheduler_address(None) == ""


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_nbformat_without_the_grammar_it_does_not_need():
    """jsonschema's optional rfc3987_syntax (a lark grammar built at import, 1.4 CPU s)
    is skipped; notebooks still validate, and a broken one is still refused."""
    code = (
        "import sys, json\n"
        "from analysis import startup\n"
        "startup.skip_slow_optional_imports()\n"
        "import nbformat\n"
        "nb = nbformat.read('notebooks/laporan_kecamatan.ipynb', as_version=4)\n"
        "nbformat.validate(nb)\n"
        "nb.cells[0]['cell_type'] = 'bukan'\n"
        "try:\n"
        "    nbformat.validate(nb)\n"
        "except nbformat.ValidationError:\n"
        "    print('refused', end=' ')\n"
        "print(sys.modules.get('rfc3987_syntax'))\n"
    )
    assert _run(code) == "refused None"


def test_pool_workers_skip_it_too():
    """A batch worker process (spawned: it inherits nothing) imports papermill without
    the grammar."""
    code = (
        "import sys\n"
        "from analysis.reports import execution\n"
        "execution._init_worker(None)\n"
        "import papermill\n"
        "print(sys.modules.get('rfc3987_syntax'))\n"
    )
    assert _run(code) == "None"
