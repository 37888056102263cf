"""Exceptions and located problems: every exception the library raises is defined here.

Every error derives from :class:`InovasiRulesError`::

    InovasiRulesError
    ├── RulesetError        a ruleset file cannot be loaded: syntax, schema, semantics,
    │   │                   inheritance; carries every Problem found, each located
    │   └── LimitError      the ruleset is too large or too deeply nested to load safely
    ├── EditionError        an edition's data (CSV, JSON, Excel) is malformed; carries
    │                       Problems located by file, row and column
    ├── EvaluationError     a ruleset and an edition do not fit together (a score for a
    │                       criterion the rubric does not have, a stage the ruleset lacks)
    ├── CaseFileError       a test-case file cannot be used (syntax, schema, references)
    ├── PluginError         a plugin is missing, raised, or returned the wrong thing
    ├── ConditionError      a condition cannot be compiled (also a ValueError)
    ├── NumberError         a text is not a number, or one outside the limits (also a
    │                       ValueError)
    └── ServiceError        a request to the HTTP service cannot be done (an HTTP status
                            and the located problems, as RFC 9457 problem details)

A :class:`Problem` is one finding at one place. Problems are plain values: they sort
by place, render as one line (``file:line:col: error: message (rule)``) and carry a
``hint`` that says what would fix them. Warnings are Problems with
``level="warning"``; they are reported but do not make a load fail.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import attrs

__all__ = [
    "CaseFileError",
    "ConditionError",
    "EditionError",
    "EvaluationError",
    "InovasiRulesError",
    "LimitError",
    "NumberError",
    "PluginError",
    "Problem",
    "RulesetError",
    "ServiceError",
]


@attrs.frozen(order=False)
class Problem:
    """One finding at one place in an input file.

    :param message: what is wrong, in plain words (English and Indonesian where the
        text reaches a non-programmer).
    :param file: the file the problem is in, or ``None`` for in-memory input.
    :param line: 1-based line number (for YAML), or ``None``.
    :param column: 1-based column number, or ``None``.
    :param path: where inside the document, e.g. ``stages[2].advance.top``; for a
        table, the column name.
    :param row: 1-based row number of a CSV/Excel table (the header is row 1).
    :param hint: what would fix it.
    :param rule: a short id of the check that found it, e.g. ``schema``,
        ``unknown-key``, ``dangling-reference``.
    :param level: ``"error"`` or ``"warning"``.
    """

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str = ""
    row: int | None = None
    hint: str | None = None
    rule: str = "error"
    level: str = "error"

    @property
    def location(self) -> str:
        """``file:line:column`` (or ``file:row N``), as much of it as is known."""
        parts: list[str] = []
        if self.file is not None:
            parts.append(self.file)
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        loc = ":".join(parts)
        if self.row is not None:
            loc = f"{loc}: row {self.row}" if loc else f"row {self.row}"
        return loc or "<input>"

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        """A key that orders problems by file, then position, then text."""
        return (
            self.file or "",
            self.line or 0,
            self.row or 0,
            self.column or 0,
            self.path,
            self.message,
        )

    def format(self) -> str:
        """Render as one line: ``file:line:col: level: message [path] (rule)``,
        followed by an indented hint line when there is a hint."""
        where = f" [{self.path}]" if self.path else ""
        text = f"{self.location}: {self.level}: {self.message}{where} ({self.rule})"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def __str__(self) -> str:
        return self.format()


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Return problems ordered by place, errors before warnings at the same place."""
    return sorted(problems, key=lambda p: (p.sort_key(), p.level != "error"))


# How far a problem's rule is from the root of the trouble: a document that cannot be
# read at all, then one of the wrong shape (a missing table or column, a ruleset's key
# or value its schema refuses: the checks after the schema read what is there, and a
# stage kind misspelt makes its stage's every use an error too), then a duplicate id
# (whose rows others refer to), then the rest, and last what follows from an earlier
# error.
_TIERS: Final = (
    ("not-found", "limit", "missing-dependency", "json-syntax", "yaml-syntax", "csv-syntax",
     "excel", "encoding"),
    ("required", "missing-header", "missing-column", "duplicate-column", "row-width",
     "schema", "missing-key", "unknown-key"),
    ("duplicate",),
)
_FOLLOW_ON: Final = ("unknown-reference", "too-many-problems")


def _tier(rule: str) -> int:
    if rule in _FOLLOW_ON:
        return len(_TIERS) + 1
    return next((i for i, rules in enumerate(_TIERS) if rule in rules), len(_TIERS))


