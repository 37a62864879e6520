"""Pages of events: the sort key kept on the record rows, keyset cursors and offsets."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from sinew.errors import QueryError
from sinew.schema import ActorRef, DateInfo, Document, Evidence, Record
from sinew.analysis import rebuild
from sinew.store import EventFilter, Store

DATES = st.one_of(st.none(), st.sampled_from(["2023", "2024", "2024-03", "2024-03-05",
                                              "2024-03-05", "2024-11-30", "2025-01-01"]))
ACTORS = ("PRK", "RUS", "IRN")


def _record(rid: str, doc_id: str, start: str | None, offset: int | None, actor: str) -> Record:
    evidence = Evidence(f"Sentence {rid}.", offset, None if offset is None else offset + 9)
    date = DateInfo(start, None, "day", start, "exact") if start else None
    return Record(rid, doc_id, "event", "AID", None, ActorRef(actor, actor, actor, actor),
                  None, None, None, "asserted", None, date, evidence, "sent")


@st.composite
def corpora(draw, max_docs: int = 6):
    """Documents (some undated) with records (some undated, some without an offset)."""
    docs = []
    for n in range(draw(st.integers(1, max_docs))):
        doc_id = draw(st.sampled_from(["a", "a b", "a!", "b", "c-1", "c"])) + str(n)
        records = [_record(f"{doc_id}/{i}", doc_id, draw(DATES),
                           draw(st.one_of(st.none(), st.integers(0, 5000))),
                           draw(st.sampled_from(ACTORS)))
                   for i in range(draw(st.integers(0, 6)))]
        docs.append((Document(doc_id, "text", date=draw(DATES), content_hash=doc_id), records))
    return docs


def _expected_order(docs) -> list[str]:
    """The documented order, computed here by hand: date (else the document's, undated
    last), document, place in the text (none last), id."""
    def key(pair):
        doc, record = pair
        date = (record.date.start if record.date else None) or doc.date
        start = record.evidence.start
        return (date is None, date or "", record.doc_id, start is None, start or 0, record.id)
    return [r.id for _, r in sorted(((d, r) for d, rs in docs for r in rs), key=key)]


def _pages_by_cursor(store: Store, flt: EventFilter, size: int) -> list[list[str]]:
    pages, after = [], None
    while True:
        page = [r.id for r in store.events(EventFilter(**{**flt.__dict__, "limit": size,
                                                          "after": after}))]
        if not page:
            return pages
        pages.append(page)
        after = page[-1]


_SETTINGS = settings(max_examples=25, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])


@_SETTINGS
@given(docs=corpora())
def test_store_events_are_in_the_documented_order(docs):
    with Store(":memory:") as store:
        store.add_documents(docs)
        assert [r.id for r in store.events()] == _expected_order(docs)
        assert [r.id for r in store.events(EventFilter(limit=10**6))] == _expected_order(docs)


@_SETTINGS
@given(docs=corpora(), size=st.integers(1, 7), actor=st.sampled_from((None, *ACTORS)))
def test_store_cursor_pages_visit_every_record_once_in_order(docs, size, actor):
    with Store(":memory:") as store:
        store.add_documents(docs)
        flt = EventFilter(actor=actor)
        pages = _pages_by_cursor(store, flt, size)
        offsets = [[r.id for r in store.events(EventFilter(actor=actor, limit=size,
                                                           offset=start))]
                   for start in range(0, store.count_events(flt), size)]
        assert pages == offsets
        assert sum(pages, []) == [r.id for r in store.events(flt)]


@_SETTINGS
@given(before=corpora(), later=corpora(), size=st.integers(1, 5), cut=st.integers(0, 4))
def test_store_cursor_pages_keep_their_place_when_records_arrive(before, later, size, cut):
    later = [(Document("new" + d.id, d.text, date=d.date, content_hash="new" + d.id),
              [_record("new" + r.id, "new" + d.id, r.date and r.date.start, r.evidence.start,
                       r.actor.code) for r in rs]) for d, rs in later]
    with Store(":memory:") as store:
        store.add_documents(before)
        old = [r.id for r in store.events()]
        seen, after = [], None
        for n in range(len(old) + len(sum((rs for _, rs in later), [])) + 1):
            if n == cut:
                store.add_documents(later)
            page = [r.id for r in store.events(EventFilter(limit=size, after=after))]
            if not page:
                break
            seen += page
            after = page[-1]
        assert len(seen) == len(set(seen))
        assert [i for i in seen if i in old] == old


def test_store_cursor_of_no_record_is_a_query_error(tmp_path):
    with Store(tmp_path / "s.duckdb") as store, pytest.raises(QueryError, match="cursor"):
        store.events(EventFilter(limit=5, after="no-such-record"))


def _old_store(path, docs) -> list[str]:
    """A store as sinew wrote it before records kept a sort key; its events' order."""
    with Store(path) as store:
        store.add_documents(docs)
        order = [r.id for r in store.events()]
    con = duckdb.connect(str(path))
    con.execute("ALTER TABLE records DROP COLUMN sort_key")
    con.close()
    return order


