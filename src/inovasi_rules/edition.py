"""An edition: the submissions, judges, scores and verdicts of one competition year.

An :class:`Edition` is the input the engine applies a ruleset to. It is built

* from a folder on disk (:func:`read_edition`)::

      history/kipp-2019/
        edition.yaml     id, ruleset, year, title, notes, parameters, fields
        submissions.csv  id, title, category, group, ..., participant.kind, ...
        judges.csv       id (or judge_id), name, affiliation, province, agency, ...
        scores.csv       submission_id, stage, judge_id, criterion, score
        verdicts.csv     submission_id, stage, verdict, note

  ``submissions.csv`` is required, every other file is optional; other files in the
  folder (``outcomes.csv``, ...) are ignored by this reader;
* from one JSON file (``{"edition": {...}, "submissions": [...], "judges": [...],
  "scores": [...], "verdicts": [...]}``) or one Excel workbook with a sheet per table
  (:func:`read_edition` as well);
* from Python objects by a host system (:meth:`Edition.from_records`).

Every reader checks the data the same way and raises one :class:`EditionError` listing
*every* problem found (each located by file, row and column), never a bare traceback.
Warnings that do not stop the read (a file that was not UTF-8, an unknown column that
looks like a misspelt known one, an empty score cell) are kept in
:attr:`Edition.findings`.

How cells are read (CSV, Excel and JSON alike):

* surrounding whitespace is stripped; an empty cell means *missing* (``None``), never 0;
* dates are ISO ``YYYY-MM-DD``; ``DD/MM/YYYY`` (the day first, as Indonesian
  spreadsheets write it) is accepted too; Excel date cells are used as they are;
* ``withdrawn`` (and ``bool`` extra fields) accept ``true/false``, ``ya/tidak``,
  ``yes/no``, ``1/0``; empty is ``false``;
* ``innovation.previous_awards`` (and ``list`` extra fields) is a ``;``-separated list;
* scores (and ``number`` extra fields) are :class:`decimal.Decimal`; a decimal comma
  (``85,5``) is accepted as Indonesian spreadsheets write it;
* CSV files may be UTF-8 with or without a byte-order mark, UTF-16 with a byte-order
  mark, or, failing UTF-8, Windows-1252/Latin-1 (a warning says so); line endings may be
  ``\\n`` or ``\\r\\n``; the delimiter is ``,``, or ``;`` or a tab when the header row
  uses that instead (as Excel does in Indonesian locales);
* trailing empty cells beyond the header (left by spreadsheet exports) are ignored;
  blank rows are skipped (but still counted, so row numbers match the spreadsheet).

A large ``scores.csv`` (over :data:`FAST_SCORES_MIN_BYTES`) is first read by a fast path:
pyarrow's CSV parser and numpy build the score columns without a Python loop per row.
It takes only files it finds clean and gives exactly what the row-by-row reader gives;
any other file is read row by row, which names every problem. ``submissions.csv`` is
read the same way, whatever its size: column by column (each distinct text of a column
converted once) when every row is clean, else row by row.
"""

from __future__ import annotations

import codecs
import concurrent.futures
import contextlib
import csv
import datetime
import decimal
import difflib
import enum
import functools
import gc
import importlib
import json
import os
import re
import types
import warnings
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Final, TypeVar

import attrs
import numpy as np
import numpy.typing as npt
import yaml

from .errors import EditionError, Problem
from .scoretable import Codes, Score, ScoreTable

__all__ = [
    "CONFIRMED",
    "DROPPED",
    "FIELD_TYPES",
    "JUDGE_FIELDS",
    "MAX_FILE_BYTES",
    "MISSING",
    "SUBMISSION_FIELDS",
    "VERDICT_WORDS",
    "Edition",
    "Innovation",
    "Judge",
    "MissingType",
    "Origin",
    "Participant",
    "Score",
    "ScoreTable",
    "Submission",
    "Verdict",
    "read_edition",
    "write_edition",
]

_T = TypeVar("_T")


# ---------------------------------------------------------------------------------------
# MISSING and frozen mappings
# ---------------------------------------------------------------------------------------


class MissingType(enum.Enum):
    """The type of :data:`MISSING`; use it in annotations (``object | MissingType``)."""

    MISSING = "MISSING"

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "MISSING"


#: The value of a field a submission (or judge) does not have: the field is unknown,
#: the cell was empty, or the list is empty. A falsy singleton; test with ``is MISSING``.
MISSING: Final = MissingType.MISSING


class _FrozenDict(Mapping[str, object]):
    """A read-only, hashable ``dict``, compared by value with any mapping."""

    __slots__ = ("_data", "_hash")

    _data: dict[str, object]
    _hash: int | None

    def __init__(self, data: Mapping[str, object] | None = None) -> None:
        self._data = dict(data) if data else {}
        self._hash = None

    def __getitem__(self, key: str) -> object:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def get(self, key: str, default: Any = None) -> Any:
        return self._data.get(key, default)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _FrozenDict):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other.items())
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __repr__(self) -> str:
        return repr(self._data)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_FrozenDict, (self._data,))


_EMPTY: Final = _FrozenDict()


_SCALARS: Final = frozenset(
    {str, int, bool, float, decimal.Decimal, datetime.date, datetime.datetime, type(None)}
)


