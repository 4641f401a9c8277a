"""Accessibility of the HTML book: axe-core on every page, alt text, Tab stops, code that fits.

Every page of the built book is opened in headless Chromium (as in ``test_book.py``), its
solution dropdowns are opened, and axe-core (pinned in ``tools/axe``, installed by ``make test``
and injected from that local file, never from a CDN) checks it against WCAG 2.1 A and AA plus
axe's best practices. A page fails on any critical or serious violation, unless it is in
``KNOWN`` below: one entry per rule and CSS selector, each with its reason. An entry that
no longer matches anything fails too, so the list only shrinks. The same visit checks that
every image has alt text that is not a file name, that formulas are not Tab stops, and that
no code block is wider than its column. Counts per page and impact go to
``_build/accessibility/report.md``.
"""

from __future__ import annotations

import collections
import re
import shutil
from pathlib import Path

import pytest

from browser import new_context, serve
from notebook_utils import ROOT, toc_files
from test_book import CHROMIUM

AXE = ROOT / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
REPORT = ROOT / "_build" / "accessibility"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FAILING_IMPACTS = {"critical", "serious"}
IMPACTS = ["critical", "serious", "moderate", "minor"]

KNOWN = {
    # rule id and CSS selector of the element -> why the violation is accepted for now
    ("label-content-name-mismatch", ".theme-switch-button"):
        "sphinx-book-theme's colour-mode button is named 'Color mode' while axe reads the "
        "icons' titles (Light, Dark, System Settings) as its text; the theme has no setting "
        "to drop it from the page header",
}

PAGES = toc_files()

_VISIT = """async ({axeSource, tags, known}) => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  // Open every solution dropdown (sphinx-togglebutton): what is inside is checked too.
  document.querySelectorAll('button.toggle-button').forEach(b => {
    if (b.getAttribute('aria-expanded') !== 'true') b.click();
  });
  await new Promise(resolve => setTimeout(resolve, 200));
  const visible = el => el.getClientRects().length > 0;
  const focusable = Array.from(document.querySelectorAll(
      'a[href], button, input, select, textarea, summary, [tabindex]'))
    .filter(el => el.tabIndex >= 0 && !el.disabled && visible(el));
  const firstControl = focusable.findIndex(el => el.closest('article') &&
      el.matches('input, select, textarea, .gd-explorer *'));
  const result = {
    images: Array.from(document.images).map(img => [img.id || img.src.slice(0, 80), img.getAttribute('alt'),
                                                     known.filter(k => k[0] === 'image-alt' && img.matches(k[1])).length > 0]),
    mathTabStops: focusable.filter(el => el.closest('mjx-container')).length,
    tabStops: focusable.length,
    tabStopsBeforeFirstControl: firstControl,
    wideCode: Array.from(document.querySelectorAll('article pre'))
      .filter(pre => visible(pre) && pre.scrollWidth > pre.clientWidth)
      .map(pre => [pre.scrollWidth, pre.clientWidth,
                   pre.textContent.split('\\n').reduce((a, l) => l.length > a.length ? l : a, '')]),
  };
  const script = document.createElement('script');
  script.textContent = axeSource;
  document.head.appendChild(script);
  const run = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                      resultTypes: ['violations'], elementRef: true});
  result.violations = run.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({
      target: n.target.join(' '), html: n.html.slice(0, 160),
      content: Boolean(n.element && n.element.closest('article')),
      known: known.filter(k => k[0] === v.id && n.element && n.element.matches(k[1])).map(k => k[1]),
    })),
  }));
  return result;
}"""


@pytest.fixture(scope="module")
def audit(build):
    """Visit every page once: {page: what _VISIT found}. Writes the report."""
    if not CHROMIUM.exists():
        pytest.fail("The accessibility test needs Debian's Chromium at /usr/bin/chromium "
                    "(see README, 'Running the tests')", pytrace=False)
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing at {AXE.relative_to(ROOT)}: run `make test` "
                    "(it runs npm ci in tools/axe once)", pytrace=False)
    from browser import browser_session

    html, _ = build
    found = {}
    arguments = {"axeSource": AXE.read_text(), "tags": TAGS, "known": [list(k) for k in KNOWN]}
    with serve(html) as base_url, browser_session(str(CHROMIUM)) as session:
        for page in PAGES:
            context = new_context(session.browser, viewport={"width": 1280, "height": 900},
                                                  service_workers="block")
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith((base_url, "data:")) else r.abort())
            try:
                tab = context.new_page()
                tab.goto(f"{base_url}/{page}.html", wait_until="load")
                found[page] = tab.evaluate(_VISIT, arguments)
            finally:
                context.close()
    _write_report(found)
    return found


