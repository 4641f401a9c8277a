"""Benchmark the MSE gradient and minibatch epochs; print the tables kept in the README (make benchmark).

(a) the MSE gradient summed example by example in a Python loop versus vectorised;
(b) one epoch of minibatch descent (shuffling included) at several batch sizes
    versus one full-batch gradient, the one-pass floor, at n = 1,000,000, d = 10;
(c) where the time of an epoch goes: the shuffle timed alone, then the step built up one operation
    at a time;
(d) gdutils against its goals: gradient_descent against a bare loop, fit_linear's epoch against the
    one-pass floor and against PyTorch loops (skipped without torch);
(e) 20 Adam steps on a million parameters against torch.optim.Adam (skipped without torch).

Runs with one BLAS/OpenMP thread. Each time is the minimum over repeats of
time.perf_counter. Timings depend on the machine and its load: compare ratios.

Usage: python tools/benchmark.py [--quick] [--cpu-time]
  --quick: n = 100,000 in part (b), for a smoke test;
  --cpu-time: the tables measured in turns (parts (b) to (d)) use time.process_time, the CPU time
  of this process, instead of time.perf_counter: on a machine busy with other work this leaves
  out the time spent waiting for a core (not the slowdown of shared caches and memory).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402

import numpy as np  # noqa: E402

from gdutils import gradient_descent  # noqa: E402
from gdutils.epoch import batch_steps, epoch_chunks, epoch_order, epoch_steps  # noqa: E402
from gdutils.optimizers import GradientDescent  # noqa: E402
from gdutils.regression import (  # noqa: E402
    design_matrix,
    fit_linear,
    mse_gradient,
    mse_gradient_loop,
)
from gdutils.stochastic import best_time  # noqa: E402

SEED = 2026


CLOCK: Callable[[], float] = time.perf_counter
"""The clock of round_robin: time.process_time with --cpu-time."""


def round_robin(jobs: dict[object, tuple[Callable[[], object], int]]) -> dict[object, float]:
    """The best time of each job, measured in turns (job 1, job 2, ..., job 1, ...).

    A burst of load from other programs on the machine then hits every job alike
    instead of spoiling one row of a table; each job keeps its minimum.
    """
    best = {key: float("inf") for key in jobs}
    for round_ in range(max(repeats for _, repeats in jobs.values())):
        for key, (func, repeats) in jobs.items():
            if round_ < repeats:
                start = CLOCK()
                func()
                best[key] = min(best[key], CLOCK() - start)
    return best


def calls_for(func: Callable[[], object], target: float = 0.05) -> int:
    """How many calls make a measurement of about ``target`` seconds."""
    once = best_time(func, repeat=1)
    return max(1, int(target / max(once, 1e-7)))


def show(seconds: float) -> str:
    if seconds >= 1.0:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.1f} µs"


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, numpy {np.__version__}, "
            f"one BLAS thread")


def part_a() -> None:
    print("(a) MSE gradient, one feature: Python loop over examples vs vectorised")
    print()
    print("| n | loop | vectorised `mse_gradient` | ratio | bare expression (2/n) Aᵀ(Ap − y) | ratio |")
    print("|---:|---:|---:|---:|---:|---:|")
    rng = np.random.default_rng(SEED)
    for n in (100, 10_000, 1_000_000):
        x = rng.uniform(-50, 50, size=n)
        y = 30 * x + 7 + rng.normal(size=n)
        p = np.array([1.0, -1.0])
        np.testing.assert_allclose(mse_gradient_loop(p, x, y), mse_gradient(p, x, y), rtol=1e-8)
        loop_repeats = 2 if n >= 1_000_000 else 5
        t_loop = best_time(lambda: mse_gradient_loop(p, x, y), repeat=loop_repeats, number=calls_for(
            lambda: mse_gradient_loop(p, x, y), 0.02) if n < 1_000_000 else 1)
        t_vec = best_time(lambda: mse_gradient(p, x, y), repeat=7, number=calls_for(lambda: mse_gradient(p, x, y)))
        A = design_matrix(x)
        bare = lambda: (2.0 / n) * (A.T @ (A @ p - y))  # noqa: E731
        t_bare = best_time(bare, repeat=7, number=calls_for(bare))
        note = f" ({loop_repeats} repeats)" if n >= 1_000_000 else ""
        print(f"| {n:,} | {show(t_loop)}{note} | {show(t_vec)} | {t_loop / t_vec:,.0f}× | "
              f"{show(t_bare)} | {t_loop / t_bare:,.0f}× |")
    print()


def part_b(n: int) -> float:
    d = 10
    rng = np.random.default_rng(SEED)
    X = rng.normal(size=(n, d))
    y = X @ rng.normal(size=d) + 0.5 + 0.1 * rng.normal(size=n)
    A = design_matrix(X)
    p0 = np.zeros(d + 1)
    eta = 1e-3
    batch_sizes = (1, 4, 16, 64, 256, 1024, 4096)
    opt = GradientDescent(eta)

    def full_gradient() -> None:
        (2.0 / n) * (A.T @ (A @ p0 - y))

    def epoch(bs: int) -> Callable[[], object]:  # fit_linear's epoch: the shuffle, the gather, the steps
        return lambda: epoch_steps(X, y, p0.copy(), bs, opt, 0, epoch_order(n, bs, "shuffle", rng))

    def shuffle_only() -> None:  # the permutation and the gather, without the steps
        for _ in epoch_chunks(X, y, epoch_order(n, 1, "shuffle", rng), 1):
            pass

    part = n // 10

    def tenth_of_batch_one() -> None:  # the steps of batch size 1 over a tenth of the epoch
        batch_steps(A[:part], y[:part], p0.copy(), 1, opt, 0)

    # Every measurement is repeated in turn with the floor (see round_robin).
    jobs: dict[object, tuple[Callable[[], object], int]] = {"floor": (full_gradient, 9)}
    for bs in batch_sizes[1:]:
        jobs[bs] = (epoch(bs), 3 if bs < 16 else 7)
    jobs["shuffle"] = (shuffle_only, 7)
    jobs["tenth"] = (tenth_of_batch_one, 3)
    best = round_robin(jobs)
    floor = best["floor"]
    print(f"(b) one epoch of minibatch descent vs one full-batch gradient, n = {n:,}, d = {d}")
    print()
    print(f"one full-batch gradient (2/n) Aᵀ(Ap − y), the one-pass floor: {show(floor)}")
    print()
    print("| batch size | steps per epoch | epoch (shuffle included) | per step | ratio to the floor |")
    print("|---:|---:|---:|---:|---:|")
    for bs in batch_sizes:
        steps = -(-n // bs)
        if bs == 1:
            t_epoch = best["shuffle"] + best["tenth"] * n / part
            label = " (extrapolated¹)"
        else:
            t_epoch = best[bs]
            label = ""
        print(f"| {bs:,} | {steps:,} | {show(t_epoch)}{label} | {show(t_epoch / steps)} | "
              f"{t_epoch / floor:.1f}× |")
    print()
    print("¹ batch 1: the shuffle timed on the whole epoch plus the steps timed on a tenth of it, times 10.")
    print()
    part_c(A, y, full_gradient)
    part_d(X, y, A, full_gradient)
    return floor


def part_c(A: np.ndarray, y: np.ndarray, full_gradient: Callable[[], None]) -> None:
    n = y.size
    rng = np.random.default_rng(SEED + 1)
    As, ys = np.empty_like(A), np.empty_like(y)
    order = rng.permutation(n)
    np.take(A, order, axis=0, out=As, mode="clip")
    np.take(y, order, out=ys, mode="clip")
    p = np.zeros(A.shape[1])
    print(f"(c) where the time of an epoch goes (n = {n:,}): the shuffle, then the steps built up one "
          "operation at a time (ratios to a floor re-measured alongside)")
    print()
    print("| piece | batch 256: time per epoch | ratio to the floor | batch 1: time per step² |")
    print("|---|---:|---:|---:|")

    def steps(level: int, bs: int, rows: int) -> Callable[[], None]:
        def run() -> None:
            q = p.copy()
            for s in range(0, rows, bs):
                Ab = As[s:s + bs]
                if level >= 1:
                    r = np.dot(Ab, q)
                if level >= 2:
                    r -= ys[s:s + bs]
                if level >= 3:
                    g = np.dot(r, Ab)
                if level >= 4:
                    g *= 1e-9
                    q -= g
        return run

    def fancy(bs: int, rows: int) -> Callable[[], None]:
        def run() -> None:
            q = p.copy()
            for s in range(0, rows, bs):
                idx = order[s:s + bs]
                Ab = A[idx]
                r = np.dot(Ab, q)
                r -= y[idx]
                g = np.dot(r, Ab)
                g *= 1e-9
                q -= g
        return run

    once = [
        ("draw the permutation: rng.permutation(n)", lambda: rng.permutation(n)),
        ("gather the rows once: np.take(A, order, axis=0, out=buffer)",
         lambda: np.take(A, order, axis=0, out=As, mode="clip")),
        ("gather the targets once: np.take(y, order, out=buffer)",
         lambda: np.take(y, order, out=ys, mode="clip")),
        ("(instead: the rows gathered as A[order], a new array every epoch)", lambda: A[order]),
    ]
    small = n // 10
    labels = ["the loop over slices Ab = A[s:s+b] alone", "+ predictions np.dot(Ab, p)",
              "+ residuals r -= y[s:s+b]", "+ gradient np.dot(r, Ab)", "+ update g *= c; p -= g (a whole step)"]
    fancy_label = "(instead: A[idx], y[idx] fancy-indexed in every step, no gather)"
    jobs: dict[object, tuple[Callable[[], object], int]] = {"floor": (full_gradient, 9)}
    for label, func in once:
        jobs[label] = (func, 7)
    for level, label in enumerate(labels):
        jobs[label] = (steps(level, 256, n), 7)
        jobs[(label, 1)] = (steps(level, 1, small), 3)
    jobs[fancy_label] = (fancy(256, n), 5)
    jobs[(fancy_label, 1)] = (fancy(1, small), 3)
    best = round_robin(jobs)
    floor = best["floor"]
    for label, _ in once:
        print(f"| {label} | {show(best[label])} | {best[label] / floor:.2f}× | |")
    for label in [*labels, fancy_label]:
        print(f"| {label} | {show(best[label])} | {best[label] / floor:.2f}× | {show(best[(label, 1)] / small)} |")
    print()
    print(f"² measured over the first {small:,} steps of an epoch at batch size 1.")
    print()


def bare_descent(grad: Callable[[np.ndarray], np.ndarray], x0: np.ndarray, eta: float, steps: int) -> np.ndarray:
    """The loop gradient_descent is measured against: the update and the path, nothing else."""
    x = x0
    path = [x]
    for _ in range(steps):
        x = x - eta * grad(x)
        path.append(x)
    return np.array(path)


def torch_epochs(X: np.ndarray, y: np.ndarray, batch_size: int,
                 eta: float) -> dict[str, Callable[[], object]] | None:
    """One epoch of the same minibatch descent as PyTorch is usually written, or None without torch.

    Two idiomatic loops, both with autograd and ``torch.optim.SGD``, one thread, float64 like
    the data: a ``torch.nn.Linear`` model with ``torch.nn.MSELoss``, and a plain tensor model
    (w and b with requires_grad). Each epoch draws one ``torch.randperm``, gathers the rows
    once in that order (as fit_linear does) and cuts the batches as contiguous slices; no
    DataLoader, whose per-example collation would be slower still.
    """
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    n, d = X.shape
    generator = torch.Generator().manual_seed(SEED)

    def epoch(params: list, predict: Callable, loss_fn: Callable) -> None:
        opt = torch.optim.SGD(params, lr=eta)
        order = torch.randperm(n, generator=generator)
        Xs, ys = Xt[order], yt[order]
        for start in range(0, n, batch_size):
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(predict(Xs[start:start + batch_size]), ys[start:start + batch_size])
            loss.backward()
            opt.step()

    def linear() -> None:
        model = torch.nn.Linear(d, 1, dtype=torch.float64)
        epoch(list(model.parameters()), lambda Xb: model(Xb).squeeze(1), torch.nn.MSELoss())

    def plain() -> None:
        w = torch.zeros(d, dtype=torch.float64, requires_grad=True)
        b = torch.zeros((), dtype=torch.float64, requires_grad=True)
        epoch([w, b], lambda Xb: Xb @ w + b, lambda pred, target: ((pred - target) ** 2).mean())

    return {"nn.Linear and nn.MSELoss": linear, "plain tensors w, b": plain}


def part_d(X: np.ndarray, y: np.ndarray, A: np.ndarray, full_gradient: Callable[[], None]) -> None:
    """The goals of issue 12, as ratios measured in turns."""
    n, d = X.shape
    Q, c = np.array([[3.0, 0.5], [0.5, 1.0]]), np.array([1.0, -2.0])
    grad = lambda x: Q @ x - c  # noqa: E731
    x0 = np.array([5.0, 5.0])
    assert np.array_equal(bare_descent(grad, x0, 0.1, 1000), gradient_descent(grad, x0, 0.1, 1000).path)
    jobs: dict[object, tuple[Callable[[], object], int]] = {
        "bare": (lambda: bare_descent(grad, x0, 0.1, 1000), 9),
        "gd": (lambda: gradient_descent(grad, x0, 0.1, 1000), 9),
        "floor": (full_gradient, 9),
        "fit": (lambda: fit_linear(X, y, learning_rate=1e-3, epochs=1, batch_size=256,
                                   rng=np.random.default_rng(0)), 7),
    }
    torch_runs = torch_epochs(X, y, 256, 1e-3) or {}
    for name, run in torch_runs.items():
        jobs[name] = (run, 3)
    best = round_robin(jobs)
    print("(d) gdutils against a bare loop, the one-pass floor and PyTorch")
    print()
    print("| what | time | against | its time | ratio | goal |")
    print("|---|---:|---|---:|---:|---:|")
    print(f"| `gradient_descent`, 2-D quadratic, fixed step, 1,000 steps | {show(best['gd'])} | a bare loop "
          f"recording the same path | {show(best['bare'])} | {best['gd'] / best['bare']:.2f}× | ≤ 2× |")
    print(f"| `fit_linear`, one epoch at batch 256, n = {n:,}, d = {d}, end to end | {show(best['fit'])} | "
          f"one full-batch gradient | {show(best['floor'])} | {best['fit'] / best['floor']:.2f}× | ≤ 5× |")
    if not torch_runs:
        print()
        print("PyTorch is not installed: the PyTorch rows are skipped "
              "(pip install torch==2.13.0 into .venv to measure them; the book does not need it).")
    else:
        import torch
        for name in torch_runs:
            print(f"| PyTorch {torch.__version__} CPU loop ({name}, autograd, torch.optim.SGD; float64), "
                  f"the same epoch | {show(best[name])} | `fit_linear`'s epoch | {show(best['fit'])} | "
                  f"{best[name] / best['fit']:.1f}× slower | ≥ 10× |")
    print()


def blas_kernel() -> str:
    """Which OpenBLAS kernel numpy uses (threadpoolctl when installed, else OPENBLAS_CORETYPE)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return os.environ.get("OPENBLAS_CORETYPE", "chosen by OpenBLAS at run time")
    return ", ".join(f"{i.get('internal_api')} {i.get('architecture')}" for i in threadpool_info()
                     if i.get("user_api") == "blas") or "unknown"


