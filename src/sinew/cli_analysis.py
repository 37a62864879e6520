"""The analysis commands (``flows``, ``depend``, ``whatif``, ``network``): thin shells over
:mod:`sinew.analysis`. ``register(group)`` adds them to a click group (``sinew.cli.main``).

Exit status: 0 on success; 2 on bad usage or an error that stopped the command.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import Callable

import click

from . import analysis
from .analysis.report import (OUTPUT_FORMATS, write_dependence, write_flows, write_network,
                              write_whatif)
from .analysis.flows import flow_filter
from .errors import SinewError
from .filters import why_empty
from .output import fail, stderr_console
from .store import Store

__all__ = ["COMMANDS", "register"]

_DATE = click.DateTime(formats=["%Y-%m-%d"])




def _common(func: Callable) -> Callable:
    func = click.option("--asserted-only", is_flag=True,
                        help="Count only asserted figures (default: all but hypothetical, "
                             "future and negated).")(func)
    func = click.option("--format", "--output", "-o", "out_fmt", type=click.Choice(OUTPUT_FORMATS),
                        default="table", show_default=True, help="Output format.")(func)
    return click.option("--db", default="sinew.duckdb", show_default=True,
                        help="DuckDB store file.")(func)


def _charts(func: Callable) -> Callable:
    return click.option("--chart", "charts", multiple=True, metavar="PATH",
                        help="Also draw a chart to PATH (.png or .svg); repeatable.")(func)


@click.command("flows")
@_common
@click.option("--actor", "--supplier", "supplier", default=None,
              help="Supplier: a code (PRK) or a name (North Korea).")
@click.option("--recipient", default=None, help="Recipient: a code (RUS) or a name.")
@click.option("--what", default=None,
              help="What: a category (artillery_ammunition) or a word (shells).")
@click.option("--period", default=None,
              help="One period: 2024, 2024-03 or 2023-08..2024-07 (default: every year).")
@click.option("--since", type=_DATE, default=None, help="Records dated from (YYYY-MM-DD).")
@click.option("--until", type=_DATE, default=None, help="Records dated up to (YYYY-MM-DD).")
@click.option("--include-undated", is_flag=True,
              help="With --since/--until: keep records with no date.")
@click.option("--granularity", type=click.Choice(["year", "month"]), default="year",
              show_default=True, help="Periods to split flows into when --period is not set.")
@click.option("--evidence", is_flag=True, help="List each claim's sources and sentences.")
def flows_command(db, out_fmt, asserted_only, supplier, recipient, what, period, since, until,
                  include_undated, granularity, evidence):
    """Who supplies what to whom per period, with the range across sources."""
    dates = dict(since=_iso(since), until=_iso(until), include_undated=include_undated)
    try:
        with Store(db, read_only=True) as store:
            result = analysis.flows(store, supplier=supplier, recipient=recipient, what=what,
                                    period=period, granularity=granularity,
                                    asserted_only=asserted_only, **dates)
            empty = None if result else why_empty(store, flow_filter(
                store, supplier=supplier, recipient=recipient, what=what, **dates))
    except SinewError as exc:
        fail(exc)
    write_flows(result, out_fmt, sys.stdout, evidence=evidence)
    if empty:
        stderr_console().print(empty, markup=False, highlight=False)


@click.command("depend")
@_common
@click.option("--recipient", required=True, help="Recipient: a code (RUS) or a name (Russia).")
@click.option("--what", required=True,
              help="What: a category (artillery_ammunition) or a word (shells).")
@click.option("--period", required=True, help="2024, 2024-03 or 2023-08..2024-07.")
@click.option("--unit", default=None,
              help="Unit to count in (default: the unit most figures use).")
@_charts
def depend_command(db, out_fmt, asserted_only, recipient, what, period, unit, charts):
    """Supply of WHAT to RECIPIENT in PERIOD: domestic production plus each supplier's share,
    with ranges, HHI and the evidence behind each term. --chart draws supply by source for
    every year with evidence."""
    try:
        with Store(db, read_only=True) as store:
            result = analysis.depend(store, recipient, what, period, unit=unit,
                                     asserted_only=asserted_only)
            over_time = analysis.supply_over_time(store, recipient, what, unit=result.unit,
                                                  asserted_only=asserted_only) \
                if charts else []
        written = [analysis.plot_supply(over_time or [result], path) for path in charts]
    except SinewError as exc:
        fail(exc)
    write_dependence(result, out_fmt, sys.stdout)
    for path in written:
        stderr_console().print(f"wrote {path}", highlight=False)


@click.command("whatif")
@click.argument("scenario", type=click.Path(dir_okay=False))
@_common
@_charts
def whatif_command(scenario, db, out_fmt, asserted_only, charts):
    """Run SCENARIO (YAML or JSON) against the evidence: supply, consumption, balance and
    shortfall before and after, as ranges, with every input's origin."""
    try:
        spec = analysis.load_scenario(scenario)
        if asserted_only:
            spec = replace(spec, asserted_only=True)
        with Store(db, read_only=True) as store:
            result = analysis.whatif(store, spec)
        written = [analysis.plot_balance(result, path) for path in charts]
    except SinewError as exc:
        fail(exc)
    write_whatif(result, out_fmt, sys.stdout)
    for path in written:
        stderr_console().print(f"wrote {path}", highlight=False)


@click.command("network")
@_common
@click.option("--since", type=_DATE, default=None, help="Events from this date (YYYY-MM-DD).")
@click.option("--until", type=_DATE, default=None, help="Events up to this date (YYYY-MM-DD).")
@click.option("--graphml", default=None, metavar="PATH", help="Write the graph as GraphML.")
@click.option("--gexf", default=None, metavar="PATH", help="Write the graph as GEXF (Gephi).")
def network_command(db, out_fmt, asserted_only, since, until, graphml, gexf):
    """Actors and their event relations; per month, events by PLOVER type and quad with the
    PLOVER cooperation-conflict score."""
    try:
        with Store(db, read_only=True) as store:
            net = analysis.network(store, since=_iso(since), until=_iso(until),
                                   asserted_only=asserted_only)
        written = [writer(net, path) for writer, path in
                   ((analysis.write_graphml, graphml), (analysis.write_gexf, gexf)) if path]
    except SinewError as exc:
        fail(exc)
    write_network(net, out_fmt, sys.stdout)
    for path in written:
        stderr_console().print(f"wrote {path}", highlight=False)


@click.command("rebuild")
@click.option("--db", default="sinew.duckdb", show_default=True, help="DuckDB store file.")
def rebuild_command(db):
    """Recompute the store's aggregates (claims, their sources, network counts) from its
    records; ingest keeps them up to date, this gives the same tables from scratch."""
    try:
        with Store(db) as store:
            counts = analysis.rebuild(store)
    except SinewError as exc:
        fail(exc)
    click.echo(", ".join(f"{table}: {n:,} rows" for table, n in counts.items()))


def _iso(value) -> str | None:
    return value.date().isoformat() if value is not None else None


COMMANDS = (flows_command, depend_command, whatif_command, network_command, rebuild_command)


def register(group: click.Group) -> click.Group:
    """Add the analysis commands to ``group`` (the ``sinew`` command line)."""
    for command in COMMANDS:
        group.add_command(command)
    return group
