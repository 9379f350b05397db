"""The ``briefer`` command: parse → Options → library call → output → exit code.

The only module that imports typer. Heavy libraries (nltk, sumy, numpy) are imported by the
commands that need them, so ``--help`` and ``--version`` stay instant. (No ``from __future__
import annotations`` here: Typer would then ``eval`` every option's annotation string on each
start, about 10 ms.)
"""

import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

import briefer
from briefer.errors import BrieferError, ExitCode, UsageError, exit_status
from briefer.models import DEFAULT_MAX_CHARS, LANGUAGES, METHODS, Options

PROG = "briefer"
DEFAULT_COMMAND = "brief"
IMPLICIT = "briefer.implicit_command"


def error_line(message: str) -> None:
    """The one line every failure gets on stderr; names and words from the data made inert."""
    from briefer.formats import one_line

    sys.stderr.write(f"{PROG}: error: {one_line(message)}\n")
    sys.stderr.flush()


class BrieferGroup(TyperGroup):
    """A group whose default command is ``brief``: ``briefer FILE`` is ``briefer brief FILE``.

    It also owns the exit protocol: usage errors as one ``briefer: error:`` line with exit 2,
    Ctrl-C as 130, and a closed stdout (``| head``) as a quiet exit.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_metavars(self)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "--version")):
            args = [DEFAULT_COMMAND, *args]
            ctx.meta[IMPLICIT] = True  # the user typed `briefer ...`, not `briefer brief ...`
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        """Run the command; a reader that went away (``| head``) ends it quietly with 0."""
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # Caught here, before Typer's own handler turns it into exit code 1.
            _silence_stdout()
            raise typer.Exit(ExitCode.OK) from None

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
            error_line(usage_message(exc.format_message()))
            code = exc.exit_code
        except typer.Abort:
            code = ExitCode.INTERRUPTED
        except KeyboardInterrupt as exc:
            code = _interrupted(exc)
        except BrokenPipeError:
            _silence_stdout()
            code = ExitCode.OK
        except Exception as exc:  # a bug in briefer or a library: one line, not a traceback
            if os.environ.get("BRIEFER_DEBUG"):
                raise
            error_line(internal_error(exc))
            code = ExitCode.INTERNAL
        sys.exit(int(code or 0))


_INVALID = re.compile(r"Invalid value for '(--[\w-]+)'(?: / '-\w+')?: (?:Value error, )?(.*)", re.S)
_PLAIN_WORDS = (
    (re.compile(r"Input should be a valid integer.*", re.S), "must be a whole number"),
    (re.compile(r"Input should be a valid number.*", re.S), "must be a number"),
    (re.compile(r"Input should be a valid boolean.*", re.S), "takes no value"),
    (re.compile(r"Input should be (.*)", re.S), r"must be \1"),
)


def usage_message(message: str) -> str:
    """A usage error in briefer's words: the option, then what it takes ("--method: 'x' is not
    one of: default, lead, ..."), not the validation library's ("Value error, ...")."""
    found = _INVALID.match(message)
    if found is None:
        return message
    option, detail = found.groups()
    for pattern, plain in _PLAIN_WORDS:
        if pattern.match(detail):
            return f"{option} {pattern.sub(plain, detail, count=1)}"
    choices = re.match(r"('[^']*') is not one of (.*?)\.?$", detail, re.S)
    if choices:
        allowed = ", ".join(re.findall(r"'([^']*)'", choices.group(2)))
        return f"{option}: {choices.group(1)} is not one of: {allowed}"
    return f"{option}: {detail}"


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
    subcommand_metavar="[FILE|URL]... | COMMAND [ARGS]...",
    add_completion=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"{PROG} {briefer.__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", metavar="", callback=_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """Structured, traceable briefs of articles.

    `briefer FILE|URL...` briefs files, web pages or saved HTML (the default command: brief).

    `pbpaste | briefer` briefs what you pipe in.

    Common options: -f text|markdown|json|jsonl, -m METHOD, -n N, -w N, -l LANGUAGE.

    `briefer brief --help` lists every option; `briefer batch --help` briefs many at once.
    """


