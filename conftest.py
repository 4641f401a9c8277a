"""Settings for every test run, nbval's notebook kernels included.

One BLAS/OpenMP thread makes floating-point sums identical run after run; the
kernels that nbval starts inherit these variables. Figures drawn by the unit
tests go to the non-interactive Agg backend.
"""

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
