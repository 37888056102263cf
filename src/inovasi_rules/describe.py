"""A resolved ruleset as readable text (what ``inovasi-rules show`` prints)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from . import model as m
from .conditions import describe_condition

__all__ = ["describe_ruleset"]

_T = {
    "level": ("Tingkat", "Level"),
    "organiser": ("Penyelenggara", "Organiser"),
    "year": ("Tahun", "Year"),
    "extends": ("Turunan dari", "Extends"),
    "parameters": ("Parameter", "Parameters"),
    "participants": ("Peserta", "Participants"),
    "categories": ("Kategori", "Categories"),
    "groups": ("Kelompok", "Groups"),
    "waves": ("Gelombang", "Waves"),
    "eligibility": ("Syarat", "Eligibility"),
    "rubrics": ("Rubrik", "Rubrics"),
    "stages": ("Tahapan", "Stages"),
    "awards": ("Penghargaan", "Awards"),
    "plugins": ("Plugin", "Plugins"),
    "source": ("sumber", "source"),
    "assumption": ("ASUMSI", "ASSUMPTION"),
    "rounding": ("Pembulatan", "Rounding"),
    "scale": ("skala", "scale"),
    "judges": ("juri", "judges"),
    "advance": ("lolos", "advance"),
    "combine": ("gabungan nilai", "combined score"),
    "tie_break": ("penentu seri", "tie-break"),
    "adjustment": ("penyesuaian", "adjustment"),
    "top": ("peringkat teratas", "top"),
    "per": ("per", "per"),
    "threshold": ("nilai minimal", "minimum score"),
    "seats": ("kursi", "seats"),
    "apportion": ("dibagi proporsional menurut", "apportioned by"),
    "ties": ("nilai sama", "ties"),
    "when": ("jika", "when"),
    "where": ("hanya untuk", "only for"),
    "cap": ("paling banyak", "at most"),
    "keep": ("yang dipertahankan", "kept"),
    "all_passed": ("semua yang lolos tahap", "everyone who passed stage"),
    "verdict": ("tanpa hasil verifikasi", "without a verdict"),
}
_KINDS = {
    "screening": ("seleksi administrasi", "screening"),
    "assessment": ("penilaian", "assessment"),
    "presentation": ("presentasi/wawancara", "presentation/interview"),
    "verification": ("verifikasi lapangan", "field verification"),
}


def _t(key: str, lang: str) -> str:
    i, e = _T[key]
    return i if lang == "id" else e


def _label(label: m.Label | None, fallback: str, lang: str) -> str:
    return label.text(lang) if label is not None else fallback


def _num(v: Any) -> str:
    if isinstance(v, m.Param):
        return f"{{{v.name}}}"
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v == v.to_integral() else format(v, "f")
    if isinstance(v, (list, tuple)):
        return ", ".join(_num(x) for x in v)
    return str(v)


def _notes(item: Any, lang: str) -> str:
    out = []
    if getattr(item, "source", None):
        out.append(f"[{_t('source', lang)}: {item.source}]")
    if getattr(item, "assumption", None):
        out.append(f"[{_t('assumption', lang)}: {item.assumption}]")
    return (" " + " ".join(out)) if out else ""


def _selection(sel: m.Selection, lang: str) -> str:
    parts = []
    if sel.apportion is not None:
        parts.append(f"{_t('top', lang)} {_num(sel.top)}, {_t('apportion', lang)} {sel.apportion.by}")
        if sel.apportion.min_each:
            parts.append(f"min {sel.apportion.min_each}")
    elif sel.seats is not None:
        seats = ", ".join(f"{k}: {_num(v)}" for k, v in sel.seats.items())
        parts.append(f"{_t('seats', lang)} {_t('per', lang)} {sel.per} ({seats})")
    elif sel.top is not None:
        per = f" {_t('per', lang)} {sel.per}" if sel.per else ""
        parts.append(f"{_t('top', lang)} {_num(sel.top)}{per}")
    if sel.threshold is not None:
        parts.append(f"{_t('threshold', lang)} {_num(sel.threshold)}")
    parts.append(f"{_t('ties', lang)}: {sel.ties}")
    return "; ".join(parts)


def _section(title: str, lines: Iterable[str]) -> list[str]:
    body = list(lines)
    return [f"\n{title}", *body] if body else []


def describe_ruleset(r: m.Ruleset, lang: str = "id") -> str:
    """The ruleset in words, every rule with its source or assumption.

    :param lang: ``"id"`` (Bahasa Indonesia) or ``"en"``.
    """
    out = [f"{r.name.text(lang)}  ({r.id})"]
    if r.description:
        out.append(r.description.text(lang))
    meta = [f"{_t('level', lang)}: {r.level}"]
    if r.organiser:
        meta.append(f"{_t('organiser', lang)}: {r.organiser.text(lang)}")
    if r.year:
        meta.append(f"{_t('year', lang)}: {r.year}")
    if r.extends:
        meta.append(f"{_t('extends', lang)}: {r.extends}")
    out.append(" | ".join(meta) + _notes(r, lang))
    out.append(f"{_t('rounding', lang)}: {r.rounding.places} ({r.rounding.mode})")
    out += _section(
        _t("parameters", lang), (f"  {k} = {_num(v)}" for k, v in r.parameters.items())
    )
    out += _section(
        _t("participants", lang),
        (f"  - {_label(k.name, k.id, lang)} ({k.id}){_notes(k, lang)}" for k in r.participant_kinds),
    )
    out += _section(
        _t("categories", lang),
        (f"  - {_label(c.name, c.id, lang)} ({c.id}){_notes(c, lang)}" for c in r.categories),
    )
    out += _section(
        _t("groups", lang),
        (f"  - {_label(g.name, g.id, lang)} ({g.id}){_notes(g, lang)}" for g in r.groups),
    )
    wave_lines = []
    for w in r.waves:
        window = f"{w.opens or '…'} – {w.closes or '…'}"
        wave_lines.append(
            f"  - {_label(w.name, w.id, lang)} ({w.id}): {', '.join(w.regions)}; {window}{_notes(w, lang)}"
        )
    out += _section(f"{_t('waves', lang)} ({r.wave_by})" if r.waves else "", wave_lines)
    elig = []
    for e in r.eligibility:
        elig.append(f"  - {e.id}: {e.message.text(lang)}{_notes(e, lang)}")
        if e.when is not None:
            elig.append(f"      {_t('when', lang)}: {describe_condition(e.when, lang)}")
        if e.cap is not None:
            elig.append(
                f"      {_t('cap', lang)} {_num(e.cap.max)} {_t('per', lang)} {', '.join(e.cap.per)}; "
                f"{_t('keep', lang)}: {e.cap.keep}"
            )
            if e.cap.where is not None:
                elig.append(f"      {_t('where', lang)}: {describe_condition(e.cap.where, lang)}")
        if e.where is not None:
            elig.append(f"      {_t('where', lang)}: {describe_condition(e.where, lang)}")
    out += _section(_t("eligibility", lang), elig)
    rub = []
    for rb in r.rubrics:
        rub.append(
            f"  - {_label(rb.name, rb.id, lang)} ({rb.id}), {_t('scale', lang)} "
            f"{_num(rb.scale.min)}–{_num(rb.scale.max)}{_notes(rb, lang)}"
        )

        def crit(cs: tuple[m.Criterion, ...], indent: str) -> None:
            for c in cs:
                rub.append(f"{indent}{_num(c.weight):>6}  {_label(c.name, c.id, lang)} ({c.id}){_notes(c, lang)}")
                crit(c.subcriteria, indent + "    ")

        crit(rb.criteria, "      ")
    out += _section(_t("rubrics", lang), rub)
    st = []
    for i, s in enumerate(r.stages, 1):
        kind = _KINDS.get(s.kind, (s.kind, s.kind))[0 if lang == "id" else 1]
        head = f"  {i}. {_label(s.name, s.id, lang)} ({s.id}): {kind}"
        if s.rubric:
            head += f", rubric {s.rubric}"
        st.append(head + _notes(s, lang))
        if s.kind in ("assessment", "presentation"):
            j = s.judges
            extra = f", trim {j.trim}" if j.aggregate == "trimmed_mean" else ""
            st.append(f"       {_t('judges', lang)}: {j.aggregate}{extra}, min {j.min} ({j.too_few})")
            for c in j.conflicts:
                st.append(f"       conflict: judge.{c.judge} = {c.submission}")
        if s.rules is not None:
            st.append(f"       rules: {', '.join(s.rules)}")
        if s.combine:
            st.append(
                f"       {_t('combine', lang)}: "
                + " + ".join(f"{_num(c.weight)} × {c.stage}" for c in s.combine)
            )
        for a in s.adjustments:
            cond = f" {_t('when', lang)} {describe_condition(a.when, lang)}" if a.when else ""
            st.append(f"       {_t('adjustment', lang)} {a.id}: {_num(a.add)}{cond}{_notes(a, lang)}")
        if s.tie_break:
            st.append(
                f"       {_t('tie_break', lang)}: "
                + ", ".join(f"{t.by} {t.ref} ({t.order})" for t in s.tie_break)
            )
        if s.advance is not None:
            st.append(f"       {_t('advance', lang)}: {_selection(s.advance, lang)}")
        if s.kind == "verification":
            st.append(f"       {_t('verdict', lang)}: {s.missing_verdict}")
    out += _section(_t("stages", lang), st)
    aw = []
    for award in r.awards:
        how = (_selection(award.rank, lang) if award.rank
               else f"{_t('all_passed', lang)} {award.stage}")
        aw.append(f"  - {_label(award.name, award.id, lang)} ({award.id}) @ {award.stage}: "
                  f"{how}{_notes(award, lang)}")
        if award.where is not None:
            aw.append(f"      {_t('where', lang)}: {describe_condition(award.where, lang)}")
    out += _section(_t("awards", lang), aw)
    if r.plugins:
        out += _section(_t("plugins", lang), (f"  - {p}" for p in r.plugins))
    return "\n".join(out) + "\n"
