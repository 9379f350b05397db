"""briefer batch --scheduler: a real Dask cluster on 127.0.0.1 gives the local run's output."""

from __future__ import annotations

import json
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
        dashboard_address=None,
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
    assert report.errors == ((f"{data}:2 (id b)", "cut off after 2 s (--timeout)"),)
    written = [json.loads(x) for x in (tmp_path / "out" / "spin.jsonl").read_text().splitlines()]
    assert [r["id"] for r in written] == ["a", "b", "c"]
    assert written[1]["error"]["kind"] == "timeout"
