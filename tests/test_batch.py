"""briefer batch: reading, per-record results and errors, the worker pool, the CLI, Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from briefer import Brief, Options, batch, summarize
from briefer import output as formats
from briefer.errors import ExitCode, InputError, UsageError

from .conftest import SAMPLES

Cli = tuple[CliRunner, typer.Typer]
BRIEFER = str(Path(sys.executable).with_name("briefer"))
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))
TEXTS = [p.read_text(encoding="utf-8") for p in SAMPLE_FILES]
SHORT = "The council met on Monday. It approved the budget. Critics said it was too late."


def run(cli: Cli, args: list[str], stdin: str | bytes | None = None):  # type: ignore[no-untyped-def]
    runner, command = cli
    return runner.invoke(command, args, input=stdin)


def jsonl(records: list[Any]) -> str:
    return "".join(r if isinstance(r, str) else json.dumps(r) + "\n" for r in records)


def ok_line(rid: Any, source: str, text: str, extra: dict[str, Any] | None = None) -> str:
    """The exact output line of a record that was briefed."""
    brief = formats.brief_dict(summarize(text), source)
    record = {"id": rid, **(extra or {}), "brief": brief}
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def error_line(rid: Any, source: str, message: str, kind: str = "input", **extra: Any) -> str:
    error = {"source": source, "message": message, "kind": kind, "exit_code": 1}
    record = {"id": rid, **extra, "error": error}
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


# Summarizers for fault tests. Module-level, so worker processes can import them by name.


def boom(text: str, options: Options) -> Brief:
    if "BOOM" in text:
        raise RuntimeError("summarizer exploded")
    return summarize(text, options)


def slow(text: str, options: Options) -> Brief:
    if "SLOW" in text:
        time.sleep(60)
    return summarize(text, options)


def stuck(text: str, options: Options) -> Brief:
    """Stuck where SIGALRM cannot reach (like a long C call): only a kill ends it."""
    if "STUCK" in text:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    return summarize(text, options)


def crash(text: str, options: Options) -> Brief:
    if "CRASH" in text:
        os._exit(3)
    return summarize(text, options)


# ---------------------------------------------------------------------------------------------
# Reading inputs


def test_read_items_walks_directories_with_glob_and_keeps_line_numbers(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "skip.md").write_text("x")
    data = tmp_path / "c.jsonl"
    data.write_text('{"id": 1}\n\n   \n{"id": 2}\n')
    items = list(batch.read_items([str(tmp_path), str(data)]))
    assert [(i.index, i.kind, i.source) for i in items] == [
        (0, "file", str(tmp_path / "a.txt")),
        (1, "file", str(tmp_path / "b" / "2.txt")),
        (2, "line", f"{data}:1"),
        (3, "line", f"{data}:4"),
    ]
    assert [i.source for i in batch.read_items([str(tmp_path)], glob="*.md")] == [
        str(tmp_path / "skip.md")
    ]
    assert batch.count_records([str(tmp_path), str(data)]) == 4


def test_an_over_long_line_is_an_error_item_and_is_never_held_whole(tmp_path: Path) -> None:
    data = tmp_path / "big.jsonl"
    data.write_bytes(b'{"id": 1, "text": "' + b"x" * 5000 + b'"}\n{"id": 2}\n')
    items = list(batch.read_items([str(data)], max_bytes=100))
    assert [(i.kind, i.source) for i in items] == [("error", f"{data}:1"), ("line", f"{data}:2")]
    assert "over 100 bytes, more than max_chars allows" in str(InputError(items[0].payload))


def test_stdin_is_json_lines_read_from_the_stream_given(tmp_path: Path) -> None:
    import io

    stream = io.BytesIO(b'{"text": "a"}\n')
    assert [i.source for i in batch.read_items(["-"], stdin=stream)] == ["<stdin>:1"]
    assert batch.count_records(["-"]) is None


def test_batch_options_are_validated_once() -> None:
    with pytest.raises(UsageError, match=r"^timeout must be more than 0 seconds$"):
        batch.BatchOptions(timeout=0)
    with pytest.raises(UsageError, match="format"):
        batch.BatchOptions(fmt="pdf")
    with pytest.raises(UsageError, match=r"^jobs must be at least 1$"):
        list(batch.run([], batch.BatchOptions(), jobs=0))


# ---------------------------------------------------------------------------------------------
# One record → one result


def _one(line: str | bytes, config: batch.BatchOptions | None = None) -> batch.Result:
    payload = line if isinstance(line, bytes) else line.encode()
    return batch.brief_item(
        batch.Item(0, "line", "in.jsonl:1", "in.jsonl", payload), config or batch.BatchOptions()
    )


def test_a_record_keeps_its_id_and_passes_other_fields_through() -> None:
    line = json.dumps({"id": 7, "article": SHORT, "url": "u", "text": "unused"})
    result = _one(line)
    assert result.ok and result.id == 7 and result.label == "in.jsonl:1 (id 7)"
    assert result.output == ok_line(7, "in.jsonl:1", SHORT, {"url": "u", "text": "unused"})


@pytest.mark.parametrize(
    ("line", "rid", "message", "extra"),
    [
        (
            "{bad",
            None,
            "malformed JSON line (Expecting property name enclosed in double quotes at column 2)",
            {},
        ),
        (
            '{"id": "a", "title": "t"}',
            "a",
            "no text: the record has no 'article', 'text' or 'url' field",
            {"title": "t"},
        ),
        ('{"id": "b", "text": 3}', "b", "field 'text' is int, not text", {}),
        ("[1, 2]", None, "a JSON line must hold an object, not list", {}),
        (b'{"text": "caf\xe9"}', None, "not UTF-8 text", {}),
        (
            '{"id": "c", "text": " "}',
            "c",
            "no text to brief: the input is empty or has no words",
            {},
        ),
    ],
)
def test_bad_records_become_error_records(line: Any, rid: Any, message: str, extra: Any) -> None:
    result = _one(line)
    assert (result.ok, result.kind, result.error) == (False, "input", message)
    assert result.output == error_line(rid, "in.jsonl:1", message, **extra)


def test_text_and_id_fields_can_be_renamed() -> None:
    config = batch.BatchOptions(text_fields=("body",), id_field="key")
    result = _one(json.dumps({"key": "k", "body": SHORT, "article": "ignored"}), config)
    assert json.loads(result.output)["key"] == "k"
    assert json.loads(result.output)["article"] == "ignored"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty input, nothing to brief"),
        (b"\x89PNG\r\n\x1a\n", "this looks like a PNG image, not text"),
    ],
)
def test_empty_and_binary_files_are_error_records(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(content)
    item = batch.Item(0, "file", str(path), str(path), str(path))
    result = batch.brief_item(item, batch.BatchOptions())
    assert (result.error, result.id, result.label) == (message, str(path), str(path))


def test_an_exception_inside_a_summarizer_is_an_error_record_not_a_traceback() -> None:
    result = _one(json.dumps({"text": "BOOM. " + SHORT}), batch.BatchOptions(summarizer=boom))
    assert result.kind == "internal"
    assert result.error == "internal error: RuntimeError: summarizer exploded (a bug in briefer)"
    # the same exit code as an internal error of a single brief, in the record and the result
    assert result.exit_code == 70
    assert json.loads(result.output)["error"]["exit_code"] == 70
    assert result.detail is None  # the traceback only under BRIEFER_DEBUG


def test_an_internal_error_keeps_its_traceback_under_briefer_debug(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BRIEFER_DEBUG", "1")
    result = _one(json.dumps({"text": "BOOM. " + SHORT}), batch.BatchOptions(summarizer=boom))
    assert result.detail is not None
    assert result.detail.startswith("Traceback (most recent call last):")
    assert "RuntimeError: summarizer exploded" in result.detail


def test_a_slow_record_is_cut_off_in_process() -> None:
    config = batch.BatchOptions(summarizer=slow, timeout=0.2)
    result = _one(json.dumps({"text": "SLOW. " + SHORT}), config)
    assert (result.kind, result.error) == ("timeout", "cut off after 0.2 s (timeout)")


def test_markdown_and_text_render_each_record_and_errors() -> None:
    line = json.dumps({"id": "x1", "text": SHORT})
    assert _one(line, batch.BatchOptions(fmt="markdown")).output == formats.to_markdown(
        summarize(SHORT), "x1"
    )
    assert _one(line, batch.BatchOptions(fmt="text")).output == formats.to_text(
        summarize(SHORT), "x1"
    )
    assert _one("{}", batch.BatchOptions(fmt="text")).output == (
        "# in.jsonl:1\n\nError: no text: the record has no 'article', 'text' or 'url' field\n"
    )


# ---------------------------------------------------------------------------------------------
# The worker pool


def _lines(n: int, special: dict[int, str] | None = None) -> list[bytes]:
    special = special or {}
    return [
        (json.dumps({"id": i, "text": special.get(i, "") + TEXTS[i % len(TEXTS)]}) + "\n").encode()
        for i in range(n)
    ]


def _items(lines: list[bytes]) -> list[batch.Item]:
    return [batch.Item(i, "line", f"t:{i + 1}", "t", line) for i, line in enumerate(lines)]


def test_two_workers_give_the_same_results_in_input_order_as_one() -> None:
    items = _items(_lines(10, {3: "BOOM. "}))
    config = batch.BatchOptions(summarizer=boom)
    local = list(batch.run(items, config, jobs=1))
    pooled = list(batch.run(items, config, jobs=2, chunk_size=2))
    assert pooled == local
    assert [r.index for r in pooled] == list(range(10))
    assert [r.kind for r in pooled].count("internal") == 1


def test_the_pool_reads_input_lazily_through_a_bounded_window() -> None:
    consumed = 0

    def items() -> Iterator[batch.Item]:
        nonlocal consumed
        for item in _items(_lines(200)):
            consumed += 1
            yield item

    results = batch.run(items(), batch.BatchOptions(), jobs=2, chunk_size=2)
    first = next(results)
    window = 2 * batch.WINDOW_PER_JOB * 2
    assert first.index == 0 and consumed <= window + 2
    results.close()


def test_a_record_that_ignores_the_soft_timeout_is_killed_and_its_worker_replaced() -> None:
    items = _items(_lines(8, {1: "STUCK. ", 5: "SLOW. "}))
    results = list(batch.run(items, batch.BatchOptions(summarizer=stuck, timeout=1), jobs=2))
    assert [r.index for r in results] == list(range(8))
    assert [r.kind for r in results] == ["ok", "timeout", "ok", "ok", "ok", "ok", "ok", "ok"]
    assert results[1].error == ("cut off after 1 s (timeout); its worker was stopped and replaced")
    assert results[1].id == 1


def test_a_soft_timeout_in_a_worker_keeps_the_worker() -> None:
    items = _items(_lines(4, {2: "SLOW. "}))
    results = list(batch.run(items, batch.BatchOptions(summarizer=slow, timeout=1), jobs=2))
    assert [r.kind for r in results] == ["ok", "ok", "timeout", "ok"]


def test_a_record_that_kills_its_worker_twice_is_reported_and_the_batch_goes_on() -> None:
    items = _items(_lines(6, {2: "CRASH. "}))
    results = list(batch.run(items, batch.BatchOptions(summarizer=crash), jobs=2, chunk_size=1))
    assert [r.kind for r in results] == ["ok", "ok", "crash", "ok", "ok", "ok"]
    assert results[2].error == "the worker process died while briefing this record"


# ---------------------------------------------------------------------------------------------
# Output files


def test_output_files_are_planned_one_per_input_and_collisions_refused(tmp_path: Path) -> None:
    plan = batch.plan_outputs(["a/x.jsonl", "-"], tmp_path, "jsonl", input_format="auto", glob=None)
    assert plan == [("a/x.jsonl", tmp_path / "x.jsonl"), ("-", tmp_path / "stdin.jsonl")]
    with pytest.raises(UsageError, match="would both be written"):
        batch.plan_outputs(
            ["a/x.jsonl", "b/x.jsonl"], tmp_path, "jsonl", input_format="auto", glob=None
        )
    with pytest.raises(UsageError, match="JSON Lines inputs"):
        batch.plan_outputs(["a.txt"], tmp_path, "jsonl", input_format="auto", glob=None)


# ---------------------------------------------------------------------------------------------
# The command line


def test_cli_jsonl_from_stdin_in_order_with_errors_and_summary(cli: Cli) -> None:
    records = [{"id": "a", "article": SHORT, "url": "u"}, "{oops\n", {"id": "c", "title": "t"}]
    result = run(cli, ["batch", "-j", "1"], jsonl(records))
    assert result.stdout == (
        ok_line("a", "<stdin>:1", SHORT, {"url": "u"})
        + error_line(
            None,
            "<stdin>:2",
            "malformed JSON line (Expecting property name enclosed in double quotes at column 2)",
        )
        + error_line(
            "c",
            "<stdin>:3",
            "no text: the record has no 'article', 'text' or 'url' field",
            title="t",
        )
    )
    assert result.stderr == (
        "briefer: error: <stdin>:2: malformed JSON line (Expecting property name enclosed in "
        "double quotes at column 2)\n"
        "briefer: error: <stdin>:3 (id c): no text: the record has no 'article', 'text' or 'url' field\n"
        "1 ok, 2 failed\n"
    )
    assert result.exit_code == ExitCode.PARTIAL


@pytest.mark.parametrize(
    ("records", "code", "summary"),
    [
        ([{"text": SHORT}], ExitCode.OK, "1 ok, 0 failed\n"),
        ([{"text": SHORT}, {}], ExitCode.PARTIAL, "1 ok, 1 failed\n"),
        ([{}, "nope\n"], ExitCode.INPUT, "0 ok, 2 failed\n"),
    ],
)
def test_cli_exit_codes(cli: Cli, records: list[Any], code: int, summary: str) -> None:
    result = run(cli, ["batch", "-j", "1", "-"], jsonl(records))
    assert result.exit_code == code
    assert result.stderr.endswith(summary)


def test_cli_files_and_directories_with_two_jobs_in_markdown(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    args = ["batch", "-j", "2", "-f", "markdown", str(SAMPLE_FILES[0]), str(tmp_path)]
    result = run(cli, args)
    empty = str(tmp_path / "empty.txt")
    assert result.stdout == (
        formats.to_markdown(summarize(TEXTS[0]), str(SAMPLE_FILES[0]))
        + "\n---\n\n"
        + f"## {formats.markdown_text(empty)}\n\n**Error:** empty input, nothing to brief\n"
    )
    assert result.stderr == (
        f"briefer: error: {empty}: empty input, nothing to brief\n1 ok, 1 failed\n"
    )
    assert result.exit_code == ExitCode.PARTIAL


def test_cli_text_format_separates_briefs(cli: Cli) -> None:
    result = run(cli, ["batch", "-j", "1", "-f", "text", *map(str, SAMPLE_FILES[:2])])
    assert result.stdout == (
        formats.to_text(summarize(TEXTS[0]), str(SAMPLE_FILES[0]))
        + "\n"
        + "=" * 72
        + "\n\n"
        + formats.to_text(summarize(TEXTS[1]), str(SAMPLE_FILES[1]))
    )
    assert result.exit_code == ExitCode.OK


def test_cli_brief_options_build_one_options_object(cli: Cli) -> None:
    line = jsonl([{"text": TEXTS[0]}])
    result = run(cli, ["batch", "-j", "1", "-m", "lead", "-n", "2"], line)
    brief = json.loads(result.stdout)["brief"]
    assert brief == formats.brief_dict(
        summarize(TEXTS[0], Options(method="lead", sentences=2)), "<stdin>:1"
    )
    bad = run(cli, ["batch", "-n", "2", "--ratio", "0.5"], line)
    assert (bad.exit_code, bad.stdout) == (ExitCode.USAGE, "")
    assert bad.stderr == "briefer: error: choose one length option, not sentences and ratio\n"


def test_cli_output_directory_gets_one_file_per_input(cli: Cli, tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(jsonl([{"id": 1, "text": SHORT}]))
    b.write_text(jsonl([{"id": 2, "text": SHORT}, {"id": 3}]))
    result = run(cli, ["batch", "-j", "1", str(a), str(b), "--output", str(tmp_path / "out")])
    assert result.stdout == ""
    assert (tmp_path / "out" / "a.jsonl").read_text() == ok_line(1, f"{a}:1", SHORT)
    assert (tmp_path / "out" / "b.jsonl").read_text() == ok_line(2, f"{b}:1", SHORT) + error_line(
        3, f"{b}:2", "no text: the record has no 'article', 'text' or 'url' field"
    )
    assert result.exit_code == ExitCode.PARTIAL


def test_cli_scheduler_without_the_dask_extra_says_how_to_install_it(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    data = tmp_path / "a.jsonl"
    data.write_text(jsonl([{"text": SHORT}]))
    args = ["batch", str(data), "--scheduler", "tcp://127.0.0.1:1", "-o", str(tmp_path / "o")]
    result = run(cli, args)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == (
        "briefer: error: --scheduler needs Dask: install it with pip install 'briefer[dask]'\n"
    )
    no_output = run(cli, ["batch", str(data), "--scheduler", "tcp://127.0.0.1:1"])
    assert no_output.exit_code == ExitCode.USAGE
    assert "--scheduler needs --output DIR" in no_output.stderr


def test_ctrl_c_stops_the_workers_keeps_the_results_written_and_exits_130(tmp_path: Path) -> None:
    data = tmp_path / "many.jsonl"
    data.write_bytes(b"".join(_lines(2000)))
    with subprocess.Popen(
        [BRIEFER, "batch", "-j", "2", str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C reaches
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline()
        os.killpg(proc.pid, signal.SIGINT)
        rest, err = proc.stdout.read(), proc.stderr.read()
        proc.wait(timeout=60)
    lines = [first, *rest.splitlines(keepends=True)]
    assert proc.returncode == ExitCode.INTERRUPTED
    assert 1 <= len(lines) < 2000
    assert [json.loads(line)["id"] for line in lines] == list(range(len(lines)))
    assert err.decode().splitlines()[-1] == f"{len(lines)} ok, 0 failed"


def test_saved_web_page_keeps_its_metadata(cli: Cli) -> None:
    page = SAMPLES / "time-warner-profit.html"
    result = run(cli, ["batch", "--jobs", "1", str(page)])
    assert result.exit_code == 0
    brief = json.loads(result.stdout)["brief"]
    assert brief["headline_source"] == "page"
    assert brief["page"]["site"] == "The Daily Ledger"
    assert brief["page"]["title"] == brief["headline"]


# URLs in batches: fetched concurrently in the parent, extracted and briefed by the workers.


@pytest.fixture()
def site() -> Iterator[Any]:
    from pytest_httpserver import HTTPServer

    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    page = (SAMPLES / "time-warner-profit.html").read_bytes()
    srv.expect_request("/a.html").respond_with_data(page, content_type="text/html")
    srv.expect_request("/b.html").respond_with_data(page, content_type="text/html")
    srv.expect_request("/gone.html").respond_with_data("gone", status=404)
    yield srv
    srv.clear()
    srv.stop()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_url_list_keeps_order_and_reports_failures(
    cli: Cli, site: Any, tmp_path: Path, jobs: str
) -> None:
    urls = [
        site.url_for("/a.html"),
        site.url_for("/gone.html"),
        "ftp://example.invalid/x",
        site.url_for("/b.html"),
    ]
    listing = tmp_path / "feed.urls"
    listing.write_text("# today's feed\n" + "\n".join(urls) + "\n\n")
    result = run(cli, ["batch", "--jobs", jobs, "-m", "lead", "--fetch", "any", str(listing)])
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == urls
    assert lines[0]["brief"]["headline"] == "Ad sales boost Time Warner profit"
    assert lines[0]["brief"]["page"]["url"] == urls[0]
    assert lines[1]["error"]["kind"] == "network" and lines[1]["error"]["exit_code"] == 4
    assert (
        lines[2]["error"]["kind"] == "input"
        and "unsupported URL scheme" in lines[2]["error"]["message"]
    )
    assert lines[3]["brief"]["points"] == lines[0]["brief"]["points"]
    assert result.exit_code == ExitCode.PARTIAL
    assert result.stderr.endswith("2 ok, 2 failed\n")


def test_jsonl_records_may_name_a_url(cli: Cli, site: Any) -> None:
    records = [
        {"id": 1, "url": site.url_for("/a.html"), "feed": "business"},
        {"id": 2, "article": SHORT},
        {"id": 3, "url": "http://127.0.0.1:1/refused"},
    ]
    result = run(cli, ["batch", "-j", "1", "-m", "lead", "--fetch", "any"], stdin=jsonl(records))
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == [1, 2, 3]
    assert lines[0]["feed"] == "business" and lines[0]["url"] == records[0]["url"]
    assert lines[0]["brief"]["page"]["site"] == "The Daily Ledger"
    assert lines[1]["brief"]["page"] is None
    assert lines[2]["error"]["kind"] == "network"
    assert result.exit_code == ExitCode.PARTIAL


@pytest.mark.parametrize("policy", [None, "public", "never"])
def test_a_feed_cannot_make_briefer_fetch_from_this_machine_by_default(
    cli: Cli, site: Any, policy: str | None
) -> None:
    """A record's url on 127.0.0.1 (this machine) is refused unless --fetch any says so."""
    records = [{"id": 1, "url": site.url_for("/a.html")}, {"id": 2, "article": SHORT}]
    args = ["batch", "-j", "1", *(["--fetch", policy] if policy else [])]
    result = run(cli, args, stdin=jsonl(records))
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert "brief" in lines[1]
    error = lines[0]["error"]
    assert (error["kind"], error["exit_code"]) == ("network", ExitCode.NETWORK)
    assert "--fetch" in error["message"]
    assert result.exit_code == ExitCode.PARTIAL
    served = [request.path for request, _ in site.log]
    assert served == []  # refused before any request was sent


