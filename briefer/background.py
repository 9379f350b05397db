"""One piece of work run beside the caller, in a forked child process, for long documents.

A brief's facts do not depend on its ranking, so for a long document the two can run at the
same time on two cores: :func:`start` forks a child that computes ``fn(*args)`` and sends the
pickled result back through a pipe while the caller goes on. :meth:`Pending.result` returns it.

Nothing is lost when the child cannot help: where ``os.fork`` is missing or unsafe (not Linux),
when the fork fails, or when the child fails or dies, :meth:`Pending.result` computes
``fn(*args)`` in the caller, so the result and any exception are what a plain call gives. The
child runs only ``fn`` on the objects it inherits (no module is imported, nothing is read from
the current folder) and leaves with ``os._exit``, so it flushes no inherited stream and runs no
exit handler of the caller's.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import warnings
from collections.abc import Callable
from types import TracebackType
from typing import Any, Generic, TypeVar

T = TypeVar("T")

FORKS = sys.platform.startswith("linux") and hasattr(os, "fork")
"""Whether :func:`start` forks here (elsewhere ``fn`` runs in the caller, when asked for)."""


class Pending(Generic[T]):
    """The result of ``fn(*args)``, being computed by a child process (or not yet at all).

    Use it as a context manager: leaving the block without asking for the result (an
    exception, Ctrl-C) stops the child and reaps it.
    """

    def __init__(self, fn: Callable[..., T], args: tuple[Any, ...], pid: int = 0, fd: int = -1):
        self._fn, self._args = fn, args
        self._pid, self._fd = pid, fd

    @property
    def pid(self) -> int:
        """The child's process id while it is running, else 0."""
        return self._pid

    @property
    def forked(self) -> bool:
        """Whether a child is computing the result (False: it will be computed on asking)."""
        return self._pid > 0

    def result(self) -> T:
        """``fn(*args)``: the child's result, else computed here (so its exceptions raise here)."""
        data = self._collect()
        if data is not None:
            try:
                value: T = pickle.loads(data)
                return value
            except Exception:  # a result cut short: compute it here
                pass
        return self._fn(*self._args)

    def _collect(self) -> bytes | None:
        """The child's pickled result, or None when it failed; the child is reaped."""
        if self._pid <= 0:
            return None
        try:
            with os.fdopen(self._fd, "rb", closefd=True) as pipe:
                self._fd = -1
                data = pipe.read()
        except BaseException:  # Ctrl-C while waiting: stop the child too
            self.cancel()
            raise
        return data if self._reap() == 0 else None

    def _reap(self) -> int:
        pid, self._pid = self._pid, 0
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status)

    def cancel(self) -> None:
        """Stop the child (if it is still running) and reap it."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        if self._pid > 0:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            self._reap()

    def __enter__(self) -> Pending[T]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.cancel()


_PR_SET_PDEATHSIG = 1
"""Linux's prctl option: the signal a process gets when its parent thread ends."""


def _die_with(parent: int) -> None:
    """End this child when its parent ends (killed, say), rather than finish work nobody reads."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return  # no prctl: the child ends at its write into the closed pipe
    if os.getppid() != parent:  # the parent ended before the request took effect
        os._exit(1)


def start(fn: Callable[..., T], *args: Any) -> Pending[T]:
    """Start computing ``fn(*args)`` in a forked child; the caller goes on at once.

    ``fn`` and its arguments must already be imported and built: the child only calls ``fn``.
    Its result must pickle. Where forking is not possible, nothing starts and
    :meth:`Pending.result` calls ``fn`` itself.
    """
    if not FORKS:
        return Pending(fn, args)
    read, write = os.pipe()
    parent = os.getpid()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # 3.12: fork with threads
            pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return Pending(fn, args)
    if pid == 0:  # the child
        code = 1
        try:
            _die_with(parent)
            os.close(read)
            data = pickle.dumps(fn(*args), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(data)
            code = 0
        except BaseException:  # the caller computes it again
            code = 1
        finally:
            os._exit(code)
    os.close(write)
    return Pending(fn, args, pid, read)
