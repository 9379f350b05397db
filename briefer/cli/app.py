"""The ``briefer`` application: the Typer app, its default command, its exit protocol, and
usage errors in briefer's words. The commands register themselves on :data:`app` from their
own modules (imported by :mod:`briefer.cli`).
"""

import re
import sys
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Annotated, Any, NoReturn, get_args, get_origin

import typer
from typer.core import TyperGroup

import briefer
from briefer.cli.console import (
    IMPLICIT,
    PROG,
    debugging,
    error_line,
    internal_error,
    interrupted,
    silence_stdout,
)
from briefer.errors import ExitCode

DEFAULT_COMMAND = "brief"


class BrieferGroup(TyperGroup):
    """A group whose default command is ``brief``: ``briefer FILE`` is ``briefer brief FILE``.

    It also owns the exit protocol: usage errors as one ``briefer: error:`` line with exit 2,
    Ctrl-C as 130, and a closed stdout (``| head``) as a quiet exit.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_metavars(self)
        plain_values(self)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Put ``brief`` in front of arguments that name no command."""
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "--version")):
            args = [DEFAULT_COMMAND, *args]
            ctx.meta[IMPLICIT] = True  # the user typed `briefer ...`, not `briefer brief ...`
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        """Run the command; a reader that went away (``| head``) ends it quietly with 0."""
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # Caught here, before Typer's own handler turns it into exit code 1.
            silence_stdout()
            raise typer.Exit(ExitCode.OK) from None

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command and always exit with a code from the documented table."""
        try:
            code = super().main(
                args=args,
                prog_name=prog_name or PROG,
                complete_var=complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
            sys.stdout.flush()
        except typer.TyperException as exc:  # the usage errors of Typer's bundled Click
            error_line(usage_message(exc.format_message()))
            code = exc.exit_code
        except typer.Abort:
            code = ExitCode.INTERRUPTED
        except KeyboardInterrupt as exc:
            code = interrupted(exc)
        except BrokenPipeError:
            silence_stdout()
            code = ExitCode.OK
        except Exception as exc:  # a bug in briefer or a library: one line, not a traceback
            if debugging():
                raise
            error_line(internal_error(exc))
            code = ExitCode.INTERNAL
        sys.exit(int(code or 0))


_INVALID = re.compile(r"Invalid value for '(--[\w-]+)'(?: / '-\w+')?: (?:Value error, )?(.*)", re.S)
_PLAIN_WORDS = (
    (re.compile(r"Input should be a valid integer.*", re.S), "must be a whole number"),
    (re.compile(r"Input should be a valid number.*", re.S), "must be a number"),
    (re.compile(r"Input should be a valid boolean.*", re.S), "takes no value"),
    (re.compile(r"Input should be (.*)", re.S), r"must be \1"),
)


def usage_message(message: str) -> str:
    """A usage error in briefer's words: the option, then what it takes ("--method: 'x' is not
    one of: default, lead, ..."), not the validation library's ("Value error, ...")."""
    found = _INVALID.match(message)
    if found is None:
        return message
    option, detail = found.groups()
    for pattern, plain in _PLAIN_WORDS:
        if pattern.match(detail):
            return f"{option} {pattern.sub(plain, detail, count=1)}"
    choices = re.match(r"('[^']*') is not one of (.*?)\.?$", detail, re.S)
    if choices:
        allowed = ", ".join(re.findall(r"'([^']*)'", choices.group(2)))
        return f"{option}: {choices.group(1)} is not one of: {allowed}"
    return f"{option}: {detail}"


