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
    session.install(".[test,excel,report,serve]")
    session.run("pytest", *session.posargs)


@nox.session
def fuzz(session: nox.Session) -> None:
    """The fuzz tests of the ruleset and test-case readers at length (the ``fuzz``
    hypothesis profile: thousands of hostile inputs per test)."""
    session.install(".[test,excel,report]")
    session.run(
        "pytest", str(TESTS / "test_fuzz.py"), "--hypothesis-profile=fuzz", "-q", *session.posargs
    )


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
    run beside the pandas yardstick; 1,000 replicates of rank confidence on the KIPP 2019
    history against its explained evaluation; refusing hostile YAML beside loading a
    ruleset."""
    session.install(".[bench]")
    session.run("python", str(BENCHMARKS / "bench_evaluate.py"), *session.posargs)
    session.run("python", str(BENCHMARKS / "bench_robustness.py"))
    session.run("python", str(BENCHMARKS / "bench_yaml_limits.py"))


@nox.session
def build(session: nox.Session) -> None:
    """Build the wheel and check that an installed wheel finds the bundled rulesets."""
    session.install("build")
    session.run("python", "-m", "build", "--wheel", "--outdir", "dist")
    wheel = sorted((ROOT / "dist").glob("inovasi_rules-*.whl"))[-1]
    session.install(str(wheel), "--force-reinstall")
    session.run("inovasi-rules", "list")


@nox.session
def browser(session: nox.Session) -> None:
    """The web page in Debian's chromium (/usr/bin/chromium, `apt-get install chromium`)
    driven by Playwright, which never downloads a browser; and the curl, JavaScript, PHP
    (`apt-get install php-cli`) and Java clients of docs/service.md against a live
    service. Screenshots go to browser_tests/screenshots/."""
    session.install(".[test,serve]", "playwright>=1.40")
    session.run("pytest", "-p", "no:cacheprovider", str(ROOT / "browser_tests"), *session.posargs)


@nox.session(name="bench-service")
def bench_service(session: nox.Session) -> None:
    """Load test of `inovasi-rules serve` on loopback: at least 50 concurrent evaluate
    requests, every answer byte-identical to the CLI's JSON, latency percentiles."""
    session.install(".[serve,test]")
    session.run("python", str(BENCHMARKS / "bench_service.py"), *session.posargs)
