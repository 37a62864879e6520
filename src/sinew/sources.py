"""Reading at scale: corpora cut into partitions that workers read independently.

A :class:`Partition` names a chunk of input: a range of lines of a JSON Lines file (``.jsonl``,
``.ndjson``, optionally ``.gz``), one row group of a Parquet file with a text column, one WARC
file of a news crawl (``.warc``, ``.warc.gz``), or a group of small files (``.txt``, ``.md``,
``.html``, short JSON Lines) read by :func:`sinew.reading.iter_inputs` as a local run reads them.

:func:`plan` turns sources (files, folders, globs) into partitions on the client; it reads no
article text, only line counts and Parquet footers. :func:`read_partition` runs on a worker and
yields one ``Document`` or ``Rejected`` per input, exactly as the local reading stage would:
documents get the same ids, origins (``path:line``) and fields. A corrupt line, row or WARC
record becomes a ``Rejected`` with its reason; only an I/O error (worth retrying) raises.
"""

from __future__ import annotations

import codecs
import dataclasses
import glob
import gzip
import itertools
import json
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from . import reading
from .errors import InputError, MissingExtraError
from .reading import MAX_CHARS, iter_inputs
from .schema import Document, Rejected, content_hash

__all__ = ["KINDS", "LINES_PER_PARTITION", "Partition", "plan", "read_partition"]

KINDS = ("files", "jsonl", "parquet", "warc")
#: JSON Lines lines to a partition by default: a partition is the unit of work a killed worker
#: loses (its finished partitions are kept), so it is kept to a few minutes of one core.
LINES_PER_PARTITION = 250
#: Small files are read together, this many to a partition.
_FILES_PER_PARTITION = 64
_NEWLINE_SCAN = 1 << 20


@dataclass(frozen=True)
class Partition:
    """One chunk of input. ``start``/``stop`` are 0-based line numbers (``jsonl``) or the row
    group (``parquet``, ``start`` only); ``stop=None`` reads to the end of the file."""

    kind: str
    paths: tuple[str, ...]
    start: int = 0
    stop: int | None = None
    fmt: str = "auto"
    default_date: str | None = None
    text_column: str = "text"
    # (size, mtime_ns) of each path: a file changed since the last run is read again.
    stamps: tuple[tuple[int, int] | None, ...] = ()

    @property
    def id(self) -> str:
        """Content hash of the spec: the name of everything this partition writes."""
        return content_hash(dataclasses.asdict(self))

    @property
    def label(self) -> str:
        if self.kind == "files":
            more = f" (+{len(self.paths) - 1} more)" if len(self.paths) > 1 else ""
            return f"{self.paths[0]}{more}"
        if self.kind == "jsonl":
            end = "end" if self.stop is None else str(self.stop)
            return f"{self.paths[0]} lines {self.start + 1}-{end}"
        if self.kind == "parquet":
            return f"{self.paths[0]} row group {self.start}"
        return self.paths[0]


def plan(sources: Iterable[str | Path], *, fmt: str = "auto", default_date: str | None = None,
         lines_per_partition: int = LINES_PER_PARTITION,
         text_column: str = "text") -> list[Partition]:
    """Partitions covering ``sources`` (files, folders, globs), in the order a local run
    reads them. Paths that match nothing are kept, so that reading rejects them by name."""
    if lines_per_partition < 1:
        raise InputError(f"lines per partition must be at least 1, not {lines_per_partition}",
                         stage="read")
    if isinstance(sources, (str, Path)):
        sources = [sources]
    options = {"fmt": fmt, "default_date": default_date, "text_column": text_column}
    parts: list[Partition] = []
    small: list[str] = []
    for path in _expand(sources):
        big = _big_partitions(path, _kind(path, fmt), lines_per_partition, options)
        if small and (big or len(small) == _FILES_PER_PARTITION):
            parts.append(_part("files", small, 0, None, options))
            small = []
        parts += big
        if not big:
            small.append(path)
    if small:
        parts.append(_part("files", small, 0, None, options))
    return parts


