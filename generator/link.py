"""Resolve references between records and gather them into one Site."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .errors import Problem
from .fields import SLUG, comma_hint
from .kinds import KINDS
from .kinds.files import Named
from .kinds.kind import SITE_LISTS
from .load import Entry, Loaded


@dataclass(frozen=True, slots=True)
class BuildMode:
    """Which records a build publishes. The default is the public site."""

    drafts: bool = False
    internal: bool = False

    def shows(self, entry: Entry) -> bool:
        if entry.type.internal_only and not self.internal:
            return False
        record = entry.record
        if getattr(record, "status", "published") == "draft" and not self.drafts:
            return False
        if getattr(record, "visibility", "public") == "internal" and not self.internal:
            return False
        return True


@dataclass(slots=True)
class Site:
    """Every record, by type and id. Rendering sees only clean, complete records."""

    site: Entry
    programs: dict[str, Entry]
    places: dict[str, Entry]
    activities: dict[str, Entry]
    members: dict[str, Entry]
    publications: dict[str, Entry]
    issues: dict[str, dict[str, Entry]]  # publication id -> issue id -> entry
    suggestions: dict[str, Entry]
    reviews: dict[str, Entry]
    mode: BuildMode = field(default_factory=BuildMode)
    records: dict[str, list[Entry]] = field(default_factory=dict)  # every kind's records (ids may repeat: issues)


def _name_of(target) -> str | None:
    """What a reader calls a record or a site.yml item: a member's name, a title, a branch's name."""
    if isinstance(target, str):
        return target
    record = getattr(target, "record", None)
    return getattr(record, "name", None) or getattr(record, "title", None)


def _unknown(what: str, value: str, known: dict, where: str) -> str:
    message = f"找不到{what}“{value}”"
    if "，" in value:
        return f"{message}：{comma_hint(value)}"
    names = {ident: _name_of(target) for ident, target in known.items()}
    by_name = [ident for ident, name in names.items() if name and name.strip("《》") == value.strip("《》")]
    if by_name:  # the name written where the id belongs: 张华 for zhang-hua
        return message + f"：这里要写编号，不是名称。是不是想写 {by_name[0]}（{names[by_name[0]]}）？"
    hint = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    if where.startswith("site.yml"):  # a short list: a close id with its name, or the whole list
        if hint:
            return message + f"，是不是想写“{hint[0]}”（{names[hint[0]]}）？"
        listing = "、".join(f"{i}（{n}）" if n else i for i, n in names.items())
        return message + f"。site.yml 里可选的有：{listing}"
    if where and SLUG.fullmatch(value):
        message += f"（应有文件 {where.format(id=value)}）"
    elif where:
        message += "：编号只能用小写字母、数字和“-”（拼音或英文），是对应文件的文件名（不带 .yml）"
    if hint:
        message += f"，是不是想写“{hint[0]}”？"
    return message


def _missing(ref, targets: dict, where: str) -> str:
    """A required reference not written: what goes there, and what there is to choose from."""
    choices = [f"{i}（{_name_of(t)}）" if _name_of(t) else i for i, t in targets.items()]
    shown = "、".join(choices[:10]) + (f" 等 {len(choices)} 个" if len(choices) > 10 else "")
    place = f"，见 {where.split('{')[0]}" if where else ""
    return f"必须填写{ref.what}的编号，但没有写。可选的有：{shown}{place}" if choices else f"必须填写{ref.what}的编号，但没有写"


class _Linker:
    def __init__(self, loaded: Loaded, mode: BuildMode):
        self.loaded = loaded
        self.mode = mode
        self.problems: list[Problem] = []

    def ref(self, entry: Entry, loc: tuple, value: str | None, targets, what: str, where: str = "") -> Entry | None:
        """The record a reference names; None (and a problem) when there is none."""
        if value is None or targets is None:
            return None
        if value not in targets:
            self.problems.append(entry.problem(loc, _unknown(what, value, targets, where)))
            return None
        target = targets[value]
        return target if isinstance(target, Entry) else None

    def refs(self, entry: Entry, name: str, values: list[str] | None, targets, what: str, where: str = "") -> None:
        """A list of references; each must also be shown wherever the record naming it is."""
        for i, value in enumerate(values or ()):
            self.hidden_target(entry, (name, i), self.ref(entry, (name, i), value, targets, what, where), what)

    def hidden_target(self, entry: Entry, loc: tuple, target: Entry | None, what: str, *, required: bool = False) -> None:
        """The one rule of visibility: a record this build shows must not name one it hides (a draft, an
        internal record, a member without consent, who is internal until they agree). Its page would
        otherwise print the hidden record's name, and the search index and archive with it."""
        if target is None or not self.mode.shows(entry) or self.mode.shows(target):
            return
        name = f"{what}“{target.id}”"
        remove = "换一个" if required else f"从这里删去“{target.id}”"
        if getattr(target.record, "status", None) == "draft" and not self.mode.drafts:
            message = (f"{name}还是草稿（status: draft），不会发布，这里也就不能写它。"
                       f"请先发布它（删去它的 status: draft），或{remove}")
        elif target.type.name == "member":
            message = (f"{name}是内部记录（visibility: internal），公开网站上不能出现其姓名。"
                       f"请{remove}；本人同意公开后，可把其记录改为 consent: true 并删去 visibility: internal")
        else:
            message = (f"{name}是内部记录（visibility: internal），公开网站上不能出现它。"
                       f"请{remove}，或先把它改为公开")
        self.problems.append(entry.problem(loc, message))


