"""Actors: the shipped lexicon of states, organisations and office holders, and the resolver
that turns a noun phrase of a parsed sentence into an :class:`~sinew.schema.ActorRef`.

Resolution order for an argument's head token: a lexicon mention covering it; a mention among
its modifiers (possessives, demonym adjectives, compounds: "Pyongyang's leadership", "North
Korean troops", "the Assad government") or its "of"/"from" complement; a named entity the
lexicon does not know (kept with ``code`` null); an anaphor ("the regime", "it") bound to the
most recent resolved subject.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, field_validator

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .errors import ConfigError
from .lexicons import load_lexicon, validate_entries
from .nlp import entities, sentence_of
from .petrarch import convert_actors, convert_agents, parse_record, read_actors, read_agents
from .schema import ActorRef

__all__ = ["ActorLexicon", "Entry", "Mentions", "actor_lexicon", "split_code"]

_ENTITY_LABELS = frozenset({"GPE", "ORG", "NORP", "PERSON", "LOC"})
_PRONOUNS = frozenset({"it", "they", "its", "their"})
#: Pronouns of a person: the person named as the subject of a clause above them ("Zelensky
#: said he had met Erdogan"), else the last person named as a subject.
_PERSONAL = frozenset({"he", "she", "him", "her"})
#: How a reference to a person was resolved: a dated office holder, an office's title, or a
#: person the lexicon does not know.
_PERSON_HOW = frozenset({"leader", "office", "person"})
#: First-person words: the voice of the document (its publisher), when it is known.
_FIRST_PERSON = frozenset({"we", "us", "our", "ours", "i", "my", "me"})
#: The words by which a text (or a source it quotes) speaks of itself.
FIRST_PERSON = _FIRST_PERSON
_MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod"})
#: modifiers whose agents qualify the head ("Islamist media", "Kenyan President Ruto")
_AGENT_DEPS = frozenset({"compound", "amod", "nmod"})
#: prepositions whose object places an agent ("civilians in Gaza", "soldiers from Gondor")
_PLACE_PREPS = frozenset({"in", "near", "across", "inside", "from"})
#: Nouns that name a state by its relation to the speaker; placed, they are that state:
#: "our partners in Qatar and Egypt", "our allies in Kyiv", "counterparts from Japan".
RELATIONAL = frozenset({"partner", "ally", "friend", "counterpart", "colleague", "neighbour",
                         "neighbor", "proxy", "client", "patron", "backer"})


def _named_relation(token: Token) -> Token | None:
    """The name a relation is given in apposition: "its ally Russia", "Tehran's partner
    Moscow" stand for Russia and Moscow."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in RELATIONAL:
        return None
    return next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)


