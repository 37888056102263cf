"""The robustness report: panel diagnostics, rank confidence and sensitivity together.

:func:`robustness_report` runs all three on one edition and returns a
:class:`RobustnessReport`, which writes itself as JSON (:meth:`~RobustnessReport.to_json`,
schema ``inovasi_rules/schema/robustness.schema.json``), as a self-contained HTML page
with charts (:func:`render_html`) and as a short text (:func:`summarize`).
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from ..charts import RC, figure, svg
from ..messages import language
from .panel import StagePanel, panel_diagnostics
from .resample import Evaluator, RankConfidence, rank_confidence
from .sensitivity import AGGREGATIONS, Sensitivity, aggregation_sensitivity

if TYPE_CHECKING:
    from .. import Edition, Ruleset

__all__ = ["RobustnessReport", "render_html", "robustness_report", "robustness_schema", "summarize"]

#: ``progress(phase, done, total)``; phase is ``resample`` or ``sensitivity``.
Progress = Callable[[str, int, int], None]


@attrs.frozen
class RobustnessReport:
    """Everything :func:`robustness_report` found for one edition under one ruleset."""

    ruleset: str
    edition: str
    title: str | None
    panels: tuple[StagePanel, ...]
    confidence: RankConfidence
    sensitivity: Sensitivity

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (no timings, so the same seed gives the same bytes)."""
        def lab(x: Any) -> dict[str, str]:
            return {"id": x.id, "en": x.en or x.id}

        return {
            "schema_version": 1,
            "ruleset": self.ruleset,
            "edition": self.edition,
            "title": self.title,
            "panels": [
                {
                    "stage": p.stage, "name": lab(p.name), "aggregate": p.aggregate,
                    "entries": p.entries,
                    "alpha": None if p.alpha is None else str(p.alpha),
                    "meaning": lab(p.meaning),
                    "groups": [{"judges": list(g.judges), "entries": g.entries} for g in p.groups],
                    "min_shared": p.min_shared,
                    "warnings": [lab(w) for w in p.warnings],
                    "judges": [
                        {
                            "judge": j.judge, "entries": j.entries, "shared": j.shared,
                            "severity": None if j.severity is None else str(j.severity),
                            "spread": None if j.spread is None else str(j.spread),
                            "agreement": None if j.agreement is None else str(j.agreement),
                            "flags": list(j.flags),
                        }
                        for j in p.judges
                    ],
                }
                for p in self.panels
            ],
            "confidence": self.confidence.to_dict(),
            "sensitivity": self.sensitivity.to_dict(),
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """JSON text, keys sorted."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, sort_keys=True) + "\n"


def robustness_schema() -> dict[str, Any]:
    """The JSON Schema of :meth:`RobustnessReport.to_json` (draft 2020-12)."""
    from importlib import resources

    text = resources.files("inovasi_rules").joinpath("schema/robustness.schema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def robustness_report(
    ruleset: Ruleset,
    edition: Edition,
    *,
    replicates: int = 1000,
    seed: int = 0,
    level: Decimal | str = Decimal("0.9"),
    aggregations: tuple[str, ...] = AGGREGATIONS,
    weight_range: Decimal | str | None = Decimal("0.1"),
    parameters: Mapping[str, Any] | None = None,
    plugins: tuple[Any, ...] = (),
    load_entrypoints: bool | None = False,
    progress: Progress | None = None,
) -> RobustnessReport:
    """Panel diagnostics, rank confidence and sensitivity of ``edition`` under ``ruleset``.

    :param replicates: how many times the judges are resampled (1,000 for a decision;
        a few dozen for a first look).
    :param seed: the seed of the resampling: the same seed gives the same report.
    :param level: the share of replicates a rank interval covers, and the bounds of
        the zone at a cut-off (0.9: passing in 5% to 95% of replicates).
    :param parameters: parameter overrides, as for :func:`~inovasi_rules.evaluate`.
    :param plugins: plugin objects used by every evaluation.
    :param load_entrypoints: load installed plugins (off by default: the same result
        on every machine).
    :param progress: told ``(phase, done, total)`` as the work goes on.
    :raises KeyError: for an unknown parameter.

    >>> from inovasi_rules import load_ruleset, read_edition
    >>> report = robustness_report(load_ruleset("kipp-2019"),
    ...                            read_edition("examples/history/kipp-2019"), replicates=20)
    ... # doctest: +SKIP
    """
    from .. import evaluate

    overrides = dict(parameters or {})

    def run(r: Ruleset, ed: Edition) -> Any:
        return evaluate(r, ed, plugins=plugins, load_entrypoints=load_entrypoints,
                        parameters=overrides or None)

    evaluator: Evaluator = run
    base = run(ruleset, edition)  # checks the edition's and the caller's parameters, located
    # the variants resolve weights written as parameters: with the values in force
    params = {**edition.parameters, **overrides}
    rs = ruleset.with_parameters(**params) if params else ruleset
    note = progress or (lambda _p, _d, _t: None)
    conf = rank_confidence(rs, edition, replicates=replicates, seed=seed, level=level, result=base,
                           plugins=plugins, load_entrypoints=load_entrypoints, parameters=overrides or None,
                           progress=lambda d, t: note("resample", d, t))
    sens = aggregation_sensitivity(rs, edition, aggregations=aggregations, weight_range=weight_range,
                                   result=base, evaluator=evaluator,
                                   progress=lambda d, t: note("sensitivity", d, t))
    return RobustnessReport(
        ruleset=base.ruleset, edition=base.edition, title=edition.title,
        panels=panel_diagnostics(rs, base), confidence=conf, sensitivity=sens,
    )


# --------------------------------------------------------------------------- words

_W: dict[str, tuple[str, str]] = {
    "title": ("Laporan ketangguhan: juri dan peringkat di bawah ketidakpastian",
              "Robustness report: judges and ranks under uncertainty"),
    "panel": ("Diagnostik panel juri", "Panel diagnostics"),
    "conf": ("Keyakinan peringkat", "Rank confidence"),
    "sens": ("Kepekaan terhadap aturan agregasi dan bobot", "Sensitivity to the aggregation rule and weights"),
    "alpha": ("Reliabilitas antarjuri (alfa Krippendorff, interval)",
              "Inter-rater reliability (Krippendorff's alpha, interval)"),
    "groups": ("Kelompok juri (berbagi pengajuan)", "Judge groups (sharing entries)"),
    "judge": ("Juri", "Judge"),
    "entries": ("Pengajuan", "Entries"),
    "shared": ("Bersama", "Shared"),
    "severity": ("Keketatan", "Severity"),
    "spread": ("Sebaran", "Spread"),
    "agreement": ("Kesepakatan", "Agreement"),
    "flags": ("Tanda", "Flags"),
    "cutoff": ("Batas", "Cut-off"),
    "seats": ("Kursi", "Seats"),
    "clear": ("Pasti", "Clear"),
    "zone": ("Zona tak terbedakan", "Within judge noise"),
    "in_zone": ("Kursi diputuskan di zona", "Seats decided in the zone"),
    "expected": ("Harapan jumlah lolos", "Expected number passing"),
    "entry": ("Pengajuan", "Entry"),
    "rank": ("Peringkat", "Rank"),
    "interval": ("Selang peringkat", "Rank interval"),
    "expected_rank": ("Peringkat harapan", "Expected rank"),
    "prob": ("Peluang", "Probability"),
    "variant": ("Varian", "Variant"),
    "none": ("tidak ada", "none"),
    "severe": ("ketat", "severe"),
    "lenient": ("longgar", "lenient"),
    "disagrees": ("tidak sepakat", "disagrees"),
    "own": ("(aturan ruleset)", "(the ruleset's rule)"),
    "method": ("Metode", "Method"),
}


def _w(key: str, lang: str) -> str:
    i, e = _W[key]
    return i if lang == "id" else e


def _num(value: Decimal | Fraction | int | None, lang: str, places: int | None = None) -> str:
    """A number in the reader's form: ``1.234,5`` (id) or ``1,234.5`` (en)."""
    if value is None:
        return "–"
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    if places is not None:
        value = Decimal(value).quantize(Decimal(1).scaleb(-places))
    text = f"{value:,}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "id" else text


def _pct(count: int, total: int, lang: str) -> str:
    return _num(Fraction(count * 100, total), lang, 0) + "%"


def _method(conf: RankConfidence, lang: str) -> str:
    pct = _num(conf.level * 100, lang, 0)
    lo = _num((1 - conf.level) * 50, lang, 0)
    hi = _num((1 + conf.level) * 50, lang, 0)
    if lang == "id":
        return (f"{_num(conf.replicates, lang)} replikasi, seed {conf.seed}: untuk setiap pengajuan di "
                "setiap tahap bernilai, juri yang menilainya diundi ulang dengan pengembalian "
                "(bootstrap atas juri) dan seluruh ruleset diterapkan lagi. Selang peringkat memuat "
                f"{pct}% replikasi; zona tak terbedakan: pengajuan yang lolos di antara {lo}% dan "
                f"{hi}% replikasi.")
    return (f"{_num(conf.replicates, lang)} replicates, seed {conf.seed}: for every entry at every "
            "scored stage, the judges who scored it are drawn again with replacement (a bootstrap "
            f"over judges) and the whole ruleset is applied again. A rank interval covers {pct}% of "
            f"replicates; within judge noise: entries passing in between {lo}% and {hi}% of them.")


def summarize(report: RobustnessReport, lang: str = "id") -> str:
    """A short text for the terminal: reliability, flagged judges, the zone at each
    cut-off and the variants that change most."""
    language(lang)
    idn = lang == "id"
    conf = report.confidence
    out = [f"{report.ruleset} · {report.edition}", ""]
    for p in report.panels:
        out.append(f"{p.name.text(lang)}: α = {_num(p.alpha, lang)} — {p.meaning.text(lang)}")
        for j in p.flagged:
            flags = ", ".join(_w(f, lang) for f in j.flags)
            out.append(f"  {_w('judge', lang).lower()} {j.judge}: {flags} "
                       f"({_w('severity', lang).lower()} {_num(j.severity, lang)})")
        out.extend(f"  ! {w.text(lang)}" for w in p.warnings)
    out += ["", _method(conf, lang)]
    for c in conf.cutoffs:
        if idn:
            out.append(f"  {c.name.text(lang)}: {c.seats} kursi, {len(c.clear)} pasti; "
                       f"{c.seats_in_zone} kursi diputuskan di antara {len(c.zone)} pengajuan "
                       "dalam zona tak terbedakan")
        else:
            out.append(f"  {c.name.text(lang)}: {c.seats} seats, {len(c.clear)} clear; "
                       f"{c.seats_in_zone} seats decided among {len(c.zone)} entries within "
                       "judge noise")
    out.append("")
    out.append(_w("sens", lang))
    for v in report.sensitivity.variants:
        if v.kind != "aggregate":
            continue
        counts = ", ".join(f"{ch.cutoff.split(':', 1)[1]} {ch.changed}" for ch in v.changes)
        own = f" {_w('own', lang)}" if v.own else ""
        out.append(f"  {v.label.text(lang)}{own}: {counts or (v.error.text(lang) if v.error else '')}")
    weights = [v for v in report.sensitivity.variants if v.kind == "weight" and v.changes]
    if weights:
        worst = max(weights, key=lambda v: (sum(c.changed for c in v.changes), v.id))
        n = sum(c.changed for c in worst.changes)
        out.append(f"  {'paling peka' if idn else 'most sensitive'}: {worst.label.text(lang)} "
                   f"({n} {'perubahan' if idn else 'changes'})")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- charts

def _cutoff_chart(conf: RankConfidence, cid: str, lang: str) -> str | None:
    """The entries that passed in any replicate, ordered by their chance of passing: the
    clear ones, the zone, and below each bar the entry's rank interval at the stage."""
    import matplotlib

    cut = conf.cutoff(cid)
    stage = cut.ranked_by
    zone = set(cut.zone)
    rows = [e for e in conf.entries if e.counts.get(cid, 0) > 0 or e.id in cut.passed]
    if not rows:
        return None
    big = conf.replicates * 10**9
    rows.sort(key=lambda e: (-e.counts.get(cid, 0), e.rank.get(stage, big) if stage else 0, e.id))
    with matplotlib.rc_context(RC):
        fig = figure(9, 5.2 if stage else 3.0, f"cut-{cid}")
        axes = fig.subplots(2, 1, sharex=True, height_ratios=[1, 1.3]) if stage else [fig.subplots()]
        ax1 = axes[0]
        xs = list(range(1, len(rows) + 1))
        ps = [e.counts.get(cid, 0) / conf.replicates for e in rows]
        colors = ["#d08c00" if e.id in zone else ("#1b7f79" if p >= 0.5 else "#9aa5b1")
                  for e, p in zip(rows, ps, strict=True)]
        ax1.bar(xs, ps, color=colors, width=0.9)
        ax1.axvline(cut.seats + 0.5, color="#c0392b", lw=1.2, ls="--")
        ax1.text(cut.seats + 1, 1.0, f" {cut.seats} {_w('seats', lang).lower()}", color="#c0392b",
                 va="top", fontsize=9)
        ax1.set_ylim(0, 1.05)
        ax1.set_ylabel(_w("prob", lang))
        ax1.set_title(f"{cut.name.text(lang)}: " + (
            "pasti (hijau), zona tak terbedakan (jingga)" if lang == "id"
            else "clear (green), within judge noise (orange)"))
        if stage:
            ax2 = axes[1]
            for x, e in zip(xs, rows, strict=True):
                iv = e.intervals.get(stage)
                if iv is None:
                    continue
                c = "#d08c00" if e.id in zone else "#1b7f79"
                ax2.plot([x, x], [iv.low, iv.high], color=c, lw=2, solid_capstyle="butt")
                ax2.plot([x], [iv.median], marker="_", color="black", ms=5)
            ax2.axvline(cut.seats + 0.5, color="#c0392b", lw=1.2, ls="--")
            ax2.invert_yaxis()
            ax2.set_ylabel(_w("interval", lang) + f" ({_num(conf.level * 100, lang, 0)}%)")
        axes[-1].set_xlabel("pengajuan, urut menurut peluang lolos" if lang == "id"
                            else "entries, ordered by their chance of passing")
        return svg(fig)


def _severity_chart(panel: StagePanel, lang: str) -> str | None:
    import matplotlib

    rows = sorted((j for j in panel.judges if j.severity is not None), key=lambda j: (j.severity, j.judge))
    if len(rows) < 2:
        return None
    with matplotlib.rc_context(RC):
        fig = figure(9, 0.6 + 0.16 * len(rows) if len(rows) > 12 else 2.6, f"sev-{panel.stage}")
        ax = fig.subplots()
        ys = range(len(rows))
        colors = ["#c0392b" if j.flags else "#1b7f79" for j in rows]
        ax.barh(list(ys), [float(j.severity or 0) for j in rows], color=colors)
        ax.set_yticks(list(ys), [j.judge for j in rows], fontsize=7 if len(rows) > 20 else 9)
        ax.axvline(0, color="black", lw=0.8)
        ax.set_xlabel(_w("severity", lang) + (" (poin, selisih dari juri lain pada pengajuan yang sama)"
                                              if lang == "id" else
                                              " (points, offset from co-judges on the same entries)"))
        ax.set_title(panel.name.text(lang))
        return svg(fig)


# --------------------------------------------------------------------------- HTML

_CSS = """
body{font-family:"DejaVu Sans",system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1f2933;line-height:1.45}
h1{font-size:1.6em}h2{border-bottom:2px solid #1b7f79;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:.9em}
th,td{border:1px solid #cbd2d9;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f0f4f8}td.n{text-align:right;font-variant-numeric:tabular-nums}
.flag{color:#c0392b;font-weight:bold}.zone{background:#fff4d6}.warn{background:#fdecea;border-left:4px solid #c0392b;padding:.5em 1em}
.note{color:#52606d;font-size:.92em}figure{margin:1em 0}details summary{cursor:pointer}
@media print{body{max-width:none;font-size:12px}h2{break-before:page}}
"""


def _e(text: Any) -> str:
    return html.escape(str(text))


def _table(head: list[str], rows: list[list[str]], numeric: set[int] = frozenset(),  # type: ignore[assignment]
           row_class: list[str] | None = None) -> str:
    out = ["<table><thead><tr>", *(f"<th>{_e(h)}</th>" for h in head), "</tr></thead><tbody>"]
    for k, row in enumerate(rows):
        cls = f' class="{row_class[k]}"' if row_class and row_class[k] else ""
        out.append(f"<tr{cls}>" + "".join(
            f'<td class="n">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(row)
        ) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def render_html(report: RobustnessReport, lang: str = "id") -> str:
    """A self-contained HTML page (inline SVG charts, no scripts)."""
    language(lang)
    idn = lang == "id"
    conf = report.confidence
    parts = [f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">',
             f"<title>{_e(_w('title', lang))}: {_e(report.edition)}</title><style>{_CSS}</style></head><body>",
             f"<h1>{_e(_w('title', lang))}</h1>",
             f"<p>{_e(report.title or report.edition)} · ruleset <code>{_e(report.ruleset)}</code></p>"]
    # rank confidence first: it is what a meeting decides on
    parts.append(f"<h2>{_e(_w('conf', lang))}</h2><p class='note'>{_e(_method(conf, lang))}</p>")
    parts.append(_table(
        [_w("cutoff", lang), _w("seats", lang), _w("clear", lang), _w("zone", lang),
         _w("in_zone", lang), _w("expected", lang)],
        [[_e(c.name.text(lang)), str(c.seats), str(len(c.clear)), str(len(c.zone)),
          str(c.seats_in_zone), _num(c.expected, lang, 2)] for c in conf.cutoffs],
        numeric={1, 2, 3, 4, 5}))
    parts.append("<p>" + _e(
        "Zona tak terbedakan: pengajuan yang lolos di sebagian replikasi tetapi tidak cukup sering untuk "
        "disebut pasti. Kursi di zona ini diputuskan oleh siapa yang kebetulan menilai, bukan oleh "
        "perbedaan mutu yang dapat dibedakan panel." if idn else
        "Within judge noise: entries that pass in some replicates but not often enough to be called "
        "clear. The seats in this zone are decided by who happened to judge, not by a difference the "
        "panel can tell.") + "</p>")
    for c in conf.cutoffs:
        chart = _cutoff_chart(conf, c.id, lang)
        parts.append(f"<h3>{_e(c.name.text(lang))}</h3>")
        if chart:
            parts.append(f"<figure>{chart}</figure>")
        st = c.ranked_by
        rows, classes = [], []
        passed = set(c.passed)
        for sid in c.zone:
            e = conf.entry(sid)
            iv = e.intervals.get(st) if st else None
            rows.append([
                _e(sid), _e(e.title or ""), str(e.rank.get(st, "–")) if st else "–",
                ("✓" if sid in passed else ""),
                _pct(e.counts.get(c.id, 0), conf.replicates, lang),
                f"{iv.low}–{iv.high}" if iv else "–",
                _num(iv.expected, lang) if iv else "–",
            ])
            classes.append("zone")
        if rows:
            parts.append(f"<details open><summary>{_e(_w('zone', lang))}: {len(rows)}</summary>")
            parts.append(_table(
                [_w("entry", lang), "Judul" if idn else "Title", _w("rank", lang),
                 "Lolos dalam evaluasi" if idn else "Passed in the evaluation",
                 _w("prob", lang), _w("interval", lang), _w("expected_rank", lang)], rows,
                numeric={2, 4, 5, 6}, row_class=classes))
            parts.append("</details>")
        else:
            parts.append(f"<p>{_e(_w('zone', lang))}: {_e(_w('none', lang))}</p>")
    # panel
    parts.append(f"<h2>{_e(_w('panel', lang))}</h2>")
    for p in report.panels:
        parts.append(f"<h3>{_e(p.name.text(lang))}</h3>")
        parts.append(f"<p><b>{_e(_w('alpha', lang))}</b>: {_e(_num(p.alpha, lang))} — {_e(p.meaning.text(lang))}</p>")
        groups = "; ".join(
            f"{_num(len(g.judges), lang)} {'juri' if idn else 'judges'}, {_num(g.entries, lang)} "
            f"{'pengajuan' if idn else 'entries'}" for g in p.groups[:6])
        more = f"; +{len(p.groups) - 6}" if len(p.groups) > 6 else ""
        linked = (f"terhubung bila berbagi sedikitnya {p.min_shared} pengajuan" if idn
                  else f"linked when they share at least {p.min_shared} entries")
        parts.append(f"<p>{_e(_w('groups', lang))}, {_e(linked)}: {len(p.groups)} — {_e(groups)}{more}</p>")
        parts.extend(f"<p class='warn'>{_e(w.text(lang))}</p>" for w in p.warnings)
        chart = _severity_chart(p, lang)
        if chart:
            parts.append(f"<figure>{chart}</figure>")
        rows, classes = [], []
        for j in sorted(p.judges, key=lambda j: (not j.flags, j.severity if j.severity is not None else 0, j.judge)):
            flags = ", ".join(_w(f, lang) for f in j.flags)
            rows.append([_e(j.judge), str(j.entries), str(j.shared), _num(j.severity, lang),
                         _num(j.spread, lang), _num(j.agreement, lang),
                         f"<span class='flag'>{_e(flags)}</span>" if flags else ""])
            classes.append("zone" if j.flags else "")
        parts.append(f"<details{' open' if len(rows) <= 12 else ''}><summary>{_e(_w('judge', lang))}: "
                     f"{len(rows)}</summary>")
        parts.append(_table([_w(k, lang) for k in ("judge", "entries", "shared", "severity", "spread",
                                                    "agreement", "flags")],
                            rows, numeric={1, 2, 3, 4, 5}, row_class=classes))
        parts.append("</details>")
    # sensitivity
    sens = report.sensitivity
    parts.append(f"<h2>{_e(_w('sens', lang))}</h2>")
    parts.append("<p class='note'>" + _e(
        "Berapa pengajuan yang masuk (dan keluar) di setiap batas bila aturan diganti, dibandingkan "
        f"dengan ruleset apa adanya. Bobot: setiap kriteria diturunkan dan dinaikkan {_num(sens.weight_range * 100, lang, 0)}%, satu per satu."
        if idn else
        "How many entries enter (and leave) each cut-off when the rule is changed, against the ruleset "
        f"as written. Weights: each criterion moved down and up by {_num(sens.weight_range * 100, lang, 0)}%, one at a time.") + "</p>")
    names = dict(sens.cutoffs)
    rows = []
    for v in sens.variants:
        label = v.label.text(lang) + (f" {_w('own', lang)}" if v.own else "")
        if v.error is not None:
            rows.append([_e(label), *[_e(v.error.text(lang))] * len(sens.cutoffs)])
            continue
        cells = []
        for cid, _ in sens.cutoffs:
            ch = v.change(cid)
            ids = ", ".join(ch.entered)
            cells.append(str(ch.changed) + (f"<br><span class='note'>+ {_e(ids)}</span>" if ch.entered and len(ch.entered) <= 6 else ""))
        rows.append([_e(label), *cells])
    parts.append(_table([_w("variant", lang), *(names[c].text(lang) for c, _ in sens.cutoffs)], rows,
                        numeric=set(range(1, len(sens.cutoffs) + 1))))
    parts.append("</body></html>\n")
    return "".join(parts)
