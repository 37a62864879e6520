"""PETRARCH validation records coded by sinew with the records' own dictionaries.

A PETRARCH validation file (``PETR.UnitTest.records.xml`` in PETRARCH2) is a ``<Validation>``
whose ``<Environment>`` names the dictionaries beside it (``<Verbfile>``, ``<Actorfile>``,
``<Agentfile>``, ``<Discardfile>``) and whose ``<Sentence date= id= category=>`` elements each hold
a ``<Text>`` and the expected codings: ``<EventCoding sourcecode= targetcode= eventcode=>``,
``<EventCoding noevents="True">`` or ``<EventCoding error=...>`` (a test of PETRARCH's own error
handling). :func:`run_validation` builds :meth:`EventCoder.from_petrarch` from those
dictionaries only, codes every text dated by its record, and compares (source, target, PLOVER
type) triples: CAMEO codes are compared through :func:`sinew.cameo.to_plover`.

What is not scored, and counted: records testing error handling, expected events whose CAMEO
code has no PLOVER type (CAMEO 01/02 statements, PETRARCH's 9xx test codes) and expected events
with a text code (``"INJURY TOLL"``: PETRARCH's option to write an unknown actor's words).
The discard list is read from the environment but not applied: sinew has no discard stage.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .cameo import to_plover
from .errors import ConfigError, InputError
from .schema import ActorRef, Record

__all__ = [
    "CodedEvent",
    "Environment",
    "ExpectedEvent",
    "Outcome",
    "Score",
    "ValidationRecord",
    "ValidationResult",
    "ValidationSet",
    "actor_code",
    "read_validation",
    "run_validation",
]

NULL_ACTOR = "---"
_DATE = re.compile(r"\d{8}")


@dataclass(frozen=True)
class Environment:
    """The dictionaries a validation file names, resolved beside it."""

    verbs: Path
    actors: tuple[Path, ...]
    agents: tuple[Path, ...] = ()
    discards: Path | None = None
    include: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExpectedEvent:
    """One ``<EventCoding>`` as written: PETRARCH actor codes and a CAMEO event code."""

    source: str
    target: str
    code: str


@dataclass(frozen=True)
class ValidationRecord:
    """One ``<Sentence>``. ``noevents`` is true when no event is expected (``noevents="True"``
    or no coding at all); ``error`` names the error a record tests (such records are skipped)."""

    id: str
    date: str
    category: str
    text: str
    expected: tuple[ExpectedEvent, ...] = ()
    noevents: bool = False
    error: str | None = None


@dataclass(frozen=True)
class ValidationSet:
    path: Path
    environment: Environment
    records: tuple[ValidationRecord, ...]


@dataclass(frozen=True)
class CodedEvent:
    """What is compared: source and target in PETRARCH's notation and the PLOVER type."""

    source: str
    target: str
    type: str

    def __str__(self) -> str:
        return f"{self.source} -> {self.target} {self.type}"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Score") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None
                                                    else None)

    def to_dict(self) -> dict[str, Any]:
        return {"recall": _round(self.recall), "precision": _round(self.precision),
                "f1": _round(self.f1), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(frozen=True)
class Outcome:
    """One record compared: the scored expected events, the predicted ones, and why some
    expected events were not scored."""

    record: ValidationRecord
    expected: frozenset[CodedEvent]
    predicted: frozenset[CodedEvent]
    unscored: tuple[str, ...] = ()

    @property
    def missed(self) -> frozenset[CodedEvent]:
        return self.expected - self.predicted

    @property
    def false(self) -> frozenset[CodedEvent]:
        return self.predicted - self.expected

    def score(self, level: int | None = None) -> Score:
        """tp/fp/fn; with ``level=3`` actors are compared by country (first three letters)
        only, a diagnostic of how many errors are sector codes."""
        expected, predicted = _cut(self.expected, level), _cut(self.predicted, level)
        return Score(len(expected & predicted), len(predicted - expected),
                     len(expected - predicted))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.record.id, "category": self.record.category,
                "text": self.record.text,
                "expected": sorted(map(str, self.expected)),
                "predicted": sorted(map(str, self.predicted)),
                "missed": sorted(map(str, self.missed)), "false": sorted(map(str, self.false))}


