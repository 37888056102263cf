"""Reading an edition from a folder of CSV files.

Each CSV file is decoded in Python (UTF-8, with or without a byte-order mark; UTF-16
or UTF-32 with one; else Windows-1252 or Latin-1, with a warning), its header found by the
``csv`` module (the first row that is not blank), and the rows after it parsed by
pyarrow straight into dictionary-encoded columns: one code per cell into the column's
distinct texts, the form :mod:`.builder` works on. A row of another width than the
header (pyarrow hands it back) is fitted as the spreadsheet meant it (trailing empty
cells dropped, missing trailing cells empty) or reported.
"""

from __future__ import annotations

import codecs
import collections
import csv
import difflib
import io
import itertools
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Final

import numpy as np

from ..errors import Problem
from ..yamlpos import bom_encoding
from .builder import _Cells, _finish
from .files import _too_big
from .grid import _first, _fit_row, _Grid, _Header, _read_grid_tables, _too_many_rows
from .meta import _Meta, _read_yaml_meta
from .model import Edition
from .problems import _Sink, _Where

#: The tables of a folder, each ``NAME.csv``.
TABLES: Final = ("submissions", "judges", "scores", "verdicts")

#: Files a folder may hold beside the tables, which this reader leaves alone.
OTHER_FILES: Final = frozenset({"outcomes.csv", "edition.yaml", "edition.yml"})

#: Names a table is sometimes given (in Indonesian), and the table they mean.
_SYNONYMS: Final = {
    "usulan": "submissions",
    "inovasi": "submissions",
    "peserta": "submissions",
    "juri": "judges",
    "penilai": "judges",
    "nilai": "scores",
    "skor": "scores",
    "penilaian": "scores",
    "putusan": "verdicts",
    "verifikasi": "verdicts",
}


def _meant_table(name: str, tables: Sequence[str]) -> str | None:
    """The table a file or sheet named ``name`` (without suffix) was probably meant to
    be: the same name in other letters, an Indonesian name, or a near miss."""
    low = name.strip().lower()
    if low in tables:
        return low
    if low in _SYNONYMS:
        return _SYNONYMS[low]
    close = difflib.get_close_matches(low, tables, n=1, cutoff=0.8)
    return close[0] if close else None


