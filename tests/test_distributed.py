"""Tests for sinew.distributed: a 2-worker Dask cluster on 127.0.0.1 gives exactly the records
and counts of a single-process run, survives a killed worker and resumes an interrupted run."""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
from importlib import resources
from pathlib import Path

import pytest

distributed_mod = pytest.importorskip("distributed")

import click  # noqa: E402
import httpx  # noqa: E402
import psutil  # noqa: E402 - a dependency of distributed
from click.testing import CliRunner  # noqa: E402

from sinew import distributed as sd  # noqa: E402
from sinew.cli_dist import register  # noqa: E402
from sinew.pipeline import ingest, process  # noqa: E402
from sinew.schema import RunSummary  # noqa: E402
from sinew.sources import plan  # noqa: E402
from sinew.store import Store  # noqa: E402

DEMO = resources.files("sinew") / "data" / "demo"
LINES = 6


@pytest.fixture(scope="module")
def client():
    with sd.local_cluster(2) as client:
        yield client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    """Demo reports in three variants, a bad line and two cross-partition duplicates (one by
    content, one by content under a new id), plus the demo folder: 13 partitions."""
    rows = [json.loads(line) for line in (DEMO / "reports.jsonl").read_text().splitlines()]
    lines = [json.dumps({k: v for k, v in row.items() if k != "id"}
                        | {"text": f"Bulletin {i}.\n\n{row['text']}"})
             for i in range(3) for row in rows]
    lines += ["not json", json.dumps(rows[0]), json.dumps(dict(rows[1], id="copy-2"))]
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return [str(path), str(DEMO)]


@pytest.fixture(scope="module")
def reference(corpus):
    summary = RunSummary()
    records = [r for o in process(corpus, summary=summary) for r in o.records]
    return sorted((r.to_dict() for r in records), key=lambda r: r["id"]), summary


def counts(summary: RunSummary) -> tuple:
    return (summary.read, summary.processed, summary.duplicate, summary.rejected,
            summary.events, summary.measures, summary.reasons)


def check_same(out: Path, run: sd.ScaleRun, reference) -> None:
    records, summary = reference
    got = [r.to_dict() for r in sd.read_records(out)]
    assert [r["id"] for r in got] == [r["id"] for r in records]
    assert got == records
    assert counts(run.summary) == counts(summary) and run.summary.balanced


def _executing(dask_worker) -> int:
    return dask_worker.state.executing_count


def wait_idle(client, timeout: float = 60) -> None:
    """Until cancelled tasks still running on the workers have finished."""
    deadline = time.monotonic() + timeout
    while any(client.run(_executing).values()) and time.monotonic() < deadline:
        time.sleep(0.1)


def test_distributed_matches_single_process(client, corpus, reference, tmp_path):
    run = sd.dask_ingest(corpus, tmp_path, client=client, lines_per_partition=LINES)
    assert run.partitions >= 8 and run.skipped == 0 and run.failed == 0
    check_same(tmp_path, run, reference)
    assert run.summary.duplicate == 2 and run.summary.reasons == {"not-json": 1}
    # The model is loaded once in each worker process, by the plugin, not per partition.
    from sinew.nlp import load_nlp

    loads = client.run(lambda: load_nlp.cache_info().misses)
    assert list(loads.values()) == [1, 1]


def test_distributed_rerun_changes_nothing(client, corpus, reference, tmp_path):
    first = sd.dask_ingest(corpus, tmp_path, client=client, lines_per_partition=LINES)
    files = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*.parquet")}
    again = sd.dask_ingest(corpus, tmp_path, client=client, lines_per_partition=LINES)
    assert again.skipped == again.partitions == first.partitions
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*.parquet")} == files
    check_same(tmp_path, again, reference)


class Stop(Exception):
    pass


