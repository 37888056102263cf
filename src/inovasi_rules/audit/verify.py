"""Verifying an audit bundle: check every digest, re-run the evaluation, compare."""

from __future__ import annotations

import datetime
import json
import os
import re
import tempfile
import zipfile
import zlib
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
        if p.exists():
            return Verification(None, {}, problems=(_problem(
                "not a regular file (a folder, pipe or device) / bukan berkas biasa", name, "not-found",
                hint="give the path of the bundle's .zip file / beri jalur berkas .zip bundel"),))
        return Verification(None, {}, problems=(_problem("no such file / berkas tidak ada", name, "not-found"),))
    try:
        with zipfile.ZipFile(p) as z:
            return _verify_zip(z, name, max_bytes, load_entrypoints)
    except _Damaged as exc:
        return Verification(None, {}, problems=(_damaged(exc, name),))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        return Verification(None, {}, problems=(_problem(
            f"not a readable bundle (zip): {exc} / bukan bundel zip yang dapat dibaca", name,
            hint="ask for the bundle again; it may be damaged / minta bundel itu dikirim lagi; mungkin rusak"),))


class _Damaged(Exception):
    """A member of the bundle that cannot be read: its name and why (English, Indonesian)."""

    def __init__(self, member: str, why_en: str, why_id: str) -> None:
        super().__init__(member, why_en, why_id)
        self.member = member
        self.why_en = why_en
        self.why_id = why_id


