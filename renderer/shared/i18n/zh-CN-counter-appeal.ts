// Simplified Chinese for the counter page's 差评 list and its 申诉复核 (renderer/counter/
// BadRatingAppeals.tsx, docs/bad-rating-cases.md). States and levels: zh-CN-cases.ts.
export const zhCNCounterAppeal = {
  'counterAppeal.title': '本窗口的差评',
  'counterAppeal.intro': '对差评有异议时可申请申诉复核，系统会自动附上大厅记录（取号、叫号、办理、评价时间）。',
  'counterAppeal.none': '近 7 天没有差评',
  'counterAppeal.ratedAt': '评价时间 {time}',
  'counterAppeal.appeal': '申诉复核',
  'counterAppeal.dialogTitle': '申诉复核：工单 {code}',
  'counterAppeal.reason': '申诉理由',
  'counterAppeal.reasonHint': '写明事实经过，5 至 500 字；大厅负责人将对照大厅记录复核。',
  'counterAppeal.reasonTooShort': '申诉理由至少 5 个字',
  'counterAppeal.submit': '提交申诉',
  'counterAppeal.sent': '工单 {code} 已提交申诉复核，等待大厅负责人处理。',
  'counterAppeal.yourReason': '申诉理由：{reason}',
  'counterAppeal.failed.wrong_state': '这件差评已进入整改或已处理，不能再申诉。',
  'counterAppeal.failed.case_closed': '这件差评已办结，不能再申诉。',
  'counterAppeal.failed.not_rated_counter': '只有被评价的窗口可以申诉。',
  'counterAppeal.failed.other': '没有提交成功（{code}），请稍后再试。',
} as const;
