// The `sync` configuration section: defaults, limits, clear errors.
import { describe, expect, it } from 'vitest';
import { resolveSyncSettings, syncConfigSchema } from '../../../hall/config/sync-schema.js';

describe('sync configuration', () => {
  it('an absent section is an offline-only hall with protocol defaults', () => {
    const s = resolveSyncSettings(syncConfigSchema.parse(undefined), { id: 'hall-7' }, '/var/lib/servicehall');
    expect(s).toEqual({
      centralUrl: null,
      hallId: 'hall-7',
      tokenFile: '/var/lib/servicehall/sync-token',
      maxEvents: 500,
      maxBytes: 512 * 1024,
      backoffBaseMs: 1000,
      backoffCapMs: 300_000,
      idlePollMs: 60_000,
      requestTimeoutMs: 30_000,
      maxDriftMs: 5 * 60_000,
      catchUpThreshold: 500,
    });
  });

  it('keeps the settings given, trims the URL, and an absolute token file stays where it is', () => {
    const s = resolveSyncSettings(syncConfigSchema.parse({ centralUrl: 'https://zwfw.example.cn/sync/', hallId: 'nm-001', tokenFile: '/etc/servicehall/token', batch: { maxEvents: 100 } }), { id: 'x' }, '/data');
    expect(s).toMatchObject({ centralUrl: 'https://zwfw.example.cn/sync', hallId: 'nm-001', tokenFile: '/etc/servicehall/token', maxEvents: 100, maxBytes: 512 * 1024 });
  });

  it('refuses batch limits above the protocol, a non-http URL, and a bad hall id — with the path', () => {
    const r = syncConfigSchema.safeParse({ centralUrl: 'ftp://x', hallId: 'a b', batch: { maxEvents: 501, maxBytes: 600_000 } });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['batch.maxBytes', 'batch.maxEvents', 'centralUrl', 'hallId']);
  });
});
