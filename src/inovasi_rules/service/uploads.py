"""Uploaded files, each request in a temporary folder of its own that is removed after.

A client names its files (``submissions.csv``, ``scores.csv``, an ``.xlsx`` workbook,
...); the name only decides what a file is. The bytes are written under names the
service chooses, inside the request's folder, so a request can neither read nor write
any other file on the server.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from .. import Problem
from ..errors import ServiceError
from .jobs import problem_dict
from .limits import Settings

__all__ = ["EDITION_FILES", "request_folder", "save_edition", "save_text", "upload_name"]

#: The files of an edition folder (and of a past edition: ``outcomes.csv``).
EDITION_FILES = (
    "edition.yaml",
    "submissions.csv",
    "judges.csv",
    "scores.csv",
    "verdicts.csv",
    "outcomes.csv",
)
CHUNK = 1024 * 1024


class Upload(Protocol):
    """What the service needs of an uploaded file (Starlette's ``UploadFile``)."""

    filename: str | None

    async def read(self, size: int = -1) -> bytes: ...


@contextmanager
def request_folder() -> Iterator[Path]:
    """A new empty folder for one request, removed with everything in it afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="inovasi-rules-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _refuse(status: int, kind: str, title: str, message: str, hint: str, file: str | None = None) -> ServiceError:
    return ServiceError(status, kind, title, [problem_dict(Problem(message, file, rule=kind, hint=hint))])


def upload_name(raw: str | None) -> str:
    """The last part of a client's file name (never a path), lower-cased."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name.lower()


def _too_large(name: str, limit: int) -> ServiceError:
    return _refuse(413, "too-large", "file too large / berkas terlalu besar",
                   f"{name} is larger than this service's limit of {limit:,} bytes "
                   f"/ {name} melebihi batas {limit:,} byte",
                   "send a smaller file, or ask the operator to raise --max-upload-mb", name)


async def _copy(upload: Upload, target: Path, name: str, settings: Settings) -> int:
    """Write ``upload`` to ``target`` (at most the upload limit); return its lines."""
    size = lines = 0
    with target.open("wb") as out:
        while chunk := await upload.read(CHUNK):
            size += len(chunk)
            if size > settings.max_upload_bytes:
                raise _too_large(name, settings.max_upload_bytes)
            lines += chunk.count(b"\n")
            out.write(chunk)
    return lines


def save_text(data: bytes, folder: Path, name: str, settings: Settings) -> Path:
    """Write bytes the client sent in the body (a JSON edition, a ruleset's YAML)."""
    if len(data) > settings.max_upload_bytes:
        raise _too_large(name, settings.max_upload_bytes)
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


async def save_edition(uploads: Sequence[Upload], folder: Path, settings: Settings) -> Path:
    """Save an edition's uploaded files and return the path to read it from: a folder
    of CSV files (and ``edition.yaml``), one ``.xlsx`` workbook or one ``.json`` file.

    :raises ServiceError: 422 for names the service does not know or a mix of kinds, 413
        when a file, its lines or an unpacked workbook exceed the limits.
    """
    named = [(upload_name(u.filename), u) for u in uploads if upload_name(u.filename)]
    if not named:
        raise _refuse(422, "no-edition", "no edition sent / edisi tidak dikirim",
                      "send the edition's files: submissions.csv (required), scores.csv, judges.csv, "
                      "verdicts.csv, edition.yaml; or one .xlsx workbook or one .json file "
                      "/ kirim berkas edisi",
                      "a multipart form with one `edition` part per file")
    single = [n for n, _ in named if n.endswith((".xlsx", ".json"))]
    if single:
        if len(named) != 1:
            raise _refuse(422, "mixed-edition", "one workbook or one set of CSV files / satu workbook atau satu set CSV",
                          f"{single[0]} came with other files; send a workbook (or a JSON file) alone "
                          f"/ {single[0]} harus dikirim sendiri", "send either the .xlsx, the .json or the CSV files", single[0])
        name, upload = named[0]
        target = folder / ("edition.xlsx" if name.endswith(".xlsx") else "edition.json")
        await _copy(upload, target, name, settings)
        if target.suffix == ".xlsx":
            _check_workbook(target, name, settings)
        return target
    edition = folder / "edition"
    edition.mkdir()
    lines = 0
    for name, upload in named:
        if name == "edition.yml":
            name = "edition.yaml"
        if name not in EDITION_FILES:
            raise _refuse(422, "unknown-file", "unknown file / berkas tidak dikenal",
                          f"{name}: not a file of an edition / bukan berkas edisi",
                          "name the files " + ", ".join(EDITION_FILES) + ", or send one .xlsx or .json", name)
        target = edition / name
        if target.exists():
            raise _refuse(422, "duplicate-file", "file sent twice / berkas dikirim dua kali",
                          f"{name} was sent twice / {name} dikirim dua kali", "send each file once", name)
        lines += await _copy(upload, target, name, settings)
    if lines > settings.max_rows + len(named):
        raise _refuse(413, "too-many-rows", "too many rows / terlalu banyak baris",
                      f"the files have {lines:,} lines, more than this service's limit of "
                      f"{settings.max_rows:,} rows / berkas berisi {lines:,} baris, melebihi batas",
                      "split the edition, or ask the operator to raise --max-rows")
    return edition


def _check_workbook(path: Path, name: str, settings: Settings) -> None:
    """A workbook is a zip archive: refuse one that would unpack beyond the limit
    (a bad archive is left to the reader, which names the problem)."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(i.file_size for i in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return
    if unpacked > settings.max_unpacked_bytes:
        raise _refuse(413, "too-large", "workbook too large / workbook terlalu besar",
                      f"{name} unpacks to {unpacked:,} bytes, more than this service's limit of "
                      f"{settings.max_unpacked_bytes:,} / {name} terlalu besar setelah dibuka",
                      "send a smaller workbook, or the tables as CSV files", name)
