"""The objection period (masa sanggah): objections as data, and the final result.

A stage's list is announced (the provisional result); during the stage's
``objection_period`` anyone may object; each objection is decided, and the upheld
ones are applied to the data before the stage is evaluated again::

    from inovasi_rules import load_ruleset, read_edition
    from inovasi_rules.objections import finalise, read_objections

    final = finalise(load_ruleset("kipp-2019"), read_edition("edisi/"),
                     read_objections("edisi/objections.csv"))
    print(final.report("id"))        # objections, data changed, changes to the result
    final.final.to_json()            # the final result

:func:`apply_objections` is the pure step on its own (edition in, edition and
data-change log out); :func:`finalise` evaluates before and after, applies the
stage's policy for displaced entrants (``extra_seats`` or ``rerank``) and lists every
change with the objections that caused it.
"""

from .apply import apply_objections
from .final import FinalResult, KeepAnnounced, finalise
from .model import DECISIONS, KINDS, Change, DataChange, Objection
from .read import COLUMNS, MAX_OBJECTION_BYTES, objections_from_records, read_objections

__all__ = [
    "COLUMNS",
    "DECISIONS",
    "KINDS",
    "MAX_OBJECTION_BYTES",
    "Change",
    "DataChange",
    "FinalResult",
    "KeepAnnounced",
    "Objection",
    "apply_objections",
    "finalise",
    "objections_from_records",
    "read_objections",
]
