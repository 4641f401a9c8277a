"""The learner's view in a real JupyterLab: exercises rendered, solutions collapsed, no widget repr.

JupyterLab 4.4.10 with jupyterlab-myst 2.7.0 (the README's install line) runs from a cached
environment of its own (tools/graders/jupyterlab.txt, as for the graders) on 127.0.0.1, serving a
copy of chapters 1 and 4; headless Chromium opens each chapter as a learner would, before running
anything. (For the test only, JupyterLab puts every cell in the page at once instead of those in
view: the setting `windowingMode: none`.) A screenshot of each is written to _build/jupyterlab/.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from browser import CHROMIUM_ARGS
from gdutils.explorer import EXPLORER_PLACEHOLDER
from graders import ROOT, chapter, grader_env, jupyterlab, solution_lines

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = ROOT / "_build" / "jupyterlab"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """The base URL of a JupyterLab serving a copy of chapters 1 and 4."""
    assert Path(CHROMIUM).exists(), (
        "The JupyterLab test needs Debian's Chromium at /usr/bin/chromium: sudo apt-get install chromium "
        "(see the README's Quick start)")
    env = grader_env("jupyterlab")
    settings = env / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "overrides.json").write_text(
        json.dumps({"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}}))
    root = tmp_path_factory.mktemp("lab")
    for stem in ("01_derivatives", "04_paraboloid"):
        shutil.copy(ROOT / "chapters" / f"{stem}.ipynb", root)
    with jupyterlab(root) as base:
        yield base


def open_chapter(lab: str, stem: str) -> dict:
    """What a learner sees of the chapter: exercises, collapsed cells and the page's text."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 1000})
            page.goto(f"{lab}/lab/tree/{stem}.ipynb?reset", timeout=120_000)
            page.wait_for_selector(".jp-Notebook .myst aside.myst-exercise .katex", timeout=120_000)
            page.wait_for_timeout(1000)
            seen = page.evaluate("""() => ({
                exercises: [...document.querySelectorAll('.jp-Notebook .myst aside.myst-exercise[id]')].map(
                    a => ({id: a.id, title: a.querySelector('.myst-exercise-title').innerText,
                           math: a.querySelectorAll('.katex').length})),
                collapsed: [...document.querySelectorAll('.jp-Notebook .jp-InputPlaceholder')].map(
                    p => p.innerText.trim()),
                text: document.querySelector('.jp-Notebook').innerText,
            })""")
            page.locator(".jp-Notebook .jp-Cell").nth(len(chapter(stem).cells) - 8).scroll_into_view_if_needed()
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{stem}.png"))
            return seen
        finally:
            browser.close()


def test_exercises_render_and_solutions_stay_collapsed(lab):
    nb = chapter("01_derivatives")
    seen = open_chapter(lab, "01_derivatives")
    assert [e["id"] for e in seen["exercises"]] == ["ex-1-1", "ex-1-2", "ex-1-3"]
    assert seen["exercises"][0]["title"] == "Exercise 1 (Differentiate a polynomial)"
    assert all(e["math"] > 0 for e in seen["exercises"]), "math inside the exercises is typeset"
    assert ":label:" not in seen["text"] and "{exercise}" not in seen["text"]
    # Every cell of a solution is collapsed to its first line: a def line or a MyST comment.
    hidden = [c.source.splitlines()[0] for c in nb.cells if c.metadata.get("jupyter", {}).get("source_hidden")]
    assert seen["collapsed"] == hidden and len(hidden) == 4
    # Nothing else of a solution is in view (the collapsed comment line says only what is below it).
    assert [line for line in solution_lines(nb) if line in seen["text"] and line not in hidden] == []


def test_the_saved_explorer_shows_a_placeholder(lab):
    seen = open_chapter(lab, "04_paraboloid")
    assert EXPLORER_PLACEHOLDER in seen["text"]
    assert "VBox(children" not in seen["text"]
