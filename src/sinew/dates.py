"""Resolve a date expression from a news sentence against the document's publication date.

The grammar is a list of regular-expression rules tried in order against the whole (lowered)
expression; an absolute date inside a longer phrase ("the 2022 invasion") is the last resort.
Month names may be full or abbreviated ("Sept.", "Sep"), days may be ordinals ("19th").

Conventions, because news text leaves them open:

* A day or month without a year ("19 June", "in June") is taken in the publication year unless
  that would put it after the publication date; then it is the previous year and marked
  approximate, since news mostly reports what has happened. After "by" and "until" the lean is
  to the future instead ("by June" is a deadline).
* A bare weekday ("on Monday") is the most recent such day on or before the publication date;
  "last Monday" is strictly before it, "next Monday" strictly after. Weeks run Monday-Sunday.
* Parts of a year are approximate intervals: early (or the start of) = Jan-Apr, mid = May-Aug,
  late (or the end of) = Sep-Dec; of a month: days 1-10, 11-20, 21-end. Seasons are the
  northern meteorological ones: spring Mar-May, summer Jun-Aug, autumn/fall Sep-Nov, winter Dec
  to Feb of the next year ("winter 2023" is Dec 2023-Feb 2024).
* "the past two weeks" ends on the publication date; "two years ago" is that calendar year,
  approximate; "earlier this year" runs from 1 January to the publication date, approximate.
* "by X" and "until X" have no start (granularity "open", approximate); "since X" runs from the
  start of X to the publication date (end None without one, granularity "interval").
* "recently", "soon", "in recent weeks" are unresolved with reason "vague".
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from typing import Callable, NamedTuple

from dateutil import parser as dateutil_parser

from sinew.schema import DateInfo

__all__ = ["dateline_date", "metadata_date", "resolve_date"]

_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_MONTHS = {**{m[:3]: i for i, m in enumerate(_MONTH_NAMES, 1)},
           **{m: i for i, m in enumerate(_MONTH_NAMES, 1)}, "sept": 9}
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR4 = r"(?:1[89]\d\d|2[01]\d\d)"
_YEAR = rf"(?:{_YEAR4}|this year|last year|next year|the year)"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_COUNTS = {"a": 1, "an": 1, **{w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}}
_COUNT = r"(?P<n>\d+|" + "|".join(_COUNTS) + ")"
_PART = r"(?P<p>early|mid|late|(?:the )?(?:start|beginning|middle|end)(?: of)?)"
_PART_INDEX = {"early": 0, "start": 0, "beginning": 0, "mid": 1, "middle": 1, "late": 2, "end": 2}
_YEAR_PARTS = ((1, 4), (5, 8), (9, 12))
_MONTH_PARTS = ((1, 10), (11, 20), (21, 31))
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
            "winter": (12, 14)}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4, "final": 4, "last": 4}
_OFFSETS = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1,
            "following": 1}
_DAY_WORDS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
              "this evening": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
              "the day before yesterday": -2}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DEADLINES = {"by", "until", "till", "no later than"}
_FILLER = re.compile(r"^(?:(?:in|on|during|at|of|over|within|throughout|as of|for)\s+)+")
_CONNECTOR = re.compile(r" (?:to|until|till|through|and) | ?- ?")
_EMBEDDED = re.compile(
    rf"(?<![\w-])(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH},? {_YEAR4}"
    rf"|{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? {_YEAR4}|{_MONTH},? {_YEAR4}|(?:1[89]|20)\d0s"
    rf"|{_YEAR4})(?![\w-])")


class _Span(NamedTuple):
    start: date | None
    end: date | None
    granularity: str
    status: str = "exact"


class _NoAnchor(Exception):
    """A relative expression met a document with no publication date."""


class _Vague(Exception):
    """The expression names no period that could be pinned down."""


_Handler = Callable[[re.Match, date | None, str], _Span | None]
# When a candidate year is still on the wrong side of the publication date for each way of
# pointing at a yearly period.
_OVERSHOOT: dict[str, Callable[[date, date, date], bool]] = {
    "past": lambda start, end, pub: start > pub,
    "last": lambda start, end, pub: end >= pub,
    "future": lambda start, end, pub: end < pub,
    "next": lambda start, end, pub: start <= pub,
}
_RULES: list[tuple[re.Pattern, _Handler]] = []


def _rule(pattern: str) -> Callable[[_Handler], _Handler]:
    """Register a rule; rules are tried in the order they are defined."""
    def register(handler: _Handler) -> _Handler:
        _RULES.append((re.compile(pattern), handler))
        return handler
    return register


def _anchor(pub: date | None) -> date:
    if pub is None:
        raise _NoAnchor
    return pub


def _year(text: str, pub: date | None) -> int:
    if text[0].isdigit():
        return int(text)
    return _anchor(pub).year + _OFFSETS.get(text.split()[0], 0)


def _month_of(text: str) -> int:
    return _MONTHS[text.rstrip(".")]


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    """From the first day of month ``first`` to the last of ``last`` (months past 12 wrap)."""
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return (date(year + (first - 1) // 12, (first - 1) % 12 + 1, 1),
            date(end_year, end_month, calendar.monthrange(end_year, end_month)[1]))


def _shift_months(day: date, n: int) -> date:
    year, month = divmod(day.month - 1 + n, 12)
    year += day.year
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _back(pub: date, n: int, unit: str) -> date:
    if unit in ("day", "week"):
        return pub - timedelta(days=n * (7 if unit == "week" else 1))
    return _shift_months(pub, -n * {"month": 1, "quarter": 3, "year": 12}[unit])


def _unit_span(day: date, unit: str) -> tuple[date, date]:
    """The calendar week, month, quarter or year that contains ``day``."""
    if unit == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if unit == "day":
        return day, day
    first = {"month": day.month, "quarter": day.month - (day.month - 1) % 3, "year": 1}[unit]
    return _months(day.year, first, first + {"month": 0, "quarter": 2, "year": 11}[unit])


def _pick(make: Callable[[int], tuple[date, date]], pub: date | None,
          how: str) -> tuple[date, date, bool]:
    """The occurrence of a yearly period (a month, a season) that ``how`` points to.

    ``how`` is "last" / "this" / "next", or the lean "past" / "future" for a bare mention. The
    flag says the year was guessed away from the publication year.
    """
    p = _anchor(pub)
    if how == "this":
        start, end = make(p.year - 1)
        return (start, end, False) if start <= p <= end else (*make(p.year), False)
    step = -1 if how in ("past", "last") else 1
    for year in range(p.year, p.year + 9 * step, step):  # 8 years hold a leap day
        try:
            start, end = make(year)
        except ValueError:  # 29 February outside a leap year: look further
            continue
        if not _OVERSHOOT[how](start, end, p):
            return start, end, how in ("past", "future") and year != p.year
    raise ValueError("no such day in any nearby year")


def _part(text: str) -> int:
    """0, 1 or 2 for the early, middle or late part that "early", "the end of" ... name."""
    return _PART_INDEX[text.removesuffix(" of").split()[-1]]


def _pinned(make: Callable[[int], tuple[date, date]], year: str | None, pub: date | None,
            how: str, granularity: str, status: str = "exact") -> _Span:
    """A yearly period in the stated year, else in the year ``how`` points to."""
    if year:
        return _Span(*make(_year(year, pub)), granularity, status)
    start, end, guessed = _pick(make, pub, how)
    return _Span(start, end, granularity, "approximate" if guessed else status)


@_rule(r"recently|lately|soon|previously|earlier|later|at the time|(?:in )?the past|"
       r"(?:the )?(?:recent|coming|past|last|next)(?: few| several| many)? "
       r"(?:days|weeks|months|years|decades)")
def _vague(m: re.Match, pub: date | None, lean: str) -> _Span:
    raise _Vague


@_rule("|".join(_DAY_WORDS))
def _day_word(m: re.Match, pub: date | None, lean: str) -> _Span:
    day = _anchor(pub) + timedelta(days=_DAY_WORDS[m[0]])
    return _Span(day, day, "day")


@_rule(r"(?:(?P<rel>last|this|next|past) )?(?P<wd>" + "|".join(_WEEKDAYS) + ")")
def _weekday(m: re.Match, pub: date | None, lean: str) -> _Span:
    p, wanted = _anchor(pub), _WEEKDAYS.index(m["wd"])
    back, ahead = (p.weekday() - wanted) % 7, (wanted - p.weekday()) % 7
    if m["rel"] == "next":
        day = p + timedelta(days=ahead or 7)
    elif m["rel"] in ("last", "past"):
        day = p - timedelta(days=back or 7)
    else:
        day = p + timedelta(days=ahead) if lean == "future" else p - timedelta(days=back)
    return _Span(day, day, "day")


@_rule(r"(?:the (?=previous|current|following|coming))?(?P<rel>last|this|next|previous|"
       r"current|coming|following) (?P<u>week|month|quarter|year)")
def _calendar_unit(m: re.Match, pub: date | None, lean: str) -> _Span:
    p, n, unit = _anchor(pub), _OFFSETS[m["rel"]], m["u"]
    if unit == "week":
        return _Span(*_unit_span(p + timedelta(weeks=n), unit), unit)
    return _Span(*_unit_span(_shift_months(p, n * {"month": 1, "quarter": 3, "year": 12}[unit]),
                             unit), unit)


@_rule(r"(?P<when>earlier|later) (?:this|in the) (?P<u>week|month|year)")
def _earlier_or_later(m: re.Match, pub: date | None, lean: str) -> _Span:
    p = _anchor(pub)
    start, end = _unit_span(p, m["u"])
    if m["when"] == "earlier":
        return _Span(start, p, "interval", "approximate")
    return _Span(p, end, "interval", "approximate")


@_rule(rf"(?:the )?(?P<way>past|last|previous|next|coming)(?: {_COUNT})? "
       r"(?P<u>day|week|month|quarter|year)s?")
def _trailing(m: re.Match, pub: date | None, lean: str) -> _Span:
    """"the past two weeks" ends on the publication date; "the next year" starts on it."""
    p = _anchor(pub)
    n = _COUNTS.get(m["n"] or "a") or int(m["n"])
    if m["way"] in ("next", "coming"):
        return _Span(p, _back(p, -n, m["u"]) - timedelta(days=1), "interval")
    return _Span(_back(p, n, m["u"]) + timedelta(days=1), p, "interval")


@_rule(rf"{_COUNT} (?P<u>day|week|month|year)s? ago")
def _ago(m: re.Match, pub: date | None, lean: str) -> _Span:
    unit = m["u"]
    day = _back(_anchor(pub), _COUNTS.get(m["n"]) or int(m["n"]), unit)
    return _Span(*_unit_span(day, unit), unit, "exact" if unit == "day" else "approximate")


@_rule(r"(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])(?:-(?P<d>\d{2}))?")
def _iso(m: re.Match, pub: date | None, lean: str) -> _Span:
    year, month = int(m["y"]), int(m["m"])
    if m["d"] is None:
        return _Span(*_months(year, month, month), "month")
    day = date(year, month, int(m["d"]))
    return _Span(day, day, "day")


def _day_month(m: re.Match, pub: date | None, lean: str) -> _Span:
    month, day = _month_of(m["m"]), int(m["d"])
    return _pinned(lambda y: (date(y, month, day),) * 2, m["y"], pub, lean, "day")


_rule(rf"(?:the )?{_DAY} (?:of )?(?P<m>{_MONTH})(?:,? (?P<y>{_YEAR}))?")(_day_month)
_rule(rf"(?P<m>{_MONTH}) {_DAY}(?:,? (?P<y>{_YEAR}))?")(_day_month)


@_rule(rf"{_PART} (?:of )?(?P<m>{_MONTH})(?:,? (?P<y>{_YEAR}))?")
def _month_part(m: re.Match, pub: date | None, lean: str) -> _Span:
    month, (first, last) = _month_of(m["m"]), _MONTH_PARTS[_part(m["p"])]

    def make(year: int) -> tuple[date, date]:
        return date(year, month, first), date(year, month, min(
            last, calendar.monthrange(year, month)[1]))
    return _pinned(make, m["y"], pub, lean, "interval", "approximate")


@_rule(rf"(?:(?P<rel>last|this|next) )?(?P<m>{_MONTH})(?:,? (?:of )?(?P<y>{_YEAR}))?")
def _month(m: re.Match, pub: date | None, lean: str) -> _Span:
    month = _month_of(m["m"])
    return _pinned(lambda y: _months(y, month, month), m["y"], pub, m["rel"] or lean, "month")


@_rule(rf"(?:the )?(?P<o>first|second|1st|2nd|final|last) half (?:of )?(?P<y>{_YEAR})")
def _half(m: re.Match, pub: date | None, lean: str) -> _Span:
    first = 1 if _ORDINALS[m["o"]] == 1 else 7
    return _Span(*_months(_year(m["y"], pub), first, first + 5), "half")


@_rule(rf"(?:the )?(?P<o>{'|'.join(_ORDINALS)}) quarter (?:of )?(?P<y>{_YEAR})")
def _quarter(m: re.Match, pub: date | None, lean: str) -> _Span:
    first = 3 * _ORDINALS[m["o"]] - 2
    return _Span(*_months(_year(m["y"], pub), first, first + 2), "quarter")


@_rule(rf"{_PART} (?:in )?(?P<y>{_YEAR})")
def _year_part(m: re.Match, pub: date | None, lean: str) -> _Span:
    first, last = _YEAR_PARTS[_part(m["p"])]
    return _Span(*_months(_year(m["y"], pub), first, last), "interval", "approximate")


@_rule(rf"(?:(?P<rel>last|this|next) )?(?:the )?(?P<s>{'|'.join(_SEASONS)})"
       rf"(?:,? (?:of )?(?P<y>{_YEAR}))?")
def _season(m: re.Match, pub: date | None, lean: str) -> _Span:
    first, last = _SEASONS[m["s"]]
    return _pinned(lambda y: _months(y, first, last), m["y"], pub, m["rel"] or lean, "interval",
                   "approximate")


@_rule(r"(?:the )?(?P<y>(?:1[89]|20)\d0)'?s")
def _decade(m: re.Match, pub: date | None, lean: str) -> _Span:
    year = int(m["y"])
    return _Span(date(year, 1, 1), date(year + 9, 12, 31), "decade")


@_rule(rf"(?:the )?(?:year )?(?P<y>{_YEAR})")
def _whole_year(m: re.Match, pub: date | None, lean: str) -> _Span:
    return _Span(*_months(_year(m["y"], pub), 1, 12), "year")


@_rule(r"(?:from |between )?(?P<body>.+)")
def _range(m: re.Match, pub: date | None, lean: str) -> _Span | None:
    """"from March to May 2024", "between 2023 and 2025", "2022-24": try each connector."""
    body = m["body"]
    for link in _CONNECTOR.finditer(body):
        first, second = body[:link.start()].strip(), body[link.end():].strip()
        if first and second:
            span = _join(first, second, pub, lean)
            if span is not None:
                return span
    return None


def _join(first: str, second: str, pub: date | None, lean: str) -> _Span | None:
    if re.fullmatch(r"\d{2}", second) and re.fullmatch(r"\d{4}", first):
        second = first[:2] + second  # "2022-24"
    if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", first):  # "3 to 5 June 2024"
        first += " " + re.sub(r"^\d{1,2}(?:st|nd|rd|th)? (?:of )?", "", second)
    elif not re.search(r"\b\d{4}\b", first) and (year := re.search(r"\b\d{4}\b", second)):
        first += " " + year[0]  # "from March to May 2024": the year belongs to both ends
    start = _resolve(first, pub, lean, simple=True)
    end = _resolve(second, pub, lean, simple=True)
    if start is None or end is None or start.start is None or end.end is None:
        return None
    if start.start > end.end and not re.search(r"\b\d{4}\b", first):
        # "from December to February" in January: the first end lies a year further back.
        start = start._replace(start=_shift_months(start.start, -12), status="approximate")
    if start.start > end.end:
        return None
    exact = start.status == end.status == "exact"
    return _Span(start.start, end.end, "interval", "exact" if exact else "approximate")


@_rule(r"(?P<kw>by|until|till|no later than|before|since|from|after) (?P<rest>.+)")
def _anchored(m: re.Match, pub: date | None, lean: str) -> _Span | None:
    keyword = m["kw"]
    inner = _resolve(m["rest"], pub, "future" if keyword in _DEADLINES else "past", simple=True)
    if inner is None or inner.start is None or inner.end is None:
        return None
    if keyword in _DEADLINES:
        return _Span(None, inner.end, "open", "approximate")
    if keyword == "before":
        return _Span(None, inner.start - timedelta(days=1), "open", "approximate")
    if keyword == "after":
        return _Span(inner.end + timedelta(days=1), None, "open", "approximate")
    if pub is not None and pub < inner.start:
        return _Span(inner.start, None, "open", "approximate")  # published before it began
    return _Span(inner.start, pub, "interval", inner.status)  # "since": up to publication


def _clean(text: str) -> str:
    text = " ".join(text.lower().split())
    text = re.sub("[\u2010-\u2015\u2212]", "-", text).strip(" .,;:!?()\"'")
    text = re.sub(r"\b(early|mid|late)-", r"\1 ", text)  # "mid-2024", but "March-May" is a range
    text = re.sub(r"\bh([12])\b", lambda g: ("first", "second")[int(g[1]) - 1] + " half of", text)
    text = re.sub(r"\bq([1-4])\b",
                  lambda g: ("first", "second", "third", "fourth")[int(g[1]) - 1] + " quarter of",
                  text)
    return _FILLER.sub("", text)


def _resolve(text: str, pub: date | None, lean: str, simple: bool = False) -> _Span | None:
    """The first rule's answer; ``simple`` leaves out ranges and "by"/"since" phrases, which is
    what each end of those may be (and keeps the work linear in the number of connectors)."""
    cleaned = _clean(text)
    for pattern, handler in _RULES:
        if simple and handler in (_range, _anchored):
            continue
        match = pattern.fullmatch(cleaned)
        if match is not None:
            span = handler(match, pub, lean)
            if span is not None:
                return span
    return None


def _embedded(text: str, pub: date | None) -> _Span | None:
    """An absolute date inside a longer phrase: "the 2022 invasion"."""
    match = _EMBEDDED.search(_clean(text))
    return _resolve(match[0], pub, "past") if match else None


def _publication(published: str | date | None) -> date | None:
    if published is None or isinstance(published, datetime):
        return published.date() if published is not None else None
    if isinstance(published, date):
        return published
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        found = resolve_date(published, None)  # feeds also write "June 19, 2024"
        return date.fromisoformat(found.start) if found.granularity == "day" else None


def resolve_date(text: str, published: str | date | None) -> DateInfo:
    """Resolve the date expression ``text`` against the publication date ``published``.

    Returns an inclusive interval (ISO dates) with its granularity: day, week, month, quarter,
    half, year, decade, interval or open. Relative expressions without a publication date, vague
    ones and non-dates come back unresolved, with the reason.
    """
    stripped, pub = text.strip(), _publication(published)
    try:
        span = _resolve(stripped, pub, "past") or _embedded(stripped, pub)
    except _NoAnchor:
        return _unresolved(stripped, "relative date with no publication date")
    except _Vague:
        return _unresolved(stripped, "vague")
    except (ValueError, OverflowError):  # "31 February", or a step past year 1 or 9999
        return _unresolved(stripped, "invalid calendar date")
    if span is None:
        return _unresolved(stripped, "not a date expression")
    return DateInfo(start=span.start.isoformat() if span.start else None,
                    end=span.end.isoformat() if span.end else None,
                    granularity=span.granularity, text=stripped, status=span.status)


def _unresolved(text: str, reason: str) -> DateInfo:
    return DateInfo(start=None, end=None, granularity=None, text=text, status="unresolved",
                    reason=reason)


# Two far-apart defaults: a field dateutil fills from the default was not in the text.
_DEFAULTS = (datetime(2001, 1, 1), datetime(2002, 2, 2))
_DATELINE_MAX = 60


def metadata_date(value: object) -> str:
    """The day a document's metadata gives (``"2025-10-02"``, ``"2 Oct 2025"``, RFC 2822
    ``"Thu, 02 Oct 2025 09:00:00 +0000"``, ``"10/22/2025"``) as ``YYYY-MM-DD``, read by
    dateutil. The day is the one written, not moved to another time zone.

    Raises ``ValueError`` with the reason when it is not one day: not a date, no day or year
    ("October 2025"), or numbers that read both day-first and month-first ("10/02/2025")."""
    if isinstance(value, (date, datetime)):
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{value!r} is not a date string")
    text = value.strip()
    try:  # ISO 8601 first: dateutil would read "2025-10-02" day-first as well
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        readings = {dateutil_parser.parse(text, default=d, dayfirst=first).date()
                    for d in _DEFAULTS for first in (False, True)}
    except (ValueError, OverflowError, dateutil_parser.ParserError):
        raise ValueError(f"{text!r} is not a date") from None
    if len(readings) == 1:
        return readings.pop().isoformat()
    by_default = {dateutil_parser.parse(text, default=d).date() for d in _DEFAULTS}
    if len(by_default) > 1:
        raise ValueError(f"{text!r} has no full day (give the day, month and year)")
    raise ValueError(f"{text!r} reads as day-first and month-first (write it as YYYY-MM-DD)")


def dateline_date(line: str) -> str | None:
    """The date of a plain text's first line when that line is a dateline (a date alone,
    perhaps after "Published:" or "Date:"), else None."""
    text = re.sub(r"^(?:published|updated|date)\s*:?\s*", "", line.strip(), flags=re.I)
    if not text or len(text) > _DATELINE_MAX or not re.search(r"\d", text):
        return None
    try:
        return metadata_date(text)
    except ValueError:
        return None
