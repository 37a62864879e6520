"""The embedded store: documents, records and rejected inputs in one DuckDB file.

Records are kept whole (as JSON, the source of truth for round trips) and flattened into
columns for filtering and export. Every query is parameterised.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import functools
import json
import typing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable, Iterator

import duckdb
import orjson
import pyarrow as pa

from .errors import QueryError, StoreError
from .schema import (EVENT_TYPES, MEASURE_TYPES, NON_FACTUAL, Document, Location, Record,
                     Rejected, RunSummary)

__all__ = ["EXPORT_FORMATS", "LOCATION_COLUMNS", "MAX_ROWS", "EventFilter", "Store", "check_bbox",
           "export_format", "flatten", "open_store"]

EXPORT_FORMATS = ("parquet", "csv", "jsonl", "plover-json", "cameo-tsv")
#: The largest limit or offset a query takes: more rows than any store holds.
MAX_ROWS = 10**12

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY, content_hash VARCHAR, title VARCHAR, date VARCHAR, url VARCHAR,
    source VARCHAR, origin VARCHAR, text VARCHAR, meta JSON,
    ingested_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS records (
    id VARCHAR PRIMARY KEY, doc_id VARCHAR, kind VARCHAR, type VARCHAR, mode VARCHAR,
    actor_code VARCHAR, actor_country VARCHAR, actor_name VARCHAR, actor_text VARCHAR,
    recipient_code VARCHAR, recipient_country VARCHAR, recipient_name VARCHAR,
    recipient_text VARCHAR, what_category VARCHAR, what_text VARCHAR,
    quantity_value DOUBLE, quantity_low DOUBLE, quantity_high DOUBLE, quantity_unit VARCHAR,
    quantity_per VARCHAR, quantity_status VARCHAR, quantity_cumulative BOOLEAN,
    quantity_text VARCHAR, modality VARCHAR, attribution_code VARCHAR, attribution_text VARCHAR,
    date_start VARCHAR, date_end VARCHAR, date_granularity VARCHAR, date_status VARCHAR,
    date_text VARCHAR, evidence_start INTEGER, evidence_end INTEGER, evidence_text VARCHAR,
    trigger VARCHAR, record JSON);
CREATE TABLE IF NOT EXISTS rejected (
    origin VARCHAR, reason VARCHAR, stage VARCHAR, doc_id VARCHAR,
    created TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS runs (
    created TIMESTAMP DEFAULT current_timestamp, summary JSON);
"""

def _location_columns() -> tuple[tuple[str, str], ...]:
    """The ``location_*`` columns and their SQL types, from :class:`sinew.schema.Location`."""
    sql = {"str": "VARCHAR", "int": "BIGINT", "float": "DOUBLE"}
    hints = typing.get_type_hints(Location)
    return tuple((f"location_{f.name}",
                  sql[next(t for t in typing.get_args(hints[f.name]) or (hints[f.name],)
                           if t is not type(None)).__name__])
                 for f in dataclasses.fields(Location))


#: Added to stores made before records had a location, too (``ADD COLUMN IF NOT EXISTS``).
LOCATION_COLUMNS = _location_columns()
_ADD_LOCATION = "".join(f"ALTER TABLE records ADD COLUMN IF NOT EXISTS {name} {kind};\n"
                        for name, kind in LOCATION_COLUMNS)

#: The order of :meth:`Store.events` as one string per record (``r``, its document ``d``):
#: its date, else its document's (undated last); its document; its place in the text; its
#: id. Each part ends in ``chr(1)``, below any character they hold, so a part that is a
#: prefix of another sorts first as it does alone. Kept in ``records.sort_key`` from ingest
#: on, so that a page is a top-N over one column, with no join and no sort of every match.
_SORT_KEY = ("coalesce(r.date_start, d.date, '~') || chr(1) || r.doc_id || chr(1) || "
             "coalesce(lpad(r.evidence_start::VARCHAR, 10, '0'), '~') || chr(1) || r.id")
_ADD_SORT_KEY = "ALTER TABLE records ADD COLUMN IF NOT EXISTS sort_key VARCHAR;\n"
#: Each record's document's row id (``records.doc_row``), noted once the document's write is
#: committed (a row id inside a transaction is provisional): a page of events reads its
#: documents by row id, a direct fetch, where a lookup of many ids scans the table's ids.
_ADD_DOC_ROW = "ALTER TABLE records ADD COLUMN IF NOT EXISTS doc_row BIGINT;\n"
#: A record's document's date where the record has no start date, read from its stored key
#: (whose first part is then that date, or ``~``): date bounds need no join to the documents.
_KEY_DATE = "nullif(split_part(r.sort_key, chr(1), 1), '~')"

_COLUMNS = (
    "id", "doc_id", "kind", "type", "mode", "actor_code", "actor_country", "actor_name",
    "actor_text", "recipient_code", "recipient_country", "recipient_name", "recipient_text",
    "what_category", "what_text", "quantity_value", "quantity_low", "quantity_high",
    "quantity_unit", "quantity_per", "quantity_status", "quantity_cumulative", "quantity_text",
    "modality", "attribution_code", "attribution_text", "date_start", "date_end",
    "date_granularity", "date_status", "date_text", "evidence_start", "evidence_end",
    "evidence_text", "trigger",
) + tuple(name for name, _ in LOCATION_COLUMNS)
#: Each record once per named side: the party (country, else code), code, name and side.
_SIDES = ("SELECT coalesce(actor_country, actor_code) AS party, actor_code AS code, "
          "actor_name AS name, 'actor' AS side FROM records WHERE actor_code IS NOT NULL "
          "UNION ALL SELECT coalesce(recipient_country, recipient_code), recipient_code, "
          "recipient_name, 'recipient' FROM records WHERE recipient_code IS NOT NULL")
