"""Settings for every test run, nbval's notebook kernels included.

One BLAS/OpenMP thread by default (the kernels that nbval starts inherit these
variables); a thread count set in the environment is kept, since no printed number
may depend on it (tests/test_machine_independence.py runs the chapters with four).
Figures drawn by the unit tests go to the non-interactive Agg backend.
"""

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

import time  # noqa: E402
from pathlib import Path  # noqa: E402

_STARTED = time.time()
_BROWSER_REPORT = Path(__file__).parent / "_build" / "browser" / "report.md"


def pytest_terminal_summary(terminalreporter):
    """Show the browser test's page weights (written by tests/test_book.py) at the end of the run."""
    if _BROWSER_REPORT.exists() and _BROWSER_REPORT.stat().st_mtime >= _STARTED:
        terminalreporter.section("pages in the browser (screenshots in _build/browser/)")
        terminalreporter.write(_BROWSER_REPORT.read_text())

