"""The command line: exact stdout/stderr/exit codes, pipes, terminals, Ctrl-C."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from briefer import __version__
from briefer.errors import ExitCode

from .conftest import SAMPLES

Cli = tuple[CliRunner, typer.Typer]
SEED = str(SAMPLES / "fidan-paris-visit.txt")
_BESIDE = Path(sys.executable).with_name("briefer")
BRIEFER = str(_BESIDE) if _BESIDE.exists() else shutil.which("briefer") or ""


def run(cli: Cli, args: list[str], stdin: str | bytes | None = None):  # type: ignore[no-untyped-def]
    runner, command = cli
    return runner.invoke(command, args, input=stdin)


def test_version(cli: Cli) -> None:
    result = run(cli, ["--version"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"briefer {__version__}\n", "")


GOLDEN_TEXT = (SAMPLES.parent / "tests" / "golden" / "fidan-paris-visit.txt").read_text("utf-8")
GOLDEN_JSON = (SAMPLES.parent / "tests" / "golden" / "fidan-paris-visit.json").read_text("utf-8")


def test_text_output_is_the_expected_brief(cli: Cli) -> None:
    result = run(cli, ["-f", "text", SEED])
    assert result.exit_code == 0
    assert result.stdout == GOLDEN_TEXT
    assert result.stderr == ""


def test_piped_output_is_plain_text(cli: Cli) -> None:
    result = run(cli, [SEED])  # CliRunner's stdout is not a terminal
    assert result.stdout == GOLDEN_TEXT
    assert "\x1b" not in result.stdout


def test_stdin_dash_and_pipe(cli: Cli, seed: str) -> None:
    expected = GOLDEN_TEXT
    assert run(cli, ["-"], stdin=seed).stdout == expected
    assert run(cli, [], stdin=seed).stdout == expected


def test_jsonl_is_the_expected_brief_on_one_line(cli: Cli) -> None:
    result = run(cli, ["-f", "jsonl", SEED])
    assert result.stdout.count("\n") == 1
    assert json.loads(result.stdout) == {**json.loads(GOLDEN_JSON), "source": SEED}


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_length_and_method_options_reach_the_brief(cli: Cli, fmt: str) -> None:
    data = json.loads(run(cli, ["-f", fmt, "-n", "4", "-m", "lexrank", SEED]).stdout)
    assert (data["method"], len(data["points"]), data["source"]) == ("lexrank", 4, SEED)


def test_json_shape(cli: Cli) -> None:
    data = json.loads(run(cli, ["-f", "json", SEED]).stdout)
    assert list(data) == [
        "schema_version",
        "source",
        "headline",
        "headline_source",
        "gist",
        "points",
        "figures",
        "quotes",
        "names",
        "terms",
        "stats",
        "method",
        "language",
        "notes",
        "page",
    ]
    assert data["schema_version"] == 1
    assert data["source"] == SEED
    point_keys = ["index", "paragraph", "start", "end", "text", "score", "rank"]
    assert list(data["gist"]) == point_keys
    assert all(list(p) == point_keys for p in data["points"])
    assert list(data["figures"][0]) == ["text", "kind", "unit", "value", "sentence", "start", "end"]
    assert list(data["quotes"][0]) == ["text", "speaker", "sentence", "start", "end"]
    assert list(data["names"][0]) == ["text", "kind", "count", "first_sentence"]
    assert list(data["stats"]) == [
        "words",
        "sentences",
        "paragraphs",
        "brief_words",
        "reading_seconds",
        "brief_reading_seconds",
        "compression",
    ]
    text = Path(SEED).read_text(encoding="utf-8")
    for p in data["points"]:
        assert text[p["start"] : p["end"]] == p["text"]


def test_jsonl_many_files_one_line_each_with_errors(cli: Cli, tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    result = run(cli, ["-f", "jsonl", SEED, missing, str(SAMPLES / "time-warner-profit.txt")])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["source"] for line in lines] == [
        SEED,
        missing,
        str(SAMPLES / "time-warner-profit.txt"),
    ]
    assert lines[1]["error"] == {
        "source": missing,
        "message": "no such file",
        "kind": "input",
        "exit_code": 1,
    }
    # the same error object as briefer batch writes for the same failure
    in_batch = run(cli, ["batch", "-j", "1", missing])
    assert json.loads(in_batch.stdout)["error"] == lines[1]["error"]
    assert result.stderr == f"briefer: error: {missing}: no such file\n"
    assert result.exit_code == ExitCode.PARTIAL


def test_json_many_files_is_an_array(cli: Cli) -> None:
    files = [SEED, str(SAMPLES / "time-warner-profit.txt")]
    data = json.loads(run(cli, ["-f", "json", *files]).stdout)
    assert [d["source"] for d in data] == files


def test_text_many_files_are_separated(cli: Cli) -> None:
    out = run(cli, ["-f", "text", SEED, str(SAMPLES / "time-warner-profit.txt")]).stdout
    assert out.count("=" * 72) == 1
    assert out.startswith(f"# {SEED}\n")


# The exit-code table of the README, row by row.
@pytest.mark.parametrize(
    ("args", "stdin", "code", "stderr"),
    [
        pytest.param([SEED], None, 0, "", id="ok"),
        pytest.param(
            ["missing.txt"], None, 1, "briefer: error: missing.txt: no such file\n", id="missing"
        ),
        pytest.param(
            [str(SAMPLES)],
            None,
            1,
            f"briefer: error: {SAMPLES}: is a directory, not a file\n",
            id="directory",
        ),
        pytest.param(
            ["-"], "", 1, "briefer: error: <stdin>: empty input, nothing to brief\n", id="empty"
        ),
        pytest.param(
            ["-"],
            " \n\t\n",
            1,
            "briefer: error: <stdin>: empty input, nothing to brief\n",
            id="blank",
        ),
        pytest.param(
            ["-"],
            b"\x89PNG\r\n\x1a\n\x00\x00",
            1,
            "briefer: error: <stdin>: this looks like a PNG image, not text\n",
            id="image",
        ),
        pytest.param(
            ["-"],
            "... !!! ---",
            1,
            "briefer: error: <stdin>: no text to brief: the input is empty or has no words\n",
            id="no-words",
        ),
        pytest.param(
            ["--bogus", SEED], None, 2, "briefer: error: No such option: --bogus\n", id="bad-option"
        ),
        pytest.param(
            ["-n", "3", "-w", "40", SEED],
            None,
            2,
            "briefer: error: choose one length option, not sentences and words\n",
            id="two-lengths",
        ),
        pytest.param(
            [SEED, "missing.txt"],
            None,
            3,
            "briefer: error: missing.txt: no such file\n",
            id="partial",
        ),
    ],
)
def test_exit_codes(
    cli: Cli, args: list[str], stdin: str | bytes | None, code: int, stderr: str
) -> None:
    result = run(cli, args, stdin)
    assert result.exit_code == code
    assert result.stderr == stderr
    if code:
        assert "Traceback" not in result.output


def test_unsupported_language_lists_choices(cli: Cli) -> None:
    result = run(cli, ["-l", "klingon", SEED])
    assert result.exit_code == 2
    assert result.stderr.startswith("briefer: error: --language: 'klingon' is not one of: auto,")
    assert "english" in result.stderr and "german" in result.stderr
    assert result.stderr.count("\n") == 1


def test_short_text_gets_a_note(cli: Cli) -> None:
    result = run(cli, ["-"], stdin="The council approved the budget on Monday.\n")
    assert result.exit_code == 0
    assert "Note: short text: 1 sentence" in result.stdout


def test_markup_in_articles_is_literal(cli: Cli) -> None:
    article = (
        "The [bold]council[/bold] met on Monday. "
        "It voted \x1b[31mred\x1b[0m for the plan. [link=x]Go[/link] now."
    )
    result = run(cli, ["-f", "text", "-"], stdin=article)
    assert "[bold]council[/bold]" in result.stdout
    assert "\x1b" not in result.stdout


def test_sentences_command(cli: Cli, seed: str) -> None:
    result = run(cli, ["sentences", SEED])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Foreign Minister Hakan Fidan is set to visit Paris")
    assert "Positive agenda" not in lines  # a section heading, which the brief does not number
    records = [
        json.loads(x) for x in run(cli, ["sentences", "-f", "jsonl", SEED]).stdout.splitlines()
    ]
    assert len(records) == len(lines)
    for r in records:
        assert seed[r["start"] : r["end"]] == r["text"]
        assert list(r) == ["source", "index", "paragraph", "start", "end", "text"]
    # every command numbers sentences alike: a brief's point N is sentence N here
    brief = json.loads(run(cli, ["-f", "json", "-n", "5", SEED]).stdout)
    by_index = {r["index"]: r["text"] for r in records}
    for point in brief["points"]:
        assert by_index[point["index"]] == point["text"]


@pytest.mark.skipif(not BRIEFER, reason="briefer is not installed")
def test_no_input_at_a_terminal_prints_help_instead_of_waiting() -> None:
    code, out = _in_pty([BRIEFER])
    assert code == ExitCode.USAGE
    assert "Usage:" in out and "briefer: error: no input" in out


# Real processes: the installed command, terminals, pipes and signals.
pytestmark_installed = pytest.mark.skipif(not BRIEFER, reason="briefer is not installed")


def _in_pty(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run a command with a terminal as stdin/stdout/stderr; return its exit code and output."""
    main, secondary = pty.openpty()
    proc = subprocess.Popen(
        args,
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env={**os.environ, "COLUMNS": "100", **(env or {})},
    )
    os.close(secondary)
    chunks = []
    while True:
        ready, _, _ = select.select([main], [], [], 30)
        if not ready:
            proc.kill()
            break
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(main)
    return proc.wait(30), b"".join(chunks).decode("utf-8", "replace")