def _relational(token: Token) -> bool:
    """A relation of the speaker's own ("our partners", "my counterparts"); another's
    ("its partners in Yemen", "the company's partners in China") names no state."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in RELATIONAL and any(
        c.dep_ == "poss" and c.lower_ in ("our", "my") for c in token.children)


@dataclass(frozen=True)
class Entry:
    """What an alias stands for. ``code`` is the country (or organisation, or group's country)
    part of the actor code, ``sector`` the rest ("LBN" + "REB"); ``code`` is None for generic
    agency and agent names ("Defence Ministry", "border police") that need a country from the
    context. ``layer`` 0 is the curated lexicon, 1 the converted dictionaries (curated wins).
    ``also`` holds the other codes of a compound actor."""

    code: str | None
    name: str
    sector: str | None
    how: str
    start: str | None = None
    end: str | None = None
    layer: int = 0
    also: tuple[str, ...] = ()
    #: an agent code written before the country's ("MSF" [NGO~]: "MSF Kenya" is NGOKEN)
    prefix: str | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def active_on(self, day: str | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class _Leader(BaseModel):
    name: str
    code: str
    sector: Optional[str] = None
    aliases: list[str] = []
    start: Optional[str] = None
    end: Optional[str] = None


class _Group(BaseModel):
    name: str
    code: str = Field(pattern=r"^[A-Z]{3}[A-Z]*$")
    names: list[str]
    start: Optional[str] = None
    end: Optional[str] = None


class _Record(BaseModel):
    """One converted dictionary record (phoenix.yaml)."""

    how: str = Field(pattern="^(name|leader)$")
    names: list[str]
    codes: list[str] = Field(min_length=1)

    @field_validator("codes")
    @classmethod
    def _codes(cls, codes: list[str]) -> list[str]:
        for code in codes:
            if not _CODE_TEXT.fullmatch(code):
                raise ValueError(f"{code!r} is not COUNTRY[.SECTOR][+...] [START..END]")
        return codes


_CODE_TEXT = re.compile(r"[A-Z0-9]+(\.[A-Z0-9]+)?(\+[A-Z0-9]+(\.[A-Z0-9]+)?)*"
                        r"( (\d{4}-\d\d-\d\d)?\.\.(\d{4}-\d\d-\d\d)?)?")


def split_code(code: str) -> tuple[str, str | None]:
    """A CAMEO-style code as country and sector: the first three letters and the rest."""
    return code[:3], (code[3:] or None)


class ActorLexicon:
    """Aliases of every known actor, with spaCy PhraseMatchers built once per vocabulary: one
    on the text as written, one on lower case for the aliases that are safe to match in any
    case (see ``actors/case.yaml``)."""

    def __init__(self, actors: dict, leaders: list, sectors: dict, *,
                 case_sensitive: Iterable[str] = ()):
        #: (alias, day) -> what lookup found: documents name the same actors again and again
        self._looked_up: dict[tuple[str, str | None], Entry | None] = {}
        self.names = {code: spec.get("name", code) for code, spec in actors.items()}
        self.case_sensitive = frozenset(w.lower() for w in case_sensitive)
        self.aliases: dict[str, list[Entry]] = {}
        self.folded: dict[str, list[Entry]] = {}
        for code, spec in actors.items():
            self._add_actor(code, spec)
        for leader in leaders:
            self._add_leader(leader)
        self.sector_words: dict[str, str] = dict(sectors.get("words", {}))
        self.agent_words: dict[str, str] = {}
        self.prefix_words: dict[str, str] = {}
        #: modifiers that change what an agent is: a "former" official is an elite (ELI)
        self.status_words: dict[str, str] = dict(sectors.get("status", {}))
        self.anaphors = frozenset(sectors.get("anaphors", ()))
        self._matchers: dict[int, tuple[PhraseMatcher, PhraseMatcher]] = {}

    @classmethod
    def from_petrarch(cls, actor_paths: Iterable[str | Path],
                      agent_paths: Iterable[str | Path] = (), *,
                      case_sensitive: Iterable[str] = ()) -> "ActorLexicon":
        """A lexicon built only from the given PETRARCH dictionaries (nothing shipped is mixed
        in): for coding with a dictionary set of its own, e.g. the PETRARCH validation suite."""
        lexicon = cls({}, [], {"status": _status_words()}, case_sensitive=case_sensitive)
        records = convert_actors([read_actors(p) for p in actor_paths], {})
        lexicon.add_records(records)
        for path in agent_paths:
            lexicon.add_agents(convert_agents(read_agents(path)))
        return lexicon

    def _foldable(self, alias: str, entry: Entry) -> bool:
        """Whether ``alias`` may match in any case: multi-word names and single names that
        are not ordinary words, never a person's single name, a curated all-capital acronym
        or an alias of one or two letters."""
        low = alias.lower()
        if low in self.case_sensitive or len(alias) < 3:
            return False
        if " " in alias:
            return True
        if entry.how == "leader" or "." in alias or any(c.isdigit() for c in alias):
            return False
        return not (entry.layer == 0 and alias.isupper()) and not (
            entry.layer == 0 and any(c.isupper() for c in alias[1:]))

    def _add(self, alias: object, entry: Entry) -> None:
        self._looked_up.clear()
        alias = str(alias).strip()
        if alias.lower().startswith("the "):
            alias = alias[4:]
        if not alias:
            return
        if self._foldable(alias, entry):
            self.folded.setdefault(alias.lower(), []).append(entry)
            return
        self.aliases.setdefault(alias, []).append(entry)
        if entry.layer and alias.upper() != alias:
            # dictionary names come in capitals: "Chad" and "CHAD", never "chad"
            self.aliases.setdefault(alias.upper(), []).append(entry)

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

    def add_groups(self, groups: dict) -> None:
        """Curated armed groups: ``{key: {name, code, names, start?, end?}}``; a group that
        took power is two dated entries (the Taliban: AFGREB, then AFGGOV)."""
        for spec in groups.values():
            country, sector = split_code(spec["code"])
            for alias in spec["names"]:
                self._add(alias, Entry(country, spec["name"], sector, "name",
                                       _iso(spec.get("start")), _iso(spec.get("end"))))

    def add_records(self, records: dict, layer: int = 1) -> None:
        """Converted dictionary records (``phoenix.yaml`` entries)."""
        for record in records.values():
            for code_text in record["codes"]:
                entry = self._record_entry(record, code_text, layer)
                for alias in record["names"]:
                    self._add(alias, entry)

    def _record_entry(self, record: dict, code_text: str, layer: int) -> Entry:
        codes, _, dates = code_text.partition(" ")
        parts = codes.split("+")
        country, _, sector = parts[0].partition(".")
        start, _, end = dates.partition("..")
        name = self.names.get(country) if not sector or record["how"] == "leader" else None
        return Entry(country, name or record["names"][0], sector or None, record["how"],
                     start or None, end or None, layer, tuple(p.replace(".", "") for p in parts[1:]))

    def add_agents(self, agents: dict, where: str = "agents.yaml") -> None:
        """Dictionary agents: single words join the sector words (the curated ones win),
        phrases become code-less mentions that take the country of their context. A code
        written ``NGO~`` goes before the country's code (PETRARCH's prefix agents)."""
        _check_agents(agents, where)
        for word, code in (agents.get("words") or {}).items():
            if code.endswith("~"):
                self.prefix_words.setdefault(word, code[:-1])
                continue
            self.agent_words.setdefault(word, code)
            self.sector_words.setdefault(word, code)
        for phrase, code in (agents.get("phrases") or {}).items():
            prefix = code[:-1] if code.endswith("~") else None
            self._add(phrase, Entry(None, phrase, None if prefix else code, "agent", layer=1,
                                    prefix=prefix))

    def lookup(self, alias: str, day: str | None = None) -> Entry | None:
        """The entry an alias means on ``day``; a generic agency name gives a code-less entry.
        Curated entries win; the dictionaries fill in days before the curated ones begin."""
        key = (alias, day)
        if key not in self._looked_up:
            if len(self._looked_up) >= 100_000:
                self._looked_up.clear()
            self._looked_up[key] = self._lookup(alias, day)
        return self._looked_up[key]

    def _lookup(self, alias: str, day: str | None) -> Entry | None:
        entries = [*self.aliases.get(alias, ()), *self.folded.get(alias.lower(), ())]
        if not entries:
            return None
        curated = [e for e in entries if e.layer == 0]
        converted = [e for e in entries if e.layer != 0]
        if curated and not (converted and _before_all(curated, day)):
            return _choose(curated, alias, day)
        return _choose(converted, alias, day)

    def matcher(self, nlp: Language) -> tuple[PhraseMatcher, PhraseMatcher]:
        """The matcher on the text as written and the one on lower case."""
        key = id(nlp.vocab)
        if key not in self._matchers:
            self._matchers[key] = (_phrase_matcher(nlp, self.aliases, "ORTH"),
                                   _phrase_matcher(nlp, self.folded, "LOWER"))
        return self._matchers[key]


def _phrase_matcher(nlp: Language, aliases: Iterable[str], attr: str) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    names = sorted(aliases)
    matcher.add("ACTOR", list(nlp.tokenizer.pipe(names)))
    return matcher


def _iso(value: object) -> str | None:
    return None if value is None else str(value)[:10]


def _before_all(entries: list[Entry], day: str | None) -> bool:
    """Whether ``day`` falls before every dated entry begins (no undated entry)."""
    if day is None or any(not e.dated for e in entries):
        return False
    return all(e.start is not None and day < e.start for e in entries)


def _choose(entries: list[Entry], alias: str, day: str | None) -> Entry:
    """The entry in force on ``day``: the first dated entry that covers it (dictionaries list
    the overriding restriction first), else the undated one, else the nearest in time."""
    dated = [e for e in entries if e.dated]
    plain = [e for e in entries if not e.dated]
    if day is not None or not plain:
        for entry in dated:
            if entry.active_on(day) and day is not None:
                return entry
    if plain:
        if len({(e.code, e.sector) for e in plain}) > 1:
            return Entry(None, alias, plain[0].sector, "agency")
        return plain[0]
    return _closest_in_time(dated, day)


def _closest_in_time(entries: list[Entry], day: str | None) -> Entry:
    """The entry in office on ``day``, else the latest (newer office holders are likelier)."""
    for entry in entries:
        if day is not None and entry.active_on(day):
            return entry
    return max(entries, key=lambda e: e.start or "")


@lru_cache(maxsize=4)
def actor_lexicon(user_dir: str | None = None) -> ActorLexicon:
    """The shipped lexicon: the curated states, organisations, leaders and armed groups, then
    the converted Phoenix dictionaries and agents (curated entries win where they disagree)."""
    states = load_lexicon("actors/states.yaml", user_dir).get("actors", {})
    orgs = load_lexicon("actors/organizations.yaml", user_dir).get("actors", {})
    leaders = _checked(load_lexicon("actors/leaders.yaml", user_dir).get("leaders", []),
                       _Leader, "actors/leaders.yaml")
    sectors = {**load_lexicon("sectors.yaml", user_dir), "status": _status_words(user_dir)}
    case = load_lexicon("actors/case.yaml", user_dir).get("case_sensitive", [])
    lexicon = ActorLexicon({**states, **orgs}, leaders, sectors, case_sensitive=case)
    groups = load_lexicon("actors/groups.yaml", user_dir).get("groups", {})
    validate_entries(groups, _Group, "actors/groups.yaml")
    lexicon.add_groups(groups)
    phoenix = {key: parse_record(str(text)) for key, text in
               load_lexicon("actors/phoenix.yaml", user_dir).get("actors", {}).items()}
    validate_entries(phoenix, _Record, "actors/phoenix.yaml")
    lexicon.add_records(phoenix)
    lexicon.add_agents(load_lexicon("agents.yaml", user_dir), "sinew/data/agents.yaml (with any "
                       "user agents.yaml)")
    return lexicon


def _status_words(user_dir: str | None = None) -> dict[str, str]:
    """Modifier -> the agent code it makes of its head (``actors/modifiers.yaml``)."""
    data = load_lexicon("actors/modifiers.yaml", user_dir).get("status") or {}
    if not isinstance(data, dict) or not all(isinstance(v, str) and v.isupper()
                                             for v in data.values()):
        raise ConfigError("lexicon sinew/data/actors/modifiers.yaml: 'status' must map a "
                          "modifier word to an agent code in capitals")
    return {str(k).lower(): v for k, v in data.items()}


def _checked(items: list, model: type[BaseModel], where: str) -> list:
    validate_entries({i: item for i, item in enumerate(items)}, model, where)
    return items


def _check_agents(agents: object, where: str) -> None:
    """``words`` and ``phrases`` map an agent to its code ("police": COP, "MSF": NGO~)."""
    if not isinstance(agents, dict):
        raise ConfigError(f"lexicon {where}: expected a mapping with 'words' and 'phrases'")
    for section in ("words", "phrases"):
        entries = agents.get(section) or {}
        if not isinstance(entries, dict):
            raise ConfigError(f"lexicon {where}: '{section}' must map an agent to its code")
        for key, code in entries.items():
            if not isinstance(code, str) or not code.strip("~").isalnum():
                raise ConfigError(f"lexicon {where}: entry {key!r} in '{section}': the code "
                                  f"must be letters such as REB, COP or NGO~ (got {code!r})")


#: A URL inside another one's path: web archives keep "https://web.archive.org/web/2020/https://...",
#: often with the slashes collapsed ("/web/2016/http:/www.state.gov/...").
_EMBEDDED_URL = re.compile(r"(https?:)/+(\S+)")


def publisher_of(url: str | None, lexicon: ActorLexicon,
                 publishers: dict[str, str] | None = None) -> ActorRef | None:
    """The actor a document speaks for, from its URL's host ("www.state.gov" -> USAGOV,
    "www.gov.uk" -> GBRGOV): the longest listed suffix of the host wins."""
    if not url:
        return None
    embedded = _EMBEDDED_URL.search(url, 8)
    if embedded is not None:  # an archived copy speaks for the page it keeps
        url = f"{embedded.group(1)}//{embedded.group(2)}"
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:  # a malformed URL in the metadata names no publisher
        return None
    table = publishers if publishers is not None else publisher_table()
    keys = [k for k in table if host == k.lstrip(".") or host.endswith(k if k.startswith(".")
                                                                        else "." + k)]
    if not keys:
        return None
    return ref_of_code(table[max(keys, key=len)], lexicon, host, "publisher")


def ref_of_code(code: str, lexicon: "ActorLexicon", text: str, how: str) -> ActorRef:
    """The actor an actor code names: an organisation's code whole ("NATO", "EU"), else a
    country and its sector ("GBRGOV" -> GBR, GOV)."""
    country, sector = (code, None) if code in lexicon.names else (code[:3], code[3:] or None)
    return ActorRef(code, lexicon.names.get(country, country), text, country=country,
                    sector=sector, how=how)


#: Nouns that name what a speaker issues: "UK statement", "remarks by Ambassador X".
_UTTERANCES = frozenset({"statement", "remark", "remarks", "readout", "speech", "address",
                         "declaration", "communique", "communiqué", "message"})


def title_speaker(title: Doc, lexicon: ActorLexicon, nlp: Language,
                  day: str | None) -> ActorRef | None:
    """The actor a title names as the author of a statement: a modifier of "statement",
    "remarks" ... ("UK statement", "Foreign Office statement") or its "by" phrase
    ("Statement by Secretary of Defense Lloyd J. Austin III"). Other actors in the title
    ("Russia's wanton destruction ...: UK statement") are what it is about, not who speaks."""
    mentions = Mentions(title, lexicon, nlp, day)
    for token in title:
        if token.lemma_.lower() not in _UTTERANCES and token.lower_ not in _UTTERANCES:
            continue
        by = next((p for c in token.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                   for p in c.children if p.dep_ == "pobj"), None)
        candidates = [by] if by is not None else [
            c for c in token.children if c.dep_ in ("compound", "nmod", "amod", "poss")]
        for candidate in candidates:  # an unknown "by" speaker is unknown: look no further
            ref = mentions.resolve(candidate)
            if ref is not None and ref.country:
                return dataclasses.replace(ref, how="speaker")
        return None
    return None


def title_author(title: Doc, lexicon: ActorLexicon, nlp: Language,
                 day: str | None) -> ActorRef | None:
    """The office holder or government agency a title names as its author, when it names no
    statement's author (:func:`_authoring`): "Foreign Secretary Boris Johnson welcomes ...",
    "... (Press Statement, Secretary Pompeo)". What the title is about is no author ("President
    Ghani's Ceasefire Offer", "announcement by Afghanistan's government"), and an organisation
    of states speaks for no one state."""
    mentions = Mentions(title, lexicon, nlp, day)
    seen: set[int] = set()
    for token in title:
        mention = mentions.by_token.get(token.i)
        if mention is None or id(mention) in seen:
            continue
        seen.add(id(mention))
        root = mention.span.root
        while root.dep_ == "compound" and root.head.pos_ == "PROPN":
            root = root.head  # "Biden Administration Announces"
        if mention.entry.how not in ("leader", "agency") or not _authoring(root):
            continue
        ref = mentions.resolve(root)
        if ref is not None and ref.country and ref.country == ref.code[:3] and \
                ref.country in lexicon.names:
            return dataclasses.replace(ref, how="speaker")
    return None


#: Headline verbs whose subject issues the text below them ("Biden Administration Announces").
_ISSUING = frozenset({"announce", "welcome", "condemn", "issue", "say", "state", "urge", "call",
                      "express", "thank", "deplore", "mark", "designate", "ease", "impose"})


def _authoring(root: Token) -> bool:
    """Whether a title's mention names its author: a title that is the name ("Secretary
    Blinken and Foreign Minister Kuleba at a Joint Press Availability"), an attribution set
    apart ("(Press Statement, Secretary Pompeo)"), or the subject of an issuing headline."""
    if any(c.dep_ == "case" for c in root.children):
        return False  # a possessor, however parsed: "President Ghani's Ceasefire Offer"
    if root.dep_ == "ROOT":
        return root.pos_ == "PROPN"
    if root.dep_ == "appos" or any(t.text == "(" for t in root.doc[:root.i]) and \
            not any(t.text == ")" for t in root.doc[:root.i]):
        return root.dep_ not in ("poss", "pobj")
    return root.dep_ == "nsubj" and root.head.dep_ == "ROOT" and \
        root.head.lemma_.lower() in _ISSUING


@lru_cache(maxsize=4)
def publisher_table(user_dir: str | None = None) -> dict[str, str]:
    """Host suffix -> actor code, from ``publishers.yaml``."""
    data = load_lexicon("publishers.yaml", user_dir).get("publishers") or {}
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ConfigError("lexicon sinew/data/publishers.yaml: 'publishers' must map a host "
                          "suffix to an actor code")
    return {str(k).lower(): v for k, v in data.items()}


def office_table(user_dir: str | None = None) -> dict[str, str]:
    """Office words of a statement's title -> actor code, from ``publishers.yaml``
    ``offices``."""
    data = load_lexicon("publishers.yaml", user_dir).get("offices") or {}
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ConfigError("lexicon sinew/data/publishers.yaml: 'offices' must map the words of "
                          "an office to an actor code")
    return {str(k).lower(): v for k, v in data.items()}


def asker_labels(user_dir: str | None = None) -> frozenset[str]:
    """Transcript labels of a turn that asks rather than speaks for a state ("QUESTION:"),
    from ``publishers.yaml`` ``askers``."""
    data = load_lexicon("publishers.yaml", user_dir).get("askers") or []
    if not isinstance(data, list) or not all(isinstance(v, str) for v in data):
        raise ConfigError("lexicon sinew/data/publishers.yaml: 'askers' must be a list of "
                          "transcript labels (words)")
    return frozenset(v.lower() for v in data)


def title_office(title: str, lexicon: "ActorLexicon", table: dict[str, str]
                 ) -> ActorRef | None:
    """The state whose office a title names ("Foreign Secretary statement on ..."), by the
    longest office of ``table`` found in it as whole words."""
    lowered = title.lower()
    found = [(len(words), code) for words, code in table.items()
             if re.search(r"\b" + re.escape(words) + r"\b", lowered)]
    if not found:
        return None
    return ref_of_code(max(found)[1], lexicon, title, "speaker")


@dataclass(frozen=True)
class Mention:
    span: Span
    entry: Entry


#: Participles that make "X-backed Y" say who stands behind Y, not whose Y is.
_SPONSORING = frozenset({"backed", "supported", "sponsored", "funded", "financed", "armed",
                         "aligned", "allied", "affiliated", "linked", "trained", "inspired",
                         "installed", "sanctioned", "leaning"})


def _sponsor(span: Span) -> bool:
    """"Iranian-backed Houthi attacks", "Russia-backed separatists": the named state is the
    sponsor of what follows, not its owner, so it is no actor mention of that phrase."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "-" and \
        doc[span.end + 1].lower_ in _SPONSORING


#: Sectors of armed groups (CAMEO: rebels, insurgents) and of the fighters one names as its
#: own ("its fighters", "their forces").
_ARMED_GROUPS = frozenset({"REB", "INS"})
_FIGHTERS = frozenset({"UAF", "MIL", "REB", "INS"})


class Mentions:
    """The actor mentions of one parsed document and the resolver over them."""

    def __init__(self, doc: Doc, lexicon: ActorLexicon, nlp: Language, day: str | None,
                 speaker: ActorRef | None = None, offices: dict[str, str] | None = None,
                 place_country: Callable[[str], str | None] | None = None):
        self.lexicon = lexicon
        #: the country a place name no actor entry knows lies in (the gazetteer's
        #: sinew.places.country_of), if places are to stand for their states
        self.place_country = place_country
        #: titles of one state's offices (publishers.yaml ``offices``): "the Foreign Secretary"
        self.offices = offices or {}
        #: every word of the offices' titles: a phrase whose head is none of them names no
        #: office, and its modifiers need not be resolved (a handful of titles)
        self._office_words = frozenset(w for title in self.offices
                                       for w in re.split(r"\W+", title) if w)
        self.by_token: dict[int, Mention] = {}
        self.last: ActorRef | None = None
        #: the last person named as a subject (known or not): whom "he" or "she" stands for
        self.last_person: ActorRef | None = None
        #: resolutions already made that no anaphor entered into (an anaphor's actor changes
        #: as the text goes on): (kind, token, qualifier) -> result
        self._resolved: dict[tuple[str, int, int], Any] = {}
        self._anaphoric = False
        self._home: str | None = None
        #: who "we" and "I" are: the document's publisher (see publisher_of)
        self.speaker = speaker
        exact, folded = lexicon.matcher(nlp)
        spans = [Span(doc, s, e) for _, s, e in [*exact(doc), *folded(doc)]]
        for span in filter_spans(spans):
            entry = lexicon.lookup(span.text, day)
            if entry is not None and not _sponsor(span):
                self._add(Mention(span, entry))
        self._short_names(doc)

    def _add(self, mention: Mention) -> None:
        for token in mention.span:
            self.by_token[token.i] = mention

    def _short_names(self, doc: Doc) -> None:
        """"Kim" after "Kim Jong Un": a one-word PERSON that is part of an office holder's
        full name met earlier in the document means that office holder."""
        seen: dict[str, Entry] = {}
        for ent in entities(doc):
            first = self.by_token.get(ent.start)
            if first is not None and first.entry.how == "leader" and len(first.span) > 1:
                for token in first.span:
                    seen.setdefault(token.text, first.entry)
            elif ent.label_ == "PERSON" and len(ent) == 1 and ent.text in seen and first is None:
                self._add(Mention(ent, seen[ent.text]))

    @property
    def speaker(self) -> ActorRef | None:
        return self._speaker

    @speaker.setter
    def speaker(self, ref: ActorRef | None) -> None:
        self._speaker = ref
        self._resolved.clear()  # "we" resolves to the speaker
        self._home = None  # the country a text is about is counted without its voice

    def _remembered(self, kind: str, token: Token, qual: Token | None, read: Callable[[], Any]):
        """``read()`` once per (kind, token, qualifier): the resolvers read the same phrases
        again for every event of their sentence. A result an anaphor entered into is not
        kept: "it" means the last subject named, which the text moves on."""
        key = (kind, token.i, -1 if qual is None else qual.i)
        if key in self._resolved:
            return self._resolved[key]
        outer, self._anaphoric = self._anaphoric, False
        try:
            result = read()
            if not self._anaphoric:
                self._resolved[key] = result
        finally:
            self._anaphoric = self._anaphoric or outer
        return result

    def resolve_all(self, token: Token | None) -> list[ActorRef]:
        """The actor of ``token`` and of each token coordinated with it ("Russia and Iran"); a
        bare conjunct shares the first one's qualifiers ("Danish media and government"), and
        coordinated countries share the agent they qualify ("ambassadors of France and
        Italy")."""
        if token is None:
            return []
        return list(self._remembered("all", token, None, lambda: self._resolve_all(token)))

    def _resolve_all(self, token: Token) -> tuple[ActorRef, ...]:
        members = [m for m in (token, *token.conjuncts) if not _line_apart(token, m)]
        strays = self._stray_places(token, members)
        refs: list[ActorRef] = []
        for member in members:
            if member in strays:
                continue
            ref = self._member(member, token)
            if ref is not None:
                refs.extend([ref, *self._compound(member, ref), *self._shared_head(member, ref),
                             *self._spread(member, ref, strays), *self._misparsed(member, ref)])
        return tuple(refs)

    def _misparsed(self, token: Token, ref: ActorRef) -> list[ActorRef]:
        """Names the parser hung as modifiers of the last conjunct ("Fornost and the evil
        awful Gondor": Fornost parsed as a modifier of Gondor, with the "and" under it), or as
        an apposition after "and": each is an actor of its own."""
        found: list[ActorRef] = []
        coordinated = any(c.dep_ == "cc" for c in token.children)
        for child in token.children:
            hung = child.dep_ in ("nmod", "compound") and child.i < token.i and \
                any(c.dep_ == "cc" for c in child.subtree)
            if not (hung or (child.dep_ == "appos" and (coordinated or
                                                         _headline_pair(token, child)))):
                continue  # "Arnor and the awful Gondor": Gondor parsed as Arnor's apposition
            for name in (child, *child.conjuncts):
                mention = self.by_token.get(name.i)
                other = self.resolve(name) if mention is not None and \
                    mention is not self.by_token.get(token.i) else None
                if other is not None and other.country and other.country != ref.country:
                    found.append(other)
        return found

    def _member(self, member: Token, first: Token) -> ActorRef | None:
        """A conjunct's actor; one with no modifier or complement of its own and no country
        takes the first conjunct's ("lawmakers and officials in Gondor"), as does a word that
        would otherwise stand for an actor named before ("the Afghan people and government":
        the Afghan government, not the last government the text named)."""
        ref = self.resolve(member)
        anaphor = ref is not None and ref.how == "anaphor"
        if member == first or _qualified(member) or (ref is not None and ref.country and
                                                     not anaphor) or \
                not (self._is_agent(member) or anaphor):
            return ref
        shared = self.resolve(member, qual=first)
        return shared if shared is not None and shared.country else ref

    def _stray_places(self, first: Token, members: list[Token]) -> list[Token]:
        """Names the parser coordinated with an agent that belong to its place: "lawmakers in
        Fornost and Gondor" read as "lawmakers in Fornost" and "Gondor"."""
        pobj = self._place_token(first)
        if pobj is None:
            return []
        return [m for m in members[1:] if m.i > pobj.i and not _qualified(m)
                and (found := self.by_token.get(m.i)) is not None and found.entry.code
                and _is_place(self.resolve(m))]

    def _place_token(self, token: Token) -> Token | None:
        """The object of the place or of/from complement that gives an agent its country."""
        if self.by_token.get(token.i) is not None or not (
                self._is_agent(token) or _relational(token)):
            return None
        for child in token.children:
            if child.dep_ == "prep" and (child.lower_ in _PLACE_PREPS or child.lower_ == "of"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and self._pobj_mention(pobj) is not None:
                        return pobj
        return None

    def _owner_token(self, token: Token, ref: ActorRef) -> Token | None:
        """The of/from object that named the owner of a phrase with no actor of its own
        ("the efforts of Qatar, Egypt and the United States"): its conjuncts own it too."""
        if self.by_token.get(token.i) is not None or ref.country is None:
            return None
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                for pobj in child.children:
                    mention = self.by_token.get(pobj.i)
                    if pobj.dep_ == "pobj" and mention is not None and \
                            mention.entry.code == ref.country:
                        return pobj
        return None

    def _spread(self, member: Token, ref: ActorRef, strays: list[Token]) -> list[ActorRef]:
        """The agent once per coordinated country of its complement ("ambassadors of Arnor,
        Osgiliath and Gondor"; "soldiers from Kenya and Uganda")."""
        pobj = self._place_token(member) or (
            self._place_token(member.head) if member.dep_ == "conj" else None) or \
            self._owner_token(member, ref)
        if pobj is None or ref.country is None:
            return []
        found = []
        for other in [*pobj.conjuncts, *strays]:
            mention = self.by_token.get(other.i)
            if mention is not None and mention.entry.code and mention.entry.code != ref.country:
                found.append(self._with_country(ref, mention.entry.code, mention.entry.how))
        return found

    def _with_country(self, ref: ActorRef, country: str, how: str) -> ActorRef:
        """``ref`` with another country in the same place of its code."""
        code = ref.code or country
        prefix = code[:code.index(ref.country)] if ref.country and ref.country in code else ""
        return ActorRef(prefix + country + (ref.sector or ""), self.lexicon.names.get(
            country, country), ref.text, country=country, sector=ref.sector, how=how)

    def _shared_head(self, token: Token, ref: ActorRef) -> list[ActorRef]:
        """Coordinated modifiers share their head: "U.S. and British forces" are U.S. forces
        and British forces."""
        modifier = next((c for c in token.children if c.dep_ in _MODIFIER_DEPS
                         and self.by_token.get(c.i) is not None and c.conjuncts), None)
        if modifier is None:
            return []
        found = []
        for other in modifier.conjuncts:
            mention = self.by_token.get(other.i)
            if mention is not None and mention.entry.code and mention.entry.code != ref.country:
                found.append(self._with_country(ref, mention.entry.code, mention.entry.how))
        return found

    def _compound(self, token: Token, ref: ActorRef) -> list[ActorRef]:
        """The other actors of a compound dictionary actor ("the Shire" [FRO/BIL/SAM])."""
        mention = self.by_token.get(token.i)
        if mention is None or not mention.entry.also:
            return []
        return [ActorRef(code, code, ref.text, country=code[:3], sector=code[3:] or None,
                         how=ref.how) for code in mention.entry.also]

    def resolve(self, token: Token, qual: Token | None = None) -> ActorRef | None:
        """The actor of the noun phrase headed by ``token``; ``qual`` is the token whose
        modifiers and complements qualify it (``token`` itself unless a conjunct shares them)."""
        return self._remembered("one", token, qual, lambda: self._resolve(token, qual))

    def _resolve(self, token: Token, qual: Token | None) -> ActorRef | None:
        qual = token if qual is None else qual
        text = _phrase_text(token)
        agents = self._agents(token, qual)
        mention = self.by_token.get(token.i)
        if self.offices and (mention is None or mention.entry.code is None):
            office = self._office(token)
            if office is not None:  # "the Foreign Secretary" is the UK's, "the Secretary of
                return ref_of_code(office, self.lexicon, text, "office")  # State" the US's
        if mention is not None:
            owner = self._other_owner(mention, qual)
            if owner is not None:  # "Ukraine's military intelligence": Ukraine's, not Israel's
                return self._coded(str(owner.entry.code), mention.entry.sector or
                                   agents.sector(owner.entry.sector), "", text,
                                   owner.entry.how)
            return self._ref(mention, text, agents, qual)
        mention = self._modifier_mention(qual)
        if mention is not None:  # an agent's owner keeps its code ("leader of a militia")
            return self._ref(mention, text, agents, qual, owner=True)
        if token.ent_type_ in _ENTITY_LABELS and token.pos_ == "PROPN":
            place = self._gazetteer_place(token)
            if place is not None:  # "Russia shelled Mariupol", "civilians in Khan Younis"
                return ref_of_code(place, self.lexicon, text, "place")
            # a person the lexicon does not know is no place either ("Putin and Kim")
            return ActorRef(None, None, text,
                            how="person" if token.ent_type_ == "PERSON" else "unresolved")
        if token.lower_ in _FIRST_PERSON and self.speaker is not None:
            return dataclasses.replace(self.speaker, text=text)
        if token.lower_ in _PRONOUNS or token.lemma_.lower() in self.lexicon.anaphors:
            return self._anaphor(text, agents.sector(None), token)
        if token.lower_ in _PERSONAL and token.pos_ == "PRON":
            return self._person_anaphor(token, text)
        named = _named_relation(token)
        if named is not None:  # "its ally Russia", "Moscow's partner Pyongyang"
            ref = self.resolve(named)
            return dataclasses.replace(ref, text=text) if ref is not None else None
        if _relational(token):
            place = self._place_of(qual)  # "our partners in Qatar": Qatar
            return self._coded(str(place.entry.code), place.entry.sector, "", text, "agent") \
                if place is not None else None
        if token.pos_ == "NOUN" and (token.lemma_.lower() in self.lexicon.sector_words or
                                     self._is_agent(token)):
            owned = self._owned_agent(token, agents, text)
            if owned is not None:  # "Israel said its troops ...", "our forces"
                return owned
        if not self._is_agent(token) or token.pos_ not in ("NOUN", "PROPN"):
            return None
        place = self._place_of(qual)
        if place is not None:  # "civilians in Gaza", "soldiers from Gondor"
            return self._coded(str(place.entry.code), agents.sector(place.entry.sector),
                               agents.prefix, text, "agent")
        sector = agents.sector(None)
        home = self.home()
        if home is not None and not agents.prefix and sector in _LOCAL_SECTORS:
            # "protesters", "security forces" in a text about one country are that country's
            return self._coded(home, sector, "", text, "agent")
        # CAMEO writes an agent of no known country as its bare code: "rebels" -> REB
        code = agents.prefix + (sector or "")
        return ActorRef(code or None, code or None, text, sector=sector or agents.prefix or None,
                        how="agent")

    def _office(self, token: Token) -> str | None:
        """The actor code of an office only one state's government has, when the phrase is
        its bare title ("the Foreign Secretary", "the Secretary of State", "the Minister for
        Europe"), in a text that speaks for that state or for none: in the UK's own texts "the
        Secretary of State" is one of its own. A title that names its country ("the Chinese
        Foreign Minister", "the Foreign Secretary of India") is read by that name, and a longer
        title than the table's ("the Secretary of State for Defence") is another office."""
        if not self.offices or token.is_alpha and token.lower_ not in self._office_words or any(
                c.dep_ in ("amod", "poss", "nmod", "compound") and
                (ref := self.resolve(c)) is not None and ref.country
                for c in token.children):
            return None
        title = _phrase_text(token).lower()
        for prep in (c for c in token.children if c.dep_ == "prep"):
            pobj = next((p for p in prep.children if p.dep_ == "pobj"), None)
            if pobj is None:
                continue
            named = self.by_token.get(pobj.i)
            if named is not None and named is not self.by_token.get(token.i):
                return None  # "the Foreign Secretary of India"
            if prep.lower_ in ("of", "for"):
                words = " ".join(t.lower_ for t in pobj.subtree)
                title = f"{title} {prep.lower_} {words}"
        code = self.offices.get(title)
        if code is None or self.speaker is not None and self.speaker.country not in (
                None, code[:3]):
            return None
        return code

    def home(self) -> str | None:
        """The one country a text is about: named at least twice and more than twice as
        often as any other (the voice of the text aside); ``None`` when no country dominates."""
        if self._home is None:
            counts: dict[str, int] = {}
            for mention in {id(m): m for m in self.by_token.values()}.values():
                code = mention.entry.code
                country = code[:3] if code and code[:3] in self.lexicon.names else None
                if country and not (self.speaker and self.speaker.country == country):
                    counts[country] = counts.get(country, 0) + 1
            ranked = sorted(counts.items(), key=lambda kv: -kv[1])
            top = ranked[0] if ranked else ("", 0)
            second = ranked[1][1] if len(ranked) > 1 else 0
            self._home = top[0] if top[1] >= 2 and top[1] > 2 * second else ""
        return self._home or None

    def _is_agent(self, token: Token) -> bool:
        """Whether ``token`` is a dictionary agent ("rebels", "MSF") or heads an agent phrase."""
        lex = self.lexicon
        words = (token.lemma_.lower(), token.lower_)
        mention = self.by_token.get(token.i)
        return any(w in lex.agent_words or w in lex.prefix_words for w in words) or (
            mention is not None and mention.entry.how == "agent")

    def _agents(self, token: Token, qual: Token) -> "_Agents":
        """The agent codes of the phrase: its head's, then its modifiers' in text order."""
        found: list[tuple[int, str, str]] = []  # (position, kind, code)
        head = self.by_token.get(token.i)
        skip = range(head.span.start, head.span.end) if head else range(token.i, token.i + 1)
        if head is not None and head.entry.how == "agent":
            found.append((token.i, "prefix" if head.entry.prefix else "code",
                          head.entry.prefix or head.entry.sector or ""))
        elif head is None:
            found.extend(self._word_agent(token))
        for child in _agent_modifiers(qual):
            if child.i in skip or (child.i == qual.i):
                continue
            mention = self.by_token.get(child.i)
            if mention is None:
                found.extend(self._word_agent(child))
            elif mention.entry.how == "agent" and child.i == mention.span.end - 1:
                found.append((child.i, "prefix" if mention.entry.prefix else "code",
                              mention.entry.prefix or mention.entry.sector or ""))
        return _Agents.of(sorted(found))

    def _word_agent(self, token: Token) -> list[tuple[int, str, str]]:
        lex = self.lexicon
        for word in (token.lower_, token.lemma_.lower()):
            for kind, table in (("status", lex.status_words), ("prefix", lex.prefix_words),
                                ("code", lex.sector_words)):
                if word in table:
                    return [(token.i, kind, table[word])]
        return []

    def _place_of(self, token: Token) -> Mention | None:
        """The place an agent is said to be in or come from ("in", "near", "from" ...)."""
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in _PLACE_PREPS:
                for pobj in child.children:
                    mention = self._pobj_mention(pobj) if pobj.dep_ == "pobj" else None
                    if mention is not None:
                        return mention
        return None

    def _pobj_mention(self, pobj: Token) -> Mention | None:
        mention = self.by_token.get(pobj.i) or self._modifier_mention(pobj)
        return mention if mention is not None and mention.entry.code else None

    def _other_owner(self, mention: Mention, qual: Token) -> Mention | None:
        """A body's name that one lexicon gives one country ("Military Intelligence" is
        Israel's) owned by another country named with it ("Ukraine's military intelligence",
        "Russian military intelligence"): the named owner wins. Agency names only; a
        country's or a person's name is what it says."""
        if not mention.entry.code or mention.entry.how != "agency":
            return None
        for child in qual.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod") and \
                    not mention.span.start <= child.i < mention.span.end:
                owner = self.by_token.get(child.i)
                if owner is not None and owner.entry.code and \
                        owner.entry.code != mention.entry.code[:3]:
                    return owner
        return None

    def _ref(self, mention: Mention, text: str, agents: "_Agents", qual: Token,
             owner: bool = False) -> ActorRef:
        """The actor of a phrase whose head is ``mention``, or whose ``owner`` it names (a
        modifier or an of/from complement)."""
        entry = mention.entry
        place = None if entry.code else self._place_of(qual)
        country = entry.code or self._context_country(mention.span) or (
            place.entry.code if place else None)
        own = entry.sector if owner or entry.how != "agent" else (
            place.entry.sector if place else None)
        sector = agents.sector(own)
        if country is None and entry.how == "agent" and not agents.prefix and \
                sector in _LOCAL_SECTORS:
            country = self.home()  # "security forces" in a text about one country
        if country is None:
            if entry.how == "agent":
                code = agents.prefix + (sector or "")
                return ActorRef(code or None, code or None, text, sector=sector, how="agent")
            return ActorRef(None, None, text, sector=sector, how="unresolved")
        name = entry.name if entry.code else self.lexicon.names.get(country, entry.name)
        return self._coded(country, sector, agents.prefix, text, entry.how, name)

    def _coded(self, country: str, sector: str | None, prefix: str, text: str, how: str,
               name: str | None = None) -> ActorRef:
        return ActorRef(prefix + country + (sector or ""),
                        name or self.lexicon.names.get(country, country), text,
                        country=country, sector=sector, how=how)

    def _modifier_mention(self, token: Token) -> Mention | None:
        """A mention among the modifiers or the of/from complement of ``token``."""
        for child in token.children:
            if child.dep_ in _MODIFIER_DEPS:
                found = self.by_token.get(child.i) or self._modifier_mention(child)
                if found is not None:
                    return found
            if child.dep_ == "prep" and (child.lower_ in ("of", "from") or (
                    child.lower_ == "in" and token.lemma_.lower() in self.lexicon.anaphors)):
                # "the regime in Pyongyang", "the government of Iran"; an agent's complement
                # may name its country in a modifier ("soldiers from Kenyan units")
                for pobj in child.children:
                    found = self.by_token.get(pobj.i) if pobj.dep_ == "pobj" else None
                    if found is None and pobj.dep_ == "pobj" and self._is_agent(token):
                        found = self._pobj_mention(pobj)
                    if found is not None:
                        return found
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

    def _owned_agent(self, token: Token, agents: "_Agents", text: str) -> ActorRef | None:
        """An agent owned by a possessive pronoun: "its forces", "their navy" are the forces of
        the actor the pronoun stands for; "our troops" those of the voice of the text."""
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is None:
            return None
        if owner.lower_ in ("its", "their"):
            return self._anaphor(text, agents.sector(None), owner)
        if owner.lower_ in ("our", "my") and self.speaker is not None and self.speaker.country:
            return self._coded(self.speaker.country, agents.sector(None), "", text, "agent")
        return None

    def _anaphor(self, text: str, sector: str | None, token: Token | None = None
                 ) -> ActorRef | None:
        self._anaphoric = True
        if token is not None and self._refers_to_a_thing(token):
            return None  # "Britain supported the resolution, while Russia opposed it"
        last = self._antecedent(token) if token is not None else None
        last = last or self.last
        nominal = token is not None and token.lower_ not in _PRONOUNS
        if nominal and (last is None or token.lemma_.lower() in _FOREIGN_ANAPHORS and
                        self.speaker is not None and last.country == self.speaker.country):
            # "the government" with no antecedent, or "the regime" after the voice's own
            # state (which calls itself "we", never "the regime"): the one country the text
            # is about, if it has one
            home = self.home()
            last = ActorRef(home, self.lexicon.names.get(home, home), text, country=home,
                            how="anaphor") if home else None
        if last is None or last.country is None:
            return None
        if (last.sector or "")[:3] in _ARMED_GROUPS and sector in _FIGHTERS:
            # "Hezbollah said its fighters fired rockets": an armed group's fighters are it
            return dataclasses.replace(last, text=text, how="anaphor")
        sector = sector or last.sector
        return ActorRef(last.country + (sector or ""), last.name, text,
                        country=last.country, sector=sector, how="anaphor")

    def _gazetteer_place(self, token: Token) -> str | None:
        """The country of a town or region the actor entries do not know, by the gazetteer
        (the tagger often takes Ukrainian and Sudanese towns for organisations). A name tagged
        as a person is a place only after a preposition of place ("fighting in Bakhmut")."""
        if self.place_country is None or token.dep_ == "compound":
            return None
        if token.ent_type_ == "PERSON" and not (
                token.dep_ == "pobj" and token.head.lower_ in _PLACE_PREPS):
            return None
        if token.ent_type_ == "ORG" and token.dep_ in ("nsubj", "nsubjpass", "poss"):
            return None  # "Toyota halted exports": a company named after a town acts
        start = token.i
        while start > 0 and token.doc[start - 1].dep_ == "compound" and \
                token.doc[start - 1].head.i == token.i and token.doc[start - 1].pos_ == "PROPN":
            start -= 1
        return self.place_country(token.doc[start:token.i + 1].text)

    def _person_anaphor(self, pronoun: Token, text: str) -> ActorRef | None:
        """"He" or "she": the person who is the subject of a clause above the pronoun
        ("Zelensky said he had met Erdogan", "Modi said on Monday that he would visit
        Moscow"), else the last person named as a subject ("Lavrov arrived in Ankara. He met
        Erdogan"). A person the lexicon does not know stands for no actor ("The spokesman said
        he ...")."""
        self._anaphoric = True
        person = None
        for node in pronoun.ancestors:
            subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and
                            c.i < pronoun.i and c.pos_ != "PRON"), None)
            if subject is None:
                continue
            ref = self.resolve(subject)
            if subject.pos_ == "NOUN":  # "the Russian defence minister said he", "a spokesman"
                person = ref if ref is not None and ref.country else None
                break
            if ref is None or ref.how in _PERSON_HOW:
                person = ref
                break
        else:
            person = self.last_person
        if person is None or person.code is None:
            return None
        return dataclasses.replace(person, text=text, how="anaphor")

    def _refers_to_a_thing(self, pronoun: Token) -> bool:
        """An object "it" whose nearest noun phrase before it in its sentence (its own clause's
        subject aside) names no actor stands for that thing: "Britain supported the
        resolution, while Russia opposed it"."""
        if pronoun.lower_ != "it" or pronoun.dep_ not in ("dobj", "pobj"):
            return False
        start = sentence_of(pronoun).start
        clause = pronoun.head if pronoun.dep_ == "dobj" else pronoun.head.head
        for i in range(pronoun.i - 1, start - 1, -1):
            before = pronoun.doc[i]
            if before.head == clause and before.dep_ in ("nsubj", "nsubjpass"):
                continue  # its own clause's subject: "Russia opposed it" is not Russia
            if before.pos_ in ("NOUN", "PROPN") and before.dep_ in (
                    "dobj", "pobj", "nsubj", "nsubjpass", "attr"):
                ref = self.resolve(before)  # "the regime" or "the rebels" are actors
                return before.pos_ == "NOUN" and (ref is None or not ref.code)
        return False

    def _antecedent(self, pronoun: Token) -> ActorRef | None:
        """The actor a possessive "its" or "their" stands for within its sentence: the nearest
        subject or possessor before it in a clause or phrase that contains it ("Russia's use of
        drones in its war": Russia; "Russia is using weapons to pursue its war": Russia), else
        the subject of a clause that a phrase holding it opens ("In its attacks this weekend,
        Russia fired ..."); ``None`` leaves it to the last subject of the text."""
        if pronoun.dep_ != "poss" or pronoun.lower_ not in ("its", "their"):
            return None
        branch, exchange = pronoun, False
        for node in pronoun.ancestors:
            # "what Russia provides to the DPRK in return for its arms": the other party's
            exchange = exchange or (node.lower_ == "for" and node.head.lower_ in _EXCHANGE)
            if branch.dep_ == "prep" and branch.lower_ in _REASONS and node.pos_ == "VERB" \
                    and node.lemma_.lower() in _JUDGING:
                # "called out Russia for its attacks", "sanctioned Iran over its support":
                # the reason is the object's
                judged = next((c for c in node.children if c.dep_ == "dobj" and
                               c.i < branch.i and c.lower_ not in _PRONOUNS), None)
                ref = self.resolve(_party(judged)) if judged is not None else None
                if ref is not None and ref.code and ref.country:
                    return ref
            for child in node.children:
                if child.i < pronoun.i and child.lower_ not in _PRONOUNS and \
                        child.lower_ not in _FIRST_PERSON and (child.dep_ in _OTHER_PARTY
                                                               if exchange else
                                                               child.dep_ in _OWNERS):
                    ref = self.resolve(_party(child))
                    if ref is not None and ref.code and ref.country:
                        return ref
            if node.dep_ == "ROOT":
                subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")
                                and c.i > branch.i), None)
                if subject is not None and branch.dep_ in ("prep", "advcl", "npadvmod"):
                    ref = self.resolve(subject)
                    return ref if ref is not None and ref.code and ref.country else None
            branch = node
        return None

    def note_subject(self, ref: ActorRef | None) -> None:
        """Remember a resolved subject as the antecedent of later anaphors ("it", "the
        regime"); the voice of the text ("we") is never what "it" refers to."""
        if ref is not None and ref.how in _PERSON_HOW:
            self.last_person = ref
        if ref is not None and ref.country is not None and \
                ref.how not in ("anaphor", "speaker", "publisher"):
            self.last = ref

    def mentioned(self, tokens: Iterable[Token]) -> Iterator[Mention]:
        seen: set[int] = set()
        for token in tokens:
            mention = self.by_token.get(token.i)
            if mention is not None and mention.entry.how != "agent" and \
                    mention.span.start not in seen:
                seen.add(mention.span.start)
                yield mention


