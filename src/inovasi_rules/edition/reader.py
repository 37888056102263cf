"""read_edition: a folder, a JSON file or a workbook."""

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
    """Read an edition from a folder, a ``.json`` file or an ``.xlsx`` workbook.

    See the module documentation for the layouts and how cells are read.

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
