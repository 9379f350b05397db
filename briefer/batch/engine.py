"""The local engines: in this process (``jobs=1``) or a pool of worker processes, both over
the same per-record function, so that their output is identical."""

from __future__ import annotations

import os
from collections.abc import Generator, Iterable, Sequence
from typing import BinaryIO

from briefer.batch.inputs import fetch_pages, is_url_argument, is_url_list, read_items
from briefer.batch.options import BatchOptions, Item
from briefer.batch.pool import DEFAULT_CHUNK, Pool
from briefer.batch.records import Result, brief_item, warm_up
from briefer.errors import Setting, UsageError


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run(
    items: Iterable[Item],
    config: BatchOptions,
    *,
    jobs: int = 1,
    chunk_size: int = DEFAULT_CHUNK,
) -> Generator[Result, None, None]:
    """Brief every item, yielding one :class:`Result` per item in input order as it is ready.

    Args:
        items: the records, usually from :func:`read_items`; consumed lazily.
        config: how to brief and render each record.
        jobs: worker processes; 1 runs in this process.
        chunk_size: records sent to a worker at a time.

    With ``jobs > 1`` at most ``jobs * 4`` chunks are in flight, so memory does not grow with
    the input. Closing the generator (or Ctrl-C) stops the workers at once.
    """
    if jobs < 1:
        raise UsageError([Setting("jobs"), " must be at least 1"])
    if chunk_size < 1:
        raise UsageError("the chunk size must be at least 1")
    if jobs == 1:
        if config.timeout is not None:
            warm_up(config.options)
        for item in items:
            yield brief_item(item, config)
        return
    yield from Pool(config, jobs, chunk_size).run(items)


def brief_all(
    inputs: Sequence[str],
    config: BatchOptions,
    *,
    jobs: int = 1,
    input_format: str = "auto",
    glob: str | None = None,
    stdin: BinaryIO | None = None,
) -> Generator[Result, None, None]:
    """Read and brief every record of ``inputs`` (see :func:`read_items` and :func:`run`)."""
    items = read_items(
        inputs, input_format=input_format, glob=glob, stdin=stdin, max_bytes=config.max_bytes
    )
    if input_format == "urls" or any(
        is_url_argument(n) or is_url_list(n, input_format) for n in inputs
    ):
        items = fetch_pages(items, config)
    return run(items, config, jobs=jobs)
