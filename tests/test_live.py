"""gdutils.live: the HTML book's live explorers, against gdutils itself (issue 15).

Without a browser: the generator's HTML is self-contained and labelled, and the page's
JavaScript, run in Node.js, reproduces ``gradient_descent``, ``Momentum`` and ``Adam`` bit for bit,
with the same status and message, on every objective it knows. ``pip`` builds the JavaScript into
gdutils from an archive of the repository.

In Chromium (Playwright), on the built book served on localhost with every other request
blocked: on every explorer, ``root.gdRun(...)`` with several settings gives the path of
``gradient_descent`` (or ``Momentum``, or ``Adam``) on the same settings; moving each slider with the
keyboard changes what is drawn, updates ``aria-valuetext`` and announces the status that
gdutils reports; no request leaves the page; chapter 4 weighs at most 600 kB (HTML plus
media) and no page with an explorer more than 1 MB. Screenshots go to ``_build/live/``.

In JupyterLab: the same cell output works once its cell has run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pytest

from gdutils import Adam, Momentum, gradient_descent, objectives
from gdutils.live import LIVE_OBJECTIVES, explorer_html, explorer_script, live_explorer

from browser import CHROMIUM_ARGS, LOCAL_HOSTS, BrowserSession, new_context, serve
from notebook_utils import ROOT

CHROMIUM = Path("/usr/bin/chromium")
NODE = shutil.which("node")
SCREENSHOTS = ROOT / "_build" / "live"
EXPLORERS = {"chapters/01_derivatives": ["SQUARE"],
             "chapters/04_paraboloid": ["PARABOLOID", "ELONGATED_BOWL", "HIMMELBLAU"],
             "chapters/09_convergence": ["QUARTIC"],
             "chapters/10_momentum": ["NARROW_BOWL"],
             "chapters/11_adaptive": ["NARROW_BOWL", "TURNED_BOWL"]}
"""The explorers of the book, page by page, in order (their data-objective)."""
CHAPTER_4_MAX_BYTES = 600_000
PAGE_WITH_EXPLORER_MAX_BYTES = 1_000_000
ONE_D = ("SQUARE", "SHIFTED_SQUARE", "CUBIC", "QUARTIC", "DOUBLE_WELL")


def reference(objective: str, settings: dict):
    """gdutils' run for an explorer's settings: gradient_descent, with Momentum or Adam when it has one."""
    obj = getattr(objectives, objective)
    grad = obj.df if objective in ONE_D else obj.grad
    start = settings["start"] if objective in ONE_D else np.array(settings["start"], dtype=float)
    beta, eta = settings.get("momentum"), settings["learning_rate"]
    rate = eta if beta is None else Momentum(eta, beta)
    if settings.get("beta1") is not None:
        rate = Adam(eta, beta1=settings["beta1"], beta2=settings["beta2"])
    return gradient_descent(grad, start, rate, settings["n_steps"], f=obj.f, tol=settings.get("tol"))


def largest_relative_difference(path, expected: np.ndarray) -> float:
    got = np.array(path, dtype=float)
    assert got.shape == expected.shape, (got.shape, expected.shape)
    scale = np.maximum(np.abs(expected), np.finfo(float).tiny)
    return float(np.max(np.abs(got - expected) / scale)) if got.size else 0.0


def assert_same_run(got: dict, objective: str, differences: list[float]) -> None:
    """The page's run equals gdutils' on the same settings: path (1e-12 relative, in fact bit for bit),
    f along it, status and message."""
    run = reference(objective, got)
    differences.append(largest_relative_difference(got["path"], run.path))
    assert differences[-1] <= 1e-12, (objective, got["learning_rate"], got["start"], differences[-1])
    np.testing.assert_array_equal(np.array(got["path"], dtype=float), run.path)
    np.testing.assert_array_equal(np.array(got["values"], dtype=float), run.values)
    assert (got["status"], got["message"]) == (str(run.status), run.message)


# --------------------------------------------------------------------------- the generator, no browser

SETTINGS = dict(xlim=(-10, 10), ylim=(-5, 5), learning_rate=0.02, rate_range=(0.001, 0.12), rate_step=0.001,
                start=(-9, 4), start_step=0.1, n_steps=40, max_steps=200)


def test_explorer_html_is_self_contained_and_labelled():
    page = explorer_html("ELONGATED_BOWL", momentum=0.5, tol=1e-8, title="A bowl", **SETTINGS)
    root = re.search(r'<div class="gd-explorer" id="([\w-]+)" data-objective="ELONGATED_BOWL" role="group" '
                     r'aria-labelledby="([\w-]+)">', page)
    assert root and root.group(2) == f"{root.group(1)}-title"
    # nothing is loaded: no src, no href, no url other than SVG's namespace name
    assert not re.search(r"\b(src|href)\s*=", page)
    assert set(re.findall(r"https?://[^\s\"']+", page)) == {"http://www.w3.org/2000/svg"}
    assert explorer_script() in page and "import(" not in page and "fetch(" not in page
    # every slider has its label, and the status is a polite live region
    inputs = re.findall(r'<input type="range" id="([\w-]+)" data-name="(\w+)"', page)
    assert [name for _, name in inputs] == ["learning_rate", "momentum", "n_steps", "x0", "y0"]
    for ident, _ in inputs:
        assert f'<label for="{ident}">' in page
    assert 'role="status" aria-live="polite"' in page
    assert live_explorer("PARABOLOID", **{**SETTINGS, "ylim": (-10, 10)}).data.count('class="gd-explorer"') == 1


def test_an_adam_explorer_has_sliders_for_both_betas():
    page = explorer_html("TURNED_BOWL", adam={"beta1": 0.9, "beta2": 0.999}, **{**SETTINGS, "ylim": (-10, 10)})
    inputs = re.findall(r'<input type="range" id="[\w-]+" data-name="(\w+)" min="([-\d.]+)" max="([-\d.]+)" '
                        r'step="([\d.]+)" value="([-\d.]+)"', page)
    assert [name for name, *_ in inputs] == ["learning_rate", "n_steps", "beta1", "beta2", "x0", "y0"]
    assert inputs[2][1:] == ("0.0", "0.99", "0.01", "0.9") and inputs[3][1:] == ("0.99", "0.999", "0.001", "0.999")


def test_several_explorers_have_distinct_ids():
    pages = [explorer_html("ELONGATED_BOWL", **SETTINGS) for _ in range(3)]
    ids = [set(re.findall(r'\bid="([^"]+)"', p)) for p in pages]
    assert all(ids) and not (ids[0] & ids[1]) and not (ids[1] & ids[2]) and not (ids[0] & ids[2])
    assert all(len(re.findall(r'\bid="', p)) == len(i) for p, i in zip(pages, ids))  # unique within each


@pytest.mark.parametrize(
    ("change", "error", "fragment"),
    [
        ({"objective": "BOWL"}, ValueError, "objective must be one of 'SQUARE'"),
        ({"learning_rate": 0.5}, ValueError, r"learning_rate must lie in \[0.001, 0.12\]"),
        ({"learning_rate": 0.0205}, ValueError, "learning_rate = 0.0205 is not on its slider's grid"),
        ({"start": (-9, 4, 1)}, ValueError, r"start must be a point \(x0, y0\) for this objective"),
        ({"start": (-11, 4)}, ValueError, r"start\[0\] must lie in \[-10, 10\]"),
        ({"n_steps": 300}, ValueError, r"n_steps must lie in \[0, 200\]"),
        ({"momentum": 1.0}, ValueError, r"momentum must lie in \[0, 0.99\]"),
        ({"rate_range": (0, 1)}, ValueError, "rate_range must hold positive learning rates"),
        ({"tol": -1.0}, ValueError, "tol must be >= 0"),
        ({"momentum": 0.5, "adam": {}}, ValueError, "give momentum or adam, not both"),
        ({"adam": {"beta3": 0.5}}, ValueError, r"adam takes the keys \['beta1', "),
        ({"adam": {"beta2_range": (0.9, 1.0)}}, ValueError, r"beta2_range must lie in \[0, 1\)"),
        ({"adam": {"beta1": 0.905}}, ValueError, "beta1 = 0.905 is not on its slider's grid"),
    ],
)
def test_bad_settings_are_refused(change, error, fragment):
    settings = {**SETTINGS, **change}
    with pytest.raises(error, match=fragment):
        explorer_html(settings.pop("objective", "ELONGATED_BOWL"), **settings)


def random_cases(seed: int = 15) -> list[dict]:
    """Runs on every objective the page knows: stable, oscillating and blowing-up learning rates,
    with and without momentum and tol, from random starts; then Adam's runs."""
    rng = np.random.default_rng(seed)
    rates = {"SQUARE": 1.3, "SHIFTED_SQUARE": 1.3, "CUBIC": 0.4, "QUARTIC": 0.1, "DOUBLE_WELL": 0.2, "PARABOLOID": 1.3, "ELONGATED_BOWL": 0.13,
             "NARROW_BOWL": 0.013, "TURNED_BOWL": 0.013, "HIMMELBLAU": 0.03, "ROSENBROCK": 0.003}
    cases = []
    for objective in LIVE_OBJECTIVES:
        for i in range(12):
            start = float(rng.uniform(-3, 3)) if objective in ONE_D else [float(c) for c in rng.uniform(-5, 5, 2)]
            cases.append({"objective": objective, "settings": {
                "learning_rate": float(rng.uniform(0.02, 1.0) * rates[objective]),
                "start": start, "n_steps": int(rng.integers(0, 400)),
                "momentum": float(rng.choice([0.0, 0.5, 0.9])) if i % 3 == 1 else None,
                "tol": 1e-8 if i % 2 else None}})
    return cases + adam_cases(rng)


