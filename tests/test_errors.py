"""Errors name the options they tell the user to change as the reader knows them: the library's
field (``max_chars``) to a caller of the library, the flag (``--max-chars``) on the command
line. The message holds the option as a :class:`Setting`, never a flag pasted into its text."""

from __future__ import annotations

import ast
import io
import pickle
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import briefer
from briefer import batch
from briefer.cli.app import app
from briefer.cli.options import FLAGS
from briefer.errors import InputError, Setting, UsageError, render

PACKAGE = Path(briefer.__file__).parent


def test_render_names_an_option_as_its_field_or_as_the_callers_name() -> None:
    parts: list[str | Setting] = [
        "pass ",
        Setting("fetch", "any"),
        " or raise ",
        Setting("max_chars"),
    ]
    assert render(parts) == "pass fetch='any' or raise max_chars"
    assert render(parts, {"fetch": "--fetch", "max_chars": "--max-chars"}) == (
        "pass --fetch any or raise --max-chars"
    )
    assert render(["run with ", Setting("jobs", 1)]) == "run with jobs=1"


def test_an_error_shows_its_source_and_its_options_both_ways() -> None:
    exc = InputError(["too long; raise ", Setting("max_chars")], source="a.txt")
    assert str(exc) == "a.txt: too long; raise max_chars"
    assert exc.message == "too long; raise max_chars"
    assert exc.shown(FLAGS) == "a.txt: too long; raise --max-chars"
    assert exc.text(FLAGS) == "too long; raise --max-chars"
    copy = pickle.loads(pickle.dumps(exc))  # errors cross process boundaries in a batch
    assert (type(copy), copy.shown(FLAGS), copy.source) == (InputError, exc.shown(FLAGS), "a.txt")


def test_the_library_names_fields_not_flags() -> None:
    with pytest.raises(InputError) as raised:
        briefer.summarize("One sentence here. Another one there.", briefer.Options(max_chars=10))
    assert str(raised.value) == (
        "input is 37 characters, over the limit of 10; raise it with max_chars"
    )
    with pytest.raises(UsageError, match=r"^sentences must be at least 1$"):
        briefer.Options(sentences=0)
    with pytest.raises(UsageError, match=r"^max_chars must be a whole number, not 10\.5$"):
        briefer.Options(max_chars=10.5)  # type: ignore[arg-type]
    with pytest.raises(UsageError, match=r"^timeout must be more than 0 seconds$"):
        batch.BatchOptions(timeout=0)


def test_a_batch_record_names_options_as_its_caller_says() -> None:
    line = b'{"id": "a", "article": "' + b"x" * 300 + b'"}\n'
    for names, expected in (({}, "max_chars"), (FLAGS, "--max-chars")):
        config = batch.BatchOptions(options=briefer.Options(max_chars=10), option_names=names)
        over_bytes = list(batch.read_lines(io.BytesIO(line), "feed", 100, 0))
        over_chars = list(batch.read_lines(io.BytesIO(line), "feed", config.max_bytes, 1))
        assert [r.error for r in batch.run([*over_bytes, *over_chars], config)] == [
            f"record is over 100 bytes, more than {expected} allows; "
            f"raise {expected} (a number of characters) to brief it",
            f"input is 300 characters, over the limit of 10; raise it with {expected}",
        ]


def _settings_in_the_library() -> set[str]:
    """Every option name a ``Setting("name", ...)`` in briefer's source gives."""
    names: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "Setting"
            ):
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    names.add(first.value)
                elif not any(isinstance(n, ast.Name) and n.id == "name" for n in ast.walk(node)):
                    raise AssertionError(f"{path}: a Setting of no literal name: {ast.dump(node)}")
    return names


def _command_line_flags() -> set[str]:
    group = typer.main.get_command(app)
    flags: set[str] = set()
    for command in [group, *group.commands.values()]:  # type: ignore[attr-defined]
        for param in command.params:
            flags.update(o for o in param.opts if o.startswith("--"))
    return flags


def test_every_option_the_library_names_has_its_flag_and_every_flag_exists() -> None:
    used = _settings_in_the_library() | {"sentences", "ratio", "words", "method", "title"}
    assert used - set(FLAGS) == set()  # else the command line would show a field name
    assert set(FLAGS.values()) - _command_line_flags() == set()


def test_no_library_message_pastes_a_flag() -> None:
    """Outside briefer/cli, no string that reaches a user holds ``--flag`` (docstrings and
    comments may talk about the command line)."""
    pasted = []
    for path in PACKAGE.rglob("*.py"):
        if "cli" in path.relative_to(PACKAGE).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {  # a string that is a statement: a docstring, an attribute's note
            id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and any(f in node.value for f in FLAGS.values())
            ):
                pasted.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}")
    assert pasted == []


def test_the_command_line_names_flags() -> None:
    runner = CliRunner()
    over_bytes = runner.invoke(app, ["--max-chars", "5", "-"], input="Long enough to refuse.")
    over_chars = runner.invoke(app, ["--max-chars", "20", "-"], input="Long enough to refuse.")
    assert [(r.exit_code, r.stderr) for r in (over_bytes, over_chars)] == [
        (
            1,
            "briefer: error: <stdin>: input is over 20 bytes, more than --max-chars allows; "
            "raise --max-chars (a number of characters) to brief it\n",
        ),
        (
            1,
            "briefer: error: <stdin>: input is 22 characters, over the limit of 20; "
            "raise it with --max-chars\n",
        ),
    ]
    bad = runner.invoke(app, ["batch", "--jobs", "1", "--timeout", "0", "-"], input="{}")
    assert (bad.exit_code, bad.stderr) == (
        2,
        "briefer: error: --timeout must be more than 0 seconds\n",
    )
