"""Whether a speed change kept every brief the same: batch output of this checkout against a
git revision's, record by record, on the dev and train sets in several languages.

A speed change should change no output. This runs ``briefer.batch.run`` (``--jobs 1``, every
default) over the same records twice, once with this checkout's code and once with REV's (from a
temporary ``git worktree``), and compares the JSON lines: the number of records that differ and
the first few ids. It prints each side's CPU milliseconds a record too, as a rough guide only
(one run each; use the other benches to time).

    python bench/same_output.py [--rev HEAD] [--articles 1000] [--data FILE ...]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from revision import ROOT, checkout

EVAL = ROOT.parent / "shared" / "eval"
SETS = (
    ("cnn_train.jsonl", "article"),
    ("facts_dev.jsonl", "article"),
    ("facts_ml_dev.jsonl", "article"),
    ("orangesum_dev.jsonl", "article"),
    ("temario_dev.jsonl", "article"),
    ("bbc_dev.jsonl", "article"),
    ("langid_dev.jsonl", "text"),
)

RUN = """
import sys, time
from briefer.batch import BatchOptions, read_items, run
config = BatchOptions()
items = list(read_items([sys.argv[1]], max_bytes=config.max_bytes))
start = time.process_time()
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for result in run(items, config):
        out.write(result.output)
print((time.process_time() - start) * 1000 / max(1, len(items)))
"""


def corpus(files: list[Path], articles: int, target: Path) -> int:
    """One JSON Lines file of up to ``articles`` records of each file, ids naming their source."""
    n = 0
    with target.open("w", encoding="utf-8") as out:
        for path in files:
            field = dict(SETS).get(path.name, "article")
            with path.open(encoding="utf-8") as fh:
                for i, line in enumerate(fh):
                    if i == articles:
                        break
                    record = json.loads(line)
                    text = record.get(field) or record.get("text") or ""
                    out.write(json.dumps({"id": f"{path.name}:{i}", "text": text}) + "\n")
                    n += 1
    return n


def briefs(code: Path, data: Path, out: Path) -> float:
    """Run the batch with the package at ``code``; the CPU ms a record it took."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(data), str(out)],
        env=env,
        cwd=tempfile.gettempdir(),  # not this checkout: PYTHONPATH alone picks the code
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rev", default="HEAD", help="the git revision to compare with")
    ap.add_argument("--articles", type=int, default=1000, help="records of each file, at most")
    ap.add_argument("--data", type=Path, nargs="*", help="JSON Lines files (default: the sets)")
    args = ap.parse_args()
    files = args.data or [EVAL / name for name, _ in SETS if (EVAL / name).exists()]
    if not files:
        sys.exit(f"no data: pass --data, or put the eval sets in {EVAL}")
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp)
        data = where / "corpus.jsonl"
        n = corpus(files, args.articles, data)
        with checkout(args.rev, where / "rev") as tree:
            before = briefs(tree, data, where / "before.jsonl")
            after = briefs(ROOT, data, where / "after.jsonl")
            old = (where / "before.jsonl").read_text(encoding="utf-8").splitlines()
            new = (where / "after.jsonl").read_text(encoding="utf-8").splitlines()
    differ = [json.loads(a).get("id") for a, b in zip(old, new, strict=False) if a != b]
    print(f"{n} records of {', '.join(p.name for p in files)}")
    print(f"  {args.rev}: {before:.2f} ms CPU a record; this checkout: {after:.2f} (one run each)")
    if len(old) != len(new):
        print(f"  DIFFERENT: {len(old)} output lines against {len(new)}")
    print(
        f"  {'SAME' if not differ and len(old) == len(new) else 'DIFFERENT'}: {len(differ)} "
        f"records differ{': ' + ', '.join(map(str, differ[:10])) if differ else ''}"
    )
    sys.exit(1 if differ or len(old) != len(new) else 0)


if __name__ == "__main__":
    main()
