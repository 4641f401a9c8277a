"""Self-checks for the exercises of chapter 4 (The paraboloid)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .common import Mistake, call_on_copies, conclude, start_check
from .. import validation
from .core import CheckFailed, call, diagnose, evaluate, passed


def check_largest_stable_rate(largest_stable_rate: Callable, *, seed: int | None = None) -> None:
    """Exercise 4.1: largest_stable_rate(a, b, c) must be 2 / L for f = a x^2 + b xy + c y^2.

    L is the largest eigenvalue of the Hessian [[2a, b], [b, 2c]].
    """
    name, rng, seed = start_check("largest_stable_rate", largest_stable_rate, seed)
    rows = []
    for _ in range(10):
        a, c = 10 ** rng.uniform(-1, 1, size=2)
        b = rng.uniform(0.2, 0.9) * 2 * np.sqrt(a * c) * rng.choice([-1.0, 1.0])  # b^2 < 4ac: a bowl
        rows.append((float(a), float(b), float(c)))
    got = evaluate(name, largest_stable_rate, rows)
    a, b, c = (np.array(col) for col in zip(*rows))
    mean, half_gap = a + c, np.sqrt((a - c) ** 2 + b * b)  # eigenvalues mean +- half_gap
    big, small = mean + half_gap, mean - half_gap
    conclude(
        name, "2 / L on 10 random bowls", got, 2 / big,
        [
            Mistake("that is 1 / L: a safe learning rate, but not the largest stable one (the bound is 2 / L).",
             1 / big),
            Mistake("you used the smallest curvature; the largest one, L, limits the learning rate.", 2 / small),
            Mistake("the cross term b xy is missing: L is the largest eigenvalue of the Hessian "
             "[[2a, b], [b, 2c]], not just its largest diagonal entry.", 2 / (2 * np.maximum(a, c))),
            Mistake("the curvature of a x^2 is 2a (the second derivative), not a.", 1 / big * 2 * 2),
            Mistake("that is L itself; the largest stable learning rate is 2 / L.", big),
        ],
        rtol=1e-9, atol=0, seed=seed,
        fallback="not 2 / L for random bowls a x^2 + b xy + c y^2. Which curvature limits eta?",
    )


def check_descent_path(descent_path: Callable, *, seed: int | None = None) -> None:
    """Exercise 4.2: descent_path(grad, start, learning_rate, n_steps) returns all n_steps + 1 points."""
    name, rng, seed = start_check("descent_path", descent_path, seed)
    for _ in range(5):
        a, c = rng.uniform(0.5, 3.0, size=2)
        b = rng.uniform(-0.5, 0.5) * np.sqrt(a * c)
        H = np.array([[2 * a, b], [b, 2 * c]])
        eta = float(rng.uniform(0.2, 0.8) / np.linalg.eigvalsh(H)[-1])
        n = int(rng.integers(4, 12))
        start = rng.uniform(2.0, 6.0, size=2) * rng.choice([-1.0, 1.0], size=2)
        grad = lambda p, H=H: H @ np.asarray(p, dtype=float)  # noqa: E731 - a one-line gradient

        raw = call_on_copies(name, descent_path, grad, start, eta, n, what="the start, with `p -= ...`",
                             example="p = p - eta * grad(p), or copy the start first")
        if raw is None:
            raise CheckFailed(f"{name} returned None: is a `return` missing?")
        try:
            path = np.array(raw, dtype=float)
        except (TypeError, ValueError):
            raise CheckFailed(f"{name} must return the points as an array of shape (n_steps + 1, 2)") from None
        M = np.eye(2) - eta * H  # p_k = M^k p_0
        expected = np.array([np.linalg.matrix_power(M, k) @ start for k in range(n + 1)])
        if path.shape != expected.shape:
            if path.shape == (n, 2):
                hint = "one point short: the path starts with the start point, then one point per step."
            elif path.shape == (n + 2, 2):
                hint = "one point too many: n_steps steps give n_steps + 1 points, the start included."
            elif path.shape == (2,):
                hint = "you returned only the final point; return every point visited, start included."
            else:
                hint = f"wrong shape {path.shape}: expected (n_steps + 1, 2) = {expected.shape}."
            raise CheckFailed(f"{name}: {hint}")
        if np.allclose(path, expected[-1], rtol=1e-9, atol=1e-12) or (
                np.allclose(path[1:], path[-1]) and not np.allclose(expected[1:], expected[-1])):
            raise CheckFailed(f"{name}: the rows repeat one point: you appended the same array each time "
                              "and then changed it in place. Append a new array per step (p = p - ...).")
        uphill = np.array([np.linalg.matrix_power(np.eye(2) + eta * H, k) @ start for k in range(n + 1)])
        diagnose(
            name, path, expected,
            [Mistake("you stepped uphill: the update subtracts the gradient, p <- p - eta * grad(p).", uphill),
             Mistake("the path is off by one step: its first point must be the start itself.",
                     np.array([np.linalg.matrix_power(M, k + 1) @ start for k in range(n + 1)]))],
            rtol=1e-9, atol=1e-12, seed=seed,
            fallback="the points do not follow p_(k+1) = p_k - eta * grad(p_k) on a random bowl",
        )
    passed(name, "every point right on 5 random bowls")


class _Scripted:
    """A stand-in for a random generator: its first ``zeros`` candidate points are (0, 0), the next
    ones ``then``; after ``limit`` points it stops the loop (raises _Endless).

    It counts the numbers drawn, so a candidate point drawn as two single numbers counts once, like one
    drawn with size=2.
    """

    def __init__(self, zeros: int, then: tuple[int, int] = (2, -1), limit: int = 1000):
        self.numbers, self.zeros, self.then, self.limit = 0, zeros, then, limit

    @property
    def points(self) -> int:
        """How many candidate points (x, y) have been drawn so far."""
        return -(-self.numbers // 2)

    def _number(self) -> np.int64:
        j = self.numbers
        self.numbers += 1
        if self.points > self.limit:
            raise _Endless()
        return np.int64(0 if j // 2 < self.zeros else self.then[j % 2])

    def integers(self, low, high=None, size=None, *args, **kwargs):
        if size is None:
            return self._number()
        return np.array([self._number() for _ in range(int(np.prod(size)))], dtype=np.int64).reshape(size)


class _Endless(Exception):
    """Raised by _Stuck once a loop has asked it for far more draws than allowed."""


def _reference_start(rng: np.random.Generator, n: int, reject) -> tuple[int, int] | None:
    for _ in range(100):
        p = rng.integers(-n, n + 1, size=2)
        if not reject(p):
            return int(p[0]), int(p[1])
    return None


def check_random_start(random_start: Callable, *, seed: int | None = None) -> None:
    """Exercise 4.3: random_start(rng, n) draws (x, y) from {-n..n}^2 until it is not the origin; only
    when 100 draws in a row were the origin does it give up with a RuntimeError."""
    name, _, seed = start_check("random_start", random_start, seed)
    _check_draws(name, random_start, first=True)  # a loop that gives up too soon fails here, whatever the seed
    got, right, nonzero = [], [], []
    for i in range(60):
        n = 1 + i % 3  # small grids: the origin and zero coordinates come up often
        raw = call(name, random_start, np.random.default_rng([seed, i]), n)
        if validation.real_result_problem(raw, None) is not None or np.size(raw) != 2:  # the one test of a result
            raise CheckFailed(f"{name} must return a point (x, y), got {raw!r:.60}")
        x, y = (float(c) for c in np.asarray(raw, dtype=float).reshape(-1))
        if (x, y) == (0.0, 0.0):
            raise CheckFailed(f"{name}: it returned the origin (0, 0): reject it and draw again.")
        if not (x.is_integer() and y.is_integer() and abs(x) <= n and abs(y) <= n):
            raise CheckFailed(f"{name}({n}) returned ({x:g}, {y:g}): draw integers from -n to n, "
                              "rng.integers(-n, n + 1, size=2).")
        got.append((x, y))
        right.append(_reference_start(np.random.default_rng([seed, i]), n, lambda p: not p.any()))
        nonzero.append(_reference_start(np.random.default_rng([seed, i]), n, lambda p: not p.all()))
    got_a = np.array(got)
    if not any(0.0 in p for p in got) and np.array_equal(got_a, np.array(nonzero, dtype=float)):
        raise CheckFailed(f"{name}: you reject every start with a zero coordinate, such as (0, 3); "
                          "only (0, 0) is the minimum. Reject a draw only when both coordinates are 0.")
    diagnose(
        name, got_a, np.array(right, dtype=float), [],
        rtol=0, atol=0, seed=seed,
        fallback="the starts differ from drawing p = rng.integers(-n, n + 1, size=2) until p is not (0, 0)",
    )
    _check_draws(name, random_start, first=False)
    stuck = _Scripted(zeros=10**6)
    try:
        raw = random_start(stuck, 3)
    except _Endless:
        raise CheckFailed(f"{name}: your loop has no exit: with a generator that always draws (0, 0) it "
                          "never stops. Make at most 100 draws, then raise a RuntimeError.") from None
    except Exception as exc:  # giving up with a RuntimeError is the right behaviour
        if stuck.points > 100:
            raise CheckFailed(f"{name}: it gave up after {stuck.points} draws; the exercise asks for at "
                              "most 100.") from None
        if not isinstance(exc, RuntimeError):
            raise CheckFailed(f"{name}: with a generator that only draws (0, 0) it stopped with "
                              f"{type(exc).__name__}: {exc}. After 100 draws, raise a RuntimeError "
                              "with a message that says why.") from None
    else:
        raise CheckFailed(f"{name}: with a generator that only draws (0, 0) it returned {raw!r:.40} "
                          "instead of raising an error after 100 draws.")
    passed(name, "never (0, 0), and it gives up in time")


ZERO_RUNS = (1, 2, 3, 7, 50, 99)
"""How many (0, 0) candidates come before a valid one in the check of exercise 4.3: all fewer than 100."""


def _check_draws(name: str, random_start: Callable, first: bool) -> None:
    """With k candidates (0, 0) before (2, -1), k < 100, the answer is (2, -1) after k + 1 draws.

    ``first``: only a RuntimeError raised too soon is reported (before any other test, so that it
    fails on every seed); the other mistakes are left to the tests that name them.
    """
    for k in ZERO_RUNS:
        rng = _Scripted(zeros=k)
        try:
            raw = random_start(rng, 3)
        except _Endless:
            raise CheckFailed(f"{name}: with a generator whose first {k} candidates are (0, 0) it never "
                              "stopped, though the next candidate was fine.") from None
        except NotImplementedError:
            call(name, random_start, _Scripted(zeros=0), 3)  # reports the stub as not attempted
            raise
        except Exception as exc:  # noqa: BLE001 - the reader's loop stopped too early
            if first and not isinstance(exc, RuntimeError):
                return
            raise CheckFailed(f"{name}: with a generator whose first {k} candidates are (0, 0) it stopped "
                              f"with {type(exc).__name__} after {rng.points} draws. Keep drawing while the "
                              "candidate is (0, 0), up to 100 draws: only when all 100 were (0, 0) give "
                              "up.") from None
        if first:
            continue
        got = None if validation.real_result_problem(raw, None) else np.asarray(raw, dtype=float).reshape(-1)
        if got is None or got.tolist() != [2.0, -1.0] or rng.points != k + 1:
            raise CheckFailed(f"{name}: with a generator whose first {k} candidates are (0, 0) and the next "
                              f"(2, -1), it returned {raw!r:.40} after {rng.points} draws: return the first "
                              "candidate that is not (0, 0).")
