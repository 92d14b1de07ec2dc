// The web editor in Chinese only: the strings Decap CMS's English locale has and its zh_Hans lacks (Decap
// 3.16.3: 47), added to zh_Hans rather than left to fall back to English, and the review board's dates as M月D日.
// tests/test_editor.py compares the two locales of the vendored bundle itself, so an update of Decap that adds
// strings shows here as a failing test, not as English on a teacher's screen.

export const ADDED = {
  auth: { loginWithForgejo: "使用 Forgejo 登录" },
  collection: {
    collectionTop: { viewAsList: "列表视图", viewAsGrid: "网格视图" },
    entries: { unpublishedHeader: "未发布的条目" },
  },
  editor: {
    editorControl: { field: { widgetLabel: "%{widgetLabel}字段" } },
    editorControlPane: {
      widget: {
        rangeMin: "%{fieldLabel}至少要有 %{minCount} 项。",
        rangeMax: "%{fieldLabel}最多只能有 %{maxCount} 项。",
      },
    },
    editorInterface: { toggleNotes: "显示或隐藏备注" },
    editorNotesPane: {
      title: "备注",
      emptyState: "还没有备注。在下面写第一条备注，和同事一起商量。",
      addNote: "添加备注",
      addPlaceholder: "写一条备注……",
      editPlaceholder: "修改这条备注……",
      save: "保存",
      cancel: "取消",
      edit: "修改",
      delete: "删除",
      resolve: "标为已解决",
      unresolve: "标为未解决",
      confirmDelete: "确定要删除这条备注吗？",
      shortcut: "提示：按 Ctrl+Enter 可以快速添加备注",
    },
    editorToolbar: {
      statusInfoTooltipDraft: "这条记录还是草稿。写完后把状态改为“待审核”，提交审核。",
      statusInfoTooltipInReview: "这条记录正在审核，不需要再做什么；审核期间仍可以继续修改。",
    },
    editorWidgets: {
      markdown: {
        strikethrough: "删除线",
        toggleMode: { rich: "切换到富文本模式", markdown: "切换到 Markdown 模式" },
      },
      image: { chooseMultiple: "选择图片", addMore: "再添加图片", removeAll: "移除全部图片" },
      file: { chooseMultiple: "选择文件", addMore: "再添加文件", removeAll: "移除全部文件" },
      datetime: { setToNow: "把%{fieldLabel}设为现在" },
      list: { addType: "添加%{item}" },
      object: { expand: "展开", collapse: "收起" },
    },
  },
  mediaLibrary: { mediaLibraryModal: { close: "关闭" } },
  ui: {
    settingsDropdown: { account: "账户选项" },
    toast: {
      noteAdded: "备注已添加",
      onFailToAddNote: "添加备注失败：%{details}",
      noteUpdated: "备注已修改",
      onFailToUpdateNote: "修改备注失败：%{details}",
      noteDeleted: "备注已删除",
      onFailToDeleteNote: "删除备注失败：%{details}",
      noteResolved: "备注已标为解决",
      noteReopened: "备注已重新打开",
      onFailToToggleNote: "更改备注状态失败：%{details}",
    },
  },
  workflow: { workflow: { dateFormat: "M[月]D[日]" } },  // was "MMMM D": "December 2"
};

function merged(base, added) {
  const out = { ...base };
  for (const [key, value] of Object.entries(added)) {
    out[key] = value && typeof value === "object" ? merged(base?.[key] ?? {}, value) : value;
  }
  return out;
}

export function registerChinese(CMS) {
  CMS.registerLocale("zh_Hans", merged(CMS.getLocale("zh_Hans"), ADDED));
}
