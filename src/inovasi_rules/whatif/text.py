"""The report as a few lines for a terminal, and the values of a sweep."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..messages import language
from .compute import _fmt
from .model import WhatIfReport, _num
from .words import _headline, _no_change, _noise_lines, _repro_text, _sweep_lines, _t

# --------------------------------------------------------------------------- terminal


def parse_values(text: str) -> list[Any]:
    """``"5,10,15"`` -> ``[5, 10, 15]`` (each value read like a YAML scalar).

    >>> parse_values("5, 7.5,ya")
    [5, Decimal('7.5'), 'ya']
    """
    from ..yamlpos import load_yaml, to_plain

    out = []
    for part in text.split(","):
        v = to_plain(load_yaml(part.strip() or "''", "--sweep"))
        out.append(Decimal(str(v)) if isinstance(v, float) else v)
    return out


def summarize(report: WhatIfReport, lang: str = "id") -> str:
    """A few lines for the terminal: per edition, the reproduction and per award who
    enters and leaves; then the sweep."""
    language(lang)
    lines = list(_headline(report, lang))
    for ed in report.editions:
        c = ed.comparison
        lines.append(f"{ed.label} [{ed.edition}], {_num(ed.submissions, lang)} {_t('submissions', lang)}: "
                     f"A {ed.ruleset_a}, B {ed.ruleset_b}")
        mark = "" if ed.reproduction is None else "✔ " if ed.reproduction.reproduced else "✘ "
        lines.append(f"  {mark}{_repro_text(ed.reproduction, lang)}")
        if ed.reproduction is not None:
            for m in ed.reproduction.mismatches[:10]:
                lines.append(f"     {m.submission}: {m.what} {m.recorded} ≠ {m.computed}: {m.reason.text(lang)}")
            if len(ed.reproduction.mismatches) > 10:
                lines.append(f"     +{len(ed.reproduction.mismatches) - 10} {_t('more', lang)}")
        for a in c.awards:
            lines.append(f"  {a.name.text(lang)}: A {a.winners_a}, B {a.winners_b}; "
                         f"+{len(a.gained)} {_t('gained', lang)}, −{len(a.lost)} {_t('lost', lang)}")
            for key, ids in (("who_enters", a.gained), ("who_leaves", a.lost)):
                if ids:
                    shown = ", ".join(ids[:8]) + (f" (+{len(ids) - 8})" if len(ids) > 8 else "")
                    lines.append(f"     {_t(key, lang)}: {shown}")
        taus = [f"{sid} {_num(round(t, 3), lang, 3)}" for sid, t in c.tau.items() if t is not None]
        if taus:
            lines.append("  Kendall tau: " + ", ".join(taus))
        head, noise = _noise_lines(report, ed, lang)
        if head:
            lines.append(f"  {head}:")
            lines.extend(f"     {x}" for x in noise)
        if not c.changed:
            lines.append(f"  {_t(_no_change(report), lang)}")
        for stage, ids in ed.unscored.items():
            lines.append(f"  ⚠ {_num(len(ids), lang)} {_t('unscored_short', lang)}: {stage} "
                         f"({'tidak pernah dinilai di tahap ini' if lang == 'id' else 'never scored at this stage'})")
    if report.sweep_parameter:
        lines.append(f"{_t('sweep', lang)} {report.sweep_parameter} = "
                     + ", ".join(_fmt(p.value) for p in report.sweep) + ":")
        for label, cells in _sweep_lines(report, lang):
            lines.append(f"  {label}: " + "; ".join(cells))
    return "\n".join(lines)
