// Plays generated clips with the Web Audio API: each clip fetched and decoded once, then
// every announcement scheduled sample-accurately back to back on one AudioContext.
//
// Dangers handled here rather than in the queue:
// - Autoplay policy: without a user gesture (or Electron's autoplayPolicy switch) the context
//   stays 'suspended' and sources never end. resume() is tried for resumeTimeoutMs, then the
//   call fails with 'audio-unavailable' instead of waiting.
// - A context that runs but never reaches the end (audio device gone mid-call): a watchdog on
//   the injected clock rejects with 'playback-timeout' after the clips' length + endMarginMs
//   and stops every scheduled source.
// - A hung fetch: each manifest/clip load is aborted after loadTimeoutMs ('load-timeout').
// Failed loads are not cached, so the next announcement retries them.
import { systemClock, type CancelTimer, type Clock } from './clock';
import { parseVoiceManifest, type VoiceManifest } from './manifest';
import { PlaybackError } from './errors';
import type { Player } from './player';
import type { ClipId } from './types';

export interface WebAudioPlayerOptions {
  /** URL of the locale's folder, ending in '/', e.g. voiceBaseUrl('zh-CN') = '/voice/zh-CN/'. */
  baseUrl: string;
  clock?: Clock;
  fetch?: (url: string, init: { signal: AbortSignal }) => Promise<Response>;
  /** Default: new AudioContext(). */
  createContext?: () => AudioContext;
  /** Per manifest or clip request, default 5000 ms. */
  loadTimeoutMs?: number;
  /** How long a suspended context may take to start, default 1000 ms. */
  resumeTimeoutMs?: number;
  /** Slack past the clips' total length before the watchdog fails playback, default 2000 ms. */
  endMarginMs?: number;
}

export type ClipLoadResult =
  | { clipId: ClipId; ok: true; durationMs: number }
  | { clipId: ClipId; ok: false; reason: string; detail: string };

/** Start a little after "now" so the first clip is not clipped while the graph is built. */
const LEAD_SECONDS = 0.05;

export class WebAudioPlayer implements Player {
  private readonly clock: Clock;
  private readonly fetchImpl: NonNullable<WebAudioPlayerOptions['fetch']>;
  private readonly createContext: () => AudioContext;
  private readonly loadTimeoutMs: number;
  private readonly resumeTimeoutMs: number;
  private readonly endMarginMs: number;
  private context: AudioContext | null = null;
  private manifest: Promise<VoiceManifest> | null = null;
  private readonly buffers = new Map<ClipId, Promise<AudioBuffer>>();
  private playing = false;

  constructor(private readonly options: WebAudioPlayerOptions) {
    this.clock = options.clock ?? systemClock;
    this.fetchImpl = options.fetch ?? ((url, init) => fetch(url, init));
    this.createContext = options.createContext ?? (() => new AudioContext());
    this.loadTimeoutMs = options.loadTimeoutMs ?? 5000;
    this.resumeTimeoutMs = options.resumeTimeoutMs ?? 1000;
    this.endMarginMs = options.endMarginMs ?? 2000;
  }

  async playClips(clips: readonly ClipId[]): Promise<void> {
    if (this.playing) throw new PlaybackError('player-busy', 'playClips called while an announcement is playing');
    this.playing = true;
    try {
      if (clips.length === 0) return;
      const buffers = await Promise.all(clips.map((id) => this.clipBuffer(id)));
      const context = this.audioContext();
      await this.startContext(context);
      await this.schedule(context, buffers);
    } finally {
      this.playing = false;
    }
  }

  /** Loads and decodes clips ahead of the first call (all of the manifest by default); never rejects per clip. */
  async preload(clips?: readonly ClipId[]): Promise<ClipLoadResult[]> {
    const ids = clips ?? Object.keys(await this.loadManifest());
    return Promise.all(
      ids.map(async (clipId): Promise<ClipLoadResult> => {
        try {
          const buffer = await this.clipBuffer(clipId);
          return { clipId, ok: true, durationMs: buffer.duration * 1000 };
        } catch (error) {
          return { clipId, ok: false, reason: error instanceof PlaybackError ? error.code : 'clip-load-failed', detail: String(error) };
        }
      }),
    );
  }

  /** Releases the audio device. A later playClips opens a new context. */
  async close(): Promise<void> {
    const context = this.context;
    this.context = null;
    if (context && context.state !== 'closed') await context.close();
  }

  private audioContext(): AudioContext {
    if (this.context && this.context.state !== 'closed') return this.context;
    try {
      this.context = this.createContext();
    } catch (error) {
      throw new PlaybackError('audio-unavailable', `AudioContext could not be created: ${String(error)}`);
    }
    return this.context;
  }

