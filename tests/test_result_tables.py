"""The result as tables: CSV and an Excel workbook (``evaluate --out result.xlsx``), with
text that a spreadsheet would run as a formula neutralised; an output suffix the
command does not know is refused, in both languages, before anything is written."""

from __future__ import annotations

import csv
import io
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from engine_helpers import edition, rows, run, single_criterion
from inovasi_rules.cli import main
from inovasi_rules.errors import InovasiRulesError
from inovasi_rules.result import safe_text

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sukoharjo-2023"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("INOVASI_RULES_DISABLE_PLUGIN_AUTOLOAD", "1")
    return CliRunner()


def _sheet(path: Path, name: str) -> list[tuple[object, ...]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return [tuple(r) for r in wb[name].iter_rows(values_only=True)]
    finally:
        wb.close()


def test_evaluate_out_xlsx_writes_a_workbook_with_the_rows_of_the_csv(runner: CliRunner, tmp_path: Path) -> None:
    book, table = tmp_path / "hasil.xlsx", tmp_path / "hasil.csv"
    for out in (book, table):
        got = runner.invoke(main, ["evaluate", "kipp-sukoharjo-2023", str(EXAMPLE), "--out", str(out)])
        assert got.exit_code == 0, got.output
    assert book.read_bytes()[:2] == b"PK"  # a zip: a real workbook, not JSON
    sheet = _sheet(book, "hasil")
    expected = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert len(sheet) == len(expected) > 1
    assert list(sheet[0]) == expected[0]
    for got_row, want in zip(sheet[1:], expected[1:], strict=True):
        text = [0, 1, 2, 3, 7, 8]
        assert ["" if got_row[i] is None else got_row[i] for i in text] == [want[i] for i in text]
        for i in (4, 5, 6):  # score, base score and rank: the same numbers
            assert (got_row[i] is None) == (want[i] == "")
            if want[i]:
                assert Decimal(str(got_row[i])) == Decimal(want[i])
    scores = [r[4] for r in sheet[1:] if r[4] is not None]
    assert scores
    assert all(isinstance(v, (int, float)) for v in scores)  # numbers, not text
    assert _sheet(book, "temuan")[0][0] == "level"


@pytest.mark.parametrize("suffix", [".txt", ".xls", ""])
def test_an_unknown_output_suffix_is_refused_in_both_languages(
    runner: CliRunner, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"hasil{suffix}"
    got = runner.invoke(main, ["evaluate", "kipp-sukoharjo-2023", str(EXAMPLE), "--out", str(out)])
    assert got.exit_code != 0
    assert "tidak dikenal" in got.output
    assert "unknown output format" in got.output
    # English first, then Indonesian, as in every other message of the command line
    assert got.output.index("unknown output format") < got.output.index("format keluaran")
    assert ".xlsx" in got.output
    assert not out.exists()


def test_a_bad_set_value_names_the_option_once(runner: CliRunner) -> None:
    got = runner.invoke(
        main, ["evaluate", "kipp-sukoharjo-2023", str(EXAMPLE), "--set", "bonus_points=abc"]
    )
    assert got.exit_code == 2
    assert "Invalid value for --set: parameter 'bonus_points' must be a number" in got.output
    assert got.output.count("--set") == 1
    assert "hint: write a number" in got.output


def test_format_xlsx_needs_a_file(runner: CliRunner) -> None:
    got = runner.invoke(main, ["evaluate", "kipp-sukoharjo-2023", str(EXAMPLE), "--format", "xlsx"])
    assert got.exit_code != 0
    assert "--out" in got.output
    assert got.output.index("xlsx needs") < got.output.index("xlsx perlu")


def test_formulas_in_text_cells_are_neutralised_in_csv_and_xlsx(tmp_path: Path) -> None:
    titles = {
        "A": '=HYPERLINK("http://contoh.test","klik")',
        "B": "+62 811",
        "C": "-Inovasi",
        "D": "@SUM(A1)",
        "G": "Bank Sampah = Berkah",
    }
    ed = edition([{"id": sid, "title": t} for sid, t in titles.items()],
                 rows("nilai", {sid: {"J1": 50 + k} for k, sid in enumerate(titles)}))
    result = run(single_criterion("judges: {aggregate: mean}"), ed)
    table = list(csv.reader(io.StringIO(result.to_csv())))
    got = {r[0]: r[1] for r in table[1:]}
    for sid, title in titles.items():
        assert got[sid] == safe_text(title)
        assert got[sid] == (title if sid == "G" else "'" + title)
    book = tmp_path / "r.xlsx"
    result.to_xlsx(book)
    wb = openpyxl.load_workbook(book)  # not read-only: the cell types are kept
    sheet = wb["hasil"]
    cells = {sheet.cell(row=i, column=1).value: sheet.cell(row=i, column=2) for i in range(2, sheet.max_row + 1)}
    for sid in titles:
        assert cells[sid].data_type == "s"  # a string, never a formula
        assert cells[sid].value == safe_text(titles[sid])
    scores = [sheet.cell(row=i, column=5).value for i in range(2, sheet.max_row + 1)]
    assert all(isinstance(v, (int, float)) for v in scores)
    assert sorted(Decimal(str(v)) for v in scores) == [Decimal(50 + k) for k in range(len(titles))]


def test_a_text_beyond_excels_cell_limit_is_refused_not_cut_short(tmp_path: Path) -> None:
    """Excel holds at most 32,767 characters in a cell: a longer title is an error that
    names the cell, and no workbook is written (CSV and JSON keep the whole text)."""
    long_title = "Inovasi " + "x" * 40_000
    ed = edition([{"id": "A", "title": "Pendek"}, {"id": "B", "title": long_title}],
                 rows("nilai", {"A": {"J1": 60}, "B": {"J1": 70}}))
    result = run(single_criterion("judges: {aggregate: mean}"), ed)
    assert long_title in result.to_csv()
    book = tmp_path / "r.xlsx"
    with pytest.raises(InovasiRulesError) as raised:
        result.to_xlsx(book)
    message = str(raised.value)
    assert "hasil!B3" in message  # the title of B, in the row after the header and A
    assert "32.767 karakter" in message
    assert "32,767 characters" in message
    assert not book.exists()


def test_a_workbook_that_cannot_be_written_is_an_oserror_as_for_any_file(tmp_path: Path) -> None:
    from inovasi_rules import evaluate, load_ruleset, read_edition

    result = evaluate(load_ruleset("kipp-sukoharjo-2023"), read_edition(EXAMPLE), load_entrypoints=False)
    with pytest.raises(FileNotFoundError):
        result.to_xlsx(tmp_path / "no-such-folder" / "hasil.xlsx")


def test_a_leading_tab_or_carriage_return_is_neutralised_too() -> None:
    # (a reader strips them from a title, but a plugin's message may carry them)
    assert safe_text("\tx") == "'\tx"
    assert safe_text("\r=1") == "'\r=1"


@given(st.text(max_size=20))
def test_safe_text_never_starts_a_formula_and_hides_nothing(text: str) -> None:
    out = safe_text(text)
    assert not out.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert out in (text, "'" + text)


def test_json_written_in_parts_has_the_bytes_of_one_dump(tmp_path: Path) -> None:
    import json

    import attrs

    from inovasi_rules import evaluate, load_ruleset, read_edition

    result = evaluate(load_ruleset("kipp-sukoharjo-2023"), read_edition(EXAMPLE), load_entrypoints=False)
    for r in (result, attrs.evolve(result, submissions=()), attrs.evolve(result, submissions=result.submissions[:1])):
        for indent in (None, 0, 2, 4):
            whole = json.dumps(r.to_dict(), ensure_ascii=False, indent=indent, sort_keys=True) + "\n"
            assert r.to_json(indent=indent) == whole
    out = tmp_path / "r.json"
    with out.open("w", encoding="utf-8") as fh:
        result.write_json(fh)
    assert out.read_text(encoding="utf-8") == result.to_json()
    with out.open("wb") as binary:
        result.write_json(binary)
    assert out.read_bytes() == result.to_json_bytes() == result.to_json().encode()
    for mode in ("w+", "w+b"):  # file-likes that are no io stream: text unless "b"
        with tempfile.SpooledTemporaryFile(mode=mode) as spooled:
            result.write_json(spooled)
            spooled.seek(0)
            written = spooled.read()
        assert written == (result.to_json_bytes() if "b" in mode else result.to_json())


def test_json_in_batches_of_any_size_has_the_bytes_of_one_dump() -> None:
    """Submissions are written a batch at a time: whatever the batch, and whether the
    last batch is full or not, the text is that of one dump."""
    import json

    from inovasi_rules import evaluate, load_ruleset, read_edition
    from inovasi_rules.result.encode import json_parts
    from inovasi_rules.result.model import submission_rows

    result = evaluate(load_ruleset("kipp-sukoharjo-2023"), read_edition(EXAMPLE), load_entrypoints=False)
    n = len(result.submissions)
    assert n > 4
    for indent in (None, 0, 2, 4):
        whole = json.dumps(result.to_dict(), ensure_ascii=False, indent=indent, sort_keys=True) + "\n"
        for batch in (1, 2, 3, n - 1, n, n + 1):
            parts = list(json_parts(result._head(), submission_rows(result.submissions), indent, batch))
            assert b"".join(parts).decode() == whole, (indent, batch)
            assert len(parts) == 2 + -(-n // batch)  # head, "[", then one part per batch
