"""The fast path for large ``scores.csv`` files (pyarrow and numpy, no loop per row) must
give exactly what the row-by-row reader gives, and must decline every file that is not
clean, so that the row-by-row reader reports its problems."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inovasi_rules import edition as edition_module
from inovasi_rules.edition import Edition, Origin, ScoreTable, read_edition
from inovasi_rules.errors import EditionError

SUBS = ("S1", "S2", "S3")
JUDGES = ("J1", "J2", "J3")
ALL_SUBS = tuple(f"S{i}" for i in range(1000))  # S1..S3 among them; "SX" is unknown
ALL_JUDGES = tuple(f"J{i}" for i in range(7))  # "JX" is unknown
SCORE_HEADER = "submission_id,stage,judge_id,criterion,score"
NEVER = 2**62


class Spy:
    """Records what each call of the fast path returned (True: it read the file)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.taken: list[bool] = []
        real = edition_module._fast_scores

        def spy(*args: Any, **kwargs: Any) -> Any:
            result = real(*args, **kwargs)
            self.taken.append(result is not None)
            return result

        monkeypatch.setattr(edition_module, "_fast_scores", spy)


def write_folder(
    folder: Path, scores: bytes, *, judges: bool = True, submissions: tuple[str, ...] = ALL_SUBS
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "submissions.csv").write_text(
        "id,title\n" + "".join(f"{s},x\n" for s in submissions), encoding="utf-8"
    )
    if judges:
        (folder / "judges.csv").write_text(
            "id,name\n" + "".join(f"{j},n\n" for j in ALL_JUDGES), encoding="utf-8"
        )
    elif (folder / "judges.csv").exists():
        (folder / "judges.csv").unlink()
    (folder / "scores.csv").write_bytes(scores)
    return folder


@dataclass
class Outcome:
    edition: Edition | None
    problems: list[Any] | None
    taken: list[bool]


