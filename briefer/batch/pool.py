"""The local process pool: a :class:`concurrent.futures.ProcessPoolExecutor` fed chunks of
records through a bounded window, in input order, whose stuck or dead workers are replaced.

Workers are started by a forkserver that imports exactly what this process imports
(:func:`parent_import_path`), whatever folder the batch runs from.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any

from briefer.batch.options import BatchOptions, Item
from briefer.batch.records import Result, brief_item, error_result, warm_up
from briefer.errors import BrieferError

DEFAULT_CHUNK = 8
WINDOW_PER_JOB = 4
"""Chunks in flight per worker: enough to keep workers busy, few enough to bound memory."""
KILL_GRACE = 2.0
"""Seconds past ``--timeout`` before a worker that ignored the soft cut-off is killed."""
MAX_STRIKES = 3
"""Restarts of the pool in a row that settle nothing before the batch gives up."""


# State of a worker process, set once by _init_worker.
_WORKER: dict[str, Any] = {}


def _init_worker(config: BatchOptions, reports: Any) -> None:
    """Once per worker: leave Ctrl-C to the parent, load the tokenizers, keep the config."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from briefer._env import single_threaded_blas

    single_threaded_blas()  # before numpy loads: the pool is the parallelism
    _WORKER.update(config=config, reports=reports, pid=os.getpid())
    warm_up(config.options)


def _brief_chunk(items: list[Item]) -> list[Result]:
    """In a worker: brief a chunk, telling the parent when each record starts and ends."""
    config: BatchOptions = _WORKER["config"]
    reports = _WORKER["reports"]
    pid = _WORKER["pid"]
    results = []
    for item in items:
        reports.put(("start", pid, item.index))  # a SimpleQueue: sent before the work starts
        results.append(brief_item(item, config))
        reports.put(("done", pid, item.index))
    return results


def _mp_context() -> Any:
    """forkserver where there is one: no fork of a threaded parent, and cheap replacements.

    The server is started here, with exactly this process's import path: Python starts it with
    ``-c``, which would put the current folder first on its ``sys.path`` (3.11 ignores the path
    it is handed), so a ``textwrap.py`` or a ``briefer/`` checkout in the folder the user runs
    from would be imported, and run, by every worker instead of the installed code.
    """
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        from multiprocessing import forkserver

        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["briefer.batch", "briefer.brief"])
        with parent_import_path():
            forkserver.ensure_running()
        return ctx
    return multiprocessing.get_context("spawn")  # pragma: no cover - not POSIX


@contextlib.contextmanager
def parent_import_path() -> Iterator[None]:
    """While it lasts, a new Python process imports from exactly this process's ``sys.path``:
    ``PYTHONSAFEPATH`` keeps the current folder off, ``PYTHONPATH`` lists this path in order."""
    saved = {name: os.environ.get(name) for name in ("PYTHONSAFEPATH", "PYTHONPATH")}
    os.environ["PYTHONSAFEPATH"] = "1"
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class _Chunk:
    """A chunk in flight: its items, the future of their results, and results known already."""

    def __init__(self, items: list[Item], future: Future[list[Result]]) -> None:
        self.items = items
        self.future = future
        self.known: dict[int, Result] = {}

    def results(self) -> list[Result]:
        done = {r.index: r for r in self.future.result()} if self.future is not None else {}
        done.update(self.known)
        return [done[item.index] for item in self.items]


