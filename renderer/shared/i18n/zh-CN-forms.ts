// Simplified Chinese for the admin page's form controls (renderer/admin/forms/): the Chinese
// date picker (2026年12月7日 星期一, weeks from Monday) and the 24-hour time picker.
export const zhCNForms = {
  'forms.date': '{year}年{month}月{day}日 {weekday}',
  'forms.month': '{year}年{month}月',
  'forms.pickDate': '请选择日期',
  'forms.prevMonth': '上个月',
  'forms.nextMonth': '下个月',
  'forms.closeCalendar': '关闭日历',
  'forms.hour': '时',
  'forms.minute': '分',
  'forms.weekHead.1': '一',
  'forms.weekHead.2': '二',
  'forms.weekHead.3': '三',
  'forms.weekHead.4': '四',
  'forms.weekHead.5': '五',
  'forms.weekHead.6': '六',
  'forms.weekHead.0': '日',
  'forms.endBeforeStart': '结束时间须晚于开始时间',
  'forms.idNumber': '身份证号应为 18 位（最后一位可以是 X），或者不填',
  'forms.importEmpty': '请先粘贴名单内容',
  'forms.importFormat': '名单格式',
  'forms.visitDay': '上门日期',
} as const;
