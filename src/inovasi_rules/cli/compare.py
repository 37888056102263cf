"""``inovasi-rules compare``: what would a rule change have changed in past editions?"""

from __future__ import annotations

import shlex
import time
from pathlib import Path
from typing import Any

import click

from ..errors import InovasiRulesError
from ..messages import Formatter
from ..safetext import terminal_text
from .options import LANG, NO_PLUGINS, QUIET, RULESET_DIRS, parse_sets, ruleset_registry
from .output import echo
from .progress import Progress

__all__ = ["RECORDED", "compare_cmd", "load_rules", "read_pasts"]

#: OLD or NEW given as this means "the ruleset each edition recorded in edition.yaml".
RECORDED = "@edition"



def load_rules(spec: str, pasts: list[Any], registry: Any, param: str) -> Any:
    """One ruleset for ``spec`` (an id or a file), or, for ``@edition``, a mapping from
    each edition's id to the ruleset its ``edition.yaml`` names."""
    from ..ruleset.loading import load_ruleset

    if spec != RECORDED:
        return load_ruleset(spec, registry=registry)
    out = {}
    cache: dict[str, Any] = {}
    for past in pasts:
        rid = past.ruleset
        if not rid:
            raise click.BadParameter(
                f"{past.path}/edition.yaml names no ruleset, so {RECORDED} cannot be used / "
                "edition.yaml tidak menyebut ruleset", param_hint=param)
        if rid not in cache:
            cache[rid] = load_ruleset(rid, registry=registry)
        out[past.edition.id] = cache[rid]
    return out


def seconds(fmt: Formatter, since: float) -> str:
    """The time since ``since`` (a ``time.perf_counter()``) for a progress line, to a
    tenth of a second in the output's language: ``0,3 detik`` or ``0.3 s``."""
    return fmt.t("{seconds} s", seconds=fmt.number(round(time.perf_counter() - since, 1), 1))


def read_pasts(paths: tuple[Path, ...], quiet: bool, lang: str = "id") -> list[Any]:
    """Read every history folder, reporting each on stderr unless ``quiet``."""
    from ..whatif.history import read_history

    pasts = []
    fmt = Formatter(lang)
    with Progress(len(paths), "edisi / editions", quiet=quiet) as bar:
        for i, path in enumerate(paths, 1):
            t = time.perf_counter()
            if bar.drawing:
                bar.step(str(path))
            past = read_history(path)
            if not quiet and not bar.drawing:
                n = fmt.number(len(past.edition.submissions))
                echo(f"[{i}/{len(paths)}] {path}: {n} pengajuan / submissions "
                           f"({seconds(fmt, t)})", err=True)
            pasts.append(past)
    return pasts


def _parse_sweep(text: str) -> tuple[str, list[Any]]:
    from ..whatif import parse_values

    name, sep, values = text.partition("=")
    if not sep or not name.strip() or not values.strip():
        raise click.BadParameter(f"{text!r}: write NAME=V1,V2,..., e.g. bonus_points=0,5,10 "
                                 "/ tulis NAMA=N1,N2,..., misalnya bonus_points=0,5,10",
                                 param_hint="--sweep")
    return name.strip(), parse_values(values)


@click.command("compare")
@click.argument("old")
@click.argument("new")
@click.argument("history", nargs=-1, required=True,
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--set", "sets", multiple=True, metavar="NAME=VALUE",
              help="Set a parameter of NEW for this run (may be repeated), e.g. --set "
                   "min_years=2. / Ubah parameter NEW untuk proses ini (boleh berulang), misalnya"
                   " --set min_years=2.")
@click.option("--sweep", metavar="NAME=V1,V2,...",
              help="Evaluate NEW once per value of one parameter and report how the winners "
                   "change along it, e.g. --sweep bonus_points=0,5,10. / Evaluasi NEW sekali "
                   "untuk tiap nilai satu parameter dan laporkan perubahan pemenangnya, misalnya "
                   "--sweep bonus_points=0,5,10.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the HTML report (self-contained, with charts) to this file. / Tulis "
                   "laporan HTML (mandiri, dengan grafik) ke berkas ini.")
@click.option("--md", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the Markdown report to this file. / Tulis laporan Markdown ke berkas "
                   "ini.")