def test_fetch_pages_keeps_other_items_in_place(site: Any) -> None:
    items = [
        batch.Item(0, "file", "a.txt", "a.txt", "a.txt"),
        batch.Item(1, "url", site.url_for("/a.html"), "x", site.url_for("/a.html")),
        batch.Item(2, "error", "b", "b", "broken"),
        batch.Item(3, "url", site.url_for("/gone.html"), "x", site.url_for("/gone.html")),
        batch.Item(4, "file", "c.txt", "c.txt", "c.txt"),
    ]
    config = batch.BatchOptions(connections=2, fetch="any")
    out = list(batch.fetch_pages(iter(items), config))
    assert [i.index for i in out] == [0, 1, 2, 3, 4]
    assert [i.kind for i in out] == ["file", "page", "error", "page", "file"]
    from briefer.errors import NetworkError

    assert isinstance(out[3].payload, NetworkError)


def test_a_record_title_is_its_headline(cli: Cli) -> None:
    records = [
        {"id": "t", "title": "Council caps rents", "article": SHORT},
        {"id": "n", "article": SHORT},
        {"id": "h", "headline": "Other field", "article": SHORT},
    ]
    result = run(cli, ["batch", "--jobs", "1"], stdin=jsonl(records))
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [(x["brief"]["headline"], x["brief"]["headline_source"]) for x in lines] == [
        ("Council caps rents", "given"),
        (None, "none"),
        (None, "none"),
    ]
    assert lines[0]["title"] == "Council caps rents"  # still passed through
    result = run(cli, ["batch", "--jobs", "1", "--title-field", "headline"], stdin=jsonl(records))
    assert json.loads(result.stdout.splitlines()[2])["brief"]["headline"] == "Other field"


