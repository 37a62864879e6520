"""Modality and attribution: how sure the text is about an event, and who says so.

A trigger's modality comes from cues on the trigger and on the clauses that govern it: negation,
conditionals, questions, modal auxiliaries ("may send" is hypothetical, "may have sent" an
assessment), hedging adverbs, governing verbs ("plans to send", "denied sending"), verbs that
frame their object ("blocked the delivery", "the deal ... was cancelled", "will not meet its
pledge to deliver"), permissions with a ceiling ("is allowed to export up to ..."), the words
before an infinitive ("ready to send", "on track to deliver"), headline infinitives ("Germany to
deliver tanks") and reporting frames ("U.S. officials said ...", "according to Seoul's spy
agency"). When several cues apply the strongest wins, in the order of ``PRECEDENCE``. The cue
words are data (``sinew/data/modality.yaml``), checked on load.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from .actors import Mentions
from .errors import ConfigError
from .lexicons import load_lexicon
from .nlp import sentence_of, sentence_text
from .schema import Attribution

__all__ = ["PRECEDENCE", "ModalityRules", "headline_root_name", "modality_of", "modality_rules",
           "presupposes", "undone_stop"]

PRECEDENCE = ("hypothetical", "negated", "future", "alleged", "assessed", "reported", "asserted")
#: Relations through which a governing clause passes its modality down to a trigger.
#: Governors that are statements: their subject is the source ("Tehran denied sending ...");
#: "refused", "failed", "ruled out" say what the subject did not do, not who says so.
_DENIALS = frozenset({"deny", "refute", "dismiss", "reject"})
_CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "conj", "advcl", "pcomp", "acl", "relcl", "dep"})
#: Relations through which a governing verb or noun ("plans to", "attempts to acquire",
#: "prohibit ... from receiving", "ruled out sending") frames its complement.
_GOVERNED_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "acl", "advcl", "prep"})
#: Relations through which a reporting verb attributes its complement.
_REPORTED_DEPS = frozenset({"ccomp", "xcomp", "conj", "dep", "prep"})
#: Relations of a noun to the verb it is the object of ("blocked the delivery", "the deal ...
#: was cancelled"): the verb's cues are the noun's.
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass"})
#: Relations through which an object-framing verb frames a clause ("blocked Berlin from
#: sending", "suspended shipping"), never an adverbial clause ("suspended talks after ...").
_OBJECT_CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "prep"})
#: Determiners that make a noun trigger non-specific or empty.
_NON_SPECIFIC = {"any": "hypothetical", "no": "negated"}
_HYPOTHETICAL_MODALS = frozenset({"would", "could", "might"})
_WHERE = "lexicon modality.yaml (shipped or user override)"
_SECTIONS = ("adverbs", "modals", "governors", "nouns", "objects", "permissions",
             "infinitive_frames", "reporting")


@dataclass(frozen=True)
class ModalityRules:
    adverbs: dict
    modals: dict
    conditionals: frozenset
    governors: dict
    reporting: dict
    according: str
    #: verbs that frame their object or complement, not an adverbial clause ("blocked")
    objects: dict
    #: nouns that frame their complement, only as nouns ("a halt to deliveries")
    nouns: dict
    #: words just before an infinitive's "to" ("willing to", "on track to")
    infinitive_frames: dict
    #: modals that assess the past or present with a perfect or progressive ("may have sent")
    epistemic: frozenset
    #: verbs of permission, framing only as one ("is allowed to export up to ...")
    permissions: dict
    #: phrases that cap a quantity ("up to", "no more than")
    ceilings: tuple
    #: verbs whose object event is presupposed, not framed ("called on Russia to end its war")
    presupposing: frozenset = frozenset()


@lru_cache(maxsize=4)
def modality_rules(user_dir: str | None = None) -> ModalityRules:
    data = load_lexicon("modality.yaml", user_dir)
    sections = {name: _checked(data.get(name), name) for name in _SECTIONS}
    according = _checked({"according": data.get("according", "reported")}, "according")
    return ModalityRules(
        conditionals=frozenset(data.get("conditionals", ())), according=according["according"],
        epistemic=frozenset(data.get("epistemic", ())),
        ceilings=tuple(str(c).lower() for c in data.get("ceilings", ())),
        presupposing=_words(data.get("presupposing"), "presupposing"), **sections,
    )


def _words(entries: object, section: str) -> frozenset[str]:
    """A section that lists words, checked on load like the others."""
    if entries is None:
        return frozenset()
    if not isinstance(entries, list) or not all(isinstance(w, str) and w.strip() for w in entries):
        raise ConfigError(f"{_WHERE}: section {section!r} must be a list of words, got "
                          f"{entries!r:.80}")
    return frozenset(w.strip().lower() for w in entries)


def _checked(entries: object, section: str) -> dict[str, str]:
    """A section of cue word -> modality, checked on load; a bad one is a ConfigError naming
    the section and the entry."""
    if entries is None:
        return {}
    if not isinstance(entries, dict):
        raise ConfigError(f"{_WHERE}: section {section!r} must map cue words to a modality, "
                          f"got {type(entries).__name__}")
    for word, modality in entries.items():
        if modality not in PRECEDENCE:
            raise ConfigError(f"{_WHERE}: {section}: entry {word!r}: {modality!r} is not a "
                              f"modality (use one of {', '.join(PRECEDENCE)})")
    return {str(word): modality for word, modality in entries.items()}


def _own_cues(token: Token, rules: ModalityRules) -> list[str]:
    """Cues attached directly to one verb (or noun) of the clause chain."""
    found = [cue for child in token.children if (cue := _child_cue(token, child, rules))]
    if _inverted_conditional(token, rules):
        found.append("hypothetical")
    if _headline_infinitive(token):
        found.append("future")  # "North Korea to send troops to Russia"
    frame = _infinitive_frame(token, rules)
    if frame is not None:
        found.append(frame)
    return found


def _child_cue(token: Token, child: Token, rules: ModalityRules) -> str | None:
    """The cue one dependent gives its head, if any."""
    word = child.lower_
    if child.dep_ == "neg":
        return "negated"
    if child.dep_ == "mark" and word in rules.conditionals:
        return "hypothetical"
    if child.dep_ in ("aux", "auxpass") and word in rules.modals:
        if word == "would" and _reported_future(token, rules):
            return "future"  # "Germany said it would send tanks": the future of a past saying
        return "assessed" if _epistemic(token, child, rules) else rules.modals[word]
    if child.dep_ in ("advmod", "acomp", "amod") and word in rules.adverbs:
        return rules.adverbs[word]  # "likely", "it is highly likely that"
    if child.dep_ == "advmod" and child.n_lefts:
        phrase = " ".join(t.lower_ for t in child.subtree)  # "no longer"
        return rules.adverbs.get(phrase)
    if child.dep_ == "det" and word in _NON_SPECIFIC:
        return _NON_SPECIFIC[word]  # "any transfer", "no shells"
    if child.dep_ == "dobj" and any(c.dep_ == "det" and c.lower_ == "no" for c in child.children):
        return "negated"  # "sends no weapons"
    return None


def _reported_future(verb: Token, rules: ModalityRules) -> bool:
    """"would" in a clause a reporting verb introduces, with no condition of its own ("said it
    would send", "announced that it would provide") is the future seen from the saying;
    "would retaliate if attacked" stays a hypothetical."""
    if verb.dep_ != "ccomp" or _lexicon_key(verb.head, rules) not in rules.reporting:
        return False
    return not any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in rules.conditionals
                                               for m in c.children) for c in verb.children)


def _epistemic(verb: Token, modal: Token, rules: ModalityRules) -> bool:
    """"may have sent", "might be supplying": a possibility about the past or the present is
    an assessment; "may send" (the future) stays hypothetical."""
    if modal.lower_ not in rules.epistemic:
        return False
    after = [c for c in verb.children if c.dep_ == "aux" and c.i > modal.i]
    perfect = verb.tag_ == "VBN" and any(c.lemma_ == "have" for c in after)
    progressive = verb.tag_ == "VBG" and any(c.lemma_ == "be" for c in after)
    return perfect or progressive


def _headline_infinitive(token: Token) -> bool:
    """A main clause that is a bare infinitive with its subject, the headline future:
    "Germany to deliver more Leopard tanks", "North Korean troops to be deployed"."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if headline_root_name(token) is not None:
        return True
    to = _infinitive_to(token)
    if token.dep_ != "ROOT":
        return False
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") or (
        c.dep_ in ("dep", "npadvmod") and c.pos_ in ("PROPN", "NOUN"))), None)  # "UK to give"
    return to is not None and subject is not None and subject.i < to.i


