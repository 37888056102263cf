"""Plugins: every hook, firstresult semantics, a missing plugin, a faulty plugin, the
order of hooks, discovery through entry points, and no state shared between two
evaluations.

The plugins here are small classes passed in code; installed plugins (entry points)
are faked with a ``*.dist-info`` directory put on ``sys.path`` for one test. The real
example package is installed and run in ``test_plugin_example.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from inovasi_rules import (
    MISSING,
    Edition,
    Label,
    PluginAdjustment,
    PluginError,
    PluginFinding,
    PluginGrant,
    Registry,
    Result,
    Ruleset,
    RulesetError,
    StageScore,
    check_ruleset,
    codec,
    evaluate,
    explain,
    get_plugin_manager,
    hookimpl,
    load_ruleset,
    loads_ruleset,
)
from inovasi_rules.plugins import (
    AUTOLOAD_ENV,
    HOOK_NAMES,
    default_registry,
    describe_plugins,
    installed_plugins,
)
from inovasi_rules.ruleset.model import PluginRequirement

# --------------------------------------------------------------------------- fixtures

HEADER = """\
schema_version: 1
id: {id}
name: {{id: "Uji plugin", en: "Plugin test"}}
level: regency
"""

#: A screening stage, a rubric-scored stage (top 3), a plugin-scored stage (top 2) and
#: an award for the best two. ``plugins`` is added by each test.
BODY = """\
eligibility:
  - id: jenis
    when: {field: participant.kind, in: [perangkat_daerah, upt]}
    message: {id: "Peserta harus perangkat daerah atau UPT", en: "Entrant must be an agency or a UPT"}
rubrics:
  - id: r
    scale: {min: 0, max: 100}
    criteria: [{id: c, weight: 100}]
stages:
  - {id: administrasi, kind: screening}
  - id: penilaian
    kind: assessment
    rubric: r
    advance: {top: 3}
awards:
  - {id: juara, name: {id: "Juara", en: "Winner"}, stage: penilaian, rank: {top: 2}}
"""


def make_ruleset(body: str = BODY, *, plugins: str = "", id: str = "uji-plugin", **kw: Any) -> Ruleset:
    """A ruleset from an inline body; ``plugins`` is a YAML ``plugins:`` section."""
    text = HEADER.format(id=id) + textwrap.dedent(body) + textwrap.dedent(plugins)
    return loads_ruleset(text, file="uji-plugin.yaml", registry=Registry(bundled=False), **kw)


SCORES = {"A": 90, "B": 80, "C": 70, "D": 60}


def make_edition(scores: Mapping[str, int] = SCORES, *, kinds: Mapping[str, str] | None = None) -> Edition:
    """Submissions A..D (all ``upt`` unless ``kinds`` says otherwise), one judge, one
    criterion: the judge's score is the stage score."""
    kinds = kinds or {}
    subs = [
        {"id": sid, "participant.kind": kinds.get(sid, "upt"), "participant.agency": f"dinas-{sid.lower()}"}
        for sid in scores
    ]
    rows = [
        {"submission_id": sid, "stage": "penilaian", "judge_id": "J1", "criterion": "c", "score": v}
        for sid, v in scores.items()
    ]
    return Edition.from_records(id="edisi-uji", submissions=subs, scores=rows)


def run(rs: Ruleset, ed: Edition | None = None, *plugins: object) -> Result:
    """Evaluate with only the given plugins (installed ones are not loaded)."""
    return evaluate(rs, ed or make_edition(), plugins=list(plugins), load_entrypoints=False)


class Recorder:
    """A plugin that records its calls in a shared list."""

    def __init__(self, name: str, log: list[str]) -> None:
        self.name = name
        self.log = log


# --------------------------------------------------------------------------- hookspecs


def test_every_hookspec_is_documented_with_when_arguments_returns_and_firstresult() -> None:
    from inovasi_rules import hookspecs

    pm = get_plugin_manager(load_entrypoints=False)
    for name in HOOK_NAMES:
        doc = getattr(hookspecs, name).__doc__ or ""
        for part in ("**When:**", "**Arguments:**", "**Returns:**", "**firstresult:**"):
            assert part in doc, f"{name}: no {part}"
        first = getattr(pm.hook, name).spec.opts["firstresult"]
        assert ("**firstresult:** yes" in doc) is first, name
    assert {n for n in vars(hookspecs) if n.startswith("inovasi_rules_")} == set(HOOK_NAMES)


# --------------------------------------------------------------------------- rulesets hook


class Province:
    """Contributes a directory of rulesets, one of which extends a bundled ruleset."""

    name = "provinsi"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @hookimpl
    def inovasi_rules_rulesets(self) -> list[Path]:
        return [self.folder]


def _province_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "rulesets"
    folder.mkdir()
    (folder / "kipp-contoh-2024.yaml").write_text(
        HEADER.format(id="kipp-contoh-2024")
        + "extends: kipp-regional\nparameters: {winners: 3}\n",
        encoding="utf-8",
    )
    # a contributed ruleset cannot replace a bundled one
    (folder / "clash.yaml").write_text(HEADER.format(id="kipp-regional"), encoding="utf-8")
    return folder


