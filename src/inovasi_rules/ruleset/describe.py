"""A resolved ruleset in words (what ``inovasi-rules show`` prints).

The text is written for the people who run or enter a competition, in Bahasa
Indonesia (``lang="id"``) or English (``lang="en"``):

- submission fields are named by what they mean (``participant.province`` reads
  "provinsi peserta" / "the entrant's province"); a field the library does not know
  (an extra column) reads "kolom `sdgs`" / "column `sdgs`";
- a parameter is shown with its value and its name (``31 Desember 2023 (parameter
  registration_closes)``), so a reader sees both the rule and what a variant can change;
- dates read as dates (``paling lambat`` / ``on or before``), numbers use the
  language's decimal mark, ``true``/``false`` read ``ya``/``tidak`` or ``yes``/``no``;
- every rule's ``source`` and ``assumption`` are shown on their own lines, labelled
  "sumber"/"asumsi" or "source"/"assumption"; a bilingual one (``{id, en}``) is printed
  in the chosen language, a plain one as the ruleset's authors wrote it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar

from ..messages import N_, Formatter, language
from . import model as m

__all__ = ["describe_ruleset", "total_words"]

# --------------------------------------------------------------------------- words


#: What a submission's fields mean (catalogue keys: the English text).
_FIELDS: dict[str, str] = {
    "id": N_("submission id"),
    "title": N_("title"),
    "category": N_("category"),
    "group": N_("group"),
    "registered": N_("registration date"),
    "wave": N_("wave"),
    "withdrawn": N_("withdrawal (field)"),
    "participant.kind": N_("kind of entrant"),
    "participant.agency": N_("entrant's agency"),
    "participant.province": N_("entrant's province"),
    "participant.regency": N_("entrant's regency or city"),
    "participant.name": N_("entrant's name"),
    "innovation.status": N_("innovation's status"),
    "innovation.started": N_("innovation's start date"),
    "innovation.previous_awards": N_("innovation's list of earlier awards"),
    "wave.name": N_("wave's name"),
    "wave.opens": N_("wave's opening date"),
    "wave.closes": N_("wave's closing date"),
}
#: The fields of a judge (conflicts of interest compare them with a submission's).
_JUDGE_FIELDS: dict[str, str] = {
    "id": N_("the judge's id"),
    "name": N_("the judge's name"),
    "affiliation": N_("the judge's affiliation"),
    "province": N_("the judge's province"),
    "agency": N_("the judge's agency"),
}
_DATE_FIELDS = frozenset({"registered", "innovation.started", "wave.opens", "wave.closes"})

_LEVELS = {
    "national": N_("national"),
    "province": N_("provincial"),
    "regency": N_("regency"),
    "city": N_("city"),
}
_KINDS = {
    "screening": N_("administrative screening"),
    "assessment": N_("assessment"),
    "presentation": N_("presentation and interview"),
    "verification": N_("field verification"),
}
_ROUNDING = {
    "half_up": N_("half up"),
    "half_even": N_("half to even"),
    "down": N_("truncated (always down)"),
}
_KEEP = {
    "earliest_registered": N_("the earliest registered"),
    "latest_registered": N_("the latest registered"),
    "listed_order": N_("those listed first in the data"),
}
_VERDICT = {
    "confirm": N_("confirmed"),
    "drop": N_("dropped"),
    "flag": N_("flagged for the organiser"),
}
_TOO_FEW = {
    "fail": N_("with fewer, the entry is out"),
    "flag": N_("with fewer, the entry is flagged for the organiser"),
}
_ROUNDING_STEPS = {
    "judge_total": N_("judges' totals"),
    "aggregate": N_("judges' aggregate score"),
    "combined": N_("combined score"),
}
#: What a declared parameter type must be (``parameter_types``).
_TYPES = {
    "integer": N_("a whole number"),
    "decimal": N_("a number"),
    "date": N_("a date"),
    "date-time": N_("a date and time"),
    "text": N_("a text"),
    "boolean": N_("true or false"),
    "list": N_("a list"),
    "mapping": N_("a mapping (a look-up table)"),
}
#: Section titles and recurring words (catalogue keys).
_W = {
    "level": N_("Level"),
    "organiser": N_("Organiser"),
    "year": N_("Year"),
    "extends": N_("Extends"),
    "rounding": N_("Rounding"),
    "parameters": N_("Parameters"),
    "participants": N_("Who may enter"),
    "categories": N_("Categories"),
    "groups": N_("Groups"),
    "waves": N_("Registration waves"),
    "eligibility": N_("Eligibility (checked at screening)"),
    "rubrics": N_("Scoring rubrics"),
    "stages": N_("Stages"),
    "awards": N_("Awards"),
    "plugins": N_("Plugins required"),
    "source": N_("source"),
    "assumption": N_("assumption"),
    "condition": N_("condition"),
    "only_for": N_("applies only to"),
    "weight": N_("weight"),
    "criterion": N_("criterion"),
}


def _w(key: str, lang: str) -> str:
    return _pick(_W[key], lang)


def _pick(text: str, lang: str) -> str:
    """A word of the tables above in ``lang``, from the catalogue."""
    return Formatter(lang).t(text)


def _titled(label: m.Label | None, ident: str, lang: str) -> str:
    """``Name (id)``, or just ``id`` when there is no name."""
    return f"{label.text(lang)} ({ident})" if label is not None else ident


def field_words(path: str, lang: str, article: bool = True) -> str:
    """What a submission field means, e.g. ``participant.province`` -> ``provinsi
    peserta`` / ``the entrant's province``; an unknown field (an extra column) ->
    ``kolom `sdgs``` / ``the column `sdgs```. ``article=False`` leaves out the English
    "the" (for "per entrant's province")."""
    fmt = Formatter(lang)
    word = _pick(_FIELDS[path], lang) if path in _FIELDS else fmt.t("column `{path}`", path=path)
    # (the article is the catalogue's to give: Indonesian has none)
    return fmt.t("the {field}", field=word) if article else word


def _judge_field(path: str, lang: str) -> str:
    if path in _JUDGE_FIELDS:
        return _pick(_JUDGE_FIELDS[path], lang)
    return Formatter(lang).t("the judge's column `{path}`", path=path)


# --------------------------------------------------------------------------- values


def _date(d: datetime.date, lang: str) -> str:
    return Formatter(lang).date(d)


def _number(v: Decimal | int, lang: str) -> str:
    if isinstance(v, Decimal) and v == v.to_integral():
        return Formatter(lang).number(v, places=0)
    return Formatter(lang).number(v)


def _plain(v: Any, lang: str) -> str:
    """A literal value: a date, number, yes/no, text or a list of them."""
    if isinstance(v, bool):
        return Formatter(lang).t("yes") if v else Formatter(lang).t("no")
    if isinstance(v, (Decimal, int)):
        return _number(v, lang)
    if isinstance(v, datetime.datetime):
        return Formatter(lang).moment(v)
    if isinstance(v, datetime.date):
        return _date(v, lang)
    if isinstance(v, (list, tuple)):
        return ", ".join(_plain(x, lang) for x in v)
    if isinstance(v, Mapping):
        return "; ".join(f"{k} → {_plain(x, lang)}" for k, x in v.items())
    return str(v)


class _Words:
    """Describes values and conditions with the ruleset's parameters at hand."""

    def __init__(self, ruleset: m.Ruleset, lang: str) -> None:
        self.r = ruleset
        self.lang = lang
        self.fmt = Formatter(lang)

    # ---- names

    def stage_name(self, stage_id: str) -> str:
        """``Name (id)`` of a stage."""
        for s in self.r.stages:
            if s.id == stage_id:
                return _titled(s.name, s.id, self.lang)
        return stage_id

    def stage_rubric(self, stage_id: str) -> str | None:
        """The rubric id of a stage (``None`` for an unknown or unscored stage)."""
        return next((s.rubric for s in self.r.stages if s.id == stage_id), None)

    def rubric_name(self, rubric_id: str) -> str:
        """``Name (id)`` of a rubric."""
        for rb in self.r.rubrics:
            if rb.id == rubric_id:
                return _titled(rb.name, rb.id, self.lang)
        return rubric_id

    def criterion_name(self, rubric_id: str | None, criterion_id: str) -> str:
        """``Name (id)`` of a criterion (or sub-criterion) of a rubric."""

        def find(items: tuple[m.Criterion, ...]) -> m.Criterion | None:
            for c in items:
                if c.id == criterion_id:
                    return c
                found = find(c.subcriteria)
                if found is not None:
                    return found
            return None

        for rb in self.r.rubrics:
            if rb.id == rubric_id:
                c = find(rb.criteria)
                if c is not None:
                    return _titled(c.name, c.id, self.lang)
        return criterion_id

    # ---- values

    _PLACEHOLDER: ClassVar[re.Pattern[str]] = re.compile(r"\{([A-Za-z_][A-Za-z0-9_.]*)\}")

    def message(self, label: m.Label) -> str:
        """A message with its ``{parameter}`` placeholders filled in, and its
        ``{field}`` ones named: ``[nama gelombang]`` (they differ per submission)."""

        def fill(mt: re.Match[str]) -> str:
            name = mt.group(1)
            if name in _FIELDS or "." in name:
                return f"[{field_words(name, self.lang, article=False)}]"
            if name in self.r.parameters:
                return _plain(self.r.parameters[name], self.lang)
            return mt.group(0)

        return self._PLACEHOLDER.sub(fill, label.text(self.lang))

    def param(self, p: m.Param) -> str:
        if p.name not in self.r.parameters:
            return f"{{{p.name}}}"
        value = self.r.parameters[p.name]
        if isinstance(value, Mapping):
            return self.fmt.t("the table `{name}`", name=p.name)
        return f"{_plain(value, self.lang)} (parameter {p.name})"

    def value(self, v: Any) -> str:
        if isinstance(v, m.Param):
            return self.param(v)
        if isinstance(v, m.Field):
            return field_words(v.path, self.lang)
        if isinstance(v, m.Lookup):
            key = field_words(v.key, self.lang)
            text = self.fmt.t("the entry of table `{table}` for {key}", table=v.table, key=key)
            if v.default is not None:
                text += self.fmt.t(
                    ", or, when {key} is not in the table: {default}",
                    key=key, default=self.value(v.default),
                )
            return text
        if isinstance(v, (list, tuple)):
            return ", ".join(self.value(x) for x in v)
        return _plain(v, self.lang)

    def number(self, v: Any) -> str:
        """A count or score: a literal or a parameter."""
        return self.value(v)

    def bare(self, v: Any, params: list[str]) -> str:
        """A number without its parameter's name, which is added to ``params`` (to be
        named once, after the phrase: "3 teratas per provinsi (parameter x)")."""
        if isinstance(v, m.Param) and v.name in self.r.parameters:
            params.append(v.name)
            return _plain(self.r.parameters[v.name], self.lang)
        return self.value(v)

    def is_date(self, v: Any) -> bool:
        if isinstance(v, datetime.date):
            return True
        if isinstance(v, m.Param):
            return isinstance(self.r.parameters.get(v.name), datetime.date)
        if isinstance(v, m.Field):
            return v.path in _DATE_FIELDS
        return False

    # ---- conditions

    def condition(self, c: m.Condition, nested: bool = False) -> str:
        if isinstance(c, m.AllOf):
            return self._join([self.condition(x, True) for x in c.conditions], N_("and"), nested)
        if isinstance(c, m.AnyOf):
            merged = self._merged_any(c)
            if merged is not None:
                return self.compare(merged)
            return self._join([self.condition(x, True) for x in c.conditions], N_("or"), nested)
        if isinstance(c, m.Not):
            inner = c.condition
            if isinstance(inner, m.Compare) and inner.op is not None:
                return self.compare(inner, negate=True)
            if isinstance(inner, m.AnyOf):
                merged = self._merged_any(inner)
                if merged is not None:
                    return self.compare(merged, negate=True)
            return self.fmt.t(
                "it is not the case that ({condition})", condition=self.condition(inner)
            )
        return self.compare(c)

    def _join(self, parts: list[str], conjunction: str, nested: bool) -> str:
        """Parts joined by and/or; with a semicolon when a part ends in a list (so
        "salah satu dari: a, b dan ..." cannot be misread), in brackets when nested."""
        word = self.fmt.t(conjunction)
        sep = f"; {word} " if any(":" in p for p in parts) else f" {word} "
        text = sep.join(parts)
        return f"({text})" if nested and len(parts) > 1 else text

    @staticmethod
    def _merged_any(c: m.AnyOf) -> m.Compare | None:
        """``any`` of ``contains``/``equals`` on one field, as one comparison with a
        list: "memuat salah satu dari: a, b" reads better than "memuat a atau ..."."""
        parts = c.conditions
        if len(parts) < 2 or not all(isinstance(p, m.Compare) for p in parts):
            return None
        compares = [p for p in parts if isinstance(p, m.Compare)]
        subjects = {p.subject for p in compares}
        ops = {p.op for p in compares}
        if len(subjects) != 1 or len(ops) != 1 or not isinstance(compares[0].subject, m.Field):
            return None
        op = ops.pop()
        if op not in ("contains", "equals"):
            return None
        if any(isinstance(p.value, (list, tuple)) for p in compares):
            return None
        values = tuple(p.value for p in compares)
        return m.Compare(compares[0].subject, "contains_any" if op == "contains" else "in", values)

    def subject(self, s: m.Subject) -> str:
        if isinstance(s, m.Field):
            return field_words(s.path, self.lang)
        if isinstance(s, m.Count):
            what = field_words(s.path, self.lang)
            if s.equals is not None:
                eq = self.value(s.equals)
                return self.fmt.t("the number of {value} in {field}", value=eq, field=what)
            return self.fmt.t("the number of items in {field}", field=what)
        if isinstance(s, m.Since):
            start = field_words(s.path, self.lang)
            end = self.fmt.t("today") if s.as_of is None else self.value(s.as_of)
            return self.fmt.t("the time from {start} to {end}", start=start, end=end)
        args = ", ".join(f"{k}={self.value(v)}" for k, v in s.args.items())
        return self.fmt.t("the plugin function `{name}`({args})", name=s.name, args=args)

    def compare(self, c: m.Compare, negate: bool = False) -> str:
        subj = self.subject(c.subject)
        op = c.op
        if op is None:  # a plugin function used as a test
            text = N_("{subject} is not true") if negate else N_("{subject} is true")
            return self.fmt.t(text, subject=subj)
        if op == "exists":
            filled = bool(c.value) != negate
            text = N_("{subject} is filled in") if filled else N_("{subject} is empty")
            return self.fmt.t(text, subject=subj)
        if isinstance(c.subject, m.Since):
            return self._duration(subj, op, c.value, c.subject.unit, negate)
        date = self.is_date(c.value) or (
            isinstance(c.subject, m.Field) and c.subject.path in _DATE_FIELDS
        )
        if op == "between":
            lo, hi = (self.value(v) for v in c.value)
            text = (
                N_("{subject} is not between {lo} and {hi}")
                if negate
                else N_("{subject} is between {lo} and {hi}")
            )
            return self.fmt.t(text, subject=subj, lo=lo, hi=hi)
        value = self.value(c.value)
        if op == "equals" and c.value is True and not negate:
            return self.fmt.t("{subject} is yes", subject=subj)
        table = self._DATE_PHRASES if date and op in self._DATE_PHRASES else self._PHRASES
        return self.fmt.t(table[op][1 if negate else 0], subject=subj, value=value)

    _PHRASES: ClassVar[dict[str, tuple[str, str]]] = {
        # op: (the comparison, negated)
        "equals": (N_("{subject} is {value}"), N_("{subject} is not {value}")),
        "not_equals": (N_("{subject} is not {value}"), N_("{subject} is {value}")),
        "in": (N_("{subject} is one of: {value}"), N_("{subject} is none of: {value}")),
        "not_in": (N_("{subject} is none of: {value}"), N_("{subject} is one of: {value}")),
        "contains": (N_("{subject} contains {value}"), N_("{subject} does not contain {value}")),
        "contains_any": (
            N_("{subject} contains one of: {value}"),
            N_("{subject} contains none of: {value}"),
        ),
        "at_least": (N_("{subject} is at least {value}"), N_("{subject} is less than {value}")),
        "at_most": (N_("{subject} is at most {value}"), N_("{subject} is more than {value}")),
        "greater_than": (
            N_("{subject} is more than {value}"), N_("{subject} is at most {value}")
        ),
        "less_than": (N_("{subject} is less than {value}"), N_("{subject} is at least {value}")),
    }
    _DATE_PHRASES: ClassVar[dict[str, tuple[str, str]]] = {
        "at_least": (N_("{subject} is on or after {value}"), N_("{subject} is before {value}")),
        "at_most": (N_("{subject} is on or before {value}"), N_("{subject} is after {value}")),
        "greater_than": (
            N_("{subject} is after {value}"), N_("{subject} is on or before {value}")
        ),
        "less_than": (N_("{subject} is before {value}"), N_("{subject} is on or after {value}")),
    }
    _DURATION_PHRASES: ClassVar[dict[str, tuple[str, str]]] = {
        "at_least": (N_("{subject} is at least {amount}"), N_("{subject} is less than {amount}")),
        "at_most": (N_("{subject} is at most {amount}"), N_("{subject} is more than {amount}")),
        "greater_than": (
            N_("{subject} is more than {amount}"), N_("{subject} is at most {amount}")
        ),
        "less_than": (N_("{subject} is less than {amount}"), N_("{subject} is at least {amount}")),
        "equals": (N_("{subject} is exactly {amount}"), N_("{subject} is not exactly {amount}")),
        "not_equals": (
            N_("{subject} is not exactly {amount}"), N_("{subject} is exactly {amount}")
        ),
        "between": (N_("{subject} is between {amount}"), N_("{subject} is not between {amount}")),
    }
    #: A duration's unit: (one, more than one, a range).
    _UNITS: ClassVar[dict[str, tuple[str, str, str]]] = {
        "years": (N_("{n} year"), N_("{n} years"), N_("{lo} to {hi} years")),
        "months": (N_("{n} month"), N_("{n} months"), N_("{lo} to {hi} months")),
        "days": (N_("{n} day"), N_("{n} days"), N_("{lo} to {hi} days")),
    }

    def _duration(self, subj: str, op: str, value: Any, unit: str, negate: bool) -> str:
        one, more, span = self._UNITS[unit]
        params: list[str] = []
        if op == "between":
            lo, hi = (self.bare(v, params) for v in value)
            amount = self.fmt.t(span, lo=lo, hi=hi)
        else:
            n = self.bare(value, params)
            template = one if n == "1" else more
            amount = self.fmt.t(template, n=n)
        if params:
            amount += f" (parameter {', '.join(params)})"
        phrases = self._DURATION_PHRASES.get(op)
        if phrases is None:  # an operator with no reading for a duration
            return f"{subj} {op} {amount}"
        return self.fmt.t(phrases[1 if negate else 0], subject=subj, amount=amount)

    # ---- selections

    def selection(self, sel: m.Selection, award: bool = False) -> str:
        per = field_words(sel.per, self.lang, article=False) if sel.per else None
        params: list[str] = []
        text = ""
        if sel.apportion is not None:
            by = field_words(sel.apportion.by, self.lang, article=False)
            top = self.bare(sel.top, params)
            text = self.fmt.t(
                "the top {top}, seats shared in proportion to the entries per {by} "
                "(largest remainder)",
                top=top, by=by,
            )
            if sel.apportion.min_each:
                text += self.fmt.t(
                    ", at least {n} per {by}", n=_number(sel.apportion.min_each, self.lang), by=by
                )
        elif sel.seats is not None:
            seats = ", ".join(f"{k} {self.bare(v, params)}" for k, v in sel.seats.items())
            text = self.fmt.t("seats per {per}: {seats}", per=per, seats=seats)
        elif sel.top is not None:
            top = self.bare(sel.top, params)
            text = self.fmt.t("first place") if top == "1" else self.fmt.t("the top {top}", top=top)
            if per:
                text = self.fmt.t("{selection} per {per}", selection=text, per=per)
        if sel.threshold is not None:
            t = self.bare(sel.threshold, params)
            if text:
                text = self.fmt.t("a pass mark of {mark}, then {selection}", mark=t, selection=text)
            else:
                text = self.fmt.t("everyone with a score of at least {mark}", mark=t)
        if params:
            text += f" (parameter {', '.join(dict.fromkeys(params))})"
        if sel.ties == "include_all":
            ties = self.fmt.t(
                N_("entries tied with the last place all receive it")
                if award
                else N_("entries tied with the last place all advance")
            )
        else:
            ties = self.fmt.t("ties at the cut-off are broken by the tie-break, then by lot")
        return f"{text}; {ties}" if text else ties