def _headline_pair(first: Token, other: Token) -> bool:
    """Two names that open a headline joined by a comma ("China, Russia to hold joint drills",
    "Armenia, Azerbaijan to sign peace deal"): the parser takes the second for an apposition
    of the first; a name in apposition to a noun ("Russia, Ukraine's neighbour") is none."""
    return first.pos_ == "PROPN" and other.pos_ == "PROPN" and other.i > first.i and \
        other.doc[other.i - 1].text == "," and \
        first.left_edge.i == sentence_of(first).start


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


#: Agents that belong to the country where they act when the text names no other: a state's
#: own forces, police, officials, protesters, opposition and people.
#: Anaphors a text never uses of its own state: "We condemn the regime's actions".
_FOREIGN_ANAPHORS = frozenset({"regime", "junta"})
_LOCAL_SECTORS = frozenset({"MIL", "COP", "SPY", "GOV", "OPP", "CVL", "JUD", "LEG", "REB"})
#: Where an antecedent of "its" stands: a subject or a possessor; in an exchange ("in return
#: for its arms"), the other party: the one given to.
_OWNERS = frozenset({"nsubj", "nsubjpass", "poss"})
_OTHER_PARTY = frozenset({"dative", "prep"})
_EXCHANGE = frozenset({"return", "exchange"})
#: Prepositions that give the reason an object is judged ("condemned the DPRK for its launch").
_REASONS = frozenset({"for", "over", "of"})
#: Verbs that judge their object for a reason: "used Iranian drones for its attacks" is no
#: judgement, and "its" stays the subject's.
_JUDGING = frozenset({"condemn", "sanction", "blame", "criticise", "criticize", "thank",
                      "praise", "commend", "punish", "call", "accuse", "denounce", "fault",
                      "reward", "penalise", "penalize", "applaud", "congratulate", "censure",
                      "rebuke", "reprimand", "slam", "chastise", "designate", "target"})


