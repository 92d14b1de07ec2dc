"""A records tree whose every free-text field is an attack, and the check that none of it is live.

Each payload is one line, so it fits plain-text fields as well as Markdown ones: script, event handlers,
attribute breakouts with either quote, `javascript:` and `data:` URLs as HTML and as Markdown links, an
attr_list attribute, and template syntax. Nothing here may run or be a link anywhere the site publishes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

PAYLOAD = (
    "<script>alert(1)</script><img src=x onerror=alert(2)>\"><svg onload=alert(3)>'><svg/onload=alert(4)>"
    " [点我](javascript:alert(5)) [d](data:text/html,<script>alert(6)</script>) {{ 7*7 }}{% raw %}"
    " \" autofocus onfocus=\"alert(7)\" x=\""
)
# Markdown fields also get what only Markdown can say: a reference link, an image, attr_list, raw HTML blocks.
MARKDOWN = (
    PAYLOAD + "\n\n"
    "[引用][r] ![图](javascript:alert(8))\n\n"
    "段落 {: onclick=\"alert(9)\" }\n\n"
    "<a href=\"javascript:alert(10)\">a</a><iframe src=\"javascript:alert(11)\"></iframe>\n\n"
    "<div onmouseover=\"alert(12)\">块</div>\n\n"
    "[r]: javascript:alert(13)\n"
)
PHOTO = "2024/p-alert_14.jpg"  # a name with markup in it is refused by check (test_errors_for_teachers)
EDIT_BRANCH = "x\"><img/src/onerror=alert(15)>"
EDIT_URI = f"https://example.org/school/site/edit/{EDIT_BRANCH}/docs/"


def q(text: str) -> str:
    """As a single-quoted YAML scalar, where only the quote itself needs escaping."""
    return "'" + text.replace("'", "''") + "'"


def md(text: str = MARKDOWN, indent: int = 2) -> str:
    """As a YAML block scalar at this indentation."""
    pad = " " * indent
    return "|\n" + "\n".join(pad + line if line else "" for line in text.splitlines()) + "\n"


P = q(PAYLOAD)

RECORDS = {
    "site.yml": f"""\
school: {P}
organization: {P}
short_name: 实小' onmouseover='alert(16)' x='  # what a file name may hold ("<>/ are refused by check)
founded: 2004-07
member_count: 10
intro: {md()}
honors:
  - title: {P}
    year: 2010
branches:
  - {{id: di-yi, name: {P}}}
pillars:
  - id: rongru
    title: {P}
    short: {P}
    summary: {P}
contact:
  address: {P}
  phone: {P}
  email: {P}
  suggestion_box: {P}
icp: {P}
police_filing: {P}
""",
    "programs/san-tong-san-yi.yml": f"title: {P}\npillar: rongru\nsummary: {P}\nbody: {md()}tags: [{P}]\n",
    "places/dangyuan-huodongshi.yml": f"title: {P}\nkind: position\naudience: {P}\naddress: {P}\nsummary: {P}\nbody: {md()}",
    "members/zhang-hua.yml": f"""\
name: {P}
branch: di-yi
role: {P}
motto: {P}
photo: {q(PHOTO)}
honors:
  - {{year: 2010, title: {P}}}
story: {md()}consent: true
""",
    "activities/2024/2024-03-12-tongke-yigou.yml": f"""\
title: {P}
date: 2024-03-12
program: san-tong-san-yi
places: [dangyuan-huodongshi]
branches: [di-yi]
members: [zhang-hua]
summary: {P}
body: {md()}photos:
  - src: {q(PHOTO)}
    caption: {P}
tags: [{P}]
""",
    "publications/dangxing-riji/index.yml": f"title: {P}\ndescription: {P}\nfrequency: {P}\n",
    "publications/dangxing-riji/2024-01.yml": f"""\
title: {P}
date: 2024-06-01
editor: {P}
cover: {q(PHOTO)}
articles:
  - title: {P}
    author: {P}
    member: zhang-hua
    body: {md(indent=6)}""",
    "duties/2024/2024-05-18-zhiban.yml": f"""\
topic: {P}
date: 2024-05-18
time: {P}
place: dangyuan-huodongshi
members: [zhang-hua]
reception:
  summary: {P}
  visitors: 3
tags: [{P}]
""",
    "responsibilities/2024/zhang-hua.yml": f"""\
member: zhang-hua
year: 2024
party_targets:
  - {P}
teaching_targets: [{P}]
assessment:
  date: 2024-12-28
  grade: 合格
  comment: {P}
follow_up:
  - date: 2024-12-30
    action: {P}
    note: {P}
""",
    "suggestions/2024/2024-05-20-jianyi.yml": f"""\
title: {P}
date: 2024-05-20
from: 家长
channel: {P}
content: {P}
state: replied
reply: {md()}replied: 2024-05-27
""",
    "reviews/2024.yml": f"""\
year: 2024
title: {P}
report: {md()}highlights: [2024-03-12-tongke-yigou]
evaluation:
  date: 2025-01-10
  voters: 10
  items:
    - item: {P}
      counts: {{好: 6, 较好: 2, 一般: 1, 差: 1}}
""",
}


def write_tree(records: Path, image) -> None:
    """The hostile records; `image(rel)` writes a real photo under records/assets/."""
    for rel, text in RECORDS.items():
        path = records / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    image(PHOTO)


# ---------------------------------------------------------------- what "live" means

_ALERT = re.compile(r"alert\(\d+\)")
_URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "content")


def _bad_url(value: str) -> bool:
    v = re.sub(r"[\s\x00-\x1f]", "", value).lower()
    return v.startswith(("javascript:", "data:text/html", "vbscript:")) or "javascript:" in v.split(";url=")[-1][:11]


def live_in_html(markup: str) -> list[str]:
    """Every way a payload would act in this HTML, as the parser that browsers follow would build it."""
    soup = BeautifulSoup(markup, "lxml")
    found = []
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                found.append(f"<{tag.name} {name}={value!r}>")
            elif name.lower() in _URL_ATTRS and _bad_url(value):
                found.append(f"<{tag.name} {name}={value!r}>")
            elif name.lower() == "autofocus" and tag.name not in ("input",):
                found.append(f"<{tag.name} autofocus>")
        if tag.name in ("script", "iframe", "object", "embed") and _ALERT.search(tag.decode()):
            found.append(tag.decode()[:120])
        if tag.name == "svg" and tag.find_parent("svg") is None and _ALERT.search(tag.decode()):
            found.append(tag.decode()[:120])
    return found


def live_in_search_index(raw: str) -> list[str]:
    """Material's search inserts titles and texts of the index as HTML."""
    found = []
    for doc in json.loads(raw)["docs"]:
        for key in ("title", "text"):
            found += [f"{doc['location']} {key}: {x}" for x in live_in_html(f"<div>{doc.get(key, '')}</div>")]
        if _bad_url(doc["location"]):
            found.append(doc["location"])
    return found


def live_in_feed(raw: bytes) -> list[str]:
    """RSS descriptions are HTML to a feed reader; titles and Atom's text elements are text, which no
    reader should make markup of, so they must not come out as markup once the XML is read either."""
    import xml.etree.ElementTree as ET

    found = []
    root = ET.fromstring(raw)
    for el in root.iter():
        if el.text and el.tag.rsplit("}", 1)[-1] in ("description", "summary", "content"):
            found += [f"{el.tag}: {x}" for x in live_in_html(f"<div>{el.text}</div>")]
        for value in el.attrib.values():
            if _bad_url(value):
                found.append(f"{el.tag}: {value}")
    return found
