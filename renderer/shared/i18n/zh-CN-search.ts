// Simplified Chinese for the kiosk's search (renderer/kiosk/screens/DepartmentGrid.tsx):
// the pinyin keyboard's candidate bar, the one-touch chips of common matters, the guide's
// QR code, and the guide page on a visitor's phone (renderer/guide/). Merged into
// messages/zh-CN.ts like the other feature catalogs; placeholders are {name}.
export const zhCNSearch = {
  'kiosk.pinyin.label': '候选字词',
  'kiosk.pinyin.typed': '拼音：{letters}',
  'kiosk.pinyin.loading': '正在准备候选字…',
  'kiosk.pinyin.failed': '候选字暂时不能显示，可以直接用拼音或首字母搜索。',
  'kiosk.pinyin.none': '没有对应的字，请检查拼音。',
  'kiosk.pinyin.more': '更多候选',
  'kiosk.pinyin.back': '上一组候选',
  'kiosk.pinyin.hint': '打拼音，点下面的字或词；也可以直接打首字母，如 sbk',
  'kiosk.chips.title': '常办事项，点一下直接选',

  'kiosk.guide.qr': '用手机扫码，把办事指南带走',
  'guidePage.title': '办事指南',
  'guidePage.loading': '正在打开办事指南…',
  'guidePage.notFound': '没有找到这个事项的办事指南，请到大厅综合咨询窗口咨询。',
  'guidePage.unreachable': '暂时连不上服务大厅，请稍后再试。',
  'guidePage.missingMatter': '这个链接不完整，请重新扫描大厅自助机上的二维码。',
  'guidePage.origin.hall': '本指南由服务大厅提供',
  'guidePage.materials': '申请材料（共 {count} 项）',
} as const satisfies Record<string, string>;
