"""Tests of `inovasi-rules new`: the scaffold of a ruleset that extends another."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from inovasi_rules import Edition, Registry, Ruleset, check_ruleset, evaluate, load_ruleset
from inovasi_rules.cases import load_case_file, run_case_file
from inovasi_rules.cli import main
from inovasi_rules.cli.new import (
    BLOCK_END,
    BLOCK_START,
    guess_name,
    guess_region,
    guess_year,
    parameter_comments,
    scaffold,
)
from inovasi_rules.ruleset.loading import bundled_rulesets_dir
from inovasi_rules.testing import editions

BUNDLED = sorted(e.id for e in Registry(bundled=True).entries() if e.origin == "bundled")
VALID = Path(__file__).parent / "rulesets" / "valid"
SMALL = settings(max_examples=3, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _new(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["new", *args], catch_exceptions=False)
    return result.exit_code, result.output


def _blocks(text: str) -> list[tuple[int, int]]:
    """(first, last) line numbers of each commented example's YAML lines."""
    lines = text.splitlines()
    out = []
    start = None
    for i, line in enumerate(lines):
        if line.startswith(BLOCK_START):
            start = i + 1
        elif line == BLOCK_END:
            assert start is not None
            out.append((start, i - 1))
            start = None
    assert start is None, "an example block is not closed"
    return out


def _uncomment(text: str, blocks: list[tuple[int, int]]) -> str:
    lines = text.splitlines()
    for first, last in blocks:
        for i in range(first, last + 1):
            assert lines[i].startswith("#"), lines[i]
            lines[i] = lines[i][1:]
    return "\n".join(lines) + "\n"


def _check(path: Path) -> Ruleset:
    check = check_ruleset(path, registry=Registry().with_directories(path.parent))
    assert check.errors == [], "\n".join(p.format() for p in check.errors)
    assert check.ruleset is not None
    return check.ruleset


def _evaluates(ruleset: Ruleset) -> None:
    @SMALL
    @given(edition=editions(ruleset, min_submissions=2, max_submissions=5))
    def run(edition: Edition) -> None:
        assert len(evaluate(ruleset, edition)) == len(edition.submissions)

    run()


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --------------------------------------------------------------------------- every parent


@pytest.mark.parametrize("parent_id", BUNDLED)
def test_the_scaffold_of_every_bundled_ruleset_is_valid_and_keeps_its_rules(parent_id: str, in_tmp: Path) -> None:
    code, out = _new(in_tmp, "--extends", parent_id, "--id", "kipp-contoh-2026")
    assert code == 0, out
    path = in_tmp / "kipp-contoh-2026.yaml"
    child = _check(path)
    parent = load_ruleset(parent_id)
    assert child.extends == parent_id
    assert child.year == 2026
    # as written, the scaffold changes nothing but who it is
    same = attrs.evolve(
        child, id=parent.id, name=parent.name, year=parent.year, extends=parent.extends,
        description=parent.description,
    )
    assert same == parent
    _evaluates(child)


@pytest.mark.parametrize("parent_id", BUNDLED)
def test_every_example_block_is_valid_on_its_own_and_all_together(parent_id: str, in_tmp: Path) -> None:
    code, out = _new(in_tmp, "--extends", parent_id, "--id", "kipp-contoh-2026", "--no-tests")
    assert code == 0, out
    text = (in_tmp / "kipp-contoh-2026.yaml").read_text(encoding="utf-8")
    blocks = _blocks(text)
    assert len(blocks) >= 4  # organiser, categories, kinds, eligibility, ...
    for n, block in enumerate(blocks):
        path = in_tmp / f"blok-{n}.yaml"
        path.write_text(_uncomment(text, [block]).replace("kipp-contoh-2026", f"blok-{n}"), encoding="utf-8")
        _check(path)
    every = in_tmp / "semua.yaml"
    every.write_text(_uncomment(text, blocks).replace("kipp-contoh-2026", "semua"), encoding="utf-8")
    _evaluates(_check(every))


