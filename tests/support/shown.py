"""One page of each kind of the shipped site, with the heading it shows: what the browser, layout and
accessibility tests visit."""

PAGES = {
    "": "中共姜堰市实验小学总支部委员会",
    "work/": "党建工作",
    "work/rongru/": "学校党建既融入教育教学，又彰显自身价值",
    "programs/san-tong-san-yi/": "“三同三异”展示教学风采",
    "places/": "阵地与基地",
    "places/jiangduo-suweiai-jinianguan/": "姜堰市蒋垛镇苏维埃纪念馆",
    "activities/": "党建活动",
    "activities/2011/": "2011年党建活动",
    "activities/by-program/": "按特色做法",
    "activities/by-branch/": "按支部",
    "activities/by-branch/di-yi/": "第一党支部（示例）的党建活动",
    "activities/2011/2011-03-16-tongke-yigou/": "党员教师“同课异构”课堂教学研讨（示例）",
    "members/": "党员风采",
    "members/zhang-hua/": "张华（示例）",
    "publications/": "刊物",
    "publications/dangxing-riji/": "《党性日记》",
    "publications/dangxing-riji/2011-01/": "《党性日记》2011年第1期（示例）",
    "forum/": "党性论坛",
    "forum/adopted/": "已采纳的建议",
    "forum/2011/2011-04-12-fangxiaozhou-jianyi/": "希望公开党员教师社区服务站的接待时间（示例）",
    "reviews/": "述职评议",
    "reviews/2011/": "2011年度抓基层党建工作述职评议（示例）",
    "tags/": "标签",
    "tags/ke-tang-jiao-xue/": "标签：课堂教学",
}