def adam_cases(rng) -> list[dict]:
    """Adam on every objective: learning rates from 0.001 to 2, betas on and off the sliders' grids
    (0.926 and 0.994 among them, where the C library's pow is not correctly rounded)."""
    cases = []
    for objective in LIVE_OBJECTIVES:
        for i in range(8):
            start = float(rng.uniform(-3, 3)) if objective in ONE_D else [float(c) for c in rng.uniform(-5, 5, 2)]
            settings = {"learning_rate": float(rng.choice([0.001, 0.01, 0.1, 0.5, 2.0]) * rng.uniform(0.5, 1.5)),
                        "start": start, "n_steps": int(rng.integers(0, 800)), "momentum": None,
                        "beta1": float(rng.choice([0.0, 0.5, 0.9, 0.95, 0.99])),
                        "beta2": float(rng.choice([0.9, 0.926, 0.99, 0.994, 0.999])), "tol": 1e-8 if i % 2 else None}
            cases.append({"objective": objective, "settings": settings})
    return cases


def run_in_node(cases: list[dict]) -> list[dict]:
    """window.gdExplorer.run for each case, in Node.js (the explorer's JavaScript with no page)."""
    program = ("globalThis.window = {};\n" + explorer_script() + "\n"
               "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
               "const out = cases.map(c => window.gdExplorer.run(window.gdExplorer.objectives[c.objective],"
               " c.settings));\nprocess.stdout.write(JSON.stringify(out));\n")
    done = subprocess.run([NODE, "-e", program], input=json.dumps(cases), capture_output=True, text=True,
                          timeout=120, check=True)
    return json.loads(done.stdout)


