"""Periods of time and ranges of numbers, the two shapes every analysis result is built from.

A :class:`Period` is an inclusive span of calendar days written ``2024``, ``2024-03``,
``2024-03-05`` or ``START..END`` (each end in one of those forms). A :class:`Range` is a low,
a central and a high value; adding ranges adds each bound, which assumes every term could
independently sit at its own extreme (the widest honest interval).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from ..errors import QueryError

__all__ = ["Period", "Range", "parse_day", "periods_between"]

#: Calendar length of each rate unit, in the unit the period counts it in.
_RATE_UNITS = ("day", "week", "month", "year")


def parse_day(text: str | None, *, end: bool = False) -> date | None:
    """``2024`` / ``2024-03`` / ``2024-03-05`` (or a longer ISO timestamp) as a day: the first
    day of the year or month, or the last one when ``end``. ``None`` when it is not a date."""
    if not text:
        return None
    parts = text[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
        if len(parts) > 2:
            return date(year, month, int(parts[2]))
        return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
    except (ValueError, IndexError):
        return None


@dataclass(frozen=True)
class Period:
    """An inclusive span of days with the label the user wrote."""

    label: str
    start: date
    end: date

    @classmethod
    def parse(cls, text: str | int | "Period") -> "Period":
        if isinstance(text, Period):
            return text
        label = str(text).strip()
        first, _, last = label.partition("..")
        start, end = parse_day(first), parse_day(last or first, end=True)
        if start is None or end is None or end < start:
            raise QueryError(f"period {label!r} is not a year, month, day or START..END "
                             "(write e.g. 2024, 2024-03 or 2023-08..2024-07)")
        return cls(label, start, end)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def months(self) -> float:
        """Whole calendar months when the period is made of them, else days at 365.25/12."""
        if self.start.day == 1 and (self.end + timedelta(days=1)).day == 1:
            return float((self.end.year - self.start.year) * 12 + self.end.month
                         - self.start.month + 1)
        return self.days * 12 / 365.25

    def per(self, unit: str) -> float:
        """How many ``unit`` (day, week, month, year) the period holds: the factor that turns a
        rate into the period's amount."""
        if unit not in _RATE_UNITS:
            raise QueryError(f"rate unit {unit!r} is not one of {', '.join(_RATE_UNITS)}")
        return {"day": float(self.days), "week": self.days / 7,
                "month": self.months, "year": self.months / 12}[unit]

    def overlaps(self, start: date | None, end: date | None) -> bool:
        start, end = start or end, end or start
        return start is not None and start <= self.end and end >= self.start

    def to_dict(self) -> dict[str, str]:
        return {"label": self.label, "start": self.start.isoformat(),
                "end": self.end.isoformat()}


def periods_between(start: date, end: date, granularity: str = "year") -> list[Period]:
    """The calendar years (or months) that the days ``start``..``end`` touch."""
    if granularity == "year":
        return [Period.parse(str(year)) for year in range(start.year, end.year + 1)]
    if granularity != "month":
        raise QueryError(f"granularity must be year or month, not {granularity!r}")
    first, last = start.year * 12 + start.month - 1, end.year * 12 + end.month - 1
    return [Period.parse(f"{n // 12:04d}-{n % 12 + 1:02d}") for n in range(first, last + 1)]


@dataclass(frozen=True)
class Range:
    """A low, a central and a high value (``low <= central <= high``)."""

    low: float
    central: float
    high: float

    @classmethod
    def point(cls, value: float) -> "Range":
        return cls(value, value, value)

    def __add__(self, other: "Range") -> "Range":
        return Range(self.low + other.low, self.central + other.central, self.high + other.high)

    def minus(self, other: "Range") -> "Range":
        """Interval difference: the low takes the other's high, the high its low."""
        return Range(self.low - other.high, self.central - other.central,
                     self.high - other.low)

    def scale(self, factor: float) -> "Range":
        bounds = sorted((self.low * factor, self.high * factor))
        return Range(bounds[0], self.central * factor, bounds[1])

    def to_dict(self) -> dict[str, float]:
        return {"low": self.low, "central": self.central, "high": self.high}
