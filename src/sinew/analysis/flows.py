"""Flows: who supplies what to whom, per period, as claims with all their sources.

A flow is one (supplier, recipient, commodity, unit, period). Suppliers and recipients are
countries (``actor.country``), because reports name the same state through its army, its
leader or its ministries. Figures in different units are separate flows: containers are never
summed with shells. Each flow carries every claim that touches the period, counted or not, the
running totals still current, and the period's :class:`~sinew.analysis.claims.Estimate`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, Iterable, Mapping

from ..schema import Document, Record
from ..filters import resolve_filter
from ..store import EventFilter, Store
from .claims import Claim, Estimate, estimate, make_claims, party
from .periods import Period, parse_day, periods_between

__all__ = ["Flow", "build_flows", "claim_dict", "flow_filter", "flow_key", "flows", "flows_of",
           "load_documents"]

UNDATED = "undated"


@dataclass(frozen=True)
class Flow:
    """One supplier -> recipient flow of a commodity in one unit over one period."""

    supplier: str
    recipient: str
    commodity: str
    unit: str | None
    period: str
    claims: tuple[Claim, ...]
    estimate: Estimate | None

    @property
    def totals(self) -> tuple[Claim, ...]:
        """Running totals not superseded by a later, larger one (the current totals)."""
        return tuple(c for c in self.claims if c.kind == "cumulative" and c.counted
                     and not c.superseded_by)

    def to_dict(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in ("supplier", "recipient", "commodity", "unit",
                                               "period")}
        data["estimate"] = estimate_dict(self.estimate)
        data["totals"] = [c.id for c in self.totals]
        data["claims"] = [claim_dict(c) for c in self.claims]
        return data


def claim_dict(claim: Claim) -> dict[str, Any]:
    """A claim as JSON, with its central point and how many independent sources back it
    (``asdict`` made by hand: its fields hold no mutable values, and the deep copies it
    makes of every source cost more than the rest of an answer). A stored claim's
    independence keys are given as their number, ``independent``: their list grows with the
    outlets and speakers that repeat the claim, and an answer's size is not to."""
    data = {f.name: getattr(claim, f.name) for f in fields(claim) if f.name != "keys"}
    data["sources"] = tuple(dict(vars(s)) for s in claim.sources)
    return {**data, "point": claim.point, "independent": len(claim.independent)}


def estimate_dict(estimate: Estimate | None) -> dict[str, Any] | None:
    """An estimate as JSON; each figure's independence keys given as their number,
    ``independent``, as a claim's are (:func:`claim_dict`)."""
    if estimate is None:
        return None
    data = asdict(estimate)
    for figure in data["figures"]:
        figure["independent"] = len(figure["independent"])
    return data


def flow_key(record: Record) -> tuple[str, str, str] | None:
    """(supplier, recipient, commodity) for an AID event, the PLOVER type of material flows."""
    if record.kind != "event" or record.type != "AID":
        return None
    commodity = record.what.category if record.what else "unspecified"
    return party(record.actor), party(record.recipient), commodity


def load_documents(store: Store, records: Iterable[Record]) -> dict[str, Document]:
    """The metadata (date, source) of the documents ``records`` come from; no texts."""
    ids = {record.doc_id for record in records}
    return {doc.id: doc for doc in store.documents(ids, with_text=False)}


def flow_filter(store: Store, *, supplier: str | None = None, recipient: str | None = None,
                what: str | None = None, since: str | None = None, until: str | None = None,
                include_undated: bool = False) -> EventFilter:
    """The records :func:`flows` reads, names resolved (:mod:`sinew.filters`)."""
    return resolve_filter(EventFilter(kind="event", type="AID", actor=supplier,
                                      recipient=recipient, commodity=what, since=since,
                                      until=until, include_undated=include_undated), store)


def flows(store: Store, *, supplier: str | None = None, recipient: str | None = None,
          what: str | None = None, period: str | Period | None = None,
          granularity: str = "year", asserted_only: bool = False,
          synonyms: Mapping[str, str] | None = None, since: str | None = None,
          until: str | None = None, include_undated: bool = False,
          evidence: int | None = None) -> list[Flow]:
    """The flows in ``store``; ``supplier``/``recipient`` are codes or names ("North Korea"),
    ``what`` a commodity category or word, ``period`` one period (else one flow per year or
    month); ``since``/``until`` keep the records dated in between (and, with
    ``include_undated``, those with no date). The claims come from the store's aggregates
    when it has them, each with its first ``evidence`` sources (all for ``None``); else, or
    with options the aggregates do not cover (``asserted_only``, ``synonyms``, ``since``,
    ``until``), they are built from the records."""
    from . import aggregates  # it imports this module: imported when used

    selected = flow_filter(store, supplier=supplier, recipient=recipient, what=what,
                           since=since, until=until, include_undated=include_undated)
    if (not asserted_only and synonyms is None and since is None and until is None
            and aggregates.current(store)):
        series = aggregates.series_claims(
            store, ["AID"], s0=_upper(selected.actor), s1=_upper(selected.recipient),
            s2=selected.commodity,
            touching=Period.parse(period) if period is not None else None, evidence=evidence)
        return flows_of(series, period=period, granularity=granularity)
    records = store.events(selected)
    return build_flows(records, load_documents(store, records), period=period, granularity=granularity,
                       asserted_only=asserted_only, synonyms=synonyms)


def _upper(code: str | None) -> str | None:
    return code.upper() if code else None


def build_flows(records: Iterable[Record], documents: Mapping[str, Document], *,
                period: str | Period | None = None, granularity: str = "year",
                asserted_only: bool = False,
                synonyms: Mapping[str, str] | None = None) -> list[Flow]:
    """:func:`flows` over records already read (documents give publication dates and outlets)."""
    series = make_claims(records, documents, flow_key, asserted_only=asserted_only,
                         synonyms=synonyms)
    return flows_of(series, period=period, granularity=granularity)


def flows_of(series: Mapping[tuple, list[Claim]], *, period: str | Period | None = None,
             granularity: str = "year") -> list[Flow]:
    """The flows of claims grouped by series (supplier, recipient, commodity, unit)."""
    fixed = Period.parse(period) if period is not None else None
    out = []
    for key, claims in series.items():
        for label, touching, span in _by_period(claims, fixed, granularity):
            est = estimate(touching, span) if span is not None and key[-1] else None
            out.append(Flow(*key, label, tuple(touching), est))
    return sorted(out, key=lambda f: (f.period, f.supplier, f.recipient, f.commodity,
                                      str(f.unit)))


def _by_period(claims: list[Claim], fixed: Period | None,
               granularity: str) -> list[tuple[str, list[Claim], Period | None]]:
    """(label, claims touching it, period) for the fixed period, or for every year/month the
    claims touch; claims with no date at all form one ``undated`` group."""
    if fixed is not None:
        touching = [c for c in claims if c.touches(fixed)]
        return [(fixed.label, touching, fixed)] if touching else []
    groups = []
    undated = [c for c in claims if not (c.start or c.end)]
    if undated:
        groups.append((UNDATED, undated, None))
    periods: dict[str, Period] = {}
    for claim in claims:
        start, end = parse_day(claim.start), parse_day(claim.end, end=True)
        if start or end:
            for span in periods_between(start or end, end or start, granularity):
                periods[span.label] = span
    for span in periods.values():
        groups.append((span.label, [c for c in claims if c.touches(span)], span))
    return groups