def test_store_written_before_sort_keys_pages_read_only_and_gains_them_on_write(tmp_path):
    docs = [(Document(f"d{n}", "t", date=f"2024-0{n + 1}-01" if n % 2 else None,
                      content_hash=f"h{n}"),
             [_record(f"r{n}{i}", f"d{n}", "2023-05-0%d" % (i + 1) if i % 2 else None, i, "PRK")
              for i in range(3)]) for n in range(4)]
    order = _old_store(tmp_path / "old.duckdb", docs)
    with Store(tmp_path / "old.duckdb", read_only=True) as store:
        assert sum(_pages_by_cursor(store, EventFilter(), 5), []) == order
    with Store(tmp_path / "old.duckdb") as store:
        assert store.query("SELECT count(*) FROM records WHERE sort_key IS NULL") == [(0,)]
        assert sum(_pages_by_cursor(store, EventFilter(), 5), []) == order


def test_store_reorder_records_lays_rows_out_in_page_order(tmp_path):
    docs = [(Document(f"d{n}", "t", date=f"20{24 - n}-01-01", content_hash=f"h{n}"),
             [_record(f"r{n}{i}", f"d{n}", None, i, "PRK") for i in range(3)])
            for n in range(5)]
    with Store(tmp_path / "s.duckdb") as store:
        store.add_documents(docs)
        order = [r.id for r in store.events()]
        assert [row[0] for row in store.query("SELECT id FROM records")] != order
        store.reorder_records()
        assert [row[0] for row in store.query("SELECT id FROM records")] == order
        assert [r.id for r in store.events()] == order


def test_store_page_of_records_without_sort_keys_lists_them(tmp_path):
    """Rows written without their key (a bulk insert, before ``fill_sort_keys``) still page:
    a page reads its records in the one top-N query, not again by a span of keys."""
    docs = [(Document(f"d{n}", "t", date="2024-01-01", content_hash=f"h{n}"),
             [_record(f"r{n}{i}", f"d{n}", None, i, "PRK") for i in range(3)]) for n in range(4)]
    with Store(tmp_path / "s.duckdb") as store:
        store.add_documents(docs)
        store.query("UPDATE records SET sort_key = NULL")
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        pages = [[r.id for r in store.events(EventFilter(limit=5, offset=offset))]
                 for offset in (0, 5, 10)]
    assert [len(p) for p in pages] == [5, 5, 2]
    assert sorted(sum(pages, [])) == sorted(r.id for _, rs in docs for r in rs)


BOUNDS = st.tuples(st.one_of(st.none(), st.sampled_from(["2023-06-01", "2024-03-05"])),
                   st.one_of(st.none(), st.sampled_from(["2024-03-05", "2024-12-31"])),
                   st.booleans())


