"""Brief → a Rich renderable for a terminal. Never prints; article text is never markup."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from briefer.formats import one_line, other_points, stats_line
from briefer.models import Brief


def _plain(text: str, style: str = "") -> Text:
    """Article text as a literal Text: ``[bold]`` stays ``[bold]``."""
    return Text(one_line(text), style=style)


def brief_renderable(brief: Brief, source: str | None = None) -> RenderableType:
    """The brief as a panel (headline and gist), key points, tables and a stats line."""
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
    points = other_points(brief)
    if points:
        table = Table(box=None, show_header=False, pad_edge=False, expand=True)
        table.add_column(width=3, style="cyan", no_wrap=True)
        table.add_column(ratio=1)
        table.add_column(style="dim", no_wrap=True, justify="right")
        for p in points:
            table.add_row("•", _plain(p.sentence.text), Text(f"#{p.sentence.index}"))
        parts += [Text("Key points", style="bold underline"), table]
    if brief.figures:
        figures = Table(title=None, box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
        figures.add_column("Figure", style="bold green")
        figures.add_column("Kind")
        figures.add_column("Unit")
        figures.add_column("#", justify="right", style="dim")
        for f in brief.figures:
            figures.add_row(_plain(f.text), Text(f.kind), _plain(f.unit), Text(str(f.sentence)))
        parts += [Text("Key figures", style="bold underline"), figures]
    if brief.quotes:
        quotes = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
        quotes.add_column("Quote", ratio=3)
        quotes.add_column("Speaker", ratio=1, style="magenta")
        for q in brief.quotes:
            quotes.add_row(_plain(f"“{q.text}”", "italic"), _plain(q.speaker or "—"))
        parts += [Text("Quotes", style="bold underline"), quotes]
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
