"""The network over time: actors (countries) as nodes, event relations as directed edges, and
per month the event counts by PLOVER type and quad category with a cooperation-conflict score.

Scores and quads come from ``sinew/data/plover.yaml`` (the PLOVER manual's table; a mode's
score replaces its type's when the record has that mode). Only events that happened count:
hypothetical, future and negated ones are left out, and with ``asserted_only`` all but
asserted ones. An event is placed in the month of its own date when the text dates it to a
span of at most 31 days, else in the month it was published.

Graphs export as GraphML and GEXF (both read by Gephi), written here with the standard library.
"""

from __future__ import annotations

import base64
import binascii
import json
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..errors import ConfigError, QueryError
from ..lexicons import load_lexicon
from ..schema import EVENT_TYPES, NON_FACTUAL, Document, Record
from ..store import EventFilter, Store
from .claims import party
from .periods import parse_day

__all__ = ["Edge", "Month", "Network", "Node", "build_network", "network", "network_page",
           "page_network", "plover_quad", "plover_score", "write_gexf", "write_graphml"]

UNDATED = "undated"


@lru_cache(maxsize=None)
def _plover() -> dict[str, Any]:
    table = load_lexicon("plover.yaml")
    types = table.get("types") or {}
    missing = [t for t in EVENT_TYPES if not isinstance(types.get(t), dict)
               or "score" not in types[t] or types[t].get("quad") not in (1, 2, 3, 4)]
    if missing:
        raise ConfigError(f"plover.yaml: no score or quad (1-4) for {', '.join(missing)} "
                          "(each PLOVER type needs both)")
    return table


def plover_score(event_type: str, mode: str | None = None) -> float:
    """The PLOVER cooperation-conflict score of a type (and mode, when the table has it)."""
    entry = _plover()["types"].get(event_type.upper())
    if entry is None:
        raise QueryError(f"{event_type!r} is not a PLOVER event type")
    modes = entry.get("modes") or {}
    return float(modes.get((mode or "").lower(), entry["score"]))


def plover_quad(event_type: str) -> str:
    """The quad category's name (verbal/material cooperation/conflict)."""
    table = _plover()
    return table["quads"][table["types"][event_type.upper()]["quad"]]


@dataclass(frozen=True)
class Node:
    id: str
    events: int


@dataclass(frozen=True)
class Edge:
    """All counted events from ``source`` to ``target``; ``score`` is their mean."""

    source: str
    target: str
    events: int
    score: float
    types: Mapping[str, int]
    commodities: tuple[str, ...]
    first: str
    last: str
    record_ids: tuple[str, ...]


@dataclass(frozen=True)
class Month:
    """One month's counted events; ``score`` sums PLOVER scores, ``mean_score`` averages."""

    month: str
    events: int
    types: Mapping[str, int]
    quads: Mapping[str, int]
    score: float
    mean_score: float


@dataclass(frozen=True)
class Network:
    """Nodes, edges and months; a page of it (``limit``) has the edges with the most events
    and the nodes they join, and says how many there are in all (``total_*``: the whole
    network; ``matching_*``: its edges with at least ``min_events``), so that nothing is cut
    unsaid."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    months: tuple[Month, ...]
    total_nodes: int = 0
    total_edges: int = 0
    total_events: int = 0
    matching_edges: int = 0
    matching_events: int = 0
    next_cursor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _whole(nodes: tuple[Node, ...], edges: tuple[Edge, ...],
           months: tuple[Month, ...]) -> Network:
    events = sum(e.events for e in edges)
    return Network(nodes, edges, months, len(nodes), len(edges), events, len(edges), events)


def _edge_cursor(edge: Edge) -> str:
    text = json.dumps([edge.events, edge.source, edge.target])
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _after_cursor(cursor: str) -> tuple[int, str, str]:
    """The edge a cursor names, as its place in the page order (most events first)."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        events, source, target = json.loads(base64.urlsafe_b64decode(padded))
        return -int(events), str(source), str(target)
    except (binascii.Error, ValueError, TypeError) as exc:
        raise QueryError(f"cursor {cursor!r} is not one this network gave (pass the "
                         "next_cursor of the page before)") from exc