def read(folder: Path, *, fast: bool) -> Outcome:
    """Read ``folder`` with the fast path tried on every scores.csv, or never."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(edition_module, "FAST_SCORES_MIN_BYTES", 0 if fast else NEVER)
        spy = Spy(mp)
        try:
            return Outcome(read_edition(folder), None, spy.taken)
        except EditionError as exc:
            return Outcome(None, exc.problems, spy.taken)


def table_layout(t: ScoreTable) -> tuple[object, ...]:
    """Everything a ScoreTable holds, to compare two tables as built, not just as
    sequences of scores."""
    return (
        t.submissions,
        t.stages,
        t.judges,
        t.criteria,
        tuple(str(v) for v in t.values),
        *(getattr(t, name).tolist() for name in ("sub", "stage", "judge", "criterion", "value")),
        None if t.rows is None else t.rows.tolist(),
    )


def assert_same(fast: Outcome, slow: Outcome) -> None:
    assert not slow.taken
    assert fast.problems == slow.problems
    if slow.edition is None:
        assert fast.edition is None
        return
    f, s = fast.edition, slow.edition
    assert f is not None
    assert f == s
    assert [tuple(x) for x in f.scores] == [tuple(x) for x in s.scores]  # rows too
    assert table_layout(f.scores) == table_layout(s.scores)
    # numbered as ScoreTable.from_scores numbers them (first seen first)
    assert table_layout(s.scores) == table_layout(ScoreTable.from_scores(list(s.scores)))
    assert [(j, j.origin) for j in f.judges] == [(j, j.origin) for j in s.judges]
    assert f.findings == s.findings
    assert dict(f.files) == dict(s.files)


def clean_scores(n: int, *, crlf: bool = False) -> bytes:
    """A clean scores file of ``n`` rows."""
    end = "\r\n" if crlf else "\n"
    lines = [SCORE_HEADER]
    for i in range(n):
        sub = f"S{i % 1000}"
        lines.append(f"{sub},stage{(i // 1000) % 3},J{i % 7},crit{i // 3000},{50 + i % 50}.5")
    return (end.join(lines) + end).encode()


# ---------------------------------------------------------------------------------------
# Clean files take the fast path
# ---------------------------------------------------------------------------------------


def test_a_large_clean_file_is_read_without_a_loop_per_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_folder(tmp_path / "ed", clean_scores(80_000), judges=False)
    assert (folder / "scores.csv").stat().st_size > edition_module.FAST_SCORES_MIN_BYTES
    slow = read(folder, fast=False)
    spy = Spy(monkeypatch)

    def no_rows(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the row-by-row reader was used")

    monkeypatch.setattr(edition_module._ScoreBuilder, "build", no_rows)
    edition = read_edition(folder)  # the default threshold
    assert spy.taken == [True]
    assert_same(Outcome(edition, None, spy.taken), slow)
    assert len(edition.scores) == 80_000
    assert edition.scores.rows is not None
    assert edition.scores.rows.tolist() == list(range(2, 80_002))
    assert [j.id for j in edition.judges] == [f"J{i}" for i in range(7)]
    assert edition.judges[3].origin == Origin(str(folder / "scores.csv"), 5)


def _parse_threads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bool, bool]]:
    """Records, per parse of a scores file: (in a thread other than the caller's,
    pyarrow allowed all cores)."""
    calls: list[tuple[bool, bool]] = []
    real = edition_module._parse_scores

    def spy(path: str, where: Any, threads: bool = True) -> Any:
        calls.append((threading.current_thread() is not threading.main_thread(), threads))
        return real(path, where, threads)

    monkeypatch.setattr(edition_module, "_parse_scores", spy)
    return calls


def _reader_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("inovasi-rules")]


def test_a_large_file_is_parsed_while_the_submissions_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_folder(tmp_path / "ed", clean_scores(200))
    slow = read(folder, fast=False)
    monkeypatch.setattr(edition_module, "FAST_SCORES_MIN_BYTES", 0)
    calls = _parse_threads(monkeypatch)
    edition = read_edition(folder)
    # once, in a thread of its own, pyarrow on that one thread (the submissions are
    # read on the other core)
    assert calls == [(True, False)]
    assert _reader_threads() == []  # ended with the read
    assert_same(Outcome(edition, None, [True]), slow)


def test_the_parse_thread_ends_when_the_read_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_folder(tmp_path / "ed", clean_scores(200))
    monkeypatch.setattr(edition_module, "FAST_SCORES_MIN_BYTES", 0)
    calls = _parse_threads(monkeypatch)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the submissions cannot be read")

    monkeypatch.setattr(edition_module, "_submissions_consumer", broken)
    with pytest.raises(RuntimeError, match="the submissions cannot be read"):
        read_edition(folder)
    assert calls == [(True, False)]
    assert _reader_threads() == []


def test_a_scores_file_that_is_not_clean_is_read_row_by_row_after_the_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a score that is no number: the thread parses the file, the fast path declines it,
    # the row-by-row reader locates the problem
    data = clean_scores(200).replace(b"S5,stage0,J5,crit0,55.5", b"S5,stage0,J5,crit0,lima")
    folder = write_folder(tmp_path / "ed", data)
    monkeypatch.setattr(edition_module, "FAST_SCORES_MIN_BYTES", 0)
    calls = _parse_threads(monkeypatch)
    with pytest.raises(EditionError) as caught:
        read_edition(folder)
    assert calls == [(True, False)]
    assert [(p.file, p.row, p.path) for p in caught.value.problems] == [
        (str(folder / "scores.csv"), 7, "score")
    ]
    assert _reader_threads() == []


def test_the_fast_path_does_not_import_pandas(tmp_path: Path) -> None:
    # pyarrow imports pandas (when installed: 0.3 s) the first time some conversions
    # run; the reader keeps clear of them. A finder placed first on the import path sees
    # every attempt, whether pandas is installed or not.
    folder = write_folder(tmp_path / "ed", clean_scores(200))
    code = f"""
import importlib.abc, sys
class Watch(importlib.abc.MetaPathFinder):
    tried = []
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] == "pandas":
            Watch.tried.append(name)
        return None
