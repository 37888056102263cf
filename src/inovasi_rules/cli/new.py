"""``inovasi-rules new``: start a ruleset of one's own that extends another one.

The scaffold is written from the parent as loaded (its own parents included), so
every id and value in it is the parent's and the file is valid as written. What a
region usually changes is laid out and explained in Bahasa Indonesia and English:
the parameters (dates, numbers of finalists and winners, bonus points) as live
values; categories, who may enter, eligibility rules, rubric weights, finalists,
bonuses, waves and awards as commented examples, each between ``[contoh / example]``
and ``[akhir contoh / end of example]``, each valid on its own once its ``#`` marks
are removed. Beside it, a starter ``<NEW>.test.yaml`` with test cases that pass.
"""

from __future__ import annotations

import datetime
import json
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import click
import yaml

from ..ruleset import model as m
from ..ruleset.codec import condition_to_data, unstructure
from ..ruleset.loading import Registry
from ..ruleset.model import Label, Ruleset
from .options import RULESET_DIRS, echo_problems, ruleset_registry
from .output import echo, write_text

__all__ = [
    "BLOCK_END",
    "BLOCK_START",
    "guess_name",
    "guess_region",
    "guess_year",
    "new_ruleset",
    "parameter_comments",
    "regional_rules",
    "scaffold",
    "starter_cases",
    "starter_defaults",
]

#: The line that opens a commented example block of the scaffold.
BLOCK_START = "# [contoh / example]"
#: The line that closes it.
BLOCK_END = "# [akhir contoh / end of example]"
_RULE = "# " + "-" * 84
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_ACRONYMS = frozenset({"kipp", "winner", "kovablik", "iga", "bumd", "bumn", "opd", "upt"})
_SCORED = ("assessment", "presentation")
#: Kinds of participant offered as an example of a kind to add, by level.
_NEW_KINDS: Mapping[str, Sequence[tuple[str, Label]]] = {
    "national": [("bumd", Label("BUMD", "Region-owned enterprise")),
                 ("perguruan-tinggi", Label("Perguruan tinggi negeri", "State university"))],
    "province": [("upt", Label("UPT perangkat daerah", "Technical unit (UPT) of an agency")),
                 ("perguruan-tinggi", Label("Perguruan tinggi", "University"))],
    "regency": [("kecamatan", Label("Kecamatan", "Sub-district")),
                ("kelurahan", Label("Kelurahan", "Urban village"))],
    "city": [("kecamatan", Label("Kecamatan", "Sub-district")),
             ("kelurahan", Label("Kelurahan", "Urban village"))],
}
_SOURCE_EXAMPLE = {
    "national": "Peraturan Menteri PANRB nomor ... tahun ... / Minister of PANRB regulation no. ...",
    "province": "Peraturan/Keputusan Gubernur nomor ... tahun ... / Governor's regulation no. ...",
    "regency": "Peraturan/Keputusan Bupati nomor ... tahun ... / Regent's regulation no. ...",
    "city": "Peraturan/Keputusan Wali Kota nomor ... tahun ... / Mayor's regulation no. ...",
}
_EXAMPLE_CATEGORIES = (
    ("kesehatan", Label("Kesehatan", "Health")),
    ("pendidikan", Label("Pendidikan", "Education")),
)


# --------------------------------------------------------------------------- YAML text


