"""``briefer view``: the brief inside the article, as one self-contained HTML page."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from briefer.cli.app import app
from briefer.cli.brief import brief_one
from briefer.cli.console import error_line
from briefer.cli.inputs import need_input, read_inputs
from briefer.cli.options import (
    Fetch,
    FetchOption,
    LanguageOption,
    MaxCharsOption,
    MethodOption,
    RatioOption,
    SentencesOption,
    TitleOption,
    WordsOption,
    brief_options,
    more_than_zero,
)
from briefer.errors import BrieferError, ExitCode, UsageError
from briefer.models import DEFAULT_MAX_CHARS
from briefer.output import get, one_line


@app.command(name="view")
def view_command(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Argument(
            metavar="FILE|URL",
            help="A text or HTML file, or an http(s) URL; '-' or nothing (with a pipe) reads "
            "stdin.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PAGE.html",
            help="Where to write the page (default: NAME.brief.html, named after the input, "
            "in the current folder).",
        ),
    ] = None,
    open_page: Annotated[
        bool, typer.Option("--open", metavar="", help="Open the page in the default browser.")
    ] = False,
    method: MethodOption = "default",  # type: ignore[assignment]
    sentences: SentencesOption = None,
    ratio: RatioOption = None,
    words: WordsOption = None,
    language: LanguageOption = "auto",  # type: ignore[assignment]
    title: TitleOption = None,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    timeout: Annotated[
        float,
        typer.Option("--timeout", metavar="SECONDS", help="Seconds to wait for the URL."),
    ] = 30.0,
    fetch: FetchOption = Fetch.any,
) -> None:
    """See the brief inside the article: one self-contained HTML page, nothing loaded from
    the network."""
    from briefer.batch import same_file, write_replacing
    from briefer.output.html import page_filename

    page = get("html")
    try:
        more_than_zero(timeout=timeout)
        options = brief_options(method, sentences, ratio, words, language, max_chars, title)
        missing = "no input: give a FILE, or pipe text into briefer"
        (name,) = need_input([file] if file else [], ctx, missing)
        target = output or Path(page_filename(name).removesuffix(page.suffix) + ".brief.html")
        if name != "-" and Path(name).exists() and same_file(name, target):
            raise UsageError("the page would overwrite its input; choose another -o", str(target))
        ((shown, source),) = list(read_inputs([name], max_chars, timeout, fetch.value))
        write_replacing(target, page.render(brief_one(shown, source, options, parts=True)))
    except BrieferError as exc:
        error_line(exc)
        raise typer.Exit(exc.exit_code) from None
    except OSError as exc:
        error_line(f"{output}: cannot write the page ({exc.strerror or exc})")
        raise typer.Exit(ExitCode.INPUT) from None
    sys.stderr.write(f"{one_line(str(target))}\n")
    if open_page:
        import webbrowser

        webbrowser.open(target.resolve().as_uri())
