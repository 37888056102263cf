"""Every example in the documentation is run or validated here, so none can rot.

Each page under ``docs/`` is read top to bottom in a fresh working directory that
holds links to the repository's ``docs/``, ``examples/`` and ``rulesets/`` (so a page
can say ``inovasi-rules evaluate kipp-sukoharjo-2023 examples/sukoharjo-2023``).
README.md's Python example (and the output shown after it) is run the same way.
``--8<-- "path"`` lines are replaced by the file they include, as MkDocs does.
Fenced blocks are checked by language:

``yaml``
    Parsed. A ruleset (it has ``schema_version``) must validate without errors or
    warnings. A fragment (its top-level keys are all ruleset sections, such as
    ``categories:`` or ``stages:``) is validated inside a ruleset that extends
    ``kipp-regional``. Any other YAML must have a ``title`` (it is a file the page
    uses, such as a ``*.test.yaml``).
``python``
    Executed; the blocks of one page share a namespace.
``pycon``
    Run as a doctest (``...`` in the output matches anything).
``console``
    Lines starting with ``$ `` are commands. ``inovasi-rules ...`` runs through
    click's test runner (plugin autoloading off, as on a fresh install); the lines
    after a command, up to the next ``$``, are its expected output, compared line by
    line (trailing spaces ignored; a line ``...`` stands for any number of lines,
    and ``...`` inside a line for any text, such as a duration). Every command must
    exit 0. ``pytest ...`` runs in a subprocess.
``bash``
    Every line starting with ``inovasi-rules`` runs and must exit 0; other lines
    (installation) are not run.
``json``
    Parsed.
``javascript``, ``php``, ``java``
    A client of the HTTP service: it must have a ``title`` (the file it is saved as);
    ``browser_tests/test_service_docs.py`` runs it against a live service (it needs
    node, php and java, which a newcomer's machine may lack).
``text``, ``csv``
    Shown as they are (a diagram, a data file); see ``output`` below.

A block with a ``title="path"`` is first written to that path in the working
directory, so later commands use exactly what the page shows.

Markers, in an HTML comment on the line before a block (invisible on the site):

``<!-- docs-test: exit=1 -->``
    the block's commands are expected to fail with this exit code (an example of
    an error message);
``<!-- docs-test: invalid -->``
    a YAML ruleset or fragment that must *not* validate (an example of a mistake);
``<!-- docs-test: extends=ID -->``
    validate a fragment inside a ruleset extending ``ID`` (``none``: no parent);
``<!-- docs-test: output -->``
    on a ``text`` block: the expected output of the ``python`` block before it;
``<!-- docs-test: service -->``
    on a ``bash`` block: commands for the HTTP service. ``inovasi-rules serve ...``
    lines are parsed (every option must exist) but not run here;
    ``browser_tests/test_service_docs.py`` runs the block against a live service;
``<!-- docs-test: table=NAME -->``
    names the Markdown table that follows, for a test of its own (the numbers of
    the scoring example are checked against the engine).

Unknown block languages and unknown markers fail, so nothing is silently unchecked.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import json
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from click.testing import CliRunner

from inovasi_rules import (
    InovasiRulesError,
    Registry,
    check_ruleset,
    evaluate,
    load_ruleset,
    read_edition,
    ruleset_schema,
)
from inovasi_rules.cases import (
    format_case_result,
    load_case_file,
    measure_coverage,
    run_case_file,
)
from inovasi_rules.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if "_ext" not in p.parts)
LANGUAGES = {"yaml", "python", "pycon", "console", "bash", "text", "csv", "json",
             "javascript", "php", "java"}
MARKERS = {"exit", "invalid", "extends", "output", "table", "service"}
CLIENTS = {"javascript", "php", "java"}
SNIPPET = re.compile(r'^(\s*)--8<--\s+"([^"]+)"\s*$')
FENCE = re.compile(r"^(\s*)(`{3,})\s*([\w-]*)\s*(.*)$")
MARKER = re.compile(r"^\s*<!--\s*docs-test:\s*(.*?)\s*-->\s*$")


# --------------------------------------------------------------------------- reading pages


@dataclass
class Block:
    """One fenced block of a page."""

    page: Path
    line: int
    lang: str
    text: str
    title: str | None = None
    markers: dict[str, str] = field(default_factory=dict)

    @property
    def where(self) -> str:
        return f"{_shown(self.page)}:{self.line}"


def _shown(page: Path) -> str:
    return str(page.relative_to(ROOT)) if page.is_relative_to(ROOT) else str(page)


def _expand_snippets(lines: list[str]) -> list[tuple[int, str]]:
    """Lines with ``--8<--`` includes replaced, each with its line number in the page."""
    out: list[tuple[int, str]] = []
    for n, line in enumerate(lines, 1):
        m = SNIPPET.match(line)
        if m:
            included = (ROOT / m.group(2)).read_text(encoding="utf-8").splitlines()
            out.extend((n, m.group(1) + inc if inc else "") for inc in included)
        else:
            out.append((n, line))
    return out


def read_blocks(page: Path) -> list[Block]:
    """The fenced blocks of a page, in order, with their markers."""
    lines = _expand_snippets(page.read_text(encoding="utf-8").splitlines())
    blocks: list[Block] = []
    markers: dict[str, str] = {}
    i = 0
    while i < len(lines):
        n, line = lines[i]
        m = MARKER.match(line)
        if m:
            for item in m.group(1).split():
                key, _, value = item.partition("=")
                assert key in MARKERS, f"{_shown(page)}:{n}: unknown marker {key!r}"
                markers[key] = value
            i += 1
            continue
        f = FENCE.match(line)
        if not f:
            if line.strip():
                markers = {}
            i += 1
            continue
        indent, ticks, lang, rest = f.groups()
        title = re.search(r'title="([^"]+)"', rest)
        body: list[str] = []
        i += 1
        while i < len(lines) and not lines[i][1].strip().startswith(ticks):
            text = lines[i][1]
            body.append(text[len(indent) :] if text.startswith(indent) else text.lstrip())
            i += 1
        i += 1
        blocks.append(
            Block(page, n, lang, "\n".join(body) + "\n", title.group(1) if title else None, markers)
        )
        markers = {}
    return blocks


def _page_id(page: Path) -> str:
    return str(page.relative_to(DOCS))


# --------------------------------------------------------------------------- running blocks


def _line_matches(want: str, got: str) -> bool:
    if "..." not in want:
        return want == got
    pattern = ".*".join(re.escape(part) for part in want.split("..."))
    return re.fullmatch(pattern, got) is not None


def match_output(expected: str, actual: str) -> bool:
    """Line by line, trailing spaces ignored; a line ``...`` matches any lines, and
    ``...`` inside a line matches any text (a duration, say)."""
    want = [ln.rstrip() for ln in expected.strip("\n").splitlines()]
    got = [ln.rstrip() for ln in actual.strip("\n").splitlines()]

    def match(i: int, j: int) -> bool:
        if i == len(want):
            return j == len(got)
        if want[i] == "...":
            return any(match(i + 1, k) for k in range(j, len(got) + 1))
        return j < len(got) and _line_matches(want[i], got[j]) and match(i + 1, j + 1)

    return match(0, 0)


def run_cli(args: list[str]) -> tuple[int, str]:
    """Run ``inovasi-rules ARGS`` as the console script does (``cli.run``)."""
    result = CliRunner().invoke(
        main, args, prog_name="inovasi-rules", catch_exceptions=True, terminal_width=100
    )
    exc = result.exception
    if isinstance(exc, InovasiRulesError):
        return 1, result.output + str(exc) + "\n"
    if exc is not None and not isinstance(exc, SystemExit):
        raise exc
    return result.exit_code, result.output


def run_command(command: str, cwd: Path) -> tuple[int, str]:
    words = shlex.split(command)
    if words[0] == "inovasi-rules":
        return run_cli(words[1:])
    if words[0] == "pytest":
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *words[1:]],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=False,
        )
        return proc.returncode, proc.stdout + proc.stderr
    raise AssertionError(f"only inovasi-rules and pytest commands are run, not {command!r}")


def console_commands(text: str) -> Iterator[tuple[str, str]]:
    """``(command, expected output)`` pairs of a console block."""
    command: str | None = None
    output: list[str] = []
    pending = ""
    for line in text.splitlines():
        if pending or line.startswith("$ "):
            part = line[2:] if not pending else line.strip()
            if part.rstrip().endswith("\\"):
                pending += part.rstrip()[:-1] + " "
                continue
            if command is not None:
                yield command, "\n".join(output)
            command, output, pending = pending + part, [], ""
        elif command is not None:
            output.append(line)
    if command is not None:
        yield command, "\n".join(output)


RULESET_KEYS = set(ruleset_schema()["properties"])


def check_yaml(block: Block, path: Path) -> None:
    """Validate a ruleset or a ruleset fragment (see the module docstring)."""
    data = yaml.safe_load(block.text)
    invalid = "invalid" in block.markers
    if not isinstance(data, dict):
        assert block.title, f"{block.where}: a YAML block that is not a mapping needs a title"
        return
    if "schema_version" not in data and not set(data) <= RULESET_KEYS and not invalid:
        assert block.title, (
            f"{block.where}: a YAML block that is neither a ruleset nor a part of one needs a "
            'title="file" (the file it shows)'
        )
        return
    workdir = Path.cwd()
    if "schema_version" not in data or block.title is None:
        text = block.text
        if "schema_version" not in data:
            parent = block.markers.get("extends", "kipp-regional")
            head = {"schema_version": 1, "id": f"docs-example-{block.line}", "name": "example"}
            if parent != "none":
                head["extends"] = parent
            text = "".join(f"{k}: {v}\n" for k, v in head.items() if k not in data) + text
        path = workdir / "_blocks" / f"{block.line}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    # the working directory is searched too: a fragment may extend a ruleset the page wrote
    check = check_ruleset(path, registry=Registry([workdir]))
    shown = "\n".join(p.format() for p in check.problems)
    if invalid:
        assert not check.ok, f"{block.where}: marked invalid, but it validates"
    else:
        assert check.ok, f"{block.where}: does not validate:\n{shown}"
        assert not check.warnings, f"{block.where}: validates with warnings:\n{shown}"


def run_page(page: Path, workdir: Path, only: set[str] | None = None) -> int:
    """Check every block of ``page`` in order (or only those in the languages ``only``);
    return how many were checked."""
    for name in ("docs", "examples", "rulesets"):
        (workdir / name).symlink_to(ROOT / name, target_is_directory=True)
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    last_stdout: str | None = None
    blocks = [b for b in read_blocks(page) if only is None or b.lang in only]
    for block in blocks:
        assert block.lang in LANGUAGES, f"{block.where}: unknown block language {block.lang!r}"
        target = workdir / block.title if block.title else workdir / "_"
        if block.title:
            assert not Path(block.title).is_absolute(), f"{block.where}: a title is a relative path"
            assert ".." not in Path(block.title).parts, f"{block.where}: a title stays inside"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.text, encoding="utf-8")
        want_exit = int(block.markers.get("exit", "0"))
        if block.lang == "yaml":
            check_yaml(block, target)
        elif block.lang == "json":
            json.loads(block.text)
        elif block.lang == "python":
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile(block.text, block.where, "exec"), namespace)
            last_stdout = out.getvalue()
            continue
        elif block.lang == "pycon":
            test = doctest.DocTestParser().get_doctest(
                block.text, namespace, block.where, str(page), block.line
            )
            runner = doctest.DocTestRunner(
                optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
            )
            report = io.StringIO()
            runner.run(test, out=report.write, clear_globs=False)
            assert not runner.failures, f"{block.where}: doctest failed\n{report.getvalue()}"
        elif block.lang == "text" and "output" in block.markers:
            assert last_stdout is not None, f"{block.where}: 'output' follows no python block"
            assert match_output(block.text, last_stdout), (
                f"{block.where}: the python block printed\n{last_stdout}"
            )
        elif block.lang == "console":
            commands = list(console_commands(block.text))
            assert commands, f"{block.where}: a console block without a `$ ` command"
            for command, expected in commands:
                code, output = run_command(command, workdir)
                assert code == want_exit, (
                    f"{block.where}: `{command}` exited {code}, expected {want_exit}\n{output}"
                )
                if expected.strip():
                    assert match_output(expected, output), (
                        f"{block.where}: `{command}` printed:\n{output}"
                    )
        elif block.lang in CLIENTS:
            assert block.title, f"{block.where}: a {block.lang} client needs a title (its file)"
        elif block.lang == "bash" and "service" in block.markers:
            for line in block.text.splitlines():
                if line.startswith("inovasi-rules serve"):
                    args = shlex.split(line.split("#")[0])[2:]
                    serve = main.get_command(click.Context(main), "serve")
                    assert serve is not None
                    serve.make_context("serve", args)  # parsed, not served
        elif block.lang == "bash":
            for line in block.text.splitlines():
                if line.startswith("inovasi-rules "):
                    code, output = run_command(line.split("#")[0], workdir)
                    assert code == want_exit, f"{block.where}: `{line}` exited {code}\n{output}"
        last_stdout = None
    return len(blocks)


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_page_examples(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every example of the page runs or validates, with the output it shows."""
    monkeypatch.setenv("INOVASI_RULES_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.chdir(tmp_path)
    run_page(page, tmp_path)


def test_readme_python_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """README's Python example runs from the repository root and prints what README shows.
    (Its command lines are not run here: ``serve`` would not return; ``.ci/run`` runs its
    install and test commands.)"""
    monkeypatch.setenv("INOVASI_RULES_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.chdir(tmp_path)
    assert run_page(ROOT / "README.md", tmp_path, only={"python", "text"}) >= 2


@pytest.mark.parametrize("page", ["tutorial-id.md", "tutorial-en.md"])
def test_tutorial_commands_are_single_lines(page: str) -> None:
    """The tutorials are followed in Windows Command Prompt too, where a ``\\`` at the end
    of a line does not continue the command."""
    continued = [
        f"{block.where}: {line}"
        for block in read_blocks(DOCS / page)
        if block.lang in {"console", "bash"}
        for line in block.text.splitlines()
        if line.rstrip().endswith("\\")
    ]
    assert continued == []


# --------------------------------------------------------------------------- the harness itself


def test_harness_catches_a_wrong_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page whose shown output differs from the real one fails, and a matching one passes."""
    monkeypatch.setenv("INOVASI_RULES_DISABLE_PLUGIN_AUTOLOAD", "1")
    page = tmp_path / "page.md"
    page.write_text(
        "```console\n$ inovasi-rules list\nkipp-2019  KIPP 1999\n```\n", encoding="utf-8"
    )
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    with pytest.raises(AssertionError, match="printed"):
        run_page(page, work)
    good = tmp_path / "good.md"
    good.write_text(
        "<!-- docs-test: exit=1 -->\n```console\n$ inovasi-rules validate nothing.yaml\n...\n"
        "nothing.yaml: TIDAK SAH (1 galat, 0 peringatan)\n```\n"
        '```yaml title="x.yaml"\ncategories:\n  - {id: kesehatan}\n```\n'
        "<!-- docs-test: invalid -->\n```yaml\nstages:\n  - {id: penilaian, kind: lottery}\n```\n",
        encoding="utf-8",
    )
    work2 = tmp_path / "work2"
    work2.mkdir()
    monkeypatch.chdir(work2)
    assert run_page(good, work2) == 3


def test_match_output_ellipsis() -> None:
    assert match_output("a\n...\nd\n", "a\nb\nc\nd\n")
    assert match_output("a\n...\n", "a\n")
    assert not match_output("a\n...\nd\n", "a\nb\nc\n")
    assert not match_output("a\nb\n", "a\nb\nc\n")
    assert match_output("== 3 passed in ...s ==", "== 3 passed in 0.51s ==")
    assert not match_output("== 3 passed in ...s ==", "== 2 passed in 0.51s ==")


# --------------------------------------------------------------------------- the scoring example


def page_table(page: Path, name: str) -> list[dict[str, str]]:
    """The Markdown table after ``<!-- docs-test: service -->``
    on a ``bash`` block: commands for the HTTP service. ``inovasi-rules serve ...``
    lines are parsed (every option must exist) but not run here;
    ``browser_tests/test_service_docs.py`` runs the block against a live service;
``<!-- docs-test: table=NAME -->``, as dicts by header."""
    lines = page.read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if f"docs-test: table={name}" in ln) + 1
    rows = []
    for ln in lines[start:]:
        if not ln.startswith("|"):
            break
        rows.append([c.strip() for c in ln.strip().strip("|").split("|")])
    header, body = rows[0], rows[2:]
    return [dict(zip(header, r, strict=True)) for r in body]


def test_scoring_example_table_matches_the_engine() -> None:
    """Every number of the table on the scoring page is what the engine computes."""
    result = evaluate(
        load_ruleset(DOCS / "explanation" / "scoring-example.yaml"),
        read_edition(DOCS / "explanation" / "scoring-example"),
        load_entrypoints=False,
    )
    rows = page_table(DOCS / "explanation" / "scoring.md", "scoring-example")
    scored = [s for s in result.submissions if s.stage("penilaian") is not None]
    assert [r["Entry"] for r in rows] == [
        s.id
        for s in sorted(scored, key=lambda s: s.stage("penilaian").rank)  # type: ignore[union-attr]
    ]
    for row in rows:
        sub = result.submission(row["Entry"])
        pen = sub.stage("penilaian")
        assert pen is not None
        bonus = sum((a.amount for a in pen.adjustments), Decimal(0))
        assert row["Kind"] == sub.fields["participant.kind"]
        assert row["Judges' totals (J1, J2, J3, J4)"] == ", ".join(str(j.total) for j in pen.judges)
        assert Decimal(row["Aggregate"]) == pen.base_score
        assert Decimal(row["Bonus"]) == bonus
        assert row["Assessment score"] == str(pen.score)
        assert int(row["Rank"]) == pen.rank
        assert row["Advances"] == ("yes" if pen.status == "advanced" else "no")
        pres = sub.stage("presentasi")
        assert row["Presentation"] == (str(pres.base_score) if pres else "")
        assert row["Combined"] == (str(pres.score) if pres else "")
        award = [g.rank for g in sub.awards if g.award == "top-inovasi"]
        assert row["Award rank"] == (str(award[0]) if award else "")


# --------------------------------------------------------------------------- the format reference

#: Shapes used in many places, documented once each under their own name.
SHARED_DEFS = ("label", "condition", "value", "selection", "param_ref")


def schema_keys() -> dict[str, list[Any]]:
    """Every key path of the ruleset schema, with its enum values (if any).

    Paths read like the reference page: ``stages[].judges.min``; the shared shapes of
    :data:`SHARED_DEFS` are walked once, from their own name (``condition.field``).
    """
    schema = ruleset_schema()
    defs = schema["$defs"]
    keys: dict[str, list[Any]] = {}

    def walk(node: dict[str, Any], path: str, seen: frozenset[str]) -> None:
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name in SHARED_DEFS or name in seen:
                return
            walk(defs[name], path, seen | {name})
        if "enum" in node and path in keys:
            keys[path].extend(node["enum"])
        for alt in node.get("anyOf", []) + node.get("oneOf", []):
            walk(alt, path, seen)
        for key, sub in node.get("properties", {}).items():
            sub_path = f"{path}.{key}" if path else key
            keys.setdefault(sub_path, [])
            walk(sub, sub_path, seen)
        if isinstance(node.get("items"), dict):
            walk(node["items"], f"{path}[]", seen)
        if "enum" in node.get("items", {}) and path in keys:
            keys[path].extend(node["items"]["enum"])

    walk(schema, "", frozenset())
    for name in SHARED_DEFS:
        walk(defs[name], name, frozenset({name}))
    return keys


def documented_keys(page: Path) -> dict[str, str]:
    """Key paths named in the first column of the page's tables, with their row."""
    out: dict[str, str] = {}
    for line in page.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| `"):
            continue
        first = line.split("|")[1]
        for key in re.findall(r"`([^`]+)`", first):
            out[key] = line
    return out


def test_format_reference_documents_every_schema_key() -> None:
    """docs/reference/format.md and the JSON Schema name the same keys, and each enum
    value of a key is mentioned in its row: the page cannot drift from the schema."""
    schema = schema_keys()
    page = documented_keys(DOCS / "reference" / "format.md")
    assert sorted(set(schema) - set(page)) == [], "schema keys missing from the reference"
    assert sorted(set(page) - set(schema)) == [], "reference keys not in the schema"
    for key, values in schema.items():
        missing = [v for v in values if f"`{v}`" not in page[key]]
        assert not missing, f"{key}: values {missing} are not described"


def test_schema_keys_are_found() -> None:
    """The schema walk sees nested and shared keys (a guard for the test above)."""
    keys = schema_keys()
    assert "stages[].judges.conflicts[].submission" in keys
    assert "condition.count.equals" in keys
    assert set(keys["stages[].judges.aggregate"]) == {
        "mean",
        "median",
        "trimmed_mean",
        "normalised_mean",
    }
    assert "participant_kinds" in keys["replace"]


# --------------------------------------------------------------------------- the tutorial's files

TUTORIAL = DOCS / "tutorial"


def test_tutorial_ruleset_validates() -> None:
    """The ruleset the tutorial builds is valid, without a single warning."""
    check = check_ruleset(TUTORIAL / "kipp-klaten-2025.yaml")
    assert check.ok, "\n".join(p.format() for p in check.problems)
    assert not check.warnings, "\n".join(p.format() for p in check.problems)


def test_tutorial_cases_pass_with_full_coverage() -> None:
    """The tutorial's test cases pass and exercise every rule in both directions."""
    case_file = load_case_file(TUTORIAL / "kipp-klaten-2025.test.yaml")
    results = run_case_file(case_file, load_entrypoints=False)
    assert len(results) == len(case_file.cases) >= 10
    failed = [format_case_result(r) for r in results if not r.passed]
    assert not failed, "\n".join(failed)
    coverage = measure_coverage(case_file.ruleset, results)
    assert [i.id for i in coverage.uncovered] == []
    assert coverage.percent == 100


# --------------------------------------------------------------------------- the site itself


def _nav_pages(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for item in node:
            yield from _nav_pages(item)
    elif isinstance(node, dict):
        for value in node.values():
            yield from _nav_pages(value)


def test_navigation_lists_every_page() -> None:
    """Every page is in mkdocs.yml's nav, and every nav entry exists."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    nav = set(_nav_pages(config["nav"]))
    pages = {str(p.relative_to(DOCS)) for p in PAGES}
    assert sorted(nav - pages) == [], "nav entries without a page"
    assert sorted(pages - nav) == [], "pages missing from the nav"


def test_api_reference_covers_the_public_api() -> None:
    """Every name of ``inovasi_rules.__all__`` has its own entry on the API page."""
    import inovasi_rules

    page = (DOCS / "reference" / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^::: inovasi_rules\.(\w+)$", page, flags=re.MULTILINE))
    public = set(inovasi_rules.__all__) - {"__version__"}
    assert sorted(public - documented) == []


def test_cli_and_hook_references_are_generated() -> None:
    """The command line and hook pages are generated from the code, so they stay whole."""
    cli = (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    assert ":module: inovasi_rules.cli" in cli
    assert ":prog_name: inovasi-rules" in cli
    hooks = (DOCS / "reference" / "hooks.md").read_text(encoding="utf-8")
    assert "::: inovasi_rules.hookspecs" in hooks


def test_docstring_extension_renders_rst_as_markdown() -> None:
    """docs/_ext/rst_docstrings.py turns the reST of the docstrings into Markdown."""
    sys.path.insert(0, str(DOCS / "_ext"))
    try:
        from rst_docstrings import rst_to_markdown
    finally:
        sys.path.pop(0)
    text = (
        "See :class:`~inovasi_rules.Ruleset` and `pluggy <https://pluggy.rtfd.io>`_.\n\n"
        ".. code-block:: yaml\n\n    a: 1\n\n"
        "Folders::\n\n    x/\n      y.csv\n\n"
        ">>> 1 + 1\n2\n\n"
        "``mean``\n    The mean.\n``median``\n    The middle.\n\n"
        "=====  =====\n``a``  first\n``b``  second\n=====  =====\n"
    )
    assert rst_to_markdown(text).splitlines() == [
        "See `Ruleset` and [pluggy](https://pluggy.rtfd.io).",
        "",
        "```yaml",
        "a: 1",
        "```",
        "",
        "Folders:",
        "",
        "```text",
        "x/",
        "  y.csv",
        "```",
        "",
        "```pycon",
        ">>> 1 + 1",
        "2",
        "```",
        "",
        "``mean``",
        ":   The mean.",
        "``median``",
        ":   The middle.",
        "",
        "|  |  |",
        "|---|---|",
        "| ``a`` | first |",
        "| ``b`` | second |",
    ]
