"""Dana insentif daerah: an ``inovasi_rules`` plugin that allocates a regional
incentive fund across the winners of an award.

Installed, it is found through its entry point (group ``inovasi_rules``, name
``dana-insentif``) and does two things:

- ``inovasi_rules_rulesets``: contributes the ruleset ``kipp-wonogiri-dana-insentif``,
  which extends the bundled ``kipp-regional`` and lists this plugin under ``plugins``;
- ``inovasi_rules_awards``: for a ruleset that lists ``dana-insentif``, shares the
  fund configured for it among the holders of its award (see
  :mod:`inovasi_rules_dana_insentif.allocation`), and attaches each amount, with how
  it was computed, to the winner's award.

The configuration is a YAML file: by default the one shipped in the package
(``dana-insentif.yaml``); the environment variable ``DANA_INSENTIF_CONFIG`` names
another; in code, ``DanaInsentif(config=path_or_mapping)``, passed to ``evaluate(...,
plugins=[...])``, replaces the installed plugin for that evaluation.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from inovasi_rules import Label, PluginGrant, Result, Ruleset, hookimpl

from .allocation import Fund, FundError, Winner, allocate, load_funds

__all__ = ["CONFIG_ENV", "DEFAULT_CONFIG", "RULESETS", "DanaInsentif", "Fund", "FundError", "plugin"]

#: The environment variable naming another configuration file.
CONFIG_ENV = "DANA_INSENTIF_CONFIG"
#: The configuration shipped with the package.
DEFAULT_CONFIG = Path(__file__).with_name("dana-insentif.yaml")
#: The rulesets shipped with the package.
RULESETS = Path(__file__).with_name("rulesets")


class DanaInsentif:
    """The plugin. ``config``: a YAML file or a mapping with ``funds:``; by default
    ``$DANA_INSENTIF_CONFIG`` or the packaged file. The configuration is read at each
    evaluation, so a changed file is used at once."""

    #: The plugin's name: the entry-point name, and what rulesets list under ``plugins``.
    name = "dana-insentif"

    def __init__(self, config: str | os.PathLike[str] | Mapping[str, Any] | None = None) -> None:
        self.config = config

    def config_source(self) -> str | os.PathLike[str] | Mapping[str, Any]:
        """Where the configuration is read from."""
        if self.config is not None:
            return self.config
        return os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG

    def fund_for(self, ruleset: Ruleset) -> Fund:
        """The fund configured for ``ruleset``: by its id, else its parent's id, else
        ``default``.

        :raises FundError: when the configuration has none.
        """
        funds = load_funds(self.config_source())
        for key in (ruleset.id, ruleset.extends, "default"):
            if key is not None and key in funds:
                return funds[key]
        source = self.config_source()
        where = "<config>" if isinstance(source, Mapping) else os.fspath(source)
        raise FundError(
            f"{where}: no fund for ruleset {ruleset.id!r}; add `funds: {{{ruleset.id}: ...}}` "
            f"(or `default:`); configured: {', '.join(sorted(funds)) or 'none'}"
        )

    @hookimpl
    def inovasi_rules_rulesets(self) -> list[Path]:
        """The rulesets shipped with the package."""
        return [RULESETS]

    # trylast: called after the other plugins' award hooks, so that when another
    # plugin also sets an amount on the same award, the fund's amount is the one kept
    @hookimpl(trylast=True)
    def inovasi_rules_awards(self, ruleset: Ruleset, result: Result) -> list[PluginGrant] | None:
        """Share the fund among the holders of the configured award."""
        if not ruleset.needs_plugin(self.name):
            return None  # installed plugins see every evaluation: act only when asked
        fund = self.fund_for(ruleset)
        winners = [
            Winner(s.id, g.rank) for s in result.submissions for g in s.awards if g.award == fund.award
        ]
        allocations, _left = allocate(fund, winners)
        return [
            PluginGrant(a.submission, fund.award, amount=a.amount, note=Label(a.note_id, a.note_en))
            for a in allocations
        ]


#: The object the entry point names.
plugin = DanaInsentif()
