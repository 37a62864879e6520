"""Tests for sinew.pdf and PDF input: reading order, running lines, tables, pages, refusals.
Every PDF here is built by the test (tests/pdfs.py)."""

from __future__ import annotations

import gzip
import io
import json

import pytest

from pdfs import FOOTER, HEADER, TABLE, TITLE, report_pdf, scanned_pdf, small_pdf
from sinew.pdf import page_of, read_pdf
from sinew.pipeline import process
from sinew.reading import iter_inputs
from sinew.schema import Document, Rejected

STORY = ("North Korea shipped about 9,000 artillery shells to Russia by rail through Tumangang. "
         "Iran delivered 40 Shahed drones to Russia across the Caspian Sea.")


@pytest.fixture(scope="module")
def report():
    return report_pdf(4)


@pytest.fixture(scope="module")
def report_text(report):
    return read_pdf(report.data, name="report.pdf", max_chars=1_000_000)


def one(path, **kwargs) -> Document | Rejected:
    found = list(iter_inputs([path], **kwargs))
    assert len(found) == 1, found
    return found[0]


def test_pdf_small_file_is_read_with_its_title_and_page(tmp_path):
    path = tmp_path / "brief.pdf"
    path.write_bytes(small_pdf(STORY, title="Shells by rail"))
    doc = one(path)
    assert isinstance(doc, Document)
    assert " ".join(doc.text.split()) == STORY
    assert doc.title == "Shells by rail" and doc.meta["page_starts"] == [0]


def test_pdf_report_keeps_every_sentence_whole_and_in_reading_order(report, report_text):
    text = " ".join(report_text.text.split())
    where = [text.find(paragraph) for paragraph in report.sentences]
    assert -1 not in where, [p for p, at in zip(report.sentences, where) if at < 0][:3]
    assert where == sorted(where)


def test_pdf_title_across_both_columns_comes_first_and_alone(report_text):
    assert report_text.text.split("\n\n")[0] == TITLE


def test_pdf_report_drops_running_header_and_footer(report_text):
    for running in (HEADER, FOOTER, "Page 1", "Page 3"):
        assert running not in report_text.text


def test_pdf_table_becomes_one_text_row_per_table_row(report_text):
    blocks = report_text.text.split("\n\n")
    for row in TABLE:
        assert " | ".join(row) in blocks


def test_pdf_page_starts_put_each_paragraph_on_its_page(report, report_text):
    text = report_text.text
    flat = " ".join(text.split())
    assert flat == text.replace("\n\n", " ")  # offsets agree between the two
    for number, paragraphs in enumerate(report.paragraphs, 1):
        for paragraph in paragraphs:
            assert page_of(report_text.page_starts, text.index(paragraph)) == number


def test_pdf_scanned_report_is_rejected_for_having_no_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf(3))
    rejected = one(path)
    assert isinstance(rejected, Rejected)
    assert rejected.reason.startswith("no-text-layer:") and "OCR" in rejected.reason


def _encrypted() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(small_pdf(STORY))))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("content, key", [
    (_encrypted, "encrypted"),
    (lambda: small_pdf(STORY)[:300], "unreadable"),
    (lambda: b"plain text, not a PDF", "unreadable"),
])
def test_pdf_unreadable_inputs_are_rejected_with_their_reason(tmp_path, content, key):
    path = tmp_path / "bad.pdf"
    path.write_bytes(content())
    rejected = one(path)
    assert isinstance(rejected, Rejected) and rejected.reason.startswith(f"{key}:")


def test_pdf_over_the_character_limit_is_rejected_while_reading(tmp_path, report):
    pages = []
    rejected = one(report.write(tmp_path / "report.pdf"), max_chars=5000,
                   on_page=lambda *args: pages.append(args))
    assert isinstance(rejected, Rejected) and rejected.reason.startswith("too-large:")
    assert len(pages) < 4  # stopped before the last page


