"""One case per rule of records-spec.md: the exact line an editor sees."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.sitebuild import ROOT

from generator.errors import format_text
from generator.link import BuildMode
from generator.load import RecordCache
from generator.pipeline import check_records

ACT = "activities/2024/2024-03-12-tongke-yigou.yml"
A = f"records/{ACT}"


def activity(**fields) -> str:
    base = {
        "title": "同课异构研讨",
        "date": "2024-03-12",
        "program": "san-tong-san-yi",
    }
    base.update(fields)
    return "".join(f"{k}: {v}\n" for k, v in base.items() if v is not None)


def test_valid_tree_passes(tree):
    result = tree.check()
    assert result.problems == []
    assert result.ok and result.site is not None
    assert result.files_checked == 9
    assert sorted(result.site.activities) == ["2024-03-12-tongke-yigou"]


# ---------------------------------------------------------------- files and identity

FILE_CASES = [
    ("programs/San_Tong.yml", "records/programs/San_Tong.yml:1:1: 错误：文件名“San_Tong.yml”不合规：编号只能用小写字母、数字和“-”"
                              "（拼音或英文），例如 programs/san-tong-san-yi.yml"),
    ("programs/x.yaml", "records/programs/x.yaml:1:1: 错误：记录文件的扩展名应为 .yml，不是 .yaml"),
    ("programs/sub/x.yml", "records/programs/sub/x.yml:1:1: 错误：特色做法文件应直接放在 programs/ 下，例如 "
                           "programs/san-tong-san-yi.yml"),
    ("notes.yml", "records/notes.yml:1:1: 错误：这里不应有 .yml 文件，它不会被使用。记录文件的位置见 records/README.md"),
    ("programs/notes.txt", "records/programs/notes.txt:1:1: 错误：records/ 里只能放 .yml 记录文件（照片和其他文件请放在 "
                           "records/assets/ 下）"),
    ("activities/2024/tongke.yml", "records/activities/2024/tongke.yml:1:1: 错误：文件名“tongke.yml”不合规。党建活动文件应放在 "
                                   "activities/<年份>/<年-月-日>-<拼音>.yml，例如 activities/2024/2024-03-12-tongke-yigou.yml"),
    ("activities/2024-03-12-x.yml", "records/activities/2024-03-12-x.yml:1:1: 错误：党建活动文件应放在 "
                                    "activities/<年份>/<年-月-日>-<拼音>.yml，例如 activities/2024/2024-03-12-tongke-yigou.yml"),
    ("activities/2024/2024-02-30-x.yml", "records/activities/2024/2024-02-30-x.yml:1:1: 错误：文件名中的日期“2024-02-30”不存在"),
    ("activities/2023/2024-03-12-x.yml", "records/activities/2023/2024-03-12-x.yml:1:1: 错误：文件名中的日期是 2024 年，却放在了 "
                                         "2023/ 文件夹里"),
    ("suggestions/2024/2024-5-20-x.yml", "records/suggestions/2024/2024-5-20-x.yml:1:1: 错误：文件名“2024-5-20-x.yml”不合规。"
                                         "党性论坛文件应放在 suggestions/<年份>/<年-月-日>-<拼音>.yml，例如 "
                                             "suggestions/2024/2024-05-20-jiazhang-jianyi.yml"),
    ("publications/dangxing-riji/2024-00.yml", "records/publications/dangxing-riji/2024-00.yml:1:1: 错误：期号“00”不合规："
                                               "应为 01 到 99"),
    ("publications/dangxing-riji/2024-1.yml", "records/publications/dangxing-riji/2024-1.yml:1:1: 错误：文件名“2024-1.yml”"
                                              "不合规：一期刊物的文件名应为 <年份>-<两位期号>.yml，例如 2024-01.yml；"
                                                  "刊物介绍为 index.yml"),
    ("publications/Dang/index.yml", "records/publications/Dang/index.yml:1:1: 错误：刊物文件夹名“Dang”不合规：只能用小写字母、"
                                    "数字和“-”（拼音或英文）"),
    ("reviews/2024-niandu.yml", "records/reviews/2024-niandu.yml:1:1: 错误：述职评议文件应为 reviews/<年份>.yml，例如 "
                                "reviews/2024.yml"),
]


@pytest.mark.parametrize("rel, expected", FILE_CASES)
def test_file_places_and_names(tree, rel, expected):
    tree.write(rel, "title: x\n")
    assert tree.lines() == [expected]


def test_readme_and_assets_are_not_records(tree):
    tree.write("README.md", "# 说明\n")
    tree.write("programs/README.md", "# 说明\n")
    tree.write("assets/2024/notes.txt", "anything\n")
    assert tree.lines() == []


def test_missing_site_yml(tree):
    tree.remove("site.yml")
    assert tree.lines() == ["records/site.yml:0:0: 错误：缺少 site.yml（组织概况），它必须有且只有一个"]


def test_symlinked_record_file(tree, tmp_path):
    (tmp_path / "outside.yml").write_text("title: x\n")
    os.symlink(tmp_path / "outside.yml", tree.records / "programs/link.yml")
    assert tree.lines() == ["records/programs/link.yml:0:0: 错误：记录文件不能是符号链接"]


# ---------------------------------------------------------------- fields

FIELD_CASES = [
    # unknown key, with and without a close match
    (activity(titel="x"), [f"{A}:4:1: 错误：字段 titel：不认识这个字段“titel”，是不是想写“title”？"]),
    (
        activity(colour="红"),
        [f"{A}:4:1: 错误：字段 colour：不认识这个字段“colour”。可用的字段：status、visibility、tags、example、title、date、"
         f"end_date、program、places、branches、members、participants、summary、body、photos"],
    ),
    # required: missing names the mapping's line; empty names the key's line
    (activity(title=None), [f"{A}:1:1: 错误：字段 title：必须填写，但没有写"]),
    (activity(title=""), [f"{A}:1:1: 错误：字段 title：不能为空：冒号后面没有写内容"]),
    (activity(summary='""'), []),  # an empty optional field is just absent
    # one-line fields
    (activity(title='"第一行\\n第二行"'), [f"{A}:1:8: 错误：字段 title：只能写一行，不能换行"]),
    (activity(title="[a, b]"), [f"{A}:1:8: 错误：字段 title：应是一段文字，这里写成了列表"]),
    # dates
    (activity(end_date="2024-02-30"), [f"{A}:4:11: 错误：字段 end_date：日期“2024-02-30”不存在"]),
    (activity(end_date="2024/3/13"), [f"{A}:4:11: 错误：字段 end_date：“2024/3/13”不是日期：请写成 年-月-日，例如 2024-03-12"]),
    (activity(date="2024-03-13"), [f"{A}:2:7: 错误：字段 date：日期 2024-03-13 与文件名中的日期 2024-03-12 不一致"]),
    (activity(end_date="2024-03-11"), [f"{A}:4:11: 错误：字段 end_date：结束日期 2024-03-11 早于开始日期 2024-03-12"]),
    # numbers and enumerations
    (activity(participants="-3"), [f"{A}:4:15: 错误：字段 participants：“-3”不是不小于 0 的整数"]),
    (activity(participants="三十"), [f"{A}:4:15: 错误：字段 participants：“三十”不是不小于 0 的整数"]),
    (activity(status="drafts"), [f"{A}:4:9: 错误：字段 status：“drafts”不是可选的值。可选：published（已发布）、draft（草稿）"]),
    (activity(visibility="private"), [f"{A}:4:13: 错误：字段 visibility：“private”不是可选的值。可选：public（公开）、"
                                      f"internal（内部）"]),
    (activity(tags="课堂教学"), [f"{A}:4:7: 错误：字段 tags：应是一个列表：每项一行，以“- ”开头，或写成 [甲, 乙]"]),
    (activity(tags="[a, '']"), [f"{A}:4:11: 错误：字段 tags 第 2 个标签：不能为空"]),
    # references with did-you-mean
    (activity(program="san-tong"), [f"{A}:3:10: 错误：字段 program：找不到特色做法“san-tong”（应有文件 "
                                    f"records/programs/san-tong.yml），是不是想写“san-tong-san-yi”？"]),
    (activity(places="[huodongshi]"), [f"{A}:4:10: 错误：字段 places 第 1 个地点：找不到地点“huodongshi”（应有文件 "
                                       f"records/places/huodongshi.yml），是不是想写“dangyuan-huodongshi”？"]),
    (activity(branches="[di-yi, di-si]"), [f"{A}:4:19: 错误：字段 branches 第 2 个支部：找不到支部“di-si”，是不是想写“di-yi”"
                                           f"（第一党支部）？"]),
    (activity(members="[li-ming]"), [f"{A}:4:11: 错误：字段 members 第 1 位党员：找不到党员“li-ming”（应有文件 "
                                     f"records/members/li-ming.yml）"]),
    # photos
    (activity(photos="[{src: ../site.yml}]"), [f"{A}:4:16: 错误：字段 photos 第 1 张照片的 src：路径“../site.yml”不能包含“..”："
                                               f"文件必须在 records/assets/ 里面"]),
    (activity(photos="[{src: /etc/passwd}]"), [f"{A}:4:16: 错误：字段 photos 第 1 张照片的 src：路径“/etc/passwd”应相对于 "
                                               f"records/assets/，不能以“/”或盘符开头"]),
    (activity(photos="[{src: 2024/b.jpg}]"), [f"{A}:4:16: 错误：字段 photos 第 1 张照片的 src：找不到文件 "
                                              f"records/assets/2024/b.jpg"]),
    (activity(photos="[{caption: 现场}]"), [f"{A}:4:10: 错误：字段 photos 第 1 张照片的 src：必须填写，但没有写"]),
    (activity(photos="[2024/a.jpg]"), [f"{A}:4:10: 错误：字段 photos 第 1 张照片：这里要写成“键: 值”，不能只写一个值。可用的键："
                                       f"src、caption"]),
]


@pytest.mark.parametrize("text, expected", FIELD_CASES)
def test_activity_fields(tree, text, expected):
    tree.write(ACT, text)
    assert tree.lines() == expected


def test_all_problems_of_one_file_are_reported_together(tree):
    tree.write(ACT, activity(titel="x", date="2024-03-13", program="san-tong", participants="many", photos="[{src: 2024/b.jpg}]"))
    assert tree.lines() == [
        f"{A}:2:7: 错误：字段 date：日期 2024-03-13 与文件名中的日期 2024-03-12 不一致",
        f"{A}:3:10: 错误：字段 program：找不到特色做法“san-tong”（应有文件 records/programs/san-tong.yml），"
            f"是不是想写“san-tong-san-yi”？",
        f"{A}:4:1: 错误：字段 titel：不认识这个字段“titel”，是不是想写“title”？",
        f"{A}:5:15: 错误：字段 participants：“many”不是不小于 0 的整数",
        f"{A}:6:16: 错误：字段 photos 第 1 张照片的 src：找不到文件 records/assets/2024/b.jpg",
    ]


def test_reference_to_a_broken_file_is_not_reported_twice(tree):
    tree.write("programs/san-tong-san-yi.yml", "title: [\n")
    assert tree.lines() == ["records/programs/san-tong-san-yi.yml:2:1: 错误：这里缺少内容：请检查这一行的写法。"]


def test_photo_is_judged_by_content(tree):
    tree.write("assets/2024/fake.jpg", b"GIF89a not really")
    tree.image("2024/real-png.jpg", fmt="PNG")
    tree.image("2024/c.webp", fmt="WEBP")
    tree.image("2024/d.gif", fmt="GIF")
    tree.write(ACT, activity(photos="[{src: 2024/fake.jpg}, {src: 2024/real-png.jpg}, {src: 2024/c.webp}, {src: 2024/d.gif}]"))
    assert tree.lines() == [
        f"{A}:4:16: 错误：字段 photos 第 1 张照片的 src：records/assets/2024/fake.jpg 不是 JPEG、PNG、WebP 或 HEIC "
            f"照片（按文件内容判断，与扩展名无关）。"
        "请在电脑上用“画图”或“照片”打开它，另存为 JPEG 再上传",
        f"{A}:4:84: 错误：字段 photos 第 4 张照片的 src：records/assets/2024/d.gif 不是 JPEG、PNG、WebP 或 HEIC "
            f"照片（按文件内容判断，与扩展名无关）。"
        "请在电脑上用“画图”或“照片”打开它，另存为 JPEG 再上传",
    ]


def test_photo_link_out_of_assets(tree, tmp_path):
    outside = tmp_path / "secret.jpg"
    outside.write_bytes((tree.records / "assets/2024/a.jpg").read_bytes())
    os.symlink(outside, tree.records / "assets/2024/link.jpg")
    tree.write(ACT, activity(photos="[{src: 2024/link.jpg}]"))
    assert tree.lines() == [f"{A}:4:16: 错误：字段 photos 第 1 张照片的 src：“2024/link.jpg”是指向 records/assets/ "
                            f"以外的链接，不允许"]


def test_decompression_bomb_is_refused(tree):
    tree.huge_png("2024/huge.png")
    tree.write(ACT, activity(photos="[{src: 2024/huge.png}]"))
    assert tree.lines() == [f"{A}:4:16: 错误：字段 photos 第 1 张照片的 src：records/assets/2024/huge.png 超过上限 120 百万像素，"
                            f"可能是恶意构造的图片，拒绝处理"]


# ---------------------------------------------------------------- other record types

M = "records/members/zhang-hua.yml"
S = "records/suggestions/2024/2024-05-20-jianyi.yml"
R = "records/reviews/2024.yml"

HIDDEN_MEMBER = ("党员“zhang-hua”是内部记录（visibility: internal），公开网站上不能出现其姓名。请从这里删去“zhang-hua”；"
                 "本人同意公开后，可把其记录改为 consent: true 并删去 visibility: internal")
TYPE_CASES = [
    ("members/zhang-hua.yml", "name: 张华\nstory: 故事。\n", [f"{M}:1:1: 错误：字段 consent：公开的党员风采必须经本人同意："
        f"确认后写上 consent: true；未同意时请设为 visibility: internal"]),
    # Internal until she agrees: the member file is fine, and every public record that names her says so.
    ("members/zhang-hua.yml", "name: 张华\nstory: 故事。\nconsent: false\nvisibility: internal\n", [
        f"records/activities/2024/2024-03-12-tongke-yigou.yml:6:11: 错误：字段 members 第 1 位党员：{HIDDEN_MEMBER}",
        f"records/publications/dangxing-riji/2024-01.yml:5:13: 错误：字段 articles 第 1 篇文章的 member："
            f"作者对应的{HIDDEN_MEMBER}",
    ]),
    ("members/zhang-hua.yml", "name: 张华\nstory: 故事。\n"
                              "consent: yes\n", [f"{M}:3:10: 错误：字段 consent：“yes”不是 true 或 false（是："
                                                 f"true，否：false）"]),
    ("members/zhang-hua.yml", "name: 张华\nstory: 故事。\nconsent: true\n"
                              "joined: 99\n", [f"{M}:4:9: 错误：字段 joined：“99”不是年份：请写四位数的年份，例如 2024"]),
    ("members/zhang-hua.yml", "name: 张华\nstory: 故事。\nconsent: true\n"
                              "branch: di-yl\n", [f"{M}:4:9: 错误：字段 branch：找不到支部“di-yl”，是不是想写“di-yi”"
                                                  f"（第一党支部）？"]),
    ("suggestions/2024/2024-05-20-jianyi.yml", "title: 建议\ndate: 2024-05-20\nfrom: 张三\n"
                                               "content: 内容\n", [f"{S}:3:7: 错误：字段 from：“张三”不是可选的值。可选：家长、"
                                                   f"离退休教师、媒体、社区、教师、学生、其他"]),
    ("suggestions/2024/2024-05-20-jianyi.yml", "title: 建议\ndate: 2024-05-20\nfrom: 家长\ncontent: 内容\n"
                                               "state: replied\n", [f"{S}:1:1: 错误：字段 reply：state 是 replied，"
                                                                    f"必须写回复 reply"]),
    ("suggestions/2024/2024-05-20-jianyi.yml", "title: 建议\ndate: 2024-05-20\nfrom: 家长\ncontent: 内容\nstate: "
                                               "adopted\nreply: 好\n", [f"{S}:6:8: 错误：字段 reply：有回复时必须写回复日期："
                                                   f"请在回复的后面加一行 replied: 年-月-日，例如 replied: 2024-05-27"]),
    ("suggestions/2024/2024-05-20-jianyi.yml", "title: 建议\ndate: 2024-05-20\nfrom: 家长\ncontent: 内容\nstate: replied\nreply: "
                                               "好\nreplied: 2024-05-19\n", [f"{S}:7:10: 错误：字段 replied：回复日期 2024-05-19 "
                                                   f"早于提出日期 2024-05-20"]),
    ("suggestions/2024/2024-05-20-jianyi.yml", "title: 建议\ndate: 2024-05-20\nfrom: 家长\ncontent: 内容\nreply: 好\nreplied: "
                                               "2024-05-21\n", [f"{S}:1:1: 警告：字段 state：已经有回复，state 应改为 "
                                                                f"replied（已回复）或 adopted（已采纳）"]),
    ("suggestions/2024/2024-05-20-jianyi.yml", "title: 建议\ndate: 2024-05-20\nfrom: 家长\ncontent: 内容\n", []),
    ("reviews/2024.yml", "year: 2023\n", [f"{R}:1:7: 错误：字段 year：年份 2023 与文件名中的年份 2024 不一致"]),
    ("reviews/2024.yml", "evaluation:\n  date: 2025-04-01\n  voters: 10\n  items:\n    - {item: 甲, counts: {好: 1, 较好: 1, "
                         "一般: 1, 差: 1}}\n", [f"{R}:2:9: 错误：字段 evaluation.date：测评日期 2025-04-01 应在 2024 年内，"
                             f"或次年 3 月 31 日之前"]),
    ("reviews/2024.yml", "evaluation:\n  date: 2024-12-30\n  voters: 10\n  items:\n    - {item: 甲, counts: {好: 8, 较好: 2, "
                         "一般: 1, 差: 0}}\n", [f"{R}:5:25: 错误：字段 evaluation.items 第 1 个测评项目的 counts：“甲”的票数合计 "
                             f"11，超过了参加测评的人数 10"]),
    ("reviews/2024.yml", "evaluation:\n  date: 2024-12-30\n  voters: 10\n  items:\n    - {item: 甲, counts: {好: 8, 较好: 2, "
                         "一半: 0, 差: 0}}\n", [
        f"{R}:5:25: 错误：字段 evaluation.items 第 1 个测评项目的 counts.一般：必须填写，但没有写",
        f"{R}:5:39: 错误：字段 evaluation.items 第 1 个测评项目的 counts.一半：不认识这个字段“一半”，是不是想写“一般”？",
    ]),
    ("reviews/2024.yml", "evaluation:\n  date: 2024-12-30\n  voters: 10\n "
                         " items: []\n", [f"{R}:4:10: 错误：字段 evaluation.items：至少要写一项"]),
    ("reviews/2024.yml", "highlights: "
                         "[2023-01-01-x]\n", [f"{R}:1:14: 错误：字段 highlights 第 1 项重点活动：找不到活动“2023-01-01-x”"]),
    ("publications/dangxing-riji/index.yml", "title: 《党性日记》\n", ["records/publications/dangxing-riji/index.yml:1:8: 错误："
        "字段 title：刊名不用加书名号《》，网站会自动加上"]),
    ("publications/dangxing-riji/2024-01.yml", "date: 2023-12-01\narticles:\n  - {title: 文, author: 甲, "
                                               "body: 正文}\n", ["records/publications/dangxing-riji/2024-01.yml:1:7: 错误：字段 "
                                                   "date：出版日期 2023-12-01 不在文件名的年份 2024 年内"]),
    ("publications/dangxing-riji/2024-01.yml", "articles: []\n", ["records/publications/dangxing-riji/2024-01.yml:1:11: 错误："
                                                                  "字段 articles：至少要写一项"]),
    ("publications/dangxing-riji/2024-01.yml", "articles:\n  - {title: 文, author: 甲, body: 正文, "
                                               "member: zhanghua}\n", ["records/publications/dangxing-riji/2024-01.yml:2:45: "
                                                                       "错误：字段 articles 第 1 篇文章的 member："
                                                                           "找不到党员“zhanghua”（应有文件 "
                                                                               "records/members/zhanghua.yml），"
                                                                                   "是不是想写“zhang-hua”？"]),
    ("publications/hongqi/2024-01.yml", "articles:\n  - {title: 文, author: 甲, "
                                        "body: 正文}\n", ["records/publications/hongqi/2024-01.yml:1:1: 错误：刊物 "
                                            "publications/hongqi/ 缺少刊物介绍 index.yml"]),
    ("programs/san-tong-san-yi.yml", "title: 三同三异\npillar: rong-ru\n"
                                     "summary: 摘要\n", ["records/programs/san-tong-san-yi.yml:2:9: 错误：字段 pillar："
                                         "找不到“四句话”编号“rong-ru”，是不是想写“rongru”（融入教学）？"]),
    ("programs/san-tong-san-yi.yml", "title: 三同三异\npillar: rongru\nsince: 2002年\n"
                                     "summary: 摘要\n", ["records/programs/san-tong-san-yi.yml:3:8: 错误：字段 since：“2002年”"
                                         "不是年份：请写四位数的年份，例如 2024"]),
    ("places/dangyuan-huodongshi.yml", "title: 党员活动室\nkind: red\n", ["records/places/dangyuan-huodongshi.yml:2:7: 错误："
        "字段 kind：“red”不是可选的值。可选：red-base（红色基地）、green-base（绿色基地）、blue-base（蓝色基地）、"
            "position（核心阵地）、service-station（社区服务站）、other（其他）"]),
    ("site.yml", "school: 甲\norganization: 乙\nfounded: 2004-13\nbranches: []\npillars:\n  - {id: a, title: 一}\n  - {id: a, "
                 "title: 二}\n", [
        "records/site.yml:3:10: 错误：字段 founded：日期“2004-13”不存在",
        "records/site.yml:4:11: 错误：字段 branches：至少要写一项",
        "records/site.yml:7:10: 错误：字段 pillars 第 2 句的 id：编号“a”重复：第 1 项已经用了它",
    ]),
    ("site.yml", "school: 甲\norganization: 乙\nbranches: [{id: 第一, name: 第一党支部}]\npillars: [{id: a, title: 一}]\n", [
        "records/site.yml:3:17: 错误：字段 branches 第 1 个支部的 id：“第一”不是有效的编号：只能用小写字母、数字和连字符“-”"
            "（拼音或英文），且以字母或数字开头",
    ]),
]


@pytest.mark.parametrize("rel, text, expected", TYPE_CASES)
def test_record_type_rules(tree, rel, text, expected):
    tree.write(rel, text)
    lines = [line for line in tree.lines() if "找不到" not in line or line.startswith(f"records/{rel}")]
    assert lines == expected


def test_highlight_of_another_year(tree):
    tree.write("activities/2023/2023-06-01-x.yml", "title: 甲\ndate: 2023-06-01\nprogram: san-tong-san-yi\n")
    tree.write("reviews/2024.yml", "highlights: [2023-06-01-x]\n")
    assert tree.lines() == [f"{R}:1:14: 错误：字段 highlights 第 1 项重点活动：活动“2023-06-01-x”不是 2024 年的活动"]


def test_highlight_must_be_published_in_a_public_build(tree):
    tree.write(ACT, activity(status="draft"))
    expected = (f"{R}:3:14: 错误：字段 highlights 第 1 项重点活动：重点活动“2024-03-12-tongke-yigou”还是草稿（status: draft）"
                f"，不会发布，"
                "这里也就不能写它。请先发布它（删去它的 status: draft），或从这里删去“2024-03-12-tongke-yigou”")
    assert tree.lines() == [expected]
    assert tree.lines(BuildMode(drafts=True)) == []


def test_activity_of_a_hidden_program(tree):
    tree.write("programs/san-tong-san-yi.yml", "title: 三同三异\npillar: rongru\nsummary: 摘要\nvisibility: internal\n")
    assert tree.lines() == [f"{A}:3:10: 错误：字段 program：所属特色做法“san-tong-san-yi”是内部记录（visibility: "
                            f"internal），"
                            "公开网站上不能出现它。请换一个，或先把它改为公开"]
    assert tree.lines(BuildMode(internal=True)) == []


# ---------------------------------------------------------------- personal data


def test_resident_id_in_public_record_is_an_error_and_masked(tree):
    tree.write(ACT, activity(summary="学生学籍号 G11010519491231002X 已登记"))
    assert tree.lines() == [f"{A}:4:17: 错误：字段 summary：有疑似身份证号码 110*************2X：公开（或将来可能公开）"
                            f"的记录不能含有个人号码。请删除它；确需保留时，请把记录设为 visibility: internal"]


def test_id_with_wrong_check_digit_is_not_flagged(tree):
    tree.write(ACT, activity(summary="编号 110105194912310021"))
    assert tree.lines() == []


def test_mobile_number_in_a_draft_is_an_error(tree):
    tree.write(ACT, activity(status="draft", body="|\n  请联系\n  +86 138 1234 5678\n"))
    assert tree.lines() == [
        f"{A}:7:3: 错误：字段 body：有疑似手机号码 138****5678：公开（或将来可能公开）的记录不能含有个人号码。请删除它；"
            f"确需保留时，请把记录设为 visibility: internal",
        f"{R}:3:14: 错误：字段 highlights 第 1 项重点活动：重点活动“2024-03-12-tongke-yigou”还是草稿（status: draft），不会发布，"
        "这里也就不能写它。请先发布它（删去它的 status: draft），或从这里删去“2024-03-12-tongke-yigou”",
    ]


def test_full_width_mobile_number_in_a_comment_is_found(tree):
    tree.write(ACT, "# 联系人 １３９１２３４５６７８\n" + activity())
    assert tree.lines() == [f"{A}:1:7: 错误：有疑似手机号码 139****5678：公开（或将来可能公开）的记录不能含有个人号码。请删除它；"
                            f"确需保留时，请把记录设为 visibility: internal"]


def test_personal_number_in_an_internal_record_is_a_warning(tree):
    tree.write(ACT, activity(visibility="internal", summary="联系电话 13812345678"))
    tree.write("reviews/2024.yml", "year: 2024\n")
    assert tree.lines() == [f"{A}:5:15: 警告：字段 summary：内部记录中有疑似手机号码 138****5678：请确认确有必要保留"]
    assert tree.check().ok


def test_symlinked_assets_folder(tree, tmp_path):
    (tree.records / "assets").rename(tmp_path / "elsewhere")
    os.symlink(tmp_path / "elsewhere", tree.records / "assets")
    assert tree.lines() == ["records/assets:0:0: 错误：records/ 里的文件夹不能是符号链接"]


# ---------------------------------------------------------------- the cache kept across `mkdocs serve` rebuilds


def test_record_cache_reads_again_only_the_files_that_changed(tree):
    cache = RecordCache()
    first = check_records(Path("records"), cache=cache)
    assert first.ok and cache.misses == first.files_checked == 9
    again = check_records(Path("records"), cache=cache)
    assert cache.misses == 0
    assert all(a is b for a, b in zip(first.site.activities.values(), again.site.activities.values(), strict=True))

    tree.write("members/zhang-hua.yml", "name: 张华\nbranch: di-san\nstory: 她的故事。\nconsent: true\n")
    broken = check_records(Path("records"), cache=cache)
    assert cache.misses == 1
    assert [format_text(p) for p in broken.problems] == [format_text(p) for p in check_records(Path("records")).problems] == [
        "records/members/zhang-hua.yml:2:9: 错误：字段 branch：找不到支部“di-san”。site.yml 里可选的有：di-yi（第一党支部）、"
            "di-er（第二党支部）"]
    check_records(Path("records"), cache=cache)
    assert cache.misses == 0  # the error is reported again from the cache
    os.utime(tree.records / "members/zhang-hua.yml", ns=(1, 1))  # a new time, the same bytes: read, not parsed
    check_records(Path("records"), cache=cache)
    assert cache.misses == 0
    assert [format_text(p) for p in check_records(Path("records"), cache=cache).problems] == [
        format_text(p) for p in broken.problems
    ]


def test_record_cache_sees_a_replaced_photo_and_a_removed_file(tree):
    cache = RecordCache()
    assert check_records(Path("records"), cache=cache).ok
    (tree.records / "assets/2024/a.jpg").write_bytes(b"not a picture, but bigger than the JPEG was" * 100)
    assert [format_text(p) for p in check_records(Path("records"), cache=cache).problems] == [
        "records/activities/2024/2024-03-12-tongke-yigou.yml:8:10: 错误：字段 photos 第 1 张照片的 src："
            "records/assets/2024/a.jpg 不是 JPEG、PNG、WebP 或 HEIC 照片（按文件内容判断，与扩展名无关）。"
        "请在电脑上用“画图”或“照片”打开它，另存为 JPEG 再上传"]
    tree.remove("suggestions/2024/2024-05-20-jianyi.yml")
    tree.image("2024/a.jpg")
    result = check_records(Path("records"), cache=cache)
    assert result.ok and result.files_checked == 8 and not result.site.suggestions


# ---------------------------------------------------------------- special files, system errors, broken photos

def test_a_pipe_among_the_records_is_refused_unread(tree):
    os.mkfifo(tree.records / "activities/2024/2024-04-01-guandao.yml")
    done = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=tree.root, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == ("records/activities/2024/2024-04-01-guandao.yml:1:1: 错误："
                                           "这不是普通文件（是管道、套接字或设备），不能作为记录，也不会被读取。请删除它")


def test_a_symlink_loop_and_an_overlong_name_are_record_errors(tree):
    loop = tree.records / "assets/2024/loop.jpg"
    os.symlink("loop.jpg", loop)
    long_name = "x" * 300 + ".jpg"
    act = tree.records / ACT
    act.write_text(act.read_text(encoding="utf-8").replace(
        "  - src: 2024/a.jpg", f"  - src: 2024/loop.jpg\n  - src: 2024/{long_name}"), encoding="utf-8")
    assert tree.lines() == [
        f"{A}:8:10: 错误：字段 photos 第 1 张照片的 src：无法使用 records/assets/2024/loop.jpg：符号链接绕成了圈",
        f"{A}:9:10: 错误：字段 photos 第 2 张照片的 src：无法使用 records/assets/2024/{long_name}：路径或文件名太长",
    ]


def test_a_truncated_photo_is_an_error_at_its_record(tree):
    photo = tree.records / "assets/2024/a.jpg"
    from PIL import Image

    Image.new("RGB", (800, 600), (200, 30, 30)).save(photo, "JPEG")
    photo.write_bytes(photo.read_bytes()[:-2000])
    assert tree.lines() == [f"{A}:8:10: 错误：字段 photos 第 1 张照片的 src：records/assets/2024/a.jpg 已损坏，无法显示"
                            "（可能没有上传完整）。请重新上传原图"]


def test_a_full_disk_is_named_in_chinese_and_nothing_is_half_written(tmp_path):
    """A real full disk: a 200 KiB tmpfs (the tests run as root, as CI does)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(disk)], check=True)
    try:
        done = subprocess.run([sys.executable, "-m", "generator", "build", "--out", str(disk / "out")], cwd=ROOT,
                              capture_output=True, text=True)
        assert done.returncode == 1, done.stderr
        assert done.stderr.startswith(f"错误：磁盘空间不足：{disk}/out/")
        assert done.stderr.endswith("。没有写出不完整的结果；请处理后再运行一次。\n")
        assert "Traceback" not in done.stderr
        assert sorted(p.name for p in (disk / "out").iterdir()) == []  # no page, no staged file, no journal
    finally:
        subprocess.run(["umount", str(disk)], check=True)