def test_distributed_interrupted_run_resumes_with_missing_partitions(client, corpus, reference,
                                                                     tmp_path):
    def stop_after_three(result, seen=[]):
        seen.append(result)
        if len(seen) == 3:
            raise Stop

    with pytest.raises(Stop):
        sd.dask_ingest(corpus, tmp_path, client=client, lines_per_partition=LINES,
                       on_partition=stop_after_three)
    wait_idle(client)
    done = {p: p.stat().st_mtime_ns for p in (tmp_path / "_sinew" / "done").glob("*.json")}
    total = len(plan(corpus, lines_per_partition=LINES))
    assert 3 <= len(done) < total
    ran = []
    run = sd.dask_ingest(corpus, tmp_path, client=client, lines_per_partition=LINES,
                         on_partition=ran.append)
    assert run.skipped == len(done) and len(ran) == total - len(done)
    assert not any(r.skipped for r in ran)
    check_same(tmp_path, run, reference)


def test_distributed_survives_a_killed_worker(client, corpus, reference, tmp_path):
    pids = client.run(os.getpid)
    killed = []

    def kill_one(result):
        if not killed:
            address, pid = sorted(pids.items())[0]
            os.kill(pid, signal.SIGKILL)
            killed.append(address)

    run = sd.dask_ingest(corpus, tmp_path, client=client, lines_per_partition=LINES,
                         on_partition=kill_one)
    assert killed and run.failed == 0
    check_same(tmp_path, run, reference)
    client.wait_for_workers(2, timeout=60)


def test_distributed_failed_partition_is_rejected_and_retried_on_rerun(client, corpus,
                                                                       reference, tmp_path):
    source = tmp_path / "news.jsonl"
    source.write_text(Path(corpus[0]).read_text())
    parts = plan([str(source), corpus[1]], lines_per_partition=LINES)
    hidden = source.rename(tmp_path / "away.jsonl")
    out = tmp_path / "out"
    run = sd.run_partitions(parts, out, client=client, retries=1)
    failed = sum(p.kind == "jsonl" and p.paths == (str(source),) for p in parts)
    assert run.failed == failed and run.summary.reasons["partition-failed"] == failed
    assert run.summary.balanced and run.summary.processed > 0
    with Store(":memory:") as store:
        sd.load_dataset(out, store)
        reasons = [r.reason for r in store.rejected()]
    assert sum("FileNotFoundError" in r for r in reasons) == failed
    hidden.rename(source)
    again = sd.run_partitions(parts, out, client=client)
    assert again.failed == 0 and again.skipped == len(parts) - failed
    check_same(out, again, reference)


def test_distributed_dataset_loads_into_store_like_a_local_ingest(client, corpus, tmp_path):
    sd.dask_ingest(corpus, tmp_path / "out", client=client, lines_per_partition=LINES)
    with Store(tmp_path / "local.duckdb") as local, Store(tmp_path / "dist.duckdb") as store:
        ingest(corpus, local)
        loaded = sd.load_dataset(tmp_path / "out", store)
        assert store.counts() == local.counts()
        assert [r.to_dict() for r in store.events()] == [r.to_dict() for r in local.events()]
        assert list(store.documents()) == list(local.documents())
        assert loaded.processed == local.counts()["documents"] and loaded.balanced
        again = sd.load_dataset(tmp_path / "out", store)
        assert again.processed == 0 and store.counts() == local.counts()


def test_distributed_dataset_is_partitioned_by_month_for_duckdb(client, corpus, tmp_path):
    import duckdb

    sd.dask_ingest(corpus, tmp_path, client=client, lines_per_partition=LINES)
    months = duckdb.sql(f"SELECT DISTINCT month FROM read_parquet('{tmp_path}/records/*/*.parquet', "
                        "hive_partitioning=true) ORDER BY month").fetchall()
    assert ("2024-05",) in months and all(len(m) == 7 or m == "unknown" for (m,) in months)


