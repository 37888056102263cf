"""Hook specifications: the points where a plugin adds its own logic.

A plugin is any object or module with functions named like the hooks below and marked
with :data:`hookimpl`. Plugins are found through the ``inovasi_rules`` entry-point
group, or passed in code (``evaluate(..., plugins=[obj])``). See
``docs/plugins.md`` for a tutorial.
"""

from __future__ import annotations

import pluggy

__all__ = ["hookimpl", "hookspec"]

#: Marks a hook specification (used only in this module).
hookspec = pluggy.HookspecMarker("inovasi_rules")
#: Marks a plugin's hook implementation: ``@hookimpl def inovasi_rules_rulesets(): ...``.
hookimpl = pluggy.HookimplMarker("inovasi_rules")


# --------------------------------------------------------------------------- rulesets


@hookspec
def inovasi_rules_rulesets() -> list[str]:  # type: ignore[empty-body]
    """Contribute rulesets to the registry.

    Called once when the registry is built. Return a list of paths, each a ruleset
    ``.yaml`` file or a directory searched recursively for them. Rulesets contributed
    this way can be named by id on the command line and used as ``extends`` parents.

    :return: paths (``str`` or :class:`pathlib.Path`).
    """
