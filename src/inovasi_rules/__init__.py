"""inovasi_rules: the rules of public-service innovation competitions, as data.

Load a ruleset, read an edition's data, evaluate, explain::

    from inovasi_rules import load_ruleset, read_edition, evaluate, explain

    ruleset = load_ruleset("kipp-sukoharjo-2023")
    edition = read_edition("examples/sukoharjo-2023")
    result = evaluate(ruleset, edition)
    print(explain(result, "SKH-001", lang="id"))
"""

from importlib.metadata import version as _version

from .edition import (
    Edition,
    Innovation,
    Judge,
    Participant,
    ReadLimits,
    Score,
    ScoreTable,
    Submission,
    Verdict,
    read_edition,
    write_edition,
)
from .errors import (
    EditionError,
    EvaluationError,
    InovasiRulesError,
    LimitError,
    PluginError,
    Problem,
    RulesetError,
)
from .evaluation import PreparedEvaluation, evaluate, prepare
from .hookspecs import hookimpl
from .plugins import (
    PluginAdjustment,
    PluginFinding,
    PluginGrant,
    StageScore,
    get_plugin_manager,
)
from .result import (
    AdjustmentApplied,
    AwardGrant,
    JudgeScore,
    Reason,
    Result,
    StageOutcome,
    SubmissionResult,
)
from .result.explain import explain
from .robustness import (
    RankConfidence,
    RobustnessReport,
    Sensitivity,
    StagePanel,
    aggregation_sensitivity,
    changes_within_noise,
    panel_diagnostics,
    rank_confidence,
    robustness_report,
)
from .ruleset.codec import dump_ruleset
from .ruleset.conditions import MISSING, Outcome, compile_condition, describe_condition
from .ruleset.describe import describe_ruleset
from .ruleset.loading import Registry, RulesetCheck, check_ruleset, load_ruleset, loads_ruleset
from .ruleset.model import Label, Ruleset
from .ruleset.parameters import ParameterType, check_parameters
from .ruleset.validation import ruleset_schema
from .yamlpos import YamlLimits

__version__ = _version("inovasi-rules")

__all__ = [
    "MISSING",
    "AdjustmentApplied",
    "AwardGrant",
    "Edition",
    "EditionError",
    "EvaluationError",
    "Innovation",
    "InovasiRulesError",
    "Judge",
    "JudgeScore",
    "Label",
    "LimitError",
    "Outcome",
    "ParameterType",
    "Participant",
    "PluginAdjustment",
    "PluginError",
    "PluginFinding",
    "PluginGrant",
    "PreparedEvaluation",
    "Problem",
    "RankConfidence",
    "ReadLimits",
    "Reason",
    "Registry",
    "Result",
    "RobustnessReport",
    "Ruleset",
    "RulesetCheck",
    "RulesetError",
    "Score",
    "ScoreTable",
    "Sensitivity",
    "StageOutcome",
    "StagePanel",
    "StageScore",
    "Submission",
    "SubmissionResult",
    "Verdict",
    "YamlLimits",
    "__version__",
    "aggregation_sensitivity",
    "changes_within_noise",
    "check_parameters",
    "check_ruleset",
    "compile_condition",
    "describe_condition",
    "describe_ruleset",
    "dump_ruleset",
    "evaluate",
    "explain",
    "get_plugin_manager",
    "hookimpl",
    "load_ruleset",
    "loads_ruleset",
    "panel_diagnostics",
    "prepare",
    "rank_confidence",
    "read_edition",
    "robustness_report",
    "ruleset_schema",
    "write_edition",
]