# --------------------------------------------------------------------------- sections


def _text(note: m.Label | str, lang: str) -> str:
    """A source or assumption in ``lang`` (a plain text reads the same in both)."""
    return note.text(lang) if isinstance(note, m.Label) else str(note)


def _notes(item: Any, lang: str, indent: str, description: bool = True) -> list[str]:
    """The item's description, source and assumption, one line each."""
    out = []
    text = getattr(item, "description", None) if description else None
    if isinstance(text, m.Label):
        out.append(f"{indent}{text.text(lang)}")
    for key in ("source", "assumption"):
        note = getattr(item, key, None)
        if note:
            out.append(f"{indent}{_w(key, lang)}: {_text(note, lang)}")
    return out


def _section(title: str, lines: Iterable[str]) -> list[str]:
    body = list(lines)
    return ["", title, *body] if body else []


def _header(r: m.Ruleset, lang: str) -> list[str]:
    out = [f"{r.name.text(lang)} ({r.id})"]
    if r.description:
        out.append(r.description.text(lang))
    meta = [f"{_w('level', lang)}: {_pick(_LEVELS.get(r.level, r.level), lang)}"]
    if r.organiser:
        meta.append(f"{_w('organiser', lang)}: {r.organiser.text(lang)}")
    if r.year:
        meta.append(f"{_w('year', lang)}: {r.year}")
    if r.extends:
        meta.append(f"{_w('extends', lang)}: {r.extends}")
    out.append(" · ".join(meta))
    if r.source:
        out.append(f"{_w('source', lang)}: {_text(r.source, lang)}")
    if r.assumption:
        out.append(f"{_w('assumption', lang)}: {_text(r.assumption, lang)}")
    mode = _pick(_ROUNDING.get(r.rounding.mode, r.rounding.mode), lang)
    places = r.rounding.places
    digits = Formatter(lang).t(
        N_("{places} decimal place") if places == 1 else N_("{places} decimal places"),
        places=_number(places, lang),
    )
    out.append(f"{_w('rounding', lang)}: {digits}, {mode}{_at(r.rounding, lang)}")
    return out


