"""A result keeps compact rows and makes its objects when read: it reads, compares,
hashes and writes exactly as the same result built from objects does; the JSON text
is the json module's, byte for byte, whichever encoder writes it."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inovasi_rules import (
    AwardGrant,
    Label,
    Reason,
    Result,
    StageOutcome,
    SubmissionResult,
    evaluate,
    load_ruleset,
    read_edition,
)
from inovasi_rules.result import SubmissionResults

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def result() -> Result:
    return evaluate(load_ruleset("kipp-sukoharjo-2023"), read_edition(ROOT / "examples" / "sukoharjo-2023"),
                    load_entrypoints=False)


def test_an_evaluation_keeps_its_submissions_compact(result: Result) -> None:
    assert isinstance(result.submissions, SubmissionResults)


def test_the_compact_result_reads_as_the_one_built_from_objects(result: Result) -> None:
    built = attrs.evolve(result, submissions=tuple(result.submissions))
    assert isinstance(built.submissions, tuple)
    assert built == result
    assert result == built
    assert hash(built) == hash(result)
    for indent in (2, None, 4):
        assert built.to_json(indent=indent) == result.to_json(indent=indent)
    assert built.to_csv() == result.to_csv()
    assert built.to_csv("en") == result.to_csv("en")
    assert built.to_dict() == result.to_dict()
    assert built.funnel() == result.funnel()
    for sid, _ in result.stages:
        assert built.passed(sid) == result.passed(sid)
        assert built.ranks(sid) == result.ranks(sid) == {
            s.id: o.rank for s in built.submissions if (o := s.stage(sid)) is not None and o.rank is not None}
    assert any(result.ranks(sid) for sid, _ in result.stages)
    for aid, _ in result.awards:
        assert built.winners(aid) == result.winners(aid)
    assert built.count_by("participant.kind") == result.count_by("participant.kind")
    last = result.submissions[-1]
    assert result.submission(last.id) == last
    assert result.submissions[-1:] == (last,)
    assert list(result) == list(built)


def test_a_submission_read_twice_is_the_same_object(result: Result) -> None:
    sid = result.submissions[3].id
    assert result.submission(sid) is result.submission(sid)
    with pytest.raises(KeyError):
        result.submission("no-such-entry")
    with pytest.raises(IndexError):
        result.submissions[len(result.submissions)]


def test_the_json_text_is_the_json_modules(result: Result) -> None:
    for indent in (2, None, 4):
        expected = json.dumps(result.to_dict(), ensure_ascii=False, indent=indent, sort_keys=True) + "\n"
        assert result.to_json(indent=indent) == expected


_TEXT = st.text(st.characters(codec="utf-8"), max_size=12)


@settings(max_examples=60, deadline=None)
@given(title=_TEXT, message=_TEXT, rule=_TEXT, field=_TEXT)
def test_any_text_is_written_as_the_json_module_writes_it(title: str, message: str, rule: str, field: str) -> None:
    sub = SubmissionResult(
        "S1", title,
        (StageOutcome("s", "advanced", D("81.25"), rank=1, criteria={"k": D("8")},
                      reasons=(Reason(rule, "eligibility", True, Label(message, None), Label(title, message)),)),),
        (AwardGrant("a", Label(message), 1, amount=D("1500000")),),
        {"participant.kind": field},
    )
    result = Result("r", "e", (sub,), (("s", Label(message)),), findings=())
    assert result.to_json() == json.dumps(result.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_a_text_the_fast_encoder_refuses_is_still_written() -> None:
    # a lone surrogate cannot be UTF-8; the json module writes it as the str it is
    sub = SubmissionResult("S1", "a\ud800b", ())
    result = Result("r", "e", (sub,), ())
    assert '"a\ud800b"' in result.to_json()


def test_an_unknown_award_or_stage_id_is_an_error_naming_the_known_ones(result: Result) -> None:
    # a typo must not read as "nobody won" (the compact result and the built one alike)
    for r in (result, attrs.evolve(result, submissions=tuple(result.submissions))):
        with pytest.raises(KeyError, match=r"'top-inovsi'.*top-inovasi.*/ tidak ada penghargaan"):
            r.winners("top-inovsi")
        for ask in (r.passed, r.ranks):
            with pytest.raises(KeyError, match=r"'penilain'.*administrasi, penilaian, presentasi.*/ tidak ada tahap"):
                ask("penilain")
        with pytest.raises(KeyError, match="nope"):
            r.count_by("participant.kind", award="nope")


def test_a_stage_nobody_reached_is_empty_not_an_error(result: Result) -> None:
    nobody = attrs.evolve(result, submissions=tuple(
        attrs.evolve(s, stages=s.stages[:1], awards=()) for s in result.submissions))
    assert nobody.passed("presentasi") == []
    assert nobody.ranks("presentasi") == {}
    assert nobody.winners("top-inovasi") == []


@pytest.mark.parametrize(("ruleset", "folder"), [
    ("kipp-sukoharjo-2023", "sukoharjo-2023"),  # adjustments, placeholders in messages
    ("kipp-2019", "history/kipp-2019"),  # a count of earlier awards, field visits
])
def test_an_evaluation_writes_no_text_until_one_is_read(
    ruleset: str, folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Evaluating decides; it puts no number or date into words. A what-if sweep, a
    resampling of the judges or a service that answers with statuses never pays for
    the texts, and the texts a reader asks for are written then (the golden results
    show they are the same)."""
    import sys

    from inovasi_rules import messages

    rs, edition = load_ruleset(ruleset), read_edition(ROOT / "examples" / folder)
    said = messages.said
    spoken: list[object] = []

    def counted(value: object) -> tuple[str, str]:
        spoken.append(value)
        return said(value)  # type: ignore[arg-type]

    for name, module in list(sys.modules.items()):
        if name.startswith("inovasi_rules") and getattr(module, "said", None) is said:
            monkeypatch.setattr(module, "said", counted)
    result = evaluate(rs, edition, load_entrypoints=False)
    assert spoken == []
    assert any(result.winners(award.id) for award in rs.awards)
    result.to_json()
    assert spoken
