"""``reports/index.html``: every current report by year and quarter, with headline figures."""

from __future__ import annotations

from pathlib import Path

from analysis import neutral, region
from analysis.reports import office
from analysis.reports.coverage import Kelengkapan
from analysis.reports.export import write_atomic


def write_index(
    out: Path,
    processed: Path,
    manifest: dict[str, dict[str, object]],
    kelengkapan: Kelengkapan | None = None,
) -> Path:
    """Write ``reports/index.html``: every report by year and quarter, with headline figures.

    Lists the manifest's successful reports whose period (and kecamatan) the current
    processed data still hold: a page left over from data that a later ``ingest`` no
    longer contains is not offered as current. ``kelengkapan`` adds, per period, the
    offices that have not reported, and marks a report whose table vanished
    (:mod:`analysis.reports.coverage`).
    """
    from analysis import formatting as fmt
    from analysis.reports import loading, markup, overview
    from analysis.reports.export import css, dibuat_sekarang, offline_problems

    data = loading.muat(processed)
    ada = loading.tersedia(data)
    current = set(zip(ada["kecamatan"], ada["tahun"], ada["triwulan"], strict=True))
    periods_now = {(t, q) for _, t, q in current}

    def still_current(v: dict[str, object]) -> bool:
        period = (int(v["tahun"]), int(v["triwulan"]))
        if v.get("jenis") == "ringkasan":
            return period in periods_now
        return (str(v["kecamatan"]), *period) in current

    entries = {
        k: v
        for k, v in manifest.items()
        if v.get("status") == "dibuat" and (out / k).exists() and still_current(v)
    }
    laporan = [
        (str(v["kecamatan"]), int(v["tahun"]), int(v["triwulan"]))
        for v in entries.values()
        if v.get("jenis") == "laporan"
    ]
    angka = overview.daftar_laporan(data, laporan) if laporan else None
    figures: dict[tuple[str, int, int], dict[str, object]] = {}
    if angka is not None:
        for rec in angka.to_dict("records"):
            figures[(rec["kecamatan"], int(rec["tahun"]), int(rec["triwulan"]))] = rec
    periods: dict[tuple[int, int], dict[str, object]] = {}
    for key, v in sorted(entries.items()):
        period = periods.setdefault(
            (int(v["tahun"]), int(v["triwulan"])),
            {"ringkasan": None, "ringkasan_office": [], "laporan": []},
        )
        period["belum"] = (
            kelengkapan.belum_melapor.get((int(v["tahun"]), int(v["triwulan"])), [])
            if kelengkapan
            else []
        )
        if v.get("jenis") == "ringkasan":
            period["ringkasan"] = key
            period["ringkasan_office"] = office.tautan(out, key)
            continue
        rec = figures.get((str(v["kecamatan"]), int(v["tahun"]), int(v["triwulan"])), {})
        period["laporan"].append(
            {
                "kecamatan": v["kecamatan"],
                "href": key,
                "capaian": fmt.persen(rec.get("capaian_persen")),
                "kategori": rec.get("kategori") if not fmt.is_missing(rec.get("kategori")) else "",
                "label_kategori": markup.label_kategori(rec.get("kategori")),
                "serapan": fmt.persen(rec.get("serapan_persen")),
                "tertinggal": fmt.angka(rec.get("tertinggal")),
                "indikator": fmt.angka(rec.get("indikator")),
                "office": office.tautan(out, key),
                "sebagian": bool(rec.get("sebagian", False)),
                "tidak_ada": kelengkapan.tidak_ada(str(v["kecamatan"]), int(v["tahun"]))
                if kelengkapan
                else [],
            }
        )
    years: dict[int, list[dict[str, object]]] = {}
    for (tahun, triwulan), period in sorted(periods.items(), reverse=True):
        period["laporan"].sort(key=lambda r: str(r["kecamatan"]))
        years.setdefault(tahun, []).append(
            {"judul": fmt.nama_triwulan(triwulan), "triwulan": triwulan, **period}
        )
    page = markup.render(
        "indeks.html.j2",
        tahun=sorted(years.items(), reverse=True),
        css=css(),
        dibuat=dibuat_sekarang(),
        jumlah=sum(len(p["laporan"]) for p in periods.values()),
        peringatan=[
            line.split(": ", 1)[1]
            for line in (kelengkapan.pesan() if kelengkapan else [])
            if line.startswith("peringatan: ")
        ],
        kabupaten=region.current().nama,
    )
    page = neutral.clean_html(page)  # no bidi control from data reorders what is read
    problems = offline_problems(page)
    if problems:  # pragma: no cover - the template is ours; this guards future edits
        raise RuntimeError(f"index.html tidak bisa dibuka offline: {problems}")
    path = out / "index.html"
    write_atomic(path, page)
    return path
