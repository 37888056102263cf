"""Reading an edition from one Excel workbook."""

from __future__ import annotations

import datetime
import decimal
import itertools
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NoReturn

from ..errors import Problem
from .builder import _finish
from .cells import _text
from .files import _too_big
from .folder import TABLES, _meant_table
from .grid import _first, _Grid, _read_grid_tables, _rows_body
from .meta import _iso_dates, _Meta, _parse_meta
from .model import Edition
from .problems import _col_letter, _Sink, _Where

# ---------------------------------------------------------------------------------------
# Excel
# ---------------------------------------------------------------------------------------


#: The rows of a sheet refused before it is read (reported).
_REFUSED: Iterator[tuple[int, Sequence[Any]]] = iter(())


def _read_xlsx(path: str, sink: _Sink) -> Edition:
    try:
        import openpyxl
    except ImportError:
        sink.add(
            Problem(
                "reading Excel workbooks needs openpyxl / membaca Excel butuh openpyxl",
                file=path,
                hint='pip install "inovasi-rules[excel]"',
                rule="missing-dependency",
            )
        )
        sink.raise_if_errors()
        raise AssertionError("unreachable") from None  # pragma: no cover
    big = _too_big(path, "workbook", sink.limits.file_bytes)
    if big is not None:
        sink.add(big)
        sink.raise_if_errors()
    _check_unzipped(path, sink)
    # opened here, and closed here: openpyxl leaves the file open when it fails half-way
    try:
        handle = open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        sink.add(Problem(f"the workbook cannot be read / buku kerja tidak bisa dibaca: {exc.strerror}",
                         file=path, hint="check that the file exists and may be read / periksa bahwa berkas itu ada "
                         "dan boleh dibaca", rule="excel"))
        sink.raise_if_errors()
        raise AssertionError("unreachable") from None  # pragma: no cover
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
                # the same sheets with their formulas: a formula whose value Excel did not
                # save reads as an empty cell in ``workbook``, and is told apart here
                formulas = (
                    openpyxl.load_workbook(handle, read_only=True, data_only=False)
                    if _has_formulas(path)
                    else None
                )
            except Exception as exc:  # openpyxl raises many kinds for a broken file
                sink.add(
                    Problem(
                        f"the workbook cannot be opened / buku kerja tidak bisa dibuka: {exc}",
                        file=path,
                        hint="save it again from Excel as .xlsx / simpan ulang dari Excel sebagai .xlsx",
                        rule="excel",
                    )
                )
                sink.raise_if_errors()
        # the workbook is opened twice: each warning once
        for message in dict.fromkeys(str(warning.message) for warning in caught):
            sink.add(Problem(f"openpyxl: {message} / peringatan openpyxl saat membaca buku kerja", file=path,
                             rule="excel", level="warning"))
        try:
            sheets = _sheet_tables(workbook.sheetnames, path, sink)
            _unknown_sheets(workbook.sheetnames, path, sink)

            def sheet_rows(table: str) -> Iterator[tuple[int, Sequence[Any]]] | None:
                name = sheets.get(table)
                if name is None:
                    return None
                try:
                    worksheet = workbook[name]
                    formula_sheet = formulas[name] if formulas is not None else None
                    # the size the sheet declares: refused before a row is read when too
                    # large (a sheet may declare less than it holds: the rows are counted
                    # as read too)
                    rows, columns = worksheet.max_row or 0, worksheet.max_column or 0
                except Exception as exc:  # the sheet's XML is broken
                    _unreadable_sheet(exc, path, name, sink)
                    raise AssertionError("unreachable") from None  # pragma: no cover
                if rows > sink.limits.rows or columns > sink.limits.columns:
                    sink.error(
                        _Where("xlsx", path, name),
                        Problem(
                            f"the sheet '{name}' declares {rows:,} rows and {columns:,} columns; "
                            f"the limits are {sink.limits.rows:,} and {sink.limits.columns:,} / "
                            "lembar terlalu besar",
                            file=path,
                            path=str(name),
                            hint="delete the empty rows and columns below and right of the data, "
                            "or raise ReadLimits.rows and ReadLimits.columns / hapus baris dan "
                            "kolom kosong di bawah dan di kanan data, atau naikkan ReadLimits.rows "
                            "dan ReadLimits.columns",
                            rule="limit",
                        ),
                    )
                    return _REFUSED
                worksheet.reset_dimensions()
                if formula_sheet is None:
                    return _sheet_rows(
                        worksheet.iter_rows(values_only=True), None, path, name, sink
                    )
                formula_sheet.reset_dimensions()
                return _sheet_rows(
                    worksheet.iter_rows(),  # cells, with their types
                    formula_sheet.iter_rows(values_only=True),
                    path,
                    name,
                    sink,
                )

            meta_rows = sheet_rows("edition")
            files = dict.fromkeys(("submissions", "judges", "scores", "verdicts"), path)
            if meta_rows is not None:
                meta = _xlsx_meta(meta_rows, path, sink)
                files["edition"] = path
            else:
                meta = _Meta(id="")

            def where(table: str) -> _Where:
                return _Where("xlsx", path, sheets.get(table, table))

            def open_table(table: str) -> _Grid | None:
                rows = sheet_rows(table)
                if rows is None:
                    files.pop(table, None)
                    return None
                if rows is _REFUSED:
                    return _Grid(where(table), None, (), _rows_body(rows, pad=True), broken=True)
                found = _first(rows)
                if found is None:
                    return _Grid(where(table), None, (), _rows_body(rows, pad=True))
                key, header_cells = found
                return _Grid(where(table), key, header_cells, _rows_body(rows, pad=True))

            t = _read_grid_tables(meta, open_table, where, sink)
        finally:
            workbook.close()
            if formulas is not None:
                formulas.close()
    finally:
        handle.close()
    return _finish(
        meta,
        submissions=t.submissions,
        judges=t.judges or [],
        scores=t.scores,
        verdicts=t.verdicts,
        source=path,
        files=files,
        sink=sink,
    )


