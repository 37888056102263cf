"""The layout pages name exactly what the readers accept and what the result holds, so
neither page can drift from the code: docs/reference/edition.md against the edition
readers' columns, aliases, keys, field types and date forms; docs/reference/result.md
against the result's JSON Schema and the CSV and Excel columns."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest

from inovasi_rules.contract import schema
from inovasi_rules.edition import JUDGE_FIELDS, SUBMISSION_FIELDS
from inovasi_rules.edition.cells import (
    _JUDGE_ALIASES,
    _META_KEYS,
    _SCORE_ALIASES,
    _SCORE_COLUMNS,
    _SUBMISSION_ALIASES,
    _VERDICT_ALIASES,
    _VERDICT_COLUMNS,
    FIELD_TYPES,
)
from inovasi_rules.edition.instants import parse_registered
from inovasi_rules.evaluation import REPORTED_FIELDS
from inovasi_rules.result.tables import FINDING_COLUMNS, ROW_COLUMNS

DOCS = Path(__file__).resolve().parents[1] / "docs"
EDITION_PAGE = DOCS / "reference" / "edition.md"
RESULT_PAGE = DOCS / "reference" / "result.md"


def table(page: Path, name: str) -> list[list[str]]:
    """The body rows of the Markdown table after ``<!-- docs-test: table=NAME -->``,
    as cells (an escaped ``\\|`` stays inside its cell)."""
    lines = page.read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if f"docs-test: table={name} " in ln + " ") + 1
    rows = []
    for ln in lines[start:]:
        if not ln.startswith("|"):
            break
        cells = re.split(r"(?<!\\)\|", ln.strip().strip("|"))
        rows.append([c.strip() for c in cells])
    return rows[2:]


def names(cell: str) -> list[str]:
    """The names in backticks of a cell (``a`` · ``b``)."""
    return re.findall(r"`([^`]+)`", cell)


# --------------------------------------------------------------------------- the edition


@pytest.mark.parametrize(
    ("name", "columns", "aliases"),
    [
        ("submissions", SUBMISSION_FIELDS, _SUBMISSION_ALIASES),
        ("judges", JUDGE_FIELDS, _JUDGE_ALIASES),
        ("scores", _SCORE_COLUMNS, _SCORE_ALIASES),
        ("verdicts", _VERDICT_COLUMNS, _VERDICT_ALIASES),
    ],
)
def test_the_edition_page_lists_every_column_and_alias_of_each_table(
    name: str, columns: tuple[str, ...], aliases: dict[str, str]
) -> None:
    rows = table(EDITION_PAGE, name)
    assert [names(r[0])[0] for r in rows] == list(columns)
    documented = {alias: names(r[0])[0] for r in rows for alias in names(r[2])}
    assert documented == aliases


def test_the_edition_page_lists_every_key_of_edition_yaml() -> None:
    assert tuple(names(r[0])[0] for r in table(EDITION_PAGE, "edition")) == _META_KEYS


def test_the_edition_page_lists_every_field_type_and_alias() -> None:
    documented: dict[str, str] = {}
    for row in table(EDITION_PAGE, "field-types"):
        (canonical,) = names(row[0])
        documented[canonical] = canonical
        documented.update(dict.fromkeys(names(row[1]), canonical))
    assert documented == dict(FIELD_TYPES)


def test_every_registration_form_on_the_page_reads_as_the_same_instant() -> None:
    rows = table(EDITION_PAGE, "registered-forms")
    assert len(rows) >= 7
    instants = {parse_registered(names(r[0])[0]) for r in rows}
    assert instants == {datetime.datetime(2025, 8, 31, 7, 5, tzinfo=datetime.timezone.utc)}
    # WIB, WITA, WIT and Z each appear, with their offsets
    text = " ".join(r[0] + r[1] for r in rows)
    for zone in ("WIB", "WITA", "WIT", "Z", "+07:00", "+08:00", "+09:00"):
        assert zone in text


# --------------------------------------------------------------------------- the result


def schema_fields(document: dict[str, Any]) -> set[str]:
    """Every property path of the result schema (``submissions[].stages[].score``); the
    ``id``/``en`` of a label are part of the label, not fields of their own."""
    defs = document["$defs"]
    out: set[str] = set()

    def walk(node: dict[str, Any], path: str, seen: frozenset[str]) -> None:
        ref = node.get("$ref")
        if ref is not None:
            name = ref.rsplit("/", 1)[1]
            if name == "label" or name in seen:
                return
            walk(defs[name], path, seen | {name})
            return
        for key in ("anyOf", "oneOf", "allOf"):
            for sub in node.get(key, ()):
                walk(sub, path, seen)
        for key, sub in node.get("properties", {}).items():
            here = f"{path}.{key}" if path else key
            out.add(here)
            walk(sub, here, seen)
        items = node.get("items")
        if isinstance(items, dict):
            walk(items, f"{path}[]", seen)

    walk(document, "", frozenset())
    return out


def test_the_schema_walk_sees_nested_fields() -> None:
    """A guard for the test below: the walk follows references into lists."""
    fields = schema_fields(schema("result"))
    assert "submissions[].stages[].judges[].excluded" in fields
    assert "submissions[].fields.registered" in fields
    assert "submissions[].stages[].reasons[].message" in fields
    assert "submissions[].stages[].reasons[].message.id" not in fields


def test_the_result_page_names_exactly_the_fields_of_the_result_schema() -> None:
    documented = {n for r in table(RESULT_PAGE, "result-json") for n in names(r[0])}
    fields = schema_fields(schema("result"))
    assert sorted(fields - documented) == [], "fields of the result not on the page"
    assert sorted(documented - fields) == [], "fields on the page not in the result"


def test_the_result_page_names_every_reported_field() -> None:
    (row,) = [r for r in table(RESULT_PAGE, "result-json") if names(r[0]) == ["submissions[].fields"]]
    assert [f for f in REPORTED_FIELDS if f"`{f}`" not in row[2]] == []


def test_the_result_page_names_every_status() -> None:
    (row,) = [r for r in table(RESULT_PAGE, "result-json") if names(r[0]) == ["submissions[].stages[].status"]]
    statuses = schema("result")["$defs"]["status"]["enum"]
    assert [s for s in statuses if f"`{s}`" not in row[2]] == []


def test_the_result_page_lists_the_csv_and_excel_columns_in_order() -> None:
    assert tuple(names(r[0])[0] for r in table(RESULT_PAGE, "result-csv")) == ROW_COLUMNS
    assert tuple(names(r[0])[0] for r in table(RESULT_PAGE, "result-findings")) == FINDING_COLUMNS
