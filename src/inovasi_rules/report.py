"""What-if reports: replay past editions under two rulesets and show the difference.

:func:`what_if` evaluates every past edition under the old rules (A) and the new rules
(B), checks that A reproduces the recorded outcome, compares the two, and optionally
sweeps one parameter of B over several values. :func:`render_markdown` and
:func:`render_html` turn the :class:`WhatIfReport` into a document for a meeting: the
HTML file is self-contained (inline CSS and SVG charts drawn with matplotlib), so it
opens offline and can be mailed as one file.

Needs the ``report`` extra for HTML: ``pip install "inovasi-rules[report]"``.
"""

from __future__ import annotations

import datetime
import html
import io
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from .engine import evaluate
from .history import Comparison, PastEdition, Reproduction, compare, reproduce, stage_scores
from .model import Ruleset
from .result import Result

__all__ = ["EditionReport", "SweepPoint", "WhatIfReport", "render_html", "render_markdown", "what_if"]


@attrs.frozen
class EditionReport:
    """One past edition replayed under A and B."""

    edition: str
    title: str | None
    submissions: int
    comparison: Comparison
    reproduction: Reproduction | None
    scores_a: tuple[Decimal, ...]
    scores_b: tuple[Decimal, ...]
    score_stage: str | None
    seconds: float
    findings_b: int = 0


@attrs.frozen
class SweepPoint:
    """The outcome for one value of the swept parameter, per edition and award."""

    value: Any
    winners: Mapping[str, Mapping[str, tuple[int, int, int]]]  # edition -> award -> (n, gained, lost)


@attrs.frozen
class WhatIfReport:
    """Everything a what-if run found."""

    ruleset_a: str
    ruleset_b: str
    title_a: str
    title_b: str
    changes: tuple[str, ...]
    editions: tuple[EditionReport, ...]
    sweep_parameter: str | None = None
    sweep: tuple[SweepPoint, ...] = ()
    created: str = ""
    seconds: float = 0.0


def _scored_stage(r: Result, ruleset: Ruleset) -> str | None:
    scored = [s.id for s in ruleset.stages if s.kind in ("assessment", "presentation")]
    return scored[-1] if scored else None


def what_if(
    ruleset_a: Ruleset,
    ruleset_b: Ruleset,
    editions: Sequence[PastEdition],
    *,
    changes: Sequence[str] = (),
    sweep: tuple[str, Sequence[Any]] | None = None,
    plugins: Iterable[Any] = (),
    load_entrypoints: bool | None = None,
    progress: Callable[[str], None] | None = None,
) -> WhatIfReport:
    """Replay ``editions`` under A and B, compare, and optionally sweep a parameter of B.

    :param changes: a description of what differs (e.g. the ``--set`` arguments).
    :param sweep: ``(parameter, values)``: B is evaluated once per value.
    :param progress: called with a short message before each evaluation.
    """
    t0 = time.perf_counter()
    plugins = list(plugins)
    reports = []
    note = progress or (lambda _msg: None)
    results_a: dict[str, Result] = {}
    for past in editions:
        e = past.edition
        t = time.perf_counter()
        note(f"{e.id}: A ({ruleset_a.id})")
        ra = evaluate(ruleset_a, e, plugins=plugins, load_entrypoints=load_entrypoints)
        note(f"{e.id}: B ({ruleset_b.id})")
        rb = evaluate(ruleset_b, e, plugins=plugins, load_entrypoints=load_entrypoints)
        results_a[e.id] = ra
        rep = reproduce(ra, past.outcomes) if past.outcomes is not None else None
        stage = _scored_stage(ra, ruleset_a)
        reports.append(
            EditionReport(
                e.id,
                e.title,
                len(e.submissions),
                compare(ra, rb),
                rep,
                tuple(stage_scores(ra, stage)) if stage else (),
                tuple(stage_scores(rb, stage)) if stage else (),
                stage,
                time.perf_counter() - t,
                len(rb.findings),
            )
        )
    points = []
    if sweep is not None:
        name, values = sweep
        for v in values:
            rs = ruleset_b.with_parameters(**{name: v})
            per_edition: dict[str, dict[str, tuple[int, int, int]]] = {}
            for past in editions:
                note(f"{past.edition.id}: {name}={v}")
                rv = evaluate(rs, past.edition, plugins=plugins, load_entrypoints=load_entrypoints)
                c = compare(results_a[past.edition.id], rv)
                per_edition[past.edition.id] = {
                    a.award: (a.winners_b, len(a.gained), len(a.lost)) for a in c.awards
                }
            points.append(SweepPoint(v, per_edition))
    return WhatIfReport(
        ruleset_a.id,
        ruleset_b.id,
        ruleset_a.name.both(),
        ruleset_b.name.both(),
        tuple(changes),
        tuple(reports),
        sweep[0] if sweep else None,
        tuple(points),
        datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        time.perf_counter() - t0,
    )


