"""Claims: the figures reports give, grouped so that one fact reported many times is one claim
with all its sources, and turned into an amount for a period with the rule that did it.

The rules (docs/analysis.md gives them with examples):

* **Counted**: a record's figure enters quantities unless its modality is hypothetical, future
  or negated; with ``asserted_only`` only asserted ones do. Records not counted are kept as
  claims with ``counted=False`` so that the user sees what was left out and why.
* **Independence**: a source's key is its attribution code, else the attribution as written,
  else the document's source (outlet), else the document id. Two sources are independent when
  their keys differ.
* **Kind**: a figure with ``per`` is a *rate*; one marked cumulative is a *cumulative* running
  total as of the end of its date; any other figure is a *total* over its date's span. A total
  with no date of its own ("has received 1.5 million shells") is read as a running total as of
  publication, because news reports totals "so far".
* **Claim**: figures of one series (e.g. supplier, recipient, commodity) with the same unit,
  kind, rate period and numbers (and, for a total, the same span) are one claim. A running
  total's date is that of its earliest report: later repetitions add sources, not time. A
  rate holds over the dates of all its reports.
* **Units** are never converted; only synonyms (:data:`UNIT_SYNONYMS`, e.g. round = shell)
  share a unit, and each source keeps the unit it was written in.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from statistics import median
from typing import Callable, Hashable, Iterable, Mapping

from ..lexicons import load_lexicon
from ..schema import NON_FACTUAL, Document, Record, content_hash
from .periods import Period, Range, parse_day

__all__ = [
    "CENTRAL_RULE",
    "RULE_RATE",
    "RULE_SHARE",
    "RULE_WHOLE",
    "UNIT_SYNONYMS",
    "Claim",
    "Estimate",
    "Figure",
    "Source",
    "Unplaced",
    "canonical_unit",
    "estimate",
    "figure_for",
    "make_claims",
    "party",
]

#: Words for one and the same counted thing (``unit_synonyms`` in data/commodities.yaml, a
#: lexicon a user file can extend). A synonym is not a conversion: containers never become shells.
UNIT_SYNONYMS: Mapping[str, str] = dict(load_lexicon("commodities.yaml").get("unit_synonyms", {}))
CENTRAL_RULE = ("median over independent sources of each source's median figure for the "
                "period (open bounds count at their stated bound)")
#: How a figure for a period was made from a claim (the start of every ``Figure.rule``).
RULE_WHOLE = "as reported"
RULE_SHARE = "derived, share by overlapping days"
RULE_RATE = "derived, rate scaled to the period"

SeriesKey = tuple[Hashable, ...]


def canonical_unit(unit: str | None, synonyms: Mapping[str, str] | None = None) -> str | None:
    table = UNIT_SYNONYMS if synonyms is None else synonyms
    return table.get(unit, unit) if unit else unit


def party(ref) -> str:
    """A country when known (flows are grouped by country), else the code, else ``?text``."""
    if ref is None:
        return "?"
    return ref.country or ref.code or f"?{ref.text}"


@dataclass(frozen=True)
class Source:
    """One record behind a claim: where it was published, who said it, the sentence."""

    record_id: str
    doc_id: str
    published: str | None
    outlet: str | None
    modality: str
    attribution: str | None
    independence: str
    quantity: str
    unit: str | None
    evidence: str


@dataclass(frozen=True)
class Claim:
    """A figure (or, with kind ``mention``, no figure) with every source that gives it.

    ``start``/``end`` is the span the figure covers (for a cumulative total, ``end`` is the
    date it refers to and ``start`` where counting began, when known)."""

    id: str
    kind: str
    unit: str | None
    per: str | None
    value: float | None
    low: float | None
    high: float | None
    status: str | None
    start: str | None
    end: str | None
    counted: bool
    sources: tuple[Source, ...]
    note: str = ""
    superseded_by: str | None = None

    @property
    def point(self) -> float | None:
        """The one number the central rule uses: the value, a range's midpoint, or the bound."""
        if self.value is not None:
            return self.value
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else self.high

    @property
    def independent(self) -> tuple[str, ...]:
        return tuple(sorted({s.independence for s in self.sources}))

    @property
    def record_ids(self) -> tuple[str, ...]:
        return tuple(s.record_id for s in self.sources)

    def touches(self, period: Period) -> bool:
        return period.overlaps(parse_day(self.start), parse_day(self.end, end=True))


