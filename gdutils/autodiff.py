"""Reverse-mode automatic differentiation on scalars: ``Value`` (chapter 12).

A ``Value`` holds a number (``data``) and, after a backward pass, the derivative
of the output with respect to it (``grad``). Every operation on Values makes a
new node that remembers its ``parents`` and its **local derivatives**
``local_grads``: the partial derivative of the node with respect to each parent,
computed in the forward pass. The nodes form a computational graph.

``backward()`` on the output runs the chain rule through that graph:

1. order the nodes so that every node comes after its parents (a topological
   order, :meth:`Value.graph`);
2. set every node's ``grad`` to 0 and the output's to 1;
3. visit the nodes from the output back to the inputs; each node adds
   ``local * self.grad`` to each parent's ``grad`` (:meth:`Value.propagate`).

A node used in several places receives one contribution from each use, so
gradients are **accumulated** with ``+=`` over every path. Because step 2 zeroes
the whole graph first, running ``backward()`` again gives the same gradients, not
twice them; chapter 12 shows what goes wrong without that step. (PyTorch instead
accumulates into the inputs' ``.grad`` across passes and asks you to zero them.)

The operations: ``+``, ``-``, ``*``, ``/`` (a number on either side), ``**`` with
an integer exponent, unary ``-``, and the methods ``exp()``, ``log()``, ``tanh()``
and ``relu()``. Values are not comparable (``<`` and ``==`` are not defined as
numbers): compare ``a.data`` instead.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

from . import validation as v

Number = int | float


class Value:
    """A scalar in a computational graph: ``data``, ``grad`` and how it was made (chapter 12).

    ``Value(3.0, label="x")`` makes an input. Operations make the other nodes:
    ``Value(data, parents, local_grads, op)`` is a node whose partial derivative
    with respect to ``parents[i]`` is ``local_grads[i]``; that is all a new
    operation needs to define (chapter 12's first exercise builds one).
    """

    __slots__ = ("data", "grad", "parents", "local_grads", "op", "label")

    def __init__(self, data: Number, parents: tuple[Value, ...] = (),
                 local_grads: tuple[Number, ...] = (), op: str = "", label: str = "") -> None:
        self.data = v.real_scalar("data", data)
        self.parents = tuple(parents)
        self.local_grads = tuple(float(d) for d in local_grads)
        if len(self.parents) != len(self.local_grads):
            raise ValueError(f"a node needs one local derivative per parent, got {len(self.parents)} "
                             f"parents and {len(self.local_grads)} local derivatives")
        for parent in self.parents:
            v.instance("parents", parent, Value, "a tuple of Values")
        self.grad = 0.0
        self.op = str(op)
        self.label = str(label)

    def __repr__(self) -> str:
        name = f"{self.label}: " if self.label else ""
        return f"Value({name}data={self.data:.6g}, grad={self.grad:.6g})"

    # -- the operations: each returns a new node with its local derivatives --

    def __add__(self, other: Value | Number) -> Value:
        other = as_value(other)
        return Value(self.data + other.data, (self, other), (1.0, 1.0), "+")

    def __sub__(self, other: Value | Number) -> Value:
        other = as_value(other)
        return Value(self.data - other.data, (self, other), (1.0, -1.0), "-")

    def __mul__(self, other: Value | Number) -> Value:
        other = as_value(other)
        return Value(self.data * other.data, (self, other), (other.data, self.data), "*")

    def __truediv__(self, other: Value | Number) -> Value:
        other = as_value(other)
        if other.data == 0.0:
            raise ZeroDivisionError(f"division by a Value whose data is 0 (dividing {self.data!r})")
        quotient = self.data / other.data
        return Value(quotient, (self, other), (1.0 / other.data, -quotient / other.data), "/")

    def __radd__(self, other: Number) -> Value:
        return as_value(other) + self

    def __rsub__(self, other: Number) -> Value:
        return as_value(other) - self

    def __rmul__(self, other: Number) -> Value:
        return as_value(other) * self

    def __rtruediv__(self, other: Number) -> Value:
        return as_value(other) / self

    def __neg__(self) -> Value:
        return Value(-self.data, (self,), (-1.0,), "neg")

    def __pow__(self, n: int) -> Value:
        n = integer_exponent(n)
        if n < 0 and self.data == 0.0:
            raise ZeroDivisionError(f"0 to the negative power {n}")
        slope = 0.0 if n == 0 else n * self.data ** (n - 1)
        return Value(self.data**n, (self,), (slope,), f"**{n}")

    def exp(self) -> Value:
        """e to the power ``data``; its derivative is itself."""
        try:
            out = math.exp(self.data)
        except OverflowError:
            raise OverflowError(f"exp({self.data!r}) is larger than the largest float") from None
        return Value(out, (self,), (out,), "exp")

    def log(self) -> Value:
        """The natural logarithm, defined for data > 0; its derivative is 1/data."""
        if self.data <= 0.0:
            raise ValueError(f"log needs a positive number, got data = {self.data!r}")
        return Value(math.log(self.data), (self,), (1.0 / self.data,), "log")

    def tanh(self) -> Value:
        """The hyperbolic tangent; its derivative is 1 - tanh^2."""
        t = math.tanh(self.data)
        return Value(t, (self,), (1.0 - t * t,), "tanh")

    def relu(self) -> Value:
        """max(data, 0); its derivative is 1 for data > 0 and 0 otherwise (0 at the kink, as in PyTorch)."""
        positive = self.data > 0.0
        return Value(self.data if positive else 0.0, (self,), (1.0 if positive else 0.0,), "relu")

    # -- the backward pass --

    def graph(self) -> list[Value]:
        """Every node this one depends on, itself last, each after all of its parents (a topological order).

        A depth-first search without recursion, so that graphs of any depth work.
        """
        order: list[Value] = []
        seen: set[int] = {id(self)}
        stack: list[tuple[Value, int]] = [(self, 0)]
        while stack:
            node, i = stack.pop()
            if i < len(node.parents):
                stack.append((node, i + 1))
                parent = node.parents[i]
                if id(parent) not in seen:
                    seen.add(id(parent))
                    stack.append((parent, 0))
            else:
                order.append(node)  # all of its parents are in order already
        return order

    def propagate(self) -> None:
        """One step of the chain rule: add local * self.grad to each parent's grad."""
        for parent, local in zip(self.parents, self.local_grads):
            parent.grad += local * self.grad

    def backward(self) -> None:
        """Fill ``grad`` of every node in the graph with the derivative of this node with respect to it.

        The graph's gradients are zeroed first, so a second call gives the same
        gradients again (chapter 12).
        """
        order = self.graph()
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            node.propagate()


def as_value(x: Value | Number) -> Value:
    """``x`` itself if it is a Value, else a constant Value holding the real number ``x`` (chapter 12)."""
    if isinstance(x, Value):
        return x
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"a Value can be combined with Values and real numbers only, got {v.show(x)}")
    return Value(x)


def integer_exponent(n: Any) -> int:
    """The exponent of ``**``, which must be an int: only integer powers are supported (chapter 12)."""
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError(f"the exponent of ** must be an integer (int), got {v.show(n)}; "
                        f"for other powers write exp(p * log(x))")
    return int(n)


def gradients(f: Any, x: Any) -> tuple[float, list[float]]:
    """f and its gradient at the point ``x`` (a sequence of numbers), by one backward pass (chapter 12).

    ``f`` takes a list of Values and returns a Value built from them.
    """
    v.callable_arg("f", f)
    inputs = [Value(xi, label=f"x{i}") for i, xi in enumerate(x)]
    out = f(inputs)
    v.instance("f(x)", out, Value, "a Value (build it from the Values f receives)")
    out.backward()
    return out.data, [xi.grad for xi in inputs]
