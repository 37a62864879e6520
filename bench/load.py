"""Many readers at once: 20 concurrent clients against a real ``sinew serve`` for a bounded time.

    python bench/load.py [--documents 10000] [--clients 20] [--seconds 30] [--db PATH] [--json F]

The store is built from synthetic documents and records (fixed seed, no NLP) in the rows the
store API writes: 60 parties, 5 commodities, three years of dates, ids
that are URLs for one document in ten. The server runs in its own process on 127.0.0.1 (a free
port); each client is a thread with its own HTTP connection that calls the main read endpoints
in turn (health, facets, document list and search, one document, filtered events, the actor
network, actors) until the time is up. Prints throughput, p50/p95/p99 latency overall and per
endpoint, errors, and the server's resident memory at the start, at its peak and at the end
(sampled from /proc, so Linux only). Target: p95 < 300 ms, no errors, flat memory.
"""

from __future__ import annotations

import argparse
import contextlib
import json
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
    bulk through Arrow: one transaction, seconds rather than a commit per document."""
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
        return store.counts()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(db: Path):
    """``sinew serve`` on a free loopback port, in its own process; yields (base URL, pid)."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-c", "from sinew.cli import main; main()", "serve",
                             "--db", str(db), "--port", str(port)], stderr=subprocess.DEVNULL)
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
        ("documents", "/api/documents", {"offset": rng.randrange(0, documents - 50)}),
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


def percentiles(times: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
    return {"n": len(times), "p50": cuts[49], "p95": cuts[94], "p99": cuts[98]}


def run(base: str, pid: int, clients: int, seconds: float, documents: int) -> dict:
    load, memory = Load(), [rss_mb(pid)]
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
    every = [t for times in load.times.values() for t in times]
    return {"clients": clients, "seconds": round(elapsed, 1), "requests": len(every),
            "throughput": len(every) / elapsed, "errors": len(load.errors),
            "error_sample": load.errors[:5], "all": percentiles(every),
            "endpoints": {k: percentiles(v) for k, v in load.times.items()},
            "rss_mb": {"start": memory[0], "peak": max(memory), "end": memory[-1]}}


def report(result: dict, counts: dict[str, int]) -> None:
    print(f"store: {counts['documents']:,} documents, {counts['records']:,} records; "
          f"{result['clients']} clients for {result['seconds']} s")
    print(f"{'endpoint':14} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name, row in list(result["endpoints"].items()) + [("ALL", result["all"])]:
        print(f"{name:14} {row['n']:>6} {row['p50']:>8.1f} {row['p95']:>8.1f} {row['p99']:>8.1f}")
    rss = result["rss_mb"]
    verdict = "meets" if result["all"]["p95"] < TARGET_P95_MS and not result["errors"] else "misses"
    print(f"throughput {result['throughput']:.1f} requests/s  errors {result['errors']}  "
          f"server RSS {rss['start']:.0f} -> peak {rss['peak']:.0f} -> end {rss['end']:.0f} MB  "
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
    args = parser.parse_args()
    workdir = tempfile.TemporaryDirectory()
    db = args.db or Path(workdir.name) / "load.duckdb"
    if not db.exists():
        started = time.perf_counter()
        counts = build_store(db, args.documents)
        print(f"built the store in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    with Store(db, read_only=True) as store:
        counts = store.counts()
    with serve(db) as (base, pid):
        result = run(base, pid, args.clients, args.seconds, counts["documents"])
    report(result, counts)
    if args.json:
        args.json.write_text(json.dumps({"counts": counts, **result}, indent=2))


if __name__ == "__main__":
    main()
