"""The report's charts (SVG, drawn with matplotlib)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..charts import RC, figure, svg
from ..ruleset.model import Label
from .compute import _fmt
from .history import (
    AwardChange,
)
from .model import EditionReport, WhatIfReport
from .words import _alt, _bi, _composition, _field_label, _main_award, _t

# --------------------------------------------------------------------------- charts

_A_COLOR = "#4472c4"
_B_COLOR = "#ed7d31"
_IN_COLOR = "#1a7f37"
_OUT_COLOR = "#cf222e"
_GREY = "#9aa4ad"


def _rank_chart(ed: EditionReport, award: AwardChange, lang: str) -> str | None:
    stage = ed.award_stages.get(award.award)
    rows = ed.comparison.ranks.get(stage or "", ())
    if not rows:
        return None
    cut = max(award.winners_a, award.winners_b)
    by_id = {r.submission: r for r in rows}
    # a line at the cut-off only where the winners are exactly the best `cut` (not with
    # seats per group, or when a later stage dropped someone)
    top = sorted(r.rank_a for x in award.ids_a if (r := by_id.get(x)) is not None and r.rank_a)
    contiguous = bool(top) and top == list(range(1, len(top) + 1)) and len(top) == cut
    focus_in, focus_out = set(award.gained), set(award.lost)
    margin = max(8, min(25, cut // 3))
    last = max(x for r in rows for x in (r.rank_a, r.rank_b) if x is not None)
    lo, hi = max(1, cut - margin), min(last, cut + margin)
    shown = [r for r in rows if r.submission in focus_in or r.submission in focus_out
             or any(x is not None and lo <= x <= hi for x in (r.rank_a, r.rank_b))]
    if not shown:
        return None
    ranks = [x for r in shown for x in (r.rank_a, r.rank_b) if x is not None]
    lo, hi = min([lo, *ranks]), max([hi, *ranks])
    unranked = any(r.rank_a is None or r.rank_b is None for r in shown)
    off = hi + max(2, (hi - lo) // 12) if unranked else hi  # where "not ranked" is drawn
    label_focus = len(focus_in) + len(focus_out) <= 12
    fig = figure(5.4, 5.2, f"{ed.edition}-ranks-{award.award}")
    ax = fig.add_subplot()
    tags: dict[int, list[tuple[float, str, str]]] = {0: [], 1: []}  # side -> (y, text, colour)
    for layer in (0, 1):
        for r in shown:
            if r.submission in focus_in:
                color, lw, z = _IN_COLOR, 2.0, 3
            elif r.submission in focus_out:
                color, lw, z = _OUT_COLOR, 2.0, 3
            else:
                color, lw, z = _GREY, 0.7, 1
            if (z == 3) != bool(layer):
                continue
            ya = r.rank_a if r.rank_a is not None else off
            yb = r.rank_b if r.rank_b is not None else off
            ax.plot([0, 1], [ya, yb], color=color, lw=lw, zorder=z, marker="o", ms=3)
            if z == 3 and label_focus:  # with many, the lists above name them
                for side, at in ((0, ya), (1, yb)):
                    if at != off:
                        tags[side].append((float(at), r.submission, color))
    gap = (off - lo + 2) / 32  # the height of a label, in ranks
    for side, items in tags.items():
        previous = -1e9
        for rank_y, text, tint in sorted(items):
            shown_at = max(rank_y, previous + gap)  # push a label down rather than overlap
            previous = shown_at
            ax.annotate(text, (side, rank_y), xytext=(1.06 if side else -0.06, shown_at),
                        textcoords="data", va="center",
                        ha="left" if side else "right", fontsize=8, color=tint,
                        arrowprops={"arrowstyle": "-", "color": tint, "lw": 0.5, "alpha": 0.6})
    if contiguous:
        ax.axhline(cut + 0.5, color="#57606a", ls="--", lw=1)
    ax.set_xticks([0, 1], [f"A: {ed.ruleset_a}", f"B: {ed.ruleset_b}"])
    ax.set_xlim(-0.45, 1.45)
    pad = max(1, (off - lo) // 30)
    ax.set_ylim(off + pad, lo - pad)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ticks = [int(t) for t in ax.get_yticks() if lo <= t <= hi]
    labels = [str(t) for t in ticks]
    if unranked:
        ax.axhline(off, color="#d0d7de", lw=6, zorder=0)
        ticks.append(off)
        labels.append(_t("not_ranked", lang))
    ax.set_yticks(ticks, labels)
    stage_name = next((s.name for s in ed.comparison.stages if s.stage == stage), Label(stage or ""))
    ax.set_ylabel(f"{_bi('rank', lang)}: {stage_name.text(lang)}")
    cut_note = f" (- - {_t('cutoff', lang)} {cut})" if contiguous else ""
    ax.set_title(f"{_bi('ranks', lang)}\n{award.name.text(lang)}{cut_note}")
    return svg(fig)


def _score_chart(ed: EditionReport, lang: str) -> str | None:
    sets = [s for s in ed.scores if s.a or s.b]
    if not sets:
        return None
    fig = figure(3.4 * len(sets) + 0.4, 3.2, f"{ed.edition}-scores")
    axes = fig.subplots(1, len(sets), squeeze=False)[0]
    for ax, s in zip(axes, sets, strict=True):
        a = [float(x) for x in s.a]
        b = [float(x) for x in s.b]
        lo, hi = min(a + b), max(a + b)
        bins: Any = [lo + (hi - lo) * i / 30 for i in range(31)] if hi > lo else 10
        ax.hist(a, bins=bins, histtype="stepfilled", color=_A_COLOR, alpha=0.35, label=f"A: {ed.ruleset_a}")
        ax.hist(b, bins=bins, histtype="step", lw=1.8, color=_B_COLOR, label=f"B: {ed.ruleset_b}")
        for cut, color, ls, tag in ((s.cut_a, _A_COLOR, "--", "A"), (s.cut_b, _B_COLOR, ":", "B")):
            if cut is not None:
                ax.axvline(float(cut), color=color, ls=ls, lw=1.2, label=f"{_t('lowest_pass', lang)} {tag}")
        ax.set_title(s.name.text(lang), fontsize=10)
        ax.set_xlabel(_bi("score", lang))
        ax.set_ylabel(_t("submissions", lang))
        ax.legend(frameon=False, fontsize=7, loc="upper left")
    fig.suptitle(_bi("scores", lang), fontsize=11)
    return svg(fig)


def _composition_chart(ed: EditionReport, award: AwardChange, lang: str) -> str | None:
    comp = [(f, rows) for f, rows in _composition(ed, award.award, lang) if len(rows) >= 2]
    if not comp:
        return None
    trimmed = []
    for field, rows in comp:
        if len(rows) > 12:
            rest = rows[12:]
            rows = [*rows[:12], (f"+{len(rest)} {_t('more', lang)}", sum(r[1] for r in rest), sum(r[2] for r in rest))]
        trimmed.append((field, rows))
    heights = [0.26 * len(rows) + 0.7 for _, rows in trimmed]
    fig = figure(6.6, sum(heights) + 0.6, f"{ed.edition}-composition-{award.award}")
    axes = fig.subplots(len(trimmed), 1, squeeze=False, height_ratios=heights)[:, 0]
    for ax, (field, rows) in zip(axes, trimmed, strict=True):
        y = list(range(len(rows)))
        ax.barh([i - 0.2 for i in y], [r[1] for r in rows], height=0.4, color=_A_COLOR, label=f"A: {ed.ruleset_a}")
        ax.barh([i + 0.2 for i in y], [r[2] for r in rows], height=0.4, color=_B_COLOR, label=f"B: {ed.ruleset_b}")
        for i, (_, na, nb) in enumerate(rows):
            if na != nb:
                ax.text(max(na, nb) + 0.3, i, f"{nb - na:+d}", va="center", fontsize=8,
                        color=_IN_COLOR if nb > na else _OUT_COLOR)
        ax.set_yticks(y, [r[0] for r in rows])
        ax.invert_yaxis()
        ax.set_title(_field_label(field, lang), fontsize=10, loc="left")
        ax.xaxis.get_major_locator().set_params(integer=True)
    axes[0].legend(frameon=False, fontsize=8, loc="lower right")
    fig.suptitle(f"{_bi('composition', lang)}: {award.name.text(lang)}", fontsize=11)
    return svg(fig)


def _sweep_chart(report: WhatIfReport, lang: str) -> str | None:
    if not report.sweep:
        return None
    numeric = all(isinstance(p.value, (int, float, Decimal)) and not isinstance(p.value, bool)
                  for p in report.sweep)
    xs: list[Any] = [float(p.value) for p in report.sweep] if numeric else list(range(len(report.sweep)))
    n_lines = sum(len(report.sweep[0].awards.get(ed.edition, ())) for ed in report.editions)
    fig = figure(6.6, 3.4 + 0.2 * n_lines, "sweep")
    ax = fig.add_subplot()
    for ed in report.editions:
        for award in report.sweep[0].awards.get(ed.edition, ()):
            ys = []
            for p in report.sweep:
                found = next((a for a in p.awards.get(ed.edition, ()) if a.award == award.award), None)
                ys.append(len(found.gained) if found is not None else 0)
            prefix = f"{ed.edition}: " if len(report.editions) > 1 else ""
            ax.plot(xs, ys, marker="o", label=f"{prefix}{award.name.text(lang)}")
    if not numeric or all(float(x).is_integer() for x in xs):
        ax.set_xticks(xs, [_fmt(p.value) for p in report.sweep])
    ax.set_xlabel(f"{report.sweep_parameter}")
    ax.set_ylabel(f"{_t('gained', lang)} / {_alt('gained', lang)}")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(0, -0.22))
    ax.set_title(f"{_bi('sweep', lang)}: {report.sweep_parameter}")
    return svg(fig)


def _charts(ed: EditionReport, lang: str) -> dict[str, list[str]]:
    """The edition's charts as inline SVG: ``ranks`` (one per award with changes, or the
    main award), ``scores`` and ``composition``."""
    import matplotlib

    out: dict[str, list[str]] = {"ranks": [], "scores": [], "composition": []}
    with matplotlib.rc_context(RC):
        c = ed.comparison
        changed = [a for a in c.awards if a.gained or a.lost]
        main = _main_award(ed)
        for a in (changed or ([main] if main is not None else []))[:3]:
            chart = _rank_chart(ed, a, lang)
            if chart:
                out["ranks"].append(chart)
        chart = _score_chart(ed, lang)
        if chart:
            out["scores"].append(chart)
        if main is not None:
            chart = _composition_chart(ed, main, lang)
            if chart:
                out["composition"].append(chart)
    return out
