"""Tests of inovasi_rules.edition: the readers, the writer, from_records and the checks."""

from __future__ import annotations

import datetime
import hashlib
import io
import pickle
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inovasi_rules.edition import (
    DEFAULT_READ_LIMITS,
    MISSING,
    SUBMISSION_FIELDS,
    Edition,
    Innovation,
    Judge,
    Origin,
    Participant,
    ReadLimits,
    Score,
    Submission,
    Verdict,
    read_edition,
    write_edition,
)
from inovasi_rules.errors import EditionError, Problem

DATA = Path(__file__).parent / "data" / "editions"
MINI = DATA / "kipp-mini"

SUB_HEADER = "id,title,registered,participant.kind\n"
SCORE_HEADER = "submission_id,stage,judge_id,criterion,score\n"


def make_folder(
    root: Path,
    *,
    submissions: str | bytes = SUB_HEADER + "S1,Satu,2023-01-02,upt\nS2,Dua,,bumd\n",
    scores: str | bytes | None = None,
    judges: str | bytes | None = None,
    verdicts: str | bytes | None = None,
    edition_yaml: str | None = None,
) -> Path:
    """Write an edition folder; text is written as UTF-8 exactly as given."""
    folder = root / "ed"
    folder.mkdir(exist_ok=True)
    for name, content in (
        ("submissions.csv", submissions),
        ("scores.csv", scores),
        ("judges.csv", judges),
        ("verdicts.csv", verdicts),
        ("edition.yaml", edition_yaml),
    ):
        if content is None:
            continue
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


def problems_of(path: Path, limits: ReadLimits = DEFAULT_READ_LIMITS) -> list[Problem]:
    with pytest.raises(EditionError) as info:
        read_edition(path, limits=limits)
    return info.value.problems


def only_error(path: Path, limits: ReadLimits = DEFAULT_READ_LIMITS) -> Problem:
    errors = [p for p in problems_of(path, limits) if p.level == "error"]
    assert len(errors) == 1, [str(p) for p in errors]
    return errors[0]


# --------------------------------------------------------------------------------------
# MISSING and the record classes
# --------------------------------------------------------------------------------------


def test_missing_is_a_falsy_singleton() -> None:
    assert not MISSING
    assert repr(MISSING) == "MISSING"
    assert pickle.loads(pickle.dumps(MISSING)) is MISSING


def test_submission_get_known_extra_and_missing_fields() -> None:
    s = Submission(
        "S1",
        title="Posyandu",
        participant=Participant(kind="upt", province="jateng"),
        innovation=Innovation(status="berjalan", previous_awards=["top-99", "top-99"]),
        registered=datetime.date(2023, 1, 2),
        extra={"sdgs": ["3", "4"], "innovation.sdgs": "5", "empty": "", "none": None},
    )
    assert s.get("id") == "S1"
    assert s.get("title") == "Posyandu"
    assert s.get("participant.kind") == "upt"
    assert s.get("participant.province") == "jateng"
    assert s.get("innovation.status") == "berjalan"
    assert s.get("innovation.previous_awards") == ("top-99", "top-99")
    assert s.get("registered") == datetime.date(2023, 1, 2)
    assert s.get("withdrawn") is False
    # extra fields by their full column name; lists become tuples
    assert s.get("sdgs") == ("3", "4")
    assert s.get("innovation.sdgs") == "5"
    # absent, None, empty text, unknown, a prefix of a path: all MISSING
    for path in ("participant.agency", "category", "empty", "none", "nope", "participant"):
        assert s.get(path) is MISSING
    assert Submission("S2").get("innovation.previous_awards") is MISSING


_BLANKS = st.sampled_from([None, "", ()])
_VALUES = st.one_of(_BLANKS, st.sampled_from(["a", "jateng", "top-99"]), st.dates())


@given(
    title=st.one_of(st.none(), st.just(""), st.just("Posyandu")),
    kind=st.one_of(st.none(), st.just(""), st.just("upt")),
    started=st.one_of(st.none(), st.dates()),
    extra=st.dictionaries(
        st.sampled_from(["title", "participant.kind", "category", "sdgs", "x"]), _VALUES, max_size=5
    ),
)
def test_submission_values_are_what_get_reads(
    title: str | None, kind: str | None, started: datetime.date | None, extra: dict[str, object]
) -> None:
    s = Submission("S1", title=title, participant=Participant(kind=kind),
                   innovation=Innovation(started=started), extra=extra)
    paths = set(SUBMISSION_FIELDS) | set(extra) | {"nope"}
    read = {p: s.get(p) for p in paths if s.get(p) is not MISSING}
    assert dict(s.values) == read
    # a field with a value of its own wins over an extra column of the same name; an
    # empty field leaves the column's value to be read
    own = {"title": title, "participant.kind": kind}
    for path, value in own.items():
        if value:
            assert s.get(path) == value
        elif extra.get(path) not in (None, "", ()):
            assert s.get(path) == extra[path]
        else:
            assert s.get(path) is MISSING
    assert all(v not in (None, "", ()) for v in s.values.values())


def test_records_are_frozen_hashable_and_compared_by_value() -> None:
    a = Submission("S1", extra={"x": ["1"]}, origin=Origin("a.csv", 2))
    b = Submission("S1", extra={"x": ("1",)}, origin=Origin("b.csv", 9))
    assert a == b
    assert hash(a) == hash(b)
    assert a.extra == {"x": ("1",)}
    with pytest.raises(TypeError):
        a.extra["y"] = 1  # type: ignore[index]
    with pytest.raises(AttributeError):
        a.title = "changed"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(a)) == a
    assert pickle.loads(pickle.dumps(a)).get("x") == ("1",)


def test_judge_get() -> None:
    j = Judge("J1", affiliation="UNS", province="jateng", extra={"expertise": "kesehatan"})
    assert j.get("id") == "J1"
    assert j.get("affiliation") == "UNS"
    assert j.get("province") == "jateng"
    assert j.get("expertise") == "kesehatan"
    assert j.get("agency") is MISSING
    assert j.get("name") is MISSING


