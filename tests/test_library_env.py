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
