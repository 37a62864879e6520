"""Docs that run: every shell and Python block of README.md and docs/*.md runs against the demo
store, and every transcript is what its command prints now (scripts/docs.py regenerates them)."""

from __future__ import annotations

import dataclasses
import difflib
import importlib.util
import sys
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "sinew_docs", Path(__file__).resolve().parents[1] / "scripts" / "docs.py")
docs = sys.modules["sinew_docs"] = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(docs)

ALL = [b for path in docs.documents() for b in docs.blocks(path)]
RUNS = [b for b in ALL if b.runs]
TRANSCRIPTS = [b for b in ALL if b.transcript]
#: What only a block that cannot run here may contain.
CANNOT_RUN = ("setup.sh", "scripts/demo.sh", "scripts/test.sh", "sinew serve", "--engine dask",
              "bench/", "--petrarch", "Cluster", "dask scheduler", "local_cluster")


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    return docs.make_sandbox(tmp_path_factory.mktemp("docs"))


def test_docs_readme_and_docs_have_blocks_that_run_and_transcripts():
    assert {b.path.name for b in RUNS} >= {"README.md", "coder.md"}
    assert len(TRANSCRIPTS) >= 3


@pytest.mark.parametrize("block", RUNS, ids=[b.label for b in RUNS])
def test_docs_every_shell_and_python_block_runs(block, sandbox):
    result = docs.run_block(block, sandbox)
    assert result.returncode == 0, f"{block.label}:\n{result.stdout}\n{result.stderr}"


@pytest.mark.parametrize("block", TRANSCRIPTS, ids=[b.label for b in TRANSCRIPTS])
def test_docs_transcripts_are_current(block, sandbox):
    fresh = docs.transcript_of(block, sandbox)
    diff = "\n".join(difflib.unified_diff(block.code.splitlines(), fresh.splitlines(),
                                          "shown", "printed now", lineterm=""))
    assert docs.same(fresh, block.code), (
        f"{block.label} is stale (run python scripts/docs.py to regenerate it):\n{diff}")


def test_docs_a_changed_figure_makes_a_transcript_stale(sandbox):
    block = next(b for b in TRANSCRIPTS if "depend" in b.transcript)
    edited = dataclasses.replace(block, code=block.code.replace("3,660,000", "3,600,000", 1))
    assert edited.code != block.code and docs.stale(edited, sandbox)


@pytest.mark.parametrize("block", [b for b in ALL if b.no_run],
                         ids=[b.label for b in ALL if b.no_run])
def test_docs_only_blocks_that_cannot_run_are_marked_not_run(block):
    assert any(word in block.code for word in CANNOT_RUN), (
        f"{block.label} is marked no-run ({block.no_run}) but looks runnable")