class Format(StrEnum):
    auto = "auto"
    text = "text"
    markdown = "markdown"
    json = "json"
    jsonl = "jsonl"
    html = "html"


Method = Enum("Method", {m: m for m in METHODS}, type=str)  # type: ignore[misc]
Language = Enum(  # type: ignore[misc]
    "Language", {lang: lang for lang in ("auto", *LANGUAGES)}, type=str
)

# Options shared by the commands that brief (one declaration each, the same help everywhere).
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


class Fetch(StrEnum):
    never = "never"
    public = "public"
    any = "any"


FetchOption = Annotated[
    Fetch,
    typer.Option(
        "--fetch",
        metavar="POLICY",
        help="Which hosts URLs may reach: any; public (no loopback, private or link-local "
        "address, checked after DNS and on every redirect); never.",
    ),
]


def _inputs(
    files: list[str], max_chars: int, timeout: float | None = None, fetch: str = "any"
) -> Iterator[tuple[str, Any]]:
    """Each input as (name, Source or BrieferError), in command-line order.

    Files and stdin may be text or HTML; URLs are fetched concurrently, ahead of their turn.
    """
    from briefer.ingest import is_url, read_path, read_stream, read_urls

    max_bytes = max_chars * 4  # UTF-8 needs at most four bytes a character
    urls = [name for name in files if is_url(name)]
    fetched = read_urls(list(urls), max_bytes, timeout=timeout, policy=fetch) if urls else None
    try:
        for name in files:
            try:
                if fetched is not None and urls and name == urls[0]:
                    urls.pop(0)
                    yield next(fetched)
                elif name == "-":
                    yield "<stdin>", read_stream(sys.stdin.buffer, max_bytes)
                else:
                    yield name, read_path(Path(name), max_bytes)
            except BrieferError as exc:
                yield ("<stdin>" if name == "-" else name), exc
    finally:
        if fetched is not None:
            fetched.close()


def _help_on_stderr(ctx: typer.Context) -> None:
    """The help of what the user typed (``briefer``, or ``briefer brief``), on stderr: stdout is
    for data. (Typer's Rich help prints itself to stdout, so stdout points at stderr meanwhile.)"""
    from contextlib import redirect_stdout

    typed = ctx.parent if ctx.meta.get(IMPLICIT) and ctx.parent is not None else ctx
    with redirect_stdout(sys.stderr):
        text = typed.get_help()
    sys.stderr.write(text + "\n")


def _need_input(files: list[str], ctx: typer.Context) -> list[str]:
    if files:
        return files
    if sys.stdin is None or sys.stdin.isatty():
        _help_on_stderr(ctx)
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


def _wants_rich(fmt: Format) -> bool:
    if fmt is not Format.auto:
        return False
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


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
            help="Output: a Rich layout in a terminal and plain text in a pipe (auto), "
            "or text, markdown, json, jsonl, html (one page: see briefer view).",
        ),
    ] = Format.auto,
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
    no_color: Annotated[
        bool, typer.Option("--no-color", metavar="", help="No colours or styles.")
    ] = False,
) -> None:
    """Brief articles: headline, gist, key points, figures, quotes, names and stats."""
    try:
        _more_than_zero(timeout=timeout)
        options = _options(method, sentences, ratio, words, language, max_chars, title)
    except UsageError as exc:
        error_line(str(exc))
        raise typer.Exit(exc.exit_code) from None
    names = _need_input(list(files or []), ctx)
    raise typer.Exit(_brief_all(names, options, fmt, no_color, timeout, fetch.value))


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
    from briefer.brief import summarize_parts
    from briefer.formats import one_line
    from briefer.html import page_filename, render_page

    try:
        _more_than_zero(timeout=timeout)
        options = _options(method, sentences, ratio, words, language, max_chars, title)
        (name,) = _need_input([file] if file else [], ctx)
        target = output or Path(page_filename(name).removesuffix(".html") + ".brief.html")
        if name != "-" and Path(name).exists() and same_file(name, target):
            raise UsageError(f"{target}: the page would overwrite its input; choose another -o")
        ((shown, source),) = list(_inputs([name], max_chars, timeout, fetch.value))
        if isinstance(source, BrieferError):
            raise source
        brief, doc, scores = summarize_parts(source.text, options)
        brief = brief.with_page(source.page)
        page = render_page(brief, source.text, meta={"source": shown}, scores=scores, document=doc)
        write_replacing(target, page)
    except BrieferError as exc:
        error_line(str(exc))
        raise typer.Exit(exc.exit_code) from None
    except OSError as exc:
        error_line(f"{output}: cannot write the page ({exc.strerror or exc})")
        raise typer.Exit(ExitCode.INPUT) from None
    sys.stderr.write(f"{one_line(str(target))}\n")
    if open_page:
        import webbrowser

        webbrowser.open(target.resolve().as_uri())


