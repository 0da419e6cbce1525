// The real Web Audio player in headless Chromium, against the checked-in clips served over HTTP.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium';
import { MISSING_CLIP, startVoiceServer, voiceRoot, type VoiceServer } from './voice-server';

import type * as VoiceModule from '../../../renderer/shared/announcer/index';

/** What the test page (voice-server.ts) puts on window. Page functions cannot close over test code, so each casts. */
interface VoicePage {
  voice: typeof VoiceModule;
  voiceReady?: boolean;
}

let server: VoiceServer;
let browser: Browser;

beforeAll(async () => {
  server = await startVoiceServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh browser context per test: its own localStorage, like a newly installed display. */
async function openDisplay(): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => (window as unknown as VoicePage).voiceReady === true);
  return page;
}

describe('zh-CN clips in Chromium', () => {
  it('every clip the manifest lists exists and decodes with decodeAudioData to a non-empty buffer of the stated length', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(voiceRoot, 'zh-CN/manifest.json'), 'utf8')) as Record<string, { file: string; durationMs: number }>;
    const files = fs.readdirSync(path.join(voiceRoot, 'zh-CN')).filter((f) => f !== 'manifest.json');
    expect(Object.values(manifest).map((e) => e.file).sort()).toEqual(files.sort());

    const page = await openDisplay();
    const decoded = await page.evaluate(async () => {
      const list = (await (await fetch('/voice/zh-CN/manifest.json')).json()) as Record<string, { file: string; durationMs: number }>;
      const out: Record<string, { durationMs: number; channels: number } | string> = {};
      for (const [id, entry] of Object.entries(list)) {
        try {
          const bytes = await (await fetch(`/voice/zh-CN/${entry.file}`)).arrayBuffer();
          const context = new OfflineAudioContext({ numberOfChannels: 1, length: 1, sampleRate: 16000 });
          const buffer = await context.decodeAudioData(bytes);
          out[id] = { durationMs: buffer.duration * 1000, channels: buffer.numberOfChannels };
        } catch (error) {
          out[id] = String(error);
        }
      }
      return out;
    });
    expect(Object.keys(decoded).sort()).toEqual(Object.keys(manifest).sort());
    for (const [id, entry] of Object.entries(manifest)) {
      const result = decoded[id];
      expect(typeof result === 'object' ? result.durationMs : result, id).toBeGreaterThan(0);
      if (typeof result === 'object') expect(Math.abs(result.durationMs - entry.durationMs), id).toBeLessThanOrEqual(1);
    }

    const preload = await page.evaluate(() => {
      const { WebAudioPlayer, voiceBaseUrl } = (window as unknown as VoicePage).voice;
      return new WebAudioPlayer({ baseUrl: voiceBaseUrl('zh-CN') }).preload();
    });
    expect(preload.filter((r) => !r.ok)).toEqual([]);
    expect(preload).toHaveLength(Object.keys(manifest).length);
  });
});

describe('announcing through the real Web Audio player', () => {
  it('plays "请 A012 号到 3 号窗口办理" to the end and records it as played', async () => {
    const page = await openDisplay();
    const result = await page.evaluate(async () => {
      const { Announcer, WebAudioPlayer, voiceBaseUrl } = (window as unknown as VoicePage).voice;
      const announcer = new Announcer({ player: new WebAudioPlayer({ baseUrl: voiceBaseUrl('zh-CN') }), storage: localStorage, locale: 'zh-CN' });
      announcer.start();
      const enqueued = announcer.enqueue({ callId: 'evt-1', ticketNumber: 'A012', counterNumber: 3 });
      await announcer.whenIdle();
      return { enqueued, snapshot: announcer.snapshot() };
    });
    expect(result.enqueued).toEqual({ status: 'queued' });
    expect(result.snapshot.done.map((d) => ({ callId: d.callId, outcome: d.outcome, reason: d.reason, detail: d.detail }))).toEqual([
      { callId: 'evt-1', outcome: 'played', reason: null, detail: null },
    ]);
    expect(result.snapshot.lastAnnouncedCallId).toBe('evt-1');
  });

  it('resumes after the display reloads mid-announcement: the cut-off call and the next are both played', async () => {
    const page = await openDisplay();
    await page.evaluate(async () => {
      const { Announcer, WebAudioPlayer, voiceBaseUrl } = (window as unknown as VoicePage).voice;
      const announcer = new Announcer({ player: new WebAudioPlayer({ baseUrl: voiceBaseUrl('zh-CN') }), storage: localStorage, locale: 'zh-CN' });
      const playing = new Promise<void>((resolve) => announcer.subscribe((s) => s.current && resolve()));
      announcer.start();
      announcer.enqueue({ callId: 41, ticketNumber: 'B1', counterNumber: 12 });
      announcer.enqueue({ callId: 42, ticketNumber: 'B2', counterNumber: 101 });
      await playing;
    });
    await page.reload();
    await page.waitForFunction(() => (window as unknown as VoicePage).voiceReady === true);
    const result = await page.evaluate(async () => {
      const { Announcer, WebAudioPlayer, voiceBaseUrl } = (window as unknown as VoicePage).voice;
      const announcer = new Announcer({ player: new WebAudioPlayer({ baseUrl: voiceBaseUrl('zh-CN') }), storage: localStorage, locale: 'zh-CN' });
      const restored = announcer.snapshot().pending.map((p) => p.callId);
      announcer.start();
      await announcer.whenIdle();
      const replayed = announcer.enqueue({ callId: 41, ticketNumber: 'B1', counterNumber: 12 });
      return { restored, replayed, done: announcer.snapshot().done.map((d) => [d.callId, d.outcome, d.reason]) };
    });
    expect(result.restored).toEqual(['41', '42']);
    expect(result.done).toEqual([
      ['41', 'played', null],
      ['42', 'played', null],
    ]);
    expect(result.replayed).toEqual({ status: 'duplicate' });
  });
});

