// Enrolment (issue 10, defect 9): `npm start` prints one-time codes, never tokens; a code is
// exchanged once at POST /api/v1/enrol for the terminal's token; the manager makes codes on
// the admin page. Mutations checked: printing p.url (the #token= address) in main.ts fails the
// stdout case; not marking a code used fails "works once"; no per-address limit fails the 429.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, tempDataDir, type Harness } from '../../helpers/hall-harness.js';
import type { ApiErrorBody } from '../../../hall/api/dto.js';
import type { EnrolResponse } from '../../../hall/api/routes/enrolment.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** Runs `node --import tsx hall/main.ts` until it has printed its addresses; returns stdout and stops it. */
async function startMain(dataDir: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'hall/main.ts', '--port', '0', '--data', dataDir, '--no-devices'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (c: string) => (out += c));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: string) => {
      out += c;
      if (out.includes('Ctrl+C stops the hall')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`hall/main.ts exited with ${code}: ${out}`)));
  });
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return out;
}

describe('npm start prints one-time enrolment codes, not tokens', () => {
  it('no terminal token appears in the output; every page address carries #enrol=', async () => {
    const dataDir = tempDataDir();
    try {
      const out = await startMain(dataDir);
      const tokens = Object.values(JSON.parse(fs.readFileSync(path.join(dataDir, 'terminals.json'), 'utf8')) as Record<string, string>);
      expect(tokens.length).toBeGreaterThan(10);
      for (const token of tokens) expect(out).not.toContain(token);
      expect(out).not.toContain('#token=');
      const addresses = out.split('\n').filter((l) => l.includes('http://') && l.includes('terminal='));
      expect(addresses.length).toBe(tokens.length);
      for (const line of addresses) expect(line).toMatch(/#enrol=[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      // The wall dashboard has its own terminal and line (docs/wall.md), not the hall display's.
      expect(out).toMatch(/^ {2}wall +综合监管屏 +http:\/\/\S+\/wall\/\?terminal=wall#enrol=/m);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('POST /api/v1/enrol', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ dataDir: tempDataDir() });
  });
  afterAll(() => h.close());
  const enrol = (terminalId: string, code: string) => h.api<EnrolResponse & ApiErrorBody>('POST', '/api/v1/enrol', { body: { terminalId, code } });

  it('exchanges a code once for the terminal\'s token, which then works', async () => {
    const { code, url } = h.hall.enrolmentCode('counter-3');
    expect(url).toBe(`${h.url}/counter/?counter=c03&terminal=counter-3#enrol=${code}`);
    // Typing is forgiving: lower case, no dash.
    const res = await enrol('counter-3', code.toLowerCase().replace('-', ''));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ terminalId: 'counter-3', role: 'counter', counterId: 'c03', token: h.token('counter-3'), page: '/counter/?counter=c03&terminal=counter-3' });
    const again = await enrol('counter-3', code);
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('enrolment_code_used');
  });

  it('enrolling again with a new code gives the same token', async () => {
    const first = await enrol('counter-7', h.hall.enrolmentCode('counter-7').code);
    const second = await enrol('counter-7', h.hall.enrolmentCode('counter-7').code);
    expect(second.body.token).toBe(first.body.token);
  });

  it('a code works only for the terminal it was made for', async () => {
    const { code } = h.hall.enrolmentCode('kiosk-1');
    expect((await enrol('admin', code)).body.error.code).toBe('bad_enrolment_code');
    expect((await enrol('kiosk-1', code)).status).toBe(200);
  });

  it('the manager makes codes on the admin page; other terminals and anonymous callers cannot', async () => {
    const manager = await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } });
    const session = manager.body.sessionToken;
    const list = await h.api<{ id: string; page: string }[]>('GET', '/api/v1/admin/terminals', { terminal: 'admin', session });
    expect(list.body.find((t) => t.id === 'hall-display')).toMatchObject({ page: '/display/?terminal=hall-display' });
    const made = await h.api<{ code: string; page: string }>('POST', '/api/v1/admin/terminals/hall-display/enrolment-code', { terminal: 'admin', session });
    expect(made.status).toBe(200);
    expect(made.body.page).toBe(`/display/?terminal=hall-display#enrol=${made.body.code}`);
    expect((await enrol('hall-display', made.body.code)).body.token).toBe(h.token('hall-display'));
    expect((await h.api('POST', '/api/v1/admin/terminals/hall-display/enrolment-code', { terminal: 'admin' })).status).toBe(401);
    expect((await h.api('POST', '/api/v1/admin/terminals/hall-display/enrolment-code', { terminal: 'kiosk-1', session })).status).toBe(403);
    expect((await h.api('POST', '/api/v1/admin/terminals/no-such/enrolment-code', { terminal: 'admin', session })).status).toBe(404);
  });

  it('a restart voids every unused code (codes live in memory only)', async () => {
    const { code } = h.hall.enrolmentCode('counter-8');
    await h.restart();
    expect((await enrol('counter-8', code)).body.error.code).toBe('bad_enrolment_code');
  });

  it('refuses an address after ten wrong codes, even with a right one', async () => {
    // (The used and wrong codes of the cases above count from this address too.)
    for (let i = 0; i < 10; i++) expect([401, 429]).toContain((await enrol('kiosk-24h', `ZZZZ-ZZ${String(i).padStart(2, '0')}`)).status);
    const { code } = h.hall.enrolmentCode('kiosk-24h');
    const locked = await enrol('kiosk-24h', code);
    expect(locked.status).toBe(429);
  });
});
