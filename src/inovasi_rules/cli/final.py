"""``inovasi-rules final``: the final result after the objection period."""

from __future__ import annotations

from pathlib import Path

import click

from .options import LANG, NO_PLUGINS, RULESET_DIRS, files_read
from .output import check_not_inputs, check_outputs, echo, write_bytes, write_text

__all__ = ["final_cmd"]



@click.command("final")
@click.argument("ruleset")
@click.argument("data", type=click.Path(exists=True, path_type=Path))
@click.argument("objections", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--announced", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="When the provisional list was announced: objections filed after the period "
                   "are flagged. / Kapan daftar sementara diumumkan: sanggahan yang masuk setelah"
                   " masanya ditandai.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the final result (JSON) here (a symbolic link is written through; a "
                   "pipe, a device or an input file is refused). / Tulis hasil final (JSON) ke "
                   "sini (tautan simbolik ditulis ke tujuannya; pipa, perangkat atau berkas "
                   "masukan ditolak).")
@click.option("--changes", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the objections, the data-change log and the changes (JSON) here. / "
                   "Tulis sanggahan, catatan perubahan data dan perubahan hasil (JSON) ke sini.")
@click.option("--bundle", type=click.Path(dir_okay=False, path_type=Path),
              help="Write an audit bundle of the whole step (inputs, objections, both results) "
                   "here. / Tulis bundel audit seluruh langkah (masukan, sanggahan, kedua hasil) "
                   "ke sini.")
@RULESET_DIRS
@NO_PLUGINS
@LANG
def final_cmd(
    ruleset: str,
    data: Path,
    objections: Path,
    announced: object,
    out: Path | None,
    changes: Path | None,
    bundle: Path | None,
    ruleset_dirs: tuple[Path, ...],
    no_plugins: bool,
    lang: str,
) -> None:
    """Apply the decided objections (OBJECTIONS: objections.csv or .json) to an edition,
    evaluate again, and print every change against the provisional result, each with
    the objection that caused it. / Hasil final setelah masa sanggah."""
    import datetime

    from .. import read_edition
    from ..objections import finalise, read_objections
    from ..plugins import default_registry
    from ..ruleset.loading import load_ruleset

    outputs = ((out, "--out"), (changes, "--changes"), (bundle, "--bundle"))
    check_outputs(outputs, (ruleset if Path(ruleset).is_file() else None, data if data.is_file() else None,
                            objections))
    reg = default_registry()
    rs = load_ruleset(ruleset, registry=reg.with_directories(*ruleset_dirs) if ruleset_dirs else reg)
    edition = read_edition(data)
    check_not_inputs(outputs, [*files_read(rs, edition, ruleset_dirs), str(objections)])
    day = announced.date() if isinstance(announced, datetime.datetime) else None
    load = False if no_plugins else None
    final = finalise(rs, edition, read_objections(objections), announced=day, load_entrypoints=load)
    echo(final.report(lang), nl=False)
    idn = lang == "id"
    for st in rs.stages:
        if st.objection_period is None:
            continue
        kept = set(final.extra_seats.get(st.id, ()))
        ids = [f"{sid}*" if sid in kept else sid for sid in final.final.passed(st.id)]
        echo(f"\n{'Daftar final' if idn else 'Final list'} {st.id} ({len(ids)}): {', '.join(ids)}")
        if kept:
            echo("  * " + ("kursi tambahan" if idn else "extra seat"))
    for path, text in ((out, final.final.to_json()), (changes, final.to_json())):
        if path is not None:
            write_text(path, text)
    if bundle is not None:
        from ..audit import final_bundle_bytes

        write_bytes(bundle, final_bundle_bytes(
            rs, edition, final, (objections.name, objections.read_bytes()), announced=day,
            load_entrypoints=not no_plugins), "--bundle")
