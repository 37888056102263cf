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

from . import model as m
from .messages import N_, Formatter

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
        self.id = lang == "id"

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
            return f"{'tabel' if self.id else 'the table'} `{p.name}`"
        return f"{_plain(value, self.lang)} (parameter {p.name})"

    def value(self, v: Any) -> str:
        if isinstance(v, m.Param):
            return self.param(v)
        if isinstance(v, m.Field):
            return field_words(v.path, self.lang)
        if isinstance(v, m.Lookup):
            key = field_words(v.key, self.lang)
            if self.id:
                text = f"isi tabel `{v.table}` untuk {key}"
                if v.default is not None:
                    text += f", atau bila {key} tidak ada di tabel: {self.value(v.default)}"
            else:
                text = f"the entry of table `{v.table}` for {key}"
                if v.default is not None:
                    text += f", or, when {key} is not in the table: {self.value(v.default)}"
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
            return self._join([self.condition(x, True) for x in c.conditions], "dan", "and", nested)
        if isinstance(c, m.AnyOf):
            merged = self._merged_any(c)
            if merged is not None:
                return self.compare(merged)
            return self._join([self.condition(x, True) for x in c.conditions], "atau", "or", nested)
        if isinstance(c, m.Not):
            inner = c.condition
            if isinstance(inner, m.Compare) and inner.op is not None:
                return self.compare(inner, negate=True)
            if isinstance(inner, m.AnyOf):
                merged = self._merged_any(inner)
                if merged is not None:
                    return self.compare(merged, negate=True)
            lead = "tidak benar bahwa" if self.id else "it is not the case that"
            return f"{lead} ({self.condition(inner)})"
        return self.compare(c)

    def _join(self, parts: list[str], word_id: str, word_en: str, nested: bool) -> str:
        """Parts joined by and/or; with a semicolon when a part ends in a list (so
        "salah satu dari: a, b dan ..." cannot be misread), in brackets when nested."""
        word = word_id if self.id else word_en
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
                return (
                    f"banyaknya {eq} dalam {what}" if self.id else f"the number of {eq} in {what}"
                )
            return f"banyaknya isi {what}" if self.id else f"the number of items in {what}"
        if isinstance(s, m.Since):
            start = field_words(s.path, self.lang)
            today = "hari ini" if self.id else "today"
            end = today if s.as_of is None else self.value(s.as_of)
            return (
                f"lama dari {start} sampai {end}" if self.id else f"the time from {start} to {end}"
            )
        args = ", ".join(f"{k}={self.value(v)}" for k, v in s.args.items())
        return (
            f"hasil fungsi plugin `{s.name}`({args})"
            if self.id
            else f"the plugin function `{s.name}`({args})"
        )

    def compare(self, c: m.Compare, negate: bool = False) -> str:
        subj = self.subject(c.subject)
        op = c.op
        if op is None:  # a plugin function used as a test
            if self.id:
                return f"{subj} {'tidak ' if negate else ''}bernilai benar"
            return f"{subj} is {'not ' if negate else ''}true"
        if op == "exists":
            filled = bool(c.value) != negate
            if self.id:
                return f"{subj} {'terisi' if filled else 'kosong'}"
            return f"{subj} is {'filled in' if filled else 'empty'}"
        if isinstance(c.subject, m.Since):
            return self._duration(subj, op, c.value, c.subject.unit, negate)
        date = self.is_date(c.value) or (
            isinstance(c.subject, m.Field) and c.subject.path in _DATE_FIELDS
        )
        if op == "between":
            lo, hi = (self.value(v) for v in c.value)
            if self.id:
                return f"{subj} {'tidak ' if negate else ''}antara {lo} dan {hi}"
            return f"{subj} is {'not ' if negate else ''}between {lo} and {hi}"
        value = self.value(c.value)
        if op == "equals" and c.value is True and not negate:
            return f"{subj} {'bernilai ya' if self.id else 'is yes'}"
        phrase = self._phrase(op, date, negate)
        return f"{subj} {phrase} {value}"

    _PHRASES: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        # op: (id, id negated, en, en negated)
        "equals": ("sama dengan", "bukan", "is", "is not"),
        "not_equals": ("bukan", "sama dengan", "is not", "is"),
        "in": ("salah satu dari:", "bukan salah satu dari:", "is one of:", "is none of:"),
        "not_in": ("bukan salah satu dari:", "salah satu dari:", "is none of:", "is one of:"),
        "contains": ("memuat", "tidak memuat", "contains", "does not contain"),
        "contains_any": (
            "memuat salah satu dari:",
            "tidak memuat satu pun dari:",
            "contains one of:",
            "contains none of:",
        ),
        "at_least": ("sedikitnya", "kurang dari", "is at least", "is less than"),
        "at_most": ("paling banyak", "lebih dari", "is at most", "is more than"),
        "greater_than": ("lebih dari", "paling banyak", "is more than", "is at most"),
        "less_than": ("kurang dari", "sedikitnya", "is less than", "is at least"),
    }
    _DATE_PHRASES: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        "at_least": ("paling awal", "sebelum", "is on or after", "is before"),
        "at_most": ("paling lambat", "setelah", "is on or before", "is after"),
        "greater_than": ("setelah", "paling lambat", "is after", "is on or before"),
        "less_than": ("sebelum", "paling awal", "is before", "is on or after"),
    }

    def _phrase(self, op: str, date: bool, negate: bool) -> str:
        table = self._DATE_PHRASES if date and op in self._DATE_PHRASES else self._PHRASES
        words = table[op]
        return words[(0 if self.id else 2) + (1 if negate else 0)]

    def _duration(self, subj: str, op: str, value: Any, unit: str, negate: bool) -> str:
        units = {"years": ("tahun", "year"), "months": ("bulan", "month"), "days": ("hari", "day")}
        u_id, u_en = units[unit]
        params: list[str] = []
        if op == "between":
            lo, hi = (self.bare(v, params) for v in value)
            amount_id, amount_en = f"{lo} sampai {hi} {u_id}", f"{lo} to {hi} {u_en}s"
        else:
            n = self.bare(value, params)
            amount_id = f"{n} {u_id}"
            amount_en = f"{n} {u_en}{'' if n == '1' else 's'}"
        if params:
            note = f" (parameter {', '.join(params)})"
            amount_id += note
            amount_en += note
        words_id = {
            "at_least": ("sedikitnya", "kurang dari"),
            "at_most": ("paling lama", "lebih dari"),
            "greater_than": ("lebih dari", "paling lama"),
            "less_than": ("kurang dari", "sedikitnya"),
            "equals": ("tepat", "tidak tepat"),
            "not_equals": ("tidak tepat", "tepat"),
            "between": ("antara", "tidak antara"),
        }
        words_en = {
            "at_least": ("is at least", "is less than"),
            "at_most": ("is at most", "is more than"),
            "greater_than": ("is more than", "is at most"),
            "less_than": ("is less than", "is at least"),
            "equals": ("is exactly", "is not exactly"),
            "not_equals": ("is not exactly", "is exactly"),
            "between": ("is between", "is not between"),
        }
        if self.id:
            word = words_id.get(op, (op, f"tidak {op}"))[1 if negate else 0]
            return f"{subj} {word} {amount_id}"
        word = words_en.get(op, (op, f"not {op}"))[1 if negate else 0]
        return f"{subj} {word} {amount_en}"

    # ---- selections

    def selection(self, sel: m.Selection, award: bool = False) -> str:
        per = field_words(sel.per, self.lang, article=False) if sel.per else None
        params: list[str] = []
        text = ""
        if sel.apportion is not None:
            by = field_words(sel.apportion.by, self.lang, article=False)
            top = self.bare(sel.top, params)
            if self.id:
                text = (
                    f"{top} teratas, kursinya dibagi sebanding banyaknya pengajuan per {by} "
                    "(metode sisa terbesar)"
                )
                if sel.apportion.min_each:
                    text += f", sedikitnya {sel.apportion.min_each} per {by}"
            else:
                text = (
                    f"the top {top}, seats shared in proportion to the entries per {by} "
                    "(largest remainder)"
                )
                if sel.apportion.min_each:
                    text += f", at least {sel.apportion.min_each} per {by}"
        elif sel.seats is not None:
            seats = ", ".join(f"{k} {self.bare(v, params)}" for k, v in sel.seats.items())
            text = f"kursi per {per}: {seats}" if self.id else f"seats per {per}: {seats}"
        elif sel.top is not None:
            top = self.bare(sel.top, params)
            if top == "1":
                text = "peringkat pertama" if self.id else "first place"
            else:
                text = f"{top} teratas" if self.id else f"the top {top}"
            if per:
                text += f" per {per}"
        if sel.threshold is not None:
            t = self.bare(sel.threshold, params)
            if text:
                text = (
                    f"nilai batas lulus {t}, lalu {text}" if self.id else f"a pass mark of {t}, then {text}"
                )
            else:
                text = (
                    f"semua dengan nilai sedikitnya {t}"
                    if self.id
                    else f"everyone with a score of at least {t}"
                )
        if params:
            text += f" (parameter {', '.join(dict.fromkeys(params))})"
        if sel.ties == "include_all":
            if self.id:
                ties = "yang nilainya sama dengan urutan terakhir ikut " + (
                    "menerima" if award else "lolos"
                )
            else:
                ties = "entries tied with the last place all " + (
                    "receive it" if award else "advance"
                )
        else:
            ties = (
                "nilai sama di batas diputus dengan penentu seri, lalu diundi"
                if self.id
                else "ties at the cut-off are broken by the tie-break, then by lot"
            )
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
    if lang == "id":
        out.append(f"{_w('rounding', lang)}: {places} angka di belakang koma, {mode}{_at(r.rounding, lang)}")
    else:
        out.append(
            f"{_w('rounding', lang)}: {places} decimal place{'s' if places != 1 else ''}, {mode}"
            f"{_at(r.rounding, lang)}"
        )
    return out


