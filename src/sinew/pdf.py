"""Reading PDF reports: the text of each page put in reading order, page by page.

PDFium (``pypdfium2``) gives each page's text as runs with their boxes; the order they are
drawn in is often not the order they are read in (``docs/pdf.md`` has the comparison with
pypdf and pdfplumber that chose it). Layout is recovered from position alone:

* **running lines**: the top and bottom rows of a page whose text, digits aside, recurs at the
  same end of at least half the pages (two at least) are headers and footers, and dropped;
* **columns**: a vertical gutter in the middle of the page that no run crosses splits it in
  two; runs wider than half the page (titles) span both and cut the page into bands, each read
  left column first;
* **tables**: runs on one baseline with wide gaps between them are cells, written as one text
  row (``North Korea | artillery shells | 1,000,000``), a paragraph of its own;
* **sentences**: lines of a block join with spaces; a block that does not end a sentence
  continues across a column or page break, so no sentence is cut by the layout.

Pages are opened and closed one at a time: memory holds the text read so far (bounded by the
``max_chars`` limit), never the pages' objects. A page without a text layer (a scan) adds no
text; a document with none at all is refused with that reason, since sinew does no OCR.

needs: a PDF file or its bytes; sets: the text, title and page start offsets of a Document.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

__all__ = ["PdfProblem", "PdfText", "page_of", "read_pdf"]

#: ``on_page(name, page, pages)``: called after each page is read (for a progress bar).
PageHook = Callable[[str, int, int], None]

_SOFT_HYPHENS = ("\xad", "\x02", "\ufffe")
_SENTENCE_END = re.compile(r"""[.!?:;]["'\u2019\u201d)\]]*$""")
_RUNNING_ROWS = 2  # rows at each end of a page that may be a running header or footer
_NEIGHBOURS = 2  # a row repeated this many pages away or nearer is a running line
_CELL_GAP = 1.5  # a gap wider than this many line heights separates table cells
_PARAGRAPH_GAP = 1.4  # a line this many times further than usual from the last starts a paragraph
_SPANNING = 0.5  # a run wider than this share of the page spans the columns


class PdfProblem(Exception):
    """``(key, message)``: why a PDF gives no document (the reading stage's rejection keys)."""


@dataclass(frozen=True)
class PdfText:
    """A PDF's text in reading order; ``page_starts[i]`` is the offset where page ``i + 1``
    begins; ``blank_pages`` lists pages with no text layer."""

    text: str
    title: str | None
    page_starts: tuple[int, ...]
    blank_pages: tuple[int, ...]


@dataclass(frozen=True)
class _Run:
    left: float
    bottom: float
    right: float
    top: float
    text: str

    @property
    def middle(self) -> float:
        return (self.bottom + self.top) / 2

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


@dataclass
class _Line:
    runs: list[_Run]

    @property
    def top(self) -> float:
        return max(r.top for r in self.runs)

    @property
    def bottom(self) -> float:
        return min(r.bottom for r in self.runs)

    @property
    def height(self) -> float:
        return max(r.height for r in self.runs)

    def cells(self) -> list[str]:
        """The line's text, split where a gap is wide enough to part table cells."""
        runs = sorted(self.runs, key=lambda r: r.left)
        cells = [runs[0].text]
        for before, run in zip(runs, runs[1:]):
            if run.left - before.right > _CELL_GAP * self.height:
                cells.append(run.text)
            else:
                cells[-1] = f"{cells[-1]} {run.text}"
        return cells


@dataclass(frozen=True)
class _Block:
    """Lines read together: a paragraph's piece, or one table row (``row``); ``first`` when it
    opens a column or page (where a sentence left open before it goes on); ``spanning`` when
    it runs across the columns (a title: never a sentence that goes on)."""

    text: str
    row: bool = False
    first: bool = False
    spanning: bool = False


def read_pdf(source: str | Path | bytes, *, name: str, max_chars: int,
             on_page: PageHook | None = None) -> PdfText:
    """The text of a PDF in reading order, or :class:`PdfProblem` (``unreadable``,
    ``encrypted``, ``no-text-layer``, ``too-large``). Two passes over the pages, each page
    opened and closed in turn: the first finds the running lines (and refuses a PDF that is
    too large or has no text), the second builds the text."""
    pdf = _open(source, name)
    try:
        ends = [set(_ends(lines)) for lines in _pages(pdf, name, max_chars)]
        if not any(ends):
            raise PdfProblem("no-text-layer", f"{name} has no text layer on any of its "
                             f"{len(ends)} page(s): a scanned report? sinew does no OCR (run "
                             "one, e.g. ocrmypdf, and pass its output)")
        running = _running(ends)
        out, blank = _Text(), []
        for number, lines in enumerate(_pages(pdf, name, max_chars), 1):
            out.page(_page_blocks(lines, running[number - 1]))
            blank += [] if lines else [number]
            if on_page is not None:
                on_page(name, number, len(ends))
        title = (pdf.get_metadata_dict().get("Title") or "").strip() or None
    finally:
        pdf.close()
    return PdfText(out.text(), title, tuple(out.starts), tuple(blank))