def _at(rounding: m.Rounding, lang: str) -> str:
    """Where a ruleset rounds, when not at every step (``rounding.at``)."""
    if rounding.at == m.ROUNDING_STEPS:
        return ""
    if not rounding.at:
        return Formatter(lang).t(", the final score only (values before it are computed exactly)")
    steps = ", ".join(_pick(_ROUNDING_STEPS[s], lang) for s in rounding.at)
    return Formatter(lang).t(", at: {steps} and the final score", steps=steps)


def _parameters(r: m.Ruleset, lang: str) -> list[str]:
    lines = []
    for name, value in r.parameters.items():
        if isinstance(value, Mapping):
            lines.append(f"  {name}:")
            lines.extend(f"      {k} → {_plain(v, lang)}" for k, v in value.items())
        else:
            lines.append(f"  {name} = {_plain(value, lang)}{_declared_type(r, name, lang)}")
    return _section(_w("parameters", lang), lines)


def _declared_type(r: m.Ruleset, name: str, lang: str) -> str:
    """`` (a whole number from 1 to 50)`` for a type the ruleset declares."""
    declared = r.parameter_types.get(name)
    if declared is None:
        return ""
    fmt = Formatter(lang)
    kind = _pick(_TYPES.get(declared.type, declared.type), lang)
    lo, hi = (None if v is None else _plain(v, lang) for v in (declared.min, declared.max))
    if lo is not None and hi is not None:
        kind = fmt.t(
            "{type} from {min} to {max}", type=kind, min=lo, max=hi
        )
    elif lo is not None:
        kind = fmt.t("{type} of at least {min}", type=kind, min=lo)
    elif hi is not None:
        kind = fmt.t("{type} of at most {max}", type=kind, max=hi)
    return f" ({kind})"


