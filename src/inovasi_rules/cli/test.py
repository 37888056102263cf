"""``inovasi-rules test``: run the YAML test cases of rulesets."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from ..cases import (
    CaseFile,
    CaseFileError,
    CaseResult,
    case_defaults,
    find_case_files,
    format_case_result,
    format_coverage,
    load_case_file,
    measure_coverage,
    plugin_manager_for_cases,
    run_case,
)
from ..messages import N_, Formatter
from .options import LANG
from .output import echo

__all__ = ["run_test_cases"]

_WORDS = {
    "no_files": N_("no *.test.yaml files in {paths}"),
    "no_cases": N_("no case matches -k {k}"),
    "coverage": N_("Rule coverage"),
    "under": N_("coverage of {ruleset} is {pct}, under --fail-under {limit}"),
    "defaults": N_("what every submission gets unless it says otherwise (ruleset {ruleset}):"),
}


def _w(key: str, lang: str, **kw: Any) -> str:
    return Formatter(lang).t(_WORDS[key], **kw)


def _matches(result_name: Any, k: str | None) -> bool:
    if not k:
        return True
    want = k.casefold()
    return want in result_name.id.casefold() or want in (result_name.en or "").casefold()


@click.command("test")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--coverage",
    is_flag=True,
    help="Report, per ruleset, the rules no case saw admit or reject an entry. "
    "/ Laporkan aturan yang belum teruji menerima atau menolak.",
)
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    default=None,
    metavar="PCT",
    help="Exit 1 when a ruleset's coverage is under PCT percent (implies --coverage). "
    "/ Keluar 1 jika cakupan di bawah PCT persen.",
)
@click.option(
    "-k",
    "keyword",
    default=None,
    metavar="TEXT",
    help="Run only the cases whose name contains TEXT. / Jalankan kasus yang namanya memuat TEXT.",
)
@click.option(
    "--defaults",
    "show_defaults",
    is_flag=True,
    help="Print the fields a submission gets when a case does not write them, and exit. "
    "/ Cetak isian bawaan pengajuan, lalu keluar.",
)
@click.option("-q", "--quiet", is_flag=True,
              help="Print only failures and the summary. / Cetak kegagalan dan ringkasan saja.")
@LANG
def run_test_cases(
    paths: tuple[Path, ...],
    coverage: bool,
    fail_under: float | None,
    keyword: str | None,
    show_defaults: bool,
    quiet: bool,
    lang: str,
) -> None:
    """Run the YAML test cases (*.test.yaml) in PATHS (files or folders): one line per
    case, the difference for each failure, a summary; exit 1 when a case fails.
    / Jalankan kasus uji YAML; keluar 1 jika ada yang gagal.

    \b
    Examples / contoh:
      inovasi-rules test rulesets/
      inovasi-rules test kipp-klaten-2024.test.yaml --coverage --fail-under 100
    """
    files = find_case_files(paths)
    if not files:
        echo(_w("no_files", lang, paths=", ".join(str(p) for p in paths)), err=True)
        sys.exit(1)
    start = time.perf_counter()
    counts = {"pass": 0, "fail": 0, "error": 0}
    loaded: list[tuple[CaseFile, list[CaseResult]]] = []
    selected = 0
    pm = None
    for f in files:
        try:
            cf = load_case_file(f)
        except CaseFileError as exc:
            counts["error"] += 1
            echo(f"ERROR {f}")
            for p in exc.problems:
                echo("  " + p.format().replace("\n", "\n  "))
            continue
        if show_defaults:
            _print_defaults(cf, lang)
            continue
        if not quiet:
            echo(f"{cf.path} ({cf.ruleset.id})")
        results: list[CaseResult] = []
        for case in cf.cases:
            if not _matches(case.name, keyword):
                continue
            selected += 1
            if pm is None:
                pm = plugin_manager_for_cases()
            cr = run_case(case, cf.ruleset, plugin_manager=pm)
            results.append(cr)
            counts[cr.outcome] += 1
            if cr.passed:
                if not quiet:
                    echo(f"  PASS  {case.title(lang)}")
                continue
            tag = "FAIL " if cr.outcome == "fail" else "ERROR"
            echo(f"  {tag} {case.title(lang)}  [{case.location}]")
            echo("        " + format_case_result(cr, lang).replace("\n", "\n        "))
        loaded.append((cf, results))
    if show_defaults:
        sys.exit(1 if counts["error"] else 0)
    if keyword and not selected:
        echo(_w("no_cases", lang, k=keyword), err=True)
    seconds = time.perf_counter() - start
    fmt = Formatter(lang)
    parts = [fmt.t("{count} passed", count=fmt.number(counts["pass"]))]
    if counts["fail"]:
        parts.append(fmt.t("{count} failed", count=fmt.number(counts["fail"])))
    if counts["error"]:
        parts.append(fmt.t("{count} could not run", count=fmt.number(counts["error"])))
    took = fmt.t("in {duration}", duration=fmt.seconds(seconds))
    echo(f"== {', '.join(parts)} {took} ==")
    under = _report_coverage(loaded, lang, fail_under) if (coverage or fail_under is not None) else False
    if counts["fail"] or counts["error"] or under or (keyword and not selected):
        sys.exit(1)


def _report_coverage(
    loaded: Sequence[tuple[CaseFile, list[CaseResult]]], lang: str, fail_under: float | None
) -> bool:
    """Print coverage per ruleset (files of one ruleset pooled); True when one is
    under ``fail_under``."""
    pooled: dict[str, tuple[Any, list[CaseResult]]] = {}
    for cf, results in loaded:
        entry = pooled.setdefault(cf.ruleset.id, (cf.ruleset, []))
        entry[1].extend(results)
    echo(f"\n{_w('coverage', lang)}:")
    under = False
    for rid in sorted(pooled):
        ruleset, results = pooled[rid]
        cov = measure_coverage(ruleset, results)
        echo(format_coverage(cov, lang))
        if fail_under is not None and cov.below(fail_under):
            under = True
            fmt = Formatter(lang)
            limit = fmt.percent(Decimal(str(fail_under)).normalize(), places=0 if fail_under == int(fail_under) else 1)
            echo(_w("under", lang, ruleset=rid, pct=fmt.percent(cov.percent), limit=limit))
    return under


def _print_defaults(cf: CaseFile, lang: str) -> None:
    echo(f"{cf.path}: " + _w("defaults", lang, ruleset=cf.ruleset.id))
    rec = case_defaults(cf.ruleset, cf.defaults)
    for key, value in rec.items():
        shown = value.isoformat() if hasattr(value, "isoformat") else value
        if isinstance(value, (list, tuple)):
            shown = "[" + ", ".join(str(v) for v in value) + "]"
        echo(f"  {key}: {shown}")