def test_score_equality_ignores_the_row() -> None:
    a = Score("S1", "proposal", "J1", "kebaruan", Decimal("85"), row=2)
    b = Score("S1", "proposal", "J1", "kebaruan", Decimal("85.0"), row=None)
    c = Score("S1", "proposal", "J1", "kebaruan", Decimal("86"), row=2)
    assert a == b
    assert not a != b  # noqa: SIM202
    assert hash(a) == hash(b)
    assert a != c
    assert a.value == Decimal("85")
    assert a.row == 2


def test_verdict_words_are_normalised() -> None:
    assert Verdict("S1", "observasi", "Terverifikasi").verdict == "confirmed"
    assert Verdict("S1", "observasi", "dikonfirmasi").verdict == "confirmed"
    assert Verdict("S1", "observasi", "GUGUR").verdict == "dropped"
    assert Verdict("S1", "observasi", "tidak_terverifikasi").verdict == "dropped"
    assert Verdict("S1", "observasi", "dropped").verdict == "dropped"


def test_edition_indexes_and_repr() -> None:
    e = Edition(
        id="x",
        submissions=[Submission("S1"), Submission("S2")],
        judges=[Judge("J1")],
    )
    assert e.submission_by_id()["S2"] == Submission("S2")
    assert e.submission_by_id() is e.submission_by_id()
    assert set(e.judge_by_id()) == {"J1"}
    assert "submissions=<2>" in repr(e)


# --------------------------------------------------------------------------------------
# The readers
# --------------------------------------------------------------------------------------


def test_read_folder() -> None:
    e = read_edition(MINI)
    assert e.id == "kipp-mini-2023"
    assert e.ruleset == "kipp-sukoharjo-2023"
    assert e.year == 2023
    assert e.title == "KIPP Mini 2023"
    assert e.parameters == {
        "bonus_points": 5,
        "weight": Decimal("0.4"),
        "reference_date": datetime.date(2023, 12, 31),
    }
    assert isinstance(e.parameters["weight"], Decimal)
    assert [s.id for s in e.submissions] == ["SKH-001", "SKH-002", "SKH-003"]
    s1, s2, s3 = e.submissions
    assert s1.participant == Participant(
        "perangkat_daerah", "Dinas Kesehatan", "jateng", "sukoharjo", "Tim Sehat"
    )
    assert s1.innovation == Innovation("berjalan", datetime.date(2020, 1, 15), ("top-99",) * 2)
    assert s1.withdrawn is False
    assert s1.extra == {
        "budget": Decimal("1500000.50"),
        "sdgs": ("3", "4"),
        "verified_on": datetime.date(2023, 12, 1),
        "flag": True,
    }
    assert s1.origin == Origin(str(MINI / "submissions.csv"), 2)
    # DD/MM/YYYY, "no", an undeclared extra column stays text
    assert s2.registered == datetime.date(2023, 11, 30)
    assert s2.get("note") == "late entry"
    assert s2.get("flag") is False
    assert s2.get("innovation.started") is MISSING
    assert s3.withdrawn is True
    assert s3.get("flag") is MISSING
    assert s3.get("innovation.previous_awards") == ("top-45",)
    # judge_id is accepted for id; an extra column is kept
    assert [j.id for j in e.judges] == ["J1", "J2"]
    assert e.judges[0].get("expertise") == "kesehatan"
    assert e.judges[1].agency == "Kementerian PANRB"
    # scores: Decimal, decimal comma, row numbers
    assert e.scores[0] == Score("SKH-001", "proposal", "J1", "kebaruan", Decimal("85"))
    assert e.scores[0].row == 2
    assert e.scores[3].value == Decimal("77.5")
    assert [s.row for s in e.scores] == [2, 3, 4, 5, 6, 7]
    assert e.verdicts == (
        Verdict("SKH-001", "observasi", "confirmed"),
        Verdict("SKH-003", "observasi", "dropped", "tidak ditemukan di lapangan"),
    )
    assert e.findings == ()
    assert e.source == str(MINI)
    assert e.files == {
        "edition": str(MINI / "edition.yaml"),
        "submissions": str(MINI / "submissions.csv"),
        "judges": str(MINI / "judges.csv"),
        "scores": str(MINI / "scores.csv"),
        "verdicts": str(MINI / "verdicts.csv"),
    }


def test_read_json_equals_the_folder() -> None:
    folder = read_edition(MINI)
    from_json = read_edition(DATA / "kipp-mini.json")
    assert from_json == folder
    assert from_json.submissions[0].origin == Origin(
        str(DATA / "kipp-mini.json"), None, "submissions[0]"
    )
    assert from_json.scores[0].row is None
    assert from_json.files["scores"] == str(DATA / "kipp-mini.json")


def test_json_errors_are_located_by_path(tmp_path: Path) -> None:
    path = tmp_path / "e.json"
    path.write_text(
        '{"submissions": [{"id": "S1"}, {"id": "S2", "participant": {"kind": ["a"]},'
        ' "registered": "31-12-2023"}],'
        ' "scores": [{"submission_id": "S9", "stage": "p", "judge_id": "J", "criterion": "c",'
        ' "score": 1}]}',
        encoding="utf-8",
    )
    problems = {p.path: p for p in problems_of(path)}
    assert set(problems) == {
        "submissions[1].participant.kind",
        "submissions[1].registered",
        "scores[0].submission_id",
    }
    assert all(p.file == str(path) and p.row is None for p in problems.values())
    assert "YYYY-MM-DD" in (problems["submissions[1].registered"].hint or "")


@pytest.mark.parametrize("value", ["true", "false"])
def test_json_score_true_or_false_is_not_a_number(tmp_path: Path, value: str) -> None:
    path = tmp_path / "e.json"
    path.write_text(
        '{"submissions": [{"id": "S1"}], "scores": [{"submission_id": "S1", "stage": "p", '
        f'"judge_id": "J1", "criterion": "c", "score": {value}}}]}}',
        encoding="utf-8",
    )
    problem = only_error(path)
    assert problem.path == "scores[0].score"
    assert problem.message == f"score {value} is not a number / nilai {value} bukan angka"


