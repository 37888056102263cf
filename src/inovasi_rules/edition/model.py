"""The records of an edition: submissions, judges, scores, verdicts, the edition itself."""

from __future__ import annotations

import datetime
import decimal
import enum
import operator
import types
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final

import attrs

from ..errors import Problem
from ..frozen import FrozenMap
from .limits import ReadLimits
from .scoretable import Score, ScoreTable

# ---------------------------------------------------------------------------------------
# MISSING and frozen mappings
# ---------------------------------------------------------------------------------------


class MissingType(enum.Enum):
    """The type of :data:`MISSING`; use it in annotations (``object | MissingType``)."""

    MISSING = "MISSING"

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "MISSING"


#: The value of a field a submission (or judge) does not have: the field is unknown,
#: the cell was empty, or the list is empty. A falsy singleton; test with ``is MISSING``.
MISSING: Final = MissingType.MISSING


#: A read-only, hashable mapping, compared by value with any mapping: the one
#: implementation in :mod:`inovasi_rules.frozen`, under the name editions use.
FrozenDict = FrozenMap

_EMPTY: Final[FrozenMap[str, object]] = FrozenMap()


_SCALARS: Final = frozenset(
    {str, int, bool, float, decimal.Decimal, datetime.date, datetime.datetime, type(None)}
)


