"""Drafting synthetic submissions: clean ones, and flawed ones with one realistic fault."""

from __future__ import annotations

import datetime
import random
from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from ..edition import Innovation, Participant, Submission
from ..ruleset.model import Ruleset
from ._profile import _ExtraRule, _Profile, _slug
from ._tables import (
    _ACRONYM_PREFIXES,
    _BUMN,
    _DISTRICTS,
    _FIRST_NAMES,
    _GENERIC_DISTRICTS,
    _JATIM_BUMD,
    _LAST_NAMES,
    _MINISTRIES,
    _NATIONAL_AGENCIES,
    _PROVINCE,
    _REGIONAL_AGENCIES,
    _SDGS,
    _SYLLABLES,
    _THEME_WORDS,
    _THEMES,
    _VENTURE_FORMS,
    _VENTURE_WORDS,
    _WINDOW_DAYS,
    _WINNER_TIERS,
    PROVINCES,
)


@attrs.define
class _Draft:
    """One submission being drafted (mutable until the edition is built)."""

    kind: str
    eligible: bool
    agency: str | None = None
    province: str | None = None
    regency: str | None = None
    name: str | None = None
    category: str | None = None
    group: str | None = None
    registered: datetime.date | None = None
    wave: str | None = None
    status: str | None = None
    started: datetime.date | None = None
    awards: tuple[str, ...] = ()
    extra: dict[str, object] = attrs.field(factory=dict)
    title: str = ""
    withdrawn: bool = False
    duplicate_of: _Draft | None = None
    flaw: str | None = None

    def submission(self, sid: str) -> Submission:
        title = self.duplicate_of.title if self.duplicate_of is not None else self.title
        return Submission(
            sid,
            title=title,
            participant=Participant(self.kind, self.agency, self.province, self.regency, self.name),
            innovation=Innovation(self.status, self.started, self.awards),
            category=self.category,
            group=self.group,
            registered=self.registered,
            wave=self.wave,
            withdrawn=self.withdrawn,
            extra={k: v for k, v in self.extra.items() if v is not None},
        )


def _weighted(rng: random.Random, items: Sequence[str], weights: Sequence[float]) -> str:
    return rng.choices(items, weights=weights, k=1)[0]


def _shares(total: int, weights: Mapping[str, float]) -> dict[str, int]:
    """``total`` shared in proportion to ``weights`` (largest remainder)."""
    keys = list(weights)
    wsum = sum(weights.values())
    if total <= 0 or wsum <= 0:
        return dict.fromkeys(keys, 0)
    quotas = {k: total * weights[k] / wsum for k in keys}
    out = {k: int(q) for k, q in quotas.items()}
    left = total - sum(out.values())
    for k in sorted(keys, key=lambda k: (-(quotas[k] - out[k]), keys.index(k)))[:left]:
        out[k] += 1
    return out


