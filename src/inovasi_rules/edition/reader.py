"""read_edition: a folder, a JSON file or a workbook (the layouts: its docstring)."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import EditionError, Problem
from .folder import _read_folder
from .jsonfile import _read_json
from .limits import DEFAULT_READ_LIMITS, ReadLimits
from .model import Edition
from .problems import _Sink
from .xlsx import _read_xlsx

# ---------------------------------------------------------------------------------------
# Public readers and writers
# ---------------------------------------------------------------------------------------


def read_edition(
    path: str | os.PathLike[str], *, limits: ReadLimits = DEFAULT_READ_LIMITS
) -> Edition:
    """Read an edition from a folder of CSV files, a ``.json`` file or an ``.xlsx`` workbook.

    The three layouts hold the same tables (``submissions``, ``judges``, ``scores``,
    ``verdicts``) and the edition's details (id, ruleset, year, types of extra columns):

    * a folder with ``submissions.csv`` (required), ``judges.csv``, ``scores.csv``,
      ``verdicts.csv`` and ``edition.yaml`` (each optional);
    * one JSON file with the keys ``edition``, ``submissions``, ``judges``, ``scores``
      and ``verdicts``, each table a list of records (its schema:
      ``inovasi-rules schema edition``);
    * one Excel workbook with a sheet per table and an ``edition`` sheet of key | value
      rows; reading it needs the ``excel`` extra (``pip install "inovasi-rules[excel]"``).

    Every column, how cells are read (dates and times, numbers, empty cells) and a worked
    example are on the documentation page "Tata letak edisi / Edition layout"
    (``docs/reference/edition.md``); ``help(inovasi_rules.edition)`` sums them up too.

    :raises EditionError: listing every problem found (file, row, column, a hint), also
        when the path does not exist or an input is beyond ``limits``.
    :param limits: how large an input may be (:class:`ReadLimits`; the defaults hold
        every real edition).
    """
    p = Path(path)
    sink = _Sink(limits)
    suffix = p.suffix.lower()
    if p.is_dir():
        return _read_folder(p, sink)
    if p.is_file() and suffix == ".json":
        return _read_json(str(p), sink)
    if p.is_file() and suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(str(p), sink)
    if not p.exists():
        message = "no such file or folder / berkas atau folder tidak ada"
    else:
        message = ("not an edition: expected a folder, a .json file or an .xlsx workbook / bukan edisi: "
                   "harus folder, berkas .json atau buku kerja .xlsx")
    raise EditionError(
        [
            Problem(
                message,
                file=str(p),
                hint="give a folder with submissions.csv, a .json file or an .xlsx workbook / berikan "
                "folder berisi submissions.csv, berkas .json atau buku kerja .xlsx",
                rule="not-found",
            )
        ]
    )
