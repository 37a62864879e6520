"""Reading stage: files (``.txt .text .md .html .htm .jsonl .ndjson .pdf``, optionally ``.gz``),
folders of them and ``-`` (standard input) in; one ``Document`` or ``Rejected`` per document out.
PDF reports are read page by page by :mod:`sinew.pdf`; their ``meta["page_starts"]`` holds the
offset where each page begins (evidence gets its page from it).

assigns: every ``Document`` field; ``id`` is the input's own id or ``doc-`` + ``content_hash``.
A bad input never raises: its ``Rejected.reason`` starts with a key (``unreadable``, ``encoding``,
``empty``, ``binary``, ``not-json``, ``too-deep``, ``no-text``, ``too-large``, ``unsupported``,
``not-found``, and for PDF ``encrypted`` and ``no-text-layer``) that run summaries count, and it
takes no other input with it: files are read one by one and JSON Lines line by line, a line too
long for any document is skipped unread, and a reader failing on one input rejects that input.
Only misuse of the function itself raises ``InputError``.
"""

from __future__ import annotations

import codecs
import datetime
import functools
import gzip
import itertools
import json
import logging
import os
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Mapping, TextIO

from sinew.dates import dateline_date, metadata_date
from sinew.errors import InputError
from sinew.pdf import PageHook, PdfProblem, read_pdf
from sinew.schema import Document, Rejected, content_hash

__all__ = ["FORMATS", "MAX_CHARS", "MAX_DEPTH", "Deduplicator", "count_inputs", "format_of",
           "is_sidecar", "iso_date", "iter_inputs", "jsonl_lines", "read_html",
           "read_jsonl_lines"]

MAX_CHARS = 1_000_000
FORMATS = ("auto", "text", "html", "jsonl", "pdf")
_SUFFIXES = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html",
             ".jsonl": "jsonl", ".ndjson": "jsonl", ".pdf": "pdf"}
_JSONL_FIELDS = ("id", "text", "title", "date", "url", "source")
_SIDECAR = ".json"  # "report.txt" takes its metadata from "report.json"
_PROBE_BYTES = 8192
_TITLE_MAX = 200
# JSON escapes spend up to 12 bytes a character (a surrogate pair as two \uXXXX); the slack
# is for the other fields. A longer line cannot hold a document within the limit.
_JSONL_BYTES_PER_CHAR = 12
_JSONL_SLACK = 1 << 20
_SKIP_CHUNK = 1 << 20
#: Nesting deeper than this in a JSON Lines object is refused: no article needs it, and
#: Python's JSON and every writer downstream recurse on it.
MAX_DEPTH = 64
# Pages carry markup and scripts many times the size of their text, so an HTML file may be
# far longer than the document it holds; past this multiple it is surely over the limit.
_HTML_SOURCE_FACTOR = 20
_AS_JSONL = "expected one object per line; use --input-format text for plain text"
_STDIN = "<stdin>"


class _Reject(Exception):
    """``(key, message)``, raised inside the readers and turned into a ``Rejected`` at the edge
    of the stage."""


@dataclass(frozen=True)
class _Where:
    """Where a document came from: ``origin`` for records, ``label`` for messages."""

    name: str
    line: int | None = None

    @property
    def origin(self) -> str:
        return self.name if self.line is None else f"{self.name}:{self.line}"

    @property
    def label(self) -> str:
        return self.name if self.line is None else f"{self.name} line {self.line}"


@dataclass(frozen=True)
class _Options:
    fmt: str
    default_date: str | None
    max_chars: int
    on_page: PageHook | None = None


class Deduplicator:
    """Remembers content hashes and explicit ids seen in this run (and, pre-seeded, in the
    store) so that the pipeline can count re-sent or re-spaced articles as duplicates."""

    def __init__(self, known_hashes: Iterable[str] = (),
                 known_ids: Iterable[str] | Mapping[str, str] = ()):
        self._hashes = set(known_hashes)
        # id -> content hash; None where only the id is known (then any reuse is a duplicate)
        self._ids: dict[str, str | None] = (dict(known_ids) if isinstance(known_ids, Mapping)
                                            else dict.fromkeys(known_ids))

    def verdict(self, doc: Document) -> str | None:
        """``"duplicate"`` when ``doc``'s text (or id, for the same text) was seen before,
        ``"id-conflict"`` when its id was seen with a different text, else None; remembers it."""
        if doc.content_hash in self._hashes:
            verdict: str | None = "duplicate"
        elif doc.id in self._ids:
            verdict = "duplicate" if self._ids[doc.id] is None else "id-conflict"
        else:
            verdict = None
        if verdict != "id-conflict":
            self._hashes.add(doc.content_hash)
            self._ids.setdefault(doc.id, doc.content_hash)
        return verdict

    def seen(self, doc: Document) -> bool:
        """True when ``doc`` was seen before (as a duplicate or under a conflicting id)."""
        return self.verdict(doc) is not None


