"""Text from uploaded files, made safe for the places it is shown.

A submission title, a ruleset's name or a judge's id comes from a file a stranger may
have written. Shown as it is, it can act instead of being read:

- on a terminal, control characters move the cursor, recolour or retitle the window,
  or hide the rest of a line (``\\x1b[2J`` clears the screen); bidirectional overrides
  (U+202E) show text in another order than it is stored;
- in Markdown, ``*``, ``[...](...)``, ``<script>`` or ``|`` change the page or break a
  table.

:func:`terminal_text` shows such characters as visible escapes; :func:`markdown_text`
and :func:`markdown_code` escape Markdown so that a name reads as the same letters.

>>> terminal_text("Inovasi\\x1b[2J hebat")
'Inovasi\\\\x1b[2J hebat'
>>> markdown_text("*Sehat* <b>[klik](http://x)</b> | a")
'\\\\*Sehat\\\\* \\\\<b\\\\>\\\\[klik\\\\](http://x)\\\\</b\\\\> \\\\| a'
>>> markdown_code("a`b")
'`` a`b ``'
"""

from __future__ import annotations

import re

__all__ = ["markdown_code", "markdown_text", "terminal_text"]

# C0 and C1 controls except tab and newline; DEL; bidirectional embeddings, overrides
# and isolates; line and paragraph separators
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    """``text`` with every control character (but tab and newline) and every
    bidirectional control written as a visible escape (``\\x1b``, ``\\u202e``)."""
    return _UNSAFE.sub(_escape, text)


# an underscore inside a word (registration_closes) is not emphasis in GitHub Markdown
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|~&#!]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z]))")


def markdown_text(text: object) -> str:
    """``text`` as literal Markdown inline text: one line, control characters made
    visible, and every character Markdown would read as markup (emphasis, links, HTML,
    table bars, headings) escaped with a backslash."""
    one_line = " ".join(str(text).splitlines())
    return _MD_SPECIAL.sub(r"\\\1", terminal_text(one_line))


def markdown_code(text: object) -> str:
    """``text`` as a Markdown code span, fenced with more backticks than it contains
    in a row, so that it cannot end the span early (a ``|`` is escaped, as a table
    cell needs)."""
    one_line = terminal_text(" ".join(str(text).splitlines())).replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", one_line)), default=0)
    if longest == 0:
        return f"`{one_line}`"
    fence = "`" * (longest + 1)
    return f"{fence} {one_line} {fence}"
