"""Writing an audit bundle: one zip file from which anyone can re-derive a published result."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import platform
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from .. import Edition, Result, Ruleset, __version__, dump_ruleset
from ..objections import FinalResult

__all__ = ["BUNDLE_FORMAT", "MANIFEST", "bundle_bytes", "final_bundle_bytes", "write_bundle"]

#: The value of ``format`` in every bundle's manifest.
BUNDLE_FORMAT: Final = "inovasi-rules-bundle"
#: The manifest's name inside the zip.
MANIFEST: Final = "manifest.json"
RULESET_FILE: Final = "ruleset.yaml"
RESULT_FILE: Final = "result.json"
PROVISIONAL_FILE: Final = "provisional.json"
CHANGES_FILE: Final = "changes.json"
# Every member gets this time, so the same evaluation gives the same bundle bytes.
_EPOCH: Final = (1980, 1, 1, 0, 0, 0)


def sha256(data: bytes) -> str:
    """The SHA-256 of ``data`` as hex."""
    return hashlib.sha256(data).hexdigest()


def _inputs(edition: Edition, stdin: bytes | None) -> tuple[str, dict[str, bytes], dict[str, str]]:
    """The input files under ``input/``, how the edition was given (``folder``,
    ``file`` or ``stdin``), and the path each member was read from (the result's
    findings name those paths, so a re-run reads the members as if from there)."""
    if stdin is not None:
        return "stdin", {"input/edition.json": stdin}, {"input/edition.json": "-"}
    paths = sorted(set(edition.files.values()))
    if not paths:
        raise ValueError(
            "the edition was not read from files, so there is nothing to bundle "
            "/ edisi tidak dibaca dari berkas; tulis dulu dengan write_edition"
        )
    source = Path(edition.source or paths[0])
    if source.is_dir():
        where = {f"input/{source.name}/{Path(p).name}": p for p in paths}
        where[f"input/{source.name}"] = str(edition.source)
        return "folder", {m: Path(p).read_bytes() for m, p in where.items() if m.count("/") == 2}, where
    member = f"input/{source.name}"
    return "file", {member: source.read_bytes()}, {member: str(edition.source or source)}


def bundle_bytes(
    ruleset: Ruleset,
    edition: Edition,
    result: Result,
    *,
    load_entrypoints: bool = False,
    stdin: bytes | None = None,
) -> bytes:
    """The bundle of one evaluation, as zip bytes (see :func:`write_bundle`)."""
    return _bundle(ruleset, edition, result, {}, {}, load_entrypoints, stdin)


def final_bundle_bytes(
    ruleset: Ruleset,
    edition: Edition,
    final: FinalResult,
    objections: tuple[str, bytes],
    *,
    announced: datetime.date | None = None,
    load_entrypoints: bool = False,
    stdin: bytes | None = None,
) -> bytes:
    """The bundle of a final result after objections, as zip bytes: the bundle of
    :func:`bundle_bytes` with ``result.json`` the final result, plus the objections
    file (``objections/NAME``, as ``(name, bytes)``), ``provisional.json`` and
    ``changes.json`` (:meth:`FinalResult.to_json`). ``verify`` re-runs the whole
    objection step and checks all three."""
    name, data = objections
    extra = {
        f"objections/{Path(name).name}": data,
        PROVISIONAL_FILE: final.provisional.to_json().encode("utf-8"),
        CHANGES_FILE: final.to_json().encode("utf-8"),
    }
    info = {"objections": {
        "file": f"objections/{Path(name).name}",
        "announced": announced.isoformat() if announced else None,
        "provisional": PROVISIONAL_FILE,
        "changes": CHANGES_FILE,
    }}
    return _bundle(ruleset, edition, final.final, extra, info, load_entrypoints, stdin)


def _bundle(
    ruleset: Ruleset,
    edition: Edition,
    result: Result,
    extra: Mapping[str, bytes],
    info: Mapping[str, Any],
    load_entrypoints: bool,
    stdin: bytes | None,
) -> bytes:
    how, inputs, read_from = _inputs(edition, stdin)
    result_json = result.to_json_bytes()  # the costly part: written once, read back for the manifest
    members: dict[str, bytes] = {
        RULESET_FILE: dump_ruleset(ruleset).encode("utf-8"),
        RESULT_FILE: result_json,
        **inputs,
        **extra,
    }
    manifest: dict[str, Any] = {
        "format": BUNDLE_FORMAT,
        "format_version": 1,
        "library": {"name": "inovasi-rules", "version": __version__},
        "python": platform.python_version(),
        "ruleset": {"id": ruleset.id, "file": RULESET_FILE, "extends": ruleset.extends},
        "edition": {"id": edition.id, "given_as": how, "files": sorted(inputs), "read_from": read_from},
        "result": {"file": RESULT_FILE, "schema_version": 1},
        "parameters": json.loads(result_json)["parameters"],
        "seeds": {
            "lottery": f"SHA-256 of '{ruleset.id}' NUL '{edition.id}' NUL submission id",
            "ruleset": ruleset.id,
            "edition": edition.id,
        },
        "plugins": {
            "load_entrypoints": load_entrypoints,
            "required": [p.name for p in ruleset.plugins],
        },
        "sha256": {name: sha256(data) for name, data in sorted(members.items())},
        **info,
    }
    members[MANIFEST] = (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name in sorted(members):
            member = zipfile.ZipInfo(name, date_time=_EPOCH)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            z.writestr(member, members[name])
    return out.getvalue()


def write_bundle(
    path: str | os.PathLike[str],
    ruleset: Ruleset,
    edition: Edition,
    result: Result,
    *,
    load_entrypoints: bool = False,
    stdin: bytes | None = None,
) -> Mapping[str, str]:
    """Write the audit bundle of one evaluation to ``path`` (a zip file).

    It holds ``ruleset.yaml`` (the ruleset as loaded: ``extends`` resolved and
    ``--set`` parameters applied), the edition's input files under ``input/``,
    ``result.json`` and ``manifest.json`` (library version, parameters, seeds,
    plugins, and the SHA-256 of every other file). The same evaluation always gives
    the same bytes. Returns the manifest's digests.

    :param stdin: the bytes of an edition read from standard input, when it was.
    :raises ValueError: when the edition was built in memory (not read from files).
    """
    data = bundle_bytes(ruleset, edition, result, load_entrypoints=load_entrypoints, stdin=stdin)
    Path(path).write_bytes(data)
    with zipfile.ZipFile(Path(path)) as z:
        digests: dict[str, str] = json.loads(z.read(MANIFEST))["sha256"]
    return digests
