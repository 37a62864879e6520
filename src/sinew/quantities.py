"""Read the figure in a quantifier phrase: "up to 4.8 million", "$1.2bn", "tens of thousands".

A figure keeps how the text states it (``status``, see ``sinew.schema.Quantity``; the marker
words are in ``_MARKERS``):

* ``exact``: "13,000" gives value = low = high.
* ``approximate``: "about", "some", "an estimated", "~", "or so" give the value only. "nearly",
  "almost", "close to", "just under" also say the figure was not reached, so they keep
  high = N beside the value; "just over" keeps low = N.
* ``upper_bound``: "up to", "as many as", "no more than" give high only, never a value:
  "up to 4.8 million" is not 4.8e6. A bound wins over an approximation marker beside it.
* ``lower_bound``: "more than", "over", "at least", "N+", "N-plus" give low only.
* ``range``: "3,000 to 5,000", "between 10,000 and 12,000" give low and high; "10,000 or
  12,000" (an either/or) is read as the range between them. A scale word on the upper end
  carries to a bare lower end ("1-1.5 million") when that keeps low <= high.
* vague counts are ranges flagged approximate: a plural such as "hundreds" spans 2 to 9.99 of
  its unit (200..999), "tens of thousands" 20,000..99,999, "hundreds of thousands"
  200,000..999,999, "millions" 2,000,000..9,999,999, "dozens" 24..99, "several" 3..9, "a few"
  2..9, each times any scale word that follows ("several thousand" is 3,000..9,999).

Units: a currency in the text wins, then a percent sign or a bare fraction ("a quarter" of
something is 25 percent), then the caller's ``unit``, then a noun straight after the figure,
made singular. Figures are never converted between units.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from sinew.schema import Quantity

__all__ = ["is_cumulative", "parse_number", "parse_quantity", "parse_rate", "rate_of"]

_SMALL = {word: float(i) for i, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    " fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {word: 10.0 * i for i, word in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_MULTIPLIERS = {"hundred": 100.0, "dozen": 12.0}
_SCALES = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9,
           "bln": 1e9, "trillion": 1e12, "tn": 1e12}
# Suffixes glued to digits ("4.8m", "3k"); single letters only count when glued, because a
# free-standing "m" is more often metres than millions.
_SUFFIXES = {"": 1.0, "k": 1e3, "m": 1e6, "b": 1e9,
             **{word: v for word, v in _SCALES.items() if len(word) < 4}}
_FRACTIONS = {"half": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4,
              "quarters": 1 / 4, "fifth": 1 / 5, "fifths": 1 / 5, "tenth": 1 / 10}
_NUMERIC = ("digit", "unit", "tens")

# (low, high-exclusive) of a vague count word, before any scale word that follows it.
_VAGUE = {"dozens": (24, 100), "scores": (40, 100), "tens": (20, 100), "hundreds": (200, 1000),
          "thousands": (2e3, 1e4), "millions": (2e6, 1e7), "billions": (2e9, 1e10),
          "several": (3, 10), "few": (2, 10)}
_PLURAL_SCALES = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}

_CURRENCIES = {
    "$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "₽": "RUB", "rub": "RUB", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    "₩": "KRW", "krw": "KRW", "won": "KRW",
    "yuan": "CNY", "cny": "CNY", "rmb": "CNY", "renminbi": "CNY",
}
# "won" is also a verb: it only names a currency right after a figure.
_ADJACENT_CURRENCIES = {"won"}
_PERCENT = {"%", "percent", "pct", "percentage"}
_SIGNS = frozenset(_CURRENCIES) | _PERCENT

_MARKERS = {
    **dict.fromkeys(("up to", "as many as", "as much as", "as high as", "at most", "no more than",
                     "not more than", "fewer than", "less than", "under", "below",
                     "a maximum of", "maximum of", "or less", "or fewer"), "upper"),
    **dict.fromkeys(("more than", "over", "at least", "above", "in excess of", "upwards of",
                     "no fewer than", "no less than", "not less than", "a minimum of",
                     "minimum of", "+", "plus", "or more", "and more", "or above"), "lower"),
    **dict.fromkeys(("nearly", "almost", "close to", "just under", "just below", "not quite",
                     "shy of"), "below"),
    **dict.fromkeys(("just over", "just above", "slightly more than", "slightly over"), "above"),
    **dict.fromkeys(("about", "around", "roughly", "some", "approximately", "approx", "circa",
                     "ca", "an estimated", "estimated", "~", "or so", "odd", "or thereabouts"),
                    "approx"),
}
# Longest first so that "no more than" is not read as "more than".
_MARKER_RE = re.compile(r"(?<!\w)(?:" + "|".join(
    re.escape(m) for m in sorted(_MARKERS, key=len, reverse=True)) + r")(?!\w)")
# Only these may follow a figure as markers: "500 over the past year" is not "over 500".
_SUFFIX_MARKERS = frozenset(("+", "plus", "or more", "and more", "or above", "or less",
                             "or fewer", "at most", "at least", "or so", "odd", "or thereabouts"))
_RANGE_WORDS = {"to", "-", "or", "through"}

# Words after a figure that are not what it counts.
_NOT_UNITS = frozenset(
    "a an the per each every or and to so more less fewer than in on at for from by since over"
    " this last that which who were was are is have has had will would be been its their it"
    " they day days week weeks month months year years daily weekly monthly annually yearly"
    " far total all altogether strong plus odd percent".split())
_MONTH_WORDS = frozenset(
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec".split())
_YEAR_CUES = frozenset(
    "in since by until till during before after early late mid end start year fy".split())

# A word that runs letters into digits is a designation ("S-400", "KN-23", "M777", "2S19"),
# whose digits count nothing; a currency code glued to a figure ("USD5bn") is not one.
_DESIGNATION = re.compile(
    r"(?<![\w-])(?!(?:usd|eur|gbp|rub|cny|krw)\d)(?=[\w-]*[^\W\d_]-?\d)[\w-]+")
# A figure hyphenated to a measure before a noun describes the thing, it does not count it:
# "2,000-pound bombs" are bombs of that weight (never money), "a 10-year deal", "152-mm shells".
_MEASURE_ADJECTIVE = re.compile(
    r"(?<![\w.,])\d+(?:[.,]\d+)*-(?:pound|lb|kilogram|kg|ton|tonne|kiloton|gram|mm|millimet(?:er|re)"
    r"|cm|inch|calibre|caliber|km|kilomet(?:er|re)|mile|met(?:er|re)|foot|year|month|week|day"
    r"|hour)(?![\w-])")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*[^\W\d_]*|\.\d+[^\W\d_]*|[^\W\d_]+|[^\s\w]")
_RATE_RE = re.compile(
    r"(?:\b(?:a|an|per|each|every)\s+|/\s*)(?P<unit>day|week|month|year|yr)\b"
    r"(?!\s+(?:ago|earlier|later|before|after|or)\b)"
    r"|\b(?P<adverb>daily|weekly|monthly|annually|yearly|annual|per annum|bpd)\b")
_ADVERB_PERIODS = {"daily": "day", "bpd": "day", "weekly": "week", "monthly": "month",
                   "annually": "year", "yearly": "year", "annual": "year", "per annum": "year"}
_CUMULATIVE_RE = re.compile(
    r"\b(?:since\s+\w|so far|to date|in total|all told|altogether|cumulative(?:ly)?"
    r"|a total of|running total|in all(?=\s*(?:[,.;:)]|$)))")


class _Figure(NamedTuple):
    """One number read from tokens ``start`` to ``end`` (exclusive)."""

    value: float
    scale: float  # the last scale or multiplier word applied; 1 when there was none
    start: int
    end: int


class _Shape(NamedTuple):
    value: float | None
    low: float | None
    high: float | None
    status: str
    approx: bool
    end: int  # token index after which a unit noun may follow


def _tokens(text: str) -> list[str]:
    text = text.lower().replace("\u00a0", " ")
    text = re.sub("[\u2010-\u2015\u2212]", "-", text)
    text = _MEASURE_ADJECTIVE.sub(" ", text)
    text = _DESIGNATION.sub(" ", text)
    text = re.sub(r"\bper\s+cent\b", "percent", text)
    # "twenty-five" and "500-plus" are one expression each; "3,000-5,000" keeps its dash.
    text = re.sub(r"(?<=\w)-(?=[^\W\d_])", " ", text)
    return _TOKEN.findall(text)


def _digits(token: str) -> tuple[float, float] | None:
    """A digit token's number and glued scale ("1.2bn" -> (1.2, 1e9)); None for "152mm"."""
    match = re.fullmatch(r"(\d+(?:[.,]\d+)*|\.\d+)([^\W\d_]*)", token)
    if match is None or match[2] not in _SUFFIXES:
        return None
    number = match[1]
    if re.fullmatch(r"\d+,\d{1,2}", number):  # a decimal comma, "1,5 million"
        number = number.replace(",", ".")
    elif not re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.?\d+", number):
        return None
    return float(number.replace(",", "")), _SUFFIXES[match[2]]


