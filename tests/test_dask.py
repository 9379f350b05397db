"""briefer batch --scheduler: a real Dask cluster on 127.0.0.1 gives the local run's output."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from briefer.errors import ExitCode

from .conftest import SAMPLES

Cli = tuple[CliRunner, typer.Typer]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=":0",  # any free port: 8787 may be taken by another cluster
    ) as cluster:
        yield cluster.scheduler_address


def _corpus(tmp_path: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    part1 = tmp_path / "corpus" / "part-1.jsonl"
    part2 = tmp_path / "corpus" / "nested" / "part-2.jsonl"
    part2.parent.mkdir(parents=True)
    lines1 = [json.dumps({"id": f"a{i}", "article": t, "lang": "en"}) for i, t in enumerate(texts)]
    lines2 = [json.dumps({"id": "b0", "article": texts[0][:400]}), "{broken", '{"id": "b2"}']
    part1.write_text("\n".join(lines1) + "\n", encoding="utf-8")
    part2.write_text("\n".join(lines2) + "\n", encoding="utf-8")
    return [str(part1), str(part2)]


def test_a_dask_cluster_writes_the_same_partitions_as_a_local_run(
    cli: Cli, tmp_path: Path, scheduler: str
) -> None:
    runner, app = cli
    inputs = _corpus(tmp_path)
    local, remote = tmp_path / "local", tmp_path / "remote"
    on_cluster = runner.invoke(app, ["batch", *inputs, "--scheduler", scheduler, "-o", str(remote)])
    in_process = runner.invoke(app, ["batch", "-j", "1", *inputs, "-o", str(local)])
    streamed = runner.invoke(app, ["batch", "-j", "1", *inputs])

    assert sorted(p.name for p in remote.iterdir()) == ["part-1.jsonl", "part-2.jsonl"]
    for name in ("part-1.jsonl", "part-2.jsonl"):
        assert (remote / name).read_text() == (local / name).read_text()
    assert (remote / "part-1.jsonl").read_text() + (remote / "part-2.jsonl").read_text() == (
        streamed.stdout
    )
    assert on_cluster.exit_code == in_process.exit_code == ExitCode.PARTIAL
    assert on_cluster.stderr == in_process.stderr == streamed.stderr
    assert on_cluster.stderr.endswith("5 ok, 2 failed\n")
    assert f"briefer: error: {inputs[1]}:3 (id b2): no text" in on_cluster.stderr


def test_a_directory_is_walked_for_json_lines_on_the_cluster(
    cli: Cli, tmp_path: Path, scheduler: str
) -> None:
    runner, app = cli
    _corpus(tmp_path)
    out = tmp_path / "out"
    args = ["batch", str(tmp_path / "corpus"), "--input-format", "jsonl"]
    result = runner.invoke(app, [*args, "--scheduler", scheduler, "-o", str(out)])
    assert sorted(p.name for p in out.iterdir()) == ["part-1.jsonl", "part-2.jsonl"]
    assert result.exit_code == ExitCode.PARTIAL


def test_a_big_file_is_cut_into_ranges_and_joined_in_order(
    cli: Cli, tmp_path: Path, scheduler: str
) -> None:
    """With 2 KB partitions each file is several tasks; the output is still the local run's."""
    from briefer import batch

    runner, app = cli
    inputs = _corpus(tmp_path)
    assert len(batch.byte_ranges(Path(inputs[0]).stat().st_size, 2048)) >= 4
    local, remote = tmp_path / "local", tmp_path / "remote"
    args = ["--partition-size", str(2048 / 1024 / 1024)]
    on_cluster = runner.invoke(
        app, ["batch", *inputs, "--scheduler", scheduler, "-o", str(remote), *args]
    )
    in_process = runner.invoke(app, ["batch", "-j", "1", *inputs, "-o", str(local)])
    assert sorted(p.name for p in remote.iterdir()) == ["part-1.jsonl", "part-2.jsonl"]
    for name in ("part-1.jsonl", "part-2.jsonl"):
        assert (remote / name).read_text() == (local / name).read_text()
    assert on_cluster.exit_code == in_process.exit_code == ExitCode.PARTIAL
    assert on_cluster.stderr == in_process.stderr


