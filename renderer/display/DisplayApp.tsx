// 综合屏 (1920×1080, read from 10 m): the latest call very large for a few seconds, then in
// the call list; every counter with its current number; waiting counts per queue;
// scrolling notices. Voice through the announcer; its state is mirrored in a hidden
// element (data-testid="announcer") for tests. No visitor names, ever.
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { CallDTO, CounterSummaryDTO, HallInfoDTO } from '../../hall/api/dto';
import { useT } from '../shared/i18n';
import { useRichT } from '../shared/i18n/rich';
import { describeError, isUnreachable } from '../shared/api/errors';
import { useHallView, useLiveStatus } from '../shared/hooks/useHallView';
import { hallNow, syncHallClock } from '../shared/hooks/hallClock';
import { setHallUtcOffset } from '../shared/format/time';
import type { PageConnection } from '../shared/page/connection';
import { PublicationPanel } from './PublicationPanel';
import { ServiceNoticeBar } from '../shared/components/ServiceNoticeBar';
import { Clock } from '../shared/components/Clock';
import { ConnectionBanner } from '../shared/components/ConnectionBanner';
import { ErrorMessage } from '../shared/components/ErrorMessage';
import { SpeakerIcon } from '../shared/components/Icons';
import { callFromEvent, callsToAnnounce, gridColumns, mergeCalls } from './callFeed';
import { QueuePanel } from './QueuePanel';
import type { AudioState, DisplayVoice } from './voice';
import { Second, SecondLanguageContext, useSecondLanguage } from './SecondLanguage';

/** How long the newest call stays huge when the voice is not showing it. */
const SPOTLIGHT_MS = 10_000;
/** Calls older than this on arrival are shown but not announced. */
const FRESH_MS = 2 * 60_000;