def headline_root_name(verb: Token) -> Token | None:
    """The subject of a headline infinitive that the parser made the root, the infinitive
    hanging from it: "UAE to send aid to Sudan", "EU to impose new sanctions on Russia"."""
    to = _infinitive_to(verb)
    if to is not None and verb.dep_ in ("xcomp", "relcl", "acl", "advcl") and \
            verb.head.dep_ == "ROOT" and (verb.head.pos_ == "PROPN" or verb.head.ent_type_ in (
                "PERSON", "GPE", "ORG", "NORP")) and verb.head.i < to.i and \
            verb.head.left_edge.i == sentence_of(verb).start:
        return verb.head
    return None


def _infinitive_to(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"
                 and c.i < verb.i), None)


def _infinitive_frame(verb: Token, rules: ModalityRules) -> str | None:
    """The word (or two) just before an infinitive's "to" frames it, however the parser hung
    the clause: "is willing to send", "is on track to deliver", "preparations to ship"."""
    to = _infinitive_to(verb)
    if to is None or to.i == 0:
        return None
    before = to.doc[to.i - 1]
    pair = f"{to.doc[to.i - 2].lower_} {before.lower_}" if to.i > 1 else ""
    for key in (pair, before.lower_, before.lemma_.lower()):
        if key in rules.infinitive_frames:
            return rules.infinitive_frames[key]
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN":  # "a threat by Hezbollah to strike"
        return rules.infinitive_frames.get(verb.head.lemma_.lower())
    return None


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


