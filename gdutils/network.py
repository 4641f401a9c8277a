"""Softmax regression and a network with one hidden layer, by backpropagation (chapter 13).

A batch of n examples is a matrix X (n rows). The network computes logits Z,
one row of K numbers per example, and the loss is the mean softmax cross-entropy

    L = -(1/n) sum_i log softmax(Z_i)[y_i],     dL/dZ = (softmax(Z) - Y) / n,

where Y holds the labels one-hot. Every layer has a forward pass and a backward
pass: given G = dL/d(output), the backward pass returns dL/d(input) and stores the
gradients of its own parameters. For a dense layer out = X W + b (chapter 12's
rule for y = X W):

    dL/dW = X^T G,    dL/db = column sums of G,    dL/dX = G W^T.

All parameters live in one flat vector, ``Network.params``, and their gradients
in another of the same shape, so that any optimizer of ``gdutils.optimizers``
(SGD, Momentum, Adam) updates the whole network with one call, as it updates
the params of ``fit_linear``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import validation as v
from .minibatch import minibatches
from .optimizers import Evaluations, Optimizer, as_optimizer


def log_softmax(Z: Any) -> np.ndarray:
    """log softmax(Z) row by row: Z_ij - m_i - log sum_k e^(Z_ik - m_i), with m_i = max_k Z_ik (chapter 13).

    Subtracting the row's largest logit first keeps every exponent <= 0: no overflow.
    """
    Za = _logit_matrix(v.real_array("Z", Z))
    return _log_softmax(Za)


def _log_softmax(Z: np.ndarray) -> np.ndarray:
    shifted = Z - Z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax(Z: Any) -> np.ndarray:
    """e^(Z_ij) / sum_k e^(Z_ik) row by row, computed as exp(log_softmax(Z)) (chapter 13)."""
    return np.exp(log_softmax(Z))


def _logit_matrix(Z: np.ndarray) -> np.ndarray:
    if Z.ndim != 2 or Z.shape[0] == 0 or Z.shape[1] < 2:
        raise ValueError(f"Z must be a 2-D array of logits, one row per example and at least 2 columns "
                         f"(classes), got shape {Z.shape}")
    return Z


def one_hot(y: Any, n_classes: int) -> np.ndarray:
    """Y[i, y_i] = 1 and 0 elsewhere: shape (n, n_classes) (chapter 13)."""
    k = v.positive_int("n_classes", n_classes)
    labels = v.class_labels("y", y, k)
    Y = np.zeros((labels.size, k))
    Y[np.arange(labels.size), labels] = 1.0
    return Y


def _checked(Z: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    Za = _logit_matrix(v.real_array("Z", Z))
    return Za, _labels_for(Za, y)


def _labels_for(Z: np.ndarray, y: Any) -> np.ndarray:
    labels = v.class_labels("y", y, Z.shape[1])
    if labels.size != Z.shape[0]:
        raise ValueError(f"Z and y must have the same number of examples, got {Z.shape[0]} rows in Z "
                         f"and {labels.size} labels in y")
    return labels


def _cross_entropy(Z: np.ndarray, labels: np.ndarray) -> float:
    return float(-_log_softmax(Z)[np.arange(labels.size), labels].mean())


def softmax_cross_entropy(Z: Any, y: Any) -> float:
    """-(1/n) sum_i log softmax(Z_i)[y_i]: the mean cross-entropy of logits Z for labels y (chapter 13)."""
    return _cross_entropy(*_checked(Z, y))


def softmax_cross_entropy_gradient(Z: Any, y: Any) -> np.ndarray:
    """(softmax(Z) - one_hot(y)) / n: the gradient of ``softmax_cross_entropy`` with respect to Z (chapter 13)."""
    Za, labels = _checked(Z, y)
    return _loss_gradient(Za, labels)


def _loss_gradient(Z: np.ndarray, labels: np.ndarray) -> np.ndarray:
    G = np.exp(_log_softmax(Z))
    G[np.arange(labels.size), labels] -= 1.0
    G /= labels.size
    return G


class Dense:
    """out = X W + b: a dense (fully connected) layer (chapter 13).

    ``W`` (n_in, n_out) and ``b`` (n_out,) are views into the network's parameter
    vector, ``dW`` and ``db`` into its gradient vector. ``backward(G)`` writes
    dL/dW = X^T G and dL/db = column sums of G there and returns dL/dX = G W^T.
    """

    def __init__(self, W: np.ndarray, b: np.ndarray, dW: np.ndarray, db: np.ndarray) -> None:
        self.W, self.b, self.dW, self.db = W, b, dW, db
        self.X: np.ndarray | None = None

    def forward(self, X: np.ndarray) -> np.ndarray:
        self.X = X  # kept for the backward pass
        return X @ self.W + self.b

    def backward(self, G: np.ndarray) -> np.ndarray:
        self.dW[...] = self.X.T @ G
        self.db[...] = G.sum(axis=0)
        return G @ self.W.T


class ReLU:
    """max(0, x) elementwise; its backward pass lets G through where the input was positive (chapter 13)."""

    def forward(self, X: np.ndarray) -> np.ndarray:
        self.positive = X > 0
        return np.where(self.positive, X, 0.0)

    def backward(self, G: np.ndarray) -> np.ndarray:
        return np.where(self.positive, G, 0.0)


class Tanh:
    """tanh elementwise; its backward pass multiplies G by 1 - tanh^2 (chapter 13)."""

    def forward(self, X: np.ndarray) -> np.ndarray:
        self.out = np.tanh(X)
        return self.out

    def backward(self, G: np.ndarray) -> np.ndarray:
        return G * (1.0 - self.out**2)


ACTIVATIONS = {"relu": ReLU, "tanh": Tanh}
"""The hidden layer's activations, by name (chapter 13)."""


