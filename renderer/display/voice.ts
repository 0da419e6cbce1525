// The display's voice: the voice engineer's announcer (renderer/shared/announcer) with a Web
// Audio player on one AudioContext this page owns, so a click on the "enable voice"
// overlay can resume exactly that context inside the user gesture.
// Autoplay: Electron displays allow it; a plain browser keeps the context suspended until a
// gesture. While blocked the announcer is NOT started: calls wait in its persisted queue
// (nothing lost) instead of failing one by one, and play in order once voice is enabled.
import { Announcer, MONGOLIAN_PREFIX, RoutingPlayer, WebAudioPlayer, missingRecordings, parseVoiceManifest, planMongolian, voiceBaseUrl } from '../shared/announcer';

export type AudioState = 'checking' | 'running' | 'blocked' | 'unavailable';

/** Calls older than this when their turn comes are dropped as 'expired' (after a long outage). */
const EXPIRE_AFTER_MS = 3 * 60_000;

export interface DisplayVoice {
  announcer: Announcer;
  /** Checks whether sound may play; starts the announcer when it may. */
  check(): Promise<AudioState>;
  /** Call from a click/touch handler: resumes audio inside the gesture, then starts. */
  enableFromGesture(): Promise<AudioState>;
  setTimes(times: number): void;
  /**
   * For a hall that lists mn-Mong in languages.announce: checks the hall's recordings
   * (voice/mn-Mong/manifest.json) and, when every clip is there, says each call in Mongolian
   * after the Mandarin. Resolves to whether Mongolian is on (false: no or incomplete recordings).
   */
  enableMongolian(): Promise<boolean>;
}

export function createDisplayVoice(storage: Storage | null): DisplayVoice {
  const AudioCtor: typeof AudioContext | undefined = globalThis.AudioContext;
  let context: AudioContext | null = null;
  const getContext = (): AudioContext => {
    if (!AudioCtor) throw new Error('Web Audio is not available');
    if (!context || context.state === 'closed') context = new AudioCtor();
    return context;
  };
  const mongolianBase = '/voice/mn-Mong/';
  const player = new RoutingPlayer(new WebAudioPlayer({ baseUrl: voiceBaseUrl('zh-CN'), createContext: getContext }), {
    [MONGOLIAN_PREFIX]: new WebAudioPlayer({ baseUrl: mongolianBase, createContext: getContext }),
  });
  let mongolian = false;
  const also = (call: { ticketNumber: string; counterNumber: number }) => (mongolian ? planMongolian(call).map((id) => MONGOLIAN_PREFIX + id) : []);
  const announcer = new Announcer({ player, storage, locale: 'zh-CN', times: 1, expireAfterMs: EXPIRE_AFTER_MS, also });

  const resumeWithin = async (ms: number): Promise<AudioState> => {
    if (!AudioCtor) return 'unavailable';
    let ctx: AudioContext;
    try {
      ctx = getContext();
    } catch {
      return 'unavailable';
    }
    if (ctx.state !== 'running') {
      await Promise.race([ctx.resume().catch(() => undefined), new Promise((r) => setTimeout(r, ms))]);
    }
    return (ctx.state as string) === 'running' ? 'running' : 'blocked';
  };

  return {
    announcer,
    async check() {
      const state = await resumeWithin(400);
      // Without Web Audio nothing a visitor does will help: run, and let failures be recorded.
      if (state !== 'blocked') announcer.start();
      return state;
    },
    async enableFromGesture() {
      const state = await resumeWithin(1500);
      if (state !== 'blocked') announcer.start();
      return state;
    },
    async enableMongolian() {
      try {
        const res = await fetch(`${mongolianBase}manifest.json`);
        mongolian = res.ok && missingRecordings(parseVoiceManifest(await res.json())).length === 0;
      } catch {
        mongolian = false; // no recordings (the demo ships none) or a broken manifest: Mandarin only
      }
      return mongolian;
    },
    setTimes(times) {
      const clamped = Math.min(3, Math.max(1, Math.round(times || 1)));
      try {
        announcer.setTimes(clamped);
      } catch {
        // keep the previous setting
      }
    },
  };
}