@settings(max_examples=150, deadline=None)
@given(
    lines=st.lists(
        st.one_of(
            st.just(b""), st.binary(min_size=1, max_size=30).map(lambda b: b.replace(b"\n", b"x"))
        ),
        max_size=25,
    ),
    last_newline=st.booleans(),
    part=st.integers(min_value=1, max_value=80),
    piece=st.integers(min_value=1, max_value=8),
)
def test_byte_ranges_read_every_line_once_with_its_number(
    lines: list[bytes], last_newline: bool, part: int, piece: int
) -> None:
    """However a file is cut into ranges, the ranges' records are the whole file's, in order,
    with the same line numbers (a Dask run cuts big files so)."""
    import io

    from briefer.batch import LineRange, byte_ranges, count_newlines, read_lines

    data = b"\n".join(lines) + (b"\n" if last_newline and lines else b"")
    whole = [(i.source, i.payload) for i in read_lines(io.BytesIO(data), "f", 1 << 20, 0)]
    ranged, counted = [], []
    before = 0
    for start, end in byte_ranges(len(data), part):
        # read ``piece`` bytes at a time while skipping: lines longer than a piece, too
        r = LineRange(io.BytesIO(data), start, end, piece=piece)  # counts the newlines before
        ranged += [(i.source, i.payload) for i in read_lines(r, "f", 1 << 20, 0, r.lines_before)]
        r = LineRange(io.BytesIO(data), start, end, before, piece=piece)  # told, as on Dask
        counted += [(i.source, i.payload) for i in read_lines(r, "f", 1 << 20, 0, r.lines_before)]
        before += count_newlines(io.BytesIO(data), start, end, piece)
    assert ranged == counted == whole


