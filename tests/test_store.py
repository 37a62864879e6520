from __future__ import annotations

import csv
import errno
import os
import json

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from sinew.errors import QueryError, StoreError
from sinew.schema import (ActorRef, Attribution, DateInfo, Document, Evidence, Quantity, Record, What,
                          content_hash)
from sinew.store import EventFilter, Store


def _record(i: int, actor="PRK", recipient="RUS", type_="AID", modality="asserted",
            category="artillery_ammunition", start="2024-06-01", doc_id="d1") -> Record:
    ev = Evidence(f"Sentence {i}.", i * 10, i * 10 + 11)
    return Record(
        id=f"r{i}", doc_id=doc_id, kind="event", type=type_, mode="military",
        actor=ActorRef(actor, actor, actor, country=actor[:3], how="name"),
        recipient=ActorRef(recipient, recipient, recipient, country=recipient[:3], how="name"),
        what=What(category, "shells"),
        quantity=Quantity(None, None, 4.8e6, "shell", text="up to 4.8 million", status="upper_bound"),
        modality=modality, attribution=Attribution("KOR", "Seoul's spy agency"),
        date=DateInfo(start, start, "day", start, "exact"), evidence=ev, trigger="ship")


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        doc = Document("d1", "x" * 100, date="2024-06-14", content_hash="h1")
        s.add_document(doc, [_record(1), _record(2, actor="IRN", category="drones"),
                             _record(3, modality="negated", start="2023-01-01"),
                             _record(4, type_="SANCTION", actor="USA")])
        yield s


def test_store_round_trips_records_exactly(store):
    got = {r.id: r for r in store.events()}
    assert got["r1"] == _record(1)
    assert got["r1"].quantity.value is None and got["r1"].quantity.high == 4.8e6


@pytest.mark.parametrize("flt, expected", [
    (EventFilter(actor="PRK"), {"r1", "r3"}),
    (EventFilter(actor="irn"), {"r2"}),
    (EventFilter(recipient="RUS", type="aid"), {"r1", "r2", "r3"}),
    (EventFilter(modality="negated"), {"r3"}),
    (EventFilter(commodity="drones"), {"r2"}),
    (EventFilter(since="2024-01-01"), {"r1", "r2", "r4"}),
    (EventFilter(until="2023-12-31"), {"r3"}),
    (EventFilter(type="SANCTION", actor="USA"), {"r4"}),
])
def test_store_filters_events(store, flt, expected):
    assert {r.id for r in store.events(flt)} == expected


@pytest.mark.parametrize("hostile", ["PRK' OR '1'='1", "'; DROP TABLE records; --", "%", "\\"])
def test_store_filters_are_parameterised(store, hostile):
    assert store.events(EventFilter(actor=hostile, commodity=hostile)) == []
    assert store.counts()["records"] == 4


def test_store_paginates(store):
    first = store.events(EventFilter(limit=2))
    second = store.events(EventFilter(limit=2, offset=2))
    assert len(first) == 2 and len(second) == 2
    assert {r.id for r in first}.isdisjoint({r.id for r in second})
    with pytest.raises(QueryError):
        store.events(EventFilter(limit=-1))


def test_store_readding_changes_nothing(store):
    doc = Document("d1", "x" * 100, content_hash="h1")
    store.add_document(doc, [_record(1), _record(2)])
    assert store.counts() == {"documents": 1, "records": 4, "rejected": 0}
    assert store.known() == ({"h1"}, {"d1": "h1"})


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_store_exports_every_record(store, tmp_path, fmt):
    target = store.export(tmp_path / f"out.{fmt}", fmt)
    if fmt == "parquet":
        rows = duckdb.sql(f"SELECT id, quantity_high FROM '{target}' ORDER BY id").fetchall()
        assert rows[0] == ("r1", 4.8e6) and len(rows) == 4
    elif fmt == "csv":
        rows = list(csv.DictReader(target.open()))
        assert sorted(r["id"] for r in rows) == ["r1", "r2", "r3", "r4"]
        assert {r["actor_country"] for r in rows} == {"PRK", "IRN", "USA"}
    else:
        rows = [Record.from_dict(json.loads(line)) for line in target.open()]
        assert {r.id for r in rows} == {"r1", "r2", "r3", "r4"}


def test_store_export_rejects_unknown_format(store, tmp_path):
    with pytest.raises(QueryError, match="format must be one of"):
        store.export(tmp_path / "x.xml", "xml")


def test_store_unopenable_file_raises_store_error(tmp_path):
    bad = tmp_path / "not-a-db.duckdb"
    bad.write_bytes(b"this is not a duckdb file" * 100)
    with pytest.raises(StoreError, match="cannot open store"):
        Store(bad)


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False)),
       text=_text, per=st.sampled_from([None, "day", "month", "year"]), code=st.one_of(st.none(), _text))
