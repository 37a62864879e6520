"""The HTTP API and the web page: thin routes over :class:`~sinew.store.Store` and
:mod:`sinew.analysis`.

Every route validates its parameters and calls library functions; nothing is computed here.
Every error, ours or FastAPI's, has one shape: ``{"ok": false, "error": ..., "status": ...}``;
a store error says so without the database's own message (it is logged instead).
The store is opened read-only unless HTTP ingest is enabled with a token. Routes are plain
functions, run in the server's thread pool (``DEFAULT_THREADS``), each request on its own DuckDB
cursor, so reads run in parallel; ingest runs as a background job (:mod:`sinew.web.jobs`) and
reads never wait on it. Answers are kept, whole and with an ETag, until a job changes the
store's data version (``_Answers``, ``_Replies``).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import inspect
import json
import logging
import os
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, TypeVar

from ..errors import (ConfigError, InputError, MissingExtraError, QueryError, SinewError,
                      StoreError)

try:
    import anyio.to_thread
    import orjson
    from fastapi import FastAPI, Query, Request
    from fastapi import Path as Path_
    from fastapi.encoders import jsonable_encoder
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import FileResponse, JSONResponse, Response
    from fastapi.routing import APIRoute
    from fastapi.staticfiles import StaticFiles
    from starlette.concurrency import run_in_threadpool
    from starlette.exceptions import HTTPException
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    raise MissingExtraError("fastapi", "web") from exc

from .. import __version__, analysis
from ..analysis.network import network_page
from ..analysis.periods import Period, parse_day
from ..filters import actor_code, commodity, why_empty
from ..schema import EVENT_TYPES, MEASURE_TYPES, MODALITIES
from ..store import MAX_ROWS, EventFilter, Store, check_bbox
from .jobs import IngestJobs
from .models import ScenarioBody

__all__ = ["DEFAULT_MAX_BODY", "DEFAULT_THREADS", "create_app"]

STATIC = Path(__file__).parent / "static"
DEFAULT_MAX_BODY = 1_000_000
#: Requests answered at once. Each thread keeps a DuckDB cursor, and DuckDB runs a query on
#: every core: more threads than a few per core only queue inside DuckDB and hold memory.
DEFAULT_THREADS = 4 * (os.cpu_count() or 1)
#: Bytes of whole answers kept between writes (``_Replies``).
KEPT_BYTES = 64 * 2**20
#: The page loads nothing from elsewhere and runs no inline script: an article that smuggles
#: markup past the escaping still cannot run.
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
        "form-action 'self'")
_STATUS = ((QueryError, 422), (ConfigError, 422), (InputError, 422))
_DAY = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_PERIOD = r"^\d{4}(-\d{2}(-\d{2})?)?(\.\.\d{4}(-\d{2}(-\d{2})?)?)?$"
_TEXT = {"max_length": 200}
_OFFSET = {"ge": 0, "le": MAX_ROWS}
#: Sources listed with each claim in an analysis answer; the rest are paged by claim id.
_EVIDENCE = Query(3, ge=0, le=100, description="Sources listed per claim (the rest: "
                  "/api/claims/{id}/sources)")
#: Claims listed per term of a dependence or what-if answer; the rest are paged by term.
_CLAIMS = Query(20, ge=0, le=1000, description="Claims listed per term (claim_count counts "
                "them all; the rest: term= and cursor=)")
_TERM = Query(None, max_length=200, description="The term whose claims are paged on")
_CURSOR = Query(None, max_length=200, description="next_cursor of that term's page before")
T = TypeVar("T")
_LOG = logging.getLogger("sinew.web")


class _NotFound(SinewError):
    """A document (or other thing named in the path) is not in the store."""


class _Forbidden(SinewError):
    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


class _Answers:
    """The store's data version and the latest answers of read calls, kept until it changes:
    the page asks for the same facets, actors and network on every visit, and the store
    answers nothing new between writes. Only this server writes to its store (DuckDB lets no
    other process open a file in use), and every write is an ingest job, which changes the
    version when it starts and when it ends; while one runs nothing is kept or answered from
    what was kept. A bounded LRU; answers are never mutated."""

    def __init__(self, size: int = 256):
        self.size, self.generation, self.writing = size, 0, 0
        # A server started again on a store changed meanwhile must not match old ETags.
        self._started = uuid.uuid4().hex[:12]
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    def version(self) -> str | None:
        """The data version, or None while a write runs."""
        return None if self.writing else f"{self._started}.{self.generation}"

    def get(self, key: str) -> tuple[bool, Any, int]:
        with self._lock:
            if key in self._items and not self.writing:
                self._items.move_to_end(key)
                return True, self._items[key], self.generation
            return False, None, self.generation

    def put(self, key: str, value: Any, generation: int) -> None:
        with self._lock:
            if generation != self.generation or self.writing:
                return  # computed before a write ended or while one runs: perhaps stale
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self.generation += 1
            self._items.clear()

    @contextlib.contextmanager
    def write(self):
        """Around a write: a new version when it starts and when it ends, none kept between."""
        with self._lock:
            self.writing += 1
        self.clear()
        try:
            yield
        finally:
            self.clear()
            with self._lock:
                self.writing -= 1


@dataclass
class _Desk:
    """The open store; each thread of the server's pool reads through a cursor of its own,
    so calls run in parallel."""

    store: Store
    token: str | None
    answers: _Answers = field(default_factory=_Answers)
    jobs: IngestJobs | None = None
    # Cursors are made from the one connection, one at a time; they then run apart.
    lock: threading.Lock = field(default_factory=threading.Lock)
    # A cursor is kept for its thread: a new one pays to warm up on its first queries.
    local: threading.local = field(default_factory=threading.local)

    def live(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``func(store, *args, **kwargs)`` on this thread's cursor."""
        cursor = getattr(self.local, "cursor", None)
        if cursor is None:
            with self.lock:
                cursor = self.local.cursor = self.store.cursor()
        return func(cursor, *args, **kwargs)

    def run(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """As :meth:`live`, answered from the answers kept since the last write if there."""
        key = f"{func.__module__}.{func.__qualname__}{args!r}{sorted(kwargs.items())!r}"
        found, value, generation = self.answers.get(key)
        if not found:
            value = self.live(func, *args, **kwargs)
            self.answers.put(key, value, generation)
        return value


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)


