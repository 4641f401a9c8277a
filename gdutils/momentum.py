"""The heavy ball on a quadratic: its iteration matrix, its rate and its best parameters (chapter 10).

On a quadratic, written in the eigenvectors of its Hessian (chapter 9), momentum with a
constant learning rate eta and momentum beta acts on each eigenvalue lam separately:

    x_{k+1} = x_k - eta lam x_k + beta (x_k - x_{k-1}),

that is (x_{k+1}, x_k) = M (x_k, x_{k-1}) with M = [[1 + beta - eta lam, -beta], [1, 0]].
The error shrinks like rho(M)^k, up to a polynomial factor, where rho is the spectral
radius. The eigenvalues of M are the roots of z^2 - (1 + beta - eta lam) z + beta = 0;
when they are complex both have modulus sqrt(beta). The run converges for every start
exactly when 0 <= beta < 1 and 0 < eta lam < 2 (1 + beta).
"""

from __future__ import annotations

import numpy as np

from . import validation as v


def iteration_matrix(learning_rate: float, momentum: float, lam: float) -> np.ndarray:
    """M = [[1 + beta - eta lam, -beta], [1, 0]], the heavy ball's map on one eigenvalue lam (chapter 10).

    (x_{k+1}, x_k) = M (x_k, x_{k-1}) for the coordinate of the error along an
    eigenvector of the Hessian with eigenvalue lam.
    """
    eta = v.positive_scalar("learning_rate", learning_rate)
    beta = v.real_scalar("momentum", momentum)
    lam = v.real_scalar("lam", lam)
    return np.array([[1.0 + beta - eta * lam, -beta], [1.0, 0.0]])


def momentum_rate(eta_lam, momentum) -> np.ndarray | float:
    """The spectral radius of M, max |z| over the roots of z^2 - (1 + beta - eta lam) z + beta (chapter 10).

    Takes the product ``eta_lam`` = eta * lam and ``momentum`` = beta, numbers or arrays
    of one shape (broadcast), and computes the roots in closed form: with
    t = 1 + beta - eta lam and D = t^2 - 4 beta, the rate is sqrt(beta) when D < 0
    (complex roots, both of modulus sqrt(beta)), else (|t| + sqrt(D)) / 2. With
    beta = 0 it is |1 - eta lam|, the factor of plain descent (chapter 9). Below 1
    exactly when 0 < eta lam < 2 (1 + beta) (for 0 <= beta < 1).
    """
    h = v.real_array("eta_lam", eta_lam)
    beta = v.real_array("momentum", momentum)
    if np.any(beta < 0):
        raise ValueError(f"momentum must be >= 0, got {v.show(momentum)}")
    t = 1.0 + beta - h
    disc = t * t - 4.0 * beta
    rate = np.where(disc < 0, np.sqrt(beta), (np.abs(t) + np.sqrt(np.maximum(disc, 0.0))) / 2.0)
    return float(rate) if rate.ndim == 0 else rate


def optimal_momentum(mu: float, L: float) -> tuple[float, float]:
    """(eta*, beta*) = (4 / (sqrt(L) + sqrt(mu))^2, ((sqrt(L) - sqrt(mu)) / (sqrt(L) + sqrt(mu)))^2) (chapter 10).

    The heavy ball's best constant parameters for a quadratic whose Hessian has its
    eigenvalues in [mu, L] (Polyak 1964): both ends of the spectrum are then critically
    damped (a repeated eigenvalue of M) and every eigenvalue gets the rate
    sqrt(beta*) = (sqrt(kappa) - 1) / (sqrt(kappa) + 1), kappa = L / mu
    (:func:`optimal_rate`).
    """
    mu, L = _spectrum(mu, L)
    root_mu, root_L = np.sqrt(mu), np.sqrt(L)
    eta = 4.0 / ((root_L + root_mu) * (root_L + root_mu))
    ratio = (root_L - root_mu) / (root_L + root_mu)
    return float(eta), float(ratio * ratio)


def optimal_rate(kappa: float) -> float:
    """(sqrt(kappa) - 1) / (sqrt(kappa) + 1), the heavy ball's rate with its best parameters (chapter 10).

    9/11 for kappa = 100, against (kappa - 1) / (kappa + 1) = 99/101 for descent with
    its best fixed step 2 / (mu + L) (chapter 9).
    """
    kappa = v.real_scalar("kappa", kappa)
    if kappa < 1:
        raise ValueError(f"kappa = L / mu must be at least 1, got {kappa!r}")
    root = np.sqrt(kappa)
    return float((root - 1.0) / (root + 1.0))


def _spectrum(mu: float, L: float) -> tuple[float, float]:
    mu = v.positive_scalar("mu", mu)
    L = v.positive_scalar("L", L)
    if mu > L:
        raise ValueError(f"mu must not exceed L (the eigenvalues lie in [mu, L]), got mu = {mu!r}, L = {L!r}")
    return mu, L