def iter_inputs(sources: Iterable[str | Path], *, fmt: str = "auto",
                default_date: str | None = None, stdin: TextIO | None = None,
                max_chars: int = MAX_CHARS,
                on_page: PageHook | None = None) -> Iterator[Document | Rejected]:
    """Yield one ``Document`` or ``Rejected`` per input document, sources in the given order and
    folders in sorted path order. ``fmt`` forces a format; ``"auto"`` goes by suffix (and sniffs
    standard input). ``default_date`` (YYYY-MM-DD) dates documents that carry no date.
    ``on_page(name, page, pages)`` is called as each page of a PDF is read."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (use one of {', '.join(FORMATS)})", stage="read")
    if max_chars < 1:
        raise InputError(f"max_chars must be at least 1, not {max_chars}", stage="read")
    date = _iso_date(default_date) if default_date is not None else None
    if default_date is not None and date is None:
        raise InputError(f"default date {default_date!r} is not a date (use YYYY-MM-DD)",
                         stage="read")
    # One path passed bare would otherwise be read character by character.
    if isinstance(sources, (str, Path)):
        sources = [sources]
    # Checked above rather than in the generator so that misuse fails at the call.
    return _iter(list(sources), _Options(fmt, date, max_chars, on_page), stdin)


def _iter(sources: list[str | Path], opts: _Options,
          stdin: TextIO | None) -> Iterator[Document | Rejected]:
    for source in sources:
        if str(source) == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, opts)
        else:
            yield from _read_path(Path(source), opts)


def _rejected(where: _Where, key: str, message: str) -> Rejected:
    return Rejected(origin=where.origin, reason=f"{key}: {message}", stage="read")


def _attempt(where: _Where, build: Callable[..., Document], *args: Any) -> Document | Rejected:
    try:
        return build(*args)
    except _Reject as exc:
        return _rejected(where, *exc.args)
    except Exception as exc:  # noqa: BLE001 - a reader failing on one input rejects only it
        return _rejected(where, "unreadable", f"cannot read {where.label}: "
                         f"{type(exc).__name__}: {exc} (the reader failed on it; check the file)")


def _read_path(path: Path, opts: _Options) -> Iterator[Document | Rejected]:
    where = _Where(str(path))
    if path.is_dir():
        yield from _read_folder(path, opts)
    elif not path.exists():
        yield _rejected(where, "not-found", f"{path} does not exist (check the path)")
    elif opts.fmt == "auto" and _suffix_format(path) is None:
        yield _rejected(where, "unsupported", f"{path} is not .txt, .md, .html, .jsonl or .pdf "
                        "(rename it or pass --input-format text, html, jsonl or pdf)")
    else:
        yield from _read_file(path, opts)


def _read_folder(folder: Path, opts: _Options) -> Iterator[Document | Rejected]:
    files: list[Path] = []
    failures: list[OSError] = []
    for root, dirs, names in os.walk(folder, onerror=failures.append):
        # Hidden folders and files are version control, caches and editor state, never articles.
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files += [Path(root, n) for n in names if not n.startswith(".")
                  and not is_sidecar(Path(root, n))]
    for error in failures:
        yield _rejected(_Where(str(error.filename)), "unreadable",
                        f"cannot list {error.filename}: {error.strerror} (check its permissions)")
    if not files and not failures:
        yield _rejected(_Where(str(folder)), "empty", f"folder {folder} has no .txt, .md, .html, "
                        ".jsonl or .pdf files (check the path or the file suffixes)")
    # Files of other kinds are reported as unsupported, not skipped in silence: the user may
    # expect them to be read.
    for file in sorted(files):
        yield from _read_path(file, opts)


def is_sidecar(path: Path) -> bool:
    """``report.json`` beside ``report.txt``: that text's metadata, not an input (folder
    listings, local and distributed, leave it out)."""
    return path.suffix == _SIDECAR and any(
        path.with_suffix(s).is_file() for s, fmt in _SUFFIXES.items() if fmt == "text")


def _suffix_format(path: Path) -> str | None:
    name = path.name.lower().removesuffix(".gz")
    return _SUFFIXES.get(os.path.splitext(name)[1])


def _read_file(path: Path, opts: _Options) -> Iterator[Document | Rejected]:
    where = _Where(str(path))
    fmt = opts.fmt if opts.fmt != "auto" else _suffix_format(path)
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        if fmt == "pdf":
            yield _attempt(where, _pdf_document, path, where, opts)
            return
        with opener(path, "rb") as handle:
            probe = handle.read(_PROBE_BYTES)
            handle.seek(0)
            _check_probe(probe, where)
            if fmt == "jsonl":
                yield from _nonempty(_read_jsonl(jsonl_lines(handle, opts.max_chars),
                                                 where.name, opts), where)
            else:
                yield _attempt(where, _whole_file, handle, fmt, where, opts)
    except _Reject as exc:
        yield _rejected(where, *exc.args)
    except (OSError, EOFError, zlib.error) as exc:
        yield _rejected(where, "unreadable", f"cannot read {path}: {exc} "
                        "(check that it is a readable file, and a valid gzip file if .gz)")


def _check_probe(probe: bytes, where: _Where) -> None:
    # UTF-16 text is full of NUL bytes; its byte-order mark tells it apart from binary data.
    if probe.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _Reject("encoding", f"{where.label} looks like UTF-16, not UTF-8 "
                      "(re-save it as UTF-8)")
    if b"\x00" in probe:
        raise _Reject("binary", f"{where.label} looks like a binary file, not text "
                      "(pass .txt, .html or .jsonl)")


def _whole_file(handle: IO[bytes], fmt: str, where: _Where, opts: _Options) -> Document:
    # Reading stops just past the most a document within the limit can take, so a huge file
    # is rejected without being loaded: UTF-8 spends at most 4 bytes a character (+3 for a BOM).
    cap = 4 * opts.max_chars + 3
    cap *= _HTML_SOURCE_FACTOR if fmt == "html" else 1
    raw = handle.read(cap + 1)
    if len(raw) > cap:
        raise _Reject("too-large", f"{where.label} has more than {cap:,} bytes, over the "
                      f"{opts.max_chars:,}-character limit (split it or raise --max-chars)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Reject("encoding", f"cannot decode {where.label} as UTF-8 (byte {exc.start}; "
                      "re-save it as UTF-8)") from None
    return _parse_whole(text, fmt, where, opts)


def _parse_whole(text: str, fmt: str, where: _Where, opts: _Options) -> Document:
    if not text.strip():
        raise _Reject("empty", f"{where.label} is empty (pass a file with text in it)")
    if fmt == "html":
        return _html_document(text, where, opts)
    fields = _sidecar(where)
    fields.setdefault("title", _text_title(text))
    date = fields.pop("date", None) or dateline_date(text.lstrip().split("\n", 1)[0]) \
        or opts.default_date
    meta = {} if date else {"date_warning": "no date (pass --date, add a sidecar "
                                            f"{_SIDECAR} file, or start with a dateline)"}
    return _document(text, where, opts, date=date, meta=meta, **fields)


def _sidecar(where: _Where) -> dict[str, str | None]:
    """Metadata of a plain-text file from ``NAME.json`` beside it (``date``, ``title``,
    ``url``, ``source``), when there is one."""
    path = Path(where.name)
    if where.name == _STDIN or not path.with_suffix(_SIDECAR).is_file():
        return {}
    sidecar = path.with_suffix(_SIDECAR)
    try:
        obj = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _Reject("bad-sidecar", f"cannot read {sidecar}: {exc} (write one JSON object "
                      'such as {"date": "2025-06-18"})') from None
    if not isinstance(obj, dict):
        raise _Reject("bad-sidecar", f"{sidecar} is not a JSON object")
    fields = {k: _opt_str(obj.get(k)) for k in ("title", "url", "source") if obj.get(k)}
    if obj.get("date") not in (None, ""):
        fields["date"] = _metadata_date(obj["date"], _Where(str(sidecar)))
    return fields


def _metadata_date(value: Any, where: _Where) -> str:
    try:
        return metadata_date(value)
    except ValueError as exc:
        raise _Reject("bad-date", f"{where.label}: date {exc} (the document is not stored "
                      "without its date; fix the date or remove the field)") from None


def _pdf_document(path: Path, where: _Where, opts: _Options) -> Document:
    # A PDF's text is a small part of its bytes (fonts, images), so its size is judged by
    # the text read, page by page, not by the file; PDFium reads the file itself, in parts.
    source: Path | bytes = path
    if path.name.lower().endswith(".gz"):
        with gzip.open(path, "rb") as handle:
            source = handle.read()
    try:
        found = read_pdf(source, name=where.label, max_chars=opts.max_chars,
                         on_page=opts.on_page)
    except PdfProblem as exc:
        raise _Reject(*exc.args) from None
    meta: dict[str, Any] = {"page_starts": list(found.page_starts)}
    if found.blank_pages:
        meta["pages_without_text"] = list(found.blank_pages)
    return _document(found.text, where, opts, title=found.title, date=opts.default_date,
                     meta=meta)


def _read_stdin(stream: TextIO, opts: _Options) -> Iterator[Document | Rejected]:
    where = _Where(_STDIN)
    try:
        lines = _bounded_lines(stream.readline, _line_limit(opts.max_chars), "\n")
        head = _through_first_text_line(lines)
        fmt = opts.fmt if opts.fmt != "auto" else _sniff(head[-1] if head else "")
        if fmt == "jsonl":
            yield from _nonempty(_read_jsonl(itertools.chain(head, lines), _STDIN, opts), where)
            return
        if any(isinstance(line, _LongLine) for line in head):
            raise _Reject("too-large", f"{where.label} has a line longer than any document "
                          f"of {opts.max_chars:,} characters (split it or raise --max-chars)")
        text = "".join(head) + stream.read()
        _check_probe(text[:_PROBE_BYTES].encode("utf-8", "surrogateescape"), where)
        yield _attempt(where, _parse_whole, text, fmt, where, opts)
    except _Reject as exc:
        yield _rejected(where, *exc.args)
    except UnicodeDecodeError:
        yield _rejected(where, "encoding", "cannot decode standard input as UTF-8 "
                        "(re-encode it as UTF-8, e.g. with iconv)")
    except OSError as exc:
        yield _rejected(where, "unreadable", f"cannot read standard input: {exc}")


def _through_first_text_line(lines: Iterator[str]) -> list[str]:
    """Lines up to and including the first non-blank one: enough to sniff, nothing lost."""
    head = []
    for line in lines:
        head.append(line)
        if line.strip():
            break
    return head


def _sniff(line: str) -> str:
    start = line.lstrip()[:1]
    return "jsonl" if start == "{" else "html" if start == "<" else "text"


class _LongLine(str):
    """Stands for a line too long for any document, skipped unread; holds its first bytes."""


def _line_limit(max_chars: int) -> int:
    return _JSONL_BYTES_PER_CHAR * max_chars + _JSONL_SLACK


def _bounded_lines(readline: Callable[[int], Any], limit: int, newline: Any) -> Iterator[Any]:
    """Lines from ``readline`` (bytes or str); one over ``limit`` is skipped to its end and
    yields a ``_LongLine`` of its start instead, so it is neither loaded nor lost count of."""
    while line := readline(limit + 1):
        if len(line) > limit and not line.endswith(newline):
            while (rest := readline(_SKIP_CHUNK)) and not rest.endswith(newline):
                pass
            head = line[:_PROBE_BYTES]
            line = _LongLine(head.decode("utf-8", "replace") if isinstance(head, bytes) else head)
        yield line


def jsonl_lines(handle: IO[bytes], max_chars: int = MAX_CHARS) -> Iterator[str]:
    """The lines of a binary JSON Lines stream as text, for :func:`read_jsonl_lines`: split
    at ``\\n`` only (as line counts are made), a leading byte-order mark dropped, bad bytes
    kept as lone surrogates (so that only their line is rejected), over-long lines skipped."""
    for number, line in enumerate(_bounded_lines(handle.readline, _line_limit(max_chars),
                                                 b"\n")):
        if isinstance(line, _LongLine):
            yield line
            continue
        if number == 0 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8):]
        yield line.decode("utf-8", "surrogateescape")


def _nonempty(items: Iterator[Document | Rejected],
              where: _Where) -> Iterator[Document | Rejected]:
    """``items``, or one rejection when a JSON Lines input has no line with anything in it."""
    empty = True
    for item in items:
        empty = False
        yield item
    if empty:
        yield _rejected(where, "empty", f"{where.label} has no JSON Lines documents "
                        "(it is empty or blank; pass a file with one object per line)")


def _read_jsonl(lines: Iterable[str], name: str,
                opts: _Options) -> Iterator[Document | Rejected]:
    for number, line in enumerate(lines, 1):
        where = _Where(name, number)
        if isinstance(line, _LongLine):
            yield _rejected(where, "too-large", f"{where.label} is over "
                            f"{_line_limit(opts.max_chars):,} characters long, more than a "
                            f"document of {opts.max_chars:,} characters can take (skipped "
                            "unread; split it or raise --max-chars)")
        elif line.strip():
            yield _attempt(where, _jsonl_document, line, where, opts)


def _jsonl_document(line: str, where: _Where, opts: _Options) -> Document:
    _check_utf8(line, where)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _Reject("not-json", f"cannot read {where.label}: not JSON at column {exc.colno} "
                      f"({_AS_JSONL})") from None
    except RecursionError:
        raise _too_deep(where) from None
    if _deeper_than(obj, MAX_DEPTH):
        raise _too_deep(where)
    if not isinstance(obj, dict):
        raise _Reject("not-json", f"cannot read {where.label}: JSON but not an object "
                      f"({_AS_JSONL})")
    text = obj.get("text")
    if not isinstance(text, str):
        raise _Reject("no-text", f'{where.label} has no "text" string '
                      '(give every object a "text" field with the article)')
    meta = {k: v for k, v in obj.items() if k not in _JSONL_FIELDS}
    given = obj.get("date")
    date = _metadata_date(given, where) if given not in (None, "") else None
    return _document(text, where, opts, doc_id=_opt_str(obj.get("id")),
                     title=_opt_str(obj.get("title")), date=date or opts.default_date,
                     url=_opt_str(obj.get("url")), source=_opt_str(obj.get("source")), meta=meta)


def _too_deep(where: _Where) -> _Reject:
    return _Reject("too-deep", f"cannot read {where.label}: JSON nested more than {MAX_DEPTH} "
                   "levels deep (an article needs no deeper nesting; flatten it)")


def _deeper_than(obj: Any, limit: int) -> bool:
    # Walked with a stack, not recursion: the point is to refuse what recursion cannot take.
    stack = [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return False


def _check_utf8(text: str, where: _Where) -> None:
    # Undecodable bytes (kept as lone surrogates) and JSON-escaped lone surrogates would break
    # every writer downstream.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise _Reject("encoding", f"cannot decode {where.label} as UTF-8 "
                      "(re-save it as UTF-8)") from None


def _opt_str(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _iso_date(value: Any) -> str | None:
    """YYYY-MM-DD from a date or an ISO timestamp (the date as written, not moved to UTC)."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:
        if len(value) == 10:
            return datetime.date.fromisoformat(value).isoformat()
        # Python 3.10's fromisoformat does not read the "Z" suffix.
        return datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None