class Network:
    """Dense, activation, dense: logits from inputs, with one hidden layer or none (chapter 13).

    ``Network(n_inputs, n_hidden, n_classes, rng=rng)``. With ``n_hidden=0`` it is
    softmax regression, Z = X W + b, and starts from zeros; otherwise
    Z = act(X W1 + b1) W2 + b2, with the weights drawn from ``rng`` as
    N(0, 2 / fan_in) for ReLU (He et al., 2015) and N(0, 1 / fan_in) for tanh, and
    the biases 0. ``params`` holds W1, b1, W2, b2 (or W, b) flattened, in that order.
    """

    def __init__(self, n_inputs: int, n_hidden: int, n_classes: int, *, rng: np.random.Generator | None = None,
                 activation: str = "relu") -> None:
        sizes = [v.positive_int("n_inputs", n_inputs)]
        if v.non_negative_int("n_hidden", n_hidden):
            sizes.append(n_hidden)
            v.one_of("activation", activation, tuple(ACTIVATIONS))
            if rng is None:
                raise TypeError("rng is required for a hidden layer: pass rng=np.random.default_rng(seed)")
            v.generator("rng", rng)
        k = v.positive_int("n_classes", n_classes)
        if k < 2:
            raise ValueError(f"n_classes must be at least 2, got {n_classes!r}")
        sizes.append(k)
        self.n_classes = k
        shapes = [shape for a, b in zip(sizes, sizes[1:]) for shape in ((a, b), (b,))]
        self.params = np.zeros(sum(int(np.prod(s)) for s in shapes))
        self.grad = np.zeros_like(self.params)
        views, grads, start = [], [], 0
        for s in shapes:
            size = int(np.prod(s))
            views.append(self.params[start:start + size].reshape(s))
            grads.append(self.grad[start:start + size].reshape(s))
            start += size
        self.layers: list[Any] = []
        for i in range(0, len(shapes), 2):
            if i:
                self.layers.append(ACTIVATIONS[activation]())
            self.layers.append(Dense(views[i], views[i + 1], grads[i], grads[i + 1]))
        if len(sizes) == 3:  # He (ReLU) or LeCun (tanh) initialisation
            gain = 2.0 if activation == "relu" else 1.0
            for W in views[0::2]:
                W[...] = rng.normal(0.0, np.sqrt(gain / W.shape[0]), size=W.shape)

    def logits(self, X: Any) -> np.ndarray:
        """The forward pass: Z, one row of n_classes logits per row of X."""
        out = v.features("X", X)
        if out.shape[1] != self.layers[0].W.shape[0]:
            raise ValueError(f"X must have {self.layers[0].W.shape[0]} features (columns), got {out.shape[1]}")
        for layer in self.layers:
            out = layer.forward(out)
        return out

    def predict(self, X: Any) -> np.ndarray:
        """The class with the largest logit, for every row of X."""
        return np.argmax(self.logits(X), axis=1)

    def loss(self, X: Any, y: Any) -> float:
        """The mean softmax cross-entropy on (X, y) (inf or nan once the logits overflow)."""
        Z = self.logits(X)
        return _cross_entropy(Z, _labels_for(Z, y))

    def loss_and_gradient(self, X: Any, y: Any) -> tuple[float, np.ndarray]:
        """(L, dL/dparams): the forward pass, then the backward pass through every layer in reverse."""
        Z = self.logits(X)
        labels = _labels_for(Z, y)
        loss = _cross_entropy(Z, labels)
        G = _loss_gradient(Z, labels)
        for layer in reversed(self.layers):
            G = layer.backward(G)
        return loss, self.grad.copy()


