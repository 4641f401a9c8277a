"""gdutils.network against central differences, closed forms and scikit-learn."""

import warnings

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from gdutils import Momentum, numerical_gradient
from gdutils.network import (
    Dense,
    Network,
    ReLU,
    Tanh,
    fit_network,
    log_softmax,
    one_hot,
    softmax,
    softmax_cross_entropy,
    softmax_cross_entropy_gradient,
)


def _blobs(seed, n=120, d=4, k=3):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, k, size=n)
    centres = rng.normal(size=(k, d))
    return centres[y] + rng.normal(size=(n, d)), y


def test_softmax_against_its_definition_and_at_extremes():
    Z = np.random.default_rng(0).normal(size=(5, 4))
    direct = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(softmax(Z), direct, rtol=1e-14)
    np.testing.assert_allclose(log_softmax(Z), np.log(direct), rtol=1e-13)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        big = log_softmax(np.array([[1000.0, 0.0, -1000.0]]))
    np.testing.assert_allclose(big, [[0.0, -1000.0, -2000.0]])
    # adding a constant to a row changes nothing
    np.testing.assert_allclose(softmax(Z + 50.0), softmax(Z), rtol=1e-14)


def test_cross_entropy_and_its_gradient():
    Z = np.random.default_rng(1).normal(size=(6, 3))
    y = np.array([0, 2, 1, 1, 0, 2])
    P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
    assert softmax_cross_entropy(Z, y) == pytest.approx(-np.mean(np.log(P[np.arange(6), y])), rel=1e-14)
    G = softmax_cross_entropy_gradient(Z, y)
    np.testing.assert_allclose(G, (P - one_hot(y, 3)) / 6, rtol=1e-13, atol=1e-17)
    numeric = numerical_gradient(lambda z: softmax_cross_entropy(z.reshape(6, 3), y), Z.ravel())
    np.testing.assert_allclose(G.ravel(), numeric, rtol=1e-7, atol=1e-10)
    # two classes: softmax cross-entropy of (0, z) is the logistic loss of z
    z = np.array([0.3, -1.2])
    two = np.column_stack([np.zeros(2), z])
    expected = np.mean([np.logaddexp(0, z[0]) - z[0], np.logaddexp(0, z[1])])
    assert softmax_cross_entropy(two, [1, 0]) == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize("layer", [ReLU(), Tanh()])
def test_activation_backward_is_the_elementwise_derivative(layer):
    X = np.random.default_rng(2).normal(size=(4, 5))
    G = np.random.default_rng(3).normal(size=(4, 5))
    layer.forward(X)
    # d/dX sum(G * act(X)), by central differences
    numeric = numerical_gradient(lambda x: float(np.sum(G * layer.forward(x.reshape(4, 5)))), X.ravel())
    layer.forward(X)
    np.testing.assert_allclose(layer.backward(G).ravel(), numeric, rtol=1e-7, atol=1e-9)


def test_dense_backward_is_xt_g_and_g_wt():
    rng = np.random.default_rng(4)
    X, W, b, G = rng.normal(size=(5, 3)), rng.normal(size=(3, 2)), rng.normal(size=2), rng.normal(size=(5, 2))
    dW, db = np.zeros((3, 2)), np.zeros(2)
    layer = Dense(W, b, dW, db)
    np.testing.assert_allclose(layer.forward(X), X @ W + b, rtol=1e-15)
    dX = layer.backward(G)
    f = lambda w: float(np.sum(G * (X @ w.reshape(3, 2) + b)))  # noqa: E731
    np.testing.assert_allclose(dW.ravel(), numerical_gradient(f, W.ravel()), rtol=1e-7)
    np.testing.assert_allclose(db, G.sum(axis=0), rtol=1e-15)
    fx = lambda x: float(np.sum(G * (x.reshape(5, 3) @ W + b)))  # noqa: E731
    np.testing.assert_allclose(dX.ravel(), numerical_gradient(fx, X.ravel()), rtol=1e-7)


@pytest.mark.parametrize("hidden, activation", [(0, "relu"), (7, "relu"), (7, "tanh")])
def test_network_gradient_against_central_differences(hidden, activation):
    X, y = _blobs(5, n=30)
    net = Network(4, hidden, 3, rng=np.random.default_rng(6), activation=activation)
    net.params[:] += 0.1 * np.random.default_rng(7).normal(size=net.params.size)
    theta = net.params.copy()
    loss, grad = net.loss_and_gradient(X, y)

    def f(params):
        net.params[:] = params
        return net.loss(X, y)

    numeric = numerical_gradient(f, theta)
    net.params[:] = theta
    assert loss == pytest.approx(f(theta), rel=1e-15)
    scale = np.max(np.abs(grad))
    assert np.max(np.abs(grad - numeric)) < 1e-7 * scale


