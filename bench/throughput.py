"""Throughput of the full sinew pipeline against bare ``nlp.pipe`` on the same texts, same run.

    .venv/bin/python bench/throughput.py [--words 60000] [--repeats 3] [--json out.json]

Texts: the bundled demo corpus, plus ../shared/corpus/articles.jsonl when present, made unique
and repeated until ``--words`` is reached. Each variant runs ``--repeats`` times, alternating,
and the best run of each is compared (the machines are noisy; the best run is the least
disturbed). Reports words per second, the ratio full/bare, and peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from functools import lru_cache
from importlib import resources
from pathlib import Path

import spacy

from sinew.config import model_name
from sinew.nlp import load_nlp
from sinew.pipeline import process
from sinew.reading import iter_inputs
from sinew.schema import Document


def corpus_texts(target_words: int) -> list[str]:
    sources = [str(resources.files("sinew") / "data" / "demo")]
    shared = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "articles.jsonl"
    if shared.exists():
        sources.append(str(shared))
    base = [d.text for d in iter_inputs(sources) if isinstance(d, Document)]
    texts, words, i = [], 0, 0
    while words < target_words:
        text = f"Bulletin {i}.\n\n{base[i % len(base)]}"
        texts.append(text)
        words += len(text.split())
        i += 1
    return texts


@lru_cache(maxsize=1)
def bare_nlp():
    """The same spaCy pipeline as sinew loads, without anything sinew adds to it."""
    return spacy.load(model_name())


def bare(texts: list[str]) -> float:
    nlp = bare_nlp()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - start


def full(texts: list[str], path: Path) -> float:
    start = time.perf_counter()
    records = sum(len(o.records) for o in process([str(path)]))
    elapsed = time.perf_counter() - start
    assert records > 0, "the full pipeline found nothing: the benchmark would be meaningless"
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=60_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    texts = corpus_texts(args.words)
    words = sum(len(t.split()) for t in texts)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.jsonl"
        path.write_text("".join(json.dumps({"id": f"b{i}", "text": t}) + "\n"
                                for i, t in enumerate(texts)), encoding="utf-8")
        load_nlp()(texts[0])  # warm up: model loads and first-call costs are not throughput
        bare_nlp()(texts[0])
        timings = {"bare": [], "full": []}
        for _ in range(args.repeats):
            timings["bare"].append(bare(texts))
            timings["full"].append(full(texts, path))
    best = {k: min(v) for k, v in timings.items()}
    result = {
        "documents": len(texts), "words": words,
        "bare_words_per_s": round(words / best["bare"]),
        "full_words_per_s": round(words / best["full"]),
        "ratio_full_to_bare": round(best["bare"] / best["full"], 3),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "runs_s": {k: [round(x, 2) for x in v] for k, v in timings.items()},
    }
    json.dump(result, sys.stdout, indent=2)
    print()
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