def page_network(net: Network, *, limit: int | None = None, cursor: str | None = None,
                 min_events: int = 1) -> Network:
    """The edges of ``net`` with at least ``min_events`` events, most events first, ``limit``
    of them after ``cursor``; the nodes they join; the totals of the whole network."""
    if min_events < 1 or (limit is not None and limit < 1):
        raise QueryError(f"limit and min_events must be at least 1, not {limit} and "
                         f"{min_events}")
    matching = sorted((e for e in net.edges if e.events >= min_events),
                      key=lambda e: (-e.events, e.source, e.target))
    after = _after_cursor(cursor) if cursor else None
    edges = [e for e in matching if after is None or (-e.events, e.source, e.target) > after]
    shown = edges if limit is None else edges[:limit]
    ends = {e.source for e in shown} | {e.target for e in shown}
    return replace(net, nodes=tuple(n for n in net.nodes if n.id in ends), edges=tuple(shown),
                   matching_edges=len(matching),
                   matching_events=sum(e.events for e in matching),
                   next_cursor=_edge_cursor(shown[-1]) if len(shown) < len(edges) else None)


def network(store: Store, *, since: str | None = None, until: str | None = None,
            asserted_only: bool = False, record_ids: bool = True) -> Network:
    """The event network in ``store`` (events dated ``since``..``until``, ISO dates).

    The store does the filtering and the month placement in one query over the records'
    columns, so no record is decoded: the same result as :func:`build_network` over
    ``store.events(...)``. With ``record_ids=False`` the edges list no record ids and the
    counts come from the store's aggregates (``network_rollup``), so the answer costs what
    the actors and months reported cost, whatever the number of documents."""
    from . import aggregates  # it imports this package's modules: imported when used

    if not record_ids and aggregates.current(store):
        return _from_counts(store, since, until, asserted_only)
    where, params = EventFilter(kind="event", since=since, until=until).where()
    skipped = ["asserted"] if asserted_only else list(NON_FACTUAL)
    test = "r.modality = ?" if asserted_only else "r.modality NOT IN (?, ?, ?)"
    rows = store.query(_EVENTS_SQL.format(where=where, test=test), [UNDATED, *params, *skipped])
    return _aggregate(_Event(*row) for row in rows)


def _from_counts(store: Store, since: str | None, until: str | None,
                 asserted_only: bool) -> Network:
    """The network from the aggregates (:func:`_counts_sql`), summed in SQL: the rows that
    reach Python are the edges, months and nodes of the answer, not the events."""
    sql, params = _counts_sql(since, until, asserted_only)
    rows: dict[str, list[tuple]] = defaultdict(list)
    for tag, *row in store.query(sql + _PARTS_SQL, params):
        rows[tag].append(tuple(row))
    nodes: Counter[str] = Counter()
    for party, _, _, n, *_ in rows["node"]:
        nodes[party] += int(n)
    return _whole(tuple(Node(p, c) for p, c in sorted(nodes.items())), _edges(rows),
                  _months_from_counts(rows))


def network_page(store: Store, *, since: str | None = None, until: str | None = None,
                 asserted_only: bool = False, limit: int = 200, cursor: str | None = None,
                 min_events: int = 1) -> Network:
    """``page_network(network(store, ..., record_ids=False), ...)``, with the page chosen in
    SQL when the store's aggregates are current: only the page's edges (and their types and
    ends) reach Python, so the answer costs what its page and months cost, not what the
    whole network does."""
    from . import aggregates  # it imports this package's modules: imported when used

    if min_events < 1 or limit < 1 or not aggregates.current(store):
        whole = network(store, since=since, until=until, asserted_only=asserted_only,
                        record_ids=False)
        return page_network(whole, limit=limit, cursor=cursor, min_events=min_events)
    sql, params = _counts_sql(since, until, asserted_only)
    after, after_params = "TRUE", []
    if cursor:
        events, source, target = _after_cursor(cursor)
        after = "(n < ? OR (n = ? AND (actor > ? OR (actor = ? AND recipient > ?))))"
        after_params = [-events, -events, source, source, target]
    page = _PAGE_SQL.format(after=after)
    rows: dict[str, list[tuple]] = defaultdict(list)
    for tag, *row in store.query(sql + page, params + [min_events, *after_params, limit + 1,
                                                       min_events]):
        rows[tag].append(tuple(row))
    edges = sorted(_edges(rows), key=lambda e: (-e.events, e.source, e.target))
    shown = edges[:limit]
    ends = {e.source for e in shown} | {e.target for e in shown}
    nodes = tuple(Node(p, int(n)) for p, _, _, n, *_ in rows["node"] if p in ends)
    (_, _, _, parties, *_), (_, _, _, edge_count, events, *_), \
        (_, _, _, matching, matched, *_) = (rows[t][0] for t in ("parties", "total", "matching"))
    return Network(nodes, tuple(shown), _months_from_counts(rows), int(parties),
                   int(edge_count), int(events or 0), int(matching), int(matched or 0),
                   _edge_cursor(shown[-1]) if len(edges) > limit else None)