def _freeze(value: object) -> object:
    """Turn mappings into read-only mappings and lists into tuples, recursively."""
    if type(value) in _SCALARS or isinstance(value, _FrozenDict):
        return value
    if isinstance(value, Mapping):
        return _FrozenDict({str(k): _freeze(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(_freeze(v) for v in value)
    return value


def _freeze_mapping(value: Mapping[str, object] | None = None) -> Mapping[str, object]:
    if not value:
        return _EMPTY
    if isinstance(value, _FrozenDict):
        return value
    return _FrozenDict({str(k): _freeze(v) for k, v in value.items()})


def _thaw(value: object) -> object:
    """The inverse of :func:`_freeze`, for writing YAML."""
    if isinstance(value, Mapping):
        return {str(k): _thaw(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_thaw(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_thaw(v) for v in value), key=repr)
    return value


def _str_tuple(value: Iterable[str] = ()) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else tuple(value)


# ---------------------------------------------------------------------------------------
# The records
# ---------------------------------------------------------------------------------------


@attrs.frozen
class Origin:
    """Where a record came from, for error messages.

    :param file: the file it was read from, or ``None`` for in-memory records.
    :param row: the 1-based row of a CSV file or Excel sheet (the header is row 1, so the
        first data row is 2), or ``None``.
    :param path: for JSON and in-memory records, the place in the document, e.g.
        ``submissions[3]``; for Excel, the sheet name.
    """

    file: str | None
    row: int | None = None
    path: str = ""

    def __str__(self) -> str:
        parts = [self.file or "<input>"]
        if self.path:
            parts.append(self.path)
        if self.row is not None:
            parts.append(f"row {self.row}")
        return ": ".join(parts)


@attrs.frozen
class Participant:
    """Who entered a submission.

    :param kind: the kind of participant, e.g. ``perangkat_daerah``, ``upt``, ``bumd``,
        ``kementerian``, ``kabupaten``, ``kota``, ``social_enterprise``.
    :param agency: the entering agency (instansi).
    :param province: the province.
    :param regency: the regency or city.
    :param name: the name of the person or team.
    """

    kind: str | None = None
    agency: str | None = None
    province: str | None = None
    regency: str | None = None
    name: str | None = None


@attrs.frozen
class Innovation:
    """Facts about the innovation a submission describes.

    :param status: ``rintisan`` (pilot), ``berjalan`` (running), ``selesai`` (completed)
        or any other text: the ruleset decides what is allowed.
    :param started: when the innovation started running.
    :param previous_awards: one entry per earlier award, e.g. ``("top-99", "top-99")``.
    """

    status: str | None = None
    started: datetime.date | None = None
    previous_awards: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)


_EMPTY_PARTICIPANT: Final = Participant()
_EMPTY_INNOVATION: Final = Innovation()

#: The field paths of a submission, which are also the column headers of
#: ``submissions.csv``. Any other column is an *extra* field.
SUBMISSION_FIELDS: Final[tuple[str, ...]] = (
    "id",
    "title",
    "category",
    "group",
    "registered",
    "wave",
    "withdrawn",
    "participant.kind",
    "participant.agency",
    "participant.province",
    "participant.regency",
    "participant.name",
    "innovation.status",
    "innovation.started",
    "innovation.previous_awards",
)

#: The field paths of a judge, which are also the column headers of ``judges.csv``
#: (``judge_id`` is accepted for ``id``). Any other column is an extra field.
JUDGE_FIELDS: Final[tuple[str, ...]] = ("id", "name", "affiliation", "province", "agency")


def _present(value: object) -> bool:
    return value is not None and value != "" and value != ()


@attrs.frozen
class Submission:
    """One submitted innovation.

    Fields are read by their dotted path with :meth:`get`, which is what a ruleset's
    conditions use (``participant.kind``, ``innovation.started``, an extra column).

    :param id: the submission's id, unique within the edition.
    :param extra: any other column, by its full column name (a column ``sdgs`` is
        ``get("sdgs")``, a column ``innovation.sdgs`` is ``get("innovation.sdgs")``);
        read-only, compared by value. Values are strings unless ``edition.yaml`` declares
        a type for the column (see :data:`FIELD_TYPES`).
    :param origin: where the submission was read from (not part of its value).
    """

    id: str
    title: str | None = None
    participant: Participant = _EMPTY_PARTICIPANT
    innovation: Innovation = _EMPTY_INNOVATION
    category: str | None = None
    group: str | None = None
    registered: datetime.date | None = None
    wave: str | None = None
    withdrawn: bool = False
    extra: Mapping[str, object] = attrs.field(default=_EMPTY, converter=_freeze_mapping)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
    _values: dict[str, object] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        p = self.participant
        i = self.innovation
        extra = self.extra
        # the converter makes every extra a _FrozenDict: read its dict directly
        data = extra._data if type(extra) is _FrozenDict else extra
        values: dict[str, object] = {k: v for k, v in data.items() if _present(v)} if data else {}
        for k, v in zip(
            SUBMISSION_FIELDS,
            (
                self.id,
                self.title,
                self.category,
                self.group,
                self.registered,
                self.wave,
                self.withdrawn,
                p.kind,
                p.agency,
                p.province,
                p.regency,
                p.name,
                i.status,
                i.started,
                i.previous_awards,
            ),
            strict=True,
        ):
            if v is not None and v != "" and v != ():
                values[k] = v
        object.__setattr__(self, "_values", values)

    def get(self, path: str) -> object:
        """The value of the field at ``path`` (a name in :data:`SUBMISSION_FIELDS` or an
        extra column), or :data:`MISSING` when the submission has no value for it (the
        field is unknown, or the value is ``None``, empty text or an empty list)."""
        return self._values.get(path, MISSING)


@attrs.frozen
class Judge:
    """A judge (juri), with what conflict-of-interest rules need to know.

    :param id: the judge's id, as used in ``scores.csv``.
    :param extra: any other column, by its column name; read-only.
    :param origin: where the judge was read from (not part of its value).
    """

    id: str
    name: str | None = None
    affiliation: str | None = None
    province: str | None = None
    agency: str | None = None
    extra: Mapping[str, object] = attrs.field(default=_EMPTY, converter=_freeze_mapping)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
    _values: dict[str, object] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        values = {k: v for k, v in self.extra.items() if _present(v)}
        for key, value in (
            ("id", self.id),
            ("name", self.name),
            ("affiliation", self.affiliation),
            ("province", self.province),
            ("agency", self.agency),
        ):
            if _present(value):
                values[key] = value
        object.__setattr__(self, "_values", values)

    def get(self, path: str) -> object:
        """The value of ``id``, ``name``, ``affiliation``, ``province``, ``agency`` or an
        extra column, or :data:`MISSING` when the judge has none."""
        return self._values.get(path, MISSING)


#: A field-verification verdict that keeps the submission in the competition.
CONFIRMED: Final = "confirmed"
#: A field-verification verdict that drops the submission.
DROPPED: Final = "dropped"

#: The words accepted in a verdict cell (after lower-casing and turning ``_``/``-`` into
#: spaces), and what each means.
VERDICT_WORDS: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "confirmed": CONFIRMED,
        "terverifikasi": CONFIRMED,
        "dikonfirmasi": CONFIRMED,
        "dropped": DROPPED,
        "gugur": DROPPED,
        "tidak terverifikasi": DROPPED,
    }
)


def _verdict_key(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").lower().split())


def _canonical_verdict(value: str) -> str:
    return VERDICT_WORDS.get(_verdict_key(value), value) if isinstance(value, str) else value


@attrs.frozen
class Verdict:
    """The outcome of a field-verification stage (observasi lapangan) for a submission.

    :param submission: the submission's id.
    :param stage: the stage's id.
    :param verdict: :data:`CONFIRMED` or :data:`DROPPED`; the Indonesian words in
        :data:`VERDICT_WORDS` are turned into these.
    :param note: a free-text note.
    :param origin: where the verdict was read from (not part of its value).
    """

    submission: str
    stage: str
    verdict: str = attrs.field(converter=_canonical_verdict)
    note: str | None = None
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)


def _submissions_tuple(value: Iterable[Submission] = ()) -> tuple[Submission, ...]:
    return value if isinstance(value, tuple) else tuple(value)


def _judges_tuple(value: Iterable[Judge] = ()) -> tuple[Judge, ...]:
    return value if isinstance(value, tuple) else tuple(value)


def _score_table(value: Iterable[Score] = ()) -> ScoreTable:
    return ScoreTable.from_scores(value)


_NO_SCORES: Final = ScoreTable.from_scores(())


def _verdicts_tuple(value: Iterable[Verdict] = ()) -> tuple[Verdict, ...]:
    return value if isinstance(value, tuple) else tuple(value)


def _problems_tuple(value: Iterable[Problem] = ()) -> tuple[Problem, ...]:
    return value if isinstance(value, tuple) else tuple(value)


def _files_mapping(value: Mapping[str, str] | None = None) -> Mapping[str, str]:
    return types.MappingProxyType(dict(value or {}))


def _count(items: Sequence[object]) -> str:
    return f"<{len(items)}>"


@attrs.frozen
class Edition:
    """One edition (year) of a competition: everything the engine needs besides the
    ruleset.

    Build it with :func:`read_edition` or :meth:`from_records`, which check the data;
    the constructor itself does not cross-check anything.

    :param id: the edition's id (a folder's name when ``edition.yaml`` gives none).
    :param ruleset: the id of the ruleset the edition runs (or ran) under.
    :param year: the year.
    :param title: a title for reports.
    :param notes: free text.
    :param submissions: in input order.
    :param judges: from ``judges.csv``; when there is none, one ``Judge(id)`` per judge
        seen in the scores, in order of first appearance.
    :param scores: in input order; any iterable of :class:`Score`, kept as a
        :class:`ScoreTable` (columns, so millions of rows stay small).
    :param verdicts: in input order.
    :param parameters: ruleset parameter overrides declared by ``edition.yaml``; YAML
        floats are read as :class:`~decimal.Decimal`.
    :param source: the folder or file it was read from (not part of its value).
    :param files: table name (``edition``, ``submissions``, ``judges``, ``scores``,
        ``verdicts``) to the file actually read, for error messages (not part of its
        value).
    :param findings: warnings found while reading (not part of its value).
    """

    id: str
    ruleset: str | None = None
    year: int | None = None
    title: str | None = None
    notes: str | None = None
    submissions: tuple[Submission, ...] = attrs.field(
        default=(), converter=_submissions_tuple, repr=_count
    )
    judges: tuple[Judge, ...] = attrs.field(default=(), converter=_judges_tuple, repr=_count)
    scores: ScoreTable = attrs.field(
        factory=lambda: ScoreTable.from_scores(()), converter=_score_table, repr=_count
    )
    verdicts: tuple[Verdict, ...] = attrs.field(default=(), converter=_verdicts_tuple, repr=_count)
    parameters: Mapping[str, object] = attrs.field(default=_EMPTY, converter=_freeze_mapping)
    source: str | None = attrs.field(default=None, eq=False, repr=False)
    files: Mapping[str, str] = attrs.field(
        default=None, converter=_files_mapping, eq=False, repr=False
    )
    findings: tuple[Problem, ...] = attrs.field(
        default=(), converter=_problems_tuple, eq=False, repr=False
    )
    _index: dict[str, Mapping[str, Any]] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )

    def submission_by_id(self) -> Mapping[str, Submission]:
        """A read-only mapping from submission id to submission (built once)."""
        found = self._index.get("submissions")
        if found is None:
            found = types.MappingProxyType({s.id: s for s in self.submissions})
            self._index["submissions"] = found
        return found

    def judge_by_id(self) -> Mapping[str, Judge]:
        """A read-only mapping from judge id to judge (built once)."""
        found = self._index.get("judges")
        if found is None:
            found = types.MappingProxyType({j.id: j for j in self.judges})
            self._index["judges"] = found
        return found

    @classmethod
    def from_records(
        cls,
        *,
        id: str,
        submissions: Iterable[Submission | Mapping[str, object]] = (),
        judges: Iterable[Judge | Mapping[str, object]] | None = None,
        scores: Iterable[Score | Mapping[str, object]] = (),
        verdicts: Iterable[Verdict | Mapping[str, object]] = (),
        ruleset: str | None = None,
        year: int | None = None,
        title: str | None = None,
        notes: str | None = None,
        parameters: Mapping[str, object] | None = None,
        fields: Mapping[str, str] | None = None,
        source: str | None = None,
    ) -> Edition:
        """Build an edition from Python objects, checking it as the file readers do.

        Records are either the classes of this module or mappings. A submission mapping
        uses the field paths as keys, flat (``{"participant.kind": "upt"}``) or nested
        (``{"participant": {"kind": "upt"}}``); an ``extra`` key holding a mapping is
        read as extra fields. Judges use ``id`` (or ``judge_id``), ``name``,
        ``affiliation``, ``province``, ``agency``; scores ``submission_id`` (or
        ``submission``), ``stage``, ``judge_id`` (or ``judge``), ``criterion``,
        ``score`` (or ``value``); verdicts ``submission_id`` (or ``submission``),
        ``stage``, ``verdict``, ``note``. Values are normalised as the CSV reader does
        (text is stripped, empty text is missing, ints and floats in extra fields become
        :class:`~decimal.Decimal`, lists become tuples).

        :param judges: ``None`` (the default) means "judges are implied by the scores";
            a sequence (even an empty one) means every score's judge must be in it.
        :param fields: declared types of extra fields, as in ``edition.yaml``.
        :raises EditionError: listing every problem, located as ``submissions[3].id``.
        """
        sink = _Sink()
        meta_raw: dict[str, object] = {"id": id}
        for key, value in (
            ("ruleset", ruleset),
            ("year", year),
            ("title", title),
            ("notes", notes),
            ("parameters", parameters),
            ("fields", fields),
        ):
            if value is not None:
                meta_raw[key] = value
        meta = _parse_meta(meta_raw, _records_meta_locator(None, "edition"), str(id), sink)
        with _gc_paused():
            return _assemble_records(
                meta,
                submissions=list(submissions),
                judges=None if judges is None else list(judges),
                scores=list(scores),
                verdicts=list(verdicts),
                file=None,
                source=source,
                sink=sink,
            )


# ---------------------------------------------------------------------------------------
# Limits and problem collection
# ---------------------------------------------------------------------------------------

#: Files larger than this (in bytes) are refused. A module attribute so a host can
#: change it.
MAX_FILE_BYTES = 200 * 1024 * 1024

#: At most this many problems are listed per table; the rest are summarised.
MAX_PROBLEMS_PER_TABLE = 200


class _Sink:
    """Collects errors and warnings, at most :data:`MAX_PROBLEMS_PER_TABLE` per table."""

    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self._counts: dict[tuple[str | None, str], int] = {}

    def _keep(self, where: _Where) -> bool:
        key = (where.file, where.table)
        n = self._counts.get(key, 0) + 1
        self._counts[key] = n
        return n <= MAX_PROBLEMS_PER_TABLE

    def error(self, where: _Where, problem: Problem) -> None:
        if self._keep(where):
            self.errors.append(problem)

    def warn(self, where: _Where, problem: Problem) -> None:
        if self._keep(where):
            self.warnings.append(attrs.evolve(problem, level="warning"))

    def add(self, problem: Problem) -> None:
        (self.warnings if problem.level == "warning" else self.errors).append(problem)

    def merge(self, other: _Sink) -> None:
        self.errors.extend(other.errors)
        self.warnings.extend(other.warnings)
        for key, n in other._counts.items():
            self._counts[key] = self._counts.get(key, 0) + n

    def finish(self) -> None:
        """Add a summary problem per table whose problems were cut short."""
        for (file, table), n in self._counts.items():
            if n > MAX_PROBLEMS_PER_TABLE:
                self.errors.append(
                    Problem(
                        f"{n - MAX_PROBLEMS_PER_TABLE} more problems in {table} are not "
                        f"listed / {n - MAX_PROBLEMS_PER_TABLE} masalah lain tidak "
                        "ditampilkan",
                        file=file,
                        path=table,
                        rule="too-many-problems",
                    )
                )
        self._counts = {}

    def raise_if_errors(self) -> None:
        self.finish()
        if self.errors:
            raise EditionError([*self.errors, *self.warnings])


def _col_letter(index: int) -> str:
    letters = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@attrs.frozen
class _Where:
    """How to locate a problem in one table of one input."""

    kind: str  # "csv", "xlsx" or "records"
    file: str | None
    table: str  # table name; the sheet name for xlsx
    columns: Mapping[str, int] = attrs.field(factory=dict)  # name -> 1-based column

    def with_columns(self, columns: Mapping[str, int]) -> _Where:
        return attrs.evolve(self, columns=columns)

    def problem(
        self,
        message: str,
        key: int | None = None,
        column: str | None = None,
        *,
        hint: str | None = None,
        rule: str = "data",
    ) -> Problem:
        if self.kind == "records":
            path = self.table if key is None else f"{self.table}[{key}]"
            if column:
                path = f"{path}.{column}"
            return Problem(message, file=self.file, path=path, hint=hint, rule=rule)
        index = self.columns.get(column) if column else None
        if self.kind == "xlsx":
            if index is not None and key is not None:
                path = f"{self.table}!{_col_letter(index)}{key}"
            elif key is not None:
                path = f"{self.table}!{key}:{key}"
            else:
                path = self.table
        else:
            path = column or ""
        return Problem(
            message, file=self.file, row=key, column=index, path=path, hint=hint, rule=rule
        )

    def describe(self, key: int) -> str:
        if self.kind == "records":
            return f"{self.table}[{key}]"
        return f"row {key}"

    def origin(self, key: int) -> Origin:
        if self.kind == "records":
            return Origin(self.file, None, f"{self.table}[{key}]")
        if self.kind == "xlsx":
            return Origin(self.file, key, self.table)
        return Origin(self.file, key)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a table loads or the engine evaluates.

    Both make hundreds of thousands of small objects that hold no cycles; with the
    collector running they would be scanned again and again as they are made (it
    roughly doubles the time). When the pause ends they are old (they live as long as
    the edition or the result), so they go straight to the oldest generation
    (``gc.freeze`` then ``gc.unfreeze``) rather than through a young collection of all
    of them at once. A host that froze objects itself (before forking workers) keeps
    its frozen set: then nothing is moved.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


#: At most this many converted cells are remembered while reading submissions.
_MAX_CONVERTED: Final = 100_000

#: At most this many distinct score texts are remembered while reading scores.
_MAX_NUMBER_CACHE: Final = 100_000