  private async startContext(context: AudioContext): Promise<void> {
    if (context.state === 'running') return;
    let cancel: CancelTimer = () => {};
    const gaveUp = new Promise<void>((resolve) => (cancel = this.clock.setTimer(this.resumeTimeoutMs, resolve)));
    await Promise.race([context.resume().catch(() => undefined), gaveUp]);
    cancel();
    const state = stateOf(context); // re-read: resume() changed it since the check above
    if (state !== 'running') {
      throw new PlaybackError('audio-unavailable', `audio output is ${state}: autoplay blocked or no output device`);
    }
  }

  private schedule(context: AudioContext, buffers: AudioBuffer[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let at = context.currentTime + LEAD_SECONDS;
      const sources = buffers.map((buffer) => {
        const source = context.createBufferSource();
        source.buffer = buffer;
        source.connect(context.destination);
        source.start(at);
        at += buffer.duration;
        return source;
      });
      const totalMs = (at - context.currentTime) * 1000;
      let settled = false;
      const finish = (error?: PlaybackError) => {
        if (settled) return;
        settled = true;
        cancelWatchdog();
        for (const source of sources) {
          if (error) source.stop();
          source.disconnect();
        }
        if (error) reject(error);
        else resolve();
      };
      const cancelWatchdog = this.clock.setTimer(Math.ceil(totalMs) + this.endMarginMs, () =>
        finish(new PlaybackError('playback-timeout', `playback did not end within ${Math.ceil(totalMs) + this.endMarginMs} ms (audio output ${context.state})`)),
      );
      const last = sources[sources.length - 1];
      if (last) last.onended = () => finish();
    });
  }

  private clipBuffer(clipId: ClipId): Promise<AudioBuffer> {
    const cached = this.buffers.get(clipId);
    if (cached) return cached;
    const loading = this.loadClip(clipId);
    this.buffers.set(clipId, loading);
    loading.catch(() => {
      if (this.buffers.get(clipId) === loading) this.buffers.delete(clipId);
    });
    return loading;
  }

  private async loadClip(clipId: ClipId): Promise<AudioBuffer> {
    const manifest = await this.loadManifest();
    const entry = Object.hasOwn(manifest, clipId) ? manifest[clipId] : undefined;
    if (!entry) throw new PlaybackError('unknown-clip', `clip ${clipId} is not in ${this.options.baseUrl}manifest.json`);
    const bytes = await this.fetchBytes(entry.file);
    let buffer: AudioBuffer;
    try {
      buffer = await this.audioContext().decodeAudioData(bytes);
    } catch (error) {
      if (error instanceof PlaybackError) throw error;
      throw new PlaybackError('clip-load-failed', `clip ${clipId} (${entry.file}) could not be decoded: ${String(error)}`);
    }
    if (!(buffer.duration > 0)) throw new PlaybackError('clip-load-failed', `clip ${clipId} (${entry.file}) is empty`);
    return buffer;
  }

  private loadManifest(): Promise<VoiceManifest> {
    if (!this.manifest) {
      const loading = this.fetchBytes('manifest.json').then((bytes) => {
        try {
          return parseVoiceManifest(JSON.parse(new TextDecoder().decode(bytes)));
        } catch (error) {
          throw new PlaybackError('clip-load-failed', `${this.options.baseUrl}manifest.json is invalid: ${String(error)}`);
        }
      });
      this.manifest = loading;
      loading.catch(() => {
        if (this.manifest === loading) this.manifest = null;
      });
    }
    return this.manifest;
  }

  private async fetchBytes(file: string): Promise<ArrayBuffer> {
    const url = `${this.options.baseUrl}${file}`;
    const controller = new AbortController();
    const cancel = this.clock.setTimer(this.loadTimeoutMs, () => controller.abort());
    try {
      const response = await this.fetchImpl(url, { signal: controller.signal });
      if (!response.ok) throw new PlaybackError('clip-load-failed', `${url}: HTTP ${response.status}`);
      return await response.arrayBuffer();
    } catch (error) {
      if (error instanceof PlaybackError) throw error;
      if (controller.signal.aborted) throw new PlaybackError('load-timeout', `${url}: no answer within ${this.loadTimeoutMs} ms`);
      throw new PlaybackError('clip-load-failed', `${url}: ${String(error)}`);
    } finally {
      cancel();
    }
  }
}

/** Reads the state afresh; TypeScript would keep an earlier narrowing of context.state. */
function stateOf(context: BaseAudioContext): AudioContextState {
  return context.state;
}
