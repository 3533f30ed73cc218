"""Offline HTML export: no code, no prompts, no network, no script; atomic writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from analysis.reports import export


def _display(data: dict) -> object:
    return new_output("display_data", data=data)


def _notebook():
    return new_notebook(
        cells=[
            new_markdown_cell("## Angka utama"),
            new_code_cell(
                "secret_code_marker = 1\nprint('x')",
                execution_count=3,
                outputs=[
                    new_output(
                        "display_data", data={"text/html": "<p>halo</p>", "text/plain": "h"}
                    ),
                    new_output("stream", name="stderr", text="UserWarning: noise"),
                    new_output(
                        "display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "g"}
                    ),
                    new_output(
                        "display_data",
                        data={
                            "application/javascript": "alert(1)",
                            "application/vnd.jupyter.widget-view+json": {"model_id": "x"},
                            "text/plain": "w",
                        },
                    ),
                ],
            ),
            new_code_cell("x = 2", execution_count=4),
        ],
        metadata={"widgets": {"application/vnd.jupyter.widget-state+json": {"state": {}}}},
    )


def test_export_has_no_code_prompts_scripts_or_network() -> None:
    page = export.notebook_to_html(_notebook(), "Laporan <Wotu> & co")
    assert "secret_code_marker" not in page
    assert "In&nbsp;[" not in page and "Out[" not in page and "In [3]" not in page
    assert "<script" not in page.lower()
    assert "require.js" not in page and "mathjax" not in page.lower() and "cdn" not in page.lower()
    assert "UserWarning" not in page
    assert "<p>halo</p>" in page
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in page
    assert "<title>Laporan &lt;Wotu&gt; &amp; co</title>" in page
    assert page.rstrip().endswith("</html>")
    assert export.offline_problems(page) == []


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        '<script src="https://cdn.example/require.js"></script>',
        '<link rel="stylesheet" href="https://fonts.example/x.css">',
        '<img src="http://x/y.png">',
        '<img src="//x/y.png">',
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        "<iframe src=data:text/html,hi></iframe>",
        "<style>@import url(https://x/y.css);</style>",
        '<div style="background: url(//x/y.png)"></div>',
    ],
)
def test_offline_problems_catches_network_and_script(snippet: str) -> None:
    assert export.offline_problems(f"<html><body>{snippet}</body></html>")


@pytest.mark.parametrize(
    "snippet",
    [
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; src=//evil</p>",
        '<img src="data:image/png;base64,AAAA" alt="x">',
        '<a href="#bagian">x</a>',
        '<a href="2024/TW4/wotu.html">Wotu</a>',
        "<style>.x { color: red; }</style>",
    ],
)
def test_offline_problems_allows_self_contained_pages(snippet: str) -> None:
    assert export.offline_problems(f"<html><body>{snippet}</body></html>") == []


def test_write_atomic_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "laporan.html"
    export.write_atomic(target, "lama")
    export.write_atomic(target, "baru ✓")
    assert target.read_text(encoding="utf-8") == "baru ✓"
    assert [p.name for p in target.parent.iterdir()] == ["laporan.html"]


def test_write_atomic_failure_keeps_previous_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "laporan.html"
    export.write_atomic(target, "versi lengkap sebelumnya")

    def broken_replace(src, dst):
        raise OSError("disk penuh")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk penuh"):
        export.write_atomic(target, "versi baru yang terpotong")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "versi lengkap sebelumnya"
    assert [p.name for p in tmp_path.iterdir()] == ["laporan.html"]
