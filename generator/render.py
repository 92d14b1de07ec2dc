"""The Jinja2 environment that turns page contexts into Markdown.

Record text only ever arrives as template *variables*, never as template
source, so `{{ … }}` typed by an editor is shown as typed. Every value a
template prints is escaped unless it is `Markup` — made by this module's
filters (sanitised Markdown, paragraphs) or by the generator's own link
builders — so a forgotten filter shows text, never markup. Escaping is `text`:
every character Markdown or HTML could act on becomes a numeric character
reference, which the browser shows as typed and no Markdown extension reads
as syntax.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import cache
from pathlib import Path

import jinja2
import jinja2.meta
import markdown
import yaml
from markupsafe import Markup

from . import messages as say
from . import sanitize
from .errors import Problem, Severity, summary
from .photos import published_path

TEMPLATES = Path(__file__).parent / "templates"
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_ACTIVE = re.compile(r"[\\`*_{}\[\]()<>#+\-.!|~^=&$:\"']")


def text(value) -> Markup:
    """One line of plain text, safe anywhere in Markdown or HTML (also inside attributes)."""
    return Markup(_ACTIVE.sub(lambda m: f"&#{ord(m.group())};", str(value)))


def css_string(value: str) -> Markup:
    """A CSS string literal of exactly this text, safe inside <style> (and an attribute): letters, digits and
    spaces as they are, every other character as a six-digit escape."""
    return Markup('"' + "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):06x}" for ch in value) + '"')


def _finalize(value):
    """What `{{ value }}` prints: Markup as it is, anything else as text."""
    return value if hasattr(value, "__html__") else text(value)


def paragraphs(value: str) -> Markup:
    """Plain text of several lines: paragraphs at blank lines, line breaks kept, nothing interpreted."""
    paras = re.split(r"\n\s*\n", str(value).strip())
    return Markup("\n\n".join("<br>\n".join(text(line.strip()) for line in p.splitlines()) for p in paras))


# As in mkdocs.yml: a record's Markdown rendered alone must come out as the page would render it.
MARKDOWN_EXTENSIONS = sanitize.MARKDOWN_EXTENSIONS


def markdown_field(value: str) -> Markup:
    """A Markdown field of a record, made safe to place inside a page.

    Raw HTML is where a record could reach beyond its field: an unclosed
    `<body>` or `<style>` makes Python-Markdown (and then the browser) take
    the rest of the page as raw HTML. So a field with raw HTML is rendered on
    its own, sanitised, and placed as one balanced HTML block; a field without
    any (almost all of them) stays Markdown, keeping headings in the page's
    table of contents. The whole page is sanitised again after MkDocs renders it.
    """
    # Marked safe: Markdown is this field's format, and the page it lands in is sanitised as a whole.
    if "<" not in value:
        return Markup(value)
    md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    html_out = md.convert(value)
    if not md.htmlStash.rawHtmlBlocks:
        return Markup(value)
    return Markup(f'<div class="dj-html">\n{sanitize.clean(html_out)}\n</div>\n')


def oneline(value: str) -> Markup:
    """Plain text of several lines, run together for a list item or a table cell."""
    return text(" ".join(line.strip() for line in str(value).splitlines() if line.strip()))


def map_strings(data, change):
    """Front matter data (dicts, lists, strings, other values) with every string, at any depth, replaced by
    `change(key, string)`: `key` is the dict key that holds the string, None for a string in a list."""
    def walk(value, key):
        if isinstance(value, str):
            return change(key, value)
        if isinstance(value, list):
            return [walk(v, None) for v in value]
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        return value

    return walk(data, None)


def is_link(key: str | None) -> bool:
    """Whether a front matter string is a link: a docs path under a key `url` or `…_url` (the home page's portal,
    pages.Maker.portal), which the plugin resolves for each page and an export writes as an address."""
    return key is not None and (key == "url" or key.endswith("_url"))


def front_matter(**meta) -> str:
    """YAML front matter made by a YAML dumper. Every string, at any depth, is HTML-escaped with its quotes:
    themes print front matter raw, in text and in attributes alike (the plugin then marks them as escaped)."""
    data = map_strings({k: v for k, v in meta.items() if v not in (None, [], "")},
                       lambda _, v: html.escape(str(v), quote=True))
    # libyaml's emitter: the pure-Python one was a tenth of the time to make all pages.
    return "---\n" + yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000) + "---\n"


def cn_date(value: dt.date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def relative(target: str, page: str) -> str:
    """Link from one docs-relative .md path to another, as MkDocs expects in Markdown.

    Both are clean relative paths (no "." or ".." parts), so this is posixpath.relpath without its
    normalising, which cost more than the rest of making a link.
    """
    base = page.split("/")[:-1]
    parts = target.split("/")
    common = 0
    while common < len(base) and common < len(parts) - 1 and base[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:])


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=True,  # with _finalize: every value is text unless it is Markup
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(text=text, paragraphs=paragraphs, oneline=oneline, cn_date=cn_date, md=markdown_field,
                       media=published_path)
    return env


@cache
def _html_environment() -> jinja2.Environment:
    """For the few pages made as HTML rather than Markdown: Jinja's own HTML escaping of every value."""
    return jinja2.Environment(loader=jinja2.PackageLoader("generator", "templates"), undefined=jinja2.StrictUndefined,
                              autoescape=True, trim_blocks=True, lstrip_blocks=True)


def html_page(template: str, **context) -> str:
    return _html_environment().get_template(template).render(**context)


def reads(template: str, variable: str) -> bool:
    """Whether a template, or one it imports or includes, reads this variable of the page's context."""
    env = environment()
    ast = env.parse(env.loader.get_source(env, template)[0])
    if variable in jinja2.meta.find_undeclared_variables(ast):
        return True
    return any(reads(t, variable) for t in jinja2.meta.find_referenced_templates(ast) if t)


def render(template: str, **context) -> str:
    out = environment().get_template(template).render(**context)
    return re.sub(r"\n{3,}", "\n\n", out).rstrip() + "\n"


def serve_error_page(problems: list[Problem], files_checked: int) -> str:
    """What the preview shows, at every address, while a record has an error: the same list `check` prints."""
    errors = sorted((p for p in problems if p.severity is Severity.ERROR), key=lambda p: p.sort_key)
    return html_page(
        "serve_errors.html.j2",
        heading=say.PREVIEW_HEADING,
        lead=say.PREVIEW_LEAD,
        problems=[{"where": f"{p.file}:{p.line}:{p.col}", "label": p.severity.label, "message": p.text} for p in errors],
        total=summary(problems, files_checked),
    )