def spinning(text: str, options: Options) -> Brief:
    """Busy in Python code for a minute on a "SPIN" text (as a pathological document would be)."""
    if "SPIN" in text:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            pass
    return summarize(text, options)


def test_a_slow_record_is_cut_off_in_a_thread_too() -> None:
    """Dask runs records in worker threads, where no signal reaches: the cut-off still does."""
    import threading

    config = batch.BatchOptions(summarizer=spinning, timeout=0.3)
    summarize(SHORT)  # load the models first: a cold first brief may itself take 0.3 s
    results: list[Any] = []

    def work() -> None:
        results.append(_one(json.dumps({"text": "SPIN. " + SHORT}), config))
        results.append(_one(json.dumps({"text": SHORT}), config))  # the next record is whole

    thread = threading.Thread(target=work)
    started = time.monotonic()
    thread.start()
    thread.join(30)
    assert not thread.is_alive() and time.monotonic() - started < 30
    assert (results[0].kind, results[0].error) == ("timeout", "cut off after 0.3 s (timeout)")
    assert results[1].ok


_FIRST_RECORDS = """
import json, threading
from briefer import batch
text = open({path!r}, encoding="utf-8").read()
config = batch.BatchOptions(timeout={timeout})
def work():
    for k in range(3):
        line = json.dumps({{"text": text}}).encode()
        result = batch.brief_item(batch.Item(k, "line", f"in:{{k}}", "in", line), config)
        print(result.kind)
thread = threading.Thread(target=work)
thread.start()
thread.join()
"""


@pytest.mark.parametrize("timeout", [0.05, 0.2])
def test_a_cut_off_never_lands_in_a_fresh_process_imports(timeout: float) -> None:
    """The first brief of a process imports and loads models; a cut-off in the middle of an
    import would break the module for every later record. The models load before the clock."""
    code = _FIRST_RECORDS.format(path=str(SAMPLES / "fidan-paris-visit.txt"), timeout=timeout)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    kinds = proc.stdout.split()
    assert len(kinds) == 3 and "internal" not in kinds, kinds
