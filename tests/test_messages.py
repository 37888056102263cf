"""Texts and numbers in the reader's language (``inovasi_rules.messages``).

The Indonesian output of every command a participant or an official reads (evaluate,
explain, show, validate, test, compare) is checked for English words and for numbers in
English form, so that a text added without its catalogue entry, or a number printed
with ``str()``, is noticed.
"""

from __future__ import annotations

import ast
import datetime
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from babel.dates import format_date
from babel.messages.extract import extract_from_file
from babel.numbers import format_decimal
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from inovasi_rules import evaluate, load_ruleset, read_edition
from inovasi_rules.cli import main
from inovasi_rules.messages import LANGUAGES, Formatter, catalogue, said, said_scaled

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "inovasi_rules"
EXAMPLE = ROOT / "examples" / "sukoharjo-2023"
HISTORY = ROOT / "examples" / "history" / "kipp-2019"
PROPOSAL = ROOT / "examples" / "what-if" / "kipp-2019-bobot-replikasi.yaml"

#: English words that the commands once printed in Indonesian output and that now come
#: from the catalogue (the engine's own steps, ``aggregate`` or ``advance``, included).
ENGLISH = [
    "aggregate",
    "advance",
    "advancing",
    "tie_break",
    "tie-break",
    "verdict",
    "errors",
    "warnings",
    "ok",
    "INVALID",
    "passed",
    "failed",
    "Stage",
    "entered",
    "submissions",
    "score",
    "rank",
    "Judges",
    "criterion",
    "Awards",
    "none",
    "PASSED",
    "NOT ADVANCED",
    "written",
    "covered",
    "directions",
    "admitted",
    "rejected",
    "story",
    "Why",
    "total",
]

#: Numbers in English form: a decimal point (76.87, 41.6%), a thousands comma before a
#: decimal point (3,156.80) or in a number of millions (1,500,000). A lone ``3,156`` is
#: also an Indonesian number with three decimals (a rank correlation of ``1,000``), so
#: the tests look for such thousands by value.
ENGLISH_NUMBER = re.compile(
    r"\b\d+\.\d{1,2}(?![\d.])|\b\d{1,3}(?:,\d{3})+\.\d+|\b\d{1,3}(?:,\d{3}){2,}\b"
)


#: A date written the ISO way (2023-12-31), which no reader should have to decode.
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
#: A number with a decimal comma and two places (76,87), as English text never has.
INDONESIAN_NUMBER = re.compile(r"\b\d+,\d{2}(?!\d)")