def test_rulesets_hook_contributes_rulesets_that_extend_bundled_ones(tmp_path: Path) -> None:
    plugin = Province(_province_folder(tmp_path))
    reg = default_registry(get_plugin_manager([plugin], load_entrypoints=False))
    entry = next(e for e in reg.entries() if e.id == "kipp-contoh-2024")
    assert entry.origin == "plugin:provinsi"
    assert entry.extends == "kipp-regional"
    # the bundled ruleset wins a clash of ids, and the clash is reported
    assert next(e for e in reg.entries() if e.id == "kipp-regional").origin == "bundled"
    assert any("kipp-regional" in p.message and "clash.yaml" in (p.file or "") for p in reg.problems)
    # load_ruleset finds the contributed ruleset by id when the plugin is passed in code
    rs = load_ruleset("kipp-contoh-2024", plugins=[plugin])
    assert rs.extends == "kipp-regional"
    assert rs.parameters["winners"] == 3
    assert rs.stage("presentasi").combine  # inherited from the bundled parent
    with pytest.raises(RulesetError, match="kipp-contoh-2024"):
        load_ruleset("kipp-contoh-2024", registry=Registry())


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("/not/there", "returned str from hook inovasi_rules_rulesets"),
        ([Path("/definitely/not/there")], "contributed a path that does not exist"),
        ([42], "returned list"),
    ],
)
def test_rulesets_hook_returning_a_wrong_value_names_the_plugin(value: Any, message: str) -> None:
    class Bad:
        name = "buruk"

        @hookimpl
        def inovasi_rules_rulesets(self) -> Any:
            return value

    with pytest.raises(PluginError, match=message) as info:
        default_registry(get_plugin_manager([Bad()], load_entrypoints=False))
    assert info.value.plugin == "buruk"
    assert info.value.hook == "inovasi_rules_rulesets"
    assert "'buruk'" in str(info.value)


# --------------------------------------------------------------------------- condition functions

REGISTER_BODY = BODY.replace(
    "eligibility:\n",
    "eligibility:\n"
    "  - id: register\n"
    "    when: {call: in_register, args: {register: opd-2024}}\n"
    "    message: {id: \"Instansi harus terdaftar\", en: \"The agency must be registered\"}\n",
)


class AgencyRegister:
    """``in_register(register=...)``: looks the agency up in a host's register."""

    name = "register"

    def __init__(self, registered: set[str]) -> None:
        self.registered = registered
        self.calls: list[tuple[str, str]] = []

    @hookimpl
    def inovasi_rules_condition_functions(self) -> dict[str, Any]:
        def in_register(submission: Any, register: str) -> Any:
            agency = submission.get("participant.agency")
            self.calls.append((submission.id, register))
            if agency is MISSING:
                return MISSING
            return agency in self.registered

        return {"in_register": in_register}


def test_condition_function_decides_eligibility_and_the_reason_names_the_plugin() -> None:
    plugin = AgencyRegister({"dinas-a", "dinas-b", "dinas-c"})
    res = run(make_ruleset(REGISTER_BODY), make_edition(), plugin)
    d = res.submission("D").stage("administrasi")
    assert d is not None
    assert d.status == "ineligible"
    (reason,) = [r for r in d.reasons if r.rule == "register"]
    assert reason.passed is False
    assert reason.plugin == "register"
    assert reason.detail is not None
    assert reason.detail.id == "in_register() = False"
    a = res.submission("A").stage("administrasi")
    assert a is not None
    assert a.status == "advanced"
    assert [r.plugin for r in a.reasons if r.rule == "register"] == ["register"]
    # the rule that does not call the function is not attributed to the plugin
    assert [r.plugin for r in a.reasons if r.rule == "jenis"] == [None]
    assert ("A", "opd-2024") in plugin.calls
    assert "[oleh plugin register]" in explain(res, "D", "id")
    assert "[by plugin register]" in explain(res, "D", "en")


def test_condition_function_missing_data_is_reported_not_false() -> None:
    ed = Edition.from_records(id="e", submissions=[{"id": "X", "participant.kind": "upt"}])
    res = run(make_ruleset(REGISTER_BODY), ed, AgencyRegister(set()))
    st = res.submission("X").stage("administrasi")
    assert st is not None
    assert st.status == "ineligible"
    (reason,) = [r for r in st.reasons if r.rule == "register"]
    assert reason.passed is None
    assert reason.plugin == "register"


def test_condition_function_that_raises_names_plugin_and_function() -> None:
    class Broken:
        name = "rusak"

        @hookimpl
        def inovasi_rules_condition_functions(self) -> dict[str, Any]:
            def in_register(submission: Any, register: str) -> bool:
                raise ConnectionError("register server unreachable")

            return {"in_register": in_register}

    with pytest.raises(PluginError, match="condition function 'in_register'") as info:
        run(make_ruleset(REGISTER_BODY), make_edition(), Broken())
    assert info.value.plugin == "rusak"
    assert info.value.hook == "inovasi_rules_condition_functions"
    assert "ConnectionError: register server unreachable" in str(info.value)
    assert isinstance(info.value.__cause__, ConnectionError)


def test_two_plugins_contributing_one_function_name_is_an_error() -> None:
    with pytest.raises(PluginError, match="contributed by two plugins") as info:
        run(make_ruleset(REGISTER_BODY), make_edition(), AgencyRegister(set()), _renamed(AgencyRegister(set()), "register-2"))
    assert "'register'" in str(info.value)
    assert "'register-2'" in str(info.value)


def test_condition_functions_hook_must_return_a_mapping_of_functions() -> None:
    class Bad:
        name = "buruk"

        @hookimpl
        def inovasi_rules_condition_functions(self) -> Any:
            return {"in_register": "not a function"}

    with pytest.raises(PluginError, match="expected a dict of name -> function") as info:
        run(make_ruleset(REGISTER_BODY), make_edition(), Bad())
    assert (info.value.plugin, info.value.hook) == ("buruk", "inovasi_rules_condition_functions")


def test_unknown_function_in_a_condition_names_the_known_ones() -> None:
    with pytest.raises(Exception, match="unknown function 'in_register'"):
        run(make_ruleset(REGISTER_BODY), make_edition())


