"""What a what-if report holds: the rule changes, each edition's comparison, the sweep."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from ..messages import Formatter
from ..ruleset.model import Label
from ..ruleset.words import value_words
from .history import (
    AwardChange,
    Comparison,
    Reproduction,
)

if TYPE_CHECKING:
    from ..robustness import NoiseCheck


#: Entering and leaving entries listed per award (the rest are counted).
MAX_LISTED = 40
#: Of those, shown at once in the HTML report (the others fold away under "+N more").
SHOWN_ROWS = 10
#: Reproduction mismatches listed per edition (the rest are counted).
MAX_MISMATCHES = 50
#: Rule changes listed (the rest are counted).
MAX_RULE_CHANGES = 40
#: Shown as the ruleset of a report whose A or B is each edition's own recorded ruleset.
RECORDED = "@edition"


@attrs.frozen
class RuleChange:
    """One difference between the two rulesets: where, the value under A and under B
    (``None``: absent), and what the change is about in words when there are words for
    it ("Bobot kriteria Kebaruan pada Presentasi dan wawancara")."""

    path: str
    a: str | None
    b: str | None
    words: Label | None = attrs.field(default=None, eq=False, repr=False)

    def sentence(self, lang: str = "id") -> str:
        """``Bobot kriteria Kebaruan pada Presentasi dan wawancara: 20 → 10``; the path
        stands in for the words where there are none."""
        where = self.words.text(lang) if self.words is not None else self.path
        return f"{where}: {value_words(self.a, lang)} → {value_words(self.b, lang)}"


@attrs.frozen
class ScoreSet:
    """The scores of one stage under A and under B, and the lowest score that passed."""

    stage: str
    name: Label
    a: tuple[Decimal, ...]
    b: tuple[Decimal, ...]
    cut_a: Decimal | None = None
    cut_b: Decimal | None = None


@attrs.frozen
class EditionReport:
    """One past edition replayed under A and B.

    :ivar why: for every submission that enters or leaves a stage or an award, what
        changed for it (rank and score, bonus or rule), in both languages.
    :ivar award_stages: award id to the ranked stage that decides it.
    :ivar value_names: per field (``participant.kind``, ``category``, ``group``), the
        names of its values from ruleset B.
    :ivar notes: warnings for the reader (e.g. A is not the ruleset the edition ran under).
    :ivar unscored: per scored stage, the submissions that reach it under B but have no
        score for it in the edition's data (historically they never got that far), so
        their outcome there is unknown.
    :ivar noise: when the report was asked for it (``noise_replicates``), per cut-off
        the entries that change between A and B and those of them within judge noise
        under A or B (:func:`~inovasi_rules.robustness.changes_within_noise`); else ``None``.
    """

    edition: str
    title: str | None
    year: int | None
    submissions: int
    ruleset_a: str
    ruleset_b: str
    comparison: Comparison
    reproduction: Reproduction | None
    scores: tuple[ScoreSet, ...]
    why: Mapping[str, Label]
    award_stages: Mapping[str, str]
    value_names: Mapping[str, Mapping[str, Label]]
    seconds: float
    notes: tuple[Label, ...] = ()
    unscored: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    noise: tuple[NoiseCheck, ...] | None = None

    @property
    def label(self) -> str:
        """The edition's title, or its id."""
        return self.title or self.edition


@attrs.frozen
class SweepPoint:
    """The outcome for one value of the swept parameter: per edition, per award, the
    change against A."""

    value: Any
    awards: Mapping[str, tuple[AwardChange, ...]]
    unscored: Mapping[str, int] = attrs.field(factory=dict)


@attrs.frozen
class WhatIfReport:
    """Everything a what-if run found.

    :ivar parameters: the parameters set on B for this run (``--set``).
    :ivar changes: how B differs from A (after ``parameters``), over all editions.
    """

    ruleset_a: str
    ruleset_b: str
    title_a: Label
    title_b: Label
    parameters: Mapping[str, Any]
    changes: tuple[RuleChange, ...]
    editions: tuple[EditionReport, ...]
    sweep_parameter: str | None = None
    sweep: tuple[SweepPoint, ...] = ()
    created: str = ""
    seconds: float = 0.0
    command: str | None = None
    noise_replicates: int = 0
    noise_seed: int = 0

    @property
    def changed(self) -> bool:
        """True when B changes anyone's outcome in any edition."""
        return any(e.comparison.changed for e in self.editions)


def _num(value: Any, lang: str, places: int | None = None) -> str:
    """A count, tau or duration in the reader's form (``3.156`` in Indonesian)."""
    return Formatter(lang).number(value, places)
