"""The aggregates kept in the store: updated at ingest they equal a rebuild from the records,
whatever the order and batches of ingest, and the analyses read from them give what the
records give."""

from __future__ import annotations

import dataclasses
import json

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sinew.analysis import aggregates, claim_sources, depend, flows, network, rebuild, whatif
from sinew.analysis.dependence import _records, build_dependence
from sinew.analysis.flows import build_flows, load_documents
from sinew.analysis.network import network_page, page_network
from sinew.errors import QueryError
from sinew.store import EventFilter, Store

from builders import doc, measure, rec

_TABLES = {"claim_sources": "source_record_id", "claims": "id",
           "network_counts": "actor, recipient, type, mode, category, month, modality, "
                             "first_day, last_day",
           "network_rollup": "actor, recipient, type, mode, category, month, asserted, "
                             "first_month, last_month",
           "relation_edges": "source, target, type", "party_names": "party"}


@st.composite
def _documents(draw):
    """Documents with supply events, measures and other events of a few series, sharing
    figures, spans, outlets and attributions so that claims gather several sources."""
    docs = []
    for n in range(draw(st.integers(1, 12))):
        doc_id = f"d{n}"
        published = draw(st.sampled_from(["2023-11-02", "2024-03-10", "2024-06-01", None]))
        records = []
        for _ in range(draw(st.integers(0, 4))):
            kind = draw(st.sampled_from(["aid", "aid", "measure", "other"]))
            span = draw(st.sampled_from([(None, None), ("2024-01-01", "2024-12-31"),
                                         ("2023-08-01", "2024-06-14"), ("2024-03-05", None)]))
            common = dict(value=draw(st.sampled_from([None, 1e6, 3e6, 5e6])),
                          cumulative=draw(st.booleans()),
                          per=draw(st.sampled_from([None, None, "month"])),  # rates
                          by=draw(st.sampled_from([None, "KOR", "UKR"])),
                          modality=draw(st.sampled_from(["reported", "asserted", "future"])),
                          start=span[0], end=span[1])
            if kind == "aid":
                records.append(rec(doc_id, supplier=draw(st.sampled_from(["PRK", "IRN", None])),
                                   unit=draw(st.sampled_from(["shell", "round"])), **common))
            elif kind == "measure":
                records.append(measure(doc_id, draw(st.sampled_from(["production",
                                                                      "consumption"])),
                                       **common))
            else:
                records.append(rec(doc_id, type_=draw(st.sampled_from(["ACCUSE", "ASSAULT"])),
                                   what=None, mode=draw(st.sampled_from([None, "missile"])),
                                   start=span[0], end=span[1],
                                   modality=common["modality"]))
        docs.append((doc(doc_id, published, draw(st.sampled_from(["AP", "Reuters"]))),
                     records))
    return docs


def _tables(store: Store) -> dict[str, list]:
    """Every aggregate table in key order; the network tables' rows of a key summed (writes
    append them, and compaction sums them when the tables have grown enough)."""
    return {table: store.query(
        f"SELECT {key}, sum(events) FROM {table} GROUP BY ALL ORDER BY {key}"
        if table.startswith("network_") else f"SELECT * FROM {table} ORDER BY {key}")
        for table, key in _TABLES.items()}


def _ingest(docs, order, cuts) -> Store:
    store = Store(":memory:")
    ordered = [docs[i] for i in order]
    bounds = [0, *sorted(c for c in cuts if c < len(ordered)), len(ordered)]
    for start, stop in zip(bounds, bounds[1:]):
        store.add_documents(ordered[start:stop])
    return store


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_aggregates_incremental_equals_rebuilt_in_any_order_and_batches(data):
    docs = data.draw(_documents())
    order = data.draw(st.permutations(range(len(docs))))
    cuts = data.draw(st.sets(st.integers(1, max(1, len(docs))), max_size=4))
    with _ingest(docs, order, cuts) as store:
        store.add_documents(docs[:2])  # re-adding documents changes nothing
        incremental = _tables(store)
        assert aggregates.current(store)
        rebuild(store)
        assert _tables(store) == incremental
        with _ingest(docs, range(len(docs)), ()) as other:
            assert _tables(other) == incremental


