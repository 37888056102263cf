"""A griffe extension: render the library's reStructuredText docstrings as Markdown.

The library's docstrings follow the Sphinx conventions of pluggy and pytest
(``:param x:``, ``:class:`Name```, ``.. code-block:: yaml``, ``::`` literal blocks,
``>>>`` examples, simple tables). mkdocstrings parses the ``:param:`` fields itself
(``docstring_style: sphinx``) but renders the prose as Markdown; this extension
rewrites the rest, before parsing, so that ``help()`` and the site read the same text:

* ``:class:`~inovasi_rules.Ruleset``` and the other roles become code spans, and
  ```text <url>`_`` links become Markdown links;
* ``.. code-block:: LANG`` and ``text::`` blocks become fenced code blocks;
* ``>>>`` examples become ``pycon`` blocks;
* simple tables (``====  ====``) become Markdown tables;
* a term followed by an indented definition becomes a definition list.

Loaded by mkdocs.yml (``extensions: [docs/_ext/rst_docstrings.py:RstDocstrings]``).
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(
    r":(?:py:)?(?:class|func|meth|attr|data|mod|exc|obj|const|ref|term):`(~?)([^`]+)`"
)
_LINK = re.compile(r"`([^`<]+?)\s*<([^>`]+)>`__?")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_TABLE_RULE = re.compile(r"^\s*=+(?:\s+=+)+\s*$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _role(match: re.Match[str]) -> str:
    short, target = match.group(1), match.group(2)
    if short:
        target = target.rsplit(".", 1)[-1]
    return f"`{target}`"


def _block(lines: list[str], start: int) -> tuple[list[str], int]:
    """The indented block that starts after the blank line(s) at ``start``."""
    i = start
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines):
        return [], start
    base = _indent(lines[i])
    body: list[str] = []
    while i < len(lines) and (not lines[i].strip() or _indent(lines[i]) >= base):
        body.append(lines[i])
        i += 1
    while body and not body[-1].strip():
        body.pop()
        i -= 1
    return [b[base:] if b.strip() else "" for b in body], i


def _fence(out: list[str], lang: str, body: list[str], indent: int) -> None:
    pad = " " * indent
    out.append(f"{pad}```{lang}")
    out.extend(f"{pad}{b}" if b else "" for b in body)
    out.append(f"{pad}```")


def _table(lines: list[str], i: int, out: list[str]) -> int:
    """Convert a simple table starting at rule line ``i``; return the next index."""
    rule = lines[i]
    spans = [(m.start(), m.end()) for m in re.finditer(r"=+", rule)]
    rows: list[list[str]] = []
    j = i + 1
    rules_seen = 1
    while j < len(lines) and rules_seen < 3:
        line = lines[j]
        if _TABLE_RULE.match(line):
            rules_seen += 1
            j += 1
            if rules_seen == 2 and (j >= len(lines) or not lines[j].strip()):
                break
            continue
        if not line.strip():
            break
        cells = []
        for k, (a, _b) in enumerate(spans):
            end = spans[k + 1][0] if k + 1 < len(spans) else len(line)
            cells.append(line[a:end].strip())
        rows.append(cells)
        j += 1
    if not rows:
        out.append(rule)
        return i + 1
    width = len(spans)
    if rules_seen >= 3 and len(rows) > 1:
        header, body = rows[0], rows[1:]
    else:
        header, body = [""] * width, rows
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "---|" * width)
    out.extend("| " + " | ".join(r) + " |" for r in body)
    return j


def rst_to_markdown(text: str) -> str:
    """Rewrite one docstring (see the module docstring for what changes)."""
    text = _ROLE.sub(_role, text)
    text = _LINK.sub(r"[\1](\2)", text)
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    in_fence = False
    after_definition = False
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith("```"):
            in_fence = not in_fence
            out.append(line)
            i += 1
            continue
        if in_fence:
            out.append(line)
            i += 1
            continue
        code = re.match(r"^(\s*)\.\. code-block::\s*(\S*)\s*$", line)
        if code:
            body, i = _block(lines, i + 1)
            _fence(out, code.group(2), body, len(code.group(1)))
            continue
        if stripped.endswith("::") and not stripped.startswith(".."):
            content_indent = _indent(line)
            bullet = _BULLET.match(line)
            if bullet:
                content_indent = bullet.end()
            head = line.rstrip()[:-2].rstrip()
            if head.strip():
                out.append(head + ":")
            body, nxt = _block(lines, i + 1)
            if body:
                out.append("")
                _fence(out, "text", body, content_indent)
                i = nxt
            else:
                i += 1
            continue
        if stripped.startswith(">>>"):
            indent = _indent(line)
            body = []
            while i < len(lines) and lines[i].strip():
                body.append(lines[i][indent:])
                i += 1
            if out and out[-1].strip():
                out.append("")
            _fence(out, "pycon", body, indent)
            continue
        if _TABLE_RULE.match(line):
            i = _table(lines, i, out)
            continue
        nxt_line = lines[i + 1] if i + 1 < len(lines) else ""
        prev = out[-1] if out else ""
        if (
            stripped
            and (not prev.strip() or after_definition)
            and nxt_line.strip()
            and _indent(nxt_line) > _indent(line)
            and not stripped.startswith(":")
            and not _BULLET.match(line)
            and not stripped.endswith(":")
        ):
            # reST definition list: "term" then an indented definition.
            body, i = _block(lines, i + 1)
            pad = " " * _indent(line)
            out.append(line)
            out.append(f"{pad}:   {body[0]}")
            out.extend(f"{pad}    {b}" if b else "" for b in body[1:])
            after_definition = True
            continue
        after_definition = False
        out.append(line)
        i += 1
    return "\n".join(out)


def _has_generated_init(cls: griffe.Class) -> bool:
    """An attrs class or a named tuple: ``__init__`` comes from the fields."""
    if any(str(base).rsplit(".", 1)[-1] == "NamedTuple" for base in cls.bases):
        return True
    return any(str(d.value).split("(")[0] in _ATTRS_DECORATORS for d in cls.decorators)


_ATTRS_DECORATORS = {
    "attrs.frozen",
    "attrs.define",
    "attrs.mutable",
    "attr.s",
    "attr.attrs",
    "attrs.attrs",
    "frozen",
    "define",
}


def _fields_init(cls: griffe.Class) -> griffe.Function:
    """The ``__init__`` attrs (or ``NamedTuple``) generates from the annotated fields."""
    params = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)]
    keyword_only = []
    for member in cls.members.values():
        if not isinstance(member, griffe.Attribute) or member.annotation is None:
            continue
        if "property" in member.labels:
            continue
        if "ClassVar" in str(member.annotation):
            continue
        default: str | griffe.Expr | None = member.value
        kw_only = False
        if isinstance(default, griffe.ExprCall) and str(default.function).endswith("field"):
            keywords = {
                str(a.name): a.value for a in default.arguments if isinstance(a, griffe.ExprKeyword)
            }
            if str(keywords.get("init", "True")) == "False":
                continue
            kw_only = str(keywords.get("kw_only", "False")) == "True"
            if "default" in keywords:
                default = keywords["default"]
            elif "factory" in keywords:
                default = f"{keywords['factory']}()"
            else:
                default = None
        param = griffe.Parameter(
            member.name.lstrip("_"),
            annotation=member.annotation,
            kind=griffe.ParameterKind.keyword_only
            if kw_only
            else griffe.ParameterKind.positional_or_keyword,
            default=default,
        )
        (keyword_only if kw_only else params).append(param)
    return griffe.Function(
        "__init__", parameters=griffe.Parameters(*params, *keyword_only), parent=cls
    )


class RstDocstrings(griffe.Extension):
    """Rewrite every docstring with :func:`rst_to_markdown`, and give attrs classes the
    ``__init__`` signature attrs generates, as named tuples get (so ``:param x:`` in a
    class docstring is matched with the parameter ``x``, as Sphinx would)."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = rst_to_markdown(obj.docstring.value)

    def on_class_members(self, *, cls: griffe.Class, **kwargs: Any) -> None:
        if "__init__" not in cls.members and _has_generated_init(cls):
            cls.set_member("__init__", _fields_init(cls))
