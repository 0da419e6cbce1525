// The texts of the three notifications, per language (zh-CN by default, the visitor's page
// language when chosen). The phrases are the hall's own (renderer/shared/i18n: 前面还有 N 人,
// N号窗口, 已过号) so the phone, the ticket and the message say the same thing.
// Mongolian (mn-Mong) has the hall's phrases for people ahead and the counter; the missed-call
// text has no Mongolian translation yet and is sent in Chinese (docs/notifications.md).
// Contract: no personal data in a text — ticket number, counter, minutes and hall name only.
import type { NotifyKind, NotifyLanguage } from '../../protocol/central/notifications.js';
import type { OutgoingMessage } from './notifier.js';

export interface MessageParams {
  hallName: string;
  number: string;
  ahead?: number;
  counter?: number | null;
  /** Minutes left to rejoin after a missed call (0: cannot rejoin). */
  minutes?: number;
}

type Texts = Record<NotifyKind | 'missedNoRejoin', (p: MessageParams) => { text: string; status: string; note: string }>;

const zh: Texts = {
  ahead: (p) => ({ text: `【${p.hallName}】您的 ${p.number} 号前面还有 ${p.ahead} 人，请留意叫号。`, status: `前面还有 ${p.ahead} 人`, note: '请留意叫号' }),
  called: (p) => ({ text: `【${p.hallName}】请 ${p.number} 号到 ${p.counter} 号窗口办理。`, status: '已叫号，请到窗口', note: `请到 ${p.counter} 号窗口` }),
  missed: (p) => ({ text: `【${p.hallName}】您的 ${p.number} 号已过号，请在 ${p.minutes} 分钟内到窗口重新排队。`, status: '已过号', note: `请在 ${p.minutes} 分钟内重新排队` }),
  missedNoRejoin: (p) => ({ text: `【${p.hallName}】您的 ${p.number} 号已过号，请重新取号。`, status: '已过号', note: '请重新取号' }),
};

const en: Texts = {
  ahead: (p) => ({ text: `[${p.hallName}] Ticket ${p.number}: ${p.ahead} people ahead of you. Please watch for your call.`, status: `${p.ahead} people ahead`, note: 'Watch for your call' }),
  called: (p) => ({ text: `[${p.hallName}] Ticket ${p.number}: please come to counter ${p.counter}.`, status: 'Called', note: `Go to counter ${p.counter}` }),
  missed: (p) => ({ text: `[${p.hallName}] Ticket ${p.number} missed its call. Rejoin the queue at a counter within ${p.minutes} minutes.`, status: 'Missed', note: `Rejoin within ${p.minutes} min` }),
  missedNoRejoin: (p) => ({ text: `[${p.hallName}] Ticket ${p.number} missed its call. Please take a new number.`, status: 'Missed', note: 'Take a new number' }),
};

const mn: Texts = {
  ahead: (p) => ({ text: `【${p.hallName}】${p.number}: ᠲᠠᠨ ᠤ ᠡᠮᠦᠨ\u180eᠡ ${p.ahead} ᠬᠦᠮᠦᠨ ᠪᠠᠶᠢᠨ\u180eᠠ`, status: `${p.ahead}`, note: `ᠲᠠᠨ ᠤ ᠡᠮᠦᠨ\u180eᠡ ${p.ahead} ᠬᠦᠮᠦᠨ ᠪᠠᠶᠢᠨ\u180eᠠ` }),
  called: (p) => ({ text: `【${p.hallName}】${p.number} → ${p.counter} ᠳ\u180bᠤᠭᠠᠷ ᠴᠣᠩᠬᠣ`, status: `${p.counter} ᠳ\u180bᠤᠭᠠᠷ ᠴᠣᠩᠬᠣ`, note: `${p.counter} ᠳ\u180bᠤᠭᠠᠷ ᠴᠣᠩᠬᠣ` }),
  missed: zh.missed,
  missedNoRejoin: zh.missedNoRejoin,
};

const CATALOG: Record<NotifyLanguage, Texts> = { 'zh-CN': zh, en, 'mn-Mong': mn };

export function renderMessage(kind: NotifyKind, lang: NotifyLanguage, p: MessageParams): { text: string; fields: OutgoingMessage['fields'] } {
  const texts = CATALOG[lang] ?? zh;
  const t = (kind === 'missed' && !p.minutes ? texts.missedNoRejoin : texts[kind])(p);
  return { text: t.text, fields: { number: p.number, status: t.status, hall: p.hallName, note: t.note } };
}