def test_pdf_files_in_folders_and_gzipped_are_read(tmp_path, report):
    (tmp_path / "notes.txt").write_text(STORY, encoding="utf-8")
    report.write(tmp_path / "a-report.pdf")
    (tmp_path / "b-brief.pdf.gz").write_bytes(gzip.compress(small_pdf(STORY)))
    found = list(iter_inputs([tmp_path]))
    assert all(isinstance(d, Document) for d in found), found
    assert [d.origin.rsplit("/", 1)[-1] for d in found] == ["a-report.pdf", "b-brief.pdf.gz",
                                                            "notes.txt"]


def test_pdf_pages_are_reported_one_by_one_as_they_are_read(tmp_path, report):
    pages = []
    one(report.write(tmp_path / "report.pdf"), on_page=lambda *args: pages.append(args))
    name = str(tmp_path / "report.pdf")
    assert pages == [(name, n, 4) for n in range(1, 5)]


def test_pdf_evidence_points_to_the_page_of_its_sentence(tmp_path, nlp):
    report = report_pdf(3)
    whole = " ".join(report.pages)
    ends = [len(" ".join(report.pages[:n])) for n in range(1, 4)]
    outcome = next(iter(process([str(report.write(tmp_path / "report.pdf"))])))
    assert {r.evidence.page for r in outcome.records} == {1, 2, 3}
    for record in outcome.records:
        evidence = record.evidence
        assert outcome.document.text[evidence.start:evidence.end] == evidence.text
        at = whole.index(" ".join(evidence.text.split()))
        assert evidence.page == 1 + sum(at >= end for end in ends)


def test_cli_ingest_reads_a_pdf_and_its_pages_reach_the_exports(tmp_path, nlp):
    from click.testing import CliRunner

    from sinew.cli import main

    db, out = tmp_path / "t.duckdb", tmp_path / "events.jsonl"
    path = report_pdf(3).write(tmp_path / "report.pdf")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(path), "--db", str(db), "--date", "2024-06-01"])
    assert result.exit_code == 0 and "processed 1" in result.output, result.output
    result = runner.invoke(main, ["export", str(out), "--db", str(db), "--as", "plover-json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {row["text_info"]["page"] for row in rows} == {1, 2, 3}


def test_cli_progress_bar_follows_the_pages_of_a_pdf(monkeypatch):
    from rich.console import Console

    from sinew import cli

    monkeypatch.setattr(cli, "stderr_console",
                        lambda: Console(file=io.StringIO(), force_terminal=True, width=100))
    with cli._progress(quiet=False) as tick:
        tick.page("report.pdf", 3, 230)
        pages = tick.bar.tasks[-1]
        assert (pages.description, pages.completed, pages.total) == ("reading report.pdf", 3, 230)
        assert pages.visible and not tick.bar.disable
        tick.page("report.pdf", 230, 230)
        assert not pages.visible  # done: out of the way of the next file
    quiet = io.StringIO()
    monkeypatch.setattr(cli, "stderr_console", lambda: Console(file=quiet, force_terminal=True))
    with cli._progress(quiet=True) as tick:
        tick.page("report.pdf", 3, 230)
        for _ in range(cli.LOG_EVERY):
            tick(None)
    assert quiet.getvalue() == ""


def test_pdf_real_report_loses_its_running_lines_and_keeps_headings_apart(plover_manual):
    found = read_pdf(plover_manual, name="PLOVER_MANUAL.pdf", max_chars=1_000_000)
    blocks = found.text.split("\n\n")
    assert len(found.page_starts) == 53 and not found.blank_pages
    # each chapter's running header ("CHAPTER 3. EVENT CATEGORIES | 19") is gone where the
    # chapter runs over more pages than one
    assert sum(block.startswith("CHAPTER ") for block in blocks) <= 1
    assert "3.11 THREATEN" in blocks
    sentence = "All threats, coercive or forceful warnings with serious potential repercussions."
    at = found.text.index(sentence)
    assert found.text[at - 2:at] == "\n\n" and page_of(found.page_starts, at) == 21
    assert "AID | 10 | THREATEN: Expel -3.5 | COERCE: Misinformation -6.5" in blocks