def _at(rounding: m.Rounding, lang: str) -> str:
    """Where a ruleset rounds, when not at every step (``rounding.at``)."""
    if rounding.at == m.ROUNDING_STEPS:
        return ""
    if not rounding.at:
        return (", hanya nilai akhir (nilai sebelumnya dihitung tepat)" if lang == "id"
                else ", the final score only (values before it are computed exactly)")
    words = {"judge_total": ("total juri", "judges' totals"), "aggregate": ("nilai para juri", "judges' aggregate"),
             "combined": ("nilai gabungan", "combined score")}
    steps = ", ".join(words[s][0 if lang == "id" else 1] for s in rounding.at)
    return (f", pada: {steps} dan nilai akhir" if lang == "id"
            else f", at: {steps} and the final score")


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
    en, idn = declared.describe()
    return f" ({idn if lang == 'id' else en})"


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
            if lang == "id":
                lines.append(
                    f"      {_w('condition', lang)}: paling banyak {most} pengajuan per "
                    f"{per}{note}; bila lebih, yang diterima {keep}"
                )
            else:
                entries = "entry" if most == "1" else "entries"
                lines.append(
                    f"      {_w('condition', lang)}: at most {most} {entries} per {per}{note}; "
                    f"when there are more, {keep} {'is' if most == '1' else 'are'} accepted"
                )
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


