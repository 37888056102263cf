"""Judges' scores in columns: moved to :mod:`inovasi_rules.edition.scoretable`.

This module keeps the old import path (``from inovasi_rules.scoretable import
ScoreTable``) working; new code imports from :mod:`inovasi_rules` or
:mod:`inovasi_rules.edition`.
"""

from __future__ import annotations

from .edition.scoretable import Codes, Score, ScoreTable

__all__ = ["Codes", "Score", "ScoreTable"]
