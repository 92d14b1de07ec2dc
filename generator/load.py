"""Walk records/, read every file, and build typed records, collecting every problem."""

from __future__ import annotations

import difflib
import functools
import hashlib
import os
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, TypeAdapter, ValidationError

from . import messages as say
from .assets import AssetChecker
from .errors import Problem, Severity, field_path
from .fields import model_in
from .filestat import signature
from .kinds import KINDS, FileIdentity, Kind, Record
from .photo_memory import PHOTO_CACHE, PhotoMemory
from .photos import ORIGINAL_BYTES, ORIGINAL_EDGE
from .privacy import scan
from .yaml12 import misread
from .yamlio import Document, line_col, parse_bytes, read_bytes


@dataclass(slots=True, eq=False)  # a record is its own identity: hashable, compared by object
class Entry:
    """One record file that was read; its record is complete unless the file had errors."""

    kind: Kind
    ident: FileIdentity
    rel: str  # path inside records/, with "/"
    display: str  # path as shown in messages
    doc: Document
    record: Record  # partial when some fields failed: those hold None (or their default)
    _assets: tuple | None = None

    def assets(self) -> tuple[tuple[tuple, str], ...]:
        """The record's photos and files (Record.assets), found once: loading, checking them and every rebuild of
        a preview ask again, and an entry never changes after loading."""
        if self._assets is None:
            self._assets = tuple(self.record.assets())
        return self._assets

    @property
    def id(self) -> str:
        return self.ident.id

    def problem(self, loc: tuple, message: str, *, warning: bool = False) -> Problem:
        line, col = self.doc.mark(loc)
        severity = Severity.WARNING if warning else Severity.ERROR
        return Problem(self.display, line, col, severity, message, field_path(loc) or None)


@dataclass(slots=True)
class Loaded:
    records_dir: Path
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0
    # Every record file by type and id, read or not, so that a reference to a
    # file with a syntax error is not also reported as a reference to nothing.
    known: set[tuple[str, str]] = field(default_factory=set)

    def by_kind(self) -> dict[str, dict[str, Entry | None]]:
        """Records of each type by id; None for a file that could not be read."""
        found: dict[str, dict[str, Entry | None]] = {name: {} for name in KINDS}
        for t, i in sorted(self.known):
            found[t][i] = None
        for e in self.entries:
            found[e.kind.name][e.id] = e
        return found


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to where they are, when it can be."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


# ---------------------------------------------------------------- which file is what


def classify(rel: str) -> tuple[Kind, FileIdentity] | str:
    """What a path under records/ holds, or a Chinese reason why it cannot be there: the first kind whose
    file rule claims the path decides."""
    parts = rel.split("/")
    name = parts[-1]
    if name == "README.md":
        raise AssertionError("README files are skipped before classifying")
    if name.endswith(".yaml"):
        return say.YAML_EXTENSION
    if not name.endswith(".yml"):
        return say.NOT_A_RECORD_FILE
    for kind in KINDS.values():
        found = kind.identify(parts)
        if isinstance(found, FileIdentity):
            return kind, found
        if found is not None:
            return found
    return say.NO_KIND_HERE


# A path's kind is the same on every load: a preview's rebuild asks again for every file.
_classified = functools.lru_cache(maxsize=1 << 16)(classify)


# ---------------------------------------------------------------- pydantic errors in Chinese