def _freeze(value: object) -> object:
    """Turn mappings into read-only mappings and lists into tuples, recursively."""
    if type(value) in _SCALARS or isinstance(value, FrozenDict):
        return value
    if isinstance(value, Mapping):
        return FrozenDict({str(k): _freeze(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(_freeze(v) for v in value)
    return value


def _freeze_mapping(value: Mapping[str, object] | None = None) -> Mapping[str, object]:
    if type(value) is FrozenDict:  # (first: what the readers give, one per distinct row)
        return value
    if not value:
        return _EMPTY
    if isinstance(value, FrozenDict):
        return value
    return FrozenDict({str(k): _freeze(v) for k, v in value.items()})


def _thaw(value: object) -> object:
    """The inverse of :func:`_freeze`, for writing YAML."""
    if isinstance(value, Mapping):
        return {str(k): _thaw(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_thaw(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_thaw(v) for v in value), key=repr)
    return value


def _str_tuple(value: Iterable[str] = ()) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else tuple(value)


# ---------------------------------------------------------------------------------------
# The records
# ---------------------------------------------------------------------------------------


@attrs.frozen
class Origin:
    """Where a record came from, for error messages.

    :param file: the file it was read from, or ``None`` for in-memory records.
    :param row: the 1-based row of a CSV file or Excel sheet (the header is row 1, so the
        first data row is 2), or ``None``.
    :param path: for JSON and in-memory records, the place in the document, e.g.
        ``submissions[3]``; for Excel, the sheet name.
    """

    file: str | None
    row: int | None = None
    path: str = ""

    def __str__(self) -> str:
        parts = [self.file or "<input>"]
        if self.path:
            parts.append(self.path)
        if self.row is not None:
            parts.append(f"row {self.row}")
        return ": ".join(parts)


@attrs.frozen
class Participant:
    """Who entered a submission.

    :param kind: the kind of participant, e.g. ``perangkat_daerah``, ``upt``, ``bumd``,
        ``kementerian``, ``kabupaten``, ``kota``, ``social_enterprise``.
    :param agency: the entering agency (instansi).
    :param province: the province.
    :param regency: the regency or city.
    :param name: the name of the person or team.
    """

    kind: str | None = None
    agency: str | None = None
    province: str | None = None
    regency: str | None = None
    name: str | None = None


@attrs.frozen
class Innovation:
    """Facts about the innovation a submission describes.

    :param status: ``rintisan`` (pilot), ``berjalan`` (running), ``selesai`` (completed)
        or any other text: the ruleset decides what is allowed.
    :param started: when the innovation started running.
    :param previous_awards: one entry per earlier award, e.g. ``("top-99", "top-99")``.
    """

    status: str | None = None
    started: datetime.date | None = None
    previous_awards: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)


_EMPTY_PARTICIPANT: Final = Participant()
_EMPTY_INNOVATION: Final = Innovation()

#: The field paths of a submission, which are also the column headers of
#: ``submissions.csv``. Any other column is an *extra* field.
SUBMISSION_FIELDS: Final[tuple[str, ...]] = (
    "id",
    "title",
    "category",
    "group",
    "registered",
    "wave",
    "withdrawn",
    "participant.kind",
    "participant.agency",
    "participant.province",
    "participant.regency",
    "participant.name",
    "innovation.status",
    "innovation.started",
    "innovation.previous_awards",
)

#: The field paths of a judge, which are also the column headers of ``judges.csv``
#: (``judge_id`` is accepted for ``id``). Any other column is an extra field.
JUDGE_FIELDS: Final[tuple[str, ...]] = ("id", "name", "affiliation", "province", "agency")


def _present(value: object) -> bool:
    return value is not None and value != "" and value != ()


@attrs.frozen
class Submission:
    """One submitted innovation.

    Fields are read by their dotted path with :meth:`get`, which is what a ruleset's
    conditions use (``participant.kind``, ``innovation.started``, an extra column).

    :param id: the submission's id, unique within the edition.
    :param registered: when it was registered: a :class:`datetime.date` for a date
        alone, or an aware :class:`datetime.datetime` in the zone it was written in
        (``2025-08-31 14:05 WIB``); see :mod:`inovasi_rules.edition.instants` for the
        forms read and the order caps and tie-breaks give them.
    :param extra: any other column, by its full column name (a column ``sdgs`` is
        ``get("sdgs")``, a column ``innovation.sdgs`` is ``get("innovation.sdgs")``);
        read-only, compared by value. Values are strings unless ``edition.yaml`` declares
        a type for the column (see :data:`FIELD_TYPES`).
    :param origin: where the submission was read from (not part of its value).
    """

    id: str
    title: str | None = None
    participant: Participant = _EMPTY_PARTICIPANT
    innovation: Innovation = _EMPTY_INNOVATION
    category: str | None = None
    group: str | None = None
    registered: datetime.date | None = None
    wave: str | None = None
    withdrawn: bool = False
    extra: Mapping[str, object] = attrs.field(default=_EMPTY, converter=_freeze_mapping)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)

    def get(self, path: str) -> object:
        """The value of the field at ``path`` (a name in :data:`SUBMISSION_FIELDS` or an
        extra column), or :data:`MISSING` when the submission has no value for it (the
        field is unknown, or the value is ``None``, empty text or an empty list)."""
        field = _SUBMISSION_GETTERS.get(path)
        if field is not None:
            value = field(self)
            if value is not None and value != "" and value != ():
                return value
        value = self.extra.get(path, MISSING)
        return MISSING if value is None or value == "" or value == () else value

    @property
    def values(self) -> Mapping[str, object]:
        """Every field that has a value, by its path (what :meth:`get` reads), read-only."""
        values = {k: v for k, v in self.extra.items() if _present(v)}
        for path, field in _SUBMISSION_GETTERS.items():
            value = field(self)
            if _present(value):
                values[path] = value
        return types.MappingProxyType(values)


# what Submission.get reads for each of its own fields: no per-submission mapping, so
# reading 100,000 submissions leaves 100,000 fewer objects for the garbage collector
_SUBMISSION_GETTERS: Final[dict[str, Callable[[Submission], object]]] = {
    path: operator.attrgetter(path) for path in SUBMISSION_FIELDS
}


@attrs.frozen
class Judge:
    """A judge (juri), with what conflict-of-interest rules need to know.

    :param id: the judge's id, as used in ``scores.csv``.
    :param extra: any other column, by its column name; read-only.
    :param origin: where the judge was read from (not part of its value).
    """

    id: str
    name: str | None = None
    affiliation: str | None = None
    province: str | None = None
    agency: str | None = None
    extra: Mapping[str, object] = attrs.field(default=_EMPTY, converter=_freeze_mapping)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
    _values: dict[str, object] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        values = {k: v for k, v in self.extra.items() if _present(v)}
        for key, value in (
            ("id", self.id),
            ("name", self.name),
            ("affiliation", self.affiliation),
            ("province", self.province),
            ("agency", self.agency),
        ):
            if _present(value):
                values[key] = value
        object.__setattr__(self, "_values", values)

    def get(self, path: str) -> object:
        """The value of ``id``, ``name``, ``affiliation``, ``province``, ``agency`` or an
        extra column, or :data:`MISSING` when the judge has none."""
        return self._values.get(path, MISSING)


#: A field-verification verdict that keeps the submission in the competition.
CONFIRMED: Final = "confirmed"
#: A field-verification verdict that drops the submission.
DROPPED: Final = "dropped"

#: The words accepted in a verdict cell (after lower-casing and turning ``_``/``-`` into
#: spaces), and what each means.
VERDICT_WORDS: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "confirmed": CONFIRMED,
        "terverifikasi": CONFIRMED,
        "dikonfirmasi": CONFIRMED,
        "dropped": DROPPED,
        "gugur": DROPPED,
        "tidak terverifikasi": DROPPED,
    }
)


