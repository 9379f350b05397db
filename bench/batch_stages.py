"""Where a batch record's CPU time goes: ``briefer.batch.run`` (``--jobs 1``) by stage.

Imports and models are paid once, before the clock (five records of warm-up); then every
record's CPU time (``time.process_time``) is split among the functions a brief calls, timed by
thin wrappers (no profiler, whose own cost would skew pure-Python stages):

* ``parse``: the JSON line read (``briefer.batch.records.parse``);
* ``langid``: the language check (``langid.resolve``);
* ``split``: paragraphs and sentences (``split.document``);
* ``rank``: scoring the sentences (``rank.score``), including ``word tokens``: NLTK's word
  tokenizer, batched (``split.words.tokens_of``), which ranking asks for first;
* ``facts``: figures, quotes, names (``facts.extract``) and ``terms`` (``facts.terms``);
* ``brief policy``: the rest of ``summarize_parts`` (choosing, the gist, stats);
* ``render``: the record's JSON line (``briefer.batch.records.render_brief``);
* ``batch other``: what is left of ``run`` (items, results, the summarizer's lookup).

    python bench/batch_stages.py [--articles 400] [--data FILE]
"""

from __future__ import annotations

import argparse
import collections
import io
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import briefer.batch.records as records
import briefer.brief as brief
import briefer.split.words as words
from briefer.batch import BatchOptions, read_items, run

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval" / "cnn_train.jsonl"
SPENT: collections.Counter[str] = collections.Counter()


def clocked(module: Any, name: str, label: str) -> None:
    """Replace ``module.name`` by a wrapper adding its CPU seconds to ``SPENT[label]``."""
    inner: Callable[..., Any] = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            SPENT[label] += time.process_time() - start

    setattr(module, name, wrapper)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args()
    config = BatchOptions()
    items = []
    for item in read_items([str(args.data)], max_bytes=config.max_bytes):
        items.append(item)
        if len(items) == args.articles:
            break
    for _ in run(items[:5], config):  # imports and models, outside the clock
        pass
    clocked(records, "parse", "parse")
    clocked(brief.langid, "resolve", "langid")
    clocked(brief.split, "document", "split")
    clocked(brief.rank, "score", "rank (with word tokens)")
    clocked(words, "tokens_of", "  word tokens")
    clocked(brief.facts, "extract", "facts")
    clocked(brief.facts, "terms", "terms")
    clocked(brief, "summarize_parts", "summarize_parts")
    clocked(records, "render_brief", "render")
    out = io.StringIO()
    start = time.process_time()
    for result in run(items, config):
        out.write(result.output)
    total = time.process_time() - start
    stages = ("langid", "split", "rank (with word tokens)", "facts", "terms")
    rows = {name: SPENT[name] for name in ("parse", *stages[:3], "  word tokens", *stages[3:])}
    rows["brief policy"] = SPENT["summarize_parts"] - sum(SPENT[s] for s in stages)
    rows["render"] = SPENT["render"]
    rows["batch other"] = total - SPENT["summarize_parts"] - SPENT["render"] - SPENT["parse"]
    n = len(items)
    print(
        f"{n} records of {args.data.name}: {1000 * total / n:.2f} ms CPU a record in "
        f"briefer.batch.run (jobs=1); load average {os.getloadavg()[0]:.1f}"
    )
    for name, secs in rows.items():
        print(f"  {name:<24} {1000 * secs / n:6.2f} ms  {100 * secs / total:5.1f} %")


if __name__ == "__main__":
    main()
