"""Settings: the contract's defaults, the shipped TOML, and clear errors for bad files."""

from __future__ import annotations

import dataclasses

import pytest

from analysis.settings import DEFAULT_SETTINGS, DEFAULTS_FILE, Settings, load_settings


def test_defaults_are_the_contract():
    s = DEFAULT_SETTINGS
    assert s.rumus_negatif == "selisih"
    assert s.batas_kategori == (91.0, 76.0, 66.0, 51.0)
    assert s.ambang_kuadran == 91.0
    assert s.toleransi_capaian_poin == 0.5
    assert s.toleransi_rupiah == 1.0
    assert s.toleransi_arah_poin == 1.0
    assert s.efisiensi_skala_persen == 20.0


def test_shipped_defaults_toml_matches_the_dataclass():
    assert load_settings(DEFAULTS_FILE) == DEFAULT_SETTINGS


def test_none_gives_the_defaults():
    assert load_settings(None) is DEFAULT_SETTINGS


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_SETTINGS.ambang_kuadran = 80.0  # type: ignore[misc]


def test_override_from_toml(tmp_path):
    f = tmp_path / "s.toml"
    f.write_text(
        'rumus_negatif = "rasio"\nbatas_kategori = [90, 75, 65, 50]\nambang_kuadran = 85\n'
    )
    s = load_settings(f)
    assert s.rumus_negatif == "rasio"
    assert s.batas_kategori == (90.0, 75.0, 65.0, 50.0)
    assert s.ambang_kuadran == 85.0
    assert s.toleransi_rupiah == DEFAULT_SETTINGS.toleransi_rupiah


def test_keys_under_a_metrik_table(tmp_path):
    f = tmp_path / "s.toml"
    f.write_text("[metrik]\ntoleransi_capaian_poin = 1.5\n")
    assert load_settings(f).toleransi_capaian_poin == 1.5


def test_unknown_key_names_key_and_file(tmp_path):
    f = tmp_path / "typo.toml"
    f.write_text("ambang_kuadrant = 90\n")
    with pytest.raises(ValueError, match=r"typo\.toml.*'ambang_kuadrant'"):
        load_settings(f)


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('ambang_kuadran = "91"', "ambang_kuadran"),
        ("rumus_negatif = 1", "rumus_negatif"),
        ('batas_kategori = [91, "76", 66, 51]', "batas_kategori"),
        ("toleransi_rupiah = true", "toleransi_rupiah"),
    ],
)
def test_wrong_type_names_key_and_file(tmp_path, line, key):
    f = tmp_path / "bad.toml"
    f.write_text(line + "\n")
    with pytest.raises(ValueError, match=rf"bad\.toml.*'{key}'"):
        load_settings(f)


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('rumus_negatif = "kebalikan"', "rumus_negatif"),
        ("batas_kategori = [51, 66, 76, 91]", "batas_kategori"),
        ("batas_kategori = [91, 76, 66]", "batas_kategori"),
        ("toleransi_rupiah = -1", "toleransi_rupiah"),
        ("efisiensi_skala_persen = 0", "efisiensi_skala_persen"),
    ],
)
def test_invalid_value_names_key_and_file(tmp_path, line, key):
    f = tmp_path / "bad.toml"
    f.write_text(line + "\n")
    with pytest.raises(ValueError, match=rf"bad\.toml.*{key}"):
        load_settings(f)


def test_missing_or_broken_file(tmp_path):
    with pytest.raises(ValueError, match="tidak ditemukan"):
        load_settings(tmp_path / "nope.toml")
    f = tmp_path / "broken.toml"
    f.write_text("ambang_kuadran = = 3\n")
    with pytest.raises(ValueError, match=r"broken\.toml.*TOML"):
        load_settings(f)


def test_constructor_validates_too():
    with pytest.raises(ValueError, match="rumus_negatif"):
        Settings(rumus_negatif="x")
