"""Caps per group at a screening stage: at most ``max`` entries per value of the
``per`` fields; ``keep`` says which stay (``earliest_registered``, by registration
time then id; ``latest_registered``; ``listed_order``, the order of the input).

Only entries that pass every other eligibility rule of the stage (and the plugins'
findings) are counted, wherever the cap is listed: an entry refused for its status or
its age takes no place under the cap. Several caps apply in the order listed, each
counting the entries the ones before kept. Registrations are
ordered as :mod:`inovasi_rules.edition.instants` says: by the day in WIB, within a day
a time before a date alone, then the instant; the same instant, or the same day
without a time, by submission id.

.. code-block:: yaml

    eligibility:
      - id: per-agency
        cap: {per: participant.agency, max: 3, keep: earliest_registered}
        message: {id: "Paling banyak 3 per instansi", en: "At most 3 per agency"}
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..edition import MISSING
from ..edition.instants import registration_key, registration_words
from ..messages import said
from ..result import Reason
from ..ruleset import model as m
from ..ruleset.conditions import Outcome
from ..ruleset.model import Label, LazyLabel
from .decisions import (
    Decisions,
    Legend,
    filled,
    has_placeholders,
    missing_label,
    record_check,
    spoken,
)
from .scoring import integer

if TYPE_CHECKING:
    from .context import Context, Entrant

__all__ = ["apply_cap"]


#: How a cap orders its group, in words: (Indonesian, English).
_ORDERS = {
    "earliest_registered": ("tanggal pendaftaran, paling awal dulu (tanggal sama: menurut kode)",
                            "registration date, earliest first (same date: by id)"),
    "latest_registered": ("tanggal pendaftaran, paling akhir dulu (tanggal sama: menurut kode)",
                          "registration date, latest first (same date: by id)"),
    "listed_order": ("urutan dalam data", "the order of the input"),
}
#: The same, for a group where some registrations have a time.
_TIMED_ORDERS = {
    "earliest_registered": (
        "waktu pendaftaran, paling awal dulu (waktu sama: menurut kode; tanggal tanpa jam: "
        "setelah semua jam pada hari itu)",
        "registration time, earliest first (same instant: by id; a date without a time: "
        "after every time that day)"),
    "latest_registered": (
        "waktu pendaftaran, paling akhir dulu (waktu sama: menurut kode; tanggal tanpa jam: "
        "sebelum semua jam pada hari itu)",
        "registration time, latest first (same instant: by id; a date without a time: "
        "before every time that day)"),
}
#: At most this many kept entries are named in one explanation.
_NAMED = 10


def _cap_text(
    per: str, values: Sequence[Any], members: Sequence[str], limit: int, number: int, keep: str,
    no_date: bool, registered: datetime.date | None = None,
) -> tuple[str, str]:
    """The text of one entry's place under a cap: the order used, the entries kept and
    where this one stood (with its registration, when the group's order uses times)."""
    kept = members[:limit]
    named_id = named_en = ", ".join(kept[:_NAMED])
    if not kept:  # (a cap of 0)
        named_id, named_en = "tidak ada", "none"
    more = said(len(kept) - _NAMED)
    more_id = f" dan {more[0]} lainnya" if len(kept) > _NAMED else ""
    more_en = f" and {more[1]} more" if len(kept) > _NAMED else ""
    order_id, order_en = (_TIMED_ORDERS if registered is not None else _ORDERS)[keep]
    count, most, place = said(len(members)), said(limit), said(number)
    shown = [", ".join([spoken(v, lang_en) for v in values]) for lang_en in (False, True)]
    idn = (f"{per} = {shown[0]}: {count[0]} pengajuan, paling banyak {most[0]}, diurutkan menurut "
           f"{order_id}; diterima: {named_id}{more_id}; pengajuan ini urutan ke-{place[0]}")
    entries = "entry" if len(members) == 1 else "entries"
    en = (f"{per} = {shown[1]}: {count[1]} {entries}, at most {most[1]}, ordered by {order_en}; "
          f"kept: {named_en}{more_en}; this entry is number {place[1]}")
    if registered is not None:
        when_id, when_en = registration_words(registered)
        idn, en = f"{idn} (terdaftar {when_id})", f"{en} (registered {when_en})"
    if no_date:
        return (f"{idn} (tanggal pendaftaran tidak ada, diurutkan terakhir)",
                f"{en} (no registration date, ordered last)")
    return idn, en


def apply_cap(
    ctx: Context, rule: m.Eligibility, passing: Sequence[str], decisions: Decisions, legend: Legend,
) -> list[str]:
    """The entries of ``passing`` that stay under the cap of ``rule``; the others are
    ineligible, and every capped entry's reason gives its place in its group.

    :param legend: the stage's legend (:class:`~.decisions.Legend`), which the capped
        entries' reasons are written with."""
    cap = rule.cap
    assert cap is not None
    limit = integer(cap.max, ctx.params)
    where = ctx.conditions.cap_where.get(rule.id)
    index = {s.id: i for i, s in enumerate(ctx.edition.submissions)} if cap.keep == "listed_order" else {}
    # casefolded key (the value itself, for a cap per one field) -> the member, or
    # the members of a group of several
    groups: dict[Any, str | list[str]] = {}
    failed: set[str] = set()
    records, per_paths = ctx.records, cap.per
    one = per_paths[0] if len(per_paths) == 1 else None
    for sid in passing:
        rec = records[sid]
        if where is not None:
            o = where(rec)
            if o.value is False:
                continue
            if o.value is None:
                record_check(rule, o, rec, decisions[sid], ctx.params)
                failed.add(sid)
                continue
        if one is not None:  # (no tuple per entry: most caps group by one field)
            value = rec.get(one)
            folded: Any = value if value is MISSING else str(value).casefold()
        else:
            folded = tuple([MISSING if (v := rec.get(p)) is MISSING else str(v).casefold() for p in per_paths])
        if folded is MISSING or (one is None and MISSING in folded):
            missing = tuple(p for p in per_paths if rec.get(p) is MISSING)
            record_check(rule, Outcome(None, missing_label(missing), missing), rec, decisions[sid], ctx.params)
            failed.add(sid)
            continue
        # (a group of one holds its id alone: most caps' groups have one entry, and
        # a list each would be one more object for the collector to walk)
        group = groups.get(folded)
        if group is None:
            groups[folded] = sid
        elif isinstance(group, str):
            groups[folded] = [group, sid]
        else:
            group.append(sid)

    def order_key(sid: str) -> tuple[Any, ...]:
        reg = records[sid].registered
        if cap.keep == "listed_order":
            return (index[sid], sid)
        # Same instant (or same day without a time): the id decides, never the input
        # order (the same result in any order).
        key = registration_key(reg) if reg is not None else (0, 0, 0)
        if cap.keep == "latest_registered":
            return (reg is None, -key[0], -key[1], -key[2], sid)
        return (reg is None, *key, sid)

    per = ", ".join(cap.per)
    message = rule.message if not has_placeholders(rule.message) else None
    dated = cap.keep != "listed_order"
    # each group once, its members in order (a group of one: its id alone, a text the
    # collector does not walk); an entry's reason names its group by number, and the
    # group's values are read from its first member when the text is written
    table: list[str | tuple[str, ...]] = []
    for listed in groups.values():
        if isinstance(listed, str):
            table.append(listed)
        else:
            listed.sort(key=order_key)
            table.append(tuple(listed))
    # what every entry's reason shares, once; each entry keeps only its own place
    shared = (rule.id, per, limit, cap.keep, tuple(table), records, per_paths)
    kind = legend.kind(_cap_reason, *shared, message) if message is not None else legend.kind(_cap_reason, *shared)
    positions, reasons = decisions.positions, decisions.reasons
    for g, members in enumerate(table):
        # a group where some registration has a time says so, and gives each entry's time
        if isinstance(members, str):  # (kept, unless the cap is 0)
            reg = records[members].registered
            timed = dated and isinstance(reg, datetime.datetime)
            _give(reasons, positions[members], kind, limit > 0, g, 1, dated and reg is None, reg if timed else None,
                  message, rule, records[members], ctx.params)
            if limit < 1:
                failed.add(members)
            continue
        regs = [records[sid].registered for sid in members]
        timed = dated and any(isinstance(reg, datetime.datetime) for reg in regs)
        for i, (sid, reg) in enumerate(zip(members, regs, strict=True)):
            # (no date: ordered last for want of one, and the text says so)
            kept = i < limit
            _give(reasons, positions[sid], kind, kept, g, i + 1, dated and reg is None, reg if timed else None,
                  message, rule, records[sid], ctx.params)
            if not kept:
                failed.add(sid)
    for sid in failed:
        decisions.status[positions[sid]] = "ineligible"
    return [sid for sid in passing if sid not in failed]


def _give(
    reasons: list[tuple[Any, ...]], k: int, kind: int, kept: bool, group: int, number: int, no_date: bool,
    registered: datetime.date | None, message: Label | None, rule: m.Eligibility, rec: Entrant,
    params: Mapping[str, Any],
) -> None:
    """Give the entry at place ``k`` its reason under a cap (written when read)."""
    if message is not None:
        reasons[k] += ((kind, kept, group, number, no_date, registered),)
    else:
        reasons[k] += ((kind, kept, filled(rule.message, rec, params), group, number, no_date, registered),)


def _cap_reason(
    kept: bool, rule: str, per: str, limit: int, keep: str, table: Sequence[str | tuple[str, ...]],
    records: Mapping[str, Entrant], paths: Sequence[str], message: Label, group: int, number: int, no_date: bool,
    registered: datetime.date | None,
) -> Reason:
    """The reason an entry is kept or turned down by a cap (its detail written when
    read): ``table`` lists each group's members (one member: its id), ``group`` numbers
    its own, whose values at ``paths`` are its first member's."""
    listed = table[group]
    members = (listed,) if isinstance(listed, str) else listed
    values = tuple([records[members[0]].get(p) for p in paths])
    return Reason(rule, "eligibility", kept, message,
                  LazyLabel(_cap_text, per, values, members, limit, number, keep, no_date, registered))
