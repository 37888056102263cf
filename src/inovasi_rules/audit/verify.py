"""Verifying an audit bundle: check every digest, re-run the evaluation, compare."""

from __future__ import annotations

import datetime
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import attrs

from .. import (
    InovasiRulesError,
    Problem,
    Registry,
    Result,
    Ruleset,
    __version__,
    evaluate,
    loads_ruleset,
    read_edition,
)
from ..contract.stdin import read_edition_bytes
from ..messages import language
from .bundle import (
    BUNDLE_FORMAT,
    CHANGES_FILE,
    MANIFEST,
    PROVISIONAL_FILE,
    RESULT_FILE,
    RULESET_FILE,
    sha256,
)

__all__ = ["MAX_BUNDLE_BYTES", "Mismatch", "Verification", "verify_bundle"]

#: The most bytes a bundle may unpack to (all members together); a parameter of
#: :func:`verify_bundle`.
MAX_BUNDLE_BYTES: Final = 500_000_000
_MAX_MEMBERS: Final = 1_000
_SAFE: Final = re.compile(r"input/(?:[\w][\w .-]*/)?[\w][\w .-]*")


def _cut(text: str | None, width: int = 100) -> str:
    if text is None:
        return "—"
    return text if len(text) <= width else text[: width - 1] + "…"


@attrs.frozen
class Mismatch:
    """One value that is not what the bundle records.

    :ivar entry: the submission id, the bundle member (for a digest), or ``None`` for
        the result as a whole.
    :ivar field: what differs: ``sha256``, ``file``, or a path in the result such as
        ``stages[proposal].score``.
    :ivar recorded: the value the bundle records (``None`` when absent).
    :ivar recomputed: the value found or recomputed now (``None`` when absent).
    """

    entry: str | None
    field: str
    recorded: str | None
    recomputed: str | None

    def format(self) -> str:
        """One line: entry, field, recorded and recomputed value."""
        return f"{self.entry or '-'}  {self.field}: {_cut(self.recorded)} -> {_cut(self.recomputed)}"


@attrs.frozen
class Verification:
    """The outcome of :func:`verify_bundle`.

    :ivar fingerprint: the SHA-256 of the bundle's manifest (which holds the digest of
        every other file): compare it with the one the organiser published.
    :ivar mismatches: every digest that does not match and every result value that the
        re-run does not reproduce.
    :ivar problems: why the bundle could not be checked (errors), or notes (a different
        library version, as warnings).
    :ivar result: the recomputed result (``None`` when the re-run was impossible).
    :ivar ruleset: the bundle's ruleset, as read for the re-run (``None`` when it could
        not be read): it names the rules in an explanation of :attr:`result`.
    """

    fingerprint: str | None
    manifest: dict[str, Any] = attrs.field(eq=False)
    mismatches: tuple[Mismatch, ...] = ()
    problems: tuple[Problem, ...] = ()
    result: Result | None = attrs.field(default=None, eq=False)
    ruleset: Ruleset | None = attrs.field(default=None, eq=False)

    @property
    def ok(self) -> bool:
        """True when every digest matches and the re-run gives the recorded result."""
        return not self.mismatches and not any(p.level == "error" for p in self.problems)

    def for_entry(self, submission: str) -> tuple[Mismatch, ...]:
        """The mismatches of one submission."""
        return tuple(m for m in self.mismatches if m.entry == submission)

    def report(self, lang: str = "id") -> str:
        """``terverifikasi / verified`` with the fingerprint, or every mismatch."""
        language(lang)
        out = []
        if self.ok:
            out.append("terverifikasi / verified")
        else:
            out.append(
                f"TIDAK TERVERIFIKASI / NOT VERIFIED: {len(self.mismatches)} "
                f"{'ketidakcocokan' if lang == 'id' else 'mismatches'}"
            )
        if self.fingerprint:
            out.append(f"{'sidik manifest' if lang == 'id' else 'manifest fingerprint'} (SHA-256): {self.fingerprint}")
        if self.mismatches:
            head = "entri  bidang: tercatat -> dihitung ulang" if lang == "id" else "entry  field: recorded -> recomputed"
            out += ["", head]
            out += [f"  {m.format()}" for m in self.mismatches]
        out += [p.format() for p in self.problems]
        return "\n".join(out) + "\n"


def _problem(message: str, file: str, rule: str = "bundle", level: str = "error", hint: str | None = None) -> Problem:
    return Problem(message, file=file, rule=rule, level=level, hint=hint)


