"""The result of an evaluation, and the ways to read it.

:mod:`.model`
    :class:`Result`: for every submission, every stage it reached, its status, scores,
    rank and the reasons for every decision; JSON.
:mod:`.tables`
    The result as tables: CSV and an Excel workbook, with formula-like text neutralised.
:mod:`.explain`
    One submission's story in words a participant understands.
"""

from __future__ import annotations

from .model import (
    STATUSES,
    AdjustmentApplied,
    AwardGrant,
    FunnelRow,
    JudgeScore,
    Reason,
    Result,
    StageOutcome,
    SubmissionResult,
    SubmissionResults,
)
from .tables import safe_text

__all__ = [
    "STATUSES",
    "AdjustmentApplied",
    "AwardGrant",
    "FunnelRow",
    "JudgeScore",
    "Reason",
    "Result",
    "StageOutcome",
    "SubmissionResult",
    "SubmissionResults",
    "safe_text",
]
