"""The whole-request deadline: one clock for connecting, the headers, the body and every
redirect, which requests' per-read time-outs cannot give (a server that sends a byte every few
seconds never trips them)."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from typing import Any


class Deadline:
    """The end of a request's time (start it with the request, ``close()`` it after).

    When it passes, every socket the request opened or reused is shut down, which ends whatever
    read is waiting on it: a server that trickles its headers or body cannot hold a fetch past
    its time-out."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []  # duplicates, owned here: shutdown acts on all
        self._lock = threading.Lock()
        self._closed = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        """Seconds left; a timeout when none are."""
        left = self.end - time.monotonic()
        if left <= 0:
            self.expired = True
            raise TimeoutError("the deadline passed")
        return left

    def watch(self, sock: socket.socket) -> None:
        """Shut ``sock`` down when the deadline passes (a plain or a TLS socket)."""
        copy = socket.fromfd(sock.fileno(), sock.family, sock.type, sock.proto)
        with self._lock:
            if not self._closed:
                self._sockets.append(copy)
                if not self.expired:
                    return
                _shut(copy)
                return
        copy.close()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            if not self._closed:
                for sock in self._sockets:
                    _shut(sock)

    def close(self) -> None:
        """Stop the clock and let go of the watched sockets (the connections stay open)."""
        self._timer.cancel()
        with self._lock:
            self._closed = True
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed by the other end
        sock.shutdown(socket.SHUT_RDWR)


def resolve(host: str, port: int, deadline: Deadline | None) -> list[Any]:
    """``getaddrinfo`` for a TCP connection, given up on at the deadline (a stuck resolver
    runs on in a daemon thread; its answer is dropped)."""
    try:
        ipaddress.ip_address(host.partition("%")[0])
        numeric = True
    except ValueError:
        numeric = False
    if deadline is None or numeric:
        return socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)
    answer: list[Any] = []
    done = threading.Event()

    def lookup() -> None:
        try:
            answer.append(socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM))
        except BaseException as exc:  # handed to the caller's thread
            answer.append(exc)
        finally:
            done.set()

    threading.Thread(target=lookup, name="briefer-dns", daemon=True).start()
    if not done.wait(deadline.remaining()):
        raise TimeoutError(f"looking up {host} took too long")
    if isinstance(answer[0], BaseException):
        raise answer[0]
    return list(answer[0])
