"""Figures for the chapters, so that a notebook shows the idea and not the boilerplate (all chapters).

Each function draws one kind of figure in the book's style and returns the
matplotlib Figure (assign it, ``fig = ...``, so the notebook shows the picture
and not a repr). A figure of one panel takes ``title=`` and ``ax=`` (draw on a
given Axes, for panels side by side). One module per chapter, named like
``gdutils.checks``, plus the shared parts:

- ``style``: the book's style and colours, new-or-given axes, and the one rule for
  log axes (a value the axis cannot show is drawn at its bottom);
- ``plane``: the machinery of functions of two variables: grids, contours, paths;
- ``derivatives`` (chapter 1), ``difference_quotients`` (chapter 2), ``gradient``
  (chapter 3), ``paraboloid`` (chapter 4), ``step_size`` (chapter 5), ``regression``
  (chapter 6), ``minibatch`` (chapters 7 and 8), ``momentum`` (chapter 10), ``adaptive``
  (chapter 11), ``autodiff`` (chapter 12), ``classifier`` (chapter 13).
"""

from .adaptive import plot_paths_side_by_side, plot_range_test, plot_schedules
from .autodiff import graph_layers, plot_graph
from .classifier import (
    plot_confusion_matrix,
    plot_decision_boundary,
    plot_digit_images,
    plot_train_test_losses,
    plot_weight_norms,
)
from .derivatives import plot_descent_1d, plot_tangents, plot_with_derivatives
from .difference_quotients import plot_error_vs_h, plot_quotient_vs_derivative
from .gradient import plot_contour_paths, plot_directional_derivatives, plot_gradient_field, plot_surface
from .minibatch import plot_batch_assignments, plot_gradient_spread, plot_log_curves
from .momentum import plot_distances, plot_rate_map, plot_rates_against_kappa
from .paraboloid import plot_contour_panels, plot_distance_curves
from .plane import evaluate_on_grid
from .regression import plot_fit_evolution, plot_loss_curves
from .step_size import plot_gap_vs_evals, plot_line_search, plot_step_size_comparison
from .style import BOOK_STYLE, COLORS, book_style, on_log_axis

__all__ = [
    "BOOK_STYLE",
    "COLORS",
    "book_style",
    "evaluate_on_grid",
    "graph_layers",
    "on_log_axis",
    "plot_batch_assignments",
    "plot_confusion_matrix",
    "plot_contour_panels",
    "plot_contour_paths",
    "plot_decision_boundary",
    "plot_descent_1d",
    "plot_digit_images",
    "plot_directional_derivatives",
    "plot_distance_curves",
    "plot_distances",
    "plot_error_vs_h",
    "plot_fit_evolution",
    "plot_gap_vs_evals",
    "plot_gradient_field",
    "plot_graph",
    "plot_gradient_spread",
    "plot_line_search",
    "plot_paths_side_by_side",
    "plot_log_curves",
    "plot_loss_curves",
    "plot_quotient_vs_derivative",
    "plot_range_test",
    "plot_rate_map",
    "plot_rates_against_kappa",
    "plot_schedules",
    "plot_step_size_comparison",
    "plot_surface",
    "plot_tangents",
    "plot_train_test_losses",
    "plot_weight_norms",
    "plot_with_derivatives",
]
