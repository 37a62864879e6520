"""Aggregates kept in the store so that analyses cost what the question costs, not the corpus.

These tables are updated in the same transaction as the records they come from:

* ``claim_sources``: one row per record that is part of a supply series (an AID event, or a
  production or consumption measure with a commodity): the claim it belongs to and its source.
  The row is made by :func:`~sinew.analysis.claims.make_claims` over that one record, so a claim
  id here is the id the analyses give, by the same rules and not a copy of them.
* ``claims``: one row per claim, aggregated in SQL from its sources (the first report's span
  and status, a rate's or mention's whole span, the number of sources and their independence
  keys) with ``superseded_by`` set per series by the claims module's own rule.
* ``network_counts``: events per (actor, recipient, type, mode, commodity, month, modality,
  first day, last day), the network's query (``network._EVENTS_SQL``) grouped; and
  ``network_rollup``, the counted events (hypothetical, future and negated ones left out)
  per (actor, recipient, type, mode, commodity, month), whether asserted, and the months
  their dates begin and end in: every dimension but those months is a fixed vocabulary
  (PLOVER's types and modes, the commodity lexicon), and an event whose date lies in its
  own month adds no month pair of its own, so the rollup grows with the actors and months
  reported, not with the documents. A network between bounds that begin and end on whole
  months reads the rollup alone. Writes append to both tables and readers sum a key's rows
  (see :func:`_add_network`).
* ``relation_edges``: the desk's actor graph (:meth:`~sinew.store.Store.relations`) per
  (actor, recipient, type), with its counts, commodities, modes, largest figure and dates;
  its documents add up because a document's records all arrive in one write, and
  ``party_names``: each party's name. The graph with no filter but a type or a party reads
  them.

Adding documents updates only the claims and series their records touch and adds their
network counts; :func:`rebuild` recomputes all three from the records and gives the same tables
(tested over random orders and batches). ``aggregate_state`` holds how many records the tables
cover; when that differs from the records table (a store written before these tables existed)
the analyses read the records instead, and the next write or ``sinew rebuild`` catches up.
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from typing import Any, Iterable, Mapping

import pyarrow as pa

from ..errors import QueryError, StoreError
from ..schema import NON_FACTUAL, Document, Record
from .claims import Claim, Source, _supersede, make_claims, party

__all__ = ["PARTITION_TABLES", "SERIES_FAMILIES", "StoredClaim", "claim_sources",
           "create_tables", "current", "merge_partitions", "month_start", "partition_tables",
           "rebuild", "series_claims", "sources_of", "update"]

#: Families of series: flows (AID events) and a country's own production and consumption.
SERIES_FAMILIES = ("AID", "production", "consumption")
_SOURCE_COLUMNS = tuple(f"source_{f.name}" for f in dataclasses.fields(Source))
_CLAIM_FIELDS = ("kind", "unit", "per", "value", "low", "high", "status", "counted", "note",
                 "start", "end")
_TYPES = {"value": "DOUBLE", "low": "DOUBLE", "high": "DOUBLE", "counted": "BOOLEAN"}
_KEY = "{'e': rank_end, 'p': coalesce(source_published, ''), 'r': source_record_id}"
#: ``claims.first_key``: the least ``_KEY`` of a claim's sources, the one whose status and
#: span the claim takes, kept so that new sources merge into the claim without its old ones
_KEY_TYPE = "STRUCT(e VARCHAR, p VARCHAR, r VARCHAR)"


def _columns(names: Iterable[str]) -> str:
    return ", ".join(f'"{n}" {_TYPES.get(n, "VARCHAR")}' for n in names)


_TABLES = f"""
CREATE TABLE IF NOT EXISTS claim_sources (
    claim_id VARCHAR, family VARCHAR, s0 VARCHAR, s1 VARCHAR, s2 VARCHAR,
    {_columns(_CLAIM_FIELDS)}, rank_end VARCHAR, {_columns(_SOURCE_COLUMNS)},
    PRIMARY KEY (source_record_id));
CREATE INDEX IF NOT EXISTS claim_sources_claim ON claim_sources (claim_id);
CREATE TABLE IF NOT EXISTS claims (
    id VARCHAR PRIMARY KEY, family VARCHAR, s0 VARCHAR, s1 VARCHAR, s2 VARCHAR,
    {_columns(_CLAIM_FIELDS)}, sources INTEGER, independence VARCHAR[], units VARCHAR[],
    superseded_by VARCHAR, first_key {_KEY_TYPE});