def _cut(events: frozenset[CodedEvent], level: int | None) -> frozenset[CodedEvent]:
    if level is None:
        return events
    return frozenset(CodedEvent(e.source[:level], e.target[:level], e.type) for e in events)


@dataclass
class ValidationResult:
    """Scores over all scored events and per category, with every record's outcome."""

    path: str
    outcomes: list[Outcome]
    skipped: dict[str, str] = field(default_factory=dict)

    def score(self, category: str | None = None, level: int | None = None) -> Score:
        total = Score()
        for outcome in self.outcomes:
            if category is None or outcome.record.category == category:
                total.add(outcome.score(level))
        return total

    @property
    def categories(self) -> list[str]:
        return sorted({o.record.category for o in self.outcomes})

    @property
    def noevents_coded(self) -> list[Outcome]:
        """Records where no event is expected but sinew coded one."""
        return [o for o in self.outcomes if o.record.noevents and o.predicted]

    @property
    def unscored(self) -> Counter:
        return Counter(reason for o in self.outcomes for reason in o.unscored)

    @property
    def errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.missed or o.false]

    def summary(self) -> dict[str, Any]:
        noevents = [o for o in self.outcomes if o.record.noevents]
        return {
            "file": self.path, "records": len(self.outcomes) + len(self.skipped),
            "scored_records": len(self.outcomes),
            "overall": self.score().to_dict(),
            "country_level": self.score(level=3).to_dict(),
            "by_category": {c: self.score(c).to_dict() for c in self.categories},
            "noevents": {"records": len(noevents), "coded": len(self.noevents_coded),
                         "ids": [o.record.id for o in self.noevents_coded]},
            "unscored_expected": dict(sorted(self.unscored.items())),
            "skipped": dict(self.skipped),
        }

    def to_dict(self, errors: int | None = None) -> dict[str, Any]:
        shown = self.errors if errors is None else self.errors[:errors]
        return {**self.summary(), "errors": [o.to_dict() for o in shown],
                "error_records": len(self.errors)}


# --------------------------------------------------------------------------- reading

def read_validation(path: str | Path) -> ValidationSet:
    """The environment and records of a PETRARCH validation file. A file that is not such
    XML is an :class:`InputError`; a dictionary it names that is missing a
    :class:`ConfigError`; both name the file and what to do."""
    path = Path(path)
    root = _xml_root(path)
    environment = _environment(root.find("Environment"), path)
    records = tuple(_record(s, path) for s in root.iter("Sentence"))
    if not records:
        raise InputError(f"{path}: no <Sentence> records (a PETRARCH validation file holds "
                         f"<Sentences><Sentence date= id= category=>...)")
    return ValidationSet(path, environment, records)


def _xml_root(path: Path) -> ET.Element:
    try:
        root = ET.parse(path).getroot()
    except OSError as exc:
        raise InputError(f"cannot read validation file {path}: {exc.strerror}") from exc
    except ET.ParseError as exc:
        raise InputError(f"{path} is not well-formed XML ({exc}); a PETRARCH validation file "
                         f"is one <Validation> element") from exc
    if root.tag != "Validation":
        raise InputError(f"{path}: the root element is <{root.tag}>, expected <Validation> "
                         f"(a PETRARCH validation file)")
    return root


def _environment(element: ET.Element | None, path: Path) -> Environment:
    if element is None:
        raise InputError(f"{path}: no <Environment> naming the dictionaries (add <Verbfile> "
                         f"and <Actorfile> with file names beside {path.name})")

    def files(tag: str, required: bool) -> tuple[Path, ...]:
        found = [_beside(path, tag, name) for node in element.findall(tag)
                 for name in (node.text or "").split(",") if name.strip()]
        if required and not found:
            raise InputError(f"{path}: <Environment> has no <{tag}> (name the dictionary file, "
                             f"beside {path.name})")
        return tuple(found)

    include = (element.findtext("Include") or "").split()
    discards = files("Discardfile", False)
    return Environment(files("Verbfile", True)[0], files("Actorfile", True),
                       files("Agentfile", False), discards[0] if discards else None,
                       tuple(include))


def _beside(path: Path, tag: str, name: str) -> Path:
    found = path.parent / name.strip()
    if not found.is_file():
        raise ConfigError(f"{path}: <{tag}> names {name.strip()}, which is not beside it "
                          f"({found} does not exist): put the dictionary there or fix <{tag}>")
    return found


