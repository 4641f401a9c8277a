"""Every stored output reappears on other CPUs: nbval strict under other BLAS kernels and SIMD paths.

A learner's computer differs from the one that executed the notebooks in three ways that
change the last bits of a computation: the OpenBLAS kernel (dot products, matrix products,
eigvalsh, lstsq), the number of BLAS threads, and the SIMD loops that numpy picks for
elementwise functions such as ``exp``, ``power`` and ``cbrt``. Each configuration below
imitates one kind of machine by forcing those choices with environment variables, then
re-runs every chapter with nbval in strict mode. A cell whose text output differs from the
stored one fails the test, which names the configuration and the cells.

The main nbval run (``make test`` collects ``chapters/``) covers this machine's own
configuration; the ones here add at least three other OpenBLAS kernels and numpy with its
AVX-512 (and AVX2) loops turned off. README, "Rules for authors", says how a chapter keeps
its printed digits machine-independent.
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys

import pytest

from notebook_utils import CHAPTERS, ROOT

# numpy 2.4 dispatches its SIMD loops by these target names; disabling X86_V4 and the
# AVX512_* targets leaves AVX2 (a Haswell-class machine), disabling X86_V3 as well leaves
# the SSE4.2 baseline (Sandybridge and older).
NO_AVX512 = "X86_V4 AVX512_ICL AVX512_SPR"
NO_AVX2 = "X86_V3 " + NO_AVX512

# name -> (OpenBLAS kernel forced, numpy SIMD targets disabled, BLAS threads)
CONFIGURATIONS = {
    "x86_64": {
        "SkylakeX kernel, 4 BLAS threads": ("SkylakeX", "", 4),
        "Haswell kernel, numpy without AVX-512": ("Haswell", NO_AVX512, 1),
        "Sandybridge kernel, numpy without AVX2": ("Sandybridge", NO_AVX2, 1),
        "Nehalem kernel, numpy without AVX2": ("Nehalem", NO_AVX2, 1),
    },
    "aarch64": {
        "NeoverseN1 kernel, 4 BLAS threads": ("NEOVERSEN1", "", 4),
        "ARMv8 kernel": ("ARMV8", "", 1),
        "CortexA57 kernel": ("CORTEXA57", "", 1),
    },
}
MACHINE = platform.machine().lower().replace("amd64", "x86_64").replace("arm64", "aarch64")
CONFIGS = CONFIGURATIONS.get(MACHINE, {})

PROBE = """
import json
import numpy as np
import threadpoolctl
from numpy._core._multiarray_umath import __cpu_features__ as features
blas = [i for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
print(json.dumps({
    "blas": [(i["internal_api"], i.get("architecture"), i["num_threads"]) for i in blas],
    "simd": sorted(k for k in ("X86_V3", "X86_V4", "AVX512_ICL") if features.get(k)),
}))
"""


def environment(kernel: str | None, disabled: str, threads: int) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("NPY_DISABLE_CPU_FEATURES", None)
    if kernel:
        env["OPENBLAS_CORETYPE"] = kernel
    if disabled:
        env["NPY_DISABLE_CPU_FEATURES"] = disabled
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = str(threads)
    return env


def probe(env: dict[str, str]) -> dict:
    """The BLAS kernel and numpy SIMD targets that a Python started with env really uses."""
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                         text=True, check=True, timeout=60)
    return json.loads(out.stdout.splitlines()[-1])


def kernel_of(info: dict) -> str:
    (api, arch, _threads), = info["blas"]
    assert api == "openblas", f"this test needs numpy's bundled OpenBLAS, found {api}"
    return arch.lower()


def test_the_configurations_are_real_and_differ_from_this_machine():
    """Guard against a configuration silently falling back to the default kernel."""
    assert CONFIGS, f"no configurations are listed for {MACHINE} machines"
    default = kernel_of(probe(dict(os.environ)))
    kernels = set()
    for name, (kernel, disabled, threads) in CONFIGS.items():
        info = probe(environment(kernel, disabled, threads))
        used = kernel_of(info)
        assert used == kernel.lower(), f"{name}: OpenBLAS ran {used} instead (not on this CPU?)"
        assert info["blas"][0][2] == min(threads, os.cpu_count() or 1), name
        if MACHINE == "x86_64" and NO_AVX512 in disabled:
            assert "X86_V4" not in info["simd"] and "AVX512_ICL" not in info["simd"], name
        if MACHINE == "x86_64" and disabled == NO_AVX2:
            assert info["simd"] == [], name
        kernels.add(used)
    assert len(kernels - {default}) >= 3, f"need three kernels other than {default}: {kernels}"
    if MACHINE == "x86_64":
        assert any(NO_AVX512 in disabled for _, disabled, _ in CONFIGS.values())


def without_colours(output: str) -> str:
    """pytest's output without its ANSI colour codes."""
    return re.sub(r"\x1b\[[0-9;]*m", "", output)


def failing_cells(output: str) -> list[str]:
    """nbval's FAILED and ERROR lines for cells, with the report it printed for each cell."""
    plain = without_colours(output)
    sections = re.split(r"\n_{5,} (?:ERROR at \w+ of )?(\S+::Cell \d+) _{5,}\n", plain)
    details = dict(zip(sections[1::2], sections[2::2]))
    failed = re.findall(r"^(?:FAILED|ERROR) (\S+::Cell \d+)", plain, flags=re.M)
    return [f"{cell}\n{details.get(cell, '')[-1500:]}" for cell in failed]


def report(output: str, cells: list[str], lines: int = 60) -> str:
    """The failing cells' reports, or, when nbval failed outside any cell, the end of its output."""
    if cells:
        return "these stored outputs did not reappear:\n\n" + "\n\n".join(cells)
    tail = "\n".join(without_colours(output).strip().splitlines()[-lines:])
    return f"nbval failed outside the cells; the last {lines} lines it printed:\n\n{tail}"


@pytest.fixture(scope="module")
def reruns():
    """Start nbval under every configuration at once; the tests below wait for their own.

    The re-runs are separate processes, so they proceed side by side (and beside the rest
    of the suite on the other xdist worker) instead of one after another.
    """
    started = {}
    for name, (kernel, disabled, threads) in CONFIGS.items():
        started[name] = subprocess.Popen(
            [sys.executable, "-m", "pytest", str(CHAPTERS), "-q", "-p", "no:cacheprovider",
             "-p", "no:xdist", "-o", "addopts=", "--nbval", "--nbval-current-env",
             "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"),
             "--nbval-cell-timeout", "300"],
            cwd=ROOT, env=environment(kernel, disabled, threads), text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    yield started
    for process in started.values():
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.parametrize("name", list(CONFIGS))
def test_every_stored_output_reappears(reruns, name):
    kernel, disabled, threads = CONFIGS[name]
    output, _ = reruns[name].communicate(timeout=1200)
    cells = failing_cells(output)
    summary = output.strip().splitlines()[-1] if output.strip() else "(no output)"
    assert reruns[name].returncode == 0 and not cells, (
        f"under '{name}' (OPENBLAS_CORETYPE={kernel}, NPY_DISABLE_CPU_FEATURES='{disabled}', "
        f"{threads} BLAS threads) " + report(output, cells))
    assert re.search(r"\d+ passed", summary), summary


def test_a_failing_rerun_is_reported_with_its_cells_or_its_last_lines():
    """The report names failed and errored cells; a failure outside them shows nbval's last lines."""
    bar = "_" * 20
    output = (f"\n{bar} chapters/01_a.ipynb::Cell 3 {bar}\nCell outputs differ\n"
              f"\n{bar} ERROR at setup of chapters/13_b.ipynb::Cell 0 {bar}\nWarning as error\n"
              "FAILED chapters/01_a.ipynb::Cell 3\nERROR chapters/13_b.ipynb::Cell 0\n")
    cells = failing_cells(output)
    assert [c.splitlines()[0] for c in cells] == ["chapters/01_a.ipynb::Cell 3",
                                                  "chapters/13_b.ipynb::Cell 0"]
    assert "Cell outputs differ" in cells[0] and "Warning as error" in cells[1]
    session_error = "343 passed\nException ignored in: <socket>\nResourceWarning: unclosed\n"
    assert failing_cells(session_error) == []
    assert "Exception ignored in: <socket>" in report(session_error, [])
