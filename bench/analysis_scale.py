"""Latency of the analysis endpoints as the store grows: is it flat?

    .venv/bin/python bench/analysis_scale.py --docs 10000,100000[,1000000] [--repeats 20] --json
    .venv/bin/python bench/analysis_scale.py --docs 1000000 --bulk 20000 --db big.duckdb

One store grows through the sizes given (a store kept with ``--db`` grows on from the
documents it holds, so a later run reuses it). Its documents and records are synthetic and
written straight through the store API (``Store.add_documents``, in batches of 1,000
documents; with ``--bulk``, in large batches without the aggregates, rebuilt once before the
last 1,000 are ingested as usual), so no NLP runs and a size of 100,000 documents builds in
minutes. The records have the shapes real
extraction gives: about seven per document; supply (AID) events between a few dozen countries
mostly along a fixed list of supply relationships drawn with a Zipf law (a handful dominate,
as in war reporting) and one in ten between any two countries, each reporting one of three
figures per series and quarter (a total, a running total, a rate range) attributed to one of
a few dozen sources, so the same fact is repeated by many documents as in the news;
production and consumption measures; and other PLOVER events between countries drawn with a
Zipf law. A fixed seed makes the stores reproducible.

At each size: the cost of ingesting the last documents (milliseconds per document), then
``--repeats`` calls of each endpoint in-process through the ASGI app (FastAPI's TestClient:
routing, validation, the store, JSON; no network), with p50/p95 in milliseconds and the median
answer size in bytes, and the process's peak resident memory. CPU time per call (all threads)
is reported beside the wall clock: on a shared machine it is what the call itself cost. One JSON object per size is
printed (``--json``) or a table. Targets: p95 under 200 ms for every endpoint at 100,000
documents, and p95 at 100k no more than 1.5 times p95 at 10k.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator

from fastapi.testclient import TestClient

from sinew.analysis import rebuild
from sinew.schema import (ActorRef, Attribution, DateInfo, Document, Evidence, Quantity, Record,
                          What)
from sinew.store import Store
from sinew.web import create_app

TARGET_MS = 200
#: DuckDB's memory while building (its default, most of the machine's, is not ours to take);
#: ``--memory-limit`` raises it (a million documents' rebuild needs about 10GB)
MEMORY_LIMIT = "4GB"
MONTHS = [f"{y}-{m:02d}" for y in range(2022, 2026) for m in range(1, 13)]
COUNTRIES = ["RUS", "UKR", "PRK", "IRN", "CHN", "USA", "BLR", "DEU", "GBR", "FRA", "POL",
             "TUR", "ISR", "KOR", "JPN", "IND"] + [f"C{i:02d}" for i in range(40)]
COMMODITIES = ["artillery_ammunition", "missiles", "drones", "troops", "oil", "weapons",
               "military_equipment", "money"]
UNITS = {"artillery_ammunition": "shell", "missiles": "missile", "drones": "drone",
         "troops": "soldier", "oil": "barrel", "weapons": "weapon",
         "military_equipment": "tank", "money": "dollar"}
SOURCES = [f"Outlet {i}" for i in range(30)]
SPEAKERS = ["KOR", "UKR", "USA", "GBR", None, None, None]
OTHER_TYPES = ["ACCUSE", "ASSAULT", "CONSULT", "THREATEN", "SANCTION", "AGREE", "REQUEST",
               "PROTEST", "COOPERATE", "MOBILIZE"]
MODALITIES = ["reported"] * 5 + ["asserted"] * 3 + ["alleged", "assessed", "future",
                                                     "hypothetical", "negated"]


def _zipf(rng: random.Random, items: list, s: float = 1.2):
    weights = [1 / (i + 1) ** s for i in range(len(items))]
    return rng.choices(items, weights)[0]


def _ref(code: str | None) -> ActorRef | None:
    if code is None:
        return None
    return ActorRef(code=code, name=f"Country {code}", text=code, country=code, how="lexicon")


#: Supply relationships the news reports over and over (supplier, recipient); one supply
#: event in ten names another pair, drawn from all countries (the long tail).
PAIRS = [("PRK", "RUS"), ("IRN", "RUS"), ("USA", "UKR"), ("DEU", "UKR"), ("CHN", "RUS"),
         ("GBR", "UKR"), ("FRA", "UKR"), ("BLR", "RUS"), ("POL", "UKR"), ("KOR", "UKR"),
         ("TUR", "UKR"), ("IND", "RUS"), ("USA", "ISR"), ("IRN", "C00"), ("RUS", "C01"),
         ("CHN", "IRN"), ("JPN", "UKR"), ("RUS", "IRN")]


def _figure(rng: random.Random, commodity: str, month: str) -> tuple[Quantity, DateInfo]:
    """One of three facts per series and quarter, so repetitions corroborate, not multiply."""
    fact = rng.randrange(3)
    base = {"artillery_ammunition": 1e6, "troops": 1e4, "money": 1e9}.get(commodity, 1e3)
    year, quarter = month[:4], (int(month[5:]) - 1) // 3
    first, last = f"{year}-{3 * quarter + 1:02d}-01", f"{year}-{3 * quarter + 3:02d}-28"
    value = base * (1 + quarter) / 2
    unit = UNITS[commodity]
    if fact == 0:  # a total over the quarter
        return (Quantity(value, value, value, unit, text=f"{value:,.0f}"),
                DateInfo(first, last, "interval", "this quarter", "exact"))
    if fact == 1:  # a running total since the start of the year
        return (Quantity(value * 3, value * 3, value * 3, unit, text="total", cumulative=True),
                DateInfo(f"{year}-01-01", last, "interval", "since January", "exact"))
    return (Quantity(None, value / 90, value / 45, unit, per="day", text="between",
                     status="range"), DateInfo(first, last, "interval", "a day", "exact"))


def _record(rng: random.Random, doc_id: str, n: int, month: str) -> Record:
    sentence = f"Sentence {n} of {doc_id} reporting what happened in {month}."
    evidence = Evidence(sentence, n * 100, n * 100 + len(sentence))
    modality = rng.choice(MODALITIES)
    speaker = rng.choice(SPEAKERS)
    attribution = Attribution(speaker, speaker or "") if speaker else None
    roll = rng.random()
    if roll < 0.35:  # supply
        commodity = _zipf(rng, COMMODITIES, 1.0)
        quantity, date = _figure(rng, commodity, month) if rng.random() < 0.7 else (None, None)
        supplier, recipient = _zipf(rng, PAIRS) if rng.random() < 0.9 else \
            (_zipf(rng, COUNTRIES), _zipf(rng, COUNTRIES[1:]))
        return Record(f"{doc_id}-{n}", doc_id, "event", "AID", None, _ref(supplier),
                      _ref(recipient), What(commodity, commodity), quantity, modality,
                      attribution, date, evidence, "supplied")
    if roll < 0.45:  # a country's own production or use
        kind = rng.choice(["production", "consumption"])
        commodity = _zipf(rng, COMMODITIES[:3], 1.0)
        quantity, date = _figure(rng, commodity, month)
        return Record(f"{doc_id}-{n}", doc_id, "measure", kind, None,
                      _ref(_zipf(rng, COUNTRIES[:6])), None, What(commodity, commodity),
                      quantity, modality, attribution, date, evidence, "produces")
    actor, target = _zipf(rng, COUNTRIES), _zipf(rng, COUNTRIES)
    day = DateInfo(f"{month}-{rng.randrange(1, 29):02d}", None, "day", "on", "exact")
    return Record(f"{doc_id}-{n}", doc_id, "event", _zipf(rng, OTHER_TYPES, 0.8), None,
                  _ref(actor), _ref(target) if target != actor else None, None, None, modality,
                  attribution, day if rng.random() < 0.6 else None, evidence, "did")


def corpus(start: int, stop: int, seed: int = 20240614) -> Iterator[tuple[Document, list[Record]]]:
    """Documents ``start``..``stop`` of the synthetic corpus (each one seeded by its number,
    so a store grown in steps equals one built at once)."""
    for i in range(start, stop):
        rng = random.Random(seed * 1_000_003 + i)
        month = MONTHS[i % len(MONTHS)]
        doc_id = f"d{i:07d}"
        records = [_record(rng, doc_id, n, month) for n in range(rng.randrange(4, 11))]
        text = " ".join(r.evidence.text for r in records) + " " + "Filler words. " * 80
        yield (Document(doc_id, text, title=f"Report {i}", date=f"{month}-{rng.randrange(1, 29):02d}",
                        source=rng.choice(SOURCES), origin="bench", content_hash=f"h{i}"),
               records)


def grow(db: Path, stop: int, batch: int = 1000, bulk: int = 0,
         memory_limit: str = MEMORY_LIMIT) -> dict[str, float]:
    """Add the documents the store lacks up to ``stop`` (a store kept with ``--db`` is grown,
    not rebuilt: the corpus is the same document by document) in batches of ``batch`` (one
    transaction each, as a bulk loader would); the cost per document of the last batch.
    With ``bulk``, all but the last batch go in batches of ``bulk`` documents without
    updating the aggregates, which are rebuilt once (``sinew rebuild``) before it."""
    with Store(db) as store:
        if not re.fullmatch(r"\d+(?:\.\d+)?\s*[KMGT]i?B", memory_limit, re.I):
            raise SystemExit(f"--memory-limit {memory_limit!r}: give a size such as 4GB")
        store.query(f"SET memory_limit = '{memory_limit}'")  # a shared machine
        start = store.counts()["documents"]
        if bulk and stop - start > batch:
            began = time.perf_counter()
            for first in range(start, stop - batch, bulk):
                store.add_documents(corpus(first, min(stop - batch, first + bulk)),
                                    aggregates=False)
                print(f"{min(stop - batch, first + bulk):,} documents loaded, "
                      f"{time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True)
            rebuild(store)
            print(f"aggregates rebuilt, {time.perf_counter() - began:.0f} s", file=sys.stderr)
            start = stop - batch
        seconds = 0.0
        for first in range(start, stop, batch):
            chunk = list(corpus(first, min(stop, first + batch)))
            started = time.perf_counter()
            store.add_documents(chunk)
            seconds = time.perf_counter() - started
        counts = store.counts()
    return {"documents": counts["documents"], "records": counts["records"],
            "ingest_ms_per_doc": round(1000 * seconds / max(1, min(batch, stop - start)), 3)
            if stop > start else None}


def cases(rng: random.Random) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """One call of each endpoint, its filters drawn from realistic choices."""
    year = rng.choice(["2023", "2024"])
    actor = rng.choice(["PRK", "IRN", "RUS", "CHN"])
    what = rng.choice(["artillery_ammunition", "missiles", "drones"])
    return {
        "network": ("GET", "/api/network", {"since": year, "until": year}),
        "dependence": ("GET", "/api/dependence", {"recipient": "RUS", "what": what,
                                                  "period": year}),
        "whatif": ("POST", "/api/whatif", {"recipient": "RUS", "what": what, "period": year,
                                          "changes": [{"action": "stop", "supplier": "PRK"}]}),
        "flows": ("GET", "/api/flows", {"supplier": "PRK", "recipient": "RUS", "what": what}),
        "events": ("GET", "/api/events", {"actor": actor, "limit": 100}),
    }


def measure(db: Path, repeats: int) -> dict[str, dict[str, float]]:
    rng = random.Random(7)
    times: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    sizes: dict[str, list[int]] = {}
    with TestClient(create_app(db)) as client:
        for _ in range(repeats):
            for name, (method, path, params) in cases(rng).items():
                # the server keeps answers until the store changes: each call here is to
                # cost what a new question costs, so none is answered from those kept
                client.app.state.desk.answers.clear()
                started, cpu_started = time.perf_counter(), time.process_time()
                if method == "POST":
                    response = client.post(path, json=params)
                else:
                    response = client.get(path, params=params)
                times.setdefault(name, []).append((time.perf_counter() - started) * 1000)
                cpu.setdefault(name, []).append((time.process_time() - cpu_started) * 1000)
                sizes.setdefault(name, []).append(len(response.content))
                if response.status_code != 200:
                    raise SystemExit(f"{path} {params}: HTTP {response.status_code} "
                                     f"{response.text[:300]}")
    return {name: {**summary(values), **summary(cpu[name], "cpu_"),
                   "bytes": int(statistics.median(sizes[name]))}
            for name, values in times.items()}


def summary(times: list[float], prefix: str = "") -> dict[str, float]:
    """p50 and p95 (wall clock, or with ``cpu_`` the process's CPU time in all its threads:
    on a shared machine the CPU time is what the request itself cost)."""
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {f"{prefix}p50": round(statistics.median(ordered), 1), f"{prefix}p95": round(p95, 1)}


def _peak_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default="10000,100000",
                        help="Sizes in documents, comma-separated, ascending.")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--db", type=Path, default=None,
                        help="Keep the store here (a store kept from a run before is grown).")
    parser.add_argument("--bulk", type=int, default=0, metavar="DOCS",
                        help="Load in batches of DOCS documents, aggregates rebuilt once at "
                             "the end (for sizes of a million documents).")
    parser.add_argument("--build-only", action="store_true",
                        help="Build the store and report its build, measure nothing.")
    parser.add_argument("--memory-limit", default=MEMORY_LIMIT,
                        help="DuckDB's memory while building (a million documents' rebuild "
                             "needs about 10GB).")
    parser.add_argument("--json", action="store_true", help="One JSON object per size.")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.docs.split(","))
    workdir = tempfile.TemporaryDirectory()
    db = args.db or Path(workdir.name) / "scale.duckdb"
    results = []
    for size in sizes:
        started = time.perf_counter()
        built = grow(db, size, bulk=args.bulk, memory_limit=args.memory_limit)
        built["build_seconds"] = round(time.perf_counter() - started, 1)
        built["build_peak_rss_mib"] = _peak_mib()
        endpoints = {} if args.build_only else measure(db, args.repeats)
        result = {"docs": size, **built, "endpoints": endpoints,
                  "store_mib": round(db.stat().st_size / 2 ** 20, 1),
                  "peak_rss_mib": _peak_mib(), "load_average": os.getloadavg()}
        results.append(result)
        print(json.dumps(result) if args.json else _table(result), flush=True)
    if len(results) > 1 and not args.json:
        print(_verdict(results), file=sys.stderr)


def _table(result: dict[str, Any]) -> str:
    lines = [f"{result['docs']:,} documents, {result['records']:,} records, "
             f"ingest {result['ingest_ms_per_doc']} ms/doc, store {result['store_mib']} MiB, "
             f"peak RSS {result['peak_rss_mib']} MiB"]
    for name, row in result["endpoints"].items():
        lines.append(f"  {name:<12} p50 {row['p50']:>8.1f} ms  p95 {row['p95']:>8.1f} ms  "
                     f"cpu p95 {row['cpu_p95']:>8.1f} ms  {row['bytes']:>10,} bytes")
    return "\n".join(lines)


def _verdict(results: list[dict[str, Any]]) -> str:
    first, last = results[0]["endpoints"], results[-1]["endpoints"]
    return "\n".join(f"{name}: p95 x{last[name]['p95'] / first[name]['p95']:.2f} "
                     f"({'meets' if last[name]['p95'] < TARGET_MS else 'misses'} "
                     f"{TARGET_MS} ms)" for name in first)


if __name__ == "__main__":
    main()
