"""The same pipeline on a Dask cluster: partitions in, a Parquet dataset out, resumable.

Each partition (see :mod:`sinew.sources`) is one Dask task. A worker loads the spaCy pipeline
once (:class:`LoadModel`, a worker plugin over the cached :func:`sinew.nlp.load_nlp`) and runs
the very stage functions of a local run: reading, the NLP pass, extraction. What a partition
writes is named by the partition's content hash, so a rerun skips what is done::

    OUT/documents/month=2024-06/part-<partition>.parquet   one file per month the partition has
    OUT/records/month=2024-06/part-<partition>.parquet     records, filed under their document's
    OUT/rejected/month=unknown/part-<partition>.parquet    month ("unknown" when undated)
    OUT/_sinew/done/<partition>.json     written last: the partition is finished, with its counts
    OUT/_sinew/failed/<partition>.json   the partition failed after its retries (rerun retries it)
    OUT/_sinew/summary.json              the run summary over every finished partition

Every file is written under a temporary name and renamed, so a killed worker leaves no half
file, and a partition without its done-marker is simply run again.

Duplicates: within a partition the pipeline's ``Deduplicator`` drops them before parsing, as a
local run does. Across partitions a worker cannot know, so :func:`finalize` finds documents whose
content hash or id occurs in an earlier partition (in the order a local run reads the sources),
deletes them and their records from their partition's files and counts them as duplicates. The
totals then equal a local run's: read = processed + duplicate + rejected.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import pipeline
from .errors import MissingExtraError, StoreError
from .nlp import load_nlp
from .schema import Document, Evidence, Record, RunSummary
from .sources import LINES_PER_PARTITION, Partition, plan, read_partition
from .store import LOCATION_COLUMNS, Store, flatten

try:
    import dask
    import distributed
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    raise MissingExtraError("dask[distributed]", "dist") from exc

__all__ = [
    "LoadModel",
    "PartitionResult",
    "ScaleRun",
    "dask_ingest",
    "finalize",
    "load_dataset",
    "local_cluster",
    "process_partition",
    "read_records",
    "run_partitions",
]

TABLES = ("documents", "records", "rejected")
#: Aggregates written per partition (sinew.analysis.aggregates), merged when opened.
AGGREGATES = ("claim_sources", "network_counts", "network_rollup")
_META = "_sinew"
_PART = "part-{}.parquet"


@dataclass
class PartitionResult:
    """What one partition did: its counts, or why it failed; ``skipped`` when already done."""

    id: str
    label: str
    summary: RunSummary
    skipped: bool = False
    failed: str | None = None


@dataclass
class ScaleRun:
    """A run over a cluster: the summary summed over partitions (cross-partition duplicates
    counted), how many partitions there were, were already done, and failed."""

    summary: RunSummary
    out: Path
    partitions: int
    skipped: int
    failed: int
    partition_results: list[PartitionResult] = field(default_factory=list)


class LoadModel(WorkerPlugin):
    """Loads the spaCy pipeline when a worker starts (and restarts), once per process."""

    name = "sinew-load-model"

    def __init__(self, model: str | None = None):
        self.model = model

    def setup(self, worker: Any) -> None:
        load_nlp(self.model)


# ---------------------------------------------------------------- worker side

def process_partition(part: Partition, out: str, model: str | None = None) -> PartitionResult:
    """Run the pipeline over one partition and write its tables; a finished partition is
    not run again. Runs on a worker; raises only what is worth a retry (I/O errors)."""
    root = Path(out)
    done = _marker(root, "done", part.id)
    if done.exists():
        return _result(json.loads(done.read_text()), skipped=True)
    _clear(root, part.id)
    summary = RunSummary()
    started = time.perf_counter()
    outcomes = list(pipeline.process_items(read_partition(part), model=model, summary=summary))
    summary.seconds = time.perf_counter() - started
    files = _write_tables(root, part.id, outcomes)
    marker = {"id": part.id, "label": part.label, "summary": summary.to_dict(),
              "files": files, "removed": {}}
    _write_json(done, marker)
    _marker(root, "failed", part.id).unlink(missing_ok=True)
    return _result(marker)


def _month(document: Document | None) -> str:
    date = document.date if document is not None else None
    return date[:7] if date and len(date) >= 7 else "unknown"


def _write_tables(root: Path, part_id: str, outcomes: list[pipeline.Outcome]) -> list[str]:
    rows: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for position, outcome in enumerate(outcomes):
        month = _month(outcome.document)
        if outcome.status == "processed" and outcome.document is not None:
            rows.setdefault(("documents", month), []).append(
                _document_row(outcome.document, part_id, position))
            rows.setdefault(("records", month), []).extend(
                dict(flatten(r), record=json.dumps(r.to_dict(), ensure_ascii=False))
                for r in outcome.records)
        elif outcome.status == "rejected" and outcome.rejected is not None:
            rows.setdefault(("rejected", "unknown"), []).append(
                dict(outcome.rejected.to_dict(), partition=part_id))
    files = []
    for (table, month), table_rows in sorted(rows.items()):
        if table_rows:
            path = root / table / f"month={month}" / _PART.format(part_id)
            _write_parquet(pa.Table.from_pylist(table_rows, schema=SCHEMAS[table]), path)
            files.append(str(path.relative_to(root)))
    batch = [(o.document, o.records) for o in outcomes
             if o.status == "processed" and o.document is not None]
    return files + _write_aggregates(root, part_id, batch)


def _write_aggregates(root: Path, part_id: str, batch: list) -> list[str]:
    """The partition's aggregate tables (written even when empty: a partition with records
    and no aggregate files is one written before them, and the dataset is not aggregated)."""
    from .analysis import aggregates

    files = []
    for table, data in aggregates.partition_tables(batch).items():
        path = root / table / "month=all" / _PART.format(part_id)
        _write_parquet(data, path)
        files.append(str(path.relative_to(root)))
    return files


def _document_row(document: Document, part_id: str, position: int) -> dict[str, Any]:
    row = document.to_dict()
    row["meta"] = json.dumps(row["meta"], default=str, ensure_ascii=False)
    return dict(row, partition=part_id, position=position)


def _write_parquet(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False))
    os.replace(tmp, path)


def _clear(root: Path, part_id: str) -> None:
    """Remove what an earlier, unfinished attempt at this partition left."""
    for table in TABLES + AGGREGATES:
        for path in (root / table).glob(f"month=*/*{part_id}*"):
            path.unlink(missing_ok=True)


def _marker(root: Path, kind: str, part_id: str) -> Path:
    return root / _META / kind / f"{part_id}.json"


def _result(marker: dict[str, Any], *, skipped: bool = False) -> PartitionResult:
    return PartitionResult(marker["id"], marker["label"], _summary(marker["summary"]),
                           skipped=skipped, failed=marker.get("failed"))


def _summary(data: dict[str, Any]) -> RunSummary:
    return RunSummary(**{k: v for k, v in data.items() if k in RunSummary.__dataclass_fields__})


def _record_schema() -> pa.Schema:
    # The columns follow store.flatten, so the dataset and the store cannot drift apart.
    blank = Record("", "", "", "", None, None, None, None, None, "", None, None,
                   Evidence("", 0, 0))
    types = {"quantity_value": pa.float64(), "quantity_low": pa.float64(),
             "quantity_high": pa.float64(), "quantity_cumulative": pa.bool_(),
             "evidence_start": pa.int64(), "evidence_end": pa.int64()}
    types.update((name, {"BIGINT": pa.int64(), "DOUBLE": pa.float64()}.get(kind, pa.string()))
                 for name, kind in LOCATION_COLUMNS)
    return pa.schema([(name, types.get(name, pa.string())) for name in flatten(blank)]
                     + [("record", pa.string())])


SCHEMAS = {
    "documents": pa.schema([(name, pa.string()) for name in (
        "id", "text", "title", "date", "url", "source", "origin", "content_hash", "meta",
        "partition")] + [("position", pa.int64())]),
    "records": _record_schema(),
    "rejected": pa.schema([(name, pa.string()) for name in (
        "origin", "reason", "stage", "doc_id", "partition")]),
}


# ---------------------------------------------------------------- client side

#: ``dashboard_address=None`` does not stop Dask from opening an HTTP server: the scheduler's
#: listens on 8787 with its info pages, metrics and a proxy, each worker's on a port of its own.
#: There is no switch for it, so it listens on a free loopback port and serves no page at all.
_NO_HTTP = {"distributed.scheduler.http.routes": [], "distributed.worker.http.routes": []}


@contextlib.contextmanager
def local_cluster(workers: int = 2, *, model: str | None = None) -> Iterator[distributed.Client]:
    """A Dask cluster of ``workers`` single-threaded processes on 127.0.0.1, no dashboard:
    the scheduler, nannies and workers listen on loopback only and answer no HTTP page."""
    # Set for the cluster's whole life: a nanny restarts a killed worker with the settings
    # of that moment.
    with dask.config.set(_NO_HTTP):
        cluster = distributed.LocalCluster(
            host="127.0.0.1", n_workers=workers, threads_per_worker=1, processes=True,
            dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
        try:
            with distributed.Client(cluster) as client:
                yield client
        finally:
            cluster.close()


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[distributed.Client]:
    if scheduler is None:
        with local_cluster(workers) as client:
            yield client
    else:
        with distributed.Client(scheduler) as client:
            yield client


def dask_ingest(sources: Iterable[str | Path], out: str | Path, *,
                client: distributed.Client | None = None, scheduler: str | None = None,
                workers: int = 2, fmt: str = "auto", default_date: str | None = None,
                model: str | None = None, lines_per_partition: int = LINES_PER_PARTITION,
                text_column: str = "text", retries: int = 2,
                on_plan: Callable[[int, int], None] | None = None,
                on_partition: Callable[[PartitionResult], None] | None = None) -> ScaleRun:
    """Run the pipeline over ``sources`` on a Dask cluster into the Parquet dataset ``out``.

    The cluster is ``client``, else the scheduler at ``scheduler`` (``tcp://host:port``), else a
    new local cluster of ``workers`` processes. ``out`` and the sources must be paths every
    worker sees (a shared file system). Partitions already in ``out`` are not run again.
    ``on_plan(partitions, already_done)`` and ``on_partition(result)`` report progress."""
    parts = plan(sources, fmt=fmt, default_date=default_date,
                 lines_per_partition=lines_per_partition, text_column=text_column)
    if client is not None:
        return run_partitions(parts, out, client=client, model=model, retries=retries,
                              on_plan=on_plan, on_partition=on_partition)
    with _client(scheduler, workers) as own:
        return run_partitions(parts, out, client=own, model=model, retries=retries,
                              on_plan=on_plan, on_partition=on_partition)


def run_partitions(parts: list[Partition], out: str | Path, *, client: distributed.Client,
                   model: str | None = None, retries: int = 2,
                   on_plan: Callable[[int, int], None] | None = None,
                   on_partition: Callable[[PartitionResult], None] | None = None) -> ScaleRun:
    """Run the unfinished ``parts`` on ``client``, then :func:`finalize` ``out``. A partition
    that still fails after ``retries`` is recorded as rejected; the run goes on."""
    root = Path(out)
    started = time.perf_counter()
    client.register_plugin(LoadModel(model))
    done = {p.id for p in parts if _marker(root, "done", p.id).exists()}
    todo = [p for p in parts if p.id not in done]
    results = [_result(json.loads(_marker(root, "done", i).read_text()), skipped=True)
               for i in done]
    if on_plan is not None:
        on_plan(len(parts), len(results))
    # Keys unique to this run: an interrupted run's cancelled tasks may still be winding down.
    run_id = uuid.uuid4().hex[:8]
    futures = {client.submit(process_partition, p, str(root), model, retries=retries,
                             key=f"sinew-{p.id}-{run_id}"): p for p in todo}
    try:
        for future in distributed.as_completed(futures):
            result = _collect(future, futures[future], root)
            results.append(result)
            if on_partition is not None:
                on_partition(result)
    finally:
        client.cancel(list(futures))
    summary = finalize(root, parts)
    summary.seconds = time.perf_counter() - started
    _write_json(root / _META / "summary.json", summary.to_dict())
    return ScaleRun(summary, root, len(parts), len(done),
                    sum(r.failed is not None for r in results), results)


def _collect(future: distributed.Future, part: Partition, root: Path) -> PartitionResult:
    try:
        return future.result()
    except Exception as exc:  # whatever a worker raised, after its retries
        reason = f"partition-failed: {part.label}: {type(exc).__name__}: {exc}"
        _clear(root, part.id)
        _write_parquet(pa.Table.from_pylist(
            [{"origin": part.label, "reason": reason, "stage": "partition", "doc_id": None,
              "partition": part.id}], schema=SCHEMAS["rejected"]),
            root / "rejected" / "month=unknown" / _PART.format(part.id))
        summary = RunSummary(read=1)
        summary.reject(reason)
        marker = {"id": part.id, "label": part.label, "summary": summary.to_dict(),
                  "failed": reason}
        _write_json(_marker(root, "failed", part.id), marker)
        return _result(marker)


# ---------------------------------------------------------------- the dataset

def _glob(root: Path, table: str) -> str:
    return str(root / table / "month=*" / "*.parquet").replace("'", "''")


def _has(root: Path, table: str) -> bool:
    return any((root / table).glob("month=*/*.parquet"))


def finalize(out: str | Path, parts: Iterable[Partition] = ()) -> RunSummary:
    """Remove documents that an earlier partition already has (``parts`` gives the order;
    partitions not in it come last) and return the summary over every partition in ``out``."""
    root = Path(out)
    for tmp in root.glob("*/month=*/.*.tmp"):
        tmp.unlink(missing_ok=True)
    markers = {p.stem: json.loads(p.read_text()) for p in (root / _META / "done").glob("*.json")}
    _remove_cross_duplicates(root, markers, {p.id: i for i, p in enumerate(parts)})
    summary = RunSummary()
    failed = [json.loads(p.read_text()) for p in (root / _META / "failed").glob("*.json")]
    for marker in list(markers.values()) + [f for f in failed if f["id"] not in markers]:
        _add(summary, marker)
    return summary


def _add(total: RunSummary, marker: dict[str, Any]) -> None:
    part = _summary(marker["summary"])
    removed = marker.get("removed", {}).values()
    total.read += part.read
    total.processed += part.processed - len(removed)
    total.duplicate += part.duplicate + len(removed)
    total.rejected += part.rejected
    total.events += part.events - sum(r["events"] for r in removed)
    total.measures += part.measures - sum(r["measures"] for r in removed)
    for key, count in part.reasons.items():
        total.reasons[key] = total.reasons.get(key, 0) + count


def _remove_cross_duplicates(root: Path, markers: dict[str, dict[str, Any]],
                             rank: dict[str, int]) -> None:
    if not _has(root, "documents"):
        return
    found = _cross_duplicates(root, rank)
    by_part: dict[str, dict[str, dict[str, int]]] = {}
    for part_id, doc_id, events, measures in found:
        by_part.setdefault(part_id, {})[doc_id] = {"events": events, "measures": measures}
    for part_id, docs in by_part.items():
        marker = markers[part_id]
        # The marker first: if the rewrite is cut short, the next finalize finishes it.
        marker["removed"] = dict(marker.get("removed", {}), **docs)
        _write_json(_marker(root, "done", part_id), marker)
    for part_id, marker in markers.items():
        if marker.get("removed"):
            _drop_documents(root, part_id, set(marker["removed"]))


def _cross_duplicates(root: Path, rank: dict[str, int]) -> list[tuple[str, str, int, int]]:
    con = duckdb.connect()
    con.execute("CREATE TABLE rank (partition VARCHAR, rank BIGINT)")
    if rank:
        con.executemany("INSERT INTO rank VALUES (?, ?)", list(rank.items()))
    records = (f"SELECT doc_id, kind, regexp_extract(filename, 'part-([0-9a-f]+)', 1) AS partition "
               f"FROM read_parquet('{_glob(root, 'records')}', filename=true)"
               if _has(root, "records") else
               "SELECT NULL::VARCHAR doc_id, NULL::VARCHAR kind, NULL::VARCHAR partition")
    sql = f"""
        WITH d AS (SELECT d.id, d.content_hash, d.partition, d.position,
                          coalesce(r.rank, 9223372036854775807) AS rank
                   FROM read_parquet('{_glob(root, 'documents')}') d
                   LEFT JOIN rank r USING (partition)),
        n AS (SELECT *, row_number() OVER (PARTITION BY content_hash
                                           ORDER BY rank, partition, position) AS by_hash,
                        row_number() OVER (PARTITION BY id
                                           ORDER BY rank, partition, position) AS by_id FROM d),
        recs AS ({records})
        SELECT n.partition, n.id,
               count(recs.kind) FILTER (WHERE recs.kind = 'event'),
               count(recs.kind) FILTER (WHERE recs.kind = 'measure')
        FROM n LEFT JOIN recs ON recs.doc_id = n.id AND recs.partition = n.partition
        WHERE n.by_hash > 1 OR n.by_id > 1 GROUP BY n.partition, n.id"""
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _drop_documents(root: Path, part_id: str, doc_ids: set[str]) -> None:
    drop = pa.array(sorted(doc_ids), pa.string())
    if _rewrite_without(root, part_id, drop):
        _write_aggregates(root, part_id, _partition_batch(root, part_id))


def _partition_batch(root: Path, part_id: str) -> list[tuple[Document, list[Record]]]:
    """The documents of one partition with their records, read back from its files."""
    def rows(table: str) -> list[dict[str, Any]]:
        return [row for path in (root / table).glob(f"month=*/{_PART.format(part_id)}")
                for row in pq.read_table(path).to_pylist()]

    records: dict[str, list[Record]] = {}
    for row in rows("records"):
        records.setdefault(row["doc_id"], []).append(Record.from_dict(json.loads(row["record"])))
    keys = Document.__dataclass_fields__
    return [(Document.from_dict({k: v for k, v in row.items() if k in keys}
                                | {"meta": json.loads(row["meta"] or "{}")}),
             records.get(row["id"], [])) for row in rows("documents")]


def _rewrite_without(root: Path, part_id: str, drop: pa.Array) -> bool:
    """Rewrite the partition's files without the dropped documents; whether any changed."""
    changed = False
    for table, column in (("documents", "id"), ("records", "doc_id")):
        for path in (root / table).glob(f"month=*/{_PART.format(part_id)}"):
            data = pq.read_table(path)
            keep = data.filter(pc.invert(pc.is_in(data[column], drop)))
            if keep.num_rows == data.num_rows:
                continue
            changed = True
            if keep.num_rows:
                _write_parquet(keep, path)
            else:
                path.unlink()
    return changed


def read_records(out: str | Path) -> list[Record]:
    """Every record of the dataset ``out``, whole (from its ``record`` JSON column)."""
    root = Path(out)
    if not _has(root, "records"):
        return []
    con = duckdb.connect()
    try:
        rows = con.execute(f"SELECT record FROM read_parquet('{_glob(root, 'records')}') "
                           "ORDER BY id").fetchall()
    finally:
        con.close()
    return [Record.from_dict(json.loads(row[0])) for row in rows]


def load_dataset(out: str | Path, store: Store) -> RunSummary:
    """Load the dataset ``out`` into ``store``. Documents the store has (same id or content
    hash) count as duplicates and their records are not added twice: loading again adds
    nothing."""
    root = Path(out)
    if not (root / _META).is_dir():
        raise StoreError(f"{root} is not a sinew dataset (no {_META}/ inside): pass a folder "
                         "written by sinew scale-ingest or sinew ingest --engine dask",
                         stage="store")
    summary, started = RunSummary(), time.perf_counter()
    before = store.counts()
    try:
        if _has(root, "documents"):
            _load_documents(store.con, root)
        if _has(root, "rejected"):
            store.con.execute(
                f"INSERT INTO rejected (origin, reason, stage, doc_id) "
                f"SELECT origin, reason, stage, doc_id FROM read_parquet('{_glob(root, 'rejected')}') x "
                f"WHERE NOT EXISTS (SELECT 1 FROM rejected r WHERE r.origin = x.origin "
                f"AND r.reason = x.reason)")
        offered = _count_rows(store.con, root)
    except duckdb.Error as exc:
        raise StoreError(f"cannot load {root} into {store.path}: {exc}", stage="store") from exc
    after = store.counts()
    summary.processed = after["documents"] - before["documents"]
    summary.duplicate = offered["documents"] - summary.processed
    summary.rejected = offered["rejected"]
    summary.read = summary.processed + summary.duplicate + summary.rejected
    summary.events, summary.measures = _new_records(store.con, before["records"])
    _aggregates_after_load(store)
    summary.seconds = time.perf_counter() - started
    store.add_run(summary)
    return summary


def _aggregates_after_load(store: Store) -> None:
    """Records loaded in bulk are not yet in the store's aggregates: recompute them."""
    from .analysis import aggregates

    if not aggregates.current(store):
        aggregates.rebuild(store)


def _load_documents(con: duckdb.DuckDBPyConnection, root: Path) -> None:
    cols = "id, content_hash, title, date, url, source, origin, text, meta"
    con.execute(f"INSERT OR IGNORE INTO documents ({cols}) SELECT {cols} "
                f"FROM read_parquet('{_glob(root, 'documents')}') d WHERE d.content_hash "
                f"NOT IN (SELECT content_hash FROM documents WHERE content_hash IS NOT NULL)")
    if _has(root, "records"):
        names = ", ".join(SCHEMAS["records"].names)
        # Only records of the dataset's own documents as stored: a stored document that
        # shares an id but not the text keeps its own records.
        con.execute(f"INSERT OR IGNORE INTO records ({names}) "
                    f"SELECT {', '.join('r.' + n for n in SCHEMAS['records'].names)} "
                    f"FROM read_parquet('{_glob(root, 'records')}') r "
                    f"JOIN read_parquet('{_glob(root, 'documents')}') d ON d.id = r.doc_id "
                    f"JOIN documents s ON s.id = d.id AND s.content_hash = d.content_hash")


def _count_rows(con: duckdb.DuckDBPyConnection, root: Path) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM read_parquet('{_glob(root, t)}')").fetchone()[0]
            if _has(root, t) else 0 for t in ("documents", "rejected")}


def _new_records(con: duckdb.DuckDBPyConnection, before: int) -> tuple[int, int]:
    # Records have no insertion time; rowid order is insertion order in DuckDB tables.
    rows = con.execute("SELECT kind, count(*) FROM (SELECT kind FROM records "
                       "ORDER BY rowid OFFSET ?) GROUP BY kind", [before]).fetchall()
    counts = dict(rows)
    return counts.get("event", 0), counts.get("measure", 0)