CREATE TABLE IF NOT EXISTS network_counts (
    actor VARCHAR, recipient VARCHAR, type VARCHAR, mode VARCHAR, category VARCHAR,
    month VARCHAR, modality VARCHAR, first_day VARCHAR, last_day VARCHAR, events BIGINT);
CREATE TABLE IF NOT EXISTS network_rollup (
    actor VARCHAR, recipient VARCHAR, type VARCHAR, mode VARCHAR, category VARCHAR,
    month VARCHAR, asserted BOOLEAN, first_month VARCHAR, last_month VARCHAR, events BIGINT);
CREATE TABLE IF NOT EXISTS relation_edges (
    source VARCHAR, target VARCHAR, type VARCHAR, records BIGINT, documents BIGINT,
    factual BIGINT, modes VARCHAR[], commodities VARCHAR[], largest DOUBLE, first VARCHAR,
    last VARCHAR, PRIMARY KEY (source, target, type));
CREATE TABLE IF NOT EXISTS party_names (
    party VARCHAR PRIMARY KEY, own VARCHAR, first_name VARCHAR);
CREATE TABLE IF NOT EXISTS aggregate_state (records BIGINT);
ALTER TABLE aggregate_state ADD COLUMN IF NOT EXISTS network_rows BIGINT;
"""


@dataclasses.dataclass(frozen=True)
class StoredClaim(Claim):
    """A claim read from the store: ``sources`` holds a page of its sources (all of them when
    no page size was asked for), ``source_count`` how many there are, ``keys`` their
    independence keys and ``units`` the units they wrote, so estimates need no source rows."""

    source_count: int = 0
    keys: tuple[str, ...] = ()
    units: tuple[str, ...] = ()

    @property
    def independent(self) -> tuple[str, ...]:
        return self.keys


#: The aggregate tables added last: a store that lacks one was written before them.
_NEWEST = ("network_rollup", "relation_edges", "party_names")


def create_tables(con: Any) -> None:
    """Create the tables a store lacks; a store written before the newest ones gets them,
    empty, and its aggregates are marked behind its records (the next write or ``sinew
    rebuild`` fills them; the analyses read the records meanwhile)."""
    had = con.execute("SELECT count(*) FROM duckdb_tables() WHERE list_contains(?, table_name) "
                      "AND database_name = current_database()", [list(_NEWEST)]).fetchone()[0]
    keyed = con.execute("SELECT count(*) FROM duckdb_columns() WHERE table_name = 'claims' "
                        "AND column_name = 'first_key' AND database_name = current_database()"
                        ).fetchone()[0]
    keys = con.execute("SELECT list(table_name) FROM duckdb_constraints() WHERE "
                       "constraint_type = 'PRIMARY KEY' AND list_contains(?, table_name) AND "
                       "database_name = current_database()", [list(_NETWORK_TABLES)]
                       ).fetchone()[0] or []
    con.execute(_TABLES)
    for table in keys:  # written when writes updated its rows in place: copied, keyless
        con.execute(f"CREATE TABLE _keyless AS SELECT * FROM {table}; DROP TABLE {table}; "
                    f"ALTER TABLE _keyless RENAME TO {table}")
    if had < len(_NEWEST):
        con.execute("DROP TABLE IF EXISTS network_months; DELETE FROM aggregate_state")
    elif not keyed:  # claims written before their first key was kept: remade at next write
        con.execute(f"ALTER TABLE claims ADD COLUMN IF NOT EXISTS first_key {_KEY_TYPE}; "
                    "DELETE FROM aggregate_state")


def current(store: Any) -> bool:
    """Whether the aggregate tables cover every record of the store."""
    try:
        rows = store.query("SELECT (SELECT max(records) FROM aggregate_state), "
                           "(SELECT count(*) FROM records)"
                           + "".join(f", (SELECT count(*) FROM (FROM {t} LIMIT 1))"
                                     for t in _NEWEST))
    except StoreError:
        return False  # a read-only store written before the tables (or one of them) existed
    return rows[0][0] == rows[0][1]


def _measure_key(record: Record) -> tuple[str, str, str] | None:
    """(indicator, country, commodity) of a production or consumption measure: the series key
    :mod:`~sinew.analysis.dependence` gives it."""
    if record.kind == "measure" and record.type in SERIES_FAMILIES[1:] and record.what:
        return record.type, party(record.actor), record.what.category
    return None


def _source_rows(records: Iterable[Record], documents: Mapping[str, Document]
                 ) -> list[dict[str, Any]]:
    from .flows import flow_key  # flows reads these tables: imported late, not circularly

    rows = []
    for record in records:
        key_of = flow_key if record.kind == "event" else _measure_key
        for series, claims in make_claims([record], documents, key_of).items():
            claim = claims[0]
            row = {"claim_id": claim.id, "family": record.type,
                   **dict(zip(("s0", "s1", "s2"), map(str, series[:3]))),
                   **{f: getattr(claim, f) for f in _CLAIM_FIELDS},
                   "rank_end": claim.end or "9999-12-31"}
            row.update(zip(_SOURCE_COLUMNS, dataclasses.astuple(claim.sources[0])))
            rows.append(row)
    return rows


_CLAIMS_SQL = f"""
SELECT claim_id, any_value(family), any_value(s0), any_value(s1), any_value(s2),
       any_value(kind), any_value(unit), any_value(per), any_value(value), any_value(low),
       any_value(high), arg_min_null(status, {_KEY}), any_value(counted), any_value(note),
       CASE WHEN any_value(kind) IN ('rate', 'mention') THEN min(start)
            ELSE arg_min_null(start, {_KEY}) END,
       CASE WHEN any_value(kind) IN ('rate', 'mention') THEN max("end")
            ELSE arg_min_null("end", {_KEY}) END,
       count(*), list_sort(list(DISTINCT source_independence)),
       list_sort(list(DISTINCT source_unit) FILTER (WHERE source_unit IS NOT NULL)), NULL,
       min({_KEY})
