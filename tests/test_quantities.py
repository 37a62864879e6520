"""Tests for sinew.quantities: figures as news text states them, with how they are known."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sinew import quantities
from sinew.quantities import is_cumulative, parse_number, parse_quantity, parse_rate, rate_of


def _fields(text: str, **kwargs) -> dict:
    quantity = parse_quantity(text, **kwargs)
    assert quantity is not None, text
    return quantity.to_dict()


def test_quantities_exports_the_intended_names():
    assert sorted(quantities.__all__) == [
        "is_cumulative", "parse_number", "parse_quantity", "parse_rate", "rate_of"]


@pytest.mark.parametrize("text, value", [
    ("13,000", 13_000), ("five million", 5e6), ("one million", 1e6), ("1.5m", 1.5e6),
    ("4.8m", 4.8e6), ("1.2bn", 1.2e9), ("1.2 bln", 1.2e9), ("3k", 3_000),
    ("1,000,000", 1e6), ("half a million", 5e5), ("a quarter of a million", 2.5e5),
    ("a dozen", 12), ("half a dozen", 6), ("two hundred thousand", 2e5),
    ("two hundred and fifty thousand", 2.5e5), ("one and a half million", 1.5e6),
    ("twenty-five", 25), ("a million", 1e6), ("1,5 million", 1.5e6),
])
def test_quantities_exact_figure_sets_value_low_and_high(text, value):
    fields = _fields(text)
    assert fields["status"] == "exact" and fields["approx"] is False
    assert fields["value"] == fields["low"] == fields["high"] == pytest.approx(value)


@pytest.mark.parametrize("marker", [
    "up to", "as many as", "at most", "no more than", "fewer than", "less than", "under",
    "below", "a maximum of",
])
def test_quantities_upper_bound_has_no_value(marker):
    fields = _fields(f"{marker} 4.8 million")
    assert fields["status"] == "upper_bound"
    assert fields["value"] is None and fields["low"] is None
    assert fields["high"] == pytest.approx(4.8e6)


@pytest.mark.parametrize("text", [
    "more than 13,000", "over 13,000", "at least 13,000", "above 13,000", "in excess of 13,000",
    "upwards of 13,000", "no fewer than 13,000", "13,000+", "13,000-plus", "13,000 or more",
])
def test_quantities_lower_bound_has_no_value(text):
    fields = _fields(text)
    assert fields["status"] == "lower_bound"
    assert fields["value"] is None and fields["high"] is None and fields["low"] == 13_000


@pytest.mark.parametrize("text", [
    "about 11,000", "around 11,000", "roughly 11,000", "some 11,000", "approximately 11,000",
    "approx. 11,000", "an estimated 11,000", "~11,000", "11,000 or so", "circa 11,000",
])
def test_quantities_approximate_figure_has_value_only(text):
    fields = _fields(text)
    assert (fields["status"], fields["approx"], fields["value"]) == ("approximate", True, 11_000)
    assert fields["low"] is None and fields["high"] is None


@pytest.mark.parametrize("text, low, high", [
    ("nearly 1m", None, 1e6), ("almost 1m", None, 1e6), ("close to 1m", None, 1e6),
    ("just under 1m", None, 1e6), ("just over 1m", 1e6, None),
])
def test_quantities_near_misses_are_approximate_with_one_bound(text, low, high):
    fields = _fields(text)
    assert (fields["status"], fields["approx"], fields["value"]) == ("approximate", True, 1e6)
    assert (fields["low"], fields["high"]) == (low, high)


@pytest.mark.parametrize("text, low, high", [
    ("3,000 to 5,000", 3_000, 5_000), ("3,000-5,000", 3_000, 5_000),
    ("3,000\u20135,000", 3_000, 5_000), ("between 10,000 and 12,000", 10_000, 12_000),
    ("10,000 or 12,000", 10_000, 12_000), ("10 to 12 thousand", 10_000, 12_000),
    ("1-1.5 million", 1e6, 1.5e6), ("between ten and twelve thousand", 10_000, 12_000),
    ("from 5,000 to 3,000", 3_000, 5_000), ("one or two", 1, 2),
])
def test_quantities_range_has_low_and_high(text, low, high):
    fields = _fields(text)
    assert fields["status"] == "range" and fields["value"] is None
    assert (fields["low"], fields["high"]) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize("text, low, high", [
    ("dozens of", 24, 99), ("hundreds", 200, 999), ("thousands", 2_000, 9_999),
    ("tens of thousands", 20_000, 99_999), ("hundreds of thousands of", 200_000, 999_999),
    ("millions", 2e6, 9_999_999), ("several thousand", 3_000, 9_999),
    ("a few hundred", 200, 999),
])
def test_quantities_vague_count_is_an_approximate_range(text, low, high):
    fields = _fields(text)
    assert (fields["status"], fields["approx"], fields["value"]) == ("range", True, None)
    assert (fields["low"], fields["high"]) == (low, high)


@pytest.mark.parametrize("text, unit, value", [
    ("$1.2bn", "USD", 1.2e9), ("US$1.2bn", "USD", 1.2e9), ("1.2 billion dollars", "USD", 1.2e9),
    ("USD 5 million", "USD", 5e6), ("€50 billion", "EUR", 5e10),
    ("50 billion euros", "EUR", 5e10),
    ("£2.5bn", "GBP", 2.5e9), ("2.5 billion pounds", "GBP", 2.5e9),
    ("300 billion roubles", "RUB", 3e11), ("300 billion rubles", "RUB", 3e11),
    ("5,000 won", "KRW", 5_000), ("2 billion yuan", "CNY", 2e9),
])
def test_quantities_currency_sets_the_unit(text, unit, value):
    fields = _fields(text, unit="aid")
    assert fields["unit"] == unit and fields["value"] == pytest.approx(value)


@pytest.mark.parametrize("text, value", [
    ("15%", 15), ("15 percent", 15), ("15 per cent", 15), ("a quarter", 25),
    ("a quarter of its imports", 25), ("half", 50), ("a third", 100 / 3), ("two thirds", 200 / 3),
])
def test_quantities_percentages_and_shares_are_in_percent(text, value):
    fields = _fields(text, unit="import")
    assert fields["unit"] == "percent" and fields["value"] == pytest.approx(value)


def test_quantities_bound_applies_to_a_share():
    fields = _fields("less than half")
    assert (fields["status"], fields["high"], fields["unit"]) == ("upper_bound", 50, "percent")


@pytest.mark.parametrize("text, unit, expected", [
    ("3,000", "container", "container"), ("3,000 containers", "shell", "shell"),
    ("5 million barrels", None, "barrel"), ("2 million tonnes", None, "tonne"),
    ("hundreds of thousands of shells", None, "shell"), ("500-plus troops", None, "troop"),
    ("about 10,000 a day", None, None), ("10,000 or so", None, None), ("13,000", None, None),
])
def test_quantities_unit_is_kept_as_given_or_read_after_the_figure(text, unit, expected):
    assert _fields(text, unit=unit)["unit"] == expected


@pytest.mark.parametrize("text", [
    "", "in 2023", "since 2022", "many", "152mm", "KN-23", "S-400", "on 19 June", "the army",
])
def test_quantities_no_figure_gives_none(text):
    assert parse_quantity(text) is None


@pytest.mark.parametrize("text", ["  some 11,000 ", "up to 4.8 million\n"])
def test_quantities_text_is_the_stripped_input(text):
    assert _fields(text)["text"] == text.strip()


@pytest.mark.parametrize("text, cumulative, per", [
    ("about 10,000 a day", False, "day"), ("more than 1 million since August 2023", True, None),
    ("1.2 million so far", True, None), ("2 million barrels per day", False, "day"),
])
def test_quantities_rate_and_running_total_are_read_from_the_text(text, cumulative, per):
    fields = _fields(text)
    assert (fields["cumulative"], fields["per"]) == (cumulative, per)


@pytest.mark.parametrize("text, period", [
    ("a day", "day"), ("per day", "day"), ("daily", "day"), ("every day", "day"),
    ("2 million bpd", "day"), ("each week", "week"), ("every week", "week"),
    ("weekly", "week"), ("each month", "month"), ("a month", "month"), ("monthly", "month"),
    ("a year", "year"), ("annually", "year"), ("per annum", "year"), ("per year", "year"),
    ("a year ago", None), ("last year", None), ("", None), ("this month", None),
])
def test_quantities_parse_rate_finds_the_period(text, period):
    assert parse_rate(text) == period


@pytest.mark.parametrize("text, expected", [
    ("since August 2023", True), ("so far", True), ("to date", True), ("in total", True),
    ("in all", True), ("altogether", True), ("cumulative", True),
    ("since the start of the war", True), ("so far this year", True), ("a total of", True),
    ("a day", False), ("in all regions", False), ("last month", False),
])
def test_quantities_is_cumulative_spots_running_totals(text, expected):
    assert is_cumulative(text) is expected


@pytest.mark.parametrize("text, value", [
    ("4.8 million", 4.8e6), ("two", 2), ("1,200", 1_200), ("1.2bn", 1.2e9), ("$1.2bn", 1.2e9),
    ("2023", 2023), ("3,000 to 5,000", None), ("many", None), ("", None), ("KN-23", None),
])
def test_quantities_parse_number_reads_a_bare_number(text, value):
    assert parse_number(text) == (value if value is None else pytest.approx(value))


@given(st.integers(min_value=0, max_value=10**12))
def test_quantities_parse_number_reads_thousand_separators(n):
    assert parse_number(f"{n:,}") == n


@given(st.integers(min_value=1, max_value=10**6),
       st.sampled_from([(" million", 1e6), ("m", 1e6), (" bn", 1e9), ("bn", 1e9),
                        (" billion", 1e9), (" thousand", 1e3), ("k", 1e3)]))
def test_quantities_parse_number_reads_scaled_decimals(cents, scale):
    word, factor = scale
    text = f"{cents // 100:,}.{cents % 100:02d}{word}"
    assert math.isclose(parse_number(text), cents / 100 * factor, rel_tol=1e-9)


@given(st.integers(min_value=0, max_value=10**9), st.booleans())
def test_quantities_up_to_always_gives_high_and_no_value(n, separators):
    fields = _fields(f"up to {n:,}" if separators else f"up to {n}")
    assert (fields["high"], fields["value"], fields["status"]) == (n, None, "upper_bound")


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**9))
def test_quantities_a_to_b_gives_low_min_and_high_max(a, b):
    fields = _fields(f"{a:,} to {b:,}")
    assert (fields["low"], fields["high"], fields["value"]) == (min(a, b), max(a, b), None)


_WORDS = st.sampled_from(
    "a up to about more than 1,000 2.5 million bn $ € % - and or between of half quarter thirds"
    " two hundred thousand dozens tens thousands in since 2023 June 19 + plus odd so won"
    " KN-23 152mm".split())


@given(st.lists(_WORDS, max_size=8).map(" ".join) | st.text(max_size=30))
def test_quantities_any_text_gives_a_consistent_figure(text):
    quantity = parse_quantity(text)
    if quantity is None:
        return
    if quantity.status in ("range", "lower_bound", "upper_bound"):
        assert quantity.value is None
    if quantity.status == "range":
        assert quantity.low <= quantity.high


@pytest.mark.parametrize("text, value, unit", [
    ("2,000-pound bombs", None, None),
    ("1,800 2,000-pound bombs", 1800, "bomb"),
    ("500 500-kg bombs", 500, "bomb"),
    ("a 10-year deal", None, None),
])
def test_quantities_a_measure_hyphenated_to_a_noun_is_not_a_figure(text, value, unit):
    q = parse_quantity(text)
    assert (q.value, q.unit) == (value, unit) if value is not None else q is None


@pytest.mark.parametrize("text", [
    "to 4.8 million artillery shells", "to 300,000 rounds", "to 1,000 drones"])
def test_quantities_up_to_split_by_the_parser_is_still_an_upper_bound(text):
    q = parse_quantity(text)
    assert q.status == "upper_bound" and q.value is None and q.high > 0


@pytest.mark.parametrize("figure, context, per", [
    ("about 2,000 drones", "Iran has delivered about 2,000 drones to Russia , while Moscow "
                           "builds 2,700 a month", None),
    ("1.5 million shells", "North Korea sent 1.5 million shells ; Russia makes 250,000 a month",
     None),
    ("300 missiles", "Iran supplied 300 missiles , and factories add 40 a week", None),
    ("about 2,000 drones", "Iran delivers about 2,000 drones a month", "month"),
    ("250,000 shells", "a monthly output of 250,000 shells", "month"),
    ("2,700", "Iran has delivered about 2,000 drones , while Moscow builds 2,700 a month",
     "month"),
])
def test_quantities_a_rate_attaches_to_its_own_figure_only(figure, context, per):
    assert rate_of(parse_quantity(figure), context) == per


@pytest.mark.parametrize("text, per", [
    ("Iran delivered about 2,000 drones to Russia, while Moscow builds 2,700 a month.", None),
    ("North Korea sent 1.5 million shells to Russia, while Russia makes 250,000 a month.", None),
    ("Iran supplied 300 missiles to Russia as factories there add 40 a week.", None),
    ("Iran delivers about 2,000 drones a month to Russia.", "month"),
])
def test_quantities_rate_in_a_sentence_with_two_figures(extract, text, per):
    aid = next(r for r in extract(text) if r.type == "AID")
    assert aid.quantity.per == per


@pytest.mark.parametrize("text, category, unit, value", [
    ("China sold $300 million worth of drone components to Russia.", "dual_use_goods", "USD",
     3e8),
    ("Iran shipped $50 million worth of ammunition to Russia.", "artillery_ammunition", "USD",
     5e7),
    ("The United States sent $2 billion worth of weapons to Ukraine.", "weapons", "USD", 2e9),
])
def test_quantities_money_worth_of_goods_is_the_goods_with_a_money_value(
        extract, text, category, unit, value):
    aid = next(r for r in extract(text) if r.type == "AID")
    assert aid.what.category == category
    assert (aid.quantity.unit, aid.quantity.value) == (unit, value)


@pytest.mark.parametrize("text", [
    "The United States sent 2,000-pound bombs to Israel.",
    "Washington delivered 1,800 2,000-pound bombs to Israel.",
    "Britain supplied 500-pound bombs to Ukraine.",
])
def test_quantities_pound_bombs_are_weapons_not_money(extract, text):
    aid = next(r for r in extract(text) if r.type == "AID")
    assert aid.what.category == "weapons"
    assert aid.quantity is None or aid.quantity.unit == "bomb"


@pytest.mark.parametrize("text", [
    "North Korea has sent 10,000 containers to Russia that could hold up to 4.8 million shells.",
    "The depots could hold up to 2 million rounds.",
    "Its warehouses can hold up to 500,000 shells.",
])
def test_quantities_could_hold_up_to_is_an_upper_bound_of_a_capacity(extract, text):
    held = [r for r in extract(text) if r.quantity and r.quantity.high and
            r.quantity.high >= 500_000]
    assert held and all(r.kind == "measure" and r.type == "capacity" for r in held)
    assert all(r.quantity.status == "upper_bound" and r.quantity.value is None for r in held)
