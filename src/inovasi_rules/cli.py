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
def validate(paths: tuple[str, ...], ruleset_dirs: tuple[Path, ...], fmt: str, strict: bool) -> None:
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
        status = "ok" if result.ok else "INVALID / TIDAK SAH"
        click.echo(
            f"{path}: {status} ({len(result.errors)} errors, {len(result.warnings)} warnings)"
        )
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    if n_err or (strict and n_warn):
        sys.exit(1)


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


def _funnel_text(result: Any, lang: str) -> str:
    """The funnel table and the winners of each award."""
    lines = [
        f"{'Tahap' if lang == 'id' else 'Stage':<32} {'masuk' if lang == 'id' else 'entered':>8} "
        f"{'lolos' if lang == 'id' else 'passed':>8}"
    ]
    for row in result.funnel():
        lines.append(f"{row.name.text(lang)[:32]:<32} {row.entered:>8} {row.passed:>8}")
    for award_id, name in result.awards:
        winners = result.winners(award_id)
        lines.append(f"{('★ ' + name.text(lang))[:32]:<32} {'':>8} {len(winners):>8}")
        lines.extend(_amount_lines(result, award_id, winners, lang))
    return "\n".join(lines)


def _summary_text(result: Any, lang: str, ruleset: str, data: Path) -> str:
    """What ``evaluate`` prints by default: the funnel, why entries were screened out,
    who won, and how to see more."""
    idn = lang == "id"
    out = [
        f"{result.ruleset} · {result.edition}: {len(result.submissions)} "
        f"{'pengajuan' if idn else 'submissions'}",
        "",
        _funnel_text(result, lang),
    ]
    # why entries fell out: count failed checks per rule, at every stage
    failed: dict[tuple[str, str], list[str]] = {}
    for sub in result.submissions:
        for st in sub.stages:
            if st.status in ("ineligible", "dropped", "withdrawn"):
                for r in st.reasons:
                    if r.passed is False or (r.passed is None and r.missing):
                        failed.setdefault((r.rule, r.message.text(lang)), []).append(sub.id)
    if failed:
        out += ["", "Alasan tidak lolos (aturan: jumlah)" if idn else "Why entries were rejected (rule: count)"]
        for (rule, message), ids in sorted(failed.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            out.append(f"  {rule:<28} {len(ids):>4}  {message}")
    example = None
    for award_id, name in result.awards:
        winners = result.winners(award_id)
        if not winners:
            continue
        out += ["", f"★ {name.text(lang)}"]
        for sid in winners:
            sub = result.submission(sid)
            grant = next(g for g in sub.awards if g.award == award_id)
            scored = [st for st in sub.stages if st.score is not None]
            score = f"{scored[-1].score}" if scored else ""
            if idn:
                score = score.replace(".", ",")
            agency = sub.fields.get("participant.agency") or ""
            rank = f"{grant.rank}." if grant.rank is not None else "-"
            title = sub.title or ""
            title = title if len(title) <= 44 else title[:43] + "…"
            out.append(f"  {rank:>4} {sid:<12} {score:>7}  {title:<44} {agency}")
            example = example or sid
    example = example or (result.submissions[0].id if result.submissions else "ID")
    out += [
        "",
        ("Cerita satu pengajuan" if idn else "One submission's story") + f": inovasi-rules explain {ruleset} {data} {example}",
        ("Hasil lengkap" if idn else "The full result") + f": inovasi-rules evaluate {ruleset} {data} --out result.json",
    ]
    return "\n".join(out)


def _amount(value: Any, lang: str) -> str:
    """``1.500.000`` (id) or ``1,500,000`` (en)."""
    text = f"{value:,}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "id" else text


def _amount_lines(result: Any, award_id: str, winners: Sequence[str], lang: str) -> list[str]:
    """The amounts plugins attached to an award (e.g. an incentive fund), per winner."""
    grants = [
        (sid, g) for sid in winners for g in result.submission(sid).awards
        if g.award == award_id and g.amount is not None
    ]
    if not grants:
        return []
    out = [
        f"    {sid:<20} {_amount(g.amount, lang):>20}" + (f"  [plugin {g.plugin}]" if g.plugin else "")
        for sid, g in grants
    ]
    total = sum((g.amount for _, g in grants), start=0)
    out.append(f"    {'jumlah' if lang == 'id' else 'total':<20} {_amount(total, lang):>20}")
    return out


@main.command()
@click.argument("ruleset")
@click.argument("data", type=click.Path(exists=True, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the result to this file.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["summary", "json", "csv", "xlsx"]),
    default=None,
    help="summary (the funnel, default on screen), json, csv or xlsx (default for --out: from its suffix).",
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
    from .evaluation import evaluate as run_evaluate

    if fmt is None:
        suffix = "" if out is None else out.suffix
        fmt = "summary" if out is None else suffix.lower().lstrip(".")
        if fmt not in ("summary", "json", "csv", "xlsx"):
            raise click.BadParameter(
                f"format keluaran {suffix or '(tanpa akhiran)'!r} tidak dikenal: pakai .json, .csv "
                f"atau .xlsx, atau --format / unknown output format {suffix or '(no suffix)'!r}: "
                "use .json, .csv or .xlsx, or --format",
                param_hint="--out",
            )
    elif fmt == "xlsx" and out is None:
        raise click.BadParameter(
            "xlsx perlu --out FILE.xlsx / xlsx needs --out FILE.xlsx", param_hint="--format"
        )
    rs, edition = _load_pair(ruleset, data, ruleset_dirs, sets)
    result = run_evaluate(rs, edition, load_entrypoints=False if no_plugins else None)
    text = (
        ""  # written to the file in parts, below
        if fmt == "json" and out is not None
        else result.to_json()
        if fmt == "json"
        else result.to_csv(lang)
        if fmt == "csv"
        else ""
        if fmt == "xlsx"
        else _summary_text(result, lang, ruleset, data) + "\n"
    )
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "xlsx":
            result.to_xlsx(out, lang)
        elif fmt == "json":
            with out.open("w", encoding="utf-8") as fh:
                result.write_json(fh)
        else:
            out.write_text(text, encoding="utf-8")
        click.echo(_funnel_text(result, lang))
        click.echo(f"\n{'hasil ditulis ke' if lang == 'id' else 'result written to'} {out}")
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
    from .evaluation import evaluate as run_evaluate
    from .result.explain import explain as explain_text

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