def _at_least_one(**values: int | None) -> None:
    for name, value in values.items():
        if value is not None and value < 1:
            raise UsageError(f"--{name.replace('_', '-')} must be at least 1, not {value}")


def _more_than_zero(**values: float | None) -> None:
    for name, value in values.items():
        if value is not None and not value > 0:
            raise UsageError(f"--{name.replace('_', '-')} must be more than 0, not {value:g}")


LONG_INPUT = 1_000_000
"""Characters above which a single brief shows that it is working (about a second's work)."""


def _working(name: str, chars: int) -> Any:
    """A spinner with the elapsed time on stderr while a long input is briefed, in a terminal
    only (like batch's progress bar); nothing otherwise."""
    from contextlib import nullcontext

    if chars < LONG_INPUT or not _batch_progress_wanted():
        return nullcontext()
    from briefer.formats import one_line

    return _console(False, stderr=True).status(
        f"briefing {one_line(name)} ({chars:,} characters)…", spinner="dots"
    )


def _options(
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
        method=_value(method),
        sentences=sentences,
        ratio=ratio,
        words=words,
        language=_value(language),
        title=title,
        max_chars=max_chars,
    )


def _value(choice: Any) -> str:
    return str(choice.value if isinstance(choice, Enum) else choice)


def _brief_all(
    names: list[str],
    options: Options,
    fmt: Format,
    no_color: bool,
    timeout: float | None = None,
    fetch: str = "any",
) -> int:
    from briefer import formats, summarize

    rich = _wants_rich(fmt)
    console = _console(no_color) if rich else None
    many = len(names) > 1
    if fmt is Format.html and many:
        error_line(
            "-f html writes one page: brief one input, or use briefer batch -f html --output DIR"
        )
        return int(ExitCode.USAGE)
    text_fmt = "text" if fmt is Format.auto else fmt.value
    ok = 0
    codes: list[int] = []
    json_items: list[str] = []
    for name, source in _inputs(names, options.max_chars, timeout, fetch):
        try:
            if isinstance(source, BrieferError):
                raise source
            with _working(name, len(source.text)):
                if fmt is Format.html:  # the page takes the cut and scores the brief made
                    from briefer.brief import summarize_parts

                    brief, doc, scores = summarize_parts(source.text, options)
                else:
                    brief = summarize(source.text, options)
                brief = brief.with_page(source.page)
        except (BrieferError, Exception) as exc:
            if not isinstance(exc, BrieferError):
                if os.environ.get("BRIEFER_DEBUG"):
                    raise
                exc = BrieferError(f"{name}: {internal_error(exc)}")
                exc.exit_code = ExitCode.INTERNAL
            elif not str(exc).startswith(f"{name}: "):  # the library does not know the name
                code = exc.exit_code
                exc = type(exc)(f"{name}: {exc}")
                exc.exit_code = code
            codes.append(int(exc.exit_code))
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
        elif fmt is Format.html:
            from briefer.html import render_page

            page = render_page(
                brief, source.text, meta={"source": name}, scores=scores, document=doc
            )
            sys.stdout.write(page)
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
        sys.stdout.write(formats.dumps(items, indent=2) + "\n")
    return exit_status(ok, codes)


