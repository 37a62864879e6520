"""Events and measures from the dependency parse.

For every sentence, tokens whose lemma is in the trigger lexicon (``data/events.yaml``) are read
as PLOVER events or as measures; their arguments come from the parse (subject, object, dative,
"to"/"from"/"with"/"against"/"by" phrases), actors are resolved by :mod:`sinew.actors`, the
commodity and its quantity are read off the object phrase, modality and attribution come from
:mod:`sinew.modality`, dates from :mod:`sinew.dates`.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Collection, Iterable, Iterator, Literal, Mapping, Optional

from pydantic import BaseModel, ConfigDict, field_validator
from spacy.tokens import Span, Token

from .actors import FIRST_PERSON, RELATIONAL, Mentions, ref_of_code
from .dates import resolve_date
from .lexicons import load_lexicon, validate_entries
from .nlp import entities_in, says_when, sentence_of, sentence_text
from .modality import (PRECEDENCE, ModalityRules, headline_root_name, modality_of, presupposes,
                       undone_stop)
from .patterns import Binding, slots_for
from .quantities import is_cumulative, parse_quantity, rate_of
from .schema import (EVENT_TYPES, FORCE_CATEGORIES, NON_FACTUAL, ActorRef, Attribution, DateInfo,
                     Evidence, Quantity, Record, What)

__all__ = ["EventRules", "event_rules", "extract_sentence"]

_NUMBER_WORDS = frozenset({"million", "thousand", "hundred", "billion", "dozen", "trillion",
                           "millions", "thousands", "hundreds", "billions", "dozens", "tens",
                           "scores"})
#: Words for a part of a group, which name the group in their "of" phrase: "the majority of
#: the Council", "members of Hamas".
_PARTITIVES = frozenset({"majority", "minority", "member", "rest", "most", "some", "many",
                         "all", "several", "each", "none", "both"})
_QUANT_DEPS = frozenset({"nummod", "quantmod", "amod", "advmod", "det", "nmod", "compound"})
_CURRENCIES = frozenset({"USD", "EUR", "GBP", "RUB", "KRW", "CNY"})
_AGREE_LEMMAS = frozenset({"agree", "pledge", "promise", "vow", "sign", "offer", "commit"})
_CAPABILITY = frozenset({"can", "could"})
_VALUE_WORDS = frozenset({"worth", "value"})
_YEAR = re.compile(r"(?:19|20)\d\d")
_DATE_ANAPHOR = re.compile(r"\b(?:that|the same) (?:year|month)\b", re.I)
_DATE_PREPOSITIONS = frozenset({"since", "by", "until", "till", "through", "before", "after",
                                "from", "between"})
# Verbs whose object does what the complement says: "accused Pyongyang of sending",
# "condemned the DPRK for providing", "sanctioned Iran for supplying".
_OBJECT_CONTROL = frozenset({"accuse", "blame", "suspect", "charge", "convince", "persuade",
                             "urge", "ask", "press", "pressure", "push", "force", "catch",
                             "call", "encourage", "implore", "appeal", "exhort", "request",
                             "plead", "beg",
                             "condemn", "criticise", "criticize", "denounce", "censure", "fault",
                             "praise", "commend", "thank", "applaud", "congratulate", "sanction",
                             "punish", "penalise", "penalize", "designate",
                             # "warned China against supplying", "blocked Seoul from sending",
                             # "authorised Denmark to transfer": the object would act
                             "warn", "caution", "block", "prevent", "stop", "bar", "forbid",
                             "prohibit", "deter", "dissuade", "discourage", "authorise",
                             "authorize", "allow", "permit", "enable", "order", "instruct",
                             "invite", "help"})
_RAISING = frozenset({"believe", "think", "say", "report", "expect", "suspect", "understand",
                      "know", "estimate", "assess", "rumour", "rumor", "allege", "see",
                      # "North Korea is set to deliver", "is scheduled to receive"
                      "set", "schedule", "slate", "due", "poise"})
# Verbs whose object lists more of what a trigger moves: "containers ... containing shells".
_CONTENT_VERBS = frozenset({"contain", "include", "carry", "comprise"})
_NOT_GIVING = frozenset({("give", "up"), ("give", "away"), ("sell", "out"), ("send", "back")})
_DEMONSTRATIVES = frozenset({"such", "these", "those", "this", "that"})
#: How many sentences back "such deliveries" may refer.
_FLOW_REACH = 3
#: How many sentences back an event with one side unnamed may restate an earlier one.
_EVENT_REACH = 3
#: CAMEO's unspecified "express intent to cooperate": as a family's default code with no
#: pattern it is no event (CAMEO files it under verbs such as train, vote, plan).
_UNSPECIFIED_INTENT = frozenset({"03", "030"})
#: Verbal events whose content is their complement ("pressed Beijing to stop", "threatened to"):
#: coded even where the verb also frames its complement's modality.
_VERBAL = frozenset({"REQUEST", "THREATEN", "REJECT", "ACCUSE", "AGREE"})
#: Goods that are people: "U.S. forces", "North Korean workers" name actors, not cargo.
_PEOPLE = frozenset({"troops", "workers"})
#: Words for the sides of a conflict: "all parties", "both sides", "the warring parties".
_PARTY_WORDS = frozenset({"party", "side", "belligerent", "combatant"})
#: Events a state does to people of its own: their country is its country (_home_victims).
_REPRESSION = frozenset({"ASSAULT", "COERCE"})
#: Sectors of a state's own people whom it represses: protesters and dissidents, journalists.
_HOME_SECTORS = frozenset({"OPP", "MED"})
#: Events between the sides of a conflict.
_CONFLICT = frozenset({"ASSAULT", "COERCE", "THREATEN", "CONCEDE", "RETREAT", "MOBILIZE"})
#: Events done to someone: the "of" phrase of their noun is who suffers them, never the doer.
_DONE_TO = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "ACCUSE"})
#: Events aimed at a target that the sentence may name outside the event's own phrases.
_AIMED = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN"})

#: The sides an event needs to be coded: an actor and a recipient. PLOVER requires the actor
#: of every event; the recipient it leaves optional for most types, but an event with no one
#: on its other side is no edge of the who-to-whom network sinew builds, and the annotations
#: code the recipient that the context gives (in the development gold, 4% of the facts of
#: these types have none). Read with a side unknown ("Russia's attacks", "Kyiv was struck",
#: "Iran rejected the proposal"), the events of the development gold were mostly
#: misreadings (7-14% right). A supply, deployment or agreement (ONE_SIDED_TYPES) stands
#: with one side: its other side is often left unsaid ("Russia has received millions of
#: shells", "North Korea deployed troops") and the flow is evidence an analysis uses.
#: ``SINEW_ONE_SIDED=1`` (or ``one_sided=True``) keeps every reading.
ONE_SIDED_TYPES = frozenset({"AID", "MOBILIZE", "AGREE"})

RECIPIENT_REQUIRED = frozenset(EVENT_TYPES) - ONE_SIDED_TYPES

#: What a text says in its own voice: a demand, accusation, endorsement or rejection with no
#: doer of its own ("Russia's treatment of prisoners must end", "Let me condemn ...",
#: "Welcoming the ceasefire, ...") is the speaker's, when the text has one and cites no one.
_VOICED = frozenset({"REQUEST", "ACCUSE", "SUPPORT", "REJECT"})
#: Children of a demand that are its sides or frame, not what it asks for.
_ASKING_SIDES = frozenset({"nsubj", "nsubjpass", "agent", "poss", "conj", "cc", "punct", "aux",
                           "auxpass", "neg"})
#: Asked-for events kept as hedged records of their own.
_KEPT_WHEN_ASKED = frozenset({"REQUEST"})
#: (type, mode) of holding people and of freeing them: acts of a state.
_HOLDING = frozenset({("COERCE", "arrest"), ("RETREAT", "release")})
#: Verbs that say an act goes on ("continues to foment"): the act is said done.
_GOING_ON = frozenset({"continue", "keep", "persist", "go"})
#: Event types that react to another event: their target is that event's doer.
_REACTIONS = frozenset({"ACCUSE", "PROTEST", "REJECT", "SUPPORT", "SANCTION"})
#: Modal auxiliaries of obligation: "X must stop" is a demand on X.
_OBLIGATION = frozenset({"must", "should"})
#: Verbs whose subject undergoes rather than does: "X must receive / get / be given ...".
_UNDERGONE = frozenset({"receive", "get", "obtain", "have", "be", "gain", "suffer", "face",
                        "remain", "become"})
#: Event types whose place, when no target is named, stands for the target ("sanctions on two
#: individuals in the Democratic Republic of Congo").
_PLACE_TARGETS = frozenset({"ASSAULT", "COERCE", "SANCTION", "RETREAT", "CONCEDE"})
#: Events that move away from where their "from" phrase points ("the withdrawal from Kabul").
_AWAY = frozenset({"RETREAT"})
#: Event types a dictionary verb may read with no second party ("protesters rallied", "the
#: army withdrew"); whether such a reading is kept is the sides policy's (RECIPIENT_REQUIRED).
_ONE_SIDED = frozenset({"PROTEST", "RETREAT"})
#: Event types whose object is a load with a figure (what is given, promised, massed).
_GOODS_TYPES = frozenset({"AID", "AGREE", "MOBILIZE"})
_MILITARY = frozenset({"troops", "artillery_ammunition", "missiles", "drones", "weapons",
                       "military_equipment"})


@dataclass(frozen=True)
class Rule:
    type: str
    role: str
    mode: str | None = None
    needs_what: bool = False
    needs_object: tuple[str, ...] = ()
    else_type: str | None = None
    #: a nominal event only with its doer named ("Russia's war against Ukraine")
    needs_doer: bool = False
    #: the type of the event when held jointly with a partner (PLOVER: joint military
    #: exercises are COOPERATE, one country's are MOBILIZE)
    joint: str | None = None
    #: an event only when the subject's head is one of these ("protesters gathered")
    needs_subject: tuple[str, ...] = ()
    #: an event only without a direct object ("farmers demonstrated", not "demonstrated
    #: its resolve")
    intransitive: bool = False
    #: the rule of another sense, cued by a modifier of the trigger ("a general strike",
    #: "forcibly transferred"), a verb's preposition ("rallied behind"), its object's lemma
    #: ("lifted sanctions"), the verb and preposition that govern it ("went on strike":
    #: "go on") or "by" and its doer's lemma ("nurses will strike": "by nurse")
    senses: tuple[tuple[str, "Rule"], ...] = ()
    #: the direct object is what the event is about, not a side ("discussed Iran's nuclear
    #: programme with France": France is the partner, Iran no side)
    topic: bool = False
    #: an event only with one of these prepositions on the verb: where forces go ("ordered
    #: two destroyers to the Gulf", not "ordered troops to withdraw")
    needs_prep: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventRules:
    verbs: dict[str, Rule]
    nouns: dict[str, Rule]
    measures: dict[str, str]
    measure_nouns: dict[str, str]
    words: dict[str, str]
    phrases: re.Pattern | None
    containers: frozenset[str]
    collectives: frozenset[str]
    light_verbs: frozenset[str] = frozenset()
    #: words that judge an event ("appalled", "deplorable") -> the PLOVER type of the judgement
    evaluations: dict[str, str] = dataclasses.field(default_factory=dict)
    #: verbs and nouns of using goods: a state's goods used by another were supplied by it
    using: frozenset[str] = frozenset()
    #: nouns whose "of" phrase is an event they frame: "Russia's use of torture"
    frame_nouns: frozenset[str] = frozenset()
    #: verbs of breaking a rule or harming an institution: saying so accuses the doer
    wrongdoing: frozenset[str] = frozenset()
    #: verbs that ask their object to do what their complement says ("urged Iran to")
    asking: frozenset[str] = frozenset()
    #: nouns of a demand whose clause says what is asked ("our call for Russia to withdraw")
    asking_nouns: frozenset[str] = frozenset()
    #: verbs by which a sanction aims at their object: "the sanctions target Iran's exports"
    aiming: frozenset[str] = frozenset()
    #: verbs whose subject suffers the event their object names: "Israel faces attacks"
    undergoing: frozenset[str] = frozenset()
    #: verbs whose subject is the victim of the event noun of their "in" phrase: "civilians
    #: died in a Russian strike", "soldiers were killed in an attack by the RSF"
    perishing: frozenset[str] = frozenset()
    #: verbs of relying on a supplier for goods: "Russia relies on Iran for drones"
    relying: frozenset[str] = frozenset()
    #: nouns of one who supplies, backs or buys: "Iran is the Houthis' main arms supplier"
    agent_nouns: dict[str, Rule] = dataclasses.field(default_factory=dict)
    #: (verbs, objects, verbs of striking with) of using weapons against someone: "used
    #: chemical weapons against", "hit Odesa with drones"
    used_against: tuple[frozenset[str], ...] = (frozenset(), frozenset(), frozenset())
    #: verbs of holding a place: "who control Sanaa" is no event with Sanaa
    holding: frozenset[str] = frozenset()
    #: verbs whose subject controls the flow their object names: "halted arms exports"
    own_flows: frozenset[str] = frozenset()
    #: verbs of going or being somewhere for an event: "arrived in Washington for talks"
    travelling: frozenset[str] = frozenset()
    #: (verbs, nouns) of ending a hostile measure: "lifted its blockade", "the lifting of"
    ending: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    #: (verbs, visitor nouns) of receiving a visitor: "Xi received Lavrov in Beijing"
    hosting: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    #: (verbs, objects) of suffering for what one does: "will bear the consequences"
    penalties: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    #: the first words of the phrasal verbs of ``verbs`` and ``measures`` ("hand over"),
    #: filled from them: any other verb's particles are not looked at
    phrasal: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "phrasal", frozenset(
            key.split()[0] for key in (*self.verbs, *self.measures) if " " in key))


class _RuleSpec(BaseModel):
    """One trigger's entry in events.yaml (see the file's header for each field): checked
    when the lexicon is loaded, so a user's misspelt field or type is an error naming the
    entry, not a failure in the middle of a document."""

    model_config = ConfigDict(extra="forbid")
    type: str
    role: Literal["act", "give", "take", "mutual", "arrive"] = "act"
    mode: Optional[str] = None
    needs_what: bool = False
    needs_object: list[str] = []
    else_type: Optional[str] = None
    needs_doer: bool = False
    joint: Optional[str] = None
    needs_subject: list[str] = []
    intransitive: bool = False
    topic: bool = False
    needs_prep: list[str] = []
    senses: dict[str, "_RuleSpec"] = {}

    @field_validator("type", "joint")
    @classmethod
    def _plover(cls, value: str | None) -> str | None:
        if value is not None and value not in EVENT_TYPES:
            raise ValueError(f"{value!r} is not a PLOVER event type ({', '.join(EVENT_TYPES)})")
        return value


def _rules(entries: object, where: str) -> dict[str, "Rule"]:
    return {key: _rule(spec.model_dump()) for key, spec in
            validate_entries(entries, _RuleSpec, where).items()}


def _rule(spec: dict) -> Rule:
    return Rule(spec["type"], spec.get("role", "act"), spec.get("mode"),
                bool(spec.get("needs_what")), tuple(spec.get("needs_object") or ()),
                spec.get("else_type"), bool(spec.get("needs_doer")), spec.get("joint"),
                tuple(spec.get("needs_subject") or ()), bool(spec.get("intransitive")),
                tuple((str(cue), _rule(sense)) for cue, sense in
                      (spec.get("senses") or {}).items()), bool(spec.get("topic")),
                tuple(spec.get("needs_prep") or ()))


#: Dependencies of a word that can cue a trigger's sense ("general strike", "forcibly moved").
_SENSE_DEPS = frozenset({"amod", "advmod", "compound", "npadvmod"})


def _sense(token: Token, rule: Rule) -> Rule:
    """The rule of the sense a modifier, a preposition or the object (a noun's "of" phrase)
    cues, else ``rule``: "a
    general strike" and "went on strike" are protests, "a missile strike" an attack; "the
    forcible transfer of children" is a deportation, "the transfer of tanks" a delivery;
    "lifted sanctions" eases them (RETREAT), "lifted the ban on parties" concedes."""
    if not rule.senses:
        return rule
    cues = {c.lower_ for c in token.children if c.dep_ in _SENSE_DEPS or c.dep_ == "prep"}
    cues |= {c.lemma_.lower() for c in token.children if c.dep_ in ("dobj", "nsubjpass")}
    if token.pos_ == "NOUN" and (of := _of_complement(token)) is not None:
        cues.add(of.lemma_.lower())  # "a drawdown of equipment" supplies, "of troops" withdraws
    if token.pos_ == "NOUN":  # "a ban on seafood imports": what it is laid on
        cues |= {p.lemma_.lower() for c in token.children if c.dep_ == "prep" and
                 c.lower_ in ("on", "against") for p in c.children if p.dep_ == "pobj"}
    if token.dep_ == "pobj":  # "went on strike": "go on"
        cues.add(f"{token.head.head.lemma_.lower()} {token.head.lower_}")
    # who does it, as "by" and a lemma: "nurses will strike", "dock workers staged a strike"
    doer = next((c for c in token.children if c.dep_ == "nsubj"), None) \
        if token.pos_ == "VERB" else next(
            (c for c in token.head.children if c.dep_ == "nsubj"), None) \
        if token.dep_ == "dobj" else None
    if doer is None:  # "were raided by police", "a raid by police", "a police raid"
        doer = next((p for c in token.children if c.dep_ == "agent" or
                     c.dep_ == "prep" and c.lower_ == "by" and token.pos_ == "NOUN"
                     for p in c.children if p.dep_ == "pobj"), None) or (next(
                         (c for c in token.children if c.dep_ == "compound"), None)
                         if token.pos_ == "NOUN" else None)
    doer = _counted(doer)
    if doer is not None:
        cues.add(f"by {doer.lemma_.lower()}")
    return next((sense for cue, sense in rule.senses if cue in cues), rule)


def _fits(rule: Rule, args: Args) -> bool:
    """Whether a verb's arguments are those its rule asks for; a verb that does not fit is read
    through the verb dictionary instead ("froze the assets of" is a sanction, "froze talks" is
    read by CAMEO's patterns)."""
    if rule.needs_object and not _object_in(args.obj, rule.needs_object):
        return False
    if rule.needs_prep and not any((args.preps or {}).get(p) for p in rule.needs_prep):
        return False
    subject = _counted(args.subj)  # "thousands of protesters gathered"
    if rule.needs_subject and (subject is None or
                               subject.lemma_.lower() not in rule.needs_subject):
        return False
    return not (rule.intransitive and args.obj is not None)


@lru_cache(maxsize=4)
def event_rules(user_dir: str | None = None) -> EventRules:
    ev = load_lexicon("events.yaml", user_dir)
    com = load_lexicon("commodities.yaml", user_dir)
    words = {str(k): v for k, v in com.get("words", {}).items()}
    multi = sorted((k for k in words if re.search(r"[\s\-]", k)), key=len, reverse=True)
    words.update({k.lower(): words[k] for k in multi if k.lower() not in words})
    phrases = re.compile(r"\b(" + "|".join(map(re.escape, multi)) + r")\b", re.I) if multi else None
    return EventRules(
        verbs=_rules(ev.get("verbs"), "events.yaml (verbs)"),
        nouns=_rules(ev.get("nouns"), "events.yaml (nouns)"),
        measures=dict(ev.get("measures", {})), measure_nouns=dict(ev.get("measure_nouns", {})),
        words=words, phrases=phrases, containers=frozenset(com.get("containers", ())),
        collectives=frozenset(com.get("collectives", ())),
        light_verbs=frozenset(ev.get("light_verbs", ())),
        evaluations={str(k): str(v) for k, v in (ev.get("evaluations") or {}).items()},
        asking=frozenset(ev.get("asking", ())),
        asking_nouns=frozenset(ev.get("asking_nouns", ())),
        wrongdoing=frozenset(ev.get("wrongdoing", ())),
        frame_nouns=frozenset(ev.get("frame_nouns", ())),
        using=frozenset(ev.get("using", ())),
        undergoing=frozenset(ev.get("undergoing", ())),
        perishing=frozenset(ev.get("perishing", ())),
        aiming=frozenset(ev.get("aiming", ())),
        relying=frozenset(ev.get("relying", ())),
        travelling=frozenset(ev.get("travelling", ())),
        own_flows=frozenset(ev.get("own_flows", ())),
        holding=frozenset(ev.get("holding", ())),
        agent_nouns=_rules(ev.get("agent_nouns") or {}, "events.yaml (agent_nouns)"),
        used_against=(frozenset((ev.get("used_against") or {}).get("verbs", ())),
                      frozenset((ev.get("used_against") or {}).get("objects", ())),
                      frozenset((ev.get("used_against") or {}).get("striking", ()))),
        ending=(frozenset((ev.get("ending") or {}).get("verbs", ())),
                frozenset((ev.get("ending") or {}).get("nouns", ()))),
        hosting=(frozenset((ev.get("hosting") or {}).get("verbs", ())),
                 frozenset((ev.get("hosting") or {}).get("visitors", ()))),
        penalties=(frozenset((ev.get("penalties") or {}).get("verbs", ())),
                   frozenset((ev.get("penalties") or {}).get("objects", ()))),
    )


@dataclass
class Args:
    """The arguments of one trigger, as parse tokens."""

    subj: Token | None = None
    obj: Token | None = None
    dative: Token | None = None
    preps: dict[str, list[Token]] | None = None

    def prep(self, *words: str) -> Token | None:
        for word in words:
            found = (self.preps or {}).get(word)
            if found:
                return found[0]
        return None


def _preps(token: Token, into: dict[str, list[Token]]) -> None:
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.pos_ in ("ADP", "SCONJ"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    into.setdefault(child.lower_, []).append(pobj)


def verb_args(verb: Token) -> Args:
    args = Args(preps={})
    for child in verb.children:
        dep = child.dep_
        if dep == "nsubj":
            args.subj = child
        elif dep in ("dobj", "nsubjpass", "attr", "oprd") and args.obj is None:
            args.obj = child
        elif dep == "dative" and child.pos_ != "ADP":
            args.dative = child
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if args.dative is None and len(objects) == 2 and objects[0].pos_ == "PROPN" and \
            objects[1].pos_ != "PROPN":
        # "gave Ukraine up to $2 billion": the parser made the recipient an object and the
        # goods a second one
        args.dative, args.obj = objects
    passive_recipient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    goods = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if passive_recipient is not None and goods is not None and args.dative is None:
        # "Ukraine was given 31 Abrams tanks by the United States": the passive subject of a
        # verb that keeps its object is the one given to
        args.obj, args.dative = goods, passive_recipient
    if args.obj is None:
        args.obj = _stranded_passive_subject(verb) or _loose_object(verb) or \
            _shared_object(verb)
    _preps(verb, args.preps)
    if args.obj is not None:
        _preps(args.obj, args.preps)
    if "by" in args.preps and (any(c.dep_ == "nsubjpass" for c in verb.children)
                               or args.obj == verb.head):
        args.subj = args.preps["by"][0]  # "missiles (were) supplied by Iran"
    if _passive_adjunct(verb):
        # "Jailed by the authorities, the activist ...": the clause's subject underwent it
        clause = verb.head.head if verb.dep_ == "pcomp" else verb.head
        args.obj = args.obj or next((c for c in clause.children
                                     if c.dep_ in ("nsubj", "nsubjpass")), None)
        args.subj = args.preps["by"][0] if "by" in args.preps else None
        return args
    if args.subj is None:
        args.subj = _gerund_subject(verb) or _inherited_subject(verb) or _headline_subject(verb)
    return args


def _headline_subject(verb: Token) -> Token | None:
    """The subject of a headline infinitive the parser left unattached ("UK to give Ukraine
    10,000 more drones": "UK" a bare dependent before "to")."""
    named = headline_root_name(verb)  # "UAE to send aid to Sudan": the name made the root
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if named is not None or to is None or verb.dep_ != "ROOT":
        return named
    return next((c for c in verb.children if c.dep_ in ("dep", "npadvmod") and c.i < to.i and
                 c.pos_ in ("PROPN", "NOUN")), None)


def _passive_adjunct(verb: Token) -> bool:
    """A passive participle set before or after a clause ("Imprisoned by the regime, Kara-Murza
    ...", "After being detained by police, the journalists ..."): its doer is its "by" phrase,
    and the clause's subject is the one it was done to, not its doer."""
    if verb.tag_ != "VBN" or not (verb.dep_ == "advcl" or verb.dep_ == "pcomp" and
                                  verb.head.dep_ == "prep" and verb.head.head.pos_ == "VERB"):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass") or c.dep_ == "aux" and c.lemma_ == "have"
                   for c in verb.children)


def _loose_object(verb: Token) -> Token | None:
    """An object the parser could not attach after a fronted "to" phrase ("is exporting to
    Russia nitrocellulose, ...", parsed as a bare dependent), or the noun a passive participle
    describes ("weapons sourced from North Korea")."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return next((c for c in verb.children if c.dep_ == "dep" and c.pos_ == "NOUN"
                 and c.i > verb.i), None)


def _shared_object(verb: Token) -> Token | None:
    """The object of two verbs joined tightly ("arrested and beat several protesters",
    "detained and questioned a journalist"): the parser gives it to the second only."""
    doc = verb.doc
    if verb.i + 2 >= len(doc) or doc[verb.i + 1].dep_ != "cc" or \
            doc[verb.i + 1].lower_ != "and":
        return None  # "procures or produces these UAVs": one or the other
    second = doc[verb.i + 2]
    if second.dep_ != "conj" or second.head.i != verb.i or second.pos_ != "VERB":
        return None
    return next((c for c in second.children if c.dep_ == "dobj"), None)


def _gerund_subject(verb: Token) -> Token | None:
    """The subject of a gerund right after a name: "in response to Russia using weapons",
    "criticised Russia using drones" (the parser takes the name as an object)."""
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if verb.tag_ != "VBG" or before is None or before.dep_ not in ("pobj", "dobj") \
            or before.pos_ != "PROPN":
        return None
    return before


def _stranded_passive_subject(verb: Token) -> Token | None:
    """The subject of a passive the parser attached elsewhere ("Between January and May, about
    9 million rounds were shipped" parsed with "rounds" under "Between"): the noun phrase that
    ends just before the passive auxiliary."""
    aux = next((c for c in verb.children if c.dep_ == "auxpass"), None)
    if aux is None or aux.i == 0:
        return None
    before, found = aux.doc[aux.i - 1], None
    for token in (before, *before.ancestors):  # the outermost phrase that ends there
        if token.right_edge.i != aux.i - 1 or token.i >= aux.i:
            break
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("pobj", "conj", "appos"):
            found = token
    return found


def _inherited_subject(verb: Token) -> Token | None:
    """The subject of a governing verb: "agreed to provide", "signed and ratified"; the object
    of an object-control verb: "accused Pyongyang of sending", "convince Pyongyang to sell"."""
    node = verb
    for _ in range(5):
        if node.dep_ == "acl" and node.head.pos_ == "NOUN":
            # "Russia's attempts to acquire", "Russia's decision to source arms"; a noun of
            # intent one has or makes: "Japan has no plans to send", "made efforts to acquire"
            holder = node.head.head if node.head.dep_ == "dobj" and \
                node.head.head.lemma_.lower() in ("have", "make") else None
            return next((c for c in node.head.children if c.dep_ == "poss"), None) or \
                _named_owner(node.head) or (next(
                    (c for c in holder.children if c.dep_ == "nsubj"), None)
                    if holder is not None else None)
        if node.dep_ not in ("xcomp", "conj", "advcl", "pcomp", "acomp") or node.head is node:
            return None
        # a participle beside the clause ("is helping Ukraine, supplying ...") is the
        # subject's doing, not a complement the object is made to do
        coordinated = node.dep_ == "conj" or node.dep_ == "advcl" and not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        if node.dep_ == "pcomp" and node.head.dep_ == "prep":
            node = node.head
            owner = node.head
            if owner.lemma_.lower() in ("responsibility", "credit") and \
                    owner.head.lemma_.lower() in _CLAIMING:
                # "the Houthis claimed responsibility for targeting a US warship"
                return next((c for c in owner.head.children if c.dep_ == "nsubj"), None)
            if node.lower_ == "for" and owner.pos_ == "VERB":
                rewarded = _for_doing(owner)
                if rewarded is not None:
                    return rewarded
        node = node.head
        # a verb coordinated with a control verb shares its subject, not its object:
        # "condemned the test and called on Pyongyang to stop"
        controller = None if coordinated else _controller(node)
        if controller is not None:
            return controller
        # the last subject: "Colleagues, Russia started the war by invading" (a vocative first)
        for child in reversed(list(node.children)):
            if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and _raising(node)):
                return child
    return None


#: Nouns of a measure laid "on" someone for what they did: "imposed sanctions on Iranian
#: officials for sending drones".
_LAID_ON = frozenset({"sanction", "penalty", "fine", "tariff", "restriction", "ban", "measure",
                      "visa"})


def _for_doing(verb: Token) -> Token | None:
    """Who is rewarded or punished "for" doing what a gerund says: the verb's object when it
    names someone ("blacklisted Chinese companies for supplying chips", "thanked Germany for
    sending tanks"), the one a sanction is laid on ("imposed sanctions on Iranian officials
    for sending drones"), the passive subject ("firms were sanctioned for selling")."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None and obj.lemma_.lower() in _LAID_ON:
        return next((p for c in obj.children if c.dep_ == "prep" and c.lower_ in
                     ("on", "against") for p in c.children if p.dep_ == "pobj"), None)
    if obj is not None and (obj.pos_ == "PROPN" or obj.ent_type_ in _ACTOR_ENTS or any(
            c.dep_ in ("amod", "compound") and (c.pos_ == "PROPN" or c.ent_type_ in _ACTOR_ENTS)
            for c in obj.children)):
        return obj
    if obj is None:
        return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return None


#: Entity types that name actors or their kind ("Chinese companies": NORP).
_ACTOR_ENTS = frozenset({"NORP", "GPE", "ORG", "PERSON"})


def _named_owner(noun: Token) -> Token | None:
    """Whose ability or attempt a noun is, named in its "by" or "of" phrase: "attempts by the
    DPRK to evade", "the capabilities of the Houthi militia to conduct attacks"."""
    found = {}
    _preps(noun, found)
    for owner in (*found.get("by", ()), *found.get("of", ())):
        if owner.pos_ == "PROPN" or any(c.pos_ == "PROPN" for c in owner.children
                                        if c.dep_ in ("compound", "amod", "nmod")):
            return owner
    return None


def _controller(governor: Token) -> Token | None:
    """The object that does what an object-control verb's complement says: "urged Iran to",
    "called on Russia to" (the object of "on")."""
    if governor.lemma_.lower() not in _OBJECT_CONTROL:
        return None
    # one called is telephoned ("Biden called Netanyahu to urge restraint"); one called on,
    # upon or for is asked
    found = next((c for c in governor.children if c.dep_ == "dobj"), None) \
        if governor.lemma_.lower() != "call" else None
    if found is None:  # "Iran was accused of supplying drones", "Russia was urged to withdraw"
        found = next((c for c in governor.children if c.dep_ == "nsubjpass"), None)
    if found is None:
        found = next((p for c in governor.children if c.dep_ == "prep" and c.lower_ in
                      ("on", "upon", "with", "to") and not says_when(c) for p in c.children
                      if p.dep_ == "pobj"), None)  # "pleaded with Congress", "appealed to"
    if found is None and any(c.dep_ == "xcomp" for c in governor.children):
        # "called for Iran to release them": "for" introduces the infinitive's subject
        found = next((p for c in governor.children if c.dep_ == "prep" and c.lower_ == "for"
                      for p in c.children if p.dep_ == "pobj"), None)
    if found is None:  # ... or parses it as the subject of a for-to clause
        found = next((s for c in _complements(governor) if any(
            m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
            for s in c.children if s.dep_ == "nsubj"), None)
    return found


def _complements(verb: Token) -> list[Token]:
    """Clauses saying what a verb asks or frames: "urged Iran to stop", "called for Iran to
    release them" (the parser makes a for-to clause an adverbial one)."""
    return [c for c in verb.children if c.pos_ in ("VERB", "AUX") and (
        c.dep_ in ("xcomp", "ccomp") or c.dep_ == "advcl" and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children))]


def _raising(verb: Token) -> bool:
    """"China is believed to have supplied": the passive subject is the doer."""
    return verb.lemma_.lower() in _RAISING


def noun_args(noun: Token) -> Args:
    args = Args(preps={})
    _preps(noun, args.preps)
    for child in noun.children:
        if child.dep_ == "poss":
            args.subj = child
    if args.subj is None and noun.dep_ in ("dobj", "attr"):
        # "Russia has a stockpile of ...": the holder is the subject of the governing verb
        args.subj = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    args.obj = args.prep("of")
    if "by" not in args.preps and (agent := _stray_agent(noun, args.obj)) is not None:
        args.preps["by"] = [agent]
    if args.obj is None and noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
        shared = _of_complement(noun.head)  # "training and deployment of troops"
        args.obj = shared if shared is not None and shared.i > noun.i else None
    return args


def _stray_agent(noun: Token, of: Token | None) -> Token | None:
    """The agent of an event noun that the parser hung elsewhere: on the noun's "of" phrase
    ("the arrest of three journalists by Belarusian police") or on the active verb whose
    object the noun is ("criticised the detention of a journalist by Turkish authorities",
    where an active verb has no agent of its own). Only a phrase naming a nation, a place,
    an organisation or a person is taken ("by rail", "by 20 percent" are not agents)."""
    holders = [of] if of is not None else []
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and not any(
            c.dep_ in ("auxpass", "nsubjpass") for c in noun.head.children):
        holders.append(noun.head)
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ != "by" or prep.i < noun.i:
                continue
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("NOUN", "PROPN") and any(
                    t.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") for t in pobj.subtree):
                return pobj
    return None


def classify(token: Token | None, rules: EventRules) -> tuple[str | None, Token | None]:
    """The commodity category of an object phrase, and the token that names it."""
    if token is None:
        return None, None
    if rules.phrases is not None:  # the phrase first: "military aid" is weapons, not money
        words = token.doc[token.left_edge.i: token.i + 1]
        phrase = " ".join(t.lemma_ for t in words)  # lemmas: "machine tools" -> "machine tool"
        match = rules.phrases.search(phrase) or rules.phrases.search(words.text)
        category = match and (rules.words.get(match.group(1)) or
                              rules.words.get(match.group(1).lower()))
        if category:
            return category, token
    category = _word_category(token, rules)
    if category:
        return category, token
    if token.lemma_.lower() in rules.containers or token.lower_ in _NUMBER_WORDS or token.pos_ == "NUM":
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                inner = next((c for c in child.children if c.dep_ == "pobj"), None)
                category, named = classify(inner, rules)
                if category:
                    return category, named
    for cand in token.children:
        if cand.dep_ in ("compound", "amod"):
            category = _word_category(cand, rules)
            if category:
                return category, token
    return None, None


def _word_category(token: Token, rules: EventRules) -> str | None:
    """The category of one word: its lemma, as written, or a name's plural read by its
    singular ("Patriots", "F-16s", "Shaheds": the lemmatizer leaves names as they are)."""
    category = rules.words.get(token.lemma_.lower()) or rules.words.get(token.text)
    if category is None and token.text[:1].isupper() and len(token.text) > 3 and \
            token.text.endswith("s") and not token.text.endswith("ss"):
        category = rules.words.get(token.text[:-1])
    return category


def quantity_of(obj: Token, named: Token | None, rules: EventRules) -> Quantity | None:
    """The figure attached to an object phrase ("up to 4.8 million shells")."""
    doc = obj.doc
    if obj.lower_ in _NUMBER_WORDS or obj.pos_ == "NUM":
        start, end = obj.left_edge.i, obj.i + 1
    else:
        parts = [t for c in obj.children if c.dep_ in _QUANT_DEPS and c.i < obj.i
                 for t in c.subtree]
        if not any(_numeric(t) for t in parts):
            parts = _misattached_figure(obj)
        if not parts:
            return None
        start, end = min(t.i for t in parts), obj.i + 1  # the head keeps "dollars", "%"
    return parse_quantity(doc[start:end].text, unit=_unit(obj, named, rules))


def _numeric(token: Token) -> bool:
    return token.like_num or token.lower_ in _NUMBER_WORDS or token.text in "$€£%"


def _misattached_figure(obj: Token) -> list[Token]:
    """A figure the parser hung on a compound ("about 250,000 artillery rounds" parsed with
    250,000 modifying "artillery"): the numeric run just left of the noun phrase's compounds."""
    doc, i = obj.doc, obj.i - 1
    while i > obj.left_edge.i and doc[i].dep_ in ("compound", "amod", "nsubj") and not _numeric(doc[i]):
        i -= 1
    if i < obj.left_edge.i or not _numeric(doc[i]):
        return []
    return [t for t in doc[i].subtree if t.i < obj.i]


def _unit(obj: Token, named: Token | None, rules: EventRules) -> str | None:
    """What the figure counts, as written: the container when there is one ("thousands of
    shipping containers of munitions" counts containers), else the named commodity."""
    if obj.lower_ in _NUMBER_WORDS or obj.pos_ == "NUM":
        inner = _of_complement(obj)
        if inner is not None and inner.lemma_.lower() in rules.containers:
            return inner.lemma_.lower()
        return named.lemma_.lower() if named is not None else None
    if named is not None and named is not obj and obj.lemma_.lower() not in rules.containers:
        return named.lemma_.lower()
    return obj.lemma_.lower()


def _of_complement(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _rate_and_total(trigger: Token, quantity: Quantity | None) -> Quantity | None:
    if quantity is None:
        return None
    context = " ".join(t.text for t in trigger.subtree if t.dep_ not in ("ccomp",))
    per = quantity.per or rate_of(quantity, context)
    cumulative = quantity.cumulative or is_cumulative(context)
    if per == quantity.per and cumulative == quantity.cumulative:
        return quantity
    return Quantity(**{**quantity.to_dict(), "per": per, "cumulative": cumulative and not per})


def date_of(trigger: Token, published: str | None,
            reporting: Collection[str] = ()) -> DateInfo | None:
    """The date expression nearest the trigger: in its subtree first, else in its sentence."""
    sent = sentence_of(trigger)
    ents = [e for e in entities_in(sent) if e.label_ == "DATE"]
    anaphor = _DATE_ANAPHOR.search(sentence_text(sent))
    if anaphor is not None and not any(_DATE_ANAPHOR.fullmatch(e.text) for e in ents):
        found = _antecedent_date(sent, anaphor.group(0), published)
        if found is not None:
            return found
    # "sent 15,000 troops, including 3,000 dispatched early this year": a date inside a clause
    # that modifies a noun dates that clause, not the trigger
    nested = {t.i for d in trigger.subtree if d.dep_ in ("acl", "relcl") and d is not trigger
              for t in d.subtree}
    ents = [e for e in ents if e.root.i not in nested]
    if not ents:
        return None
    subtree = {t.i for t in trigger.subtree}
    return _nearest(ents, trigger, subtree, published, reporting)


def _antecedent_date(sent: Span, text: str, published: str | None) -> DateInfo | None:
    """"that year", "the same month": the latest date named before, in this sentence or the
    one before it, at year or month granularity."""
    window = sent.doc[_previous_sentence_start(sent):sent.end]
    named = [e for e in entities_in(window) if e.label_ == "DATE" or _YEAR.fullmatch(e.text)]
    for ent in reversed(named):  # the tagger sometimes calls a bare year CARDINAL
        if _DATE_ANAPHOR.fullmatch(ent.text):
            continue
        info = resolve_date(ent.text, published)
        if info.status != "unresolved" and info.granularity in ("year", "month"):
            return DateInfo(info.start, info.end, info.granularity, text, "approximate",
                            f"refers back to {ent.text!r}")
    return None


def _previous_sentence_start(sent: Span) -> int:
    if sent.start == 0:
        return 0
    return sentence_of(sent.doc[sent.start - 1]).start


def _nearest(ents: list[Span], trigger: Token, subtree: set[int], published: str | None,
             reporting: Collection[str]) -> DateInfo:
    ents.sort(key=lambda e: (e.root.i not in subtree, abs(e.root.i - trigger.i)))
    ent = _interval(ents[0], ents)
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ in _DATE_PREPOSITIONS:
        info = resolve_date(f"{before.text} {ent.text}", published)  # "since August 2023"
        return _until_said(info, ents, trigger, published, reporting) \
            if before.lower_ == "since" else info
    info = resolve_date(ent.text, published)
    if ent.root.i not in subtree and _said_when(ent, trigger, reporting) and info.end is not None:
        # "HUR said in February that 1.5 million shells had reached Russia": February dates
        # the statement, so the fact holds by then, not during it
        return DateInfo(None, info.end, "open", info.text, "approximate",
                        "date of the statement that reports it: true by then")
    return info


def _until_said(info: DateInfo, ents: list[Span], trigger: Token, published: str | None,
                reporting: Collection[str]) -> DateInfo:
    """"X said in mid-February that Russia had launched 24 missiles since late December": the
    running total ends when it was said, not when it was reported."""
    said = next((e for e in ents if _said_when(e, trigger, reporting)), None)
    stated = resolve_date(said.text, published) if said is not None else None
    if stated is None or stated.end is None or info.start is None or stated.end < info.start \
            or (info.end is not None and stated.end >= info.end):
        return info
    return DateInfo(info.start, stated.end, info.granularity, f"{info.text} ({said.text})",
                    "approximate", "a running total as of the statement that reports it")


def _interval(ent: Span, ents: list[Span]) -> Span:
    """The two ends of an interval the tagger split ("between August 2022 and March 2023")
    as one span; otherwise ``ent``."""
    doc = ent.doc
    for first, second in [*((ent, e) for e in ents), *((e, ent) for e in ents)]:
        if second.start != first.end + 1:
            continue
        link = doc[first.end].lower_
        opened = first.start > 0 and doc[first.start - 1].lower_ == "between"
        if link in ("to", "until", "till", "through", "-") or (link == "and" and opened):
            return doc[first.start:second.end]
    return ent


def _said_when(ent: Span, trigger: Token, reporting: Collection[str]) -> bool:
    """Whether a date hangs on a reporting verb that governs the trigger."""
    head = ent.root.head.head if ent.root.head.pos_ == "ADP" else ent.root.head
    return head.lemma_.lower() in reporting and head in trigger.ancestors


@dataclass
class Context:
    """What extraction needs about the document being read."""

    doc_id: str
    published: str | None
    mentions: Mentions
    rules: EventRules
    modality: ModalityRules
    sentence: int = 0
    #: (sentence number, suppliers, recipients) of the latest flow with both sides named
    last_flow: tuple[int, list[ActorRef], list[ActorRef]] | None = None
    #: trigger token index -> what the argument patterns (sinew.patterns) bound around it
    bindings: Mapping[int, list[Binding]] = dataclasses.field(default_factory=dict)
    #: the CAMEO verb dictionary (sinew.cameo.VerbDictionary) for verbs events.yaml lacks
    verbs: object | None = None
    #: code the return event of a paired dictionary code (PETRARCH's convention)
    return_events: bool = False
    #: keep events with one side unknown (see ONE_SIDED_TYPES)
    one_sided: bool = False
    #: token index -> its verb-dictionary match, each verb matched once
    matched: dict[int, object] = dataclasses.field(default_factory=dict)
    #: event type -> (sentence number, actors, recipients) of its latest fully named event
    last_event: dict[str, tuple[int, list[ActorRef], list[ActorRef]]] = \
        dataclasses.field(default_factory=dict)


@dataclass
class Found:
    """One trigger's reading before it becomes records."""

    trigger: Token
    kind: str
    type: str
    mode: str | None
    actors: list[ActorRef]
    recipients: list[ActorRef]
    what: What | None
    quantity: Quantity | None
    part: int = 0
    #: the modality when the reading fixes it ("X must stop" demands, whatever "must" says)
    modality: str | None = None


#: The parts of speech an event is read from: verbs, event nouns ("deliveries") and
#: judgements ("appalled"); any other token triggers nothing, so it is not looked at.
_TRIGGER_POS = frozenset({"VERB", "NOUN", "ADJ"})


def extract_sentence(sent: Span, ctx: Context) -> Iterator[Record]:
    """Every event and measure that one sentence states, hedges or denies."""
    ctx.sentence += 1
    said: set[tuple] = set()
    read: list[tuple[Found, Record]] = []
    requests: list[Found] = []  # every demand read, coded or not: what it asks is no event
    for token in sent:
        if token.pos_ in _TRIGGER_POS:
            for found in _read(token, ctx):
                found = _home_victims(_domestic(_other_state(_held_by_a_state(
                    _population(found, ctx), ctx), sent, ctx)), ctx)
                found = _carried_sides(found, ctx)
                if found.kind == "event" and found.type == "REQUEST":
                    requests.append(found)
                read.extend((found, record) for record in _records(found, ctx))
                protest = _presupposed_protest(found)
                if protest is not None:  # "the crackdown on peaceful protesters"
                    read.extend((protest, record) for record in _records(protest, ctx))
        if token.dep_ == "nsubj" and token.head.dep_ == "ROOT":
            # "Iran says it sends ...": a subject is an antecedent for what follows it
            ctx.mentions.note_subject(ctx.mentions.resolve(token))
    read = _requests_for_deeds(read, ctx)
    asked = _asked_content([*requests, *(found for found, _ in read)])
    asked_by_nouns = _asked_by_nouns(requests, ctx.rules)
    kept: list[tuple[int, Record]] = []
    for found, record in read:
        if found.type not in _KEPT_WHEN_ASKED and (found.trigger.i in asked_by_nouns or (
                found.trigger.i in asked and (record.modality in NON_FACTUAL or
                                              found.trigger.pos_ == "NOUN"))):
            continue  # what a demand asks for is the demand's content, not an event
        if _discussed(found.trigger, ctx):
            continue  # "talks about potential arms deals": what is discussed, not done
        if _said(record) not in said:  # two cues of one event ("warned ... will pay")
            said.add(_said(record))
            kept.append((found.trigger.i, record))
    for at, record in kept:
        if not any(other_at == at and _narrower(other, record) for other_at, other in kept):
            yield record


def _read(token: Token, ctx: Context) -> list[Found]:
    """Every reading of one trigger token: as a trigger of the lexicon, then as an obligation
    or a demand, a penalty, the use of another state's goods (each reader for the parts of
    speech it can read)."""
    found = list(_readings(token, ctx))
    if token.pos_ == "VERB":
        found += [*_obligation(token, ctx), *_request(token, ctx), *_penalty(token, ctx),
                  *_foreign_goods(token, ctx)]
    elif token.pos_ == "NOUN":
        found += [*_request(token, ctx), *_foreign_goods(token, ctx)]
    return found


def _narrower(other: Record, record: Record) -> bool:
    """Whether ``other``, read from the same trigger, is ``record``'s event with a side named
    more narrowly: where one trigger reads a state and one of its parts on the same side
    ("strikes on Houthi targets in Yemen": the Houthis, not Yemen; "U.S. and British forces":
    British forces, not Britain), the part is the side."""
    if other is record or other.kind != record.kind or other.type != record.type or \
            other.what != record.what or other.modality != record.modality:
        return False
    pairs = [(other.actor, record.actor), (other.recipient, record.recipient)]
    if any(_side_code(o) != _side_code(r) and not _within(o, r) for o, r in pairs):
        return False
    return any(_within(o, r) for o, r in pairs)


def _side_code(ref: ActorRef | None) -> str | None:
    return ref.code if ref is not None else None


def _within(part: ActorRef | None, whole: ActorRef | None) -> bool:
    """``part`` is a sector of the state ``whole`` names bare ("YEMREB" of "YEM")."""
    return part is not None and whole is not None and whole.country is not None and \
        whole.code == whole.country and part.country == whole.country and \
        part.code != whole.code


def _requests_for_deeds(read: list[tuple[Found, Record]], ctx: Context
                        ) -> list[tuple[Found, Record]]:
    """"Germany called for the withdrawal of Eritrean forces", "Britain demanded the
    withdrawal of Russian troops": a demand whose object is a deed asks the deed's doer."""
    requests = {f.trigger.i: f for f, _ in read if f.kind == "event" and f.type == "REQUEST"}
    asked: dict[int, Found] = {}
    for found, _ in read:
        demand = _demand_of_deed(found.trigger, requests, ctx)
        if demand is None or found.type == "REQUEST" or not found.actors or demand.i in asked:
            continue
        request = requests.get(demand.i)
        if request is None:
            askers = [r for r in ctx.mentions.resolve_all(verb_args(demand).subj) if r.code]
            asked[demand.i] = Found(demand, "event", "REQUEST", None, askers, found.actors,
                                    None, None)
        elif not request.recipients:
            asked[demand.i] = dataclasses.replace(request, recipients=found.actors)
    if not asked:
        return read
    kept = [(f, r) for f, r in read if f.trigger.i not in asked or f.type != "REQUEST"]
    return kept + [(f, r) for f in asked.values() for r in _records(f, ctx)]


def _demand_of_deed(noun: Token, requests: dict[int, Found], ctx: Context) -> Token | None:
    """The asking verb or demand whose object is this deed ("called for the withdrawal",
    "demanded the release")."""
    if noun.pos_ != "NOUN":
        return None
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "for":
        head = head.head
        if any(c.dep_ in ("dobj", "prt") for c in head.children):
            return None  # "called out Russia for its attacks": why, not what is asked
    elif noun.dep_ != "dobj":
        return None
    if head.i in requests or head.lemma_.lower() in ctx.rules.asking:
        return head
    return None


def _asked_by_nouns(found: Iterable[Found], rules: EventRules) -> set[int]:
    """The verbs of what demand nouns ask ("our call for Russia to withdraw its forces"):
    asked, whatever modality their own words give them, so no event of their own."""
    inside: set[int] = set()
    for reading in found:
        if reading.kind == "event" and reading.type == "REQUEST" and \
                reading.trigger.pos_ == "NOUN":
            clause = _request_clause(reading.trigger, rules)
            if clause is not None:
                inside.update(t.i for t in clause.subtree if t.pos_ in ("VERB", "AUX"))
    return inside


def _asked_content(found: Iterable[Found]) -> set[int]:
    """The tokens of what the sentence's demands ask for: "called on Russia to withdraw",
    "Iran must stop its effort to arm the Houthis", "the call for the Taliban to end their
    campaign". PLOVER codes the REQUEST (its mode says what is asked); the asked-for
    withdrawal or arming is not an event of its own. The demander and the one asked stay
    outside (they are the REQUEST's sides, and may act in events of their own)."""
    inside: set[int] = set()
    for reading in found:
        if reading.kind != "event" or reading.type != "REQUEST":
            continue
        for child in reading.trigger.children:
            if child.dep_ not in _ASKING_SIDES:
                inside.update(t.i for t in child.subtree if _asked(t, reading.trigger))
    return inside


def _discussed(trigger: Token, ctx: Context) -> bool:
    """Whether an event noun is what talks are about ("discussions about potential arms deals",
    "negotiations on a ceasefire", "discussed a truce"): PLOVER codes the CONSULT; the deal or
    truce under discussion is not an event of its own."""
    if trigger.pos_ != "NOUN":
        return False
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ in _TOPIC_PREPS:
        head = head.head
    elif trigger.dep_ != "dobj":
        return False
    rule = ctx.rules.nouns.get(head.lemma_.lower()) if head.pos_ == "NOUN" else \
        ctx.rules.verbs.get(head.lemma_.lower())
    return rule is not None and rule.type == "CONSULT"


def _asked(token: Token, demand: Token) -> bool:
    """Whether a token in a demand's scope is an asked-for action: a verb, or a noun the
    demand takes itself ("called for the withdrawal of"); "ending its attacks" asks for the
    ending, and the attacks it presupposes are events of their own."""
    if token.pos_ in ("VERB", "AUX"):
        return True
    node = token.head
    while node.i != demand.i and node.head.i != node.i:
        if node.pos_ in ("VERB", "AUX"):
            return False
        node = node.head
    return True


def _other_state(found: Found, sent: Span, ctx: Context) -> Found:
    """"Russia's daily assaults have brought chaos into the lives of the people of Ukraine",
    "missiles on Kyiv killed 18 people", "the UK announces sanctions aimed at dismantling
    Russia's spy networks": an attack, coercion, sanction or threat whose own phrases name no
    state as its target is aimed at the one other state its sentence names (a place inside a
    state is that state; a source the sentence reports is not named as a target). A sentence
    naming two other states says nothing."""
    own = {a.country for a in found.actors}
    if found.kind != "event" or found.type not in _AIMED or not own or None in own or \
            any(r.country for r in found.recipients):
        return found
    others: dict[str, ActorRef] = {}
    trigger = found.trigger
    subject = next((c for c in trigger.children if c.dep_ in ("nsubj", "csubj")), None) \
        if trigger.pos_ == "VERB" else None
    for mention in ctx.mentions.mentioned(sent):
        if subject is not None and _beside_the_doer(mention.span.root, subject):
            continue
        ref = ctx.mentions.resolve(mention.span.root)
        if ref is not None and ref.country and ref.country not in own and \
                not _reports(mention.span.root, ctx) and not _acts(mention.span.root) and \
                not _origin_of_goods(mention.span.root, ctx) and \
                not _acting_with(mention.span.root) and not _within_backing(mention.span.root) \
                and not _reacting(mention.span.root):
            others.setdefault(ref.country, ref)
    if len(others) != 1:
        return found
    state = next(iter(others.values()))
    hit = [dataclasses.replace(r, code=state.country + (r.code or ""), country=state.country,
                               sector=r.code, how="sentence") for r in found.recipients if r.code]
    return dataclasses.replace(found, recipients=hit or [dataclasses.replace(
        state, code=state.country, sector=None, how="sentence")])


def _reacting(token: Token) -> bool:
    """Whether a mention names who reacts to a deed ("drew condemnation from Britain",
    "prompted outrage in Jordan"): no target of the deed."""
    while token.dep_ in _MODIFIER_DEPS and token.head.i != token.i:
        token = token.head
    if token.dep_ != "pobj" or token.head.lower_ not in ("from", "in", "among", "by"):
        return False
    holder = token.head.head
    return holder.lemma_.lower() in _REACTION_NOUNS or (
        holder.lemma_.lower() in _DRAWING and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _REACTION_NOUNS for c in holder.children))


def _beside_the_doer(token: Token, subject: Token) -> bool:
    """An owner named in the doer's own phrase, in what the doer gives or does it for ("Iran's
    support for Russia's war threatens ...", "China's purchases of Iranian oil"): no target.
    What the phrase aims at or where it is stays one ("a missile aimed at Ukraine's grid",
    "troops in Ukraine's Donetsk region", "missiles on Kyiv")."""
    if not subject.left_edge.i <= token.i <= subject.right_edge.i or \
            token.dep_ not in _MODIFIER_DEPS:
        return False
    node = token
    while node.i != subject.i and node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return False  # "aimed at", "targeting"
        if node.dep_ == "prep":
            return node.lower_ in ("for", "of", "to", "with", "from")
    return False


#: Words whose "with" phrase names a partner in what the clause does: "in coordination with
#: the UK", "together with our allies", "jointly with France".
_PARTNERING = frozenset({"coordination", "cooperation", "partnership", "conjunction",
                         "consultation", "concert", "together", "jointly", "along"})


#: Nouns of backing: in a "with", "through" or "thanks to" phrase they name who backs the
#: clause's doer, not whom it acts on ("Russia vetoed the resolution with China's support",
#: "with the help of Iranian advisers, Syrian troops shelled the town").
_BACKING = frozenset({"support", "help", "backing", "assistance", "aid", "blessing",
                      "approval", "consent", "acquiescence", "connivance", "complicity",
                      "collusion", "encouragement", "involvement", "participation"})


def _backing_phrase(token: Token) -> bool:
    """``token`` is a noun of backing in a "with", "through" or "thanks to" phrase."""
    if token.dep_ != "pobj" or token.lemma_.lower() not in _BACKING:
        return False
    prep = token.head
    return prep.lower_ in ("with", "through", "via") or (
        prep.lower_ == "to" and prep.i > 0 and token.doc[prep.i - 1].lower_ == "thanks")


def _within_backing(token: Token) -> bool:
    """``token`` names a backer: it is, or lies inside the noun phrase of, a noun of backing in
    a "with" phrase ("with support from Australia and Bahrain", "with Iranian backing")."""
    node = token
    for _ in range(8):
        if _backing_phrase(node):
            return True
        if node.pos_ in ("VERB", "AUX") or node.head is node:
            return False
        node = node.head
    return False


def _co_subjects(verb: Token, subject: Token | None) -> list[Token]:
    """Who acts with a verb's subject, named beside it rather than coordinated: "Britain, along
    with France, condemned ...", "Russia, together with China, vetoed ...", "The United States
    as well as Britain condemned ..." (the parser makes both subjects)."""
    if subject is None:
        return []
    found = [c for c in verb.children if c.dep_ == "nsubj" and c is not subject and
             any(a.dep_ == "cc" and a.lower_ == "as" for a in (*subject.children, *c.children))]
    doc = verb.doc
    if verb.tag_ in ("VBP", "VBZ", "VB") and verb.dep_ == "ROOT":  # "Russia, Iran sign treaty":
        # a headline's subjects (in the present) joined by a comma, the first opening it
        found += [c for c in verb.children if c.dep_ in ("npadvmod", "dep", "nsubj") and
                  c is not subject and
                  c.pos_ == "PROPN" and c.i + 2 == subject.left_edge.i and
                  doc[c.i + 1].text == "," and c.left_edge.i == sentence_of(verb).start]
        # "Armenia, Azerbaijan agree on ...": the first hung on the second as its modifier
        found += [c for c in subject.children if c.dep_ in ("nmod", "compound", "npadvmod") and
                  c.pos_ == "PROPN" and c.i + 2 == subject.i and doc[c.i + 1].text == "," and
                  c.left_edge.i == sentence_of(verb).start]
    for holder in (verb, subject):
        for prep in (c for c in holder.children if c.dep_ == "prep"):
            inner = next((c for c in prep.children if c.dep_ == "prep" and c.lower_ == "with"),
                         None) if prep.lower_ == "along" else prep
            if inner is None:
                continue
            partner = next((c for c in inner.children if c.dep_ == "pobj"), None)
            if partner is not None and (prep.lower_ in ("along", "alongside") or
                                        _acting_with(partner)):
                found.append(partner)
    return found


def _acting_with(token: Token) -> bool:
    """A partner of the clause's actor, not its target: "In coordination with the United
    Kingdom, the United States designated ...", "alongside Britain, the US struck ..."."""
    prep = token.head
    if token.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    return prep.lower_ == "alongside" or prep.lower_ == "with" and (
        prep.head.lower_ in _PARTNERING or token.doc[prep.i - 1].lower_ in _PARTNERING)


#: Modes of coercion laid on a whole population: curfews, states of emergency, martial law.
_POPULATION_MODES = frozenset({"curfew", "martial-law"})


def _population(found: Found, ctx: Context) -> Found:
    """A curfew, a state of emergency or martial law, imposed or lifted, is laid on the people
    of the place it covers, else of the state that declares it: "Bangladesh imposed a
    nationwide curfew" (BGDCVL), "Ethiopia declared martial law in the Amhara region",
    "Georgia lifted the curfew in Tbilisi" (PLOVER COERCE curfew and martial-law, and their
    easing)."""
    if found.kind != "event" or any(r.code for r in found.recipients):
        return found
    trigger = found.trigger
    if found.type == "COERCE" and found.mode in _POPULATION_MODES:
        measure = trigger
    elif found.type in ("RETREAT", "CONCEDE") and trigger.pos_ == "VERB":
        measure = next((c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass") and
                        _population_measure(c, ctx)), None)
    else:
        return found
    if measure is None:
        return found
    places = _place_target(noun_args(measure), ctx) if measure.pos_ == "NOUN" else []
    holder = measure.head if measure.pos_ == "NOUN" and measure.dep_ in ("dobj", "nsubjpass") \
        else trigger
    places = places or (_place_target(verb_args(holder), ctx) if holder.pos_ == "VERB" else [])
    country = next((r.country for r in places if r.country), None) or next(
        (a.country for a in found.actors if a.country), None)
    if country is None:
        return found
    name = ctx.mentions.lexicon.names.get(country, country)
    people = ActorRef(country + "CVL", name, measure.text, country=country, sector="CVL",
                      how="population")
    actors = [dataclasses.replace(a, code=country + a.sector, country=country, name=name)
              if a.country is None and a.sector else a for a in found.actors]  # "the army"
    return dataclasses.replace(found, actors=actors, recipients=[people])


def _population_measure(noun: Token, ctx: Context) -> bool:
    """A noun of a curfew, a state of emergency or martial law (events.yaml nouns)."""
    rule = ctx.rules.nouns.get(noun.lemma_.lower())
    return rule is not None and rule.mode in _POPULATION_MODES and (
        not rule.needs_object or _object_in(_of_complement(noun), rule.needs_object) or any(
            c.dep_ in ("amod", "compound") and c.lemma_.lower() in rule.needs_object
            for c in noun.children))


def _held_by_a_state(found: Found, ctx: Context) -> Found:
    """Arrests, detentions, imprisonment and convictions, and releases, are acts of a state:
    with no doer named, the government of the country where they happen ("prisoners who
    remain detained in Belarus": BLRGOV), else (for holding, not release) of the victims' own
    country ("the conviction of a Russian dissident"), unless they are foreigners named by
    nationality ("five Americans were detained" names no holder); victims named by their role alone ("activists", "protesters") belong to the
    doer's country ("Russian authorities detained the activist": RUSOPP), and a country named
    only as the place stands for its people held there (BLRCVL) or the role the victims
    are named by ("journalists were arrested in Turkey": TURMED)."""
    if found.kind != "event" or (found.type, found.mode) not in _HOLDING:
        return found
    args = verb_args(found.trigger) if found.trigger.pos_ in ("VERB", "AUX") else \
        noun_args(found.trigger)
    held = _held(found.trigger, args)
    if _foreign(held):
        return found  # "arrested two foreign journalists": not the holder's people
    place = next((r.country for r in _place_target(args, ctx)), None)
    doer = next((a.country for a in found.actors if a.country), None)
    victims = next((r.country for r in found.recipients if r.country and
                    not _people_of(held, r)), None) if found.type == "COERCE" else None
    # victims of no named country are the people of the place where they are held ("Russian
    # troops detained civilians in Mariupol": Ukrainians), else of the holder's country
    home = place or doer or victims  # foreigners, and those released, name no holder
    if home is None:
        return dataclasses.replace(found, recipients=[
            _of_country(r, r.country, "CVL") if _people_of(held, r) else r
            for r in found.recipients])
    role = _victims_role(held, ctx) or "CVL"
    recipients = [_of_country(r, home, r.sector or role)
                  if r.country is None and r.code or r.country == place == home and not r.sector
                  else _of_country(r, r.country, "CVL") if _people_of(held, r)
                  else r for r in found.recipients]
    if not recipients and role != "CVL":  # "arrested dozens of protesters"
        recipients = [ActorRef(home + role, None, held.text, home, role, how="state-act")]
    holder = doer or home
    actors = found.actors or [ActorRef(holder + "GOV", None, found.trigger.text, holder, "GOV",
                                       how="state-act")]
    return dataclasses.replace(found, actors=actors, recipients=recipients)


def _held(trigger: Token, args: Args) -> Token | None:
    """Who is held: the object, the "of" phrase of a noun, or the passive subject."""
    held = args.obj if args.obj is not None else args.prep("of")
    if held is None and trigger.pos_ in ("VERB", "AUX"):
        held = next((c for c in trigger.children if c.dep_ == "nsubjpass"), None)
    return held


def _foreign(held: Token | None) -> bool:
    """"two foreign journalists", "foreign nationals": people of some other country."""
    return held is not None and any(
        c.dep_ == "amod" and c.lower_ in ("foreign", "overseas", "expatriate")
        for t in (held, _of_complement(held)) if t is not None for c in t.children)


def _victims_role(held: Token | None, ctx: Context) -> str | None:
    """The sector of those held, when they are named by their role ("journalists")."""
    for token in filter(None, (held, _of_complement(held) if held is not None else None)):
        ref = ctx.mentions.resolve(token)
        if ref is not None and ref.country is None and ref.sector:
            return ref.sector
    return None


def _people_of(held: Token | None, ref: ActorRef) -> bool:
    """"Five Americans", "two Britons": a plural nationality held is that country's people."""
    return held is not None and not ref.sector and held.tag_ in ("NNS", "NNPS") and \
        held.ent_type_ in ("NORP", "") and held.text in ref.text


def _of_country(ref: ActorRef, country: str, sector: str) -> ActorRef:
    return dataclasses.replace(ref, code=country + sector, country=country, sector=sector)


def _origin_of_goods(token: Token, ctx: Context) -> bool:
    """Whether a mention names where goods come from ("Iran-supplied missiles", "North
    Korean shells"): a supplier, not a target."""
    head = token.head
    while token.dep_ in ("amod", "compound", "nmod", "npadvmod", "punct") and \
            head.i != token.i and head.pos_ not in ("NOUN", "PROPN"):
        token, head = head, head.head  # "Iran - supplied": through the participle
    return token.dep_ in ("amod", "compound", "nmod", "npadvmod") and \
        head.pos_ in ("NOUN", "PROPN") and classify(head, ctx.rules)[0] not in (None, *_PEOPLE)


def _domestic(found: Found) -> Found:
    """A sanction aimed only at the actor's own people (or at people of no named country) is
    repression: "the Taliban imposed restrictions on women", "the junta imposed restrictions
    on opposition parties" are COERCE `restrict` (PLOVER: SANCTION reduces relations between
    actors; restrictions on rights are COERCE)."""
    countries = {a.country for a in found.actors}
    if found.kind != "event" or found.type != "SANCTION" or len(countries) > 1 or \
            not found.actors or not found.recipients:
        return found
    home = next(iter(countries))  # None: "the junta" of no named country
    if all((home is not None and r.country == home) or
           (r.country is None and r.sector in _HOME_SECTORS | {"CVL"})
           for r in found.recipients):
        return dataclasses.replace(found, type="COERCE", mode="restrict")
    return found


def _home_victims(found: Found, ctx: Context) -> Found:
    """"The regime unleashed violence on protesters", "the junta cracked down on journalists",
    "the government's repression of civilians": protesters, dissidents and journalists a
    state attacks or coerces, and civilians it coerces, are its own when the sentence names
    no other country for them (a place inside a state already made them that state's, see
    _localised; people held or freed are placed by _held_by_a_state)."""
    countries = {a.country for a in found.actors}
    if found.kind != "event" or found.type not in _REPRESSION or len(countries) != 1 or \
            None in countries:
        return found
    home = next(iter(countries))
    trigger = found.trigger
    if _foreign(_held(trigger, verb_args(trigger) if trigger.pos_ in ("VERB", "AUX")
                      else noun_args(trigger))):
        return found  # "deported several foreign journalists": not its own people
    # coerced, anyone named by a civilian role is the state's own: "a court sentenced a
    # human rights lawyer", "outlawed non-governmental organisations", "raided the offices of
    # a rights group"; attacked, only protesters and journalists are (soldiers and civilians
    # a state attacks are mostly another's)
    own = _HOME_SECTORS if found.type != "COERCE" else {
        r.sector for r in found.recipients if r.sector and r.sector not in _ARMED and
        all(r.sector != a.sector for a in found.actors)}  # a court's lawyer: of no one known
    recipients = [dataclasses.replace(r, code=home + r.sector, country=home,
                                      name=ctx.mentions.lexicon.names.get(home, home))
                  if r.country is None and r.sector in own else r for r in found.recipients]
    return dataclasses.replace(found, recipients=recipients)


def _acts(token: Token) -> bool:
    """Whether a mention is the subject of a verb: one who acts in the sentence ("The United
    States condemns the crackdown by security forces") is not the target named elsewhere."""
    while token.dep_ in _MODIFIER_DEPS and token.head is not token:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def _reports(token: Token, ctx: Context) -> bool:
    """Whether a mention is the source a sentence reports ("Kyiv said", "according to Seoul")."""
    while token.dep_ in _MODIFIER_DEPS and token.head is not token:  # "Ukrainian officials"
        token = token.head
    head = token.head
    if token.dep_ == "nsubj" and head.lemma_.lower() in ctx.modality.reporting:
        return True
    return token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"


def _said(record: Record) -> tuple:
    """What a record states, whichever words of its sentence cue it."""
    def code(ref: ActorRef | None) -> tuple | None:
        return (ref.code, ref.text) if ref is not None else None
    return (record.kind, record.type, record.mode, code(record.actor), code(record.recipient),
            record.what, record.quantity, record.modality)


def _obligation(verb: Token, ctx: Context) -> Iterator[Found]:
    """"Russia must stop the attacks", "Iran needs to release them", "Tehran should respect
    ...": in a main clause, an actor told what it must do is the target of a demand by the
    voice of the text (the publisher, when known: sinew.actors.publisher_of)."""
    if verb.pos_ != "VERB" or verb.dep_ != "ROOT" and not _needs_to(verb):
        return
    modal = any(c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in verb.children)
    if not (modal or _needs_to(verb)):
        return
    clause = verb.head if _needs_to(verb) else verb
    if clause.dep_ != "ROOT" or verb.lemma_.lower() in _UNDERGONE or \
            any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return  # "Ukraine must receive more air defence" asks nothing of Ukraine
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    targets = [r for r in ctx.mentions.resolve_all(subject) if r.code and r.how != "publisher"]
    if not targets:
        return
    speaker = ctx.mentions.speaker
    yield Found(verb, "event", "REQUEST", None, [speaker] if speaker is not None else [],
                targets, None, None, modality="asserted")


def _request(verb: Token, ctx: Context) -> Iterator[Found]:
    """"called for Iran to release them", "urged Russia to withdraw", "pressed Israel to allow
    aid in": whoever is asked to do what the complement says is the target of a demand by
    the one who asks (events.yaml ``asking``), whatever the complement is."""
    if verb.pos_ == "NOUN":
        yield from _nominal_request(verb, ctx)
        return
    if verb.pos_ != "VERB" or not _asks(verb, ctx):
        return
    asked = _controller(verb)
    targets = [r for r in ctx.mentions.resolve_all(asked) if r.code] or _parties(asked, ctx)
    askers = [r for r in ctx.mentions.resolve_all(verb_args(verb).subj) if r.code]
    if askers or targets:  # "urged all parties to ..." with no parties known still asks
        yield Found(verb, "event", "REQUEST", None, askers, targets, None, None)


def _request_clause(noun: Token, rules: EventRules) -> Token | None:
    """The clause saying what a demand noun asks (events.yaml ``asking_nouns``): "the demand
    that Russia withdraw", "our call for Russia to withdraw", "its calls on China to stop";
    the parser often hangs it on the verb that carries the noun ("reiterate our call ...")."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in rules.asking_nouns:
        return None
    def clause(c: Token) -> bool:
        return c.pos_ in ("VERB", "AUX") and c.dep_ in ("acl", "advcl", "ccomp", "xcomp") and \
            any(m.dep_ in ("mark", "aux") and m.lower_ in ("that", "for", "to")
                for m in c.children)
    found = next((c for c in noun.children if clause(c)), None)
    if found is None and noun.dep_ in ("dobj", "nsubjpass", "attr"):
        found = next((c for c in noun.head.children if clause(c) and
                      c.left_edge.i == noun.right_edge.i + 1), None)
    return found


#: Verbs by which a demand noun's subject makes or repeats the demand ("we reiterate our call
#: for ..."); one who ignores or rejects a demand ("Russia ignored the ultimatum") made none.
_ISSUING = frozenset({"make", "issue", "renew", "repeat", "reiterate", "echo", "restate",
                      "reaffirm", "send", "deliver", "voice", "express", "join", "underline",
                      "stress", "amplify", "lead", "launch", "publish"})
#: Verbs of an answer to a demand: the demand was made, whatever the answer.
_ANSWERING = frozenset({"reject", "ignore", "dismiss", "refuse", "defy", "rebuff", "spurn",
                        "deny", "heed", "meet", "answer", "accept"})
#: Calls that ask nothing: "a phone call to Zelensky", "a judgement call".
_NOT_ASKING = frozenset({"judgement", "judgment", "phone", "telephone", "conference", "video",
                         "close", "wake", "roll", "courtesy"})


def _nominal_request(noun: Token, ctx: Context) -> Iterator[Found]:
    """"our call for Russia to withdraw", "the UN's demand that Russia withdraw", "its calls
    on China to stop supplying Russia": whoever must do what the clause says is the target of
    a demand by the noun's owner, or by the subject of a verb that makes or repeats it ("We
    reiterate our call ..."). A call "to" someone is a telephone call, not a demand."""
    if noun.lemma_.lower() not in ctx.rules.asking_nouns or any(
            c.dep_ in ("compound", "amod") and c.lemma_.lower() in _NOT_ASKING
            for c in noun.children):
        return
    content = _request_clause(noun, ctx.rules)
    if content is None:
        return
    preps = ("on", "upon") if noun.lemma_.lower() == "call" else ("on", "upon", "to")
    asked = next((c for c in content.children if c.dep_ in ("nsubj", "nsubjpass")), None) or \
        next((p for c in noun.children if c.dep_ == "prep" and c.lower_ in preps
              for p in c.children if p.dep_ == "pobj"), None)
    if asked is None:
        return
    targets = [r for r in ctx.mentions.resolve_all(asked) if r.code] or _parties(asked, ctx)
    carrier = noun.head if noun.dep_ == "dobj" else None
    owner = _possessor(noun) or next(
        (c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and
         (ref := ctx.mentions.resolve(c)) is not None and ref.country), None) or (
        verb_args(carrier).subj if carrier is not None and
        carrier.lemma_.lower() in _ISSUING else None)  # "the American demand that ..."
    askers = [r for r in ctx.mentions.resolve_all(owner) if r.code]
    answered = noun.head.lemma_.lower() in _ANSWERING
    if targets and askers:  # a demand of no one named is not the voice's ("the ultimatum")
        yield Found(noun, "event", "REQUEST", None, askers, targets, None, None,
                    modality="asserted" if answered else None)


def _penalty(verb: Token, ctx: Context) -> Iterator[Found]:
    """"The Houthis will bear the consequences", "Iran will pay a heavy price if it attacks":
    telling an actor it will suffer for what it does threatens it, from whoever warns or sends
    the message, else from the voice of the text (events.yaml ``penalties``)."""
    verbs, objects = ctx.rules.penalties
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs or not any(
            c.dep_ == "dobj" and c.lemma_.lower() in objects for c in verb.children):
        return
    node = verb
    while node.dep_ in ("ccomp", "acl", "relcl") and node.head is not node:
        node = node.head.head if node.head.pos_ == "NOUN" else node.head  # "a message that"
    if node is verb and not _conditional_on(verb):
        return  # "the company will bear the cost of repairs" warns no one
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.pos_ == "PRON" and node is not verb:
        # "made clear to the Houthis that they will bear ...": they are the ones told
        subject = _addressee(node) or subject
    targets = [r for r in ctx.mentions.resolve_all(subject) if r.code]
    warner = None if node is verb else verb_args(node).subj
    warners = [r for r in ctx.mentions.resolve_all(warner) if r.code] or (
        [ctx.mentions.speaker] if ctx.mentions.speaker is not None else [])
    if targets:
        yield Found(verb, "event", "THREATEN", None, warners, targets, None, None,
                    modality="asserted")


def _addressee(verb: Token) -> Token | None:
    """Who is told: "sends a message to X", "warned X", "made clear to X" (on "clear")."""
    for word in (verb, *(c for c in verb.children if c.dep_ == "acomp")):
        args = verb_args(word) if word is verb else Args(preps={})
        if word is not verb:
            _preps(word, args.preps)
        found = args.dative or args.prep("to") or (args.obj if word is verb else None)
        if found is not None:
            return found
    return None


def _conditional_on(verb: Token) -> bool:
    """"... if it attacks", "... unless they stop": the clause sets a condition."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                         for m in c.children) for c in verb.children)


#: Words for people protesting: force used on them presupposes their protest.
_PROTESTERS = re.compile(r"\b(?:protest[eo]rs?|demonstrators?|marchers?)\b", re.I)


def _presupposed_protest(found: Found) -> Found | None:
    """Force or coercion used on protesters presupposes their protest against whoever used it
    ("the violent crackdown by security forces against peaceful protesters", "the regime
    unleashed violence on peaceful protesters"): a PROTEST from them against the doer (its
    government when the doer is a bare state)."""
    if found.kind != "event" or found.type not in ("ASSAULT", "COERCE"):
        return None
    protesters = [r for r in found.recipients if r.country and r.sector == "OPP" and
                  _PROTESTERS.search(r.text or "")]
    doers = [a if a.sector else dataclasses.replace(a, code=f"{a.country}GOV", sector="GOV")
             for a in found.actors if a.country]
    if not protesters or not doers:
        return None
    return dataclasses.replace(found, type="PROTEST", mode=None, actors=protesters,
                               recipients=doers, what=None, quantity=None,
                               part=found.part + 200)


def _condition_of(trigger: Token) -> Token | None:
    """The "if"/"unless" clause on an event's verb or on a verb it depends on ("will act with
    our partners to impose measures if it does not"), within its sentence."""
    for node in (trigger, *trigger.ancestors):
        for clause in node.children:
            if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                              for m in clause.children):
                # the condition's own events are no threat: "if Russia invades, ..."
                inside = clause.left_edge.i <= trigger.i <= clause.right_edge.i
                return None if inside else clause
        if node.dep_ not in ("xcomp", "advcl", "dobj", "pobj", "prep", "conj"):
            return None
    return None


def _as_threat(found: Found, condition: Token, ctx: Context) -> Found:
    """An attack, coercion or sanction promised on a condition is a threat (PLOVER THREATEN)
    against its target, or, with none named, against the one the condition is about."""
    targets = found.recipients
    if not any(t.code for t in targets):
        subject = next((c for c in condition.children if c.dep_ in ("nsubj", "nsubjpass")),
                       None)
        doers = {a.country for a in found.actors}
        targets = [r for r in ctx.mentions.resolve_all(subject)
                   if r.code and r.country not in doers]
    return dataclasses.replace(found, type="THREATEN", mode=None, recipients=targets)


def _made_by(goods: Token, ctx: Context) -> ActorRef | None:
    """The state whose goods these are by their name ("Iranian drones", "North Korean
    missiles", "DPRK-made shells") or by where they came from ("weapons procured from the
    DPRK", "drones supplied by Iran"), when the noun names goods and not an actor."""
    category = classify(goods, ctx.rules)[0] if goods.pos_ in ("NOUN", "PROPN") else None
    if category is None or category in _PEOPLE:
        return None  # "U.S. forces" are an actor, not goods
    for child in goods.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.i < goods.i:
            origin = ctx.mentions.resolve(child)
        elif child.dep_ == "acl" and child.tag_ == "VBN":
            origin = next((ctx.mentions.resolve(p) for c in child.children
                           if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by")
                           for p in c.children if p.dep_ == "pobj"), None)
        else:
            continue
        if origin is not None and origin.country and origin.how != "unresolved":
            return origin
    return None


def _used_goods(verb: Token, args: Args, ctx: Context) -> bool:
    """Whether a verb of use has goods of a named origin as its object ("is using weapons
    procured from the DPRK"): the origin is the supplier, never the target."""
    return verb.lemma_.lower() in ctx.rules.using and args.obj is not None and \
        _made_by(args.obj, ctx) is not None


def _foreign_goods(token: Token, ctx: Context) -> Iterator[Found]:
    """"Russia launched North Korean missiles at Kharkiv", "Russia's use of Iranian drones",
    "the Houthis fired Iranian missiles", "Russia attacked Ukraine with Iranian drones": one
    state using goods named as another's has received them from it (events.yaml ``using``
    lists the verbs and nouns of use; an attack's "with" phrase is what it uses)."""
    lemma = token.lemma_.lower()
    attack = token.pos_ == "VERB" and getattr(ctx.rules.verbs.get(lemma), "type", None) == "ASSAULT"
    if lemma not in ctx.rules.using and not attack:
        return
    if token.pos_ == "VERB":
        args = verb_args(token)  # "attacked Ukraine with Iranian drones": the means used
        user, goods = args.subj, args.obj if lemma in ctx.rules.using else args.prep("with")
    elif token.pos_ == "NOUN":
        user, goods = _possessor(token), noun_args(token).prep("of")
    else:
        return
    origin = _made_by(goods, ctx) if goods is not None else None
    users = [r for r in ctx.mentions.resolve_all(user) if r.country]
    if origin is None or not users or any(u.country == origin.country for u in users):
        return
    what, quantity = _what(goods, ctx)
    supplier = dataclasses.replace(origin, code=origin.country, sector=None)
    # as many as were used were delivered, at least: the figure stays with the goods
    yield Found(token, "event", "AID", _mode(ctx.rules.verbs["supply"], what), [supplier],
                users, what, quantity, part=200)


def _parties(token: Token | None, ctx: Context) -> list[ActorRef]:
    """"all parties", "both sides", "the warring parties": the two sides of the latest
    conflict the document has coded with both sides named."""
    if token is None or token.lemma_.lower() not in _PARTY_WORDS:
        return []
    latest = max(((when, actors, recipients) for type_, (when, actors, recipients)
                  in ctx.last_event.items() if type_ in _CONFLICT),
                 key=lambda found: found[0], default=None)
    if latest is None:
        return []
    sides: dict[str | None, ActorRef] = {}
    for ref in (*latest[1], *latest[2]):
        sides.setdefault(ref.code, dataclasses.replace(ref, how="previous-sentence"))
    return list(sides.values())


def _asks(verb: Token, ctx: Context) -> bool:
    """An asking verb with someone told to do what its complement says."""
    return verb.lemma_.lower() in ctx.rules.asking and bool(_complements(verb)) and \
        not any(c.dep_ == "prt" and c.lower_ in ("out", "off") for c in verb.children) and \
        _controller(verb) is not None  # "called out Russia for ..." accuses it


def _needs_to(verb: Token) -> bool:
    """"needs to", "has to" governing this verb."""
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("need", "have") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _carried_sides(found: Found, ctx: Context) -> Found:
    """A side an event leaves unnamed is the one of the same kind of event named just before
    ("Russia attacked Kharkiv. The attacks killed ..."; "Iran was sanctioned. The sanctions
    ..."): the event is a restatement. Flows of goods have their own rule (_continued_flow)."""
    if found.kind != "event" or found.type == "AID":
        return found
    if found.actors and found.recipients:
        found = _victims_placed(found, ctx)
        ctx.last_event[found.type] = (ctx.sentence, found.actors, found.recipients)
        return found
    before = ctx.last_event.get(found.type)
    if before is None or not (found.actors or found.recipients):
        return found
    sentence, actors, recipients = before
    named = found.actors or found.recipients
    known = actors if found.actors else recipients
    if {r.country for r in named} != {r.country for r in known} and \
            ctx.sentence - sentence > _EVENT_REACH:
        return found  # the same named side carries the other one across the document
    same = {a.country for a in found.actors} <= {a.country for a in actors} and \
        {r.country for r in found.recipients} <= {r.country for r in recipients}
    if not same:
        return found
    carried = [dataclasses.replace(r, how="previous-sentence") for r in actors]
    kept = [dataclasses.replace(r, how="previous-sentence") for r in recipients]
    return dataclasses.replace(found, actors=found.actors or carried,
                               recipients=found.recipients or kept)


def _victims_placed(found: Found, ctx: Context) -> Found:
    """Victims named only by kind ("civilians", "a school") of a side whose latest event of
    the same type was aimed at one country are that country's: "Russia attacked Kharkiv ...
    Russian troops killed civilians" (UKR civilians)."""
    if not any(r.country is None and r.code for r in found.recipients):
        return found
    before = ctx.last_event.get(found.type)
    if before is None or not {a.country for a in found.actors} <= \
            {a.country for a in before[1]}:
        return found
    countries = {r.country for r in before[2] if r.country} - {a.country for a in found.actors}
    if len(countries) != 1:
        return found
    country = countries.pop()
    placed = [dataclasses.replace(r, code=country + (r.code or ""), country=country)
              if r.country is None and r.code else r for r in found.recipients]
    return dataclasses.replace(found, recipients=placed)


def _trigger_key(token: Token, rules: EventRules) -> str:
    """The lexicon key of a verb: its lemma, or lemma + particle for phrasal verbs
    ("turned out" -> "turn out", "handed over" -> "hand over", "worked together" -> "work
    together") when the lexicon has one."""
    lemma = token.lemma_.lower()
    if lemma not in rules.phrasal:
        return lemma
    for child in token.children:
        if child.dep_ in ("prt", "prep", "advmod") and not (
                child.dep_ == "prep" and says_when(child)):  # "handed over", "called on"
            phrasal = f"{lemma} {child.lower_}"
            if phrasal in rules.verbs or phrasal in rules.measures:
                return phrasal
    return lemma


def _done_jointly(verb: Token, ctx: Context) -> Found | None:
    """Whatever two actors do jointly is cooperation between them (PLOVER COOPERATE): "The
    United States and Israel jointly developed the system", "a system developed jointly by
    the United States and Israel", "Russia jointly produces drones with Iran"."""
    if not any(c.dep_ == "advmod" and c.lower_ == "jointly" for c in verb.children):
        return None
    args = verb_args(verb)
    doers = [r for r in ctx.mentions.resolve_all(args.subj) if r.code]
    doers += [r for r in ctx.mentions.resolve_all(args.prep("with")) if r.code]
    sides = list({r.country or r.code: r for r in doers}.values())
    if len(sides) != 2:
        return None
    return Found(verb, "event", "COOPERATE", None, sides, sides[::-1], None, None)


#: The rule of a supply whose mode follows its goods (military, economic, humanitarian).
_AUTO_MODE = Rule("AID", "give", "auto")


def _relied_on(verb: Token, ctx: Context) -> list[Found]:
    """Whom one relies on, depends on, turns or looks to for goods supplies them: "Russia
    relies on Iran for drones", "Moscow has turned to Pyongyang for artillery shells"
    (events.yaml ``relying``); other uses of these verbs are read as usual."""
    if verb.lemma_.lower() not in ctx.rules.relying:
        return []
    args = verb_args(verb)
    supplier = args.prep("on", "upon", "to")
    goods = args.prep("for")
    suppliers = [r for r in ctx.mentions.resolve_all(supplier) if r.code]
    if not suppliers or goods is None:
        return []
    takers = [r for r in ctx.mentions.resolve_all(args.subj) if r.code]
    return [Found(verb, "event", "AID", _mode(_AUTO_MODE, what), suppliers, takers, what,
                  quantity, part) for part, (what, quantity) in enumerate(_whats(goods, ctx))
            if what is not None]


#: The types of a measure that ending it retreats from (events.yaml ``ending``).
_ENDED_TYPES = frozenset({"SANCTION", "COERCE"})
#: Ending a sanction, a blockade, a siege or a curfew is RETREAT (CAMEO2PLOVER 085, 0872,
#: 0813), with its mode; ending another coercion (a ban, a crackdown, a restriction on
#: freedoms) concedes (CONCEDE, 081x, 082).
_ENDED_MODES = {"SANCTION": "ease", "blockade": "withdraw", "siege": "withdraw", "curfew": None}


def _ended_measure(trigger: Token, ctx: Context) -> Token | None:
    """The hostile measure a verb or noun of ending ends: the verb's object ("lifted its
    blockade of Qatar", "suspended sanctions on Syria"), the noun's "of" phrase ("the lifting
    of sanctions"); a measure is an event noun of events.yaml whose type is a sanction or a
    coercion."""
    verbs, nouns = ctx.rules.ending
    lemma = trigger.lemma_.lower()
    if trigger.pos_ == "VERB" and lemma in verbs:
        measure = next((c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")), None)
    elif trigger.pos_ == "NOUN" and lemma in nouns:
        measure = _of_complement(trigger)
    else:
        return None
    if measure is None:
        return None
    if measure.lemma_.lower() in _BUNDLES:  # "lifted a raft of sanctions"
        measure = _of_complement(measure) or measure
    rule = ctx.rules.nouns.get(measure.lemma_.lower())
    return measure if rule is not None and rule.type in _ENDED_TYPES else None


def _ends_a_measure(noun: Token, ctx: Context) -> bool:
    """Whether a measure noun is the one a verb or noun of ending ends (read there)."""
    holders = [noun.head]
    if noun.head.dep_ == "prep":  # "the lifting of sanctions", "lifted a raft of sanctions"
        holders += [noun.head.head, noun.head.head.head]
    return any(h.i != noun.i and (m := _ended_measure(h, ctx)) is not None and m.i == noun.i
               for h in holders)


def _ended(trigger: Token, ctx: Context) -> list[Found]:
    """Ending a hostile measure retreats from it (RETREAT; events.yaml ``ending``): "Saudi
    Arabia lifted its blockade of Qatar", "Russia ended the siege of Mariupol", "the lifting
    of US sanctions on Venezuela". The doer is whoever imposed the measure, else the ender;
    the target the measure's."""
    measure = _ended_measure(trigger, ctx)
    if measure is None:
        return []
    rule = ctx.rules.nouns[measure.lemma_.lower()]
    actors, targets = _nominal_sides(measure, noun_args(measure), ctx, rule.type)
    if not actors:
        ender = verb_args(trigger).subj if trigger.pos_ == "VERB" else _possessor(trigger)
        actors = ctx.mentions.resolve_all(ender)
    if not targets and trigger.pos_ == "VERB":  # "lifted the ban on opposition parties in
        # Mali": the parser hung the measure's "on" phrase on the verb
        args = verb_args(trigger)
        targets = [r for r in ctx.mentions.resolve_all(args.prep("on", "against"))
                   if r.code or r.sector]
        if any(r.country is None and r.sector for r in targets + actors):
            targets, actors = _localised(targets, args, ctx), _localised(actors, args, ctx)
    actors = [r for r in actors if r.code]
    if not actors and not targets:
        return []
    kind = rule.type if rule.type in _ENDED_MODES else measure.lemma_.lower()
    if kind not in _ENDED_MODES:  # "lifted the ban on opposition parties"
        return [Found(trigger, "event", "CONCEDE", None, actors, targets, None, None)]
    return [Found(trigger, "event", "RETREAT", _ENDED_MODES[kind], actors, targets, None, None)]


def _used_against(verb: Token, ctx: Context) -> list[Found]:
    """Weapons or force used against someone attack them (events.yaml ``used_against``):
    "Russia used chemical weapons against Ukrainian soldiers", "police used tear gas on
    protesters"; the target is named by "against" or "on" on the verb or on the weapons."""
    verbs, objects, striking = ctx.rules.used_against
    if verb.lemma_.lower() in striking:
        return _struck_with(verb, ctx)
    if verb.lemma_.lower() not in verbs:
        return []
    args = verb_args(verb)
    if args.obj is None or args.obj.lemma_.lower() not in objects:
        return []
    target = next((p for c in (*verb.children, *args.obj.children) if c.dep_ == "prep" and
                   c.lower_ in ("against", "on") for p in c.children if p.dep_ == "pobj"),
                  None)  # "used drones against the army": on the verb or on the weapons
    targets = [r for r in ctx.mentions.resolve_all(target) if r.code or r.sector]
    doers = [r for r in ctx.mentions.resolve_all(args.subj) if r.code]
    if not targets or not doers:
        return []
    if any(r.country is None and r.sector for r in doers + targets):
        doers, targets = _localised(doers, args, ctx), _localised(targets, args, ctx)
    what, quantity = _what(args.obj, ctx)
    return [Found(verb, "event", "ASSAULT", None, doers, targets, what, quantity)]


def _attacked_unit(noun: Token, ctx: Context) -> bool:
    """A patrol, an exercise or a convoy that is attacked ("gunmen attacked a Malian army
    patrol", "an Israeli patrol was ambushed", "an attack on a patrol") is the attack's
    target, not a mobilisation of its own."""
    rule = ctx.rules.nouns.get(noun.lemma_.lower())
    if rule is None or rule.type != "MOBILIZE":
        return False
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in ("on", "against") and head.dep_ == "prep":
        head = head.head
    elif noun.dep_ not in ("dobj", "nsubjpass"):
        return False
    attack = ctx.rules.verbs.get(head.lemma_.lower()) if head.pos_ == "VERB" else \
        ctx.rules.nouns.get(head.lemma_.lower())
    if attack is None and head.pos_ == "VERB" and ctx.verbs is not None:
        match = _verb_match(head, ctx)
        return match is not None and match.plover is not None and \
            match.plover.type in ("ASSAULT", "COERCE")
    return attack is not None and attack.type in ("ASSAULT", "COERCE")


#: Verbs by which a noun is said of their subject: "Iran is / remains / became the supplier".
_COPULAS = frozenset({"be", "remain", "become", "stay"})


def _agent_noun(noun: Token, ctx: Context) -> list[Found]:
    """One said to be a supplier, backer or buyer does that event (events.yaml
    ``agent_nouns``): "Iran remains the Houthis' chief arms supplier" (AID IRN -> the Houthis,
    weapons), "Rwanda is the main backer of the M23" (SUPPORT), "China is the largest buyer of
    Russian oil" (AID RUS -> CHN), "Iran, Russia's main drone supplier, ..." (apposition)."""
    rule = ctx.rules.agent_nouns.get(noun.lemma_.lower())
    if rule is None:
        return []
    if noun.dep_ == "attr" and noun.head.lemma_.lower() in _COPULAS:
        doer = verb_args(noun.head).subj
    elif noun.dep_ == "appos":
        doer = noun.head
    else:
        return []
    m = ctx.mentions
    doers = [r for r in m.resolve_all(doer) if r.code]
    args = noun_args(noun)
    of = args.prep("of")
    # "a supplier of shells": the goods; "the backer of the M23": the other side
    of_goods = of is not None and classify(of, ctx.rules)[0] is not None
    goods = of if of_goods else noun
    other = _possessor(noun) or args.prep("to", "for") or (None if of_goods else of)
    others = [r for r in m.resolve_all(other) if r.code]
    if not doers:
        return []
    if rule.type != "AID":
        return [Found(noun, "event", rule.type, rule.mode, doers, others, None, None)] \
            if others else []
    found = []
    for part, (what, quantity) in enumerate(_whats(goods, ctx)):
        if what is None:
            continue
        if rule.role == "take":  # "the largest buyer of Russian oil": the goods' origin
            found.append(Found(noun, "event", "AID", _mode(_AUTO_MODE, what),
                               others or _supplier_of(goods, ctx), doers, what, quantity, part))
        else:
            found.append(Found(noun, "event", "AID", _mode(_AUTO_MODE, what), doers, others,
                               what, quantity, part))
    return found


#: Goods that are weapons: a target struck "with" them is attacked.
_WEAPONS = frozenset({"weapons", "missiles", "drones", "artillery_ammunition"})


def _struck_with(verb: Token, ctx: Context) -> list[Found]:
    """"Russia hit Odesa with drones", "pounded Kharkiv with missiles": a target struck with
    weapons is attacked, whatever the verb dictionary's list of weapons knows."""
    args = verb_args(verb)
    weapons = args.prep("with")
    if weapons is None or args.obj is None:
        return []
    what, quantity = _what(weapons, ctx)
    if what is None or what.category not in _WEAPONS:
        return []
    targets = [r for r in ctx.mentions.resolve_all(args.obj) if r.code or r.sector] or \
        _place_target(args, ctx)
    doers = [r for r in ctx.mentions.resolve_all(args.subj) if r.code]
    if not targets or not doers:
        return []
    return [Found(verb, "event", "ASSAULT", None, doers, targets, what, quantity)]


#: Verbs of vowing: what one vows to do is an intent (AGREE), a harm vowed a threat.
_VOWING = frozenset({"vow", "promise", "pledge", "swear"})
#: The types of a harm one may vow or threaten.
_HARMS = frozenset({"ASSAULT", "COERCE", "SANCTION"})


def _vowed_harm(verb: Token, found: list[Found], ctx: Context) -> list[Found]:
    """A harm vowed is a threat (PLOVER THREATEN), aimed at whom the harm would hit: "Iran
    vowed to retaliate against Israel", "Netanyahu vowed to crush Hamas"; a good vowed stays
    an intent ("pledged to send tanks to Ukraine")."""
    complement = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"),
                      None)
    if complement is None:
        return _vowed_reprisal(verb, found, ctx)
    harms = [f for f in _readings(complement, ctx) if f.kind == "event" and f.type in _HARMS]
    targets = [r for f in harms for r in f.recipients if r.code]
    if not harms:
        return found
    actors = next((f.actors for f in found if f.actors), None) or \
        [r for r in ctx.mentions.resolve_all(verb_args(verb).subj) if r.code]
    return [Found(verb, "event", "THREATEN", None, actors, targets, None, None)]


def _vowed_reprisal(verb: Token, found: list[Found], ctx: Context) -> list[Found]:
    """A reprisal vowed is a threat against whom it would answer: "Iran vowed retaliation
    against Israel", "Pakistan vowed a strong response to any Indian aggression", "Hamas vowed
    revenge on Israel"."""
    noun = next((c for c in verb.children if c.dep_ == "dobj" and
                 c.lemma_.lower() in _REPRISALS), None)
    if noun is None:
        return found
    aimed = [p for c in noun.children if c.dep_ == "prep" and c.lower_ in
             ("against", "on", "to", "for") for p in c.children if p.dep_ == "pobj"]
    targets = [r for p in aimed for r in (_doers(p, ctx) or ctx.mentions.resolve_all(p))
               if r.code]
    actors = next((f.actors for f in found if f.actors), None) or \
        [r for r in ctx.mentions.resolve_all(verb_args(verb).subj) if r.code]
    return [Found(verb, "event", "THREATEN", None, actors, targets, None, None)]


#: Nouns of answering harm with harm: vowed, they threaten.
_REPRISALS = frozenset({"retaliation", "revenge", "response", "reprisal", "retribution",
                        "vengeance", "punishment"})


#: People whose sending away is an expulsion (PLOVER SANCTION expel): a state's envoys.
_ENVOYS = frozenset({"ambassador", "envoy", "diplomat", "attache", "attaché", "chargé", "charge",
                     "consul", "representative", "emissary"})


def _expelled(verb: Token, ctx: Context) -> list[Found]:
    """Envoys ordered to leave, or declared persona non grata, are expelled (SANCTION expel):
    "Niger ordered the French ambassador to leave the country", "Germany declared four Russian
    diplomats persona non grata"; the one they leave is not consulted."""
    lemma = verb.lemma_.lower()
    envoy = None
    if lemma in ("order", "tell", "instruct", "ask") and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in ("leave", "depart", "quit", "exit")
            for c in verb.children):
        envoy = next((c for c in verb.children if c.dep_ == "dobj"), None)
    elif lemma == "declare" and "non grata" in sentence_text(sentence_of(verb)).lower():
        envoy = next((t for t in verb.subtree if t.lemma_.lower() in _ENVOYS and
                      t.dep_ in ("dobj", "nsubj", "nsubjpass") and t.i > verb.i), None)
    if envoy is None or _counted(envoy).lemma_.lower() not in _ENVOYS:
        return []
    expellers = [r for r in ctx.mentions.resolve_all(verb_args(verb).subj) if r.code]
    expelled = [r for r in ctx.mentions.resolve_all(_counted(envoy)) if r.code]
    if not expellers:
        return []
    return [Found(verb, "event", "SANCTION", "expel", expellers, expelled, None, None)]


def _fighting_for(verb: Token, ctx: Context) -> list[Found]:
    """Troops of one state who fight or serve for another were supplied to it (AID troops):
    "North Korean troops are fighting for Russia in Kursk", "Russian mercenaries fought for
    the junta in Mali", "soldiers fighting on behalf of Russia"."""
    if verb.lemma_.lower() not in ("fight", "serve"):
        return []
    args = verb_args(verb)
    troops = _counted(args.subj)
    if troops is None or troops.pos_ != "NOUN":
        return []
    what, quantity = _what(args.subj, ctx)
    if what is None or what.category != "troops":
        return []
    served = args.prep("for") or next(
        (p for c in verb.children if c.dep_ == "prep" and c.lower_ == "on"
         for b in c.children if b.dep_ == "pobj" and b.lower_ == "behalf"
         for o in b.children if o.dep_ == "prep" and o.lower_ == "of"
         for p in o.children if p.dep_ == "pobj"), None)
    clients = [r for r in ctx.mentions.resolve_all(served) if r.code]
    senders = [r for r in ctx.mentions.resolve_all(troops) if r.country]
    senders = [dataclasses.replace(r, code=r.country, sector=None) for r in senders]
    if not clients or not senders or {r.country for r in senders} & {r.country for r in clients}:
        return []
    return [Found(verb, "event", "AID", _mode(_AUTO_MODE, what), senders, clients, what,
                  quantity)]


#: Sectors of armed actors: what they fire is an attack, not criticism.
_ARMED = frozenset({"MIL", "REB", "UAF", "COP", "SPY"})


def _under_fire(verb: Token, ctx: Context) -> list[Found]:
    """Who comes under fire from armed forces or weapons is attacked by them: "UN
    peacekeepers came under fire from Israeli tanks", "positions came under heavy fire from
    Russian artillery". Fire from lawmakers or critics is criticism, as CAMEO reads it."""
    if verb.lemma_.lower() not in ("come", "be") or not any(
            c.dep_ == "prep" and c.lower_ == "under" and any(
                p.dep_ == "pobj" and p.lemma_.lower() == "fire" for p in c.children)
            for c in verb.children):
        return []
    args = verb_args(verb)
    fire = next(p for c in verb.children if c.dep_ == "prep" and c.lower_ == "under"
                for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() == "fire")
    source = args.prep("from") or noun_args(fire).prep("from")  # "fire from Israeli tanks"
    if source is None:
        return []
    weapons, _ = _what(source, ctx)
    shooters = [r for r in ctx.mentions.resolve_all(source) if r.country]
    if weapons is not None and weapons.category in _WEAPONS | {"military_equipment"}:
        shooters = shooters or _supplier_of(source, ctx)
    elif not any((r.sector or "")[:3] in _ARMED for r in shooters):
        return []
    targets = [r for r in ctx.mentions.resolve_all(args.subj) if r.code or r.sector]
    if not targets and args.subj is not None:  # "Ukrainian positions", "a Sudanese army base"
        targets = [r for c in args.subj.children if c.dep_ in ("amod", "compound", "poss")
                   for r in ctx.mentions.resolve_all(c) if r.country]
    if not shooters or not targets:
        return []
    if any(r.country is None and r.sector for r in targets):
        targets = _localised(targets, args, ctx)
    return [Found(verb, "event", "ASSAULT", None, shooters, targets, weapons, None)]


def _goods_given_as(noun: Token, ctx: Context) -> bool:
    """An aid noun that says what the money a verb gives or pledges comes as ("pledged 5
    billion euros in military aid to Ukraine", "sent $2 billion in aid"): the goods of that
    verb's event, not an event of its own."""
    rule = ctx.rules.nouns.get(noun.lemma_.lower())
    if rule is None or rule.type != "AID" or noun.dep_ != "pobj" or noun.head.lower_ != "in":
        return False
    money = noun.head.head
    verb = money.head
    given = ctx.rules.verbs.get(verb.lemma_.lower())
    return money.dep_ == "dobj" and verb.pos_ == "VERB" and given is not None and \
        given.role == "give" and _fits(given, verb_args(verb))  # not "ordered a halt in"


def _hosted(verb: Token, ctx: Context) -> list[Found]:
    """Whoever receives a visitor hosts a visit by them (CONSULT visit, CAMEO 043): "Xi
    received Lavrov in Beijing", "Lavrov was received by Kim", "Putin received the Iranian
    delegation", "Erdogan welcomed Zelensky to Istanbul" (events.yaml ``hosting``). The visitor
    is a person or a noun of one; one welcomed or greeted is a visitor only when a place says
    where ("welcomed Zelensky's decision", "welcomed Zelensky" are support)."""
    verbs, visitors = ctx.rules.hosting
    lemma = verb.lemma_.lower()
    if lemma not in verbs or lemma == "host" and verb.pos_ != "VERB":
        return []
    args = verb_args(verb)
    guest = args.obj
    if guest is None or not (guest.ent_type_ == "PERSON" or guest.lemma_.lower() in visitors or
                             _is_officeholder(guest, ctx)):
        return []
    if lemma in ("welcome", "greet") and args.prep("to", "in", "at") is None:
        return []
    hosts = [r for r in ctx.mentions.resolve_all(args.subj) if r.code]
    guests = [r for r in ctx.mentions.resolve_all(guest) if r.code]
    if not hosts or not guests:
        return []
    return [Found(verb, "event", "CONSULT", "visit", hosts, guests, None, None)]


def _is_officeholder(token: Token, ctx: Context) -> bool:
    """A name the lexicon knows as a person holding an office ("Lavrov", whatever entity type
    the parser gave it)."""
    return token.pos_ == "PROPN" and any(
        r.how == "leader" for r in ctx.mentions.resolve_all(token))


#: Verbs by which a deed draws a reaction: "the seizure drew condemnation from Britain".
_DRAWING = frozenset({"draw", "prompt", "spark", "provoke", "trigger", "attract", "earn",
                      "elicit", "invite", "meet", "bring", "win", "receive", "face"})
#: Reactions a deed draws, by the PLOVER type of reacting so.
_REACTION_NOUNS = {
    **dict.fromkeys(("condemnation", "criticism", "rebuke", "censure", "outrage", "anger",
                     "ire", "backlash", "protest", "outcry", "denunciation", "reprimand"),
                    "ACCUSE"),
    **dict.fromkeys(("praise", "support", "welcome", "backing", "applause", "endorsement"),
                    "SUPPORT")}


def _drew_reaction(verb: Token, ctx: Context) -> list[Found]:
    """A deed that draws a reaction from someone is reacted to by them, aimed at its doer:
    "Iran's seizure of the ship drew condemnation from Britain" (Britain accuses Iran),
    "Israel's offensive has drawn criticism from the UN", "the move prompted outrage in
    Jordan", "the deal was met with praise from Washington". The deed itself is read at its
    own noun."""
    if verb.lemma_.lower() not in _DRAWING:
        return []
    args = verb_args(verb)
    reaction = next((c for c in verb.children if c.dep_ == "dobj" and
                     c.lemma_.lower() in _REACTION_NOUNS), None)
    if reaction is None and verb.lemma_.lower() == "meet":  # "was met with condemnation"
        reaction = next((p for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
                         for p in c.children if p.dep_ == "pobj" and
                         p.lemma_.lower() in _REACTION_NOUNS), None)
        args.subj = args.subj or next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if reaction is None or _own_goods(reaction, ctx) is not None:
        return []  # "received military support from the US": goods, read as a supply
    inner = noun_args(reaction)
    source = inner.prep("from", "by", "in", "among") or args.prep("from", "in", "among")
    reactors = [r for r in ctx.mentions.resolve_all(source) if r.code] if source is not None \
        else [r for c in reaction.children if c.dep_ in ("amod", "compound")
              for r in ctx.mentions.resolve_all(c) if r.country]  # "drew Russian condemnation"
    deed = ctx.rules.nouns.get(args.subj.lemma_.lower()) if args.subj is not None else None
    targets = [r for r in _nominal_sides(args.subj, noun_args(args.subj), ctx, deed.type)[0]
               if r.code] if deed is not None and args.subj.pos_ == "NOUN" else []
    targets = targets or _doers(args.subj, ctx)  # "the Israeli strike", "Russia's decision"
    if not reactors or not targets:
        return []
    type_ = _REACTION_NOUNS[reaction.lemma_.lower()]
    return [Found(verb, "event", type_, "disapprove" if type_ == "ACCUSE" else None, reactors,
                  [t for t in targets if all(t.code != r.code for r in reactors)], None, None)]


#: Verbs by which two states set up or mend relations (CAMEO 050, "engage in diplomatic
#: cooperation": PLOVER SUPPORT), and the nouns of relations.
_BONDING = frozenset({"establish", "restore", "resume", "normalise", "normalize", "upgrade",
                      "reestablish", "re-establish", "forge", "elevate", "mend", "repair",
                      "renew", "strengthen", "deepen"})
_RELATIONS = frozenset({"relation", "relations", "tie", "ties", "relationship"})


def _relations_set_up(verb: Token, ctx: Context) -> list[Found]:
    """Setting up, restoring or upgrading relations is diplomatic cooperation of the two
    states, each with the other (CAMEO 050, PLOVER SUPPORT): "Israel and Morocco established
    diplomatic relations", "Iran and Egypt resumed relations", "Vietnam upgraded its
    relations with the United States"; a broker is no side ("restored relations in a deal
    brokered by China")."""
    if verb.lemma_.lower() not in _BONDING:
        return []
    ties = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and
                 c.lemma_.lower() in _RELATIONS), None)
    if ties is None:
        return []
    if ctx.return_events:
        return []  # PETRARCH's convention (its own dictionaries code relations, one way)
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _AGREE_LEMMAS:
        return []  # "agreed to restore diplomatic ties": one AGREE event (PLOVER)
    args = verb_args(verb)
    sides = [r for r in ctx.mentions.resolve_all(args.subj) if r.code]
    partner = noun_args(ties).prep("with", "between") or args.prep("with")
    partners = [r for r in ctx.mentions.resolve_all(partner) if r.code]
    if partner is not None and partner.head.lower_ == "between":
        sides = partners or sides  # "relations between Israel and Morocco were restored"
        partners = []
    pair = [*sides, *(p for p in partners if all(p.code != s.code for s in sides))]
    if len({r.code for r in pair}) < 2:
        return []
    return [Found(verb, "event", "SUPPORT", None, pair, pair, None, None)]


#: Nouns of a list of designated groups or people, whose removal eases a sanction.
_LISTS = frozenset({"list", "blacklist", "register", "registry", "roster", "designation"})


def _delisted(verb: Token, ctx: Context) -> list[Found]:
    """Taking someone off a list of terrorist groups or of sanctioned people eases a sanction
    on them (RETREAT ease, as lifting sanctions does): "the United States removed the Houthis
    from its list of terrorist groups", "delisted the TPLF", "was taken off the blacklist".
    Before, such removals were read as coercion of the group removed."""
    lemma = verb.lemma_.lower()
    listed = lemma == "delist" or lemma in ("remove", "drop", "strike", "take", "scrub") and any(
        c.dep_ == "prep" and c.lower_ in ("from", "off") and any(
            p.dep_ == "pobj" and p.lemma_.lower() in _LISTS for p in c.children)
        for c in verb.children)
    if not listed:
        return []
    args = verb_args(verb)
    doers = [r for r in ctx.mentions.resolve_all(args.subj) if r.code]
    removed = [r for r in ctx.mentions.resolve_all(args.obj) if r.code]
    if not removed:
        return []
    return [Found(verb, "event", "RETREAT", "ease", doers, removed, None, None)]


#: Readers of a verb's whole construction, tried in order before its trigger rule: a visit
#: received, fire from armed forces, troops fighting for a state, envoys sent away, weapons
#: used against someone (the goods' origin is read apart, _foreign_goods).
_CONSTRUCTIONS = (_hosted, _under_fire, _fighting_for, _expelled, _used_against,
                  _drew_reaction, _delisted, _relations_set_up)


def _readings(token: Token, ctx: Context) -> Iterator[Found]:
    rules = ctx.rules
    if _gerund_between(token, rules):  # "Fighting between the government and the TPLF ..."
        yield from _nominal(token, _sense(token, rules.nouns[token.lower_]), ctx)
        return
    lemma = _trigger_key(token, rules) if token.pos_ == "VERB" else token.lemma_.lower()
    if token.lower_ in rules.evaluations or token.lemma_.lower() in rules.evaluations:
        yield from _evaluation(token, ctx)
        return
    if token.pos_ == "VERB" and token.lemma_.lower() in rules.wrongdoing:
        yield from _wrongdoing(token, ctx)
        return
    if token.pos_ == "VERB" and _measure_aimed(token, ctx) is not None:
        return  # "the sanctions target Iran's exports": the sanction's target, not an attack
    if token.pos_ == "VERB":
        for reader in _CONSTRUCTIONS:  # each reads one construction whole, or nothing
            constructed = reader(token, ctx)
            if constructed:
                yield from constructed
                return
        if token.lemma_.lower() in ("leave", "depart", "quit", "exit") and \
                token.dep_ == "xcomp" and _expelled(token.head, ctx):
            return  # "ordered the ambassador to leave the country": the order is the event
    if token.pos_ in ("VERB", "NOUN") and (ended := _ended(token, ctx)):
        yield from ended
        return
    if token.pos_ == "NOUN" and _ends_a_measure(token, ctx):
        return  # "lifted its blockade": the blockade ends, read at "lifted"
    if token.pos_ == "NOUN" and (agent := _agent_noun(token, ctx)):
        yield from agent
        return
    if token.pos_ == "NOUN" and _attacked_unit(token, ctx):
        return  # "gunmen attacked an army patrol": the patrol is the target, no mobilisation
    if token.pos_ == "NOUN" and _goods_given_as(token, ctx):
        return  # "pledged 5 billion euros in military aid": the aid is what is pledged
    if token.pos_ == "VERB" and lemma not in rules.verbs:
        joint = _done_jointly(token, ctx)
        relied = [joint] if joint is not None else _relied_on(token, ctx)
        if relied:
            yield from relied
            return
    if token.pos_ == "VERB":
        if lemma in rules.measures:
            yield from _measure(token, verb_args(token), rules.measures[lemma], ctx)
        rule = _sense(token, rules.verbs[lemma]) if lemma in rules.verbs else None
        args = verb_args(token) if rule is not None else Args()
        if rule is not None and _fits(rule, args) and \
                not (rule.type == "THREATEN" and _warns_of_others(token, args, ctx)) and \
                not (lemma in rules.asking and _asks(token, ctx)) and \
                not (rule.role != "give" and rule.type != "THREATEN" and
                     _acts_by_an_event(token, rule.type, ctx)):  # "threatened X with a veto"
            if rule.topic:  # "discussed Iran's programme with France": no side, nor is
                # anything named inside it ("discussed Russia's attacks on Ukraine")
                topic, args.obj = args.obj, None
                if topic is not None and args.preps:
                    inside = {t.i for t in topic.subtree}
                    args.preps = {word: [t for t in found if t.i not in inside or word == "with"]
                                  for word, found in args.preps.items()}  # "with" is a partner
            found = list(_event(token, _patterned(args, token, rule.role, ctx), rule, ctx))
            base = rules.verbs[lemma]
            if not found and rule is not base and _fits(base, verb_args(token)):
                # a sense its words cannot bear falls back: "supports Ukraine with all its
                # might" supplies nothing, so it is support
                found = list(_event(token, _patterned(verb_args(token), token, base.role, ctx),
                                    base, ctx))
            if not found and base.type == "AGREE" and base.needs_what and \
                    ctx.verbs is not None:
                # an offer of no goods is read as the verb dictionary reads it: "offered its
                # condolences" (CAMEO 018), "offered support to Ukraine"
                found = list(_dictionary_event(token, ctx))
            if rule.type == "AGREE" and lemma in _VOWING:
                found = _vowed_harm(token, found, ctx)
            yield from found
        elif ctx.verbs is not None:  # "fired rockets at Israel" is a measure and an attack
            yield from _dictionary_event(token, ctx)
    elif token.pos_ == "NOUN" and not _is_trigger_object(token, rules):
        lemma = _hyphenated(token, rules.nouns) or lemma
        if lemma in rules.nouns:
            rule = rules.nouns[lemma]
            sense = _sense(token, rule)
            found = list(_nominal(token, sense, ctx))
            agreed = _agreed_truce(token, sense, ctx)
            if agreed is not None:  # read at the verb of agreeing: its modality is the truce's
                found = [dataclasses.replace(f, trigger=agreed) for f in found]
            if sense is not rule and sense.type == "AID" and rule.type != "AID" and \
                    not any(f.recipients for f in found):
                # a supply needs whom it supplies: "the drawdown of equipment from
                # Afghanistan" withdraws it
                found = list(_nominal(token, rule, ctx))
            yield from found
        elif lemma in rules.measure_nouns:
            yield from _measure(token, noun_args(token), rules.measure_nouns[lemma], ctx)


def _agreed_truce(noun: Token, rule: Rule, ctx: Context) -> Token | None:
    """The verb of agreeing by which a ceasefire is declared, when the noun is carried by a
    light verb under it: "the SAF and the RSF agreed to implement a nationwide ceasefire" is
    the ceasefire's declaration (PLOVER CONCEDE), as "agreed to a ceasefire" is, not a
    ceasefire still to come. The agreeing verb's own modality is the truce's ("refused to
    agree to observe a truce")."""
    if rule.mode != "ceasefire" or noun.dep_ != "dobj":
        return None
    carrier = noun.head
    if carrier.dep_ != "xcomp" or not _is_light(carrier, ctx.rules):
        return None
    agreeing = carrier.head
    return agreeing if agreeing.lemma_.lower() in _AGREE_LEMMAS else None


def _gerund_between(token: Token, rules: EventRules) -> bool:
    """A gerund the parser took for a verb, used as the name of an event between two sides:
    "Fighting between the government and the TPLF continues" (no subject, a "between"
    phrase, and the form an event noun of events.yaml)."""
    return token.tag_ == "VBG" and token.lower_ in rules.nouns and any(
        c.dep_ == "prep" and c.lower_ == "between" for c in token.children) and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux") for c in token.children)


def _hyphenated(noun: Token, keys: Collection[str]) -> str | None:
    """The lexicon key of a hyphenated noun the tokenizer split ("sit-in", "walk-out",
    "cease-fire"): the word before the hyphen is the noun's modifier."""
    doc = noun.doc
    if noun.i < 2 or doc[noun.i - 1].text != "-" or doc[noun.i - 2].head != noun:
        return None
    key = f"{doc[noun.i - 2].lower_}-{noun.lemma_.lower()}"
    return key if key in keys else None


def _evaluation(word: Token, ctx: Context) -> Iterator[Found]:
    """A judgement of an event is aimed at its doer: "The UK is appalled by Russia's attacks"
    (the UK accuses Russia), "We are deeply concerned by Iran's transfers of missiles" (the
    voice of the text accuses Iran), "The conviction of X by the regime is deplorable",
    "Russia's strikes are a flagrant breach of international law" (a judging noun said of
    the event)."""
    predicate = word.pos_ == "NOUN" and word.dep_ == "attr"  # "is a clear violation of"
    if not predicate and (word.dep_ not in ("ROOT", "acomp", "ccomp", "conj")
                          or word.pos_ not in ("ADJ", "VERB")):
        return
    clause = word.head if word.dep_ in ("acomp", "attr") else word
    subject = next((c for c in (*word.children, *clause.children)
                    if c.dep_ in ("nsubj", "nsubjpass")), None)
    about = ("by", "at", "about", "over", "with") + (
        ("to", "for") if _judgement(word, ctx) == "SUPPORT" else ())  # "grateful to Qatar"
    reason = next((p for c in word.children if c.dep_ in ("prep", "agent")
                   and c.lower_ in about
                   for p in c.children if p.dep_ == "pobj"), None) or _that_doer(word, clause)
    if subject is not None and subject.lower_ == "it" and reason is not None:
        subject = None  # "It is unacceptable that Russia ...": the voice judges Russia
        judges = [ctx.mentions.speaker] if ctx.mentions.speaker is not None else []
        targets = _doers(reason, ctx)
        if targets:
            yield Found(word, "event", _judgement(word, ctx), None, judges, targets, None, None)
        return
    judges = [r for r in ctx.mentions.resolve_all(subject) if r.code] if subject is not None \
        and subject.lemma_.lower() not in ctx.rules.nouns else []
    if judges or (subject is not None and subject.lower_ in ("we", "i")):
        targets = _doers(reason, ctx)  # "we are concerned by ...": the voice, when known
    else:
        judges = [ctx.mentions.speaker] if ctx.mentions.speaker is not None else []
        targets = _doers(subject, ctx)
    if targets:
        yield Found(word, "event", _judgement(word, ctx), None, judges, targets, None, None)


def _wrongdoing(verb: Token, ctx: Context) -> Iterator[Found]:
    """"Iran and Russia have violated their obligations", "The Kremlin undermines this
    Council", "Russia's procurement of missiles violates the resolutions": saying that an
    actor breaks a rule or harms an institution accuses it, in the voice of whoever says so
    (a source the sentence reports, else the voice of the text); events.yaml ``wrongdoing``."""
    node = verb.head if verb.dep_ == "conj" or verb.dep_ == "xcomp" and \
        verb.head.lemma_.lower() in _GOING_ON else verb  # "continues to foment"
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) or \
        next((c for c in node.children if c.dep_ == "nsubj"), None)
    doers = _doers(subject, ctx)
    if not doers:
        return
    teller = node.head if node.dep_ == "ccomp" and node.head.lemma_.lower() in \
        ctx.modality.reporting else None
    judges = [r for r in ctx.mentions.resolve_all(verb_args(teller).subj) if r.code] \
        if teller is not None else []
    if teller is None and node.dep_ not in ("ROOT", "advcl", "relcl"):
        return  # a wrong that another clause frames ("wants to undermine") is not said done
    if not judges and teller is None and ctx.mentions.speaker is not None:
        judges = [ctx.mentions.speaker]
    yield Found(verb, "event", "ACCUSE", "allege", judges,
                [d for d in doers if not any(d.code == j.code for j in judges)], None, None)


def _judgement(word: Token, ctx: Context) -> str:
    return ctx.rules.evaluations.get(word.lower_) or ctx.rules.evaluations[word.lemma_.lower()]


def _that_doer(word: Token, clause: Token) -> Token | None:
    """The subject of the clause a judgement is about: "concerned that Iran has supplied
    drones", "It is unacceptable that Russia continues to attack"."""
    for child in (*word.children, *(clause.children if clause is not word else ())):
        if child.dep_ in ("ccomp", "csubj") and child.pos_ in ("VERB", "AUX"):
            return next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


def _doers(token: Token | None, ctx: Context) -> list[ActorRef]:
    """Who did what ``token`` names: the agent of an event noun ("Russia's attacks", "the
    conviction of X by the regime"), else the actor it names."""
    if token is None:
        return []
    if token.pos_ == "NOUN" and (token.lemma_.lower() in ctx.rules.nouns or
                                 any(c.dep_ == "poss" for c in token.children)):
        agents = ctx.mentions.resolve_all(noun_args(token).prep("by") or _possessor(token) or
                                          _light_verb_subject(token, ctx))
        return [a for a in agents if a.code]
    named = [r for r in ctx.mentions.resolve_all(token) if r.code]
    if not named and token.pos_ == "NOUN":  # "these actions by the regime", "the conduct of X"
        return _owner_of(token, ctx, of_phrase=token.lemma_.lower() in _DEEDS) or []
    return named


def _dictionary_event(verb: Token, ctx: Context) -> Iterator[Found]:
    """A verb the curated triggers lack, coded through the CAMEO verb dictionary: its pattern
    gives the PLOVER type and mode, and the source ($) and target (+) when it marks them;
    otherwise the doer is the subject and the target the object, a prepositional phrase or the
    first actor in the verb's own clause. A paired code (CAMEO ``[042:043]``: "visited" /
    "hosted", "met" both ways) also codes the target's return event when the context asks
    for PETRARCH's convention (``return_events``); PLOVER records the one event."""
    match = _verb_match(verb, ctx)
    if match is None or match.plover is None or (
            _frames_a_trigger(verb, ctx) and not _judges_a_deed(verb, match, ctx)) or \
            _carries_a_nominal_event(verb, ctx) or _asks(verb, ctx) or \
            _undergoes_event(verb, ctx) is not None:
        return
    if verb.lemma_.lower() in ctx.modality.governors and match.plover.type not in _VERBAL \
            and not _telephoned(verb):
        return  # "plans to", "seeks", "expects": they frame the event their complement names
    if _done_by_its_event(verb, match.plover.type, ctx) or \
            _acts_by_an_event(verb, match.plover.type, ctx):
        return  # "Israeli strikes hit Damascus", "hit Russia with new sanctions": the noun's
    if match.code in _UNSPECIFIED_INTENT and match.pattern is None:
        return  # a family's bare "intent to cooperate" (train, vote) agrees to nothing
    if verb.lemma_.lower() in ctx.rules.holding and match.plover.type in _COOPERATIVE and any(
            c.dep_ == "dobj" and c.pos_ == "PROPN" and (
                c.ent_type_ in ("GPE", "LOC", "FAC") or
                any(r.country and not r.sector for r in ctx.mentions.resolve_all(c)))
            for c in verb.children):
        return  # "the Houthis, who control Sanaa": a place held, no cooperation with it
    source = match.source[0] if match.source and _is_actor(match.source[0], ctx) else None
    if source is None and not _own_doer(verb):
        return  # "cannot prevent the public from learning ...": whose deed, the parse guesses
    args = _patterned(verb_args(verb), verb, "act", ctx)
    role = "act"
    target = match.target[0] if match.target and _is_actor(match.target[0], ctx) else None
    if match.source and match.target and match.source[0] is match.target[0]:
        # PETRARCH's "%": the compound actor acts on itself, each side on the other
        # ("Gondor and Osgiliath renewed diplomatic ties"); a marked word that names no
        # actor ("Old foes Gondor and ...") leaves the parse's subject
        args.subj, args.obj, role, target = source or args.subj, None, "mutual", None
    elif source is not None:
        args.subj = source
    returned = match.reverse_plover if ctx.return_events else None
    if returned is None and match.plover.type != "AID" and not _may_name_doer(args, match, ctx):
        return  # _named_sides would drop the event: no reading of its subject names an actor
    if target is not None:
        args.obj = target
    elif role == "act" and not _is_actor(_counted(args.obj), ctx) and \
            not _used_goods(verb, args, ctx):  # "dozens of villagers were killed by ..."
        after = _first_actor_after(verb, ctx)
        if after is not None and match.plover.type == "CONSULT" and _topic_or_venue(after, verb):
            after = None  # "EU leaders gathered in Brussels", "consulted on the crisis in Niger"
        args.obj = after or args.obj
    for plover, reverse in ((match.plover, False), (returned, True)):
        if plover is None:
            continue
        # giving without a pattern says what is given only through a commodity ("helped")
        rule = Rule(plover.type, role, "auto" if plover.type == "AID" else plover.mode,
                    needs_what=plover.type == "AID" and match.pattern is None)
        for found in _named_sides(_event(verb, args, rule, ctx)):
            yield dataclasses.replace(found, actors=found.recipients, recipients=found.actors,
                                      part=found.part + 100) if reverse else found


#: People one telephones, named by their office: "called his Turkish counterpart".
_CALLED_PEOPLE = frozenset({"counterpart", "president", "minister", "leader", "premier",
                            "chancellor", "king", "secretary", "envoy", "ambassador"})


def _warns_of_others(verb: Token, args: Args, ctx: Context) -> bool:
    """"South Korea warned that North Korea was supplying Russia": a warning of what another
    actor does, to no one addressed, tells of it (its content is the event); only a warning
    of what the warner will do ("warned it would retaliate") or told to someone ("warned
    Iran that ...") threatens."""
    if args.obj is not None or args.dative is not None:
        return False
    warners = {r.country for r in ctx.mentions.resolve_all(args.subj) if r.country}
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        others = [r for r in ctx.mentions.resolve_all(subject) if r.code]
        if others and warners and not any(r.country in warners for r in others):
            return True
    return False


def _telephoned(verb: Token) -> bool:
    """"Biden called Netanyahu (to urge restraint)": one called is telephoned, not asked to do
    what follows (that is "called on", "called for")."""
    if verb.lemma_.lower() != "call" or any(c.dep_ in ("oprd", "acomp") and c.pos_ != "PROPN"
                                            for c in verb.children):
        return False  # "called US claims baseless", "called it a provocation"
    return any(c.dep_ in ("dobj", "oprd") and (c.pos_ == "PROPN" or c.lemma_.lower() in
                                               _CALLED_PEOPLE) for c in verb.children)


def _hit_by(noun: Token, type_: str, ctx: Context) -> Token | None:
    """What an event noun does to through a verb of its own type: the object of the verb it is
    the subject of ("Israeli strikes hit Damascus"), the subject of the passive verb it is the
    agent of ("Damascus was hit by Israeli strikes")."""
    if noun.dep_ == "nsubj":
        verb, role = noun.head, "dobj"
    elif noun.dep_ == "pobj" and noun.head.dep_ == "agent":
        verb, role = noun.head.head, "nsubjpass"
    else:
        return None
    if verb.pos_ != "VERB" or ctx.verbs is None or not _done_by_its_event(verb, type_, ctx):
        return None
    match = _verb_match(verb, ctx)
    if match is None or match.plover is None or match.plover.type != type_:
        return None
    return next((c for c in verb.children if c.dep_ == role), None)


def _acts_by_an_event(verb: Token, type_: str, ctx: Context) -> bool:
    """Whether a verb acts through an event noun of another type in its "with", "through" or
    "via" phrase: "The EU hit Russia with new sanctions", "Britain targeted Russian banks
    with sanctions" are sanctions (the noun's event, its doer the verb's subject), not attacks
    or accusations. Goods given "with" are no such means ("supplied Russia with assistance")."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in _INSTRUMENTS):
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            rule = ctx.rules.nouns.get(noun.lemma_.lower())
            if rule is not None and rule.type not in (type_, "AID"):
                return True
    return False


def _done_by_its_event(verb: Token, type_: str, ctx: Context) -> bool:
    """Whether a dictionary verb's doer is an event noun of its own type: "Israeli strikes hit
    Damascus", "Gaza City was pounded by Israeli air strikes", "a Russian drone attack hit
    Odesa" say one attack, the noun's."""
    doers = [c for c in verb.children if c.dep_ == "nsubj"] + [
        p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
    return any(getattr(ctx.rules.nouns.get(d.lemma_.lower()), "type", None) == type_
               for d in doers)


def _own_doer(verb: Token) -> bool:
    """Whether a dictionary verb names its doer itself: a subject or agent of its own, or
    the one it shares with the verb it is coordinated with ("attacked and occupied") or
    whose complement it is ("agreed to send", "refused to meet"). The doer a verb would take
    from a phrase or clause above it ("efforts to de-escalate the violence", "steps to
    mitigate", "prevent the public from learning") is the parse's guess, too weak for a
    verb the curated triggers do not list."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "agent", "csubj") for c in verb.children):
        return True
    return verb.dep_ in ("conj", "xcomp")


def _may_name_doer(args: Args, match, ctx: Context) -> bool:
    """Whether a dictionary verb's doer can be a named actor: outside supplies (whose doer may
    come from the sentence before) the doer of an "act" or "mutual" reading is its subject, as
    :func:`_participants` reads it, and an agent of no named country may still be placed
    (_localised). A cheap test, made before the sides are built."""
    subjects = ctx.mentions.resolve_all(args.subj)
    if match.plover.type == "PROTEST":
        subjects += ctx.mentions.resolve_all(_counted(args.subj))
    return any(r.code or (r.country is None and r.sector) for r in subjects)


def _named_sides(found_events: Iterable[Found]) -> Iterator[Found]:
    """A dictionary verb is a weaker cue than a curated trigger: it codes an event only between
    named actors (one-sided types: with a named doer)."""
    for found in found_events:
        named = [a for a in found.actors if a.code]
        recipients = [r for r in found.recipients if r.code]
        if named and (recipients or found.type in _ONE_SIDED):
            yield dataclasses.replace(found, recipients=recipients)


#: Relations that open a clause of its own: an actor beyond them is not the verb's target.
_CLAUSE_BOUNDARIES = frozenset({"relcl", "advcl", "ccomp", "conj", "appos", "parataxis",
                                "xcomp", "csubj"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
#: A verb's own complement clauses: "vowed to wage war on X", "allowed that X is".
_COMPLEMENTS = frozenset({"xcomp", "ccomp"})
#: Prepositions of the means by which a subject acts: "responded with strikes".
_INSTRUMENTS = frozenset({"with", "through", "via"})
#: Prepositions of what talks are about.
_TOPIC_PREPS = frozenset({"about", "on", "over", "regarding", "concerning"})


def _first_actor_after(verb: Token, ctx: Context) -> Token | None:
    """The first noun phrase after the verb, inside its own clause, that names an actor:
    "welcomed a resumption of ties with Osgiliath", "condemned an attack by Gondor soldiers",
    "cordoned off the roads leading into Gondor" (a participle describing the object belongs
    to it; an infinitive, "efforts to counter X", opens a clause of its own). This is how
    PETRARCH reads a verb phrase's target when no pattern marks one."""
    for token in verb.doc[verb.i + 1: sentence_of(verb).end]:
        if token.dep_ in _MODIFIER_DEPS or token.pos_ not in ("NOUN", "PROPN"):
            continue
        # up to the verb itself; the verb's own complement is part of its phrase ("vowed to
        # wage war on the Rohans", "allowed that Mordor is ..."), a purpose clause or a clause
        # coordinated with it is not ("met to discuss Russia's attacks")
        path = [t for t in token.ancestors if t.i >= verb.i]
        if verb not in token.ancestors or any(
                _opens_clause(t) and t != verb and not (t.dep_ in _COMPLEMENTS and t.head == verb)
                for t in [token, *path[:-1]]):
            continue
        if any(r.code for r in ctx.mentions.resolve_all(token)) and not _within_backing(token):
            return token
    return None


def _opens_clause(token: Token) -> bool:
    return token.dep_ in _CLAUSE_BOUNDARIES or (token.dep_ == "acl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children))


def _verb_match(verb: Token, ctx: Context):
    """The verb dictionary's reading of ``verb`` (sinew.cameo.VerbMatch or None), once."""
    if verb.i not in ctx.matched:
        ctx.matched[verb.i] = ctx.verbs.match(verb)  # type: ignore[attr-defined]
    return ctx.matched[verb.i]


def _is_light(verb: Token, rules: EventRules) -> bool:
    """Whether ``verb`` is a light verb, also where the lemmatizer misreads it ("staged" ->
    "stag")."""
    return any(key in rules.light_verbs for key in (
        verb.lemma_.lower(), verb.lower_.removesuffix("d"), verb.lower_.removesuffix("s")))


def _carries_a_nominal_event(verb: Token, ctx: Context) -> bool:
    """A light verb whose object names the event ("announced new sanctions", "conducted
    strikes"): the noun is the event, read with the verb's subject as its agent; or a
    reporting verb, which only tells of the event its object names ("reported attacks")."""
    if verb.lemma_.lower() in _CLAIMING and any(
            c.dep_ == "dobj" and c.lemma_.lower() in ("responsibility", "credit")
            for c in verb.children):
        return True  # "took responsibility for the attack": the attack is the event
    if not _is_light(verb, ctx.rules) and verb.lemma_.lower() not in ctx.modality.reporting:
        return False  # "Kyiv reported drone attacks by Russia": the attacks are the event
    if verb.dep_ == "relcl" and _relative_carrier(verb.head) == verb:
        objects = [verb.head]  # "the strikes that Russia conducted"
    else:
        objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not _is_light(verb, ctx.rules) or any(o.lemma_.lower() in _BUNDLES for o in objects):
        # "reported a wave of attacks", "adopted a package of sanctions"
        objects += [of for o in objects for of in [_of_complement(o)] if of is not None]
    return any(o.lemma_.lower() in ctx.rules.nouns or _hyphenated(o, ctx.rules.nouns)
               for o in objects)


def _undergoes_event(verb: Token, ctx: Context) -> Token | None:
    """The event noun that the subject of ``verb`` suffers ("Israel faces rocket attacks",
    "Kharkiv came under attack", "Iran is under sanctions"), if there is one."""
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ == "dobj" and lemma in ctx.rules.undergoing:
            noun = child
        elif child.dep_ == "prep" and child.lower_ == "under" and lemma in ("come", "be",
                                                                            "remain", "fall"):
            noun = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif child.dep_ == "prep" and child.lower_ in ("in", "during") and \
                lemma in ctx.rules.perishing and not any(c.dep_ in ("dobj", "agent") for c in
                                                         verb.children):
            # "died in a Russian strike", "were killed in an attack"; not "Russia killed 15
            # people in a missile strike", whose subject did it, nor "were killed by JNIM
            # militants in an ambush", whose agent did
            noun = next((c for c in child.children if c.dep_ == "pobj"), None)
        else:
            continue
        if noun is not None and noun.lemma_.lower() in ctx.rules.nouns:
            return noun
    return None


def _measure_aimed(verb: Token, ctx: Context) -> Token | None:
    """The sanction noun a verb of aiming aims, as its subject ("the sanctions target ...") or
    as the noun it describes ("sanctions targeting Belarusian officials")."""
    if verb.lemma_.lower() not in ctx.rules.aiming:
        return None
    noun = verb.head if verb.dep_ == "acl" else next(
        (c for c in verb.children if c.dep_ == "nsubj"), None)
    rule = ctx.rules.nouns.get(noun.lemma_.lower()) if noun is not None else None
    return noun if rule is not None and rule.type == "SANCTION" else None


def _aimed_at(noun: Token, ctx: Context) -> Token | None:
    """What a sanction noun is aimed at through a verb of aiming: the verb's object."""
    verbs = [noun.head] if noun.dep_ == "nsubj" else [c for c in noun.children
                                                      if c.dep_ == "acl"]
    for verb in verbs:
        if verb.pos_ == "VERB" and _measure_aimed(verb, ctx) == noun:
            return verb_args(verb).obj or verb_args(verb).prep("at", "on")
    return None


def _sufferer(noun: Token, ctx: Context) -> Token | None:
    """The subject of the verb by which it suffers the event ``noun`` names."""
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if verb.pos_ not in ("VERB", "AUX") or _undergoes_event(verb, ctx) != noun:
        return None
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return passive or _patterned(verb_args(verb), verb, "act", ctx).subj  # "were killed in"


def _carries_other_event(verb: Token, rule: Rule, ctx: Context) -> bool:
    """A light verb whose object (or, as a participle, whose noun: "the deal struck by") names
    an agreement: the noun is the event ("reached an agreement", "struck a deal": AGREE, not
    AID or ASSAULT)."""
    if not _is_light(verb, ctx.rules):
        return False
    nouns = [c for c in verb.children if c.dep_ == "dobj"]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        nouns.append(verb.head)
    return rule.type != "AGREE" and any(
        getattr(ctx.rules.nouns.get(n.lemma_.lower()), "type", None) == "AGREE" for n in nouns)


def _participle_agent(noun: Token, ctx: Context) -> Token | None:
    """The "by" agent of a light verb's participle on an event noun: "the agreement reached by
    Israel and Hamas", "the deal struck by Russia and Ukraine"."""
    for child in noun.children:
        if child.dep_ == "acl" and child.tag_ == "VBN" and \
                _is_light(child, ctx.rules):
            return next((p for a in child.children if a.dep_ == "agent"
                         for p in a.children if p.dep_ == "pobj"), None)
    return None


def _judges_a_deed(verb: Token, match, ctx: Context) -> bool:
    """A verb of judgement whose complement is a finite clause with a doer of its own ("we
    regret that Russia has refused ...", "Britain deplores that Iran has detained ..."): the
    clause is what is judged, its doer the one judged, not a frame of the judging."""
    if match.plover is None or match.plover.type not in ("ACCUSE", "SUPPORT"):
        return False
    return any(c.dep_ == "nsubj" and any(r.code for r in ctx.mentions.resolve_all(c))
               for clause in verb.children if clause.dep_ == "ccomp" for c in clause.children)


def _frames_a_trigger(verb: Token, ctx: Context) -> bool:
    """Whether the verb's complement is itself an event ("help expel", "helping Russia
    prolong", "moved to attack"): the complement is the event, the verb its frame."""
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ == "VERB":
            lemma = child.lemma_.lower()
            if lemma in ctx.rules.verbs and _fits(ctx.rules.verbs[lemma], verb_args(child)) \
                    or lemma in ctx.rules.measures:
                return True  # (one whose needs do not hold is read by the verb dictionary)
            found = _verb_match(child, ctx)
            if found is not None and found.plover is not None:
                return True
    return False


def _patterned(args: Args, trigger: Token, role: str, ctx: Context,
               nominal: bool = False) -> Args:
    """``args`` with the slots an argument pattern fills for this trigger (the pattern knows
    the construction better than the generic reading of the parse); ``nominal`` reads the
    trigger as a noun whatever its tag ("Fighting between ...")."""
    for slot, token in slots_for(ctx.bindings.get(trigger.i), role, trigger.doc).items():
        if slot == "subj" and (nominal or trigger.pos_ == "NOUN"):
            slot = "by"  # the doer of a nominal event is its agent phrase
        if slot == "subj":
            args.subj = token
        elif slot == "obj":
            args.obj = token
        elif slot == "dative":
            args.dative = token
        else:
            args.preps = {**(args.preps or {}), slot: [token, *(args.preps or {}).get(slot, [])]}
    return args


def _is_trigger_object(noun: Token, rules: EventRules) -> bool:
    """A noun that is already the object of a trigger verb ("received shipments of shells")."""
    node = _bundle_of(noun) or noun  # "imposed a raft of sanctions": the sanctions
    if node.dep_ not in ("dobj", "nsubjpass"):
        return False
    head = node.head
    lemma = head.lemma_.lower()
    if head.pos_ != "VERB":
        return False
    if lemma in rules.verbs and noun.lemma_.lower() in rules.verbs[lemma].needs_object:
        return True  # "imposed sanctions on Iran", "launched an attack on Kyiv": one event
    own = rules.nouns.get(noun.lemma_.lower())
    if own is not None and lemma in rules.verbs and rules.verbs[lemma].needs_prep:
        return False  # "ordered the deployment of troops": the noun is the event
    if own is not None and own.type != "AID":
        return False  # "held drills", "holds talks": the noun is the event, not a load
    return lemma in rules.measures or (lemma in rules.verbs and rules.verbs[lemma].type == "AID")


def _what(obj: Token | None, ctx: Context) -> tuple[What | None, Quantity | None]:
    if obj is not None and obj.lemma_.lower() in ctx.rules.collectives:
        obj = _of_complement(obj) or obj  # "a stockpile of 4 million shells": the shells count
    worth = obj if obj is not None and obj.lower_ in _VALUE_WORDS else None
    obj = (_of_complement(worth) or worth) if worth is not None else obj
    if obj is not None and obj.lemma_.lower() in _BUNDLES and \
            (batch := _of_complement(obj)) is not None and \
            batch.lemma_.lower() in ctx.rules.nouns:
        return None, None  # "three rounds of talks", "a new round of sanctions": no rounds fired
    category, named = classify(obj, ctx.rules)
    if obj is None:
        return None, None
    # "$300 million worth of drone components": components, with the money as their figure
    quantity = quantity_of(worth, None, ctx.rules) if worth is not None \
        else quantity_of(obj, named, ctx.rules)
    if category is None and quantity is not None and quantity.unit in _CURRENCIES:
        category = "money"
    if category == "money" and quantity is not None and quantity.unit in _CURRENCIES:
        # "$2 billion in weapons", "£500 million in air defence missiles": the goods, with
        # the money as their figure ("$61 billion in aid" stays money)
        goods = next((p for c in obj.children if c.dep_ == "prep" and c.lower_ == "in"
                      for p in c.children if p.dep_ == "pobj"), None)
        kind, named_goods = classify(goods, ctx.rules) if goods is not None else (None, None)
        if kind is not None and kind != "money":
            end = named_goods.i if named_goods is not None and named_goods.i > goods.i \
                else goods.i
            return What(kind, obj.doc[_phrase_start(goods): end + 1].text), quantity
    if category is None:
        return None, quantity
    text_end = named.i if named is not None and named.i > obj.i else obj.i
    text = obj.doc[_phrase_start(obj): text_end + 1].text
    return What(category, text), quantity


def _phrase_start(token: Token) -> int:
    """The start of a noun phrase without a preposition the parser hung in front of it
    ("Between January and May, about 9 million rounds ...")."""
    lefts = [c for c in token.lefts if c.dep_ not in ("prep", "punct", "advmod")]
    return min((c.left_edge.i for c in lefts), default=token.i)


def _objects(obj: Token | None) -> list[Token]:
    """The object and what is coordinated with it or listed as its content: "munitions, arms
    and other materiel"; "containers ..., containing six million rounds and 100 missiles"."""
    if obj is None:
        return []
    found = [obj, *obj.conjuncts]
    for token in (obj, obj.head):
        for child in token.children:
            if child.dep_ in ("acl", "advcl", "relcl") and child.lemma_.lower() in _CONTENT_VERBS:
                inner = next((c for c in child.children if c.dep_ == "dobj"), None)
                if inner is not None:
                    found.extend([inner, *inner.conjuncts])
    return found


def _whats(obj: Token | None, ctx: Context) -> list[tuple[What | None, Quantity | None]]:
    """One (what, quantity) per distinct commodity reading of the object phrase; the first
    reading of a category wins ("arms, arms training" is one weapons reading)."""
    readings: list[tuple[What | None, Quantity | None]] = []
    seen: set[tuple] = set()
    for token in _objects(obj):
        what, quantity = _what(token, ctx)
        key = (what.category if what else None, quantity.unit if quantity else None)
        if what is not None and key not in seen:
            seen.add(key)
            readings.append((what, quantity))
    return readings or [_what(obj, ctx)]


def _event(verb: Token, args: Args, rule: Rule, ctx: Context) -> Iterator[Found]:
    if rule.type in _PROMISED and verb.dep_ == "xcomp" and \
            verb.head.lemma_.lower() in _AGREE_LEMMAS:
        return  # "agreed to provide ...", "pledged to work together": one AGREE event (PLOVER)
    if _carries_other_event(verb, rule, ctx):
        return  # "struck a deal", "the deal struck by Russia": the noun's event, not an attack
    if rule.needs_object and not _object_in(args.obj, rule.needs_object):
        return
    if any(c.dep_ == "prt" and (verb.lemma_.lower(), c.lower_) in _NOT_GIVING for c in verb.children):
        return  # "give up its nuclear weapons" gives nothing to anyone
    source = _absorbed(verb, ctx) if verb.lemma_.lower() in _AGREE_LEMMAS else None
    what_args = verb_args(source) if source is not None else args
    actors, recipients = _participants(verb, args, rule, ctx)
    if source is not None and (not recipients or rule.role == "give"):
        # whom a promise or an offer is made to is whom it would give to: "offered to supply
        # North Korea with fighter jets" (an agreement keeps its partner)
        taking = getattr(ctx.rules.verbs.get(source.lemma_.lower()), "role", None) == "take"
        given = ctx.mentions.resolve_all(what_args.prep("from") if taking else (
            what_args.prep("to") or what_args.dative))  # "agreed to buy jets from France"
        if not given and what_args.prep("with") is not None and \
                _is_actor(what_args.obj, ctx):  # "agreed to provide Ukraine with a loan"
            given = ctx.mentions.resolve_all(what_args.obj)
        if not given and not recipients:
            given = _distant_recipients(source, ctx)
        recipients = given or recipients
        if given and taking and rule.role == "mutual":  # "agreed to buy jets from France":
            # a purchase is agreed by the buyer and the seller
            actors, recipients = _both_ways(rule.type, actors, recipients)
    if rule.type == "AGREE" and not recipients and len(actors) > 1 and _together(verb, ctx):
        recipients = actors  # "Japan and Australia pledged to work together": each to the other
    carrier = what_args.subj if rule.role == "arrive" else what_args.obj
    if (rule.role == "give" or source is not None) and what_args.prep("with") is not None and \
            _is_actor(carrier, ctx) and what_args.prep("to", "into") is None and \
            what_args.dative is None:
        carrier = what_args.prep("with")  # "provided the troops with uniforms and equipment"
    readings = _whats(carrier, ctx)
    if rule.needs_what and readings[0][0] is None:
        readings = _whats(args.prep("with"), ctx)
        if readings[0][0] is None:
            return
    if not actors and rule.role in ("take", "arrive"):
        actors = _supplier_of(carrier, ctx)  # "acquired Iranian drones"
        inner = _of_complement(carrier) if carrier is not None else None
        for _ in range(2):  # "large quantities of Russian crude", "millions of barrels of
            if actors or inner is None:  # Iranian oil"
                break
            actors, inner = _supplier_of(inner, ctx), _of_complement(inner)
    if not actors and args.obj is not None and rule.role == "give":
        # "North Korean troops were sent", "thousands of North Korean troops were sent"
        goods = [args.obj, *filter(None, [_of_complement(args.obj)])]
        actors = next((_supplier_of(t, ctx) for t in goods if _supplier_of(t, ctx)), [])
    if rule.type == "AID":
        actors, recipients = _continued_flow(verb, actors, recipients, ctx)
    type_ = rule.type
    if rule.else_type and not any(r.code for r in recipients):
        type_ = rule.else_type
    if type_ == "AID" and rule.role == "give" and not any(r.code for r in recipients) and \
            readings[0][0] is not None and readings[0][0].category in FORCE_CATEGORIES and \
            _sent_to_an_area(args, verb):
        type_ = "MOBILIZE"  # "sent troops to the border", "sent warships to the Red Sea"
    if type_ not in _GOODS_TYPES:
        readings = readings[:1]  # what an attack used is one reading; "killing two" is no load
    for part, (what, quantity) in enumerate(readings):
        if type_ not in _GOODS_TYPES:
            quantity = None
        mode = _mode(rule, what) if type_ == rule.type else "troops"
        yield Found(verb, "event", type_, mode, actors, recipients, what,
                    _rate_and_total(verb, quantity), part)


def _continued_flow(verb: Token, actors: list[ActorRef], recipients: list[ActorRef],
                    ctx: Context) -> tuple[list[ActorRef], list[ActorRef]]:
    """A flow sentence that names no actor at all continues the flow of the sentence before
    ("North Korea has sent ... to Russia. In 2024 alone, 9 million rounds were shipped.");
    otherwise remember this one if both sides are named."""
    if actors and recipients and all(a.country for a in actors + recipients):
        ctx.last_flow = (ctx.sentence, actors, recipients)
        return actors, recipients
    if actors:
        return actors, recipients
    if ctx.last_flow is None or ctx.sentence - ctx.last_flow[0] > 1:
        return _salient_supplier(verb, recipients, ctx), recipients
    _, before_actors, before_recipients = ctx.last_flow
    same_recipient = {r.country for r in recipients} == {r.country for r in before_recipients}
    if recipients and same_recipient:  # "X supplies munitions to Russia, and troops have arrived in Russia"
        return [dataclasses.replace(r, how="previous-sentence") for r in before_actors], recipients
    if recipients or any(True for _ in ctx.mentions.mentioned(sentence_of(verb))):
        return actors, recipients
    carried = [dataclasses.replace(r, how="previous-sentence") for r in before_actors]
    return carried, [dataclasses.replace(r, how="previous-sentence") for r in before_recipients]


def _salient_supplier(verb: Token, recipients: list[ActorRef], ctx: Context) -> list[ActorRef]:
    """"Tehran denies it. Yet 400 missiles arrived in Russia": goods that arrive with no
    supplier named, in a sentence that names only the recipient, come from the actor the
    text was last about."""
    last = ctx.mentions.last
    countries = {r.country for r in recipients}
    others = {m.entry.code for m in ctx.mentions.mentioned(sentence_of(verb))} - countries
    if not recipients or others or last is None or last.country in countries:
        return []
    return [dataclasses.replace(last, how="anaphor")]


def _is_actor(token: Token | None, ctx: Context) -> bool:
    return token is not None and ctx.mentions.resolve(token) is not None


def _supplier_of(obj: Token | None, ctx: Context) -> list[ActorRef]:
    """The origin a demonym or possessive gives the goods: "Iranian drones", "DPRK missiles"."""
    if obj is None:
        return []
    ref = ctx.mentions.resolve(obj)
    return [ref] if ref is not None and ref.country and ref.how != "anaphor" else []


def _absorbed(verb: Token, ctx: Context) -> Token | None:
    """The supply verb under "agreed to provide" / "pledged to send", or under the deal a
    verb of agreeing makes ("signed a deal to buy helicopters from the United States"), if
    any."""
    for child in verb.children:
        if child.dep_ == "xcomp" and child.lemma_.lower() in ctx.rules.verbs:
            return child
    for deal in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _DEALS):
        # the deal's infinitive, or the verb's purpose clause right after the deal (where the
        # parser hangs "signed a deal to buy ...")
        for child in [*deal.children, *(c for c in verb.children if c.dep_ == "advcl" and
                                         c.left_edge.i == deal.right_edge.i + 1)]:
            if child.dep_ in ("acl", "relcl", "advcl") and \
                    child.lemma_.lower() in ctx.rules.verbs and \
                    ctx.rules.verbs[child.lemma_.lower()].role in ("give", "take") and \
                    any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                return child
    return None


#: Nouns of a deal whose infinitive says what it is made to do: "a deal to buy", "an
#: agreement to supply".
_DEALS = frozenset({"deal", "agreement", "contract", "accord", "pact", "treaty",
                    "memorandum", "arrangement"})


def _together(verb: Token, ctx: Context) -> bool:
    """Whether what a verb of agreeing commits to is done jointly: its complement is done
    "together" or "jointly", or is itself a mutual event ("pledged to work together", "vowed
    to cooperate", "promised to deepen their partnership")."""
    for complement in (c for c in verb.children if c.dep_ == "xcomp"):
        rule = ctx.rules.verbs.get(_trigger_key(complement, ctx.rules))
        nouns = [ctx.rules.nouns.get(c.lemma_.lower()) for c in complement.children
                 if c.dep_ == "dobj"]
        if any(c.lower_ in ("together", "jointly") for c in complement.children) or \
                any(r is not None and r.role == "mutual" for r in [rule, *nouns]):
            return True
    return False


def _object_in(obj: Token | None, lemmas: tuple[str, ...]) -> bool:
    """Whether the object is one of ``lemmas``, also under a figure or a container ("dozens of
    missiles", "a wave of drones")."""
    if obj is not None and obj.lemma_.lower() not in lemmas and _of_complement(obj) is not None:
        if obj.lower_ in _NUMBER_WORDS or obj.pos_ == "NUM" or obj.dep_ == "dobj":
            obj = _of_complement(obj)
    return obj is not None and obj.lemma_.lower() in lemmas


def _participants(verb: Token, args: Args, rule: Rule,
                  ctx: Context) -> tuple[list[ActorRef], list[ActorRef]]:
    m = ctx.mentions
    user = _user_of_weapon(args.subj, ctx) if rule.type == "ASSAULT" else None
    subjects = m.resolve_all(user or args.subj)
    if subjects and user is None:  # "Britain, along with France, condemned ..."
        codes = {r.code for r in subjects}
        subjects += [r for t in _co_subjects(verb, args.subj) for r in m.resolve_all(t)
                     if r.code and r.code not in codes]
    if not subjects and rule.type == "PROTEST":
        subjects = m.resolve_all(_counted(args.subj))  # "thousands of protesters rallied"
    if not subjects and rule.role == "give" and args.prep("from") is not None and any(
            c.dep_ == "nsubjpass" for c in verb.children):
        # "shells were shipped to Russia from North Korea": whence goods were sent, passive
        subjects = [r for r in m.resolve_all(args.prep("from")) if r.code]
    if rule.role == "give":
        targets = [*(args.preps or {}).get("to", ()), *(args.preps or {}).get("into", ()),
                   *([args.dative] if args.dative is not None else [])]
        if not targets and args.obj is not None and args.prep("with") is not None:
            targets = [args.obj]  # "supplied Russia with shells"
        if not targets:
            targets = _compound_dative(verb, args.obj, ctx)  # "sold Russia microelectronics"
        if not targets:
            targets = _goods_recipient(verb, args.obj)  # "drones worth $1 billion to Russia"
        if not targets:  # "earmarked $1 billion for Ukraine": a beneficiary named by "for"
            targets = [t for t in (args.preps or {}).get("for", ())
                       if t.head.head in (verb, args.obj)]
        for target in targets:  # "transferred ... to date, ... to Russia"
            if target.lemma_.lower() in _AREAS:
                continue  # "moved troops to the Finnish border": where, not to whom
            if m.resolve_all(target):
                return subjects, m.resolve_all(target)
        return subjects, _distant_recipients(verb, ctx)
    if rule.role == "take":
        return m.resolve_all(args.prep("from")), subjects or _user_of_goods(verb, ctx)
    if rule.role == "arrive":  # "400 missiles arrived in Russia from Iran"
        destination = args.obj if _is_actor(args.obj, ctx) else args.prep("in", "to", "at")
        return m.resolve_all(args.prep("from")), m.resolve_all(destination)
    if (rule.type in _AWAY and rule.mode == "withdraw" or rule.type == "MOBILIZE") and \
            _own_forces(args.obj, subjects, ctx):
        # "withdrew its troops from Ukraine": from; "called up 300,000 reservists": its own
        args = dataclasses.replace(args, obj=None)
    if len(subjects) > 1 and _each_other(args.obj):
        return subjects, subjects  # "accused each other": each the other (self-pairs drop)
    reacted = _reaction_target(args.obj, rule, ctx)
    if reacted is not None:  # "suspended its cooperation with Niger": aimed at Niger
        return subjects, [r for r in reacted if all(r.code != s.code for s in subjects)] or \
            reacted
    objects = [] if _used_goods(verb, args, ctx) else [  # "launched North Korean missiles at Kharkiv": not a target
        r for r in m.resolve_all(_counted(args.obj)) if r.code or r.how != "unresolved" or
        (args.obj is not None and args.obj.pos_ == "PROPN")]
    if not objects and rule.type in _DONE_TO and args.obj is not None and \
            args.obj.pos_ == "NOUN" and (owner := _of_complement(args.obj)) is not None and \
            owner.lemma_.lower() not in _KIN:  # "the capitals of Yemen's neighbours": not Yemen
        # "raided the homes of journalists", "searched the offices of a rights group": the
        # owner of what is acted on suffers it
        objects = [r for r in m.resolve_all(_counted(owner)) if r.code or r.sector]
    if rule.mode == "seize" and verb.lemma_.lower() in _TAKING and args.prep("from") is not None:
        held = [r for r in m.resolve_all(args.prep("from")) if r.code]
        objects = held or objects  # "seized Raqqa from the Islamic State": from whom
    if rule.role == "mutual" and (rule.needs_object or not any(r.code for r in objects)):
        # "exchanged prisoners of war": the object is what passes, not a side; "signed a
        # Defence Cooperation Agreement": a name that codes no actor is what was signed
        objects = []
    if rule.role == "mutual" and not objects and args.prep("with") is None:
        objects = m.resolve_all(_object_partner(args.obj))
    if rule.role == "mutual" and not objects and len(subjects) > 1:
        return subjects, subjects  # both directions: "Russia and Iran signed" (self-pairs are dropped)
    for word in ("with", "against", "on", "upon", "at", "to", "from"):
        if rule.type == "CONSULT" and word in _TOPIC_PREPS:
            continue  # "consulted on North Korea's launches": what they consulted on
        for target in (args.preps or {}).get(word, ()) if not objects else ():
            if _acting_with(target) or _backing_phrase(target):
                continue  # "together with France, Britain imposed ...": a partner
            objects = m.resolve_all(target)  # "on Wednesday" is no target; "to Gondor" is
            if objects:
                break
    if not objects and rule.type == "CONSULT" and \
            len({r.country or r.code for r in subjects if r.code}) > 1:
        return subjects, subjects  # "Britain and Japan consulted on ...": with each other
    if not objects and rule.type == "THREATEN":
        objects = [r for r in m.resolve_all(_condition_subject(verb))
                   if r.code and all(r.country != s.country for s in subjects)]
    if not objects and rule.type in _PLACE_TARGETS:
        objects = _place_target(args, ctx)
    if not objects and rule.type == "PROTEST":
        objects = _protested_at(args, ctx)
    if any(r.country is None and r.sector for r in subjects + objects):
        subjects = _localised(subjects, args, ctx)
        if not _foreign(_counted(args.obj)):  # "arrested foreign journalists in Tehran"
            objects = _localised(objects, args, ctx)
    if rule.role == "mutual":
        return _both_ways(rule.type, subjects, objects)
    return subjects, objects


#: Event types that two sides do together, each with the other: agreeing and consulting.
#: (Cooperation "with" a partner is more often one side's intent or description: "will work
#: with the UN", "its partnership with Iran"; read both ways on the development part it
#: doubled those false facts and found one more.)
_TOGETHER_TYPES = frozenset({"AGREE", "CONSULT"})


#: Nouns of those related to an actor, who are not that actor ("Yemen's neighbours"): the
#: lexicon's nouns of relation, and of enmity.
_KIN = RELATIONAL | {"rival", "enemy", "adversary", "foe"}


#: Verbs of taking a place, whose "from" phrase names whom it is taken from.
_TAKING = frozenset({"seize", "capture", "take", "retake", "recapture", "wrest", "regain",
                     "conquer", "overrun"})


def _both_ways(type_: str, actors: list[ActorRef], recipients: list[ActorRef]
               ) -> tuple[list[ActorRef], list[ActorRef]]:
    """A mutual agreement or consultation named with a partner ("India signed a defence pact
    with the United States", "Putin met with Xi") is each side's with the other: both
    directions, as "India and the United States signed" is (self-pairs are dropped)."""
    if type_ not in _TOGETHER_TYPES or not any(a.code for a in actors) or \
            not any(r.code for r in recipients):
        return actors, recipients
    both = [*actors, *(r for r in recipients if all(r.code != a.code for a in actors))]
    return both, both


_CONDITIONS = frozenset({"if", "unless", "should"})


def _each_other(obj: Token | None) -> bool:
    """A reciprocal object: "each other", "one another"."""
    if obj is None or obj.lower_ not in ("other", "another", "one"):
        return False
    doc = obj.doc
    pair = {doc[i].lower_ for i in (obj.i - 1, obj.i, obj.i + 1) if 0 <= i < len(doc)}
    return {"each", "other"} <= pair or {"one", "another"} <= pair


#: Prepositions of what a consultation is about, and of where it is held: their phrases name
#: no partner ("consulted on North Korea's launches", "gathered in Brussels").
_VENUE_PREPS = frozenset({"in", "at"})


def _topic_or_venue(token: Token, verb: Token) -> bool:
    """Whether a name after a verb of consultation lies in a phrase of its topic or its venue
    (the first preposition above it, below the verb)."""
    node = token
    while node.head.i != node.i and node.i != verb.i:
        if node.dep_ == "prep":
            return node.lower_ in _TOPIC_PREPS | _VENUE_PREPS
        node = node.head
    return False


def _condition_subject(verb: Token) -> Token | None:
    """The subject of the condition a warning states ("Russia warned it would retaliate if
    Finland joined NATO": Finland): whoever must not do it is threatened, not what the
    condition names after it."""
    for token in verb.subtree:
        if token.dep_ == "advcl" and token.i > verb.i and any(
                c.dep_ in ("mark", "aux") and c.lower_ in _CONDITIONS for c in token.children):
            return next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


#: Nouns of an edge or a sea that forces are moved to: a "to" phrase naming one says where,
#: not to whom ("moved troops to the Finnish border", "dispatched warships to the Red Sea");
#: a region inside a state is that state ("sent troops to Russia's Kursk region").
_AREAS = frozenset({"border", "frontier", "front", "frontline", "coast", "sea", "waters",
                    "boundary"})


def _sent_to_an_area(args: Args, verb: Token) -> bool:
    """Whether goods go to an area ("to the Ukrainian border", "to the Red Sea", "into waters
    near Taiwan") rather than to an actor: forces sent there are mobilised (PLOVER MOBILIZE),
    not supplied to anyone; also where the parser hung the phrase on the goods ("a battalion
    of paratroopers to the border")."""
    places = [t for w in ("to", "into") for t in (args.preps or {}).get(w, ())]
    places += _goods_recipient(verb, args.obj) if args.obj is not None else []
    return any(t.lemma_.lower() in _AREAS or t.lower_ in _AREAS for t in places)


#: What stands between goods and a "to" phrase that hangs on them: their worth or value, the
#: money they come as, their figures ("drones worth $1 billion to Russia", "5 billion euros
#: in military aid to Ukraine").
_GOODS_LINKS = frozenset({"amod", "npadvmod", "quantmod", "nummod", "compound", "pobj", "prep",
                          "advmod", "appos"})


def _goods_recipient(verb: Token, obj: Token | None) -> list[Token]:
    """The "to" phrase that the parser hung inside the goods' phrase, through the money they
    come as, or on their worth: "pledged 5 billion euros in military aid to Ukraine", "sold
    drones worth $1 billion to Russia"; not through a clause ("drones that were sent to")."""
    roots = [obj] if obj is not None else []
    roots += [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("worth", "valued")]
    for root in roots:
        for token in root.subtree:
            if token.dep_ != "prep" or token.lower_ not in ("to", "into") or \
                    token.head.i == root.i and root is obj:
                continue  # a "to" on the goods themselves is read with the verb's
            node, linked = token.head, True
            while node.i != root.i:
                if node.dep_ not in _GOODS_LINKS or node.pos_ in ("VERB", "AUX"):
                    linked = False
                    break
                node = node.head
            found = [p for p in token.children if p.dep_ == "pobj"]
            if linked and found:
                return found
    return []


def _compound_dative(verb: Token, obj: Token | None, ctx: Context) -> list[Token]:
    """The recipient of a ditransitive the parser read as a name before the goods: "China sold
    Russia microelectronics", "US sends Ukraine long-range missiles" ("Russia" a compound of
    the goods). Only a name right after the verb that names an actor."""
    if obj is None or obj.dep_ != "dobj" or obj.head != verb:
        return []
    first = next((c for c in obj.children if c.i < obj.i and c.dep_ != "det"), None)
    if first is None or first.dep_ not in ("compound", "nmod") or first.pos_ != "PROPN" or \
            any(t.dep_ != "det" for t in verb.doc[verb.i + 1:first.left_edge.i]):
        return []  # "gave the Houthis cruise missiles": "the" is the goods' own determiner
    return [first] if any(r.code for r in ctx.mentions.resolve_all(first)) else []


def _own_forces(obj: Token | None, subjects: list[ActorRef], ctx: Context) -> bool:
    """Whether the object of a withdrawal is what the subject withdraws, its own people or
    forces ("withdrew its troops", "pulled their soldiers", "recalled Russian diplomats"),
    not whom it withdraws from."""
    if obj is None:
        return False
    if any(c.dep_ == "poss" and c.lower_ in ("its", "their", "our", "his", "her")
           for c in obj.children):
        return True
    refs = ctx.mentions.resolve_all(obj)
    own = {s.country for s in subjects if s.country}
    return bool(refs) and all((r.sector or "")[:3] in _STATE_ORGANS and r.country in own | {None}
                              for r in refs)


def _object_partner(obj: Token | None) -> Token | None:
    """The partner of a mutual verb named in its object's "with" phrase, or in the "with"
    phrase of the object's "of" phrase: "signed a memorandum of understanding with Kenya",
    "concluded an agreement with Egypt"."""
    for noun in filter(None, [obj, _of_complement(obj) if obj is not None else None]):
        found: dict[str, list[Token]] = {}
        _preps(noun, found)
        if found.get("with"):
            return found["with"][0]
        for worth in (c for c in noun.children if c.dep_ in ("amod", "acl") and
                      c.lemma_.lower() in _WORTH):  # "a deal worth $500 million with Turkey"
            partner = next((p for t in worth.subtree if t.dep_ == "prep" and t.lower_ == "with"
                            for p in t.children if p.dep_ == "pobj"), None)
            if partner is not None:
                return partner
    return None


#: Words that give a deal's value, which the parser makes the head of the phrases after it.
_WORTH = frozenset({"worth", "value", "valued", "estimate", "estimated", "total", "totalling",
                    "totaling"})


def _counted(target: Token | None) -> Token | None:
    """Who a figure or a part counts: "arrested dozens of journalists", "the detention of
    hundreds of protesters", "accused the majority of the Council", "killed members of Hamas"
    name the people ("killed 15 civilians": the figure is a modifier)."""
    if target is not None and (target.lower_ in _NUMBER_WORDS or target.pos_ == "NUM" or
                               target.lemma_.lower() in _PARTITIVES):
        return _of_complement(target) or target
    return target


def _localised(refs: list[ActorRef], args: Args, ctx: Context) -> list[ActorRef]:
    """Agents of no named country ("police", "protesters", "villagers") belong to the country
    where the event happens: "police arrested protesters in Tbilisi" -> GEOCOP, GEOOPP."""
    place = next((r.country for r in _place_target(args, ctx)), None)
    if place is None:
        return refs
    return [dataclasses.replace(r, code=place + r.sector, country=place,
                                name=ctx.mentions.lexicon.names.get(place, place))
            if r.country is None and r.sector else r for r in refs]


def _reaction_target(obj: Token | None, rule: Rule, ctx: Context) -> list[ActorRef] | None:
    """Whom a reaction to an event is aimed at: condemning "Russia's attacks on Kyiv" accuses
    Russia, not Kyiv; welcoming "the agreement between Israel and Hamas" supports its parties.
    The agent of the event noun, or of the latest such event when the noun only points back
    ("this horrific attack"); ``None`` when the object is no event noun."""
    if obj is None or rule.type not in _REACTIONS or obj.pos_ != "NOUN":
        return None
    event = ctx.rules.nouns.get(obj.lemma_.lower())
    if event is None:
        return _owner_of(obj, ctx)
    if event.type in ("AID", rule.type):
        return None  # "imposed sanctions": the noun is this event, not one reacted to
    if event.role == "mutual":
        sides = _nominal_sides(obj, _patterned(noun_args(obj), obj, "mutual", ctx), ctx)
        return sides[0] + sides[1] or ctx.mentions.resolve_all(noun_args(obj).prep("between"))
    agents, _ = _nominal_sides(obj, noun_args(obj), ctx)
    if agents:
        return agents
    before = ctx.last_event.get(event.type)
    pointing = any(c.lower_ in _DEMONSTRATIVES for c in obj.children)
    return list(before[1]) if before is not None and pointing else []


#: Nouns of what an actor does or shows, whose "of" phrase is the one who does or shows it
#: ("the actions of the regime", "the courage of the Iranian people"); other nouns' "of"
#: phrase may be who suffers ("the plight of civilians").
_DEEDS = frozenset({"action", "act", "conduct", "behaviour", "behavior", "activity", "policy",
                    "effort", "work", "role", "decision", "practice", "operation", "involvement",
                    "leadership", "courage", "bravery", "resilience", "commitment",
                    "determination", "contribution", "dedication", "service", "sacrifice",
                    "professionalism", "steadfastness", "generosity", "support", "actions"})


def _owner_of(obj: Token, ctx: Context, of_phrase: bool = True) -> list[ActorRef] | None:
    """Whose deed a reaction praises or condemns when it names no event: "welcomes the efforts
    of Qatar and Egypt", "condemn the regime's actions", "the announcement by the government"
    (the possessor, the "by" phrase, else, with ``of_phrase``, the "of" phrase); ``None``
    when none names an actor."""
    if any(r.code for r in ctx.mentions.resolve_all(obj)):
        return None  # "praised Kenya's leadership": the object names the actor itself
    args = noun_args(obj)
    for owner in (_possessor(obj), args.prep("by"), args.prep("of") if of_phrase else None):
        found = [r for r in ctx.mentions.resolve_all(owner) if r.code]
        if found:
            return found
    return None


def _owned_deed(args: Args, ctx: Context) -> list[ActorRef] | None:
    """Whose deed a judging noun is aimed at when its phrase names a quality or deed, not an
    actor: "tribute to the courage of the Iranian people", "praise for the efforts of Qatar",
    "condemnation of the regime's actions" (see _owner_of)."""
    for word in ("to", "for", "of", "on", "against"):
        for phrase in (args.preps or {}).get(word, ()):
            if phrase.pos_ == "NOUN" and phrase.lemma_.lower() in _DEEDS:
                owners = [r for r in ctx.mentions.resolve_all(phrase) if r.code] or \
                    _owner_of(phrase, ctx)
                if owners:
                    return owners
    return None


def _protested_at(args: Args, ctx: Context) -> list[ActorRef]:
    """A protest held outside or in front of an actor's building is aimed at that actor:
    "protested outside the Russian embassy", "rallied in front of parliament" (a place is
    where it was held, not whom it was against: "outside Yerevan" names no target, so only
    institutions, actors with a sector, count)."""
    held = [args.prep("outside")]
    held += [p for front in (args.preps or {}).get("in", ()) if front.lower_ == "front"
             for c in front.children if c.dep_ == "prep" and c.lower_ == "of"
             for p in c.children if p.dep_ == "pobj"]
    return [r for t in filter(None, held) for r in ctx.mentions.resolve_all(t)
            if r.how != "place" and r.code and r.sector]


#: Nouns of the edge between states: a place "near the Algerian border" or "across the
#: frontier" lies in neither state for certain.
_EDGES = frozenset({"border", "frontier", "boundary", "borderline"})


def _place_target(args: Args, ctx: Context) -> list[ActorRef]:
    """Where an attack or a seizure happened stands for whom it hit when no one else is named:
    "pounded positions in Syria", "struck targets across Ukraine", "raided a village near
    Kherson" (a place inside a state is that state)."""
    places = [args.prep("in", "across", "near", "inside", "into")]
    # the object, and what it is aimed at: "sanctions on two individuals in Congo"
    holders = [args.obj, *[t for w in ("on", "against") for t in (args.preps or {}).get(w, ())],
               _of_complement(args.obj) if args.obj is not None else None]  # "the
    # headquarters of a party in Ankara"
    for holder in filter(None, holders):
        inner: dict[str, list[Token]] = {}
        _preps(holder, inner)
        places += [inner.get(word, [None])[0] for word in ("in", "across", "near", "inside")]
        places += [t for w in ("on", "against") for t in inner.get(w, ()) for t in
                   [next((p for c in t.children if c.dep_ == "prep" and c.lower_ == "in"
                          for p in c.children if p.dep_ == "pobj"), None)] if t is not None]
    for place in filter(None, places):
        if place.lemma_.lower() in _EDGES:
            continue  # "near the Algerian border": a border is the edge of two states
        found = [r for r in ctx.mentions.resolve_all(place) if r.country] or \
            _wider_place(place, ctx)
        if found:
            return found
    return []


def _wider_place(place: Token, ctx: Context) -> list[ActorRef]:
    """The state a place no lexicon knows lies in: "struck near civilian areas in Saudi
    Arabia", "shelled villages in the Kherson region", "fired into populated areas of Israel"."""
    inner: dict[str, list[Token]] = {}
    _preps(place, inner)
    wider = next((t for w in ("in", "of", "inside", "near") for t in inner.get(w, ())), None)
    return [r for r in ctx.mentions.resolve_all(wider) if r.country]


def _user_of_weapon(subject: Token | None, ctx: Context) -> Token | None:
    """Who uses the weapons that are an attack's subject, where a participle says so: the
    recipient of "Iranian drones supplied to Russia struck Odesa", the agent of "North Korean
    missiles fired by Russia hit Kharkiv"; the weapons' own adjective names only their maker."""
    if subject is None or classify(subject, ctx.rules)[0] is None:
        return None
    for participle in (c for c in subject.children if c.dep_ == "acl" and c.tag_ == "VBN"):
        args = verb_args(participle)
        rule = ctx.rules.verbs.get(participle.lemma_.lower())
        if rule is not None and rule.type == "AID" and rule.role == "give":
            user = args.prep("to") or args.dative
        else:
            user = next((p for a in participle.children if a.dep_ == "agent"
                         for p in a.children if p.dep_ == "pobj"), None)
        if user is not None and any(r.code for r in ctx.mentions.resolve_all(user)):
            return user
    return None


def _user_of_goods(participle: Token, ctx: Context) -> list[ActorRef]:
    """Who received goods a participle describes: the one who uses or holds them ("Russia
    using weapons sourced from North Korea"), unless that verb is an act against them
    ("the UK seized weapons bought from Iran")."""
    goods = participle.head
    if participle.dep_ != "acl" or goods.dep_ != "dobj":
        return []
    rule = ctx.rules.verbs.get(goods.head.lemma_.lower())
    if rule is not None and rule.type != "AID":
        return []
    return ctx.mentions.resolve_all(verb_args(goods.head).subj)


def _distant_recipients(verb: Token, ctx: Context) -> list[ActorRef]:
    """The recipient of a giving verb that has no "to" phrase of its own: one shared with a
    coordinated giving verb ("providing shells and deploying troops to Russia"), a "to"
    phrase inside a clause that describes the load ("containers ..., containing ... to Russia"),
    the beneficiary of a governing verb ("provides support to Russia by supplying munitions")
    or of "in support of" ("agreed to send troops in support of Russia's war")."""
    means = verb.head if verb.dep_ in ("pcomp", "pobj") else None
    if means is not None and means.lower_ in ("by", "through") and means.head.pos_ == "VERB":
        target = verb_args(means.head).prep("to") or verb_args(means.head).dative
        if target is not None and ctx.mentions.resolve_all(target):
            return ctx.mentions.resolve_all(target)
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"):
        support = next((c for c in prep.children if c.lemma_.lower() == "support"), None)
        beneficiary = _of_complement(support) if support is not None else None
        if beneficiary is not None and ctx.mentions.resolve_all(beneficiary):
            return ctx.mentions.resolve_all(beneficiary)
    for other in verb.conjuncts:
        rule = ctx.rules.verbs.get(other.lemma_.lower())
        if rule is not None and rule.role == "give":
            target = verb_args(other).prep("to", "into")
            if target is not None:
                return ctx.mentions.resolve_all(target)
    for child in verb.children:
        if child.dep_ in ("advcl", "acl") and child.lemma_.lower() in _CONTENT_VERBS:
            target = verb_args(child).prep("to", "into")
            if target is not None:
                return ctx.mentions.resolve_all(target)
    return _purpose_place(verb, ctx)


def _purpose_place(verb: Token, ctx: Context) -> list[ActorRef]:
    """Where a purpose clause puts what was sent: "sent 10,000 soldiers to train in eastern
    Russia", "deployed troops to fight in Kursk": the country of that place receives them."""
    for child in verb.children:
        purpose = child.dep_ in ("advcl", "xcomp") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        if purpose:
            place = verb_args(child).prep("in", "to", "into", "near")
            found = [r for r in ctx.mentions.resolve_all(place) if r.country]
            if found:
                return found
    return []


def _mode(rule: Rule, what: What | None) -> str | None:
    if rule.mode != "auto":
        return rule.mode
    if what is None:
        return None
    if what.category in _MILITARY:
        return "military"
    return "humanitarian" if what.category == "food" else "economic"


def _measure(token: Token, args: Args, indicator: str, ctx: Context) -> Iterator[Found]:
    what, quantity = _what(args.obj, ctx)
    if quantity is None:
        return
    if what is None and indicator == "spending":
        what = What("money", args.obj.text if args.obj is not None else token.text)
    if what is None:
        return
    if indicator in ("production", "stockpile") and _capability(token):
        indicator = "capacity"  # "plants could produce 4.5 million shells", "could hold"
    actors = ctx.mentions.resolve_all(args.subj)
    yield Found(token, "measure", indicator, None, actors, [], what,
                _rate_and_total(token, quantity))


def _conditional(token: Token) -> bool:
    return any(t.dep_ == "mark" and t.lower_ in ("if", "unless") for t in sentence_of(token))


def _capability(verb: Token) -> bool:
    """A "can"/"could" on the verb or on the verb it is coordinated with."""
    for node in (verb, verb.head if verb.dep_ == "conj" else verb):
        if any(c.dep_ == "aux" and c.lower_ in _CAPABILITY for c in node.children):
            return True
    return False


def _nominal(noun: Token, rule: Rule, ctx: Context) -> Iterator[Found]:
    """"the provision of shells by the DPRK to Russia", "arms transfers from X to Y",
    "Russia's procurement of DPRK missiles", "troop deployments by the DPRK to Russia"."""
    if rule.type in _COOPERATIVE and _agreed(noun, ctx):
        return  # "agreed to deepen cooperation" is one AGREE event (PLOVER), read at "agreed"
    if rule.type == "REQUEST" and _request_clause(noun, ctx.rules) is not None:
        return  # "the demand that Iran stop ...": read with its clause, _nominal_request
    args = _patterned(noun_args(noun), noun, rule.role, ctx, nominal=True)
    if rule.needs_object and not _object_in(args.obj, rule.needs_object) and not any(
            c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in rule.needs_object
            for c in noun.children):
        return  # "an exchange of prisoners", "a prisoner swap"; not "an exchange of views"
    _stranded_preps(noun, args, ctx)
    _relative_preps(noun, args, ctx)
    if rule.role == "mutual":
        _stranded_partner(noun, args)
    carrier = args.obj if args.obj is not None else _commodity_modifier(noun, ctx)
    readings = _whats(carrier, ctx)
    if rule.type == "AID" and readings[0][0] is None:
        own = _own_goods(noun, ctx)  # "security assistance", "military aid"
        if own is not None:
            carrier, readings = noun, own
    if rule.type == "AID" and readings[0][0] is None and not rule.else_type:
        return
    if rule.type == "AID" or rule.role == "take":
        actors, recipients = _nominal_participants(noun, args, rule, carrier, ctx)
        if not actors and rule.type == "AID":  # "Canada's freeze on arms exports to Israel"
            actors = [r for r in ctx.mentions.resolve_all(_stopper(noun)) if r.code]
        if carrier is noun and not any(r.code for r in recipients) and \
                not any(c.dep_ in ("amod", "compound") for c in noun.children):
            return  # "Kenya repaid its loan": a loan to no one named is the borrower's
    else:
        actors, recipients = _nominal_sides(noun, args, ctx, rule.type)
        if not recipients and rule.type in _PLACE_TARGETS:
            recipients = _place_target(args, ctx)  # "the drawdown of U.S. forces in Afghanistan"
        if not recipients and rule.type in _AWAY:
            recipients = _left_home(actors, ctx)  # "our drawdown" in a text about Afghanistan
        if not recipients and rule.type == "PROTEST":  # "staged a sit-in outside parliament"
            recipients = _protested_at(args, ctx) or (
                _protested_at(verb_args(noun.head), ctx) if noun.dep_ == "dobj" else [])
        if not any(r.code for r in recipients) and rule.type in _REACTIONS:
            recipients = _owned_deed(args, ctx) or (  # "voiced its appreciation for the work of"
                _owned_deed(verb_args(noun.head), ctx) if noun.dep_ == "dobj" else None) or \
                recipients
    if rule.needs_doer and not any(a.code for a in actors):
        return
    if not actors and not recipients:
        actors, recipients = _means_participants(noun, ctx) or _anaphoric_flow(noun, ctx)
    elif rule.type == "AID" and actors and recipients:
        ctx.last_flow = (ctx.sentence, actors, recipients)
    if rule.joint is not None:
        rule, actors, recipients = _held_jointly(noun, rule, actors, recipients, args, ctx)
    if rule.role == "mutual" and len(actors) > 1 and not recipients:
        actors, recipients = _offered_to(noun, actors, ctx)
    if rule.role == "mutual" and len(actors) > 1 and not recipients:
        actors, recipients = actors, actors  # "the treaty between Russia and the DPRK", both ways
    elif rule.role == "mutual":
        actors, recipients = _both_ways(rule.type, actors, recipients)  # "India's pact with"
    type_ = rule.else_type if rule.else_type and not any(r.code for r in recipients) \
        else rule.type
    if type_ == "AID" and readings[0][0] is None:
        return  # a deployment to an actor moves goods or troops the text must name
    for part, (what, quantity) in enumerate(readings):
        yield Found(noun, "event", type_, _mode(rule, what), actors, recipients,
                    what, _rate_and_total(noun, quantity), part)


def _own_goods(noun: Token, ctx: Context
               ) -> list[tuple[What | None, Quantity | None]] | None:
    """The goods an event noun names with its own modifier ("security assistance", "military
    aid", "humanitarian aid"), as _whats reads them; the bare noun ("with Russia's
    assistance") names none."""
    if not any(c.dep_ in ("amod", "compound") for c in noun.children) and \
            classify(noun, ctx.rules)[0] != "money":
        return None  # a loan names money by itself; aid or assistance names nothing
    readings = _whats(noun, ctx)
    return readings if readings[0][0] is not None else None


#: Types that, promised or agreed to, are AGREE (PLOVER).
_COOPERATIVE = frozenset({"COOPERATE", "CONSULT", "SUPPORT"})
_PROMISED = _COOPERATIVE | {"AID"}


def _agreed(noun: Token, ctx: Context) -> bool:
    """An event noun that is what an actor agrees, pledges or commits to: "agreed to deepen
    cooperation", "pledged to hold talks", "agreed to a new partnership"."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "to":  # "agreed to a new defence partnership"
        return verb.head.lemma_.lower() in _AGREE_LEMMAS
    return noun.dep_ == "dobj" and _is_light(verb, ctx.rules) and verb.dep_ == "xcomp" and \
        verb.head.lemma_.lower() in _AGREE_LEMMAS


#: Words that make an exercise one held with others: "joint drills", "combined exercises".
_JOINT = frozenset({"joint", "combined", "bilateral", "trilateral", "multinational"})


def _held_jointly(noun: Token, rule: Rule, actors: list[ActorRef], recipients: list[ActorRef],
                  args: Args, ctx: Context) -> tuple[Rule, list[ActorRef], list[ActorRef]]:
    """An exercise held with a partner is cooperation between them ("Russia and China held
    joint naval exercises", "drills with Belarus"; PLOVER codes joint military exercises
    COOPERATE, one country's MOBILIZE): the rule of the joint event and its sides, or the
    noun's own rule and sides when no partner is named."""
    held_with = args.prep("with") or (verb_args(noun.head).prep("with")
                                      if noun.dep_ == "dobj" else None)  # "held drills with X"
    partners = [r for r in ctx.mentions.resolve_all(held_with) if r.code]
    joint = any(c.lower_ in _JOINT for c in noun.children if c.dep_ in ("amod", "compound"))
    named = {a.country for a in actors if a.country}
    if partners and actors:
        sides = actors + [p for p in partners if p.country not in named]
    elif joint and len(named) > 1:
        sides = actors
    else:
        return rule, actors, recipients
    joint_rule = dataclasses.replace(rule, type=rule.joint, role="mutual", mode=None)
    return joint_rule, sides, sides  # each with each other, both ways


def _left_home(actors: list[ActorRef], ctx: Context) -> list[ActorRef]:
    """The country a text is about, for a withdrawal that names no place: foreign forces
    withdraw from it ("our drawdown" in a text about Afghanistan)."""
    home = ctx.mentions.home()
    if home is None or not actors or any(a.country in (None, home) for a in actors):
        return []
    return [ActorRef(home, ctx.mentions.lexicon.names.get(home, home), "", country=home,
                     how="home")]


def _offered_to(noun: Token, sides: list[ActorRef], ctx: Context
                ) -> tuple[list[ActorRef], list[ActorRef]]:
    """One side of a truce or treaty "between" two that offers, proposes or accepts it acts
    toward the other ("Ghani's offer of a ceasefire between the government and the Taliban",
    "Israel accepted a truce between Israel and Hezbollah"); else the sides stay as they are."""
    frame = _frame_noun(noun, ctx)
    owner = _possessor(frame) or noun_args(frame).prep("by") if frame is not None else None
    doers = ctx.mentions.resolve_all(owner or _light_verb_subject(noun, ctx) or (
        _light_verb_subject(frame, ctx) if frame is not None else None))
    codes = {d.code for d in doers if d.code}
    if not codes or not codes < {s.code for s in sides}:
        return sides, []
    return [s for s in sides if s.code in codes], [s for s in sides if s.code not in codes]


def _nominal_participants(noun: Token, args: Args, rule: Rule, carrier: Token | None,
                          ctx: Context) -> tuple[list[ActorRef], list[ActorRef]]:
    m = ctx.mentions
    agent = args.prep("by") or _possessor(noun) or _light_verb_subject(noun, ctx)
    # "North Korean shipments of shells", "DPRK imports of oil": a modifier of the noun, not
    # an actor in its phrases ("purchases of drones from Iran" are not Iran's)
    implied = next((r for c in noun.children if c.dep_ in ("amod", "compound", "nmod")
                    for r in [m.resolve(c)] if r is not None and r.country), None)
    implied_list = [implied] if implied is not None else []
    if rule.role == "take":
        recipients = m.resolve_all(agent) or implied_list or \
            m.resolve_all(_instrument_subject(noun, ctx))
        return m.resolve_all(args.prep("from")) or _supplier_of(carrier, ctx), recipients
    actors = m.resolve_all(agent) or m.resolve_all(args.prep("from")) or implied_list
    if actors and agent is not None and agent.dep_ == "poss":  # "Iran's and Russia's transfers"
        codes = {a.code for a in actors}
        actors += [r for t in _co_possessors(noun, agent) for r in m.resolve_all(t)
                   if r.code not in codes]
    if not actors:
        actors = _supplier_of(carrier, ctx)  # "the deployment of U.S. forces"
    if not actors:
        actors = m.resolve_all(_instrument_subject(noun, ctx))
    if not actors and noun.dep_ in ("dobj", "nsubjpass") and \
            noun.head.lemma_.lower() in ctx.rules.own_flows:
        # "Germany halted arms exports to Saudi Arabia", "paused a shipment of bombs to
        # Israel": who halts or resumes a flow is its supplier (who blocks it may not be); a
        # pronoun is too weak a clue, as for a light verb ("it has resumed grain exports")
        controller = verb_args(noun.head).subj
        if controller is not None and (controller.pos_ != "PRON" or
                                       controller.lower_ in ("i", "we")):
            actors = m.resolve_all(controller)
    recipients = m.resolve_all(args.prep("to", "for", "against", "on", "into"))
    if not recipients and carrier is not None:
        # "the provision of arms to Russia", "a drawdown of equipment for Ukraine": the "to"
        # or "for" phrase hangs on the goods
        recipients = m.resolve_all(verb_args(carrier).prep("to", "into", "for"))
    if not recipients:  # "what Russia provides in return for its provision of arms": to Russia
        recipients = [r for r in m.resolve_all(_exchanged_with(noun, ctx)) if r.code and
                      all(r.country != a.country for a in actors)]
    return actors, recipients


def _exchanged_with(noun: Token, ctx: Context) -> Token | None:
    """The subject of the clause an event noun is given "in return for" or "in exchange
    for": the one who receives what the noun moves."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lower_ not in ("return",
                                                                               "exchange"):
        return None
    clause = prep.head.head.head if prep.head.head.dep_ == "prep" else prep.head.head
    rule = ctx.rules.verbs.get(clause.lemma_.lower())
    if clause.pos_ != "VERB" or rule is None or rule.role != "give":
        return None  # "the DPRK extracts a price in return for its troops": not to the DPRK
    return verb_args(clause).subj


#: Nouns of stopping a flow: who stops it is who supplied it.
_STOPS = frozenset({"halt", "pause", "suspension", "freeze", "moratorium", "cancellation",
                    "stop", "cutoff", "cut-off"})


def _stopper(flow: Token) -> Token | None:
    """Who stops a flow named by a noun, and so supplied it (as ``own_flows`` verbs say):
    "Canada's freeze on arms exports to Israel", "the United States announced a pause in
    arms deliveries to Israel" (the owner of the stop, else the subject of the verb that
    makes it)."""
    if flow.dep_ != "pobj" or flow.head.head.lemma_.lower() not in _STOPS:
        return None
    stop = flow.head.head
    owner = _possessor(stop)
    if owner is None and stop.dep_ == "dobj":
        owner = next((c for c in stop.head.children if c.dep_ == "nsubj"), None)
    return owner


def _nominal_sides(noun: Token, args: Args, ctx: Context, type_: str = ""
                   ) -> tuple[list[ActorRef], list[ActorRef]]:
    """The two sides of a nominal event that moves nothing: the agent ("by" phrase, possessor,
    adjective: "Russia's invasion", "a Russian attack"; or the one whose use, campaign or wave
    of it the noun is: "Russia's use of torture against POWs") acts on the "of" phrase ("the
    invasion of Ukraine", "the arrest of journalists by police"); with no agent, the "of"
    phrase is the doer ("the withdrawal of U.S. troops") unless the event is done to someone
    ("the torture of prisoners": the prisoners are tortured, whoever did it)."""
    m = ctx.mentions
    modifier = next((c for c in noun.children if c.dep_ in ("amod", "compound", "nmod")
                     and m.resolve(c) is not None), None)
    if modifier is not None and type_ == "AGREE" and _place_of_signing(modifier, ctx):
        modifier = None  # "the Minsk agreements", "the Oslo Accords": where, not who
    frame = _frame_noun(noun, ctx)
    # "attacks from Hamas", "pressure from Beijing": the source of an act is its doer; what
    # one withdraws or is released from is where the event is aimed
    source = None if type_ in _AWAY else args.prep("from")
    agent = m.resolve_all(args.prep("by") or _possessor(noun) or modifier or source or
                          _light_verb_subject(noun, ctx) or _participle_agent(noun, ctx) or
                          _adverbial_doer(noun, ctx) or _responsible_for(noun))
    if modifier is not None and agent:  # "Russia-DPRK cooperation", "US-UK strikes"
        agent += [r for r in m.resolve_all(_hyphen_partner(modifier)) if r not in agent]
    owner = _possessor(noun)
    if owner is not None and agent:  # "Russia's and the DPRK's cooperation"
        codes = {a.code for a in agent}
        agent += [r for t in _co_possessors(noun, owner) for r in m.resolve_all(t)
                  if r.code not in codes]
    patient = m.resolve_all(_counted(args.prep("of")))
    # the first of these phrases that names an actor ("an agreement with Sudan on the dam")
    targets = next((found for word in ("on", "against", "at", "to", "into", "with",
                                       *(() if source is not None else ("from",)))
                    for phrase in (args.preps or {}).get(word, ())
                    if not _backing_phrase(phrase)  # "its offensive with Iran's help"
                    for found in [m.resolve_all(phrase)] if found), [])
    if not targets:
        targets = m.resolve_all(_sufferer(noun, ctx))  # "Israel faces attacks from Hamas"
    if not targets:
        targets = m.resolve_all(_hit_by(noun, type_, ctx))  # "Kyiv was hit by Russian strikes"
    if not targets and type_ == "SANCTION":
        targets = [r for r in m.resolve_all(_aimed_at(noun, ctx)) if r.code]
        if targets and not agent and m.speaker is not None:
            agent = [m.speaker]  # "today's sanctions target ...": the voice imposes them
    if not agent and frame is not None:
        framed = noun_args(frame)
        agent = m.resolve_all(framed.prep("by") or _possessor(frame))
        targets = targets or m.resolve_all(framed.prep("on", "against", "at", "to", "into"))
    if not agent and frame is None:
        agent = m.resolve_all(_instrument_subject(noun, ctx))
    if agent and type_ in _AWAY:  # "Russia's withdrawal of its troops from Georgia": from
        # Georgia; "Israel's release of 39 Palestinian prisoners": those released
        return agent, targets or (patient if _releases(noun, ctx) else [])
    if agent:
        return agent, (patient or targets) if frame is None or patient else targets
    if type_ in _DONE_TO or _releases(noun, ctx):  # "the release of political prisoners":
        return [], patient or targets  # those released, whoever frees them
    return patient, targets


def _releases(noun: Token, ctx: Context) -> bool:
    return getattr(ctx.rules.nouns.get(noun.lemma_.lower()), "mode", None) == "release"


def _place_of_signing(modifier: Token, ctx: Context) -> bool:
    """A city or region alone before an agreement names where it was made ("the Minsk
    agreements"), not a party; two joined ("the Moscow-Pyongyang treaty") are the parties."""
    mention = ctx.mentions.by_token.get(modifier.i)
    return mention is not None and mention.entry.how in ("capital", "region") and \
        _hyphen_partner(modifier) is None


def _hyphen_partner(modifier: Token) -> Token | None:
    """The first of two names joined by a hyphen before a noun ("Russia-DPRK cooperation",
    "US-UK strikes"): the parser hangs it on the second."""
    doc = modifier.doc
    return next((c for c in modifier.children if c.i == modifier.i - 2 and
                 doc[c.i + 1].text in ("-", "–") and c.dep_ in ("nmod", "compound", "amod")),
                None)


def _frame_noun(noun: Token, ctx: Context) -> Token | None:
    """The noun whose "of" phrase an event noun is: "Russia's use of torture", "the Taliban's
    campaign of violence", "a wave of attacks by Russia" (events.yaml ``frame_nouns``)."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and \
            head.head.lemma_.lower() in ctx.rules.frame_nouns:
        return head.head
    return None


#: What "against" can be said of without naming a target: "against the advice of Washington",
#: "against the wishes of Russia", "against the backdrop of".
_AGAINST_NO_ONE = frozenset({"advice", "wish", "will", "objection", "opposition", "backdrop",
                             "background", "recommendation", "law", "rule", "norm",
                             "principle", "odds", "consensus", "grain", "tide", "clock"})


def _stranded_preps(trigger: Token, args: Args, ctx: Context) -> None:
    """"by"/"to" phrases after a noun trigger that the parser hung on the word governing it:
    "concern over troop deployments by the DPRK to Russia" (on "concern"), "condemn the
    provision of munitions by the DPRK, to Russia" (on "condemn"). A reporting verb's "to"
    is its addressee ("said the sale ... to reporters"), not a recipient."""
    noun = trigger
    while noun.dep_ == "conj":  # "attacking Ukraine and the deployment of forces to Russia"
        noun = noun.head
    governor = noun.head.head if noun.dep_ == "pobj" else noun.head if noun.dep_ == "dobj" else None
    if governor is None or governor.lemma_.lower() in ctx.modality.reporting:
        return
    found: dict[str, list[Token]] = {}
    _preps(governor, found)
    for word in ("by", "to", "against"):
        late = [t for t in found.get(word, ()) if t.i > trigger.i and
                not (word == "against" and t.lemma_.lower() in _AGAINST_NO_ONE)]
        if late and args.preps is not None and word not in args.preps:
            args.preps[word] = late


def _relative_preps(noun: Token, args: Args, ctx: Context) -> None:
    """The target phrases of a light verb in a relative clause on an event noun are the
    noun's: "the strikes that Russia launched on Odesa" (on Odesa), "the attacks Hamas carried
    out against Israel". Where it was launched from, or with what, names no side ("the
    strikes that Russia launched from Belarus")."""
    verb = _relative_carrier(noun)
    if verb is None or args.preps is None or not _is_light(verb, ctx.rules):
        return
    found: dict[str, list[Token]] = {}
    _preps(verb, found)
    for word in _RELATIVE_TARGETS:
        if word in found:
            args.preps.setdefault(word, found[word])


def _stranded_partner(noun: Token, args: Args) -> None:
    """The partner of a mutual event noun in a "with" phrase the parser hung on the verb
    carrying it: "expands its partnership with the DPRK", "held talks on Monday with Iran"."""
    if noun.dep_ != "dobj" or args.preps is None or "with" in args.preps:
        return
    found: dict[str, list[Token]] = {}
    _preps(noun.head, found)
    late = [t for t in found.get("with", ()) if t.i > noun.i]
    if late:
        args.preps["with"] = late


def _light_verb_subject(noun: Token, ctx: Context) -> Token | None:
    """The subject of a verb that only carries its object's event ("the DPRK continued arms
    transfers", "Russia stepped up purchases"): the one who transfers or purchases."""
    verb = noun.head
    bundle = _bundle_of(noun)
    if bundle is not None:
        verb = bundle.head  # "adopted a new package of sanctions"
    elif noun.dep_ == "pobj" and noun.head.lower_ in ("to", "on") and noun.head.dep_ == "prep":
        verb = noun.head.head  # "agreed to a ceasefire", "committed to a truce", "went on strike"
    elif noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.dep_ == "prep" and \
            noun.head.head.lemma_.lower() in ctx.rules.travelling:
        # "arrived in Washington for talks with Biden", "is in Moscow for talks": whoever
        # came or is there for it holds it
        return verb_args(noun.head.head).subj
    elif noun.dep_ != "dobj":
        verb = None
    if verb is None or not _is_light(verb, ctx.rules):
        verb = _relative_carrier(noun)  # "the strikes that Russia launched on Odesa"
    if verb is None or not _is_light(verb, ctx.rules):
        return None
    # the patterns know who "which" or "that" stands for: "Hamas, which carried out the attack"
    subject = _patterned(verb_args(verb), verb, "act", ctx).subj
    # a pronoun here is too weak a clue: "it has resumed grain exports" names no exporter;
    # "we" and "I" are the voice of the text ("I pay tribute to ...")
    return subject if subject is not None and (
        subject.pos_ != "PRON" or subject.lower_ in ("i", "we")) else None


#: Nouns of a batch of measures: "a package of sanctions", "a new round of strikes".
_BUNDLES = frozenset({"package", "round", "set", "series", "wave", "raft", "batch", "tranche",
                      "slate", "list", "number"})


def _bundle_of(noun: Token) -> Token | None:
    """The batch noun whose "of" phrase ``noun`` is, when that batch is a verb's object ("adopted
    a 14th package of sanctions"): the verb carries the noun's event through it."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or prep.dep_ != "prep":
        return None
    bundle = prep.head
    return bundle if bundle.dep_ == "dobj" and bundle.lemma_.lower() in _BUNDLES else None


_RELATIVES = frozenset({"that", "which"})
#: The phrases of a relative clause's light verb that aim the event noun it carries.
_RELATIVE_TARGETS = ("on", "against", "at", "to", "into", "for")
#: Nouns that take a clause of their own after "that" ("the threat that Russia would
#: strike", "the claim that Iran sent drones"): that clause is their content, not a relative
#: clause, however the parser attaches "that".
_CONTENT_NOUNS = frozenset({"threat", "warning", "claim", "fear", "hope", "demand", "promise",
                            "pledge", "fact", "news", "report", "allegation", "assurance",
                            "statement", "possibility", "risk", "danger", "concern", "idea",
                            "rumour", "rumor", "suggestion", "belief", "view", "sign"})
#: Particles that turn a light verb into a verb of its own ("went back on", "stepped away").
_TURNING_PARTICLES = frozenset({"back", "away", "down", "off"})


def _relative_carrier(noun: Token) -> Token | None:
    """The verb of a relative clause whose object is ``noun`` ("the strikes that Russia
    launched", "the support which China provides", "the attacks Hamas carried out"): a
    relative pronoun as its object, or no object of its own and a subject that is no
    relative pronoun."""
    for clause in noun.children:
        if clause.dep_ != "relcl" or clause.pos_ != "VERB" or clause.i < noun.i:
            continue
        deps = {c.dep_: c for c in clause.children}
        if any(c.dep_ in ("prt", "advmod") and c.lower_ in _TURNING_PARTICLES
               for c in clause.children):
            continue  # "the ceasefire that Russia went back on"
        if "dobj" in deps:
            relative = deps["dobj"].lower_
            if relative == "which" or relative == "that" and \
                    noun.lemma_.lower() not in _CONTENT_NOUNS:
                return clause
        elif "nsubj" in deps and deps["nsubj"].lower_ not in _RELATIVES | {"who"} and \
                "nsubjpass" not in deps:
            return clause
    return None


_CLAIMING = frozenset({"claim", "take", "accept", "admit", "assume", "bear"})


def _responsible_for(noun: Token) -> Token | None:
    """Who is said to have done an event: the one who claims responsibility for it ("the
    Islamic State claimed responsibility for the bombing") or is responsible for it ("Russia
    is responsible for the attack on the hospital"), who claims it ("JNIM claimed the ambush
    that killed 15 soldiers"), or on whom it is blamed ("the strike was blamed on Russia")."""
    prep = noun.head
    if noun.dep_ == "dobj" and prep.lemma_.lower() == "claim":
        return next((c for c in prep.children if c.dep_ == "nsubj"), None)
    if noun.dep_ == "nsubjpass" and prep.lemma_.lower() == "blame":
        return next((p for c in prep.children if c.dep_ == "prep" and c.lower_ == "on"
                     for p in c.children if p.dep_ == "pobj"), None)
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return None
    owner = prep.head
    if owner.pos_ == "VERB" and owner.lemma_.lower() in _BLAMING and \
            prep.lower_ == _BLAMING[owner.lemma_.lower()]:
        # "blamed Tehran for the attack", "accused Russia of the strike": the one blamed
        return next((c for c in owner.children if c.dep_ == "dobj"), None)
    if prep.lower_ != "for":
        return None
    if owner.lemma_.lower() in ("responsibility", "credit") and owner.dep_ == "dobj" and \
            owner.head.lemma_.lower() in _CLAIMING:
        clause = owner.head
    elif owner.lower_ == "responsible" and owner.dep_ == "acomp":
        clause = owner.head
    else:
        return None
    return next((c for c in clause.children if c.dep_ == "nsubj"), None)


#: Verbs that name the doer of an event as their object, with the preposition of the event:
#: "blamed Tehran for the attack", "accused Russia of the strike".
_BLAMING = {"blame": "for", "fault": "for", "accuse": "of", "charge": "with"}


def _adverbial_doer(noun: Token, ctx: Context) -> Token | None:
    """The doer of an event noun that says why a verb was done: the verb's subject ("farmers
    blocked roads in protest against the EU", "workers walked out in protest")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "in" or prep.head.pos_ != "VERB" or \
            any(c.dep_ in ("det", "poss") for c in noun.children):
        return None
    return _patterned(verb_args(prep.head), prep.head, "act", ctx).subj


def _instrument_subject(noun: Token, ctx: Context) -> Token | None:
    """The doer of an event noun that is how the subject of an active verb acts: "Israel
    responded with strikes on Gaza", "the regime silenced critics through arrests of
    journalists", "Moscow undermines the Council with procurement of arms from the DPRK".
    Not a giving verb's means (its giver and recipient are the noun's, _means_participants)
    nor a passive one ("Kyiv was hit with strikes": Kyiv suffers them). A conjunct is a means
    like the first ("with rhetoric, procurement of arms and purchases of drones")."""
    while noun.dep_ in ("conj", "appos") and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in _INSTRUMENTS:
        return None
    verb = prep.head
    rule = ctx.rules.verbs.get(verb.lemma_.lower())
    if verb.pos_ != "VERB" or (rule is not None and rule.role == "give") or any(
            c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None
    subject = verb_args(verb).subj
    return subject if subject is not None and subject.pos_ != "PRON" else None


def _means_participants(noun: Token, ctx: Context) -> tuple[list[ActorRef], list[ActorRef]] | None:
    """"The DPRK is providing support to Russia through the supply of munitions": the means
    of a giving verb has that verb's giver and recipient."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("by", "through", "via"):
        return None
    verb = prep.head
    rule = ctx.rules.verbs.get(verb.lemma_.lower())
    if verb.pos_ != "VERB" or rule is None or rule.role != "give":
        return None
    args = verb_args(verb)
    actors = ctx.mentions.resolve_all(args.subj)
    recipients = ctx.mentions.resolve_all(args.prep("to") or args.dative)
    return (actors, recipients) if actors and recipients else None


def _anaphoric_flow(noun: Token, ctx: Context) -> tuple[list[ActorRef], list[ActorRef]]:
    """"Such weapons deliveries", "these continued arms transfers": a demonstrative flow noun
    that names no side refers to the flow named shortly before."""
    pointing = any(c.lower_ in _DEMONSTRATIVES and c.dep_ in ("det", "amod", "predet")
                   for c in noun.children)
    if not pointing or ctx.last_flow is None or ctx.sentence - ctx.last_flow[0] > _FLOW_REACH:
        return [], []
    _, actors, recipients = ctx.last_flow
    return ([dataclasses.replace(r, how="anaphor") for r in actors],
            [dataclasses.replace(r, how="anaphor") for r in recipients])


def _possessor(noun: Token) -> Token | None:
    """Whose the noun is; "its" stands for the subject of its own clause ("urge North Korea to
    cease its arms supply": North Korea's); a conjoined noun shares the first one's ("Russia's
    training and deployment of troops")."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is None and noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
        poss = next((c for c in noun.head.children if c.dep_ == "poss"), None)
    if poss is None or poss.pos_ != "PRON" or noun.head.pos_ not in ("VERB", "AUX"):
        return poss
    verb = noun.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject or _inherited_subject(verb) or poss


def _co_possessors(noun: Token, poss: Token) -> list[Token]:
    """The other possessors joined before one noun: each its own "poss" ("Washington's and
    London's strikes"), or the first hung elsewhere by the parser ("Russia's and the DPRK's
    cooperation", Russia taken as the clause's subject)."""
    found = [c for c in noun.children if c.dep_ == "poss" and c.i != poss.i]
    doc = poss.doc
    at = min([poss, *found], key=lambda t: t.i).left_edge.i
    if at >= 3 and doc[at - 1].lower_ in ("and", "&") and doc[at - 2].dep_ == "case":
        first = doc[at - 2].head
        if first.pos_ == "PROPN" and first.i < at - 2 and first.head.i != noun.i:
            found.append(first)
    return found


def _commodity_modifier(noun: Token, ctx: Context) -> Token | None:
    """The commodity a compound names: "arms transfers", "troop deployments"."""
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i and \
                classify(child, ctx.rules)[0] is not None:
            return child
    return None


def _modality(trigger: Token, ctx: Context) -> tuple[str, Attribution | None]:
    """A noun trigger ("Russia's possible provision of ...") has cues of its own and those of
    the verb it is the object of; as a subject it is framed by its predicate (see modality)."""
    own = modality_of(trigger, ctx.mentions, ctx.modality)
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "pobj") and \
            not undone_stop(trigger, ctx.modality):
        verb = _governing_verb(trigger)
        between = [trigger.doc[i] for i in _path_up(trigger, verb)]
        head = modality_of(verb, ctx.mentions, ctx.modality, presupposed=any(
            presupposes(node, ctx.modality) for node in between))
        strongest = min((own, head), key=lambda m: PRECEDENCE.index(m[0]))
        own = strongest[0], head[1] or own[1]
    if own == ("asserted", None):
        return _introduced(sentence_of(trigger), ctx) or own
    return own


def _path_up(noun: Token, top: Token) -> list[int]:
    """The indices from ``noun``'s head up to ``top`` (inclusive), along the heads."""
    path, node = [], noun
    while node.i != top.i and node.head.i != node.i:
        node = node.head
        path.append(node.i)
    return path


def _governing_verb(noun: Token) -> Token:
    """The verb a noun trigger hangs from, through nouns and prepositions: "confirmed
    evidence of a troop deployment" -> "confirmed" (its frame is the trigger's)."""
    node = noun.head
    while node.pos_ in ("NOUN", "ADP") and node.dep_ in ("dobj", "pobj", "prep") and \
            node.head is not node:
        node = node.head
    return node


def _introduced(sent: Span, ctx: Context) -> tuple[str, Attribution | None] | None:
    """A sentence under a line that announces it ("A spokesperson said:") is what that
    speaker says."""
    if sent.start == 0:
        return None
    before = sentence_of(sent.doc[sent.start - 1])
    last = next((t for t in reversed(before) if not t.is_space), None)
    root = before.root
    lemma = root.lemma_.lower()
    if last is None or last.text != ":" or lemma not in ctx.modality.reporting:
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    ref = ctx.mentions.resolve(subject) if subject is not None else None
    text = subject.doc[subject.left_edge.i: subject.i + 1].text if subject is not None else ""
    return ctx.modality.reporting[lemma], Attribution(ref.country if ref else None, text)


def _sides_missing(found: Found, ctx: Context) -> bool:
    """Whether no side _records could give ``found`` makes the sides its type needs
    (_sides_enough): a recipient, which only a conditional attack, coercion or sanction
    can still find (_as_threat), and an actor, which only the voice of the text can still be
    (_VOICED), or the source a first-person speech act is quoted from. Quoting (_quoted)
    turns a known side into another known side."""
    if found.kind != "event" or ctx.one_sided or found.type in ONE_SIDED_TYPES:
        return False
    if found.type in RECIPIENT_REQUIRED and found.type not in _AIMED - {"THREATEN"} and \
            not any(map(_known, found.recipients)):
        return True
    if any(map(_known, found.actors)):
        return False
    if found.actors:
        return True
    voiced = found.type in _VOICED and ctx.mentions.speaker is not None
    quoted = found.type in _SPOKEN and _first_person_subject(found.trigger)  # by its source
    return not (voiced or quoted)


#: The sectors of a state's own organs (CAMEO): its government, legislature, courts,
#: police, military and intelligence are the state, not another side of it.
_STATE_ORGANS = frozenset({"GOV", "LEG", "JUD", "COP", "MIL", "SPY"})


def _itself(actor: ActorRef | None, recipient: ActorRef | None, type_: str = "") -> bool:
    """An actor acting on itself (the same actor, or the same mention twice; or, but in
    violence and coercion, a state and one of its own organs: "Russia" and "the Russian
    military"): no event. Two sides of one country are two actors ("Syrian troops clashed
    with Syrian rebels", "police dispersed protesters", "Iraqi soldiers attacked Iraqi
    towns held by insurgents") and their event is coded."""
    if actor is None or recipient is None:
        return False
    if actor.code is None or recipient.code is None:
        return actor.text == recipient.text
    return actor.code == recipient.code or type_ not in _REPRESSION and (
        _organ_of(actor, recipient) or _organ_of(recipient, actor))


def _organ_of(part: ActorRef, whole: ActorRef) -> bool:
    """Whether ``part`` is an organ of the state ``whole`` names bare ("RUSMIL" of "RUS")."""
    return whole.country is not None and whole.code == whole.country and \
        part.country == whole.country and (part.sector or "")[:3] in _STATE_ORGANS


def _sides_enough(type_: str, actor: ActorRef | None, recipient: ActorRef | None) -> bool:
    """Whether an event has the sides its type needs: a known actor and a known recipient
    (RECIPIENT_REQUIRED); a supply, deployment or agreement (ONE_SIDED_TYPES) stands with
    either side alone."""
    if type_ in ONE_SIDED_TYPES:
        return True
    return _known(actor) and (type_ not in RECIPIENT_REQUIRED or _known(recipient))


def _quoted(ref: ActorRef, source: Attribution, ctx: Context) -> ActorRef:
    """"We" and "I" in what a source is reported to say are the source, not the text's voice:
    '"We condemn the sanctions," Iran's foreign minister said' (Iran condemns)."""
    if ref.how not in ("speaker", "publisher") or ref.text.lower() not in FIRST_PERSON:
        return ref
    return ref_of_code(str(source.code), ctx.mentions.lexicon, ref.text, "quoted")


def _known(ref: ActorRef | None) -> bool:
    """A side the coder could name (a country or organisation, or a kind of actor), or a
    name it does not know: a person, or a place the places step may code ("Russian forces
    shelled Avdiivka": Ukraine)."""
    return ref is not None and (ref.country is not None or ref.code is not None or
                                ref.how in ("unresolved", "person") and bool(ref.text))


def _has_doer(trigger: Token) -> bool:
    """Whether the trigger names its doer, resolved or not: a subject (of its own or of the
    verb it is coordinated with), an agent phrase, or a possessor ("Iran's rejection")."""
    heads = [trigger, trigger.head] if trigger.dep_ == "conj" else [trigger]
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "agent", "poss", "expl")
               for head in heads for c in head.children)


def _records(found: Found, ctx: Context) -> Iterator[Record]:
    if _sides_missing(found, ctx):
        return  # read no further: its modality and date would be read for nothing
    modality, attribution = _modality(found.trigger, ctx)
    if found.modality is not None:
        modality, attribution = found.modality, None
    if found.type == "capacity" and modality == "hypothetical" and not _conditional(found.trigger):
        modality = "assessed"  # "could produce" states a capability, not a hypothetical event
    if found.kind == "event" and found.type in _AIMED - {"THREATEN"} and \
            modality in ("future", "hypothetical"):
        condition = _condition_of(found.trigger)
        if condition is not None:  # "we will impose sanctions if Iran does not comply"
            found, modality, attribution = _as_threat(found, condition, ctx), "asserted", None
    if attribution is not None and attribution.code:
        found = dataclasses.replace(
            found, actors=[_quoted(a, attribution, ctx) for a in found.actors],
            recipients=[_quoted(r, attribution, ctx) for r in found.recipients])
    sent = sentence_of(found.trigger)
    evidence = Evidence(sentence_text(sent), sent.start_char, sent.end_char)
    date = date_of(found.trigger, ctx.published, ctx.modality.reporting)
    if found.kind == "event" and found.type in _VOICED and not found.actors and \
            found.recipients and attribution is None and ctx.mentions.speaker is not None and \
            not _has_doer(found.trigger):
        found = dataclasses.replace(found, actors=[ctx.mentions.speaker])
    if found.kind == "event" and found.type in _SPOKEN and not found.actors and \
            attribution is not None and attribution.code and _first_person_subject(found.trigger):
        # '"We urge Israel to show restraint," the Jordanian king said': the source speaks
        found = dataclasses.replace(found, actors=[ref_of_code(
            str(attribution.code), ctx.mentions.lexicon, attribution.text, "quoted")])
    made: set[str] = set()
    for actor in found.actors or [None]:
        for recipient in found.recipients or [None]:
            if actor is None and recipient is None and found.kind == "event":
                continue
            type_, mode = found.type, found.mode
            if type_ == "PROTEST" and actor is not None:
                actor = _protesters(actor, recipient, ctx)
            if _itself(actor, recipient, found.type):
                if not _moved_at_home(found, actor, recipient):
                    continue
                # forces sent to a place of their own state are mobilised, not supplied:
                # "Russia deployed troops to Kursk", "Ukraine rushed reinforcements to Kharkiv"
                type_, mode, recipient = "MOBILIZE", "troops", None
            if type_ == "MOBILIZE" and recipient is not None and (
                    recipient.country is None and recipient.code or
                    (recipient.sector or "")[:3] in _MOBILISED):
                # what is mobilised is no target: "mobilised 1.4 million young people",
                # "amassed warships near Taiwan"
                recipient = None
                if actor is None:
                    continue
            if found.kind == "event" and not ctx.one_sided and not _sides_enough(
                    type_, actor, recipient):
                continue
            rid = Record.make_id(ctx.doc_id, found.kind, type_, found.trigger.idx,
                                 evidence, actor, recipient, found.part)
            if rid in made:
                continue
            made.add(rid)
            told, source = modality, attribution
            if _says_itself(type_, actor, modality, attribution) and \
                    _own_subject(found.trigger, actor):
                # a demand or accusation its own side is said to make is made in the saying:
                # "Serbia demands that Kosovo ..., President Vucic said"
                told, source = "asserted", None
            yield Record(rid, ctx.doc_id, found.kind, type_, mode, actor, recipient,
                         found.what, found.quantity, told, source, date, evidence,
                         found.trigger.lemma_.lower())


def _own_subject(trigger: Token, actor: ActorRef) -> bool:
    """Whether the actor is the trigger verb's own subject ("Serbia demands ..."), not the
    teller of a clause the event is read from ("Diaz-Canel has said that the U.S. is
    fomenting the protests")."""
    doc = trigger.doc
    return trigger.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "nsubj" and actor.text in doc[c.left_edge.i: c.right_edge.i + 1].text
        for c in trigger.children)


def _first_person_subject(trigger: Token) -> bool:
    """Whether a verb's subject is "we" or "I"."""
    return trigger.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "nsubj" and c.lower_ in FIRST_PERSON for c in trigger.children)


