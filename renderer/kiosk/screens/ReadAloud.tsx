// 朗读: every kiosk step can be read aloud in Mandarin, offline (docs/voice.md "Kiosk voice
// guidance"). In large-type mode (长辈/大字) each new step is read by itself; elsewhere the
// speaker button reads the current one. Sound that cannot play is said in words.
import { useEffect, useState } from 'react';
import { useT } from '../../shared/i18n';
import { useLargeType } from '../../shared/i18n/largeType';
import { SpeakerIcon } from '../../shared/components/Icons';
// From the modules, not the announcer's index: the index also brings the hall display's
// Mongolian recording script (recorded.ts), which a kiosk's first load must not carry.
import { WebAudioPlayer } from '../../shared/announcer/player';
import { stepOfScreen } from '../../shared/announcer/kiosk-steps';
import { voiceBaseUrl } from '../../shared/announcer/manifest';
import { KioskVoice } from '../kioskVoice';
import type { Screen } from '../flow';

let pageVoice: KioskVoice | null = null;

/** One voice per page, its two clip sets on one AudioContext (created on first use). */
function kioskVoice(): KioskVoice {
  if (pageVoice) return pageVoice;
  let context: AudioContext | null = null;
  const createContext = () => {
    if (!context || context.state === 'closed') context = new AudioContext();
    return context;
  };
  pageVoice = new KioskVoice({
    kiosk: new WebAudioPlayer({ baseUrl: '/voice/zh-CN-kiosk/', createContext }),
    call: new WebAudioPlayer({ baseUrl: voiceBaseUrl('zh-CN'), createContext }),
  });
  return pageVoice;
}

/** The ticket number a step reads out (ticket and check-in screens). */
function ticketNumberOf(screen: Screen): string | undefined {
  if (screen.name === 'ticket') return screen.issued.ticket.number;
  if (screen.name === 'checked-in') return screen.result.ticket.number;
  return undefined;
}

export function ReadAloud({ screen }: { screen: Screen }) {
  const t = useT();
  const [largeType] = useLargeType();
  const [failed, setFailed] = useState(false);
  const step = stepOfScreen(screen.name);
  const ticketNumber = ticketNumberOf(screen);

  useEffect(() => kioskVoice().onResult(setFailed), []);
  useEffect(() => {
    if (largeType && step) void kioskVoice().speak(step, ticketNumber);
  }, [largeType, step, ticketNumber]);

  if (!step) return null;
  return (
    <>
      <button
        type="button"
        className="kiosk-read-aloud"
        aria-label={t('kiosk.voice.readLabel')}
        data-testid="kiosk-read-aloud"
        data-step={step}
        onClick={() => void kioskVoice().speak(step, ticketNumber)}
      >
        <SpeakerIcon width="1.2em" height="1.2em" /> {t('kiosk.voice.read')}
      </button>
      {failed ? (
        <p className="kiosk-help-status" role="status" data-testid="kiosk-voice-failed">
          {t('kiosk.voice.failed')}
        </p>
      ) : null}
    </>
  );
}
