"""The ``sinew`` command line: thin shells over the library.

Exit status: 0 every input processed; 1 some input rejected (see the summary); 2 bad usage or
an error that stopped the command (a one-line message on stderr: an option naming a file where a
folder belongs, an unknown export suffix or filter value, a folder that is not a dataset, a
store that cannot be opened or written).
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from importlib import resources
from typing import Iterator

import click
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)

from . import pipeline
from .reading import FORMATS, MAX_CHARS, count_inputs
from .analysis.periods import Period
from .errors import SinewError
from .filters import find
from .output import (OUTPUT_FORMATS, fail, print_summary, stderr_console, stdout_console,
                     write_records)
from .schema import MODALITIES, RunSummary
from .store import EXPORT_FORMATS, EventFilter, Store, check_bbox, export_format

__all__ = ["main"]

_FORMATS = click.Choice(FORMATS)
_DATE = click.DateTime(formats=["%Y-%m-%d"])



#: Without a terminal, one log line per this many documents.
LOG_EVERY = 1000


class _Ticker:
    """Called with each outcome (counts documents); ``page`` follows the pages of a PDF."""

    def __init__(self, bar: Progress, total: int | None):
        self.bar = bar
        self.documents = bar.add_task("extracting", total=total)
        self.pages = None

    def __call__(self, _outcome: object) -> None:
        self.bar.advance(self.documents)

    def page(self, name: str, number: int, total: int) -> None:
        if self.pages is None:
            self.pages = self.bar.add_task("", total=total)
        self.bar.update(self.pages, description=f"reading {name}", completed=number,
                        total=total, visible=number < total)


class _LogLines:
    """Without a terminal: a plain log line every :data:`LOG_EVERY` documents."""

    def __init__(self, console, total: int | None, quiet: bool):
        self.console, self.quiet = console, quiet
        self.done, self.started = 0, time.monotonic()
        self.of = f" of {total:,}" if total else ""

    def __call__(self, _outcome: object) -> None:
        self.done += 1
        if not self.quiet and self.done % LOG_EVERY == 0:
            rate = self.done / max(time.monotonic() - self.started, 1e-9)
            self.console.print(f"sinew: {self.done:,}{self.of} documents ({rate:,.1f}/s)",
                               markup=False, highlight=False)

    def page(self, name: str, number: int, total: int) -> None:
        pass


@contextmanager
def _progress(quiet: bool, total: int | None = None) -> Iterator[_Ticker | _LogLines]:
    """A progress bar with the total and time left on a terminal (stderr), and the pages of a
    PDF being read; otherwise a plain log line every :data:`LOG_EVERY` documents; nothing
    with --quiet."""
    console = stderr_console()
    if quiet or not console.is_terminal:
        yield _LogLines(console, total, quiet)
        return
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("left"),
                  TimeRemainingColumn(), console=console, transient=True) as bar:
        yield _Ticker(bar, total)



def _iso(value) -> str | None:
    return value.date().isoformat() if value is not None else None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sinew")
def main() -> None:
    """sinew: rebuild, as evidence, who supplies what to whom from war reporting."""


def _pipeline_options(func):
    func = click.option("--input-format", "fmt", type=_FORMATS, default="auto", show_default=True,
                        help="Input format; auto goes by file suffix (and sniffs stdin).")(func)
    func = click.option("--date", type=_DATE, default=None,
                        help="Publication date (YYYY-MM-DD) for inputs that carry none.")(func)
    func = click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
                        help="Parser processes.")(func)
    func = click.option("--model", default=None,
                        help="spaCy pipeline to load (default: SINEW_MODEL or the pinned model).")(func)
    func = click.option("--max-chars", type=click.IntRange(1), default=MAX_CHARS, show_default=True,
                        help="Reject documents longer than this many characters.")(func)
    return click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")(func)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default="sinew.duckdb", show_default=True, help="DuckDB store file.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this process; dask: a Dask cluster (pip install 'sinew[dist]').")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="With --engine dask: a running scheduler (default: a local cluster of "
                   "--workers processes on 127.0.0.1).")
@click.option("--out", default="sinew-dataset", show_default=True,
              type=click.Path(file_okay=False),
              help="With --engine dask: folder of the Parquet dataset (rerun to resume).")
@_pipeline_options
def ingest(paths, db, engine, scheduler, out, fmt, date, workers, model, max_chars, quiet):
    """Read PATHS (files, folders, - for stdin), extract, and store in the database.

    With --engine dask the same pipeline runs on a Dask cluster, writes a Parquet dataset
    (documents, records, rejected; partitioned by month) to --out, and loads it into --db.
    """
    if engine == "dask":
        from .cli_dist import ingest_dask

        ingest_dask(paths, out=out, db=db, workers=max(workers, 1), scheduler=scheduler, fmt=fmt,
                    date=_iso(date), model=model, quiet=quiet)
    rejected = []

    def seen(outcome: pipeline.Outcome, tick) -> None:
        tick(outcome)
        if outcome.rejected is not None:
            rejected.append(outcome.rejected)

    try:
        with Store(db) as store, _progress(quiet, count_inputs(paths)) as tick:
            # This run's rejections, from the run: the store keeps each one once across runs.
            summary = pipeline.ingest(paths, store, fmt=fmt, default_date=_iso(date),
                                      workers=workers, model=model, max_chars=max_chars,
                                      on_outcome=lambda outcome: seen(outcome, tick),
                                      on_page=tick.page)
    except SinewError as exc:
        fail(exc)
    if not quiet:
        print_summary(summary, stderr_console(), rejected)
    sys.exit(0 if summary.ok else 1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "--output", "-o", "out_fmt", type=click.Choice(OUTPUT_FORMATS),
              default="jsonl",
              show_default=True, help="Output format.")
@_pipeline_options
def extract(paths, out_fmt, fmt, date, workers, model, max_chars, quiet):
    """Extract records from PATHS (or - for stdin) and print them, without a database."""
    summary, rejected, records = RunSummary(), [], []
    try:
        with _progress(quiet, count_inputs(paths)) as tick:
            for outcome in pipeline.process(paths, fmt=fmt, default_date=_iso(date),
                                            workers=workers, model=model, summary=summary,
                                            max_chars=max_chars, on_outcome=tick,
                                            on_page=tick.page):
                records.extend(outcome.records)
                if outcome.rejected is not None:
                    rejected.append(outcome.rejected)
    except SinewError as exc:
        fail(exc)
    write_records(records, out_fmt, sys.stdout)
    if not quiet:
        print_summary(summary, stderr_console(), rejected)
    sys.exit(0 if summary.ok else 1)


def _filter_options(func):
    for names, help_ in ((("--actor",), "Actor: a code (PRK, RUSMIL) or a name (North Korea)."),
                         (("--recipient",), "Recipient: a code or a name."),
                         (("--type",), "PLOVER event type or measure indicator."),
                         (("--what", "--commodity"),
                          "What: a category (artillery_ammunition) or a word (shells)."),
                         (("--place",), "Where: a GeoNames id, a place name, a region or a "
                                        "country code (UKR)."),
                         (("--bbox",), "Where: a box west,south,east,north in degrees "
                                       "(e.g. 22,44,41,53).")):
        func = click.option(*names, default=None, help=help_)(func)
    func = click.option("--kind", type=click.Choice(["event", "measure"]), default=None)(func)
    func = click.option("--modality", type=click.Choice(MODALITIES), default=None)(func)
    return click.option("--limit", type=click.IntRange(0), default=None)(_date_options(func))


def _date_options(func):
    """--since/--until/--period/--include-undated, the same on every command that has them."""
    func = click.option("--since", type=_DATE, default=None, help="From this date (YYYY-MM-DD).")(func)
    func = click.option("--until", type=_DATE, default=None, help="Up to this date (YYYY-MM-DD).")(func)
    func = click.option("--period", "within", default=None,
                        help="Dated within 2024, 2024-03 or 2023-08..2024-07 (instead of "
                             "--since/--until).")(func)
    return click.option("--include-undated", is_flag=True,
                        help="With --since/--until/--period: keep records with no date.")(func)


def _date_bounds(since, until, within) -> tuple[str | None, str | None]:
    """ISO bounds from --since/--until, or from --period (not both)."""
    if within is None:
        return _iso(since), _iso(until)
    if since is not None or until is not None:
        raise click.UsageError("give --period or --since/--until, not both")
    try:
        span = Period.parse(within)
    except SinewError as exc:
        raise click.BadParameter(str(exc), param_hint="--period") from None
    return span.start.isoformat(), span.end.isoformat()


@main.command()
@click.option("--db", default="sinew.duckdb", show_default=True, help="DuckDB store file.")
@click.option("--format", "--output", "-o", "out_fmt", type=click.Choice(OUTPUT_FORMATS),
              default="table",
              show_default=True)
@_filter_options
def events(db, out_fmt, actor, recipient, type, what, place, bbox, kind, modality, since, until,
           within, include_undated, limit):
    """Query stored events and measures (names work as well as codes: --actor "North Korea")."""
    start, end = _date_bounds(since, until, within)
    try:
        flt = EventFilter(actor=actor, recipient=recipient, type=type, commodity=what,
                          place=place, bbox=check_bbox(bbox) if bbox else None, kind=kind,
                          modality=modality, since=start, until=end, limit=limit,
                          include_undated=include_undated)
        with Store(db, read_only=True) as store:
            records, empty = find(store, flt)
    except SinewError as exc:
        fail(exc)
    write_records(records, out_fmt, sys.stdout)
    if empty:
        stderr_console().print(empty, markup=False, highlight=False)


@main.command()
@click.argument("target")
@click.option("--db", default="sinew.duckdb", show_default=True, help="DuckDB store file.")
@click.option("--format", "--as", "fmt", type=click.Choice(EXPORT_FORMATS), default=None,
              help="Output format (default: from TARGET's suffix; .tsv is cameo-tsv). "
                   "plover-json: PLOVER/POLECAT JSON Lines; cameo-tsv: a CAMEO-coded table.")
@click.option("--table", type=click.Choice(["records", "documents", "rejected"]),
              default="records", show_default=True)
def export(target, db, fmt, table):
    """Write a stored table to TARGET as Parquet, CSV or JSON Lines (by TARGET's suffix:
    .parquet, .csv, .jsonl or .json; or --format), or the records in an exchange format:
    PLOVER JSON (--as plover-json) or a CAMEO table (--as cameo-tsv, or a .tsv TARGET)."""
    try:
        fmt = fmt or export_format(target)
        with Store(db, read_only=True) as store:
            path = store.export(target, fmt, table)
    except SinewError as exc:
        fail(exc)
    stderr_console().print(f"wrote {path} ({fmt})")


@main.command()
@click.option("--db", default="sinew-demo.duckdb", show_default=True, help="DuckDB store file.")
@click.option("--quiet", "-q", is_flag=True)
def demo(db, quiet):
    """Ingest the bundled demo corpus and show the material flows it reports."""
    corpus = str(resources.files("sinew") / "data" / "demo")
    try:
        with Store(db) as store, _progress(quiet, count_inputs([corpus])) as tick:
            summary = pipeline.ingest([corpus], store, on_outcome=tick)
            records = store.events(EventFilter(type="AID"))
    except SinewError as exc:
        fail(exc)
    console = stdout_console()
    console.print(f"[bold]Material flows (PLOVER AID) in the demo corpus[/bold] - store: {db}")
    write_records(records, "table", sys.stdout, console)
    print_summary(summary, console)
    console.print(f"next: sinew depend --db {db} --recipient RUS --what artillery_ammunition "
                  f"--period 2024  |  sinew whatif examples/scenarios/north-korea-stops.yaml "
                  f"--db {db}  |  sinew serve --db {db}", highlight=False)
    sys.exit(0 if summary.ok else 1)


def _register_commands() -> None:
    """Commands that live in their own modules (each a thin shell over its library module)."""
    from .cli_analysis import register as register_analysis
    from .cli_dist import register as register_dist
    from .cli_eval import register as register_eval
    from .cli_web import register as register_web

    register_analysis(main)
    register_dist(main)
    register_eval(main)
    register_web(main)


_register_commands()
