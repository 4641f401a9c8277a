"""Reference trajectories of torch.optim.SGD with momentum, for tests/test_momentum_torch.py (chapter 10).

gdutils.optimizers.Momentum promises torch.optim.SGD's update (dampening 0, no weight
decay): this script runs torch itself on a few problems and stores every iterate, so the
tests can compare gdutils with torch without torch being installed. The problems:

- the bowl x^2 + 100 y^2 from (1, 1), heavy ball with chapter 10's optimal parameters
  (lr = 2/121, momentum = 81/121) and Nesterov (lr = 0.004, momentum = 0.9);
- a rotated 3-D quadratic p^T A p / 2 (eigenvalues 1, 10 and 100, eigenvectors from a
  seeded QR), heavy ball and Nesterov, with a constant and a decaying learning rate
  eta_k = eta0 / (1 + k / tau) (set in torch's param_group before each step);
- Rosenbrock's function from (-1.2, 1), heavy ball and Nesterov, constant and decaying.

Torch computes the gradients itself, by autograd; the tests use gdutils' own gradients.
Everything is float64, and the file stores each number by repr (json), so it round-trips.

torch is not a dependency of the book. Re-create the file in a scratch environment:

    python3 -m venv /tmp/torchenv
    /tmp/torchenv/bin/pip install torch==2.13.0 numpy   # the CPU wheel pinned here
    /tmp/torchenv/bin/python tools/torch_reference.py           # rewrites the fixture
    /tmp/torchenv/bin/python tools/torch_reference.py --check   # compares, writes nothing

The script needs only torch and numpy (not gdutils); run it from the repository's root.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import torch

import torch_fixture

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "torch_sgd_momentum.json"


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
    """The learning rate of step k: a number, or {"eta0", "tau"} for eta0 / (1 + k / tau)."""
    if isinstance(rate, dict):
        return rate["eta0"] / (1.0 + k / rate["tau"])
    return rate


def run(case: dict) -> tuple[list[float], list[list[float]]]:
    """torch.optim.SGD on the case: the learning rates used and every iterate (x_0 first)."""
    f = objective(case["objective"])
    p = torch.tensor(case["x0"], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=learning_rate(case["learning_rate"], 0), momentum=case["momentum"],
                          dampening=0, nesterov=case["nesterov"], weight_decay=0)
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
    rosenbrock = {"kind": "rosenbrock"}
    decay = {"eta0": 0.015, "tau": 50.0}
    return [
        dict(name="bowl heavy ball optimal", objective=bowl, x0=[1.0, 1.0], learning_rate=2 / 121,
             momentum=81 / 121, nesterov=False, n_steps=120),
        dict(name="bowl nesterov", objective=bowl, x0=[1.0, 1.0], learning_rate=0.004, momentum=0.9,
             nesterov=True, n_steps=120),
        dict(name="rotated heavy ball", objective=rotated, x0=[1.0, -2.0, 0.5], learning_rate=0.015,
             momentum=0.7, nesterov=False, n_steps=100),
        dict(name="rotated nesterov", objective=rotated, x0=[1.0, -2.0, 0.5], learning_rate=0.012,
             momentum=0.7, nesterov=True, n_steps=100),
        dict(name="rotated heavy ball decaying", objective=rotated, x0=[1.0, -2.0, 0.5],
             learning_rate=decay, momentum=0.8, nesterov=False, n_steps=100),
        dict(name="rotated nesterov decaying", objective=rotated, x0=[1.0, -2.0, 0.5],
             learning_rate=decay, momentum=0.8, nesterov=True, n_steps=100),
        dict(name="rosenbrock heavy ball", objective=rosenbrock, x0=[-1.2, 1.0], learning_rate=0.0005,
             momentum=0.9, nesterov=False, n_steps=200),
        dict(name="rosenbrock nesterov", objective=rosenbrock, x0=[-1.2, 1.0], learning_rate=0.0005,
             momentum=0.9, nesterov=True, n_steps=200),
        dict(name="rosenbrock heavy ball decaying", objective=rosenbrock, x0=[-1.2, 1.0],
             learning_rate={"eta0": 0.001, "tau": 100.0}, momentum=0.9, nesterov=False, n_steps=200),
    ]


def build() -> dict:
    out = {"generator": "tools/torch_reference.py", "torch": torch.__version__, "cases": []}
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
