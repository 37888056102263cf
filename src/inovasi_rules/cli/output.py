"""Files a command writes: checked before the work starts, written whole or not at all.

A long evaluation that ends in ``PermissionError`` when it saves its result has wasted
the user's time; :func:`check_writable` finds that out first. :func:`write_text`
writes to a temporary file beside the target and renames it, so a failure never leaves
half a file behind.
"""

from __future__ import annotations

import os
import secrets
import stat
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

import click

from ..safetext import terminal_text

__all__ = ["check_not_inputs", "check_outputs", "check_writable", "echo", "target", "write_bytes", "write_stream", "write_text"]


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


def target(path: Path) -> Path:
    """The file that writing ``path`` replaces: a symbolic link is followed to the
    file it points to (which is written, and the link kept), as ``open()`` would."""
    return Path(os.path.realpath(path))


def _kind(mode: int) -> tuple[str, str] | None:
    """What a non-regular file is (English, Indonesian), or ``None`` for a regular one."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)", "pipa bernama (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device", "perangkat"
    if stat.S_ISSOCK(mode):
        return "a socket", "soket"
    return "a special file", "berkas khusus"


def _not_regular(path: Path, option: str) -> click.BadParameter | None:
    """The refusal for a ``path`` that exists and is not a regular file (following
    symbolic links), or ``None``."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:  # nothing there yet (or a link to nothing: that is created)
        return None
    except OSError as exc:  # a link that loops, a path through a file, no permission
        return _refuse(path, option, f"it cannot be looked at ({exc.strerror})", "tidak dapat diperiksa")
    if stat.S_ISDIR(mode):
        return _refuse(path, option, "it is a folder", "itu sebuah folder")
    kind = _kind(mode)
    if kind is None:
        return None
    return _refuse(
        path, option,
        f"it is {kind[0]}, not a regular file; give the path of a file (or leave out {option} to print)",
        f"itu {kind[1]}, bukan berkas biasa; beri jalur sebuah berkas (atau tanpa {option} untuk mencetak)",
    )


def check_writable(path: Path, option: str = "--out") -> None:
    """Raise :class:`click.BadParameter` (bilingual, naming ``option``) unless ``path``
    can be written: a regular file or nothing yet (not a folder, a named pipe or a
    device; a symbolic link counts as the file it points to), in a folder that exists
    (or can be made) and takes new files. Nothing is left behind."""
    refusal = _not_regular(path, option)
    if refusal is not None:
        raise refusal
    real = target(path)
    folder = real.parent
    while not folder.exists():
        if folder.parent == folder:
            break
        folder = folder.parent
    if not folder.is_dir():
        raise _refuse(path, option, f"{folder} is a file, not a folder", f"{folder} berkas, bukan folder")
    if real.exists() and not os.access(real, os.W_OK):
        raise _refuse(path, option, "the file is read-only", "berkas hanya-baca")
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise _refuse(
            path, option, f"the folder {folder} does not take new files ({exc.strerror})",
            f"folder {folder} tidak dapat ditulisi",
        ) from None


def _same(a: Path, b: Path) -> bool:
    """True when writing ``a`` would replace the file ``b`` (links followed; the same
    file under two names counts too)."""
    ta, tb = target(a), target(b)
    if ta == tb:
        return True
    try:
        return os.path.samefile(ta, tb)
    except OSError:
        return False


def check_outputs(
    outputs: Sequence[tuple[Path | None, str]], inputs: Iterable[str | Path | None] = ()
) -> None:
    """:func:`check_writable` for each given output (``(path, option)``), then refuse
    two options that name the same file, and an output that is one of the ``inputs``
    the command reads (it would be overwritten by the result)."""
    given = [(p, o) for p, o in outputs if p is not None]
    for path, option in given:
        check_writable(path, option)
    for i, (path, option) in enumerate(given):
        for other, other_option in given[:i]:
            if _same(path, other):
                raise _refuse(
                    path, option, f"{other_option} names the same file; give each its own file",
                    f"{other_option} menunjuk berkas yang sama; beri masing-masing berkas sendiri",
                )
    check_not_inputs(given, inputs)


def check_not_inputs(
    outputs: Sequence[tuple[Path | None, str]], inputs: Iterable[str | Path | None]
) -> None:
    """Refuse an output that is one of the files the command reads."""
    read = [Path(p) for p in inputs if p is not None and str(p) != "-"]
    for path, option in outputs:
        if path is None:
            continue
        for source in read:
            if _same(path, source):
                raise _refuse(
                    path, option,
                    f"it is an input of this command ({source}) and would be overwritten; "
                    "give another file",
                    f"itu berkas masukan perintah ini ({source}) dan akan tertimpa; beri berkas lain",
                )


def _scratch(final: Path) -> tuple[int, str]:
    """A new file beside ``final`` to write into, opened with the permissions ``open()``
    gives a new file: 0666 less the umask, which the system applies (reading the umask
    would mean changing it, for every thread of the process)."""
    while True:
        name = final.parent / f".{final.name}.{secrets.token_hex(6)}.tmp"
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), str(name)
        except FileExistsError:
            continue


def write_text(path: Path, text: str, option: str = "--out") -> None:
    """Write ``text`` (UTF-8) to ``path`` whole: see :func:`write_stream`."""
    write_stream(path, lambda handle: handle.write(text), option)


def write_bytes(path: Path, data: bytes, option: str = "--out") -> None:
    """Write ``data`` to ``path`` whole: see :func:`write_stream`."""
    write_stream(path, lambda handle: handle.buffer.write(data), option)


def write_stream(path: Path, fill: Callable[[TextIO], object], option: str = "--out") -> None:
    """Let ``fill`` write ``path`` (UTF-8 text, or bytes through ``handle.buffer``) whole:
    into a temporary file in the same folder, renamed into place when ``fill`` is done.
    A symbolic link is written through (the file it points to is replaced, the link
    kept); anything at ``path`` other than a regular file is refused. The file gets the
    permissions ``open()`` would give it: those of the file it replaces, or 0666 less
    the umask for a new one. An ``OSError`` becomes a bilingual
    :class:`click.ClickException`; no partial file remains."""
    refusal = _not_regular(path, option)
    if refusal is not None:
        raise click.ClickException(refusal.format_message())
    final = target(path)
    try:
        try:
            mode: int | None = os.stat(final).st_mode & 0o777
        except FileNotFoundError:
            mode = None
        final.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _scratch(final)
        try:
            if mode is not None:  # (a file replaced keeps its own permissions)
                os.fchmod(fd, mode)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                fill(handle)
            os.replace(tmp, final)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise click.ClickException(
            f"{option}: cannot write {path} ({exc.strerror}) / tidak dapat menulis {path}"
        ) from None
