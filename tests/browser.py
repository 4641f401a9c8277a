"""Serve the built book on localhost and visit its pages in Chromium with Playwright (for test_book)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PAGE_TIMEOUT_MS = 120_000
"""How long a page may take to load, settle or show an element. A page of the book settles in
about a second on a quiet machine; on a loaded one (``make test`` runs up to six processes on two
cores, and Chromium beside them) Playwright's default of 30 s was once too short."""
# Elements that make the browser fetch something by themselves (not links a reader may follow).
_LOADS = re.compile(
    r"<(?:script|img|iframe|source|embed|audio|video)\b[^>]*\bsrc=[\"']([^\"']+)"
    r"|<link\b(?=[^>]*\brel=[\"'](?:stylesheet|preload|icon|modulepreload)[\"'])[^>]*\bhref=[\"']([^\"']+)",
    re.IGNORECASE,
)


def third_party_loads(page_html: str) -> list[str]:
    """The URLs on other hosts that a page's HTML loads by itself (scripts, styles, images...)."""
    urls = [a or b for a, b in _LOADS.findall(page_html)]
    return [u for u in urls if urlsplit(u).scheme in {"http", "https"} or u.startswith("//")]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the standard library's signature
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over HTTP on a free localhost port; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class PageVisit:
    """What one page did in the browser."""

    url: str
    requests: int = 0
    transferred: int = 0
    html_bytes: int = 0
    media_bytes: int = 0
    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    math_total: int = 0
    math_typeset: int = 0
    math_errors: list[str] = field(default_factory=list)
    math_too_wide: list[str] = field(default_factory=list)
    images: int = 0
    broken_images: list[str] = field(default_factory=list)
    animations: int = 0
    animations_shown: int = 0

    @property
    def weight(self) -> int:
        """The page's HTML plus the images it shows (figures, animation frames), in bytes."""
        return self.html_bytes + self.media_bytes


_INSPECT = """async () => {
  const math = Array.from(document.querySelectorAll('span.math, div.math'));
  if (math.length && window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  const images = Array.from(document.images);
  await Promise.all(images.map(img => img.complete ? null : img.decode().catch(() => null)));
  const anims = Array.from(document.querySelectorAll('.animation img'));
  return {
    mathTotal: math.length,
    mathTypeset: math.filter(m => m.querySelector('mjx-container')).length,
    mathErrors: Array.from(document.querySelectorAll('mjx-merror')).map(e => e.textContent).slice(0, 5),
    mathTooWide: Array.from(document.querySelectorAll('div.math mjx-container > mjx-math'))
      .filter(m => m.getBoundingClientRect().width > m.closest('div.math').clientWidth + 1)
      .map(m => m.closest('div.math').textContent.slice(0, 60)),
    images: images.map(img => [img.currentSrc || img.src, img.complete && img.naturalWidth > 0]),
    animations: anims.length,
    animationsShown: anims.filter(img => img.complete && img.naturalWidth > 0).length,
  };
}"""


def new_context(browser, **options):
    """A new browser context (Playwright's ``browser.new_context``) with PAGE_TIMEOUT_MS as its timeout."""
    context = browser.new_context(**options)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    return context


class BrowserSession:
    """One Chromium, one context, every non-local request blocked."""

    def __init__(self, browser):
        self.browser = browser

    def visit(self, url: str, html_root: Path, *, screenshot: Path) -> PageVisit:
        """Load ``url``, wait for it to settle, inspect it and save a full-page screenshot."""
        visit = PageVisit(url)
        context = new_context(self.browser, viewport={"width": 1280, "height": 900}, service_workers="block")
        page = context.new_page()

        def route(r):
            if urlsplit(r.request.url).hostname in LOCAL_HOSTS or r.request.url.startswith("data:"):
                r.continue_()
            else:
                visit.blocked.append(r.request.url)
                r.abort()

        def on_response(response):
            visit.requests += 1
            if response.status >= 400:
                visit.failed.append(f"{response.status} {response.url}")
            local = _local_file(html_root, response.url)
            if local is not None:
                visit.transferred += local.stat().st_size

        context.route("**/*", route)
        page.on("response", on_response)
        page.on("requestfailed", lambda r: r.url in visit.blocked or visit.failed.append(f"{r.failure} {r.url}"))
        page.on("console", lambda m: m.type == "error" and visit.console_errors.append(f"{m.text} ({m.location})"))
        page.on("pageerror", lambda e: visit.page_errors.append(str(e)))
        try:
            page.goto(url, wait_until="load")
            found = page.evaluate(_INSPECT)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(screenshot), full_page=True)
        finally:
            context.close()
        visit.math_total, visit.math_typeset = found["mathTotal"], found["mathTypeset"]
        visit.math_errors = found["mathErrors"]
        visit.math_too_wide = found["mathTooWide"]
        visit.images = len(found["images"])
        visit.broken_images = [src for src, ok in found["images"] if not ok]
        visit.animations, visit.animations_shown = found["animations"], found["animationsShown"]
        page_file = _local_file(html_root, url)
        visit.html_bytes = page_file.stat().st_size if page_file else 0
        visit.media_bytes = sum(
            f.stat().st_size for src, _ in found["images"] if (f := _local_file(html_root, src)) is not None
        )
        return visit

    def search(self, url: str) -> list[str]:
        """Run the book's search page and return the result links."""
        context = new_context(self.browser)
        context.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).hostname in LOCAL_HOSTS else r.abort())
        page = context.new_page()
        try:
            page.goto(url)
            page.wait_for_selector("#search-results ul.search li a")
            return page.eval_on_selector_all("#search-results ul.search li a", "els => els.map(a => a.href)")
        finally:
            context.close()


def _local_file(root: Path, url: str) -> Path | None:
    """The file under ``root`` that a localhost URL serves, if any."""
    parts = urlsplit(url)
    if parts.hostname not in LOCAL_HOSTS:
        return None
    path = root / unquote(parts.path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


@contextlib.contextmanager
def browser_session(executable: str) -> Iterator[BrowserSession]:
    """Start Playwright and Debian's Chromium (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield BrowserSession(browser)
        finally:
            browser.close()


class BrowserReport:
    """Collects each page's weight and requests; written as a Markdown table next to the screenshots."""

    rows: dict[str, PageVisit] = {}

    def __init__(self, path: Path):
        self.path = path
        BrowserReport.rows = {}

    @classmethod
    def add(cls, page: str, visit: PageVisit) -> None:
        cls.rows[page] = visit

    def write(self) -> None:
        if not self.rows:
            return
        lines = [
            "| page | HTML bytes | media bytes | weight (HTML + media) | requests | bytes loaded |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for page, v in self.rows.items():
            lines.append(f"| {page} | {v.html_bytes:,} | {v.media_bytes:,} | {v.weight:,} | {v.requests} | {v.transferred:,} |")
        heaviest = max(self.rows.items(), key=lambda kv: kv[1].weight)
        lines.append("")
        lines.append(f"Heaviest page: {heaviest[0]}, {heaviest[1].weight:,} bytes (HTML + media).")
        self.path.write_text("\n".join(lines) + "\n")
