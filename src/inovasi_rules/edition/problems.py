"""Where a problem is, and the sink that collects the problems a reader finds."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ..errors import EditionError, Problem
from .limits import DEFAULT_READ_LIMITS, ReadLimits
from .model import Origin

# ---------------------------------------------------------------------------------------
# Problem collection
# ---------------------------------------------------------------------------------------


class _Sink:
    """Collects errors and warnings, at most ``limits.problems_per_table`` per table;
    carries the limits of the read."""

    def __init__(self, limits: ReadLimits = DEFAULT_READ_LIMITS) -> None:
        self.limits = limits
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self._counts: dict[tuple[str | None, str], int] = {}

    def _keep(self, where: _Where) -> bool:
        key = (where.file, where.table)
        n = self._counts.get(key, 0) + 1
        self._counts[key] = n
        return n <= self.limits.problems_per_table

    def error(self, where: _Where, problem: Problem) -> None:
        if self._keep(where):
            self.errors.append(problem)

    def warn(self, where: _Where, problem: Problem) -> None:
        if self._keep(where):
            self.warnings.append(attrs.evolve(problem, level="warning"))

    def add(self, problem: Problem) -> None:
        (self.warnings if problem.level == "warning" else self.errors).append(problem)

    def merge(self, other: _Sink) -> None:
        self.errors.extend(other.errors)
        self.warnings.extend(other.warnings)
        for key, n in other._counts.items():
            self._counts[key] = self._counts.get(key, 0) + n

    def finish(self) -> None:
        """Add a summary problem per table whose problems were cut short."""
        for (file, table), n in self._counts.items():
            cut = n - self.limits.problems_per_table
            if cut > 0:
                self.errors.append(
                    Problem(
                        f"{cut} more problems in {table} are not "
                        f"listed / {cut} masalah lain tidak "
                        "ditampilkan",
                        file=file,
                        path=table,
                        rule="too-many-problems",
                    )
                )
        self._counts = {}

    def raise_if_errors(self) -> None:
        self.finish()
        if self.errors:
            raise EditionError([*self.errors, *self.warnings])


def _visible(text: str) -> str:
    """``text`` with the characters that do not show (a zero-width space, a no-break
    space, a control character) written as escapes, ``id\\u200b``: a hint that says
    rename 'id' to 'id' helps no one."""
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text
    )


def _col_letter(index: int) -> str:
    letters = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@attrs.frozen
class _Where:
    """How to locate a problem in one table of one input."""

    kind: str  # "csv", "xlsx" or "records"
    file: str | None
    table: str  # table name; the sheet name for xlsx
    columns: Mapping[str, int] = attrs.field(factory=dict)  # name -> 1-based column

    def with_columns(self, columns: Mapping[str, int]) -> _Where:
        return attrs.evolve(self, columns=columns)

    def problem(
        self,
        message: str,
        key: int | None = None,
        column: str | None = None,
        *,
        hint: str | None = None,
        rule: str = "data",
    ) -> Problem:
        if self.kind == "records":
            path = self.table if key is None else f"{self.table}[{key}]"
            if column:
                path = f"{path}.{column}"
            return Problem(message, file=self.file, path=path, hint=hint, rule=rule)
        index = self.columns.get(column) if column else None
        if self.kind == "xlsx":
            if index is not None and key is not None:
                path = f"{self.table}!{_col_letter(index)}{key}"
            elif key is not None:
                path = f"{self.table}!{key}:{key}"
            else:
                path = self.table
        else:
            path = column or ""
        return Problem(
            message, file=self.file, row=key, column=index, path=path, hint=hint, rule=rule
        )

    def describe(self, key: int, lang: str = "en") -> str:
        """Where record ``key`` is, in English or (``lang="id"``) in Indonesian."""
        if self.kind == "records":
            return f"{self.table}[{key}]"
        return f"baris {key}" if lang == "id" else f"row {key}"

    def origin(self, key: int) -> Origin:
        if self.kind == "records":
            return Origin(self.file, None, f"{self.table}[{key}]")
        if self.kind == "xlsx":
            return Origin(self.file, key, self.table)
        return Origin(self.file, key)


class _Bad(ValueError):
    """A cell that cannot be converted; carries the message and a hint. A
    ``ValueError`` to code outside the readers (``str()`` is the message), which
    catches that rather than this class."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