class _Bad(Exception):
    """A cell that cannot be converted; carries the message and a hint."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


# ---------------------------------------------------------------------------------------
# Cell conversion
# ---------------------------------------------------------------------------------------

_DATE_HINT = "write dates as YYYY-MM-DD (2023-03-31) or DD/MM/YYYY (31/03/2023)"
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?)?")
_DMY_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+")
_TRUE: Final = frozenset({"true", "ya", "yes", "1", "y"})
_FALSE: Final = frozenset({"false", "tidak", "no", "0", "n", ""})
_BOOL_HINT = "use true/false, ya/tidak, yes/no or 1/0"
_NUMBER_HINT = "write a number such as 85, 85.5 or 85,5, without thousands separators"


def _text(raw: object) -> str:
    """A cell as text (for ids and scores): ``None`` is empty, integral floats lose
    their ``.0`` (Excel stores 101 as 101.0), dates are ISO."""
    if raw is None:
        return ""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else repr(raw)
    if isinstance(raw, datetime.datetime):
        if raw.time() == datetime.time():
            return raw.date().isoformat()
        return raw.isoformat()
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    return str(raw)


def _conv_str(raw: object) -> str | None:
    if type(raw) is str:
        return raw.strip() or None
    if raw is None:
        return None
    if isinstance(raw, (list, tuple, Mapping, set, frozenset)):
        raise _Bad("expected a single value, not a list / harus satu nilai, bukan daftar")
    text = _text(raw).strip()
    return text or None


def _parse_date(text: str) -> datetime.date:
    match = _ISO_DATE.fullmatch(text)
    if match:
        y, m, d = match.group(1, 2, 3)
    else:
        match = _DMY_DATE.fullmatch(text)
        if not match:
            raise _Bad(f"'{text}' is not a date / '{text}' bukan tanggal (YYYY-MM-DD)", _DATE_HINT)
        d, m, y = match.group(1, 2, 3)
    try:
        return datetime.date(int(y), int(m), int(d))
    except ValueError:
        raise _Bad(
            f"'{text}' is not a valid date / '{text}' bukan tanggal yang sah", _DATE_HINT
        ) from None


def _conv_date(raw: object) -> datetime.date | None:
    if raw is None:
        return None
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, str):
        text = raw.strip()
        return _parse_date(text) if text else None
    raise _Bad(
        f"{_text(raw)!r} is not a date / bukan tanggal",
        _DATE_HINT + " (in Excel, format the cell as a date)",
    )


def _conv_bool(raw: object) -> bool | None:
    if raw is None:
        return None
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float, decimal.Decimal)) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str):
        word = raw.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False if word else None
    raise _Bad(f"{_text(raw)!r} is not true or false / bukan ya atau tidak", _BOOL_HINT)


def _split_list(text: str) -> tuple[str, ...]:
    return tuple(item for item in (part.strip() for part in text.split(";")) if item)


def _conv_list(raw: object) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        return _split_list(raw)
    if isinstance(raw, (list, tuple)):
        items: list[str] = []
        for item in raw:
            text = _conv_str(item)
            if text is not None:
                items.append(text)
        return tuple(items)
    text = _conv_str(raw)
    return (text,) if text is not None else ()


def _finite_decimal(text: str) -> decimal.Decimal | None:
    """``text`` as a finite Decimal exactly as :class:`decimal.Decimal` reads it (no
    decimal comma), or ``None``: the quick test before :func:`_parse_decimal`."""
    try:
        value = decimal.Decimal(text)
    except decimal.InvalidOperation:
        return None
    return value if value.is_finite() else None


def _parse_decimal(text: str) -> decimal.Decimal | None:
    """``text`` as a finite Decimal (a decimal comma allowed), ``None`` if empty;
    raises :class:`_Bad` otherwise."""
    text = text.strip()
    if not text:
        return None
    try:
        value = decimal.Decimal(text)
    except decimal.InvalidOperation:
        if not _DECIMAL_COMMA.fullmatch(text):
            raise _Bad(f"'{text}' is not a number / '{text}' bukan angka", _NUMBER_HINT) from None
        value = decimal.Decimal(text.replace(",", "."))
    if not value.is_finite():
        raise _Bad(f"'{text}' is not a finite number / bukan angka", _NUMBER_HINT)
    return value


def _conv_number(raw: object) -> decimal.Decimal | None:
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise _Bad(f"{raw!r} is not a number / bukan angka", _NUMBER_HINT)
    if isinstance(raw, decimal.Decimal):
        if not raw.is_finite():
            raise _Bad(f"'{raw}' is not a finite number / bukan angka", _NUMBER_HINT)
        return raw
    if isinstance(raw, int):
        return decimal.Decimal(raw)
    if isinstance(raw, (str, float)):
        return _parse_decimal(raw if isinstance(raw, str) else repr(raw))
    raise _Bad(f"{_text(raw)!r} is not a number / bukan angka", _NUMBER_HINT)


def _conv_integer(raw: object) -> int | None:
    value = _conv_number(raw)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise _Bad(f"'{value}' is not a whole number / bukan bilangan bulat")
    return int(value)


def _conv_auto(raw: object) -> object:
    """An undeclared extra field: text stays text; typed cells (Excel, JSON) keep their
    type, with numbers as Decimal and lists as tuples."""
    if raw is None:
        return None
    if isinstance(raw, str):
        return raw.strip() or None
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float, decimal.Decimal)):
        return _conv_number(raw)
    if isinstance(raw, datetime.datetime):
        return raw.date() if raw.time() == datetime.time() else raw
    if isinstance(raw, (list, tuple)):
        return tuple(v for v in (_conv_auto(item) for item in raw) if v is not None)
    return raw


#: The types an extra field may be declared with under ``fields:`` in ``edition.yaml``
#: (aliases in parentheses): ``string`` (str, text), ``number`` (decimal; read as
#: :class:`~decimal.Decimal`), ``integer`` (int), ``date``, ``bool`` (boolean),
#: ``list`` (``;``-separated).
FIELD_TYPES: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "string": "string",
        "str": "string",
        "text": "string",
        "number": "number",
        "decimal": "number",
        "integer": "integer",
        "int": "integer",
        "date": "date",
        "bool": "bool",
        "boolean": "bool",
        "list": "list",
    }
)

_CONVERTERS: Final[Mapping[str, Callable[[object], object]]] = types.MappingProxyType(
    {
        "string": _conv_str,
        "number": _conv_number,
        "integer": _conv_integer,
        "date": _conv_date,
        "bool": _conv_bool,
        "list": _conv_list,
    }
)

# field path -> (which object, attribute, converter)
_SUBMISSION_SPEC: Final[dict[str, tuple[str, str, Callable[[object], object]]]] = {
    "id": ("s", "id", _conv_str),
    "title": ("s", "title", _conv_str),
    "category": ("s", "category", _conv_str),
    "group": ("s", "group", _conv_str),
    "registered": ("s", "registered", _conv_date),
    "wave": ("s", "wave", _conv_str),
    "withdrawn": ("s", "withdrawn", _conv_bool),
    "participant.kind": ("p", "kind", _conv_str),
    "participant.agency": ("p", "agency", _conv_str),
    "participant.province": ("p", "province", _conv_str),
    "participant.regency": ("p", "regency", _conv_str),
    "participant.name": ("p", "name", _conv_str),
    "innovation.status": ("i", "status", _conv_str),
    "innovation.started": ("i", "started", _conv_date),
    "innovation.previous_awards": ("i", "previous_awards", _conv_list),
}

_SUBMISSION_ALIASES: Final = {"submission_id": "id"}
_JUDGE_ALIASES: Final = {"judge_id": "id"}
_SCORE_COLUMNS: Final = ("submission_id", "stage", "judge_id", "criterion", "score")
_SCORE_ALIASES: Final = {"submission": "submission_id", "judge": "judge_id", "value": "score"}
_VERDICT_COLUMNS: Final = ("submission_id", "stage", "verdict", "note")
_VERDICT_ALIASES: Final = {"submission": "submission_id"}
_META_KEYS: Final = ("id", "ruleset", "year", "title", "notes", "parameters", "fields")


# ---------------------------------------------------------------------------------------
# Edition metadata (edition.yaml, the JSON "edition" object, the Excel "edition" sheet)
# ---------------------------------------------------------------------------------------


@attrs.frozen
class _Meta:
    id: str
    ruleset: str | None = None
    year: int | None = None
    title: str | None = None
    notes: str | None = None
    parameters: Mapping[str, object] = _EMPTY
    fields: Mapping[str, str] = attrs.field(factory=dict)


# locate(key) -> (where, problem factory)
_MetaLocator = Callable[[str], Callable[..., Problem]]


def _records_meta_locator(file: str | None, prefix: str) -> _MetaLocator:
    def locate(key: str) -> Callable[..., Problem]:
        path = f"{prefix}.{key}" if key else prefix

        def make(message: str, *, hint: str | None = None, rule: str = "edition") -> Problem:
            return Problem(message, file=file, path=path, hint=hint, rule=rule)

        return make

    return locate


def _parse_meta(
    raw: Mapping[str, object], locate: _MetaLocator, default_id: str, sink: _Sink
) -> _Meta:
    """Check the edition's metadata; problems go to ``sink``."""
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in _META_KEYS:
            close = difflib.get_close_matches(str(key), _META_KEYS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else None
            sink.add(
                attrs.evolve(
                    locate(str(key))(
                        f"unknown key '{key}' is ignored / kunci '{key}' tidak dikenal",
                        hint=hint or f"known keys: {', '.join(_META_KEYS)}",
                        rule="unknown-key",
                    ),
                    level="warning",
                )
            )
            continue
        if value is None:
            continue
        if key in ("id", "ruleset", "title", "notes"):
            if isinstance(value, (Mapping, list, tuple)):
                sink.add(locate(key)(f"'{key}' must be text / '{key}' harus berupa teks"))
                continue
            text = _text(value).strip()
            if text:
                values[key] = text
        elif key == "year":
            try:
                year = _conv_integer(value)
            except _Bad:
                year = None
            if year is None or isinstance(value, bool):
                sink.add(locate(key)(f"year {value!r} is not a year / tahun tidak sah"))
            else:
                values["year"] = year
        elif key == "parameters":
            if not isinstance(value, Mapping):
                sink.add(locate(key)("'parameters' must be a mapping / harus berupa pemetaan"))
                continue
            values["parameters"] = _freeze_mapping(
                {str(k): _decimal_floats(v) for k, v in value.items()}
            )
        elif key == "fields":
            values["fields"] = _parse_fields(value, locate, sink)
    values.setdefault("id", default_id)
    return _Meta(**values)


def _iso_dates(value: object) -> object:
    """Read ``YYYY-MM-DD`` strings as dates, as YAML does (for JSON and Excel
    parameters)."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, Mapping):
        return {str(k): _iso_dates(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_iso_dates(v) for v in value]
    return value


def _decimal_floats(value: object) -> object:
    if isinstance(value, float):
        return decimal.Decimal(repr(value))
    if isinstance(value, Mapping):
        return {str(k): _decimal_floats(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_decimal_floats(v) for v in value]
    return value


def _parse_fields(value: object, locate: _MetaLocator, sink: _Sink) -> dict[str, str]:
    if not isinstance(value, Mapping):
        sink.add(
            locate("fields")(
                "'fields' must map column names to types / harus berupa pemetaan",
                hint="e.g. fields: {budget: number, sdgs: list}",
            )
        )
        return {}
    fields: dict[str, str] = {}
    for name, kind in value.items():
        name = str(name).strip()
        canonical = FIELD_TYPES.get(str(kind).strip().lower()) if kind is not None else None
        if name in _SUBMISSION_SPEC or name in JUDGE_FIELDS:
            sink.add(
                locate(f"fields.{name}")(
                    f"'{name}' is a built-in field with a fixed type / bawaan",
                    hint="declare types only for extra columns",
                )
            )
        elif canonical is None:
            sink.add(
                locate(f"fields.{name}")(
                    f"unknown field type {kind!r} / tipe tidak dikenal",
                    hint=f"use one of: {', '.join(sorted(set(FIELD_TYPES.values())))}",
                )
            )
        else:
            fields[name] = canonical
    return fields


class _DecimalLoader(yaml.SafeLoader):
    """A safe YAML loader that reads floats as Decimal."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    assert isinstance(node, yaml.ScalarNode)
    text = str(loader.construct_scalar(node))
    value = loader.construct_yaml_float(node)
    if value != value or value in (float("inf"), float("-inf")):
        return value
    try:
        return decimal.Decimal(text.replace("_", ""))
    except decimal.InvalidOperation:
        return decimal.Decimal(repr(value))


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


def _read_yaml_meta(path: str, default_id: str, sink: _Sink) -> _Meta:
    text = _read_text_limited(path, sink, "edition")
    if text is None:
        return _Meta(id=default_id)
    loader = _DecimalLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        sink.add(
            Problem(
                f"edition.yaml is not valid YAML / bukan YAML yang sah: "
                f"{getattr(exc, 'problem', None) or exc}",
                file=path,
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
                rule="yaml-syntax",
            )
        )
        return _Meta(id=default_id)
    finally:
        loader.dispose()
    if data is None:
        return _Meta(id=default_id)
    if not isinstance(data, Mapping) or node is None:
        sink.add(Problem("edition.yaml must be a mapping / harus berupa pemetaan", file=path))
        return _Meta(id=default_id)
    marks: dict[str, tuple[int, int]] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            mark = value_node.start_mark
            marks[str(key_node.value)] = (mark.line + 1, mark.column + 1)
            if isinstance(value_node, yaml.MappingNode):
                for sub_key, sub_value in value_node.value:
                    sub_mark = sub_value.start_mark
                    marks[f"{key_node.value}.{sub_key.value}"] = (
                        sub_mark.line + 1,
                        sub_mark.column + 1,
                    )

    def locate(key: str) -> Callable[..., Problem]:
        line, column = marks.get(key, marks.get(key.split(".")[0], (None, None)))

        def make(message: str, *, hint: str | None = None, rule: str = "edition") -> Problem:
            return Problem(
                message, file=path, line=line, column=column, path=key, hint=hint, rule=rule
            )

        return make

    return _parse_meta({str(k): v for k, v in data.items()}, locate, default_id, sink)


# ---------------------------------------------------------------------------------------
# Building records (shared by every reader)
# ---------------------------------------------------------------------------------------


class _FlatRecord(dict[str, object]):
    """A record read from a grid: already flat, with canonical column names."""


def _flatten(record: Mapping[Any, Any], prefix: str = "") -> dict[str, object]:
    if type(record) is _FlatRecord:
        return record
    flat: dict[str, object] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, "" if name == "extra" else f"{name}."))
        else:
            flat[name] = value
    return flat


