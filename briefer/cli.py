"""The ``briefer`` command: parse → Options → library call → output → exit code.

The only module that imports typer. Heavy libraries (nltk, sumy, numpy) are imported by the
commands that need them, so ``--help`` and ``--version`` stay instant.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from briefer import __version__
from briefer.errors import BrieferError, ExitCode, UsageError
from briefer.models import DEFAULT_MAX_CHARS, LANGUAGES, METHODS, Options

PROG = "briefer"
DEFAULT_COMMAND = "brief"


def error_line(message: str) -> None:
    """The one line every failure gets on stderr."""
    sys.stderr.write(f"{PROG}: error: {message}\n")
    sys.stderr.flush()


class BrieferGroup(TyperGroup):
    """A group whose default command is ``brief``: ``briefer FILE`` is ``briefer brief FILE``.

    It also owns the exit protocol: usage errors as one ``briefer: error:`` line with exit 2,
    Ctrl-C as 130, and a closed stdout (``| head``) as a quiet exit.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "--version")):
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command and always exit with a code from the documented table."""
        try:
            code = super().main(
                args=args,
                prog_name=prog_name or PROG,
                complete_var=complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
            sys.stdout.flush()
        except typer.TyperException as exc:  # the usage errors of Typer's bundled Click
            error_line(exc.format_message())
            code = exc.exit_code
        except typer.Abort:
            code = ExitCode.INTERRUPTED
        except KeyboardInterrupt:
            code = ExitCode.INTERRUPTED
        except BrokenPipeError:
            _silence_stdout()
            code = ExitCode.OK
        except Exception as exc:  # a bug in briefer or a library: one line, not a traceback
            if os.environ.get("BRIEFER_DEBUG"):
                raise
            error_line(internal_error(exc))
            code = ExitCode.INTERNAL
        sys.exit(int(code or 0))


def internal_error(exc: BaseException) -> str:
    """The message for an unexpected exception (set BRIEFER_DEBUG=1 for the traceback)."""
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return (
        f"internal error: {type(exc).__name__}{': ' + detail if detail else ''} "
        "(a bug in briefer; BRIEFER_DEBUG=1 shows the traceback)"
    )


def _silence_stdout() -> None:
    """After the reader of a pipe went away, keep Python from complaining at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


