"""Rendering records for people and programs: JSON Lines, CSV, or a readable table."""

from __future__ import annotations

import csv
import json
from typing import IO, Iterable, NoReturn

from rich.console import Console
from rich.table import Table

from .schema import DateInfo, Quantity, Record, RunSummary
from .store import flatten

__all__ = ["OUTPUT_FORMATS", "describe_date", "describe_quantity", "fail", "stderr_console", "print_summary", "stdout_console", "write_records"]

OUTPUT_FORMATS = ("jsonl", "csv", "table")
_MIN_WIDTH = {"type": 12, "what": 20, "quantity": 24, "date": 22}


def describe_quantity(q: Quantity | None) -> str:
    """"up to 4,800,000 shell", "10,000-15,000 shell/day", "~250,000 shell/month"."""
    if q is None:
        return ""
    def n(x: float | None) -> str:
        return f"{x:,.0f}" if x is not None and x == int(x) else f"{x:,.2f}"
    figure = {"exact": lambda: n(q.value), "approximate": lambda: "~" + n(q.value),
              "range": lambda: f"{n(q.low)}-{n(q.high)}",
              "lower_bound": lambda: f">= {n(q.low)}", "upper_bound": lambda: f"<= {n(q.high)}",
              }.get(q.status, lambda: q.text)()
    unit = f" {q.unit}" if q.unit else ""
    per = f"/{q.per}" if q.per else ""
    total = " (total)" if q.cumulative else ""
    return f"{figure}{unit}{per}{total}"


def describe_date(d: DateInfo | None) -> str:
    """"2024", "2024-06", "2024-06-19", "..2024-02-29" (by then), "2023-08-01..2024-06-14"."""
    if d is None or (d.start is None and d.end is None):
        return ""
    if d.granularity == "year" and d.start:
        return d.start[:4]
    if d.granularity == "month" and d.start:
        return d.start[:7]
    if d.start == d.end:
        return d.start or ""
    return f"{d.start or ''}..{d.end or ''}"


def _actor(ref) -> str:
    if ref is None:
        return ""
    return ref.code or f"? {ref.text}"


def write_records(records: Iterable[Record], fmt: str, out: IO[str],
                  console: Console | None = None) -> int:
    """Write records in ``fmt``; returns how many were written."""
    records = list(records)
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        rows = [flatten(r) for r in records]
        if rows:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    else:
        (console or _console(out)).print(_table(records))
    return len(records)


def stdout_console() -> Console:
    import sys

    return _console(sys.stdout)


def _console(out: IO[str]) -> Console:
    """A console for ``out``; piped tables get a fixed wide layout instead of 80 columns and
    lines are never broken (soft wrap)."""
    console = Console(file=out)
    return console if console.is_terminal else Console(file=out, width=220, soft_wrap=True)


def _table(records: list[Record]) -> Table:
    table = Table(show_lines=False, expand=False)
    for name in ("type", "actor", "recipient", "what", "quantity", "modality", "source",
                 "date", "evidence"):
        if name == "evidence":  # one line per record: the full sentence is in JSON/CSV output
            table.add_column(name, overflow="ellipsis", no_wrap=True, max_width=90)
        else:
            table.add_column(name, overflow="fold", max_width=28, min_width=_MIN_WIDTH.get(name))
    for r in records:
        evidence = " ".join(r.evidence.text.split())
        table.add_row(
            r.type + (f":{r.mode}" if r.mode else ""), _actor(r.actor), _actor(r.recipient),
            r.what.category if r.what else "", describe_quantity(r.quantity), r.modality,
            r.attribution.code or r.attribution.text if r.attribution else "",
            describe_date(r.date), evidence)
    return table


def print_summary(summary: RunSummary, console: Console, rejected: Iterable = ()) -> None:
    """The one-screen end-of-run summary."""
    console.print(
        f"[bold]read[/bold] {summary.read}  [bold]processed[/bold] {summary.processed}  "
        f"[bold]duplicate[/bold] {summary.duplicate}  [bold]rejected[/bold] {summary.rejected}  "
        f"| events {summary.events}  measures {summary.measures}  | {summary.seconds:.1f}s")
    for line in summary.warnings[:10]:
        console.print(f"  warning {line}", markup=False, highlight=False)
    if len(summary.warnings) > 10:
        console.print(f"  ... {len(summary.warnings) - 10} more warnings")
    for item in list(rejected)[:10]:
        console.print(f"  rejected {item.origin}: {item.reason}")
    if summary.rejected > 10:
        console.print(f"  ... {summary.rejected - 10} more (see the rejected table)")


def stderr_console() -> Console:
    """Messages and summaries; not wrapped at 80 columns when stderr is not a terminal."""
    console = Console(stderr=True)
    return console if console.is_terminal else Console(stderr=True, soft_wrap=True)


def fail(exc: Exception) -> NoReturn:
    """End a command on an error it cannot recover from: the message on stderr, exit 2."""
    stderr_console().print(f"[red]error:[/red] {exc}", highlight=False)
    raise SystemExit(2)