# --------------------------------------------------------------------------- text

_L = {
    "title": ("Laporan perbandingan aturan", "Rule-change report"),
    "old": ("Aturan lama (A)", "Old rules (A)"),
    "new": ("Aturan baru (B)", "New rules (B)"),
    "changes": ("Perubahan", "Changes"),
    "edition": ("Edisi", "Edition"),
    "submissions": ("pengajuan", "submissions"),
    "reproduce": ("Reproduksi hasil resmi dengan aturan A", "Reproducing the official outcome under A"),
    "reproduced": ("tereproduksi: semua {n} hasil sama", "reproduced: all {n} outcomes match"),
    "not_reproduced": ("TIDAK tereproduksi: {m} dari {n} berbeda", "NOT reproduced: {m} of {n} differ"),
    "no_outcomes": ("tidak ada outcomes.csv", "no outcomes.csv"),
    "funnel": ("Corong seleksi", "Selection funnel"),
    "stage": ("Tahap", "Stage"),
    "passed": ("lolos", "passed"),
    "awards": ("Penghargaan", "Awards"),
    "award": ("Penghargaan", "Award"),
    "winners": ("pemenang", "winners"),
    "gained": ("masuk", "enter"),
    "lost": ("keluar", "leave"),
    "who_enters": ("Yang masuk (hanya dengan B)", "Entering (only under B)"),
    "who_leaves": ("Yang keluar (hanya dengan A)", "Leaving (only under A)"),
    "rank": ("Perubahan peringkat", "Rank changes"),
    "tau": ("Korelasi peringkat Kendall tau", "Kendall's tau rank correlation"),
    "composition": ("Komposisi pemenang", "Composition of winners"),
    "no_change": ("Tidak ada perubahan.", "No change."),
    "sweep": ("Sapuan parameter", "Parameter sweep"),
    "value": ("nilai", "value"),
    "scores": ("Sebaran nilai", "Score distribution"),
    "seconds": ("detik", "seconds"),
    "made": ("Dibuat", "Made"),
    "findings": ("catatan data dengan aturan B", "data findings under B"),
    "differences": ("Perbedaan", "Differences"),
    "recorded": ("tercatat", "recorded"),
    "computed": ("hasil hitung", "computed"),
    "why": ("sebab", "why"),
}


def _l(key: str, lang: str) -> str:
    i, e = _L[key]
    return i if lang == "id" else e


def _bi(key: str) -> str:
    return f"{_L[key][0]} / {_L[key][1]}"


