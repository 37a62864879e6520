from __future__ import annotations

import gc

import pytest

import sinew
from sinew.actors import actor_lexicon
from sinew.errors import ConfigError
from sinew.events import event_rules
from sinew.lexicons import bulk_load, load_lexicon, merge


def test_lexicons_merge_is_key_by_key():
    base = {"verbs": {"ship": {"type": "AID"}, "send": {"type": "AID"}}, "version": 1}
    out = merge(base, {"verbs": {"ship": {"type": "AGREE"}, "lease": {"type": "AID"}}})
    assert out["verbs"] == {"ship": {"type": "AGREE"}, "send": {"type": "AID"}, "lease": {"type": "AID"}}
    assert base["verbs"]["ship"] == {"type": "AID"}


def test_lexicons_user_directory_overrides_shipped_files(tmp_path):
    (tmp_path / "events.yaml").write_text("verbs:\n  lease: {type: AID, role: give, mode: auto}\n")
    (tmp_path / "states.yaml").write_text("actors:\n  PRK:\n    metonyms: [Ryongsong]\n")
    rules = event_rules(str(tmp_path))
    assert rules.verbs["lease"].type == "AID" and rules.verbs["ship"].type == "AID"
    lexicon = actor_lexicon(str(tmp_path))
    assert lexicon.lookup("Ryongsong").code == "PRK"
    assert lexicon.lookup("Pyongyang").code == "PRK"  # the shipped keys survive the override
    assert "lease" not in load_lexicon("events.yaml")["verbs"]


def test_lexicons_model_setting_is_configurable(monkeypatch):
    monkeypatch.setenv("SINEW_MODEL", "no_such_pipeline_here")
    from sinew.config import model_name

    assert model_name() == "no_such_pipeline_here"
    assert model_name("en_core_web_trf") == "en_core_web_trf"
    assert isinstance(sinew.errors.ModelError("x"), sinew.SinewError)


def test_lexicons_bulk_load_pauses_collection_and_restores_it(tmp_path, nlp):
    """Garbage collection is paused while lexicons are built and back on afterwards, also
    when a lexicon is malformed; a caller that had it off keeps it off."""
    from sinew.coder import EventCoder

    assert gc.isenabled()
    with bulk_load():
        assert not gc.isenabled()
    assert gc.isenabled()
    (tmp_path / "patterns.yaml").write_text("patterns: [not, a, mapping]\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        EventCoder(nlp, lexicon_dir=str(tmp_path))
    assert gc.isenabled()
    gc.disable()
    try:
        with bulk_load():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
