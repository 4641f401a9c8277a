"""Self-checks for the exercises of chapter 13 (A classifier on real data)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .. import validation as v
from .common import Mistake, call_on_copies, conclude, start_check
from .core import CheckFailed, as_real, short


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # no overflow for any z


def _array_result(name: str, value: object, shape: tuple[int, ...], args: str) -> np.ndarray:
    """The reader's result as a float array of the given shape, or a hint (``validation.real_result_problem``)."""
    problem = v.real_result_problem(value, shape)
    if problem == "none":
        raise CheckFailed(f"{name}({args}) returned None: is a `return` missing?")
    if problem is not None:
        got = f"shape {np.shape(value)}" if problem == "shape" else f"{type(value).__name__} {short(value)}"
        raise CheckFailed(f"{name}: wrong shape: {name}({args}) should return an array of shape {shape} "
                          f"of real numbers, got {got}")
    return np.asarray(value, dtype=float)


def check_cross_entropy_gradient(cross_entropy_gradient: Callable, *, seed: int | None = None) -> None:
    """Exercise 13.1: cross_entropy_gradient(params, X, y) is (1/n) A^T (sigma(A p) - y), A = [X, 1]."""
    name, rng, seed = start_check("cross_entropy_gradient", cross_entropy_gradient, seed)
    rows = []
    for _ in range(6):
        n, d = int(rng.integers(5, 30)), int(rng.integers(1, 5))
        X = rng.normal(size=(n, d)) * rng.uniform(0.5, 2.0)
        y = rng.integers(0, 2, size=n).astype(float)
        p = rng.normal(size=d + 1)
        rows.append((p, X, y))
    got, want, mistakes = [], [], {}

    def add(key: str, value: np.ndarray) -> None:
        mistakes.setdefault(key, []).append(value)

    for p, X, y in rows:
        value = call_on_copies(name, cross_entropy_gradient, p, X, y, what="params, X or y",
                               example="A = np.column_stack([X, np.ones(len(y))])")
        got.append(_array_result(name, value, p.shape, f"params of shape {p.shape}, X, y"))
        A = np.column_stack([X, np.ones(len(y))])
        z = A @ p
        r = _sigmoid(z) - y
        want.append(A.T @ r / len(y))
        add("sign", A.T @ (y - _sigmoid(z)) / len(y))
        add("sum", A.T @ r)
        add("linear", A.T @ (z - y) / len(y))
        add("mse", 2 * A.T @ (z - y) / len(y))
        add("derivative", A.T @ (r * _sigmoid(z) * (1 - _sigmoid(z))) / len(y))
        add("intercept first", np.concatenate([[r.mean()], X.T @ r / len(y)]))
        add("no 1-sigma", A.T @ (_sigmoid(-z) - y) / len(y))
    got_all, want_all = np.concatenate(got), np.concatenate(want)
    hints = {
        "sign": "sign flipped: the gradient is A^T (sigma(A p) - y) / n, prediction minus label, so that "
                "descent lowers the probability of a wrong class.",
        "sum": "the 1/n is missing: the loss is a mean over the examples, so its gradient is a mean too.",
        "linear": "that is the gradient of the squared error on the logits, with residual A p - y: pass the "
                  "logits through the sigmoid first, sigma(A p) - y.",
        "mse": "that is linear regression's MSE gradient (2/n) A^T (A p - y); the cross-entropy's is "
               "(1/n) A^T (sigma(A p) - y).",
        "derivative": "an extra factor sigma'(z) = sigma (1 - sigma): with the cross-entropy it cancels, "
                      "d loss / d z = sigma(z) - y.",
        "intercept first": "the intercept's entry is last: params and the gradient are (w_1, ..., w_d, b).",
        "no 1-sigma": "sigma(-z) is 1 - sigma(z), the probability of class 0: use sigma(z) = 1 / (1 + e^-z).",
    }
    conclude(name, "right on 6 random data sets", got_all, want_all,
             [Mistake(hints[key], np.concatenate(values)) for key, values in mistakes.items()],
             rtol=1e-8, atol=1e-10, seed=seed,
             fallback="the gradient does not match (1/n) A^T (sigma(A p) - y); differentiate "
                      "log(1 + e^z) - y z by the chain rule")


