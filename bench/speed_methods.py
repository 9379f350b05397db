"""Ranking speed on long documents: sumy's original summarizers vs briefer's, side by side.

Long documents are real news text: CNN dev articles (../shared/eval/cnn_dev.jsonl, else the
samples) concatenated and cut to exactly n sentences. Splitting and word tokenization are
timed once and reported on their own; the method columns time ranking only, on a document
whose words are already tokenized (both sumy and briefer tokenize through the same
``Sentence.words``, so tokenization is a shared floor, shown in its own row). Each
(implementation, method, n) runs in a fresh subprocess, which reports the median of its runs
and its peak RSS (``ru_maxrss``, the whole process: interpreter, libraries, document). sumy's
child also runs briefer right after each of its runs: ``paired`` is the median ratio of those
pairs' CPU times, steadier than the ratio of two processes' medians on a VM whose speed drifts.

    python bench/speed_methods.py                       # 1,000 and 10,000 sentences
    python bench/speed_methods.py --sizes 1000 --original-sizes 1000 --repeat 3
    python bench/speed_methods.py --default-curve 100,1000,10000
    python bench/speed_methods.py --sizes 1000 --methods luhn,edmundson --no-seed
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CNN = ROOT.parent / "shared" / "eval" / "cnn_dev.jsonl"
METHODS = ("lsa", "lexrank", "textrank", "reduction", "luhn", "edmundson", "sumbasic", "kl")
NO_SEED = False
SLOW_ORIGINALS = {"kl": 200}
"""sumy's KL-Sum is cubic: timed at 200 sentences at most (about 10 s), never at 1,000."""


def source_text(min_sentences: int) -> str:
    """Real articles, concatenated until there are at least ``min_sentences`` sentences."""
    from briefer.split import analyse

    if CNN.exists():
        articles = [json.loads(line)["article"] for line in CNN.read_text().splitlines()]
    else:
        articles = [p.read_text() for p in sorted((ROOT / "samples").glob("*.txt"))]
    chunks: list[str] = []
    count = 0
    i = 0
    while count < min_sentences:
        article = articles[i % len(articles)]
        chunks.append(article)
        count += len(analyse(article).sentences)
        i += 1
    return "\n\n".join(chunks)


def build_documents(sizes: list[int], workdir: Path) -> dict[int, Path]:
    """Split the source once per size; pickle each document; report the split time."""
    from briefer.models import Document
    from briefer.split import analyse

    text = source_text(max(sizes))
    paths: dict[int, Path] = {}
    for n in sorted(sizes):
        # Cut the text, not only the sentence list, so the split time is the split of n.
        doc = analyse(text)
        last = doc.sentences[min(n, len(doc.sentences)) - 1]
        part = text[: last.end]
        t0 = time.perf_counter()
        doc = analyse(part)
        split_s = time.perf_counter() - t0
        doc = Document(
            text=doc.text, sentences=doc.sentences[:n], paragraphs=doc.paragraphs, title=doc.title
        )
        words = sum(len(s.text.split()) for s in doc.sentences)
        print(f"# n={n}: {len(doc.sentences)} sentences, {words:,} words, split {split_s:.2f} s")
        path = workdir / f"doc{n}.pickle"
        path.write_bytes(pickle.dumps(doc))
        paths[n] = path
    return paths


def child(args: argparse.Namespace) -> None:
    """Run one (implementation, method) on one document; print a JSON line."""
    from briefer import rank

    doc = pickle.loads(Path(args.doc).read_bytes())
    result: dict[str, Any] = {"n": len(doc.sentences)}
    if args.no_seed:
        rank.stems.SEED_AFTER = 1 << 62  # never seed the memo: every distinct word is stemmed
    # Imports and one-time setup are not ranking: do them before the clock starts.
    rank.stop_words("english")
    rank.score(_tiny(doc), args.method, "english")
    if args.method != "default":
        rank.summarizer_class(args.method, args.original)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    times: list[float] = []
    cpu: list[float] = []
    paired_cpu: list[float] = []

    def clock(run: Any, times: list[float] = times, cpu: list[float] = cpu) -> None:
        # cold: an empty stem memo (stems are memoized across documents); when the document
        # has enough distinct words, the memo's seed is read inside the timed run
        rank.clear_stem_cache()
        t0, c0 = time.perf_counter(), time.process_time()
        run()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)

    if args.method == "default":
        for _ in range(args.repeat):
            clock(lambda: rank.score(doc, "default", "english"))
    else:
        t0 = time.perf_counter()
        sumy_doc = rank.sumy_document(doc, "english")
        for s in sumy_doc.sentences:
            s.words  # noqa: B018 - tokenize now, outside the timed ranking
        for h in sumy_doc.headings:
            h.words  # noqa: B018
        result["tokenize_s"] = time.perf_counter() - t0
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        for _ in range(args.repeat):
            clock(
                lambda: rank.recorded_ratings(sumy_doc, doc, args.method, "english", args.original)
            )
            if args.original:
                # briefer's run right after sumy's, in the same process: the VM's speed drifts
                # over seconds, so the ratio of each such pair is the steadier measure
                clock(
                    lambda: rank.recorded_ratings(sumy_doc, doc, args.method, "english"),
                    [],
                    paired_cpu,
                )
        if paired_cpu:
            result["paired_cpu_ratio"] = statistics.median(
                o / f for o, f in zip(cpu, paired_cpu, strict=True)
            )
    result["seconds"] = statistics.median(times)
    result["cpu"] = statistics.median(cpu)
    result["runs"] = times
    result["rss_before_mb"] = rss_before / 1024
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def _tiny(doc: Any) -> Any:
    """The first sentences of ``doc``, to warm up imports and caches."""
    from dataclasses import replace

    return replace(doc, sentences=doc.sentences[:5])


