"""The result as tables: one row per submission and stage reached (CSV and the
workbook's first sheet), and the findings (the workbook's second sheet).

Rows are made one at a time from the result, so a writer streams them out without
holding a second copy of the whole result. Text cells that a spreadsheet would run as
a formula are neutralised (:func:`safe_text`); numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from os import PathLike
from typing import IO, TYPE_CHECKING, Any

from ..errors import InovasiRulesError
from ..messages import language

if TYPE_CHECKING:
    from .model import Result

__all__ = ["FINDING_COLUMNS", "ROW_COLUMNS", "finding_rows", "outcome_rows", "safe_text", "to_csv", "write_xlsx"]

#: The columns of the table of outcomes (CSV and the workbook's ``hasil`` sheet).
#: Columns are only ever added at the end, so a reader by position keeps working.
ROW_COLUMNS = ("submission_id", "title", "stage", "status", "score", "base_score", "rank", "awards", "reasons",
               "registered")
#: The columns of the workbook's ``temuan`` (findings) sheet.
FINDING_COLUMNS = ("level", "rule", "file", "line", "row", "path", "message", "hint")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: The reported fields the table shows.
_SHOWN_FIELDS = ("registered",)

Cell = str | int | Decimal | None


def safe_text(text: str) -> str:
    """``text`` as a spreadsheet shows it and never runs: a cell that starts with
    ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to Excel and
    LibreOffice (a title such as ``=HYPERLINK(...)`` in an uploaded file would run
    when an official opens the result), so it gets a leading ``'``, as OWASP advises.

    >>> safe_text("=1+1"), safe_text("-keren"), safe_text("Bank Sampah")
    ("'=1+1", "'-keren", 'Bank Sampah')
    """
    return "'" + text if text.startswith(_FORMULA_START) else text


def outcome_rows(result: Result, lang: str = "id") -> Iterator[tuple[Cell, ...]]:
    """One row per submission and stage reached: status, score, rank, awards, and the
    reasons of the checks it failed (or that lacked data), in ``lang``. Made from the
    evaluation's compact rows, one at a time (no result objects made)."""
    language(lang)
    from .model import submission_rows

    for sid, title, outcomes, grants, fields in submission_rows(result.submissions, _SHOWN_FIELDS, failing=True):
        awards = safe_text(";".join(g.award for g in grants))
        sid, title = safe_text(sid), safe_text(title or "")
        registered = safe_text(str(fields.get("registered", "")))
        for stage, status, score, base, rank, *_, reasons in outcomes:
            text = " | ".join([f"{r.rule}: {r.message.text(lang)}" for r in reasons])
            yield (sid, title, safe_text(stage), status, score, base, rank, awards, safe_text(text),
                   registered)


def finding_rows(result: Result) -> Iterator[tuple[Cell, ...]]:
    """One row per finding."""
    for p in result.findings:
        yield (p.level, safe_text(p.rule), safe_text(p.file or ""), p.line, p.row, safe_text(p.path),
               safe_text(p.message), safe_text(p.hint or ""))


def to_csv(result: Result, lang: str = "id") -> str:
    """The table of outcomes as CSV text (the header, then one row per submission and
    stage; empty cells for no score or rank)."""
    language(lang)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(ROW_COLUMNS)
    w.writerows(
        [sid, title, stage, status, "" if score is None else str(score),
         "" if base is None else str(base), "" if rank is None else rank, awards, reasons, registered]
        for sid, title, stage, status, score, base, rank, awards, reasons, registered
        in outcome_rows(result, lang)
    )
    return buf.getvalue()


def write_xlsx(result: Result, target: str | PathLike[str] | IO[bytes], lang: str = "id") -> None:
    """Write the result as an Excel workbook: the sheet ``hasil`` (the table of
    outcomes, scores and ranks as numbers) and ``temuan`` (the findings).

    Needs XlsxWriter (``pip install "inovasi-rules[excel]"``); the workbook is written
    row by row (its constant-memory mode), without a second copy of the result. Text is
    always written as text (never as a formula, a number or a link).
    """
    language(lang)
    try:
        import xlsxwriter
    except ImportError:
        raise InovasiRulesError(
            'menulis Excel butuh XlsxWriter: pip install "inovasi-rules[excel]" / '
            'writing Excel workbooks needs XlsxWriter: pip install "inovasi-rules[excel]"'
        ) from None
    # The workbook is zipped into memory (a small fraction of the rows' size) and only
    # then written to ``target``: a failure leaves no file, and writing it fails as
    # writing any file does (OSError).
    packed = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="inovasi-rules-xlsx-") as scratch:
        book = xlsxwriter.Workbook(packed, {"constant_memory": True, "tmpdir": scratch})
        try:
            _fill(book, result, lang)
            book.close()
        except BaseException:
            # the rows so far are in files of ``scratch``, still open: closed here,
            # removed with it
            for sheet in book.worksheets():
                handle = getattr(sheet, "row_data_fh", None)
                if handle is not None:
                    handle.close()
            raise
    if isinstance(target, (str, PathLike)):
        with open(target, "wb") as file:
            file.write(packed.getbuffer())
    else:
        target.write(packed.getbuffer())


def _fill(book: Any, result: Result, lang: str) -> None:
    for name, header, rows in (("hasil", ROW_COLUMNS, outcome_rows(result, lang)),
                               ("temuan", FINDING_COLUMNS, finding_rows(result))):
        sheet = book.add_worksheet(name)
        text, number = sheet.write_string, sheet.write_number
        for c, title in enumerate(header):
            text(0, c, title)
        for r, row in enumerate(rows, start=1):
            for c, cell in enumerate(row):
                if cell is None or cell == "":
                    continue
                if text(r, c, cell) if type(cell) is str else number(r, c, cell):
                    raise _beyond_excel(name, r, c)


def _beyond_excel(sheet: str, row: int, column: int) -> InovasiRulesError:
    """What XlsxWriter refuses rather than write: more than 1,048,576 rows, or a text
    of more than 32,767 characters in one cell (it would cut the text short)."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    cell = f"{sheet}!{xl_rowcol_to_cell(row, column)}"
    return InovasiRulesError(
        f"sel {cell} melebihi batas Excel (1.048.576 baris, 32.767 karakter per sel); "
        f"tulis hasilnya sebagai CSV atau JSON / cell {cell} is beyond Excel's limits "
        f"(1,048,576 rows, 32,767 characters a cell); write the result as CSV or JSON"
    )