def _simple_items(
    title: str, items: Sequence[m.ParticipantKind | m.Category | m.Group], lang: str
) -> list[str]:
    lines = []
    for item in items:
        lines.append(f"  - {_titled(item.name, item.id, lang)}")
        lines.extend(_notes(item, lang, "      "))
    return _section(title, lines)


def _waves(r: m.Ruleset, words: _Words, lang: str) -> list[str]:
    if not r.waves:
        return []
    lines = []
    for wave in r.waves:
        when = []
        if wave.opens:
            when.append(Formatter(lang).t("opens {date}", date=_date(wave.opens, lang)))
        if wave.closes:
            when.append(Formatter(lang).t("closes {date}", date=_date(wave.closes, lang)))
        regions = ", ".join(wave.regions)
        lines.append(
            f"  - {_titled(wave.name, wave.id, lang)}: {regions}"
            + (f"; {', '.join(when)}" if when else "")
        )
        lines.extend(_notes(wave, lang, "      "))
    by = field_words(r.wave_by, lang)
    title = f"{_w('waves', lang)} ({Formatter(lang).t('by {field}', field=by)})"
    return _section(title, lines)


def _eligibility(r: m.Ruleset, words: _Words, lang: str) -> list[str]:
    lines = []
    for e in r.eligibility:
        name = f"{e.name.text(lang)} ({e.id})" if e.name else e.id
        lines.append(f"  - {name}: {words.message(e.message)}")
        if e.when is not None:
            lines.append(f"      {_w('condition', lang)}: {words.condition(e.when)}")
        if e.cap is not None:
            per = f" {Formatter(lang).t('and')} ".join(
                field_words(p, lang, article=False) for p in e.cap.per
            )
            keep = _pick(_KEEP[e.cap.keep], lang)
            params: list[str] = []
            most = words.bare(e.cap.max, params)
            note = f" (parameter {params[0]})" if params else ""
            cap = Formatter(lang).t(
                N_("at most {most} entry per {per}{note}; when there are more, {keep} is accepted")
                if most == "1"
                else N_(
                    "at most {most} entries per {per}{note}; when there are more, {keep} are "
                    "accepted"
                ),
                most=most, per=per, note=note, keep=keep,
            )
            lines.append(f"      {_w('condition', lang)}: {cap}")
            if e.cap.where is not None:
                lines.append(f"      {_w('only_for', lang)}: {words.condition(e.cap.where)}")
        if e.where is not None:
            lines.append(f"      {_w('only_for', lang)}: {words.condition(e.where)}")
        lines.extend(_notes(e, lang, "      "))
    return _section(_w("eligibility", lang), lines)