@pytest.mark.parametrize("later", [
    # a running total said again with an earlier end: that report now gives the span
    dict(value=3e6, cumulative=True, start="2024-02-01", end="2024-03-31"),
    # a rate said again over other dates: its span widens both ways
    dict(value=1e4, per="month", start="2023-10-01", end="2024-12-31"),
    # a mention (no figure) said again earlier and later
    dict(start="2023-05-01", end="2025-01-31"),
    # the same report from another outlet and speaker: sources and keys add up
    dict(value=3e6, cumulative=True, start="2024-01-01", end="2024-06-30", by="KOR"),
])
def test_aggregates_a_claim_takes_in_later_sources_as_a_rebuild_makes_it(later):
    """Claims are merged with each write's new sources, their old ones not read again: what
    a source changes in its claim (span, first report, counts, keys) is what a rebuild gives."""
    first = {**later, "start": "2024-01-01", "end": "2024-06-30"} if "per" in later or \
        "value" not in later else dict(value=3e6, cumulative=True, start="2024-01-01",
                                       end="2024-06-30")
    docs = [(doc("a", "2024-07-01", "AP"), [rec("a", **first)]),
            (doc("b", "2024-07-02", "Reuters"), [rec("b", **later)])]
    with _ingest(docs, [0, 1], {1}) as store:
        claims = store.query("SELECT sources FROM claims")
        incremental = _tables(store)
        rebuild(store)
        assert _tables(store) == incremental and claims == [(2,)]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=_documents(), size=st.integers(1, 5))
def test_aggregates_bulk_load_rebuilt_once_equals_ingest(docs, size):
    with Store(":memory:") as bulk, _ingest(docs, range(len(docs)), ()) as ingested:
        for start in range(0, len(docs), size):
            bulk.add_documents(docs[start:start + size], aggregates=False)
        assert not aggregates.current(bulk) or not bulk.counts()["records"]
        rebuild(bulk)
        assert aggregates.current(bulk) and _tables(bulk) == _tables(ingested)
        assert bulk.events() == ingested.events()


def _plain(value):
    """An answer as JSON without what only stored claims carry."""
    data = json.loads(json.dumps(value, default=str))

    def strip(node):
        if isinstance(node, dict):
            for key in ("source_count", "keys", "units"):
                node.pop(key, None)
            for child in node.values():
                strip(child)
        elif isinstance(node, list):
            for child in node:
                strip(child)
    strip(data)
    return data


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents(), st.sampled_from(["2024", "2023-08..2024-07", "2024-03"]),
       st.sampled_from([(None, None), ("2024-01-01", "2024-12-31"), ("2024-03-05", None),
                        (None, "2024-03-04"), ("2023-11", "2024-06-01")]), st.booleans())
def test_aggregates_analyses_equal_the_records_path(docs, period, bounds, asserted_only):
    with _ingest(docs, range(len(docs)), ()) as store:
        records = store.events(EventFilter(kind="event", type="AID"))
        expected = build_flows(records, load_documents(store, records))
        assert _plain([f.to_dict() for f in flows(store)]) == \
            _plain([f.to_dict() for f in expected])
        own = _records(store, "RUS", "artillery_ammunition")
        dep = build_dependence(own, load_documents(store, own), "RUS", "artillery_ammunition",
                               period)
        assert _plain(depend(store, "RUS", "artillery_ammunition", period).to_dict()) == \
            _plain(dep.to_dict())
        since, until = bounds
        full = network(store, since=since, until=until, asserted_only=asserted_only)
        counted = network(store, since=since, until=until, asserted_only=asserted_only,
                          record_ids=False)
        assert counted == dataclasses.replace(full, edges=tuple(
            dataclasses.replace(e, record_ids=()) for e in full.edges))
        asked = [(t, p, n) for t in (None, "AID", "ACCUSE") for p in (None, "PRK", "RUS")
                 for n in (1, 2, None)]
        graphs = [store.relations(EventFilter(type=t), p, limit=n) for t, p, n in asked]
        store.query("UPDATE aggregate_state SET records = records + 1")  # read the records
        assert graphs == [store.relations(EventFilter(type=t), p, limit=n) for t, p, n in asked]
        store.query("UPDATE aggregate_state SET records = records - 1")
        for limit, min_events in ((1, 1), (2, 1), (2, 2), (100, 1)):
            cursor = None
            while True:  # every page chosen in SQL is the page of the whole network
                page = network_page(store, since=since, until=until, limit=limit,
                                    asserted_only=asserted_only, cursor=cursor,
                                    min_events=min_events)
                assert page == page_network(counted, limit=limit, cursor=cursor,
                                            min_events=min_events)
                if (cursor := page.next_cursor) is None:
                    break