def _edges(rows: dict[str, list[tuple]]) -> tuple[Edge, ...]:
    types: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for actor, recipient, type_, n, *_ in rows["edge_type"]:
        types[actor, recipient][type_] = int(n)
    return tuple(Edge(a, r, int(n), score / n, types[a, r], tuple(cats or ()), first, last, ())
                 for a, r, _, n, score, first, last, cats in rows["edge"])


def _counts_sql(since: str | None, until: str | None,
                asserted_only: bool) -> tuple[str, list[Any]]:
    """The counted events between the bounds as the relation ``s`` (actor, recipient, type,
    mode, category, month, events ``n``, score ``sc``, quad): from ``network_rollup`` alone
    for bounds on whole months; else its months strictly inside them, and
    ``network_counts`` for the events whose days decide."""
    modality = "modality = ?" if asserted_only else "modality NOT IN (?, ?, ?)"
    skipped: list[Any] = ["asserted"] if asserted_only else sorted(NON_FACTUAL)
    if _whole_months(since, until):
        months, month_params = _bounds("last_month", "first_month", since, until)
        days, day_params, boundary, boundary_params = "FALSE", [], "FALSE", []
    else:
        months, month_params = _bounds("substr(last_month, 1, 7)", "substr(first_month, 1, 7)",
                                       since, until, months=True)
        days, day_params = _bounds("last_day", "first_day", since, until)
        boundary, boundary_params = _bounds("substr(last_day, 1, 7)",
                                            "substr(first_day, 1, 7)", since, until,
                                            months=True)
    sql = _COUNTS_SQL.format(scores=_scores_values(), modality=modality, months=months,
                             asserted="asserted" if asserted_only else "TRUE", days=days,
                             boundary=boundary)
    return sql, month_params + skipped + day_params + boundary_params


def _whole_months(since: str | None, until: str | None) -> bool:
    """Whether ``since`` (when given) is the first day of a month and ``until`` the last: then
    an event's months decide whether its days are within them."""
    start, end = _iso_day(since), _iso_day(until)
    return (since is None or (start is not None and start.day == 1)) and \
        (until is None or (end is not None and (end + timedelta(days=1)).day == 1))


def _iso_day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text and len(text) == 10 else None
    except ValueError:
        return None


def _bounds(last: str, first: str, since: str | None, until: str | None, *,
            months: bool = False) -> tuple[str, list[Any]]:
    """EventFilter's since/until test (the record's last day on or after ``since``, its first
    day on or before ``until``) over the day columns ``last``/``first``; with ``months``,
    over columns cut to months, where it holds only strictly (a bound's own month needs the
    days)."""
    after, before = (">", "<") if months else (">=", "<=")
    clauses, params = ["TRUE"], []
    if since:
        clauses.append(f"{last} {after} ?")
        params.append(since[:7] if months else since)
    if until:
        clauses.append(f"{first} <> '' AND {first} {before} ?")
        params.append(until[:7] if months else until)
    return " AND ".join(clauses), params


def _months_from_counts(rows: dict[str, list[tuple]]) -> tuple[Month, ...]:
    by_type: dict[str, dict[str, int]] = defaultdict(dict)
    by_quad: dict[str, dict[str, int]] = defaultdict(dict)
    for month, _, type_, n, *_ in rows["month_type"]:
        by_type[month][type_] = int(n)
    for month, _, quad, n, *_ in rows["month_quad"]:  # in quad order, 1..4
        by_quad[month][_plover()["quads"][int(quad)]] = int(n)
    return tuple(Month(m, int(n), by_type[m], by_quad[m], score, score / n)
                 for m, _, _, n, score, *_ in rows["month"])


