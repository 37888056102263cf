"""The synthetic edition generator and ``inovasi-rules generate``."""

from __future__ import annotations

import csv
import datetime
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from inovasi_rules import Edition, evaluate, load_ruleset, read_edition, write_edition
from inovasi_rules.cli import main
from inovasi_rules.edition import CONFIRMED, DROPPED
from inovasi_rules.ruleset.loading import Registry
from inovasi_rules.synthetic import generate_edition

BUNDLED = sorted(e.id for e in Registry().entries() if e.origin == "bundled")
SCORED = ("assessment", "presentation")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_every_bundled_ruleset_is_covered() -> None:
    assert {"kipp-2019", "kipp-2021", "kipp-sukoharjo-2023", "winner-2023"} <= set(BUNDLED)


@pytest.mark.parametrize("ruleset_id", BUNDLED)
def test_generated_edition_reads_back_and_evaluates(ruleset_id: str, tmp_path: Path) -> None:
    ruleset = load_ruleset(ruleset_id)
    edition = generate_edition(ruleset, submissions=60, seed=3)
    assert len(edition.submissions) == 60
    assert edition.ruleset == ruleset_id

    back = read_edition(write_edition(edition, tmp_path / "ed"))
    assert back == edition
    assert not [p for p in back.findings if p.level == "error"]

    result = evaluate(ruleset, back)
    assert sorted(s.id for s in result.submissions) == sorted(s.id for s in edition.submissions)
    # Every score and verdict is for an entry that reached that stage (nothing unused).
    assert not [p for p in result.findings if p.rule in ("unused-scores", "verdict-unreached")]
    reached = {(s.id, o.stage) for s in result.submissions for o in s.stages}
    assert {(sc.submission, sc.stage) for sc in edition.scores} <= reached
    assert {(v.submission, v.stage) for v in edition.verdicts} <= reached
    # ... and every entry that reached a scored or verification stage was scored there.
    kinds = {s.id: s.kind for s in ruleset.stages}
    scored = {(sc.submission, sc.stage) for sc in edition.scores}
    judged = {(v.submission, v.stage) for v in edition.verdicts}
    for sid, stage in reached:
        if kinds[stage] in SCORED:
            assert (sid, stage) in scored
        elif kinds[stage] == "verification":
            assert (sid, stage) in judged
    # Scores stay on each rubric's scale.
    for sc in edition.scores:
        rubric = ruleset.rubric(ruleset.stage(sc.stage).rubric or "")
        assert rubric.scale.min <= sc.value <= rubric.scale.max


@pytest.mark.parametrize("ruleset_id", ["kipp-2019", "kipp-sukoharjo-2023", "winner-2023"])
def test_same_seed_same_files(ruleset_id: str, tmp_path: Path) -> None:
    one = generate_edition(ruleset_id, submissions=50, seed=11)
    two = generate_edition(ruleset_id, submissions=50, seed=11)
    assert one == two
    assert _files(write_edition(one, tmp_path / "a")) == _files(write_edition(two, tmp_path / "b"))


@settings(max_examples=6, deadline=None)
@given(
    ruleset_id=st.sampled_from(["kipp-2021", "kovablik-jatim", "kipp-sukoharjo-2023", "winner-2023"]),
    seed=st.integers(min_value=0, max_value=2**32),
    size=st.integers(min_value=0, max_value=30),
)
def test_any_seed_is_reproducible(ruleset_id: str, seed: int, size: int) -> None:
    one = generate_edition(ruleset_id, submissions=size, seed=seed)
    assert one == generate_edition(ruleset_id, submissions=size, seed=seed)
    assert len(one.submissions) == size
    assert len({s.id for s in one.submissions}) == size


def test_different_seeds_differ() -> None:
    one = generate_edition("kipp-sukoharjo-2023", submissions=40, seed=1)
    two = generate_edition("kipp-sukoharjo-2023", submissions=40, seed=2)
    assert [s.title for s in one.submissions] != [s.title for s in two.submissions]
    assert one.scores != two.scores


