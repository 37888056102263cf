"""The final result after the objection period: re-evaluation and every change, explained."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from .. import Edition, Label, Problem, Result, Ruleset, evaluate, hookimpl
from ..messages import language
from ..ruleset.model import Param, Selection, Stage
from ..selection import Entry, select
from .apply import apply_objections
from .model import Change, DataChange, Objection

__all__ = ["FinalResult", "KeepAnnounced", "finalise"]


def _resolve(value: Any, params: Mapping[str, Any]) -> Any:
    return params[value.name] if isinstance(value, Param) else value


def own_selection(ruleset: Ruleset, sel: Selection, ranked: Sequence[Entry]) -> set[str]:
    """Who the stage's own ``advance`` chooses from ``ranked`` (as the engine does)."""
    p = ruleset.parameters
    picks = select(
        ranked,
        top=int(_resolve(sel.top, p)) if sel.top is not None else None,
        threshold=Decimal(_resolve(sel.threshold, p)) if sel.threshold is not None else None,
        per=sel.per is not None,
        seats={k: int(_resolve(v, p)) for k, v in sel.seats.items()} if sel.seats is not None else None,
        apportion_min=sel.apportion.min_each if sel.apportion is not None else None,
        include_ties=sel.ties == "include_all",
    )
    return {sid for sid, pick in picks.items() if pick.chosen}


def _pairs(value: Mapping[str, Iterable[str]]) -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple(sorted((k, frozenset(v)) for k, v in value.items()))


@attrs.frozen
class KeepAnnounced:
    """A plugin (``inovasi_rules_select``) that lets announced entrants keep their
    place at the stages of ``keep`` (stage id -> entrant ids) as extra seats, beside
    the stage's own selection: the ``extra_seats`` policy of an objection period."""

    #: How explanations name it: "dipilih oleh plugin masa-sanggah".
    name: ClassVar[str] = "masa-sanggah"
    keep: tuple[tuple[str, frozenset[str]], ...] = attrs.field(converter=_pairs)

    @hookimpl
    def inovasi_rules_select(self, ruleset: Ruleset, stage: Stage, ranked: Sequence[Entry]) -> list[str] | None:
        """The stage's own choice plus the kept entrants still competing."""
        kept = dict(self.keep).get(stage.id)
        if not kept or stage.advance is None:
            return None
        chosen = own_selection(ruleset, stage.advance, ranked)
        return [e.id for e in ranked if e.id in chosen or e.id in kept]


_WHAT = {"status": "status", "score": "nilai", "rank": "peringkat"}
_STATUS_ID = {
    "advanced": "lolos",
    "not_advanced": "tidak lolos",
    "ineligible": "tidak memenuhi syarat",
    "dropped": "gugur",
    "withdrawn": "mundur",
}


def _id_value(what: str, value: str | None) -> str:
    """A value as Indonesian text reads it: a decimal comma, statuses in words."""
    if value is None:
        return "—"
    if what == "status":
        return _STATUS_ID.get(value, value)
    return value.replace(".", ",")


def _text(value: object) -> str | None:
    return None if value is None else str(value)


