"""Self-checks for the exercises: call one after writing your answer (chapter 1 onwards).

Each check prints one line when the answer is right and otherwise shows a short
hint that names the likely mistake, without giving the answer away. The checks
use fresh random data every time, so an answer tuned to particular numbers fails.
"""

from .core import CheckFailed, NotAttempted
from .derivatives import check_descend, check_learning_rate_for, check_polynomial_derivative
from .difference_quotients import check_central_difference, check_numeric_descent, check_second_difference
from .regression import check_learning_rate_for_data, check_mse_gradient, check_to_original_scale
from .minibatch import check_batch_noise, check_minibatch_epoch, check_minibatch_iterator
from .sgd import check_decaying_rate, check_fraction_missed, check_sgd_step

__all__ = [
    "CheckFailed",
    "NotAttempted",
    "check_batch_noise",
    "check_central_difference",
    "check_decaying_rate",
    "check_descend",
    "check_fraction_missed",
    "check_learning_rate_for",
    "check_learning_rate_for_data",
    "check_minibatch_epoch",
    "check_minibatch_iterator",
    "check_mse_gradient",
    "check_numeric_descent",
    "check_polynomial_derivative",
    "check_second_difference",
    "check_sgd_step",
    "check_to_original_scale",
]
