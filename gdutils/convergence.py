"""How fast descent converges, and Newton's method (chapter 9).

The rates of chapter 9 in code: the contraction factor of fixed-step descent on a
function whose curvatures lie in [mu, L], and Newton's method, which uses the
curvature itself.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from . import validation as v


def contraction_factor(learning_rate: float, mu: float, L: float) -> float:
    """max(|1 - eta mu|, |1 - eta L|): the worst factor per step of fixed-step descent (chapter 9).

    On a quadratic whose Hessian has its eigenvalues in [mu, L], the error along an
    eigenvector with eigenvalue lam is multiplied by 1 - eta lam at every step; the
    largest |1 - eta lam| over [mu, L] sits at one of the two ends. Below 1 the run
    converges at least that fast; the best eta, 2 / (mu + L), gives (L - mu) / (L + mu).
    """
    eta = v.positive_scalar("learning_rate", learning_rate)
    mu = v.positive_scalar("mu", mu)
    L = v.positive_scalar("L", L)
    if mu > L:
        raise ValueError(f"mu must not exceed L (the curvatures lie in [mu, L]), got mu = {mu!r}, L = {L!r}")
    return max(abs(1 - eta * mu), abs(1 - eta * L))


def newton_method(grad: Callable, hessian: Callable, x0, n_steps: int) -> np.ndarray:
    """The iterates of Newton's method x <- x - H(x)^{-1} grad f(x), x0 included (chapter 9).

    ``grad`` and ``hessian`` take a point: for one variable a float (then the Hessian
    is f'' and the step is f'(x) / f''(x)), for several a 1-D array (then the step
    solves H d = grad f, no inverse is formed). Returns an array of n_steps + 1
    points. Stops with an error if a Hessian is singular or a step is not finite.
    """
    v.callable_arg("grad", grad)
    v.callable_arg("hessian", hessian)
    n_steps = v.non_negative_int("n_steps", n_steps)
    x = v.real_point("x0", x0)
    path = [x.copy()]
    for k in range(n_steps):
        g = v.real_results("grad", grad(v.user_point(x)), x.shape)
        H = v.real_results("hessian", hessian(v.user_point(x)), x.shape * 2)
        if x.ndim == 0:
            step = g / H if H != 0 else np.nan
        else:
            try:
                step = np.linalg.solve(H, g)
            except np.linalg.LinAlgError:
                step = np.full(x.shape, np.nan)
        x = x - step
        if not np.all(np.isfinite(x)):
            raise FloatingPointError(
                f"Newton's method failed at step {k + 1}: the Hessian at {path[-1].tolist()} is "
                "singular or the step is not finite")
        path.append(x)
    return np.array(path)