@pytestmark_installed
def test_installed_command_in_a_terminal_uses_rich_layout() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    code, out = _in_pty([BRIEFER, SEED], env={**env, "TERM": "xterm-256color"})
    assert code == 0
    assert "╭" in out and "Key figures" in out
    assert "\x1b[" in out


@pytestmark_installed
@pytest.mark.parametrize(
    ("args", "env"),
    [([SEED], {"NO_COLOR": "1"}), ([SEED, "--no-color"], {}), ([SEED], {"TERM": "dumb"})],
    ids=["NO_COLOR", "--no-color", "TERM=dumb"],
)
def test_no_colour_in_a_terminal(args: list[str], env: dict[str, str]) -> None:
    code, out = _in_pty([BRIEFER, *args], env={"TERM": "xterm-256color", **env})
    assert code == 0
    assert "\x1b" not in out
    assert "Hakan Fidan" in out


@pytestmark_installed
def test_head_closes_the_pipe_quietly() -> None:
    proc = subprocess.run(
        f"'{BRIEFER}' -f jsonl '{SEED}' '{SEED}' '{SEED}' | head -c 10; exit ${{PIPESTATUS[0]}}",
        executable="/bin/bash",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.stdout == '{"schema_v'
    assert proc.stderr == ""
    assert proc.returncode == 0


def _wait_reading_stdin(pid: int, seconds: float = 30) -> None:
    """Return once the process blocks in read(2) on its stdin (Linux's /proc/PID/syscall)."""
    deadline = time.monotonic() + seconds
    syscall = Path(f"/proc/{pid}/syscall")
    while time.monotonic() < deadline:
        fields = syscall.read_text().split()
        if fields[:2] == ["0", "0x0"]:  # syscall 0 (read) with fd 0
            return
        time.sleep(0.02)  # polling the process's state, not standing in for it
    raise AssertionError("the command never read its stdin")


@pytestmark_installed
@pytest.mark.skipif(not Path("/proc/self/syscall").exists(), reason="needs /proc/PID/syscall")
def test_ctrl_c_exits_130() -> None:
    proc = subprocess.Popen(
        [BRIEFER, "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    _wait_reading_stdin(proc.pid)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert b"Traceback" not in err


@pytestmark_installed
def test_python_dash_m_and_installed_command_agree(seed: str) -> None:
    a = subprocess.run([BRIEFER, "-f", "json", SEED], capture_output=True, text=True, timeout=60)
    b = subprocess.run(
        [sys.executable, "-m", "briefer", "-f", "json", SEED],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert a.returncode == b.returncode == 0
    assert a.stdout == b.stdout
    assert json.loads(a.stdout) == {**json.loads(GOLDEN_JSON), "source": SEED}


def test_unexpected_exception_is_one_line_exit_70(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefer.brief

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(briefer.brief, "summarize_parts", broken)
    monkeypatch.delenv("BRIEFER_DEBUG", raising=False)
    result = run(cli, ["-f", "jsonl", SEED, str(SAMPLES / "time-warner-profit.txt")])
    assert result.exit_code == ExitCode.INTERNAL
    message = (
        "internal error: RuntimeError: boom (a bug in briefer; BRIEFER_DEBUG=1 shows the traceback)"
    )
    assert result.stderr.splitlines() == [
        f"briefer: error: {SEED}: {message}",
        f"briefer: error: {SAMPLES / 'time-warner-profit.txt'}: {message}",
    ]
    assert [json.loads(x)["error"]["exit_code"] for x in result.stdout.splitlines()] == [70, 70]


_IMPORTS_AFTER = """
import sys
sys.argv = ["briefer", *sys.argv[1:]]
from briefer.__main__ import main
try:
    main()
except SystemExit:
    pass
heavy = ("typer", "rich", "nltk", "sumy", "sumy.utils", "numpy", "scipy", "trafilatura", "urllib3")
print(" ".join(m for m in heavy if m in sys.modules), file=sys.stderr)
"""


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["--version"], ""),
        (["--help"], "typer rich"),
        (["brief", "--help"], "typer rich"),
        # the default method, as JSON: sumy only for its stop-word lists (not sumy.utils,
        # which imports requests), no Rich; NLTK's modules without `import nltk` (issue 15)
        ([str(SEED), "--format", "json"], "typer sumy numpy"),
    ],
    ids=["version", "help", "brief-help", "default-brief"],
)
def test_version_and_help_import_no_heavy_libraries(args: list[str], allowed: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _IMPORTS_AFTER, *args], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0
    assert proc.stderr.strip() == allowed
    assert proc.stdout


# --- One exit-code policy (README's table): the same failure exits the same from every command.

GOOD_RECORD = json.dumps(
    {
        "id": "ok",
        "article": "The council met on Monday. It approved the budget. The mayor said it was good.",
        "reference": "The council approved the budget.",
    }
)
BAD_RECORD = json.dumps({"id": "bad"})  # no article


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _failing_args(command: str, failure: str, tmp_path: Path) -> list[str]:
    """The command line of ``command`` that fails as ``failure`` says."""
    missing = str(tmp_path / ("missing.jsonl" if command == "eval" else "missing.txt"))
    if command == "eval":
        data = tmp_path / "eval.jsonl"
        lines = {"all-failed": [BAD_RECORD, BAD_RECORD], "partly-failed": [GOOD_RECORD, BAD_RECORD]}
        data.write_text("\n".join(lines.get(failure, [GOOD_RECORD])) + "\n", encoding="utf-8")
        inputs = {"missing": [missing], "usage": ["--no-such-option", str(data)]}
        return ["eval", *inputs.get(failure, [str(data)])]
    loopback = f"http://127.0.0.1:{_closed_port()}/article"
    inputs = {
        "missing": [missing],
        "usage": ["--no-such-option", SEED],
        "fetch-never": ["--fetch", "never", "https://example.com/article"],
        "loopback-public": ["--fetch", "public", loopback],
        "refused": ["--fetch", "any", loopback],
        "all-failed": [missing, str(tmp_path / "also-missing.txt")],
        "partly-failed": [SEED, missing],
        "internal": [SEED],
    }[failure]
    return [command, *(["-j", "1"] if command == "batch" else []), *inputs]


def _broken(*_: object, **__: object) -> None:
    raise RuntimeError("boom")


FAILURES = [
    ("missing", ExitCode.INPUT),
    ("usage", ExitCode.USAGE),
    ("fetch-never", ExitCode.NETWORK),
    ("loopback-public", ExitCode.NETWORK),
    ("refused", ExitCode.NETWORK),
    ("all-failed", ExitCode.INPUT),
    ("partly-failed", ExitCode.PARTIAL),
    ("internal", ExitCode.INTERNAL),
]
URL_FAILURES = {"fetch-never", "loopback-public", "refused"}
TABLE = [
    pytest.param(command, failure, code, id=f"{failure}-{command}")
    for failure, code in FAILURES
    for command in ("brief", "sentences", "batch", "eval")
    if not (command == "eval" and failure in URL_FAILURES)  # eval reads local files, never URLs
]


@pytest.mark.parametrize(("command", "failure", "code"), TABLE)
def test_one_exit_code_table_for_every_command(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, failure: str, code: int
) -> None:
    """The same failure gives the same exit code from every command, and one error line."""
    if failure == "internal":  # a bug in the library, wherever the command meets it
        import briefer.brief
        import briefer.split

        monkeypatch.delenv("BRIEFER_DEBUG", raising=False)
        for module, name in [
            (briefer.brief, "summarize"),
            (briefer.brief, "summarize_parts"),
            (briefer.split, "document"),
        ]:
            monkeypatch.setattr(module, name, _broken)
    result = run(cli, _failing_args(command, failure, tmp_path))
    assert result.exit_code == code, result.stderr
    assert result.stderr.startswith("briefer: error: ")
    assert "Traceback" not in result.output
    if failure == "internal":
        assert "internal error: RuntimeError: boom" in result.stderr


@pytest.mark.parametrize(
    ("failure", "kind"),
    [("missing", "input"), ("fetch-never", "network"), ("internal", "internal")],
)
def test_jsonl_and_batch_write_the_same_error_record(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str, kind: str
) -> None:
    """``briefer -f jsonl`` and ``briefer batch`` describe one failure with one error object."""
    if failure == "internal":
        import briefer.brief

        monkeypatch.delenv("BRIEFER_DEBUG", raising=False)
        monkeypatch.setattr(briefer.brief, "summarize", _broken)  # a batch's records
        monkeypatch.setattr(briefer.brief, "summarize_parts", _broken)  # one brief
    args = _failing_args("brief", failure, tmp_path)[1:]
    single = run(cli, ["-f", "jsonl", *args])
    in_batch = run(cli, ["batch", "-j", "1", *args])
    error = json.loads(single.stdout)["error"]
    assert list(error) == ["source", "message", "kind", "exit_code"]
    assert (error["kind"], error["exit_code"]) == (kind, single.exit_code)
    batch_error = json.loads(in_batch.stdout)["error"]
    same = ("source", "kind", "exit_code") if failure == "internal" else tuple(error)
    assert {k: batch_error[k] for k in same} == {k: error[k] for k in same}
    assert in_batch.exit_code == single.exit_code