def _renamed(plugin: Any, name: str) -> Any:
    plugin.name = name
    return plugin


# --------------------------------------------------------------------------- eligibility hook


class Blacklist:
    """Rejects the listed submissions; records the order it is called in."""

    name = "daftar-hitam"

    def __init__(self, rejected: set[str], log: list[str] | None = None) -> None:
        self.rejected = rejected
        self.log = log if log is not None else []

    @hookimpl
    def inovasi_rules_eligibility(self, stage: Any, submission: Any) -> list[PluginFinding]:
        self.log.append(f"{stage.id}:{submission.id}")
        bad = submission.id in self.rejected
        return [
            PluginFinding(
                "sanksi",
                not bad,
                {"id": "Instansi sedang dikenai sanksi", "en": "The agency is under sanction"},
                Label(f"daftar sanksi: {'ada' if bad else 'tidak ada'}", f"sanction list: {'listed' if bad else 'not listed'}"),
            )
        ]


def test_eligibility_hook_adds_findings_after_the_ruleset_rules() -> None:
    plugin = Blacklist({"B"})
    res = run(make_ruleset(), make_edition(kinds={"C": "bumd"}), plugin)
    b = res.submission("B").stage("administrasi")
    assert b is not None
    assert b.status == "ineligible"
    assert [(r.rule, r.passed, r.plugin) for r in b.reasons] == [
        ("jenis", True, None),
        ("sanksi", False, "daftar-hitam"),
    ]
    # called for every submission, also one that already failed a ruleset rule
    c = res.submission("C").stage("administrasi")
    assert c is not None
    assert [(r.rule, r.passed) for r in c.reasons] == [("jenis", False), ("sanksi", True)]
    assert plugin.log == ["administrasi:A", "administrasi:B", "administrasi:C", "administrasi:D"]
    assert res.passed("administrasi") == ["A", "D"]
    text = explain(res, "B", "en")
    assert "✗ sanksi: The agency is under sanction — sanction list: listed [by plugin daftar-hitam]" in text


def test_eligibility_findings_come_before_the_caps() -> None:
    body = BODY.replace(
        "eligibility:\n",
        "eligibility:\n"
        "  - id: satu-per-instansi\n"
        "    cap: {per: participant.agency, max: 1, keep: listed_order}\n"
        "    message: {id: \"Satu usulan per instansi\", en: \"One entry per agency\"}\n",
    )
    subs = [
        {"id": sid, "participant.kind": "upt", "participant.agency": "dinkes"} for sid in ("A", "B")
    ]
    ed = Edition.from_records(id="e", submissions=subs)
    res = run(make_ruleset(body), ed, Blacklist({"A"}))
    # A is rejected by the plugin, so B (second in the list) takes the agency's place
    assert res.passed("administrasi") == ["B"]
    a = res.submission("A").stage("administrasi")
    assert a is not None
    assert "satu-per-instansi" not in [r.rule for r in a.reasons]


def test_eligibility_hook_returning_a_single_finding_is_a_wrong_type() -> None:
    class Bad:
        name = "buruk"

        @hookimpl
        def inovasi_rules_eligibility(self) -> Any:
            return PluginFinding("x", True, "ok")  # not a list

    with pytest.raises(PluginError, match="returned PluginFinding from hook inovasi_rules_eligibility") as info:
        run(make_ruleset(), make_edition(), Bad())
    assert "expected a list of PluginFinding" in str(info.value)
    assert (info.value.plugin, info.value.hook) == ("buruk", "inovasi_rules_eligibility")


# --------------------------------------------------------------------------- stage score hook

FORMULA_BODY = BODY.replace(
    "    advance: {top: 3}\n",
    "    advance: {top: 3}\n"
    "  - id: formula\n"
    "    kind: assessment\n"
    "    scoring: plugin\n"
    "    advance: {top: 2}\n",
).replace("stage: penilaian, rank", "stage: formula, rank")


class Formula:
    """Scores the ``formula`` stage: a local regulation's formula over a field."""

    def __init__(self, name: str, log: list[str], values: Mapping[str, Any] | None = None) -> None:
        self.name = name
        self.log = log
        self.values = values

    @hookimpl
    def inovasi_rules_stage_score(self, stage: Any, submission: Any, scores: Any) -> Any:
        self.log.append(f"{self.name}:{submission.id}")
        if self.values is None:
            return None
        v = self.values.get(submission.id)
        if v is None:
            return None
        return StageScore(Decimal(v), Label(f"rumus lokal: {v}", f"local formula: {v}"), {"dampak": Decimal(v)})


def test_stage_score_replaces_rubric_scoring_for_the_stage_that_asks() -> None:
    log: list[str] = []
    res = run(make_ruleset(FORMULA_BODY), make_edition(), Formula("rumus", log, {"A": 10, "B": "30.456", "C": 20}))
    assert log == ["rumus:A", "rumus:B", "rumus:C"]  # only the entries that reached the stage
    b = res.submission("B").stage("formula")
    assert b is not None
    assert b.score == Decimal("30.46")
    assert b.rank == 1
    assert b.criteria == {"dampak": Decimal("30.456")}
    (reason,) = [r for r in b.reasons if r.rule == "stage-score"]
    assert reason.plugin == "rumus"
    assert reason.detail == Label("rumus lokal: 30.456", "local formula: 30.456")
    assert res.passed("formula") == ["B", "C"]
    assert res.winners("juara") == ["B", "C"]
    # the rubric-scored stage is untouched
    a = res.submission("A").stage("penilaian")
    assert a is not None
    assert a.score == Decimal(90)


