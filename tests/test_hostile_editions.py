"""Hostile editions: every case in tests/hostile/edition ends in exactly the problems it
expects (a located, bilingual error), never in a traceback, a hang or a silent result.

A case is one text file::

    # case: what the input does
    # limits: rows=3                       (optional: ReadLimits for this read)
    # expect: FILE WHERE LEVEL RULE: MESSAGE  (one line per problem, in order)
    --- edition.yaml
    ...the file's text...
    --- submissions.csv
    ...

``WHERE`` is ``row:column`` (or ``line:column``) when the problem has them, else its
path, else ``-``. A section ``edition.json`` is read as a JSON edition, a section
``edition.xlsx`` (a JSON object of sheets, each a list of rows) is written as a
workbook and read; any other case is read as a folder.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from inovasi_rules import EditionError, ReadLimits, read_edition
from inovasi_rules.errors import Problem

CASES = sorted((Path(__file__).parent / "hostile" / "edition").glob("*.case"))


def _parse(path: Path) -> tuple[dict[str, str], ReadLimits, list[str]]:
    files: dict[str, str] = {}
    expect: list[str] = []
    limits: dict[str, int] = {}
    current: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("--- "):
            current = line[4:].strip()
            files[current] = ""
        elif current is not None:
            files[current] += line
        elif line.startswith("# expect: "):
            expect.append(line[len("# expect: ") :].rstrip("\n"))
        elif line.startswith("# limits: "):
            for item in line[len("# limits: ") :].split(","):
                key, value = item.strip().split("=")
                limits[key] = int(value)
    return files, ReadLimits(**limits), expect  # type: ignore[arg-type]


def _where(p: Problem) -> str:
    for first, second in ((p.row, p.column), (p.line, p.column)):
        if first is not None:
            return f"{first}:{second}" if second is not None else str(first)
    return p.path or "-"


def _render(p: Problem) -> str:
    name = Path(p.file).name if p.file else "-"
    return f"{name} {_where(p)} {p.level} {p.rule}: {p.message}"


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)


def test_the_cases_are_found() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_hostile_edition(case: Path, tmp_path: Path) -> None:
    files, limits, expect = _parse(case)
    assert expect, f"{case.name} expects nothing"
    folder = tmp_path / "edition"
    folder.mkdir()
    target: Path = folder
    for name, text in files.items():
        if name == "edition.xlsx":
            target = tmp_path / name
            _workbook(target, json.loads(text))
        elif name == "edition.json":
            target = tmp_path / name
            target.write_text(text, encoding="utf-8")
        else:
            (folder / name).write_text(text, encoding="utf-8")
    if target.suffix == ".xlsx":
        with zipfile.ZipFile(target) as archive:
            size = sum(i.file_size for i in archive.infolist())
        expect = [e.replace("{size}", f"{size:,}") for e in expect]
    with pytest.raises(EditionError) as info:
        read_edition(target, limits=limits)
    assert [_render(p) for p in info.value.problems] == expect
    for p in info.value.problems:
        assert " / " in p.message, f"not bilingual: {p.message}"


HUGE = 10**5000  # Python refuses str() of a whole number of over 4,300 digits


@pytest.mark.parametrize(
    ("records", "message"),
    [
        pytest.param(
            {"submissions": [{"id": "S1", "budget": HUGE}]},
            "'10000000000000000000…0000000000' is too large / angka "
            "'10000000000000000000…0000000000' terlalu besar",
            id="extra-field",
        ),
        pytest.param(
            {
                "submissions": [{"id": "S1"}],
                "scores": [
                    {
                        "submission_id": "S1",
                        "stage": "p",
                        "judge_id": "J",
                        "criterion": "c",
                        "score": HUGE,
                    }
                ],
            },
            "a number of 5,001 characters is too long / angka sepanjang 5.001 karakter terlalu panjang",
            id="score",
        ),
        pytest.param(
            {"year": HUGE, "submissions": [{"id": "S1"}]},
            "year '10000000000000000000…0000000000' is not a year / "
            "'10000000000000000000…0000000000' bukan tahun",
            id="year",
        ),
    ],
)
def test_huge_python_numbers_from_a_host(records: dict[str, object], message: str) -> None:
    from inovasi_rules import Edition

    with pytest.raises(EditionError) as info:
        Edition.from_records(id="e", **records)  # type: ignore[arg-type]
    assert [p.message for p in info.value.problems] == [message]