_WITH_DOCUMENTS = "records r LEFT JOIN documents d ON d.id = r.doc_id"
#: The actor graph's edges among the records of ``source`` (records ``r`` joined to their
#: documents ``d``) that match ``where``, their ends ``src``/``dst`` matching ``ends``.
RELATIONS_SQL = """
SELECT src AS source, dst AS target, type, count(*) AS records,
       count(DISTINCT doc_id) AS documents,
       count(*) FILTER (WHERE modality NOT IN ({non_factual})) AS factual,
       list(DISTINCT mode ORDER BY mode) FILTER (WHERE mode IS NOT NULL) AS modes,
       list(DISTINCT what_category ORDER BY what_category)
           FILTER (WHERE what_category IS NOT NULL) AS commodities,
       max(coalesce(quantity_value, quantity_high, quantity_low)) AS largest,
       min(coalesce(date_start, published)) AS first,
       max(coalesce(date_start, published)) AS last
FROM (SELECT r.*, d.date AS published, coalesce(r.actor_country, r.actor_code) AS src,
             coalesce(r.recipient_country, r.recipient_code) AS dst
      FROM {source} WHERE {where})
WHERE src IS NOT NULL AND dst IS NOT NULL AND src <> dst AND {ends}
GROUP BY src, dst, type ORDER BY src, dst, type
""".replace("{non_factual}", ", ".join(f"'{m}'" for m in sorted(NON_FACTUAL)))
#: Each party's own name (the name given with its own code) and the first of its names,
#: among the records of ``source``.
NAMES_SQL = """
SELECT party, max(name) FILTER (WHERE code = party), min(name) FROM (
    SELECT coalesce(r.actor_country, r.actor_code) AS party, r.actor_code AS code,
           r.actor_name AS name FROM {source} WHERE r.actor_code IS NOT NULL
    UNION ALL SELECT coalesce(r.recipient_country, r.recipient_code), r.recipient_code,
           r.recipient_name FROM {source} WHERE r.recipient_code IS NOT NULL)
GROUP BY party
"""
_NESTED = {"actor": ("code", "country", "name", "text"),
           "recipient": ("code", "country", "name", "text"),
           "what": ("category", "text"),
           "quantity": ("value", "low", "high", "unit", "per", "status", "cumulative", "text"),
           "attribution": ("code", "text"),
           "date": ("start", "end", "granularity", "status", "text"),
           "evidence": ("start", "end", "text"),
           "location": tuple(name.removeprefix("location_") for name, _ in LOCATION_COLUMNS)}


def flatten(record: Record) -> dict[str, Any]:
    """One flat row per record, the columns of the ``records`` table (and of CSV/Parquet)."""
    return _flat(record.to_dict())


def _flat(data: dict[str, Any]) -> dict[str, Any]:
    row = {k: data[k] for k in ("id", "doc_id", "kind", "type", "mode", "modality", "trigger")}
    for name, keys in _NESTED.items():
        part = data.get(name) or {}
        for key in keys:
            row[f"{name}_{key}"] = part.get(key)
    return row


@dataclass(frozen=True)
class EventFilter:
    """Filters for :meth:`Store.events`; ``actor``/``recipient`` match a country or full code."""

    actor: str | None = None
    recipient: str | None = None
    type: str | None = None
    kind: str | None = None
    modality: str | None = None
    commodity: str | None = None
    since: str | None = None
    until: str | None = None
    doc_id: str | None = None
    #: a place by GeoNames id, name (as resolved or as written), first-level region or country
    place: str | None = None
    #: (west, south, east, north) in degrees; west > east crosses the antimeridian
    bbox: tuple[float, float, float, float] | None = None
    limit: int | None = None
    #: slower than ``after`` deep into a large result: the records before it are read too
    offset: int = 0
    #: keyset paging: the records after this one (the last record id of the previous page)
    after: str | None = None
    #: with ``since``/``until``: keep records that have no date at all (nor their document)
    include_undated: bool = False

    def __post_init__(self) -> None:
        # Types are matched as the records spell them (events upper case, measures lower);
        # a value that is none of them is a mistake to report, not a filter that finds nothing.
        if self.type:
            known = {t.lower(): t for t in EVENT_TYPES + MEASURE_TYPES}
            if self.type.lower() not in known:
                raise QueryError(f"type {self.type!r} is not a PLOVER event type or a measure "
                                 f"({', '.join(EVENT_TYPES + MEASURE_TYPES)})")
            object.__setattr__(self, "type", known[self.type.lower()])

    def where(self, doc_date: str = "d.date") -> tuple[str, list[Any]]:
        """The SQL condition over records ``r`` and its parameters; ``doc_date`` is the
        document's date (by default from the documents ``d`` joined to the records): it is
        read only where a record has no start date."""
        clauses, params = ["TRUE"], []
        if self.place:
            clause, values = _place_clause(self.place)
            clauses.append(clause)
            params += values
        if self.bbox is not None:
            clause, values = _bbox_clause(check_bbox(self.bbox))
            clauses.append(clause)
            params += values
        for column, value in (("actor", self.actor), ("recipient", self.recipient)):
            if value:
                clauses.append(f"({column}_country = ? OR {column}_code = ?)")
                params += [value.upper(), value.upper()]
        for column, value in (("type", self.type), ("kind", self.kind),
                              ("modality", self.modality), ("what_category", self.commodity),
                              ("doc_id", self.doc_id)):
            if value:
                clauses.append(f"r.{column} = ?")
                params.append(value)
        undated = f" OR coalesce(r.date_start, r.date_end, {doc_date}) IS NULL" \
            if self.include_undated else ""
        if self.since:
            clauses.append(f"(coalesce(r.date_end, r.date_start, {doc_date}) >= ?{undated})")
            params.append(self.since)
        if self.until:
            clauses.append(f"(coalesce(r.date_start, r.date_end, {doc_date}) <= ?{undated})")
            params.append(self.until)
        return " AND ".join(clauses), params


