"""What ``inovasi-rules evaluate`` prints by default: the funnel, why entries were
screened out, who won, and how to see more; in the reader's language."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .evaluation.decisions import missing_label
from .messages import N_, Formatter, language
from .result.explain import rule_name, rule_names

if TYPE_CHECKING:
    from .ruleset.model import Ruleset

__all__ = ["funnel_text", "notes", "rejections", "summary_text"]


def funnel_text(result: Any, lang: str) -> str:
    """The funnel table (entered and passed per stage) and the winners of each award.

    Names are never cut: the first column is as wide as the longest stage or award name.
    """
    language(lang)
    fmt = Formatter(lang)
    funnel = result.funnel()
    names = [row.name.text(lang) for row in funnel]
    awards = [("★ " + name.text(lang), award_id) for award_id, name in result.awards]
    width = max([32, *(len(n) for n in names), *(len(a) for a, _ in awards)])
    stage, entered, passed = fmt.t("Stage"), fmt.t("entered"), fmt.t("passed")
    lines = [f"{stage:<{width}} {entered:>8} {passed:>8}"]
    for name, row in zip(names, funnel, strict=True):
        lines.append(
            f"{name:<{width}} {fmt.number(row.entered):>8} {fmt.number(row.passed):>8}"
        )
    for name, award_id in awards:
        winners = result.winners(award_id)
        lines.append(f"{name:<{width}} {'':>8} {fmt.number(len(winners)):>8}")
        lines.extend(_amount_lines(result, award_id, winners, fmt))
    return "\n".join(lines)


def rejections(result: Any, lang: str) -> list[tuple[str, str, list[str]]]:
    """Why entries fell out, at every stage: ``(rule, message in lang, submission ids)``
    for each failed check of an entry that was screened out, dropped or withdrew, the
    most frequent first. A check that lacked data counts with the same rule's other
    failures (its message without the "(data tidak ada: …)" it adds)."""
    language(lang)
    failed: dict[tuple[str, str], list[str]] = {}
    for sub in result.submissions:
        for st in sub.stages:
            if st.status in ("ineligible", "dropped", "withdrawn"):
                for r in st.reasons:
                    if r.passed is False or (r.passed is None and r.missing):
                        message = r.message.text(lang)
                        if r.passed is None:
                            message = message.removesuffix(f" ({missing_label(r.missing).text(lang)})")
                        failed.setdefault((r.rule, message), []).append(sub.id)
    ordered = sorted(failed.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [(rule, message, ids) for (rule, message), ids in ordered]


def notes(result: Any, lang: str) -> list[tuple[str, str, list[str]]]:
    """What the evaluation noted on entries without turning them down (fewer judges than
    a stage asks for, judges far apart, a group value missing): ``(rule, a message in
    lang, submission ids)`` per rule, the most frequent first. The message shown is
    the one most entries got (the numbers in it differ from entry to entry)."""
    language(lang)
    noted: dict[str, list[str]] = {}
    said_most: dict[str, Counter[str]] = {}
    for sub in result.submissions:
        for st in sub.stages:
            for r in st.reasons:
                if r.kind == "finding" and r.passed is None:
                    noted.setdefault(r.rule, []).append(sub.id)
                    said_most.setdefault(r.rule, Counter())[r.message.text(lang)] += 1
    ordered = sorted(noted.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [(rule, said_most[rule].most_common(1)[0][0], ids) for rule, ids in ordered]


def summary_text(
    result: Any, lang: str, ruleset: str, data: Path, *, rules: Ruleset | None = None
) -> str:
    """The funnel, the failed rules counted, each award's winners and the next commands.

    Rules are shown by their names in ``rules`` (the ruleset evaluated), or by the
    engine's words for its own steps."""
    language(lang)
    fmt = Formatter(lang)
    out = [
        f"{result.ruleset} · {result.edition}: "
        + fmt.t("{count} submissions", count=fmt.number(len(result.submissions))),
        "",
        funnel_text(result, lang),
    ]
    names = rule_names(rules)
    # (the notes are not rejections, but what an organiser must see before publishing: a
    # panel smaller than the rules ask for reads as a clean result otherwise)
    for title, counted in ((N_("Why entries were rejected (rule: count)"), rejections(result, lang)),
                           (N_("Notes on entries, not rejections (rule: count, e.g.)"), notes(result, lang))):
        if counted:
            out += ["", fmt.t(title)]
            shown = [(rule_name(rule, lang, names), message, ids) for rule, message, ids in counted]
            width = max([28, *(len(name) for name, _, _ in shown)])
            for name, message, ids in shown:
                out.append(f"  {name:<{width}} {fmt.number(len(ids)):>4}  {message}")
    example = None
    for award_id, name in result.awards:
        winners = result.winners(award_id)
        if not winners:
            continue
        out += ["", f"★ {name.text(lang)}"]
        out += _winner_lines(result, award_id, winners, fmt, lang, rules)
        example = example or winners[0]
    example = example or (result.submissions[0].id if result.submissions else "ID")
    out += [
        "",
        fmt.t("One submission's story")
        + f": inovasi-rules explain {ruleset} {data} {example}",
        fmt.t("The full result")
        + f": inovasi-rules evaluate {ruleset} {data} --out result.json",
    ]
    return "\n".join(out)


