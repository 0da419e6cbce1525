// What the kiosk says aloud on each step (docs/voice.md "Kiosk voice guidance"): Mandarin
// phrases from renderer/public/voice/zh-CN-kiosk/ and, on the ticket screen, the ticket
// number from the display's zh-CN digit and letter clips. Pure: which clips, from which set.
// Contract: every clip named here exists in its set's manifest (tests/unit/announcer/
// kiosk-steps.test.ts); a ticket number the voice cannot say throws AnnouncementError.
import { ticketClips } from './plan';
import type { ClipId } from './types';

/** Clip sets: 'kiosk' is voice/zh-CN-kiosk/, 'call' is voice/zh-CN/ (the display's clips). */
export type ClipSet = 'kiosk' | 'call';
export interface SpokenPart {
  set: ClipSet;
  clips: ClipId[];
}

export const KIOSK_STEPS = ['start', 'departments', 'matters', 'ticket', 'error', 'guide', 'green-staff', 'green-category', 'manual-id', 'check-in'] as const;
export type KioskStep = (typeof KIOSK_STEPS)[number];

/** The kiosk flow's screen names (renderer/kiosk/flow.ts) → the step spoken there; null: nothing to say. */
export function stepOfScreen(screen: string): KioskStep | null {
  switch (screen) {
    case 'start':
    case 'departments':
    case 'matters':
    case 'error':
    case 'green-staff':
    case 'green-category':
    case 'manual-id':
    case 'check-in':
      return screen;
    case 'ticket':
    case 'checked-in':
      return 'ticket';
    case 'refused':
      return 'error';
    case 'guide-departments':
    case 'guide-matters':
    case 'guide':
      return 'guide';
    default:
      return null;
  }
}

/** The parts spoken for a step, in order. `ticketNumber` is needed on the ticket step. */
export function planKioskStep(step: KioskStep, ticketNumber?: string): SpokenPart[] {
  if (step === 'ticket') {
    // 您的号码是 A 零 一 二，请取走您的号票，留意大厅叫号。
    return [
      { set: 'kiosk', clips: ['step-ticket-intro'] },
      { set: 'call', clips: [...ticketClips(ticketNumber), 'ticket-suffix'] },
      { set: 'kiosk', clips: ['step-ticket-take'] },
    ];
  }
  return [{ set: 'kiosk', clips: [`step-${step}`] }];
}
