"""YAML with positions: a safe loader that keeps file, line and column for every node.

The tree is made of :class:`Node` objects (mapping, sequence or scalar), each with its
:class:`Mark`. Mappings also keep the mark of each key, so an unknown key can be shown
where it is typed. :func:`to_plain` turns a tree into plain Python values (dicts,
lists, ``str``, ``int``, ``Decimal``, ``bool``, ``None``, ``datetime.date``) for schema
checking; :meth:`Node.locate` maps a document path back to a mark.

Numbers with a fraction become :class:`decimal.Decimal` straight from their text, so
``0.1`` is exactly one tenth. Every number is bounded by
:attr:`YamlLimits.numbers` (a located ``yaml-number`` problem otherwise), so ``weight: 1.0e-100000000`` cannot make the arithmetic that
follows hang. Safety limits are checked on the event stream before any
node is built: file size, nesting depth, number of nodes and alias expansions (a
"billion laughs" document fails fast instead of exhausting memory).
"""

from __future__ import annotations

import codecs
import datetime
import re
from collections.abc import Collection, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from typing import NoReturn, Union

import attrs
import yaml

from .decimals import NumberError, NumberLimits, check_decimal
from .errors import LimitError, Problem, RulesetError

__all__ = [
    "DEFAULT_YAML_LIMITS",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "Mark",
    "Node",
    "YamlLimits",
    "bom_encoding",
    "load_yaml",
    "plain_value",
    "to_plain",
]

#: Largest ruleset file accepted, in bytes.
MAX_BYTES = 2_000_000
#: Deepest nesting of mappings and sequences accepted.
MAX_DEPTH = 40
#: Most nodes a document may expand to (aliases counted at every use).
MAX_NODES = 50_000


#: 30 digits before the point: far beyond any scale or count a competition uses, with
#: room above the 18 digits of a 64-bit integer; 20 after it.
_RULESET_NUMBERS = NumberLimits(integer_digits=30)


@attrs.frozen
class YamlLimits:
    """How large a YAML document from outside may be, checked before it is built.

    :param bytes: the largest file, in bytes.
    :param depth: the deepest nesting of mappings and sequences.
    :param nodes: the most values, aliases counted at every use (a "billion laughs"
        document fails fast).
    :param numbers: the bounds of every number in it (by default 30 digits before the
        decimal point and 20 after it).
    """

    bytes: int = attrs.field(default=MAX_BYTES, validator=attrs.validators.ge(1))
    depth: int = attrs.field(default=MAX_DEPTH, validator=attrs.validators.ge(1))
    nodes: int = attrs.field(default=MAX_NODES, validator=attrs.validators.ge(1))
    numbers: NumberLimits = attrs.field(factory=lambda: _RULESET_NUMBERS)


#: The limits :func:`load_yaml` uses unless it is given others.
DEFAULT_YAML_LIMITS = YamlLimits()

PathKey = Union[str, int]  # noqa: UP007 - a runtime alias, valid on Python 3.10


@attrs.frozen
class Mark:
    """A position in a file: 1-based line and column."""

    file: str | None
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file or '<string>'}:{self.line}:{self.column}"


@attrs.define(eq=False)
class Node:
    """One YAML node with its position.

    :ivar kind: ``"map"``, ``"seq"`` or ``"scalar"``.
    :ivar value: for a map, ``dict[str, Node]``; for a seq, ``list[Node]``; for a
        scalar, the Python value.
    :ivar mark: where the node starts.
    :ivar key_marks: for a map, where each key is written.
    """

    kind: str
    value: object
    mark: Mark
    key_marks: dict[str, Mark] = attrs.field(factory=dict)

    @property
    def map(self) -> dict[str, Node]:
        """The mapping's entries (only for ``kind == "map"``)."""
        assert self.kind == "map"
        return self.value  # type: ignore[return-value]

    @property
    def seq(self) -> list[Node]:
        """The sequence's items (only for ``kind == "seq"``)."""
        assert self.kind == "seq"
        return self.value  # type: ignore[return-value]

    def get(self, key: str) -> Node | None:
        """The entry ``key`` of a mapping node, or ``None``."""
        if self.kind != "map":
            return None
        return self.map.get(key)

    def locate(self, path: Sequence[PathKey], *, key: bool = False) -> Mark:
        """The mark of the node at ``path``, or of its nearest existing ancestor.

        With ``key=True`` and a path ending in a mapping key, the mark of the key
        itself rather than of its value.
        """
        node = self
        for i, part in enumerate(path):
            child: Node | None = None
            if node.kind == "map" and isinstance(part, str):
                child = node.map.get(part)
                if child is not None and key and i == len(path) - 1:
                    return node.key_marks.get(part, child.mark)
            elif node.kind == "seq" and isinstance(part, int) and 0 <= part < len(node.seq):
                child = node.seq[part]
            if child is None:
                if node.kind == "map" and isinstance(part, str) and part in node.key_marks:
                    return node.key_marks[part]
                return node.mark
            node = child
        return node.mark

    def walk(self, path: tuple[PathKey, ...] = ()) -> Iterator[tuple[tuple[PathKey, ...], Node]]:
        """Yield ``(path, node)`` for this node and every node below it."""
        yield path, self
        if self.kind == "map":
            for k, v in self.map.items():
                yield from v.walk((*path, k))
        elif self.kind == "seq":
            for i, v in enumerate(self.seq):
                yield from v.walk((*path, i))


