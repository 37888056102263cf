"""Ids close to a mistyped one, for "did you mean" hints.

People type an id's number with fewer (or more) leading zeros than the data has
(``SKH-001`` for ``SKH-0001``); plain string similarity ranks other ids of the same
length above the one meant (``SKH-0071``, ``SKH-0061``), so the same number written
with the width of the known ids comes first.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection

__all__ = ["close_ids"]

_NUMBERED = re.compile(r"(.*?)(\d+)")
#: At most this many ids are compared by similarity (a slow comparison per id).
_COMPARED = 10_000


def close_ids(wanted: str, ids: Collection[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Up to ``n`` ids of ``ids`` that ``wanted`` may have meant: first ``wanted``'s
    number written with other leading zeros, then the most similar ids.

    >>> close_ids("SKH-001", ["SKH-0071", "SKH-0061", "SKH-0001", "SKH-0051"])
    ['SKH-0001', 'SKH-0071', 'SKH-0061']
    """
    found = [c for c in _renumbered(wanted) if c in ids]
    pool = list(ids) if len(ids) <= _COMPARED else list(ids)[:_COMPARED]
    for c in difflib.get_close_matches(wanted, pool, n=n, cutoff=cutoff):
        if c not in found:
            found.append(c)
    return found[:n]


def _renumbered(wanted: str) -> list[str]:
    """``wanted`` with its trailing number zero-padded to other widths."""
    m = _NUMBERED.fullmatch(wanted)
    if m is None:
        return []
    prefix, digits = m.groups()
    core = digits.lstrip("0") or "0"
    out = [prefix + core.zfill(width) for width in range(len(core), len(core) + 6)]
    return [c for c in out if c != wanted]
