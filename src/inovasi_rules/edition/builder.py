"""Building the tables of an edition from cells, checking every record (shared by every reader)."""

from __future__ import annotations

import decimal
import difflib
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Final, TypeVar

import numpy as np
import numpy.typing as npt

from .cells import (
    _CONVERTERS,
    _JUDGE_ALIASES,
    _SCORE_ALIASES,
    _SCORE_COLUMNS,
    _SUBMISSION_SPEC,
    _VERDICT_ALIASES,
    _VERDICT_COLUMNS,
    _conv_auto,
    _conv_str,
    _finite_decimal,
    _parse_decimal,
    _text,
)
from .meta import _Meta
from .model import (
    JUDGE_FIELDS,
    VERDICT_WORDS,
    Edition,
    Innovation,
    Judge,
    Participant,
    Submission,
    Verdict,
    _present,
    _verdict_key,
)
from .problems import _MAX_CONVERTED, _MAX_NUMBER_CACHE, _Bad, _Sink, _Where
from .scoretable import Codes, Score, ScoreTable

_T = TypeVar("_T")


# ---------------------------------------------------------------------------------------
# Building records (shared by every reader)
# ---------------------------------------------------------------------------------------


class _FlatRecord(dict[str, object]):
    """A record read from a grid: already flat, with canonical column names."""


def _flatten(record: Mapping[Any, Any], prefix: str = "") -> dict[str, object]:
    if type(record) is _FlatRecord:
        return record
    flat: dict[str, object] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, "" if name == "extra" else f"{name}."))
        else:
            flat[name] = value
    return flat


def _extra_value(name: str, raw: object, field_types: Mapping[str, str]) -> object:  # raises _Bad
    kind = field_types.get(name)
    if kind is None:
        return _conv_auto(raw)
    return _CONVERTERS[kind](raw)


_UNSET: Final = object()


def _build_submission(
    record: Mapping[str, object],
    key: int,
    where: _Where,
    field_types: Mapping[str, str],
    sink: _Sink,
    converted: dict[tuple[str, object], object] | None = None,
) -> tuple[str | None, Submission | None]:
    """Build one submission; returns its id (if it has one) and the submission (if it
    has no problems).

    :param converted: remembers ``(column, text) -> value`` for dates, booleans, lists
        and extra fields across the rows of one table (ten thousand entries share a
        few hundred dates); text columns are only stripped, so are not remembered.
    """
    s_kw: dict[str, Any] = {}
    p_kw: dict[str, Any] = {}
    i_kw: dict[str, Any] = {}
    extra: dict[str, object] = {}
    targets = {"s": s_kw, "p": p_kw, "i": i_kw}
    cache = converted if converted is not None else {}
    ok = True
    for name, raw in record.items():
        spec = _SUBMISSION_SPEC.get(name)
        if spec is not None and spec[2] is _conv_str:
            try:
                text = _conv_str(raw)
            except _Bad as bad:
                ok = False
                sink.error(where, where.problem(bad.message, key, name, hint=bad.hint))
                continue
            if text is not None:
                targets[spec[0]][spec[1]] = text
            continue
        remember = type(raw) is str
        value: object = cache.get((name, raw), _UNSET) if remember else _UNSET
        if value is _UNSET:
            try:
                value = _extra_value(name, raw, field_types) if spec is None else spec[2](raw)
            except _Bad as bad:
                ok = False
                sink.error(where, where.problem(bad.message, key, name, hint=bad.hint))
                continue
            if remember and len(cache) < _MAX_CONVERTED:
                cache[(name, raw)] = value
        if spec is None:
            if _present(value):
                extra[name] = value
        elif value is not None:
            targets[spec[0]][spec[1]] = value
    sub_id = s_kw.get("id")
    if sub_id is None:
        sink.error(
            where,
            where.problem(
                "the submission has no id / usulan tanpa id",
                key,
                "id",
                hint="every submission needs a unique id",
                rule="required",
            ),
        )
        return None, None
    if not ok:
        return sub_id, None
    if p_kw:
        s_kw["participant"] = Participant(**p_kw)
    if i_kw:
        s_kw["innovation"] = Innovation(**i_kw)
    return sub_id, Submission(extra=extra, origin=where.origin(key), **s_kw)


