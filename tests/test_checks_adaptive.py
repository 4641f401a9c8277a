"""Chapter 11's self-checks: right answers pass, each mistake gets its hint, near misses and stubs fail."""

import math

import numpy as np
import pytest

from gdutils.checks import CheckFailed, check_adam_step, check_bias_correction, check_warmup_cosine
from gdutils.schedules import cosine_schedule
from check_cases import SEEDS, assert_hint, assert_never_passes, assert_not_attempted, assert_passes


def adam_right(x, m, s, g, t, lr, b1, b2, eps):
    m = b1 * m + (1 - b1) * g
    s = b2 * s + (1 - b2) * g * g
    m_hat, s_hat = m / (1 - b1**t), s / (1 - b2**t)
    return x - lr * m_hat / (math.sqrt(s_hat) + eps), m, s


def adam_torch_order(x, m, s, g, t, lr, b1, b2, eps):
    """torch's order: lerp, bias corrections as scalars, eps after the corrected root."""
    m = m + (1 - b1) * (g - m)
    s = s * b2 + (1 - b2) * g * g
    denom = math.sqrt(s) / math.sqrt(1 - b2**t) + eps
    return x - (lr / (1 - b1**t)) * m / denom, m, s


def adam_with(correct=True, correct_s=True, eps_inside=False, eps_before=False, shift=0, no_sqrt=False, sign=1.0,
              plain_s=False, swap=False, order=False):
    def adam_step(x, m, s, g, t, lr, b1, b2, eps):
        w1, w2 = (b1, b2) if not swap else (1 - b1, 1 - b2)
        m = w1 * m + (1 - w1) * g
        s = w2 * s + (1 - w2) * (g if plain_s else g * g)
        c1 = 1 - b1 ** (t + shift) if correct else 1.0
        c2 = 1 - b2 ** (t + shift) if correct and correct_s else 1.0
        if swap:
            c1, c2 = 1 - b1**t, 1 - b2**t
        m_hat, s_hat = m / c1, s / c2
        if eps_inside:
            denom = math.sqrt(s_hat + eps)
        elif eps_before:
            denom = (math.sqrt(s) + eps) / math.sqrt(c2)
        elif no_sqrt:
            denom = s_hat + eps
        else:
            denom = math.sqrt(abs(s_hat)) + eps
        new = x - sign * lr * m_hat / denom
        return (s, m, new) if order else (new, m, s)
    return adam_step


def debiased_right(values, beta):
    m, out = 0.0, []
    for k, value in enumerate(values, start=1):
        m = beta * m + (1 - beta) * value
        out.append(m / (1 - beta**k))
    return out


def debiased_weights(values, beta):
    """The same as a weighted mean with weights beta^(k - j)."""
    out = []
    for k in range(1, len(values) + 1):
        w = beta ** np.arange(k - 1, -1, -1)
        out.append(float(w @ values[:k] / w.sum()))
    return np.array(out)


def debiased_for_a_list(values, beta):
    """Written for the list the exercise promises: an empty-list guard and list concatenation,
    both of which fail on a NumPy array."""
    if not values:
        return []
    ms = [0.0]
    for value in values:
        ms = ms + [beta * ms[-1] + (1 - beta) * value]
    return [m / (1 - beta**k) for k, m in enumerate(ms[1:], start=1)]


def debiased_from_k_0(values, beta):
    """k counted from 0, in pure Python: the first correction is 1 - beta**0 = 0."""
    m, out = 0.0, []
    for k, value in enumerate(values):
        m = beta * m + (1 - beta) * value
        out.append(m / (1 - beta**k))
    return out


def debiased_with(power_shift=0, correct=True, constant=False):
    def debiased_averages(values, beta):
        m, out = 0.0, []
        for k, value in enumerate(values, start=1):
            m = beta * m + (1 - beta) * value
            c = (1 - beta) if constant else (1 - beta ** (k + power_shift) if correct else 1.0)
            out.append(m / c)
        return out
    return debiased_averages


def cosine_right(k, eta0, n_steps, warmup, eta_min):
    return cosine_schedule(eta0, n_steps, eta_min, warmup=warmup)(k)


def cosine_with(warm="right", phase="right", no_min=False, no_clip=False, no_half=False):
    def warmup_cosine(k, eta0, n_steps, warmup, eta_min):
        if k < warmup:
            if warm == "zero":
                return eta0 * k / warmup
            if warm == "plus_one":
                return eta0 * (k + 1) / (warmup + 1)
            return eta0 * (k + 1) / warmup
        p = {"right": (k - warmup) / (n_steps - warmup), "k_over_K": k / n_steps,
             "shift_over_K": (k - warmup) / n_steps}[phase]
        if not no_clip:
            p = min(p, 1.0)
        low = 0.0 if no_min else eta_min
        half = 1.0 if no_half else 0.5
        return low + (eta0 - low) * (1 + math.cos(math.pi * p)) * half
    return warmup_cosine


