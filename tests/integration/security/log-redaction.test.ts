// A whole real-name flow logged at debug leaves no full ID number, no holder's name and no
// token in the log (issue 11): an ID card swiped at a kiosk (its read crosses the device
// agent's link and is logged at debug), a card ticket and a manual-ID ticket issued through
// the API (each request logged at debug with its headers).
// Mutation checked: redact() and redactText() returning their input fail this test (the card
// read's ID number and name, and the kiosk's Bearer token, appear in the output).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCheckDigit } from '../../../drivers/idcard/index.js';
import { configureLogging } from '../../../drivers/log/logger.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { MONDAY_9AM } from '../../helpers/hall-setup.js';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';

const CARD_ID = '150203199003071538'; // config/demo-cards/resident-adult.json
const CARD_NAME = '李晓明';
const BASE = '15060219900101456';
const MANUAL_ID = `${BASE}${computeCheckDigit(BASE)}`;

let h: Harness;
const output: string[] = [];

beforeAll(async () => {
  configureLogging({ level: 'debug', destination: { write: (s: string) => void output.push(s) } });
  h = await startHarness({ timers: new ManualTimers(MONDAY_9AM), devices: 'configured' });
});
afterAll(async () => {
  await h?.close();
  configureLogging({ level: 'silent' });
});

describe('logging at debug through a real-name flow', () => {
  it('keeps ID numbers masked and drops names and tokens', async () => {
    const s = await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } });
    const session = s.body.sessionToken;
    await h.api('POST', '/api/v1/admin/devices/kiosk-1-id-reader/emulator', { terminal: 'admin', session, body: { action: 'swipe_card', fixture: 'resident-adult' } });
    const issueByCard = () => h.api<{ error?: { code: string } }>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'gjj-01', identity: { source: 'card' } } });
    let res = await issueByCard();
    for (let i = 0; i < 200 && res.status === 409 && res.body.error?.code === 'no_card'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      res = await issueByCard();
    }
    expect(res.status).toBe(201);
    const manual = await h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'gjj-01', identity: { source: 'manual', idNumber: MANUAL_ID } } });
    expect(manual.status).toBe(201);

    const log = output.join('');
    // The flow was logged (else the test proves nothing): the card read and the requests.
    expect(log).toContain('kiosk-1: card input');
    expect(log).toContain('150203********1538');
    expect(log).toContain('"url":"/api/v1/tickets"');
    for (const secret of [CARD_ID, MANUAL_ID, CARD_NAME, h.token('kiosk-1'), h.token('admin'), session, '"pin":"1234"']) expect(log).not.toContain(secret);
  });
});