def _extra_value(name: str, raw: object, field_types: Mapping[str, str]) -> object:  # raises _Bad
    kind = field_types.get(name)
    if kind is None:
        return _conv_auto(raw)
    return _CONVERTERS[kind](raw)


_UNSET: Final = object()


def _build_submission(
    record: Mapping[str, object],
    key: int,
    where: _Where,
    field_types: Mapping[str, str],
    sink: _Sink,
    converted: dict[tuple[str, object], object] | None = None,
) -> tuple[str | None, Submission | None]:
    """Build one submission; returns its id (if it has one) and the submission (if it
    has no problems).

    :param converted: remembers ``(column, text) -> value`` for dates, booleans, lists
        and extra fields across the rows of one table (ten thousand entries share a
        few hundred dates); text columns are only stripped, so are not remembered.
    """
    s_kw: dict[str, Any] = {}
    p_kw: dict[str, Any] = {}
    i_kw: dict[str, Any] = {}
    extra: dict[str, object] = {}
    targets = {"s": s_kw, "p": p_kw, "i": i_kw}
    cache = converted if converted is not None else {}
    ok = True
    for name, raw in record.items():
        spec = _SUBMISSION_SPEC.get(name)
        if spec is not None and spec[2] is _conv_str:
            try:
                text = _conv_str(raw)
            except _Bad as bad:
                ok = False
                sink.error(where, where.problem(bad.message, key, name, hint=bad.hint))
                continue
            if text is not None:
                targets[spec[0]][spec[1]] = text
            continue
        remember = type(raw) is str
        value: object = cache.get((name, raw), _UNSET) if remember else _UNSET
        if value is _UNSET:
            try:
                value = _extra_value(name, raw, field_types) if spec is None else spec[2](raw)
            except _Bad as bad:
                ok = False
                sink.error(where, where.problem(bad.message, key, name, hint=bad.hint))
                continue
            if remember and len(cache) < _MAX_CONVERTED:
                cache[(name, raw)] = value
        if spec is None:
            if _present(value):
                extra[name] = value
        elif value is not None:
            targets[spec[0]][spec[1]] = value
    sub_id = s_kw.get("id")
    if sub_id is None:
        sink.error(
            where,
            where.problem(
                "the submission has no id / usulan tanpa id",
                key,
                "id",
                hint="every submission needs a unique id",
                rule="required",
            ),
        )
        return None, None
    if not ok:
        return sub_id, None
    if p_kw:
        s_kw["participant"] = Participant(**p_kw)
    if i_kw:
        s_kw["innovation"] = Innovation(**i_kw)
    return sub_id, Submission(extra=extra, origin=where.origin(key), **s_kw)


def _build_judge(
    record: Mapping[str, object],
    key: int,
    where: _Where,
    field_types: Mapping[str, str],
    sink: _Sink,
) -> tuple[str | None, Judge | None]:
    kw: dict[str, Any] = {}
    extra: dict[str, object] = {}
    ok = True
    for name, raw in record.items():
        try:
            if name in JUDGE_FIELDS:
                text = _conv_str(raw)
                if text is not None:
                    kw[name] = text
            else:
                value = _extra_value(name, raw, field_types)
                if _present(value):
                    extra[name] = value
        except _Bad as bad:
            ok = False
            sink.error(where, where.problem(bad.message, key, name, hint=bad.hint))
    judge_id = kw.get("id")
    if judge_id is None:
        sink.error(
            where,
            where.problem("the judge has no id / juri tanpa id", key, "id", rule="required"),
        )
        return None, None
    if not ok:
        return judge_id, None
    return judge_id, Judge(extra=extra, origin=where.origin(key), **kw)


def _unique(
    items: Iterable[tuple[int, str | None, _T | None]],
    where: _Where,
    what: str,
    column: str,
    sink: _Sink,
) -> tuple[list[_T], dict[str, str]]:
    """Keep the records, report duplicate ids (naming both places); returns the
    records and an id -> id index of every id seen (also of records with problems)."""
    seen: dict[str, int] = {}
    ids: dict[str, str] = {}
    kept: list[_T] = []
    for key, item_id, item in items:
        if item_id is None:
            continue
        first = seen.setdefault(item_id, key)
        if first != key:
            sink.error(
                where,
                where.problem(
                    f"duplicate {what} id '{item_id}': also at {where.describe(first)} / "
                    f"id '{item_id}' ganda: juga di {where.describe(first)}",
                    key,
                    column,
                    hint=f"each {what} id must be unique (first at {where.describe(first)})",
                    rule="duplicate",
                ),
            )
            continue
        ids[item_id] = item_id
        if item is not None:
            kept.append(item)
    return kept, ids


def _build_submissions(
    records: Iterable[tuple[int, object]],
    where: _Where,
    field_types: Mapping[str, str],
    sink: _Sink,
) -> tuple[list[Submission], dict[str, str]]:
    converted: dict[tuple[str, object], object] = {}

    def items() -> Iterator[tuple[int, str | None, Submission | None]]:
        for key, record in records:
            if isinstance(record, Submission):
                yield key, record.id, record
            elif isinstance(record, Mapping):
                yield (
                    key,
                    *_build_submission(_flatten(record), key, where, field_types, sink, converted),
                )
            else:
                sink.error(where, where.problem(_not_a_record(record), key))

    return _unique(items(), where, "submission", "id", sink)


def _build_judges(
    records: Iterable[tuple[int, object]],
    where: _Where,
    field_types: Mapping[str, str],
    sink: _Sink,
) -> tuple[list[Judge], dict[str, str]]:
    def items() -> Iterator[tuple[int, str | None, Judge | None]]:
        for key, record in records:
            if isinstance(record, Judge):
                yield key, record.id, record
            elif isinstance(record, Mapping):
                flat = _rename(_flatten(record), _JUDGE_ALIASES)
                yield (key, *_build_judge(flat, key, where, field_types, sink))
            else:
                sink.error(where, where.problem(_not_a_record(record), key))

    return _unique(items(), where, "judge", "id", sink)


def _not_a_record(record: object) -> str:
    return f"expected a record (an object), got {type(record).__name__} / bukan rekaman"


def _rename(record: dict[str, object], aliases: Mapping[str, str]) -> dict[str, object]:
    for alias, name in aliases.items():
        if alias in record and name not in record:
            record[name] = record.pop(alias)
    return record


def _first_seen_order(codes: Codes, names: Sequence[_T]) -> tuple[Codes, list[_T]]:
    """Renumber ``codes`` (into ``names``) so that code ``i`` is the ``i``-th distinct
    value to appear, as :meth:`ScoreTable.from_scores` numbers them, dropping names no
    code uses. Codes that are in that order already (the usual case) are checked in one
    pass and kept."""
    if codes.size == 0:
        return codes, []
    running = np.maximum.accumulate(codes)
    top = int(running[-1])
    # from 0 to the last name in exactly `top` steps: every step is a new code, one up
    if (
        int(running[0]) == 0
        and top == len(names) - 1
        and np.count_nonzero(running[1:] != running[:-1]) == top
    ):
        return codes, list(names)
    used, first = np.unique(codes, return_index=True)
    order = used[np.argsort(first, kind="stable")]
    renumber = np.zeros(len(names), dtype=np.int32)
    renumber[order] = np.arange(order.size, dtype=np.int32)
    return renumber[codes], [names[i] for i in order.tolist()]


def _first_positions(codes: Codes) -> npt.NDArray[np.intp]:
    """Where each code first appears, for codes in first-seen order (see
    :func:`_first_seen_order`): position ``i`` of the result is where code ``i`` does."""
    if codes.size == 0:
        return np.zeros(0, dtype=np.intp)
    running = np.maximum.accumulate(codes)
    steps = np.flatnonzero(running[1:] != running[:-1]) + 1
    return np.concatenate((np.zeros(1, dtype=np.intp), steps))


