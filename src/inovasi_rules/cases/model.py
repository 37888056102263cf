"""The parts of a test-case file, as values: cases, submissions, expectations, results."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from ..errors import (
    Problem,
)
from ..result import Result
from ..ruleset.model import Label, Ruleset
from ..yamlpos import Node

#: File names that hold test cases.
CASE_FILE_SUFFIXES = (".test.yaml", ".test.yml")

#: Keys of a submission entry that are not submission fields.
RESERVED = ("id", "copies", "scores", "verdicts", "expect")
#: In a criterion -> score mapping, the key that scores every criterion not named.
OTHERS = ("others", "lainnya")
SCORED = ("assessment", "presentation")
#: The edition id of every case (it seeds the tie-break lottery, so it never changes).
EDITION_ID = "test-case"


@attrs.frozen
class MessageCheck:
    """Text that must appear in what an entry was told: an eligibility rule that
    turned it down, a bonus or penalty it was given, or another decision (selection,
    ties, judges, field verification).

    ``id`` must be found in the Indonesian text, ``en`` in the English text, ``either``
    in one of the two (a plain string in the case file). Matching ignores case and
    runs of spaces.
    """

    id: str | None = None
    en: str | None = None
    either: str | None = None

    def show(self) -> str:
        """The check as written, for a report."""
        if self.either is not None:
            return repr(self.either)
        parts = [f"id: {self.id!r}" if self.id else "", f"en: {self.en!r}" if self.en else ""]
        return "{" + ", ".join(p for p in parts if p) + "}"


@attrs.frozen
class Expectation:
    """What a case expects of one submission; ``None`` (or empty) means "not checked".

    :ivar eligible: passed every eligibility rule (``True``) or not (``False``).
    :ivar rejected_by: exactly the eligibility rules that turned it down.
    :ivar messages: texts that must appear in the reasons it was turned down.
    :ivar reaches: the last stage reached.
    :ivar advances: stages it must have passed.
    :ivar status: the status at the last stage reached (a string), or per stage.
    :ivar rank: the rank at the last ranked stage reached, or per stage.
    :ivar score: the final score at the last scored stage reached, or per stage.
    :ivar adjustments: exactly the bonuses and penalties applied (any stage).
    :ivar awards: exactly the awards received.
    """

    eligible: bool | None = None
    rejected_by: tuple[str, ...] | None = None
    messages: tuple[MessageCheck, ...] = ()
    reaches: str | None = None
    advances: tuple[str, ...] = ()
    status: str | Mapping[str, str] | None = None
    rank: int | Mapping[str, int] | None = None
    score: Decimal | Mapping[str, Decimal] | None = None
    adjustments: tuple[str, ...] | None = None
    awards: tuple[str, ...] | None = None


@attrs.frozen
class CaseSubmission:
    """One submission entry of a case, as written (before defaults are filled in).

    :ivar fields: the fields written for it, flat (``participant.kind``), ``None``
        for a field written empty.
    :ivar scores: per stage, ``(judge, criterion, score)`` rows (compact forms expanded).
    :ivar verdicts: per verification stage, ``(verdict, note)``.
    :ivar copies: how many copies to make (ids ``<id>-1`` ...), 1 for just itself.
    """

    id: str
    fields: Mapping[str, Any]
    scores: Mapping[str, tuple[tuple[str, str, Decimal], ...]] = attrs.field(factory=dict)
    verdicts: Mapping[str, tuple[str, str | None]] = attrs.field(factory=dict)
    copies: int = 1
    expect: Expectation | None = None
    line: int | None = None
    #: Where it is written in the case file, e.g. ``cases[2].submissions[0]``.
    path: str = ""
    node: Node | None = attrs.field(default=None, eq=False, repr=False)

    def ids(self) -> list[str]:
        """The submission ids this entry makes (its copies, or itself)."""
        if self.copies == 1:
            return [self.id]
        return [f"{self.id}-{k}" for k in range(1, self.copies + 1)]


@attrs.frozen
class Case:
    """One test case: submissions (and judges), parameter overrides, expectations."""

    name: Label
    file: str
    line: int
    submissions: tuple[CaseSubmission, ...]
    parameters: Mapping[str, Any] = attrs.field(factory=dict)
    judges: tuple[Mapping[str, Any], ...] | None = None
    description: Label | None = None
    defaults: Mapping[str, Any] = attrs.field(factory=dict)
    node: Node | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def location(self) -> str:
        """``file:line`` of the case."""
        return f"{self.file}:{self.line}"

    def title(self, lang: str = "id") -> str:
        """The case's name in ``lang``."""
        return self.name.text(lang)


@attrs.frozen
class CaseFile:
    """A loaded test-case file: the ruleset it tests and its cases."""

    path: str
    ruleset: Ruleset
    cases: tuple[Case, ...]
    defaults: Mapping[str, Any] = attrs.field(factory=dict)
    description: Label | None = None


@attrs.frozen
class Mismatch:
    """One expectation a submission did not meet."""

    submission: str
    what: str
    expected: str
    actual: str


@attrs.frozen
class CaseResult:
    """The outcome of running one case.

    :ivar mismatches: the expectations not met (empty when the case passed).
    :ivar problems: errors that stopped the case (the data did not fit the ruleset).
    :ivar result: the engine's result, when the evaluation ran.
    """

    case: Case
    mismatches: tuple[Mismatch, ...] = ()
    problems: tuple[Problem, ...] = ()
    result: Result | None = None
    seconds: float = 0.0

    @property
    def outcome(self) -> str:
        """``"pass"``, ``"fail"`` or ``"error"``."""
        if self.problems:
            return "error"
        return "fail" if self.mismatches else "pass"

    @property
    def passed(self) -> bool:
        """True when every expectation was met."""
        return self.outcome == "pass"


