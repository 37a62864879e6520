"""Command-line shells over :mod:`sinew.distributed`: ``sinew scale-ingest`` and ``sinew load``.

``register(group)`` adds both commands to the ``sinew`` group. :func:`ingest_dask` is what
``sinew ingest --engine dask`` calls. Dask is imported only when a command runs, so the
CLI works without the ``dist`` extra and says how to install it when it is needed.
"""

from __future__ import annotations

import sys
import time
from typing import Sequence

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .errors import SinewError
from .output import fail, print_summary, stderr_console
from .sources import LINES_PER_PARTITION
from .store import Store

__all__ = ["ingest_dask", "register"]

_FORMATS = click.Choice(["auto", "text", "html", "jsonl"])




def ingest_dask(paths: Sequence[str], *, out: str, db: str | None = None,
                workers: int = 2, scheduler: str | None = None, fmt: str = "auto",
                date: str | None = None, model: str | None = None,
                lines_per_partition: int = LINES_PER_PARTITION, text_column: str = "text",
                quiet: bool = False) -> None:
    """Run PATHS on Dask into the dataset ``out`` (and load it into ``db`` when given), with a
    progress bar over partitions and the end summary; exits 0, 1 (some input rejected) or 2."""
    console = stderr_console()
    try:
        from . import distributed

        with _progress(console, quiet) as bar:
            run = distributed.dask_ingest(
                paths, out, scheduler=scheduler, workers=workers, fmt=fmt, default_date=date,
                model=model, lines_per_partition=lines_per_partition, text_column=text_column,
                on_plan=bar.planned, on_partition=bar.tick)
        if db is not None:
            with Store(db) as store:
                distributed.load_dataset(out, store)
    except SinewError as exc:
        fail(exc)
    if not quiet:
        print_summary(run.summary, console)
        console.print(f"partitions {run.partitions} (already done {run.skipped}, failed "
                      f"{run.failed})  dataset: {out}" + (f"  store: {db}" if db else ""))
    sys.exit(0 if run.summary.ok else 1)


class _progress:
    """Partitions done of all, and documents per second, across the cluster; silent when
    stderr is no terminal or with --quiet."""

    def __init__(self, console: Console, quiet: bool):
        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("partitions  {task.fields[rate]:,.0f} documents/s"),
                            TimeElapsedColumn(), console=console, transient=True,
                            disable=quiet or not console.is_terminal)
        self.docs, self.started, self.task = 0, time.perf_counter(), None

    def __enter__(self):
        self.bar.__enter__()
        self.task = self.bar.add_task("extracting", total=None, rate=0.0)
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(*exc)

    def planned(self, total: int, done: int) -> None:
        self.bar.update(self.task, total=total, completed=done)

    def tick(self, result) -> None:
        self.docs += 0 if result.skipped else result.summary.read
        rate = self.docs / max(time.perf_counter() - self.started, 1e-9)
        self.bar.update(self.task, advance=1, rate=rate)


def register(group: click.Group) -> None:
    """Add ``scale-ingest`` and ``load`` to ``group``."""
    group.add_command(scale_ingest)
    group.add_command(load)


@click.command("scale-ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", required=True, type=click.Path(file_okay=False),
              help="Folder of the Parquet dataset (rerun with the same one to resume).")
@click.option("--workers", type=click.IntRange(1, 1024), default=2, show_default=True,
              help="Worker processes of the local cluster (ignored with --scheduler).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Use this running Dask scheduler instead of a local cluster.")
@click.option("--db", default=None, help="Also load the dataset into this DuckDB store.")
@click.option("--input-format", "fmt", type=_FORMATS, default="auto", show_default=True,
              help="Input format of non-Parquet, non-WARC files; auto goes by suffix.")
@click.option("--date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--model", default=None, help="spaCy pipeline every worker loads.")
@click.option("--lines-per-partition", type=click.IntRange(1), default=LINES_PER_PARTITION,
              show_default=True, help="JSON Lines lines in one partition (one task; a killed "
              "worker loses at most the partition it was running).")
@click.option("--text-column", default="text", show_default=True,
              help="Column of Parquet inputs that holds the article text.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
def scale_ingest(paths, out, workers, scheduler, db, fmt, date, model, lines_per_partition,
                 text_column, quiet):
    """Extract PATHS (files, folders, globs of .jsonl[.gz], .parquet, .warc[.gz], ...) on a Dask
    cluster into a Parquet dataset; a rerun does only the partitions not yet written."""
    ingest_dask(paths, out=out, db=db, workers=workers, scheduler=scheduler, fmt=fmt,
                date=date.date().isoformat() if date else None, model=model,
                lines_per_partition=lines_per_partition, text_column=text_column, quiet=quiet)


@click.command("load")
@click.argument("dataset", type=click.Path(exists=True, file_okay=False))
@click.option("--db", default="sinew.duckdb", show_default=True, help="DuckDB store file.")
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
def load(dataset, db, quiet):
    """Load a Parquet DATASET written by scale-ingest into the DuckDB store; documents the
    store has already count as duplicates, so loading twice adds nothing."""
    try:
        from . import distributed

        with Store(db) as store:
            summary = distributed.load_dataset(dataset, store)
    except SinewError as exc:
        fail(exc)
    if not quiet:
        print_summary(summary, stderr_console())
    sys.exit(0 if summary.ok else 1)