def _all_criteria(items: tuple[m.Criterion, ...]) -> list[m.Criterion]:
    return [x for c in items for x in (c, *_all_criteria(c.subcriteria))]


def total_words(rb: m.Rubric, lang: str) -> str:
    """How a judge's total is made on ``rb``, in words (``lang``: ``id`` or ``en``)."""
    t = rb.total
    if t.method == "weighted_sum":
        return Formatter(lang).t("a judge's total = the sum of weight × score")
    if t.method == "scaled" and t.scale is not None:
        lo, hi = _number(t.scale.min, lang), _number(t.scale.max, lang)
        return Formatter(lang).t(
            "a judge's total is on a scale of {lo} to {hi}: each score is placed on its "
            "criterion's scale, and the weighted mean of those is carried onto that scale",
            lo=lo, hi=hi,
        )
    return Formatter(lang).t("a judge's total = the weighted mean")


def _rubrics(r: m.Ruleset, lang: str) -> list[str]:
    lines = []
    for rb in r.rubrics:
        total = _number(rb.total_weight, lang)
        lo, hi = _number(rb.scale.min, lang), _number(rb.scale.max, lang)
        head = Formatter(lang).t(
            "scores from {lo} to {hi}, weights add up to {total}", lo=lo, hi=hi, total=total
        )
        lines.append(f"  - {_titled(rb.name, rb.id, lang)}: {head}")
        if rb.total.method != "weighted_mean" or any(c.scale for c in _all_criteria(rb.criteria)):
            lines.append(f"      {total_words(rb, lang)}")
        lines.extend(_notes(rb, lang, "      "))
        lines.append(f"      {_w('weight', lang):>6}  {_w('criterion', lang)}")

        def criteria(items: tuple[m.Criterion, ...], indent: str) -> None:
            for c in items:
                weight = (
                    f"{{{c.weight.name}}}"
                    if isinstance(c.weight, m.Param)
                    else _number(c.weight, lang)
                )
                own = ""
                if c.scale is not None:
                    lo, hi = _number(c.scale.min, lang), _number(c.scale.max, lang)
                    own = f" ({Formatter(lang).t('scored {lo} to {hi}', lo=lo, hi=hi)})"
                lines.append(f"      {weight:>6}  {indent}{_titled(c.name, c.id, lang)}{own}")
                lines.extend(_notes(c, lang, f"              {indent}"))
                criteria(c.subcriteria, indent + "    ")

        criteria(rb.criteria, "")
    return _section(_w("rubrics", lang), lines)