def _place_clause(place: str) -> tuple[str, list[Any]]:
    if place.strip().isdigit():
        return "r.location_geonames_id = ?", [int(place)]
    return ("(lower(r.location_name) = lower(?) OR lower(r.location_text) = lower(?) "
            "OR lower(r.location_admin1) = lower(?) OR r.location_country = upper(?))",
            [place] * 4)


def _bbox_clause(box: tuple[float, float, float, float]) -> tuple[str, list[Any]]:
    west, south, east, north = box
    lon = "r.location_lon BETWEEN ? AND ?" if west <= east else \
        "(r.location_lon >= ? OR r.location_lon <= ?)"
    return f"(r.location_lat BETWEEN ? AND ? AND {lon})", [south, north, west, east]


def check_bbox(box: Any) -> tuple[float, float, float, float]:
    """A bounding box as four numbers (west, south, east, north), from a sequence or from text
    "west,south,east,north"; a :class:`QueryError` saying what is wrong otherwise."""
    parts = box.split(",") if isinstance(box, str) else list(box)
    try:
        west, south, east, north = (float(p) for p in parts)
    except (TypeError, ValueError):
        raise QueryError(f"bbox must be four numbers west,south,east,north (degrees), "
                         f"not {box!r}") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise QueryError(f"bbox: west and east must be longitudes from -180 to 180, not {box!r}")
    if not -90 <= south <= north <= 90:
        raise QueryError(f"bbox: south and north must be latitudes from -90 to 90 with south "
                         f"not above north, not {box!r}")
    return west, south, east, north


