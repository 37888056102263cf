"""The plugin manager and the values plugins return.

Each evaluation builds its own :class:`pluggy.PluginManager` with
:func:`get_plugin_manager`, so two evaluations with different plugins never share
state. Plugins come from the ``inovasi_rules`` entry-point group of installed
packages (turn that off with ``load_entrypoints=False`` or the environment variable
``INOVASI_RULES_DISABLE_PLUGIN_AUTOLOAD=1``) and from the ``plugins`` argument.

A plugin's name is its entry-point name; for a plugin passed in code, its ``name``
attribute (or, failing that, its module's or class's name). A plugin passed in code
replaces an installed plugin of the same name for that evaluation, so a host can run
an installed plugin with another configuration without uninstalling it.

The engine calls each hook implementation itself (not through pluggy's ``hook``
caller), one plugin at a time, so that every result is attributed to the plugin that
gave it and every failure names the plugin and the hook. For the same reason hook
wrappers (``@hookimpl(wrapper=True)``) are refused.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pluggy

from . import hookspecs
from .errors import PluginError, Problem
from .ruleset.loading import Registry
from .ruleset.model import Label, PluginRequirement

__all__ = [
    "AUTOLOAD_ENV",
    "ENTRY_POINT_GROUP",
    "HOOK_NAMES",
    "PluginAdjustment",
    "PluginFinding",
    "PluginGrant",
    "PluginInfo",
    "StageScore",
    "available_plugin_names",
    "call_each",
    "call_first",
    "default_registry",
    "describe_plugins",
    "get_plugin_manager",
    "installed_plugins",
    "missing_plugin_problem",
    "plugin_name",
]

#: Set this environment variable to any value to stop loading plugins from entry points.
AUTOLOAD_ENV = "INOVASI_RULES_DISABLE_PLUGIN_AUTOLOAD"
#: The entry-point group plugins register under.
ENTRY_POINT_GROUP = "inovasi_rules"
#: The hooks, in the order the engine calls them during an evaluation.
HOOK_NAMES = (
    "inovasi_rules_rulesets",
    "inovasi_rules_condition_functions",
    "inovasi_rules_eligibility",
    "inovasi_rules_stage_score",
    "inovasi_rules_adjustments",
    "inovasi_rules_select",
    "inovasi_rules_awards",
    "inovasi_rules_result",
)


# --------------------------------------------------------------------------- values


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
    # floats are refused: a score or an amount must be exact
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, str)):
        raise TypeError(f"expected a Decimal, got {type(value).__name__}")
    out = Decimal(value)
    if not out.is_finite():
        raise ValueError(f"expected a finite number, got {value!r}")
    return out


def _dec_opt(value: object) -> Decimal | None:
    return None if value is None else _dec(value)


@attrs.frozen
class PluginFinding:
    """An eligibility finding from a plugin: ``passed=False`` makes the entry
    ineligible with ``message`` as the reason.

    :ivar rule: an id for the check (shown in the trace), e.g. ``"agency-register"``.
    :ivar passed: whether the submission passed the check.
    :ivar message: what the participant reads (a :class:`~inovasi_rules.Label`, a
        ``{"id": ..., "en": ...}`` dict or plain text).
    :ivar detail: the values the check saw.
    """

    rule: str
    passed: bool
    message: Label = attrs.field(converter=_label)
    detail: Label | None = attrs.field(default=None, converter=_label_opt)


@attrs.frozen
class PluginAdjustment:
    """A bonus (positive ``amount``) or penalty (negative) from a plugin.

    ``amount`` is a ``Decimal``, an ``int`` or a numeric string; a ``float`` is refused
    (scores are exact).
    """

    id: str
    amount: Decimal = attrs.field(converter=_dec)
    message: Label = attrs.field(converter=_label)
    detail: Label | None = attrs.field(default=None, converter=_label_opt)


@attrs.frozen
class StageScore:
    """A stage score computed by a plugin, with how it was computed.

    :ivar score: the score (rounded afterwards with the ruleset's rounding).
    :ivar detail: the arithmetic, shown in the trace.
    :ivar criteria: per-criterion values, used by ``tie_break: [{criterion: ...}]``
        and shown by ``explain``.
    """

    score: Decimal = attrs.field(converter=_dec)
    detail: Label | None = attrs.field(default=None, converter=_label_opt)
    criteria: dict[str, Decimal] = attrs.field(factory=dict)


@attrs.frozen
class PluginGrant:
    """An award granted (or annotated) by a plugin for one submission.

    :ivar submission: the submission's id.
    :ivar award: the award's id; when the submission already holds it, the grant
        updates it (``amount``, ``note``), otherwise it is a new award.
    :ivar name: the award's name, for a new award id.
    :ivar amount: money attached to the award (e.g. a regional incentive fund).
    :ivar note: how the amount was computed, shown by ``explain``.
    """

    submission: str
    award: str
    name: Label | None = attrs.field(default=None, converter=_label_opt)
    amount: Decimal | None = attrs.field(default=None, converter=_dec_opt)
    note: Label | None = attrs.field(default=None, converter=_label_opt)


@attrs.frozen
class PluginInfo:
    """One plugin known to a plugin manager (what ``inovasi-rules plugins`` lists).

    :ivar name: the plugin's name.
    :ivar source: ``"entry point"`` (installed) or ``"code"`` (passed in code).
    :ivar package: the distribution that provides it, when known.
    :ivar version: that distribution's version.
    :ivar hooks: the hooks it implements, in the order the engine calls them.
    :ivar target: the entry point's target (``module:object``) or the object's module.
    """

    name: str
    source: str
    package: str | None
    version: str | None
    hooks: tuple[str, ...]
    target: str


# --------------------------------------------------------------------------- manager


class _PluginManager(pluggy.PluginManager):
    """A plugin manager that remembers which distribution each installed plugin
    came from."""

    def __init__(self) -> None:
        super().__init__("inovasi_rules")
        #: plugin name -> (distribution, version, entry-point target)
        self.dists: dict[str, tuple[str | None, str | None, str]] = {}


def _entry_points() -> list[metadata.EntryPoint]:
    seen: dict[str, metadata.EntryPoint] = {}
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        seen.setdefault(ep.name, ep)  # the first on sys.path wins, as for imports
    return [seen[k] for k in sorted(seen)]


def _dist_of(ep: metadata.EntryPoint) -> tuple[str | None, str | None]:
    dist = getattr(ep, "dist", None)
    if dist is None:
        return None, None
    return dist.metadata["Name"] or dist.name, dist.version


def _object_name(plugin: object) -> str:
    """The name of a plugin passed in code: its ``name`` attribute, or the name of
    the module or class."""
    name = getattr(plugin, "name", None)
    if isinstance(name, str) and name:
        return name
    if isinstance(plugin, (ModuleType, type)):
        return plugin.__name__
    return type(plugin).__name__


def _check_impls(pm: pluggy.PluginManager, name: str, plugin: object) -> None:
    for caller in pm.get_hookcallers(plugin) or ():
        for impl in caller.get_hookimpls():
            if impl.plugin is plugin and (impl.wrapper or impl.hookwrapper):
                raise PluginError(
                    f"plugin {name!r}: {caller.name} is a hook wrapper; inovasi_rules calls "
                    "each plugin on its own and does not support wrappers / hook wrapper "
                    "tidak didukung",
                    plugin=name,
                    hook=caller.name,
                )
    marked = {impl.function.__name__ for c in pm.get_hookcallers(plugin) or () for impl in c.get_hookimpls()}
    for attr in dir(plugin):
        if not attr.startswith("inovasi_rules_") or attr in marked:
            continue
        value = getattr(plugin, attr, None)
        if inspect.isroutine(value):
            hint = f" (hooks: {', '.join(HOOK_NAMES)})" if attr not in HOOK_NAMES else ""
            raise PluginError(
                f"plugin {name!r}: {attr} is not marked with @hookimpl, so it would never be "
                f"called / fungsi {attr} belum ditandai @hookimpl{hint}",
                plugin=name,
                hook=attr,
            )


def _register(pm: pluggy.PluginManager, plugin: object, name: str) -> None:
    try:
        pm.register(plugin, name=name)
    except pluggy.PluginValidationError as exc:
        raise PluginError(
            f"plugin {name!r} is not valid / plugin tidak sah: {exc}", plugin=name
        ) from None
    except ValueError as exc:  # the name or the object is registered already
        raise PluginError(
            f"two plugins are named {name!r}; give one a `name` attribute of its own "
            f"/ dua plugin bernama {name!r}: {exc}",
            plugin=name,
        ) from None
    _check_impls(pm, name, plugin)


def get_plugin_manager(
    plugins: Iterable[Any] = (), *, load_entrypoints: bool | None = None
) -> pluggy.PluginManager:
    """A new plugin manager with the hook specifications and the given plugins.

    :param plugins: plugin objects, classes or modules to register (in this order).
        One whose name is that of an installed plugin replaces it.
    :param load_entrypoints: load plugins from the ``inovasi_rules`` entry-point group;
        by default yes, unless ``INOVASI_RULES_DISABLE_PLUGIN_AUTOLOAD`` is set.
    :raises PluginError: when an installed plugin cannot be imported, or a plugin
        implements a hook that does not exist (a misspelled name), with arguments the
        hook does not have, as a wrapper, or forgot ``@hookimpl``.
    """
    pm = _PluginManager()
    pm.add_hookspecs(hookspecs)
    given = [(_object_name(p), p) for p in plugins]
    if load_entrypoints is None:
        load_entrypoints = not os.environ.get(AUTOLOAD_ENV)
    if load_entrypoints:
        replaced = {n for n, _ in given}
        for ep in _entry_points():
            if ep.name in replaced:
                continue
            dist, version = _dist_of(ep)
            try:
                obj = ep.load()
            except Exception as exc:
                raise PluginError(
                    f"plugin {ep.name!r} (package {dist or '?'}) could not be loaded "
                    f"/ plugin tidak dapat dimuat: {type(exc).__name__}: {exc}",
                    plugin=ep.name,
                ) from exc
            _register(pm, obj, ep.name)
            pm.dists[ep.name] = (dist, version, ep.value)
    for name, p in given:
        if not pm.is_registered(p):
            _register(pm, p, name)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        name = plugin_name(pm, exc.plugin)
        raise PluginError(
            f"plugin {name!r} is not valid / plugin tidak sah: {exc} "
            f"(hooks: {', '.join(HOOK_NAMES)})",
            plugin=name,
        ) from None
    return pm


def plugin_name(pm: pluggy.PluginManager, plugin: object) -> str:
    """The name a plugin is registered under (its entry-point name, or its ``name``)."""
    name = pm.get_name(plugin)
    if name and not name.isdigit():
        return name
    return _object_name(plugin)


def available_plugin_names(plugins: Iterable[Any] = ()) -> set[str]:
    """The names of the installed plugins (unless autoloading is turned off) and of
    ``plugins``, without importing anything."""
    names = {_object_name(p) for p in plugins}
    if not os.environ.get(AUTOLOAD_ENV):
        names |= {ep.name for ep in _entry_points()}
    return names


def missing_plugin_problem(req: PluginRequirement, ruleset_id: str | None = None) -> Problem:
    """The located problem for a plugin a ruleset needs that is not available."""
    of = f" {ruleset_id}" if ruleset_id else ""
    if req.package:
        hint = (
            f"pip install {req.package}; or pass the plugin in code: "
            "load_ruleset(..., plugins=[obj]) and evaluate(..., plugins=[obj]) / pasang paketnya "
            f"(pip install {req.package}), atau berikan plugin itu dalam kode: "
            "load_ruleset(..., plugins=[obj]) dan evaluate(..., plugins=[obj])"
        )
        pkg_id, pkg_en = f" (paket {req.package})", f" (package {req.package})"
    else:
        hint = (
            f"install the package that provides the `{ENTRY_POINT_GROUP}` entry point "
            f"{req.name!r}, or pass the plugin in code (evaluate(..., plugins=[obj])); "
            f"write `plugins: [{{name: {req.name}, package: <package>}}]` to name the package / "
            f"pasang paket yang menyediakan entry point `{ENTRY_POINT_GROUP}` {req.name!r}, atau "
            "berikan plugin itu dalam kode (evaluate(..., plugins=[obj])); tulis "
            f"`plugins: [{{name: {req.name}, package: <paket>}}]` untuk menyebut paketnya"
        )
        pkg_id = pkg_en = ""
    return Problem(
        f"ruleset{of} membutuhkan plugin {req.name!r}{pkg_id} yang belum terpasang / ruleset{of} "
        f"needs the plugin {req.name!r}{pkg_en}, which is not installed",
        req.file,
        req.line,
        req.column,
        rule="missing-plugin",
        hint=hint,
    )


def _impls(pm: pluggy.PluginManager, hook: str) -> list[Any]:
    caller = getattr(pm.hook, hook)
    # get_hookimpls() lists implementations in registration order, adjusted for
    # tryfirst/trylast; pluggy calls them last-first, and so do we.
    return list(reversed(caller.get_hookimpls()))


def _call(
    pm: pluggy.PluginManager,
    hook: str,
    check: Callable[[Any], bool] | None,
    expected: str,
    kwargs: Mapping[str, Any],
) -> Iterable[tuple[str, Any]]:
    for impl in _impls(pm, hook):
        name = plugin_name(pm, impl.plugin)
        args = {k: kwargs[k] for k in impl.argnames if k in kwargs}
        try:
            value = impl.function(**args)
        except PluginError:
            raise
        except Exception as exc:
            raise PluginError(
                f"plugin {name!r} gagal di hook {hook} / plugin {name!r} failed in hook {hook}: "
                f"{type(exc).__name__}: {exc}",
                plugin=name,
                hook=hook,
            ) from exc
        if value is None:
            continue
        if check is not None and not check(value):
            shown = repr(value)
            if len(shown) > 80:
                shown = shown[:77] + "..."
            raise PluginError(
                f"plugin {name!r} mengembalikan nilai yang salah dari hook {hook} / plugin "
                f"{name!r} returned {type(value).__name__} from hook {hook} ({shown}); "
                f"expected {expected}",
                plugin=name,
                hook=hook,
            )
        yield name, value


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
    return list(_call(pm, hook, check, expected, kwargs))


def call_first(
    pm: pluggy.PluginManager,
    hook: str,
    check: Callable[[Any], bool] | None = None,
    expected: str = "",
    **kwargs: Any,
) -> tuple[str, Any] | None:
    """Call implementations of a firstresult ``hook`` until one returns non-None;
    return ``(plugin name, result)``, or ``None`` when none answered."""
    for pair in _call(pm, hook, check, expected, kwargs):
        return pair
    return None


def installed_plugins() -> list[tuple[str, str]]:
    """``(entry-point name, distribution)`` of every plugin installed (nothing is
    imported)."""
    return [(ep.name, _dist_of(ep)[0] or "?") for ep in _entry_points()]


def describe_plugins(pm: pluggy.PluginManager | None = None) -> list[PluginInfo]:
    """What a plugin manager holds (by default: the installed plugins), by name."""
    pm = pm or get_plugin_manager()
    dists: Mapping[str, tuple[str | None, str | None, str]] = getattr(pm, "dists", {})
    out = []
    for name, plugin in pm.list_name_plugin():
        if plugin is None:
            continue
        hooks = {c.name for c in pm.get_hookcallers(plugin) or ()}
        ordered = tuple(h for h in HOOK_NAMES if h in hooks)
        if name in dists:
            package, version, target = dists[name]
            out.append(PluginInfo(name, "entry point", package, version, ordered, target))
        else:
            module = plugin.__name__ if isinstance(plugin, ModuleType) else type(plugin).__module__
            out.append(PluginInfo(name, "code", None, None, ordered, module))
    return sorted(out, key=lambda i: i.name)


def _is_paths(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and all(
        isinstance(p, (str, os.PathLike)) for p in value
    )


def default_registry(pm: pluggy.PluginManager | None = None) -> Registry:
    """The bundled rulesets plus those contributed by plugins (``pm``, by default
    the installed plugins).

    :raises PluginError: when a plugin's ``inovasi_rules_rulesets`` returns something
        other than a list of paths, or a path that does not exist.
    """
    pm = pm or get_plugin_manager()
    contributed: list[tuple[str, Path]] = []
    hook = "inovasi_rules_rulesets"
    for name, paths in call_each(
        pm, hook, check=_is_paths, expected="a list of paths (str or pathlib.Path)"
    ):
        for path in paths:
            p = Path(os.fspath(path))
            if not p.exists():
                raise PluginError(
                    f"plugin {name!r} menyumbang ruleset yang tidak ada / plugin {name!r} "
                    f"contributed a path that does not exist in hook {hook}: {p}",
                    plugin=name,
                    hook=hook,
                )
            contributed.append((f"plugin:{name}", p))
    return Registry(contributed=contributed)
