"""A 10,000-record batch with 3% malformed records: every good record briefed, every bad one
reported (in the output and on stderr), order kept, exit code 3.

Bad records, in turn: broken JSON, no text field, text that is not a string, empty text, and
bytes that are not UTF-8. ``--method lead`` by default to keep the run short (the faults are
about the pipeline, not the ranking); pass ``--method default`` for the default.

    python bench/batch_faults.py [--records 10000] [--bad 0.03] [--jobs 2] [--method lead]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval" / "cnn_train.jsonl"
BRIEFER = str(Path(sys.executable).with_name("briefer"))

BAD = [
    lambda i: b'{"id": "r%d", "article": "unterminated\n' % i,
    lambda i: b'{"id": "r%d", "title": "no text here"}\n' % i,
    lambda i: b'{"id": "r%d", "article": 42}\n' % i,
    lambda i: b'{"id": "r%d", "article": "   "}\n' % i,
    lambda i: b'{"id": "r%d", "article": "caf\xe9 \xff\xfe"}\n' % i,
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=10000)
    ap.add_argument("--bad", type=float, default=0.03)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--method", default="lead")
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args()
    articles = [json.loads(line)["article"] for line in args.data.open(encoding="utf-8")]
    rng = random.Random(4)
    bad = set(rng.sample(range(args.records), round(args.records * args.bad)))
    tmp = Path(tempfile.mkdtemp(prefix="briefer-faults-"))
    try:
        path = tmp / "faults.jsonl"
        with path.open("wb") as out:
            for i in range(args.records):
                if i in bad:
                    out.write(BAD[i % len(BAD)](i))
                else:
                    record = {"id": f"r{i}", "article": articles[i % len(articles)]}
                    out.write((json.dumps(record) + "\n").encode())
        start = time.perf_counter()
        run = subprocess.run(
            [BRIEFER, "batch", "-j", str(args.jobs), "-m", args.method, str(path)],
            capture_output=True,
            check=False,
        )
        secs = time.perf_counter() - start
        lines = run.stdout.decode().splitlines()
        records = [json.loads(line) for line in lines]
        errors = run.stderr.decode().splitlines()
        order = all(r["id"] in (f"r{i}", None) for i, r in enumerate(records))
        sources = all(
            (r.get("brief") or r.get("error") or {}).get("source") == f"{path}:{i + 1}"
            for i, r in enumerate(records)
        )
        good_ok = all("brief" in records[i] for i in range(len(records)) if i not in bad)
        bad_reported = all("error" in records[i] for i in bad if i < len(records))
        named = sum(1 for e in errors if e.startswith(f"briefer: error: {path}:"))
        print(f"{args.records} records, {len(bad)} malformed ({args.bad:.0%}); {secs:.1f} s")
        print(f"  output lines: {len(records)} (one per input: {len(records) == args.records})")
        print(f"  order kept (ids and line numbers): {order and sources}")
        print(f"  every good record briefed: {good_ok}")
        print(f"  every bad record an error record: {bad_reported}")
        print(f"  stderr error lines naming a record: {named} (expected {len(bad)})")
        print(f"  summary: {errors[-1] if errors else '(none)'}; exit code {run.returncode}")
        kinds: dict[str, int] = {}
        for i in sorted(bad):
            message = records[i]["error"]["message"].split(" (")[0]
            kinds[message] = kinds.get(message, 0) + 1
        for message, count in sorted(kinds.items()):
            print(f"    {count:4d} x {message}")
        print(f"--jobs {args.jobs}, --method {args.method}; load average {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
