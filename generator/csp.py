"""The Content-Security-Policy each published page carries in a <meta> element: nothing is loaded from elsewhere, and
no inline script runs unless this build wrote it — each one is allowed by its SHA-256, taken from the finished
page itself (Material's and the lightbox's scripts included), so a script injected into a record's text never runs.

In the page, not in a web server's header: object storage sets no headers, and nginx would need a reload whenever
a script changed. What a <meta> policy cannot say (frame-ancestors) nginx says (deploy/nginx.conf).
"""

from __future__ import annotations

import base64
import hashlib
import re

# The raw text of each script element, as the HTML tokenizer reads it (it ends at the first "</script").
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*(["']?)([^"'\s>]*)\1""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
# Script types a browser runs (anything else, like Material's application/json configuration, is data).
_RUNS = {"", "text/javascript", "application/javascript", "module"}
_HEAD = re.compile(r"<head\b[^>]*>(\s*<meta charset=[^>]*>)?", re.IGNORECASE)

# Every directive a page needs, and nothing from another origin. Styles inline too: Material's and the lightbox's
# scripts set style attributes (Chromium refuses them under 'self' alone); no record's value reaches one (escaped).
POLICY = ("default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
          "font-src 'self' data:", "connect-src 'self'", "worker-src 'self'", "object-src 'none'", "base-uri 'self'",
          "form-action 'self'")


def inline_hashes(html: str) -> list[str]:
    """`'sha256-…'` for each inline script the page runs, in order, once each."""
    out: list[str] = []
    for attributes, body in _SCRIPT.findall(html):
        kind = _TYPE.search(attributes)
        if _SRC.search(attributes) or (kind and kind.group(2).lower() not in _RUNS):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        if (token := f"'sha256-{digest}'") not in out:
            out.append(token)
    return out


def policy(html: str) -> str:
    scripts = " ".join([POLICY[1], *inline_hashes(html)])
    return "; ".join([POLICY[0], scripts, *POLICY[2:]])


def with_policy(html: str) -> str:
    """The page with its policy as the first element of <head> after the charset (which must come first)."""
    head = _HEAD.search(html)
    if head is None:  # not a page (a fragment or another format): nothing runs in it
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html[:head.end()] + meta + html[head.end():]
