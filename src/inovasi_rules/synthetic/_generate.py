"""The synthetic edition put together: drafts checked against the ruleset, then scored."""

from __future__ import annotations

import datetime
import math
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ..edition import CONFIRMED, DROPPED, Edition, Score, Verdict
from ..evaluation import evaluate
from ..ruleset.model import Ruleset
from ._drafts import _Draft, _Drafter, _shares
from ._profile import _analyse
from ._scores import _judges, _per_entry, _score_stage
from ._tables import _MAX_ROUNDS, _PATIENCE, KIND_WEIGHTS, NATIONAL_KIND_WEIGHTS


def _id_prefix(rs: Ruleset) -> str:
    known = {
        "kipp-2019": "K19", "kipp-2021": "K21", "kipp-sukoharjo-2023": "SKH",
        "winner-2023": "WNR", "kovablik-jatim": "KVB", "kipp-regional": "REG",
        "kipp-base": "KIPP",
    }
    if rs.id in known:
        return known[rs.id]
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", rs.id) if p]
    letters = "".join(p[0] for p in parts if not p.isdigit()).upper()[:4] or "SUB"
    digits = next((p[-2:] for p in reversed(parts) if p.isdigit()), "")
    return letters + digits


def _build(
    drafts: Sequence[_Draft], ids: Sequence[str], meta: Mapping[str, Any], **tables: Any
) -> Edition:
    subs = [d.submission(sid) for d, sid in zip(drafts, ids, strict=True)]
    return Edition(submissions=subs, **meta, **tables)


def _order(drafts: Sequence[_Draft]) -> list[int]:
    """Draft indices in registration order (the order of the ids and of the files)."""
    return sorted(range(len(drafts)), key=lambda i: (drafts[i].registered or datetime.date.max, i))