@dataclass(frozen=True)
class Figure:
    """A claim's amount for one period, with the factor and the rule that gave it."""

    claim_id: str
    low: float
    central: float
    high: float
    factor: float
    derived: bool
    rule: str
    independent: tuple[str, ...]


@dataclass(frozen=True)
class Unplaced:
    """A counted claim that touches the period but gives no amount for it, and why."""

    claim_id: str
    reason: str


@dataclass(frozen=True)
class Estimate:
    """A series' amount for a period: the range across sources and the central value.
    ``derived`` says whether any figure in it was computed rather than reported, and
    ``rules`` how (one line per rule used, see :data:`RULE_SHARE` and :data:`RULE_RATE`)."""

    range: Range | None
    figures: tuple[Figure, ...]
    unplaced: tuple[Unplaced, ...]
    independent: int
    rule: str = CENTRAL_RULE
    derived: bool = False
    rules: tuple[str, ...] = ()


def _is_counted(record: Record, asserted_only: bool) -> tuple[bool, str]:
    if record.modality in NON_FACTUAL:
        return False, f"not counted: {record.modality} (never enters quantities)"
    if asserted_only and record.modality != "asserted":
        return False, f"not counted: {record.modality} (asserted only)"
    return True, ""


def _independence(record: Record, doc: Document | None) -> str:
    a = record.attribution
    if a is not None and a.code:
        return f"attribution:{a.code}"
    if a is not None and a.text.strip():
        return f"attribution:{a.text.strip().lower()}"
    if doc is not None and doc.source:
        return f"outlet:{doc.source}"
    return f"document:{record.doc_id}"


def _source(record: Record, doc: Document | None) -> Source:
    a, q = record.attribution, record.quantity
    return Source(record.id, record.doc_id, doc.date if doc else None,
                  doc.source if doc else None, record.modality,
                  (a.code or a.text) if a else None, _independence(record, doc),
                  q.text if q else "", q.unit if q else None, record.evidence.text)


def _span(record: Record, published: str | None) -> tuple[date | None, date | None, bool]:
    """The days the record's figure covers and whether the text dated it (else: publication)."""
    d = record.date
    if d is not None and d.status != "unresolved" and (d.start or d.end):
        start, end = parse_day(d.start), parse_day(d.end, end=True)
        if end is None and d.granularity == "interval":
            end = parse_day(published)  # "since X" runs to publication
        return start, end or start, True
    day = parse_day(published)
    return day, day, False


def _has_figure(record: Record) -> bool:
    q = record.quantity
    return q is not None and any(v is not None for v in (q.value, q.low, q.high))


def _kind(record: Record, dated: bool, start: date | None) -> tuple[str, str]:
    q = record.quantity
    if not _has_figure(record):
        return "mention", ""
    if q.per:
        return "rate", ""
    if q.cumulative:
        return "cumulative", ""
    if not dated:
        return "cumulative", "undated total: read as a running total as of publication"
    if start is None:
        return "cumulative", "a total by a date (\"by the end of 2024\"): a running total"
    return "total", ""


@dataclass
class _Report:
    record: Record
    source: Source
    start: date | None
    end: date | None


def make_claims(records: Iterable[Record], documents: Mapping[str, Document],
                key_of: Callable[[Record], SeriesKey | None], *, asserted_only: bool = False,
                synonyms: Mapping[str, str] | None = None) -> dict[SeriesKey, list[Claim]]:
    """Group records into claims per series; a series key is ``key_of(record) + (unit,)``.
    Records for which ``key_of`` gives ``None`` are not part of any series."""
    groups: dict[tuple, list[_Report]] = defaultdict(list)
    for record in records:
        series = key_of(record)
        if series is None:
            continue
        doc = documents.get(record.doc_id)
        start, end, dated = _span(record, doc.date if doc else None)
        kind, note = _kind(record, dated, start)
        counted, why = _is_counted(record, asserted_only)
        q = record.quantity if kind != "mention" else None
        unit = canonical_unit(q.unit, synonyms) if q else None
        numbers = (q.per, q.value, q.low, q.high) if q else (None,) * 4
        span = (start, end) if kind == "total" else None  # a total for another span differs
        key = (series + (unit,), kind, numbers, span, counted,
               "; ".join(filter(None, (why, note))))
        groups[key].append(_Report(record, _source(record, doc), start, end))
    by_series: dict[SeriesKey, list[Claim]] = defaultdict(list)
    for key, reports in groups.items():
        by_series[key[0]].append(_claim(key, reports))
    return {series: _supersede(claims) for series, claims in by_series.items()}


