"""Worker processes that compute requests, each stopped when it takes too long.

An evaluation cannot be interrupted inside a thread, so the service computes in a
small set of worker processes (``spawn``-started: a fresh interpreter, nothing
inherited from the server's threads). A request borrows one worker, sends it a job,
and waits at most ``timeout`` seconds for the answer; a worker that has not answered
by then is killed and replaced, so a pathological input costs at most ``timeout``
seconds of one core. A worker handles one job at a time and keeps nothing of it.

The pool belongs to one application instance (made by
:func:`inovasi_rules.service.create_app`) and is closed with it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import sys
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

__all__ = ["WorkerPool"]

#: How long a new worker may take to start (import the library) before it is given up.
STARTUP_SECONDS = 120.0


class _TimedOut(Exception):
    """The job took longer than the pool's timeout; its worker was killed."""


class _Busy(Exception):
    """No worker became free within the pool's queue time."""


class _Crashed(Exception):
    """The worker died while doing the job (e.g. killed for want of memory)."""


def _worker_main(conn: Connection) -> None:
    """The loop of one worker process: receive ``(function, args)``, answer
    ``("ok", value)`` or ``("error", exception)``, until told to stop (``None``)."""
    import inovasi_rules.service.jobs  # noqa: F401  (imported once, before the first job)

    conn.send("ready")
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        fn, args = message
        try:
            answer: tuple[str, Any] = ("ok", fn(*args))
        except Exception as exc:
            from inovasi_rules.errors import ServiceError

            if not isinstance(exc, ServiceError):
                # the operator's log gets the traceback; the client gets problem details
                traceback.print_exc(file=sys.stderr)
                exc = ServiceError(500, "internal", "internal error / kesalahan internal")
            answer = ("error", exc)
        conn.send(answer)


class _Worker:
    def __init__(self, ctx: Any) -> None:
        parent, child = ctx.Pipe()
        self.conn: Connection = parent
        self.process = ctx.Process(target=_worker_main, args=(child,), daemon=True,
                                   name="inovasi-rules-worker")
        self.process.start()
        child.close()
        try:
            ready = self.conn.poll(STARTUP_SECONDS) and self.conn.recv() == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            # e.g. a host script that starts the service without `if __name__ == "__main__":`
            self.kill()
            raise _Crashed("a worker did not start / worker gagal dimulai")

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(5)
        self.kill()


class WorkerPool:
    """``size`` worker processes, started when first needed.

    :param size: how many jobs may run at once.
    :param timeout: seconds one job may take before its worker is killed.
    :param queue_timeout: seconds a job may wait for a free worker.
    """

    def __init__(self, size: int, timeout: float, queue_timeout: float) -> None:
        self._ctx = multiprocessing.get_context("spawn")
        self._timeout = timeout
        self._queue_timeout = queue_timeout
        self._slots: queue.SimpleQueue[_Worker | None] = queue.SimpleQueue()
        for _ in range(size):
            self._slots.put(None)
        self._size = size
        self._closed = threading.Event()

    def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run ``fn(*args)`` in a worker and return its value (blocking: call it from a
        thread). ``fn`` must be a module-level function; an exception it raises is
        raised here.

        :raises _TimedOut: it took longer than the timeout.
        :raises _Busy: no worker was free within the queue time.
        :raises _Crashed: the worker died.
        """
        if self._closed.is_set():
            raise _Busy("the service is shutting down / layanan sedang berhenti")
        try:
            worker = self._slots.get(timeout=self._queue_timeout)
        except queue.Empty:
            raise _Busy("every worker is busy / semua worker sibuk") from None
        try:
            if worker is None:
                worker = _Worker(self._ctx)
            running = worker
            try:
                running.conn.send((fn, args))
                if not running.conn.poll(self._timeout):
                    worker = None
                    running.kill()
                    raise _TimedOut(f"took longer than {self._timeout:g} s")
                status, value = running.conn.recv()
            except (EOFError, OSError) as exc:
                worker = None
                running.kill()
                raise _Crashed("the worker stopped / worker berhenti") from exc
        finally:
            if self._closed.is_set() and worker is not None:
                worker.stop()
                worker = None
            self._slots.put(worker)
        if status == "error":
            raise value
        return value

    def close(self) -> None:
        """Stop every idle worker; busy ones stop when they finish their job."""
        self._closed.set()
        for _ in range(self._size):
            try:
                worker = self._slots.get_nowait()
            except queue.Empty:
                break
            if worker is not None:
                worker.stop()
