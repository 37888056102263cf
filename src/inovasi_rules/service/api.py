"""The HTTP API under ``/api/v1``: rulesets, validation, evaluation, explanation and
what-if comparison. Every error is RFC 9457 problem details (``application/problem+json``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import anyio
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.datastructures import UploadFile

from .. import __version__
from .jobs import (
    Config,
    RulesetSource,
    ServiceError,
    compare_page,
    evaluate_job,
    show_ruleset,
    validate_ruleset,
)
from .limits import Settings
from .pool import WorkerPool, _Busy, _Crashed, _TimedOut
from .uploads import request_folder, save_edition, save_text, upload_name

__all__ = ["Service", "router"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

router = APIRouter(prefix="/api/v1")

Lang = Literal["id", "en"]
LANG = Query("id", description="Language of texts: id (Bahasa Indonesia) or en (English).")
MAX_FORM_PARTS = 20


class Service:
    """What the routes of one application share: its settings and worker pool (both
    set once, when the application is made; nothing a request changes)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.config = Config(tuple(str(d) for d in settings.ruleset_dirs), settings.load_plugins,
                             settings.max_rows)
        self.pool = WorkerPool(settings.workers, settings.timeout_seconds, settings.queue_seconds)

    async def run(self, fn: Any, *args: Any) -> Any:
        """Run a job in a worker, turning the pool's refusals into problem details."""
        try:
            return await anyio.to_thread.run_sync(self.pool.call, fn, *args)
        except _TimedOut:
            raise _service_problem(
                503, "timeout", "request took too long / permintaan terlalu lama",
                f"the computation took longer than this service's limit of "
                f"{self.settings.timeout_seconds:g} seconds and was stopped "
                f"/ perhitungan melebihi batas {self.settings.timeout_seconds:g} detik",
                "send a smaller edition, or ask the operator to raise --timeout") from None
        except _Busy:
            raise _service_problem(
                503, "busy", "service busy / layanan sibuk",
                "every worker is busy; try again shortly / semua worker sibuk, coba lagi sebentar lagi",
                "retry after a few seconds") from None
        except _Crashed:
            raise _service_problem(
                500, "worker-crashed", "the computation stopped / perhitungan berhenti",
                "the worker doing this request stopped (perhaps for want of memory) "
                "/ worker berhenti (mungkin kehabisan memori)",
                "send a smaller edition, or ask the operator to look at the server's log") from None


def _service_problem(status: int, kind: str, title: str, message: str, hint: str) -> ServiceError:
    return ServiceError(status, kind, title, [{
        "file": None, "line": None, "column": None, "row": None, "path": "", "level": "error",
        "rule": kind, "message": message, "hint": hint}])


def service(request: Request) -> Service:
    """The :class:`Service` of the application handling ``request``."""
    svc: Service = request.app.state.service
    return svc


PROBLEM = {"description": "Problem details (RFC 9457) with the located `problems`.",
           "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}}}
ERRORS: dict[int | str, dict[str, Any]] = {
    "4XX": PROBLEM, "5XX": PROBLEM,
}

EDITION_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": (
            "The edition: its JSON (the layout `read_edition` reads from a .json file), or a "
            "multipart form with one `edition` part per file (`submissions.csv`, `scores.csv`, "
            "`judges.csv`, `verdicts.csv`, `edition.yaml`; or one `.xlsx` workbook or one `.json` "
            "file) and, optionally, a `ruleset_yaml` part: a ruleset of the request's own, whose "
            "`extends` resolves only among the service's rulesets."),
        "content": {
            "application/json": {"schema": {"type": "object", "description": "An edition as JSON."}},
            "multipart/form-data": {"schema": {
                "type": "object",
                "required": ["edition"],
                "properties": {
                    "edition": {"type": "array", "items": {"type": "string", "format": "binary"}},
                    "ruleset_yaml": {"type": "string", "format": "binary"},
                },
            }},
        },
    }
}