#: The sums per month, per month and type, and per month and quad class, from ``s``: the
#: time lines of every network answer, whole or paged.
_MONTHS_SQL = """
UNION ALL SELECT 'month', month, NULL, NULL, sum(n), sum(sc), NULL, NULL, NULL
FROM s GROUP BY month
UNION ALL SELECT 'month_type', month, NULL, type, sum(n), NULL, NULL, NULL, NULL
FROM s GROUP BY month, type
UNION ALL SELECT 'month_quad', month, NULL, quad::VARCHAR, sum(n), NULL, NULL, NULL, NULL
FROM s GROUP BY month, quad
"""


#: Every sum the answer needs, in one pass over ``s``: (tag, key, key, key, events, score,
#: first month, last month, commodities), ordered as the answer lists them.
_PARTS_SQL = """
SELECT 'edge', actor, recipient, NULL, sum(n), sum(sc), min(month), max(month),
       list(DISTINCT category ORDER BY category) FILTER (WHERE category <> '')
FROM s WHERE recipient <> '' GROUP BY actor, recipient
UNION ALL SELECT 'edge_type', actor, recipient, type, sum(n), NULL, NULL, NULL, NULL
FROM s WHERE recipient <> '' GROUP BY actor, recipient, type
UNION ALL SELECT 'node', actor, NULL, NULL, sum(n), NULL, NULL, NULL, NULL FROM s GROUP BY actor
UNION ALL SELECT 'node', recipient, NULL, NULL, sum(n), NULL, NULL, NULL, NULL
FROM s WHERE recipient <> '' GROUP BY recipient
""" + _MONTHS_SQL + """
ORDER BY 1, 2, 3, 4
"""


#: A page of the network from ``s``: the edges (``e``) with at least ``min_events`` after the
#: cursor, most events first, one more than the page (``p``); their types, their ends' node
#: counts, the months, and the totals (``total``, ``matching``, ``parties``).
_PAGE_SQL = """,
e AS MATERIALIZED (SELECT actor, recipient, sum(n) AS n, sum(sc) AS sc, min(month) AS first,
       max(month) AS last,
       list(DISTINCT category ORDER BY category) FILTER (WHERE category <> '') AS cats
       FROM s WHERE recipient <> '' GROUP BY actor, recipient),
p AS MATERIALIZED (SELECT * FROM e WHERE n >= ? AND {after}
       ORDER BY n DESC, actor, recipient LIMIT ?),
parties AS MATERIALIZED (SELECT party, sum(n) AS n FROM (
       SELECT actor AS party, n FROM s UNION ALL
       SELECT recipient, n FROM s WHERE recipient <> '') GROUP BY party)
SELECT 'edge', actor, recipient, NULL, n, sc, first, last, cats FROM p
UNION ALL SELECT 'edge_type', s.actor, s.recipient, s.type, sum(s.n), NULL, NULL, NULL, NULL
FROM s SEMI JOIN p ON p.actor = s.actor AND p.recipient = s.recipient
GROUP BY s.actor, s.recipient, s.type
UNION ALL SELECT 'node', party, NULL, NULL, n, NULL, NULL, NULL, NULL FROM parties
WHERE party IN (SELECT actor FROM p UNION SELECT recipient FROM p)
""" + _MONTHS_SQL + """
UNION ALL SELECT 'total', NULL, NULL, NULL, count(*), sum(n), NULL, NULL, NULL FROM e
UNION ALL SELECT 'matching', NULL, NULL, NULL, count(*), sum(n), NULL, NULL, NULL
FROM e WHERE n >= ?
UNION ALL SELECT 'parties', NULL, NULL, NULL, count(*), NULL, NULL, NULL, NULL FROM parties
ORDER BY 1, 2, 3, 4
"""

def _scores_values() -> str:
    """The PLOVER table as SQL rows (type, lower-case mode or '', score, quad)."""
    rows = []
    for type_, entry in sorted(_plover()["types"].items()):
        for mode, score in [("", entry["score"]), *(entry.get("modes") or {}).items()]:
            rows.append(f"({_literal(type_)}, {_literal(str(mode).lower())}, "
                        f"{float(score)!r}::DOUBLE, {int(entry['quad'])})")
    return ", ".join(rows)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


