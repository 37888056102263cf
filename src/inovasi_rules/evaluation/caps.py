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

from .. import model as m
from ..conditions import Outcome
from ..edition import MISSING
from ..edition.instants import registration_key, registration_words
from ..messages import said
from ..model import Label, LazyLabel
from ..result import Reason
from .decisions import (
    Decision,
    Legend,
    filled,
    has_placeholders,
    missing_label,
    record_check,
    spoken,
)
from .scoring import integer

if TYPE_CHECKING:
    from .context import Context

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
    named = ", ".join(kept[:_NAMED])
    more = said(len(kept) - _NAMED)
    more_id = f" dan {more[0]} lainnya" if len(kept) > _NAMED else ""
    more_en = f" and {more[1]} more" if len(kept) > _NAMED else ""
    order_id, order_en = (_TIMED_ORDERS if registered is not None else _ORDERS)[keep]
    count, most, place = said(len(members)), said(limit), said(number)
    shown = [", ".join([spoken(v, lang_en) for v in values]) for lang_en in (False, True)]
    idn = (f"{per} = {shown[0]}: {count[0]} pengajuan, paling banyak {most[0]}, diurutkan menurut "
           f"{order_id}; diterima: {named}{more_id}; pengajuan ini urutan ke-{place[0]}")
    en = (f"{per} = {shown[1]}: {count[1]} entries, at most {most[1]}, ordered by {order_en}; "
          f"kept: {named}{more_en}; this entry is number {place[1]}")
    if registered is not None:
        when_id, when_en = registration_words(registered)
        idn, en = f"{idn} (terdaftar {when_id})", f"{en} (registered {when_en})"
    if no_date:
        return (f"{idn} (tanggal pendaftaran tidak ada, diurutkan terakhir)",
                f"{en} (no registration date, ordered last)")
    return idn, en


def apply_cap(
    ctx: Context, rule: m.Eligibility, passing: Sequence[str], decisions: Mapping[str, Decision], legend: Legend,
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
    # each group once: its values and its members in order; an entry's reason names its
    # group by number (a tuple holding no tuple, which the collector stops tracking at
    # once)
    table: list[tuple[tuple[Any, ...], tuple[str, ...]]] = []
    for listed in groups.values():
        if isinstance(listed, str):
            members: tuple[str, ...] = (listed,)
        else:
            listed.sort(key=order_key)
            members = tuple(listed)
        table.append((tuple([records[members[0]].get(p) for p in per_paths]), members))
    # what every entry's reason shares, once; each entry keeps only its own place
    shared = (rule.id, per, limit, cap.keep, tuple(table))
    kind = legend.kind(_cap_reason, *shared, message) if message is not None else legend.kind(_cap_reason, *shared)
    for g, (_, members) in enumerate(table):
        # a group where some registration has a time says so, and gives each entry's
        timed = dated and any(isinstance(records[s].registered, datetime.datetime) for s in members)
        for i, sid in enumerate(members):
            rec = records[sid]
            reg = rec.registered
            # (no date: ordered last for want of one, and the text says so)
            kept = i < limit
            own = (g, i + 1, dated and reg is None, reg if timed else None)
            decisions[sid].add(
                (kind, kept, *own) if message is not None else (kind, kept, filled(rule.message, rec, ctx.params), *own))
            if not kept:
                failed.add(sid)
    for sid in failed:
        decisions[sid].status = "ineligible"
    return [sid for sid in passing if sid not in failed]


def _cap_reason(
    kept: bool, rule: str, per: str, limit: int, keep: str, table: Sequence[tuple[Sequence[Any], Sequence[str]]],
    message: Label, group: int, number: int, no_date: bool, registered: datetime.date | None,
) -> Reason:
    """The reason an entry is kept or turned down by a cap (its detail written when
    read): ``table`` lists each group's values and members, ``group`` numbers its own."""
    values, members = table[group]
    return Reason(rule, "eligibility", kept, message,
                  LazyLabel(_cap_text, per, values, members, limit, number, keep, no_date, registered))
