"""Issue 10's speed bar: a brief of a 2,000,000-character document with every method.

The document is CNN training articles (../shared/eval/cnn_train.jsonl, field ``article``,
else the samples) joined with blank lines and cut to exactly ``--chars`` characters (the
default ``--max-chars``). Each method runs the installed ``briefer`` CLI in a fresh process
under ``/usr/bin/time -v`` (``briefer -m METHOD -f json doc.txt > /dev/null``): wall time, CPU
time and peak RSS of the whole process, printed beside the bar (10 s, 1 GB).

``--stages`` also times, in this process, where a brief's time goes for each method:
splitting, word tokens of every sentence (``split.word_tokens``, in batches as a brief's
ranking gets them), ranking (``rank.score``, which includes those tokens) and facts
(``facts.extract`` + ``facts.terms``).
``--original`` times sumy's own summarizer's ranking on the same document, in a fresh process
with a time limit (``--original-timeout``): at 2M characters sumy's originals take minutes.
The machine is shared: the load average is printed, and CPU time is steadier than wall time.

    python bench/speed_2m.py
    python bench/speed_2m.py --methods lexrank,kl --stages
    python bench/speed_2m.py --methods lsa --original --original-timeout 600
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CNN = ROOT.parent / "shared" / "eval" / "cnn_train.jsonl"
METHODS = (
    "default", "lsa", "lexrank", "textrank", "reduction", "luhn", "edmundson", "sumbasic", "kl",
    "random", "lead",
)  # fmt: skip
BAR_SECONDS = 10.0
BAR_MB = 1024.0


def document_text(chars: int) -> str:
    """CNN articles joined with blank lines, cut to exactly ``chars`` characters."""
    if CNN.exists():
        lines = CNN.open(encoding="utf-8")
        source = (json.loads(line)["article"] for line in lines)
    else:
        source = (p.read_text() for p in sorted((ROOT / "samples").glob("*.txt")))
    parts: list[str] = []
    size = 0
    for article in source:
        parts.append(article)
        size += len(article) + 2
        if size > chars:
            break
    return "\n\n".join(parts)[:chars]


def briefer_cli() -> str:
    """The ``briefer`` script beside this interpreter (the worktree's venv)."""
    here = Path(sys.executable).parent / "briefer"
    return str(here) if here.exists() else "briefer"


def whole_process(doc: Path, method: str) -> dict[str, float]:
    """``/usr/bin/time -v briefer -m METHOD -f json doc``: wall, CPU seconds and peak RSS MB."""
    cmd = ["/usr/bin/time", "-v", briefer_cli(), "-m", method, "-f", "json", str(doc)]
    out = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"{method}: {out.stderr.strip().splitlines()[0]}")
    report = out.stderr

    def field(name: str) -> str:
        for line in report.splitlines():
            if line.strip().startswith(name):
                return line.rpartition(": ")[2].strip()
        return "0"

    clock = [float(x) for x in field("Elapsed (wall clock) time").split(":")]
    wall = sum(x * 60**i for i, x in enumerate(reversed(clock)))
    cpu = float(field("User time")) + float(field("System time"))
    return {"wall": wall, "cpu": cpu, "rss_mb": float(field("Maximum resident set size")) / 1024}


def stages(text: str, methods: list[str]) -> None:
    """Split once; then, per method, ranking time; facts once (they do not depend on it)."""
    from briefer import facts, rank, split

    t0 = time.perf_counter()
    doc, _ = split.document(text, "english", None)
    split_s = time.perf_counter() - t0
    stops = rank.stop_words("english")
    t0 = time.perf_counter()
    found = facts.extract(doc.sentences, doc.text, stops, "english")
    extract_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    facts.terms(doc.sentences, stops, exclude=[n.text for n in found.names])
    terms_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for s in doc.sentences:
        split.word_tokens(s.text)
    tokens_s = time.perf_counter() - t0
    print(f"\n# {len(doc.sentences):,} sentences: split {split_s:.2f} s, ", end="")
    print(f"word tokens {tokens_s:.2f} s, ", end="")
    print(f"facts.extract {extract_s:.2f} s, facts.terms {terms_s:.2f} s (every method)")
    print(f"{'method':10} {'rank s':>7}")
    for m in methods:
        rank.clear_stem_cache()
        t0 = time.perf_counter()
        rank.score(doc, m, "english")
        print(f"{m:10} {time.perf_counter() - t0:7.2f}", flush=True)


def original_child(doc_path: str, method: str) -> None:
    """sumy's own summarizer on the document: ranking time and peak RSS, as a JSON line."""
    from briefer import rank, split

    doc, _ = split.document(Path(doc_path).read_text(), "english", None)
    t0 = time.perf_counter()
    rank.sumy_scores(doc, method, "english", original=True)
    seconds = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mb": rss}))


def original(doc: Path, method: str, timeout: float) -> str:
    """sumy's original's ranking time at this size, or how long it ran before the limit."""
    if method in ("default", "lead", "random"):
        return "-"
    cmd = [sys.executable, __file__, "--original-child", str(doc), "--method", method]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return f">{timeout:.0f} s"
    except subprocess.CalledProcessError as exc:
        return f"failed ({exc.stderr.strip().splitlines()[-1][:40]})"
    res = json.loads(out.stdout.strip().splitlines()[-1])
    return f"{res['seconds']:.1f} s rank, {res['rss_mb']:.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chars", type=int, default=2_000_000)
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--stages", action="store_true", help="split / rank / facts times")
    parser.add_argument("--original", action="store_true", help="time sumy's own summarizers")
    parser.add_argument("--original-timeout", type=float, default=300.0)
    parser.add_argument("--original-child", help=argparse.SUPPRESS)
    parser.add_argument("--method", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.original_child:
        original_child(args.original_child, args.method)
        return
    methods = [m for m in args.methods.split(",") if m]
    text = document_text(args.chars)
    print(f"# {len(text):,} characters; {os.cpu_count()} CPUs, load average ", end="")
    print(f"{os.getloadavg()[0]:.2f} (shared machine)")
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "doc.txt"
        doc.write_text(text, encoding="utf-8")
        head = f"{'method':10} {'wall s':>7} {'cpu s':>7} {'bar s':>6} {'RSS MB':>7} {'bar MB':>7}"
        print(f"\n{head} {'ok':>3}" + ("  sumy's original" if args.original else ""))
        for m in methods:
            res = whole_process(doc, m)
            ok = res["wall"] <= BAR_SECONDS and res["rss_mb"] <= BAR_MB
            line = f"{m:10} {res['wall']:7.2f} {res['cpu']:7.2f} {BAR_SECONDS:6.0f}"
            line += f" {res['rss_mb']:7.0f} {BAR_MB:7.0f} {'yes' if ok else 'NO':>3}"
            if args.original:
                line += f"  {original(doc, m, args.original_timeout)}"
            print(line, flush=True)
        if args.stages:
            stages(text, methods)


if __name__ == "__main__":
    main()
