"""``briefer batch``: many articles, in input order, in parallel or on a Dask cluster (the
logic lives in :mod:`briefer.batch`)."""

import sys
from collections.abc import Iterable
from contextlib import closing, nullcontext
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from briefer.cli.app import app
from briefer.cli.console import (
    error_line,
    interrupted,
    progress,
    stderr_is_terminal,
    stop_on_sigterm,
    uninterrupted,
)
from briefer.cli.inputs import need_input
from briefer.cli.options import (
    FLAGS,
    Fetch,
    FetchOption,
    LanguageOption,
    MaxCharsOption,
    MethodOption,
    RatioOption,
    SentencesOption,
    WordsOption,
    at_least_one,
    brief_options,
    more_than_zero,
)
from briefer.errors import BrieferError, ExitCode, UsageError, exit_status
from briefer.models import DEFAULT_MAX_CHARS
from briefer.output import get, streams

BatchFormat = Enum("BatchFormat", {name: name for name in streams()}, type=str)  # type: ignore[misc]
"""What ``briefer batch -f`` writes: every output format that streams item after item."""


class InputFormat(StrEnum):
    """How ``briefer batch`` reads its inputs."""

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
    ] = "jsonl",  # type: ignore[assignment]
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

    stop_on_sigterm()
    try:
        at_least_one(jobs=jobs)
        more_than_zero(partition_size=partition_size, fetch_timeout=fetch_timeout)
        config = batch.BatchOptions(
            options=brief_options(method, sentences, ratio, words, language, max_chars),
            fmt=fmt.value,
            text_fields=tuple(text_fields or batch.DEFAULT_TEXT_FIELDS),
            id_field=id_field,
            title_field=title_field,
            timeout=timeout,
            connections=connections,
            fetch_timeout=fetch_timeout,
            fetch=fetch.value,
            option_names=FLAGS,
        )
        missing = "no input: give files or directories, or pipe JSON Lines into briefer batch"
        names = need_input(list(inputs or []), ctx, missing)
        if scheduler is not None:
            raise typer.Exit(
                run_cluster(
                    names, config, scheduler, output, input_format.value, glob, partition_size
                )
            )
        raise typer.Exit(run_local(names, config, jobs, output, input_format.value, glob))
    except BrieferError as exc:
        error_line(exc)
        raise typer.Exit(exc.exit_code) from None


def run_local(
    names: list[str],
    config: Any,
    jobs: int | None,
    output: Path | None,
    input_format: str,
    glob: str | None,
) -> int:
    """Brief on this machine (a process pool) and write the results as they come."""
    from briefer import batch

    planned = None
    if get(config.fmt).one_input:  # a page a record, and an index of them
        if output is None:
            raise UsageError(f"-f {config.fmt} writes a page a record: give --output DIR")
        batch.check_html_output(names, output)
    elif output is not None:
        plan = batch.plan_outputs(names, output, config.fmt, input_format=input_format, glob=glob)
        planned = [name for name, _ in plan]
    results = batch.brief_all(
        names,
        config,
        jobs=jobs or batch.default_jobs(),
        input_format=input_format,
        glob=glob,
        stdin=sys.stdin.buffer if "-" in names else None,
    )
    total = None
    if stderr_is_terminal():  # the number of records, for the progress bar
        total = batch.count_records(names, input_format=input_format, glob=glob)
    return write_results(results, config.fmt, output, total, planned)


def summary(ok: int, failures: list[int]) -> int:
    """``N ok, M failed`` on stderr, and the exit code by the one policy."""
    sys.stderr.write(f"{ok} ok, {len(failures)} failed\n")
    sys.stderr.flush()
    return exit_status(ok, failures)


def write_results(
    results: Any,
    fmt: str,
    output: Path | None,
    total: int | None,
    planned: list[str] | None = None,
) -> int:
    """Write results as they arrive (stdout or --output files); errors and a summary on stderr."""
    from briefer.batch import HtmlPages, OutputFiles

    ok = 0
    failures: list[int] = []
    separator = get(fmt).separator
    files: Any = None
    if get(fmt).one_input:
        files = HtmlPages(output or ".")
    elif output is not None:
        files = OutputFiles(output, fmt, planned)
    try:
        with (
            closing(results),
            files or nullcontext(),
            progress(total, "briefing", rate=True) as advance,
        ):
            for result in results:
                with uninterrupted():  # a result is written and counted, or neither
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
        summary(ok, failures)
        return interrupted(exc)
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        error_line(f"cannot write the results: {exc.strerror or exc}")
        return int(ExitCode.INPUT)
    except BrieferError as exc:
        error_line(exc)
        summary(ok, failures)
        return int(exc.exit_code)
    return summary(ok, failures)


def run_cluster(
    names: list[str],
    config: Any,
    scheduler: str,
    output: Path | None,
    input_format: str,
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
    reports: Iterable[Any] = brief_partitions(
        names,
        output,
        config,
        scheduler=scheduler,
        input_format=input_format,
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
        summary(ok, failures)
        return interrupted(exc)
    except BrieferError as exc:  # a bad address, an unreachable or lost cluster
        error_line(exc)
        if not isinstance(exc, UsageError):
            summary(ok, failures)
        return int(exc.exit_code)
    return summary(ok, failures)