def test_the_scaffold_uses_the_parents_ids_and_values(in_tmp: Path) -> None:
    code, _ = _new(in_tmp, "--extends", "kipp-sukoharjo-2023", "--id", "kipp-klaten-2024",
                   "--name", "KIPP Kabupaten Klaten 2024", "--name-en", "Klaten Regency KIPP 2024")
    assert code == 0
    text = (in_tmp / "kipp-klaten-2024.yaml").read_text(encoding="utf-8")
    assert "extends: kipp-sukoharjo-2023\n" in text
    assert 'name: {id: "KIPP Kabupaten Klaten 2024", en: "Klaten Regency KIPP 2024"}' in text
    assert "year: 2024\n" in text
    # live parameters with the parent's values and the comments written beside them
    assert "  registration_closes: 2023-12-31" in text
    assert "# GANTI: penutupan pendaftaran" in text
    assert "  finalists: 10" in text
    # examples with the parent's ids
    for piece in ("#  - id: kesehatan", "#  - id: entrant-kind", "#  - id: category-known",
                  "#    when: {field: participant.regency, equals: klaten}",
                  "#  - id: penilaian", "#    advance: {top: {param: finalists}, ties: include_all}",
                  "#  - id: top-inovasi", "#    rank: {top: {param: winners}}",
                  "#   - {id: registration-deadline, remove: true}\n",
                  "#  - id: home-regency   # ganti wilayah / change the area\n"):
        assert piece in text, piece
    # explained in both languages
    assert "KATEGORI / CATEGORIES" in text
    assert "SYARAT (seleksi administrasi) / ELIGIBILITY (administrative selection)" in text
    assert "PENGHARGAAN / AWARDS" in text


def test_a_parent_without_categories_gets_an_example_list(in_tmp: Path) -> None:
    _new(in_tmp, "--extends", "kipp-regional", "--id", "kipp-klaten-2024", "--no-tests")
    text = (in_tmp / "kipp-klaten-2024.yaml").read_text(encoding="utf-8")
    assert '#  - {id: kesehatan, name: {id: "Kesehatan", en: "Health"}}' in text


# --------------------------------------------------------------------------- files


def test_default_file_and_refusing_to_overwrite(in_tmp: Path) -> None:
    code, out = _new(in_tmp, "--extends", "kipp-regional", "--id", "kipp-klaten-2024")
    assert code == 0, out
    path = in_tmp / "kipp-klaten-2024.yaml"
    assert path.is_file()
    assert (in_tmp / "kipp-klaten-2024.test.yaml").is_file()
    path.write_text("# my own edits\n", encoding="utf-8")

    result = CliRunner().invoke(main, ["new", "--extends", "kipp-regional", "--id", "kipp-klaten-2024"])
    assert result.exit_code == 1
    assert "sudah ada" in result.output
    assert "already exists; use --force" in result.output
    assert path.read_text(encoding="utf-8") == "# my own edits\n"

    code, out = _new(in_tmp, "--extends", "kipp-regional", "--id", "kipp-klaten-2024", "--force")
    assert code == 0, out
    assert path.read_text(encoding="utf-8").startswith("# KIPP Klaten 2024")


