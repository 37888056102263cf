"""The report as Markdown."""

from __future__ import annotations

from typing import Any

from ..messages import language
from ..ruleset.model import Label
from ..ruleset.words import value_words
from ..safetext import markdown_code, markdown_text
from .compute import _fmt
from .model import MAX_LISTED, MAX_MISMATCHES, MAX_RULE_CHANGES, WhatIfReport, _num
from .words import (
    _alt,
    _bi,
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

# --------------------------------------------------------------------------- markdown


def _md_cell(text: Any) -> str:
    return markdown_text(text)


def render_markdown(report: WhatIfReport, lang: str = "id") -> str:
    """The report as Markdown (GitHub-flavoured tables), labels in both languages,
    ``lang`` first."""
    language(lang)
    def B(k: str) -> str:
        return _bi(k, lang)

    def T(k: str) -> str:
        return _t(k, lang)

    out = [f"# {B('title')}", ""]
    out.append(f"- **{B('old')}**: {_md_cell(_label_bi(report.title_a, lang))} "
               f"({markdown_code(report.ruleset_a)})")
    out.append(f"- **{B('new')}**: {_md_cell(_label_bi(report.title_b, lang))} "
               f"({markdown_code(report.ruleset_b)})")
    if report.parameters:
        out.append(f"- **{B('set')}**: " + ", ".join(
            markdown_code(f"{k}={_fmt(v)}") for k, v in report.parameters.items()))
    out.append(f"- {B('made')}: {report.created}; {_num(round(report.seconds, 1), lang, 1)} {T('seconds')}")
    if report.command:
        out.append(f"- {B('command')}: {markdown_code(report.command)}")
    out.append("")
    out.append(f"## {B('summary')}")
    out.append("")
    for line, alt in zip(_headline(report, lang), _headline(report, "id" if lang == "en" else "en"), strict=True):
        out.append(f"**{line}** / {alt}")
        out.append("")
    for ed in report.editions:
        out.append(f"- **{_md_cell(ed.label)}** ({_num(ed.submissions, lang)} {T('submissions')}): "
                   f"{_md_cell(_repro_text(ed.reproduction, lang))}.")
        for a in ed.comparison.awards:
            out.append(f"  - {_md_cell(a.name.text(lang))}: A {a.winners_a}, B {a.winners_b}; "
                       f"+{len(a.gained)} {T('gained')}, −{len(a.lost)} {T('lost')}")
        for stage, ids in ed.unscored.items():
            out.append(f"  - ⚠ {_num(len(ids), lang)} {B('unscored_short')}: {_md_cell(stage)}")
    out.append("")
    out.append(f"## {B('changes')}")
    out.append("")
    if report.changes:
        out.append(f"| {B('where')} | A | B |")
        out.append("|---|---|---|")
        for ch in report.changes[:MAX_RULE_CHANGES]:
            where = (f"{_md_cell(ch.words.text(lang))} ({markdown_code(ch.path)})" if ch.words
                     else markdown_code(ch.path))
            out.append(f"| {where} | {_md_cell(value_words(ch.a, lang))} | {_md_cell(value_words(ch.b, lang))} |")
        if len(report.changes) > MAX_RULE_CHANGES:
            out.append(f"| +{len(report.changes) - MAX_RULE_CHANGES} {T('more')} | | |")
    else:
        out.append(T("no_rule_change"))
    out.append("")
    for ed in report.editions:
        c = ed.comparison
        out.append(f"## {T('edition')} / {_alt('edition', lang)}: {_md_cell(ed.label)}")
        out.append("")
        out.append(f"{markdown_code(ed.edition)}: {_num(ed.submissions, lang)} {T('submissions')}; A "
                   f"{markdown_code(ed.ruleset_a)}, B {markdown_code(ed.ruleset_b)}; "
                   f"{_num(round(ed.seconds, 1), lang, 1)} {T('seconds')}")
        out.append("")
        for n, concerned in _warnings(ed):
            out.append(f"> ⚠ {_md_cell(n.text(lang))}")
            out.append(">")
            out.append(f"> {_md_cell(n.text('id' if lang == 'en' else 'en'))}")
            if concerned:
                out.append(">")
                out.append(f"> {_md_cell(concerned)}")
            out.append("")
        out.append(f"### {B('reproduce')}")
        out.append("")
        out.append(("✔ " if ed.reproduction is not None and ed.reproduction.reproduced else
                    "✘ " if ed.reproduction is not None else "") + _md_cell(_repro_text(ed.reproduction, lang)))
        out.append("")
        if ed.reproduction is not None and ed.reproduction.mismatches:
            out.append(f"| id | {B('recorded')} | {B('computed')} | {B('reason')} |")
            out.append("|---|---|---|---|")
            for mm in ed.reproduction.mismatches[:MAX_MISMATCHES]:
                out.append(f"| {_md_cell(mm.submission)} | {_md_cell(mm.what)}: {_md_cell(mm.recorded)} | "
                           f"{_md_cell(mm.computed)} | {_md_cell(mm.reason.text(lang))} |")
            extra = len(ed.reproduction.mismatches) - MAX_MISMATCHES
            if extra > 0:
                out.append(f"| +{extra} {T('more')} | | | |")
            out.append("")
        out.append(f"### {B('funnel')}")
        out.append("")
        out.append(f"| {B('stage')} | A {T('entered')} | A {T('passed')} | B {T('entered')} | "
                   f"B {T('passed')} | {T('gained')} | {T('lost')} |")
        out.append("|---|---:|---:|---:|---:|---:|---:|")
        for s, ea, pa, eb, pb in _funnel_rows(c, lang):
            out.append(f"| {_md_cell(_label_bi(s.name, lang))} | {ea} | {pa} | {eb} | {pb} | "
                       f"{len(s.entered)} | {len(s.left)} |")
        out.append("")
        out.append(f"### {B('awards')}")
        out.append("")
        out.append(f"| {B('award')} | A | B | {T('gained')} | {T('lost')} |")
        out.append("|---|---:|---:|---:|---:|")
        for a in c.awards:
            out.append(f"| {_md_cell(_label_bi(a.name, lang))} | {a.winners_a} | {a.winners_b} | "
                       f"{len(a.gained)} | {len(a.lost)} |")
        out.append("")
        if not c.changed:
            out.append(f"**{T(_no_change(report))}** / {_alt(_no_change(report), lang)}")
            out.append("")
        noise_head, noise = _noise_lines(report, ed, lang)
        if noise_head:
            other = "id" if lang == "en" else "en"
            alt_head, alt_noise = _noise_lines(report, ed, other)
            out.append(f"### {_md_cell(noise_head)} / {_md_cell(alt_head)}")
            out.append("")
            for x in noise:
                out.append(f"- {_md_cell(x)}")
            out.append("")
            for x in alt_noise:
                out.append(f"- {_md_cell(x)}")
            out.append("")
            out.append(f"{_md_cell(_t('noise_note', lang))} / {_md_cell(_alt('noise_note', lang))}")
            out.append("")
        for a in c.awards:
            for key, ids in (("who_enters", a.gained), ("who_leaves", a.lost)):
                if not ids:
                    continue
                out.append(f"#### {_md_cell(a.name.text(lang))}: {B(key)} ({len(ids)})")
                out.append("")
                columns, listed = _listing(ed, a, ids, lang)
                out.append("| " + " | ".join(T(k) for k, _ in columns) + " |")
                out.append("|" + "".join("---:|" if right else "---|" for _, right in columns))
                for cells in listed:
                    out.append("| " + " | ".join(_md_cell(x) for x in cells) + " |")
                if len(ids) > MAX_LISTED:
                    out.append(f"| +{len(ids) - MAX_LISTED} {T('more')} |" + " |" * (len(columns) - 1))
                out.append("")
        stage_names = {s.stage: s.name for s in c.stages}
        taus = [f"{_md_cell(_label_bi(stage_names.get(sid, Label(sid)), lang))}: {_num(round(t, 3), lang, 3)}"
                for sid, t in c.tau.items() if t is not None]
        if taus:
            out.append(f"**{B('tau')}**: " + "; ".join(taus))
            out.append("")
        main = _main_award(ed)
        if main is not None:
            comp = _composition(ed, main.award, lang)
            if comp:
                out.append(f"### {B('composition')}: {_md_cell(main.name.text(lang))}")
                out.append("")
            for field, rows in comp:
                out.append(f"| {_md_cell(_field_label(field, lang))} | A | B | Δ |")
                out.append("|---|---:|---:|---:|")
                for name, na, nb in rows:
                    out.append(f"| {_md_cell(name)} | {na} | {nb} | {nb - na:+d} |")
                out.append("")
    if report.sweep_parameter:
        out.append(f"## {B('sweep')}: {markdown_code(report.sweep_parameter)}")
        out.append("")
        out.append(f"{T('sweep_note')} / {_alt('sweep_note', lang)}")
        out.append("")
        head, body = _sweep_rows(report, lang)
        out.append("| " + " | ".join(_md_cell(h) for h in head) + " |")
        out.append("|---|" + "---:|" * (len(head) - 1))
        for cells in body:
            out.append("| " + " | ".join(_md_cell(x) for x in cells) + " |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
