"""Docs that run: every shell and Python block in README.md and docs/*.md, and the transcripts
they show, against the demo store.

    python scripts/docs.py            # regenerate every transcript in place
    python scripts/docs.py --check    # exit 1, naming them, when transcripts are stale
    python scripts/docs.py --run      # run every shell and Python block; exit 1 on a failure

A transcript is a ```text block right after a comment naming the command that prints it:

    <!-- transcript: sinew depend --db sinew.duckdb --recipient RUS --what shells --period 2024 -->

A block that cannot run (it installs, serves, or needs a cluster or files sinew does not ship)
has a comment right before it that says why: ``<!-- docs: no-run (starts a server) -->``.
Blocks and transcripts run in a scratch folder holding ``sinew.duckdb`` (the demo store), a few
inputs (``articles/``, ``feed.jsonl``, ``page.html``, ``note.txt``) and the repository's
``examples/`` and ``gold/``, with this Python's ``sinew`` first on the PATH.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNNABLE = {"bash": "bash", "sh": "bash", "shell": "bash", "python": "python", "py": "python"}
_FENCE = re.compile(r"^```(\w*)\s*$")
_NO_RUN = re.compile(r"<!--\s*docs:\s*no-run\s*\((?P<why>[^)]+)\)\s*-->")
_TRANSCRIPT = re.compile(r"<!--\s*transcript:\s*(?P<command>.+?)\s*-->")
_TIMING = re.compile(r"\b\d+\.\d+s\b")  # run times differ between runs; not a stale transcript
_TIMEOUT = 600


@dataclass(frozen=True)
class Block:
    """A fenced block: where it is, its language and code, and what the comment before it says."""

    path: Path
    line: int  # of the opening fence, 1-based
    end: int  # of the closing fence
    lang: str
    code: str
    note: str

    @property
    def label(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"

    @property
    def no_run(self) -> str | None:
        match = _NO_RUN.search(self.note)
        return match["why"] if match else None

    @property
    def transcript(self) -> str | None:
        match = _TRANSCRIPT.search(self.note)
        return match["command"] if match and self.lang == "text" else None

    @property
    def runs(self) -> bool:
        return self.lang in RUNNABLE and self.no_run is None


def documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def blocks(path: Path) -> list[Block]:
    lines = path.read_text(encoding="utf-8").splitlines()
    found, i = [], 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if opening is None:
            i += 1
            continue
        end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
        note = lines[i - 1] if i and lines[i - 1].startswith("<!--") else ""
        found.append(Block(path, i + 1, end + 1, opening[1], "\n".join(lines[i + 1:end]), note))
        i = end + 1
    return found


def make_sandbox(folder: Path) -> Path:
    """The scratch folder every block runs in (see the module docstring)."""
    demo = ROOT / "src" / "sinew" / "data" / "demo"
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    shutil.copy(demo / "demo-20.txt", folder / "articles" / "shoigu.txt")
    shutil.copy(demo / "demo-20.json", folder / "articles" / "shoigu.json")
    shutil.copy(demo / "demo-18.html", folder / "page.html")
    feed = (demo / "reports.jsonl").read_text(encoding="utf-8").splitlines()[:2]
    (folder / "feed.jsonl").write_text("\n".join(feed) + "\n", encoding="utf-8")
    (folder / "note.txt").write_text("North Korea has shipped up to 4.8 million shells to "
                                     "Russia, officials said.\n", encoding="utf-8")
    for name in ("examples", "gold"):
        target = folder / name
        if not target.exists():
            target.symlink_to(ROOT / name)
    if not (folder / "sinew.duckdb").exists():
        _run("sinew demo --db sinew.duckdb --quiet", folder, check=True)
    return folder


def _env() -> dict[str, str]:
    env = dict(os.environ, COLUMNS="160", NO_COLOR="1", TERM="dumb", LC_ALL="C.UTF-8")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT / "src"),
                                                      env.get("PYTHONPATH"))))
    return env


def _run(script: str, cwd: Path, *, lang: str = "bash",
         check: bool = False) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", script] if lang == "python" else \
        ["bash", "-c", "set -euo pipefail\n" + script]
    result = subprocess.run(command, cwd=cwd, env=_env(), capture_output=True, text=True,
                            timeout=_TIMEOUT)
    if check and result.returncode != 0:
        raise RuntimeError(f"{script!r} failed ({result.returncode}):\n{result.stderr}")
    return result


def run_block(block: Block, sandbox: Path) -> subprocess.CompletedProcess:
    return _run(block.code, sandbox, lang=RUNNABLE[block.lang])


def transcript_of(block: Block, sandbox: Path) -> str:
    result = _run(block.transcript or "", sandbox, check=True)
    return "\n".join(line.rstrip() for line in result.stdout.rstrip("\n").splitlines())


def same(fresh: str, shown: str) -> bool:
    """Whether a transcript shows what its command prints now (run times aside)."""
    return _TIMING.sub("#s", fresh) == _TIMING.sub("#s", shown)


def stale(block: Block, sandbox: Path) -> bool:
    return not same(transcript_of(block, sandbox), block.code)


def regenerate(path: Path, sandbox: Path) -> list[str]:
    """Rewrite every transcript in ``path``; the labels of those that changed."""
    lines = path.read_text(encoding="utf-8").splitlines()
    changed = []
    for block in reversed(blocks(path)):  # from the end, so line numbers stay valid
        if block.transcript is None:
            continue
        fresh = transcript_of(block, sandbox)
        if fresh != block.code:
            lines[block.line:block.end - 1] = fresh.splitlines()
            changed.append(block.label)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report stale transcripts")
    parser.add_argument("--run", action="store_true", help="run every shell and Python block")
    args = parser.parse_args(argv)
    failed = []
    with tempfile.TemporaryDirectory(prefix="sinew-docs-") as scratch:
        sandbox = make_sandbox(Path(scratch))
        for path in documents():
            if args.run:
                failed += [b.label for b in blocks(path) if b.runs
                           and run_block(b, sandbox).returncode != 0]
            elif args.check:
                failed += [b.label for b in blocks(path) if b.transcript and stale(b, sandbox)]
            else:
                for label in regenerate(path, sandbox):
                    print(f"regenerated {label}")
    for label in failed:
        print(f"{'failed' if args.run else 'stale'}: {label}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
