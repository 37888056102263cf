"""Conversion between plain ruleset data (as read from YAML) and model objects.

:func:`structure` builds a :class:`~inovasi_rules.ruleset.model.Ruleset` from a plain tree
that passed the JSON Schema; :func:`unstructure` turns one back into a plain tree that
:func:`dump_ruleset` writes as YAML. The two are inverse: ``structure(unstructure(r))
== r`` for every valid ruleset (a property test checks it).

The bulk of the work is done by a :mod:`cattrs` converter; the hand-written hooks
below cover the parts of the format that are not one-to-one with the classes: labels
written as a plain string, ``{param: name}`` wherever a number is allowed, the
condition language, ``combine`` written as a mapping and tie-break links written as
``{criterion: id}``.
"""

from __future__ import annotations

import datetime
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs
import cattrs
import yaml
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ..yamlpos import plain_value
from . import model as m
from .parameters import declared_types

__all__ = ["condition_from_data", "condition_to_data", "dump_ruleset", "structure", "unstructure"]

_SUBJECT_KEYS = ("field", "years_since", "months_since", "days_since", "count", "call")


def _number(value: Any) -> Any:
    if isinstance(value, Mapping) and "param" in value:
        return m.Param(str(value["param"]))
    if isinstance(value, bool):
        raise TypeError("a number is expected, not true/false")
    if isinstance(value, float):
        return Decimal(str(value))
    return Decimal(value)


def _count(value: Any) -> Any:
    if isinstance(value, Mapping) and "param" in value:
        return m.Param(str(value["param"]))
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("a whole number is expected")
    return value


def _value_from_data(value: Any) -> Any:
    """A condition operand: literal, ``{param}``, ``{field}`` or ``{lookup}``."""
    if isinstance(value, Mapping):
        if "param" in value:
            return m.Param(str(value["param"]))
        if "field" in value:
            return m.Field(str(value["field"]))
        if "lookup" in value:
            default = value.get("default")
            return m.Lookup(
                str(value["lookup"]),
                str(value["key"]),
                _value_from_data(default) if default is not None else None,
            )
    if isinstance(value, list):
        return tuple(_value_from_data(v) for v in value)
    if isinstance(value, float):
        return Decimal(str(value))
    return value


def _value_to_data(value: Any) -> Any:
    if isinstance(value, m.Param):
        return {"param": value.name}
    if isinstance(value, m.Field):
        return {"field": value.path}
    if isinstance(value, m.Lookup):
        out: dict[str, Any] = {"lookup": value.table, "key": value.key}
        if value.default is not None:
            out["default"] = _value_to_data(value.default)
        return out
    if isinstance(value, tuple):
        return [_value_to_data(v) for v in value]
    return value


def condition_from_data(data: Any) -> m.Condition:
    """Build a condition from its YAML form (assumed schema-valid)."""
    if "all" in data:
        return m.AllOf(tuple(condition_from_data(c) for c in data["all"]))
    if "any" in data:
        return m.AnyOf(tuple(condition_from_data(c) for c in data["any"]))
    if "not" in data:
        return m.Not(condition_from_data(data["not"]))
    subject: m.Subject
    if "field" in data:
        subject = m.Field(str(data["field"]))
    elif "count" in data:
        cnt = data["count"]
        if isinstance(cnt, Mapping):
            subject = m.Count(str(cnt["field"]), _value_from_data(cnt.get("equals")))
        else:
            subject = m.Count(str(cnt))
    elif "call" in data:
        subject = m.Call(str(data["call"]), dict(data.get("args") or {}))
    else:
        for unit in ("years", "months", "days"):
            key = f"{unit}_since"
            if key in data:
                as_of = data.get("as_of")
                subject = m.Since(
                    str(data[key]),
                    unit,
                    _value_from_data(as_of) if as_of is not None else None,
                )
                break
        else:
            raise ValueError(f"a condition needs one of {', '.join(_SUBJECT_KEYS)}, all, any, not")
    ops = [op for op in m.COMPARE_OPS if op in data]
    if not ops:
        return m.Compare(subject, None)
    op = ops[0]
    return m.Compare(subject, op, _value_from_data(data[op]))


