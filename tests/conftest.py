"""Shared fixtures: the spaCy model is loaded once per session; no test touches the network."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles.jsonl"


@pytest.fixture(scope="session")
def nlp():
    from sinew.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def extract(nlp):
    """``extract(text, date=None)`` -> records, with the session's model: how the coder reads
    a construction, so events with one side unknown are kept (``one_sided=True``); whether
    they are kept by default is tested apart (tests/test_event_sides.py)."""
    import sinew

    def run(text: str, date: str | None = "2024-06-14", one_sided: bool = True):
        return sinew.extract(text, date=date, one_sided=one_sided)

    return run


@pytest.fixture()
def write_jsonl(tmp_path):
    def write(rows, name="docs.jsonl"):
        path = tmp_path / name
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        return path

    return write


PETRARCH_RECORDS = SHARED_CORPUS.parents[1] / "reference" / "petrarch2" / \
    "PETR.UnitTest.records.xml"


def _shared(path: Path, what: str) -> Path:
    """``path`` from ../shared; skipped when absent, except under CI, where it must be."""
    if not path.exists():
        reason = f"{path} is not present"
        if os.environ.get("CI"):
            pytest.fail(f"the {what} tests cannot run under CI: {reason}")
        pytest.skip(reason)
    return path


PLOVER_MANUAL = SHARED_CORPUS.parents[1] / "reference" / "plover" / "PLOVER_MANUAL.pdf"


@pytest.fixture(scope="session")
def plover_manual():
    """The PLOVER manual as published (a real 53-page PDF report typeset by LaTeX)."""
    return _shared(PLOVER_MANUAL, "real-PDF")


@pytest.fixture(scope="session")
def shared_corpus():
    return _shared(SHARED_CORPUS, "shared-corpus")


@pytest.fixture(scope="session")
def petrarch_records():
    return _shared(PETRARCH_RECORDS, "PETRARCH validation")


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    """Under CI a test module that skips itself for a missing package (``importorskip``:
    fastapi, dask, warcio ...) fails instead: CI installs every extra, so a skip there means
    the installation is broken and those tests silently did not run."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and "could not import" in str(report.longrepr):
        report.outcome = "failed"
