"""Shared test settings."""

from hypothesis import settings

# `pytest --hypothesis-profile=fuzz` (what `nox -s fuzz` runs): the fuzz tests at length
settings.register_profile("fuzz", max_examples=1_000, deadline=None)