@dataclass
class _Step:
    """One step up the clause chain: the node above, the cues the relation gives, the speaker
    it names."""

    node: Token
    cues: list[str]
    source: Token | None = None


def modality_of(trigger: Token, mentions: Mentions, rules: ModalityRules, *,
                presupposed: bool = False) -> tuple[str, Attribution | None]:
    """The modality of ``trigger`` and who the text attributes it to. Above a verb that
    presupposes what it governs ("to end its war", "must condemn the attacks"; or
    ``presupposed``, where the caller has passed one) only a reporting frame still counts: the
    war happened whatever is asked or expected of it. Only an event a noun names is presupposed:
    "will continue to attack" stays future."""
    cues: list[str] = []
    source: Token | None = None
    node: Token = trigger
    # an event named by a noun is presupposed; one told by a verb ("will continue to attack")
    # is as the verb's frame says
    named = trigger.pos_ in ("NOUN", "PROPN") or trigger.dep_ in ("dobj", "pobj")
    came_from = trigger  # the node below: a verb presupposes its object, not its complement
    while True:
        if not presupposed and node.i != trigger.i and named and \
                came_from.pos_ in _OBJECT_POS and presupposes(node, rules):
            presupposed = True  # the cues are kept to a reporting frame's at the end
        cues.extend(_own_cues(node, rules))
        source_here = _according(node)
        if source_here is not None and source is None:
            cues.append(rules.according)
            source = source_here
        if node.pos_ == "NOUN" and node.dep_ in ("nsubj", "nsubjpass"):
            cues.extend(_framing_predicate(node.head, rules))
        if node.i == trigger.i and node.pos_ == "NOUN" and node.dep_ == "nsubj":
            # an event noun that is a clause's subject is told with that clause, by whoever
            # tells it: "Iran's transfer of drones violates the resolution, Washington said",
            # "North Korea's supply of shells is growing, according to Seoul" (the clause's own
            # modal is the predicate's: "the transfer could prolong the war"); what a subject
            # merely presupposes ("the end of Assad's rule, backed by Russia, ...") is not
            clause = node.head  # a subject's head is never itself
            source_here = _according(clause)
            if source_here is not None and source is None:
                cues.append(rules.according)
                source = source_here
            step = _step_up(clause, rules)
        else:
            step = _step_up(node, rules)
        if step is None:
            break
        cues.extend(step.cues)
        source = source or step.source
        came_from = node
        node = step.node
    if sentence_text(sentence_of(trigger)).rstrip().endswith("?"):
        cues.append("hypothetical")
    if presupposed:
        cues = [c for c in cues if c in _PRESUPPOSED_KEEP]
    return _strongest(cues), _attribution(source, mentions)


