"""The event coder as a spaCy component (``sinew_events``): actors, events and measures of a
parsed document, from lexicons loaded (and checked) when the component is made.

Everything the coder knows is data: actor aliases (:mod:`sinew.actors`), event triggers and
argument roles (``events.yaml``), CAMEO verb patterns mapped to PLOVER (:mod:`sinew.cameo`),
argument patterns (:mod:`sinew.patterns`) and modality cues (:mod:`sinew.modality`). The same
generic code runs over the shipped lexicons or over dictionaries a user brings (PETRARCH files:
:meth:`EventCoder.from_petrarch`).

Standalone use::

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("sinew_events", config={"lexicon_dir": None})
    doc = nlp("North Korea shipped shells to Russia.")
    doc._.sinew_records   # [Record(...)]

Needs: a parsed ``Doc`` (dependency parse and entities). Sets: ``doc._.sinew_records``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Iterable

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc

from .actors import (ActorLexicon, Mentions, actor_lexicon, asker_labels, office_table,
                     publisher_of, publisher_table, title_author, title_office, title_speaker)
from .cameo import SENTENCE_KEYS, WORD_KEYS
from .config import one_sided as config_one_sided
from .events import Context, EventRules, event_rules, extract_sentence
from .lexicons import bulk_load
from .modality import ModalityRules, modality_rules
from .nlp import SENTENCE_TEXTS
from .patterns import ArgumentPatterns, argument_patterns
from .places import country_of, gazetteer
from .schema import ActorRef, Document, Record, content_hash

__all__ = ["EventCoder", "coder_for"]

#: A title worth parsing for its speaker names a statement (see actors.title_speaker).
_UTTERANCE_WORD = re.compile(r"\b(?:statement|remarks?|readout|speech|address|declaration|"
                             r"communiqu[eé]|message)\b", re.I)

#: A transcript's turn label: a line opened by a speaker's name in capitals and a colon
#: ("SECRETARY BLINKEN: Thank you", "MR. PRICE:", "QUESTION:").
_TURN_LABEL = re.compile(r"^[ \t]*([^\W\d_](?:[^\W\d_]|[.'’\- ]){0,40}(?:[^\W\d_]|\.)|[^\W\d_])"
                         r"(?:[ \t]*\([^()\n]{0,40}\))?[ \t]*:(?=\s)", re.M)
#: A possessive in a label makes it a heading ("PUTIN'S WAR:"), not a speaker's name.
_POSSESSIVE = re.compile(r"['’]S\b")

if not Doc.has_extension("sinew_records"):
    Doc.set_extension("sinew_records", default=None)
if not Doc.has_extension("sinew_date"):
    Doc.set_extension("sinew_date", default=None)


#: Words by which a text speaks in the first person.
_FIRST_PERSON = frozenset({"we", "our", "us", "i", "my"})
_FIRST_PERSON_IDS = frozenset(hash_string(word) for word in _FIRST_PERSON)


#: Verbs by which a text's own voice speaks of itself in the third person ("The United
#: States condemns ...", "The UK Government will continue to support ...", "Britain stands
#: with Ukraine"): their subject, unlike the subject of a deed ("Russia attacked ..."), is a
#: candidate for whom the text speaks.
_VOICING = frozenset({"announce", "applaud", "call", "commend", "condemn", "deplore", "express",
                      "reaffirm", "reiterate", "stand", "support", "thank", "urge", "welcome"})


def voice_of(doc: Doc, mentions: Mentions) -> ActorRef | None:
    """Whom a text in the first person speaks for when neither its title nor its publisher
    says (a statement republished elsewhere): the state it keeps as the subject of its main
    clauses where it speaks ("The United States condemns ... We call on ..."), or that
    introduces it ("Foreign Secretary David Cameron said:"), more often than any other. The
    subject of a deed ("Russia continues to attack ...") is what the text speaks about, not
    for. A text that never says "we" or "I" has no voice to find."""
    if not _FIRST_PERSON_IDS.intersection(doc.to_array(LOWER).tolist()):  # no Token made
        return None
    counts: Counter[str] = Counter()
    refs: dict[str, ActorRef] = {}
    for sent in doc.sents:
        root = sent.root
        verbs = [root, *(c for c in root.children if c.dep_ == "xcomp")]
        introduces = root.lemma_.lower() == "say" and sent.text.rstrip().endswith(":")
        if not introduces and not any(v.lemma_.lower() in _VOICING for v in verbs):
            continue
        for subject in (c for c in root.children if c.dep_ == "nsubj"):
            for ref in mentions.resolve_all(subject):
                if ref.country and ref.sector in (None, "GOV") and ref.how != "publisher":
                    counts[ref.country] += 1
                    refs.setdefault(ref.country, ref)
    ranked = counts.most_common(2)
    if not ranked or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    country = ranked[0][0]
    return replace(refs[country], code=country, sector=None, how="speaker")


class EventCoder:
    """Codes a parsed document into records. Lexicons are loaded when the coder is made, so a
    malformed lexicon is a configuration error before any document is read."""

    def __init__(self, nlp: Language, *, lexicon_dir: str | None = None,
                 actors: ActorLexicon | None = None, rules: EventRules | None = None,
                 modality: ModalityRules | None = None, patterns: ArgumentPatterns | None = None,
                 verbs=None, return_events: bool = False, one_sided: bool | None = None,
                 places: bool = True):
        self.nlp = nlp
        self.lexicon_dir = lexicon_dir
        with bulk_load():
            self.actors = actors if actors is not None else actor_lexicon(lexicon_dir)
            self.rules = rules if rules is not None else event_rules(lexicon_dir)
            self.modality = modality if modality is not None else modality_rules(lexicon_dir)
            self.patterns = patterns if patterns is not None else argument_patterns(lexicon_dir)
            self.verbs = verbs if verbs is not None else _shipped_verbs(lexicon_dir)
            self.actors.matcher(nlp)  # built now, not on the first document
            #: a town or region no actor entry knows stands for its state (the gazetteer)
            self._place_country = partial(country_of, gaz=gazetteer(lexicon_dir)) \
                if places else None
        #: also code the return event of a paired verb code ([042:043]), as PETRARCH does
        self.return_events = return_events
        #: keep events with one side unknown (sinew.config.one_sided)
        self.one_sided = config_one_sided(one_sided)
        self._offices = office_table(lexicon_dir)
        self._askers = asker_labels(lexicon_dir)
        self._label_refs: dict[tuple[str, str | None], ActorRef | None] = {}

    def __call__(self, doc: Doc) -> Doc:
        text_id = "doc-" + content_hash(doc.text)
        doc._.sinew_records = self.code(doc, Document(id=text_id, text=doc.text,
                                                      date=doc._.sinew_date))
        return doc

    def code(self, doc: Doc, document: Document, *,
             one_sided: bool | None = None) -> list[Record]:
        """Records of one parsed document, each once (by record id), in text order;
        ``one_sided`` overrides the coder's setting for this document."""
        mentions = Mentions(doc, self.actors, self.nlp, document.date,
                            speaker=self.speaker(document), offices=self._offices,
                            place_country=self._place_country)
        if mentions.speaker is None:
            mentions.speaker = voice_of(doc, mentions)
        ctx = Context(document.id, document.date, mentions, self.rules, self.modality,
                      bindings=self.patterns.bind(doc, self.nlp), verbs=self.verbs,
                      return_events=self.return_events,
                      one_sided=self.one_sided if one_sided is None else one_sided)
        unique: dict[str, Record] = {}
        turns = self._turns(doc, document, mentions.speaker)
        for sent in doc.sents:
            if turns:
                self._take_turn(sent.root.idx, turns, mentions)
            for record in _unsubsumed(list(extract_sentence(sent, ctx))):
                unique.setdefault(record.id, record)
        for key in ("sinew_sentences", "sinew_entities", SENTENCE_TEXTS, WORD_KEYS,
                    SENTENCE_KEYS):  # indexes
            doc.user_data.pop(key, None)
        return list(unique.values())

    def _turns(self, doc: Doc, document: Document, voice: ActorRef | None
               ) -> list[tuple[int, ActorRef | None]]:
        """The turns of a transcript, as (character where the turn's label starts, who "we"
        and "I" are in it): the office holder its label names ("SECRETARY BLINKEN:" -> USAGOV,
        "FOREIGN MINISTER KULEBA:" -> UKRGOV), no one for a question ("QUESTION:", publishers.yaml
        ``askers``), else the document's own voice ("MR PRICE:" in a State Department
        briefing). A text with no labelled turn has none."""
        turns: list[tuple[int, ActorRef | None]] = []
        for match in _TURN_LABEL.finditer(doc.text):
            raw = match.group(1)
            if raw != raw.upper() or _POSSESSIVE.search(raw):
                continue  # "Update 2:", "PUTIN'S WAR:": no speaker's label
            label = " ".join(raw.replace(".", " ").split())
            if label.lower() in self._askers:
                turns.append((match.start(1), None))
                continue
            if not any(len(word) > 1 for word in label.split()):
                continue  # "A:" or "U.S.:" is no speaker's name
            turns.append((match.start(1), self._labelled(label, document.date) or voice))
        return turns if any(ref != voice for _, ref in turns) else []

    def _labelled(self, label: str, day: str | None) -> ActorRef | None:
        """The office holder a turn's label names, parsed once per label and day (a transcript
        repeats its few labels at every turn)."""
        key = (label, day)
        if key not in self._label_refs:
            if len(self._label_refs) > 4096:
                self._label_refs.clear()
            self._label_refs[key] = title_author(self.nlp(label.title()), self.actors,
                                                 self.nlp, day)
        return self._label_refs[key]

    @staticmethod
    def _take_turn(at: int, turns: list[tuple[int, ActorRef | None]], mentions: Mentions) -> None:
        """Make the speaker of the turn that character ``at`` is in the voice of the text; a
        sentence before the first label keeps the document's voice."""
        index = bisect_right(turns, at, key=lambda turn: turn[0])
        speaker = turns[index - 1][1] if index else mentions.speaker
        if speaker != mentions.speaker:
            mentions.speaker = speaker

    def speaker(self, document: Document) -> ActorRef | None:
        """Who "we" and "I" are in the document: the actor its title names as the author of
        a statement ("UK statement to the OSCE", "Statement by Secretary of Defense Lloyd J.
        Austin III", "Remarks by the U.S. Mission"), else its publisher by URL, else the
        office holder or the office ("Foreign Secretary statement on ...": publishers.yaml
        ``offices``) the title names."""
        if document.title and _UTTERANCE_WORD.search(document.title):  # parse only those
            found = title_speaker(self._title(document.title), self.actors, self.nlp,
                                  document.date)
            if found is not None:
                return found
        publisher = publisher_of(document.url, self.actors, publisher_table(self.lexicon_dir))
        if publisher is None and document.title:  # a statement republished elsewhere
            return title_author(self._title(document.title), self.actors, self.nlp,
                                document.date) or \
                title_office(document.title, self.actors, self._offices)
        return publisher

    def _title(self, title: str) -> Doc:
        """A title parsed with a spaced hyphen read as the dash it stands for ("... in Belarus
        - Minister for Europe statement": two parts, not "Belarus-Minister")."""
        return self.nlp(title.replace(" - ", " – "))

    @classmethod
    def from_petrarch(cls, nlp: Language, *, actors: Iterable[str | Path],
                      agents: Iterable[str | Path], verbs: str | Path | None) -> "EventCoder":
        """A coder that knows only the given PETRARCH-format dictionaries (actors, agents,
        verbs): no shipped actor, trigger or verb entry is mixed in. Argument patterns and
        modality cues are the shipped ones: they describe English, not a dictionary. It codes
        return events of paired codes, as PETRARCH does."""
        from .cameo import VerbDictionary

        with bulk_load():
            lexicon = ActorLexicon.from_petrarch(list(actors), list(agents))
            empty = replace(event_rules(), verbs={}, nouns={}, measures={}, measure_nouns={})
            dictionary = VerbDictionary.from_petrarch(verbs) if verbs is not None else None
        return cls(nlp, actors=lexicon, rules=empty, verbs=dictionary or _NO_VERBS,
                   return_events=True, places=False)