def condition_to_data(cond: m.Condition) -> dict[str, Any]:
    """The YAML form of a condition."""
    if isinstance(cond, m.AllOf):
        return {"all": [condition_to_data(c) for c in cond.conditions]}
    if isinstance(cond, m.AnyOf):
        return {"any": [condition_to_data(c) for c in cond.conditions]}
    if isinstance(cond, m.Not):
        return {"not": condition_to_data(cond.condition)}
    out: dict[str, Any] = {}
    s = cond.subject
    if isinstance(s, m.Field):
        out["field"] = s.path
    elif isinstance(s, m.Count):
        if s.equals is None:
            out["count"] = s.path
        else:
            out["count"] = {"field": s.path, "equals": _value_to_data(s.equals)}
    elif isinstance(s, m.Call):
        out["call"] = s.name
        if s.args:
            out["args"] = dict(s.args)
    else:
        out[f"{s.unit}_since"] = s.path
        if s.as_of is not None:
            out["as_of"] = _value_to_data(s.as_of)
    if cond.op is not None:
        out[cond.op] = _value_to_data(cond.value)
    return out


def _label(value: Any) -> m.Label:
    if isinstance(value, str):
        return m.Label(value)
    return m.Label(str(value["id"]), value.get("en"))


def _label_out(label: m.Label) -> Any:
    if label.en is None:
        return label.id
    return {"id": label.id, "en": label.en}


def _tie_break(value: Any) -> m.TieBreak:
    if "criterion" in value:  # `{criterion: x, stage: s}`: criterion x of stage s
        stage = value.get("stage")
        return m.TieBreak("criterion", str(value["criterion"]), value.get("order", "desc"),
                          None if stage is None else str(stage))
    for by in ("stage", "field"):
        if by in value:
            return m.TieBreak(by, str(value[by]), value.get("order", "desc"))
    raise ValueError("a tie-break link needs criterion, stage or field")


def _tie_break_out(tb: m.TieBreak) -> dict[str, Any]:
    out: dict[str, Any] = {tb.by: tb.ref}
    if tb.stage is not None:
        out["stage"] = tb.stage
    if tb.order != "desc":
        out["order"] = tb.order
    return out


def _make_converter() -> cattrs.Converter:
    c = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    c.register_structure_hook(Decimal, lambda v, _: _number(v))
    c.register_unstructure_hook(Decimal, lambda v: v)
    c.register_structure_hook(
        datetime.date,
        lambda v, _: v if isinstance(v, datetime.date) else datetime.date.fromisoformat(v),
    )
    c.register_unstructure_hook(datetime.date, lambda v: v)
    c.register_structure_hook(m.Label, lambda v, _: _label(v))
    c.register_unstructure_hook(m.Label, _label_out)
    for union in (m.Number, typing.Optional[m.Number]):  # noqa: UP045 - runtime types
        c.register_structure_hook(union, lambda v, _: None if v is None else _number(v))
    for union in (m.Count_, typing.Optional[m.Count_]):  # noqa: UP045
        c.register_structure_hook(union, lambda v, _: None if v is None else _count(v))
    c.register_unstructure_hook(m.Param, lambda p: {"param": p.name})
    for cond_t in (m.Condition, typing.Optional[m.Condition]):  # noqa: UP045
        c.register_structure_hook(
            cond_t, lambda v, _: None if v is None else condition_from_data(v)
        )
    for cls in (m.Compare, m.AllOf, m.AnyOf, m.Not):
        c.register_unstructure_hook(cls, condition_to_data)
    # `plugins: [name]` or `plugins: [{name, package}]`; written back in the same form
    c.register_structure_hook(
        m.PluginRequirement,
        lambda v, _: m.PluginRequirement(v)
        if isinstance(v, str)
        else m.PluginRequirement(str(v["name"]), v.get("package")),
    )
    c.register_unstructure_hook(
        m.PluginRequirement,
        lambda p: p.name if p.package is None else {"name": p.name, "package": p.package},
    )
    # `total: weighted_sum` or `total: {scale: {min: 0, max: 100}}`
    c.register_structure_hook(
        m.Total,
        lambda v, _: m.Total(typing.cast(typing.Any, v)) if isinstance(v, str)
        else m.Total("scaled", m.Scale(**(v.get("scale") or {}))),
    )
    c.register_unstructure_hook(
        m.Total,
        lambda t: t.method if t.scale is None else {"scale": {"min": t.scale.min, "max": t.scale.max}},
    )
    # `at: final` (only the final score is rounded) or a list of steps
    c.register_structure_hook(
        m.Rounding,
        lambda v, _: m.Rounding(
            v.get("places", 2), v.get("mode", "half_up"), v.get("at", m.ROUNDING_STEPS)
        ),
    )
    c.register_unstructure_hook(
        m.Rounding,
        lambda r: {
            **({"places": r.places} if r.places != 2 else {}),
            **({"mode": r.mode} if r.mode != "half_up" else {}),
            **({"at": list(r.at) if r.at else "final"} if r.at != m.ROUNDING_STEPS else {}),
        },
    )
    c.register_structure_hook(m.TieBreak, lambda v, _: _tie_break(v))
    c.register_unstructure_hook(m.TieBreak, _tie_break_out)
    combine_t = tuple[m.Combine, ...]
    c.register_structure_hook_func(
        lambda t: t == combine_t,
        lambda v, _: tuple(m.Combine(str(k), _number(w)) for k, w in (v or {}).items()),
    )
    c.register_unstructure_hook_func(
        lambda t: t == combine_t, lambda v: {x.stage: x.weight for x in v}
    )
    c.register_structure_hook(typing.Any, lambda v, _: v)
    # `cap.per` is one field path or a list of them; the model always holds a tuple
    # (a bare string must not become a tuple of its characters).
    c.register_structure_hook(
        m.Cap,
        make_dict_structure_fn(
            m.Cap,
            c,
            per=override(struct_hook=lambda v, _: (v,) if isinstance(v, str) else tuple(v)),
        ),
    )
    c.register_unstructure_hook(
        m.Cap,
        make_dict_unstructure_fn(
            m.Cap,
            c,
            _cattrs_omit_if_default=True,
            per=override(unstruct_hook=lambda v: v[0] if len(v) == 1 else list(v)),
        ),
    )
    return c


