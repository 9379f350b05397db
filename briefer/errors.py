"""Typed errors: each carries a one-line message that says what to do, and an exit code."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum


class ExitCode(IntEnum):
    """The documented exit codes of the ``briefer`` command (see the README)."""

    OK = 0
    INPUT = 1  # the input could not be briefed: missing, empty, binary, too large
    USAGE = 2  # the command line was wrong: unknown option, bad value, unsupported language
    PARTIAL = 3  # some inputs (files, URLs, records) were briefed and some failed
    NETWORK = 4  # a URL could not be fetched: DNS, refused, time-out, HTTP error, redirects
    INTERNAL = 70  # a bug: an unexpected exception (BRIEFER_DEBUG=1 shows the traceback)
    INTERRUPTED = 130  # Ctrl-C
    TERMINATED = 143  # SIGTERM (kill): stopped like Ctrl-C, workers and all


KINDS: dict[int, str] = {
    ExitCode.INPUT: "input",
    ExitCode.USAGE: "usage",
    ExitCode.NETWORK: "network",
    ExitCode.INTERNAL: "internal",
}


def kind_of(exit_code: int) -> str:
    """The ``kind`` an error record gives a failure with this exit code (``input``, ...)."""
    return KINDS.get(exit_code, "input")


def os_error_reason(exc: OSError) -> str:
    """Why a file could not be read, as a user says it (``no such file``)."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory, not a file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read ({exc.strerror or exc})"


def exit_status(ok: int, failures: Iterable[int]) -> int:
    """The one exit policy of every command, from how many inputs were briefed and the exit
    code of each failure: 0 when none failed; 3 when some were briefed and some failed; when
    all failed, their code if they share one, else 1."""
    codes = list(failures)
    if not codes:
        return int(ExitCode.OK)
    if ok:
        return int(ExitCode.PARTIAL)
    return codes[0] if len(set(codes)) == 1 else int(ExitCode.INPUT)


class BrieferError(Exception):
    """Base class of every error briefer raises on purpose.

    ``message`` says what went wrong and what to do; ``source`` names the input it is about
    (a file name, a URL, ``<stdin>``) when the raiser knows it. ``str()`` joins the two as
    ``source: message``, which is what a user reads.
    """

    exit_code: ExitCode = ExitCode.INPUT

    def __init__(self, message: str, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message

    def about(self, source: str) -> BrieferError:
        """This error, naming ``source`` unless it already names one (returns ``self``)."""
        if self.source is None:
            self.source = source
        return self


class InputError(BrieferError):
    """The input cannot be read or holds no text to brief."""

    exit_code = ExitCode.INPUT


class UsageError(BrieferError):
    """An option or argument is invalid."""

    exit_code = ExitCode.USAGE


class NetworkError(BrieferError):
    """A URL could not be fetched: the host, the connection or the server failed."""

    exit_code = ExitCode.NETWORK


class InternalError(BrieferError):
    """A bug: an unexpected exception, told in one line (``BRIEFER_DEBUG=1`` shows it whole)."""

    exit_code = ExitCode.INTERNAL
