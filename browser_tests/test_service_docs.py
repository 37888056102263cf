"""The examples of docs/service.md run against a live service: the curl commands and
the JavaScript, PHP and Java clients, each of whose results must be the CLI's JSON.

Here rather than in tests/ because it needs curl, node, php and java (``.ci/run``
installs php-cli; the others come with the machine).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from inovasi_rules.cli import main
from inovasi_rules.service import create_app
from inovasi_rules.service.local import serving

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "service.md"
sys.path.insert(0, str(ROOT / "tests"))
from test_docs import read_blocks  # noqa: E402

DOCUMENTED = "http://127.0.0.1:8000"
RUN = {"javascript": ["node"], "php": ["php"], "java": ["java"]}


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serving(create_app(workers=1)) as url:
        yield url


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    for name in ("docs", "examples", "rulesets"):
        (tmp_path / name).symlink_to(ROOT / name, target_is_directory=True)
    return tmp_path


def expected() -> bytes:
    run = CliRunner().invoke(main, ["evaluate", "kipp-sukoharjo-2023",
                                    str(ROOT / "examples" / "sukoharjo-2023"), "--format", "json"])
    return run.stdout_bytes


def commands(text: str) -> list[str]:
    """The block's shell commands, continuation lines joined; installing and starting
    the service are left out (the fixture's service stands in for them)."""
    joined = text.replace("\\\n", " ")
    return [c for c in joined.splitlines()
            if c.strip() and not c.startswith(("pip install", "inovasi-rules serve"))]


def test_the_curl_examples_give_the_clis_result(base: str, workdir: Path) -> None:
    blocks = [b for b in read_blocks(PAGE) if b.lang == "bash" and "service" in b.markers]
    ran = 0
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "INOVASI_RULES_DISABLE_PLUGIN_AUTOLOAD": "1"}
    for block in blocks:
        for command in commands(block.text):
            done = subprocess.run(command.replace(DOCUMENTED, base), shell=True, cwd=workdir, env=env,
                                  capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, f"{block.where}: {command}\n{done.stdout}{done.stderr}"
            ran += 1
    assert ran >= 5
    assert (workdir / "result.json").read_bytes() == expected()


@pytest.mark.parametrize("lang", sorted(RUN))
def test_the_client_gives_the_clis_result(base: str, workdir: Path, lang: str) -> None:
    [block] = [b for b in read_blocks(PAGE) if b.lang == lang]
    assert block.title
    (workdir / block.title).write_text(block.text, encoding="utf-8")
    program = shutil.which(RUN[lang][0])
    assert program, f"{lang}: {RUN[lang][0]} is not installed"
    done = subprocess.run([program, block.title, base], cwd=workdir, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, f"{block.where}\n{done.stdout}{done.stderr}"
    assert done.stdout.strip()
    assert (workdir / f"result-{lang}.json").read_bytes() == expected()