def test_stage_score_first_result_wins_and_the_rest_are_not_called() -> None:
    log: list[str] = []
    first = Formula("pertama", log, {"A": 1, "B": 2})  # no answer for C
    second = Formula("kedua", log, {"A": 50, "B": 50, "C": 50})
    # plugins passed in code: the last one passed is called first (pluggy's order)
    res = run(make_ruleset(FORMULA_BODY), make_edition(), second, first)
    assert log == ["pertama:A", "pertama:B", "pertama:C", "kedua:C"]
    plugin_of = {
        sid: next(r.plugin for r in res.submission(sid).stage("formula").reasons if r.rule == "stage-score")  # type: ignore[union-attr]
        for sid in "ABC"
    }
    assert plugin_of == {"A": "pertama", "B": "pertama", "C": "kedua"}


def test_stage_score_tryfirst_beats_registration_order() -> None:
    log: list[str] = []

    class Eager(Formula):
        @hookimpl(tryfirst=True)
        def inovasi_rules_stage_score(self, stage: Any, submission: Any, scores: Any) -> Any:
            return super().inovasi_rules_stage_score(stage, submission, scores)

    res = run(
        make_ruleset(FORMULA_BODY), make_edition(),
        Eager("awal", log, {"A": 5, "B": 5, "C": 5}), Formula("biasa", log, {"A": 9, "B": 9, "C": 9}),
    )
    assert log == ["awal:A", "awal:B", "awal:C"]
    assert res.submission("A").stage("formula").score == Decimal(5)  # type: ignore[union-attr]


def test_stage_score_without_any_answer_is_an_error() -> None:
    with pytest.raises(PluginError, match="scoring: plugin") as info:
        run(make_ruleset(FORMULA_BODY), make_edition(), Formula("diam", [], None))
    assert info.value.hook == "inovasi_rules_stage_score"


@pytest.mark.parametrize("bad", [1.5, True, Decimal("NaN"), "12", [Decimal(1)]])
def test_stage_score_of_the_wrong_type_is_refused(bad: Any) -> None:
    class Bad:
        name = "buruk"

        @hookimpl
        def inovasi_rules_stage_score(self) -> Any:
            return bad

    with pytest.raises(PluginError, match="expected a StageScore or a finite Decimal") as info:
        run(make_ruleset(FORMULA_BODY), make_edition(), Bad())
    assert (info.value.plugin, info.value.hook) == ("buruk", "inovasi_rules_stage_score")


def test_stage_score_a_float_inside_stage_score_is_reported_as_the_plugins_failure() -> None:
    class Floaty:
        name = "pecahan"

        @hookimpl
        def inovasi_rules_stage_score(self) -> Any:
            return StageScore(0.1)  # type: ignore[arg-type]

    with pytest.raises(PluginError, match="plugin 'pecahan' failed in hook inovasi_rules_stage_score: TypeError"):
        run(make_ruleset(FORMULA_BODY), make_edition(), Floaty())


# --------------------------------------------------------------------------- adjustments hook


class Bonus:
    """Adds ``amount`` at the ``penilaian`` stage to the listed submissions."""

    def __init__(self, name: str, amount: str, who: set[str]) -> None:
        self.name = name
        self.amount = amount
        self.who = who
        self.seen: dict[str, Decimal] = {}

    @hookimpl
    def inovasi_rules_adjustments(self, stage: Any, submission: Any, score: Decimal) -> Any:
        self.seen[submission.id] = score
        if submission.id not in self.who:
            return None
        return [PluginAdjustment(f"{self.name}-bonus", self.amount, {"id": "Bonus daerah", "en": "Regional bonus"})]


def test_adjustments_hook_adds_bonuses_with_reasons() -> None:
    plugin = Bonus("daerah", "25", {"D"})
    res = run(make_ruleset(), make_edition(), plugin)
    d = res.submission("D").stage("penilaian")
    assert d is not None
    assert d.base_score == Decimal(60)
    assert d.score == Decimal(85)
    assert d.rank == 2
    (adj,) = d.adjustments
    assert (adj.id, adj.amount, adj.plugin) == ("daerah-bonus", Decimal(25), "daerah")
    (reason,) = [r for r in d.reasons if r.kind == "adjustment"]
    assert reason.plugin == "daerah"
    assert reason.message.text("en") == "Regional bonus (+25)"
    assert plugin.seen == {"A": 90, "B": 80, "C": 70, "D": 60}  # the score before adjustments
    assert res.passed("penilaian") == ["A", "D", "B"]  # in rank order
    assert "Bonus daerah (+25) [oleh plugin daerah]" in explain(res, "D", "id")


def test_adjustments_of_every_plugin_add_up_and_count_towards_the_cap() -> None:
    body = BODY.replace("    advance: {top: 3}\n", "    adjustment_cap: 10\n    advance: {top: 3}\n")
    res = run(make_ruleset(body), make_edition(), Bonus("satu", "6", {"D"}), Bonus("dua", "7", {"D"}))
    d = res.submission("D").stage("penilaian")
    assert d is not None
    assert [(a.plugin, a.amount) for a in d.adjustments] == [("dua", 7), ("satu", 6)]  # call order
    assert d.score == Decimal(70)  # 60 + min(13, cap 10)
    assert any(r.rule == "adjustment_cap" for r in d.reasons)


def test_adjustment_with_a_float_amount_is_the_plugins_failure() -> None:
    class Floaty:
        name = "pecahan"

        @hookimpl
        def inovasi_rules_adjustments(self) -> Any:
            return [PluginAdjustment("x", 0.5, "x")]  # type: ignore[arg-type]

    with pytest.raises(PluginError, match="failed in hook inovasi_rules_adjustments: TypeError: expected a Decimal, got float"):
        run(make_ruleset(), make_edition(), Floaty())


