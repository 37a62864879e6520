"""Score the extractor against an annotated gold set, field by field, and gate on floors.

Gold files are JSON Lines with three kinds of line (``gold/README.md`` documents the format):

* a **case**, with its own ``text`` (written by the project) and its ``facts`` inline;
* a **fact** about a shared-corpus document, naming it by ``doc`` id and the evidence sentence's
  character offsets ``start``/``end``; the text itself stays in the corpus file;
* a **real text**: an excerpt of a freely licensed report with its ``doc`` id, ``url``, ``date``,
  ``licence``, ``text`` and ``facts`` inline, annotated for every PLOVER event type.

Real texts are split by a hash of their id into a development part (``dev``: rules may be written
against it) and a test part (``test``: scored, never read while writing rules). Cases and
shared-corpus facts were written against before the split existed, so they count as development
material only (part ``all``, with ``cases`` and ``shared``).

A fact is an event or measure (``kind`` ``event``/``measure``) with its expected ``type``,
``actor``, ``recipient`` (country codes), ``commodity``, ``quantity``, ``modality``,
``attribution`` and ``date``; or a ``no-fact``: a sentence that must yield no factual record of
``type``. A fact whose modality is not factual (hypothetical, future, negated) is also such a
check.

Matching: a predicted record matches a gold fact when it comes from the same document, its
evidence overlaps the gold span, and type, recipient country and commodity are equal and the
actor country is equal (a gold actor of null matches any actor). Each record matches at most
one fact; a second record of a matched fact from the same sentence or the same gold evidence
span is a restatement, neither a match nor a false fact. A record that matches no fact is a
false fact, except a non-factual record in a no-fact sentence.

Non-fact checks: a no-fact item fails when its sentence yields a factual record of its type
that is not a match (or a restatement) of a gold fact stated in the same sentence; a gold fact with a non-factual modality fails when a factual record matches it. Fact precision, recall and F1 count these matches over the records of the scored
types (``SCOPE``) in the scored documents; quantity, modality, attribution and date accuracy are
measured on the matched pairs.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from .errors import ConfigError, InputError
from .nlp import load_nlp
from .pipeline import extract_doc
from .schema import EVENT_TYPES, MEASURE_TYPES, NON_FACTUAL, Document, Record

__all__ = [
    "FIELDS",
    "PARTS",
    "agreement",
    "SCOPE",
    "TARGETS",
    "Case",
    "Evaluation",
    "GoldFact",
    "GoldSet",
    "Scores",
    "check",
    "evaluate",
    "load_baseline",
    "load_gold",
    "scored",
    "split_of",
    "update_baseline",
]

#: The record types the cases and shared-corpus facts annotate exhaustively; real texts are
#: annotated for every PLOVER event type (``REAL_SCOPE``).
SCOPE = frozenset({"AID", "AGREE", "MOBILIZE", *MEASURE_TYPES})
REAL_SCOPE = frozenset(EVENT_TYPES)
#: Parts of the gold set, in report order: the tuned development material (``all`` = cases +
#: shared), then the split real texts.
PARTS = ("all", "cases", "shared", "dev", "test")
#: What the test part must reach (issue 9): reported beside the scores, gated by floors only.
TEST_TARGETS = {"fact_f1": 0.80}
#: Event types that hold both ways ("Russia and the DPRK signed a treaty"): an annotation may
#: name one direction or both; the other direction of a matched fact is a restatement.
_SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE"})
#: Folders under a gold folder that are not event facts: a second annotation of some texts, kept
#: to measure how far two annotators agree (``agreement``), and place mentions (``places``,
#: scored by :mod:`sinew.places_eval`).
_SET_ASIDE = frozenset({"agreement", "places"})
#: Share of real texts in the test part, by hash of their id (in fifths).
_TEST_FIFTHS = 2
#: The fields scored, in report order.
FIELDS = ("fact_precision", "fact_recall", "fact_f1", "quantity", "modality", "attribution",
          "date")
#: What the development set must reach (issue 3); floors in the baseline never go below these.
TARGETS = {"fact_f1": 0.80, "quantity": 0.90, "modality": 0.90}
_QUANTITY_KEYS = ("value", "low", "high", "unit", "per")


@dataclass(frozen=True)
class GoldFact:
    """One annotated fact (or no-fact) with the span of its evidence in its document."""

    doc: str
    start: int
    end: int
    kind: str
    type: str
    actor: str | None = None
    recipient: str | None = None
    commodity: str | None = None
    quantity: Mapping[str, Any] | None = None
    modality: str = "asserted"
    attribution: str | None = None
    date: Mapping[str, Any] | None = None
    note: str = ""
    phenomenon: str = ""

    @property
    def is_check(self) -> bool:
        """Whether this item forbids a factual record of its type in its span."""
        return self.kind == "no-fact" or self.modality in NON_FACTUAL


@dataclass(frozen=True)
class Case:
    """A self-written test text (the project's own words), with its publication date."""

    id: str
    text: str
    date: str | None
    phenomenon: str
    part: str = "cases"
    url: str | None = None
    title: str | None = None


def split_of(doc_id: str) -> str:
    """``test`` or ``dev`` for a real text, fixed by a hash of its id (two fifths test)."""
    digest = hashlib.sha256(doc_id.encode("utf-8")).hexdigest()
    return "test" if int(digest[:8], 16) % 5 < _TEST_FIFTHS else "dev"


@dataclass
class GoldSet:
    facts: list[GoldFact] = field(default_factory=list)
    cases: dict[str, Case] = field(default_factory=dict)

    def docs(self) -> set[str]:
        return {f.doc for f in self.facts}


def _fact(data: Mapping[str, Any], doc: str, start: int, end: int, where: str,
          phenomenon: str = "") -> GoldFact:
    kind = data.get("kind", "event")
    if kind not in ("event", "measure", "no-fact") or not data.get("type"):
        raise InputError(f"{where}: a gold fact needs kind event/measure/no-fact and a type")
    keys = ("actor", "recipient", "commodity", "quantity", "attribution", "date", "note")
    return GoldFact(doc=doc, start=start, end=end, kind=kind, type=data["type"],
                    modality=data.get("modality", "asserted"),
                    phenomenon=data.get("phenomenon", phenomenon),
                    **{k: data.get(k) for k in keys if data.get(k) is not None})


def _case(data: Mapping[str, Any], where: str, gold: GoldSet) -> None:
    if "case" in data:
        case = Case("case:" + data["case"], data["text"], data.get("date"),
                    data.get("phenomenon", ""))
    elif "doc" in data:
        case = Case(data["doc"], data["text"], data.get("date"), data.get("topic", ""),
                    split_of(data["doc"]), data.get("url"), data.get("title"))
    else:
        raise InputError(f"{where}: a text needs a 'case' name or a 'doc' id")
    if case.id in gold.cases:
        raise InputError(f"{where}: text {case.id!r} appears twice")
    gold.cases[case.id] = case
    for fact in data.get("facts", ()):
        start, end = 0, len(case.text)
        if fact.get("evidence"):
            start = case.text.find(fact["evidence"])
            if start < 0:
                raise InputError(f"{where}: evidence {fact['evidence']!r} is not in the text")
            end = start + len(fact["evidence"])
        gold.facts.append(_fact(fact, case.id, start, end, where, case.phenomenon))


def load_gold(paths: Iterable[str | Path]) -> GoldSet:
    """Read gold files (or every ``*.jsonl`` in a folder) into one :class:`GoldSet`."""
    gold = GoldSet()
    for path in _gold_files(paths):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path} line {number}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"cannot read {where}: not JSON ({exc.msg})") from exc
            if "text" in data:
                _case(data, where, gold)
            elif "doc" in data and "start" in data and "end" in data:
                gold.facts.append(_fact(data, data["doc"], data["start"], data["end"], where))
            else:
                raise InputError(f"{where}: expected a case (with text) or a fact (doc, start, end)")
    return gold


