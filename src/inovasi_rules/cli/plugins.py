"""``inovasi-rules plugins``: the installed plugins, their packages and their hooks."""

from __future__ import annotations

import json
import sys

import click

from ..errors import PluginError
from ..plugins import (
    PluginInfo,
    default_registry,
    describe_plugins,
    get_plugin_manager,
    installed_plugins,
)
from .options import LANG
from .output import echo

__all__ = ["plugins"]

_T = {
    "none": ("tidak ada plugin terpasang", "no plugins installed"),
    "package": ("paket", "package"),
    "hooks": ("hook", "hooks"),
    "rulesets": ("ruleset", "rulesets"),
    "broken": (
        "plugin berikut terpasang tetapi gagal dimuat",
        "these plugins are installed but failed to load",
    ),
}


def _t(key: str, lang: str) -> str:
    i, e = _T[key]
    return i if lang == "id" else e


def _as_dict(info: PluginInfo, rulesets: list[str]) -> dict[str, object]:
    return {
        "name": info.name,
        "package": info.package,
        "version": info.version,
        "target": info.target,
        "hooks": list(info.hooks),
        "rulesets": rulesets,
    }


@click.command("plugins")
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON list instead of text. / Cetak daftar JSON, bukan teks.")
@LANG
def plugins(as_json: bool, lang: str) -> None:
    """List the installed plugins: package, version, the hooks each implements and
    the rulesets it contributes. / Daftar plugin yang terpasang.

    Plugins are packages with an `inovasi_rules` entry point; `evaluate` and
    `explain` load them unless given --no-plugins.
    """
    try:
        pm = get_plugin_manager()
    except PluginError as exc:
        echo(f"{_t('broken', lang)}:", err=True)
        for name, dist in installed_plugins():
            echo(f"  {name}  ({_t('package', lang)} {dist})", err=True)
        echo(str(exc), err=True)
        sys.exit(1)
    infos = describe_plugins(pm)
    by_plugin: dict[str, list[str]] = {}
    for entry in default_registry(pm).entries():
        if entry.origin.startswith("plugin:"):
            by_plugin.setdefault(entry.origin.removeprefix("plugin:"), []).append(entry.id)
    if as_json:
        records = [_as_dict(i, sorted(by_plugin.get(i.name, []))) for i in infos]
        echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    if not infos:
        echo(_t("none", lang))
        return
    for i in infos:
        package = f"{i.package} {i.version or ''}".strip() if i.package else "-"
        echo(f"{i.name}  ({_t('package', lang)} {package}; {i.target})")
        echo(f"    {_t('hooks', lang)}: {', '.join(i.hooks) or '-'}")
        rulesets = sorted(by_plugin.get(i.name, []))
        if rulesets:
            echo(f"    {_t('rulesets', lang)}: {', '.join(rulesets)}")
