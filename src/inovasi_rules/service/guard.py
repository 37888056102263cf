"""Two ASGI middlewares: the request-size limit and the optional shared token.

Both answer with RFC 9457 problem details before a route sees the request.
"""

from __future__ import annotations

import base64
import hmac
import json
from collections.abc import Sequence
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["BodyLimit", "TokenCheck", "problem_body"]


def problem_body(status: int, kind: str, title: str, problems: list[dict[str, Any]],
                 detail: str | None = None, instance: str | None = None) -> bytes:
    """The JSON of one problem-details object (RFC 9457), with the library's located
    problems as the ``problems`` extension member."""
    body: dict[str, Any] = {
        "type": f"/docs#problem-{kind}",
        "title": title,
        "status": status,
        "detail": detail or "; ".join(p["message"] for p in problems[:3]) or title,
        "problems": problems,
    }
    if instance:
        body["instance"] = instance
    return json.dumps(body, ensure_ascii=False).encode()


async def _answer(send: Send, status: int, body: bytes,
                  headers: Sequence[tuple[bytes, bytes]] = ()) -> None:
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/problem+json"),
                    (b"content-length", str(len(body)).encode()), *headers],
    })
    await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Refuse a request body larger than ``limit`` bytes with 413: at once when its
    ``Content-Length`` says so, else as soon as the bytes read exceed it."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    def _refusal(self) -> bytes:
        return problem_body(413, "request-too-large", "request too large / permintaan terlalu besar", [{
            "file": None, "line": None, "column": None, "row": None, "path": "", "level": "error",
            "rule": "max-request-bytes",
            "message": f"the request is larger than this service's limit of {self.limit:,} bytes "
                       f"/ permintaan melebihi batas {self.limit:,} byte",
            "hint": "send less data, or ask the operator to raise --max-request-mb"}])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.limit:
                    await _answer(send, 413, self._refusal())
                    return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await _answer(send, 413, self._refusal())


class TokenCheck:
    """When a token is set, let through only requests that carry it: as
    ``Authorization: Bearer TOKEN``, or as the password of HTTP Basic authentication
    (any user name; what a browser asks for). ``/health`` is always open."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token.encode()

    def _allowed(self, header: bytes) -> bool:
        scheme, _, value = header.partition(b" ")
        candidate = b""
        if scheme.lower() == b"bearer":
            candidate = value.strip()
        elif scheme.lower() == b"basic":
            try:
                candidate = base64.b64decode(value.strip(), validate=True).partition(b":")[2]
            except ValueError:
                return False
        return bool(candidate) and hmac.compare_digest(candidate, self.token)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] == "/health":
            await self.app(scope, receive, send)
            return
        header = dict(scope["headers"]).get(b"authorization", b"")
        if self._allowed(header):
            await self.app(scope, receive, send)
            return
        body = problem_body(401, "unauthorized", "token required / token diperlukan", [{
            "file": None, "line": None, "column": None, "row": None, "path": "", "level": "error",
            "rule": "token",
            "message": "this service needs its token / layanan ini memerlukan token",
            "hint": "send `Authorization: Bearer TOKEN` (ask the operator for the token)"}])
        api = scope["path"].startswith("/api/") or scope["path"] == "/openapi.json"
        challenge = b'Bearer realm="inovasi-rules"' if api else b'Basic realm="inovasi-rules", charset="UTF-8"'
        await _answer(send, 401, body, [(b"www-authenticate", challenge)])
