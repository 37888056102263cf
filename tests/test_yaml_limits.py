"""Hostile or careless YAML: size, nesting and alias limits, and the YAML 1.1
pitfalls (``no`` for Norway, ``yes``/``on`` as booleans, octal numbers).

A host system may load rulesets that regional governments upload, so each limit must
end in a clear :class:`LimitError`, quickly and without building the huge document.
"Quickly" is asserted by counting, not by a clock (which other processes stretch): the
YAML events read before the refusal, and that no node graph was ever composed. How long
a refusal takes is measured in ``benchmarks/``.
"""

from __future__ import annotations

import datetime
import tracemalloc
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from inovasi_rules.errors import LimitError, RulesetError
from inovasi_rules.ruleset.loading import Registry, check_ruleset, loads_ruleset
from inovasi_rules.yamlpos import MAX_BYTES, MAX_DEPTH, MAX_NODES, load_yaml, plain_value, to_plain

#: A fixed allowance of events beyond a limit (the stream, document and top mapping
#: starts, the first key, the parser's lookahead): the same whatever the document's size.
SLACK = 16
#: Peak memory allowed while refusing a document (bytes).
SMALL = 50 * 1024 * 1024


def billion_laughs(levels: int = 10) -> str:
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        refs = ", ".join([f"*lol{i - 1}"] * 10)
        lines.append(f"lol{i}: &lol{i} [{refs}]")
    return "\n".join(lines) + "\n"


class Work:
    """What one refusal cost, counted: the YAML events read and the node graphs built."""

    def __init__(self) -> None:
        self.events = 0
        self.composed = 0


def counted(monkeypatch: pytest.MonkeyPatch) -> Work:
    """Count the events ``yaml.parse`` yields and the calls of ``yaml.compose``."""
    work = Work()
    parse, compose = yaml.parse, yaml.compose

    def counting_parse(*args: Any, **kwargs: Any) -> Iterator[yaml.Event]:
        for event in parse(*args, **kwargs):
            work.events += 1
            yield event

    def counting_compose(*args: Any, **kwargs: Any) -> Any:
        work.composed += 1
        return compose(*args, **kwargs)

    monkeypatch.setattr(yaml, "parse", counting_parse)
    monkeypatch.setattr(yaml, "compose", counting_compose)
    return work


def refuse(text: str | bytes, *, memory: bool = False) -> tuple[LimitError, Work, int]:
    """Load ``text`` expecting a LimitError; return it with the work it took (counted)
    and, with ``memory``, the peak memory used (measured in a second run: tracing memory
    slows Python down; without ``memory`` the peak is 0)."""
    with pytest.MonkeyPatch.context() as patch:
        work = counted(patch)
        with pytest.raises(LimitError) as info:
            load_yaml(text, "upload.yaml")
    if not memory:
        return info.value, work, 0
    tracemalloc.start()
    try:
        with pytest.raises(LimitError):
            load_yaml(text, "upload.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return info.value, work, peak


@pytest.fixture(autouse=True)
def _no_tracemalloc_left_running() -> Iterator[None]:
    yield
    assert not tracemalloc.is_tracing()


# --------------------------------------------------------------------------- limits


def test_billion_laughs_is_refused_quickly_without_expanding() -> None:
    # expanded, this document would hold 10**10 strings
    error, work, peak = refuse(billion_laughs(), memory=True)
    # refused while reading the ten lines' own events, before any node graph is built
    assert work.events <= len(list(yaml.parse(billion_laughs())))
    assert work.composed == 0
    assert peak < SMALL
    (problem,) = error.problems
    assert problem.rule == "limit"
    assert problem.file == "upload.yaml"
    assert problem.line is not None
    assert problem.column is not None
    assert f"more than {MAX_NODES} values (aliases counted at every use)" in problem.message
    assert "/ dokumen terlalu besar" in problem.message
    assert problem.hint is not None
    assert "aliases" in problem.hint


def test_a_few_aliases_are_fine() -> None:
    node = load_yaml(billion_laughs(levels=3), "ok.yaml")
    plain = to_plain(node)
    assert isinstance(plain, dict)
    assert len(plain["lol2"]) == 10
    assert plain["lol2"][0] == plain["lol1"]


def test_an_alias_inside_its_own_anchor_is_refused() -> None:
    error, work, _ = refuse("a: &a [1, *a]\n")
    (problem,) = error.problems
    assert (problem.line, problem.column) == (1, 11)
    assert "alias melingkar" in problem.message
    assert work.composed == 0


@pytest.mark.parametrize("as_bytes", [True, False], ids=["bytes", "text"])
def test_a_10_mb_file_is_refused_before_parsing(as_bytes: bool) -> None:
    text = "name: " + "x" * 10_000_000 + "\n"
    error, work, _ = refuse(text.encode() if as_bytes else text)
    assert work.events == 0
    (problem,) = error.problems
    assert problem.rule == "limit"
    assert "file too large: 10,000,007 bytes, the limit is 2,000,000" in problem.message
    assert "/ berkas terlalu besar" in problem.message


def test_the_size_limit_counts_bytes_not_characters() -> None:
    # 700,000 four-byte characters: under the limit in characters, over it in bytes
    text = "name: " + "😀" * 700_000
    assert len(text) < MAX_BYTES
    error, _, _ = refuse(text)
    assert "bytes" in error.problems[0].message


def test_a_10_mb_ruleset_file_is_a_located_check_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"schema_version: 1\nid: huge\nname: " + b"x" * 10_000_000 + b"\n")
    work = counted(monkeypatch)
    check = check_ruleset(path, registry=Registry(bundled=False))
    assert work.events == 0
    assert check.ruleset is None
    (problem,) = check.problems
    assert (problem.file, problem.rule) == (str(path), "limit")


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 10_000, 999_990])
def test_deep_flow_nesting_is_refused(depth: int) -> None:
    text = "a: " + "[" * depth + "]" * depth + "\n"
    error, work, peak = refuse(text, memory=True)
    # one event per bracket opened, however many more brackets follow
    assert work.events <= MAX_DEPTH + SLACK
    assert peak < SMALL
    (problem,) = error.problems
    assert f"nesting deeper than {MAX_DEPTH} levels" in problem.message
    # at the bracket that goes one level too deep (the top mapping is level 1)
    assert (problem.line, problem.column) == (1, 3 + MAX_DEPTH)


