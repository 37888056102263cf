"""``inovasi-rules robustness``: judges and ranks under uncertainty for one edition."""

from __future__ import annotations

import sys
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import click

from ..errors import InovasiRulesError
from .options import LANG, RULESET_DIRS, SET, files_read, load_pair
from .output import check_not_inputs, check_outputs, echo, write_text

__all__ = ["robustness_cmd"]



def _fraction(text: str, param: str, low_inclusive: bool) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    ok = value.is_finite() and (value >= 0 if low_inclusive else value > 0) and value < 1
    if not ok:
        raise click.BadParameter(
            f"{text!r}: write a number between 0 and 1 with a dot, e.g. 0.9 / tulis angka antara "
            "0 dan 1 dengan titik, mis. 0.9", param_hint=param)
    return value


class _Progress:
    """A progress bar per phase on a terminal's stderr; silent otherwise."""

    def __init__(self, lang: str, quiet: bool) -> None:
        self.on = not quiet and sys.stderr.isatty()
        self.lang = lang
        self.phase: str | None = None
        self.bar: Any = None
        self.done = 0

    def __call__(self, phase: str, done: int, total: int) -> None:
        if not self.on:
            return
        if phase != self.phase:
            self.close()
            label = {"resample": ("replikasi", "replicates"),
                     "sensitivity": ("varian aturan", "rule variants")}[phase][self.lang != "id"]
            self.bar = click.progressbar(length=total, label=label, file=sys.stderr,
                                         show_eta=True, show_pos=True)
            self.bar.__enter__()
            self.phase, self.done = phase, 0
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@click.command("robustness")
@click.argument("ruleset")
@click.argument("data", type=click.Path(exists=True, path_type=Path))
@click.option("--replicates", "-n", type=click.IntRange(1, 100_000), default=1000, show_default=True,
              help="How many times the judges are resampled. / Berapa kali sampel juri diambil "
                   "ulang.")
@click.option("--seed", "-s", type=click.IntRange(0), default=0, show_default=True,
              help="Seed of the resampling: the same seed gives the same report. / Benih "
                   "pengambilan ulang: benih yang sama memberi laporan yang sama.")
@click.option("--level", default="0.9", show_default=True,
              help="Share of replicates a rank interval covers; also the zone's bounds (0.9: "
                   "5%-95%). / Bagian replikasi yang dicakup rentang peringkat; juga batas "
                   "zonanya (0.9: 5%-95%).")
@click.option("--weight-range", default="0.1", show_default=True,
              help="How far each criterion weight is moved, down and up (0.1: 10%; 0: not at "
                   "all). / Seberapa jauh bobot tiap kriteria digeser turun dan naik (0.1: 10%; "
                   "0: tidak sama sekali).")
@click.option("--out", "outs", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report: .html (with charts) or .json, by suffix (may be repeated). "
                   "/ Tulis laporan: .html (dengan grafik) atau .json, menurut akhirannya (boleh "
                   "berulang).")
@click.option("--explain", "explain_ids", multiple=True, metavar="SUBMISSION_ID",
              help="Also print one entry's chances and rank intervals (may be repeated). / Cetak "
                   "juga peluang dan rentang peringkat satu pengajuan (boleh berulang).")
@SET
@RULESET_DIRS
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar. / Tanpa bilah kemajuan.")
@LANG
def robustness_cmd(
    ruleset: str,
    data: Path,
    replicates: int,
    seed: int,
    level: str,
    weight_range: str,
    outs: tuple[Path, ...],
    explain_ids: tuple[str, ...],
    sets: tuple[str, ...],
    ruleset_dirs: tuple[Path, ...],
    quiet: bool,
    lang: str,
) -> None:
    """How sure are the ranks? Judge diagnostics, rank confidence by resampling the
    judges, and sensitivity to the aggregation rule and weights.
    / Seberapa pasti peringkatnya? Diagnostik juri, keyakinan peringkat, kepekaan aturan.

    Each replicate draws, for every entry, its judges again with replacement and applies
    the whole ruleset; a short summary goes to stdout, the full report to --out.
    Plugins from installed packages are not loaded, so every machine gives the same
    report.

    \b
    Example / contoh:
      inovasi-rules robustness kipp-2019 examples/history/kipp-2019 \\
          --replicates 1000 --seed 7 --out report.html --out report.json
    """
    from ..robustness import render_html, robustness_report, summarize

    for path in outs:
        if path.suffix.lower() not in (".html", ".htm", ".json"):
            raise click.BadParameter(f"{path}: use a .html or .json file / gunakan berkas .html atau .json",
                                     param_hint="--out")
    named = tuple((path, "--out") for path in outs)
    check_outputs(named, (ruleset if Path(ruleset).is_file() else None, data if data.is_file() else None))
    lvl = _fraction(level, "--level", low_inclusive=False)
    wr = _fraction(weight_range, "--weight-range", low_inclusive=True)
    t0 = time.perf_counter()
    bar = _Progress(lang, quiet)
    try:
        rs, edition = load_pair(ruleset, data, ruleset_dirs, sets)
        check_not_inputs(named, files_read(rs, edition, ruleset_dirs))
        report = robustness_report(rs, edition, replicates=replicates, seed=seed, level=lvl,
                            weight_range=wr, progress=bar)
    except InovasiRulesError as exc:
        raise click.ClickException(str(exc)) from None
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        bar.close()
    echo(summarize(report, lang), nl=False)
    for sid in explain_ids:
        try:
            text = report.confidence.explain(sid, lang)
        except KeyError:
            text = (f"{sid}: tidak mencapai tahap yang dinilai juri\n" if lang == "id"
                    else f"{sid}: did not reach a stage scored by judges\n")
        echo(f"\n{sid}\n{text}", nl=False)
    for path in outs:
        text = report.to_json() if path.suffix.lower() == ".json" else render_html(report, lang)
        write_text(path, text)
        echo(f"{'laporan ditulis ke' if lang == 'id' else 'report written to'} {path}")
    if not quiet:
        echo(f"{time.perf_counter() - t0:.1f} s", err=True)
