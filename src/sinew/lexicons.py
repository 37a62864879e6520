"""Loading the shipped lexicons (package data) with an optional user override merged key by key."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

import yaml
from pydantic import BaseModel, ValidationError

from .config import lexicon_dir
from .errors import ConfigError

__all__ = ["bulk_load", "load_lexicon", "merge", "validate_entries"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@contextmanager
def bulk_load() -> Iterator[None]:
    """Cyclic garbage collection paused while lexicons are built: building them allocates
    millions of objects, none of them garbage, and every full collection on the way walked
    them all (4 of the 9 seconds that loading the coder and the gazetteer took)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_yaml(text: str, where: str) -> dict[str, Any]:
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise ConfigError(f"cannot parse lexicon {where}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"lexicon {where} must be a mapping at the top level")
    return data


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Merge ``override`` into ``base``: mappings recursively, anything else replaced."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


@lru_cache(maxsize=None)
def load_lexicon(name: str, user_dir: str | None = None) -> dict[str, Any]:
    """The shipped lexicon ``name`` (a path under ``sinew/data``), merged with the same file
    from ``user_dir`` or ``SINEW_LEXICON_DIR`` when it exists there."""
    shipped = resources.files("sinew") / "data" / name
    data = _read_yaml(shipped.read_text(encoding="utf-8"), f"sinew/data/{name}")
    folder = lexicon_dir(user_dir)
    if folder is not None:
        user_file = Path(folder) / Path(name).name
        if user_file.is_file():
            data = merge(data, _read_yaml(user_file.read_text(encoding="utf-8"), str(user_file)))
    return data


def validate_entries(entries: Any, model: type[BaseModel], where: str) -> dict[str, BaseModel]:
    """Each value of the mapping ``entries`` checked against ``model`` (pydantic), keyed as
    given. A bad entry is a :class:`ConfigError` naming the file, the entry and the problem,
    raised when the lexicon is loaded, never while a document is being read."""
    if entries is None:
        return {}
    if not isinstance(entries, dict):
        raise ConfigError(f"lexicon {where}: expected a mapping of entries, got "
                          f"{type(entries).__name__}")
    checked: dict[str, BaseModel] = {}
    for key, value in entries.items():
        try:
            checked[str(key)] = model.model_validate(value)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'value'}: {e['msg']}"
                                 for e in exc.errors())
            raise ConfigError(f"lexicon {where}: entry {key!r}: {problems}") from exc
    return checked
