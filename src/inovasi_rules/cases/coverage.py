"""Which rules of a ruleset the cases exercised, in each direction."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

import attrs

from ..messages import N_, Formatter, language
from ..ruleset.model import Label, Ruleset
from .compare import screening_stages
from .model import SCORED, CaseResult

#: Kinds of coverage item, in report order.
COVERAGE_KINDS = ("eligibility", "adjustment", "selection", "verification", "award")


@attrs.frozen
class CoverageItem:
    """One rule of a ruleset and the cases that saw it admit and reject an entry.

    ``kind`` is ``eligibility`` (id: the rule), ``adjustment`` (``stage/adjustment``),
    ``selection`` (a stage's ``advance``: chosen or not), ``verification`` (a stage's
    verdict: confirmed or dropped) or ``award`` (given, or not given to an entry that
    reached the award's stage).
    """

    kind: str
    id: str
    name: Label | None = None
    admitted: tuple[str, ...] = ()
    rejected: tuple[str, ...] = ()

    @property
    def covered(self) -> bool:
        """True when some case saw it admit and some case saw it reject."""
        return bool(self.admitted) and bool(self.rejected)


@attrs.frozen
class Coverage:
    """Which rules of a ruleset the cases exercised, in each direction."""

    ruleset: str
    items: tuple[CoverageItem, ...]

    @property
    def total(self) -> int:
        """Directions to cover: two per item (admit and reject)."""
        return 2 * len(self.items)

    @property
    def hit(self) -> int:
        """Directions some case exercised."""
        return sum(bool(i.admitted) + bool(i.rejected) for i in self.items)

    @property
    def percent(self) -> Decimal:
        """``hit / total`` as a percentage, rounded half up to one decimal as people
        round (5 of 12 is 41.7), 100 when the ruleset has nothing to cover. Compare
        with a limit through :meth:`below`, which does not round."""
        if not self.total:
            return Decimal(100)
        return (Decimal(100) * self.hit / self.total).quantize(Decimal("0.1"), ROUND_HALF_UP)

    def below(self, limit: Decimal | float | int) -> bool:
        """Whether the exact coverage is under ``limit`` percent (1999 of 2000 is under
        100, though it shows as 100.0)."""
        if not self.total:
            return Decimal(100) < Decimal(str(limit))
        return Decimal(100) * self.hit < Decimal(str(limit)) * self.total

    @property
    def uncovered(self) -> tuple[CoverageItem, ...]:
        """The items missing a direction."""
        return tuple(i for i in self.items if not i.covered)


def measure_coverage(ruleset: Ruleset, results: Iterable[CaseResult]) -> Coverage:
    """For each rule of ``ruleset``, the cases (by name) that saw it admit and reject."""
    keys: list[tuple[str, str, Label | None]] = []
    for e in ruleset.eligibility:
        keys.append(("eligibility", e.id, e.name))
    for s in ruleset.stages:
        for a in s.adjustments:
            keys.append(("adjustment", f"{s.id}/{a.id}", a.message))
    for s in ruleset.stages:
        if s.kind in SCORED and s.advance is not None:
            keys.append(("selection", s.id, s.name))
        elif s.kind == "verification":
            keys.append(("verification", s.id, s.name))
    for aw in ruleset.awards:
        keys.append(("award", aw.id, aw.name))
    seen: dict[tuple[str, str], tuple[list[str], list[str]]] = {(k, i): ([], []) for k, i, _ in keys}

    def note(kind: str, item: str, passed: bool | None, case: str) -> None:
        slot = seen.get((kind, item))
        if slot is None or passed is None:
            return
        target = slot[0] if passed else slot[1]
        if case not in target:
            target.append(case)

    screening = screening_stages(ruleset)
    kinds = {s.id: s.kind for s in ruleset.stages}
    for cr in results:
        if cr.result is None:
            continue
        name = cr.case.name.id
        for sr in cr.result.submissions:
            got = {g.award for g in sr.awards}
            for aw in ruleset.awards:
                if sr.stage(aw.stage) is not None:
                    note("award", aw.id, aw.id in got, name)
            for o in sr.stages:
                for r in o.reasons:
                    if r.kind == "eligibility" and o.stage in screening:
                        note("eligibility", r.rule, r.passed, name)
                    elif r.kind == "adjustment" and r.plugin is None:
                        note("adjustment", f"{o.stage}/{r.rule}", r.passed, name)
                    elif r.rule == "advance" and r.kind == "selection":
                        note("selection", o.stage, r.passed, name)
                    elif r.rule == "verdict" and kinds.get(o.stage) == "verification":
                        note("verification", o.stage, r.passed, name)
    items = tuple(
        CoverageItem(k, i, label, tuple(seen[(k, i)][0]), tuple(seen[(k, i)][1])) for k, i, label in keys
    )
    return Coverage(ruleset.id, items)


#: What each kind of item does or does not do to an entry, in the columns of the table.
_DIRECTION_WORDS = {
    "eligibility": (N_("admitted"), N_("rejected")),
    "adjustment": (N_("applied"), N_("not applied")),
    "selection": (N_("advanced"), N_("not advanced")),
    "verification": (N_("confirmed"), N_("dropped")),
    "award": (N_("given"), N_("not given")),
}

_KIND_WORDS = {
    "eligibility": N_("eligibility"),
    "adjustment": N_("adjustment"),
    "selection": N_("selection"),
    "verification": N_("verification"),
    "award": N_("award"),
}


def format_coverage(cov: Coverage, lang: str = "id", *, all_items: bool = False) -> str:
    """The coverage of one ruleset as text: a summary line, then each item missing a
    direction (every item with ``all_items``), marked ✓/✗ for admitted and rejected."""
    language(lang)
    fmt = Formatter(lang)
    head = f"{cov.ruleset}: " + fmt.t(
        "{hit}/{total} rule directions covered ({percent})",
        hit=fmt.number(cov.hit),
        total=fmt.number(cov.total),
        percent=fmt.percent(cov.percent),
    )
    lines = [head]
    shown = cov.items if all_items else cov.uncovered
    if shown:
        width = max(len(i.id) for i in shown)
        kinds = {i.kind: fmt.t(_KIND_WORDS[i.kind]) for i in shown}
        kw = max(len(k) for k in kinds.values())
        yes = [fmt.t(_DIRECTION_WORDS[i.kind][0]) + (" ✓" if i.admitted else " ✗") for i in shown]
        no = [fmt.t(_DIRECTION_WORDS[i.kind][1]) + (" ✓" if i.rejected else " ✗") for i in shown]
        yw = max(len(y) for y in yes)
        for i, y, n in zip(shown, yes, no, strict=True):
            lines.append(f"  {kinds[i.kind]:<{kw}}  {i.id:<{width}}  {y:<{yw}}  {n}".rstrip())
    return "\n".join(lines)