@_SETTINGS
@given(docs=corpora(), bounds=st.lists(BOUNDS, min_size=1, max_size=4))
def test_store_date_bounds_read_the_document_date_from_the_key_as_from_the_document(
        tmp_path_factory, docs, bounds):
    """With the key stored, a record's document date is read from its key, not joined: the
    same records and counts as a store without keys, which joins the documents."""
    path = tmp_path_factory.mktemp("bounds")
    with Store(path / "new.duckdb") as store:
        store.add_documents(docs)
    _old_store(path / "old.duckdb", docs)
    with Store(path / "new.duckdb", read_only=True) as new, \
            Store(path / "old.duckdb", read_only=True) as old:
        assert new._sort_key == "r.sort_key" and old._sort_key != "r.sort_key"
        for since, until, undated in bounds:
            flt = EventFilter(since=since, until=until, include_undated=undated)
            assert [r.id for r in new.events(flt)] == [r.id for r in old.events(flt)]
            assert new.count_events(flt) == old.count_events(flt)


def _context_docs(count: int = 4):
    return [(Document(f"d{n}", f"Before {n}. Sentence d{n}/{n}. After {n}.", title=f"T{n}",
                      date=f"2024-0{n + 1}-01", source=f"S{n}", content_hash=f"h{n}"),
             [_record(f"d{n}/{i}", f"d{n}", None, 10, "PRK") for i in range(2)])
            for n in range(count)]


def test_store_a_page_reads_its_documents_by_their_row_ids(tmp_path):
    """Each record notes its document's row id once the write commits; a page's context
    read by those row ids is the context read by document id."""
    with Store(tmp_path / "s.duckdb") as store:
        store.add_documents(_context_docs()[:2])
        store.add_documents(_context_docs()[2:])
        assert store.query("SELECT count(*) FROM records r JOIN documents d ON "
                           "d.rowid = r.doc_row AND d.id = r.doc_id") == [(8,)]
        records, rows = store.events_page(EventFilter(limit=5))
        assert len(rows) == 5 and None not in rows
        by_row = store.event_context(records, 6, rows)
        assert by_row == store.event_context(records, 6)
        assert by_row[records[0].id]["before"] == "re 0. " and by_row[records[0].id]["title"] == "T0"


def test_store_row_ids_that_name_another_document_are_not_trusted(tmp_path):
    """A copied store's documents may lie at other row ids: a document is known by its own
    id, and a record whose document was not found at its row id has it read by id."""
    with Store(tmp_path / "s.duckdb") as store:
        store.add_documents(_context_docs())
        expected = store.event_context(store.events(), 6)
        for stale in ("3 - doc_row", "0", "doc_row + 100"):  # others, one other, none
            store.query(f"UPDATE records SET doc_row = {stale}")
            records, rows = store.events_page(EventFilter(limit=100))
            assert store.event_context(records, 6, rows) == expected


def test_store_written_before_row_ids_gains_them_on_write(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.add_documents(_context_docs())
        expected = store.event_context(store.events(), 6)
    con = duckdb.connect(str(path))
    con.execute("ALTER TABLE records DROP COLUMN doc_row")
    con.close()
    with Store(path, read_only=True) as old:  # no column: documents read by id
        records, rows = old.events_page(EventFilter(limit=100))
        assert set(rows) == {None} and old.event_context(records, 6, rows) == expected
    with Store(path) as store:  # opened for writing: the column, empty until a rebuild
        records, rows = store.events_page(EventFilter(limit=100))
        assert set(rows) == {None} and store.event_context(records, 6, rows) == expected
        store.add_documents([(Document("late", "A later text.", content_hash="late"),
                              [_record("late/0", "late", None, 2, "PRK")])])
        assert store.query("SELECT count(doc_row) FROM records") == [(1,)]  # new ones noted
        rebuild(store)
        assert store.query("SELECT count(doc_row) FROM records") == [(9,)]
        records, rows = store.events_page(EventFilter(limit=100))
        assert None not in rows
        assert store.event_context(records[:8], 6, rows[:8]) == expected
