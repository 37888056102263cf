"""An edition given as JSON on standard input (``inovasi-rules evaluate RULESET -``)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import BinaryIO, Final

import attrs

from .. import Edition, EditionError, Problem, read_edition

__all__ = ["MAX_STDIN_BYTES", "STDIN", "read_edition_bytes", "read_limited"]

#: How standard input is named in problems and in ``Edition.source``.
STDIN: Final = "-"
#: The most bytes read from standard input (a parameter of :func:`read_limited`).
MAX_STDIN_BYTES: Final = 200_000_000


def read_limited(stream: BinaryIO, max_bytes: int = MAX_STDIN_BYTES) -> bytes:
    """All of ``stream``, refusing more than ``max_bytes`` (read in chunks, so an endless
    stream costs at most ``max_bytes`` of memory).

    :raises EditionError: when the stream is longer.
    """
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(1 << 20):
        size += len(chunk)
        if size > max_bytes:
            raise EditionError([Problem(
                f"standard input is longer than {max_bytes:,} bytes / masukan standar terlalu besar",
                file=STDIN, rule="limit", hint="give the edition as a file or folder instead / berikan edisi sebagai berkas atau folder")])
        chunks.append(chunk)
    return b"".join(chunks)


def read_edition_bytes(data: bytes) -> Edition:
    """An edition from the bytes of one JSON document, read exactly as
    :func:`~inovasi_rules.read_edition` reads a ``.json`` file; problems name the file
    ``-``. Without an ``edition.id`` the edition's id is ``edition``.

    :raises EditionError: listing every problem.
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "edition.json")
        path.write_bytes(data)
        try:
            edition = read_edition(path)
        except EditionError as exc:
            raise EditionError([_renamed(p, str(path)) for p in exc.problems]) from None
    return attrs.evolve(
        edition,
        source=STDIN,
        files=dict.fromkeys(edition.files, STDIN),
        findings=[_renamed(p, str(path)) for p in edition.findings],
    )


def _renamed(problem: Problem, path: str) -> Problem:
    if problem.file != path:
        return problem
    return attrs.evolve(problem, file=STDIN, message=problem.message.replace(path, STDIN))
