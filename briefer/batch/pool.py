"""The local process pool: pebble's :class:`pebble.ProcessPool`, sent one record a task
through a bounded window, in input order. A record still running ``KILL_GRACE`` seconds past
its time-out (stuck where SIGALRM cannot reach it) has its worker killed and replaced by the
pool; a record whose worker dies on its own is tried once more, and reported if it kills its
worker again. The one module of briefer that imports pebble.

Workers are started by a forkserver that imports exactly what this process imports
(:func:`parent_import_path`), whatever folder the batch runs from.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from briefer.batch.options import BatchOptions, Item
from briefer.batch.records import Result, brief_item, cut_off, error_result, warm_up
from briefer.errors import BrieferError, Setting

if TYPE_CHECKING:
    from pebble import ProcessPool

DEFAULT_CHUNK = 8
"""Records per worker in the window (``chunk_size``): with ``WINDOW_PER_JOB``, how far ahead
of the output the input is read."""
WINDOW_PER_JOB = 4
"""Chunks in flight per worker: enough to keep workers busy, few enough to bound memory."""
KILL_GRACE = 2.0
"""Seconds past ``--timeout`` before a worker that ignored the soft cut-off is killed."""

# State of a worker process, set once by _init_worker.
_WORKER: dict[str, Any] = {}


def _init_worker(config: BatchOptions) -> None:
    """Once per worker: leave Ctrl-C to the parent, load the tokenizers, keep the config."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from briefer._env import single_threaded_blas

    single_threaded_blas()  # before numpy loads: the pool is the parallelism
    _WORKER["config"] = config
    warm_up(config.options)


def _brief_one(item: Item) -> Result:
    """In a worker: brief one record."""
    config: BatchOptions = _WORKER["config"]
    return brief_item(item, config)


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


class Pool:
    """A pebble process pool driven through a bounded window of records, in input order."""

    def __init__(self, config: BatchOptions, jobs: int, chunk_size: int) -> None:
        """A pool of ``jobs`` workers, with ``jobs * WINDOW_PER_JOB * chunk_size`` records in
        flight at most."""
        self.config = config
        self.window = jobs * WINDOW_PER_JOB * chunk_size
        self.kill_after = None if config.timeout is None else config.timeout + KILL_GRACE
        from pebble import ProcessPool  # here: a batch of --jobs 1 need not import it

        self.pool: ProcessPool = ProcessPool(
            max_workers=jobs,
            initializer=_init_worker,
            initargs=(config,),
            context=_mp_context(),
        )

    def run(self, items: Iterable[Item]) -> Iterator[Result]:
        """Brief ``items``, yielding one result per item in input order; stops the workers
        when done, closed early or interrupted."""
        pending: deque[tuple[Item, Future[Result]]] = deque()
        it = iter(items)
        try:
            while True:
                while len(pending) < self.window and (item := next(it, None)) is not None:
                    pending.append((item, self._schedule(item)))
                if not pending:
                    return
                item, future = pending.popleft()
                yield self._result(item, future, retry=True)
        finally:
            self._stop()

    def _schedule(self, item: Item) -> Future[Result]:
        return self.pool.schedule(_brief_one, args=(item,), timeout=self.kill_after)

    def _result(self, item: Item, future: Future[Result], retry: bool) -> Result:
        """The record's result; a killed or dead worker's record gets an error result."""
        from pebble import ProcessExpired

        try:
            return future.result()
        except TimeoutError:
            message = cut_off(self.config, "; its worker was stopped and replaced")
            return error_result(item, self.config, message, "timeout")
        except ProcessExpired:
            if retry:  # once more: a record that kills its worker again is the cause
                return self._result(item, self._schedule(item), retry=False)
            message = "the worker process died while briefing this record"
            return error_result(item, self.config, message, "crash")
        except BrokenProcessPool:
            raise BrieferError(
                [
                    "the worker processes keep dying before they brief anything; run with ",
                    Setting("jobs", 1),
                    " to see why",
                ]
            ) from None

    def _stop(self) -> None:
        """Stop the workers now: on Ctrl-C or an early close, nothing more is wanted."""
        self.pool.stop()  # type: ignore[no-untyped-call]
        self.pool.join(timeout=10)