def _status_of(exc: SinewError) -> int:
    if isinstance(exc, _Forbidden):
        return exc.status
    if isinstance(exc, _NotFound):
        return 404
    return next((code for cls, code in _STATUS if isinstance(exc, cls)), 500)


def _validation_message(exc: RequestValidationError) -> tuple[int, str]:
    """'parameter X (query): why' for each problem; a body that is not JSON is a 400."""
    parts, status = [], 422
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ())]
        where, name = (loc[0], ".".join(loc[1:])) if loc else ("request", "")
        if err.get("type") == "json_invalid":
            status = 400
            parts.append(f"request body is not valid JSON: {err.get('msg')}")
        elif where == "body":
            parts.append(f"request body{'.' + name if name else ''}: {err.get('msg')}")
        else:
            parts.append(f"parameter {name!r} ({where}): {err.get('msg')}")
    return status, "; ".join(parts) or "invalid request"


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(SinewError)
    async def sinew_error(request: Request, exc: SinewError) -> JSONResponse:
        if isinstance(exc, StoreError):
            # The database's message quotes SQL and paths: for the log, not for the client.
            _LOG.error("%s %s: %s", request.method, request.url.path, exc)
            return _error(503 if request.url.path == "/api/health" else 500,
                          "the store could not answer (see the server's log)")
        return _error(_status_of(exc), str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(*_validation_message(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        message = exc.detail if exc.status_code != 404 else f"no such path: {request.url.path}"
        return _error(exc.status_code, str(message))

    @app.exception_handler(Exception)
    async def crash(_request: Request, exc: Exception) -> JSONResponse:
        return _error(500, f"internal error: {type(exc).__name__}")


class _Guard:
    """ASGI middleware: refuse request bodies over ``max_body`` bytes (413, read no further)
    and add the page's security headers to every response."""

    def __init__(self, app: Any, max_body: int):
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        send = self._with_headers(send)
        too_big = _error(413, f"request body over {self.max_body} bytes (the limit)")
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > self.max_body:
            return await too_big(scope, receive, send)
        chunks, size, more = [], 0, scope["method"] in ("POST", "PUT", "PATCH")
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return None
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_body:
                return await too_big(scope, receive, send)
            more = message.get("more_body", False)
        body, replayed = b"".join(chunks), False

        async def replay() -> dict:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    @staticmethod
    def _with_headers(send: Callable) -> Callable:
        async def wrapped(message: dict) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + [
                    (b"content-security-policy", _CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer")]
            await send(message)
        return wrapped


class _Replies:
    """ASGI middleware: whole answers to ``GET /api/...`` (ingest jobs aside), kept
    as bytes until the store's data version changes, the least recently used dropped past
    ``max_bytes``. Each carries an ETag made of the version and the URL, so that a client
    that holds it is answered 304 with no body and no query. Nothing is kept or tagged while
    a write runs. Runs on the server's event loop only: no lock."""

    def __init__(self, app: Any, answers: _Answers, max_bytes: int = KEPT_BYTES):
        self.app, self.answers, self.max_bytes = app, answers, max_bytes
        self._kept: OrderedDict[str, tuple[str, list, bytes]] = OrderedDict()
        self._size = 0

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        version = self.answers.version()
        if not _keepable(scope) or version is None:
            return await self.app(scope, receive, send)
        key = scope["path"] + "?" + scope["query_string"].decode("latin-1")
        etag = '"' + hashlib.blake2b(f"{version} {key}".encode(), digest_size=12).hexdigest() + '"'
        tags = {t.strip().removeprefix("W/") for t in dict(scope["headers"]).get(
            b"if-none-match", b"").decode("latin-1").split(",")}
        if etag in tags:
            return await self._send(send, 304, [], b"", etag)
        kept = self._kept.get(key)
        if kept is not None and kept[0] == version:
            self._kept.move_to_end(key)
            return await self._send(send, 200, kept[1], kept[2], etag)
        await self.app(scope, receive, self._keeping(send, key, version, etag))

    @staticmethod
    async def _send(send: Callable, status: int, headers: list, body: bytes, etag: str) -> None:
        await send({"type": "http.response.start", "status": status,
                    "headers": headers + _tagged(etag)})
        await send({"type": "http.response.body", "body": body})

    def _keeping(self, send: Callable, key: str, version: str, etag: str) -> Callable:
        """``send`` that tags a 200 answered at ``version`` and keeps it once it is whole."""
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def keeping(message: dict) -> None:
            if message["type"] == "http.response.start":
                start.update(message, headers=list(message.get("headers", [])))
                if message["status"] == 200 and self.answers.version() == version:
                    message = {**message, "headers": start["headers"] + _tagged(etag)}
            elif message["type"] == "http.response.body" and start.get("status") == 200:
                chunks.append(message.get("body", b""))
                if not message.get("more_body") and self.answers.version() == version:
                    self._keep(key, version, start["headers"], b"".join(chunks))
            await send(message)
        return keeping

    def _keep(self, key: str, version: str, headers: list, body: bytes) -> None:
        old = self._kept.pop(key, None)
        self._size += len(body) - (len(old[2]) if old else 0)
        self._kept[key] = (version, headers, body)
        while self._size > self.max_bytes and self._kept:
            self._size -= len(self._kept.popitem(last=False)[1][2])


def _keepable(scope: dict) -> bool:
    path = scope.get("path", "")
    return (scope["type"] == "http" and scope["method"] == "GET" and path.startswith("/api/")
            and not path.startswith("/api/ingest"))


def _tagged(etag: str) -> list[tuple[bytes, bytes]]:
    # no-cache: a browser keeps the answer but asks each time, with If-None-Match.
    return [(b"etag", etag.encode()), (b"cache-control", b"no-cache")]


def _choice(name: str, value: str | None, allowed: tuple[str, ...],
            fold: Callable[[str], str] = str.lower) -> str | None:
    if value is None or value == "":
        return None
    folded = {fold(a): a for a in allowed}
    if fold(value) not in folded:
        raise QueryError(f"parameter {name!r}: {value!r} is not one of {', '.join(allowed)}")
    return folded[fold(value)]


def _day(name: str, value: str | None, *, end: bool = False) -> str | None:
    """A YYYY, YYYY-MM or YYYY-MM-DD bound as the first (or, for ``end``, last) day."""
    if not value:
        return None
    day = parse_day(value, end=end)
    if day is None:
        raise QueryError(f"parameter {name!r}: {value!r} is not a date (YYYY, YYYY-MM or "
                         "YYYY-MM-DD)")
    return day.isoformat()


def _span(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    start, end = _day("since", since), _day("until", until, end=True)
    if start and end and start > end:
        raise QueryError(f"parameter 'until': {until} is before since ({since})")
    return start, end


def _period_span(period: str | None, since: str | None,
                 until: str | None) -> tuple[str | None, str | None]:
    """since/until from ``period`` (``2024``, ``2023-08..2024-07``) when it is given."""
    if not period:
        return since, until
    if since or until:
        raise QueryError("give period or since/until, not both")
    span = Period.parse(period)
    return span.start.isoformat(), span.end.isoformat()


def _code(store: Store, name: str) -> str:
    """An actor's code for a name (a function of its own: answers are kept by function and
    arguments, and each name is resolved once between writes)."""
    return actor_code(name, store)


def _resolved(desk: "_Desk", flt: EventFilter) -> EventFilter:
    """``flt`` with names in the store's codes, as :func:`sinew.filters.resolve_filter`."""
    return replace(flt, actor=flt.actor and desk.run(_code, flt.actor),
                   recipient=flt.recipient and desk.run(_code, flt.recipient),
                   commodity=flt.commodity and commodity(flt.commodity))


def _filter(*, actor=None, recipient=None, type=None, kind=None, modality=None,
            commodity=None, since=None, until=None, doc_id=None, place=None, bbox=None,
            limit=None, offset=0) -> EventFilter:
    start, end = _span(since, until)
    return EventFilter(actor=actor or None, recipient=recipient or None,
                       place=place or None, bbox=check_bbox(bbox) if bbox else None,
                       type=_choice("type", type, EVENT_TYPES + MEASURE_TYPES),
                       kind=_choice("kind", kind, ("event", "measure")),
                       modality=_choice("modality", modality, MODALITIES),
                       commodity=commodity or None, since=start, until=end,
                       doc_id=doc_id or None, limit=limit, offset=offset)


def _jsonable(value: Any) -> Any:
    return jsonable_encoder(value.to_dict() if hasattr(value, "to_dict") else value)


def _record_json(record, around: dict[str, Any] | None, with_text: bool) -> dict[str, Any]:
    """A record with its document's metadata and, when asked for, the text around it."""
    data = orjson.loads(orjson.dumps(record))  # to_dict's JSON, in a tenth of the time
    if around is not None:
        data["document"] = {k: around[k] for k in ("doc_id", "title", "date", "source", "url")}
        if with_text:
            data["context"] = {"before": around["before"], "after": around["after"]}
    return data


class _JSONRoute(APIRoute):
    """A route whose dict answer is written with ``orjson`` as it is: answers are built
    from ``to_dict`` and database rows, JSON already, and FastAPI's generic encoder would
    walk them again at many times the cost (the lion's share of a request under load)."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any):
        if inspect.iscoroutinefunction(endpoint):
            @functools.wraps(endpoint)
            async def answer(*args: Any, **kw: Any) -> Any:
                return _as_json(await endpoint(*args, **kw), kwargs.get("status_code"))
        else:
            @functools.wraps(endpoint)
            def answer(*args: Any, **kw: Any) -> Any:
                return _as_json(endpoint(*args, **kw), kwargs.get("status_code"))
        super().__init__(path, answer, **kwargs)


def _as_json(value: Any, status: int | None) -> Any:
    if not isinstance(value, dict):
        return value
    try:
        body = orjson.dumps(value)
    except TypeError:  # an integer past 64 bits, say
        body = json.dumps(value).encode()
    return Response(body, status_code=status or 200, media_type="application/json")


def _page(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")


def _store_routes(app: FastAPI, desk: _Desk) -> None:
    @app.get("/api/health", tags=["store"],
             summary="What is being served; 503 when the store cannot be read")
    def health() -> dict[str, Any]:
        # Checked once between writes: nothing else changes the store while it is served.
        return {"ok": True, "version": __version__, "store": Path(desk.store.path).name,
                "counts": desk.run(Store.check), "ingest": desk.token is not None}

    @app.get("/api/facets", tags=["store"], summary="Values the filters can take")
    def facets() -> dict[str, Any]:
        return {"ok": True, **desk.run(Store.facets)}

    @app.get("/api/documents", tags=["documents"], summary="Documents, newest first")
    def documents(q: str | None = Query(None, description="Substring of title or id",
                                        **_TEXT),
                  limit: int = Query(50, ge=0, le=1000), offset: int = Query(0, **_OFFSET)):
        items, total = desk.run(Store.document_list, query=q, limit=limit, offset=offset)
        return {"ok": True, "total": total, "limit": limit, "offset": offset, "items": items}

    # ":path" so that an id with slashes (a URL, the most natural id) is reachable.
    @app.get("/api/documents/{doc_id:path}", tags=["documents"],
             summary="One document with its records and their evidence spans")
    def document(doc_id: str) -> dict[str, Any]:
        doc = desk.run(Store.document, doc_id)
        if doc is None:
            raise _NotFound(f"no document {doc_id!r} in the store (list them at /api/documents)")
        records = desk.run(Store.events, EventFilter(doc_id=doc_id))
        spans = [{"start": r.evidence.start, "end": r.evidence.end, "record_id": r.id,
                  "type": r.type, "modality": r.modality} for r in records]
        return {"ok": True, "document": doc.to_dict(), "spans": spans,
                "records": [_record_json(r, None, False) for r in records]}

    @app.get("/api/events", tags=["events"],
             summary="Events and measures, filtered as on the command line, paginated")
    def events(actor: str | None = Query(None, description="Actor country or code", **_TEXT),
               recipient: str | None = Query(None, **_TEXT),
               type: str | None = Query(None, description="PLOVER type or measure", **_TEXT),
               kind: str | None = Query(None, description="event or measure", **_TEXT),
               modality: str | None = Query(None, **_TEXT),
               what: str | None = Query(None, description="Category or commodity word "
                                        "(commodity: the old name)", **_TEXT),
               commodity: str | None = Query(None, include_in_schema=False, **_TEXT),
               since: str | None = Query(None, pattern=_DAY),
               until: str | None = Query(None, pattern=_DAY),
               period: str | None = Query(None, pattern=_PERIOD,
                                          description="Instead of since/until"),
               include_undated: bool = False,
               doc_id: str | None = Query(None, **_TEXT),
               place: str | None = Query(None, description="GeoNames id, place name, region "
                                                           "or country code", **_TEXT),
               bbox: str | None = Query(None, description="west,south,east,north in degrees",
                                        **_TEXT),
               limit: int = Query(100, ge=0, le=1000),
               cursor: str | None = Query(None, max_length=512, description="next_cursor of "
                                          "the page before: the next page, as fast however "
                                          "deep (offset reads every record before it)"),
               offset: int = Query(0, **_OFFSET),
               context: int = Query(0, ge=0, le=2000,
                                    description="Characters of text either side of each sentence")):
        since, until = _period_span(period, since, until)
        flt = replace(_filter(actor=actor, recipient=recipient, type=type, kind=kind,
                              modality=modality, commodity=what or commodity, since=since,
                              until=until, doc_id=doc_id, place=place, bbox=bbox, limit=limit,
                              offset=offset),
                      include_undated=include_undated, after=cursor or None)
        flt = _resolved(desk, flt)
        records, doc_rows = desk.run(Store.events_page, flt)
        total = desk.run(Store.count_events, flt)
        why = desk.run(why_empty, flt) if not total else None
        around = desk.live(Store.event_context, records, context, doc_rows)  # by row: cheap
        items = [_record_json(r, around.get(r.id), bool(context)) for r in records]
        # a full page may be the last: the next one is then empty, its next_cursor null
        nxt = records[-1].id if limit and len(records) == limit else None
        return {"ok": True, "total": total, "limit": limit, "offset": offset, "items": items,
                "next_cursor": nxt, **({"why": why} if why else {})}

    @app.get("/api/places", tags=["events"],
             summary="The places of the filtered records, one point per GeoNames id")
    def places(actor: str | None = Query(None, **_TEXT),
               recipient: str | None = Query(None, **_TEXT),
               type: str | None = Query(None, **_TEXT), kind: str | None = Query(None, **_TEXT),
               modality: str | None = Query(None, **_TEXT),
               commodity: str | None = Query(None, **_TEXT),
               since: str | None = Query(None, pattern=_DAY),
               until: str | None = Query(None, pattern=_DAY),
               place: str | None = Query(None, **_TEXT),
               bbox: str | None = Query(None, description="west,south,east,north in degrees",
                                        **_TEXT)) -> dict[str, Any]:
        flt = _filter(actor=actor, recipient=recipient, type=type, kind=kind,
                      modality=modality, commodity=commodity, since=since, until=until,
                      place=place, bbox=bbox)
        items = desk.run(Store.places, flt)
        return {"ok": True, "records": sum(p["records"] for p in items), "items": items}

    @app.get("/api/actors", tags=["network"], summary="Parties named as actor or recipient")
    def actors(q: str | None = Query(None, **_TEXT)) -> dict[str, Any]:
        return {"ok": True, "items": desk.run(Store.actors, q)}

    @app.get("/api/relations", tags=["network"],
             summary="The filterable actor graph: one edge per actor, recipient and type")
    def relations(party: str | None = Query(None, description="Either end", **_TEXT),
                  type: str | None = Query(None, **_TEXT),
                  kind: str | None = Query(None, **_TEXT),
                  modality: str | None = Query(None, **_TEXT),
                  commodity: str | None = Query(None, **_TEXT),
                  since: str | None = Query(None, pattern=_DAY),
                  until: str | None = Query(None, pattern=_DAY),
                  limit: int | None = Query(None, ge=1, le=100_000,
                                            description="The edges with the most records "
                                            "(total_edges counts them all)")
                  ) -> dict[str, Any]:
        flt = _filter(type=type, kind=kind, modality=modality, commodity=commodity,
                      since=since, until=until)
        return {"ok": True, **desk.run(Store.relations, flt, party or None, limit=limit)}


def _analysis_routes(app: FastAPI, desk: _Desk) -> None:
    @app.get("/api/network", tags=["analysis"],
             summary="The event network (counted events) with monthly PLOVER scores")
    def network(since: str | None = Query(None, pattern=_DAY),
                until: str | None = Query(None, pattern=_DAY),
                asserted_only: bool = False,
                limit: int = Query(200, ge=1, le=10_000, description="Edges, most events "
                                   "first (totals say how many there are in all)"),
                cursor: str | None = Query(None, max_length=512,
                                           description="next_cursor of the page before"),
                min_events: int = Query(1, ge=1, description="Leave out thinner edges")
                ) -> dict[str, Any]:
        start, end = _span(since, until)
        paged = desk.run(network_page, since=start, until=end, asserted_only=asserted_only,
                         limit=limit, cursor=cursor, min_events=min_events)
        return {"ok": True, **paged.to_dict()}

    @app.get("/api/flows", tags=["analysis"], summary="Who supplies what to whom, per period")
    def flows(actor: str | None = Query(None, description="Supplier: code or name", **_TEXT),
              supplier: str | None = Query(None, include_in_schema=False, **_TEXT),
              recipient: str | None = Query(None, **_TEXT),
              what: str | None = Query(None, description="Commodity category", **_TEXT),
              period: str | None = Query(None, pattern=_PERIOD),
              granularity: str = Query("year", pattern="^(year|month)$"),
              asserted_only: bool = False, evidence: int = _EVIDENCE) -> dict[str, Any]:
        items = desk.run(analysis.flows, supplier=actor or supplier or None,
                         recipient=recipient or None, what=what or None, period=period or None,
                         granularity=granularity, asserted_only=asserted_only,
                         evidence=evidence)
        return {"ok": True, "items": [f.to_dict() for f in items]}

    @app.get("/api/dependence", tags=["analysis"],
             summary="A recipient's supply of a commodity: production and each supplier")
    def dependence(recipient: str = Query(..., min_length=1, **_TEXT),
                   what: str = Query(..., min_length=1, **_TEXT),
                   period: str = Query(..., pattern=_PERIOD),
                   unit: str | None = Query(None, **_TEXT),
                   asserted_only: bool = False, evidence: int = _EVIDENCE,
                   claims: int = _CLAIMS, term: str | None = _TERM,
                   cursor: str | None = _CURSOR) -> dict[str, Any]:
        dep = desk.run(analysis.depend, recipient, what, period, unit=unit or None,
                       asserted_only=asserted_only, evidence=evidence, claims=claims,
                       term=term or None, cursor=cursor or None)
        return {"ok": True, **dep.to_dict()}

    @app.post("/api/whatif", tags=["analysis"],
              summary="Run a scenario: the balance before and after its changes")
    def whatif(scenario: ScenarioBody, evidence: int = _EVIDENCE, claims: int = _CLAIMS,
               term: str | None = _TERM, cursor: str | None = _CURSOR) -> dict[str, Any]:
        result = desk.run(analysis.whatif, scenario.to_scenario(), evidence=evidence,
                          claims=claims, term=term or None, cursor=cursor or None)
        return {"ok": True, **result.to_dict()}

    @app.get("/api/claims/{claim_id}/sources", tags=["analysis"],
             summary="A page of a claim's sources and sentences, in the claim's order")
    def claim_sources(claim_id: str = Path_(..., max_length=64),
                      limit: int = Query(20, ge=1, le=500),
                      cursor: str | None = Query(None, description="next_cursor of the page "
                                                 "before", **_TEXT)) -> dict[str, Any]:
        items, total, nxt = desk.run(analysis.claim_sources, claim_id, limit=limit,
                                     cursor=cursor)
        return {"ok": True, "claim_id": claim_id, "total": total, "limit": limit,
                "items": [_jsonable(i) for i in items], "next_cursor": nxt}


def _authorise(desk: _Desk, request: Request) -> IngestJobs:
    if desk.token is None or desk.jobs is None:
        raise _Forbidden("ingest over HTTP is off (start sinew serve with --ingest-token)", 403)
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    given = given.strip() if scheme == "Bearer" else ""
    if not hmac.compare_digest(given.encode(), desk.token.encode()):
        raise _Forbidden("ingest needs the header Authorization: Bearer <token>", 401)
    return desk.jobs


def _ingest_route(app: FastAPI, desk: _Desk) -> None:
    @app.post("/api/ingest", tags=["store"], status_code=202,
              summary="Queue JSON Lines documents for ingest (only when started with a token)")
    async def ingest(request: Request) -> dict[str, Any]:
        """The body is JSON Lines, one document per line (``text`` plus optional ``id``,
        ``title``, ``date``, ``url``, ``source``), as ``sinew ingest --input-format jsonl`` reads.
        Answers 202 at once with the job; ``GET /api/ingest/{job}`` gives its summary when done."""
        jobs = _authorise(desk, request)
        # Bad bytes kept (as lone surrogates) so that reading rejects just their line as such.
        text = (await request.body()).decode("utf-8", errors="surrogateescape")
        job = await run_in_threadpool(jobs.submit, text)
        return {"ok": True, **job, "status_url": f"/api/ingest/{job['job']}"}

    @app.get("/api/ingest/{job_id}", tags=["store"],
             summary="How an ingest job stands: queued, running, done (with its summary), failed")
    def ingest_status(job_id: str, request: Request) -> dict[str, Any]:
        job = _authorise(desk, request).status(job_id)
        if job is None:
            raise _NotFound(f"no ingest job {job_id!r} (jobs are kept while the server runs)")
        return {"ok": True, **job}


async def _size_pool(threads: int) -> None:
    anyio.to_thread.current_default_thread_limiter().total_tokens = threads


def create_app(db_path: str | Path, *, ingest_token: str | None = None,
               max_body: int = DEFAULT_MAX_BODY, threads: int | None = None,
               keep: bool = True) -> FastAPI:
    """The ASGI app serving the store at ``db_path``: read-only unless ``ingest_token`` is
    given, which opens it for writing and enables ``POST /api/ingest`` with that token.
    ``threads`` requests are answered at once (default ``DEFAULT_THREADS``); ``keep=False`` keeps no answer between
    requests (to measure what keeping them saves)."""
    if not Path(db_path).is_file():
        raise StoreError(f"no store at {db_path} (create one with sinew ingest or sinew demo)")
    if ingest_token is not None and len(ingest_token) < 16:
        raise ConfigError("the ingest token must be at least 16 characters")
    store = Store(db_path, read_only=ingest_token is None)
    desk = _Desk(store, ingest_token, _Answers(256 if keep else 0))
    if ingest_token is not None:
        desk.jobs = IngestJobs(store, writing=desk.answers.write)
    app = FastAPI(title="sinew", version=__version__, docs_url=None, redoc_url=None,
                  description="Typed records of who supplies what to whom, with evidence.")
    app.state.desk = desk
    app.router.route_class = _JSONRoute
    _install_errors(app)
    if keep:
        app.add_middleware(_Replies, answers=desk.answers)
    app.add_middleware(_Guard, max_body=max_body)  # outside _Replies: on kept answers too
    app.router.on_startup.append(functools.partial(_size_pool, threads or DEFAULT_THREADS))
    _page(app)
    _store_routes(app, desk)
    _analysis_routes(app, desk)
    _ingest_route(app, desk)
    if desk.jobs is not None:
        app.router.on_shutdown.append(desk.jobs.close)
    app.router.on_shutdown.append(desk.store.close)
    return app
