"""Tests for sinew.reading: every input becomes exactly one Document or one Rejected."""

from __future__ import annotations

import gzip
import io
import json
import logging
import socket
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sinew import reading
from sinew.errors import InputError
from sinew.reading import Deduplicator, iter_inputs
from sinew.schema import Document, Rejected

ARTICLE = ("North Korea has shipped about one million artillery shells to Russia since August, "
           "officials in Seoul said on Tuesday. The shipments went by rail and by sea, according "
           "to satellite imagery reviewed by analysts.")

PAGE = f"""<!doctype html><html><head>
<title>Shells for Moscow | War Desk</title>
<meta property="og:title" content="Shells for Moscow">
<meta property="og:site_name" content="War Desk">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
{{head}}
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> Subscribe to our newsletter</nav>
<article><h1>Shells for Moscow</h1><p>{ARTICLE}</p>
<p>Officials expect further deliveries before the winter offensive begins.</p></article>
<footer>Copyright 2024 War Desk. All rights reserved. Cookie policy.</footer>
</body></html>"""


def read(*sources, **kwargs) -> list[Document | Rejected]:
    return list(iter_inputs(sources, **kwargs))


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def jsonl(*objects: object) -> str:
    return "".join(json.dumps(o) + "\n" for o in objects)


def only(results: list[Document | Rejected]) -> Document | Rejected:
    assert len(results) == 1, results
    return results[0]


def test_reading_exports_only_the_public_api():
    assert set(reading.__all__) == {"FORMATS", "MAX_CHARS", "MAX_DEPTH", "Deduplicator",
                                    "count_inputs", "format_of", "is_sidecar", "iso_date",
                                    "iter_inputs", "jsonl_lines", "read_html",
                                    "read_jsonl_lines"}
    assert reading.MAX_CHARS == 1_000_000


@pytest.mark.parametrize("name, text, title", [
    ("a.txt", f"Shells for Moscow\n\n{ARTICLE}\n", "Shells for Moscow"),
    ("a.txt", f"Shells for Moscow\r\n\r\n{ARTICLE}", "Shells for Moscow"),
    ("a.txt", f"Shells for Moscow\n{ARTICLE}", None),
    ("a.txt", f"{'x' * 250}\n\n{ARTICLE}", None),
    ("a.txt", ARTICLE, None),
    ("a.text", f"Shells\n\n{ARTICLE}", "Shells"),
    ("a.md", f"# Shells for Moscow\n\n{ARTICLE}", "Shells for Moscow"),
])
def test_reading_plain_text(tmp_path, name, text, title):
    path = write(tmp_path / name, text)
    doc = only(read(path, default_date="2024-03-05"))
    assert isinstance(doc, Document)
    assert doc.text == text  # stored as written, so offsets hold
    assert doc.title == title
    assert doc.date == "2024-03-05"
    assert doc.origin == str(path)
    assert doc.id == f"doc-{doc.content_hash}"
    assert doc.url is None and doc.source is None


def test_reading_text_accepts_a_utf8_bom_and_keeps_offsets(tmp_path):
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + "Kyiv\n\nDrones from Iran.".encode())
    doc = only(read(path))
    assert doc.text == "Kyiv\n\nDrones from Iran."
    assert doc.text[doc.text.index("Iran"):][:4] == "Iran"
    assert doc.title == "Kyiv"


def test_reading_ids_are_stable_across_runs(tmp_path):
    path = write(tmp_path / "a.txt", ARTICLE)
    assert read(path) == read(path)


@pytest.mark.parametrize("head, url", [
    ('<link rel="canonical" href="https://wardesk.example/a">', "https://wardesk.example/a"),
    ('<meta property="og:url" content="https://wardesk.example/og">', "https://wardesk.example/og"),
    ("", None),
])
def test_reading_html_extracts_article_and_metadata(tmp_path, head, url):
    path = write(tmp_path / "page.html", PAGE.format(head=head))
    doc = only(read(path))
    assert isinstance(doc, Document), doc
    assert "one million artillery shells" in doc.text
    assert "further deliveries" in doc.text
    for boilerplate in ("Subscribe", "Cookie policy", "All rights reserved"):
        assert boilerplate not in doc.text
    assert doc.title == "Shells for Moscow"
    assert doc.date == "2024-03-05"
    assert doc.url == url
    assert doc.origin == str(path)


