"""`python -m generator import`: Word 简报 in, draft activities out."""

from __future__ import annotations

__all__ = [
    "IMPORT_NEXT",
    "import_broken_word",
    "import_check_failed",
    "import_date",
    "import_done",
    "import_duplicate",
    "import_empty_file",
    "import_left_out",
    "import_no_date",
    "import_no_such_file",
    "import_not_word",
    "import_nothing_in",
    "import_odt",
    "import_old_word",
    "import_pdf",
    "import_photos",
    "import_picture",
    "import_pictures_left",
    "import_practice",
    "import_refused",
    "import_rtf",
    "import_skipped",
    "import_title",
]

_SAVE_AS = "请用 Word 或 WPS 打开它，点“文件”→“另存为”，保存类型选“Word 文档 (*.docx)”，再导入新保存的 .docx 文件"


def import_no_such_file(path: str) -> str:
    return f"找不到 {path}。请写出 .docx 文件或放着它们的文件夹，例如 make import FILES='简报/2024-05-10.docx'"


def import_nothing_in(path: str) -> str:
    return f"文件夹 {path} 里没有 .docx 文件"


def import_empty_file(name: str) -> str:
    return f"{name} 是空文件，里面什么也没有。请从 Word 或 WPS 里重新保存一次（“Word 文档 (*.docx)”），再导入"


def import_old_word(name: str) -> str:
    return f"{name} 是旧版的 Word 文件（.doc，Word 97–2003 或 WPS 的格式），不能直接导入。{_SAVE_AS}"


def import_pdf(name: str) -> str:
    return (f"{name} 是 PDF 文件，不能导入：PDF 里分不出段落、标题和照片说明。请找到它原来的 Word 文件（.docx）再导入；"
            "只有 PDF 的话，用 WPS 或 Word 打开它，另存为“Word 文档 (*.docx)”，核对每一段后再导入")


def import_picture(name: str) -> str:
    return (f"{name} 是一张图片，只是名字改成了 Word 文件，不能导入。照片请在网页编辑器里加到活动的“照片”中；"
            "简报请找到它原来的 Word 文件（.docx）")


def import_rtf(name: str) -> str:
    return f"{name} 是 RTF 格式的文件，不是 .docx。{_SAVE_AS}"


def import_odt(name: str) -> str:
    return f"{name} 是 OpenDocument 文本（.odt），不是 .docx。{_SAVE_AS}"


def import_not_word(name: str) -> str:
    return f"{name} 不是 Word 文件（.docx）。{_SAVE_AS}"


def import_broken_word(name: str) -> str:
    return (f"{name} 看起来是 Word 文件，但已经损坏，读不出来。请用 Word 或 WPS 打开它（它会提示修复），"
            "另存为新的 .docx 文件，再导入")


def import_no_date(name: str, stem: str) -> str:
    return (f"{name}：找不到活动的日期：标题、正文和报头里都没有写日期（例如 2024年5月10日、2024.5.10），文件名里也没有。"
            f"请把文件名改成以日期开头，例如 2024-05-10-{stem}.docx，再导入")


def import_refused(n: int) -> str:
    return (f"有 {n} 个文件不能导入，所以这次一个文件也没有导入，records/ 里没有任何改动。"
            "请按上面的说明处理这些文件后再运行一次")


def import_skipped(name: str, reason: str) -> str:
    return f"跳过 {name}：{reason}"


def import_duplicate(existing: str, title: str, same_title: bool) -> str:
    how = "标题相同" if same_title else "同一天、标题相近"
    return (f"已经有一条{how}的活动（{existing}：“{title}”），这篇简报可能已经导入过。"
            "如果确实是另一次活动，请先在 Word 里把标题改得能区分开，再导入")


def import_done(n: int) -> str:
    if not n:
        return "没有导入任何简报。"
    return f"导入了 {n} 篇简报，都是草稿，只在预览里出现，不会发布："


def import_title(title: str, from_name: bool) -> str:
    return f"  标题：{title}" + ("（Word 里没有找到标题行，取自文件名，请核对）" if from_name else "")


_DATE_FROM = {"body": "正文", "masthead": "报头", "name": "文件名"}


def import_date(date: str, date_from: str, written: str, year_from: str | None) -> str:
    year = f"，年份取自{_DATE_FROM[year_from]}" if year_from else ""
    return f"  日期：{date}（取自{_DATE_FROM[date_from]}“{written}”{year}）"


def import_photos(photos: list[tuple[str, str | None]]) -> str:
    if not photos:
        return "  照片：没有"
    shown = "；".join(f"{path}（说明：{caption}）" if caption else f"{path}（没有说明，请补上）" for path, caption in photos)
    return f"  照片：{len(photos)} 张 → {shown}"


def import_pictures_left(logos: int, drawings: int, broken: int) -> str | None:
    parts = []
    if logos:
        parts.append(f"报头里的 {logos} 张图片（刊头、校徽）")
    if drawings:
        parts.append(f"{drawings} 张 Word 绘图或矢量图（不是照片）")
    if broken:
        parts.append(f"{broken} 张损坏、打不开的图片")
    return f"  没有导入：{'，'.join(parts)}" if parts else None


def import_practice(pid: str | None, title: str | None, word: str | None, tied: list[str]) -> str:
    if pid:
        return f"  特色做法：{title}（{pid}），按“{word}”一词猜的，请核对"
    if tied:
        return f"  特色做法：没能判断（“{'”“'.join(tied)}”一样像），请在网页编辑器里选一个（发布前要选好）"
    return "  特色做法：没能判断，请在网页编辑器里选一个（草稿可以先不选，发布前要选好）"


def import_left_out(masthead: list[str], foot: list[str]) -> str | None:
    parts = []
    if masthead:
        parts.append(f"报头 {len(masthead)} 行（{' / '.join(masthead)}）")
    if foot:
        parts.append(f"报尾 {len(foot)} 行（{' / '.join(foot)}）")
    return f"  略去：{'；'.join(parts)}" if parts else None


IMPORT_NEXT = ("下一步：运行 make edit，在网页编辑器里打开这些草稿，核对标题、日期、正文和照片说明，选好特色做法，"
               "再把状态改成“已发布”。")


def import_check_failed(n: int) -> str:
    return (f"导入的记录里有 {n} 个问题（见上面）。记录已经写好，是草稿：请在网页编辑器里或直接在文件里改正，"
            "再运行 make check")