@dataclass(frozen=True)
class NetworkFitResult:
    """What ``fit_network`` did (chapter 13).

    Attributes:
        losses: the mean cross-entropy on the training data, at the start and after each epoch.
        test_losses: the same on the test data (empty when none was given).
        n_steps: how many updates were made.
        status: "completed", or "diverged" when the training loss stopped being finite
            (the run then stops after that epoch).
    """

    losses: np.ndarray
    test_losses: np.ndarray
    n_steps: int
    status: str = "completed"


def fit_network(net: Network, X: Any, y: Any, *, learning_rate: float | Callable[[int], float] | Optimizer,
                epochs: int, batch_size: int, rng: np.random.Generator,
                test: tuple[Any, Any] | None = None) -> NetworkFitResult:
    """Train ``net`` in place by minibatch descent on the mean cross-entropy (chapter 13).

    Every epoch visits the examples in batches from ``minibatches(n, batch_size,
    rng=rng)`` (chapter 7), and each batch's gradient goes to the optimizer, which
    updates ``net.params`` (a number or a schedule means plain SGD). ``test`` is an
    optional (X_test, y_test) pair whose loss is recorded after every epoch as well.
    """
    v.instance("net", net, Network, "a Network")
    Xa, ya = v.dataset(X, y)
    labels = v.class_labels("y", ya, net.n_classes)
    if test is not None:
        test = v.dataset(*test)
        test = (test[0], v.class_labels("y_test", test[1], net.n_classes))
    opt = as_optimizer(learning_rate)
    if opt.needs_f:
        raise TypeError(f"fit_network takes a learning rate, a schedule or an optimizer that needs only "
                        f"gradients (GradientDescent, Momentum, Adam), not the line search {opt!r}")
    n_epochs = v.non_negative_int("epochs", epochs)
    opt.start(net.params, Evaluations(None, None))
    losses, test_losses, step, status = [net.loss(Xa, labels)], [], 0, "completed"
    if test is not None:
        test_losses.append(net.loss(*test))
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(n_epochs):
            for batch in minibatches(labels.size, batch_size, rng=rng):
                _, g = net.loss_and_gradient(Xa[batch], labels[batch])
                opt.apply(net.params, g, step)
                step += 1
            losses.append(net.loss(Xa, labels) if np.all(np.isfinite(net.params)) else np.inf)
            if test is not None:
                test_losses.append(net.loss(*test))
            if not np.isfinite(losses[-1]):
                status = "diverged"
                break
    return NetworkFitResult(np.array(losses), np.array(test_losses), step, status)
