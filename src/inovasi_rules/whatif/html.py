"""The report as one self-contained HTML file (jinja2 template, inline CSS and SVG)."""

from __future__ import annotations

import functools
from typing import Any

from ..charts import RC
from ..messages import language
from ..ruleset.model import Label
from ..ruleset.words import value_words
from .compute import _fmt
from .figures import _charts, _sweep_chart
from .history import (
    Comparison,
)
from .model import MAX_LISTED, MAX_MISMATCHES, MAX_RULE_CHANGES, SHOWN_ROWS, WhatIfReport, _num
from .words import (
    _alt,
    _composition,
    _field_label,
    _funnel_rows,
    _headline,
    _label_bi,
    _listing,
    _main_award,
    _no_change,
    _noise_lines,
    _repro_text,
    _sweep_rows,
    _t,
    _warnings,
)

# --------------------------------------------------------------------------- html

_CSS = """
:root{--a:#4472c4;--b:#ed7d31;--in:#1a7f37;--out:#cf222e;--line:#d0d7de;--muted:#57606a}
*{box-sizing:border-box}
body{font-family:"Segoe UI",Roboto,"Helvetica Neue",Arial,"DejaVu Sans",sans-serif;max-width:1180px;
margin:1.5rem auto;padding:0 1.25rem;color:#1f2328;line-height:1.45;font-size:16px}
h1{font-size:1.9rem;margin:.2rem 0 .8rem;border-bottom:3px solid var(--a);padding-bottom:.35rem}
h2{font-size:1.45rem;margin-top:2.6rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
h3{font-size:1.12rem;margin:1.6rem 0 .4rem}
.alt{color:var(--muted);font-weight:normal}
h1 .alt,h2 .alt,h3 .alt{font-size:.8em}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.92rem}
th,td{border:1px solid var(--line);padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600}
th .alt{display:block;font-size:.82em}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.in{color:var(--in);font-weight:600}.out{color:var(--out);font-weight:600}
.ok{background:#dafbe1;border-left:5px solid var(--in)}.bad{background:#ffebe9;border-left:5px solid var(--out)}
.none{background:#f6f8fa;border-left:5px solid var(--line)}
.box{padding:.6rem .9rem;margin:.6rem 0;border-radius:4px}
.meta{color:var(--muted);font-size:.92rem}
.summary{background:#f6f8fa;border:1px solid var(--line);border-radius:6px;padding:.4rem 1.2rem 1rem}
.summary li{margin:.25rem 0}
.big{font-size:1.05rem}
.charts{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
.charts figure{margin:0;max-width:100%}
.charts svg{max-width:100%;height:auto}
.tables{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-start}
code{background:#f6f8fa;padding:0 .3rem;border-radius:3px;font-size:.9em}
details{margin:-.6rem 0 1rem}summary{cursor:pointer;color:var(--a);padding:.3rem 0}
.note{background:#fff8c5;border-left:5px solid #d4a72c}
table.wide{width:100%}table.wide td:first-child{white-space:nowrap}
td.why{font-size:.86rem;color:#31373d}
.pill{display:inline-block;padding:0 .5rem;border-radius:9px;font-size:.85rem;font-weight:600}
.pill.in{background:#dafbe1}.pill.out{background:#ffebe9}
@media print{@page{size:A4;margin:12mm}body{max-width:none;font-size:11px;margin:0;padding:0}
h1,h2,h3,h4{break-after:avoid;page-break-after:avoid}h2{margin-top:1.4rem}
.keep,.charts figure,.box,.summary,tr{break-inside:avoid;page-break-inside:avoid}
.charts svg{max-height:150mm;width:auto}a{color:inherit;text-decoration:none}}
"""

