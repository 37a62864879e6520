"""Tests for sinew.dates: date expressions resolved against the publication date."""

from __future__ import annotations

import calendar
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sinew import dates
from sinew.dates import metadata_date, resolve_date

PUB = "2024-09-18"  # a Wednesday

_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
_MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar.", "Apr", "May", "Jun", "Jul", "Aug", "Sept.", "Oct",
                        "Nov", "Dec")


def _interval(text: str, published: str | date | None = PUB) -> tuple:
    info = resolve_date(text, published)
    return info.start, info.end, info.granularity, info.status


def test_dates_exports_the_intended_names():
    assert dates.__all__ == ["dateline_date", "metadata_date", "resolve_date"]


@pytest.mark.parametrize("text, start, end, granularity, status", [
    ("19 June 2024", "2024-06-19", "2024-06-19", "day", "exact"),
    ("June 19, 2024", "2024-06-19", "2024-06-19", "day", "exact"),
    ("the 19th of June 2024", "2024-06-19", "2024-06-19", "day", "exact"),
    ("Sept. 5, 2023", "2023-09-05", "2023-09-05", "day", "exact"),
    ("2024-06-19", "2024-06-19", "2024-06-19", "day", "exact"),
    ("June 2024", "2024-06-01", "2024-06-30", "month", "exact"),
    ("FEB 2024", "2024-02-01", "2024-02-29", "month", "exact"),
    ("2024", "2024-01-01", "2024-12-31", "year", "exact"),
    ("in 2024", "2024-01-01", "2024-12-31", "year", "exact"),
    ("the first half of 2024", "2024-01-01", "2024-06-30", "half", "exact"),
    ("H2 2024", "2024-07-01", "2024-12-31", "half", "exact"),
    ("the second quarter of 2024", "2024-04-01", "2024-06-30", "quarter", "exact"),
    ("Q2 2024", "2024-04-01", "2024-06-30", "quarter", "exact"),
    ("early 2024", "2024-01-01", "2024-04-30", "interval", "approximate"),
    ("mid-2024", "2024-05-01", "2024-08-31", "interval", "approximate"),
    ("late 2024", "2024-09-01", "2024-12-31", "interval", "approximate"),
    ("the end of 2024", "2024-09-01", "2024-12-31", "interval", "approximate"),
    ("mid-June 2024", "2024-06-11", "2024-06-20", "interval", "approximate"),
    ("by the end of 2024", None, "2024-12-31", "open", "approximate"),
    ("by 2025", None, "2025-12-31", "open", "approximate"),
    ("before 2023", None, "2022-12-31", "open", "approximate"),
    ("since February 2022", "2022-02-01", PUB, "interval", "exact"),
    ("from March to May 2024", "2024-03-01", "2024-05-31", "interval", "exact"),
    ("March-May 2024", "2024-03-01", "2024-05-31", "interval", "exact"),
    ("between 2023 and 2025", "2023-01-01", "2025-12-31", "interval", "exact"),
    ("2022-24", "2022-01-01", "2024-12-31", "interval", "exact"),
    ("3 to 5 June 2024", "2024-06-03", "2024-06-05", "interval", "exact"),
    ("the 2022 invasion", "2022-01-01", "2022-12-31", "year", "exact"),
    ("autumn 2024", "2024-09-01", "2024-11-30", "interval", "approximate"),
    ("fall 2024", "2024-09-01", "2024-11-30", "interval", "approximate"),
    ("winter 2023", "2023-12-01", "2024-02-29", "interval", "approximate"),
    ("the 1990s", "1990-01-01", "1999-12-31", "decade", "exact"),
])
def test_dates_absolute_expression_resolves(text, start, end, granularity, status):
    assert _interval(text) == (start, end, granularity, status)


@pytest.mark.parametrize("text, start, end, granularity, status", [
    ("today", PUB, PUB, "day", "exact"),
    ("yesterday", "2024-09-17", "2024-09-17", "day", "exact"),
    ("on Monday", "2024-09-16", "2024-09-16", "day", "exact"),
    ("on Wednesday", PUB, PUB, "day", "exact"),
    ("on Thursday", "2024-09-12", "2024-09-12", "day", "exact"),
    ("last Wednesday", "2024-09-11", "2024-09-11", "day", "exact"),
    ("this week", "2024-09-16", "2024-09-22", "week", "exact"),
    ("last week", "2024-09-09", "2024-09-15", "week", "exact"),
    ("last month", "2024-08-01", "2024-08-31", "month", "exact"),
    ("this month", "2024-09-01", "2024-09-30", "month", "exact"),
    ("next month", "2024-10-01", "2024-10-31", "month", "exact"),
    ("last year", "2023-01-01", "2023-12-31", "year", "exact"),
    ("this year", "2024-01-01", "2024-12-31", "year", "exact"),
    ("next year", "2025-01-01", "2025-12-31", "year", "exact"),
    ("in June", "2024-06-01", "2024-06-30", "month", "exact"),
    ("in December", "2023-12-01", "2023-12-31", "month", "approximate"),
    ("19 June", "2024-06-19", "2024-06-19", "day", "exact"),
    ("by June", None, "2025-06-30", "open", "approximate"),
    ("in the past two weeks", "2024-09-05", PUB, "interval", "exact"),
    ("over the past year", "2023-09-19", PUB, "interval", "exact"),
    ("two years ago", "2022-01-01", "2022-12-31", "year", "approximate"),
    ("three days ago", "2024-09-15", "2024-09-15", "day", "exact"),
    ("earlier this year", "2024-01-01", PUB, "interval", "approximate"),
    ("late last year", "2023-09-01", "2023-12-31", "interval", "approximate"),
    ("last winter", "2023-12-01", "2024-02-29", "interval", "approximate"),
    ("the end of the year", "2024-09-01", "2024-12-31", "interval", "approximate"),
    ("from December to February", "2023-12-01", "2024-02-29", "interval", "approximate"),
])
def test_dates_relative_expression_resolves_against_publication(text, start, end, granularity,
                                                                status):
    assert _interval(text) == (start, end, granularity, status)