FROM {{source}} GROUP BY claim_id
"""
#: How a claim takes in the sources of a later write (``excluded``: the claim made from them
#: alone), giving what ``_CLAIMS_SQL`` gives over all its sources: counts add, lists join,
#: spans of rates and mentions widen, and the source with the least key decides the rest.
_FIRST = "excluded.first_key < first_key"
_MERGE_CLAIM = f"""
sources = sources + excluded.sources,
independence = list_sort(list_distinct(list_concat(independence, excluded.independence))),
units = CASE WHEN units IS NULL THEN excluded.units WHEN excluded.units IS NULL THEN units
             ELSE list_sort(list_distinct(list_concat(units, excluded.units))) END,
status = CASE WHEN {_FIRST} THEN excluded.status ELSE status END,
start = CASE WHEN kind IN ('rate', 'mention') THEN least(start, excluded.start)
             WHEN {_FIRST} THEN excluded.start ELSE start END,
"end" = CASE WHEN kind IN ('rate', 'mention') THEN greatest("end", excluded."end")
             WHEN {_FIRST} THEN excluded."end" ELSE "end" END,
first_key = least(first_key, excluded.first_key)
"""
_NETWORK_SQL = """
SELECT coalesce(r.actor_country, r.actor_code, '?' || r.actor_text, '?'),
       coalesce(CASE WHEN coalesce(r.recipient_code, r.recipient_text) IS NOT NULL
                THEN coalesce(r.recipient_country, r.recipient_code, '?' || r.recipient_text)
                END, ''),
       r.type, coalesce(r.mode, ''), coalesce(r.what_category, ''),
       CASE WHEN r.date_status <> 'unresolved' AND r.date_start IS NOT NULL
                 AND date_diff('day', TRY_CAST(r.date_start AS DATE),
                               TRY_CAST(coalesce(r.date_end, r.date_start) AS DATE)) <= 31
            THEN substr(r.date_start, 1, 7)
            ELSE coalesce(substr(d.date, 1, 7), 'undated') END,
       r.modality, coalesce(r.date_start, r.date_end, d.date, ''),
       coalesce(r.date_end, r.date_start, d.date, ''), count(*)
