// Simplified Chinese for issue 14 part B: the language switch, voice guidance (朗读), the
// 呼叫工作人员 button and its admin panel, the display's second language. Merged into
// messages/zh-CN.ts like the other feature catalogs; en and mn-Mong translate the visitor keys.
export const zhCNAccess = {
  'app.languageChangedByCard': '已按您的证件切换为英文',
  'kiosk.help.button': '呼叫工作人员',
  'kiosk.help.sending': '正在通知工作人员…',
  'kiosk.help.sent': '已通知工作人员，请在这里稍候，马上有人过来。',
  'kiosk.help.acknowledged': '工作人员已收到，正在过来。',
  'kiosk.help.failed': '没有通知到工作人员。请再点一次，或到咨询台找工作人员。',
  'kiosk.voice.read': '朗读',
  'kiosk.voice.readLabel': '朗读本页的提示',
  'kiosk.voice.stop': '停止朗读',
  'kiosk.voice.failed': '本机暂时不能播放声音，请看屏幕上的文字或找工作人员。',
  'display.voiceMissing': '蒙古语语音还没有安装，叫号只用普通话播报。',
  'admin.help.title': '呼叫工作人员',
  'admin.help.hint': '取号机上有人按了“呼叫工作人员”：请引导员过去，然后点“我去处理”。',
  'admin.help.empty': '现在没有人呼叫。',
  'admin.help.from': '{terminal} 有人呼叫工作人员',
  'admin.help.at': '{time} 呼叫',
  'admin.help.ack': '我去处理',
  'admin.help.acked': '{name} 已去处理（{time}）',
} as const satisfies Record<string, string>;