def _text_title(text: str) -> str | None:
    """The first line, when it is short and set apart by a blank line, as headlines are."""
    lines = text.splitlines()
    if len(lines) < 2 or lines[1].strip():
        return None
    # A Markdown heading's "#" marks are markup, not part of the headline.
    title = lines[0].strip().lstrip("#").strip()
    return title if title and len(title) < _TITLE_MAX else None


def text_hash(text: str) -> str:
    """The content hash of a document's text (its id is ``doc-`` + this when it has none)."""
    # Spacing and case differ between copies of one article; the hash should not.
    return content_hash(" ".join(text.split()).casefold())


def _document(text: str, where: _Where, opts: _Options, *, doc_id: str | None = None,
              meta: dict[str, Any] | None = None, **fields: str | None) -> Document:
    if not text.strip():
        raise _Reject("empty", f"{where.label} has no text (remove it or fill in its text)")
    _check_utf8(text, where)
    if len(text) > opts.max_chars:
        raise _Reject("too-large", f"{where.label} has {len(text):,} characters, over the "
                      f"{opts.max_chars:,} limit (split it or raise --max-chars)")
    digest = text_hash(text)
    return Document(id=doc_id or f"doc-{digest}", text=text, origin=where.origin,
                    content_hash=digest, meta=meta or {}, **fields)