def english_words(text: str) -> list[str]:
    return [w for w in ENGLISH if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


def run(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--lang", "id"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


# --------------------------------------------------------------------------- the formatter


@pytest.mark.parametrize(
    ("lang", "number", "percent", "date"),
    [
        ("id", "3.156,80", "41,6%", "31 Agustus 2025"),
        ("en", "3,156.80", "41.6%", "31 August 2025"),
    ],
)
def test_numbers_percentages_and_dates_per_language(
    lang: str, number: str, percent: str, date: str
) -> None:
    fmt = Formatter(lang)
    assert fmt.number(Decimal("3156.80")) == number
    assert fmt.percent(Decimal("41.6")) == percent
    assert fmt.date(datetime.date(2025, 8, 31)) == date


def test_numbers_keep_their_places_exactly() -> None:
    fmt = Formatter("id")
    assert fmt.number(Decimal("76.870")) == "76,870"
    assert fmt.number(3156) == "3.156"
    assert fmt.number(Decimal("1500000")) == "1.500.000"
    assert fmt.number(Decimal("12345678901234567890.01")) == "12.345.678.901.234.567.890,01"


@given(
    # digits and places as the results carry them (Babel's own quantize stops at 28 digits)
    st.builds(lambda n, p: Decimal(n).scaleb(p), st.integers(-10**15, 10**15), st.integers(-10, 3)),
    st.sampled_from(LANGUAGES),
)
def test_numbers_read_as_babel_writes_them(number: Decimal, lang: str) -> None:
    """The formatter's fast path writes a number exactly as Babel and CLDR do."""
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)
    places = -exponent if exponent < 0 else 0
    pattern = "#,##0" + ("." + "0" * places if places else "")
    locale = {"id": "id", "en": "en_GB"}[lang]
    expected = format_decimal(number, format=pattern, locale=locale, decimal_quantization=True)
    assert Formatter(lang).number(number) == expected


@given(st.one_of(
    st.builds(lambda n, p: Decimal(n).scaleb(p), st.integers(-10**15, 10**15), st.integers(-10, 3)),
    st.integers(-10**20, 10**20),
    st.sampled_from([Decimal("NaN"), Decimal("Infinity"), Decimal("-0.00"), True]),
    st.dates(),
    st.datetimes(timezones=st.sampled_from([datetime.timezone(datetime.timedelta(hours=h)) for h in (7, 8, 9)])),
))
def test_a_reason_says_a_number_or_date_as_each_language_writes_it(number: Decimal | int) -> None:
    """``said`` gives each language's own form of a number or date, as :meth:`Formatter.shown`."""
    assert said(number) == (Formatter("id").shown(number), Formatter("en").shown(number))


@given(st.integers(-10**20, 10**20), st.integers(0, 6))
def test_a_score_kept_as_an_integer_is_said_with_its_places(value: int, places: int) -> None:
    """``said_scaled(315680, 2)`` is how ``3156.80`` is said, in both languages."""
    number = Decimal(value).scaleb(-places)
    assert said_scaled(value, places) == (Formatter("id").number(number), Formatter("en").number(number))
    assert said_scaled(315680, 2) == ("3.156,80", "3,156.80")


@given(st.dates(), st.sampled_from(LANGUAGES))
def test_dates_read_as_babel_writes_them(day: datetime.date, lang: str) -> None:
    """The formatter's fast path writes a date exactly as Babel and CLDR do."""
    locale = {"id": "id", "en": "en_GB"}[lang]
    assert Formatter(lang).date(day) == format_date(day, format="long", locale=locale)


def test_an_unknown_language_is_refused_at_once() -> None:
    with pytest.raises(ValueError, match="tidak ada katalog"):
        Formatter("fr")


# --------------------------------------------------------------------------- the catalogue


def _texts_in_code() -> set[str]:
    """Every text the code passes to ``Formatter.t`` or marks with ``N_``, in the
    modules that use the formatter."""
    found = set()
    for path in sorted(SRC.rglob("*.py")):
        if "Formatter" not in path.read_text(encoding="utf-8") or path.parent.name == "messages":
            continue
        for _line, text, _comments, _context in extract_from_file(
            "python", str(path), keywords={"t": None, "N_": None}
        ):
            found.add(str(text))
    return found


def test_every_text_the_code_uses_is_translated() -> None:
    used = _texts_in_code()
    assert len(used) > 40
    missing = sorted(used - set(catalogue("id")))
    assert missing == [], f"add these to the id catalogue: {missing}"


def test_the_catalogues_hold_the_same_texts() -> None:
    """Each language's .po file lists every text (English may leave it untranslated)."""
    po = SRC / "messages" / "locale"
    ids = {
        lang: set(
            re.findall(
                r'^msgid "(.+)"$',
                (po / lang / "LC_MESSAGES" / "inovasi_rules.po").read_text("utf-8"),
                re.M,
            )
        )
        for lang in LANGUAGES
    }
    assert ids["id"] == ids["en"]
    assert set(catalogue("id")) == ids["id"]


# --------------------------------------------------------------------------- the commands


def test_evaluate_in_indonesian() -> None:
    out = run("evaluate", "kipp-sukoharjo-2023", str(EXAMPLE))
    assert english_words(out) == []
    assert ENGLISH_NUMBER.findall(out) == []
    assert "88,22" in out
    # the award's name whole, not cut at a column's width
    assert "★ Top Inovasi Pelayanan Publik Kabupaten Sukoharjo 2023 " in out


def test_explain_in_indonesian() -> None:
    out = run("explain", "kipp-sukoharjo-2023", str(EXAMPLE), "SKH-0001")
    assert english_words(out) == []
    # every number and date, the reasons' included, in Indonesian form
    assert ENGLISH_NUMBER.findall(out) == []
    assert ISO_DATE.findall(out) == []
    assert "nilai 76,87, peringkat 13" in out
    assert "J001: 80,30" in out
    assert "(J001: 80,30; J003: 75,35; J004: 74,30; J005: 81,60; J007: 74,95; dibuang: J004 terendah, J005 tertinggi) = 76,87" in out
    assert "di luar 10 kursi; batas 78,23" in out
    assert "innovation.started 4 Februari 2023: 0 tahun 10 bulan sebelum 31 Desember 2023" in out


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        ("id", ["✓ Batas pendaftaran: registered = 1 Desember 2023",
                "• nilai gabungan juri: rata-rata terpangkas", "✗ kelolosan: peringkat 13",
                "✗ Tambahan nilai: inovasi sudah berjalan dua tahun — "]),
        ("en", ["✓ Registration deadline: registered = 1 December 2023",
                "• judges' aggregate: trimmed mean", "✗ advancing: rank 13",
                "✗ Extra points: the innovation has been running for two years — "]),
    ],
)
def test_explain_names_each_rule_in_the_reader_language(lang: str, lines: list[str]) -> None:
    """A reason is headed by its rule's name (from the ruleset) or the engine's word
    for its own step, never by an id; the JSON keeps the ids, which hosts rely on."""
    args = ["explain", "kipp-sukoharjo-2023", str(EXAMPLE), "SKH-0001", "--lang", lang]
    out = CliRunner().invoke(main, args).stdout
    for line in lines:
        assert f"   {line}" in out
    for rule_id in ("registration-deadline", "aggregate", "advance", "running-bonus"):
        assert not re.search(rf"[•✓✗] {re.escape(rule_id)}:", out)
    result = evaluate(load_ruleset("kipp-sukoharjo-2023"), read_edition(EXAMPLE), load_entrypoints=False)
    rules = {r.rule for st in result.submission("SKH-0001").stages for r in st.reasons}
    assert {"registration-deadline", "aggregate", "advance", "running-bonus"} <= rules