def test_json_syntax_error_names_line(tmp_path: Path) -> None:
    path = tmp_path / "e.json"
    path.write_text('{"submissions": [\n  {"id": "S1",}\n]}', encoding="utf-8")
    problem = only_error(path)
    assert problem.file == str(path)
    assert problem.line == 2
    assert problem.rule == "json-syntax"


@pytest.mark.parametrize(
    ("document", "where"),
    [
        ('{"submissions": [{"id": "S1\\ud800"}]}', "submissions[0].id"),
        ('{"submissions": [{"id": "S1", "title": "x\\udc80y"}]}', "submissions[0].title"),
        ('{"edition": {"id": "e\\udfff"}, "submissions": [{"id": "S1"}]}', "edition.id"),
        ('{"submissions": [{"id": "S1", "x\\ud800": 1}]}', "submissions[0].x\\ud800"),
    ],
)
def test_json_text_with_a_lone_surrogate_is_refused(
    tmp_path: Path, document: str, where: str
) -> None:
    path = tmp_path / "e.json"
    path.write_text(document, encoding="utf-8")
    problem = only_error(path)
    assert (problem.path, problem.rule) == (where, "json-character")
    assert "karakter yang tidak sah" in problem.message
    problem.format().encode("utf-8")  # printable


def test_json_text_with_a_surrogate_pair_is_read(tmp_path: Path) -> None:
    path = tmp_path / "e.json"
    path.write_text('{"submissions": [{"id": "S1", "title": "\\ud83d\\ude00"}]}', "utf-8")
    assert read_edition(path).submissions[0].title == "\U0001f600"


