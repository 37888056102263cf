"""Running a case: its submissions as an edition, evaluated, then compared."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from ..edition import Edition
from ..errors import (
    EditionError,
    EvaluationError,
    PluginError,
    Problem,
)
from ..evaluation import evaluate
from ..ruleset.model import Ruleset
from ..yamlpos import Node
from .compare import compare
from .defaults import Defaults
from .model import EDITION_ID, Case, CaseFile, CaseResult, Mismatch


def _records(case: Case, ruleset: Ruleset) -> tuple[list[dict[str, Any]], list[int]]:
    filler = Defaults(ruleset)
    records: list[dict[str, Any]] = []
    origin: list[int] = []
    for i, sub in enumerate(case.submissions):
        for sid in sub.ids():
            rec = dict(case.defaults)
            rec.update(sub.fields)
            rec["id"] = sid
            records.append(filler.fill(rec))
            origin.append(i)
    return records, origin


def _locate(problem: Problem, case: Case, origin: Sequence[int]) -> Problem:
    """An edition problem (``submissions[3].innovation.started``) placed at the line of
    the case file where the value was written."""
    path = problem.path
    node: Node | None = case.node
    where = path
    if path.startswith("submissions[") and "]" in path:
        k = int(path[len("submissions["):path.index("]")])
        field = path[path.index("]") + 1:].lstrip(".")
        if 0 <= k < len(origin):
            sub = case.submissions[origin[k]]
            node = sub.node
            where = f"{sub.path}.{field}" if field else sub.path
            if sub.node is not None and field:
                written = sub.node.get(field)
                if written is None and "." in field:
                    head, _, rest = field.partition(".")
                    parent = sub.node.get(head)
                    written = parent.get(rest) if parent is not None else None
                if written is not None:
                    node = written
    mark = node.mark if node is not None else None
    return attrs.evolve(problem, file=case.file, line=mark.line if mark else case.line,
                        column=mark.column if mark else None, path=where)


def run_case(case: Case, ruleset: Ruleset, *, plugins: Iterable[Any] = (),
             load_entrypoints: bool | None = None, plugin_manager: Any = None) -> CaseResult:
    """Evaluate one case under ``ruleset`` (with the case's parameter overrides) and
    compare the outcome with what the case expects.

    ``plugins``, ``load_entrypoints`` and ``plugin_manager`` are passed to
    :func:`~inovasi_rules.evaluate` (a ready plugin manager saves finding the installed
    plugins again for every case)."""
    start = time.perf_counter()
    rs = ruleset.with_parameters(**case.parameters) if case.parameters else ruleset
    records, origin = _records(case, rs)
    scores: list[dict[str, Any]] = []
    verdicts: list[dict[str, Any]] = []
    for sub in case.submissions:
        for sid in sub.ids():
            for stage_id, rows in sub.scores.items():
                scores.extend({"submission_id": sid, "stage": stage_id, "judge_id": j, "criterion": c,
                               "score": v} for j, c, v in rows)
            for stage_id, (word, note) in sub.verdicts.items():
                verdicts.append({"submission_id": sid, "stage": stage_id, "verdict": word, "note": note})
    try:
        edition = Edition.from_records(
            id=EDITION_ID, ruleset=rs.id, submissions=records, scores=scores, verdicts=verdicts,
            judges=[dict(j) for j in case.judges] if case.judges is not None else None,
        )
        result = evaluate(rs, edition, plugins=plugins, load_entrypoints=load_entrypoints,
                          plugin_manager=plugin_manager)
    except (EditionError, EvaluationError) as exc:
        located = tuple(_locate(p, case, origin) for p in exc.errors)
        return CaseResult(case, problems=located, seconds=time.perf_counter() - start)
    except PluginError as exc:
        return CaseResult(case, problems=(Problem(str(exc), case.file, case.line, rule="plugin"),),
                          seconds=time.perf_counter() - start)
    mismatches: list[Mismatch] = []
    for sub in case.submissions:
        if sub.expect is None:
            continue
        for sid in sub.ids():
            mismatches.extend(compare(sub.expect, result.submission(sid), rs))
    return CaseResult(case, tuple(mismatches), (), result, time.perf_counter() - start)


def run_case_file(case_file: CaseFile, **kwargs: Any) -> list[CaseResult]:
    """Run every case of a file (keyword arguments as for :func:`run_case`; by default
    one plugin manager with the installed plugins serves every case)."""
    if "plugin_manager" not in kwargs and "plugins" not in kwargs and "load_entrypoints" not in kwargs:
        kwargs["plugin_manager"] = plugin_manager_for_cases()
    return [run_case(c, case_file.ruleset, **kwargs) for c in case_file.cases]


def plugin_manager_for_cases() -> Any:
    """A plugin manager with the installed plugins, to share across the cases of a run.

    :raises PluginError: when an installed plugin is broken.
    """
    from ..plugins import get_plugin_manager

    return get_plugin_manager()


