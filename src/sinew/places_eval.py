"""Scoring place resolution against a gold set of place mentions (``gold/places/*.jsonl``).

A gold line names a real text of the event gold set by its id and lists every place mention in
it: ``{"doc": ID, "places": [{"text", "start", "end", "geonames_id"}, ...]}``. The texts come
from the event gold files (``gold/real``), so a document's part (``dev`` or ``test``) is the
one :func:`sinew.evaluate.split_of` gives it.

A mention sinew resolves is right (tp) when it overlaps a gold mention of the same GeoNames
id, wrong (fp) otherwise; a gold mention nothing right overlaps is missed (fn). A mention left
unresolved is neither right nor wrong: it counts only as a miss of its gold mention.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from .errors import InputError
from .evaluate import GoldSet, split_of
from .nlp import load_nlp
from .places import Gazetteer, find_mentions, gazetteer, resolve_mentions
from .schema import Location

__all__ = ["PART_NAMES", "PlaceGold", "PlaceScores", "check_places", "evaluate_places",
           "load_place_gold", "place_gold_files"]

PART_NAMES = ("dev", "test", "all")
#: The folder under a gold folder that holds the place annotations.
FOLDER = "places"


@dataclass(frozen=True)
class PlaceGold:
    """One gold place mention: its words, offsets and GeoNames id."""

    doc: str
    text: str
    start: int
    end: int
    geonames_id: int


@dataclass
class PlaceScores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    unresolved: int = 0

    def values(self) -> dict[str, float | None]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        f1 = (2 * precision * recall / (precision + recall)
              if precision and recall else (0.0 if precision is not None and recall is not None
                                            else None))
        return {"place_precision": _round(precision), "place_recall": _round(recall),
                "place_f1": _round(f1)}

    def to_dict(self) -> dict[str, Any]:
        return {**self.values(), "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "unresolved": self.unresolved}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def place_gold_files(paths: Iterable[str | Path]) -> list[Path]:
    """The place gold files under the given gold folders (``<folder>/places/*.jsonl``)."""
    return sorted(p for raw in paths if Path(raw).is_dir()
                  for p in (Path(raw) / FOLDER).glob("*.jsonl"))


def load_place_gold(paths: Iterable[str | Path], texts: Mapping[str, str]) -> list[PlaceGold]:
    """Gold place mentions from ``paths``, each checked against the text of its document:
    a mention whose words are not at its offsets is an :class:`InputError` naming the line."""
    gold: list[PlaceGold] = []
    for path in paths:
        for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                gold += _gold_line(line, f"{path} line {number}", texts)
    return gold


def _gold_line(line: str, where: str, texts: Mapping[str, str]) -> list[PlaceGold]:
    try:
        data = json.loads(line)
        doc, places = data["doc"], data["places"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError(f"cannot read {where}: expected {{\"doc\": ID, \"places\": [...]}} "
                         f"({exc})") from exc
    if doc not in texts:
        raise InputError(f"{where}: no gold text with id {doc!r} (place gold annotates the "
                         f"texts of the event gold files)")
    out = []
    for place in places:
        item = PlaceGold(doc, place["text"], place["start"], place["end"],
                         int(place["geonames_id"]))
        if texts[doc][item.start:item.end] != item.text:
            raise InputError(f"{where}: {item.text!r} is not at {item.start}-{item.end} of "
                             f"{doc}")
        out.append(item)
    return out


def evaluate_places(gold: list[PlaceGold], events_gold: GoldSet, *, model: str | None = None,
                    gaz: Gazetteer | None = None) -> dict[str, PlaceScores]:
    """Scores per part (``dev``, ``test``, ``all``) of place resolution on the gold texts."""
    nlp = load_nlp(model)
    gaz = gaz or gazetteer()
    by_doc: dict[str, list[PlaceGold]] = {}
    for item in gold:
        by_doc.setdefault(item.doc, []).append(item)
    parts = {name: PlaceScores() for name in PART_NAMES}
    texts = [(events_gold.cases[doc].text, doc) for doc in sorted(by_doc)]
    for parsed, doc in nlp.pipe(texts, as_tuples=True):
        found = resolve_mentions(find_mentions(parsed, gaz), gaz)
        for part in (split_of(doc), "all"):
            _score(by_doc[doc], found, parts[part])
    return parts


def _score(gold: list[PlaceGold], found: list[Location], scores: PlaceScores) -> None:
    matched: set[int] = set()
    for loc in found:
        if loc.geonames_id is None:
            scores.unresolved += 1
            continue
        hit = next((i for i, g in enumerate(gold) if i not in matched
                    and g.start < loc.end and loc.start < g.end
                    and g.geonames_id == loc.geonames_id), None)
        if hit is None:
            scores.fp += 1
        else:
            matched.add(hit)
            scores.tp += 1
    scores.fn += len(gold) - len(matched)


def check_places(parts: Mapping[str, PlaceScores], baseline: Mapping[str, Any]) -> list[str]:
    """Every place score under its floor in ``baseline["places"]`` (part -> field -> floor)."""
    failures = []
    for part, floors in (baseline.get("places") or {}).items():
        if part not in parts:
            continue
        values = parts[part].values()
        for name, floor in floors.items():
            value = values.get(name)
            if value is None or value < floor:
                shown = "n/a" if value is None else f"{value:.3f}"
                failures.append(f"places {part} {name} = {shown} is below its floor "
                                f"{floor:.2f}")
    return failures