def render_markdown(report: WhatIfReport, lang: str = "id") -> str:
    """The report as Markdown."""
    def L(k: str) -> str:
        return _l(k, lang)

    out = [f"# {_bi('title')}", ""]
    out.append(f"- **{L('old')}**: {report.title_a} (`{report.ruleset_a}`)")
    out.append(f"- **{L('new')}**: {report.title_b} (`{report.ruleset_b}`)")
    if report.changes:
        out.append(f"- **{L('changes')}**: " + ", ".join(f"`{c}`" for c in report.changes))
    out.append(f"- {L('made')}: {report.created}, {report.seconds:.1f} {L('seconds')}")
    out.append("")
    for ed in report.editions:
        c = ed.comparison
        out.append(f"## {L('edition')} {ed.edition}" + (f": {ed.title}" if ed.title else ""))
        out.append("")
        out.append(f"{ed.submissions:,} {L('submissions')}; {ed.seconds:.1f} {L('seconds')}")
        out.append("")
        out.append(f"**{L('reproduce')}**: " + _repro_text(ed.reproduction, lang))
        if ed.reproduction is not None and ed.reproduction.mismatches:
            out.append("")
            out.append(f"| id | {L('recorded')} | {L('computed')} | {L('why')} |")
            out.append("|---|---|---|---|")
            for mm in ed.reproduction.mismatches[:30]:
                out.append(f"| {mm.submission} | {mm.what}: {mm.recorded} | {mm.computed} | {mm.reason.text(lang)} |")
            if len(ed.reproduction.mismatches) > 30:
                out.append(f"| … | +{len(ed.reproduction.mismatches) - 30} | | |")
        out.append("")
        out.append(f"### {L('funnel')}")
        out.append("")
        out.append(f"| {L('stage')} | A {L('passed')} | B {L('passed')} | {L('gained')} | {L('lost')} |")
        out.append("|---|---:|---:|---:|---:|")
        for s in c.stages:
            out.append(f"| {s.name.text(lang)} | {s.passed_a} | {s.passed_b} | {len(s.entered)} | {len(s.left)} |")
        out.append("")
        out.append(f"### {L('awards')}")
        out.append("")
        out.append(f"| {L('award')} | A | B | {L('gained')} | {L('lost')} |")
        out.append("|---|---:|---:|---:|---:|")
        for a in c.awards:
            out.append(f"| {a.name.text(lang)} | {a.winners_a} | {a.winners_b} | {len(a.gained)} | {len(a.lost)} |")
        out.append("")
        for a in c.awards:
            if not (a.gained or a.lost):
                continue
            out.append(f"**{a.name.text(lang)}**")
            out.append("")
            if a.gained:
                out.append(f"- {L('who_enters')}: " + ", ".join(_who(c, x) for x in a.gained))
            if a.lost:
                out.append(f"- {L('who_leaves')}: " + ", ".join(_who(c, x) for x in a.lost))
            out.append("")
        if not c.changed:
            out.append(L("no_change"))
            out.append("")
        taus = [f"{sid}: {t:.3f}" for sid, t in c.tau.items() if t is not None]
        if taus:
            out.append(f"**{L('tau')}**: " + "; ".join(taus))
            out.append("")
        main = c.awards[-1] if c.awards else None
        if main is not None:
            out.append(f"### {L('composition')}: {main.name.text(lang)}")
            out.append("")
            for field, (ca, cb) in c.composition[main.award].items():
                keys = sorted(set(ca) | set(cb))
                if keys == ["—"]:
                    continue
                out.append(f"| {field} | A | B |")
                out.append("|---|---:|---:|")
                for k in keys:
                    out.append(f"| {k} | {ca.get(k, 0)} | {cb.get(k, 0)} |")
                out.append("")
    if report.sweep_parameter:
        out.append(f"## {L('sweep')}: `{report.sweep_parameter}`")
        out.append("")
        out.extend(_sweep_table(report, lang))
        out.append("")
    return "\n".join(out) + "\n"


def _who(c: Comparison, sid: str) -> str:
    title = c.titles.get(sid)
    return f"{sid} ({title})" if title else sid


def _repro_text(rep: Reproduction | None, lang: str) -> str:
    if rep is None:
        return _l("no_outcomes", lang)
    if rep.reproduced:
        return _l("reproduced", lang).format(n=rep.checked)
    return _l("not_reproduced", lang).format(m=len(rep.mismatches), n=rep.checked)