def _known_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys allowed in the mapping that holds loc[-1]."""
    current: type | None = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if current is None:
            return []
        info = next((f for n, f in current.model_fields.items() if (f.alias or n) == part), None)
        current = model_in(info.annotation) if info else None
    if current is None:
        return []
    return [f.alias or n for n, f in current.model_fields.items()]


def _validation_problems(err: ValidationError, model: type[Record], doc: Document, display: str,
                         linked: frozenset = frozenset()) -> list[Problem]:
    problems = []
    for e in err.errors(include_url=False, include_context=False, include_input=False):
        loc = tuple(e["loc"])
        kind = e["type"]
        key_level = False
        if kind == "missing":
            if loc in doc.empty:
                message, key_level = say.EMPTY_AFTER_COLON, True
            elif loc in linked:
                continue  # a required reference: link.py says it is missing, with the ids to choose from
            else:
                message = say.REQUIRED
        elif kind == "extra_forbidden":
            key_level = True
            known = _known_keys(model, loc)
            hint = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.5)  # 0.5 lets 一半 hint 一般
            message = say.unknown_field(str(loc[-1]), hint[0] if hint else None, known)
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            message = say.keys_expected(_known_keys(model, loc + ("",)))
        elif kind == "list_type":
            message = say.A_LIST_EXPECTED
        elif kind == "too_short":
            message = say.AT_LEAST_ONE
        elif kind == "invalid":
            message = e["msg"]
        else:  # a pydantic check we did not phrase ourselves
            message = say.unphrased(kind)
        line, col = doc.key_mark(loc) if key_level else doc.mark(loc)
        if kind == "missing" and not key_level:
            line, col = doc.mark(loc[:-1])
        problems.append(Problem(display, line, col, Severity.ERROR, message, field_path(loc)))
    return problems


# ---------------------------------------------------------------- the whole tree


class RecordCache:
    """What each file gave last time, so that a rebuild under `mkdocs serve` reads again only the files
    that changed. Like git's index: a file whose size, time and inode are as they were is not opened; one
    whose stat changed is read and compared by a digest of its content, and parsed again only if that
    differs. Entries are never changed after loading, so handing the same one back is safe."""

    def __init__(self):
        self._files: dict[str, tuple[tuple, bytes, Entry | None, list[Problem]]] = {}
        self._assets: dict[str, AssetChecker] = {}  # by assets folder
        self.links = None  # link.LinkMemo: what linking found of these entries
        self.misses = 0  # files parsed anew by the last load (for tests and the benchmark)

    def lookup(self, display: str, path: str, parse) -> tuple[Entry | None, list[Problem]]:
        found = self._files.get(display)
        stat = signature(path)
        if found and stat and found[0] == stat:
            return found[2], found[3]
        raw, problems = read_bytes(path, display)
        if raw is None:
            self._files.pop(display, None)
            return None, problems
        digest = hashlib.blake2b(raw, digest_size=16).digest()
        if found and found[1] == digest:
            self._files[display] = (stat, *found[1:])
            return found[2], found[3]
        self.misses += 1
        entry, problems = parse(raw)
        self._files[display] = (stat, digest, entry, problems)
        return entry, problems

    def checker(self, assets_dir: Path) -> AssetChecker:
        if str(assets_dir) not in self._assets:
            self._assets[str(assets_dir)] = _checker(assets_dir)
        return self._assets[str(assets_dir)]

    def keep_only(self, displays: set[str]) -> None:
        """Forget files that are gone."""
        for gone in self._files.keys() - displays:
            del self._files[gone]


def _checker(assets_dir: Path) -> AssetChecker:
    """A checker that remembers what it decoded in the project's .cache/photos/, beside the published copies."""
    return AssetChecker(assets_dir, PhotoMemory(assets_dir, assets_dir.resolve().parent.parent / PHOTO_CACHE))


def load(records_dir: Path, cache: RecordCache | None = None) -> Loaded:
    records_dir = Path(records_dir)
    result = Loaded(records_dir)
    base = display_path(records_dir)
    if not records_dir.is_dir():
        result.problems.append(Problem(base, 0, 0, Severity.ERROR, say.NO_RECORDS_FOLDER))
        return result
    assets = cache.checker(records_dir / "assets") if cache is not None else _checker(records_dir / "assets")
    if cache is not None:
        cache.misses = 0
    seen: set[str] = set()
    root = str(records_dir)

    for rel in _walk(records_dir, base, result.problems):
        display = f"{base}/{rel}"
        found = _classified(rel)
        if isinstance(found, str):
            result.problems.append(Problem(display, 1, 1, Severity.ERROR, found))
            continue
        result.files_checked += 1
        kind, ident = found
        if kind.referable:
            result.known.add((kind.name, ident.id))
        seen.add(display)
        path = os.path.join(root, rel)
        parse = partial(_read, kind, ident, rel, display)
        if cache is not None:
            entry, problems = cache.lookup(display, path, parse)
        else:
            raw, problems = read_bytes(path, display)
            entry, problems = parse(raw) if raw is not None else (None, problems)
        result.problems.extend(problems)
        if entry is not None:
            result.entries.append(entry)

    # Every photo at once, after the records: those the photo memory does not know are decoded on every core.
    assets.prepare(asset for entry in result.entries for _, asset in entry.assets())
    for entry in result.entries:
        for loc, asset in entry.assets():
            why = assets.problem(asset)
            if why:
                result.problems.append(entry.problem(loc, why))
            elif assets.oversized(asset):
                result.problems.append(
                    entry.problem(loc, say.asset_oversized(asset, ORIGINAL_EDGE, ORIGINAL_BYTES), warning=True)
                )
    assets.memory.save()

    if not (records_dir / "site.yml").is_file():
        result.problems.append(Problem(f"{base}/site.yml", 0, 0, Severity.ERROR, say.NO_SITE_FILE))
    if cache is not None:
        cache.keep_only(seen)
    return result