def _build_judge(
    record: Mapping[str, object],
    key: int,
    where: _Where,
    field_types: Mapping[str, str],
    sink: _Sink,
) -> tuple[str | None, Judge | None]:
    kw: dict[str, Any] = {}
    extra: dict[str, object] = {}
    ok = True
    for name, raw in record.items():
        try:
            if name in JUDGE_FIELDS:
                text = _conv_str(raw)
                if text is not None:
                    kw[name] = text
            else:
                value = _extra_value(name, raw, field_types)
                if _present(value):
                    extra[name] = value
        except _Bad as bad:
            ok = False
            sink.error(where, where.problem(bad.message, key, name, hint=bad.hint))
    judge_id = kw.get("id")
    if judge_id is None:
        sink.error(
            where,
            where.problem("the judge has no id / juri tanpa id", key, "id", rule="required"),
        )
        return None, None
    if not ok:
        return judge_id, None
    return judge_id, Judge(extra=extra, origin=where.origin(key), **kw)


def _unique(
    items: Iterable[tuple[int, str | None, _T | None]],
    where: _Where,
    what: str,
    column: str,
    sink: _Sink,
) -> tuple[list[_T], dict[str, str]]:
    """Keep the records, report duplicate ids (naming both places); returns the
    records and an id -> id index of every id seen (also of records with problems)."""
    seen: dict[str, int] = {}
    ids: dict[str, str] = {}
    kept: list[_T] = []
    for key, item_id, item in items:
        if item_id is None:
            continue
        first = seen.setdefault(item_id, key)
        if first != key:
            sink.error(
                where,
                where.problem(
                    f"duplicate {what} id '{item_id}': also at {where.describe(first)} / "
                    f"id '{item_id}' ganda: juga di {where.describe(first)}",
                    key,
                    column,
                    hint=f"each {what} id must be unique (first at {where.describe(first)})",
                    rule="duplicate",
                ),
            )
            continue
        ids[item_id] = item_id
        if item is not None:
            kept.append(item)
    return kept, ids


def _build_submissions(
    records: Iterable[tuple[int, object]],
    where: _Where,
    field_types: Mapping[str, str],
    sink: _Sink,
) -> tuple[list[Submission], dict[str, str]]:
    converted: dict[tuple[str, object], object] = {}

    def items() -> Iterator[tuple[int, str | None, Submission | None]]:
        for key, record in records:
            if isinstance(record, Submission):
                yield key, record.id, record
            elif isinstance(record, Mapping):
                yield (
                    key,
                    *_build_submission(_flatten(record), key, where, field_types, sink, converted),
                )
            else:
                sink.error(where, where.problem(_not_a_record(record), key))

    return _unique(items(), where, "submission", "id", sink)


def _build_judges(
    records: Iterable[tuple[int, object]],
    where: _Where,
    field_types: Mapping[str, str],
    sink: _Sink,
) -> tuple[list[Judge], dict[str, str]]:
    def items() -> Iterator[tuple[int, str | None, Judge | None]]:
        for key, record in records:
            if isinstance(record, Judge):
                yield key, record.id, record
            elif isinstance(record, Mapping):
                flat = _rename(_flatten(record), _JUDGE_ALIASES)
                yield (key, *_build_judge(flat, key, where, field_types, sink))
            else:
                sink.error(where, where.problem(_not_a_record(record), key))

    return _unique(items(), where, "judge", "id", sink)


def _not_a_record(record: object) -> str:
    return f"expected a record (an object), got {type(record).__name__} / bukan rekaman"


def _rename(record: dict[str, object], aliases: Mapping[str, str]) -> dict[str, object]:
    for alias, name in aliases.items():
        if alias in record and name not in record:
            record[name] = record.pop(alias)
    return record