_TEMPLATE = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ T('title') }}: {{ r.ruleset_a }} → {{ r.ruleset_b }}</title>
<style>{{ css | safe }}</style></head><body>
<h1>{{ T('title') }} <span class="alt">/ {{ A('title') }}</span></h1>
<table>
<tr><th>{{ bi('old') }}</th><td>{{ lb(r.title_a) }} <code>{{ r.ruleset_a }}</code></td></tr>
<tr><th>{{ bi('new') }}</th><td>{{ lb(r.title_b) }} <code>{{ r.ruleset_b }}</code></td></tr>
{% if r.parameters %}<tr><th>{{ bi('set') }}</th><td>{% for k, v in r.parameters.items() %}<code>{{ k }}={{ fmt(v) }}</code> {% endfor %}</td></tr>{% endif %}
<tr><th>{{ bi('editions') }}</th><td>{% for ed in r.editions %}{{ ed.label }} ({{ num(ed.submissions) }} {{ T('submissions') }}){% if not loop.last %}; {% endif %}{% endfor %}</td></tr>
</table>
<p class="meta">{{ T('made') }} / {{ A('made') }}: {{ r.created }} · {{ num(r.seconds, 1) }} {{ T('seconds') }}{% if r.command %} · <code>{{ r.command }}</code>{% endif %}</p>

<div class="summary"><h2 style="margin-top:.6rem;border:0">{{ T('summary') }} <span class="alt">/ {{ A('summary') }}</span></h2>
{% for line in head %}<p class="big"><strong>{{ line }}</strong>{% if head_alt %}<br><span class="alt">{{ head_alt[loop.index0] }}</span>{% endif %}</p>{% endfor %}
<ul>{% for ed in r.editions %}{% set c = ed.comparison %}
<li class="big"><strong>{{ ed.label }}</strong>:
{% if ed.reproduction is none %}{{ repro(ed.reproduction) }}{% elif ed.reproduction.reproduced %}<span class="in">✔ {{ repro(ed.reproduction) }}</span>{% else %}<span class="out">✘ {{ repro(ed.reproduction) }}</span>{% endif %}
<ul>{% for a in c.awards %}<li>{{ a.name.text(lang) }}: A {{ a.winners_a }} → B {{ a.winners_b }};
<span class="pill in">+{{ a.gained|length }} {{ T('gained') }}</span> <span class="pill out">−{{ a.lost|length }} {{ T('lost') }}</span></li>{% endfor %}
{% if not c.changed %}<li>{{ T(no_change) }} <span class="alt">/ {{ A(no_change) }}</span></li>{% endif %}
{% set nz = noise(ed) %}{% if nz[0] %}<li>{{ nz[0] }}: {{ nz[1][-1] }} <span class="alt">/ {{ noise_alt(ed)[1][-1] }}</span></li>{% endif %}
{% for stage, ids in ed.unscored.items() %}<li class="out">⚠ {{ num(ids|length) }} {{ T('unscored_short') }} / {{ A('unscored_short') }}: {{ stage }}</li>{% endfor %}
</ul></li>{% endfor %}</ul></div>

<h2>{{ T('changes') }} <span class="alt">/ {{ A('changes') }}</span></h2>
{% if r.changes %}<table><tr><th>{{ bi('where') }}</th><th>A</th><th>B</th></tr>
{% for ch in r.changes[:max_changes] %}<tr><td>{% if ch.words %}{{ ch.words.text(lang) }}<br><span class="alt">{{ ch.words.text(other) }} · <code>{{ ch.path }}</code></span>{% else %}<code>{{ ch.path }}</code>{% endif %}</td><td class="n">{{ vw(ch.a) }}</td><td class="n"><strong>{{ vw(ch.b) }}</strong></td></tr>{% endfor %}
{% if r.changes|length > max_changes %}<tr><td colspan="3">+{{ r.changes|length - max_changes }} {{ T('more') }}</td></tr>{% endif %}
</table>{% else %}<p>{{ T('no_rule_change') }} <span class="alt">/ {{ A('no_rule_change') }}</span></p>{% endif %}