def test_reading_html_is_offline_and_quiet(tmp_path, monkeypatch, caplog):
    def no_network(*args, **kwargs):
        raise AssertionError("reading tried the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    page = write(tmp_path / "page.html", PAGE.format(head=""))
    bare = write(tmp_path / "bare.html", "<html><body><div></div></body></html>")
    with caplog.at_level(logging.DEBUG):
        doc, rejected = read(page, bare)
    assert isinstance(doc, Document) and rejected.reason.startswith("no-text: ")
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_reading_html_reports_the_site_name(tmp_path):
    doc = only(read(write(tmp_path / "page.htm", PAGE.format(head=""))))
    assert doc.source == "War Desk"


def test_reading_jsonl_keeps_metadata(tmp_path):
    path = write(tmp_path / "corpus.jsonl", jsonl(
        {"id": 7, "text": ARTICLE, "title": "Shells", "date": "2024-03-05T23:30:00-05:00",
         "url": "https://x.example/1", "source": "Wire", "lang": "en", "tags": ["dprk"]},
        {"text": "Second story about drones."},
        {"text": "Third story.", "date": "2024-01-02"},
    ))
    first, second, third = read(path, default_date="2023-12-31")
    assert (first.id, first.title, first.date, first.url, first.source) == (
        "7", "Shells", "2024-03-05", "https://x.example/1", "Wire")
    assert first.meta == {"lang": "en", "tags": ["dprk"]}
    assert first.origin == f"{path}:1"
    assert second.id == f"doc-{second.content_hash}"
    assert second.date == "2023-12-31"
    assert third.date == "2024-01-02"


@pytest.mark.parametrize("given, day", [
    ("2 Oct 2025", "2025-10-02"), ("Thu, 02 Oct 2025 23:30:00 -0500", "2025-10-02"),
    ("10/22/2025", "2025-10-22"), ("22/10/2025", "2025-10-22"), ("October 2, 2025", "2025-10-02"),
    ("2025-10-02T08:00:00Z", "2025-10-02"),
])
def test_reading_metadata_dates_in_common_forms_are_parsed(tmp_path, given, day):
    path = write(tmp_path / "c.jsonl", jsonl({"text": "A story.", "date": given}))
    assert only(read(path)).date == day


@pytest.mark.parametrize("given, why", [
    ("last Tuesday", "is not a date"), ("10/02/2025", "day-first and month-first"),
    ("October 2025", "no full day"), (20251002, "not a date string"),
])
def test_reading_unreadable_metadata_date_rejects_the_document_with_the_reason(
        tmp_path, given, why):
    path = write(tmp_path / "c.jsonl", jsonl({"text": "A story.", "date": given},
                                             {"text": "Another story."}))
    rejected, kept = read(path)
    assert isinstance(rejected, Rejected) and rejected.reason.startswith("bad-date:")
    assert why in rejected.reason and f"{path} line 1" in rejected.reason
    assert isinstance(kept, Document)


@pytest.mark.parametrize("first_line, day", [
    ("June 18, 2025", "2025-06-18"), ("Published: 2025-06-18", "2025-06-18"),
    ("18 June 2025", "2025-06-18"),
])
def test_reading_plain_text_dated_by_a_dateline(tmp_path, first_line, day):
    path = write(tmp_path / "a.txt", f"{first_line}\n\nNorth Korea sent shells to Russia.\n")
    doc = only(read(path, default_date="2020-01-01"))
    assert doc.date == day and "date_warning" not in doc.meta


def test_reading_plain_text_dated_by_a_sidecar(tmp_path):
    path = write(tmp_path / "a.txt", "Headline\n\nNorth Korea sent shells to Russia.\n")
    write(tmp_path / "a.json", json.dumps({"date": "18 June 2025", "source": "Desk"}))
    doc = only(read(path, default_date="2020-01-01"))
    assert (doc.date, doc.source, doc.title) == ("2025-06-18", "Desk", "Headline")
    assert only(read(tmp_path)).date == "2025-06-18"  # in a folder, the sidecar is no input
    write(tmp_path / "a.json", json.dumps({"date": "someday"}))
    assert only(read(path)).reason.startswith("bad-date:")


def test_reading_plain_text_without_a_date_takes_date_or_warns(tmp_path):
    path = write(tmp_path / "a.txt", "Headline\n\nNorth Korea sent shells to Russia.\n")
    assert only(read(path, default_date="2024-02-03")).date == "2024-02-03"
    undated = only(read(path))
    assert undated.date is None and "pass --date" in undated.meta["date_warning"]


def test_reading_jsonl_skips_blank_lines_but_keeps_line_numbers(tmp_path):
    data = "\n" + jsonl({"text": "a"}) + "   \n" + jsonl({"text": "b"})
    path = write(tmp_path / "c.ndjson", data)
    assert [d.origin for d in read(path)] == [f"{path}:2", f"{path}:4"]


def test_reading_a_bad_line_does_not_stop_later_lines(tmp_path):
    lines = [json.dumps({"text": "one"}), "{not json", json.dumps({"text": "three"})]
    path = write(tmp_path / "corpus.jsonl", "\n".join(lines) + "\n")
    first, bad, third = read(path)
    assert (first.text, third.text) == ("one", "three")
    assert isinstance(bad, Rejected)
    assert bad.origin == f"{path}:2"
    assert bad.stage == "read"
    assert bad.reason == (f"not-json: cannot read {path} line 2: not JSON at column 2 (expected "
                          "one object per line; use --input-format text for plain text)")


def test_reading_folder_recursively_in_sorted_order(tmp_path):
    for name in ("b.txt", "a/z.html", "a/c.md", "a/b/d.jsonl", "e.txt.gz",
                 ".hidden.txt", ".git/x.txt", "notes.docx", "image.png"):
        content = PAGE.format(head="") if name.endswith("html") else jsonl({"text": name})
        if name.endswith(".gz"):
            content = gzip.compress(b"gzipped")
        write(tmp_path / name, content)
    items = read(tmp_path)
    documents = [d.origin for d in items if isinstance(d, Document)]
    assert documents == [str(tmp_path / "a/b/d.jsonl") + ":1", str(tmp_path / "a/c.md"),
                         str(tmp_path / "a/z.html"), str(tmp_path / "b.txt"),
                         str(tmp_path / "e.txt.gz")]
    # Files of other kinds are reported by name, not skipped in silence; hidden ones are.
    others = [(r.origin, r.reason.split(":")[0]) for r in items if isinstance(r, Rejected)]
    assert others == [(str(tmp_path / "image.png"), "unsupported"),
                      (str(tmp_path / "notes.docx"), "unsupported")]


def test_reading_an_empty_folder_is_reported(tmp_path):
    assert only(read(tmp_path)).reason.startswith("empty: folder")


def test_reading_accepts_one_bare_path_and_default_stdin(tmp_path, monkeypatch):
    path = write(tmp_path / "a.txt", "alpha")
    assert only(list(iter_inputs(path))).text == "alpha"
    monkeypatch.setattr("sys.stdin", io.StringIO("from the pipe"))
    assert only(read("-")).text == "from the pipe"


def test_reading_sources_keep_their_given_order(tmp_path):
    a = write(tmp_path / "a.txt", "alpha")
    b = write(tmp_path / "b.txt", "beta")
    assert [d.text for d in read(b, a)] == ["beta", "alpha"]


@pytest.mark.parametrize("name, data", [
    ("corpus.jsonl.gz", jsonl({"text": "alpha"}, {"text": "beta"})),
    ("notes.txt.gz", "alpha\n\nbeta"),
])
def test_reading_gzip(tmp_path, name, data):
    path = write(tmp_path / name, gzip.compress(data.encode()))
    docs = read(path)
    assert all(isinstance(d, Document) for d in docs)
    assert "".join(d.text for d in docs).startswith("alpha")


@pytest.mark.parametrize("data, text, title", [
    (jsonl({"text": "alpha", "id": "x1"}), "alpha", None),
    ("\n  " + PAGE.format(head=""), None, "Shells for Moscow"),
    ("Headline\n\nBody text.", "Headline\n\nBody text.", "Headline"),
])
def test_reading_stdin_sniffs_the_format(data, text, title):
    doc = only(read("-", stdin=io.StringIO(data)))
    assert isinstance(doc, Document), doc
    assert doc.origin.startswith("<stdin>")
    assert doc.title == title
    assert text is None or doc.text == text


def test_reading_stdin_jsonl_numbers_lines():
    data = "\n" + jsonl({"text": "a"}) + "oops\n"
    first, bad = read("-", stdin=io.StringIO(data))
    assert first.origin == "<stdin>:2"
    assert bad.origin == "<stdin>:3" and bad.reason.startswith("not-json:")


def test_reading_format_is_forced_for_files(tmp_path):
    path = write(tmp_path / "story.log", jsonl({"text": "alpha"}))
    assert only(read(path, fmt="text")).text == jsonl({"text": "alpha"})
    assert only(read(path, fmt="jsonl")).text == "alpha"


@pytest.mark.parametrize("name, data, kwargs, key, origin_suffix", [
    ("notes.txt", b"caf\xe9 au lait", {}, "encoding", ""),
    ("notes.txt", b"\xff\xfe\x00h\x00i", {}, "encoding", ""),
    ("c.jsonl", b'{"text": "ok \xff"}\n', {}, "encoding", ":1"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", {}, "binary", ""),
    ("c.jsonl", b"\x00\x01\x02{}", {}, "binary", ""),
    ("empty.txt", b"", {}, "empty", ""),
    ("blank.md", b"  \n\t\n", {}, "empty", ""),
    ("blank.html", b"\n", {}, "empty", ""),
    ("c.jsonl", b'{"text": "   "}\n', {}, "empty", ":1"),
    ("c.jsonl", b"[1, 2]\n", {}, "not-json", ":1"),
    ("c.jsonl", b"{'text': 'single quotes'}\n", {}, "not-json", ":1"),
    ("c.jsonl", b'{"title": "no text"}\n', {}, "no-text", ":1"),
    ("c.jsonl", b'{"text": 42}\n', {}, "no-text", ":1"),
    ("nav.html", b"<html><body><div></div></body></html>", {}, "no-text", ""),
    ("big.txt", b"x" * 500, {"max_chars": 100}, "too-large", ""),
    ("big.txt", b"x" * 5000, {"max_chars": 100}, "too-large", ""),
    ("c.jsonl", b'{"text": "' + b"x" * 500 + b'"}\n', {"max_chars": 100}, "too-large", ":1"),
    ("notes.docx", b"PK", {}, "unsupported", ""),
    ("broken.txt.gz", b"not gzip at all", {}, "unreadable", ""),
])
def test_reading_rejects_with_a_keyed_reason(tmp_path, name, data, kwargs, key, origin_suffix):
    path = write(tmp_path / name, data)
    rejected = only(read(path, **kwargs))
    assert isinstance(rejected, Rejected), rejected
    assert rejected.reason.startswith(f"{key}: ")
    assert rejected.origin == str(path) + origin_suffix
    assert str(path) in rejected.reason
    assert rejected.stage == "read"
    assert rejected.reason.rstrip().endswith(")")  # every message ends with its fix


def test_reading_too_large_message_counts_characters(tmp_path):
    path = write(tmp_path / "big.txt", "x" * 2500)
    rejected = only(read(path, max_chars=1000))
    assert rejected.reason == (f"too-large: {path} has 2,500 characters, over the 1,000 limit "
                               "(split it or raise --max-chars)")


def test_reading_missing_path_is_not_found(tmp_path):
    rejected = only(read(tmp_path / "nope.txt"))
    assert rejected.reason.startswith("not-found: ")
    assert rejected.origin == str(tmp_path / "nope.txt")


@pytest.mark.parametrize("data, key", [
    ("", "empty"), ("\n \n", "empty"), ("caf\udce9", "encoding"), ("\x00\x01binary", "binary"),
])
def test_reading_stdin_rejections(data, key):
    rejected = only(read("-", stdin=io.StringIO(data)))
    assert rejected.origin == "<stdin>"
    assert rejected.reason.startswith(f"{key}: ")


@pytest.mark.parametrize("kwargs", [{"fmt": "docx"}, {"default_date": "yesterday"},
                                    {"max_chars": 0}])
def test_reading_misuse_raises_input_error(tmp_path, kwargs):
    with pytest.raises(InputError):
        iter_inputs([tmp_path], **kwargs)


def test_reading_detects_duplicates_by_spacing_and_case(tmp_path):
    path = write(tmp_path / "c.jsonl", jsonl(
        {"text": "Russia  received\nshells."}, {"text": " russia received shells. "},
        {"text": "Another story."}))
    docs = read(path)
    assert docs[0].content_hash == docs[1].content_hash
    dedup = Deduplicator()
    assert [dedup.seen(d) for d in docs] == [False, True, False]


def test_reading_detects_duplicates_by_id(tmp_path):
    path = write(tmp_path / "c.jsonl", jsonl({"id": "a1", "text": "first version"},
                                             {"id": "a1", "text": "corrected version"}))
    dedup = Deduplicator()
    assert [dedup.seen(d) for d in read(path)] == [False, True]


def test_reading_deduplicator_accepts_known_hashes_and_ids(tmp_path):
    path = write(tmp_path / "c.jsonl", jsonl({"text": "old story"}, {"id": "s9", "text": "new"},
                                             {"text": "fresh"}))
    old, by_id, fresh = read(path)
    dedup = Deduplicator(known_hashes=[old.content_hash], known_ids=["s9"])
    assert [dedup.seen(d) for d in (old, by_id, fresh)] == [True, True, False]


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.one_of(st.none(), st.sampled_from(["", "   "]), st.text()), max_size=12))
def test_reading_every_jsonl_line_is_accounted_for(tmp_path, texts):
    # None stands for a blank line, which is skipped rather than counted.
    lines = ["  " if t is None else json.dumps({"text": t}, ensure_ascii=False) for t in texts]
    path = tmp_path / "prop.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    results = read(path)
    stories = [t for t in texts if t is not None]
    if not stories:  # a file with no line to read is one rejected input
        assert only(results).reason.startswith("empty: ")
        return
    assert len(results) == len(stories) == sum(1 for line in lines if line.strip())
    for text, result in zip(stories, results):
        assert isinstance(result, Document) == bool(text.strip())
        assert isinstance(result, Document) or result.reason.startswith("empty: ")


