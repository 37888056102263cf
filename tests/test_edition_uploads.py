"""Uploaded files that look fine but would be read as something else: each is refused
(or warned about) at the file, row and column, in Indonesian and English, and never
read silently as another value."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from inovasi_rules import EditionError, read_edition
from inovasi_rules.errors import Problem

SCORES = "submission_id,stage,judge_id,criterion,score\n"


def folder(tmp_path: Path, submissions: str | bytes, *, yaml: str = "id: e\n") -> Path:
    ed = tmp_path / "ed"
    ed.mkdir(exist_ok=True)
    data = submissions.encode("utf-8") if isinstance(submissions, str) else submissions
    (ed / "submissions.csv").write_bytes(data)
    (ed / "edition.yaml").write_text(yaml, encoding="utf-8")
    return ed


def problems(path: Path) -> list[Problem]:
    with pytest.raises(EditionError) as info:
        read_edition(path)
    return info.value.problems


def errors(path: Path) -> list[Problem]:
    return [p for p in problems(path) if p.level == "error"]


def bilingual(problem: Problem) -> bool:
    return " / " in problem.message and (problem.hint is None or " / " in problem.hint)


# --------------------------------------------------------------------------------------
# numbers and dates
# --------------------------------------------------------------------------------------

NUMBER = "id: e\nfields: {anggaran: number, staf: integer}\n"


@pytest.mark.parametrize(
    ("cell", "words", "suggested"),
    [
        ('"1,500"', "ambiguous", "1500"),
        ("125.000", "ambiguous", "125000"),
        ("-2.000", "ambiguous", "-2000"),
        ("1_0_0_0", "underscore", "1000"),
        ("١٥٠٠", "digits other than 0-9", "1500"),
        ("１５００", "digits other than 0-9", "1500"),
        ("८५", "digits other than 0-9", "85"),
    ],
)
def test_a_number_field_that_reads_two_ways_is_refused_where_it_is(
    tmp_path: Path, cell: str, words: str, suggested: str
) -> None:
    """``125.000`` is 125 to the parser and 125000 to an Indonesian reader; ``1_000``
    and ``١٥٠٠`` are numbers to Python only: each is an error at its cell, never a
    value."""
    ed = folder(tmp_path, f"id,anggaran\nA-01,10\nA-02,{cell}\n", yaml=NUMBER)
    [problem] = errors(ed)
    assert (problem.file, problem.row, problem.column, problem.path) == (
        str(ed / "submissions.csv"), 3, 2, "anggaran"
    )
    assert words in problem.message
    assert bilingual(problem)
    assert suggested in (problem.hint or "")


def test_an_integer_field_with_a_thousands_dot_is_refused(tmp_path: Path) -> None:
    ed = folder(tmp_path, "id,staf\nA-01,1.200\n", yaml=NUMBER)
    [problem] = errors(ed)
    assert (problem.row, problem.path) == (2, "staf")
    assert "ambiguous" in problem.message


@pytest.mark.parametrize(
    ("cell", "value"),
    [('"0,500"', "0.5"), ('"1,5"', "1.5"), ("1.25", "1.25"), ("1.2345", "1.2345"), ("1500", "1500"),
     ("125000", "125000"), ("1.50", "1.5")],
)
def test_numbers_that_read_one_way_are_kept(tmp_path: Path, cell: str, value: str) -> None:
    ed = folder(tmp_path, f"id,anggaran\nA-01,{cell}\n", yaml=NUMBER)
    [sub] = read_edition(ed).submissions
    assert sub.get("anggaran") == Decimal(value)


def test_a_score_keeps_three_decimals(tmp_path: Path) -> None:
    """Scores are on the rubric's scale: ``7,125`` on a 1-10 rubric is a decimal, and a
    score is never in thousands."""
    ed = folder(tmp_path, "id\nA-01\n")
    (ed / "scores.csv").write_text(SCORES + "A-01,p,J1,c,\"7,125\"\nA-01,p,J2,c,7.500\n")
    assert [str(s.value) for s in read_edition(ed).scores] == ["7.125", "7.500"]


@pytest.mark.parametrize("cell", ["8_5", "٨٥", "８５"])
def test_a_score_in_other_digits_or_with_underscores_is_refused(tmp_path: Path, cell: str) -> None:
    ed = folder(tmp_path, "id\nA-01\n")
    (ed / "scores.csv").write_text(SCORES + f"A-01,p,J1,c,80\nA-01,p,J2,c,{cell}\n")
    [problem] = errors(ed)
    assert (problem.file, problem.row, problem.path) == (str(ed / "scores.csv"), 3, "score")
    assert bilingual(problem)
    assert "85" in (problem.hint or "")


@pytest.mark.parametrize(
    ("column", "cell"),
    [("mulai", "٢٠٢٠-٠١-٠١"), ("mulai", "０１/０１/２０２０"), ("registered", "２０２０-01-01 10:00 WIB")],
)
def test_a_date_in_other_digits_is_refused(tmp_path: Path, column: str, cell: str) -> None:
    ed = folder(
        tmp_path, f"id,{column}\nA-01,{cell}\n", yaml="id: e\nfields: {mulai: date}\n"
    )
    [problem] = errors(ed)
    assert (problem.row, problem.path) == (2, column)
    assert "digits other than 0-9" in problem.message
    assert bilingual(problem)


# --------------------------------------------------------------------------------------
# a folder where a file should be
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["scores.csv", "verdicts.csv", "judges.csv", "edition.yaml"])
def test_a_folder_named_like_a_table_is_an_error_not_a_missing_table(
    tmp_path: Path, name: str
) -> None:
    """A folder ``scores.csv`` is not "no scores" (every entry would drop for want of
    judges): it is an error naming the folder."""
    ed = folder(tmp_path, "id\nA-01\n")
    (ed / name).unlink(missing_ok=True)
    (ed / name).mkdir()
    [problem] = errors(ed)
    assert problem.file == str(ed / name)
    assert "is a folder, not a file" in problem.message
    assert bilingual(problem)


def test_a_folder_named_submissions_csv_is_not_reported_as_missing(tmp_path: Path) -> None:
    ed = folder(tmp_path, "id\nA-01\n")
    (ed / "submissions.csv").unlink()
    (ed / "submissions.csv").mkdir()
    [problem] = errors(ed)
    assert problem.rule == "not-a-file"


# --------------------------------------------------------------------------------------
# quoting
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("before", ["", "\n\n", ",,\n"])
def test_a_header_cell_with_a_line_break_starts_the_data_after_it(
    tmp_path: Path, newline: str, before: str
) -> None:
    """``"Judul<Alt+Enter>Inovasi"`` is one header cell (valid CSV, as Excel saves it):
    the data starts after it, and each row keeps its number."""
    text = before + 'id,"Judul\nInovasi",anggaran\nA-01,Satu,100\nA-02,Dua,abc\nA-03,Tiga,300\n'
    ed = folder(tmp_path, text.replace("\n", newline), yaml=NUMBER)
    [problem] = errors(ed)
    assert (problem.row, problem.path) == (before.count("\n") + 3, "anggaran")
    assert "'abc' is not a number" in problem.message


def test_a_header_with_a_line_break_reads_every_row(tmp_path: Path) -> None:
    ed = folder(tmp_path, 'id,"Judul\r\nInovasi"\r\nA-01,Satu\r\nA-02,"Dua\r\nbaris"\r\n')
    subs = read_edition(ed).submissions
    assert [(s.id, s.origin.row) for s in subs] == [("A-01", 2), ("A-02", 3)]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ('id,title\nA-01,"Aplikasi SIPADU\nA-02,Dua\nA-03,Tiga\n', 2),
        ('id,title\nA-01,"Satu\nbaris"\nA-02,Dua\nA-03,"Tiga\nA-04,Empat', 4),
        ('id,title\r\n\r\nA-01,Satu\r\nA-02,"Dua', 4),
        ('id,title\nA-01,"' + "x" * 200_000 + "\nA-02,Dua\n", 2),
        ('id,title\nA-01,Satu\nA-02,"Dua\nbaris"\nA-03,"' + "x" * 200_000 + "\nA-04,Empat\n", 4),
    ],
)
def test_a_quote_left_open_is_an_error_at_the_row_it_opens(
    tmp_path: Path, text: str, row: int
) -> None:
    """An open quote swallows every later row into one cell: an error naming the row,
    never one submission with a title of many rows."""
    ed = folder(tmp_path, text)
    [problem] = errors(ed)
    assert (problem.file, problem.row) == (str(ed / "submissions.csv"), row)
    assert "never closed" in problem.message
    assert bilingual(problem)


def test_a_lone_quote_inside_a_cell_is_kept(tmp_path: Path) -> None:
    ed = folder(tmp_path, 'id,title\nA-01,Layar 5" monitor\nA-02,"Dua, ""tiga"""\n')
    assert [s.title for s in read_edition(ed).submissions] == ['Layar 5" monitor', 'Dua, "tiga"']


