"""Latency of the HTTP API's main endpoints on a generated store of many documents.

    .venv/bin/python bench/api.py [--documents 10000] [--repeats 60] [--db PATH] [--json out.json]

The store: the bundled demo corpus is extracted once, then copied ``--documents`` times over
(new ids, dates moved by whole months, actors and recipients drawn from 60 countries, a fixed
seed) so that the records have the shapes real extraction gives. Each endpoint is called
``--repeats`` times in-process through the ASGI app (FastAPI's TestClient: routing, validation,
the store query and JSON, without the network), with filters cycling over actors, commodities
and dates. Reports p50/p95/max in milliseconds; the target is p95 < 200 ms for the filtered
event queries and the page's network (``/api/relations``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import statistics
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

import pyarrow as pa
from fastapi.testclient import TestClient

import sinew
from sinew.schema import Record
from sinew.store import Store, flatten
from sinew.web import create_app

COUNTRIES = [f"C{i:02d}" for i in range(52)] + ["PRK", "RUS", "IRN", "CHN", "USA", "UKR",
                                                  "KOR", "BLR"]
TARGET_MS = 200


def _shift(day: str | None, months: int) -> str | None:
    if not day or len(day) < 7 or not day[:4].isdigit():
        return day
    n = int(day[:4]) * 12 + int(day[5:7]) - 1 + months
    return f"{n // 12:04d}-{n % 12 + 1:02d}{day[7:]}"


def _party(ref, rng: random.Random):
    if ref is None or rng.random() < 0.5:
        return ref
    country = rng.choice(COUNTRIES)
    return dataclasses.replace(ref, code=country, country=country, name=f"Country {country}")


def _copy(record: Record, doc_id: str, months: int, rng: random.Random) -> Record:
    date = record.date
    if date is not None:
        date = dataclasses.replace(date, start=_shift(date.start, months),
                                   end=_shift(date.end, months))
    return dataclasses.replace(record, id=f"{record.id}-{doc_id}", doc_id=doc_id, date=date,
                               actor=_party(record.actor, rng),
                               recipient=_party(record.recipient, rng))


def build_store(path: Path, documents: int) -> dict[str, int]:
    """Extract the demo corpus, then copy it until the store holds ``documents`` documents
    (inserted in bulk through Arrow: one transaction, seconds rather than minutes)."""
    rng = random.Random(20240614)
    with Store(":memory:") as demo:
        sinew.ingest([str(resources.files("sinew") / "data" / "demo")], demo)
        seeds = [(doc, demo.events(sinew.EventFilter(doc_id=doc.id))) for doc in demo.documents()]
    docs, rows = [], []
    for i in range(documents):
        doc, records = seeds[i % len(seeds)]
        months = -(i // len(seeds)) % 36
        doc_id = f"{doc.id}-{i}"
        docs.append({"id": doc_id, "content_hash": f"{doc.content_hash}-{i}", "title": doc.title,
                     "date": _shift(doc.date, months), "url": doc.url, "source": doc.source,
                     "origin": doc.origin, "text": doc.text, "meta": json.dumps(dict(doc.meta))})
        for record in records:
            copy = _copy(record, doc_id, months, rng)
            rows.append({**flatten(copy), "record": json.dumps(copy.to_dict())})
    with Store(path) as store:
        for table, data in (("documents", docs), ("records", rows)):
            store.con.register("incoming", pa.Table.from_pylist(data))
            columns = ", ".join(data[0])
            store.con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM incoming")
            store.con.unregister("incoming")
        return store.counts()


def cases(rng: random.Random) -> dict[str, list[tuple[str, dict]]]:
    """Each endpoint with ``repeats``-many parameter sets drawn from realistic filters."""
    actors = ["PRK", "RUS", "IRN", "CHN", "C07", "C31"]
    commodities = ["artillery_ammunition", "troops", "missiles", "oil", "drones"]
    years = ["2022", "2023", "2024", "2025"]
    return {
        "events: actor+type, page of 100": [("/api/events", {"actor": rng.choice(actors),
                                                             "type": "AID"})],
        "events: recipient+commodity+dates": [("/api/events", {
            "recipient": rng.choice(actors), "commodity": rng.choice(commodities),
            "since": rng.choice(years[:2]), "until": rng.choice(years[2:])})],
        "events: edge evidence with context": [("/api/events", {
            "actor": "PRK", "recipient": "RUS", "type": "AID", "context": 240, "limit": 200})],
        "events: unfiltered, offset page": [("/api/events", {"offset": rng.randrange(0, 20000)})],
        "relations (page network): all": [("/api/relations", {})],
        "relations: commodity+dates": [("/api/relations", {
            "commodity": rng.choice(commodities), "since": rng.choice(years[:2]),
            "until": rng.choice(years[2:])})],
        "relations: party": [("/api/relations", {"party": rng.choice(actors)})],
        "actors": [("/api/actors", {})],
        "documents: page": [("/api/documents", {"offset": rng.randrange(0, 9000)})],
        "document by id": [("/api/documents/demo-02-nis-million-shells-2023-1", {})],
    }


SLOW = {  # sinew.analysis reads every document of the store per call: fewer repeats
    "analysis network: one year": ("/api/network", {"since": "2024", "until": "2024"}),
    "flows: PRK->RUS artillery": ("/api/flows", {"supplier": "PRK", "recipient": "RUS",
                                                 "what": "artillery_ammunition"}),
    "dependence: RUS artillery 2024": ("/api/dependence", {
        "recipient": "RUS", "what": "artillery_ammunition", "period": "2024"}),
}


def measure(client: TestClient, calls) -> list[float]:
    times = []
    for path, params in calls:
        started = time.perf_counter()
        response = client.get(path, params=params)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path} {params}: HTTP {response.status_code} {response.text[:200]}")
    return times


def summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"n": len(times), "p50": statistics.median(ordered), "p95": p95, "max": ordered[-1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=60)
    parser.add_argument("--slow-repeats", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None, help="Reuse or keep the store here.")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    workdir = tempfile.TemporaryDirectory()
    db = args.db or Path(workdir.name) / "bench.duckdb"
    started = time.perf_counter()
    if not db.exists():
        counts = build_store(db, args.documents)
    else:
        with Store(db, read_only=True) as store:
            counts = store.counts()
    print(f"store: {counts['documents']} documents, {counts['records']} records "
          f"(ready in {time.perf_counter() - started:.0f} s)", file=sys.stderr)
    rng = random.Random(7)
    results = {}
    with TestClient(create_app(db)) as client:
        for name in cases(rng):
            calls = [cases(rng)[name][0] for _ in range(args.repeats)]
            measure(client, calls[:3])  # warm-up
            results[name] = summary(measure(client, calls))
        for name, call in SLOW.items():
            results[name] = summary(measure(client, [call] * args.slow_repeats))
    print(f"{'endpoint':40} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, row in results.items():
        flag = "" if row["p95"] < TARGET_MS else "  (over 200 ms)"
        print(f"{name:40} {row['n']:>4} {row['p50']:>8.1f} {row['p95']:>8.1f} "
              f"{row['max']:>8.1f}{flag}")
    if args.json:
        args.json.write_text(json.dumps({"counts": counts, "results": results}, indent=2))


if __name__ == "__main__":
    main()