def test_deep_block_nesting_is_refused() -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 5)) + "  " * 50 + "v\n"
    error, work, _ = refuse(text)
    # a key and a mapping start per level
    assert work.events <= 2 * MAX_DEPTH + SLACK
    assert error.problems[0].line == MAX_DEPTH + 1


def test_nesting_up_to_the_limit_is_fine() -> None:
    depth = MAX_DEPTH - 1  # plus the top-level mapping
    node = load_yaml("a: " + "[" * depth + "1" + "]" * depth + "\n")
    value = to_plain(node)
    for _ in range(depth + 1):
        assert isinstance(value, (dict, list))
        value = value["a"] if isinstance(value, dict) else value[0]
    assert value == 1


@pytest.mark.parametrize("style", ["flow", "block"])
def test_too_many_values_are_refused_quickly(style: str) -> None:
    n = 2 * MAX_NODES
    text = "a: [" + ", ".join(["1"] * n) + "]\n" if style == "flow" else "a:\n" + "- 1\n" * n
    assert len(text.encode()) < MAX_BYTES  # not the size limit: the count
    error, work, _ = refuse(text)
    assert work.events <= MAX_NODES + SLACK
    assert work.composed == 0
    assert f"more than {MAX_NODES} values" in error.problems[0].message


def test_limit_error_is_a_ruleset_error() -> None:
    """A host that catches RulesetError also catches the limits."""
    with pytest.raises(RulesetError) as info:
        loads_ruleset(billion_laughs(), registry=Registry(bundled=False))
    assert isinstance(info.value, LimitError)
    assert str(info.value).startswith(
        "ruleset exceeds a safety limit / ruleset melebihi batas aman"
    )


# --------------------------------------------------------------------------- YAML 1.1 pitfalls


@pytest.mark.parametrize(
    "word", ["no", "No", "NO", "yes", "Yes", "on", "off", "On", "OFF", "y", "n", "ya", "tidak"]
)
def test_yaml_11_booleans_stay_text(word: str) -> None:
    assert plain_value(word) == word
    assert to_plain(load_yaml(f"a: {word}\n")) == {"a": word}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("false", False),
        ("True", True),
        ("FALSE", False),
        ("~", None),
        ("null", None),
        ("12", 12),
        ("0.1", Decimal("0.1")),
        ("1e3", Decimal("1e3")),
        ("2023-06-11", datetime.date(2023, 6, 11)),
        # YAML 1.1 octal, hexadecimal, sexagesimal, infinity: text, never a surprise number
        ("010", "010"),
        ("0x1F", "0x1F"),
        ("1:30", "1:30"),
        (".inf", ".inf"),
        ("2023-06-11 10:00:00", "2023-06-11 10:00:00"),
    ],
)
def test_plain_scalars_mean_what_a_reader_expects(text: str, value: object) -> None:
    assert plain_value(text) == value
    assert type(plain_value(text)) is type(value)


