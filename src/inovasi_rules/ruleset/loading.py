"""Finding and loading rulesets: the registry, ``extends`` resolution, and the pipeline
from a YAML file to a checked :class:`~inovasi_rules.ruleset.model.Ruleset`.

Loading a ruleset runs, in order:

1. read the file into a located tree (:mod:`inovasi_rules.yamlpos`);
2. resolve ``extends`` through the :class:`Registry`: the parent is loaded (and its
   parent, and so on), then the child's tree is merged onto it. Every value keeps the
   position it was written at, so an error in an inherited value points at the
   parent's file and line;
3. check the merged tree against the JSON Schema and the semantic rules
   (:mod:`inovasi_rules.ruleset.validation`), collecting every problem;
4. build the frozen model (:mod:`inovasi_rules.ruleset.codec`).

Merging: mappings merge key by key; lists of things with an ``id`` (categories,
eligibility rules, rubrics and their criteria, stages and their adjustments, awards,
...) merge by id: an item with a new id is added at the end, an item with a parent's
id changes that item (only the keys it gives), and ``remove: true`` removes it. A
section named in ``replace: [...]`` replaces the parent's instead. Conditions
(``when``, ``where``, ``cap``), labels, ``combine``, ``seats`` and selections
(``advance``, ``rank``) are replaced whole; ``plugins`` are united. Parameters override by name.

``extends`` is resolved only through the registry: the bundled rulesets, rulesets that
plugins contribute, the directories the caller passes, and the directory of the file
being loaded. It never reads a path written in a ruleset.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Collection, Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import cattrs

from ..errors import Problem, RulesetError
from ..yamlpos import (
    DEFAULT_YAML_LIMITS,
    Node,
    PathKey,
    YamlLimits,
    format_path,
    load_yaml,
    to_plain,
)
from . import codec, validation
from .model import Label, PluginRequirement, Ruleset

__all__ = [
    "Registry",
    "RegistryEntry",
    "RulesetCheck",
    "bundled_rulesets_dir",
    "check_ruleset",
    "load_ruleset",
    "loads_ruleset",
]

#: Sections that are lists of items with ids and merge by id.
ID_LISTS = frozenset(
    {
        "participant_kinds",
        "categories",
        "groups",
        "waves",
        "eligibility",
        "rubrics",
        "criteria",
        "subcriteria",
        "stages",
        "adjustments",
        "awards",
    }
)
#: Keys whose value is replaced whole, never merged.
REPLACED = frozenset(
    {
        "when",
        "where",
        "cap",
        "name",
        "description",
        "combine",
        "seats",
        "organiser",
        "message",
        # a bilingual text is one statement: a child's `{en: ...}` must not borrow the
        # parent's Indonesian source
        "source",
        "assumption",
        # a selection is one decision: merging `{top: 45}` into `{threshold: 85}` would
        # silently keep a rule the child did not write
        "advance",
        "rank",
    }
)
#: Longest chain of ``extends`` followed.
MAX_EXTENDS_DEPTH = 10
#: The top-level keys a registry reads from each file it indexes.
_HEADING = frozenset({"schema_version", "id", "name", "extends", "year", "level"})


def bundled_rulesets_dir() -> Path:
    """The directory of the rulesets shipped with the library.

    In an installed wheel they live inside the package (``inovasi_rules/_bundled``);
    in a source checkout, in ``rulesets/`` at the repository root.
    """
    packaged = Path(str(resources.files("inovasi_rules"))) / "_bundled"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rulesets"


@attrs.frozen
class RegistryEntry:
    """A ruleset the registry knows: its id, title, file and where it came from
    (``bundled``, ``plugin:<name>`` or ``directory``)."""

    id: str
    name: Label
    path: Path
    origin: str
    extends: str | None = None
    year: int | None = None
    level: str | None = None


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; a file that cannot be read is a located :class:`RulesetError`
    (so :func:`check_ruleset` reports it instead of raising ``OSError``)."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise RulesetError(
            [
                Problem(
                    f"cannot read the file: {exc.strerror} / berkas tidak dapat dibaca",
                    str(path),
                    rule="not-found",
                    hint="check that the file exists and may be read / periksa berkasnya",
                )
            ]
        ) from None


def _is_ruleset_file(path: Path) -> bool:
    name = path.name
    return name.endswith((".yaml", ".yml")) and not name.endswith((".test.yaml", ".test.yml"))


class Registry:
    """The rulesets that ``extends`` and ruleset ids can refer to.

    :param directories: extra directories to search (recursively) for ``*.yaml``
        rulesets; test-case files (``*.test.yaml``) are skipped.
    :param bundled: include the rulesets shipped with the library.
    :param contributed: ``(origin, path)`` pairs, typically from plugins'
        ``inovasi_rules_rulesets`` hook; a path may be a file or a directory.

    Sources are searched in this order: ``directories``, the bundled rulesets,
    ``contributed``. The first ruleset found with an id wins; a second file with the
    same id is reported in :attr:`problems` (and by ``inovasi-rules list``).
    """

    def __init__(
        self,
        directories: Iterable[str | os.PathLike[str]] = (),
        *,
        bundled: bool = True,
        contributed: Iterable[tuple[str, str | os.PathLike[str]]] = (),
    ) -> None:
        self._sources: list[tuple[str, Path]] = []
        for d in directories:
            self._sources.append(("directory", Path(d)))
        # bundled before contributed: an installed plugin adds rulesets, it cannot
        # silently replace a bundled one (a clash is reported in `problems`)
        if bundled:
            self._sources.append(("bundled", bundled_rulesets_dir()))
        for origin, p in contributed:
            self._sources.append((origin, Path(p)))
        self._index: dict[str, RegistryEntry] | None = None
        self._hidden: dict[str, list[Path]] = {}
        #: Problems found while indexing: unreadable files, duplicate ids.
        self.problems: list[Problem] = []

    def with_directories(self, *directories: str | os.PathLike[str]) -> Registry:
        """A registry that also searches ``directories`` first."""
        new = Registry(bundled=False)
        new._sources = [("directory", Path(d)) for d in directories] + list(self._sources)
        return new

    def _files(self) -> Iterable[tuple[str, Path]]:
        for origin, src in self._sources:
            if src.is_file():
                yield origin, src
            elif src.is_dir():
                for p in sorted(src.rglob("*")):
                    if p.is_file() and _is_ruleset_file(p):
                        yield origin, p

    def _build_index(self) -> dict[str, RegistryEntry]:
        # Only each file's heading is built: the rest of a file is checked when that
        # ruleset is loaded, and its problems are reported then, where they are asked for.
        index: dict[str, RegistryEntry] = {}
        seen_paths: set[Path] = set()
        for origin, path in self._files():
            rp = path.resolve()
            if rp in seen_paths:
                continue
            seen_paths.add(rp)
            try:
                node = load_yaml(_read_bytes(path), str(path), keys=_HEADING)
            except RulesetError as exc:
                self.problems.extend(exc.problems)
                continue
            head = to_plain(node)
            if not isinstance(head, dict) or "schema_version" not in head:
                continue
            rid = head.get("id")
            if not isinstance(rid, str):
                continue
            if rid in index:
                first = index[rid]
                self._hidden.setdefault(rid, []).append(path)
                mark = node.locate(["id"])
                self.problems.append(
                    Problem(
                        f"ruleset id {rid!r} is also defined in {first.path}; that one is used "
                        f"/ id ruleset {rid!r} ganda",
                        str(path),
                        mark.line,
                        mark.column,
                        path="id",
                        hint="give this ruleset an id of its own / beri ruleset ini id sendiri",
                        rule="duplicate-ruleset",
                        level="warning",
                    )
                )
                continue
            name = head.get("name")
            label = (
                Label(name)
                if isinstance(name, str)
                else Label(str(name.get("id", rid)), name.get("en"))
                if isinstance(name, dict)
                else Label(rid)
            )
            index[rid] = RegistryEntry(
                rid,
                label,
                path,
                origin,
                head.get("extends") if isinstance(head.get("extends"), str) else None,
                head.get("year") if isinstance(head.get("year"), int) else None,
                head.get("level") if isinstance(head.get("level"), str) else None,
            )
        return index

    @property
    def index(self) -> Mapping[str, RegistryEntry]:
        """Every known ruleset by id (built on first use)."""
        if self._index is None:
            self._index = self._build_index()
        return self._index

    def entries(self) -> list[RegistryEntry]:
        """Every known ruleset, ordered by id."""
        return [self.index[k] for k in sorted(self.index)]

    def __contains__(self, ruleset_id: object) -> bool:
        return ruleset_id in self.index

    def path_of(self, ruleset_id: str) -> Path:
        """The file of ruleset ``ruleset_id`` (``KeyError`` if unknown)."""
        return self.index[ruleset_id].path

    def hidden(self, ruleset_id: str) -> list[Path]:
        """The other files with id ``ruleset_id``, hidden by the one the registry uses
        (a file in a folder searched first that takes a bundled ruleset's id)."""
        self.index  # noqa: B018 - builds the index, which finds them
        return list(self._hidden.get(ruleset_id, ()))

    def suggest(self, ruleset_id: str) -> list[str]:
        """Known ids close to ``ruleset_id`` (for "did you mean" hints)."""
        return difflib.get_close_matches(ruleset_id, list(self.index), n=3)


# --------------------------------------------------------------------------- merge


def _merge(parent: Node, child: Node, key: str | None, replace: frozenset[str]) -> Node:
    if key in REPLACED or key in replace:
        return child
    if parent.kind == "map" and child.kind == "map":
        entries = dict(parent.map)
        key_marks = dict(parent.key_marks)
        for k, v in child.map.items():
            if k in entries and key != "parameters":
                entries[k] = _merge(entries[k], v, k, frozenset())
            else:
                # a new key; or a parameter, which a child overrides whole (a lookup
                # table given by the child replaces the parent's, it is not merged)
                entries[k] = v
            key_marks[k] = child.key_marks.get(k, v.mark)
        return Node("map", entries, child.mark, key_marks)
    if parent.kind == "seq" and child.kind == "seq":
        if key in ID_LISTS:
            return _merge_by_id(parent, child)
        if key == "plugins":
            # united by plugin name; a child's entry for a known name replaces the
            # parent's (e.g. to add the package that provides it)
            items = {_plugin_key(n): n for n in parent.seq}
            for n in child.seq:
                items[_plugin_key(n)] = n
            return Node("seq", list(items.values()), child.mark)
    return child


def _plugin_key(node: Node) -> object:
    """The name of a ``plugins`` item: ``name`` or ``{name: ..., package: ...}``."""
    if node.kind == "map":
        name = node.get("name")
        return name.value if name is not None and name.kind == "scalar" else id(node)
    return node.value if node.kind == "scalar" else id(node)


def _item_id(node: Node) -> object:
    ident = node.get("id")
    return ident.value if ident is not None else None


def _merge_by_id(parent: Node, child: Node) -> Node:
    items: list[Node] = list(parent.seq)
    position = {_item_id(n): i for i, n in enumerate(items)}
    removed: set[int] = set()
    for item in child.seq:
        ident = _item_id(item)
        remove = item.get("remove")
        if ident is not None and ident in position:
            i = position[ident]
            if remove is not None and remove.value is True:
                removed.add(i)
            else:
                items[i] = _merge(items[i], item, None, frozenset())
        elif remove is not None and remove.value is True:
            # kept: _strip_directives reports it with its path, with the other problems
            items.append(item)
        else:
            if ident is not None:
                position[ident] = len(items)
            items.append(item)
    return Node("seq", [n for i, n in enumerate(items) if i not in removed], child.mark)


def _is_removal(node: Node) -> bool:
    remove = node.get("remove")
    return remove is not None and remove.value is True


def _strip_directives(node: Node, problems: list[Problem]) -> Node:
    """Drop the inheritance directives from a merged tree.

    ``replace`` goes from the top level. ``remove: true`` is consumed while merging;
    one still left on an item of an id list had nothing to remove (the ruleset has no
    parent, or the item is new): that is reported, since silently keeping an item the
    author asked to remove would be wrong. A ``remove`` with another value is left for
    the schema check to report.
    """

    def strip(
        n: Node, in_id_list: bool, path: tuple[PathKey, ...], siblings: tuple[str, ...] = ()
    ) -> Node:
        if n.kind == "map":
            entries: dict[str, Node] = {}
            for k, v in n.map.items():
                if in_id_list and k == "remove" and v.kind == "scalar" and v.value is True:
                    ident = n.get("id")
                    name = ident.value if ident is not None else None
                    mark = n.key_marks.get(k, v.mark)
                    close = difflib.get_close_matches(str(name), siblings, n=2)
                    problems.append(
                        Problem(
                            f"cannot remove {name!r}: no item with that id is inherited "
                            f"/ tidak ada butir warisan {name!r} untuk dihapus",
                            mark.file,
                            mark.line,
                            mark.column,
                            path=format_path((*path, k)),
                            hint=(
                                f"did you mean {' or '.join(repr(c) for c in close)}? "
                                if close
                                else (f"the ids here: {', '.join(siblings)}; " if siblings else "")
                            )
                            + "`remove: true` removes an item inherited through `extends`; "
                            "to leave out an item of your own, delete it / `remove: true` "
                            "menghapus butir yang diwarisi lewat `extends`; butir milik sendiri "
                            "cukup dihapus dari berkas",
                            rule="remove-unknown",
                        )
                    )
                    continue
                entries[k] = strip(v, k in ID_LISTS and v.kind == "seq", (*path, k))
            return Node("map", entries, n.mark, n.key_marks)
        if n.kind == "seq":
            ids: tuple[str, ...] = ()
            if in_id_list:
                kept = [v for v in n.seq if not _is_removal(v)]
                ids = tuple(str(i) for i in map(_item_id, kept) if i is not None)
            items: list[Node] = []
            for i, v in enumerate(n.seq):
                stripped = strip(v, in_id_list, (*path, i), ids)
                # an item whose removal failed is reported, and still left out
                if not (in_id_list and _is_removal(v)):
                    items.append(stripped)
            return Node("seq", items, n.mark)
        return n

    if node.kind != "map":
        return node
    out = strip(node, False, ())
    if "replace" in out.map:
        if "extends" not in out.map:
            mark = node.key_marks.get("replace", node.map["replace"].mark)
            problems.append(
                Problem(
                    "`replace` has no effect: this ruleset extends no other "
                    "/ `replace` tidak berpengaruh tanpa `extends`",
                    mark.file,
                    mark.line,
                    mark.column,
                    path="replace",
                    hint="remove `replace`, or add `extends: <parent id>` / hapus `replace`, atau tambahkan "
                    "`extends: <id induk>`",
                    rule="replace-unused",
                    level="warning",
                )
            )
        entries = {k: v for k, v in out.map.items() if k != "replace"}
        key_marks = {k: v for k, v in out.key_marks.items() if k != "replace"}
        out = Node("map", entries, out.mark, key_marks)
    return out


# --------------------------------------------------------------------------- pipeline


@attrs.frozen
class RulesetCheck:
    """The outcome of checking a ruleset: the ruleset (``None`` when there were
    errors) and every problem found, errors and warnings."""

    ruleset: Ruleset | None
    problems: tuple[Problem, ...]
    file: str | None = None

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return self.ruleset is not None

    @property
    def errors(self) -> list[Problem]:
        """Problems of level ``error``."""
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Problems of level ``warning``."""
        return [p for p in self.problems if p.level == "warning"]


def _resolve(
    node: Node,
    registry: Registry,
    chain: tuple[str, ...],
    file: str | None,
    notes: list[Problem],
    limits: YamlLimits = DEFAULT_YAML_LIMITS,
) -> Node:
    """Return ``node`` merged onto its ancestors; warnings go to ``notes``."""
    ext = node.get("extends")
    if ext is None:
        return node
    own_id = node.get("id")
    own = own_id.value if own_id is not None else None
    chain = (*chain, str(own))
    parent_id = ext.value
    mark = node.key_marks.get("extends", ext.mark)
    if not isinstance(parent_id, str):
        return node  # the schema check reports the wrong type
    if parent_id in chain:
        cycle = " -> ".join([*chain, parent_id])
        raise RulesetError(
            [
                Problem(
                    f"`extends` makes a cycle: {cycle} / pewarisan melingkar",
                    ext.mark.file,
                    ext.mark.line,
                    ext.mark.column,
                    path="extends",
                    hint="a ruleset cannot (even indirectly) extend itself / ruleset tidak boleh mewarisi "
                    "dirinya sendiri, langsung atau tidak",
                    rule="extends-cycle",
                )
            ]
        )
    if len(chain) > MAX_EXTENDS_DEPTH:
        raise RulesetError(
            [
                Problem(
                    f"`extends` chain longer than {MAX_EXTENDS_DEPTH} "
                    "/ rantai pewarisan terlalu panjang",
                    mark.file,
                    mark.line,
                    mark.column,
                    path="extends",
                    rule="limit",
                )
            ]
        )
    if parent_id not in registry and (
        "/" in parent_id or "\\" in parent_id or parent_id.endswith((".yaml", ".yml"))
    ):
        # never opened: a ruleset (perhaps uploaded) must not make the loader read files
        name = parent_id.replace("\\", "/").rsplit("/", 1)[-1]
        same_name = [e.id for e in registry.entries() if e.path.name == name]
        raise RulesetError(
            [
                Problem(
                    f"`extends` takes a ruleset id, not a file path: {parent_id!r} "
                    "/ `extends` berisi id ruleset, bukan jalur berkas",
                    ext.mark.file,
                    ext.mark.line,
                    ext.mark.column,
                    path="extends",
                    hint=(
                        f"write `extends: {same_name[0]}` (the id written in that file) / tulis "
                        f"`extends: {same_name[0]}` (id yang tertulis di berkas itu)"
                        if same_name
                        else "write the parent's id (its `id:` line); pass the folder it is "
                        "in with `--rulesets DIR` (or `Registry(directories=[DIR])`) / tulis id "
                        "induknya (baris `id:`-nya); berikan foldernya dengan `--rulesets DIR`"
                    ),
                    rule="extends-path",
                )
            ]
        )
    if parent_id not in registry:
        close = registry.suggest(parent_id)
        hint = (
            f"did you mean {' or '.join(repr(c) for c in close)}? / maksud Anda {close[0]!r}?"
            if close
            else "run `inovasi-rules list` to see the rulesets that can be extended / "
            "jalankan `inovasi-rules list` untuk melihat ruleset yang bisa diwarisi"
        )
        raise RulesetError(
            [
                Problem(
                    f"unknown parent ruleset {parent_id!r} / ruleset induk tidak dikenal",
                    ext.mark.file,
                    ext.mark.line,
                    ext.mark.column,
                    path="extends",
                    hint=hint,
                    rule="extends-unknown",
                )
            ]
        )
    path = registry.path_of(parent_id)
    hidden = registry.hidden(parent_id)
    if hidden:
        notes.append(
            Problem(
                f"`extends: {parent_id}` takes {path}, which hides another ruleset with the "
                f"same id ({_where(hidden[0], 'en')}) / `extends: {parent_id}` memakai {path}, "
                f"bukan ruleset lain dengan id yang sama ({_where(hidden[0], 'id')})",
                ext.mark.file,
                ext.mark.line,
                ext.mark.column,
                path="extends",
                hint=f"give {path.name} an id of its own, or move it out of this folder / beri "
                f"{path.name} id sendiri, atau pindahkan dari folder ini",
                rule="shadowed-ruleset",
                level="warning",
            )
        )
    parent = load_yaml(_read_bytes(path), str(path), problems=notes, limits=limits)
    parent = _resolve(parent, registry, chain, str(path), notes, limits)
    replace_node = node.get("replace")
    replace = (
        frozenset(n.value for n in replace_node.seq if isinstance(n.value, str))
        if replace_node is not None and replace_node.kind == "seq"
        else frozenset()
    )
    if replace_node is not None and replace_node.kind == "seq":
        for item in replace_node.seq:
            if isinstance(item.value, str) and item.value not in node.map:
                notes.append(
                    Problem(
                        f"`replace` names {item.value!r}, but this ruleset does not give "
                        f"{item.value!r}: the parent's is kept "
                        f"/ {item.value!r} tidak ditulis, milik induk tetap dipakai",
                        item.mark.file,
                        item.mark.line,
                        item.mark.column,
                        path="replace",
                        hint=f"write `{item.value}: [...]` with the items you want "
                        f"(`{item.value}: []` for none) / tulis `{item.value}: [...]` dengan "
                        f"butir yang Anda inginkan (`{item.value}: []` bila tidak ada)",
                        rule="replace-unused",
                        level="warning",
                    )
                )
    merged = dict(parent.map)
    key_marks = dict(parent.key_marks)
    merged.pop("replace", None)
    key_marks.pop("replace", None)
    for k, v in node.map.items():
        if k == "replace":
            continue
        if k in merged:
            merged[k] = _merge(merged[k], v, k, replace)
        else:
            merged[k] = v
        key_marks[k] = node.key_marks.get(k, v.mark)
    # a child's own id, extends and name never come from the parent
    for k in ("id", "extends"):
        if k in node.map:
            merged[k] = node.map[k]
    return Node("map", merged, node.mark, key_marks)


def _where(path: Path, lang: str) -> str:
    """A ruleset file as a reader knows it: a bundled one by its name (its place inside
    an installation says nothing to them), any other by its path."""
    try:
        path.resolve().relative_to(bundled_rulesets_dir().resolve())
    except ValueError:
        return str(path)
    return f"ruleset bawaan {path.name}" if lang == "id" else f"the bundled {path.name}"


def _shadowing(node: Node, file: str | None, registry: Registry) -> list[Problem]:
    """A warning when this file takes the id of another ruleset the registry knows
    (a bundled one, say): in its folder, that id now means this file."""
    own = node.get("id")
    rid = own.value if own is not None else None
    if not isinstance(rid, str) or file is None or rid not in registry:
        return []
    hidden = registry.hidden(rid)
    try:
        used = registry.path_of(rid).resolve() == Path(file).resolve()
    except OSError:
        return []
    if not hidden or not used:
        return []
    mark = node.locate(["id"])
    return [
        Problem(
            f"the id {rid!r} is also the id of {_where(hidden[0], 'en')}: in this folder, "
            f"{rid!r} (and `extends: {rid}`) now means this file / id {rid!r} juga id dari "
            f"{_where(hidden[0], 'id')}: di folder ini, {rid!r} berarti berkas ini",
            mark.file,
            mark.line,
            mark.column,
            path="id",
            hint="give this ruleset an id of its own, e.g. one with your region's name / beri "
            "ruleset ini id sendiri, misalnya dengan nama daerah Anda",
            rule="shadowed-ruleset",
            level="warning",
        )
    ]


def _plugin_requirements(plain: object, merged: Node) -> list[PluginRequirement]:
    """The ``plugins`` a merged ruleset lists, each with where it is written."""
    items = plain.get("plugins") if isinstance(plain, dict) else None
    out: list[PluginRequirement] = []
    for i, item in enumerate(items if isinstance(items, list) else ()):
        name = item.get("name") if isinstance(item, dict) else item
        package = item.get("package") if isinstance(item, dict) else None
        if not isinstance(name, str):
            continue  # reported by the schema check
        mark = merged.locate(["plugins", i])
        out.append(
            PluginRequirement(
                name,
                package if isinstance(package, str) else None,
                file=mark.file,
                line=mark.line,
                column=mark.column,
            )
        )
    return out


def _check_tree(
    node: Node,
    file: str | None,
    registry: Registry,
    plugin_check: Any = None,
    available: Callable[[], Collection[str]] | None = None,
    early: Iterable[Problem] = (),
    limits: YamlLimits = DEFAULT_YAML_LIMITS,
) -> RulesetCheck:
    # `early`: what reading the YAML found but could read past (duplicate keys, ...)
    problems: list[Problem] = list(early)
    try:
        merged = _strip_directives(
            _resolve(node, registry, (), file, problems, limits), problems
        )
    except RulesetError as exc:
        found = sorted([*problems, *exc.problems], key=Problem.sort_key)
        return RulesetCheck(None, tuple(found), file)
    problems.extend(_shadowing(node, file, registry))
    plain = to_plain(merged)
    # an invalid date or number is kept as text and already reported; the schema would
    # say it again
    dated = {
        (p.file, p.line, p.column) for p in problems if p.rule in ("yaml-date", "yaml-number")
    }
    schema_problems = validation.check_schema(plain, merged)
    problems.extend(p for p in schema_problems if (p.file, p.line, p.column) not in dated)
    if isinstance(plain, dict):
        schema_failed = any(p.level == "error" for p in problems)
        try:
            problems.extend(
                p
                for p in validation.check_semantics(plain, merged)
                if not (p.rule == "parameter-type" and (p.file, p.line, p.column) in dated)
            )
        except (LookupError, TypeError, AttributeError, ValueError, ArithmeticError):
            # Semantic checks assume a schema-valid tree; after schema errors they may
            # trip over the very values already reported. Those reports suffice.
            if not schema_failed:
                raise
    if plugin_check is not None and isinstance(plain, dict):
        problems.extend(plugin_check(plain, merged))
    requirements = _plugin_requirements(plain, merged)
    if available is not None and requirements:
        from ..plugins import missing_plugin_problem

        rid = plain.get("id") if isinstance(plain, dict) else None
        names = available()  # only asked when the ruleset needs plugins
        problems.extend(
            missing_plugin_problem(r, str(rid) if rid is not None else None)
            for r in requirements
            if r.name not in names
        )
    if any(p.level == "error" for p in problems):
        return RulesetCheck(None, tuple(sorted(problems, key=Problem.sort_key)), file)
    try:
        ruleset = codec.structure(plain)  # type: ignore[arg-type]
    except Exception as exc:  # the schema should make this unreachable; report, not crash
        detail = (
            "; ".join(cattrs.transform_error(exc))
            if isinstance(exc, cattrs.BaseValidationError)
            else str(exc)
        )
        problems.append(
            Problem(
                f"could not build the ruleset: {detail} / ruleset tidak dapat dibentuk",
                file,
                rule="internal",
                hint="please report this ruleset to the inovasi_rules developers / mohon laporkan "
                "ruleset ini kepada pengembang inovasi_rules",
            )
        )
        return RulesetCheck(None, tuple(problems), file)
    located = tuple(requirements) if len(requirements) == len(ruleset.plugins) else ruleset.plugins
    ruleset = attrs.evolve(ruleset, origin=file, plugins=located)
    return RulesetCheck(ruleset, tuple(sorted(problems, key=Problem.sort_key)), file)


def _plugin_context(
    registry: Registry | None, plugins: Iterable[Any] | None
) -> tuple[Registry, Callable[[], Collection[str]]]:
    """The registry to use (by default the bundled rulesets plus those the installed
    plugins and ``plugins`` contribute) and how to get the names of the plugins
    available."""
    from ..plugins import available_plugin_names, default_registry, get_plugin_manager

    given = list(plugins or ())
    if registry is None:
        registry = default_registry(get_plugin_manager(given) if given else None)
    return registry, lambda: available_plugin_names(given)


def _read(
    ref: str | os.PathLike[str],
    registry: Registry,
    problems: list[Problem] | None = None,
    limits: YamlLimits = DEFAULT_YAML_LIMITS,
) -> tuple[Node, str, Registry]:
    """Read a ruleset given as an id or a path."""
    text_ref = os.fspath(ref)
    path = Path(text_ref)
    if path.suffix in (".yaml", ".yml") or path.is_file():
        if not path.is_file():
            raise RulesetError(
                [
                    Problem(
                        f"no such file: {text_ref} / berkas tidak ditemukan",
                        text_ref,
                        rule="not-found",
                        hint="check the path, or give a ruleset id from `inovasi-rules list` / periksa "
                        "jalurnya, atau berikan id ruleset dari `inovasi-rules list`",
                    )
                ]
            )
        registry = registry.with_directories(path.parent)
        node = load_yaml(_read_bytes(path), text_ref, problems=problems, limits=limits)
        return node, text_ref, registry
    if text_ref in registry:
        p = registry.path_of(text_ref)
        return load_yaml(_read_bytes(p), str(p), problems=problems, limits=limits), str(p), registry
    close = registry.suggest(text_ref)
    raise RulesetError(
        [
            Problem(
                f"no ruleset with id {text_ref!r} and no such file / ruleset tidak ditemukan",
                None,
                rule="not-found",
                hint=(
                    f"did you mean {' or '.join(repr(c) for c in close)}? / maksud Anda {close[0]!r}?"
                    if close
                    else "run `inovasi-rules list` to see the known rulesets / jalankan "
                    "`inovasi-rules list` untuk melihat ruleset yang ada"
                ),
            )
        ]
    )


def check_ruleset(
    ref: str | os.PathLike[str],
    *,
    registry: Registry | None = None,
    plugin_check: Any = None,
    plugins: Iterable[Any] | None = None,
    limits: YamlLimits = DEFAULT_YAML_LIMITS,
) -> RulesetCheck:
    """Check a ruleset (a file path or a registry id) and report every problem.

    Never raises for a problem in the ruleset: errors and warnings are in the
    returned :class:`RulesetCheck`. A plugin the ruleset lists under ``plugins`` that
    is neither installed nor in ``plugins`` is an error (``missing-plugin``) located
    where the ruleset names it.

    :param plugins: plugin objects the caller will pass to ``evaluate(...,
        plugins=...)``: they count as available, and the rulesets they contribute
        join the default registry.
    :param limits: how large the file and each parent it extends may be, and the
        bounds of their numbers (:class:`~inovasi_rules.yamlpos.YamlLimits`; a host
        that accepts uploads may set them lower).
    """
    registry, available = _plugin_context(registry, plugins)
    early: list[Problem] = []
    try:
        node, file, registry = _read(ref, registry, early, limits)
    except RulesetError as exc:
        return RulesetCheck(None, tuple(exc.problems), os.fspath(ref))
    return _check_tree(node, file, registry, plugin_check, available, early, limits)


def load_ruleset(
    ref: str | os.PathLike[str],
    *,
    registry: Registry | None = None,
    parameters: Mapping[str, Any] | None = None,
    plugins: Iterable[Any] | None = None,
    limits: YamlLimits = DEFAULT_YAML_LIMITS,
) -> Ruleset:
    """Load, check and build a ruleset from a file path or a registry id.

    :param ref: a path to a ``.yaml`` file, or the id of a known ruleset
        (``inovasi-rules list`` shows them).
    :param registry: where ``extends`` and ids are looked up; by default the bundled
        rulesets plus those contributed by installed plugins.
    :param parameters: parameter overrides, as with :meth:`Ruleset.with_parameters`.
    :param plugins: plugin objects that will be passed to ``evaluate`` in code (see
        :func:`check_ruleset`); installed plugins are always available.
    :param limits: size, depth and number limits, as with :func:`check_ruleset`.
    :raises RulesetError: listing every error, each with file, line and column; a
        plugin the ruleset needs but that is missing is one of them.

    >>> kipp = load_ruleset("kipp-2019")
    >>> kipp.stage("proposal").advance.top
    99
    """
    result = check_ruleset(ref, registry=registry, plugins=plugins, limits=limits)
    if result.ruleset is None:
        raise RulesetError(list(result.problems))
    if parameters:
        return result.ruleset.with_parameters(**parameters)
    return result.ruleset


def loads_ruleset(
    text: str,
    *,
    file: str | None = None,
    registry: Registry | None = None,
    plugins: Iterable[Any] | None = None,
    limits: YamlLimits = DEFAULT_YAML_LIMITS,
) -> Ruleset:
    """Like :func:`load_ruleset`, from YAML text."""
    registry, available = _plugin_context(registry, plugins)
    early: list[Problem] = []
    node = load_yaml(text, file, problems=early, limits=limits)
    result = _check_tree(node, file, registry, available=available, early=early, limits=limits)
    if result.ruleset is None:
        raise RulesetError(list(result.problems))
    return result.ruleset
