"""The embedded store: documents, records and rejected inputs in one DuckDB file.

Records are kept whole (as JSON, the source of truth for round trips) and flattened into
columns for filtering and export. Every query is parameterised.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

import duckdb

from .errors import QueryError, StoreError
from .schema import Document, Record, Rejected, RunSummary

__all__ = ["EXPORT_FORMATS", "EventFilter", "Store", "flatten", "open_store"]

EXPORT_FORMATS = ("parquet", "csv", "jsonl")

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

_COLUMNS = (
    "id", "doc_id", "kind", "type", "mode", "actor_code", "actor_country", "actor_name",
    "actor_text", "recipient_code", "recipient_country", "recipient_name", "recipient_text",
    "what_category", "what_text", "quantity_value", "quantity_low", "quantity_high",
    "quantity_unit", "quantity_per", "quantity_status", "quantity_cumulative", "quantity_text",
    "modality", "attribution_code", "attribution_text", "date_start", "date_end",
    "date_granularity", "date_status", "date_text", "evidence_start", "evidence_end",
    "evidence_text", "trigger",
)
_NESTED = {"actor": ("code", "country", "name", "text"),
           "recipient": ("code", "country", "name", "text"),
           "what": ("category", "text"),
           "quantity": ("value", "low", "high", "unit", "per", "status", "cumulative", "text"),
           "attribution": ("code", "text"),
           "date": ("start", "end", "granularity", "status", "text"),
           "evidence": ("start", "end", "text")}


def flatten(record: Record) -> dict[str, Any]:
    """One flat row per record, the columns of the ``records`` table (and of CSV/Parquet)."""
    data = record.to_dict()
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
    limit: int | None = None
    offset: int = 0

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = ["TRUE"], []
        for column, value in (("actor", self.actor), ("recipient", self.recipient)):
            if value:
                clauses.append(f"({column}_country = ? OR {column}_code = ?)")
                params += [value.upper(), value.upper()]
        for column, value in (("type", self.type and self.type.upper()), ("kind", self.kind),
                              ("modality", self.modality), ("what_category", self.commodity),
                              ("doc_id", self.doc_id)):
            if value:
                clauses.append(f"r.{column} = ?")
                params.append(value)
        if self.since:
            clauses.append("coalesce(r.date_end, r.date_start, d.date) >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("coalesce(r.date_start, r.date_end, d.date) <= ?")
            params.append(self.until)
        return " AND ".join(clauses), params


class Store:
    """A DuckDB file (or ``:memory:``) holding documents, records and rejected inputs."""

    def __init__(self, path: str | Path = "sinew.duckdb", *, read_only: bool = False):
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
            if not read_only:
                self.con.execute(_SCHEMA)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}", stage="store") from exc

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _run(self, sql: str, params: Iterable[Any] = ()) -> duckdb.DuckDBPyConnection:
        try:
            return self.con.execute(sql, list(params))
        except duckdb.Error as exc:
            raise StoreError(f"store {self.path}: {exc}", stage="store") from exc

    def known(self) -> tuple[set[str], set[str]]:
        """Content hashes and ids of stored documents (to recognise re-ingested input)."""
        rows = self._run("SELECT content_hash, id FROM documents").fetchall()
        return {h for h, _ in rows}, {i for _, i in rows}

    def add_document(self, document: Document, records: list[Record]) -> None:
        """Store one document and its records in one transaction; re-adding changes nothing."""
        self.con.begin()
        try:
            d = document
            self._run("INSERT OR IGNORE INTO documents (id, content_hash, title, date, url, "
                      "source, origin, text, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      [d.id, d.content_hash, d.title, d.date, d.url, d.source, d.origin, d.text,
                       json.dumps(dict(d.meta), default=str)])
            self.add_records(records)
            self.con.commit()
        except Exception:
            self.con.rollback()
            raise

    def add_records(self, records: Iterable[Record]) -> None:
        rows = []
        for record in records:
            flat = flatten(record)
            rows.append([flat[c] for c in _COLUMNS] + [json.dumps(record.to_dict())])
        if rows:
            marks = ", ".join("?" * (len(_COLUMNS) + 1))
            sql = f"INSERT OR IGNORE INTO records ({', '.join(_COLUMNS)}, record) VALUES ({marks})"
            try:
                self.con.executemany(sql, rows)
            except duckdb.Error as exc:
                raise StoreError(f"store {self.path}: {exc}", stage="store") from exc

    def add_rejected(self, rejected: Rejected) -> None:
        self._run("INSERT INTO rejected (origin, reason, stage, doc_id) VALUES (?, ?, ?, ?)",
                  [rejected.origin, rejected.reason, rejected.stage, rejected.doc_id])

    def add_run(self, summary: RunSummary) -> None:
        self._run("INSERT INTO runs (summary) VALUES (?)", [json.dumps(summary.to_dict())])

    def events(self, flt: EventFilter | None = None) -> list[Record]:
        flt = flt or EventFilter()
        where, params = flt.where()
        sql = (f"SELECT r.record FROM records r LEFT JOIN documents d ON d.id = r.doc_id "
               f"WHERE {where} ORDER BY coalesce(r.date_start, d.date), r.doc_id, "
               f"r.evidence_start, r.id")
        if flt.limit is not None:
            if flt.limit < 0 or flt.offset < 0:
                raise QueryError("limit and offset must be zero or more")
            sql += " LIMIT ? OFFSET ?"
            params += [flt.limit, flt.offset]
        return [Record.from_dict(json.loads(row[0])) for row in self._run(sql, params).fetchall()]

    def documents(self) -> Iterator[Document]:
        cols = "id, text, title, date, url, source, origin, content_hash, meta"
        for row in self._run(f"SELECT {cols} FROM documents ORDER BY id").fetchall():
            data = dict(zip(cols.split(", "), row))
            data["meta"] = json.loads(data["meta"] or "{}")
            yield Document.from_dict(data)

    def document(self, doc_id: str) -> Document | None:
        return next((d for d in self.documents() if d.id == doc_id), None)

    def rejected(self) -> list[Rejected]:
        rows = self._run("SELECT origin, reason, stage, doc_id FROM rejected ORDER BY created").fetchall()
        return [Rejected(*row) for row in rows]

    def counts(self) -> dict[str, int]:
        return {table: self._run(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("documents", "records", "rejected")}

    def export(self, target: str | Path, fmt: str = "parquet", table: str = "records") -> Path:
        """Write a table to Parquet, CSV or JSON Lines (records as whole JSON objects)."""
        if fmt not in EXPORT_FORMATS:
            raise QueryError(f"format must be one of {', '.join(EXPORT_FORMATS)}, not {fmt!r}")
        if table not in ("records", "documents", "rejected"):
            raise QueryError(f"table must be records, documents or rejected, not {table!r}")
        target = Path(target)
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


def open_store(path: str | Path = "sinew.duckdb", *, read_only: bool = False) -> Store:
    return Store(path, read_only=read_only)
