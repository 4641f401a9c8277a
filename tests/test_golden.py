"""Golden values: digits pinned for reproducibility, kept apart from the oracle tests.

These are not checks of correctness (the oracle tests compare every routine with a
closed form, finite differences or a second method). They record what the chapters'
reference runs print, to the last bit, so that a change of arithmetic order anywhere
in gdutils shows up here before it changes a stored notebook output. If one fails
after a deliberate change, re-execute the chapters (make execute) and update it.
"""

import numpy as np

from gdutils import fit_linear, gradient_descent
from gdutils.objectives import SHIFTED_SQUARE

X_REF = np.arange(-50.0, 50.0)
Y_REF = 30.0 * X_REF + 7.0  # the content brief's data: y = 30 x + 7 exactly


def test_chapter_1_shifted_square_final_point():
    # start 10, eta 0.01, 400 steps (oracle: test_descent's closed form 2 + 8 * 0.98^k)
    assert gradient_descent(SHIFTED_SQUARE.df, 10.0, 0.01, 400).x == 2.0024746869264467


def test_chapter_4_paraboloid_points():
    # start (6, -3), eta 0.001, 5000 steps (oracle: test_descent's closed form 0.998^k * start)
    run = gradient_descent(lambda p: 2 * p, np.array([6.0, -3.0]), 0.001, 5000)
    assert run.path[1].tolist() == [5.988, -2.994]
    assert run.path[501].tolist() == [2.2006573940846716, -1.1003286970423358]
    assert run.x.tolist() == [0.00026968555624761565, -0.00013484277812380783]


def test_chapter_6_full_batch_intercept():
    # eta 0.001, 5000 epochs from a seeded start: the intercept creeps to 6.9997
    p0 = np.random.default_rng(0).uniform(-1, 1, size=2)
    fit = fit_linear(X_REF, Y_REF, learning_rate=0.001, epochs=5000, params0=p0)
    assert round(fit.intercept, 4) == 6.9997


def test_chapter_7_minibatch_steps_and_reach():
    fit = fit_linear(X_REF, Y_REF, learning_rate=0.001, epochs=1000, batch_size=10, rng=np.random.default_rng(1))
    assert fit.n_steps == 10_000
    assert np.abs(fit.path[800] - [30, 7]).max() < 1e-5
