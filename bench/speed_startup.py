"""Start-up cost of the ``briefer`` command, against issue 15's baseline and a bare import.

Prints the median wall time over N interleaved rounds of ``briefer --version``, ``briefer
--help``, a brief of samples/fidan-paris-visit.txt (as it is, and with
``BRIEFER_NLTK_IMPORT=plain``: NLTK through its package ``__init__``, as before the light
import), the baseline ``python -c "import nltk.tokenize.punkt, sumy.summarizers.lex_rank,
rich.console"``, ``python -c "import <the modules a brief needs>"`` and ``python -c pass``;
each brief's ratio to the baseline; then the slowest imports of the brief according to
``python -X importtime``, and what single libraries cost on their own.

    python bench/speed_startup.py            # 15 rounds
    python bench/speed_startup.py -n 30 --top 25
    python bench/speed_startup.py --python /tmp/venv-scipy/bin/python   # and with SciPy

``--python`` times another interpreter with briefer installed in the same rounds (a venv made
with ``--system-site-packages`` and SciPy added: NLTK's ``__init__`` imports SciPy when it is
installed, the light import does not).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from briefer.split.nltk_modules import SWITCH as NLTK_SWITCH

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "fidan-paris-visit.txt"
BRIEF_MODULES = (
    "briefer.cli",
    "typer._adapters",  # typer >= 0.29 parses options with pydantic
    "briefer.brief",
    "briefer.rank",
    "briefer.split",
    "briefer.rank.default",
    "briefer.facts",
    "briefer.output",
    "briefer.ingest",
    "briefer.split.nltk_modules",  # NLTK's Punkt, word tokenizer, Snowball: below
    "punkt.data.english",  # the Punkt model, compiled Python data
    "sumy",  # the package only: its stop-word lists (sumy.utils, with requests, is not needed)
    "numpy",
)
"""What a default brief imports (the lower bound for its start-up)."""
BRIEF_IMPORTS = "import " + ", ".join(BRIEF_MODULES) + "; briefer.split.nltk_modules.nltk_modules()"
BASELINE = "nltk.tokenize.punkt, sumy.summarizers.lex_rank, rich.console"
"""Issue 15's yardstick: what a plain sumy + NLTK + Rich tool imports before it does anything."""


def briefer_command(python: str) -> list[str]:
    """The ``briefer`` console script beside ``python``, else ``python -m briefer``."""
    exe = Path(python).parent / "briefer"
    return [str(exe)] if exe.exists() else [python, "-m", "briefer"]


Case = tuple[list[str], dict[str, str]]
"""A command and the environment variables it adds."""

NEUTRAL = SAMPLE.parent
"""Where the commands run: no ``briefer`` package here for ``python -c`` to pick up (each
interpreter imports its own installed briefer)."""


def timed_rounds(cases: dict[str, Case], runs: int) -> dict[str, list[float]]:
    """Wall times of every command over ``runs`` rounds, after one warm-up run of each.

    Each round runs every command once, so the VM's slow and fast spells fall on all of them
    alike and the ratios between commands stay fair.
    """
    base = {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    base.pop(NLTK_SWITCH, None)
    for cmd, env in cases.values():
        subprocess.run(cmd, capture_output=True, check=True, env={**base, **env}, cwd=NEUTRAL)
    times: dict[str, list[float]] = {label: [] for label in cases}
    for _ in range(runs):
        for label, (cmd, env) in cases.items():
            t0 = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True, env={**base, **env}, cwd=NEUTRAL)
            times[label].append(time.perf_counter() - t0)
    return times


def probe(python: str, module: str) -> bool:
    """Whether ``module`` can be found by ``python`` (without importing it)."""
    code = f"import importlib.util, sys; sys.exit(importlib.util.find_spec({module!r}) is None)"
    return subprocess.run([python, "-c", code], check=False, cwd=NEUTRAL).returncode == 0


