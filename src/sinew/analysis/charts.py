"""Charts for what people would rather look at than read: supply by source over time and a
scenario's balance before and after, each bar with its range. PNG or SVG by the file suffix.

matplotlib is imported on first use (it is slow to import) with the Agg backend, which needs no
display.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..errors import QueryError
from .dependence import Dependence
from .periods import Range
from .whatif import WhatIf

__all__ = ["CHART_FORMATS", "plot_balance", "plot_supply"]

CHART_FORMATS = ("png", "svg")


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _format(path: Path) -> str:
    fmt = path.suffix.lstrip(".").lower()
    if fmt not in CHART_FORMATS:
        raise QueryError(f"chart {path}: the file name must end in .png or .svg")
    return fmt


def _save(fig, path: str | Path) -> Path:
    path = Path(path)
    fmt = _format(path)
    try:
        fig.savefig(path, format=fmt, dpi=150, bbox_inches="tight")
    except OSError as exc:
        raise QueryError(f"cannot write chart {path}: {exc.strerror}") from exc
    finally:
        _pyplot().close(fig)
    return path


def _errors(ranges: Sequence[Range | None]) -> list[list[float]]:
    """Distances from each central value down to its low and up to its high (0 when unknown)."""
    return [[r.central - r.low if r else 0.0 for r in ranges],
            [r.high - r.central if r else 0.0 for r in ranges]]


def plot_supply(deps: Sequence[Dependence], path: str | Path) -> Path:
    """Stacked bars of central supply by source (domestic production, each supplier) per
    period, the total supply's range as a whisker, consumption's range as a marker."""
    if not deps:
        raise QueryError("no periods to chart: give at least one dependence result")
    _format(Path(path))
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 4.5))
    labels = [d.period.label for d in deps]
    tops = _stack(ax, deps, labels)
    totals = [d.supply_total or d.imports_total for d in deps]
    ax.errorbar(labels, [r.central if r else top for r, top in zip(totals, tops)],
                yerr=_errors(totals), fmt="none", ecolor="black", capsize=4,
                label="supply range")
    use = [d.consumption.range for d in deps]
    ax.errorbar(labels, [r.central if r else float("nan") for r in use], yerr=_errors(use),
                fmt="D", color="firebrick", capsize=6, label="consumption (range)")
    for label, dep, top in zip(labels, deps, tops):
        if dep.supply_total is None:
            ax.annotate("incomplete", (label, top), ha="center", va="bottom",
                        fontsize="small")
    unit = next((d.unit for d in deps if d.unit), "")
    ax.set(title=f"{deps[0].recipient}: supply of {deps[0].what} by source",
           ylabel=f"{unit} per period", xlabel="period")
    _thousands(ax)
    ax.legend(fontsize="small")
    return _save(fig, path)


def _stack(ax, deps: Sequence[Dependence], labels: list[str]) -> list[float]:
    """One bar segment per source and period; returns the height of each stack."""
    names = ["domestic production"] + sorted({t.name for d in deps for t in d.imports})
    bottom = [0.0] * len(deps)
    for name in names:
        values = [_central(d, name) for d in deps]
        ax.bar(labels, values, 0.6, bottom=bottom, label=name)
        bottom = [b + v for b, v in zip(bottom, values)]
    return bottom


def _central(dep: Dependence, name: str) -> float:
    terms = [dep.production, *dep.imports]
    term = next((t for t in terms if t.name == name), None)
    return term.range.central if term is not None and term.range is not None else 0.0


def plot_balance(result: WhatIf, path: str | Path) -> Path:
    """Supply, consumption and balance before and after the scenario, and the change in the
    balance, each with its range; a value that cannot be computed is marked "missing"."""
    _format(Path(path))
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 4.5))
    rows, width = ("supply", "consumption", "balance"), 0.38
    for offset, (label, state) in zip((-width / 2, width / 2),
                                      (("before", result.before), ("after", result.after))):
        _bars(ax, [i + offset for i in range(len(rows))],
              [getattr(state, row) for row in rows], width, label)
    _bars(ax, [len(rows)], [result.balance_change], width, "change in balance")
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(range(len(rows) + 1), [*rows, "change"])
    ax.set(title=f"{result.scenario.name} ({result.scenario.period})",
           ylabel=f"{result.unit or ''} over the period")
    _thousands(ax)
    ax.legend(fontsize="small")
    return _save(fig, path)


def _bars(ax, xs: list[float], ranges: list[Range | None], width: float, label: str) -> None:
    ax.bar(xs, [r.central if r else 0.0 for r in ranges], width, yerr=_errors(ranges),
           capsize=5, label=label)
    for x, r in zip(xs, ranges):
        if r is None:
            ax.annotate("missing", (x, 0), ha="center", va="bottom", fontsize="small",
                        rotation=90)


def _thousands(ax) -> None:
    from matplotlib.ticker import FuncFormatter

    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
