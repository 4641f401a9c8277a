"""What the grader tests share: the graders' own environments, the chapters they grade, the answers.

nbgrader and otter-grader (and the learner's JupyterLab, tests/test_jupyterlab.py) are not
dependencies of the book. Each gets a virtual environment of its own under ``.graders/``
(git-ignored), made from ``tools/graders/<name>.txt`` with every package pinned by
``tools/graders/<name>-lock.txt``, plus gdutils from this folder (editable). The folder
name carries a hash of those files, of the Python version and of this folder's path, so an
environment is made once and reused until one of them changes (the first run takes a few minutes).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
PINS = ROOT / "tools" / "graders"
CACHE = ROOT / ".graders"
sys.path.insert(0, str(ROOT / "tools"))
import grader_notebooks  # noqa: E402  (tools/grader_notebooks.py: make nbgrader, make otter)

# The chapters the tests take through each grader, and in each one wrong answer with the hint it
# must get: (function, wrong code, words of the hint).
WRONG = {
    "01_derivatives": (
        "dg",
        "def dg(x):\n    return -(8 * x**3 - 6 * x + 1)",
        "sign flipped",
    ),
    "02_difference_quotients": (
        "my_central_difference",
        "def my_central_difference(f, x, h):\n    return (f(x + h) - f(x - h)) / h",
        "x + h and x - h are 2h apart",
    ),
    "06_linear_regression": (
        "mse_grad",
        "def mse_grad(m, b, x, y):\n    residual = y - (m * x + b)\n"
        "    return np.sum(-2 * x * residual), np.sum(-2 * residual)",
        "the 1/n is missing",
    ),
    "13_classifier": (
        "confusion",
        "def confusion(y_true, y_pred, n_classes):\n    C = np.zeros((n_classes, n_classes), dtype=int)\n"
        "    C[y_true, y_pred] += 1\n    return C",
        "counted once however often it occurs",
    ),
}
CHAPTERS = sorted(WRONG)
DROPDOWN_LINES = ("{solution-start}", ":class: dropdown", "{solution-end}", "dropdowns; try first")


def grader_env(name: str) -> Path:
    """The cached virtual environment ``name`` ("nbgrader", "otter" or "jupyterlab"); made if missing."""
    requirements, lock = PINS / f"{name}.txt", PINS / f"{name}-lock.txt"
    digest = hashlib.sha256()
    for part in (requirements.read_bytes(), lock.read_bytes(), sys.version.encode(), str(ROOT).encode()):
        digest.update(part)
    env = CACHE / f"{name}-{digest.hexdigest()[:12]}"
    ready = env / ".ready"
    CACHE.mkdir(exist_ok=True)
    with open(CACHE / f"{name}.lock", "w") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)  # one maker at a time; the others wait and reuse it
        if not ready.exists():
            for old in CACHE.glob(f"{name}-*"):
                shutil.rmtree(old)
            python = env / "bin" / "python"
            steps = [
                [sys.executable, "-m", "venv", str(env)],
                [str(python), "-m", "pip", "install", "--quiet", "pip==26.3"],
                [str(python), "-m", "pip", "install", "--quiet", "-r", str(requirements), "-c", str(lock)],
                [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "-e", str(ROOT)],
            ]
            for step in steps:
                done = subprocess.run(step, capture_output=True, text=True)
                if done.returncode:
                    raise RuntimeError(f"making the {name} environment failed at {' '.join(step)}:\n"
                                       f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
            ready.touch()
    return env


def run(env: Path, *args: str, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run a command of the grader's environment (its bin/ first on PATH), failing with its output."""
    environ = dict(os.environ)
    environ["PATH"] = f"{env / 'bin'}{os.pathsep}{environ.get('PATH', '')}"
    environ["VIRTUAL_ENV"] = str(env)
    environ.pop("PYTHONPATH", None)
    done = subprocess.run(args, cwd=cwd, env=environ, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return done


@contextlib.contextmanager
def jupyterlab(root: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """A JupyterLab of the pinned "jupyterlab" environment serving ``root``, without a token; yields its
    base URL and stops it afterwards. ``env`` replaces the server's environment variables."""
    lab_env = grader_env("jupyterlab")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(root / "jupyterlab.log", "w")
    server = subprocess.Popen(
        [str(lab_env / "bin" / "jupyter"), "lab", "--no-browser", "--allow-root", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", "--ServerApp.token=", "--ServerApp.password=",
         "--ServerApp.open_browser=False", f"--ServerApp.root_dir={root}"],
        cwd=root, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{base}/api/status", timeout=2):
                    break
            except OSError:
                assert server.poll() is None, (root / "jupyterlab.log").read_text()[-3000:]
                time.sleep(0.5)
        else:
            raise AssertionError("JupyterLab did not start:\n" + (root / "jupyterlab.log").read_text()[-3000:])
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def chapter(stem: str) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "chapters" / f"{stem}.ipynb", as_version=4)


def _solution_region(source: str) -> list[str]:
    lines, inside, out = source.splitlines(), False, []
    for line in lines:
        if line.strip() == "# BEGIN SOLUTION":
            inside = True
        elif line.strip() == "# END SOLUTION":
            inside = False
        elif inside:
            out.append(line.strip())
    return out


def solution_lines(nb: nbformat.NotebookNode) -> set[str]:
    """Every line of every solution (code between the markers, worked answers in the dropdowns)
    that appears nowhere else in the chapter, sources or the outputs of cells outside the solutions
    (a live explorer's JavaScript holds ``return x * x;``, for one): none of these may reach a
    student."""
    secret, public = set(), []
    inside = False
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "{solution-start}" in cell.source:
            inside = True
            continue
        if cell.cell_type == "markdown" and "{solution-end}" in cell.source:
            inside = False
            continue
        if cell.cell_type == "code" and "# BEGIN SOLUTION" in cell.source:
            secret.update(_solution_region(cell.source))
            public.append("\n".join(line for line in cell.source.splitlines()
                                    if line.strip() not in _solution_region(cell.source)))
        elif inside:
            secret.update(line.strip() for line in cell.source.splitlines())
        else:
            public.append(cell.source)
            public.append(str(cell.get("outputs", "")))
    public_text = "\n".join(public)
    secret = {line for line in secret if line and line not in public_text}
    assert len(secret) >= 3, "the chapter's solutions should have lines of their own"
    return secret


def leaked(nb: nbformat.NotebookNode, secret: set[str]) -> list[str]:
    """The solution lines found in any cell (source or output) of ``nb``."""
    text = "\n".join(cell.source for cell in nb.cells)
    text += "\n".join(str(cell.get("outputs", "")) for cell in nb.cells)
    return sorted(line for line in secret if line in text)


def solution_sources(nb: nbformat.NotebookNode) -> dict[str, str]:
    """The chapter's solution code cells by the name of the function they define."""
    found = {}
    for cell in nb.cells:
        if cell.cell_type == "code" and "# BEGIN SOLUTION" in cell.source:
            name = re.match(r"def (\w+)\(", cell.source).group(1)
            found[name] = cell.source
    return found


def defined_function(source: str) -> str | None:
    match = re.match(r"\s*def (\w+)\(", source)
    return match.group(1) if match else None