def page_of(page_starts: list[int] | tuple[int, ...], offset: int) -> int:
    """The page (from 1) on which the character at ``offset`` stands."""
    return max(bisect.bisect_right(page_starts, offset), 1)


def _open(source: str | Path | bytes, name: str):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(source if isinstance(source, bytes) else str(source))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise PdfProblem("encrypted", f"{name} is password-protected (save an unprotected "
                             "copy and pass that)") from None
        raise PdfProblem("unreadable", f"cannot read {name} as a PDF: {exc} (is it a whole, "
                         "valid PDF file?)") from None


def _pages(pdf, name: str, max_chars: int) -> Iterator[list[_Line]]:
    """Each page's lines, read one page at a time; the page is closed before the next."""
    total, chars = len(pdf), 0
    for number in range(total):
        page = pdf[number]
        try:
            runs = _runs(page)
        finally:
            page.close()
        chars += sum(len(r.text) + 1 for r in runs)
        if chars > max_chars:
            raise PdfProblem("too-large", f"{name} has more than {max_chars:,} characters of "
                             f"text by page {number + 1} of {total} (split it or raise "
                             "--max-chars)")
        yield _rows(runs)


def _runs(page) -> list[_Run]:
    """The page's text runs with their boxes: each line PDFium finds in the page's text, split
    by the boxes it covers (table cells, a footer's two ends)."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        if len(text) != textpage.count_chars():  # characters outside the BMP shift indices
            return _bounded_runs(textpage, textpage.count_rects())
        runs = []
        for start, end in _line_spans(text):
            count = textpage.count_rects(start, end - start)
            if count == 1:
                runs += _make_runs([textpage.get_rect(0)], [text[start:end]])
            elif count > 1:
                runs += _bounded_runs(textpage, count)
        return runs
    finally:
        textpage.close()


def _line_spans(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for brk in re.finditer(r"\r\n|[\r\n]", text):
        yield start, brk.start()
        start = brk.end()
    yield start, len(text)


def _bounded_runs(textpage, count: int) -> list[_Run]:
    """The text inside each of the last ``count`` boxes PDFium computed."""
    boxes = [textpage.get_rect(i) for i in range(count)]
    return _make_runs(boxes, [textpage.get_text_bounded(*box) for box in boxes])


def _make_runs(boxes: list[tuple[float, ...]], texts: list[str]) -> list[_Run]:
    runs = []
    for box, text in zip(boxes, texts):
        words = " ".join(text.split())
        if words:
            runs.append(_Run(*box, words))
    return runs


def _rows(runs: list[_Run]) -> list[_Line]:
    """Runs grouped into lines by vertical overlap, top of the page first."""
    lines: list[_Line] = []
    for run in sorted(runs, key=lambda r: (-r.top, r.left)):
        if lines and lines[-1].bottom <= run.middle <= lines[-1].top:
            lines[-1].runs.append(run)
        else:
            lines.append(_Line([run]))
    return lines


def _key(line: _Line) -> str:
    """A line's text with its numbers blanked ("Page 7" and "Page 8" are one running line)."""
    return re.sub(r"\d+", "#", " ".join(line.cells()).casefold())


def _ends(lines: list[_Line]) -> Iterator[tuple[str, str]]:
    yield from (("top", _key(line)) for line in lines[:_RUNNING_ROWS])
    yield from (("bottom", _key(line)) for line in lines[-_RUNNING_ROWS:])