FROM {source}
WHERE r.kind = 'event' GROUP BY ALL
"""
_STORED = "records r LEFT JOIN documents d ON d.id = r.doc_id"


def update(store: Any, records: list[Record]) -> None:
    """Bring the aggregates up to date after ``records`` (just inserted, none seen before)
    were added; a store whose aggregates were behind before them is rebuilt instead."""
    state = store.query("SELECT (SELECT max(records) FROM aggregate_state), "
                        "(SELECT count(*) FROM records)")[0]
    if state[0] is None or state[0] + len(records) != state[1]:
        _rebuild(store)
        return
    if not records:
        return
    docs = {d.id: d for d in store.documents({r.doc_id for r in records}, with_text=False)}
    rows = _source_rows(records, docs)
    store._insert("claim_sources", rows)
    _refresh_claims(store, rows)
    _supersede_series(store, sorted({(row["s0"], row["s1"], row["s2"], row["unit"] or "")
                                     for row in rows}))
    source = _new_rows(store, records, docs)
    _add_network(store, source)
    _add_relations(store, source)
    store.query("UPDATE aggregate_state SET records = records + ?", [len(records)])
    _compact(store)


def _new_rows(store: Any, records: list[Record], docs: Mapping[str, Document]) -> str:
    """The new records and their documents' dates as relations the network query reads
    (so that it does not scan the store)."""
    from ..store import flatten

    store.con.register("_new_records", pa.Table.from_pylist([flatten(r) for r in records]))
    store.con.register("_new_documents", pa.Table.from_pylist(
        [{"id": d.id, "date": d.date} for d in docs.values()] or [{"id": "", "date": None}]))
    return "_new_records r LEFT JOIN _new_documents d ON d.id = r.doc_id"


_NETWORK_TABLES = ("network_counts", "network_rollup")


def month_start(day: str) -> str:
    """SQL for the first day of the month of the ISO day ``day`` (any other text as it is):
    compared with a bound that is a month's first (or last) day, it gives what the day
    gives."""
    return (f"CASE WHEN length({day}) = 10 AND TRY_CAST({day} AS DATE) IS NOT NULL "
            f"THEN substr({day}, 1, 7) || '-01' ELSE {day} END")


def _add_network(store: Any, source: str = _STORED) -> None:
    """Add the counts of the records in ``source`` (records joined to their documents): by
    day bounds, and the counted ones rolled up to months (the network reads the rollup, and
    the days only for bounds inside a month).

    The counts are appended, one row per key and write, and their readers sum the rows of a
    key: updating rows in place (an upsert) cost about 0.1 ms for each key already stored,
    and each checkpoint then rewrote every row group the updates had touched, so a write's
    cost grew with the store. The rows of a key are summed into one (:func:`_compact`)
    when the tables have grown by a quarter since they last were."""
    counts = _NETWORK_SQL.format(source=source)
    store.query(f"INSERT INTO network_counts {counts}")
    store.query("INSERT INTO network_rollup SELECT actor, recipient, type, mode, category, "
                f"month, modality = 'asserted', {month_start('first_day')}, "
                f"{month_start('last_day')}, sum(events) "
                f"FROM ({counts}) AS c(actor, recipient, type, mode, category, month, modality, "
                f"first_day, last_day, events) WHERE NOT list_contains(?, modality) GROUP BY ALL",
                [sorted(NON_FACTUAL)])


#: How much the network tables may grow (new keys and repeated ones) before their rows are
#: summed per key again: each row is then rewritten a bounded number of times on average.
COMPACT_GROWTH = 1.25


def _network_rows(store: Any) -> int:
    return store.query("SELECT (SELECT count(*) FROM network_counts) + "
                       "(SELECT count(*) FROM network_rollup)")[0][0]


def _compact(store: Any, *, force: bool = False) -> None:
    """Sum the rows of each key of the network tables into one, when they have grown by
    :data:`COMPACT_GROWTH` since the last time (or ``force``), and note their size."""
    rows = _network_rows(store)
    last = store.query("SELECT max(network_rows) FROM aggregate_state")[0][0]
    if force or last is None or rows > COMPACT_GROWTH * last:
        for table in _NETWORK_TABLES:
            store.query(f"CREATE TEMP TABLE _summed AS SELECT * EXCLUDE (events), "
                        f"sum(events) AS events FROM {table} GROUP BY ALL")
            store.query(f"DELETE FROM {table}")
            store.query(f"INSERT INTO {table} SELECT * FROM _summed")
            store.query("DROP TABLE _summed")
        store.query("UPDATE aggregate_state SET network_rows = ?", [_network_rows(store)])


_RELATION_TABLES = ("relation_edges", "party_names")
def _union(a: str, b: str) -> str:
    """SQL merging two sorted lists of names, either of which may be NULL (none)."""
    return (f"CASE WHEN {a} IS NULL THEN {b} WHEN {b} IS NULL THEN {a} "
            f"ELSE list_sort(list_distinct(list_concat({a}, {b}))) END")


#: How a row of each relation table takes in another for the same key (a later write's,
#: or another partition's).
_MERGES = {
    "relation_edges": "records = records + excluded.records, "
                      "documents = documents + excluded.documents, "
                      "factual = factual + excluded.factual, "
                      f"modes = {_union('modes', 'excluded.modes')}, "
                      f"commodities = {_union('commodities', 'excluded.commodities')}, "
                      "largest = greatest(largest, excluded.largest), "
                      "first = least(first, excluded.first), last = greatest(last, excluded.last)",
    "party_names": "own = greatest(own, excluded.own), "
                   "first_name = least(first_name, excluded.first_name)",
}


def _names(column: str) -> str:
    """SQL for the sorted names of all of a group's lists, NULL when all are."""
    return (f"CASE WHEN count({column}) = 0 THEN NULL ELSE list_sort(list_distinct(flatten("
            f"list({column}) FILTER (WHERE {column} IS NOT NULL)))) END")