app = typer.Typer(
    cls=BrieferGroup,
    name=PROG,
    subcommand_metavar="[FILE|URL]... | COMMAND [ARGS]...",
    add_completion=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"{PROG} {briefer.__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", metavar="", callback=_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """Structured, traceable briefs of articles.

    `briefer FILE|URL...` briefs files, web pages or saved HTML (the default command: brief).

    `pbpaste | briefer` briefs what you pipe in.

    Common options: -f text|markdown|json|jsonl, -m METHOD, -n N, -w N, -l LANGUAGE.

    `briefer brief --help` lists every option; `briefer batch --help` briefs many at once.
    """


def plain_metavars(command: Any) -> None:
    """Help that reads as people write commands: the metavar we give (``FILE``, ``N``), never
    the annotation Typer would print (``<list[str]>``, ``<bool>``) beside an argument or flag."""
    commands = getattr(command, "commands", {})
    for sub in [command, *commands.values()]:
        for param in sub.params:
            if param.param_type_name == "argument" or getattr(param, "is_flag", False):
                param.display_type_rich = lambda ctx: None
            if param.param_type_name == "argument" and param.required:  # FILE, not {FILE}
                param._usage_display_name = lambda name=param.display_name_raw: name
        make_help = sub.get_help_option

        def help_option(ctx: Any, make_help: Any = make_help) -> Any:
            option = make_help(ctx)
            if option is not None:
                option.display_type_rich = lambda ctx: None
            return option

        sub.get_help_option = help_option


TYPER_MADE_FOR = "0.29.2"
"""The Typer release whose coercion :class:`PlainValues` was made for and checked against
(tests/test_startup.py compares the two on every parameter); with another, Typer's own."""

_NOT_PLAIN = object()
_WHOLE = re.compile(r"0|[1-9][0-9]{0,17}")
_DECIMAL = re.compile(r"[0-9]{1,15}(?:\.[0-9]{1,15})?")


class PlainValues:
    """Typer's coercion of one parameter, without pydantic for the values that need no parsing.

    Typer coerces every parameter's value, defaults included, through a pydantic
    ``TypeAdapter``, and importing pydantic is a fifth of a brief's start-up. A default (an
    ``int`` for an ``int``), a word of an Enum's choices, a plain whole or decimal number and
    a string for a ``str`` come out of pydantic as they go in (or as ``int()``/``float()`` makes
    them); those are taken here, everything else (every value that could fail) goes to Typer's
    own coercion, so its results and its error messages stay Typer's.
    """

    def __init__(self, typer_param: Callable[[], Any], descriptor: Any) -> None:
        self.typer = typer_param
        """Typer's own coercion of the parameter (built, with pydantic, on first use)."""
        self.descriptor = descriptor

    def __call__(self) -> "PlainValues":
        return self  # stands in for the parameter's get_runtime_param

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        """The parameter's value, as Typer's coercion would give it."""
        many = param.multiple or param.nargs == -1
        if value is None:  # Typer's own rule, before any adapter
            return () if many else None
        info = self.descriptor.parameter_info
        if info.parser is None and self.descriptor.file_annotation is None:
            annotation = self.descriptor.annotation
            if many and get_origin(annotation) is list and isinstance(value, list | tuple):
                item = get_args(annotation)[0]
                items = [plain_value(item, info, v, ctx) for v in value]
                if _NOT_PLAIN not in items:
                    return items
            elif not many:
                plain = plain_value(annotation, info, value, ctx)
                if plain is not _NOT_PLAIN:
                    return plain
        return self.typer().coerce(value, param=param, ctx=ctx)


def plain_value(annotation: Any, info: Any, value: Any, ctx: Any) -> Any:
    """``value`` as Typer's pydantic adapter for ``annotation`` would return it, where that
    needs no parsing; else a marker that Typer's coercion must decide."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        if isinstance(value, annotation):
            return value
        if type(value) is str and info.case_sensitive and ctx.token_normalize_func is None:
            for choice in annotation:  # typer's coerce_cli_choice: the first equal choice
                if str(choice.value) == value:
                    return choice
    elif annotation is str and type(value) is str:
        return value
    elif annotation in (int, float) and info.min is None and info.max is None:
        if type(value) is annotation:
            return value
        if type(value) is str and (_WHOLE if annotation is int else _DECIMAL).fullmatch(value):
            return annotation(value)
    return _NOT_PLAIN


def plain_values(command: Any) -> None:
    """Give each parameter of ``command`` and its subcommands :class:`PlainValues` (with the
    Typer release it was made for; otherwise nothing changes)."""
    if typer.__version__ != TYPER_MADE_FOR:
        return
    for sub in [command, *getattr(command, "commands", {}).values()]:
        for param in sub.params:
            _plain_param(param)
        make_help = sub.get_help_option

        def help_option(ctx: Any, make_help: Any = make_help) -> Any:
            option = make_help(ctx)
            if option is not None:
                _plain_param(option)
            return option

        sub.get_help_option = help_option


def _plain_param(param: Any) -> None:
    descriptor = getattr(param, "type_descriptor", None)
    typer_param = getattr(param, "get_runtime_param", None)
    if descriptor is None or not callable(typer_param) or isinstance(typer_param, PlainValues):
        return
    param.get_runtime_param = PlainValues(typer_param, descriptor)


def main() -> NoReturn:
    """Console-script entry point."""
    command = typer.main.get_command(app)
    command.main(prog_name=PROG)
    raise AssertionError("unreachable")  # pragma: no cover