def test_partitions_report_their_ranges(tmp_path: Path, scheduler: str) -> None:
    from briefer import Options, batch

    inputs = _corpus(tmp_path)
    config = batch.BatchOptions(options=Options())
    reports = list(
        batch.brief_partitions(
            inputs, tmp_path / "out", config, scheduler=scheduler, partition_bytes=2048
        )
    )
    assert [r.input for r in reports] == inputs
    assert reports[0].partitions >= 4 and reports[0].ok == 4
    assert (reports[1].ok, reports[1].failed) == (1, 2)


def test_a_record_over_its_time_is_cut_off_on_the_cluster(tmp_path: Path, scheduler: str) -> None:
    """Workers brief in threads, where SIGALRM cannot reach: the --timeout still holds."""
    from briefer import batch

    from .test_batch import SHORT, spinning

    data = tmp_path / "spin.jsonl"
    lines = [
        {"id": "a", "text": SHORT},
        {"id": "b", "text": "SPIN. " + SHORT},
        {"id": "c", "text": SHORT},
    ]
    data.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    config = batch.BatchOptions(summarizer=spinning, timeout=2.0)
    (report,) = batch.brief_partitions([str(data)], tmp_path / "out", config, scheduler=scheduler)
    assert (report.ok, report.failed) == (2, 1)
    assert report.errors == ((f"{data}:2 (id b)", "cut off after 2 s (timeout)"),)
    written = [json.loads(x) for x in (tmp_path / "out" / "spin.jsonl").read_text().splitlines()]
    assert [r["id"] for r in written] == ["a", "b", "c"]
    assert written[1]["error"]["kind"] == "timeout"


# Addresses and lost clusters: one line, the documented exit code, no traceback, no leftovers.

BRIEFER = str(Path(sys.executable).with_name("briefer"))


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("not an address", "expected scheme://host:port"),
        ("foo://127.0.0.1:18786", "unknown scheme 'foo'"),
        ("tcp://127.0.0.1:port", "expected scheme://host:port"),
        ("tcp://127.0.0.1:8786/path", "expected scheme://host:port"),
    ],
)
def test_a_malformed_scheduler_address_is_a_usage_error_at_once(
    cli: Cli, tmp_path: Path, address: str, message: str
) -> None:
    runner, app = cli
    inputs = _corpus(tmp_path)
    result = runner.invoke(app, ["batch", *inputs, "--scheduler", address, "-o", str(tmp_path)])
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith(f"briefer: error: --scheduler {address!r} is not a Dask")
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "part-1.jsonl").exists()


def test_an_unreachable_scheduler_is_a_network_error(cli: Cli, tmp_path: Path) -> None:
    runner, app = cli
    inputs = _corpus(tmp_path)
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    args = ["batch", *inputs, "--scheduler", f"tcp://127.0.0.1:{port}", "-o", str(tmp_path / "o")]
    result = runner.invoke(app, args)
    assert result.exit_code == ExitCode.NETWORK
    assert result.stderr.splitlines()[0].startswith(
        f"briefer: error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}"
    )
    assert "Traceback" not in result.stderr


