"""The published contract: JSON Schemas (draft 2020-12) of what the library reads and writes.

A host system that is not written in Python relies on these, not on the code:

==============  ==============================================================
``result``      :meth:`Result.to_json` (``schema_version`` 1)
``edition``     an edition given as one JSON document (:func:`read_edition` of a
                ``.json`` file, or ``evaluate RULESET -`` on standard input)
``problems``    errors and warnings as JSON (``evaluate --format json`` when the
                input is refused, and :func:`problems_document`)
``ruleset``     the ruleset format (also :func:`inovasi_rules.ruleset_schema`)
==============  ==============================================================

The schemas ship inside the package (``inovasi_rules/contract/schemas/``) and are
printed by ``inovasi-rules schema result|edition|problems|ruleset``::

    >>> from inovasi_rules.contract import schema
    >>> schema("result")["properties"]["schema_version"]
    {'const': 1, 'description': 'Versi kontrak ini. / The version of this contract.'}
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources
from typing import Any, Final

from ..errors import Problem, useful_order

__all__ = ["SCHEMA_NAMES", "problem_record", "problems_document", "schema", "useful_order"]

#: The names :func:`schema` accepts, in the order ``inovasi-rules schema --help`` lists them.
SCHEMA_NAMES: Final = ("result", "edition", "problems", "ruleset")


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema called ``name`` (one of :data:`SCHEMA_NAMES`), as a fresh dict.

    :raises KeyError: for an unknown name.
    """
    if name == "ruleset":
        from ..ruleset.validation import ruleset_schema

        return ruleset_schema()
    if name not in SCHEMA_NAMES:
        raise KeyError(f"no schema {name!r}; choose one of {', '.join(SCHEMA_NAMES)}")
    text = resources.files(__package__).joinpath(f"schemas/{name}.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def problem_record(problem: Problem) -> dict[str, Any]:
    """One problem as the ``problems`` schema's ``problem`` object."""
    return {
        "level": problem.level,
        "rule": problem.rule,
        "message": problem.message,
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "row": problem.row,
        "path": problem.path,
        "hint": problem.hint,
    }


def problems_document(problems: Sequence[Problem]) -> dict[str, Any]:
    """Problems as one JSON document valid against the ``problems`` schema, most useful
    first (:func:`useful_order`)."""
    ordered = useful_order(problems)
    n_err = sum(1 for p in ordered if p.level == "error")
    return {
        "schema_version": 1,
        "ok": n_err == 0,
        "errors": n_err,
        "warnings": len(ordered) - n_err,
        "problems": [problem_record(p) for p in ordered],
    }
