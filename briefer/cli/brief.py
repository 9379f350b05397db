"""``briefer [brief] FILE|URL...``: brief articles, written in the format asked for."""

import sys
from typing import Annotated, Any

import typer

from briefer.cli.app import app
from briefer.cli.console import (
    debugging,
    error_line,
    internal_error,
    make_console,
    stdout_is_terminal,
    working,
)
from briefer.cli.inputs import need_input, read_inputs
from briefer.cli.options import (
    FLAGS,
    Fetch,
    FetchOption,
    Format,
    LanguageOption,
    MaxCharsOption,
    MethodOption,
    NoColorOption,
    RatioOption,
    SentencesOption,
    TitleOption,
    WordsOption,
    brief_options,
    more_than_zero,
    value,
)
from briefer.errors import BrieferError, ExitCode, InternalError, UsageError, exit_status
from briefer.models import DEFAULT_MAX_CHARS, Options
from briefer.output import FORMATS, Briefed, Writer, get


@app.command(name="brief")
def brief_command(
    ctx: typer.Context,
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FILE|URL",
            help="Text or HTML files, or http(s) URLs, to brief; '-' or nothing (with a pipe) "
            "reads stdin.",
        ),
    ] = None,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="Output: a Rich layout in a terminal and plain text in a pipe (auto), or "
            + ", ".join(
                f"{name} (one page: see briefer view)" if fmt.one_input else name
                for name, fmt in FORMATS.items()
            )
            + ".",
        ),
    ] = "auto",  # type: ignore[assignment]
    method: MethodOption = "default",  # type: ignore[assignment]
    sentences: SentencesOption = None,
    ratio: RatioOption = None,
    words: WordsOption = None,
    language: LanguageOption = "auto",  # type: ignore[assignment]
    title: TitleOption = None,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    timeout: Annotated[
        float,
        typer.Option("--timeout", metavar="SECONDS", help="Seconds to wait for each URL."),
    ] = 30.0,
    fetch: FetchOption = Fetch.any,
    no_color: NoColorOption = False,
) -> None:
    """Brief articles: headline, gist, key points, figures, quotes, names and stats."""
    try:
        more_than_zero(timeout=timeout)
        options = brief_options(method, sentences, ratio, words, language, max_chars, title)
    except UsageError as exc:
        error_line(exc)
        raise typer.Exit(exc.exit_code) from None
    names = need_input(list(files or []), ctx, "no input: give a FILE, or pipe text into briefer")
    raise typer.Exit(brief_all(names, options, value(fmt), no_color, timeout, fetch.value))


class TerminalView:
    """The Rich layout on stdout, a rule between two briefs; failures are told on stderr."""

    def __init__(self, no_color: bool) -> None:
        self.console = make_console(no_color)
        self.shown = 0

    def brief(self, item: Briefed) -> None:
        """Show one brief, each figure in its context."""
        from briefer.output.rich import brief_renderable

        if self.shown:
            self.console.rule()
        self.console.print(brief_renderable(item.brief, item.source, item.text))
        self.shown += 1

    def error(self, source: str | None, message: str, exit_code: int) -> None:
        """Nothing: the error line on stderr says it."""

    def close(self) -> None:
        """Nothing is gathered."""


def brief_all(
    names: list[str],
    options: Options,
    fmt: str,
    no_color: bool,
    timeout: float | None = None,
    fetch: str = "any",
) -> int:
    """Brief each input in turn and write it as it comes; the exit code by the one policy."""
    chosen = get("text" if fmt == "auto" else fmt)
    many = len(names) > 1
    if chosen.one_input and many:
        error_line(
            f"-f {chosen.name} writes one page: brief one input, or use briefer batch "
            f"-f {chosen.name} --output DIR"
        )
        return int(ExitCode.USAGE)
    out: Any = (
        TerminalView(no_color)
        if fmt == "auto" and stdout_is_terminal()
        else Writer(chosen, sys.stdout.write, many=many)
    )
    ok = 0
    failures: list[int] = []
    for name, source in read_inputs(names, options.max_chars, timeout, fetch):
        try:
            out.brief(brief_one(name, source, options, parts=chosen.wants_parts))
            ok += 1
        except BrieferError as exc:
            failures.append(int(exc.exit_code))
            error_line(exc)
            out.error(exc.source, exc.text(FLAGS), int(exc.exit_code))
        sys.stdout.flush()
    out.close()
    return exit_status(ok, failures)


def brief_one(name: str, source: Any, options: Options, *, parts: bool = False) -> Briefed:
    """The brief of one input read by :func:`read_inputs`, or the error that names it (an
    unexpected exception becomes an :class:`InternalError`). With ``parts`` the brief brings
    the text's cut and scores along (the HTML page shows them)."""
    from briefer.brief import summarize_parts

    if isinstance(source, BrieferError):
        raise source
    try:
        with working(name, len(source.text)):
            # one brief at a time: a long one finds its facts on a second core
            brief, cut, scored = summarize_parts(source.text, options, background=True)
    except BrieferError as exc:
        exc.about(name)
        raise
    except Exception as exc:
        if debugging():
            raise
        raise InternalError(internal_error(exc), source=name) from exc
    if not parts:  # only a page shows them: do not hold a long text's cut
        return Briefed(brief.with_page(source.page), name, source.text, None, None)
    return Briefed(brief.with_page(source.page), name, source.text, cut, scored)