def main(argv: list[str]) -> None:
    global CLOCK
    quick = "--quick" in argv
    if "--cpu-time" in argv:
        CLOCK = time.process_time
    print(f"Machine: {machine()}; BLAS kernel: {blas_kernel()}"
          + ("; parts (b) to (d) in CPU time (time.process_time)" if CLOCK is time.process_time else ""))
    print()
    if not quick:
        part_a()
    part_b(100_000 if quick else 1_000_000)
    part_e()


# ---------------------------------------------------------------------------
# (e) Adam on a million parameters: gdutils against torch.optim.Adam (chapter 11, issue 14).
# A section of its own, run after the parts above: gdutils' Adam updates its state and the
# parameters in place, one NumPy call per operation of torch's single-tensor update (the
# default on the CPU); torch.optim.Adam runs with one thread, like NumPy here.
# ---------------------------------------------------------------------------

ADAM_N, ADAM_STEPS = 1_000_000, 20


def gdutils_adam_steps(p0: np.ndarray, g: np.ndarray) -> np.ndarray:
    """ADAM_STEPS steps of gdutils' Adam from p0 with the gradient g, as fit_linear takes them."""
    from gdutils.optimizers import Adam

    x = p0.copy()
    opt = Adam(1e-3)
    opt.start(x, None)
    for k in range(ADAM_STEPS):
        opt.apply(x, g, k)  # in place, g left unchanged
    return x


