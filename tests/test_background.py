"""Work beside the caller: a forked child's result, and the caller's when the child fails."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from briefer import background, brief
from briefer.models import Options

from .conftest import SAMPLES

pytestmark = pytest.mark.skipif(not background.FORKS, reason="forks only on Linux")
PARENT = os.getpid()


def _dies_in_a_child() -> int:
    if os.getpid() != PARENT:
        os.kill(os.getpid(), signal.SIGKILL)
    return 42


def _fails() -> int:
    raise ValueError("bad input")


def _unpicklable() -> object:
    return lambda: None


def _slow_in_a_child() -> int:
    if os.getpid() != PARENT:
        time.sleep(120)  # the work the caller gives up on
    return 1


def test_the_result_is_computed_in_a_child_process() -> None:
    pending = background.start(os.getpid)
    assert pending.forked
    with pending:
        assert pending.result() != PARENT


def test_a_child_that_dies_leaves_the_result_to_the_caller() -> None:
    with background.start(_dies_in_a_child) as pending:
        assert pending.result() == 42


def test_an_exception_is_raised_in_the_caller_as_a_plain_call_raises_it() -> None:
    with background.start(_fails) as pending, pytest.raises(ValueError, match="bad input"):
        pending.result()


def test_a_result_that_does_not_pickle_is_computed_by_the_caller() -> None:
    with background.start(_unpicklable) as pending:
        assert callable(pending.result())


def test_leaving_without_the_result_stops_and_reaps_the_child() -> None:
    started = time.monotonic()
    with background.start(_slow_in_a_child) as pending:
        pid = pending.pid
        assert pid > 0
    assert time.monotonic() - started < 60
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no such child any more


def test_the_child_flushes_none_of_the_callers_buffered_output() -> None:
    code = (
        "import sys; from briefer import background\n"
        "sys.stdout.write('once')\n"
        "assert background.start(int).result() == 0\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "once"


def test_a_long_brief_with_its_facts_in_the_background_is_the_same_brief(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (SAMPLES / "fidan-paris-visit.txt").read_text(encoding="utf-8")
    monkeypatch.setattr(brief, "BACKGROUND_SENTENCES", 5)  # the sample counts as long
    children: list[int] = []
    real_start = background.start

    def start(*args: object) -> background.Pending[object]:
        pending = real_start(*args)  # type: ignore[arg-type]
        children.append(pending.pid)
        return pending

    plain, _, _ = brief.summarize_parts(text, Options())
    assert not children
    monkeypatch.setattr(background, "start", start)
    beside, _, _ = brief.summarize_parts(text, Options(), background=True)
    assert len(children) == 1 and children[0] > 0  # the facts were found in a child
    assert beside == plain
    assert beside.quotes and beside.names and beside.figures


ORPHAN = """
import os, sys, time
from briefer import background
parent = os.getpid()

def slow():
    if os.getpid() != parent:
        time.sleep(120)
    return 1

pending = background.start(slow)
print(pending.pid, flush=True)
sys.stdin.read()  # until the test kills this process
"""


def test_the_child_ends_when_its_parent_is_killed() -> None:
    """A killed caller leaves no child computing facts that nobody will read."""
    with subprocess.Popen(
        [sys.executable, "-c", ORPHAN], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as proc:
        assert proc.stdout is not None
        child = int(proc.stdout.readline())
        assert _alive(child)
        proc.kill()
        proc.wait(timeout=30)
    deadline = time.monotonic() + 30
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)  # polling the process table until the kernel has ended the child
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(") ")[-1][:1] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False
