"""Writing analysis results as JSON Lines, CSV or readable tables, each number with the ids of
the claims and records (and the sentences) behind it."""

from __future__ import annotations

import csv
import json
from typing import IO, Any, Iterable, Sequence

from rich.console import Console
from rich.table import Table

from .claims import CENTRAL_RULE, Claim, Estimate
from .dependence import Dependence, SupplyTerm
from .flows import Flow
from .network import Network
from .periods import Range
from .whatif import WhatIf

__all__ = ["OUTPUT_FORMATS", "write_dependence", "write_flows", "write_network",
           "write_whatif"]

OUTPUT_FORMATS = ("table", "jsonl", "csv")
_EVIDENCE_WIDTH = 300
_PIPED_WIDTH = 160
_WRAPPED = {"basis": 20, "current total": 26}  # flows columns that may fold, and their width


def _console(out: IO[str]) -> Console:
    """A console for ``out``: a terminal's own width; piped output a fixed wide layout for
    tables and lines never broken (soft wrap), so that a sentence stays on one line."""
    console = Console(file=out)
    return console if console.is_terminal else Console(file=out, width=_PIPED_WIDTH,
                                                       soft_wrap=True)


def _n(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.3g}"


def _range(r: Range | None, fmt=_n) -> str:
    if r is None:
        return "missing"
    if fmt(r.low) == fmt(r.high):
        return fmt(r.central)
    return f"{fmt(r.low)} to {fmt(r.high)} (central {fmt(r.central)})"


def _pct(value: float) -> str:
    return f"{100 * value:.0f}%"


def _json_lines(items: Iterable[dict[str, Any]], out: IO[str]) -> None:
    for item in items:
        out.write(json.dumps(item, ensure_ascii=False, default=str) + "\n")


def _csv(rows: list[dict[str, Any]], out: IO[str]) -> None:
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _bounds(r: Range | None, prefix: str = "") -> dict[str, float | None]:
    return {f"{prefix}low": r.low if r else None, f"{prefix}central": r.central if r else None,
            f"{prefix}high": r.high if r else None}


def _when(claim: Claim) -> str:
    if claim.kind == "cumulative":
        since = f" since {claim.start}" if claim.start and claim.start != claim.end else ""
        return f"as of {claim.end or '?'}{since}"
    if claim.start == claim.end:
        return f"dated {claim.start or '?'}"
    return f"over {claim.start or '?'}..{claim.end or '?'}"


def _figure(claim: Claim) -> str:
    """The figure as the first source wrote it, then its unit and rate as counted."""
    figure = claim.sources[0].quantity or "(no figure)"
    per = f" per {claim.per}" if claim.per else ""
    return f"{figure} [{claim.unit or 'no unit'}{per}], {_when(claim)}"


def _claim_line(claim: Claim) -> str:
    status = "" if claim.counted else f" [{claim.note}]"
    superseded = f" [superseded by {claim.superseded_by}]" if claim.superseded_by else ""
    return f"claim {claim.id} {claim.kind}: {_figure(claim)}{status}{superseded}"


def _print_evidence(claims: Iterable[Claim], console: Console, indent: str = "  ",
                    estimate: Estimate | None = None) -> None:
    """Each claim with its sources; with ``estimate``, what the claim gave the period and how."""
    given = {f.claim_id: f for f in estimate.figures} if estimate else {}
    unplaced = {u.claim_id: u.reason for u in estimate.unplaced} if estimate else {}
    for claim in claims:
        console.print(indent + _claim_line(claim), markup=False, highlight=False)
        if claim.id in given:
            f = given[claim.id]
            console.print(f"{indent}  gives {_n(f.central)} ({f.rule})", markup=False,
                          highlight=False)
        elif claim.id in unplaced:
            console.print(f"{indent}  gives nothing: {unplaced[claim.id]}", markup=False,
                          highlight=False)
        for s in claim.sources:
            sentence = s.evidence if len(s.evidence) <= _EVIDENCE_WIDTH \
                else s.evidence[:_EVIDENCE_WIDTH - 3] + "..."
            console.print(f"{indent}  record {s.record_id} [{s.modality}; "
                          f"{s.attribution or 'unattributed'}; {s.published or 'undated'}] "
                          f"\"{sentence}\"", markup=False, highlight=False)


def _basis(est: Estimate | None) -> str:
    """How a period's figures were made: as reported, or derived and by which rules."""
    if est is None or est.range is None:
        return ""
    return "; ".join(est.rules) if est.derived else "as reported"