class Store:
    """A DuckDB file (or ``:memory:``) holding documents, records and rejected inputs."""

    def __init__(self, path: str | Path = "sinew.duckdb", *, read_only: bool = False):
        """Open (or create) a DuckDB file; a folder written by ``--engine dask`` (a Parquet
        dataset) opens read-only, its tables queried in place."""
        self.path = str(path)
        try:
            if Path(path).is_dir():
                self.con = duckdb.connect(":memory:")
                self.con.execute(_SCHEMA + _ADD_LOCATION)
                _attach_dataset(self.con, Path(path))
                _merge_aggregates(self, Path(path))
                return
            self.con = duckdb.connect(self.path, read_only=read_only)
            if not read_only:
                self.con.execute(_SCHEMA + _ADD_LOCATION)
                self._add_sort_key()
                self._add_doc_row()
                _aggregates().create_tables(self.con)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}", stage="store") from exc

    @functools.cached_property
    def _sort_key(self) -> str:
        """The records' sort key: the stored column, or for a store written before it (opened
        read-only) or a dataset, the same key computed (which needs the documents joined)."""
        found = self.con.execute("SELECT count(*) FROM duckdb_columns() WHERE table_name = "
                                 "'records' AND column_name = 'sort_key'").fetchone()[0]
        return "r.sort_key" if found else _SORT_KEY

    def _add_sort_key(self) -> None:
        """Give a store written before records kept their sort key the column, filled."""
        if self._sort_key != "r.sort_key":
            self.con.execute(_ADD_SORT_KEY)
            self.__dict__.pop("_sort_key")
            if self.con.execute("SELECT count(*) FROM records").fetchone()[0]:
                self.fill_sort_keys()

    @functools.cached_property
    def _doc_row(self) -> bool:
        """Whether records keep their document's row id (a store written before they did,
        opened read-only, and a dataset do not: their documents are read by id)."""
        if Path(self.path).is_dir():
            return False
        return bool(self.con.execute(
            "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'records' AND "
            "column_name = 'doc_row' AND database_name = current_database()").fetchone()[0])

    def _add_doc_row(self) -> None:
        """Give a store written before records kept their document's row id the column,
        empty: its records' documents are read by id (the same context) until ``sinew
        rebuild`` lays the records out again with their row ids (filling it here would
        update every record of a large store on opening it)."""
        if not self._doc_row:
            self.con.execute(_ADD_DOC_ROW)
            self.__dict__.pop("_doc_row")

    def fill_doc_rows(self, doc_ids: Iterable[str]) -> None:
        """Note the row id of the documents ``doc_ids`` in their records; run after the
        transaction that wrote the documents commits (their row ids are provisional until
        then)."""
        if not self._doc_row:
            return
        ids = sorted(set(doc_ids))
        # a write appends its documents: their row ids are among the last len(ids), and the
        # scan of the documents' ids starts there (were rows ever deleted, the bound only falls)
        self._run("UPDATE records SET doc_row = d.rowid FROM documents d "
                  "WHERE d.id = records.doc_id AND records.doc_row IS NULL "
                  "AND d.rowid >= (SELECT count(*) FROM documents) - ? "
                  "AND list_contains(?, d.id)", [len(ids), ids])

    def fill_sort_keys(self) -> None:
        """Compute the sort key of the records that have none (those of a store written
        before the key, or loaded in bulk from a dataset by ``sinew load``)."""
        self._run(f"UPDATE records r SET sort_key = {_SORT_KEY} FROM records r2 "
                  f"LEFT JOIN documents d ON d.id = r2.doc_id "
                  f"WHERE r2.id = r.id AND r.sort_key IS NULL")

    def reorder_records(self) -> None:
        """Rewrite the records table in sort-key order, so that the zone maps of its row
        groups skip all but the few a page of events needs (ingest appends in arrival order:
        news arriving in date order stays close to it, a back-filled archive does not), each
        record with its document's row id."""
        rows = "r.* REPLACE (d.rowid AS doc_row)" if self._doc_row else "r.*"
        self._run(f"CREATE TEMP TABLE _ordered AS SELECT {rows} FROM records r "
                  f"LEFT JOIN documents d ON d.id = r.doc_id ORDER BY r.sort_key")
        self._run("DELETE FROM records")
        self._run("INSERT INTO records SELECT * FROM _ordered ORDER BY sort_key")
        self._run("DROP TABLE _ordered")

    def close(self) -> None:
        self.con.close()

    def cursor(self) -> "Store":
        """This store over a new connection to the same database, for one thread at a time:
        DuckDB runs queries of separate connections in parallel (a server's readers), and a
        reader sees every committed write."""
        other = object.__new__(Store)
        other.path, other.con = self.path, self.con.cursor()
        other.__dict__["_sort_key"] = self._sort_key
        return other

    def check(self) -> dict[str, int]:
        """The row count of each table, once each table is found with the columns sinew
        writes; a damaged store raises ``StoreError`` here rather than on the first query
        that meets the damage. Reads the catalogue and counts only: cheap enough to poll."""
        found = dict(self._run("SELECT table_name, list(column_name) FROM duckdb_columns() "
                               "WHERE NOT internal GROUP BY table_name").fetchall())
        for table, columns in _expected_columns().items():
            missing = sorted(set(columns) - set(found.get(table) or ()))
            if missing:
                raise StoreError(f"store {self.path} is damaged: table {table} lacks "
                                 f"{', '.join(missing)}", stage="store")
        return self.counts()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self.close()
            return
        # Closing writes a checkpoint, which fails again on a full disk; the error that is
        # already on its way out is the one to report.
        with contextlib.suppress(duckdb.Error, OSError):
            self.close()

    def _run(self, sql: str, params: Iterable[Any] = ()) -> duckdb.DuckDBPyConnection:
        try:
            return self.con.execute(sql, list(params))
        except duckdb.Error as exc:
            raise StoreError(f"store {self.path}: {exc}", stage="store") from exc

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        """Rows of a parameterised SQL query over the store's tables (documents, records,
        rejected), for analyses that aggregate in the database."""
        return self._run(sql, params).fetchall()

    def known(self) -> tuple[set[str], dict[str, str]]:
        """Content hashes of stored documents and their ids with each one's hash (to
        recognise re-ingested input and ids reused for another text)."""
        rows = self._run("SELECT content_hash, id FROM documents").fetchall()
        return {h for h, _ in rows}, {i: h for h, i in rows}

    def add_document(self, document: Document, records: list[Record]) -> None:
        """Store one document and its records in one transaction; re-adding changes nothing.
        A failed write (a full disk) raises ``StoreError`` naming the cause; what was
        committed before stays."""
        self.add_documents([(document, records)])

    def add_documents(self, batch: Iterable[tuple[Document, list[Record]]], *,
                      aggregates: bool = True) -> None:
        """Store documents and their records in one transaction (a commit costs milliseconds,
        so bulk loaders pass many at once), as :meth:`add_document` does one. A bulk load
        of many batches may pass ``aggregates=False`` and run
        :func:`sinew.analysis.rebuild` once at its end: until then analyses read the
        records (slower, same answers)."""
        batch = list(batch)
        self._run("BEGIN TRANSACTION")
        try:
            self._insert("documents", [_document_row(d) for d, _ in batch])
            self.add_records([r for _, records in batch for r in records],
                             aggregates=aggregates)
            self._run("COMMIT")
        except BaseException as exc:
            # A commit that failed has already ended the transaction, and the rollback's own
            # "no transaction is active" would hide why the write failed.
            with contextlib.suppress(duckdb.Error):
                self.con.rollback()
            if isinstance(exc, OSError):
                raise StoreError(f"cannot write to store {self.path}: {exc} (free some space "
                                 "and run again: what was stored before is kept)",
                                 doc_id=batch[0][0].id if len(batch) == 1 else None,
                                 stage="store") from exc
            raise
        # Committed: the documents' row ids are final. A record left without one (this
        # failing) has its document read by id, the same answer.
        with contextlib.suppress(StoreError):
            self.fill_doc_rows(d.id for d, _ in batch)

    def add_records(self, records: Iterable[Record], *, aggregates: bool = True) -> None:
        """Insert the records not already stored (by id) and bring the store's aggregates up
        to date with them (``aggregates=False``: see :meth:`add_documents`)."""
        records = list(records)
        new = set(self._insert("records", [_record_row(r) for r in records], sort_key=True))
        if aggregates:
            _aggregates().update(self, [r for r in records if r.id in new])

    def _insert(self, table: str, rows: list[dict[str, Any]], *,
                sort_key: bool = False) -> list[Any]:
        """Insert rows not already there (by key) in one statement, through Arrow; the first
        column of those inserted. With ``sort_key`` (records) their sort key is computed
        from them and their stored documents on the way in."""
        if not rows:
            return []
        names = [f'"{c}"' for c in rows[0]]
        columns, values, source = ", ".join(names), ", ".join(names), "_incoming"
        if sort_key:
            columns += ", sort_key"
            values = ", ".join(f"r.{n}" for n in names) + f", {_SORT_KEY}"
            source = "_incoming r LEFT JOIN documents d ON d.id = r.doc_id"
        self.con.register("_incoming", pa.Table.from_pylist(rows))  # replaced by the next
        inserted = self._run(f"INSERT OR IGNORE INTO {table} ({columns}) SELECT {values} "
                             f"FROM {source} RETURNING {names[0]}").fetchall()
        self.con.unregister("_incoming")
        return [row[0] for row in inserted]

    def add_rejected(self, rejected: Rejected) -> None:
        """Record a rejected input once: the same input rejected for the same reason again
        (a re-run) adds no row."""
        self._run("INSERT INTO rejected (origin, reason, stage, doc_id) SELECT ?, ?, ?, ? "
                  "WHERE NOT EXISTS (SELECT 1 FROM rejected WHERE origin = ? AND reason = ?)",
                  [rejected.origin, rejected.reason, rejected.stage, rejected.doc_id,
                   rejected.origin, rejected.reason])

    def add_run(self, summary: RunSummary) -> None:
        self._run("INSERT INTO runs (summary) VALUES (?)", [json.dumps(summary.to_dict())])

    def events(self, flt: EventFilter | None = None) -> list[Record]:
        """The records that match ``flt`` in date order (see ``_SORT_KEY``); with a limit,
        one page of them, after ``flt.after`` or ``flt.offset`` records."""
        return self.events_page(flt or EventFilter())[0]

    def events_page(self, flt: EventFilter) -> tuple[list[Record], tuple[int | None, ...]]:
        """:meth:`events` and, for each record, its document's row id (``None`` where not
        noted), which :meth:`event_context` reads the documents by."""
        where, params, source = self._where(flt, ordered=True)
        key = self._sort_key
        if flt.after is not None:
            where += f" AND {key} > ?"
            params.append(self._key_of(flt.after))
        doc_row = "r.doc_row" if self._doc_row else "NULL"
        page: list[Any] = []
        if flt.limit is not None:
            _check_page(flt.limit, flt.offset)
            page = [flt.limit, flt.offset]
        if flt.limit is None:
            sql = f"SELECT r.record, {doc_row} FROM {source} WHERE {where} ORDER BY {key}"
        elif Path(self.path).is_dir():  # a dataset's Parquet views have no row ids
            sql = (f"SELECT r.record, NULL FROM {source} WHERE {where} ORDER BY {key} "
                   f"LIMIT ? OFFSET ?")
        else:
            # The top-N over the key finds the page's rows, whose JSON is then read by row
            # id (a direct fetch), in one statement so that the row ids cannot move between.
            sql = (f"WITH page AS (SELECT r.rowid AS row, {key} AS key FROM {source} "
                   f"WHERE {where} ORDER BY {key} LIMIT ? OFFSET ?) SELECT r.record, "
                   f"{doc_row} FROM page JOIN records r ON r.rowid = page.row "
                   f"ORDER BY page.key")
        rows = self._run(sql, params + page).fetchall()
        return ([Record.from_dict(orjson.loads(row[0])) for row in rows],
                tuple(row[1] for row in rows))

    def _key_of(self, record_id: str) -> str:
        row = self._run(f"SELECT {self._sort_key} FROM records r LEFT JOIN documents d "
                        f"ON d.id = r.doc_id WHERE r.id = ?", [record_id]).fetchone()
        if row is None:
            raise QueryError(f"cursor {record_id!r} is no record of this store (a cursor is "
                             "the next_cursor of the page before)")
        return row[0]

    def documents(self, ids: Iterable[str] | None = None, *,
                  with_text: bool = True) -> Iterator[Document]:
        """Stored documents (those with ``ids`` when given); ``with_text=False`` leaves the
        text out (empty) for callers that need only the metadata."""
        text = "text" if with_text else "'' AS text"
        sql = (f"SELECT id, {text}, title, date, url, source, origin, content_hash, meta "
               f"FROM documents")
        params: list[Any] = []
        if ids is not None:
            params = [sorted(set(ids))]
            sql += " WHERE list_contains(?, id)"
        for row in self._run(sql + " ORDER BY id", params).fetchall():
            yield _document(row)

    def document(self, doc_id: str) -> Document | None:
        """The document with ``doc_id``, looked up by key."""
        row = self._run("SELECT id, text, title, date, url, source, origin, content_hash, meta "
                        "FROM documents WHERE id = ?", [doc_id]).fetchone()
        return None if row is None else _document(row)

    def rejected(self) -> list[Rejected]:
        rows = self._run("SELECT origin, reason, stage, doc_id FROM rejected ORDER BY created").fetchall()
        return [Rejected(*row) for row in rows]

    def counts(self) -> dict[str, int]:
        return {table: self._run(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("documents", "records", "rejected")}

    def export(self, target: str | Path, fmt: str = "parquet", table: str = "records") -> Path:
        """Write a table to Parquet, CSV or JSON Lines (records as whole JSON objects), or the
        records in an exchange format (``plover-json``, ``cameo-tsv``: :mod:`sinew.exchange`)."""
        if fmt not in EXPORT_FORMATS:
            raise QueryError(f"format must be one of {', '.join(EXPORT_FORMATS)}, not {fmt!r}")
        if table not in ("records", "documents", "rejected"):
            raise QueryError(f"table must be records, documents or rejected, not {table!r}")
        target = Path(target)
        if fmt in ("plover-json", "cameo-tsv"):
            return self._export_exchange(target, fmt, table)
        if fmt == "jsonl" and table == "records":
            with target.open("w", encoding="utf-8") as out:
                for record in self.events():
                    out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
            return target
        columns = "* EXCLUDE (record)" if table == "records" else "*"
        option = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER",
                  "jsonl": "FORMAT json"}[fmt]
        path_literal = str(target).replace("'", "''")
        self._run(f"COPY (SELECT {columns} FROM {table}) TO '{path_literal}' ({option})")
        return target

    def _export_exchange(self, target: Path, fmt: str, table: str) -> Path:
        from .exchange import write_exchange

        if table != "records":
            raise QueryError(f"{fmt} holds events: export the records table, not {table!r}")
        records = self.events(EventFilter(kind="event"))  # measures have no PLOVER type
        documents = {d.id: d for d in self.documents({r.doc_id for r in records},
                                                     with_text=False)}
        with target.open("w", encoding="utf-8", newline="") as out:
            write_exchange(records, fmt, out, documents)
        return target

    # Read methods for the HTTP API and the web page (sinew.web): one query each, all
    # parameterised. ``party`` is a node of the actor network: a country, else a code.

    def document_list(self, *, query: str | None = None, limit: int = 50,
                      offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Documents without their text (newest first) with their record counts, and how many
        match; ``query`` is a case-insensitive substring of the title or id."""
        _check_page(limit, offset)
        where, params = "TRUE", []
        if query:
            # ILIKE reads the strings as they are (no lowered copy of each title and id) at
            # about half the cost of contains(lower(...)); its wildcards in the query escaped
            pattern = "%" + "".join("\\" + c if c in "%_\\" else c for c in query) + "%"
            where = "(d.title ILIKE ? ESCAPE '\\' OR d.id ILIKE ? ESCAPE '\\')"
            params = [pattern, pattern]
        total = self._run(f"SELECT count(*) FROM documents d WHERE {where}", params).fetchone()[0]
        # Three plain queries cost half of one that joins the page back to both tables.
        page = self._dicts(f"SELECT d.id, d.title, d.date, d.source, d.url, "
                           f"length(d.text) AS chars FROM documents d WHERE {where} "
                           f"ORDER BY d.date DESC NULLS LAST, d.id LIMIT ? OFFSET ?",
                           params + [limit, offset])
        counts = dict(self._run("SELECT doc_id, count(*) FROM records WHERE "
                                "list_contains(?::VARCHAR[], doc_id) GROUP BY doc_id",
                                [[row["id"] for row in page]]).fetchall())
        return [dict(row, records=counts.get(row["id"], 0)) for row in page], total

    def count_events(self, flt: EventFilter | None = None) -> int:
        """How many records :meth:`events` gives for ``flt`` without its limit and offset."""
        where, params, source = self._where(flt or EventFilter())
        return self._run(f"SELECT count(*) FROM {source} WHERE {where}", params).fetchone()[0]

    def _where(self, flt: EventFilter, *, ordered: bool = False) -> tuple[str, list[Any], str]:
        """``flt``'s condition, its parameters and the records it reads: with the key stored,
        the records alone (a document's date is in its records' keys); else joined to their
        documents where a date bound or the computed key (``ordered``) needs their dates."""
        if self._sort_key == "r.sort_key":
            return *flt.where(_KEY_DATE), "records r"
        join = " LEFT JOIN documents d ON d.id = r.doc_id" if ordered or flt.since or flt.until \
            else ""
        return *flt.where(), "records r" + join

    def event_context(self, records: list[Record], width: int = 240,
                      doc_rows: Iterable[int | None] = ()) -> dict[str, dict[str, Any]]:
        """For each record (by id): its document's id, title, date, source and url, and up to
        ``width`` characters of text before and after the evidence sentence. The documents
        are read by the row ids :meth:`events_page` gives (``doc_rows``, one per record; a
        direct fetch), the rest by id (which scans the documents' ids)."""
        text = "text" if width else "''"
        docs: dict[str, tuple] = {}
        rows = sorted({row for row in doc_rows if row is not None})
        if rows:  # each document found is keyed by its own id: a row id that names another
            # (a copied store's may) only reads one more, and the record's is read by id
            docs.update((doc[0], doc) for doc in self._run(
                f"SELECT d.id, title, date, source, url, {text} FROM (SELECT unnest("
                f"?::BIGINT[]) AS row) p JOIN documents d ON d.rowid = p.row", [rows]).fetchall())
        ids = sorted({r.doc_id for r in records} - docs.keys())
        if ids:
            found = self._run(f"SELECT id, title, date, source, url, {text} FROM documents "
                              f"WHERE id IN ({', '.join('?' * len(ids))})", ids).fetchall()
            docs.update((row[0], row) for row in found)
        out = {}
        for r in records:
            if r.doc_id in docs:
                doc_id, title, date, source, url, body = docs[r.doc_id]
                start, end = r.evidence.start, r.evidence.end
                out[r.id] = {"doc_id": doc_id, "title": title, "date": date, "source": source,
                             "url": url, "before": body[max(start - width, 0):start],
                             "after": body[end:end + width]}
        return out

    def names_party(self, code: str) -> bool:
        """Whether a record names ``code`` (a party or a full code) on either side, as
        :meth:`actors` lists them; stops at the first such record."""
        return self._run("SELECT EXISTS (SELECT 1 FROM records WHERE "
                         "(actor_code IS NOT NULL AND (actor_country = ? OR actor_code = ?)) OR "
                         "(recipient_code IS NOT NULL AND "
                         "(recipient_country = ? OR recipient_code = ?)))",
                         [code] * 4).fetchone()[0]

    def actors(self, query: str | None = None) -> list[dict[str, Any]]:
        """Every party named as actor or recipient: its name, the codes seen for it and how
        many records name it on each side (most named first); ``query`` matches id or name."""
        sql = (f"WITH sides AS ({_SIDES}) SELECT party AS id, "
               "coalesce(max(name) FILTER (WHERE code = party), min(name)) AS name, "
               "list(DISTINCT code ORDER BY code) AS codes, "
               "count(*) FILTER (WHERE side = 'actor') AS as_actor, "
               "count(*) FILTER (WHERE side = 'recipient') AS as_recipient "
               "FROM sides WHERE party IS NOT NULL GROUP BY party")
        params: list[Any] = []
        if query:
            sql += (" HAVING contains(lower(party), lower(?)) "
                    "OR contains(lower(coalesce(max(name), '')), lower(?))")
            params = [query, query]
        return self._dicts(sql + " ORDER BY as_actor + as_recipient DESC, id", params)

    def relations(self, flt: EventFilter | None = None, party: str | None = None, *,
                  limit: int | None = None) -> dict[str, Any]:
        """The actor network: one edge per (actor, recipient, type) among the records that
        match ``flt`` (and name ``party`` on either side), with record and document counts,
        how many are factual, the commodities, the largest figure and the dates; and the nodes
        those edges join, with their names. With ``limit``, the edges with the most records
        only; ``total_edges`` and ``total_records`` count them all. With no filter but a type,
        the edges and names come from the aggregates (``relation_edges``, ``party_names``)
        when they are current."""
        ends, ends_params = "TRUE", []
        if party:
            ends, ends_params = "({} = ? OR {} = ?)", [party.upper(), party.upper()]
        plain = flt is None or replace(flt, type=None) == EventFilter()
        if plain and _aggregates().current(self):
            where = ("type = ?" if flt is not None and flt.type else "TRUE") + \
                f" AND {ends.format('source', 'target')}"
            params = ([flt.type] if flt is not None and flt.type else []) + ends_params
            edges, totals = self._stored_relations(where, params, limit)
            names_sql = ("SELECT party, own, first_name FROM party_names "
                         "WHERE list_contains(?::VARCHAR[], party)")
        else:
            where, params = (flt or EventFilter()).where()
            edges = self._dicts(RELATIONS_SQL.format(source=_WITH_DOCUMENTS, where=where,
                                                     ends=ends.format("src", "dst")),
                                params + ends_params)
            totals = {"total_edges": len(edges),
                      "total_records": sum(e["records"] for e in edges)}
            if limit is not None:
                edges = sorted(edges, key=lambda e: -e["records"])[:limit]  # stable: keeps order
            names_sql = (f"SELECT party, max(name) FILTER (WHERE code = party), min(name) FROM "
                         f"({_SIDES}) WHERE list_contains(?::VARCHAR[], party) GROUP BY party")
        parties = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
        name_of = {p: first if own is None else own
                   for p, own, first in self._run(names_sql, [parties]).fetchall()}
        records_of: collections.Counter = collections.Counter()
        for e in edges:  # one pass: summing each node's edges anew is nodes x edges
            records_of.update({e["source"]: e["records"], e["target"]: e["records"]})
        nodes = [{"id": p, "name": name_of.get(p) or p, "records": records_of[p]}
                 for p in parties]
        return {"nodes": nodes, "edges": edges, **totals}

    def _stored_relations(self, where: str, params: list[Any], limit: int | None
                          ) -> tuple[list[dict[str, Any]], dict[str, int]]:
        """The ``relation_edges`` rows that match ``where`` (the ``limit`` with the most records,
        ties in key order, as the records path sorts them) and the totals of all of them."""
        edges_, records = self._run(f"SELECT count(*), coalesce(sum(records), 0) FROM "
                                    f"relation_edges WHERE {where}", params).fetchone()
        order = "source, target, type" if limit is None else \
            "records DESC, source, target, type LIMIT ?"
        edges = self._dicts(f"SELECT * FROM relation_edges WHERE {where} ORDER BY {order}",
                            params + ([limit] if limit is not None else []))
        return edges, {"total_edges": edges_, "total_records": int(records)}

    def facets(self) -> dict[str, Any]:
        """What the filters can choose from: the types, commodities, modalities and kinds in
        the store and the first and last date of its records."""
        out: dict[str, Any] = {}
        for key, column in (("types", "type"), ("commodities", "what_category"),
                            ("modalities", "modality"), ("kinds", "kind")):
            rows = self._run(f"SELECT DISTINCT {column} FROM records WHERE {column} IS NOT NULL "
                             f"ORDER BY 1").fetchall()
            out[key] = [row[0] for row in rows]
        first, last = self._run("SELECT min(coalesce(r.date_start, d.date)), "
                                "max(coalesce(r.date_start, d.date)) FROM records r "
                                "LEFT JOIN documents d ON d.id = r.doc_id").fetchone()
        out.update(first=first, last=last)
        return out

    def places(self, flt: EventFilter | None = None) -> list[dict[str, Any]]:
        """The places of the records that match ``flt`` and have coordinates, one per GeoNames
        id, with its name, country, region, point, record and document counts and types
        (most records first): the points of the desk's map."""
        where, params = (flt or EventFilter()).where()
        sql = (f"SELECT r.location_geonames_id AS geonames_id, min(r.location_name) AS name, "
               f"min(r.location_country) AS country, min(r.location_admin1) AS admin1, "
               f"min(r.location_feature) AS feature, avg(r.location_lat) AS lat, "
               f"avg(r.location_lon) AS lon, count(*) AS records, "
               f"count(DISTINCT r.doc_id) AS documents, "
               f"list(DISTINCT r.type ORDER BY r.type) AS types "
               f"FROM records r LEFT JOIN documents d ON d.id = r.doc_id "
               f"WHERE {where} AND r.location_lat IS NOT NULL AND r.location_lon IS NOT NULL "
               f"GROUP BY r.location_geonames_id ORDER BY records DESC, name")
        return self._dicts(sql, params)

    def _dicts(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        cursor = self._run(sql, params)
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row)) for row in cursor.fetchall()]