{% for ed in r.editions %}{% set c = ed.comparison %}
<h2>{{ T('edition') }} <span class="alt">/ {{ A('edition') }}</span>: {{ ed.label }}</h2>
<p class="meta"><code>{{ ed.edition }}</code> · {{ num(ed.submissions) }} {{ T('submissions') }} / {{ A('submissions') }} · A <code>{{ ed.ruleset_a }}</code> · B <code>{{ ed.ruleset_b }}</code> · {{ num(ed.seconds, 1) }} {{ T('seconds') }}</p>
{% for n, ids in warnings(ed) %}<div class="box note">⚠ {{ n.text(lang) }}<br><span class="alt">{{ n.text(other) }}</span>{% if ids %}<br><span class="meta">{{ ids }}</span>{% endif %}</div>{% endfor %}

<h3>{{ T('reproduce') }} <span class="alt">/ {{ A('reproduce') }}</span></h3>
<div class="box {% if ed.reproduction is none %}none{% elif ed.reproduction.reproduced %}ok{% else %}bad{% endif %}">
{% if ed.reproduction is not none %}{% if ed.reproduction.reproduced %}✔{% else %}✘{% endif %} {% endif %}{{ repro(ed.reproduction) }}
<br><span class="alt">{{ repro_alt(ed.reproduction) }}</span></div>
{% if ed.reproduction and ed.reproduction.mismatches %}
<table class="wide"><tr><th>id</th><th>{{ bi('recorded') }}</th><th>{{ bi('computed') }}</th><th>{{ bi('reason') }}</th></tr>
{% for m in ed.reproduction.mismatches[:max_mismatches] %}<tr><td>{{ m.submission }}</td><td>{{ m.what }}: {{ m.recorded }}</td><td>{{ m.computed }}</td><td class="why">{{ m.reason.text(lang) }}</td></tr>{% endfor %}
{% if ed.reproduction.mismatches|length > max_mismatches %}<tr><td colspan="4">+{{ ed.reproduction.mismatches|length - max_mismatches }} {{ T('more') }}</td></tr>{% endif %}
</table>{% endif %}

<h3>{{ T('funnel') }} <span class="alt">/ {{ A('funnel') }}</span></h3>
<table><tr><th rowspan="2">{{ bi('stage') }}</th><th class="n" colspan="2" style="text-align:center">A</th><th class="n" colspan="2" style="text-align:center">B</th><th class="n" rowspan="2">{{ bi('gained') }}</th><th class="n" rowspan="2">{{ bi('lost') }}</th></tr>
<tr><th class="n">{{ bi('entered') }}</th><th class="n">{{ bi('passed') }}</th><th class="n">{{ bi('entered') }}</th><th class="n">{{ bi('passed') }}</th></tr>
{% for s, ea, pa, eb, pb in funnel_rows(c) %}<tr><td>{{ lb(s.name) }}</td><td class="n">{{ ea }}</td><td class="n">{{ pa }}</td><td class="n">{{ eb }}</td><td class="n">{{ pb }}</td><td class="n in">{% if s.entered %}+{{ s.entered|length }}{% endif %}</td><td class="n out">{% if s.left %}−{{ s.left|length }}{% endif %}</td></tr>{% endfor %}
</table>
{% set taus = tau_list(c) %}{% if taus %}<p><strong>{{ T('tau') }}</strong> <span class="alt">/ {{ A('tau') }}</span>: {% for name, t in taus %}{{ name }} <strong>{{ num(t, 3) }}</strong>{% if not loop.last %}; {% endif %}{% endfor %}</p>{% endif %}

