"""Chapter 4's self-checks: right answers pass on many seeds, each advertised mistake gets its hint,
near misses and hard-coded answers fail, stubs are 'not attempted yet'."""

import numpy as np
import pytest

from gdutils.checks import (
    CheckFailed,
    check_descent_path,
    check_largest_stable_rate,
    check_random_start,
)
from check_cases import SEEDS, assert_never_passes, assert_not_attempted, right_and_mistake_tests


# --- reference answers, written independently of the checks --------------------------------------

def rate_by_eigenvalues(a, b, c):
    return 2 / np.linalg.eigvalsh(np.array([[2 * a, b], [b, 2 * c]])).max()


def rate_by_formula(a, b, c):
    # largest root of t^2 - 2(a + c) t + (4ac - b^2) = 0
    return 2 / ((a + c) + np.sqrt((a + c) ** 2 - (4 * a * c - b * b)))


def path_list(grad, start, eta, n):
    p = np.array(start, dtype=float)
    points = [p]
    for _ in range(n):
        p = p - eta * np.asarray(grad(p))
        points.append(p)
    return np.array(points)


def path_prealloc(grad, start, eta, n):
    out = np.empty((n + 1, 2))
    out[0] = start
    for k in range(n):
        out[k + 1] = out[k] - eta * grad(out[k])
    return out


def start_right(rng, n):
    for _ in range(100):
        p = rng.integers(-n, n + 1, size=2)
        if p[0] != 0 or p[1] != 0:
            return int(p[0]), int(p[1])
    raise RuntimeError("drew (0, 0) 100 times in a row")


def start_as_array(rng, n):
    for _ in range(100):
        p = rng.integers(-n, n + 1, size=2)
        if np.any(p):
            return p
    raise RuntimeError("no luck")


def start_two_numbers(rng, n):
    """Draws x and y one at a time: two numbers per candidate point, still at most 100 points."""
    for _ in range(100):
        x, y = rng.integers(-n, n + 1), rng.integers(-n, n + 1)
        if x != 0 or y != 0:
            return [x, y]
    raise RuntimeError("drew (0, 0) 100 times in a row")


def start_gives_up_with_value_error(rng, n):
    for _ in range(100):
        p = rng.integers(-n, n + 1, size=2)
        if p.any():
            return p
    raise ValueError("no luck")


RIGHT = [
    (check_largest_stable_rate, rate_by_eigenvalues),
    (check_largest_stable_rate, rate_by_formula),
    (check_descent_path, path_list),
    (check_descent_path, path_prealloc),
    (check_random_start, start_right),
    (check_random_start, start_as_array),
    (check_random_start, start_two_numbers),
]


def test_right_answers_pass_with_fresh_random_data(capsys):
    for _ in range(5):
        check_largest_stable_rate(rate_by_eigenvalues)
        check_descent_path(path_list)
        check_random_start(start_right)
    assert capsys.readouterr().out.count("checks passed") == 15


# --- the advertised mistakes ----------------------------------------------------------------------

def hessian_eigs(a, b, c):
    return np.linalg.eigvalsh(np.array([[2 * a, b], [b, 2 * c]]))


def path_in_place(grad, start, eta, n):
    p = start
    points = [p.copy()]
    for _ in range(n):
        p -= eta * grad(p)  # modifies the caller's start
        points.append(p.copy())
    return np.array(points)


def path_same_object(grad, start, eta, n):
    p = np.array(start, dtype=float)
    points = [p]
    for _ in range(n):
        p -= eta * grad(p)  # every entry of points is this one array
        points.append(p)
    return np.array(points)


def path_uphill(grad, start, eta, n):
    return path_list(lambda p: -np.asarray(grad(p)), start, eta, n)


def start_no_exit(rng, n):
    while True:
        p = rng.integers(-n, n + 1, size=2)
        if p.any():
            return p


def start_no_zero_coordinate(rng, n):
    for _ in range(100):
        p = rng.integers(-n, n + 1, size=2)
        if p.all():
            return p
    raise RuntimeError("no luck")


def start_any(rng, n):
    return rng.integers(-n, n + 1, size=2)


def start_never_gives_up(rng, n):
    for _ in range(500):
        p = rng.integers(-n, n + 1, size=2)
        if p.any():
            return p
    raise RuntimeError("no luck")


def start_returns_origin_when_stuck(rng, n):
    for _ in range(100):
        p = rng.integers(-n, n + 1, size=2)
        if p.any():
            return p
    return p


