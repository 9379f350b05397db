"""The HTML view: golden page of the seed sample, escaping, span round trip, a real browser.

Regenerate the golden page on purpose only::

    BRIEFER_REGENERATE=1 python -m pytest tests/test_html.py

The browser tests drive Debian's headless Chromium (``/usr/bin/chromium``) with Playwright and
save screenshots under ``tests/artifacts/`` (git-ignored). Without Chromium or the ``playwright``
package they skip with the reason, except in CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import string
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefer import METHODS, Options, split_sentences, summarize
from briefer.errors import InputError
from briefer.models import Page, Point
from briefer.output.html import (
    CSP,
    IndexEntry,
    index_entry,
    page_filename,
    render_index,
    render_page,
)
from briefer.split import sanitize

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "html"
GOLDEN = DATA / "fidan-paris-visit.html"
HOSTILE = DATA / "hostile.txt"
ARTIFACTS = ROOT / "tests" / "artifacts"
SEED = "samples/fidan-paris-visit.txt"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
]


class Parsed(HTMLParser):
    """The page as the browser's parser sees it: elements, attributes, marks and their text."""

    VOID = frozenset({"meta", "link", "br", "img", "input", "hr", "rect", "source", "wbr"})

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.mark_text: dict[tuple[str, int, int], str] = {}
        self.texts: list[str] = []
        self.errors: list[str] = []
        self.feed(page)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {[t for t, _ in self.stack]}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag not in self.VOID:
            self.stack.append((tag, a))
        if "data-start" in a:
            key = (str(a["class"]).split()[0], int(str(a["data-start"])), int(str(a["data-end"])))
            self.mark_text.setdefault(key, "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else None}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        for _, a in self.stack:
            if "data-start" in a:
                key = (
                    str(a["class"]).split()[0],
                    int(str(a["data-start"])),
                    int(str(a["data-end"])),
                )
                self.mark_text[key] += data


def assert_safe(page: str) -> Parsed:
    """Well-formed, no script, no handler, no link or resource beyond the page itself."""
    page.encode("utf-8")  # writable as a file: no lone surrogate
    parsed = Parsed(page)
    assert parsed.errors == []
    names = {t for t, _ in parsed.tags}
    assert not names & {"script", "img", "iframe", "object", "embed", "link", "base", "form"}
    for tag, attrs in parsed.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action", "xlink:href"):
                assert value is not None and value.startswith("#"), (tag, name, value)
    csp = [
        a
        for t, a in parsed.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert [a["content"] for a in csp] == [CSP]
    assert len(re.findall(r"<style>", page)) == 1
    return parsed


@pytest.fixture(scope="module")
def seed_text() -> str:
    return (ROOT / SEED).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_page(seed_text: str) -> str:
    return render_page(summarize(seed_text), seed_text, meta={"source": SEED})


def hostile_text() -> str:
    return HOSTILE.read_text(encoding="utf-8").replace("\\x07", "\x07").replace("\\x1b", "\x1b")


HOSTILE_META = {
    "source": "<script>alert('source')</script>",
    "url": "javascript:alert(document.domain)",
    "author": '"><img src=x onerror=alert(1)>',
    "site": "</style><style>body{display:none}</style>",
    "date": "2025-01-01\x00\x1b[31m",
}


@pytest.fixture(scope="module")
def hostile_page() -> str:
    text = hostile_text()
    brief = summarize(text, Options(title="</title><script>alert('title')</script>"))
    return render_page(brief, text, meta=HOSTILE_META)


# --- golden page ------------------------------------------------------------------------------


def test_seed_page_matches_golden(seed_page: str) -> None:
    if os.environ.get("BRIEFER_REGENERATE"):
        DATA.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(seed_page, encoding="utf-8")
    assert seed_page == GOLDEN.read_text(encoding="utf-8"), (
        "the seed page changed; if on purpose: BRIEFER_REGENERATE=1 python -m pytest tests/test_html.py"
    )


def test_seed_page_holds_the_brief(seed_text: str, seed_page: str) -> None:
    brief = summarize(seed_text)
    parsed = assert_safe(seed_page)
    marks = parsed.mark_text
    points = {(k[1], k[2]) for k in marks if k[0] in ("point", "gist")}
    assert points == {(p.sentence.start, p.sentence.end) for p in brief.points}
    assert [k for k in marks if k[0] == "gist"] == [
        ("gist", brief.gist.sentence.start, brief.gist.sentence.end)
    ]
    assert {v for k, v in marks.items() if k[0] == "figure"} >= {"$7.1 billion", "29 percent"}
    quotes = [
        a
        for t, a in parsed.tags
        if t == "mark" and str(a.get("class")).split()[0] == "quote" and a.get("title")
    ]
    (speaker,) = [q.speaker for q in brief.quotes if "inconceivable" in q.text]
    assert speaker is not None and speaker.endswith("Recep Tayyip Erdoğan")
    assert [q["title"] for q in quotes] == [f"quote · said by {speaker}"]
    assert any("inconceivable" in v for k, v in marks.items() if k[0] == "quote")
    assert {v for k, v in marks.items() if k[0] == "name"} >= {n.text for n in brief.names}
    # the key points link to their place, and their place links back
    hrefs = [a["href"] for t, a in parsed.tags if t == "a" and a.get("href")]
    for p in brief.points:
        assert f"#s-{p.sentence.index}" in hrefs
    assert hrefs.count("#k-0") == 1
    # the heading is a heading, not a sentence or a point
    assert '<h2 class="heading">Positive agenda</h2>' in seed_page


# --- escaping ---------------------------------------------------------------------------------

ESCAPES = [
    # (where, hostile input, what must not appear raw, what must appear instead)
    (
        "article",
        "<script>alert(1)</script>",
        "<script>alert",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
    ),
    ("article", "</style><b>bold</b>", "</style><b>", "&lt;/style&gt;&lt;b&gt;bold"),
    (
        "article",
        '<img src=x onerror="alert(1)">',
        "<img",
        "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;",
    ),
    ("article", "[click](javascript:alert(1))", 'href="javascript', "javascript:alert(1)"),
    ("article", "bell\x07 escape\x1b[31m nul\x00 del\x7f", "\x1b", "bell  escape      nul  del "),
    (
        "article",
        "&amp; &lt;not a tag&gt;",
        "&lt;not a tag&gt;",
        "&amp;amp; &amp;lt;not a tag&amp;gt;",
    ),
    ("title", "<script>alert('t')</script>", "<script>alert", "&lt;script&gt;alert(&#39;t&#39;)"),
    ("title", '" onmouseover="alert(1)', '" onmouseover="', "&#34; onmouseover=&#34;alert(1)"),
    ("url", "javascript:alert(1)", 'href="javascript', "<dd>javascript:alert(1)</dd>"),
    ("author", '"><svg onload=alert(1)>', "<svg onload", "&#34;&gt;&lt;svg onload=alert(1)&gt;"),
    ("site", "</style><script>x()</script>", "</style><script>", "&lt;/style&gt;&lt;script&gt;x()"),
    ("source", "a\x1b]8;;http://evil\x07b", "evil", "<dd>a b</dd>"),
    ("article", "lone \ud800 surrogate", "\ud800", "lone \ufffd surrogate"),
    ("author", "lone \udfff surrogate", "\udfff", "<dd>lone \ufffd surrogate</dd>"),
]


@pytest.mark.parametrize(("where", "hostile", "raw", "escaped"), ESCAPES)
def test_hostile_input_renders_as_text(where: str, hostile: str, raw: str, escaped: str) -> None:
    body = (
        "The council met on Monday to discuss the budget for next year. "
        "Members said the plan would cost $4 million over three years. "
        "The mayor said the vote would come later this month."
    )
    text = f"{body}\n\nA resident wrote: {hostile} and left.\n" if where == "article" else body
    title = hostile if where == "title" else None
    brief = summarize(text, Options(title=title))
    meta = {where: hostile} if where in ("url", "author", "site", "source") else None
    page = render_page(brief, text, meta=meta)
    assert_safe(page)
    assert raw not in page
    assert escaped in page


def test_control_characters_never_reach_the_page() -> None:
    page = render_page(summarize(hostile_text()), hostile_text(), meta=HOSTILE_META)
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", page)


def test_unknown_meta_key_is_refused(seed_text: str) -> None:
    with pytest.raises(ValueError, match="unknown meta key 'href'"):
        render_page(summarize(seed_text), seed_text, meta={"href": "x"})


def test_a_brief_of_another_text_is_refused(seed_text: str) -> None:
    with pytest.raises(ValueError, match="not sentences of this text"):
        render_page(summarize(seed_text), "Another text. It has two sentences.")


def test_scores_of_the_wrong_length_are_refused(seed_text: str) -> None:
    with pytest.raises(ValueError, match="3 scores for 21 sentences"):
        render_page(summarize(seed_text), seed_text, scores=[1.0, 2.0, 3.0])


def test_a_caller_may_hand_over_the_document_and_scores(seed_text: str, seed_page: str) -> None:
    from briefer import rank
    from briefer.split import analyse

    doc = analyse(seed_text)
    scores = rank.score(doc, "default", "english")
    brief = summarize(seed_text)
    page = render_page(brief, seed_text, meta={"source": SEED}, scores=scores, document=doc)
    assert page == seed_page
    with pytest.raises(ValueError, match="not sentences of this document"):
        render_page(brief, seed_text, document=analyse("Another text. It has two sentences."))


def test_web_page_fields_are_shown(seed_text: str) -> None:
    page_info = Page(
        "https://example.org/a?b=1&c=2", "A title", "Ada Lovelace", "2025-03-04", "The Ledger"
    )
    page = render_page(summarize(seed_text).with_page(page_info), seed_text)
    assert "<h1>A title</h1>" in page
    for shown in ("https://example.org/a?b=1&amp;c=2", "Ada Lovelace", "2025-03-04", "The Ledger"):
        assert f"<dd>{shown}</dd>" in page
    assert_safe(page)


def test_a_dateline_is_shown_as_such_never_as_a_point() -> None:
    text = (ROOT / "samples" / "libya-tripoli-attack.txt").read_text(encoding="utf-8")
    parsed = assert_safe(render_page(summarize(text), text))
    datelines = [v for k, v in parsed.mark_text.items() if k[0] == "dateline"]
    assert datelines == ["Tripoli, Libya (CNN) --"]


CROSSING = """The council approved the new budget of $4 million on Monday after a long debate.

"We waited for years. Now the library will finally open its doors to 20,000 readers," Mayor Ada Lovelace said after the vote.

The library will open in 2026, officials said. Critics said the cost was too high for the city."""


def test_a_quote_across_two_sentences_is_split_to_nest() -> None:
    brief = summarize(CROSSING)
    first = next(s for s in split_sentences(CROSSING) if s.text.startswith('"We waited'))
    brief = replace(brief, points=(*brief.points, Point(first, 1.0, 1)))
    (quote,) = brief.quotes
    page = render_page(brief, CROSSING)
    parsed = assert_safe(page)
    assert parsed.mark_text[("quote", quote.start, quote.end)] == quote.text
    assert parsed.mark_text[("point", first.start, first.end)] == first.text
    pieces = re.findall(r'<mark class="quote( cont)?" data-start', page)
    assert pieces == ["", " cont", " cont"]  # in the point, between the sentences, after
    assert page.count(f'title="quote · said by {quote.speaker}" tabindex="0"') == 1


@pytest.mark.parametrize("method", METHODS)
def test_every_method_s_brief_renders(method: str) -> None:
    brief = summarize(CROSSING, Options(method=method))
    parsed = assert_safe(render_page(brief, CROSSING))
    marked = {(k[1], k[2]) for k in parsed.mark_text if k[0] in ("point", "gist")}
    assert marked == {(p.sentence.start, p.sentence.end) for p in brief.points}


def test_a_text_that_is_only_a_title_line_renders() -> None:
    text = "Only a title-like line"
    parsed = assert_safe(render_page(summarize(text), text))
    assert parsed.mark_text == {("gist", 0, len(text)): text}


# --- spans round trip -------------------------------------------------------------------------

WORDS = [
    "Mayor",
    "Ada Lovelace",
    "said",
    "the",
    "city",
    "budget",
    "$7.1 billion",
    "29 percent",
    "rose",
    "Paris",
    "council",
    "<b>",
    "&amp;",
    "</style>",
    "Mr.",
    "3.5",
    "\x07",
    "—",
]


@st.composite
def articles(draw: st.DrawFn) -> str:
    paragraphs = []
    for _ in range(draw(st.integers(1, 4))):
        sentences = []
        for _ in range(draw(st.integers(1, 4))):
            words = draw(
                st.lists(
                    st.sampled_from(WORDS) | st.text(string.ascii_letters, min_size=1, max_size=8),
                    min_size=3,
                    max_size=14,
                )
            )
            sentence = " ".join(words).capitalize() + draw(st.sampled_from([".", "!", "?", ""]))
            if draw(st.booleans()):
                sentence = (
                    f'"{sentence}," {draw(st.sampled_from(["Ada Lovelace", "the mayor"]))} said.'
                )
            sentences.append(sentence)
        paragraphs.append(" ".join(sentences))
    if draw(st.booleans()):
        paragraphs.insert(draw(st.integers(0, len(paragraphs))), "A Heading Line")
    return "\n\n".join(paragraphs)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_every_highlighted_span_is_its_text(text: str) -> None:
    try:
        brief = summarize(text)
    except InputError:
        return
    parsed = Parsed(render_page(brief, text))
    assert parsed.errors == []
    clean = sanitize(text)
    for (_kind, start, end), shown in parsed.mark_text.items():
        assert shown == clean[start:end]
    kinds = {k[0] for k in parsed.mark_text}
    assert "gist" in kinds
    assert len([k for k in parsed.mark_text if k[0] in ("gist", "point")]) == len(brief.points)


# --- index ------------------------------------------------------------------------------------


def test_index_lists_every_record(seed_text: str) -> None:
    brief = summarize(seed_text)
    entries = [
        index_entry(brief, SEED, page_filename(SEED, 0)),
        IndexEntry(source="bad.jsonl:3", error="line 3 is not JSON <script>x</script>"),
    ]
    page = render_index(entries)
    parsed = Parsed(page)
    assert parsed.errors == []
    assert [a["href"] for t, a in parsed.tags if t == "a"] == ["0000-fidan-paris-visit.html"]
    assert "failed: line 3 is not JSON &lt;script&gt;x&lt;/script&gt;" in page
    assert "brief is 22% of the article" in page
    assert "2 records, 1 failed" in page


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", "https://example.org/x.html", "../up.html", "/abs.html"]
)
def test_index_refuses_links_away_from_the_folder(href: str) -> None:
    with pytest.raises(ValueError, match="not a relative page path"):
        render_index([IndexEntry(source="x", href=href)])


@pytest.mark.parametrize(
    ("source", "index", "name"),
    [
        ("samples/fidan-paris-visit.txt", None, "fidan-paris-visit.html"),
        ("samples/fidan-paris-visit.txt", 7, "0007-fidan-paris-visit.html"),
        ("records.jsonl:12", 3, "0003-records-12.html"),
        ("https://example.org/news/a-story/?x=1", None, "example.org-news-a-story.html"),
        ("-", None, "brief.html"),
        ("<stdin>:4", 0, "0000-stdin-4.html"),
        ("../../etc/passwd", None, "passwd.html"),
        ("index.html", None, "index-brief.html"),
    ],
)
def test_page_filename(source: str, index: int | None, name: str) -> None:
    assert page_filename(source, index) == name


# --- a real browser ---------------------------------------------------------------------------


def _need_browser() -> None:
    missing = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package (pip install playwright)")
    if not CHROMIUM.exists():
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium chromium-driver)")
    if missing:
        reason = "the browser test needs " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(reason + "; CI never skips it")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _need_browser()
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="briefer-chromium-")
    try:
        with sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                profile,
                executable_path=str(CHROMIUM),
                headless=True,
                args=CHROMIUM_ARGS,
                viewport={"width": 1280, "height": 900},
                offline=True,
            )
            yield context
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


