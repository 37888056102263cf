"""Reading files within limits: the size of a file, and reading it as text."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import Problem
from .problems import _Sink


def _too_big(path: str, table: str, limit: int) -> Problem | None:
    size = os.stat(path).st_size
    if size > limit:
        return Problem(
            f"the file is too large ({size:,} bytes; the limit is {limit:,}) / "
            "berkas terlalu besar",
            file=path,
            path=table,
            hint="split the data, or raise ReadLimits.file_bytes (read_edition's limits)",
            rule="limit",
        )
    return None


def _read_text_limited(path: str, sink: _Sink, table: str) -> str | None:
    big = _too_big(path, table, sink.limits.file_bytes)
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
                hint="save the file as UTF-8 / simpan berkas sebagai UTF-8",
                rule="encoding",
                level="warning",
            )
        )
        return raw.decode("cp1252", errors="replace")