_COUNTS_SQL = """
WITH scores(type, mode, score, quad) AS (VALUES {scores}),
c AS (SELECT actor, recipient, type, mode, category, month, sum(events) AS n FROM (
      SELECT actor, recipient, type, mode, category, month, events FROM network_rollup
      WHERE {asserted} AND {months}
      UNION ALL
      SELECT actor, recipient, type, mode, category, month, events FROM network_counts
      WHERE {modality} AND {days} AND NOT ({boundary})) GROUP BY ALL),
s AS MATERIALIZED (SELECT c.*, c.n * coalesce(m.score, t.score) AS sc, t.quad FROM c
      JOIN scores t ON t.type = c.type AND t.mode = ''
      LEFT JOIN scores m ON m.type = c.type AND m.mode <> '' AND m.mode = lower(c.mode))
"""


# Mirrors _month and claims.party for rows of the records table.
_EVENTS_SQL = """
SELECT r.id, coalesce(r.actor_country, r.actor_code, '?' || r.actor_text, '?'),
       CASE WHEN coalesce(r.recipient_code, r.recipient_text) IS NULL THEN NULL
            ELSE coalesce(r.recipient_country, r.recipient_code, '?' || r.recipient_text) END,
       r.type, r.mode, r.what_category,
       CASE WHEN r.date_status <> 'unresolved' AND r.date_start IS NOT NULL
                 AND date_diff('day', TRY_CAST(r.date_start AS DATE),
                               TRY_CAST(coalesce(r.date_end, r.date_start) AS DATE)) <= 31
            THEN substr(r.date_start, 1, 7)
            ELSE coalesce(substr(d.date, 1, 7), ?) END
FROM records r LEFT JOIN documents d ON d.id = r.doc_id
WHERE {where} AND {test}
ORDER BY coalesce(r.date_start, d.date), r.doc_id, r.evidence_start, r.id
"""


@dataclass(frozen=True)
class _Event:
    """What the network needs of one counted event (or of ``weight`` alike events, then
    with no id)."""

    id: str | None
    actor: str
    recipient: str | None
    type: str
    mode: str | None
    category: str | None
    month: str
    weight: int = 1


def _month(record: Record, doc: Document | None) -> str:
    d = record.date
    if d is not None and d.status != "unresolved" and d.start:
        start, end = parse_day(d.start), parse_day(d.end or d.start, end=True)
        if start and end and (end - start).days <= 31:
            return start.isoformat()[:7]
    published = doc.date if doc else None
    return published[:7] if published else UNDATED


def build_network(records: Iterable[Record], documents: Mapping[str, Document], *,
                  asserted_only: bool = False) -> Network:
    """:func:`network` over records already read."""
    return _aggregate(
        _Event(r.id, party(r.actor), party(r.recipient) if r.recipient is not None else None,
               r.type, r.mode, r.what.category if r.what else None,
               _month(r, documents.get(r.doc_id)))
        for r in records
        if r.kind == "event" and r.modality not in NON_FACTUAL
        and not (asserted_only and r.modality != "asserted"))


def _aggregate(events: Iterable[_Event]) -> Network:
    nodes: Counter[str] = Counter()
    edges: dict[tuple[str, str], list[_Event]] = defaultdict(list)
    months: dict[str, list[_Event]] = defaultdict(list)
    for event in events:
        months[event.month].append(event)
        nodes[event.actor] += event.weight
        if event.recipient is not None:
            nodes[event.recipient] += event.weight
            edges[event.actor, event.recipient].append(event)
    return _whole(tuple(Node(n, c) for n, c in sorted(nodes.items())),
                  tuple(_edge(k, v) for k, v in sorted(edges.items())),
                  tuple(_month_row(m, es) for m, es in sorted(months.items())))


def _scores(events: list[_Event]) -> tuple[int, float]:
    """How many events and the sum of their PLOVER scores."""
    return (sum(e.weight for e in events),
            sum(plover_score(e.type, e.mode) * e.weight for e in events))