class _ScoreBuilder:
    """Turns score rows into a :class:`ScoreTable`, checking every row.

    The common case (known ids, a plain number, no duplicate) takes six dict look-ups
    per row: each raw cell text is mapped straight to its column's integer code (the
    score text to the code of one shared Decimal, saving the cost of parsing "85.5"
    400,000 times), and the codes are appended to arrays; anything else goes through
    :meth:`_slow`, which names every problem.
    """

    def __init__(
        self,
        where: _Where,
        submissions: Mapping[str, str] | None,
        judges: Mapping[str, str] | None,
        sink: _Sink,
    ) -> None:
        self.where = where
        self.sink = sink
        self.check_submissions = submissions is not None
        self.check_judges = judges is not None
        # raw text -> canonical id, as _resolve builds them (also the "did you mean"
        # candidates, so they keep their order)
        self.subs: dict[str, str] = dict(submissions or {})
        self.judges: dict[str, str] = dict(judges or {})
        self.stages: dict[str, str] = {}
        self.criteria: dict[str, str] = {}
        self.implied: dict[str, int] = {}  # judge id -> first key, when judges are implied
        # per column (submission, stage, judge, criterion): raw text -> code, the
        # canonical text -> code, and code -> canonical text
        self.fast: list[dict[str, int]] = [{}, {}, {}, {}]
        self.code_of: list[dict[str, int]] = [{}, {}, {}, {}]
        self.names: list[list[str]] = [[], [], [], []]
        # score text -> value code (at most _MAX_NUMBER_CACHE texts); (value, its text)
        # -> value code; value code -> value
        self.numbers: dict[str, int] = {}
        self.value_code: dict[tuple[decimal.Decimal, str], int] = {}
        self.values: list[decimal.Decimal] = []
        self.columns = [array("i") for _ in range(5)]
        self.rows = array("q")
        self.seen: dict[tuple[int, int, int, int], int] = {}

    def _value(self, value: decimal.Decimal) -> int:
        """The code of ``value`` (kept apart from an equal value written differently)."""
        key = (value, str(value))
        code = self.value_code.get(key)
        if code is None:
            code = self.value_code[key] = len(self.values)
            self.values.append(value)
        return code

    def _number(self, text: str) -> int | None:
        """The code of ``text`` as a finite Decimal (remembered), or ``None``."""
        value = _finite_decimal(text)
        if value is None:
            return None
        code = self._value(value)
        if len(self.numbers) < _MAX_NUMBER_CACHE:
            self.numbers[text] = code
        return code

    def _code(self, column: int, raw: str, canonical: str) -> int:
        """The code of ``canonical`` in ``column``, remembered for ``raw`` too."""
        code_of = self.code_of[column]
        code = code_of.get(canonical)
        if code is None:
            names = self.names[column]
            code = code_of[canonical] = len(names)
            names.append(canonical)
        self.fast[column][raw] = code
        return code

    def build(
        self,
        rows: Iterable[tuple[int, Sequence[str]]],
        positions: Sequence[int],
        width: int,
        fit: Callable[[Sequence[str], int], Sequence[str] | None] | None,
        keep_row: bool,
    ) -> ScoreTable:
        """Build the scores of ``rows`` (row key, cells) one row at a time: the
        submission, stage, judge, criterion and score are the cells at ``positions``; a
        row that is not ``width`` cells wide goes through ``fit`` (``None``: skip)."""
        i0, i1, i2, i3, i4 = positions
        add_sub, add_stage, add_judge, add_crit, add_value = (c.append for c in self.columns)
        add_row = self.rows.append
        number = self.numbers.get
        parse = self._number
        first_of = self.seen.setdefault
        sub_get, stage_get, judge_get, crit_get = (d.get for d in self.fast)
        for key, cells in rows:
            if len(cells) != width:
                if fit is None:
                    continue
                fitted = fit(cells, key)
                if fitted is None:
                    continue
                cells = fitted
            s = cells[i0]
            st = cells[i1]
            j = cells[i2]
            c = cells[i3]
            v = cells[i4]
            sc = sub_get(s)
            stc = stage_get(st)
            jc = judge_get(j)
            cc = crit_get(c)
            vc = number(v)
            if vc is None:
                vc = parse(v)
            if sc is None or stc is None or jc is None or cc is None or vc is None:
                fixed = self._slow(key, s, st, j, c, v)
                if fixed is None:
                    continue
                sc, stc, jc, cc, vc = fixed
            k = (sc, stc, jc, cc)
            first = first_of(k, key)
            if first != key:
                self._duplicate(key, first, k)
                continue
            add_sub(sc)
            add_stage(stc)
            add_judge(jc)
            add_crit(cc)
            add_value(vc)
            if keep_row:
                add_row(key)
        return self.table(keep_row)

    def table(self, keep_row: bool) -> ScoreTable:
        """The scores built so far, numbered as :meth:`ScoreTable.from_scores` would."""
        cols = [np.frombuffer(c, dtype=np.intc).astype(np.int32) for c in self.columns]
        sub, subs = _first_seen_order(cols[0], self.names[0])
        stage, stages = _first_seen_order(cols[1], self.names[1])
        judge, judges = _first_seen_order(cols[2], self.names[2])
        crit, criteria = _first_seen_order(cols[3], self.names[3])
        value, values = _first_seen_order(cols[4], self.values)
        rows = None
        if keep_row and len(self.rows):
            rows = np.frombuffer(self.rows, dtype=np.int64).copy()
        return ScoreTable(
            submissions=subs,
            stages=stages,
            judges=judges,
            criteria=criteria,
            values=values,
            sub=sub,
            stage=stage,
            judge=judge,
            criterion=crit,
            value=value,
            rows=rows,
        )

    def _slow(
        self, key: int, s: str, st: str, j: str, c: str, v: str
    ) -> tuple[int, int, int, int, int] | None:
        if not (s.strip() or st.strip() or j.strip() or c.strip() or v.strip()):
            return None  # a blank row
        where, sink = self.where, self.sink
        ok = True
        sc = self._resolve(key, s, self.subs, "submission_id", "submission")
        stc = self._resolve(key, st, self.stages, "stage", None)
        jc = self._resolve(key, j, self.judges, "judge_id", "judge")
        cc = self._resolve(key, c, self.criteria, "criterion", None)
        value: decimal.Decimal | None = None
        try:
            value = _parse_decimal(v)
        except _Bad as bad:
            ok = False
            sink.error(where, where.problem(bad.message, key, "score", hint=bad.hint))
        else:
            if value is None:
                sink.warn(
                    where,
                    where.problem(
                        "empty score: no score is recorded for this row / nilai kosong: "
                        "dianggap tidak ada",
                        key,
                        "score",
                        hint="fill in the score, or delete the row",
                        rule="empty-score",
                    ),
                )
                ok = False
        if not ok or sc is None or stc is None or jc is None or cc is None or value is None:
            return None
        vc = self._value(value)
        if len(self.numbers) < _MAX_NUMBER_CACHE:
            self.numbers[v] = vc
        return (
            self._code(0, s, sc),
            self._code(1, st, stc),
            self._code(2, j, jc),
            self._code(3, c, cc),
            vc,
        )

    def _resolve(
        self, key: int, raw: str, table: dict[str, str], column: str, what: str | None
    ) -> str | None:
        found = table.get(raw)
        if found is not None:
            return found
        text = raw.strip()
        where, sink = self.where, self.sink
        if not text:
            sink.error(
                where,
                where.problem(f"empty {column} / {column} kosong", key, column, rule="required"),
            )
            return None
        found = table.get(text)
        if found is None:
            known = (what == "submission" and self.check_submissions) or (
                what == "judge" and self.check_judges
            )
            if known:
                source = "submissions" if what == "submission" else "judges"
                sink.error(
                    where,
                    where.problem(
                        f"unknown {what} id '{text}' / id {what} '{text}' tidak dikenal",
                        key,
                        column,
                        hint=_did_you_mean(text, table)
                        or f"every {column} must be an id in {source}",
                        rule="unknown-reference",
                    ),
                )
                return None
            found = text
            table[text] = text
            if what == "judge":
                self.implied.setdefault(text, key)
        if raw != text:
            table[raw] = found
        return found

    def _duplicate(self, key: int, first: int, codes: tuple[int, int, int, int]) -> None:
        where = self.where
        k = [names[code] for names, code in zip(self.names, codes, strict=True)]
        self.sink.error(
            where,
            where.problem(
                f"duplicate score: submission '{k[0]}', stage '{k[1]}', judge '{k[2]}', "
                f"criterion '{k[3]}' is also at {where.describe(first)} / nilai ganda: "
                f"juga di {where.describe(first)}",
                key,
                hint=f"keep one of {where.describe(first)} and {where.describe(key)}",
                rule="duplicate",
            ),
        )