def test_edition_yaml_text_with_a_lone_surrogate_is_refused(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    (folder / "edition.yaml").write_text('year: 2023\nid: "e\\ud800"\n', encoding="utf-8")
    problem = only_error(folder)
    assert (problem.line, problem.path, problem.rule) == (2, "id", "yaml-character")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_edition_yaml_and_json_with_a_byte_order_mark_are_read(
    tmp_path: Path, encoding: str
) -> None:
    def marked(text: str) -> bytes:  # as Notepad saves "Unicode": a mark, then the text
        if encoding.endswith("-be"):  # these codecs write no mark of their own
            text = "\ufeff" + text
        return text.encode(encoding)

    folder = make_folder(tmp_path)
    (folder / "edition.yaml").write_bytes(marked("id: e-2023\nyear: 2023\n"))
    assert (read_edition(folder).id, read_edition(folder).year) == ("e-2023", 2023)
    path = tmp_path / "e.json"
    path.write_bytes(marked('{"submissions": [{"id": "S1", "title": "Ruang Ibu"}]}'))
    assert read_edition(path).submissions[0].title == "Ruang Ibu"


@pytest.mark.parametrize("name", ["edition.yaml", "e.json"])
def test_edition_text_in_utf16_without_a_mark_is_an_encoding_error(
    tmp_path: Path, name: str
) -> None:
    folder = make_folder(tmp_path)
    path = folder / name if name == "edition.yaml" else tmp_path / name
    text = "id: e\n" if name == "edition.yaml" else '{"submissions": [{"id": "S1"}]}'
    path.write_bytes(text.encode("utf-16-le"))
    problems = problems_of(folder if name == "edition.yaml" else path)
    assert [(p.file, p.rule, p.level) for p in problems] == [(str(path), "encoding", "error")]
    assert "UTF-16" in problems[0].message
    assert "bukan teks UTF-8" in problems[0].message


def test_a_declared_field_is_found_in_any_letter_case(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path,
        submissions="Submission_ID,ANGGARAN,Title\nS1,\"5000,5\",Satu\n",
        edition_yaml="id: e\nfields: {anggaran: number}\n",
    )
    sub = read_edition(folder).submissions[0]
    assert sub.extra == {"anggaran": Decimal("5000.5")}
    assert (sub.id, sub.title) == ("S1", "Satu")  # as the built-in columns are
    (folder / "submissions.csv").write_text("id,Anggaran\nS1,banyak\n", encoding="utf-8")
    problem = only_error(folder)
    assert (problem.row, problem.column, problem.path) == (2, 2, "anggaran")
    assert "bukan angka" in problem.message


def _mini_workbook(path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "edition"
    for row in (
        ("key", "value"),
        ("id", "kipp-mini-2023"),
        ("ruleset", "kipp-sukoharjo-2023"),
        ("year", 2023),
        ("title", "KIPP Mini 2023"),
        ("notes", "Three submissions, two judges, two criteria."),
        ("parameters.bonus_points", 5),
        ("parameters.weight", 0.4),
        ("parameters.reference_date", datetime.datetime(2023, 12, 31)),
        ("fields.budget", "number"),
        ("fields.sdgs", "list"),
        ("fields.verified_on", "date"),
        ("fields.flag", "bool"),
    ):
        ws.append(row)
    ws = wb.create_sheet("submissions")
    ws.append(
        [
            "id",
            "title",
            "category",
            "group",
            "registered",
            "withdrawn",
            "participant.kind",
            "participant.agency",
            "participant.province",
            "participant.regency",
            "participant.name",
            "innovation.status",
            "innovation.started",
            "innovation.previous_awards",
            "budget",
            "sdgs",
            "verified_on",
            "flag",
            "note",
        ]
    )
    ws.append(
        [
            "SKH-001",
            "Posyandu Digital",
            "kesehatan",
            "umum",
            datetime.datetime(2023, 11, 28),
            False,
            "perangkat_daerah",
            "Dinas Kesehatan",
            "jateng",
            "sukoharjo",
            "Tim Sehat",
            "berjalan",
            datetime.datetime(2020, 1, 15),
            "top-99; top-99",
            1500000.5,
            "3;4",
            datetime.datetime(2023, 12, 1),
            True,
        ]
    )
    ws.append(
        [
            "SKH-002",
            "Sekolah Ramah Anak",
            "pendidikan",
            "umum",
            "30/11/2023",
            "no",
            "upt",
            "UPT SD Negeri 1",
            "jateng",
            "sukoharjo",
            None,
            "rintisan",
            None,
            None,
            None,
            4,
            None,
            "tidak",
            "late entry",
        ]
    )
    ws.append([])  # a blank row in the middle is skipped
    ws.append(
        [
            "SKH-003",
            "Bank Sampah Pintar",
            "energi",
            "replikasi",
            datetime.datetime(2023, 12, 1),
            1,
            "bumd",
            "PDAM",
            "jateng",
            "sukoharjo",
            None,
            "selesai",
            datetime.datetime(2019, 6, 1),
            "top-45",
            250000,
        ]
    )
    ws = wb.create_sheet("judges")
    ws.append(["id", "name", "affiliation", "province", "agency", "expertise"])
    ws.append(["J1", "Dr. Sari", "Universitas Sebelas Maret", "jateng", None, "kesehatan"])
    ws.append(["J2", "Budi", "KemenPAN-RB", "dki", "Kementerian PANRB"])
    ws = wb.create_sheet("scores")
    ws.append(["submission_id", "stage", "judge_id", "criterion", "score"])
    for row in (
        ("SKH-001", "proposal", "J1", "kebaruan", 85),
        ("SKH-001", "proposal", "J1", "kemanfaatan", 90.5),
        ("SKH-001", "proposal", "J2", "kebaruan", "80"),
        ("SKH-001", "proposal", "J2", "kemanfaatan", "77,5"),
        ("SKH-003", "proposal", "J1", "kebaruan", 70),
        ("SKH-003", "proposal", "J1", "kemanfaatan", 65.0),
    ):
        ws.append(row)
    ws = wb.create_sheet("verdicts")
    ws.append(["submission_id", "stage", "verdict", "note"])
    ws.append(["SKH-001", "observasi", "terverifikasi"])
    ws.append(["SKH-003", "observasi", "gugur", "tidak ditemukan di lapangan"])
    wb.save(path)


def test_read_xlsx_equals_the_folder(tmp_path: Path) -> None:
    path = tmp_path / "kipp-mini.xlsx"
    _mini_workbook(path)
    e = read_edition(path)
    assert e == read_edition(MINI)
    assert e.scores[1].value == Decimal("90.5")
    assert e.scores[5].row == 7
    assert e.submissions[2].origin == Origin(str(path), 5, "submissions")
    assert e.files["scores"] == str(path)


def test_xlsx_errors_name_sheet_cell_and_row(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "bad.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Submissions"
    ws.append(["id", "registered"])
    ws.append(["S1", "kemarin"])
    ws = wb.create_sheet("scores")
    ws.append(["submission_id", "stage", "judge_id", "criterion", "score"])
    ws.append(["S1", "proposal", "J1", "kebaruan", 80])
    ws.append(["S1", "proposal", "J1", "kemanfaatan", "delapan"])
    wb.save(path)
    problems = {p.path: p for p in problems_of(path)}
    assert set(problems) == {"Submissions!B2", "scores!E3"}
    score = problems["scores!E3"]
    assert (score.file, score.row, score.column) == (str(path), 3, 5)
    date = problems["Submissions!B2"]
    assert (date.file, date.row, date.column) == (str(path), 2, 2)


def _workbook(path: Path, sheets: list[tuple[str, list[list[object]]]]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)


def _rewrite_sheet(path: Path, change: Callable[[str], str]) -> None:
    """Rewrite the XML of the first sheet of the workbook ``path``."""
    import zipfile

    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            content = old.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = change(content.decode()).encode()
            new.writestr(info, content)


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda xml: xml.replace("</sheetData>", "", 1), "mismatched tag"),
        (  # an entity that expands a thousand-fold
            lambda xml: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            + "".join(
                f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
            )
            + "]>"
            + xml[xml.find("<worksheet") :].replace("<t>S1</t>", "<t>&i;</t>"),
            "amplification",
        ),
    ],
)
def test_xlsx_sheet_with_broken_xml_is_named(
    tmp_path: Path, change: Callable[[str], str], said: str
) -> None:
    path = tmp_path / "e.xlsx"
    _workbook(path, [("submissions", [["id"], ["S1"]])])  # text inline, in the sheet
    _rewrite_sheet(path, change)
    problem = only_error(path)
    assert (problem.file, problem.path, problem.rule) == (str(path), "submissions", "excel")
    assert "lembar 'submissions' tidak bisa dibaca" in problem.message
    assert said in problem.message


def test_xlsx_two_sheets_naming_one_table_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "e.xlsx"
    _workbook(path, [("submissions", [["id"], ["S1"]]), ("Submissions ", [["id"], ["S9"]])])
    problem = only_error(path)
    assert problem.rule == "duplicate-sheet"
    assert "'submissions' and 'Submissions '" in problem.message


def test_xlsx_edition_key_written_twice_names_both_rows(tmp_path: Path) -> None:
    path = tmp_path / "e.xlsx"
    _workbook(
        path,
        [("edition", [["id", "first"], ["year", 2023], ["id", "second"]]),
         ("submissions", [["id"], ["S1"]])],
    )
    problem = only_error(path)
    assert (problem.rule, problem.path, problem.row) == ("duplicate-key", "edition!A3", 3)
    assert "rows 1 and 3" in problem.message


def test_xlsx_formula_without_saved_value_is_named(tmp_path: Path) -> None:
    path = tmp_path / "e.xlsx"
    _workbook(
        path,
        [("submissions", [["id", "title"], ['="S"&"1"', "Satu"], ["S2", '=UPPER("dua")']])],
    )
    problems = problems_of(path)
    assert [(p.path, p.rule) for p in problems] == [
        ("submissions!A2", "excel-formula"),
        ("submissions!B3", "excel-formula"),
    ]
    assert "formula whose value was not saved" in problems[0].message
    assert "rumus" in problems[0].message


