"""The library, not only the CLI, keeps numpy's BLAS to one thread unless the user chose."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PROBE = """
import os, sys
import briefer
assert "numpy" not in sys.modules  # set before numpy loads, or it would have no effect
briefer.summarize("The council met on Monday. It approved the budget. Critics said it was late.")
print(os.environ["OPENBLAS_NUM_THREADS"], os.environ["OMP_NUM_THREADS"])
"""


@pytest.mark.parametrize(("given", "expected"), [(None, "1 1"), ("3", "3 1")])
def test_briefer_asks_for_one_blas_thread_unless_told(given: str | None, expected: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    if given is not None:
        env["OPENBLAS_NUM_THREADS"] = given
    proc = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == expected.split()


NUMPY_FIRST = """
import numpy
from threadpoolctl import threadpool_info, threadpool_limits
{setup}
import briefer
print(max(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"))
"""


@pytest.mark.parametrize(
    ("given", "setup", "expected"),
    [
        # numpy read no variable: it runs 2 threads (on any machine, here set so)
        (None, 'threadpool_limits(limits=2, user_api="blas")', "1"),
        ("2", "", "2"),  # the user's variable: kept
    ],
)
def test_numpy_loaded_before_briefer_gets_one_blas_thread_unless_told(
    given: str | None, setup: str, expected: str
) -> None:
    """The variables come too late for a numpy imported first: threadpoolctl sets the threads."""
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    if given is not None:
        env["OPENBLAS_NUM_THREADS"] = given
    proc = subprocess.run(
        [sys.executable, "-c", NUMPY_FIRST.format(setup=setup)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == [expected]
