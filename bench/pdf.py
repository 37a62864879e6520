"""PDF text extraction: pypdf, pdfplumber and PDFium compared with sinew's reader, on generated
report-style PDFs, same run.

    .venv/bin/python bench/pdf.py [--pages 40] [--long 250] [--repeats 3] [--json out.json]

The reports are built by ``tests/pdfs.py`` (reportlab, the dev extra): two columns whose
paragraphs flow across columns and pages, a running header, a footer with the page number, a
table, each page drawn out of reading order as real reports often are. For each extractor:

* pages/s: best of ``--repeats`` runs over the ``--pages`` report;
* sentences whole: the share of the report's sentences found intact (spacing aside);
* in order: the share of those that come in reading order (longest increasing run / found),
  n/a when under a tenth of the sentences are found;
* running lines: header and footer lines left in the text, per page;
* table rows: the share of table rows whose cells stand together on one line, in order.

Then sinew's reader alone on a ``--long`` report: pages/s and peak resident memory, against the
``--pages`` report (each in a fresh process), to show that memory does not grow with pages; and
the whole pipeline (reading, parsing, coding) on the ``--pages`` report, in pages/s.
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from pdfs import FOOTER, HEADER, TABLE, Report, report_pdf  # noqa: E402


def _pypdf(data: bytes, mode: str) -> str:
    import io

    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    return "\n".join(p.extract_text(extraction_mode=mode) for p in pages)


def _pdfplumber(data: bytes) -> str:
    import io

    import pdfplumber

    parts = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            parts.append(page.extract_text() or "")
            page.close()  # frees the page's cached objects
    return "\n".join(parts)


def _pdfium(data: bytes) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    parts = []
    for page in pdf:
        textpage = page.get_textpage()
        parts.append(textpage.get_text_range())
        textpage.close()
        page.close()
    pdf.close()
    return "\n".join(parts)


def _sinew(data: bytes) -> str:
    from sinew.pdf import read_pdf

    return read_pdf(data, name="report.pdf", max_chars=50_000_000).text


EXTRACTORS: dict[str, Callable[[bytes], str]] = {
    "pypdf (plain)": lambda d: _pypdf(d, "plain"),
    "pypdf (layout)": lambda d: _pypdf(d, "layout"),
    "pdfplumber": _pdfplumber,
    "pypdfium2 (text as drawn)": _pdfium,
    "sinew (pypdfium2 + layout)": _sinew,
}


def _sentences(report: Report) -> list[str]:
    return [s for p in report.sentences for s in re.split(r"(?<=\.) (?=[A-Z])", p)]


def _in_order(positions: list[int]) -> float:
    """Longest increasing subsequence over the count: 1.0 when all are in reading order."""
    tails: list[int] = []
    for at in positions:
        i = bisect.bisect_left(tails, at)
        tails[i:i + 1] = [at]
    return len(tails) / max(len(positions), 1)


def quality(text: str, report: Report) -> dict[str, float]:
    flat = " ".join(text.split())
    sentences = _sentences(report)
    found = [flat.find(s) for s in sentences]
    positions = [at for at in found if at >= 0]
    lines = [" ".join(line.replace("|", " ").split()) for line in text.splitlines()]
    running = sum(flat.count(x) for x in (HEADER, FOOTER))
    rows = sum(any(" ".join(row) in line for line in lines) for row in TABLE)
    return {"sentences_whole": len(positions) / len(sentences),
            "in_order": _in_order(positions) if len(positions) >= len(sentences) / 10 else None,
            "running_lines_per_page": running / len(report.pages),
            "table_rows": rows / len(TABLE)}


def _timed(extract: Callable[[bytes], str], data: bytes, repeats: int) -> tuple[str, float]:
    best, text = float("inf"), ""
    for _ in range(repeats):
        started = time.perf_counter()
        text = extract(data)
        best = min(best, time.perf_counter() - started)
    return text, best


def compare(pages: int, repeats: int) -> list[dict[str, object]]:
    report = report_pdf(pages)
    rows = []
    for extract in EXTRACTORS.values():
        extract(report_pdf(1).data)  # imports and first-call set-up are not timed
    for name, extract in EXTRACTORS.items():
        text, seconds = _timed(extract, report.data, repeats)
        rows.append({"extractor": name, "pages_per_s": len(report.pages) / seconds,
                     **quality(text, report)})
    return rows


def _status(field: str) -> float:
    """A memory figure of this process from /proc/self/status, in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(field)


def _child(path: str, pages: int) -> None:
    """Read the report at ``path`` with sinew's reader, as ``sinew ingest`` does (PDFium reads
    the file itself); print pages/s, the resident memory before and its peak while reading
    (the peak is reset first, so the imports' peak does not hide it)."""
    from sinew.pdf import read_pdf

    Path("/proc/self/clear_refs").write_text("5")  # resets the peak (VmHWM) to the current size
    before = _status("VmRSS")
    started = time.perf_counter()
    read_pdf(path, name=path, max_chars=50_000_000)
    seconds = time.perf_counter() - started
    peak = _status("VmHWM")
    print(json.dumps({"pages": pages, "pages_per_s": pages / seconds, "peak_mib": peak,
                      "growth_mib": peak - before}))


def memory(pages: list[int]) -> list[dict[str, float]]:
    out = []
    with tempfile.TemporaryDirectory() as folder:
        for count in pages:
            path = report_pdf(count).write(Path(folder) / f"report-{count}.pdf")
            result = subprocess.run([sys.executable, __file__, "--child", str(path),
                                     str(count)], check=True, capture_output=True, text=True)
            out.append(json.loads(result.stdout))
    return out


def pipeline(pages: int) -> dict[str, float]:
    """The whole pipeline (``sinew extract``) over a ``pages`` report: pages/s and events."""
    from sinew.coder import coder_for
    from sinew.nlp import load_nlp
    from sinew.pipeline import process

    coder_for(load_nlp())  # the model and lexicons load before the clock starts
    with tempfile.TemporaryDirectory() as folder:
        path = report_pdf(pages).write(Path(folder) / "report.pdf")
        started = time.perf_counter()
        outcomes = list(process([str(path)]))
        seconds = time.perf_counter() - started
    return {"pages": pages, "pages_per_s": pages / seconds,
            "events": sum(len(o.records) for o in outcomes)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--long", type=int, default=250)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", default=None)
    parser.add_argument("--child", nargs=2, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        _child(args.child[0], int(args.child[1]))
        return
    rows = compare(args.pages, args.repeats)
    print(f"{'extractor':28} {'pages/s':>8} {'whole':>6} {'order':>6} {'running':>8} {'table':>6}")
    for r in rows:
        order = "n/a" if r["in_order"] is None else f"{r['in_order']:.0%}"
        print(f"{r['extractor']:28} {r['pages_per_s']:8.1f} {r['sentences_whole']:6.0%} "
              f"{order:>6} {r['running_lines_per_page']:8.2f} {r['table_rows']:6.0%}")
    sizes = memory([args.pages, args.long])
    for m in sizes:
        print(f"sinew reader, {m['pages']:4d} pages: {m['pages_per_s']:.1f} pages/s, "
              f"peak memory {m['peak_mib']:.0f} MiB (+{m['growth_mib']:.1f} MiB while reading)")
    whole = pipeline(args.pages)
    print(f"whole pipeline, {whole['pages']} pages: {whole['pages_per_s']:.1f} pages/s "
          f"({whole['events']} events)")
    if args.json:
        Path(args.json).write_text(json.dumps({"compare": rows, "memory": sizes,
                                               "pipeline": whole}, indent=2))


if __name__ == "__main__":
    main()
