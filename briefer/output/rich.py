"""Brief → a Rich renderable for a terminal. Never prints; article text is never markup."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from briefer.models import Brief
from briefer.output.text import one_line, other_points, page_line, stats_line


def _plain(text: str, style: str = "") -> Text:
    """Article text as a literal Text: ``[bold]`` stays ``[bold]``."""
    return Text(one_line(text), style=style)


def _section(title: str) -> Text:
    return Text(f"\n{title}", style="bold underline")


def _context(text: str, start: int, end: int, width: int = 24) -> Text:
    """A few whole words either side of a figure (within its paragraph), the figure in bold."""
    before = text[max(0, start - width) : start].rsplit("\n", 1)[-1]
    after = text[end : end + width].split("\n", 1)[0]
    if start - width > 0 and " " in before:
        before = "…" + before.split(" ", 1)[1]
    if end + width < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0] + "…"
    line = Text(" ".join(before.split(" ")), style="dim")
    line.append(one_line(text[start:end]), style="bold")
    line.append(after, style="dim")
    return line


def brief_renderable(
    brief: Brief, source: str | None = None, text: str | None = None
) -> RenderableType:
    """The brief as a panel (headline and gist), key points, tables and a stats line.

    Args:
        brief: the brief.
        source: the file it came from, shown when the article has no headline.
        text: the article, to show each figure in its context.
    """
    parts: list[RenderableType] = []
    title = Text(one_line(brief.headline or source or "Brief"), style="bold")
    parts.append(
        Panel(
            _plain(brief.gist.sentence.text),
            title=title,
            title_align="left",
            subtitle=Text(f"gist · sentence {brief.gist.sentence.index}", style="dim"),
            subtitle_align="right",
            border_style="cyan",
        )
    )
    if brief.page is not None and page_line(brief.page):
        parts.append(Text(page_line(brief.page), style="dim"))
    points = other_points(brief)
    if points:
        table = Table(box=None, show_header=False, pad_edge=False, expand=True)
        table.add_column(width=3, style="cyan", no_wrap=True)
        table.add_column(ratio=1)
        table.add_column(style="dim", no_wrap=True, justify="right")
        for p in points:
            table.add_row("•", _plain(p.sentence.text), Text(f"#{p.sentence.index}"))
        parts += [_section("Key points"), table]
    if brief.figures:
        figures = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
        figures.add_column("Figure", style="bold green", no_wrap=True)
        figures.add_column("What")
        if text is not None:
            figures.add_column("In context")
        figures.add_column("#", justify="right", style="dim")
        for f in brief.figures:
            what = f.kind if f.unit in (f.kind, "") else f"{f.kind} · {f.unit}"
            row: list[RenderableType] = [_plain(f.text), _plain(what)]
            if text is not None:
                row.append(_context(text, f.start, f.end))
            figures.add_row(*row, Text(str(f.sentence)))
        parts += [_section("Key figures"), figures]
    if brief.quotes:
        quotes = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
        quotes.add_column("Quote", ratio=3)
        quotes.add_column("Speaker", ratio=1, style="magenta")
        for q in brief.quotes:
            quotes.add_row(_plain(f"“{q.text}”", "italic"), _plain(q.speaker or "—"))
        parts += [_section("Quotes"), quotes]
    parts.append(Text(""))
    if brief.names:
        names = Text("Names: ", style="bold")
        names.append(", ".join(one_line(n.text) for n in brief.names), style="yellow")
        parts.append(names)
    if brief.terms:
        terms = Text("Terms: ", style="bold")
        terms.append(", ".join(t.text for t in brief.terms))
        parts.append(terms)
    parts.append(Text(stats_line(brief), style="dim"))
    for note in brief.notes:
        parts.append(Text(f"Note: {note}", style="yellow"))
    return Group(*parts)
