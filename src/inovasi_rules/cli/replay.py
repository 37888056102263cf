"""``inovasi-rules replay``: does a ruleset reproduce the published outcome of past editions?"""

from __future__ import annotations

import time
from pathlib import Path

import click

from ..errors import InovasiRulesError
from ..messages import Formatter
from ..safetext import terminal_text
from .compare import RECORDED, load_rules, read_pasts
from .options import LANG, NO_PLUGINS, QUIET, RULESET_DIRS, SET, parse_sets, ruleset_registry
from .output import echo
from .progress import Progress

__all__ = ["replay_cmd"]


@click.command("replay")
@click.argument("history", nargs=-1, required=True,
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--ruleset", "ruleset", default=RECORDED, show_default=True,
              help=f"The ruleset (an id or a file) to replay under; {RECORDED}: the one each "
                   f"edition names in its edition.yaml. / Ruleset (id atau berkas) untuk memutar "
                   f"ulang; {RECORDED}: yang disebut edition.yaml tiap edisi.")
@SET
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="List at most this many mismatches per edition (0: all). / Cantumkan paling "
                   "banyak sekian ketidakcocokan per edisi (0: semua).")
@RULESET_DIRS
@NO_PLUGINS
@QUIET
@LANG
def replay_cmd(
    history: tuple[Path, ...],
    ruleset: str,
    sets: tuple[str, ...],
    limit: int,
    ruleset_dirs: tuple[Path, ...],
    no_plugins: bool,
    quiet: bool,
    lang: str,
) -> None:
    """Replay past editions and check that their published outcome (outcomes.csv) is
    reproduced; list every submission where it is not, with the reason. Exit 1 when
    any edition is not reproduced.
    / Putar ulang edisi lalu dan periksa apakah hasil resminya terulang.

    A ruleset that cannot reproduce history is a wrong encoding.
    """
    from ..evaluation import evaluate
    from ..whatif.history import reproduce

    params = parse_sets(sets)
    fmt = Formatter(lang)
    failed = False
    try:
        pasts = read_pasts(history, quiet, lang)
        rules = load_rules(ruleset, pasts, ruleset_registry(ruleset_dirs), "--ruleset")
        bar = Progress(len(pasts), "edisi / editions", quiet=quiet, echo=lambda _line: None)
        for past in pasts:
            bar.step(past.edition.id)
            rs = rules if not isinstance(rules, dict) else rules[past.edition.id]
            if past.outcomes is None:
                echo(f"{past.edition.id}: no outcomes.csv / tidak ada outcomes.csv in {past.path}")
                failed = True
                continue
            t = time.perf_counter()
            result = evaluate(rs, past.edition, parameters=params or None,
                              load_entrypoints=False if no_plugins else None)
            rep = reproduce(result, past.outcomes)
            seconds = time.perf_counter() - t
            if rep.reproduced:
                echo(f"✔ {past.edition.id} ({rs.id}): "
                           + (f"semua {fmt.number(rep.checked)} hasil resmi tereproduksi" if lang == "id"
                              else f"all {fmt.number(rep.checked)} recorded outcomes reproduced")
                           + f" ({fmt.number(round(seconds, 1), 1)} s)")
            else:
                failed = True
                echo(f"✘ {past.edition.id} ({rs.id}): "
                           + (f"{fmt.number(len(rep.mismatches))} dari {fmt.number(rep.checked)} hasil resmi TIDAK tereproduksi"
                              if lang == "id" else
                              f"{fmt.number(len(rep.mismatches))} of {fmt.number(rep.checked)} recorded outcomes NOT reproduced")
                           + f" ({fmt.number(round(seconds, 1), 1)} s)")
                shown = rep.mismatches if limit == 0 else rep.mismatches[:limit]
                for m in shown:
                    row = f" (outcomes.csv row {m.row})" if m.row else ""
                    echo(f"  {m.submission}{row}: {m.what} {m.recorded} ≠ {m.computed}: "
                               f"{m.reason.text(lang)}")
                if len(shown) < len(rep.mismatches):
                    echo(f"  +{len(rep.mismatches) - len(shown)} "
                               + ("lainnya (--limit 0 untuk semua)" if lang == "id" else "more (--limit 0 for all)"))
            if rep.unrecorded:
                echo(f"  {fmt.number(len(rep.unrecorded))} "
                           + ("pengajuan tanpa hasil resmi" if lang == "id"
                              else "submissions have no recorded outcome"))
        bar.close()
    except InovasiRulesError as exc:
        raise click.ClickException(terminal_text(str(exc))) from None
    if failed:
        raise SystemExit(1)
