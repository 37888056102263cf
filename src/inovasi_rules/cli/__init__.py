"""The ``inovasi-rules`` command line: a thin layer over the library.

Every command is documented with ``inovasi-rules COMMAND --help``; docs/reference/cli.md is
generated from the same help texts. The group and the commands that read and check
rulesets and evaluate are here; every other command is a module of this package (one
``click`` command each, named in ``_COMMANDS`` and imported when used, by
:class:`~.lazy.LazyGroup`), beside the options they share (:mod:`.options`), the way
outputs are written (:mod:`.output`) and progress bars (:mod:`.progress`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..errors import InovasiRulesError, useful_order
from ..messages import Formatter
from ..ruleset.describe import describe_ruleset
from ..ruleset.loading import Registry, RulesetCheck, check_ruleset
from ..ruleset.validation import ruleset_schema
from ..summary import funnel_text, summary_text
from .lazy import LazyGroup
from .options import (
    LANG,
    NO_PLUGINS,
    RULESET_DIRS,
    SET,
    echo_problems,
    files_read,
    load_pair,
    ruleset_registry,
)
from .output import (
    check_not_inputs,
    check_outputs,
    echo,
    write_bytes,
    write_stream,
    write_text,
)

# The commands that live in their own modules (of this package), imported when
# used: one line each, alphabetical.
_COMMANDS = {
    "compare": ".compare:compare_cmd",
    "explain": ".explain:explain",
    "final": ".final:final_cmd",
    "generate": ".generate:generate",
    "new": ".new:new_ruleset",
    "plugins": ".plugins:plugins",
    "replay": ".replay:replay_cmd",
    "robustness": ".robustness:robustness_cmd",
    "serve": ".serve:serve",
    "test": ".test:run_test_cases",
    "verify": ".verify:verify_cmd",
}


@click.group(
    cls=LazyGroup,
    lazy=_COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="inovasi-rules")
def main() -> None:
    """Aturan kompetisi inovasi pelayanan publik sebagai data.
    / The rules of public-service innovation competitions, as data.

    Start here / mulai di sini:

    \b
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
    reg = ruleset_registry(ruleset_dirs)
    entries = reg.entries()
    if not entries:
        echo("no rulesets found / tidak ada ruleset")
        return
    width = max(len(e.id) for e in entries)
    for e in entries:
        parent = f"  <- {e.extends}" if e.extends else ""
        origin = "" if e.origin == "bundled" else f"  [{e.origin}]"
        echo(f"{e.id:<{width}}  {e.name.text(lang)}{parent}{origin}")
    for p in reg.problems:
        echo(p.format(), err=True)


@main.command()
@click.argument("ruleset")
@RULESET_DIRS
@LANG
@click.option("--yaml", "as_yaml", is_flag=True,
              help="Print the resolved ruleset as YAML instead. / Cetak ruleset hasil pewarisan "
                   "sebagai YAML.")
def show(ruleset: str, ruleset_dirs: tuple[Path, ...], lang: str, as_yaml: bool) -> None:
    """Show a ruleset (an id or a path) after inheritance, in words.
    / Tampilkan ruleset setelah pewarisan."""
    result = check_ruleset(ruleset, registry=ruleset_registry(ruleset_dirs))
    if result.ruleset is None:
        echo_problems(result.problems)
        sys.exit(1)
    if as_yaml:
        from ..ruleset.codec import dump_ruleset

        echo(dump_ruleset(result.ruleset), nl=False)
    else:
        echo(describe_ruleset(result.ruleset, lang), nl=False)
    if result.warnings:
        echo("", err=True)
        echo_problems(result.warnings)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@RULESET_DIRS
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json prints one object per problem, for editors and CI. / json mencetak satu objek per "
         "masalah, untuk editor dan CI.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1). / Perlakukan "
                                             "peringatan sebagai galat (keluar 1).")
@LANG
def validate(
    paths: tuple[str, ...], ruleset_dirs: tuple[Path, ...], fmt: str, strict: bool, lang: str
) -> None:
    """Check ruleset files (or ids); exit 0 when all are valid, 1 otherwise. A test-case
    file (*.test.yaml) is checked as one, against its ruleset.
    / Periksa ruleset; keluar 0 jika semua sah."""
    reg = ruleset_registry(ruleset_dirs)
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
                for p in useful_order(result.problems)
            )
            continue
        echo_problems(result.problems)
        echo(f"{path}: " + _validity(result, Formatter(lang)))
    if fmt == "json":
        echo(json.dumps(records, ensure_ascii=False, indent=2))
    if n_err or (strict and n_warn):
        sys.exit(1)


def _validity(result: RulesetCheck, fmt: Formatter) -> str:
    """``sah (0 galat, 1 peringatan)`` / ``valid (0 errors, 1 warning)``."""
    n_err, n_warn = len(result.errors), len(result.warnings)
    errors = (
        fmt.t("{count} error", count=fmt.number(n_err))
        if n_err == 1
        else fmt.t("{count} errors", count=fmt.number(n_err))
    )
    warnings = (
        fmt.t("{count} warning", count=fmt.number(n_warn))
        if n_warn == 1
        else fmt.t("{count} warnings", count=fmt.number(n_warn))
    )
    counts = f"{errors}, {warnings}"
    status = fmt.t("valid") if result.ok else fmt.t("INVALID")
    return f"{status} ({counts})"


def _check_cases(path: str, reg: Registry) -> RulesetCheck:
    """A test-case file checked like a ruleset: its problems, and its ruleset when valid."""
    from ..cases import CaseFileError, load_case_file

    try:
        return RulesetCheck(load_case_file(path, registry=reg).ruleset, (), path)
    except CaseFileError as exc:
        return RulesetCheck(None, tuple(exc.problems), path)


