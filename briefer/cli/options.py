"""The options the commands share (one declaration each, the same help everywhere), their
choices, and the one :class:`~briefer.models.Options` object built from them.

(No ``from __future__ import annotations`` in this package: Typer would then ``eval`` every
option's annotation string on each start, about 10 ms.)
"""

from enum import Enum, StrEnum
from typing import Annotated, Any

import typer

from briefer.errors import UsageError
from briefer.models import LANGUAGES, METHODS, Options
from briefer.output import FORMATS

Method = Enum("Method", {m: m for m in METHODS}, type=str)  # type: ignore[misc]
Language = Enum(  # type: ignore[misc]
    "Language", {lang: lang for lang in ("auto", *LANGUAGES)}, type=str
)
Format = Enum(  # type: ignore[misc]
    "Format", {name: name for name in ("auto", *FORMATS)}, type=str
)
"""``-f`` of ``briefer``: every output format, and auto (Rich in a terminal, else text)."""


FLAGS: dict[str, str] = {
    "sentences": "--sentences",
    "ratio": "--ratio",
    "words": "--words",
    "method": "--method",
    "language": "--language",
    "title": "--title",
    "max_chars": "--max-chars",
    "fetch": "--fetch",
    "timeout": "--timeout",
    "fetch_timeout": "--fetch-timeout",
    "jobs": "--jobs",
    "connections": "--connections",
    "text_fields": "--text-field",
    "id_field": "--id-field",
    "output_dir": "--output",
    "scheduler": "--scheduler",
}
"""The flag of each option that the library's messages name by its field or argument
(:class:`briefer.errors.Setting`): ``max_chars`` is ``--max-chars`` here."""


class Fetch(StrEnum):
    """Which hosts a URL may reach."""

    never = "never"
    public = "public"
    any = "any"


MethodOption = Annotated[
    Method,
    typer.Option("--method", "-m", metavar="METHOD", help=f"Ranking method: {', '.join(METHODS)}."),
]
SentencesOption = Annotated[
    int | None, typer.Option("--sentences", "-n", metavar="N", help="Number of key points.")
]
RatioOption = Annotated[
    float | None,
    typer.Option(
        "--ratio", "-r", metavar="SHARE", help="Key points as a share of the sentences (0-1]."
    ),
]
WordsOption = Annotated[
    int | None,
    typer.Option("--words", "-w", metavar="N", help="Word budget, met on sentence boundaries."),
]
LanguageOption = Annotated[
    Language,
    typer.Option(
        "--language",
        "-l",
        metavar="LANGUAGE",
        help=f"Language of the text: auto (detected; the default, but English for eval), "
        f"{', '.join(LANGUAGES)}.",
    ),
]
TitleOption = Annotated[
    str | None,
    typer.Option("--title", metavar="TEXT", help="Headline to use instead of detecting one."),
]
MaxCharsOption = Annotated[
    int,
    typer.Option(
        "--max-chars", metavar="N", help="Refuse inputs longer than this many characters."
    ),
]
FetchOption = Annotated[
    Fetch,
    typer.Option(
        "--fetch",
        metavar="POLICY",
        help="Which hosts URLs may reach: any; public (no loopback, private or link-local "
        "address, checked after DNS and on every redirect); never.",
    ),
]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", metavar="", help="No colours or styles.")
]


def value(choice: Any) -> str:
    """The string behind an option's choice (an Enum member or a plain default)."""
    return str(choice.value if isinstance(choice, Enum) else choice)


def brief_options(
    method: Any,
    sentences: int | None,
    ratio: float | None,
    words: int | None,
    language: Any,
    max_chars: int,
    title: str | None = None,
) -> Options:
    """The one Options object of the commands that brief, from their shared options."""
    return Options(
        method=value(method),
        sentences=sentences,
        ratio=ratio,
        words=words,
        language=value(language),
        title=title,
        max_chars=max_chars,
    )


def at_least_one(**values: int | None) -> None:
    """Raise a UsageError naming the first option given a value below 1."""
    for name, given in values.items():
        if given is not None and given < 1:
            raise UsageError(f"--{name.replace('_', '-')} must be at least 1, not {given}")


def more_than_zero(**values: float | None) -> None:
    """Raise a UsageError naming the first option given a value that is not above 0."""
    for name, given in values.items():
        if given is not None and not given > 0:
            raise UsageError(f"--{name.replace('_', '-')} must be more than 0, not {given:g}")
