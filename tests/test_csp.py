"""generator/csp.py: each page's policy allows exactly the inline scripts the finished page runs, by hash."""

from __future__ import annotations

import base64
import hashlib
import re

from generator import csp


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


PAGE = """<!doctype html><html><head>
<meta charset="utf-8">
<script>var a = "党建";</script>
<script id="__config" type="application/json">{"x": 1}</script>
<script src="a.js"></script>
<SCRIPT type="module">import "./b.js";</SCRIPT>
<script>var a = "党建";</script>
</head><body><script type='text/javascript'>
go()</script></body></html>"""


def test_every_inline_script_a_browser_runs_is_hashed_once_and_data_and_files_are_not():
    assert csp.inline_hashes(PAGE) == [sha('var a = "党建";'), sha('import "./b.js";'), sha("\ngo()")]


def test_the_policy_follows_the_charset_and_names_nothing_from_elsewhere():
    out = csp.with_policy(PAGE)
    head = '<!doctype html><html><head>\n<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="'
    assert out.startswith(head) and out.endswith(PAGE.removeprefix('<!doctype html><html><head>\n<meta charset="utf-8">'))
    scripts = " ".join(csp.inline_hashes(PAGE))
    assert out[len(head):].split('">', 1)[0] == (
        f"default-src 'self'; script-src 'self' {scripts}; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        "worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'")


def test_a_page_without_inline_scripts_allows_only_its_own_files_and_a_fragment_is_left_alone():
    assert "script-src 'self'; style-src" in csp.policy("<html><head></head><body></body></html>")
    assert csp.with_policy("<p>片段</p>") == "<p>片段</p>"


def test_every_published_page_carries_one_policy_naming_exactly_its_own_inline_scripts(shipped_site):
    pages = sorted(shipped_site.rglob("*.html"))
    assert len(pages) > 50 and (shipped_site / "404.html") in pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        metas = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
        assert len(metas) == 1, page
        without = html.replace(f'<meta http-equiv="Content-Security-Policy" content="{metas[0]}">', "")
        assert metas[0] == csp.policy(without) and len(csp.inline_hashes(without)) >= 2, page
