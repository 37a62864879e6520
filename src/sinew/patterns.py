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
from typing import Any, Callable, Iterator, Mapping

from pydantic import BaseModel, ConfigDict, Field, field_validator
from spacy.language import Language
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from .errors import ConfigError
from .lexicons import load_lexicon, validate_entries

__all__ = ["SLOTS", "ArgumentPatterns", "Binding", "Bindings", "Pattern", "argument_patterns"]

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


#: Token attributes an anchored node test reads, by their Matcher names.
_ATTRS = {"ORTH": "text", "TEXT": "text", "NORM": "norm_", "LOWER": "lower_",
          "LEMMA": "lemma_", "POS": "pos_", "TAG": "tag_", "DEP": "dep_", "SHAPE": "shape_",
          "ENT_TYPE": "ent_type_"}

#: The relations an anchored match follows: those of the dependency tree, each giving the
#: related tokens in text order. They never leave the trigger's tree, as DependencyMatcher's
#: candidates never do.
_RELATIONS: dict[str, Callable[[Token], list[Token]]] = {
    ">": lambda t: list(t.children),
    "<": lambda t: [] if t.head.i == t.i else [t.head],
    ">>": lambda t: [d for d in t.subtree if d.i != t.i],
    "<<": lambda t: sorted(t.ancestors, key=lambda a: a.i),
}


@dataclass(frozen=True)
class _Node:
    """One node of an anchored pattern: which earlier node it hangs from, how, and the tests
    a token must pass ((attribute, value) equalities, (attribute, set, wanted) memberships)."""

    name: str
    left: int
    relation: str
    equal: tuple[tuple[str, str], ...]
    member: tuple[tuple[str, frozenset[str], bool], ...]

    def accepts(self, token: Token) -> bool:
        for attr, value in self.equal:  # loops, not all(): this runs for every trigger
            if getattr(token, attr) != value:
                return False
        for attr, values, wanted in self.member:
            if (getattr(token, attr) in values) != wanted:
                return False
        return True

    def accepts_values(self, values: dict[str, str]) -> bool:
        """:meth:`accepts` on a token's attributes read once (``values``: attribute ->
        value), for the first node of every pattern tried on one trigger."""
        for attr, value in self.equal:
            if values[attr] != value:
                return False
        for attr, wanted_values, wanted in self.member:
            if (values[attr] in wanted_values) != wanted:
                return False
        return True

    @property
    def attrs(self) -> set[str]:
        return {attr for attr, _ in self.equal} | {attr for attr, _, _ in self.member}


def _node(spec: dict[str, Any], names: list[str]) -> _Node | None:
    """``spec`` (one node of a dependency pattern) as an anchored node, or None when it uses
    something the anchored matcher does not evaluate (then spaCy's matcher does)."""
    relation = spec.get("REL_OP", "")
    if names and (relation not in _RELATIONS or spec.get("LEFT_ID") not in names):
        return None
    equal, member = [], []
    for key, value in spec.get("RIGHT_ATTRS", {}).items():
        attr = _ATTRS.get(key.upper()) if isinstance(key, str) else None
        if attr is None:
            return None
        if isinstance(value, str):
            equal.append((attr, value))
        elif isinstance(value, dict) and value and set(value) <= {"IN", "NOT_IN"} and all(
                isinstance(values, list) and all(isinstance(v, str) for v in values)
                for values in value.values()):
            member += [(attr, frozenset(v), op == "IN") for op, v in value.items()]
        else:
            return None
    left = names.index(spec["LEFT_ID"]) if names else -1
    return _Node(spec["RIGHT_ID"], left, relation, tuple(equal), tuple(member))


class _Anchored:
    """A dependency pattern evaluated from a given trigger token outwards. Its matches are
    DependencyMatcher's for that trigger, in the same order: every assignment of tokens to
    nodes that passes each node's tests and relation, lexicographic by token position in the
    order the nodes are listed."""

    def __init__(self, nodes: list[_Node]):
        self.nodes = nodes

    @classmethod
    def compile(cls, pattern: list[dict[str, Any]]) -> "_Anchored | None":
        nodes: list[_Node] = []
        for spec in pattern:
            node = _node(spec, [n.name for n in nodes])
            if node is None:
                return None
            nodes.append(node)
        return cls(nodes)

    def matches(self, trigger: Token, values: dict[str, str] | None = None
                ) -> list[list[int]]:
        """Token indices for the nodes, of each match around ``trigger`` (``values``: its
        attributes, already read)."""
        first = self.nodes[0]
        accepted = first.accepts(trigger) if values is None else first.accepts_values(values)
        return list(self._extend([trigger])) if accepted else []

    def _extend(self, tokens: list[Token]) -> Iterator[list[int]]:
        if len(tokens) == len(self.nodes):
            yield [t.i for t in tokens]
            return
        node = self.nodes[len(tokens)]
        for candidate in _RELATIONS[node.relation](tokens[node.left]):
            if node.accepts(candidate):
                yield from self._extend([*tokens, candidate])


