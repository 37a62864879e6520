"""Flows and claims on hand-built stores: corroboration, conflicting figures, cumulative totals,
rates, modality and units. The builders (``make_store``, ``rec``, ``doc``) are in builders.py."""

from __future__ import annotations

from datetime import date

import pytest

import sinew.analysis
from sinew.analysis import CENTRAL_RULE, Period, flows
from sinew.analysis.claims import UNIT_SYNONYMS
from sinew.errors import QueryError

from builders import doc, make_store, only, rec


def test_flows_conflicting_figures_keep_range_and_median():
    store = make_store(
        (doc("a"), [rec("a", value=3e6, by="KOR", start="2024-01-01", end="2024-12-31")]),
        (doc("b"), [rec("b", value=3.5e6, by="UKR", start="2024-01-01", end="2024-12-31")]),
        (doc("c"), [rec("c", value=4e6, by="USA", start="2024-01-01", end="2024-12-31")]))
    flow = only(flows(store, period="2024"))
    assert (flow.supplier, flow.recipient, flow.unit) == ("PRK", "RUS", "shell")
    r = flow.estimate.range
    assert (r.low, r.central, r.high) == (3e6, 3.5e6, 4e6)
    assert flow.estimate.independent == 3
    assert len(flow.claims) == 3
    assert flow.estimate.rule == CENTRAL_RULE


def test_flows_same_fact_in_several_documents_is_one_claim():
    whole = dict(value=3.5e6, start="2024-01-01", end="2024-12-31")
    store = make_store((doc("a"), [rec("a", by="UKR", **whole)]),
                       (doc("b", "2024-08-01"), [rec("b", by="UKR", **whole)]),
                       (doc("c", "2024-09-01"), [rec("c", by="USA", **whole)]))
    claim = only(only(flows(store, period="2024")).claims)
    assert len(claim.sources) == 3
    assert claim.independent == ("attribution:UKR", "attribution:USA")
    assert [s.published for s in claim.sources] == ["2024-06-01", "2024-08-01", "2024-09-01"]


def test_flows_central_takes_each_source_median_first():
    year = dict(start="2024-01-01", end="2024-12-31")
    store = make_store((doc("a"), [rec("a", value=1e6, by="KOR", **year),
                                   rec("a", value=3e6, by="KOR", **year)]),
                       (doc("b"), [rec("b", value=10e6, by="UKR", **year)]))
    est = only(flows(store, period="2024")).estimate
    assert est.range.central == pytest.approx((2e6 + 10e6) / 2)
    assert (est.range.low, est.range.high) == (1e6, 10e6)


@pytest.mark.parametrize("first, second, independent", [
    (dict(by="KOR"), dict(by="UKR"), 2),
    (dict(by="KOR"), dict(by="KOR"), 1),
    (dict(by_text="a NATO official"), dict(by_text="A NATO official "), 1),
    (dict(), dict(), 1),  # same outlet, no attribution
])
def test_flows_independence_rule(first, second, independent):
    year = dict(start="2024-01-01", end="2024-12-31")
    store = make_store((doc("a"), [rec("a", value=1e6, **year, **first)]),
                       (doc("b"), [rec("b", value=2e6, **year, **second)]))
    assert only(flows(store, period="2024")).estimate.independent == independent


def test_flows_unattributed_sources_from_different_outlets_are_independent():
    year = dict(start="2024-01-01", end="2024-12-31")
    store = make_store((doc("a", source="Reuters"), [rec("a", value=1e6, **year)]),
                       (doc("b", source="AP"), [rec("b", value=2e6, **year)]))
    assert only(flows(store, period="2024")).estimate.independent == 2


def test_flows_later_larger_cumulative_total_supersedes_not_adds():
    store = make_store(
        (doc("a", "2023-11-02"), [rec("a", low=1e6, cumulative=True, by="KOR",
                                      start="2023-08-01", end="2023-11-02")]),
        (doc("b", "2024-06-14"), [rec("b", value=3e6, cumulative=True, by="KOR",
                                      start="2023-08-01", end="2024-06-14")]))
    by_year = {f.period: f for f in flows(store)}
    latest = only(by_year["2024"].totals)
    assert latest.point == 3e6 and latest.end == "2024-06-14"
    earlier = only(by_year["2023"].claims[:1])
    assert earlier.superseded_by == latest.id
    assert [c.id for c in by_year["2023"].totals] == [latest.id]
    fig = only(by_year["2024"].estimate.figures)
    days = (date(2024, 6, 14) - date(2023, 8, 1)).days + 1
    assert fig.central == pytest.approx(3e6 * 166 / days)  # 1 January to 14 June 2024
    assert fig.derived and "share by overlapping days" in fig.rule
    assert any(u.reason.startswith("superseded") for u in by_year["2023"].estimate.unplaced)


