"""Hostile inputs: every file in tests/hostile ends in the exact located, bilingual
error it declares (or in a result), never in a traceback, a hang or a huge message.

Each case file starts with what it shows and what it must report::

    # case: what the file shows
    # expect: LINE:COLUMN: LEVEL: MESSAGE [PATH] (RULE)
    # absent: a text that must appear nowhere in the output
    #

``expect`` lines are the problems' first lines without the file name, compared as a
whole list. Rulesets are checked with :func:`check_ruleset`, test-case files
(``*.test.yaml``) with :func:`load_case_file`. ``tests/hostile/edition/`` holds the
cases of the edition readers, run by their own tests; files without a ``# case:``
line are helpers that a case refers to.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from inovasi_rules.cases import CaseFileError, load_case_file
from inovasi_rules.errors import Problem, RulesetError
from inovasi_rules.ruleset.loading import Registry, check_ruleset

HOSTILE = Path(__file__).parent / "hostile"


def _is_case(path: Path) -> bool:
    return "edition" not in path.relative_to(HOSTILE).parts and path.read_bytes().startswith(
        b"# case: "
    )


CASES = sorted(p for p in HOSTILE.rglob("*.yaml") if _is_case(p))


def _header(path: Path, key: str) -> list[str]:
    out = []
    for raw in path.read_bytes().decode("utf-8", "replace").splitlines():
        if not raw.startswith("#"):
            break
        if raw.startswith(f"# {key}: "):
            out.append(raw[len(f"# {key}: ") :])
    return out


def _shown(p: Problem, path: Path) -> str:
    """The problem's first line, without the case file's name; another file under
    tests/hostile is named relative to it."""
    line = p.format().split("\n", 1)[0]
    prefix = f"{path}:"
    line = line[len(prefix) :] if line.startswith(prefix) else line
    return line.replace(f"{HOSTILE}/", "").replace(f"{HOSTILE.parents[1]}/", "")


def _problems(path: Path) -> list[Problem]:
    if path.name.endswith(".test.yaml"):
        try:
            load_case_file(path, registry=Registry().with_directories(path.parent))
        except CaseFileError as exc:
            return list(exc.problems)
        return []
    return list(check_ruleset(path, registry=Registry()).problems)


def test_there_are_cases() -> None:
    assert len(CASES) >= 10
    for path in CASES:
        assert _header(path, "expect"), f"{path.name} declares no expected problem"


@pytest.mark.parametrize("path", CASES, ids=lambda p: str(p.relative_to(HOSTILE)))
def test_case_reports_exactly_the_expected_problems(path: Path) -> None:
    problems = _problems(path)
    got = [_shown(p, path) for p in problems]
    assert got == _header(path, "expect")
    for p in problems:
        english, sep, indonesian = p.message.partition(" / ")
        assert sep, f"not bilingual: {p.message!r}"
        assert english.strip()
        assert indonesian.strip()
        assert len(p.format()) < 2_000
    text = "\n".join(p.format() for p in problems)
    for absent in _header(path, "absent"):
        assert absent not in text


def test_zero_with_a_huge_exponent_is_plain_zero() -> None:
    from decimal import Decimal

    from inovasi_rules.yamlpos import load_yaml

    value = load_yaml("add: 0.0e-999999").map["add"].value
    assert isinstance(value, Decimal)
    assert value == 0
    assert value.as_tuple().exponent == 0


def test_a_condition_does_not_read_a_number_out_of_bounds_from_a_text_field() -> None:
    from inovasi_rules.ruleset.conditions import _as_number

    assert _as_number("1E-100000000") is None
    assert _as_number("88,5") == 88.5


# --------------------------------------------------------------------------- parameters


def test_parameters_module_examples() -> None:
    import doctest

    import inovasi_rules.ruleset.parameters

    outcome = doctest.testmod(inovasi_rules.ruleset.parameters, optionflags=doctest.ELLIPSIS)
    assert outcome.attempted
    assert not outcome.failed


def test_a_date_written_day_first_gets_the_iso_form_as_hint() -> None:
    path = HOSTILE / "rulesets" / "param-date-dmy.yaml"
    (problem,) = _problems(path)
    assert problem.hint == "write 2025-08-31 (year-month-day) / tulis 2025-08-31 (tahun-bulan-tanggal)"


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("finalists", "sepuluh", "must be a whole number of at least 1"),
        ("finalists", -3, "must be a whole number of at least 1"),
        ("finalists", 2.5, "must be a whole number"),
        ("finalists", True, "must be a whole number"),
        ("registration_closes", "kemarin", "must be a date"),
        ("registration_closes", "31-08-2025", "must be a date"),
        ("bonus_points", "lima", "must be a number"),
    ],
)
def test_with_parameters_refuses_a_value_of_the_wrong_type(name: str, value: object, words: str) -> None:
    from inovasi_rules import RulesetError, load_ruleset

    ruleset = load_ruleset("kipp-regional")
    with pytest.raises(RulesetError) as info:
        ruleset.with_parameters(**{name: value})
    (problem,) = info.value.problems
    assert words in problem.message
    assert problem.path == f"parameters.{name}"
    assert problem.rule == "parameter-type"


def test_with_parameters_reads_values_as_yaml_would_and_keeps_the_types() -> None:
    import datetime
    from decimal import Decimal

    from inovasi_rules import RulesetError, load_ruleset

    ruleset = load_ruleset("kipp-regional")
    changed = ruleset.with_parameters(registration_closes="2025-08-31", bonus_points=2.5)
    assert changed.parameters["registration_closes"] == datetime.date(2025, 8, 31)
    assert changed.parameters["bonus_points"] == Decimal("2.5")
    # the types come from the rules, not from the last override
    assert changed.parameter_type("finalists") == ruleset.parameter_type("finalists")
    with pytest.raises(RulesetError):
        changed.with_parameters(bonus_points=Decimal("1E-100000000"))


def test_check_parameters_locates_what_it_finds() -> None:
    from inovasi_rules import load_ruleset
    from inovasi_rules.ruleset.parameters import check_parameters

    ruleset = load_ruleset("kipp-regional")
    found = check_parameters(
        ruleset, {"finalist": 10, "finalists": 10}, file="edition.yaml", locate=lambda n: (3, 14)
    )
    assert [p.format().split("\n")[0] for p in found] == [
        "edition.yaml:3:14: error: unknown parameter 'finalist' / parameter 'finalist' tidak ada "
        "di ruleset kipp-regional [parameters.finalist] (unknown-parameter)"
    ]


# --------------------------------------------------------------------------- the command line

ROOT = Path(__file__).parents[1]
SUKOHARJO = str(ROOT / "examples" / "sukoharjo-2023")


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("INOVASI_RULES_DISABLE_PLUGIN_AUTOLOAD", "1")
    return CliRunner()


def _run(runner: CliRunner, *args: str) -> tuple[int, str]:
    from inovasi_rules.cli import main

    result = runner.invoke(main, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), (
        result.exception
    )
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("evaluate", "kipp-regional"), "Missing argument 'DATA'. / Argumen 'DATA' belum diberikan."),
        (("evaluate", "kipp-regional", "/nonexistent"), "'/nonexistent' tidak ada"),
        (("evaluate", "--bogus"), "Opsi '--bogus' tidak dikenal."),
        (("evaluat",), "Perintah 'evaluat' tidak dikenal. Maksud Anda 'evaluate'"),
        (("show", "--lang", "xx", "kipp-2019"), "'xx' bukan salah satu dari 'id', 'en'"),
        (("evaluate", "kipp-regional", SUKOHARJO, "--set", "x"), "tulis NAMA=NILAI"),
        (("evaluate", "kipp-regional", SUKOHARJO, "--set", "finalists=["), "tidak ditutup dengan benar"),
        (
            ("evaluate", "kipp-regional", SUKOHARJO, "--set", "finalists=1.0e+999999999"),
            "'1.0e+999999999' is too large / angka '1.0e+999999999' terlalu besar",
        ),
        (
            ("evaluate", "kipp-regional", SUKOHARJO, "--set", "finalists=sepuluh"),
            "parameter 'finalists' harus bilangan bulat paling sedikit 1",
        ),
        (
            ("explain", "kipp-regional", SUKOHARJO, "X", "--set", "registration_closes=31-08-2025"),
            "tulis 2025-08-31 (tahun-bulan-tanggal)",
        ),
        (
            ("evaluate", "kipp-regional", SUKOHARJO, "--set", "finalist=3"),
            "parameter 'finalist' tidak ada di ruleset kipp-regional",
        ),
    ],
)
def test_every_usage_error_is_bilingual(runner: CliRunner, args: tuple[str, ...], words: str) -> None:
    code, output = _run(runner, *args)
    assert code == 2
    assert "Galat / Error: " in output
    assert words in output


@pytest.mark.parametrize(
    "args",
    [
        ("evaluate", "no-such-ruleset", SUKOHARJO, "--out", "{file}/x.json"),
        ("evaluate", "no-such-ruleset", SUKOHARJO, "--out", "{folder}"),
        ("compare", "no-such-ruleset", "no-such-ruleset", str(ROOT / "examples/history/kipp-2019"),
         "--md", "{file}/x.md"),
        ("new", "--extends", "no-such-ruleset", "--id", "x-2024", "--out", "{file}/x.yaml"),
        ("generate", "no-such-ruleset", "{file}/out", "-n", "3"),
    ],
)
def test_an_unwritable_output_is_reported_before_any_work(
    runner: CliRunner, tmp_path: Path, args: tuple[str, ...]
) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("", encoding="utf-8")
    filled = [a.format(file=a_file, folder=tmp_path) for a in args]
    code, output = _run(runner, *filled)
    assert code == 2
    # the ruleset is never looked up: the output is checked first
    assert "no-such-ruleset" not in output.split("Galat / Error:")[-1]
    assert "tidak dapat menulis" in output or "adalah folder, bukan berkas" in output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_a_result_is_written_whole(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "deep" / "result.json"
    code, _ = _run(runner, "evaluate", "kipp-sukoharjo-2023", SUKOHARJO, "--out", str(out))
    assert code == 0
    assert out.read_text(encoding="utf-8").startswith("{")
    assert [p.name for p in out.parent.iterdir()] == ["result.json"]


# --------------------------------------------------------------------------- outputs others open

HOSTILE_NAME = "$\\frac{1}{$ *Juara* <script>x</script> | \x1b[2J\u202eteks"


def _hostile_ruleset() -> Any:
    from test_history import RULESET, ruleset

    text = RULESET.replace("{id: juara, name: {id: Juara, en: Winner}", '{id: juara, name: {id: "'
                           + HOSTILE_NAME.replace("\\", "\\\\").replace("\x1b", "\\e") + '", en: "$x^$"}')
    text = text.replace('name: {id: "Kompetisi Uji", en: "Test competition"}',
                        'name: {id: "Kompetisi $_$ [a](javascript:x)", en: "T"}')
    return ruleset(text)


def test_markdown_reports_show_names_as_text(tmp_path: Path) -> None:
    from inovasi_rules.whatif import render_markdown, what_if
    from inovasi_rules.whatif.history import read_history
    from test_history import history_folder

    rs = _hostile_ruleset()
    assert rs.awards[0].name.text("id") == HOSTILE_NAME
    report = what_if(rs, rs, [read_history(history_folder(tmp_path))], parameters={"bonus_points": 2})
    md = render_markdown(report, "id")
    assert "<script>" not in md
    assert "\x1b" not in md
    assert "\u202e" not in md
    assert "[a](javascript:x)" not in md
    assert "\\<script\\>" in md
    assert "\\*Juara\\*" in md
    # a name never breaks a table: every row has as many cells as its header
    for line in md.splitlines():
        if line.startswith("| ") and "Juara" in line:
            bars = len(line.replace("\\|", "").split("|"))
            assert bars in (4, 6, 7, 9), line


def test_a_chart_title_with_dollars_is_plain_text_and_the_report_is_whole(
    runner: CliRunner, tmp_path: Path
) -> None:
    pytest.importorskip("matplotlib")
    from inovasi_rules.whatif import render_html, what_if
    from inovasi_rules.whatif.history import read_history
    from test_history import history_folder

    rs = _hostile_ruleset()
    report = what_if(rs, rs, [read_history(history_folder(tmp_path))], parameters={"bonus_points": 2})
    page = render_html(report, "en")
    assert "<svg" in page
    assert "$x^$" in page or "$x^$".replace("$", "&#36;") in page
    assert "<script>x</script>" not in page


def test_terminal_output_shows_control_characters_as_escapes(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "jahat.yaml"
    path.write_text(
        'schema_version: 1\nid: jahat\nname: {id: "Jahat \\e[2J\\u202e", en: "Bad \\e]0;title\\a"}\n'
        "stages:\n  - {id: a, kind: screening}\n",
        encoding="utf-8",
    )
    for lang in ("id", "en"):
        code, output = _run(runner, "show", str(path), "--lang", lang)
        assert code == 0
        assert "\x1b" not in output
        assert "\x07" not in output
        assert "\u202e" not in output
        assert "\\x1b" in output
    code, output = _run(runner, "validate", str(tmp_path / "no\x1b[2Jfile.yaml"))
    assert "\x1b" not in output


def test_safetext_examples() -> None:
    import doctest

    import inovasi_rules.safetext

    outcome = doctest.testmod(inovasi_rules.safetext)
    assert outcome.attempted
    assert not outcome.failed


def test_a_write_that_fails_leaves_no_file_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    import click

    from inovasi_rules.cli.output import write_text

    def disk_full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(click.ClickException) as info:
        write_text(tmp_path / "laporan.html", "<html>" * 1000)
    assert "tidak dapat menulis" in info.value.message
    assert "No space left on device" in info.value.message
    assert list(tmp_path.iterdir()) == []


def test_show_names_a_declared_parameter_type(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        "schema_version: 1\nid: t\nextends: kipp-regional\nname: T\n"
        "parameter_types:\n  finalists: {type: integer, min: 1, max: 50}\n",
        encoding="utf-8",
    )
    assert "finalists = 10 (bilangan bulat dari 1 sampai 50)" in _run(runner, "show", str(path))[1]
    english = _run(runner, "show", str(path), "--lang", "en")[1]
    assert "finalists = 10 (a whole number from 1 to 50)" in english
    assert "winners = 5\n" in english


def test_a_host_sets_the_ruleset_limits() -> None:
    from inovasi_rules import LimitError, YamlLimits, loads_ruleset
    from inovasi_rules.decimals import NumberLimits

    text = (HOSTILE / "rulesets" / "weight-tiny.yaml").read_text(encoding="utf-8")
    text = text.replace("1.0e-100000000", "0.5").replace("weight: 100}", "weight: 99.5}")
    assert loads_ruleset(text).rubrics[0].criteria[0].weight == 0.5
    with pytest.raises(RulesetError) as info:
        loads_ruleset(text, limits=YamlLimits(numbers=NumberLimits(fraction_digits=0)))
    assert [p.rule for p in info.value.problems] == ["yaml-number", "yaml-number"]
    with pytest.raises(LimitError):
        loads_ruleset(text, limits=YamlLimits(depth=2))
    with pytest.raises(LimitError):
        loads_ruleset(text, limits=YamlLimits(bytes=len(text) // 2))


@pytest.mark.skipif(not Path("/proc/self/mem").is_file(), reason="needs Linux /proc")
def test_check_ruleset_reports_a_file_it_cannot_read() -> None:
    check = check_ruleset("/proc/self/mem", registry=Registry())
    (problem,) = check.problems
    assert problem.message.startswith("cannot read the file: ")
    assert problem.message.endswith(" / berkas tidak dapat dibaca")