# --------------------------------------------------------------------------- select hook


class Chooser:
    def __init__(self, name: str, log: list[str], picks: Mapping[str, Any]) -> None:
        self.name = name
        self.log = log
        self.picks = picks

    @hookimpl
    def inovasi_rules_select(self, stage: Any, ranked: Any) -> Any:
        self.log.append(f"{self.name}:{stage.id}:{','.join(e.id for e in ranked)}")
        return self.picks.get(stage.id)


def test_select_hook_replaces_the_advance_rule() -> None:
    log: list[str] = []
    res = run(make_ruleset(), make_edition(), Chooser("pilih", log, {"penilaian": ["D", "A"]}))
    assert log == ["pilih:penilaian:A,B,C,D"]  # best first
    assert res.passed("penilaian") == ["A", "D"]
    b = res.submission("B").stage("penilaian")
    assert b is not None
    assert b.status == "not_advanced"
    (reason,) = [r for r in b.reasons if r.rule == "advance"]
    assert reason.plugin == "pilih"
    assert reason.message.text("en") == "not chosen by plugin pilih"
    # awards still follow the ranking among those who advanced
    assert res.winners("juara") == ["A", "D"]


def test_select_first_result_wins() -> None:
    log: list[str] = []
    undecided = Chooser("ragu", log, {})
    decided = Chooser("tegas", log, {"penilaian": ("B",)})
    never = Chooser("tidak-dipanggil", log, {"penilaian": ["A"]})
    res = run(make_ruleset(), make_edition(), never, decided, undecided)
    assert log == ["ragu:penilaian:A,B,C,D", "tegas:penilaian:A,B,C,D"]
    assert res.passed("penilaian") == ["B"]


def test_select_empty_list_means_nobody_advances_and_none_keeps_the_ruleset() -> None:
    res = run(make_ruleset(), make_edition(), Chooser("kosong", [], {"penilaian": []}))
    assert res.passed("penilaian") == []
    res = run(make_ruleset(), make_edition(), Chooser("diam", [], {}))
    assert res.passed("penilaian") == ["A", "B", "C"]
    st = res.submission("A").stage("penilaian")
    assert st is not None
    assert [r.plugin for r in st.reasons if r.rule == "advance"] == [None]


@pytest.mark.parametrize(
    ("picks", "message"),
    [(["A", "Z"], "selected submissions not competing at stage penilaian"), ("A", "returned str"), ([1], "returned list")],
)
def test_select_with_unknown_ids_or_wrong_type_is_an_error(picks: Any, message: str) -> None:
    with pytest.raises(PluginError, match=message) as info:
        run(make_ruleset(), make_edition(), Chooser("pilih", [], {"penilaian": picks}))
    assert (info.value.plugin, info.value.hook) == ("pilih", "inovasi_rules_select")


# --------------------------------------------------------------------------- awards hook


class Fund:
    """Attaches ``amount`` to every ``juara`` award; optionally grants a new award."""

    def __init__(self, name: str, amount: int, extra: str | None = None, log: list[str] | None = None) -> None:
        self.name = name
        self.amount = amount
        self.extra = extra
        self.log = log if log is not None else []

    @hookimpl
    def inovasi_rules_awards(self, result: Result) -> list[PluginGrant]:
        self.log.append(self.name)
        grants = [
            PluginGrant(sid, "juara", amount=self.amount, note={"id": f"dana {self.name}", "en": f"fund {self.name}"})
            for sid in result.winners("juara")
        ]
        if self.extra:
            grants.append(PluginGrant(self.extra, "favorit", name={"id": "Inovasi Favorit", "en": "Favourite"}))
        return grants


def test_awards_hook_attaches_amounts_and_grants_new_awards() -> None:
    res = run(make_ruleset(), make_edition(), Fund("did", 150_000_000, extra="C"))
    (a,) = res.submission("A").awards
    assert (a.award, a.rank, a.amount, a.plugin) == ("juara", 1, Decimal(150_000_000), "did")
    assert a.note == Label("dana did", "fund did")
    (fav,) = res.submission("C").awards
    assert (fav.award, fav.name.text("en"), fav.plugin, fav.amount) == ("favorit", "Favourite", "did", None)
    assert ("favorit", Label("Inovasi Favorit", "Favourite")) in res.awards
    assert res.winners("favorit") == ["C"]
    text = explain(res, "A", "en")
    assert "★ Winner (juara), rank 1: 150,000,000 — fund did [by plugin did]" in text
    assert '"amount": "150000000"' in res.to_json()
    assert '"plugin": "did"' in res.to_json()


def test_awards_hook_order_trylast_plugin_sets_the_amount_kept() -> None:
    log: list[str] = []

    class Final(Fund):
        @hookimpl(trylast=True)
        def inovasi_rules_awards(self, result: Result) -> list[PluginGrant]:
            return super().inovasi_rules_awards(result)

    # registered first or last, the trylast plugin is called last and its amount is kept
    for order in ((Final("akhir", 2, log=log), Fund("biasa", 1, log=log)), (Fund("biasa", 1, log=log), Final("akhir", 2, log=log))):
        log.clear()
        res = run(make_ruleset(), make_edition(), *order)
        assert log == ["biasa", "akhir"]
        (a,) = res.submission("A").awards
        assert a.amount == 2
        assert a.plugin == "biasa, akhir"
        assert a.note == Label("dana akhir", "fund akhir")


def test_awards_for_an_unknown_submission_is_an_error() -> None:
    with pytest.raises(PluginError, match="unknown submission 'ZZZ'") as info:
        run(make_ruleset(), make_edition(), Fund("did", 1, extra="ZZZ"))
    assert (info.value.plugin, info.value.hook) == ("did", "inovasi_rules_awards")