#: What a presupposing word is reached from: its object noun, or a preposition ("an end to").
_OBJECT_POS = frozenset({"NOUN", "PROPN", "ADP", "PRON"})
#: What still frames a presupposed event: who tells it, not what is asked or expected of it.
_PRESUPPOSED_KEEP = frozenset({"alleged", "assessed", "reported"})


def presupposes(token: Token, rules: ModalityRules) -> bool:
    """Whether ``token`` (a verb, or a noun such as "an end to") presupposes the event it
    governs (the lexicon's ``presupposing`` words; a phrasal verb by its particle)."""
    if not rules.presupposing:
        return False
    lemma = token.lemma_.lower()
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    if particle is not None and f"{lemma} {particle}" in rules.presupposing:
        return True
    return lemma in rules.presupposing or token.lower_ in rules.presupposing


def _step_up(node: Token, rules: ModalityRules) -> _Step | None:
    """The governing node and what it says of ``node``; None where the chain ends (a main
    clause, a subject, a modifier, a stop that did not happen)."""
    if node.dep_ in _OBJECT_DEPS and node.pos_ == "NOUN":
        return _object_step(node, rules)
    if _verb_preposition(node) and not _frames(node.head, rules):
        return None  # "entities involved in the transfer": a modifier, not a frame
    if _adverbial_in(node):
        return None  # "blocked roads in protest": why the verb was done, not what it framed
    if node.dep_ not in _CLAUSE_DEPS and not _noun_frame(node) and not _verb_preposition(node):
        return None
    if node.dep_ == "pcomp" and node.head.dep_ == "prep":
        if node.head.lower_ == "against" and node.head.head.pos_ == "VERB":
            # "warned China against supplying": what one is warned against is not done
            return _Step(node.head.head, ["hypothetical"])
        node = node.head  # "accused Pyongyang of sending": climb through the preposition
    governor = node.head
    lemma = _lexicon_key(governor, rules)
    if lemma in rules.reporting and node.dep_ in _REPORTED_DEPS:
        return _Step(governor, [rules.reporting[lemma]], _subject(governor))
    cue = _governor_cue(governor, lemma, rules)
    if cue is not None and _governed(node):
        denier = _subject(governor) if lemma in _DENIALS and governor.pos_ == "VERB" else None
        return _Step(governor, [cue], denier)  # who denies it says so
    if lemma in rules.objects and node.dep_ in _OBJECT_CLAUSE_DEPS:
        return _object_step(node, rules)
    if lemma in rules.permissions and node.dep_ in _OBJECT_CLAUSE_DEPS and \
            _permission(governor, node, rules):
        return _Step(governor, [rules.permissions[lemma]])
    return _Step(governor, [])


def _object_step(node: Token, rules: ModalityRules) -> _Step | None:
    """A noun to the verb it is the object of, where that verb frames it ("blocked the
    delivery", "the deal ... was cancelled", "scheduled the delivery") or the noun is itself a
    frame whose verb may undo it ("will not meet its pledge", "fell short of its promise").
    A stop that is not itself done ("did not halt", "urged ... to cease its supply") says
    nothing of the object, and the chain ends there."""
    governor = node.head
    lemma = _lexicon_key(governor, rules)
    cue = rules.objects.get(lemma) or rules.governors.get(lemma)
    if cue is None and not _frames(node, rules) or cue == "negated" and not _done(governor):
        return None
    denier = _subject(governor) if cue and lemma in _DENIALS else None
    return _Step(governor, [cue] if cue else [], denier)


