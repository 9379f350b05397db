"""Instructions a batch record costs, this checkout against a git revision: a steady measure
where wall and CPU times are not.

On the shared 2-core VM the same batch run varies by a quarter from one run to the next, which
hides a change of a few percent. Instruction counts under valgrind (``cachegrind`` without its
cache simulation) do not vary: this runs ``briefer.batch.run`` over the first ARTICLES records
and over the first one, for this checkout and for REV (a temporary ``git worktree``), and prints
the instructions a record (the difference of the two runs, so start-up is left out) and their
ratio. Instructions are no time: numeric and regex code retire more of them per cycle than the
interpreter's own (this session a 19 % cut in instructions was a 7–9 % cut in CPU time).
Needs ``valgrind`` (``apt-get install valgrind``); about 30 s a run of 60 records.

    python bench/instructions.py [--rev HEAD] [--articles 60] [--data FILE]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from revision import ROOT, checkout

DATA = ROOT.parent / "shared" / "eval" / "cnn_train.jsonl"
RUN = """
import sys
from briefer.batch import BatchOptions, read_items, run
items = list(read_items([sys.argv[1]], max_bytes=BatchOptions().max_bytes))
for _ in run(items, BatchOptions()):
    pass
"""
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def instructions(code: Path, data: Path) -> int:
    """Instructions of one batch run over ``data`` with the package at ``code``."""
    done = subprocess.run(
        [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            sys.executable,
            "-c",
            RUN,
            str(data),
        ],
        env={**os.environ, "PYTHONPATH": str(code)},
        cwd=tempfile.gettempdir(),  # not this checkout: PYTHONPATH alone picks the code
        capture_output=True,
        text=True,
        check=True,
    )
    found = _REFS.search(done.stderr)
    if found is None:
        sys.exit(f"valgrind gave no instruction count:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def per_record(code: Path, many: Path, one: Path, n: int) -> float:
    return (instructions(code, many) - instructions(code, one)) / (n - 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rev", default="HEAD", help="the git revision to compare with")
    ap.add_argument("--articles", type=int, default=60)
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed: apt-get install valgrind")
    if args.articles < 2:
        sys.exit("--articles must be at least 2")
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp)
        with args.data.open(encoding="utf-8") as fh:
            lines = [line for _, line in zip(range(args.articles), fh, strict=False)]
        many, one = where / "many.jsonl", where / "one.jsonl"
        many.write_text("".join(lines), encoding="utf-8")
        one.write_text(lines[0], encoding="utf-8")
        with checkout(args.rev, where / "rev") as tree:
            before = per_record(tree, many, one, len(lines))
            after = per_record(ROOT, many, one, len(lines))
    print(f"{len(lines)} records of {args.data.name}, instructions a record (start-up left out)")
    print(f"  {args.rev}: {before / 1e6:.1f} M")
    print(f"  this checkout: {after / 1e6:.1f} M ({after / before:.3f}×)")


if __name__ == "__main__":
    main()
