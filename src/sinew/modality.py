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
_CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "conj", "advcl", "pcomp", "acl", "relcl", "dep"})


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
        elif child.dep_ == "advmod" and word in rules.adverbs:
            found.append(rules.adverbs[word])
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
        if node.dep_ not in _CLAUSE_DEPS or node.head is node:
            break
        if node.dep_ == "pcomp" and node.head.dep_ == "prep":
            node = node.head  # "accused Pyongyang of sending": climb through the preposition
        governor = node.head
        lemma = governor.lemma_.lower()
        if lemma in rules.reporting and node.dep_ in ("ccomp", "xcomp", "conj", "dep", "prep"):
            cues.append(rules.reporting[lemma])
            source = source or _subject(governor)
        elif lemma in rules.governors and node.dep_ in ("xcomp", "ccomp", "pcomp"):
            cues.append(rules.governors[lemma])
            if rules.governors[lemma] == "negated":
                source = source or _subject(governor)  # who denies it says so
        node = governor
    if trigger.sent.text.rstrip().endswith("?"):
        cues.append("hypothetical")
    return _strongest(cues), _attribution(source, mentions)


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
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
