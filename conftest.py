"""Settings for every test run, nbval's notebook kernels included.

One BLAS/OpenMP thread by default (the kernels that nbval starts inherit these
variables); a thread count set in the environment is kept, since no printed number
may depend on it (tests/test_machine_independence.py runs the chapters with four).
Figures drawn by the unit tests go to the non-interactive Agg backend. nbval's kernels
talk to pytest over Unix sockets, not TCP ports (see ``start_kernel`` below).
"""

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

import shutil  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from pathlib import Path  # noqa: E402

_STARTED = time.time()
_BROWSER_REPORT = Path(__file__).parent / "_build" / "browser" / "report.md"


def pytest_terminal_summary(terminalreporter):
    """Show the browser test's page weights (written by tests/test_book.py) at the end of the run."""
    if _BROWSER_REPORT.exists() and _BROWSER_REPORT.stat().st_mtime >= _STARTED:
        terminalreporter.section("pages in the browser (screenshots in _build/browser/)")
        terminalreporter.write(_BROWSER_REPORT.read_text())



_KERNEL_FILES = Path(tempfile.gettempdir()) / f"gd-kernels-{os.getpid()}"


def start_kernel(startup_timeout=60, kernel_name="python", **kwargs):
    """Start a kernel for nbval as ``nbval.kernel.start_new_kernel`` does, without its three faults.

    They show when several test runs start kernels side by side, as ``make test`` does
    (two xdist workers, and four more runs in tests/test_machine_independence.py):

    1. jupyter_client picks TCP ports by binding to port 0 and letting go; another process
       can take a port before the kernel binds it, and the kernel dies. Unix sockets
       (transport "ipc") named after a fresh id in a folder of this run cannot collide.
    2. When a kernel fails to start, nbval asks it to shut down politely; a dead kernel
       never answers and the run hangs. Here it is killed, and the error shows what the
       kernel wrote to stderr.
    3. nbval opens /dev/null for the kernel's stderr and never closes it; pytest, which
       turns warnings into errors here, fails the run when that file is collected. Here
       the kernel writes to a log file that is closed once the kernel has started.
    """
    from jupyter_client.manager import KernelManager
    from nbval.kernel import NbvalKernelspecManager

    if kwargs.get("stderr") is not None:
        kwargs.pop("stderr").close()
    _KERNEL_FILES.mkdir(exist_ok=True)
    name = _KERNEL_FILES / uuid.uuid4().hex[:12]
    manager = KernelManager(kernel_name=kernel_name, kernel_spec_manager=NbvalKernelspecManager(),
                            transport="ipc", ip=f"{name}-ipc", connection_file=f"{name}.json")
    with open(f"{name}.stderr", "w") as log:
        manager.start_kernel(stderr=log, **kwargs)
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=startup_timeout)
    except RuntimeError as error:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
        stderr = Path(f"{name}.stderr").read_text()[-3000:] or "(nothing)"
        raise RuntimeError(f"{error}. The kernel wrote to stderr:\n{stderr}") from None
    return manager, client


def pytest_configure(config):
    """nbval starts its kernels with ``start_kernel`` (Unix sockets exist on Linux and macOS)."""
    if os.name == "posix" and config.pluginmanager.hasplugin("nbval"):
        import nbval.kernel

        nbval.kernel.start_new_kernel = start_kernel


def pytest_unconfigure(config):
    shutil.rmtree(_KERNEL_FILES, ignore_errors=True)