def test_flows_rates_and_totals_are_kept_apart():
    store = make_store(
        (doc("a", "2024-03-12"), [rec("a", value=250_000, per="month", by="NATO")]),
        (doc("b", "2024-12-31"), [rec("b", value=5e6, cumulative=True, by="KOR",
                                      start="2023-01-01", end="2024-12-31")]))
    flow = only(flows(store, period="2024"))
    assert sorted(c.kind for c in flow.claims) == ["cumulative", "rate"]
    assert only(flow.totals).point == 5e6  # the running total stays as stated
    rate = next(f for f in flow.estimate.figures if "rate scaled" in f.rule)
    pace = next(f for f in flow.estimate.figures if "share by overlapping days" in f.rule)
    assert rate.central == 3e6 and rate.factor == 12
    assert pace.central == pytest.approx(5e6 * 366 / 731)
    assert flow.estimate.range.central == pytest.approx((3e6 + 5e6 * 366 / 731) / 2)
    assert len(flow.estimate.figures) == 2


@pytest.mark.parametrize("per, period, factor", [
    ("day", "2024", 366), ("week", "2024", 366 / 7), ("month", "2024", 12), ("year", "2024", 1),
    ("day", "2024-02", 29), ("month", "2024-02", 1), ("year", "2024-02", 1 / 12),
    ("year", "2024-01-01..2024-06-30", 0.5),
])
def test_flows_rate_converts_to_the_period_length(per, period, factor):
    store = make_store((doc("a", "2024-02-10"), [rec("a", value=1000, per=per)]))
    fig = only(only(flows(store, period=period)).estimate.figures)
    assert fig.factor == pytest.approx(factor)
    assert fig.central == pytest.approx(1000 * factor)
    assert fig.derived == (factor != 1)


@pytest.mark.parametrize("modality", ["hypothetical", "future", "negated"])
def test_flows_non_factual_figures_never_enter_quantities(modality):
    year = dict(start="2024-01-01", end="2024-12-31")
    store = make_store((doc("a"), [rec("a", value=1e6, by="KOR", **year),
                                   rec("a", value=9e6, modality=modality, by="USA", **year)]))
    flow = only(flows(store, period="2024"))
    excluded = only([c for c in flow.claims if not c.counted])
    assert excluded.point == 9e6 and modality in excluded.note
    assert flow.estimate.range == sinew.analysis.Range(1e6, 1e6, 1e6)


def test_flows_asserted_only_counts_only_asserted_figures():
    year = dict(start="2024-01-01", end="2024-12-31")
    store = make_store((doc("a"), [rec("a", value=1e6, modality="asserted", **year),
                                   rec("a", value=2e6, modality="assessed", by="KOR", **year)]))
    assert only(flows(store, period="2024")).estimate.range.high == 2e6
    flow = only(flows(store, period="2024", asserted_only=True))
    assert flow.estimate.range.high == 1e6
    assert "asserted only" in only([c for c in flow.claims if not c.counted]).note


def test_flows_units_are_kept_apart_and_synonyms_share_one():
    year = dict(start="2024-01-01", end="2024-12-31")
    store = make_store((doc("a"), [rec("a", value=6700, unit="container", **year),
                                   rec("a", value=1e6, unit="round", by="KOR", **year),
                                   rec("a", value=2e6, unit="shell", by="UKR", **year)]))
    by_unit = {f.unit: f for f in flows(store, period="2024")}
    assert set(by_unit) == {"container", "shell"}
    assert by_unit["container"].estimate.range.central == 6700
    assert by_unit["shell"].estimate.range.low == 1e6
    assert {s.unit for c in by_unit["shell"].claims for s in c.sources} == {"round", "shell"}
    assert UNIT_SYNONYMS["round"] == "shell"


def test_flows_undated_total_is_a_running_total_that_cannot_be_spread():
    store = make_store((doc("a", "2024-02-28"), [rec("a", value=1.5e6)]))
    flow = only(flows(store, period="2024"))
    claim = only(flow.claims)
    assert claim.kind == "cumulative" and "running total as of publication" in claim.note
    assert claim.end == "2024-02-28"
    assert flow.estimate.range is None
    assert "no start date" in only(flow.estimate.unplaced).reason


def test_flows_single_delivery_gives_its_own_amount_to_its_period():
    store = make_store((doc("a"), [rec("a", value=500, start="2024-05-02", end="2024-05-02",
                                       granularity="day")]))
    flow = only(flows(store, period="2024"))
    figure = only(flow.estimate.figures)
    assert (figure.central, figure.factor, figure.derived) == (500, 1.0, False)
    assert figure.rule.startswith("as reported") and not flow.estimate.derived


def test_flows_delivery_over_months_is_never_read_as_a_pace():
    """"about 2,000 drones between August 2022 and March 2023": 2022 gets its days' share."""
    store = make_store((doc("a", "2023-05-01"), [rec(
        "a", supplier="IRN", what="drones", unit="drone", value=2000, start="2022-08-01",
        end="2023-03-31")]))
    by_year = {f.period: f.estimate for f in flows(store)}
    assert by_year["2022"].range.central == pytest.approx(2000 * 153 / 243)
    assert by_year["2022"].range.central + by_year["2023"].range.central == pytest.approx(2000)
    assert by_year["2022"].derived and "share by overlapping days" in by_year["2022"].rules[0]


