"""The options several commands share: the same names, flags and help everywhere."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["LANG", "NO_PLUGINS", "QUIET", "RULESET_DIRS", "SET"]

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
QUIET = click.option("--quiet", "-q", is_flag=True, help="No progress messages on stderr.")
