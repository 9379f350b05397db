"""The process environment numerical libraries read when they load."""

from __future__ import annotations

import os

BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def single_threaded_blas() -> None:
    """Ask numpy's BLAS for one thread unless the user chose otherwise; call before numpy loads.

    briefer's matrices are small: extra BLAS threads only spin (measured: +46 % CPU for the same
    wall time in one process) and fight batch worker processes for the cores.
    """
    for name in BLAS_THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