class SentenceFormat(StrEnum):
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
    """Split text into sentences (one a line, or JSONL with index, paragraph and offsets)."""
    from briefer import split_sentences
    from briefer.formats import dumps, one_line
    from briefer.langid import resolve as resolve_language

    names = _need_input(list(files or []), ctx)
    ok = 0
    failures: list[int] = []
    for name, source in _inputs(names, max_chars, fetch=fetch.value):
        if isinstance(source, BrieferError):
            failures.append(int(source.exit_code))
            error_line(str(source))
            continue
        ok += 1
        lang = resolve_language(source.text, _value(language))[0]
        for s in split_sentences(source.text, lang):
            if fmt is SentenceFormat.jsonl:
                record = {"source": name, **s.to_dict()}
                sys.stdout.write(dumps(record) + "\n")
            else:
                sys.stdout.write(one_line(s.text) + "\n")
    raise typer.Exit(exit_status(ok, failures))


# --- briefer eval: ROUGE of methods against reference summaries (logic in briefer/evaluate.py)


class EvalFormat(StrEnum):
    table = "table"
    json = "json"


@app.command(name="eval")
def eval_command(
    data: Annotated[
        str,
        typer.Argument(
            metavar="DATA.jsonl", help='JSONL records {"id", "article", "reference"[, "title"]}.'
        ),
    ],
    methods: Annotated[
        str,
        typer.Option(
            "--methods", "-m", metavar="METHODS", help="Comma-separated methods, or 'all'."
        ),
    ] = "default,lead",
    sentences: Annotated[
        int, typer.Option("--sentences", "-n", metavar="N", help="Sentences in each summary.")
    ] = 3,
    fmt: Annotated[
        EvalFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="A table of mean ROUGE F1, or JSON for scripts.",
        ),
    ] = EvalFormat.table,
    summaries: Annotated[
        Path | None,
        typer.Option(
            "--summaries", metavar="FILE", help='Write {"id", "method", "sentences"} lines here.'
        ),
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", metavar="N", help="Worker processes.")] = 1,
    language: LanguageOption = "english",  # type: ignore[assignment]
    no_color: Annotated[
        bool, typer.Option("--no-color", metavar="", help="No colours or styles.")
    ] = False,
) -> None:
    """Score methods with ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 against reference summaries."""
    from contextlib import nullcontext

    from briefer import evaluate as ev

    try:
        _at_least_one(sentences=sentences, jobs=jobs)
        chosen = ev.parse_methods(methods)
        records: list[ev.Record] = []
        failed = 0
        for item in ev.read_records(data):
            if isinstance(item, ev.BadRecord):
                failed += 1
                error_line(str(item))
            else:
                records.append(item)
        out = summaries.open("w", encoding="utf-8") if summaries else None
    except OSError as exc:
        error_line(f"cannot write {summaries}: {exc.strerror or exc}")
        raise typer.Exit(ExitCode.INPUT) from None
    except BrieferError as exc:
        error_line(str(exc))
        raise typer.Exit(exc.exit_code) from None
    totals = ev.Totals(chosen)
    outcomes = ev.evaluate(records, chosen, sentences, language=_value(language), jobs=jobs)
    with out or nullcontext(), _eval_progress(len(records)) as advance:
        for outcome in outcomes:
            advance()
            if isinstance(outcome, ev.BadRecord):
                failed += 1
                error_line(str(outcome))
                continue
            for summary in outcome:
                totals.add(summary)
                if out is not None:
                    out.write(json.dumps(summary.to_dict(), ensure_ascii=False) + "\n")
    results = totals.results()
    if fmt is EvalFormat.json:
        sys.stdout.write(ev.results_json(results))
    else:
        _console(no_color).print(_eval_table(results, Path(data).name, sentences))
    scored = results[0].n if results else 0
    raise typer.Exit(exit_status(scored, [int(ExitCode.INPUT)] * failed))


def _eval_progress(total: int) -> Any:
    """A context giving an ``advance()`` callable: a Rich progress bar when stderr is a terminal."""
    from contextlib import contextmanager

    @contextmanager
    def bar() -> Iterator[Any]:
        if not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
            yield lambda: None
            return
        from rich.progress import Progress

        with Progress(console=_console(False, stderr=True), transient=True) as progress:
            task = progress.add_task("evaluating", total=total)
            yield lambda: progress.advance(task)

    return bar()