#: The relation tables of several partitions summed, as ``_MERGES`` adds one row to another.
_PARTITION_SUMS = {
    "relation_edges": "source, target, type, sum(records), sum(documents), sum(factual), "
                      f"{_names('modes')}, {_names('commodities')}, max(largest), min(first), "
                      "max(last)",
    "party_names": "party, max(own), min(first_name)",
}


def _add_relations(store: Any, source: str = _STORED) -> None:
    """Add the relation edges and party names of the records in ``source`` (records joined
    to their documents): the sums :meth:`~sinew.store.Store.relations` makes, grouped."""
    from ..store import NAMES_SQL, RELATIONS_SQL

    edges = RELATIONS_SQL.format(source=source, where="TRUE", ends="TRUE")
    store.query(f"INSERT INTO relation_edges {edges} "
                f"ON CONFLICT DO UPDATE SET {_MERGES['relation_edges']}")
    names = NAMES_SQL.format(source=source)
    store.query(f"INSERT INTO party_names {names} "
                f"ON CONFLICT DO UPDATE SET {_MERGES['party_names']}")


#: The tables a Dask partition writes; ``claims`` is made from them when they are merged.
PARTITION_TABLES = ("claim_sources", *_NETWORK_TABLES, *_RELATION_TABLES)


def partition_tables(batch: list[tuple[Document, list[Record]]]) -> dict[str, Any]:
    """The aggregate tables of one partition's documents (Arrow tables), made by the same
    update as an ingest into a store."""
    from ..store import Store

    with Store(":memory:") as store:
        store.add_documents(batch)
        return {table: store.con.sql(f"SELECT * FROM {table}").to_arrow_table()
                for table in PARTITION_TABLES}


def merge_partitions(store: Any, files: Mapping[str, str]) -> None:
    """Fill the (empty) aggregate tables of ``store`` from partitions' files (a Parquet glob
    per table): sources appended, counts summed, claims and supersession computed over all."""
    store.query("INSERT INTO claim_sources SELECT * FROM "
                f"read_parquet('{files['claim_sources']}', hive_partitioning = false)")
    for table in _NETWORK_TABLES:
        store.query(f"INSERT INTO {table} SELECT * EXCLUDE (events), sum(events) "
                    f"FROM read_parquet('{files[table]}', hive_partitioning = false) GROUP BY ALL")
    for table, sums in _PARTITION_SUMS.items():
        store.query(f"INSERT INTO {table} SELECT {sums} FROM "
                    f"read_parquet('{files[table]}', hive_partitioning = false) GROUP BY ALL")
    _refresh_claims(store, None)
    _supersede_series(store, sorted(store.query(
        "SELECT DISTINCT s0, s1, s2, coalesce(unit, '') FROM claims")))
    store.query("INSERT INTO aggregate_state SELECT count(*), ? FROM records",
                [_network_rows(store)])


