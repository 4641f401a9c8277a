"""The HTML book builds from the stored outputs with zero Sphinx warnings."""

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
    chapter3 = (html / "chapters" / "03_gradient.html").read_text()
    # The chapter's prose refers to "section 3.3.1" and "section 3.7": the numbers must exist.
    assert '<span class="section-number">3.3.1. </span>The direction of steepest ascent' in chapter3
    assert '<span class="section-number">3.7. </span>What can go wrong' in chapter3
    assert "Exercise 3.3 (The slope in a given direction)" in chapter3
    step_size = (html / "chapters" / "05_step_size.html").read_text()
    assert "Choosing the step size" in step_size and "(The exact step on a quadratic)" in step_size
    assert step_size.count("<img") >= 4  # the line-search figure and the three comparisons
