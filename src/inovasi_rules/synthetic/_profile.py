"""What the synthetic generator learns from a ruleset: who may enter, the fields the
eligibility rules read and the values that pass them."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from ..edition import SUBMISSION_FIELDS
from ..ruleset import model as m
from ..ruleset.conditions import CompiledCondition, ConditionError, compile_condition
from ..ruleset.model import Ruleset
from ._tables import _PROVINCE, _WINDOW_DAYS, PROVINCES


@attrs.frozen
class _ExtraRule:
    """A comparison an eligibility rule makes on an extra field."""

    path: str
    op: str
    value: Any
    positive: bool
    where: CompiledCondition | None


@attrs.define
class _Profile:
    """The facts about a ruleset the generator needs."""

    kinds: tuple[str, ...]
    allowed_kinds: tuple[str, ...] | None
    statuses: tuple[str, ...] | None
    provinces: tuple[str, ...] | None
    region: str | None
    region_province: str | None
    categories: tuple[str, ...]
    category_lookup: tuple[str, str, Any] | None
    category_rule: bool
    groups: tuple[str, ...]
    min_years: Decimal | None
    max_years: Decimal | None
    registered_rule: bool
    awards_rule: bool
    extras: dict[str, list[_ExtraRule]]
    soft_extras: tuple[str, ...]
    title_cap: bool
    reference: datetime.date
    opens: datetime.date
    wave_of: dict[str, m.Wave]
    has_rules: bool


def _walk(cond: m.Condition | None, positive: bool = True) -> Iterator[tuple[m.Compare, bool]]:
    if cond is None:
        return
    if isinstance(cond, m.Compare):
        yield cond, positive
    elif isinstance(cond, (m.AllOf, m.AnyOf)):
        for c in cond.conditions:
            yield from _walk(c, positive)
    elif isinstance(cond, m.Not):
        yield from _walk(cond.condition, not positive)


def _resolve(value: Any, params: Mapping[str, Any]) -> Any:
    if isinstance(value, m.Param):
        return params.get(value.name)
    return value


def _years(value: Any, unit: str) -> Decimal | None:
    try:
        n = Decimal(str(value))
    except ArithmeticError:
        return None
    return {"years": n, "months": n / 12, "days": n / 365}[unit]


def _compile(cond: m.Condition | None, params: Mapping[str, Any]) -> CompiledCondition | None:
    if cond is None:
        return None
    try:
        return compile_condition(cond, params)
    except ConditionError:
        return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _analyse(rs: Ruleset, year: int | None) -> _Profile:
    params = dict(rs.parameters)
    core = set(SUBMISSION_FIELDS)
    derived = {"wave", "wave.name", "wave.opens", "wave.closes"} if rs.waves else set()
    allowed_kinds: tuple[str, ...] | None = None
    statuses: tuple[str, ...] | None = None
    provinces: tuple[str, ...] | None = None
    category_lookup: tuple[str, str, Any] | None = None
    category_rule = False
    min_years: Decimal | None = None
    max_years: Decimal | None = None
    registered_rule = awards_rule = title_cap = False
    extras: dict[str, list[_ExtraRule]] = {}
    soft: set[str] = set()
    as_of_dates: list[datetime.date] = []

    for e in rs.eligibility:
        if e.cap is not None:
            if "title" in e.cap.per:
                title_cap = True
            for cmp, _pos in _walk(e.cap.where):
                if isinstance(cmp.subject, m.Field) and cmp.subject.path not in core | derived:
                    soft.add(cmp.subject.path)
        where = _compile(e.where, params)
        for cmp, _pos in _walk(e.where):
            if isinstance(cmp.subject, m.Field) and cmp.subject.path not in core | derived:
                soft.add(cmp.subject.path)
        for cmp, pos in _walk(e.when):
            subj = cmp.subject
            value = _resolve(cmp.value, params)
            if isinstance(subj, m.Since):
                as_of = _resolve(subj.as_of, params)
                if isinstance(as_of, datetime.date):
                    as_of_dates.append(as_of)
                years = _years(value, subj.unit) if value is not None else None
                if years is None:
                    continue
                if (cmp.op in ("at_least", "greater_than")) == pos:
                    min_years = years if min_years is None else max(min_years, years)
                elif cmp.op in ("at_most", "less_than"):
                    max_years = years if max_years is None else min(max_years, years)
                continue
            if isinstance(subj, m.Count):
                if subj.path == "innovation.previous_awards":
                    awards_rule = True
                continue
            if not isinstance(subj, m.Field):
                continue
            path = subj.path
            listed = tuple(str(v) for v in value) if isinstance(value, (list, tuple)) else None
            if path == "participant.kind" and pos and cmp.op in ("in", "equals"):
                allowed_kinds = listed or (str(value),)
            elif path == "innovation.status" and pos and cmp.op in ("in", "equals"):
                statuses = listed or (str(value),)
            elif path == "participant.province" and pos and cmp.op in ("in", "equals"):
                provinces = listed or (str(value),)
            elif path == "category":
                category_rule = True
                if isinstance(cmp.value, m.Lookup):
                    lk = cmp.value
                    category_lookup = (lk.table, lk.key, _resolve(lk.default, params))
            elif path == "registered":
                registered_rule = True
            elif path == "innovation.previous_awards":
                awards_rule = True
            elif path not in core and path not in derived:
                extras.setdefault(path, []).append(_ExtraRule(path, cmp.op or "", value, pos, where))
    for s in rs.stages:
        for a in s.adjustments:
            for cmp, _pos in _walk(a.when):
                if isinstance(cmp.subject, m.Field) and cmp.subject.path not in core | derived:
                    soft.add(cmp.subject.path)
    for award in rs.awards:
        for cmp, _pos in _walk(award.where):
            if isinstance(cmp.subject, m.Field) and cmp.subject.path not in core | derived:
                soft.add(cmp.subject.path)

    kinds = tuple(k.id for k in rs.participant_kinds) or allowed_kinds or ("perangkat_daerah",)
    if allowed_kinds is not None and any(k in allowed_kinds for k in kinds):
        kinds = tuple(k for k in kinds if k in allowed_kinds)
    if rs.waves:
        regions = tuple(r for w in rs.waves for r in w.regions)
        provinces = tuple(p for p in (provinces or regions) if p in regions) or regions

    # Which region a provincial or regional ruleset belongs to: a province or regency
    # named in its id (kovablik-jatim, kipp-sukoharjo-2023); otherwise Central Java.
    tokens = set(rs.id.lower().split("-"))
    region_province: str | None = None
    region: str | None = None
    if rs.level in ("regency", "city", "province"):
        region_province = next((p[0] for p in PROVINCES if p[0] in tokens), None)
        for p in PROVINCES:
            for name in (*p[3], *p[4]):
                if _slug(name) in tokens:
                    region, region_province = _slug(name), region_province or p[0]
                    break
            if region:
                break
        if region_province is None:
            region_province = "jateng"
        if rs.level in ("regency", "city") and region is None:
            region = "sukoharjo" if region_province == "jateng" else _slug(_PROVINCE[region_province][3][0])

    categories = tuple(c.id for c in rs.categories)
    if not categories and category_lookup is not None:
        default = category_lookup[2]
        categories = tuple(str(v) for v in default) if isinstance(default, (list, tuple)) else ()

    closes = params.get("registration_closes")
    if not isinstance(closes, datetime.date):
        wave_closes = [w.closes for w in rs.waves if w.closes]
        closes = max(wave_closes) if wave_closes else (max(as_of_dates) if as_of_dates else None)
    if not isinstance(closes, datetime.date):
        closes = datetime.date(year or rs.year or 2023, 6, 30)
    wave_of = {r.casefold(): w for w in rs.waves for r in w.regions}
    has_rules = bool(rs.eligibility)
    return _Profile(
        kinds=kinds,
        allowed_kinds=allowed_kinds,
        statuses=statuses,
        provinces=provinces,
        region=region,
        region_province=region_province,
        categories=categories,
        category_lookup=category_lookup,
        category_rule=category_rule,
        groups=tuple(g.id for g in rs.groups),
        min_years=min_years,
        max_years=max_years,
        registered_rule=registered_rule,
        awards_rule=awards_rule,
        extras=extras,
        soft_extras=tuple(sorted(soft - set(extras))),
        title_cap=title_cap,
        reference=closes,
        opens=closes - datetime.timedelta(days=_WINDOW_DAYS),
        wave_of=wave_of,
        has_rules=has_rules,
    )
