"""Builders of hand-made documents, records and stores for the analysis tests."""

from __future__ import annotations

from itertools import count

from sinew.schema import (ActorRef, Attribution, DateInfo, Document, Evidence, Quantity, Record,
                          What)
from sinew.store import Store

_ids = count()


def doc(doc_id: str, published: str | None = "2024-06-01", source: str | None = "outlet"):
    return Document(id=doc_id, text=f"text of {doc_id}", date=published, source=source,
                    content_hash=doc_id)


def actor(country: str | None) -> ActorRef | None:
    return ActorRef(code=country, name=country, text=country or "", country=country,
                    how="lexicon") if country else None


def rec(doc_id: str, *, supplier: str | None = "PRK", recipient: str | None = "RUS",
        what: str = "artillery_ammunition", value: float | None = None,
        low: float | None = None, high: float | None = None, unit: str = "shell",
        per: str | None = None, cumulative: bool = False, modality: str = "reported",
        by: str | None = None, by_text: str | None = None, start: str | None = None,
        end: str | None = None, kind: str = "event", type_: str = "AID",
        mode: str | None = None, granularity: str = "interval") -> Record:
    """A record; ``value`` alone is an exact figure, ``low``/``high`` bounds or a range."""
    n = next(_ids)
    quantity = None
    if value is not None or low is not None or high is not None:
        status = "exact" if value is not None else "range" if low and high else \
            "lower_bound" if low is not None else "upper_bound"
        quantity = Quantity(value=value, low=low if value is None else value,
                            high=high if value is None else value, unit=unit, per=per,
                            text=f"{value or low or high:,.0f}", status=status,
                            cumulative=cumulative)
    when = DateInfo(start=start, end=end, granularity=granularity, text="date",
                    status="exact") if start or end else None
    attribution = Attribution(by, by_text or by or "") if by or by_text else None
    return Record(id=f"r{n}", doc_id=doc_id, kind=kind, type=type_, mode=mode,
                  actor=actor(supplier), recipient=actor(recipient),
                  what=What(what, what) if what else None, quantity=quantity,
                  modality=modality, attribution=attribution, date=when,
                  evidence=Evidence(f"Sentence {n} of {doc_id}.", 0, 10), trigger="sent")


def measure(doc_id: str, type_: str, country: str = "RUS", **kw) -> Record:
    return rec(doc_id, supplier=country, recipient=None, kind="measure", type_=type_, **kw)


def make_store(*docs: tuple[Document, list[Record]], path=":memory:") -> Store:
    store = Store(path)
    for document, records in docs:
        store.add_document(document, records)
    return store


def only(items):
    assert len(items) == 1, items
    return items[0]