def _html_document(html: str, where: _Where, opts: _Options) -> Document:
    trafilatura, load_html = _trafilatura()
    tree = load_html(html)
    result = None
    if tree is not None:
        # bare_extraction only parses what it is given; nothing here fetches a URL.
        result = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False)
    text = _field(result, "text")
    if not text or not text.strip():
        raise _Reject("no-text", f"found no article text in {where.label} (is it an article "
                      "page? pass its text as .txt or --input-format text instead)")
    return _document(text, where, opts, title=_field(result, "title"),
                     date=_iso_date(_field(result, "date")) or opts.default_date,
                     url=_field(result, "url") or _page_url(tree),
                     source=_field(result, "sitename"))


@functools.cache
def _trafilatura() -> tuple[Any, Callable[[str], Any]]:
    """Imported on first use (it takes a noticeable time) and made quiet: it logs every page
    it gives up on, which sinew reports as a ``Rejected`` record instead."""
    import trafilatura
    from trafilatura.utils import load_html

    for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    return trafilatura, load_html


def _field(result: Any, name: str) -> str | None:
    # trafilatura 1.x returns a dict, 2.x a Document object.
    value = result.get(name) if isinstance(result, dict) else getattr(result, name, None)
    return value if isinstance(value, str) and value.strip() else None