sys.meta_path.insert(0, Watch())
import inovasi_rules.edition as edition
edition.FAST_SCORES_MIN_BYTES = 0
calls = []
real = edition._fast_scores
edition._fast_scores = lambda *a, **k: calls.append(real(*a, **k) is not None) or real(*a, **k)
edition.read_edition({str(folder)!r})
print(calls, Watch.tried)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["[True]", "[]"]


def test_small_files_are_read_row_by_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_folder(tmp_path / "ed", clean_scores(5))
    spy = Spy(monkeypatch)
    read_edition(folder)
    assert spy.taken == []


def test_a_file_of_many_pyarrow_blocks(tmp_path: Path) -> None:
    data = clean_scores(60_000, crlf=True)
    assert len(data) > 1024 * 1024  # pyarrow reads blocks of 1 MiB
    folder = write_folder(tmp_path / "ed", data, judges=False)
    fast = read(folder, fast=True)
    assert fast.taken == [True]
    assert_same(fast, read(folder, fast=False))


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(' S1 ,p, J1 ,c,80\nS1,p,J1,d," 8,5 "\nS2,p,J2,c,7e1\n', id="whitespace"),
        pytest.param("S1,p,J1,c,80\r\nS2,p,J1,c,81\r\n", id="crlf"),
        pytest.param("S1,p,J1,c,80\nS2,p,J1,c,81", id="no-final-newline"),
        pytest.param("S1,p,J1,c,80\rS2,p,J1,c,81\r", id="cr"),
        pytest.param('"S1","p","J1","c","80"\nS2,"p""x",J1,c,81\n', id="quoted"),
        pytest.param("S1,p,J1,c,85.0\nS1,p,J1,d,85\nS2,p,J1,c,-0\nS3,p,J1,c,0\n", id="values"),
        pytest.param("S1,Présentation,J1,kriteria\u00a0,80\n", id="utf-8"),
        pytest.param("", id="header-only"),
    ],
)
def test_clean_files(tmp_path: Path, body: str) -> None:
    header = SCORE_HEADER + ("" if body == "" else "\n")
    folder = write_folder(tmp_path / "ed", (header + body).encode())
    fast = read(folder, fast=True)
    assert fast.taken == [True]
    assert_same(fast, read(folder, fast=False))


def test_header_order_case_and_aliases(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "ed", b"Value; Judge ;criterion;STAGE;submission\n85,5;J1;c;p;S1\n"
    )
    fast = read(folder, fast=True)
    assert fast.taken == [True]
    assert_same(fast, read(folder, fast=False))
    assert fast.edition is not None
    assert fast.edition.scores[0].value == Decimal("85.5")


def test_implied_judges_are_in_order_of_first_appearance(tmp_path: Path) -> None:
    body = "S1,p,J2 ,c,1\nS1,p, J1,c,2\nS1,p,J2,d,3\nS2,p,J3,c,4\nS2,p,J1,d,5\n"
    folder = write_folder(tmp_path / "ed", (SCORE_HEADER + "\n" + body).encode(), judges=False)
    fast = read(folder, fast=True)
    assert fast.taken == [True]
    assert_same(fast, read(folder, fast=False))
    assert fast.edition is not None
    file = str(folder / "scores.csv")
    assert [(j.id, j.origin) for j in fast.edition.judges] == [
        ("J2", Origin(file, 2)),
        ("J1", Origin(file, 3)),
        ("J3", Origin(file, 5)),
    ]


# ---------------------------------------------------------------------------------------
# Anything else is declined, and read row by row
# ---------------------------------------------------------------------------------------

LONG = "x" * 200_000  # longer than the csv module's field size limit