# --------------------------------------------------------------------------- result hook


class Store:
    name = "arsip"

    def __init__(self) -> None:
        self.stored: list[Result] = []

    @hookimpl
    def inovasi_rules_result(self, ruleset: Ruleset, result: Result) -> str:
        self.stored.append(result)
        return "ignored"


def test_result_hook_sees_the_final_result_with_plugin_awards() -> None:
    store = Store()
    res = run(make_ruleset(), make_edition(), store, Fund("did", 7))
    (seen,) = store.stored
    assert seen is res
    assert seen.submission("A").awards[0].amount == 7


def test_result_hook_that_raises_stops_the_evaluation_naming_the_plugin() -> None:
    class Failing:
        name = "notifikasi"

        @hookimpl
        def inovasi_rules_result(self) -> None:
            raise OSError("mail server down")

    with pytest.raises(PluginError, match="plugin 'notifikasi' failed in hook inovasi_rules_result: OSError: mail server down"):
        run(make_ruleset(), make_edition(), Failing())


# --------------------------------------------------------------------------- the order of all hooks


def test_hooks_are_called_in_the_documented_order() -> None:
    log: list[str] = []

    class Everything:
        name = "semua"

        @hookimpl
        def inovasi_rules_condition_functions(self) -> dict[str, Any]:
            log.append("condition_functions")
            return {"in_register": lambda submission, register: True}

        @hookimpl
        def inovasi_rules_eligibility(self, submission: Any) -> None:
            log.append("eligibility")

        @hookimpl
        def inovasi_rules_stage_score(self, submission: Any) -> Decimal:
            log.append("stage_score")
            return Decimal(1)

        @hookimpl
        def inovasi_rules_adjustments(self, stage: Any) -> None:
            log.append(f"adjustments:{stage.id}")

        @hookimpl
        def inovasi_rules_select(self, stage: Any) -> None:
            log.append(f"select:{stage.id}")

        @hookimpl
        def inovasi_rules_awards(self) -> None:
            log.append("awards")

        @hookimpl
        def inovasi_rules_result(self) -> None:
            log.append("result")

    body = FORMULA_BODY.replace(
        "eligibility:\n",
        "eligibility:\n"
        "  - id: register\n"
        "    when: {call: in_register, args: {register: x}}\n"
        "    message: registered\n",
    )
    run(make_ruleset(body), make_edition({"A": 90}), Everything())
    assert log == [
        "condition_functions", "eligibility",
        "adjustments:penilaian", "select:penilaian",
        "stage_score", "adjustments:formula", "select:formula",
        "awards", "result",
    ]
    # HOOK_NAMES (the order the docs show) is the order of the calls at a plugin-scored stage
    at_formula = [h.split(":")[0] for h in log if not h.endswith(":penilaian")]
    assert at_formula == [h.removeprefix("inovasi_rules_") for h in HOOK_NAMES[1:]]


# --------------------------------------------------------------------------- missing plugin


NEEDS = """\
plugins:
  - dana-insentif
  - {name: sinovik-sync, package: sinovik-inovasi-plugin}
"""


def test_missing_plugins_are_located_errors_naming_the_package() -> None:
    text = HEADER.format(id="butuh") + BODY + NEEDS
    with pytest.raises(RulesetError) as info:
        loads_ruleset(text, file="butuh.yaml", registry=Registry(bundled=False))
    problems = [p for p in info.value.problems if p.rule == "missing-plugin"]
    assert [(p.file, p.line, p.column) for p in problems] == [("butuh.yaml", 22, 5), ("butuh.yaml", 23, 5)]
    plain, packaged = problems
    assert "needs the plugin 'dana-insentif', which is not installed" in plain.message
    assert "membutuhkan plugin 'dana-insentif'" in plain.message
    assert plain.hint is not None
    assert "entry point 'dana-insentif'" in plain.hint
    assert "(package sinovik-inovasi-plugin)" in packaged.message
    assert packaged.hint is not None
    assert packaged.hint.startswith("pip install sinovik-inovasi-plugin")


def test_plugins_passed_in_code_satisfy_the_ruleset(tmp_path: Path) -> None:
    class Did:
        name = "dana-insentif"

    class Sync:
        name = "sinovik-sync"

    path = tmp_path / "butuh.yaml"
    path.write_text(HEADER.format(id="butuh") + BODY + NEEDS, encoding="utf-8")
    rs = load_ruleset(path, registry=Registry(bundled=False), plugins=[Did(), Sync()])
    assert rs.plugins == (PluginRequirement("dana-insentif"), PluginRequirement("sinovik-sync", "sinovik-inovasi-plugin"))
    assert rs.needs_plugin("sinovik-sync")
    assert not rs.needs_plugin("other")
    assert run(rs, make_edition(), Did(), Sync()).winners("juara") == ["A", "B"]
    # evaluated without one of them: the error points at the ruleset's line
    with pytest.raises(PluginError) as info:
        run(rs, make_edition(), Did())
    assert info.value.plugin == "sinovik-sync"
    assert f"{path}:23:5: error: ruleset butuh membutuhkan plugin 'sinovik-sync'" in str(info.value)
    assert "pip install sinovik-inovasi-plugin" in str(info.value)
    check = check_ruleset(path, registry=Registry(bundled=False), plugins=[Did()])
    assert [p.rule for p in check.errors] == ["missing-plugin"]


