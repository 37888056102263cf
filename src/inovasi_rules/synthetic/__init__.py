"""Synthetic editions: seeded, plausible competition data for any ruleset.

:func:`generate_edition` reads a ruleset and invents an edition that fits it: who may
enter, the categories, groups, waves and regions, the registration window, the fields
the eligibility rules look at (``proposal_complete``, ``sdgs``, earlier awards, ...),
judges, their scores and the field-verification verdicts. It is meant for examples,
tests, benchmarks and what-if demonstrations; every name in it is realistic and every
entry is fictional.

How it works:

1. **Participants.** The participant kinds of the ruleset are shared out in fixed
   proportions (:data:`KIND_WEIGHTS`; the national KIPP's kinds follow the published
   breakdown of the 1,329 proposals that passed the 2019 administrative check,
   :data:`NATIONAL_KIND_WEIGHTS`, never the Top 99 the rules are meant to choose). With
   ``eligible``, the entries meant to pass and those meant to fail are each shared in
   those proportions, so the admitted count of each kind follows the table. Agencies, provinces and regencies come from tables of real Indonesian
   names (:data:`PROVINCES`); a provincial or regional ruleset (``level``) keeps its
   entrants inside the province or regency its id names (``kovablik-jatim``,
   ``kipp-sukoharjo-2023``).
2. **Eligibility.** A share of the entries is meant to be ineligible (``eligible`` or
   ``ineligible_share``), shared across participant kinds in proportion. Each entry is
   drafted *clean* (every field a rule reads has a value the rule accepts) or *flawed*
   (one realistic fault: too young an innovation, an incomplete proposal, no SDG, late
   registration, already Top 99 twice, a category outside the province's focus, the
   same title twice, ...). The generator reads the ruleset's conditions to know which
   fields matter and which values pass, then runs the ruleset's screening stages
   through :func:`~inovasi_rules.evaluate` and redraws every entry whose outcome is not
   the one intended, until all agree (caps per agency included) or redrawing stops
   helping (a cap can make the intended number impossible: more entries meant to pass
   than the agencies may send).
3. **Scores, stage by stage.** Only the entries that reach a scored stage are scored
   there: the generator evaluates, scores the entries that reached the next stage,
   evaluates again, and so on. Each entry has a hidden quality; each judge is a little
   harsh or lenient and more or less consistent; each entry is stronger on some
   criteria than others. Assessment stages assign judges at random from the pool (so a
   judge from the entry's own agency or province is sometimes assigned and a declared
   conflict of interest then excludes the score); presentation stages have one panel
   that scores every finalist. Verification stages get a verdict for every entry that
   reached them (``dropped_share`` of them dropped).

Each step has its module: ``_profile`` reads the ruleset, ``_drafts`` drafts clean and
flawed entries (1, 2), ``_generate`` redraws those the ruleset does not treat as
intended and puts the edition together, ``_scores`` scores it stage by stage (3);
``_tables`` holds the names and the generator's limits.

The same arguments always give the same edition, and
:func:`~inovasi_rules.write_edition` writes it byte for byte the same; different seeds
give different editions. ``inovasi-rules generate`` is the command line for it.

>>> from inovasi_rules import load_ruleset
>>> from inovasi_rules.synthetic import generate_edition
>>> edition = generate_edition(load_ruleset("winner-2023"), submissions=60, seed=1)
>>> len(edition.submissions)
60
"""

from ._generate import generate_edition
from ._tables import KIND_WEIGHTS, NATIONAL_KIND_WEIGHTS, PROVINCES

__all__ = ["KIND_WEIGHTS", "NATIONAL_KIND_WEIGHTS", "PROVINCES", "generate_edition"]
