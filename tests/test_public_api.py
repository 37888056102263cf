"""The front door: ``inovasi_rules.__all__`` lists exactly the public names, and the
exception tree drawn in ``inovasi_rules.errors`` is the tree in the code."""

from __future__ import annotations

import inspect
import re

import inovasi_rules
from inovasi_rules import errors


def test_all_lists_exactly_the_public_names() -> None:
    public = {
        name
        for name, value in vars(inovasi_rules).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }
    assert set(inovasi_rules.__all__) == public | {"__version__"}
    assert len(inovasi_rules.__all__) == len(set(inovasi_rules.__all__))
    for name in inovasi_rules.__all__:
        assert getattr(inovasi_rules, name) is not None


def test_every_public_name_is_documented() -> None:
    for name in inovasi_rules.__all__:
        value = getattr(inovasi_rules, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert inspect.getdoc(value), name


def _drawn_tree() -> dict[str, str | None]:
    """Each class in the docstring's drawing, with the class drawn above it."""
    doc = errors.__doc__ or ""
    block = doc.split("::", 1)[1].split("\n\n")[1]
    parents: dict[str, str | None] = {}
    stack: list[tuple[int, str]] = []
    for line in block.splitlines():
        m = re.match(r"^(\s*(?:[│ ]   )*[├└]── )([A-Z]\w+)", line) or re.match(r"^()(\w+)$", line.strip())
        if not m:
            continue
        depth = len(m.group(1))
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parents[m.group(2)] = stack[-1][1] if stack else None
        stack.append((depth, m.group(2)))
    return parents


def _code_tree() -> dict[str, str | None]:
    """Each public exception of the errors module, with its nearest public base."""
    out: dict[str, str | None] = {}
    for name in errors.__all__:
        cls = getattr(errors, name)
        if not (inspect.isclass(cls) and issubclass(cls, errors.InovasiRulesError)):
            continue
        base = next(
            (b.__name__ for b in cls.__mro__[1:]
             if issubclass(b, errors.InovasiRulesError) and not b.__name__.startswith("_")),
            None,
        )
        out[name] = base
    out["InovasiRulesError"] = None
    return out


def test_the_drawn_exception_tree_is_the_tree_in_the_code() -> None:
    assert _drawn_tree() == _code_tree()


def test_every_exception_of_the_library_derives_from_the_base() -> None:
    import sys

    for module_name, module in list(sys.modules.items()):
        if not module_name.startswith("inovasi_rules.") or module_name == "inovasi_rules.pytest_plugin":
            continue
        for name, value in vars(module).items():
            if (inspect.isclass(value) and issubclass(value, Exception)
                    and value.__module__.startswith("inovasi_rules.") and not name.startswith("_")):
                assert issubclass(value, errors.InovasiRulesError), f"{module_name}.{name}"
                assert value.__module__ == "inovasi_rules.errors", f"{module_name}.{name}"
