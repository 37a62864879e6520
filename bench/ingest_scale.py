"""Is the cost of ingesting a document flat as the store grows?

    .venv/bin/python bench/ingest_scale.py --db 10k.duckdb --db 100k.duckdb [--batches 12] [--json]

Each store given (built by ``bench/analysis_scale.py --db``, smallest first) is copied to a
temporary folder, so it is left as it was, and the copies take batches of 1,000 documents of
the same synthetic corpus (each the next documents that store lacks), through
``Store.add_documents`` with its aggregates: one batch to each store in turn, so that the
machine's load falls on every size alike. Per store: the median and the mean milliseconds per
document over the batches (the mean counts the batches that DuckDB's checkpoint or a
compaction of the network tables falls in; the median does not) and their ratios to the
first store's. The target: the ratio near 1 from 10,000 to 100,000 documents.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from analysis_scale import corpus  # noqa: E402  (the same synthetic documents)

from sinew.store import Store  # noqa: E402

BATCH = 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, action="append", required=True,
                        help="A store built by analysis_scale.py (give two or more).")
    parser.add_argument("--batches", type=int, default=12)
    parser.add_argument("--memory-limit", default="4GB")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.batches < 1:
        raise SystemExit("--batches must be at least 1")
    with tempfile.TemporaryDirectory() as tmp:
        stores = []
        for n, path in enumerate(args.db):
            if not path.is_file():
                raise SystemExit(f"--db {path}: no such store")
            copy = Path(tmp) / f"{n}-{path.name}"
            shutil.copyfile(path, copy)
            store = Store(copy)  # opening for writing may bring an older store up to date
            store.query(f"SET memory_limit = '{args.memory_limit}'")
            store.query("CHECKPOINT")
            stores.append((path, store, store.counts()["documents"]))
        seconds: list[list[float]] = [[] for _ in stores]
        for _ in range(args.batches):
            for times, (_, store, _) in zip(seconds, stores):
                first = store.counts()["documents"]
                chunk = list(corpus(first, first + BATCH))
                started = time.perf_counter()
                store.add_documents(chunk)
                times.append(1000 * (time.perf_counter() - started) / BATCH)
        for _, store, _ in stores:
            store.close()
    base = statistics.median(seconds[0]), statistics.mean(seconds[0])
    for (path, _, documents), times in zip(stores, seconds):
        median, mean = statistics.median(times), statistics.mean(times)
        row = {"db": str(path), "documents": documents, "batches": len(times),
               "ms_per_doc_median": round(median, 3), "ms_per_doc_mean": round(mean, 3),
               "ms_per_doc_max": round(max(times), 3),
               "median_ratio": round(median / base[0], 3), "mean_ratio": round(mean / base[1], 3)}
        print(json.dumps(row) if args.json else
              f"{documents:>9,} documents: {median:.3f} ms/doc median ({row['median_ratio']}x), "
              f"{mean:.3f} mean ({row['mean_ratio']}x), {max(times):.3f} max")


if __name__ == "__main__":
    main()
