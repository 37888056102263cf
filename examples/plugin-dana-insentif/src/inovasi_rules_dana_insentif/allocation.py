"""Allocating a regional incentive fund (dana insentif daerah) across award winners.

The rules, from the plugin's own configuration (one :class:`Fund` per ruleset):

1. each winner gets a share of the budget by weight: ``shares[rank]`` (``other_share``
   for a rank not listed, or a winner without a rank);
2. a winner whose share is below ``minimum`` gets the minimum instead, and the rest of
   the budget is shared again among the others by weight (repeated until nobody is
   below the minimum);
3. every amount is rounded *down* to a whole ``rounding`` unit (Rp 1.000 by default);
4. what rounding leaves over goes by the ``remainder`` rule: ``largest_fraction``
   (one unit at a time to the winners whose amounts lost the most in rounding, ties
   by rank then id), ``first`` (all of it to the best-ranked winner), or ``keep``
   (not allocated; each note says how much is left).

All arithmetic is exact (:class:`decimal.Decimal`); the same winners always get the
same amounts.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path
from typing import Any

import attrs
import yaml

__all__ = ["REMAINDER_RULES", "Allocation", "Fund", "FundError", "Winner", "allocate", "load_funds", "money"]

#: What happens to what rounding leaves over.
REMAINDER_RULES = ("largest_fraction", "first", "keep")
_KEYS = ("award", "budget", "shares", "other_share", "minimum", "rounding", "remainder", "currency")


class FundError(ValueError):
    """The configuration is invalid, or the budget cannot cover the winners."""


@attrs.frozen
class Fund:
    """One fund: which award receives it and how it is shared."""

    award: str
    budget: Decimal
    shares: Mapping[int, Decimal]
    other_share: Decimal = Decimal(0)
    minimum: Decimal = Decimal(0)
    rounding: Decimal = Decimal(1000)
    remainder: str = "largest_fraction"
    currency: str = "Rp"


@attrs.frozen
class Winner:
    """A submission holding the award, with its rank (``None`` when unranked)."""

    submission: str
    rank: int | None


@attrs.frozen
class Allocation:
    """One winner's amount and how it was computed (``note_id`` in Bahasa Indonesia,
    ``note_en`` in English)."""

    submission: str
    rank: int | None
    weight: Decimal
    amount: Decimal
    note_id: str
    note_en: str


def money(value: Decimal, currency: str = "Rp", lang: str = "id") -> str:
    """``Rp 1.500.000`` (id) or ``Rp 1,500,000`` (en); two decimals when not whole."""
    exact = value == value.to_integral_value()
    shown = value if exact else value.quantize(Decimal("0.01"), ROUND_HALF_UP)
    text = f"{shown:,.0f}" if exact else f"{shown:,.2f}"
    if lang == "id":
        text = text.translate(str.maketrans(",.", ".,"))
    return f"{currency} {text}"


def _rank_key(w: Winner) -> tuple[bool, int, str]:
    return (w.rank is None, w.rank or 0, w.submission)


def allocate(fund: Fund, winners: Sequence[Winner]) -> tuple[list[Allocation], Decimal]:
    """Share ``fund`` among ``winners``; return the allocations (best rank first) and
    the amount left unallocated.

    :raises FundError: when the budget is below ``minimum`` times the number of
        winners, or every winner's weight is zero and there is no minimum.
    """
    if not winners:
        return [], fund.budget
    order = sorted(winners, key=_rank_key)
    ids = [w.submission for w in order]
    if len(set(ids)) != len(ids):
        raise FundError(f"a winner is listed twice: {', '.join(sorted({i for i in ids if ids.count(i) > 1}))}")
    weight = {
        w.submission: fund.shares.get(w.rank, fund.other_share) if w.rank is not None else fund.other_share
        for w in order
    }
    n = len(order)
    if fund.minimum * n > fund.budget:
        raise FundError(
            f"the budget {money(fund.budget, fund.currency, 'en')} is less than {n} winners × the minimum "
            f"{money(fund.minimum, fund.currency, 'en')}"
        )
    if not any(weight.values()) and not fund.minimum:
        raise FundError(f"the shares of all {n} winners are 0: nothing can be allocated")
    unit = fund.rounding
    with localcontext() as ctx:
        ctx.prec = 60
        raised: dict[str, Decimal] = {}  # winner -> the share it had when raised to the minimum
        while True:
            free = [w for w in order if w.submission not in raised]
            pool = fund.budget - fund.minimum * len(raised)
            total_w = sum((weight[w.submission] for w in free), Decimal(0))
            raw = {
                w.submission: (pool * weight[w.submission] / total_w) if total_w else Decimal(0)
                for w in free
            }
            low = [w.submission for w in free if raw[w.submission] < fund.minimum]
            if not low:
                break
            for sid in low:
                raised[sid] = raw[sid]
        floor = {sid: (r // unit) * unit for sid, r in raw.items()}
        floor.update(dict.fromkeys(raised, fund.minimum))
        left = fund.budget - sum(floor.values(), Decimal(0))
        extra: dict[str, Decimal] = {}
        rule = fund.remainder
        if left and rule == "largest_fraction" and raw:
            by_loss = sorted(raw, key=lambda sid: (-(raw[sid] - floor[sid]), ids.index(sid)))
            units = int(left // unit)
            for i in range(units):
                sid = by_loss[i % len(by_loss)]
                extra[sid] = extra.get(sid, Decimal(0)) + unit
            left -= unit * units
        elif left and rule != "keep":  # "first", or largest_fraction with everyone at the minimum
            extra[ids[0]] = left
            left = Decimal(0)
    out = []
    m_id, m_en = money(fund.minimum, fund.currency, "id"), money(fund.minimum, fund.currency, "en")
    for w in order:
        sid = w.submission
        wt = weight[sid]
        if sid in raised:
            share = raised[sid]
            ni = (f"minimum {m_id} (bagian menurut bobot {wt} hanya "
                  f"{money(share, fund.currency, 'id')})")
            ne = (f"the minimum {m_en} (its share by weight {wt} was only "
                  f"{money(share, fund.currency, 'en')})")
        else:
            r = raw[sid]
            ni = f"bobot {wt} dari {total_w} × {money(pool, fund.currency, 'id')} = {money(r, fund.currency, 'id')}"
            ne = f"weight {wt} of {total_w} × {money(pool, fund.currency, 'en')} = {money(r, fund.currency, 'en')}"
            if raised:
                k = len(raised)
                ni += f" (anggaran dikurangi minimum untuk {k} pemenang)"
                ne += f" (the budget less the minimum for {k} winner{'s' if k > 1 else ''})"
            if floor[sid] != r:
                ni += (f", dibulatkan ke bawah per {money(unit, fund.currency, 'id')}: "
                       f"{money(floor[sid], fund.currency, 'id')}")
                ne += (f", rounded down to whole {money(unit, fund.currency, 'en')}: "
                       f"{money(floor[sid], fund.currency, 'en')}")
        if sid in extra:
            how_id = "pecahan terbesar" if rule == "largest_fraction" and sid in raw else "untuk peringkat teratas"
            how_en = "largest fraction" if rule == "largest_fraction" and sid in raw else "to the best-ranked winner"
            ni += f", + {money(extra[sid], fund.currency, 'id')} sisa pembulatan ({how_id})"
            ne += f", + {money(extra[sid], fund.currency, 'en')} left over by rounding ({how_en})"
        amount = floor[sid] + extra.get(sid, Decimal(0))
        ni = f"Dana insentif daerah {money(amount, fund.currency, 'id')}: {ni}"
        ne = f"Regional incentive fund {money(amount, fund.currency, 'en')}: {ne}"
        if left:
            ni += f"; sisa {money(left, fund.currency, 'id')} tidak dibagikan"
            ne += f"; {money(left, fund.currency, 'en')} left unallocated"
        out.append(Allocation(sid, w.rank, wt, amount, ni, ne))
    return out, left


# --------------------------------------------------------------------------- config


def _number(value: Any, where: str, *, positive: bool = False) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise FundError(f"{where}: a number is expected, not {value!r}")
    try:
        out = Decimal(str(value).replace("_", ""))
    except ArithmeticError:
        raise FundError(f"{where}: a number is expected, not {value!r}") from None
    if not out.is_finite() or out < 0 or (positive and out == 0):
        raise FundError(f"{where}: must be {'greater than 0' if positive else 'at least 0'}, not {value!r}")
    return out


def _fund(fund_id: str, data: Any, where: str) -> Fund:
    here = f"{where}: funds.{fund_id}"
    if not isinstance(data, Mapping):
        raise FundError(f"{here}: a mapping is expected")
    unknown = sorted(set(data) - set(_KEYS))
    if unknown:
        raise FundError(f"{here}: unknown key(s) {', '.join(map(str, unknown))}; known: {', '.join(_KEYS)}")
    for key in ("award", "budget", "shares"):
        if key not in data:
            raise FundError(f"{here}: `{key}` is required")
    shares_raw = data["shares"]
    if not isinstance(shares_raw, Mapping) or not shares_raw:
        raise FundError(f"{here}.shares: a mapping of rank to weight is expected, e.g. {{1: 50, 2: 30, 3: 20}}")
    shares: dict[int, Decimal] = {}
    for rank, w in shares_raw.items():
        if isinstance(rank, bool) or not isinstance(rank, int) or rank < 1:
            raise FundError(f"{here}.shares: a rank is a whole number from 1, not {rank!r}")
        shares[rank] = _number(w, f"{here}.shares.{rank}")
    unit = _number(data.get("rounding", 1000), f"{here}.rounding", positive=True)
    budget = _number(data["budget"], f"{here}.budget")
    minimum = _number(data.get("minimum", 0), f"{here}.minimum")
    for name, value in (("budget", budget), ("minimum", minimum)):
        if value % unit:
            raise FundError(f"{here}.{name}: {value} is not a whole multiple of rounding ({unit})")
    remainder = data.get("remainder", "largest_fraction")
    if remainder not in REMAINDER_RULES:
        raise FundError(f"{here}.remainder: {remainder!r}; one of {', '.join(REMAINDER_RULES)}")
    return Fund(
        award=str(data["award"]),
        budget=budget,
        shares=shares,
        other_share=_number(data.get("other_share", 0), f"{here}.other_share"),
        minimum=minimum,
        rounding=unit,
        remainder=str(remainder),
        currency=str(data.get("currency", "Rp")),
    )


def load_funds(source: str | os.PathLike[str] | Mapping[str, Any]) -> dict[str, Fund]:
    """The funds of a configuration: a YAML file, or the same data as a mapping.

    The file holds ``funds:``, a mapping of ruleset id (or ``default``) to a fund.

    :raises FundError: naming the file and the key at fault.
    """
    if isinstance(source, Mapping):
        data: Any = source
        where = "<config>"
    else:
        where = os.fspath(source)
        try:
            data = yaml.safe_load(Path(source).read_text(encoding="utf-8"))
        except OSError as exc:
            raise FundError(f"{where}: cannot read the configuration: {exc.strerror}") from None
        except yaml.YAMLError as exc:
            raise FundError(f"{where}: not valid YAML: {exc}") from None
    if not isinstance(data, Mapping) or not isinstance(data.get("funds"), Mapping):
        raise FundError(f"{where}: the configuration needs `funds:`, a mapping of ruleset id to a fund")
    return {str(k): _fund(str(k), v, where) for k, v in data["funds"].items()}