def _at(tokens: list[str], i: int) -> str:
    return tokens[i] if 0 <= i < len(tokens) else ""


def _fraction(tokens: list[str], i: int, need_scale: bool) -> tuple[float, float, int] | None:
    """"half a million", "a quarter of a million", "two thirds": (value, scale, end)."""
    count, j = 1.0, i
    if tokens[i] in ("a", "an") or tokens[i] in _SMALL:
        count, j = _SMALL.get(tokens[i], 1.0), i + 1
    if _at(tokens, j) not in _FRACTIONS:
        return None
    share, j = count * _FRACTIONS[tokens[j]], j + 1
    k = j + (_at(tokens, j) == "of")
    k += _at(tokens, k) in ("a", "an")
    scale = _SCALES.get(_at(tokens, k)) or _MULTIPLIERS.get(_at(tokens, k))
    if scale:
        return share * scale, scale, k + 1
    return None if need_scale else (share * 100, 1.0, j)


def _lead(tokens: list[str], i: int) -> tuple[float, float, float, str, int] | None:
    """The first element of a figure as (total, current, scale, kind, next index)."""
    token = tokens[i]
    fraction = _fraction(tokens, i, need_scale=True)
    if fraction is not None:
        return fraction[0], 0.0, fraction[1], "scale", fraction[2]
    digits = _digits(token)
    if digits is not None and digits[1] > 1:
        return digits[0] * digits[1], 0.0, digits[1], "scale", i + 1
    if digits is not None:
        return 0.0, digits[0], 1.0, "digit", i + 1
    following = _at(tokens, i + 1)
    if token in ("a", "an") and (following in _MULTIPLIERS or following in _SCALES):
        return 0.0, 1.0, 1.0, "unit", i + 1
    if token in _TENS:
        return 0.0, _TENS[token], 1.0, "tens", i + 1
    if token in _SMALL and following not in _FRACTIONS:  # "two thirds" is a share, not 2
        return 0.0, _SMALL[token], 1.0, "unit", i + 1
    return None


