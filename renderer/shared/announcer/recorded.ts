// Mongolian announcements from a hall's own recordings (docs/voice.md "Mongolian
// announcements"). espeak-ng has no Mongolian voice, so nothing is synthesised: a hall that
// wants calls in Mongolian records the clips below (16 kHz mono WAV) and drops them with a
// manifest.json ({clipId: {file, durationMs}}) into renderer/public/voice/mn-Mong/. The display
// says Mongolian only when every clip is there; otherwise it says so on screen.
// Sentence: "A 0 1 2 ᠳ᠋ᠤᠭᠠᠷ ᠲᠠᠢ ᠢᠷᠭᠡᠨ, 3 ᠳ᠋ᠤᠭᠠᠷ ᠴᠣᠩᠬᠣ ᠳᠤ ᠢᠷᠡᠭᠡᠷᠡᠢ" — ticket letters and digits one by one,
// the counter number digit by digit too (10 digit recordings instead of every numeral 1–999).
import { ticketClips } from './plan';
import type { Player } from './player';
import type { VoiceManifest } from './manifest';
import type { CallToAnnounce, ClipId } from './types';

export const MONGOLIAN_PREFIX = 'mn-Mong/';

/** What each clip must say: the recording script a hall reads from. */
export const MONGOLIAN_RECORDINGS: Readonly<Record<ClipId, string>> = {
  ...Object.fromEntries(['ᠲᠡᠭ', 'ᠨᠢᠭᠡ', 'ᠬᠣᠶᠠᠷ', 'ᠭᠤᠷᠪᠠ', 'ᠳᠥᠷᠪᠡ', 'ᠲᠠᠪᠤ', 'ᠵᠢᠷᠭᠤᠭ᠎ᠠ', 'ᠳᠣᠯᠣᠭ᠎ᠠ', 'ᠨᠠᠢᠮᠠ', 'ᠶᠢᠰᠦ'].map((word, d) => [`digit-${d}`, `${d}: ${word}`])),
  ...Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((l) => [`letter-${l.toLowerCase()}`, `${l} (the letter's name as the hall says it)`])),
  'ticket-suffix': 'ᠳ᠋ᠤᠭᠠᠷ ᠲᠠᠢ ᠢᠷᠭᠡᠨ (дугаартай иргэн, "the citizen with number …")',
  'counter-suffix': 'ᠳ᠋ᠤᠭᠠᠷ ᠴᠣᠩᠬᠣ ᠳᠤ ᠢᠷᠡᠭᠡᠷᠡᠢ (дугаар цонхонд ирээрэй, "please come to counter …")',
};

/** The Mongolian sentence of a call, as clip ids of the hall's recordings. Throws AnnouncementError on a bad ticket number. */
export function planMongolian(call: CallToAnnounce): ClipId[] {
  const counterDigits = [...String(call.counterNumber)].map((d) => `digit-${d}`);
  return [...ticketClips(call.ticketNumber), 'ticket-suffix', ...counterDigits, 'counter-suffix'];
}

/** Recordings the manifest lacks (all of MONGOLIAN_RECORDINGS must be there before the display says Mongolian). */
export function missingRecordings(manifest: VoiceManifest): ClipId[] {
  return Object.keys(MONGOLIAN_RECORDINGS).filter((id) => !(id in manifest));
}

/**
 * Plays a list whose clips come from several folders: ids starting with a route's prefix go to
 * that route's player (prefix removed), the rest to `primary`; runs are played in order.
 */
export class RoutingPlayer implements Player {
  constructor(
    private readonly primary: Player,
    private readonly routes: Readonly<Record<string, Player>>,
  ) {}

  async playClips(clips: readonly ClipId[]): Promise<void> {
    const runs: { player: Player; clips: ClipId[] }[] = [];
    for (const clip of clips) {
      const prefix = Object.keys(this.routes).find((p) => clip.startsWith(p));
      const player = prefix ? this.routes[prefix]! : this.primary;
      const id = prefix ? clip.slice(prefix.length) : clip;
      const last = runs[runs.length - 1];
      if (last && last.player === player) last.clips.push(id);
      else runs.push({ player, clips: [id] });
    }
    for (const run of runs) await run.player.playClips(run.clips);
  }
}
