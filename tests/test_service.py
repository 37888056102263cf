"""The HTTP service as a host system calls it: a real server on the loopback interface,
an HTTP client, and the CLI's own output as the yardstick."""

from __future__ import annotations

import base64
import io
import json
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from inovasi_rules import describe_ruleset, load_ruleset
from inovasi_rules.cli import main
from inovasi_rules.contract import schema
from inovasi_rules.service import create_app
from inovasi_rules.service.local import serving

ROOT = Path(__file__).resolve().parents[1]
SUKOHARJO = ROOT / "examples" / "sukoharjo-2023"
WINNER = ROOT / "examples" / "winner-2023"
KIPP_2019 = ROOT / "examples" / "history" / "kipp-2019"


def cli(*args: str) -> bytes:
    """What the command line writes for ``args`` (the yardstick)."""
    run = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert run.exit_code == 0, run.output
    return run.stdout_bytes


def edition_files(folder: Path) -> list[tuple[str, tuple[str, bytes]]]:
    return [("edition", (p.name, p.read_bytes())) for p in sorted(folder.iterdir()) if p.is_file()]


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serving(create_app(workers=2, timeout_seconds=120)) as url:
        yield url


@pytest.fixture(scope="module")
def client(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=300) as c:
        yield c


_PROBLEM = {**schema("problems")["$defs"]["problem"], "$defs": schema("problems")["$defs"]}


