"""Bilingual texts of the robustness figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .. import Label


def L(id_text: str, en_text: str | None = None) -> Label:
    """A :class:`~inovasi_rules.Label`, imported when first needed: this package is
    imported by ``inovasi_rules/__init__.py`` itself."""
    from .. import Label

    return Label(id_text, en_text)
