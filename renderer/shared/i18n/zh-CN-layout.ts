// Simplified Chinese for the layout work of issue 14: the hall display's waiting counts, the
// kiosk's reachable-zone (低位操作) switch, the phone ticket page's staleness line. Merged into
// messages/zh-CN.ts like the other feature catalogs; placeholders are {name}.
export const zhCNLayout = {
  'display.queueCount': '{count} 人',

  'kiosk.reach.on': '低位操作',
  'kiosk.reach.hint': '按钮移到屏幕下方，坐轮椅也够得着',

  'ticketPage.stale': '现在连不上大厅，下面是 {time} 的情况，可能已经变了。',
  'ticketPage.staleHint': '您的号码仍然有效，请留意大厅叫号；网络恢复后会自动更新。',
} as const satisfies Record<string, string>;
