"""deploy/nginx.conf serving what `generator deploy` sent to a real sshd, through a real nginx on loopback: the
site page for page, the headers a security review expects, the Chinese 404, compression and cache rules; a
visitor never gets a page whose files are missing while a deploy switches releases; in Chromium, every page
loads under its Content-Security-Policy with no violation, and a script the build did not write does not run."""

from __future__ import annotations

import gzip
import http.client
import re
import shutil
import threading
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from support.deploying import run_deploy
from support.nginx import nginx
from support.shown import PAGES
from support.sshd import sshd

pytestmark = pytest.mark.build

SECURITY = {"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "strict-origin-when-cross-origin",
            "Content-Security-Policy": "frame-ancestors 'none'; object-src 'none'; base-uri 'self'",
            "Permissions-Policy": "camera=(), microphone=(), geolocation=()"}


def deploy(server, site: Path, www: Path) -> None:
    done = run_deploy("--site", str(site), "--to", server.to(www), env=server.env())
    assert done.returncode == 0, done.stderr


def get(url: str, **headers) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


@pytest.fixture(scope="module")
def ssh_server(tmp_path_factory):
    with sshd(tmp_path_factory.mktemp("sshd")) as s:
        yield s


@pytest.fixture(scope="module")
def served(ssh_server, shipped_site, tmp_path_factory):
    folder = tmp_path_factory.mktemp("nginx")
    www = folder / "www"
    deploy(ssh_server, shipped_site, www)
    with nginx(folder / "nginx", www / "current") as base:
        yield base, www


def test_the_deployed_site_is_served_page_for_page_with_the_headers_a_review_expects(served, shipped_site):
    base, _ = served
    names = sorted(p.relative_to(shipped_site).as_posix() for p in shipped_site.rglob("*")
                   if p.is_file() and not p.name.startswith("."))
    for name in names:
        status, headers, body = get(f"{base}/{name}")
        # the 404 page answers only with status 404
        assert (status, body) == (404 if name == "404.html" else 200, (shipped_site / name).read_bytes()), name
        assert {k: headers.get(k) for k in SECURITY} == SECURITY, name
        fingerprinted = re.search(r"\.[0-9a-f]{8}\.min\.(css|js)$", name)
        assert headers.get("Cache-Control") == ("max-age=31536000" if fingerprinted else
                                                "no-cache" if name != "404.html" else None), name
    types = {n.rsplit(".", 1)[-1]: get(f"{base}/{n}")[1]["Content-Type"] for n in names}
    assert types == {"html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
                     "js": "application/javascript; charset=utf-8", "json": "application/json; charset=utf-8",
                     "map": "application/octet-stream", "xml": "text/xml; charset=utf-8", "gz": "application/octet-stream",
                     "jpg": "image/jpeg", "png": "image/png"}

    status, headers, body = get(f"{base}/meiyou/zhe-ye/")
    assert status == 404 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert "<h1>找不到这一页</h1>" in body.decode("utf-8") and {k: headers.get(k) for k in SECURITY} == SECURITY
    assert get(f"{base}/.dangjian-site")[0] == 404  # the deploy's own files are not served
    assert get(f"{base}/.manifest")[0] == 404

    c = http.client.HTTPConnection(urlsplit(base).netloc)
    c.request("GET", "/members")
    r = c.getresponse()
    assert (r.status, r.getheader("Location")) == (301, "/members/")  # relative links resolve from the folder
    c.close()
    css = next(n for n in names if n.startswith("assets/stylesheets/main."))
    status, headers, body = get(f"{base}/{css}", **{"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == (shipped_site / css).read_bytes()
    assert len(body) < (shipped_site / css).stat().st_size / 3


_USES = re.compile(r"<(?:link|script|img)\b[^>]*?\b(?:href|src)=\"([^\"#?]+)", re.IGNORECASE)


def test_a_visitor_never_gets_a_page_whose_files_are_missing_while_a_deploy_switches(ssh_server, shipped_site,
                                                                                     tmp_path):
    www = tmp_path / "www"
    deploy(ssh_server, shipped_site, www)
    # the next site: new styles under a new fingerprint, so every page names a file the live release lacks
    new = tmp_path / "new"
    shutil.copytree(shipped_site, new)
    old_css = next((new / "assets/stylesheets").glob("main.*.min.css"))
    new_css = old_css.with_name("main.0badcafe.min.css")
    old_css.rename(new_css)
    for page in new.rglob("*.html"):
        page.write_text(page.read_text(encoding="utf-8").replace(old_css.name, new_css.name), encoding="utf-8")

    pages = sorted(PAGES)
    seen: dict[str, int] = {"old": 0, "new": 0}
    missing: list[str] = []
    done = threading.Event()

    def visit(base):
        while not done.is_set():
            for path in pages:
                status, _, body = get(f"{base}/{path}")
                html = body.decode("utf-8")
                seen["new" if new_css.name in html else "old"] += 1
                for used in _USES.findall(html):
                    url = urljoin(f"{base}/{path}", used)
                    if get(url)[0] != 200:
                        missing.append(f"{path} -> {used}")

    with nginx(tmp_path / "nginx", www / "current") as base:
        visitor = threading.Thread(target=visit, args=(base,))
        visitor.start()
        try:
            deploy(ssh_server, new, www)
            seen_at_switch = dict(seen)
            while seen["new"] < len(pages) * 2:
                done.wait(0.05)
        finally:
            done.set()
            visitor.join()
    assert seen_at_switch["old"] > len(pages)  # the visitor was reading the old site while the deploy ran
    assert missing == []


def test_chromium_through_nginx_sees_no_policy_violation_and_no_error_and_a_foreign_script_does_not_run(
        served, shipped_site, browser):
    base, www = served
    paths = sorted(p.relative_to(shipped_site).as_posix().removesuffix("index.html")
                   for p in shipped_site.rglob("*.html") if p.name != "404.html") + ["meiyou/"]  # the 404 page
    context = browser.new_context()
    context.add_init_script("""document.addEventListener("securitypolicyviolation",
        e => (window.__violations = window.__violations || []).push(e.violatedDirective + " " + e.blockedURI))""")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    violations: list[str] = []
    for path in paths:
        page.goto(f"{base}/{path}", wait_until="load")
        page.wait_for_load_state("networkidle")
        violations += [f"{path}: {v}" for v in page.evaluate("window.__violations || []")]
        assert page.evaluate("typeof __md_scope") == "object", path  # Material's inline script ran (by its hash)
    not_found = f"{base}/meiyou/: Failed to load resource: the server responded with a status of 404 (Not Found)"
    assert len(paths) > 50 and (violations, errors) == ([], [not_found])

    # a script that reached a page some other way than the build (a tampered file, a sanitiser bug) is refused
    target = www / "current/members/index.html"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("</body>", "<script>window.__ran = true</script></body>"), encoding="utf-8")
    try:
        page.goto(f"{base}/members/", wait_until="load")
        assert page.evaluate("window.__ran === undefined")
        assert page.evaluate("window.__violations") == ["script-src-elem inline"]
    finally:
        target.write_text(text, encoding="utf-8")
    context.close()
