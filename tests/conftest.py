"""Shared test settings.

Hypothesis's per-example deadline and its "too slow" health check are timings: on a
busy machine they fail a correct test. Timings belong in ``benchmarks/``, so both are
off for the whole suite.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "inovasi_rules", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("inovasi_rules")
# `pytest --hypothesis-profile=fuzz` (what `nox -s fuzz` runs): the fuzz tests at length
settings.register_profile("fuzz", parent=settings.get_profile("inovasi_rules"), max_examples=1_000)
