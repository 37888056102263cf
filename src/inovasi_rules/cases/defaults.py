"""Values for the fields a case does not write, chosen to meet every eligibility rule."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from ..edition import MISSING
from ..ruleset import model as m
from ..ruleset.model import Label, Ruleset
from .load import flatten


def _shift(date: datetime.date, years: int = 0, months: int = 0, days: int = 0) -> datetime.date:
    """``date`` moved back by whole years, months and days (the 31st becomes the last
    day of a shorter month)."""
    total = date.year * 12 + date.month - 1 - years * 12 - months
    y, mo = divmod(total, 12)
    day = date.day
    while True:
        try:
            out = datetime.date(y, mo + 1, day)
            break
        except ValueError:
            day -= 1
    return out - datetime.timedelta(days=days)


class Defaults:
    """Fills the fields a case did not write with values that meet the eligibility
    rules, as far as a rule says plainly what it wants."""

    def __init__(self, ruleset: Ruleset) -> None:
        self.rs = ruleset
        self.params = ruleset.parameters
        self.waves = {w.id: w for w in ruleset.waves}
        self.wave_of = {r.casefold(): w for w in ruleset.waves for r in w.regions}

    def value(self, path: str, rec: Mapping[str, Any]) -> Any:
        if path in rec:
            v = rec[path]
            return MISSING if v is None else v
        if path.startswith("wave"):
            w = self.waves.get(str(rec.get("wave"))) if rec.get("wave") else None
            if w is None:
                key = rec.get(self.rs.wave_by)
                w = self.wave_of.get(str(key).casefold()) if key is not None else None
            if w is None:
                return MISSING
            return {"wave": w.id, "wave.opens": w.opens, "wave.closes": w.closes,
                    "wave.name": w.name or Label(w.id)}.get(path, MISSING) or MISSING
        return MISSING

    def operand(self, v: Any, rec: Mapping[str, Any]) -> Any:
        if isinstance(v, m.Param):
            return self.params.get(v.name, MISSING)
        if isinstance(v, m.Field):
            return self.value(v.path, rec)
        if isinstance(v, m.Lookup):
            table = self.params.get(v.table)
            key = self.value(v.key, rec)
            if isinstance(table, Mapping) and key is not MISSING and key in table:
                return table[key]
            return self.operand(v.default, rec) if v.default is not None else MISSING
        return v

    def parts(self, cond: m.Condition | None) -> Iterator[m.Compare]:
        if isinstance(cond, m.Compare):
            yield cond
        elif isinstance(cond, m.AllOf):
            for c in cond.conditions:
                yield from self.parts(c)

    def fill_rules(self, rec: dict[str, Any]) -> None:
        ages: dict[str, datetime.date] = {}
        for rule in self.rs.eligibility:
            for c in self.parts(rule.when):
                if isinstance(c.subject, m.Since) and c.op in ("at_least", "greater_than"):
                    self.age(c, rec, ages)
                    continue
                if not isinstance(c.subject, m.Field) or c.subject.path in rec or c.op is None:
                    continue
                want = self.operand(c.value, rec) if c.op != "exists" else MISSING
                if want is MISSING or want is None:
                    continue
                if c.op in ("in", "between"):
                    if isinstance(want, (list, tuple)) and want:
                        rec[c.subject.path] = want[0]
                elif c.op in ("equals", "at_most", "at_least") and not isinstance(
                    want, (list, tuple, Mapping)
                ):
                    rec[c.subject.path] = want
        rec.update(ages)

    def age(self, c: m.Compare, rec: Mapping[str, Any], ages: dict[str, datetime.date]) -> None:
        s = c.subject
        assert isinstance(s, m.Since)
        if s.path in rec or s.as_of is None:
            return
        as_of = self.operand(s.as_of, rec)
        n = self.operand(c.value, rec)
        if not isinstance(as_of, datetime.date) or isinstance(n, bool) or not isinstance(n, (int, Decimal)):
            return
        k = int(n) + (1 if c.op == "greater_than" else 0)
        start = _shift(as_of, **{s.unit: k})
        if s.path not in ages or start < ages[s.path]:
            ages[s.path] = start

    def fill(self, rec: dict[str, Any]) -> dict[str, Any]:
        sid = str(rec.get("id"))
        rec.setdefault("title", f"Inovasi {sid}")
        rec.setdefault("participant.agency", f"Instansi {sid}")
        self.fill_rules(rec)
        firsts = (
            ("participant.kind", self.rs.participant_kinds),
            ("group", self.rs.groups),
        )
        for path, items in firsts:
            if path not in rec and items:
                rec[path] = items[0].id
        if self.rs.wave_by not in rec and self.rs.waves and self.rs.waves[0].regions:
            rec[self.rs.wave_by] = self.rs.waves[0].regions[0]
        self.fill_rules(rec)
        if "category" not in rec and self.rs.categories:
            rec["category"] = self.rs.categories[0].id
        return rec


def case_defaults(ruleset: Ruleset, fields: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The submission record a case builds from ``fields`` (flat or nested): the
    fields given, then values that meet the ruleset's eligibility rules for the others.

    Filled in: ``title`` and ``participant.agency`` (unique per submission, so no cap
    or conflict of interest applies by accident); a field a rule compares with a value
    (``equals``, the first of ``in``, the limit of ``at_most``/``at_least``, a value
    looked up by another field, a date of the submission's wave); a start date old
    enough for every ``years_since`` rule; then the ruleset's first participant kind,
    group, wave region and category. A field given as ``None`` stays missing.
    """
    rec = flatten(dict(fields or {}))
    rec.setdefault("id", "S1")
    return Defaults(ruleset).fill(rec)