<h3>{{ T('awards') }} <span class="alt">/ {{ A('awards') }}</span></h3>
<table><tr><th>{{ bi('award') }}</th><th class="n">A</th><th class="n">B</th><th class="n">{{ bi('gained') }}</th><th class="n">{{ bi('lost') }}</th></tr>
{% for a in c.awards %}<tr><td>{{ lb(a.name) }}</td><td class="n">{{ a.winners_a }}</td><td class="n">{{ a.winners_b }}</td><td class="n in">{% if a.gained %}+{{ a.gained|length }}{% endif %}</td><td class="n out">{% if a.lost %}−{{ a.lost|length }}{% endif %}</td></tr>{% endfor %}
</table>
{% if not c.changed %}<div class="box ok">{{ T(no_change) }} <span class="alt">/ {{ A(no_change) }}</span></div>{% endif %}
{% set nz = noise(ed) %}{% if nz[0] %}{% set nz_alt = noise_alt(ed) %}
<h3>{{ nz[0] }} <span class="alt">/ {{ nz_alt[0] }}</span></h3>
<div class="box {% if ed.noise|selectattr('changed')|list and not nz_beyond(ed) %}note{% else %}none{% endif %}">
<ul>{% for x in nz[1] %}<li>{{ x }}<br><span class="alt">{{ nz_alt[1][loop.index0] }}</span></li>{% endfor %}</ul></div>
<p class="meta">{{ T('noise_note') }} <span class="alt">/ {{ A('noise_note') }}</span></p>{% endif %}
{% for a in c.awards %}{% for key, ids, cls in [('who_enters', a.gained, 'in'), ('who_leaves', a.lost, 'out')] %}{% if ids %}
<h3><span class="{{ cls }}">{{ a.name.text(lang) }}: {{ T(key) }}</span> <span class="alt">/ {{ A(key) }}</span> ({{ ids|length }})</h3>
{% set listing = rows(ed, a, ids) %}{% for part in [listing[1][:shown_rows], listing[1][shown_rows:]] %}{% if part %}
{% if not loop.first %}<details><summary>+{{ part|length }} {{ T('more') }} / {{ A('more') }}</summary>{% endif %}
<table class="wide"><tr>{% for key, right in listing[0] %}<th{% if right %} class="n"{% endif %}>{{ bi(key) }}</th>{% endfor %}</tr>
{% for cells in part %}<tr>{% for x in cells %}<td class="{% if loop.first %}{{ cls }}{% elif loop.last %}why{% elif listing[0][loop.index0][1] %}n{% endif %}">{{ x }}</td>{% endfor %}</tr>{% endfor %}
{% if not loop.first and ids|length > max_listed %}<tr><td colspan="{{ listing[0]|length }}">+{{ ids|length - max_listed }} {{ T('more') }}</td></tr>{% endif %}
</table>{% if not loop.first %}</details>{% endif %}{% endif %}{% endfor %}{% endif %}{% endfor %}{% endfor %}

{% set ch = charts(ed) %}{% if ch['ranks'] or ch['scores'] %}
{% for svg in ch['ranks'] + ch['scores'] %}<section class="keep">{% if loop.first %}
<h3>{{ T('ranks') }} <span class="alt">/ {{ A('ranks') }}</span></h3>
<p class="meta">{{ T('legend') }} <span class="alt">/ {{ A('legend') }}</span></p>{% endif %}
<div class="charts"><figure>{{ svg | safe }}</figure></div></section>{% endfor %}{% endif %}
{% set main = main_award(ed) %}{% if main %}{% set comp = composition(ed, main.award) %}{% if comp %}
<section class="keep"><h3>{{ T('composition') }} <span class="alt">/ {{ A('composition') }}</span>: {{ lb(main.name) }}</h3>
<div class="charts">{% for svg in ch['composition'] %}<figure>{{ svg | safe }}</figure>{% endfor %}
<div class="tables">{% for field, crow in comp %}<table><tr><th>{{ field_label(field) }}</th><th class="n">A</th><th class="n">B</th><th class="n">Δ</th></tr>
{% for name, na, nb in crow %}<tr><td>{{ name }}</td><td class="n">{{ na }}</td><td class="n">{{ nb }}</td><td class="n {% if nb > na %}in{% elif nb < na %}out{% endif %}">{% if nb != na %}{{ '%+d' % (nb - na) }}{% endif %}</td></tr>{% endfor %}
</table>{% endfor %}</div></div></section>{% endif %}{% endif %}
{% endfor %}

