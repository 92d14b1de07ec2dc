"""`python -m generator import`: Word 简报 the tests make with python-docx become draft activities that pass check,
with their photos; what cannot come in stops the run with nothing written."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.shared import Inches
from PIL import Image

PURPLE, GREEN = (120, 40, 160), (30, 160, 60)


def jpeg(colour, size=(64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", quality=95)
    return out.getvalue()


def png(colour, size=(50, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


class Word:
    """A .docx written paragraph by paragraph: text, a bold run, a photo, a list item, a heading."""

    def __init__(self):
        self.doc = docx.Document()

    def p(self, *runs: str, bold: str | None = None) -> Word:
        paragraph = self.doc.add_paragraph()
        for run in runs:
            paragraph.add_run(run)
        if bold:
            paragraph.add_run(bold).bold = True
        return self

    def title(self, text: str) -> Word:
        self.doc.add_paragraph().add_run(text).bold = True  # how a 简报 sets its headline: big and bold, no style
        return self

    def photo(self, data: bytes) -> Word:
        self.doc.add_picture(io.BytesIO(data), width=Inches(2))
        return self

    def item(self, text: str) -> Word:
        self.doc.add_paragraph(text, style="List Bullet")
        return self

    def save(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.doc.save(path)
        return path


def masthead(w: Word, date: str = "2024年5月20日") -> Word:
    return w.p("实验小学党建工作简报").p("2024年第5期").p("实验小学党总支编印\t\t", date).p("━━━━━━━━━━━━━━━━")


def foot(w: Word) -> Word:
    return w.p("━━━━━━━━━━━━━━━━").p("报：区教育局党委").p("送：各党支部").p("（共印20份）")


def run_import(tree, *args: str):
    return subprocess.run([sys.executable, "-m", "generator", "import", *args], cwd=tree.root,
                          capture_output=True, text=True, encoding="utf-8")


def files_under(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def decoded(path: Path) -> tuple[str, tuple[int, int], tuple]:
    with Image.open(path) as im:
        im.load()
        return im.format, im.size, im.convert("RGB").getpixel((im.width // 2, im.height // 2))


def close(a: tuple, b: tuple) -> bool:
    return all(abs(x - y) <= 6 for x, y in zip(a, b, strict=True))


def test_a_briefing_with_masthead_and_foot_becomes_a_draft_activity_without_them(tree):
    w = masthead(Word()).title("同课异构展风采　三同三异促成长")
    w.p("\u3000\u30005月10日下午，我校第一党支部开展“三同三异”同课异构研讨活动。")
    w.p("\t两位党员教师同上一节课，", bold="各有千秋").p("\u3000\u3000活动分三步：").item("集体备课").item("同课异构")
    w.photo(jpeg(PURPLE)).p("图为党员教师上示范课")
    foot(w).save(tree.root / "简报/第5期.docx")

    done = run_import(tree, "简报/第5期.docx")

    rel = "records/activities/2024/2024-05-10-tong-ke-yi-gou-zhan-feng-cai-san-tong.yml"
    photo = "records/assets/2024/2024-05-10-tong-ke-yi-gou-zhan-feng-cai-san-tong-1.jpg"
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tree.root / rel).read_text(encoding="utf-8") == (
        "title: 同课异构展风采 三同三异促成长\n"
        "date: 2024-05-10\n"
        "program: san-tong-san-yi\n"
        "body: |\n"
        "  5月10日下午，我校第一党支部开展“三同三异”同课异构研讨活动。\n"
        "\n"
        "  两位党员教师同上一节课，**各有千秋**\n"
        "\n"
        "  活动分三步：\n"
        "\n"
        "  - 集体备课\n"
        "  - 同课异构\n"
        "photos:\n"
        "  - src: 2024/2024-05-10-tong-ke-yi-gou-zhan-feng-cai-san-tong-1.jpg\n"
        "    caption: 图为党员教师上示范课\n"
        "status: draft\n")
    assert done.stdout.splitlines() == [
        "导入了 1 篇简报，都是草稿，只在预览里出现，不会发布：",
        f"简报/第5期.docx → {rel}",
        "  标题：同课异构展风采 三同三异促成长",
        "  日期：2024-05-10（取自正文“5月10日”，年份取自报头）",
        f"  照片：1 张 → {photo}（说明：图为党员教师上示范课）",
        "  特色做法：三同三异（san-tong-san-yi），按“三同三异”一词猜的，请核对",
        "  略去：报头 3 行（实验小学党建工作简报 / 2024年第5期 / 实验小学党总支编印 2024年5月20日）；"
        "报尾 3 行（报：区教育局党委 / 送：各党支部 / （共印20份））",
        "下一步：运行 make edit，在网页编辑器里打开这些草稿，核对标题、日期、正文和照片说明，选好特色做法，"
        "再把状态改成“已发布”。",
    ]
    fmt, size, middle = decoded(tree.root / photo)
    assert (fmt, size) == ("JPEG", (64, 48)) and close(middle, PURPLE)
    assert tree.lines() == [] and tree.lines(_drafts()) == []


def _drafts():
    from generator.link import BuildMode

    return BuildMode(drafts=True, internal=True)


def test_two_photos_each_keep_their_caption_and_bytes(tree):
    w = Word().title("重阳节座谈会").p("2023年10月23日，学校党总支召开重阳节座谈会，离退休教师为学校发展建言献策。")
    w.photo(jpeg(PURPLE, (80, 60))).p("老教师发言")
    w.p("座谈会气氛热烈。").photo(png(GREEN)).p("合影留念")
    w.save(tree.root / "重阳.docx")

    done = run_import(tree, "重阳.docx")

    assert done.returncode == 0, done.stdout + done.stderr
    text = (tree.root / "records/activities/2023/2023-10-23-chong-yang-jie-zuo-tan-hui.yml").read_text(encoding="utf-8")
    assert text == (
        "title: 重阳节座谈会\n"
        "date: 2023-10-23\n"
        "body: |\n"
        "  2023年10月23日，学校党总支召开重阳节座谈会，离退休教师为学校发展建言献策。\n"
        "\n"
        "  座谈会气氛热烈。\n"
        "photos:\n"
        "  - src: 2023/2023-10-23-chong-yang-jie-zuo-tan-hui-1.jpg\n"
        "    caption: 老教师发言\n"
        "  - src: 2023/2023-10-23-chong-yang-jie-zuo-tan-hui-2.png\n"
        "    caption: 合影留念\n"
        "status: draft\n")
    assert "  特色做法：没能判断，请在网页编辑器里选一个（草稿可以先不选，发布前要选好）" in done.stdout.splitlines()
    first = decoded(tree.records / "assets/2023/2023-10-23-chong-yang-jie-zuo-tan-hui-1.jpg")
    second = decoded(tree.records / "assets/2023/2023-10-23-chong-yang-jie-zuo-tan-hui-2.png")
    assert first[:2] == ("JPEG", (80, 60)) and close(first[2], PURPLE)
    assert second == ("PNG", (50, 40), GREEN)
    assert tree.lines(_drafts()) == []


def test_the_date_only_in_the_file_name(tree):
    Word().title("党员活动室开放日").p("党员教师轮流值班，接待来访的家长。").save(tree.root / "2024-06-03 开放日.docx")

    done = run_import(tree, "2024-06-03 开放日.docx")

    assert done.returncode == 0, done.stdout + done.stderr
    assert (tree.records / "activities/2024/2024-06-03-dang-yuan-huo-dong-shi-kai-fang-ri.yml").read_text(
        encoding="utf-8") == ("title: 党员活动室开放日\n"
                              "date: 2024-06-03\n"
                              "body: 党员教师轮流值班，接待来访的家长。\n"
                              "status: draft\n")
    assert "  日期：2024-06-03（取自文件名“2024-06-03”）" in done.stdout.splitlines()


def test_a_masthead_in_chinese_numerals_gives_the_year_of_a_month_and_day(tree):
    w = Word().p("党建动态").p("第十二期").p("中共实验小学总支部委员会编　二〇二三年十一月二日")
    w.title("读书沙龙").p("十月二十七日，党员教师围绕同一本书各抒己见。").save(tree.root / "动态.docx")

    done = run_import(tree, "动态.docx")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "  日期：2023-10-27（取自正文“十月二十七日”，年份取自报头）" in done.stdout.splitlines()
    assert (tree.records / "activities/2023/2023-10-27-du-shu-sha-long.yml").is_file()


def test_an_old_doc_and_a_renamed_photo_are_refused_and_nothing_is_written(tree):
    Word().title("一篇好的简报").p("2024年5月10日，正文。").save(tree.root / "好.docx")
    (tree.root / "旧简报.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    (tree.root / "照片.docx").write_bytes(jpeg(GREEN))
    before = files_under(tree.root / "records")

    done = run_import(tree, "好.docx", "旧简报.doc", "照片.docx")

    assert done.returncode == 1
    save_as = "请用 Word 或 WPS 打开它，点“文件”→“另存为”，保存类型选“Word 文档 (*.docx)”，再导入新保存的 .docx 文件"
    assert done.stdout.splitlines() == [
        f"旧简报.doc 是旧版的 Word 文件（.doc，Word 97–2003 或 WPS 的格式），不能直接导入。{save_as}",
        "照片.docx 是一张图片，只是名字改成了 Word 文件，不能导入。照片请在网页编辑器里加到活动的“照片”中；"
        "简报请找到它原来的 Word 文件（.docx）",
        "有 2 个文件不能导入，所以这次一个文件也没有导入，records/ 里没有任何改动。请按上面的说明处理这些文件后再运行一次",
    ]
    assert files_under(tree.root / "records") == before


def test_a_briefing_already_imported_is_skipped(tree):
    Word().title("同课异构研讨").p("3月12日，研讨。").save(tree.root / "2024-03-12.docx")
    Word().title("同课异构研讨活动").p("2024年3月12日，又一篇。").save(tree.root / "same-day.docx")
    before = files_under(tree.root / "records")

    done = run_import(tree, "2024-03-12.docx", "same-day.docx")

    existing = "records/activities/2024/2024-03-12-tongke-yigou.yml"
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        f"跳过 2024-03-12.docx：已经有一条标题相同的活动（{existing}：“同课异构研讨”），这篇简报可能已经导入过。"
        "如果确实是另一次活动，请先在 Word 里把标题改得能区分开，再导入",
        f"跳过 same-day.docx：已经有一条同一天、标题相近的活动（{existing}：“同课异构研讨”），这篇简报可能已经导入过。"
        "如果确实是另一次活动，请先在 Word 里把标题改得能区分开，再导入",
        "没有导入任何简报。",
    ]
    assert files_under(tree.root / "records") == before


def test_a_folder_imports_every_briefing_in_it_once(tree):
    Word().title("家长访校周").p("2024年4月8日起，家长走进课堂。").save(tree.root / "简报/2024/a.docx")
    Word().title("家长访校周").p("2024年4月8日起，家长走进课堂。").save(tree.root / "简报/2024/副本.docx")
    (tree.root / "简报/2024/~$a.docx").write_bytes(b"lock")  # Word's lock file while a.docx is open

    done = run_import(tree, "简报")

    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("跳过 简报/2024/副本.docx：已经有一条标题相同的活动"
                               "（records/activities/2024/2024-04-08-jia-zhang-fang-xiao-zhou.yml：“家长访校周”）")
    assert lines[1] == "导入了 1 篇简报，都是草稿，只在预览里出现，不会发布："


def test_a_briefing_without_any_date_is_refused_with_the_name_to_give_it(tree):
    Word().title("学习心得").p("没有日期的正文。").save(tree.root / "心得.docx")

    done = run_import(tree, "心得.docx")

    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == (
        "心得.docx：找不到活动的日期：标题、正文和报头里都没有写日期（例如 2024年5月10日、2024.5.10），文件名里也没有。"
        "请把文件名改成以日期开头，例如 2024-05-10-心得.docx，再导入")


def test_what_check_refuses_in_a_briefing_is_named_at_its_line_and_the_draft_stays(tree):
    Word().title("社区服务").p("2024年9月7日，党员教师在社区服务站接待家长，联系电话13912345678。").save(tree.root / "s.docx")

    done = run_import(tree, "s.docx")

    rel = "records/activities/2024/2024-09-07-she-qu-fu-wu.yml"
    assert done.returncode == 1
    assert f"{rel}:3:36: 错误：字段 body：有疑似手机号码 139****5678：公开（或将来可能公开）的记录不能含有个人号码。" \
           "请删除它；确需保留时，请把记录设为 visibility: internal" in done.stdout.splitlines()
    assert done.stdout.splitlines()[-1] == ("导入的记录里有 1 个问题（见上面）。记录已经写好，是草稿："
                                            "请在网页编辑器里或直接在文件里改正，再运行 make check")
    assert (tree.root / rel).is_file()


def test_a_line_break_inside_a_word_paragraph_starts_a_new_one(tree):
    w = Word().title("党员一本通")
    paragraph = w.doc.add_paragraph("2024年2月20日，发放“党员一本通”。")
    paragraph.add_run().add_break(WD_BREAK.LINE)
    paragraph.add_run("内容包含学习记录。")
    w.save(tree.root / "t.docx")

    assert run_import(tree, "t.docx").returncode == 0
    text = (tree.records / "activities/2024/2024-02-20-dang-yuan-yi-ben-tong.yml").read_text(encoding="utf-8")
    assert "body: |\n  2024年2月20日，发放“党员一本通”。\n\n  内容包含学习记录。\n" in text
