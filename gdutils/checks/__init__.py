"""Self-checks for the exercises: call one after writing your answer (chapter 1 onwards).

Each check prints one line when the answer is right and otherwise shows a short
hint that names the likely mistake, without giving the answer away. The checks
use fresh random data every time, so an answer tuned to particular numbers fails.
"""

from .core import CheckFailed, NotAttempted
from .derivatives import check_descend, check_learning_rate_for, check_polynomial_derivative
from .difference_quotients import check_central_difference, check_numeric_descent, check_second_difference
from .gradient import check_directional_derivative, check_gradient_g, check_numerical_gradient
from .step_size import check_backtracking, check_exact_step, check_first_stable_step

__all__ = [
    "CheckFailed",
    "NotAttempted",
    "check_backtracking",
    "check_central_difference",
    "check_descend",
    "check_directional_derivative",
    "check_exact_step",
    "check_first_stable_step",
    "check_gradient_g",
    "check_learning_rate_for",
    "check_numeric_descent",
    "check_numerical_gradient",
    "check_polynomial_derivative",
    "check_second_difference",
]
