"""Past editions: replay them, check the recorded outcome is reproduced, compare rules.

A past edition is a folder in the layout of :func:`inovasi_rules.read_edition`, plus
``outcomes.csv``, the officially published outcome::

    submission_id,stage_reached,status,award
    K19-0001,presentasi,awarded,top-99;top-45
    K19-0002,proposal,not_advanced,

``stage_reached`` is the last stage the submission reached, ``status`` its status there
(optional column), ``award`` its awards separated by ``;`` (empty for none).
:func:`write_outcomes` writes a result in this layout.

:func:`reproduce` replays an edition under the ruleset it ran under and lists every
submission whose computed outcome differs from the record, with the reason. (A ruleset
that cannot reproduce history is a wrong encoding.) :func:`compare` puts two results of
the same edition side by side: who enters and leaves each stage and award, rank
changes with Kendall's tau, the funnels and the composition of winners.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from .edition import Edition, read_edition
from .errors import EditionError, Problem
from .model import Label
from .result import Result, SubmissionResult

__all__ = [
    "AwardChange",
    "Comparison",
    "Mismatch",
    "OfficialOutcome",
    "PastEdition",
    "RankChange",
    "Reproduction",
    "StageChange",
    "compare",
    "kendall_tau",
    "read_history",
    "reproduce",
    "write_outcomes",
]


@attrs.frozen
class OfficialOutcome:
    """The published outcome of one submission (a row of ``outcomes.csv``)."""

    submission: str
    reached: str | None
    status: str | None = None
    awards: tuple[str, ...] = ()
    row: int | None = attrs.field(default=None, eq=False)


@attrs.frozen
class PastEdition:
    """An edition's data and, when recorded, its official outcome."""

    edition: Edition
    outcomes: tuple[OfficialOutcome, ...] | None
    path: str

    @property
    def ruleset(self) -> str | None:
        """The id of the ruleset the edition ran under (from ``edition.yaml``)."""
        return self.edition.ruleset


def _read_outcomes(path: Path, known: set[str]) -> tuple[OfficialOutcome, ...]:
    problems: list[Problem] = []
    out: list[OfficialOutcome] = []
    seen: dict[str, int] = {}
    file = str(path)
    try:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
    except OSError as exc:
        raise EditionError([Problem(f"cannot read outcomes: {exc}", file, rule="io")]) from None
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header is None:
        return ()
    cols = [h.strip() for h in header]
    for need in ("submission_id", "stage_reached"):
        if need not in cols:
            problems.append(Problem(
                f"missing column {need!r} / kolom {need!r} tidak ada", file, row=1, path=need,
                hint="outcomes.csv has columns submission_id, stage_reached, status, award",
                rule="missing-column"))
    if problems:
        raise EditionError(problems)
    idx = {c: i for i, c in enumerate(cols)}
    for n, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(cols):
            problems.append(Problem(f"row has {len(row)} cells, the header {len(cols)}", file, row=n,
                                    rule="row-length"))
            continue

        def cell(name: str, r: list[str] = row) -> str | None:
            i = idx.get(name)
            v = r[i].strip() if i is not None else ""
            return v or None

        sid = cell("submission_id")
        if sid is None:
            problems.append(Problem("empty submission_id", file, row=n, path="submission_id", rule="empty-id"))
            continue
        if sid in seen:
            problems.append(Problem(f"duplicate outcome for {sid!r}, first at row {seen[sid]}", file, row=n,
                                    path="submission_id", rule="duplicate"))
            continue
        if sid not in known:
            problems.append(Problem(f"outcome for unknown submission {sid!r} / pengajuan tidak dikenal",
                                    file, row=n, path="submission_id", rule="unknown-submission"))
            continue
        seen[sid] = n
        awards = tuple(a.strip() for a in (cell("award") or "").split(";") if a.strip())
        out.append(OfficialOutcome(sid, cell("stage_reached"), cell("status"), awards, n))
    if problems:
        raise EditionError(problems)
    return tuple(out)


def read_history(path: str | os.PathLike[str]) -> PastEdition:
    """Read a past edition folder (its data and ``outcomes.csv`` if present).

    :raises EditionError: with file, row and column for malformed data.
    """
    folder = Path(path)
    edition = read_edition(folder)
    outcomes_file = folder / "outcomes.csv"
    outcomes = None
    if outcomes_file.is_file():
        outcomes = _read_outcomes(outcomes_file, {s.id for s in edition.submissions})
    return PastEdition(edition, outcomes, str(folder))


