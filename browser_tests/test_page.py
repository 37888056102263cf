"""The web page as an organiser uses it, in Debian's chromium driven by Playwright:
upload the Sukoharjo example, read the winners off the page, open one story.

Run by ``nox -s browser`` (and by ``.ci/run``), not by the plain ``pytest``: it needs
chromium at /usr/bin/chromium (``apt-get install chromium``). Screenshots of the page
in Indonesian and English are written to ``browser_tests/screenshots/``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Page, expect, sync_playwright

from inovasi_rules.cli import main
from inovasi_rules.service import create_app
from inovasi_rules.service.local import serving

ROOT = Path(__file__).resolve().parents[1]
SUKOHARJO = ROOT / "examples" / "sukoharjo-2023"
SHOTS = Path(__file__).parent / "screenshots"
CHROMIUM = os.environ.get("INOVASI_RULES_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serving(create_app(workers=1)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    # offline: any request that leaves the loopback interface fails the test
    outside: list[str] = []
    pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "blob:", "data:")) else None)
    yield pg
    context.close()
    assert not outside, outside


def cli_result() -> dict:
    run = CliRunner().invoke(main, ["evaluate", "kipp-sukoharjo-2023", str(SUKOHARJO), "--format", "json"])
    return json.loads(run.stdout)


def expected_winners() -> list[str]:
    rows = [(g["rank"], s["id"]) for s in cli_result()["submissions"] for g in s["awards"]]
    return [sid for _, sid in sorted(rows)]


def upload_sukoharjo(page: Page, base: str, lang: str) -> None:
    page.goto(f"{base}/?lang={lang}")
    page.set_input_files("#edition-files", sorted(str(p) for p in SUKOHARJO.iterdir()))
    page.click("#evaluate-button")
    page.wait_for_selector("table.winners")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_upload_read_the_winners_and_open_a_story(page: Page, base: str, lang: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.goto(f"{base}/?lang={lang}")
    expect(page.locator("h2").first).to_have_text("Evaluasi edisi" if lang == "id" else "Evaluate an edition")
    page.screenshot(path=str(SHOTS / f"home-{lang}.png"), full_page=True)

    upload_sukoharjo(page, base, lang)
    winners = page.locator("table.winners tbody tr td:nth-child(2)").all_inner_texts()
    assert winners == expected_winners()
    for stage in cli_result()["stages"]:
        expect(page.locator("#funnel")).to_contain_text(stage["name"][lang])
    page.screenshot(path=str(SHOTS / f"result-{lang}.png"), full_page=True)

    first = winners[0]
    story = page.locator(f"#story-{first}")
    expect(story).not_to_have_attribute("open", "")
    page.click(f"table.winners a[href='#story-{first}']")
    expect(story).to_have_attribute("open", "")
    expect(story.locator("pre")).to_contain_text(first)
    expect(story.locator("pre")).to_contain_text("Penghargaan" if lang == "id" else "Awards")
    story.screenshot(path=str(SHOTS / f"story-{lang}.png"))


def test_the_result_downloads_as_the_cli_writes_it(page: Page, base: str, tmp_path: Path) -> None:
    upload_sukoharjo(page, base, "id")
    with page.expect_download() as download:
        page.click("#download-json")
    saved = tmp_path / "result.json"
    download.value.save_as(saved)
    run = CliRunner().invoke(main, ["evaluate", "kipp-sukoharjo-2023", str(SUKOHARJO), "--format", "json"])
    assert saved.read_bytes() == run.stdout_bytes


def test_a_ruleset_with_a_mistake_shows_it_at_its_line(page: Page, base: str) -> None:
    page.goto(f"{base}/?lang=id")
    page.fill("textarea[name=yaml]", "schema_version: 1\nid: kipp-klaten-2025\nextends: kipp-regional\nnama: Klaten\n")
    page.click("#check button[type=submit]")
    expect(page.locator("#verdict")).to_contain_text("TIDAK SAH")
    expect(page.locator("tr#L4")).to_have_class("marked")
    page.screenshot(path=str(SHOTS / "check-id.png"), full_page=True)