def _unsubsumed(records: list[Record]) -> list[Record]:
    """A sentence's records less those another of its records states more fully: the same
    event (type, goods, modality, and figure if any) with one side unknown where the other
    names both ("Germany's aid to Gaza arrived": the aid's arrival adds nothing to Germany's
    aid to Gaza)."""
    def side(ref: ActorRef | None) -> str | None:
        return ref.code if ref is not None else None

    def fuller(other: Record, record: Record) -> bool:
        return other is not record and other.kind == record.kind and \
            other.type == record.type and other.what == record.what and \
            other.modality == record.modality and \
            record.quantity in (None, other.quantity) and other.actor is not None and other.recipient is not None and \
            side(record.actor) in (None, side(other.actor)) and \
            side(record.recipient) in (None, side(other.recipient))

    return [r for r in records if r.actor is not None and r.recipient is not None
            or not any(fuller(o, r) for o in records)]


class _NoVerbs:
    """A verb dictionary that knows no verb."""

    def match(self, token):  # noqa: D401 - same protocol as VerbDictionary.match
        return None


_NO_VERBS = _NoVerbs()


def _shipped_verbs(lexicon_dir: str | None):
    from .cameo import VerbDictionary

    return VerbDictionary.shipped(lexicon_dir)


@Language.factory("sinew_events", default_config={"lexicon_dir": None},
                  requires=["token.dep", "token.lemma", "token.pos", "doc.ents"],
                  assigns=["doc._.sinew_records"])
def make_event_coder(nlp: Language, name: str, lexicon_dir: str | None) -> EventCoder:
    """The ``sinew_events`` factory: an :class:`EventCoder` over the shipped lexicons merged
    with those in ``lexicon_dir`` (or ``SINEW_LEXICON_DIR``)."""
    return EventCoder(nlp, lexicon_dir=lexicon_dir)


_DEFAULT: dict[int, EventCoder] = {}


def coder_for(nlp: Language) -> EventCoder:
    """The pipeline's own ``sinew_events`` component when it has one, else a coder over the
    shipped lexicons made once per pipeline."""
    if "sinew_events" in nlp.pipe_names:
        return nlp.get_pipe("sinew_events")
    key = id(nlp)
    if key not in _DEFAULT:
        _DEFAULT[key] = EventCoder(nlp)
    return _DEFAULT[key]