def undone_stop(noun: Token, rules: ModalityRules) -> bool:
    """Whether ``noun`` is the object of a stop that is not itself done ("did not halt the
    delivery", "urged it to cease its supply"): the stop's negation or request is not the
    object's, so a caller must not take that verb's cues for the noun."""
    if noun.dep_ not in _OBJECT_DEPS:
        return False
    verb = noun.head
    lemma = _lexicon_key(verb, rules)
    cue = rules.objects.get(lemma) or rules.governors.get(lemma)
    return cue == "negated" and not _done(verb)


def _governor_cue(governor: Token, lemma: str, rules: ModalityRules) -> str | None:
    if governor.pos_ == "NOUN" and lemma in rules.nouns:
        return rules.nouns[lemma]
    return rules.governors.get(lemma)


def _frames(token: Token, rules: ModalityRules) -> bool:
    """Whether a word is a framing word of the lexicon (governor, object verb, noun, reporting)."""
    lemma = _lexicon_key(token, rules)
    return (_governor_cue(token, lemma, rules) is not None or lemma in rules.objects
            or lemma in rules.reporting)


def _permission(verb: Token, complement: Token, rules: ModalityRules) -> bool:
    """A permission, not an account of what the permission let happen: the permitted one is
    the subject of a passive ("is allowed to export"), or the amount has a ceiling ("allows
    North Korea to import up to 500,000 barrels")."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    words = " ".join(t.lower_ for t in complement.subtree)
    return any(f" {ceiling} " in f" {words} " for ceiling in rules.ceilings)


def _done(verb: Token) -> bool:
    """Whether a verb states an act (not a negated one, not an infinitive of a request)."""
    return not any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ == "to")
                   for c in verb.children)


def _governed(node: Token) -> bool:
    """A complement of its governor; an infinitive hung as a relative clause is one too
    ("preparations to ship", "the deal to sell")."""
    return node.dep_ in _GOVERNED_DEPS or node.dep_ == "relcl" and _infinitive_to(node) is not None


def _adverbial_in(node: Token) -> bool:
    """"in protest", "in response", "in retaliation": "in" with a bare noun says why or how a
    verb was done; what the noun names is not the verb's complement. On a noun, "in" is its
    complement ("a halt in weapons shipments", "a pause in arms deliveries")."""
    return node.dep_ == "prep" and node.lower_ == "in" and any(
        c.dep_ == "pobj" and c.pos_ == "NOUN" and not any(g.dep_ in ("det", "poss")
                                                          for g in c.children) and
        (node.head.pos_ != "NOUN" or c.lemma_.lower() in _REASONS)
        for c in node.children)


#: Nouns of why something is done, "in" which a clause acts ("in protest", "in response"),
#: wherever the parser hangs the phrase.
_REASONS = frozenset({"protest", "response", "retaliation", "reprisal", "solidarity",
                      "return", "exchange", "defiance", "revenge", "support", "reaction"})


def _verb_preposition(node: Token) -> bool:
    """A preposition on a verb or adjective reached from its noun ("refrained from
    deliveries", "fell short of its promise")."""
    return node.dep_ == "prep" and node.head.pos_ in ("VERB", "AUX", "ADJ", "ADV")


def _lexicon_key(token: Token, rules: ModalityRules) -> str:
    """The lemma, or the word itself where the lemmatizer misreads it ("hopes" -> "hop"); a
    verb with a particle is the phrasal verb where the lexicon lists it ("called out Iran for
    ..." accuses, it does not call for anything; "called off the delivery" cancels it)."""
    sections = (rules.reporting, rules.governors, rules.objects, rules.nouns, rules.permissions)
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt" or (
        c.dep_ == "advmod" and c.lower_ == "yet")), None) if token.pos_ in ("VERB", "AUX") else None
    phrasal = f"{token.lemma_.lower()} {particle}" if particle is not None else None
    if phrasal is not None and any(phrasal in section for section in sections):
        return phrasal
    for key in (token.lemma_.lower(), token.lower_, token.lower_.removesuffix("s")):
        if any(key in section for section in sections):
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
