"""The HTML book builds from the stored outputs with zero Sphinx warnings."""

import re
import subprocess
import sys
from pathlib import Path

from notebook_utils import ROOT, toc_files


def test_book_builds_without_warnings(tmp_path):
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    result = subprocess.run(
        [str(jupyter_book), "build", "--all", "-W", "-n", "--keep-going", "--path-output", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-5000:]
    assert "WARNING" not in log, log[-5000:]
    html = tmp_path / "_build" / "html"
    for page in toc_files():
        assert (html / f"{page}.html").is_file(), page
    chapter = (html / "chapters" / "01_derivatives.html").read_text()
    # Chapters are numbered by the table of contents, and exercises within their chapter.
    assert '<span class="section-number">1.4. </span>Gradient descent in one variable' in chapter
    assert "Exercise 1.1 (Differentiate a polynomial)" in chapter
    assert "dropdown" in chapter and "solution" in chapter
    assert "BEGIN SOLUTION" in chapter  # solution code is shown, markers and all, inside the dropdown
    regression = (html / "chapters" / "06_linear_regression.html").read_text()
    assert "The gradient by the chain rule" in regression and "Back to the original scale" in regression
    # Chapters 7-8 (numbered by their place in the table of contents).
    for page, exercise in [("07_minibatch", r"Exercise \d+\.1 \(A minibatch iterator\)"),
                           ("08_sgd", r"Exercise \d+\.3 \(What an epoch with replacement misses\)")]:
        text = (html / "chapters" / f"{page}.html").read_text()
        assert re.search(exercise, text), page
