"""Dependence: how a recipient's supply of one commodity over a period splits between its own
production and each supplier, and how concentrated its imports are.

Total supply = domestic production (``production`` measures of the recipient's country) +
imports (AID flows to it from named suppliers; flows whose supplier was not resolved are listed
in ``unresolved`` but not counted, since they may repeat a named supplier's flow). Each term is
an :class:`~sinew.analysis.claims.Estimate` in one unit with its claims; a term without a
usable figure is reported as missing, with the reason, and never filled in. Shares carry ranges: a supplier's low share is its low figure against the
others at their highs, its high share the reverse. The Herfindahl-Hirschman index is the sum of
squared import shares (central figures) in percent, on the 0-10,000 scale.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, Callable, Iterable, Mapping

from ..errors import QueryError
from ..schema import Document, Record
from ..filters import actor_code, commodity
from ..store import EventFilter, Store
from .claims import CENTRAL_RULE, Claim, Estimate, estimate, make_claims, party
from .flows import claim_dict, estimate_dict, flow_key, load_documents
from .periods import Period, Range, parse_day, periods_between

__all__ = ["HHI_SCALE", "Dependence", "SupplyTerm", "build_dependence", "depend",
           "dependence_of", "hhi", "page_claims", "shares", "supply_over_time"]

HHI_SCALE = "0-10,000 (sum of squared import shares in percent; 10,000 = one supplier)"
PRODUCTION, IMPORT, CONSUMPTION = "production", "import", "consumption"


@dataclass(frozen=True)
class SupplyTerm:
    """One term of the supply sum (or consumption): its estimate or why it is missing."""

    name: str
    role: str
    estimate: Estimate | None
    claims: tuple[Claim, ...]
    missing: str | None = None
    share: Range | None = None
    import_share: Range | None = None
    #: with a page of ``claims`` (:func:`page_claims`): how many the term has, and the last
    #: claim id of the page when more follow (the ``cursor`` of the next)
    claim_count: int | None = None
    next_cursor: str | None = None

    @property
    def range(self) -> Range | None:
        return self.estimate.range if self.estimate else None

    def to_dict(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in ("name", "role", "missing")}
        data.update(range=_opt(self.range), share=_opt(self.share),
                    import_share=_opt(self.import_share),
                    estimate=estimate_dict(self.estimate),
                    claims=[claim_dict(c) for c in self.claims],
                    claim_count=len(self.claims) if self.claim_count is None
                    else self.claim_count, next_cursor=self.next_cursor)
        return data


@dataclass(frozen=True)
class Dependence:
    """Supply of ``what`` to ``recipient`` over ``period`` in ``unit``, term by term."""

    recipient: str
    what: str
    period: Period
    unit: str | None
    production: SupplyTerm
    imports: tuple[SupplyTerm, ...]
    consumption: SupplyTerm
    imports_total: Range | None
    supply_total: Range | None
    hhi: float | None
    missing: tuple[str, ...]
    notes: tuple[str, ...] = ()
    unresolved: tuple[SupplyTerm, ...] = ()
    hhi_scale: str = HHI_SCALE

    def to_dict(self) -> dict[str, Any]:
        return {"recipient": self.recipient, "what": self.what,
                "period": self.period.to_dict(), "unit": self.unit,
                "production": self.production.to_dict(),
                "imports": [t.to_dict() for t in self.imports],
                "unresolved": [t.to_dict() for t in self.unresolved],
                "consumption": self.consumption.to_dict(),
                "imports_total": _opt(self.imports_total),
                "supply_total": _opt(self.supply_total), "hhi": self.hhi,
                "hhi_scale": self.hhi_scale, "missing": list(self.missing),
                "notes": list(self.notes), "central_rule": CENTRAL_RULE}


def _opt(value: Range | None) -> dict[str, float] | None:
    return value.to_dict() if value else None


def depend(store: Store, recipient: str, what: str, period: str | Period, *,
           unit: str | None = None, asserted_only: bool = False,
           synonyms: Mapping[str, str] | None = None, evidence: int | None = None,
           claims: int | None = None, term: str | None = None,
           cursor: str | None = None) -> Dependence:
    """Dependence of ``recipient`` (a country code) on its suppliers of ``what`` (a commodity
    category) over ``period`` (``2024``, ``2024-03``, ``2023-08..2024-07``). The recipient
    may be a name ("Russia") and ``what`` a commodity word ("shells"). Claims come from the
    store's aggregates when they apply, with their first ``evidence`` sources (all for
    ``None``), as for :func:`~sinew.analysis.flows.flows`. With ``claims``, each term lists
    a page of that many claims (``term`` and ``cursor``: that term's page after the claim
    ``cursor``), its estimate still made from all of them (:func:`page_claims`), and only
    the listed claims' sources are read."""
    from . import aggregates  # it imports this module: imported when used

    country, what = actor_code(recipient, store), commodity(what)
    if not asserted_only and synonyms is None and aggregates.current(store):
        stored = partial(aggregates.series_claims, store, s1=country, s2=what,
                         touching=Period.parse(period),
                         evidence=evidence if claims is None else 0)
        series = {k: v for k, v in stored(["AID"]).items() if k[0] != country}
        series.update(stored([PRODUCTION, CONSUMPTION]))
        dep = dependence_of(series, country, what, period, unit=unit)
        if claims is None:
            return dep
        return page_claims(dep, claims, term=term, cursor=cursor,
                           sources=partial(aggregates.sources_of, store, limit=evidence))
    records = _records(store, country, what)
    dep = build_dependence(records, load_documents(store, records), country, what, period,
                           unit=unit, asserted_only=asserted_only, synonyms=synonyms)
    return dep if claims is None else page_claims(dep, claims, term=term, cursor=cursor)


