"""The work a request asks for, run inside a worker process.

Every function here takes plain, picklable values (texts, the path of the request's own
temporary folder, a :class:`Config`) and returns plain data, so that it can run in a
worker process that is stopped when it takes too long. Nothing is kept between calls:
each one builds its registry, reads its input and evaluates afresh.

A problem in the input raises :class:`ServiceError`, which carries the HTTP status, a
title in both languages and the library's located problems (file names relative to the
request's folder, never a path on the server).
"""

from __future__ import annotations

import base64
import io
import os
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from .. import (
    EditionError,
    EvaluationError,
    InovasiRulesError,
    LimitError,
    PluginError,
    Problem,
    Registry,
    Result,
    Ruleset,
    RulesetError,
    check_ruleset,
    describe_ruleset,
    evaluate,
    explain,
    loads_ruleset,
    read_edition,
)
from ..contract import problem_record
from ..errors import ServiceError

__all__ = [
    "Config",
    "RulesetSource",
    "ServiceError",
    "compare_page",
    "evaluate_job",
    "problem_dict",
    "show_ruleset",
    "validate_ruleset",
]

#: ``old`` given as this in a comparison: the ruleset the edition names.
RECORDED = "@edition"


@attrs.frozen
class Config:
    """What a worker needs to know of the service's settings."""

    ruleset_dirs: tuple[str, ...] = ()
    load_plugins: bool = True
    max_rows: int = 500_000


@attrs.frozen
class RulesetSource:
    """A ruleset named by id (``ruleset_id``) or sent as YAML text (``text``)."""

    ruleset_id: str | None = None
    text: str | None = None
    file: str = "ruleset.yaml"


def _relative(file: str | None, base: Path | None) -> str | None:
    """A file name a client may see: relative to the request's folder, else its name."""
    if file is None:
        return None
    if base is not None:
        try:
            return Path(file).resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            pass
    # a bundled parent ruleset or a server directory: its name, not where it lives
    return Path(file).name if os.sep in file or "/" in file else file


def problem_dict(p: Problem, base: Path | None = None) -> dict[str, Any]:
    """A library problem as the ``problems`` schema's ``problem`` object
    (:func:`~inovasi_rules.contract.problem_record`), its file named as the client
    named it."""
    return {**problem_record(p), "file": _relative(p.file, base)}


def _problems(exc: InovasiRulesError, base: Path | None) -> list[dict[str, Any]]:
    found: Iterable[Problem] = getattr(exc, "problems", ())
    out = [problem_dict(p, base) for p in found]
    if not out:
        out = [problem_dict(Problem(str(exc), rule=type(exc).__name__), base)]
    return out


def _fail(exc: InovasiRulesError, base: Path | None) -> ServiceError:
    if isinstance(exc, ServiceError):
        return exc
    if isinstance(exc, LimitError):
        return ServiceError(413, "limit", "input exceeds a safety limit / masukan melebihi batas aman",
                        _problems(exc, base))
    if isinstance(exc, RulesetError):
        return ServiceError(422, "ruleset-invalid", "ruleset is not valid / ruleset tidak valid",
                        _problems(exc, base))
    if isinstance(exc, EditionError):
        return ServiceError(422, "edition-invalid", "edition data is not valid / data edisi tidak valid",
                        _problems(exc, base))
    if isinstance(exc, EvaluationError):
        return ServiceError(422, "edition-does-not-fit",
                        "edition does not fit the ruleset / edisi tidak sesuai aturan",
                        _problems(exc, base))
    if isinstance(exc, PluginError):
        return ServiceError(422, "plugin", "a plugin failed or is missing / plugin gagal atau tidak ada",
                        _problems(exc, base))
    return ServiceError(422, "invalid", "invalid input / masukan tidak valid", _problems(exc, base))


def _registry(config: Config) -> Registry:
    from ..plugins import default_registry, get_plugin_manager

    reg = default_registry(None if config.load_plugins else get_plugin_manager(load_entrypoints=False))
    return reg.with_directories(*config.ruleset_dirs) if config.ruleset_dirs else reg


def _load(source: RulesetSource, registry: Registry, recorded: str | None) -> Ruleset:
    if source.text is not None:
        return loads_ruleset(source.text, file=source.file, registry=registry)
    rid = source.ruleset_id or recorded
    if not rid:
        raise ServiceError(422, "no-ruleset", "no ruleset given / ruleset tidak disebut", [problem_dict(Problem(
            "the request names no ruleset and the edition's edition.yaml names none "
            "/ permintaan dan edition.yaml tidak menyebut ruleset",
            rule="no-ruleset",
            hint="give a ruleset id (GET /api/v1/rulesets lists them) or send a ruleset's YAML / "
            "sebut id ruleset (GET /api/v1/rulesets mendaftarnya) atau kirim YAML ruleset",
        ))])
    if rid not in registry:
        close = registry.suggest(rid)
        raise ServiceError(404, "ruleset-not-found", "no such ruleset / ruleset tidak ditemukan", [problem_dict(Problem(
            f"no ruleset with id {rid!r} / tidak ada ruleset dengan id {rid!r}",
            rule="not-found",
            hint=f"did you mean {' or '.join(map(repr, close))}? / maksud Anda {close[0]!r}?" if close
            else "GET /api/v1/rulesets lists the known rulesets / GET /api/v1/rulesets "
            "mendaftar ruleset yang ada",
        ))])
    # by id only: a request never names a path on the server
    result = check_ruleset(registry.path_of(rid), registry=registry)
    if result.ruleset is None:
        raise RulesetError(list(result.problems))
    return result.ruleset