@pytest.mark.parametrize(
    ("scores", "judges"),
    [
        pytest.param(b"\xef\xbb\xbf" + SCORE_HEADER.encode() + b"\nS1,p,J1,c,80\n", True, id="bom"),
        pytest.param(SCORE_HEADER.encode("utf-16") + b"\n", True, id="utf-16"),
        pytest.param(SCORE_HEADER.encode() + b"\nS1,Caf\xe9,J1,c,80\n", True, id="cp1252"),
        pytest.param(b"\n" + SCORE_HEADER.encode() + b"\nS1,p,J1,c,80\n", True, id="lead-blank"),
        pytest.param(SCORE_HEADER.encode() + b"\nS1,p,J1,c,80\n\nS2,p,J1,c,8\n", True, id="blank"),
        pytest.param(SCORE_HEADER.encode() + b"\nS1,p,J1,c,80\n\n", True, id="blank-at-end"),
        pytest.param(SCORE_HEADER.encode() + b'\nS1,p,J1,"c\nd",80\n', True, id="quoted-newline"),
        pytest.param(SCORE_HEADER.encode() + b'\nS1,p,J1,"c\r\nd",80\r\n', True, id="quoted-crlf"),
        pytest.param(SCORE_HEADER.encode() + b"\nS1,p,J1,c,80,\n", True, id="trailing-empty"),
        pytest.param(SCORE_HEADER.encode() + b"\nS1,p,J1,c,80,5\n", True, id="too-wide"),
        pytest.param(SCORE_HEADER.encode() + b"\nS1,p,J1,c\n", True, id="too-narrow"),
        pytest.param(SCORE_HEADER.encode() + b",\nS1,p,J1,c,80,\n", True, id="header-empty"),
        pytest.param(SCORE_HEADER.encode() + b",note\nS1,p,J1,c,80,x\n", True, id="extra-column"),
        pytest.param(b"submission_id,stage,judge_id,criterion\nS1,p,J1,c\n", True, id="no-score"),
        pytest.param(
            b'"submission_id",stage,judge_id,criterion,score\nS1,p,J1,c,80\n',
            True,
            id="quoted-header",
        ),
        pytest.param(SCORE_HEADER.encode() + b"\nS1,p,J1,c,80\nS1,p,J1,c,81\n", True, id="dup"),
        pytest.param(
            SCORE_HEADER.encode() + b"\nS1,p,J1,c,80\n S1,p,J1 ,c,81\n", False, id="dup-stripped"
        ),
        pytest.param(SCORE_HEADER.encode() + b"\nSX,p,J1,c,80\n", True, id="unknown-sub"),
        pytest.param(SCORE_HEADER.encode() + b"\nS1,p,JX,c,80\n", True, id="unknown-judge"),
        pytest.param(SCORE_HEADER.encode() + b"\nS1, ,J1,c,80\n", True, id="blank-stage"),
        pytest.param(SCORE_HEADER.encode() + b"\nS1,p,J1,,80\n", True, id="empty-criterion"),
        pytest.param(SCORE_HEADER.encode() + b"\nS1,p,J1,c,\n", True, id="empty-score"),
        pytest.param(SCORE_HEADER.encode() + b"\nS1,p,J1,c,baik\n", True, id="bad-score"),
        pytest.param(SCORE_HEADER.encode() + b"\nS1,p,J1,c,NaN\n", True, id="nan"),
        pytest.param(SCORE_HEADER.encode() + b"\n , , , , \n", True, id="blank-cells"),
        pytest.param(SCORE_HEADER.encode() + b"\nS1,p,J1,c,8\x000\n", True, id="nul"),
        pytest.param(
            SCORE_HEADER.encode() + f"\nS1,{LONG},J1,c,80\n".encode(), True, id="field-limit"
        ),
        pytest.param(SCORE_HEADER.encode() + b'\nS1,p,J1,c,"80\n', True, id="open-quote"),
    ],
)
def test_files_that_are_not_clean_are_read_row_by_row(
    tmp_path: Path, scores: bytes, judges: bool
) -> None:
    folder = write_folder(tmp_path / "ed", scores, judges=judges)
    fast = read(folder, fast=True)
    assert fast.taken == [False]
    assert_same(fast, read(folder, fast=False))


def test_a_file_over_the_size_limit_is_not_tried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_folder(tmp_path / "ed", clean_scores(50))
    monkeypatch.setattr(edition_module, "MAX_FILE_BYTES", 100)
    fast = read(folder, fast=True)
    assert fast.taken == []
    assert fast.problems is not None
    assert str(folder / "scores.csv") in [p.file for p in fast.problems if p.rule == "limit"]
    assert_same(fast, read(folder, fast=False))


