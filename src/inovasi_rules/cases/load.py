"""Reading a test-case file: its schema, its ruleset, and the cases checked against both."""

from __future__ import annotations

import difflib
import functools
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from ..edition import VERDICT_WORDS
from ..errors import (
    CaseFileError,
    Problem,
    RulesetError,
)
from ..ruleset import model as m
from ..ruleset.model import Label, Ruleset
from ..ruleset.parameters import check_parameter
from ..ruleset.validation import SchemaValidator, schema_problems
from ..yamlpos import Node, PathKey, format_path, load_yaml, to_plain
from .model import (
    CASE_FILE_SUFFIXES,
    OTHERS,
    RESERVED,
    SCORED,
    Case,
    CaseFile,
    CaseSubmission,
    Expectation,
    MessageCheck,
)


def cases_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a test-case file, as a dict."""
    text = (
        resources.files("inovasi_rules")
        .joinpath("schema/cases.schema.json")
        .read_text(encoding="utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


@functools.cache
def _get_validator() -> Any:
    from jsonschema import Draft202012Validator

    return SchemaValidator(cases_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def flatten(value: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in value.items():
        name = f"{prefix}{k}"
        if isinstance(v, Mapping):
            out.update(flatten(v, f"{name}."))
        else:
            out[name] = v
    return out


def _label(value: Any) -> Label:
    if isinstance(value, Mapping):
        return Label(str(value["id"]), value.get("en"))
    return Label(str(value))


def _listing(ids: Sequence[str]) -> str:
    return ", ".join(ids) if ids else "-"


def _at(root: Node, path: Sequence[PathKey]) -> Node:
    """The node at ``path`` (the path exists: the schema has been checked)."""
    node = root
    for part in path:
        nxt = node.get(part) if isinstance(part, str) else node.seq[part] if node.kind == "seq" else None
        if nxt is None:
            return node
        node = nxt
    return node


class _Builder:
    """Checks a schema-valid case file against its ruleset and builds the cases."""

    def __init__(self, ruleset: Ruleset, root: Node, file: str) -> None:
        self.rs = ruleset
        self.root = root
        self.file = file
        self.problems: list[Problem] = []
        self.stages = {s.id: s for s in ruleset.stages}
        self.rules = [e.id for e in ruleset.eligibility]
        self.adjustments = sorted({a.id for s in ruleset.stages for a in s.adjustments})
        self.awards = [a.id for a in ruleset.awards]

    def err(self, path: Sequence[PathKey], message: str, hint: str | None = None, *,
            rule: str = "case", key: bool = False) -> None:
        mark = self.root.locate(path, key=key)
        self.problems.append(Problem(message, mark.file, mark.line, mark.column,
                                     path=format_path(path), hint=hint, rule=rule))

    def known(self, path: Sequence[PathKey], value: str, options: Sequence[str], what: str,
              apa: str, *, key: bool = False) -> bool:
        if value in options:
            return True
        close = difflib.get_close_matches(value, list(options), n=2, cutoff=0.6)
        hint = (f"did you mean {' or '.join(repr(c) for c in close)}? / maksud Anda {close[0]!r}?"
                if close else f"{what}s of ruleset {self.rs.id} / {apa} di ruleset {self.rs.id}: {_listing(options)}")
        self.err(path, f"unknown {what} {value!r} / {apa} {value!r} tidak ada di ruleset {self.rs.id}",
                 hint, rule="unknown-reference", key=key)
        return False

    # ------------------------------------------------------------------ file

    def build(self, plain: Mapping[str, Any]) -> tuple[Case, ...]:
        defaults = flatten(plain.get("defaults") or {})
        cases: list[Case] = []
        seen: dict[str, int] = {}
        for ci, raw in enumerate(plain["cases"]):
            path: list[PathKey] = ["cases", ci]
            case = self.case(path, raw, defaults)
            key = case.name.id.casefold()
            if key in seen:
                self.err([*path, "name"], f"two cases are named {case.name.id!r} (also at line {seen[key]}) "
                         "/ dua kasus bernama sama", "give each case a name of its own", rule="duplicate")
            seen.setdefault(key, case.line)
            cases.append(case)
        return tuple(cases)

    def case(self, path: list[PathKey], raw: Mapping[str, Any], defaults: Mapping[str, Any]) -> Case:
        node = _at(self.root, path)
        params = dict(raw.get("parameters") or {})
        for name, value in params.items():
            if self.known([*path, "parameters", name], name, sorted(self.rs.parameters),
                          "parameter", "parameter", key=True):
                # the check --set and edition.yaml get: a mistyped value never runs
                params[name], found = check_parameter(name, value, self.rs.parameter_type(name))
                for message, hint in found:
                    self.err([*path, "parameters", name], message, hint, rule="parameter-type")
        judges: tuple[dict[str, Any], ...] | None = None
        if raw.get("judges") is not None:
            js: list[dict[str, Any]] = []
            seen: set[str] = set()
            for ji, j in enumerate(raw["judges"]):
                jd = dict(j)
                jd["id"] = str(jd["id"])
                if jd["id"] in seen:
                    self.err([*path, "judges", ji, "id"], f"judge {jd['id']!r} is listed twice / juri ganda",
                             rule="duplicate")
                seen.add(jd["id"])
                js.append(jd)
            judges = tuple(js)
        subs: list[CaseSubmission] = []
        ids: set[str] = set()
        for si, s in enumerate(raw["submissions"]):
            sub = self.submission([*path, "submissions", si], si, s, judges)
            for sid in sub.ids():
                if sid in ids:
                    self.err([*path, "submissions", si], f"submission id {sid!r} is used twice in this case "
                             "/ id pengajuan ganda", "give each submission an id of its own", rule="duplicate")
                ids.add(sid)
            subs.append(sub)
        if not any(s.expect is not None for s in subs):
            self.err([*path, "name"], "this case expects nothing, so it cannot fail "
                     "/ kasus ini tidak mengharapkan apa pun",
                     "add `expect:` to a submission, e.g. `expect: {eligible: true}`", rule="no-expectation")
        return Case(
            _label(raw["name"]), self.file, node.mark.line, tuple(subs), params, judges,
            _label(raw["description"]) if raw.get("description") is not None else None,
            defaults, node,
        )

    # ------------------------------------------------------------------ submissions

    def submission(self, path: list[PathKey], index: int, raw: Mapping[str, Any],
                   judges: Sequence[Mapping[str, Any]] | None) -> CaseSubmission:
        node = _at(self.root, path)
        sid = str(raw["id"]) if raw.get("id") is not None else f"S{index + 1}"
        fields = flatten({k: v for k, v in raw.items() if k not in RESERVED})
        scores: dict[str, tuple[tuple[str, str, Decimal], ...]] = {}
        for stage_id, value in (raw.get("scores") or {}).items():
            spath = [*path, "scores", stage_id]
            stage = self.stages.get(stage_id)
            scored = [s for s, st in self.stages.items() if st.kind in SCORED and st.rubric]
            if stage is None:
                self.known(spath, stage_id, scored, "scored stage", "tahap penilaian", key=True)
                continue
            if stage.kind not in SCORED or not stage.rubric:
                self.err(spath, f"stage {stage_id!r} is not scored with a rubric / tahap ini tidak dinilai",
                         f"scored stages: {_listing(scored)}", key=True)
                continue
            scores[stage_id] = tuple(self.expand(spath, stage, value, judges))
        verdicts: dict[str, tuple[str, str | None]] = {}
        for stage_id, value in (raw.get("verdicts") or {}).items():
            vpath = [*path, "verdicts", stage_id]
            checks = [s for s, st in self.stages.items() if st.kind == "verification"]
            if stage_id not in checks:
                self.known(vpath, stage_id, checks, "verification stage", "tahap verifikasi", key=True)
                continue
            word, note = (value["verdict"], value.get("note")) if isinstance(value, Mapping) else (value, None)
            if " ".join(str(word).replace("_", " ").replace("-", " ").lower().split()) not in VERDICT_WORDS:
                self.err(vpath, f"{word!r} is not a verdict / bukan hasil verifikasi",
                         f"write one of: {', '.join(VERDICT_WORDS)}")
                continue
            verdicts[stage_id] = (str(word), note)
        expect = self.expectation([*path, "expect"], raw["expect"]) if raw.get("expect") else None
        return CaseSubmission(sid, fields, scores, verdicts, int(raw.get("copies") or 1), expect,
                              node.mark.line, format_path(path), node)

    def expand(self, path: list[PathKey], stage: m.Stage, value: Any,
               declared: Sequence[Mapping[str, Any]] | None) -> Iterator[tuple[str, str, Decimal]]:
        rubric = self.rs.rubric(stage.rubric or "")
        leaves = rubric.leaves()
        scales = rubric.leaf_scales()
        declared_ids = [str(j["id"]) for j in declared] if declared is not None else None
        every = declared_ids or [f"J{k}" for k in range(1, max(stage.judges.min, 1) + 1)]

        def number(p: list[PathKey], v: Any, crits: Sequence[str] = leaves) -> Decimal | None:
            d = Decimal(v)
            off = [scales[c] for c in crits if d < scales[c].min or d > scales[c].max]
            if off:
                lo, hi = off[0].min, off[0].max
                self.err(p, f"score {v} is off the scale {lo}–{hi} of rubric {rubric.id!r} "
                         "/ nilai di luar skala", "correct the score")
                return None
            return d

        def criteria(p: list[PathKey], v: Any) -> dict[str, Decimal]:
            if not isinstance(v, Mapping):
                d = number(p, v)
                return {} if d is None else dict.fromkeys(leaves, d)
            out: dict[str, Decimal] = {}
            others = next((v[k] for k in OTHERS if k in v), None)
            for crit, score in v.items():
                if crit in OTHERS:
                    continue
                if self.known([*p, crit], crit, leaves, "criterion", "kriteria", key=True):
                    d = number([*p, crit], score, [crit])
                    if d is not None:
                        out[crit] = d
            rest = [c for c in leaves if c not in v]
            if others is not None:
                d = number([*p, next(k for k in OTHERS if k in v)], others, rest)
                if d is not None:
                    out.update(dict.fromkeys(rest, d))
            elif rest:
                self.err(p, f"no score for {', '.join(rest)} / kriteria belum dinilai",
                         "score every criterion, or add `others: <score>` for the rest")
            return out

        def rows(judge: str, crits: Mapping[str, Decimal]) -> Iterator[tuple[str, str, Decimal]]:
            for c in leaves:
                if c in crits:
                    yield judge, c, crits[c]

        if isinstance(value, list):
            if declared_ids is not None and len(value) > len(declared_ids):
                self.err(path, f"{len(value)} scores but only {len(declared_ids)} judges in `judges` "
                         "/ nilai lebih banyak dari juri", "one score per judge, in the order of `judges`")
                return
            names = declared_ids or [f"J{k}" for k in range(1, len(value) + 1)]
            for k, item in enumerate(value):
                yield from rows(names[k], criteria([*path, k], item))
            return
        # A mapping naming no criterion is keyed by judge; one naming a criterion (or
        # `others`) is a criterion -> score mapping, and a key it does not know is a typo.
        if isinstance(value, Mapping) and not any(k in leaves or k in OTHERS for k in value):
            for judge, item in value.items():
                jid = str(judge)
                if declared_ids is not None and not self.known([*path, judge], jid, declared_ids, "judge",
                                                               "juri", key=True):
                    continue
                yield from rows(jid, criteria([*path, judge], item))
            return
        crits = criteria(path, value)
        for judge in every:
            yield from rows(judge, crits)

    # ------------------------------------------------------------------ expectations

    def expectation(self, path: list[PathKey], raw: Mapping[str, Any]) -> Expectation:
        stage_ids = list(self.stages)

        def stage(p: list[PathKey], sid: str, *, key: bool = False) -> None:
            self.known(p, sid, stage_ids, "stage", "tahap", key=key)

        def per_stage(name: str, conv: Any) -> Any:
            v = raw.get(name)
            if v is None:
                return None
            if isinstance(v, Mapping):
                for sid in v:
                    stage([*path, name, sid], sid, key=True)
                return {sid: conv(x) for sid, x in v.items()}
            return conv(v)

        rejected = raw.get("rejected_by")
        rejected_t: tuple[str, ...] | None = None
        if rejected is not None:
            rejected_t = (rejected,) if isinstance(rejected, str) else tuple(rejected)
            if not self.rs.plugins:
                for i, r in enumerate(rejected_t):
                    self.known([*path, "rejected_by"] + ([i] if not isinstance(rejected, str) else []), r,
                               self.rules, "eligibility rule", "syarat")
        messages: list[MessageCheck] = []
        msg = raw.get("message")
        for item in (msg if isinstance(msg, list) else [msg] if msg is not None else []):
            if isinstance(item, Mapping):
                messages.append(MessageCheck(item.get("id"), item.get("en")))
            else:
                messages.append(MessageCheck(either=str(item)))
        if raw.get("reaches") is not None:
            stage([*path, "reaches"], raw["reaches"])
        adv = raw.get("advances")
        advances = (adv,) if isinstance(adv, str) else tuple(adv or ())
        for i, a in enumerate(advances):
            stage([*path, "advances"] + ([i] if not isinstance(adv, str) else []), a)
        adjustments = raw.get("adjustments")
        if adjustments is not None and not self.rs.plugins:
            for i, a in enumerate(adjustments):
                self.known([*path, "adjustments", i], a, self.adjustments, "adjustment", "penyesuaian nilai")
        award = raw.get("award")
        awards: tuple[str, ...] | None = None
        if award is not None:
            awards = () if award is False else (award,) if isinstance(award, str) else tuple(award)
            if not self.rs.plugins:
                for i, a in enumerate(awards):
                    self.known([*path, "award"] + ([i] if isinstance(award, list) else []), a,
                               self.awards, "award", "penghargaan")
        return Expectation(
            eligible=raw.get("eligible"),
            rejected_by=rejected_t,
            messages=tuple(messages),
            reaches=raw.get("reaches"),
            advances=advances,
            status=per_stage("status", str),
            rank=per_stage("rank", int),
            score=per_stage("score", lambda x: Decimal(x)),
            adjustments=tuple(adjustments) if adjustments is not None else None,
            awards=awards,
        )


def _ruleset_target(ref: str, case_path: Path, registry: Any, root: Node) -> str | Path:
    """What ``ruleset:`` names: a registry id, or a ``.yaml`` file inside the case
    file's own folder tree. Anything else (an absolute path, ``..`` out of the folder,
    a link that leads out of it) is refused before it is opened, so a case file cannot
    make the loader read, or its errors show, a file elsewhere."""
    mark = root.locate(["ruleset"])
    if not ref.endswith((".yaml", ".yml")) and "/" not in ref and "\\" not in ref:
        if ref in registry:
            return Path(registry.path_of(ref))
        close = registry.suggest(ref)
        raise CaseFileError([
            Problem(f"the ruleset {ref[:60]!r} cannot be loaded: no ruleset has this id "
                    f"/ ruleset {ref[:60]!r} tidak dapat dimuat: tidak ada ruleset dengan id ini",
                    os.fspath(case_path), mark.line, mark.column, path="ruleset",
                    hint=(f"did you mean {' or '.join(repr(c) for c in close)}? / maksud Anda "
                          f"{' atau '.join(repr(c) for c in close)}?" if close else
                          "run `inovasi-rules list` to see the known rulesets / lihat "
                          "`inovasi-rules list`"), rule="ruleset"),
        ])
    folder = case_path.parent.resolve()
    candidate = Path(ref)
    inside = False
    if not candidate.is_absolute() and not ref.startswith(("/", "\\")) and ":" not in ref:
        try:
            inside = (folder / candidate).resolve().is_relative_to(folder)
        except (OSError, RuntimeError):
            inside = False
    if inside and ref.endswith((".yaml", ".yml")):
        return case_path.parent / ref
    shown = ref if len(ref) <= 60 else f"{ref[:40]}…{ref[-10:]}"
    raise CaseFileError([
        Problem(f"the ruleset must be an id or a .yaml file inside this file's folder; {shown!r} "
                f"is not / ruleset harus berupa id atau berkas .yaml di dalam folder berkas ini; "
                f"{shown!r} bukan",
                os.fspath(case_path), mark.line, mark.column, path="ruleset",
                hint="write a ruleset id (`inovasi-rules list`), or put the ruleset next to this "
                "file (or in a folder below it) and write its name / tulis id ruleset, atau "
                "letakkan ruleset di folder yang sama", rule="ruleset-path"),
    ])


def load_case_file(path: str | os.PathLike[str], *, registry: Any = None) -> CaseFile:
    """Read a test-case file and the ruleset it names, and check one against the other.

    ``ruleset:`` is a registry id or a ``.yaml`` file inside the case file's own folder
    tree; a path out of it is refused unopened (``ruleset-path``).

    :param registry: a :class:`~inovasi_rules.Registry` for ruleset ids; by default the
        bundled rulesets, installed plugins' rulesets and the case file's own folder.
    :raises CaseFileError: listing every problem, each with file, line and column.
    """
    from ..plugins import default_registry
    from ..ruleset.loading import load_ruleset

    file = os.fspath(path)
    p = Path(file)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise CaseFileError([Problem(f"cannot read the file: {exc.strerror} / berkas tidak dapat dibaca",
                                     file, rule="not-found")]) from None
    try:
        root = load_yaml(data, file)
    except RulesetError as exc:
        raise CaseFileError(exc.problems) from None
    plain = to_plain(root)
    problems = [pr for err in _get_validator().iter_errors(plain) for pr in schema_problems(err, root)]
    if problems:
        raise CaseFileError(problems)
    assert isinstance(plain, dict)
    ref = str(plain["ruleset"])
    reg = (registry or default_registry()).with_directories(p.parent)
    target = _ruleset_target(ref, p, reg, root)
    try:
        ruleset = load_ruleset(target, registry=reg)
    except RulesetError as exc:
        mark = root.locate(["ruleset"])
        raise CaseFileError([
            Problem(f"the ruleset {ref!r} cannot be loaded / ruleset {ref!r} tidak dapat dimuat",
                    file, mark.line, mark.column, path="ruleset",
                    hint="write a ruleset id (`inovasi-rules list`) or a file next to this one; "
                    "the ruleset's own problems follow / tulis id ruleset (`inovasi-rules list`) "
                    "atau berkas di samping berkas ini; masalah ruleset itu tercantum di bawah",
                    rule="ruleset"),
            *exc.errors,
        ]) from None
    builder = _Builder(ruleset, root, file)
    cases = builder.build(plain)
    if builder.problems:
        raise CaseFileError(builder.problems)
    return CaseFile(
        file, ruleset, cases, flatten(plain.get("defaults") or {}),
        _label(plain["description"]) if plain.get("description") is not None else None,
    )


def find_case_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The test-case files among ``paths``: files as given, folders searched
    recursively for ``*.test.yaml``; sorted, each once."""
    out: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        found = sorted(q for q in p.rglob("*") if q.is_file() and q.name.endswith(CASE_FILE_SUFFIXES)) \
            if p.is_dir() else [p]
        for q in found:
            key = q.resolve()
            if key not in seen:
                seen.add(key)
                out.append(q)
    return out


