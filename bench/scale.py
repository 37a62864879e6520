"""Scaling of the Dask engine: documents and words per second with 1, 2, ... local workers
against the single-process pipeline on the same corpus, the scaling efficiency, and peak memory.

    .venv/bin/python bench/scale.py [--words 60000] [--workers 1 2] [--lines 25] [--json out.json]

Corpus: as bench/throughput.py (the demo corpus, plus ../shared/corpus when present, made
unique and repeated to ``--words``), written as one JSON Lines file cut into partitions of
``--lines`` lines. Each cluster is started and its workers' model loaded before the clock
starts: a long run pays those once, so they are not throughput. The time includes planning,
scheduling, writing Parquet and the final cross-partition duplicate pass.

efficiency = rate with N workers / (N x single-process rate): 1.0 is perfect scaling; it also
charges the engine's own overhead (scheduler, serialisation, Parquet) against it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

# One BLAS thread, as Dask gives each worker: the single-process rate is then a per-core rate.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from throughput import corpus_texts  # noqa: E402

from sinew import distributed as sd  # noqa: E402
from sinew.nlp import load_nlp  # noqa: E402
from sinew.pipeline import process  # noqa: E402
from sinew.schema import RunSummary  # noqa: E402


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def single(path: Path) -> tuple[float, RunSummary]:
    load_nlp()("Warm up.")
    summary = RunSummary()
    start = time.perf_counter()
    for _ in process([str(path)], summary=summary):
        pass
    return time.perf_counter() - start, summary


def cluster(path: Path, workers: int, lines: int, out: Path) -> tuple[float, RunSummary, list]:
    with sd.local_cluster(workers) as client:
        client.register_plugin(sd.LoadModel())
        start = time.perf_counter()
        run = sd.dask_ingest([str(path)], out, client=client, lines_per_partition=lines)
        elapsed = time.perf_counter() - start
        peaks = sorted(client.run(_peak_rss_mib).values())
    return elapsed, run.summary, peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=60_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--lines", type=int, default=25, help="lines per partition")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    texts = corpus_texts(args.words)
    words = sum(len(t.split()) for t in texts)
    result: dict = {"documents": len(texts), "words": words, "cores": os.cpu_count(),
                    "lines_per_partition": args.lines}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.jsonl"
        path.write_text("".join(json.dumps({"id": f"b{i}", "text": t}) + "\n"
                                for i, t in enumerate(texts)), encoding="utf-8")
        seconds, base = single(path)
        base_rate = words / seconds
        result["single_process"] = {"seconds": round(seconds, 2), "docs_per_s": round(len(texts) / seconds, 1),
                                    "words_per_s": round(base_rate),
                                    "peak_rss_mib": round(_peak_rss_mib())}
        for n in args.workers:
            seconds, summary, peaks = cluster(path, n, args.lines, Path(tmp) / f"out-{n}")
            assert (summary.processed, summary.events) == (base.processed, base.events), \
                f"the cluster run disagrees with the single-process run: {summary} {base}"
            result[f"workers_{n}"] = {
                "seconds": round(seconds, 2), "docs_per_s": round(len(texts) / seconds, 1),
                "words_per_s": round(words / seconds),
                "efficiency": round(words / seconds / (n * base_rate), 3),
                "peak_rss_mib_per_worker": [round(p) for p in peaks]}
    json.dump(result, sys.stdout, indent=2)
    print()
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
