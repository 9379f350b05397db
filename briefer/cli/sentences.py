"""``briefer sentences``: the text cut into sentences, one a line or JSON Lines with offsets."""

import sys
from enum import StrEnum
from typing import Annotated

import typer

from briefer.cli.app import app
from briefer.cli.console import error_line
from briefer.cli.inputs import need_input, read_inputs
from briefer.cli.options import Fetch, FetchOption, LanguageOption, MaxCharsOption, value
from briefer.errors import BrieferError, exit_status
from briefer.models import DEFAULT_MAX_CHARS


class SentenceFormat(StrEnum):
    """What ``briefer sentences -f`` writes."""

    text = "text"
    jsonl = "jsonl"


@app.command(name="sentences")
def sentences_command(
    ctx: typer.Context,
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FILE", help="Text files; '-' or nothing (with a pipe) reads stdin."
        ),
    ] = None,
    fmt: Annotated[
        SentenceFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="One sentence a line (text), or JSON Lines with offsets.",
        ),
    ] = SentenceFormat.text,
    language: LanguageOption = "auto",  # type: ignore[assignment]
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    fetch: FetchOption = Fetch.any,
) -> None:
    """Split text into sentences (one a line, or JSONL with index, paragraph and offsets).

    The sentences are the brief's, numbered as the brief numbers them: a headline and section
    headings are not sentences, so "sentence 14" of a brief is index 14 here."""
    from briefer.langid import resolve as resolve_language
    from briefer.output import dumps, one_line
    from briefer.split import document

    names = need_input(list(files or []), ctx, "no input: give a FILE, or pipe text into briefer")
    ok = 0
    failures: list[int] = []
    for name, source in read_inputs(names, max_chars, fetch=fetch.value):
        if isinstance(source, BrieferError):
            failures.append(int(source.exit_code))
            error_line(str(source))
            continue
        ok += 1
        lang = resolve_language(source.text, value(language))[0]
        for s in document(source.text, lang)[0].sentences:
            if fmt is SentenceFormat.jsonl:
                sys.stdout.write(dumps({"source": name, **s.to_dict()}) + "\n")
            else:
                sys.stdout.write(one_line(s.text) + "\n")
    raise typer.Exit(exit_status(ok, failures))