_AGGREGATE = {
    "mean": N_("the mean of the judges' totals"),
    "median": N_("the median of the judges' totals"),
    "trimmed_mean": N_("the mean after dropping the {trim} highest and {trim} lowest totals"),
    "normalised_mean": N_(
        "the mean of totals normalised per judge (judges who scored at least {min_scored} "
        "entries)"
    ),
}


def _judging(s: m.Stage, words: _Words, lang: str) -> list[str]:
    j = s.judges
    fmt = Formatter(lang)
    if s.scoring == "plugin":
        return [fmt.t("this stage is scored by a plugin")]
    aggregate = (
        fmt.t(
            _AGGREGATE[j.aggregate],
            trim=_number(j.trim, lang),
            min_scored=_number(j.min_scored, lang),
        )
        if j.aggregate in _AGGREGATE
        else j.aggregate
    )
    too_few = _pick(_TOO_FEW[j.too_few], lang)
    out = [
        fmt.t(
            N_("judges: {aggregate}; at least {min} judge per entry; {too_few}")
            if j.min == 1
            else N_("judges: {aggregate}; at least {min} judges per entry; {too_few}"),
            aggregate=aggregate, min=_number(j.min, lang), too_few=too_few,
        )
    ]
    if j.max_spread is not None:
        spread = _number(j.max_spread, lang)
        out.append(
            fmt.t("flagged when the judges' totals differ by more than {spread}", spread=spread)
        )
    for c in j.conflicts:
        judge = _judge_field(c.judge, lang)
        entry = field_words(c.submission, lang)
        out.append(
            fmt.t(
                "conflict of interest: a judge does not score an entry when {judge} is {entry}",
                judge=judge, entry=entry,
            )
        )
    return out