def _flow_row(flow: Flow) -> dict[str, Any]:
    est = flow.estimate
    counted = [c for c in flow.claims if c.counted]
    return {"period": flow.period, "supplier": flow.supplier, "recipient": flow.recipient,
            "commodity": flow.commodity, "unit": flow.unit,
            **_bounds(est.range if est else None),
            "derived": bool(est and est.derived), "basis": _basis(est),
            "independent_sources": est.independent if est else 0,
            "claims": len(flow.claims), "counted_claims": len(counted),
            "current_totals": " ".join(c.id for c in flow.totals),
            "claim_ids": " ".join(c.id for c in flow.claims),
            "record_ids": " ".join(r for c in flow.claims for r in c.record_ids)}


def write_flows(flows: Sequence[Flow], fmt: str, out: IO[str], *,
                evidence: bool = False) -> None:
    if fmt == "jsonl":
        _json_lines((f.to_dict() for f in flows), out)
    elif fmt == "csv":
        _csv([_flow_row(f) for f in flows], out)
    else:
        console = _console(out)
        table = Table(title="Flows per period (range across sources; central = median of "
                            "independent sources)")
        for name in ("period", "flow", "commodity", "unit", "low", "central", "high",
                     "sources", "claims", "basis", "current total"):
            numeric = name in ("low", "central", "high", "sources", "claims")
            table.add_column(name, overflow="fold", no_wrap=name not in _WRAPPED,
                             justify="right" if numeric else "left",
                             min_width=_WRAPPED.get(name))
        for f in flows:
            row = _flow_row(f)
            table.add_row(f.period, f"{f.supplier} -> {f.recipient}", f.commodity,
                          f.unit or "(no figure)", _n(row["low"]), _n(row["central"]),
                          _n(row["high"]), str(row["independent_sources"]),
                          f"{row['counted_claims']}/{row['claims']}", row["basis"],
                          "; ".join(f"{c.sources[0].quantity} as of {c.end}" for c in f.totals))
        console.print(table)
        if evidence:
            for f in flows:
                console.print(f"{f.period} {f.supplier} -> {f.recipient} {f.commodity} "
                              f"{f.unit or ''}", markup=False)
                _print_evidence(f.claims, console, estimate=f.estimate)


def _term_row(dep: Dependence, term: SupplyTerm) -> dict[str, Any]:
    figures = term.estimate.figures if term.estimate else ()
    return {"recipient": dep.recipient, "what": dep.what, "period": dep.period.label,
            "unit": dep.unit, "term": term.name, "role": term.role, **_bounds(term.range),
            **_bounds(term.share, "share_"), **_bounds(term.import_share, "import_share_"),
            "missing": term.missing or "",
            "derived": bool(term.estimate and term.estimate.derived),
            "basis": _basis(term.estimate),
            "claim_ids": " ".join(f.claim_id for f in figures),
            "record_ids": " ".join(r for c in term.claims if any(
                f.claim_id == c.id for f in figures) for r in c.record_ids)}


def write_dependence(dep: Dependence, fmt: str, out: IO[str]) -> None:
    terms = [dep.production, *dep.imports, *dep.unresolved, dep.consumption]
    if fmt == "jsonl":
        _json_lines([dep.to_dict()], out)
    elif fmt == "csv":
        _csv([_term_row(dep, t) for t in terms], out)
    else:
        _dependence_table(dep, terms, _console(out))


def _dependence_table(dep: Dependence, terms: list[SupplyTerm], console: Console) -> None:
    table = Table(title=f"{dep.recipient}: supply of {dep.what} in {dep.period.label} "
                        f"({dep.unit or 'no unit'})")
    for name in ("term", "amount", "share of supply", "share of imports", "basis",
                 "evidence"):
        table.add_column(name, overflow="fold")
    for t in terms:
        claims = [f.claim_id for f in t.estimate.figures] if t.estimate else []
        name = f"imports from {t.name}" if t.role == "import" else t.name
        if t in dep.unresolved:
            name += " (unresolved supplier, not counted)"
        table.add_row(name,
                      _range(t.range) if t.range else f"missing: {t.missing}",
                      _range(t.share, _pct) if t.share else "",
                      _range(t.import_share, _pct) if t.import_share else "",
                      _basis(t.estimate), " ".join(claims))
    console.print(table)
    hhi = "missing" if dep.hhi is None else f"{dep.hhi:,.0f} of 10,000"
    console.print(f"imports total: {_range(dep.imports_total)}\nsupply total: "
                  f"{_range(dep.supply_total)}\nHHI of import shares: {hhi}",
                  markup=False, highlight=False)
    for line in dep.missing:
        console.print(f"missing: {line}", markup=False, highlight=False)
    for line in dep.notes:
        console.print(f"note: {line}", markup=False, highlight=False)
    console.print(f"central figures: {CENTRAL_RULE}", markup=False, highlight=False)
    console.print("evidence:", markup=False)
    for t in terms:
        if t.claims:
            console.print(f" {t.name}", markup=False)
            _print_evidence(t.claims, console, estimate=t.estimate)


