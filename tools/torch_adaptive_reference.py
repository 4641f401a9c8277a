"""Reference trajectories of torch.optim's Adagrad, RMSprop, Adam and AdamW, and torch's
learning-rate schedulers, for tests/test_adaptive_torch.py (chapter 11).

gdutils' AdaGrad, RMSProp, Adam and AdamW promise torch.optim's single-tensor CPU update
(the default for tensors on the CPU): this script runs torch itself and stores every
iterate, so the tests compare gdutils with torch without torch being installed. The
problems, each run with a constant learning rate and with a cosine schedule after a
linear warm-up (the script's own closed form, set in torch's param_group before each step):

- the bowl x^2 + 100 y^2 from (1, 1);
- a rotated 3-D quadratic p^T A p / 2 (eigenvalues 1, 10 and 100, eigenvectors from a
  seeded QR: the matrix of tools/torch_reference.py);
- Rosenbrock's function from (-1.2, 1);
- a 12-D diagonal quadratic (curvatures 1 to 100), long enough for torch's vectorised
  kernels, which fuse multiply-adds.

The schedules section stores the values of torch.optim.lr_scheduler's StepLR,
ExponentialLR, CosineAnnealingLR and LinearLR followed by CosineAnnealingLR
(SequentialLR), for gdutils.schedules' closed forms.

Torch computes the gradients itself, by autograd; the tests use gdutils' own gradients.
Everything is float64, and the file stores each number by repr (json), so it round-trips.

torch is not a dependency of the book. Re-create the file in a scratch environment:

    python3 -m venv /tmp/torchenv
    /tmp/torchenv/bin/pip install torch==2.13.0 numpy   # the CPU wheel pinned here
    /tmp/torchenv/bin/python tools/torch_adaptive_reference.py           # rewrites the fixture
    /tmp/torchenv/bin/python tools/torch_adaptive_reference.py --check   # compares, writes nothing

The script needs only torch and numpy (not gdutils); run it from the repository's root.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import torch

import torch_fixture

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "torch_adaptive.json"
OPTIMIZERS = {"Adagrad": torch.optim.Adagrad, "RMSprop": torch.optim.RMSprop, "Adam": torch.optim.Adam,
              "AdamW": torch.optim.AdamW}


def rotated_matrix() -> list[list[float]]:
    """A = Q diag(1, 10, 100) Q^T, Q orthogonal from the QR of a seeded Gaussian matrix."""
    q, _ = np.linalg.qr(np.random.default_rng(10).normal(size=(3, 3)))
    a = q @ np.diag([1.0, 10.0, 100.0]) @ q.T
    a = (a + a.T) / 2  # exactly symmetric
    return a.tolist()


def objective(spec: dict):
    """f as a torch function of one float64 tensor, from the case's description."""
    if spec["kind"] == "bowl":  # a x^2 + b y^2
        a, b = spec["a"], spec["b"]
        return lambda p: a * p[0] * p[0] + b * p[1] * p[1]
    if spec["kind"] == "quadratic":  # p^T A p / 2
        matrix = torch.tensor(spec["A"], dtype=torch.float64)
        return lambda p: 0.5 * p @ (matrix @ p)
    if spec["kind"] == "rosenbrock":  # (1 - x)^2 + 100 (y - x^2)^2
        return lambda p: (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2
    raise ValueError(spec["kind"])


def learning_rate(rate, k: int) -> float:
    """The rate of step k: a number, or {"eta0", "n_steps", "warmup", "eta_min"} for a cosine
    after a linear warm-up, eta0 (k + 1) / W for k < W, then
    eta_min + (eta0 - eta_min) (1 + cos(pi (k - W) / (K - W))) / 2."""
    if not isinstance(rate, dict):
        return rate
    eta0, total, warm, low = rate["eta0"], rate["n_steps"], rate["warmup"], rate["eta_min"]
    if k < warm:
        return eta0 * (k + 1) / warm
    phase = min(k - warm, total - warm) / (total - warm)
    return low + (eta0 - low) * (1 + math.cos(math.pi * phase)) / 2


def run(case: dict) -> tuple[list[float], list[list[float]]]:
    """The torch optimizer on the case: the learning rates used and every iterate (x_0 first)."""
    f = objective(case["objective"])
    p = torch.tensor(case["x0"], dtype=torch.float64, requires_grad=True)
    opt = OPTIMIZERS[case["optimizer"]]([p], lr=learning_rate(case["learning_rate"], 0), **case["options"])
    rates, path = [], [p.detach().tolist()]
    for k in range(case["n_steps"]):
        eta = learning_rate(case["learning_rate"], k)
        opt.param_groups[0]["lr"] = eta
        opt.zero_grad()
        f(p).backward()
        opt.step()
        rates.append(eta)
        path.append(p.detach().tolist())
    return rates, path


def cases() -> list[dict]:
    bowl = {"kind": "bowl", "a": 1.0, "b": 100.0}
    rotated = {"kind": "quadratic", "A": rotated_matrix()}
    diagonal = {"kind": "quadratic", "A": np.diag(np.logspace(0, 2, 12)).tolist()}
    rosenbrock = {"kind": "rosenbrock"}
    problems = [("bowl", bowl, [1.0, 1.0], 100), ("rotated", rotated, [1.0, -2.0, 0.5], 100),
                ("rosenbrock", rosenbrock, [-1.2, 1.0], 300),
                ("diagonal 12-D", diagonal, np.linspace(-1.0, 1.0, 12).tolist(), 100)]
    optimizers = [("Adagrad", 0.5, {}), ("RMSprop", 0.01, {}), ("Adam", 0.05, {}), ("AdamW", 0.05, {}),
                  ("Adam", 0.05, {"amsgrad": True}), ("AdamW", 0.05, {"weight_decay": 0.5})]
    out = []
    for problem, spec, x0, n in problems:
        for name, eta, options in optimizers:
            label = name + "".join(f" {key}={value}" for key, value in options.items())
            cosine = {"eta0": eta, "n_steps": n, "warmup": n // 10, "eta_min": eta / 100}
            for rate, how in [(eta, "constant"), (cosine, "cosine with warm-up")]:
                out.append(dict(name=f"{problem} {label} {how}", objective=spec, x0=x0, optimizer=name,
                                options=options, learning_rate=rate, n_steps=n))
    return out


def scheduler_values() -> dict:
    """torch.optim.lr_scheduler's learning rates for steps 0..n-1 (the rate each step uses)."""
    def values(make, n: int, lr: float = 0.1) -> list[float]:
        p = torch.zeros(1, requires_grad=True)
        opt = torch.optim.SGD([p], lr=lr)
        sched = make(opt)
        out = []
        for _ in range(n):
            out.append(opt.param_groups[0]["lr"])
            opt.step()
            sched.step()
        return out

    lr_scheduler = torch.optim.lr_scheduler

    def warm_cosine(opt):
        warm = lr_scheduler.LinearLR(opt, start_factor=1 / 10, end_factor=1.0, total_iters=9)
        cosine = lr_scheduler.CosineAnnealingLR(opt, T_max=90, eta_min=0.001)
        return lr_scheduler.SequentialLR(opt, [warm, cosine], milestones=[10])

    return {
        "step": {"eta0": 0.1, "gamma": 0.5, "every": 30, "values": values(
            lambda o: lr_scheduler.StepLR(o, step_size=30, gamma=0.5), 100)},
        "exponential": {"eta0": 0.1, "gamma": 0.97, "values": values(
            lambda o: lr_scheduler.ExponentialLR(o, gamma=0.97), 100)},
        "cosine": {"eta0": 0.1, "n_steps": 100, "eta_min": 0.001, "warmup": 0, "values": values(
            lambda o: lr_scheduler.CosineAnnealingLR(o, T_max=100, eta_min=0.001), 101)},
        "cosine with warm-up": {"eta0": 0.1, "n_steps": 100, "eta_min": 0.001, "warmup": 10,
                                "values": values(warm_cosine, 101)},
    }


def build() -> dict:
    out = {"generator": "tools/torch_adaptive_reference.py", "torch": torch.__version__,
           "schedules": scheduler_values(), "cases": []}
    for case in cases():
        rates, path = run(case)
        out["cases"].append({**case, "learning_rates": rates, "path": path})
    return out


def summary(data: dict) -> str:
    return f"{len(data['cases'])} runs, {sum(len(c['path']) for c in data['cases'])} iterates"


def main(argv: list[str] | None = None) -> int:
    return torch_fixture.main(__doc__, build, FIXTURE, summary, argv=argv)


if __name__ == "__main__":
    sys.exit(main())