def _big_partitions(path: str, kind: str | None, lines: int,
                    options: dict[str, Any]) -> list[Partition]:
    """The partitions of one large-format file; none for a file read with the small ones."""
    if kind == "jsonl":
        return [_part("jsonl", [path], a, b, options) for a, b in _jsonl_ranges(path, lines)]
    if kind == "parquet":
        return [_part("parquet", [path], g, None, options) for g in range(_row_groups(path))]
    if kind == "warc":
        _warcio()
        return [_part("warc", [path], 0, None, options)]
    return []


def _part(kind: str, paths: list[str], start: int, stop: int | None,
          options: dict[str, Any]) -> Partition:
    return Partition(kind, tuple(paths), start, stop, stamps=tuple(_stamp(p) for p in paths),
                     **options)


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def _expand(sources: Iterable[str | Path]) -> Iterator[str]:
    """Files of folders (sorted, hidden ones skipped) and matches of globs, else the source."""
    for source in map(str, sources):
        if os.path.isdir(source):
            # A folder with nothing readable goes to reading, which rejects it as empty.
            yield from _folder_files(source) or [str(Path(source))]
        elif glob.has_magic(source):
            yield from sorted(glob.glob(source, recursive=True)) or [source]
        else:
            yield str(Path(source))


def _folder_files(folder: str) -> list[str]:
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        # Files of other kinds too: reading rejects them by name, as a local run does.
        files += [str(Path(root, n)) for n in names if not n.startswith(".")
                  and not reading.is_sidecar(Path(root, n))]
    return sorted(files)


def _kind(path: str, fmt: str) -> str | None:
    name = Path(path).name.lower()
    if name.endswith((".warc", ".warc.gz")):
        return "warc"
    if name.endswith(".parquet"):
        return "parquet"
    if fmt == "jsonl" or (fmt == "auto" and name.removesuffix(".gz").endswith((".jsonl",
                                                                               ".ndjson"))):
        return "jsonl"
    return "files" if reading.format_of(name) is not None else None


def _open(path: str):
    return gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")


def _jsonl_ranges(path: str, size: int) -> list[tuple[int, int | None]]:
    """Line ranges of ``size`` lines; empty (read whole, with the small files) when the file is
    short, unreadable or not text, so that reading reports it as a local run would."""
    try:
        with _open(path) as handle:
            probe = handle.read(8192)
            if probe.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in probe:
                return []
            lines = probe.count(b"\n")
            while chunk := handle.read(_NEWLINE_SCAN):
                lines += chunk.count(b"\n")
    except (OSError, EOFError, zlib.error):
        return []
    if lines <= size:
        return []
    # The last range is open-ended: a final line without a newline is not lost.
    starts = range(0, lines, size)
    return [(s, s + size if s + size < lines else None) for s in starts]


def _row_groups(path: str) -> int:
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path).num_row_groups
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read Parquet file {path}: {exc} (check that it is a complete "
                         "Parquet file)", stage="read") from exc


def _warcio():
    try:
        import warcio.archiveiterator
    except ImportError as exc:
        raise MissingExtraError("warcio", "dist") from exc
    return warcio.archiveiterator


def read_partition(part: Partition, *, max_chars: int = MAX_CHARS) -> Iterator[Document | Rejected]:
    """One ``Document`` or ``Rejected`` per input of ``part``, as the local reading stage
    makes them. Raises ``OSError`` only for I/O failures worth a retry."""
    if part.kind == "files":
        return iter_inputs(part.paths, fmt=part.fmt, default_date=part.default_date,
                           max_chars=max_chars)
    reader = {"jsonl": _read_jsonl, "parquet": _read_parquet, "warc": _read_warc}[part.kind]
    return reader(part, max_chars)


def _read_jsonl(part: Partition, max_chars: int) -> Iterator[Document | Rejected]:
    path = part.paths[0]
    with _open(path) as handle:
        try:
            lines = reading.jsonl_lines(handle, max_chars)
            for _ in itertools.islice(lines, part.start):
                pass
            wanted = lines if part.stop is None else itertools.islice(lines, part.stop - part.start)
            # Blank lines in front keep the numbering (and so the origins) of the whole file.
            yield from reading.read_jsonl_lines(
                itertools.chain(itertools.repeat("", part.start), wanted), path,
                default_date=part.default_date, max_chars=max_chars)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            yield Rejected(f"{path}:{part.start + 1}", f"unreadable: cannot read {path} after "
                           f"line {part.start}: {exc} (the file is cut short or corrupt)")


