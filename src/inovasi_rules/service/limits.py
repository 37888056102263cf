"""The limits and settings of one service instance.

Every limit is a value of :class:`Settings`, given to
:func:`inovasi_rules.service.create_app` (or as options of ``inovasi-rules serve``);
nothing is read from the environment or kept in a module-level variable.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import attrs

__all__ = ["Settings"]

MB = 1024 * 1024


def _positive(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
        raise ValueError(f"{attribute.name!r} must be > 0 (got {value!r})")


def _dirs(value: object) -> tuple[Path, ...]:
    if isinstance(value, (str, os.PathLike)):
        return (Path(value),)
    return tuple(Path(v) for v in value)  # type: ignore[attr-defined]


@attrs.frozen
class Settings:
    """What a service instance allows and where it finds rulesets.

    :param max_request_bytes: the largest request body accepted (all files and fields
        together); a larger one is refused with 413 before it is read.
    :param max_upload_bytes: the largest single uploaded file (or JSON edition).
    :param max_unpacked_bytes: the largest total an uploaded ``.xlsx`` workbook (a zip
        archive) may unpack to, so a small archive cannot unpack to gigabytes.
    :param max_rows: the most table rows (submissions, scores, judges, verdicts and
        outcomes together) one request may carry.
    :param timeout_seconds: the longest one request may compute; the worker doing it
        is stopped after that and the request gets 503.
    :param queue_seconds: how long a request may wait for a free worker before it gets
        503 with ``Retry-After``.
    :param workers: worker processes computing requests (each handles one at a time).
    :param token: when set, every request except ``/health`` must carry it, as
        ``Authorization: Bearer TOKEN`` or as the password of HTTP Basic
        authentication (what a browser asks for).
    :param ruleset_dirs: extra directories of rulesets, searched before the bundled
        ones for ruleset ids and ``extends``.
    :param load_plugins: load the plugins installed in this Python environment
        (their rulesets and hooks).
    """

    max_request_bytes: int = attrs.field(default=40 * MB, validator=_positive)
    max_upload_bytes: int = attrs.field(default=20 * MB, validator=_positive)
    max_unpacked_bytes: int = attrs.field(default=200 * MB, validator=_positive)
    max_rows: int = attrs.field(default=500_000, validator=_positive)
    timeout_seconds: float = attrs.field(default=60.0, validator=_positive)
    queue_seconds: float = attrs.field(default=120.0, validator=_positive)
    workers: int = attrs.field(default=2, validator=_positive)
    token: str | None = attrs.field(default=None, repr=False)
    ruleset_dirs: tuple[Path, ...] = attrs.field(default=(), converter=_dirs)
    load_plugins: bool = True
