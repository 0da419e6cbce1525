// Every device health code the hall knows has words for the manager (renderer/shared/devices/
// health-words.ts). The codes are read from the sources that report them — printer status and
// link, ID card reader, the rating pad and keypad link supervisor, transports, profile loaders,
// agent/devices/open-device.ts and the hall's device registry — so a driver that starts reporting
// a new code fails here until it has a message.
// Mutations checked: deleting `paper_out` (or `agent_offline`) from HEALTH_WORDS fails the first
// test; a problem text with English in it fails the second.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HEALTH_WORDS, healthWords } from '../../../renderer/shared/devices/health-words';
import { zhCN } from '../../../renderer/shared/i18n/messages/zh-CN';

const root = join(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) return sources(rel);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [rel] : [];
  });
}

const all = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => m[1]!);
const quoted = (text: string) => all(text, /'([a-z_]+)'/g);

/** Files whose DeviceError codes can become a device's health (opening the device fails with them). */
const OPEN_PATH = /^drivers\/(transports\/|rating\/transports\/|[a-z]+\/open\.ts$|[a-z]+\/profiles?(-catalog)?\.ts$|[a-z]+\/profiles\/index\.ts$|printer\/emulator\.ts$|printer\/printer\.ts$|idcard\/step-timeouts\.ts$)/;

function reportedHealthCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of [...sources('drivers'), ...sources('agent'), ...sources('hall/devices')]) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const c of all(text, /state:\s*'(?:ok|warning|fault)',\s*code:\s*'([a-z_]+)'/g)) codes.add(c);
    for (const c of all(text, /setHealth\('(?:ok|warning|fault)',\s*'([a-z_]+)'/g)) codes.add(c);
    for (const c of all(text, /unavailable\(config,\s*'([a-z_]+)'/g)) codes.add(c);
    for (const union of all(text, /HealthCode\s*=\s*([^;]+);/g)) quoted(union).forEach((c) => codes.add(c));
    for (const set of all(text, /PASS_THROUGH_CODES\s*=\s*new Set\(\[([^\]]+)\]/g)) quoted(set).forEach((c) => codes.add(c));
    if (OPEN_PATH.test(file)) {
      for (const c of all(text, /DeviceError\('([a-z_]+)'/g)) codes.add(c);
      // Transports pick an open error's code from the OS error (EACCES → permission_denied…).
      if (file.includes('transports/')) for (const expr of all(text, /const (?:code|errorCode) = ([^;]+);/g)) quoted(expr).forEach((c) => codes.add(c));
    }
    if (file === 'agent/devices/open-device.ts') for (const c of all(text, /\?\? '([a-z_]+)'/g)) codes.add(c);
  }
  return codes;
}

describe('device health in a manager words', () => {
  test('every code the drivers, agents and hall report has a problem and an action message', () => {
    const codes = reportedHealthCodes();
    // The scan itself must find the codes (a broken pattern would pass everything).
    for (const known of ['paper_out', 'paper_near_end', 'cover_open', 'disconnected', 'sam_failed', 'no_ack', 'not_open', 'permission_denied', 'agent_offline', 'agent_never_connected', 'unsupported_transport', 'unknown_profile']) expect(codes).toContain(known);
    expect(codes.size).toBeGreaterThan(30);
    const missing = [...codes].filter((c) => !HEALTH_WORDS[c]).sort();
    expect(missing).toEqual([]);
  });

  test('every message exists in the catalog, in Chinese words with no English', () => {
    for (const [code, words] of Object.entries(HEALTH_WORDS)) {
      for (const key of [words.problem, words.action]) {
        const text = (zhCN as Record<string, string>)[key];
        expect(text, `${code}: ${key}`).toBeTruthy();
        expect(text, `${code}: ${key}`).not.toMatch(/[A-Za-z]/);
      }
    }
  });

  test('a code nobody mapped still gets words from its state', () => {
    expect(healthWords({ state: 'fault', code: 'brand_new_code' })).toEqual({ problem: 'deviceWords.problem.fault', action: 'deviceWords.action.technician' });
    expect(healthWords({ state: 'warning', code: 'brand_new_code' }).problem).toBe('deviceWords.problem.warning');
    expect(healthWords({ state: 'fault', code: 'paper_out' })).toEqual({ problem: 'deviceWords.problem.paperOut', action: 'deviceWords.action.changePaper' });
  });
});