def _deep(depth: int) -> str:
    return '{"text": "nested", "meta": ' + "[" * depth + "]" * depth + "}"


def test_reading_deep_nesting_rejects_only_its_line(tmp_path):
    # 2,000 levels used to raise RecursionError out of the reader, ending the run.
    lines = ['{"text": "first"}', _deep(2000), _deep(reading.MAX_DEPTH + 1), _deep(10),
             '{"text": "last"}']
    path = write(tmp_path / "deep.jsonl", "\n".join(lines) + "\n")
    got = [(r.origin.rsplit(":", 1)[1], r.text if isinstance(r, Document) else
            r.reason.split(":")[0]) for r in read(path)]
    assert got == [("1", "first"), ("2", "too-deep"), ("3", "too-deep"), ("4", "nested"),
                   ("5", "last")]


def test_reading_a_line_too_long_for_any_document_is_skipped_unread(tmp_path):
    huge = '{"text": "' + "x" * (2 << 20) + '"}'
    path = write(tmp_path / "long.jsonl", "\n".join(['{"text": "a"}', huge, '{"text": "b"}']))
    first, long, last = read(path, max_chars=10)
    assert (first.text, last.text, last.origin) == ("a", "b", f"{path}:3")
    assert long.origin == f"{path}:2" and long.reason.startswith("too-large: ")
    assert "skipped unread" in long.reason
    stdin = [r.origin for r in read("-", stdin=io.StringIO(path.read_text()), max_chars=10)]
    assert stdin == ["<stdin>:1", "<stdin>:2", "<stdin>:3"]