def test_the_pages_javascript_is_gdutils_bit_for_bit():
    if NODE is None:
        pytest.fail("this test runs the explorer's JavaScript in Node.js: install nodejs (make book needs npm "
                    "anyway)", pytrace=False)
    cases = random_cases()
    differences: list[float] = []
    statuses, adam_statuses = set(), set()
    for case, got in zip(cases, run_in_node(cases)):
        assert_same_run({**case["settings"], **got}, case["objective"], differences)
        (adam_statuses if case["settings"].get("beta1") is not None else statuses).add(got["status"])
    assert statuses == {"converged", "diverged", "budget"} and adam_statuses >= {"converged", "budget"}
    assert max(differences) == 0.0  # in fact bit for bit


def test_a_wheel_built_from_an_archive_carries_the_javascript(tmp_path):
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    source = tmp_path / "source"
    for name in files:
        if (ROOT / name).is_file() and not name.startswith(("chapters/", "tests/", "tools/")):
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "-w", str(tmp_path / "wheel"), str(source)], check=True, capture_output=True, timeout=300)
    (wheel,) = (tmp_path / "wheel").glob("gdutils-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        assert zf.read("gdutils/live_explorer.js").decode() == explorer_script()


# --------------------------------------------------------------------------- the built book, in Chromium


@pytest.fixture(scope="module")
def book(build) -> Path:
    """The html folder of the book built once for the test run (tests/conftest.py's ``build``)."""
    html, _ = build
    return html


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for this module's tests (Debian's, never a downloaded one)."""
    if not CHROMIUM.exists():
        pytest.fail("The browser tests need Debian's Chromium at /usr/bin/chromium: sudo apt-get install chromium",
                    pytrace=False)
    from playwright.sync_api import sync_playwright

    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def chromium(browser, book):
    """(the browser, the base URL of the built book served on localhost, its html folder)."""
    with serve(book) as base_url:
        yield browser, base_url, book


def open_page(browser, url: str):
    """A page with every request to another host blocked and recorded: (context, page, blocked, errors)."""
    context = new_context(browser, viewport={"width": 1280, "height": 900}, service_workers="block")
    blocked: list[str] = []
    errors: list[str] = []

    def route(r):
        if urlsplit(r.request.url).hostname in LOCAL_HOSTS or r.request.url.startswith("data:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return context, page, blocked, errors


def test_the_book_has_its_explorers(book):
    for html in sorted((book / "chapters").glob("*.html")):
        page = f"chapters/{html.stem}"
        found = re.findall(r'class="gd-explorer" id="[\w-]+" data-objective="(\w+)"', html.read_text())
        assert found == EXPLORERS.get(page, []), page


def drawn(root) -> str:
    return root.eval_on_selector("svg.gd-map", "s => s.innerHTML") + root.eval_on_selector(
        "svg.gd-loss", "s => s.innerHTML")


def current_settings(root) -> dict:
    return root.evaluate("r => { const run = r.gdRun({}); delete run.path; delete run.values; return run; }")


@pytest.mark.parametrize("page_name", list(EXPLORERS))
def test_every_explorer_is_gdutils_and_its_sliders_work(chromium, page_name):
    browser, base_url, _ = chromium
    context, page, blocked, errors = open_page(browser, f"{base_url}/{page_name}.html")
    differences: list[float] = []
    try:
        roots = page.query_selector_all(".gd-explorer")
        assert [r.get_attribute("data-objective") for r in roots] == EXPLORERS[page_name]
        for i, root in enumerate(roots):
            objective = root.get_attribute("data-objective")
            root.scroll_into_view_if_needed()
            root.screenshot(path=str(SCREENSHOTS / f"{page_name.split('/')[1]}-{i}-{objective}.png"))
            settings = current_settings(root)
            low, high = (float(root.eval_on_selector("input[data-name=learning_rate]", f"e => e.{a}"))
                         for a in ("min", "max"))
            # the explorer's own settings, then learning rates across the slider's range, other starts, betas
            trials = [{}] + [{"learning_rate": float(eta)} for eta in np.linspace(low, high, 7)]
            start = settings["start"]
            trials += [{"start": start / 2 if objective in ONE_D else [start[0] / 2, -start[1]]},
                       {"n_steps": 0}, {"n_steps": 1}, {"tol": None}]
            if "momentum" in settings:
                trials += [{"momentum": beta, "learning_rate": float(eta)}
                           for beta in (0.0, 0.5, 0.99) for eta in (low, (low + high) / 2, high)]
            if "beta1" in settings:  # Adam: betas at the ends and inside the sliders' ranges
                beta2s = [float(root.eval_on_selector("input[data-name=beta2]", f"e => e.{a}")) for a in ("min", "max")]
                trials += [{"beta1": beta1, "beta2": beta2, "learning_rate": float(eta)}
                           for beta1 in (0.0, 0.5, 0.9, 0.99) for beta2 in beta2s for eta in (low, (low + high) / 2, high)]
            for params in trials:
                got = root.evaluate("(r, p) => r.gdRun(p)", params)
                assert_same_run(got, objective, differences)
            check_sliders(page, root, objective)
        assert not blocked, f"requests to other hosts: {blocked}"
        assert not errors, f"console errors or exceptions: {errors}"
    finally:
        context.close()
    print(f"{page_name}: largest relative difference from gdutils {max(differences):.3g} "
          f"over {len(differences)} runs")


def check_sliders(page, root, objective: str) -> None:
    """Each slider, driven by the keyboard, redraws the panels, says its value and announces gdutils' status."""
    status = root.query_selector(".gd-status")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    for slider in root.query_selector_all("input[type=range]"):
        name = slider.get_attribute("data-name")
        label = root.query_selector(f"label[for={slider.get_attribute('id')}]")
        assert label and label.inner_text().strip(), f"{objective}: slider {name} has no label"
        before, value = drawn(root), slider.input_value()
        slider.focus()
        page.keyboard.press("End" if slider.input_value() != slider.get_attribute("max") else "Home")
        assert slider.input_value() != value, f"{objective}: the keyboard did not move {name}"
        assert drawn(root) != before, f"{objective}: moving {name} changed nothing drawn"
        text = slider.get_attribute("aria-valuetext")
        assert text and slider.input_value() in text, (name, text)
        run = reference(objective, current_settings(root))
        assert status.get_attribute("data-status") == str(run.status)
        assert status.inner_text().endswith(f"gdutils reports: {run.message}"), (status.inner_text(), run.message)
    root.screenshot(path=str(SCREENSHOTS / f"{objective}-after-sliders.png"))