def torch_adam_steps(p0: np.ndarray, g: np.ndarray) -> Callable[[], object] | None:
    """The same steps with torch.optim.Adam's default CPU implementation, or None without torch."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    grad = torch.from_numpy(g)

    def steps() -> np.ndarray:
        p = torch.tensor(p0, requires_grad=True)  # a copy, float64
        p.grad = grad
        opt = torch.optim.Adam([p], lr=1e-3)
        for _ in range(ADAM_STEPS):
            opt.step()
        return p.detach().numpy()

    return steps


def part_e() -> None:
    """20 Adam steps on a million parameters, gdutils and torch side by side (goal: within 1.5×)."""
    rng = np.random.default_rng(SEED)
    p0, g = rng.normal(size=ADAM_N), rng.normal(size=ADAM_N)
    jobs: dict[object, tuple[Callable[[], object], int]] = {"gdutils": (lambda: gdutils_adam_steps(p0, g), 9)}
    torch_run = torch_adam_steps(p0, g)
    if torch_run is not None:
        gap = np.max(np.abs(gdutils_adam_steps(p0, g) - torch_run()))
        assert gap < 1e-12, gap  # the same iterates (torch fuses multiply-adds: not bit for bit)
        jobs["torch"] = (torch_run, 9)
    best = round_robin(jobs)
    print(f"(e) {ADAM_STEPS} Adam steps on {ADAM_N:,} parameters (float64, one thread), state created included")
    print()
    print("| what | time | against | its time | ratio | goal |")
    print("|---|---:|---|---:|---:|---:|")
    if torch_run is None:
        print(f"| `Adam` (gdutils), `apply` in place | {show(best['gdutils'])} | | | | |")
        print()
        print("PyTorch is not installed: the comparison is skipped "
              "(pip install torch==2.13.0 into .venv to measure it; the book does not need it).")
    else:
        import torch
        print(f"| `Adam` (gdutils), `apply` in place | {show(best['gdutils'])} | torch.optim.Adam "
              f"{torch.__version__}, default (single-tensor) CPU step | {show(best['torch'])} | "
              f"{best['gdutils'] / best['torch']:.2f}× | ≤ 1.5× |")
    print()


if __name__ == "__main__":
    main(sys.argv[1:])
