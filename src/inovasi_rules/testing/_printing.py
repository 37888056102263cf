"""How a drawn edition is shown when a property fails."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from ..edition import JUDGE_FIELDS, MISSING, SUBMISSION_FIELDS, Edition


def _show(value: Any) -> str:
    if isinstance(value, (datetime.date, Decimal)):
        return str(value)
    if isinstance(value, tuple):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return repr(value)


def describe_edition(edition: Edition) -> str:
    """A short text of an edition, one line per submission, judge and stage: how a
    falsifying example is shown when a property fails.

    Hypothesis would otherwise print every field of every score (tens of kilobytes
    for a dozen entries). Importing this module registers it as hypothesis's printer
    for :class:`~inovasi_rules.edition.Edition`; ``write_edition(edition, folder)``
    gives the whole edition as files.
    """
    lines = [f"Edition(id={edition.id!r}, ruleset={edition.ruleset!r},"]
    lines.append(f"  submissions=<{len(edition.submissions)}>:")
    for sub in edition.submissions:
        values = [
            f"{k}={_show(sub.get(k))}"
            for k in SUBMISSION_FIELDS[1:]
            if sub.get(k) is not MISSING and not (k == "withdrawn" and not sub.withdrawn)
        ]
        values += [f"{k}={_show(v)}" for k, v in sorted(sub.extra.items())]
        lines.append(f"    {sub.id}: " + ", ".join(values))
    lines.append(f"  judges=<{len(edition.judges)}>:")
    for j in edition.judges:
        values = [f"{k}={_show(j.get(k))}" for k in JUDGE_FIELDS[1:] if j.get(k) is not MISSING]
        values += [f"{k}={_show(v)}" for k, v in sorted(j.extra.items())]
        lines.append(f"    {j.id}: " + ", ".join(values))
    lines.append(f"  scores=<{len(edition.scores)}>:")
    by_stage: dict[str, dict[str, list[Decimal]]] = {}
    for sc in edition.scores:
        by_stage.setdefault(sc.stage, {}).setdefault(sc.submission, []).append(sc.value)
    for stage, subs in by_stage.items():
        shown = ", ".join(
            f"{sid} {min(v)}..{max(v)}" if min(v) != max(v) else f"{sid} {v[0]}"
            for sid, v in subs.items()
        )
        lines.append(f"    {stage} (lowest..highest score per submission): {shown}")
    if edition.verdicts:
        shown = ", ".join(f"{v.submission}@{v.stage}={v.verdict}" for v in edition.verdicts)
        lines.append(f"  verdicts: {shown}")
    lines.append(")")
    return "\n".join(lines)


def _pretty_edition(edition: Edition, printer: Any, cycle: bool) -> None:
    first, *rest = describe_edition(edition).split("\n")
    printer.text(first)
    for line in rest:
        printer.break_()
        printer.text(line)


def _register_printer() -> None:
    try:
        from hypothesis.vendor import pretty
    except ImportError:  # pragma: no cover - a hypothesis without the printer registry
        return
    pretty.for_type_by_name("inovasi_rules.edition.model", "Edition", _pretty_edition)


_register_printer()
