"""The example plugin package ``examples/plugin-dana-insentif``, installed with pip and
run end to end through the command line, as a host system would.

How it is installed: once per test module, ``pip install --no-deps --target DIR``
builds the package and installs it into a directory of its own. The commands run
with ``PYTHONPATH=DIR``, and in-process tests put DIR on ``sys.path`` for one test
only, so the entry point is seen exactly where a test asks for it: the rest of the
suite (and the developers' shared virtualenv) never has the plugin installed, and
the suite needs no preparation step in CI or nox.

The allocation rules themselves are tested on the module loaded from its file.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inovasi_rules import (
    PluginError,
    RulesetError,
    evaluate,
    get_plugin_manager,
    load_ruleset,
    read_edition,
    write_edition,
)
from inovasi_rules.plugins import AUTOLOAD_ENV, describe_plugins, installed_plugins
from inovasi_rules.synthetic import generate_edition

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "plugin-dana-insentif"
PACKAGE = EXAMPLE / "src" / "inovasi_rules_dana_insentif"
RULESET_FILE = PACKAGE / "rulesets" / "kipp-wonogiri-dana-insentif.yaml"
RULESET = "kipp-wonogiri-dana-insentif"
#: The packaged configuration with five winners (see the package's README):
#: rank 5 is raised to the minimum, the rest share Rp 900.000.000 by 35:25:20:12, and
#: the Rp 1.000 that rounding down leaves goes to rank 1 (ranks 1 and 4 lost the same).
AMOUNTS = {1: 342_392_000, 2: 244_565_000, 3: 195_652_000, 4: 117_391_000, 5: 100_000_000}


def _load_allocation() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_dana_insentif_allocation", PACKAGE / "allocation.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # attrs resolves the module's annotations through it
    spec.loader.exec_module(module)
    return module


alloc = _load_allocation()


# --------------------------------------------------------------------------- installing


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example package, installed with pip into a directory of its own."""
    target = tmp_path_factory.mktemp("site")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-input",
         "--disable-pip-version-check", "--target", str(target), str(EXAMPLE)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, f"pip install failed:\n{proc.stdout}\n{proc.stderr}"
    assert (target / "inovasi_rules_dana_insentif" / "rulesets" / f"{RULESET}.yaml").is_file()
    assert (target / "inovasi_rules_dana_insentif" / "dana-insentif.yaml").is_file()
    return target


@pytest.fixture
def installed(site: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The installed plugin, visible in this process for this test only."""
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delenv(AUTOLOAD_ENV, raising=False)
    monkeypatch.delenv("DANA_INSENTIF_CONFIG", raising=False)
    import inovasi_rules_dana_insentif

    return inovasi_rules_dana_insentif


@pytest.fixture(scope="module")
def edition_dir(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic edition of the contributed ruleset, written as a folder."""
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(site))
        mp.delenv(AUTOLOAD_ENV, raising=False)
        rs = load_ruleset(RULESET)
        edition = generate_edition(rs, submissions=24, seed=7)
    return write_edition(edition, tmp_path_factory.mktemp("edition") / "wonogiri-2024")


def cli(args: list[str], site: Path | None, cwd: Path, **env_extra: str) -> subprocess.CompletedProcess[str]:
    """Run the installed ``inovasi-rules`` script, with the plugin on ``PYTHONPATH``
    when ``site`` is given."""
    env = {k: v for k, v in os.environ.items() if k not in (AUTOLOAD_ENV, "PYTHONPATH", "DANA_INSENTIF_CONFIG")}
    if site is not None:
        env["PYTHONPATH"] = str(site)
    env.update(env_extra)
    script = Path(sys.executable).with_name("inovasi-rules")
    return subprocess.run([str(script), *args], capture_output=True, text=True, env=env, cwd=cwd, check=False)


def _winners_by_rank(result_json: dict[str, Any]) -> dict[int, tuple[str, Decimal, str]]:
    out = {}
    for s in result_json["submissions"]:
        for g in s["awards"]:
            if g["award"] == "top-inovasi":
                out[g["rank"]] = (s["id"], Decimal(g["amount"]), g["plugin"])
    return out


