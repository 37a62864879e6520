"""The event network: monthly counts by PLOVER type and quad, PLOVER scores, GraphML/GEXF."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings, strategies as st

from sinew.analysis import network, plover_quad, plover_score, write_gexf, write_graphml
from sinew.analysis.network import page_network
from sinew.errors import QueryError
from sinew.schema import EVENT_TYPES
from builders import doc, make_store, rec

MARCH = dict(start="2024-03-05", end="2024-03-05", granularity="day")


@pytest.fixture()
def store():
    return make_store(
        (doc("a", "2024-03-10"), [
            rec("a", **MARCH),                                                  # AID +10
            rec("a", type_="ASSAULT", supplier="RUS", recipient="UKR", **MARCH),  # -9
            rec("a", type_="ACCUSE", mode="allege", supplier="USA", **MARCH),     # -3.5
            rec("a", type_="THREATEN", modality="hypothetical", **MARCH)]),       # left out
        (doc("b", "2024-04-02"), [
            rec("b", supplier="PRK", recipient="RUS"),                          # AID +10
            rec("b", type_="CONSULT", mode="visit", recipient="RUS", start="2024-01-01",
                end="2024-12-31", granularity="year")]))                        # +4, April


@pytest.mark.parametrize("event_type, mode, score", [
    ("AID", None, 10), ("COOPERATE", None, 9.5), ("AGREE", None, 2.5), ("ASSAULT", None, -9),
    ("CONSULT", "visit", 4), ("CONSULT", "Phone", 1.5), ("RETREAT", "disarm", 10),
    ("COERCE", "martial-law", -7.5), ("MOBILIZE", "troops", -6.5), ("AID", "military", 10),
    ("REQUEST", None, 0), ("SANCTION", None, -6), ("PROTEST", "riot", -7)])
def test_network_plover_scores_follow_the_manual(event_type, mode, score):
    assert plover_score(event_type, mode) == score


def test_network_every_plover_type_has_a_score_and_quad():
    quads = {t: plover_quad(t) for t in EVENT_TYPES}
    assert quads["AID"] == "material cooperation" and quads["AGREE"] == "verbal cooperation"
    assert quads["ACCUSE"] == "verbal conflict" and quads["ASSAULT"] == "material conflict"
    assert all(-10 <= plover_score(t) <= 10 for t in EVENT_TYPES)


def test_network_monthly_counts_and_scores(store):
    months = {m.month: m for m in network(store).months}
    march, april = months["2024-03"], months["2024-04"]
    assert march.events == 3
    assert march.types == {"ACCUSE": 1, "AID": 1, "ASSAULT": 1}
    assert march.quads == {"material conflict": 1, "material cooperation": 1,
                           "verbal conflict": 1}
    assert march.score == pytest.approx(10 - 9 - 3.5)
    assert march.mean_score == pytest.approx((10 - 9 - 3.5) / 3)
    assert april.score == 14 and april.types == {"AID": 1, "CONSULT": 1}


def test_network_nodes_and_edges(store):
    net = network(store)
    edges = {(e.source, e.target): e for e in net.edges}
    prk_rus = edges["PRK", "RUS"]
    assert prk_rus.events == 3 and prk_rus.types == {"AID": 2, "CONSULT": 1}
    assert prk_rus.score == pytest.approx(24 / 3)
    assert (prk_rus.first, prk_rus.last) == ("2024-03", "2024-04")
    assert prk_rus.commodities == ("artillery_ammunition",)
    assert ("USA", "RUS") in edges and ("RUS", "UKR") in edges
    assert {n.id: n.events for n in net.nodes}["RUS"] == 5


def test_network_asserted_only_and_since(store):
    assert sum(m.events for m in network(store, asserted_only=True).months) == 0
    assert [m.month for m in network(store, since="2024-04-01").months] == ["2024-04"]


def test_network_graphml_and_gexf_are_readable_graphs(store, tmp_path):
    net = network(store)
    graphml = ET.parse(write_graphml(net, tmp_path / "g.graphml")).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(graphml.findall(".//g:node", ns)) == len(net.nodes)
    edge = graphml.find(".//g:edge[@source='PRK'][@target='RUS']", ns)
    assert edge.find("g:data[@key='e_events']", ns).text == "3"
    gexf = ET.parse(write_gexf(net, tmp_path / "g.gexf")).getroot()
    ns = {"x": "http://gexf.net/1.3"}
    assert len(gexf.findall(".//x:edge", ns)) == len(net.edges)
    assert gexf.find(".//x:edge[@source='PRK']", ns).get("weight") == "3"


def test_network_store_query_equals_the_record_path(tmp_path):
    """network() aggregates in the store; build_network() over decoded records is the
    reference: on the demo corpus both give the same graph, for every filter."""
    from importlib import resources

    import sinew
    from sinew.analysis.flows import load_documents
    from sinew.analysis.network import build_network, network
    from sinew.store import EventFilter, Store

    with Store(tmp_path / "demo.duckdb") as store:
        sinew.ingest([str(resources.files("sinew") / "data" / "demo")], store)
        for since, until, asserted in ((None, None, False), ("2024-01-01", "2024-12-31", False),
                                       (None, None, True)):
            records = store.events(EventFilter(kind="event", since=since, until=until))
            expected = build_network(records, load_documents(store, records),
                                     asserted_only=asserted)
            got = network(store, since=since, until=until, asserted_only=asserted)
            assert got == expected
            assert got.edges and got.months


def _net(weights: list[tuple[str, str, int]]):
    from sinew.analysis.network import Edge, Network, Node, _whole

    edges = tuple(Edge(s, t, n, 0.0, {"AID": n}, (), "2024-01", "2024-01", ())
                  for s, t, n in weights)
    nodes = tuple(Node(p, 1) for p in sorted({s for s, _, _ in weights} |
                                              {t for _, t, _ in weights} | {"LONE"}))
    return _whole(nodes, edges, ())


@settings(max_examples=60, deadline=None)
@given(weights=st.dictionaries(st.tuples(st.sampled_from("ABCDEF"), st.sampled_from("ABCDEF")),
                               st.integers(1, 6), max_size=20),
       limit=st.integers(1, 7), min_events=st.integers(1, 4))
def test_network_pages_give_every_edge_once_most_events_first(weights, limit, min_events):
    net = _net([(s, t, n) for (s, t), n in weights.items()])
    pages, cursor = [], None
    while True:
        part = page_network(net, limit=limit, cursor=cursor, min_events=min_events)
        assert len(part.edges) <= limit
        assert {n.id for n in part.nodes} == {e.source for e in part.edges} | \
            {e.target for e in part.edges}
        assert (part.total_edges, part.total_events) == (len(weights), sum(weights.values()))
        pages.append(part.edges)
        cursor = part.next_cursor
        if cursor is None:
            break
    shown = [(e.source, e.target, e.events) for edges in pages for e in edges]
    expected = sorted(((s, t, n) for (s, t), n in weights.items() if n >= min_events),
                      key=lambda e: (-e[2], e[0], e[1]))
    assert shown == expected
    assert part.matching_edges == len(expected)
    assert part.matching_events == sum(n for _, _, n in expected)
    assert all(pages[:-1]) and (len(pages) == 1 or len(pages[-1]) > 0)


@pytest.mark.parametrize("cursor", ["not base64!", "bm90IGpzb24", "WzEsMl0"])
def test_network_foreign_cursor_is_a_query_error(cursor):
    with pytest.raises(QueryError, match="cursor"):
        page_network(_net([("A", "B", 1)]), limit=1, cursor=cursor)


def test_network_unpaged_is_whole_and_says_its_totals(store):
    net = network(store)
    whole = page_network(net)
    assert sorted(whole.edges, key=str) == sorted(net.edges, key=str) and whole.nodes == net.nodes
    assert [e.events for e in whole.edges] == sorted((e.events for e in net.edges), reverse=True)
    assert net.total_edges == net.matching_edges == len(net.edges) == 3
    assert net.total_events == sum(e.events for e in net.edges) and net.next_cursor is None