def _read(kind: Kind, ident: FileIdentity, rel: str, display: str, raw: bytes) -> tuple[Entry | None, list[Problem]]:
    """Everything one file's bytes say on their own: the record, and its reading, field and privacy problems."""
    doc, problems = parse_bytes(raw, display)
    if doc is None:
        return None, problems
    entry = _validate(kind, ident, rel, display, doc, problems)
    _scan_private_data(doc, display, entry, problems)
    return entry, problems


def _walk(records_dir: Path, base: str, problems: list[Problem]):
    """Every file under records/ but assets/ and README.md, as a relative posix path, sorted."""
    pending = [""]
    while pending:
        prefix = pending.pop()
        with os.scandir(records_dir / prefix if prefix else records_dir) as it:
            entries = sorted(it, key=lambda d: d.name)
        subdirs = []
        for d in entries:
            rel = prefix + d.name
            if d.is_symlink():  # a link could pull in anything from outside records/
                message = say.LINKED_FOLDER if d.is_dir() else say.LINKED_FILE
                problems.append(Problem(f"{base}/{rel}", 0, 0, Severity.ERROR, message))
            elif d.is_dir():
                if rel != "assets":
                    subdirs.append(rel + "/")
            elif not d.is_file(follow_symlinks=False):  # opening a pipe would wait for ever; a device, worse
                problems.append(Problem(f"{base}/{rel}", 1, 1, Severity.ERROR, say.NOT_REGULAR))
            elif d.name != "README.md":
                yield rel
        pending.extend(reversed(subdirs))


def _validate(kind: Kind, ident: FileIdentity, rel: str, display: str, doc: Document, problems: list[Problem]) -> Entry | None:
    broken: set = set()  # top-level fields already reported
    try:
        record = kind.model.model_validate(doc.data)
    except ValidationError as err:
        linked = frozenset((r.path,) for r in kind.references if r.required)
        problems.extend(_validation_problems(err, kind.model, doc, display, linked))
        broken = {e["loc"][0] for e in err.errors() if e["loc"]}
        record = _partial(kind.model, doc.data, broken)
    entry = Entry(kind, ident, rel, display, doc, record)
    for loc, text, read in misread(kind, doc):
        if loc[0] not in broken:  # a value the field itself refused is reported once, by the field
            message = say.unquoted_value(text, *read) if read else say.unquoted_yes_no(text)
            problems.append(entry.problem(loc, message, warning=read is None))
    for f in chain(kind.files.findings(record, ident), record.findings(ident)):  # the file's name, then the kind's
        if f.loc[:1] and f.loc[0] in broken:
            continue  # a rule about a field that is itself wrong would only repeat it
        problems.append(entry.problem(f.loc, f.message, warning=f.warning))
    return entry


def _partial(model: type[Record], data: dict, bad: set) -> Record:
    """The record built from the fields that did validate; the others are None.

    Later checks (references, photos, dates) still run on what is there, so one
    run reports every problem of a file, not just those of the first stage.
    """
    values = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key in data and key not in bad:
            values[name] = _adapter(model, name).validate_python(data[key])
        elif info.is_required():
            values[name] = None
    return model.model_construct(**values)


_ADAPTERS: dict[tuple[type, str], TypeAdapter] = {}


def _adapter(model: type[BaseModel], name: str) -> TypeAdapter:
    if (model, name) not in _ADAPTERS:
        info = model.model_fields[name]
        typ = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        _ADAPTERS[model, name] = TypeAdapter(typ)
    return _ADAPTERS[model, name]


def _values(data, path=()):
    """Every string of a record's data, with its key path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from _values(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _values(v, path + (i,))


def _scan_private_data(doc: Document, display: str, entry: Entry | None, problems: list[Problem]) -> None:
    # The file as typed, for the exact line; then each value as YAML reads it, which is what is published
    # (a double-quoted "\x31\x33…", or a folded scalar that joins "138" and "12345678" on two lines).
    found = [(h, *line_col(doc.text, h.index)) for h in scan(doc.text)]
    seen = {(h.masked, doc.path_at(line, col)) for h, line, col in found}
    for path, value in _values(doc.data) if doc.reshaped else ():
        if value in doc.text:  # as typed: the scan of the text saw it (most values, all plain and literal ones)
            continue
        for hit in scan(value):
            if (hit.masked, path) not in seen:
                seen.add((hit.masked, path))
                found.append((hit, *doc.mark(path)))
    if not found:
        return
    if entry is not None:
        internal = entry.record.is_internal
    else:  # the record did not validate; judge by what it says
        internal = doc.data.get("visibility") == "internal"
    for hit, line, col in found:
        loc = doc.path_at(line, col)
        if internal:
            message = say.private_number_internal(hit.kind, hit.masked)
        else:
            message = say.private_number(hit.kind, hit.masked)
        problems.append(
            Problem(
                display, line, col, Severity.WARNING if internal else Severity.ERROR, message, field_path(loc) if loc else None
            )
        )