def _eval_table(results: Sequence[Any], name: str, sentences: int) -> Any:
    from rich.table import Table

    table = Table(title=f"{name}: mean ROUGE F1 (%), {sentences} sentences")
    table.add_column("method")
    for column in ("ROUGE-1", "ROUGE-2", "ROUGE-Lsum", "n"):
        table.add_column(column, justify="right")
    for r in results:
        table.add_row(
            r.method, f"{r.rouge1:.2f}", f"{r.rouge2:.2f}", f"{r.rougeLsum:.2f}", str(r.n)
        )
    return table


# --- briefer batch: many articles, in parallel or on a cluster (logic in briefer/batch.py)


class BatchFormat(StrEnum):
    jsonl = "jsonl"
    markdown = "markdown"
    text = "text"
    html = "html"


class InputFormat(StrEnum):
    auto = "auto"
    text = "text"
    jsonl = "jsonl"
    urls = "urls"


@app.command(name="batch")
def batch_command(
    ctx: typer.Context,
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="INPUT",
            help="Text or HTML files, directories (searched recursively with --glob), JSON Lines "
            "files (*.jsonl), URL lists (*.urls, one a line) and URLs; '-' or nothing (with a "
            "pipe) reads JSON Lines (or URLs with --input-format urls) from stdin.",
        ),
    ] = None,
    fmt: Annotated[
        BatchFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="JSON Lines (one result a line), markdown, text, or html (a page a record and an "
            "index.html, with --output DIR).",
        ),
    ] = BatchFormat.jsonl,
    input_format: Annotated[
        InputFormat,
        typer.Option(
            "--input-format",
            metavar="FORMAT",
            help="auto: *.jsonl files and stdin are JSON Lines, *.urls files list URLs, other "
            "files are articles.",
        ),
    ] = InputFormat.auto,
    glob: Annotated[
        str | None,
        typer.Option(
            "--glob",
            metavar="PATTERN",
            help="Files to take from directories (default: *.txt; *.jsonl for jsonl input).",
        ),
    ] = None,
    text_fields: Annotated[
        list[str] | None,
        typer.Option(
            "--text-field",
            metavar="FIELD",
            help="JSON field with the article (default: article, then text).",
        ),
    ] = None,
    id_field: Annotated[
        str, typer.Option("--id-field", metavar="FIELD", help="JSON field that names the record.")
    ] = "id",
    title_field: Annotated[
        str,
        typer.Option(
            "--title-field", metavar="FIELD", help="JSON field with the record's headline."
        ),
    ] = "title",
    method: MethodOption = "default",  # type: ignore[assignment]
    sentences: SentencesOption = None,
    ratio: RatioOption = None,
    words: WordsOption = None,
    language: LanguageOption = "auto",  # type: ignore[assignment]
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", metavar="N", help="Worker processes (default: the number of CPUs)."
        ),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(
            "--timeout", metavar="SECONDS", help="Cut off a record after this many seconds."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="Write one file per JSON Lines input into this directory.",
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="Run on a Dask cluster (tcp://host:8786); needs --output.",
        ),
    ] = None,
    partition_size: Annotated[
        float | None,
        typer.Option(
            "--partition-size",
            metavar="MB",
            help="With --scheduler: MB of a JSON Lines file per task (default: about two "
            "tasks a worker thread, 1-64 MB).",
        ),
    ] = None,
    connections: Annotated[
        int, typer.Option("--connections", metavar="N", help="URLs fetched at once.")
    ] = 8,
    fetch_timeout: Annotated[
        float,
        typer.Option(
            "--fetch-timeout", metavar="SECONDS", help="Give up on a URL after this long."
        ),
    ] = 30.0,
    fetch: FetchOption = Fetch.public,
) -> None:
    """Brief many articles: results in input order, in parallel, or on a Dask cluster."""
    from briefer import batch

    _stop_on_sigterm()
    try:
        _at_least_one(jobs=jobs)
        _more_than_zero(partition_size=partition_size, fetch_timeout=fetch_timeout)
        options = _options(method, sentences, ratio, words, language, max_chars)
        config = batch.BatchOptions(
            options=options,
            fmt=fmt.value,
            text_fields=tuple(text_fields or batch.DEFAULT_TEXT_FIELDS),
            id_field=id_field,
            title_field=title_field,
            timeout=timeout,
            connections=connections,
            fetch_timeout=fetch_timeout,
            fetch=fetch.value,
        )
        names = list(inputs or []) or _batch_stdin(ctx)
        if scheduler is not None:
            raise typer.Exit(
                _batch_cluster(names, config, scheduler, output, input_format, glob, partition_size)
            )
        planned = None
        if fmt is BatchFormat.html:
            if output is None:
                raise UsageError("-f html writes a page a record: give --output DIR")
            batch.check_html_output(names, output)
        elif output is not None:
            plan = batch.plan_outputs(
                names, output, fmt.value, input_format=input_format.value, glob=glob
            )
            planned = [name for name, _ in plan]
        results = batch.brief_all(
            names,
            config,
            jobs=jobs or batch.default_jobs(),
            input_format=input_format.value,
            glob=glob,
            stdin=sys.stdin.buffer if "-" in names else None,
        )
        total = _batch_total(names, input_format.value, glob)
    except BrieferError as exc:
        error_line(str(exc))
        raise typer.Exit(exc.exit_code) from None
    raise typer.Exit(_batch_write(results, fmt, output, total, planned))