def _step(tokens: list[str], j: int, last: str, allow_and: bool) -> tuple[str, float, int] | None:
    """How the token at ``j`` extends a figure: (kind, amount, next index), or None to stop."""
    token, following = tokens[j], _at(tokens, j + 1)
    if token in _SMALL and _SMALL[token] < 10 and last in ("tens", "mult", "scale", "and"):
        return "unit", _SMALL[token], j + 1
    if (token in _SMALL or token in _TENS) and last in ("mult", "scale", "and"):
        return ("tens" if token in _TENS else "unit"), _SMALL.get(token) or _TENS[token], j + 1
    if token in _MULTIPLIERS and last in _NUMERIC:
        return "mult", _MULTIPLIERS[token], j + 1
    if token in _SCALES and last in (*_NUMERIC, "mult"):
        return "scale", _SCALES[token], j + 1
    if token == "and" and tokens[j + 1:j + 3] == ["a", "half"] and last in _NUMERIC:
        return "unit", 0.5, j + 3
    # "two hundred and fifty", but not the "and" of "between ten and twelve".
    if token == "and" and allow_and and last in ("mult", "scale") and (
            following in _SMALL or following in _TENS):
        return "and", 0.0, j + 1
    return None


def _read(tokens: list[str], i: int, allow_and: bool = True) -> _Figure | None:
    lead = _lead(tokens, i)
    if lead is None:
        return None
    total, current, scale, last, j = lead
    while j < len(tokens):
        step = _step(tokens, j, last, allow_and)
        if step is None:
            break
        last, amount, j = step
        if last in ("unit", "tens"):
            current += amount
        elif last == "mult":
            current, scale = current * amount, amount
        elif last == "scale":
            total, current, scale = total + current * amount, 0.0, amount
    return _Figure(total + current, scale, i, j)


