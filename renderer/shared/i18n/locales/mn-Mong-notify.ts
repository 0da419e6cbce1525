// Mongolian (traditional script) for the phone page's notification control (zh-CN-notify.ts).
// Joined into mn-Mong.ts. Written like the rest of the catalog (docs/i18n.md): case suffixes joined
// with NNBSP, MVS only before a final a/e; the words for number, call and passed are the phone page's.
import type { Catalog } from '../catalog-types';

export const mnMongNotify: Catalog = {
  "phone.notify.title": "ᠳ᠋ᠤᠭᠠᠷ ᠤᠨ ᠰᠠᠨᠠᠭᠤᠯᠤᠮᠵᠢ",
  "phone.notify.intro": "ᠳ᠋ᠤᠭᠠᠷ ᠣᠶᠢᠷᠠᠳᠬᠤ᠂ ᠳᠠᠭᠤᠳᠠᠬᠤ ᠪᠤᠶᠤ ᠥᠩᠭᠡᠷᠡᠬᠦ ᠦᠶ᠎ᠡ ᠳᠦ ᠮᠡᠳᠡᠭᠳᠡᠨ᠎ᠡ᠃ ᠡᠬᠢᠯᠡᠭᠦᠯᠬᠦ ᠦᠭᠡᠢ ᠪᠣᠯ ᠶᠠᠮᠠᠷ ᠴᠤ ᠮᠡᠳᠡᠭᠡ ᠢᠯᠡᠭᠡᠬᠦ ᠦᠭᠡᠢ᠃",
  "phone.notify.channel": "ᠮᠡᠳᠡᠭᠳᠡᠬᠦ ᠠᠷᠭ᠎ᠠ",
  "phone.notify.sms": "ᠣᠬᠣᠷ ᠮᠡᠳᠡᠭᠡ",
  "phone.notify.wechat": "ᠸᠢᠴᠠᠲ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠮᠡᠳᠡᠭᠳᠡᠯ",
  "phone.notify.phone": "ᠭᠠᠷ ᠤᠲᠠᠰᠤ ᠶᠢᠨ ᠨᠣᠮᠧᠷ",
  "phone.notify.phoneHint": "ᠨᠣᠮᠧᠷ ᠢ ᠵᠥᠪᠬᠡᠨ ᠡᠨᠡ ᠳ᠋ᠤᠭᠠᠷ ᠤᠨ ᠰᠠᠨᠠᠭᠤᠯᠤᠮᠵᠢ ᠳᠤ ᠬᠡᠷᠡᠭᠯᠡᠨ᠎ᠡ᠂ ᠨᠢᠭᠤᠴᠠᠯᠠᠨ ᠬᠠᠳᠠᠭᠠᠯᠠᠵᠤ᠂ ᠳᠠᠷᠠᠭ᠎ᠠ ᠨᠢ ᠠᠰᠠᠭᠠᠨ᠎ᠠ᠃",
  "phone.notify.threshold": "ᠡᠮᠦᠨ᠎ᠡ ᠬᠡᠳᠦᠨ ᠬᠦᠮᠦᠨ ᠦᠯᠡᠳᠡᠬᠦ ᠳᠦ ᠮᠡᠳᠡᠭᠳᠡᠬᠦ",
  "phone.notify.people": "{count} ᠬᠦᠮᠦᠨ",
  "phone.notify.submit": "ᠰᠠᠨᠠᠭᠤᠯᠤᠮᠵᠢ ᠡᠬᠢᠯᠡᠭᠦᠯᠬᠦ",
  "phone.notify.sending": "ᠡᠬᠢᠯᠡᠭᠦᠯᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ…",
  "phone.notify.on": "ᠰᠠᠨᠠᠭᠤᠯᠤᠮᠵᠢ ᠡᠬᠢᠯᠡᠪᠡ᠄ {channel} {address}᠂ ᠡᠮᠦᠨ᠎ᠡ {count} ᠬᠦᠮᠦᠨ ᠦᠯᠡᠳᠡᠬᠦ᠂ ᠳᠠᠭᠤᠳᠠᠬᠤ ᠪᠤᠶᠤ ᠥᠩᠭᠡᠷᠡᠬᠦ ᠦᠶ᠎ᠡ ᠳᠦ ᠮᠡᠳᠡᠭᠳᠡᠨ᠎ᠡ᠃",
  "phone.notify.change": "ᠥᠭᠡᠷᠡᠴᠢᠯᠡᠬᠦ",
  "phone.notify.withdraw": "ᠰᠠᠨᠠᠭᠤᠯᠤᠮᠵᠢ ᠪᠣᠯᠢᠬᠤ",
  "phone.notify.withdrawn": "ᠰᠠᠨᠠᠭᠤᠯᠤᠮᠵᠢ ᠪᠣᠯᠢᠪᠠ᠃ ᠳᠠᠬᠢᠨ ᠮᠡᠳᠡᠭᠡ ᠢᠯᠡᠭᠡᠬᠦ ᠦᠭᠡᠢ᠂ ᠨᠣᠮᠧᠷ ᠢ ᠠᠰᠠᠭᠠᠪᠠ᠃",
  "phone.notify.badPhone": "11 ᠣᠷᠣᠨ ᠲᠠᠢ ᠭᠠᠷ ᠤᠲᠠᠰᠤ ᠶᠢᠨ ᠨᠣᠮᠧᠷ ᠢᠶᠠᠨ ᠪᠢᠴᠢᠭᠡᠷᠡᠢ᠃",
  "phone.notify.unavailable": "ᠡᠨᠡ ᠲᠠᠯᠠᠪᠤᠷ ᠣᠳᠣ ᠰᠠᠨᠠᠭᠤᠯᠤᠮᠵᠢ ᠢᠯᠡᠭᠡᠵᠦ ᠳᠡᠢᠯᠬᠦ ᠦᠭᠡᠢ᠃",
  "phone.notify.closed": "ᠡᠨᠡ ᠳ᠋ᠤᠭᠠᠷ ᠳᠠᠭᠤᠰᠪᠠ᠂ ᠰᠠᠨᠠᠭᠤᠯᠤᠮᠵᠢ ᠬᠡᠷᠡᠭ ᠦᠭᠡᠢ᠃",
  "phone.notify.unreachable": "ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠲᠠᠯᠠᠪᠤᠷ ᠲᠠᠢ ᠣᠳᠣ ᠬᠣᠯᠪᠣᠭᠳᠠᠬᠤ ᠦᠭᠡᠢ᠂ ᠳᠠᠷᠠᠭ᠎ᠠ ᠳᠠᠬᠢᠨ ᠣᠷᠣᠯᠳᠠᠭᠠᠷᠠᠢ᠃",
  "phone.notify.kind.ahead": "ᠳ᠋ᠤᠭᠠᠷ ᠣᠶᠢᠷᠠᠳᠪᠠ",
  "phone.notify.kind.called": "ᠳᠠᠭᠤᠳᠠᠭᠰᠠᠨ",
  "phone.notify.kind.missed": "ᠳ᠋ᠤᠭᠠᠷ ᠥᠩᠭᠡᠷᠡᠪᠡ",
  "phone.notify.state.queued": "ᠢᠯᠡᠭᠡᠬᠦ ᠶᠢ ᠬᠦᠯᠢᠶᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ",
  "phone.notify.state.sending": "ᠢᠯᠡᠭᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ",
  "phone.notify.state.sent": "ᠢᠯᠡᠭᠡᠪᠡ",
  "phone.notify.state.delivered": "ᠬᠦᠷᠴᠡᠯᠡᠪᠡ",
  "phone.notify.state.failed": "ᠢᠯᠡᠭᠡᠵᠦ ᠴᠠᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ",
  "phone.notify.state.expired": "ᠣᠷᠣᠢᠳᠠᠭᠰᠠᠨ ᠲᠤᠯᠠ ᠢᠯᠡᠭᠡᠭᠰᠡᠨ ᠦᠭᠡᠢ",
};
