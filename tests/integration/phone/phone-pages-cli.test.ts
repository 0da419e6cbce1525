// `central serve` finds the phone pages it serves at /m/ (docs/phone.md "The phone pages"): the
// setting PHONE_PAGES_DIR as an operator writes it — a folder that is not a built renderer exits 1
// naming the variable; a built one is what /m/ and /assets/ answer from; the rating route's
// per-address allowance as served. Real PostgreSQL.
// Mutation tried: main.ts not passing phonePagesDir to startCentralServer → /m/ answers the
// checkout's build (or 503), not the folder's page: the test fails on the page's text.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { startCentralServe } from '../../helpers/central-serve.js';

const root = path.resolve(import.meta.dirname, '../../..');
let pg: TestPostgres;
beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(() => pg?.stop());

describe('central serve: PHONE_PAGES_DIR', () => {
  it('refuses a folder without the phone page, serves the page and assets of one that has it', async () => {
    const env = { PATH: process.env.PATH, DATABASE_URL: await pg.createDatabase() };
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-phone-pages-'));
    const bad = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'central/main.ts', 'serve'], { cwd: root, env: { ...env, PORT: '0', PHONE_PAGES_DIR: empty } }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(bad).toMatchObject({ code: 1 });
    expect((bad as { stderr: string }).stderr).toContain(`PHONE_PAGES_DIR "${empty}" holds no phone/index.html`);

    fs.mkdirSync(path.join(empty, 'phone'));
    fs.mkdirSync(path.join(empty, 'assets'));
    fs.writeFileSync(path.join(empty, 'phone', 'index.html'), '<!doctype html><p>pages of this folder</p>');
    fs.writeFileSync(path.join(empty, 'assets', 'phone-x.js'), 'console.log(1)');
    const serve = await startCentralServe({ ...env, PORT: '0', HOST: '127.0.0.1', PHONE_PAGES_DIR: empty });
    try {
      const page = await fetch(`${serve.url}/m/?hall=h&id=t&key=k`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('pages of this folder');
      expect((await fetch(`${serve.url}/m?hall=h`, { redirect: 'manual' })).headers.get('location')).toBe('/m/?hall=h');
      expect(await (await fetch(`${serve.url}/assets/phone-x.js`)).text()).toBe('console.log(1)');
      expect((await fetch(`${serve.url}/assets/missing.js`)).status).toBe(404);
      // The QR rating route's own allowance per client address (10 at once): the 11th is 429 with Retry-After.
      const post = () => fetch(`${serve.url}/v1/public/halls/h/tickets/t/rating`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: 'k', level: 'satisfied' }) });
      const answers = [];
      for (let i = 0; i < 11; i++) answers.push(await post());
      expect(answers.slice(0, 10).map((r) => r.status)).toEqual(Array(10).fill(404));
      expect(answers[10]!.status).toBe(429);
      expect(Number(answers[10]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  }, 60_000);
});
