"""`make edit` on the school's Wi-Fi (generator/editguard.py, generator/loopback.py): started for real on a copy of
the project, its editor's server and preview answer this computer's editor page only. From another address, with a
foreign `Host`, or from a page on another localhost port in Chromium, no request reads, writes or deletes anything;
from the editor's own page, nothing outside records/ can be read or written."""

from __future__ import annotations

import base64
import http.client
import json
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest
from support.sitebuild import free_port, http_server, make_edit, project_copy

pytestmark = pytest.mark.build

INTERNAL = """\
title: 支委会内部讨论
date: 2011-05-06
program: san-tong-san-yi
summary: 内部讨论的摘要。
visibility: internal
"""
SECRET = "内部讨论的摘要"
PIXEL = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000000500010d0a2db40000000049454e44ae426082")).decode()


@pytest.fixture(scope="module")
def edit(tmp_path_factory):
    """`make edit` in a copy of the project, with an internal record and a link out of records/assets/; yields
    (preview address, editor server port, project, a folder outside the project)."""
    base = tmp_path_factory.mktemp("guard")
    project = project_copy(base / "project")
    (project / "records/activities/2011/2011-05-06-neibu.yml").write_text(INTERNAL, encoding="utf-8")
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.jpg").write_bytes(base64.b64decode(PIXEL))
    (project / "records/assets/elsewhere").symlink_to(outside)
    decap = free_port()
    with make_edit(project, decap=decap) as url:
        yield url, decap, project, outside


def _api(port: int, body: dict, *, host: str | None = None, origin: str | None = None,
         address: str = "127.0.0.1") -> tuple[int, str]:
    connection = http.client.HTTPConnection(address, port, timeout=20)
    headers = {"Content-Type": "application/json; charset=utf-8", "Host": host or f"127.0.0.1:{port}"}
    if origin:
        headers["Origin"] = origin
    connection.request("POST", "/api/v1", body=json.dumps(body).encode(), headers=headers)
    response = connection.getresponse()
    answer = response.status, response.read().decode("utf-8")
    connection.close()
    return answer


def _persist_media(path: str) -> dict:
    return {"action": "persistMedia", "params": {"branch": "main", "asset": {"path": path, "content": PIXEL,
            "encoding": "base64"}, "options": {"commitMessage": "上传"}}}


def _get_entry(path: str) -> dict:
    return {"action": "getEntry", "params": {"branch": "main", "path": path}}


def _delete(path: str) -> dict:
    return {"action": "deleteFile", "params": {"branch": "main", "path": path, "options": {"commitMessage": "删除"}}}


def _origin(url: str) -> str:
    return url.rstrip("/")


RECORD = "records/activities/2011/2011-05-06-neibu.yml"
NEW_PHOTO = "records/assets/2024/guard-test.png"


def test_another_address_on_this_machine_gets_no_answer(edit):
    url, decap, *_ = edit
    preview = int(url.rsplit(":", 1)[1].strip("/"))
    for port in (decap, preview):
        with socket.socket() as s, pytest.raises(ConnectionRefusedError):
            s.settimeout(5)
            s.connect(("127.0.0.2", port))


def test_a_foreign_host_reads_writes_and_deletes_nothing(edit):
    """A page on a domain pointed at 127.0.0.1 (DNS rebinding) sends its own name as Host, and its own origin."""
    url, decap, project, _ = edit
    for origin in ("http://rebind.example", _origin(url)):
        host = f"rebind.example:{decap}"
        status, answer = _api(decap, _get_entry(RECORD), host=host, origin=origin)
        assert status == 403 and SECRET not in answer
        assert json.loads(answer) == {"error": "这个请求不是发给本机网页编辑器的地址，已拒绝。请在本机打开 make edit "
                                               "显示的地址。"}
        assert _api(decap, _persist_media(NEW_PHOTO), host=host, origin=origin)[0] == 403
        assert _api(decap, _delete(RECORD), host=host, origin=origin)[0] == 403
    assert not (project / NEW_PHOTO).exists() and (project / RECORD).is_file()

    preview = int(url.rsplit(":", 1)[1].strip("/"))
    connection = http.client.HTTPConnection("127.0.0.1", preview, timeout=20)
    connection.request("GET", "/activities/2011/2011-05-06-neibu/", headers={"Host": f"rebind.example:{preview}"})
    response = connection.getresponse()
    assert (response.status, response.read().decode("utf-8")) == (
        403, "这个预览只回答本机的地址（127.0.0.1 或 localhost），已拒绝。请在本机打开 make serve 或 make edit 显示的地址。")


def test_without_the_editors_origin_nothing_passes(edit):
    """Another localhost port, another site, or no origin at all (not a browser page): refused, with no CORS
    answer that would let a page read the refusal."""
    url, decap, project, _ = edit
    preview = int(url.rsplit(":", 1)[1].strip("/"))
    for origin in (f"http://127.0.0.1:{preview + 1}", f"http://localhost:{decap}", "http://example.org", None):
        status, answer = _api(decap, _get_entry(RECORD), origin=origin)
        assert status == 403 and SECRET not in answer
        assert json.loads(answer)["error"] == "这个请求不是来自本机的网页编辑器页面，已拒绝。请在本机打开 make edit 显示的地址。"
        assert _api(decap, _persist_media(NEW_PHOTO), origin=origin)[0] == 403
    assert not (project / NEW_PHOTO).exists()


