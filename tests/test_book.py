"""The HTML book: it builds with zero Sphinx warnings, and every page works in a real browser.

The browser part drives Debian's Chromium (``/usr/bin/chromium``) with Playwright against the
book served on localhost, with every request to another host blocked: a page passes when it
logs no console error or uncaught exception, every request it makes succeeds, its math is
typeset (by the local MathJax), every image and every animation's first frame is shown, and
it weighs at most ``MAX_PAGE_BYTES``. Screenshots and a weight report go to ``_build/browser/``.
"""

from __future__ import annotations

import pkgutil
import re
import shutil
from pathlib import Path

import pytest
import yaml

import gdutils

from browser import BrowserReport, PageVisit, browser_session, serve
from notebook_utils import ROOT, toc_files

CHROMIUM = Path("/usr/bin/chromium")
MAX_PAGE_BYTES = 3_000_000
"""A page's HTML plus the figures and animations it shows, in bytes."""
SCREENSHOTS = ROOT / "_build" / "browser"


def test_book_builds_without_warnings(build):
    html, log = build
    assert "WARNING" not in log, log[-5000:]
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
    # Chapter 4 shows three live explorers (gdutils.live, tested in test_live.py) instead of an
    # animation, and no widget, and loads no script or stylesheet from a third-party host (no widget
    # manager; test_no_page_refers_to_a_third_party_host_for_its_content checks every page).
    paraboloid = (html / "chapters" / "04_paraboloid.html").read_text()
    assert paraboloid.count('class="gd-explorer"') == 3 and "anim-controls" not in paraboloid
    assert "widget-view+json" not in paraboloid and "jupyter-widgets" not in paraboloid
    # Its prose refers to sections 4.3 to 4.8 and to Exercise 4.1 by number: the numbers must match.
    for number, title in [("4.3", "The run from (9, 9)"), ("4.4", "How the learning rate"),
                          ("4.5", "When to stop"), ("4.6", "An elongated bowl"),
                          ("4.8", "A surface with several minima")]:
        assert f'<span class="section-number">{number}. </span>{title}' in paraboloid, number
    assert "Exercise 4.1 (The largest stable learning rate)" in paraboloid
    regression = (html / "chapters" / "06_linear_regression.html").read_text()
    assert "The gradient by the chain rule" in regression and "Back to the original scale" in regression
    # Chapters 7-8 (numbered by their place in the table of contents).
    for page, exercise in [("07_minibatch", r"Exercise 7.1 \(A minibatch iterator\)"),
                           ("08_sgd", r"Exercise 8.3 \(What an epoch with replacement misses\)")]:
        text = (html / "chapters" / f"{page}.html").read_text()
        assert re.search(exercise, text), page
    step_size = (html / "chapters" / "05_step_size.html").read_text()
    assert "Choosing the step size" in step_size and "(The exact step on a quadratic)" in step_size
    assert step_size.count("<img") >= 4  # the line-search figure and the three comparisons


def test_no_page_refers_to_a_third_party_host_for_its_content(build):
    # Links a reader may click (launch buttons, the repository, references) are fine; what a page
    # loads by itself (scripts, styles, images, fonts, frames) must come from the book's own folder.
    html, _ = build
    from browser import third_party_loads

    offenders = {p.relative_to(html).as_posix(): third_party_loads(p.read_text()) for p in html.rglob("*.html")}
    assert not {page: urls for page, urls in offenders.items() if urls}


def _article(page_html: str) -> str:
    """The page's own content, without the navigation around it."""
    return page_html[page_html.index("<article"):page_html.index("</article>")]


def test_launch_buttons_open_each_chapter_in_binder_and_colab(build):
    html, _ = build
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    slug = config["repository"]["url"].removeprefix("https://github.com/")
    branch = config["repository"]["branch"]
    for page in toc_files():
        if page.startswith("chapters/"):
            text = (html / f"{page}.html").read_text()
            assert f"https://mybinder.org/v2/gh/{slug}/{branch}?urlpath=lab/tree/{page}.ipynb" in text, page
            assert f"https://colab.research.google.com/github/{slug}/blob/{branch}/{page}.ipynb" in text, page


def test_landing_page_maps_every_chapter(build):
    html, _ = build
    article = _article((html / "intro.html").read_text())
    for page in toc_files()[1:]:
        assert f'href="{page}.html' in article, page


def test_reference_documents_every_module_and_chapters_link_to_it(build):
    html, _ = build
    reference = (html / "reference.html").read_text()
    modules = [m.name for m in pkgutil.walk_packages(gdutils.__path__, "gdutils.")
               if not m.name.rsplit(".", 1)[-1].startswith("_")]
    assert modules and not [m for m in modules if f'id="module-{m}"' not in reference]
    for page in toc_files():
        if page.startswith("chapters/"):
            # Where a chapter introduces a helper, it links to the helper's entry in the reference.
            assert '../reference.html#gdutils.' in _article((html / f"{page}.html").read_text()), page


def test_colab_cell_is_not_in_the_html(build):
    html, _ = build
    for page in toc_files():
        if page.startswith("chapters/"):
            assert "google.colab" not in (html / f"{page}.html").read_text(), page


@pytest.fixture(scope="module")
def browser(build):
    if not CHROMIUM.exists():
        pytest.fail(
            "The browser test needs Debian's Chromium at /usr/bin/chromium: "
            "sudo apt-get install chromium (see README, 'Running the tests')",
            pytrace=False,
        )
    html, _ = build
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    report = BrowserReport(SCREENSHOTS / "report.md")
    with serve(html) as base_url, browser_session(str(CHROMIUM)) as session:
        yield session, base_url, html
    report.write()


PAGES = toc_files()  # index.html only redirects to the root page


@pytest.mark.parametrize("page", PAGES)
def test_page_works_in_a_browser_without_network(browser, page):
    session, base_url, html = browser
    visit: PageVisit = session.visit(f"{base_url}/{page}.html", html, screenshot=SCREENSHOTS / f"{page.replace('/', '__')}.png")
    BrowserReport.add(page, visit)
    assert not visit.blocked, f"requests to other hosts: {visit.blocked}"
    assert not visit.failed, f"failed requests: {visit.failed}"
    assert not visit.console_errors, f"console errors: {visit.console_errors}"
    assert not visit.page_errors, f"uncaught exceptions: {visit.page_errors}"
    assert visit.math_total == visit.math_typeset, (
        f"{visit.math_total - visit.math_typeset} of {visit.math_total} formulas were not typeset"
    )
    assert not visit.math_errors, f"MathJax could not typeset: {visit.math_errors}"
    assert not visit.math_too_wide, f"display math wider than the text column: {visit.math_too_wide}"
    assert not visit.broken_images, f"images that did not load: {visit.broken_images}"
    assert visit.animations == visit.animations_shown, "an animation shows no first frame"
    assert visit.weight <= MAX_PAGE_BYTES, f"{page} weighs {visit.weight:,} bytes (HTML + media)"
    if page.startswith("chapters/"):
        assert visit.math_total > 0, "a chapter without math: is MathJax missing?"


def test_search_finds_the_chapters(browser):
    session, base_url, _ = browser
    links = session.search(f"{base_url}/search.html?q=gradient")
    assert any("chapters/" in link for link in links), links