def assert_problem(response: httpx.Response, status: int, kind: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["type"] == f"/docs#problem-{kind}"
    assert body["title"]
    assert body["detail"]
    assert body["problems"], body
    for item in body["problems"]:  # each one a problem of the published contract
        jsonschema.Draft202012Validator(_PROBLEM).validate(item)
    return body


# --------------------------------------------------------------------------- rulesets


def test_lists_the_bundled_rulesets_with_names_in_both_languages(client: httpx.Client) -> None:
    listed = {r["id"]: r for r in client.get("/api/v1/rulesets").json()}
    skh = listed["kipp-sukoharjo-2023"]
    assert skh["extends"] == "kipp-regional"
    assert skh["name"]["id"] != skh["name"]["en"]
    assert "kipp-2019" in listed


def test_shows_a_ruleset_in_words_as_the_library_describes_it(client: httpx.Client) -> None:
    shown = client.get("/api/v1/rulesets/kipp-sukoharjo-2023").json()
    ruleset = load_ruleset("kipp-sukoharjo-2023")
    assert shown["description"] == {"id": describe_ruleset(ruleset, "id"),
                                     "en": describe_ruleset(ruleset, "en")}


def test_an_unknown_ruleset_is_a_problem_with_a_suggestion(client: httpx.Client) -> None:
    body = assert_problem(client.get("/api/v1/rulesets/kipp-sukoharjo-2032"), 404, "ruleset-not-found")
    assert "kipp-sukoharjo-2023" in body["problems"][0]["hint"]


def test_validate_locates_each_problem_in_both_languages(client: httpx.Client) -> None:
    text = "schema_version: 1\nid: kipp-klaten-2025\nextends: kipp-regional\nstages:\n  - id: x\n    kidn: screening\n"
    body = client.post("/api/v1/rulesets/validate", params={"name": "klaten.yaml"},
                       content=text, headers={"content-type": "application/yaml"}).json()
    assert body["valid"] is False
    assert body["errors"] >= 1
    located = [p for p in body["problems"] if p["file"] == "klaten.yaml"]
    assert located
    assert all(p["line"] and p["column"] for p in located)
    assert any(p["line"] == 6 for p in located)
    assert all(" / " in p["message"] for p in located)  # English / Indonesian
    assert body["summary"] is None


def test_validate_a_valid_extension_gives_its_summary_in_words(client: httpx.Client) -> None:
    text = ("schema_version: 1\nid: kipp-klaten-2025\nextends: kipp-sukoharjo-2023\n"
            "name: {id: KIPP Klaten 2025, en: Klaten KIPP 2025}\n")
    body = client.post("/api/v1/rulesets/validate", content=text).json()
    assert body["valid"] is True, body
    assert body["ruleset"]["name"] == {"id": "KIPP Klaten 2025", "en": "Klaten KIPP 2025"}
    assert "KIPP Klaten 2025" in body["summary"]["id"]
    assert "Klaten KIPP 2025" in body["summary"]["en"]


@pytest.mark.parametrize("parent", ["/etc/passwd", "../../../../etc/hostname", "ruleset.yaml"])
def test_extends_resolves_only_among_the_services_rulesets(client: httpx.Client, parent: str) -> None:
    text = f"schema_version: 1\nid: sneaky\nextends: {parent}\nname: x\n"
    body = client.post("/api/v1/rulesets/validate", content=text).json()
    assert body["valid"] is False
    assert any(p["path"] == "extends" or p["rule"] in ("unknown-parent", "not-found", "extends")
               for p in body["problems"]), body


# --------------------------------------------------------------------------- evaluate


@pytest.mark.parametrize("folder", [SUKOHARJO, WINNER], ids=lambda p: p.name)
def test_evaluate_csv_files_is_byte_identical_to_the_cli(client: httpx.Client, folder: Path) -> None:
    ruleset = yaml.safe_load((folder / "edition.yaml").read_text())["ruleset"]
    response = client.post("/api/v1/evaluate", files=edition_files(folder))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.content == cli("evaluate", ruleset, str(folder), "--format", "json")
    jsonschema.Draft202012Validator(schema("result")).validate(response.json())


def _as_json_edition(folder: Path) -> dict:
    """The folder's tables as the JSON layout read_edition reads (nested participant
    and innovation objects, empty cells left out)."""
    import csv

    def rows(name: str) -> list[dict]:
        path = folder / name
        if not path.exists():
            return []
        out = []
        with path.open(encoding="utf-8") as f:
            table = list(csv.DictReader(f))
        for row in table:
            item: dict = {}
            for key, value in row.items():
                if value == "":
                    continue
                head, dot, tail = key.partition(".")
                if dot:
                    item.setdefault(head, {})[tail] = value
                else:
                    item[key] = value
            out.append(item)
        return out

    meta = yaml.safe_load((folder / "edition.yaml").read_text())
    return {"edition": meta, "submissions": rows("submissions.csv"), "judges": rows("judges.csv"),
            "scores": rows("scores.csv"), "verdicts": rows("verdicts.csv")}


def test_evaluate_a_json_edition_is_byte_identical_to_the_cli(client: httpx.Client, tmp_path: Path) -> None:
    path = tmp_path / "sukoharjo.json"
    path.write_text(json.dumps(_as_json_edition(SUKOHARJO)), encoding="utf-8")
    response = client.post("/api/v1/evaluate", content=path.read_bytes(),
                           headers={"content-type": "application/json"})
    assert response.status_code == 200, response.text
    expected = cli("evaluate", "kipp-sukoharjo-2023", str(path), "--format", "json")
    assert response.content == expected
    assert response.content == cli("evaluate", "kipp-sukoharjo-2023", str(SUKOHARJO), "--format", "json")


def test_evaluate_an_xlsx_workbook_is_byte_identical_to_the_cli(client: httpx.Client, tmp_path: Path) -> None:
    import csv

    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name in ("submissions", "judges", "scores", "verdicts"):
        sheet = workbook.create_sheet(name)
        with (SUKOHARJO / f"{name}.csv").open(encoding="utf-8") as f:
            for row in csv.reader(f):
                sheet.append(row)
    meta = workbook.create_sheet("edition")
    for key, value in yaml.safe_load((SUKOHARJO / "edition.yaml").read_text()).items():
        meta.append([key, value])
    path = tmp_path / "sukoharjo.xlsx"
    workbook.save(path)
    response = client.post("/api/v1/evaluate", files=[("edition", ("sukoharjo.xlsx", path.read_bytes()))])
    assert response.status_code == 200, response.text
    assert response.content == cli("evaluate", "kipp-sukoharjo-2023", str(path), "--format", "json")


def test_evaluate_as_csv_is_what_the_cli_writes(client: httpx.Client) -> None:
    response = client.post("/api/v1/evaluate", params={"format": "csv", "lang": "en"},
                           files=edition_files(SUKOHARJO))
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content == cli("evaluate", "kipp-sukoharjo-2023", str(SUKOHARJO),
                                   "--format", "csv", "--lang", "en")


def _sheet_rows(workbook: bytes) -> dict[str, list[tuple[object, ...]]]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(workbook), read_only=True)
    return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}