def test_inherited_requirement_points_at_the_parent_and_forms_merge_by_name(tmp_path: Path) -> None:
    (tmp_path / "induk.yaml").write_text(
        HEADER.format(id="induk") + BODY + "plugins: [dana-insentif, arsip]\n", encoding="utf-8"
    )
    (tmp_path / "anak.yaml").write_text(
        HEADER.format(id="anak") + "extends: induk\n"
        "plugins:\n  - {name: dana-insentif, package: inovasi-rules-dana-insentif}\n  - lokal\n",
        encoding="utf-8",
    )
    check = check_ruleset(tmp_path / "anak.yaml", registry=Registry([tmp_path], bundled=False))
    missing = sorted((p.message.split("'")[1], Path(p.file or "").name, p.line) for p in check.errors)
    assert missing == [("arsip", "induk.yaml", 21), ("dana-insentif", "anak.yaml", 7), ("lokal", "anak.yaml", 8)]
    rs = load_ruleset(
        tmp_path / "anak.yaml", registry=Registry([tmp_path], bundled=False),
        plugins=[_named("dana-insentif"), _named("arsip"), _named("lokal")],
    )
    assert [str(p) for p in rs.plugins] == ["dana-insentif (inovasi-rules-dana-insentif)", "arsip", "lokal"]


def test_plugin_requirements_round_trip_in_both_forms() -> None:
    rs = loads_ruleset(
        HEADER.format(id="rt") + BODY + NEEDS, registry=Registry(bundled=False),
        plugins=[_named("dana-insentif"), _named("sinovik-sync")],
    )
    data = codec.unstructure(rs)
    assert data["plugins"] == ["dana-insentif", {"name": "sinovik-sync", "package": "sinovik-inovasi-plugin"}]
    assert codec.structure(data) == rs


def test_schema_rejects_a_plugin_entry_without_a_name() -> None:
    with pytest.raises(RulesetError) as info:
        make_ruleset(plugins="plugins:\n  - {package: x}\n")
    assert any(p.path.startswith("plugins") for p in info.value.problems)


def _named(name: str) -> Any:
    return type("P", (), {"name": name})()


# --------------------------------------------------------------------------- faulty plugins


def test_a_plugin_that_raises_is_reported_with_its_name_and_the_hook() -> None:
    class Crash:
        name = "mogok"

        @hookimpl
        def inovasi_rules_adjustments(self) -> Any:
            return {}["missing"]

    with pytest.raises(PluginError) as info:
        run(make_ruleset(), make_edition(), Crash())
    err = info.value
    assert (err.plugin, err.hook) == ("mogok", "inovasi_rules_adjustments")
    assert str(err) == (
        "plugin 'mogok' gagal di hook inovasi_rules_adjustments / plugin 'mogok' failed in hook "
        "inovasi_rules_adjustments: KeyError: 'missing'"
    )
    assert isinstance(err.__cause__, KeyError)


def test_misspelled_hook_unknown_argument_unmarked_and_wrapper_are_refused() -> None:
    class Typo:
        name = "salah-ketik"

        @hookimpl
        def inovasi_rules_award(self) -> None: ...

    class BadArg:
        name = "argumen"

        @hookimpl
        def inovasi_rules_awards(self, winners: Any) -> None: ...

    class Unmarked:
        name = "lupa"

        def inovasi_rules_awards(self) -> None: ...

    class Wrapper:
        name = "pembungkus"

        @hookimpl(wrapper=True)
        def inovasi_rules_awards(self) -> Iterator[None]:
            return (yield)

    cases = [
        (Typo(), "salah-ketik", "inovasi_rules_award"),
        (BadArg(), "argumen", "winners"),
        (Unmarked(), "lupa", "not marked with @hookimpl"),
        (Wrapper(), "pembungkus", "hook wrapper"),
    ]
    for plugin, name, message in cases:
        with pytest.raises(PluginError, match=message) as info:
            get_plugin_manager([plugin], load_entrypoints=False)
        assert info.value.plugin == name


def test_two_plugins_with_one_name_is_an_error() -> None:
    with pytest.raises(PluginError, match="two plugins are named 'twin'"):
        get_plugin_manager([_named("twin"), _named("twin")], load_entrypoints=False)


def test_a_module_plugin_is_named_after_its_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "modul_bonus.py").write_text(
        "from inovasi_rules import hookimpl, PluginAdjustment\n"
        "@hookimpl\n"
        "def inovasi_rules_adjustments(submission):\n"
        "    return [PluginAdjustment('m', 1, 'modul')] if submission.id == 'A' else None\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    import modul_bonus  # type: ignore[import-not-found]

    res = run(make_ruleset(), make_edition(), modul_bonus)
    a = res.submission("A").stage("penilaian")
    assert a is not None
    assert [x.plugin for x in a.adjustments] == ["modul_bonus"]


# --------------------------------------------------------------------------- no state shared


def test_each_evaluation_has_its_own_plugin_manager() -> None:
    rs, ed = make_ruleset(), make_edition()
    baseline = run(rs, ed)
    up = Bonus("naik", "50", {"D"})
    down = Bonus("turun", "-50", {"A"})
    first = run(rs, ed, up)
    second = run(rs, ed, down)
    third = run(rs, ed)
    assert first.passed("penilaian") == ["D", "A", "B"]
    assert second.passed("penilaian") == ["B", "C", "D"]
    assert third == baseline
    for res, foreign in ((first, "turun"), (second, "naik"), (third, "naik")):
        plugins_seen = {
            a.plugin for s in res.submissions for st in s.stages for a in st.adjustments
        }
        assert foreign not in plugins_seen
    # the first plugin saw only the first evaluation
    assert set(up.seen) == {"A", "B", "C", "D"}
    assert up.seen["D"] == 60
    assert get_plugin_manager([up], load_entrypoints=False) is not get_plugin_manager([up], load_entrypoints=False)


def test_the_same_plugin_object_in_two_evaluations_is_called_once_per_evaluation() -> None:
    log: list[str] = []
    fund = Fund("did", 1, log=log)
    run(make_ruleset(), make_edition(), fund, fund)  # passed twice: registered once
    run(make_ruleset(), make_edition(), fund)
    assert log == ["did", "did"]


# --------------------------------------------------------------------------- entry points


@pytest.fixture
def fake_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A package ``uji-lokal 2.1`` with two entry points: ``uji-lokal`` (a working
    plugin module) and ``rusak`` (a module that fails to import)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "uji_lokal_plugin.py").write_text(
        textwrap.dedent(
            """\
            from inovasi_rules import PluginAdjustment, hookimpl

            @hookimpl
            def inovasi_rules_adjustments(ruleset, submission):
                if ruleset.needs_plugin("uji-lokal") and submission.id == "D":
                    return [PluginAdjustment("lokal", 100, "bonus lokal")]
                return None

            @hookimpl
            def inovasi_rules_result(result):
                return None
            """
        ),
        encoding="utf-8",
    )
    dist = site / "uji_lokal-2.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: uji-lokal\nVersion: 2.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[inovasi_rules]\nuji-lokal = uji_lokal_plugin\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delenv(AUTOLOAD_ENV, raising=False)
    return site