async def read_request_edition(
    request: Request, folder: Path, ruleset: str | None
) -> tuple[RulesetSource, str]:
    """The ruleset and the saved edition of an evaluate, explain or compare request."""
    settings = service(request).settings
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        path = save_text(await request.body(), folder, "edition.json", settings)
        return RulesetSource(ruleset), str(path)
    if kind != "multipart/form-data":
        raise _service_problem(415, "unsupported-media-type", "unsupported body / isi tidak didukung",
                               f"a body of type {kind or 'none'!r} cannot carry an edition "
                               "/ jenis isi ini tidak dapat membawa edisi",
                               "send application/json (an edition) or multipart/form-data (its files)")
    async with request.form(max_files=MAX_FORM_PARTS, max_fields=MAX_FORM_PARTS) as form:
        source = RulesetSource(ruleset or _text(form.get("ruleset")))
        own = form.get("ruleset_yaml")
        if isinstance(own, UploadFile) and upload_name(own.filename):
            data = await own.read(settings.max_upload_bytes + 1)
            name = upload_name(own.filename) or "ruleset.yaml"
            source = RulesetSource(None, _decode(save_text(data, folder / "ruleset", name, settings).read_bytes(), name), name)
        elif isinstance(own, str) and own.strip():
            save_text(own.encode(), folder / "ruleset", "ruleset.yaml", settings)
            source = RulesetSource(None, own, "ruleset.yaml")
        uploads = [u for u in form.getlist("edition") if isinstance(u, UploadFile)]
        path = await save_edition(uploads, folder, settings)
        report = form.get("robustness")  # read by /explain only
        if isinstance(report, UploadFile) and upload_name(report.filename):
            save_text(await report.read(settings.max_upload_bytes + 1), folder / "robustness",
                      upload_name(report.filename) or "robustness.json", settings)
    return source, str(path)


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _service_problem(422, "not-utf8", "not UTF-8 text / bukan teks UTF-8",
                               f"{name}: byte {exc.start + 1} is not UTF-8 / bukan UTF-8",
                               "save the ruleset as UTF-8") from None


# --------------------------------------------------------------------------- routes


@router.get("/rulesets", summary="List the known rulesets / daftar ruleset",
            responses=ERRORS)
async def list_rulesets(request: Request) -> list[dict[str, Any]]:
    """The rulesets this service knows (bundled, from its `--rulesets` directories and
    installed plugins): id, name in both languages, the ruleset it extends, year, level."""
    svc = service(request)
    entries = await svc.run(_entries, svc.config)
    return list(entries)


def _entries(config: Config) -> list[dict[str, Any]]:
    from .jobs import _registry

    return [{"id": e.id, "name": {"id": e.name.id, "en": e.name.en or e.name.id},
             "extends": e.extends, "year": e.year, "level": e.level}
            for e in _registry(config).entries()]


@router.get("/rulesets/{ruleset_id}", summary="One ruleset in words / satu ruleset dalam kalimat",
            responses=ERRORS)
async def get_ruleset(request: Request, ruleset_id: str) -> dict[str, Any]:
    """A known ruleset after inheritance, described in words in Indonesian (`id`) and
    English (`en`)."""
    svc = service(request)
    value: dict[str, Any] = await svc.run(show_ruleset, svc.config, ruleset_id)
    return value


@router.post(
    "/rulesets/validate",
    summary="Check a ruleset / periksa ruleset",
    responses=ERRORS,
    openapi_extra={"requestBody": {"required": True, "description": "The ruleset's YAML text.",
                                   "content": {"application/yaml": {"schema": {"type": "string"}},
                                               "text/plain": {"schema": {"type": "string"}}}}},
)
async def validate(request: Request, name: str = Query("ruleset.yaml", description=(
        "The file name problems are reported at."))) -> dict[str, Any]:
    """Check a ruleset sent as YAML text. The answer (200 whether or not it is valid)
    lists every problem with its line and column (messages in both languages) and, when
    the ruleset is valid, its summary in words in both languages. `extends` resolves
    only among the service's rulesets."""
    svc = service(request)
    name = upload_name(name) or "ruleset.yaml"
    if not name.endswith((".yaml", ".yml")):
        name += ".yaml"
    with request_folder() as folder:
        path = save_text(await request.body(), folder / "ruleset", name, svc.settings)
        value: dict[str, Any] = await svc.run(validate_ruleset, svc.config, str(path))
    return value


@router.post("/evaluate", summary="Evaluate an edition / evaluasi edisi", responses={
    **ERRORS, 200: {"description": "The result, byte for byte what `inovasi-rules evaluate --format json` "
                    "(or `--format csv`) writes; with `format=xlsx` the workbook `--out result.xlsx` writes.",
                    "content": {"application/json": {}, "text/csv": {}, XLSX: {}}}},
    openapi_extra=EDITION_BODY, response_class=Response)
