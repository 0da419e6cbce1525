// The demo's terminals on one machine: one device-agent process per terminal
// that has devices in the hall configuration, as a real hall runs one per PC.
// Each process is `node --import tsx agent/main.ts --hall … --terminal … --dir …`
// and enrols itself with a one-time code on its first start (after that its
// token is in its own terminal.json). A process that exits is started again
// after RESTART_DELAY_MS — stopping one (kill <pid>) shows on the admin page as
// that terminal's devices going offline, and recovers when it is back.
// Contract: stop() ends every child and waits for them; nothing is restarted after.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { logger } from '../drivers/log/logger.js';

const launcherLog = logger('agent-launcher');

const RESTART_DELAY_MS = 5_000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface LaunchedAgent {
  terminalId: string;
  dir: string;
  pid(): number | null;
}

export interface AgentLauncherOptions {
  hallUrl: string;
  terminalIds: string[];
  /** Parent folder: each agent gets <dataDir>/terminal-<id>. */
  dataDir: string;
  /** A fresh one-time enrolment code for a terminal (RunningHall.enrolmentCode). */
  enrolmentCode(terminalId: string): string;
  /** With TLS: the hall's certificate fingerprint, from the hall in this same process (so trustworthy) to pin at enrolment. */
  certSha256?: string | null;
  log?: (line: string) => void;
}

export function launchAgents(options: AgentLauncherOptions): { agents: LaunchedAgent[]; stop(): Promise<void> } {
  const log = options.log ?? ((line) => launcherLog.info(line));
  let stopping = false;
  const children = new Map<string, ChildProcess>();
  const timers = new Set<NodeJS.Timeout>();

  const start = (terminalId: string, dir: string) => {
    const enrolled = fs.existsSync(path.join(dir, 'terminal.json')) && /"token"/.test(fs.readFileSync(path.join(dir, 'terminal.json'), 'utf8'));
    // SERVICEHALL_EXIT_WITH_PARENT: a demo agent ends when this process does (its stdin closes), so a
    // killed `npm start` leaves no agents behind to fight the next one's over the same folder.
    const env = {
      ...process.env,
      SERVICEHALL_EXIT_WITH_PARENT: '1',
      ...(options.certSha256 && { SERVICEHALL_HALL_CERT_SHA256: options.certSha256 }),
      ...(enrolled ? {} : { SERVICEHALL_ENROL_CODE: options.enrolmentCode(terminalId) }),
    };
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'agent/main.ts'), '--hall', options.hallUrl, '--terminal', terminalId, '--dir', dir], {
      cwd: root,
      env,
      stdio: ['pipe', 'inherit', 'inherit'],
    });
    children.set(terminalId, child);
    child.on('exit', (code, signal) => {
      children.delete(terminalId);
      if (stopping) return;
      log(`device agent of ${terminalId} (pid ${child.pid}) exited (${signal ?? code}); starting it again in ${RESTART_DELAY_MS / 1000} s`);
      const t = setTimeout(() => {
        timers.delete(t);
        if (!stopping) start(terminalId, dir);
      }, RESTART_DELAY_MS);
      timers.add(t);
    });
  };

  const agents = options.terminalIds.map((terminalId) => {
    const dir = path.join(options.dataDir, `terminal-${terminalId}`);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    start(terminalId, dir);
    return { terminalId, dir, pid: () => children.get(terminalId)?.pid ?? null };
  });

  return {
    agents,
    async stop() {
      stopping = true;
      for (const t of timers) clearTimeout(t);
      await Promise.all(
        [...children.values()].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
              setTimeout(() => child.kill('SIGKILL'), 5000).unref();
            }),
        ),
      );
    },
  };
}
