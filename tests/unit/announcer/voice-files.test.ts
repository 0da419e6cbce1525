// The checked-in clips (scripts/generate-voice.mjs) against their manifest and the planner:
// a kiosk ships these files as they are, so a missing or broken clip must fail here, not in a hall.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVoiceManifest } from '../../../renderer/shared/announcer/manifest';
import { planAnnouncement } from '../../../renderer/shared/announcer/plan';
import { VOICE_LOCALES } from '../../../renderer/shared/announcer/types';

const voiceRoot = path.resolve(import.meta.dirname, '../../../renderer/public/voice');
const BUDGET_BYTES = 1.5 * 1024 * 1024;

interface Wav {
  format: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  samples: Int16Array;
}

function readWav(file: string): Wav {
  const bytes = fs.readFileSync(file);
  expect(bytes.toString('latin1', 0, 4), `${file} RIFF`).toBe('RIFF');
  expect(bytes.toString('latin1', 8, 12), `${file} WAVE`).toBe('WAVE');
  let offset = 12;
  let fmt: Omit<Wav, 'samples'> | null = null;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('latin1', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      fmt = { format: bytes.readUInt16LE(body), channels: bytes.readUInt16LE(body + 2), sampleRate: bytes.readUInt32LE(body + 4), bitsPerSample: bytes.readUInt16LE(body + 14) };
    } else if (id === 'data' && fmt) {
      const data = bytes.subarray(body, body + size);
      return { ...fmt, samples: new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length)) };
    }
    offset = body + size + (size % 2);
  }
  throw new Error(`${file}: no fmt/data chunk`);
}

describe.each(VOICE_LOCALES)('voice clips of %s', (locale) => {
  const dir = path.join(voiceRoot, locale);
  const manifest = parseVoiceManifest(JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
  const ids = Object.keys(manifest);

  it('lists exactly the WAV files in its folder', () => {
    const files = fs.readdirSync(dir).filter((name) => name !== 'manifest.json').sort();
    expect(ids.map((id) => manifest[id]?.file).sort()).toEqual(files);
  });

  it('fits the size budget of a display build', () => {
    const bytes = fs.readdirSync(dir).reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
    expect(bytes).toBeLessThan(BUDGET_BYTES);
  });

  it.each(ids)('clip %s is 16 kHz mono 16-bit PCM, of the length the manifest says, not silent', (id) => {
    const entry = manifest[id]!;
    const wav = readWav(path.join(dir, entry.file));
    expect([wav.format, wav.channels, wav.sampleRate, wav.bitsPerSample]).toEqual([1, 1, 16000, 16]);
    expect(Math.abs((wav.samples.length / 16000) * 1000 - entry.durationMs)).toBeLessThanOrEqual(1);
    const peak = wav.samples.reduce((max, s) => Math.max(max, Math.abs(s)), 0);
    if (id === 'pause') expect(peak).toBe(0);
    else expect(peak).toBeGreaterThan(3000);
  });

  it('speech clips start on sound: leading silence is trimmed', () => {
    for (const id of ids.filter((i) => i !== 'pause' && i !== 'chime')) {
      const wav = readWav(path.join(dir, manifest[id]!.file));
      const first30ms = wav.samples.subarray(0, 480);
      expect(first30ms.some((s) => Math.abs(s) > 30), id).toBe(true);
    }
  });

  it('has every clip the planner can ask for, and no clip the planner never uses', () => {
    const used = new Set<string>();
    const tickets = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((letter) => `${letter}0123456789`.slice(0, 7));
    const digitsTicket = ['A123456', 'A789000'];
    for (const ticketNumber of [...tickets, ...digitsTicket]) {
      for (let counterNumber = 1; counterNumber <= 999; counterNumber++) {
        for (const clip of planAnnouncement({ ticketNumber, counterNumber }, locale, { times: 2 })) used.add(clip);
      }
    }
    expect([...used].filter((id) => !(id in manifest))).toEqual([]);
    expect(ids.filter((id) => !used.has(id))).toEqual([]);
  });
});