def generate_edition(
    ruleset: Ruleset | str,
    *,
    submissions: int,
    seed: int = 0,
    judges: int | None = None,
    year: int | None = None,
    id: str | None = None,
    eligible: int | None = None,
    ineligible_share: float = 0.15,
    judges_per_entry: int | None = None,
    dropped_share: float = 0.0,
    withdrawn_share: float = 0.0,
    kind_weights: Mapping[str, float] | None = None,
    parameters: Mapping[str, Any] | None = None,
    plugins: Iterable[Any] = (),
    load_entrypoints: bool | None = None,
) -> Edition:
    """A seeded synthetic edition that fits ``ruleset``; see the module documentation.

    :param ruleset: a ruleset, or the id or path of one (:func:`load_ruleset`).
    :param submissions: how many submissions.
    :param seed: the seed; the same arguments always give the same edition.
    :param judges: the size of the judge pool (default: grows with the square root of
        the number of submissions, at least enough for every stage's panel).
    :param year: the edition's year (default: the ruleset's, or the year its
        registration closes).
    :param id: the edition's id (default ``<ruleset id>-synthetic``).
    :param eligible: exactly how many submissions should pass the screening stages
        (overrides ``ineligible_share``); the entries meant to pass and those meant to
        fail are each shared across participant kinds by ``kind_weights``.
    :param ineligible_share: the share of submissions meant to fail screening.
    :param judges_per_entry: judges per entry at every scored stage (default: from the
        stage's ``judges`` settings: its minimum, enough to trim, one spare when
        conflicts of interest are declared, a panel of five for presentations).
    :param dropped_share: the share of entries a verification stage drops.
    :param withdrawn_share: the share of submissions withdrawn by their participants
        (taken from those meant to be ineligible).
    :param kind_weights: how participant kinds are shared out (default
        :data:`NATIONAL_KIND_WEIGHTS` for the national KIPP clusters, otherwise
        :data:`KIND_WEIGHTS`).
    :param parameters: ruleset parameter overrides, stored in the edition (as
        ``edition.yaml`` would) and used while generating.
    :param plugins: plugins to evaluate with (for rulesets that need them).
    :param load_entrypoints: passed on to :func:`~inovasi_rules.evaluate` (``False``:
        do not load installed plugins).
    :raises ValueError: for a negative or impossible count.
    """
    from ..ruleset.loading import load_ruleset

    rs = load_ruleset(ruleset) if isinstance(ruleset, str) else ruleset
    if submissions < 0:
        raise ValueError("submissions must be 0 or more / jumlah pengajuan tidak boleh negatif")
    if eligible is not None and not 0 <= eligible <= submissions:
        raise ValueError("eligible must be between 0 and submissions / eligible di luar rentang")
    if not 0.0 <= ineligible_share <= 1.0 or not 0.0 <= dropped_share <= 1.0:
        raise ValueError("shares must be between 0 and 1 / proporsi harus antara 0 dan 1")
    plugin_list = list(plugins)
    if parameters:
        rs = rs.with_parameters(**parameters)
    profile = _analyse(rs, year)
    closes = rs.parameters.get("registration_closes")
    year = year or rs.year or (closes.year if isinstance(closes, datetime.date) else profile.reference.year)
    edition_id = id or f"{rs.id}-synthetic"
    rng = random.Random(f"inovasi-rules synthetic {rs.id} {seed}")

    # 1. participant kinds and who is meant to be eligible
    table = kind_weights or (NATIONAL_KIND_WEIGHTS if "kementerian" in profile.kinds else KIND_WEIGHTS)
    weights = {k: float(table.get(k, 1.0)) for k in profile.kinds}
    n_ok = eligible if eligible is not None else round(submissions * (1 - ineligible_share))
    if not profile.has_rules:
        n_ok = submissions
    if eligible is not None and profile.has_rules:
        # the admitted and the rejected each follow the table, so the admitted count of
        # every kind is the table's share of ``eligible`` (the published breakdown)
        ok_counts = _shares(n_ok, weights)
        bad_counts = _shares(submissions - n_ok, weights)
        kind_counts = {k: ok_counts[k] + bad_counts[k] for k in weights}
    else:
        kind_counts = _shares(submissions, weights)
        ok_counts = _shares(n_ok, {k: float(c) for k, c in kind_counts.items()})
    drafts: list[_Draft] = []
    for kind in profile.kinds:
        flags = [True] * ok_counts[kind] + [False] * (kind_counts[kind] - ok_counts[kind])
        rng.shuffle(flags)
        drafts.extend(_Draft(kind, flag) for flag in flags)
    rng.shuffle(drafts)

    drafter = _Drafter(rs, profile, rng)
    bad = [i for i, d in enumerate(drafts) if not d.eligible]
    n_withdrawn = min(round(submissions * withdrawn_share), len(bad))
    withdrawn = set(rng.sample(bad, n_withdrawn)) if n_withdrawn else set()
    originals = [i for i, d in enumerate(drafts) if d.eligible]
    for i, d in enumerate(drafts):
        if d.eligible or i in withdrawn:
            drafter.clean(d)
            d.withdrawn = i in withdrawn
        elif profile.title_cap and originals and rng.random() < 0.06:
            drafter.clean(d)
            d.duplicate_of = drafts[rng.choice(originals)]
        else:
            drafter.flawed(d)
    for d in drafts:
        if d.duplicate_of is not None:
            assert d.duplicate_of.registered is not None
            d.registered = d.duplicate_of.registered + datetime.timedelta(days=rng.randint(1, 20))

    meta: dict[str, Any] = {
        "id": edition_id,
        "ruleset": rs.id,
        "year": year,
        "parameters": dict(parameters or {}),
    }
    width = max(4, len(str(submissions)))
    prefix = _id_prefix(rs)

    def ids_for(order: Sequence[int]) -> dict[int, str]:
        return {i: f"{prefix}-{n + 1:0{width}d}" for n, i in enumerate(order)}

    # 2. screening, redrawn until every entry's outcome is the one intended: first the
    # rules that judge one submission at a time, on the redrawn entries only; then the
    # whole edition, for the caps.
    screening = tuple(s for s in rs.stages if s.kind == "screening")
    screen_rs = attrs.evolve(rs, stages=screening, awards=())
    single_rs = attrs.evolve(screen_rs, eligibility=tuple(e for e in rs.eligibility if e.cap is None))

    def passing(ruleset: Ruleset, picked: Sequence[int]) -> tuple[dict[int, str], set[str]]:
        order = sorted(picked, key=lambda i: (drafts[i].registered or datetime.date.max, i))
        idmap = ids_for(order)
        result = evaluate(ruleset, _build([drafts[i] for i in order], [idmap[i] for i in order], meta),
                          plugins=plugin_list, load_entrypoints=load_entrypoints)
        return idmap, {s.id for s in result.submissions if s.stages and all(o.passed for o in s.stages)}

    def redraw(wrong: Iterable[int]) -> list[int]:
        redrawn = []
        for i in wrong:
            d = drafts[i]
            if d.eligible:
                drafter.clean(d)
            else:
                d.duplicate_of = None
                drafter.flawed(d)
            redrawn.append(i)
        return redrawn

    pending = [i for i, d in enumerate(drafts) if not d.withdrawn and d.duplicate_of is None]
    converged = False
    best, stalled = len(drafts) + 1, 0
    for _round in range(_MAX_ROUNDS if screening and profile.has_rules else 0):
        for _inner in range(_MAX_ROUNDS):
            if not pending:
                break
            idmap, ok = passing(single_rs, pending)
            pending = redraw(i for i in pending if (idmap[i] in ok) != drafts[i].eligible)
        idmap, ok = passing(screen_rs, range(len(drafts)))
        pending = redraw(
            i for i in _order(drafts)
            if not drafts[i].withdrawn and (idmap[i] in ok) != drafts[i].eligible
        )
        if not pending:
            converged = True
            break
        # A cap can make the intended count impossible (more entries meant to pass
        # than the agencies may send): stop when redrawing no longer helps.
        best, stalled = (len(pending), 0) if len(pending) < best else (best, stalled + 1)
        if stalled >= _PATIENCE:
            break

    order = _order(drafts)
    idmap = ids_for(order)
    ordered = [drafts[i] for i in order]
    ids = [idmap[i] for i in order]
    if not screening or not profile.has_rules:
        ok = {idmap[i] for i in order if not drafts[i].withdrawn}
    elif not converged:
        idmap, ok = passing(screen_rs, range(len(drafts)))
    quality = {sid: rng.gauss(68, 9) for sid in ids}

    # 3. judges, then scores and verdicts stage by stage
    scored = [s for s in rs.stages if s.kind in ("assessment", "presentation") and s.rubric]
    ks = {s.id: _per_entry(s, judges_per_entry) for s in scored}
    k_max = max(ks.values(), default=0)
    pool_size = judges if judges is not None else max(k_max + 3, min(80, round(math.sqrt(max(submissions, 1)) * 1.2)))
    pool = _judges(rng, pool_size if scored else 0, profile, ordered, rs.level) if scored else []
    judge_list = [r.judge for r in pool]
    scores: list[Score] = []
    verdicts: list[Verdict] = []
    # Entries screened out play no part in later stages (a cap keeps the first entries
    # in its order, so leaving out those it excluded keeps the same ones), so the stages
    # are run on the entries meant to be eligible only.
    alive = [n for n, sid in enumerate(ids) if sid in ok]
    alive_drafts = [ordered[n] for n in alive]
    screened_only = True  # every stage so far was a screening stage
    for stage in rs.stages:
        if stage.kind == "screening":
            continue
        if stage.kind != "verification" and stage not in scored:
            screened_only = False
            continue
        if screened_only:  # the first stage after screening: every eligible entry
            reached = [ids[n] for n in alive]
        else:
            partial = _build(alive_drafts, [ids[n] for n in alive], meta,
                             judges=judge_list, scores=scores, verdicts=verdicts)
            result = evaluate(rs, partial, plugins=plugin_list, load_entrypoints=load_entrypoints)
            reached = [s.id for s in result.submissions if s.stage(stage.id) is not None]
        screened_only = False
        if stage.kind == "verification":
            for sid in reached:
                if rng.random() < dropped_share:
                    verdicts.append(Verdict(sid, stage.id, DROPPED, "layanan tidak ditemukan berjalan di lapangan / the service was not found running"))
                else:
                    verdicts.append(Verdict(sid, stage.id, CONFIRMED, "layanan berjalan sesuai paparan / the service runs as presented"))
            continue
        scores.extend(_score_stage(rng, rs, stage, reached, quality, pool, ks[stage.id]))

    name = rs.name.both()
    meta["title"] = f"{name} (data sintetis / synthetic data)"
    meta["notes"] = (
        f"Data sintetis, dibuat dengan seed {seed}: nama instansi nyata, semua pengajuan fiktif. / "
        f"Synthetic data made with seed {seed}: real agency names, every entry fictional."
    )
    fields: dict[str, str] = {}
    for d in ordered:
        for key, value in d.extra.items():
            if isinstance(value, bool):
                fields[key] = "bool"
            elif isinstance(value, tuple):
                fields[key] = "list"
            elif isinstance(value, Decimal):
                fields[key] = "number"
    subs = [d.submission(sid) for d, sid in zip(ordered, ids, strict=True)]
    return Edition.from_records(
        id=edition_id,
        ruleset=rs.id,
        year=year,
        title=meta["title"],
        notes=meta["notes"],
        parameters=meta["parameters"] or None,
        fields=fields or None,
        submissions=subs,
        judges=judge_list,
        scores=scores,
        verdicts=verdicts,
    )
