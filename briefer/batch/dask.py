"""The distributed engine: JSON Lines files briefed on a Dask cluster (the optional
``briefer[dask]`` extra), one output file per input file, big files in byte ranges.

The one module of briefer that imports ``distributed``.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefer.batch.files import plan_outputs
from briefer.batch.inputs import read_lines
from briefer.batch.options import BatchOptions, Item
from briefer.batch.ranges import LineRange, auto_partition, byte_ranges, newlines_in
from briefer.batch.records import brief_item, first_line
from briefer.errors import NetworkError, Setting, UsageError, os_error_reason


@dataclass(frozen=True, slots=True)
class PartitionReport:
    """What a distributed task did with one input file."""

    input: str
    output: str
    ok: int
    failed: int
    errors: tuple[tuple[str, str], ...]  # (record label, message) of each failed record
    partitions: int = 1  # the byte ranges of the file that were briefed as separate tasks


def _threads(client: Any) -> int:
    try:
        return max(1, int(sum(client.nthreads().values())))
    except Exception:  # the cluster's size is unknown: one range a file, as before
        return 1


def brief_partition(
    path: str,
    label: str,
    out_path: str,
    config: BatchOptions,
    start: int = 0,
    end: int | None = None,
    newlines_before: int | None = None,
    stop: str | None = None,
) -> PartitionReport:
    """Brief the JSON lines of one file (those starting in ``[start, end)``) into one output
    file: a task of the distributed engine.

    Runs on a worker, so ``path`` and ``out_path`` are read and written there; ``label`` is how
    the records name their source (the path as the user gave it). ``stop`` names a Dask
    ``Event``: once it is set (Ctrl-C, a lost client) or cannot be read (a lost scheduler), the
    task stops between records and removes what it wrote.
    """
    errors: list[tuple[str, str]] = []
    Path(out_path).parent.mkdir(parents=True, exist_ok=True)
    partial = out_path + ".part"
    stopped = _stop_check(stop)
    try:
        ok, failed = _brief_range(
            path, label, partial, config, start, end, newlines_before, errors, stopped
        )
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(partial)
        raise
    os.replace(partial, out_path)
    return PartitionReport(label, out_path, ok, failed, tuple(errors))


class RunStopped(Exception):
    """A distributed task found its run cancelled, or its scheduler gone."""


def _stop_check(name: str | None, every: float = 1.0) -> Callable[[], bool]:
    """A callable telling whether the Dask ``Event`` ``name`` is set, asking at most every
    ``every`` seconds; an event that cannot be reached counts as set."""
    if name is None:
        return lambda: False
    from distributed import Event

    event = Event(name)  # type: ignore[no-untyped-call]
    last = [time.monotonic()]

    def stopped() -> bool:
        now = time.monotonic()
        if now - last[0] < every:
            return False
        last[0] = now
        try:
            return bool(event.is_set())  # type: ignore[no-untyped-call]
        except Exception:  # the scheduler is gone: nobody is waiting for these results
            return True

    return stopped


def _brief_range(
    path: str,
    label: str,
    partial: str,
    config: BatchOptions,
    start: int,
    end: int | None,
    newlines_before: int | None,
    errors: list[tuple[str, str]],
    stopped: Callable[[], bool],
) -> tuple[int, int]:
    """(ok, failed) of briefing the range into ``partial``; failures appended to ``errors``."""
    ok = failed = 0
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(open(partial, "w", encoding="utf-8"))
        try:
            fh = stack.enter_context(open(path, "rb"))
        except OSError as exc:  # reported once, by the file's first range
            error = Item(0, "error", label, label, os_error_reason(exc))
            items: Iterator[Item] = iter([error] if start == 0 else [])
        else:
            lines = LineRange(fh, start, end, newlines_before)
            items = read_lines(lines, label, config.max_bytes, 0, lines.lines_before)
        for item in items:
            if stopped():
                raise RunStopped(f"{label}: stopped: the run was cancelled")
            result = brief_item(item, config)
            out.write(result.output)
            if result.ok:
                ok += 1
            else:
                failed += 1
                errors.append((result.label, result.error or ""))
    return ok, failed


def join_partitions(reports: Sequence[PartitionReport], out_path: str) -> PartitionReport:
    """Concatenate the outputs of a file's ranges, in order, into its output file (a task)."""
    partial = out_path + ".part"
    with open(partial, "wb") as out:
        for report in reports:
            with open(report.output, "rb") as part:
                shutil.copyfileobj(part, out)
    os.replace(partial, out_path)
    for report in reports:
        os.remove(report.output)
    return PartitionReport(
        reports[0].input,
        out_path,
        sum(r.ok for r in reports),
        sum(r.failed for r in reports),
        tuple(e for r in reports for e in r.errors),
        len(reports),
    )


