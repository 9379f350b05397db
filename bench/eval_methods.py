"""ROUGE of every ranking method on the dev sets, also on lowercased/flattened and shuffled news.

    python bench/eval_methods.py ../shared/eval/cnn_dev.jsonl -n 3 --methods all --jobs 2
    python bench/eval_methods.py ../shared/eval/cnn_dev.jsonl -n 3 --variant lower-flat \
        --methods default,lead
    python bench/eval_methods.py ../shared/eval/cnn_dev.jsonl -n 3 --variant shuffled \
        --methods default,lead,lexrank

Variants simulate held-out conditions: ``lower-flat`` lowercases the article and joins its
paragraphs into one (CNN/Daily Mail as distributed lowercased); ``shuffled`` shuffles the
paragraphs (seeded by the record id) so that the lead is no longer the story. ``--speed`` times
``summarize`` per article instead (each method in turn on the same articles, best of three) and
prints each method's time as a ratio to sumy's LexRank. Results of the
sumy methods are cached in /tmp, keyed on the data and on the splitting, ranking and scoring
code (they do not change when the default is refitted); ``default`` is always recomputed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from briefer.evaluate import (
    BadRecord,
    Record,
    Result,
    Totals,
    evaluate,
    lowercase_flat,
    parse_methods,
    read_records,
    results_json,
    shuffle_paragraphs,
)

CACHE = Path(tempfile.gettempdir()) / "briefer-eval-cache"
UNCACHED = {"default"}


def variant(record: Record, name: str) -> Record:
    if name == "lower-flat":
        return replace(record, article=lowercase_flat(record.article))
    if name == "shuffled":
        return replace(record, article=shuffle_paragraphs(record.article, record.id))
    return record


# The sources a cached method's summaries depend on: the data, and the code that splits,
# ranks, chooses and scores (a new sentence splitter invalidates every cached result).
SOURCES = ("split.py", "split/*.py", "rank/**/*.py", "rank/*.json", "lang/*.*", "brief.py")
SOURCES += ("evaluate.py", "models.py")


def _key(path: Path, method: str, sentences: int, name: str) -> Path:
    import briefer

    package = Path(briefer.__file__).parent
    digest = hashlib.sha1(path.read_bytes())
    for source in sorted({p for pattern in SOURCES for p in package.glob(pattern)}):
        digest.update(source.read_bytes())
    return CACHE / f"{path.stem}-{digest.hexdigest()[:12]}-{method}-{sentences}-{name}.json"


def speed(records: list[Record], methods: tuple[str, ...], sentences: int) -> int:
    """Seconds per article of each method (best of 3 rounds), and the ratio to LexRank."""
    from briefer import Options, summarize

    methods = tuple(dict.fromkeys(("lexrank", *methods)))
    for m in methods:  # warm up imports and caches
        summarize(records[0].article, Options(method=m, sentences=sentences))
    best = dict.fromkeys(methods, float("inf"))
    for _ in range(3):
        for m in methods:
            start = time.perf_counter()
            for r in records:
                summarize(r.article, Options(method=m, sentences=sentences, title=r.title))
            best[m] = min(best[m], (time.perf_counter() - start) / len(records))
    print(f"summarize() per article, {len(records)} articles, best of 3")
    for m in methods:
        print(f"{m:10} {1000 * best[m]:7.1f} ms  {best[m] / best['lexrank']:5.2f}x lexrank")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("-n", "--sentences", type=int, default=3)
    parser.add_argument("--methods", default="default,lead")
    parser.add_argument(
        "--variant", choices=["original", "lower-flat", "shuffled"], default="original"
    )
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--limit", type=int, default=0, help="only the first N records")
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--speed", action="store_true", help="time methods against lexrank")
    args = parser.parse_args()

    methods = parse_methods(args.methods)
    records = [r for r in read_records(args.data) if isinstance(r, Record)]
    if args.limit:
        records = records[: args.limit]
    records = [variant(r, args.variant) for r in records]
    if args.speed:
        return speed(records, parse_methods(args.methods), args.sentences)
    cached: dict[str, Result] = {}
    CACHE.mkdir(exist_ok=True)
    for m in methods:
        key = _key(args.data, m, args.sentences, args.variant)
        if m not in UNCACHED and not args.no_cache and not args.limit and key.exists():
            cached[m] = Result(method=m, **json.loads(key.read_text()))
    todo = [m for m in methods if m not in cached]
    totals = Totals(todo)
    start = time.perf_counter()
    if todo:
        for outcome in evaluate(records, todo, args.sentences, jobs=args.jobs):
            if isinstance(outcome, BadRecord):
                print(f"skipped {outcome}", file=sys.stderr)
                continue
            for s in outcome:
                totals.add(s)
    for r in totals.results():
        cached[r.method] = r
        if r.method not in UNCACHED and not args.limit:
            body = {"rouge1": r.rouge1, "rouge2": r.rouge2, "rougeLsum": r.rougeLsum, "n": r.n}
            _key(args.data, r.method, args.sentences, args.variant).write_text(json.dumps(body))
    results = [cached[m] for m in methods]
    if args.json:
        sys.stdout.write(results_json(results))
        return 0
    print(
        f"{args.data.name} ({args.variant}), {args.sentences} sentences, "
        f"{len(records)} records, {time.perf_counter() - start:.0f} s"
    )
    print(f"| {'method':<10} | {'R1':>5} | {'R2':>5} | {'RLsum':>5} |")
    print(f"|{'-' * 12}|{'-' * 7}|{'-' * 7}|{'-' * 7}|")
    for r in results:
        print(f"| {r.method:<10} | {r.rouge1:5.1f} | {r.rouge2:5.1f} | {r.rougeLsum:5.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
