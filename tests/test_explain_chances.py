"""A participant's chances in ``inovasi-rules explain`` (``--chances``, ``--robustness``)."""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inovasi_rules import Label as L
from inovasi_rules import Result as EvalResult
from inovasi_rules import evaluate, load_ruleset, rank_confidence, read_edition
from inovasi_rules.cli import main
from inovasi_rules.errors import EditionError
from inovasi_rules.robustness import CutOff, EntryConfidence, RankConfidence, RankInterval
from inovasi_rules.robustness.chances import chances_text, confidence_from_dict, read_confidence
from test_messages import ENGLISH_NUMBER, english_words

ROOT = Path(__file__).resolve().parents[1]
RULESET = "kipp-sukoharjo-2023"
EXAMPLE = ROOT / "examples" / "sukoharjo-2023"
REPLICATES, SEED = 30, 3


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report an organiser publishes: ``robustness ... --out report.json``."""
    path = tmp_path_factory.mktemp("published") / "report.json"
    out = cli("robustness", RULESET, str(EXAMPLE), "-n", str(REPLICATES), "-s", str(SEED),
              "--weight-range", "0", "-q", "--out", str(path))
    assert out.exit_code == 0, out.output
    return path


@pytest.fixture(scope="module")
def conf() -> RankConfidence:
    rs, ed = load_ruleset(RULESET), read_edition(EXAMPLE)
    return rank_confidence(rs, ed, replicates=REPLICATES, seed=SEED)


@pytest.fixture(scope="module")
def evaluated() -> EvalResult:
    return evaluate(load_ruleset(RULESET), read_edition(EXAMPLE))


def _chances(story: str) -> str:
    head = "Peluang (" if "Peluang (" in story else "Chances ("
    return story[story.index(head):]


def _percent(count: int, total: int) -> str:
    return str((Decimal(count * 100) / total).quantize(Decimal(1), ROUND_HALF_EVEN))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_reading_the_published_report_gives_what_computing_gives(published: Path, lang: str) -> None:
    """The same seed and replicates: the same chances, read from the file or computed."""
    sid = "SKH-0001"
    read = cli("explain", RULESET, str(EXAMPLE), sid, "--robustness", str(published), "--lang", lang)
    made = cli("explain", RULESET, str(EXAMPLE), sid, "--chances", "-n", str(REPLICATES), "-s", str(SEED),
               "-q", "--lang", lang)
    plain = cli("explain", RULESET, str(EXAMPLE), sid, "--lang", lang)
    assert read.exit_code == made.exit_code == plain.exit_code == 0, read.output + made.output
    assert read.stdout == made.stdout
    assert read.stdout.startswith(plain.stdout)  # the story first, unchanged
    assert "Peluang (" not in plain.stdout
    assert "Chances (" not in plain.stdout


def test_the_chances_read_in_indonesian(published: Path, conf: RankConfidence) -> None:
    """Each cut-off: the share of replicates in which the entry passed, the zone, the
    rank interval at the stage that decides it; numbers in Indonesian form."""
    rs = load_ruleset(RULESET)
    result = evaluate(rs, read_edition(EXAMPLE))
    cut = conf.cutoff("stage:penilaian")
    assert cut.zone, "the example has entries within judge noise"
    sid = cut.zone[0]
    e = conf.entry(sid)
    iv = e.intervals["penilaian"]
    out = cli("explain", RULESET, str(EXAMPLE), sid, "--robustness", str(published)).stdout
    lines = _chances(out).splitlines()
    assert lines[0] == f"Peluang ({REPLICATES} panel juri yang diundi ulang, seed {SEED}):"
    assert lines[1] == (
        f"   peluang lolos ke {dict(result.stages)['presentasi'].id}: "
        f"{_percent(e.counts['stage:penilaian'], REPLICATES)}% (zona tak terbedakan); "
        f"peringkat 90%: {iv.low}–{iv.high}")
    assert lines[2].startswith("   peluang meraih Top Inovasi Pelayanan Publik Kabupaten Sukoharjo 2023: ")
    assert lines[-1].startswith("   zona tak terbedakan: lolos pada lebih dari 5% tetapi kurang dari 95% panel")
    assert english_words(_chances(out)) == []
    assert ENGLISH_NUMBER.findall(_chances(out)) == []
    en = cli("explain", RULESET, str(EXAMPLE), sid, "--robustness", str(published), "--lang", "en").stdout
    assert "chance of passing to Presentation and interview: " in en
    assert "(within judge noise); rank 90%: " in en


def test_an_entry_the_judges_never_scored_is_told_so(published: Path) -> None:
    result = evaluate(load_ruleset(RULESET), read_edition(EXAMPLE))
    sid = next(s.id for s in result.submissions if s.status == "ineligible")
    out = cli("explain", RULESET, str(EXAMPLE), sid, "--robustness", str(published)).stdout
    assert _chances(out).splitlines()[1] == (
        "   tidak mencapai tahap yang dinilai juri: juri lain tidak akan mengubah hasilnya")
    en = cli("explain", RULESET, str(EXAMPLE), sid, "--robustness", str(published), "--lang", "en").stdout
    assert "did not reach a stage scored by judges" in en


def test_the_file_round_trips_exactly(published: Path, conf: RankConfidence) -> None:
    again = read_confidence(published)
    assert again.to_dict() == conf.to_dict()
    assert again == confidence_from_dict(conf.to_dict())
    for c in conf.cutoffs:  # the expected number passing, exact again from the counts
        assert again.cutoff(c.id).expected == c.expected


# --------------------------------------------------------------------------- numbers and words


def _hand_made(count: int, level: str = "0.9") -> tuple[RankConfidence, object]:
    """One entry ranked between 998 and 1,203 of many, passing in ``count`` of 1,000."""
    conf = RankConfidence(
        ruleset="r", edition="e", replicates=1000, seed=5, level=Decimal(level),
        stages=(("nilai", L("Penilaian", "Assessment")),),
        cutoffs=(CutOff(id="stage:nilai", kind="stage", ref="nilai", name=L("Penilaian", "Assessment"),
                        ranked_by="nilai", seats=1000, passed=(), clear=(),
                        zone=("A",) if 25 < count < 975 else (), seats_in_zone=0,
                        expected=Fraction(count, 1000)),),
        entries=(EntryConfidence(id="A", title=None, rank={"nilai": 1100},
                                 intervals={"nilai": RankInterval(998, 1203, 1100, 1000, Decimal("1100.00"))},
                                 counts={"stage:nilai": count}),),
    )

    class _Stages:
        stages = (("nilai", L("Penilaian", "Assessment")), ("final", L("Final", "Final")))

    return conf, _Stages()


@pytest.mark.parametrize(
    ("lang", "count", "level", "line", "meaning"),
    [
        ("id", 500, "0.95", "peluang lolos ke Final: 50% (zona tak terbedakan); peringkat 95%: 998–1.203",
         "lebih dari 2,5% tetapi kurang dari 97,5% panel"),
        ("en", 500, "0.95", "chance of passing to Final: 50% (within judge noise); rank 95%: 998–1,203",
         "more than 2.5% but fewer than 97.5% of the panels"),
        ("id", 999, "0.9", "peluang lolos ke Final: 99,9%; peringkat 90%: 998–1.203", None),
        ("en", 1, "0.9", "chance of passing to Final: 0.1%; rank 90%: 998–1,203", None),
        ("en", 1000, "0.9", "chance of passing to Final: 100%; rank 90%: 998–1,203", None),
    ],
)
def test_numbers_in_the_readers_form(lang: str, count: int, level: str, line: str, meaning: str | None) -> None:
    """Ranks with the thousands mark of the language; a chance that is neither certain
    nor impossible never reads 0% or 100%."""
    conf, result = _hand_made(count, level)
    text = chances_text(conf, result, "A", lang)  # type: ignore[arg-type]
    lines = text.splitlines()
    assert lines[1] == "   " + line
    assert (meaning is None) == (len(lines) == 2)
    if meaning is not None:
        assert meaning in lines[2]
    assert re.search(r"\b1\.000\b" if lang == "id" else r"\b1,000\b", lines[0])


# --------------------------------------------------------------------------- bad files


def _explain(path: Path, *more: str) -> Result:
    return CliRunner().invoke(main, ["explain", RULESET, str(EXAMPLE), "SKH-0001", "--robustness", str(path),
                                     *more])


def test_a_report_for_another_edition_is_refused_where_it_says_so(published: Path, tmp_path: Path) -> None:
    text = published.read_text("utf-8")
    data = json.loads(text)
    data["confidence"]["edition"] = "sukoharjo-2024"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False), "utf-8")
    out = _explain(other)
    assert out.exit_code == 1
    line = next(i for i, t in enumerate(other.read_text("utf-8").splitlines(), 1)
                if '"edition": "sukoharjo-2024"' in t)
    assert f"other.json:{line}:" in out.stderr
    assert "for edition 'sukoharjo-2024', not 'sukoharjo-2023'" in out.stderr
    assert "laporan ini untuk edisi 'sukoharjo-2024'" in out.stderr
    assert "[confidence.edition]" in out.stderr
    assert out.stdout == ""


def test_a_report_made_with_other_parameters_is_refused(published: Path) -> None:
    out = _explain(published, "--set", "finalists=5")
    assert out.exit_code == 1
    assert "differs from this evaluation" in out.stderr
    assert "berbeda dengan evaluasi ini" in out.stderr
    assert "[confidence.cutoffs[0].passed]" in out.stderr


def test_a_file_that_is_not_a_robustness_report_is_refused(tmp_path: Path) -> None:
    result_json = tmp_path / "result.json"
    assert cli("evaluate", RULESET, str(EXAMPLE), "--out", str(result_json)).exit_code == 0
    out = _explain(result_json)
    assert out.exit_code == 1
    assert "bukan laporan ketangguhan" in out.stderr
    assert re.search(r"result\.json:\d+:\d+: error: ", out.stderr)
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "schema_version": 1,\n  "ruleset": \n}\n', "utf-8")
    out = _explain(broken)
    assert out.exit_code == 1
    assert "broken.json:4:1: error: not valid JSON / bukan JSON yang sah" in out.stderr
    with pytest.raises(EditionError, match="larger than 10 bytes"):
        read_confidence(broken, max_bytes=10)


def test_options_that_do_not_go_together_are_refused(published: Path) -> None:
    both = _explain(published, "--chances")
    assert both.exit_code == 2
    assert "pilih --chances atau --robustness" in both.output
    alone = CliRunner().invoke(main, ["explain", RULESET, str(EXAMPLE), "SKH-0001", "--seed", "4"])
    assert alone.exit_code == 2
    assert "dipakai bersama --chances" in alone.output


def test_figures_the_schema_cannot_check_are_checked(published: Path, tmp_path: Path) -> None:
    data = json.loads(published.read_text("utf-8"))
    entry = next(e for e in data["confidence"]["entries"] if e["passed"])
    cid = next(iter(entry["passed"]))
    entry["passed"][cid]["count"] = REPLICATES + 1
    bad = tmp_path / "edited.json"
    bad.write_text(json.dumps(data, indent=2), "utf-8")
    with pytest.raises(EditionError, match=f"passed in {REPLICATES + 1} of {REPLICATES} replicates") as err:
        read_confidence(bad)
    assert err.value.problems[0].line is not None
    twice = tmp_path / "twice.json"
    twice.write_text(published.read_text("utf-8").replace('"seed": 3,', '"seed": 3, "seed": 4,', 1), "utf-8")
    with pytest.raises(EditionError, match="'seed' is written twice"):
        read_confidence(twice)


_SCALARS = st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.text(max_size=8) | st.floats()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_strangers_file_is_read_or_refused_never_crashes(published: Path, evaluated: EvalResult,
                                                           tmp_path: Path, data: st.DataObject) -> None:
    """One value anywhere in the report replaced: the file is read and the story told,
    or refused with an EditionError; nothing else."""
    doc = json.loads(published.read_text("utf-8"))
    node: Any = doc
    while isinstance(node, (dict, list)) and node:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        key = data.draw(st.sampled_from(keys))
        if not isinstance(node[key], (dict, list)) or not node[key] or data.draw(st.booleans()):
            node[key] = data.draw(_SCALARS)
            break
        node = node[key]
    path = tmp_path / "stranger.json"
    path.write_text(json.dumps(doc), "utf-8")
    try:
        conf = read_confidence(path, result=evaluated)
    except EditionError as exc:
        problems = exc.problems
    else:
        problems = []
        for lang in ("id", "en"):
            assert chances_text(conf, evaluated, "SKH-0003", lang).startswith(("Peluang", "Chances"))
    assert all(p.file == str(path) for p in problems)


def test_the_level_of_the_rank_interval_is_chosen_as_for_robustness(tmp_path: Path) -> None:
    """``explain --chances --level 0.8`` tells what ``robustness --level 0.8`` published."""
    path = tmp_path / "report.json"
    out = cli("robustness", RULESET, str(EXAMPLE), "-n", str(REPLICATES), "-s", str(SEED), "--level", "0.8",
              "--weight-range", "0", "-q", "--out", str(path))
    assert out.exit_code == 0, out.output
    sid = "SKH-0001"
    read = cli("explain", RULESET, str(EXAMPLE), sid, "--robustness", str(path))
    made = cli("explain", RULESET, str(EXAMPLE), sid, "--chances", "-n", str(REPLICATES), "-s", str(SEED),
               "--level", "0.8", "-q")
    assert read.exit_code == made.exit_code == 0, made.output
    assert made.stdout == read.stdout
    assert "peringkat 80%" in made.stdout
    assert "peringkat 90%" not in made.stdout
    wrong = CliRunner().invoke(main, ["explain", RULESET, str(EXAMPLE), sid, "--chances", "--level", "0,8"])
    assert wrong.exit_code == 2
    assert "antara 0 dan 1" in wrong.output
    alone = CliRunner().invoke(main, ["explain", RULESET, str(EXAMPLE), sid, "--level", "0.8"])
    assert alone.exit_code == 2
    assert "dipakai bersama --chances" in alone.output
