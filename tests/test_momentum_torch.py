"""gdutils.optimizers.Momentum against torch.optim.SGD's own trajectories (chapter 10).

The oracle is tests/fixtures/torch_sgd_momentum.json, written by tools/torch_reference.py
with torch 2.13.0 (its docstring says how to re-create it); torch is not needed here.
Torch computed its gradients by autograd, gdutils uses its own, and torch may fuse a
multiply and an add: the iterates agree to rounding, which the tests bound by 1e-12
relative. Relative to what: the rounding errors of step k are of the order of eps times
the iterates so far, so the difference at step k is divided by the largest |x_j|, j <= k,
of torch's run (where an oscillating run passes close to 0, |x_k| itself can be thousands of
times smaller than the errors it carries from larger iterates).
"""

import json
from pathlib import Path

import numpy as np
import pytest

from gdutils import Momentum, decaying_learning_rate, fit_linear, gradient_descent
from gdutils.objectives import ROSENBROCK, bowl, quadratic_bowl

FIXTURE = Path(__file__).parent / "fixtures" / "torch_sgd_momentum.json"
REFERENCE = json.loads(FIXTURE.read_text())
CASES = REFERENCE["cases"]
RTOL = 1e-12


def gradient(spec: dict):
    if spec["kind"] == "bowl":
        return bowl(spec["a"], spec["b"]).grad
    if spec["kind"] == "quadratic":
        return quadratic_bowl(spec["A"]).grad
    assert spec["kind"] == "rosenbrock"
    return ROSENBROCK.grad


def learning_rate(rate):
    return decaying_learning_rate(rate["eta0"], rate["tau"]) if isinstance(rate, dict) else rate


def relative_differences(case: dict) -> np.ndarray:
    """|x_k - t_k| / max_{j <= k} |t_j| for every iterate, t_k torch's x_k."""
    opt = Momentum(learning_rate(case["learning_rate"]), momentum=case["momentum"], nesterov=case["nesterov"])
    run = gradient_descent(gradient(case["objective"]), np.array(case["x0"]), opt, case["n_steps"])
    torch_path = np.array(case["path"])
    assert run.path.shape == torch_path.shape
    np.testing.assert_array_equal(run.step_sizes, case["learning_rates"])  # the same schedule, bit for bit
    scale = np.maximum.accumulate(np.linalg.norm(torch_path, axis=1))
    return np.linalg.norm(run.path - torch_path, axis=1) / scale


def test_the_fixture_covers_what_chapter_10_promises():
    kinds = {(c["objective"]["kind"], c["nesterov"], isinstance(c["learning_rate"], dict)) for c in CASES}
    for kind in ["bowl", "quadratic", "rosenbrock"]:
        assert (kind, False, False) in kinds
        assert (kind, True, False) in kinds
    assert ("quadratic", False, True) in kinds and ("quadratic", True, True) in kinds
    assert ("rosenbrock", False, True) in kinds
    assert REFERENCE["torch"].startswith("2.13.0")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_momentum_follows_torch_sgd_to_1e_12(case):
    worst = relative_differences(case).max()
    assert worst <= RTOL, f"{case['name']}: largest relative difference {worst:.3g}"


def test_the_runs_move_far_enough_to_test_something():
    """Each run changes its iterate by far more than the tolerance (a run that stood still would pass)."""
    for case in CASES:
        path = np.array(case["path"])
        assert np.linalg.norm(path[-1] - path[0]) > 0.1 * np.linalg.norm(path[0]), case["name"]


def test_largest_relative_difference_over_every_case(capsys):
    worst = max(relative_differences(case).max() for case in CASES)
    assert worst <= RTOL
    with capsys.disabled():
        print(f"\nlargest relative difference from torch.optim.SGD: {worst:.3g}")


def test_fit_linear_full_batch_with_momentum_is_gradient_descent_on_the_mse():
    """In fit_linear too: full batch makes one Momentum step per epoch on the MSE gradient."""
    rng = np.random.default_rng(5)
    x = rng.uniform(-1, 1, size=50)
    y = 2 * x - 1 + rng.normal(0, 0.1, size=50)
    A = np.column_stack([x, np.ones(50)])
    for nesterov in [False, True]:
        fit = fit_linear(x, y, learning_rate=Momentum(0.1, momentum=0.8, nesterov=nesterov), epochs=60)
        run = gradient_descent(lambda p: 2 / 50 * A.T @ (A @ p - y), np.zeros(2),
                               Momentum(0.1, momentum=0.8, nesterov=nesterov), 60)
        np.testing.assert_allclose(fit.path, run.path, rtol=1e-12, atol=1e-14)


def test_the_fixture_tells_the_conventions_apart():
    """With a schedule, v <- beta v + eta_k g, x <- x - v (eta inside the velocity) is another method."""
    case = next(c for c in CASES if c["name"] == "rotated heavy ball decaying")
    grad, rates = gradient(case["objective"]), case["learning_rates"]
    x, v = np.array(case["x0"]), np.zeros(3)
    for k in range(case["n_steps"]):
        v = case["momentum"] * v + rates[k] * grad(x)
        x = x - v
    torch_last = np.array(case["path"][-1])
    assert np.linalg.norm(x - torch_last) > 1e-3 * np.linalg.norm(torch_last)
