"""Fuzzing every edition reader: whatever the bytes, reading ends in an :class:`Edition`
or an :class:`EditionError` (never another exception); the test runner's timeout
bounds the time. Small inputs, built from the pieces hostile files are made of."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine_helpers import ruleset
from inovasi_rules import Edition, EditionError, EvaluationError, ReadLimits, evaluate, read_edition

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
LIMITS = ReadLimits(rows=50, columns=20, cell_chars=200, json_depth=8)

PIECES = [
    "id",
    "title",
    "submission_id",
    "stage",
    "judge_id",
    "criterion",
    "score",
    "S1",
    "S2",
    "J1",
    "p",
    "c",
    "80",
    "85,5",
    "1E-100000000",
    "1e999999999",
    "NaN",
    "-0",
    "2023-02-30",
    "31/12/2020",
    "ya",
    ",",
    ";",
    "\t",
    '"',
    '""',
    "\n",
    "\r\n",
    "\r",
    " ",
    "\x00",
    "é",
    "\ufeff",
    "x" * 30,
    "registered",
    "withdrawn",
    "budget",
]
text_soup = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
byte_soup = st.one_of(
    text_soup.map(lambda t: t.encode("utf-8")),
    text_soup.map(lambda t: t.encode("utf-16")),
    st.binary(max_size=200),
)


SCREENING = ruleset("""\
eligibility:
  - id: jenis
    when: {field: participant.kind, in: [perangkat_daerah, upt]}
    message: {id: "Peserta harus perangkat daerah atau UPT", en: "Entrant must be an agency or a technical unit"}
stages:
  - {id: administrasi, kind: screening}
""")


def _read(path: Path) -> None:
    problems = []
    try:
        result = read_edition(path, limits=LIMITS)
    except EditionError as exc:
        problems = exc.problems
        assert problems
    else:
        assert isinstance(result, Edition)
        assert result.id
        _every_submission_comes_out_once(result)
    assert all(p.message for p in problems)


def _every_submission_comes_out_once(edition: Edition) -> None:
    """An edition a reader accepts gives a result in which each of its submissions
    appears once, with a status and the reasons for it (or an error naming the data
    that does not fit the ruleset)."""
    try:
        result = evaluate(SCREENING, edition, load_entrypoints=False)
    except EvaluationError as exc:
        refused = list(exc.problems)
        assert refused
        return
    ids = [s.id for s in result.submissions]
    assert sorted(ids) == sorted(s.id for s in edition.submissions)
    assert len(ids) == len(set(ids))
    for sub in result.submissions:
        assert sub.stages, sub.id
        assert all(st.status for st in sub.stages)
        assert sub.stages[0].reasons, sub.id


@FUZZ
@given(submissions=byte_soup, scores=st.none() | byte_soup, judges=st.none() | byte_soup)
def test_csv_folders(submissions: bytes, scores: bytes | None, judges: bytes | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "submissions.csv").write_bytes(submissions)
        if scores is not None:
            (folder / "scores.csv").write_bytes(scores)
        if judges is not None:
            (folder / "judges.csv").write_bytes(judges)
        _read(folder)


YAML_PIECES = [
    "id: ",
    "year: ",
    "parameters:",
    "fields:",
    "ruleset: ",
    "  a: ",
    "  - ",
    "&a ",
    "*a",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "2023",
    "1.0e+999999999",
    "9" * 50,
    "\n",
    "x",
    "'",
    '"',
    ": ",
    "number",
    "budget: ",
    "!!python/object",
    "<<: ",
    "\t",
    "1E-100000000",
    "yes",
]


@FUZZ
@given(st.lists(st.sampled_from(YAML_PIECES), max_size=40).map("".join))
def test_edition_yaml(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "edition.yaml").write_text(text, encoding="utf-8")
        (folder / "submissions.csv").write_text("id\nS1\n", encoding="utf-8")
        _read(folder)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.sampled_from(["S1", "p", "J1", "c", "80", "1E-100000000", "2023-01-01", ""])
    | st.floats(allow_nan=False),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "edition",
                    "submissions",
                    "scores",
                    "judges",
                    "verdicts",
                    "score",
                    "submission_id",
                    "stage",
                    "judge_id",
                    "criterion",
                    "year",
                    "parameters",
                    "extra",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=25,
)
JSON_PIECES = [
    '{"',
    '":',
    "[",
    "]",
    "{",
    "}",
    ",",
    "1e999999999",
    "NaN",
    '"id"',
    '"score"',
    "9" * 30,
]


@FUZZ
@given(
    st.one_of(
        json_values.map(json.dumps),
        st.lists(st.sampled_from(JSON_PIECES), max_size=40).map("".join),
    )
)
def test_json(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "edition.json"
        path.write_text(text, encoding="utf-8")
        _read(path)


cells = st.one_of(
    st.none(),
    st.sampled_from(["id", "S1", "submission_id", "stage", "judge_id", "criterion", "score"]),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=5),
)
sheet = st.lists(st.lists(cells, max_size=6), max_size=6)


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(["edition", "submissions", "judges", "scores", "verdicts", "nilai", "x"]),
        sheet,
        min_size=1,
        max_size=4,
    )
)
def test_xlsx(sheets: dict[str, list[list[object]]]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "edition.xlsx"
        book = openpyxl.Workbook()
        book.remove(book.active)
        for name, rows in sheets.items():
            ws = book.create_sheet(name)
            for row in rows:
                try:
                    ws.append(row)
                except Exception:  # openpyxl refuses some text (control characters)
                    continue
        book.save(path)
        _read(path)


@FUZZ
@given(st.binary(max_size=300))
def test_xlsx_that_is_no_workbook(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "edition.xlsx"
        path.write_bytes(data)
        _read(path)
