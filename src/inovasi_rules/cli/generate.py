"""``inovasi-rules generate``: write a synthetic edition that fits a ruleset."""

from __future__ import annotations

from pathlib import Path

import click

from .options import NO_PLUGINS, RULESET_DIRS, check_sets, parse_sets, ruleset_registry
from .output import echo
from .progress import Progress

__all__ = ["generate"]


@click.command("generate")
@click.argument("ruleset")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--submissions", "-n", type=click.IntRange(min=0), required=True,
              help="How many submissions / jumlah pengajuan.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="The seed: the same seed always writes the same files. / Benih: benih yang "
                   "sama selalu menulis berkas yang sama.")
@click.option("--eligible", type=click.IntRange(min=0), default=None,
              help="Exactly how many submissions pass the screening stages (default: "
                   "--ineligible-share of them fail). / Tepat berapa pengajuan yang lolos tahap "
                   "seleksi (bawaan: sebanyak --ineligible-share gagal).")
@click.option("--ineligible-share", type=click.FloatRange(0, 1), default=0.15, show_default=True,
              help="The share of submissions meant to fail screening. / Bagian pengajuan yang "
                   "dibuat gagal seleksi.")
@click.option("--judges", type=click.IntRange(min=1), default=None,
              help="The size of the judge pool (default: grows with the number of submissions). /"
                   " Jumlah juri (bawaan: bertambah dengan jumlah pengajuan).")
@click.option("--judges-per-entry", type=click.IntRange(min=1), default=None,
              help="Judges per entry at every scored stage (default: from each stage's judges "
                   "settings). / Juri per pengajuan di setiap tahap penilaian (bawaan: dari "
                   "pengaturan juri tiap tahap).")
@click.option("--dropped-share", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="The share of entries a field-verification stage drops. / Bagian pengajuan "
                   "yang gugur di tahap verifikasi lapangan.")
@click.option("--year", type=int, default=None,
              help="The edition's year (default: the ruleset's). / Tahun edisi (bawaan: tahun "
                   "ruleset).")
@click.option("--id", "edition_id", default=None,
              help="The edition's id (default: <ruleset>-synthetic). / Id edisi (bawaan: "
                   "<ruleset>-synthetic).")
@click.option("--set", "sets", multiple=True, metavar="NAME=VALUE",
              help="A ruleset parameter for this edition, written to edition.yaml (may be "
                   "repeated). / Parameter ruleset untuk edisi ini, ditulis ke edition.yaml "
                   "(boleh berulang).")
@click.option("--outcomes", is_flag=True,
              help="Also write outcomes.csv: the outcome of evaluating the edition under RULESET."
                   " / Tulis juga outcomes.csv: hasil evaluasi edisi di bawah RULESET.")
@RULESET_DIRS
@NO_PLUGINS
def generate(
    ruleset: str,
    out_dir: Path,
    submissions: int,
    seed: int,
    eligible: int | None,
    ineligible_share: float,
    judges: int | None,
    judges_per_entry: int | None,
    dropped_share: float,
    year: int | None,
    edition_id: str | None,
    sets: tuple[str, ...],
    outcomes: bool,
    ruleset_dirs: tuple[Path, ...],
    no_plugins: bool,
) -> None:
    """Write a seeded synthetic edition that fits RULESET (an id or a path) to OUT_DIR:
    edition.yaml, submissions.csv, judges.csv, scores.csv, verdicts.csv (and
    outcomes.csv with --outcomes). Names are realistic, every entry is fictional.
    / Tulis edisi sintetis yang sesuai dengan RULESET ke OUT_DIR.

    \b
    Example / contoh:
      inovasi-rules generate kipp-2019 history/kipp-2019 -n 3156 --eligible 1329 --seed 2019 --outcomes
    """
    from ..edition import read_edition, write_edition
    from ..evaluation import evaluate
    from ..ruleset.loading import load_ruleset
    from ..synthetic import generate_edition
    from ..whatif.history import write_outcomes
    from .output import check_writable

    if eligible is not None and eligible > submissions:
        raise click.BadParameter(
            f"{eligible} is more than --submissions {submissions} / melebihi jumlah pengajuan",
            param_hint="--eligible",
        )
    check_writable(out_dir / "submissions.csv", "OUT_DIR")
    params = parse_sets(sets)
    rs = load_ruleset(ruleset, registry=ruleset_registry(ruleset_dirs))
    check_sets(rs, params)
    load = False if no_plugins else None
    bar = Progress(4 if outcomes else 2, "langkah / steps", echo=lambda _line: None)
    bar.step("pengajuan dan nilai / submissions and scores")
    edition = generate_edition(
        rs,
        submissions=submissions,
        seed=seed,
        eligible=eligible,
        ineligible_share=ineligible_share,
        judges=judges,
        judges_per_entry=judges_per_entry,
        dropped_share=dropped_share,
        year=year,
        id=edition_id,
        parameters=params or None,
        load_entrypoints=load,
    )
    bar.step(f"{out_dir}")
    write_edition(edition, out_dir)
    if not outcomes:
        bar.close()
    echo(
        f"{out_dir}: {len(edition.submissions)} pengajuan / submissions, "
        f"{len(edition.judges)} juri / judges, {len(edition.scores)} nilai / scores, "
        f"{len(edition.verdicts)} putusan / verdicts (seed {seed})"
    )
    if outcomes:
        bar.step("evaluasi / evaluate")
        result = evaluate(rs, read_edition(out_dir), load_entrypoints=load)
        bar.step("outcomes.csv")
        path = write_outcomes(result, out_dir / "outcomes.csv")
        bar.close()
        funnel = ", ".join(f"{row.stage} {row.entered}->{row.passed}" for row in result.funnel())
        echo(f"{path}: {funnel}")