def page_claims(dep: Dependence, limit: int, *, term: str | None = None,
                cursor: str | None = None,
                sources: Callable[[list[str]], Mapping[str, Any]] | None = None
                ) -> Dependence:
    """``dep`` with each term's claims cut to its first ``limit`` (the term named ``term``:
    the ``limit`` after the claim ``cursor``), with how many there are and the cursor of the
    next page; ``sources`` (claim ids to their sources), when given, fills the listed claims'
    sources. Estimates, shares and what is missing stay those of all the claims."""
    if limit < 0:
        raise QueryError(f"claims must be at least 0, not {limit}")
    terms = [dep.production, *dep.imports, *dep.unresolved, dep.consumption]
    if term is not None and term not in {t.name for t in terms}:
        raise QueryError(f"no term {term!r} in this answer (terms: "
                         f"{', '.join(t.name for t in terms)})")
    pages = {t.name: _page(t, limit, cursor if t.name == term else None) for t in terms}
    if sources is not None:
        found = sources([c.id for claims, _ in pages.values() for c in claims])
        pages = {name: (tuple(replace(c, sources=tuple(found.get(c.id, ()))) for c in claims),
                        nxt) for name, (claims, nxt) in pages.items()}

    def cut(t: SupplyTerm) -> SupplyTerm:
        return replace(t, claims=pages[t.name][0], claim_count=len(t.claims),
                       next_cursor=pages[t.name][1])
    return replace(dep, production=cut(dep.production), imports=tuple(map(cut, dep.imports)),
                   unresolved=tuple(map(cut, dep.unresolved)),
                   consumption=cut(dep.consumption))


def _page(term: SupplyTerm, limit: int, cursor: str | None
          ) -> tuple[tuple[Claim, ...], str | None]:
    ids = [c.id for c in term.claims]
    if cursor is not None and cursor not in ids:
        raise QueryError(f"cursor {cursor!r} is not a claim of the term {term.name!r} (pass "
                         "the next_cursor of the page before)")
    start = ids.index(cursor) + 1 if cursor is not None else 0
    shown = term.claims[start:start + limit]
    more = start + limit < len(ids)
    return shown, (shown[-1].id if shown else cursor) if more else None


def _records(store: Store, country: str, what: str) -> list[Record]:
    """The flows into ``country`` and its own measures, for ``what``."""
    return (store.events(EventFilter(kind="event", type="AID", recipient=country,
                                     commodity=what))
            + store.events(EventFilter(kind="measure", actor=country, commodity=what)))


