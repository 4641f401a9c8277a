"""A small Sphinx extension for the HTML book: each script once per page, plain docstrings, light figures.

Jupyter Book 1 registers sphinx-thebe's configuration script twice, so every page declared
``const THEBE_JS_URL`` twice and the browser reported "Identifier 'THEBE_JS_URL' has already
been declared". Dropping duplicates (same file or same inline body, same attributes) from each page's
script list fixes that.

The figures are stored in the notebooks as 32-bit PNGs (matplotlib's). In the built book each is
rewritten with a palette of 256 colours, which these line and contour plots need no more than,
at about a third of the bytes: chapter 4's seven figures go from 745 kB to 247 kB (issue 15).
"""

from __future__ import annotations

import re
from pathlib import Path


def _key(script) -> tuple:
    # An inline script has filename None when registered for the whole book, "" for one page.
    return (script.filename or "", tuple(sorted(script.attributes.items())))


def unique_scripts(app, pagename, templatename, context, doctree) -> None:
    """Keep the first of every identical script on the page."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple] = set()
    unique = []
    for script in scripts:
        key = _key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


_LITERAL = re.compile(r"(``.+?``)")


def plain_pipes(app, what, name, obj, options, lines) -> None:
    """Let docstrings write |x| for a norm: outside ``literals``, | is not rST's substitution mark."""
    for i, line in enumerate(lines):
        if "|" in line:
            parts = _LITERAL.split(line)
            lines[i] = "".join(p if p.startswith("``") else p.replace("|", r"\|") for p in parts)


def plain_constant_docs(app, what, name, obj, options, lines) -> None:
    """Napoleon reads "text: more" on a constant's first line as "type: description". An empty
    rST comment first stops that, so a docstring such as "f(x) = x^2: a bowl" stays as written."""
    if what in {"attribute", "data", "property"} and lines and ": " in lines[0]:
        lines[:0] = ["..", ""]


def palette_images(app, exception) -> None:
    """Rewrite every figure PNG of the built book with a 256-colour palette (no dithering)."""
    if exception is not None or app.builder.format != "html":
        return
    from PIL import Image  # matplotlib's dependency

    for path in sorted((Path(app.outdir) / "_images").glob("*.png")):
        with Image.open(path) as image:
            if image.mode == "P":
                continue  # already a palette image (an earlier build)
            rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        opaque = Image.alpha_composite(white, rgba).convert("RGB")  # the figures are drawn on white
        opaque.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)


def setup(app):
    app.connect("build-finished", palette_images)
    app.connect("html-page-context", unique_scripts, priority=900)
    app.connect("autodoc-process-docstring", plain_pipes)
    app.connect("autodoc-process-docstring", plain_constant_docs, priority=400)  # before napoleon (500)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