def rebuild(store: Any) -> dict[str, int]:
    """Recompute every aggregate from the records, in one transaction, and lay the records
    out in page order (:meth:`~sinew.store.Store.reorder_records`); returns how many rows
    each table has."""
    store.query("BEGIN TRANSACTION")
    try:
        store.fill_sort_keys()
        store.reorder_records()
        counts = _rebuild(store)
        store.query("COMMIT")
    except Exception:
        store.con.rollback()
        raise
    return counts


def _rebuild(store: Any) -> dict[str, int]:
    for table in ("claim_sources", "claims", *_NETWORK_TABLES, *_RELATION_TABLES,
                  "aggregate_state"):
        store.query(f"DELETE FROM {table}")
    for batch in _batches(store, 20_000):
        store._insert("claim_sources", _source_rows(*batch))
    _refresh_claims(store, None)
    series = store.query("SELECT DISTINCT s0, s1, s2, coalesce(unit, '') FROM claims")
    _supersede_series(store, sorted(series))
    _add_network(store)
    _add_relations(store)
    store.query("INSERT INTO aggregate_state SELECT count(*), ? FROM records",
                [_network_rows(store)])
    return {table: store.query(f"SELECT count(*) FROM {table}")[0][0]
            for table in ("claim_sources", "claims", *_NETWORK_TABLES, *_RELATION_TABLES)}


def _batches(store: Any, size: int):
    """The supply records in batches of ``size``, with their documents' metadata."""
    families = list(SERIES_FAMILIES)
    total = store.query("SELECT count(*) FROM records WHERE list_contains(?, type)",
                        [families])[0][0]
    for offset in range(0, total, size):
        records = [Record.from_dict(json.loads(row[0])) for row in store.query(
            "SELECT record FROM records WHERE list_contains(?, type) ORDER BY id "
            "LIMIT ? OFFSET ?", [families, size, offset])]
        docs = {d.id: d for d in store.documents({r.doc_id for r in records}, with_text=False)}
        yield records, docs


def _refresh_claims(store: Any, rows: list[dict[str, Any]] | None) -> None:
    """Make ``claims`` from all of ``claim_sources`` (``None``), or merge the new source
    ``rows`` (just added to it) into the claims they belong to: a claim's old sources are
    not read again, so a write costs what it adds, however often its claims were repeated."""
    if rows is None:
        store.query("INSERT INTO claims " + _CLAIMS_SQL.replace("{source}", "claim_sources"))
        return
    if not rows:
        return
    schema = store.con.sql("SELECT * FROM claim_sources LIMIT 0").to_arrow_table().schema
    store.con.register("_new_sources", pa.Table.from_pylist(rows, schema=schema))
    store.query("INSERT INTO claims " + _CLAIMS_SQL.replace("{source}", "_new_sources")
                + f" ON CONFLICT (id) DO UPDATE SET {_MERGE_CLAIM}")
    store.con.unregister("_new_sources")


def _supersede_series(store: Any, series: list[tuple[str, str, str, str]]) -> None:
    """Set ``superseded_by`` in each series by the claims module's rule (claims in id order,
    so that ties resolve the same whatever order the records came in)."""
    if not series:
        return
    rows = store.query(
        "SELECT id, kind, value, low, high, counted, \"end\", superseded_by FROM claims "
        "WHERE list_contains(?, [s0, s1, s2, coalesce(unit, '')]) ORDER BY id",
        [[list(s) for s in series]])
    by_series: dict[tuple, list[Claim]] = defaultdict(list)
    keys = store.query("SELECT id, [s0, s1, s2, coalesce(unit, '')] FROM claims "
                       "WHERE list_contains(?, [s0, s1, s2, coalesce(unit, '')])",
                       [[list(s) for s in series]])
    series_of = {cid: tuple(key) for cid, key in keys}
    for cid, kind, value, low, high, counted, end, _ in rows:
        by_series[series_of[cid]].append(Claim(cid, kind, None, None, value, low, high, None,
                                               None, end, counted, ()))
    old = {row[0]: row[7] for row in rows}
    changed = [(c.superseded_by, c.id) for claims in by_series.values()
               for c in _supersede(claims) if c.superseded_by != old[c.id]]
    for superseded_by, cid in changed:
        store.query("UPDATE claims SET superseded_by = ? WHERE id = ?", [superseded_by, cid])


