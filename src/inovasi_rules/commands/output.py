"""Files a command writes: checked before the work starts, written whole or not at all.

A long evaluation that ends in ``PermissionError`` when it saves its result has wasted
the user's time; :func:`check_writable` finds that out first. :func:`write_text`
writes to a temporary file beside the target and renames it, so a failure never leaves
half a file behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import click

from ..safetext import terminal_text

__all__ = ["check_writable", "echo", "write_text"]


def echo(message: object = None, **kwargs: Any) -> None:
    """:func:`click.echo` for text that may come from uploaded files: control
    characters and bidirectional overrides are shown as visible escapes
    (:func:`~inovasi_rules.safetext.terminal_text`), never sent to the terminal."""
    click.echo(None if message is None else terminal_text(str(message)), **kwargs)


def _refuse(path: Path, option: str, why_en: str, why_id: str) -> click.BadParameter:
    return click.BadParameter(
        f"cannot write {path}: {why_en} / tidak dapat menulis {path}: {why_id}",
        param_hint=option,
    )


def check_writable(path: Path, option: str = "--out") -> None:
    """Raise :class:`click.BadParameter` (bilingual, naming ``option``) unless ``path``
    can be written: not a folder, in a folder that exists (or can be made) and takes
    new files. Nothing is left behind."""
    if path.is_dir():
        raise _refuse(path, option, "it is a folder", "itu sebuah folder")
    folder = path.parent
    while not folder.exists():
        if folder.parent == folder:
            break
        folder = folder.parent
    if not folder.is_dir():
        raise _refuse(path, option, f"{folder} is a file, not a folder", f"{folder} berkas, bukan folder")
    if path.exists() and not os.access(path, os.W_OK):
        raise _refuse(path, option, "the file is read-only", "berkas hanya-baca")
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise _refuse(
            path, option, f"the folder {folder} does not take new files ({exc.strerror})",
            f"folder {folder} tidak dapat ditulisi",
        ) from None


def write_text(path: Path, text: str, option: str = "--out") -> None:
    """Write ``text`` (UTF-8) to ``path`` whole: see :func:`write_stream`."""
    write_stream(path, lambda handle: handle.write(text), option)


def write_stream(path: Path, fill: Callable[[TextIO], object], option: str = "--out") -> None:
    """Let ``fill`` write ``path`` (UTF-8 text, or bytes through ``handle.buffer``) whole:
    into a temporary file in the same folder, renamed into place when ``fill`` is done.
    An ``OSError`` becomes a bilingual :class:`click.ClickException`; no partial file
    remains."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                fill(handle)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise click.ClickException(
            f"{option}: cannot write {path} ({exc.strerror}) / tidak dapat menulis {path}"
        ) from None
