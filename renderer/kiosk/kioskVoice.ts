// The kiosk's voice guidance: plays a step's spoken parts through the announcer's players
// (renderer/shared/announcer; WebAudioPlayer on the page, RecordingPlayer in tests), one
// player per clip set on one AudioContext. Automatic in large-type mode, else on the
// speaker button (KioskApp). Offline: the clips are files the hall serves.
// Contract: one step at a time, never two voices at once; a step asked for while another
// plays waits, and only the newest waiting one is kept (a visitor who moved on does not hear
// the screens in between). A player failure ends that step as 'failed' and the next plays.
// From the modules, not the announcer's index (which brings the display's Mongolian recording script).
import { planKioskStep, type ClipSet, type KioskStep, type SpokenPart } from '../shared/announcer/kiosk-steps';
import type { Player } from '../shared/announcer/player';

export type SpeakOutcome = 'played' | 'failed' | 'replaced';

export class KioskVoice {
  private busy = false;
  private pending: { parts: SpokenPart[]; done: (o: SpeakOutcome) => void } | null = null;
  private readonly listeners = new Set<(failed: boolean) => void>();

  constructor(private readonly players: Record<ClipSet, Player>) {}

  /** Says a step (the ticket step needs the ticket number); resolves when it was said, failed or replaced. */
  speak(step: KioskStep, ticketNumber?: string): Promise<SpeakOutcome> {
    let parts: SpokenPart[];
    try {
      parts = planKioskStep(step, ticketNumber);
    } catch {
      return Promise.resolve('failed');
    }
    return new Promise((done) => {
      this.pending?.done('replaced');
      this.pending = { parts, done };
      void this.drain();
    });
  }

  /** Called after each step with whether it failed (the page shows "cannot play sound"). */
  onResult(listener: (failed: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.pending) {
        const { parts, done } = this.pending;
        this.pending = null;
        let failed = false;
        try {
          for (const part of parts) await this.players[part.set].playClips(part.clips);
        } catch {
          failed = true;
        }
        this.listeners.forEach((l) => l(failed));
        done(failed ? 'failed' : 'played');
      }
    } finally {
      this.busy = false;
    }
  }
}
