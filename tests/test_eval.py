"""ROUGE evaluation: the library (briefer.evaluate) and the ``briefer eval`` command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from briefer import Options, summarize
from briefer.cli import app
from briefer.errors import ExitCode, InputError, UsageError
from briefer.evaluate import (
    BadRecord,
    Record,
    Totals,
    evaluate,
    evaluate_record,
    parse_methods,
    parse_record,
    read_records,
    results_json,
    rouge,
    run,
)

ARTICLE = (
    "The city council approved a new budget of $12 million on Tuesday after a long debate.\n\n"
    "The budget funds three new schools and repairs to the old bridge over the river.\n\n"
    "Critics said the council ignored the needs of the northern districts.\n\n"
    "The mayor promised that the northern districts would get money next year.\n\n"
    "Work on the bridge will start in the spring and last about two years."
)
REFERENCE = "City council approves $12 million budget.\nIt funds three schools and a bridge."


def _record(rid: str = "a", **extra: Any) -> dict[str, Any]:
    return {"id": rid, "article": ARTICLE, "reference": REFERENCE, **extra}


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_rouge_of_identical_and_disjoint_text() -> None:
    same = rouge(["The cat sat on the mat.", "It purred."], "The cat sat on the mat.\nIt purred.")
    assert (same.rouge1, same.rouge2, same.rougeLsum) == (100.0, 100.0, 100.0)
    none = rouge(["Dogs bark loudly."], "Cats purr softly.")
    assert (none.rouge1, none.rouge2, none.rougeLsum) == (0.0, 0.0, 0.0)


def test_rouge_uses_the_stemmer_and_newlines_for_lsum() -> None:
    assert rouge(["Councils approved budgets."], "council approves budget").rouge1 == 100.0
    # Lsum matches per sentence: the order of the summary's sentences does not matter.
    swapped = rouge(
        ["It purred.", "The cat sat on the mat."], "The cat sat on the mat.\nIt purred."
    )
    assert swapped.rougeLsum == 100.0


def test_other_languages_count_their_own_letters() -> None:
    """rouge-score's default tokenizer keeps only a-z0-9: a Russian summary scores nothing and
    "été" becomes "t". Other languages are scored on Unicode words."""
    russian = "Президент заявил, что бюджет вырастет."
    assert rouge([russian], russian, "english").rouge1 == 0.0  # what rouge-score alone gives
    assert rouge([russian], russian, "russian").rouge1 == pytest.approx(100.0)
    assert rouge(["Погода хорошая."], russian, "russian").rouge1 == 0.0
    # With ASCII tokens "été" is "t", so "Un été chaud" matches "Un t chaud"; in French it does not.
    assert rouge(["Un été chaud."], "Un t chaud.", "english").rouge1 == pytest.approx(100.0)
    assert rouge(["Un été chaud."], "Un t chaud.", "french").rouge1 < 100.0


def test_other_languages_are_stemmed_with_their_snowball_stemmer() -> None:
    """As rouge-score stems English words over three letters, French ones are stemmed in French:
    "chaudes" and "chaude" match; in a language without a Snowball stemmer they do not."""
    assert rouge(["Les nuits chaudes."], "La nuit chaude.", "french").rouge1 == pytest.approx(
        100 * 2 / 3
    )  # nuit/nuits and chaude/chaudes match; les/la do not
    assert rouge(["Les nuits chaudes."], "La nuit chaude.", "czech").rouge1 == 0.0


FRENCH = (
    "Le conseil municipal a adopté mardi un budget de douze millions d'euros.\n\n"
    "Le budget finance trois nouvelles écoles et la réparation du vieux pont.\n\n"
    "Les critiques ont déclaré que le conseil avait oublié les quartiers du nord."
)


def test_a_record_is_scored_in_the_language_it_was_briefed_in() -> None:
    article = FRENCH
    record = Record("fr", article, "Le conseil a adopté un budget pour la réparation du pont.")
    (summary,) = evaluate_record(record, ["lead"], 1, "auto")
    expected = rouge(summary.sentences, record.reference, "french")
    assert summary.scores == expected
    assert summary.scores != rouge(summary.sentences, record.reference, "english")


def test_eval_detects_each_records_language_by_default(tmp_path: Path) -> None:
    """`briefer eval` without --language briefs and scores a French record in French."""
    data = tmp_path / "fr.jsonl"
    reference = "Le conseil a adopté un budget pour la réparation du pont."
    data.write_text(json.dumps({"id": "fr", "article": FRENCH, "reference": reference}) + "\n")
    result = CliRunner().invoke(app, ["eval", str(data), "-m", "lead", "-n", "1", "-f", "json"])
    assert result.exit_code == 0, result.output
    (summary,) = evaluate_record(Record("fr", FRENCH, reference), ["lead"], 1, "french")
    assert json.loads(result.stdout)["lead"]["rouge1"] == round(summary.scores.rouge1, 2)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "line 7: not JSON: Expecting property name enclosed in double quotes"),
        ("[1, 2]", "line 7: a record must be a JSON object"),
        ('{"id": "x", "reference": "r"}', "line 7 (x): 'article' must be a non-empty string"),
        (
            '{"id": "x", "article": "a", "reference": " "}',
            "line 7 (x): 'reference' must be a non-empty string",
        ),
        (
            '{"id": 3, "article": "a", "reference": "r", "title": 1}',
            "line 7 (3): 'title' must be a string",
        ),
    ],
)
def test_malformed_records_say_where_and_why(line: str, message: str) -> None:
    bad = parse_record(line, 7)
    assert isinstance(bad, BadRecord)
    assert str(bad) == message


def test_a_record_without_id_is_named_after_its_line() -> None:
    record = parse_record(json.dumps({"article": "A b.", "reference": "B.", "title": "T"}), 4)
    assert record == Record(id="line-4", article="A b.", reference="B.", title="T", line=4)


def test_read_records_skips_blank_lines_and_reports_unreadable_files(tmp_path: Path) -> None:
    path = _write(tmp_path / "d.jsonl", [json.dumps(_record("a")), "", json.dumps(_record("b"))])
    assert [r.id for r in read_records(path) if isinstance(r, Record)] == ["a", "b"]
    with pytest.raises(InputError, match="no such file"):
        list(read_records(tmp_path / "missing.jsonl"))


def test_parse_methods() -> None:
    assert parse_methods("default, lead,default") == ("default", "lead")
    assert "reduction" in parse_methods("all")
    with pytest.raises(UsageError, match="unknown method 'bogus'"):
        parse_methods("lead,bogus")


def test_summaries_are_what_the_library_gives(tmp_path: Path) -> None:
    record = parse_record(json.dumps(_record("a", title="Budget")), 1)
    assert isinstance(record, Record)
    (outcome,) = list(evaluate([record], ["default", "lead"], 2))
    assert isinstance(outcome, list)
    for summary in outcome:
        brief = summarize(ARTICLE, Options(method=summary.method, sentences=2, title="Budget"))
        assert summary.sentences == tuple(p.sentence.text for p in brief.points)
        assert summary.scores == rouge(summary.sentences, REFERENCE)


def test_worker_processes_give_the_same_results_in_order(tmp_path: Path) -> None:
    records = [Record(id=str(i), article=ARTICLE, reference=REFERENCE) for i in range(6)]
    serial = list(evaluate(records, ["lead", "luhn"], 2))
    parallel = list(evaluate(records, ["lead", "luhn"], 2, jobs=2))
    assert serial == parallel


def test_a_record_that_cannot_be_briefed_is_reported_not_fatal(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "d.jsonl",
        [json.dumps(_record("a")), json.dumps({"id": "e", "article": "...", "reference": "x"})],
    )
    errors: list[BadRecord] = []
    results = run(path, ["lead"], 2, on_error=errors.append)
    assert [str(e) for e in errors] == [
        "line 2 (e): no text to brief: the input is empty or has no words"
    ]
    assert results[0].n == 1


def test_totals_average_over_documents() -> None:
    records = [
        Record(id="a", article=ARTICLE, reference=REFERENCE),
        Record(id="b", article=ARTICLE, reference="Work on the bridge starts in spring."),
    ]
    totals = Totals(["lead"])
    scores = []
    for outcome in evaluate(records, ["lead"], 1):
        assert isinstance(outcome, list)
        totals.add(outcome[0])
        scores.append(outcome[0].scores.rouge1)
    (result,) = totals.results()
    assert result.n == 2
    assert result.rouge1 == pytest.approx(sum(scores) / 2)


# --- the command


def _invoke(args: list[str]) -> Any:
    # Typer's runner takes the app and runs typer.main.get_command(app), i.e. BrieferGroup.main
    # with its exit protocol.
    return CliRunner().invoke(app, args)


def test_eval_json_output(tmp_path: Path) -> None:
    path = _write(tmp_path / "d.jsonl", [json.dumps(_record("a")), json.dumps(_record("b"))])
    result = _invoke(["eval", str(path), "--methods", "lead,default", "-n", "2", "-f", "json"])
    assert (result.exit_code, result.stderr) == (0, "")
    expected = run(path, ["lead", "default"], 2)
    assert result.stdout == results_json(expected)
    assert set(json.loads(result.stdout)) == {"lead", "default"}
    assert json.loads(result.stdout)["lead"]["n"] == 2


def test_eval_table_and_summaries_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "d.jsonl", [json.dumps(_record("a"))])
    out = tmp_path / "summaries.jsonl"
    result = _invoke(["eval", str(path), "-m", "lead", "-n", "1", "--summaries", str(out)])
    assert result.exit_code == 0
    assert "ROUGE-1" in result.stdout and "lead" in result.stdout
    assert "\x1b" not in result.stdout + result.stderr  # not a terminal: no colour, no bar
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    first = ARTICLE.split("\n\n")[0]
    assert lines == [{"id": "a", "method": "lead", "sentences": [first]}]


def test_eval_skips_malformed_records_with_one_error_line_each(tmp_path: Path) -> None:
    path = _write(tmp_path / "d.jsonl", [json.dumps(_record("a")), "{oops", "[]"])
    result = _invoke(["eval", str(path), "-m", "lead", "-f", "json"])
    assert result.exit_code == ExitCode.PARTIAL
    assert result.stderr.splitlines() == [
        "briefer: error: line 2: not JSON: Expecting property name enclosed in double quotes",
        "briefer: error: line 3: a record must be a JSON object",
    ]
    assert json.loads(result.stdout)["lead"]["n"] == 1


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (["-m", "bogus"], ExitCode.USAGE, "briefer: error: unknown method 'bogus'; choose from:"),
        (["--jobs", "0"], ExitCode.USAGE, "briefer: error: --jobs must be at least 1, not 0"),
    ],
)
def test_eval_usage_errors(tmp_path: Path, args: list[str], code: int, stderr: str) -> None:
    path = _write(tmp_path / "d.jsonl", [json.dumps(_record("a"))])
    result = _invoke(["eval", str(path), *args])
    assert result.exit_code == code
    assert result.stderr.startswith(stderr)
    assert result.stdout == ""


def test_eval_missing_file_and_all_records_bad(tmp_path: Path) -> None:
    result = _invoke(["eval", str(tmp_path / "missing.jsonl")])
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr.endswith(": no such file\n")
    bad = _write(tmp_path / "bad.jsonl", ["{oops"])
    result = _invoke(["eval", str(bad), "-f", "json", "-m", "lead"])
    assert result.exit_code == ExitCode.INPUT
    assert json.loads(result.stdout) == {
        "lead": {"rouge1": 0.0, "rouge2": 0.0, "rougeLsum": 0.0, "n": 0}
    }
