"""Every record type that passes between sinew's stages.

Records are frozen dataclasses with ``to_dict``/``from_dict`` so that they travel as JSON Lines,
DuckDB rows and Parquet without a second definition. Stages never exchange untyped dicts.

Uncertainty is part of the data: a quantity or date carries ``status`` (how it is known) and,
when it could not be resolved, a ``reason``.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, ClassVar, Mapping

__all__ = [
    "CATEGORIES",
    "EVENT_TYPES",
    "MEASURE_TYPES",
    "MODALITIES",
    "ActorRef",
    "Attribution",
    "DateInfo",
    "Document",
    "Evidence",
    "Location",
    "Quantity",
    "Record",
    "Rejected",
    "RunSummary",
    "What",
    "content_hash",
]

#: The 16 PLOVER event types (PLOVER manual, section "Event types").
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
#: Indicators that a ``measure`` record reports.
MEASURE_TYPES = ("production", "consumption", "stockpile", "spending", "capacity", "economy")
MODALITIES = ("asserted", "reported", "assessed", "alleged", "hypothetical", "future", "negated")
#: Modalities under which a statement is not a fact about what happened.
NON_FACTUAL = frozenset({"hypothetical", "future", "negated"})
CATEGORIES = (
    "troops", "workers", "artillery_ammunition", "missiles", "drones", "weapons",
    "military_equipment", "dual_use_goods", "technology", "money", "oil", "food", "other",
)
#: Categories that are forces: sent to an area or to a place of one's own state rather than
#: to another actor, they are mobilised (PLOVER MOBILIZE), not supplied.
FORCE_CATEGORIES = frozenset({"troops", "military_equipment"})


#: ``json.dumps(part, sort_keys=True, ensure_ascii=False, default=str)``, made once: dumps
#: builds an encoder on every call with these options, and every record id hashes seven parts.
_PART_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str)


def content_hash(*parts: object, length: int = 16) -> str:
    """A short, stable hex id for the given parts (order matters)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(_PART_ENCODER.encode(part).encode())
        digest.update(b"\x1f")
    return digest.hexdigest()[:length]


class _Record:
    """Shared ``to_dict``/``from_dict`` for the frozen dataclasses below."""

    _nested: ClassVar[Mapping[str, type]] = {}

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]):
        # This runs for every record a query returns: cached field names, plain dict/list checks.
        known = _field_names(cls)
        kwargs = {k: v for k, v in data.items() if k in known}
        for key, nested in cls._nested.items():
            value = kwargs.get(key)
            if isinstance(value, dict):
                kwargs[key] = nested.from_dict(value)  # type: ignore[attr-defined]
        for key, value in kwargs.items():
            if isinstance(value, list):
                kwargs[key] = tuple(value)
        return cls(**kwargs)


@functools.cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Document(_Record):
    """One input text with its metadata. ``id`` is the input's own id or a content hash."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str | None = None
    content_hash: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["meta"] = dict(self.meta)
        return data


@dataclass(frozen=True)
class Rejected(_Record):
    """An input that could not be processed, with where it came from and what to do about it."""

    origin: str
    reason: str
    stage: str = "read"
    doc_id: str | None = None


@dataclass(frozen=True)
class ActorRef(_Record):
    """An actor as written (``text``) and as resolved: ``code`` is null when the lexicon does
    not know it, never dropped. ``code`` joins country and sector (``RUSMIL``)."""

    code: str | None
    name: str | None
    text: str
    country: str | None = None
    sector: str | None = None
    how: str = "unresolved"


@dataclass(frozen=True)
class What(_Record):
    category: str
    text: str


@dataclass(frozen=True)
class Quantity(_Record):
    """A figure as the text gives it. ``status`` says how it is known: ``exact`` (value = low =
    high), ``approximate`` (value only), ``range`` (low and high), ``lower_bound`` (low only) or
    ``upper_bound`` (high only). ``per`` is a rate's period; ``cumulative`` marks running totals."""

    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    per: str | None = None
    approx: bool = False
    text: str = ""
    status: str = "exact"
    cumulative: bool = False


@dataclass(frozen=True)
class DateInfo(_Record):
    """A date or interval resolved against the publication date; ``status`` is ``exact``,
    ``approximate`` or ``unresolved`` (then ``reason`` says why)."""

    start: str | None
    end: str | None
    granularity: str | None
    text: str
    status: str
    reason: str | None = None


@dataclass(frozen=True)
class Attribution(_Record):
    code: str | None
    text: str


@dataclass(frozen=True)
class Evidence(_Record):
    """The supporting sentence; ``start``/``end`` are character offsets into the document;
    ``page`` (from 1) is the page it starts on, for documents read from pages (PDF)."""

    text: str
    start: int
    end: int
    page: int | None = None


@dataclass(frozen=True)
class Location(_Record):
    """The place a record's sentence names (``text`` at ``start``/``end`` in the document) as
    resolved against the gazetteer. ``how`` says how it is known: ``exact`` (the one place of
    that name), ``alias`` (the one place with that other name), ``context`` (chosen among
    places of that name by a qualifier such as "Paris, Texas" or by the countries the document
    names), ``prominent`` (a city far larger than any other of that name) or ``unresolved``
    (no coordinates; ``reason`` says why). ``country`` is an ISO 3166 alpha-3 code."""

    text: str
    start: int
    end: int
    how: str
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Record(_Record):
    """One event or measure, the unit that sinew stores, queries and analyses."""

    _nested: ClassVar[Mapping[str, type]] = {
        "actor": ActorRef, "recipient": ActorRef, "what": What, "quantity": Quantity,
        "attribution": Attribution, "date": DateInfo, "evidence": Evidence,
        "location": Location,
    }

    id: str
    doc_id: str
    kind: str
    type: str
    mode: str | None
    actor: ActorRef | None
    recipient: ActorRef | None
    what: What | None
    quantity: Quantity | None
    modality: str
    attribution: Attribution | None
    date: DateInfo | None
    evidence: Evidence
    trigger: str = ""
    #: where it happened, when the sentence names a place (set by :mod:`sinew.places`)
    location: Location | None = None

    @staticmethod
    def make_id(doc_id: str, kind: str, type_: str, trigger_start: int, evidence: Evidence,
                actor: ActorRef | None, recipient: ActorRef | None, part: int = 0) -> str:
        """Content hash over what identifies a fact in a document: re-runs give the same id.
        ``part`` tells apart the commodities one trigger moves ("munitions, arms and troops")."""
        # the code as well as the text: "U.S. and British forces" are two actors in one phrase
        parts = [doc_id, kind, type_, trigger_start, evidence.start,
                 (actor.text, actor.code) if actor else None,
                 (recipient.text, recipient.code) if recipient else None]
        return content_hash(*parts, *([part] if part else []))


@dataclass
class RunSummary:
    """Counts for one run. Every input is accounted for: processed + duplicate + rejected = read."""

    read: int = 0
    processed: int = 0
    duplicate: int = 0
    rejected: int = 0
    events: int = 0
    measures: int = 0
    seconds: float = 0.0
    reasons: dict[str, int] = field(default_factory=dict)
    #: Documents kept but worth a look, e.g. a plain text with no date ("ORIGIN: why").
    warnings: list[str] = field(default_factory=list)

    @property
    def balanced(self) -> bool:
        return self.processed + self.duplicate + self.rejected == self.read

    @property
    def ok(self) -> bool:
        return self.rejected == 0

    def reject(self, reason: str) -> None:
        self.rejected += 1
        key = reason.split(":", 1)[0]
        self.reasons[key] = self.reasons.get(key, 0) + 1

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)