def _judging(s: m.Stage, words: _Words, lang: str) -> list[str]:
    j = s.judges
    idn = lang == "id"
    if s.scoring == "plugin":
        return [
            "nilai tahap ini dihitung oleh plugin" if idn else "this stage is scored by a plugin"
        ]
    aggregate = {
        "mean": ("rata-rata nilai para juri", "the mean of the judges' totals"),
        "median": ("median nilai para juri", "the median of the judges' totals"),
        "trimmed_mean": (
            f"rata-rata setelah {j.trim} nilai tertinggi dan {j.trim} terendah dibuang",
            f"the mean after dropping the {j.trim} highest and {j.trim} lowest totals",
        ),
        "normalised_mean": (
            "rata-rata nilai yang dinormalkan per juri (juri yang menilai sedikitnya "
            f"{j.min_scored} pengajuan)",
            "the mean of totals normalised per judge (judges who scored at least "
            f"{j.min_scored} entries)",
        ),
    }.get(j.aggregate, (j.aggregate, j.aggregate))
    too_few = _pick(_TOO_FEW[j.too_few], lang)
    if idn:
        out = [f"juri: {aggregate[0]}; sedikitnya {j.min} juri per pengajuan; {too_few}"]
    else:
        judge_s = "judge" if j.min == 1 else "judges"
        out = [f"judges: {aggregate[1]}; at least {j.min} {judge_s} per entry; {too_few}"]
    if j.max_spread is not None:
        spread = _number(j.max_spread, lang)
        out.append(
            f"ditandai bila selisih nilai antarjuri lebih dari {spread}"
            if idn
            else f"flagged when the judges' totals differ by more than {spread}"
        )
    for c in j.conflicts:
        judge = _judge_field(c.judge, lang)
        entry = field_words(c.submission, lang)
        out.append(
            f"konflik kepentingan: juri tidak menilai pengajuan bila {judge} sama dengan {entry}"
            if idn
            else f"conflict of interest: a judge does not score an entry when {judge} is {entry}"
        )
    return out


