"""Facts speed beside ranking speed: figures, quotes, names and terms at 1,000 to 30,000 sentences.

Documents are CNN dev articles (../shared/eval/cnn_dev.jsonl, else the samples) concatenated
and cut to exactly n sentences. Each size is split once; then ranking (``rank.score``) with
each method and facts extraction (``facts.extract`` + ``facts.terms``, what a brief runs) are
timed on the same document, best of ``--repeat`` runs, and printed side by side with their
ratio. Facts do not depend on the method; they are timed once per size. ``--whole`` also briefs
a document of exactly ``--chars`` characters (the default ``--max-chars``) with every method,
each in a fresh process, and reports its wall time and peak RSS (the whole process).

    python bench/speed_facts.py                              # 1,000 / 10,000 / 30,000
    python bench/speed_facts.py --sizes 1000 --repeat 1
    python bench/speed_facts.py --sizes 1000 --whole --methods default,lexrank,lsa
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CNN = ROOT.parent / "shared" / "eval" / "cnn_dev.jsonl"


def articles() -> list[str]:
    if CNN.exists():
        return [json.loads(line)["article"] for line in CNN.read_text().splitlines()]
    return [p.read_text() for p in sorted((ROOT / "samples").glob("*.txt"))]


def text_of(min_chars: int) -> str:
    """Real articles, concatenated until the text has at least ``min_chars`` characters."""
    source = articles()
    chunks: list[str] = []
    size = i = 0
    while size < min_chars:
        chunks.append(source[i % len(source)])
        size += len(chunks[-1]) + 2
        i += 1
    return "\n\n".join(chunks)


def best(runs: int, fn: object) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return min(times)


def table(sizes: list[int], methods: list[str], repeat: int) -> None:
    from briefer import facts, rank
    from briefer.models import Document
    from briefer.split import analyse

    text = text_of(max(sizes) * 140)
    full = analyse(text)
    while len(full.sentences) < max(sizes):
        text += "\n\n" + text
        full = analyse(text)
    stop = rank.stop_words("english")
    print(
        f"{'sentences':>9} {'facts s':>8} "
        + " ".join(f"{m + ' s':>11} {'facts/rank':>10}" for m in methods)
    )
    for n in sizes:
        part = text[: full.sentences[n - 1].end]
        doc = analyse(part)
        doc = Document(text=doc.text, sentences=doc.sentences[:n], paragraphs=doc.paragraphs)

        def run_facts(doc: Document = doc) -> None:
            found = facts.extract(doc.sentences, doc.text, stop)
            facts.terms(doc.sentences, stop, exclude=[t.text for t in found.names])

        facts_s = best(repeat, run_facts)
        cells = []
        for method in methods:
            rank_s = best(repeat, lambda doc=doc, method=method: rank.score(doc, method, "english"))
            cells.append(f"{rank_s:11.2f} {facts_s / rank_s:10.2f}")
        print(f"{n:9,} {facts_s:8.2f} " + " ".join(cells), flush=True)


def whole(chars: int, methods: list[str]) -> None:
    """Brief a ``chars``-character document with each method in a fresh process."""
    print(f"\n# a {chars:,}-character document, whole process (import, split, rank, facts)")
    for method in methods:
        out = subprocess.run(
            [sys.executable, __file__, "--child", method, "--chars", str(chars)],
            capture_output=True,
            text=True,
            check=False,
        )
        print(
            f"{method:10} {out.stdout.strip() or out.stderr.strip().splitlines()[-1]}", flush=True
        )


def child(method: str, chars: int) -> None:
    text = text_of(chars)[:chars]
    t0 = time.perf_counter()
    from briefer import Options, summarize

    brief = summarize(text, Options(method=method))
    wall = time.perf_counter() - t0
    print(f"{wall:6.2f} s  {peak_mb():7.0f} MB  {brief.stats.sentences:,} sentences")


def peak_mb() -> float:
    """This process's peak resident memory. Linux's ``ru_maxrss`` survives ``exec`` (a child
    forked from a parent holding a 30,000-sentence document would report the parent's peak),
    so ``VmHWM``, which starts afresh with the new program, is read where it exists."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,30000")
    parser.add_argument("--methods", default="default,lexrank")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--whole", action="store_true")
    parser.add_argument("--chars", type=int, default=2_000_000)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.chars)
        return
    methods = args.methods.split(",")
    table([int(n) for n in args.sizes.split(",")], methods, args.repeat)
    if args.whole:
        whole(args.chars, methods)


if __name__ == "__main__":
    main()