class _Drafter:
    """Draws clean and flawed submissions for one ruleset."""

    def __init__(self, rs: Ruleset, profile: _Profile, rng: random.Random) -> None:
        self.rs = rs
        self.p = profile
        self.rng = rng
        self.params = dict(rs.parameters)
        self.titles: set[str] = set()
        self.flaws = self._flaws()
        prov_ids = [p[0] for p in PROVINCES]
        self.province_ids = prov_ids
        self.province_weights = [float(p[2]) for p in PROVINCES]

    # -- the faults an ineligible entry can have, with how often each occurs
    def _flaws(self) -> list[tuple[str, float]]:
        p = self.p
        out: list[tuple[str, float]] = []
        for path in sorted(p.extras):
            # How often each administrative rejection occurs was not published: an extra
            # field's fault weighs like the others.
            out.append((f"extra:{path}", 1.5))
        if p.min_years is not None and p.min_years > 0:
            out.append(("young", 3.0))
        if p.max_years is not None:
            out.append(("old", 1.0))
        if p.registered_rule:
            out.append(("late", 2.0))
        if p.awards_rule:
            out.append(("awards", 1.5))
        if p.statuses is not None:
            out.append(("status", 1.5))
        if p.category_rule:
            out.append(("category", 3.0 if p.category_lookup else 1.0))
        if p.allowed_kinds is not None:
            out.append(("kind", 0.4))
        if p.provinces is not None and not p.region_province:
            out.append(("province", 1.0))
        if len(self.p.groups) > 1:
            out.append(("group", 0.2))
        return out

    # -- places and agencies
    def place(self, d: _Draft) -> None:
        rng, p = self.rng, self.p
        kind = d.kind
        if p.provinces is not None and not p.region_province:
            allowed = [x for x in p.provinces if x in _PROVINCE] or list(p.provinces)
            weights = [float(_PROVINCE[x][2]) if x in _PROVINCE else 1.0 for x in allowed]
            province = _weighted(rng, allowed, weights)
        elif p.region_province:
            province = p.region_province
        else:
            province = _weighted(rng, self.province_ids, self.province_weights)
        prov = _PROVINCE.get(province)
        d.province, d.regency, d.name = province, None, None
        if kind == "kementerian":
            d.agency, d.province = rng.choice(_MINISTRIES), "dki"
        elif kind == "lembaga":
            d.agency, d.province = rng.choice(_NATIONAL_AGENCIES), "dki"
        elif kind == "bumn":
            d.agency, d.province = rng.choice(_BUMN), "dki"
        elif kind == "provinsi" and prov is not None:
            if province == "dki":
                d.agency = "Pemprov DKI Jakarta"
            else:
                d.agency = f"Pemprov {prov[1]}"
            d.name = f"{rng.choice(_REGIONAL_AGENCIES)[0]} Provinsi {prov[1]}"
        elif kind in ("kabupaten", "kota") and prov is not None:
            names = prov[3] if kind == "kabupaten" else prov[4]
            if not names:  # a province without cities (or regencies): pick one that has
                options = [q for q in PROVINCES if (q[3] if kind == "kabupaten" else q[4])]
                if p.region_province is None and p.provinces is None:
                    prov = rng.choice(options)
                    d.province = prov[0]
                    names = prov[3] if kind == "kabupaten" else prov[4]
                else:
                    names = prov[3] or prov[4]
            place = rng.choice(names)
            is_city = kind == "kota"
            shared = place in prov[3] and place in prov[4]
            d.regency = f"kota-{_slug(place)}" if is_city and shared else _slug(place)
            d.agency = f"{'Pemkot' if is_city else 'Pemkab'} {place}"
            d.name = f"{rng.choice(_REGIONAL_AGENCIES)[0]} {'Kota' if is_city else 'Kabupaten'} {place}"
        elif kind == "perangkat_daerah_provinsi" and prov is not None:
            d.agency = f"{rng.choice(_REGIONAL_AGENCIES)[0]} Provinsi {prov[1]}"
        elif kind in ("perangkat_daerah", "upt", "bumd") and p.region is not None:
            self._regional(d)
        elif kind == "bumd" and prov is not None:
            d.agency = rng.choice(_JATIM_BUMD) if province == "jatim" else f"Perumda Air Minum {prov[1]}"
        elif kind == "wirausaha_sosial":
            words = rng.sample(_VENTURE_WORDS, 2)
            d.agency = f"{rng.choice(_VENTURE_FORMS)} {words[0]} {words[1]}"
            d.name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
            if prov is not None and prov[3]:
                d.regency = _slug(rng.choice(prov[3]))
        else:
            d.agency = f"{kind.replace('_', ' ').title()} {rng.randint(1, 40)}"
        if p.wave_of and d.province is not None:
            w = p.wave_of.get(d.province.casefold())
            d.wave = w.id if w is not None else None

    def _regional(self, d: _Draft) -> None:
        rng, region = self.rng, self.p.region or "sukoharjo"
        label = region.replace("kota-", "").replace("-", " ").title()
        districts = _DISTRICTS.get(region, _GENERIC_DISTRICTS)
        d.regency = region
        if d.kind == "bumd":
            d.agency = rng.choice(
                (f"Perumda Air Minum {label}", f"PT BPR Bank {label} (Perseroda)", f"Perumda Pasar {label}")
            )
            return
        if d.kind == "upt":
            with_units = [a for a in _REGIONAL_AGENCIES if a[1]]
            parent, unit = rng.choice(with_units)
            assert unit is not None
            d.agency = parent
            d.name = unit.format(kec=rng.choice(districts), n=rng.randint(1, 4))
            return
        if rng.random() < 0.15:
            d.agency = f"Kecamatan {rng.choice(districts)}"
        else:
            d.agency = rng.choice(_REGIONAL_AGENCIES)[0]

    # -- the rest of a clean draft
    def category(self, d: _Draft) -> None:
        p, rng = self.p, self.rng
        options: Sequence[str] = p.categories
        if p.category_lookup is not None:
            table, key, default = p.category_lookup
            mapping = self.params.get(table)
            keyval = {"participant.province": d.province, "participant.kind": d.kind,
                      "group": d.group, "wave": d.wave}.get(key)
            found = mapping.get(keyval) if isinstance(mapping, Mapping) and keyval is not None else None
            chosen = found if found is not None else default
            if isinstance(chosen, (list, tuple)) and chosen:
                options = [str(c) for c in chosen]
        d.category = rng.choice(list(options)) if options else None

    def dates(self, d: _Draft) -> None:
        p, rng = self.p, self.rng
        closes, opens = p.reference, p.opens
        w = p.wave_of.get(d.province.casefold()) if p.wave_of and d.province else None
        if w is not None:
            closes = w.closes or closes
            opens = w.opens or (closes - datetime.timedelta(days=_WINDOW_DAYS))
        window = max((closes - opens).days, 1)
        # Most register in the last weeks before the deadline.
        back = min(int(rng.expovariate(1 / max(window / 4, 1))), window)
        d.registered = closes - datetime.timedelta(days=back)
        status_pool = p.statuses or ("berjalan", "selesai", "rintisan")
        weights = {"berjalan": 6.0, "selesai": 1.0, "rintisan": 2.5}
        candidates = [s for s in status_pool if p.min_years is None or p.min_years < 1 or s != "rintisan"]
        d.status = _weighted(rng, candidates or list(status_pool), [weights.get(s, 1.0) for s in candidates or status_pool])
        # Ages are counted to the registration close (as the rules do), and an
        # innovation started before it was registered.
        ref = min(p.reference, d.registered - datetime.timedelta(days=7))
        if d.status == "rintisan":
            age = rng.randint(40, 330)
        else:
            # Running innovations are mostly one to four years old; completed ones older.
            low = max(float(p.min_years or 0) * 365.25 + 20, 400.0 if d.status == "selesai" else 120.0)
            high = float(p.max_years) * 365.25 - 20 if p.max_years is not None else low + 6 * 365
            high = max(high, low + 30)
            age = int(low + min(rng.expovariate(1 / (2.2 * 365)), high - low))
        d.started = ref - datetime.timedelta(days=age)

    def awards(self, d: _Draft) -> None:
        rng = self.rng
        if d.group == "khusus":
            tier = rng.choice(_WINNER_TIERS)
            d.awards = ("top-99", tier) if rng.random() < 0.8 else ("top-99", "top-99", tier)
            return
        d.awards = ("top-99",) if self.p.awards_rule and rng.random() < 0.08 else ()

    def extras(self, d: _Draft) -> None:
        d.extra = {}
        needs_record = any(r.where is not None for rules in self.p.extras.values() for r in rules)
        record = d.submission("draft") if needs_record else None
        for path, rules in sorted(self.p.extras.items()):
            value: object = None
            applied = False
            for rule in rules:
                if rule.where is not None and record is not None and rule.where(record).value is not True:
                    continue
                applied = True
                value = self._satisfy(path, rule, d)
                break
            if not applied:
                value = self._absent(rules)
            d.extra[path] = value
        for path in self.p.soft_extras:
            d.extra[path] = self.rng.random() < 0.5

    def _satisfy(self, path: str, rule: _ExtraRule, d: _Draft) -> object:
        if not rule.positive:
            return self._violate(path, rule)
        rng, op, v = self.rng, rule.op, rule.value
        if path == "sdgs" or (op == "exists" and "sdg" in path):
            return tuple(sorted(rng.sample(_SDGS, rng.randint(1, 3)), key=int))
        if op == "exists":
            if v is False:
                return None
            if "replicated" in path or "replikasi" in path:
                return f"{rng.choice(_THEMES['umum'])} ({rng.choice(_MINISTRIES + _NATIONAL_AGENCIES)}), Top 99 {self.p.reference.year - 2}"
            return "ya"
        if op == "equals":
            return v
        if op == "not_equals":
            return (not v) if isinstance(v, bool) else "lainnya"
        if op == "in" and isinstance(v, (list, tuple)) and v:
            return rng.choice(list(v))
        if op == "not_in":
            return "lainnya"
        if op == "contains":
            return (rng.choice(list(v)),) if isinstance(v, (list, tuple)) else (v,)
        if op in ("at_least", "greater_than") and isinstance(v, (int, Decimal)):
            return Decimal(v) + rng.randint(1 if op == "greater_than" else 0, 5)
        if op in ("at_most", "less_than") and isinstance(v, (int, Decimal)):
            return Decimal(v) - rng.randint(1 if op == "less_than" else 0, 5)
        if op == "between" and isinstance(v, (list, tuple)) and len(v) == 2:
            lo, hi = (Decimal(str(x)) for x in v)
            return lo + (hi - lo) * Decimal(rng.randint(0, 10)) / 10
        return "ya"

    def _violate(self, path: str, rule: _ExtraRule) -> object:
        op, v = rule.op, rule.value
        if op == "equals":
            return (not v) if isinstance(v, bool) else "lainnya"
        if op == "not_equals":
            return v
        if op in ("in", "contains"):
            return "lainnya" if op == "in" else ()
        if op == "not_in" and isinstance(v, (list, tuple)) and v:
            return v[0]
        if op == "exists":
            return "ya" if v is False else None
        if op in ("at_least", "greater_than") and isinstance(v, (int, Decimal)):
            return Decimal(v) - 1
        if op in ("at_most", "less_than") and isinstance(v, (int, Decimal)):
            return Decimal(v) + 1
        return None

    @staticmethod
    def _absent(rules: Sequence[_ExtraRule]) -> object:
        for r in rules:
            if r.op == "equals" and isinstance(r.value, bool):
                return not r.value
        return None

    def title(self, d: _Draft) -> None:
        rng = self.rng
        # Without categories, any theme will do; otherwise the category's theme.
        theme = rng.choice(sorted(_THEMES)) if not d.category else "umum"
        cat = (d.category or "").lower()
        for word, name in _THEME_WORDS:
            if word in cat:
                theme = name
                break
        for attempt in range(50):
            prefix = rng.choice(_ACRONYM_PREFIXES)
            acronym = prefix + "".join(rng.sample(_SYLLABLES, rng.randint(2, 3)))
            phrase = rng.choice(_THEMES[theme])
            if d.kind == "wirausaha_sosial":
                text = f"{d.agency}: {phrase}"
            elif d.regency and rng.random() < 0.5:
                place = d.regency.replace("kota-", "Kota ").replace("-", " ").title()
                text = f"{acronym}: {phrase} {place}"
            else:
                text = f"{acronym}: {phrase}"
            if attempt > 40:
                text = f"{text} {attempt}"
            if text not in self.titles:
                self.titles.add(text)
                d.title = text
                return
        raise AssertionError("unreachable: titles with a counter are unique")  # pragma: no cover

    def group(self, d: _Draft) -> None:
        gs = self.p.groups
        if not gs:
            d.group = None
            return
        weights = [8.0 if i == 0 else 1.2 if i == 1 else 0.8 for i in range(len(gs))]
        d.group = _weighted(self.rng, list(gs), weights)

    def clean(self, d: _Draft) -> None:
        """Fill every field with a value the ruleset's rules accept."""
        d.flaw = None
        self.place(d)
        self.group(d)
        self.category(d)
        self.dates(d)
        self.awards(d)
        self.extras(d)
        if d.title:
            self.titles.discard(d.title)
        self.title(d)

    def flawed(self, d: _Draft) -> None:
        """A clean draft with one realistic fault."""
        self.clean(d)
        if not self.flaws:
            return
        names = [f for f, _ in self.flaws]
        flaw = _weighted(self.rng, names, [w for _, w in self.flaws])
        d.flaw = flaw
        self.apply_flaw(d, flaw)

    def apply_flaw(self, d: _Draft, flaw: str) -> None:
        rng, p = self.rng, self.p
        if flaw.startswith("extra:"):
            path = flaw.split(":", 1)[1]
            rules = p.extras[path]
            record = d.submission("draft")
            rule = next((r for r in rules if r.where is None or r.where(record).value is True), rules[0])
            d.extra[path] = self._violate(path, rule)
        elif flaw == "young" and p.min_years is not None:
            limit = max(int(float(p.min_years) * 365.25) - 20, 31)
            base = min(p.reference, (d.registered or p.reference) - datetime.timedelta(days=7))
            d.started = base - datetime.timedelta(days=rng.randint(30, limit))
            if d.status == "selesai":
                d.status = "berjalan"
        elif flaw == "old" and p.max_years is not None:
            d.started = p.reference - datetime.timedelta(days=int(float(p.max_years) * 365.25) + rng.randint(30, 700))
        elif flaw == "late":
            w = p.wave_of.get(d.province.casefold()) if p.wave_of and d.province else None
            closes = (w.closes if w is not None and w.closes else None) or p.reference
            d.registered = closes + datetime.timedelta(days=rng.randint(1, 12))
        elif flaw == "awards":
            tiers = [t for t in ("top-40", "top-35") if d.group != "khusus"]
            d.awards = ("top-99", "top-99") if rng.random() < 0.6 or not tiers else ("top-99", rng.choice(tiers))
        elif flaw == "status":
            d.status = rng.choice(("gagasan", "dihentikan"))
        elif flaw == "category":
            outside = [c for c in p.categories if c != d.category]
            if p.category_lookup is not None and outside:
                d.category = rng.choice(outside)
            else:
                d.category = "lainnya"
        elif flaw == "kind" and p.allowed_kinds is not None:
            d.kind = rng.choice([k for k in ("desa", "bumd", "swasta", "perorangan") if k not in p.allowed_kinds])
        elif flaw == "province":
            others = [q[0] for q in PROVINCES if p.provinces is None or q[0] not in p.provinces]
            d.province = rng.choice(others)
            d.wave = None
        elif flaw == "group":
            d.group = "lainnya"