def _batch_stdin(ctx: typer.Context) -> list[str]:
    if sys.stdin is None or sys.stdin.isatty():
        _help_on_stderr(ctx)
        error_line("no input: give files or directories, or pipe JSON Lines into briefer batch")
        raise typer.Exit(ExitCode.USAGE)
    return ["-"]


def _batch_total(names: list[str], input_format: str, glob: str | None) -> int | None:
    """The number of records, for the progress bar (only counted when it is shown)."""
    if not _batch_progress_wanted():
        return None
    from briefer.batch import count_records

    return count_records(names, input_format=input_format, glob=glob)


def _batch_progress_wanted() -> bool:
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


def _batch_exit(ok: int, failures: list[int]) -> int:
    sys.stderr.write(f"{ok} ok, {len(failures)} failed\n")
    sys.stderr.flush()
    return exit_status(ok, failures)


def _batch_write(
    results: Any,
    fmt: BatchFormat,
    output: Path | None,
    total: int | None,
    planned: list[str] | None = None,
) -> int:
    """Write results as they arrive (stdout or --output files); errors and a summary on stderr."""
    from contextlib import closing, nullcontext

    from briefer.batch import HtmlPages, OutputFiles

    ok = 0
    failures: list[int] = []
    separator = {"markdown": "\n---\n\n", "text": "\n" + "=" * 72 + "\n\n"}.get(fmt.value, "")
    files: Any = None
    if fmt is BatchFormat.html:
        files = HtmlPages(output or ".")
    elif output is not None:
        files = OutputFiles(output, fmt.value, planned)
    try:
        with closing(results), files or nullcontext(), _batch_progress(total) as advance:
            for result in results:
                with _batch_uninterrupted():  # a result is written and counted, or neither
                    if files is not None:
                        files.write(result)
                    else:
                        sys.stdout.write((separator if ok or failures else "") + result.output)
                        sys.stdout.flush()
                    if result.ok:
                        ok += 1
                    else:
                        failures.append(result.exit_code)
                        error_line(f"{result.label}: {result.error}")
                        if result.detail:
                            sys.stderr.write(result.detail)
                advance()
    except KeyboardInterrupt as exc:
        _batch_exit(ok, failures)
        return _interrupted(exc)
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        error_line(f"cannot write the results: {exc.strerror or exc}")
        return int(ExitCode.INPUT)
    except BrieferError as exc:
        error_line(str(exc))
        _batch_exit(ok, failures)
        return int(exc.exit_code)
    return _batch_exit(ok, failures)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that a batch stops its workers and says what it did."""


def _interrupted(exc: BaseException) -> int:
    return int(ExitCode.TERMINATED if isinstance(exc, Terminated) else ExitCode.INTERRUPTED)


def _raise_terminated(signum: int, frame: Any) -> None:
    raise Terminated


def _stop_on_sigterm() -> None:
    """From now on SIGTERM (``kill``) ends this process as Ctrl-C does: cleanly."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _raise_terminated)


