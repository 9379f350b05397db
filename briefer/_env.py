"""The process environment numerical libraries read when they load."""

from __future__ import annotations

import os
import sys

BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def single_threaded_blas() -> None:
    """Ask numpy's BLAS for one thread unless the user chose otherwise; call before numpy loads.

    briefer's matrices are small: extra BLAS threads only spin (measured: +46 % CPU for the same
    wall time in one process) and fight batch worker processes for the cores. Where numpy was
    imported first (an application that uses it), the variables come too late, and
    threadpoolctl sets the loaded BLAS libraries to one thread instead.
    """
    chosen = any(name in os.environ for name in BLAS_THREAD_VARIABLES)  # the user's choice
    for name in BLAS_THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    if not chosen and "numpy" in sys.modules:  # loaded first: its BLAS read the variables already
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1, user_api="blas")  # as the variables would have