@pytest.mark.parametrize(("ruleset_id", "size", "eligible"),
                         [("kipp-2019", 400, 170), ("winner-2023", 120, 90), ("kipp-sukoharjo-2023", 40, 40)])
def test_eligible_is_exact(ruleset_id: str, size: int, eligible: int) -> None:
    ruleset = load_ruleset(ruleset_id)
    edition = generate_edition(ruleset, submissions=size, seed=5, eligible=eligible)
    result = evaluate(ruleset, edition)
    assert len(result.passed("administrasi")) == eligible


def test_ineligible_entries_fail_for_several_reasons() -> None:
    ruleset = load_ruleset("kipp-2019")
    result = evaluate(ruleset, generate_edition(ruleset, submissions=600, seed=2, ineligible_share=0.4))
    rules = Counter(
        r.rule
        for s in result.submissions
        for o in s.stages
        if o.status == "ineligible"
        for r in o.reasons
        if r.passed is False
    )
    assert len(result.passed("administrasi")) == 360
    # incomplete proposals, too young, no SDG, same title, earlier awards ... How often
    # each occurs was not published, so none is made to dominate.
    assert len(rules) >= 5
    assert rules.most_common(1)[0][1] < sum(rules.values()) / 2


def test_entries_fit_the_ruleset() -> None:
    ruleset = load_ruleset("winner-2023")
    edition = generate_edition(ruleset, submissions=200, seed=4)
    result = evaluate(ruleset, edition)
    kinds = {k.id for k in ruleset.participant_kinds}
    waves = {w.id: w for w in ruleset.waves}
    for s in edition.submissions:
        assert s.registered is not None
        assert s.innovation.started is not None
        assert s.innovation.started < s.registered
    for sid in result.passed("administrasi"):
        s = edition.submission_by_id()[sid]
        assert s.participant.kind in kinds
        wave = waves[str(s.wave)]
        assert s.participant.province in wave.regions
        assert wave.closes is not None
        assert s.registered is not None
        assert s.registered <= wave.closes
        if s.participant.province == "sulsel":  # its five validated strategic issues
            assert s.category in ("perkawinan-anak", "kemiskinan", "stunting", "pendidikan", "kesehatan")


def test_judges_conflicts_occur_and_are_excluded() -> None:
    ruleset = load_ruleset("kipp-sukoharjo-2023")
    edition = generate_edition(ruleset, submissions=80, seed=9)
    assert all(j.agency and j.province for j in edition.judges)
    result = evaluate(ruleset, edition)
    excluded = [
        js for s in result.submissions for o in s.stages for js in o.judges if js.excluded is not None
    ]
    assert excluded
    assert all("konflik" in js.excluded.id for js in excluded if js.excluded is not None)


def test_presentation_panel_scores_every_finalist() -> None:
    ruleset = load_ruleset("kipp-2019")
    edition = generate_edition(ruleset, submissions=300, seed=6)
    panel = {(sc.submission, sc.judge) for sc in edition.scores if sc.stage == "presentasi"}
    finalists = {s for s, _ in panel}
    judges = {j for _, j in panel}
    assert len(panel) == len(finalists) * len(judges)
    per_proposal = Counter(
        s for s, _ in {(sc.submission, sc.judge) for sc in edition.scores if sc.stage == "proposal"}
    )
    assert set(per_proposal.values()) == {ruleset.stage("proposal").judges.min}


def test_harsh_and_lenient_judges() -> None:
    edition = generate_edition("kipp-2019", submissions=1200, seed=8)
    totals: dict[str, list[float]] = {}
    for sc in edition.scores:
        if sc.stage == "proposal":
            totals.setdefault(sc.judge, []).append(float(sc.value))
    means = sorted(sum(v) / len(v) for v in totals.values() if len(v) >= 50)
    assert means[-1] - means[0] > 5


