"""Command-line usage errors in both languages.

click words its own errors (a missing argument, an unknown option, a path that does
not exist) in English. :class:`BilingualGroup` catches them on their way out and adds
the Indonesian beside the English, in the form every other message of the command
line has: ``Missing argument 'DATA'. / Argumen 'DATA' belum diberikan.``
"""

from __future__ import annotations

import re
from typing import IO, Any

import click

from ..safetext import terminal_text

__all__ = ["BilingualGroup", "bilingual_usage"]

_KINDS = {"argument": "Argumen", "option": "Opsi", "parameter": "Parameter"}

# English click message -> Indonesian, most specific first
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^Missing (argument|option|parameter) (.+?)\.?$"), "{kind} {1} belum diberikan."),
    (re.compile(r"^No such option:? (\S+?)\.?(?: Did you mean (.+?)\?)?$"), "Opsi {0} tidak dikenal."),
    (
        re.compile(r"^No such command (\S+?)\.?(?: \(?Did you mean (?:one of: )?(.+?)\?\)?)?$"),
        "Perintah {0} tidak dikenal.",
    ),
    (re.compile(r"^Got unexpected extra arguments? \((.+)\)$"), "Argumen berlebih: {0}."),
    (re.compile(r"^Option (\S+) requires an argument\.?$"), "Opsi {0} membutuhkan nilai."),
    (re.compile(r"^Option (\S+) does not take a value\.?$"), "Opsi {0} tidak menerima nilai."),
)
_DETAILS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:Path|File|Directory) (.+?) does not exist\.?"), "{0} tidak ada"),
    (re.compile(r"(?:File|Path) (.+?) is a directory\.?"), "{0} adalah folder, bukan berkas"),
    (re.compile(r"Directory (.+?) is a file\.?"), "{0} adalah berkas, bukan folder"),
    (re.compile(r"(.+?) is not one of (.+?)\.?$"), "{0} bukan salah satu dari {1}"),
    (re.compile(r"(.+?) is not a valid integer( range)?\.?$"), "{0} bukan bilangan bulat"),
    (re.compile(r"(.+?) is not in the range (.+?)\.?$"), "{0} di luar rentang {1}"),
)


def _click_words(message: str) -> str | None:
    for pattern, text in _PATTERNS:
        m = pattern.match(message)
        if m:
            groups = m.groups()
            kind = _KINDS.get(groups[0], "Nilai") if "{kind}" in text else ""
            out = text.format(*groups, kind=kind)
            if "Did you mean" in message and groups[-1]:
                out += f" Maksud Anda {groups[-1]}?"
            return out
    return None


def _indonesian(message: str) -> str:
    m = re.match(r"^Invalid value for (.+?): (.+)$", message, re.S)
    if m:
        where, detail = m.groups()
        for pattern, text in _DETAILS:
            d = pattern.match(detail)
            if d:
                return f"Nilai untuk {where} tidak sah: {text.format(*d.groups())}."
        return f"Nilai untuk {where} tidak sah."
    return "Perintah tidak ditulis dengan benar; lihat --help."


def bilingual_usage(message: str) -> str:
    """``message`` with its Indonesian beside it (unchanged when it has both already)."""
    words = _click_words(message)
    if words is not None:
        return f"{message} / {words}"
    if " / " in message:  # ours, in both languages already
        return message
    return f"{message} / {_indonesian(message)}"


class _BilingualUsageError(click.UsageError):
    def __init__(self, original: click.UsageError) -> None:
        super().__init__(bilingual_usage(original.format_message()), original.ctx)

    def show(self, file: IO[Any] | None = None) -> None:
        err = file is None
        if self.ctx is not None:
            option = self.ctx.help_option_names[0] if self.ctx.help_option_names else "--help"
            click.echo(self.ctx.get_usage(), file=file, err=err)
            click.echo(f"Bantuan / Help: {self.ctx.command_path} {option}\n", file=file, err=err)
        click.echo(f"Galat / Error: {terminal_text(self.format_message())}", file=file, err=err)


class BilingualGroup(click.Group):
    """A :class:`click.Group` whose usage errors, and those of its commands, are
    worded in Indonesian and English."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            raise _BilingualUsageError(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except _BilingualUsageError:
            raise
        except click.UsageError as exc:
            raise _BilingualUsageError(exc) from None
