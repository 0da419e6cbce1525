// The central CLI as an operator runs it: add-hall prints a token once, serve
// listens and accepts that token, bad input exits 1 with a clear message.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { call } from './helpers.js';
import { startCentralServe } from '../../helpers/central-serve.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const main = path.join(root, 'central/main.ts');

let server: TestPostgres;
let databaseUrl: string;

beforeAll(async () => {
  server = await startPostgres();
  databaseUrl = await server.createDatabase();
});
afterAll(async () => {
  await server?.stop();
});

async function cli(args: string[], env: Record<string, string | undefined> = { DATABASE_URL: databaseUrl }) {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', main, ...args], { cwd: root, env: { PATH: process.env.PATH, ...env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('central CLI', () => {
  it('add-hall prints the token once; serve accepts it; a second add-hall of the same id fails and changes nothing', async () => {
    const added = await cli(['add-hall', 'hall-cli', '测试政务服务中心', '110101']);
    expect(added.code).toBe(0);
    const token = added.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const twice = await cli(['add-hall', 'hall-cli', 'again']);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('already registered');

    const serve = await startCentralServe({ DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', OPERATOR_TOKEN: 'op' });
    const url = serve.url;
    try {
      const reg = await call<{ stream: string; ackSeq: number }>(url, 'POST', '/v1/halls/hall-cli/register', { token, body: { reason: 'first_start' } });
      expect(reg.status).toBe(200);
      expect(reg.body.ackSeq).toBe(0);
      // the old token was not replaced by the refused second add-hall
      expect((await call(url, 'POST', '/v1/halls/hall-cli/register', { token, body: { reason: 'first_start' } })).status).toBe(200);
      // rotate-token: the new token works, the old one no longer does
      const rotated = await cli(['rotate-token', 'hall-cli']);
      expect(rotated.code).toBe(0);
      const fresh = rotated.stdout.trim().split('\n').at(-1)!;
      expect(fresh).not.toBe(token);
      expect((await call(url, 'GET', `/v1/halls/hall-cli/cursor?stream=${reg.body.stream}`, { token })).status).toBe(401);
      expect((await call(url, 'GET', `/v1/halls/hall-cli/cursor?stream=${reg.body.stream}`, { token: fresh })).status).toBe(200);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });

  it('bad input exits 1 with a one-line reason', async () => {
    const noDb = await cli(['migrate'], {});
    expect(noDb.code).toBe(1);
    expect(noDb.stderr).toContain('set DATABASE_URL');
    const badId = await cli(['add-hall', 'bad id!', 'x']);
    expect(badId.code).toBe(1);
    expect(badId.stderr).toContain('hall id "bad id!" must be');
    const unknownHall = await cli(['rotate-token', 'no-such-hall']);
    expect(unknownHall.code).toBe(1);
    expect(unknownHall.stderr).toContain('no hall "no-such-hall" is registered');
    const pruned = await cli(['prune-batches', '30']);
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toMatch(/forgot \d+ batch answers older than 30 days/);
    const usage = await cli(['frobnicate']);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('usage:');
  });
});
