"""Shared settings for the unit tests: figures go to the non-interactive Agg backend."""

import matplotlib

matplotlib.use("Agg")