def series_claims(store: Any, family: Iterable[str], *, s0: str | None = None,
                  s1: str | None = None, s2: str | None = None, touching: Any = None,
                  evidence: int | None = None) -> dict[tuple, list[StoredClaim]]:
    """The stored claims of the matching series, keyed and ordered as
    :func:`~sinew.analysis.claims.make_claims` gives them (only those that touch the period
    ``touching``, when given, as ``Claim.touches`` says); each claim with its first
    ``evidence`` sources (all for ``None``)."""
    clauses, params = ["list_contains(?, family)"], [list(family)]
    for column, value in (("s0", s0), ("s1", s1), ("s2", s2)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if touching is not None:  # claims' spans are whole ISO days, compared as text
        clauses.append('coalesce(start, "end") <= ? AND coalesce("end", start) >= ?')
        params += [touching.end.isoformat(), touching.start.isoformat()]
    rows = store.query(f"SELECT id, s0, s1, s2, {', '.join(_quoted(_CLAIM_FIELDS))}, sources, "
                       f"independence, units, superseded_by FROM claims WHERE {' AND '.join(clauses)} "
                       f"ORDER BY coalesce(\"end\", ''), id", params)
    sources = sources_of(store, [row[0] for row in rows], evidence)
    out: dict[tuple, list[StoredClaim]] = defaultdict(list)
    for cid, a, b, c, *fields, count, keys, units, superseded_by in rows:
        values = dict(zip(_CLAIM_FIELDS, fields))
        key = (a, b, c, values["unit"])
        out[key].append(StoredClaim(cid, sources=tuple(sources.get(cid, ())),
                                    superseded_by=superseded_by, source_count=count,
                                    keys=tuple(keys), units=tuple(units or ()), **values))
    return dict(out)


def _quoted(names: Iterable[str]) -> list[str]:
    return [f'"{n}"' for n in names]


def sources_of(store: Any, claim_ids: list[str], limit: int | None) -> dict[str, list[Source]]:
    """The first ``limit`` sources (all for ``None``) of each claim, in the claim's order."""
    if not claim_ids or limit == 0:
        return {}
    qualify = " QUALIFY row_number() OVER (PARTITION BY claim_id ORDER BY " \
              "rank_end, coalesce(source_published, ''), source_record_id) <= ?" \
        if limit is not None else ""
    rows = store.query(f"SELECT claim_id, {', '.join(_SOURCE_COLUMNS)} FROM claim_sources "
                       f"WHERE list_contains(?::VARCHAR[], claim_id){qualify} ORDER BY claim_id, "
                       f"rank_end, coalesce(source_published, ''), source_record_id",
                       [claim_ids] + ([limit] if limit is not None else []))
    out: dict[str, list[Source]] = defaultdict(list)
    for cid, *fields in rows:
        out[cid].append(Source(*fields))
    return out


def claim_sources(store: Any, claim_id: str, *, limit: int = 20,
                  cursor: str | None = None) -> tuple[list[Source], int, str | None]:
    """A page of a claim's sources in the claim's order after ``cursor`` (the last record id
    of the previous page), how many it has, and the cursor of the next page (``None`` at the
    end)."""
    if not current(store):
        raise QueryError(f"store {store.path}: its aggregates do not cover its records "
                         "(run sinew rebuild)")
    total = store.query("SELECT count(*) FROM claim_sources WHERE claim_id = ?", [claim_id])
    if not total[0][0]:
        raise QueryError(f"no claim {claim_id!r} in the store (claim ids come with flows, "
                         "dependence and what-if answers)")
    after, params = "", [claim_id]
    if cursor:
        after = (f" AND {_KEY} > (SELECT {_KEY} FROM claim_sources "
                 "WHERE source_record_id = ?)")
        params.append(cursor)
    rows = store.query(f"SELECT {', '.join(_SOURCE_COLUMNS)} FROM claim_sources "
                       f"WHERE claim_id = ?{after} ORDER BY {_KEY} LIMIT ?", params + [limit + 1])
    page = [Source(*row) for row in rows[:limit]]
    return page, total[0][0], page[-1].record_id if len(rows) > limit else None
