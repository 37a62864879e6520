"""PDFs built by the tests themselves (reportlab, the dev extra): a small one, a report-style
multi-page one (running header and footer, two columns, a table) and a scanned one (an image,
no text layer). ``bench/pdf.py`` builds its reports with the same functions."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas
from reportlab.lib.utils import ImageReader
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

HEADER = "Panel of Experts on Supply Routes - Final Report"
#: The report's title, across both columns at the top of page 1.
TITLE = "Munitions and drones for Russia: what crossed by rail and by sea"
FOOTER = "Distributed for information only"

#: Sentences a report's pages are made of, each naming a country, a commodity and a figure, so
#: that a broken sentence (column, header or footer inside it) is seen in the extracted text.
SENTENCES = (
    "North Korea shipped about {n},000 artillery shells to Russia by rail through Tumangang.",
    "Iran delivered {n} Shahed drones to Russia across the Caspian Sea in the second quarter.",
    "Belarus supplied {n} tanks to Russia from storage depots near Baranovichi.",
    "China exported {n} tonnes of nitrocellulose to Russian manufacturers, customs data show.",
    "The panel found that {n} freight wagons carried munitions from Rajin to the border.",
    "Officials in Seoul said that {n} containers had crossed by sea since the summer.",
)

#: Rows of the report's table: a header and one row per supplier.
TABLE = (("Supplier", "Item", "Quantity"),
         ("North Korea", "artillery shells", "1,000,000"),
         ("Iran", "Shahed drones", "2,400"),
         ("Belarus", "tanks", "130"))


@dataclass(frozen=True)
class Report:
    """A built report: its bytes, the paragraphs that start on each page and the text of each
    page (its lines in reading order, joined by spaces)."""

    data: bytes
    paragraphs: tuple[tuple[str, ...], ...]
    pages: tuple[str, ...]

    def write(self, path: Path) -> Path:
        path.write_bytes(self.data)
        return path

    @property
    def sentences(self) -> list[str]:
        return [p for page in self.paragraphs for p in page]


def small_pdf(text: str, *, title: str | None = None) -> bytes:
    """One page with ``text`` as one paragraph per blank-line-separated block."""
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=A4, title=title or "")
    frame = Frame(2 * cm, 2 * cm, A4[0] - 4 * cm, A4[1] - 4 * cm)
    doc.addPageTemplates([PageTemplate("one", [frame])])
    style = getSampleStyleSheet()["BodyText"]
    doc.build([Paragraph(block, style) for block in text.split("\n\n")])
    return out.getvalue()


def report_pdf(pages: int, *, table_on: int | None = 2) -> Report:
    """A report of ``pages`` pages in two columns under a running header and over a footer with
    the page number, the title across both columns on page 1; paragraphs flow from column to
    column and page to page, so sentences cross both. Page ``table_on`` starts its left column
    with the supplier table. Each page is
    drawn out of reading order (right column, footer, left column bottom-up, header), as many
    real reports are, so that only a reader that goes by position gets the order right."""
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setTitle(HEADER)
    capacity = pages * 2 * _ROWS - 2 * _TITLE_ROWS - (len(TABLE) + 1 if table_on else 0)
    texts, story = _lines(capacity)
    starts: list[list[str]] = []
    texts_on: list[str] = []
    for number in range(1, pages + 1):
        below = _TITLE_ROWS if number == 1 else 0
        rows = _ROWS - below - (len(TABLE) + 1 if number == table_on else 0)
        left, right = story[:rows], story[rows:rows + _ROWS - below]
        story = story[len(left) + len(right):]
        starts.append([texts[n] for _, n in left + right if n is not None])
        texts_on.append(" ".join(([TITLE] if below else []) +
                                 [line for line, _ in left + right if line]))
        _draw_page(page, number, [t for t, _ in left], [t for t, _ in right], number == table_on)
    page.save()
    return Report(out.getvalue(), tuple(tuple(p) for p in starts), tuple(texts_on))


_FONT, _SIZE, _LEADING = "Helvetica", 10, 13
_MARGIN, _GAP = 2 * cm, 1 * cm
_COLUMN = (A4[0] - 2 * _MARGIN - _GAP) / 2
_ROWS = int((A4[1] - 2 * _MARGIN) // _LEADING)
_TITLE_ROWS = 3


def _lines(capacity: int) -> tuple[list[str], list[tuple[str, int | None]]]:
    """As many paragraphs as fit in ``capacity`` column lines, and their lines wrapped to the
    column: ``(line, n)`` for the first line of paragraph ``n``, ``(line, None)`` for the
    others, a blank line after each paragraph."""
    from reportlab.lib.utils import simpleSplit

    texts: list[str] = []
    lines: list[tuple[str, int | None]] = []
    while True:
        n = len(texts)
        text = _paragraph(n)
        wrapped = simpleSplit(text, _FONT, _SIZE, _COLUMN)
        if len(lines) + len(wrapped) > capacity:
            return texts, lines
        texts.append(text)
        lines += [(line, n if i == 0 else None) for i, line in enumerate(wrapped)] + [("", None)]


def scanned_pdf(pages: int = 2) -> bytes:
    """Pages that are only pictures of text (as a scanner makes them): no text layer."""
    from PIL import Image, ImageDraw

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    for number in range(pages):
        image = Image.new("L", (600, 800), 255)
        ImageDraw.Draw(image).text((40, 40), f"Scanned page {number + 1}: shells to Russia", 0)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        buffer.seek(0)
        page.drawImage(ImageReader(buffer), 0, 0, *A4)
        page.showPage()
    page.save()
    return out.getvalue()


def _paragraph(n: int) -> str:
    """Paragraph ``n``: two sentences whose figures no other sentence has."""
    first = SENTENCES[n % len(SENTENCES)].format(n=2 * n + 1)
    second = SENTENCES[(n + 3) % len(SENTENCES)].format(n=2 * n + 2)
    return f"{first} {second}"


def _draw_page(page: canvas.Canvas, number: int, left: list[str], right: list[str],
               table: bool) -> None:
    width, height = A4
    top = height - _MARGIN - (_TITLE_ROWS * _LEADING if number == 1 else 0)
    page.setFont(_FONT, _SIZE)
    for row, line in enumerate(right):
        page.drawString(_MARGIN + _COLUMN + _GAP, top - (row + 1) * _LEADING, line)
    page.setFont(_FONT, 8)
    page.drawString(_MARGIN, 1.2 * cm, FOOTER)
    page.drawRightString(width - _MARGIN, 1.2 * cm, f"Page {number}")
    page.setFont(_FONT, _SIZE)
    skip = len(TABLE) + 1 if table else 0
    for row in reversed(range(len(left))):
        page.drawString(_MARGIN, top - (row + 1 + skip) * _LEADING, left[row])
    if table:
        _draw_table(page, top)
    if number == 1:
        page.setFont(_FONT, 14)
        page.drawString(_MARGIN, height - _MARGIN - 1.5 * _LEADING, TITLE)
    page.setFont(_FONT, 8)
    page.drawString(_MARGIN, height - 1.2 * cm, HEADER)
    page.showPage()


def _draw_table(page: canvas.Canvas, top: float) -> None:
    cells = (0, 2.6 * cm, 5.6 * cm)
    page.setFont(_FONT, 9)
    for row, values in enumerate(TABLE):
        y = top - (row + 1) * _LEADING
        for x, value in zip(cells, values):
            page.drawString(_MARGIN + x, y, value)
        page.line(_MARGIN, y - 3, _MARGIN + _COLUMN, y - 3)