@main.command()
@click.argument("ruleset")
@click.argument("data", type=click.Path(exists=True, path_type=Path, allow_dash=True))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the result to this file (a symbolic link is written through to the file"
                   " it points to; a pipe, a device or an input file is refused). / Tulis hasil "
                   "ke berkas ini (tautan simbolik ditulis ke berkas yang ditunjuknya; pipa, "
                   "perangkat atau berkas masukan ditolak).")
@click.option("--bundle", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write an audit bundle (zip) that `inovasi-rules verify` re-runs (written"
                   " like --out). / Tulis juga bundel audit (zip) yang dapat diulang "
                   "`inovasi-rules verify` (ditulis seperti --out).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["summary", "json", "csv", "xlsx"]),
    default=None,
    help="summary (the funnel, default on screen), json, csv or xlsx (default for --out: from its"
         " suffix). / summary (corong seleksi, bawaan di layar), json, csv atau xlsx (bawaan "
         "untuk --out: dari akhiran berkasnya).",
)
@SET
@RULESET_DIRS
@NO_PLUGINS
@LANG
def evaluate(
    ruleset: str,
    data: Path,
    out: Path | None,
    bundle: Path | None,
    fmt: str | None,
    sets: tuple[str, ...],
    ruleset_dirs: tuple[Path, ...],
    no_plugins: bool,
    lang: str,
) -> None:
    """Evaluate an edition (DATA: a folder, .json or .xlsx, or - for JSON on standard
    input) under RULESET (an id or a path) and print the funnel, or write the full
    result; with --format json, refused input is printed as JSON problems.
    / Evaluasi satu edisi kompetisi."""
    from ..contract import problems_document
    from ..contract.stdin import read_limited
    from ..errors import EditionError, EvaluationError, RulesetError
    from ..evaluation import evaluate as run_evaluate

    if fmt is None:
        suffix = "" if out is None else out.suffix
        fmt = "summary" if out is None else suffix.lower().lstrip(".")
        if fmt not in ("summary", "json", "csv", "xlsx"):
            raise click.BadParameter(
                f"unknown output format {suffix or '(no suffix)'!r}: use .json, .csv or .xlsx, "
                f"or --format / format keluaran {suffix or '(tanpa akhiran)'!r} tidak dikenal: "
                "pakai .json, .csv atau .xlsx, atau --format",
                param_hint="--out",
            )
    elif fmt == "xlsx" and out is None:
        raise click.BadParameter(
            "xlsx needs --out FILE.xlsx / xlsx perlu --out FILE.xlsx", param_hint="--format"
        )
    outputs = ((out, "--out"), (bundle, "--bundle"))
    check_outputs(outputs, (ruleset if Path(ruleset).is_file() else None, data if data.is_file() else None))
    try:
        stdin = read_limited(sys.stdin.buffer) if str(data) == "-" else None
        rs, edition = load_pair(ruleset, data, ruleset_dirs, sets, stdin)
        check_not_inputs(outputs, files_read(rs, edition, ruleset_dirs))
        result = run_evaluate(rs, edition, load_entrypoints=False if no_plugins else None)
    except (EditionError, EvaluationError, RulesetError) as exc:
        if fmt != "json":
            raise
        echo(json.dumps(problems_document(exc.problems), ensure_ascii=False, indent=2))
        sys.exit(1)
    if bundle is not None:
        from ..audit import bundle_bytes

        write_bytes(bundle, bundle_bytes(rs, edition, result, load_entrypoints=not no_plugins, stdin=stdin),
                    "--bundle")
    text = (
        ""  # written to the file in parts, below
        if fmt == "json" and out is not None
        else result.to_json()
        if fmt == "json"
        else result.to_csv(lang)
        if fmt == "csv"
        else ""
        if fmt == "xlsx"
        else summary_text(result, lang, ruleset, data, rules=rs) + "\n"
    )
    if out is not None:
        if fmt == "xlsx":
            write_stream(out, lambda handle: result.to_xlsx(handle.buffer, lang))
        elif fmt == "json":
            write_stream(out, lambda handle: result.write_json(handle.buffer))
        else:
            write_text(out, text)
        echo(funnel_text(result, lang))
        echo("\n" + Formatter(lang).t("result written to {path}", path=out))
    else:
        echo(text, nl=False)
    if result.findings:
        echo("", err=True)
        for p in result.findings:
            echo(p.format(), err=True)


@main.command()
@click.argument("name", required=False, default="ruleset", type=click.Choice(["result", "edition", "problems", "ruleset"]))
@click.option("--cases", is_flag=True, help="The schema of test-case files (*.test.yaml) instead. / Skema berkas kasus uji.")
def schema(name: str, cases: bool) -> None:
    """Print a JSON Schema: the ruleset format (default, for editors), the result, an
    edition as JSON, or problems. / Cetak JSON Schema format ruleset, hasil, edisi, atau masalah."""
    if cases:
        from ..cases import cases_schema

        echo(json.dumps(cases_schema(), indent=2, ensure_ascii=False))
        return
    from ..contract import schema as contract_schema

    echo(json.dumps(contract_schema(name) if name != "ruleset" else ruleset_schema(), indent=2, ensure_ascii=False))


def run() -> None:  # pragma: no cover - console entry point wrapper
    """Entry point that turns library errors into a message and exit code 1."""
    try:
        main(standalone_mode=True)
    except InovasiRulesError as exc:
        echo(str(exc), err=True)
        sys.exit(1)