export function DisplayApp({ connection, voice }: { connection: PageConnection; voice: DisplayVoice }) {
  const t = useT();
  const richT = useRichT();
  const { client, live } = connection;
  const liveStatus = useLiveStatus(live);
  const [liveCalls, setLiveCalls] = useState<(CallDTO & { serviceDay: string })[]>([]);
  const [audio, setAudio] = useState<AudioState>('checking');
  const [spotlight, setSpotlight] = useState<{ call: CallDTO; until: number } | null>(null);
  const handedOver = useRef(new Set<number>());
  const newestSeen = useRef<number | null>(null);

  const view = useHallView<HallInfoDTO>(
    async (signal) => {
      const hall = await client.call('hall', { signal });
      syncHallClock(hall.now);
      setHallUtcOffset((hall.hall as { utcOffsetMinutes?: number }).utcOffsetMinutes);
      return hall;
    },
    { live, key: 'hall', enabled: connection.token !== null, minIntervalMs: 300 },
  );
  const hall = view.data;
  const second = useSecondLanguage(hall?.settings.languages?.displaySecond ?? null);
  // The hall wants calls in Mongolian too: said only from the hall's own recordings (docs/voice.md); without them, say so on screen.
  const wantsMongolian = hall?.settings.languages?.announce.includes('mn-Mong') ?? false;
  const [mongolianReady, setMongolianReady] = useState(false);
  useEffect(() => {
    if (!wantsMongolian) return undefined;
    let cancelled = false;
    void voice.enableMongolian().then((ok) => {
      if (!cancelled) setMongolianReady(ok);
    });
    return () => {
      cancelled = true;
    };
  }, [wantsMongolian, voice]);
  const voiceMissing = wantsMongolian && !mongolianReady;

  const announcer = voice.announcer;
  const snapshot = useSyncExternalStore(announcer.subscribe, announcer.snapshot, announcer.snapshot);

  // Hands calls to the announcer (it dedupes by callId, also across reloads) and puts the
  // newest one in the spotlight.
  const feed = useRef((calls: CallDTO[]) => {
    for (const c of callsToAnnounce(calls, handedOver.current, hallNow(), FRESH_MS)) {
      handedOver.current.add(c.seq);
      announcer.enqueue({ callId: String(c.seq), ticketNumber: c.ticketNumber, counterNumber: c.counterNumber });
    }
    const newest = calls.reduce<CallDTO | null>((best, c) => (!best || c.seq > best.seq ? c : best), null);
    if (newest && (newestSeen.current === null || newest.seq > newestSeen.current)) {
      const first = newestSeen.current === null;
      newestSeen.current = newest.seq;
      // On first load only a call made moments ago is worth the spotlight.
      if (!first || hallNow() - newest.at < SPOTLIGHT_MS) setSpotlight({ call: newest, until: Date.now() + SPOTLIGHT_MS });
    }
  });

  useEffect(() => {
    if (!live) return undefined;
    return live.onNotice((notice) => {
      if (notice.kind !== 'event') return;
      const call = callFromEvent(notice.event);
      if (!call) return;
      const tagged = { ...call, serviceDay: notice.event.serviceDay };
      setLiveCalls((prev) => [tagged, ...prev.filter((c) => c.seq !== call.seq)].slice(0, 40));
      feed.current([call]);
    });
  }, [live]);

  useEffect(() => {
    if (hall) feed.current(hall.recentCalls);
  }, [hall]);

  useEffect(() => {
    if (hall) voice.setTimes(hall.settings.announceTimes);
  }, [hall, voice]);

  useEffect(() => {
    let cancelled = false;
    void voice.check().then((state) => {
      if (!cancelled) setAudio(state);
    });
    return () => {
      cancelled = true;
    };
  }, [voice]);

  useEffect(() => {
    if (!spotlight) return undefined;
    const timer = setTimeout(() => setSpotlight(null), Math.max(0, spotlight.until - Date.now()));
    return () => clearTimeout(timer);
  }, [spotlight]);

  const calls = useMemo(() => {
    // Calls of an earlier service day (before the daily reset) must not linger on screen.
    const today = hall ? liveCalls.filter((c) => c.serviceDay === hall.serviceDay) : liveCalls;
    return mergeCalls(hall?.recentCalls ?? [], today, hall?.settings.recentCalls ?? 8);
  }, [hall, liveCalls]);

  if (!connection.token) {
    return (
      <div className="display display-fatal">
        <ErrorMessage message="error.noToken" testId="display-fatal" />
      </div>
    );
  }

  const playing = snapshot.current;
  const shown: { ticketNumber: string; counterNumber: number; recall: boolean } | null = playing
    ? { ticketNumber: playing.ticketNumber, counterNumber: playing.counterNumber, recall: calls.find((c) => String(c.seq) === playing.callId)?.recall ?? false }
    : spotlight
      ? spotlight.call
      : null;
  const played = snapshot.done.filter((d) => d.outcome === 'played').map((d) => d.callId);
  const failed = snapshot.done.filter((d) => d.outcome === 'failed').map((d) => ({ callId: d.callId, reason: d.reason }));

  return (
    <SecondLanguageContext.Provider value={second}>
    <div className="display" data-testid="display" data-second-language={second ?? ''}>
      {voiceMissing ? (
        <p className="display-voice-missing" role="status" data-testid="display-voice-missing">
          {t('display.voiceMissing')}
        </p>
      ) : null}
      <ConnectionBanner show={liveStatus === 'offline' || isUnreachable(view.error)} />
      <header className="display-header">
        <h1 className="display-hall-name">{hall?.hall.name ?? t('app.name')}</h1>
        <Clock className="display-clock" />
      </header>

      {hall ? (
        <main className="display-body">
          <section className="display-calls" aria-label={t('display.recentCalls')}>
            <h2>
              {t('display.recentCalls')}
              <Second k="display.recentCalls" />
            </h2>
            {calls.length ? (
              <ol className="display-call-list" data-testid="display-call-list">
                {calls.map((c, i) => (
                  <li key={c.seq} className={i === 0 ? 'latest' : ''} data-testid="display-call" data-seq={c.seq} data-number={c.ticketNumber} data-counter={c.counterNumber}>
                    <span className="number display-call-number">{c.ticketNumber}</span>
                    <span className="display-call-arrow" aria-hidden="true">
                      →
                    </span>
                    <span className="display-call-counter">{t('counter.numbered', { number: c.counterNumber })}</span>
                    {c.recall ? <span className="display-recall">{t('display.recall')}</span> : null}
                  </li>
                ))}
              </ol>
            ) : (
              <p className="display-empty">{t('display.noCalls')}</p>
            )}
          </section>
          <CounterGrid counters={hall.counters} />
        </main>
      ) : (
        <main className="display-body display-loading">
          {view.error ? <ErrorMessage message={describeError(view.error)} /> : <p className="loading">{t('app.loading')}</p>}
        </main>
      )}

      {hall ? (
        <footer className="display-footer">
          <QueuePanel queues={hall.queues} />
          <PublicationPanel connection={connection} />
          <ServiceNoticeBar connection={connection} className="display-service-notices" />
          <Notices notices={hall.settings.notices} />
        </footer>
      ) : null}

      {shown ? (
        <div className="display-spotlight" role="status" aria-live="assertive" data-testid="display-latest-call" data-number={shown.ticketNumber} data-counter={shown.counterNumber}>
          <p className="display-spotlight-line1">
            {richT('display.call', { number: <span className="number display-spotlight-number">{shown.ticketNumber}</span> })}
            {shown.recall ? <span className="display-recall">{t('display.recall')}</span> : null}
          </p>
          <p className="display-spotlight-line2">
            {t('display.callTo', { counter: t('counter.numbered', { number: shown.counterNumber }) })}
            <Second k="counter.numbered" params={{ number: shown.counterNumber }} />
          </p>
        </div>
      ) : null}

      {audio === 'blocked' ? (
        <button
          type="button"
          className="display-enable-voice"
          data-testid="enable-voice"
          onClick={() => {
            void voice.enableFromGesture().then(setAudio);
          }}
        >
          <SpeakerIcon className="display-enable-voice-icon" />
          <span>{t('display.enableVoice')}</span>
          <small>{t('display.enableVoiceHint')}</small>
        </button>
      ) : null}

      <div
        className="visually-hidden"
        aria-hidden="true"
        data-testid="announcer"
        data-audio={audio}
        data-pending={snapshot.pending.length + (snapshot.current ? 1 : 0)}
        data-current={snapshot.current?.callId ?? ''}
        data-done={JSON.stringify(played)}
        data-failed={JSON.stringify(failed)}
      />
    </div>
    </SecondLanguageContext.Provider>
  );
}

