// UI text of the 好差评 upload panel (renderer/admin/RatingUploadsPanel.tsx).
// The lead merges this object into messages/zh-CN.ts; until then the panel
// falls back to it directly, so nothing shows a raw key.
export const zhCNRatingUploads = {
  'admin.ratingUploads.title': '好差评上报',
  'admin.ratingUploads.notConfigured': '本大厅尚未配置好差评上报（ratingUpload）。',
  'admin.ratingUploads.destination': '上报至 {destination}（{profile}）',
  'admin.ratingUploads.profile.national': '国家标准格式',
  'admin.ratingUploads.profile.provincial': '省级接口格式',
  'admin.ratingUploads.disabled': '上报已停用',
  'admin.ratingUploads.problem': '好差评上报暂停：{problem}',
  'admin.ratingUploads.state.pending': '待上报',
  'admin.ratingUploads.state.sent': '上报中',
  'admin.ratingUploads.state.acked': '已确认',
  'admin.ratingUploads.state.rejected': '被退回',
  'admin.ratingUploads.state.unknown': '结果待核实',
  'admin.ratingUploads.state.skipped': '未评价，不上报',
  'admin.ratingUploads.oldest': '最早一条待上报已等待 {age}',
  'admin.ratingUploads.oldestNone': '没有等待上报的评价',
  'admin.ratingUploads.minutes': '{count} 分钟',
  'admin.ratingUploads.hours': '{count} 小时',
  'admin.ratingUploads.rejectedTitle': '被退回的评价（保留，不会丢弃）',
  'admin.ratingUploads.retryingTitle': '正在重试的评价',
  'admin.ratingUploads.none': '无',
  'admin.ratingUploads.ticket': '号码',
  'admin.ratingUploads.day': '日期',
  'admin.ratingUploads.level': '评价',
  'admin.ratingUploads.reason': '原因',
  'admin.ratingUploads.attempts': '次数',
  'admin.ratingUploads.requeue': '重新上报',
  'admin.ratingUploads.requeued': '已重新排队上报',
  'admin.ratingUploads.failed': '操作失败：{message}',
} as const;

export type RatingUploadsKey = keyof typeof zhCNRatingUploads;
