"""gdutils.schedules (chapter 11) against their closed forms written out here, value by value;
torch.optim.lr_scheduler's values are compared in tests/test_adaptive_torch.py."""

import math

import numpy as np
import pytest

from gdutils import gradient_descent
from gdutils.optimizers import Adam, GradientDescent
from gdutils.schedules import cosine_schedule, exponential_decay, exponential_ramp, step_decay


def test_step_decay_halves_every_ten_steps():
    s = step_decay(0.8, 0.5, 10)
    assert [s(k) for k in [0, 9, 10, 19, 20, 35]] == [0.8, 0.8, 0.4, 0.4, 0.2, 0.1]
    np.testing.assert_array_equal(s(np.arange(40)), [0.8 * 0.5 ** (k // 10) for k in range(40)])


def test_exponential_decay():
    s = exponential_decay(0.1, 0.9)
    for k in [0, 1, 2, 50]:
        assert s(k) == pytest.approx(0.1 * 0.9 ** k, rel=1e-15)


def test_cosine_without_warm_up_at_the_landmarks():
    s = cosine_schedule(0.1, 100, eta_min=0.002)
    assert s(0) == 0.1
    assert s(50) == pytest.approx(0.051, rel=1e-15)  # halfway: the mean of the two ends
    assert s(100) == pytest.approx(0.002, rel=1e-15)
    assert s(250) == s(100)  # held at eta_min after n_steps
    assert s(25) == pytest.approx(0.002 + 0.098 * (1 + math.sqrt(0.5)) / 2, rel=1e-15)
    np.testing.assert_allclose(s(np.arange(101)), [0.002 + 0.098 * (1 + math.cos(math.pi * k / 100)) / 2
                                                   for k in range(101)], rtol=1e-13)  # 1 + cos cancels near k = K


def test_cosine_with_warm_up():
    s = cosine_schedule(0.3, 50, warmup=5)
    assert [s(k) for k in range(5)] == pytest.approx([0.06, 0.12, 0.18, 0.24, 0.3], rel=1e-15)
    assert s(5) == 0.3
    assert s(5 + 45 // 3) == pytest.approx(0.3 * (1 + math.cos(math.pi / 3)) / 2, rel=1e-15)
    assert s(50) == 0.0


def test_a_run_past_a_cosine_to_zero_stops_with_a_clear_error():
    with pytest.raises(ValueError, match=r"learning_rate\(10\) must be a positive number"):
        gradient_descent(lambda x: 2 * x, 1.0, GradientDescent(cosine_schedule(0.1, 10)), 20)


def test_exponential_ramp_runs_from_low_to_high():
    s = exponential_ramp(1e-4, 1.0, 41)
    assert s(0) == 1e-4
    assert s(40) == pytest.approx(1.0, rel=1e-15)
    assert s(10) == pytest.approx(1e-3, rel=1e-14)  # ten steps per decade
    assert np.all(np.diff(s(np.arange(41))) > 0)


def test_schedules_drive_an_optimizer():
    run = gradient_descent(lambda x: 2 * x, 1.0, Adam(cosine_schedule(0.1, 30, warmup=3)), 29)
    np.testing.assert_allclose(run.step_sizes, cosine_schedule(0.1, 30, warmup=3)(np.arange(29)), rtol=0)


@pytest.mark.parametrize("make, kind, message", [
    (lambda: step_decay(0.1, 1.0, 10), ValueError, "gamma must lie strictly between 0 and 1"),
    (lambda: step_decay(0.1, 0.5, 0), ValueError, "every must be"),
    (lambda: step_decay(0.1, 0.5, 2.5), TypeError, "every must be a whole number"),
    (lambda: exponential_decay(-0.1, 0.5), ValueError, "eta0 must be a positive number"),
    (lambda: exponential_decay(0.1, 0.0), ValueError, "gamma must lie strictly between 0 and 1"),
    (lambda: cosine_schedule(0.1, 0), ValueError, "n_steps must be"),
    (lambda: cosine_schedule(0.1, 10, eta_min=0.1), ValueError, "eta_min must be smaller than eta0"),
    (lambda: cosine_schedule(0.1, 10, eta_min=-0.1), ValueError, "eta_min must be"),
    (lambda: cosine_schedule(0.1, 10, warmup=10), ValueError, "warmup must be smaller than n_steps"),
    (lambda: exponential_ramp(1.0, 0.1, 10), ValueError, "high must be larger than low"),
    (lambda: exponential_ramp(0.1, 1.0, 1), ValueError, "n_steps must be at least 2"),
])
def test_bad_arguments_get_clear_errors(make, kind, message):
    with pytest.raises(kind, match=message):
        make()


@pytest.mark.parametrize("s", [step_decay(0.1, 0.5, 3), exponential_decay(0.1, 0.5), cosine_schedule(0.1, 5),
                               exponential_ramp(0.1, 1.0, 5)])
def test_bad_steps_are_refused(s):
    with pytest.raises(ValueError, match="k must"):
        s(-1)
    with pytest.raises(ValueError, match="k must hold whole numbers"):
        s(np.array([0.5]))
    with pytest.raises(TypeError, match="k must be a whole number"):
        s(1.0)
    assert str(s)  # says what it is