app = typer.Typer(
    cls=BrieferGroup,
    name=PROG,
    help="Structured, traceable briefs of articles: `briefer FILE`, or pipe text in.",
    add_completion=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"{PROG} {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Structured, traceable briefs of articles.

    `briefer FILE` briefs a file (the `brief` command is the default); pipe text in with
    `pbpaste | briefer`. Run `briefer brief --help` for every option.
    """


class Format(StrEnum):
    auto = "auto"
    text = "text"
    markdown = "markdown"
    json = "json"
    jsonl = "jsonl"


Method = Enum("Method", {m: m for m in METHODS}, type=str)  # type: ignore[misc]
Language = Enum("Language", {lang: lang for lang in LANGUAGES}, type=str)  # type: ignore[misc]


def _inputs(files: list[str], max_chars: int) -> Iterator[tuple[str, Any]]:
    """Each input as (name, Source or BrieferError), in command-line order."""
    from briefer.ingest import read_path, read_stream

    max_bytes = max_chars * 4  # UTF-8 needs at most four bytes a character
    for name in files:
        try:
            if name == "-":
                yield "<stdin>", read_stream(sys.stdin.buffer, max_bytes)
            else:
                yield name, read_path(Path(name), max_bytes)
        except BrieferError as exc:
            yield name, exc


def _need_input(files: list[str], ctx: typer.Context) -> list[str]:
    if files:
        return files
    if sys.stdin is None or sys.stdin.isatty():
        sys.stderr.write(ctx.get_help() + "\n")
        error_line("no input: give a FILE, or pipe text into briefer")
        raise typer.Exit(ExitCode.USAGE)
    return ["-"]


def _console(no_color: bool, stderr: bool = False) -> Any:
    from rich.console import Console

    plain = no_color or "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb"
    return Console(
        file=sys.stderr if stderr else sys.stdout,
        color_system=None if plain else "auto",
        highlight=False,
        markup=False,
        emoji=False,
    )


def _wants_rich(fmt: Format, no_color: bool) -> bool:
    if fmt is not Format.auto:
        return False
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


@app.command(name="brief")
def brief_command(
    ctx: typer.Context,
    files: Annotated[
        list[str] | None,
        typer.Argument(help="Text files to brief; '-' or nothing (with a pipe) reads stdin."),
    ] = None,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="Output: a Rich layout in a terminal and plain text in a pipe (auto), "
            "or text, markdown, json, jsonl.",
        ),
    ] = Format.auto,
    method: Annotated[Method, typer.Option("--method", "-m", help="Ranking method.")] = "default",  # type: ignore[assignment]
    sentences: Annotated[
        int | None, typer.Option("--sentences", "-n", min=1, help="Number of key points.")
    ] = None,
    ratio: Annotated[
        float | None,
        typer.Option("--ratio", "-r", help="Key points as a share of the sentences (0-1]."),
    ] = None,
    words: Annotated[
        int | None,
        typer.Option("--words", "-w", min=1, help="Word budget, met on sentence boundaries."),
    ] = None,
    language: Annotated[
        Language, typer.Option("--language", "-l", help="Language of the article.")
    ] = "english",  # type: ignore[assignment]
    title: Annotated[
        str | None, typer.Option("--title", help="Headline to use instead of detecting one.")
    ] = None,
    max_chars: Annotated[
        int, typer.Option("--max-chars", min=1, help="Refuse inputs longer than this.")
    ] = DEFAULT_MAX_CHARS,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours or styles.")] = False,
) -> None:
    """Brief articles: headline, gist, key points, figures, quotes, names and stats."""
    try:
        options = Options(
            method=_value(method),
            sentences=sentences,
            ratio=ratio,
            words=words,
            language=_value(language),
            title=title,
            max_chars=max_chars,
        )
    except UsageError as exc:
        error_line(str(exc))
        raise typer.Exit(exc.exit_code) from None
    names = _need_input(list(files or []), ctx)
    raise typer.Exit(_brief_all(names, options, fmt, no_color))


def _value(choice: Any) -> str:
    return str(choice.value if isinstance(choice, Enum) else choice)


def _brief_all(names: list[str], options: Options, fmt: Format, no_color: bool) -> int:
    from briefer import formats, summarize

    rich = _wants_rich(fmt, no_color)
    console = _console(no_color) if rich else None
    many = len(names) > 1
    text_fmt = "text" if fmt is Format.auto else fmt.value
    ok = failed = 0
    codes: set[int] = set()
    json_items: list[str] = []
    for name, source in _inputs(names, options.max_chars):
        try:
            if isinstance(source, BrieferError):
                raise source
            brief = summarize(source.text, options)
        except (BrieferError, Exception) as exc:
            if not isinstance(exc, BrieferError):
                if os.environ.get("BRIEFER_DEBUG"):
                    raise
                exc = BrieferError(f"{name}: {internal_error(exc)}")
                exc.exit_code = ExitCode.INTERNAL
            failed += 1
            codes.add(int(exc.exit_code))
            error_line(str(exc))
            if fmt is Format.jsonl:
                sys.stdout.write(formats.error_jsonl(name, str(exc), int(exc.exit_code)))
            elif fmt is Format.json and many:
                json_items.append(formats.error_jsonl(name, str(exc), int(exc.exit_code)))
            continue
        ok += 1
        if console is not None:
            from briefer.render import brief_renderable

            if many and ok > 1:
                console.rule()
            console.print(brief_renderable(brief, name, source.text))
        elif fmt is Format.json and many:
            json_items.append(formats.to_jsonl(brief, name))
        else:
            if many and ok > 1 and text_fmt in ("text", "markdown"):
                sys.stdout.write(
                    "\n---\n\n" if text_fmt == "markdown" else "\n" + "=" * 72 + "\n\n"
                )
            sys.stdout.write(
                formats.render(
                    brief,
                    text_fmt,
                    name if many or fmt is Format.json or fmt is Format.jsonl else None,
                )
            )
        sys.stdout.flush()
    if json_items:
        items = [json.loads(item) for item in json_items]
        sys.stdout.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
    if failed == 0:
        return ExitCode.OK
    if ok:
        return ExitCode.PARTIAL
    return codes.pop() if len(codes) == 1 else ExitCode.INPUT


class SentenceFormat(StrEnum):
    text = "text"
    jsonl = "jsonl"


@app.command(name="sentences")
def sentences_command(
    ctx: typer.Context,
    files: Annotated[
        list[str] | None,
        typer.Argument(help="Text files; '-' or nothing (with a pipe) reads stdin."),
    ] = None,
    fmt: Annotated[
        SentenceFormat,
        typer.Option(
            "--format", "-f", help="One sentence a line (text), or JSON Lines with offsets."
        ),
    ] = SentenceFormat.text,
    language: Annotated[
        Language, typer.Option("--language", "-l", help="Language of the text.")
    ] = "english",  # type: ignore[assignment]
    max_chars: Annotated[
        int, typer.Option("--max-chars", min=1, help="Refuse inputs longer than this.")
    ] = DEFAULT_MAX_CHARS,
) -> None:
    """Split text into sentences (one a line, or JSONL with index, paragraph and offsets)."""
    from briefer import split_sentences
    from briefer.formats import one_line

    names = _need_input(list(files or []), ctx)
    ok = failed = 0
    for name, source in _inputs(names, max_chars):
        if isinstance(source, BrieferError):
            failed += 1
            error_line(str(source))
            continue
        ok += 1
        for s in split_sentences(source.text, _value(language)):
            if fmt is SentenceFormat.jsonl:
                record = {"source": name, **s.to_dict()}
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                sys.stdout.write(one_line(s.text) + "\n")
    raise typer.Exit(ExitCode.OK if not failed else ExitCode.PARTIAL if ok else ExitCode.INPUT)


def main() -> NoReturn:
    """Console-script entry point."""
    command = typer.main.get_command(app)
    command.main(prog_name=PROG)
    raise AssertionError("unreachable")  # pragma: no cover
