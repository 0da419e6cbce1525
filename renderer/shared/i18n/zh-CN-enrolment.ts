// Simplified Chinese for terminal enrolment: the page that opens with a one-time
// code (#enrol=…, renderer/shared/api/token.ts), the admin page's 终端登记 panel
// (renderer/admin/EnrolmentPanel.tsx), and a PIN the hall's PIN policy refuses.
// Merged into messages/zh-CN.ts like the other feature catalogs; placeholders are {name}.
export const zhCNEnrolment = {
  'enrol.working': '正在登记本机，请稍候…',
  'error.pinPolicy': '密码位数不符合本大厅的要求。请联系管理员重新设置密码。',
  'enrol.used': '这个登记码已经用过了，不能再用。请联系管理员在“大厅管理”页面为本机生成新的登记码。',
  'enrol.expired': '这个登记码已过期。请联系管理员在“大厅管理”页面为本机生成新的登记码。',
  'enrol.wrong': '登记码不对，或者不是这台设备的。请核对地址，或请管理员生成新的登记码。',
  'enrol.locked': '登记码输错次数太多，请 15 分钟后再试。',
  'enrol.unreachable': '连不上大厅服务，暂时不能登记本机。请检查网络后刷新本页。',
  'admin.enrol': '终端登记',
  'admin.enrol.hint': '为一台设备生成一次性登记码：在该设备上打开登记地址即完成登记。登记码只显示这一次，只能用一次，过期作废。',
  'admin.enrol.terminal': '终端',
  'admin.enrol.role': '类型',
  'admin.enrol.make': '生成登记码',
  'admin.enrol.code': '登记码',
  'admin.enrol.address': '登记地址',
  'admin.enrol.until': '{time} 前有效',
  'admin.enrol.role.kiosk': '取号机',
  'admin.enrol.role.counter': '窗口叫号',
  'admin.enrol.role.hall_display': '综合屏',
  'admin.enrol.role.counter_display': '窗口屏',
  'admin.enrol.role.admin': '大厅管理',
  'admin.enrol.role.wall': '监管屏',
} as const satisfies Record<string, string>;
