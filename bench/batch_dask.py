"""One JSON Lines file on a 2-worker Dask LocalCluster against local ``--jobs 2``, in one run.

Issue 15's bar: a single 9 MB JSON Lines file, briefed with the default options
(``briefer batch FILE --scheduler ADDRESS --output DIR``, no ``--partition-size``), reaches at
least 0.9x the throughput of ``briefer batch --jobs 2 FILE`` on the same machine.

The file is the first CNN train stories that fit in ``--megabytes``. The cluster is a
``distributed.LocalCluster`` of two worker processes started here with Dask's defaults
(threads per worker: CPUs / workers), kept for the whole run as a user keeps a cluster; the
first Dask round also pays the workers' imports, so every round is printed. The two settings
alternate, one run of each a round; medians are compared, and "paired" is the median of the
per-round ratios. Both outputs are compared byte for byte.

    python bench/batch_dask.py [--megabytes 9] [--repeat 3] [--partition-size MB]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval" / "cnn_train.jsonl"
BRIEFER = str(Path(sys.executable).parent / "briefer")


def corpus(data: Path, megabytes: float, where: Path) -> tuple[Path, int]:
    """The first lines of ``data`` that fit in ``megabytes`` MB, and how many they are."""
    limit = int(megabytes * 1024 * 1024)
    lines: list[bytes] = []
    size = 0
    with data.open("rb") as fh:
        for line in fh:
            if size + len(line) > limit:
                break
            lines.append(line)
            size += len(line)
    path = where / "corpus.jsonl"
    path.write_bytes(b"".join(lines))
    return path, len(lines)


def timed(cmd: list[str], stdout: Path | None = None) -> float:
    """Wall seconds of a command; it must succeed."""
    start = time.perf_counter()
    with open(stdout or os.devnull, "wb") as out:
        subprocess.run(cmd, check=True, stdout=out, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--megabytes", type=float, default=9.0)
    ap.add_argument("--repeat", type=int, default=3, help="interleaved rounds")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument(
        "--partition-size", type=float, default=None, help="MB; default: briefer's own sizing"
    )
    args = ap.parse_args()
    from distributed import LocalCluster

    tmp = Path(tempfile.mkdtemp(prefix="briefer-dask-bench-"))
    try:
        path, n = corpus(args.data, args.megabytes, tmp)
        size = path.stat().st_size / 1024 / 1024
        local_out, remote_dir = tmp / "local.jsonl", tmp / "remote"
        with LocalCluster(
            n_workers=2, processes=True, host="127.0.0.1", dashboard_address=":0"
        ) as cluster:
            threads = sum(w.nthreads for w in cluster.workers.values())
            print(
                f"{n} articles, {size:.1f} MB ({args.data.name}); LocalCluster of "
                f"{len(cluster.workers)} workers, {threads} threads; {args.repeat} interleaved "
                f"rounds; load average {os.getloadavg()[0]:.1f}"
            )
            dask = [BRIEFER, "batch", str(path), "--scheduler", cluster.scheduler_address]
            dask += ["--output", str(remote_dir)]
            if args.partition_size is not None:
                dask += ["--partition-size", str(args.partition_size)]
            local = [BRIEFER, "batch", "--jobs", "2", str(path)]
            walls: dict[str, list[float]] = {"local --jobs 2": [], "Dask, 2 workers": []}
            loads = []
            for _ in range(args.repeat):
                walls["local --jobs 2"].append(timed(local, local_out))
                walls["Dask, 2 workers"].append(timed(dask))
                loads.append(os.getloadavg()[0])
        for name, runs in walls.items():
            med = statistics.median(runs)
            rounds = " ".join(f"{x:.1f}" for x in runs)
            print(f"  {name:<16} {n / med:7.2f} articles/s  median {med:5.1f} s  ({rounds})")
        local_w, dask_w = walls["local --jobs 2"], walls["Dask, 2 workers"]
        paired = statistics.median(a / b for a, b in zip(local_w, dask_w, strict=True))
        ratio = statistics.median(local_w) / statistics.median(dask_w)
        print(f"  Dask / local --jobs 2 throughput: {ratio:.2f}x (paired {paired:.2f}x; bar 0.9x)")
        same = (remote_dir / path.name).read_bytes() == local_out.read_bytes()
        print(f"  outputs identical: {same}")
        print(f"load average after each round {', '.join(f'{x:.1f}' for x in loads)}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