def _types(events: list[_Event]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for e in events:
        counts[e.type] += e.weight
    return dict(sorted(counts.items()))


def _edge(key: tuple[str, str], events: list[_Event]) -> Edge:
    count, score = _scores(events)
    stamps = sorted(e.month for e in events)
    return Edge(key[0], key[1], count, score / count, _types(events),
                tuple(sorted({e.category for e in events if e.category})),
                stamps[0], stamps[-1], tuple(e.id for e in events if e.id is not None))


def _month_row(month: str, events: list[_Event]) -> Month:
    count, score = _scores(events)
    quads: Counter[str] = Counter()
    for e in events:
        quads[plover_quad(e.type)] += e.weight
    in_order = {q: quads[q] for q in _plover()["quads"].values() if q in quads}  # quad 1..4
    return Month(month, count, _types(events), in_order, score, score / count)


def _types_text(types: Mapping[str, int]) -> str:
    return " ".join(f"{t}:{n}" for t, n in types.items())


def _edge_attrs(edge: Edge) -> dict[str, Any]:
    return {"events": edge.events, "score": edge.score, "types": _types_text(edge.types),
            "commodities": " ".join(edge.commodities), "first": edge.first,
            "last": edge.last}


_ATTR_TYPES = {"events": "int", "score": "double", "types": "string",
               "commodities": "string", "first": "string", "last": "string"}


def _write(tree: ET.Element, path: str | Path) -> Path:
    ET.indent(tree)
    path = Path(path)
    try:
        ET.ElementTree(tree).write(path, encoding="utf-8", xml_declaration=True)
    except OSError as exc:
        raise QueryError(f"cannot write {path}: {exc.strerror} (choose a writable path)") \
            from exc
    return path


def write_graphml(net: Network, path: str | Path) -> Path:
    """Write the network as GraphML (directed; node and edge attributes as keys)."""
    root = ET.Element("graphml", xmlns="http://graphml.graphdrawing.org/xmlns")
    ET.SubElement(root, "key", {"id": "n_events", "for": "node", "attr.name": "events",
                                "attr.type": "int"})
    for name, kind in _ATTR_TYPES.items():
        ET.SubElement(root, "key", {"id": f"e_{name}", "for": "edge", "attr.name": name,
                                    "attr.type": kind})
    graph = ET.SubElement(root, "graph", id="sinew", edgedefault="directed")
    for node in net.nodes:
        element = ET.SubElement(graph, "node", id=node.id)
        ET.SubElement(element, "data", key="n_events").text = str(node.events)
    for i, edge in enumerate(net.edges):
        element = ET.SubElement(graph, "edge", id=f"e{i}", source=edge.source,
                                target=edge.target)
        for name, value in _edge_attrs(edge).items():
            ET.SubElement(element, "data", key=f"e_{name}").text = str(value)
    return _write(root, path)


def write_gexf(net: Network, path: str | Path) -> Path:
    """Write the network as GEXF 1.3 (directed; edge weight = number of events)."""
    root = ET.Element("gexf", xmlns="http://gexf.net/1.3", version="1.3")
    graph = ET.SubElement(root, "graph", defaultedgetype="directed", mode="static")
    node_attrs = ET.SubElement(graph, "attributes", {"class": "node"})
    ET.SubElement(node_attrs, "attribute", id="events", title="events", type="integer")
    edge_attrs = ET.SubElement(graph, "attributes", {"class": "edge"})
    for name, kind in _ATTR_TYPES.items():
        ET.SubElement(edge_attrs, "attribute", id=name, title=name,
                      type={"int": "integer"}.get(kind, kind))
    nodes = ET.SubElement(graph, "nodes")
    for node in net.nodes:
        element = ET.SubElement(nodes, "node", id=node.id, label=node.id)
        values = ET.SubElement(element, "attvalues")
        ET.SubElement(values, "attvalue", {"for": "events", "value": str(node.events)})
    edges = ET.SubElement(graph, "edges")
    for i, edge in enumerate(net.edges):
        element = ET.SubElement(edges, "edge", id=f"e{i}", source=edge.source,
                                target=edge.target, weight=str(edge.events))
        values = ET.SubElement(element, "attvalues")
        for name, value in _edge_attrs(edge).items():
            ET.SubElement(values, "attvalue", {"for": name, "value": str(value)})
    return _write(root, path)
