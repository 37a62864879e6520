"""scripts/setup.sh: demo.sh and test.sh share one environment without reinstalling."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def checkout(tmp_path):
    """A copy of what setup.sh reads, with a fake venv whose python logs each call."""
    for name in ("scripts/setup.sh", "pyproject.toml", "requirements-model.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\necho "$@" >> {tmp_path}/pip.log\n')
    python.chmod(0o755)
    return tmp_path


def _setup(checkout: Path, extras: str) -> list[str]:
    subprocess.run(["bash", "scripts/setup.sh", extras], cwd=checkout, check=True)
    log = checkout / "pip.log"
    calls = log.read_text().splitlines() if log.exists() else []
    log.unlink(missing_ok=True)
    return calls


def _stamp(checkout: Path) -> str:
    data = (checkout / "pyproject.toml").read_bytes() + \
        (checkout / "requirements-model.txt").read_bytes()
    return hashlib.sha256(data).hexdigest()


def test_setup_switching_between_demo_and_test_extras_never_reinstalls(checkout):
    (checkout / ".venv" / ".sinew-stamp").write_text(f"{_stamp(checkout)} dev\n")
    assert _setup(checkout, "dev") == []
    calls = _setup(checkout, "dev,dist,web")  # test.sh after demo.sh: install the union once
    assert calls[-1] == "-m pip install -q -e .[dev,dist,web]"
    assert _setup(checkout, "dev") == []  # demo.sh again
    assert _setup(checkout, "dev,dist,web") == []  # and test.sh again
    assert _setup(checkout, "web,dev") == []


def test_setup_a_changed_pyproject_reinstalls_with_the_extras_it_had(checkout):
    (checkout / ".venv" / ".sinew-stamp").write_text(f"{_stamp(checkout)} dev,dist,web\n")
    with (checkout / "pyproject.toml").open("a") as handle:
        handle.write("\n# changed\n")
    assert _setup(checkout, "dev")[-1] == "-m pip install -q -e .[dev,dist,web]"
    assert _setup(checkout, "dev,dist,web") == []