def _first_seen_order(codes: Codes, names: Sequence[_T]) -> tuple[Codes, list[_T]]:
    """Renumber ``codes`` (into ``names``) so that code ``i`` is the ``i``-th distinct
    value to appear, as :meth:`ScoreTable.from_scores` numbers them, dropping names no
    code uses. Codes that are in that order already (the usual case) are checked in one
    pass and kept."""
    if codes.size == 0:
        return codes, []
    running = np.maximum.accumulate(codes)
    top = int(running[-1])
    # from 0 to the last name in exactly `top` steps: every step is a new code, one up
    if (
        int(running[0]) == 0
        and top == len(names) - 1
        and np.count_nonzero(running[1:] != running[:-1]) == top
    ):
        return codes, list(names)
    used, first = np.unique(codes, return_index=True)
    order = used[np.argsort(first, kind="stable")]
    renumber = np.zeros(len(names), dtype=np.int32)
    renumber[order] = np.arange(order.size, dtype=np.int32)
    return renumber[codes], [names[i] for i in order.tolist()]


def _first_positions(codes: Codes) -> npt.NDArray[np.intp]:
    """Where each code first appears, for codes in first-seen order (see
    :func:`_first_seen_order`): position ``i`` of the result is where code ``i`` does."""
    if codes.size == 0:
        return np.zeros(0, dtype=np.intp)
    running = np.maximum.accumulate(codes)
    steps = np.flatnonzero(running[1:] != running[:-1]) + 1
    return np.concatenate((np.zeros(1, dtype=np.intp), steps))


