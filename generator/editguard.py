"""The only door to the web editor's file API on a teacher's computer (`make edit`).

decap-server does the editing (its fs or git mode, unchanged), but it listens on a Unix socket in a folder only
this user can open, so neither a browser page nor another machine can reach it. This server stands in front:

- bound to 127.0.0.1 only: another machine on the school's Wi-Fi gets no answer;
- it answers only requests addressed to it by name (`Host` 127.0.0.1:PORT or localhost:PORT), so a web page that
  points its own domain at 127.0.0.1 (DNS rebinding) is refused;
- it answers only the editor's own page (`Origin` is the preview's address), so a page from any other site or any
  other localhost port can neither read nor write; the browser's CORS check gets an answer for that origin only;
- every path in a request must name a record (a `.yml` file in one of the kinds' folders, by the kinds' own file
  rules) or a photo under records/assets/, with no "..", no absolute path and no link on the way, whatever
  decap-server itself would allow (it allows the whole project: generator/, .git/, .venv/ …);
- only the actions the editor uses in this mode pass.

A refusal is JSON `{"error": "…"}` in Chinese, which the editor shows as the reason a save failed.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from . import loopback
from . import messages as say
from .kinds import KINDS
from .relpaths import inner_parts

API = "/api/v1"
MAX_BODY = 50 * 1024 * 1024 + 4096  # decap-server's own limit (express.json 50mb), with room for the wrapping
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif")  # what check accepts under assets/
RECORDS = "records"
ASSETS = "records/assets"

# The proxy API's actions (decap-server's joi schema), by mode: the editorial workflow's only in git mode.
_FS_ACTIONS = frozenset({"info", "entriesByFolder", "entriesByFiles", "getEntry", "persistEntry", "getMedia",
                         "getMediaFile", "persistMedia", "deleteFile", "deleteFiles", "getDeployPreview"})
ACTIONS = {
    "fs": _FS_ACTIONS,
    "git": _FS_ACTIONS | {"unpublishedEntries", "unpublishedEntry", "unpublishedEntryDataFile",
                          "unpublishedEntryMediaFile", "deleteUnpublishedEntry", "updateUnpublishedEntryStatus",
                          "publishUnpublishedEntry"},
}
# Every parameter that holds a path, wherever it sits in a request (decap-server's schema names them so).
_FILE_KEYS = frozenset({"path", "newPath"})
_FOLDER_KEYS = frozenset({"folder", "mediaFolder"})


class Refused(Exception):
    """A request the editor's server does not pass on; the message is for the editor to show."""

    def __init__(self, message: str, status: int = 403):
        super().__init__(message)
        self.status = status


# ---------------------------------------------------------------- which paths the editor may touch


def _parts(path: object) -> list[str]:
    """A path's parts if it is a plain relative path (no "..", ".", empty part, backslash or NUL), else Refused."""
    parts = inner_parts(path)
    if parts is None or path[1:2] == ":":  # c:x names a drive's current folder on Windows
        raise Refused(say.edit_refused_path(str(path)))
    return parts


def _is_record(parts: list[str]) -> bool:
    """records/<…>.yml that one of the kinds claims by its file rule (even if misnamed: check then says how)."""
    if len(parts) < 2 or parts[0] != RECORDS or not parts[-1].endswith(".yml") or parts[1] == "assets":
        return False
    inner = parts[1:]
    return any(kind.files.identify(inner, kind.label, "") is not None for kind in KINDS.values())


def _is_photo(parts: list[str]) -> bool:
    return len(parts) > 2 and parts[:2] == ASSETS.split("/") and parts[-1].lower().endswith(PHOTO_SUFFIXES)


def _folders() -> frozenset[str]:
    """The folders the editor lists: each kind's, and the photos' (with any folder under it)."""
    return frozenset(f"{RECORDS}/{kind.files.folder}" for kind in KINDS.values() if kind.files.folder)


def _no_link(root: Path, parts: list[str], path: str) -> None:
    """No part of the path, from the project down, is a link (it could lead anywhere)."""
    here = root
    for part in parts:
        here = here / part
        if here.is_symlink():
            raise Refused(say.edit_refused_link(path))
        if not here.exists():
            return


