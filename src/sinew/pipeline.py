"""The pipeline: read inputs, parse them, extract records; every input accounted for.

Inputs stream through one ``nlp.pipe(..., as_tuples=True)`` call. Rejected and duplicate inputs
travel the same stream with an empty text so that order is kept and nothing is held back.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .coder import coder_for
from .nlp import load_nlp, parse
from .pdf import PageHook, page_of
from .places import gazetteer, locate
from .reading import MAX_CHARS, Deduplicator, iter_inputs, text_hash
from .schema import Document, Record, Rejected, RunSummary
from .store import Store

__all__ = ["Outcome", "extract", "extract_doc", "ingest", "process", "process_items"]

#: Documents stored per transaction by ingest (a commit and the aggregates' update cost
#: milliseconds each, whatever the batch).
STORE_BATCH = 64


@dataclass
class Outcome:
    """What became of one input: processed (with its records), duplicate or rejected."""

    status: str
    document: Document | None = None
    records: list[Record] = field(default_factory=list)
    rejected: Rejected | None = None


def extract_doc(doc: Doc, document: Document, nlp: Language, *,
                one_sided: bool | None = None) -> list[Record]:
    """Records of one parsed document (needs: a parsed ``Doc``; sets: every Record field),
    by the pipeline's ``sinew_events`` component (:mod:`sinew.coder`), then placed
    (:mod:`sinew.places`); the evidence of a document read from pages (PDF) says which page
    it is on. ``one_sided`` keeps events with a side unknown (default: the
    coder's setting, ``SINEW_ONE_SIDED``)."""
    coder = coder_for(nlp)
    records = coder.code(doc, document, one_sided=one_sided)
    return _on_pages(locate(doc, records, coder.lexicon_dir), document)


def _on_pages(records: list[Record], document: Document) -> list[Record]:
    starts = document.meta.get("page_starts")
    if not starts:
        return records
    return [dataclasses.replace(r, evidence=dataclasses.replace(
        r.evidence, page=page_of(starts, r.evidence.start))) for r in records]


def extract(text: str, *, date: str | None = None, doc_id: str | None = None,
            model: str | None = None, one_sided: bool | None = None) -> list[Record]:
    """Extract the events and measures of one text, dates resolved against ``date``.
    The document id is the one ``ingest`` gives the same text, so record ids agree.
    ``one_sided=True`` also keeps events with a side unknown ("Russia's attacks",
    "Workers went on strike"), which are dropped by default (but supplies, deployments and
    agreements)."""
    nlp = load_nlp(model)
    digest = text_hash(text)
    document = Document(id=doc_id or "doc-" + digest, text=text, date=date, content_hash=digest)
    return extract_doc(nlp(text), document, nlp, one_sided=one_sided)


def _tagged(items: Iterable[Document | Rejected],
            dedup: Deduplicator) -> Iterator[tuple[str, Outcome]]:
    for item in items:
        if isinstance(item, Rejected):
            yield "", Outcome("rejected", rejected=item)
        elif (verdict := dedup.verdict(item)) == "duplicate":
            yield "", Outcome("duplicate", document=item)
        elif verdict == "id-conflict":
            reason = (f"id-conflict: {item.origin or item.id} has id {item.id!r}, already used by "
                      f"a different text (give each document its own id)")
            yield "", Outcome("rejected", rejected=Rejected(item.origin or item.id, reason,
                                                            "read", item.id))
        else:
            yield item.text, Outcome("processed", document=item)


def process(sources: Iterable[str], *, fmt: str = "auto", default_date: str | None = None,
            workers: int = 1, model: str | None = None, dedup: Deduplicator | None = None,
            summary: RunSummary | None = None, stdin=None, max_chars: int = MAX_CHARS,
            on_outcome: Callable[[Outcome], None] | None = None,
            on_page: PageHook | None = None) -> Iterator[Outcome]:
    """Run the whole pipeline over ``sources``, yielding one Outcome per input document and
    keeping ``summary`` up to date (processed + duplicate + rejected = read);
    ``on_page(name, page, pages)`` follows the pages of a PDF as they are read."""
    items = iter_inputs(sources, fmt=fmt, default_date=default_date, stdin=stdin,
                        max_chars=max_chars, on_page=on_page)
    return process_items(items, workers=workers, model=model, dedup=dedup, summary=summary,
                         on_outcome=on_outcome)


def process_items(items: Iterable[Document | Rejected], *, workers: int = 1,
                  model: str | None = None, dedup: Deduplicator | None = None,
                  summary: RunSummary | None = None,
                  on_outcome: Callable[[Outcome], None] | None = None) -> Iterator[Outcome]:
    """The pipeline after reading: documents (and inputs already rejected) in, one Outcome
    each out. Other readers (sinew.sources, the Dask engine) feed it their documents."""
    nlp = load_nlp(model)
    gazetteer(coder_for(nlp).lexicon_dir)  # lexicons load (and a bad one fails) before any
    # document is read
    summary = summary if summary is not None else RunSummary()
    dedup = dedup or Deduplicator()
    started = time.perf_counter()
    for doc, outcome in parse(nlp, _tagged(items, dedup), workers=workers):
        if outcome.status == "processed":
            outcome = _extract_safely(doc, outcome, nlp)
        _count(summary, outcome)
        summary.seconds = time.perf_counter() - started
        if on_outcome is not None:
            on_outcome(outcome)
        yield outcome


def _extract_safely(doc: Doc, outcome: Outcome, nlp: Language) -> Outcome:
    """A document whose extraction fails is rejected with the reason; the run goes on."""
    document = outcome.document
    assert document is not None
    try:
        outcome.records = extract_doc(doc, document, nlp)
    except Exception as exc:  # noqa: BLE001 - any failure rejects this document, not the run
        reason = f"extract-failed: {document.origin or document.id}: {type(exc).__name__}: {exc}"
        return Outcome("rejected", rejected=Rejected(document.origin or document.id, reason,
                                                     "extract", document.id))
    return outcome


def _count(summary: RunSummary, outcome: Outcome) -> None:
    summary.read += 1
    if outcome.status == "rejected" and outcome.rejected is not None:
        summary.reject(outcome.rejected.reason)
    elif outcome.status == "duplicate":
        summary.duplicate += 1
    else:
        summary.processed += 1
        document = outcome.document
        if document is not None and document.meta.get("date_warning"):
            summary.warnings.append(f"{document.origin or document.id}: "
                                    f"{document.meta['date_warning']}")
        summary.events += sum(r.kind == "event" for r in outcome.records)
        summary.measures += sum(r.kind == "measure" for r in outcome.records)


def ingest(sources: Iterable[str], store: Store | str | Path, *, fmt: str = "auto",
           default_date: str | None = None, workers: int = 1, model: str | None = None,
           stdin=None, max_chars: int = MAX_CHARS,
           on_outcome: Callable[[Outcome], None] | None = None,
           on_page: PageHook | None = None) -> RunSummary:
    """Run the pipeline into ``store`` (a Store or a DuckDB file path). Documents already
    stored count as duplicates, so re-running the same input adds nothing."""
    if not isinstance(store, Store):
        with Store(store) as opened:
            return ingest(sources, opened, fmt=fmt, default_date=default_date, workers=workers,
                          model=model, stdin=stdin, max_chars=max_chars, on_outcome=on_outcome,
                          on_page=on_page)
    hashes, ids = store.known()
    summary = RunSummary()
    pending: list[tuple[Document, list[Record]]] = []
    for outcome in process(sources, fmt=fmt, default_date=default_date, workers=workers,
                           model=model, dedup=Deduplicator(hashes, ids), summary=summary,
                           stdin=stdin, max_chars=max_chars, on_outcome=on_outcome,
                           on_page=on_page):
        if outcome.status == "processed" and outcome.document is not None:
            pending.append((outcome.document, outcome.records))
            if len(pending) == STORE_BATCH:
                store.add_documents(pending)
                pending = []
        elif outcome.status == "rejected" and outcome.rejected is not None:
            store.add_rejected(outcome.rejected)
    store.add_documents(pending)
    store.add_run(summary)
    return summary
