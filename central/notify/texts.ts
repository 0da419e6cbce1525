// The texts of the three notifications, per language (zh-CN by default, the visitor's page
// language when chosen). The phrases are the hall's own (renderer/shared/i18n: 前面还有 N 人,
// N号窗口, 已过号) so the phone, the ticket and the message say the same thing.
// Mongolian (mn-Mong) texts are the phone page's own phrases (wait.peopleAhead, counter.numbered,
// phone.missedRejoin); the WeChat template's short status field stays in Chinese for mn-Mong.
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
  missed: (p) => ({ text: `【${p.hallName}】您的 ${p.number} 号已过号，请在 ${p.minutes} 分钟内到大厅咨询台重新排队。`, status: '已过号', note: `请在 ${p.minutes} 分钟内重新排队` }),
  missedNoRejoin: (p) => ({ text: `【${p.hallName}】您的 ${p.number} 号已过号，请到大厅重新取号。`, status: '已过号', note: '请重新取号' }),
};

const en: Texts = {
  ahead: (p) => ({ text: `[${p.hallName}] Ticket ${p.number}: ${p.ahead} people ahead of you. Please watch for your call.`, status: `${p.ahead} people ahead`, note: 'Watch for your call' }),
  called: (p) => ({ text: `[${p.hallName}] Ticket ${p.number}: please come to counter ${p.counter}.`, status: 'Called', note: `Go to counter ${p.counter}` }),
  missed: (p) => ({ text: `[${p.hallName}] Ticket ${p.number} has passed. Go to the enquiry desk within ${p.minutes} minutes to rejoin the queue.`, status: 'Missed', note: `Rejoin within ${p.minutes} min` }),
  missedNoRejoin: (p) => ({ text: `[${p.hallName}] Ticket ${p.number} has passed. Please take a new ticket in the hall.`, status: 'Missed', note: 'Take a new ticket' }),
};

const mn: Texts = {
  ahead: (p) => ({ text: `【${p.hallName}】${p.number}: ᠲᠠᠨ ᠤ ᠡᠮᠦᠨ\u180eᠡ ${p.ahead} ᠬᠦᠮᠦᠨ ᠪᠠᠶᠢᠨ\u180eᠠ`, status: `${p.ahead}`, note: `ᠲᠠᠨ ᠤ ᠡᠮᠦᠨ\u180eᠡ ${p.ahead} ᠬᠦᠮᠦᠨ ᠪᠠᠶᠢᠨ\u180eᠠ` }),
  called: (p) => ({ text: `【${p.hallName}】${p.number} → ${p.counter} ᠳ\u180bᠤᠭᠠᠷ ᠴᠣᠩᠬᠣ`, status: `${p.counter} ᠳ\u180bᠤᠭᠠᠷ ᠴᠣᠩᠬᠣ`, note: `${p.counter} ᠳ\u180bᠤᠭᠠᠷ ᠴᠣᠩᠬᠣ` }),
  missed: (p) => ({ text: `【${p.hallName}】${p.number}: ᠲᠠᠨ\u202fᠤ ᠳ\u180bᠤᠭᠠᠷ ᠥᠩᠭᠡᠷᠡᠪᠡ᠃ ${p.minutes} ᠮᠢᠨᠦ\u180bᠲ\u202fᠦᠨ ᠳᠣᠲᠣᠷ\u180eᠠ ᠯᠠᠪᠯᠠᠬᠤ ᠴᠣᠩᠬᠣ\u202fᠳᠤ ᠣᠴᠢᠵᠤ ᠳᠠᠬᠢᠨ ᠬᠦᠯᠢᠶᠡᠭᠡᠷᠡᠢ᠃`, status: zh.missed(p).status, note: `${p.minutes}` }),
  missedNoRejoin: (p) => ({ text: `【${p.hallName}】${p.number}: ᠲᠠᠨ\u202fᠤ ᠳ\u180bᠤᠭᠠᠷ ᠥᠩᠭᠡᠷᠡᠪᠡ᠃ ᠲᠢᠩᠬᠢᠮ\u202fᠳᠤ ᠰᠢᠨ\u180eᠡ ᠳ\u180bᠤᠭᠠᠷ ᠠᠪᠤᠭᠠᠷᠠᠢ᠃`, status: zh.missedNoRejoin(p).status, note: zh.missedNoRejoin(p).note }),
};

const CATALOG: Record<NotifyLanguage, Texts> = { 'zh-CN': zh, en, 'mn-Mong': mn };

export function renderMessage(kind: NotifyKind, lang: NotifyLanguage, p: MessageParams): { text: string; fields: OutgoingMessage['fields'] } {
  const texts = CATALOG[lang] ?? zh;
  const t = (kind === 'missed' && !p.minutes ? texts.missedNoRejoin : texts[kind])(p);
  return { text: t.text, fields: { number: p.number, status: t.status, hall: p.hallName, note: t.note } };
}
