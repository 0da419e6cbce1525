// Simplified Chinese for the admin page's form controls (renderer/admin/forms/): the Chinese
// date picker (2026年12月7日 星期一, weeks from Monday) and the 24-hour time picker.
export const zhCNForms = {
  'forms.date': '{year}年{month}月{day}日 {weekday}',
  'forms.month': '{year}年{month}月',
  'forms.pickDate': '请选择日期',
  'forms.openCalendar': '打开日历',
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
  'forms.required': '请填写{field}',
  'forms.pickFirst': '请先选择{field}',
} as const;
