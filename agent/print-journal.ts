// The agent's durable memory of print jobs, so that no job is ever printed
// twice: one JSON line per step, fsync'd before the step's effect.
//   {"jobId":"…","at":…,"step":"started"}                  written BEFORE the bytes go to the printer
//   {"jobId":"…","at":…,"step":"done","result":{…}}        written when the printer's outcome is known
// A job that is "started" but not "done" after a restart (power cut or kill -9
// mid-print) is reported as `unknown` and never printed again: a visitor may
// already hold that ticket.
// Contract: lookups are in memory; begin/finish return only once the line is
// on disk. A torn last line (power cut mid-write) is skipped on load. Entries
// older than `keepMs` are dropped when the journal is opened (rewritten
// atomically), so the file stays small.
import fs from 'node:fs';
import path from 'node:path';
import type { PrintResult } from '../protocol/agent.js';
import { writeFileDurably } from '../drivers/durable-file.js';
import { logger } from '../drivers/log/logger.js';

const log = logger('print-journal');

type Entry = { state: 'started'; at: number } | { state: 'done'; at: number; result: PrintResult };

export class PrintJournal {
  private readonly entries = new Map<string, Entry>();
  private fd: number;

  private constructor(
    private readonly file: string,
    private readonly now: () => number,
  ) {
    this.fd = -1;
  }

  static open(file: string, options: { now?: () => number; keepMs?: number } = {}): PrintJournal {
    const journal = new PrintJournal(file, options.now ?? Date.now);
    journal.load(options.keepMs ?? 3 * 24 * 3600_000);
    return journal;
  }

  /** What is known of a job: null when this agent never saw it. */
  lookup(jobId: string): Entry | null {
    return this.entries.get(jobId) ?? null;
  }

  begin(jobId: string): void {
    this.append({ jobId, at: this.now(), step: 'started' });
    this.entries.set(jobId, { state: 'started', at: this.now() });
  }

  finish(jobId: string, result: PrintResult): void {
    this.append({ jobId, at: this.now(), step: 'done', result });
    this.entries.set(jobId, { state: 'done', at: this.now(), result });
  }

  close(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
  }

  private append(line: object): void {
    fs.writeSync(this.fd, JSON.stringify(line) + '\n');
    // fdatasync: the appended bytes and the new file size (what a reader needs) without other metadata.
    fs.fdatasyncSync(this.fd);
  }

  private load(keepMs: number): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    let text = '';
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    let skipped = 0;
    for (const raw of text.split('\n')) {
      if (!raw.trim()) continue;
      try {
        const line = JSON.parse(raw) as { jobId?: unknown; at?: unknown; step?: unknown; result?: PrintResult };
        if (typeof line.jobId !== 'string' || typeof line.at !== 'number') throw new Error('bad line');
        if (line.step === 'started' && !this.entries.has(line.jobId)) this.entries.set(line.jobId, { state: 'started', at: line.at });
        else if (line.step === 'done' && line.result) this.entries.set(line.jobId, { state: 'done', at: line.at, result: line.result });
      } catch {
        skipped++; // a torn line from a power cut: the job stays as its last whole line says
      }
    }
    if (skipped > 0) log.warn(`print journal ${this.file}: skipped ${skipped} unreadable line(s)`);
    const cutoff = this.now() - keepMs;
    for (const [id, e] of this.entries) if (e.at < cutoff) this.entries.delete(id);
    // Rewrite the kept entries atomically, so the file stays small.
    const lines = [...this.entries].map(([jobId, e]) => JSON.stringify(e.state === 'done' ? { jobId, at: e.at, step: 'done', result: e.result } : { jobId, at: e.at, step: 'started' }) + '\n');
    writeFileDurably(this.file, lines.join(''));
    this.fd = fs.openSync(this.file, 'a', 0o600);
  }
}