def format_path(path: Sequence[PathKey]) -> str:
    """Render a document path as ``stages[2].advance.top``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def to_plain(node: Node) -> object:
    """Convert a located tree to plain Python values (dict, list, scalars)."""
    if node.kind == "map":
        return {k: to_plain(v) for k, v in node.map.items()}
    if node.kind == "seq":
        return [to_plain(v) for v in node.seq]
    return node.value


# --------------------------------------------------------------------------- scalars

_INT_RE = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT_RE = re.compile(
    r"^[-+]?([0-9][0-9_]*)?\.[0-9_]+([eE][-+]?[0-9]+)?$|^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$"
)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# YAML 1.2 core schema: booleans and null only in these spellings; `no` (or `ya`/`tidak`,
# or `tRUE`) stays text, as a non-programmer expects.
_BOOL = {
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
_NULL = {"", "~", "null", "Null", "NULL"}


def plain_value(text: str) -> object:
    """What an unquoted, untagged scalar ``text`` means in a ruleset.

    ``None``, a ``bool``, an ``int``, a :class:`~decimal.Decimal`, a
    :class:`datetime.date` or the text itself (YAML 1.2 core schema, numbers exact).
    The dumper uses it to know which strings must be quoted to read back as text.

    :raises ValueError: for a text shaped like a date that is not one (``2023-02-30``).
    """
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT_RE.match(text):
        return int(text.replace("_", ""))
    if _FLOAT_RE.match(text):
        try:
            return Decimal(text.replace("_", ""))
        except InvalidOperation:  # e.g. "._5": the regex admits it, Decimal does not
            return text
    if _DATE_RE.match(text):
        return datetime.date.fromisoformat(text)
    return text


def _scalar(
    node: yaml.ScalarNode,
    mark: Mark,
    problems: list[Problem],
    path: str = "",
    limits: NumberLimits | None = None,
) -> object:
    text = node.value
    # quoted or block text is text; a plain scalar's style is None (PyYAML) or ""
    # (libyaml), and "" is in every string, so compare whole styles
    if node.style in ("'", '"', "|", ">"):
        return text
    tag = node.tag
    if tag == "tag:yaml.org,2002:str":
        return text
    if tag == "tag:yaml.org,2002:null":
        return None
    if _INT_RE.match(text) or _FLOAT_RE.match(text):
        number = _number(text, mark, problems, path, limits or _RULESET_NUMBERS)
        if number is not None:
            return number
    try:
        value = plain_value(text)
        if tag == "tag:yaml.org,2002:timestamp" and isinstance(value, str):
            # a date, or a date and time (a deadline at 12:00 WIB: 2022-04-16T12:00:00+07:00)
            value = (datetime.date.fromisoformat(text) if len(text) == 10
                     else datetime.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")))
    except ValueError:
        problems.append(
            Problem(
                f"not a valid date: {text!r} / bukan tanggal yang sah",
                mark.file,
                mark.line,
                mark.column,
                path=path,
                hint="write dates as YYYY-MM-DD, e.g. 2023-06-11 / tulis tanggal sebagai YYYY-MM-DD, "
                "misalnya 2023-06-11",
                rule="yaml-date",
            )
        )
        return text
    return value


def _number(
    text: str, mark: Mark, problems: list[Problem], path: str, limits: NumberLimits
) -> object:
    """A plain number checked against the limits before it is converted: the text
    itself (and a ``yaml-number`` problem) when it is out of bounds, ``None`` when it
    is not a number after all (``._5``)."""
    try:
        if len(text) > limits.characters:
            n = len(text)
            raise NumberError(
                f"a number of {n:,} characters is too long / angka sepanjang "
                f"{n:_} karakter terlalu panjang".replace("_", "."),
                limits.describe(),
            )
        value = plain_value(text)
        if not isinstance(value, (int, Decimal)):
            return None
        checked = check_decimal(Decimal(value), limits, written=text)
        exponent = checked.as_tuple().exponent
        if isinstance(exponent, int) and not (
            -limits.fraction_digits <= exponent <= limits.integer_digits
        ):
            # only a zero gets here (0E-999999): its exponent would only make sums slow
            return Decimal(0)
        return value
    except NumberError as exc:
        problems.append(
            Problem(
                exc.message,
                mark.file,
                mark.line,
                mark.column,
                path=path,
                hint=f"{exc.hint}; quote it if it is meant as text / beri tanda kutip jika "
                "maksudnya teks",
                rule="yaml-number",
            )
        )
        return text


# --------------------------------------------------------------------------- loading


def _check_limits(
    text: str,
    file: str | None,
    loader: type = yaml.SafeLoader,
    limits: YamlLimits = DEFAULT_YAML_LIMITS,
) -> None:
    """Scan the event stream: nesting depth and node count, aliases counted per use.

    Also refuses an alias used inside the value its anchor names (``a: &a [*a]``):
    such a document is endless once expanded.
    """
    depth = 0
    nodes = 0
    sizes: dict[str, int] = {}
    stack: list[tuple[str | None, int]] = []  # anchor, node count at start
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            nodes += 1
            stack.append((event.anchor, nodes))
            if depth > limits.depth:
                _limit(file, event, f"nesting deeper than {limits.depth} levels")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
            anchor, start = stack.pop()
            if anchor:
                sizes[anchor] = nodes - start + 1
        elif isinstance(event, yaml.ScalarEvent):
            nodes += 1
            if event.anchor:
                sizes[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            if any(anchor == event.anchor for anchor, _ in stack):
                _limit(
                    file,
                    event,
                    f"the alias *{event.anchor} is used inside the value &{event.anchor} names, "
                    "so it would repeat without end / alias melingkar",
                    hint=f"use *{event.anchor} only after the value of &{event.anchor} is "
                    f"complete, or write the value out / pakai *{event.anchor} hanya sesudah nilai "
                    f"&{event.anchor} selesai, atau tulis nilainya langsung",
                )
            nodes += sizes.get(event.anchor or "", 1)
        if nodes > limits.nodes:
            _limit(file, event, f"more than {limits.nodes} values (aliases counted at every use)")


#: libyaml's parser, when PyYAML was built with it: many times faster than the
#: pure-Python one, so a document at the limits is refused in well under a second.
_FAST_LOADER: type | None = getattr(yaml, "CSafeLoader", None)


def _compose(text: str, file: str | None, limits: YamlLimits) -> yaml.Node | None:
    """Check the limits on the event stream, then build PyYAML's node graph.

    libyaml is used when available. On a syntax error the text is read again with
    the pure-Python parser, whose messages :func:`_syntax_problem` knows (the second
    reading stops at the same place, and the part before it was within the limits).
    """
    if _FAST_LOADER is not None:
        try:
            _check_limits(text, file, _FAST_LOADER, limits)
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    _check_limits(text, file, yaml.SafeLoader, limits)
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _limit(file: str | None, event: yaml.Event, what: str, hint: str | None = None) -> NoReturn:
    m = event.start_mark
    if hint is None:
        what = f"document too large: {what} / dokumen terlalu besar"
        hint = (
            "a ruleset is a short document; split it or use `extends` instead of deep "
            "nesting or repeated aliases / ruleset adalah dokumen pendek; pecah, atau pakai "
            "`extends` alih-alih susunan yang dalam atau alias berulang"
        )
    line, column = (m.line + 1, m.column + 1) if m is not None else (None, None)
    raise LimitError([Problem(what, file, line, column, hint=hint, rule="limit")])


def load_yaml(
    text: str | bytes,
    file: str | None = None,
    *,
    problems: list[Problem] | None = None,
    limits: YamlLimits = DEFAULT_YAML_LIMITS,
    keys: Collection[str] | None = None,
) -> Node:
    """Parse one YAML document into a located :class:`Node` tree.

    :param text: the document (bytes are decoded as UTF-8).
    :param file: the file name used in marks and error messages.
    :param problems: when given, the problems that still leave a usable tree
        (duplicate keys: the first is kept; merge keys and non-text keys: left out;
        invalid dates: kept as text) are appended to it instead of raised, so they
        can be reported together with the schema and semantic checks.
    :raises RulesetError: on a syntax error, duplicate keys, non-string keys, text that
        is not UTF-8 or an empty document, each located.
    :param limits: the document's size, depth, node and number limits (by default
        :data:`DEFAULT_YAML_LIMITS`).
    :param keys: when given and the document is a mapping, only these of its top-level
        keys are built (what a ruleset's heading needs, without building the rest); the
        whole document is still parsed and held to ``limits``.
    :raises LimitError: when the document exceeds ``limits``.
    """
    if isinstance(text, bytes):
        if len(text) > limits.bytes:
            raise LimitError([_too_big(file, len(text), limits.bytes)])
        encoding = bom_encoding(text)
        try:
            text = text.decode(encoding)
        except UnicodeDecodeError as exc:
            if encoding != "utf-8-sig":
                raise RulesetError([_not_that_encoding(file, encoding)]) from None
            raw = exc.object
            line = raw.count(b"\n", 0, exc.start) + 1
            column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            raise RulesetError(
                [
                    Problem(
                        "the file is not UTF-8 text / berkas bukan teks UTF-8",
                        file,
                        line,
                        column,
                        hint="save the file as UTF-8 in your editor (the first character "
                        "it cannot read is here) / simpan berkas sebagai UTF-8 di editor Anda "
                        "(karakter pertama yang tidak terbaca ada di sini)",
                        rule="encoding",
                    )
                ]
            ) from None
    elif len(text) > limits.bytes // 4:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > limits.bytes:
            raise LimitError([_too_big(file, size, limits.bytes)])
    try:
        root = _compose(text, file, limits)
    except yaml.MarkedYAMLError as exc:
        raise RulesetError([_syntax_problem(exc, file)]) from None
    except yaml.reader.ReaderError as exc:
        raise RulesetError([_reader_problem(exc, text, file)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks its errors
        raise RulesetError([Problem(f"YAML error / galat YAML: {exc}", file, rule="yaml-syntax")]) from None
    except RecursionError:  # pragma: no cover - the depth limit fires first
        raise LimitError([Problem("document nested too deeply / dokumen bersarang terlalu dalam", file,
                                   rule="limit")]) from None
    if root is None:
        raise RulesetError(
            [
                Problem(
                    "the file is empty / berkas kosong",
                    file,
                    1,
                    1,
                    hint="a ruleset starts with `schema_version: 1`, `id: ...` and `name: ...` / ruleset "
                    "diawali `schema_version: 1`, `id: ...` dan `name: ...`",
                    rule="empty",
                )
            ]
        )
    if keys is not None and isinstance(root, yaml.MappingNode):
        # keys that are not plain text stay, for the problem they are
        root.value = [(k, v) for k, v in root.value
                      if not isinstance(k, yaml.ScalarNode) or k.tag == _MERGE or k.value in keys]
    found: list[Problem] = []
    node = _build(root, file, found, limits.numbers)
    if problems is not None:
        problems.extend(found)
    elif found:
        raise RulesetError(found)
    return node


#: The byte-order marks, longest first (UTF-32 little-endian starts as UTF-16 does).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(raw: bytes) -> str:
    """The encoding ``raw`` is marked with (``utf-16`` or ``utf-32``, as Windows
    Notepad saves "Unicode"), else ``utf-8-sig`` (UTF-8, with or without a mark)."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return encoding
    return "utf-8-sig"


def _not_that_encoding(file: str | None, encoding: str) -> Problem:
    name = encoding.upper()
    return Problem(
        f"the file is marked as {name} but cannot be read as {name} / berkas bertanda "
        f"{name} tetapi tidak bisa dibaca",
        file,
        hint="save the file as UTF-8 in your editor / simpan berkas sebagai UTF-8",
        rule="encoding",
    )


def _reader_problem(exc: yaml.reader.ReaderError, text: str, file: str | None) -> Problem:
    """A character YAML does not allow (a control character), located."""
    position = max(0, min(exc.position, len(text)))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    code = f"#x{exc.character:04x}" if isinstance(exc.character, int) else "?"
    hint = "delete the character, or save the file again as UTF-8 text / hapus karakter itu, atau simpan ulang berkas sebagai teks UTF-8"
    if exc.character == 0:
        hint = (
            "a NUL character: the file is probably saved as UTF-16 (\"Unicode\") without a "
            "byte-order mark; save it as UTF-8 / simpan berkas sebagai UTF-8"
        )
    return Problem(
        f"a character YAML does not allow ({code}) / karakter yang tidak diizinkan YAML "
        f"({code})",
        file,
        line,
        column,
        hint=hint,
        rule="yaml-character",
    )


_SYNTAX_HINT = (
    "check indentation (spaces, not tabs) and that every `key: value` has a space after the colon "
    "/ periksa indentasi (spasi, bukan tab) dan spasi sesudah titik dua di setiap `kunci: nilai`"
)


def _syntax_problem(exc: yaml.MarkedYAMLError, file: str | None) -> Problem:
    """A YAML syntax error in words a non-programmer can act on.

    The common mistakes get a plain message; PyYAML's own words stay in the hint.
    """
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    raw = f"{context}, {problem}" if context and problem else (problem or context or str(exc))
    message: str | None = None
    hint = _SYNTAX_HINT
    if "found character '\\t'" in problem:
        message = "a tab character; YAML is indented with spaces / karakter tab, gunakan spasi"
        hint = "replace the tab with spaces / ganti tab dengan spasi"
    elif "could not find expected ':'" in problem and exc.context_mark is not None:
        mark = exc.context_mark
        message = (
            "this line has no `: ` (colon and space) between key and value "
            "/ baris ini tidak punya `: ` antara kunci dan nilai"
        )
        hint = (
            "write `key: value`, with a space after the colon, e.g. `year: 2023` / tulis "
            "`kunci: nilai`, dengan spasi sesudah titik dua, misalnya `year: 2023`"
        )
    elif "mapping values are not allowed here" in problem:
        message = (
            "unexpected `:` here: the line is indented differently from the lines above it, "
            "or a text containing `: ` needs quotes / tanda `:` tidak diharapkan di sini"
        )
        hint = (
            'line the keys up under each other, or write the text in quotes: "a: b" / '
            'luruskan kunci-kunci di bawah satu sama lain, atau beri tanda kutip: "a: b"'
        )
    elif "expected <block end>" in problem:
        message = (
            "this line's indentation does not fit the lines above it "
            "/ indentasi baris ini tidak sesuai dengan baris di atasnya"
        )
        hint = (
            "items of one list or mapping start in the same column; use spaces, not tabs / "
            "butir satu daftar atau pemetaan dimulai di kolom yang sama; pakai spasi, bukan tab"
        )
    elif context.startswith("while scanning a quoted scalar") and exc.context_mark is not None:
        mark = exc.context_mark
        message = "a quotation mark opened here is never closed / tanda kutip tidak ditutup"
        hint = "add the closing quotation mark / tambahkan tanda kutip penutup"
    elif context.startswith(("while parsing a flow", "while scanning a flow")) and (
        exc.context_mark is not None
    ):
        mark = exc.context_mark
        message = (
            "a `[` or `{` opened here is not closed properly "
            "/ tanda `[` atau `{` tidak ditutup dengan benar"
        )
        hint = "check the commas and the closing `]` or `}` / periksa koma dan penutup `]` atau `}`"
    elif "found duplicate anchor" in context:
        name = context.split("'")[1] if context.count("'") >= 2 else "?"
        message = f"the anchor &{name} is defined twice / anchor &{name} ditulis dua kali"
        hint = "give each `&anchor` a name of its own / beri setiap `&anchor` nama sendiri"
    elif "found undefined alias" in problem:
        name = problem.split("'")[1] if problem.count("'") >= 2 else "?"
        message = f"the alias *{name} has no `&{name}` before it / alias *{name} tidak dikenal"
        hint = (
            f"write `&{name}` on the value first, then refer to it with `*{name}` / tulis "
            f"`&{name}` pada nilainya dulu, lalu rujuk dengan `*{name}`"
        )
    if message is None:
        message = f"YAML syntax error: {raw} / kesalahan sintaks YAML"
    else:
        hint = f"{hint} (YAML: {raw})"
    return Problem(
        message,
        file,
        mark.line + 1 if mark else None,
        mark.column + 1 if mark else None,
        hint=hint,
        rule="yaml-syntax",
    )


def _too_big(file: str | None, size: int, limit: int) -> Problem:
    return Problem(
        f"file too large: {size:,} bytes, the limit is {limit:,} / berkas terlalu besar",
        file,
        rule="limit",
        hint="a ruleset is a short document; did you pass a data file instead? / ruleset "
        "adalah dokumen pendek; apakah yang diberikan berkas data?",
    )


_MERGE = "tag:yaml.org,2002:merge"

#: Half of a UTF-16 pair alone (``"\\ud800"`` in a double-quoted text): no character,
#: and no file or screen can show it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_text(
    text: str, mark: Mark, problems: list[Problem], path: str, what: str = "text"
) -> str:
    """``text``, or (reported) the text with each character that cannot be written
    (a lone surrogate) shown as U+FFFD, so the messages that quote it can be printed."""
    if text.isascii():
        return text
    found = _SURROGATE.search(text)
    if found is None:
        return text
    escape = f"\\u{ord(found.group()):04x}"
    problems.append(
        Problem(
            f"the {what} holds an invalid character (the escape {escape}, half of a pair) / "
            f"teks berisi karakter yang tidak sah ({escape})",
            mark.file,
            mark.line,
            mark.column,
            path=path,
            hint=f"remove {escape} from the text, or write the character itself instead of "
            "its escape / hapus kode itu atau tulis hurufnya langsung",
            rule="yaml-character",
        )
    )
    return _SURROGATE.sub("\ufffd", text)


