"""Tests for sinew.nlp: long texts are parsed in sections and given back whole."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pdfs import report_pdf
from sinew import nlp as nlp_module
from sinew.pdf import read_pdf
from sinew.pipeline import extract_doc
from sinew.schema import Document


@given(st.lists(st.sampled_from(["a", "b c", "\n", "\n\n", "\n\n\n", " "]), max_size=40),
       st.integers(1, 12))
def test_nlp_sections_join_back_into_the_text(words, size):
    text = "".join(words)
    parts = nlp_module.sections(text, size)
    assert "".join(parts) == text
    assert all(part.endswith("\n\n") for part in parts[:-1])


def test_nlp_long_text_parsed_in_sections_gives_the_same_doc_and_records(nlp, monkeypatch):
    text = read_pdf(report_pdf(3).data, name="report.pdf", max_chars=1_000_000).text
    document = Document(id="report", text=text, date="2024-06-01", content_hash="report")
    (whole, _), = nlp_module.parse(nlp, [(text, None)])
    monkeypatch.setattr(nlp_module, "SECTION_CHARS", 1_000)
    assert len(nlp_module.sections(text)) > 5
    (joined, _), = nlp_module.parse(nlp, [(text, None)])
    assert joined.text == text
    assert [s.text for s in joined.sents] == [s.text for s in whole.sents]
    assert [(e.text, e.label_) for e in joined.ents] == [(e.text, e.label_) for e in whole.ents]
    assert extract_doc(joined, document, nlp) == extract_doc(whole, document, nlp)
