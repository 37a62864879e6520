"""Write a sample report-style PDF (the one the tests and bench/pdf.py build) to try PDF input.

    .venv/bin/python scripts/sample_pdf.py report.pdf [--pages 3]

Two columns whose paragraphs run across columns and pages, a running header, a footer with the
page number and a table, drawn out of reading order (``tests/pdfs.py``; reportlab, the dev
extra).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from pdfs import report_pdf  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target")
    parser.add_argument("--pages", type=int, default=3)
    args = parser.parse_args()
    path = report_pdf(args.pages).write(Path(args.target))
    print(f"wrote {path} ({args.pages} pages)")


if __name__ == "__main__":
    main()
