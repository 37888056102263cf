"""Progress bars (``inovasi_rules.cli.progress``): drawn on a terminal only; elsewhere one
line per step (or nothing, for commands whose lines would fill a log); never with
``--quiet``."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner

from inovasi_rules.cli import main
from inovasi_rules.cli.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_on_a_terminal_and_no_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    lines: list[str] = []
    with Progress(3, "edisi / editions", echo=lines.append) as bar:
        assert bar.drawing
        for step in ("a", "b", "c"):
            bar.step(step)
    assert lines == []
    drawn = screen.getvalue()
    assert "edisi / editions" in drawn
    assert "/3 [" in drawn  # the count out of the total (tqdm redraws at most 10 times a second)
    assert drawn.endswith("\r")  # and the bar is wiped when done, leaving the screen clean


def test_lines_instead_of_a_bar_when_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    log = io.StringIO()
    monkeypatch.setattr("sys.stderr", log)
    lines: list[str] = []
    with Progress(2, "edisi / editions", echo=lines.append) as bar:
        assert not bar.drawing
        bar.step("[1/2] a")
        bar.step("[2/2] b")
    assert lines == ["[1/2] a", "[2/2] b"]
    assert log.getvalue() == ""


def test_quiet_is_silent_even_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    lines: list[str] = []
    with Progress(2, "x", quiet=True, echo=lines.append) as bar:
        bar.step("a")
    assert (lines, screen.getvalue()) == ([], "")


def test_generate_writes_no_bar_into_a_pipe(tmp_path: pytest.TempPathFactory) -> None:
    """Run as in a script (no terminal): the output is the summary line alone."""
    out = tmp_path / "gen"  # type: ignore[operator]
    result = CliRunner().invoke(
        main, ["generate", "kipp-regional", str(out), "-n", "20", "--seed", "1"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("\n") == 1
    assert "20 pengajuan / submissions" in result.output
