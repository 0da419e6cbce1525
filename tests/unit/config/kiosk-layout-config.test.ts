// The `kioskLayout` section through the configuration file a user writes (docs/screens.md):
// the reachable zone (低位操作) off by default, hall-wide, overridden per kiosk, and an override
// naming no kiosk refused with its path. (Its effect on the kiosk's screen:
// tests/e2e/layout-reach-zone.test.ts.)
// Mutations tried: reachableZoneFor ignoring `kiosks` fails the per-kiosk case; kioskLayoutProblems
// returning [] fails the refusal.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoConfigWith } from '../../helpers/hall-harness.js';
import { loadHallConfig } from '../../../hall/config/load.js';
import { reachableZoneFor } from '../../../hall/config/kiosk-layout-schema.js';

const files: string[] = [];
const config = (patch: (c: Record<string, unknown>) => void) => {
  const file = demoConfigWith(patch);
  files.push(file);
  return file;
};
afterEach(() => {
  for (const f of files.splice(0)) fs.rmSync(path.dirname(f), { recursive: true, force: true });
});

describe('kioskLayout in the hall configuration', () => {
  it('is off for every kiosk when absent', () => {
    const loaded = loadHallConfig(config((c) => delete c.kioskLayout));
    expect(reachableZoneFor(loaded.kioskLayout, 'kiosk-1')).toBe(false);
    expect(reachableZoneFor(loaded.kioskLayout, undefined)).toBe(false);
  });

  it('applies hall-wide, and a kiosk of its own overrides it either way', () => {
    const loaded = loadHallConfig(config((c) => (c.kioskLayout = { reachableZone: true, kiosks: { 'kiosk-24h': { reachableZone: false } } })));
    expect(reachableZoneFor(loaded.kioskLayout, 'kiosk-1')).toBe(true);
    expect(reachableZoneFor(loaded.kioskLayout, 'kiosk-24h')).toBe(false);
    const one = loadHallConfig(config((c) => (c.kioskLayout = { kiosks: { 'kiosk-24h': { reachableZone: true } } })));
    expect(reachableZoneFor(one.kioskLayout, 'kiosk-24h')).toBe(true);
    expect(reachableZoneFor(one.kioskLayout, 'kiosk-1')).toBe(false);
  });

  it('refuses an override for a terminal that is not a kiosk, saying where', () => {
    expect(() => loadHallConfig(config((c) => (c.kioskLayout = { kiosks: { 'counter-1': { reachableZone: true } } })))).toThrow(/kioskLayout\.kiosks\.counter-1: no kiosk terminal "counter-1"/);
    expect(() => loadHallConfig(config((c) => (c.kioskLayout = { reachableZone: 'yes' })))).toThrow(/kioskLayout\.reachableZone/);
  });
});
