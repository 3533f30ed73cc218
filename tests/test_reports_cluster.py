"""The report grid on Dask distributed workers (``batch --scheduler``), on a local cluster:
the same pages, workbooks, Word drafts and manifest as the local pool, failure isolation,
and a cluster that cannot run the batch refused with the reason per worker."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import distributed
import pytest

from analysis.cli import main
from analysis.reports import cluster, execution, runner

pytestmark = pytest.mark.slow

STAMP = re.compile(r"\d{1,2} [A-Z][a-z]+ \d{4} \d{2}\.\d{2}")
"""The page footer's time of making (``7 Desember 2026 18.05``): the one part that differs."""


@pytest.fixture(scope="module")
def local_cluster():
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as lc:
        yield lc
    execution.shutdown_kernel()  # the in-process worker's kernel


def _batch(processed: Path, out: Path, *extra: str) -> int:
    return main(
        [
            "batch", "--tahun", "2024", "--triwulan", "4", "--kecamatan", "Wotu",
            "--processed", str(processed), "--out", str(out), "--no-progress", *extra,
        ]
    )  # fmt: skip


def _xml_parts(path: Path) -> dict[str, bytes]:
    """An .xlsx/.docx as its parts, without the time it was saved (docProps/core.xml)."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def test_same_outputs_and_manifest_as_the_local_pool(bundled, tmp_path, local_cluster, monkeypatch):
    local, dask_out = tmp_path / "lokal", tmp_path / "dask"
    assert _batch(bundled, local, "--jobs", "1") == 0
    execution.shutdown_kernel()
    monkeypatch.setitem(cluster._state, "ready", False)
    assert _batch(bundled, dask_out, "--scheduler", local_cluster.scheduler_address) == 0
    assert cluster._state["ready"]  # the reports ran on the (in-process) Dask worker

    made = sorted(p.relative_to(local) for p in local.rglob("*") if p.is_file())
    assert made == sorted(p.relative_to(dask_out) for p in dask_out.rglob("*") if p.is_file())
    names = {p.name for p in made}
    assert {"wotu.html", "wotu.xlsx", "wotu.docx", "ringkasan-kabupaten.html"} <= names
    for rel in made:
        a, b = local / rel, dask_out / rel
        if rel.suffix in {".html"}:
            assert STAMP.sub("", a.read_text("utf-8")) == STAMP.sub("", b.read_text("utf-8"))
        elif rel.suffix in {".xlsx", ".docx"}:
            assert _xml_parts(a) == _xml_parts(b), rel
        elif rel.name == ".manifest.json":
            assert json.loads(a.read_text("utf-8")) == json.loads(b.read_text("utf-8"))
    manifest = json.loads((dask_out / ".manifest.json").read_text("utf-8"))["laporan"]
    assert {v["status"] for v in manifest.values()} == {"dibuat"}
    assert len(manifest) == 2

    # nothing changed: the Dask run skips what the manifest says is current
    assert _batch(bundled, dask_out, "--scheduler", local_cluster.scheduler_address) == 0


def test_one_failing_report_does_not_stop_the_others(bundled, tmp_path, local_cluster, monkeypatch):
    """A notebook that fails is a ``gagal`` result naming its cell; a task lost at the
    Dask level (here: an exception outside the notebook) is ``gagal`` too; the other
    report is written."""
    out = tmp_path / "laporan"
    out.mkdir()
    jobs, _ = runner._plan(out, bundled, 2024, 4, ["Wotu", "Towuti"], with_overview=False)
    good, broken = jobs
    broken_nb = tmp_path / "rusak.ipynb"
    nb = json.loads(Path(good.notebook).read_text("utf-8"))
    nb["cells"].insert(
        2,
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "id": "rusak", "source": "raise ValueError('angka rusak')"},
    )  # fmt: skip
    broken_nb.write_text(json.dumps(nb), "utf-8")
    broken = runner.Tugas(**{**broken.__dict__, "notebook": str(broken_nb)})

    results = cluster.run_jobs_dask(
        [good, broken], local_cluster.scheduler_address, out, bundled, progress=False
    )
    by_name = {r.tugas.kecamatan: r for r in results}
    assert by_name["Wotu"].status == "dibuat"
    assert Path(good.html).is_file() and Path(good.html).with_suffix(".docx").is_file()
    assert by_name["Towuti"].status == "gagal"
    assert by_name["Towuti"].sel is not None
    assert "angka rusak" in by_name["Towuti"].galat
    assert not Path(broken.html).exists()  # no page passes for this quarter's report

    real = execution.execute_job

    def dies_on_towuti(tugas):
        if tugas.kecamatan == "Towuti":
            raise MemoryError("pekerja kehabisan memori")
        return real(tugas)

    monkeypatch.setattr(execution, "execute_job", dies_on_towuti)
    results = cluster.run_jobs_dask(
        [good, broken], local_cluster.scheduler_address, out, bundled, progress=False
    )
    by_name = {r.tugas.kecamatan: r for r in results}
    assert by_name["Wotu"].status == "dibuat"
    assert by_name["Towuti"].status == "gagal"
    assert "MemoryError: pekerja kehabisan memori" in by_name["Towuti"].galat


def test_workers_that_cannot_see_the_folders_are_refused(bundled, tmp_path, local_cluster):
    out = tmp_path / "laporan"
    out.mkdir()
    jobs, _ = runner._plan(out, bundled, 2024, 4, ["Wotu"], with_overview=False)
    missing = tmp_path / "bukan-olahan"
    with pytest.raises(cluster.ClusterError, match=r"kinerja\.parquet tidak terbaca"):
        cluster.run_jobs_dask(jobs, local_cluster.scheduler_address, out, missing, False)
    with pytest.raises(cluster.ClusterError, match="tidak bisa dihubungi"):
        cluster.connect("tcp://127.0.0.1:9", timeout=2)