def _party(child: Token) -> Token:
    """A candidate antecedent: the token itself, or the object of a "to" phrase."""
    if child.dep_ == "prep":
        return next((c for c in child.children if c.dep_ == "pobj"), child) \
            if child.lower_ == "to" else child
    return child


def _is_place(ref: ActorRef | None) -> bool:
    """Whether ``ref`` names a state or a place in one (what a place phrase can hold), not a
    group, organisation or sector ("the Government of Afghanistan and the Taliban")."""
    return ref is not None and ref.sector is None and ref.country is not None and \
        ref.code == ref.country


def _qualified(token: Token) -> bool:
    """Whether a noun has modifiers or complements of its own (then it shares none)."""
    return any(c.dep_ in _MODIFIER_DEPS or c.dep_ == "prep" for c in token.children)


def _agent_modifiers(token: Token) -> Iterator[Token]:
    """The modifiers before ``token`` that may be agents, and theirs ("an MSF Kenya team")."""
    for child in token.lefts:
        if child.dep_ in _AGENT_DEPS:
            yield child
            yield from _agent_modifiers(child)


@dataclass(frozen=True)
class _Agents:
    """The agent codes of a noun phrase: ``prefix`` goes before the country ("NGO"),
    ``codes`` after it in text order ("Islamist media": MUS, MED), and ``status`` replaces
    them ("former officials": ELI)."""

    prefix: str = ""
    codes: tuple[str, ...] = ()
    status: str | None = None

    @classmethod
    def of(cls, found: list[tuple[int, str, str]]) -> "_Agents":
        if not found:
            return _NO_AGENTS  # most phrases: no agent word
        prefix = "".join(code for _, kind, code in found if kind == "prefix")
        status = next((code for _, kind, code in found if kind == "status"), None)
        return cls(prefix, tuple(code for _, kind, code in found if kind == "code" and code),
                   status)

    def sector(self, own: str | None) -> str | None:
        """The sector after the country: an actor's own sector wins over agent words (a
        leader's or agency's code is the precise one); a status is added to it."""
        if self.status:
            return (own or "") + self.status
        if own:
            return own
        joined = ""
        for code in self.codes:
            if code not in joined:
                joined = code if joined in code else joined + code
        return joined or None


_NO_AGENTS = _Agents()
