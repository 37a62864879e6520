"""Many readers at once: 20 concurrent clients against a real ``sinew serve`` for a bounded time.

    python bench/load.py [--documents 10000] [--clients 20] [--seconds 30] [--db PATH] [--json F]
                         [--baseline OTHER/src] [--no-cache-too] [--serve-options '--threads 4']

The store is built from synthetic documents and records (fixed seed, no NLP) in the rows the
store API writes: 60 parties, 5 commodities, three years of dates, ids
that are URLs for one document in ten. The server runs in its own process on 127.0.0.1 (a free
port); each client is a thread with its own HTTP connection that calls the main read endpoints
in turn until the time is up, each round with parameters drawn afresh (seeded per client):

    health, facets, actors        the same URL each time (the page asks them on every visit)
    documents?offset=             one of the 200 pages of 50 (the page's pager steps by 50)
    documents?q=story N           one of 1,000 searches
    documents/{id}                one of the 10,000 documents (a tenth with URL ids, encoded)
    events?actor=P&type=AID       P one of the 60 parties, 50 a page
    events?recipient=P&since..    a two-year span, 120 characters of context, 50 a page
    relations?party=P             the actor network around P

So about 11,400 distinct URLs, most of them asked once in a run: answers kept by the server
help the first three rows and the parties, not documents and searches. Clients send no
If-None-Match (a browser would, and get 304s). Prints throughput, p50/p95/p99 latency overall
and per endpoint, errors, the server's resident memory at the start, at its peak and at the
end, its CPU time per request (from /proc, so Linux only) and the load average, since the
figures depend on what else the machine runs. ``--baseline`` first serves with other sources
(a checkout of main, say) and ``--no-cache-too`` also serves with ``--no-cache``, back to back
on the same store. Target: p95 < 300 ms, no errors, flat memory.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pyarrow as pa

from sinew.schema import (ActorRef, Attribution, DateInfo, Document, Evidence, Quantity, Record,
                          What, content_hash)
from sinew.store import Store, flatten

PARTIES = [f"C{i:02d}" for i in range(52)] + ["PRK", "RUS", "IRN", "CHN", "USA", "UKR", "KOR",
                                                "BLR"]
COMMODITIES = ["artillery_ammunition", "troops", "missiles", "oil", "drones"]
TYPES = ["AID", "AID", "AGREE", "COOPERATE", "SUPPORT", "ACCUSE"]
TARGET_P95_MS = 300
#: The page lists documents 50 at a time, and its pager asks for offsets 0, 50, 100...
PAGE = 50
SENTENCE = ("{a} sent {n:,} units of {w} to {r} in {m}, officials in {a} said on Tuesday, "
            "according to documents seen by reporters. ")


def _record(doc_id: str, k: int, rng: random.Random, day: str, text: str) -> Record:
    actor, recipient = rng.sample(PARTIES, 2)
    what = rng.choice(COMMODITIES)
    figure = float(rng.randrange(100, 5_000_000))
    start = k * len(text) // 4
    evidence = Evidence(text[start:start + 80], start, start + 80)
    return Record(
        id=f"{doc_id}-r{k}", doc_id=doc_id, kind="event", type=rng.choice(TYPES), mode=None,
        actor=ActorRef(actor, f"Country {actor}", actor, country=actor, how="exact"),
        recipient=ActorRef(recipient, f"Country {recipient}", recipient, country=recipient,
                           how="exact"),
        what=What(what, what), quantity=Quantity(
            figure, None, None, "unit", text=f"{figure:,.0f}"),
        modality=rng.choice(["asserted", "asserted", "reported", "claimed"]),
        attribution=Attribution(None, "officials"),
        date=DateInfo(day, day, "day", day, "exact"), evidence=evidence, trigger="sent")


def _document(i: int, rng: random.Random) -> tuple[Document, list[Record]]:
    day = f"{2022 + i % 3}-{1 + i % 12:02d}-{1 + i % 28:02d}"
    doc_id = f"https://news.example.org/{day}/story-{i}" if i % 10 == 0 else f"load-{i:06d}"
    text = "".join(SENTENCE.format(a=rng.choice(PARTIES), r=rng.choice(PARTIES), n=rng.randrange(
        10, 10**6), w=rng.choice(COMMODITIES), m=day[:7]) for _ in range(12))
    doc = Document(id=doc_id, text=text, title=f"Story {i} on supplies", date=day,
                   url=f"https://news.example.org/{i}", source="example",
                   content_hash=content_hash(text, i))
    records = [_record(doc_id, k, rng, day, text) for k in range(4)]
    return doc, records


def build_store(path: Path, documents: int) -> dict[str, int]:
    """Rows as ``Store.add_document`` writes them (``store.flatten`` for records), inserted in
    bulk through Arrow: one transaction, seconds rather than a commit per document; then the
    records' sort keys, as ingest computes them (in arrival order: not laid out by key)."""
    rng = random.Random(20240614)
    docs, rows = [], []
    for i in range(documents):
        doc, records = _document(i, rng)
        docs.append({**doc.to_dict(), "meta": json.dumps(dict(doc.meta))})
        rows += [{**flatten(r), "record": json.dumps(r.to_dict())} for r in records]
    with Store(path) as store:
        for table, data in (("documents", docs), ("records", rows)):
            store.con.register("incoming", pa.Table.from_pylist(data))
            columns = ", ".join(data[0])
            store.con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM incoming")
            store.con.unregister("incoming")
        store.fill_sort_keys()
        return store.counts()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(db: Path, options: list[str], src: Path | None = None):
    """``sinew serve`` on a free loopback port, in its own process, with the sources in
    ``src`` when given (another checkout's ``src``, say); yields (base URL, pid)."""
    port = _free_port()
    env = dict(os.environ, **({"PYTHONPATH": str(src)} if src else {}))
    proc = subprocess.Popen([sys.executable, "-c", "from sinew.cli import main; main()", "serve",
                             "--db", str(db), "--port", str(port), *options],
                            stderr=subprocess.DEVNULL, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            time.sleep(0.1)
        else:
            raise SystemExit("the server did not come up")
        yield base, proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def calls(rng: random.Random, documents: int) -> list[tuple[str, str, dict]]:
    """One round of the main read endpoints, parameters drawn at random."""
    i = rng.randrange(documents)
    day = f"{2022 + i % 3}-{1 + i % 12:02d}-{1 + i % 28:02d}"
    doc_id = f"https://news.example.org/{day}/story-{i}" if i % 10 == 0 else f"load-{i:06d}"
    party = rng.choice(PARTIES)
    return [
        ("health", "/api/health", {}),
        ("facets", "/api/facets", {}),
        ("documents", "/api/documents", {"offset": PAGE * rng.randrange(documents // PAGE)}),
        ("documents?q", "/api/documents", {"q": f"story {rng.randrange(1000)}"}),
        ("document", "/api/documents/" + quote(doc_id, safe=""), {}),
        ("events", "/api/events", {"actor": party, "type": "AID", "limit": 50}),
        ("events+dates", "/api/events", {"recipient": party, "since": "2023", "until": "2024",
                                         "context": 120, "limit": 50}),
        ("relations", "/api/relations", {"party": party}),
        ("actors", "/api/actors", {}),
    ]


class Load:
    """Latencies (ms) per endpoint and errors, gathered by the client threads."""

    def __init__(self) -> None:
        self.times: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def client(self, base: str, seed: int, documents: int, until: float) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=60) as http:
            while time.perf_counter() < until:
                for name, path, params in calls(rng, documents):
                    started = time.perf_counter()
                    try:
                        status = http.get(path, params=params).status_code
                    except httpx.HTTPError as exc:
                        status = type(exc).__name__
                    took = (time.perf_counter() - started) * 1000
                    with self.lock:
                        self.times.setdefault(name, []).append(took)
                        if status != 200:
                            self.errors.append(f"{name} {path}: {status}")
                    if time.perf_counter() >= until:
                        return


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (``/proc/PID/stat``, fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentiles(times: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
    return {"n": len(times), "p50": cuts[49], "p95": cuts[94], "p99": cuts[98]}


def run(base: str, pid: int, clients: int, seconds: float, documents: int) -> dict:
    load, memory, cpu = Load(), [rss_mb(pid)], cpu_seconds(pid)
    until = time.perf_counter() + seconds
    threads = [threading.Thread(target=load.client, args=(base, n, documents, until))
               for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        memory.append(rss_mb(pid))
        time.sleep(0.5)
    elapsed = time.perf_counter() - started
    cpu = cpu_seconds(pid) - cpu
    every = [t for times in load.times.values() for t in times]
    return {"clients": clients, "seconds": round(elapsed, 1), "requests": len(every),
            "throughput": len(every) / elapsed, "errors": len(load.errors),
            "error_sample": load.errors[:5], "all": percentiles(every),
            "endpoints": {k: percentiles(v) for k, v in load.times.items()},
            "rss_mb": {"start": memory[0], "peak": max(memory), "end": memory[-1]},
            "server_cpu_ms_per_request": 1000 * cpu / max(len(every), 1),
            "load_average": os.getloadavg()}


def report(label: str, result: dict, counts: dict[str, int]) -> None:
    print(f"== {label}: store of {counts['documents']:,} documents, {counts['records']:,} "
          f"records; {result['clients']} clients for {result['seconds']} s; load average "
          f"{result['load_average'][0]:.1f} at the end")
    print(f"{'endpoint':14} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name, row in list(result["endpoints"].items()) + [("ALL", result["all"])]:
        print(f"{name:14} {row['n']:>6} {row['p50']:>8.1f} {row['p95']:>8.1f} {row['p99']:>8.1f}")
    rss = result["rss_mb"]
    verdict = "meets" if result["all"]["p95"] < TARGET_P95_MS and not result["errors"] else "misses"
    print(f"throughput {result['throughput']:.1f} requests/s  errors {result['errors']}  "
          f"server RSS {rss['start']:.0f} -> peak {rss['peak']:.0f} -> end {rss['end']:.0f} MB  "
          f"server CPU {result['server_cpu_ms_per_request']:.1f} ms a request  "
          f"({verdict} the target: p95 < {TARGET_P95_MS} ms, no errors)")
    for line in result["error_sample"]:
        print("  error:", line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--db", type=Path, default=None, help="Reuse or keep the store here.")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--baseline", type=Path, default=None, metavar="SRC",
                        help="First serve with the sources in SRC (another checkout's src/), "
                             "to compare on the same machine at the same time.")
    parser.add_argument("--serve-options", default="", metavar="'OPTIONS'",
                        help="More options for this checkout's sinew serve ('--threads 4').")
    parser.add_argument("--no-cache-too", action="store_true",
                        help="Also serve with --no-cache: every answer computed afresh.")
    args = parser.parse_args()
    workdir = tempfile.TemporaryDirectory()
    db = args.db or Path(workdir.name) / "load.duckdb"
    if not db.exists():
        started = time.perf_counter()
        counts = build_store(db, args.documents)
        print(f"built the store in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    with Store(db, read_only=True) as store:
        counts = store.counts()
    options = args.serve_options.split()
    variants = ([(f"baseline {args.baseline}", [], args.baseline)] if args.baseline else []) + (
        [("this checkout --no-cache", [*options, "--no-cache"], None)] if args.no_cache_too
        else []) + [(f"this checkout {args.serve_options}".strip(), options, None)]
    results = {}
    for label, options, src in variants:
        with serve(db, options, src) as (base, pid):
            results[label] = run(base, pid, args.clients, args.seconds, counts["documents"])
        report(label, results[label], counts)
    if args.json:
        args.json.write_text(json.dumps({"counts": counts, "runs": results}, indent=2))


if __name__ == "__main__":
    main()