def _xlsx_meta(rows: Iterator[tuple[int, Sequence[Any]]], path: str, sink: _Sink) -> _Meta:
    """The ``edition`` sheet: key/value rows (an optional ``key | value`` header);
    ``parameters.NAME`` and ``fields.NAME`` keys build those mappings."""
    raw: dict[str, object] = {}
    cells_of: dict[str, str] = {}
    parameters: dict[str, object] = {}
    fields: dict[str, object] = {}
    row_of: dict[str, int] = {}
    for key, cells in rows:
        name = _text(cells[0]).strip() if cells else ""
        value = cells[1] if len(cells) > 1 else None
        if not name or (key == 1 and name.lower() == "key"):
            continue
        if name in row_of:
            first = row_of[name]
            sink.add(
                Problem(
                    f"the key '{name}' is written twice, in rows {first} and {key} / "
                    f"kunci '{name}' ditulis dua kali, di baris {first} dan {key}",
                    file=path,
                    row=key,
                    path=f"edition!A{key}",
                    hint="keep one of the two rows and delete the other / simpan salah satu baris, hapus yang lain",
                    rule="duplicate-key",
                )
            )
            continue
        row_of[name] = key
        cells_of[name] = f"edition!B{key}"
        if isinstance(value, float):
            value = int(value) if value.is_integer() else decimal.Decimal(repr(value))
        elif isinstance(value, datetime.datetime) and value.time() == datetime.time():
            value = value.date()
        elif isinstance(value, str):
            value = value.strip() or None
        if name.startswith("parameters."):
            parameters[name.split(".", 1)[1]] = value
            cells_of.setdefault("parameters", cells_of[name])
        elif name.startswith("fields."):
            fields[name.split(".", 1)[1]] = value
            cells_of.setdefault("fields", cells_of[name])
        else:
            raw[name] = value
    if parameters:
        raw["parameters"] = _iso_dates(parameters)
    if fields:
        raw["fields"] = fields

    def locate(key: str) -> Callable[..., Problem]:
        cell = cells_of.get(key) or cells_of.get(key.split(".")[0], "edition")

        def make(message: str, *, hint: str | None = None, rule: str = "edition") -> Problem:
            return Problem(message, file=path, path=cell, hint=hint, rule=rule)

        return make

    return _parse_meta(raw, locate, sink)


def _sheet_tables(names: Sequence[str], path: str, sink: _Sink) -> dict[str, str]:
    """The sheet of each table (``edition`` and the four tables), by name in any letter
    case and spacing; two sheets that name one table are an error (only the first
    would be read)."""
    known = {"edition", *TABLES}
    sheets: dict[str, str] = {}
    for name in names:
        low = str(name).strip().lower()
        if low not in sheets:
            sheets[low] = name
        elif low in known:
            first = sheets[low]
            sink.add(
                Problem(
                    f"the sheets '{first}' and '{name}' both name the table '{low}' / "
                    f"lembar '{first}' dan '{name}' sama-sama bernama '{low}'",
                    file=path,
                    path=str(name),
                    hint="merge the two sheets into one, or rename or delete one of them "
                    "(names are read in any letter case, spaces around them ignored) / gabungkan "
                    "kedua lembar, atau ganti nama atau hapus salah satunya (huruf besar-kecil dan "
                    "spasi di sekitar nama tidak dibedakan)",
                    rule="duplicate-sheet",
                )
            )
    return sheets


def _unreadable_sheet(exc: Exception, path: str, name: str, sink: _Sink) -> NoReturn:
    """Report a sheet whose XML cannot be read, and stop."""
    sink.add(
        Problem(
            f"the sheet '{name}' cannot be read: its content is damaged or not a plain "
            f"sheet ({type(exc).__name__}: {str(exc)[:200]}) / lembar '{name}' tidak bisa "
            "dibaca: isinya rusak",
            file=path,
            path=str(name),
            hint="open the workbook in Excel and save it again as .xlsx, or save the sheet "
            "as a CSV file / buka buku kerja di Excel lalu simpan lagi sebagai .xlsx, atau "
            "simpan lembar itu sebagai berkas CSV",
            rule="excel",
        )
    )
    sink.raise_if_errors()
    raise AssertionError("unreachable")  # pragma: no cover