def test_an_existing_test_file_is_not_overwritten_either(in_tmp: Path) -> None:
    (in_tmp / "kipp-klaten-2024.test.yaml").write_text("cases: []\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["new", "--extends", "kipp-regional", "--id", "kipp-klaten-2024"])
    assert result.exit_code == 1
    assert not (in_tmp / "kipp-klaten-2024.yaml").exists()
    code, _ = _new(in_tmp, "--extends", "kipp-regional", "--id", "kipp-klaten-2024", "--no-tests")
    assert code == 0
    assert (in_tmp / "kipp-klaten-2024.test.yaml").read_text(encoding="utf-8") == "cases: []\n"


def test_out_names_the_file(in_tmp: Path) -> None:
    code, out = _new(in_tmp, "--extends", "kipp-regional", "--id", "kipp-klaten-2024",
                     "--out", "daerah/klaten.yaml")
    assert code == 0, out
    assert (in_tmp / "daerah" / "klaten.yaml").is_file()
    assert (in_tmp / "daerah" / "klaten.test.yaml").is_file()
    assert "inovasi-rules validate klaten.yaml" in (in_tmp / "daerah" / "klaten.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--extends", "kipp-regional", "--id", "Kipp Klaten"], "lower-case"),
        (["--extends", "kipp-regional", "--id", "kipp-regional"], "must differ"),
        (["--extends", "kipp-regionl", "--id", "kipp-klaten-2024"], "cannot be loaded"),
    ],
)
def test_bad_input_is_refused(args: list[str], message: str, in_tmp: Path) -> None:
    result = CliRunner().invoke(main, ["new", *args])
    assert result.exit_code != 0
    assert message in result.output
    assert list(in_tmp.iterdir()) == []


def test_a_parent_given_as_a_file(in_tmp: Path) -> None:
    code, out = _new(in_tmp, "--extends", str(VALID / "mini.yaml"), "--id", "mini-anak")
    assert code == 0, out
    assert f"--rulesets {VALID}" in out
    check = check_ruleset(in_tmp / "mini-anak.yaml", registry=Registry(directories=[VALID]))
    assert check.errors == []


# --------------------------------------------------------------------------- test cases


@pytest.mark.parametrize("parent_id", BUNDLED)
def test_the_starter_test_cases_pass(parent_id: str, in_tmp: Path) -> None:
    code, out = _new(in_tmp, "--extends", parent_id, "--id", "kipp-contoh-2026")
    assert code == 0, out
    case_file = load_case_file(in_tmp / "kipp-contoh-2026.test.yaml")
    results = run_case_file(case_file)
    assert results
    assert all(r.passed for r in results), [r.case.name for r in results if not r.passed]
    assert "test cases / kasus uji" in out


def test_the_starter_cases_reject_entries_the_rules_reject(in_tmp: Path) -> None:
    _new(in_tmp, "--extends", "kipp-sukoharjo-2023", "--id", "kipp-klaten-2024")
    text = (in_tmp / "kipp-klaten-2024.test.yaml").read_text(encoding="utf-8")
    assert "ruleset: kipp-klaten-2024.yaml\n" in text
    assert "rejected_by: [entrant-kind]" in text
    assert "rejected_by: [category-known]" in text
    assert "{id: contoh, expect: {eligible: true}}" in text


# --------------------------------------------------------------------------- pieces


def test_guesses_from_the_id() -> None:
    assert guess_year("kipp-klaten-2024") == 2024
    assert guess_year("kipp-klaten") is None
    assert guess_name("kipp-klaten-2024") == "KIPP Klaten 2024"
    assert guess_region("kipp-klaten-2024", "kipp-regional") == "klaten"
    assert guess_region("kipp-kota-semarang-2025", "kipp-regional") == "semarang"
    assert guess_region("kipp-2025", "kipp-regional") == "namadaerah"


def test_parameter_comments_come_from_the_nearest_file_that_has_one() -> None:
    root = bundled_rulesets_dir()
    notes = parameter_comments([root / "daerah" / "kipp-sukoharjo-2023.yaml", root / "kipp-regional.yaml"])
    assert notes["bonus_years"] == ['"sudah berjalan selama dua tahun" (Solopos, 27 Nov 2023)']
    assert notes["registration_closes"][0].startswith("GANTI: penutupan pendaftaran")
    assert notes["registration_closes"][1].startswith("CHANGE: registration close")
    assert notes["finalists"] == ["finalis yang lolos ke presentasi / finalists who present"]


def test_scaffold_as_a_function(tmp_path: Path) -> None:
    text = scaffold(load_ruleset("winner-2023"), "winner-2024")
    path = tmp_path / "winner-2024.yaml"
    path.write_text(text, encoding="utf-8")
    child = _check(path)
    assert child.year == 2024
    assert "#waves:" in text
    assert "#    closes: 2023-06-11" in text


