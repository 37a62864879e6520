"""Actors: the shipped lexicon of states, organisations and office holders, and the resolver
that turns a noun phrase of a parsed sentence into an :class:`~sinew.schema.ActorRef`.

Resolution order for an argument's head token: a lexicon mention covering it; a mention among
its modifiers (possessives, demonym adjectives, compounds: "Pyongyang's leadership", "North
Korean troops", "the Assad government") or its "of"/"from" complement; a named entity the
lexicon does not know (kept with ``code`` null); an anaphor ("the regime", "it") bound to the
most recent resolved subject.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .lexicons import load_lexicon
from .schema import ActorRef

__all__ = ["ActorLexicon", "Entry", "Mentions", "actor_lexicon"]

_ENTITY_LABELS = frozenset({"GPE", "ORG", "NORP", "PERSON", "LOC"})
_PRONOUNS = frozenset({"it", "they", "its", "their"})
_MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod"})


@dataclass(frozen=True)
class Entry:
    """What an alias stands for. ``code`` is None for generic agency names ("Defence Ministry")
    that need a country from the context."""

    code: str | None
    name: str
    sector: str | None
    how: str
    start: str | None = None
    end: str | None = None

    def active_on(self, day: str | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class ActorLexicon:
    """Aliases of every known actor, with a spaCy PhraseMatcher built once per vocabulary."""

    def __init__(self, actors: dict, leaders: list, sectors: dict):
        self.names = {code: spec.get("name", code) for code, spec in actors.items()}
        self.aliases: dict[str, list[Entry]] = {}
        for code, spec in actors.items():
            self._add_actor(code, spec)
        for leader in leaders:
            self._add_leader(leader)
        self.sector_words: dict[str, str] = dict(sectors.get("words", {}))
        self.anaphors = frozenset(sectors.get("anaphors", ()))
        self._matchers: dict[int, PhraseMatcher] = {}

    def _add(self, alias: object, entry: Entry) -> None:
        alias = str(alias).strip()
        if alias.lower().startswith("the "):
            alias = alias[4:]
        if alias:
            self.aliases.setdefault(alias, []).append(entry)

    def _add_actor(self, code: str, spec: dict) -> None:
        name = spec.get("name", code)
        for field, how in (("names", "name"), ("demonyms", "demonym"),
                           ("capitals", "capital"), ("metonyms", "metonym"),
                           ("regions", "region")):
            sector = "GOV" if how == "metonym" else None
            for alias in spec.get(field) or ():
                self._add(alias, Entry(code, name, sector, how))
        for alias, sector in (spec.get("agencies") or {}).items():
            self._add(alias, Entry(code, name, sector, "agency"))

    def _add_leader(self, spec: dict) -> None:
        code = spec["code"]
        entry = Entry(code, self.names.get(code, code), spec.get("sector"), "leader",
                      _iso(spec.get("start")), _iso(spec.get("end")))
        for alias in [spec["name"], *(spec.get("aliases") or ())]:
            self._add(alias, entry)

    def lookup(self, alias: str, day: str | None = None) -> Entry | None:
        """The entry an alias means on ``day``; a generic agency name gives a code-less entry."""
        entries = self.aliases.get(alias)
        if not entries:
            return None
        codes = {e.code for e in entries}
        if len(codes) > 1:
            if all(e.how == "leader" for e in entries):
                return _closest_in_time(entries, day)
            return Entry(None, alias, entries[0].sector, "agency")
        active = [e for e in entries if e.active_on(day)]
        return _closest_in_time(active or entries, day)

    def matcher(self, nlp: Language) -> PhraseMatcher:
        key = id(nlp.vocab)
        if key not in self._matchers:
            matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
            for alias in self.aliases:
                matcher.add(alias, [nlp.make_doc(alias)])
            self._matchers[key] = matcher
        return self._matchers[key]


def _iso(value: object) -> str | None:
    return None if value is None else str(value)[:10]


def _closest_in_time(entries: list[Entry], day: str | None) -> Entry:
    """The entry in office on ``day``, else the latest (newer office holders are likelier)."""
    for entry in entries:
        if entry.active_on(day):
            return entry
    return max(entries, key=lambda e: e.start or "")


@lru_cache(maxsize=4)
def actor_lexicon(user_dir: str | None = None) -> ActorLexicon:
    states = load_lexicon("actors/states.yaml", user_dir).get("actors", {})
    orgs = load_lexicon("actors/organizations.yaml", user_dir).get("actors", {})
    leaders = load_lexicon("actors/leaders.yaml", user_dir).get("leaders", [])
    sectors = load_lexicon("sectors.yaml", user_dir)
    return ActorLexicon({**states, **orgs}, leaders, sectors)


@dataclass(frozen=True)
class Mention:
    span: Span
    entry: Entry


class Mentions:
    """The actor mentions of one parsed document and the resolver over them."""

    def __init__(self, doc: Doc, lexicon: ActorLexicon, nlp: Language, day: str | None):
        self.lexicon = lexicon
        self.by_token: dict[int, Mention] = {}
        self.last: ActorRef | None = None
        spans = [Span(doc, s, e, label=m) for m, s, e in lexicon.matcher(nlp)(doc)]
        for span in filter_spans(spans):
            entry = lexicon.lookup(span.text, day)
            if entry is not None:
                self._add(Mention(span, entry))
        self._short_names(doc)

    def _add(self, mention: Mention) -> None:
        for token in mention.span:
            self.by_token[token.i] = mention

    def _short_names(self, doc: Doc) -> None:
        """"Kim" after "Kim Jong Un": a one-word PERSON that is part of an office holder's
        full name met earlier in the document means that office holder."""
        seen: dict[str, Entry] = {}
        for ent in doc.ents:
            first = self.by_token.get(ent.start)
            if first is not None and first.entry.how == "leader" and len(first.span) > 1:
                for token in first.span:
                    seen.setdefault(token.text, first.entry)
            elif ent.label_ == "PERSON" and len(ent) == 1 and ent.text in seen and first is None:
                self._add(Mention(ent, seen[ent.text]))

    def resolve_all(self, token: Token | None) -> list[ActorRef]:
        """The actor of ``token`` and of each token coordinated with it ("Russia and Iran")."""
        if token is None:
            return []
        found = (self.resolve(t) for t in (token, *token.conjuncts) if not _line_apart(token, t))
        return [ref for ref in found if ref is not None]

    def resolve(self, token: Token) -> ActorRef | None:
        text = _phrase_text(token)
        sector = self.lexicon.sector_words.get(token.lemma_.lower())
        mention = self.by_token.get(token.i) or self._modifier_mention(token)
        if mention is not None:
            return self._ref(mention, text, sector, token)
        if token.ent_type_ in _ENTITY_LABELS and token.pos_ == "PROPN":
            return ActorRef(None, None, text, how="unresolved")
        if token.lower_ in _PRONOUNS or token.lemma_.lower() in self.lexicon.anaphors:
            return self._anaphor(text, sector)
        return None

    def _ref(self, mention: Mention, text: str, sector: str | None, token: Token) -> ActorRef:
        entry = mention.entry
        country = entry.code or self._context_country(mention.span)
        sector = entry.sector or sector
        if country is None:
            return ActorRef(None, None, text, sector=sector, how="unresolved")
        code = country + (sector or "")
        name = self.lexicon.names.get(country, entry.name)
        return ActorRef(code, name, text, country=country, sector=sector, how=entry.how)

    def _modifier_mention(self, token: Token) -> Mention | None:
        """A mention among the modifiers or the of/from complement of ``token``."""
        for child in token.children:
            if child.dep_ in _MODIFIER_DEPS:
                found = self.by_token.get(child.i) or self._modifier_mention(child)
                if found is not None:
                    return found
            if child.dep_ == "prep" and (child.lower_ in ("of", "from") or (
                    child.lower_ == "in" and token.lemma_.lower() in self.lexicon.anaphors)):
                # "the regime in Pyongyang", "the government of Iran"
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.i in self.by_token:
                        return self.by_token[pobj.i]
        return None

    def _context_country(self, span: Span) -> str | None:
        """The country of a generic agency name from a modifier ("Russia's Defence Ministry")."""
        for token in span:
            for child in token.children:
                if child.i < span.start or child.i >= span.end:
                    mention = self.by_token.get(child.i)
                    if mention is not None and mention.entry.code:
                        return mention.entry.code
        return None

    def _anaphor(self, text: str, sector: str | None) -> ActorRef | None:
        if self.last is None or self.last.country is None:
            return None
        sector = sector or self.last.sector
        return ActorRef(self.last.country + (sector or ""), self.last.name, text,
                        country=self.last.country, sector=sector, how="anaphor")

    def note_subject(self, ref: ActorRef | None) -> None:
        """Remember a resolved subject as the antecedent of later anaphors."""
        if ref is not None and ref.country is not None and ref.how != "anaphor":
            self.last = ref

    def mentioned(self, tokens: Iterable[Token]) -> Iterator[Mention]:
        seen: set[int] = set()
        for token in tokens:
            mention = self.by_token.get(token.i)
            if mention is not None and mention.span.start not in seen:
                seen.add(mention.span.start)
                yield mention


def _line_apart(first: Token, other: Token) -> bool:
    """Whether a line break separates two tokens: a headline's last word and the first of the
    next line are not coordinated, whatever the parser says."""
    low, high = sorted((first.i, other.i))
    return "\n" in first.doc[low:high + 1].text


def _phrase_text(token: Token) -> str:
    """The noun phrase headed by ``token`` up to the head (drops trailing clauses)."""
    start = token.left_edge.i
    doc = token.doc
    while start < token.i and doc[start].dep_ in ("det", "punct", "cc"):
        start += 1
    return doc[start: token.i + 1].text
