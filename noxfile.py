"""Development tasks: ``nox -s tests lint typing docs bench build``.

Every session installs the project into its own virtualenv, so a session that passes
here passes on a fresh machine.
"""

from __future__ import annotations

from pathlib import Path

import nox

ROOT = Path(__file__).parent
SRC = ROOT / "src" / "inovasi_rules"
TESTS = ROOT / "tests"
DOCS = ROOT / "docs"
BENCHMARKS = ROOT / "benchmarks"

nox.options.sessions = ["tests", "lint", "typing"]
nox.options.reuse_existing_virtualenvs = True


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite against a regular (non-editable) install."""
    session.install(".[test,excel,report]")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff: lint and formatting check."""
    session.install("ruff")
    session.run("ruff", "check", str(SRC), str(TESTS), str(BENCHMARKS), "noxfile.py")


@nox.session
def typing(session: nox.Session) -> None:
    """mypy --strict on the library (with every extra its modules import: the pytest
    plugin and the hypothesis strategies are part of it)."""
    session.install(".[dev]")
    session.run("mypy")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation site with warnings as errors."""
    session.install(".[docs]")
    session.run("mkdocs", "build", "--strict", "--site-dir", "site")


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks: evaluate end to end from CSV for 10,000 and 100,000 submissions, each
    run beside the pandas yardstick; refusing hostile YAML beside loading a ruleset."""
    session.install(".[bench]")
    session.run("python", str(BENCHMARKS / "bench_evaluate.py"), *session.posargs)
    session.run("python", str(BENCHMARKS / "bench_yaml_limits.py"))


@nox.session
def build(session: nox.Session) -> None:
    """Build the wheel and check that an installed wheel finds the bundled rulesets."""
    session.install("build")
    session.run("python", "-m", "build", "--wheel", "--outdir", "dist")
    wheel = sorted((ROOT / "dist").glob("inovasi_rules-*.whl"))[-1]
    session.install(str(wheel), "--force-reinstall")
    session.run("inovasi-rules", "list")
