"""The command line shared by the scripts that write torch reference fixtures (tools/torch_*.py).

Each script builds a dict {"generator", "torch", ..., "cases": [...]} with torch (in a scratch
environment: torch is not a requirement of the book) and hands it to :func:`main`, which either
writes it to its fixture, one case per line, or, with --check, rebuilds it and compares it with the
stored file, writing nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

import torch

TORCH_VERSION = "2.13.0"


def path_difference(new_cases: list[dict], stored_cases: list[dict]) -> tuple[bool, str]:
    """The largest difference between the "path" of each rebuilt case and the stored one."""
    import numpy as np

    worst = 0.0
    for new, old in zip(new_cases, stored_cases, strict=True):
        worst = max(worst, float(np.max(np.abs(np.array(new["path"]) - np.array(old["path"])))))
    return worst == 0.0, f"largest difference from the stored trajectories: {worst:.3g}"


def main(doc: str, build: Callable[[], dict], fixture: Path, summary: Callable[[dict], str],
         compare: Callable[[list[dict], list[dict]], tuple[bool, str]] = path_difference,
         argv: list[str] | None = None) -> int:
    """Write ``build()`` to ``fixture`` (or compare with it under --check); 0 on success."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the stored file, write nothing")
    args = parser.parse_args(argv)
    if not torch.__version__.startswith(TORCH_VERSION):
        print(f"warning: torch {torch.__version__}, the fixture was made with {TORCH_VERSION}", file=sys.stderr)
    torch.set_num_threads(1)
    data = build()
    if args.check:
        same, message = compare(data["cases"], json.loads(fixture.read_text())["cases"])
        print(message)
        return 0 if same else 1
    fixture.parent.mkdir(parents=True, exist_ok=True)
    head = {key: value for key, value in data.items() if key != "cases"}
    lines = [json.dumps(case) for case in data["cases"]]  # one case per line
    fixture.write_text(json.dumps(head)[:-1] + ', "cases": [\n' + ",\n".join(lines) + "\n]}\n")
    print(f"wrote {fixture.name}: {summary(data)}, torch {torch.__version__}")
    return 0