def _verdict_key(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").lower().split())


def _canonical_verdict(value: str) -> str:
    return VERDICT_WORDS.get(_verdict_key(value), value) if isinstance(value, str) else value


@attrs.frozen
class Verdict:
    """The outcome of a field-verification stage (observasi lapangan) for a submission.

    :param submission: the submission's id.
    :param stage: the stage's id.
    :param verdict: :data:`CONFIRMED` or :data:`DROPPED`; the Indonesian words in
        :data:`VERDICT_WORDS` are turned into these.
    :param note: a free-text note.
    :param origin: where the verdict was read from (not part of its value).
    """

    submission: str
    stage: str
    verdict: str = attrs.field(converter=_canonical_verdict)
    note: str | None = None
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)


def _submissions_tuple(value: Iterable[Submission] = ()) -> tuple[Submission, ...]:
    return value if isinstance(value, tuple) else tuple(value)


def _judges_tuple(value: Iterable[Judge] = ()) -> tuple[Judge, ...]:
    return value if isinstance(value, tuple) else tuple(value)


def _score_table(value: Iterable[Score] = ()) -> ScoreTable:
    return ScoreTable.from_scores(value)


_NO_SCORES: Final = ScoreTable.from_scores(())


def _verdicts_tuple(value: Iterable[Verdict] = ()) -> tuple[Verdict, ...]:
    return value if isinstance(value, tuple) else tuple(value)


def _problems_tuple(value: Iterable[Problem] = ()) -> tuple[Problem, ...]:
    return value if isinstance(value, tuple) else tuple(value)


def _files_mapping(value: Mapping[str, str] | None = None) -> Mapping[str, str]:
    return types.MappingProxyType(dict(value or {}))


def _count(items: Sequence[object]) -> str:
    return f"<{len(items)}>"