def brief_partitions(
    inputs: Sequence[str],
    output_dir: str | Path,
    config: BatchOptions,
    *,
    scheduler: str,
    input_format: str = "auto",
    glob: str | None = None,
    partition_bytes: int | None = None,
) -> Iterator[PartitionReport]:
    """Brief JSON Lines files on a Dask cluster, one output file per input file.

    A file larger than ``partition_bytes`` is briefed in ranges of about that many bytes, one
    task each, whose outputs a last task joins in order: one big file uses the whole cluster.

    Args:
        inputs: JSON Lines files and directories, readable by the workers at the same paths.
        output_dir: where the workers write the results (a shared file system).
        config: how to brief each record; the same function as a local run, so the same output.
        scheduler: the address of a ``dask.distributed`` scheduler, e.g. ``tcp://host:8786``.
        partition_bytes: the size of the ranges a large file is cut into; ``None`` sizes them
            from the file and the cluster (:func:`auto_partition`), so that one file keeps
            every worker busy.

    Yields:
        A :class:`PartitionReport` per input file, in input order.

    Raises:
        UsageError: the ``dask`` extra is not installed, or the inputs are not JSON Lines files.
    """
    try:
        from distributed import Client, Event
    except ImportError:
        raise UsageError(
            [Setting("scheduler"), " needs Dask: install it with pip install 'briefer[dask]'"]
        ) from None
    address = dask_address(scheduler)
    plan = plan_outputs(inputs, output_dir, config.fmt, input_format=input_format, glob=glob)
    if any(name == "-" for name, _ in plan):
        raise UsageError([Setting("scheduler"), " reads files on the workers, not standard input"])
    try:
        client = Client(address, set_as_default=False, timeout=DASK_CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise NetworkError(
            f"cannot reach the Dask scheduler at {address} ({first_line(exc) or 'timed out'}); "
            "is it running?"
        ) from None
    stop_name = f"briefer-stop-{os.getpid()}-{time.monotonic_ns()}"
    done: set[str] = set()  # output files complete and reported
    with client:
        futures: list[Any] = []  # every task, to cancel
        try:
            for report in _submit_partitions(
                client, plan, config, partition_bytes, stop_name, futures
            ):
                done.add(report.output)
                yield report
        except (KeyboardInterrupt, GeneratorExit):
            _stop_run(client, Event, stop_name, futures)
            raise
        except Exception as exc:
            _stop_run(client, Event, stop_name, futures)
            if not _lost_cluster(exc):
                raise
            raise NetworkError(
                f"lost the Dask cluster at {address} ({type(exc).__name__}: {first_line(exc)}); "
                "the files it had not finished were removed"
            ) from None
        finally:
            with contextlib.suppress(Exception):
                client.cancel(futures)  # type: ignore[no-untyped-call]
            _remove_partial_outputs([out for _, out in plan if str(out) not in done])


DASK_CONNECT_TIMEOUT = 10
"""Seconds to wait for a Dask scheduler before ``--scheduler`` gives up (exit 4)."""


def dask_address(scheduler: str) -> str:
    """The scheduler address, checked before any connection: ``tcp://host:port`` and the other
    schemes Dask knows; a bare ``host:port`` is TCP. Raises UsageError for anything else."""
    from urllib.parse import urlsplit

    from distributed.comm import registry

    address = scheduler.strip()
    if "://" not in address:
        address = "tcp://" + address
    scheme = address.split("://", 1)[0]
    problem = None
    if scheme not in registry.backends:
        problem = f"unknown scheme {scheme!r}; use one of: {', '.join(sorted(registry.backends))}"
    elif scheme != "inproc":
        try:
            parts = urlsplit(address)
            port = parts.port
        except ValueError:
            parts, port = None, None
        if parts is None or not parts.hostname or port is None or parts.path not in ("", "/"):
            problem = "expected scheme://host:port, such as tcp://127.0.0.1:8786"
    if problem is not None or any(ch.isspace() for ch in address):
        raise UsageError(
            [
                Setting("scheduler"),
                f" {scheduler!r} is not a Dask address: {problem or 'it holds spaces'}",
            ]
        )
    return address


def _submit_partitions(
    client: Any,
    plan: list[tuple[str, Path]],
    config: BatchOptions,
    partition_bytes: int | None,
    stop: str,
    futures: list[Any],
) -> Iterator[PartitionReport]:
    per_file: list[Any] = []  # the task whose result is the file's report, in input order
    for name, out in plan:
        path, out_path = os.path.abspath(name), os.path.abspath(out)
        try:  # a file the client cannot see is one task, as the workers may see it
            size = os.path.getsize(path)
            part = partition_bytes or auto_partition(size, _threads(client))
            ranges = byte_ranges(size, part)
        except OSError:
            ranges = [(0, None)]
        if len(ranges) == 1:
            task = client.submit(
                brief_partition, path, name, out_path, config, stop=stop, pure=False
            )
            futures.append(task)
            per_file.append(task)
            continue
        # Line numbers go on from range to range: count each range's newlines first,
        # every range at once, and start each range from the sum of those before it.
        counted = client.map(
            newlines_in, [path] * len(ranges), *zip(*ranges, strict=True), pure=False
        )
        futures += counted
        before = list(itertools.accumulate(client.gather(counted), initial=0))
        parts = [
            client.submit(
                brief_partition,
                path,
                name,
                f"{out_path}.{k:05d}",
                config,
                start,
                end,
                before[k],
                stop=stop,
                pure=False,
            )
            for k, (start, end) in enumerate(ranges)
        ]
        join = client.submit(join_partitions, parts, out_path, pure=False)
        futures += [*parts, join]
        per_file.append(join)
    for task in per_file:
        yield task.result()


def _lost_cluster(exc: BaseException) -> bool:
    """Whether ``exc`` says the scheduler or its connection went away (not a task's own error)."""
    from concurrent.futures import CancelledError

    from distributed.comm.core import CommClosedError

    return isinstance(exc, CommClosedError | CancelledError | TimeoutError | ConnectionError)


def _stop_run(client: Any, event: Any, name: str, futures: list[Any]) -> None:
    """Tell running tasks to stop (they check between records) and cancel the rest."""
    with contextlib.suppress(Exception):
        event(name, client=client).set()
    with contextlib.suppress(Exception):
        client.cancel(futures)


_RANGE_FILE = re.compile(r"\.(?:\d{5}(?:\.part)?|part)\Z")


def _remove_partial_outputs(outputs: Iterable[Path]) -> None:
    """Remove the range and ``.part`` files of outputs a stopped run did not finish."""
    for out in outputs:
        out = Path(out)
        with contextlib.suppress(OSError):
            for entry in out.parent.iterdir():
                rest = entry.name[len(out.name) :]
                if entry.name.startswith(out.name) and _RANGE_FILE.match(rest):
                    with contextlib.suppress(OSError):
                        entry.unlink()
