"""The limits a reader keeps to, whatever the input: a parameter of every read."""

from __future__ import annotations

import attrs

from ..decimals import DEFAULT_NUMBER_LIMITS, NumberLimits

__all__ = ["DEFAULT_READ_LIMITS", "MAX_FILE_BYTES", "ReadLimits"]

#: The default of :attr:`ReadLimits.file_bytes`: 200 MiB.
MAX_FILE_BYTES = 200 * 1024 * 1024


def _positive(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 1:
        raise ValueError(f"'{attribute.name}' must be at least 1 (got {value})")


@attrs.frozen
class ReadLimits:
    """How much :func:`~inovasi_rules.read_edition` reads before it refuses a file.

    An edition may be uploaded by a stranger: every limit below turns an input that is
    too large into a located :class:`~inovasi_rules.EditionError` (saying which limit
    and how to raise it) instead of a hang or an exhausted memory. The defaults hold
    every real edition with room to spare (the largest national one has about 3,000
    submissions and 150,000 scores). Pass your own to :func:`read_edition`::

        read_edition(folder, limits=ReadLimits(file_bytes=20 * 1024 * 1024))

    :param file_bytes: the largest file read (a CSV file, the JSON file, the workbook
        on disk, ``edition.yaml``), in bytes: 200 MiB.
    :param xlsx_bytes: the most a workbook may hold once unzipped (every part of it
        together), in bytes: 100 MiB. A workbook is a zip file: a 1 MB workbook can
        unzip to gigabytes.
    :param rows: the most rows of one table (a CSV file, a sheet, a JSON list):
        5,000,000.
    :param columns: the most columns of one table: 1,000.
    :param cell_chars: the most characters of one cell: 100,000.
    :param json_depth: the deepest nesting of a JSON document: 32 (an edition needs 4).
    :param problems_per_table: at most this many problems are listed per table; the
        rest are counted in one more problem: 200.
    :param numbers: how long, large and fine a number may be
        (:class:`~inovasi_rules.decimals.NumberLimits`).
    """

    file_bytes: int = attrs.field(default=MAX_FILE_BYTES, validator=_positive)
    xlsx_bytes: int = attrs.field(default=100 * 1024 * 1024, validator=_positive)
    rows: int = attrs.field(default=5_000_000, validator=_positive)
    columns: int = attrs.field(default=1_000, validator=_positive)
    cell_chars: int = attrs.field(default=100_000, validator=_positive)
    json_depth: int = attrs.field(default=32, validator=_positive)
    problems_per_table: int = attrs.field(default=200, validator=_positive)
    numbers: NumberLimits = DEFAULT_NUMBER_LIMITS


#: The limits :func:`~inovasi_rules.read_edition` uses unless it is given others.
DEFAULT_READ_LIMITS = ReadLimits()