def test_the_norway_problem(tmp_path: Path) -> None:
    """`no` (Norway) in a list of regions stays the text 'no'."""
    ruleset = loads_ruleset(
        "schema_version: 1\nid: nordik\nname: Nordik\n"
        "waves:\n  - {id: gelombang-1, regions: [no, se, dk, fi, is]}\n",
        registry=Registry(bundled=False),
    )
    assert ruleset.waves[0].regions == ("no", "se", "dk", "fi", "is")


def test_a_yaml_11_boolean_where_a_boolean_is_needed_is_rejected_clearly() -> None:
    text = (
        "schema_version: 1\nid: ya\nname: Ya\n"
        "eligibility:\n"
        "  - id: judul\n"
        "    when: {field: title, exists: yes}\n"
        "    message: {id: Judul wajib, en: Title required}\n"
    )
    with pytest.raises(RulesetError) as info:
        loads_ruleset(text, file="ya.yaml", registry=Registry(bundled=False))
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (6, 34)
    assert problem.path == "eligibility[0].when.exists"
    assert problem.message == "'yes' should be true or false / seharusnya true atau false"


def test_an_octal_looking_year_is_rejected_not_misread() -> None:
    with pytest.raises(RulesetError) as info:
        loads_ruleset(
            "schema_version: 1\nid: oktal\nname: Oktal\nyear: 02023\n",
            registry=Registry(bundled=False),
        )
    (problem,) = info.value.problems
    assert problem.path == "year"
    assert "'02023' should be a whole number" in problem.message


def test_quoted_values_are_always_text() -> None:
    plain = to_plain(load_yaml("a: '12'\nb: \"true\"\nc: '2023-06-11'\nd: |\n  no\n"))
    assert plain == {"a": "12", "b": "true", "c": "2023-06-11", "d": "no\n"}


def test_python_tags_do_not_run_code(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = (
        "schema_version: 1\nid: tag\n"
        f"name: !!python/object/apply:pathlib.Path.touch [!!python/object/apply:pathlib.Path [{str(marker)!r}]]\n"
    )
    with pytest.raises(RulesetError) as info:
        loads_ruleset(text, registry=Registry(bundled=False))
    assert not marker.exists()
    assert info.value.problems[0].path == "name"


def test_reading_only_the_heading_builds_those_keys_and_still_holds_the_limits() -> None:
    text = "id: contoh\nname: {id: Contoh}\nstages:\n  - {id: a, a: 1, a: 2}\n"
    assert to_plain(load_yaml(text, keys={"id", "name"})) == {"id": "contoh", "name": {"id": "Contoh"}}
    # the duplicate key below the heading is not built, so not found ...
    with pytest.raises(RulesetError):
        load_yaml(text)
    # ... but a heading key written twice is, and nothing too deep gets past the limits
    with pytest.raises(RulesetError, match="duplicate"):
        load_yaml("id: a\nid: b\n", keys={"id"})
    deep = "id: a\nb: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n"
    with pytest.raises(LimitError):
        load_yaml(deep, keys={"id"})


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_a_ruleset_saved_as_utf16_or_utf32_with_a_mark_is_read(encoding: str) -> None:
    node = load_yaml("id: lomba\nname: Lomba Inovasi\n".encode(encoding), "r.yaml")
    assert to_plain(node) == {"id": "lomba", "name": "Lomba Inovasi"}


def test_a_control_character_in_yaml_is_located_in_both_languages() -> None:
    with pytest.raises(RulesetError) as info:
        load_yaml(b"id: lomba\nname: Lo\x00mba\n", "r.yaml")
    (problem,) = info.value.problems
    assert (problem.line, problem.column, problem.rule) == (2, 9, "yaml-character")
    assert "#x0000" in problem.message
    assert "tidak diizinkan" in problem.message
    assert "UTF-16" in (problem.hint or "")