def _read(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The bytes of one member, or :class:`_Damaged` saying why they cannot be read."""
    if info.flag_bits & 0x1:
        raise _Damaged(info.filename, "it is encrypted", "terenkripsi")
    method = info.compress_type
    if method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        raise _Damaged(info.filename, f"compression method {method} is not supported",
                       f"metode kompresi {method} tidak didukung")
    try:
        return z.read(info)
    except (zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError,
            zipfile.BadZipFile) as exc:
        raise _Damaged(info.filename, str(exc) or type(exc).__name__, "datanya rusak") from None


def _damaged(exc: _Damaged, name: str) -> Problem:
    return _problem(
        f"the bundle is damaged: member {exc.member} cannot be read ({exc.why_en}) "
        f"/ berkas bundel rusak: anggota {exc.member} tidak dapat dibaca ({exc.why_id})", name, "damaged",
        hint="ask the organiser for the bundle again / minta bundel lagi dari penyelenggara")


_GIVEN_AS: Final = ("folder", "file", "stdin")


def _is_str_map(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def _is_date(value: Any) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


# field, whether it must be there, the test, what it must be (English / Indonesian)
_SHAPE: Final[tuple[tuple[str, bool, Any, str, str], ...]] = (
    ("format_version", False, lambda v: type(v) is int, "a whole number", "bilangan bulat"),
    ("library", True, lambda v: isinstance(v, dict), "an object", "objek"),
    ("library.version", True, lambda v: isinstance(v, str), "text", "teks"),
    ("python", False, lambda v: isinstance(v, str), "text", "teks"),
    ("ruleset", False, lambda v: isinstance(v, dict), "an object", "objek"),
    ("edition", True, lambda v: isinstance(v, dict), "an object", "objek"),
    ("edition.given_as", False, lambda v: v in _GIVEN_AS, "one of folder, file, stdin",
     "salah satu dari folder, file, stdin"),
    ("edition.files", False, lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
     "a list of text", "daftar teks"),
    ("edition.read_from", False, _is_str_map, "an object of text values", "objek bernilai teks"),
    ("result", False, lambda v: isinstance(v, dict), "an object", "objek"),
    ("parameters", False, lambda v: isinstance(v, dict), "an object", "objek"),
    ("seeds", False, lambda v: isinstance(v, dict), "an object", "objek"),
    ("plugins", True, lambda v: isinstance(v, dict), "an object", "objek"),
    ("plugins.load_entrypoints", False, lambda v: isinstance(v, bool), "true or false", "true atau false"),
    ("plugins.required", False, lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
     "a list of text", "daftar teks"),
    ("sha256", True, _is_str_map, "an object of text values (hex digests)", "objek bernilai teks (digest heks)"),
    ("objections", False, lambda v: v is None or isinstance(v, dict), "an object", "objek"),
    ("objections.file", True, lambda v: isinstance(v, str), "text", "teks"),
    ("objections.announced", False, lambda v: v is None or _is_date(v), "a date YYYY-MM-DD or null",
     "tanggal YYYY-MM-DD atau null"),
    ("objections.provisional", False, lambda v: isinstance(v, str), "text", "teks"),
    ("objections.changes", False, lambda v: isinstance(v, str), "text", "teks"),
)


_AGAIN: Final = ("the bundle was not written by inovasi-rules or was edited: ask for it again "
                  "/ bundel bukan tulisan inovasi-rules atau telah diubah: minta lagi")


def _shape_problems(manifest: dict[str, Any], name: str) -> list[Problem]:
    """Every manifest field that is missing or of the wrong type (a field under one
    that is missing or wrong is not checked)."""
    problems = []
    bad: set[str] = set()
    for field, required, test, en, id_ in _SHAPE:
        parent, _, key = field.rpartition(".")
        if parent in bad:
            continue
        holder = manifest if not parent else manifest.get(parent)
        if not isinstance(holder, dict):  # an optional parent that is absent or null
            continue
        if key not in holder:
            if required:
                bad.add(field)
                problems.append(Problem(
                    f"manifest.json lacks `{field}` / manifest.json tanpa `{field}`",
                    f"{name}!{MANIFEST}", rule="manifest", path=field, hint=_AGAIN))
            continue
        if not test(holder[key]):
            bad.add(field)
            shown = _cut(json.dumps(holder[key], ensure_ascii=False), 40)
            problems.append(Problem(
                f"manifest.json: `{field}` must be {en}, not {shown} "
                f"/ manifest.json: `{field}` harus {id_}, bukan {shown}",
                f"{name}!{MANIFEST}", rule="manifest", path=field, hint=_AGAIN))
    return problems


def _verify_zip(z: zipfile.ZipFile, name: str, max_bytes: int, load_entrypoints: bool | None) -> Verification:
    infos = z.infolist()
    if len(infos) > _MAX_MEMBERS or sum(i.file_size for i in infos) > max_bytes:
        return Verification(None, {}, problems=(_problem(
            f"the bundle unpacks to more than {max_bytes:,} bytes or {_MAX_MEMBERS} files "
            "/ bundel terlalu besar", name, "limit", hint="raise max_bytes if it is genuine / naikkan max_bytes bila bundel itu memang sebesar itu"),))
    names = [i.filename for i in infos]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:  # which copy counts depends on the tool that unpacks it
        return Verification(None, {}, problems=(_problem(
            f"the bundle holds {', '.join(twice[:3])} more than once / bundel memuat "
            f"{', '.join(twice[:3])} lebih dari sekali", name, "damaged",
            hint="ask the organiser for the bundle again / minta bundel lagi dari penyelenggara"),))
    if MANIFEST not in names:
        return Verification(None, {}, problems=(_problem(
            "the bundle has no manifest.json / bundel tanpa manifest.json", name, "required"),))
    raw_manifest = _read(z, z.getinfo(MANIFEST))
    fingerprint = sha256(raw_manifest)
    try:
        manifest = json.loads(raw_manifest)
    except (ValueError, RecursionError):
        manifest = None
    digests = manifest.get("sha256") if isinstance(manifest, dict) else None
    if not isinstance(manifest, dict) or manifest.get("format") != BUNDLE_FORMAT or not isinstance(digests, dict):
        return Verification(fingerprint, {}, problems=(_problem(
            "manifest.json is not an inovasi-rules bundle manifest / manifest tidak sah", name, "required"),))
    wrong = _shape_problems(manifest, name)
    if wrong:
        return Verification(fingerprint, manifest, problems=tuple(wrong))
    mismatches: list[Mismatch] = []
    members: dict[str, bytes] = {}
    damaged: list[Problem] = []
    for member in sorted(set(names) - {MANIFEST}):
        try:
            data = _read(z, z.getinfo(member))
        except _Damaged as exc:
            damaged.append(_damaged(exc, name))
            continue
        recorded = digests.get(member)
        if recorded is None:
            mismatches.append(Mismatch(member, "file", None, "present / ada"))
            continue
        members[member] = data
        if sha256(data) != recorded:
            mismatches.append(Mismatch(member, "sha256", str(recorded), sha256(data)))
    mismatches += [Mismatch(m, "file", "present / ada", None) for m in sorted(set(digests) - set(names))]
    if damaged:  # no re-run: its inputs are not all there
        return Verification(fingerprint, manifest, tuple(mismatches), tuple(damaged))
    problems: list[Problem] = []
    version = manifest["library"]["version"]
    if version != __version__:
        problems.append(_problem(
            f"the bundle was written by inovasi-rules {version}; this is {__version__}: a difference "
            "may come from the library / versi pustaka berbeda", name, "version", "warning",
            hint=f"pip install inovasi-rules=={version} to re-run as it was / pasang versi itu (pip install inovasi-rules=={version}) untuk mengulang persis seperti semula"))
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