def test_evaluate_as_xlsx_is_the_workbook_the_cli_writes(client: httpx.Client, tmp_path: Path) -> None:
    response = client.post("/api/v1/evaluate", params={"format": "xlsx", "lang": "id"},
                           files=edition_files(SUKOHARJO))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    out = tmp_path / "hasil.xlsx"
    cli("evaluate", "kipp-sukoharjo-2023", str(SUKOHARJO), "--out", str(out))
    served, written = _sheet_rows(response.content), _sheet_rows(out.read_bytes())
    assert served == written
    assert len(served["hasil"]) > 72  # a header and a row per submission and stage reached


def test_the_page_offers_the_result_as_a_workbook(client: httpx.Client) -> None:
    page = client.post("/evaluate", data={"lang": "id"}, files=edition_files(SUKOHARJO)).text
    encoded = page.split('<textarea hidden id="result-xlsx">', 1)[1].split("</textarea>", 1)[0]
    rows = _sheet_rows(base64.b64decode(encoded))
    assert rows["hasil"][0][0] == "submission_id"
    assert 'id="download-xlsx"' in page


def test_a_ruleset_sent_with_the_request_extends_a_bundled_one(client: httpx.Client, tmp_path: Path) -> None:
    own = tmp_path / "skh-stricter.yaml"
    own.write_text("schema_version: 1\nid: skh-stricter\nextends: kipp-sukoharjo-2023\n"
                   "name: {id: Lebih ketat, en: Stricter}\nawards:\n  - id: top-inovasi\n    rank: {top: 2}\n",
                   encoding="utf-8")
    checked = client.post("/api/v1/rulesets/validate", content=own.read_bytes()).json()
    if not checked["valid"]:  # the award's id in the bundled ruleset differs: keep the test honest
        pytest.fail(json.dumps(checked["problems"], indent=1))
    response = client.post("/api/v1/evaluate",
                           files=[*edition_files(SUKOHARJO), ("ruleset_yaml", (own.name, own.read_bytes()))])
    assert response.status_code == 200, response.text
    assert response.content == cli("evaluate", str(own), str(SUKOHARJO), "--format", "json")
    assert json.loads(response.content)["ruleset"] == "skh-stricter"


def test_explain_tells_the_story_the_cli_tells(client: httpx.Client) -> None:
    response = client.post("/api/v1/explain", params={"submission": "SKH-0001", "lang": "en"},
                           files=edition_files(SUKOHARJO))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["text"].encode() == cli("explain", "kipp-sukoharjo-2023", str(SUKOHARJO), "SKH-0001", "--lang", "en")
    assert body["result"]["id"] == "SKH-0001"


def test_explain_an_unknown_submission_suggests_close_ids(client: httpx.Client) -> None:
    response = client.post("/api/v1/explain", params={"submission": "SKH-001"}, files=edition_files(SUKOHARJO))
    body = assert_problem(response, 404, "submission-not-found")
    assert "SKH-00" in body["problems"][0]["hint"]


def test_explain_with_the_published_robustness_report_tells_the_chances(
    client: httpx.Client, tmp_path: Path
) -> None:
    report = tmp_path / "ketangguhan.json"
    cli("robustness", "kipp-sukoharjo-2023", str(SUKOHARJO), "-n", "10", "-s", "2", "--weight-range", "0",
        "-q", "--out", str(report))
    sent = [*edition_files(SUKOHARJO), ("robustness", (report.name, report.read_bytes()))]
    response = client.post("/api/v1/explain", params={"submission": "SKH-0003"}, files=sent)
    assert response.status_code == 200, response.text
    assert response.json()["text"].encode() == cli(
        "explain", "kipp-sukoharjo-2023", str(SUKOHARJO), "SKH-0003", "--robustness", str(report))
    assert "peluang lolos ke Presentasi dan wawancara: " in response.json()["text"]
    other = json.loads(report.read_text("utf-8"))
    other["confidence"]["edition"] = "sukoharjo-2024"
    sent[-1] = ("robustness", (report.name, json.dumps(other, indent=2).encode()))
    body = assert_problem(client.post("/api/v1/explain", params={"submission": "SKH-0003"}, files=sent),
                          422, "edition-invalid")
    assert body["problems"][0]["file"] == "ketangguhan.json"
    assert body["problems"][0]["line"] is not None
    assert "sukoharjo-2024" in body["problems"][0]["message"]


