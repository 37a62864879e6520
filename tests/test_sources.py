"""Tests for sinew.sources: partitions cover every input once, read as a local run reads."""

from __future__ import annotations

import gzip
import io
import json
from importlib import resources
from pathlib import Path

import pytest

from sinew.reading import iter_inputs
from sinew.schema import Document, Rejected
from sinew.sources import Partition, plan, read_partition

DEMO = str(resources.files("sinew") / "data" / "demo")
ARTICLE = ("North Korea has shipped about one million artillery shells to Russia since August, "
           "officials in Seoul said on Tuesday. The shipments went by rail and by sea.")
PAGE = ("<html><head><title>Shells for Moscow</title></head><body><article><h1>Shells for "
        "Moscow</h1><p>{text}</p><p>Officials expect further deliveries before the winter "
        "offensive begins, analysts said.</p></article></body></html>")


def read_all(parts: list[Partition]) -> list[Document | Rejected]:
    return [item for part in parts for item in read_partition(part)]


def rows(n: int) -> list[dict]:
    return [{"id": f"a{i}", "text": f"Report {i}. {ARTICLE}", "date": "2024-06-14"}
            for i in range(n)]


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
def test_sources_jsonl_partitions_read_like_local_run(tmp_path, suffix):
    lines = [json.dumps(r) for r in rows(10)]
    lines[3] = "not json"
    lines.insert(6, "")
    body = ("\n".join(lines) + "\n").encode()
    path = tmp_path / f"docs{suffix}"
    path.write_bytes(gzip.compress(body) if suffix.endswith(".gz") else body)
    parts = plan([path], lines_per_partition=3)
    assert [p.kind for p in parts] == ["jsonl"] * 4
    assert read_all(parts) == list(iter_inputs([path]))


def test_sources_plan_keeps_local_order_and_groups_small_files():
    parts = plan([DEMO], lines_per_partition=5)
    assert [p.kind for p in parts] == ["files"] + ["jsonl"] * 4
    assert len(parts[0].paths) == 3
    assert read_all(parts) == list(iter_inputs([DEMO]))


def test_sources_partition_id_is_stable_and_follows_the_file(tmp_path, write_jsonl):
    path = write_jsonl(rows(4))
    first = [p.id for p in plan([path], lines_per_partition=2)]
    assert first == [p.id for p in plan([path], lines_per_partition=2)]
    path.write_text(path.read_text() + json.dumps(rows(5)[-1]) + "\n")
    assert set(first).isdisjoint(p.id for p in plan([path], lines_per_partition=2))


def test_sources_glob_and_missing_paths(tmp_path, write_jsonl):
    write_jsonl(rows(2), "a.jsonl")
    write_jsonl(rows(3), "b.jsonl")
    items = read_all(plan([str(tmp_path / "*.jsonl"), str(tmp_path / "nope.jsonl")]))
    assert sum(isinstance(i, Document) for i in items) == 5
    assert isinstance(items[-1], Rejected) and items[-1].reason.startswith("not-found")


def test_sources_parquet_row_groups(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist([dict(r, body=r.pop("text")) for r in rows(7)])
    path = tmp_path / "news.parquet"
    pq.write_table(table, path, row_group_size=3)
    parts = plan([path], text_column="body")
    assert [(p.kind, p.start) for p in parts] == [("parquet", 0), ("parquet", 1), ("parquet", 2)]
    docs = read_all(parts)
    assert [d.id for d in docs] == [f"a{i}" for i in range(7)]
    assert docs[4].origin == f"{path}:5" and docs[4].date == "2024-06-14"
    missing = read_all(plan([path]))
    assert all(isinstance(r, Rejected) and r.reason.startswith("no-text") for r in missing)


def _warc(path: Path, pages: list[tuple[str, str]], garbage: bytes = b"") -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, html in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode()), http_headers=http,
                warc_headers_dict={"WARC-Date": "2024-06-15T08:00:00Z"}))
            writer.write_record(writer.create_warc_record(
                url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        out.write(garbage)


def test_sources_warc_pages_keep_url_and_crawl_date(tmp_path):
    pytest.importorskip("warcio")
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [(f"https://news.example/{i}", PAGE.format(text=f"Item {i}. {ARTICLE}"))
                 for i in range(3)], garbage=b"WARC/1.0\r\nX: y\r\n\r\n")
    parts = plan([path])
    assert [p.kind for p in parts] == ["warc"]
    items = read_all(parts)
    docs = items[:-1]
    assert [d.url for d in docs] == [f"https://news.example/{i}" for i in range(3)]
    assert all(isinstance(d, Document) and d.date == "2024-06-15" and "Item" in d.text
               for d in docs)
    assert docs[0].meta["warc_record_id"].startswith("<urn:uuid:")
    assert isinstance(items[-1], Rejected) and "no WARC-Type" in items[-1].reason


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_sources_corrupt_warc_is_rejected_after_the_good_records(tmp_path, damage):
    pytest.importorskip("warcio")
    path = tmp_path / "crawl.warc.gz"
    pages = [(f"https://news.example/{i}", PAGE.format(text=f"Item {i}. {ARTICLE}"))
             for i in range(3)]
    _warc(path, pages, garbage=b"this is no WARC record\n" * 5 if damage == "garbage" else b"")
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    items = read_all(plan([path]))
    assert sum(isinstance(i, Document) for i in items) >= 1
    assert isinstance(items[-1], Rejected) and items[-1].reason.startswith("corrupt-warc")
    assert items[-1].origin.startswith(f"{path}#")


def test_sources_public_api():
    from sinew import sources

    assert sorted(sources.__all__) == ["KINDS", "LINES_PER_PARTITION", "Partition", "plan",
                                      "read_partition"]


def test_sources_default_partitions_hold_a_few_hundred_lines(tmp_path):
    # 2,000 lines a partition lost up to 2,000 documents' work to one killed worker.
    path = tmp_path / "big.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows(1000)))
    parts = plan([path])
    assert len(parts) == 4 and all(p.stop is None or p.stop - p.start <= 250 for p in parts)
    assert [d.id for d in read_all(parts)] == [f"a{i}" for i in range(1000)]


def test_sources_a_hostile_input_loses_nothing_else_in_its_partition(tmp_path):
    deep = '{"text": "x", "meta": ' + "[" * 2000 + "]" * 2000 + "}"
    body = [json.dumps(r) for r in rows(6)]
    body[2] = deep
    (tmp_path / "long.jsonl").write_text("\n".join(body) + "\n")
    (tmp_path / "short.jsonl").write_text(deep + "\n" + json.dumps(rows(7)[6]) + "\n")
    (tmp_path / "story.txt").write_text(ARTICLE)
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    parts = plan([tmp_path], lines_per_partition=4)
    assert sorted(p.kind for p in parts) == ["files", "jsonl", "jsonl"]
    got = {(r.origin.rsplit("/", 1)[1], type(r).__name__, getattr(r, "reason", "")[:9])
           for r in read_all(parts)}
    local = {(r.origin.rsplit("/", 1)[1], type(r).__name__, getattr(r, "reason", "")[:9])
             for r in iter_inputs([tmp_path])}
    assert got == local and len(got) == 10
    assert {o for o, kind, _ in got if kind == "Rejected"} == {
        "long.jsonl:3", "short.jsonl:1", "report.pdf"}
