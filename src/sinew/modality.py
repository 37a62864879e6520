"""Modality and attribution: how sure the text is about an event, and who says so.

A trigger's modality comes from cues on the trigger and on the clauses that govern it: negation,
conditionals, questions, modal auxiliaries, hedging adverbs, governing verbs ("plans to send",
"denied sending") and reporting frames ("U.S. officials said ...", "according to Seoul's spy
agency"). When several cues apply the strongest wins, in the order of ``PRECEDENCE``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from .actors import Mentions
from .lexicons import load_lexicon
from .schema import Attribution

__all__ = ["PRECEDENCE", "ModalityRules", "modality_of", "modality_rules"]

PRECEDENCE = ("hypothetical", "negated", "future", "alleged", "assessed", "reported", "asserted")
#: Relations through which a governing clause passes its modality down to a trigger.
#: Governors that are statements: their subject is the source ("Tehran denied sending ...");
#: "refused", "failed", "ruled out" say what the subject did not do, not who says so.
_DENIALS = frozenset({"deny", "refute", "dismiss", "reject"})
_CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "conj", "advcl", "pcomp", "acl", "relcl", "dep"})
#: Relations through which a governing verb or noun ("plans to", "attempts to acquire",
#: "prohibit ... from receiving", "ruled out sending") frames its complement.
_GOVERNED_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "acl", "advcl", "prep"})
#: Determiners that make a noun trigger non-specific or empty.
_NON_SPECIFIC = {"any": "hypothetical", "no": "negated"}
_HYPOTHETICAL_MODALS = frozenset({"would", "could", "might"})


@dataclass(frozen=True)
class ModalityRules:
    adverbs: dict
    modals: dict
    conditionals: frozenset
    governors: dict
    reporting: dict
    according: str


@lru_cache(maxsize=4)
def modality_rules(user_dir: str | None = None) -> ModalityRules:
    data = load_lexicon("modality.yaml", user_dir)
    return ModalityRules(
        adverbs=dict(data.get("adverbs", {})), modals=dict(data.get("modals", {})),
        conditionals=frozenset(data.get("conditionals", ())),
        governors=dict(data.get("governors", {})), reporting=dict(data.get("reporting", {})),
        according=data.get("according", "reported"),
    )


def _own_cues(token: Token, rules: ModalityRules) -> list[str]:
    """Cues attached directly to one verb (or noun) of the clause chain."""
    found = []
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg":
            found.append("negated")
        elif child.dep_ == "mark" and word in rules.conditionals:
            found.append("hypothetical")
        elif child.dep_ in ("aux", "auxpass") and word in rules.modals:
            found.append(rules.modals[word])
        elif child.dep_ in ("advmod", "acomp", "amod") and word in rules.adverbs:
            found.append(rules.adverbs[word])  # "likely", "it is highly likely that"
        elif child.dep_ == "det" and word in _NON_SPECIFIC:
            found.append(_NON_SPECIFIC[word])  # "any transfer", "no shells"
        elif child.dep_ == "dobj" and any(c.dep_ == "det" and c.lower_ == "no"
                                          for c in child.children):
            found.append("negated")  # "sends no weapons"
    if _inverted_conditional(token, rules):
        found.append("hypothetical")
    return found


def _inverted_conditional(token: Token, rules: ModalityRules) -> bool:
    """"Should Beijing decide ...", "Had Pyongyang stopped ...": an auxiliary before the subject."""
    subj = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return False
    return any(c.dep_ == "aux" and c.i < subj.i and c.lower_ in ("should", "had", "were")
               for c in token.children)


def _according(token: Token) -> Token | None:
    """The source in an "according to X" phrase attached to this verb."""
    for child in token.children:
        if child.lower_ == "according":
            for prep in child.children:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return pobj
    return None


def modality_of(trigger: Token, mentions: Mentions,
                rules: ModalityRules) -> tuple[str, Attribution | None]:
    """The modality of ``trigger`` and who the text attributes it to."""
    cues: list[str] = []
    source: Token | None = None
    node: Token = trigger
    while True:
        cues.extend(_own_cues(node, rules))
        source_here = _according(node)
        if source_here is not None and source is None:
            cues.append(rules.according)
            source = source_here
        if node.pos_ == "NOUN" and node.dep_ in ("nsubj", "nsubjpass"):
            cues.extend(_framing_predicate(node.head, rules))
        if node.dep_ not in _CLAUSE_DEPS and not _noun_frame(node) or node.head is node:
            break
        if node.dep_ == "pcomp" and node.head.dep_ == "prep":
            node = node.head  # "accused Pyongyang of sending": climb through the preposition
        governor = node.head
        lemma = _lexicon_key(governor, rules)
        if lemma in rules.reporting and node.dep_ in ("ccomp", "xcomp", "conj", "dep", "prep"):
            cues.append(rules.reporting[lemma])
            source = source or _subject(governor)
        elif lemma in rules.governors and node.dep_ in _GOVERNED_DEPS:
            cues.append(rules.governors[lemma])
            if lemma in _DENIALS and governor.pos_ == "VERB":
                source = source or _subject(governor)  # who denies it says so
        node = governor
    if trigger.sent.text.rstrip().endswith("?"):
        cues.append("hypothetical")
    return _strongest(cues), _attribution(source, mentions)


def _lexicon_key(token: Token, rules: ModalityRules) -> str:
    """The lemma, or the word itself where the lemmatizer misreads it ("hopes" -> "hop")."""
    for key in (token.lemma_.lower(), token.lower_, token.lower_.removesuffix("s")):
        if key in rules.reporting or key in rules.governors:
            return key
    return token.lemma_.lower()


def _noun_frame(node: Token) -> bool:
    """A noun trigger inside a prepositional phrase of a noun: "the possibility of any
    transfer", "concern over troop deployments"."""
    return node.dep_ in ("pobj", "prep") and node.head.pos_ in ("ADP", "NOUN")


def _framing_predicate(verb: Token, rules: ModalityRules) -> list[str]:
    """A subject noun is framed by its predicate only when that is counterfactual ("the
    decision to deploy ... would be"); "deliveries will increase the toll" stays a fact."""
    return ["hypothetical" for c in verb.children
            if c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL_MODALS]


def _subject(verb: Token) -> Token | None:
    """Who speaks: the active subject, or the agent of a passive ("it was said by ...")."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head is not verb:
        return _subject(verb.head)  # "Austin cited ..., noting that ...": Austin notes it
    if verb.dep_ == "acl" and verb.head.dep_ in ("dobj", "nsubj") and verb.head.head is not verb:
        # "The United States has seen reporting indicating that ...": who saw the reporting
        return _subject(verb.head.head) if verb.head.head.pos_ in ("VERB", "AUX") else None
    return None


def _strongest(cues: list[str]) -> str:
    for modality in PRECEDENCE:
        if modality in cues:
            return modality
    return "asserted"


def _attribution(source: Token | None, mentions: Mentions) -> Attribution | None:
    if source is None:
        return None
    doc = source.doc
    text = doc[source.left_edge.i: source.right_edge.i + 1].text
    ref = mentions.resolve(source)
    return Attribution(ref.country if ref is not None else None, text)
