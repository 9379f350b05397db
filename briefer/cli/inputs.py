"""What the commands read: the inputs as typed, stdin when nothing is typed, help otherwise."""

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from briefer.cli.console import IMPLICIT, error_line
from briefer.errors import BrieferError, ExitCode


def read_inputs(
    files: list[str], max_chars: int, timeout: float | None = None, fetch: str = "any"
) -> Iterator[tuple[str, Any]]:
    """Each input as (name, Source or BrieferError), in command-line order; every error
    names its input in ``source``.

    Files and stdin may be text or HTML; URLs are fetched concurrently, ahead of their turn.
    """
    from briefer.ingest import is_url, read_path, read_stream, read_urls

    max_bytes = max_chars * 4  # UTF-8 needs at most four bytes a character
    urls = [name for name in files if is_url(name)]
    fetched = read_urls(list(urls), max_bytes, timeout=timeout, policy=fetch) if urls else None
    try:
        for name in files:
            shown = "<stdin>" if name == "-" else name
            try:
                if fetched is not None and urls and name == urls[0]:
                    urls.pop(0)
                    shown, source = next(fetched)
                elif name == "-":
                    source = read_stream(sys.stdin.buffer, max_bytes)
                else:
                    source = read_path(Path(name), max_bytes)
            except BrieferError as exc:
                source = exc
            if isinstance(source, BrieferError):
                source.about(shown)
            yield shown, source
    finally:
        if fetched is not None:
            fetched.close()


def help_on_stderr(ctx: typer.Context) -> None:
    """The help of what the user typed (``briefer``, or ``briefer brief``), on stderr: stdout is
    for data. (Typer's Rich help prints itself to stdout, so stdout points at stderr meanwhile.)"""
    from contextlib import redirect_stdout

    typed = ctx.parent if ctx.meta.get(IMPLICIT) and ctx.parent is not None else ctx
    with redirect_stdout(sys.stderr):
        text = typed.get_help()
    sys.stderr.write(text + "\n")


def need_input(files: list[str], ctx: typer.Context, missing: str) -> list[str]:
    """The inputs typed, or stdin (``-``) when something is piped in; at a terminal with
    nothing typed, the help and ``missing`` on stderr, and exit 2."""
    if files:
        return files
    if sys.stdin is None or sys.stdin.isatty():
        help_on_stderr(ctx)
        error_line(missing)
        raise typer.Exit(ExitCode.USAGE)
    return ["-"]
