"""Past editions: replay them, check the recorded outcome is reproduced, compare rules.

A past edition is a folder in the layout of :func:`inovasi_rules.read_edition`, plus
``outcomes.csv``, the officially published outcome::

    submission_id,stage_reached,status,award
    K19-0001,verifikasi,advanced,top-99;top-45
    K19-0002,proposal,not_advanced,

``stage_reached`` is the last stage the submission reached (empty for a submission
withdrawn before the first stage), ``status`` its status there (optional column; one
of :data:`inovasi_rules.result.STATUSES`), ``award`` its awards separated by ``;``
(empty for none). :func:`write_outcomes` writes a result in this layout and
:func:`read_history` reads a folder with it, every problem located by file, row and
column.

:func:`reproduce` replays an edition under the ruleset it ran under and lists every
submission whose computed outcome differs from the record, with the reason. (A ruleset
that cannot reproduce history is a wrong encoding.) :func:`compare` puts two results of
the same edition side by side: who enters and leaves each stage and award, rank
changes with Kendall's tau, the funnels and the composition of winners per group.
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from ..edition import Edition, read_edition
from ..errors import EditionError, Problem
from ..result import STATUSES, FunnelRow, Reason, Result, StageOutcome, SubmissionResult
from ..ruleset.model import Label
from ..yamlpos import bom_encoding

__all__ = [
    "COMPOSITION_FIELDS",
    "AwardChange",
    "Comparison",
    "Mismatch",
    "OfficialOutcome",
    "PastEdition",
    "RankChange",
    "Reproduction",
    "StageChange",
    "compare",
    "decisive_reason",
    "kendall_tau",
    "read_history",
    "read_outcomes",
    "reason_label",
    "reproduce",
    "status_label",
    "write_outcomes",
]

#: The columns of ``outcomes.csv`` (``status`` and ``award`` may be left out).
OUTCOME_COLUMNS = ("submission_id", "stage_reached", "status", "award")


def _sorted_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(values))


@attrs.frozen
class OfficialOutcome:
    """The published outcome of one submission (a row of ``outcomes.csv``).

    :ivar reached: the last stage reached, ``None`` when it reached none.
    :ivar status: the status there, ``None`` when the file does not record it.
    :ivar awards: the awards given, sorted.
    :ivar row: the row of ``outcomes.csv`` (not part of the value).
    """

    submission: str
    reached: str | None
    status: str | None = None
    awards: tuple[str, ...] = attrs.field(default=(), converter=_sorted_tuple)
    row: int | None = attrs.field(default=None, eq=False)


@attrs.frozen
class PastEdition:
    """An edition's data and, when recorded, its official outcome.

    :ivar outcomes: the rows of ``outcomes.csv``, or ``None`` when there is no file.
    :ivar path: the folder it was read from.
    """

    edition: Edition
    outcomes: tuple[OfficialOutcome, ...] | None
    path: str

    @property
    def ruleset(self) -> str | None:
        """The id of the ruleset the edition ran under (from ``edition.yaml``)."""
        return self.edition.ruleset


def _decode(raw: bytes, file: str) -> tuple[str, list[Problem]]:
    marked = bom_encoding(raw)
    if marked != "utf-8-sig":  # UTF-16 or UTF-32
        return raw.decode(marked), []
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        warning = Problem(
            "the file is not UTF-8; it was read as cp1252 / berkas bukan UTF-8, dibaca sebagai cp1252",
            file, hint="save the file as CSV UTF-8 / simpan berkas sebagai CSV UTF-8", rule="encoding",
            level="warning")
        return raw.decode("cp1252", errors="replace"), [warning]


def _delimiter(text: str) -> str:
    """``,`` unless the header row uses ``;`` or tabs (as Excel does in Indonesian locales)."""
    line = text.split("\n", 1)[0]
    counts = {d: line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def read_outcomes(
    path: str | os.PathLike[str], known: Collection[str] | None = None
) -> tuple[OfficialOutcome, ...]:
    """Read an ``outcomes.csv``.

    :param known: the ids of the edition's submissions; a row for any other id is an
        error. ``None`` skips that check.
    :raises EditionError: listing every problem, each with the file, the row and the
        column (number and name): a missing column, an empty or duplicate or unknown
        ``submission_id``, a ``status`` that is not one of
        :data:`~inovasi_rules.result.STATUSES`, a row with the wrong number of cells.
    """
    file = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise EditionError([Problem(f"cannot read outcomes / tidak dapat membaca: {exc.strerror}",
                                    file, rule="io")]) from None
    text, problems = _decode(raw, file)
    rows = csv.reader(text.splitlines(), delimiter=_delimiter(text))
    try:
        header = next(rows, None)
    except csv.Error as exc:
        raise EditionError([Problem(f"not valid CSV / bukan CSV yang sah: {exc}", file, row=1,
                                    rule="csv-syntax")]) from None
    if header is None:
        raise EditionError([Problem("outcomes.csv is empty / berkas kosong", file, row=1,
                                    hint="write a header: " + ",".join(OUTCOME_COLUMNS),
                                    rule="empty")])
    cols = [h.strip().lower() for h in header]
    idx = {c: i for i, c in enumerate(cols) if c}
    for need in ("submission_id", "stage_reached"):
        if need not in idx:
            problems.append(Problem(
                f"missing column {need!r} / kolom {need!r} tidak ada", file, row=1, path=need,
                hint="outcomes.csv has the columns " + ", ".join(OUTCOME_COLUMNS),
                rule="missing-column"))
    for i, c in enumerate(cols):
        if c and c not in OUTCOME_COLUMNS:
            problems.append(Problem(
                f"unknown column {header[i].strip()!r} / kolom tidak dikenal", file, row=1,
                column=i + 1, path=header[i].strip(),
                hint="outcomes.csv has the columns " + ", ".join(OUTCOME_COLUMNS),
                rule="unknown-column"))
    if any(p.level == "error" for p in problems):
        raise EditionError(problems)

    def at(n: int, name: str, message: str, rule: str, hint: str | None = None) -> Problem:
        return Problem(message, file, row=n, column=idx[name] + 1, path=name, hint=hint, rule=rule)

    out: list[OfficialOutcome] = []
    seen: dict[str, int] = {}
    statuses = ", ".join(STATUSES)
    n = 1
    try:
        for n, row in enumerate(rows, start=2):
            if not any(cell.strip() for cell in row):
                continue
            while len(row) > len(cols) and not row[-1].strip():
                row = row[:-1]  # trailing empty cells left by spreadsheet exports
            if len(row) != len(cols):
                problems.append(Problem(
                    f"the row has {len(row)} cells but the header has {len(cols)} columns / "
                    f"baris berisi {len(row)} sel, judul berisi {len(cols)} kolom",
                    file, row=n, hint="check for a missing or extra delimiter / periksa pemisah yang kurang "
                    "atau berlebih", rule="row-width"))
                continue
            cells = {c: row[i].strip() for c, i in idx.items()}
            sid = cells["submission_id"]
            if not sid:
                problems.append(at(n, "submission_id", "empty submission_id / submission_id kosong",
                                   "empty-id"))
                continue
            if sid in seen:
                problems.append(at(n, "submission_id",
                                   f"duplicate outcome for {sid!r}, first at row {seen[sid]} / "
                                   "hasil ganda", "duplicate"))
                continue
            seen[sid] = n
            if known is not None and sid not in known:
                problems.append(at(n, "submission_id",
                                   f"outcome for unknown submission {sid!r} / pengajuan tidak dikenal",
                                   "unknown-submission",
                                   "every submission_id must be in submissions.csv"))
                continue
            status = cells.get("status") or None
            if status is not None and status not in STATUSES:
                problems.append(at(n, "status", f"unknown status {status!r} / status tidak dikenal",
                                   "unknown-status", f"use one of {statuses}"))
                continue
            awards = [a.strip() for a in cells.get("award", "").split(";") if a.strip()]
            out.append(OfficialOutcome(sid, cells["stage_reached"] or None, status, awards, n))
    except csv.Error as exc:
        problems.append(Problem(f"not valid CSV / bukan CSV yang sah: {exc}", file, row=n + 1,
                                rule="csv-syntax"))
    if any(p.level == "error" for p in problems):
        raise EditionError(problems)
    return tuple(out)


def read_history(path: str | os.PathLike[str]) -> PastEdition:
    """Read a past edition folder: its data and ``outcomes.csv`` if there is one.

    :raises EditionError: with file, row and column for malformed data.
    """
    folder = Path(path)
    edition = read_edition(folder)
    outcomes_file = folder / "outcomes.csv"
    outcomes = None
    if outcomes_file.is_file():
        outcomes = read_outcomes(outcomes_file, edition.submission_by_id().keys())
    return PastEdition(edition, outcomes, str(folder))


def write_outcomes(result: Result, path: str | os.PathLike[str]) -> Path:
    """Write ``result`` as an ``outcomes.csv`` (the layout :func:`read_history` reads).

    One row per submission, sorted by id; returns the path written.
    """
    target = Path(path)
    with target.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(OUTCOME_COLUMNS)
        for s in sorted(result.submissions, key=lambda s: s.id):
            writer.writerow([s.id, s.reached or "", s.status,
                             ";".join(sorted(a.award for a in s.awards))])
    return target


# --------------------------------------------------------------------------- reproduce


@attrs.frozen
class Mismatch:
    """A submission whose computed outcome differs from the record.

    :ivar what: ``reached``, ``status``, ``awards`` or ``submission`` (not in the result).
    :ivar stage: the stage where the two part ways (``None`` when unknown).
    :ivar reason: why the computation decided as it did there, in both languages.
    """

    submission: str
    what: str
    recorded: str
    computed: str
    reason: Label
    stage: str | None = None
    row: int | None = None


@attrs.frozen
class Reproduction:
    """Whether a replay reproduced the recorded outcome, and where it did not.

    :ivar checked: how many recorded outcomes were compared.
    :ivar unrecorded: submissions of the result with no row in ``outcomes.csv``.
    """

    edition: str
    ruleset: str
    checked: int
    mismatches: tuple[Mismatch, ...]
    unrecorded: tuple[str, ...] = ()

    @property
    def reproduced(self) -> bool:
        """True when every recorded outcome was reproduced."""
        return not self.mismatches


def decisive_reason(o: StageOutcome) -> Reason | None:
    """The reason that decided a stage outcome (a bonus that did not apply is not one)."""
    for r in o.reasons:
        if r.passed is False and r.kind != "adjustment":
            return r
    for r in o.reasons:
        if r.passed is None and r.missing:
            return r
    for r in reversed(o.reasons):
        if r.kind in ("selection", "verification"):
            return r
    return None


_STATUS_WORDS = {
    "ineligible": Label("tidak memenuhi syarat", "not eligible"),
    "advanced": Label("lolos", "passed"),
    "not_advanced": Label("tidak lolos", "not selected"),
    "dropped": Label("gugur", "dropped"),
    "withdrawn": Label("mengundurkan diri", "withdrawn"),
}


def _explain_stage(o: StageOutcome, name: Label) -> Label:
    """``stage: the deciding rule and its message (score N)``, in both languages."""
    r = decisive_reason(o)
    score_id = f" (nilai {o.score})" if o.score is not None else ""
    score_en = f" (score {o.score})" if o.score is not None else ""
    if r is None:
        word = _STATUS_WORDS.get(o.status, Label(o.status, o.status))
        return Label(f"{name.id}: {word.id}{score_id}", f"{name.en or name.id}: {word.en}{score_en}")
    why = reason_label(r)
    return Label(f"{name.id}: {why.id}{score_id}", f"{name.en or name.id}: {why.en}{score_en}")


def reason_label(r: Reason) -> Label:
    """A reason in a few words: a selection's own message (rank, seats, cut-off); for a
    rule, its id and the values it saw (or its message when it recorded none)."""
    if r.kind == "selection":
        return Label(r.message.id, r.message.en or r.message.id)
    text = r.detail if r.detail is not None and r.passed is False else r.message
    return Label(f"{r.rule}: {text.id}", f"{r.rule}: {text.en or text.id}")


def status_label(status: str) -> Label:
    """A stage status (``advanced``, ``not_advanced`` ...) in words, in both languages."""
    return _STATUS_WORDS.get(status, Label(status, status))


def _why(s: SubmissionResult, stage: str | None, names: Mapping[str, Label]) -> Label:
    if stage is None or s.stage(stage) is None:
        if not s.stages:
            return Label("tidak mencapai tahap mana pun (ditarik)", "reached no stage (withdrawn)")
        stage = s.stages[-1].stage
    o = s.stage(stage)
    assert o is not None
    return _explain_stage(o, names.get(stage, Label(stage)))


def reproduce(result: Result, outcomes: Iterable[OfficialOutcome]) -> Reproduction:
    """Compare a replayed result with the recorded outcomes, submission by submission.

    Each mismatch names the stage where the computation and the record part ways and
    the reason the computation gave there (the failed rule, or the rank against the
    seats and the cut-off), so a wrong encoding can be found.
    """
    order = {sid: i for i, (sid, _) in enumerate(result.stages)}
    names = dict(result.stages)
    mismatches: list[Mismatch] = []
    recorded: set[str] = set()
    n = 0
    for o in sorted(outcomes, key=lambda x: x.submission):
        n += 1
        recorded.add(o.submission)
        try:
            s = result.submission(o.submission)
        except KeyError:
            mismatches.append(Mismatch(o.submission, "submission", "present", "absent",
                                       Label("tidak ada di hasil", "not in the result"), None, o.row))
            continue
        if o.reached is not None and o.reached not in order:
            mismatches.append(Mismatch(
                o.submission, "reached", o.reached, s.reached or "-",
                Label(f"tahap {o.reached!r} tidak ada di ruleset {result.ruleset}",
                      f"stage {o.reached!r} is not in ruleset {result.ruleset}"), None, o.row))
            continue
        if s.reached != o.reached:
            # part ways at the earlier of the two stages: there one passed, the other not
            mine = order.get(s.reached, -1) if s.reached else -1
            theirs = order[o.reached] if o.reached else -1
            at = s.reached if mine <= theirs else o.reached
            mismatches.append(Mismatch(o.submission, "reached", o.reached or "-", s.reached or "-",
                                       _why(s, at, names), at, o.row))
            continue
        if o.status is not None and s.status != o.status:
            mismatches.append(Mismatch(o.submission, "status", o.status, s.status,
                                       _why(s, s.reached, names), s.reached, o.row))
            continue
        mine_awards = tuple(sorted(g.award for g in s.awards))
        if o.awards != mine_awards:
            mismatches.append(Mismatch(o.submission, "awards", ";".join(o.awards) or "-",
                                       ";".join(mine_awards) or "-", _award_why(s, names),
                                       s.reached, o.row))
    unrecorded = tuple(s.id for s in result.submissions if s.id not in recorded)
    return Reproduction(result.edition, result.ruleset, n, tuple(mismatches), unrecorded)


def _award_why(s: SubmissionResult, names: Mapping[str, Label]) -> Label:
    ranked = [o for o in s.stages if o.rank is not None]
    if not ranked:
        return _why(s, None, names)
    o = ranked[-1]  # awards are decided on the last ranking
    return _explain_stage(o, names.get(o.stage, Label(o.stage)))


# --------------------------------------------------------------------------- kendall tau


def _as_ranks(x: Sequence[str] | Mapping[str, Any]) -> Mapping[str, Any]:
    if isinstance(x, Mapping):
        return x
    return {k: i for i, k in enumerate(x)}


def _tie_pairs(sorted_values: Sequence[Any]) -> int:
    total = 0
    i = 0
    n = len(sorted_values)
    while i < n:
        j = i + 1
        while j < n and sorted_values[j] == sorted_values[i]:
            j += 1
        total += (j - i) * (j - i - 1) // 2
        i = j
    return total


def _inversions(xs: list[Any]) -> int:
    """Pairs i < j with xs[i] > xs[j] (bottom-up merge sort, O(n log n))."""
    n = len(xs)
    count = 0
    width = 1
    src = list(xs)
    while width < n:
        dst: list[Any] = []
        for lo in range(0, n, 2 * width):
            mid = min(lo + width, n)
            hi = min(lo + 2 * width, n)
            i, j = lo, mid
            while i < mid and j < hi:
                if src[j] < src[i]:
                    dst.append(src[j])
                    count += mid - i
                    j += 1
                else:
                    dst.append(src[i])
                    i += 1
            dst.extend(src[i:mid])
            dst.extend(src[j:hi])
        src = dst
        width *= 2
    return count


def kendall_tau(a: Sequence[str] | Mapping[str, Any], b: Sequence[str] | Mapping[str, Any]) -> float | None:
    """Kendall's tau-b between two rankings of the same items.

    Each ranking is either a sequence of ids, best first, or a mapping from id to rank
    (equal ranks are ties, counted as tau-b does). Only items in both rankings count;
    the result is ``None`` when fewer than two are shared or when either ranking puts
    all of them level. O(n log n) (Knight's algorithm).

    >>> kendall_tau(["x", "y", "z"], ["x", "y", "z"])
    1.0
    >>> kendall_tau(["x", "y", "z"], ["z", "y", "x"])
    -1.0
    >>> round(kendall_tau({"x": 1, "y": 1, "z": 3}, {"x": 1, "y": 2, "z": 3}), 4)
    0.8165
    """
    ra, rb = _as_ranks(a), _as_ranks(b)
    pairs = sorted((ra[k], rb[k]) for k in ra if k in rb)
    n = len(pairs)
    if n < 2:
        return None
    n0 = n * (n - 1) // 2
    ties_a = _tie_pairs([x for x, _ in pairs])
    ties_both = _tie_pairs(pairs)
    ys = [y for _, y in pairs]
    discordant = _inversions(ys)
    ties_b = _tie_pairs(sorted(ys))
    denominator = (n0 - ties_a) * (n0 - ties_b)
    if denominator == 0:
        return None
    return (n0 - ties_a - ties_b + ties_both - 2 * discordant) / math.sqrt(denominator)


# --------------------------------------------------------------------------- compare


@attrs.frozen
class StageChange:
    """Who passes a stage under B only (``entered``) and under A only (``left``)."""

    stage: str
    name: Label
    passed_a: int
    passed_b: int
    entered: tuple[str, ...]
    left: tuple[str, ...]


@attrs.frozen
class AwardChange:
    """Who wins an award under B but not A (``gained``) and the reverse (``lost``).

    :ivar ids_a: the winners under A, in rank order (``ids_b`` under B).
    """

    award: str
    name: Label
    winners_a: int
    winners_b: int
    gained: tuple[str, ...]
    lost: tuple[str, ...]
    ids_a: tuple[str, ...] = ()
    ids_b: tuple[str, ...] = ()


@attrs.frozen
class RankChange:
    """A submission's rank and score at a stage under A and under B (``None``: not
    ranked there)."""

    submission: str
    rank_a: int | None
    rank_b: int | None
    score_a: Decimal | None = None
    score_b: Decimal | None = None

    @property
    def moved(self) -> int | None:
        """Places gained under B (positive: better), ``None`` unless ranked under both."""
        if self.rank_a is None or self.rank_b is None:
            return None
        return self.rank_a - self.rank_b


@attrs.frozen
class Comparison:
    """Two results of the same edition side by side (A: old rules, B: new rules).

    :ivar stages: per stage, who enters and who leaves.
    :ivar awards: per award, who gains and who loses it.
    :ivar ranks: per ranked stage, every ranked submission's rank and score under A and B.
    :ivar tau: per ranked stage, Kendall's tau-b over the submissions ranked under both.
    :ivar composition: per award, per field, the winners counted by value under A and B.
    :ivar funnel_a: the funnel under A (entered and passed per stage).
    :ivar funnel_b: the funnel under B.
    :ivar titles: submission id to title.
    :ivar fields: submission id to its reported fields (kind, province, category ...).
    """

    edition: str
    ruleset_a: str
    ruleset_b: str
    stages: tuple[StageChange, ...]
    awards: tuple[AwardChange, ...]
    ranks: Mapping[str, tuple[RankChange, ...]]
    tau: Mapping[str, float | None]
    composition: Mapping[str, Mapping[str, tuple[Mapping[str, int], Mapping[str, int]]]]
    funnel_a: tuple[FunnelRow, ...]
    funnel_b: tuple[FunnelRow, ...]
    titles: Mapping[str, str] = attrs.field(factory=dict)
    fields: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict)

    @property
    def changed(self) -> bool:
        """True when anyone enters or leaves a stage or an award."""
        return any(s.entered or s.left for s in self.stages) or any(
            a.gained or a.lost for a in self.awards
        )

    def rank(self, stage: str, submission: str) -> RankChange | None:
        """The rank change of one submission at ``stage`` (``None``: not ranked there)."""
        for r in self.ranks.get(stage, ()):
            if r.submission == submission:
                return r
        return None


#: Submission fields whose composition among winners is compared.
COMPOSITION_FIELDS = ("participant.kind", "participant.province", "category", "group")


def _ranking(r: Result, stage_id: str) -> dict[str, tuple[int | None, Decimal | None]]:
    return {
        s.id: (o.rank, o.score)
        for s in r.submissions
        if (o := s.stage(stage_id)) is not None and o.rank is not None
    }


def compare(a: Result, b: Result, *, fields: Sequence[str] = COMPOSITION_FIELDS) -> Comparison:
    """Compare two results of the same edition (A: before, B: after a rule change).

    :param fields: the submission fields whose composition among each award's winners
        is counted (they must be among the fields the engine reports).
    :raises ValueError: when the results are of different editions.
    """
    if a.edition != b.edition:
        raise ValueError(f"results of different editions: {a.edition!r} and {b.edition!r}")
    names = dict(a.stages)
    stage_ids = [s for s, _ in a.stages]
    for sid, name in b.stages:
        if sid not in names:
            stage_ids.append(sid)
            names[sid] = name
    stages = []
    ranks: dict[str, tuple[RankChange, ...]] = {}
    tau: dict[str, float | None] = {}
    for sid in stage_ids:
        # (a stage of one ruleset only: nobody passed it under the other)
        pa = a.passed(sid) if sid in dict(a.stages) else []
        pb = b.passed(sid) if sid in dict(b.stages) else []
        sa, sb = set(pa), set(pb)
        stages.append(StageChange(sid, names[sid], len(pa), len(pb),
                                  tuple(x for x in pb if x not in sa),
                                  tuple(x for x in pa if x not in sb)))
        ra, rb = _ranking(a, sid), _ranking(b, sid)
        if ra or rb:
            rows = []
            for k in set(ra) | set(rb):
                rank_a, score_a = ra.get(k, (None, None))
                rank_b, score_b = rb.get(k, (None, None))
                rows.append(RankChange(k, rank_a, rank_b, score_a, score_b))
            far = len(a.submissions) + len(b.submissions) + 1
            rows.sort(key=lambda r: (r.rank_a or far, r.rank_b or far, r.submission))
            ranks[sid] = tuple(rows)
            tau[sid] = kendall_tau({k: v[0] for k, v in ra.items()}, {k: v[0] for k, v in rb.items()})
    award_names = dict(a.awards)
    for k, v in b.awards:
        award_names.setdefault(k, v)
    awards = []
    composition: dict[str, dict[str, tuple[Mapping[str, int], Mapping[str, int]]]] = {}
    for aid, name in award_names.items():
        in_a, in_b = aid in dict(a.awards), aid in dict(b.awards)
        wa = a.winners(aid) if in_a else []
        wb = b.winners(aid) if in_b else []
        sa, sb = set(wa), set(wb)
        awards.append(AwardChange(aid, name, len(wa), len(wb),
                                  tuple(x for x in wb if x not in sa),
                                  tuple(x for x in wa if x not in sb), tuple(wa), tuple(wb)))
        composition[aid] = {f: (a.count_by(f, award=aid) if in_a else {},
                                b.count_by(f, award=aid) if in_b else {}) for f in fields}
    return Comparison(
        a.edition, a.ruleset, b.ruleset, tuple(stages), tuple(awards), ranks, tau, composition,
        tuple(a.funnel()), tuple(b.funnel()),
        {s.id: s.title or "" for s in a.submissions},
        {s.id: dict(s.fields) for s in a.submissions},
    )


def stage_scores(r: Result, stage_id: str) -> list[Decimal]:
    """The scores of every submission scored at ``stage_id`` (for distributions)."""
    return [o.score for s in r.submissions if (o := s.stage(stage_id)) is not None and o.score is not None]
