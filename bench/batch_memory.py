"""Peak memory of briefer batch for 1,000 and 10,000 records: it must not grow with the input.

The records repeat the training articles (each with its own id). Each run is a separate
``briefer batch`` process; psutil samples the resident memory of the main process and of
the whole process tree (main + forkserver + workers) every 20 ms and keeps the peaks.

``--method lead`` by default, to keep the run short: the ranking method changes the work per
record, not what the pipeline holds in memory (a faster method drains the window faster, which
is the harder case for buffering). Pass ``--method default`` to measure with the default.

    python bench/batch_memory.py [--sizes 1000 10000] [--jobs 2] [--method lead]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval" / "cnn_train.jsonl"
BRIEFER = str(Path(sys.executable).with_name("briefer"))


def build(path: Path, n: int, source: Path) -> None:
    articles = [json.loads(line)["article"] for line in source.open(encoding="utf-8")]
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps({"id": f"r{i}", "article": articles[i % len(articles)]}) + "\n")


def peak(cmd: list[str]) -> tuple[float, float, float, int]:
    """(seconds, peak MiB of the main process, peak MiB of the process tree, exit code)."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(cmd, stdout=null, stderr=subprocess.DEVNULL)
    main = psutil.Process(proc.pid)
    top_main = top_tree = 0
    while proc.poll() is None:
        try:
            tree = [main, *main.children(recursive=True)]
            sizes = []
            for p in tree:
                try:
                    sizes.append(p.memory_info().rss)
                except psutil.Error:
                    sizes.append(0)
            top_main = max(top_main, sizes[0])
            top_tree = max(top_tree, sum(sizes))
        except psutil.Error:
            pass
        time.sleep(0.02)
    mib = 1024 * 1024
    return time.perf_counter() - start, top_main / mib, top_tree / mib, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--method", default="lead")
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="briefer-mem-"))
    try:
        rows = []
        for n in args.sizes:
            path = tmp / f"{n}.jsonl"
            build(path, n, args.data)
            cmd = [BRIEFER, "batch", "-j", str(args.jobs), "-m", args.method, str(path)]
            secs, top_main, top_tree, code = peak(cmd)
            rows.append((n, top_main, top_tree))
            size = path.stat().st_size / 1024 / 1024
            print(
                f"{n:>6} records ({size:6.1f} MiB in): peak main {top_main:6.1f} MiB, "
                f"peak process tree {top_tree:6.1f} MiB, {secs:6.1f} s, exit {code}"
            )
        (n0, m0, t0), (n1, m1, t1) = rows[0], rows[-1]
        print(
            f"{n1} vs {n0} records: main {100 * (m1 - m0) / m0:+.1f}%, "
            f"tree {100 * (t1 - t0) / t0:+.1f}% (target: within 20%)"
        )
        print(f"--jobs {args.jobs}, --method {args.method}; load average {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
