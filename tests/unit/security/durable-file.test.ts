// Small files written atomically (drivers/durable-file.ts) and enrolment-code typing
// (hall/auth/enrolment.ts). Mutations checked: writing in place (fs.writeFileSync(file))
// keeps the old inode and fails "replaces by rename"; createFileDurably overwriting an
// existing file fails "never overwrites"; dropping the O→0 / I,L→1 mapping fails the typing case.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileDurably, writeFileDurably } from '../../../drivers/durable-file.js';
import { normalizeEnrolmentCode } from '../../../hall/auth/enrolment.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-durable-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('durable small files', () => {
  it('replaces a file by rename (a reader never sees it half written), mode 0600, no temporary left', () => {
    const dir = tempDir();
    const file = path.join(dir, 'terminals.json');
    fs.writeFileSync(file, 'old', { mode: 0o644 });
    const before = fs.statSync(file).ino;
    writeFileDurably(file, 'new content');
    expect(fs.readFileSync(file, 'utf8')).toBe('new content');
    expect(fs.statSync(file).ino).not.toBe(before);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['terminals.json']);
  });

  it('creates a file only when absent and never overwrites', () => {
    const dir = tempDir();
    const file = path.join(dir, 'identity.key');
    expect(createFileDurably(file, Buffer.alloc(32, 1))).toBe(true);
    expect(createFileDurably(file, Buffer.alloc(32, 2))).toBe(false);
    expect(fs.readFileSync(file)).toEqual(Buffer.alloc(32, 1));
    expect(fs.readdirSync(dir)).toEqual(['identity.key']);
  });
});

describe('enrolment code typing', () => {
  it('accepts case, spaces, dashes and look-alike letters; refuses anything else', () => {
    expect(normalizeEnrolmentCode('abcd-efgh')).toBe('ABCDEFGH');
    expect(normalizeEnrolmentCode(' 7K2P 9QXZ ')).toBe('7K2P9QXZ');
    expect(normalizeEnrolmentCode('O1IL-ol23')).toBe('01110123');
    expect(normalizeEnrolmentCode('ABCD-EFG')).toBeNull();
    expect(normalizeEnrolmentCode('ABCD-EFGU')).toBeNull(); // U is not in Crockford base32
  });
});
