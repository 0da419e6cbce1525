// kill -9 the hall service while kiosks are issuing tickets: after a restart,
// every ticket acknowledged to a kiosk is there and no number repeats.
import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../../helpers/hall-harness.js';
import type { IssueTicketResponse } from '../../../hall/api/dto.js';

const root = path.resolve(import.meta.dirname, '../../..');
const dataDir = tempDataDir();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Starts `tsx hall/main.ts` as its own process, reads its address and the kiosk's one-time
 * enrolment code from stdout, and enrols for the kiosk's token (main.ts never prints tokens).
 */
async function startHallProcess(): Promise<{ child: ChildProcess; url: string; kioskToken: string }> {
  // `node --import tsx` keeps the hall in this one process, so SIGKILL really kills it
  // (the tsx CLI would run it in a grandchild that survives).
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'hall/main.ts'), '--port', '0', '--data', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let enrolling = false;
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hall did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /running at (http:\/\/\S+)/.exec(out)?.[1];
      const code = /\/kiosk\/\?terminal=kiosk-1#enrol=([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(out)?.[1];
      if (url && code && !enrolling) {
        enrolling = true;
        clearTimeout(timer);
        fetch(`${url}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ terminalId: 'kiosk-1', code }) })
          .then((res) => res.json() as Promise<{ token?: string }>)
          .then(({ token }) => (token ? resolve({ child, url, kioskToken: token }) : reject(new Error(`enrolment failed: ${out}`))), reject);
      }
    });
    child.once('exit', (code) => reject(new Error(`hall exited with ${code}: ${out}`)));
  });
}

async function issueUntilKilled(url: string, token: string, acknowledged: string[], stopAfter: number, kill: () => void): Promise<void> {
  const matters = ['bdc-01', 'scjg-01', 'rsj-01'];
  let killed = false;
  const worker = async (w: number) => {
    for (let i = 0; !killed; i++) {
      try {
        const res = await fetch(`${url}/api/v1/tickets`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ matterId: matters[(w + i) % 3] }),
        });
        if (res.status !== 201) continue;
        const body = (await res.json()) as IssueTicketResponse;
        acknowledged.push(`${body.ticket.serviceDay}/${body.ticket.number}`);
        if (acknowledged.length >= stopAfter && !killed) {
          killed = true;
          kill();
        }
      } catch {
        return; // connection refused or reset: the service is gone
      }
    }
  };
  await Promise.all([0, 1, 2, 3].map(worker));
}

describe('crash safety', () => {
  it('keeps every acknowledged ticket and never repeats a number after kill -9', async () => {
    const acknowledged: string[] = [];
    for (let crash = 0; crash < 3; crash++) {
      const { child, url, kioskToken } = await startHallProcess();
      const exited = new Promise((r) => child.once('exit', r));
      await issueUntilKilled(url, kioskToken, acknowledged, (crash + 1) * 60, () => child.kill('SIGKILL'));
      await exited;
    }
    const db = new Database(path.join(dataDir, 'hall.sqlite'), { readonly: true });
    const stored = (db.prepare('SELECT service_day || \'/\' || number AS n FROM tickets').pluck().all() as string[]);
    const events = db.prepare("SELECT COUNT(*) FROM events WHERE type = 'ticket_issued'").pluck().get() as number;
    db.close();
    expect(acknowledged.length).toBeGreaterThanOrEqual(180);
    const storedSet = new Set(stored);
    expect(acknowledged.filter((n) => !storedSet.has(n))).toEqual([]); // nothing acknowledged is lost
    expect(new Set(acknowledged).size).toBe(acknowledged.length); // no number handed out twice
    expect(storedSet.size).toBe(stored.length);
    expect(events).toBe(stored.length); // each ticket has exactly its one event
  });
});