def _count_rows(edition: Any) -> int:
    return (len(edition.submissions) + len(edition.judges) + len(edition.scores)
            + len(edition.verdicts))


def _too_many_rows(n: int, limit: int) -> ServiceError:
    return ServiceError(413, "too-many-rows", "too many rows / terlalu banyak baris", [problem_dict(Problem(
        f"the edition has {n} rows, more than this service's limit of {limit} "
        f"/ edisi berisi {n} baris, melebihi batas {limit}",
        rule="max-rows",
        hint="split the edition, or ask the operator to raise --max-rows / bagi edisinya, atau "
        "minta pengelola layanan menaikkan --max-rows",
    ))])


# --------------------------------------------------------------------------- rulesets


def validate_ruleset(config: Config, path: str) -> dict[str, Any]:
    """Check the ruleset file at ``path`` (alone in a folder of the request's own):
    every problem, errors and warnings, and its summary in words (both languages) when
    it is valid. ``extends`` resolves only in the service's registry."""
    base = Path(path).parent
    try:
        checked = check_ruleset(path, registry=_registry(config))
    except InovasiRulesError as exc:
        raise _fail(exc, base) from None
    limits = [p for p in checked.problems if p.rule == "limit"]
    if limits:
        raise ServiceError(413, "limit", "input exceeds a safety limit / masukan melebihi batas aman",
                       [problem_dict(p, base) for p in limits])
    ruleset = checked.ruleset
    return {
        "valid": ruleset is not None,
        "errors": len(checked.errors),
        "warnings": len(checked.warnings),
        "problems": [problem_dict(p, base) for p in checked.problems],
        "ruleset": None if ruleset is None else {
            "id": ruleset.id, "name": {"id": ruleset.name.id, "en": ruleset.name.en or ruleset.name.id}},
        "summary": None if ruleset is None else {
            "id": describe_ruleset(ruleset, "id"), "en": describe_ruleset(ruleset, "en")},
    }


def show_ruleset(config: Config, ruleset_id: str) -> dict[str, Any]:
    """A known ruleset in words, in both languages, with its warnings."""
    registry = _registry(config)
    try:
        ruleset = _load(RulesetSource(ruleset_id), registry, None)
    except InovasiRulesError as exc:
        raise _fail(exc, None) from None
    entry = registry.index[ruleset_id]
    return {
        "id": ruleset.id,
        "name": {"id": ruleset.name.id, "en": ruleset.name.en or ruleset.name.id},
        "extends": entry.extends,
        "year": entry.year,
        "level": entry.level,
        "description": {"id": describe_ruleset(ruleset, "id"), "en": describe_ruleset(ruleset, "en")},
    }


# --------------------------------------------------------------------------- evaluate


def _evaluate(config: Config, source: RulesetSource, edition_path: str) -> tuple[Result, Ruleset]:
    base = Path(edition_path).parent
    try:
        edition = read_edition(edition_path)
        n = _count_rows(edition)
        if n > config.max_rows:
            raise _too_many_rows(n, config.max_rows)
        ruleset = _load(source, _registry(config), edition.ruleset)
        result = evaluate(ruleset, edition, load_entrypoints=None if config.load_plugins else False)
    except InovasiRulesError as exc:
        raise _fail(exc, base) from None
    if any(p.file for p in result.findings):
        # the findings name the uploaded files as the client named them
        result = attrs.evolve(result, findings=tuple(
            attrs.evolve(p, file=_relative(p.file, base)) for p in result.findings))
    return result, ruleset


def evaluate_job(
    config: Config,
    source: RulesetSource,
    edition_path: str,
    want: str,
    lang: str = "id",
    submission: str | None = None,
    robustness: str | None = None,
) -> Any:
    """Evaluate the edition at ``edition_path`` (inside the request's folder).

    :param want: ``json`` (the result as ``inovasi-rules evaluate --format json``
        writes it), ``csv`` (as ``--format csv``), ``xlsx`` (the workbook ``--out
        result.xlsx`` writes, as bytes), ``explain`` (one submission's story,
        ``submission``; with its chances when ``robustness`` is the path of a
        robustness report) or ``page`` (what the web page shows).
    """
    result, ruleset = _evaluate(config, source, edition_path)
    if want == "json":
        return result.to_json()
    if want == "csv":
        return result.to_csv(lang)
    if want == "xlsx":
        return _workbook(result, lang)
    if want == "explain":
        assert submission is not None
        try:
            text = explain(result, submission, lang, ruleset=ruleset)
        except KeyError:
            import difflib

            close = difflib.get_close_matches(submission, [s.id for s in result.submissions], n=3)
            raise ServiceError(404, "submission-not-found", "no such submission / pengajuan tidak ditemukan",
                           [problem_dict(Problem(
                               f"no submission {submission!r} in this edition / tidak ada pengajuan {submission!r}",
                               rule="not-found",
                               hint=f"did you mean {', '.join(close)}? / maksud Anda {', '.join(close)}?" if close
                               else None))]) from None
        if robustness is not None:
            from ..robustness.chances import chances_text, read_confidence

            try:
                conf = read_confidence(robustness, result=result)
            except InovasiRulesError as exc:
                raise _fail(exc, Path(robustness).parent) from None
            text += "\n" + chances_text(conf, result, submission, lang)
        return {"submission": submission, "lang": lang, "text": text,
                "result": result.to_dict()["submissions"][[s.id for s in result.submissions].index(submission)]}
    return page_view(result, lang)


