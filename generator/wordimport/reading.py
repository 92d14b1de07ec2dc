"""A Word document's paragraphs and photos, in order, as plain sanitised HTML.

mammoth reads a .docx for its meaning, not its looks: headings, bold, lists and tables become HTML, fonts, colours
and sizes are dropped, and every embedded picture reaches us with its bytes and type, where it stood. (python-docx
gives runs and XML, with no numbering for lists and no pictures in their place; docx2python gives text and loses the
bold and the lists.) What mammoth writes then passes the same sanitiser as every record's body before anything reads
it."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import messages as say
from ..sanitize import clean

# Word's own 标题 styles; mammoth maps 标题 1–6 (Heading 1–6) itself.
_STYLE_MAP = "p[style-name='Title'] => h1:fresh\np[style-name='Subtitle'] => h2:fresh"


class NotWord(Exception):
    """A file this command cannot read, with what to do, in Chinese."""


@dataclass(frozen=True, slots=True)
class Picture:
    content_type: str
    data: bytes


@dataclass(slots=True)
class Block:
    """One paragraph, heading, list or table at the top level of the document."""

    tag: str  # p, h1 … h6, ul, ol, table
    html: str  # sanitised; a picture is <img src="picture-N">
    text: str  # what a reader sees, pictures left out
    pictures: list[int] = field(default_factory=list)  # indexes into Document.pictures


@dataclass(slots=True)
class Document:
    blocks: list[Block]
    pictures: list[Picture]


def _sniff(path: Path) -> str | None:
    """Why the file is no .docx (a message), or None when it is one."""
    with open(path, "rb") as f:
        head = f.read(8)
    name = path.name
    if not head:
        return say.import_empty_file(name)
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # the old binary format of Word 97–2003 and WPS
        return say.import_old_word(name)
    if head.startswith(b"%PDF"):
        return say.import_pdf(name)
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG", b"GIF8")) or head[4:8] == b"ftyp":
        return say.import_picture(name)
    if head.startswith(b"{\\rtf"):
        return say.import_rtf(name)
    if not zipfile.is_zipfile(path):
        return say.import_not_word(name)
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        if "word/document.xml" in names:
            return None
        if "mimetype" in names and b"opendocument.text" in z.read("mimetype"):
            return say.import_odt(name)
    return say.import_not_word(name)


def read(path: Path) -> Document:
    """The document's blocks and pictures; NotWord when it is no .docx or cannot be read as one."""
    import mammoth
    from bs4 import BeautifulSoup

    if (why := _sniff(path)) is not None:
        raise NotWord(why)
    pictures: list[Picture] = []

    def picture(image) -> dict:
        with image.open() as stream:
            pictures.append(Picture(image.content_type or "", stream.read()))
        return {"src": f"picture-{len(pictures) - 1}"}

    try:
        with open(path, "rb") as f:
            result = mammoth.convert_to_html(f, convert_image=mammoth.images.img_element(picture), style_map=_STYLE_MAP)
    except (KeyError, ValueError, zipfile.BadZipFile, OSError) as e:
        if isinstance(e, OSError) and not isinstance(e, zipfile.BadZipFile) and e.errno is not None:
            raise  # the disk, not the document
        raise NotWord(say.import_broken_word(path.name)) from None
    soup = BeautifulSoup(clean(result.value), "html.parser")
    blocks = []
    for node in soup.find_all(recursive=False):
        if node.name is None:
            continue
        indexes = [int(img["src"].removeprefix("picture-")) for img in node.find_all("img")
                   if img.get("src", "").startswith("picture-")]
        blocks.append(Block(node.name, str(node), node.get_text().strip(), indexes))
    return Document(blocks, pictures)
