"""CPU time against wall time of ``briefer.summarize`` over many articles in one process.

The library asks numpy's BLAS for one thread when it is imported, unless the user set a thread
variable (``briefer/_env.py``): its matrices are small, and extra OpenBLAS threads only spin,
which shows as CPU time well above wall time. Issue 15's bar: 300 articles in one process, CPU
≤ 1.15× wall in every run.

Each run is a fresh process that briefs the same articles; the settings are interleaved, one run
of each a round:

* ``default``: no thread variable set, ``import briefer`` first (the library's own setting);
* ``numpy first``: no thread variable set, ``import numpy`` before ``import briefer`` (too late
  for an environment variable: OpenBLAS reads it when numpy loads);
* ``OPENBLAS_NUM_THREADS=1``: the user's explicit choice, the reference;
* ``OPENBLAS_NUM_THREADS=2`` (``--with-two``): a user who asks for two threads gets them.

For each run: wall and CPU seconds (user+sys of every thread) of the briefing loop alone, after
imports and a first brief, and the process's thread count after it (OpenBLAS starts its
threads when numpy loads: 1 thread means no BLAS worker threads).

    python bench/library_threads.py [--articles 300] [--runs 5] [--with-two]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval" / "cnn_train.jsonl"
BLAS_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
BAR = 1.15

PROBE = """
import json, os, sys, time
if sys.argv[2] == "numpy-first":
    import numpy
import briefer
texts = [json.loads(line)["article"] for line in open(sys.argv[1], encoding="utf-8")]
briefer.summarize(texts[0])  # the models load outside the clock
wall, cpu = time.perf_counter(), time.process_time()
for text in texts:
    briefer.summarize(text)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
threads = len(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task") else -1
print(json.dumps({"wall": wall, "cpu": cpu, "threads": threads}))
"""


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without any BLAS thread variable, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in BLAS_VARIABLES}
    return {**env, **extra}


def run(corpus: Path, mode: str, env: dict[str, str]) -> dict[str, float]:
    """One process briefing every article of ``corpus``: its wall, CPU and thread count."""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(corpus), mode],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    result: dict[str, float] = json.loads(proc.stdout.splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--runs", type=int, default=5, help="interleaved rounds")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--with-two", action="store_true", help="also OPENBLAS_NUM_THREADS=2")
    ap.add_argument("--out", type=Path, default=Path("/tmp/briefer-threads-corpus.jsonl"))
    args = ap.parse_args()

    with args.data.open(encoding="utf-8") as fh:
        lines = [line for _, line in zip(range(args.articles), fh, strict=False)]
    args.out.write_text("".join(lines), encoding="utf-8")
    settings = {
        "default": ("briefer-first", clean_env()),
        "numpy first": ("numpy-first", clean_env()),
        "OPENBLAS_NUM_THREADS=1": ("briefer-first", clean_env(OPENBLAS_NUM_THREADS="1")),
    }
    if args.with_two:
        settings["OPENBLAS_NUM_THREADS=2"] = ("briefer-first", clean_env(OPENBLAS_NUM_THREADS="2"))
    print(
        f"{len(lines)} articles of {args.data.name} through briefer.summarize, one process a run; "
        f"{args.runs} interleaved rounds; load average {os.getloadavg()[0]:.1f}; "
        f"{os.cpu_count()} CPUs"
    )
    results: dict[str, list[dict[str, float]]] = {name: [] for name in settings}
    loads = []
    for _ in range(args.runs):
        for name, (mode, env) in settings.items():
            results[name].append(run(args.out, mode, env))
        loads.append(os.getloadavg()[0])
    width = max(map(len, settings))
    print(f"  {'':<{width}}  CPU/wall of each run             median   wall s  CPU s  threads")
    for name, runs in results.items():
        ratios = [r["cpu"] / r["wall"] for r in runs]
        verdict = "met" if max(ratios) <= BAR else "missed"
        print(
            f"  {name:<{width}}  {' '.join(f'{x:5.2f}' for x in ratios):<32} "
            f"{statistics.median(ratios):5.2f}x  {statistics.median(r['wall'] for r in runs):6.1f} "
            f"{statistics.median(r['cpu'] for r in runs):6.1f}  "
            f"{'/'.join(str(int(r['threads'])) for r in runs)}  (every run <= {BAR}x: {verdict})"
        )
    print(
        f"load average after each round {', '.join(f'{x:.1f}' for x in loads)} "
        "(2 cores shared with other work)"
    )


if __name__ == "__main__":
    main()