# --------------------------------------------------------------------------- end to end


def test_plugins_command_lists_the_installed_package(site: Path, tmp_path: Path) -> None:
    out = cli(["plugins", "--lang", "en"], site, tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "dana-insentif  (package inovasi-rules-dana-insentif 0.1.0; inovasi_rules_dana_insentif:plugin)",
        "    hooks: inovasi_rules_rulesets, inovasi_rules_awards",
        "    rulesets: kipp-wonogiri-dana-insentif",
    ]
    listing = cli(["list"], site, tmp_path)
    assert f"{RULESET}  KIPP Kabupaten Wonogiri dengan dana insentif daerah (contoh)  <- kipp-regional  [plugin:dana-insentif]" in listing.stdout


def test_evaluate_shows_the_fund_in_the_summary_and_explain(site: Path, edition_dir: Path, tmp_path: Path) -> None:
    out = cli(["evaluate", RULESET, str(edition_dir), "--out", str(tmp_path / "result.json")], site, tmp_path)
    assert out.returncode == 0, out.stderr
    by_rank = _winners_by_rank(json.loads((tmp_path / "result.json").read_text(encoding="utf-8")))
    assert {r: int(a) for r, (_, a, _) in by_rank.items()} == AMOUNTS
    assert {p for _, _, p in by_rank.values()} == {"dana-insentif"}
    # the summary lists every winner's amount and the total
    lines = out.stdout.splitlines()
    for sid, amount, _ in by_rank.values():
        shown = f"{int(amount):,}".replace(",", ".")
        assert any(ln.split() == [sid, shown, "[plugin", "dana-insentif]"] for ln in lines), out.stdout
    assert any(ln.split() == ["jumlah", "1.000.000.000"] for ln in lines)
    # explain tells the first winner how the amount was computed, in both languages
    first, _, _ = by_rank[1]
    en = cli(["explain", RULESET, str(edition_dir), first, "--lang", "en"], site, tmp_path)
    assert en.returncode == 0, en.stderr
    assert (
        "rank 1: 342,392,000 — Regional incentive fund Rp 342,392,000: weight 35 of 92 × Rp 900,000,000 = "
        "Rp 342,391,304.35 (the budget less the minimum for 1 winner), rounded down to whole Rp 1,000: "
        "Rp 342,391,000, + Rp 1,000 left over by rounding (largest fraction) [by plugin dana-insentif]"
    ) in en.stdout
    last, _, _ = by_rank[5]
    idn = cli(["explain", RULESET, str(edition_dir), last], site, tmp_path)
    assert (
        "peringkat 5: 100.000.000 — Dana insentif daerah Rp 100.000.000: minimum Rp 100.000.000 "
        "(bagian menurut bobot 8 hanya Rp 80.000.000) [oleh plugin dana-insentif]"
    ) in idn.stdout


def test_the_plugins_own_config_file_is_used(site: Path, edition_dir: Path, tmp_path: Path) -> None:
    config = tmp_path / "dana.yaml"
    config.write_text(
        "funds:\n"
        "  kipp-regional:\n"  # found through the ruleset's parent
        "    award: top-inovasi\n"
        "    budget: 500_000_000\n"
        "    shares: {1: 1}\n"
        "    other_share: 1\n"
        "    rounding: 1_000_000\n"
        "    remainder: keep\n",
        encoding="utf-8",
    )
    out = cli(["evaluate", RULESET, str(edition_dir), "--format", "json"], site, tmp_path, DANA_INSENTIF_CONFIG=str(config))
    assert out.returncode == 0, out.stderr
    by_rank = _winners_by_rank(json.loads(out.stdout))
    assert sorted(int(a) for _, a, _ in by_rank.values()) == [100_000_000] * 5