class Visit:
    """One page opened in the browser, with every request, console message and dialog."""

    def __init__(self, context: Any, path: Path) -> None:
        self.url = path.as_uri()
        self.requests: list[str] = []
        self.failed: list[tuple[str, str | None]] = []
        self.console: list[str] = []
        self.dialogs: list[str] = []
        self.page = context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("requestfailed", lambda r: self.failed.append((r.url, r.failure)))
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(self.url, wait_until="load")

    def count(self, selector: str) -> int:
        return int(self.page.locator(selector).count())

    def shots(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for label, width in (("desktop", 1280), ("phone", 390)):
            self.page.set_viewport_size({"width": width, "height": 900 if width > 400 else 844})
            self.page.screenshot(path=str(ARTIFACTS / f"{name}-{label}.png"), full_page=True)
            wide = self.page.evaluate("document.documentElement.scrollWidth")
            assert wide <= width, f"{name} is {wide} px wide in a {width} px window"
        self.page.set_viewport_size({"width": 1280, "height": 900})

    def assert_quiet(self) -> None:
        assert self.requests == [self.url], "the page asked for nothing but itself"
        assert self.failed == []
        assert self.console == []
        assert self.dialogs == []


def _open(browser: Any, tmp_path: Path, name: str, page: str) -> Visit:
    path = tmp_path / page_filename(name)
    path.write_text(page, encoding="utf-8")
    return Visit(browser, path)


def test_browser_shows_the_seed_brief(
    browser: Any, tmp_path: Path, seed_text: str, seed_page: str
) -> None:
    brief = summarize(seed_text)
    visit = _open(browser, tmp_path, "fidan-paris-visit", seed_page)
    visit.shots("fidan-paris-visit")
    page = visit.page
    assert visit.count("article mark.point:not(.cont), article mark.gist:not(.cont)") == len(
        brief.points
    )
    assert visit.count("article mark.gist") == 1
    assert page.locator("article mark.gist").get_attribute("id") == f"s-{brief.gist.sentence.index}"
    for f in brief.figures:
        mark = page.locator(f'article mark.figure[data-start="{f.start}"]')
        assert mark.inner_text() == f.text
    figures = page.locator("article mark.figure").all_inner_texts()
    assert "$7.1 billion" in figures and "29 percent" in figures
    quote = page.locator("article mark.quote", has_text="inconceivable")
    (speaker,) = [q.speaker for q in brief.quotes if "inconceivable" in q.text]
    assert speaker is not None and speaker.endswith("Recep Tayyip Erdoğan")
    assert quote.get_attribute("title") == f"quote · said by {speaker}"
    names = set(page.locator("article mark.name").all_inner_texts())
    assert {n.text for n in brief.names} <= names
    # one bar per sentence in the margin chart, the gist strongest
    assert visit.count(".chart rect") == brief.stats.sentences
    assert visit.count(".chart rect.gist") == 1
    # dark mode and print keep the highlights; print drops the chart and the back links
    gist = "getComputedStyle(document.querySelector('article mark.gist')).backgroundColor"
    light = page.evaluate(gist)
    page.emulate_media(color_scheme="dark")
    dark = page.evaluate(gist)
    page.screenshot(path=str(_artifact("fidan-paris-visit-dark.png")), full_page=True)
    page.emulate_media(color_scheme="dark", media="print")
    printed = page.evaluate(gist)
    assert page.evaluate("getComputedStyle(document.querySelector('.chart')).display") == "none"
    page.screenshot(path=str(_artifact("fidan-paris-visit-print.png")), full_page=True)
    page.emulate_media(color_scheme="light", media="screen")
    assert dark != light and printed == light and "rgba(0, 0, 0, 0)" not in (dark, printed)
    # every mark is reachable by keyboard and shows its details on focus, with a ring
    assert visit.count("article mark:not(.cont):not([tabindex='0'])") == 0
    money = page.locator("article mark.figure", has_text="$7.1 billion")
    money.focus()
    tip = page.evaluate("e => getComputedStyle(e, '::after').content", money.element_handle())
    assert tip == '"money · USD · 7,100,000,000"'
    ring = page.evaluate("e => getComputedStyle(e).outlineStyle", money.element_handle())
    assert ring == "solid"
    money.scroll_into_view_if_needed()
    page.screenshot(path=str(_artifact("fidan-paris-visit-focus.png")))
    # each key point links to its place, and its place links back
    for p in brief.points:
        assert visit.count(f'a[href="#s-{p.sentence.index}"]') >= 1
    assert visit.count("article a.back") == len(brief.points)
    first = next(p for p in brief.points if p is not brief.gist)
    page.locator("ol.points a").first.click()
    assert page.evaluate("location.hash") == f"#s-{first.sentence.index}"
    page.screenshot(path=str(_artifact("fidan-paris-visit-followed.png")))
    page.locator("article a.back[href='#k-1']").click()
    assert page.evaluate("location.hash") == "#k-1"
    visit.assert_quiet()


def test_browser_runs_nothing_from_a_hostile_article(
    browser: Any, tmp_path: Path, hostile_page: str
) -> None:
    visit = _open(browser, tmp_path, "hostile", hostile_page)
    page = visit.page
    assert page.evaluate("window.__pwned === undefined")
    assert visit.count("script") == 0
    assert visit.count("img") == 0
    assert visit.count("iframe, object, embed, link, base") == 0
    assert visit.count("a[href^='javascript'], [onerror], [onload], [onclick]") == 0
    assert page.evaluate("document.title").startswith("</title><script>alert('title')</script>")
    body = page.locator("article").inner_text()
    for shown in (
        "<script>window.__pwned = 1</script>",
        "</style>",
        "<img src=x onerror=",
        "javascript:window.__pwned=4",
    ):
        assert shown in body
    assert "javascript:alert(document.domain)" in page.locator("dl.source").inner_text()
    assert page.locator("h1").inner_text() == "</title><script>alert('title')</script>"
    visit.shots("hostile")
    visit.assert_quiet()


def test_browser_csp_blocks_what_escaping_might_ever_miss(
    browser: Any, tmp_path: Path, seed_page: str
) -> None:
    """Defence in depth: markup slipped into the page still neither runs nor loads."""
    slipped = '<script>window.__pwned = 1</script><img src="http://127.0.0.1:9/x.png"><link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
    visit = _open(browser, tmp_path, "csp", seed_page.replace("<article", slipped + "<article", 1))
    assert visit.page.evaluate("window.__pwned === undefined")
    # Chromium announces the two loads, then refuses them before any connection
    assert sorted(visit.requests) == sorted(
        [visit.url, "http://127.0.0.1:9/x.png", "http://127.0.0.1:9/x.css"]
    )
    assert sorted(visit.failed) == [
        ("http://127.0.0.1:9/x.css", "csp"),
        ("http://127.0.0.1:9/x.png", "csp"),
    ]
    assert len(visit.console) == 3 and all("Content Security Policy" in m for m in visit.console)


def test_browser_shows_a_web_page_brief(browser: Any, tmp_path: Path) -> None:
    from briefer.ingest import read_html

    url = "http://127.0.0.1:8000/business/time-warner.html?from=<script>x</script>"
    html = (ROOT / "samples" / "time-warner-profit.html").read_bytes()
    source = read_html(html, url, url=url)
    brief = summarize(source.text).with_page(source.page)
    visit = _open(
        browser,
        tmp_path,
        "time-warner-profit",
        render_page(brief, source.text, meta={"source": url}),
    )
    visit.shots("time-warner-profit")
    page = visit.page
    assert page.locator("h1").inner_text() == "Ad sales boost Time Warner profit"
    shown = page.locator("dl.source").inner_text()
    for part in (url, "Sarah Whitfield", "2005-02-04", "The Daily Ledger"):
        assert part in shown
    assert visit.count("a[href^='http']") == 0
    assert visit.count("article mark.point:not(.cont), article mark.gist:not(.cont)") == len(
        brief.points
    )
    assert visit.count("article mark.figure:not(.cont)") == len(brief.figures)
    visit.assert_quiet()


def _artifact(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name
