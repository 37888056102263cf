"""Run an application on the loopback interface for the length of a ``with`` block,
for tests, benchmarks and a host's own integration tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

__all__ = ["serving"]


@contextmanager
def serving(app: Any, *, host: str = "127.0.0.1", startup_seconds: float = 60.0) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free port of ``host``; yield its base URL
    (``http://127.0.0.1:PORT``) and stop the server when the block ends."""
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=0, log_level="warning",
                                           lifespan="on", timeout_graceful_shutdown=10))
    thread = threading.Thread(target=server.run, name="inovasi-rules-serving", daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_seconds
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start / server gagal dimulai")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(30)
