"""Cutting off a record that takes too long: SIGALRM in a main thread, an asynchronous
exception in any other (a Dask worker's). The one module that touches either.

Both interrupt Python code only: a long C call ends first (worker processes of ``--jobs`` are
killed instead, by the pool).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class RecordTimeout(BaseException):
    """Raised inside a summarizer when the record's time is up (a BaseException, so that a
    summarizer's ``except Exception`` cannot swallow it)."""


def timed(fn: Callable[[], T], seconds: float | None) -> T:
    """Run ``fn``, raising :class:`RecordTimeout` in it after ``seconds``.

    Args:
        fn: the work to run, in this thread.
        seconds: the time it may take; ``None``: no limit.

    Returns:
        What ``fn`` returns.

    In the main thread on POSIX, SIGALRM does it; in any other thread, a timer raises it as an
    asynchronous exception in the thread.
    """
    if seconds is None:
        return fn()
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        return _timed_in_thread(fn, seconds)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _alarm(signum: int, frame: object) -> None:
    raise RecordTimeout


def _timed_in_thread(fn: Callable[[], T], seconds: float) -> T:
    """:func:`timed` where no signal reaches: CPython's ``PyThreadState_SetAsyncExc``."""
    import ctypes

    thread = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    done = False

    def fire() -> None:
        with lock:
            if not done:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, ctypes.py_object(RecordTimeout))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        return fn()
    finally:
        with lock:
            done = True
        timer.cancel()
        # a cut-off that fired as ``fn`` returned may still be pending: withdraw it
        ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, None)
