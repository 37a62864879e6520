"""Fuzz and property tests over what hostile input reaches: the readers, the quantity and date
parsers, and the HTTP API (Schemathesis, from the API's own /openapi.json). Each is bounded by
a number of examples, not by time, so a run is repeatable and takes seconds."""

from __future__ import annotations

import io
import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable

from builders import doc, make_store, measure, rec
from sinew.dates import resolve_date
from sinew.quantities import parse_number, parse_quantity, parse_rate
from sinew.reading import iter_inputs
from sinew.schema import Document, Rejected

_FUZZ = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture,
                                        HealthCheck.too_slow])

#: Bytes a hostile file is made of: fragments of JSON, markup, nesting, NULs, bad UTF-8,
#: byte-order marks, long runs and line breaks of every kind.
_PIECES = st.sampled_from([
    b"{", b"}", b"[", b"]", b'"text": ', b'"id": ', b'"x"', b"null", b"1e999", b",", b":",
    b"\n", b"\r\n", b"\r", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xe9", b"\xed\xa0\x80",
    b"\\u0000", b"\\ud800", b"<html>", b"<p>", b"</div>", b"<!--", b"<script>", b"&#0;",
    b"a" * 300, b"[" * 200, b"Russia received shells. ", b" "])
_CONTENT = st.lists(_PIECES | st.binary(max_size=40), max_size=40).map(b"".join)
_SUFFIXES = st.sampled_from([".jsonl", ".ndjson", ".txt", ".md", ".html", ".htm", ".pdf",
                             ".jsonl.gz", ""])


@_FUZZ
@given(files=st.lists(st.tuples(_SUFFIXES, _CONTENT), min_size=1, max_size=4))
def test_reading_fuzz_every_file_is_read_or_rejected(tmp_path_factory, files):
    folder = tmp_path_factory.mktemp("fuzz")
    names = []
    for n, (suffix, content) in enumerate(files):
        path = folder / f"f{n}{suffix}"
        path.write_bytes(content)
        names.append(str(path))
    items = list(iter_inputs([folder], max_chars=2000))
    assert all(isinstance(i, (Document, Rejected)) for i in items)
    # Every file is accounted for, in order, and nothing else is made up.
    origins = [i.origin.rsplit(":", 1)[0] if i.origin.rsplit(":", 1)[-1].isdigit()
               else i.origin for i in items]
    assert sorted(set(origins)) == sorted(names)
    for item in items:
        if isinstance(item, Document):
            assert item.text.strip() and len(item.text) <= 2000
            json.dumps(item.to_dict())  # every writer downstream can take it
            item.text.encode("utf-8")
        else:
            assert item.reason.split(":")[0] in {
                "unreadable", "encoding", "empty", "binary", "not-json", "too-deep", "no-text",
                "too-large", "unsupported"}, item.reason


@_FUZZ
@given(body=st.lists(st.text() | st.binary(max_size=60).map(
    lambda b: b.decode("utf-8", "surrogateescape")), max_size=8).map("\n".join))
def test_reading_fuzz_standard_input_never_raises(body):
    for fmt in ("auto", "jsonl", "text", "html"):
        items = list(iter_inputs(["-"], fmt=fmt, stdin=io.StringIO(body), max_chars=500))
        assert items and all(isinstance(i, (Document, Rejected)) for i in items)


_NUMBERISH = st.lists(st.sampled_from([
    "1", "0", "-", "4.8", "1,200", "1e999", "9" * 400, "million", "billion", "thousand", "half",
    "a", "up to", "about", "between", "and", "to", "-", "per", "day", "a month", "shells", "$",
    "£", "bn", "m", "k", "%", "twenty", "hundred", "dozens", "of", "١٢", "½", "", " ", ".",
    ",", "over", "more than", "at least", "some", "nearly", "one"]), max_size=12).map(" ".join)


@_FUZZ
@given(text=_NUMBERISH | st.text(max_size=80))
def test_quantities_fuzz_never_raise_and_stay_ordered(text):
    quantity = parse_quantity(text)
    if quantity is not None:
        figures = [x for x in (quantity.low, quantity.value, quantity.high) if x is not None]
        assert all(not math.isnan(x) for x in figures)
        if quantity.low is not None and quantity.high is not None:
            assert quantity.low <= quantity.high
    number = parse_number(text)
    assert number is None or not math.isnan(number)
    assert parse_rate(text) in (None, "day", "week", "month", "year")


_DATEISH = st.lists(st.sampled_from([
    "2024", "0000", "9999", "99999", "June", "Feb", "29", "31", "30", "0", "-", "..", "/", "last",
    "next", "week", "month", "year", "since", "until", "between", "and", "early", "late", "mid",
    "spring", "Q4", "H2", "1990s", "ago", "days", "three", "yesterday", "today", "on", "in",
    "Monday", "2024-02-30", "2024-13-01", "20240614", "the", ""]), max_size=8).map(" ".join)


@_FUZZ
@given(text=_DATEISH | st.text(max_size=60),
       published=st.none() | st.sampled_from(["2024-06-14", "2000-02-29", "0001-01-01",
                                              "9999-12-31", "not a date"]))
def test_dates_fuzz_never_raise_and_intervals_are_ordered(text, published):
    info = resolve_date(text, published)
    assert info.status in ("exact", "approximate", "unresolved"), info
    assert (info.status == "unresolved") == (info.start is None and info.end is None), info
    if info.start and info.end:
        assert info.start <= info.end, info


# ---------------------------------------------------------------- the HTTP API

schemathesis = pytest.importorskip("schemathesis", reason="the dev extra is not installed")
pytest.importorskip("fastapi", reason="the web extra is not installed")

from sinew.web import create_app  # noqa: E402


def _fuzz_store(path):
    docs = [(doc(f"d{i}"), [rec(f"d{i}", value=1000.0 * (i + 1), start="2024-03-01",
                                end="2024-03-31")]) for i in range(5)]
    docs.append((doc("https://example.org/a/b"), [measure("https://example.org/a/b",
                                                          "production", value=5.0)]))
    make_store(*docs, path=str(path)).close()
    return path



@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    app = create_app(_fuzz_store(tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb"),
                     ingest_token=_TOKEN)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


_TOKEN = "fuzz-token-0123456789"


def test_web_api_fuzz_no_500_and_one_error_shape(api_schema):
    # Schemathesis draws requests for every operation of /openapi.json; each is checked by a
    # bounded Hypothesis run (its pytest plugin's lazy mode does not run on pytest 9).
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:
        # Valid requests and, as hostile clients send, invalid ones (wrong types, out of range).
        _fuzz_operation(operation.as_strategy())
        try:
            _fuzz_operation(operation.as_strategy(
                generation_mode=schemathesis.GenerationMode.NEGATIVE))
        except Unsatisfiable:
            pass  # no parameter to get wrong (/api/facets, /api/health)


def _fuzz_operation(requests) -> None:
    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck),
              database=None)
    @given(case=requests)
    def check(case):
        case.headers = {**(case.headers or {}), "authorization": f"Bearer {_TOKEN}"}
        response = case.call()
        assert response.status_code < 500, (case.method, case.path, response.text[:300])
        body = response.json()
        if response.status_code >= 400:
            assert set(body) == {"ok", "error", "status"} and body["ok"] is False, body
            assert body["status"] == response.status_code
            assert "Traceback" not in body["error"] and "SELECT" not in body["error"]
        else:
            assert body["ok"] is True, body

    check()
