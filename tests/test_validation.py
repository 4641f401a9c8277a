"""gdutils.validation: one check per kind of argument, used everywhere alike."""

import numpy as np
import pytest

from gdutils import fit_linear, gradient_descent
from gdutils import validation as v
from gdutils.checks import CheckFailed
from gdutils.checks.core import as_real
from gdutils.plotting import evaluate_on_grid


@pytest.mark.parametrize("value", ["1.0", True, np.True_, np.array(False), None, [1.0, 2.0], 1j])
def test_a_readers_function_returning_no_real_number_is_refused_everywhere_alike(value):
    with pytest.raises((TypeError, ValueError)):
        v.real_result("f", value)
    with pytest.raises((TypeError, ValueError), match="f "):
        gradient_descent(lambda x: 2 * x, 1.0, 0.1, 3, f=lambda x: value)
    with pytest.raises((TypeError, ValueError), match="f "):
        evaluate_on_grid(lambda p: value, xlim=(0, 1), ylim=(0, 1), n=3)
    with pytest.raises(CheckFailed):
        as_real("answer", value, (1.0,))


@pytest.mark.parametrize("value", [1, 2.5, np.float32(0.5), np.int64(3), np.array(4.0), float("inf")])
def test_real_numbers_are_accepted_as_floats(value):
    assert v.real_result("f", value) == float(value) and type(v.real_result("f", value)) is float


@pytest.mark.parametrize(
    ("schedule", "error", "text"),
    [
        (lambda k: None, TypeError, r"learning_rate\(0\) returned None"),
        (lambda k: "0.1", TypeError, r"learning_rate\(0\) must be a real number"),
        (lambda k: True, TypeError, r"learning_rate\(0\) must be a real number"),
        (lambda k: -0.1, ValueError, r"learning_rate\(0\) must be a positive number"),
    ],
)
def test_one_schedule_check_for_gradient_descent_and_fit_linear(schedule, error, text):
    with pytest.raises(error, match=text):
        gradient_descent(lambda x: 2 * x, 1.0, schedule, 3)
    with pytest.raises(error, match=text):
        fit_linear(np.arange(5.0), np.arange(5.0), learning_rate=schedule, epochs=1)


def test_messages_name_the_argument_the_value_and_what_was_expected():
    with pytest.raises(ValueError, match=r"xlim must be \(low, high\) with low < high, got \(1, 0\)"):
        v.interval("xlim", (1, 0))
    with pytest.raises(ValueError, match="batch_size must be between 1 and n = 5 .*got 6"):
        v.batch_size("batch_size", 6, 5)
    with pytest.raises(TypeError, match="rng must be a numpy Generator .*got 3"):
        v.generator("rng", 3)
    with pytest.raises(ValueError, match="sampling must be one of 'a', 'b', got 'c'"):
        v.one_of("sampling", "c", ("a", "b"))
    with pytest.raises(ValueError, match="c must lie strictly between 0 and 1 .*got 1.5"):
        v.open_unit("c", 1.5, "a fraction")
    with pytest.raises(ValueError, match="tol must be >= 0, got -1"):
        v.non_negative_scalar("tol", -1)


def test_data_are_viewed_not_copied_and_checked_for_nan():
    X = np.arange(6.0).reshape(3, 2)
    Xa, ya = v.dataset(X, np.arange(3.0))
    assert np.shares_memory(Xa, X)
    with pytest.raises(ValueError, match="X must be finite"):
        v.dataset(np.array([[1.0], [np.nan]]), [1.0, 2.0])
    with pytest.raises(ValueError, match="X must be finite"):  # fit_linear finds it in its first losses
        fit_linear(np.array([1.0, np.inf, 3.0]), [1.0, 2.0, 3.0], learning_rate=0.1, epochs=1, batch_size=1,
                   rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="X must be finite"):  # no epoch: checked outright
        fit_linear(np.array([1.0, np.nan]), [1.0, 2.0], learning_rate=0.1, epochs=0)
    with pytest.raises(ValueError, match="y must be finite"):  # full batch: its first loss
        fit_linear(np.array([1.0, 2.0]), [1.0, np.nan], learning_rate=0.1, epochs=3)


def test_curve_pairs_returns_labelled_arrays_and_names_what_is_wrong():
    from gdutils.validation import curve_pairs

    [(label, xs, ys)] = curve_pairs("runs", {"a": ([0, 1], [2.0, 3.0])}, ("k", "d"))
    assert label == "a" and xs.tolist() == [0.0, 1.0] and ys.tolist() == [2.0, 3.0]
    with pytest.raises(ValueError, match="curve 'a': k and d must be 1-D of one length"):
        curve_pairs("runs", {"a": ([0, 1, 2], [2.0, 3.0])}, ("k", "d"))
    with pytest.raises(TypeError, match=r"runs\['a'\] must be a pair \(k, d\)"):
        curve_pairs("runs", {"a": ([0, 1], [2.0, 3.0], [4.0, 5.0])}, ("k", "d"))
    with pytest.raises(ValueError, match="runs can hold at most 1 curves, got 2"):
        curve_pairs("runs", {"a": ([0], [1]), "b": ([0], [1])}, ("k", "d"), most=1)
    with pytest.raises(TypeError, match="runs must be a non-empty dict"):
        curve_pairs("runs", {}, ("k", "d"))
