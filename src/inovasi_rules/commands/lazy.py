"""A command group whose commands are imported when they are used.

Each command of ``inovasi-rules`` that lives in its own module is named here by
``"module:attribute"``: running ``inovasi-rules evaluate`` imports what evaluating
needs, not the comparison, robustness or test-runner modules and their libraries. The
full list (``--help``, an unknown command's "did you mean") imports them all.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

import click

from .usage import BilingualGroup

__all__ = ["LazyGroup"]


class LazyGroup(BilingualGroup):
    """A :class:`~.usage.BilingualGroup` with commands imported on first use.

    :param lazy: command name -> ``"module:attribute"`` of its :class:`click.Command`
        (a module name relative to this package, such as ``".compare"``).
    """

    def __init__(self, *args: Any, lazy: Mapping[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy: dict[str, str] = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name, the lazy ones included, in order."""
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command ``cmd_name``, imported now if it is a lazy one."""
        target = self.lazy.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module, _, attribute = target.partition(":")
        command = getattr(importlib.import_module(module, __package__), attribute)
        if not isinstance(command, click.Command) or command.name != cmd_name:
            raise TypeError(f"{target} is not the command {cmd_name!r}")
        return command