def _sweep_table(report: WhatIfReport, lang: str) -> list[str]:
    def L(k: str) -> str:
        return _l(k, lang)

    rows = []
    head = [L("value")]
    cols: list[tuple[str, str]] = []
    if report.sweep:
        for ed, awards in report.sweep[0].winners.items():
            for aid in awards:
                cols.append((ed, aid))
                head.append(f"{ed} {aid} ({L('winners')}, +{L('gained')}, −{L('lost')})")
    rows.append("| " + " | ".join(head) + " |")
    rows.append("|" + "---|" * len(head))
    for p in report.sweep:
        cells = [str(p.value)]
        for ed, aid in cols:
            n, g, lo = p.winners[ed][aid]
            cells.append(f"{n} (+{g}, −{lo})")
        rows.append("| " + " | ".join(cells) + " |")
    return rows


# --------------------------------------------------------------------------- charts


def _svg(fig: Any) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]


def _charts(ed: EditionReport, lang: str) -> dict[str, str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.size": 9, "svg.fonttype": "none", "axes.spines.top": False,
                         "axes.spines.right": False})
    c = ed.comparison
    out: dict[str, str] = {}
    main = c.awards[-1] if c.awards else None
    # 1. rank changes at the stage the main award is decided on
    stage = ed.score_stage
    if stage and stage in c.ranks and main is not None:
        rows = [r for r in c.ranks[stage] if r.rank_a is not None and r.rank_b is not None]
        limit = max(main.winners_a, main.winners_b, 10)
        focus = {*main.gained, *main.lost}
        rows = [r for r in rows if (r.rank_a or 10**9) <= limit * 1.5 or (r.rank_b or 10**9) <= limit * 1.5 or r.submission in focus]
        fig, ax = plt.subplots(figsize=(6.4, 5.2))
        for r in rows:
            if r.submission in main.gained:
                color, lw, z = "#1a7f37", 1.8, 3
            elif r.submission in main.lost:
                color, lw, z = "#cf222e", 1.8, 3
            else:
                color, lw, z = "#8c959f", 0.6, 1
            ax.plot([0, 1], [float(r.rank_a or 0), float(r.rank_b or 0)], color=color, lw=lw, zorder=z, marker="o", ms=2.5)
            if r.submission in focus:
                ax.annotate(r.submission, (1, r.rank_b), xytext=(4, 0), textcoords="offset points",
                            va="center", fontsize=7, color=color)
        ax.axhline(main.winners_a + 0.5, color="#57606a", ls="--", lw=0.8)
        ax.set_xticks([0, 1], ["A", "B"])
        ax.invert_yaxis()
        ax.set_ylabel(f"{_l('rank', lang)} ({stage})")
        ax.set_title(f"{_bi('rank')}: {main.name.text(lang)}")
        out["ranks"] = _svg(fig)
    # 2. score distributions
    if ed.scores_a:
        fig, ax = plt.subplots(figsize=(6.4, 3.0))
        a = [float(x) for x in ed.scores_a]
        b = [float(x) for x in ed.scores_b]
        lo, hi = min(a + b), max(a + b)
        bins = [lo + (hi - lo) * i / 30 for i in range(31)] if hi > lo else 10
        ax.hist(a, bins=bins, histtype="step", lw=1.6, color="#0969da", label="A")
        ax.hist(b, bins=bins, histtype="step", lw=1.6, color="#bf8700", label="B", ls="--")
        ax.set_xlabel(f"{_l('scores', lang)} ({ed.score_stage})")
        ax.set_ylabel(_l("submissions", lang))
        ax.legend(frameon=False)
        ax.set_title(_bi("scores"))
        out["scores"] = _svg(fig)
    # 3. composition of the main award by participant kind (or the first field with data)
    if main is not None:
        for field, (ca, cb) in c.composition[main.award].items():
            keys = sorted(set(ca) | set(cb))
            if keys == ["—"] or len(keys) < 2:
                continue
            fig, ax = plt.subplots(figsize=(6.4, max(2.4, 0.28 * len(keys) + 1)))
            y = list(range(len(keys)))
            ax.barh([i - 0.2 for i in y], [ca.get(k, 0) for k in keys], height=0.4, color="#0969da", label="A")
            ax.barh([i + 0.2 for i in y], [cb.get(k, 0) for k in keys], height=0.4, color="#bf8700", label="B")
            ax.set_yticks(y, keys)
            ax.invert_yaxis()
            ax.set_xlabel(_l("winners", lang))
            ax.legend(frameon=False)
            ax.set_title(f"{_bi('composition')}: {main.name.text(lang)} ({field})")
            out["composition"] = _svg(fig)
            break
    return out


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:980px;margin:2rem auto;
padding:0 1rem;color:#1f2328;line-height:1.45}
h1{font-size:1.6rem;border-bottom:2px solid #d0d7de;padding-bottom:.3rem}
h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #d0d7de}
h3{font-size:1.05rem;margin-top:1.4rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}
th,td{border:1px solid #d0d7de;padding:.25rem .55rem;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
th{background:#f6f8fa}
.ok{color:#1a7f37;font-weight:600}.bad{color:#cf222e;font-weight:600}
.in{color:#1a7f37}.out{color:#cf222e}
.meta{color:#57606a;font-size:.9rem}
.charts{display:flex;flex-wrap:wrap;gap:1rem}.charts svg{max-width:100%;height:auto}
code{background:#f6f8fa;padding:0 .25rem;border-radius:3px}
"""

_TEMPLATE = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ L('title') }}: {{ r.ruleset_a }} → {{ r.ruleset_b }}</title>
<style>{{ css }}</style></head><body>
<h1>{{ bi('title') }}</h1>
<table>
<tr><th>{{ L('old') }}</th><td>{{ r.title_a }} <code>{{ r.ruleset_a }}</code></td></tr>
<tr><th>{{ L('new') }}</th><td>{{ r.title_b }} <code>{{ r.ruleset_b }}</code></td></tr>
{% if r.changes %}<tr><th>{{ L('changes') }}</th><td>{% for c in r.changes %}<code>{{ c }}</code> {% endfor %}</td></tr>{% endif %}
</table>
<p class="meta">{{ L('made') }}: {{ r.created }} · {{ '%.1f' % r.seconds }} {{ L('seconds') }}</p>
{% for ed in r.editions %}{% set c = ed.comparison %}
<h2>{{ L('edition') }} {{ ed.edition }}{% if ed.title %}: {{ ed.title }}{% endif %}</h2>
<p class="meta">{{ '{:,}'.format(ed.submissions) }} {{ L('submissions') }} · {{ '%.1f' % ed.seconds }} {{ L('seconds') }}{% if ed.findings_b %} · {{ ed.findings_b }} {{ L('findings') }}{% endif %}</p>
<p><strong>{{ L('reproduce') }}</strong>:
{% if ed.reproduction is none %}{{ L('no_outcomes') }}{% elif ed.reproduction.reproduced %}<span class="ok">✔ {{ repro(ed.reproduction) }}</span>{% else %}<span class="bad">✘ {{ repro(ed.reproduction) }}</span>{% endif %}</p>
{% if ed.reproduction and ed.reproduction.mismatches %}
<table><tr><th>id</th><th>{{ L('recorded') }}</th><th>{{ L('computed') }}</th><th>{{ L('why') }}</th></tr>
{% for m in ed.reproduction.mismatches[:30] %}<tr><td>{{ m.submission }}</td><td>{{ m.what }}: {{ m.recorded }}</td><td>{{ m.computed }}</td><td>{{ m.reason.text(lang) }}</td></tr>{% endfor %}
</table>{% endif %}
<h3>{{ L('funnel') }}</h3>
<table><tr><th>{{ L('stage') }}</th><th class="n">A {{ L('passed') }}</th><th class="n">B {{ L('passed') }}</th><th class="n">{{ L('gained') }}</th><th class="n">{{ L('lost') }}</th></tr>
{% for s in c.stages %}<tr><td>{{ s.name.text(lang) }}</td><td class="n">{{ s.passed_a }}</td><td class="n">{{ s.passed_b }}</td><td class="n in">{{ s.entered|length }}</td><td class="n out">{{ s.left|length }}</td></tr>{% endfor %}
</table>
<h3>{{ L('awards') }}</h3>
<table><tr><th>{{ L('award') }}</th><th class="n">A</th><th class="n">B</th><th>{{ L('who_enters') }}</th><th>{{ L('who_leaves') }}</th></tr>
{% for a in c.awards %}<tr><td>{{ a.name.text(lang) }}</td><td class="n">{{ a.winners_a }}</td><td class="n">{{ a.winners_b }}</td>
<td class="in">{% for x in a.gained %}{{ who(c, x) }}<br>{% endfor %}</td><td class="out">{% for x in a.lost %}{{ who(c, x) }}<br>{% endfor %}</td></tr>{% endfor %}
</table>
{% if not c.changed %}<p>{{ L('no_change') }}</p>{% endif %}
{% if c.tau %}<p><strong>{{ L('tau') }}</strong>: {% for sid, t in c.tau.items() %}{% if t is not none %}{{ sid }} {{ '%.3f' % t }}{% if not loop.last %}; {% endif %}{% endif %}{% endfor %}</p>{% endif %}
{% set ch = charts(ed) %}<div class="charts">{% for k in ['ranks', 'scores', 'composition'] %}{% if k in ch %}<figure>{{ ch[k] | safe }}</figure>{% endif %}{% endfor %}</div>
{% if c.awards %}{% set main = c.awards[-1] %}<h3>{{ L('composition') }}: {{ main.name.text(lang) }}</h3>
{% for field, pair in c.composition[main.award].items() %}{% set keys = (pair[0].keys()|list + pair[1].keys()|list)|unique|sort %}{% if keys != ['—'] %}
<table><tr><th>{{ field }}</th><th class="n">A</th><th class="n">B</th></tr>
{% for k in keys %}<tr><td>{{ k }}</td><td class="n">{{ pair[0].get(k, 0) }}</td><td class="n">{{ pair[1].get(k, 0) }}</td></tr>{% endfor %}</table>{% endif %}{% endfor %}{% endif %}
{% endfor %}
{% if r.sweep_parameter %}<h2>{{ L('sweep') }}: <code>{{ r.sweep_parameter }}</code></h2>
{{ sweep_html | safe }}{% endif %}
</body></html>
"""


def render_html(report: WhatIfReport, lang: str = "id") -> str:
    """The report as one self-contained HTML file (inline CSS and SVG charts)."""
    try:
        import jinja2
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError('HTML reports need the report extra: pip install "inovasi-rules[report]"') from exc
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    tpl = env.from_string(_TEMPLATE)
    md_rows = _sweep_table(report, lang) if report.sweep_parameter else []
    sweep_html = ""
    if md_rows:
        head = [h.strip() for h in md_rows[0].strip("|").split("|")]
        body = [[c.strip() for c in row.strip("|").split("|")] for row in md_rows[2:]]
        sweep_html = "<table><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in head) + "</tr>"
        for cells in body:
            sweep_html += "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>"
        sweep_html += "</table>"
    return tpl.render(
        r=report,
        lang=lang,
        css=_CSS,
        L=lambda k: _l(k, lang),
        bi=_bi,
        repro=lambda rep: _repro_text(rep, lang),
        who=_who,
        charts=lambda ed: _charts(ed, lang),
        sweep_html=sweep_html,
    )


def parse_values(text: str) -> list[Any]:
    """``"5,10,15"`` -> ``[5, 10, 15]`` (values read like YAML scalars)."""
    from .yamlpos import load_yaml, to_plain

    return [to_plain(load_yaml(part.strip() or "''", "--sweep")) for part in text.split(",")]


def summarize(report: WhatIfReport, lang: str = "id") -> str:
    """A few lines for the terminal."""
    lines = []
    for ed in report.editions:
        c = ed.comparison
        lines.append(f"{ed.edition}: {_repro_text(ed.reproduction, lang)}")
        for a in c.awards:
            lines.append(f"  {a.name.text(lang)}: A {a.winners_a}, B {a.winners_b}, "
                         f"+{len(a.gained)} {_l('gained', lang)}, −{len(a.lost)} {_l('lost', lang)}")
    return "\n".join(lines)


def _unused(_: Mapping[str, Any]) -> None:  # pragma: no cover
    pass