def test_explain_without_the_ruleset_names_the_engine_steps() -> None:
    from inovasi_rules.result.explain import explain

    result = evaluate(load_ruleset("kipp-sukoharjo-2023"), read_edition(EXAMPLE), load_entrypoints=False)
    text = explain(result, "SKH-0001", "id")
    assert "✗ kelolosan: peringkat 13" in text
    assert "✓ registration-deadline: registered = 1 Desember 2023" in text


def test_explain_in_english_keeps_english_numbers_and_dates() -> None:
    out = CliRunner().invoke(
        main, ["explain", "kipp-sukoharjo-2023", str(EXAMPLE), "SKH-0001", "--lang", "en"]
    ).stdout
    assert "(J001: 80.30, J003: 75.35, J004: 74.30, J005: 81.60, J007: 74.95; dropped: J004 lowest, J005 highest) = 76.87" in out
    assert "outside the 10 seats; cut-off 78.23" in out
    assert "innovation.started 4 February 2023: 0 years 10 months before 31 December 2023" in out
    assert ISO_DATE.findall(out) == []


def _reason_texts(result: dict[str, Any], lang: str) -> Iterator[str]:
    """Every text of a reason, an adjustment and an award note in one language."""
    for sub in result["submissions"]:
        for stage in sub["stages"]:
            for item in [*stage["reasons"], *stage["adjustments"]]:
                for key in ("message", "detail"):
                    if item.get(key):
                        yield item[key][lang] or item[key]["id"]
        for grant in sub["awards"]:
            if grant.get("note"):
                yield grant["note"][lang] or grant["note"]["id"]