def _started(log: Path, pattern: str) -> str:
    """The first match of ``pattern`` in what a dask process logged, waiting for it to come."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = re.search(pattern, log.read_text(errors="replace"))
        if found:
            return found.group(1)
        time.sleep(0.05)  # polling the log file for the line
    raise AssertionError(f"{pattern!r} never logged in {log}")


class _Cluster:
    """A Dask scheduler and one worker as separate processes (what a user starts by hand)."""

    def __init__(self, sched: subprocess.Popen[bytes], address: str) -> None:
        self.sched = sched
        self.address = address


@contextlib.contextmanager
def _cluster(tmp_path: Path, cwd: Path | None = None) -> Iterator[_Cluster]:
    """``dask scheduler`` and ``dask worker`` on 127.0.0.1, started in ``cwd``, killed after."""
    logs = {name: tmp_path / f"{name}.log" for name in ("scheduler", "worker")}
    sched_log, worker_log = (open(p, "w") for p in logs.values())  # noqa: SIM115 - closed below
    sched = subprocess.Popen(
        [
            *(sys.executable, "-m", "distributed.cli.dask_scheduler"),
            *("--host", "127.0.0.1", "--port", "0", "--no-dashboard"),
        ],
        stderr=sched_log,
        start_new_session=True,
        cwd=cwd,
    )
    worker = None
    try:
        address = _started(logs["scheduler"], r"Scheduler at:\s+(tcp://\S+)")
        worker = subprocess.Popen(
            [
                *(sys.executable, "-m", "distributed.cli.dask_worker", address),
                *("--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"),
            ],
            stderr=worker_log,
            start_new_session=True,
            cwd=cwd,
        )
        _started(logs["worker"], r"(Registered to)")
        yield _Cluster(sched, address)
    finally:
        for proc in (sched, worker):
            if proc is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=30)
        sched_log.close()
        worker_log.close()


def test_a_lost_scheduler_is_a_network_error_that_leaves_no_partial_files(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    text = (SAMPLES / "fidan-paris-visit.txt").read_text(encoding="utf-8")
    feed.write_text("".join(json.dumps({"id": i, "article": text}) + "\n" for i in range(3000)))
    out = tmp_path / "out"
    with _cluster(tmp_path) as cluster:
        run = subprocess.Popen(
            [
                *(BRIEFER, "batch", str(feed), "--scheduler", cluster.address),
                *("-o", str(out), "--partition-size", "0.2"),
            ],
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while not (out.exists() and any(out.iterdir())) and time.monotonic() < deadline:
            time.sleep(0.05)  # polling for the first range file: the run is under way
        assert out.exists() and any(out.iterdir())
        os.killpg(cluster.sched.pid, signal.SIGKILL)
        _, err = run.communicate(timeout=90)
        assert run.returncode == ExitCode.NETWORK, err
        assert "briefer: error: lost the Dask cluster" in err
        assert "Traceback" not in err
        deadline = time.monotonic() + 15
        while any(out.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.1)  # a task still running stops at its next check and removes its part
        assert sorted(p.name for p in out.iterdir()) == []


def test_workers_started_beside_a_checkout_brief_with_the_installed_package(
    tmp_path: Path,
) -> None:
    """Issue 14: from the folder that holds a ``briefer/`` checkout (no ``__init__.py`` at its
    top), a worker's ``import briefer`` found the checkout as a namespace package and every
    record failed; workers must import the package the run imports."""
    home = tmp_path / "work"
    (home / "briefer" / "briefer").mkdir(parents=True)  # a checkout: the package one level down
    (home / "briefer" / "pyproject.toml").write_text("[project]\nname = 'briefer'\n")
    feed = home / "feed.jsonl"
    text = (SAMPLES / "fidan-paris-visit.txt").read_text(encoding="utf-8")
    feed.write_text("".join(json.dumps({"id": i, "text": text}) + "\n" for i in range(4)))
    with _cluster(tmp_path, cwd=home) as cluster:
        run = subprocess.run(
            [BRIEFER, "batch", "feed.jsonl", "--scheduler", cluster.address, "-o", "out"],
            cwd=home,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert run.returncode == ExitCode.OK, run.stderr
    (written,) = (home / "out").iterdir()
    lines = [json.loads(line) for line in written.read_text().splitlines()]
    assert [r["id"] for r in lines] == [0, 1, 2, 3]
    assert all("brief" in r for r in lines)


@pytest.mark.parametrize(
    ("size", "threads", "expected"),
    [
        (9 * 2**20, 2, int(2.25 * 2**20)),  # a 9 MB file on 2 threads: 4 ranges, not 1
        (500 * 2**10, 8, 2**20),  # never below 1 MB
        (10 * 2**30, 4, 64 * 2**20),  # never above 64 MB
    ],
)
def test_ranges_are_sized_from_the_file_and_the_cluster(
    size: int, threads: int, expected: int
) -> None:
    from briefer import batch

    assert batch.auto_partition(size, threads) == expected


def test_one_file_uses_every_worker_by_default(tmp_path: Path, scheduler: str) -> None:
    from briefer import Options, batch

    text = (SAMPLES / "fidan-paris-visit.txt").read_text(encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    line = json.dumps({"id": 0, "article": text}) + "\n"
    feed.write_text(line * (3 * 2**20 // len(line.encode()) + 1))  # a little over 3 MB: 4 ranges
    config = batch.BatchOptions(options=Options(method="lead"))
    (report,) = batch.brief_partitions([str(feed)], tmp_path / "out", config, scheduler=scheduler)
    assert report.partitions == 4  # two worker threads want 4 ranges; 1 MB each (the floor)
