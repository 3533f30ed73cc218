"""The office's Hambatan / Solusi / Faktor pendukung columns reach the written analysis."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from conftest import ROOT, run_cli

from analysis.ingest.tables import headers, reasons
from analysis.reports import loading, views


def test_explanation_headers_map_to_their_own_fields():
    for header, field in [
        ("HAMBATAN/KENDALA", "hambatan"),
        ("Solusi", "solusi"),
        ("UPAYA / SOLUSI", "solusi"),
        ("Faktor Pendukung", "pendukung"),
        ("KET", "keterangan"),
        ("Kendala", "keterangan"),  # a lone Kendala column stays the row's note
    ]:
        assert headers.header_field(header) == field, header


def test_explanations_are_joined_to_the_note_with_their_label():
    ident = pd.DataFrame(
        {
            "keterangan": ["Laporan TW IV", None, None],
            "hambatan": ["Pegawai mutasi", "Anggaran terbatas", None],
            "solusi": [None, "Usulan tambahan anggaran", None],
        }
    )
    out = reasons.into_keterangan(ident)
    assert "hambatan" not in out and "solusi" not in out
    assert out["keterangan"].tolist()[:2] == [
        "Laporan TW IV | Hambatan: Pegawai mutasi",
        "Hambatan: Anggaran terbatas | Solusi: Usulan tambahan anggaran",
    ]
    assert pd.isna(out["keterangan"].iloc[2])


def test_a_wotu_sheet_with_hambatan_and_solusi_columns_is_quoted_by_class(tmp_path: Path):
    lines = (ROOT / "data" / "raw" / "wotu_2024_kinerja.csv").read_text("utf-8-sig").splitlines()
    body = [
        line + (";Masih kurangnya kehadiran tokoh agama;Menjadwalkan ulang pertemuan FKUB"
                if "Harmonisasi Hubungan" in line else ";;")
        for line in lines[1:]
    ]  # fmt: skip
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "wotu_2024_kinerja.csv").write_text(
        "\n".join([lines[0] + ";HAMBATAN/KENDALA;SOLUSI", *body]) + "\n", encoding="utf-8"
    )
    done = run_cli("ingest", "--raw", str(raw), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stdout + done.stderr
    text = str(views.analisis_html(loading.muat(tmp_path / "out"), "Wotu", 2024, 4))
    assert (
        "Harmonisasi Hubungan dengan Tokoh Agama dan Tokoh Masyarakat terealisasi 10 laporan "
        "dari target 12 laporan (capaian 83,33%, kurang 16,67 poin dari target). "
        "Penyebabnya menurut kecamatan: “Masih kurangnya kehadiran tokoh agama”. "
        "Upaya yang disebutkan: “Menjadwalkan ulang pertemuan FKUB”."
    ) in text