def _shown(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _keyed(items: list[Any], key: str) -> dict[str, Any] | None:
    if all(isinstance(x, dict) and isinstance(x.get(key), str) for x in items):
        keys = [x[key] for x in items]
        if len(set(keys)) == len(keys):
            return {x[key]: x for x in items}
    return None


def _diff(a: Any, b: Any, path: str) -> Iterator[tuple[str, Any, Any]]:
    """Every leaf where ``a`` and ``b`` differ, with its path; lists of records are
    matched by their ``id`` or ``stage``."""
    if a == b:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            sub = f"{path}.{k}" if path else str(k)
            if k not in a or k not in b:
                yield sub, a.get(k), b.get(k)
            else:
                yield from _diff(a[k], b[k], sub)
        return
    if isinstance(a, list) and isinstance(b, list):
        for key in ("id", "stage", "award"):
            ka, kb = _keyed(a, key), _keyed(b, key)
            if ka is not None and kb is not None:
                order = {k: i for i, k in enumerate(ka)}
                for k in sorted(set(ka) | set(kb), key=lambda x: (order.get(x, len(order)), x)):
                    yield from _diff(ka.get(k), kb.get(k), f"{path}[{k}]")
                return
        if len(a) == len(b):
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                yield from _diff(x, y, f"{path}[{i}]")
            return
    yield path, a, b


def result_mismatches(recorded: Any, recomputed: Any) -> list[Mismatch]:
    """The differences between two result documents, by entry and field."""
    out = []
    for path, a, b in _diff(recorded, recomputed, ""):
        m = re.match(r"submissions\[([^\]]+)\]\.?(.*)", path)
        if m:
            out.append(Mismatch(m.group(1), m.group(2) or "submission", _shown(a), _shown(b)))
        else:
            out.append(Mismatch(None, path, _shown(a), _shown(b)))
    return out


def verify_bundle(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = MAX_BUNDLE_BYTES,
    load_entrypoints: bool | None = None,
) -> Verification:
    """Check an audit bundle written by :func:`~inovasi_rules.audit.write_bundle`.

    Every member's SHA-256 is compared with the manifest, then the ruleset and input
    files in the bundle are evaluated again and the result compared with the recorded
    one, entry by entry and field by field. Never raises for a bad bundle: what is
    wrong is in :attr:`Verification.problems` and :attr:`Verification.mismatches`.

    :param max_bytes: the most bytes the members may unpack to, together.
    :param load_entrypoints: load installed plugins for the re-run; ``None`` does what
        the bundle records.
    """
    name = str(path)
    p = Path(path)
    if not p.is_file():
        return Verification(None, {}, problems=(_problem("no such file / berkas tidak ada", name, "not-found"),))
    try:
        with zipfile.ZipFile(p) as z:
            return _verify_zip(z, name, max_bytes, load_entrypoints)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        return Verification(None, {}, problems=(_problem(
            f"not a readable bundle (zip): {exc} / bukan bundel zip yang dapat dibaca", name,
            hint="ask for the bundle again; it may be damaged"),))


def _verify_zip(z: zipfile.ZipFile, name: str, max_bytes: int, load_entrypoints: bool | None) -> Verification:
    infos = z.infolist()
    if len(infos) > _MAX_MEMBERS or sum(i.file_size for i in infos) > max_bytes:
        return Verification(None, {}, problems=(_problem(
            f"the bundle unpacks to more than {max_bytes:,} bytes or {_MAX_MEMBERS} files "
            "/ bundel terlalu besar", name, "limit", hint="raise max_bytes if it is genuine"),))
    names = [i.filename for i in infos]
    if MANIFEST not in names:
        return Verification(None, {}, problems=(_problem(
            "the bundle has no manifest.json / bundel tanpa manifest.json", name, "required"),))
    raw_manifest = z.read(MANIFEST)
    fingerprint = sha256(raw_manifest)
    try:
        manifest = json.loads(raw_manifest)
    except ValueError:
        manifest = None
    digests = manifest.get("sha256") if isinstance(manifest, dict) else None
    if not isinstance(manifest, dict) or manifest.get("format") != BUNDLE_FORMAT or not isinstance(digests, dict):
        return Verification(fingerprint, {}, problems=(_problem(
            "manifest.json is not an inovasi-rules bundle manifest / manifest tidak sah", name, "required"),))
    mismatches: list[Mismatch] = []
    members: dict[str, bytes] = {}
    for member in sorted(set(names) - {MANIFEST}):
        data = z.read(member)
        recorded = digests.get(member)
        if recorded is None:
            mismatches.append(Mismatch(member, "file", None, "present / ada"))
            continue
        members[member] = data
        if sha256(data) != recorded:
            mismatches.append(Mismatch(member, "sha256", str(recorded), sha256(data)))
    mismatches += [Mismatch(m, "file", "present / ada", None) for m in sorted(set(digests) - set(names))]
    problems: list[Problem] = []
    version = manifest.get("library", {}).get("version")
    if version != __version__:
        problems.append(_problem(
            f"the bundle was written by inovasi-rules {version}; this is {__version__}: a difference "
            "may come from the library / versi pustaka berbeda", name, "version", "warning",
            hint=f"pip install inovasi-rules=={version} to re-run as it was"))
    result, more, ruleset = _rerun(members, manifest, name, load_entrypoints)
    problems += more
    if result is not None and RESULT_FILE in members:
        recomputed = result.to_json_bytes()
        if recomputed != members[RESULT_FILE]:
            try:
                recorded_doc = json.loads(members[RESULT_FILE])
            except ValueError:
                recorded_doc = None
            if recorded_doc is None:
                mismatches.append(Mismatch(None, RESULT_FILE, "not JSON / bukan JSON", "JSON"))
            else:
                found = result_mismatches(recorded_doc, json.loads(recomputed))
                # same values, other bytes (spacing, key order): still not the published file
                mismatches += found or [Mismatch(None, RESULT_FILE, "other bytes / bita lain", "to_json()")]
    return Verification(fingerprint, manifest, tuple(mismatches), tuple(problems), result, ruleset)


def _moved(problem: Problem, moved: dict[str, str]) -> Problem:
    if problem.file is None or problem.file not in moved:
        return problem
    message = problem.message
    for ours, theirs in moved.items():
        message = message.replace(ours, theirs)
    return attrs.evolve(problem, file=moved[problem.file], message=message)


def _refinalise(
    ruleset: Any, edition: Any, members: dict[str, bytes], info: dict[str, Any],
    moved: dict[str, str], tmp: str, load_entrypoints: bool,
) -> tuple[Result | None, list[Problem]]:
    """Apply the bundle's objections again; compare the provisional result and the
    changes here, and return the final result for the caller to compare."""
    from ..objections import finalise, read_objections

    member = str(info.get("file"))
    if member not in members or not re.fullmatch(r"objections/[\w][\w .-]*", member):
        return None, [_problem(f"the bundle lacks its objections file {member} / berkas sanggahan tidak ada",
                               member, "required")]
    path = Path(tmp, member)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(members[member])
    announced = info.get("announced")
    final = finalise(
        ruleset, edition, read_objections(path),
        announced=datetime.date.fromisoformat(announced) if isinstance(announced, str) else None,
        load_entrypoints=load_entrypoints,
    )
    problems = []
    for file, text in ((PROVISIONAL_FILE, _relocated(final.provisional, moved).to_json()),
                       (CHANGES_FILE, final.to_json())):
        if members.get(file) != text.encode("utf-8"):
            problems.append(_problem(
                f"{file} is not what the objections give when applied again / {file} tidak sesuai "
                "hasil penerapan ulang sanggahan", file, "mismatch"))
    return _relocated(final.final, moved), problems


def _relocated(result: Result, moved: dict[str, str]) -> Result:
    return attrs.evolve(result, findings=tuple(_moved(f, moved) for f in result.findings))


def _rerun(
    members: dict[str, bytes], manifest: dict[str, Any], name: str, load_entrypoints: bool | None
) -> tuple[Result | None, list[Problem], Ruleset | None]:
    """Evaluate the bundle's ruleset and inputs again; the ruleset read, for naming its rules."""
    inputs = sorted(m for m in members if m.startswith("input/"))
    unsafe = [m for m in inputs if not _SAFE.fullmatch(m) or ".." in m]
    if RULESET_FILE not in members or not inputs or unsafe:
        return None, [_problem(
            "the bundle lacks ruleset.yaml or input files, or names an unsafe path "
            f"{', '.join(unsafe[:3])} / bundel tidak lengkap", name, "required")], None
    plugins = manifest.get("plugins") or {}
    if load_entrypoints is None:
        load_entrypoints = bool(plugins.get("load_entrypoints"))
    ruleset: Ruleset | None = None
    try:
        ruleset = loads_ruleset(members[RULESET_FILE].decode("utf-8"), file=f"{name}!{RULESET_FILE}",
                                registry=Registry(bundled=False))
        with tempfile.TemporaryDirectory() as tmp:
            for m in inputs:
                target = Path(tmp, m)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(members[m])
            info = manifest.get("edition") or {}
            top = {Path(m).parts[1] for m in inputs}
            where = Path(tmp, "input", top.pop()) if len(top) == 1 else Path(tmp, "input")
            if info.get("given_as") == "stdin":
                edition = read_edition_bytes(members[inputs[0]])
            else:
                edition = read_edition(where)
            read_from = info.get("read_from") or {}
            # the recorded findings name the paths the inputs were read from, not ours
            moved = {str(Path(tmp, m)): str(p) for m, p in read_from.items() if isinstance(p, str)}
            objections = manifest.get("objections")
            if isinstance(objections, dict):
                return (*_refinalise(ruleset, edition, members, objections, moved, tmp, load_entrypoints),
                        ruleset)
            result = evaluate(ruleset, edition, load_entrypoints=load_entrypoints)
        return attrs.evolve(result, findings=tuple(_moved(f, moved) for f in result.findings)), [], ruleset
    except (InovasiRulesError, UnicodeDecodeError) as exc:
        return None, [_problem(
            f"the bundle cannot be evaluated again: {exc} / bundel tidak dapat dievaluasi ulang",
            name, "rerun")], ruleset
    except Exception as exc:  # a stranger's bundle must give a report, not a traceback
        return None, [_problem(
            f"the bundle cannot be evaluated again ({type(exc).__name__}: {exc}) "
            "/ bundel tidak dapat dievaluasi ulang", name, "rerun")], ruleset
