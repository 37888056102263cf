"""An edition: the submissions, judges, scores and verdicts of one competition year.

An :class:`Edition` is the input the engine applies a ruleset to. It is built

* from a folder on disk (:func:`read_edition`)::

      history/kipp-2019/
        edition.yaml     id, ruleset, year, title, notes, parameters, fields
        submissions.csv  id, title, category, group, ..., participant.kind, ...
        judges.csv       id (or judge_id), name, affiliation, province, agency, ...
        scores.csv       submission_id, stage, judge_id, criterion, score
        verdicts.csv     submission_id, stage, verdict, note

  ``submissions.csv`` is required, every other file is optional. ``outcomes.csv`` is
  left alone; any other CSV file is reported (a warning), and a file that looks like
  a table under another name (``Scores.csv``, ``nilai.csv``) is an error, since the
  table would otherwise be missing. A workbook's sheets are checked the same way;
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
  (``85,5``) is accepted as Indonesian spreadsheets write it; every number is read by
  :func:`inovasi_rules.decimals.parse_decimal` within ``ReadLimits.numbers`` (so
  ``1E-100000000`` is a located error, not a hang);
* CSV files may be UTF-8 with or without a byte-order mark, UTF-16 or UTF-32 with a
  byte-order mark, or, failing UTF-8, Windows-1252/Latin-1 (a warning says so); UTF-16
  or UTF-32 without one (a file full of NUL bytes) is an error; line endings may be
  ``\\n`` or ``\\r\\n``; the delimiter is ``,``, or ``;`` or a tab when the header row
  uses that instead (as Excel does in Indonesian locales); ``edition.yaml`` and a JSON
  edition may be UTF-8, or UTF-16 or UTF-32 with a byte-order mark;
* trailing empty cells beyond the header (left by spreadsheet exports) are ignored;
  blank rows are skipped (but still counted, so row numbers match the spreadsheet).

Every input is bounded: :class:`ReadLimits` (a parameter of :func:`read_edition`) says
how large a file, a workbook, a table, a JSON document and a number may be.
``edition.yaml`` is read with the safety limits of a ruleset (size, nesting, aliases);
a JSON object with a key written twice is an error, not last-one-wins.

An edition that declares no id gets ``edition-`` and the first 12 hexadecimal digits
of the SHA-256 of its submission ids, each followed by a line feed: the id seeds the
tie-break lottery, which must not change when the same data is saved under another
file or folder name.

The package reads as the data flow: :mod:`.model` (the records), :mod:`.scoretable`
(scores in columns), one module per format (:mod:`.folder` for CSV files, :mod:`.jsonfile`,
:mod:`.xlsx`, :mod:`.meta` for ``edition.yaml``), :mod:`.cells` (how a cell becomes a
value), :mod:`.grid` and :mod:`.builder` (tables from cells, every record checked),
:mod:`.problems` (where a problem is) and :mod:`.writer`.
"""

from __future__ import annotations

from .cells import FIELD_TYPES
from .limits import DEFAULT_READ_LIMITS, MAX_FILE_BYTES, ReadLimits
from .model import (
    CONFIRMED,
    DROPPED,
    JUDGE_FIELDS,
    MISSING,
    SUBMISSION_FIELDS,
    VERDICT_WORDS,
    Edition,
    FrozenDict,
    Innovation,
    Judge,
    MissingType,
    Origin,
    Participant,
    Submission,
    Verdict,
)
from .reader import read_edition
from .scoretable import Score, ScoreTable
from .writer import write_edition

__all__ = [
    "CONFIRMED",
    "DEFAULT_READ_LIMITS",
    "DROPPED",
    "FIELD_TYPES",
    "JUDGE_FIELDS",
    "MAX_FILE_BYTES",
    "MISSING",
    "SUBMISSION_FIELDS",
    "VERDICT_WORDS",
    "Edition",
    "FrozenDict",
    "Innovation",
    "Judge",
    "MissingType",
    "Origin",
    "Participant",
    "ReadLimits",
    "Score",
    "ScoreTable",
    "Submission",
    "Verdict",
    "read_edition",
    "write_edition",
]