def _is_date_part(tokens: list[str], figure: _Figure) -> bool:
    """A year after "in"/"since" or a day beside a month name: a date, not a quantity."""
    if figure.end - figure.start != 1:
        return False
    token, before = tokens[figure.start], figure.start - 1
    near_month = _at(tokens, before) in _MONTH_WORDS or _at(tokens, figure.end) in _MONTH_WORDS
    if re.fullmatch(r"(?:19|20)\d\d", token):
        return near_month or _at(tokens, before) in _YEAR_CUES
    return bool(re.fullmatch(r"\d{1,2}", token)) and near_month


def _figures(tokens: list[str]) -> list[_Figure]:
    allow_and = "between" not in tokens
    found, i = [], 0
    while i < len(tokens):
        figure = _read(tokens, i, allow_and)
        if figure is None:
            i += 1
            continue
        if not _is_date_part(tokens, figure):
            found.append(figure)
        i = figure.end
    return found


def _markers(text: str) -> set[str]:
    return {_MARKERS[m.group(0)] for m in _MARKER_RE.finditer(text)}


def _single(tokens: list[str], figure: _Figure) -> _Shape:
    after = [t for t in tokens[figure.end:figure.end + 4] if t not in _SIGNS]
    kinds = _markers(" ".join(tokens[:figure.start])) | _suffix_markers(after)
    if tokens[:1] == ["to"]:  # "could hold up to 4.8 million": the parser kept "up" on the verb
        kinds.add("upper")
    n, approx = figure.value, bool(kinds & {"approx", "below", "above"})
    if "upper" in kinds:
        return _Shape(None, None, n, "upper_bound", approx, figure.end)
    if "lower" in kinds:
        return _Shape(None, n, None, "lower_bound", approx, figure.end)
    if kinds & {"approx", "below", "above"}:
        return _Shape(n, n if "above" in kinds else None, n if "below" in kinds else None,
                      "approximate", True, figure.end)
    return _Shape(n, n, n, "exact", False, figure.end)


def _suffix_markers(after: list[str]) -> set[str]:
    """Markers that follow a figure: "500+", "500-plus", "500 or so", "5,000 or more"."""
    match = _MARKER_RE.match(" ".join(after))
    return {_MARKERS[match.group(0)]} if match and match.group(0) in _SUFFIX_MARKERS else set()


def _range(tokens: list[str], low: _Figure, high: _Figure) -> _Shape | None:
    links = [t for t in tokens[low.end:high.start] if t not in _SIGNS]
    joined = links == ["and"] and "between" in tokens[:low.start]
    if not (joined or (len(links) == 1 and links[0] in _RANGE_WORDS)):
        return None
    first = low.value
    if low.scale == 1 and high.scale > 1 and first * high.scale <= high.value:
        first *= high.scale  # "1-1.5 million": the scale word belongs to both ends
    approx = bool(_markers(" ".join(tokens[:low.start])) & {"approx", "below", "above"})
    return _Shape(None, min(first, high.value), max(first, high.value), "range", approx,
                  high.end)


def _vague(tokens: list[str]) -> _Shape | None:
    """"dozens of", "tens of thousands", "several hundred": a wide range, flagged approximate."""
    for i, token in enumerate(tokens):
        if token not in _VAGUE:
            continue
        (low, high), j = _VAGUE[token], i + 1
        if _at(tokens, j) == "of" and _at(tokens, j + 1) in _PLURAL_SCALES:
            scale = _PLURAL_SCALES[tokens[j + 1]]
            low, high, j = low * scale, high * scale, j + 2
        while _at(tokens, j) in _SCALES or _at(tokens, j) == "hundred":
            scale = _SCALES.get(tokens[j], 100.0)
            low, high, j = low * scale, high * scale, j + 1
        return _Shape(None, float(low), float(high - 1), "range", True, j)
    return None