function CounterGrid({ counters }: { counters: CounterSummaryDTO[] }) {
  const t = useT();
  const columns = gridColumns(counters.length, 1152, 760);
  const rows = Math.max(1, Math.ceil(counters.length / columns));
  return (
    <section className="display-counters" aria-label={t('display.counters')}>
      <ul
        className="display-counter-grid"
        style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${rows}, minmax(0, 1fr))`, ['--tile-scale' as string]: String(Math.min(1, 4 / Math.max(columns, rows))) }}
        data-testid="display-counters"
      >
        {counters.map((c) => (
          <li key={c.id} className={`display-counter display-counter-${c.status}`} data-testid="display-counter" data-counter-id={c.id} data-number={c.currentTicketNumber ?? ''}>
            <span className="display-counter-label">
              {t('counter.numbered', { number: c.number })}
              <Second k="counter.numbered" params={{ number: c.number }} />
            </span>
            {c.currentTicketNumber ? (
              <span className="number display-counter-ticket">{c.currentTicketNumber}</span>
            ) : (
              <span className="display-counter-state">{c.status === 'idle' ? t('display.counterIdle') : t(`counterStatus.${c.status}`)}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Notices({ notices }: { notices: string[] }) {
  const text = notices.filter((n) => n.trim()).join('\u3000\u3000●\u3000\u3000');
  if (!text) return null;
  // Scroll speed stays readable whatever the length: about 7 characters a second.
  const seconds = Math.max(20, Math.round(text.length / 7) + 10);
  return (
    <div className="display-notices" data-testid="display-notices">
      <p className="display-notices-text" style={{ animationDuration: `${seconds}s` }}>
        {text}
      </p>
    </div>
  );
}