def _stage_lines(r: m.Ruleset, s: m.Stage, words: _Words, lang: str) -> list[str]:
    fmt = Formatter(lang)
    out: list[str] = []
    if s.kind == "screening" and s.rules is None:
        out.append(fmt.t("checks every eligibility rule"))
    elif s.rules is not None:
        out.append(fmt.t("checks the eligibility rules: {rules}", rules=", ".join(s.rules)))
    if s.kind in ("assessment", "presentation"):
        out.extend(_judging(s, words, lang))
    if s.combine:

        def stage_score(stage_id: str) -> str:
            if stage_id == s.id:
                return fmt.t("this stage's score")
            return fmt.t("the score of stage {stage}", stage=words.stage_name(stage_id))

        formula = " + ".join(
            f"{_number(c.weight, lang)} × {stage_score(c.stage)}" for c in s.combine
        )
        out.append(fmt.t("the stage's final score = {formula}", formula=formula))
    for a in s.adjustments:
        params: list[str] = []
        amount: Any = a.add
        if isinstance(amount, m.Param):
            params.append(amount.name)
            amount = r.parameters.get(amount.name)
        if isinstance(amount, (Decimal, int)) and not isinstance(amount, bool):
            sign = "+" if amount >= 0 else "−"
            points = f"{sign}{_number(-amount if amount < 0 else amount, lang)}"
            kind = fmt.t("bonus") if amount >= 0 else fmt.t("penalty")
        else:
            points = words.number(a.add)
            kind = fmt.t("bonus/penalty")
        note = f" (parameter {params[0]})" if params else ""
        text = fmt.t(
            N_("{kind} {id}: {points} point{note}")
            if points in ("+1", "−1")
            else N_("{kind} {id}: {points} points{note}"),
            kind=kind, id=a.id, points=points, note=note,
        )
        if a.when is not None:
            text = fmt.t(
                "{adjustment} if {condition}", adjustment=text, condition=words.condition(a.when)
            )
        out.append(text)
        if a.message is not None:
            out.append(f"    {words.message(a.message)}")
        out.extend(f"    {n}" for n in _notes(a, lang, ""))
    if s.adjustment_cap is not None:
        cap = words.number(s.adjustment_cap)
        out.append(fmt.t("bonuses and penalties add up to at most {cap} points", cap=cap))
    if s.tie_break:
        links = []
        for t in s.tie_break:
            if t.by == "criterion" and t.stage not in (None, s.id):
                what = fmt.t(
                    "the score of criterion {criterion} at stage {stage}",
                    criterion=words.criterion_name(words.stage_rubric(t.stage), t.ref),
                    stage=words.stage_name(t.stage),
                )
            elif t.by == "criterion":
                what = fmt.t(
                    "the score of criterion {criterion}",
                    criterion=words.criterion_name(s.rubric, t.ref),
                )
            elif t.by == "stage" and t.ref == s.id:
                what = fmt.t("this stage's judges' score before combining and adjustments")
            elif t.by == "stage":
                what = fmt.t("the score of stage {stage}", stage=words.stage_name(t.ref))
            else:
                what = field_words(t.ref, lang)
            date = t.by == "field" and t.ref in _DATE_FIELDS
            if t.order == "desc":
                order = fmt.t("latest first") if date else fmt.t("highest first")
            else:
                order = fmt.t("earliest first") if date else fmt.t("lowest first")
            links.append(f"{what}, {order}")
        chain = links[0]
        for link in links[1:]:
            chain = fmt.t("{first}; then {next}", first=chain, next=link)
        out.append(fmt.t("tie-break: {order}", order=chain))
    if s.advance is not None:
        out.append(fmt.t("who advances: {selection}", selection=words.selection(s.advance)))
    elif s.kind in ("assessment", "presentation"):
        out.append(fmt.t("who advances: every entry scored (no cut-off)"))
    if s.kind == "verification":
        verdict = _pick(_VERDICT[s.missing_verdict], lang)
        out.append(fmt.t("an entry without a verdict is {verdict}", verdict=verdict))
        if s.confirm is not None:
            freed = (
                fmt.t("is filled by the next ranked entry")
                if s.confirm.freed == "fill"
                else fmt.t("stays empty")
            )
            out.append(
                fmt.t(
                    "the visits choose the top {top} of the last scored stage's ranking; a "
                    "seat freed by a failed visit {freed}",
                    top=words.number(s.confirm.top), freed=freed,
                )
            )
    return out


