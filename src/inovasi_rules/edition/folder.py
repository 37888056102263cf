"""Reading an edition from a folder of CSV files."""

from __future__ import annotations

import codecs
import csv
import decimal
import importlib
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Final, TypeVar

import attrs
import numpy as np
import numpy.typing as npt

from ..errors import Problem
from .builder import _finish, _first_positions, _first_seen_order
from .cells import _SCORE_ALIASES, _SCORE_COLUMNS, _finite_decimal, _parse_decimal
from .files import _too_big
from .grid import _GridConsumer, _Header, _map_header, _read_grid_tables, _ScoresConsumer
from .meta import _Meta, _read_yaml_meta
from .model import _NO_SCORES, Edition, Judge
from .problems import _Bad, _Sink, _Where
from .scoretable import Codes, ScoreTable

_T = TypeVar("_T")


# ---------------------------------------------------------------------------------------
# The fast path for large scores.csv files
# ---------------------------------------------------------------------------------------

#: A ``scores.csv`` larger than this (in bytes; about 50,000 rows) is first read by the fast
#: path (smaller files read row by row faster than pyarrow can be imported):
#: pyarrow's native CSV parser and numpy build the score table's columns without a
#: Python loop per row. The fast path takes only a file it finds clean (every id known,
#: every score a number, no duplicates, no blank or odd rows, UTF-8 without a
#: byte-order mark); anything else is read row by row, with the same result either way.
#: A module attribute so that a host (or a test) can change it.
FAST_SCORES_MIN_BYTES = 2 * 1024 * 1024


def _combined_key(columns: Sequence[Codes], sizes: Sequence[int]) -> npt.NDArray[np.int64]:
    """One int64 per row that is equal for two rows exactly when all their codes are."""
    n = columns[0].size if columns else 0
    key = np.zeros(n, dtype=np.int64)
    top = 1  # key < top
    for codes, size in zip(columns, sizes, strict=True):
        if top * size >= 2**62:  # renumber the keys so far densely to avoid overflow
            dense = np.unique(key, return_inverse=True)[1].reshape(-1)
            key = dense.astype(np.int64)
            top = int(key.max()) + 1 if n else 1
        key = key * size + codes
        top *= max(size, 1)
    return key


#: The fast path checks a file in blocks of this many bytes.
_SCAN_BLOCK: Final = 1 << 23


@attrs.frozen
class _Scan:
    """What :func:`_scan_csv` found out about a file."""

    head: bytes  # its first 64 KiB, for _sniff
    header: str  # its first line
    lines: int  # line ends, plus one for a last line without one


def _csv_head(path: str) -> tuple[bytes, str] | None:
    """The first 64 KiB of ``path`` and its first line (the header), or ``None`` when
    the file is empty or starts with a byte-order mark, or the header is not UTF-8,
    has a quote or does not end within those 64 KiB."""
    with open(path, "rb") as f:
        head = f.read(65536)
    if not head or head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    ends = [i for i in (head.find(b"\n"), head.find(b"\r")) if i >= 0]
    if not ends and len(head) == 65536:
        return None  # a header this long is no score header
    try:
        header = head[: min(ends, default=len(head))].decode("utf-8")
    except UnicodeDecodeError:
        return None
    if '"' in header:
        return None
    return head, header


def _scan_csv(path: str) -> _Scan | None:
    """Read ``path`` in blocks and check what pyarrow does not: UTF-8 without a
    byte-order mark or NUL, a first line (the header) without quotes, and an even number
    of quotes (an odd one may be a quote left open at the end, holding the last line
    end). ``None`` when a check fails."""
    found = _csv_head(path)
    if found is None:
        return None
    head, header = found
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = quotes = 0
    last = b""  # the last byte of the previous block
    with open(path, "rb") as f:
        while block := f.read(_SCAN_BLOCK):
            if b"\0" in block:
                return None
            if not block.isascii():
                try:
                    decoder.decode(block)
                except UnicodeDecodeError:
                    return None
            elif decoder.getstate()[0]:
                return None  # a character cut short
            lines += block.count(b"\n")
            # (`in` finds a byte several times faster than `count` counts them: most
            # files have no carriage return and no quote at all)
            if b"\r" in block:
                lines += block.count(b"\r") - block.count(b"\r\n")
            if last == b"\r" and block.startswith(b"\n"):
                lines -= 1  # a \r\n across two blocks
            if b'"' in block:
                quotes += block.count(b'"')
            last = block[-1:]
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    if quotes % 2:
        return None
    if last not in (b"\n", b"\r"):
        lines += 1
    return _Scan(head, header, lines)