@pytest.mark.parametrize(
    ("ruleset", "edition"),
    [
        ("kipp-sukoharjo-2023", EXAMPLE),
        ("winner-2023", ROOT / "examples" / "winner-2023"),
        ("kipp-2019", HISTORY),
        (str(ROOT / "docs" / "explanation" / "scoring-example.yaml"),
         ROOT / "docs" / "explanation" / "scoring-example"),
    ],
    ids=["sukoharjo", "winner", "kipp-2019", "scoring-example"],
)
def test_reasons_in_the_json_read_in_each_language(ruleset: str, edition: Path) -> None:
    """The Indonesian half of every reason has no English-form number and no ISO date;
    the English half has its numbers in English form."""
    result = json.loads(
        evaluate(load_ruleset(ruleset), read_edition(edition), load_entrypoints=False).to_json()
    )
    idn = list(_reason_texts(result, "id"))
    assert len(idn) > 50
    assert [t for t in idn if ENGLISH_NUMBER.search(t) or ISO_DATE.search(t)] == []
    en = list(_reason_texts(result, "en"))
    assert [t for t in en if ISO_DATE.search(t) or INDONESIAN_NUMBER.search(t)] == []
    assert any(re.search(r"\d\.\d\d\b", t) for t in en)


def test_show_in_indonesian() -> None:
    out = run("show", "kipp-2019")
    assert "3.156 proposal" in out
    assert "3,156" not in out
    assert "21 April 2019" in out
    # the notes a ruleset's author wrote (sources, assumptions) are data, in their language
    own = [
        line
        for line in out.splitlines()
        if not line.lstrip().startswith(("sumber:", "asumsi:", "catatan:"))
    ]
    assert ENGLISH_NUMBER.findall("\n".join(own)) == []


def test_validate_in_indonesian() -> None:
    out = run("validate", "kipp-sukoharjo-2023")
    assert out == "kipp-sukoharjo-2023: sah (0 galat, 0 peringatan)\n"
    assert english_words(out) == []


def test_test_runner_in_indonesian() -> None:
    out = run("test", str(ROOT / "rulesets" / "kipp-regional.test.yaml"), "--coverage", "-q")
    assert english_words(out) == []
    assert ENGLISH_NUMBER.findall(out) == []
    assert "kemungkinan hasil aturan (terpenuhi atau tidak) sudah diuji (100,0%)" in out
    assert re.search(r"== \d+ lulus dalam \d+,\d\d detik ==", out)


def test_compare_in_indonesian() -> None:
    out = run("compare", "kipp-2019", str(PROPOSAL), str(HISTORY), "-q")
    assert english_words(out) == []
    assert ENGLISH_NUMBER.findall(out) == []
    assert "3.156 pengajuan" in out
    assert "3,156" not in out


