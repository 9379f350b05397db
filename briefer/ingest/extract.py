"""HTML → article text: the one module of briefer that imports trafilatura (and, through it,
lxml). trafilatura finds the article in the page (no navigation, ads, comments, related links)
and reads its metadata (title, author, date, site name). Nothing is downloaded at run time;
trafilatura is imported only when a page is extracted, so ``briefer --help`` stays fast.
"""

from __future__ import annotations

import re
from typing import Any

from briefer.errors import InputError
from briefer.models import Page


def extract(html: str, url: str | None = None, name: str | None = None) -> tuple[str, Page]:
    """The article of an HTML page as plain text, and what the page says about itself.

    Args:
        html: the page, decoded.
        url: where it was fetched from, if anywhere (kept as the page's URL).
        name: how to name the page in errors (defaults to the URL).

    Returns:
        The article's paragraphs separated by blank lines (without the title), and the
        :class:`Page` metadata.

    Raises:
        InputError: no article text could be found in the page.
    """
    import trafilatura

    label = name or url or "<html>"
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        date_extraction_params=_declared_dates(),
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError("no article text found in the HTML page", source=label)
    title = _clean(getattr(doc, "title", None))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if title and lines and lines[0] == title and len(lines) > 1:
        lines = lines[1:]  # the headline is shown as the headline, not as the first paragraph
    page = Page(
        url=url or _clean(getattr(doc, "url", None)),
        title=title,
        author=_clean(getattr(doc, "author", None)),
        date=_clean(getattr(doc, "date", None)),
        site=_clean(getattr(doc, "sitename", None)),
    )
    return "\n\n".join(lines), page


def _declared_dates() -> dict[str, Any]:
    """htmldate's settings for a date the page declares (its markup: meta tags, ``<time>``,
    structured data; then a full date in its URL), never one guessed from years in the text."""
    from datetime import date

    return {
        "extensive_search": False,
        "original_date": True,
        "deferred_url_extractor": True,
        "max_date": date.today().isoformat(),
    }


def _clean(value: object) -> str | None:
    """Metadata for display: control characters (terminal escapes) as spaces, spaces folded."""
    if not isinstance(value, str):
        return None
    folded = " ".join(_CONTROL.sub(" ", value).split())
    return folded or None


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