@attrs.frozen
class _ParsedScores:
    """The first half of the fast path (see :func:`_parse_scores`)."""

    header: _Header
    rows: int  # records (the header not counted)
    indices: list[Codes]  # per score column, in _SCORE_COLUMNS order: codes into texts
    texts: list[list[str]]  # per score column: its distinct cells, in first-seen order


def _parse_scores(path: str, where: _Where) -> _ParsedScores | None:
    """The part of :func:`_fast_scores` that needs nothing but the file: check it
    (:func:`_scan_csv`, the header) and parse it with pyarrow into codes per column.
    ``None`` when the file is not for the fast path. It may run in a thread of its own
    while the submissions are read (see :func:`_scores_parsed_meanwhile`): pyarrow
    parses without holding Python's global lock.

    :param threads: let pyarrow parse on all cores (rather than in this thread alone).
    """
    try:
        pa = importlib.import_module("pyarrow")
        pa_csv = importlib.import_module("pyarrow.csv")
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        return None
    found = _csv_head(path)
    if found is None:
        return None
    head, header_text = found
    delimiter = _sniff(head, "utf-8")
    limit = csv.field_size_limit()
    if len(header_text) >= limit:
        return None
    local = _Sink()
    header = _map_header(
        header_text.split(delimiter),
        known=_SCORE_COLUMNS,
        aliases=_SCORE_ALIASES,
        required=_SCORE_COLUMNS,
        where=where,
        sink=local,
        header_row=1,
        extras="warn",
    )
    if local.errors or local.warnings or not header.ok or header.width != len(_SCORE_COLUMNS):
        return None
    names = [f"c{i}" for i in range(header.width)]
    indices: list[Codes] = []
    texts: list[list[str]] = []
    # pyarrow parses first, the scan of the whole file checks after: in a thread, the
    # parse (which does not hold Python's global lock) starts as early as it can
    try:
        with pa.OSFile(path) as source:
            table = pa_csv.read_csv(
                source,
                read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1, use_threads=False),
                parse_options=pa_csv.ParseOptions(
                    delimiter=delimiter,
                    quote_char='"',
                    double_quote=True,
                    escape_char=False,
                    newlines_in_values=False,
                    ignore_empty_lines=True,
                ),
                convert_options=pa_csv.ConvertOptions(
                    # read straight into codes: no column of millions of strings
                    column_types=dict.fromkeys(names, pa.dictionary(pa.int32(), pa.string())),
                    null_values=[],
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                    check_utf8=True,
                ),
            )
    except Exception:  # pyarrow refused the file: read it row by row (or it is empty)
        table = None
    scan = _scan_csv(path)
    if scan is None:
        return None
    if scan.lines == 1:  # the header alone
        return _ParsedScores(header, 0, [], [])
    if table is None:
        return None
    try:
        n = int(table.num_rows)
        # one line end per record and one for the header: no record spans lines (a
        # quoted line break) and no line was blank (pyarrow skips those)
        if n + 1 != scan.lines:
            return None
        table = table.unify_dictionaries()  # one dictionary per column, in first-seen order
        for column in _SCORE_COLUMNS:
            chunks = table.column(header.position(column)).chunks
            dictionary = chunks[0].dictionary
            if any(c.null_count or not c.dictionary.equals(dictionary) for c in chunks):
                return None
            # the codes straight from the Arrow buffers (Array.to_numpy would import
            # pandas, when installed, at a cost of about 0.3 s on first use)
            if any(c.indices.type != pa.int32() for c in chunks):
                return None
            indices.append(
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
            texts.append(dictionary.to_pylist())
        del table, chunks, dictionary
        pa.default_memory_pool().release_unused()
    except Exception:  # pyarrow refused the file: read it row by row
        return None
    return _ParsedScores(header, n, indices, texts)


def _fast_scores(
    path: str,
    where: _Where,
    sub_ids: Mapping[str, str] | None,
    judge_ids: Mapping[str, str] | None,
) -> tuple[ScoreTable, list[Judge]] | None:
    """The scores of the CSV file ``path`` and the judges they imply (when
    ``judge_ids`` is ``None``), read by pyarrow and numpy; ``None`` unless the file is
    clean, so that the row-by-row reader reads it (and locates every problem).

    Clean means: UTF-8 without a byte-order mark or NUL; a header on the first line,
    unquoted, of exactly the five score columns (any order, case or alias) with nothing
    to warn about; every record on one line of exactly five cells (no blank line, no
    quoted line break), no cell longer than the csv module's field limit; every id
    non-blank and known (when the submissions or judges are known); every score a
    number; no two scores for the same submission, stage, judge and criterion. The
    result is then exactly what :class:`_ScoreBuilder` would give.
    """
    got = _parse_scores(path, where)
    if got is None:
        return None
    if got.rows == 0:
        return _NO_SCORES, []
    n, indices, texts = got.rows, got.indices, got.texts
    limit = csv.field_size_limit()
    if any(len(t) >= limit for column_texts in texts for t in column_texts):
        return None  # the csv module refuses such a cell

    # ids: looked up as written, then stripped (as _ScoreBuilder._resolve does)
    codes: list[Codes] = []
    distinct: list[list[str]] = []
    for k, known in enumerate((sub_ids, None, judge_ids, None)):
        canonical: dict[str, int] = {}
        lookup = np.empty(len(texts[k]), dtype=np.int32)
        for i, raw in enumerate(texts[k]):
            found = known.get(raw) if known is not None else None
            if found is None:
                text = raw.strip()
                if not text:
                    return None
                if known is not None:
                    found = known.get(text)
                    if found is None:
                        return None
                else:
                    found = text
            lookup[i] = canonical.setdefault(found, len(canonical))
        column_codes, column_names = _first_seen_order(lookup[indices[k]], list(canonical))
        codes.append(column_codes)
        distinct.append(column_names)
    # scores: as _ScoreBuilder._number, then _parse_decimal (a decimal comma)
    value_of: dict[tuple[decimal.Decimal, str], int] = {}
    values: list[decimal.Decimal] = []
    lookup = np.empty(len(texts[4]), dtype=np.int32)
    for i, raw in enumerate(texts[4]):
        value = _finite_decimal(raw)
        if value is None:
            try:
                value = _parse_decimal(raw)
            except _Bad:
                return None
            if value is None:
                return None
        code = value_of.setdefault((value, str(value)), len(values))
        if code == len(values):
            values.append(value)
        lookup[i] = code
    value_codes, value_names = _first_seen_order(lookup[indices[4]], values)

    key = _combined_key(codes, [len(d) for d in distinct])
    if n > 1:
        ordered = np.sort(key)
        if bool((ordered[1:] == ordered[:-1]).any()):
            return None
    implied: list[Judge] = []
    if judge_ids is None:
        firsts = _first_positions(codes[2]).tolist()
        implied = [
            Judge(judge, origin=where.origin(first + 2))
            for judge, first in zip(distinct[2], firsts, strict=True)
        ]
    scores = ScoreTable(
        submissions=distinct[0],
        stages=distinct[1],
        judges=distinct[2],
        criteria=distinct[3],
        values=value_names,
        sub=codes[0],
        stage=codes[1],
        judge=codes[2],
        criterion=codes[3],
        value=value_codes,
        rows=np.arange(2, n + 2, dtype=np.int64) if n else None,
    )
    return scores, implied


# ---------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------


def _sniff(head: bytes, encoding: str) -> str:
    """The delimiter the header row uses: ``,`` unless it has ``;`` or tabs instead."""
    text = head.decode(encoding, errors="replace").lstrip("\ufeff")
    line = text.split("\n", 1)[0]
    counts = {d: line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _read_csv(
    path: str,
    table: str,
    consume: _GridConsumer[_T],
    sink: _Sink,
    fast: Callable[[str], _T | None] | None = None,
) -> tuple[bool, _T | None]:
    """Read one CSV file through ``consume``, retrying as Windows-1252 if it is not
    UTF-8; a file larger than :data:`FAST_SCORES_MIN_BYTES` is first given to ``fast``
    (which returns ``None`` to decline it). Returns (file exists, result)."""
    if not os.path.isfile(path):
        return False, None
    big = _too_big(path, table, sink.limits.file_bytes)
    if big is not None:
        sink.add(big)
        return True, None
    if fast is not None and os.stat(path).st_size > FAST_SCORES_MIN_BYTES:
        quick = fast(path)
        if quick is not None:
            return True, quick
    with open(path, "rb") as fb:
        head = fb.read(65536)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16", "latin-1")
    elif head.startswith(codecs.BOM_UTF8):
        encodings = ("utf-8-sig", "cp1252", "latin-1")
    else:
        encodings = ("utf-8", "cp1252", "latin-1")
    for encoding in encodings:
        local = _Sink(sink.limits)
        where = _Where("csv", path, table)
        delimiter = _sniff(head, encoding)
        f: IO[str]
        with open(path, encoding=encoding, newline="") as f:
            reader = csv.reader(f, delimiter=delimiter)
            try:
                result = consume(1, enumerate(reader, 1), local)
            except UnicodeDecodeError:
                continue
            except csv.Error as exc:
                local.error(
                    where,
                    Problem(
                        f"the file cannot be read as CSV / bukan CSV yang sah: {exc}",
                        file=path,
                        line=reader.line_num,
                        rule="csv-syntax",
                    ),
                )
                result = None
        if encoding != encodings[0]:
            sink.add(
                Problem(
                    f"the file is not UTF-8; it was read as {encoding} / berkas bukan "
                    f"UTF-8, dibaca sebagai {encoding}",
                    file=path,
                    hint="save the file as CSV UTF-8 to be sure every letter is read correctly",
                    rule="encoding",
                    level="warning",
                )
            )
        sink.merge(local)
        return True, result
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def _read_folder(folder: Path, sink: _Sink) -> Edition:
    files: dict[str, str] = {}
    meta_path = folder / "edition.yaml"
    if not meta_path.is_file() and (folder / "edition.yml").is_file():
        meta_path = folder / "edition.yml"
    if meta_path.is_file():
        meta = _read_yaml_meta(str(meta_path), folder.name, sink)
        files["edition"] = str(meta_path)
    else:
        meta = _Meta(id=folder.name)

    def where(table: str) -> _Where:
        return _Where("csv", str(folder / f"{table}.csv"), table)

    def open_table(table: str, consume: _GridConsumer[Any], sink: _Sink) -> tuple[bool, Any]:
        path = str(folder / f"{table}.csv")
        fast: Callable[[str], Any] | None = None
        if isinstance(consume, _ScoresConsumer):
            fast = consume.fast_csv
        found, result = _read_csv(path, table, consume, sink, fast)
        if found:
            files[table] = path
        return found, result

    t = _read_grid_tables(meta, open_table, where, sink, pad=False)
    return _finish(
        meta,
        submissions=t.submissions,
        judges=t.judges or [],
        scores=t.scores,
        verdicts=t.verdicts,
        source=str(folder),
        files=files,
        sink=sink,
    )
