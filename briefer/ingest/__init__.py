"""Input → text: bytes, paths, stdin and URLs become a :class:`Source` (the text, its encoding,
and the page's metadata for HTML and URLs).

The stage's modules, each with one job:

- :mod:`~briefer.ingest.decode`: bytes → text (BOMs, UTF-8, code pages, charset-normalizer);
- :mod:`~briefer.ingest.read`: paths, streams and URLs → a :class:`Source`;
- :mod:`~briefer.ingest.extract`: HTML → article text and metadata (trafilatura);
- :mod:`~briefer.ingest.http`: fetching on requests, with the size cap and the deadline
  (:mod:`~briefer.ingest.deadline`), requests' session as briefer sets it up
  (:mod:`~briefer.ingest.session`), connections that check the policy
  (:mod:`~briefer.ingest.connection`) and failures in one line
  (:mod:`~briefer.ingest.failures`);
- :mod:`~briefer.ingest.policy`: which URLs and addresses a fetch may reach.

The fetching names are imported on first use, so reading a file never imports requests,
urllib3 or trafilatura.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from briefer.ingest.decode import Source, decode, looks_like_html
from briefer.ingest.extract import extract
from briefer.ingest.read import (
    from_fetched,
    is_url,
    read_html,
    read_path,
    read_stream,
    read_url,
    read_urls,
)

if TYPE_CHECKING:
    from briefer.ingest.http import (
        DEFAULT_MAX_BYTES,
        DEFAULT_MAX_CONNECTIONS,
        DEFAULT_TIMEOUT,
        HTML_TYPES,
        MAX_REDIRECTS,
        Fetched,
        fetch,
        fetch_many,
    )
    from briefer.ingest.policy import (
        FetchPolicy,
        address_refusal,
        check_url,
        display_url,
        fetch_policy,
    )
    from briefer.ingest.session import USER_AGENT, http_session

_LAZY = {
    **dict.fromkeys(
        (
            "DEFAULT_MAX_BYTES",
            "DEFAULT_MAX_CONNECTIONS",
            "DEFAULT_TIMEOUT",
            "HTML_TYPES",
            "MAX_REDIRECTS",
            "Fetched",
            "fetch",
            "fetch_many",
        ),
        "http",
    ),
    **dict.fromkeys(
        ("FetchPolicy", "address_refusal", "check_url", "display_url", "fetch_policy"), "policy"
    ),
    **dict.fromkeys(("USER_AGENT", "http_session"), "session"),
}

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CONNECTIONS",
    "DEFAULT_TIMEOUT",
    "HTML_TYPES",
    "MAX_REDIRECTS",
    "USER_AGENT",
    "FetchPolicy",
    "Fetched",
    "Source",
    "address_refusal",
    "check_url",
    "decode",
    "display_url",
    "extract",
    "fetch",
    "fetch_many",
    "fetch_policy",
    "from_fetched",
    "http_session",
    "is_url",
    "looks_like_html",
    "read_html",
    "read_path",
    "read_stream",
    "read_url",
    "read_urls",
]


def __getattr__(name: str) -> Any:
    """The fetching names, imported on first use (see the module's docstring)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"briefer.ingest.{module}"), name)
    globals()[name] = value
    return value