class _ScoreBuilder:
    """Turns score rows into a :class:`ScoreTable`, checking every row.

    The common case (known ids, a plain number, no duplicate) takes six dict look-ups
    per row: each raw cell text is mapped straight to its column's integer code (the
    score text to the code of one shared Decimal, saving the cost of parsing "85.5"
    400,000 times), and the codes are appended to arrays; anything else goes through
    :meth:`_slow`, which names every problem.
    """

    def __init__(
        self,
        where: _Where,
        submissions: Mapping[str, str] | None,
        judges: Mapping[str, str] | None,
        sink: _Sink,
    ) -> None:
        self.where = where
        self.sink = sink
        self.check_submissions = submissions is not None
        self.check_judges = judges is not None
        # raw text -> canonical id, as _resolve builds them (also the "did you mean"
        # candidates, so they keep their order)
        self.subs: dict[str, str] = dict(submissions or {})
        self.judges: dict[str, str] = dict(judges or {})
        self.stages: dict[str, str] = {}
        self.criteria: dict[str, str] = {}
        self.implied: dict[str, int] = {}  # judge id -> first key, when judges are implied
        # per column (submission, stage, judge, criterion): raw text -> code, the
        # canonical text -> code, and code -> canonical text
        self.fast: list[dict[str, int]] = [{}, {}, {}, {}]
        self.code_of: list[dict[str, int]] = [{}, {}, {}, {}]
        self.names: list[list[str]] = [[], [], [], []]
        # score text -> value code (at most _MAX_NUMBER_CACHE texts); (value, its text)
        # -> value code; value code -> value
        self.numbers: dict[str, int] = {}
        self.value_code: dict[tuple[decimal.Decimal, str], int] = {}
        self.values: list[decimal.Decimal] = []
        self.columns = [array("i") for _ in range(5)]
        self.rows = array("q")
        self.seen: dict[tuple[int, int, int, int], int] = {}

    def _value(self, value: decimal.Decimal) -> int:
        """The code of ``value`` (kept apart from an equal value written differently)."""
        key = (value, str(value))
        code = self.value_code.get(key)
        if code is None:
            code = self.value_code[key] = len(self.values)
            self.values.append(value)
        return code

    def _number(self, text: str) -> int | None:
        """The code of ``text`` as a finite Decimal (remembered), or ``None``."""
        value = _finite_decimal(text)
        if value is None:
            return None
        code = self._value(value)
        if len(self.numbers) < _MAX_NUMBER_CACHE:
            self.numbers[text] = code
        return code

    def _code(self, column: int, raw: str, canonical: str) -> int:
        """The code of ``canonical`` in ``column``, remembered for ``raw`` too."""
        code_of = self.code_of[column]
        code = code_of.get(canonical)
        if code is None:
            names = self.names[column]
            code = code_of[canonical] = len(names)
            names.append(canonical)
        self.fast[column][raw] = code
        return code

    def build(
        self,
        rows: Iterable[tuple[int, Sequence[str]]],
        positions: Sequence[int],
        width: int,
        fit: Callable[[Sequence[str], int], Sequence[str] | None] | None,
        keep_row: bool,
    ) -> ScoreTable:
        """Build the scores of ``rows`` (row key, cells) one row at a time: the
        submission, stage, judge, criterion and score are the cells at ``positions``; a
        row that is not ``width`` cells wide goes through ``fit`` (``None``: skip)."""
        i0, i1, i2, i3, i4 = positions
        add_sub, add_stage, add_judge, add_crit, add_value = (c.append for c in self.columns)
        add_row = self.rows.append
        number = self.numbers.get
        parse = self._number
        first_of = self.seen.setdefault
        sub_get, stage_get, judge_get, crit_get = (d.get for d in self.fast)
        for key, cells in rows:
            if len(cells) != width:
                if fit is None:
                    continue
                fitted = fit(cells, key)
                if fitted is None:
                    continue
                cells = fitted
            s = cells[i0]
            st = cells[i1]
            j = cells[i2]
            c = cells[i3]
            v = cells[i4]
            sc = sub_get(s)
            stc = stage_get(st)
            jc = judge_get(j)
            cc = crit_get(c)
            vc = number(v)
            if vc is None:
                vc = parse(v)
            if sc is None or stc is None or jc is None or cc is None or vc is None:
                fixed = self._slow(key, s, st, j, c, v)
                if fixed is None:
                    continue
                sc, stc, jc, cc, vc = fixed
            k = (sc, stc, jc, cc)
            first = first_of(k, key)
            if first != key:
                self._duplicate(key, first, k)
                continue
            add_sub(sc)
            add_stage(stc)
            add_judge(jc)
            add_crit(cc)
            add_value(vc)
            if keep_row:
                add_row(key)
        return self.table(keep_row)

    def table(self, keep_row: bool) -> ScoreTable:
        """The scores built so far, numbered as :meth:`ScoreTable.from_scores` would."""
        cols = [np.frombuffer(c, dtype=np.intc).astype(np.int32) for c in self.columns]
        sub, subs = _first_seen_order(cols[0], self.names[0])
        stage, stages = _first_seen_order(cols[1], self.names[1])
        judge, judges = _first_seen_order(cols[2], self.names[2])
        crit, criteria = _first_seen_order(cols[3], self.names[3])
        value, values = _first_seen_order(cols[4], self.values)
        rows = None
        if keep_row and len(self.rows):
            rows = np.frombuffer(self.rows, dtype=np.int64).copy()
        return ScoreTable(
            submissions=subs,
            stages=stages,
            judges=judges,
            criteria=criteria,
            values=values,
            sub=sub,
            stage=stage,
            judge=judge,
            criterion=crit,
            value=value,
            rows=rows,
        )

    def _slow(
        self, key: int, s: str, st: str, j: str, c: str, v: str
    ) -> tuple[int, int, int, int, int] | None:
        if not (s.strip() or st.strip() or j.strip() or c.strip() or v.strip()):
            return None  # a blank row
        where, sink = self.where, self.sink
        ok = True
        sc = self._resolve(key, s, self.subs, "submission_id", "submission")
        stc = self._resolve(key, st, self.stages, "stage", None)
        jc = self._resolve(key, j, self.judges, "judge_id", "judge")
        cc = self._resolve(key, c, self.criteria, "criterion", None)
        value: decimal.Decimal | None = None
        try:
            value = _parse_decimal(v)
        except _Bad as bad:
            ok = False
            sink.error(where, where.problem(bad.message, key, "score", hint=bad.hint))
        else:
            if value is None:
                sink.warn(
                    where,
                    where.problem(
                        "empty score: no score is recorded for this row / nilai kosong: "
                        "dianggap tidak ada",
                        key,
                        "score",
                        hint="fill in the score, or delete the row",
                        rule="empty-score",
                    ),
                )
                ok = False
        if not ok or sc is None or stc is None or jc is None or cc is None or value is None:
            return None
        vc = self._value(value)
        if len(self.numbers) < _MAX_NUMBER_CACHE:
            self.numbers[v] = vc
        return (
            self._code(0, s, sc),
            self._code(1, st, stc),
            self._code(2, j, jc),
            self._code(3, c, cc),
            vc,
        )

    def _resolve(
        self, key: int, raw: str, table: dict[str, str], column: str, what: str | None
    ) -> str | None:
        found = table.get(raw)
        if found is not None:
            return found
        text = raw.strip()
        where, sink = self.where, self.sink
        if not text:
            sink.error(
                where,
                where.problem(f"empty {column} / {column} kosong", key, column, rule="required"),
            )
            return None
        found = table.get(text)
        if found is None:
            known = (what == "submission" and self.check_submissions) or (
                what == "judge" and self.check_judges
            )
            if known:
                source = "submissions" if what == "submission" else "judges"
                sink.error(
                    where,
                    where.problem(
                        f"unknown {what} id '{text}' / id {what} '{text}' tidak dikenal",
                        key,
                        column,
                        hint=_did_you_mean(text, table)
                        or f"every {column} must be an id in {source}",
                        rule="unknown-reference",
                    ),
                )
                return None
            found = text
            table[text] = text
            if what == "judge":
                self.implied.setdefault(text, key)
        if raw != text:
            table[raw] = found
        return found

    def _duplicate(self, key: int, first: int, codes: tuple[int, int, int, int]) -> None:
        where = self.where
        k = [names[code] for names, code in zip(self.names, codes, strict=True)]
        self.sink.error(
            where,
            where.problem(
                f"duplicate score: submission '{k[0]}', stage '{k[1]}', judge '{k[2]}', "
                f"criterion '{k[3]}' is also at {where.describe(first)} / nilai ganda: "
                f"juga di {where.describe(first)}",
                key,
                hint=f"keep one of {where.describe(first)} and {where.describe(key)}",
                rule="duplicate",
            ),
        )


