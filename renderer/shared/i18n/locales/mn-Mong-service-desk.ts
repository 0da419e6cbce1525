// Mongolian (traditional script) for the kiosk's offers when a matter's numbers are gone (capOffer.*).
// How it was written and checked: docs/i18n.md ("The Mongolian catalog").
export const mnMongServiceDesk = {
  "capOffer.title.daily_cap_reached": "ᠡᠨᠡ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠦᠨ ᠥᠨᠥᠳᠥᠷ ᠦᠨ ᠳ᠋ᠤᠭᠠᠷ ᠳᠠᠭᠤᠰᠪᠠ",
  "capOffer.title.after_cut_off": "ᠡᠨᠡ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠳᠦ ᠥᠨᠥᠳᠥᠷ ᠳ᠋ᠤᠭᠠᠷ ᠦᠭᠡᠢ ᠪᠣᠯᠪᠠ",
  "capOffer.title.queue_closed_early": "ᠡᠨᠡ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠦᠨ ᠳ᠋ᠤᠭᠠᠷ ᠲᠦᠷ ᠵᠣᠭᠰᠣᠪᠠ",
  "capOffer.lead": "ᠲᠠ ᠬᠣᠭᠣᠰᠤᠨ ᠪᠤᠴᠠᠬᠤ ᠦᠭᠡᠢ᠄ ᠰᠣᠩᠭᠣᠭᠠᠷᠠᠢ",
  "capOffer.unresolved_counter": "{counters} ᠳ᠋ᠤᠭᠠᠷ ᠴᠣᠩᠬᠣ ({name}) ᠳᠤ ᠣᠴᠢᠪᠠᠯ ᠲᠤᠰᠠᠯᠠᠨ᠎ᠠ",
  "capOffer.unresolved_counter.action": "ᠲᠡᠷᠡ ᠴᠣᠩᠬᠣ ᠶᠢᠨ ᠳ᠋ᠤᠭᠠᠷ ᠠᠪᠬᠤ",
  "capOffer.next_day_booking": "ᠳᠠᠷᠠᠭᠠᠴᠢᠨ ᠠᠵᠢᠯ ᠤᠨ ᠡᠳᠦᠷ {date} {start}–{end} ᠳᠤ ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠬᠢᠵᠦ ᠪᠢᠴᠢᠭ ᠬᠡᠪᠯᠡᠬᠦ",
  "capOffer.next_day_booking.action": "ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠬᠢᠵᠦ ᠬᠡᠪᠯᠡᠬᠦ",
  "capOffer.guide_help": "ᠵᠢᠭᠠᠭᠴᠢ ᠠᠵᠢᠯᠲᠠᠨ ᠢ ᠳᠠᠭᠤᠳᠠᠵᠤ ᠲᠤᠰᠠᠯᠠᠭᠤᠯᠬᠤ",
  "capOffer.guide_help.action": "ᠵᠢᠭᠠᠭᠴᠢ ᠶᠢ ᠳᠠᠭᠤᠳᠠᠬᠤ",
  "capOffer.back": "ᠪᠤᠴᠠᠬᠤ",
  "capOffer.none": "ᠯᠠᠪᠯᠠᠬᠤ ᠴᠣᠩᠬᠣ ᠳᠤ ᠠᠰᠠᠭᠤᠭᠠᠷᠠᠢ᠂ ᠠᠵᠢᠯᠲᠠᠨ ᠲᠠᠨ ᠳᠤ ᠲᠤᠰᠠᠯᠠᠨ᠎ᠠ᠃",
  "capOffer.done.unresolved_counter": "ᠲᠠᠨ ᠤ ᠳ᠋ᠤᠭᠠᠷ {number}᠃ {counters} ᠳ᠋ᠤᠭᠠᠷ ᠴᠣᠩᠬᠣ ᠳᠤ ᠣᠴᠢᠭᠠᠷᠠᠢ᠃",
  "capOffer.done.next_day_booking": "{date} {start}–{end} ᠳᠤ ᠵᠠᠬᠢᠶᠠᠯᠭ᠎ᠠ ᠬᠢᠪᠡ᠂ ᠺᠣᠳ᠋ {code}᠃ ᠴᠠᠭ ᠲᠤ ᠪᠠᠨ ᠪᠦᠷᠢᠳᠬᠡᠭᠡᠷᠡᠢ᠃",
  "capOffer.done.guide_help": "ᠵᠢᠭᠠᠭᠴᠢ ᠳᠤ ᠮᠡᠳᠡᠭᠳᠡᠪᠡ᠃ ᠮᠠᠰᠢᠨ ᠤ ᠳᠡᠷᠭᠡᠳᠡ ᠲᠦᠷ ᠬᠦᠯᠢᠶᠡᠭᠡᠷᠡᠢ᠃",
  "capOffer.failed": "ᠠᠮᠵᠢᠯᠲᠠ ᠦᠭᠡᠢ ᠪᠣᠯᠪᠠ᠃ ᠯᠠᠪᠯᠠᠬᠤ ᠴᠣᠩᠬᠣ ᠳᠤ ᠠᠰᠠᠭᠤᠭᠠᠷᠠᠢ᠃",
  "capOffer.print.failed": "ᠪᠢᠴᠢᠭ ᠬᠡᠪᠯᠡᠭᠳᠡᠭᠰᠡᠨ ᠦᠭᠡᠢ᠃ ᠺᠣᠳ᠋ ᠢᠶᠠᠨ ᠲᠡᠮᠳᠡᠭᠯᠡᠭᠡᠷᠡᠢ᠃",
} as const;