for _cls in list(vars(m).values()):
    if isinstance(_cls, type) and attrs.has(_cls):
        attrs.resolve_types(_cls, globalns=vars(m))

_converter = _make_converter()


def _params_in(value: Any) -> Any:
    """Parameters are stored as read, with floats made exact."""
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, list):
        return tuple(_params_in(v) for v in value)
    if isinstance(value, Mapping):
        return {str(k): _params_in(v) for k, v in value.items()}
    return value


def _params_out(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_params_out(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _params_out(v) for k, v in value.items()}
    return value


def structure(data: Mapping[str, Any]) -> m.Ruleset:
    """Build a :class:`~inovasi_rules.ruleset.model.Ruleset` from schema-valid plain data.

    Inheritance directives (``replace``, ``remove``) must already be resolved.
    :raises cattrs.BaseValidationError: when the data does not fit the model.
    """
    data = dict(data)
    params = _params_in(data.pop("parameters", None) or {})
    declared = declared_types({"parameter_types": data.pop("parameter_types", None)})
    ruleset = _converter.structure(data, m.Ruleset)
    return attrs.evolve(ruleset, parameters=params, parameter_types=declared)


def unstructure(ruleset: m.Ruleset) -> dict[str, Any]:
    """The plain data of a ruleset (defaults omitted), ready to dump as YAML.

    A ruleset object is always complete (inheritance already applied), so its
    ``extends`` is left out: written back, the data stands alone and loading it does
    not apply the parent a second time (which would bring back removed or replaced
    items).
    """
    out: dict[str, Any] = _converter.unstructure(ruleset)
    out.pop("parameters", None)
    out.pop("parameter_types", None)
    out.pop("origin", None)
    out.pop("schema_version", None)
    out.pop("id", None)
    out.pop("extends", None)
    head = {"schema_version": ruleset.schema_version, "id": ruleset.id}
    if ruleset.parameters:
        out["parameters"] = _params_out(dict(ruleset.parameters))
    if ruleset.parameter_types:
        out["parameter_types"] = {
            name: {
                "type": t.type,
                **({"min": t.min} if t.min is not None else {}),
                **({"max": t.max} if t.max is not None else {}),
            }
            for name, t in ruleset.parameter_types.items()
        }
    return {**head, **out}


class _Dumper(yaml.SafeDumper):
    pass


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    text = format(value, "f")
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    # PyYAML quotes what *it* would read as a non-string (YAML 1.1); the loader reads
    # YAML 1.2 with exact numbers, so e.g. `1e5` must be quoted too to stay text.
    try:
        as_plain = plain_value(value)
    except ValueError:  # shaped like a date but not one
        as_plain = None
    style = None if as_plain == value and isinstance(as_plain, str) else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(Decimal, _represent_decimal)
_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(tuple, lambda d, v: d.represent_list(list(v)))


def dump_ruleset(ruleset: m.Ruleset) -> str:
    """Write a ruleset as YAML text that :func:`inovasi_rules.load_ruleset` reads back
    to an equal ruleset.

    The text stands alone: a ruleset built by inheritance is written complete, with
    its parent named in a comment, not in ``extends`` (so the result reads back with
    ``extends`` unset).
    """
    text = yaml.dump(
        unstructure(ruleset), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
    )
    if ruleset.extends:
        text = (
            f"# {ruleset.id}, resolved: everything inherited from `{ruleset.extends}` is "
            "written out below\n" + text
        )
    return text
