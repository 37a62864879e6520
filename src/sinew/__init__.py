"""sinew: rebuild, as evidence, the alliances and supply flows that war reporting describes.

The Python API::

    import sinew
    records = sinew.extract("North Korea has shipped up to 4.8 million shells to Russia.",
                            date="2024-06-14")
    with sinew.open("sinew.duckdb") as store:
        summary = sinew.ingest(["articles/"], store)
        aid = store.events(sinew.EventFilter(type="AID", actor="PRK"))
        near_kharkiv = store.events(sinew.EventFilter(bbox=(35.5, 49.5, 37.0, 50.5)))
"""

from __future__ import annotations

from .errors import SinewError
from .pipeline import extract, ingest, process
from .schema import (ActorRef, Attribution, DateInfo, Document, Evidence, Location, Quantity,
                     Record, Rejected, RunSummary, What)
from .store import EventFilter, Store, open_store as open

__all__ = [
    "ActorRef",
    "Attribution",
    "DateInfo",
    "Document",
    "EventFilter",
    "Evidence",
    "Location",
    "Quantity",
    "Record",
    "Rejected",
    "RunSummary",
    "SinewError",
    "Store",
    "What",
    "extract",
    "ingest",
    "open",
    "process",
]

__version__ = "0.1.0"
