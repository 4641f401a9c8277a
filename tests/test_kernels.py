"""nbval's kernels start over Unix sockets, fail fast with the kernel's own words, and leak nothing.

The root conftest.py replaces ``nbval.kernel.start_new_kernel`` (its docstring says why);
these tests hold it to the three faults it removes.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
import warnings

import pytest

nbval_kernel = pytest.importorskip("nbval.kernel")

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Unix sockets: Linux and macOS only")


def test_nbval_starts_its_kernels_over_unix_sockets():
    kernel = nbval_kernel.RunningKernel(nbval_kernel.CURRENT_ENV_KERNEL_NAME)
    try:
        manager = kernel.km
        with open(manager.connection_file) as file:
            info = json.load(file)
        assert manager.transport == info["transport"] == "ipc"
        assert os.path.isabs(info["ip"]), info["ip"]
        reply = kernel.kc.execute_interactive("print(6 * 7)", timeout=60)
        assert reply["content"]["status"] == "ok"
    finally:
        kernel.stop()


def test_a_stopped_kernel_leaves_no_open_file_behind():
    """nbval's own start leaks the /dev/null it opens for the kernel's stderr."""
    unraisable = []
    hook, sys.unraisablehook = sys.unraisablehook, unraisable.append
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            kernel = nbval_kernel.RunningKernel(nbval_kernel.CURRENT_ENV_KERNEL_NAME)
            kernel.stop()
            del kernel
            gc.collect()
    finally:
        sys.unraisablehook = hook
    assert [repr(u.exc_value) for u in unraisable] == []


@pytest.fixture
def broken_kernel(tmp_path, monkeypatch):
    """A kernel spec whose process writes a message to stderr and exits at once."""
    spec = tmp_path / "kernels" / "broken"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-c", "import sys; sys.exit('this kernel cannot start')",
                 "-f", "{connection_file}"],
        "display_name": "broken", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    return "broken"


def test_a_kernel_that_dies_at_start_fails_fast_and_says_what_it_printed(broken_kernel):
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="(?s)died.*this kernel cannot start"):
        nbval_kernel.start_new_kernel(startup_timeout=120, kernel_name=broken_kernel,
                                      stderr=open(os.devnull, "w"))
    assert time.monotonic() - started < 60