def test_compare_returns_the_what_if_report(client: httpx.Client) -> None:
    response = client.post("/api/v1/compare", params={"old": "@edition", "new": "kipp-2019", "lang": "en"},
                           files=edition_files(KIPP_2019))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert "<svg" in response.text
    assert "kipp-2019" in response.text


# --------------------------------------------------------------------------- errors


def test_bad_data_is_a_problem_naming_file_row_and_column(client: httpx.Client) -> None:
    files = {name: content for _, (name, content) in edition_files(SUKOHARJO)}
    scores = files["scores.csv"].decode().splitlines()
    scores[3] = scores[3].rsplit(",", 1)[0] + ",sembilan puluh"
    files["scores.csv"] = ("\n".join(scores) + "\n").encode()
    response = client.post("/api/v1/evaluate", files=[("edition", item) for item in files.items()])
    body = assert_problem(response, 422, "edition-invalid")
    problem = body["problems"][0]
    assert problem["file"] == "edition/scores.csv"
    assert problem["row"] == 4
    assert problem["path"] == "score"
    assert "/tmp" not in response.text  # never a path on the server


@pytest.mark.parametrize("name", ["../../etc/passwd", "notes.txt", "C:\\x\\rules.csv"])
def test_unknown_file_names_are_refused(client: httpx.Client, name: str) -> None:
    files = [*edition_files(SUKOHARJO), ("edition", (name, b"id\n"))]
    body = assert_problem(client.post("/api/v1/evaluate", files=files), 422, "unknown-file")
    assert "/" not in body["problems"][0]["file"]


def test_a_ruleset_id_that_is_a_path_reads_no_file(client: httpx.Client) -> None:
    for ruleset in ("/etc/passwd", "../../rulesets/kipp-2019.yaml", str(ROOT / "rulesets" / "kipp-2019.yaml")):
        response = client.post("/api/v1/evaluate", params={"ruleset": ruleset}, files=edition_files(SUKOHARJO))
        assert_problem(response, 404, "ruleset-not-found")


def test_no_request_leaves_files_behind(client: httpx.Client) -> None:
    tmp = Path(tempfile.gettempdir())
    before = set(tmp.glob("inovasi-rules-*"))
    client.post("/api/v1/evaluate", files=edition_files(SUKOHARJO))
    client.post("/api/v1/evaluate", files=[("edition", ("notes.txt", b"x"))])
    assert set(tmp.glob("inovasi-rules-*")) <= before


def test_concurrent_requests_get_each_their_own_answer(client: httpx.Client) -> None:
    expected = {
        "sukoharjo": cli("evaluate", "kipp-sukoharjo-2023", str(SUKOHARJO), "--format", "json"),
        "winner": cli("evaluate", "winner-2023", str(WINNER), "--format", "json"),
    }
    folders = {"sukoharjo": SUKOHARJO, "winner": WINNER}
    jobs = ["sukoharjo", "winner"] * 3
    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda k: client.post("/api/v1/evaluate", files=edition_files(folders[k])).content, jobs))
    assert answers == [expected[k] for k in jobs]


def test_the_openapi_document_and_its_page_are_served_offline(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/v1/rulesets", "/api/v1/rulesets/validate", "/api/v1/evaluate",
                 "/api/v1/explain", "/api/v1/compare"):
        assert path in spec["paths"]
    assert "ProblemDetails" in spec["components"]["schemas"]
    for page in ("/docs", "/", "/rulesets/kipp-2019?lang=en"):
        html = client.get(page).text
        assert "/api/v1/evaluate" in html or page != "/docs"
        assert 'src="http' not in html
        assert 'href="http' not in html


# --------------------------------------------------------------------------- limits