# --------------------------------------------------------------------------- the region


@pytest.mark.parametrize(
    ("args", "said_id", "said_en"),
    [
        (("--id", "kipp-kota-surakarta-2025"), "Kota Surakarta", "Surakarta City"),
        (("--id", "kipp-klaten-2025", "--name", "KIPP Kabupaten Klaten 2025"),
         "Kabupaten Klaten", "Klaten Regency"),
        (("--id", "kipp-boyolali-2025"), "Boyolali", "Boyolali"),
    ],
)
def test_the_area_rule_names_the_region_as_people_do(
    in_tmp: Path, args: tuple[str, ...], said_id: str, said_en: str
) -> None:
    _new(in_tmp, "--extends", "kipp-regional", *args, "--no-tests")
    (path,) = in_tmp.glob("*.yaml")
    text = path.read_text(encoding="utf-8")
    assert f'#      id: "Peserta harus dari {said_id}"\n' in text
    assert f'#      en: "The entrant must be from {said_en}"\n' in text


def test_a_shortened_example_list_has_a_message_that_says_only_what_it_keeps(in_tmp: Path) -> None:
    _new(in_tmp, "--extends", "kipp-sukoharjo-2023", "--id", "kipp-boyolali-2025", "--no-tests")
    text = (in_tmp / "kipp-boyolali-2025.yaml").read_text(encoding="utf-8")
    path = in_tmp / "all.yaml"
    path.write_text(_uncomment(text, _blocks(text)), encoding="utf-8")
    ruleset = load_ruleset(path)
    parent = load_ruleset("kipp-sukoharjo-2023")
    for rule_id in ("entrant-kind", "category-known"):
        (rule,) = [e for e in ruleset.eligibility if e.id == rule_id]
        (before,) = [e for e in parent.eligibility if e.id == rule_id]
        kept = list(rule.when.value)  # type: ignore[union-attr]
        dropped = set(before.when.value) - set(kept)  # type: ignore[union-attr]
        assert dropped
        for text_ in (rule.message.id, rule.message.en):
            assert text_ is not None
            assert all(str(v) in text_ for v in kept)
            assert not any(str(v) in text_ for v in dropped)
        assert "sebelas" not in rule.message.id
        assert "BUMD" not in rule.message.id


def test_the_categories_comment_says_which_rule_rejects_a_category(in_tmp: Path) -> None:
    _new(in_tmp, "--extends", "kipp-sukoharjo-2023", "--id", "kipp-boyolali-2025", "--no-tests")
    text = (in_tmp / "kipp-boyolali-2025.yaml").read_text(encoding="utf-8")
    prose = " ".join(line.lstrip("# ") for line in text.splitlines() if line.startswith("# "))
    assert "This list of categories alone rejects no entry: what rejects an unknown category is the eligibility rule `category-known`." in prose
    assert "Daftar kategori ini sendiri tidak menolak pengajuan apa pun" in prose


@pytest.mark.parametrize(
    ("parent_id", "named"), [("kipp-sukoharjo-2023", "home-regency"), ("kipp-sulsel", "province")]
)
def test_new_warns_that_the_parents_region_rules_still_apply(
    in_tmp: Path, parent_id: str, named: str
) -> None:
    code, out = _new(in_tmp, "--extends", parent_id, "--id", "kipp-boyolali-2025", "--no-tests")
    assert code == 0
    assert f"note: the inherited eligibility rule {named} still checks the parent's region" in out
    assert f"catatan: aturan syarat warisan {named} masih memeriksa wilayah induk" in out


@pytest.mark.parametrize("parent_id", ["kipp-regional", "winner-2023"])
def test_new_has_no_region_note_when_the_parent_names_no_region_of_its_own(
    in_tmp: Path, parent_id: str
) -> None:
    code, out = _new(in_tmp, "--extends", parent_id, "--id", "kipp-boyolali-2025", "--no-tests")
    assert code == 0
    assert "note:" not in out
