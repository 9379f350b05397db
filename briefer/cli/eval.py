"""``briefer eval``: ROUGE of methods against reference summaries (the logic lives in
:mod:`briefer.evaluate`)."""

import json
from collections.abc import Sequence
from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from briefer.cli.app import app
from briefer.cli.console import error_line, make_console, progress
from briefer.cli.options import FLAGS, LanguageOption, NoColorOption, at_least_one, value
from briefer.errors import BrieferError, ExitCode, exit_status


class EvalFormat(StrEnum):
    """What ``briefer eval -f`` writes."""

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
    language: LanguageOption = "auto",  # type: ignore[assignment]
    no_color: NoColorOption = False,
) -> None:
    """Score methods with ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 against reference summaries."""
    from briefer import evaluate as ev

    try:
        at_least_one(sentences=sentences, jobs=jobs)
        chosen = ev.parse_methods(methods)
        records: list[ev.Record] = []
        failed = 0
        for item in ev.read_records(data):
            if isinstance(item, ev.BadRecord):
                failed += 1
                error_line(item.shown(FLAGS))
            else:
                records.append(item)
        out = summaries.open("w", encoding="utf-8") if summaries else None
    except OSError as exc:
        error_line(f"cannot write {summaries}: {exc.strerror or exc}")
        raise typer.Exit(ExitCode.INPUT) from None
    except BrieferError as exc:
        error_line(exc)
        raise typer.Exit(exc.exit_code) from None
    totals = ev.Totals(chosen)
    outcomes = ev.evaluate(records, chosen, sentences, language=value(language), jobs=jobs)
    with out or nullcontext(), progress(len(records), "evaluating") as advance:
        for outcome in outcomes:
            advance()
            if isinstance(outcome, ev.BadRecord):
                failed += 1
                error_line(outcome.shown(FLAGS))
                continue
            for summary in outcome:
                totals.add(summary)
                if out is not None:
                    out.write(json.dumps(summary.to_dict(), ensure_ascii=False) + "\n")
    results = totals.results()
    if fmt is EvalFormat.json:
        import sys

        sys.stdout.write(ev.results_json(results))
    else:
        make_console(no_color).print(eval_table(results, Path(data).name, sentences))
    scored = results[0].n if results else 0
    raise typer.Exit(exit_status(scored, [int(ExitCode.INPUT)] * failed))


def eval_table(results: Sequence[Any], name: str, sentences: int) -> Any:
    """Mean ROUGE F1 of each method as a Rich table."""
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
