"""`python -m generator import FILE.docx…`: every document read and planned first; then either nothing is written
(a file that cannot be imported) or every planned record and photo is, each created new, never over a file."""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import messages as say
from ..pinyin import slug
from ..yamlform import clean, dump
from ..yamlio import read_record
from . import practice
from .briefing import Briefing, read_briefing
from .markdown import to_markdown
from .reading import NotWord, Picture, read

# Kept as they are; the others Pillow can read become PNG (a GIF's first frame).
_KEPT = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}
_CONVERTED = {"image/gif", "image/bmp", "image/x-ms-bmp", "image/tiff"}
_SAME_DAY_LIKE = 0.6  # how alike two titles of one day are before they are taken for the same activity


@dataclass
class Planned:
    source: Path
    briefing: Briefing
    record: str  # path under records/
    text: str
    photos: list[tuple[str, bytes, str | None]]  # (path under records/assets/, bytes, caption)
    guess: practice.Guess
    drawings: int = 0
    broken: int = 0


@dataclass
class Outcome:
    refused: list[str] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)


def documents(paths: list[str]) -> tuple[list[Path], list[str]]:
    """The .docx files named, a folder standing for every .docx in it (not Word's ~$ lock files)."""
    found, problems = [], []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            inside = sorted(f for f in p.rglob("*") if f.suffix.lower() == ".docx" and not f.name.startswith("~$")
                            and f.is_file())
            found += inside
            if not inside:
                problems.append(say.import_nothing_in(given))
        elif p.is_file():
            found.append(p)
        else:
            problems.append(say.import_no_such_file(given))
    return list(dict.fromkeys(found)), problems


def _normal(title: str) -> str:
    return re.sub(r"[\W_]+", "", title).lower()


class _Tree:
    """What records/ already holds that an import must not repeat or overwrite, read file by file (so a tree with
    an error elsewhere can still take an import)."""

    def __init__(self, records: Path):
        self.records = records
        self.activities: list[tuple[str, str, str]] = []  # (path shown, title, date)
        for path in sorted((records / "activities").glob("*/*.yml")):
            data = _data(path, records)
            if isinstance(data.get("title"), str):
                self.activities.append(((records / path.relative_to(records)).as_posix(), data["title"],
                                        str(data.get("date", ""))))
        self.practices = []
        for path in sorted((records / "programs").glob("*.yml")):
            data = _data(path, records)
            words = data.get("keywords") if isinstance(data.get("keywords"), list) else []
            if isinstance(data.get("title"), str):
                self.practices.append(practice.Practice.of(path.stem, data["title"],
                                                           [w for w in words if isinstance(w, str)]))
        self.taken: set[str] = set()  # paths under records/ planned by this import

    def duplicate(self, title: str, day: dt.date) -> str | None:
        for shown, other, other_day in self.activities:
            if _normal(other) == _normal(title):
                return say.import_duplicate(shown, other, True)
            if other_day == day.isoformat() and \
                    difflib.SequenceMatcher(None, _normal(other), _normal(title)).ratio() >= _SAME_DAY_LIKE:
                return say.import_duplicate(shown, other, False)
        return None

    def free(self, folder: str, base: str, suffix: str) -> str:
        """folder/base+suffix, or base-2 … whichever names no file yet (and none this import plans)."""
        candidate, n = base, 1
        while (rel := f"{folder}/{candidate}{suffix}") in self.taken or (self.records / rel).exists():
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(rel)
        return rel


def _data(path: Path, records: Path) -> dict:
    doc, _ = read_record(path, path.relative_to(records).as_posix())
    return doc.data if doc is not None and isinstance(doc.data, dict) else {}


def _photo(picture: Picture) -> tuple[bytes, str] | None:
    """The picture as a photo file (bytes, suffix), or None when it is no photo Pillow can open."""
    from PIL import Image

    kept = picture.content_type in _KEPT
    if not kept and picture.content_type not in _CONVERTED:
        return None
    try:
        with Image.open(io.BytesIO(picture.data)) as im:
            im.load()
            if kept:
                return picture.data, _KEPT[picture.content_type]
            out = io.BytesIO()
            im.convert("RGBA" if "A" in im.getbands() or "transparency" in im.info else "RGB").save(out, "PNG")
            return out.getvalue(), ".png"
    except Exception:  # noqa: BLE001 — Pillow says "cannot decode" in a dozen exception types
        return None


def plan(paths: list[Path], records: Path, today: dt.date) -> Outcome:
    from ..cms import form_order
    from ..kinds import KINDS

    tree = _Tree(records)
    out = Outcome()
    order = form_order(KINDS["activity"])
    for path in paths:
        try:
            doc = read(path)
        except NotWord as e:
            out.refused.append(str(e))
            continue
        b = read_briefing(doc, path.stem, today.year + 1)
        if b.date is None:
            out.refused.append(say.import_no_date(path.name, path.stem))
            continue
        day = b.date.date
        if (why := tree.duplicate(b.title, day)) is not None:
            out.skipped.append((path, why))
            continue
        base = f"{day.isoformat()}-{slug(b.title)}"
        record = tree.free(f"activities/{day.year}", base, ".yml")
        stem = record.rsplit("/", 1)[1].removesuffix(".yml")
        photos, drawings, broken = [], 0, 0
        for photo in b.photos:
            picture = doc.pictures[photo.picture]
            made = _photo(picture)
            if made is None:
                drawings += picture.content_type not in _KEPT and picture.content_type not in _CONVERTED
                broken += picture.content_type in _KEPT or picture.content_type in _CONVERTED
                continue
            data, suffix = made
            rel = tree.free(f"assets/{day.year}", f"{stem}-{len(photos) + 1}", suffix)
            photos.append((rel.removeprefix("assets/"), data, photo.caption))
        body = to_markdown(b.body)
        guess = practice.guess(b.title, body, tree.practices)
        data = clean({
            "title": b.title,
            "date": day.isoformat(),
            "program": guess.practice.id if guess.practice else None,
            "body": body,
            "photos": [{"src": src, "caption": caption} for src, _, caption in photos],
            "status": "draft",
        })
        out.planned.append(Planned(path, b, record, dump(data, order), photos, guess, drawings, broken))
        tree.activities.append(((records / record).as_posix(), b.title, day.isoformat()))
    return out


def write(planned: list[Planned], records: Path) -> None:
    """Every planned photo and record, each a new file; on any failure, none of them."""
    made: list[Path] = []
    try:
        for p in planned:
            for rel, data, _ in p.photos:
                made.append(_create(records / "assets" / rel, data))
            made.append(_create(records / p.record, p.text.encode("utf-8")))
    except BaseException:
        for path in made:
            path.unlink(missing_ok=True)
        raise


def _create(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as f:  # "x": never over a file, even one made since the plan
        try:
            f.write(data)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
    return path


def summary(p: Planned, records: Path) -> list[str]:
    b = p.briefing
    lines = [f"{p.source.as_posix()} → {(records / p.record).as_posix()}",
             say.import_title(b.title, b.title_from_name),
             say.import_date(b.date.date.isoformat(), b.date_from, b.date.text, b.year_from),
             say.import_photos([((records / "assets" / rel).as_posix(), caption) for rel, _, caption in p.photos])]
    g = p.guess
    lines.append(say.import_practice(g.practice.id if g.practice else None, g.practice.title if g.practice else None,
                                     g.word, [t.title for t in g.tied]))
    for extra in (say.import_pictures_left(len(b.left_out_pictures), p.drawings, p.broken),
                  say.import_left_out(b.masthead, b.foot)):
        if extra:
            lines.append(extra)
    return lines
