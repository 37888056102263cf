"""The front door: ``inovasi_rules.__all__`` lists exactly the public names, the
exception tree drawn in ``inovasi_rules.errors`` is the tree in the code, no private
name is imported from another package, every ``>>>`` example in a public name's
docstring (shown by ``help()`` and the API reference page) runs as shown, and every
docs page the library's text names exists."""

from __future__ import annotations

import ast
import doctest
import inspect
import io
import re
from pathlib import Path

import pytest

import inovasi_rules
from inovasi_rules import errors

SRC = Path(inovasi_rules.__file__).resolve().parent
ROOT = Path(__file__).resolve().parents[1]


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


def _private_imports_across_packages() -> list[str]:
    """``from X import _name`` where X lies outside the importing module's package."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        parts = ("inovasi_rules", *path.relative_to(SRC).with_suffix("").parts)
        package = parts[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                target = (*package[: len(package) - node.level + 1], *(node.module or "").split("."))
            else:
                target = tuple((node.module or "").split("."))
            target = tuple(t for t in target if t)
            if target[:1] != ("inovasi_rules",):
                continue
            home = target if SRC.parent.joinpath(*target).is_dir() else target[:-1]
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__") and home != package:
                    found.append(f"{'.'.join(parts)} imports {alias.name} from {'.'.join(target)}")
    return found


#: A named tuple's public methods, named with an underscore so as not to clash with fields.
_NAMEDTUPLE_API = frozenset({"_replace", "_asdict", "_fields", "_make"})


def _private_names_defined(package: Path) -> set[str]:
    """The private attribute names a package's own modules define: in ``__slots__``, as
    ``self._x = ...``, as methods and class attributes."""
    names: set[str] = set()
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                names.add(node.value)  # a slot's name
    return {n for n in names if n.startswith("_") and not n.startswith("__")}


def _private_attributes_across_packages() -> list[str]:
    """``obj._name`` read on anything but ``self`` or ``cls``, where no module of the
    reading module's own package defines ``_name``: another package's private data."""
    found = []
    defined: dict[Path, set[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        own = defined.setdefault(path.parent, _private_names_defined(path.parent))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                    and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
                    and node.attr not in own and node.attr not in _NAMEDTUPLE_API):
                found.append(f"{path.relative_to(SRC)}:{node.lineno} reads .{node.attr}")
    return found


def test_no_private_name_crosses_a_package_boundary() -> None:
    assert _private_imports_across_packages() == []
    assert _private_attributes_across_packages() == []


def _public_doctests() -> list[doctest.DocTest]:
    """The ``>>>`` examples in the docstrings of every public name and its methods: what
    ``help()`` and the API reference page show a user to type."""
    finder = doctest.DocTestFinder(exclude_empty=True)
    found: dict[str, doctest.DocTest] = {}
    for name in inovasi_rules.__all__:
        value = getattr(inovasi_rules, name)
        if not (inspect.isclass(value) or inspect.isroutine(value)):
            continue
        for test in finder.find(value, name, globs=dict(vars(inovasi_rules))):
            # a name re-exported from another library (pluggy's hookimpl) is its own
            if test.examples and Path(test.filename or "").resolve().is_relative_to(SRC):
                found.setdefault(test.name, test)
    return sorted(found.values(), key=lambda test: test.name)


PUBLIC_DOCTESTS = _public_doctests()


def test_the_public_docstrings_have_examples_to_run() -> None:
    assert {"load_ruleset", "evaluate"} <= {test.name for test in PUBLIC_DOCTESTS}


@pytest.mark.parametrize("test", PUBLIC_DOCTESTS, ids=lambda test: test.name)
def test_public_docstring_examples_run(
    test: doctest.DocTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each example runs as shown, from the repository root (where ``examples/`` is)."""
    monkeypatch.setenv("INOVASI_RULES_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.chdir(ROOT)
    test.globs = dict(vars(inovasi_rules))
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report = io.StringIO()
    runner.run(test, out=report.write)
    assert not runner.failures, f"{test.name}: the example fails\n{report.getvalue()}"


def test_every_docs_page_the_library_names_exists() -> None:
    """A docstring that sends the reader to a page (``docs/reference/edition.md``) sends
    them to one that is there."""
    named = {
        (path.relative_to(SRC).as_posix(), page)
        for path in SRC.rglob("*.py")
        for page in re.findall(r"\bdocs/[\w./-]+\.md\b", path.read_text(encoding="utf-8"))
    }
    assert named, "no page is named: the pattern no longer finds them"
    assert [(where, page) for where, page in sorted(named) if not (ROOT / page).is_file()] == []
