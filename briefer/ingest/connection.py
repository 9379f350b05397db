"""urllib3 connections that check the fetch policy and obey the deadline, and the pools that
make them: what requests' adapter connects with (see :mod:`briefer.ingest.session`)."""

from __future__ import annotations

import socket
import threading
from typing import Any

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError

from briefer.ingest.deadline import Deadline, resolve
from briefer.ingest.policy import FetchPolicy, check_address, check_addresses


class Fetching(threading.local):
    """What the current thread's fetch asks of the connections it makes or reuses, and of the
    redirects it follows (set by :func:`briefer.ingest.fetch` for the length of one fetch)."""

    policy: FetchPolicy = FetchPolicy.ANY
    deadline: Deadline | None = None
    url: str = ""  # as asked for
    max_redirects: int = 10
    hops: int = 0  # requests sent so far by this fetch (the first hop is the URL as asked)


fetching = Fetching()
"""The current thread's fetch."""


class _CheckedHTTPConnection(HTTPConnection):
    """A connection that resolves its host once, checks every address against the fetch's
    policy, connects to one of those very addresses (no second lookup a DNS-rebinding server
    could answer differently), and is watched by the fetch's deadline. Reused from the pool
    by a fetch whose policy is stricter than the one that opened it, it checks its peer."""

    _watched_by: Deadline | None = None
    _checked = False  # its address passed the ``public`` check

    def _new_conn(self) -> socket.socket:
        deadline = fetching.deadline
        try:
            infos = resolve(self._dns_host, self.port, deadline)
            self._checked = self.proxy is None and fetching.policy is FetchPolicy.PUBLIC
            if self._checked:
                check_addresses(self.host, infos)  # through a proxy, fetch checks the target
            sock = self._connect_to(infos, deadline)
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc
        except TimeoutError as exc:
            raise ConnectTimeoutError(self, f"connecting to {self.host} timed out") from exc
        except OSError as exc:
            raise NewConnectionError(self, f"Failed to establish a new connection: {exc}") from exc
        if deadline is not None:
            deadline.watch(sock)
            self._watched_by = deadline
        return sock

    def _connect_to(self, infos: list[Any], deadline: Deadline | None) -> socket.socket:
        error: OSError = OSError(f"no address for {self.host}")
        for family, kind, proto, _, sockaddr in infos:
            sock = socket.socket(family, kind, proto)
            try:
                for option in self.socket_options or ():
                    sock.setsockopt(*option)
                timeout = self.timeout if isinstance(self.timeout, float | int) else None
                if deadline is not None:
                    timeout = min(timeout or deadline.seconds, deadline.remaining())
                sock.settimeout(timeout)
                if self.source_address:
                    sock.bind(self.source_address)
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                sock.close()
                error = exc
        raise error

    def request(self, *args: Any, **kwargs: Any) -> None:
        strict = fetching.policy is FetchPolicy.PUBLIC and self.proxy is None
        if strict and self.sock is not None and not self._checked:
            check_address(self.host, str(self.sock.getpeername()[0]))
            self._checked = True
        deadline = fetching.deadline
        if deadline is not None and self.sock is not None and self._watched_by is not deadline:
            deadline.watch(self.sock)  # a pooled connection, reused by this fetch
            self._watched_by = deadline
        super().request(*args, **kwargs)


class _CheckedHTTPSConnection(_CheckedHTTPConnection, HTTPSConnection):
    """:class:`_CheckedHTTPConnection` with TLS (the certificate is checked for the host name)."""


class _HTTPPool(HTTPConnectionPool):
    """A pool of :class:`_CheckedHTTPConnection`."""

    ConnectionCls = _CheckedHTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    """A pool of :class:`_CheckedHTTPSConnection`."""

    ConnectionCls = _CheckedHTTPSConnection


POOLS: dict[str, type[HTTPConnectionPool]] = {"http": _HTTPPool, "https": _HTTPSPool}
"""The pool classes by scheme, for urllib3's pool managers."""