def test_verdicts_dropped_share() -> None:
    ruleset = load_ruleset("kipp-base")
    kept = generate_edition(ruleset, submissions=80, seed=1)
    assert {v.verdict for v in kept.verdicts} == {CONFIRMED}
    dropped = generate_edition(ruleset, submissions=80, seed=1, dropped_share=1.0)
    assert dropped.verdicts
    assert {v.verdict for v in dropped.verdicts} == {DROPPED}
    assert evaluate(ruleset, dropped).winners("top-45") == []


def test_withdrawn_and_parameters() -> None:
    ruleset = load_ruleset("kipp-2021")
    closes = datetime.date(2021, 6, 30)
    edition = generate_edition(ruleset, submissions=100, seed=2, withdrawn_share=0.05,
                               parameters={"registration_closes": closes}, year=2021, id="k21")
    assert edition.id == "k21"
    assert edition.year == 2021
    assert edition.parameters == {"registration_closes": closes}
    assert sum(s.withdrawn for s in edition.submissions) == 5
    assert all(s.registered is not None and s.registered <= closes for s in edition.submissions)


def test_empty_and_bad_arguments() -> None:
    empty = generate_edition("kipp-sukoharjo-2023", submissions=0)
    assert isinstance(empty, Edition)
    assert empty.submissions == ()
    assert empty.scores == ()
    with pytest.raises(ValueError, match="submissions"):
        generate_edition("kipp-sukoharjo-2023", submissions=-1)
    with pytest.raises(ValueError, match="eligible"):
        generate_edition("kipp-sukoharjo-2023", submissions=5, eligible=6)
    with pytest.raises(ValueError, match="between 0 and 1"):
        generate_edition("kipp-sukoharjo-2023", submissions=5, ineligible_share=1.5)


def test_cli_generate_writes_the_folder(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["generate", "winner-2023", "", "-n", "80", "--seed", "3", "--outcomes", "--no-plugins"]
    out_a, out_b = tmp_path / "a", tmp_path / "b"
    for out in (out_a, out_b):
        args[2] = str(out)
        res = runner.invoke(main, args)
        assert res.exit_code == 0, res.output
        assert "80" in res.output
    files = _files(out_a)
    assert set(files) == {"edition.yaml", "submissions.csv", "judges.csv", "scores.csv",
                          "verdicts.csv", "outcomes.csv"}
    assert files == _files(out_b)
    with (out_a / "outcomes.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 80
    finalists = [r for r in rows if "finalis" in r["award"].split(";")]
    result = evaluate(load_ruleset("winner-2023"), read_edition(out_a))
    assert sorted(r["submission_id"] for r in finalists) == sorted(result.winners("finalis"))


def test_cli_generate_rejects_bad_options(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["generate", "kipp-2019", str(tmp_path / "x"), "-n", "5", "--eligible", "9"])
    assert res.exit_code != 0
    assert "--eligible" in res.output
    res = runner.invoke(main, ["generate", "kipp-2019", str(tmp_path / "x"), "-n", "5", "--set", "nope=1"])
    assert res.exit_code != 0
    assert "nope" in res.output
    assert not (tmp_path / "x").exists()


def test_a_scores_file_larger_than_one_parse_block_reads_back_in_first_seen_order(tmp_path: Path) -> None:
    # The CSV reader parses a large file in blocks of 1 MiB, each with its own
    # dictionary of distinct values; the blocks are put back together into one
    # dictionary per column, in the order each value was first seen in the file.
    ruleset = load_ruleset(Path(__file__).resolve().parents[1] / "benchmarks" / "bench.yaml")
    edition = generate_edition(ruleset, submissions=2500, seed=5)
    folder = write_edition(edition, tmp_path / "ed")
    assert (folder / "scores.csv").stat().st_size > 3 * 2**20
    back = read_edition(folder)
    assert back == edition
    with (folder / "scores.csv").open(encoding="utf-8", newline="") as f:
        listed = [row["submission_id"] for row in csv.DictReader(f)]
    assert list(back.scores.submissions) == list(dict.fromkeys(listed))
