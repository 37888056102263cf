"""``inovasi-rules verify``: check an audit bundle by re-running it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import LANG
from .output import echo

__all__ = ["verify_cmd"]



@click.command("verify")
@click.argument("bundle", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--submission", "submission_id", metavar="ID",
              help="Print this entry's explanation from the bundle, and whether it is verified. /"
                   " Cetak penjelasan pengajuan ini dari bundel, dan apakah terverifikasi.")
@click.option("--no-plugins", is_flag=True,
              help="Do not load installed plugins, whatever the bundle records. / Jangan muat "
                   "plugin terpasang, apa pun catatan bundelnya.")
@LANG
def verify_cmd(bundle: Path, submission_id: str | None, no_plugins: bool, lang: str) -> None:
    """Check an audit bundle (from `evaluate --bundle`): every SHA-256, then evaluate it
    again and compare. Prints "terverifikasi / verified" (exit 0) or every mismatch:
    entry, field, recorded and recomputed value (exit 1).
    / Periksa bundel audit dengan mengevaluasinya ulang."""
    from ..audit import verify_bundle
    from ..result.explain import explain

    check = verify_bundle(bundle, load_entrypoints=False if no_plugins else None)
    if submission_id is None:
        echo(check.report(lang), nl=False)
        sys.exit(0 if check.ok else 1)
    if check.result is None:
        echo(check.report(lang), nl=False)
        sys.exit(1)
    try:
        echo(explain(check.result, submission_id, lang, ruleset=check.ruleset), nl=False)
    except KeyError:
        raise click.BadParameter(
            f"no submission {submission_id!r} in the bundle / pengajuan tidak ada di bundel",
            param_hint="--submission") from None
    own = check.for_entry(submission_id)
    others = len(check.mismatches) - len(own)
    echo("")
    if check.ok:
        echo(f"{submission_id}: terverifikasi / verified")
    else:
        echo(f"{submission_id}: TIDAK TERVERIFIKASI / NOT VERIFIED")
        for m in own:
            echo(f"  {m.format()}")
        if others:
            echo(f"  (+{others} {'ketidakcocokan lain di bundel' if lang == 'id' else 'other mismatches in the bundle'})")
        for p in check.problems:
            echo(p.format())
    if check.fingerprint:
        echo(f"{'sidik manifest' if lang == 'id' else 'manifest fingerprint'} (SHA-256): {check.fingerprint}")
    sys.exit(0 if check.ok else 1)