def test_cli_dist_scale_ingest_uses_the_running_scheduler(client, corpus, reference, tmp_path):
    group = click.Group("sinew")
    register(group)
    result = CliRunner().invoke(group, ["scale-ingest", *corpus, "--out", str(tmp_path / "out"),
                                        "--scheduler", client.scheduler.address,
                                        "--lines-per-partition", str(LINES),
                                        "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 1, result.output  # the bad line is rejected
    assert "read 74" in result.output and "duplicate 2" in result.output
    assert "partitions 13" in result.output
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        assert store.counts()["records"] == len(reference[0])


def test_distributed_public_api():
    assert sorted(sd.__all__) == sorted([
        "LoadModel", "PartitionResult", "ScaleRun", "dask_ingest", "finalize", "load_dataset",
        "local_cluster", "process_partition", "read_records", "run_partitions"])


def test_distributed_load_keeps_a_stored_document_that_shares_an_id(client, tmp_path):
    """A dataset document whose id the store already has for another text adds neither the
    document nor its records: the stored document keeps exactly its own records."""
    rows = [{"id": "same", "text": "North Korea shipped shells to Russia."}]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    sd.dask_ingest([str(tmp_path / "in.jsonl")], tmp_path / "out", client=client)
    with Store(tmp_path / "s.duckdb") as store:
        (tmp_path / "own.jsonl").write_text(json.dumps(
            {"id": "same", "text": "Iran delivered drones to Russia."}) + "\n")
        ingest([str(tmp_path / "own.jsonl")], store)
        before = [r.id for r in store.events()]
        sd.load_dataset(tmp_path / "out", store)
        assert [r.id for r in store.events()] == before
        assert [r.what.category for r in store.events()] == ["drones"]


def test_distributed_dataset_in_place_answers_from_merged_partition_aggregates(client, corpus,
                                                                                 tmp_path):
    from sinew.analysis import aggregates, flows, network

    sd.dask_ingest(corpus, tmp_path / "out", client=client, lines_per_partition=LINES)
    assert list((tmp_path / "out" / "claim_sources").glob("month=all/*.parquet"))
    with Store(tmp_path / "local.duckdb") as local, Store(tmp_path / "out") as dataset:
        ingest(corpus, local)
        assert aggregates.current(dataset)
        for table in ("claims", "claim_sources", "network_rollup", "relation_edges",
                      "party_names"):
            assert sorted(dataset.query(f"SELECT * FROM {table}")) == \
                sorted(local.query(f"SELECT * FROM {table}"))
        assert [f.to_dict() for f in flows(dataset)] == [f.to_dict() for f in flows(local)]
        assert network(dataset, record_ids=False) == network(local, record_ids=False)
        expected = network(local)
    shutil.rmtree(tmp_path / "out" / "network_rollup")  # as written before the rollup
    with Store(tmp_path / "out") as dataset:
        assert not aggregates.current(dataset)
        assert network(dataset, record_ids=False) == expected  # from its records


#: Pages Dask's HTTP servers answer by default: the scheduler's info pages, JSON and
#: Prometheus metrics, the health check and the dashboard itself (with bokeh).
DASK_PAGES = ("/status", "/info/main/workers.html", "/json/identity.json", "/metrics",
              "/health", "/proxy/8787/127.0.0.1/status", "/statics/css/base.css")


def _listening() -> set[tuple[str, int]]:
    """(address, port) of every listening TCP socket of this process and its children."""
    me = psutil.Process()
    return {(c.laddr.ip, c.laddr.port) for proc in [me, *me.children(recursive=True)]
            for c in proc.net_connections("tcp") if c.status == psutil.CONN_LISTEN}


def _comm_ports(client) -> set[int]:
    info = client.scheduler_info()
    addresses = [info["address"], *info["workers"],
                 *(w["nanny"] for w in info["workers"].values())]
    return {int(a.rsplit(":", 1)[1]) for a in addresses}


def test_distributed_local_cluster_listens_on_loopback_and_serves_no_page(client):
    """Last in the module: the workers the killed-worker test restarted are checked too.
    dashboard_address=None still left Dask's HTTP servers up, the scheduler's on 8787."""
    sockets = _listening()
    assert {ip for ip, _ in sockets} == {"127.0.0.1"}
    assert _comm_ports(client) <= {port for _, port in sockets}
    others = [port for _, port in sockets if port not in _comm_ports(client)]
    with httpx.Client(timeout=5) as http:
        served = [(port, page) for port in others for page in DASK_PAGES
                  if http.get(f"http://127.0.0.1:{port}{page}").status_code == 200]
    assert served == []