# --------------------------------------------------------------------------------------
# rows larger than the parser's block
# --------------------------------------------------------------------------------------


def test_a_row_with_a_cell_over_the_limit_and_larger_than_a_block(tmp_path: Path) -> None:
    """A 5 MB cell: the cell-length limit, in both languages, not the parser's words."""
    ed = folder(tmp_path, "id,title\nA-01," + "x" * 5_000_000 + "\n")
    [problem] = errors(ed)
    assert problem.file == str(ed / "submissions.csv")
    assert problem.rule == "limit"
    assert "100,000 characters" in problem.message
    assert bilingual(problem)
    assert "block" not in problem.message


def test_a_header_cell_over_the_limit(tmp_path: Path) -> None:
    ed = folder(tmp_path, "id," + "t" * 1_100_000 + "\nA-01,x\n")
    [problem] = errors(ed)
    assert problem.rule == "limit"
    assert "header" in problem.message
    assert bilingual(problem)


def test_blank_lines_before_the_header_larger_than_a_block(tmp_path: Path) -> None:
    ed = folder(tmp_path, "\n" * 1_100_000 + "id,title\nA-01,x\n")
    [sub] = read_edition(ed).submissions
    assert (sub.id, sub.title, sub.origin.row) == ("A-01", "x", 1_100_002)


