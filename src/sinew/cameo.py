"""CAMEO verb dictionaries, coded as PLOVER.

Two pieces of data from public sources drive this module:

* the CAMEO to PLOVER table (``data/cameo2plover.yaml``, converted from the PLOVER project's
  ``CAMEO2PLOVER-2021.txt``): :func:`to_plover` maps any CAMEO code, falling back to its longest
  known prefix ("1717" -> "171");
* a PETRARCH verb dictionary: the shipped one (``data/verbs.yaml``, converted from PETRARCH2's
  ``CAMEO.2.0.txt`` by ``scripts/convert_cameo_verbs.py``) or any file in PETRARCH's format
  (:meth:`VerbDictionary.from_petrarch`).

The PETRARCH format (``dictionaries.rst`` in PETRARCH2, TABARI manual for the markers):

* ``&NAME`` starts a synonym set whose ``+member`` lines follow (``_`` joins consecutive words);
  ``&NAME`` in a pattern stands for any member; a synset must be defined before it is used, a
  pattern that uses one that is not is ignored.
* ``--- NAME [code] ---`` starts a verb family; the lines after it are its verbs
  (``SEND {SENDS SENDING SENT}`` with irregular forms, ``WANT [030]`` with its own code,
  ``+PULL_OUT`` / ``WIRE_+TAP`` multi-word verbs whose ``+`` word is the verb) and its patterns.
* ``- pre words * post words [code]`` is a pattern: the words before ``*`` stand before the verb
  (subject, auxiliaries, adverbs), those after it after (objects, particles, prepositional
  phrases ``(TO X)``); ``{A B}`` is a noun phrase whose last word is the head; ``$`` marks where
  the source actor is, ``+`` the target, ``%`` a compound actor (both), ``^`` skips a phrase.
* A code ``[042:043]`` is a pair (TABARI): the first is the event from source to target, the
  second the event the target does in return (VISIT [042:043]: A visits B, B hosts A);
  ``[:110]`` codes only the return event; ``---`` is the null code (no event).
* ``#`` (and, as in TABARI, ``;``) starts a comment; ``<!-- ... -->`` lines (PETRARCH's
  validation files) are comments; ``~`` transformation lines (verb-verb rewrites) are not used
  here and are skipped. A pattern's comment that names verbs of its family ("# CONDEMN") is
  kept (``"* KILLING [111] # condemn"`` in ``verbs.yaml``): a pattern written only for verbs
  with codes of their own applies to those verbs alone (see :func:`_restrict`).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Union

from pydantic import BaseModel, ConfigDict, RootModel, field_validator
from spacy.attrs import LEMMA, LOWER, NORM
from spacy.tokens import Token

from .errors import ConfigError
from .lexicons import load_lexicon, validate_entries
from .nlp import says_when, sentence_of
from .schema import EVENT_TYPES

__all__ = [
    "PloverCode",
    "VerbDictionary",
    "VerbMatch",
    "plover_table",
    "read_cameo2plover",
    "read_petrarch_verbs",
    "to_plover",
]

NULL_CODE = "---"


# --------------------------------------------------------------------------- CAMEO -> PLOVER

@dataclass(frozen=True)
class PloverCode:
    """A PLOVER event type with its mode and context (either may be absent)."""

    type: str
    mode: str | None = None
    context: str | None = None


class _PloverEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    type: str
    mode: str | None = None
    context: str | None = None

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in EVENT_TYPES:
            raise ValueError(f"{value!r} is not a PLOVER event type ({', '.join(EVENT_TYPES)})")
        return value


_C2P_LINE = re.compile(r"^(\d{2,4})\s*:\s*([^#]*?)\s*(?:#.*)?$")


def read_cameo2plover(path: str | Path) -> dict[str, PloverCode]:
    """The CAMEO -> PLOVER table of a ``CAMEO2PLOVER`` text file (``code: TYPE, mode, context``).
    A code listed twice keeps its first line ("08" heads both CONCEDE and RETREAT codes: 080,
    "Yield", is CONCEDE)."""
    table: dict[str, PloverCode] = {}
    path = Path(path)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith(("#", "~")):
            continue
        found = _C2P_LINE.match(line.strip())
        if found is None:
            raise ConfigError(f"cannot read {path} line {number}: expected 'code: TYPE, mode, "
                              f"context', got {line.strip()!r}")
        parts = [" ".join(p.split()) or None for p in found.group(2).split(",")]
        if not parts[0] or parts[0] not in EVENT_TYPES or len(parts) > 3:
            raise ConfigError(f"cannot read {path} line {number}: {parts[0]!r} is not a "
                              f"PLOVER event type")
        parts += [None] * (3 - len(parts))
        table.setdefault(found.group(1), PloverCode(*parts))
    return table


@lru_cache(maxsize=4)
def plover_table(user_dir: str | None = None) -> dict[str, PloverCode]:
    """The shipped CAMEO -> PLOVER table, merged with a user ``cameo2plover.yaml``."""
    entries = validate_entries(load_lexicon("cameo2plover.yaml", user_dir).get("codes"),
                               _PloverEntry, "sinew/data/cameo2plover.yaml (with any user file)")
    return {code: PloverCode(e.type, e.mode, e.context) for code, e in entries.items()}


def to_plover(code: str | None, table: dict[str, PloverCode] | None = None) -> PloverCode | None:
    """The PLOVER coding of a CAMEO ``code``: its own entry or that of its longest listed
    prefix of two or more digits ("1717" -> "171" -> "17"); ``None`` for the null code, for
    codes the table does not cover (CAMEO 01 and 02 statements) and for non-CAMEO codes."""
    if not code:
        return None
    table = plover_table() if table is None else table
    code = code.strip()
    for end in range(len(code), 1, -1):
        if not code[:end].isdigit():
            continue
        if code[:end] in table:
            return table[code[:end]]
    return None


# --------------------------------------------------------------------------- pattern elements

@dataclass(frozen=True)
class _Words:
    """Consecutive words; several options when a synset stands in the phrase."""

    options: tuple[tuple[str, ...], ...]
    size: int


@dataclass(frozen=True)
class _NounPhrase:
    """``{A B HEAD}``: the head, and before it, in order, words that modify it."""

    parts: tuple[_Words, ...]


@dataclass(frozen=True)
class _Prep:
    """``(TO X)``: a preposition and what must be found in its phrase."""

    word: str
    inner: tuple["_Element", ...]


@dataclass(frozen=True)
class _Marker:
    kind: str  # "$" source, "+" target, "%" both, "^" skip


_Element = Union[_Words, _NounPhrase, _Prep, _Marker]
_MARKERS = frozenset("$+%^")
_PATTERN_TOKEN = re.compile(r"\{[^{}()]*\}|\([^()]*\)|[^\s{}()]+")
_MAX_OPTIONS = 2000


@dataclass(frozen=True)
class _Pattern:
    text: str
    code: str | None
    reverse: str | None
    pre: tuple[_Element, ...]
    post: tuple[_Element, ...]
    rank: tuple[int, int]
    order: int
    only: frozenset[str] = frozenset()
    #: for each word element, the words one of which must be in the parse: a pattern whose
    #: words are not all there cannot match, and is skipped without trying
    required: tuple[frozenset[str], ...] = ()

    def possible(self, keys: frozenset[str]) -> bool:
        return all(not need.isdisjoint(keys) for need in self.required)


def _split_code(code: str) -> tuple[str | None, str | None]:
    first, _, second = code.partition(":")
    first, second = first.strip() or None, second.strip() or None
    return (None if first == NULL_CODE else first), (None if second == NULL_CODE else second)


class _Synsets:
    """Synset members as word tuples, resolved (nested sets included) when defined."""

    def __init__(self) -> None:
        self.members: dict[str, tuple[tuple[str, ...], ...]] = {}

    def define(self, name: str, members: Iterable[str]) -> None:
        found: list[tuple[str, ...]] = []
        for member in members:
            found.extend(_phrase_options(member, self))
        self.members[name.upper().lstrip("&").rstrip("_")] = tuple(dict.fromkeys(found))

    def get(self, name: str) -> tuple[tuple[str, ...], ...]:
        key = name.upper().lstrip("&").rstrip("_")
        if key not in self.members:
            raise _UndefinedSynset(name)
        return self.members[key]


class _UndefinedSynset(ValueError):
    """A synset used before it is defined (a ValueError: a malformed line)."""


def _phrase_options(text: str, synsets: _Synsets) -> list[tuple[str, ...]]:
    """Every word sequence a phrase (``A_&SET_B``, ``DID N'T``) stands for."""
    parts = [p for p in re.split(r"[_\s]+", text.strip()) if p]
    choices = [synsets.get(p) if p.startswith("&") else ((p.lower(),),) for p in parts]
    options = []
    for combo in itertools.islice(itertools.product(*choices), _MAX_OPTIONS):
        options.append(tuple(word for piece in combo for word in piece))
    return options


def _words(parts: list[str], synsets: _Synsets) -> _Words:
    return _Words(tuple(dict.fromkeys(_phrase_options("_".join(parts), synsets))), len(parts))


def _elements(text: str, synsets: _Synsets) -> list[_Element | str]:
    """The elements of (part of) a pattern; ``"*"`` stays as a string where the verb is."""
    if _PATTERN_TOKEN.sub("", text).strip():
        raise ValueError(f"unbalanced brackets in {text.strip()!r}")
    out: list[_Element | str] = []
    for token in _PATTERN_TOKEN.findall(text):
        if token.startswith("{"):
            out.append(_NounPhrase(tuple(_words([w], synsets) for w in token[1:-1].split())))
        elif token.startswith("("):
            out.append(_prep(token[1:-1], synsets))
        else:
            out.extend(_plain(token, synsets))
    return out


def _prep(inner: str, synsets: _Synsets) -> _Prep:
    word, _, rest = inner.strip().partition(" ")
    if not word or word.startswith(("&", "{")) or word in _MARKERS:
        raise ValueError(f"a phrase in parentheses starts with its preposition: ({inner})")
    elements = _elements(rest, synsets)
    if "*" in elements:
        raise ValueError(f"'*' inside parentheses: ({inner})")
    return _Prep(word.lower(), tuple(e for e in elements if not isinstance(e, str)))


def _plain(token: str, synsets: _Synsets) -> Iterator[_Element | str]:
    """A blank-delimited token: words joined by ``_`` are consecutive; ``*`` and the markers
    may be glued to them (``IN_*``, ``SUGGESTED_+``, ``*_OUT``)."""
    run: list[str] = []
    for part in (p for p in token.split("_") if p):
        if part == "*" or part in _MARKERS:
            if run:
                yield _words(run, synsets)
                run = []
            yield part if part == "*" else _Marker(part)
        else:
            run.append(part)
    if run:
        yield _words(run, synsets)


def _rank(elements: Iterable[_Element]) -> tuple[int, int]:
    """How specific elements are: (words required, actor markers)."""
    words = markers = 0
    for element in elements:
        if isinstance(element, _Words):
            words += element.size
        elif isinstance(element, _NounPhrase):
            words += sum(p.size for p in element.parts)
        elif isinstance(element, _Prep):
            inner = _rank(element.inner)
            words, markers = words + 1 + inner[0], markers + inner[1]
        elif element.kind != "^":
            markers += 1
    return words, markers


def _compile(text: str, code: str, order: int, synsets: _Synsets) -> _Pattern:
    elements = _elements(text, synsets)
    stars = elements.count("*")
    if stars > 1:
        raise ValueError(f"more than one '*' in {text.strip()!r}")
    split = elements.index("*") if stars else 0
    pre = tuple(e for e in elements[:split] if not isinstance(e, str))
    post = tuple(e for e in elements[split:] if not isinstance(e, str))
    first, second = _split_code(code)
    rank = _rank(pre + post)
    return _Pattern(" ".join(text.split()), first, second, pre, post, rank, order,
                    required=tuple(_required(pre + post)))


def _required(elements: Iterable[_Element]) -> Iterator[frozenset[str]]:
    """The first words of each word element (and of those inside phrases)."""
    for element in elements:
        if isinstance(element, _Words):
            yield frozenset(option[0] for option in element.options if option)
        elif isinstance(element, _NounPhrase):
            yield from _required(element.parts)
        elif isinstance(element, _Prep):
            yield frozenset({element.word})
            yield from _required(element.inner)


def _keys(tokens: Iterable[Token]) -> frozenset[str]:
    """Every word the tokens (of one document) can stand for in a pattern (see _same)."""
    tokens = list(tokens)
    if not tokens:
        return frozenset()
    known = _known_words(tokens[0].doc)
    return frozenset().union(*[known[t.i] for t in tokens])


def _span_keys(verb: Token) -> frozenset[str]:
    """The words of every token of ``verb``'s sentence: a superset of what any pattern of
    ``verb`` can match (its subtree, which a parse that is not projective may stretch beyond
    its left and right edges, and the verbs and subjects above it, _governors), read once per
    sentence."""
    doc = verb.doc
    sent = sentence_of(verb)
    cache = doc.user_data.setdefault(SENTENCE_KEYS, {})
    if sent.start not in cache:
        cache[sent.start] = frozenset().union(*_known_words(doc)[sent.start:sent.end])
    return cache[sent.start]


#: ``Doc.user_data`` key of the words each token stands for (see _known_words).
WORD_KEYS = "sinew_word_keys"
#: ``Doc.user_data`` key of the words of each sentence (see _span_keys).
SENTENCE_KEYS = "sinew_sentence_keys"

#: (lower, lemma, norm) string ids -> the words a token with those forms stands for; the
#: same few thousand words recur in every document
_FORMS: dict[tuple[int, int, int], frozenset[str]] = {}
_FORMS_MAX = 200_000


def _known_words(doc) -> list[frozenset[str]]:
    """Token index -> the words it stands for, read for the whole document at once: the
    dictionary reads the same tokens again for every verb of their sentence."""
    known = doc.user_data.get(WORD_KEYS)
    if known is None or len(known) != len(doc):
        strings = doc.vocab.strings
        known = doc.user_data[WORD_KEYS] = [
            _FORMS.get(row) or _forms_of(row, strings)
            for row in map(tuple, doc.to_array([LOWER, LEMMA, NORM]).tolist())]
    return known


def _forms_of(row: tuple[int, int, int], strings) -> frozenset[str]:
    """The words a token can stand for in a pattern: its forms and the singulars its
    ending allows."""
    lower = strings[row[0]]
    forms = {lower, strings[row[1]].lower(), strings[row[2]]}
    if lower.endswith("s"):
        forms.add(lower[:-1])
    if lower.endswith("es"):
        forms.add(lower[:-2])
    if lower.endswith("ies"):
        forms.add(lower[:-3] + "y")
    words = frozenset(forms)
    if len(_FORMS) < _FORMS_MAX:
        _FORMS[row] = words
    return words


def _word_keys(token: Token) -> frozenset[str]:
    return _known_words(token.doc)[token.i]


# --------------------------------------------------------------------------- PETRARCH reader

_HEADER = re.compile(r"^---\s*(.*?)\s*\[([^\]]*)\]")
_VERB_LINE = re.compile(r"^([^{}\[\]]+?)\s*(\{[^{}]*\})?\s*(?:\[([^\]\s]*)\])?$")
_PATTERN_LINE = re.compile(r"^-\s*(.*?)\s*\[([^\]\s]*)\]\s*(?:#\s*(.*))?$")
# '#' or, as in TABARI files, ';' and all after it, except inside a code ("[###]")
_COMMENT = re.compile(r"(?:\[[^\]]*\])|([#;].*)$")
_CODE = re.compile(r"^[^\s:\[\]]*(?::[^\s:\[\]]*)?$")


@dataclass
class _ReadState:
    where: str
    synsets: _Synsets = field(default_factory=_Synsets)
    synset: tuple[str, list[str]] | None = None
    family: dict[str, Any] | None = None
    family_name: str = ""
    block_code: str = NULL_CODE
    comment: str = ""
    families: dict[str, dict[str, Any]] = field(default_factory=dict)
    raw_synsets: dict[str, list[str]] = field(default_factory=dict)
    owner: dict[str, str] = field(default_factory=dict)
    dropped: Counter = field(default_factory=Counter)


def read_petrarch_verbs(path: str | Path, strict: bool = True) -> tuple[dict[str, Any], Counter]:
    """A PETRARCH verb dictionary as sinew's verb lexicon (``{"synsets": ..., "families":
    ...}``, the shape of ``data/verbs.yaml``) and the count of what was dropped, by reason.
    A malformed line is a :class:`ConfigError` naming the file and the line; with
    ``strict=False`` a malformed pattern line is dropped instead and counted under
    ``malformed pattern (line N)``: the published dictionaries have a few."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise ConfigError(f"cannot read verb dictionary {path}: {exc.strerror}") from exc
    state = _ReadState(str(path))
    for number, raw in enumerate(text.splitlines(), 1):
        line = _COMMENT.sub(lambda m: "" if m.group(1) else m.group(0), raw).strip()
        state.comment = next((m.group(1)[1:] for m in _COMMENT.finditer(raw) if m.group(1)), "")
        if not line or line.startswith("<!"):
            continue
        try:
            _read_line(line, number, state)
        except ValueError as exc:
            if not strict and line.startswith("-"):
                state.dropped[f"malformed pattern (line {number}): {exc}"] += 1
                continue
            raise ConfigError(f"verb dictionary {path} line {number}: {exc}: {raw.strip()!r}") \
                from exc
    try:
        _close_synset(state)
    except ValueError as exc:
        raise ConfigError(f"verb dictionary {path}: the last synset: {exc}") from exc
    return {"synsets": state.raw_synsets, "families": state.families}, state.dropped


def _read_line(line: str, number: int, state: _ReadState) -> None:
    if line.startswith("~"):
        state.dropped["transformation (verb-verb rewrite, not supported)"] += 1
    elif line.startswith("&"):
        _close_synset(state)
        state.family = None
        state.synset = (line.split()[0], [])
    elif line.startswith("---"):
        _close_synset(state)
        _open_family(line, state)
    elif state.synset is not None:
        if not line.startswith("+"):
            raise ValueError("a synset member starts with '+'")
        state.synset[1].append(line[1:].strip())
    elif state.family is None:
        raise ValueError("a verb or pattern outside a verb family (no '--- NAME [code] ---' "
                         "line before it)")
    elif line.startswith("-"):
        _read_pattern(line, number, state)
    else:
        _read_verb(line, state)


def _close_synset(state: _ReadState) -> None:
    if state.synset is not None:
        name, members = state.synset
        state.synset = None
        state.synsets.define(name, members)
        state.raw_synsets[name.lstrip("&")] = members


def _open_family(line: str, state: _ReadState) -> None:
    found = _HEADER.match(line)
    if found is None or not found.group(1) or not _CODE.match(found.group(2).strip()):
        raise ValueError("a verb family header reads '--- NAME [code] ---'")
    name, code = found.group(1), found.group(2).strip() or NULL_CODE
    # a second block of the same name continues the first; its code is its own verbs' code
    state.family_name, state.block_code = name, code
    state.family = state.families.setdefault(name, {"code": code, "verbs": {}, "patterns": []})


def _read_verb(line: str, state: _ReadState) -> None:
    found = _VERB_LINE.match(line)
    if found is None or not _CODE.match(found.group(3) or ""):
        raise ValueError("a verb line reads 'VERB {FORMS} [code]'")
    notation = "_".join(found.group(1).lower().split())  # "LASH OUT" is "LASH_OUT"
    forms, code = found.group(2), found.group(3)
    if not code and state.block_code != state.family["code"]:
        code = state.block_code
    _verb_words(notation)
    family = state.family
    assert family is not None
    if state.owner.setdefault(notation, state.family_name) != state.family_name:
        state.dropped["verb already in another family (first kept)"] += 1
        return
    entry = family["verbs"].setdefault(notation, {})
    if code:
        entry["code"] = code
    listed = forms[1:-1].replace(",", " ").split() if forms else []  # "{A , B}" or "{A B}"
    if listed:
        known = set(entry.get("forms", []))
        entry["forms"] = sorted({f.lower() for f in listed} | known)


def _read_pattern(line: str, number: int, state: _ReadState) -> None:
    found = _PATTERN_LINE.match(line)
    if found is None or not _CODE.match(found.group(2)):
        raise ValueError("a pattern reads '- words * words [code]'")
    family = state.family
    assert family is not None
    words = " ".join(found.group(1).split())
    origins = _origins(state.comment, family["verbs"])
    entry = f"{words} [{found.group(2)}]" + (f" # {' '.join(origins)}" if origins else "")
    try:
        _compile(found.group(1), found.group(2), number, state.synsets)
    except _UndefinedSynset:
        state.dropped["uses a synset not defined before it"] += 1
        return
    same = [p for p in family["patterns"] if p.startswith(f"{words} [")]
    if any(p.startswith(f"{words} [{found.group(2)}]") for p in same):
        state.dropped["duplicate pattern in its family"] += 1
    elif same:
        state.dropped["same words as an earlier pattern with another code (first kept)"] += 1
    else:
        family["patterns"].append(entry)


def _origins(comment: str, verbs: dict[str, dict[str, Any]]) -> list[str]:
    """The family's verbs a pattern's comment names ("# CONDEMN", "# PULLED_OUT"): CAMEO.2.0
    notes there the verb of the old TABARI dictionary that the pattern was written for."""
    named = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z_'-]*", comment.split("#")[0])}
    found = []
    for notation, entry in verbs.items():
        spellings = {notation, *entry.get("forms", [])}
        if named & {s.replace("+", "") for s in spellings}:
            found.append(notation)
    return found


def _verb_words(notation: str) -> tuple[tuple[str, ...], int]:
    """``+pull_out`` -> (("pull", "out"), 0); ``wire_+tap`` -> (("wire", "tap"), 1)."""
    parts = [p for p in notation.split("_") if p]
    heads = [i for i, p in enumerate(parts) if p.startswith("+")]
    if len(heads) > 1 or not parts or (heads and parts[heads[0]] == "+"):
        raise ValueError(f"a multi-word verb marks one word with '+': {notation!r}")
    return tuple(p.lstrip("+") for p in parts), (heads[0] if heads else 0)


# --------------------------------------------------------------------------- lexicon models

class _VerbEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    code: str | None = None
    forms: list[str] = []


class _FamilyEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    code: str = NULL_CODE
    verbs: dict[str, _VerbEntry]
    patterns: list[str] = []

    @field_validator("patterns")
    @classmethod
    def _pattern_lines(cls, values: list[str]) -> list[str]:
        for value in values:
            found = _PATTERN_LINE.match(f"- {value}")
            if found is None or not _CODE.match(found.group(2)):
                raise ValueError(f"{value!r} is not 'words * words [code]'")
        return values

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if not _CODE.match(value):
            raise ValueError(f"{value!r} is not a code")
        return value


class _SynsetEntry(RootModel[list[str]]):
    pass


# --------------------------------------------------------------------------- matching

@dataclass(frozen=True)
class VerbMatch:
    """What a verb codes: the CAMEO ``code`` (``None`` when only a return event is coded) and
    its PLOVER coding, the return event (``[042:043]``: the target's), the ``pattern`` that
    decided it (``None`` for the verb's or family's own code), and the tokens the pattern marks
    as ``source`` ($, %) and ``target`` (+, %)."""

    code: str | None
    plover: PloverCode | None
    reverse_code: str | None
    reverse_plover: PloverCode | None
    pattern: str | None
    family: str
    verb: str
    source: tuple[Token, ...] = ()
    target: tuple[Token, ...] = ()


@dataclass(frozen=True)
class _Verb:
    notation: str
    words: tuple[str, ...]
    head: int
    code: str | None
    family: str


@dataclass(frozen=True)
class _Family:
    name: str
    code: str
    patterns: tuple[_Pattern, ...]
    #: word -> positions (in ``patterns``) of the patterns whose first required words hold
    #: it; patterns that require no word are always tried
    index: dict[str, tuple[int, ...]] = dataclasses.field(default_factory=dict)
    free: tuple[int, ...] = ()
    #: the words of ``index``
    words: frozenset[str] = frozenset()

    def candidates(self, keys: frozenset[str]) -> Iterator[_Pattern]:
        """The patterns whose words are all in ``keys``, in the family's order."""
        found = set(self.free)
        for key in keys & self.words:  # a set operation, over the smaller of the two
            found.update(self.index[key])
        for position in sorted(found):
            pattern = self.patterns[position]
            if pattern.possible(keys):
                yield pattern


def _family(name: str, code: str, patterns: tuple[_Pattern, ...]) -> _Family:
    index: dict[str, list[int]] = {}
    free = []
    for position, pattern in enumerate(patterns):
        if not pattern.required:
            free.append(position)
            continue
        for word in min(pattern.required, key=len):
            index.setdefault(word, []).append(position)
    return _Family(name, code, patterns, {w: tuple(p) for w, p in index.items()}, tuple(free),
                   frozenset(index))


_SKIP_DEPS = frozenset({"punct", "cc", "conj", "parataxis", "advcl", "relcl", "appos"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
_PARTICLE_DEPS = frozenset({"prt", "prep", "advmod", "dobj", "acomp", "dative"})


class VerbDictionary:
    """Verb families with their patterns; :meth:`match` codes a verb token of a parse."""

    def __init__(self, lexicon: dict[str, Any], where: str,
                 plover: dict[str, PloverCode] | None = None) -> None:
        synsets = validate_entries(lexicon.get("synsets"), _SynsetEntry, where)
        families = validate_entries(lexicon.get("families"), _FamilyEntry, where)
        self.where = where
        self._plover = plover
        self._synsets = _Synsets()
        for name, members in synsets.items():
            self._define(name, members.root)
        self.families: dict[str, _Family] = {}
        self._verbs: dict[str, list[_Verb]] = {}
        self._silence: dict[tuple[str, str | None], bool] = {}
        for name, entry in families.items():
            self._add_family(name, entry)  # type: ignore[arg-type]

    @classmethod
    def shipped(cls, user_dir: str | None = None) -> "VerbDictionary":
        """The CAMEO verb dictionary shipped with sinew (``data/verbs.yaml``), merged key by
        key with a user ``verbs.yaml`` and ``cameo2plover.yaml`` (``user_dir`` or
        ``SINEW_LEXICON_DIR``); loaded once per folder."""
        return _shipped_verbs(user_dir)

    @classmethod
    def from_petrarch(cls, path: str | Path, strict: bool = False) -> "VerbDictionary":
        """A dictionary read from a PETRARCH verb file (``CAMEO.2.0.txt`` and the like);
        ``strict`` makes a malformed pattern line an error instead of a dropped pattern."""
        lexicon, _ = read_petrarch_verbs(path, strict)
        return cls(lexicon, str(path))

    @property
    def lemmas(self) -> frozenset[str]:
        return frozenset(self._verbs)

    def _define(self, name: str, members: list[str]) -> None:
        try:
            self._synsets.define(name, members)
        except _UndefinedSynset as exc:
            raise ConfigError(f"lexicon {self.where}: synset {name!r} uses {exc} before it is "
                              f"defined") from exc

    def _add_family(self, name: str, entry: _FamilyEntry) -> None:
        patterns = [self._pattern(name, text, order) for order, text in enumerate(entry.patterns)]
        patterns = [_restrict(p, entry) for p in patterns]
        patterns.sort(key=lambda p: (-p.rank[0], -p.rank[1], p.order))
        self.families[name] = _family(name, entry.code, tuple(patterns))
        for notation, verb in entry.verbs.items():
            try:
                words, head = _verb_words(notation)
                forms = {words[head]} | {_verb_words(f)[0][_verb_words(f)[1]]
                                         for f in verb.forms}
            except ValueError as exc:
                raise ConfigError(f"lexicon {self.where}: family {name!r}: verb "
                                  f"{notation!r}: {exc}") from exc
            record = _Verb(notation, words, head, verb.code, name)
            for form in forms:
                self._verbs.setdefault(form, []).append(record)

    def _pattern(self, family: str, text: str, order: int) -> _Pattern:
        found = _PATTERN_LINE.match(f"- {text}")
        assert found is not None  # checked by _FamilyEntry
        try:
            pattern = _compile(found.group(1), found.group(2), order, self._synsets)
            return dataclasses.replace(pattern, only=frozenset((found.group(3) or "").split()))
        except (ValueError, _UndefinedSynset) as exc:
            reason = f"undefined synset {exc}" if isinstance(exc, _UndefinedSynset) else exc
            raise ConfigError(f"lexicon {self.where}: family {family!r}: pattern {text!r}: "
                              f"{reason}") from exc

    def match(self, verb: Token) -> VerbMatch | None:
        """How ``verb`` codes: the family its lemma (with particles: "pull out") belongs to,
        the most specific of the family's patterns found in the parse, else the verb's own or
        the family's code. ``None`` when the verb is not listed or codes no event."""
        for record, used in self._candidates(verb):
            family = self.families[record.family]
            if self._silent(family, record):
                return None  # "said", "commented": nothing this verb can say is an event
            # the words around the verb (a superset of both sides): with none of a family's
            # patterns possible, the sides need not be built
            if not family.patterns or not any(True for _ in family.candidates(_span_keys(verb))):
                code = record.code or family.code
                return self._result(*_split_code(code), None, record, ([], []))
            pre, post = _sides(verb, used)
            keys = _keys(pre + post)
            for pattern in family.candidates(keys):
                if pattern.only and record.notation not in pattern.only:
                    continue
                marks = _match_pattern(pattern, pre, post)
                if marks is not None:
                    return self._result(pattern.code, pattern.reverse, pattern.text, record,
                                        marks)
            code = record.code or family.code
            return self._result(*_split_code(code), None, record, ([], []))
        return None

    def _silent(self, family: _Family, record: _Verb) -> bool:
        """Whether no code the verb or its family's patterns give maps to a PLOVER type
        (CAMEO's statements, 01x, and appeals, 02x): the parse need not be read."""
        key = (family.name, record.code)
        if key not in self._silence:
            codes = [*_split_code(record.code or family.code)]
            codes += [c for p in family.patterns for c in (p.code, p.reverse)]
            self._silence[key] = all(to_plover(c, self._plover) is None for c in codes)
        return self._silence[key]

    def _result(self, code: str | None, reverse: str | None, text: str | None, record: _Verb,
                marks: tuple[list[Token], list[Token]]) -> VerbMatch | None:
        if code is None and reverse is None:
            return None
        return VerbMatch(code, to_plover(code, self._plover), reverse,
                         to_plover(reverse, self._plover), text, record.family,
                         " ".join(record.words), tuple(marks[0]), tuple(marks[1]))

    def _candidates(self, verb: Token) -> list[tuple[_Verb, list[Token]]]:
        """Listed verbs this token can be, longest (multi-word) first, with the particle
        tokens each one takes up."""
        keys = dict.fromkeys((verb.lemma_.lower(), verb.lower_))
        records = [r for key in keys for r in self._verbs.get(key, ())]
        found = []
        for record in dict.fromkeys(records):
            used = _multiword(verb, record)
            if used is not None:
                found.append((record, used))
        found.sort(key=lambda pair: -len(pair[0].words))
        return found


def _restrict(pattern: _Pattern, family: _FamilyEntry) -> _Pattern:
    """A pattern written for verbs that have codes of their own (BLAME [112]: CONVICT [173],
    "# CONVICT * (OF &CRIME) [173]") is theirs, not the family's ("accused X of crimes" is
    not a conviction); any other pattern is the whole family's, as in PETRARCH."""
    own = [family.verbs[v].code for v in pattern.only if v in family.verbs]
    if own and all(code not in (None, family.code) for code in own):
        return pattern
    return dataclasses.replace(pattern, only=frozenset())


def _multiword(verb: Token, record: _Verb) -> list[Token] | None:
    """The tokens that complete ``record``'s words around ``verb`` ("pulled out": "out"),
    or ``None`` when they are not there."""
    if len(record.words) == 1:
        return []  # most verbs are one word
    used: list[Token] = []
    doc = verb.doc
    for k, word in enumerate(reversed(record.words[:record.head]), 1):
        if verb.i - k < 0 or not _same(word, doc[verb.i - k]):
            return None
        used.append(doc[verb.i - k])
    after = [c for c in verb.children if c.i > verb.i and c.dep_ in _PARTICLE_DEPS]
    for word in record.words[record.head + 1:]:
        token = next((t for t in after if _same(word, t) and t not in used), None)
        if token is None and verb.i + 1 + len(used) < len(doc) and \
                _same(word, doc[verb.i + 1 + len(used)]):
            token = doc[verb.i + 1 + len(used)]
        if token is None:
            return None
        used.append(token)
    return used


def _same(word: str, token: Token) -> bool:
    """Whether ``token`` can stand for ``word``: one of its forms ("shells", "shell"), or
    ``word`` in the plural ("shell" -> "shells", "ally" -> "allies")."""
    return word in _word_keys(token)


def _sides(verb: Token, used: list[Token]) -> tuple[list[Token], list[Token]]:
    """The tokens a pattern's words are looked for in, in text order: before the verb (its
    subject, auxiliaries and adverbs, and the verb it depends on when it has no subject:
    "refused to withdraw"), and after it (objects, particles, prepositional phrases)."""
    skip = set(used) | {verb}
    pre: list[Token] = []
    post: list[Token] = []
    for child in verb.children:  # a particle the verb took up leaves its phrase: "out of"
        if child.dep_ not in _SKIP_DEPS:
            (pre if child.i < verb.i else post).extend(t for t in child.subtree if t not in skip)
    pre.extend(_governors(verb))
    return sorted(set(pre), key=lambda t: t.i), sorted(set(post), key=lambda t: t.i)


def _governors(verb: Token) -> Iterator[Token]:
    """The verbs and subjects above a verb that has no subject of its own."""
    node = verb
    for _ in range(3):
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in node.children) or \
                node.dep_ not in ("xcomp", "conj", "ccomp", "advcl") or node.head is node:
            return
        inner, node = node, node.head
        if node.i < verb.i:
            yield node
        below = {t.i for t in inner.subtree}
        for child in node.children:
            if child.i < node.i and child.dep_ not in _SKIP_DEPS:
                yield from (t for t in child.subtree if t.i not in below)


_Marks = tuple[tuple[str, Token], ...]


def _match_pattern(pattern: _Pattern, pre: list[Token],
                   post: list[Token]) -> tuple[list[Token], list[Token]] | None:
    before = _find_all(pattern.pre, pre)
    after = _find_all(pattern.post, post) if before is not None else None
    if before is None or after is None:
        return None
    marks = before[1] + after[1]
    return ([t for kind, t in marks if kind in "$%"], [t for kind, t in marks if kind in "+%"])


def _find_all(elements: Iterable[_Element], seq: list[Token]) -> tuple[int, _Marks] | None:
    """Match ``elements`` in order in ``seq``: the position after the last, and the tokens
    the markers took."""
    cursor, marks = 0, ()
    for element in elements:
        for j in range(cursor, len(seq) + (1 if _is_skip(element) else 0)):
            found = _at(element, seq, j)
            if found is not None:
                cursor, marks = found[0], marks + found[1]
                break
        else:
            return None
    return cursor, marks


def _is_skip(element: _Element) -> bool:
    return isinstance(element, _Marker) and element.kind == "^"


def _at(element: _Element, seq: list[Token], j: int) -> tuple[int, _Marks] | None:
    if isinstance(element, _Words):
        end = _words_at(element, seq, j)
        return None if end is None else (end, ())
    if isinstance(element, _NounPhrase):
        return _phrase_at(element, seq, j)
    if isinstance(element, _Prep):
        return _prep_at(element, seq, j)
    return _marker_at(element, seq, j)


def _words_at(element: _Words, seq: list[Token], j: int) -> int | None:
    first = _word_keys(seq[j]) if j < len(seq) else frozenset()
    for option in element.options:
        if option and option[0] not in first:
            continue  # most options fail on their first word: a synset lists dozens
        if j + len(option) <= len(seq) and \
                all(_same(word, seq[j + k]) for k, word in enumerate(option)):
            return j + len(option)
    return None


def _phrase_at(element: _NounPhrase, seq: list[Token], j: int) -> tuple[int, _Marks] | None:
    """The head at ``j``, its modifiers before it inside the head's phrase."""
    end = _words_at(element.parts[-1], seq, j)
    if end is None:
        return None
    lower = seq[end - 1].left_edge.i
    found = _find_all(element.parts[:-1], [t for t in seq[:j] if t.i >= lower])
    return None if found is None else (end, found[1])


def _prep_at(element: _Prep, seq: list[Token], j: int) -> tuple[int, _Marks] | None:
    prep = seq[j]
    if prep.lower_ != element.word or says_when(prep):
        return None
    inside = [t for t in seq[j + 1:] if prep.left_edge.i <= t.i <= prep.right_edge.i]
    found = _find_all(element.inner, inside)
    return None if found is None else (j + 1 + found[0], found[1])


def _marker_at(element: _Marker, seq: list[Token], j: int) -> tuple[int, _Marks] | None:
    if element.kind == "^":
        return j, ()
    token = seq[j]
    nominal = token.pos_ in _NOMINAL or (token.pos_ == "ADJ" and token.ent_type_ in
                                         ("NORP", "GPE"))
    if not nominal or (token.dep_ == "compound" and token.head.i > token.i):
        return None
    return j + 1, ((element.kind, token),)


@lru_cache(maxsize=4)
def _shipped_verbs(user_dir: str | None) -> VerbDictionary:
    return VerbDictionary(load_lexicon("verbs.yaml", user_dir),
                          "sinew/data/verbs.yaml (with any user verbs.yaml)",
                          plover_table(user_dir))