def _claim(key: tuple, reports: list[_Report]) -> Claim:
    series, kind, (per, value, low, high), span, counted, note = key
    reports.sort(key=lambda r: (r.end or date.max, r.source.published or "", r.record.id))
    first = reports[0]
    start, end = first.start, first.end
    if kind in ("rate", "mention"):  # said again later: it held over all those dates
        start = min((r.start for r in reports if r.start), default=None)
        end = max((r.end for r in reports if r.end), default=None)
    status = first.record.quantity.status if kind != "mention" else None
    cid = content_hash("claim", list(map(str, series)), kind, per, value, low, high,
                       _iso(span[0]) if span else None, counted, note,
                       *([_iso(span[1])] if span else []))
    return Claim(cid, kind, series[-1], per, value, low, high, status, _iso(start), _iso(end),
                 counted, tuple(r.source for r in reports), note)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _supersede(claims: list[Claim]) -> list[Claim]:
    """A later, at least as large running total supersedes an earlier one: totals never add."""
    running = [c for c in claims if c.kind == "cumulative" and c.counted and c.end]
    out = []
    for claim in claims:
        later = [o for o in running if claim in running and o.end > claim.end
                 and o.point >= claim.point]
        if later:
            claim = replace(claim, superseded_by=max(later, key=lambda o: (o.end, o.point)).id)
        out.append(claim)
    return sorted(out, key=lambda c: (c.end or "", c.id))


def _overlap_days(start: date, end: date, period: Period) -> int:
    return max((min(end, period.end) - max(start, period.start)).days + 1, 0)


def _spread(claim: Claim, period: Period) -> tuple[float, str] | str:
    """The factor that turns the claim into the period's amount and its rule, or why none.

    A rate is a pace: scaled to the period's length. A total (or a running total with a start)
    gives a period only its share by overlapping days, so the shares of one claim over periods
    that do not overlap never add up to more than the claim; a delivery inside the period gives
    its own amount."""
    if claim.kind == "rate":
        factor = period.per(claim.per)
        return factor, (f"{RULE_RATE}: per {claim.per} x {factor:g} {claim.per}s in "
                        f"{period.label}")
    start, end = parse_day(claim.start), parse_day(claim.end)
    if claim.kind == "cumulative" and (start is None or start >= end):
        return ("not enough information: a running total with no start date cannot be "
                "shared out over periods")
    days, overlap = (end - start).days + 1, _overlap_days(start, end, period)
    if overlap == days:
        return 1.0, f"{RULE_WHOLE}: {start}..{end} lies in {period.label}"
    return overlap / days, (f"{RULE_SHARE}: {overlap} of the {days} days of {start}..{end} "
                            f"fall in {period.label}")


def figure_for(claim: Claim, period: Period) -> Figure | Unplaced:
    """The claim's amount for ``period``, or why it gives none."""
    if claim.superseded_by:
        return Unplaced(claim.id, f"superseded by {claim.superseded_by}")
    spread = _spread(claim, period)
    if isinstance(spread, str):
        return Unplaced(claim.id, spread)
    factor, rule = spread
    point = claim.point
    low = claim.low if claim.low is not None else point
    high = claim.high if claim.high is not None else point
    return Figure(claim.id, min(low, point) * factor, point * factor,
                  max(high, point) * factor, factor, abs(factor - 1) > 1e-9, rule,
                  claim.independent)


def estimate(claims: Iterable[Claim], period: Period) -> Estimate:
    """The period's amount from the counted claims that touch it (see :data:`CENTRAL_RULE`)."""
    figures, unplaced = [], []
    for claim in claims:
        if claim.counted and claim.kind != "mention" and claim.touches(period):
            result = figure_for(claim, period)
            (figures if isinstance(result, Figure) else unplaced).append(result)
    if not figures:
        return Estimate(None, (), tuple(unplaced), 0)
    by_source: dict[str, list[float]] = defaultdict(list)
    for figure in figures:
        for key in figure.independent:
            by_source[key].append(figure.central)
    central = median(median(points) for points in by_source.values())
    span = Range(min(f.low for f in figures), central, max(f.high for f in figures))
    rules = tuple(dict.fromkeys(f.rule.split(":", 1)[0] for f in figures if f.derived))
    return Estimate(span, tuple(figures), tuple(unplaced), len(by_source),
                    derived=bool(rules), rules=rules)