def _stage_lines(r: m.Ruleset, s: m.Stage, words: _Words, lang: str) -> list[str]:
    idn = lang == "id"
    out: list[str] = []
    if s.kind == "screening":
        if s.rules is None:
            out.append("memeriksa semua syarat peserta" if idn else "checks every eligibility rule")
        else:
            listed = ", ".join(s.rules)
            out.append(
                f"memeriksa syarat: {listed}" if idn else f"checks the eligibility rules: {listed}"
            )
    elif s.rules is not None:
        listed = ", ".join(s.rules)
        out.append(
            f"memeriksa syarat: {listed}" if idn else f"checks the eligibility rules: {listed}"
        )
    if s.kind in ("assessment", "presentation"):
        out.extend(_judging(s, words, lang))
    if s.combine:

        def stage_score(stage_id: str) -> str:
            if stage_id == s.id:
                return "nilai tahap ini" if idn else "this stage's score"
            name = words.stage_name(stage_id)
            return f"nilai tahap {name}" if idn else f"the score of stage {name}"

        formula = " + ".join(
            f"{_number(c.weight, lang)} × {stage_score(c.stage)}" for c in s.combine
        )
        out.append(
            f"nilai akhir tahap = {formula}" if idn else f"the stage's final score = {formula}"
        )
    for a in s.adjustments:
        params: list[str] = []
        amount: Any = a.add
        if isinstance(amount, m.Param):
            params.append(amount.name)
            amount = r.parameters.get(amount.name)
        if isinstance(amount, (Decimal, int)) and not isinstance(amount, bool):
            sign = "+" if amount >= 0 else "−"
            points = f"{sign}{_number(-amount if amount < 0 else amount, lang)}"
            if idn:
                kind = "bonus" if amount >= 0 else "pengurangan"
            else:
                kind = "bonus" if amount >= 0 else "penalty"
        else:
            points = words.number(a.add)
            kind = "bonus/pengurangan" if idn else "bonus/penalty"
        unit = "poin" if idn else ("point" if points in ("+1", "−1") else "points")
        note = f" (parameter {params[0]})" if params else ""
        text = f"{kind} {a.id}: {points} {unit}{note}"
        if a.when is not None:
            text += f" {'jika' if idn else 'if'} {words.condition(a.when)}"
        out.append(text)
        if a.message is not None:
            out.append(f"    {words.message(a.message)}")
        out.extend(f"    {n}" for n in _notes(a, lang, ""))
    if s.adjustment_cap is not None:
        cap = words.number(s.adjustment_cap)
        out.append(
            f"jumlah bonus dan pengurangan paling banyak {cap} poin"
            if idn
            else f"bonuses and penalties add up to at most {cap} points"
        )
    if s.tie_break:
        links = []
        for t in s.tie_break:
            if t.by == "criterion" and t.stage not in (None, s.id):
                name = words.criterion_name(words.stage_rubric(t.stage), t.ref)
                at = words.stage_name(t.stage)
                what = (f"nilai kriteria {name} di tahap {at}" if idn
                        else f"the score of criterion {name} at stage {at}")
            elif t.by == "criterion":
                name = words.criterion_name(s.rubric, t.ref)
                what = f"nilai kriteria {name}" if idn else f"the score of criterion {name}"
            elif t.by == "stage" and t.ref == s.id:
                what = ("nilai juri tahap ini sebelum digabung dan ditambah" if idn
                        else "this stage's judges' score before combining and adjustments")
            elif t.by == "stage":
                name = words.stage_name(t.ref)
                what = f"nilai tahap {name}" if idn else f"the score of stage {name}"
            else:
                what = field_words(t.ref, lang)
            date = t.by == "field" and t.ref in _DATE_FIELDS
            if t.order == "desc":
                order = (
                    ("paling akhir dahulu" if date else "tertinggi dahulu")
                    if idn
                    else ("latest first" if date else "highest first")
                )
            else:
                order = (
                    ("paling awal dahulu" if date else "terendah dahulu")
                    if idn
                    else ("earliest first" if date else "lowest first")
                )
            links.append(f"{what}, {order}")
        joiner = "; lalu " if idn else "; then "
        out.append(f"{'penentu seri' if idn else 'tie-break'}: {joiner.join(links)}")
    if s.advance is not None:
        out.append(f"{'yang lolos' if idn else 'who advances'}: {words.selection(s.advance)}")
    elif s.kind in ("assessment", "presentation"):
        out.append(
            "yang lolos: semua yang dinilai (tanpa batas)"
            if idn
            else "who advances: every entry scored (no cut-off)"
        )
    if s.kind == "verification":
        verdict = _pick(_VERDICT[s.missing_verdict], lang)
        out.append(
            f"pengajuan tanpa hasil verifikasi: {verdict}"
            if idn
            else f"an entry without a verdict is {verdict}"
        )
        if s.confirm is not None:
            top = words.number(s.confirm.top)
            if idn:
                freed = ("diisi peringkat berikutnya" if s.confirm.freed == "fill"
                         else "dibiarkan kosong")
                out.append(f"kunjungan memilih {top} teratas menurut peringkat tahap bernilai "
                           f"terakhir; kursi yang kosong karena kunjungan gagal {freed}")
            else:
                freed = ("is filled by the next ranked entry" if s.confirm.freed == "fill"
                         else "stays empty")
                out.append(f"the visits choose the top {top} of the last scored stage's "
                           f"ranking; a seat freed by a failed visit {freed}")
    return out