def _did_you_mean(text: str, candidates: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(text, list(candidates)[:10000], n=1, cutoff=0.8)
    return f"did you mean '{close[0]}'?" if close else None


def _build_verdicts(
    records: Iterable[tuple[int, object]],
    where: _Where,
    submissions: Mapping[str, str] | None,
    sink: _Sink,
) -> list[Verdict]:
    verdicts: list[Verdict] = []
    seen: dict[tuple[str, str], int] = {}
    words = ", ".join(VERDICT_WORDS)
    for key, record in records:
        sub: str | None
        stage: str | None
        word: str | None
        note: str | None
        ok = True
        if isinstance(record, Verdict):
            sub, stage, word, note = record.submission, record.stage, record.verdict, record.note
        elif isinstance(record, Mapping):
            flat = _rename(_flatten(record), _VERDICT_ALIASES)
            cells: list[str | None] = []
            for column in _VERDICT_COLUMNS:
                try:
                    cells.append(_conv_str(flat.get(column)))
                except _Bad as bad:
                    ok = False
                    cells.append("")
                    sink.error(where, where.problem(bad.message, key, column, hint=bad.hint))
            sub, stage, word, note = cells
            if not ok:
                continue
        else:
            sink.error(where, where.problem(_not_a_record(record), key))
            continue
        for column, value in (("submission_id", sub), ("stage", stage), ("verdict", word)):
            if value is None:
                ok = False
                sink.error(
                    where,
                    where.problem(
                        f"empty {column} / {column} kosong", key, column, rule="required"
                    ),
                )
        if word is not None and _verdict_key(word) not in VERDICT_WORDS:
            ok = False
            sink.error(
                where,
                where.problem(
                    f"unknown verdict '{word}' / putusan '{word}' tidak dikenal",
                    key,
                    "verdict",
                    hint=f"use one of: {words}",
                    rule="unknown-verdict",
                ),
            )
        if sub is not None and submissions is not None and sub not in submissions:
            ok = False
            sink.error(
                where,
                where.problem(
                    f"unknown submission id '{sub}' / id usulan '{sub}' tidak dikenal",
                    key,
                    "submission_id",
                    hint=_did_you_mean(sub, submissions)
                    or "every submission_id must be an id in submissions",
                    rule="unknown-reference",
                ),
            )
        if not ok or sub is None or stage is None or word is None:
            continue
        first = seen.setdefault((sub, stage), key)
        if first != key:
            sink.error(
                where,
                where.problem(
                    f"duplicate verdict for submission '{sub}' at stage '{stage}': also at "
                    f"{where.describe(first)} / putusan ganda",
                    key,
                    hint=f"keep one of {where.describe(first)} and {where.describe(key)}",
                    rule="duplicate",
                ),
            )
            continue
        verdicts.append(Verdict(sub, stage, word, note, origin=where.origin(key)))
    return verdicts


def _implied_judges(builder: _ScoreBuilder) -> list[Judge]:
    where = builder.where
    return [Judge(jid, origin=where.origin(key)) for jid, key in builder.implied.items()]


def _finish(
    meta: _Meta,
    *,
    submissions: list[Submission],
    judges: list[Judge],
    scores: ScoreTable,
    verdicts: list[Verdict],
    source: str | None,
    files: Mapping[str, str],
    sink: _Sink,
) -> Edition:
    sink.raise_if_errors()
    return Edition(
        id=meta.id,
        ruleset=meta.ruleset,
        year=meta.year,
        title=meta.title,
        notes=meta.notes,
        parameters=meta.parameters,
        submissions=tuple(submissions),
        judges=tuple(judges),
        scores=scores,
        verdicts=tuple(verdicts),
        source=source,
        files=files,
        findings=tuple(sink.warnings),
    )


# ---------------------------------------------------------------------------------------
# Records: JSON and in-memory
# ---------------------------------------------------------------------------------------


def _record_score_rows(
    records: Iterable[tuple[int, object]], where: _Where, sink: _Sink
) -> Iterator[tuple[int, list[str]]]:
    unknown: set[str] = set()
    for key, record in records:
        if isinstance(record, Score):
            yield (
                key,
                [
                    record.submission,
                    record.stage,
                    record.judge,
                    record.criterion,
                    _text(record.value),
                ],
            )
            continue
        if not isinstance(record, Mapping):
            sink.error(where, where.problem(_not_a_record(record), key))
            continue
        flat = _rename(_flatten(record), _SCORE_ALIASES)
        unknown.update(k for k in flat if k not in _SCORE_COLUMNS)
        cells: list[str] = []
        for column in _SCORE_COLUMNS:
            raw = flat.get(column)
            if isinstance(raw, (list, tuple, Mapping, bool)):
                sink.error(
                    where,
                    where.problem(
                        f"{column} must be a single value / harus satu nilai", key, column
                    ),
                )
                break
            cells.append(_text(raw))
        else:
            yield key, cells
    for name in sorted(unknown):
        sink.warn(
            where,
            where.problem(
                f"key '{name}' of the scores is not used / kunci tidak dipakai",
                None,
                hint=f"score keys: {', '.join(_SCORE_COLUMNS)}",
                rule="unknown-column",
            ),
        )


def _assemble_records(
    meta: _Meta,
    *,
    submissions: Sequence[object],
    judges: Sequence[object] | None,
    scores: Sequence[object],
    verdicts: Sequence[object],
    file: str | None,
    source: str | None,
    sink: _Sink,
) -> Edition:
    def where(table: str) -> _Where:
        return _Where("records", file, table)

    def numbered(items: Sequence[object]) -> Iterator[tuple[int, Any]]:
        return iter(enumerate(items))

    subs, sub_ids = _build_submissions(
        numbered(submissions), where("submissions"), meta.fields, sink
    )
    judge_list: list[Judge] = []
    judge_ids: dict[str, str] | None = None
    if judges is not None:
        judge_list, judge_ids = _build_judges(numbered(judges), where("judges"), meta.fields, sink)
    score_where = where("scores")
    builder = _ScoreBuilder(score_where, sub_ids, judge_ids, sink)
    score_list = builder.build(
        _record_score_rows(numbered(scores), score_where, sink), range(5), 5, None, False
    )
    if judges is None:
        judge_list = _implied_judges(builder)
    verdict_list = _build_verdicts(numbered(verdicts), where("verdicts"), sub_ids, sink)
    files = dict.fromkeys(("submissions", "judges", "scores", "verdicts"), file) if file else {}
    if file:
        files["edition"] = file
    return _finish(
        meta,
        submissions=subs,
        judges=judge_list,
        scores=score_list,
        verdicts=verdict_list,
        source=source,
        files={k: v for k, v in files.items() if v is not None},
        sink=sink,
    )
