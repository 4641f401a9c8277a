"""Shared settings and fixtures of the tests.

Figures drawn by the unit tests go to the non-interactive Agg backend. ``build`` is the HTML book,
built once per test run for test_book, test_accessibility and test_live, on whichever pytest-xdist
workers they run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest
from filelock import FileLock

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent

BUILD_TIMEOUT = 900
"""Seconds the book's build may take."""


def _build_book(out: Path) -> dict:
    """Build the book into ``out`` as ``make book`` does: {"returncode": code or None, "log": its output}."""
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    command = [str(jupyter_book), "build", "--all", "-W", "-n", "--keep-going", "--path-output", str(out), str(ROOT)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired as timeout:
        output = [o.decode(errors="replace") if isinstance(o, bytes) else o or "" for o in (timeout.stdout, timeout.stderr)]
        return {"returncode": None, "log": "".join(output) + f"\n[the build took more than {BUILD_TIMEOUT} s]\n"}
    return {"returncode": result.returncode, "log": result.stdout + result.stderr}


def _shared_build(out: Path) -> dict:
    """The outcome of building the book into ``out``, a folder that every xdist worker of this run
    sees: the first worker to get here builds it and records the outcome, the others wait for the
    lock and read the outcome (a failed build fails every module that uses it, not only the first)."""
    outcome = out.with_name(out.name + "-build.json")
    with FileLock(str(outcome) + ".lock"):
        if outcome.is_file():
            return json.loads(outcome.read_text())
        shutil.rmtree(out, ignore_errors=True)  # what a worker that died mid-build left
        result = _build_book(out)
        partial = outcome.with_suffix(".partial")
        partial.write_text(json.dumps(result))
        partial.replace(outcome)
        return result


@pytest.fixture(scope="session")
def build(tmp_path_factory) -> tuple[Path, str]:
    """The book built once for the whole test run: (the html folder, the build log).

    The pytest-xdist recipe for a session fixture that runs once: without workers (``-n 0``,
    ``-p no:xdist``) pytest's session scope does it; with workers, the build goes into the run's
    temporary folder shared by every worker, under a file lock. The html folder is shared by every
    test that uses it: read it, never write into it."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        out = tmp_path_factory.mktemp("book")
        result = _build_book(out)
    else:
        out = tmp_path_factory.getbasetemp().parent / "book"
        result = _shared_build(out)
    assert result["returncode"] == 0, result["log"][-5000:]
    return out / "_build" / "html", result["log"]