def test_store_round_trip_property(tmp_path_factory, value, text, per, code):
    record = Record(
        id=content_hash(value, text, per, code), doc_id="d", kind="measure", type="production",
        mode=None, actor=ActorRef(code, None, text), recipient=None, what=None,
        quantity=Quantity(value, value, value, "shell", per=per, text=text), modality="asserted",
        attribution=None, date=None, evidence=Evidence(text, 0, len(text)))
    with Store(":memory:") as s:
        s.add_document(Document("d", "t", content_hash="h"), [record])
        assert s.events() == [record]


@pytest.mark.parametrize("limit, offset", [(10, 2**63), (10, 10**30), (2**63, 0), (10, -1)])
def test_store_huge_or_negative_pages_are_query_errors(store, limit, offset):
    # 2**63 used to reach DuckDB, whose error quoted the SQL.
    for call in (lambda: store.events(EventFilter(limit=limit, offset=offset)),
                 lambda: store.document_list(limit=limit, offset=offset)):
        with pytest.raises(QueryError, match="limit and offset must be between 0 and") as err:
            call()
        assert "SELECT" not in str(err.value)


def test_store_rejections_are_recorded_once_per_input_and_reason(store):
    from sinew.schema import Rejected

    first = [Rejected("a.txt", "empty: a.txt is empty"), Rejected("b.jsonl:2", "not-json: x")]
    for _run in range(3):
        for rejected in first:
            store.add_rejected(rejected)
    store.add_rejected(Rejected("a.txt", "too-large: a.txt is over the limit"))
    assert [(r.origin, r.reason[:5]) for r in store.rejected()] == [
        ("a.txt", "empty"), ("b.jsonl:2", "not-j"), ("a.txt", "too-l")]


class _FullDisk:
    """A connection whose commit fails as on a full disk: the transaction is gone (so a
    rollback finds none) and the error is ENOSPC."""

    def __init__(self, con):
        self._con = con

    def execute(self, sql, *args):
        if sql == "COMMIT":
            self._con.execute("ROLLBACK")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self._con.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._con, name)


def test_store_full_disk_is_one_clear_error(store):
    real = store.con
    store.con = _FullDisk(real)
    with pytest.raises(StoreError, match="No space left on device") as err:
        store.add_document(Document("d2", "y" * 50, content_hash="h2"), [_record(9, doc_id="d2")])
    # Not hidden behind "cannot rollback - no transaction is active".
    assert "rollback" not in str(err.value) and err.value.__cause__.errno == errno.ENOSPC
    store.con = real
    assert store.counts() == {"documents": 1, "records": 4, "rejected": 0}


def test_store_type_filter_matches_measures_in_any_case(store):
    import dataclasses

    measure = dataclasses.replace(_record(7, doc_id="d3"), kind="measure", type="production")
    store.add_document(Document("d3", "z" * 100, content_hash="h3"), [measure])
    # Upper-casing every value used to make measure types ("production") match nothing.
    assert [r.id for r in store.events(EventFilter(type="PRODUCTION"))] == ["r7"]
    with pytest.raises(QueryError, match="'BOGUS' is not a PLOVER event type"):
        EventFilter(type="BOGUS")

@pytest.mark.parametrize("filters", [{}, {"actor": "PRK"}, {"since": "2024-06-01"},
                                     {"until": "2024-05-31"}, {"actor": "IRN", "since": "2023"}])
def test_store_count_events_counts_what_events_lists(filters):
    from builders import doc, make_store, rec

    store = make_store((doc("a", "2024-06-01"), [rec("a", value=1.0), rec("a", supplier="IRN")]),
                       (doc("b", "2023-03-01"), [rec("b", start="2024-05-02")]),
                       (doc("c", None), [rec("c", supplier="IRN")]))
    flt = EventFilter(**filters)
    assert store.count_events(flt) == len(store.events(flt))


@pytest.mark.parametrize("query", ["%", "_", "\\", "50%", "a_b", "ÉCOLE", "école", "story 1", "ID-"])
def test_store_document_search_is_a_literal_case_blind_substring(tmp_path, query):
    titles = {"id-1": "École 50% off", "id-2": "a_b and a\\b", "id-3": "axb", "id-4": None,
              "Story 10": "Story 10", "story-2": "nothing"}
    with Store(tmp_path / "s.duckdb") as store:
        store.add_documents([(Document(i, "text", title=t, content_hash=i), [])
                             for i, t in titles.items()])
        items, total = store.document_list(query=query)
    expected = {i for i, t in titles.items()
                if query.lower() in (t or "").lower() or query.lower() in i.lower()}
    assert {item["id"] for item in items} == expected and total == len(expected)
