// 朗读 on the phone: the browser's own speech (speechSynthesis) reads what the screen says, in the
// page's language, when the browser offers it and has a voice for that language (a WeChat web
// view on Android often has none: then the button is not shown, never a button that stays silent).
// Contract: `text` is the words on screen, already translated; nothing is fetched.
import { useEffect, useState } from 'react';
import { useLocale, useT, type Locale } from '../shared/i18n';
import { SpeakerIcon } from '../shared/components/Icons';

const LANGS: Record<Locale, string> = { 'zh-CN': 'zh', en: 'en', 'mn-Mong': 'mn' };

function voiceFor(locale: Locale): SpeechSynthesisVoice | null | undefined {
  if (typeof window === 'undefined' || !('speechSynthesis' in window) || typeof SpeechSynthesisUtterance === 'undefined') return undefined;
  const prefix = LANGS[locale];
  return window.speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith(prefix)) ?? null;
}

export function ReadAloudButton({ text }: { text: string }) {
  const t = useT();
  const locale = useLocale();
  // Voices arrive late in Chromium: each `voiceschanged` re-renders and the voice is looked up again.
  const [, setVoicesSeen] = useState(0);
  const voice = voiceFor(locale);
  const [speaking, setSpeaking] = useState(false);

  useEffect(() => {
    if (typeof window === 'undefined' || !('speechSynthesis' in window)) return undefined;
    const update = () => setVoicesSeen((n) => n + 1);
    window.speechSynthesis.addEventListener?.('voiceschanged', update);
    return () => {
      window.speechSynthesis.removeEventListener?.('voiceschanged', update);
      window.speechSynthesis.cancel();
    };
  }, [locale]);

  if (!voice) return null;
  const toggle = () => {
    const synth = window.speechSynthesis;
    synth.cancel();
    if (speaking) {
      setSpeaking(false);
      return;
    }
    const u = new SpeechSynthesisUtterance(text);
    u.voice = voice;
    u.lang = voice.lang;
    u.rate = 0.9;
    u.onend = () => setSpeaking(false);
    u.onerror = () => setSpeaking(false);
    setSpeaking(true);
    synth.speak(u);
  };
  return (
    <button type="button" className="ph-read" onClick={toggle} aria-pressed={speaking} data-testid="phone-read-aloud">
      <SpeakerIcon className="ph-read-icon" />
      <span>{t(speaking ? 'phone.readAloudStop' : 'phone.readAloud')}</span>
    </button>
  );
}
