"""Judges and ranks under uncertainty.

* :func:`panel_diagnostics`: per scored stage, each judge's severity, spread and
  agreement, the panel's reliability (Krippendorff's alpha) and the judge groups;
* :func:`rank_confidence`: judges resampled per entry, giving rank intervals, the
  probability of passing each cut-off and the zone where the panel cannot tell;
* :func:`aggregation_sensitivity`: the same edition under other aggregation rules and
  with the rubric weights moved within a range;
* :func:`changes_within_noise`: of the entries a rule change moves, those within
  judge noise;
* :func:`robustness_report`: all of it, as a :class:`RobustnessReport` (JSON, HTML, text);
* :func:`read_confidence` and :func:`chances_text`: one entry's chances, read from a
  published report, as the end of its story (``inovasi-rules explain --robustness``).
"""

from .chances import chances_text, read_confidence
from .panel import JudgeDiagnostics, JudgeGroup, StagePanel, krippendorff_alpha, panel_diagnostics
from .report import RobustnessReport, render_html, robustness_report, robustness_schema, summarize
from .resample import CutOff, EntryConfidence, RankConfidence, RankInterval, rank_confidence
from .sensitivity import AGGREGATIONS, CutChange, Sensitivity, Variant, aggregation_sensitivity
from .whatif import NoiseCheck, changes_within_noise, describe_noise

__all__ = [
    "AGGREGATIONS",
    "CutChange",
    "CutOff",
    "EntryConfidence",
    "JudgeDiagnostics",
    "JudgeGroup",
    "NoiseCheck",
    "RankConfidence",
    "RankInterval",
    "RobustnessReport",
    "Sensitivity",
    "StagePanel",
    "Variant",
    "aggregation_sensitivity",
    "chances_text",
    "changes_within_noise",
    "describe_noise",
    "krippendorff_alpha",
    "panel_diagnostics",
    "rank_confidence",
    "read_confidence",
    "render_html",
    "robustness_report",
    "robustness_schema",
    "summarize",
]