@pytest.mark.parametrize("published", [date(2024, 9, 18), datetime(2024, 9, 18, 14, 30),
                                       "2024-09-18T14:30:00Z", "September 18, 2024"])
def test_dates_publication_date_may_be_a_date_datetime_or_string(published):
    assert _interval("yesterday", published)[:2] == ("2024-09-17", "2024-09-17")


@pytest.mark.parametrize("text", [
    "today", "yesterday", "on Monday", "last week", "this month", "last year", "in June",
    "in the past two weeks", "two years ago", "earlier this year", "19 June", "late last year",
])
def test_dates_relative_without_publication_is_unresolved(text):
    info = resolve_date(text, None)
    assert (info.status, info.reason) == ("unresolved", "relative date with no publication date")
    assert info.start is None and info.end is None


def test_dates_since_without_publication_has_no_end():
    assert _interval("since February 2022", None) == ("2022-02-01", None, "interval", "exact")


@pytest.mark.parametrize("text", ["19 June 2024", "June 2024", "Q2 2024", "winter 2023"])
def test_dates_absolute_resolves_without_publication(text):
    assert _interval(text, None) == _interval(text)


@pytest.mark.parametrize("text, reason", [
    ("152mm", "not a date expression"), ("10,000", "not a date expression"),
    ("KN-23", "not a date expression"), ("since the start of the war", "not a date expression"),
    ("recently", "vague"), ("in recent weeks", "vague"), ("soon", "vague"),
    ("31 February 2024", "invalid calendar date"), ("30 February", "invalid calendar date"),
])
def test_dates_unresolved_says_why(text, reason):
    info = resolve_date(text, PUB)
    assert (info.status, info.reason, info.granularity) == ("unresolved", reason, None)


def test_dates_long_text_with_many_connectors_is_read_quickly():
    # Each connector is a possible range split; nesting them would take exponential time.
    text = " and ".join(["Russia to Iran - China"] * 40)
    assert resolve_date(text, PUB).reason == "not a date expression"


@pytest.mark.parametrize("text", ["  June 2024 ", "recently\n"])
def test_dates_text_is_the_stripped_input(text):
    assert resolve_date(text, PUB).text == text.strip()


def test_dates_weekday_on_publication_day_is_that_day():
    assert _interval("on Monday", "2024-09-16")[:2] == ("2024-09-16", "2024-09-16")


@pytest.mark.parametrize("text, start, end, granularity", [
    ("from December to February", "2022-12-01", "2023-02-28", "interval"),
    ("29 February", "2020-02-29", "2020-02-29", "day"),
])
def test_dates_year_guess_steps_back_when_it_must(text, start, end, granularity):
    assert _interval(text, "2024-01-15") == (start, end, granularity, "approximate")


_DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(_DAYS, st.none() | _DAYS)
def test_dates_iso_date_resolves_to_itself(day, published):
    assert _interval(day.isoformat(), published) == (day.isoformat(), day.isoformat(), "day",
                                                     "exact")


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1900, max_value=2100),
       st.booleans(), st.none() | _DAYS)
def test_dates_month_and_year_cover_the_whole_month(month, year, abbreviated, published):
    name = (_MONTH_ABBREVIATIONS if abbreviated else _MONTH_NAMES)[month - 1]
    start, end, granularity, _ = _interval(f"{name} {year}", published)
    last = calendar.monthrange(year, month)[1]
    assert start <= date(year, month, 1).isoformat() and date(year, month, last).isoformat() <= end
    assert granularity == "month"


_EXPRESSIONS = st.sampled_from([
    "today", "yesterday", "on Friday", "last Sunday", "next Monday", "last week", "this week",
    "last month", "next month", "this year", "in March", "in November", "7 December",
    "early this year", "mid-last year", "the past three months", "the next two weeks",
    "five weeks ago", "a year ago", "earlier this month", "later this year", "last summer",
    "this winter", "next spring", "by March", "since last year", "from January to March",
    "between May and July", "the first half of this year", "the last quarter", "last quarter",
    "Q4 2023", "2019-20", "winter 2020", "by the end of this year", "after June 2023",
])