def _record(element: ET.Element, path: Path) -> ValidationRecord:
    rid = element.get("id")
    date = element.get("date", "")
    if not rid or not _DATE.fullmatch(date):
        raise InputError(f"{path}: a <Sentence> needs id= and date=YYYYMMDD (got id={rid!r}, "
                         f"date={date!r})")
    text = " ".join((element.findtext("Text") or "").split())
    if not text:
        raise InputError(f"{path}: record {rid} has no <Text>")
    codings = element.findall("EventCoding")
    error = next((c.get("error") for c in codings if c.get("error")), None)
    expected = tuple(_expected(c, rid, path) for c in codings if c.get("eventcode") is not None)
    noevents = not expected and error is None
    return ValidationRecord(rid, _iso(date, rid, path), element.get("category", "NONE"), text,
                            expected, noevents, error)


def _expected(coding: ET.Element, rid: str, path: Path) -> ExpectedEvent:
    source, target = coding.get("sourcecode"), coding.get("targetcode")
    if source is None or target is None:
        raise InputError(f"{path}: record {rid}: an <EventCoding> with eventcode= needs "
                         f"sourcecode= and targetcode=")
    return ExpectedEvent(source.strip(), target.strip(), coding.get("eventcode", "").strip())


def _iso(date: str, rid: str, path: Path) -> str:
    year, month, day = date[:4], date[4:6], date[6:]
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        raise InputError(f"{path}: record {rid}: date {date} is not YYYYMMDD")
    return f"{year}-{month}-{day}"


# --------------------------------------------------------------------------- coding and scoring

def run_validation(path: str | Path, *, model: str | None = None) -> ValidationResult:
    """Code every record of a validation file with a coder made from its own dictionaries
    only and compare with the expected codings (see the module docstring)."""
    from .coder import EventCoder
    from .nlp import load_nlp

    validation = read_validation(path)
    env = validation.environment
    nlp = load_nlp(model)
    coder = EventCoder.from_petrarch(nlp, actors=env.actors, agents=env.agents, verbs=env.verbs)
    skipped = {r.id: f"tests error handling ({r.error})" for r in validation.records if r.error}
    coded = [r for r in validation.records if not r.error]
    outcomes = []
    for doc, record in nlp.pipe(((r.text, r) for r in coded), as_tuples=True):
        doc._.sinew_date = record.date
        try:
            predicted = coder(doc)._.sinew_records
        except Exception as exc:  # noqa: BLE001 - one record's failure is reported, not fatal
            skipped[record.id] = f"coding failed: {type(exc).__name__}: {exc}"
            continue
        outcomes.append(compare(record, predicted))
    return ValidationResult(str(validation.path), outcomes, skipped)


def compare(record: ValidationRecord, predicted: Iterable[Record]) -> Outcome:
    """A record's expected codings against sinew's records (events only), as sets: PETRARCH
    drops an event coded twice in a sentence, and so does this comparison."""
    expected, unscored = set(), []
    for event in record.expected:
        reason = _unscored(event)
        if reason:
            unscored.append(reason)
        else:
            expected.add(CodedEvent(event.source, event.target,
                                    to_plover(event.code).type))  # type: ignore[union-attr]
    coded = {CodedEvent(actor_code(r.actor), actor_code(r.recipient), r.type)
             for r in predicted if r.kind == "event"}
    return Outcome(record, frozenset(expected), frozenset(coded), tuple(unscored))


def _unscored(event: ExpectedEvent) -> str | None:
    if event.source.startswith('"') or event.target.startswith('"'):
        return "text code (an unknown actor's words)"
    if to_plover(event.code) is None:
        return f"CAMEO {event.code[:2]}x has no PLOVER type"
    return None


def actor_code(ref: ActorRef | None) -> str:
    """An actor in PETRARCH's notation: country and sector joined (``GONMIL``), ``---`` and the
    sector for an agent of no country (``---GOV``), ``---`` for none or an unresolved one."""
    if ref is None:
        return NULL_ACTOR
    if ref.country is None:  # sinew writes a bare agent as its sector alone ("GOV")
        return NULL_ACTOR + (ref.sector or "")
    return ref.code or ref.country + (ref.sector or "")


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
