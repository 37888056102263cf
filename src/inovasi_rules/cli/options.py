"""The options several commands share: the same names, flags and help everywhere,
and what the commands make of them (the registry ``--rulesets`` extends, the
parameters ``--set`` overrides, a ruleset and an edition loaded with both)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import useful_order
from .output import echo

if TYPE_CHECKING:
    from ..errors import Problem
    from ..ruleset.loading import Registry

__all__ = [
    "LANG", "NO_PLUGINS", "QUIET", "RULESET_DIRS", "SET", "check_sets", "echo_problems", "load_pair",
    "parse_sets", "ruleset_registry",
]

LANG = click.option(
    "--lang",
    type=click.Choice(["id", "en"]),
    default="id",
    show_default=True,
    help="Language of the output: id (Bahasa Indonesia) or en (English). / Bahasa keluaran: id "
         "(Bahasa Indonesia) atau en (Inggris).",
)
RULESET_DIRS = click.option(
    "--rulesets",
    "ruleset_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Extra directory of rulesets for ids and `extends` (may be repeated). / Folder ruleset "
         "tambahan untuk id dan `extends` (boleh berulang).",
)
SET = click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a ruleset parameter for this run (may be repeated), e.g. --set "
         "bonus_points=10. / Ubah parameter ruleset untuk proses ini (boleh berulang), misalnya "
         "--set bonus_points=10.",
)
NO_PLUGINS = click.option(
    "--no-plugins",
    is_flag=True,
    help="Do not load plugins from installed packages. / Jangan muat plugin dari paket yang "
         "terpasang.",
)
QUIET = click.option("--quiet", "-q", is_flag=True,
                     help="No progress messages on stderr. / Tanpa pesan kemajuan di stderr.")


def ruleset_registry(dirs: Sequence[Path]) -> Registry:
    """The rulesets known to a command: the bundled ones, the plugins', and those in
    the ``--rulesets`` folders ``dirs``."""
    from ..plugins import default_registry

    reg = default_registry()
    return reg.with_directories(*dirs) if dirs else reg


def files_read(ruleset: Any, edition: Any, ruleset_dirs: Sequence[Path]) -> list[str]:
    """The files a command read for ``ruleset`` (its file and those of the rulesets it
    extends) and ``edition`` (its folder's tables, or its file): a result must not be
    written over any of them."""
    files = [f for f in (ruleset.origin, edition.source) if f]
    files += [f for f in edition.files.values() if f]
    registry = ruleset_registry(ruleset_dirs)
    parent, seen = ruleset.extends, set()
    while isinstance(parent, str) and parent in registry and parent not in seen:
        seen.add(parent)
        entry = registry.index[parent]
        files.append(str(entry.path))
        parent = entry.extends
    return files


def echo_problems(problems: Sequence[Problem]) -> None:
    """Print each problem, located, on a line of its own, the most useful first (a root
    cause before what follows from it: :func:`~inovasi_rules.errors.useful_order`)."""
    for p in useful_order(problems):
        echo(p.format())


def parse_sets(values: Sequence[str]) -> dict[str, Any]:
    """``--set name=value`` pairs; values are read like YAML (numbers, dates, lists)."""
    from ..errors import RulesetError
    from ..yamlpos import load_yaml, to_plain

    out: dict[str, Any] = {}
    for item in values:
        name, sep, raw = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(
                f"{item!r}: write NAME=VALUE, e.g. bonus_points=10 / tulis NAMA=NILAI, "
                "misalnya bonus_points=10",
                param_hint="--set",
            )
        try:
            out[name.strip()] = to_plain(load_yaml(raw or "''", f"--set {name.strip()}"))
        except RulesetError as exc:
            raise click.BadParameter(_set_problems(exc.problems), param_hint="--set") from None
    return out


def check_sets(ruleset: Any, params: dict[str, Any]) -> None:
    """Stop before any work when a ``--set`` value does not fit its parameter."""
    from ..ruleset.parameters import check_parameters

    problems = check_parameters(ruleset, params, file="--set")
    if problems:
        raise click.BadParameter(_set_problems(problems), param_hint="--set")


def _set_problems(problems: Sequence[Problem]) -> str:
    """The problems of ``--set`` values, after click's "Invalid value for --set:": each
    message with its hint, without repeating the option as their place."""
    lines = []
    for p in problems:
        lines.append(p.message + (f" [{p.path}]" if p.path else ""))
        if p.hint:
            lines.append(f"    hint: {p.hint}")
    return "\n".join(lines)


def load_pair(
    ruleset: str, data: Path, ruleset_dirs: Sequence[Path], sets: Sequence[str], stdin: bytes | None = None
) -> tuple[Any, Any]:
    """The ruleset ``ruleset`` (from the registry of ``ruleset_dirs``, with the ``--set``
    values ``sets`` checked and applied) and the edition at ``data`` (or in ``stdin``)."""
    from ..contract.stdin import read_edition_bytes
    from ..edition import read_edition
    from ..ruleset.loading import load_ruleset

    params = parse_sets(sets)
    registry = ruleset_registry(ruleset_dirs)
    rs = load_ruleset(ruleset, registry=registry)
    if params:
        check_sets(rs, params)
        rs = rs.with_parameters(**params)
    edition = read_edition(data) if stdin is None else read_edition_bytes(stdin)
    warn_other_ruleset(rs, edition)
    return rs, edition


def warn_other_ruleset(rs: Any, edition: Any) -> None:
    """Warn (on standard error, not in the result) when ``edition.yaml`` names another
    ruleset than the one evaluated: easily a slip (last year's ruleset, the national
    one), and harmless to read for a deliberate variant."""
    named = edition.ruleset
    if not named or named == rs.id:
        return
    origin = getattr(rs, "origin", None)
    if named.endswith((".yaml", ".yml")) and origin and Path(named).name == Path(origin).name:
        return  # named by its file
    echo(
        f"warning: edition.yaml names the ruleset '{named}', but '{rs.id}' is evaluated; "
        f"if that is a slip, give {named} / peringatan: edition.yaml menyebut ruleset "
        f"'{named}', tetapi yang dievaluasi '{rs.id}'; bila keliru, pakai {named}",
        err=True,
    )