def _add_broken(site: Path) -> None:
    dist = site / "rusak_pkg-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: rusak-pkg\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[inovasi_rules]\nrusak = rusak_plugin_tidak_ada\n", encoding="utf-8")


def test_entry_point_plugins_are_discovered_listed_and_described(fake_installed: Path) -> None:
    assert ("uji-lokal", "uji-lokal") in installed_plugins()
    info = next(i for i in describe_plugins() if i.name == "uji-lokal")
    assert (info.source, info.package, info.version, info.target) == ("entry point", "uji-lokal", "2.1", "uji_lokal_plugin")
    assert info.hooks == ("inovasi_rules_adjustments", "inovasi_rules_result")
    rs = make_ruleset(plugins="plugins: [uji-lokal]\n")  # the installed plugin satisfies the load check
    res = evaluate(rs, make_edition())
    d = res.submission("D").stage("penilaian")
    assert d is not None
    assert [(a.plugin, a.amount) for a in d.adjustments] == [("uji-lokal", 100)]
    # an installed plugin leaves rulesets that do not ask for it alone
    plain = evaluate(make_ruleset(), make_edition())
    assert not plain.submission("D").stage("penilaian").adjustments  # type: ignore[union-attr]


def test_entry_points_can_be_turned_off(fake_installed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rs = make_ruleset(plugins="plugins: [uji-lokal]\n")
    with pytest.raises(PluginError, match="needs the plugin 'uji-lokal'"):
        evaluate(rs, make_edition(), load_entrypoints=False)
    monkeypatch.setenv(AUTOLOAD_ENV, "1")
    assert "uji-lokal" not in [i.name for i in describe_plugins()]
    with pytest.raises(RulesetError, match="needs the plugin 'uji-lokal'"):
        make_ruleset(plugins="plugins: [uji-lokal]\n")


def test_a_plugin_passed_in_code_replaces_the_installed_one_of_the_same_name(fake_installed: Path) -> None:
    replacement = Bonus("uji-lokal", "1", {"D"})
    rs = make_ruleset(plugins="plugins: [uji-lokal]\n")
    res = evaluate(rs, make_edition(), plugins=[replacement])
    d = res.submission("D").stage("penilaian")
    assert d is not None
    assert [(a.plugin, a.amount) for a in d.adjustments] == [("uji-lokal", 1)]
    info = {i.name: i for i in describe_plugins(get_plugin_manager([replacement]))}
    assert info["uji-lokal"].source == "code"


def test_an_installed_plugin_that_fails_to_import_names_entry_point_and_package(fake_installed: Path) -> None:
    _add_broken(fake_installed)
    with pytest.raises(PluginError, match="plugin 'rusak' \\(package rusak-pkg\\) could not be loaded") as info:
        evaluate(make_ruleset(), make_edition())
    assert info.value.plugin == "rusak"
    assert "ModuleNotFoundError" in str(info.value)


# --------------------------------------------------------------------------- command line


def _cli(args: list[str], site: Path | None, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in (AUTOLOAD_ENV, "PYTHONPATH")}
    if site is not None:
        env["PYTHONPATH"] = str(site)
    script = Path(sys.executable).with_name("inovasi-rules")
    return subprocess.run([str(script), *args], capture_output=True, text=True, env=env, cwd=cwd, check=False)


def test_cli_plugins_lists_installed_plugins_with_package_and_hooks(fake_installed: Path, tmp_path: Path) -> None:
    out = _cli(["plugins", "--lang", "en"], fake_installed, tmp_path)
    assert out.returncode == 0, out.stderr
    assert "uji-lokal  (package uji-lokal 2.1; uji_lokal_plugin)" in out.stdout
    assert "    hooks: inovasi_rules_adjustments, inovasi_rules_result" in out.stdout
    none = _cli(["plugins", "--lang", "en"], None, tmp_path)
    assert none.returncode == 0
    assert "uji-lokal" not in none.stdout


def test_cli_prints_a_plugin_error_cleanly(fake_installed: Path, tmp_path: Path) -> None:
    _add_broken(fake_installed)
    out = _cli(["list"], fake_installed, tmp_path)
    assert out.returncode == 1
    assert "plugin 'rusak' (package rusak-pkg) could not be loaded" in out.stderr
    assert "Traceback" not in out.stderr
    listing = _cli(["plugins"], fake_installed, tmp_path)
    assert listing.returncode == 1
    assert "rusak  (paket rusak-pkg)" in listing.stderr
    assert "Traceback" not in listing.stderr