def test_xlsx_formula_with_saved_value_is_read(tmp_path: Path) -> None:
    path = tmp_path / "e.xlsx"
    _workbook(path, [("submissions", [["id", "title"], ["S1", '=UPPER("satu")']])])
    # as Excel saves it: the formula and, beside it, its value
    _rewrite_sheet(
        path, lambda xml: xml.replace('<c r="B2">', '<c r="B2" t="str">').replace("<v />", "<v>SATU</v>")
    )
    assert read_edition(path).submissions[0].title == "SATU"


def test_xlsx_formula_whose_saved_value_is_empty_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "e.xlsx"
    _workbook(path, [("submissions", [["id", "title"], ["S1", '=IF(1=0,"x","")']])])
    # as Excel saves a formula that gives empty text: an empty value of type "str"
    _rewrite_sheet(path, lambda xml: xml.replace('<c r="B2">', '<c r="B2" t="str">'))
    assert read_edition(path).submissions[0].title is None


def test_xlsx_without_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "e.xlsx"
    path.write_bytes(b"PK")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    problem = only_error(path)
    assert problem.hint == 'pip install "inovasi-rules[excel]"'
    assert problem.file == str(path)


def test_broken_workbook(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    path = tmp_path / "e.xlsx"
    path.write_bytes(b"this is not a zip file")
    problem = only_error(path)
    assert problem.file == str(path)
    assert problem.rule == "excel"


def test_not_an_edition(tmp_path: Path) -> None:
    problem = only_error(tmp_path / "nowhere")
    assert problem.file == str(tmp_path / "nowhere")
    (tmp_path / "x.txt").write_text("hi", encoding="utf-8")
    assert only_error(tmp_path / "x.txt").rule == "not-found"


def test_folder_without_submissions(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    problem = only_error(folder)
    assert problem.file == str(folder / "submissions.csv")
    assert problem.rule == "required"


def test_edition_yaml_is_optional_and_id_comes_from_the_content(tmp_path: Path) -> None:
    e = read_edition(make_folder(tmp_path))
    # the SHA-256 of the submission ids, each followed by a line feed
    assert e.id == "edition-" + hashlib.sha256(b"S1\nS2\n").hexdigest()[:12]
    assert e.ruleset is None
    assert "edition" not in e.files
    assert [s.id for s in e.submissions] == ["S1", "S2"]
    assert e.submissions[0].registered == datetime.date(2023, 1, 2)
    assert e.submissions[1].registered is None
    assert e.scores == ()
    assert e.judges == ()


def test_bad_edition_yaml(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, edition_yaml="id: x\nyear: [2023\n")
    problem = only_error(folder)
    assert problem.file == str(folder / "edition.yaml")
    assert problem.line is not None
    assert problem.rule == "yaml-syntax"


def test_edition_yaml_checks(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path,
        edition_yaml="id: x\nyear: soon\nfields:\n  budget: money\n  title: number\nrulset: k\n",
    )
    problems = problems_of(folder)
    errors = {p.path: p for p in problems if p.level == "error"}
    assert set(errors) == {"year", "fields.budget", "fields.title"}
    assert errors["year"].line == 2
    assert errors["fields.budget"].line == 4
    warning = next(p for p in problems if p.level == "warning")
    assert warning.path == "rulset"
    assert warning.hint == "did you mean 'ruleset'? / maksud Anda 'ruleset'?"


# --------------------------------------------------------------------------------------
# CSV robustness
# --------------------------------------------------------------------------------------


def test_utf8_with_bom(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path, submissions=b"\xef\xbb\xbf" + SUB_HEADER.encode() + b"S1,Caf\xc3\xa9,,\n"
    )
    e = read_edition(folder)
    assert e.submissions[0].id == "S1"
    assert e.submissions[0].title == "Café"
    assert e.findings == ()


def test_windows_line_endings(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path,
        submissions=SUB_HEADER.replace("\n", "\r\n")
        + 'S1,"two\r\nlines",2023-01-02,upt\r\nS2,,,\r\n',
        scores=SCORE_HEADER.replace("\n", "\r\n") + "S1,p,J1,c,80\r\nS2,p,J1,c,70\r\n",
    )
    e = read_edition(folder)
    assert e.submissions[0].title == "two\r\nlines"
    assert e.submissions[0].get("participant.kind") == "upt"
    assert [(s.submission, s.row) for s in e.scores] == [("S1", 2), ("S2", 3)]


def test_cp1252_falls_back_with_a_warning(tmp_path: Path) -> None:
    text = SUB_HEADER + "S1,Kopi Caf\u00e9 \u2013 Solo,,upt\n"
    folder = make_folder(tmp_path, submissions=text.encode("cp1252"))
    e = read_edition(folder)
    assert e.submissions[0].title == "Kopi Caf\u00e9 \u2013 Solo"
    (finding,) = e.findings
    assert finding.level == "warning"
    assert finding.rule == "encoding"
    assert finding.file == str(folder / "submissions.csv")


def test_utf16_with_bom(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, submissions=(SUB_HEADER + "S1,Caf\u00e9,,\n").encode("utf-16"))
    assert read_edition(folder).submissions[0].title == "Caf\u00e9"


def test_semicolon_delimiter(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path,
        submissions='id;title;innovation.previous_awards\nS1;Satu;"top-99;top-45"\n',
        scores="submission_id;stage;judge_id;criterion;score\nS1;p;J1;c;85,5\n",
    )
    e = read_edition(folder)
    assert e.submissions[0].get("innovation.previous_awards") == ("top-99", "top-45")
    assert e.scores[0].value == Decimal("85.5")


def test_missing_required_column_suggests_a_near_miss(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path, scores="submision_id,stage,judge_id,criterion,score\nS1,p,J1,c,80\n"
    )
    problem = only_error(folder)
    assert problem.file == str(folder / "scores.csv")
    assert problem.path == "submission_id"
    assert problem.row == 1
    assert problem.rule == "missing-column"
    assert problem.hint is not None
    assert "submision_id" in problem.hint
    assert "submission_id, stage, judge_id, criterion, score" in problem.hint


def test_missing_id_column_in_submissions(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, submissions="ID_usulan,title\nS1,x\n")
    problem = only_error(folder)
    assert (problem.file, problem.path) == (str(folder / "submissions.csv"), "id")


def test_known_columns_match_case_insensitively_and_near_misses_warn(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, submissions="ID,Title,participant.knd\nS1,x,upt\n")
    e = read_edition(folder)
    s = e.submissions[0]
    assert (s.id, s.title) == ("S1", "x")
    assert s.get("participant.knd") == "upt"
    (warning,) = e.findings
    assert warning.path == "participant.knd"
    assert "participant.kind" in warning.message
    assert (warning.row, warning.column) == (1, 3)


def test_header_only_files_make_an_empty_edition(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path,
        submissions=SUB_HEADER,
        scores=SCORE_HEADER,
        judges="id,name\n",
        verdicts="submission_id,stage,verdict,note\n",
    )
    e = read_edition(folder)
    assert (e.submissions, e.judges, e.scores, e.verdicts) == ((), (), (), ())


def test_empty_file_has_no_header(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, submissions="")
    problem = only_error(folder)
    assert problem.file == str(folder / "submissions.csv")
    assert problem.rule == "missing-header"


def test_row_with_too_many_cells(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path, scores=SCORE_HEADER + "S1,p,J1,c,80\nS1,p,J1,d,85,5\nS2,p,J1,c,70\n"
    )
    problem = only_error(folder)
    assert (problem.file, problem.row) == (str(folder / "scores.csv"), 3)
    assert problem.rule == "row-width"
    assert "6 cells" in problem.message


def test_row_with_too_few_cells(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, submissions=SUB_HEADER + "S1,x,,\nS2,y\n")
    problem = only_error(folder)
    assert (problem.file, problem.row) == (str(folder / "submissions.csv"), 3)
    assert problem.rule == "row-width"


def test_trailing_empty_cells_and_blank_rows_are_ignored(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path,
        submissions="id,title,,\nS1,x,,\n\nS2,y,,,\n,,,\n",
        scores=SCORE_HEADER + "S1,p,J1,c,80,,\n\n,,,,\nS2,p,J1,c,70\n",
    )
    e = read_edition(folder)
    assert [s.id for s in e.submissions] == ["S1", "S2"]
    assert e.submissions[1].origin == Origin(str(folder / "submissions.csv"), 4)
    assert [s.row for s in e.scores] == [2, 5]


def test_whitespace_around_cells_is_stripped(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path,
        submissions="id,title\n S1 , Satu \n",
        scores=SCORE_HEADER + "S1 , p ,J1, c , 80 \nS1,p,J1,d,81\n",
    )
    e = read_edition(folder)
    assert e.submissions[0].title == "Satu"
    assert e.scores == (
        Score("S1", "p", "J1", "c", Decimal(80)),
        Score("S1", "p", "J1", "d", Decimal(81)),
    )


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, scores=SCORE_HEADER + "S1,p,J1,c,80\n" * 10)
    problem = only_error(folder, ReadLimits(file_bytes=100))
    assert problem.file == str(folder / "scores.csv")
    assert problem.rule == "limit"


def test_a_cell_over_the_length_limit(tmp_path: Path) -> None:
    huge = "x" * 200_000
    folder = make_folder(tmp_path, submissions=SUB_HEADER + f'S1,"{huge}",,\n')
    problem = only_error(folder)
    assert (problem.file, problem.row, problem.column) == (str(folder / "submissions.csv"), 2, 2)
    assert problem.rule == "limit"
    assert "200,000 characters" in problem.message
    assert read_edition(folder, limits=ReadLimits(cell_chars=200_000)).submissions[0].title == huge


def test_unclosed_quote_is_a_located_row_problem(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, submissions=SUB_HEADER + 'S1,"Satu,,\nS2,Dua,,\n')
    problem = only_error(folder)
    assert (problem.file, problem.row, problem.rule) == (
        str(folder / "submissions.csv"),
        2,
        "csv-syntax",
    )
    assert "never closed" in problem.message


# --------------------------------------------------------------------------------------
# Data errors: every one names the file, row and column
# --------------------------------------------------------------------------------------


def test_non_numeric_score(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, scores=SCORE_HEADER + "S1,p,J1,c,80\nS1,p,J1,d,baik\n")
    problem = only_error(folder)
    assert (problem.file, problem.row, problem.path, problem.column) == (
        str(folder / "scores.csv"),
        3,
        "score",
        5,
    )
    assert "baik" in problem.message


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-inf", "1.2.3", "8,5,1", "1e"])
def test_non_finite_or_malformed_scores(tmp_path: Path, text: str) -> None:
    folder = make_folder(tmp_path, scores=SCORE_HEADER + f'S1,p,J1,c,"{text}"\n')
    problem = only_error(folder)
    assert (problem.row, problem.path) == (2, "score")


def test_empty_score_is_missing_not_zero(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, scores=SCORE_HEADER + "S1,p,J1,c,\nS1,p,J1,d,0\n")
    e = read_edition(folder)
    assert e.scores == (Score("S1", "p", "J1", "d", Decimal(0)),)
    (warning,) = e.findings
    assert (warning.file, warning.row, warning.path) == (str(folder / "scores.csv"), 2, "score")
    assert warning.rule == "empty-score"


def test_unparsable_date(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, submissions=SUB_HEADER + "S1,x,2023-02-30,\nS2,y,31-12-2023,\n")
    problems = problems_of(folder)
    assert [(p.file, p.row, p.path, p.column) for p in problems] == [
        (str(folder / "submissions.csv"), 2, "registered", 3),
        (str(folder / "submissions.csv"), 3, "registered", 3),
    ]
    assert all("YYYY-MM-DD" in (p.hint or "") for p in problems)


def test_bad_boolean_and_declared_types(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path,
        submissions='id,withdrawn,budget,count\nS1,mungkin,12x,1.5\nS2,YA,"1.234,5",3\n',
        edition_yaml="fields: {budget: number, count: integer}\n",
    )
    problems = problems_of(folder)
    assert [(p.row, p.path) for p in problems] == [
        (2, "withdrawn"),
        (2, "budget"),
        (2, "count"),
        (3, "budget"),
    ]


def test_duplicate_submission_id_names_both_rows(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, submissions=SUB_HEADER + "S1,a,,\nS2,b,,\nS1,c,,\n")
    problem = only_error(folder)
    assert (problem.file, problem.row, problem.path) == (
        str(folder / "submissions.csv"),
        4,
        "id",
    )
    assert "row 2" in problem.message
    assert problem.rule == "duplicate"


def test_duplicate_judge_id(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, judges="judge_id,name\nJ1,A\nJ1,B\n")
    problem = only_error(folder)
    assert (problem.file, problem.row, problem.path) == (str(folder / "judges.csv"), 3, "id")
    assert "row 2" in problem.message


def test_duplicate_score_row_names_both_rows(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path, scores=SCORE_HEADER + "S1,p,J1,c,80\nS1,p,J2,c,81\nS1,p,J1,c,82\n"
    )
    problem = only_error(folder)
    assert (problem.file, problem.row) == (str(folder / "scores.csv"), 4)
    assert "row 2" in problem.message
    assert problem.rule == "duplicate"


def test_score_for_unknown_submission(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, scores=SCORE_HEADER + "S1,p,J1,c,80\nS11,p,J1,c,80\n")
    problem = only_error(folder)
    assert (problem.file, problem.row, problem.path) == (
        str(folder / "scores.csv"),
        3,
        "submission_id",
    )
    assert problem.rule == "unknown-reference"
    assert problem.hint == "did you mean 'S1'? / maksud Anda 'S1'?"


def test_score_for_unknown_judge_when_judges_csv_exists(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path, judges="id\nJ1\n", scores=SCORE_HEADER + "S1,p,J1,c,80\nS1,p,J9,c,80\n"
    )
    problem = only_error(folder)
    assert (problem.file, problem.row, problem.path) == (
        str(folder / "scores.csv"),
        3,
        "judge_id",
    )


def test_judges_are_implied_by_scores_without_judges_csv(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path, scores=SCORE_HEADER + "S1,p,J2,c,80\nS1,p,J1,c,80\nS2,p,J2,c,70\n"
    )
    e = read_edition(folder)
    assert e.judges == (Judge("J2"), Judge("J1"))
    assert e.judges[1].origin == Origin(str(folder / "scores.csv"), 3)
    assert "judges" not in e.files


def test_empty_ids_are_errors(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path,
        submissions=SUB_HEADER + "S1,a,,\n,b,,\n",
        scores=SCORE_HEADER + "S1,,J1,c,80\n",
    )
    problems = problems_of(folder)
    assert [(Path(p.file or "").name, p.row, p.path) for p in problems] == [
        ("scores.csv", 2, "stage"),
        ("submissions.csv", 3, "id"),
    ]


def test_verdict_errors(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path,
        verdicts="submission_id,stage,verdict,note\n"
        "S1,observasi,confirmed,\n"
        "S9,observasi,gugur,\n"
        "S2,observasi,lulus,\n"
        "S1,observasi,dropped,\n",
    )
    problems = problems_of(folder)
    assert [(p.row, p.path, p.rule) for p in problems] == [
        (3, "submission_id", "unknown-reference"),
        (4, "verdict", "unknown-verdict"),
        (5, "", "duplicate"),
    ]
    assert all(p.file == str(folder / "verdicts.csv") for p in problems)
    assert "terverifikasi" in (problems[1].hint or "")


def test_all_problems_of_all_files_are_collected(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path,
        submissions=SUB_HEADER + "S1,a,bad,\nS1,b,,\n",
        scores=SCORE_HEADER + "S1,p,J1,c,x\nS3,p,J1,c,1\n",
    )
    with pytest.raises(EditionError) as info:
        read_edition(folder)
    assert len(info.value.errors) == 4
    assert "4 errors" in str(info.value)


def test_problems_per_table_are_capped(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, scores=SCORE_HEADER + "S1,p,J1,c,x\n" * 10)
    problems = problems_of(folder, ReadLimits(problems_per_table=3))
    assert len(problems) == 4
    (summary,) = [p for p in problems if p.rule == "too-many-problems"]
    assert "7 more" in summary.message
    assert summary.file == str(folder / "scores.csv")


def test_broken_judges_csv_does_not_flag_every_score(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, judges="name\nA\n", scores=SCORE_HEADER + "S1,p,J1,c,80\n")
    problem = only_error(folder)
    assert (problem.file, problem.path) == (str(folder / "judges.csv"), "id")


# --------------------------------------------------------------------------------------
# from_records
# --------------------------------------------------------------------------------------


def test_from_records() -> None:
    e = Edition.from_records(
        id="host-2024",
        ruleset="kipp-regional",
        year=2024,
        parameters={"bonus_points": 5, "weights": [0.4, 0.6]},
        fields={"budget": "number"},
        submissions=[
            {
                "id": " S1 ",
                "participant": {"kind": "upt", "cluster": "a"},
                "innovation": {"started": datetime.date(2020, 1, 1)},
                "registered": "2024-01-05",
                "budget": "1000,5",
                "score_2023": 81.5,
                "tags": ["x", "y"],
            },
            {"id": "S2", "participant.kind": "bumd", "withdrawn": "ya", "extra": {"sdgs": "3"}},
            Submission("S3", category="kesehatan"),
        ],
        scores=[
            {"submission": "S1", "stage": "proposal", "judge": "J1", "criterion": "c", "score": 80},
            Score("S2", "proposal", "J1", "c", Decimal("70.5")),
            {
                "submission_id": "S3",
                "stage": "proposal",
                "judge_id": "J2",
                "criterion": "c",
                "score": "65,5",
            },
        ],
        verdicts=[{"submission_id": "S1", "stage": "observasi", "verdict": "Dikonfirmasi"}],
    )
    s1, s2, s3 = e.submissions
    assert s1.id == "S1"
    assert s1.get("participant.kind") == "upt"
    assert s1.get("participant.cluster") == "a"
    assert s1.get("innovation.started") == datetime.date(2020, 1, 1)
    assert s1.registered == datetime.date(2024, 1, 5)
    assert s1.get("budget") == Decimal("1000.5")
    assert s1.get("score_2023") == Decimal("81.5")
    assert s1.get("tags") == ("x", "y")
    assert s1.origin == Origin(None, None, "submissions[0]")
    assert s2.withdrawn is True
    assert s2.get("sdgs") == "3"
    assert s3.category == "kesehatan"
    assert e.judges == (Judge("J1"), Judge("J2"))
    assert [s.value for s in e.scores] == [Decimal(80), Decimal("70.5"), Decimal("65.5")]
    assert all(s.row is None for s in e.scores)
    assert e.verdicts[0].verdict == "confirmed"
    assert e.parameters == {"bonus_points": 5, "weights": (Decimal("0.4"), Decimal("0.6"))}


def test_from_records_errors_are_located_by_path() -> None:
    with pytest.raises(EditionError) as info:
        Edition.from_records(
            id="x",
            submissions=[{"id": "S1"}, {"id": "S2", "registered": "yesterday"}, {"title": "t"}],
            judges=[],
            scores=[
                {
                    "submission_id": "S1",
                    "stage": "p",
                    "judge_id": "J1",
                    "criterion": "c",
                    "score": "abc",
                }
            ],
        )
    assert [(p.file, p.path) for p in info.value.problems] == [
        (None, "scores[0].judge_id"),
        (None, "scores[0].score"),
        (None, "submissions[1].registered"),
        (None, "submissions[2].id"),
    ]


def test_from_records_duplicate_ids() -> None:
    with pytest.raises(EditionError) as info:
        Edition.from_records(id="x", submissions=[Submission("S1"), {"id": "S1"}])
    (problem,) = info.value.problems
    assert problem.path == "submissions[1].id"
    assert "submissions[0]" in problem.message


# --------------------------------------------------------------------------------------
# write_edition
# --------------------------------------------------------------------------------------


def test_round_trip_of_the_mini_edition(tmp_path: Path) -> None:
    e = read_edition(MINI)
    out = write_edition(e, tmp_path / "copy")
    again = read_edition(out)
    assert again == e
    assert again.parameters == e.parameters
    assert [s.extra for s in again.submissions] == [s.extra for s in e.submissions]
    assert [s.row for s in again.scores] == [2, 3, 4, 5, 6, 7]


def test_round_trip_of_records_with_every_kind_of_value(tmp_path: Path) -> None:
    e = Edition.from_records(
        id="gen-1",
        ruleset="kipp",
        year=2024,
        title="Generated",
        notes="line one\nline two",
        parameters={
            "reference_date": datetime.date(2024, 12, 31),
            "w": Decimal("0.25"),
            "nested": {"a": [1, 2]},
        },
        submissions=[
            Submission(
                "S,1",
                title='Quote " and, comma',
                participant=Participant("upt", "Dinas", "jateng", "solo", "Ani"),
                innovation=Innovation("berjalan", datetime.date(2020, 2, 3), ("top-99",)),
                category="kesehatan",
                group="umum",
                registered=datetime.date(2024, 1, 2),
                wave="gelombang-1",
                withdrawn=True,
                extra={
                    "budget": Decimal("1500.50"),
                    "count": 3,
                    "on": datetime.date(2024, 5, 6),
                    "flag": False,
                    "sdgs": ("1", "2"),
                    "text": "ünïcode ✓",
                },
            ),
            Submission("S2", extra={"budget": Decimal(7), "text": "007"}),
        ],
        judges=[Judge("J1", "Sari", "UNS", "jateng", "Dinas", extra={"expertise": "x"})],
        scores=[
            Score("S,1", "proposal", "J1", "c", Decimal("85.50")),
            Score("S2", "proposal", "J1", "c", Decimal("0")),
        ],
        verdicts=[Verdict("S2", "observasi", "gugur", "note, with comma")],
    )
    out = write_edition(e, tmp_path / "gen")
    again = read_edition(out)
    assert again == e
    assert again.submissions[0].extra == e.submissions[0].extra
    assert isinstance(again.submissions[0].get("count"), int)
    assert again.verdicts[0].verdict == "dropped"


def test_write_is_deterministic_utf8_with_lf(tmp_path: Path) -> None:
    e = read_edition(MINI)
    a = write_edition(e, tmp_path / "a")
    b = write_edition(read_edition(a), tmp_path / "b")
    names = sorted(p.name for p in a.iterdir())
    assert names == ["edition.yaml", "judges.csv", "scores.csv", "submissions.csv", "verdicts.csv"]
    for name in names:
        data = (a / name).read_bytes()
        assert data == (b / name).read_bytes()
        assert b"\r\n" not in data
        data.decode("utf-8")
    header = (a / "submissions.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("id,title,category,group,registered,wave,withdrawn,participant.kind")
    assert header.endswith("budget,flag,note,sdgs,verified_on")


def test_write_refuses_a_list_item_with_a_semicolon(tmp_path: Path) -> None:
    e = Edition(id="x", submissions=[Submission("S1", extra={"tags": ("a;b",)})])
    with pytest.raises(ValueError, match="contains ';'"):
        write_edition(e, tmp_path / "x")


def test_round_trip_of_an_empty_edition(tmp_path: Path) -> None:
    e = Edition(id="empty")
    assert read_edition(write_edition(e, tmp_path / "empty")) == e
