// Secrets in small files (issue 10, defect 9): identity.key and terminals.json.
// Mutations checked: the old sealer (readFileSync, else create) refuses a zero-byte key even
// when nothing was sealed, and silently creates a new key when the file is missing though
// sealed rows exist; the old registry rewrote terminals.json at every start (new inode).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { computeCheckDigit } from '../../../drivers/idcard/index.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { MONDAY_9AM } from '../../helpers/hall-setup.js';
import { startHarness, tempDataDir, type Harness } from '../../helpers/hall-harness.js';
import { startHallService } from '../../../hall/service.js';
import { IdentityKeyError } from '../../../hall/identity/sealer.js';

const run = promisify(execFile);
const mainTs = path.resolve(import.meta.dirname, '../../../hall/main.ts');
const BASE = '15060219900101456'; // a synthetic resident number without its check digit
const adult = `${BASE}${computeCheckDigit(BASE)}`;

let h: Harness | null = null;
afterEach(async () => {
  await h?.close().catch(() => {});
  h = null;
});

async function hallWithOneSealedIdentity(): Promise<{ dataDir: string; keyFile: string }> {
  const dataDir = tempDataDir();
  h = await startHarness({ dataDir, timers: new ManualTimers(MONDAY_9AM) });
  const res = await h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'gjj-01', identity: { source: 'manual', idNumber: adult } } });
  expect(res.status).toBe(201);
  await h.hall.close();
  return { dataDir, keyFile: path.join(dataDir, 'identity.key') };
}

describe('identity.key', () => {
  it('a zero-byte key with nothing sealed is replaced by a whole new key', async () => {
    const dataDir = tempDataDir();
    fs.writeFileSync(path.join(dataDir, 'identity.key'), '');
    h = await startHarness({ dataDir });
    expect(fs.statSync(path.join(dataDir, 'identity.key')).size).toBe(32);
  });

  it.each([
    ['cut to zero bytes', (f: string) => fs.writeFileSync(f, '')],
    ['cut short', (f: string) => fs.writeFileSync(f, fs.readFileSync(f).subarray(0, 17))],
    ['missing', (f: string) => fs.rmSync(f)],
  ])('a key %s while sealed rows exist stops the start with the way to recover, and is never replaced', async (_what, damage) => {
    const { dataDir, keyFile } = await hallWithOneSealedIdentity();
    damage(keyFile);
    const before = fs.existsSync(keyFile) ? fs.readFileSync(keyFile) : null;
    const err = await startHallService({ port: 0, dataDir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IdentityKeyError);
    expect((err as Error).message).toMatch(/1 stored record\(s\) were sealed with it.*Restore identity\.key from a backup.*forget-identities/);
    expect(fs.existsSync(keyFile) ? fs.readFileSync(keyFile) : null).toEqual(before);

    // The documented recovery without a backup: forget the sealed rows, then start.
    const { stdout } = await run(process.execPath, ['--import', 'tsx', mainTs, 'forget-identities', '--data', dataDir]);
    expect(stdout).toContain('deleted 1 sealed ID record(s)');
    const hall = await startHallService({ port: 0, dataDir });
    expect(fs.readFileSync(keyFile)).toHaveLength(32);
    await hall.close();
  }, 30_000);
});

describe('terminals.json', () => {
  it('is not rewritten at a start where nothing changed, and leaves no temporary files', async () => {
    const dataDir = tempDataDir();
    h = await startHarness({ dataDir });
    const file = path.join(dataDir, 'terminals.json');
    const first = fs.statSync(file);
    const tokens = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    await h.restart();
    const second = fs.statSync(file);
    expect([second.ino, second.mtimeMs]).toEqual([first.ino, first.mtimeMs]);
    expect(h.token('kiosk-1')).toBe(tokens['kiosk-1']);
    // No temporary files are left behind by the writes.
    expect(fs.readdirSync(dataDir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});
