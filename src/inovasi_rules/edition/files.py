"""Reading files within limits: the size of a file, and reading it as text."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import Problem
from ..yamlpos import bom_encoding
from .problems import _Sink


def _too_big(path: str, table: str, limit: int) -> Problem | None:
    size = os.stat(path).st_size
    if size > limit:
        return Problem(
            f"the file is too large ({size:,} bytes; the limit is {limit:,}) / "
            "berkas terlalu besar",
            file=path,
            path=table,
            hint="split the data, or raise ReadLimits.file_bytes (read_edition's limits) / bagi "
            "datanya, atau naikkan ReadLimits.file_bytes (batas read_edition)",
            rule="limit",
        )
    return None


def _read_text_limited(path: str, sink: _Sink, table: str) -> str | None:
    big = _too_big(path, table, sink.limits.file_bytes)
    if big is not None:
        sink.add(big)
        return None
    raw = Path(path).read_bytes()
    encoding = bom_encoding(raw)
    nul = raw.find(b"\x00") if encoding == "utf-8-sig" else -1
    if nul >= 0:  # no text file holds one: UTF-16 or UTF-32 without a byte-order mark
        sink.add(
            Problem(
                "the file holds NUL bytes: it is not UTF-8 text, probably UTF-16 "
                '("Unicode") without a byte-order mark / berkas berisi byte NUL: bukan '
                "teks UTF-8",
                file=path,
                line=raw.count(b"\n", 0, nul) + 1,
                hint="save the file as UTF-8 / simpan berkas sebagai UTF-8",
                rule="encoding",
            )
        )
        return None
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        if encoding != "utf-8-sig":
            name = encoding.upper()
            sink.add(
                Problem(
                    f"the file is marked as {name} but cannot be read as {name} / berkas "
                    f"bertanda {name} tetapi tidak bisa dibaca",
                    file=path,
                    hint="save the file as UTF-8 / simpan berkas sebagai UTF-8",
                    rule="encoding",
                )
            )
            return None
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