@pytest.mark.parametrize(("lang", "duration"), [("id", r"\d+,\d detik"), ("en", r"\d+\.\d s")])
def test_compare_progress_says_durations_in_the_output_language(lang: str, duration: str) -> None:
    result = CliRunner().invoke(
        main, ["compare", "kipp-2019", "kipp-2019", str(HISTORY), "--lang", lang],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert len(lines) >= 3
    assert all(re.search(rf"{duration}\)?$", line) for line in lines), lines


def test_the_examples_in_the_docstrings_hold() -> None:
    import doctest

    import inovasi_rules.messages
    import inovasi_rules.ruleset.words

    for module in (inovasi_rules.messages, inovasi_rules.ruleset.words):
        failures, tried = doctest.testmod(module)
        assert (failures, tried > 0) == (0, True), module.__name__


@pytest.fixture(scope="module")
def sukoharjo() -> Any:
    ruleset = load_ruleset("kipp-sukoharjo-2023")
    return ruleset, evaluate(ruleset, read_edition(ROOT / "examples" / "sukoharjo-2023"), load_entrypoints=False)


@pytest.mark.parametrize("lang", ["EN", "xx", "", "id-ID"])
def test_every_text_of_a_result_refuses_a_language_it_does_not_write(sukoharjo: Any, lang: str) -> None:
    # "EN" must not quietly give an Indonesian table to a reader who asked for English
    import io

    from inovasi_rules import explain
    from inovasi_rules.result.explain import rule_name
    from inovasi_rules.ruleset.conditions import describe_condition
    from inovasi_rules.summary import funnel_text, rejections, summary_text

    ruleset, result = sukoharjo
    asks = [
        lambda: result.to_csv(lang),
        lambda: result.to_xlsx(io.BytesIO(), lang),
        lambda: explain(result, "SKH-0012", lang, ruleset=ruleset),
        lambda: funnel_text(result, lang),
        lambda: rejections(result, lang),
        lambda: summary_text(result, lang, "kipp-sukoharjo-2023", ROOT, rules=ruleset),
        lambda: rule_name("innovation-status", lang),
        lambda: describe_condition(ruleset.eligibility[0].when, lang),
    ]
    for ask in asks:
        with pytest.raises(ValueError, match=rf"lang must be 'id' or 'en', not '{lang}'.* / bahasa \(lang\) harus"):
            ask()


def test_a_catalogue_is_read_once_and_shared() -> None:
    """Every text a result writes looks its words up in the catalogue: reading the
    ``.po`` file again for each would make writing a result many times slower."""
    from inovasi_rules.messages import catalogue

    assert catalogue("id") is catalogue("id")
    assert catalogue("en") is catalogue("en")


# What a problem or an error says, written where it is raised: each text given to one
# of these (its message, its hint) holds both languages, "English / Indonesian".
_SAYS_A_PROBLEM = {
    "Problem", "_problem", "ServiceError", "BadParameter", "RulesetError", "EditionError", "EvaluationError",
    "PluginError", "InovasiRulesError", "ClickException", "UsageError", "LimitError", "CaseFileError",
    "ConditionError", "NumberError",
}
# Texts made of parts that are bilingual where they are written, and a command to type.
_COMPOSED = {"objection {}: {}", "{}: {}", " (hooks: {})", "{} (YAML: {})", 'pip install "inovasi-rules[excel]"'}


def _literal_texts(node: Any) -> list[str] | None:
    """Every text a literal, an f-string (its fields as ``{}``), a sum or a choice of
    them can give; ``None`` for anything else (a name, a call)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal_texts(node.left), _literal_texts(node.right)
        return None if left is None or right is None else [a + b for a in left for b in right]
    if isinstance(node, ast.IfExp):
        body, orelse = _literal_texts(node.body), _literal_texts(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return None


def _named(target: Any, value: Any) -> list[tuple[str, Any]]:
    """(name, value) of each name an assignment sets: ``a = x``, and ``a, b = (x, y)``
    element by element (in each branch of a choice)."""
    if isinstance(target, ast.Name):
        return [(target.id, value)]
    if isinstance(target, ast.Tuple):
        if isinstance(value, ast.IfExp):
            return _named(target, value.body) + _named(target, value.orelse)
        if isinstance(value, ast.Tuple) and len(value.elts) == len(target.elts):
            return [pair for t, v in zip(target.elts, value.elts, strict=True) for pair in _named(t, v)]
    return []


def _one_language_texts() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign):  # hint = ..., col, msg, hint = (...), (...)
                given = [value for target in node.targets for name, value in _named(target, node.value)
                         if name in ("hint", "message", "msg")]
            elif isinstance(node, ast.Call) and (
                    getattr(node.func, "id", None) or getattr(node.func, "attr", None)) in _SAYS_A_PROBLEM:
                given = node.args[:1] + [kw.value for kw in node.keywords if kw.arg in ("message", "hint")]
            else:
                continue
            for value in given:
                for text in _literal_texts(value) or []:
                    if text and " / " not in text and text not in _COMPOSED:
                        found.append(f"{path.relative_to(SRC)}:{value.lineno}: {text!r}")
    return found


def test_every_problem_and_error_is_written_in_both_languages() -> None:
    assert _one_language_texts() == []
