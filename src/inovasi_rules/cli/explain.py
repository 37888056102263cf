"""``inovasi-rules explain``: one submission's story, and on request its chances."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import click

from ..errors import InovasiRulesError
from .options import LANG, NO_PLUGINS, RULESET_DIRS, SET, load_pair
from .output import echo
from .robustness import _fraction

__all__ = ["explain"]


@click.command()
@click.argument("ruleset")
@click.argument("data", type=click.Path(exists=True, path_type=Path))
@click.argument("submission_id")
@click.option("--chances", is_flag=True,
              help="Also show its chances: the judges are resampled (see `robustness`), which "
                   "takes minutes on a national edition. / Tampilkan juga peluangnya: sampel juri"
                   " diambil ulang (lihat `robustness`), beberapa menit untuk edisi nasional.")
@click.option("--replicates", "-n", type=click.IntRange(1, 100_000), default=None,
              help="With --chances: how many times the judges are resampled. / Dengan "
                   "--chances: berapa kali sampel juri diambil ulang.  [default: 1000]")
@click.option("--seed", "-s", type=click.IntRange(0), default=None,
              help="With --chances: seed of the resampling; the same seed as a `robustness` run "
                   "gives its figures. / Dengan --chances: benih pengambilan ulang; benih yang "
                   "sama dengan `robustness` memberi angka yang sama.  [default: 0]")
@click.option("--level", default=None, metavar="0.9",
              help="With --chances: the share of replicates a rank interval covers; also the "
                   "zone's bounds (0.9: 5%-95%). / Dengan --chances: bagian replikasi yang "
                   "dicakup rentang peringkat; juga batas zonanya (0.9: 5%-95%).  [default: 0.9]")
@click.option("--robustness", "robustness_file", type=click.Path(dir_okay=False, path_type=Path),
              metavar="FILE.json",
              help="Also show its chances, read from a report written by `robustness --out "
                   "FILE.json` for this ruleset and edition (instant). / Tampilkan juga "
                   "peluangnya, dibaca dari laporan `robustness --out FILE.json` untuk ruleset "
                   "dan edisi ini (seketika).")
@SET
@RULESET_DIRS
@NO_PLUGINS
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar with --chances. / Tanpa bilah kemajuan untuk --chances.")
@LANG
def explain(
    ruleset: str,
    data: Path,
    submission_id: str,
    chances: bool,
    replicates: int | None,
    seed: int | None,
    level: str | None,
    robustness_file: Path | None,
    sets: tuple[str, ...],
    ruleset_dirs: tuple[Path, ...],
    no_plugins: bool,
    quiet: bool,
    lang: str,
) -> None:
    """Tell one submission's story, stage by stage, with every reason.
    / Ceritakan perjalanan satu pengajuan.

    With --robustness or --chances the story ends with its chances: at every cut-off
    the share of resampled panels in which it passed, whether it is within judge noise
    ("zona tak terbedakan"), and its rank interval (90%, or --level).

    \b
    Example / contoh:
      inovasi-rules robustness kipp-2019 examples/history/kipp-2019 --seed 7 --out laporan.json
      inovasi-rules explain kipp-2019 examples/history/kipp-2019 K19-2124 --robustness laporan.json
    """
    from ..edition.ids import close_ids
    from ..evaluation import evaluate
    from ..result.explain import explain as explain_text

    if (replicates is not None or seed is not None or level is not None) and not chances:
        raise click.UsageError("--replicates, --seed and --level go with --chances / --replicates, "
                               "--seed dan --level dipakai bersama --chances")
    share = _fraction(level, "--level", low_inclusive=False) if level is not None else Decimal("0.9")
    if chances and robustness_file is not None:
        raise click.UsageError("use --chances or --robustness, not both / pilih --chances atau "
                               "--robustness, bukan keduanya")
    load = False if no_plugins else None
    rs, edition = load_pair(ruleset, data, ruleset_dirs, sets)
    result = evaluate(rs, edition, load_entrypoints=load)
    try:
        story = explain_text(result, submission_id, lang, ruleset=rs)
    except KeyError:
        close = close_ids(submission_id, [s.id for s in result.submissions])
        en = f"; did you mean {', '.join(close)}?" if close else ""
        id_ = f"; maksud Anda {', '.join(close)}?" if close else ""
        raise click.BadParameter(
            f"no submission {submission_id!r} in {data}{en} / pengajuan {submission_id!r} "
            f"tidak ditemukan di {data}{id_}",
            param_hint="SUBMISSION_ID",
        ) from None
    if not chances and robustness_file is None:
        echo(story, nl=False)
        return

    from ..robustness import rank_confidence
    from ..robustness.chances import chances_text, read_confidence
    from .robustness import _Progress

    try:
        if robustness_file is not None:
            conf = read_confidence(robustness_file, result=result)
        else:
            bar = _Progress(lang, quiet)
            try:
                conf = rank_confidence(
                    rs, edition, replicates=1000 if replicates is None else replicates,
                    seed=seed or 0, level=share, result=result, load_entrypoints=load,
                    progress=lambda done, total: bar("resample", done, total))
            finally:
                bar.close()
    except (InovasiRulesError, ValueError) as exc:
        echo(str(exc), err=True)
        sys.exit(1)
    echo(story + "\n" + chances_text(conf, result, submission_id, lang), nl=False)