@given(_EXPRESSIONS, _DAYS)
def test_dates_start_is_never_after_end(text, published):
    info = resolve_date(text, published)
    assert info.status != "unresolved", info
    if info.start and info.end:
        assert info.start <= info.end


_WORDS = st.sampled_from(
    "in since by from to and between the end early mid- late last this next week month year"
    " ago past two 19 June Sept. Q2 H1 winter 2022 2023-24 1990s , KN-23 152mm today recently"
    " 29 February".split())


@given(st.lists(_WORDS, max_size=8).map(" ".join) | st.text(max_size=30),
       st.none() | st.dates())
def test_dates_any_text_gives_a_consistent_answer(text, published):
    info = resolve_date(text, published)
    assert (info.status == "unresolved") == (info.reason is not None)
    if info.start and info.end:
        assert info.start <= info.end


@pytest.mark.parametrize("text, start, end", [
    ("Iran delivered about 2,000 Shahed drones to Russia between August 2022 and March 2023.",
     "2022-08-01", "2023-03-31"),
    ("From January 2023 to June 2023, North Korea shipped 1 million shells to Russia.",
     "2023-01-01", "2023-06-30"),
    ("North Korea sent Russia 3 million shells between September 2023 and May 2024.",
     "2023-09-01", "2024-05-31"),
])
def test_dates_an_interval_the_tagger_split_keeps_both_ends(extract, text, start, end):
    aid = next(r for r in extract(text, date="2025-01-15") if r.type == "AID")
    assert (aid.date.start, aid.date.end) == (start, end)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
       st.sampled_from(["%Y-%m-%d", "%d %b %Y", "%B %d, %Y", "%a, %d %b %Y 12:00:00 +0000",
                        "%d %B %Y"]))
def test_dates_metadata_date_reads_every_day_in_common_forms(day, form):
    assert metadata_date(day.strftime(form)) == day.isoformat()


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_dates_metadata_date_never_guesses_between_day_and_month(day):
    text = day.strftime("%m/%d/%Y")
    if day.day <= 12 and day.day != day.month:
        with pytest.raises(ValueError, match="day-first and month-first"):
            metadata_date(text)
    else:
        assert metadata_date(text) == day.isoformat()


@pytest.mark.parametrize("text", [
    "Pyongyang has now sent about 15,000 troops to Russia, including some 3,000 reinforcements "
    "dispatched early this year.",
    "North Korea sent Russia 2 million shells that were produced in 2023.",
    "Iran has delivered 400 drones that it built last year to Russia.",
])
def test_dates_a_date_in_a_clause_on_the_object_does_not_date_the_delivery(extract, text):
    aid = next(r for r in extract(text, date="2025-05-01") if r.type == "AID")
    assert aid.date is None  # a running total as of publication, not one over that clause's date


@pytest.mark.parametrize("text, end", [
    ("Russia has received about 1.5 million shells, Ukraine's intelligence chief said on "
     "Tuesday.", "2025-01-14"),
    ("On Tuesday, Ukraine's intelligence chief said Russia has received about 1.5 million "
     "shells.", "2025-01-14"),
    ("South Korea's spy agency said last week that Pyongyang has shipped more than 1 million "
     "rounds to Russia.", "2025-01-12"),
])
def test_dates_a_figure_keeps_the_day_it_was_said(extract, text, end):
    aid = next(r for r in extract(text, date="2025-01-17") if r.type == "AID")
    assert (aid.date.start, aid.date.end, aid.date.granularity) == (None, end, "open")


@pytest.mark.parametrize("text, start, end", [
    ("Zelensky said on Monday that North Korea had sent Russia about 3.5 million shells in "
     "2024.", "2024-01-01", "2024-12-31"),
    ("North Korea sent Russia about 3.5 million shells between January and November 2024, "
     "Zelensky said on Monday.", "2024-01-01", "2024-11-30"),
    ("In 2023, Iran shipped 300,000 shells to Russia, a NATO official said on Friday.",
     "2023-01-01", "2023-12-31"),
])
def test_dates_a_total_over_a_past_span_is_dated_by_the_span_not_the_statement(
        extract, text, start, end):
    aid = next(r for r in extract(text, date="2025-01-17") if r.type == "AID")
    assert (aid.date.start, aid.date.end) == (start, end)


@pytest.mark.parametrize("text, start, end", [
    ("The NIS said in April that North Korea had sent 15,000 troops to Russia since October.",
     "2023-10-01", "2024-04-30"),
    ("Seoul's defence minister said on Tuesday that North Korea has shipped 3 million shells "
     "to Russia since August.", "2023-08-01", "2024-05-07"),
    ("Kyiv said last week that Iran has delivered 400 drones to Russia since January.",
     "2024-01-01", "2024-05-05"),
])
def test_dates_a_running_total_since_a_date_ends_when_it_was_said(extract, text, start, end):
    aid = next(r for r in extract(text, date="2024-05-10") if r.type == "AID")
    assert (aid.date.start, aid.date.end) == (start, end)