def write_outcomes(result: Result, path: str | os.PathLike[str]) -> Path:
    """Write ``result`` as an ``outcomes.csv`` (the layout :func:`read_history` reads).

    One row per submission, sorted by id; returns the path written.
    """
    target = Path(path)
    with target.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["submission_id", "stage_reached", "status", "award"])
        for s in sorted(result.submissions, key=lambda s: s.id):
            writer.writerow([s.id, s.reached or "", s.status, ";".join(a.award for a in s.awards)])
    return target


# --------------------------------------------------------------------------- reproduce


@attrs.frozen
class Mismatch:
    """A submission whose computed outcome differs from the record."""

    submission: str
    what: str
    recorded: str
    computed: str
    reason: Label


@attrs.frozen
class Reproduction:
    """Whether a replay reproduced the recorded outcome, and where it did not."""

    edition: str
    ruleset: str
    checked: int
    mismatches: tuple[Mismatch, ...]

    @property
    def reproduced(self) -> bool:
        """True when every recorded outcome was reproduced."""
        return not self.mismatches


def _why(s: SubmissionResult) -> Label:
    if not s.stages:
        return Label("tidak ada tahap", "no stage")
    last = s.stages[-1]
    for r in last.reasons:
        if r.passed is False or (r.passed is None and r.missing):
            return Label(f"{last.stage}: {r.rule}: {r.message.id}", f"{last.stage}: {r.rule}: {r.message.en or r.message.id}")
    for r in reversed(last.reasons):
        if r.kind == "selection":
            return Label(f"{last.stage}: {r.message.id}", f"{last.stage}: {r.message.en or r.message.id}")
    return Label(f"{last.stage}: {last.status}", f"{last.stage}: {last.status}")


def reproduce(result: Result, outcomes: Iterable[OfficialOutcome]) -> Reproduction:
    """Compare a replayed result with the recorded outcomes, submission by submission."""
    mismatches: list[Mismatch] = []
    n = 0
    for o in sorted(outcomes, key=lambda x: x.submission):
        n += 1
        try:
            s = result.submission(o.submission)
        except KeyError:
            mismatches.append(Mismatch(o.submission, "submission", "present", "absent",
                                       Label("tidak ada di hasil", "not in the result")))
            continue
        why = _why(s)
        if o.reached is not None and s.reached != o.reached:
            mismatches.append(Mismatch(o.submission, "reached", o.reached, s.reached or "-", why))
            continue
        if o.status is not None and s.status != o.status:
            mismatches.append(Mismatch(o.submission, "status", o.status, s.status, why))
            continue
        mine = tuple(sorted(g.award for g in s.awards))
        if tuple(sorted(o.awards)) != mine:
            mismatches.append(Mismatch(o.submission, "awards", ";".join(sorted(o.awards)) or "-",
                                       ";".join(mine) or "-", why))
    return Reproduction(result.edition, result.ruleset, n, tuple(mismatches))


# --------------------------------------------------------------------------- compare


def kendall_tau(a: Sequence[str], b: Sequence[str]) -> float | None:
    """Kendall's tau between two rankings of the same items (best first).

    Only items in both rankings count; ``None`` when fewer than two are shared.
    O(n log n): the discordant pairs are the inversions of ``b``'s order read in ``a``'s.

    >>> kendall_tau(["x", "y", "z"], ["x", "y", "z"])
    1.0
    >>> kendall_tau(["x", "y", "z"], ["z", "y", "x"])
    -1.0
    """
    pos_b = {k: i for i, k in enumerate(b)}
    seq = [pos_b[k] for k in a if k in pos_b]
    n = len(seq)
    if n < 2:
        return None

    def sort_count(xs: list[int]) -> tuple[list[int], int]:
        if len(xs) <= 1:
            return xs, 0
        mid = len(xs) // 2
        left, inv_l = sort_count(xs[:mid])
        right, inv_r = sort_count(xs[mid:])
        merged: list[int] = []
        inv = inv_l + inv_r
        i = j = 0
        while i < len(left) and j < len(right):
            if left[i] <= right[j]:
                merged.append(left[i])
                i += 1
            else:
                merged.append(right[j])
                inv += len(left) - i
                j += 1
        merged.extend(left[i:])
        merged.extend(right[j:])
        return merged, inv

    _, discordant = sort_count(seq)
    pairs = n * (n - 1) // 2
    return (pairs - 2 * discordant) / pairs


@attrs.frozen
class StageChange:
    """Who passes a stage under A only (``left``) and under B only (``entered``)."""

    stage: str
    name: Label
    passed_a: int
    passed_b: int
    entered: tuple[str, ...]
    left: tuple[str, ...]


@attrs.frozen
class AwardChange:
    """Who wins an award under B but not A (``gained``) and the reverse (``lost``)."""

    award: str
    name: Label
    winners_a: int
    winners_b: int
    gained: tuple[str, ...]
    lost: tuple[str, ...]


