"""gunicorn's gthread worker whose threads only ever see whole requests (calc/serving.py uses it).

Why: gthread hands each accepted connection to a thread, which then reads the request with no
deadline. 2 workers x 4 threads are 8 slots, so 8 clients sending half a request stopped every
answer, /healthz included. Here the worker's main loop, which already waits on every socket with a
selector, reads each request itself without blocking: the request line, the headers, and the body
(by Content-Length, or chunk by chunk), and only a complete request goes to a thread, which then
parses it from memory and never waits on the client. A client that trickles costs a socket and its
bytes so far, not a thread; one that has not sent its whole request within READ_TIMEOUT seconds
(plus a second for every 64 KB it did send: an 8 MB batch on a slow line) is dropped. A Content-Length over the body limit is answered 413 at once, without reading the body.

Chosen over gevent's worker (which also frees slow clients): on this service's load mix gevent's
gave a third fewer requests per second and several times the p99 (python -m bench, the same run),
for it runs each request to the end before the next and lets one worker accept most connections.
The production front (nginx or the ingress, docs/deployment.md) still buffers for the cluster.
"""
from __future__ import annotations

import errno
import os
import re
import selectors
import time
from functools import partial

from gunicorn import util
from gunicorn.workers.gthread import ThreadWorker, TConn

READ_TIMEOUT = float(os.environ.get("CALC_READ_TIMEOUT", 30))  # a whole request, headers and body
BUFFER_MB = float(os.environ.get("CALC_BUFFER_MB", 64))  # all requests being read by one worker
DEFAULT_BODY_LIMIT = 8 * 1024 * 1024  # as calc.api.DEFAULTS; the app's own config wins
EARNS = 65536  # bytes a second that keep a request's reading alive past READ_TIMEOUT
HEADERS_LIMIT = 8190 * 102  # the request line and 100 header fields of 8190 bytes (calc/serving.py)
_EXPECT = re.compile(rb"\r\nexpect:[ \t]*100-continue[ \t]*(?=\r\n)", re.I)
_CHUNK_SIZE = re.compile(rb"[0-9a-fA-F]{1,16}")


def _header(head: bytes, name: bytes) -> bytes | None:
    found = re.search(rb"\r\n" + name + rb":[ \t]*([^\r\n]*)", head, re.I)
    return found[1].strip() if found else None


def chunked_end(body: bytes | bytearray, limit: int) -> int | None:
    """Where a chunked body ends in `body` (the offset after its last CRLF), len(body) once more
    than `limit` bytes of data are in (the app refuses it, reading no further), -1 if it cannot
    be a chunked body (the parser answers), or None if more is to come."""
    at = size = 0
    while True:
        line_end = body.find(b"\r\n", at)
        if line_end < 0:
            return None if len(body) - at <= 1024 else -1
        found = _CHUNK_SIZE.match(body, at)
        if not found:
            return -1
        n = int(found[0], 16)
        if n == 0:  # the last chunk, then trailer fields, then an empty line
            trailer_end = body.find(b"\r\n\r\n", line_end)
            if body.startswith(b"\r\n", line_end + 2):
                return line_end + 4
            return trailer_end + 4 if trailer_end >= 0 else None
        size += n
        if size > limit:
            return len(body)
        at = line_end + 2 + n + 2
        if at > len(body):
            return None


def complete(data: bytearray, body_limit: int) -> tuple[str, int]:
    """('wait', n) while the request is incomplete (n: its whole length, once known, else 0); ('whole', n) when its first n bytes are one
    whole request; ('parser', 0) when gunicorn's parser should judge it (malformed, or headers
    over the limits); ('too_large', 0) when its Content-Length is over the body limit."""
    head_end = data.find(b"\r\n\r\n")
    if head_end < 0:
        return ("parser", 0) if len(data) > HEADERS_LIMIT else ("wait", 0)
    head = bytes(data[:head_end + 2])
    start = head_end + 4
    coding = _header(head, b"transfer-encoding")
    if coding is not None:
        if b"chunked" not in coding.lower():
            return "parser", 0
        end = chunked_end(bytes(data[start:]), body_limit)
        if end is None:
            return "wait", 0
        return ("parser", 0) if end < 0 else ("whole", start + end)
    length = _header(head, b"content-length")
    if length is None:
        return "whole", start
    if not length.isdigit():
        return "parser", 0
    if int(length) > body_limit:
        return "too_large", 0
    return ("whole", start + int(length)) if len(data) >= start + int(length) else ("wait", start + int(length))


