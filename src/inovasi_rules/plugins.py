"""The plugin manager and the values plugins return.

Each evaluation builds its own :class:`pluggy.PluginManager` with
:func:`get_plugin_manager`, so two evaluations with different plugins never share
state. Plugins come from the ``inovasi_rules`` entry-point group of installed
packages (turn that off with ``load_entrypoints=False`` or the environment variable
``INOVASI_RULES_DISABLE_PLUGIN_AUTOLOAD=1``) and from the ``plugins`` argument.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from decimal import Decimal
from importlib import metadata
from typing import Any

import attrs
import pluggy

from . import hookspecs
from .errors import PluginError
from .loading import Registry
from .model import Label

__all__ = [
    "AUTOLOAD_ENV",
    "ENTRY_POINT_GROUP",
    "PluginAdjustment",
    "PluginFinding",
    "PluginGrant",
    "StageScore",
    "call_each",
    "call_first",
    "default_registry",
    "get_plugin_manager",
    "installed_plugins",
]

#: Set this environment variable to any value to stop loading plugins from entry points.
AUTOLOAD_ENV = "INOVASI_RULES_DISABLE_PLUGIN_AUTOLOAD"
#: The entry-point group plugins register under.
ENTRY_POINT_GROUP = "inovasi_rules"


def _label(value: Any) -> Label:
    if isinstance(value, Label):
        return value
    if isinstance(value, str):
        return Label(value)
    if isinstance(value, dict):
        return Label(str(value.get("id", "")), value.get("en"))
    raise TypeError(f"expected a Label or text, got {type(value).__name__}")


def _label_opt(value: Any) -> Label | None:
    return None if value is None else _label(value)


def _dec(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, str)):
        raise TypeError(f"expected a Decimal, got {type(value).__name__}")
    return Decimal(value)


@attrs.frozen
class PluginFinding:
    """An eligibility finding from a plugin: ``passed=False`` makes the entry
    ineligible with ``message`` as the reason."""

    rule: str
    passed: bool
    message: Label = attrs.field(converter=_label)
    detail: Label | None = attrs.field(default=None, converter=_label_opt)


@attrs.frozen
class PluginAdjustment:
    """A bonus (positive) or penalty (negative) from a plugin."""

    id: str
    amount: Decimal = attrs.field(converter=_dec)
    message: Label = attrs.field(converter=_label)
    detail: Label | None = attrs.field(default=None, converter=_label_opt)


@attrs.frozen
class StageScore:
    """A stage score computed by a plugin, with how it was computed."""

    score: Decimal = attrs.field(converter=_dec)
    detail: Label | None = attrs.field(default=None, converter=_label_opt)
    criteria: dict[str, Decimal] = attrs.field(factory=dict)


def _dec_opt(value: object) -> Decimal | None:
    return None if value is None else _dec(value)


@attrs.frozen
class PluginGrant:
    """An award granted (or annotated) by a plugin for one submission."""

    submission: str
    award: str
    name: Label | None = attrs.field(default=None, converter=_label_opt)
    amount: Decimal | None = attrs.field(default=None, converter=_dec_opt)
    note: Label | None = attrs.field(default=None, converter=_label_opt)


def get_plugin_manager(
    plugins: Iterable[Any] = (), *, load_entrypoints: bool | None = None
) -> pluggy.PluginManager:
    """A new plugin manager with the hook specifications and the given plugins.

    :param plugins: plugin objects or modules to register (in this order).
    :param load_entrypoints: load plugins from the ``inovasi_rules`` entry-point group;
        by default yes, unless ``INOVASI_RULES_DISABLE_PLUGIN_AUTOLOAD`` is set.
    :raises PluginError: when a plugin implements a hook that does not exist (a
        misspelled name) or with arguments the hook does not have.
    """
    pm = pluggy.PluginManager("inovasi_rules")
    pm.add_hookspecs(hookspecs)
    if load_entrypoints is None:
        load_entrypoints = not os.environ.get(AUTOLOAD_ENV)
    try:
        if load_entrypoints:
            pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
        for p in plugins:
            if not pm.is_registered(p):
                pm.register(p)
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(
            f"plugin {exc.plugin!r} is not valid: {exc}", plugin=str(exc.plugin)
        ) from None
    return pm


def plugin_name(pm: pluggy.PluginManager, plugin: object) -> str:
    """The name a plugin is registered under (its entry-point name, or its class)."""
    name = pm.get_name(plugin)
    if name and not name.isdigit():
        return name
    return getattr(plugin, "name", None) or type(plugin).__name__


def _impls(pm: pluggy.PluginManager, hook: str) -> list[Any]:
    caller = getattr(pm.hook, hook)
    # get_hookimpls() lists implementations in registration order, adjusted for
    # tryfirst/trylast; pluggy calls them last-first, and so do we.
    return list(reversed(caller.get_hookimpls()))


def call_each(
    pm: pluggy.PluginManager,
    hook: str,
    check: Callable[[Any], bool] | None = None,
    expected: str = "",
    **kwargs: Any,
) -> list[tuple[str, Any]]:
    """Call every implementation of ``hook``; return ``(plugin name, result)`` pairs
    for the non-None results, in call order.

    :raises PluginError: when an implementation raises, or returns a value that
        ``check`` rejects; the message names the plugin and the hook.
    """
    out: list[tuple[str, Any]] = []
    for impl in _impls(pm, hook):
        name = plugin_name(pm, impl.plugin)
        args = {k: kwargs[k] for k in impl.argnames if k in kwargs}
        try:
            value = impl.function(**args)
        except Exception as exc:
            raise PluginError(
                f"plugin {name!r} failed in hook {hook}: {type(exc).__name__}: {exc}",
                plugin=name,
                hook=hook,
            ) from exc
        if value is None:
            continue
        if check is not None and not check(value):
            raise PluginError(
                f"plugin {name!r} returned {type(value).__name__} from hook {hook}; "
                f"expected {expected}",
                plugin=name,
                hook=hook,
            )
        out.append((name, value))
    return out


def call_first(
    pm: pluggy.PluginManager,
    hook: str,
    check: Callable[[Any], bool] | None = None,
    expected: str = "",
    **kwargs: Any,
) -> tuple[str, Any] | None:
    """Call implementations of a firstresult ``hook`` until one returns non-None."""
    for impl in _impls(pm, hook):
        name = plugin_name(pm, impl.plugin)
        args = {k: kwargs[k] for k in impl.argnames if k in kwargs}
        try:
            value = impl.function(**args)
        except Exception as exc:
            raise PluginError(
                f"plugin {name!r} failed in hook {hook}: {type(exc).__name__}: {exc}",
                plugin=name,
                hook=hook,
            ) from exc
        if value is None:
            continue
        if check is not None and not check(value):
            raise PluginError(
                f"plugin {name!r} returned {type(value).__name__} from hook {hook}; "
                f"expected {expected}",
                plugin=name,
                hook=hook,
            )
        return name, value
    return None


def installed_plugins() -> list[tuple[str, str]]:
    """``(entry-point name, distribution)`` of every plugin installed."""
    out = []
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        dist = ep.dist.name if ep.dist is not None else "?"
        out.append((ep.name, dist))
    return sorted(out)


def default_registry(pm: pluggy.PluginManager | None = None) -> Registry:
    """The bundled rulesets plus those contributed by plugins."""
    pm = pm or get_plugin_manager()
    contributed: list[tuple[str, str]] = []
    for name, paths in call_each(pm, "inovasi_rules_rulesets"):
        for path in paths:
            contributed.append((f"plugin:{name}", os.fspath(path)))
    return Registry(contributed=contributed)