@click.option("--noise-replicates", type=click.IntRange(0, 100_000), default=0, show_default=True,
              metavar="N",
              help="Also resample the judges N times under A and under B and say how many of the "
                   "entries that change places are within judge noise (0: not at all). / Ambil "
                   "ulang sampel juri N kali di bawah A dan B, dan sebutkan berapa pergeseran "
                   "peringkat yang masih dalam derau juri (0: tidak sama sekali).")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
              help="Seed of that resampling: the same seed gives the same report. / Benih "
                   "pengambilan ulang itu: benih yang sama memberi laporan yang sama.")
@RULESET_DIRS
@NO_PLUGINS
@QUIET
@LANG
def compare_cmd(
    old: str,
    new: str,
    history: tuple[Path, ...],
    sets: tuple[str, ...],
    sweep: str | None,
    out: Path | None,
    md: Path | None,
    noise_replicates: int,
    seed: int,
    ruleset_dirs: tuple[Path, ...],
    no_plugins: bool,
    quiet: bool,
    lang: str,
) -> None:
    """Replay past editions (HISTORY folders with outcomes.csv) under OLD and NEW rules
    and report the difference.
    / Putar ulang edisi lalu dengan aturan lama dan baru, lalu laporkan bedanya.

    OLD and NEW are ruleset ids or files; `@edition` means the ruleset each edition
    names in its edition.yaml. First each edition is replayed under OLD and checked
    against its published outcome; then OLD and NEW are compared: who enters and
    leaves each stage and award, rank changes (Kendall's tau), the funnels, the
    composition of winners. With --noise-replicates, the judges are resampled under A
    and B and the report says which changes are within judge noise. A short summary
    goes to stdout, progress to stderr.

    \b
    Example / contoh:
      inovasi-rules compare kipp-2019 kipp-2019 examples/history/kipp-2019 \\
          --set min_years=2 --out report.html
    """
    from ..whatif import render_html, render_markdown, summarize, what_if
    from .output import check_outputs, write_text

    check_outputs(((out, "--out"), (md, "--md")), [r for r in (old, new) if Path(r).is_file()])
    params = parse_sets(sets)
    swept = _parse_sweep(sweep) if sweep else None
    t0 = time.perf_counter()
    fmt = Formatter(lang)
    try:
        pasts = read_pasts(history, quiet, lang)
        registry = ruleset_registry(ruleset_dirs)
        rules_a = load_rules(old, pasts, registry, "OLD")
        rules_b = load_rules(new, pasts, registry, "NEW")
        command = shlex.join(["inovasi-rules", "compare", old, new, *map(str, history),
                              *(x for s in sets for x in ("--set", s)),
                              *(("--sweep", sweep) if sweep else ()),
                              *(("--noise-replicates", str(noise_replicates), "--seed", str(seed))
                                if noise_replicates else ())])
        runs = len(pasts) * (2 + (len(swept[1]) if swept else 0) + (2 if noise_replicates else 0))
        try:
            with Progress(
                runs, "evaluasi / evaluations", quiet=quiet,
                echo=lambda msg: echo(f"{msg} {seconds(fmt, t0)}", err=True),
            ) as bar:
                report = what_if(
                    rules_a, rules_b, pasts, parameters=params, sweep=swept,
                    load_entrypoints=False if no_plugins else None,
                    progress=None if quiet else bar.step,
                    command=command,
                    noise_replicates=noise_replicates, noise_seed=seed,
                )
        except KeyError as exc:
            raise click.BadParameter(str(exc.args[0]), param_hint="--set / --sweep") from None
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="HISTORY") from None
        echo(summarize(report, lang))
        written = []
        for path, render in ((md, render_markdown), (out, render_html)):
            if path is None:
                continue
            if not quiet:
                echo(f"{path}: writing the report / menulis laporan "
                           f"{seconds(fmt, t0)}", err=True)
            write_text(path, render(report, lang), "--md" if path is md else "--out")
            written.append(path)
    except InovasiRulesError as exc:
        raise click.ClickException(terminal_text(str(exc))) from None
    for path in written:
        echo(Formatter(lang).t("report written to {path}", path=path))
    if not quiet:
        echo(seconds(fmt, t0), err=True)