def link(loaded: Loaded, mode: BuildMode = BuildMode()) -> tuple[Site | None, list[Problem]]:
    """Check every reference every kind states; return the Site and the problems.

    The Site is only fit to render when no problem is an error (see pipeline).
    """
    ln = _Linker(loaded, mode)
    by_type = loaded.by_type()
    site_entry = by_type["site"].get("site")
    site_record = site_entry.record if site_entry else None
    # The lists of site.yml that records name by id; with site.yml unreadable they cannot be checked.
    names = {"branch": lambda b: b.name, "pillar": lambda p: p.short or p.title}
    lists = {
        target: ({i.id: names[target](i) for i in (getattr(site_record, key) or ())} if site_record else None,
                 f"site.yml 的 {key} 中")
        for target, key in SITE_LISTS.items()
    }

    def lookup(kind: str, ident: str) -> Entry | None:
        return by_type[kind].get(ident)

    of_kind: dict[str, list[Entry]] = {name: [] for name in KINDS}
    for e in loaded.entries:  # not by id: issues of different periodicals share ids ("2024-01")
        of_kind[e.type.name].append(e)
    for kind in KINDS.values():
        for e in of_kind[kind.name]:
            shown = True
            if kind.within:  # shown with what it belongs to, and only if that exists
                owner_kind = KINDS[kind.within]
                owner_id = getattr(e.ident, kind.within)
                owner = by_type[kind.within].get(owner_id)
                if owner_id not in by_type[kind.within]:
                    ln.problems.append(e.problem((), f"{owner_kind.label} {owner_kind.folder}/{owner_id}/ "
                                                     f"缺少{owner_kind.label}介绍 {owner_kind.example.rsplit('/', 1)[-1]}"))
                shown = owner is None or mode.shows(owner)
            for ref in kind.references:
                if ref.target in KINDS:
                    target_kind = KINDS[ref.target]
                    targets = by_type[ref.target]
                    where = f"records/{target_kind.folder}/{{id}}.yml" if isinstance(target_kind.files, Named) else ""
                else:
                    targets, where = lists[ref.target]
                if ref.required and (ref.path,) not in e.doc.empty and ref.path not in e.doc.data and targets is not None:
                    ln.problems.append(e.problem((ref.path,), _missing(ref, targets, where)))
                for loc, value in ref.values(e.record):
                    target = ln.ref(e, loc, value, targets, ref.what, where)
                    if shown and ref.target in KINDS:
                        ln.hidden_target(e, loc, target, ref.hidden_what or ref.what, required=ref.required)
            if kind.link_rules:
                ln.problems.extend(e.problem(f.loc, f.message, warning=f.warning) for f in kind.link_rules(e, lookup))

    if site_entry is None:
        return None, ln.problems
    issues: dict[str, dict[str, Entry]] = {}
    for e in of_kind["issue"]:
        issues.setdefault(e.ident.publication, {})[e.id] = e
    return Site(
        site=site_entry,
        programs=by_type["program"],
        places=by_type["place"],
        activities=by_type["activity"],
        members=by_type["member"],
        publications=by_type["publication"],
        issues=issues,
        suggestions=by_type["suggestion"],
        reviews=by_type["review"],
        mode=mode,
        records=of_kind,
    ), ln.problems
