"""One entry's chances, where a participant reads its story (``inovasi-rules explain``).

Two ways to the figures, both giving the same :class:`RankConfidence`:

* computed on the spot with :func:`~inovasi_rules.rank_confidence` (``explain ...
  --chances --replicates N --seed S``): a thousand replicates take minutes on a
  national edition;
* read from the JSON an organiser published with ``inovasi-rules robustness ... --out
  report.json`` (``explain ... --robustness report.json``), with :func:`read_confidence`:
  instant, and what a portal shows every participant. The file is checked against
  ``schema/robustness.schema.json`` and against the evaluation it is read with (the
  same ruleset, edition and outcome at every cut-off), each problem located by line
  and column.

:func:`chances_text` then writes, per cut-off, the chance of passing it and the rank
interval at the scored stage that decides it::

    peluang lolos ke Presentasi dan wawancara: 100%; peringkat 90%: 19–28
    peluang meraih Top 45 Inovasi Pelayanan Publik 2019: 78% (zona tak terbedakan); peringkat 90%: 28–50
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from ..errors import EditionError, Problem
from ..messages import N_, Formatter, language
from ._text import L
from .resample import CutOff, EntryConfidence, RankConfidence, RankInterval

if TYPE_CHECKING:
    from .. import Label, Result
    from ..yamlpos import Node

__all__ = ["MAX_ROBUSTNESS_BYTES", "chances_text", "confidence_from_dict", "read_confidence"]

#: The largest robustness JSON read (bytes); a parameter of :func:`read_confidence`.
#: The report of the 3,156-entry KIPP 2019 history is about 3 MB.
MAX_ROBUSTNESS_BYTES: Final = 100_000_000

_UNREADABLE = "the robustness report cannot be read / laporan ketangguhan tidak dapat dibaca"
_HINT = "write it again with: inovasi-rules robustness RULESET DATA --out FILE.json"


# --------------------------------------------------------------------------- reading


def _label(data: Mapping[str, str]) -> Label:
    return L(data["id"], data["en"])


def confidence_from_dict(data: Mapping[str, Any]) -> RankConfidence:
    """A :class:`RankConfidence` from the ``confidence`` part of a robustness report
    (as :meth:`RankConfidence.to_dict` writes it, already checked against the schema).

    Counts are read, not probabilities, so every figure is exact again: the expected
    number passing a cut-off is the sum of its counts over the replicates.
    """
    n = int(data["replicates"])
    entries = tuple(
        EntryConfidence(
            id=e["id"],
            title=e["title"],
            rank=dict(e["rank"]),
            intervals={
                s: RankInterval(iv["low"], iv["high"], iv["median"], iv["ranked"], Decimal(iv["expected"]))
                for s, iv in e["intervals"].items()
            },
            counts={c: int(v["count"]) for c, v in e["passed"].items()},
        )
        for e in data["entries"]
    )
    cutoffs = tuple(
        CutOff(
            id=c["id"], kind=c["kind"], ref=c["ref"], name=_label(c["name"]), ranked_by=c["ranked_by"],
            seats=c["seats"], passed=tuple(c["passed"]), clear=tuple(c["clear"]), zone=tuple(c["zone"]),
            seats_in_zone=c["seats_in_zone"],
            expected=Fraction(sum(e.counts.get(c["id"], 0) for e in entries), n),
        )
        for c in data["cutoffs"]
    )
    return RankConfidence(
        ruleset=data["ruleset"], edition=data["edition"], replicates=n, seed=int(data["seed"]),
        level=Decimal(data["level"]),
        stages=tuple((s["id"], _label(s["name"])) for s in data["stages"]),
        cutoffs=cutoffs, entries=entries,
    )


class _Located:
    """Lines and columns of a JSON document, worked out only when a problem is found
    (the happy path parses with :mod:`json` alone)."""

    def __init__(self, text: str, file: str) -> None:
        self.text, self.file = text, file
        self._root: list[Node | None] = []  # filled on first use

    def root(self) -> Node | None:
        if not self._root:
            from ..yamlpos import YamlLimits, load_yaml

            try:  # JSON is YAML; a document PyYAML cannot place keeps its problems unplaced
                self._root.append(load_yaml(self.text, self.file, limits=YamlLimits(
                    bytes=max(len(self.text) * 4, 1), depth=64, nodes=max(len(self.text), 1))))
            except Exception:
                self._root.append(None)
        return self._root[0]

    def problem(self, message: str, path: Iterable[str | int], *, rule: str, hint: str | None = None,
                key: bool = False) -> Problem:
        from ..yamlpos import format_path

        parts = list(path)
        root = self.root()
        mark = root.locate(parts, key=key) if root is not None else None
        return Problem(message, file=self.file, line=None if mark is None else mark.line,
                       column=None if mark is None else mark.column, path=format_path(parts),
                       rule=rule, hint=hint)


def read_confidence(
    path: str | os.PathLike[str],
    *,
    result: Result | None = None,
    max_bytes: int = MAX_ROBUSTNESS_BYTES,
) -> RankConfidence:
    """The rank confidence of a robustness report written by ``inovasi-rules robustness
    --out FILE.json`` (or :meth:`~inovasi_rules.RobustnessReport.to_json`).

    :param result: the evaluation the figures will be shown with; when given, the file
        must be for the same ruleset and edition and agree with it on who passed each
        cut-off (a file for other data, other parameters or an older ruleset does not).
    :param max_bytes: the largest file read.
    :raises EditionError: listing every problem, each with the file, line, column and
        the place in the document, and what to do.
    """
    p = Path(path)
    name = str(p)
    if not p.is_file():
        raise EditionError([Problem("no such file / berkas tidak ada", file=name, rule="not-found",
                                    hint=_HINT)], summary=_UNREADABLE)
    size = p.stat().st_size
    if size > max_bytes:
        raise EditionError([Problem(
            f"the file is larger than {max_bytes:,} bytes / berkas lebih besar dari {max_bytes:,} bait",
            file=name, rule="limit", hint="raise max_bytes if the report is really this large / naikkan max_bytes bila "
            "laporan itu memang sebesar ini")], summary=_UNREADABLE)
    raw = p.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EditionError([Problem(f"not UTF-8 (byte {exc.start + 1}) / bukan UTF-8", file=name,
                                    rule="encoding", hint=_HINT)], summary=_UNREADABLE) from None
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except _DuplicateKey as exc:
        raise EditionError([Problem(
            f"the key '{exc.key}' is written twice in one object / kunci '{exc.key}' ditulis dua kali "
            "dalam satu objek", file=name, rule="duplicate-key",
            hint="keep one of the two: a JSON reader would silently take the last / simpan salah "
            "satunya: pembaca JSON diam-diam mengambil yang terakhir")],
            summary=_UNREADABLE) from None
    except json.JSONDecodeError as exc:
        raise EditionError([Problem(f"not valid JSON / bukan JSON yang sah: {exc.msg}", file=name,
                                    line=exc.lineno, column=exc.colno, rule="json-syntax",
                                    hint=_HINT)], summary=_UNREADABLE) from None
    except (ValueError, RecursionError) as exc:
        raise EditionError([Problem(f"not valid JSON / bukan JSON yang sah: {exc}", file=name,
                                    rule="json-syntax", hint=_HINT)], summary=_UNREADABLE) from None
    where = _Located(text, name)
    _check_schema(data, where)
    _check_figures(data["confidence"], where)
    conf = confidence_from_dict(data["confidence"])
    if result is not None:
        _check_fits(conf, data, result, where)
    return conf


def _check_schema(data: Any, where: _Located) -> None:
    import jsonschema

    from .report import robustness_schema

    validator = jsonschema.Draft202012Validator(robustness_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(x) for x in e.absolute_path])
    if not errors:
        return
    shown = [jsonschema.exceptions.best_match(errors), *errors][:10]
    problems = []
    seen = set()
    for err in shown:
        key = (tuple(err.absolute_path), err.message)
        if key in seen:
            continue
        seen.add(key)
        problems.append(where.problem(
            f"{err.message[:200]} / tidak sesuai skema laporan ketangguhan",
            list(err.absolute_path), rule="schema",
            hint="the file is not a robustness report, or was changed by hand; " + _HINT))
    if len(errors) > len(problems):
        problems.append(Problem(f"and {len(errors) - len(problems)} more / dan {len(errors) - len(problems)} "
                                "lagi", file=where.file, rule="schema"))
    raise EditionError(problems, summary="not a robustness report / bukan laporan ketangguhan")


def _check_figures(data: Mapping[str, Any], where: _Located) -> None:
    """What the schema cannot say: counts within the replicates, intervals in order,
    every figure for a stage and a cut-off the report has."""
    n = data["replicates"]
    stages = {s["id"] for s in data["stages"]}
    cuts = {c["id"] for c in data["cutoffs"]}
    problems = []
    seen: set[str] = set()
    for i, e in enumerate(data["entries"]):
        at: list[str | int] = ["confidence", "entries", i]
        if e["id"] in seen:
            problems.append(where.problem(f"the entry '{e['id']}' is listed twice / pengajuan '{e['id']}' "
                                          "tercantum dua kali", [*at, "id"], rule="duplicate-entry", hint=_HINT))
        seen.add(e["id"])
        for cid, v in e["passed"].items():
            if cid not in cuts:
                problems.append(where.problem(
                    f"'{cid}' is not one of the report's cut-offs / '{cid}' bukan batas dalam laporan ini",
                    [*at, "passed", cid], rule="unknown-cutoff", key=True, hint=_HINT))
            if v["count"] > n:
                problems.append(where.problem(
                    f"passed in {v['count']} of {n} replicates / lolos {v['count']} dari {n} replikasi",
                    [*at, "passed", cid, "count"], rule="count", hint=_HINT))
        for sid, iv in e["intervals"].items():
            if sid not in stages:
                problems.append(where.problem(
                    f"'{sid}' is not one of the report's stages / '{sid}' bukan tahap dalam laporan ini",
                    [*at, "intervals", sid], rule="unknown-stage", key=True, hint=_HINT))
            if not iv["low"] <= iv["median"] <= iv["high"] or iv["ranked"] > n:
                problems.append(where.problem(
                    "a rank interval needs low <= median <= high and ranked <= replicates / selang "
                    "peringkat harus rendah <= median <= tinggi", [*at, "intervals", sid], rule="interval",
                    hint=_HINT))
        if len(problems) >= 10:
            break
    if problems:
        raise EditionError(problems, summary="not a robustness report / bukan laporan ketangguhan")


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise _DuplicateKey(k)
        out[k] = v
    return out


def _check_fits(conf: RankConfidence, data: Mapping[str, Any], result: Result, where: _Located) -> None:
    problems = []
    for field, want in (("ruleset", result.ruleset), ("edition", result.edition)):
        got = data["confidence"][field]
        if got != want:
            what = {"ruleset": ("ruleset", "ruleset"), "edition": ("edition", "edisi")}[field]
            problems.append(where.problem(
                f"this report is for {what[0]} '{got}', not '{want}' / laporan ini untuk {what[1]} "
                f"'{got}', bukan '{want}'", ["confidence", field], rule="another-edition",
                hint=f"use the report of {what[0]} '{want}', or " + _HINT))
    if not problems:
        for i, c in enumerate(conf.cutoffs):
            try:
                now = result.passed(c.ref) if c.kind == "stage" else result.winners(c.ref)
            except KeyError:
                now = None
            if now is None or sorted(now) != sorted(c.passed):
                diff = ", ".join(sorted(set(now or ()) ^ set(c.passed))[:3]) or c.ref
                problems.append(where.problem(
                    f"at {c.id} the report's outcome differs from this evaluation (e.g. {diff}) "
                    f"/ hasil di {c.id} berbeda dengan evaluasi ini (mis. {diff})",
                    ["confidence", "cutoffs", i, "passed"], rule="another-outcome",
                    hint="the report was made with other data, other --set values or another version "
                    "of the ruleset; " + _HINT))
    if problems:
        raise EditionError(problems, summary="the robustness report does not fit / laporan ketangguhan "
                           "tidak cocok")


# --------------------------------------------------------------------------- words

_W = {
    "head": N_("Chances ({replicates} panels drawn again from the judges, seed {seed}):"),
    "pass_to": N_("chance of passing to {stage}: {percent}"),
    "pass": N_("chance of passing {stage}: {percent}"),
    "win": N_("chance of winning {award}: {percent}"),
    "zone": N_(" (within judge noise)"),
    "interval": N_("; rank {level}: {low}–{high}"),
    "one_rank": N_("; rank {level}: {low}"),
    "meaning": N_("within judge noise: passing in more than {low} but fewer than {high} of the panels; "
                  "who passes there depends on who judged"),
    "unscored": N_("did not reach a stage scored by judges: other judges would not change its outcome"),
}


def _percent(count: int, total: int, fmt: Formatter) -> str:
    """``78%``; with as many places as it takes (up to three) not to show 0% or 100%
    for a chance that is neither."""
    exact = Decimal(count * 100) / Decimal(total)
    for places in range(4):
        shown = exact.quantize(Decimal(1).scaleb(-places), ROUND_HALF_EVEN)
        if (shown == 0) == (count == 0) and (shown == 100) == (count == total):
            break
    return fmt.percent(shown, places)


def _share(value: Decimal, fmt: Formatter) -> str:
    """A share such as the level 0.9 as ``90%``, or 0.025 as ``2,5%``: every place it has."""
    percent = (value * 100).normalize()
    exponent = percent.as_tuple().exponent
    return fmt.percent(percent, -exponent if isinstance(exponent, int) and exponent < 0 else 0)


def chances_text(conf: RankConfidence, result: Result, entry_id: str, lang: str = "id") -> str:
    """One entry's chances, as a section of its story: a line per cut-off with the
    chance of passing it, whether it lies in the zone where the panel cannot tell,
    and the rank interval at the scored stage that decides it.

    :param result: the evaluation the story comes from (for the stages' order: a
        stage's cut-off reads "passing to" the next stage).
    """
    language(lang)
    fmt = Formatter(lang)
    out = [fmt.t(_W["head"], replicates=fmt.number(conf.replicates), seed=conf.seed)]
    try:
        e = conf.entry(entry_id)
    except KeyError:
        return "\n".join([*out, "   " + fmt.t(_W["unscored"])]) + "\n"
    order = [s for s, _ in result.stages]
    names = dict(result.stages)
    level = _share(conf.level, fmt)
    for c in conf.cutoffs:
        percent = _percent(e.counts.get(c.id, 0), conf.replicates, fmt)
        if c.kind == "award":
            line = fmt.t(_W["win"], award=c.name.text(lang), percent=percent)
        elif c.ref in order and order.index(c.ref) + 1 < len(order):
            nxt = order[order.index(c.ref) + 1]
            line = fmt.t(_W["pass_to"], stage=names[nxt].text(lang), percent=percent)
        else:
            line = fmt.t(_W["pass"], stage=c.name.text(lang), percent=percent)
        if entry_id in c.zone:
            line += fmt.t(_W["zone"])
        iv = e.intervals.get(c.ranked_by or "")
        if iv is not None:
            key = "one_rank" if iv.low == iv.high else "interval"
            line += fmt.t(_W[key], level=level, low=fmt.number(iv.low), high=fmt.number(iv.high))
        out.append("   " + line)
    if any(entry_id in c.zone for c in conf.cutoffs):
        lo = _share((1 - conf.level) / 2, fmt)
        hi = _share((1 + conf.level) / 2, fmt)
        out.append("   " + fmt.t(_W["meaning"], low=lo, high=hi))
    return "\n".join(out) + "\n"