def _objection_lines(period: m.ObjectionPeriod, lang: str) -> list[str]:
    """The objection period in words, with its own source and assumption."""
    fmt = Formatter(lang)
    policy = (
        fmt.t("keeps the place as an extra seat")
        if period.displaced == "extra_seats"
        else fmt.t("the stage is ranked again and the count holds")
    )
    head = fmt.t(
        "objection period: {days} calendar days from the announcement; an announced "
        "entrant displaced by an objection: {policy}",
        days=_number(period.days, lang), policy=policy,
    )
    return [f"       {head}", *_notes(period, lang, "         ")]


def _stages(r: m.Ruleset, words: _Words, lang: str) -> list[str]:
    lines = []
    for i, s in enumerate(r.stages, 1):
        kind = _pick(_KINDS.get(s.kind, s.kind), lang)
        head = f"  {i}. {_titled(s.name, s.id, lang)}: {kind}"
        if s.rubric:
            rb = next((x for x in r.rubrics if x.id == s.rubric), None)
            named_alike = (
                rb is not None
                and rb.name is not None
                and s.name is not None
                and rb.name.text(lang) == s.name.text(lang)
            )
            # a rubric named like its stage is shown by its id alone
            rubric = s.rubric if named_alike else words.rubric_name(s.rubric)
            head += ", " + Formatter(lang).t("with the rubric {rubric}", rubric=rubric)
        lines.append(head)
        lines.extend(f"       {line}" for line in _stage_lines(r, s, words, lang))
        lines.extend(_notes(s, lang, "       "))
        if s.objection_period is not None:
            lines.extend(_objection_lines(s.objection_period, lang))
    return _section(_w("stages", lang), lines)


def _awards(r: m.Ruleset, words: _Words, lang: str) -> list[str]:
    fmt = Formatter(lang)
    names = {s.id: _titled(s.name, s.id, lang) for s in r.stages}
    lines = []
    for a in r.awards:
        stage = names.get(a.stage, a.stage)
        if a.rank is None:
            how = fmt.t("everyone who passed stage {stage}", stage=stage)
        else:
            how = fmt.t(
                "of those who passed stage {stage}: {selection}",
                stage=stage, selection=words.selection(a.rank, award=True),
            )
        lines.append(f"  - {_titled(a.name, a.id, lang)}: {how}")
        if a.description is not None:
            lines.append(f"      {a.description.text(lang)}")
        if a.where is not None:
            lines.append(f"      {_w('only_for', lang)}: {words.condition(a.where)}")
        lines.extend(_notes(a, lang, "      ", description=False))
    return _section(_w("awards", lang), lines)


def describe_ruleset(r: m.Ruleset, lang: str = "id") -> str:
    """The ruleset in words, every rule with its source or assumption.

    :param r: a loaded ruleset (after inheritance).
    :param lang: ``"id"`` (Bahasa Indonesia) or ``"en"`` (English).
    :returns: plain text, one section per part of the ruleset, ending in a newline.
    """
    language(lang)
    words = _Words(r, lang)
    out = _header(r, lang)
    out += _parameters(r, lang)
    out += _simple_items(_w("participants", lang), r.participant_kinds, lang)
    out += _simple_items(_w("categories", lang), r.categories, lang)
    out += _simple_items(_w("groups", lang), r.groups, lang)
    out += _waves(r, words, lang)
    out += _eligibility(r, words, lang)
    out += _rubrics(r, lang)
    out += _stages(r, words, lang)
    out += _awards(r, words, lang)
    if r.plugins:
        out += _section(_w("plugins", lang), (f"  - {p}" for p in r.plugins))
    return "\n".join(out) + "\n"
