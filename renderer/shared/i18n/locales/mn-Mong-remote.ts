// Mongolian (traditional script) for the phone page's 线上取号 screen (zh-CN-remote.ts). Joined into
// mn-Mong.ts. Written from the catalog's own words (take a number, check in, ID card as the kiosk says them);
// not reviewed by a native reader (docs/i18n.md).
import type { Catalog } from '../catalog-types';

export const mnMongRemote: Catalog = {
  'remoteTicket.tab': 'ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠪᠡᠷ ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠤᠬᠤ',
  'remoteTicket.title': 'ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠪᠡᠷ ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠤᠬᠤ',
  'remoteTicket.intro': 'ᠭᠠᠷ ᠤᠲᠠᠰᠤ ᠪᠡᠷ ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠤᠭᠠᠷᠠᠢ᠃ ᠲᠢᠩᠬᠢᠮ ᠳᠤ ᠢᠷᠡᠭᠡᠳ ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠤᠬᠤ ᠮᠠᠰᠢᠨ ᠳᠤ QR ᠢ ᠰᠢᠷᠪᠢᠵᠦ᠂ ᠺᠣᠳ᠋ ᠢ ᠣᠷᠣᠭᠤᠯᠵᠤ ᠡᠰᠡᠬᠦᠯ᠎ᠡ ᠪᠡᠶ᠎ᠡ ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠬᠦ ᠪᠡᠷ ᠪᠦᠷᠢᠳᠬᠡᠭᠡᠷᠡᠢ᠂ ᠳᠠᠷᠠᠭ᠎ᠠ ᠨᠢ ᠬᠦᠯᠢᠶᠡᠯᠲᠡ ᠳᠦ ᠣᠷᠣᠨ᠎ᠠ᠃',
  'remoteTicket.window': 'ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠤᠭᠰᠠᠨ ᠠᠴᠠ ᠬᠣᠶᠢᠰᠢ {minutes} ᠮᠢᠨᠦ᠋ᠲ ᠦᠨ ᠳᠣᠲᠣᠷ᠎ᠠ ᠲᠢᠩᠬᠢᠮ ᠳᠤ ᠪᠦᠷᠢᠳᠬᠡᠭᠡᠷᠡᠢ᠃',
  'remoteTicket.windowUntil': 'ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠤᠭᠰᠠᠨ ᠠᠴᠠ ᠬᠣᠶᠢᠰᠢ {minutes} ᠮᠢᠨᠦ᠋ᠲ ᠦᠨ ᠳᠣᠲᠣᠷ᠎ᠠ᠂ {time} ᠠᠴᠠ ᠡᠮᠦᠨ᠎ᠡ ᠲᠢᠩᠬᠢᠮ ᠳᠤ ᠪᠦᠷᠢᠳᠬᠡᠭᠡᠷᠡᠢ᠃',
  'remoteTicket.matter': 'ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ',
  'remoteTicket.full': '（ᠦᠨᠦᠳᠦᠷ ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠪᠡᠷ ᠠᠪᠬᠤ ᠳ᠋ᠤᠭᠠᠷ ᠳᠠᠭᠤᠰᠪᠠ᠂ ᠲᠢᠩᠬᠢᠮ ᠳᠤ ᠢᠷᠡᠵᠦ ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠴᠤ ᠪᠣᠯᠤᠨ᠎ᠠ）',
  'remoteTicket.idNumber': 'ᠪᠡᠶ᠎ᠡ ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠬᠦ ᠶᠢᠨ ᠳ᠋ᠤᠭᠠᠷ',
  'remoteTicket.idHint': 'ᠵᠥᠪᠬᠡᠨ ᠬᠦᠮᠦᠨ ᠪᠦᠷᠢ ᠡᠳᠦᠷ ᠪᠦᠷᠢ ᠶᠢᠨ ᠬᠢᠵᠠᠭᠠᠷ ᠲᠤ ᠬᠡᠷᠡᠭᠯᠡᠨ᠎ᠡ᠂ ᠨᠢᠭᠤᠴᠠᠯᠠᠨ᠎ᠠ᠂ ᠳ᠋ᠤᠭᠠᠷ ᠢ ᠥᠪᠡᠷ ᠢ ᠨᠢ ᠬᠠᠳᠠᠭᠠᠯᠠᠬᠤ ᠦᠭᠡᠢ᠃',
  'remoteTicket.submit': 'ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠤᠬᠤ',
  'remoteTicket.sending': 'ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠴᠤ ᠪᠠᠶᠢᠨ᠎ᠠ…',
  'remoteTicket.code': 'ᠺᠣᠳ᠋ {code}',
  'remoteTicket.until': '{time} ᠠᠴᠠ ᠡᠮᠦᠨ᠎ᠡ ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠤᠬᠤ ᠮᠠᠰᠢᠨ ᠳᠤ ᠪᠦᠷᠢᠳᠬᠡᠭᠡᠷᠡᠢ',
  'remoteTicket.qrLabel': 'ᠲᠢᠩᠬᠢᠮ ᠳᠤ ᠢᠷᠡᠭᠡᠳ ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠤᠬᠤ ᠮᠠᠰᠢᠨ ᠳᠤ ᠡᠨᠡ QR ᠢ ᠰᠢᠷᠪᠢᠵᠦ ᠪᠦᠷᠢᠳᠬᠡᠭᠡᠷᠡᠢ',
  'remoteTicket.state.issued': 'ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠤᠭᠰᠠᠨ᠂ ᠪᠦᠷᠢᠳᠬᠡᠯ ᠢ ᠬᠦᠯᠢᠶᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ',
  'remoteTicket.state.checked_in': 'ᠪᠦᠷᠢᠳᠬᠡᠭᠰᠡᠨ᠂ ᠲᠠᠨ ᠤ ᠳ᠋ᠤᠭᠠᠷ {number}',
  'remoteTicket.state.expired': 'ᠲᠣᠭᠲᠠᠭᠰᠠᠨ ᠴᠠᠭ ᠲᠤ ᠪᠦᠷᠢᠳᠬᠡᠭᠰᠡᠨ ᠦᠭᠡᠢ ᠲᠤᠯᠠ ᠳ᠋ᠤᠭᠠᠷ ᠤᠨ ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠥᠩᠭᠡᠷᠡᠪᠡ᠃',
  'remoteTicket.state.refused': 'ᠲᠢᠩᠬᠢᠮ ᠡᠨᠡ ᠳ᠋ᠤᠭᠠᠷ ᠢ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠭᠰᠠᠨ ᠦᠭᠡᠢ᠃ ᠲᠢᠩᠬᠢᠮ ᠳᠤ ᠢᠷᠡᠵᠦ ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠤᠭᠠᠷᠠᠢ᠃',
  'remoteTicket.ahead': 'ᠲᠠᠨ ᠤ ᠡᠮᠦᠨ᠎ᠡ {count} ᠬᠦᠮᠦᠨ ᠪᠠᠶᠢᠨ᠎ᠠ',
  'remoteTicket.calledTo': '{counter} ᠳ᠋ᠤᠭᠠᠷ ᠴᠣᠩᠬᠣ ᠳᠤ ᠣᠴᠢᠭᠠᠷᠠᠢ',
  'remoteTicket.stale': 'ᠲᠢᠩᠬᠢᠮ ᠡᠴᠡ ᠰᠠᠶᠢᠬᠠᠨ ᠮᠡᠳᠡᠭᠡ ᠢᠷᠡᠭᠰᠡᠨ ᠦᠭᠡᠢ᠂ ᠰᠡᠯᠪᠢᠭᠰᠡᠨ ᠴᠠᠭ᠄ {time}',
  'remoteTicket.again': 'ᠳᠠᠬᠢᠨ ᠨᠢᠭᠡ ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠤᠬᠤ',
  'remoteTicket.noHall': 'ᠲᠢᠩᠬᠢᠮ ᠦᠨ QR ᠢ ᠰᠢᠷᠪᠢᠵᠦ ᠡᠨᠡ ᠨᠢᠭᠤᠷ ᠢ ᠨᠡᠭᠡᠭᠡᠭᠡᠷᠡᠢ᠃',
  'remoteTicket.error.not_enabled': 'ᠡᠨᠡ ᠲᠢᠩᠬᠢᠮ ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠪᠡᠷ ᠳ᠋ᠤᠭᠠᠷ ᠥᠭᠬᠦ ᠦᠭᠡᠢ᠃ ᠲᠢᠩᠬᠢᠮ ᠳᠤ ᠢᠷᠡᠵᠦ ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠤᠭᠠᠷᠠᠢ᠃',
  'remoteTicket.error.outside_hours': 'ᠣᠳᠣ ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠪᠡᠷ ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠬᠤ ᠴᠠᠭ ᠪᠢᠰᠢ᠃ ᠲᠢᠩᠬᠢᠮ ᠳᠤ ᠢᠷᠡᠵᠦ ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠤᠭᠠᠷᠠᠢ᠃',
  'remoteTicket.error.unknown_matter': 'ᠡᠨᠡ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠳᠦ ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠪᠡᠷ ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠴᠤ ᠪᠣᠯᠬᠤ ᠦᠭᠡᠢ᠃ ᠲᠢᠩᠬᠢᠮ ᠳᠤ ᠢᠷᠡᠵᠦ ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠤᠭᠠᠷᠠᠢ᠃',
  'remoteTicket.error.identity_limit': 'ᠡᠨᠡ ᠦᠨᠡᠮᠯᠡᠬᠦ ᠪᠡᠷ ᠦᠨᠦᠳᠦᠷ ᠡᠨᠡ ᠲᠢᠩᠬᠢᠮ ᠳᠤ ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠪᠡᠷ ᠠᠪᠬᠤ ᠳ᠋ᠤᠭᠠᠷ ᠳᠠᠭᠤᠰᠪᠠ᠃',
  'remoteTicket.error.no_show_limit': 'ᠡᠨᠡ ᠦᠨᠡᠮᠯᠡᠬᠦ ᠪᠡᠷ ᠠᠪᠤᠭᠰᠠᠨ ᠳ᠋ᠤᠭᠠᠷ ᠣᠢᠷ᠎ᠠ ᠳᠤ ᠬᠡᠳᠦᠨ ᠤᠳᠠᠭ᠎ᠠ ᠪᠦᠷᠢᠳᠬᠡᠭᠳᠡᠭᠰᠡᠨ ᠦᠭᠡᠢ ᠲᠤᠯᠠ ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠪᠡᠷ ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠬᠤ ᠢ ᠲᠦᠷ ᠵᠣᠭᠰᠣᠭᠠᠪᠠ᠃ ᠲᠢᠩᠬᠢᠮ ᠳᠤ ᠢᠷᠡᠵᠦ ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠤᠭᠠᠷᠠᠢ᠃',
  'remoteTicket.error.hall_limit': 'ᠦᠨᠦᠳᠦᠷ ᠡᠨᠡ ᠲᠢᠩᠬᠢᠮ ᠦᠨ ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠪᠡᠷ ᠠᠪᠬᠤ ᠳ᠋ᠤᠭᠠᠷ ᠳᠠᠭᠤᠰᠪᠠ᠃ ᠲᠢᠩᠬᠢᠮ ᠳᠤ ᠢᠷᠡᠵᠦ ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠤᠭᠠᠷᠠᠢ᠃',
  'remoteTicket.error.queue_share_full': 'ᠦᠨᠦᠳᠦᠷ ᠡᠨᠡ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠪᠡᠷ ᠠᠪᠬᠤ ᠳ᠋ᠤᠭᠠᠷ ᠳᠠᠭᠤᠰᠪᠠ᠂ ᠲᠢᠩᠬᠢᠮ ᠳᠤ ᠢᠷᠡᠵᠦ ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠴᠤ ᠪᠣᠯᠤᠨ᠎ᠠ᠃',
  'remoteTicket.error.invalid_id_number': '18 ᠣᠷᠣᠨ ᠲᠠᠢ ᠵᠥᠪ ᠪᠡᠶ᠎ᠡ ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠬᠦ ᠶᠢᠨ ᠳ᠋ᠤᠭᠠᠷ ᠢᠶᠠᠨ ᠪᠢᠴᠢᠭᠡᠷᠡᠢ᠃',
  'remoteTicket.error.unreachable': 'ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠲᠠᠯᠠᠪᠤᠷ ᠲᠠᠢ ᠬᠣᠯᠪᠣᠭᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠂ ᠳᠠᠷᠠᠭ᠎ᠠ ᠳᠠᠬᠢᠨ ᠣᠷᠣᠯᠳᠠᠭᠠᠷᠠᠢ᠃',
};