async def evaluate_edition(
    request: Request,
    ruleset: str | None = Query(None, description=(
        "A ruleset id; by default the one the edition names (edition.yaml's `ruleset`). "
        "Ignored when the form carries `ruleset_yaml`.")),
    format: Literal["json", "csv", "xlsx"] = Query(
        "json", description="json (the full result), csv or xlsx (a workbook)."),
    lang: Lang = LANG,
) -> Response:
    """Evaluate an edition under a ruleset and return the whole result: every
    submission, every stage, status, scores, ranks and reasons."""
    svc = service(request)
    with request_folder() as folder:
        source, path = await read_request_edition(request, folder, ruleset)
        text: str | bytes = await svc.run(evaluate_job, svc.config, source, path, format, lang)
    if isinstance(text, bytes):
        return Response(text, media_type=XLSX, headers={
            "Content-Disposition": 'attachment; filename="result.xlsx"'})
    if format == "csv":
        return PlainTextResponse(text, media_type="text/csv; charset=utf-8")
    return Response(text.encode("utf-8"), media_type="application/json")


@router.post("/explain", summary="One submission's story / cerita satu pengajuan",
             responses=ERRORS, openapi_extra=EDITION_BODY)
async def explain_submission(
    request: Request,
    submission: str = Query(..., description="The submission's id."),
    ruleset: str | None = Query(None, description="A ruleset id (as for /evaluate)."),
    lang: Lang = LANG,
) -> dict[str, Any]:
    """Evaluate the edition and tell one submission's story, stage by stage, with every
    reason (`text`), beside its part of the result (`result`). With a `robustness` part
    in the form (the JSON of `inovasi-rules robustness --out FILE.json` for this
    edition), the story ends with the submission's chances at every cut-off."""
    svc = service(request)
    with request_folder() as folder:
        source, path = await read_request_edition(request, folder, ruleset)
        report = next(iter(sorted((folder / "robustness").glob("*"))), None)
        value: dict[str, Any] = await svc.run(evaluate_job, svc.config, source, path, "explain", lang, submission,
                                              None if report is None else str(report))
    return value


@router.post("/compare", summary="What-if report / laporan what-if", response_class=HTMLResponse,
             responses=ERRORS, openapi_extra={"requestBody": {
                 "required": True,
                 "description": (
                     "A multipart form: one `edition` part per file of a past edition, with its "
                     "`outcomes.csv` (the published outcome); optionally `ruleset_yaml`, the new "
                     "rules as a ruleset of the request's own."),
                 "content": {"multipart/form-data": {"schema": {
                     "type": "object", "required": ["edition"],
                     "properties": {"edition": {"type": "array", "items": {"type": "string", "format": "binary"}},
                                    "ruleset_yaml": {"type": "string", "format": "binary"}}}}}}})
async def compare(
    request: Request,
    old: str = Query("@edition", description="The rules the edition ran under: an id, or `@edition` "
                     "for the one its edition.yaml names."),
    new: str | None = Query(None, description="The proposed rules: an id (or send `ruleset_yaml`)."),
    lang: Lang = LANG,
) -> HTMLResponse:
    """Replay a past edition under the old and the new rules and return the what-if
    report (self-contained HTML, with charts): who enters and leaves each stage and
    award, rank changes, the funnels, the composition of the winners."""
    svc = service(request)
    with request_folder() as folder:
        source, path = await read_request_edition(request, folder, new)
        if source.ruleset_id is None and source.text is None:
            raise _service_problem(422, "no-ruleset", "no new rules / aturan baru tidak disebut",
                                   "name the new rules (`new`) or send them as `ruleset_yaml` "
                                   "/ sebutkan aturan baru", "e.g. ?new=kipp-2019")
        html: str = await svc.run(compare_page, svc.config, RulesetSource(old), source, path, lang)
    return HTMLResponse(html)


@router.get("/health", summary="Is the service up / apakah layanan hidup", include_in_schema=True)
async def health() -> JSONResponse:
    """`{"status": "ok", "version": ...}`; also at `/health`, which needs no token."""
    return JSONResponse({"status": "ok", "version": __version__})
