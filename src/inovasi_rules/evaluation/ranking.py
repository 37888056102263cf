"""Ranking and selection: ordering entries, breaking ties, and choosing who advances.

**Order.** Entries are ordered by score, highest first. Entries with the same score
are ordered by the stage's ``tie_break`` chain, link by link (a criterion's score, an
earlier stage's score, or a field such as ``registered``, each ``desc`` or ``asc``;
a missing value sorts last; registrations in the order of
:mod:`inovasi_rules.edition.instants`, where the same instant written in two zones is
a tie that the next link decides), and finally by a seeded lottery: the SHA-256 of the
ruleset id, the edition id and the submission id. The lottery is deterministic (the
same edition always draws the same order) and is recorded in the trace whenever it
decided.

**Selection** (``advance`` of a stage, ``rank`` of an award):

.. code-block:: yaml

    advance: {top: 45}                                    # the best 45
    advance: {threshold: 85}                              # everyone with 85 or more
    advance: {top: 3, per: participant.province}          # the best 3 of each province
    advance: {per: group, seats: {umum: 45, replikasi: 5}} # seats per group value
    advance: {top: 99, apportion: {by: participant.kind, min_each: 1}}
    advance: {top: 10, threshold: 70, ties: include_all}  # combinations

``apportion`` shares ``top`` seats across the groups in proportion to how many
entries each has at the stage (largest remainder / Hamilton method); a group whose
share falls below ``min_each`` gets ``min_each`` (or all its entries, if fewer) and the
rest is shared again among the others; a group never gets more seats than entries, and
``top`` is never exceeded (with too few seats for every group's minimum, the larger
groups get theirs first).
``ties: include_all`` keeps every entry whose score equals the last seat's score, so
more than ``top`` may advance; ``ties: break`` (the default) uses the order above.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable, Hashable, Mapping, Sequence
from decimal import Decimal
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ..edition import MISSING
from ..edition.instants import Registration
from ..errors import EvaluationError, PluginError, Problem
from ..messages import said
from ..plugins import call_first
from ..result import Reason
from ..ruleset import model as m
from ..ruleset.model import Label, LazyLabel
from .decisions import spoken
from .scoring import integer, number
from .views import CriteriaTable

if TYPE_CHECKING:
    from .context import Context
    from .decisions import Decisions, Later, Legend, StageDecisions

__all__ = [
    "Entry",
    "Pick",
    "Row",
    "choose",
    "entry_of",
    "largest_remainder",
    "lottery_key",
    "order_entries",
    "pick",
    "rank_entries",
    "regrouped",
    "row_of",
    "select",
]


def lottery_key(seed: str, submission_id: str) -> str:
    """The deterministic lottery ticket of a submission (a hex SHA-256 digest)."""
    return hashlib.sha256(f"{seed}\x00{submission_id}".encode()).hexdigest()


@attrs.frozen
class Entry:
    """One submission competing at a stage.

    :ivar tie_values: the values of the tie-break links, in chain order (``None``
        when missing; a date or a registration time as a
        :class:`~inovasi_rules.edition.instants.Registration`).
    """

    id: str
    score: Decimal
    tie_values: tuple[Any, ...] = ()
    lottery: str = ""
    group: Hashable = None


#: One entry as the ranking steps keep it: ``(id, score, lottery ticket, group, place,
#: *tie values)``, the fields of an :class:`Entry` and the entry's place in its stage's
#: decisions (``None`` when it has none) in a tuple of texts and numbers, which the
#: garbage collector stops tracking (an :class:`Entry` it walks at every full
#: collection for as long as the result lives).
Row = tuple[Any, ...]
_PLACE = 4  # where a row keeps its place in the stage's decisions
_TIES = 5  # where its tie values begin
_score_of = itemgetter(1)
_lottery_of = itemgetter(2)


def row_of(e: Entry) -> Row:
    """The :data:`Row` of an :class:`Entry` (with no place in a stage's decisions)."""
    return (e.id, e.score, e.lottery, e.group, None, *e.tie_values)


def entry_of(row: Row) -> Entry:
    """The :class:`Entry` of a :data:`Row`."""
    return Entry(row[0], row[1], row[_TIES:], row[2], row[3])


def regrouped(row: Row, group: Hashable) -> Row:
    """``row`` competing in ``group``."""
    return (*row[:3], group, *row[_PLACE:])


def order_entries(
    entries: Sequence[Entry], orders: Sequence[str], labels: Sequence[str | tuple[str, str]]
) -> tuple[list[Entry], dict[str, Label]]:
    """Sort entries best first; explain every tie that had to be broken.

    :param orders: ``"desc"`` or ``"asc"`` per tie-break link.
    :param labels: a short name per link for the explanation (``criterion dampak``),
        or an ``(Indonesian, English)`` pair.
    :return: the ordered entries and, for each entry whose score is shared, how its
        place among the tied entries was decided.
    """
    rows = [row_of(e) for e in entries]
    back = {id(r): e for r, e in zip(rows, entries, strict=True)}
    ordered, notes = _order(rows, orders, labels, _tie_label)
    return [back[id(r)] for r in ordered], {r[0]: n for r, n in zip(ordered, notes, strict=True) if n is not None}


def _tie_label(*tie: Any) -> Label:
    return LazyLabel(_tie_text, *tie)


#: What :func:`_order` makes of how one entry's place among tied entries was decided,
#: with ``note(score, id, tied ids, link, value)`` (what :func:`_tie_text` writes it
#: from): its text, or the reason a stage keeps (:data:`~.decisions.Later`).
TieT = TypeVar("TieT")


def _tie_reason(
    passed: None, ties: Sequence[tuple[str, ...]], labels: Sequence[str | tuple[str, str]], score: Decimal,
    own: str, tie: int, link: int | None, value: Any,
) -> Reason:
    """How an entry's place among tied entries was decided, as a reason: ``ties``
    lists the stage's groups of tied entries and ``tie`` numbers this one's; ``link``
    numbers the tie-break link in ``labels`` that decided."""
    return Reason("tie_break", "selection", passed,
                  LazyLabel(_tie_text, score, own, ties[tie], None if link is None else labels[link], value))


class _Incomparable(TypeError):
    """Two entries' values of tie-break link ``link`` cannot be compared (a number and
    a text, say), so the entries cannot be put in order. ``a`` and ``b`` are the
    positions of two such entries in ``rows``."""

    def __init__(self, link: int, a: int, b: int, rows: Sequence[Row]) -> None:
        self.link, self.a, self.b = link, rows[a], rows[b]
        super().__init__(f"tie-break link {link}: {self.a[_TIES + link]!r} and "
                         f"{self.b[_TIES + link]!r} cannot be compared")


def _witnesses(values: Sequence[Any]) -> tuple[int, int]:
    """The positions of two of ``values`` that cannot be compared: the first value of
    each shape (its type, and for a list the types in it) against one another."""
    first: dict[object, int] = {}
    for j, v in enumerate(values):
        shape: object = (tuple, frozenset(map(type, v))) if type(v) is tuple else type(v)
        if first.setdefault(shape, j) == j and len(first) == 64:
            break
    kept = list(first.values())
    for x, a in enumerate(kept):
        for b in kept[x + 1:]:
            try:
                values[a] < values[b] or values[b] < values[a]  # (only whether it raises)
            except (TypeError, ArithmeticError):
                return a, b
    return kept[0], kept[-1]


def _order(
    entries: Sequence[Row], orders: Sequence[str], labels: Sequence[Any], note: Callable[..., TieT],
) -> tuple[list[Row], list[TieT | None]]:
    """:func:`order_entries`, each tie made by ``note`` (:data:`TieT`); the ties are
    listed in the order of the rows (``None`` for an entry whose score is its own)."""

    # Stable sorts, the least significant key first: the lottery, the tie-break links
    # from the last to the first, then the score. The order is the one of the tuple
    # (score, link 1, ..., lottery), but every pass compares values of one kind (all
    # tickets, all of one link's values, all scores), which is several times faster than
    # comparing tuples, above all when most scores are tied.
    ordered = sorted(entries, key=_lottery_of)
    for k in range(len(orders) - 1, -1, -1):
        i = _TIES + k
        present = [e for e in ordered if len(e) > i and e[i] is not None]
        if len(present) < len(ordered):  # a missing value sorts last, in either order
            absent = [e for e in ordered if len(e) <= i or e[i] is None]
        else:
            absent = []
        try:
            present.sort(key=itemgetter(i), reverse=orders[k] == "desc")
        except (TypeError, ArithmeticError):
            raise _Incomparable(k, *_witnesses([e[i] for e in present]), present) from None
        ordered = present + absent
    ordered.sort(key=_score_of, reverse=True)
    notes: list[TieT | None] = []
    for _, same in groupby(ordered, key=_score_of):
        tied = list(same)
        if len(tied) == 1:
            notes.append(None)
            continue
        ids = tuple([e[0] for e in tied])
        last = len(tied) - 1
        for k, e in enumerate(tied):
            other = tied[k + 1] if k < last else tied[k - 1]
            for i in range(_TIES, min(len(e), len(other))):
                if e[i] != other[i]:  # the first link that tells the two apart
                    notes.append(note(e[1], e[0], ids, labels[i - _TIES], e[i]))
                    break
            else:
                notes.append(note(e[1], e[0], ids, None, None))
    return ordered, notes


def _tie_text(
    score: Decimal, own: str, ids: Sequence[str], link: str | tuple[str, str] | None, value: Any
) -> tuple[str, str]:
    """How an entry's place among tied entries was decided (naming the others)."""
    names = ", ".join([i for i in ids if i != own])
    if link is None:
        how_id, how_en = "undian berbenih (lotre)", "a seeded lottery"
    else:
        value_id, value_en = ("—", "—") if value is None else (spoken(value), spoken(value, True))
        if isinstance(link, str):
            by, _, ref = link.partition(" ")
            words = _TIE_BY.get(by)
            link_id = f"{words[0]} {ref}" if words else link
            link_en = f"{words[1]} {ref}" if words else link
        else:
            link_id, link_en = link
        how_id, how_en = f"{link_id} = {value_id}", f"{link_en} = {value_en}"
    tied = said(score)
    return (f"nilai sama {tied[0]} dengan {names}; urutan ditentukan oleh {how_id}",
            f"tied at {tied[1]} with {names}; order decided by {how_en}")


#: A tie-break link's kind in words: (Indonesian, English).
_TIE_BY = {
    "criterion": ("kriteria", "criterion"),
    "stage": ("nilai tahap", "stage"),
    "field": ("isian", "field"),
}


def _below_text(score: Decimal, threshold: Decimal) -> tuple[str, str]:
    """Why an entry under the pass mark is not given a seat."""
    mark, line = said(score), said(threshold)
    return (f"nilai {mark[0]} di bawah nilai batas lulus {line[0]}",
            f"score {mark[1]} is below the pass mark {line[1]}")


def _seat_text(
    how: str, rank: int, group: str | None, n: int, score: Decimal, cut: Decimal | None
) -> tuple[str, str]:
    """Why an entry was or was not given a seat (``how``: inside, tie, outside)."""
    place, mark = said(rank), said(score)
    if how == "tie":
        return (f"peringkat {place[0]}, nilai {mark[0]} sama dengan kursi terakhir: ikut lolos",
                f"rank {place[1]}, score {mark[1]} ties the last seat: kept together")
    where_id = f" di kelompok{group}" if group is not None else ""
    where_en = f" in group{group}" if group is not None else ""
    seats = f"seat{'s' if n != 1 else ''}"
    count = said(n)
    if how == "inside":
        return (f"peringkat {place[0]}{where_id}, dalam {count[0]} kursi",
                f"rank {place[1]}{where_en}, within the {count[1]} {seats}")
    line = said(cut) if cut is not None else None
    cut_id, cut_en = (f"; batas {line[0]}", f"; cut-off {line[1]}") if line is not None else ("", "")
    return (f"peringkat {place[0]}{where_id}, di luar {count[0]} kursi{cut_id}",
            f"rank {place[1]}{where_en}, outside the {count[1]} {seats}{cut_en}")


def largest_remainder(
    seats: int, sizes: Mapping[Hashable, int], min_each: int = 0
) -> dict[Hashable, int]:
    """Share ``seats`` across groups in proportion to ``sizes`` (Hamilton method).

    Groups whose share is below ``min_each`` are given ``min_each`` (at most their
    size) and the remaining seats are shared again; no group gets more than its size.
    Equal remainders go to the larger group, then to the group that sorts first.
    The seats are never exceeded: when there are too few seats to give every group
    ``min_each``, the larger groups get it first (then the group that sorts first) and
    the others get none.

    >>> largest_remainder(10, {"a": 60, "b": 30, "c": 10})
    {'a': 6, 'b': 3, 'c': 1}
    >>> largest_remainder(2, {"a": 5, "b": 3, "c": 1}, min_each=1)
    {'a': 1, 'b': 1, 'c': 0}
    """
    fixed: dict[Hashable, int] = {}
    seats = min(seats, sum(sizes.values()))
    if sum(min(min_each, n) for n in sizes.values()) > seats:
        out = dict.fromkeys(sizes, 0)
        left = seats
        for g in sorted(sizes, key=lambda g: (-sizes[g], str(g))):
            out[g] = min(min_each, sizes[g], left)
            left -= out[g]
        return out
    while True:
        free = [g for g in sizes if g not in fixed]
        remaining = seats - sum(fixed.values())
        total = sum(sizes[g] for g in free)
        alloc: dict[Hashable, int] = {}
        if free and total > 0 and remaining > 0:
            quotas = {g: Decimal(remaining) * sizes[g] / total for g in free}
            alloc = {g: int(q) for g, q in quotas.items()}
            left = remaining - sum(alloc.values())
            by_rem = sorted(free, key=lambda g: (-(quotas[g] - alloc[g]), -sizes[g], str(g)))
            for g in by_rem[:left]:
                alloc[g] += 1
        else:
            alloc = dict.fromkeys(free, 0)
        changed = False
        for g in free:
            floor = min(min_each, sizes[g])
            if alloc[g] < floor:
                fixed[g] = floor
                changed = True
            elif alloc[g] > sizes[g]:
                fixed[g] = sizes[g]
                changed = True
        if not changed:
            return {g: fixed.get(g, alloc.get(g, 0)) for g in sizes}


@attrs.frozen
class Pick:
    """The outcome of a selection for one entry: chosen or not, and why."""

    chosen: bool
    reason: Label
    group: Hashable = None
    group_rank: int | None = None


def select(
    ordered: Sequence[Entry],
    *,
    top: int | None = None,
    threshold: Decimal | None = None,
    per: bool = False,
    seats: Mapping[str, int] | None = None,
    apportion_min: int | None = None,
    include_ties: bool = False,
) -> dict[str, Pick]:
    """Choose entries from an ordered list (best first).

    :param top: seats overall, or per group with ``per``, or to share with
        ``apportion_min`` (not ``None`` means apportion).
    :param threshold: minimum score to be chosen.
    :param per: group entries by :attr:`Entry.group`.
    :param seats: seats per group value (with ``per``); groups not named get none.
    :param include_ties: keep entries tied with the last seat.
    :return: a :class:`Pick` for every entry.
    """
    return _seats(
        [row_of(e) for e in ordered], _pick_of, top=top, threshold=threshold, per=per, seats=seats,
        apportion_min=apportion_min, include_ties=include_ties)


#: What :func:`_seats` makes of one entry's seat with ``seat(chosen, group, group rank,
#: text, *arguments)``, where ``text(*arguments)`` says why: a :class:`Pick`, or the
#: reason a stage keeps (:data:`~.decisions.Later`).
SeatT = TypeVar("SeatT")


def _seat_reason(chosen: bool, text: Callable[..., tuple[str, str]], *args: Any) -> Reason:
    """Whether an entry was given a seat, and why, as a reason (its text written when read)."""
    return Reason("advance", "selection", chosen, LazyLabel(text, *args))


def _pick_of(
    chosen: bool, group: Hashable, group_rank: int | None, text: Callable[..., tuple[str, str]], *args: Any
) -> Pick:
    return Pick(chosen, LazyLabel(text, *args), group, group_rank)


def _seats(
    ordered: Sequence[Row],
    seat: Callable[..., SeatT],
    *,
    top: int | None,
    threshold: Decimal | None,
    per: bool,
    seats: Mapping[str, int] | None,
    apportion_min: int | None,
    include_ties: bool,
) -> dict[str, SeatT]:
    """:func:`select`, each entry's outcome made by ``seat`` (:data:`SeatT`)."""
    picks: dict[str, SeatT] = {}
    candidates: list[Row] = []
    for e in ordered:
        if threshold is not None and e[1] < threshold:
            picks[e[0]] = seat(False, e[3], None, _below_text, e[1], threshold)
        else:
            candidates.append(e)
    grouped = per or seats is not None or apportion_min is not None
    groups: dict[Hashable, list[Row]] = {}
    for e in candidates:
        groups.setdefault(e[3] if grouped else None, []).append(e)
    if apportion_min is not None:
        alloc = largest_remainder(top or 0, {g: len(v) for g, v in groups.items()}, apportion_min)
    elif seats is not None:
        alloc = {g: int(seats.get(str(g), 0)) for g in groups}
    else:
        alloc = {g: (top if top is not None else len(v)) for g, v in groups.items()}
    for g, members in groups.items():
        n = alloc.get(g, 0)
        gname = None if g is None else f" {g}"
        cut = members[n - 1][1] if 0 < n <= len(members) else None
        for rank, e in enumerate(members, 1):
            inside = rank <= n
            tie_in = (not inside) and include_ties and cut is not None and e[1] == cut
            how = "inside" if inside else "tie" if tie_in else "outside"
            picks[e[0]] = seat(inside or tie_in, g, rank, _seat_text, how, rank, gname, n, e[1], cut)
    return picks


# ---------------------------------------------------------------------------------------
# A scored stage's ranking and selection
# ---------------------------------------------------------------------------------------


def _tie_getters(
    ctx: Context, stage: m.Stage, decisions: Decisions,
    criteria: Mapping[str, Mapping[str, Decimal]], earlier: Mapping[str, StageDecisions],
) -> list[Callable[[str], Any]]:
    """Per tie-break link, the function that gives an entry's value (``None`` when
    missing): a criterion's score at this stage or an earlier one, an earlier stage's
    score, this stage's own aggregate (before combining and adjustments), a field."""
    out: list[Callable[[str], Any]] = []
    records = ctx.records
    for tb in stage.tie_break:
        get: Callable[[str], Any]
        if tb.by == "criterion":
            rows = criteria if tb.stage in (None, stage.id) else (
                earlier[tb.stage].criteria if tb.stage in earlier else {})

            def criterion(
                sid: str, ref: str = tb.ref, rows: Mapping[str, Mapping[str, Decimal]] = rows
            ) -> Any:
                row = rows.get(sid)
                return None if row is None else row.get(ref)

            get = criterion
            if isinstance(rows, CriteriaTable):  # read from the stage's table, no row made
                get = rows.column(tb.ref)
        elif tb.by == "stage" and tb.ref == stage.id:

            def own(sid: str, positions: Mapping[str, int] = decisions.positions,
                    base: Sequence[Decimal | None] = decisions.base_score) -> Any:
                k = positions.get(sid)
                return None if k is None else base[k]

            get = own
        elif tb.by == "stage":
            get = (earlier[tb.ref].scores if tb.ref in earlier else {}).get
        else:

            def field(sid: str, ref: str = tb.ref) -> Any:
                x = records[sid].get(ref)
                if isinstance(x, datetime.date):  # a date, or a time with its zone
                    return Registration(x)
                return None if x is MISSING else x

            get = field
        out.append(get)
    return out


def _link_label(stage: m.Stage, tb: m.TieBreak) -> str | tuple[str, str]:
    """How a tie line names a link: ``criterion dampak``, ``stage proposal``; a link
    whose plain name would mislead says more, in both languages."""
    if tb.by == "stage" and tb.ref == stage.id:
        return (f"nilai juri tahap {tb.ref} sebelum digabung",
                f"stage {tb.ref}'s judges' score before combining")
    if tb.by == "criterion" and tb.stage not in (None, stage.id):
        return (f"kriteria {tb.ref} di tahap {tb.stage}", f"criterion {tb.ref} at stage {tb.stage}")
    return f"{tb.by} {tb.ref}"


def rank_entries(
    ctx: Context, stage: m.Stage, alive: Sequence[str], decisions: Decisions,
    criteria: Mapping[str, Mapping[str, Decimal]], earlier: Mapping[str, StageDecisions], legend: Legend,
) -> list[Row]:
    """Order a stage's scored entries (those of ``alive``, the entries of ``decisions``
    in their order, with a final score), best first: each decision gets its rank, and
    the reason its place among tied entries is what it is.

    :param legend: the stage's legend, which the ties' reasons are written with.
    :return: the ranking, best first.
    """
    adv = stage.advance
    group_path = None
    if adv is not None:
        group_path = adv.apportion.by if adv.apportion is not None else adv.per
    scores = decisions.score
    # the rows made a field at a time (zip makes each row's tuple)
    places = [k for k, score in enumerate(scores) if score is not None]
    ids = [alive[k] for k in places]
    groups: list[str | None] = [None] * len(ids)
    if group_path is not None:
        records = ctx.records
        values = [records[sid].get(group_path) for sid in ids]
        groups = ["—" if v is MISSING else str(v) for v in values]  # (the missing: a group of their own)
        for k, v in zip(places, values, strict=True):
            if v is MISSING:
                decisions.reasons[k] += (Reason(
                    "advance.group", "finding", None,
                    Label(f"data tidak ada: {group_path}; bersaing dalam kelompok —",
                          f"data missing: {group_path}; competes in the group —"),
                    missing=(group_path,)),)
    ties = _tie_getters(ctx, stage, decisions, criteria, earlier) if stage.tie_break else []
    entries: list[Row] = list(zip(
        ids, [scores[k] for k in places], map(ctx.tickets.__getitem__, ids), groups, places,
        *[list(map(get, ids)) for get in ties], strict=True))
    # each group of tied entries once, and the links by number: an entry's reason then
    # holds no tuple, which the collector stops tracking at once
    tied_groups: list[tuple[str, ...]] = []

    def later(score: Decimal, own: str, ids: tuple[str, ...], link: int | None, value: Any) -> tuple[Any, ...]:
        if not tied_groups or tied_groups[-1] is not ids:  # (a group's entries come one after another)
            tied_groups.append(ids)
        return (score, own, len(tied_groups) - 1, link, value)

    links = range(len(stage.tie_break))
    try:
        ordered, tied = _order(entries, [tb.order for tb in stage.tie_break], links, later)
    except _Incomparable as exc:
        raise EvaluationError([_incomparable(ctx, stage, exc)]) from None
    kind = legend.kind(_tie_reason, tuple(tied_groups), tuple([_link_label(stage, tb) for tb in stage.tie_break]))
    ranks, reasons = decisions.rank, decisions.reasons
    tie_at: list[tuple[Any, ...] | None] = [None] * len(ranks)
    for rank, (e, tie) in enumerate(zip(ordered, tied, strict=True), 1):
        ranks[e[_PLACE]] = rank
        tie_at[e[_PLACE]] = tie
    # the reasons in the columns' order, not the ranking's: at 100,000 entries a pass
    # in rank order reads them all over memory
    for k, tie in enumerate(tie_at):
        if tie is not None:
            reasons[k] += ((kind, None, *tie),)  # written when read
    return ordered


def _incomparable(ctx: Context, stage: m.Stage, exc: _Incomparable) -> Problem:
    """The problem of a tie-break field whose values cannot be put in order."""
    path = stage.tie_break[exc.link].ref
    order = {s.id: k for k, s in enumerate(ctx.edition.submissions)}
    a, b = sorted((ctx.records[exc.a[0]], ctx.records[exc.b[0]]), key=lambda r: order[r.id])
    id_, en = (f"{a.id} = {_value_text(a.get(path), lang)}; {b.id} = {_value_text(b.get(path), lang)}"
               for lang in (0, 1))
    where = ctx.edition.submission_by_id()[b.id].origin
    link = exc.link + 1
    return Problem(
        f"tahap {stage.id}: nilai isian {path} tidak dapat dibandingkan satu sama lain untuk "
        f"memecah nilai sama (penentu seri ke-{link}: {id_}) / stage {stage.id}: the values of "
        f"field {path} cannot be compared with each other to break ties (tie-break link {link}: {en})",
        # located at the cell of the entry listed later, as the reader locates a cell:
        # the column of a table, or the record's place in a JSON edition
        file=where.file if where is not None else None,
        row=where.row if where is not None else None,
        path=f"{where.path}.{path}" if where is not None and where.row is None and where.path else path,
        hint=(f"isi {path} dengan nilai sejenis di setiap pengajuan (semua angka, semua teks, atau "
              f"semua tanggal) / give {path} values of one kind in every submission (all numbers, "
              "all texts or all dates)"),
        rule="tie_break",
    )


def _value_text(value: Any, lang: int) -> str:
    """``value`` as the text of a problem says it: numbers and dates in the form of
    language ``lang`` (0 Indonesian, 1 English), a list in brackets."""
    if type(value) is tuple:
        return "[" + ", ".join([_value_text(v, lang) for v in value]) + "]"
    if isinstance(value, (Decimal, int, datetime.date)) and not isinstance(value, bool):
        return said(value)[lang]
    return str(value)


def choose(
    ctx: Context, stage: m.Stage, alive: Sequence[str], decisions: Decisions,
    ordered: Sequence[Row], legend: Legend,
) -> list[str]:
    """Choose who advances from a stage's ranking (the stage's ``advance``, or a
    plugin's ``inovasi_rules_select``): each decision gets the reason for its seat.

    :param legend: the stage's legend, which the seats' reasons are written with.

    :return: the entries that advance, in id order.
    """
    plugin_pick = None if "inovasi_rules_select" not in ctx.hooked else call_first(
        ctx.pm, "inovasi_rules_select",
        check=lambda v: isinstance(v, (list, tuple, set, frozenset)) and all(isinstance(x, str) for x in v),
        expected="a list of submission ids",
        ruleset=ctx.ruleset, stage=stage, ranked=[entry_of(e) for e in ordered],
    )
    if plugin_pick is not None:
        name, ids = plugin_pick
        chosen = set(ids)
        unknown = sorted(chosen - {e[0] for e in ordered})
        if unknown:
            raise PluginError(
                f"plugin {name!r} memilih pengajuan yang tidak bersaing di tahap {stage.id} / "
                f"plugin {name!r} selected submissions not competing at stage {stage.id} in hook "
                f"inovasi_rules_select: {', '.join(unknown[:5])}",
                plugin=name, hook="inovasi_rules_select")
        by_plugin = legend.kind(_plugin_seat_reason, name)
        seats: Mapping[str, Later] = {e[0]: (by_plugin, e[0] in chosen) for e in ordered}
    else:
        # the reason of a seat shares its text's maker with every seat of that text
        kinds: dict[Callable[..., tuple[str, str]], int] = {}

        def later(chosen: bool, group: Hashable, group_rank: int | None, text: Callable[..., tuple[str, str]],
                  *args: Any) -> Later:
            kind = kinds.get(text)
            if kind is None:
                kind = kinds[text] = legend.kind(_seat_reason, text)
            return (kind, chosen, *args)

        seats = _seats_for(ctx, stage.advance, ordered, later)
    keep: set[str] = set()
    reasons, status = decisions.reasons, decisions.status
    # in the columns' order, not the ranking's: at 100,000 entries a pass in rank order
    # reads the columns all over memory, and takes several times as long
    for sid, k in decisions.positions.items():
        seat = seats.get(sid)
        if seat is None:
            continue
        reasons[k] += (seat,)  # written when read
        if seat[1]:
            keep.add(sid)
        else:
            status[k] = "not_advanced"
    return [sid for sid in alive if sid in keep]


def _plugin_seat_reason(chosen: bool, plugin: str) -> Reason:
    """Whether a plugin gave an entry a seat, as a reason."""
    return Reason("advance", "selection", chosen, Label(
        f"{'dipilih' if chosen else 'tidak dipilih'} oleh plugin {plugin}",
        f"{'chosen' if chosen else 'not chosen'} by plugin {plugin}"), plugin=plugin)


def pick(ctx: Context, sel: m.Selection | None, ordered: Sequence[Row]) -> dict[str, Pick]:
    """:func:`select` as a ruleset's ``advance`` or award ``rank`` says (every entry,
    without one)."""
    return _seats_for(ctx, sel, ordered, _pick_of)


def _unlimited_text() -> tuple[str, str]:
    return "lolos (tanpa batas jumlah)", "passed (no limit on numbers)"


def _seats_for(
    ctx: Context, sel: m.Selection | None, ordered: Sequence[Row], seat: Callable[..., SeatT]
) -> dict[str, SeatT]:
    """:func:`pick`, each entry's outcome made by ``seat`` (:data:`SeatT`)."""
    if sel is None:
        return {e[0]: seat(True, None, None, _unlimited_text) for e in ordered}
    p = ctx.params
    return _seats(
        ordered,
        seat,
        top=integer(sel.top, p) if sel.top is not None else None,
        threshold=number(sel.threshold, p) if sel.threshold is not None else None,
        per=sel.per is not None,
        seats={k: integer(v, p) for k, v in sel.seats.items()} if sel.seats is not None else None,
        apportion_min=sel.apportion.min_each if sel.apportion is not None else None,
        include_ties=sel.ties == "include_all",
    )
