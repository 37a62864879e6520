"""Claims and their figures per period: the shares one claim gives to periods never add up to
more than the claim (property tests over random spans and random cuts into periods)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from sinew.analysis.claims import Claim, Figure, figure_for
from sinew.analysis.periods import Period

_DAY0 = date(2020, 1, 1)


def _claim(kind: str, start: date, end: date, value: float) -> Claim:
    return Claim(id="c", kind=kind, unit="shell", per=None, value=value, low=value,
                 high=value, status="exact", start=start.isoformat(), end=end.isoformat(),
                 counted=True, sources=())


def _periods(cuts: list[int], first: date, last: date) -> list[Period]:
    """The days first..last cut into consecutive periods at the given day offsets."""
    edges = sorted({c for c in cuts if 0 < c <= (last - first).days})
    bounds = [0, *edges, (last - first).days + 1]
    return [Period(f"p{i}", first + timedelta(days=a), first + timedelta(days=b - 1))
            for i, (a, b) in enumerate(zip(bounds, bounds[1:]))]


_spans = st.tuples(st.integers(0, 2000), st.integers(0, 900), st.integers(0, 400),
                   st.integers(0, 400))


@given(span=_spans, kind=st.sampled_from(["total", "cumulative"]),
       value=st.floats(1, 1e9), cuts=st.lists(st.integers(0, 4000), max_size=12))
def test_claims_shares_over_disjoint_periods_never_exceed_the_claim(span, kind, value, cuts):
    offset, length, before, after = span
    start = _DAY0 + timedelta(days=offset)
    end = start + timedelta(days=length + (kind == "cumulative"))
    claim = _claim(kind, start, end, value)
    periods = _periods(cuts, start - timedelta(days=before), end + timedelta(days=after))
    figures = [f for f in (figure_for(claim, p) for p in periods) if isinstance(f, Figure)]
    assert all(f.factor <= 1 for f in figures)
    assert sum(f.central for f in figures) <= value * (1 + 1e-9)
    # periods that cover the whole span give back exactly the claim
    assert sum(f.central for f in figures) == pytest.approx(value)


@given(span=_spans, value=st.floats(1, 1e9),
       period=st.tuples(st.integers(0, 3000), st.integers(0, 800)))
def test_claims_one_period_never_gets_more_than_the_claim(span, value, period):
    offset, length, _, _ = span
    start = _DAY0 + timedelta(days=offset)
    claim = _claim("total", start, start + timedelta(days=length), value)
    first = _DAY0 + timedelta(days=period[0])
    result = figure_for(claim, Period("p", first, first + timedelta(days=period[1])))
    if isinstance(result, Figure):
        assert 0 <= result.central <= value * (1 + 1e-9)


def test_claims_running_total_without_a_start_gives_no_amount_and_says_why():
    claim = _claim("cumulative", date(2024, 3, 1), date(2024, 3, 1), 1e6)
    result = figure_for(claim, Period.parse("2024"))
    assert not isinstance(result, Figure)
    assert result.reason.startswith("not enough information")


def test_claims_a_delivery_between_two_months_end_to_end(extract):
    """The sentence that gave 23,548 drones for 2022: now 2022 and 2023 share the 2,000."""
    from sinew.analysis.flows import build_flows
    from sinew.schema import Document

    text = ("Iran delivered about 2,000 Shahed drones to Russia between August 2022 and March "
            "2023, officials said.")
    records = extract(text, date="2023-06-01")
    documents = {r.doc_id: Document(id=r.doc_id, text=text, date="2023-06-01") for r in records}
    by_year = {f.period: f.estimate.range.central for f in build_flows(records, documents)
               if f.commodity == "drones"}
    assert by_year == pytest.approx({"2022": 2000 * 153 / 243, "2023": 2000 * 90 / 243})