def test_pyarrow_failing_falls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise MemoryError("no")

    monkeypatch.setattr("pyarrow.csv.read_csv", broken)
    folder = write_folder(tmp_path / "ed", clean_scores(5))
    fast = read(folder, fast=True)
    assert fast.taken == [False]
    assert_same(fast, read(folder, fast=False))


# ---------------------------------------------------------------------------------------
# The row-by-row reader numbers its codes as ScoreTable.from_scores does
# ---------------------------------------------------------------------------------------


def test_rows_skipped_with_a_warning_leave_no_codes_behind(tmp_path: Path) -> None:
    header = SCORE_HEADER.replace(",", ";")
    body = "S3;q;J3;z;\nS1;p;J1;c;80\nS3;q;J3;z;70\nS2;p;J2;c;85,5\n"
    folder = write_folder(tmp_path / "ed", f"{header}\n{body}".encode())
    slow = read(folder, fast=False)
    assert slow.edition is not None
    scores = slow.edition.scores
    assert scores.submissions == ("S1", "S3", "S2")
    assert scores.stages == ("p", "q")
    assert table_layout(scores) == table_layout(ScoreTable.from_scores(list(scores)))
    assert [f.rule for f in slow.edition.findings] == ["empty-score"]
    assert_same(read(folder, fast=True), slow)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(
            f"{SCORE_HEADER}\r\nS1,p,J1,c\u00e9,80\r\nS2,p,J1,c,8\r\n".encode(), id="crlf"
        ),
        pytest.param(f"{SCORE_HEADER}\rS1,p,J1,\u20ac,80\rS2,p,J1,c,8".encode(), id="cr"),
        pytest.param(f'{SCORE_HEADER}\nS1,p,J1,c,"8,5"\n'.encode(), id="quotes"),
        pytest.param(SCORE_HEADER.encode() + b"\nS1,p,J1,\xe2\x82,80\n", id="cut-character"),
        pytest.param(SCORE_HEADER.encode() + b"\nS1,p,J1,c,80\n\xe2\x82", id="cut-at-end"),
        pytest.param(f'{SCORE_HEADER}\nS1,p,J1,c,"80\n'.encode(), id="odd-quotes"),
    ],
)
def test_the_scan_is_the_same_for_any_block_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes
) -> None:
    path = tmp_path / "scores.csv"
    path.write_bytes(data)
    whole = edition_module._scan_csv(str(path))
    for block in range(1, len(data) + 2):
        monkeypatch.setattr(edition_module, "_SCAN_BLOCK", block)
        assert edition_module._scan_csv(str(path)) == whole, block
    if whole is not None:
        assert whole.header == SCORE_HEADER
        text = data.decode("utf-8")
        assert whole.lines == len(text.replace("\r\n", "\n").replace("\r", "\n").splitlines())


def test_first_seen_order_and_combined_key() -> None:
    codes = np.array([2, 0, 2, 1, 0], dtype=np.int32)
    renumbered, names = edition_module._first_seen_order(codes, ["a", "b", "c", "unused"])
    assert renumbered.tolist() == [0, 1, 0, 2, 1]
    assert names == ["c", "a", "b"]
    same = np.array([0, 0, 1, 2, 1], dtype=np.int32)
    assert edition_module._first_seen_order(same, ["a", "b", "c"])[0] is same
    assert edition_module._first_positions(same).tolist() == [0, 2, 3]
    # sizes whose product overflows int64 are renumbered on the way
    big = 2**20
    columns = [np.array([0, big - 1, 0, big - 1], dtype=np.int32)] * 3 + [
        np.array([1, 2, 1, 3], dtype=np.int32)
    ]
    key = edition_module._combined_key(columns, [big, big, big, big])
    assert key[0] == key[2]
    assert len(set(key.tolist())) == 3


# ---------------------------------------------------------------------------------------
# Random files: fast == row by row, and the fast path takes every clean one
# ---------------------------------------------------------------------------------------