def _series(recipient: str, what: str, record: Record) -> tuple[str, str, str] | None:
    """The flow key (supplier, recipient, what) of an import, (indicator, country, what) of a
    production or consumption measure: the same keys, and so the same claim ids, as
    :func:`~sinew.analysis.flows.flows` gives."""
    if record.what is None or record.what.category != what:
        return None
    if record.kind == "event" and record.type == "AID":
        key = flow_key(record)
        return key if key[1] == recipient and key[0] != recipient else None
    if record.kind == "measure" and record.type in (PRODUCTION, CONSUMPTION):
        if party(record.actor) == recipient:
            return record.type, recipient, what
    return None


def build_dependence(records: Iterable[Record], documents: Mapping[str, Document],
                     recipient: str, what: str, period: str | Period, *,
                     unit: str | None = None, asserted_only: bool = False,
                     synonyms: Mapping[str, str] | None = None) -> Dependence:
    """:func:`depend` over records already read."""
    series = make_claims(records, documents, partial(_series, recipient, what),
                         asserted_only=asserted_only, synonyms=synonyms)
    return dependence_of(series, recipient, what, period, unit=unit)


def dependence_of(series: Mapping[tuple, list[Claim]], recipient: str, what: str,
                  period: str | Period, *, unit: str | None = None) -> Dependence:
    """:func:`depend` over claims grouped by series (supplier or indicator, recipient,
    commodity, unit)."""
    span = Period.parse(period)
    touching: dict[tuple, list[Claim]] = {}
    for key, claims in sorted(series.items(), key=lambda kv: tuple(map(str, kv[0]))):
        kept = [c for c in claims if c.touches(span)]
        if kept:
            touching[key] = kept
    unit = unit or _choose_unit(touching)
    make = partial(_term, touching, unit, span)
    suppliers = sorted({key[0] for key in touching if key[0] not in (PRODUCTION, CONSUMPTION)})
    production = make(PRODUCTION, (PRODUCTION, recipient, what), "domestic production")
    imports = [make(IMPORT, (s, recipient, what), s) for s in suppliers if s[0] != "?"]
    unresolved = tuple(make(IMPORT, (s, recipient, what), s) for s in suppliers if s[0] == "?")
    consumption = make(CONSUMPTION, (CONSUMPTION, recipient, what), "consumption")
    dep = _assemble(recipient, what, span, unit, production, imports, consumption, touching)
    if not unresolved:
        return dep
    note = ("imports from unresolved suppliers (?) are listed but not counted: they may "
            "repeat a named supplier's flow")
    return replace(dep, unresolved=unresolved, notes=dep.notes + (note,))


def _choose_unit(touching: Mapping[tuple, list[Claim]]) -> str | None:
    """The unit most counted figures are in (ties: alphabetical); ``None`` when none are."""
    counts = Counter(c.unit for claims in touching.values() for c in claims
                     if c.counted and c.kind != "mention")
    if not counts:
        return None
    return min(counts, key=lambda u: (-counts[u], u))


def _term(touching: Mapping[tuple, list[Claim]], unit: str | None, span: Period, role: str,
          series: tuple[str, str, str], name: str) -> SupplyTerm:
    claims = [c for key, cs in touching.items() if key[:3] == series for c in cs]
    in_unit = [c for c in claims if c.unit == unit and c.kind != "mention"]
    est = estimate(in_unit, span) if in_unit else None
    if est is not None and est.range is not None:
        return SupplyTerm(name, role, est, tuple(claims))
    return SupplyTerm(name, role, est, tuple(claims), _why_missing(claims, est, unit))


def _why_missing(claims: list[Claim], est: Estimate | None, unit: str | None) -> str:
    figures = [c for c in claims if c.kind != "mention"]
    counted = [c for c in figures if c.counted]
    if not claims:
        return "no evidence in the store"
    if not figures:
        return "reported without a figure"
    if not counted:
        return "no counted figure (" + "; ".join(sorted({c.note for c in figures})) + ")"
    if not any(c.unit == unit for c in counted):
        others = ", ".join(sorted({str(c.unit) for c in counted}))
        return f"figures only in {others} (not converted to {unit})"
    if est is not None and est.unplaced:
        return "; ".join(f"{u.claim_id}: {u.reason}" for u in est.unplaced)
    return f"no counted figure in {unit}"