def _sniff(text: str) -> str:
    """The delimiter the header row uses: ``,`` unless it has ``;`` or tabs instead."""
    line = text[:65536].split("\n", 1)[0]
    counts = {d: line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _decode(raw: bytes) -> tuple[str, str, str]:
    """The text of ``raw``, the encoding it was read with and the first one tried."""
    marked = bom_encoding(raw)
    if marked != "utf-8-sig":  # UTF-16 or UTF-32
        encodings: tuple[str, ...] = (marked, "latin-1")
    elif raw.startswith(codecs.BOM_UTF8):
        encodings = ("utf-8-sig", "cp1252", "latin-1")
    else:
        encodings = ("utf-8", "cp1252", "latin-1")
    for encoding in encodings:
        try:
            return raw.decode(encoding), encoding, encodings[0]
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def _no_mark_wide(raw: bytes) -> bool:
    """Whether ``raw`` looks like UTF-16 or UTF-32 without a byte-order mark: a quarter
    or more of its start is NUL bytes (which no text in another encoding has)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        return False  # UTF-32-LE's mark starts as UTF-16-LE's
    start = raw[: 1 << 16]
    return bool(start) and start.count(0) * 4 >= len(start)


def _wide_without_mark(where: _Where) -> Problem:
    return Problem(
        "the file is full of NUL characters: it looks like UTF-16 or UTF-32 without a "
        "byte-order mark / berkas penuh karakter NUL: tampaknya UTF-16 atau UTF-32 tanpa "
        "penanda urutan byte (BOM)",
        file=where.file,
        path=where.table,
        hint="save it as CSV UTF-8; the encodings read are UTF-8, UTF-16 or UTF-32 with a "
        "byte-order mark, and Windows-1252 / simpan sebagai CSV UTF-8; yang dibaca: UTF-8, "
        "UTF-16 atau UTF-32 dengan BOM, dan Windows-1252",
        rule="encoding",
    )


def _broken(where: _Where) -> _Grid:
    return _Grid(where, None, (), lambda header, where, sink: None, broken=True)


def _csv_grid(path: str, table: str, sink: _Sink) -> _Grid | None:
    """The table in the CSV file ``path``, or ``None`` when there is no such file."""
    where = _Where("csv", path, table)
    if not os.path.isfile(path):
        if not os.path.lexists(path):
            return None
        sink.add(_not_a_file(path, table))
        return _broken(where)
    big = _too_big(path, table, sink.limits.file_bytes)
    if big is not None:
        sink.add(big)
        return _broken(where)
    raw = Path(path).read_bytes()
    if _no_mark_wide(raw):
        sink.error(where, _wide_without_mark(where))
        return _broken(where)
    ascii_only = raw.isascii()
    prefix = ascii_only and len(raw) > 1 << 16
    if ascii_only:  # UTF-8 already: only the start is decoded, to find the header
        text, encoding, first = raw[: 1 << 16].decode("ascii"), "utf-8", "utf-8"
    else:
        text, encoding, first = _decode(raw)
    if encoding != first:
        sink.add(
            Problem(
                f"the file is not UTF-8; it was read as {encoding} / berkas bukan "
                f"UTF-8, dibaca sebagai {encoding}",
                file=path,
                hint="save the file as CSV UTF-8 to be sure every letter is read correctly "
                "/ simpan berkas sebagai CSV UTF-8 agar setiap huruf terbaca benar",
                rule="encoding",
                level="warning",
            )
        )
    delimiter = _sniff(text)
    try:
        found = _header(text, delimiter)
        if prefix and (found is None or found[2] >= len(text)):
            # blank lines, or a header, beyond the start
            text = raw.decode("ascii")
            found = _header(text, delimiter)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            sink.error(where, _header_too_long(where, sink.limits.cell_chars))
        else:
            sink.error(where, _syntax(where, f"{exc}"))
        return _broken(where)
    if found is None:
        return _Grid(where, None, (), lambda header, where, sink: None)
    key, header_cells, header_end = found
    # a quote left open swallows every row after it into one cell, which neither pyarrow
    # nor the csv module reports: an odd number of quotes is the cheap sign of one
    # (most files hold no quote at all, and finding none is cheaper than counting)
    if b'"' in raw and (raw.count(b'"') if ascii_only else text.count('"')) % 2:
        opened = _open_quote(raw.decode("ascii") if ascii_only else text, delimiter)
        if opened is not None:
            sink.error(where, _unclosed(where, *opened))
            return _broken(where)
    # pyarrow reads what follows the header (its skip_rows counts lines, not records,
    # and gives up on more than a block of them). UTF-8 is read by pyarrow from the
    # file itself, from the header's end on: the file's bytes are not held while it
    # parses
    data: tuple[str, int] | bytes
    if encoding == "utf-8":
        data = (path, header_end if ascii_only else len(text[:header_end].encode()))
    elif encoding == "utf-8-sig":
        data = (path, len(codecs.BOM_UTF8) + len(text[:header_end].encode()))
    else:
        data = text[header_end:].encode("utf-8")
    del text, raw

    def body(header: _Header, where: _Where, sink: _Sink) -> _Cells | None:
        return _arrow_cells(data, delimiter, key, header, where, sink)

    return _Grid(where, key, header_cells, body)


def _not_a_file(path: str, table: str) -> Problem:
    """A table or ``edition.yaml`` that is a folder (or something else that is not a
    file): reported, not read as a missing table."""
    name = os.path.basename(path)
    if os.path.isdir(path):
        message = f"'{name}' is a folder, not a file / '{name}' adalah folder, bukan berkas"
    else:
        message = f"'{name}' is not a file / '{name}' bukan berkas"
    return Problem(
        message,
        file=path,
        path=table,
        hint=f"save the data as a file named {name} in its place / simpan datanya sebagai "
        f"berkas bernama {name} di tempatnya",
        rule="not-a-file",
    )


def _header(text: str, delimiter: str) -> tuple[int, Sequence[str], int] | None:
    """The first row of ``text`` that is not blank, its record number and where it ends
    in ``text`` (a quoted cell may hold line breaks, so a record may span lines); the
    csv module reads whole lines from the start until it finds it (not a copy of the
    file)."""
    size = 1 << 16
    while True:
        end = max(text.rfind("\n", 0, size), text.rfind("\r", 0, size)) + 1
        whole = size >= len(text) or end == 0
        chunk = text if whole else text[:end]
        consumed = 0

        def lines(chunk: str = chunk) -> Iterator[str]:
            nonlocal consumed
            for line in io.StringIO(chunk, newline=""):
                consumed += len(line)
                yield line

        reader = csv.reader(lines(), delimiter=delimiter)
        found = _first(enumerate(reader, 1))
        if found is not None:
            ends = consumed
            # a header that reaches the end of the chunk may go on beyond it
            if whole or next(reader, None) is not None:
                return found[0], found[1], ends
        elif whole:
            return None
        size *= 4


def _open_quote(text: str, delimiter: str) -> tuple[int, int] | None:
    """The record and line a quoted cell left open at the end of ``text`` starts on,
    or ``None`` when every quoted cell is closed."""
    consumed = 0

    def lines() -> Iterator[str]:
        nonlocal consumed
        for line in io.StringIO(text, newline=""):
            consumed += len(line)
            yield line

    reader = csv.reader(lines(), delimiter=delimiter)
    end, lines_read = 0, 0  # where the record read last ends
    start, line, last = 0, 1, 0  # where the last record starts, and its number
    try:
        for record, _ in enumerate(reader, 1):
            start, line, last = end, lines_read + 1, record
            end, lines_read = consumed, reader.line_num
        if last == 0:
            return None
        # the last record again, strictly: only it can end inside quotes
        tail = io.StringIO(text[start:], newline="")
        for _ in csv.reader(tail, delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            return last, line
        if "field limit" in str(exc):
            # a cell longer than the csv module's limit (far beyond a cell's own limit),
            # in a file with a quote too many: the quote that opens it is never closed
            return last + 1, lines_read + 1
    return None


def _stray_quotes(data: tuple[str, int] | bytes, delimiter: str, header_key: int) -> list[int]:
    """The records after the header (record ``header_key``) with a quoted cell that a
    quote in its middle ends early (``"Aplikasi "SIPADU" Desa``): read as
    ``Aplikasi SIPADU" Desa``, the quote dropped, which only a strict reading notices."""
    if isinstance(data, bytes):
        text = data.decode("utf-8", errors="replace")
    else:
        with open(data[0], "rb") as file:
            file.seek(data[1])
            text = file.read().decode("utf-8", errors="replace")
    # one strict reading at the csv module's speed: the count of records read so far
    # advances beside the reader, so an error's record is the next count
    found: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    counter = itertools.count(header_key + 1)
    while True:
        try:
            collections.deque(zip(reader, counter, strict=False), maxlen=0)
            break
        except csv.Error as exc:
            number = next(counter)  # the record the error is in
            if "expected after" in str(exc):
                found.append(number)
            elif "unexpected end of data" in str(exc) or "field limit" in str(exc):
                # (a cell beyond the csv module's limit is beyond a cell's own limit,
                # which the reading reports)
                break
    return found


def _stray(where: _Where, record: int) -> Problem:
    return Problem(
        "a quoted cell has a quote in its middle, so it ends there: the quote is dropped "
        "and the rest of the cell is read as written / sel bertanda kutip berisi tanda "
        "kutip di tengahnya, sehingga berakhir di situ: tanda kutip itu hilang",
        file=where.file,
        row=record,
        path=where.table,
        hint='inside a quoted cell, write a quote as two quotes ("") / di dalam sel bertanda '
        'kutip, tulis tanda kutip sebagai dua tanda kutip ("")',
        rule="csv-syntax",
    )


def _unclosed(where: _Where, record: int, line: int) -> Problem:
    at = f"row {record}" if record == line else f"row {record} (line {line} of the file)"
    baris = f"baris {record}" if record == line else f"baris {record} (baris {line} berkas)"
    return Problem(
        f"a quote opened in {at} is never closed, so every row after it would be read "
        f"into one cell / tanda kutip yang dibuka di {baris} tidak pernah ditutup, "
        "sehingga semua baris sesudahnya terbaca sebagai satu sel",
        file=where.file,
        row=record,
        path=where.table,
        hint='close the quote (") where the cell ends, or remove it / tutup tanda kutip (") '
        "di akhir sel itu, atau hapus tanda kutipnya",
        rule="csv-syntax",
    )


#: The bytes pyarrow parses at a time (its default); a row must fit in one.
_BLOCK: Final = 1 << 20


def _header_too_long(where: _Where, limit: int) -> Problem:
    most = csv.field_size_limit()
    return Problem(
        f"a cell of the header is longer than {most:,} characters; the limit is {limit:,} / "
        "isi sel judul terlalu panjang",
        file=where.file,
        path=where.table,
        hint="the first row must name the columns: shorten it / baris pertama berisi nama "
        "kolom: perpendek isinya",
        rule="limit",
    )


def _row_too_large(where: _Where, limit: int) -> Problem:
    return Problem(
        f"a row is too large: a cell in it is longer than the limit of {limit:,} characters "
        "/ baris terlalu besar: isi sel terlalu panjang",
        file=where.file,
        path=where.table,
        hint="shorten the text, or raise ReadLimits.cell_chars; a quote left open also "
        "makes one long cell / perpendek teksnya; tanda kutip yang tidak ditutup juga "
        "membuat satu sel panjang",
        rule="limit",
    )


def _syntax(where: _Where, message: str, line: int | None = None) -> Problem:
    return Problem(
        f"the file cannot be read as CSV / bukan CSV yang sah: {message}",
        file=where.file,
        line=line,
        path=where.table,
        rule="csv-syntax",
    )


def _arrow_cells(
    data: tuple[str, int] | bytes,
    delimiter: str,
    header_key: int,
    header: _Header,
    where: _Where,
    sink: _Sink,
) -> _Cells | None:
    """The rows after the header (record ``header_key``): ``data`` is the text after it,
    or a file and the byte the text after it starts at; parsed by pyarrow into codes
    per column; rows of another width are fitted row by row, or reported."""
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.csv as pa_csv  # type: ignore[import-untyped]

    width = header.width
    names = [f"c{i}" for i in range(width)]
    odd: list[tuple[int, str]] = []

    def invalid(row: Any) -> str:
        # pyarrow numbers the rows it reads (from the header's end on) from 1
        odd.append((header_key + int(row.number), str(row.text)))
        return "skip"

    def read(block_size: int) -> Any:
        odd.clear()
        source = pa.py_buffer(data) if isinstance(data, bytes) else pa.OSFile(data[0])
        if not isinstance(data, bytes):
            source.seek(data[1])
        try:
            return pa_csv.read_csv(
                source,
                read_options=pa_csv.ReadOptions(
                    column_names=names, use_threads=False, block_size=block_size
                ),
                parse_options=pa_csv.ParseOptions(
                    delimiter=delimiter,
                    quote_char='"',
                    double_quote=True,
                    escape_char=False,
                    newlines_in_values=True,
                    ignore_empty_lines=False,
                    invalid_row_handler=invalid,
                ),
                convert_options=pa_csv.ConvertOptions(
                    # straight into codes: no column of millions of strings
                    column_types=dict.fromkeys(names, pa.dictionary(pa.int32(), pa.string())),
                    null_values=[],
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                    check_utf8=True,
                ),
            )
        finally:
            if not isinstance(data, bytes):
                source.close()

    try:
        try:
            table = read(_BLOCK)
        except pa.ArrowInvalid as exc:
            if "straddl" not in str(exc):
                raise
            # a row larger than pyarrow's block: read again in blocks as large as the
            # largest row the limits allow (every cell at the longest, in 4-byte
            # letters), or the whole text when that is smaller
            size = len(data) if isinstance(data, bytes) else os.path.getsize(data[0]) - data[1]
            most = width * (4 * sink.limits.cell_chars + 3) + 2
            if most < size + 1 and most <= _BLOCK:
                sink.error(where, _row_too_large(where, sink.limits.cell_chars))
                return None
            try:
                table = read(min(most, size + 1))
            except pa.ArrowInvalid as again:
                if "straddl" not in str(again):
                    raise
                sink.error(where, _row_too_large(where, sink.limits.cell_chars))
                return None
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        if "Empty CSV file" in str(exc):
            return _Cells(
                where,
                list(header.names),
                [np.zeros(0, np.int32) for _ in range(width)],
                [[] for _ in range(width)],
                np.zeros(0, dtype=np.int64),
            )
        sink.error(where, _syntax(where, str(exc).split("\n")[0]))
        return None
    rows = int(table.num_rows)
    if rows + len(odd) > sink.limits.rows:
        _too_many_rows(where, rows + len(odd), sink)
        return None
    codes: list[np.ndarray[Any, np.dtype[np.int32]]] = []
    values: list[list[object]] = []
    quoted = False
    if table.num_columns and rows:
        table = table.unify_dictionaries()  # one dictionary per column, in first-seen order
    for k in range(width):
        chunks = table.column(k).chunks if rows else []
        if not chunks:
            codes.append(np.zeros(0, dtype=np.int32))
            values.append([])
            continue
        # the codes straight from the Arrow buffers (Array.to_numpy would import pandas)
        codes.append(
            np.concatenate(
                [
                    np.frombuffer(
                        c.indices.buffers()[1],
                        dtype=np.int32,
                        count=len(c.indices),
                        offset=c.indices.offset * 4,
                    )
                    for c in chunks
                ]
            )
        )
        distinct = chunks[0].dictionary.to_pylist()
        quoted = quoted or any('"' in v for v in distinct)
        values.append(distinct)
    del table
    if quoted:  # a quote in a cell: perhaps a quoted cell that a quote cut short
        for number in _stray_quotes(data, delimiter, header_key):
            sink.warn(where, _stray(where, number))
    # hand the parse's buffers back (Arrow's allocator keeps freed memory for reuse)
    pa.default_memory_pool().release_unused()
    # the record of each row: every record after the header, but those handed back
    first = header_key + 1
    keys = np.arange(first, first + rows + len(odd), dtype=np.int64)
    if odd:
        keys = np.delete(keys, [number - first for number, _ in odd])
    fitted = _fit_odd(odd, delimiter, header, where, sink)
    if fitted:
        lookups = [{v: c for c, v in enumerate(vals)} for vals in values]
        extra_codes: list[list[int]] = [[] for _ in range(width)]
        for _, cells in fitted:
            for k, cell in enumerate(cells):
                code = lookups[k].get(cell)
                if code is None:
                    code = lookups[k][cell] = len(values[k])
                    values[k].append(cell)
                extra_codes[k].append(code)
        keys = np.concatenate((keys, np.asarray([key for key, _ in fitted], dtype=np.int64)))
        order = np.argsort(keys, kind="stable")
        codes = [
            np.concatenate((c, np.asarray(e, dtype=np.int32)))[order]
            for c, e in zip(codes, extra_codes, strict=True)
        ]
        keys = keys[order]
    return _Cells(where, list(header.names), codes, values, keys)


def _fit_odd(
    odd: list[tuple[int, str]], delimiter: str, header: _Header, where: _Where, sink: _Sink
) -> list[tuple[int, Sequence[str]]]:
    """The rows pyarrow handed back (another width than the header), each read by the
    csv module and fitted to the header, or reported."""
    fitted: list[tuple[int, Sequence[str]]] = []
    for number, text in odd:
        try:
            parsed = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as exc:
            sink.error(where, _syntax(where, f"{exc}", number))
            continue
        cells = [cell for row in parsed for cell in row]
        fit = _fit_row(cells, header, number, where, sink, False)
        if fit is not None:
            fitted.append((number, list(fit)))
    return fitted


def _unknown_files(folder: Path, sink: _Sink) -> None:
    """Report the files of ``folder`` that look like a table under another name (an
    error: the table would be missing) and other CSV files (a warning)."""
    try:
        entries = sorted(p for p in folder.iterdir() if p.is_file())
    except OSError:  # pragma: no cover - the folder was readable a moment ago
        return
    expected = ", ".join(f"{t}.csv" for t in TABLES)
    for entry in entries:
        name = entry.name
        stem, suffix = entry.stem, entry.suffix.lower()
        if name in OTHER_FILES or name in {f"{t}.csv" for t in TABLES}:
            continue
        if suffix not in (".csv", ".tsv", ".txt", ".xlsx", ".xls"):
            continue
        meant = _meant_table(stem, TABLES)
        if meant is not None and not (folder / f"{meant}.csv").is_file():
            sink.add(
                Problem(
                    f"'{name}' is not read: did you mean '{meant}.csv'? / berkas '{name}' "
                    f"tidak dibaca: maksudnya '{meant}.csv'?",
                    file=str(entry),
                    hint=f"rename it to {meant}.csv (names are lower case); the files read "
                    f"are {expected} / ganti namanya menjadi {meant}.csv (huruf kecil); berkas "
                    f"yang dibaca: {expected}",
                    rule="unknown-file",
                )
            )
        elif suffix == ".csv" and name.lower() != "outcomes.csv":
            sink.add(
                Problem(
                    f"'{name}' is not read / berkas '{name}' tidak dibaca",
                    file=str(entry),
                    hint=f"the files read are / berkas yang dibaca: edition.yaml, {expected}",
                    rule="unknown-file",
                    level="warning",
                )
            )


def _read_folder(folder: Path, sink: _Sink) -> Edition:
    files: dict[str, str] = {}
    meta_path = folder / "edition.yaml"
    if not meta_path.is_file() and (folder / "edition.yml").is_file():
        meta_path = folder / "edition.yml"
    meta: _Meta | None = None
    if meta_path.exists() and not meta_path.is_file():
        sink.add(_not_a_file(str(meta_path), ""))
    elif meta_path.is_file():
        meta = _read_yaml_meta(str(meta_path), sink)
        files["edition"] = str(meta_path)
    _unknown_files(folder, sink)

    def where(table: str) -> _Where:
        return _Where("csv", str(folder / f"{table}.csv"), table)

    def open_table(table: str) -> _Grid | None:
        path = str(folder / f"{table}.csv")
        grid = _csv_grid(path, table, sink)
        if grid is not None:
            files[table] = path
        return grid

    t = _read_grid_tables(meta or _Meta(id=""), open_table, where, sink)
    return _finish(
        meta or _Meta(id=""),
        submissions=t.submissions,
        judges=t.judges or [],
        scores=t.scores,
        verdicts=t.verdicts,
        source=str(folder),
        files=files,
        sink=sink,
    )