@attrs.frozen
class RankChange:
    """A submission's rank at a stage under A and under B."""

    submission: str
    rank_a: int | None
    rank_b: int | None
    score_a: Any = None
    score_b: Any = None


@attrs.frozen
class Comparison:
    """Two results of the same edition side by side (A: old rules, B: new rules)."""

    edition: str
    ruleset_a: str
    ruleset_b: str
    stages: tuple[StageChange, ...]
    awards: tuple[AwardChange, ...]
    ranks: Mapping[str, tuple[RankChange, ...]]
    tau: Mapping[str, float | None]
    composition: Mapping[str, Mapping[str, tuple[dict[str, int], dict[str, int]]]]
    funnel_a: tuple[tuple[str, int, int], ...]
    funnel_b: tuple[tuple[str, int, int], ...]
    titles: Mapping[str, str] = attrs.field(factory=dict)

    @property
    def changed(self) -> bool:
        """True when any stage or award has someone entering or leaving."""
        return any(s.entered or s.left for s in self.stages) or any(
            a.gained or a.lost for a in self.awards
        )


#: Submission fields whose composition among winners is compared.
COMPOSITION_FIELDS = ("participant.kind", "participant.province", "category", "group")


def compare(a: Result, b: Result, *, fields: Sequence[str] = COMPOSITION_FIELDS) -> Comparison:
    """Compare two results of the same edition (A: before, B: after a rule change).

    :raises ValueError: when the results are of different editions.
    """
    if a.edition != b.edition:
        raise ValueError(f"results of different editions: {a.edition!r} and {b.edition!r}")
    stage_ids = [s for s, _ in a.stages]
    names = dict(a.stages)
    for sid, name in b.stages:
        if sid not in names:
            stage_ids.append(sid)
            names[sid] = name
    stages = []
    ranks: dict[str, tuple[RankChange, ...]] = {}
    tau: dict[str, float | None] = {}
    for sid in stage_ids:
        pa, pb = a.passed(sid), b.passed(sid)
        sa, sb = set(pa), set(pb)
        stages.append(StageChange(sid, names[sid], len(pa), len(pb),
                                  tuple(x for x in pb if x not in sa), tuple(x for x in pa if x not in sb)))
        ra = _ranking(a, sid)
        rb = _ranking(b, sid)
        if ra or rb:
            ia = {k: (i + 1, sc) for i, (k, sc) in enumerate(ra)}
            ib = {k: (i + 1, sc) for i, (k, sc) in enumerate(rb)}
            rows = [
                RankChange(k, ia.get(k, (None, None))[0], ib.get(k, (None, None))[0],
                           ia.get(k, (None, None))[1], ib.get(k, (None, None))[1])
                for k in sorted(set(ia) | set(ib))
            ]
            ranks[sid] = tuple(rows)
            tau[sid] = kendall_tau([k for k, _ in ra], [k for k, _ in rb])
    award_names = dict(a.awards)
    award_names.update({k: v for k, v in b.awards if k not in award_names})
    awards = []
    composition: dict[str, dict[str, tuple[dict[str, int], dict[str, int]]]] = {}
    for aid, name in award_names.items():
        wa, wb = a.winners(aid), b.winners(aid)
        sa, sb = set(wa), set(wb)
        awards.append(AwardChange(aid, name, len(wa), len(wb),
                                  tuple(x for x in wb if x not in sa), tuple(x for x in wa if x not in sb)))
        composition[aid] = {f: (a.count_by(f, award=aid), b.count_by(f, award=aid)) for f in fields}
    titles = {s.id: s.title or "" for s in a.submissions}
    return Comparison(
        a.edition, a.ruleset, b.ruleset, tuple(stages), tuple(awards), ranks, tau, composition,
        tuple((f.stage, f.entered, f.passed) for f in a.funnel()),
        tuple((f.stage, f.entered, f.passed) for f in b.funnel()),
        titles,
    )


def _ranking(r: Result, stage_id: str) -> list[tuple[str, Any]]:
    rows = []
    for s in r.submissions:
        o = s.stage(stage_id)
        if o is not None and o.rank is not None:
            rows.append((o.rank, s.id, o.score))
    return [(sid, sc) for _, sid, sc in sorted(rows)]


def stage_scores(r: Result, stage_id: str) -> list[Any]:
    """The scores at a stage (for distributions)."""
    return [o.score for s in r.submissions if (o := s.stage(stage_id)) is not None and o.score is not None]


def as_dict(obj: Any) -> Any:
    """Plain data of a Comparison or Reproduction (for JSON)."""
    from .result import _plain

    return _plain(obj)