class Pool:
    """A ProcessPoolExecutor driven through a bounded window of chunks, in input order.

    Workers report when each record starts and ends. A worker still on a record
    ``KILL_GRACE`` seconds after its timeout (stuck where SIGALRM cannot reach it) is killed.
    A dead worker breaks the executor, so a new one is started: the record that was cut off
    gets its timeout result; records that were running when a worker died on its own are
    retried one at a time, and one that kills its worker again is reported; the rest of the
    lost chunks are sent again.
    """

    def __init__(self, config: BatchOptions, jobs: int, chunk_size: int) -> None:
        """A pool of ``jobs`` workers, sent ``chunk_size`` records at a time."""
        self.config = config
        self.jobs = jobs
        self.chunk_size = chunk_size
        self.ctx = _mp_context()
        self.running: dict[int, tuple[int, float]] = {}  # pid -> (record index, start)
        self.killed: set[int] = set()
        self.strikes = 0  # restarts in a row that settled nothing
        self.executor, self.reports = self._start()

    def _start(self) -> tuple[ProcessPoolExecutor, Any]:
        # A new queue each time: a killed worker may have died holding the old one's lock.
        reports = self.ctx.SimpleQueue()
        executor = ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=self.ctx,
            initializer=_init_worker,
            initargs=(self.config, reports),
        )
        return executor, reports

    def run(self, items: Iterable[Item]) -> Iterator[Result]:
        """Brief ``items``, yielding one result per item in input order; stops the workers
        when done, closed early or interrupted."""
        pending: deque[_Chunk] = deque()
        chunks = _chunked(items, self.chunk_size)
        window = self.jobs * WINDOW_PER_JOB
        try:
            while True:
                while len(pending) < window:
                    chunk = next(chunks, None)
                    if chunk is None:
                        break
                    pending.append(_Chunk(chunk, self._submit(chunk)))
                if not pending:
                    return
                head = pending[0]
                try:
                    self._wait(head.future)
                except BrokenProcessPool:
                    self._restart(pending)
                    continue
                pending.popleft()
                self.strikes = 0
                yield from head.results()
        finally:
            self._stop()

    def _submit(self, items: list[Item]) -> Future[list[Result]]:
        try:
            return self.executor.submit(_brief_chunk, items)
        except BrokenProcessPool as exc:  # its workers died already: restart at the next wait
            future: Future[list[Result]] = Future()
            future.set_exception(exc)
            return future

    def _wait(self, future: Future[list[Result]]) -> list[Result]:
        """The future's results, watching for stuck workers meanwhile."""
        while True:
            try:
                return future.result(timeout=0.1)
            except TimeoutError:
                self._watch()

    def _drain(self) -> None:
        now = time.monotonic()
        while not self.reports.empty():
            what, pid, index = self.reports.get()
            if what == "start":
                self.running[pid] = (index, now)
            elif self.running.get(pid, (None,))[0] == index:
                del self.running[pid]

    def _watch(self) -> None:
        """Kill a worker stuck on a record past its timeout."""
        self._drain()
        if self.config.timeout is None:
            return
        limit = self.config.timeout + KILL_GRACE
        now = time.monotonic()
        for pid, (index, started) in list(self.running.items()):
            if now - started > limit:
                self.killed.add(index)
                del self.running[pid]
                with contextlib.suppress(OSError):  # it may have ended meanwhile
                    os.kill(pid, signal.SIGKILL)

    def _renew(self) -> set[int]:
        """A new executor for a broken one; returns the records that were running."""
        self._drain()
        running = {index for index, _ in self.running.values()}
        self.running.clear()
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor, self.reports = self._start()
        return running

    def _restart(self, pending: deque[_Chunk]) -> None:
        """The executor broke (a worker died): settle what can be, send the rest again."""
        suspects = self._renew() - self.killed
        settled = 0
        lost = [c for c in pending if not (c.future.done() and c.future.exception() is None)]
        for chunk in lost:
            for item in chunk.items:
                if item.index in self.killed and item.index not in chunk.known:
                    message = (
                        f"cut off after {self.config.timeout:g} s (--timeout); "
                        "its worker was stopped and replaced"
                    )
                    chunk.known[item.index] = self._error(item, message, "timeout")
                    settled += 1
        for chunk in lost:  # alone, a record that kills its worker again is known for it
            for item in chunk.items:
                if item.index in suspects and item.index not in chunk.known:
                    chunk.known[item.index] = self._alone(item)
                    settled += 1
        for chunk in lost:
            rest = [item for item in chunk.items if item.index not in chunk.known]
            chunk.future = self._submit(rest)
        self.strikes = 0 if settled else self.strikes + 1
        if self.strikes >= MAX_STRIKES:
            raise BrieferError(
                "the worker processes keep dying before they brief anything; "
                "run with --jobs 1 to see why"
            )

    def _alone(self, item: Item) -> Result:
        """Brief one record with nothing else running."""
        try:
            return self._wait(self._submit([item]))[0]
        except BrokenProcessPool:
            self._renew()
            if item.index in self.killed:
                message = (
                    f"cut off after {self.config.timeout:g} s (--timeout); "
                    "its worker was stopped and replaced"
                )
                return self._error(item, message, "timeout")
            return self._error(item, "the worker process died while briefing this record", "crash")

    def _error(self, item: Item, message: str, kind: str) -> Result:
        return error_result(item, self.config, message, kind)

    def _stop(self) -> None:
        """Stop the workers now: on Ctrl-C or an early close, nothing more is wanted."""
        executor = self.executor
        executor.shutdown(wait=False, cancel_futures=True)
        processes = getattr(executor, "_processes", None) or {}
        for process in list(processes.values()):
            if process.is_alive():
                process.kill()
        for process in list(processes.values()):
            process.join(timeout=5)
        self.reports.close()


def _chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk
