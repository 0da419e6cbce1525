// The manager's sync panel renders the status DTO: progress bar while catching
// up, connected or not in words, the last error by its code, quarantined rows,
// the drift warning; and an offline-only hall says so instead of a status.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SyncStatusPanel, formatAge } from '../../../renderer/admin/SyncStatusPanel';
import { interpolate } from '../../../renderer/shared/i18n';
import { zhCNSync, type SyncMessageKey } from '../../../renderer/shared/i18n/zh-CN-sync';
import type { SyncStatusDTO } from '../../../hall/api/sync-dto';

const T = Date.UTC(2026, 10, 21, 1, 0);

function status(over: Partial<SyncStatusDTO> = {}): SyncStatusDTO {
  return {
    enabled: true,
    centralUrl: 'http://central.test',
    hallId: 'nm-001',
    state: 'catching_up',
    connected: true,
    stream: 's-1',
    ackSeq: 40_000,
    lastSeq: 100_000,
    backlog: 60_000,
    oldestPendingAt: T - 2 * 86_400_000,
    oldestPendingAgeMs: 2 * 86_400_000 + 3 * 3600_000,
    lastSuccessAt: T,
    lastError: { at: T - 60_000, code: 'network', message: 'cannot reach central.test: ECONNREFUSED', httpStatus: null },
    nextAttemptAt: null,
    quarantined: { count: 2, items: [{ seq: 18, eventId: 'e18', type: 'ticket_issued', reason: 'payload.ticketId: required', at: T }, { seq: 9, eventId: 'e9', type: 'x', reason: 'type: unknown', at: T }] },
    catchUp: { startedAt: T - 600_000, acked: 40_000, total: 100_000 },
    clock: { driftMs: 420_000, measuredAt: T, flagged: true, maxDriftMs: 300_000 },
    lastReregister: null,
    now: T + 1000,
    ...over,
  };
}

describe('SyncStatusPanel', () => {
  it('shows catch-up progress as a progress bar with the counts, the backlog, quarantined rows and the drift warning', () => {
    const html = renderToStaticMarkup(<SyncStatusPanel status={status()} />);
    expect(html).toContain('data-state="catching_up"');
    expect(html).toMatch(/<progress[^>]*max="100000"[^>]*value="40000"/);
    expect(html).toContain('data-backlog="60000"');
    expect(html).toContain('data-code="network"');
    expect(html).toContain('data-flagged="true"');
    expect(html.match(/<tr><td class="num">/g)?.length).toBe(2);
    expect(html).toContain('payload.ticketId: required');
  });

  it('no progress bar when not catching up; an offline-only hall shows no status at all', () => {
    const idle = renderToStaticMarkup(<SyncStatusPanel status={status({ state: 'idle', catchUp: null, backlog: 0, oldestPendingAgeMs: null, lastError: null })} />);
    expect(idle).not.toContain('<progress');
    expect(idle).not.toContain('data-testid="sync-error"');
    const offline = renderToStaticMarkup(<SyncStatusPanel status={status({ enabled: false, state: 'offline_only', centralUrl: null })} />);
    expect(offline).toContain('data-testid="sync-offline-only"');
    expect(offline).not.toContain('data-testid="sync-backlog"');
  });

  it('formats ages in days, hours and minutes', () => {
    const t = (key: SyncMessageKey, params?: Record<string, string | number>) => interpolate(zhCNSync[key], params);
    expect(formatAge(t, (2 * 24 + 3) * 3600_000 + 5 * 60_000)).toBe('2 天 3 小时');
    expect(formatAge(t, 3 * 3600_000 + 5 * 60_000)).toBe('3 小时 5 分钟');
    expect(formatAge(t, 59_999)).toBe('0 分钟');
  });

  it('every key the panel uses exists in the sync catalog (which the lead merges into zh-CN)', () => {
    const source = readFileSync(join(import.meta.dirname, '../../../renderer/admin/SyncStatusPanel.tsx'), 'utf8');
    const used = [...source.matchAll(/'(admin\.sync[\w.]*)'/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(30);
    expect(used.filter((k) => !(k in zhCNSync))).toEqual([]);
  });
});