{% if r.sweep_parameter %}<h2>{{ T('sweep') }} <span class="alt">/ {{ A('sweep') }}</span>: <code>{{ r.sweep_parameter }}</code></h2>
<p>{{ T('sweep_note') }} <span class="alt">/ {{ A('sweep_note') }}</span></p>
{% set sw = sweep_rows() %}<table><tr>{% for h in sw[0] %}<th{% if not loop.first %} class="n"{% endif %}>{{ h }}</th>{% endfor %}</tr>
{% for cells in sw[1] %}<tr>{% for x in cells %}<td{% if not loop.first %} class="n"{% endif %}>{{ x }}</td>{% endfor %}</tr>{% endfor %}</table>
{% set chart = sweep_chart() %}{% if chart %}<div class="charts"><figure>{{ chart | safe }}</figure></div>{% endif %}{% endif %}
</body></html>
"""


@functools.cache
def _template() -> Any:
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(_TEMPLATE)


def render_html(report: WhatIfReport, lang: str = "id") -> str:
    """The report as one self-contained HTML file (inline CSS and SVG charts; no
    network needed to view it), labels in both languages, ``lang`` first."""
    language(lang)
    try:
        import jinja2  # noqa: F401 - imported here to fail early with the hint below
        import markupsafe
        import matplotlib  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError('HTML reports need the report extra: pip install "inovasi-rules[report]"') from exc
    tpl = _template()

    def tau_list(c: Comparison) -> list[tuple[str, float]]:
        names = {s.stage: s.name for s in c.stages}
        return [(names.get(sid, Label(sid)).text(lang), t) for sid, t in c.tau.items() if t is not None]

    def sweep_chart() -> str | None:
        import matplotlib

        with matplotlib.rc_context(RC):
            return _sweep_chart(report, lang)

    return str(tpl.render(
        r=report,
        lang=lang,
        css=_CSS,
        T=lambda k: _t(k, lang),
        A=lambda k: _alt(k, lang),
        bi=lambda k: (markupsafe.Markup('{} <span class="alt">{}</span>').format(_t(k, lang), _alt(k, lang))
                      if _t(k, lang) != _alt(k, lang) else _t(k, lang)),
        lb=lambda label: _label_bi(label, lang),
        fmt=_fmt,
        funnel_rows=lambda c: _funnel_rows(c, lang),
        warnings=_warnings,
        other="id" if lang == "en" else "en",
        num=lambda value, places=None: _num(value, lang, places),
        vw=lambda value: value_words(value, lang),
        head=_headline(report, lang),
        head_alt=_headline(report, "id" if lang == "en" else "en"),
        no_change=_no_change(report),
        repro=lambda rep: _repro_text(rep, lang),
        repro_alt=lambda rep: _repro_text(rep, "id" if lang == "en" else "en"),
        rows=lambda ed, a, ids: _listing(ed, a, ids, lang),
        charts=lambda ed: _charts(ed, lang),
        main_award=_main_award,
        composition=lambda ed, award: _composition(ed, award, lang),
        field_label=lambda f: _field_label(f, lang),
        tau_list=tau_list,
        sweep_rows=lambda: _sweep_rows(report, lang),
        sweep_chart=sweep_chart,
        noise=lambda ed: _noise_lines(report, ed, lang),
        noise_alt=lambda ed: _noise_lines(report, ed, "id" if lang == "en" else "en"),
        nz_beyond=lambda ed: [x for c in ed.noise for x in c.beyond_noise],
        max_changes=MAX_RULE_CHANGES,
        max_mismatches=MAX_MISMATCHES,
        max_listed=MAX_LISTED,
        shown_rows=SHOWN_ROWS,
    ))
