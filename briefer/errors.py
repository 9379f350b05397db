"""Typed errors: each carries a one-line message that says what to do, and an exit code."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class Setting:
    """An option that a message tells the user to change, named where the message is shown:
    ``max_chars`` to a caller of the library, ``--max-chars`` on the command line."""

    name: str  # the field or argument: "max_chars", "fetch", "jobs"
    value: str | int | None = None  # the value the message suggests, if it does: "any", 1


Parts = Sequence["str | Setting"]
"""A message: text, and the options it names (see :func:`render`)."""

NO_NAMES: Mapping[str, str] = {}


def render(parts: Parts, names: Mapping[str, str] = NO_NAMES) -> str:
    """A message's text, each option named as ``names`` spells it (the CLI's flags: ``max_chars``
    as ``--max-chars``, and ``--fetch any``), else as the library's field (``fetch='any'``)."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
            continue
        flag = names.get(part.name)
        if flag is None:  # a keyword argument: fetch='any', jobs=1
            out.append(part.name if part.value is None else f"{part.name}={part.value!r}")
        else:
            out.append(flag if part.value is None else f"{flag} {part.value}")
    return "".join(out)


def over_max_chars(what: str, verb: str) -> Parts:
    """The message of an input refused for its bytes: ``what`` ("input is over 10 bytes")
    and what raising ``max_chars`` would let briefer do with it ("brief", "fetch")."""
    max_chars = Setting("max_chars")
    return [
        f"{what}, more than ",
        max_chars,
        " allows; raise ",
        max_chars,
        f" (a number of characters) to {verb} it",
    ]


class BrieferError(Exception):
    """Base class of every error briefer raises on purpose.

    ``message`` says what went wrong and what to do; ``source`` names the input it is about
    (a file name, a URL, ``<stdin>``) when the raiser knows it. ``str()`` joins the two as
    ``source: message``, which is what a user reads. A message that tells the user to change
    an option holds it as a :class:`Setting` among its ``parts``, named as the reader knows it:
    ``message`` and ``str()`` name the library's field, :meth:`shown` what the caller passes
    (the command line: its flags).
    """

    exit_code: ExitCode = ExitCode.INPUT

    def __init__(self, message: str | Parts, source: str | None = None) -> None:
        self.parts: tuple[str | Setting, ...] = (
            (message,) if isinstance(message, str) else tuple(message)
        )
        super().__init__(render(self.parts))
        self.source = source

    @property
    def message(self) -> str:
        """What went wrong and what to do, options named as the library's fields."""
        return render(self.parts)

    def text(self, names: Mapping[str, str] = NO_NAMES) -> str:
        """The message, options named by ``names`` (see :func:`render`)."""
        return render(self.parts, names)

    def shown(self, names: Mapping[str, str] = NO_NAMES) -> str:
        """``source: message`` (or the message alone), options named by ``names``."""
        message = self.text(names)
        return f"{self.source}: {message}" if self.source else message

    def __str__(self) -> str:
        return self.shown()

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