def _write_report(found: dict) -> None:
    shutil.rmtree(REPORT, ignore_errors=True)
    REPORT.mkdir(parents=True)
    lines = ["Violations of axe-core's WCAG 2.1 A/AA and best-practice rules, counted by element.", "",
             "| page | " + " | ".join(IMPACTS) + " | of which known | Tab stops (in formulas) |",
             "|---|" + "---:|" * (len(IMPACTS) + 2)]
    rules = collections.Counter()
    first_controls = []
    for page, result in found.items():
        counts = collections.Counter()
        known = 0
        for violation in result["violations"]:
            counts[violation["impact"]] += len(violation["nodes"])
            known += sum(bool(n["known"]) for n in violation["nodes"])
            rules[(violation["id"], violation["impact"])] += len(violation["nodes"])
        lines.append(f"| {page} | " + " | ".join(str(counts[i]) for i in IMPACTS)
                     + f" | {known} | {result['tabStops']} ({result['mathTabStops']}) |")
        if result["tabStopsBeforeFirstControl"] >= 0:
            first_controls.append(f"{page}: {result['tabStopsBeforeFirstControl']} Tab stops before the "
                                  "first control in the text")
    lines += ["", *first_controls, "", "| rule | impact | elements |", "|---|---|---:|"]
    lines += [f"| {rule} | {impact} | {n} |" for (rule, impact), n in sorted(rules.items())]
    (REPORT / "report.md").write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("page", PAGES)
def test_axe_finds_no_critical_or_serious_violation(audit, page):
    problems = [
        f"{v['id']} ({v['impact']}: {v['help']}) at {n['target']}: {n['html']}"
        for v in audit[page]["violations"] if v["impact"] in FAILING_IMPACTS
        for n in v["nodes"] if not n["known"]
    ]
    assert not problems, "\n".join(problems)


def test_every_known_violation_still_occurs(audit):
    # When the cause of a known violation is gone, its entry must go too.
    seen = {(v["id"], selector) for result in audit.values() for v in result["violations"]
            for n in v["nodes"] for selector in n["known"]}
    assert not set(KNOWN) - seen, f"known violations that no page has any more: {set(KNOWN) - seen}"


_FILE_NAME = re.compile(r"\S*\.(png|jpe?g|gif|svg|webp)", re.IGNORECASE)


@pytest.mark.parametrize("page", PAGES)
def test_every_image_says_what_it_shows(audit, page):
    # myst-nb writes the figure's file path as its alt text unless the cell's metadata has
    # mystnb.image.alt (README, "Rules for authors").
    bad = [(image, alt) for image, alt, known in audit[page]["images"]
           if not known and (not alt or not alt.strip() or _FILE_NAME.fullmatch(alt.strip())
                             or ("/" in alt and " " not in alt.strip()))]
    assert not bad, f"images without alt text that says what they show: {bad}"


@pytest.mark.parametrize("page", PAGES)
def test_formulas_are_not_tab_stops(audit, page):
    # MathJax 3 puts every formula in the Tab order by default (183 stops on chapter 4's page
    # before the first control); _config.yml's mathjax3_config turns that off.
    assert audit[page]["mathTabStops"] == 0


@pytest.mark.parametrize("page", PAGES)
def test_no_code_block_is_wider_than_its_column(audit, page):
    # A block that scrolls sideways hides the end of its lines, and the theme makes it
    # focusable only if it scrolls when the page loads (not inside a closed dropdown).
    assert not audit[page]["wideCode"], (
        "code blocks wider than their column (scroll width, width, longest line): "
        f"{audit[page]['wideCode']}"
    )


def test_every_figure_cell_has_alt_text_in_its_metadata():
    # The static counterpart of test_every_image_says_what_it_shows, without a build: the key
    # myst-nb reads is cell.metadata.mystnb.image.alt.
    from notebook_utils import chapter_paths, read

    missing = [
        f"{path.name} cell {cell.get('id')}"
        for path in chapter_paths() for cell in read(path).cells
        if cell.cell_type == "code"
        and any("image/png" in output.get("data", {}) for output in cell.get("outputs", []))
        and len(str(cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")).split()) < 5
    ]
    assert not missing, f"figure cells without alt text (mystnb.image.alt) of a sentence or more: {missing}"