def _objection_lines(period: m.ObjectionPeriod, lang: str) -> list[str]:
    """The objection period in words, with its own source and assumption."""
    if lang == "id":
        policy = (
            "tetap lolos sebagai kursi tambahan"
            if period.displaced == "extra_seats"
            else "tahap diperingkat ulang, jumlah yang lolos tetap"
        )
        head = (
            f"masa sanggah: {period.days} hari kalender sejak pengumuman; peserta yang "
            f"sudah diumumkan lalu tergeser oleh sanggahan: {policy}"
        )
    else:
        policy = (
            "keeps the place as an extra seat"
            if period.displaced == "extra_seats"
            else "the stage is ranked again and the count holds"
        )
        head = (
            f"objection period: {period.days} calendar days from the announcement; an "
            f"announced entrant displaced by an objection: {policy}"
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
    idn = lang == "id"
    names = {s.id: _titled(s.name, s.id, lang) for s in r.stages}
    lines = []
    for a in r.awards:
        stage = names.get(a.stage, a.stage)
        if a.rank is None:
            how = f"semua yang lolos tahap {stage}" if idn else f"everyone who passed stage {stage}"
        else:
            how = (
                f"dari yang lolos tahap {stage}: {words.selection(a.rank, award=True)}"
                if idn
                else f"of those who passed stage {stage}: {words.selection(a.rank, award=True)}"
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
    if lang not in ("id", "en"):
        raise ValueError(f"lang must be 'id' or 'en', not {lang!r}")
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
