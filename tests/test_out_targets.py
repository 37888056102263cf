"""Where --out and --bundle write: never over an input, a pipe or each other; with the
permissions a newly created file gets; a symbolic link written through."""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from inovasi_rules.cli import main
from inovasi_rules.cli.options import ruleset_registry

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sukoharjo-2023"
RULESET = "kipp-sukoharjo-2023"


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    return Path(shutil.copytree(EXAMPLE, tmp_path / "ed"))


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def evaluate(edition: Path, *args: str, ruleset: str = RULESET) -> Result:
    return CliRunner().invoke(main, ["evaluate", ruleset, str(edition), "--no-plugins", *args])


def refused(out: Result, *words: str) -> None:
    assert out.exit_code == 2, out.output
    assert "Traceback" not in out.output
    assert "cannot write" in out.output
    assert "tidak dapat menulis" in out.output
    for word in words:
        assert word in out.output


@pytest.mark.timeout(60, method="signal")  # writing into a pipe nobody reads would hang
@pytest.mark.parametrize("option", ["--out", "--bundle"])
def test_a_named_pipe_at_the_output_is_refused_and_left_a_pipe(option: str, edition: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    out = evaluate(edition, option, str(fifo), "--format", "json")
    refused(out, option, "named pipe (FIFO)", "pipa bernama (FIFO)")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_symbolic_link_at_out_is_written_through(edition: Path, tmp_path: Path) -> None:
    target = tmp_path / "results" / "2023.json"
    target.parent.mkdir()
    target.write_text('{"old": 1}', encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    out = evaluate(edition, "--out", str(link))
    assert out.exit_code == 0, out.output
    assert link.is_symlink()
    assert os.readlink(link) == str(target)
    assert json.loads(target.read_text(encoding="utf-8"))["edition"] == "sukoharjo-2023"


@pytest.mark.parametrize("table", ["scores.csv", "submissions.csv", "edition.yaml"])
def test_out_onto_an_input_table_is_refused_and_the_table_kept(table: str, edition: Path) -> None:
    before = (edition / table).read_bytes()
    out = evaluate(edition, "--out", str(edition / table), "--format", "json")
    refused(out, "it is an input of this command", "itu berkas masukan perintah ini")
    assert (edition / table).read_bytes() == before


def test_out_through_a_link_to_an_input_is_refused(edition: Path, tmp_path: Path) -> None:
    before = (edition / "scores.csv").read_bytes()
    (tmp_path / "r.json").symlink_to(edition / "scores.csv")
    refused(evaluate(edition, "--out", str(tmp_path / "r.json")), "it is an input of this command")
    assert (edition / "scores.csv").read_bytes() == before


def test_out_onto_the_ruleset_file_or_the_one_it_extends_is_refused(edition: Path, tmp_path: Path) -> None:
    registry = ruleset_registry(())
    folder = tmp_path / "rulesets"
    folder.mkdir()
    child = Path(shutil.copy(registry.path_of(RULESET), folder / "child.yaml"))
    parent = Path(shutil.copy(registry.path_of("kipp-regional"), folder / "parent.yaml"))
    kept = {child: child.read_bytes(), parent: parent.read_bytes()}
    for target, option in ((child, "--out"), (parent, "--out"), (parent, "--bundle")):
        out = evaluate(edition, option, str(target), "--format", "json", "--rulesets", str(folder),
                       ruleset=str(child))
        refused(out, option, "it is an input of this command")
    assert {p: p.read_bytes() for p in kept} == kept


def test_out_and_bundle_on_the_same_file_are_refused(edition: Path, tmp_path: Path) -> None:
    same = tmp_path / "same.json"
    refused(evaluate(edition, "--out", str(same), "--bundle", str(same)),
            "--bundle", "--out names the same file", "--out menunjuk berkas yang sama")
    assert not same.exists()


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_a_new_result_file_gets_the_mode_open_gives_it(mask: int, mode: int, fmt: str, edition: Path,
                                                       tmp_path: Path) -> None:
    os.umask(mask)
    result, bundle = tmp_path / f"r.{fmt}", tmp_path / "b.zip"
    out = evaluate(edition, "--out", str(result), "--bundle", str(bundle))
    assert out.exit_code == 0, out.output
    assert stat.S_IMODE(os.stat(result).st_mode) == mode
    assert stat.S_IMODE(os.stat(bundle).st_mode) == mode


@pytest.mark.usefixtures("umask")
def test_a_replaced_result_file_keeps_its_mode(edition: Path, tmp_path: Path) -> None:
    result = tmp_path / "r.json"
    result.write_text("{}", encoding="utf-8")
    result.chmod(0o640)
    assert evaluate(edition, "--out", str(result)).exit_code == 0
    assert stat.S_IMODE(os.stat(result).st_mode) == 0o640
    assert result.read_text(encoding="utf-8") != "{}"


OBJECTIONS = "objection_id,submitter,submission_id,stage,kind,reason\n"


def test_final_refuses_out_onto_the_objections_file_and_out_equal_to_changes(edition: Path, tmp_path: Path) -> None:
    objections = tmp_path / "objections.csv"
    objections.write_text(OBJECTIONS, encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(main, ["final", RULESET, str(edition), str(objections), "--no-plugins",
                               "--out", str(objections)])
    refused(out, "it is an input of this command")
    assert objections.read_text(encoding="utf-8") == OBJECTIONS
    same = tmp_path / "same.json"
    out = runner.invoke(main, ["final", RULESET, str(edition), str(objections), "--no-plugins",
                               "--out", str(same), "--changes", str(same)])
    refused(out, "--changes", "--out names the same file")
