"""gdutils: the helper package of the course book *Gradient Descent from Scratch*.

One module per concept, each introduced in a chapter:

- ``differentiation``: difference quotients, the complex step, numerical gradients (chapters 2-3);
- ``descent``: gradient descent returning a ``DescentResult`` (chapter 1);
- ``step_size``: learning-rate schedules and line searches (exact, backtracking) (chapter 5);
- ``trace``: printing a run as a table at a fixed precision (chapter 1);
- ``objectives``: the functions the chapters minimise, with their derivatives (chapter 1),
  and functions of several variables with their gradients (chapter 3);
- ``plotting``: the book's figures (all chapters); contours, gradient fields and surfaces of
  functions of two variables from chapter 3 on;
- ``checks``: self-checks for the exercises (all chapters);
- ``homework``: student versions of the chapters, for instructors.
"""

from .descent import DescentResult, gradient_descent
from .differentiation import (
    backward_difference,
    central_difference,
    complex_step,
    forward_difference,
    gradient_check,
    numerical_gradient,
)
from .step_size import (
    Backtracking,
    ExactQuadraticLineSearch,
    NumericalLineSearch,
    backtracking_step,
    decaying_learning_rate,
    exact_quadratic_step,
)
from .trace import format_trace, print_trace

__version__ = "0.1.0"

__all__ = [
    "Backtracking",
    "DescentResult",
    "ExactQuadraticLineSearch",
    "NumericalLineSearch",
    "backtracking_step",
    "decaying_learning_rate",
    "exact_quadratic_step",
    "backward_difference",
    "central_difference",
    "complex_step",
    "format_trace",
    "forward_difference",
    "gradient_check",
    "gradient_descent",
    "numerical_gradient",
    "print_trace",
]