def test_a_click_on_the_map_sets_the_start(chromium):
    browser, base_url, _ = chromium
    context, page, _, _ = open_page(browser, f"{base_url}/chapters/04_paraboloid.html")
    try:
        root = page.query_selector('.gd-explorer[data-objective="HIMMELBLAU"]')
        root.scroll_into_view_if_needed()
        box = root.query_selector("svg.gd-map").bounding_box()
        page.mouse.click(box["x"] + box["width"] * 0.75, box["y"] + box["height"] * 0.3)
        start = current_settings(root)["start"]
        assert start[0] > 2 and start[1] > 1, start  # the upper right of the map, x and y in [-6, 6]
        run = reference("HIMMELBLAU", current_settings(root))
        assert root.eval_on_selector(".gd-status", "s => s.dataset.status") == str(run.status)
    finally:
        context.close()


def test_pages_with_explorers_are_light(chromium):
    browser, base_url, book = chromium
    session = BrowserSession(browser)
    weights = {}
    for page_name in EXPLORERS:
        visit = session.visit(f"{base_url}/{page_name}.html", book,
                              screenshot=SCREENSHOTS / f"{page_name.split('/')[1]}.png")
        assert not visit.blocked and not visit.failed and not visit.page_errors, visit
        weights[page_name] = visit.weight
    print("HTML + media:", {page: f"{w:,}" for page, w in weights.items()})
    assert weights["chapters/04_paraboloid"] <= CHAPTER_4_MAX_BYTES
    assert all(w <= PAGE_WITH_EXPLORER_MAX_BYTES for w in weights.values()), weights


