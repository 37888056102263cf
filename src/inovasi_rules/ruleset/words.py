"""A rule change in words for a meeting: "Bobot kriteria Kebaruan pada Presentasi: 20 → 10".

:func:`inovasi_rules.whatif.diff_rulesets` finds where two rulesets differ as paths
(``rubrics[presentasi].criteria[kebaruan].weight``); this module names each path's
parts with the names the rulesets give them, in both languages. A path it has no words
for is left as it is (the report then shows the path).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..messages import Formatter
from .model import Label, Ruleset

__all__ = ["change_words", "value_words"]

_ID = r"\[([^\]]+)\]"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _name(label: Label | None, fallback: str) -> Label:
    return label if label is not None else Label(fallback)


def _names(rulesets: tuple[Ruleset, ...]) -> dict[str, dict[str, Label]]:
    """Names by kind and id, from every ruleset given (the later win)."""
    out: dict[str, dict[str, Label]] = {
        "rubric": {}, "criterion": {}, "stage": {}, "eligibility": {}, "award": {}, "adjustment": {},
    }
    for rs in rulesets:
        for r in rs.rubrics:
            out["rubric"][r.id] = _name(r.name, r.id)

            def walk(criteria: tuple[object, ...], rubric: str = r.id) -> None:
                for c in criteria:
                    cid = getattr(c, "id", "")
                    out["criterion"][f"{rubric}/{cid}"] = _name(getattr(c, "name", None), cid)
                    walk(getattr(c, "subcriteria", ()))

            walk(r.criteria)
        for s in rs.stages:
            out["stage"][s.id] = _name(s.name, s.id)
            for a in s.adjustments:
                out["adjustment"][f"{s.id}/{a.id}"] = _name(getattr(a, "message", None), a.id)
        for e in rs.eligibility:
            out["eligibility"][e.id] = _name(getattr(e, "name", None), e.id)
        for w in rs.awards:
            out["award"][w.id] = _name(w.name, w.id)
    return out


def _both(make: Callable[[str], str]) -> Label:
    return Label(make("id"), make("en"))


def change_words(path: str, a: Ruleset, b: Ruleset) -> Label | None:
    """What the change at ``path`` is about, in words, or ``None`` for a path without
    words (the caller shows the path).

    >>> from inovasi_rules import load_ruleset
    >>> kipp = load_ruleset("kipp-2019")
    >>> change_words("rubrics[presentasi].criteria[kebaruan].weight", kipp, kipp).id
    'Bobot kriteria Kebaruan pada Presentasi dan wawancara'
    """
    names = _names((a, b))

    def n(kind: str, key: str) -> Callable[[str], str]:
        label = names[kind].get(key, Label(key.rsplit("/", 1)[-1]))
        return label.text

    def t(text: str, **parts: Callable[[str], str]) -> Label:
        return _both(lambda lang: Formatter(lang).t(text, **{k: f(lang) for k, f in parts.items()}))

    if m := re.fullmatch(r"parameters\.(.+)", path):
        return Label(f"Parameter {m[1]}", f"Parameter {m[1]}")
    if m := re.fullmatch(rf"rubrics{_ID}\.criteria{_ID}(?:\.subcriteria{_ID})?\.weight", path):
        crit = m[3] or m[2]
        return t("Weight of the criterion {criterion} in {rubric}",
                 criterion=n("criterion", f"{m[1]}/{crit}"), rubric=n("rubric", m[1]))
    if m := re.fullmatch(rf"rubrics{_ID}\.criteria{_ID}(?:\.subcriteria{_ID})?", path):
        crit = m[3] or m[2]
        return t("The criterion {criterion} in {rubric}",
                 criterion=n("criterion", f"{m[1]}/{crit}"), rubric=n("rubric", m[1]))
    if m := re.fullmatch(rf"stages{_ID}\.advance\.top", path):
        return t("Entries advancing from {stage}", stage=n("stage", m[1]))
    if m := re.fullmatch(rf"stages{_ID}\.advance\.(.+)", path):
        field = m[2]
        return t("Who advances from {stage} ({field})", stage=n("stage", m[1]), field=lambda _l: field)
    if m := re.fullmatch(rf"stages{_ID}\.judges\.(.+)", path):
        field = m[2]
        return t("Judges at {stage} ({field})", stage=n("stage", m[1]), field=lambda _l: field)
    if m := re.fullmatch(rf"stages{_ID}\.combine(?:{_ID})?.*", path):
        return t("How {stage} combines the scores of its stages", stage=n("stage", m[1]))
    if m := re.fullmatch(rf"stages{_ID}\.adjustments{_ID}(?:\.(.+))?", path):
        return t("The adjustment {adjustment} at {stage}",
                 adjustment=n("adjustment", f"{m[1]}/{m[2]}"), stage=n("stage", m[1]))
    if m := re.fullmatch(rf"eligibility{_ID}(?:\.(.+))?", path):
        return t("The eligibility rule {rule}", rule=n("eligibility", m[1]))
    if m := re.fullmatch(rf"awards{_ID}(?:\.(.+))?", path):
        return t("The award {award}", award=n("award", m[1]))
    if m := re.fullmatch(rf"stages{_ID}(?:\.(.+))?", path):
        return t("The stage {stage}", stage=n("stage", m[1]))
    return None


def value_words(value: str | None, lang: str) -> str:
    """A value of a change as a reader writes it: numbers in the language's form
    (``0,4``), ``—`` for absent."""
    if value is None:
        return "—"
    if _NUMBER.fullmatch(value):
        return Formatter(lang).number(value)
    return value