def _running(pages: list[set[tuple[str, str]]]) -> list[set[tuple[str, str]]]:
    """For each page, the (end, key) of its running lines: those found at the same end of at
    least half the pages (two at least), or of a page at most ``_NEIGHBOURS`` away (a chapter's
    header, on a book's odd or even pages)."""
    counts = Counter(end for ends in pages for end in ends)
    need = max(2, (len(pages) + 1) // 2)
    everywhere = {end for end, n in counts.items() if n >= need}
    running = []
    for i, ends in enumerate(pages):
        near = set().union(*pages[max(i - _NEIGHBOURS, 0):i], *pages[i + 1:i + 1 + _NEIGHBOURS])
        running.append(everywhere | (ends & near))
    return running


def _page_blocks(lines: list[_Line], running: set[tuple[str, str]]) -> Iterator[_Block]:
    top = [("top", _key(line)) in running for line in lines[:_RUNNING_ROWS]]
    bottom = [("bottom", _key(line)) in running for line in lines[-_RUNNING_ROWS:]]
    drop = {id(line) for line, gone in zip(lines[:_RUNNING_ROWS], top) if gone}
    drop |= {id(line) for line, gone in zip(lines[-_RUNNING_ROWS:], bottom) if gone}
    runs = [run for line in lines if id(line) not in drop for run in line.runs]
    for group, spanning in _reading_groups(runs):
        for i, block in enumerate(_blocks(_rows(group))):
            yield dataclasses.replace(block, first=i == 0, spanning=spanning)


def _reading_groups(runs: list[_Run]) -> Iterator[tuple[list[_Run], bool]]:
    """Runs in reading order as groups read top to bottom, each with whether it spans the
    columns: the whole page when it has one column; else bands between runs that span the
    columns (a title), each band's left column, then its right."""
    if not runs:
        return
    left = min(r.left for r in runs)
    width = max(r.right for r in runs) - left
    narrow = [r for r in runs if r.right - r.left <= _SPANNING * width]
    # Columns hold most of a page's text; a few short lines on a one-column page do not
    # make one (headings, a paragraph's last line, table cells).
    in_columns = sum(len(r.text) for r in narrow) >= 0.5 * sum(len(r.text) for r in runs)
    gutter = _gutter(narrow, left, width) if in_columns else None
    if gutter is None:
        yield runs, False
        return
    for spanning, band in itertools.groupby(sorted(runs, key=lambda r: -r.top),
                                            key=lambda r: r.right - r.left > _SPANNING * width):
        band = list(band)
        if spanning:
            yield band, True
        else:
            yield [r for r in band if r.right <= gutter], False
            yield [r for r in band if r.right > gutter], False


def _gutter(runs: list[_Run], left: float, width: float) -> float | None:
    """The x of a gap between columns: uncovered by any run, in the middle third-ish of the
    text, with a fair share of the text on each side; None for one column."""
    spans = sorted((r.left, r.right) for r in runs)
    reach, gaps = float("-inf"), []
    for start, end in spans:
        if reach != float("-inf") and start > reach:
            gaps.append((reach, start))
        reach = max(reach, end)
    chars = sum(len(r.text) for r in runs)
    for start, end in sorted(gaps, key=lambda g: g[0] - g[1]):
        middle = (start + end) / 2
        if not left + 0.3 * width <= middle <= left + 0.7 * width:
            continue
        share = sum(len(r.text) for r in runs if r.right <= middle) / max(chars, 1)
        if 0.2 <= share <= 0.8:
            return middle
    return None


def _blocks(lines: list[_Line]) -> Iterator[_Block]:
    """A column's lines as blocks: table rows alone, other lines joined into paragraphs; a
    paragraph ends where the distance to the next line is well over the column's usual one,
    its lower quartile (headings and paragraph gaps widen the others); measured between line
    middles, since boxes are as tall as their letters ("summer." is short)."""
    middles = [(line.top + line.bottom) / 2 for line in lines]
    pitches = [a - b for a, b in zip(middles, middles[1:])]
    usual = statistics.quantiles(pitches, n=4, method="inclusive")[0] if len(pitches) > 1 \
        else sum(pitches)
    current: list[str] = []
    for i, line in enumerate(lines):
        cells = line.cells()
        apart = i > 0 and pitches[i - 1] > _PARAGRAPH_GAP * usual
        if current and (len(cells) > 1 or apart):
            yield _Block(_joined(current))
            current = []
        if len(cells) > 1:
            yield _Block(" | ".join(cells), row=True)
        else:
            current.append(cells[0])
    if current:
        yield _Block(_joined(current))


def _joined(lines: list[str]) -> str:
    """Lines of one paragraph as one line: a soft hyphen at a line's end joins the word."""
    text = ""
    for line in lines:
        if text.endswith(_SOFT_HYPHENS):
            text = text[:-1] + line
        elif text.endswith("-") and text[-2:-1].isalpha():
            text += line  # a hyphenated compound broken at its hyphen: "long-" "range"
        else:
            text = f"{text} {line}" if text else line
    for mark in _SOFT_HYPHENS:
        text = text.replace(mark, "")
    return text


class _Text:
    """The document text, built page by page: blocks apart by a blank line, and the offset
    where each page starts. A sentence left open at the end of a column or page goes on in
    the block that opens the next; table rows met first there (a table set in the middle of a
    running paragraph) are held until the sentence ends."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.size = 0
        self.open_sentence = False
        self.held: list[_Block] = []

    def page(self, blocks: Iterable[_Block]) -> None:
        self.starts.append(self.size)
        for block in blocks:
            if block.row and (self.held or (block.first and self.open_sentence)):
                self.held.append(block)
                continue
            self._add(block, join=self.open_sentence and (block.first or bool(self.held)))
            if self.held and not self.open_sentence:
                self._flush()

    def text(self) -> str:
        self._flush()
        return "".join(self.parts)

    def _flush(self) -> None:
        held, self.held = self.held, []
        for row in held:
            self._add(row, join=False)

    def _add(self, block: _Block, join: bool) -> None:
        glue = "" if not self.parts else " " if join and not block.row else "\n\n"
        self.parts.append(glue + block.text)
        self.size += len(glue) + len(block.text)
        self.open_sentence = not (block.row or block.spanning or _SENTENCE_END.search(block.text))
