"""A command group whose commands are imported when they are used.

Each command of ``inovasi-rules`` that lives in its own module is named here by
``"module:attribute"``: running ``inovasi-rules evaluate`` imports what evaluating
needs, not the comparison, robustness or test-runner modules and their libraries.
Whatever reads every command (``--help``, an unknown command's "did you mean", the
generated command-line reference) imports them all.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any

import click

from .usage import BilingualGroup

__all__ = ["LazyCommands", "LazyGroup"]


class LazyCommands(MutableMapping[str, click.Command]):
    """Command name -> command, where a command named by ``"module:attribute"`` is
    imported the first time it is looked up (what :class:`click.Group` keeps as its
    ``commands``).

    :param lazy: command name -> ``"module:attribute"`` of its :class:`click.Command`
        (a module name relative to this package, such as ``".compare"``).
    """

    def __init__(self, lazy: Mapping[str, str]) -> None:
        self._lazy = dict(lazy)
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        found = self._loaded.get(name)
        if found is None:
            target = self._lazy[name]  # KeyError: no such command
            module, _, attribute = target.partition(":")
            found = getattr(importlib.import_module(module, __package__), attribute)
            if not isinstance(found, click.Command) or found.name != name:
                raise TypeError(f"{target} is not the command {name!r}")
            self._loaded[name] = found
        return found

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._lazy.pop(name, None)
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        self._lazy.pop(name, None)
        self._loaded.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted({*self._loaded, *self._lazy}))

    def __len__(self) -> int:
        return len({*self._loaded, *self._lazy})

    def __contains__(self, name: object) -> bool:
        return name in self._loaded or name in self._lazy

    def pending(self) -> list[str]:
        """The names of the commands not imported yet."""
        return sorted(set(self._lazy) - set(self._loaded))


class LazyGroup(BilingualGroup):
    """A :class:`~.usage.BilingualGroup` whose ``commands`` are a
    :class:`LazyCommands`: the ones named in ``lazy`` are imported on first use.

    :param lazy: command name -> ``"module:attribute"`` (see :class:`LazyCommands`).
    """

    def __init__(self, *args: Any, lazy: Mapping[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        commands = LazyCommands(lazy or {})
        commands.update(self.commands)  # any given as click's `commands=`
        self.commands: MutableMapping[str, click.Command] = commands
