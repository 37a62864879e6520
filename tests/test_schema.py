"""sinew.schema: content hashes are stable across releases (ids in existing stores depend on
them)."""

from __future__ import annotations

import datetime
import hashlib
import json

import pytest

from sinew.schema import content_hash


def _defined(*parts: object, length: int = 16) -> str:
    """The hash as defined: SHA-256 over each part's sorted-key JSON, each followed by 0x1F."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(json.dumps(part, sort_keys=True, ensure_ascii=False, default=str).encode())
        digest.update(b"\x1f")
    return digest.hexdigest()[:length]


@pytest.mark.parametrize("parts", [
    ("doc-1", "event", "AID", 120, 4000, ("North Korea", "PRK"), None),
    ("Ünïcode “quoted”", {"b": 1, "a": [1.5, None, True]}, datetime.date(2024, 6, 14)),
    (),
])
def test_schema_content_hash_is_the_defined_digest(parts):
    assert content_hash(*parts) == _defined(*parts)
    assert content_hash(*parts, length=8) == _defined(*parts, length=8)


def test_schema_content_hash_is_pinned():
    assert content_hash("doc-1", "event", 3) == "e5db507b39d6640e"
