"""The bundled rulesets say where every rule comes from, in both languages.

A regional government copies these files, so a reader must be able to look up each
`source` (a regulation or decree number, or a publisher, title, date and address) and
tell a published rule from an `assumption`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from inovasi_rules import Label, Ruleset, check_ruleset, load_ruleset
from inovasi_rules.cli import main

ROOT = Path(__file__).resolve().parents[1]
RULESETS = ROOT / "rulesets"
BUNDLED = sorted(
    p.stem for p in RULESETS.rglob("*.yaml") if not p.name.endswith(".test.yaml")
)


def _items(rs: Ruleset) -> Iterator[tuple[str, Any]]:
    for section in ("participant_kinds", "categories", "groups", "waves", "eligibility",
                    "rubrics", "stages", "awards"):
        for item in getattr(rs, section):
            yield f"{section}/{item.id}", item


def test_sources_cite_no_working_file() -> None:
    """No ruleset, README, example or message cites a seed file or the project's notes."""
    pattern = re.compile(r"seed 0\d\d|DOMAIN\.md|DOMAIN §")
    places = [RULESETS, ROOT / "examples", ROOT / "src", ROOT / "docs"]
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for place in places
        for path in place.rglob("*")
        if path.is_file() and path.suffix in {".yaml", ".md", ".py", ".csv", ".toml"}
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == []


@pytest.mark.parametrize("ruleset_id", BUNDLED)
def test_every_rule_has_a_source_or_an_assumption(ruleset_id: str) -> None:
    rs = load_ruleset(ruleset_id)
    assert rs.source is not None, ruleset_id
    bare = [where for where, item in _items(rs) if item.source is None and item.assumption is None]
    assert bare == []


@pytest.mark.parametrize("ruleset_id", BUNDLED)
def test_sources_and_assumptions_are_bilingual(ruleset_id: str) -> None:
    """Every source and assumption of a bundled ruleset is written {id, en}, so that
    `show --lang id` reads it in Indonesian and `--lang en` in English."""
    rs = load_ruleset(ruleset_id)
    notes: list[tuple[str, Label]] = [("ruleset", n) for n in (rs.source, rs.assumption) if n]
    for where, item in _items(rs):
        notes += [(where, n) for n in (item.source, item.assumption) if n]
        for c in getattr(item, "criteria", ()):
            notes += [(f"{where}/{c.id}", n) for n in (c.source, c.assumption) if n]
    one_language = [where for where, n in notes if n.en is None]
    assert one_language == []


def test_show_prints_sources_in_the_chosen_language() -> None:
    runner = CliRunner()
    text_id = runner.invoke(main, ["show", "kipp-2021", "--lang", "id"]).output
    text_en = runner.invoke(main, ["show", "kipp-2021", "--lang", "en"]).output
    assert "sumber: 129 finalis = Top 99 (hanya kelompok Umum)" in text_id
    assert "source: 129 finalists = Top 99 (Umum only)" in text_en
    assert "129 finalists" not in text_id
    assert "asumsi: Bobot gabungan (40/60)" in text_id
    assert "assumption: Combine weights (40/60)" in text_en


def test_a_plain_source_reads_the_same_in_both_languages(tmp_path: Path) -> None:
    path = tmp_path / "kecil.yaml"
    path.write_text(
        "schema_version: 1\nid: kecil\nextends: kipp-regional\nname: Kecil\n"
        "source: Perbup Contoh 1/2024\n"
        "assumption: {id: Tanggal contoh, en: An example date}\n",
        encoding="utf-8",
    )
    rs = load_ruleset(str(path))
    assert rs.source == Label("Perbup Contoh 1/2024")
    assert rs.assumption == Label("Tanggal contoh", "An example date")
    runner = CliRunner()
    assert "asumsi: Tanggal contoh" in runner.invoke(main, ["show", str(path), "--lang", "id"]).output
    en = runner.invoke(main, ["show", str(path), "--lang", "en"]).output
    assert "source: Perbup Contoh 1/2024" in en
    assert "assumption: An example date" in en


def test_a_half_bilingual_source_is_refused_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "salah.yaml"
    path.write_text(
        "schema_version: 1\nid: salah\nextends: kipp-regional\nname: Salah\n"
        "source: {en: Only English}\n",
        encoding="utf-8",
    )
    check = check_ruleset(path)
    assert not check.ok
    shown = "\n".join(p.format() for p in check.problems)
    assert "salah.yaml:5:9" in shown
    assert "'id'" in shown
