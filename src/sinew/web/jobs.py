"""Ingest over HTTP as background jobs: ``POST /api/ingest`` queues the body and answers at
once; one worker thread runs the jobs in turn (DuckDB takes one writer) on its own connection,
so readers never wait for a write; ``GET /api/ingest/{job}`` says how a job stands."""

from __future__ import annotations

import contextlib
import io
import threading
import time
import uuid
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, ContextManager

from .. import pipeline
from ..errors import SinewError
from ..store import Store

__all__ = ["IngestJobs"]

#: Finished jobs remembered for their status; the oldest are forgotten first.
_KEEP = 200


class IngestJobs:
    """Queued, running and finished ingest jobs over one store."""

    def __init__(self, store: Store,
                 writing: Callable[[], ContextManager[Any]] = contextlib.nullcontext):
        """Each job runs inside ``writing()``, whatever it writes (the server's answers
        are kept between writes)."""
        self._store, self._writing = store, writing
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sinew-ingest")
        self._jobs: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def submit(self, jsonl: str) -> dict[str, Any]:
        """Queue JSON Lines text for ingest; returns the job's status."""
        job_id = uuid.uuid4().hex[:16]
        with self._lock:
            self._jobs[job_id] = {"job": job_id, "status": "queued", "submitted": time.time()}
            while len(self._jobs) > _KEEP:
                self._jobs.popitem(last=False)
        self._pool.submit(self._run, job_id, jsonl)
        return self.status(job_id)

    def status(self, job_id: str) -> dict[str, Any] | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return dict(job) if job is not None else None

    def close(self) -> None:
        """Finish the jobs already queued, then stop."""
        self._pool.shutdown(wait=True)

    def _update(self, job_id: str, **fields: Any) -> None:
        with self._lock:
            if job_id in self._jobs:
                self._jobs[job_id].update(fields)

    def _run(self, job_id: str, jsonl: str) -> None:
        self._update(job_id, status="running")
        try:
            with self._writing(), self._store.cursor() as store:
                summary = pipeline.ingest(["-"], store, fmt="jsonl", stdin=io.StringIO(jsonl))
        except SinewError as exc:
            self._update(job_id, status="failed", error=str(exc))
        except Exception as exc:  # noqa: BLE001 - a job's failure is its status, not a crash
            self._update(job_id, status="failed", error=f"internal error: {type(exc).__name__}")
        else:
            self._update(job_id, status="done", summary=summary.to_dict())