_DATASET_COLUMNS = {
    "documents": "id, content_hash, title, date, url, source, origin, text, meta, "
                 "NULL::TIMESTAMP AS ingested_at",
    "records": ", ".join(_COLUMNS) + ", record",
    "rejected": "origin, reason, stage, doc_id, NULL::TIMESTAMP AS created",
}


def _attach_dataset(con: duckdb.DuckDBPyConnection, root: Path) -> None:
    """Replace each empty table by a view over the dataset's Parquet files, where it has any
    (a dataset with no rejected input has no rejected files)."""
    if not (root / "_sinew").is_dir():
        raise StoreError(f"{root} is a folder but not a sinew dataset (no _sinew/ inside): pass "
                         f"a DuckDB file, or a folder written by sinew ingest --engine dask",
                         stage="store")
    for table, columns in _DATASET_COLUMNS.items():
        if not any((root / table).glob("month=*/*.parquet")):
            continue
        files = str(root / table / "month=*" / "*.parquet").replace("'", "''")
        con.execute(f"DROP TABLE {table}")
        con.execute(f"CREATE VIEW {table} AS SELECT {columns} "
                    f"FROM read_parquet('{files}', hive_partitioning = true)")


@functools.cache
def _expected_columns() -> dict[str, list[str]]:
    """Each table's columns as ``_SCHEMA`` creates them (read back from an empty database)."""
    con = duckdb.connect(":memory:")
    try:
        con.execute(_SCHEMA)
        rows = con.execute("SELECT table_name, column_name FROM duckdb_columns() "
                           "WHERE NOT internal ORDER BY table_name, column_index").fetchall()
    finally:
        con.close()
    tables: dict[str, list[str]] = {}
    for table, column in rows:
        tables.setdefault(table, []).append(column)
    return tables