def _quoted(text: str) -> str:
    """A double-quoted YAML string (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _scalar(text: str) -> str:
    """``text`` plain when YAML reads it back as the same string, else quoted."""
    if _PLAIN.match(text):
        try:
            if yaml.safe_load(text) == text:
                return text
        except yaml.YAMLError:  # pragma: no cover - the pattern admits no such text
            pass
    return _quoted(text)


def _flow(value: Any) -> str:
    """``value`` (plain data, a label or a model reference) as inline YAML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return _scalar(value)
    if isinstance(value, Label):
        if value.en:
            return f"{{id: {_quoted(value.id)}, en: {_quoted(value.en)}}}"
        return _quoted(value.id)
    if isinstance(value, m.Param):
        return f"{{param: {value.name}}}"
    if isinstance(value, (m.Compare, m.AllOf, m.AnyOf, m.Not)):
        return _flow(condition_to_data(value))
    if isinstance(value, Mapping):
        if set(value) <= {"id", "en"} and "id" in value and all(isinstance(v, str) for v in value.values()):
            return _flow(Label(value["id"], value.get("en")))
        return "{" + ", ".join(f"{_scalar(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _quoted(str(value))


def _comment(*lines: str) -> list[str]:
    """Prose comment lines; a long line is wrapped, its continuation indented."""
    out: list[str] = []
    for line in lines:
        indent = " " * (len(line) - len(line.lstrip()))
        wrapped = textwrap.wrap(
            line, 86, initial_indent="", subsequent_indent=indent + "  ",
            break_on_hyphens=False, break_long_words=False,
        ) or [""]
        out += [f"# {w}".rstrip() for w in wrapped]
    return out


def _block(title: str, lines: Iterable[str]) -> list[str]:
    """A commented example: ``#`` before each line of ``lines`` (valid YAML)."""
    return [f"{BLOCK_START} {title}", *(f"#{line}" for line in lines), BLOCK_END]


def _section(title_id: str, title_en: str) -> list[str]:
    return ["", _RULE, f"# {title_id} / {title_en}", _RULE]


# --------------------------------------------------------------------------- guesses


def _words(new_id: str) -> list[str]:
    return [w for w in re.split(r"[-_.]", new_id) if w]


def guess_year(new_id: str) -> int | None:
    """The year in an id such as ``kipp-klaten-2024``."""
    years = [int(w) for w in _words(new_id) if re.fullmatch(r"(19|20)\d\d", w)]
    return years[-1] if years else None


def guess_name(new_id: str) -> str:
    """A title from an id: ``kipp-klaten-2024`` -> ``KIPP Klaten 2024``."""
    return " ".join(w.upper() if w in _ACRONYMS else w.capitalize() for w in _words(new_id))


def guess_region(new_id: str, parent_id: str) -> str:
    """The region named in an id: the words of ``new_id`` that are not the parent's,
    a year or an acronym (``kipp-klaten-2024`` -> ``klaten``)."""
    parent = set(_words(parent_id))
    words = [
        w for w in _words(new_id)
        if w not in parent and w not in _ACRONYMS and not w.isdigit()
        and w not in ("kabupaten", "kab", "kota", "provinsi", "prov")
    ]
    return "-".join(words) or "namadaerah"


# --------------------------------------------------------------------------- the parent


def _chain(registry: Registry, parent_id: str) -> list[Path]:
    """The files of ``parent_id`` and its ancestors, nearest first."""
    out: list[Path] = []
    rid: str | None = parent_id
    while rid is not None and rid in registry and len(out) < 20:
        entry = registry.index[rid]
        out.append(entry.path)
        rid = entry.extends
    return out


def parameter_comments(files: Sequence[Path]) -> dict[str, list[str]]:
    """The comments written beside each parameter in the ``parameters:`` section of
    ``files`` (nearest first wins): the end-of-line comment and the comment lines
    that continue it."""
    out: dict[str, list[str]] = {}
    for path in files:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        found: dict[str, list[str]] = {}
        inside = False
        current: tuple[str, int] | None = None
        for line in lines:
            if not inside:
                inside = line.rstrip() == "parameters:"
                continue
            if line and not line[0].isspace() and not line.startswith("#"):
                break
            stripped = line.strip()
            if stripped.startswith("#"):
                indent = len(line) - len(line.lstrip())
                if current is not None and indent > current[1]:
                    found[current[0]].append(stripped.lstrip("#").strip())
                continue
            current = None
            match = re.match(r"^(\s+)([A-Za-z_][A-Za-z0-9_]*):(.*?)\s#\s?(.*)$", line)
            if match and len(match.group(1)) <= 2:
                found[match.group(2)] = [match.group(4).strip()]
                current = (match.group(2), len(match.group(1)))
        for name, comment in found.items():
            out.setdefault(name, comment)
    return out


def _default_comment(value: Any) -> list[str]:
    if isinstance(value, datetime.date):
        return ["tanggal: GANTI sesuai edisi Anda / a date: CHANGE it for your edition"]
    if isinstance(value, bool):
        return ["ya/tidak / yes/no"]
    if isinstance(value, (int, Decimal)):
        return ["angka / a number"]
    if isinstance(value, Mapping):
        return ["tabel / a table"]
    if isinstance(value, (list, tuple)):
        return ["daftar / a list"]
    return []


def _simple_in(cond: m.Condition | None, path: str) -> m.Compare | None:
    """``cond`` when it is ``{field: path, in: [...]}`` or ``{field: path, equals: x}``
    with literal values."""
    if (
        isinstance(cond, m.Compare)
        and isinstance(cond.subject, m.Field)
        and cond.subject.path == path
        and cond.op in ("in", "equals")
        and not isinstance(cond.value, (m.Param, m.Field, m.Lookup))
    ):
        return cond
    return None


_REGION_FIELDS = ("participant.regency", "participant.province")


def _names_a_region(cond: m.Condition | None) -> bool:
    """Whether ``cond`` compares the entrant's regency or province with a written value
    (``{field: participant.regency, equals: sukoharjo}``), anywhere inside it."""
    if isinstance(cond, m.Compare):
        return (
            isinstance(cond.subject, m.Field)
            and cond.subject.path in _REGION_FIELDS
            and cond.value is not None
            and not isinstance(cond.value, (m.Param, m.Field, m.Lookup))
        )
    if isinstance(cond, (m.AllOf, m.AnyOf)):
        return any(_names_a_region(c) for c in cond.conditions)
    if isinstance(cond, m.Not):
        return _names_a_region(cond.condition)
    return False


def regional_rules(parent: Ruleset) -> list[str]:
    """The ids of the eligibility rules of a regional parent that name its region: a new
    ruleset for another region inherits them, and must change them. (A national
    ruleset that lists provinces keeps them: its children are not other regions.)"""
    if parent.level == "national":
        return []
    return [
        e.id for e in parent.eligibility if _names_a_region(e.when) or _names_a_region(e.where)
    ]


def _condition_values(ruleset: Ruleset, path: str) -> list[str]:
    """Literal text values that conditions compare ``path`` with."""
    out: list[str] = []

    def walk(c: m.Condition | None) -> None:
        if isinstance(c, (m.AllOf, m.AnyOf)):
            for x in c.conditions:
                walk(x)
        elif isinstance(c, m.Not):
            walk(c.condition)
        elif isinstance(c, m.Compare) and isinstance(c.subject, m.Field) and c.subject.path == path:
            vals = c.value if isinstance(c.value, tuple) else (c.value,)
            out.extend(v for v in vals if isinstance(v, str) and v not in out)

    for e in ruleset.eligibility:
        walk(e.when)
        walk(e.where)
        walk(e.cap.where if e.cap else None)
    for s in ruleset.stages:
        for a in s.adjustments:
            walk(a.when)
    for aw in ruleset.awards:
        walk(aw.where)
    return out


def _free_id(wanted: Sequence[str], taken: Iterable[str]) -> str:
    used = set(taken)
    for w in wanted:
        if w not in used:
            return w
    n = 2
    while f"{wanted[0]}-{n}" in used:
        n += 1
    return f"{wanted[0]}-{n}"


# --------------------------------------------------------------------------- sections


def _header(parent: Ruleset, new_id: str, name: Label, file_name: str) -> list[str]:
    test_name = Path(file_name).name.rsplit(".", 1)[0] + ".test.yaml"
    return [
        *_comment(
            name.both(),
            "",
            f"Dibuat dengan `inovasi-rules new` dari ruleset induk {parent.id}",
            f"({parent.name.id}).",
            f"Made with `inovasi-rules new` from the parent ruleset {parent.id}",
            f"({parent.name.en or parent.name.id}).",
            "",
            "CARA KERJA / HOW IT WORKS",
            "  Berkas ini mewarisi semua aturan induknya (`extends`). Tulis di sini hanya yang",
            "  berbeda: butir dengan id yang sama mengubah butir induk (hanya kunci yang ditulis),",
            "  id baru menambah butir, `remove: true` menghapus butir, dan bagian yang disebut di",
            "  `replace: [...]` mengganti bagian induk seluruhnya.",
            "  This file inherits every rule of its parent (`extends`). Write here only what",
            "  differs: an item with a parent's id changes that item (only the keys written), a",
            "  new id adds an item, `remove: true` removes one, and a section named in",
            "  `replace: [...]` replaces the parent's whole section.",
            "",
            "  Contoh di bawah diawali tanda #. Untuk memakai satu contoh, hapus tanda # di awal",
            "  setiap baris antara [contoh] dan [akhir contoh]. Tiap contoh sah dengan sendirinya.",
            "  The examples below start with #. To use one, remove the # at the start of every",
            "  line between [example] and [end of example]. Each example is valid on its own.",
            "",
            f"  Periksa / check:  inovasi-rules validate {file_name}",
            f"  Baca / read:      inovasi-rules show {file_name} --lang id",
            f"  Uji / test:       inovasi-rules test {test_name}",
        ),
    ]


def _identity(parent: Ruleset, new_id: str, name: Label, year: int | None) -> list[str]:
    out = [
        "schema_version: 1",
        f"id: {new_id}",
        f"extends: {parent.id}",
        f"name: {_flow(name)}   # GANTI nama / CHANGE the name",
        f"level: {parent.level}   # national, province, regency (kabupaten) atau/or city (kota)",
    ]
    if year is not None:
        out.append(f"year: {year}")
    out += [
        "description:   # GANTI / CHANGE",
        f"  id: {_quoted(f'{name.id}: aturan turunan {parent.id}')}",
        f"  en: {_quoted(f'{name.en or name.id}: rules based on {parent.id}')}",
    ]
    organiser = parent.organiser or Label(
        "Bagian Organisasi Sekretariat Daerah", "Organisation Division of the Regional Secretariat"
    )
    out += [
        "",
        *_comment(
            "Penyelenggara dan dasar hukum (sumber) aturan Anda; tanpa contoh ini, milik induk",
            "yang dipakai. / The organiser and the legal basis (source) of your rules; without",
            "this example, the parent's are inherited.",
        ),
        *_block(
            "penyelenggara dan sumber / organiser and source",
            [
                f"organiser: {_flow(organiser)}",
                f"source: {_quoted(_SOURCE_EXAMPLE.get(parent.level, _SOURCE_EXAMPLE['regency']))}",
            ],
        ),
    ]
    return out


def _parameters(parent: Ruleset, comments: Mapping[str, list[str]]) -> list[str]:
    if not parent.parameters:
        return []
    out = _section("PARAMETER", "PARAMETERS")
    out += _comment(
        "Angka dan tanggal yang paling sering diubah daerah; nilainya di sini nilai induk.",
        "Ubah nilainya saja: aturan yang memakainya ({param: nama}) ikut berubah.",
        "The numbers and dates a region most often changes; the values here are the",
        "parent's. Change the values only: the rules that use them ({param: name}) follow.",
    )
    out.append("parameters:")
    for name, value in parent.parameters.items():
        notes = list(comments.get(name) or _default_comment(value))
        line = f"  {_scalar(name)}: {_flow(value)}"
        if notes:
            pad = max(1, 34 - len(line))
            out.append(f"{line}{' ' * pad}# {notes[0]}")
            out += [f"{' ' * (len(line) + pad)}# {n}" for n in notes[1:]]
        else:
            out.append(line)
    return out


def _categories(parent: Ruleset) -> list[str]:
    rule = next((e for e in parent.eligibility if _simple_in(e.when, "category")), None)
    out = _section("KATEGORI", "CATEGORIES")
    if parent.categories:
        ids = [c.id for c in parent.categories]
        first = parent.categories[0]
        new = _free_id(["kategori-baru", "kategori-daerah"], ids)
        out += _comment(
            f"Induk punya {len(ids)} kategori (semua diwarisi): {', '.join(ids)}.",
            f"The parent has {len(ids)} categories (all inherited): {', '.join(ids)}.",
            "Ganti nama dengan menulis id-nya dan nama baru; tambah dengan id baru; hapus dengan",
            f"`- {{id: {ids[-1]}, remove: true}}`.",
            "Rename one by writing its id with a new name; add one with a new id; remove one",
            f"with `- {{id: {ids[-1]}, remove: true}}`.",
        )
        if rule is not None:
            out += _comment(
                "Daftar kategori ini sendiri tidak menolak pengajuan apa pun: yang menolak",
                f"kategori yang tidak dikenal adalah aturan syarat `{rule.id}`. Aturan itu",
                "mendaftar kategori yang boleh ikut: perbarui juga daftarnya (contoh di bagian",
                "SYARAT), atau kategori baru tidak dapat diikuti.",
                "This list of categories alone rejects no entry: what rejects an unknown",
                f"category is the eligibility rule `{rule.id}`. That rule lists the categories",
                "one may enter: update its list too (example under ELIGIBILITY), or nobody can",
                "enter a new category.",
            )
        else:
            out += _comment(
                "Daftar kategori ini sendiri tidak menolak pengajuan apa pun: pengajuan dengan",
                "kategori yang tidak ada di sini hanya ditolak bila ada aturan syarat yang",
                "memeriksa `category` (bagian SYARAT).",
                "This list of categories alone rejects no entry: an entry in a category not",
                "listed here is rejected only by an eligibility rule that checks `category`",
                "(under ELIGIBILITY).",
            )
        lines = [
            "categories:",
            f"  - id: {first.id}   # ganti nama / rename",
            f"    name: {_flow(first.name or Label(first.id))}",
            f"  - id: {new}   # tambah / add",
            f"    name: {_flow(Label('Kategori baru', 'New category'))}",
        ]
    else:
        used = _condition_values(parent, "category")
        pairs = [(v, Label(v)) for v in used] or list(_EXAMPLE_CATEGORIES)
        out += _comment(
            "Induk tidak menentukan kategori. Daftarkan kategori lomba Anda di sini.",
            "The parent sets no categories. List the categories of your competition here.",
        )
        lines = ["categories:"] + [f"  - {{id: {cid}, name: {_flow(lab)}}}" for cid, lab in pairs]
    return out + _block("kategori / categories", lines)


def _kinds(parent: Ruleset) -> list[str]:
    out = _section("PESERTA", "WHO MAY ENTER")
    ids = [k.id for k in parent.participant_kinds]
    options = _NEW_KINDS.get(parent.level, _NEW_KINDS["regency"])
    new_id = _free_id([o[0] for o in options], ids)
    label = next((lab for oid, lab in options if oid == new_id), Label(new_id))
    rule = next((e for e in parent.eligibility if _simple_in(e.when, "participant.kind")), None)
    if ids:
        out += _comment(
            f"Jenis peserta induk: {', '.join(ids)}.",
            f"The parent's kinds of participant: {', '.join(ids)}.",
            "Untuk menerima jenis baru, tambahkan di sini dan di daftar aturan"
            + (f" `{rule.id}`" if rule else " jenis peserta") + " (bagian SYARAT).",
            "To admit a new kind, add it here and to the list of the rule"
            + (f" `{rule.id}`" if rule else " on kinds") + " (under ELIGIBILITY).",
        )
        lines = ["participant_kinds:", f"  - id: {new_id}", f"    name: {_flow(label)}"]
    else:
        used = _condition_values(parent, "participant.kind")
        pairs = [(v, Label(v)) for v in used] or [(new_id, label)]
        out += _comment(
            "Induk tidak menentukan jenis peserta. Daftarkan di sini.",
            "The parent sets no kinds of participant. List them here.",
        )
        lines = ["participant_kinds:"] + [f"  - {{id: {k}, name: {_flow(lab)}}}" for k, lab in pairs]
    return out + _block("jenis peserta / kinds of participant", lines)


def _narrowed(cond: m.Compare) -> Any:
    values = list(cond.value) if isinstance(cond.value, tuple) else [cond.value]
    return values[:-1] if len(values) > 1 else values


def _region_names(path: str, region: str, new_id: str, name: Label) -> tuple[str, str]:
    """The region as a sentence names it, in Indonesian and in English: ``Kabupaten
    Boyolali`` / ``Boyolali Regency``, ``Kota Surakarta`` / ``Surakarta City``,
    ``Provinsi Jawa Tengah`` / ``Jawa Tengah Province``; just the name when the id and
    the title do not say whether it is a regency or a city."""
    shown = region.replace("-", " ").title()
    if path == "participant.province":
        return f"Provinsi {shown}", f"{shown} Province"
    words = set(re.split(r"[\s\-_./]+", f"{new_id} {name.id} {name.en or ''}".lower()))
    city, regency = bool(words & {"kota", "city"}), bool(words & {"kabupaten", "kab", "regency"})
    if city and not regency:
        return f"Kota {shown}", f"{shown} City"
    if regency and not city:
        return f"Kabupaten {shown}", f"{shown} Regency"
    return shown, shown


def _eligibility(parent: Ruleset, new_id: str, name: Label) -> list[str]:
    out = _section("SYARAT (seleksi administrasi)", "ELIGIBILITY (administrative selection)")
    rules = [e.id for e in parent.eligibility]
    lines = ["eligibility:"]
    touched: set[str] = set()
    notes: list[str] = []
    for path, what_id, what_en, what_en_one in (
        ("participant.kind", "jenis peserta", "kinds of participant", "kind of participant"),
        ("category", "kategori", "categories", "category"),
    ):
        rule = next((e for e in parent.eligibility if _simple_in(e.when, path)), None)
        if rule is None:
            continue
        cond = _simple_in(rule.when, path)
        assert cond is not None
        kept = _narrowed(cond)
        touched.add(rule.id)
        notes.append(f"`{rule.id}`: {what_id} yang boleh ikut / the {what_en} that may enter")
        # the parent's message may name what the shortened list no longer holds
        # ("eleven categories", "... or BUMD"): the example says only what it keeps
        listed = ", ".join(str(v) for v in kept)
        lines += [
            f"  - id: {rule.id}   # `when` diganti seluruhnya / `when` is replaced whole",
            f"    when: {{field: {path}, in: {_flow(kept)}}}",
            "    message:   # sesuaikan dengan daftar Anda / match it to your list",
            f"      id: {_quoted(f'{what_id.capitalize()} harus salah satu dari: {listed}')}",
            f"      en: {_quoted(f'The {what_en_one} must be one of: {listed}')}",
        ]
    level = parent.level
    if level != "national":
        path = "participant.regency" if level in ("regency", "city") else "participant.province"
        region = guess_region(new_id, parent.id)
        named_id, named_en = _region_names(path, region, new_id, name)
        # a parent that already checks the region (e.g. Sukoharjo's home-regency) has
        # that rule changed, not doubled by a second one that no entrant could meet
        inherited = next(
            (r.id for r in parent.eligibility if _simple_in(r.when, path) is not None), None
        )
        rid = inherited or _free_id(["dalam-wilayah", "wilayah-daerah"], rules)
        if inherited:
            touched.add(inherited)
        where_en = "regency or city" if path == "participant.regency" else "province"
        if inherited:
            notes.append(f"`{rid}`: aturan induk untuk wilayah, diganti ke wilayah Anda / the parent's area rule, changed to your {where_en}")
        else:
            notes.append(f"`{rid}`: aturan baru, peserta dari wilayah Anda / a new rule, entrants from your {where_en}")
        lines += [
            f"  - id: {rid}   # " + ("ganti wilayah / change the area" if inherited else "aturan baru / a new rule"),
            f"    name: {_flow(Label('Wilayah', 'Area'))}",
            f"    when: {{field: {path}, equals: {_scalar(region)}}}",
            "    message:",
            f"      id: {_quoted(f'Peserta harus dari {named_id}')}",
            f"      en: {_quoted(f'The entrant must be from {named_en}')}",
        ]
    named = {r for s in parent.stages for r in (s.rules or ())}
    removable = [e.id for e in parent.eligibility if e.id not in touched and e.id not in named]
    out += _comment(
        f"Aturan induk (semua diwarisi): {', '.join(rules) or '-'}.",
        f"The parent's rules (all inherited): {', '.join(rules) or '-'}.",
        "Mengubah aturan: tulis id-nya dan kunci yang berubah (`when`, `where`, `message` ...",
        "diganti seluruhnya). Aturan baru: id baru, `when` dan pesan dua bahasa.",
        "To change a rule write its id and the keys that change (`when`, `where`, `message`",
        "... are replaced whole). A new rule: a new id, `when` and a bilingual message.",
    )
    if removable:
        out += _comment(
            "Menghapus aturan warisan / removing an inherited rule:",
            f"  - {{id: {removable[-1]}, remove: true}}",
        )
    if notes:
        out += _comment("Contoh berikut / the example below:", *[f"  {n}" for n in notes])
    if len(lines) == 1:
        return out
    return out + _block("syarat / eligibility", lines)


def _rubrics(parent: Ruleset) -> list[str]:
    for rubric in parent.rubrics:
        crits = [c for c in rubric.criteria if isinstance(c.weight, Decimal) and not c.subcriteria]
        if len(crits) < 2:
            continue
        heavy = max(crits, key=lambda c: c.weight)
        light = min((c for c in crits if c is not heavy), key=lambda c: c.weight)
        assert isinstance(heavy.weight, Decimal)
        assert isinstance(light.weight, Decimal)
        step = Decimal(5) if heavy.weight >= 10 else Decimal(1)
        if heavy.weight - step < 0:
            continue
        out = _section("BOBOT PENILAIAN", "RUBRIC WEIGHTS")
        weights = ", ".join(f"{c.id} {c.weight}" for c in rubric.criteria)
        out += _comment(
            f"Rubrik `{rubric.id}`: {weights}; jumlahnya harus tetap {rubric.total_weight}.",
            f"Rubric `{rubric.id}`: {weights}; they must still add up to {rubric.total_weight}.",
            f"Contoh: {step} poin dari `{heavy.id}` ke `{light.id}`. / Example: {step} points from `{heavy.id}` to `{light.id}`.",
        )
        lines = [
            "rubrics:",
            f"  - id: {rubric.id}",
            "    criteria:",
            f"      - {{id: {heavy.id}, weight: {heavy.weight - step}}}",
            f"      - {{id: {light.id}, weight: {light.weight + step}}}",
        ]
        return out + _block("bobot / weights", lines)
    return []


def _params_in(value: Any) -> list[str]:
    if isinstance(value, m.Param):
        return [value.name]
    if isinstance(value, Mapping):
        return [p for v in value.values() for p in _params_in(v)]
    if isinstance(value, (list, tuple)):
        return [p for v in value for p in _params_in(v)]
    if attrs.has(type(value)):
        return [p for a in attrs.fields(type(value)) for p in _params_in(getattr(value, a.name))]
    return []


def _stages(parent: Ruleset, plain: Mapping[str, Any]) -> list[str]:
    scored = [s for s in parent.stages if s.kind in _SCORED]
    if not scored:
        return []
    by_id = {s["id"]: s for s in plain.get("stages", [])}
    out = _section("FINALIS DAN TAMBAHAN NILAI", "FINALISTS AND BONUSES")
    notes = []
    for s in scored:
        if s.advance is not None:
            uses = sorted(set(_params_in(s.advance)))
            tail = f" (parameter: {', '.join(uses)})" if uses else ""
            notes.append(f"`{s.id}`: siapa yang lolos / who goes on = advance{tail}")
        for a in s.adjustments:
            uses = sorted(set(_params_in(a.add)))
            tail = f" (parameter: {', '.join(uses)})" if uses else f" ({a.add} poin / points)"
            notes.append(f"`{s.id}`: tambahan nilai / bonus `{a.id}`{tail}")
    out += _comment(
        "Tahap berpenilaian induk / the parent's scored stages: " + ", ".join(s.id for s in scored) + ".",
        *[f"  {n}" for n in notes],
        "Jika angkanya parameter, cukup ubah parameternya di atas. `advance` diganti seluruhnya.",
        "When a number is a parameter, just change the parameter above. `advance` is replaced whole.",
    )
    first = scored[0]
    taken = [a.id for s in parent.stages for a in s.adjustments]
    bonus = _free_id(["bonus-penghargaan", "bonus-daerah"], taken)
    lines = ["stages:"]
    for s in scored:
        advance = by_id.get(s.id, {}).get("advance")
        if s is not first and advance is None:
            continue
        lines.append(f"  - id: {s.id}")
        if advance is not None:
            lines.append(f"    advance: {_flow(advance)}   # jumlah yang lolos / how many go on")
        if s is first:
            lines += [
                "    adjustments:",
                f"      - id: {bonus}   # tambahan nilai baru / a new bonus",
                "        when: {count: innovation.previous_awards, at_least: 1}",
                "        add: 2",
                "        message:",
                f"          id: {_quoted('Tambahan nilai: inovasi pernah meraih penghargaan')}",
                f"          en: {_quoted('Extra points: the innovation has won an award before')}",
            ]
    return out + _block("finalis dan tambahan nilai / finalists and bonuses", lines)


def _waves(parent: Ruleset) -> list[str]:
    if not parent.waves:
        return []
    out = _section("GELOMBANG PENDAFTARAN", "REGISTRATION WAVES")
    out += _comment(
        "Tanggal tiap gelombang induk; ubah untuk edisi Anda.",
        "The dates of each of the parent's waves; change them for your edition.",
    )
    lines = ["waves:"]
    for w in parent.waves:
        lines.append(f"  - id: {w.id}")
        if w.opens:
            lines.append(f"    opens: {w.opens.isoformat()}")
        if w.closes:
            lines.append(f"    closes: {w.closes.isoformat()}")
        if not w.opens and not w.closes:
            lines.append(f"    regions: {_flow(list(w.regions))}")
    return out + _block("gelombang / waves", lines)


def _awards(parent: Ruleset, plain: Mapping[str, Any], name: Label) -> list[str]:
    out = _section("PENGHARGAAN", "AWARDS")
    by_id = {a["id"]: a for a in plain.get("awards", [])}
    if parent.awards:
        notes = []
        for a in parent.awards:
            uses = sorted(set(_params_in(a.rank))) if a.rank else []
            what = f"rank: {_flow(by_id[a.id]['rank'])}" if a.rank else "semua yang lolos / everyone who passed"
            notes.append(f"`{a.id}` ({a.stage}): {what}" + (f" (parameter: {', '.join(uses)})" if uses else ""))
        out += _comment(
            "Penghargaan induk / the parent's awards:",
            *[f"  {n}" for n in notes],
            "Jumlah pemenang ada di `rank` (diganti seluruhnya) atau di parameternya.",
            "The number of winners is in `rank` (replaced whole) or in its parameter.",
        )
        lines = ["awards:"]
        for i, a in enumerate(parent.awards):
            if i and a.rank is None:
                continue
            lines.append(f"  - id: {a.id}")
            if i == 0:
                lines.append(f"    name: {_flow(a.name or Label(a.id))}   # GANTI nama / CHANGE the name")
            if a.rank is not None:
                lines.append(f"    rank: {_flow(by_id[a.id]['rank'])}   # jumlah pemenang / number of winners")
        return out + _block("penghargaan / awards", lines)
    scored = [s for s in parent.stages if s.kind in _SCORED]
    if not scored:
        return []
    out += _comment("Induk tidak memberi penghargaan. / The parent gives no award.")
    lines = [
        "awards:",
        "  - id: top-inovasi",
        f"    name: {_flow(Label('Top Inovasi ' + name.id, 'Top Innovation ' + (name.en or name.id)))}",
        f"    stage: {scored[-1].id}",
        "    rank: {top: 3}",
    ]
    return out + _block("penghargaan / awards", lines)


def scaffold(
    parent: Ruleset,
    new_id: str,
    *,
    name: Label | None = None,
    year: int | None = None,
    file_name: str | None = None,
    parameter_notes: Mapping[str, list[str]] | None = None,
) -> str:
    """The text of a new ruleset ``new_id`` that extends ``parent`` (loaded, with its
    own parents resolved).

    :param name: the title (default: from the id, ``kipp-klaten-2024`` -> ``KIPP
        Klaten 2024``).
    :param year: the year (default: a year in the id, else the parent's).
    :param file_name: the file's name, for the commands shown in its header.
    :param parameter_notes: comments to write beside each parameter (see
        :func:`parameter_comments`).
    """
    name = name or Label(guess_name(new_id))
    if year is None:
        year = guess_year(new_id) or parent.year
    file_name = file_name or f"{new_id}.yaml"
    plain = unstructure(parent)
    lines = _header(parent, new_id, name, file_name)
    lines += _identity(parent, new_id, name, year)
    lines += _parameters(parent, parameter_notes or {})
    lines += _categories(parent)
    lines += _kinds(parent)
    lines += _eligibility(parent, new_id, name)
    lines += _rubrics(parent)
    lines += _stages(parent, plain)
    lines += _waves(parent)
    lines += _awards(parent, plain, name)
    return "\n".join(lines).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- test cases


def _rejecting_value(cond: m.Compare) -> Any:
    values = cond.value if isinstance(cond.value, tuple) else (cond.value,)
    if all(isinstance(v, bool) for v in values):
        return not values[0] if len(values) == 1 else None
    if all(isinstance(v, str) for v in values):
        return _free_id(["lainnya", "bukan-peserta"], values)
    return None


def starter_defaults(ruleset: Ruleset) -> dict[str, Any]:
    """Values every starter case gives: a placeholder for each field that a rule only
    requires to be there (``{field: sdgs, exists: true}``), which the case runner does
    not invent."""
    out: dict[str, Any] = {}
    for rule in ruleset.eligibility:
        c = rule.when
        if (
            rule.where is None and isinstance(c, m.Compare) and isinstance(c.subject, m.Field)
            and c.op == "exists" and c.value is True
        ):
            out[c.subject.path] = "contoh"
    return out


def starter_cases(ruleset: Ruleset) -> list[dict[str, Any]]:
    """Candidate test cases for ``ruleset``: an entry with default values is eligible,
    and for each rule of the form ``{field: x, in: [...]}`` (or ``equals``), an entry
    with a value outside the list is rejected by it. Run them and keep those that
    pass (:func:`new_ruleset` does)."""
    cases: list[dict[str, Any]] = [
        {
            "name": "nilai bawaan diterima / an entry with default values is admitted",
            "submissions": [{"id": "contoh", "expect": {"eligible": True}}],
        }
    ]
    for rule in ruleset.eligibility:
        cond = rule.when
        if rule.where is not None or not (
            isinstance(cond, m.Compare) and isinstance(cond.subject, m.Field)
            and cond.op in ("in", "equals")
            and not isinstance(cond.value, (m.Param, m.Field, m.Lookup))
        ):
            continue
        value = _rejecting_value(cond)
        if value is None:
            continue
        label = rule.name or Label(rule.id)
        cases.append(
            {
                "name": f"{label.id}: ditolak / {label.en or label.id}: rejected",
                "submissions": [
                    {
                        "id": f"tolak-{rule.id}",
                        cond.subject.path: value,
                        "expect": {"eligible": False, "rejected_by": [rule.id]},
                    }
                ],
            }
        )
    return cases


def _cases_text(
    ruleset_file: str, new_id: str, cases: Sequence[Mapping[str, Any]], defaults: Mapping[str, Any]
) -> str:
    lines = [
        *_comment(
            f"Kasus uji untuk {new_id}. / Test cases of {new_id}.",
            "",
            "Setiap kasus memberi beberapa pengajuan dan hasil yang diharapkan. Field yang",
            "tidak ditulis diisi nilai yang lolos semua syarat. Jalankan:",
            "Each case gives a few submissions and the outcome expected. Fields not written",
            "get values that pass every rule. Run:",
            f"  inovasi-rules test {Path(ruleset_file).with_suffix('').name}.test.yaml",
            "",
            "Contoh kasus dengan nilai juri / a case with judges' scores:",
            "  - name: \"nilai 90 lolos / a score of 90 goes on\"",
            "    submissions:",
            "      - {id: a, scores: {<tahap/stage>: 90}, expect: {advances: [<tahap/stage>]}}",
        ),
        f"ruleset: {_scalar(ruleset_file)}",
    ]
    if defaults:
        lines += ["defaults:   # nilai untuk setiap pengajuan / values every submission gets"]
        lines += [f"  {_scalar(k)}: {_flow(v)}   # GANTI / CHANGE" for k, v in defaults.items()]
    lines += ["", "cases:" if cases else "cases: []"]
    for case in cases:
        lines.append(f"  - name: {_quoted(case['name'])}")
        lines.append("    submissions:")
        for sub in case["submissions"]:
            lines.append("      - " + _flow(sub))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- command


def _check_id(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not _ID.match(value):
        raise click.BadParameter(
            f"{value!r}: use lower-case letters, digits, '-', '_' or '.', starting with a "
            "letter or digit / huruf kecil, angka, '-', '_' atau '.' saja, diawali huruf/angka"
        )
    return value


@click.command("new")
@click.option("--extends", "parent_ref", required=True, metavar="ID",
              help="The parent ruleset: an id (`inovasi-rules list`) or a file. / Ruleset induk.")
@click.option("--id", "new_id", required=True, callback=_check_id, metavar="NEW",
              help="The id of the new ruleset, e.g. kipp-klaten-2024. / Id ruleset baru.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The file to write (default: ./NEW.yaml). / Berkas yang ditulis.")
@click.option("--name", "name_id", default=None,
              help="The title in Bahasa Indonesia (default: from the id). / Judul.")
@click.option("--name-en", default=None,
              help="The title in English (default: the Indonesian one). / Judul bahasa Inggris.")
@click.option("--year", type=int, default=None,
              help="The year (default: a year in the id, else the parent's). / Tahun.")
@click.option("--tests/--no-tests", default=True, show_default=True,
              help="Also write NEW.test.yaml beside it, with starter test cases that pass. "
                   "/ Tulis juga kasus uji awal.")
@click.option("--force", is_flag=True, help="Overwrite existing files. / Timpa berkas yang ada.")
@RULESET_DIRS
def new_ruleset(
    parent_ref: str,
    new_id: str,
    out: Path | None,
    name_id: str | None,
    name_en: str | None,
    year: int | None,
    tests: bool,
    force: bool,
    ruleset_dirs: tuple[Path, ...],
) -> None:
    """Start a ruleset that extends a parent, with the parts a region usually changes
    laid out and explained; and NEW.test.yaml with test cases that pass.
    / Buat ruleset baru yang menurunkan ruleset induk, lengkap dengan penjelasan
    bagian yang biasa diubah daerah, dan kasus uji awalnya.

    \b
    Example / contoh:
      inovasi-rules new --extends kipp-regional --id kipp-klaten-2024 \\
          --name "KIPP Kabupaten Klaten 2024" --name-en "Klaten Regency KIPP 2024"
    """
    from ..errors import RulesetError
    from ..ruleset.loading import check_ruleset, load_ruleset
    from .output import check_writable

    out = out or Path(f"{new_id}.yaml")
    test_path = out.with_name(out.name.rsplit(".", 1)[0] + ".test.yaml")
    targets = [out, test_path] if tests else [out]
    for target in targets:
        check_writable(target)
    existing = [p for p in targets if p.exists()]
    if existing and not force:
        raise click.ClickException(
            f"{', '.join(map(str, existing))}: already exists; use --force to overwrite "
            "/ sudah ada; pakai --force untuk menimpa"
        )
    registry = ruleset_registry(ruleset_dirs)
    try:
        parent = load_ruleset(parent_ref, registry=registry)
    except RulesetError as exc:
        echo_problems(exc.problems)
        raise click.ClickException(
            f"the parent {parent_ref!r} cannot be loaded / induk {parent_ref!r} tidak dapat dimuat"
        ) from None
    if new_id == parent.id:
        raise click.BadParameter(
            "the new id must differ from the parent's / id baru harus berbeda dari id induk",
            param_hint="--id",
        )
    if new_id in registry:
        echo(
            f"warning: the id {new_id!r} is already used by {registry.path_of(new_id)} "
            f"/ peringatan: id {new_id!r} sudah dipakai ruleset lain",
            err=True,
        )
    # `extends` names the parent by id; a parent given as a file outside the registry
    # is found when its folder is searched too
    dirs = list(ruleset_dirs)
    outside = ""
    if parent.id not in registry:
        folder = Path(parent.origin or parent_ref).resolve().parent
        if folder != out.resolve().parent:
            dirs.append(folder)
            outside = f" --rulesets {folder}"
    if parent.id in registry:
        notes = parameter_comments(_chain(registry, parent.id))
    else:
        notes = parameter_comments([Path(parent.origin or parent_ref)])
    name = Label(name_id or guess_name(new_id), name_en or name_id or None)
    text = scaffold(parent, new_id, name=name, year=year, file_name=out.name, parameter_notes=notes)
    write_text(out, text)
    check_registry = ruleset_registry(tuple(dirs))
    check = check_ruleset(out, registry=check_registry)
    if check.errors:  # pragma: no cover - a scaffold that is not valid is a bug
        echo_problems(check.problems)
        raise click.ClickException(f"{out}: not valid / tidak sah")
    echo(f"{out}: ruleset {new_id} (extends {parent.id}) written, valid / ditulis, sah")
    regional = regional_rules(parent)
    if regional:
        ids = ", ".join(regional)
        rules, checks, them = (
            ("rule", "checks", "it") if len(regional) == 1 else ("rules", "check", "them")
        )
        echo(
            f"note: the inherited eligibility {rules} {ids} still {checks} the parent's region; "
            f"until you change {them} (the example under ELIGIBILITY in the file), entrants "
            f"from your region are rejected / catatan: aturan syarat warisan {ids} masih "
            "memeriksa wilayah induk; selama belum diubah (contoh di bagian SYARAT dalam "
            "berkas), peserta dari wilayah Anda ditolak"
        )
    if outside:
        echo(
            f"the parent is in another folder: add{outside} to every command "
            f"/ induk ada di folder lain: tambahkan{outside} pada setiap perintah"
        )
    if not tests:
        return
    _write_cases(check.ruleset, out, test_path, new_id, check_registry)


def _write_cases(ruleset: Ruleset | None, out: Path, test_path: Path, new_id: str, registry: Registry) -> None:
    try:
        from ..cases import load_case_file, run_case_file
    except ImportError:  # pragma: no cover - the test-case module is part of the package
        return
    assert ruleset is not None
    candidates = starter_cases(ruleset)
    defaults = starter_defaults(ruleset)
    write_text(test_path, _cases_text(out.name, new_id, candidates, defaults))
    results = run_case_file(load_case_file(test_path, registry=registry))
    kept = [c for c, r in zip(candidates, results, strict=True) if r.passed]
    write_text(test_path, _cases_text(out.name, new_id, kept, defaults))
    echo(
        f"{test_path}: {len(kept)} test cases / kasus uji "
        f"(inovasi-rules test {test_path})"
    )