def test_limits_are_enforced_with_problem_details() -> None:
    app = create_app(workers=1, max_upload_bytes=4000, max_request_bytes=300_000, max_rows=50,
                     timeout_seconds=0.01)
    with serving(app) as url, httpx.Client(base_url=url, timeout=120) as c:
        big = [("edition", ("submissions.csv", b"id\n" + b"X-1\n" * 2000))]
        assert_problem(c.post("/api/v1/evaluate", files=big), 413, "too-large")
        assert_problem(c.post("/api/v1/evaluate", content=b"x" * 400_000,
                              headers={"content-type": "application/json"}), 413, "request-too-large")
        rows = [("edition", ("submissions.csv", b"id\n" + b"X\n" * 60))]
        assert_problem(c.post("/api/v1/evaluate", files=rows), 413, "too-many-rows")
        # 466 entries cannot be evaluated in 10 ms: the worker is stopped and replaced
        head = (WINNER / "submissions.csv").read_bytes()[:3900]
        winner = [("edition", ("submissions.csv", head[: head.rindex(b"\n") + 1]))]
        response = c.post("/api/v1/evaluate", params={"ruleset": "winner-2023"}, files=winner)
        assert_problem(response, 503, "timeout")
        # the pool replaced the stopped worker: the service still answers
        assert_problem(c.post("/api/v1/evaluate", files=big), 413, "too-large")
        assert c.get("/api/v1/rulesets/nope").status_code in (404, 503)


def test_the_shared_token_guards_everything_but_health() -> None:
    with serving(create_app(workers=1, token="rahasia")) as url, httpx.Client(base_url=url, timeout=120) as c:
        refused = c.get("/api/v1/rulesets")
        assert_problem(refused, 401, "unauthorized")
        assert refused.headers["www-authenticate"].startswith("Bearer")
        assert c.get("/").headers["www-authenticate"].startswith("Basic")
        assert c.get("/health").status_code == 200
        assert c.get("/api/v1/rulesets", headers={"authorization": "Bearer salah"}).status_code == 401
        assert c.get("/api/v1/rulesets", headers={"authorization": "Bearer rahasia"}).status_code == 200
        basic = base64.b64encode(b"panitia:rahasia").decode()
        assert c.get("/", headers={"authorization": f"Basic {basic}"}).status_code == 200


# --------------------------------------------------------------------------- the page


def test_the_page_speaks_indonesian_first_and_english_on_request(client: httpx.Client) -> None:
    home = client.get("/").text
    assert 'lang="id"' in home
    assert "Evaluasi edisi" in home
    assert "?lang=en" in home
    assert "Evaluate an edition" in client.get("/?lang=en").text


def test_the_page_evaluates_and_tells_every_story(client: httpx.Client) -> None:
    page = client.post("/evaluate", data={"lang": "id"}, files=edition_files(SUKOHARJO)).text
    expected = json.loads(cli("evaluate", "kipp-sukoharjo-2023", str(SUKOHARJO), "--format", "json"))
    for sub in expected["submissions"]:
        assert f'id="story-{sub["id"]}"' in page
    winners = [s["id"] for s in expected["submissions"] if s["awards"]]
    assert winners
    assert all(f'href="#story-{w}"' in page for w in winners)
    rejected = [s for s in expected["submissions"] if s["stages"] and s["stages"][-1]["status"] == "ineligible"]
    assert rejected
    for sub in rejected:  # each rejected entry's row says which rule rejected it
        entries = page.split('id="entries"', 1)[1]
        row = entries.split(f'<a href="#story-{sub["id"]}">{sub["id"]}</a></td>', 1)[1].split("</tr>", 1)[0]
        failed = [r["rule"] for r in sub["stages"][-1]["reasons"] if r["passed"] is False]
        assert failed[0] in row, row
    assert "Corong seleksi" in page
    assert "Alasan tidak lolos" in page


def test_the_page_shows_a_rulesets_problems_at_their_lines(client: httpx.Client) -> None:
    text = "schema_version: 1\nid: x\nextends: kipp-regional\nnama: salah\n"
    page = client.post("/check", data={"lang": "en", "yaml": text}).text
    assert "NOT VALID" in page
    assert 'href="#L4"' in page
    assert '<tr id="L4" class="marked">' in page


def test_the_page_names_the_problem_of_a_bad_upload(client: httpx.Client) -> None:
    response = client.post("/evaluate", data={"lang": "en"},
                           files=[("edition", ("submissions.csv", b"id,title\nA,x\nA,y\n"))])
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "could not be processed" in response.text
    assert "edition/submissions.csv" in response.text


def test_the_page_downloads_the_what_if_report(client: httpx.Client) -> None:
    response = client.post("/compare", data={"lang": "id", "old": "@edition", "new": "kipp-2019"},
                           files=edition_files(KIPP_2019))
    assert response.status_code == 200, response.text[:2000]
    assert response.headers["content-disposition"] == 'attachment; filename="laporan-what-if.html"'
    assert '<html lang="id"' in response.text