class ArgumentPatterns:
    """The checked patterns, matched around a trigger when its bindings are asked for.

    A pattern whose nodes use only tree relations (``>``, ``<``, ``>>``, ``<<``) and string
    tests (``{IN: [...]}``, ``{NOT_IN: [...]}`` or a value) on the attributes in ``_ATTRS`` is
    evaluated from the trigger outwards; any other goes through spaCy's DependencyMatcher over
    the whole document, once per document. Both give the same bindings in the same order;
    the anchored way costs nothing on the tokens no trigger asks about."""

    def __init__(self, patterns: dict[str, Pattern], where: str = _FILE):
        self.patterns = patterns
        self.where = where
        self._build(Vocab(), patterns)  # checked now, when the lexicon is loaded, not on a doc
        self._anchored = {name: _Anchored.compile(entry.pattern)
                          for name, entry in patterns.items()}
        self._general = {name: entry for name, entry in patterns.items()
                         if self._anchored[name] is None}
        #: the attributes the first nodes of the anchored patterns test, read once a trigger
        self._first_attrs = tuple(sorted({attr for a in self._anchored.values() if a is not None
                                          for attr in a.nodes[0].attrs}))
        self._nodes = {name: [node["RIGHT_ID"] for node in entry.pattern]
                       for name, entry in patterns.items()}
        self._matchers: dict[int, DependencyMatcher] = {}

    def _build(self, vocab: Vocab, patterns: dict[str, Pattern]) -> DependencyMatcher:
        matcher = DependencyMatcher(vocab, validate=True)
        for name, entry in patterns.items():
            try:
                matcher.add(name, [entry.pattern])
            except (ValueError, KeyError) as exc:
                raise ConfigError(f"lexicon {self.where}: entry {name!r}: not a valid "
                                  f"dependency pattern ({exc})") from exc
        return matcher

    def bind(self, doc: Doc, nlp: Language) -> "Bindings":
        """Trigger token index -> the bindings found for it, in the file's order."""
        return Bindings(self, doc, nlp)

    def _slots(self, name: str, tokens: list[int]) -> Binding:
        entry = self.patterns[name]
        slots = {entry.slots[n]: tokens[i] for i, n in enumerate(self._nodes[name])
                 if n in entry.slots}
        return Binding(name, entry.roles, slots)

    def _general_matches(self, doc: Doc, nlp: Language) -> dict[tuple[str, int], list[list[int]]]:
        """(pattern name, trigger index) -> matches, of the patterns not matched anchored."""
        if not self._general:
            return {}
        key = id(nlp.vocab)
        if key not in self._matchers:
            self._matchers[key] = self._build(nlp.vocab, self._general)
        found: dict[tuple[str, int], list[list[int]]] = {}
        for match_id, tokens in self._matchers[key](doc):
            found.setdefault((nlp.vocab.strings[match_id], tokens[0]), []).append(tokens)
        return found


class Bindings(Mapping[int, list[Binding]]):
    """The bindings of one document, found for a token when first asked for: most tokens
    trigger nothing, and matching every pattern everywhere cost a quarter of extraction."""

    def __init__(self, patterns: ArgumentPatterns, doc: Doc, nlp: Language):
        self._patterns = patterns
        self._doc = doc
        self._nlp = nlp
        self._found: dict[int, list[Binding]] = {}
        self._general: dict[tuple[str, int], list[list[int]]] | None = None

    def get(self, i: int, default=None):
        """The bindings around token ``i``, or ``default`` when no pattern binds there
        (without raising and catching a KeyError for each of those, as Mapping.get would)."""
        return self._of(i) or default

    def __getitem__(self, i: int) -> list[Binding]:
        found = self._of(i)
        if not found:
            raise KeyError(i)
        return found

    def _of(self, i: int) -> list[Binding]:
        found = self._found.get(i)
        if found is None:
            found = self._at(self._doc[i]) if 0 <= i < len(self._doc) else []
            self._found[i] = found
        return found

    def _at(self, trigger: Token) -> list[Binding]:
        found = []
        values = {attr: getattr(trigger, attr) for attr in self._patterns._first_attrs}
        for name, anchored in self._patterns._anchored.items():
            if anchored is None:
                if self._general is None:
                    self._general = self._patterns._general_matches(self._doc, self._nlp)
                matches = self._general.get((name, trigger.i), [])
            else:
                matches = anchored.matches(trigger, values)
            if matches:
                found += [self._patterns._slots(name, tokens) for tokens in matches]
        return found

    def __iter__(self) -> Iterator[int]:
        return (i for i in range(len(self._doc)) if i in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


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
