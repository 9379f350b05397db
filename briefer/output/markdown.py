"""Brief → Markdown (standard library only)."""

from __future__ import annotations

from briefer.models import Brief
from briefer.output.text import one_line, other_points, page_line, provenance, stats_line

SEPARATOR = "\n---\n\n"
"""What stands between two briefs in one Markdown stream (a thematic break)."""


def markdown_text(text: str) -> str:
    """Escape characters that Markdown would read as formatting."""
    out = []
    for ch in one_line(text):
        if ch in "\\`*_[]<>#|":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def to_markdown(brief: Brief, source: str | None = None) -> str:
    """Markdown: a heading, the gist as a quote block, lists and tables."""
    lines = [f"## {markdown_text(brief.headline or source or 'Brief')}", ""]
    if brief.page is not None and page_line(brief.page):
        lines += [f"*{markdown_text(page_line(brief.page))}*", ""]
    lines += [f"> {markdown_text(brief.gist.sentence.text)}", ""]
    points = other_points(brief)
    if points:
        lines += ["### Key points", ""]
        lines += [f"- {markdown_text(p.sentence.text)} <sub>{provenance(p)}</sub>" for p in points]
        lines.append("")
    if brief.figures:
        lines += ["### Key figures", "", "| Figure | Kind | Unit | Sentence |", "|---|---|---|---|"]
        lines += [
            f"| {markdown_text(f.text)} | {f.kind} | {markdown_text(f.unit)} | {f.sentence} |"
            for f in brief.figures
        ]
        lines.append("")
    if brief.quotes:
        lines += ["### Quotes", "", "| Quote | Speaker |", "|---|---|"]
        lines += [
            f"| “{markdown_text(q.text)}” | {markdown_text(q.speaker or '—')} |"
            for q in brief.quotes
        ]
        lines.append("")
    if brief.names:
        lines += ["**Names:** " + ", ".join(markdown_text(n.text) for n in brief.names), ""]
    if brief.terms:
        lines += ["**Terms:** " + ", ".join(markdown_text(t.text) for t in brief.terms), ""]
    lines.append(f"*{stats_line(brief)}*")
    lines += [f"\n*Note: {markdown_text(n)}*" for n in brief.notes]
    return "\n".join(lines) + "\n"


def markdown_error(source: str | None, message: str) -> str:
    """The Markdown block of an input that could not be briefed."""
    return f"## {markdown_text(source or '')}\n\n**Error:** {markdown_text(message)}\n"