def _number(value: Decimal | int | None, lang: str) -> str:
    if value is None:
        return ""
    text = f"{value:,}" if isinstance(value, int) else str(value)
    if lang == "id":
        return text.translate(str.maketrans(",.", ".,"))
    return text


def _workbook(result: Result, lang: str) -> bytes:
    buffer = io.BytesIO()
    result.to_xlsx(buffer, lang)
    return buffer.getvalue()


def page_view(result: Result, lang: str) -> dict[str, Any]:
    """What the web page shows of a result, already in ``lang``: the funnel, the
    winners, why entries were rejected, every entry and its story, and the result
    as JSON and CSV for download."""
    from ..summary import rejections
    from ..whatif.history import decisive_reason, reason_label, status_label

    names = dict(result.stages)
    awards = []
    for award_id, name in result.awards:
        rows = []
        for sid in result.winners(award_id):
            sub = result.submission(sid)
            grant = next(g for g in sub.awards if g.award == award_id)
            scored = [st for st in sub.stages if st.score is not None]
            rows.append({
                "rank": grant.rank,
                "id": sid,
                "title": sub.title or "",
                "agency": str(sub.fields.get("participant.agency") or ""),
                "score": _number(scored[-1].score if scored else None, lang),
                "amount": _number(grant.amount, lang) if grant.amount is not None else "",
            })
        awards.append({"id": award_id, "name": name.text(lang), "winners": rows})
    entries = []
    for sub in result.submissions:
        last = sub.stages[-1] if sub.stages else None
        why = ""
        if last is not None and not last.passed:
            reason = decisive_reason(last)
            why = reason_label(reason).text(lang) if reason is not None else ""
        entries.append({
            "id": sub.id,
            "title": sub.title or "",
            "status": status_label(sub.status).text(lang),
            "status_code": sub.status,
            "reached": names[last.stage].text(lang) if last is not None and last.stage in names else "",
            "awards": ", ".join(g.award for g in sub.awards),
            "why": why,
        })
    return {
        "ruleset": result.ruleset,
        "edition": result.edition,
        "count": len(result.submissions),
        "funnel": [{"stage": f.stage, "name": f.name.text(lang), "entered": f.entered, "passed": f.passed}
                   for f in result.funnel()],
        "awards": awards,
        "rejected": [{"rule": rule, "message": message, "count": len(ids), "ids": ids}
                     for rule, message, ids in rejections(result, lang)],
        "entries": entries,
        "stories": {s.id: explain(result, s.id, lang) for s in result.submissions},
        "findings": [problem_dict(p) for p in result.findings],
        "json": result.to_json(),
        "csv": result.to_csv(lang),
        "xlsx": base64.b64encode(_workbook(result, lang)).decode("ascii"),
    }


# --------------------------------------------------------------------------- compare


def compare_page(
    config: Config, old: RulesetSource, new: RulesetSource, history_path: str, lang: str
) -> str:
    """Replay the past edition in ``history_path`` (with its ``outcomes.csv``) under
    ``old`` and ``new`` and return the what-if report as self-contained HTML."""
    from ..whatif import render_html, what_if
    from ..whatif.history import read_history

    base = Path(history_path).parent
    try:
        past = read_history(history_path)
        n = _count_rows(past.edition) + len(past.outcomes or ())
        if n > config.max_rows:
            raise _too_many_rows(n, config.max_rows)
        registry = _registry(config)
        recorded = past.ruleset
        rules_a = _load(attrs.evolve(old, ruleset_id=None) if old.ruleset_id == RECORDED else old,
                        registry, recorded)
        rules_b = _load(attrs.evolve(new, ruleset_id=None) if new.ruleset_id == RECORDED else new,
                        registry, recorded)
        report = what_if(rules_a, rules_b, [past],
                         load_entrypoints=None if config.load_plugins else False)
    except InovasiRulesError as exc:
        raise _fail(exc, base) from None
    except ValueError as exc:
        raise ServiceError(422, "invalid", "invalid input / masukan tidak valid",
                       [problem_dict(Problem(str(exc), rule="invalid"))]) from None
    return render_html(report, lang)