def run_child(doc: Path, method: str, original: bool, repeat: int) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", "--doc", str(doc), "--method", method]
    cmd += ["--repeat", str(repeat)] + (["--original"] if original else [])
    cmd += ["--no-seed"] if NO_SEED else []
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    parsed: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return parsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--original-sizes", default="1000", help="sizes to time sumy's originals")
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--original-repeat", type=int, default=1)
    parser.add_argument("--default-curve", default="", help="e.g. 100,1000,10000")
    parser.add_argument(
        "--no-seed",
        action="store_true",
        help="never seed the stem memo with the commonest words (rank.stems.StemCache)",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--doc", help=argparse.SUPPRESS)
    parser.add_argument("--method", help=argparse.SUPPRESS)
    parser.add_argument("--original", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    global NO_SEED
    NO_SEED = args.no_seed

    sizes = [int(x) for x in args.sizes.split(",") if x]
    originals = [int(x) for x in args.original_sizes.split(",") if x]
    curve = [int(x) for x in args.default_curve.split(",") if x]
    methods = [m for m in args.methods.split(",") if m]
    extra = {min(n, SLOW_ORIGINALS.get(m, n)) for m in methods for n in originals}
    print(f"# {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} (shared machine)")
    with tempfile.TemporaryDirectory() as tmp:
        docs = build_documents(sorted(set(sizes) | set(originals) | extra | set(curve)), Path(tmp))
        if methods:
            header = f"{'method':10} {'n':>6} {'sumy s':>8} {'briefer s':>9} {'ratio':>7}"
            header += f" {'sumy cpu':>8} {'brf cpu':>8} {'cpu ratio':>9}"
            header += f" {'paired':>7}"
            print(f"\n{header} {'peak RSS MB':>11} {'(before)':>8} {'tokenize s':>10}")
        for m in methods:
            timed = {min(n, SLOW_ORIGINALS.get(m, n)) for n in originals}
            for n in sorted(set(sizes) | timed):
                fast = run_child(docs[n], m, False, args.repeat)
                orig = run_child(docs[n], m, True, args.original_repeat) if n in timed else None
                o = f"{orig['seconds']:8.3f}" if orig else f"{'-':>8}"
                r = f"{orig['seconds'] / fast['seconds']:6.1f}x" if orig else f"{'':>7}"
                oc = f"{orig['cpu']:8.3f}" if orig else f"{'-':>8}"
                rc = f"{orig['cpu'] / fast['cpu']:8.1f}x" if orig else f"{'':>9}"
                pr = f"{orig['paired_cpu_ratio']:6.1f}x" if orig else f"{'':>7}"
                print(
                    f"{m:10} {n:6} {o} {fast['seconds']:9.3f} {r} {oc} {fast['cpu']:8.3f} {rc}"
                    f" {pr} {fast['peak_rss_mb']:11.0f} "
                    f"{fast['rss_before_mb']:8.0f} {fast.get('tokenize_s', 0):10.2f}",
                    flush=True,
                )
        if curve:
            print(
                f"\n{'default':10} {'n':>6} {'seconds':>8} {'cpu s':>8} {'cpu/(n ln n) µs':>15} "
                f"{'peak RSS MB':>11}"
            )
            for n in curve:
                try:
                    res = run_child(docs[n], "default", False, args.repeat)
                except subprocess.CalledProcessError as exc:
                    print(f"{'default':10} {n:6} failed: {exc.stderr.strip().splitlines()[-1]}")
                    continue
                per = res["cpu"] / (n * math.log(n)) * 1e6
                print(
                    f"{'default':10} {n:6} {res['seconds']:8.3f} {res['cpu']:8.3f} {per:15.2f} "
                    f"{res['peak_rss_mb']:11.0f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