def _page_url(tree: Any) -> str | None:
    """The canonical or og:url address, when trafilatura did not report one."""
    if tree is None:
        return None
    found = tree.xpath('//link[@rel="canonical"]/@href | //meta[@property="og:url"]/@content')
    return next((u.strip() for u in found if u.strip().startswith(("http://", "https://"))), None)


# Entry points for readers of other containers (sinew.sources: WARC, Parquet, slices of JSONL)
# so that they build documents exactly as the local reading stage does.

def read_jsonl_lines(lines: Iterable[str], name: str, *, default_date: str | None = None,
                     max_chars: int = MAX_CHARS) -> Iterator[Document | Rejected]:
    """One Document or Rejected per non-blank line; origins are ``name:line``."""
    return _read_jsonl(lines, name, _Options("jsonl", default_date, max_chars))


def read_html(html: str, origin: str, *, default_date: str | None = None,
              max_chars: int = MAX_CHARS) -> Document | Rejected:
    """The main text and metadata of one HTML page, or why it was rejected."""
    where = _Where(origin)
    return _attempt(where, _html_document, html, where, _Options("html", default_date, max_chars))


def count_inputs(sources: Iterable[str | Path]) -> int | None:
    """How many documents ``sources`` hold, for a progress bar's total: one per file, one per
    non-blank JSON Lines line. None when standard input is among them (it can be read only
    once). Unreadable and unsupported files count once: reading them will say why."""
    total = 0
    for source in sources:
        if str(source) == "-":
            return None
        path = Path(source)
        files = [path] if not path.is_dir() else [
            Path(root, n) for root, dirs, names in os.walk(path)
            if not any(p.startswith(".") for p in Path(root).relative_to(path).parts)
            for n in names if not n.startswith(".") and not is_sidecar(Path(root, n))]
        total += sum(_count_file(f) for f in files)
    return total


def _count_file(path: Path) -> int:
    if _suffix_format(path) != "jsonl":
        return 1
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            return sum(1 for line in handle if line.strip())
    except (OSError, EOFError, zlib.error):
        return 1


def format_of(path: str | Path) -> str | None:
    """The input format a file's suffix stands for, or None."""
    return _suffix_format(Path(path))


def iso_date(value: Any) -> str | None:
    """``YYYY-MM-DD`` from a date or ISO timestamp, or None."""
    return _iso_date(value)