def test_layout_and_seeded_initialisation():
    a = Network(64, 32, 10, rng=np.random.default_rng(0))
    b = Network(64, 32, 10, rng=np.random.default_rng(0))
    np.testing.assert_array_equal(a.params, b.params)
    assert a.params.size == 64 * 32 + 32 + 32 * 10 + 10
    W1 = a.params[:64 * 32].reshape(64, 32)
    assert np.shares_memory(a.layers[0].W, a.params)
    np.testing.assert_array_equal(a.layers[0].W, W1)
    assert abs(W1.std() - np.sqrt(2 / 64)) < 0.01
    assert not a.layers[0].b.any() and not a.layers[2].b.any()
    soft = Network(64, 0, 10)
    assert soft.params.size == 650 and not soft.params.any() and len(soft.layers) == 1


def test_softmax_regression_reaches_sklearns_multinomial_optimum():
    X, y = _blobs(8, n=150)
    ref = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X, y)
    net = Network(4, 0, 3)
    # full batch: one batch of all 150 examples per epoch (shuffling then changes nothing)
    fit = fit_network(net, X, y, learning_rate=Momentum(0.5, momentum=0.9), epochs=3000, batch_size=150,
                      rng=np.random.default_rng(0))
    P = softmax(net.logits(X))
    np.testing.assert_allclose(P, ref.predict_proba(X), atol=1e-6)
    assert fit.status == "completed" and fit.n_steps == 3000


def test_fit_network_minibatches_and_test_losses():
    X, y = _blobs(9, n=100)
    net = Network(4, 8, 3, rng=np.random.default_rng(1))
    fit = fit_network(net, X, y, learning_rate=0.1, epochs=20, batch_size=10, rng=np.random.default_rng(2),
                      test=(X[:30], y[:30]))
    assert fit.n_steps == 200 and fit.losses.shape == (21,) and fit.test_losses.shape == (21,)
    assert fit.losses[-1] < 0.5 * fit.losses[0]
    # the first step by hand: the first batch of minibatches(100, 10, rng=default_rng(2))
    again = Network(4, 8, 3, rng=np.random.default_rng(1))
    first = np.random.default_rng(2).permutation(100)[:10]
    _, g = again.loss_and_gradient(X[first], y[first])
    expected = again.params - 0.1 * g
    one = Network(4, 8, 3, rng=np.random.default_rng(1))
    fit_one = fit_network(one, X[first], y[first], learning_rate=0.1, epochs=1, batch_size=10,
                          rng=np.random.default_rng(5))
    np.testing.assert_allclose(one.params, expected, rtol=1e-13, atol=1e-16)
    assert fit_one.n_steps == 1


def test_bad_input():
    net = Network(4, 0, 3)
    X, y = _blobs(10, n=20)
    with pytest.raises(ValueError, match="0 to 2, got 3"):
        fit_network(net, X, np.where(y == 0, 3, y), learning_rate=0.1, epochs=1, batch_size=5,
                    rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="same number of examples"):
        fit_network(net, X, y[:-1], learning_rate=0.1, epochs=1, batch_size=5, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="X must be finite"):
        fit_network(net, np.full((20, 4), np.nan), y, learning_rate=0.1, epochs=1, batch_size=5,
                    rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="4 features"):
        net.logits(np.ones((2, 5)))
    with pytest.raises(TypeError, match="rng is required"):
        Network(4, 5, 3)
    with pytest.raises(ValueError, match="activation"):
        Network(4, 5, 3, rng=np.random.default_rng(0), activation="sigmoid")
    with pytest.raises(ValueError, match="at least 2"):
        Network(4, 0, 1)
    with pytest.raises(ValueError, match="shape"):
        softmax_cross_entropy(np.ones(3), [0, 1, 2])


def test_a_line_search_is_refused_and_a_blow_up_stops_the_run():
    from gdutils import Backtracking

    X, y = _blobs(11, n=40)
    net = Network(4, 0, 3)
    with pytest.raises(TypeError, match="line search"):
        fit_network(net, X, y, learning_rate=Backtracking(), epochs=1, batch_size=10, rng=np.random.default_rng(0))
    big = Network(4, 8, 3, rng=np.random.default_rng(0))
    fit = fit_network(big, 1e150 * X, y, learning_rate=1e150, epochs=5, batch_size=10,
                      rng=np.random.default_rng(0))
    assert fit.status == "diverged" and fit.losses.size < 6 and not np.isfinite(fit.losses[-1])
