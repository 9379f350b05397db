"""Many documents: JSON Lines and files in, one result per record out, in input order.

Three engines share one per-record function (:func:`brief_item`), so their output is identical:

* in-process (``jobs=1``);
* a local pool of worker processes (:mod:`briefer.batch.pool`), fed chunks through a bounded
  window so memory stays flat however long the input is;
* a Dask cluster (the optional ``briefer[dask]`` extra), one output file per input file.

The library never prints: it yields :class:`Result` values and the CLI writes them.

The rooms: :mod:`~briefer.batch.options` (what a batch is told), :mod:`~briefer.batch.inputs`
(reading), :mod:`~briefer.batch.records` (one record), :mod:`~briefer.batch.timeouts`,
:mod:`~briefer.batch.render` (every rendering call), :mod:`~briefer.batch.pool`,
:mod:`~briefer.batch.engine` (in-process or pooled), :mod:`~briefer.batch.files`,
:mod:`~briefer.batch.ranges` and :mod:`~briefer.batch.dask` (the distributed engine).
"""

from briefer.batch.dask import (
    DASK_CONNECT_TIMEOUT,
    PartitionReport,
    RunStopped,
    brief_partition,
    brief_partitions,
    dask_address,
    join_partitions,
)
from briefer.batch.engine import brief_all, default_jobs, run
from briefer.batch.files import (
    HtmlPages,
    OutputFiles,
    check_html_output,
    output_path,
    part_path,
    plan_outputs,
    same_file,
    write_replacing,
)
from briefer.batch.inputs import (
    MAX_URL_LINE,
    LineReader,
    Unreadable,
    count_records,
    expand,
    fetch_pages,
    is_jsonl,
    is_url_argument,
    is_url_list,
    read_items,
    read_lines,
)
from briefer.batch.options import (
    DEFAULT_TEXT_FIELDS,
    FETCH_POLICIES,
    INPUT_FORMATS,
    JSONL_SUFFIXES,
    URL_SUFFIXES,
    BatchOptions,
    Item,
    Summarizer,
)
from briefer.batch.pool import (
    DEFAULT_CHUNK,
    KILL_GRACE,
    WINDOW_PER_JOB,
    parent_import_path,
)
from briefer.batch.ranges import (
    DEFAULT_PARTITION_BYTES,
    MIN_PARTITION_BYTES,
    SKIP_PIECE,
    TASKS_PER_THREAD,
    LineRange,
    auto_partition,
    byte_ranges,
    count_newlines,
    newlines_in,
)
from briefer.batch.records import Result, brief_item
from briefer.batch.render import scrub
from briefer.batch.timeouts import RecordTimeout

__all__ = [
    "DASK_CONNECT_TIMEOUT",
    "DEFAULT_CHUNK",
    "DEFAULT_PARTITION_BYTES",
    "DEFAULT_TEXT_FIELDS",
    "FETCH_POLICIES",
    "INPUT_FORMATS",
    "JSONL_SUFFIXES",
    "KILL_GRACE",
    "MAX_URL_LINE",
    "MIN_PARTITION_BYTES",
    "SKIP_PIECE",
    "TASKS_PER_THREAD",
    "URL_SUFFIXES",
    "WINDOW_PER_JOB",
    "BatchOptions",
    "HtmlPages",
    "Item",
    "LineRange",
    "LineReader",
    "OutputFiles",
    "PartitionReport",
    "RecordTimeout",
    "Result",
    "RunStopped",
    "Summarizer",
    "Unreadable",
    "auto_partition",
    "brief_all",
    "brief_item",
    "brief_partition",
    "brief_partitions",
    "byte_ranges",
    "check_html_output",
    "count_newlines",
    "count_records",
    "dask_address",
    "default_jobs",
    "expand",
    "fetch_pages",
    "is_jsonl",
    "is_url_argument",
    "is_url_list",
    "join_partitions",
    "newlines_in",
    "output_path",
    "parent_import_path",
    "part_path",
    "plan_outputs",
    "read_items",
    "read_lines",
    "run",
    "same_file",
    "scrub",
    "write_replacing",
]
