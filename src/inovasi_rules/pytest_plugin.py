"""A pytest plugin that runs rulesets' YAML test cases (``*.test.yaml``).

Installed with the package (entry point ``pytest11``: ``inovasi_rules``), so a
region's CI needs only::

    pytest rulesets/

Each case of each ``*.test.yaml`` file becomes one test item named after the case; a
failure shows the same difference as ``inovasi-rules test``, a malformed file is a
collection error at its file and line. Options:

``--rules-lang id|en``
    language of case names and failure reports (default ``id``);
``--rules-coverage``
    print, per ruleset, the rules no case saw admit or reject an entry;
``--rules-fail-under PCT``
    fail the run when a ruleset's coverage is under PCT percent (implies
    ``--rules-coverage``).

Disable it with ``-p no:inovasi_rules``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .cases import (
    CASE_FILE_SUFFIXES,
    Case,
    CaseFile,
    CaseFileError,
    CaseResult,
    format_case_result,
    format_coverage,
    load_case_file,
    measure_coverage,
    plugin_manager_for_cases,
    run_case,
)

__all__ = ["CaseFailed", "CaseItem", "CaseModule"]

_RESULTS = pytest.StashKey[dict[str, tuple[Any, list[CaseResult]]]]()
_PLUGINS = pytest.StashKey[Any]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add the ``--rules-*`` options."""
    group = parser.getgroup("inovasi_rules", "inovasi_rules YAML test cases")
    group.addoption(
        "--rules-lang",
        choices=("id", "en"),
        default="id",
        help="language of case names and failure reports: id (default) or en",
    )
    group.addoption(
        "--rules-coverage",
        action="store_true",
        default=False,
        help="report the rules of each ruleset no case saw admit or reject an entry",
    )
    group.addoption(
        "--rules-fail-under",
        type=float,
        default=None,
        metavar="PCT",
        help="fail when a ruleset's rule coverage is under PCT percent",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Prepare the store of case results for the coverage report."""
    config.stash[_RESULTS] = {}


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> CaseModule | None:
    """Collect ``*.test.yaml`` and ``*.test.yml`` files."""
    if file_path.name.endswith(CASE_FILE_SUFFIXES):
        module: CaseModule = CaseModule.from_parent(parent, path=file_path)
        return module
    return None


class CaseFailed(Exception):
    """Raised by a case item whose expectations were not met (or that could not run)."""

    def __init__(self, result: CaseResult) -> None:
        self.result = result
        super().__init__(result.case.location)


class CaseModule(pytest.File):
    """A ``*.test.yaml`` file: one item per case."""

    case_file: CaseFile | None = None

    def collect(self) -> Iterator[CaseItem]:
        """Load the file and its ruleset; one :class:`CaseItem` per case."""
        self.case_file = load_case_file(self.path)
        lang = self.config.getoption("rules_lang")
        for case in self.case_file.cases:
            item: CaseItem = CaseItem.from_parent(self, name=case.title(lang), case=case)
            yield item

    def repr_failure(  # type: ignore[override]
        self, excinfo: pytest.ExceptionInfo[BaseException]
    ) -> str | Any:
        """A malformed case file: its located problems, without a traceback."""
        if isinstance(excinfo.value, CaseFileError):
            return str(excinfo.value)
        return super().repr_failure(excinfo)


class CaseItem(pytest.Item):
    """One test case of a ruleset."""

    def __init__(self, *, case: Case, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        """Evaluate the case and compare; raise :class:`CaseFailed` on a mismatch."""
        parent = self.parent
        assert isinstance(parent, CaseModule)
        assert parent.case_file is not None
        ruleset = parent.case_file.ruleset
        pm = self.config.stash.get(_PLUGINS, None)
        if pm is None:
            pm = self.config.stash[_PLUGINS] = plugin_manager_for_cases()
        result = run_case(self.case, ruleset, plugin_manager=pm)
        store = self.config.stash[_RESULTS]
        store.setdefault(ruleset.id, (ruleset, []))[1].append(result)
        if not result.passed:
            raise CaseFailed(result)

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None
    ) -> str | Any:
        """The difference between expected and actual, with the engine's reasons."""
        if isinstance(excinfo.value, CaseFailed):
            lang = self.config.getoption("rules_lang")
            return f"{self.case.location}: {self.case.title(lang)}\n" + format_case_result(
                excinfo.value.result, lang
            )
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        """Where the case is written (0-based line, as pytest expects)."""
        return self.path, self.case.line - 1, f"case: {self.name}"


def _coverage_lines(config: pytest.Config) -> tuple[list[str], bool]:
    lang = config.getoption("rules_lang")
    limit = config.getoption("rules_fail_under")
    lines: list[str] = []
    under = False
    store = config.stash.get(_RESULTS, {})
    for rid in sorted(store):
        ruleset, results = store[rid]
        cov = measure_coverage(ruleset, results)
        lines.append(format_coverage(cov, lang))
        if limit is not None and cov.below(limit):
            under = True
            lines.append(
                f"coverage of {rid} is {cov.percent}%, under --rules-fail-under {limit:g}% "
                f"/ cakupan di bawah {limit:g}%"
            )
    return lines, under


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when ``--rules-fail-under`` is not met."""
    config = session.config
    if config.getoption("rules_fail_under") is None:
        return
    _lines, under = _coverage_lines(config)
    if under and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """Print rule coverage with ``--rules-coverage`` or ``--rules-fail-under``."""
    if not (config.getoption("rules_coverage") or config.getoption("rules_fail_under") is not None):
        return
    lines, _under = _coverage_lines(config)
    terminalreporter.section("inovasi_rules coverage / cakupan aturan")
    for line in lines or ["no YAML test cases ran / tidak ada kasus uji YAML yang dijalankan"]:
        terminalreporter.write_line(line)
