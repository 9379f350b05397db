"""``python -m briefer`` and the ``briefer`` console script.

``briefer --version`` is answered here, before Typer and Rich are imported, so that the
commonest probe of an installed tool costs little more than Python's own start-up.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Entry point: the fast ``--version`` path, else the Typer application."""
    if sys.argv[1:] == ["--version"]:
        from briefer._version import __version__

        sys.stdout.write(f"briefer {__version__}\n")
        sys.exit(0)
    from briefer._env import single_threaded_blas

    single_threaded_blas()
    from briefer.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
