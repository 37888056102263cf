"""In a what-if comparison: how many of the entries a rule change moves are within judge
noise?

An entry that enters or leaves a cut-off when ruleset A is replaced by B may have moved
because of the rule, or only because it sits where another panel could have placed it
either way. :func:`changes_within_noise` takes the rank confidence of the same edition
under A and under B and, per cut-off, counts the entries that change and those of them
in the zone where the panel cannot tell under A *or* under B. A meeting should not
adopt a rule for changes that are all within noise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from .. import Label
    from .resample import RankConfidence

__all__ = ["NoiseCheck", "changes_within_noise", "describe_noise"]


@attrs.frozen
class NoiseCheck:
    """One cut-off of a comparison.

    :ivar changed: the entries that pass it under one ruleset and not the other.
    :ivar within_noise: those of them in the zone under A or under B.
    """

    cutoff: str
    name: Label
    changed: tuple[str, ...]
    within_noise: tuple[str, ...]

    @property
    def beyond_noise(self) -> tuple[str, ...]:
        """The changed entries that are clear under both rulesets."""
        noisy = set(self.within_noise)
        return tuple(x for x in self.changed if x not in noisy)


def changes_within_noise(a: RankConfidence, b: RankConfidence) -> tuple[NoiseCheck, ...]:
    """Per cut-off present under both, the entries that change and those within noise.

    :param a: :func:`~inovasi_rules.robustness.rank_confidence` of the edition under A.
    :param b: the same under B (same edition; the seed may be the same).
    :raises ValueError: when ``a`` and ``b`` are not of the same edition.
    """
    if a.edition != b.edition:
        raise ValueError(f"rank confidences of different editions ({a.edition}, {b.edition}) "
                         "/ edisi berbeda")
    out = []
    for ca in a.cutoffs:
        try:
            cb = b.cutoff(ca.id)
        except KeyError:
            continue
        pa, pb = set(ca.passed), set(cb.passed)
        changed = tuple(sorted(pa ^ pb))
        zone = set(ca.zone) | set(cb.zone)
        out.append(NoiseCheck(ca.id, ca.name, changed, tuple(x for x in changed if x in zone)))
    return tuple(out)


def describe_noise(checks: tuple[NoiseCheck, ...], lang: str = "id") -> list[str]:
    """One sentence per cut-off where something changes, for a report.

    >>> describe_noise((), "en")
    []
    """
    from ..messages import Formatter, language

    fmt = Formatter(language(lang))
    lines = []
    for c in checks:
        if not c.changed:
            continue
        n, k = fmt.number(len(c.changed)), fmt.number(len(c.within_noise))
        if lang == "id":
            lines.append(f"{c.name.text('id')}: {n} pengajuan berpindah; {k} di antaranya berada "
                         "dalam zona tak terbedakan (derau juri) di bawah salah satu ruleset.")
        else:
            lines.append(f"{c.name.text('en')}: {n} entries change places; {k} of them are within "
                         "judge noise under either ruleset.")
    return lines