def _winner_lines(
    result: Any,
    award_id: str,
    winners: Sequence[str],
    fmt: Formatter,
    lang: str,
    rules: Ruleset | None,
) -> list[str]:
    """One line per winner of an award: rank, id, last score, title, agency. An award
    given per group (per category, per kind of entrant) has its winners under the name
    of their group, so that five "1." read as the first of five categories."""
    lines: list[tuple[str | None, str]] = []
    for sid in winners:
        sub = result.submission(sid)
        grant = next(g for g in sub.awards if g.award == award_id)
        scored = [st for st in sub.stages if st.score is not None]
        score = fmt.number(scored[-1].score) if scored else ""
        agency = sub.fields.get("participant.agency") or ""
        rank = f"{grant.rank}." if grant.rank is not None else "-"
        title = sub.title or ""
        title = title if len(title) <= 44 else title[:43] + "…"
        lines.append((grant.group, f"{rank:>4} {sid:<12} {score:>7}  {title:<44} {agency}"))
    if all(group is None for group, _ in lines):
        return [f"  {line}" for _, line in lines]
    names: dict[str, str] = {}
    order: dict[str, int] = {}
    for items in (
        (rules.groups, rules.categories, rules.participant_kinds) if rules is not None else ()
    ):
        for item in items:
            order.setdefault(item.id, len(order))
            if item.name is not None:
                names.setdefault(item.id, item.name.text(lang))
    groups = sorted(
        dict.fromkeys(group for group, _ in lines),
        key=lambda g: (g is None, order.get(g or "", len(order)), g or ""),
    )
    out: list[str] = []
    for group in groups:
        out.append(f"    {names.get(group, group) if group is not None else '-'}")
        out += [f"    {line}" for g, line in lines if g == group]
    return out


def _amount_lines(
    result: Any, award_id: str, winners: Sequence[str], fmt: Formatter
) -> list[str]:
    """The amounts plugins attached to an award (e.g. an incentive fund), per winner."""
    grants = [
        (sid, g)
        for sid in winners
        for g in result.submission(sid).awards
        if g.award == award_id and g.amount is not None
    ]
    if not grants:
        return []
    out = [
        f"    {sid:<20} {fmt.number(g.amount):>20}" + (f"  [plugin {g.plugin}]" if g.plugin else "")
        for sid, g in grants
    ]
    total = sum((g.amount for _, g in grants), start=Decimal(0))
    label = fmt.t("total")
    out.append(f"    {label:<20} {fmt.number(total):>20}")
    return out
