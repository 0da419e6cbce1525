// Shared by the service-record tests (API stories and the Chromium pages): the demo hall with a
// help-and-agency counter and queue added (帮办代办窗口, queue J), its guides file kept, and
// small calls that tests repeat.
import path from 'node:path';
import { demoConfigWith, type Harness } from './hall-harness.js';
import { EVENT_SCHEMAS } from '../../protocol/central/events.js';
import type { CounterViewDTO } from '../../hall/api/dto.js';

export const DEMO_DIR = path.resolve(import.meta.dirname, '../../config');

/** The demo hall plus queue J 帮办代办, matter help-01 and counter c09 of kind help_agency; `more` patches further. */
export function helpHallConfig(more: (config: Record<string, unknown>) => void = () => {}): string {
  return demoConfigWith((c) => {
    (c.guides as { file: string }).file = path.join(DEMO_DIR, 'demo-guides.json');
    (c.queues as unknown[]).push({ id: 'J', prefix: 'J', name: '帮办代办', avgServiceMinutes: 10, waitTargetMinutes: 15 });
    (c.matters as unknown[]).push({ id: 'help-01', code: '150602-BBDB-0001', name: '帮办代办服务', departmentId: 'bdc', queueId: 'J' });
    (c.counters as unknown[]).push({ id: 'c09', number: 9, name: '帮办代办窗口', kind: 'help_agency', queueIds: ['J'], area: 'A区' });
    more(c);
  });
}

/** Issues a ticket at a kiosk; its number. */
export async function issue(h: Harness, matterId: string, kiosk = 'kiosk-1'): Promise<{ id: string; number: string }> {
  const res = await h.api<{ ticket: { id: string; number: string } }>('POST', '/api/v1/tickets', { terminal: kiosk, body: { matterId } });
  if (res.status !== 201) throw new Error(`issue failed: ${JSON.stringify(res.body)}`);
  return res.body.ticket;
}

/** Calls the next ticket at a counter and starts serving it. */
export async function callAndStart(h: Harness, counterId: string, session: string): Promise<CounterViewDTO> {
  const terminal = `counter-${Number(counterId.slice(1))}`;
  await h.api('POST', `/api/v1/counters/${counterId}/actions/call-next`, { terminal, session, body: {} });
  const res = await h.api<CounterViewDTO>('POST', `/api/v1/counters/${counterId}/actions/start`, { terminal, session, body: {} });
  if (res.status !== 200) throw new Error(`start failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The stored events of some types, each checked against central's schema (the uplink would quarantine a refusal). */
export function eventsOf(h: Harness, types: string[]): { type: string; payload: Record<string, unknown> }[] {
  const schemas = EVENT_SCHEMAS.get(1)!;
  const events = h.hall.runtime.log.readSince(0, 100_000).filter((e) => types.includes(e.type));
  for (const e of events) {
    const schema = schemas[e.type];
    if (!schema) throw new Error(`central does not accept ${e.type}`);
    schema.parse(e.payload);
  }
  return events as never;
}

/** Counter terminal and staff session per counter, signing in again when the simulated days outlived a session. */
export function counterSessions(harness: () => Harness): (counterId: string, staffNo: string) => Promise<{ terminal: string; session: string }> {
  const sessions = new Map<string, string>();
  return async (counterId, staffNo) => {
    const h = harness();
    const terminal = `counter-${Number(counterId.slice(1))}`;
    let session = sessions.get(counterId);
    if (!session || (await h.api('GET', `/api/v1/counters/${counterId}`, { terminal, session })).status !== 200) {
      session = (await h.signIn(counterId, staffNo)).sessionToken;
      sessions.set(counterId, session);
    }
    return { terminal, session };
  };
}