@attrs.frozen
class Edition:
    """One edition (year) of a competition: everything the engine needs besides the
    ruleset.

    Build it with :func:`read_edition` or :meth:`from_records`, which check the data;
    the constructor itself does not cross-check anything.

    :param id: the edition's id; when the input declares none, ``edition-`` and the
        first 12 hexadecimal digits of the SHA-256 of the submission ids, each followed
        by a line feed (not the file's name: the id seeds the tie-break lottery).
    :param ruleset: the id of the ruleset the edition runs (or ran) under.
    :param year: the year.
    :param title: a title for reports.
    :param notes: free text.
    :param submissions: in input order.
    :param judges: from ``judges.csv``; when there is none, one ``Judge(id)`` per judge
        seen in the scores, in order of first appearance.
    :param scores: in input order; any iterable of :class:`Score`, kept as a
        :class:`ScoreTable` (columns, so millions of rows stay small).
    :param verdicts: in input order.
    :param parameters: ruleset parameter overrides declared by ``edition.yaml``; YAML
        floats are read as :class:`~decimal.Decimal`.
    :param source: the folder or file it was read from (not part of its value).
    :param files: table name (``edition``, ``submissions``, ``judges``, ``scores``,
        ``verdicts``) to the file actually read, for error messages (not part of its
        value).
    :param findings: warnings found while reading (not part of its value).
    """

    id: str
    ruleset: str | None = None
    year: int | None = None
    title: str | None = None
    notes: str | None = None
    submissions: tuple[Submission, ...] = attrs.field(
        default=(), converter=_submissions_tuple, repr=_count
    )
    judges: tuple[Judge, ...] = attrs.field(default=(), converter=_judges_tuple, repr=_count)
    scores: ScoreTable = attrs.field(
        factory=lambda: ScoreTable.from_scores(()), converter=_score_table, repr=_count
    )
    verdicts: tuple[Verdict, ...] = attrs.field(default=(), converter=_verdicts_tuple, repr=_count)
    parameters: Mapping[str, object] = attrs.field(default=_EMPTY, converter=_freeze_mapping)
    source: str | None = attrs.field(default=None, eq=False, repr=False)
    files: Mapping[str, str] = attrs.field(
        default=None, converter=_files_mapping, eq=False, repr=False
    )
    findings: tuple[Problem, ...] = attrs.field(
        default=(), converter=_problems_tuple, eq=False, repr=False
    )
    _index: dict[str, Mapping[str, Any]] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )

    def submission_by_id(self) -> Mapping[str, Submission]:
        """A read-only mapping from submission id to submission (built once)."""
        found = self._index.get("submissions")
        if found is None:
            found = types.MappingProxyType({s.id: s for s in self.submissions})
            self._index["submissions"] = found
        return found

    def judge_by_id(self) -> Mapping[str, Judge]:
        """A read-only mapping from judge id to judge (built once)."""
        found = self._index.get("judges")
        if found is None:
            found = types.MappingProxyType({j.id: j for j in self.judges})
            self._index["judges"] = found
        return found

    @classmethod
    def from_records(
        cls,
        *,
        id: str,
        submissions: Iterable[Submission | Mapping[str, object]] = (),
        judges: Iterable[Judge | Mapping[str, object]] | None = None,
        scores: Iterable[Score | Mapping[str, object]] = (),
        verdicts: Iterable[Verdict | Mapping[str, object]] = (),
        ruleset: str | None = None,
        year: int | None = None,
        title: str | None = None,
        notes: str | None = None,
        parameters: Mapping[str, object] | None = None,
        fields: Mapping[str, str] | None = None,
        source: str | None = None,
        limits: ReadLimits | None = None,
    ) -> Edition:
        """Build an edition from Python objects, checking it as the file readers do.

        Records are either the classes of this module or mappings. A submission mapping
        uses the field paths as keys, flat (``{"participant.kind": "upt"}``) or nested
        (``{"participant": {"kind": "upt"}}``); an ``extra`` key holding a mapping is
        read as extra fields. Judges use ``id`` (or ``judge_id``), ``name``,
        ``affiliation``, ``province``, ``agency``; scores ``submission_id`` (or
        ``submission``), ``stage``, ``judge_id`` (or ``judge``), ``criterion``,
        ``score`` (or ``value``); verdicts ``submission_id`` (or ``submission``),
        ``stage``, ``verdict``, ``note``. Values are normalised as the CSV reader does
        (text is stripped, empty text is missing, ints and floats in extra fields become
        :class:`~decimal.Decimal`, lists become tuples).

        :param judges: ``None`` (the default) means "judges are implied by the scores";
            a sequence (even an empty one) means every score's judge must be in it.
        :param fields: declared types of extra fields, as in ``edition.yaml``.
        :param limits: the limits of :func:`read_edition` (the numbers, the problems
            listed per table).
        :raises EditionError: listing every problem, located as ``submissions[3].id``.
        """
        from .builder import _assemble_records
        from .meta import _parse_meta, _records_meta_locator
        from .problems import _Sink

        sink = _Sink() if limits is None else _Sink(limits)
        meta_raw: dict[str, object] = {"id": id}
        for key, value in (
            ("ruleset", ruleset),
            ("year", year),
            ("title", title),
            ("notes", notes),
            ("parameters", parameters),
            ("fields", fields),
        ):
            if value is not None:
                meta_raw[key] = value
        meta = _parse_meta(meta_raw, _records_meta_locator(None, "edition"), sink)
        return _assemble_records(
            meta,
            submissions=list(submissions),
            judges=None if judges is None else list(judges),
            scores=list(scores),
            verdicts=list(verdicts),
            file=None,
            source=source,
            sink=sink,
        )