describe('the queue never stalls on audio faults', () => {
  it('without an audio device calls fail visibly as audio-unavailable; once the device is back the next call plays', async () => {
    const page = await openDisplay();
    const done = await page.evaluate(async () => {
      const { Announcer, WebAudioPlayer, voiceBaseUrl } = (window as unknown as VoicePage).voice;
      let devicePresent = false;
      const player = new WebAudioPlayer({
        baseUrl: voiceBaseUrl('zh-CN'),
        // What Chromium does on a machine without an output device: the constructor throws.
        createContext: () => {
          if (!devicePresent) throw new DOMException('no audio output device', 'NotSupportedError');
          return new AudioContext();
        },
      });
      const announcer = new Announcer({ player, storage: localStorage, locale: 'zh-CN' });
      announcer.start();
      announcer.enqueue({ callId: 1, ticketNumber: 'C1', counterNumber: 1 });
      announcer.enqueue({ callId: 2, ticketNumber: 'C2', counterNumber: 2 });
      await announcer.whenIdle();
      devicePresent = true;
      announcer.enqueue({ callId: 3, ticketNumber: 'C3', counterNumber: 3 });
      await announcer.whenIdle();
      return announcer.snapshot().done.map((d) => [d.callId, d.outcome, d.reason]);
    });
    expect(done).toEqual([
      ['1', 'failed', 'audio-unavailable'],
      ['2', 'failed', 'audio-unavailable'],
      ['3', 'played', null],
    ]);
  });

  it('a clip missing on the server fails that call as clip-load-failed and the next call still plays', async () => {
    const page = await openDisplay();
    const done = await page.evaluate(async () => {
      const { Announcer, WebAudioPlayer } = (window as unknown as VoicePage).voice;
      const announcer = new Announcer({ player: new WebAudioPlayer({ baseUrl: '/broken-voice/zh-CN/' }), storage: localStorage, locale: 'zh-CN' });
      announcer.start();
      announcer.enqueue({ callId: 'needs-3', ticketNumber: 'A3', counterNumber: 1 });
      announcer.enqueue({ callId: 'no-3', ticketNumber: 'A1', counterNumber: 2 });
      await announcer.whenIdle();
      return announcer.snapshot().done.map((d) => [d.callId, d.outcome, d.reason, d.detail]);
    });
    expect(done[0]?.slice(0, 3)).toEqual(['needs-3', 'failed', 'clip-load-failed']);
    expect(done[0]?.[3]).toContain(`${MISSING_CLIP}: HTTP 404`);
    expect(done[1]).toEqual(['no-3', 'played', null, null]);
  });

  it('the watchdog fails playback that does not end in time, and the same player plays the next call', async () => {
    const page = await openDisplay();
    const outcome = await page.evaluate(async () => {
      const { WebAudioPlayer, PlaybackError, voiceBaseUrl } = (window as unknown as VoicePage).voice;
      // Injected clock: while `deadlinesPassed`, every timer fires at once, as if the device hung.
      let deadlinesPassed = false;
      const clock = {
        now: () => Date.now(),
        setTimer: (ms: number, fn: () => void) => {
          const handle = setTimeout(fn, deadlinesPassed ? 0 : ms);
          return () => clearTimeout(handle);
        },
      };
      const player = new WebAudioPlayer({ baseUrl: voiceBaseUrl('zh-CN'), clock });
      await player.preload();
      await player.playClips(['digit-0']); // context running, clips decoded
      deadlinesPassed = true;
      const hung = await player.playClips(['chime', 'counter-suffix']).then(
        () => 'resolved',
        (error: unknown) => (error instanceof PlaybackError ? error.code : String(error)),
      );
      deadlinesPassed = false;
      const next = await player.playClips(['digit-1']).then(() => 'played', (error: unknown) => String(error));
      return { hung, next };
    });
    expect(outcome).toEqual({ hung: 'playback-timeout', next: 'played' });
  });
});