def _says_itself(type_: str, actor: ActorRef | None, modality: str,
                 attribution: Attribution | None) -> bool:
    """A speech act (request, accusation, support, rejection, threat) that the text says its
    own actor's side reports."""
    return type_ in _SPOKEN and modality == "reported" and attribution is not None and \
        actor is not None and bool(attribution.code) and actor.country == attribution.code


#: Events made by saying them.
_SPOKEN = frozenset({*_VOICED, "THREATEN"})


#: Sectors of what a mobilisation musters: the forces or people mobilised, never its target.
_MOBILISED = frozenset({"MIL", "CVL", "UAF"})


def _protesters(actor: ActorRef, recipient: ActorRef | None, ctx: Context) -> ActorRef:
    """Who protests: a people named by its demonym is its protesters ("Kenyans protested
    against President Ruto": KENOPP, as CAMEO codes demonstrators), and protesters of no
    named country who protest against a government are its people ("protesters rallied
    against President Ruto")."""
    country = actor.country
    if actor.how == "demonym" and actor.sector is None and country:
        return dataclasses.replace(actor, code=country + "OPP", sector="OPP")
    if country is None and actor.sector == "OPP" and recipient is not None and \
            recipient.country and (recipient.sector or "")[:3] == "GOV":
        return dataclasses.replace(actor, code=recipient.country + "OPP",
                                   country=recipient.country,
                                   name=ctx.mentions.lexicon.names.get(recipient.country))
    return actor


def _moved_at_home(found: Found, actor: ActorRef | None, recipient: ActorRef | None) -> bool:
    """Forces (troops, military equipment) an actor sends to a place the lexicon codes as its
    own state, not to itself named again."""
    return found.kind == "event" and found.type == "AID" and found.what is not None and \
        found.what.category in FORCE_CATEGORIES and actor is not None and \
        recipient is not None and actor.text != recipient.text and \
        recipient.country == actor.country and \
        recipient.sector is None and recipient.how not in ("anaphor", "speaker")