def export_format(target: str | Path) -> str:
    """The export format ``target``'s suffix names (``.parquet``, ``.csv``, ``.jsonl``,
    ``.json``, ``.tsv`` for the CAMEO table); an unknown suffix is a ``QueryError`` rather
    than a guess."""
    suffix = Path(target).suffix.lower().lstrip(".")
    fmt = {"json": "jsonl", "tsv": "cameo-tsv"}.get(suffix, suffix)
    if fmt not in EXPORT_FORMATS:
        raise QueryError(f"cannot tell the format of {target} from its suffix (name it .parquet, "
                         ".csv, .jsonl or .tsv, or pass --format/--as)")
    return fmt


def _check_page(limit: int, offset: int) -> None:
    # The database takes 64-bit integers; past them it fails with the query in its message.
    if not (0 <= limit <= MAX_ROWS and 0 <= offset <= MAX_ROWS):
        raise QueryError(f"limit and offset must be between 0 and {MAX_ROWS:,}, not "
                         f"{limit} and {offset}")


def _merge_aggregates(store: Store, root: Path) -> None:
    """A dataset whose every partition wrote its aggregate tables answers from them, merged
    in memory; one written before them (or before one of them) reads its records."""
    aggregates = _aggregates()
    aggregates.create_tables(store.con)
    parts = {table: {p.name for p in (root / table).glob("month=*/*.parquet")}
             for table in ("records", *aggregates.PARTITION_TABLES)}
    if parts["claim_sources"] and all(parts["records"] <= parts[table]
                                      for table in aggregates.PARTITION_TABLES):
        aggregates.merge_partitions(store, {
            table: str(root / table / "month=*" / "*.parquet").replace("'", "''")
            for table in aggregates.PARTITION_TABLES})


def _aggregates():
    """The aggregates module, which reads the store through the analyses (and they import
    this module): imported when first needed."""
    from .analysis import aggregates

    return aggregates


def _record_row(record: Record) -> dict[str, Any]:
    data = record.to_dict()  # once: it is most of the cost of a bulk load
    return {**_flat(data), "record": json.dumps(data)}


def _document_row(d: Document) -> dict[str, Any]:
    return {"id": d.id, "content_hash": d.content_hash, "title": d.title, "date": d.date,
            "url": d.url, "source": d.source, "origin": d.origin, "text": d.text,
            "meta": json.dumps(dict(d.meta), default=str)}


def _document(row: tuple) -> Document:
    keys = ("id", "text", "title", "date", "url", "source", "origin", "content_hash", "meta")
    data = dict(zip(keys, row))
    data["meta"] = json.loads(data["meta"] or "{}")
    return Document.from_dict(data)


def open_store(path: str | Path = "sinew.duckdb", *, read_only: bool = False) -> Store:
    return Store(path, read_only=read_only)
