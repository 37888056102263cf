"""The second pass: what a schema cannot say (references between parts, dates, weights, contradictions)."""


from __future__ import annotations

import typing
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from ...errors import Problem
from ...yamlpos import Node, PathKey
from ..model import COMPARE_OPS
from ..parameters import ParameterType, bound_value, check_parameter, infer_parameter_types
from .schema import _did_you_mean, _problem, _show

__all__ = ["check_semantics"]


def _as_date(value: Any) -> date | None:
    """A date written plainly (read as a date) or in quotes (read as text)."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


_SUBJECTS = ("field", "years_since", "months_since", "days_since", "count", "call")
_OPS = COMPARE_OPS
_SCORED = ("assessment", "presentation")


class _Checker:
    def __init__(self, data: dict[str, Any], root: Node) -> None:
        self.d = data
        self.root = root
        self.problems: list[Problem] = []
        self.params: Mapping[str, Any] = data.get("parameters") or {}
        self.used_params: set[str] = set()

    def err(
        self,
        path: list[PathKey],
        msg: str,
        hint: str | None = None,
        rule: str = "semantic",
        level: str = "error",
        key: bool = False,
    ) -> None:
        self.problems.append(
            _problem(self.root, path, msg, hint=hint, rule=rule, level=level, key=key)
        )

    def warn(
        self, path: list[PathKey], msg: str, hint: str | None = None, rule: str = "semantic"
    ) -> None:
        self.err(path, msg, hint, rule, level="warning")

    def ids(self, items: Any, path: list[PathKey]) -> list[str]:
        seen: dict[str, int] = {}
        for i, item in enumerate(items or []):
            ident = item.get("id")
            if ident in seen:
                self.err(
                    [*path, i, "id"],
                    f"duplicate id {ident!r}, also used by item {seen[ident] + 1} "
                    f"/ id {ident!r} dipakai dua kali",
                    hint="every item of a list needs an id of its own / setiap butir daftar perlu id sendiri",
                    rule="duplicate-id",
                )
            else:
                seen[ident] = i
        return list(seen)

    def ref(
        self, path: list[PathKey], value: Any, known: list[str], what: str, what_id: str
    ) -> bool:
        if value in known:
            return True
        hint = _did_you_mean(str(value), known) or (
            f"known / yang ada: {', '.join(dict.fromkeys(known))}"
            if known
            else f"this ruleset defines no {what} / belum ada {what_id}"
        )
        self.err(
            path,
            f"unknown {what} {value!r} / {what_id} {value!r} tidak ada",
            hint=hint,
            rule="dangling-reference",
        )
        return False

    # ---- numbers and parameters

    def number(self, value: Any) -> Decimal | None:
        """The numeric value of a number or a {param} (None if not numeric)."""
        if isinstance(value, dict) and "param" in value:
            value = self.params.get(value["param"])
        if isinstance(value, bool):
            return None
        if isinstance(value, (int, Decimal)):
            return Decimal(value)
        return None

    def walk_params(self, node: Any, path: list[PathKey]) -> None:
        if isinstance(node, dict):
            if set(node) == {"param"} and isinstance(node["param"], str):
                name = node["param"]
                self.used_params.add(name)
                if name not in self.params:
                    self.ref([*path, "param"], name, list(self.params), "parameter", "parameter")
                return
            if "lookup" in node and isinstance(node.get("lookup"), str):
                name = node["lookup"]
                self.used_params.add(name)
                if self.ref(
                    [*path, "lookup"], name, list(self.params), "parameter", "parameter"
                ) and (not isinstance(self.params[name], dict)):
                    self.err(
                        [*path, "lookup"],
                        f"parameter {name!r} is not a mapping, it cannot be looked up "
                        f"/ parameter {name!r} bukan pemetaan",
                        hint="a lookup table is written `name: {key: value, ...}` under parameters "
                        "/ tabel rujukan ditulis `nama: {kunci: nilai, ...}` di bawah parameters",
                        rule="dangling-reference",
                    )
            for k, v in node.items():
                self.walk_params(v, [*path, k])
        elif isinstance(node, list):
            for i, v in enumerate(node):
                self.walk_params(v, [*path, i])

    # ---- conditions

    def condition(self, c: Any, path: list[PathKey]) -> None:
        if not isinstance(c, dict):
            return
        combos = [k for k in ("all", "any", "not") if k in c]
        subjects = [k for k in _SUBJECTS if k in c]
        ops = [k for k in _OPS if k in c]
        if combos:
            if len(c) != 1:
                self.err(
                    path,
                    f"`{combos[0]}` must stand alone in its condition "
                    f"/ `{combos[0]}` harus berdiri sendiri",
                    hint=f"move the other keys into a condition inside `{combos[0]}` "
                    f"/ pindahkan kunci lainnya ke dalam syarat di `{combos[0]}`",
                    rule="condition",
                )
            for k in combos:
                if k == "not":
                    self.condition(c[k], [*path, k])
                else:
                    for i, sub in enumerate(c[k]):
                        self.condition(sub, [*path, k, i])
            return
        if len(subjects) != 1:
            self.err(
                path,
                "a condition needs exactly one of field, years_since, months_since, "
                "days_since, count, call (or all/any/not) / kondisi butuh tepat satu subjek",
                hint="for example / misalnya: `{field: innovation.status, in: [rintisan, berjalan]}`",
                rule="condition",
            )
            return
        subject = subjects[0]
        if len(ops) > 1:
            self.err(
                path,
                f"a condition has one comparison, this one has {len(ops)}: {', '.join(ops)} "
                "/ satu kondisi hanya satu pembanding",
                hint="combine several comparisons with `all: [...]` / gabungkan beberapa "
                "perbandingan dengan `all: [...]`",
                rule="condition",
            )
        if not ops and subject != "call":
            self.err(
                path,
                f"the condition on {subject} has no comparison / kondisi belum punya pembanding",
                hint="add one of: " + ", ".join(_OPS) + " / tambahkan salah satu: " + ", ".join(_OPS),
                rule="condition",
            )
        if "as_of" in c and not subject.endswith("_since"):
            self.err(
                [*path, "as_of"],
                "`as_of` goes with years_since, months_since or days_since "
                "/ `as_of` hanya untuk years_since, months_since atau days_since",
                hint="to compare a date field with a date, write / untuk membandingkan field "
                "tanggal dengan tanggal, tulis "
                "`{field: registered, at_most: {param: registration_closes}}`",
                rule="condition",
                key=True,
            )
        if "args" in c and subject != "call":
            self.err(
                [*path, "args"],
                "`args` goes with `call` / `args` hanya untuk `call`",
                hint="remove `args`, or use `call: <function name>` / hapus `args`, atau pakai "
                "`call: <nama fungsi>`",
                rule="condition",
                key=True,
            )
        if subject.endswith("_since") and ops:
            for op in ops:
                if op in ("in", "not_in", "contains", "between"):
                    continue
                if op != "exists" and self.number(c[op]) is None:
                    self.err(
                        [*path, op],
                        f"{subject} compares a number of {subject.split('_')[0]}; "
                        f"{_show(c[op])} is not a number / {_show(c[op])} bukan angka",
                        hint=f"for example / misalnya: `{subject}: innovation.started, at_least: 2`",
                        rule="condition",
                    )
        if "between" in c:
            lo, hi = (self.number(v) for v in c["between"])
            if lo is not None and hi is not None and lo > hi:
                self.err(
                    [*path, "between"],
                    f"between [{lo}, {hi}]: the first must not be larger / batas bawah lebih besar",
                    rule="condition",
                )
        if c.get("in") == []:
            self.warn(
                [*path, "in"],
                "`in: []` lists no value, so this condition is never true "
                "/ daftar `in` kosong, kondisi ini tidak pernah terpenuhi",
                hint="list the values that meet the condition, e.g. `in: [rintisan, berjalan]` / tulis "
                "nilai yang memenuhi syarat, misalnya `in: [rintisan, berjalan]`",
                rule="condition",
            )
        if subject == "field":
            self.check_values(c, path)

    _VOCAB: typing.ClassVar[dict[str, tuple[str, str, str]]] = {
        "category": ("categories", "category", "kategori"),
        "participant.kind": ("participant_kinds", "participant kind", "jenis peserta"),
        "group": ("groups", "group", "kelompok"),
        "wave": ("waves", "wave", "gelombang"),
    }

    def check_values(self, c: dict[str, Any], path: list[PathKey]) -> None:
        field = c["field"]
        if field not in self._VOCAB:
            return
        section, what, what_id = self._VOCAB[field]
        known = [x.get("id") for x in self.d.get(section) or []]
        if not known:
            return
        for op in ("equals", "not_equals", "in", "not_in"):
            if op not in c:
                continue
            values = c[op] if isinstance(c[op], list) else [c[op]]
            for i, v in enumerate(values):
                if isinstance(v, str):
                    p = [*path, op, i] if isinstance(c[op], list) else [*path, op]
                    self.ref(p, v, known, what, what_id)

    def simple(self, c: Any) -> tuple[str, str, Any] | None:
        if not isinstance(c, dict):
            return None
        subj = [k for k in _SUBJECTS if k in c and k != "call"]
        ops = [k for k in _OPS if k in c]
        if len(subj) != 1 or len(ops) != 1 or subj[0] == "count":
            return None
        key = f"{subj[0]}:{c[subj[0]]}:{c.get('as_of')}"
        return key, ops[0], c[ops[0]]

    # ---- sections

    def run(self) -> list[Problem]:
        d = self.d
        for key, value in d.items():
            # parameter values are data (a lookup table may have a key `param`), not
            # references: only the rest of the ruleset is searched for {param: ...}
            if key != "parameters":
                self.walk_params(value, [key])
        kinds = self.ids(d.get("participant_kinds"), ["participant_kinds"])
        del kinds
        self.ids(d.get("categories"), ["categories"])
        self.ids(d.get("groups"), ["groups"])
        self.waves()
        rules = self.eligibility()
        rubrics = self.rubrics()
        stages = self.stages(rubrics, rules)
        self.awards(stages)
        self.parameter_types()
        for name in self.params:
            if name not in self.used_params:
                self.warn(
                    ["parameters", name],
                    f"parameter {name!r} is never used / parameter tidak dipakai",
                    hint="remove it, or refer to it with `{param: " + name + "}` / hapus, atau "
                    "rujuk dengan `{param: " + name + "}`",
                    rule="unused-parameter",
                )
        return self.problems

    def parameter_types(self) -> None:
        """Each parameter's value fits its declared type and its uses (see
        :mod:`inovasi_rules.ruleset.parameters`); each declaration names a parameter and has
        bounds of its own type."""
        declared = self.d.get("parameter_types") or {}
        for name, spec in declared.items():
            p: list[PathKey] = ["parameter_types", name]
            if name not in self.params:
                self.ref(p, name, list(self.params), "parameter", "parameter")
                continue
            kind = spec.get("type")
            bounds = {k: spec[k] for k in ("min", "max") if k in spec}
            if bounds and kind not in ("integer", "decimal", "date", "date-time"):
                self.err(
                    [*p, next(iter(bounds))],
                    f"a parameter of type {kind} has no min or max / parameter jenis {kind} "
                    "tidak punya batas",
                    hint="min and max bound numbers and dates / min dan max untuk angka dan tanggal",
                    rule="parameter-type",
                )
                continue
            checked = {}
            for key, bound in bounds.items():
                value, found = check_parameter(f"{name}.{key}", bound, (ParameterType(kind),))
                for message, hint in found:
                    self.err([*p, key], message, hint=hint, rule="parameter-type")
                if not found:
                    checked[key] = value
            if len(checked) == 2 and bound_value(kind, checked["min"]) > bound_value(kind, checked["max"]):
                self.err(
                    [*p, "max"],
                    "max is below min / max lebih kecil dari min",
                    hint="swap the two / tukar keduanya",
                    rule="parameter-type",
                )
        for name, types in infer_parameter_types(self.d).items():
            # a lookup of something not a mapping is reported where it is looked up
            types = tuple(
                t for t in types if not (t.type == "mapping" and t.source.endswith(".lookup"))
            )
            _, found = check_parameter(name, self.params[name], types)
            for message, hint in found:
                self.err(["parameters", name], message, hint=hint, rule="parameter-type")

    def waves(self) -> None:
        waves = self.d.get("waves") or []
        self.ids(waves, ["waves"])
        region_of: dict[str, str] = {}
        for i, w in enumerate(waves):
            opens, closes = _as_date(w.get("opens")), _as_date(w.get("closes"))
            if opens is not None and closes is not None and closes < opens:
                self.err(
                    ["waves", i, "closes"],
                    f"wave {w['id']!r} closes ({closes}) before it opens ({opens}) "
                    "/ tanggal tutup sebelum tanggal buka",
                    hint="swap the two dates, or correct the year or month / tukar kedua tanggal, "
                    "atau perbaiki tahun atau bulannya",
                    rule="dates",
                )
            for j, r in enumerate(w.get("regions") or []):
                if r in region_of and region_of[r] != w["id"]:
                    self.err(
                        ["waves", i, "regions", j],
                        f"region {r!r} is already in wave {region_of[r]!r} "
                        "/ wilayah sudah ada di gelombang lain",
                        hint="a region belongs to one wave; remove it from one of them / satu daerah "
                        "hanya masuk satu gelombang; hapus dari salah satunya",
                        rule="dates",
                    )
                region_of.setdefault(r, w["id"])

    def eligibility(self) -> list[str]:
        items = self.d.get("eligibility") or []
        ids = self.ids(items, ["eligibility"])
        for i, r in enumerate(items):
            p: list[PathKey] = ["eligibility", i]
            has_when, has_cap = "when" in r, "cap" in r
            if has_when == has_cap:
                self.err(
                    p,
                    f"eligibility rule {r.get('id')!r} needs exactly one of `when` or `cap` "
                    "/ syarat butuh tepat satu dari `when` atau `cap`",
                    hint="`when` is a condition each entry must meet; "
                    "`cap` limits entries per group / `when` adalah syarat yang harus dipenuhi "
                    "setiap pengajuan; `cap` membatasi jumlah pengajuan per kelompok",
                    rule="missing-key",
                )
            if "message" not in r:
                self.err(
                    p,
                    f"eligibility rule {r.get('id')!r} has no `message` / syarat belum punya pesan",
                    hint="add `message: {id: ..., en: ...}`: what a rejected participant reads "
                    "/ tambahkan `message: {id: ..., en: ...}`: yang dibaca peserta yang ditolak",
                    rule="missing-key",
                )
            elif isinstance(r["message"], str) or "en" not in r["message"]:
                self.warn(
                    [*p, "message"],
                    "message has no English text / pesan belum ada bahasa Inggrisnya",
                    hint="write `message: {id: ..., en: ...}` / tulis `message: {id: ..., en: ...}`",
                    rule="untranslated",
                )
            for key in ("when", "where"):
                if key in r:
                    self.condition(r[key], [*p, key])
            if has_cap and "where" in r["cap"]:
                self.condition(r["cap"]["where"], [*p, "cap", "where"])
        self.contradictions(items)
        return ids

    def contradictions(self, items: list[dict[str, Any]]) -> None:
        simple: list[tuple[int, str, str, Any]] = []
        for i, r in enumerate(items):
            if "where" in r or "when" not in r:
                continue
            conds = (
                r["when"]["all"]
                if isinstance(r["when"], dict) and "all" in r["when"]
                else [r["when"]]
            )
            for c in conds:
                s = self.simple(c)
                if s:
                    simple.append((i, *s))
        for a in range(len(simple)):
            for b in range(a + 1, len(simple)):
                ia, ka, oa, va = simple[a]
                ib, kb, ob, vb = simple[b]
                if ka != kb or ia == ib:
                    continue
                if self.disjoint(oa, va, ob, vb):
                    self.warn(
                        ["eligibility", ib, "when"],
                        f"rules {items[ia]['id']!r} and {items[ib]['id']!r} contradict each other: "
                        "no entry can meet both / dua syarat saling bertentangan",
                        hint="check the values; as written every entry is rejected / periksa nilainya; "
                        "seperti tertulis, setiap pengajuan ditolak",
                        rule="contradiction",
                    )

    def disjoint(self, oa: str, va: Any, ob: str, vb: Any) -> bool:
        def as_set(op: str, v: Any) -> set[Any] | None:
            if op == "equals" and not isinstance(v, (dict, list)):
                return {v}
            if (
                op == "in"
                and isinstance(v, list)
                and all(not isinstance(x, (dict, list)) for x in v)
            ):
                return set(v)
            return None

        sa, sb = as_set(oa, va), as_set(ob, vb)
        if sa is not None and sb is not None:
            return not (sa & sb)
        lo = {"at_least": False, "greater_than": True}
        hi = {"at_most": False, "less_than": True}
        for (o1, v1), (o2, v2) in (((oa, va), (ob, vb)), ((ob, vb), (oa, va))):
            if o1 in lo and o2 in hi:
                n1, n2 = self.number(v1), self.number(v2)
                if n1 is not None and n2 is not None:
                    return n1 > n2 or (n1 == n2 and (lo[o1] or hi[o2]))
        return False

    def rubrics(self) -> dict[str, dict[str, Any]]:
        items = self.d.get("rubrics") or []
        self.ids(items, ["rubrics"])
        out: dict[str, dict[str, Any]] = {}
        for i, r in enumerate(items):
            p: list[PathKey] = ["rubrics", i]
            out[r["id"]] = r
            scale = r.get("scale") or {}
            lo, hi = Decimal(scale.get("min", 0)), Decimal(scale.get("max", 100))
            if lo >= hi:
                self.err(
                    [*p, "scale"],
                    f"scale min {lo} must be below max {hi} / skala tidak sah",
                    rule="semantic",
                )
            total = r.get("total", "weighted_mean")
            if isinstance(total, dict):
                self.scale(total.get("scale") or {}, [*p, "total", "scale"])
            own = self.criterion_scales(r.get("criteria") or [], [*p, "criteria"])
            if total == "weighted_mean" and any((sc.get("min", 0), sc.get("max", 100)) != (
                scale.get("min", 0), scale.get("max", 100)) for _, sc in own
            ):
                self.err(
                    own[0][0],
                    "criteria on different scales cannot be averaged as they are "
                    "/ kriteria dengan skala berbeda tidak dapat dirata-rata begitu saja",
                    hint="declare the total's scale (`total: {scale: {min: 0, max: 100}}`) "
                    "or `total: weighted_sum` / nyatakan skala total atau `total: weighted_sum`",
                    rule="semantic",
                )
            criteria = r.get("criteria") or []
            if not criteria:
                self.err(
                    p,
                    f"rubric {r['id']!r} has no criteria / rubrik belum punya kriteria",
                    hint="add `criteria: [{id: ..., weight: ...}, ...]` / tambahkan "
                    "`criteria: [{id: ..., weight: ...}, ...]`",
                    rule="missing-key",
                )
                continue
            self.criteria(
                criteria, [*p, "criteria"], Decimal(r.get("total_weight", 100)), None, set()
            )
        return out

    def total_max(self, rubric: dict[str, Any]) -> Decimal:
        """The highest total a judge can give on ``rubric`` (a bound for a weighted sum)."""
        top = Decimal((rubric.get("scale") or {}).get("max", 100))
        total = rubric.get("total", "weighted_mean")
        if isinstance(total, dict):
            return Decimal((total.get("scale") or {}).get("max", 100))
        if total == "weighted_sum":
            own = self.criterion_scales(rubric.get("criteria") or [], [], check=False)
            highest = max([top, *(Decimal(sc.get("max", 100)) for _, sc in own)])
            return highest * Decimal(rubric.get("total_weight", 100))
        return top

    def scale(self, scale: dict[str, Any], path: list[PathKey]) -> None:
        lo, hi = Decimal(scale.get("min", 0)), Decimal(scale.get("max", 100))
        if lo >= hi:
            self.err(path, f"scale min {lo} must be below max {hi} / skala tidak sah", rule="semantic")

    def criterion_scales(
        self, items: list[dict[str, Any]], path: list[PathKey], check: bool = True
    ) -> list[tuple[list[PathKey], dict[str, Any]]]:
        """The criteria that declare a scale of their own (checked), with their paths."""
        out: list[tuple[list[PathKey], dict[str, Any]]] = []
        for i, c in enumerate(items):
            if "scale" in c:
                out.append(([*path, i, "scale"], c["scale"] or {}))
                if check:
                    self.scale(c["scale"] or {}, [*path, i, "scale"])
            out.extend(self.criterion_scales(c.get("subcriteria") or [], [*path, i, "subcriteria"], check))
        return out

    def criteria(
        self,
        items: list[dict[str, Any]],
        path: list[PathKey],
        total: Decimal,
        parent: str | None,
        leaf_ids: set[str],
    ) -> None:
        self.ids(items, path)
        s = Decimal(0)
        complete = True
        for i, c in enumerate(items):
            if "weight" not in c:
                self.err(
                    [*path, i],
                    f"criterion {c['id']!r} has no weight / kriteria belum punya bobot",
                    hint="add `weight: <number>` / tambahkan `weight: <angka>`",
                    rule="missing-key",
                )
                complete = False
                continue
            w = self.number(c["weight"])
            if w is None:
                complete = False
                continue
            if w < 0:
                self.err(
                    [*path, i, "weight"],
                    f"criterion {c['id']!r} has a negative weight {w}: its scores would lower "
                    "the total, which then leaves the scale / bobot tidak boleh negatif",
                    hint="give it a weight of 0 or more; to take points off, use a stage's "
                    "`adjustments` with a negative `add` / beri bobot 0 atau lebih; untuk "
                    "mengurangi nilai, pakai `adjustments` tahap dengan `add` negatif",
                    rule="negative-weight",
                )
            elif w == 0:
                self.warn(
                    [*path, i, "weight"],
                    f"criterion {c['id']!r} has weight 0 and never counts "
                    "/ bobot 0 tidak berpengaruh",
                    hint="give it a weight, or remove the criterion / beri bobot, atau hapus kriterianya",
                    rule="zero-weight",
                )
            s += w
            subs = c.get("subcriteria")
            if subs:
                self.criteria(subs, [*path, i, "subcriteria"], w, c["id"], leaf_ids)
        if complete and s != total and total > 0:  # a total of 0 or less: a schema error
            if parent:
                where = f"the weight of criterion {parent!r}"
                hint = (
                    f"change the sub-criteria weights so they add up to {total}, "
                    f"or the weight of {parent!r} / ubah bobot subkriteria agar berjumlah "
                    f"{total}, atau ubah bobot {parent!r}"
                )
            else:
                where = "the rubric's total_weight"
                hint = (
                    f"change the weights so they add up to {total}, or set `total_weight: {s}` "
                    f"/ ubah bobot agar berjumlah {total}, atau tulis `total_weight: {s}`"
                )
            self.err(
                path,
                f"weights add up to {s}, not {total} ({where}) "
                f"/ jumlah bobot {s}, seharusnya {total}",
                hint=hint,
                rule="weights",
            )

    def leaves(self, rubric: dict[str, Any]) -> list[str]:
        out: list[str] = []

        def walk(items: list[dict[str, Any]]) -> None:
            for c in items:
                out.append(c["id"])
                walk(c.get("subcriteria") or [])

        walk(rubric.get("criteria") or [])
        return out

    def confirm(self, s: dict[str, Any], p: list[PathKey], before: list[dict[str, Any]]) -> None:
        """``confirm: {top, freed}`` of a verification stage: at least one seat, and with
        ``fill`` a ranking longer than the seats to fill from (a warning otherwise)."""
        top = s["confirm"].get("top")
        if isinstance(top, int) and top < 1:
            self.err(
                [*p, "top"],
                f"`confirm.top` is {top}; the field visits need at least 1 seat "
                "/ kursi verifikasi paling sedikit 1",
                hint="for example / misalnya: `confirm: {top: 45, freed: fill}`",
                rule="selection",
            )
            return
        scored = [x for x in before if x.get("kind") in _SCORED]
        if not scored or s["confirm"].get("freed") != "fill" or not isinstance(top, int):
            return
        last = scored[-1]
        adv = last.get("advance")
        if not isinstance(adv, dict) or adv.get("per") or adv.get("ties") == "include_all":
            return
        passes = adv.get("top")
        if isinstance(passes, int) and passes <= top:
            self.err(
                [*p, "freed"],
                f"`freed: fill` can never fill a seat: stage {last['id']!r} passes at most "
                f"{passes} entries to the {top} seats / tidak ada peringkat berikutnya "
                "untuk mengisi kursi",
                hint=f"let stage {last['id']!r} pass more than {top} (or every entry scored), "
                "so the visits choose the top tier from its ranking / biarkan tahap "
                f"{last['id']!r} meloloskan lebih dari {top} (atau semua yang dinilai), agar "
                "kunjungan memilih peringkat teratas dari urutannya",
                rule="selection",
                level="warning",
            )

    def tie_break(
        self, s: dict[str, Any], p: list[PathKey], tb: dict[str, Any],
        rubrics: dict[str, dict[str, Any]], seen: dict[str, dict[str, Any]],
    ) -> None:
        """One tie-break link of stage ``s``: a criterion (of this stage's rubric, or with
        ``stage`` of an earlier stage's), a stage's score (an earlier one, or this one's
        own aggregate when it is combined or adjusted), or a field."""
        own = s["id"]
        keys = [k for k in ("criterion", "stage", "field") if k in tb]
        if keys not in (["criterion"], ["stage"], ["field"], ["criterion", "stage"]):
            self.err(
                p,
                "a tie-break link names one criterion, stage or field (or a criterion "
                "and its stage) / satu penentu seri menyebut satu kriteria, tahap atau "
                "field (atau kriteria beserta tahapnya)",
                hint="for example / misalnya: `tie_break: [{stage: presentasi}, {criterion: kebaruan, "
                "stage: proposal}, {field: registered, order: asc}]`",
                rule="condition",
            )
            return
        if "stage" in tb:
            ref = tb["stage"]
            if ref != own and ref not in seen:
                self.err(
                    [*p, "stage"],
                    f"tie-break stage {ref!r} is not this stage or an earlier one "
                    "/ bukan tahap ini atau tahap sebelumnya",
                    rule="stage-order",
                    hint=_did_you_mean(ref, [*seen, own])
                    or "a tie-break can use the score of this stage or an earlier one "
                    "/ penentu seri memakai nilai tahap ini atau tahap sebelumnya",
                )
                return
            if ref != own and seen[ref].get("kind") not in _SCORED:
                self.err(
                    [*p, "stage"],
                    f"stage {ref!r} has no score to break ties with "
                    f"/ tahap {ref!r} tidak punya nilai untuk penentu seri",
                    hint="only assessment and presentation stages have scores / hanya tahap penilaian "
                    "dan presentasi yang punya nilai",
                    rule="stage-order",
                )
                return
            if ref == own and "criterion" not in tb and not (s.get("combine") or s.get("adjustments")):
                self.err(
                    [*p, "stage"],
                    f"stage {own!r} is ranked by its own score, so that score cannot break "
                    f"its ties / tahap {own!r} diperingkat dengan nilainya sendiri, jadi "
                    "nilai itu tidak dapat memisahkan nilai sama",
                    hint="its own score breaks ties only when the stage has `combine` or "
                    "`adjustments`; name a criterion, an earlier stage or a field "
                    "/ nilai sendiri hanya berguna bila tahap punya `combine` atau `adjustments`",
                    rule="stage-order",
                )
                return
        if "criterion" in tb:
            where = s if tb.get("stage", own) == own else seen[tb["stage"]]
            rubric = rubrics.get(where.get("rubric", ""))
            if rubric is not None:
                self.ref(
                    [*p, "criterion"], tb["criterion"], self.leaves(rubric), "criterion", "kriteria"
                )

    def stages(
        self, rubrics: dict[str, dict[str, Any]], rules: list[str]
    ) -> dict[str, dict[str, Any]]:
        items = self.d.get("stages") or []
        self.ids(items, ["stages"])
        seen: dict[str, dict[str, Any]] = {}
        scored_seen = False
        for i, s in enumerate(items):
            p: list[PathKey] = ["stages", i]
            kind = s.get("kind")
            if kind is None:
                self.err(
                    p,
                    f"stage {s['id']!r} has no kind / tahap belum punya jenis",
                    hint="add `kind: screening`, `assessment`, `presentation` or `verification` "
                    "/ tambahkan `kind: screening`, `assessment`, `presentation` atau `verification`",
                    rule="missing-key",
                )
            plugin_scored = s.get("scoring") == "plugin"
            if kind in _SCORED and "rubric" not in s and not plugin_scored:
                self.err(
                    p,
                    f"stage {s['id']!r} is scored but names no rubric "
                    "/ tahap penilaian tanpa rubrik",
                    hint="add `rubric: <rubric id>` / tambahkan `rubric: <id rubrik>`",
                    rule="missing-key",
                )
            if "rubric" in s and kind not in ("screening", "verification"):
                # also when the kind is missing or misspelt: that is reported on its own
                self.ref([*p, "rubric"], s["rubric"], list(rubrics), "rubric", "rubrik")
            if kind in ("screening", "verification"):
                kind_id = "seleksi administrasi" if kind == "screening" else "verifikasi"
                for key in ("rubric", "judges", "combine", "adjustments", "advance", "tie_break"):
                    if key in s:
                        self.err(
                            [*p, key],
                            f"a {kind} stage takes no `{key}` "
                            f"/ tahap {kind_id} tidak memakai `{key}`",
                            hint="scores belong to assessment and presentation stages / nilai hanya ada di "
                            "tahap penilaian dan presentasi",
                            rule="stage-order",
                            key=True,
                        )
            if kind == "screening" and scored_seen:
                self.err(
                    [*p, "kind"],
                    f"screening stage {s['id']!r} comes after a scored stage "
                    "/ seleksi administrasi harus sebelum penilaian",
                    hint="move it before the assessment stages / pindahkan ke sebelum tahap penilaian",
                    rule="stage-order",
                )
            judging = s.get("judges")
            at = (self.d.get("rounding") or {}).get("at") if isinstance(self.d.get("rounding"), dict) else None
            unrounded = at == "final" or (
                isinstance(at, list) and not {"judge_total", "aggregate"} <= set(at))
            if isinstance(judging, dict) and judging.get("aggregate") == "normalised_mean" and unrounded:
                self.err(
                    [*p, "judges", "aggregate"],
                    "`normalised_mean` works on rounded judges' totals and aggregates, but "
                    "`rounding.at` leaves them unrounded / `normalised_mean` memerlukan total "
                    "dan nilai juri yang dibulatkan",
                    hint="a standard deviation has no exact value: add `judge_total` and "
                    "`aggregate` to `rounding.at`, or choose another aggregate / simpangan baku "
                    "tidak punya nilai pasti: tambahkan `judge_total` dan `aggregate` ke "
                    "`rounding.at`, atau pilih cara agregasi lain",
                    rule="semantic",
                )
            if "confirm" in s and kind != "verification":
                self.err(
                    [*p, "confirm"],
                    f"`confirm` belongs to a verification stage; {s['id']!r} is {kind} "
                    "/ `confirm` hanya untuk tahap verifikasi lapangan",
                    hint="a scored stage chooses with `advance`; move `confirm` to the "
                    "verification stage after it / tahap bernilai memilih dengan `advance`; "
                    "pindahkan `confirm` ke tahap verifikasi sesudahnya",
                    rule="stage-order",
                    key=True,
                )
            elif isinstance(s.get("confirm"), dict):
                self.confirm(s, [*p, "confirm"], items[:i])
            if kind == "verification" and not scored_seen:
                self.err(
                    [*p, "kind"],
                    f"verification stage {s['id']!r} comes before any scored stage "
                    "/ verifikasi lapangan harus setelah penilaian",
                    hint="move it after the assessment or presentation stages / pindahkan ke "
                    "sesudah tahap penilaian atau presentasi",
                    rule="stage-order",
                )
            period = s.get("objection_period")
            if isinstance(period, dict) and period.get("displaced") == "extra_seats" and kind not in _SCORED:
                # extra seats are granted through the selection of a ranked stage
                self.err(
                    [*p, "objection_period", "displaced"],
                    f"`displaced: extra_seats` needs a scored stage; {s['id']!r} is {kind} "
                    "/ kursi tambahan hanya untuk tahap penilaian",
                    hint="use `displaced: rerank`, or declare the period on the assessment stage "
                    "/ pakai `displaced: rerank`, atau nyatakan periodenya di tahap penilaian",
                    rule="stage-order",
                )
            for j, r in enumerate(s.get("rules") or []):
                self.ref([*p, "rules", j], r, rules, "eligibility rule", "syarat")
            if "combine" in s:
                total = Decimal(0)
                for k, w in s["combine"].items():
                    total += Decimal(w)
                    if k != s["id"] and k not in seen:
                        later = any(x.get("id") == k for x in items)
                        self.err(
                            [*p, "combine", k],
                            f"`combine` names {k!r}, "
                            f"which is {'a later' if later else 'not a'} stage "
                            "/ tahap tidak ada atau belum terjadi",
                            hint=_did_you_mean(k, [*seen, s["id"]])
                            or "`combine` carries scores from this stage and earlier ones "
                            "/ `combine` hanya memakai nilai tahap ini dan sebelumnya",
                            rule="stage-order",
                            key=True,
                        )
                    elif k != s["id"] and seen[k].get("kind") not in _SCORED:
                        self.err(
                            [*p, "combine", k],
                            f"stage {k!r} has no score to combine "
                            f"/ tahap {k!r} tidak punya nilai untuk digabung",
                            hint="only assessment and presentation stages have scores / hanya tahap penilaian "
                    "dan presentasi yang punya nilai",
                            rule="stage-order",
                            key=True,
                        )
                if total not in (1, 100):
                    self.err(
                        [*p, "combine"],
                        f"combine weights add up to {total}, not 1 (or 100) "
                        "/ jumlah bobot gabungan harus 1 atau 100",
                        hint="for example / misalnya: `combine: {proposal: 0.4, presentasi: 0.6}`",
                        rule="weights",
                    )
            rubric = rubrics.get(s.get("rubric", ""))
            for j, tb in enumerate(s.get("tie_break") or []):
                self.tie_break(s, [*p, "tie_break", j], tb, rubrics, seen)
            for j, a in enumerate(s.get("adjustments") or []):
                if "add" not in a:
                    self.err(
                        [*p, "adjustments", j],
                        f"adjustment {a['id']!r} has no `add` / penyesuaian tanpa nilai",
                        hint="add `add: <points>` (negative for a penalty) / tambahkan `add: <poin>` "
                        "(negatif untuk pengurangan)",
                        rule="missing-key",
                    )
                if "when" in a:
                    self.condition(a["when"], [*p, "adjustments", j, "when"])
            self.ids(s.get("adjustments"), [*p, "adjustments"])
            if "advance" in s:
                self.selection(s["advance"], [*p, "advance"], rubric)
            judges = s.get("judges") or {}
            if judges.get("aggregate") == "trimmed_mean":
                trim, mn = judges.get("trim", 1), judges.get("min", 1)
                if mn <= 2 * trim:
                    self.warn(
                        [*p, "judges"],
                        f"trimmed_mean drops {trim} highest and {trim} lowest, but only "
                        f"{mn} judge(s) are required: with so few, the plain mean is used "
                        f"/ dengan juri sesedikit ini dipakai rata-rata biasa",
                        hint=f"set `min: {2 * trim + 1}` or more / tulis `min: {2 * trim + 1}` atau lebih",
                        rule="semantic",
                    )
            if kind in _SCORED:
                scored_seen = True
            seen[s["id"]] = s
        return seen

    def selection(
        self, sel: dict[str, Any], path: list[PathKey], rubric: dict[str, Any] | None
    ) -> None:
        if "seats" in sel and "per" not in sel:
            self.err(
                [*path, "seats"],
                "`seats` needs `per` (the field that makes the groups) / `seats` butuh `per`",
                rule="missing-key",
                key=True,
            )
        if "apportion" in sel and "top" not in sel:
            self.err(
                [*path, "apportion"],
                "`apportion` shares out `top` seats; add `top` "
                "/ `apportion` membagi kursi `top`, tambahkan `top`",
                hint="for example / misalnya: `advance: {top: 99, apportion: {by: participant.kind}}`",
                rule="missing-key",
                key=True,
            )
        if "apportion" in sel and ("per" in sel or "seats" in sel):
            self.err(
                [*path, "apportion"],
                "use either `apportion` or `per`/`seats`, not both "
                "/ pilih `apportion` atau `per`/`seats`, tidak keduanya",
                hint="`apportion` shares seats in proportion to entries; `seats` fixes them "
                "per group / `apportion` membagi kursi sebanding jumlah pengajuan; `seats` "
                "menetapkannya per kelompok",
                rule="semantic",
                key=True,
            )
        if not any(k in sel for k in ("top", "threshold", "seats")):
            self.err(
                path,
                "say who advances: `top`, `threshold` or `seats` / tentukan siapa yang lolos",
                rule="missing-key",
            )
        if "top" in sel and self.number(sel["top"]) == 0:
            self.warn(
                [*path, "top"],
                "`top: 0` gives no seat: no entry advances from this stage "
                "/ `top: 0` tidak memberi kursi, tidak ada yang lolos",
                hint="give the number of entries that advance, e.g. `top: 10` / tulis jumlah pengajuan "
                "yang lolos, misalnya `top: 10`",
                rule="no-seats",
            )
        if "threshold" in sel and rubric is not None:
            t = self.number(sel["threshold"])
            hi = self.total_max(rubric)
            if t is not None and t > hi:
                self.warn(
                    [*path, "threshold"],
                    f"threshold {t} is above the scale's maximum {hi}: nobody can pass "
                    f"/ nilai minimal di atas nilai maksimal skala, tidak ada yang lolos",
                    hint=f"lower the threshold to at most {hi} / turunkan ambang menjadi paling tinggi {hi}",
                    rule="unreachable-award",
                )
        per = sel.get("per")
        if per and per in self._VOCAB and "seats" in sel:
            section, what, what_id = self._VOCAB[per]
            known = [x.get("id") for x in self.d.get(section) or []]
            if known:
                for k in sel["seats"]:
                    self.ref([*path, "seats", k], k, known, what, what_id)

    def capacity(self, stages: dict[str, dict[str, Any]], stage_id: str) -> Decimal | None:
        """How many entries can pass a stage at most (None: unlimited)."""
        cap: Decimal | None = None
        for sid, s in stages.items():
            adv = s.get("advance") or {}
            if "top" in adv and "per" not in adv and "threshold" not in adv:
                n = self.number(adv["top"])
                if n is not None and adv.get("ties") != "include_all":
                    cap = n if cap is None else min(cap, n)
            if sid == stage_id:
                break
        return cap

    def awards(self, stages: dict[str, dict[str, Any]]) -> None:
        items = self.d.get("awards") or []
        self.ids(items, ["awards"])
        for i, a in enumerate(items):
            p: list[PathKey] = ["awards", i]
            if "where" in a:
                self.condition(a["where"], [*p, "where"])
            if "stage" not in a:
                self.err(
                    p,
                    f"award {a['id']!r} names no stage / penghargaan tanpa tahap",
                    hint="add `stage: <stage id>`: entries that passed it are considered / tambahkan "
                    "`stage: <id tahap>`: pengajuan yang lolos tahap itu yang dipertimbangkan",
                    rule="missing-key",
                )
                continue
            if not self.ref([*p, "stage"], a["stage"], list(stages), "stage", "tahap"):
                continue
            s = stages[a["stage"]]
            rubric_id = s.get("rubric")
            rubric = None
            for r in self.d.get("rubrics") or []:
                if r.get("id") == rubric_id:
                    rubric = r
            if "rank" in a:
                if s.get("kind") not in _SCORED and not self.scored_before(stages, a["stage"]):
                    self.err(
                        [*p, "rank"],
                        f"award {a['id']!r} ranks entries at {a['stage']!r}, which has no score "
                        f"/ tahap {a['stage']!r} tidak punya nilai untuk peringkat",
                        hint="point the award at an assessment or presentation stage, "
                        "or leave out `rank` / arahkan penghargaan ke tahap penilaian atau "
                        "presentasi, atau hapus `rank`",
                        rule="stage-order",
                        key=True,
                    )
                self.selection(a["rank"], [*p, "rank"], rubric)
                top = self.number(a["rank"].get("top")) if "per" not in a["rank"] else None
                cap = self.capacity(stages, a["stage"])
                if top is not None and cap is not None and top > cap:
                    self.warn(
                        [*p, "rank", "top"],
                        f"award {a['id']!r} is for the top {top}, but at most {cap} "
                        f"entries pass stage {a['stage']!r} / tidak dapat tercapai",
                        hint=f"award at most the top {cap}, or let more entries advance / beri penghargaan "
                        f"paling banyak {cap} teratas, atau loloskan lebih banyak pengajuan",
                        rule="unreachable-award",
                    )

    def scored_before(self, stages: dict[str, dict[str, Any]], stage_id: str) -> bool:
        for sid, s in stages.items():
            if s.get("kind") in _SCORED:
                return True
            if sid == stage_id:
                return False
        return False


def check_semantics(plain: dict[str, Any], root: Node) -> list[Problem]:
    """The checks a schema cannot express (see the module docstring)."""
    return _Checker(plain, root).run()