def _corroborated(count: int) -> list:
    whole = dict(value=3.5e6, start="2024-01-01", end="2024-12-31")
    return [(doc(f"d{i}", f"2024-{1 + i % 12:02d}-01", f"outlet {i % 3}"),
             [rec(f"d{i}", by=["KOR", "UKR", None][i % 3], **whole)]) for i in range(count)]


def test_aggregates_claim_sources_are_paged_in_claim_order():
    with _ingest(_corroborated(7), range(7), ()) as store:
        claim = flows(store, period="2024")[0].claims[0]
        assert len(claim.sources) == claim.source_count == 7
        pages, cursor = [], None
        while True:
            page, total, cursor = claim_sources(store, claim.id, limit=3, cursor=cursor)
            pages.append(page)
            if cursor is None:
                break
        assert total == 7 and [len(p) for p in pages] == [3, 3, 1]
        assert [s for p in pages for s in p] == list(claim.sources)
        with pytest.raises(QueryError, match="no claim"):
            claim_sources(store, "nope")


def test_aggregates_answers_list_a_page_of_sources_with_all_their_keys():
    with _ingest(_corroborated(7), range(7), ()) as store:
        flow = flows(store, period="2024", evidence=2)[0]
        claim = flow.claims[0]
        assert len(claim.sources) == 2 and claim.source_count == 7
        assert flow.estimate.independent == 3  # every source's key, not the page's
        result = whatif(store, {"recipient": "RUS", "what": "artillery_ammunition",
                                "period": "2024", "changes": [{"action": "stop",
                                                               "supplier": "PRK"}]},
                        evidence=1)
        assert result.dependence.imports[0].claims[0].source_count == 7


def test_aggregates_a_store_behind_its_records_reads_records_until_rebuilt():
    with _ingest(_corroborated(3), range(3), ()) as store:
        store.query("UPDATE aggregate_state SET records = 0")
        assert not aggregates.current(store)
        claim = flows(store, period="2024")[0].claims[0]
        assert not isinstance(claim, aggregates.StoredClaim) and len(claim.sources) == 3
        with pytest.raises(QueryError, match="sinew rebuild"):
            claim_sources(store, claim.id)
        store.add_documents(_corroborated(4)[3:])  # the next write catches up
        assert aggregates.current(store)
        assert flows(store, period="2024")[0].claims[0].source_count == 4


def _accusations(count: int, modality: str = "reported") -> list:
    """``count`` documents, each an accusation PRK -> UKR on its own day of early 2024."""
    return [(doc(f"a{modality}{i}", f"2024-0{1 + i % 3}-{1 + i:02d}"),
             [rec(f"a{modality}{i}", supplier="PRK", recipient="UKR", type_="ACCUSE", what=None,
                  start=f"2024-0{1 + i % 3}-{1 + i:02d}", modality=modality)])
            for i in range(count)]


def test_aggregates_network_rollup_grows_with_months_not_documents():
    with _ingest(_accusations(9), range(9), ()) as small, \
            _ingest(_accusations(27) + _accusations(5, "future"), range(32), ()) as large:
        assert [s.query("SELECT count(*) FROM network_counts")[0][0]
                for s in (small, large)] == [9, 32]  # one row per day: grows
        assert [s.query("SELECT count(*) FROM network_rollup")[0][0]
                for s in (small, large)] == [3, 3]  # one per month: does not


