"""``sinew serve``: the HTTP API and the analyst's web page over a store.

Kept apart from :mod:`sinew.cli` so that the command line works without the ``web`` extra;
``cli.py`` adds the command with :func:`register`.
"""

from __future__ import annotations

import sys

import click
from rich.console import Console

from .errors import MissingExtraError, SinewError

__all__ = ["register"]

#: Seconds a thread holds the GIL while another waits for it (Python's default: 0.005). The
#: event loop gives it up at every socket call and must get it back from the pool's threads
#: before it reads or writes the next answer: a shorter turn serves the kept answers between
#: the pool's queries (measured with bench/load.py: higher throughput, lower p95).
SWITCH_INTERVAL = 0.001


def _serve(db: str, host: str, port: int, ingest_token: str | None, max_body: int,
           threads: int | None, cache: bool) -> None:
    try:
        import uvicorn
    except ImportError as exc:
        raise MissingExtraError("uvicorn", "web") from exc
    from .web import create_app

    app = create_app(db, ingest_token=ingest_token, max_body=max_body, threads=threads,
                     keep=cache)
    mode = "ingest enabled with a token" if ingest_token else "read-only"
    Console(stderr=True).print(f"sinew: serving {db} ({mode}) at http://{host}:{port}/ "
                               f"- API docs at /docs; Ctrl-C stops")
    sys.setswitchinterval(SWITCH_INTERVAL)  # this process only serves
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(group: click.Group) -> None:
    """Add the ``serve`` command to ``group`` (the ``sinew`` command line)."""

    @group.command()
    @click.option("--db", default="sinew.duckdb", show_default=True, help="DuckDB store file.")
    @click.option("--host", default="127.0.0.1", show_default=True,
                  help="Address to listen on (0.0.0.0 exposes the store to the network).")
    @click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
    @click.option("--ingest-token", envvar="SINEW_INGEST_TOKEN", default=None,
                  help="Enable POST /api/ingest for requests with this bearer token (at least "
                       "16 characters; or set SINEW_INGEST_TOKEN). Without it the store is "
                       "read-only.")
    @click.option("--max-body", type=click.IntRange(1), default=1_000_000, show_default=True,
                  help="Largest request body accepted, in bytes.")
    @click.option("--threads", type=click.IntRange(1, 256), default=None,
                  help="Requests answered at once [default: 4 per core].")
    @click.option("--cache/--no-cache", default=True, show_default=True,
                  help="Keep answers until the store changes (--no-cache: to measure).")
    def serve(db, host, port, ingest_token, max_body, threads, cache):
        """Serve the store over HTTP: the JSON API, its docs (/docs) and the web page."""
        try:
            _serve(db, host, port, ingest_token, max_body, threads, cache)
        except SinewError as exc:
            Console(stderr=True).print(f"[red]error:[/red] {exc}")
            sys.exit(2)