def test_flows_running_total_since_a_start_is_shared_by_days_not_repeated():
    """"about 4 million since the start of 2024", said in January 2025."""
    store = make_store((doc("a", "2025-01-15"), [rec(
        "a", value=4e6, cumulative=True, start="2024-01-01", end="2025-01-15")]))
    by_year = {f.period: f.estimate.range.central for f in flows(store)}
    assert by_year == pytest.approx({"2024": 4e6 * 366 / 381, "2025": 4e6 * 15 / 381})


def test_flows_figureless_reports_are_a_flow_without_a_unit():
    store = make_store((doc("a"), [rec("a")]))
    flow = only(flows(store))
    assert flow.unit is None and flow.estimate is None
    assert only(flow.claims).kind == "mention"


def test_flows_split_by_year_and_month():
    store = make_store((doc("a"), [rec("a", value=1000, start="2023-11-01",
                                       end="2024-02-29")]))
    assert [f.period for f in flows(store)] == ["2023", "2024"]
    assert [f.period for f in flows(store, granularity="month")] == [
        "2023-11", "2023-12", "2024-01", "2024-02"]


def test_flows_filters_by_supplier_recipient_and_commodity():
    year = dict(start="2024-01-01", end="2024-12-31", value=1)
    store = make_store((doc("a"), [rec("a", **year), rec("a", supplier="IRN", **year),
                                   rec("a", what="missiles", unit="missile", **year)]))
    assert [f.supplier for f in flows(store, supplier="IRN")] == ["IRN"]
    assert [f.commodity for f in flows(store, what="missiles")] == ["missiles"]
    assert len(flows(store, recipient="UKR")) == 0


@pytest.mark.parametrize("text, start, end", [
    ("2024", date(2024, 1, 1), date(2024, 12, 31)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2024-02-03", date(2024, 2, 3), date(2024, 2, 3)),
    ("2023-08..2024-07", date(2023, 8, 1), date(2024, 7, 31)),
])
def test_flows_period_parse(text, start, end):
    period = Period.parse(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("text", ["last year", "2024-13", "2024..2023", ""])
def test_flows_period_parse_rejects_with_an_example(text):
    with pytest.raises(QueryError, match="e.g. 2024"):
        Period.parse(text)


def test_flows_analysis_exports_are_the_intended_names():
    assert sorted(sinew.analysis.__all__) == sorted([
        "CENTRAL_RULE", "HHI_SCALE", "UNIT_SYNONYMS", "Balance", "Change", "Claim",
        "Dependence", "Edge", "Estimate", "Figure", "Flow", "Input", "Month", "Network", "Node",
        "Period", "Range", "Scenario", "Source", "StoredClaim", "SupplyTerm", "Unplaced",
        "WhatIf", "claim_sources", "depend", "flows", "hhi", "rebuild", "load_scenario", "network", "plot_balance", "plot_supply",
        "plover_quad", "plover_score", "shares", "supply_over_time", "whatif", "write_gexf",
        "write_graphml"])
    for name in sinew.analysis.__all__:
        assert hasattr(sinew.analysis, name)


def test_flows_a_rate_said_again_later_holds_over_both_dates():
    store = make_store((doc("a", "2023-03-01"), [rec("a", value=3e6, per="year", by="NATO")]),
                       (doc("b", "2024-03-01"), [rec("b", value=3e6, per="year", by="NATO")]))
    by_year = {f.period: f for f in flows(store)}
    assert set(by_year) == {"2023", "2024"}
    assert by_year["2023"].claims == by_year["2024"].claims
    assert by_year["2024"].estimate.range.central == 3e6


def test_flows_claims_that_differ_only_in_why_they_are_not_counted_have_distinct_ids():
    store = make_store((doc("a"), [rec("a", value=1e6, modality="hypothetical"),
                                   rec("a", value=1e6, modality="negated")]))
    assert len({c.id for c in only(flows(store)).claims}) == 2


def test_flows_totals_over_different_spans_from_one_start_have_distinct_ids():
    store = make_store((doc("a"), [rec("a", value=5e5, start="2024-01-01", end="2024-03-31")]),
                       (doc("b"), [rec("b", value=5e5, start="2024-01-01", end="2024-06-30")]))
    claims = only(flows(store, period="2024")).claims
    assert len(claims) == 2 and len({c.id for c in claims}) == 2


def test_flows_a_total_restated_later_is_counted_in_its_own_span():
    store = make_store((doc("a", "2025-05-30"), [rec("a", value=3.5e6, start="2024-01-01",
                                                     end="2024-12-31")]),
                       (doc("b", "2025-01-14"), [rec("b", value=3.5e6, start="2024-01-01",
                                                     end="2024-12-31")]))
    flow = only(flows(store))
    assert flow.period == "2024" and flow.estimate.range.central == 3.5e6
    assert len(only(flow.claims).sources) == 2