def _gold_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.jsonl")
                              if not _SET_ASIDE & set(p.relative_to(path).parts))
        elif path.is_file():
            yield path
        else:
            raise InputError(f"cannot read gold file {path}: no such file or folder")


def read_corpus(path: str | Path | None, wanted: set[str]) -> dict[str, Document]:
    """The shared-corpus documents the gold set refers to; empty when the corpus is absent."""
    if path is None or not Path(path).is_file():
        return {}
    found: dict[str, Document] = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"cannot read corpus {path} line {number}: not JSON ({exc.msg}; "
                                 "expected one document object per line)") from exc
            if data.get("id") in wanted:
                found[data["id"]] = Document(id=data["id"], text=data["text"], url=data.get("url"),
                                             title=data.get("title"), date=data.get("date"))
    return found


@dataclass
class Scores:
    """Counts and accuracies of one part of the gold set."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS[3:], 0))
    scored: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS[3:], 0))
    checks: int = 0
    violations: int = 0
    #: type -> [tp, fp, fn]
    types: dict[str, list[int]] = field(default_factory=dict)

    def count(self, type_: str, outcome: int) -> None:
        """Add one true positive (0), false positive (1) or miss (2) of ``type_``."""
        self.types.setdefault(type_, [0, 0, 0])[outcome] += 1
        if outcome == 0:
            self.tp += 1
        elif outcome == 1:
            self.fp += 1
        else:
            self.fn += 1

    def by_type(self) -> dict[str, dict[str, float | int | None]]:
        """Precision, recall, F1 and counts per event type."""
        out = {}
        for type_, (tp, fp, fn) in sorted(self.types.items()):
            p, r, f1 = _prf(tp, fp, fn)
            out[type_] = {"gold": tp + fn, "tp": tp, "fp": fp, "fn": fn,
                          "precision": p, "recall": r, "f1": f1}
        return out

    def values(self) -> dict[str, float | None]:
        p, r, f1 = _prf(self.tp, self.fp, self.fn)
        out: dict[str, float | None] = {"fact_precision": p, "fact_recall": r, "fact_f1": f1}
        for name in FIELDS[3:]:
            out[name] = self.right[name] / self.scored[name] if self.scored[name] else None
        return out


def _prf(tp: int, fp: int, fn: int) -> tuple[float | None, float | None, float | None]:
    """Precision, recall and F1; None where nothing was predicted or expected."""
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f1 = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return p, r, f1


@dataclass
class Error:
    """A miss, a false fact, a wrong field or a non-fact reported as fact, for the report."""

    what: str
    doc: str
    sentence: str
    gold: str = ""
    predicted: str = ""


@dataclass
class Evaluation:
    """The result: scores for every part (``PARTS``) and the errors."""

    parts: dict[str, Scores]
    errors: list[Error]
    gold_facts: int
    skipped: str | None = None

    def scores(self, part: str = "all") -> dict[str, float | None]:
        return self.parts[part].values() if part in self.parts else {}

    def gap(self) -> float | None:
        """Fact F1 of the real texts' development part minus that of their test part: how
        much the rules know their development texts rather than the construction."""
        dev, test = self.scores("dev").get("fact_f1"), self.scores("test").get("fact_f1")
        return None if dev is None or test is None else round(dev - test, 4)

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold_facts": self.gold_facts, "skipped": self.skipped,
            "parts": {name: {**s.values(), "tp": s.tp, "fp": s.fp, "fn": s.fn,
                             "nonfactual_checks": s.checks,
                             "nonfactual_violations": s.violations,
                             "by_type": s.by_type()}
                      for name, s in self.parts.items()},
            "gap": self.gap(), "test_targets": TEST_TARGETS,
            "errors": [e.__dict__ for e in self.errors],
        }


def evaluate(gold: GoldSet, corpus: str | Path | None = None, *,
             model: str | None = None) -> Evaluation:
    """Run the pipeline over every document the gold set names and score it."""
    nlp = load_nlp(model)
    shared = read_corpus(corpus, gold.docs() - set(gold.cases))
    documents = {**shared, **{c.id: Document(id=c.id, text=c.text, date=c.date, url=c.url,
                                             title=c.title)
                             for c in gold.cases.values()}}
    missing = gold.docs() - set(documents)
    skipped = None
    if missing:
        skipped = (f"{len(missing)} shared-corpus documents not found "
                   f"({corpus or 'no corpus given'}); their facts are not scored")
    parts = {name: Scores() for name in PARTS}
    errors: list[Error] = []
    texts = [(d.text, d) for d in documents.values()]
    for parsed, document in nlp.pipe(texts, as_tuples=True):
        case = gold.cases.get(document.id)
        part = case.part if case is not None else "shared"
        scope = REAL_SCOPE if part in ("dev", "test") else SCOPE
        try:
            records = [r for r in extract_doc(parsed, document, nlp) if r.type in scope]
        except Exception as exc:  # noqa: BLE001 - a failing document scores as all misses
            errors.append(Error(f"extraction failed ({type(exc).__name__}: {exc})",
                                document.id, ""))
            records = []
        facts = [f for f in gold.facts if f.doc == document.id]
        # the test part's errors are never listed: rules are not written against them
        targets = [parts[part]] if part in ("dev", "test") else [parts["all"], parts[part]]
        for scores in targets:
            shown = errors if scores is targets[0] and part != "test" else None
            _score_doc(facts, records, document, scores, shown)
    return Evaluation(parts, errors, sum(f.kind != "no-fact" for f in gold.facts), skipped)


def _overlaps(fact: GoldFact, record: Record) -> bool:
    return record.evidence.start < fact.end and fact.start < record.evidence.end


def _country(ref) -> str | None:
    return ref.country if ref is not None else None


def _same_actor(gold: str | None, ref) -> bool:
    """A gold code names a country ("RUS") or a country with its sector ("LBNREB",
    "SYRGOV"): the record's actor matches when it is that country, or its code starts with
    the gold code. A gold null means no one."""
    if gold is None:
        return _country(ref) is None
    return _country(ref) == gold or (ref is not None and (ref.code or "").startswith(gold))


def _matches(fact: GoldFact, record: Record) -> bool:
    """Same type, overlapping evidence, same sides; the commodity is part of a supply (AID)
    fact, and of another type's only where the annotation names one: the gold leaves the
    weapon of an attack unannotated, so "missile strikes" match an attack annotated without it."""
    commodity = record.what.category if record.what is not None else None
    same_goods = fact.commodity == commodity or (fact.type != "AID" and fact.commodity is None)
    return (record.type == fact.type and _overlaps(fact, record)
            and (fact.actor is None or _same_actor(fact.actor, record.actor))
            and _same_actor(fact.recipient, record.recipient) and same_goods)


def _score_doc(facts: list[GoldFact], records: list[Record], document: Document,
               scores: Scores, errors: list[Error] | None) -> None:
    used: dict[int, GoldFact] = {}
    for fact in (f for f in facts if f.kind != "no-fact"):
        hit = next((i for i, r in enumerate(records) if i not in used and _matches(fact, r)), None)
        if hit is None:
            scores.count(fact.type, 2)
            _note(errors, "missed", document, fact.start, fact.end, gold=_show_fact(fact))
            continue
        used[hit] = fact
        scores.count(fact.type, 0)
        _fields(fact, records[hit], scores, errors, document)
    matched = [(fact, _key(records[i])) for i, fact in used.items()]
    for fact in (f for f in facts if f.is_check):
        scores.checks += 1
        # a no-fact sentence may also state a fact of its type ("as Israel faces attacks from
        # Hamas, and the threat of Hezbollah entering the conflict"): the records of that fact
        # are not the non-fact
        bad = [r for i, r in enumerate(records) if r.modality not in NON_FACTUAL and (
            _matches(fact, r) if fact.kind != "no-fact"
            else r.type == fact.type and _overlaps(fact, r) and i not in used
            and not _restates(r, matched))]
        if bad:
            scores.violations += 1
            _note(errors, "non-fact reported as fact", document, fact.start, fact.end,
                  gold=_show_fact(fact), predicted=_show_record(bad[0]))
    checked = [f for f in facts if f.kind == "no-fact"]
    for i, record in enumerate(records):
        if i in used or _restates(record, matched) or any(
                _overlaps(f, record) and record.modality in NON_FACTUAL for f in checked):
            # a non-factual reading of a no-fact sentence is right
            continue
        scores.count(record.type, 1)
        _note(errors, "false fact", document, record.evidence.start, record.evidence.end,
              predicted=_show_record(record))


def _restates(record: Record, matched: list[tuple[GoldFact, tuple]]) -> bool:
    """A second record of a matched fact in the same sentence ("the DPRK's export and Russia's
    procurement of DPRK missiles") or within the same gold evidence span (a headline and the
    sentence under it, which the annotation takes as one) is not a second fact."""
    key = _key(record)
    swapped = (key[0], key[1], key[3], key[2], key[4])
    keys = [key, swapped] if record.type in _SYMMETRIC else [key]
    return any(_same_key(k, other, fact) and (k[0] == other[0] or _overlaps(fact, record))
               for fact, other in matched for k in keys)


def _same_key(key: tuple, other: tuple, fact: GoldFact) -> bool:
    """Same type and sides, and the same goods where the fact's match needed them (see
    ``_matches``: an attack annotated without its weapon matches "rocket and missile attacks"
    once, and the second weapon restates it)."""
    if fact.type != "AID" and fact.commodity is None:
        return key[1:4] == other[1:4]
    return key[1:] == other[1:]


def _key(record: Record) -> tuple:
    what = record.what.category if record.what is not None else None
    return (record.evidence.start, record.type, _country(record.actor),
            _country(record.recipient), what)


def _fields(fact: GoldFact, record: Record, scores: Scores, errors: list[Error] | None,
            document: Document) -> None:
    checks = {"modality": (fact.modality, record.modality),
              "attribution": (fact.attribution,
                              record.attribution.code if record.attribution else None)}
    if fact.quantity is not None or record.quantity is not None:
        checks["quantity"] = (_gold_quantity(fact.quantity), _quantity(record))
    if fact.date is not None:
        checks["date"] = ((fact.date.get("start"), fact.date.get("end")),
                          (record.date.start, record.date.end) if record.date else (None, None))
    for name, (want, got) in checks.items():
        scores.scored[name] += 1
        if want == got:
            scores.right[name] += 1
        else:
            _note(errors, f"wrong {name}", document, fact.start, fact.end,
                  gold=f"{name}={want}", predicted=f"{name}={got}  [{_show_record(record)}]")


def _gold_quantity(q: Mapping[str, Any] | None) -> tuple | None:
    if q is None:
        return None
    return tuple(_num(q.get(k)) if k in ("value", "low", "high") else q.get(k)
                 for k in _QUANTITY_KEYS)


def _quantity(record: Record) -> tuple | None:
    q = record.quantity
    if q is None:
        return None
    return (_num(q.value), _num(q.low), _num(q.high), q.unit, q.per)


def _num(value: Any) -> float | None:
    return None if value is None else round(float(value), 6)


def _note(errors: list[Error] | None, what: str, document: Document, start: int, end: int,
          gold: str = "", predicted: str = "") -> None:
    if errors is not None:
        errors.append(Error(what, document.id, document.text[start:end].strip(), gold, predicted))


def _show_fact(fact: GoldFact) -> str:
    quantity = dict(fact.quantity) if fact.quantity else None
    return (f"{fact.kind}:{fact.type} {fact.actor} -> {fact.recipient} {fact.commodity} "
            f"q={quantity} {fact.modality}")


def _show_record(record: Record) -> str:
    what = record.what.category if record.what else None
    q = _quantity(record)
    return (f"{record.kind}:{record.type} {_country(record.actor)} -> "
            f"{_country(record.recipient)} {what} q={q} {record.modality}")


# --- the baseline: floors per field, raised as quality improves, never lowered silently ---

def load_baseline(path: str | Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"floors": {}}
    except json.JSONDecodeError as exc:
        raise ConfigError(f"cannot read baseline {path}: not JSON ({exc.msg})") from exc
    if not isinstance(data.get("floors", {}), dict):
        raise ConfigError(f"baseline {path}: 'floors' must map a part to its field floors")
    return data


def check(evaluation: Evaluation, baseline: Mapping[str, Any]) -> list[str]:
    """Every way the evaluation falls short: a score under its floor, more non-facts reported as
    fact than the baseline allows for that part (none on the written cases), or a floor pinned
    under a target. Parts that were not scored (no corpus) are not checked."""
    failures = [f"all {name}: floor {baseline['floors']['all'][name]:.2f} is under the target "
                f"{target:.2f}" for name, target in TARGETS.items()
                if baseline.get("floors", {}).get("all", {}).get(name, target) < target]
    if not baseline.get("floors"):
        failures.append("the baseline has no floors, so nothing is gated (pin them with "
                        "sinew eval GOLD --update-baseline, or pass --baseline FILE)")
    for part, floors in baseline.get("floors", {}).items():
        if part not in evaluation.parts or not scored(evaluation, part):
            continue
        values = evaluation.scores(part)
        for name, floor in floors.items():
            value = values.get(name)
            if value is None or value < floor:
                failures.append(f"{part} {name} = {_fmt(value)} is below its floor {floor:.2f}")
        allowed = baseline.get("max_nonfactual_violations", {}).get(part, 0)
        if evaluation.parts[part].violations > allowed:
            failures.append(f"{part}: {evaluation.parts[part].violations} non-factual statements "
                            f"reported as fact (allowed {allowed})")
    return failures


def scored(evaluation: Evaluation, part: str) -> bool:
    """Whether ``part`` (one of ``PARTS``) had anything to score."""
    s = evaluation.parts[part]
    return s.tp + s.fp + s.fn > 0


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def proposed_floors(evaluation: Evaluation, margin: float = 0.01) -> dict[str, dict[str, float]]:
    """Floors a little under the scores reached: rounded down to 2 places, minus ``margin``."""
    out: dict[str, dict[str, float]] = {}
    for part in evaluation.parts:
        if scored(evaluation, part):
            out[part] = {name: max(0.0, math.floor(value * 100) / 100 - margin)
                         for name, value in evaluation.scores(part).items() if value is not None}
            out[part] = {k: round(v, 2) for k, v in out[part].items()}
    return out


def update_baseline(path: str | Path, evaluation: Evaluation, *,
                    allow_lower: bool = False) -> tuple[dict[str, Any], list[str]]:
    """Raise the floors in ``path`` to what ``evaluation`` reached. A floor is never lowered
    unless ``allow_lower``; the refused changes are returned (and nothing is written)."""
    baseline = load_baseline(path)
    floors = {part: dict(values) for part, values in baseline.get("floors", {}).items()}
    refused = []
    for part, proposed in proposed_floors(evaluation).items():
        current = floors.setdefault(part, {})
        for name, value in proposed.items():
            old = current.get(name)
            if old is not None and value < old and not allow_lower:
                refused.append(f"{part} {name}: {value:.2f} < floor {old:.2f}")
            elif old is None or value > old or allow_lower:
                current[name] = value
    if refused:
        return baseline, refused
    allowed = dict(baseline.get("max_nonfactual_violations", {}))
    for part, scores in evaluation.parts.items():
        if scored(evaluation, part):
            old = allowed.get(part)
            allowed[part] = scores.violations if old is None else min(old, scores.violations)
    baseline = {**baseline, "floors": floors, "max_nonfactual_violations": allowed}
    Path(path).write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return baseline, []


# --- agreement between two annotations of the same texts ---

def agreement(first: GoldSet, second: GoldSet) -> dict[str, Any]:
    """How far two annotations of the same texts agree on their event facts: the second's
    facts matched one to one against the first's by type, overlapping evidence and actors
    (as records are matched: a country code matches its sector codes). F1 is symmetric;
    ``by_type`` says where they differ."""
    scores = Scores()
    for doc in sorted(set(first.cases) & set(second.cases)):
        wanted = [f for f in first.facts if f.doc == doc and f.kind != "no-fact"]
        given = [f for f in second.facts if f.doc == doc and f.kind != "no-fact"]
        used: set[int] = set()
        for fact in wanted:
            hit = next((i for i, other in enumerate(given)
                        if i not in used and _agree(fact, other)), None)
            if hit is None:
                scores.count(fact.type, 2)
            else:
                used.add(hit)
                scores.count(fact.type, 0)
        for i, other in enumerate(given):
            if i not in used:
                scores.count(other.type, 1)
    return {"texts": len(set(first.cases) & set(second.cases)), **scores.values(),
            "tp": scores.tp, "only_second": scores.fp, "only_first": scores.fn,
            "by_type": scores.by_type()}


def _agree(fact: GoldFact, other: GoldFact) -> bool:
    """As a record is matched to a fact: an actor left open (null) by either annotator
    matches any; a recipient only matches a recipient (null only null); a country code
    matches its sector codes."""
    def same(a: str | None, b: str | None, open_: bool) -> bool:
        if a is None or b is None:
            return open_ or a == b
        return a.startswith(b) or b.startswith(a)

    return (fact.type == other.type and other.start < fact.end and fact.start < other.end
            and same(fact.actor, other.actor, True)
            and same(fact.recipient, other.recipient, False)
            and (fact.type != "AID" or fact.commodity == other.commodity))