SPACE = st.sampled_from(["", "", "", " ", "  ", "\t", "\u00a0"])
SCORE_TEXTS = st.sampled_from(
    ["80", "85.5", "85,5", " 90 ", "-3", "1e1", "070", "85.50", "", "baik", "NaN", "1,2,3"]
)
DIRTY_SCORES = {"", "baik", "NaN", "1,2,3"}
CLEAN_SCORE_TEXTS = st.sampled_from(["80", "85.5", "85,5", " 90 ", "-3", "1e1", "070", "85.50"])


@st.composite
def score_files(draw: st.DrawFn) -> tuple[bytes, bool, bool]:
    """(scores.csv bytes, whether judges.csv exists, whether the file is clean)."""
    delimiter = draw(st.sampled_from([",", ";"]))
    end = draw(st.sampled_from(["\n", "\r\n"]))
    judges = draw(st.booleans())
    quote_all = draw(st.booleans())
    header = draw(
        st.permutations(
            [
                draw(st.sampled_from(["submission_id", "submission", "Submission_ID"])),
                draw(st.sampled_from(["stage", "STAGE"])),
                draw(st.sampled_from(["judge_id", "judge"])),
                "criterion",
                draw(st.sampled_from(["score", "value", " Score "])),
            ]
        )
    )
    canonical = {
        "submission_id": "s",
        "submission": "s",
        "stage": "st",
        "judge_id": "j",
        "judge": "j",
        "criterion": "c",
        "score": "v",
        "value": "v",
    }
    order = [canonical[h.strip().lower()] for h in header]
    dirt = draw(st.booleans())  # may the file hold anything the fast path declines?

    def sometimes(one_in: int) -> bool:
        return dirt and draw(st.integers(0, one_in - 1)) == 0

    clean = True
    seen: set[tuple[str, ...]] = set()
    lines = [delimiter.join(header)]
    for _ in range(draw(st.integers(0, 12))):
        cells = {
            "s": draw(st.sampled_from([*SUBS, "SX"] if sometimes(4) else SUBS)),
            "st": draw(st.sampled_from(["p", "q", "p "])),
            "j": draw(st.sampled_from([*JUDGES, "JX"] if sometimes(4) else JUDGES)),
            "c": draw(st.sampled_from(["a", "b", "c\u00e9"])),
            "v": draw(SCORE_TEXTS if sometimes(3) else CLEAN_SCORE_TEXTS),
        }
        ids = tuple(cells[k].strip() for k in ("s", "st", "j", "c"))
        if ids in seen and not dirt:
            continue
        if ids in seen or ids[0] == "SX" or (judges and ids[2] == "JX"):
            clean = False
        if cells["v"] in DIRTY_SCORES:
            clean = False
        seen.add(ids)
        out = []
        for k in order:
            text = draw(SPACE) + cells[k] + draw(SPACE)
            if quote_all or delimiter in text or draw(st.integers(0, 5)) == 0:
                text = '"' + text.replace('"', '""') + '"'
            out.append(text)
        if sometimes(8):
            lines.append("")  # a blank line
            clean = False
        lines.append(delimiter.join(out))
        if sometimes(12):
            lines.append(delimiter.join(["S1", "p", "J1", '"x' + end + 'y"', "1"]))
            clean = False
        if sometimes(12):
            lines.append(delimiter.join(["S1", "p", "J1", "w", "1", ""]))
            clean = False
    text = end.join(lines) + draw(st.sampled_from([end, ""]))
    data = text.encode("utf-8")
    if sometimes(5):
        data = b"\xef\xbb\xbf" + data
        clean = False
    return data, judges, clean


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(score_files(), st.sampled_from([1, 2, 5, 64, 1 << 23]))
def test_fast_path_equals_row_by_row(case: tuple[bytes, bool, bool], block: int) -> None:
    data, judges, clean = case
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        mp.setattr(edition_module, "_SCAN_BLOCK", block)  # checked across blocks alike
        folder = write_folder(Path(tmp) / "ed", data, judges=judges)
        fast = read(folder, fast=True)
        slow = read(folder, fast=False)
    assert_same(fast, slow)
    assert fast.taken == [clean]  # every clean file, and only those
    if clean:
        assert slow.edition is not None
        assert slow.edition.findings == ()
