"""The plugin manager: built per use by a factory, never at import time."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

import pluggy

from . import hookspecs
from .loading import Registry

__all__ = ["AUTOLOAD_ENV", "default_registry", "get_plugin_manager"]

#: Set this environment variable to any value to stop loading plugins from entry points.
AUTOLOAD_ENV = "INOVASI_RULES_DISABLE_PLUGIN_AUTOLOAD"
#: The entry-point group plugins register under.
ENTRY_POINT_GROUP = "inovasi_rules"


def get_plugin_manager(
    plugins: Iterable[Any] = (), *, load_entrypoints: bool | None = None
) -> pluggy.PluginManager:
    """A new plugin manager with the hook specifications and the given plugins.

    :param plugins: plugin objects or modules to register.
    :param load_entrypoints: load plugins from the ``inovasi_rules`` entry-point group;
        by default yes, unless ``INOVASI_RULES_DISABLE_PLUGIN_AUTOLOAD`` is set.
    """
    pm = pluggy.PluginManager("inovasi_rules")
    pm.add_hookspecs(hookspecs)
    if load_entrypoints is None:
        load_entrypoints = not os.environ.get(AUTOLOAD_ENV)
    if load_entrypoints:
        pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    for p in plugins:
        if not pm.is_registered(p):
            pm.register(p)
    pm.check_pending()
    return pm


def default_registry(pm: pluggy.PluginManager | None = None) -> Registry:
    """The bundled rulesets plus those contributed by plugins."""
    pm = pm or get_plugin_manager()
    contributed: list[tuple[str, str]] = []
    for impl in pm.hook.inovasi_rules_rulesets.get_hookimpls():
        name = pm.get_name(impl.plugin) or "plugin"
        for path in impl.function() or ():
            contributed.append((f"plugin:{name}", os.fspath(path)))
    return Registry(contributed=contributed)