def test_aggregates_network_tables_written_with_keys_lose_them_on_write(tmp_path):
    """A store whose network tables had primary keys (rows updated in place) has them copied
    without, their rows unchanged, when opened for writing; then writes append."""
    path = tmp_path / "keyed.duckdb"
    with _ingest(_accusations(6), range(6), ()) as store:
        expected = _tables(store)
        store.query(f"ATTACH '{path}' AS old")
        store.query("COPY FROM DATABASE memory TO old")
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE k AS SELECT * FROM network_rollup; DROP TABLE network_rollup; "
                    "CREATE TABLE network_rollup (actor VARCHAR, recipient VARCHAR, type VARCHAR, "
                    "mode VARCHAR, category VARCHAR, month VARCHAR, asserted BOOLEAN, "
                    "first_month VARCHAR, last_month VARCHAR, events BIGINT, PRIMARY KEY (actor, "
                    "recipient, type, mode, category, month, asserted, first_month, last_month)); "
                    "INSERT INTO network_rollup SELECT * FROM k; DROP TABLE k")
    with Store(path) as store:
        assert store.query("SELECT count(*) FROM duckdb_constraints() WHERE table_name = "
                           "'network_rollup' AND constraint_type = 'PRIMARY KEY'") == [(0,)]
        assert _tables(store) == expected and aggregates.current(store)
        store.add_documents(_accusations(8)[6:])
        assert network(store, record_ids=False).total_events == 8


def test_aggregates_network_rows_are_appended_and_summed_when_grown():
    """Writes append the network counts (no update in place): the rows of a key repeat until
    the tables grow by a quarter, then they are summed; answers are the same either way."""
    docs = [(doc(f"x{i}", f"2024-0{1 + i % 3}-05"),
             [rec(f"x{i}", supplier="PRK", recipient="UKR", type_="ACCUSE", what=None,
                  start=f"2024-0{1 + i % 3}-{1 + i % 28:02d}")]) for i in range(40)]
    with _ingest(docs[:30], range(30), ()) as store:
        rows = store.query("SELECT count(*) FROM network_rollup")[0][0]
        store.add_documents(docs[30:31])  # the same month again: one more row for its key
        assert store.query("SELECT count(*) FROM network_rollup")[0][0] == rows + 1
        appended = network(store, record_ids=False)
        rebuild(store)
        assert store.query("SELECT count(*) FROM network_rollup")[0][0] == rows
        assert network(store, record_ids=False) == appended
        for doc_ in docs[31:]:  # one write each: the tables grow past a quarter, summed
            store.add_documents([doc_])
        assert store.query("SELECT count(*) FROM network_rollup")[0][0] < rows + 9
        assert network(store, record_ids=False).total_events == 40


@pytest.mark.parametrize("since, until, events", [("2024-01-01", "2024-02-29", 6),
                                                   (None, "2024-01-31", 3),
                                                   ("2024-02-01", None, 6), (None, None, 9)])
def test_aggregates_network_between_whole_months_reads_the_rollup_alone(since, until, events):
    with _ingest(_accusations(9), range(9), ()) as store:
        full = network(store, since=since, until=until, record_ids=False)
        assert full.total_events == events
        store.query("DELETE FROM network_counts")  # what bounds inside a month would read
        assert network(store, since=since, until=until, record_ids=False) == full