def check_log_sum_exp(log_sum_exp: Callable, *, seed: int | None = None) -> None:
    """Exercise 13.2: log_sum_exp(z) is log(sum(exp(z))) for a 1-D array z, without overflow or underflow."""
    name, rng, seed = start_check("log_sum_exp", log_sum_exp, seed)
    arrays = []
    for shift in (0.0, 0.0, 800.0, -800.0, 5000.0):  # e^800 overflows, e^-800 underflows to 0
        size = int(rng.integers(2, 12))
        arrays.append(rng.normal(size=size) * rng.uniform(0.5, 5.0) + shift)
    arrays.append(np.array([float(rng.uniform(-3, 3))]))  # one number: log e^z = z
    arrays.append(np.concatenate([[-3000.0], rng.normal(size=2)]))  # shifting by the min or the mean overflows
    got = []
    for z in arrays:
        value = call_on_copies(name, log_sum_exp, z, what="z", example="shifted = z - z.max()")
        got.append(as_real(name, value, (z,)))
    got = np.array(got)
    m = np.array([z.max() for z in arrays])
    expected = np.array([np.logaddexp.reduce(z) for z in arrays])
    if not np.all(np.isfinite(got)):
        bad = int(np.flatnonzero(~np.isfinite(got))[0])
        raise CheckFailed(f"{name}: returned {short(float(got[bad]))} for an array with entries from "
                          f"{short(float(arrays[bad].min()))} to {short(float(arrays[bad].max()))}: exp "
                          f"overflowed or underflowed. Subtract the largest entry m first: "
                          f"log sum e^z = m + log sum e^(z - m), where every exponent is <= 0.")
    conclude(
        name, "right on 7 random arrays, entries up to 5000", got, expected,
        [
            Mistake("the largest entry m must be added back: log sum e^z = m + log sum e^(z - m).",
                    expected - m),
            Mistake("that is the largest entry alone: add log sum e^(z - m), which lies between 0 and log n.",
                    m),
        ],
        rtol=1e-12, atol=1e-12, seed=seed,
        fallback="the value is not log(sum(exp(z))); compute it as m + log(sum(exp(z - m))) with m = max(z)",
    )


def check_confusion_matrix(confusion: Callable, *, seed: int | None = None) -> None:
    """Exercise 13.3: confusion(y_true, y_pred, n_classes)[i, j] counts class i predicted as j."""
    name, rng, seed = start_check("confusion", confusion, seed)
    got, want, transposed, rates, once = [], [], [], [], []
    for _ in range(5):
        k = int(rng.integers(3, 8))
        n = int(rng.integers(20, 80))
        t = rng.integers(0, k - 1, size=n)  # class k-1 never occurs: n_classes sets the size
        p = np.where(rng.uniform(size=n) < 0.6, t, rng.integers(0, k - 1, size=n))
        value = call_on_copies(name, confusion, t, p, k, what="y_true or y_pred", example="C = np.zeros(...)")
        if v.real_result_problem(value, (k, k)) == "shape":
            raise CheckFailed(f"{name}: wrong shape: with n_classes={k} the matrix is {k} x {k}, got shape "
                              f"{np.shape(value)} (a class that never occurs still has its row and column)")
        arr = _array_result(name, value, (k, k), f"y_true, y_pred, {k}")
        C = np.zeros((k, k))
        np.add.at(C, (t, p), 1)
        got.append(arr.ravel())
        want.append(C.ravel())
        transposed.append(C.T.ravel())
        once.append((C > 0).astype(float).ravel())  # what C[y_true, y_pred] += 1 gives
        with np.errstate(all="ignore"):
            rates.append(np.nan_to_num(C / C.sum(axis=1, keepdims=True)).ravel())
    conclude(
        name, "right on 5 random sets of labels", np.concatenate(got), np.concatenate(want),
        [
            Mistake("rows and columns are swapped: row i is the true class, column j the prediction "
                    "(C[i, j] counts class i predicted as j).", np.concatenate(transposed)),
            Mistake("these are fractions of each row; the exercise asks for counts.", np.concatenate(rates)),
            Mistake("each pair (i, j) was counted once however often it occurs: C[y_true, y_pred] += 1 adds 1 "
                    "once per distinct pair (numpy does not repeat the addition for repeated indices). "
                    "Use np.add.at(C, (y_true, y_pred), 1) or a loop.", np.concatenate(once)),
        ],
        rtol=0, atol=1e-12, seed=seed,
        fallback="the counts do not match: add 1 to C[y_true[i], y_pred[i]] for every example i",
    )
