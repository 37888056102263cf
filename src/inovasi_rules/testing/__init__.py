"""Hypothesis strategies for property tests of rulesets and of code that uses them.

A ruleset author checks that the rules do what they mean by stating a property that
must hold for *every* edition, and letting `hypothesis <https://hypothesis.works>`_
look for an edition that breaks it: "no entry from outside the regency ever wins",
"every winner passed the administrative selection", "a bonus never lowers a score".

Penulis ruleset dapat memeriksa aturannya dengan menyatakan sifat yang harus berlaku
untuk *setiap* edisi, lalu membiarkan hypothesis mencari edisi yang melanggarnya.

This module needs hypothesis, which is not a dependency of the library itself::

    pip install "inovasi-rules[testing]"

Two kinds of strategy:

* :func:`editions` draws an :class:`~inovasi_rules.edition.Edition` that fits a given
  ruleset: submissions whose categories, participant kinds, groups, provinces (waves),
  statuses, dates and extra fields are the values the ruleset's own rules name (plus
  some outside them, so that rules have something to reject), judges, their scores
  on every criterion of every scored stage, and field-verification verdicts. The scores are on the rubric's scale and every id refers to something that
  exists, so :func:`~inovasi_rules.evaluate` never rejects the data; whether a
  submission is *eligible* is for the ruleset to decide.
* :func:`rulesets` draws a small valid :class:`~inovasi_rules.ruleset.model.Ruleset`; it
  passes every check (schema and semantics). The building blocks (:func:`labels`,
  :func:`conditions`, :func:`rubrics`, :func:`selections` ...) are public too, so a
  test can draw just the part it needs. This is for code that must work with *any*
  ruleset (a host system's import, a report), and for the library's own tests.

Example: a regency adds a rule of its own to the Sukoharjo ruleset and checks that it
works, whatever the entries and the scores (this file is
``tests/test_testing_example.py`` in the repository, run by the test suite):

.. code-block:: python

    from hypothesis import given, settings

    from inovasi_rules import evaluate, load_ruleset
    from inovasi_rules.testing import editions

    # Ruleset bawaan Kabupaten Sukoharjo 2023: hanya peserta dari kabupaten itu.
    # Sukoharjo Regency's bundled 2023 ruleset: only entrants from the regency.
    RULESET = load_ruleset("kipp-sukoharjo-2023")


    @settings(max_examples=50, deadline=None)
    @given(edition=editions(RULESET, max_submissions=15))
    def test_no_entry_from_outside_sukoharjo_ever_wins(edition):
        result = evaluate(RULESET, edition)
        for award, _name in result.awards:
            for winner in result.winners(award):
                entry = edition.submission_by_id()[winner]
                assert entry.participant.regency == "sukoharjo"


    @settings(max_examples=50, deadline=None)
    @given(edition=editions(RULESET, max_submissions=15))
    def test_every_winner_passed_the_administrative_selection(edition):
        result = evaluate(RULESET, edition)
        for award, _name in result.awards:
            for winner in result.winners(award):
                assert "administrasi" in result.submission(winner).passed

When a property fails, hypothesis prints the smallest edition it found that breaks
it; ``inovasi_rules.write_edition(edition, "gagal/")`` saves it as CSV files to look
at, and ``inovasi-rules explain`` tells each submission's story.

Values that the ruleset does not name (the regencies above, when no rule names one)
come from small built-in lists; give your own with ``fields``::

    editions(ruleset, fields={"participant.regency": st.sampled_from(["sukoharjo", "klaten"])})

The strategies live in one private module per kind: ``_values`` (texts, labels,
parameters, conditions), ``_rulesets``, ``_editions`` and ``_printing``
(:func:`describe_edition`).
"""

from __future__ import annotations

try:
    from hypothesis import strategies as _st  # noqa: F401 - imported first for the message below
except ImportError as _exc:  # pragma: no cover - exercised by a test that hides hypothesis
    raise ImportError(
        "inovasi_rules.testing memerlukan hypothesis; pasang dengan "
        "pip install 'inovasi-rules[testing]' / inovasi_rules.testing needs hypothesis; "
        "install it with pip install 'inovasi-rules[testing]'"
    ) from _exc

from ._editions import editions
from ._printing import describe_edition
from ._rulesets import criteria, eligibility_rules, rubrics, rulesets, selections
from ._values import FIELD_PATHS, NUMERIC_PARAMS, conditions, ids, labels, parameters, texts

__all__ = [
    "FIELD_PATHS",
    "NUMERIC_PARAMS",
    "conditions",
    "criteria",
    "describe_edition",
    "editions",
    "eligibility_rules",
    "ids",
    "labels",
    "parameters",
    "rubrics",
    "rulesets",
    "selections",
    "texts",
]

#: ``doctest.testmod(inovasi_rules.testing)`` runs the examples of the strategies
#: defined in the modules above, as it did when they were defined here.
__test__ = {"editions": editions}