def startup_cases(python: str) -> dict[str, tuple[str, Case]]:
    """key → (label, case): the commands timed for one interpreter. An older briefer (without
    the light NLTK import) gets no ``plain`` and no ``bound`` row."""
    briefer = briefer_command(python)
    sample = str(SAMPLE.relative_to(ROOT))
    light = probe(python, "briefer.split.nltk_modules")
    cases = {
        "version": ("briefer --version", ([*briefer, "--version"], {})),
        "help": ("briefer --help", ([*briefer, "--help"], {})),
        "brief": (f"briefer {sample}", ([*briefer, str(SAMPLE)], {})),
        "plain": (
            f"  the same, {NLTK_SWITCH}=plain",
            ([*briefer, str(SAMPLE)], {NLTK_SWITCH: "plain"}),
        ),
        "baseline": (
            f"baseline: python -c 'import {BASELINE}'",
            ([python, "-c", f"import {BASELINE}"], {}),
        ),
        "bound": ("python -c 'import <brief's modules>'", ([python, "-c", BRIEF_IMPORTS], {})),
        "pass": ("python -c pass", ([python, "-c", "pass"], {})),
    }
    return {k: v for k, v in cases.items() if light or k not in ("plain", "bound")}


def import_times(*args: str) -> list[tuple[int, int, str]]:
    """(cumulative µs, self µs, module indented by depth) for every import done by
    ``python -X importtime ARGS``; [] if it fails."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if proc.returncode != 0:
        return []
    out = proc.stderr
    rows = []
    for line in out.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (.*)$", line)
        if m:
            rows.append((int(m.group(2)), int(m.group(1)), m.group(3).rstrip()))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", "--runs", type=int, default=15)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument(
        "--python",
        action="append",
        default=[],
        metavar="PATH",
        help="another interpreter with briefer installed (e.g. a venv with SciPy), timed "
        "in the same rounds; repeatable",
    )
    args = parser.parse_args()

    pythons = [sys.executable, *args.python]
    print(f"# {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} (shared machine)")
    print(f"# median (min) of {args.runs} runs, wall seconds, in interleaved rounds")
    cases: dict[str, Case] = {}
    labels: dict[tuple[int, str], str] = {}
    for number, python in enumerate(pythons):
        scipy = "with SciPy" if probe(python, "scipy") else "no SciPy"
        print(f"# [{number}] {python} ({scipy})")
        for key, (label, case) in startup_cases(python).items():
            labels[number, key] = f"[{number}] {label}"
            cases[labels[number, key]] = case
    print()
    results = {}
    for label, times in timed_rounds(cases, args.runs).items():
        results[label] = statistics.median(times)
        print(f"{label:62} {results[label]:7.3f} ({min(times):.3f})")
    print()
    for number, python in enumerate(pythons):
        row = {key: results[label] for (n, key), label in labels.items() if n == number}
        scipy = "with SciPy" if probe(python, "scipy") else "no SciPy"
        plain = (
            f", {NLTK_SWITCH}=plain {row['plain'] / row['baseline']:.2f}x" if "plain" in row else ""
        )
        print(
            f"[{number}] {scipy:10}: brief / baseline {row['brief'] / row['baseline']:.2f}x "
            f"(target <= 0.8x){plain}; --version {row['version']:.3f} s (target <= 0.15 s)"
        )

    brief = ("-m", "briefer", str(SAMPLE))
    print(f"\n# python -X importtime {' '.join(brief)}: top {args.top} by cumulative time (µs)")
    rows = import_times(*brief)
    print(f"{sum(c for c, _, m in rows if not m.startswith(' ')):10,}  (all, {len(rows)} modules)")
    for cumulative, own, module in sorted(rows, reverse=True)[: args.top]:
        print(f"{cumulative:10,} {own:9,}  {module}")
    print("\n# single libraries (cumulative µs, fresh interpreter)")
    for code in (
        "import nltk",
        "import nltk.tokenize.punkt",
        "from briefer.split.nltk_modules import nltk_modules; nltk_modules()",
        "import scipy",
        "import sumy.utils",
        "import requests",
        "import pycountry",
        "import numpy",
        "import typer",
        "import rich",
    ):
        rows = import_times("-c", code)
        if not rows:
            print(f"{'-':>10}  {code}  (not installed)")
            continue
        total = sum(c for c, _, m in rows if not m.startswith(" "))
        heavy = "('scipy', 'requests', 'pycountry')"
        code_and_probe = f"{code}; import sys; print(*(m for m in {heavy} if m in sys.modules))"
        loaded = subprocess.run(
            [sys.executable, "-c", code_and_probe], capture_output=True, text=True, check=False
        ).stdout.split()
        pulled = [m for m in loaded if code != f"import {m}"]
        note = f"  (pulls {', '.join(sorted(set(pulled)))})" if pulled else ""
        print(f"{total:10,}  {code}{note}")


if __name__ == "__main__":
    main()