def _did_you_mean(text: str, candidates: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(text, list(candidates)[:10000], n=1, cutoff=0.8)
    return f"did you mean '{close[0]}'?" if close else None


def _build_verdicts(
    records: Iterable[tuple[int, object]],
    where: _Where,
    submissions: Mapping[str, str] | None,
    sink: _Sink,
) -> list[Verdict]:
    verdicts: list[Verdict] = []
    seen: dict[tuple[str, str], int] = {}
    words = ", ".join(VERDICT_WORDS)
    for key, record in records:
        sub: str | None
        stage: str | None
        word: str | None
        note: str | None
        ok = True
        if isinstance(record, Verdict):
            sub, stage, word, note = record.submission, record.stage, record.verdict, record.note
        elif isinstance(record, Mapping):
            flat = _rename(_flatten(record), _VERDICT_ALIASES)
            cells: list[str | None] = []
            for column in _VERDICT_COLUMNS:
                try:
                    cells.append(_conv_str(flat.get(column)))
                except _Bad as bad:
                    ok = False
                    cells.append("")
                    sink.error(where, where.problem(bad.message, key, column, hint=bad.hint))
            sub, stage, word, note = cells
            if not ok:
                continue
        else:
            sink.error(where, where.problem(_not_a_record(record), key))
            continue
        for column, value in (("submission_id", sub), ("stage", stage), ("verdict", word)):
            if value is None:
                ok = False
                sink.error(
                    where,
                    where.problem(
                        f"empty {column} / {column} kosong", key, column, rule="required"
                    ),
                )
        if word is not None and _verdict_key(word) not in VERDICT_WORDS:
            ok = False
            sink.error(
                where,
                where.problem(
                    f"unknown verdict '{word}' / putusan '{word}' tidak dikenal",
                    key,
                    "verdict",
                    hint=f"use one of: {words}",
                    rule="unknown-verdict",
                ),
            )
        if sub is not None and submissions is not None and sub not in submissions:
            ok = False
            sink.error(
                where,
                where.problem(
                    f"unknown submission id '{sub}' / id usulan '{sub}' tidak dikenal",
                    key,
                    "submission_id",
                    hint=_did_you_mean(sub, submissions)
                    or "every submission_id must be an id in submissions",
                    rule="unknown-reference",
                ),
            )
        if not ok or sub is None or stage is None or word is None:
            continue
        first = seen.setdefault((sub, stage), key)
        if first != key:
            sink.error(
                where,
                where.problem(
                    f"duplicate verdict for submission '{sub}' at stage '{stage}': also at "
                    f"{where.describe(first)} / putusan ganda",
                    key,
                    hint=f"keep one of {where.describe(first)} and {where.describe(key)}",
                    rule="duplicate",
                ),
            )
            continue
        verdicts.append(Verdict(sub, stage, word, note, origin=where.origin(key)))
    return verdicts


def _implied_judges(builder: _ScoreBuilder) -> list[Judge]:
    where = builder.where
    return [Judge(jid, origin=where.origin(key)) for jid, key in builder.implied.items()]


def _finish(
    meta: _Meta,
    *,
    submissions: list[Submission],
    judges: list[Judge],
    scores: ScoreTable,
    verdicts: list[Verdict],
    source: str | None,
    files: Mapping[str, str],
    sink: _Sink,
) -> Edition:
    sink.raise_if_errors()
    return Edition(
        id=meta.id,
        ruleset=meta.ruleset,
        year=meta.year,
        title=meta.title,
        notes=meta.notes,
        parameters=meta.parameters,
        submissions=tuple(submissions),
        judges=tuple(judges),
        scores=scores,
        verdicts=tuple(verdicts),
        source=source,
        files=files,
        findings=tuple(sink.warnings),
    )


# ---------------------------------------------------------------------------------------
# Records: JSON and in-memory
# ---------------------------------------------------------------------------------------


def _record_score_rows(
    records: Iterable[tuple[int, object]], where: _Where, sink: _Sink
) -> Iterator[tuple[int, list[str]]]:
    unknown: set[str] = set()
    for key, record in records:
        if isinstance(record, Score):
            yield (
                key,
                [
                    record.submission,
                    record.stage,
                    record.judge,
                    record.criterion,
                    _text(record.value),
                ],
            )
            continue
        if not isinstance(record, Mapping):
            sink.error(where, where.problem(_not_a_record(record), key))
            continue
        flat = _rename(_flatten(record), _SCORE_ALIASES)
        unknown.update(k for k in flat if k not in _SCORE_COLUMNS)
        cells: list[str] = []
        for column in _SCORE_COLUMNS:
            raw = flat.get(column)
            if isinstance(raw, (list, tuple, Mapping, bool)):
                sink.error(
                    where,
                    where.problem(
                        f"{column} must be a single value / harus satu nilai", key, column
                    ),
                )
                break
            cells.append(_text(raw))
        else:
            yield key, cells
    for name in sorted(unknown):
        sink.warn(
            where,
            where.problem(
                f"key '{name}' of the scores is not used / kunci tidak dipakai",
                None,
                hint=f"score keys: {', '.join(_SCORE_COLUMNS)}",
                rule="unknown-column",
            ),
        )


def _assemble_records(
    meta: _Meta,
    *,
    submissions: Sequence[object],
    judges: Sequence[object] | None,
    scores: Sequence[object],
    verdicts: Sequence[object],
    file: str | None,
    source: str | None,
    sink: _Sink,
) -> Edition:
    def where(table: str) -> _Where:
        return _Where("records", file, table)

    def numbered(items: Sequence[object]) -> Iterator[tuple[int, Any]]:
        return iter(enumerate(items))

    subs, sub_ids = _build_submissions(
        numbered(submissions), where("submissions"), meta.fields, sink
    )
    judge_list: list[Judge] = []
    judge_ids: dict[str, str] | None = None
    if judges is not None:
        judge_list, judge_ids = _build_judges(numbered(judges), where("judges"), meta.fields, sink)
    score_where = where("scores")
    builder = _ScoreBuilder(score_where, sub_ids, judge_ids, sink)
    score_list = builder.build(
        _record_score_rows(numbered(scores), score_where, sink), range(5), 5, None, False
    )
    if judges is None:
        judge_list = _implied_judges(builder)
    verdict_list = _build_verdicts(numbered(verdicts), where("verdicts"), sub_ids, sink)
    files = dict.fromkeys(("submissions", "judges", "scores", "verdicts"), file) if file else {}
    if file:
        files["edition"] = file
    return _finish(
        meta,
        submissions=subs,
        judges=judge_list,
        scores=score_list,
        verdicts=verdict_list,
        source=source,
        files={k: v for k, v in files.items() if v is not None},
        sink=sink,
    )


def _read_json(path: str, sink: _Sink) -> Edition:
    text = _read_text_limited(path, sink, "edition")
    if text is None:
        sink.raise_if_errors()
        raise AssertionError("unreachable")  # pragma: no cover

    def bad_constant(name: str) -> object:
        raise ValueError(f"{name} is not allowed")

    try:
        data = json.loads(text, parse_float=decimal.Decimal, parse_constant=bad_constant)
    except json.JSONDecodeError as exc:
        sink.add(
            Problem(
                f"not valid JSON / bukan JSON yang sah: {exc.msg}",
                file=path,
                line=exc.lineno,
                column=exc.colno,
                rule="json-syntax",
            )
        )
        sink.raise_if_errors()
        raise AssertionError("unreachable") from None  # pragma: no cover
    except ValueError as exc:
        sink.add(Problem(f"not valid JSON / bukan JSON yang sah: {exc}", file=path))
        sink.raise_if_errors()
        raise AssertionError("unreachable") from None  # pragma: no cover
    if not isinstance(data, dict):
        sink.add(Problem("the JSON document must be an object / harus objek", file=path))
        sink.raise_if_errors()
    tables: dict[str, list[object] | None] = {}
    for key, value in data.items():
        if key == "edition":
            continue
        if key not in ("submissions", "judges", "scores", "verdicts"):
            sink.add(
                Problem(
                    f"unknown key '{key}' is ignored / kunci tidak dikenal",
                    file=path,
                    path=key,
                    hint="known keys: edition, submissions, judges, scores, verdicts",
                    rule="unknown-key",
                    level="warning",
                )
            )
        elif value is not None and not isinstance(value, list):
            sink.add(Problem(f"'{key}' must be a list / harus daftar", file=path, path=key))
        else:
            tables[key] = value
    raw_meta = data.get("edition") or {}
    if not isinstance(raw_meta, dict):
        sink.add(Problem("'edition' must be an object / harus objek", file=path, path="edition"))
        raw_meta = {}
    if isinstance(raw_meta.get("parameters"), dict):
        raw_meta = {**raw_meta, "parameters": _iso_dates(raw_meta["parameters"])}
    if "submissions" not in data:
        sink.add(
            Problem(
                "the JSON has no 'submissions' list / tidak ada daftar submissions",
                file=path,
                rule="required",
            )
        )
    meta = _parse_meta(raw_meta, _records_meta_locator(path, "edition"), Path(path).stem, sink)
    return _assemble_records(
        meta,
        submissions=tables.get("submissions") or [],
        judges=tables.get("judges") if "judges" in data else None,
        scores=tables.get("scores") or [],
        verdicts=tables.get("verdicts") or [],
        file=path,
        source=path,
        sink=sink,
    )


# ---------------------------------------------------------------------------------------
# Grids: CSV files and Excel sheets
# ---------------------------------------------------------------------------------------


def _too_big(path: str, table: str) -> Problem | None:
    size = os.stat(path).st_size
    if size > MAX_FILE_BYTES:
        return Problem(
            f"the file is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,}) / "
            "berkas terlalu besar",
            file=path,
            path=table,
            hint="split the data, or raise inovasi_rules.edition.MAX_FILE_BYTES",
            rule="limit",
        )
    return None


def _read_text_limited(path: str, sink: _Sink, table: str) -> str | None:
    big = _too_big(path, table)
    if big is not None:
        sink.add(big)
        return None
    raw = Path(path).read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        sink.add(
            Problem(
                "the file is not UTF-8; read as Windows-1252 / berkas bukan UTF-8",
                file=path,
                hint="save the file as UTF-8",
                rule="encoding",
                level="warning",
            )
        )
        return raw.decode("cp1252", errors="replace")


@attrs.frozen
class _Header:
    """A table's header: the canonical name of each column (``None``: ignored)."""

    names: tuple[str | None, ...]
    width: int  # number of header cells, including unnamed trailing ones
    needed: int  # cells a row must have: up to the last named column
    index: Mapping[str, int]  # name -> 1-based column
    ok: bool  # every required column is present

    def position(self, name: str) -> int:
        return self.index[name] - 1


def _map_header(
    cells: Sequence[object],
    *,
    known: Collection[str],
    aliases: Mapping[str, str],
    required: Sequence[str],
    where: _Where,
    sink: _Sink,
    header_row: int,
    extras: str,  # "keep", "warn" (not used) or "near-miss" (kept, warn when close)
) -> _Header:
    lowered = {k.lower(): k for k in known}
    lowered.update({a.lower(): n for a, n in aliases.items()})
    names: list[str | None] = []
    index: dict[str, int] = {}
    last_named = 0
    for position, cell in enumerate(cells, 1):
        text = _text(cell).strip()
        if not text:
            names.append(None)
            continue
        name = lowered.get(text.lower(), text)
        if name in index:
            sink.error(
                where,
                Problem(
                    f"column '{name}' appears twice (columns {index[name]} and {position}) / "
                    "kolom ganda",
                    file=where.file,
                    row=header_row,
                    column=position,
                    path=_header_path(where, position, header_row, name),
                    hint="remove or rename one of them",
                    rule="duplicate-column",
                ),
            )
            names.append(None)
            continue
        index[name] = position
        names.append(name)
        last_named = position
        if name not in known and name not in aliases.values():
            if extras == "near-miss":
                close = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
                if close:
                    sink.warn(
                        where,
                        Problem(
                            f"unknown column '{name}' is read as an extra field; did you mean "
                            f"'{close[0]}'? / kolom tidak dikenal",
                            file=where.file,
                            row=header_row,
                            column=position,
                            path=_header_path(where, position, header_row, name),
                            hint=f"rename it to '{close[0]}' if that is what it holds",
                            rule="unknown-column",
                        ),
                    )
            elif extras == "warn":
                sink.warn(
                    where,
                    Problem(
                        f"column '{name}' is not used / kolom '{name}' tidak dipakai",
                        file=where.file,
                        row=header_row,
                        column=position,
                        path=_header_path(where, position, header_row, name),
                        hint=f"expected columns: {', '.join(known)}",
                        rule="unknown-column",
                    ),
                )
    ok = True
    headers = [n for n in names if n]
    for column in required:
        if column in index:
            continue
        ok = False
        close = difflib.get_close_matches(column, headers, n=1, cutoff=0.6)
        hint = f"expected columns: {', '.join(known)}"
        if close:
            hint = f"did you mean: rename '{close[0]}' to '{column}'? {hint}"
        sink.error(
            where,
            Problem(
                f"required column '{column}' is missing / kolom wajib '{column}' tidak ada",
                file=where.file,
                row=header_row,
                path=where.table + "!" + str(header_row) if where.kind == "xlsx" else column,
                hint=hint,
                rule="missing-column",
            ),
        )
    return _Header(tuple(names), len(names), last_named, index, ok)


def _header_path(where: _Where, position: int, row: int, name: str) -> str:
    if where.kind == "xlsx":
        return f"{where.table}!{_col_letter(position)}{row}"
    return name


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _blank_row(cells: Sequence[object]) -> bool:
    """Whether every cell is blank (a CSV row is all text: one join, not a call a cell)."""
    text = [c for c in cells if type(c) is str]
    if len(text) == len(cells):
        return not "".join(text).strip()
    return all(_blank(c) for c in cells)


def _fit_row(
    cells: Sequence[Any], header: _Header, key: int, where: _Where, sink: _Sink, pad: bool
) -> Sequence[Any] | None:
    """Make a row as wide as the header, or report it; ``None`` skips the row."""
    n = len(cells)
    if n == 0 or all(_blank(c) for c in cells):
        return None
    width = header.width
    if n > width:
        if all(_blank(c) for c in cells[width:]):
            return cells[:width]
        if pad:  # Excel: name the first cell beyond the header
            extra_at = next(i for i in range(width, n) if not _blank(cells[i]))
            sink.error(
                where,
                Problem(
                    f"a value in column {_col_letter(extra_at + 1)}, which has no header / "
                    "nilai di kolom tanpa judul",
                    file=where.file,
                    row=key,
                    column=extra_at + 1,
                    path=f"{where.table}!{_col_letter(extra_at + 1)}{key}",
                    hint="add a header for the column or delete the value",
                    rule="row-width",
                ),
            )
            return None
    elif pad or n >= header.needed:
        return list(cells) + [None if pad else ""] * (width - n)
    sink.error(
        where,
        where.problem(
            f"the row has {n} cells but the header has {width} columns / baris berisi {n} "
            f"sel, judul berisi {width} kolom",
            key,
            hint="check for a missing or extra delimiter, or a value with a delimiter in "
            "it that is not quoted",
            rule="row-width",
        ),
    )
    return None


def _grid_records(
    rows: Iterable[tuple[int, Sequence[Any]]],
    header: _Header,
    where: _Where,
    sink: _Sink,
    pad: bool,
) -> Iterator[tuple[int, dict[str, object]]]:
    names = header.names
    width = header.width
    for key, cells in rows:
        if len(cells) != width:
            fitted = _fit_row(cells, header, key, where, sink, pad)
            if fitted is None:
                continue
            cells = fitted
        elif _blank_row(cells):
            continue
        yield (
            key,
            _FlatRecord({name: cell for name, cell in zip(names, cells, strict=True) if name}),
        )


def _text_rows(rows: Iterable[tuple[int, Sequence[Any]]]) -> Iterator[tuple[int, list[str]]]:
    for key, cells in rows:
        yield key, [_text(c) for c in cells]


# A table reader: given a header row number and numbered rows, build the table.
_GridConsumer = Callable[[int, Iterator[tuple[int, Sequence[Any]]], _Sink], _T]


@attrs.define
class _GridTables:
    """What the grid readers (folder and workbook) have built so far."""

    meta: _Meta
    submissions: list[Submission] = attrs.field(factory=list)
    sub_ids: dict[str, str] | None = None
    judges: list[Judge] | None = None
    judge_ids: dict[str, str] | None = None
    scores: ScoreTable = _NO_SCORES
    verdicts: list[Verdict] = attrs.field(factory=list)
    files: dict[str, str] = attrs.field(factory=dict)


def _submissions_consumer(
    where: _Where, meta: _Meta, pad: bool
) -> _GridConsumer[tuple[list[Submission], dict[str, str] | None]]:
    def consume(
        header_row: int, rows: Iterator[tuple[int, Sequence[Any]]], sink: _Sink
    ) -> tuple[list[Submission], dict[str, str] | None]:
        header_cells = _first(rows, where, sink, header_row)
        if header_cells is None:
            return [], None
        header_row, cells = header_cells
        header = _map_header(
            cells,
            known=SUBMISSION_FIELDS,
            aliases=_SUBMISSION_ALIASES,
            required=("id",),
            where=where,
            sink=sink,
            header_row=header_row,
            extras="near-miss",
        )
        w = where.with_columns(header.index)
        if not header.ok:
            return [], None
        if not pad:  # a CSV file: every cell is text
            return _csv_submissions(rows, header, w, meta.fields, sink)
        records = _grid_records(rows, header, w, sink, pad)
        subs, ids = _build_submissions(records, w, meta.fields, sink)
        return subs, ids

    return consume


def _csv_submissions(
    rows: Iterator[tuple[int, Sequence[Any]]],
    header: _Header,
    where: _Where,
    field_types: Mapping[str, str],
    sink: _Sink,
) -> tuple[list[Submission], dict[str, str]]:
    """The submissions of a CSV file's rows (after the header): by
    :func:`_fast_submissions` when it takes them, else row by row, which reports every
    problem. Rows read before a CSV or decoding error are read row by row too, then the
    error is raised again, as if they had been read row by row all along."""
    buffered: list[tuple[int, Sequence[Any]]] = []
    append = buffered.append
    failed: Exception | None = None
    try:
        for row in rows:
            append(row)
    except Exception as exc:  # csv.Error, UnicodeDecodeError: the caller handles it
        failed = exc
    else:
        fast = _fast_submissions(buffered, header, where, field_types)
        if fast is not None:
            return fast
    records = _grid_records(_replay(buffered, failed), header, where, sink, False)
    return _build_submissions(records, where, field_types, sink)


def _replay(
    rows: Iterable[tuple[int, Sequence[Any]]], failed: Exception | None
) -> Iterator[tuple[int, Sequence[Any]]]:
    """``rows``, then ``failed`` raised (if any) where the reader raised it."""
    yield from rows
    if failed is not None:
        raise failed


def _fast_submissions(
    rows: Sequence[tuple[int, Sequence[str]]],
    header: _Header,
    where: _Where,
    field_types: Mapping[str, str],
) -> tuple[list[Submission], dict[str, str]] | None:
    """The submissions of ``rows`` (row key, text cells) built column by column, or
    ``None`` when any row has a problem (so that the row-by-row reader names it).

    Each column is converted once per distinct text (with the converters the row-by-row
    reader uses), then the records are built in one loop. Blank rows are skipped, and
    rows of another width than the header are fitted by :func:`_fit_row`, as row by
    row. The result is equal to what :func:`_build_submissions` gives, in the same
    order, with the same origins.
    """
    if not rows:
        return [], {}
    width = header.width
    keys: Sequence[int]
    table: Sequence[Sequence[str]]
    keys, table = zip(*rows, strict=True)
    if set(map(len, table)) != {width}:
        probe = _Sink()
        fitted_keys: list[int] = []
        fitted: list[Sequence[str]] = []
        for key, cells in rows:
            if len(cells) != width:
                fit = _fit_row(cells, header, key, where, probe, False)
                if fit is None:
                    if probe.errors:
                        return None
                    continue  # a blank row
                cells = fit
            fitted_keys.append(key)
            fitted.append(cells)
        keys, table = fitted_keys, fitted
    id_at = header.position("id")
    ids = [cells[id_at].strip() for cells in table]
    if "" in ids:  # blank rows are skipped; any other row without an id is a problem
        keep = [n for n, sub_id in enumerate(ids) if sub_id]
        if any(not ids[n] and not _blank_row(table[n]) for n in range(len(ids))):
            return None
        keys = [keys[n] for n in keep]
        table = [table[n] for n in keep]
        ids = [ids[n] for n in keep]
    if not ids:
        return [], {}
    if len(set(ids)) != len(ids):
        return None
    columns = list(zip(*table, strict=True))
    count = len(ids)
    nothing: Sequence[Any] = (None,) * count
    built: dict[str, Sequence[Any]] = {}
    extra_names: list[str] = []
    extra_columns: list[Sequence[object]] = []
    extra_texts: list[Sequence[str]] = []
    for position, name in enumerate(header.names):
        if name is None or name == "id":
            continue
        spec = _SUBMISSION_SPEC.get(name)
        kind = field_types.get(name) if spec is None else None
        convert = spec[2] if spec is not None else _conv_auto if kind is None else _CONVERTERS[kind]
        column = columns[position]
        values: Sequence[object]
        if convert is _conv_str or convert is _conv_auto:  # text: stripped, empty is None
            values = [cell.strip() or None for cell in column]
        else:
            by_text: dict[str, object] = {}
            try:
                for text in set(column):
                    by_text[text] = convert(text)
            except _Bad:
                return None
            values = list(map(by_text.__getitem__, column))
        if spec is None:
            extra_names.append(name)
            extra_columns.append(values)
            extra_texts.append(column)
        else:
            built[name] = values
    extras: list[Mapping[str, object]] = [_EMPTY] * count
    if extra_names:
        # rows with the same texts share one read-only mapping (keyed by text, not by
        # value: Decimal("1.0") == Decimal("1.00") but they print differently)
        shared: dict[tuple[str, ...], Mapping[str, object]] = {}
        for n, texts in enumerate(zip(*extra_texts, strict=True)):
            mapping = shared.get(texts)
            if mapping is None:
                found = {
                    k: column[n]
                    for k, column in zip(extra_names, extra_columns, strict=True)
                    if _present(column[n])
                }
                mapping = shared[texts] = _FrozenDict(found) if found else _EMPTY
            extras[n] = mapping

    def column_of(name: str) -> Sequence[Any]:
        return built.get(name, nothing)

    # participants and innovations are frozen values: one object per distinct one
    participants: dict[tuple[object, ...], Participant] = {}
    people: list[Participant] = []
    for facts in zip(
        *(column_of(f"participant.{a}") for a in ("kind", "agency", "province", "regency", "name")),
        strict=True,
    ):
        person = participants.get(facts)
        if person is None:
            person = participants[facts] = (
                _EMPTY_PARTICIPANT if facts.count(None) == len(facts) else Participant(*facts)
            )
        people.append(person)
    innovations: dict[tuple[object, ...], Innovation] = {}
    ideas: list[Innovation] = []
    awards = built.get("innovation.previous_awards", ((),) * count)
    for facts in zip(
        column_of("innovation.status"), column_of("innovation.started"), awards, strict=True
    ):
        idea = innovations.get(facts)
        if idea is None:
            idea = innovations[facts] = (
                _EMPTY_INNOVATION if facts == (None, None, ()) else Innovation(*facts)
            )
        ideas.append(idea)
    origin = where.origin
    submissions: list[Submission] = []
    add = submissions.append
    for row in zip(
        ids,
        column_of("title"),
        people,
        ideas,
        column_of("category"),
        column_of("group"),
        column_of("registered"),
        column_of("wave"),
        column_of("withdrawn"),
        extras,
        keys,
        strict=True,
    ):
        sub_id, title, person, idea, category, group, registered, wave, withdrawn, extra, key = row
        # positional, in the order Submission declares its fields (a public signature)
        add(
            Submission(
                sub_id,
                title,
                person,
                idea,
                category,
                group,
                registered,
                wave,
                withdrawn is True,
                extra,
                origin(key),
            )
        )
    return submissions, {sub_id: sub_id for sub_id in ids}


def _judges_consumer(
    where: _Where, meta: _Meta, pad: bool
) -> _GridConsumer[tuple[list[Judge], dict[str, str] | None]]:
    def consume(
        header_row: int, rows: Iterator[tuple[int, Sequence[Any]]], sink: _Sink
    ) -> tuple[list[Judge], dict[str, str] | None]:
        header_cells = _first(rows, where, sink, header_row)
        if header_cells is None:
            return [], None
        header_row, cells = header_cells
        header = _map_header(
            cells,
            known=JUDGE_FIELDS,
            aliases=_JUDGE_ALIASES,
            required=("id",),
            where=where,
            sink=sink,
            header_row=header_row,
            extras="keep",
        )
        if not header.ok:
            return [], None
        w = where.with_columns(header.index)
        return _build_judges(_grid_records(rows, header, w, sink, pad), w, meta.fields, sink)

    return consume


class _ScoresConsumer:
    """Reads the scores table: a :data:`_GridConsumer` (header row, numbered rows, sink)
    that builds a :class:`ScoreTable` and leaves the judges the scores imply in
    ``implied``; :meth:`fast_csv` tries the fast path on a whole CSV file first."""

    def __init__(
        self,
        where: _Where,
        sub_ids: dict[str, str] | None,
        judge_ids: dict[str, str] | None,
        pad: bool,
        implied: list[Judge],
    ) -> None:
        self.where = where
        self.sub_ids = sub_ids
        self.judge_ids = judge_ids
        self.pad = pad
        self.implied = implied

    def __call__(
        self, header_row: int, rows: Iterator[tuple[int, Sequence[Any]]], sink: _Sink
    ) -> ScoreTable:
        where, pad = self.where, self.pad
        header_cells = _first(rows, where, sink, header_row)
        if header_cells is None:
            return _NO_SCORES
        header_row, cells = header_cells
        header = _map_header(
            cells,
            known=_SCORE_COLUMNS,
            aliases=_SCORE_ALIASES,
            required=_SCORE_COLUMNS,
            where=where,
            sink=sink,
            header_row=header_row,
            extras="warn",
        )
        if not header.ok:
            return _NO_SCORES
        w = where.with_columns(header.index)
        builder = _ScoreBuilder(w, self.sub_ids, self.judge_ids, sink)
        source = rows if not pad else _text_rows(rows)
        positions = [header.position(c) for c in _SCORE_COLUMNS]

        def fit(cells: Sequence[str], key: int) -> Sequence[str] | None:
            return _fit_row(cells, header, key, w, sink, pad)

        scores = builder.build(source, positions, header.width, fit, True)
        self.implied[:] = _implied_judges(builder)
        return scores

    def fast_csv(
        self, path: str, parsed: concurrent.futures.Future[_ParsedScores | None] | None = None
    ) -> ScoreTable | None:
        """The scores of the CSV file ``path`` by :func:`_fast_scores` (given the parse
        already under way, if any), or ``None`` when the file must be read row by row."""
        found = _fast_scores(path, self.where, self.sub_ids, self.judge_ids, parsed)
        if found is None:
            return None
        table, self.implied[:] = found
        return table


def _verdicts_consumer(
    where: _Where, sub_ids: dict[str, str] | None, pad: bool
) -> _GridConsumer[list[Verdict]]:
    def consume(
        header_row: int, rows: Iterator[tuple[int, Sequence[Any]]], sink: _Sink
    ) -> list[Verdict]:
        header_cells = _first(rows, where, sink, header_row)
        if header_cells is None:
            return []
        header_row, cells = header_cells
        header = _map_header(
            cells,
            known=_VERDICT_COLUMNS,
            aliases=_VERDICT_ALIASES,
            required=_VERDICT_COLUMNS[:3],
            where=where,
            sink=sink,
            header_row=header_row,
            extras="warn",
        )
        if not header.ok:
            return []
        w = where.with_columns(header.index)
        return _build_verdicts(_grid_records(rows, header, w, sink, pad), w, sub_ids, sink)

    return consume


def _first(
    rows: Iterator[tuple[int, Sequence[Any]]], where: _Where, sink: _Sink, header_row: int
) -> tuple[int, Sequence[Any]] | None:
    """The header: the first row that is not blank."""
    for key, cells in rows:
        if not all(_blank(c) for c in cells):
            return key, cells
    sink.error(
        where,
        Problem(
            "the table is empty: it has no header row / tabel kosong, tanpa baris judul",
            file=where.file,
            path=where.table,
            hint="the first row must name the columns",
            rule="missing-header",
        ),
    )
    return None


def _read_grid_tables(
    meta: _Meta,
    open_table: Callable[[str, _GridConsumer[Any], _Sink], tuple[bool, Any]],
    where: Callable[[str], _Where],
    sink: _Sink,
    pad: bool,
) -> _GridTables:
    """Read the four tables through ``open_table(name, consumer, sink)``, which returns
    (whether the table exists, what the consumer built)."""
    t = _GridTables(meta)
    found, result = open_table(
        "submissions", _submissions_consumer(where("submissions"), meta, pad), sink
    )
    if not found:
        sink.add(
            Problem(
                "submissions are missing / data usulan tidak ada",
                file=where("submissions").file,
                path="submissions",
                hint="an edition needs a submissions table (submissions.csv, or a "
                "'submissions' sheet)",
                rule="required",
            )
        )
    elif result is not None:
        t.submissions, t.sub_ids = result
    found, result = open_table("judges", _judges_consumer(where("judges"), meta, pad), sink)
    if found:
        # a broken judges table (result None, or no ids) is reported already; do not
        # also report every judge of the scores as unknown
        t.judges, t.judge_ids = result if result is not None else ([], None)
    implied: list[Judge] = []
    _, scores = open_table(
        "scores", _ScoresConsumer(where("scores"), t.sub_ids, t.judge_ids, pad, implied), sink
    )
    t.scores = scores if scores is not None else _NO_SCORES
    if t.judges is None:
        t.judges = implied
    _, verdicts = open_table(
        "verdicts", _verdicts_consumer(where("verdicts"), t.sub_ids, pad), sink
    )
    t.verdicts = verdicts or []
    return t


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


def _parse_scores(path: str, where: _Where, threads: bool = True) -> _ParsedScores | None:
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
                read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1, use_threads=threads),
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
    parsed: concurrent.futures.Future[_ParsedScores | None] | None = None,
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

    :param parsed: :func:`_parse_scores` of ``path`` already under way (in a thread).
    """
    got = parsed.result() if parsed is not None else _parse_scores(path, where)
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
    big = _too_big(path, table)
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
        local = _Sink()
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


@contextlib.contextmanager
def _scores_parsed_meanwhile(
    path: str, where: _Where
) -> Iterator[concurrent.futures.Future[_ParsedScores | None] | None]:
    """Start :func:`_parse_scores` of ``path`` in a thread of its own when the file is
    one for the fast path (see :func:`_read_csv`), so that pyarrow parses the scores
    while the submissions and judges are read: on two cores, reading takes about a
    sixth less time. ``None`` for any other file. The thread has ended when this does."""
    try:
        fast = os.stat(path).st_size > FAST_SCORES_MIN_BYTES and _too_big(path, "scores") is None
    except OSError:  # no such file (or none to read): _read_csv reports it
        fast = False
    if not fast:
        yield None
        return
    with concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="inovasi-rules") as pool:
        # pyarrow in this one thread: the other core reads the submissions meanwhile
        # (measured: a parse on all cores would compete with that read)
        yield pool.submit(_parse_scores, path, where, False)


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

    with _scores_parsed_meanwhile(str(folder / "scores.csv"), where("scores")) as parsed:

        def open_table(
            table: str, consume: _GridConsumer[Any], sink: _Sink
        ) -> tuple[bool, Any]:
            path = str(folder / f"{table}.csv")
            fast: Callable[[str], Any] | None = None
            if isinstance(consume, _ScoresConsumer):
                fast = functools.partial(consume.fast_csv, parsed=parsed)
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


# ---------------------------------------------------------------------------------------
# Excel
# ---------------------------------------------------------------------------------------


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
    big = _too_big(path, "workbook")
    if big is not None:
        sink.add(big)
        sink.raise_if_errors()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            sink.add(
                Problem(
                    f"the workbook cannot be opened / buku kerja tidak bisa dibuka: {exc}",
                    file=path,
                    hint="save it again from Excel as .xlsx",
                    rule="excel",
                )
            )
            sink.raise_if_errors()
    for warning in caught:
        sink.add(Problem(f"openpyxl: {warning.message}", file=path, rule="excel", level="warning"))
    try:
        sheets = {str(name).strip().lower(): name for name in workbook.sheetnames}

        def sheet_rows(table: str) -> Iterator[tuple[int, Sequence[Any]]] | None:
            name = sheets.get(table)
            if name is None:
                return None
            worksheet = workbook[name]
            worksheet.reset_dimensions()
            return enumerate(worksheet.iter_rows(values_only=True), 1)

        meta_rows = sheet_rows("edition")
        files = dict.fromkeys(("submissions", "judges", "scores", "verdicts"), path)
        if meta_rows is not None:
            meta = _xlsx_meta(meta_rows, path, sink)
            files["edition"] = path
        else:
            meta = _Meta(id=Path(path).stem)

        def where(table: str) -> _Where:
            return _Where("xlsx", path, sheets.get(table, table))

        def open_table(table: str, consume: _GridConsumer[Any], sink: _Sink) -> tuple[bool, Any]:
            rows = sheet_rows(table)
            if rows is None:
                files.pop(table, None)
                return False, None
            return True, consume(1, rows, sink)

        t = _read_grid_tables(meta, open_table, where, sink, pad=True)
    finally:
        workbook.close()
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
    for key, cells in rows:
        name = _text(cells[0]).strip() if cells else ""
        value = cells[1] if len(cells) > 1 else None
        if not name or (key == 1 and name.lower() == "key"):
            continue
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

    return _parse_meta(raw, locate, Path(path).stem, sink)


# ---------------------------------------------------------------------------------------
# Public readers and writers
# ---------------------------------------------------------------------------------------


def read_edition(path: str | os.PathLike[str]) -> Edition:
    """Read an edition from a folder, a ``.json`` file or an ``.xlsx`` workbook.

    See the module documentation for the layouts and how cells are read.

    :raises EditionError: listing every problem found (file, row, column, a hint), also
        when the path does not exist or a file is larger than :data:`MAX_FILE_BYTES`.
    """
    p = Path(path)
    sink = _Sink()
    suffix = p.suffix.lower()
    with _gc_paused():
        if p.is_dir():
            return _read_folder(p, sink)
        if p.is_file() and suffix == ".json":
            return _read_json(str(p), sink)
        if p.is_file() and suffix in (".xlsx", ".xlsm"):
            return _read_xlsx(str(p), sink)
    if not p.exists():
        message = "no such file or folder / berkas atau folder tidak ada"
    else:
        message = "not an edition: expected a folder, a .json file or an .xlsx workbook"
    raise EditionError(
        [
            Problem(
                message,
                file=str(p),
                hint="give a folder with submissions.csv, a .json file or an .xlsx workbook",
                rule="not-found",
            )
        ]
    )


class _Dumper(yaml.SafeDumper):
    """A safe YAML dumper that writes Decimal as a float scalar (read back exactly)."""


def _represent_decimal(dumper: yaml.SafeDumper, value: decimal.Decimal) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:float", str(value))


_Dumper.add_representer(decimal.Decimal, _represent_decimal)


def _cell_out(value: object, where: str) -> str:
    if value is None or value is MISSING:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        items = [_cell_out(v, where) for v in value]
        for item in items:
            if ";" in item:
                raise ValueError(f"{where}: list item {item!r} contains ';'")
        return ";".join(items)
    return str(value)


def _infer_type(values: Iterable[object]) -> str | None:
    kinds: set[str] = set()
    for value in values:
        if isinstance(value, str):
            kinds.add("string")
        elif isinstance(value, bool):
            kinds.add("bool")
        elif isinstance(value, int):
            kinds.add("integer")
        elif isinstance(value, decimal.Decimal):
            kinds.add("number")
        elif isinstance(value, datetime.datetime):
            kinds.add("other")
        elif isinstance(value, datetime.date):
            kinds.add("date")
        elif isinstance(value, tuple):
            kinds.add("list")
        else:
            kinds.add("other")
    if kinds == {"integer", "number"}:
        return "number"
    if len(kinds) == 1:
        kind = next(iter(kinds))
        return kind if kind in ("bool", "integer", "number", "date", "list") else None
    return None


def write_edition(edition: Edition, folder: str | os.PathLike[str]) -> Path:
    """Write ``edition`` as a folder (``edition.yaml``, ``submissions.csv``,
    ``judges.csv``, ``scores.csv``, ``verdicts.csv``) that :func:`read_edition` reads
    back equal; returns the folder.

    Files are UTF-8 with ``\\n`` line endings, columns and rows in a fixed order (the
    built-in columns, then extra columns sorted by name; records in edition order), so
    the same edition always gives the same bytes. The types of extra fields (number,
    integer, date, bool, list) are declared under ``fields:`` in ``edition.yaml``.
    Existing files of these names are replaced; other files are left alone.

    :raises ValueError: when a value cannot be written so that it reads back the same
        (a list item holding ``;``).
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)

    sub_extras = sorted({k for s in edition.submissions for k in s.extra})
    judge_extras = sorted({k for j in edition.judges for k in j.extra})
    fields: dict[str, str] = {}
    conflicts: set[str] = set()
    for name in sub_extras:
        kind = _infer_type(s.extra[name] for s in edition.submissions if name in s.extra)
        if kind:
            fields[name] = kind
    for name in judge_extras:
        kind = _infer_type(j.extra[name] for j in edition.judges if name in j.extra)
        if name in sub_extras and fields.get(name) != kind:
            conflicts.add(name)
        elif kind:
            fields[name] = kind
    for name in conflicts:
        fields.pop(name, None)

    meta: dict[str, object] = {"id": edition.id}
    for key, value in (
        ("ruleset", edition.ruleset),
        ("year", edition.year),
        ("title", edition.title),
        ("notes", edition.notes),
    ):
        if value is not None:
            meta[key] = value
    if edition.parameters:
        meta["parameters"] = _thaw(edition.parameters)
    if fields:
        meta["fields"] = dict(sorted(fields.items()))
    with open(out / "edition.yaml", "w", encoding="utf-8", newline="\n") as f:
        yaml.dump(
            meta, f, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False
        )

    def write(name: str, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
        with open(out / f"{name}.csv", "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)

    def submission_row(s: Submission) -> list[str]:
        where = f"submission {s.id!r}"
        row = [_cell_out(s.get(path), where) for path in SUBMISSION_FIELDS]
        row[SUBMISSION_FIELDS.index("withdrawn")] = "true" if s.withdrawn else "false"
        row.extend(_cell_out(s.extra.get(name), where) for name in sub_extras)
        return row

    write(
        "submissions",
        [*SUBMISSION_FIELDS, *sub_extras],
        (submission_row(s) for s in edition.submissions),
    )
    write(
        "judges",
        [*JUDGE_FIELDS, *judge_extras],
        (
            [_cell_out(j.get(path), f"judge {j.id!r}") for path in JUDGE_FIELDS]
            + [_cell_out(j.extra.get(name), f"judge {j.id!r}") for name in judge_extras]
            for j in edition.judges
        ),
    )
    write(
        "scores",
        _SCORE_COLUMNS,
        ((s.submission, s.stage, s.judge, s.criterion, str(s.value)) for s in edition.scores),
    )
    write(
        "verdicts",
        _VERDICT_COLUMNS,
        ((v.submission, v.stage, v.verdict, v.note or "") for v in edition.verdicts),
    )
    return out