def test_a_broken_config_is_a_clean_plugin_error(site: Path, edition_dir: Path, tmp_path: Path) -> None:
    config = tmp_path / "dana.yaml"
    config.write_text("funds:\n  default: {award: top-inovasi, budget: 1500, shares: {1: 1}}\n", encoding="utf-8")
    out = cli(["evaluate", RULESET, str(edition_dir)], site, tmp_path, DANA_INSENTIF_CONFIG=str(config))
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    assert "plugin 'dana-insentif' failed in hook inovasi_rules_awards: FundError:" in out.stderr
    assert f"{config}: funds.default.budget: 1500 is not a whole multiple of rounding (1000)" in out.stderr


def test_without_the_package_the_ruleset_names_the_missing_plugin(site: Path, edition_dir: Path, tmp_path: Path) -> None:
    out = cli(["evaluate", str(RULESET_FILE), str(edition_dir)], None, tmp_path)
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    assert (
        f"{RULESET_FILE}:43:5: error: ruleset kipp-wonogiri-dana-insentif membutuhkan plugin 'dana-insentif' "
        "(paket inovasi-rules-dana-insentif) yang belum terpasang / ruleset kipp-wonogiri-dana-insentif needs "
        "the plugin 'dana-insentif' (package inovasi-rules-dana-insentif), which is not installed (missing-plugin)"
    ) in out.stderr
    assert "hint: pip install inovasi-rules-dana-insentif" in out.stderr
    # installed, but turned off for this run: the evaluation says the same, located
    off = cli(["evaluate", RULESET, str(edition_dir), "--no-plugins"], site, tmp_path)
    assert off.returncode == 1
    assert "kipp-wonogiri-dana-insentif.yaml:43:5: error:" in off.stderr
    assert "Traceback" not in off.stderr


# --------------------------------------------------------------------------- in process


def test_installed_plugin_is_discovered_through_its_entry_point(installed: ModuleType, edition_dir: Path) -> None:
    assert ("dana-insentif", "inovasi-rules-dana-insentif") in installed_plugins()
    info = next(i for i in describe_plugins() if i.name == "dana-insentif")
    assert (info.package, info.version, info.hooks) == (
        "inovasi-rules-dana-insentif", "0.1.0", ("inovasi_rules_rulesets", "inovasi_rules_awards"),
    )
    result = evaluate(load_ruleset(RULESET), read_edition(edition_dir))
    grants = [g for s in result.submissions for g in s.awards]
    assert sorted(int(g.amount or 0) for g in grants) == sorted(AMOUNTS.values())
    assert sum((g.amount or Decimal(0) for g in grants), Decimal(0)) == 1_000_000_000


def test_a_plugin_in_code_replaces_the_installed_one(installed: ModuleType, edition_dir: Path) -> None:
    mine = installed.DanaInsentif(
        config={"funds": {"default": {"award": "top-inovasi", "budget": 5000, "shares": {1: 1}, "other_share": 1,
                                      "remainder": "first"}}}
    )
    pm = get_plugin_manager([mine])
    assert [p for p in pm.get_plugins() if getattr(p, "name", None) == "dana-insentif"] == [mine]
    result = evaluate(load_ruleset(RULESET), read_edition(edition_dir), plugins=[mine])
    amounts = {g.rank: g.amount for s in result.submissions for g in s.awards}
    # 5000 in five equal shares of 1000; called once, so not doubled by the installed one
    assert amounts == {1: 1000, 2: 1000, 3: 1000, 4: 1000, 5: 1000}


def test_the_plugin_leaves_other_rulesets_alone(installed: ModuleType, edition_dir: Path) -> None:
    plain = load_ruleset("kipp-regional")
    result = evaluate(plain, read_edition(edition_dir))
    assert all(g.amount is None and g.plugin is None for s in result.submissions for g in s.awards)


def test_a_ruleset_without_a_fund_is_a_clear_error(installed: ModuleType, edition_dir: Path) -> None:
    mine = installed.DanaInsentif(config={"funds": {"elsewhere": {"award": "x", "budget": 0, "shares": {1: 1}}}})
    with pytest.raises(PluginError, match="no fund for ruleset 'kipp-wonogiri-dana-insentif'") as info:
        evaluate(load_ruleset(RULESET), read_edition(edition_dir), plugins=[mine])
    assert (info.value.plugin, info.value.hook) == ("dana-insentif", "inovasi_rules_awards")


