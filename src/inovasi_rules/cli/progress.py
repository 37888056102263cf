"""Progress bars for the commands that can run for more than a few seconds.

A bar is drawn with tqdm on standard error, and only when standard error is a terminal:
in a pipe, a log file or CI the bar stays silent and the command prints its usual one
line per step instead (so logs keep a record, and nothing fills them with redraws).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import click
from tqdm import tqdm

__all__ = ["Progress"]


class Progress:
    """Steps of one command: a bar on a terminal, a line per step elsewhere.

    :param total: the number of steps, when known.
    :param what: what is counted (``"edisi / editions"``), shown beside the bar.
    :param quiet: neither bar nor lines (the commands' ``--quiet``).
    :param echo: where a line goes when there is no bar (standard error by default).
    """

    def __init__(
        self,
        total: int | None,
        what: str,
        *,
        quiet: bool = False,
        echo: Callable[[str], None] | None = None,
    ) -> None:
        self.quiet = quiet
        self._echo = echo or (lambda line: click.echo(line, err=True))
        # disable=None: tqdm turns itself off when its stream is not a terminal
        self._bar = tqdm(
            total=total,
            unit="",
            desc=what,
            file=sys.stderr,
            disable=True if quiet else None,
            leave=False,
            dynamic_ncols=True,
        )

    @property
    def drawing(self) -> bool:
        """True when a bar is on screen (a terminal, not quiet)."""
        return not self._bar.disable

    def step(self, message: str) -> None:
        """One step starts: the bar advances and shows ``message``, or ``message`` is
        printed as a line."""
        if self.quiet:
            return
        if self.drawing:
            self._bar.set_postfix_str(message, refresh=False)
            self._bar.update(1)
        else:
            self._echo(message)

    def close(self) -> None:
        """Remove the bar (the lines already printed stay)."""
        self._bar.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
