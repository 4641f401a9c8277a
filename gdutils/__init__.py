"""gdutils: the helper package of the course book *Gradient Descent from Scratch*.

One module per concept, each introduced in a chapter:

- ``differentiation``: difference quotients, the complex step, numerical gradients (chapters 2-3);
- ``descent``: gradient descent returning a ``DescentResult`` (chapter 1);
- ``optimizers``: the optimizer interface: one update from a gradient, a learning rate as a
  number or a schedule, plain gradient descent (chapter 1; schedules chapter 5), momentum
  (chapter 10);
- ``step_size``: learning-rate schedules and line searches (exact, backtracking) (chapter 5);
- ``validation``: the argument checks every public function makes (all chapters);
- ``trace``: printing a run as a table at a fixed precision (chapter 1);
- ``objectives``: the functions the chapters minimise, with their derivatives (chapter 1),
  and functions of several variables with their gradients (chapter 3);
- ``regression``: linear regression by gradient descent on the MSE, ``fit_linear`` (chapter 6);
- ``epoch``: one epoch of minibatch descent on the MSE: its order, chunks and steps (chapters 7-8);
- ``minibatch``: minibatch index iterators, with and without replacement (chapters 7-8);
- ``stochastic``: measuring minibatch and stochastic descent: gradient noise, coverage, timings (chapters 7-8);
- ``plotting``: the book's figures (all chapters); contours, gradient fields and surfaces of
  functions of two variables from chapter 3 on;
- ``explorer``: descent in two variables, live with sliders (ipywidgets) for a function of your
  own, and as an animation (chapter 4);
- ``live``: explorers that rerun descent in the page, in JavaScript equal to ``gradient_descent``
  and ``Momentum`` bit for bit: the HTML book's sliders (chapters 1, 4 and 10);
- ``momentum``: the heavy ball on a quadratic: its iteration matrix, rate and best parameters
  (chapter 10);
- ``adaptive``: AdaGrad, RMSProp, Adam and AdamW, as torch.optim (chapter 11; re-exported by
  ``optimizers``);
- ``autodiff``: reverse-mode automatic differentiation on scalars, ``Value`` (chapter 12);
- ``dual``: forward-mode automatic differentiation with dual numbers, ``Dual`` (chapter 12);
- ``expressions``: random expressions written as data, to test differentiation on (chapter 12);
- ``classification``: logistic regression by gradient descent on the cross-entropy, ``fit_logistic``,
  accuracy and the confusion matrix (chapter 13);
- ``network``: softmax cross-entropy, dense layers and a network with one hidden layer, trained by
  backpropagation with ``fit_network`` (chapter 13);
- ``checks``: self-checks for the exercises (all chapters);
- ``homework``: student versions of the chapters, for instructors.
"""

from .descent import DescentResult, Status, gradient_descent
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
from .optimizers import (
    AdaGrad,
    Adam,
    AdamW,
    GradientDescent,
    Momentum,
    Optimizer,
    RMSProp,
    as_optimizer,
    as_schedule,
)
from .minibatch import minibatches, sample_with_replacement
from .regression import (
    LinearFitResult,
    closed_form,
    design_matrix,
    fit_linear,
    mse,
    mse_gradient,
    mse_gradient_loop,
    standardise,
    to_original_scale,
)
from .stochastic import (
    best_time,
    epoch_time_parts,
    measured_spread,
    missed_per_epoch,
    per_example_gradients,
    predicted_spread,
    sgd_updates,
)
from .trace import format_fit_trace, format_trace, print_fit_trace, print_trace

__version__ = "0.1.0"

__all__ = [
    "AdaGrad",
    "Adam",
    "AdamW",
    "RMSProp",
    "as_optimizer",
    "as_schedule",
    "Backtracking",
    "backtracking_step",
    "backward_difference",
    "best_time",
    "central_difference",
    "closed_form",
    "complex_step",
    "decaying_learning_rate",
    "DescentResult",
    "design_matrix",
    "epoch_time_parts",
    "exact_quadratic_step",
    "ExactQuadraticLineSearch",
    "fit_linear",
    "format_fit_trace",
    "format_trace",
    "forward_difference",
    "gradient_check",
    "GradientDescent",
    "Momentum",
    "gradient_descent",
    "LinearFitResult",
    "measured_spread",
    "minibatches",
    "missed_per_epoch",
    "mse",
    "mse_gradient",
    "mse_gradient_loop",
    "numerical_gradient",
    "NumericalLineSearch",
    "Optimizer",
    "per_example_gradients",
    "predicted_spread",
    "print_fit_trace",
    "print_trace",
    "sample_with_replacement",
    "sgd_updates",
    "standardise",
    "Status",
    "to_original_scale",
]
