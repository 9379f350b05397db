"""The terminal side of every command: stderr lines, TTY checks, spinners and progress bars,
and SIGTERM handled like Ctrl-C.

stdout is for data; everything else goes to stderr, with colour and animation only when the
stream is a terminal (``NO_COLOR``, ``TERM=dumb`` and ``--no-color`` honoured).
"""

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

from briefer.cli.options import FLAGS
from briefer.errors import BrieferError, ExitCode
from briefer.output import one_line

PROG = "briefer"
IMPLICIT = "briefer.implicit_command"
"""Set in a context's ``meta`` when the user typed ``briefer ...``, not ``briefer brief ...``."""

LONG_INPUT = 1_000_000
"""Characters above which a single brief shows that it is working (about a second's work)."""


def error_line(message: str | BrieferError) -> None:
    """The one line every failure gets on stderr; names and words from the data made inert,
    and the options an error tells the user to change named by their flags."""
    if isinstance(message, BrieferError):
        message = message.shown(FLAGS)
    sys.stderr.write(f"{PROG}: error: {one_line(message)}\n")
    sys.stderr.flush()


def internal_error(exc: BaseException) -> str:
    """The message for an unexpected exception (set BRIEFER_DEBUG=1 for the traceback)."""
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return (
        f"internal error: {type(exc).__name__}{': ' + detail if detail else ''} "
        "(a bug in briefer; BRIEFER_DEBUG=1 shows the traceback)"
    )


def debugging() -> bool:
    """Whether the user asked for tracebacks (``BRIEFER_DEBUG``)."""
    return bool(os.environ.get("BRIEFER_DEBUG"))


def make_console(no_color: bool, stderr: bool = False) -> Any:
    """A Rich console on stdout (or stderr) that never reads article text as markup."""
    from rich.console import Console

    plain = no_color or "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb"
    return Console(
        file=sys.stderr if stderr else sys.stdout,
        color_system=None if plain else "auto",
        highlight=False,
        markup=False,
        emoji=False,
    )


def stdout_is_terminal() -> bool:
    """Whether stdout is a terminal that can show the Rich layout."""
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def stderr_is_terminal() -> bool:
    """Whether stderr is a terminal that can show a spinner or a progress bar."""
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


def working(name: str, chars: int) -> AbstractContextManager[Any]:
    """A spinner with the elapsed time on stderr while a long input is briefed, in a terminal
    only (like batch's progress bar); nothing otherwise."""
    if chars < LONG_INPUT or not stderr_is_terminal():
        return nullcontext()
    return make_console(False, stderr=True).status(  # type: ignore[no-any-return]
        f"briefing {one_line(name)} ({chars:,} characters)…", spinner="dots"
    )


@contextmanager
def progress(total: int | None, label: str, *, rate: bool = False) -> Iterator[Callable[[], None]]:
    """A context giving ``advance()``: a Rich bar on stderr in a terminal, else nothing.

    With ``rate`` the bar shows the count, the rate and the time left (or elapsed, when the
    total is unknown), and stdout is left alone (a batch streams its results there).
    """
    if not stderr_is_terminal():
        yield lambda: None
        return
    from rich.progress import Progress

    columns = _rate_columns(label, total) if rate else ()
    with Progress(
        *columns,
        console=make_console(False, stderr=True),
        transient=True,
        redirect_stdout=not rate,
        redirect_stderr=True,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)


def _rate_columns(label: str, total: int | None) -> tuple[Any, ...]:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            return Text(f"{task.speed:.1f}/s" if task.speed else "-/s")

    clock = TimeRemainingColumn() if total is not None else TimeElapsedColumn()
    return (TextColumn(label), BarColumn(), MofNCompleteColumn(), Rate(), clock)


def silence_stdout() -> None:
    """After the reader of a pipe went away, keep Python from complaining at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that a batch stops its workers and says what it did."""


def interrupted(exc: BaseException) -> int:
    """The exit code of an interruption: 143 for SIGTERM, 130 for Ctrl-C."""
    return int(ExitCode.TERMINATED if isinstance(exc, Terminated) else ExitCode.INTERRUPTED)


def _raise_terminated(signum: int, frame: Any) -> None:
    raise Terminated


def stop_on_sigterm() -> None:
    """From now on SIGTERM (``kill``) ends this process as Ctrl-C does: cleanly."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _raise_terminated)


@contextmanager
def uninterrupted() -> Iterator[None]:
    """A context that holds Ctrl-C and SIGTERM back until it ends, then raises them."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    hits: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, lambda signum, frame: hits.append(signum)) for sig in held}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if signal.SIGTERM in hits:
        raise Terminated
    if hits:
        raise KeyboardInterrupt