RIGHT = [
    (check_adam_step, adam_right),
    (check_adam_step, adam_torch_order),
    (check_bias_correction, debiased_right),
    (check_bias_correction, debiased_weights),
    (check_bias_correction, debiased_for_a_list),
    (check_warmup_cosine, cosine_right),
    (check_warmup_cosine, cosine_with()),
]


@pytest.mark.parametrize("check, answer", RIGHT)
def test_right_answers_pass_on_many_seeds(check, answer, capsys):
    assert_passes(check, answer, SEEDS, capsys)


def test_right_answers_pass_with_fresh_random_data(capsys):
    for _ in range(10):
        check_adam_step(adam_right)
        check_bias_correction(debiased_right)
        check_warmup_cosine(cosine_right)
    assert capsys.readouterr().out.count("checks passed") == 30


MISTAKES = [
    (check_adam_step, adam_with(correct=False), "no bias correction"),
    (check_adam_step, adam_with(eps_inside=True), "outside the square root"),
    (check_adam_step, adam_with(eps_before=True), "after the bias correction"),
    (check_adam_step, adam_with(correct_s=False), "only m is corrected"),
    (check_adam_step, adam_with(shift=1), "off by one"),
    (check_adam_step, adam_with(no_sqrt=True), "square root is missing"),
    (check_adam_step, adam_with(sign=-1.0), "uphill"),
    (check_adam_step, adam_with(plain_s=True), "squared gradient"),
    (check_adam_step, adam_with(swap=True), "weigh the old averages"),
    (check_adam_step, adam_with(order=True), "in this order"),
    (check_adam_step, lambda *a: adam_right(*a)[0], "should return 3 numbers"),
    (check_bias_correction, debiased_with(correct=False), "raw averages"),
    (check_bias_correction, debiased_with(power_shift=1), "off by one"),
    (check_bias_correction, debiased_from_k_0, "the first value is k = 1"),
    (check_bias_correction, debiased_with(constant=True), "depends on k"),
    (check_bias_correction, lambda values, beta: np.cumsum(values) / np.arange(1, len(values) + 1), "running mean"),
    (check_bias_correction, lambda values, beta: debiased_right(values, beta)[:-1], "wrong shape"),
    (check_bias_correction, lambda values, beta: None, "return` missing"),
    (check_warmup_cosine, cosine_with(warm="zero"), "starts at 0"),
    (check_warmup_cosine, cosine_with(warm="plus_one"), "not / (W + 1)"),
    (check_warmup_cosine, cosine_with(phase="k_over_K"), "not k / K"),
    (check_warmup_cosine, cosine_with(phase="shift_over_K"), "not (k - W) / K"),
    (check_warmup_cosine, cosine_with(no_min=True), "ends at eta_min"),
    (check_warmup_cosine, cosine_with(no_clip=True), "stays at eta_min"),
    (check_warmup_cosine, cosine_with(no_half=True), "divide it by 2"),
]


@pytest.mark.parametrize("check, answer, hint", MISTAKES)
def test_each_common_mistake_gets_its_hint(check, answer, hint):
    assert_hint(check, answer, hint)


@pytest.mark.parametrize("check", [check_adam_step, check_bias_correction, check_warmup_cosine])
def test_a_stub_is_reported_as_not_attempted(check):
    assert_not_attempted(check)


def test_debiased_averages_gets_a_list_of_floats_as_the_exercise_says(capsys):
    seen = []

    def answer(values, beta):
        seen.append(values)
        return debiased_right(values, beta)

    check_bias_correction(answer, seed=3)
    assert "checks passed" in capsys.readouterr().out
    assert type(seen[0]) is list and all(type(v) is float for v in seen[0])
    assert debiased_for_a_list([], 0.9) == []  # the guard that an array would break


@pytest.mark.parametrize(
    "check, answer",
    [
        (check_adam_step, lambda x, m, s, g, t, lr, b1, b2, eps: adam_right(x, m, s, g, t, lr * 1.001, b1, b2, eps)),
        (check_adam_step, lambda x, m, s, g, t, lr, b1, b2, eps: adam_right(x, m, s, g, t, lr, b1, b2, eps * 1.5)),
        (check_bias_correction, lambda values, beta: debiased_right(values, beta * 0.999)),
        (check_warmup_cosine, lambda k, eta0, n, w, low: cosine_right(k, eta0 * 1.001, n, w, low)),
    ],
)
def test_near_miss_answers_never_pass(check, answer):
    assert_never_passes(check, answer, range(200))


def test_hard_coded_answers_fail():
    with pytest.raises(CheckFailed, match="seed=5"):
        check_adam_step(lambda *a: (0.5, 0.1, 0.2), seed=5)
    with pytest.raises(CheckFailed, match="seed=5"):
        check_bias_correction(lambda values, beta: np.ones(len(values)), seed=5)
    with pytest.raises(CheckFailed, match="seed=5"):
        check_warmup_cosine(lambda k, eta0, n, w, low: 0.1, seed=5)
