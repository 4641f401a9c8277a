"""Self-checks for the exercises: call one after writing your answer (chapter 1 onwards).

Each check prints one line when the answer is right and otherwise shows a short
hint that names the likely mistake, without giving the answer away. The checks
use fresh random data every time, so an answer tuned to particular numbers fails.
"""

from .adaptive import check_adam_step, check_bias_correction, check_warmup_cosine
from .core import CheckFailed, NotAttempted
from .autodiff import check_backward_pass, check_forward_gradient, check_sigmoid
from .derivatives import check_descend, check_learning_rate_for, check_polynomial_derivative
from .difference_quotients import check_central_difference, check_numeric_descent, check_second_difference
from .gradient import check_directional_derivative, check_gradient_g, check_numerical_gradient
from .paraboloid import check_descent_path, check_largest_stable_rate, check_random_start
from .regression import check_learning_rate_for_data, check_mse_gradient, check_to_original_scale
from .minibatch import check_batch_noise, check_minibatch_epoch, check_minibatch_iterator
from .momentum import check_heavy_ball_rate, check_momentum_step, check_optimal_momentum
from .sgd import check_decaying_rate, check_fraction_missed, check_sgd_step
from .step_size import check_backtracking, check_exact_step, check_first_stable_step
from .classifier import check_confusion_matrix, check_cross_entropy_gradient, check_log_sum_exp
from .convergence import check_guaranteed_decrease, check_newton_step, check_slowest_factor

__all__ = [
    "check_adam_step",
    "check_backtracking",
    "check_backward_pass",
    "check_batch_noise",
    "check_bias_correction",
    "check_central_difference",
    "check_confusion_matrix",
    "check_cross_entropy_gradient",
    "check_decaying_rate",
    "check_descend",
    "check_descent_path",
    "check_directional_derivative",
    "check_exact_step",
    "check_first_stable_step",
    "check_forward_gradient",
    "check_fraction_missed",
    "check_gradient_g",
    "check_guaranteed_decrease",
    "check_heavy_ball_rate",
    "check_largest_stable_rate",
    "check_learning_rate_for",
    "check_learning_rate_for_data",
    "check_log_sum_exp",
    "check_minibatch_epoch",
    "check_minibatch_iterator",
    "check_momentum_step",
    "check_mse_gradient",
    "check_newton_step",
    "check_numeric_descent",
    "check_numerical_gradient",
    "check_optimal_momentum",
    "check_polynomial_derivative",
    "check_random_start",
    "check_second_difference",
    "check_slowest_factor",
    "check_sgd_step",
    "check_sigmoid",
    "check_to_original_scale",
    "check_warmup_cosine",
    "CheckFailed",
    "NotAttempted",
]