def useful_order(problems: Iterable[Problem]) -> list[Problem]:
    """Problems most useful first: errors before warnings; within each, a root cause
    (an unreadable file or broken JSON, then a missing table or column or what a
    ruleset's schema refuses, then a duplicate id) before the errors that follow from
    it (a reference to an unknown id); then by file and position, so the output is
    stable."""
    return sorted(
        problems, key=lambda p: (p.level != "error", _tier(p.rule), p.sort_key())
    )


class InovasiRulesError(Exception):
    """Base class of every error raised by :mod:`inovasi_rules`."""


class _ProblemsError(InovasiRulesError):
    """An error that carries a list of located problems: ``problems`` in order of
    place (:func:`sort_problems`); its message lists them the most useful first
    (:func:`useful_order`), a root cause before what follows from it."""

    #: Shown before the list of problems.
    summary = "invalid input"

    def __init__(self, problems: Sequence[Problem], summary: str | None = None) -> None:
        self.problems: list[Problem] = sort_problems(problems)
        if summary is not None:
            self.summary = summary
        super().__init__(self._render())

    @property
    def errors(self) -> list[Problem]:
        """The problems of level ``error``."""
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems of level ``warning``."""
        return [p for p in self.problems if p.level == "warning"]

    def _render(self) -> str:
        # (the message lists a root cause first; ``problems`` stays in order of place)
        n = len(self.errors)
        head = f"{self.summary}: {n} error{'s' if n != 1 else ''}"
        return "\n".join([head, *(p.format() for p in useful_order(self.problems))])


class RulesetError(_ProblemsError):
    """A ruleset could not be loaded.

    Raised by :func:`inovasi_rules.load_ruleset` and friends for YAML syntax errors,
    JSON Schema violations, semantic errors (dangling references, weights that do not
    add up, ...) and inheritance errors (unknown parent, cycles). ``problems`` lists
    every problem found, not only the first, each with file, line and column.
    """

    summary = "ruleset is not valid / ruleset tidak valid"


class EditionError(_ProblemsError):
    """An edition's input data is malformed.

    Raised while reading submissions, judges, scores or verdicts; each problem names the
    file, the row and the column.
    """

    summary = "edition data is not valid / data edisi tidak valid"


class EvaluationError(_ProblemsError):
    """A ruleset and an edition do not fit together.

    Raised by :func:`inovasi_rules.evaluate` when the data refers to things the
    ruleset does not define (an unknown stage or criterion in the scores) or breaks the
    rubric (a score off the scale). Each problem names the file and row of the data.
    """

    summary = "edition does not fit the ruleset / edisi tidak sesuai aturan"


class PluginError(InovasiRulesError):
    """A plugin is missing, raised an exception, or returned something invalid.

    The message names the plugin and the hook.
    """

    def __init__(self, message: str, *, plugin: str | None = None, hook: str | None = None):
        self.plugin = plugin
        self.hook = hook
        super().__init__(message)


class LimitError(RulesetError):
    """An input exceeds a safety limit (size, nesting depth, alias expansion).

    A subclass of :class:`RulesetError`, so a host that catches ruleset errors also
    catches it; the problem says which limit was hit and where.
    """

    summary = "ruleset exceeds a safety limit / ruleset melebihi batas aman"


class CaseFileError(_ProblemsError):
    """A test-case file cannot be used: YAML syntax, the case-file schema, a ruleset
    that does not load, or a reference to something the ruleset does not have (a
    stage, criterion, rule, award or parameter). Every problem names the file, line and
    column."""

    summary = "test case file is not valid / berkas kasus uji tidak valid"


class ConditionError(InovasiRulesError, ValueError):
    """A condition cannot be compiled (unknown function, parameter of the wrong type).

    Raised by :func:`inovasi_rules.compile_condition`; the loader and
    :func:`inovasi_rules.evaluate` turn it into a located problem.
    """


class NumberError(InovasiRulesError, ValueError):
    """A text that is not a number, or a number outside :class:`~inovasi_rules.decimals.NumberLimits`.

    ``str(error)`` is the bilingual message; :attr:`hint` says what to write instead.
    Readers turn it into a located :class:`Problem`.
    """

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class ServiceError(InovasiRulesError):
    """A request to the HTTP service (:mod:`inovasi_rules.service`) that cannot be
    done, answered as RFC 9457 problem details.

    :param status: the HTTP status.
    :param kind: the last part of the problem type (``ruleset-invalid`` ...).
    :param title: a short title, ``"Indonesian / English"``.
    :param problems: the located problems, as :func:`problem_dict` makes them.
    """

    def __init__(
        self, status: int, kind: str, title: str, problems: Sequence[Mapping[str, Any]] = ()
    ) -> None:
        super().__init__(title)
        self.status = status
        self.kind = kind
        self.title = title
        self.problems = [dict(p) for p in problems]

    def __reduce__(self) -> tuple[Any, ...]:
        return (ServiceError, (self.status, self.kind, self.title, self.problems))
