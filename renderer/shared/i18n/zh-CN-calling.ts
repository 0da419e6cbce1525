// Simplified Chinese for calling deadlines (issue 12): the counter page's "why this ticket" for the
// look-ahead and appointment-slot calls (renderer/counter/rules.ts), the kiosk's word for a late check-in
// kept in the appointment class (renderer/kiosk/KioskScreens.tsx), and the admin page's calling-policy
// warnings (renderer/admin/PolicyWarnings.tsx). Merged into messages/zh-CN.ts.
export const zhCNCalling = {
  'callReason.deadline': '先叫这个号，才能让每位群众都在规定时间内被叫到',
  'callReason.appointment_slot': '预约时段已到，预约号优先',
  'counterPage.whyDeadline': '每个号最迟在排队 {minutes} 分钟内叫到；预约号在预约时段开始后按时叫到',
  'counterPage.whyDeadlineNoCap': '预约号在预约时段开始后按时叫到',
  'kiosk.checkIn.lateKeptClass': '您预约的是 {slot}，已经过了签到时间。仍按预约号为您排队，但不再按预约时段优先叫号，请留意叫号。',
  'admin.policyWarnings.title': '叫号策略提醒',
  'admin.policyWarnings.none': '所有叫号策略都设有最长等候时间。',
  'admin.policyWarnings.noCap': '「{name}」没有设最长等候时间：按这个策略，有的号可能一直等下去。',
  'admin.policyWarnings.fewerPriority': '「{name}」每轮叫优先号 {priority} 个、普通号 {walkIn} 个，优先号少于普通号（大厅已明确允许）。',
  'admin.policyWarnings.hint': '在大厅配置文件的 callingPolicies 中为策略设置 maxWaitMinutes（分钟）即可。',
} as const satisfies Record<string, string>;