def _batch_uninterrupted() -> Any:
    """A context that holds Ctrl-C and SIGTERM back until it ends, then raises them."""
    import signal
    import threading
    from contextlib import contextmanager

    @contextmanager
    def hold() -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        hits: list[int] = []
        held = (signal.SIGINT, signal.SIGTERM)
        previous = {
            sig: signal.signal(sig, lambda signum, frame: hits.append(signum)) for sig in held
        }
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if signal.SIGTERM in hits:
            raise Terminated
        if hits:
            raise KeyboardInterrupt

    return hold()


def _batch_progress(total: int | None) -> Any:
    """A context giving ``advance()``: a Rich bar on stderr in a terminal (count, rate, ETA)."""
    from contextlib import contextmanager

    @contextmanager
    def bar() -> Iterator[Any]:
        if not _batch_progress_wanted():
            yield lambda: None
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task: Any) -> Text:
                return Text(f"{task.speed:.1f}/s" if task.speed else "-/s")

        columns = [TextColumn("briefing"), BarColumn(), MofNCompleteColumn(), Rate()]
        columns += [TimeRemainingColumn()] if total is not None else [TimeElapsedColumn()]
        with Progress(
            *columns,
            console=_console(False, stderr=True),
            transient=True,
            redirect_stdout=False,
            redirect_stderr=True,
        ) as progress:
            task = progress.add_task("briefing", total=total)
            yield lambda: progress.advance(task)

    return bar()


def _batch_cluster(
    names: list[str],
    config: Any,
    scheduler: str,
    output: Path | None,
    input_format: InputFormat,
    glob: str | None,
    partition_mb: float | None = None,
) -> int:
    """Run on Dask: workers read and write one file per input; errors come back per file."""
    import logging

    from briefer.batch import brief_partitions

    # Dask logs a lost connection with its traceback; briefer says it in one line instead.
    logging.disable(logging.CRITICAL)
    if output is None:
        raise UsageError("--scheduler needs --output DIR: the workers write one file per input")
    ok = 0
    failures: list[int] = []
    reports = brief_partitions(
        names,
        output,
        config,
        scheduler=scheduler,
        input_format=input_format.value,
        glob=glob,
        partition_bytes=None if partition_mb is None else max(1, round(partition_mb * 1048576)),
    )
    try:
        for report in reports:
            ok += report.ok
            failures += [int(ExitCode.INPUT)] * report.failed
            for label, message in report.errors:
                error_line(f"{label}: {message}")
    except KeyboardInterrupt as exc:
        _batch_exit(ok, failures)
        return _interrupted(exc)
    except BrieferError as exc:  # a bad address, an unreachable or lost cluster
        error_line(str(exc))
        if not isinstance(exc, UsageError):
            _batch_exit(ok, failures)
        return int(exc.exit_code)
    return _batch_exit(ok, failures)


def _plain_metavars(command: Any) -> None:
    """Help that reads as people write commands: the metavar we give (``FILE``, ``N``), never
    the annotation Typer would print (``<list[str]>``, ``<bool>``) beside an argument or flag."""
    commands = getattr(command, "commands", {})
    for sub in [command, *commands.values()]:
        for param in sub.params:
            if param.param_type_name == "argument" or getattr(param, "is_flag", False):
                param.display_type_rich = lambda ctx: None
            if param.param_type_name == "argument" and param.required:  # FILE, not {FILE}
                param._usage_display_name = lambda name=param.display_name_raw: name
        make_help = sub.get_help_option

        def help_option(ctx: Any, make_help: Any = make_help) -> Any:
            option = make_help(ctx)
            if option is not None:
                option.display_type_rich = lambda ctx: None
            return option

        sub.get_help_option = help_option


def main() -> NoReturn:
    """Console-script entry point."""
    command = typer.main.get_command(app)
    command.main(prog_name=PROG)
    raise AssertionError("unreachable")  # pragma: no cover