def test_a_row_larger_than_a_block_within_the_limits_is_read(tmp_path: Path) -> None:
    """40 cells of 75,000 letters: a 3 MB row, every cell within the limit."""
    header = "id,title," + ",".join(f"x{i}" for i in range(40))
    big = ",".join(["y" * 75_000] * 40)
    ed = folder(tmp_path, f"{header}\nA-01,t,{big}\nA-02,u,{','.join(['z'] * 40)}\n")
    subs = read_edition(ed).submissions
    assert [(s.id, s.origin.row, len(s.get("x3"))) for s in subs] == [
        ("A-01", 2, 75_000), ("A-02", 3, 1)
    ]


# --------------------------------------------------------------------------------------
# invisible characters and encodings
# --------------------------------------------------------------------------------------


def test_an_invisible_character_in_a_header_is_shown_escaped(tmp_path: Path) -> None:
    """``rename 'id\u200b' to 'id'`` says what to fix; ``rename 'id' to 'id'`` does not."""
    ed = folder(tmp_path, "id\u200b,title\nA-01,x\n")
    found = problems(ed)
    [missing] = [p for p in found if p.rule == "missing-column"]
    assert "rename 'id\\u200b' to 'id'" in (missing.hint or "")
    [unknown] = [p for p in found if p.rule == "unknown-column"]
    assert "'id\\u200b'" in unknown.message
    assert "\u200b" not in unknown.message + (missing.hint or "")


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-be-with-mark"])
def test_utf32_with_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    text = "id,title\nA-01,Kafé\n"
    if encoding == "utf-32":
        data = text.encode("utf-32")
    else:
        data = b"\x00\x00\xfe\xff" + text.encode("utf-32-be")
    ed = folder(tmp_path, data)
    assert [(s.id, s.title) for s in read_edition(ed).submissions] == [("A-01", "Kafé")]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_or_32_without_a_mark_names_the_encodings_read(tmp_path: Path, encoding: str) -> None:
    ed = folder(tmp_path, "id,title\nA-01,x\n".encode(encoding))
    [problem] = errors(ed)
    assert (problem.file, problem.rule) == (str(ed / "submissions.csv"), "encoding")
    assert "UTF-16 or UTF-32" in problem.message
    assert "UTF-8" in (problem.hint or "")
    assert bilingual(problem)


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_a_quote_that_ends_a_quoted_cell_early_is_a_warning_at_its_row(
    tmp_path: Path, encoding: str
) -> None:
    """``"Aplikasi "SIPADU" Desa`` is read as ``Aplikasi SIPADU" Desa``: a quote is lost,
    which the reader says, at the row."""
    text = 'id,title\nA-01,"Satu\nbaris"\nA-02,"Aplikasi "SIPADU" Désa"\nA-03,"Tiga ""x"""\n'
    ed = folder(tmp_path, text.encode(encoding))
    edition = read_edition(ed)
    assert [s.title for s in edition.submissions][1] == 'Aplikasi SIPADU" Désa"'
    [warning] = [w for w in edition.findings if w.rule == "csv-syntax"]
    assert (warning.file, warning.row) == (str(ed / "submissions.csv"), 3)
    assert bilingual(warning)


def test_quotes_written_as_csv_writes_them_give_no_warning(tmp_path: Path) -> None:
    ed = folder(tmp_path, 'id,title\nA-01,Layar 5" monitor\nA-02,"Dua, ""tiga"""\n')
    assert read_edition(ed).findings == ()