MISTAKES = [
    (check_largest_stable_rate, lambda a, b, c: 1 / hessian_eigs(a, b, c).max(), "that is 1 / L"),
    (check_largest_stable_rate, lambda a, b, c: 2 / hessian_eigs(a, b, c).min(), "smallest curvature"),
    (check_largest_stable_rate, lambda a, b, c: 2 / (2 * max(a, c)), "cross term b xy is missing"),
    (check_largest_stable_rate, lambda a, b, c: 2 / (hessian_eigs(a, b, c).max() / 2), "is 2a"),
    (check_largest_stable_rate, lambda a, b, c: hessian_eigs(a, b, c).max(), "that is L itself"),
    (check_largest_stable_rate, lambda a, b, c: None, "returned None"),
    (check_descent_path, path_in_place, "changes an array it was given (the start"),
    (check_descent_path, path_same_object, "the rows repeat one point"),
    (check_descent_path, path_uphill, "stepped uphill"),
    (check_descent_path, lambda g, s, eta, n: path_list(g, s, eta, n)[1:], "one point short"),
    (check_descent_path, lambda g, s, eta, n: path_list(g, s, eta, n + 1), "one point too many"),
    (check_descent_path, lambda g, s, eta, n: path_list(g, s, eta, n)[-1], "only the final point"),
    (check_descent_path, lambda g, s, eta, n: path_list(g, s, eta, n + 1)[1:], "off by one step"),
    (check_descent_path, lambda g, s, eta, n: None, "returned None"),
    (check_random_start, start_no_exit, "your loop has no exit"),
    (check_random_start, start_no_zero_coordinate, "reject every start with a zero coordinate"),
    (check_random_start, start_any, "returned the origin"),
    (check_random_start, start_never_gives_up, "gave up after 500 draws"),
    (check_random_start, start_returns_origin_when_stuck, "instead of raising an error"),
    (check_random_start, start_gives_up_with_value_error, "raise a RuntimeError"),
    (check_random_start, lambda rng, n: rng.uniform(-n, n, size=2), "draw integers from -n to n"),
]


test_right_answers_pass_on_many_seeds, test_each_common_mistake_gets_its_hint = right_and_mistake_tests(
    RIGHT, MISTAKES, SEEDS)


@pytest.mark.parametrize("check", [check_largest_stable_rate, check_descent_path, check_random_start])
def test_a_stub_is_reported_as_not_attempted(check):
    assert_not_attempted(check)


@pytest.mark.parametrize(
    "check, answer",
    [
        # a learning rate just inside the bound is stable, but it is not the largest one
        (check_largest_stable_rate, lambda a, b, c: 0.999 * rate_by_eigenvalues(a, b, c)),
        # a path with one step slightly too long
        (check_descent_path, lambda g, s, eta, n: path_list(g, s, 1.001 * eta, n)),
        # a start from a different draw: rejects (0, 0) but draws the coordinates one at a time
        (check_random_start, lambda rng, n: start_right(rng, n)[::-1]),
    ],
)
def test_near_misses_never_pass(check, answer):
    assert_never_passes(check, answer, range(100))


def test_hard_coded_answers_fail():
    with pytest.raises(CheckFailed, match="seed=3"):
        check_largest_stable_rate(lambda a, b, c: 0.1, seed=3)
    with pytest.raises(CheckFailed):
        check_random_start(lambda rng, n: (1, 0), seed=3)
    fixed = path_list(lambda p: 2 * p, np.array([3.0, -2.0]), 0.1, 6)
    with pytest.raises(CheckFailed):
        check_descent_path(lambda g, s, eta, n: fixed, seed=3)


def start_with_draws(count):
    """The right loop with another number of draws before giving up."""
    def random_start(rng, n):
        for _ in range(count):
            p = rng.integers(-n, n + 1, size=2)
            if p[0] != 0 or p[1] != 0:
                return int(p[0]), int(p[1])
        raise RuntimeError(f"drew (0, 0) {count} times in a row")
    return random_start


def start_skips_the_first_valid(rng, n):  # never returns the first valid candidate
    found = 0
    for _ in range(100):
        p = rng.integers(-n, n + 1, size=2)
        if p[0] != 0 or p[1] != 0:
            found += 1
            if found == 2:
                return int(p[0]), int(p[1])
    raise RuntimeError("drew (0, 0) 100 times in a row")


@pytest.mark.parametrize("count", [2, 3, 10, 99])
def test_a_loop_that_gives_up_too_soon_never_passes(count):
    # a 2-draw loop used to pass on about 3 seeds in 4: now every seed tries runs of k < 100 zeros
    for seed in range(40):
        with pytest.raises(CheckFailed, match=r"first \d+ candidates are \(0, 0\) it stopped with RuntimeError"):
            check_random_start(start_with_draws(count), seed=seed)


def test_a_loop_that_draws_101_times_fails():
    with pytest.raises(CheckFailed, match="gave up after 101 draws"):
        check_random_start(start_with_draws(101), seed=0)


def test_the_first_valid_candidate_is_the_answer():
    with pytest.raises(CheckFailed):
        check_random_start(start_skips_the_first_valid, seed=0)


class ZerosThen:
    """A generator whose first k candidates are (0, 0), then (x, y): an oracle independent of the check."""

    def __init__(self, k, point):
        self.k, self.point, self.calls = k, point, 0

    def integers(self, low, high=None, size=None):
        self.calls += 1
        return np.array([0, 0]) if self.calls <= self.k else np.array(self.point)


def test_the_chapters_answer_survives_any_run_of_zeros_below_100():
    for k in (0, 1, 2, 5, 50, 98, 99):
        rng = ZerosThen(k, (-3, 1))
        assert start_right(rng, 3) == (-3, 1) and rng.calls == k + 1
        with pytest.raises(RuntimeError):
            start_with_draws(2)(ZerosThen(max(k, 2), (1, 1)), 3)
    with pytest.raises(RuntimeError):
        start_right(ZerosThen(100, (1, 1)), 3)
    from gdutils.checks.paraboloid import ZERO_RUNS
    assert 2 in ZERO_RUNS and max(ZERO_RUNS) == 99 and len(ZERO_RUNS) >= 5