def _mark(file: str | None, m: yaml.Mark) -> Mark:
    return Mark(file, m.line + 1, m.column + 1)


def _build(
    root: yaml.Node, file: str | None, problems: list[Problem], numbers: NumberLimits
) -> Node:
    # Recursion is safe: the event scan already bounded depth and size. Aliased nodes
    # are built once and shared.
    cache: dict[int, Node] = {}

    def build(n: yaml.Node, path: tuple[PathKey, ...]) -> Node:
        key = id(n)
        if key in cache:
            return cache[key]
        mark = _mark(file, n.start_mark)
        if isinstance(n, yaml.ScalarNode):
            value = _scalar(n, mark, problems, format_path(path), numbers)
            if isinstance(value, str):
                value = _valid_text(value, mark, problems, format_path(path))
            out = Node("scalar", value, mark)
        elif isinstance(n, yaml.SequenceNode):
            out = Node("seq", [build(v, (*path, i)) for i, v in enumerate(n.value)], mark)
        else:
            assert isinstance(n, yaml.MappingNode)
            entries: dict[str, Node] = {}
            key_marks: dict[str, Mark] = {}
            for k, v in n.value:
                kmark = _mark(file, k.start_mark)
                if k.tag == _MERGE:
                    problems.append(
                        Problem(
                            "YAML merge keys (<<) are not supported "
                            "/ kunci gabung << tidak didukung",
                            file,
                            kmark.line,
                            kmark.column,
                            hint="use `extends` to reuse another ruleset / pakai `extends` untuk memakai ulang "
                            "ruleset lain",
                            path=format_path(path),
                            rule="yaml-merge",
                        )
                    )
                    continue
                if not isinstance(k, yaml.ScalarNode):
                    problems.append(
                        Problem(
                            "a key must be plain text / kunci harus berupa teks",
                            file,
                            kmark.line,
                            kmark.column,
                            path=format_path(path),
                            rule="yaml-key",
                        )
                    )
                    continue
                name = str(k.value)
                if _valid_text(name, kmark, problems, format_path(path), "key") != name:
                    continue  # left out, reported
                if name in entries:
                    first = key_marks[name]
                    problems.append(
                        Problem(
                            f"duplicate key {name!r}, first written at line {first.line} "
                            f"/ kunci {name!r} ditulis dua kali",
                            file,
                            kmark.line,
                            kmark.column,
                            hint="remove one of the two; YAML would silently keep only the last / hapus "
                            "salah satunya; YAML diam-diam hanya menyimpan yang terakhir",
                            path=format_path((*path, name)),
                            rule="duplicate-key",
                        )
                    )
                    continue
                key_marks[name] = kmark
                entries[name] = build(v, (*path, name))
            out = Node("map", entries, mark, key_marks)
        cache[key] = out
        return out

    return build(root, ())
