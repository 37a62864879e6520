"""The words people filter with, made into what the store holds, and why a query found nothing.

One vocabulary serves every command and the HTTP API: an actor or recipient is a code
(``PRK``, ``RUSMIL``) or a name the actor lexicon knows ("North Korea", "Pyongyang", "DPRK");
``what`` is a commodity category (``artillery_ammunition``) or a commodity word ("shells").
An unknown word is a :class:`~sinew.errors.QueryError` that names the closest known ones
(``difflib``), never a silently empty result. When a query matches nothing,
:func:`why_empty` says which filter removed what.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import fields, replace
from functools import lru_cache

from .actors import ActorLexicon, split_code
from .errors import QueryError
from .lexicons import load_lexicon
from .schema import CATEGORIES, Record
from .store import EventFilter, Store

__all__ = ["actor_code", "commodity", "find", "resolve_filter", "why_empty"]

_SUGGESTIONS = 3


@lru_cache(maxsize=1)
def _curated() -> ActorLexicon:
    """States, organisations and leaders only: enough for names people type, and quick."""
    states = load_lexicon("actors/states.yaml").get("actors", {})
    orgs = load_lexicon("actors/organizations.yaml").get("actors", {})
    leaders = load_lexicon("actors/leaders.yaml").get("leaders", [])
    return ActorLexicon({**states, **orgs}, leaders, load_lexicon("sectors.yaml"))


def actor_code(text: str, store: Store | None = None) -> str:
    """The code for an actor as a person writes it: a code, or a name or alias."""
    lexicon, word = _curated(), text.strip()
    # A code the lexicon knows needs no look in the store; one it does not is looked up by
    # itself (listing every party the store names would cost what the store holds).
    if word.upper() in lexicon.names or _compound_code(word, lexicon) or \
            (store is not None and store.names_party(word.upper())):
        return word.upper()
    entry = lexicon.lookup(word) or lexicon.lookup(word.lower())
    if entry is not None and entry.code:
        return entry.code + (entry.sector or "")
    known = set(lexicon.names) | (_parties(store) if store is not None else set())
    names = {*lexicon.aliases, *lexicon.names.values(), *known}
    raise QueryError(f"unknown actor {text!r}{_closest(word, names)}")


def _compound_code(word: str, lexicon: ActorLexicon) -> bool:
    """A country code with sector codes after it, as the coder writes them ("RUSMIL")."""
    return bool(re.fullmatch(r"(?:[A-Z]{3}){2,3}", word)) and \
        split_code(word)[0] in lexicon.names


def _parties(store: Store) -> set[str]:
    return {code for party in store.actors() for code in (party["id"], *party["codes"])}


@lru_cache(maxsize=1)
def _commodity_words() -> dict[str, str]:
    words = load_lexicon("commodities.yaml").get("words", {})
    return {str(k).lower(): v for k, v in words.items()}


def commodity(text: str) -> str:
    """The commodity category for a category name or a commodity word ("shells")."""
    word = text.strip().lower().replace(" ", "_")
    if word in CATEGORIES or word == "unspecified":
        return word
    words = _commodity_words()
    singular = word[:-1] if word.endswith("s") else word
    for candidate in (text.strip().lower(), word, singular):
        if candidate in words:
            return words[candidate]
    raise QueryError(f"unknown commodity {text!r}{_closest(word, [*CATEGORIES, *words])}")


def _closest(word: str, candidates) -> str:
    by_lower = {str(c).lower(): str(c) for c in candidates}
    close = difflib.get_close_matches(word.lower(), by_lower, n=_SUGGESTIONS, cutoff=0.6)
    return f" (did you mean {', '.join(by_lower[c] for c in close)}?)" if close else \
        " (no known name is close; see sinew events for the codes in the store)"


def resolve_filter(flt: EventFilter, store: Store | None = None) -> EventFilter:
    """``flt`` with its actor, recipient and commodity in the store's terms."""
    return replace(flt, actor=flt.actor and actor_code(flt.actor, store),
                   recipient=flt.recipient and actor_code(flt.recipient, store),
                   commodity=flt.commodity and commodity(flt.commodity))


_NAMES = {"actor": "--actor", "recipient": "--recipient", "type": "--type", "kind": "--kind",
          "modality": "--modality", "commodity": "--what", "since": "--since",
          "until": "--until", "doc_id": "doc_id", "place": "--place", "bbox": "--bbox"}


def why_empty(store: Store, flt: EventFilter) -> str:
    """Which filter removed what: the records left after each filter, applied in turn."""
    left = EventFilter()
    steps = [f"{store.count_events(left)} records in the store"]
    for field in fields(EventFilter):
        value = getattr(flt, field.name)
        if field.name not in _NAMES or value in (None, ""):
            continue
        left = replace(left, **{field.name: value},
                       include_undated=flt.include_undated)
        steps.append(f"{_NAMES[field.name]} {value} leaves {store.count_events(left)}")
    return "no matches: " + "; ".join(steps)


def find(store: Store, flt: EventFilter) -> tuple[list[Record], str | None]:
    """The records for ``flt`` (names resolved) and, when there are none, why."""
    resolved = resolve_filter(flt, store)
    records = store.events(resolved)
    return records, None if records or flt.limit == 0 else why_empty(store, resolved)