def _shape(tokens: list[str]) -> tuple[_Shape | None, bool]:
    """The figure's shape, and whether it is a bare fraction (then a percentage)."""
    figures = _figures(tokens)
    if len(figures) >= 2:
        ranged = _range(tokens, figures[0], figures[1])
        if ranged is not None:
            return ranged, False
    if figures:
        return _single(tokens, figures[0]), False
    for i in range(len(tokens)):
        fraction = _fraction(tokens, i, need_scale=False)
        if fraction is not None:
            return _single(tokens, _Figure(fraction[0], 1.0, i, fraction[2])), True
    return _vague(tokens), False


def _currency(tokens: list[str]) -> str | None:
    for i, token in enumerate(tokens):
        before = _at(tokens, i - 1)
        if token in _ADJACENT_CURRENCIES and _digits(before) is None and before not in _SCALES:
            continue
        if token in _CURRENCIES:
            return _CURRENCIES[token]
    return None


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _unit_word(tokens: list[str], end: int) -> str | None:
    """The noun right after the figure ("5 million barrels" -> "barrel"), if it is one."""
    rest = [t for t in tokens[end:] if t not in ("of", "+", "plus", "odd", "-")]
    word = rest[0] if rest else ""
    if len(word) < 2 or not word.isalpha() or word in _NOT_UNITS or word in _CURRENCIES:
        return None
    return _singular(word)


def parse_quantity(text: str, *, unit: str | None = None) -> Quantity | None:
    """The figure in ``text`` (the quantifier of a noun phrase), or None when there is none.

    ``unit`` is the head noun the caller found ("shell", "troop"); it is kept as given unless
    the text names a currency or a percentage. Rates ("a day") and running totals ("so far")
    found in ``text`` fill ``per`` and ``cumulative``.
    """
    stripped = text.strip()
    tokens = _tokens(stripped)
    shape, is_fraction = _shape(tokens)
    if shape is None:
        return None
    percent = is_fraction or any(t in _PERCENT for t in tokens)
    found_unit = (_currency(tokens) or ("percent" if percent else None) or unit
                  or _unit_word(tokens, shape.end))
    return Quantity(value=shape.value, low=shape.low, high=shape.high, unit=found_unit,
                    per=parse_rate(stripped), approx=shape.approx, text=stripped,
                    status=shape.status, cumulative=is_cumulative(stripped))


def parse_number(text: str) -> float | None:
    """The number a bare number expression states ("4.8 million", "two", "1,200", "$1.2bn").

    Currency signs are ignored; anything else around the number gives None.
    """
    tokens = [t for t in _tokens(text) if t not in _CURRENCIES]
    if not tokens:
        return None
    figure = _read(tokens, 0)
    return figure.value if figure is not None and figure.end == len(tokens) else None


def parse_rate(text: str) -> str | None:
    """The period of a rate in ``text``: "day", "week", "month", "year", or None.

    "a day", "per month", "each week", "every year", "daily", "annually", "per annum", "bpd";
    "a year ago" is a date, not a rate.
    """
    match = _RATE_RE.search(text.lower())
    if match is None:
        return None
    if match["unit"]:
        return "year" if match["unit"] == "yr" else match["unit"]
    return _ADVERB_PERIODS[match["adverb"]]


def rate_of(quantity: Quantity, context: str) -> str | None:
    """The period of the rate in ``context`` that belongs to ``quantity``'s own figure: one
    written after it and before the next figure, or before it when no figure comes earlier.
    "2,000 drones ..., while Moscow builds 2,700 a month" gives 2,000 no rate. When the figure
    cannot be found in ``context`` (a vague count), any rate in it counts."""
    tokens = _tokens(context)
    figures = _figures(tokens)
    numbers = {quantity.value, quantity.low, quantity.high} - {None}
    mine = next((i for i, f in enumerate(figures) if f.value in numbers), None)
    if mine is None:
        return parse_rate(context)
    stop = figures[mine + 1].start if mine + 1 < len(figures) else len(tokens)
    start = figures[mine].start if mine else 0
    return parse_rate(" ".join(tokens[start:stop]))


def is_cumulative(text: str) -> bool:
    """Whether ``text`` marks a running total: "since August 2023", "so far", "to date",
    "in total", "in all", "altogether", "cumulative", "a total of"."""
    return _CUMULATIVE_RE.search(text.lower()) is not None