def test_without_the_plugin_loading_by_path_fails_at_the_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(AUTOLOAD_ENV, "1")
    with pytest.raises(RulesetError) as info:
        load_ruleset(RULESET_FILE)
    (problem,) = info.value.problems
    assert (problem.rule, problem.line, problem.column) == ("missing-plugin", 43, 5)


# --------------------------------------------------------------------------- the allocation rules


def fund(**kw: Any) -> Any:
    base: dict[str, Any] = {"award": "top-inovasi", "budget": 1_000_000_000, "shares": {1: 35, 2: 25, 3: 20, 4: 12, 5: 8},
                            "minimum": 100_000_000}
    base.update(kw)
    return alloc.load_funds({"funds": {"f": base}})["f"]


def winners(*ranks: int | None) -> list[Any]:
    return [alloc.Winner(f"S{i}", r) for i, r in enumerate(ranks, 1)]


def test_allocation_of_the_packaged_example() -> None:
    out, left = alloc.allocate(fund(), winners(3, 1, 5, 2, 4))
    assert [(a.rank, a.amount) for a in out] == list(AMOUNTS.items())
    assert left == 0


def test_allocation_shares_without_minimum_and_exact_division() -> None:
    out, left = alloc.allocate(fund(minimum=0), winners(1, 2, 3, 4, 5))
    assert [a.amount for a in out] == [350_000_000, 250_000_000, 200_000_000, 120_000_000, 80_000_000]
    assert left == 0
    assert out[0].note_en == "Regional incentive fund Rp 350,000,000: weight 35 of 100 × Rp 1,000,000,000 = Rp 350,000,000"


@pytest.mark.parametrize(
    ("rule", "amounts", "left"),
    [
        ("largest_fraction", [333_334_000, 333_333_000, 333_333_000], 0),
        ("first", [333_334_000, 333_333_000, 333_333_000], 0),
        ("keep", [333_333_000, 333_333_000, 333_333_000], 1000),
    ],
)
def test_allocation_remainder_rules(rule: str, amounts: list[int], left: int) -> None:
    f = fund(minimum=0, shares={1: 1, 2: 1, 3: 1}, remainder=rule)
    out, rest = alloc.allocate(f, winners(1, 2, 3))
    assert [a.amount for a in out] == amounts
    assert rest == left
    if rule == "keep":
        assert out[0].note_id.endswith("; sisa Rp 1.000 tidak dibagikan")


@pytest.mark.parametrize(
    ("shares", "amounts"),
    [
        # raw 4700, 3300, 2000: rounding loses 700 and 300; the 1000 left goes to rank 1
        ({1: 47, 2: 33, 3: 20}, [5000, 3000, 2000]),
        # raw 4200, 3800, 2000: rank 2 lost more (800) than rank 1 (200)
        ({1: 42, 2: 38, 3: 20}, [4000, 4000, 2000]),
        # raw 4500, 3500, 2000: ranks 1 and 2 lost the same; the better rank wins the tie
        ({1: 45, 2: 35, 3: 20}, [5000, 3000, 2000]),
        # raw 4000, 3500, 2500: ranks 2 and 3 lost the same
        ({1: 40, 2: 35, 3: 25}, [4000, 4000, 2000]),
    ],
)
def test_largest_fraction_goes_to_the_amounts_that_lost_most(shares: dict[int, int], amounts: list[int]) -> None:
    f = fund(budget=10_000, minimum=0, shares=shares, rounding=1000)
    out, left = alloc.allocate(f, winners(3, 1, 2))
    assert [a.amount for a in out] == amounts
    assert left == 0


def test_unranked_and_unlisted_ranks_take_other_share() -> None:
    f = fund(budget=9000, minimum=0, shares={1: 1}, other_share=2, rounding=1000)
    out, _ = alloc.allocate(f, winners(None, 1, 7))
    # weights 1, 2, 2 of 5: raw 1800, 3600, 3600 -> 1000, 3000, 3000; the 2000 left goes
    # to rank 1 (lost 800), then to rank 7 (lost 600, better placed than the unranked)
    assert [(a.rank, a.weight, a.amount) for a in out] == [(1, 1, 2000), (7, 2, 4000), (None, 2, 3000)]