@attrs.frozen
class FinalResult:
    """The provisional result, the objections, and the final result with every change.

    :ivar provisional: the result as announced.
    :ivar final: the result after the upheld objections.
    :ivar objections: every objection, upheld or not.
    :ivar data_changes: every input value an upheld objection changed.
    :ivar changes: every difference between provisional and final, each with the
        objections that caused it.
    :ivar extra_seats: stage id -> entrants kept as extra seats (``extra_seats`` policy).
    :ivar findings: warnings (objections still pending, filed after the period).
    """

    provisional: Result
    final: Result
    objections: tuple[Objection, ...]
    data_changes: tuple[DataChange, ...]
    changes: tuple[Change, ...]
    extra_seats: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    findings: tuple[Problem, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The objections, the data-change log and the changes as plain JSON data (the
        two results themselves are written by their own ``to_json``)."""

        def plain(obj: Any) -> dict[str, Any]:
            out = {}
            for f in attrs.fields(type(obj)):
                if f.name in ("file", "row"):
                    continue
                v = getattr(obj, f.name)
                if isinstance(v, Label):
                    v = {"id": v.id, "en": v.en or v.id}
                elif isinstance(v, datetime.date):
                    v = v.isoformat()
                elif isinstance(v, tuple):
                    v = list(v)
                out[f.name] = v
            return out

        return {
            "schema_version": 1,
            "ruleset": self.final.ruleset,
            "edition": self.final.edition,
            "objections": [plain(o) for o in self.objections],
            "data_changes": [plain(d) for d in self.data_changes],
            "changes": [plain(c) for c in self.changes],
            "extra_seats": {k: list(v) for k, v in sorted(self.extra_seats.items())},
            "findings": [p.format() for p in self.findings],
        }

    def to_json(self) -> str:
        """:meth:`to_dict` as JSON text, keys sorted."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    def report(self, lang: str = "id") -> str:
        """The objections, the data changed and the changes to the result, in words."""
        language(lang)
        idn = lang == "id"
        out = [("Sanggahan" if idn else "Objections") + f" ({len(self.objections)})"]
        words = {"upheld": ("diterima", "upheld"), "rejected": ("ditolak", "rejected"),
                 "pending": ("belum diputus", "pending")}
        for o in self.objections:
            decision = words[o.decision][0 if idn else 1]
            out.append(f"  {o.id}  {o.submission:<12} {o.stage:<12} {o.kind:<11} {decision}: {o.reason or o.claim}")
        out += ["", "Data yang diubah" if idn else "Data changed"]
        if not self.data_changes:
            out.append("  -")
        for d in self.data_changes:
            where = " ".join(x for x in (d.stage, d.judge, d.criterion) if x)
            before = d.before if d.before is not None else "—"
            after = d.after if d.after is not None else ("dihapus" if idn else "removed")
            if idn and d.what == "score":
                before, after = before.replace(".", ","), after.replace(".", ",")
            out.append(f"  {d.objection}  {d.submission:<12} {d.what} {where}: {before} -> {after}")
        out += ["", "Perubahan hasil" if idn else "Changes to the result"]
        if not self.changes:
            out.append("  -")
        for c in self.changes:
            out.append(f"  {c.submission:<12} {c.explanation.text(lang)}")
        for p in self.findings:
            out += ["", p.format()]
        return "\n".join(out) + "\n"


def _stage_changes(
    provisional: Result, final: Result, objections: Sequence[Objection], stage_order: Sequence[str]
) -> list[Change]:
    upheld = [o for o in objections if o.upheld]
    position = {s: i for i, s in enumerate(stage_order)}
    out: list[Change] = []
    names = dict(final.stages)
    for after in final.submissions:
        before = provisional.submission(after.id)
        direct = tuple(o.id for o in upheld if o.submission == after.id)
        for sid in stage_order:
            b, a = before.stage(sid), after.stage(sid)
            causes = direct or tuple(
                o.id for o in upheld if position.get(o.stage, len(position)) <= position[sid]
            )
            pairs = (
                ("status", b.status if b else None, a.status if a else None),
                ("score", _text(b.score) if b else None, _text(a.score) if a else None),
                ("rank", _text(b.rank) if b else None, _text(a.rank) if a else None),
            )
            for what, old, new in pairs:
                if old == new:
                    continue
                stage_name = names[sid]
                because = ", ".join(causes)
                how_id = "karena sanggahan" if direct else "akibat peringkat ulang setelah sanggahan"
                how_en = "because of objection" if direct else "following the re-ranking after objection"
                out.append(Change(
                    after.id, what, old, new, causes, bool(direct),
                    Label(
                        f"{stage_name.id}: {_WHAT[what]} {_id_value(what, old)} -> "
                        f"{_id_value(what, new)} ({how_id} {because})",
                        f"{stage_name.text('en')}: {what} {old or '—'} -> {new or '—'} ({how_en} {because})",
                    ),
                    stage=sid,
                ))
        old_awards = {g.award for g in before.awards}
        new_awards = {g.award for g in after.awards}
        award_names = dict(final.awards)
        for award in sorted(old_awards ^ new_awards):
            gained = award in new_awards
            causes = direct or tuple(o.id for o in upheld)
            name = award_names.get(award) or dict(provisional.awards)[award]
            out.append(Change(
                after.id, "award", None if gained else award, award if gained else None, causes,
                bool(direct),
                Label(
                    f"{'mendapat' if gained else 'kehilangan'} {name.id} (sanggahan {', '.join(causes)})",
                    f"{'gains' if gained else 'loses'} {name.text('en')} (objection {', '.join(causes)})",
                ),
                award=award,
            ))
    return out


def finalise(
    ruleset: Ruleset,
    edition: Edition,
    objections: Iterable[Objection],
    *,
    announced: datetime.date | None = None,
    plugins: Iterable[Any] = (),
    load_entrypoints: bool | None = None,
) -> FinalResult:
    """Evaluate the edition as announced, apply the upheld objections, evaluate again,
    and explain every change.

    A stage whose ``objection_period`` says ``displaced: extra_seats`` keeps its
    announced entrants who were pushed out by objections about others, as extra seats
    (through the :class:`KeepAnnounced` plugin); ``rerank`` lets the stage's own
    selection decide. With no upheld objection the final result is the provisional one.

    :param announced: the date the provisional list was announced; objections filed
        after the objection period then give a warning.
    :raises EditionError: when an upheld objection cannot be applied (see
        :func:`~inovasi_rules.objections.apply_objections`).
    """
    objections = tuple(objections)
    plugins = tuple(plugins)
    provisional = evaluate(ruleset, edition, plugins=plugins, load_entrypoints=load_entrypoints)
    corrected, log = apply_objections(ruleset, edition, objections)
    findings: list[Problem] = []
    for o in objections:
        if o.decision == "pending":
            findings.append(Problem(
                f"objection {o.id} is still pending: this result is not yet final / sanggahan belum "
                "diputus, hasil ini belum final", file=o.file, row=o.row, rule="objection-pending",
                level="warning"))
    if announced is not None:
        for st in ruleset.stages:
            period = st.objection_period
            if period is None:
                continue
            closes = announced + datetime.timedelta(days=period.days)
            for o in objections:
                if o.stage == st.id and o.filed_at is not None and o.filed_at > closes:
                    findings.append(Problem(
                        f"objection {o.id} was filed on {o.filed_at.isoformat()}, after the period closed "
                        f"on {closes.isoformat()} / sanggahan diajukan setelah masa sanggah berakhir",
                        file=o.file, row=o.row, rule="objection-late", level="warning"))
    final = evaluate(ruleset, corrected, plugins=plugins, load_entrypoints=load_entrypoints)
    about = {o.submission for o in objections if o.upheld}
    keep: dict[str, frozenset[str]] = {}
    for st in ruleset.stages:
        period = st.objection_period
        if period is None or period.displaced != "extra_seats":
            continue
        pushed = set(provisional.passed(st.id)) - set(final.passed(st.id)) - about
        reached = {s.id for s in final.submissions if s.stage(st.id) is not None}
        if pushed & reached:
            keep[st.id] = frozenset(pushed & reached)
    if keep:
        final = evaluate(ruleset, corrected, plugins=(*plugins, KeepAnnounced(keep)),
                         load_entrypoints=load_entrypoints)
    changes = _stage_changes(provisional, final, objections, [s for s, _ in final.stages])
    for stage_id, ids in sorted(keep.items()):
        for sid in sorted(ids):
            changes.append(Change(
                sid, "extra_seat", None, stage_id, (), False,
                Label(f"tetap lolos {stage_id} sebagai kursi tambahan (kebijakan extra_seats)",
                      f"keeps its place at {stage_id} as an extra seat (policy extra_seats)"),
                stage=stage_id))
    changes.sort(key=lambda c: c.submission)
    return FinalResult(
        provisional, final, objections, log, tuple(changes),
        {k: tuple(sorted(v)) for k, v in keep.items()}, tuple(findings),
    )