def test_a_page_on_another_localhost_port_can_neither_read_nor_write(edit, browser, tmp_path):
    url, decap, project, _ = edit
    (tmp_path / "index.html").write_text("<!doctype html><title>别的本机网页</title>", encoding="utf-8")
    with http_server(tmp_path) as other:  # a plain static server on another port, as any local dev tool
        assert other.startswith("http://127.0.0.1:") and other != url
        page = browser.new_page()
        page.goto(other)
        results = page.evaluate("""async ([api, bodies]) => {
            const out = [];
            for (const body of bodies) {
              try {
                const r = await fetch(api, {method: "POST", headers: {"Content-Type": "application/json"},
                                            body: JSON.stringify(body)});
                out.push("answered " + r.status + " " + await r.text());
              } catch (e) { out.push("blocked"); }
              try {  // a "simple" request, which the browser sends without asking first
                await fetch(api, {method: "POST", mode: "no-cors", body: JSON.stringify(body)});
                out.push("sent");
              } catch (e) { out.push("blocked"); }
            }
            return out;
        }""", [f"http://127.0.0.1:{decap}/api/v1", [_get_entry(RECORD), _persist_media(NEW_PHOTO), _delete(RECORD)]])
        page.close()
    assert results == ["blocked", "sent"] * 3  # the opaque no-cors sends were refused unread (no JSON type)
    assert not (project / NEW_PHOTO).exists() and (project / RECORD).is_file()


OUTSIDE_RECORDS = [
    "generator/templates/home.md.j2", ".git/config", "mkdocs.yml", ".venv/lib/python3.11/site-packages/x.pth",
    "records/../mkdocs.yml", "records/activities/../../mkdocs.yml", "/etc/passwd", "records//site.yml",
    "./records/site.yml", "records\\site.yml", "records/README.md", "records/activities/2024/x.txt",
    "records/assets/2024/x.svg", "records/assets/2024/x.html", "docs/admin/config.yml",
]


def test_from_the_editors_own_page_nothing_outside_records_is_touched(edit, browser):
    url, decap, project, outside = edit
    page = browser.new_page()
    page.goto(url)  # a page of the editor's own origin
    api = f"http://127.0.0.1:{decap}/api/v1"
    send = """async ([api, body]) => {
        const r = await fetch(api, {method: "POST", headers: {"Content-Type": "application/json; charset=utf-8"},
                                    body: JSON.stringify(body)});
        return [r.status, await r.json()];
    }"""
    before = (project / "mkdocs.yml").read_bytes()
    for path in OUTSIDE_RECORDS:
        expected = [403, {"error": f"不能读写“{path}”：网页编辑器只能改动 records/ 里各类记录的 .yml 文件"
                                   "和 records/assets/ 里的照片（JPEG、PNG、WebP、HEIC）。"}]
        for body in (_get_entry(path), _persist_media(path), _delete(path)):
            assert page.evaluate(send, [api, body]) == expected, (path, body["action"])
        if not path.startswith("records/assets/"):  # any folder under assets/ may be listed, for its photos
            folder = {"action": "entriesByFolder", "params": {"branch": "main", "folder": path, "extension": "yml",
                                                              "depth": 1}}
            assert page.evaluate(send, [api, folder]) == expected, path
    assert (project / "mkdocs.yml").read_bytes() == before and (project / "generator").exists() is False

    linked = "records/assets/elsewhere/secret.jpg"
    refused = [403, {"error": f"不能读写“{linked}”：这条路径经过一个链接（快捷方式），它可能指向 records/ 以外。"
                              "请把链接换成真正的文件或文件夹。"}]
    assert page.evaluate(send, [api, _persist_media(linked)]) == refused
    assert page.evaluate(send, [api, {"action": "getMediaFile", "params": {"branch": "main", "path": linked}}]) == refused
    assert sorted(p.name for p in outside.iterdir()) == ["secret.jpg"]

    unknown = {"action": "publishUnpublishedEntry", "params": {"branch": "main", "collection": "activity", "slug": "x"}}
    assert page.evaluate(send, [api, unknown]) == [422, {"error": "网页编辑器不做“publishUnpublishedEntry”这种操作，已拒绝。"}]

    # The same page may do what the editor is for: a photo in records/assets/, read back.
    status, answer = page.evaluate(send, [api, _persist_media(NEW_PHOTO)])
    assert status == 200 and answer["path"] == NEW_PHOTO
    assert (project / NEW_PHOTO).read_bytes() == base64.b64decode(PIXEL)
    status, answer = page.evaluate(send, [api, _get_entry(RECORD)])
    assert status == 200 and SECRET in answer["data"]
    page.close()


def test_make_edit_stopped_leaves_no_folder_behind_and_sweeps_a_killed_ones(edit, tmp_path):
    """Stopped as a service manager or a closed terminal stops it (SIGTERM), `make edit` removes its private folder
    (the socket's); one that kill -9 left behind, of a process that is gone, the next start removes."""
    _, _, project, _ = edit
    temp = Path(tempfile.gettempdir())
    gone = subprocess.Popen(["true"])  # a process id that no longer runs
    gone.wait()
    stale = temp / f"dangjian-edit-{gone.pid}-stale"
    stale.mkdir()
    (stale / "decap.sock").write_text("", encoding="utf-8")
    before = set(temp.glob("dangjian-edit-*"))
    with make_edit(project, decap=free_port()):
        assert len(set(temp.glob("dangjian-edit-*")) - before) == 1  # its own, while it runs
        assert not stale.exists()
    assert set(temp.glob("dangjian-edit-*")) - before == set()