class PathRule:
    """Which paths a request may name, under the project folder `root`."""

    def __init__(self, root: Path):
        self.root = root
        self.folders = _folders()

    def file(self, path: object) -> None:
        parts = _parts(path)
        if not (_is_record(parts) or _is_photo(parts)):
            raise Refused(say.edit_refused_path(path))
        _no_link(self.root, parts, path)

    def folder(self, path: object) -> None:
        parts = _parts(path)
        if not (path in self.folders or (len(parts) >= 2 and parts[:2] == ASSETS.split("/"))):
            raise Refused(say.edit_refused_path(path))
        _no_link(self.root, parts, path)

    def request(self, body: object, actions: frozenset[str]) -> None:
        """Refused unless `body` is {action, params} with a known action and every path in params allowed."""
        if not isinstance(body, dict) or not isinstance(body.get("action"), str):
            raise Refused(say.EDIT_BAD_REQUEST, 400)
        if body["action"] not in actions:
            raise Refused(say.edit_unknown_action(body["action"]), 422)
        self._walk(body.get("params"))

    def _walk(self, value: object) -> None:
        if isinstance(value, list):
            for item in value:
                self._walk(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key in _FILE_KEYS:
                    self.file(item)
                elif key in _FOLDER_KEYS:
                    self.folder(item)
                elif key == "paths":
                    for path in item if isinstance(item, list) else [item]:
                        self.file(path)
                else:
                    self._walk(item)


# ---------------------------------------------------------------- the server


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float):
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.socket_path)


class EditorGuard(ThreadingHTTPServer):
    """127.0.0.1:port, passing the editor page's requests (from `origins`) on to decap-server at `upstream`."""

    daemon_threads = True

    def __init__(self, port: int, *, upstream: str, origins: frozenset[str], root: Path, mode: str):
        self.hosts = loopback.hosts(port)
        self.origins = origins
        self.upstream = upstream
        self.rule = PathRule(root)
        self.actions = ACTIONS[mode]
        super().__init__(("127.0.0.1", port), _Handler)

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, name="editor-guard", daemon=True)
        thread.start()
        return thread


class _Handler(BaseHTTPRequestHandler):
    server: EditorGuard
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # the console is the teacher's: MkDocs' lines only
        pass

    def _origin(self) -> str | None:
        origin = self.headers.get("Origin")
        return origin if origin in self.server.origins else None

    def _answer(self, status: int, body: bytes = b"", content_type: str = "application/json; charset=utf-8") -> None:
        self.send_response(status)
        if origin := self._origin():
            self.send_header("Access-Control-Allow-Origin", origin)
        self.send_header("Vary", "Origin")
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _refuse(self, refusal: Refused) -> None:
        self.close_connection = True
        self._answer(refusal.status, json.dumps({"error": str(refusal)}, ensure_ascii=False).encode("utf-8"))

    def _admitted(self) -> None:
        """Refused unless the request is addressed to this server and comes from the editor's page."""
        if (self.headers.get("Host") or "").lower() not in self.server.hosts:
            raise Refused(say.EDIT_FOREIGN_HOST)
        if self.path != API:
            raise Refused(say.EDIT_BAD_REQUEST, 404)
        if self._origin() is None:
            raise Refused(say.EDIT_FOREIGN_ORIGIN)

    def do_OPTIONS(self):  # the browser's preflight for the editor's JSON requests
        try:
            self._admitted()
        except Refused as e:
            return self._refuse(e)
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", self._origin())
        self.send_header("Access-Control-Allow-Methods", "POST")
        self.send_header("Access-Control-Allow-Headers", "Content-Type")
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Vary", "Origin")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self):
        try:
            self._admitted()
            body = self._body()
            self.server.rule.request(body, self.server.actions)
        except Refused as e:
            return self._refuse(e)
        status, answer = self._forward(body)
        self._answer(status, answer)

    def _body(self) -> object:
        if not (self.headers.get("Content-Type") or "").startswith("application/json"):
            raise Refused(say.EDIT_BAD_REQUEST, 415)
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            raise Refused(say.EDIT_BAD_REQUEST, 411) from None
        if length > MAX_BODY or length < 0:
            raise Refused(say.EDIT_TOO_LARGE, 413)
        try:
            return json.loads(self.rfile.read(length))
        except ValueError:
            raise Refused(say.EDIT_BAD_REQUEST, 400) from None

    def _forward(self, body: object) -> tuple[int, bytes]:
        connection = _UnixConnection(self.server.upstream, timeout=300)
        try:
            connection.request("POST", API, body=json.dumps(body).encode("utf-8"),
                               headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def _not_allowed(self):
        self._refuse(Refused(say.EDIT_BAD_REQUEST, 405))

    do_GET = do_HEAD = do_PUT = do_DELETE = do_PATCH = _not_allowed
