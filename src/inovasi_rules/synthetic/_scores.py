"""Synthetic judges and their scores, stage by stage."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from ..edition import Judge, Score
from ..ruleset import model as m
from ..ruleset.model import Ruleset
from ._drafts import _Draft
from ._profile import _Profile
from ._tables import _DECIMALS, _FIRST_NAMES, _LAST_NAMES, _PRACTITIONERS, _UNIVERSITIES


@attrs.define
class _Rater:
    judge: Judge
    bias: float
    noise: float


def _judges(
    rng: random.Random, count: int, profile: _Profile, drafts: Sequence[_Draft], level: str
) -> list[_Rater]:
    """A judge pool: academics and practitioners, and some judges from the very agencies
    and provinces that enter (so declared conflicts of interest do occur)."""
    local_share = 0.35 if level in ("regency", "city", "province") else 0.1
    agencies = sorted({(d.agency, d.province) for d in drafts if d.agency and d.eligible}, key=str)
    home = profile.region_province
    allowed = set(profile.provinces or ())
    unis = [u for u in _UNIVERSITIES if (home and u[1] == home) or (allowed and u[1] in allowed)]
    unis = unis or list(_UNIVERSITIES)
    # USAID ERAT supported WiNNER (with the NGO ANGIN); it judges social ventures only.
    social = "wirausaha_sosial" in profile.kinds
    practitioners = [x for x in _PRACTITIONERS if social or x[0] != "USAID ERAT"]
    out: list[_Rater] = []
    width = max(3, len(str(count)))
    for i in range(count):
        first, last = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
        r = rng.random()
        if agencies and r < local_share:
            agency, province = rng.choice(agencies)
            name = f"{first} {last}"
            affiliation = agency
        elif r < local_share + 0.15:
            affiliation, province = rng.choice(practitioners)
            agency = affiliation
            name = f"{first} {last}"
        else:
            affiliation, province = rng.choice(unis)
            agency = affiliation
            name = f"{rng.choice(('Dr. ', 'Prof. Dr. ', '', ''))}{first} {last}"
        judge = Judge(f"J{i + 1:0{width}d}", name=name, affiliation=affiliation, province=province, agency=agency)
        out.append(_Rater(judge, rng.gauss(0, 4), rng.uniform(3, 7)))
    return out


def _per_entry(stage: m.Stage, override: int | None) -> int:
    if override:
        return override
    j = stage.judges
    k = max(j.min, 1)
    if j.aggregate == "trimmed_mean":
        k = max(k, 2 * j.trim + 2)
    if j.aggregate == "normalised_mean":
        k = max(k, 3)
    if j.conflicts:
        k += 1
    if stage.kind == "presentation":
        k = max(k, 5)
    return k


def _decimal(text: str) -> Decimal:
    found = _DECIMALS.get(text)
    if found is None:
        found = _DECIMALS[text] = Decimal(text)
    return found


def _score_stage(
    rng: random.Random,
    rs: Ruleset,
    stage: m.Stage,
    reached: Sequence[str],
    quality: Mapping[str, float],
    pool: Sequence[_Rater],
    per_entry: int,
) -> list[Score]:
    assert stage.rubric is not None
    rubric = rs.rubric(stage.rubric)
    criteria = rubric.leaves()
    lo, hi = float(rubric.scale.min), float(rubric.scale.max)
    span = hi - lo
    places = 0 if span >= 10 else 1
    k = min(per_entry, len(pool))
    panel = rng.sample(list(pool), k) if stage.kind == "presentation" else None
    out: list[Score] = []
    gauss, stage_id = rng.gauss, stage.id
    for sid in reached:
        q = quality[sid] + gauss(0, 4)
        strengths = [gauss(0, 5) for _ in criteria]
        raters = panel if panel is not None else rng.sample(list(pool), k)
        for rater in sorted(raters, key=lambda r: r.judge.id):
            jid, bias, noise = rater.judge.id, rater.bias, rater.noise
            for crit, strength in zip(criteria, strengths, strict=True):
                x = q + strength + bias + gauss(0, noise)
                x = min(100.0, max(0.0, x))
                value = lo + span * x / 100
                text = str(round(value)) if places == 0 else f"{value:.1f}"
                out.append(Score(sid, stage_id, jid, crit, _decimal(text)))
    return out
