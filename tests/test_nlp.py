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


def test_nlp_entities_in_a_span_are_the_docs_entities_inside_it(nlp):
    doc = nlp("Iran sent drones to Russia in March 2023. China met Brazil in Beijing on "
              "Monday.\n\nThe European Union and NATO said nothing in Brussels.")
    spans = [*doc.sents, doc[0:1], doc[2:6], doc[:], doc[5:5], doc[len(doc) - 3:]]
    for span in spans:
        expected = [(e.start, e.end, e.label_) for e in doc.ents
                    if e.start >= span.start and e.end <= span.end]
        assert [(e.start, e.end, e.label_) for e in nlp_module.entities_in(span)] == expected
    assert nlp_module.entities_in(doc[:]), "the sentences name entities"


def test_nlp_sentence_text_is_the_sentences_text_once_per_document(nlp):
    doc = nlp("Russia attacked Kharkiv.  Did Iran send drones?\nNo.")
    for sent in doc.sents:
        assert nlp_module.sentence_text(sent) == sent.text
    first = next(iter(doc.sents))
    assert nlp_module.sentence_text(first) is nlp_module.sentence_text(first)


def test_nlp_entities_are_the_docs_entities_listed_once(nlp):
    doc = nlp("Iran sent drones to Russia in March 2023, NATO said in Brussels.")
    assert [(e.start, e.end, e.label_) for e in nlp_module.entities(doc)] == \
        [(e.start, e.end, e.label_) for e in doc.ents]
    assert nlp_module.entities(doc) is nlp_module.entities(doc)


def test_nlp_a_line_opening_with_a_capital_digit_or_quote_starts_a_sentence(nlp):
    doc = nlp("Iran ships drones to Russia\nAustralia and Canada gave a statement\n"
              "\"We condemn it\" said one\n2024 was a bad year\nand it went on")
    starts = [t.text for t in doc if t.is_sent_start]
    assert {"Australia", '"', "2024"} <= set(starts)
    assert "and" not in starts  # a line that opens in lower case goes on the sentence above


def test_nlp_a_hard_wrapped_text_keeps_its_sentences_across_lines(nlp):
    text = ("Russia has received large numbers of artillery shells from North Korea over\n"
            "The course of the last year, according to officials who spoke on the record\n"
            "About the transfers, which began in the late summer of the year before this\n"
            "One, and which have continued at a steady pace into the spring of this year.")
    doc = nlp(text)
    assert not any(t.is_sent_start and t.text in ("The", "About", "One") for t in doc)