def test_budget_too_small_and_no_winners() -> None:
    with pytest.raises(alloc.FundError, match="less than 5 winners × the minimum"):
        alloc.allocate(fund(budget=400_000_000), winners(1, 2, 3, 4, 5))
    assert alloc.allocate(fund(), []) == ([], Decimal(1_000_000_000))
    with pytest.raises(alloc.FundError, match="listed twice"):
        alloc.allocate(fund(), [alloc.Winner("S", 1), alloc.Winner("S", 2)])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"budget": 1.5}, "budget: 1.5 is not a whole multiple of rounding"),
        ({"budget": -1000}, "budget: must be at least 0"),
        ({"rounding": 0}, "rounding: must be greater than 0"),
        ({"shares": {0: 1}}, "a rank is a whole number from 1"),
        ({"shares": []}, "a mapping of rank to weight"),
        ({"remainder": "lottery"}, "remainder: 'lottery'; one of largest_fraction, first, keep"),
        ({"bonus": 1}, "unknown key(s) bonus"),
        ({"minimum": "banyak"}, "minimum: a number is expected"),
    ],
)
def test_config_errors_name_the_key(change: dict[str, Any], message: str) -> None:
    with pytest.raises(alloc.FundError) as info:
        fund(**change)
    assert message in str(info.value)
    assert str(info.value).startswith("<config>: funds.f")


def test_config_file_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("funds: [1, 2]\n", encoding="utf-8")
    with pytest.raises(alloc.FundError, match=f"{bad}: the configuration needs `funds:`"):
        alloc.load_funds(bad)
    with pytest.raises(alloc.FundError, match="cannot read the configuration"):
        alloc.load_funds(tmp_path / "missing.yaml")
    assert alloc.load_funds(PACKAGE / "dana-insentif.yaml")[RULESET].budget == 1_000_000_000


@given(
    budget_units=st.integers(min_value=0, max_value=10**7),
    ranks=st.lists(st.one_of(st.none(), st.integers(1, 8)), min_size=1, max_size=12),
    shares=st.dictionaries(st.integers(1, 8), st.integers(0, 100), min_size=1),
    other=st.integers(0, 10),
    min_units=st.integers(0, 1000),
    rule=st.sampled_from(["largest_fraction", "first", "keep"]),
)
def test_allocation_properties(
    budget_units: int, ranks: list[int | None], shares: dict[int, int], other: int, min_units: int, rule: str
) -> None:
    unit = 1000
    f = alloc.load_funds({"funds": {"f": {
        "award": "a", "budget": budget_units * unit, "shares": shares, "other_share": other,
        "minimum": min_units * unit, "rounding": unit, "remainder": rule,
    }}})["f"]
    ws = winners(*ranks)
    too_small = f.minimum * len(ws) > f.budget
    no_weight = not f.minimum and all(
        (f.shares.get(w.rank, f.other_share) if w.rank is not None else f.other_share) == 0 for w in ws
    )
    if too_small or no_weight:
        with pytest.raises(alloc.FundError):
            alloc.allocate(f, ws)
        return
    out, left = alloc.allocate(f, ws)
    assert len(out) == len(ws)
    assert sum(a.amount for a in out) + left == f.budget  # nothing lost, nothing invented
    assert all(a.amount >= f.minimum and a.amount % unit == 0 for a in out)
    assert left >= 0
    assert left % unit == 0
    if rule != "keep":
        assert left == 0
    # the same winners in another order get the same amounts
    again, _ = alloc.allocate(f, list(reversed(ws)))
    assert {a.submission: a.amount for a in again} == {a.submission: a.amount for a in out}
    # a better rank never gets less than a worse one with a share no larger
    for a in out:
        for b in out:
            if a.weight >= b.weight and (a.rank or 99) < (b.rank or 99):
                assert a.amount >= b.amount - unit, (a, b)
