"""Re-record the outputs that documentation pages show under their commands.

When a command's output changes on purpose (a new line in ``evaluate``, a regenerated
example edition), ``tests/test_docs.py`` fails on every page that shows the old output.
This script runs each page exactly as the test does and writes the real output under
every ``$ inovasi-rules ...`` command whose shown output has no ``...``; outputs with
``...`` (excerpts) are left for a person to edit. Review the diff before committing:
the point of the test is that a changed output is noticed.

    .venv/bin/python docs/_ext/refresh_outputs.py docs/getting-started.md docs/index.md
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
os.environ["INOVASI_RULES_DISABLE_PLUGIN_AUTOLOAD"] = "1"

import test_docs  # noqa: E402  (the harness of the documentation tests)


def refresh(page: Path) -> list[str]:
    """Rewrite ``page`` in place; return the commands whose output changed."""
    recorded: dict[str, str] = {}
    run_command = test_docs.run_command

    def recording(command: str, cwd: Path) -> tuple[int, str]:
        code, output = run_command(command, cwd)
        recorded[command] = output
        return code, output

    test_docs.run_command = recording
    test_docs.match_output = lambda expected, actual: True
    work = Path(tempfile.mkdtemp())
    cwd = Path.cwd()
    os.chdir(work)
    try:
        test_docs.run_page(page, work)
    finally:
        os.chdir(cwd)
        test_docs.run_command = run_command

    lines = page.read_text(encoding="utf-8").splitlines()
    out: list[str] = []
    changed: list[str] = []
    in_console = False
    i = 0
    while i < len(lines):
        line = lines[i]
        fence = line.strip().startswith("```")
        if fence:
            in_console = line.strip().startswith("```console") and not in_console
        if not (in_console and line.startswith("$ ")):
            out.append(line)
            i += 1
            continue
        # a command, maybe continued with "\", then its shown output
        command_lines = [line]
        while command_lines[-1].rstrip().endswith("\\") and i + 1 < len(lines):
            i += 1
            command_lines.append(lines[i])
        out.extend(command_lines)
        command = " ".join(
            part.rstrip().removesuffix("\\").strip() for part in command_lines
        ).removeprefix("$ ")
        j = i + 1
        shown: list[str] = []
        while (
            j < len(lines)
            and not lines[j].startswith("$ ")
            and not lines[j].strip().startswith("```")
        ):
            shown.append(lines[j])
            j += 1
        new = shown
        if shown and not any("..." in s for s in shown) and command in recorded:
            new = [s.rstrip() for s in recorded[command].rstrip("\n").splitlines()]
            if new != shown:
                changed.append(command)
        out.extend(new)
        i = j
    page.write_text("\n".join(out) + "\n", encoding="utf-8")
    return changed


def main(paths: list[str]) -> None:
    for name in paths:
        for command in refresh(Path(name).resolve()):
            print(f"{name}: {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