# --------------------------------------------------------------------------- JupyterLab

LAB_CELL = """from gdutils.live import live_explorer

live_explorer("ELONGATED_BOWL", xlim=(-10, 10), ylim=(-5, 5), learning_rate=0.12,
              rate_range=(0.001, 0.12), rate_step=0.001, start=(-9, 4),
              start_step=0.1, n_steps=40, max_steps=200)"""


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab (the learner's, as in test_jupyterlab) serving one notebook with an explorer cell."""
    import nbformat

    from graders import jupyterlab

    root = tmp_path_factory.mktemp("lab")
    # the cell runs in the book's own environment (this Python, with gdutils and its dependencies)
    kernels = tmp_path_factory.mktemp("jupyter_path") / "kernels" / "gdutils-book"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "gdutils book", "language": "python"}))
    spec = {"name": "gdutils-book", "language": "python", "display_name": "gdutils book"}
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(LAB_CELL)],
                                            metadata={"kernelspec": spec}), root / "explorer.ipynb")
    with jupyterlab(root, env={**os.environ, "JUPYTER_PATH": str(kernels.parent.parent)}) as base:
        yield base


def test_the_explorer_works_in_jupyterlab_once_its_cell_has_run(lab, browser):
    context = new_context(browser, viewport={"width": 1300, "height": 1000})
    try:
        page = context.new_page()
        page.goto(f"{lab}/lab/tree/explorer.ipynb?reset", timeout=120_000)
        page.wait_for_selector(".jp-Notebook .jp-Cell .cm-content", timeout=120_000)
        # the kernel must be connected and idle, or JupyterLab drops the request to run the cell
        page.get_by_text("gdutils book | Idle").wait_for(timeout=180_000)
        page.click(".jp-Notebook .jp-Cell .cm-content")
        page.keyboard.press("Shift+Enter")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        try:
            status = page.wait_for_selector(".jp-OutputArea .gd-explorer .gd-status[data-status]",
                                            timeout=180_000)
        finally:  # what the page showed, also when the explorer never came
            page.screenshot(path=str(SCREENSHOTS / "jupyterlab.png"))
        root = page.query_selector(".jp-OutputArea .gd-explorer")
        run = reference("ELONGATED_BOWL", current_settings(root))
        assert str(run.status) == "diverged" == status.get_attribute("data-status")
        assert status.inner_text().endswith(f"gdutils reports: {run.message}")
        before = drawn(root)
        slider = root.query_selector("input[data-name=learning_rate]")
        slider.focus()
        page.keyboard.press("Home")
        assert drawn(root) != before and status.get_attribute("data-status") == "budget"
    finally:
        context.close()
