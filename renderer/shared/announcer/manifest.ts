// The clip index of one locale, renderer/public/voice/<locale>/manifest.json, written by
// scripts/generate-voice.mjs: {clipId: {file, durationMs}}. Validated on load so a broken
// deployment fails loudly at the first announcement instead of playing garbage.
import type { ClipId, VoiceLocale } from './types';

export interface VoiceClipEntry {
  /** File name next to manifest.json; never a path. */
  file: string;
  /** Length of the trimmed clip as generated; the decoded AudioBuffer is authoritative. */
  durationMs: number;
}

export type VoiceManifest = Readonly<Record<ClipId, VoiceClipEntry>>;

/** Where the display page serves a locale's clips (Vite serves renderer/public at the root). */
export function voiceBaseUrl(locale: VoiceLocale, root = '/voice/'): string {
  return `${root.endsWith('/') ? root : `${root}/`}${locale}/`;
}

const CLIP_FILE = /^[a-z0-9][a-z0-9-]*\.wav$/;

/** Throws Error naming the first bad entry. */
export function parseVoiceManifest(json: unknown): VoiceManifest {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('voice manifest is not an object');
  const manifest: Record<ClipId, VoiceClipEntry> = {};
  for (const [id, entry] of Object.entries(json as Record<string, unknown>)) {
    const { file, durationMs } = (entry ?? {}) as Partial<VoiceClipEntry>;
    if (typeof file !== 'string' || !CLIP_FILE.test(file)) throw new Error(`voice manifest: clip ${id} has a bad file name`);
    if (typeof durationMs !== 'number' || !(durationMs > 0)) throw new Error(`voice manifest: clip ${id} has a bad duration`);
    manifest[id] = { file, durationMs };
  }
  return manifest;
}