class BufferingWorker(ThreadWorker):
    """gthread, with the reading of each request done by the main loop (see the module's doc)."""

    def init_process(self):
        self.reading: dict[TConn, float] = {}  # connection -> deadline
        self.buffered = 0
        super().init_process()

    def load_wsgi(self):
        super().load_wsgi()
        config = getattr(self.wsgi, "config", None) or {}
        self.body_limit = config.get("MAX_CONTENT_LENGTH") or DEFAULT_BODY_LIMIT

    def accept(self, listener):
        try:
            sock, addr = listener.accept()
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        self._read(TConn(self.cfg, sock, addr, listener.getsockname()))

    def on_client_socket_readable(self, conn, client):
        """A kept-alive connection has more to say: read its next request here too."""
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        conn.sock.setblocking(False)
        self._read(conn)

    def _read(self, conn):
        if self.cfg.is_ssl:  # TLS ends at the front; a TLS socket is read the gthread way
            self.enqueue_req(conn)
            return
        conn.inbox = bytearray()
        conn.need = 0  # the request's whole length, once its headers give it
        conn.continued = False
        conn.read_since = time.monotonic()
        self.reading[conn] = conn.read_since + READ_TIMEOUT
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_readable, conn))
        self._on_readable(conn, conn.sock)  # most requests are already there: no trip round the selector

    def _on_readable(self, conn, sock):
        try:
            data = sock.recv(262144)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            return self._drop(conn)
        conn.inbox += data
        self.buffered += len(data)
        # A large body on a slow line earns time (a second per 64 KB past the first READ_TIMEOUT
        # seconds); a client that trickles does not.
        self.reading[conn] = conn.read_since + READ_TIMEOUT + len(conn.inbox) / EARNS
        if self.buffered > BUFFER_MB * 2**20:
            self.log.warning("requests being read hold %.0f MB: dropping one from %s", self.buffered / 2**20,
                             conn.client[0] if conn.client else "?")
            return self._drop(conn, 503)
        if conn.need and len(conn.inbox) < conn.need:  # the body is still coming: nothing to parse again
            return
        state, conn.need = complete(conn.inbox, self.body_limit)
        if state == "wait":
            if not conn.continued and _EXPECT.search(conn.inbox, 0, conn.inbox.find(b"\r\n\r\n") + 2 or None):
                conn.continued = True
                self._send(conn, b"HTTP/1.1 100 Continue\r\n\r\n")
            return
        if state == "too_large":
            return self._drop(conn, 413)
        self._stop_reading(conn)
        request = bytes(conn.inbox)
        if conn.continued:  # answered here already: gunicorn would send it a second time
            request = _EXPECT.sub(b"", request, count=1)
        conn.inbox = None
        conn.data_ready = True
        conn.sock.setblocking(True)
        conn.init()
        conn.parser.unreader.unread(request)
        self.enqueue_req(conn)

    def _send(self, conn, data: bytes):
        try:
            conn.sock.send(data)
        except OSError:
            pass

    def _stop_reading(self, conn):
        self.reading.pop(conn, None)
        self.buffered -= len(conn.inbox or b"")
        try:
            self.poller.unregister(conn.sock)
        except (KeyError, ValueError, OSError):
            pass

    def _drop(self, conn, status: int | None = None):
        self._stop_reading(conn)
        if status is not None:
            reasons = {413: "Request Entity Too Large", 503: "Service Unavailable", 408: "Request Timeout"}
            try:
                util.write_error(conn.sock, status, reasons[status], "")
            except OSError:
                pass
        self.nr_conns -= 1
        conn.close()

    def murder_pending(self):
        """Also drop connections that have not sent a whole request within READ_TIMEOUT."""
        super().murder_pending()
        now = time.monotonic()
        for conn in [c for c, deadline in self.reading.items() if deadline <= now]:
            self._drop(conn, 408 if conn.inbox else None)