def _read_parquet(part: Partition, max_chars: int) -> Iterator[Document | Rejected]:
    import pyarrow.parquet as pq

    path, group = part.paths[0], part.start
    try:
        pfile = pq.ParquetFile(path)
        table = pfile.read_row_group(group)
    except (ValueError, EOFError) as exc:
        yield Rejected(f"{path}#{group}", f"unreadable: cannot read row group {group} of "
                       f"{path}: {exc} (check that it is a complete Parquet file)")
        return
    if part.text_column not in table.column_names:
        yield Rejected(f"{path}#{group}", f"no-text: {path} has no column {part.text_column!r} "
                       f"(it has {', '.join(table.column_names)}; pass --text-column)")
        return
    first = sum(pfile.metadata.row_group(g).num_rows for g in range(group))
    lines = (_row_line(row, part.text_column) for row in table.to_pylist())
    yield from reading.read_jsonl_lines(itertools.chain(itertools.repeat("", first), lines),
                                        path, default_date=part.default_date, max_chars=max_chars)


def _row_line(row: dict[str, Any], text_column: str) -> str:
    row = dict(row)
    row["text"] = row.pop(text_column)
    for key in ("date",):
        if hasattr(row.get(key), "isoformat"):
            row[key] = row[key].isoformat()
    return json.dumps(row, default=str, ensure_ascii=False)


def _read_warc(part: Partition, max_chars: int) -> Iterator[Document | Rejected]:
    """HTML responses of a WARC file as documents: the page's text (trafilatura), the record's
    URL, and the page's own date or else the crawl date. Other records are skipped, not read:
    a crawl's requests, metadata and images are not articles."""
    archive = _warcio()
    path, number = part.paths[0], 0
    with open(path, "rb") as handle:
        try:
            for number, record in enumerate(archive.ArchiveIterator(handle, check_digests=True), 1):
                if record.rec_type is None:
                    yield Rejected(f"{path}#{number}", f"corrupt-warc: record {number} of "
                                   f"{path} has no WARC-Type header (a damaged record; skipped)")
                elif _is_html_response(record):
                    yield _warc_document(record, f"{path}#{number}", part.default_date, max_chars)
        except Exception as exc:  # warcio raises many types for a corrupt archive
            if isinstance(exc, OSError) and not isinstance(exc, gzip.BadGzipFile):
                raise
            yield Rejected(f"{path}#{number + 1}", f"corrupt-warc: cannot read record "
                           f"{number + 1} of {path}: {type(exc).__name__}: {exc} (the records "
                           "before it were read; the file is cut short or corrupt)")


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    ctype = record.http_headers.get_header("Content-Type") or ""
    return record.http_headers.get_statuscode() == "200" and "html" in ctype.lower()


def _warc_document(record: Any, origin: str, default_date: str | None,
                   max_chars: int) -> Document | Rejected:
    raw = record.content_stream().read()
    digests = record.rec_headers.get_header("WARC-Payload-Digest") or \
        record.rec_headers.get_header("WARC-Block-Digest")
    # warcio reads a cut-short record without complaint; its digest tells.
    if digests and record.digest_checker.passed is not True:
        return Rejected(origin, f"corrupt-warc: record {origin} is cut short or fails its "
                        "digest (the file is truncated or damaged)")
    html = raw.decode(_charset(record), errors="replace")
    # The page's own date first; the crawl date only when the page gives none.
    doc = reading.read_html(html, origin, max_chars=max_chars)
    if isinstance(doc, Rejected):
        return doc
    headers = record.rec_headers
    crawled = reading.iso_date(headers.get_header("WARC-Date"))
    meta = dict(doc.meta, warc_record_id=headers.get_header("WARC-Record-ID"),
                warc_date=headers.get_header("WARC-Date"))
    return dataclasses.replace(doc, url=headers.get_header("WARC-Target-URI") or doc.url,
                               date=doc.date or crawled or default_date, meta=meta)


def _charset(record: Any) -> str:
    ctype = record.http_headers.get_header("Content-Type") or ""
    for param in ctype.split(";")[1:]:
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset":
            try:
                return codecs.lookup(value.strip().strip('"')).name
            except LookupError:
                break
    return "utf-8"