def _sheet_rows(
    rows: Iterator[Sequence[Any]],
    formulas: Iterator[Sequence[Any]] | None,
    path: str,
    name: str,
    sink: _Sink,
) -> Iterator[tuple[int, Sequence[Any]]]:
    """The rows of a sheet with their row numbers: its saved values (``rows``), or,
    when ``formulas`` is given (the same sheet read without the saved values), its
    cells beside its formulas. A formula whose value Excel did not save (a workbook
    written by another program) is reported, not read as an empty cell; after the
    first row that is not blank (the header), a row with one is left out, reported.
    A sheet whose XML cannot be read is reported and stops the read."""
    where = _Where("xlsx", path, name)
    pairs = zip(rows, formulas if formulas is not None else itertools.repeat(()), strict=False)
    key = 0
    started = False
    while True:
        try:
            pair = next(pairs, None)
        except Exception as exc:  # the XML parser's errors, and openpyxl's own
            _unreadable_sheet(exc, path, name, sink)
        if pair is None:
            return
        key += 1
        cells, written = pair
        unsaved: list[int] = []
        if formulas is not None:
            # a formula's empty text is saved as an empty value of type "str"
            unsaved = [
                i for i, cell in enumerate(cells)
                if cell.value is None and cell.data_type != "str"
                and i < len(written) and written[i] is not None
            ]
            cells = tuple(cell.value for cell in cells)
        for i in unsaved:
            cell = f"{_col_letter(i + 1)}{key}"
            sink.error(
                where,
                Problem(
                    f"the cell {cell} holds a formula whose value was not saved / sel "
                    f"{cell} berisi rumus yang nilainya tidak tersimpan",
                    file=path,
                    row=key,
                    column=i + 1,
                    path=f"{name}!{cell}",
                    hint="open the workbook in Excel (or LibreOffice) and save it, so the "
                    "values of its formulas are saved with it; or type the value instead of "
                    "the formula / buka buku kerja di Excel (atau LibreOffice) lalu simpan, "
                    "agar nilai rumusnya ikut tersimpan; atau ketik nilainya, bukan rumusnya",
                    rule="excel-formula",
                ),
            )
        if unsaved and started:
            continue
        started = started or any(v is not None for v in cells)
        yield key, cells


#: A formula in a sheet's XML: ``<f>``, ``<f t="shared" ...>``, ``<x:f>``.
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")


def _has_formulas(path: str) -> bool:
    """Whether a sheet of the workbook holds a formula: read from the zip file without
    parsing the XML, so a workbook of plain values is parsed once. (Its size is
    checked already: see :func:`_check_unzipped`.)"""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if not info.filename.startswith("xl/worksheets/"):
                    continue
                with archive.open(info) as member:
                    tail = b""
                    while chunk := member.read(1 << 20):
                        if _FORMULA.search(tail + chunk):
                            return True
                        tail = chunk[-16:]
    except Exception:  # a damaged or encrypted zip file: openpyxl says what is wrong
        return True
    return False


def _check_unzipped(path: str, sink: _Sink) -> None:
    """Refuse a workbook that unzips to more than the limits allow, before it is opened
    (a workbook is a zip file: a small one can unzip to gigabytes)."""
    limit = sink.limits.xlsx_bytes
    try:
        with zipfile.ZipFile(path) as archive:
            size = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip file: openpyxl says so, located
    if size > limit:
        sink.add(
            Problem(
                f"the workbook unzips to {size:,} bytes; the limit is {limit:,} / buku kerja "
                "terlalu besar setelah dibuka",
                file=path,
                path="workbook",
                hint="save the data as CSV files in a folder, or raise ReadLimits.xlsx_bytes / simpan "
                "datanya sebagai berkas CSV dalam satu folder, atau naikkan ReadLimits.xlsx_bytes",
                rule="limit",
            )
        )
        sink.raise_if_errors()


def _unknown_sheets(names: Sequence[str], path: str, sink: _Sink) -> None:
    """Report the sheets this reader does not read: an error when a sheet looks like a
    table under another name (the table would be missing), else a warning."""
    known = {"edition", *TABLES}
    present = {str(n).strip().lower() for n in names}
    expected = ", ".join(("edition", *TABLES))
    for name in names:
        low = str(name).strip().lower()
        if low in known:
            continue
        meant = _meant_table(low, TABLES)
        if meant is not None and meant not in present:
            sink.add(
                Problem(
                    f"the sheet '{name}' is not read: did you mean '{meant}'? / lembar "
                    f"'{name}' tidak dibaca: maksudnya '{meant}'?",
                    file=path,
                    path=str(name),
                    hint=f"rename the sheet to '{meant}'; the sheets read are {expected} / ganti nama "
                    f"lembar menjadi '{meant}'; lembar yang dibaca: {expected}",
                    rule="unknown-sheet",
                )
            )
        else:
            sink.add(
                Problem(
                    f"the sheet '{name}' is not read / lembar '{name}' tidak dibaca",
                    file=path,
                    path=str(name),
                    hint=f"the sheets read are / lembar yang dibaca: {expected}",
                    rule="unknown-sheet",
                    level="warning",
                )
            )
