"""Argument patterns as data: spaCy ``DependencyMatcher`` patterns that say, for a construction,
which token of the parse fills which argument slot of an event trigger.

The patterns live in ``data/patterns.yaml`` (a user file of the same name adds entries or
replaces them by name). Each entry names the trigger node ``trigger`` and binds other nodes to
slots: ``subj`` (the doer), ``obj`` (what is acted on or moved), ``dative`` (who receives) or a
preposition (``to``, ``from``, ``with``, ``against``, ``for``), read by :mod:`sinew.events` as if
the parser had attached them there. Entries are checked when the lexicon is loaded: a malformed
one is a :class:`~sinew.errors.ConfigError` naming the file and the entry, never a failure while
a document is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator
from spacy.language import Language
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from .errors import ConfigError
from .lexicons import load_lexicon, validate_entries

__all__ = ["SLOTS", "ArgumentPatterns", "Pattern", "argument_patterns"]

#: The argument slots a pattern may fill.
SLOTS = frozenset({"subj", "obj", "dative", "to", "from", "with", "against", "for", "by", "in"})
_FILE = "patterns.yaml"


class Pattern(BaseModel):
    """One construction: a dependency pattern and the slots its nodes fill."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str
    #: Trigger kinds this pattern applies to: rule roles (give, take, act ...) or "any".
    roles: tuple[str, ...] = ("any",)
    #: Node name -> slot.
    slots: dict[str, str]
    pattern: list[dict[str, Any]] = Field(min_length=1)
    examples: list[str] = Field(default_factory=list)

    @field_validator("slots")
    @classmethod
    def _known_slots(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = set(value.values()) - SLOTS
        if unknown:
            raise ValueError(f"unknown slot(s) {sorted(unknown)}; known: {sorted(SLOTS)}")
        return value

    @field_validator("pattern")
    @classmethod
    def _trigger_first(cls, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if value[0].get("RIGHT_ID") != "trigger":
            raise ValueError("the first node of a pattern must have RIGHT_ID: trigger")
        return value


@dataclass(frozen=True)
class Binding:
    """What one pattern matched around one trigger: slot -> token index."""

    name: str
    roles: tuple[str, ...]
    slots: dict[str, int]


class ArgumentPatterns:
    """The checked patterns and one DependencyMatcher per vocabulary."""

    def __init__(self, patterns: dict[str, Pattern], where: str = _FILE):
        self.patterns = patterns
        self.where = where
        self._matchers: dict[int, DependencyMatcher] = {}
        self._build(Vocab())  # checked now, when the lexicon is loaded, not on a document

    def _build(self, vocab: Vocab) -> DependencyMatcher:
        matcher = DependencyMatcher(vocab, validate=True)
        for name, entry in self.patterns.items():
            try:
                matcher.add(name, [entry.pattern])
            except (ValueError, KeyError) as exc:
                raise ConfigError(f"lexicon {self.where}: entry {name!r}: not a valid "
                                  f"dependency pattern ({exc})") from exc
        return matcher

    def matcher(self, nlp: Language) -> DependencyMatcher:
        key = id(nlp.vocab)
        if key not in self._matchers:
            self._matchers[key] = self._build(nlp.vocab)
        return self._matchers[key]

    def bind(self, doc: Doc, nlp: Language) -> dict[int, list[Binding]]:
        """Trigger token index -> the bindings found for it, in the file's order."""
        return self.bind_span(doc, nlp)

    def bind_span(self, span: Span | Doc, nlp: Language) -> dict[int, list[Binding]]:
        """The bindings of one sentence (or a whole document), by document token index."""
        found: dict[int, list[Binding]] = {}
        offset = span.start if isinstance(span, Span) else 0
        for match_id, tokens in self.matcher(nlp)(span):
            name = nlp.vocab.strings[match_id]
            entry = self.patterns[name]
            nodes = [node["RIGHT_ID"] for node in entry.pattern]
            slots = {entry.slots[n]: offset + tokens[i] for i, n in enumerate(nodes)
                     if n in entry.slots}
            found.setdefault(offset + tokens[0], []).append(Binding(name, entry.roles, slots))
        order = list(self.patterns)
        for bindings in found.values():
            bindings.sort(key=lambda b: order.index(b.name))
        return found


def slots_for(bindings: list[Binding] | None, role: str, doc: Doc) -> dict[str, Token]:
    """The slots the applicable patterns fill for a trigger of ``role``, each slot from the
    first pattern that fills it (a pattern for the doer does not hide one for the target:
    "Hamas, a group that refuses to recognise Israel's right")."""
    slots: dict[str, Token] = {}
    for binding in bindings or ():
        if "any" in binding.roles or role in binding.roles:
            for slot, i in binding.slots.items():
                slots.setdefault(slot, doc[i])
    return slots


@lru_cache(maxsize=4)
def argument_patterns(user_dir: str | None = None) -> ArgumentPatterns:
    """The shipped argument patterns merged with the user's ``patterns.yaml``."""
    data = load_lexicon(_FILE, user_dir)
    where = f"sinew/data/{_FILE} (with any user {_FILE})"
    return ArgumentPatterns(validate_entries(data.get("patterns"), Pattern, where), where)