def test_reading_a_reader_failure_rejects_only_that_file(tmp_path, monkeypatch):
    # lxml >= 5.2 without lxml_html_clean made every HTML file raise ImportError, which
    # ended the run and lost the text files read with it.
    def broken():
        raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean")

    monkeypatch.setattr(reading, "_trafilatura", broken)
    write(tmp_path / "a.html", PAGE.format(head=""))
    write(tmp_path / "b.txt", "Plain text survives.")
    page, text = read(tmp_path)
    assert page.reason.startswith("unreadable: ") and "ImportError" in page.reason
    assert text.text == "Plain text survives."


@pytest.mark.parametrize("content", ["", "\n  \n\n"])
def test_reading_an_empty_jsonl_is_rejected_as_empty(tmp_path, content):
    path = write(tmp_path / "empty.jsonl", content)
    assert only(read(path)).reason.startswith(f"empty: {path} has no JSON Lines documents")
    stdin = only(read("-", fmt="jsonl", stdin=io.StringIO(content)))
    assert stdin.reason.startswith("empty: <stdin>")


def test_reading_nul_bytes_and_bad_encodings_stay_with_their_line(tmp_path):
    # A NUL in the first 8 KB marks a binary file; past them it is one bad line's problem.
    padding = b'{"text": "' + b"padding " * 1100 + b'"}\n'
    raw = (b'{"text": "with \\u0000 escaped"}\n{"text": "raw \x00 nul"}\n'
           b'{"text": "latin \xe9"}\n{"text": "fine"}\n')
    path = write(tmp_path / "mixed.jsonl", padding + raw)
    results = read(path)[1:]
    assert [r.text if isinstance(r, Document) else r.reason.split(":")[0] for r in results] == [
        "with \x00 escaped", "not-json", "encoding", "fine"]


def test_reading_count_inputs_gives_the_progress_total(tmp_path):
    write(tmp_path / "docs" / "a.jsonl", jsonl({"text": "a"}, {"text": "b"}) + "\n")
    write(tmp_path / "docs" / "b.txt", "c")
    write(tmp_path / "docs" / ".git" / "c.txt", "hidden")
    write(tmp_path / "docs" / "b.json", "{}")  # b.txt's sidecar, not an input
    gz = tmp_path / "e.jsonl.gz"
    gz.write_bytes(gzip.compress(jsonl({"text": "d"}).encode()))
    assert reading.count_inputs([tmp_path / "docs", gz]) == 4
    assert reading.count_inputs([tmp_path / "docs", "-"]) is None
