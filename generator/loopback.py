"""Who a server we start on a teacher's computer answers: this computer's own names and pages, nothing else.

Bound to 127.0.0.1, a server is out of reach of the school's Wi-Fi; but a web page the teacher opens can point a
domain of its own at 127.0.0.1 (DNS rebinding) and talk to it as if it were its own site. Its requests then carry
that domain in `Host`, so a server that answers only its own names (127.0.0.1:PORT, localhost:PORT) is out of its
reach too.
"""

from __future__ import annotations

from typing import Callable, Iterable

from . import messages as say


def hosts(port: int) -> frozenset[str]:
    """The `Host` values a server on 127.0.0.1:port answers."""
    return frozenset({f"127.0.0.1:{port}", f"localhost:{port}"})


def origins(port: int) -> frozenset[str]:
    """The pages (origins) served from 127.0.0.1:port."""
    return frozenset({f"http://127.0.0.1:{port}", f"http://localhost:{port}"})


def local_only(app: Callable, port: int) -> Callable:
    """A WSGI application that passes to `app` only the requests addressed to this computer by name."""
    allowed = hosts(port)

    def guarded(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("HTTP_HOST", "").lower() not in allowed:
            body = say.PREVIEW_FOREIGN_HOST.encode("utf-8")
            start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8"),
                                             ("Content-Length", str(len(body)))])
            return [body]
        return app(environ, start_response)

    return guarded
