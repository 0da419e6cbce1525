// Mongolian (traditional script) for the phone ticket page (/ticket/, the QR code on the kiosk's
// ticket screen when the visitor took the ticket in Mongolian). Joined into mn-Mong-core.ts.
// Written like the rest of the catalog (docs/i18n.md): case suffixes joined with NNBSP, MVS
// only before a final a/e; not yet reviewed by a native reader.
export const mnMongTicket = {
  "ticketStatus.waiting": "ᠬᠦᠯᠢᠶᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ",
  "ticketStatus.called": "ᠳᠠᠭᠤᠳᠠᠭᠰᠠᠨ᠂ ᠴᠣᠩᠬᠣ ᠳᠤ ᠣᠴᠢᠭᠠᠷᠠᠢ",
  "ticketStatus.serving": "ᠦᠢᠯᠡᠴᠢᠯᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ",
  "ticketStatus.finished": "ᠳᠠᠭᠤᠰᠪᠠ",
  "ticketStatus.no_show": "ᠳ᠋ᠤᠭᠠᠷ ᠥᠩᠭᠡᠷᠡᠪᠡ",
  "ticketStatus.suspended": "ᠲᠦᠷ ᠵᠣᠭᠰᠣᠭᠠᠪᠠ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠤ ᠬᠡᠯᠡᠭᠰᠡᠨ ᠴᠠᠭ ᠲᠤ ᠴᠣᠩᠬᠣ ᠳᠤ ᠪᠤᠴᠠᠵᠤ ᠢᠷᠡᠭᠡᠷᠡᠢ",
  "ticketStatus.withdrawn": "ᠴᠠᠭ ᠥᠩᠭᠡᠷᠡᠭᠰᠡᠨ ᠲᠤᠯᠠ ᠪᠤᠴᠠᠭᠠᠪᠠ",
  "ticketStatus.expired": "ᠳ᠋ᠤᠭᠠᠷ ᠤᠨ ᠴᠠᠭ ᠥᠩᠭᠡᠷᠡᠪᠡ",
  "ticketPage.title": "ᠬᠦᠯᠢᠶᠡᠯᠲᠡ",
  "ticketPage.number": "ᠲᠠᠨ ᠤ ᠳ᠋ᠤᠭᠠᠷ",
  "ticketPage.goTo": "{counter} ᠳᠤ ᠣᠴᠢᠭᠠᠷᠠᠢ",
  "ticketPage.refresh": "{time} ᠳᠤ ᠰᠢᠨᠡᠴᠢᠯᠡᠪᠡ · 15 ᠰᠧᠺᠦᠨ᠋ᠲ ᠲᠤ ᠨᠢᠭᠡ ᠰᠢᠨᠡᠴᠢᠯᠡᠨ᠎ᠡ",
  "ticketPage.refreshNow": "ᠣᠳᠣ ᠰᠢᠨᠡᠴᠢᠯᠡᠬᠦ",
  "ticketPage.finishedHint": "ᠬᠦᠯᠢᠶᠡᠭᠰᠡᠨ ᠳᠦ ᠪᠠᠶᠠᠷᠯᠠᠯ᠎ᠠ᠃",
  "ticketPage.noShowHint": "ᠲᠠᠨ ᠤ ᠳ᠋ᠤᠭᠠᠷ ᠥᠩᠭᠡᠷᠡᠪᠡ᠃ ᠯᠠᠪᠯᠠᠬᠤ ᠴᠣᠩᠬᠣ ᠳᠤ ᠠᠰᠠᠭᠤᠭᠠᠷᠠᠢ᠃",
  "ticketPage.expiredHint": "ᠳ᠋ᠤᠭᠠᠷ ᠵᠥᠪᠬᠡᠨ ᠠᠪᠤᠭᠰᠠᠨ ᠡᠳᠦᠷ ᠲᠡᠭᠡᠨ ᠳᠦ ᠬᠦᠴᠦᠨ ᠲᠡᠢ᠂ ᠳᠠᠬᠢᠨ ᠠᠪᠤᠭᠠᠷᠠᠢ᠃",
  "ticketPage.calledHint": "ᠳᠠᠷᠤᠢ ᠴᠣᠩᠬᠣ ᠳᠤ ᠣᠴᠢᠭᠠᠷᠠᠢ᠂ ᠳ᠋ᠤᠭᠠᠷ ᠥᠩᠭᠡᠷᠡᠪᠡᠯ ᠳᠠᠬᠢᠨ ᠬᠦᠯᠢᠶᠡᠨ᠎ᠡ᠃",
  "ticketPage.badLink": "ᠡᠨᠡ ᠬᠣᠯᠪᠣᠭᠠᠰᠤ ᠳᠤᠲᠠᠭᠤ᠃ ᠳ᠋ᠤᠭᠠᠷ ᠤᠨ ᠴᠠᠭᠠᠰᠤ ᠳᠡᠭᠡᠷᠡᠬᠢ QR ᠢ ᠳᠠᠬᠢᠨ ᠰᠢᠷᠪᠢᠭᠡᠷᠡᠢ᠃",
  "ticketPage.notFound": "ᠡᠨᠡ ᠳ᠋ᠤᠭᠠᠷ ᠣᠯᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠃ ᠳ᠋ᠤᠭᠠᠷ ᠵᠥᠪᠬᠡᠨ ᠠᠪᠤᠭᠰᠠᠨ ᠡᠳᠦᠷ ᠲᠡᠭᠡᠨ ᠳᠦ ᠬᠦᠴᠦᠨ ᠲᠡᠢ᠃ ᠠᠵᠢᠯᠲᠠᠨ ᠳᠤ ᠠᠰᠠᠭᠤᠭᠠᠷᠠᠢ᠃",
  "ticketPage.offline": "ᠲᠢᠩᠬᠢᠮ ᠲᠠᠢ ᠣᠳᠣ ᠬᠣᠯᠪᠣᠭᠳᠠᠬᠤ ᠦᠭᠡᠢ᠂ ᠳᠠᠬᠢᠨ ᠣᠷᠣᠯᠳᠠᠵᠤ ᠪᠠᠶᠢᠨ᠎ᠠ᠃ ᠲᠠᠨ ᠤ ᠳ᠋ᠤᠭᠠᠷ ᠬᠦᠴᠦᠨ ᠲᠡᠢ᠂ ᠲᠢᠩᠬᠢᠮ ᠦᠨ ᠳᠠᠭᠤᠳᠠᠯᠭ᠎ᠠ ᠶᠢ ᠠᠩᠬᠠᠷᠤᠭᠠᠷᠠᠢ᠃",
  "ticketPage.stale": "ᠲᠢᠩᠬᠢᠮ ᠲᠠᠢ ᠣᠳᠣ ᠬᠣᠯᠪᠣᠭᠳᠠᠬᠤ ᠦᠭᠡᠢ᠃ ᠳᠣᠣᠷᠠᠬᠢ ᠨᠢ {time} ᠤ ᠪᠠᠶᠢᠳᠠᠯ᠂ ᠥᠭᠡᠷᠡᠴᠢᠯᠡᠭᠳᠡᠭᠰᠡᠨ ᠪᠠᠶᠢᠵᠤ ᠮᠡᠳᠡᠨ᠎ᠡ᠃",
  "ticketPage.staleHint": "ᠲᠠᠨ ᠤ ᠳ᠋ᠤᠭᠠᠷ ᠬᠦᠴᠦᠨ ᠲᠡᠢ᠂ ᠲᠢᠩᠬᠢᠮ ᠦᠨ ᠳᠠᠭᠤᠳᠠᠯᠭ᠎ᠠ ᠶᠢ ᠠᠩᠬᠠᠷᠤᠭᠠᠷᠠᠢ᠃ ᠬᠣᠯᠪᠣᠯᠲᠠ ᠰᠡᠷᠭᠦᠭᠰᠡᠨ ᠦ ᠳᠠᠷᠠᠭ᠎ᠠ ᠥᠪᠡᠰᠦᠪᠡᠨ ᠰᠢᠨᠡᠴᠢᠯᠡᠨ᠎ᠡ᠃",
} as const;
