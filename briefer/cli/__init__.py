"""The ``briefer`` command: parse → Options → library call → output → exit code.

The only package that imports typer: :mod:`~briefer.cli.app` (the application and its exit
protocol), :mod:`~briefer.cli.options` (the shared options), :mod:`~briefer.cli.console`
(stderr, terminals, progress, signals), :mod:`~briefer.cli.inputs`, and one module per command.
Heavy libraries (nltk, sumy, numpy) are imported by the commands that need them, so ``--help``
and ``--version`` stay instant.
"""

from briefer.cli import batch, brief, eval, sentences, view
from briefer.cli.app import app, main

__all__ = ["app", "batch", "brief", "eval", "main", "sentences", "view"]
