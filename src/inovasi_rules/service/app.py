"""The application factory: one FastAPI application per call, with its own settings,
worker pool and templates, and nothing shared with any other."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import ServiceError
from .api import Service, router
from .guard import BodyLimit, TokenCheck, problem_body
from .limits import Settings
from .pages import pages

__all__ = ["create_app"]

PROBLEM_KINDS = {
    "ruleset-invalid": "The ruleset has errors; `problems` lists each with file, line and column.",
    "edition-invalid": "The edition's data is malformed; `problems` names file, row and column.",
    "edition-does-not-fit": "The edition refers to things the ruleset lacks (a stage, a criterion) or breaks its scale.",
    "no-ruleset": "Neither the request nor the edition names a ruleset.",
    "ruleset-not-found": "No ruleset with that id; the hint suggests close ids.",
    "submission-not-found": "No submission with that id in the edition.",
    "no-edition": "The form carried no edition files.",
    "unknown-file": "A file name that is not part of an edition.",
    "duplicate-file": "The same file was sent twice.",
    "mixed-edition": "A workbook or JSON file sent together with other files.",
    "too-large": "A file larger than `--max-upload-mb` (or a workbook that unpacks beyond `--max-unpacked-mb`).",
    "request-too-large": "A request body larger than `--max-request-mb`.",
    "too-many-rows": "More table rows than `--max-rows`.",
    "limit": "A ruleset beyond a safety limit of the YAML reader (size, nesting, aliases).",
    "timeout": "The computation took longer than `--timeout` and was stopped.",
    "busy": "Every worker stayed busy for `--queue-timeout`; retry.",
    "unauthorized": "The service has a token and the request did not carry it.",
    "unsupported-media-type": "The body is neither JSON nor a multipart form.",
    "request-invalid": "A parameter is missing or malformed.",
    "plugin": "A plugin the ruleset needs is missing or failed.",
    "worker-crashed": "The worker computing the request stopped.",
    "internal": "A fault of the service; the operator's log has the details.",
}

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details; `problems` carries the library's located problems.",
    "required": ["type", "title", "status", "detail", "problems"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "problems": {"type": "array", "items": {
            "type": "object",
            "properties": {k: {"type": t} for k, t in (
                ("file", ["string", "null"]), ("line", ["integer", "null"]),
                ("column", ["integer", "null"]), ("row", ["integer", "null"]),
                ("path", "string"), ("level", "string"), ("rule", "string"),
                ("message", "string"), ("hint", ["string", "null"]))}}},
    },
}


def _problem_response(exc: ServiceError, request: Request) -> Response:
    headers = {"Retry-After": "5"} if exc.kind == "busy" else None
    return Response(problem_body(exc.status, exc.kind, exc.title, exc.problems,
                                 instance=request.url.path),
                    status_code=exc.status, media_type="application/problem+json", headers=headers)


def create_app(settings: Settings | None = None, **limits: Any) -> FastAPI:
    """A new application serving the API (``/api/v1``), its OpenAPI document
    (``/openapi.json``, shown at ``/docs``) and the web page (``/``).

    :param settings: the limits and ruleset directories; by default :class:`Settings`'s.
    :param limits: fields of :class:`Settings` to change, e.g. ``max_rows=10_000``.

    Run it with any ASGI server, e.g. ``uvicorn.run(create_app(workers=4))``, or with
    ``inovasi-rules serve``.
    """
    settings = attrs.evolve(settings or Settings(), **limits)
    svc = Service(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            svc.pool.close()

    app = FastAPI(
        title="inovasi-rules",
        version=__version__,
        description=(
            "Aturan kompetisi inovasi pelayanan publik sebagai data / The rules of "
            "public-service innovation competitions as data: list and validate rulesets, "
            "evaluate an edition, explain a submission, compare rules on a past edition. "
            "Errors are RFC 9457 problem details (`application/problem+json`)."),
        docs_url=None,  # FastAPI's page loads its scripts from a CDN; ours is served here
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.service = svc
    app.include_router(router)
    app.include_router(pages)

    static = Path(str(resources.files("inovasi_rules.service") / "static"))
    app.mount("/static", StaticFiles(directory=static), name="static")
    templates = Jinja2Templates(directory=str(resources.files("inovasi_rules.service") / "templates"))
    app.state.templates = templates

    @app.exception_handler(ServiceError)
    async def job_error(request: Request, exc: ServiceError) -> Response:
        return _problem_response(exc, request)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = [{
            "file": None, "line": None, "column": None, "row": None,
            "path": ".".join(str(x) for x in e.get("loc", ())), "level": "error",
            "rule": str(e.get("type", "invalid")), "message": str(e.get("msg", "invalid")),
            "hint": "see /docs for the parameters of this endpoint",
        } for e in exc.errors()]
        return _problem_response(ServiceError(422, "request-invalid",
                                          "invalid request / permintaan tidak valid", problems), request)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        kind = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http")
        return _problem_response(ServiceError(exc.status_code, kind, str(exc.detail), [{
            "file": None, "line": None, "column": None, "row": None, "path": request.url.path,
            "level": "error", "rule": kind, "message": str(exc.detail),
            "hint": "see /docs for the endpoints"}]), request)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            schema = get_openapi(title=app.title, version=app.version, description=app.description,
                                 routes=app.routes)
            schema.setdefault("components", {}).setdefault("schemas", {})["ProblemDetails"] = PROBLEM_SCHEMA
            if settings.token:
                schema["components"]["securitySchemes"] = {"token": {"type": "http", "scheme": "bearer"}}
                schema["security"] = [{"token": []}]
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    async def docs(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(request, "apidocs.html", {
            "spec": app.openapi(), "kinds": PROBLEM_KINDS, "settings": settings})

    @app.get("/health", include_in_schema=False)
    async def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    app.add_middleware(BodyLimit, limit=settings.max_request_bytes)
    if settings.token:
        # added last, so it runs first: an unauthorised request is refused unread
        app.add_middleware(TokenCheck, token=settings.token)
    return app
