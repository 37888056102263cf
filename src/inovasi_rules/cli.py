"""The ``inovasi-rules`` command line: a thin layer over the library.

Every command is documented with ``inovasi-rules COMMAND --help``; docs/cli.md is
generated from the same help texts.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from . import __version__
from .describe import describe_ruleset
from .errors import InovasiRulesError, Problem
from .loading import Registry, RulesetCheck, check_ruleset
from .messages import Formatter
from .summary import funnel_text, summary_text
from .validation import ruleset_schema

LANG = click.option(
    "--lang",
    type=click.Choice(["id", "en"]),
    default="id",
    show_default=True,
    help="Language of the output: id (Bahasa Indonesia) or en (English).",
)
RULESET_DIRS = click.option(
    "--rulesets",
    "ruleset_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Extra directory of rulesets for ids and `extends` (may be repeated).",
)


def _registry(dirs: Sequence[Path]) -> Registry:
    from .plugins import default_registry

    reg = default_registry()
    return reg.with_directories(*dirs) if dirs else reg


def _echo_problems(problems: Sequence[Problem]) -> None:
    for p in problems:
        click.echo(p.format())


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="inovasi-rules")
def main() -> None:
    """Aturan kompetisi inovasi pelayanan publik sebagai data.
    / The rules of public-service innovation competitions, as data.

    \b
    Start here / mulai di sini:
      inovasi-rules list                       bundled rulesets
      inovasi-rules show kipp-2019             one ruleset in words
      inovasi-rules validate my-ruleset.yaml   check your own ruleset
    """


@main.command("list")
@RULESET_DIRS
@LANG
def list_cmd(ruleset_dirs: tuple[Path, ...], lang: str) -> None:
    """List the known rulesets (bundled, from plugins, from --rulesets).
    / Daftar ruleset yang dikenal."""
    reg = _registry(ruleset_dirs)
    entries = reg.entries()
    if not entries:
        click.echo("no rulesets found / tidak ada ruleset")
        return
    width = max(len(e.id) for e in entries)
    for e in entries:
        parent = f"  <- {e.extends}" if e.extends else ""
        origin = "" if e.origin == "bundled" else f"  [{e.origin}]"
        click.echo(f"{e.id:<{width}}  {e.name.text(lang)}{parent}{origin}")
    for p in reg.problems:
        click.echo(p.format(), err=True)


@main.command()
@click.argument("ruleset")
@RULESET_DIRS
@LANG
@click.option("--yaml", "as_yaml", is_flag=True, help="Print the resolved ruleset as YAML instead.")
def show(ruleset: str, ruleset_dirs: tuple[Path, ...], lang: str, as_yaml: bool) -> None:
    """Show a ruleset (an id or a path) after inheritance, in words.
    / Tampilkan ruleset setelah pewarisan."""
    result = check_ruleset(ruleset, registry=_registry(ruleset_dirs))
    if result.ruleset is None:
        _echo_problems(result.problems)
        sys.exit(1)
    if as_yaml:
        from .codec import dump_ruleset

        click.echo(dump_ruleset(result.ruleset), nl=False)
    else:
        click.echo(describe_ruleset(result.ruleset, lang), nl=False)
    if result.warnings:
        click.echo("", err=True)
        _echo_problems(result.warnings)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@RULESET_DIRS
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json prints one object per problem, for editors and CI.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
@LANG
def validate(
    paths: tuple[str, ...], ruleset_dirs: tuple[Path, ...], fmt: str, strict: bool, lang: str
) -> None:
    """Check ruleset files (or ids); exit 0 when all are valid, 1 otherwise. A test-case
    file (*.test.yaml) is checked as one, against its ruleset.
    / Periksa ruleset; keluar 0 jika semua sah."""
    reg = _registry(ruleset_dirs)
    n_err = n_warn = 0
    records: list[dict[str, Any]] = []
    for path in paths:
        is_cases = path.endswith((".test.yaml", ".test.yml"))
        result = _check_cases(path, reg) if is_cases else check_ruleset(path, registry=reg)
        n_err += len(result.errors)
        n_warn += len(result.warnings)
        if fmt == "json":
            records.extend(
                {
                    "file": p.file,
                    "line": p.line,
                    "column": p.column,
                    "path": p.path,
                    "level": p.level,
                    "rule": p.rule,
                    "message": p.message,
                    "hint": p.hint,
                }
                for p in result.problems
            )
            continue
        _echo_problems(result.problems)
        click.echo(f"{path}: " + _validity(result, Formatter(lang)))
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    if n_err or (strict and n_warn):
        sys.exit(1)


def _validity(result: RulesetCheck, fmt: Formatter) -> str:
    """``sah (0 galat, 1 peringatan)`` / ``valid (0 errors, 1 warning)``."""
    counts = fmt.t(
        "{errors} errors, {warnings} warnings",
        errors=fmt.number(len(result.errors)),
        warnings=fmt.number(len(result.warnings)),
    )
    status = fmt.t("valid") if result.ok else fmt.t("INVALID")
    return f"{status} ({counts})"


def _check_cases(path: str, reg: Registry) -> RulesetCheck:
    """A test-case file checked like a ruleset: its problems, and its ruleset when valid."""
    from .cases import CaseFileError, load_case_file

    try:
        return RulesetCheck(load_case_file(path, registry=reg).ruleset, (), path)
    except CaseFileError as exc:
        return RulesetCheck(None, tuple(exc.problems), path)


def _parse_sets(values: Sequence[str]) -> dict[str, Any]:
    """``--set name=value`` pairs; values are read like YAML (numbers, dates, lists)."""
    from .yamlpos import load_yaml, to_plain

    out: dict[str, Any] = {}
    for item in values:
        name, sep, raw = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r}: write NAME=VALUE, e.g. bonus_points=10", param_hint="--set")
        out[name.strip()] = to_plain(load_yaml(raw or "''", "--set"))
    return out


SET = click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a ruleset parameter for this run (may be repeated), e.g. --set bonus_points=10.",
)
NO_PLUGINS = click.option(
    "--no-plugins", is_flag=True, help="Do not load plugins from installed packages."
)


def _load_pair(ruleset: str, data: Path, ruleset_dirs: Sequence[Path], sets: Sequence[str]) -> tuple[Any, Any]:
    from .edition import read_edition
    from .loading import load_ruleset

    rs = load_ruleset(ruleset, registry=_registry(ruleset_dirs))
    params = _parse_sets(sets)
    if params:
        try:
            rs = rs.with_parameters(**params)
        except KeyError as exc:
            raise click.BadParameter(str(exc.args[0]), param_hint="--set") from None
    return rs, read_edition(data)


@main.command()
@click.argument("ruleset")
@click.argument("data", type=click.Path(exists=True, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the result to this file.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["summary", "json", "csv"]),
    default=None,
    help="summary (the funnel, default on screen), json or csv (default for --out: from its suffix).",
)
@SET
@RULESET_DIRS
@NO_PLUGINS
@LANG
def evaluate(
    ruleset: str,
    data: Path,
    out: Path | None,
    fmt: str | None,
    sets: tuple[str, ...],
    ruleset_dirs: tuple[Path, ...],
    no_plugins: bool,
    lang: str,
) -> None:
    """Evaluate an edition (DATA: a folder, .json or .xlsx) under RULESET (an id or a
    path) and print the funnel, or write the full result.
    / Evaluasi satu edisi kompetisi."""
    from .engine import evaluate as run_evaluate

    rs, edition = _load_pair(ruleset, data, ruleset_dirs, sets)
    result = run_evaluate(rs, edition, load_entrypoints=False if no_plugins else None)
    if fmt is None:
        fmt = (out.suffix.lstrip(".") if out is not None else "summary") or "json"
        if fmt not in ("json", "csv"):
            fmt = "json" if out is not None else "summary"
    text = (
        result.to_json()
        if fmt == "json"
        else result.to_csv(lang)
        if fmt == "csv"
        else summary_text(result, lang, ruleset, data) + "\n"
    )
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        click.echo(funnel_text(result, lang))
        click.echo("\n" + Formatter(lang).t("result written to {path}", path=out))
    else:
        click.echo(text, nl=False)
    if result.findings:
        click.echo("", err=True)
        for p in result.findings:
            click.echo(p.format(), err=True)


@main.command()
@click.argument("ruleset")
@click.argument("data", type=click.Path(exists=True, path_type=Path))
@click.argument("submission_id")
@SET
@RULESET_DIRS
@NO_PLUGINS
@LANG
def explain(
    ruleset: str,
    data: Path,
    submission_id: str,
    sets: tuple[str, ...],
    ruleset_dirs: tuple[Path, ...],
    no_plugins: bool,
    lang: str,
) -> None:
    """Tell one submission's story, stage by stage, with every reason.
    / Ceritakan perjalanan satu pengajuan."""
    from .engine import evaluate as run_evaluate
    from .explain import explain as explain_text

    rs, edition = _load_pair(ruleset, data, ruleset_dirs, sets)
    result = run_evaluate(rs, edition, load_entrypoints=False if no_plugins else None)
    try:
        click.echo(explain_text(result, submission_id, lang), nl=False)
    except KeyError:
        ids = [s.id for s in result.submissions]
        import difflib

        close = difflib.get_close_matches(submission_id, ids, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise click.BadParameter(
            f"no submission {submission_id!r} in {data} / pengajuan tidak ditemukan{hint}",
            param_hint="SUBMISSION_ID",
        ) from None


@main.command()
@click.option("--cases", is_flag=True, help="The schema of test-case files (*.test.yaml) instead. / Skema berkas kasus uji.")
def schema(cases: bool) -> None:
    """Print the JSON Schema of the ruleset format (for editors).
    / Cetak JSON Schema format ruleset."""
    if cases:
        from .cases import cases_schema

        click.echo(json.dumps(cases_schema(), indent=2, ensure_ascii=False))
        return
    click.echo(json.dumps(ruleset_schema(), indent=2, ensure_ascii=False))


# --------------------------------------------------------------------------- more commands
# One line per command module in inovasi_rules/commands/ (keep alphabetical).
from .commands.compare import compare_cmd  # noqa: E402
from .commands.generate import generate  # noqa: E402
from .commands.new import new_ruleset  # noqa: E402
from .commands.plugins import plugins  # noqa: E402
from .commands.replay import replay_cmd  # noqa: E402
from .commands.test import run_test_cases  # noqa: E402

main.add_command(compare_cmd)
main.add_command(generate)
main.add_command(new_ruleset)
main.add_command(replay_cmd)

main.add_command(plugins)
main.add_command(run_test_cases)


def run() -> None:  # pragma: no cover - console entry point wrapper
    """Entry point that turns library errors into a message and exit code 1."""
    try:
        main(standalone_mode=True)
    except InovasiRulesError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