def test_aggregates_a_store_written_before_the_rollup_reads_records_until_rebuilt(tmp_path):
    path = tmp_path / "old.duckdb"
    with _ingest(_accusations(3), range(3), ()) as store:
        expected, from_records = network(store, record_ids=False), network(store)
        store.query(f"ATTACH '{path}' AS old")
        store.query("COPY FROM DATABASE memory TO old")
    with Store(path, read_only=True) as old:  # as an old store: a months table, no rollup
        assert aggregates.current(old)
    with duckdb.connect(str(path)) as con:
        con.execute("ALTER TABLE network_rollup RENAME TO network_months")
    with Store(path, read_only=True) as old:
        assert not aggregates.current(old)
        assert network(old, record_ids=False) == from_records
    with Store(path) as old:  # opened for writing: given a rollup, marked behind
        assert not aggregates.current(old)
        assert old.query("SELECT count(*) FROM duckdb_tables() WHERE table_name = "
                         "'network_months'") == [(0,)]
        rebuild(old)
        assert aggregates.current(old) and network(old, record_ids=False) == expected


def test_aggregates_claims_written_before_their_first_key_are_remade(tmp_path):
    path = tmp_path / "old.duckdb"
    docs = _figures(2)
    with Store(path) as store:
        store.add_documents(docs)
        expected = _tables(store)
    with duckdb.connect(str(path)) as con:
        con.execute("ALTER TABLE claims DROP COLUMN first_key")
    with Store(path) as old:  # opened for writing: given the column, marked behind
        assert not aggregates.current(old)
        old.add_documents([(doc("late", "2024-08-01", "AFP"),
                            [rec("late", value=1e5, start="2024-01-01", end="2024-12-31")])])
        assert aggregates.current(old)
        remade = _tables(old)
        rebuild(old)
        assert _tables(old) == remade
        assert remade["claims"][0][-1] is not None
        assert len(remade["claim_sources"]) == len(expected["claim_sources"]) + 1


def _figures(count: int) -> list:
    """``count`` different figures PRK -> RUS in 2024, each reported twice."""
    return [(doc(f"f{i}-{n}", "2024-06-01", f"outlet {n}"),
             [rec(f"f{i}-{n}", value=(i + 1) * 1e5, start="2024-01-01", end="2024-12-31")])
            for i in range(count) for n in range(2)]


@pytest.mark.parametrize("stored", [True, False])
def test_aggregates_dependence_lists_a_page_of_claims_per_term(stored):
    with _ingest(_figures(5), range(10), ()) as store:
        if not stored:  # the records path pages the same way
            store.query("UPDATE aggregate_state SET records = 0")
        whole = depend(store, "RUS", "artillery_ammunition", "2024", evidence=1)
        paged = depend(store, "RUS", "artillery_ammunition", "2024", evidence=1, claims=2)
        term, everything = paged.imports[0], whole.imports[0]
        assert len(term.claims) == 2 and term.to_dict()["claim_count"] == 5
        assert term.estimate == everything.estimate and paged.hhi == whole.hhi
        assert [len(c.sources) for c in term.claims] == ([1, 1] if stored else [2, 2])
        seen, cursor = list(term.claims), term.next_cursor
        while cursor:
            page = depend(store, "RUS", "artillery_ammunition", "2024", evidence=1, claims=2,
                          term="PRK", cursor=cursor).imports[0]
            seen += page.claims
            cursor = page.next_cursor
        assert seen == list(everything.claims)
        assert whole.imports[0].to_dict()["claim_count"] == 5  # unpaged: all listed
        with pytest.raises(QueryError, match="not a claim of the term"):
            depend(store, "RUS", "artillery_ammunition", "2024", claims=2, term="PRK",
                   cursor="nope")
        with pytest.raises(QueryError, match="no term 'IRN'"):
            depend(store, "RUS", "artillery_ammunition", "2024", claims=2, term="IRN")


def test_aggregates_whatif_runs_on_all_claims_and_lists_a_page():
    scenario = {"recipient": "RUS", "what": "artillery_ammunition", "period": "2024",
                "changes": [{"action": "stop", "supplier": "PRK"}]}
    with _ingest(_figures(5), range(10), ()) as store:
        whole, paged = whatif(store, scenario), whatif(store, scenario, claims=1)
        assert paged.before == whole.before and paged.inputs == whole.inputs
        term = paged.to_dict()["dependence"]["imports"][0]
        assert len(term["claims"]) == 1 and term["claim_count"] == 5 and term["next_cursor"]