def _assemble(recipient: str, what: str, span: Period, unit: str | None,
              production: SupplyTerm, imports: list[SupplyTerm], consumption: SupplyTerm,
              touching: Mapping[tuple, list[Claim]]) -> Dependence:
    known = [t for t in imports if t.range is not None]
    imports_total = _sum(t.range for t in known)
    supply_terms = known + ([production] if production.range is not None else [])
    complete = production.range is not None and len(known) == len(imports)
    import_shares = shares({t.name: t.range for t in known})
    supply_shares = shares({t.name: t.range for t in supply_terms}) if complete else {}
    production = _with_shares(production, supply_shares, {})
    imports = [_with_shares(t, supply_shares, import_shares) for t in imports]
    total = _sum(t.range for t in supply_terms) if complete else None
    index = hhi([r.central for r in import_shares.values()]) if import_shares else None
    return Dependence(recipient, what, span, unit, production, tuple(imports), consumption,
                      imports_total, total, index,
                      _missing(production, imports, consumption, complete),
                      _notes(touching, unit, known, imports))


def _with_shares(term: SupplyTerm, supply: Mapping[str, Range],
                 of_imports: Mapping[str, Range]) -> SupplyTerm:
    return replace(term, share=supply.get(term.name), import_share=of_imports.get(term.name))


def _sum(ranges: Iterable[Range]) -> Range | None:
    total = None
    for r in ranges:
        total = r if total is None else total + r
    return total


def shares(parts: Mapping[str, Range]) -> dict[str, Range]:
    """Each part's share of the sum. The low share sets the part at its low and all others at
    their highs; the high share the reverse; the central share uses central figures."""
    out = {}
    central_total = sum(r.central for r in parts.values())
    for name, r in parts.items():
        others_low = sum(o.low for n, o in parts.items() if n != name)
        others_high = sum(o.high for n, o in parts.items() if n != name)
        out[name] = Range(_ratio(r.low, r.low + others_high),
                          _ratio(r.central, central_total),
                          _ratio(r.high, r.high + others_low))
    return out


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def hhi(shares_: Iterable[float]) -> float:
    """Herfindahl-Hirschman index of shares given as fractions, on the 0-10,000 scale."""
    return sum((100 * s) ** 2 for s in shares_)


def _missing(production: SupplyTerm, imports: list[SupplyTerm], consumption: SupplyTerm,
             complete: bool) -> tuple[str, ...]:
    out = [f"{t.name}: {t.missing}" for t in [production, *imports, consumption] if t.missing]
    if not imports:
        out.append("imports: no supplier flows in the store for this period (supply counts "
                   "domestic production only)")
    if not complete:
        out.append("total supply and shares of supply: not computed while a term is missing")
    return tuple(out)


def _notes(touching: Mapping[tuple, list[Claim]], unit: str | None, known: list[SupplyTerm],
           imports: list[SupplyTerm]) -> tuple[str, ...]:
    notes = []
    written = {u for cs in touching.values() for c in cs if c.unit == unit
               for u in _units_written(c) if u and u != unit}
    if written:
        notes.append(f"{', '.join(sorted(written))} counted as {unit} (same thing, not a "
                     "conversion)")
    if len(known) < len(imports):
        notes.append("import shares and HHI cover only the suppliers with figures")
    return tuple(notes)


def _units_written(claim: Claim) -> Iterable[str | None]:
    """The units a claim's sources wrote (a stored claim knows them without its sources)."""
    return getattr(claim, "units", None) or [s.unit for s in claim.sources]


def supply_over_time(store: Store, recipient: str, what: str,
                     periods: Iterable[str | Period] | None = None, **options: Any
                     ) -> list[Dependence]:
    """:func:`depend` for each period; by default every year its counted evidence touches."""
    country, what = actor_code(recipient, store), commodity(what)
    records = _records(store, country, what)
    documents = load_documents(store, records)
    if periods is None:
        periods = _years(records, documents, country, what)
    return [build_dependence(records, documents, country, what, p, **options)
            for p in periods]


def _years(records: list[Record], documents: Mapping[str, Document], recipient: str,
           what: str) -> list[Period]:
    series = make_claims(records, documents, partial(_series, recipient, what))
    days = [d for claims in series.values() for c in claims if c.counted
            for d in (parse_day(c.start), parse_day(c.end)) if d is not None]
    return periods_between(min(days), max(days)) if days else []
