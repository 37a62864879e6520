"""sinew's exceptions: one tree, each error carrying where it happened.

::

    SinewError                  anything sinew raises on purpose
    ├── InputError              an input cannot be read (file, line, what to do)
    ├── ConfigError             a setting, lexicon or scenario file is wrong
    ├── ModelError              the spaCy pipeline cannot be loaded or run
    ├── StoreError              the DuckDB store cannot be opened, read or written
    ├── QueryError              a filter or query parameter is invalid
    └── MissingExtraError       an optional part is not installed (names the pip command)

Errors from spaCy, DuckDB and the HTTP layer are translated where they enter sinew
(``raise StoreError(...) from exc``) so that callers catch one family.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "InputError",
    "MissingExtraError",
    "ModelError",
    "QueryError",
    "SinewError",
    "StoreError",
]


class SinewError(Exception):
    """Base class. ``doc_id`` and ``stage`` say where the error arose, when known."""

    def __init__(self, message: str, *, doc_id: str | None = None, stage: str | None = None):
        super().__init__(message)
        self.message = message
        self.doc_id = doc_id
        self.stage = stage

    def __str__(self) -> str:
        where = ", ".join(p for p in (self.stage and f"stage {self.stage}",
                                      self.doc_id and f"document {self.doc_id}") if p)
        return f"{self.message} ({where})" if where else self.message


class InputError(SinewError):
    """An input could not be read; the message names the input and the fix."""


class ConfigError(SinewError):
    """A setting, lexicon override or scenario is invalid."""


class ModelError(SinewError):
    """The configured spaCy pipeline is missing or failed."""


class StoreError(SinewError):
    """The embedded database failed."""


class QueryError(SinewError):
    """A query parameter is invalid; the message names the parameter and why."""


class MissingExtraError(SinewError):
    """An optional dependency is missing; the message names the install command."""

    def __init__(self, module: str, extra: str):
        super().__init__(f"{module} is not installed: pip install 'sinew[{extra}]'")
        self.module = module
        self.extra = extra