def _whatif_rows(result: WhatIf) -> list[dict[str, Any]]:
    rows = []
    for name in ("supply", "consumption", "balance", "shortfall"):
        for label, state in (("before", result.before), ("after", result.after)):
            rows.append({"kind": "result", "name": f"{name} {label}", "origin": "",
                         **_bounds(getattr(state, name)), "claim_ids": "", "record_ids": "",
                         "note": ""})
    for name in ("supply_change", "balance_change"):
        rows.append({"kind": "result", "name": name, "origin": "",
                     **_bounds(getattr(result, name)), "claim_ids": "", "record_ids": "",
                     "note": ""})
    for i in result.inputs:
        rows.append({"kind": "input", "name": i.name, "origin": i.origin, **_bounds(i.value),
                     "claim_ids": " ".join(i.claim_ids), "record_ids": " ".join(i.record_ids),
                     "note": i.note})
    return rows


def write_whatif(result: WhatIf, fmt: str, out: IO[str]) -> None:
    if fmt == "jsonl":
        _json_lines([result.to_dict()], out)
    elif fmt == "csv":
        _csv(_whatif_rows(result), out)
    else:
        _whatif_table(result, _console(out))


def _whatif_table(result: WhatIf, console: Console) -> None:
    s = result.scenario
    table = Table(title=f"What if: {s.name} - {s.recipient} {s.what} {s.period} "
                        f"({result.unit or 'no unit'})")
    for name in ("", "before", "after"):
        table.add_column(name, overflow="fold")
    for key in dict.fromkeys((*result.before.terms, *result.after.terms)):
        if key != "consumption":
            table.add_row(f"  {key}", _range(result.before.terms.get(key)),
                          _range(result.after.terms.get(key)))
    for name in ("supply", "consumption", "balance", "shortfall"):
        table.add_row(name, _range(getattr(result.before, name)),
                      _range(getattr(result.after, name)))
    console.print(table)
    console.print(f"change in supply: {_range(result.supply_change)}\nchange in balance: "
                  f"{_range(result.balance_change)}", markup=False, highlight=False)
    inputs = Table(title="Inputs (evidence: from claims; user: set in the scenario)")
    for name in ("input", "origin", "value", "claims", "note"):
        inputs.add_column(name, overflow="fold")
    for i in result.inputs:
        value = _range(i.value) if i.value is not None or i.origin == "missing" else ""
        inputs.add_row(i.name, i.origin, value, " ".join(i.claim_ids), i.note)
    console.print(inputs)
    console.print(f"central figures: {CENTRAL_RULE}", markup=False, highlight=False)
    for line in result.missing:
        console.print(f"missing: {line}", markup=False, highlight=False)


def _month_row(month) -> dict[str, Any]:
    return {"month": month.month, "events": month.events, "score": month.score,
            "mean_score": month.mean_score,
            **{f"quad {q}": n for q, n in month.quads.items()},
            **{f"type {t}": n for t, n in month.types.items()}}


def write_network(net: Network, fmt: str, out: IO[str]) -> None:
    """The monthly rows (the graph itself goes to GraphML/GEXF files)."""
    if fmt == "jsonl":
        _json_lines((_month_row(m) for m in net.months), out)
    elif fmt == "csv":
        rows = [_month_row(m) for m in net.months]
        columns = list(dict.fromkeys(k for row in rows for k in row))
        _csv([{c: row.get(c, 0) for c in columns} for row in rows], out)
    else:
        console = _console(out)
        table = Table(title=f"Events per month ({len(net.nodes)} actors, {len(net.edges)} "
                            "edges; score: PLOVER, -10 conflict .. +10 cooperation)")
        for name in ("month", "events", "mean score", "by quad", "by type"):
            table.add_column(name, overflow="fold")
        for m in net.months:
            table.add_row(m.month, str(m.events), f"{m.mean_score:+.1f}",
                          ", ".join(f"{q} {n}" for q, n in m.quads.items()),
                          " ".join(f"{t}:{n}" for t, n in m.types.items()))
        console.print(table)
