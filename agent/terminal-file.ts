// A Node device agent's terminal.json (docs/device-agent.md): who this terminal
// is, how it reaches the hall, and what is plugged into this machine.
//   { "hallUrl": "https://192.168.1.10:8443", "terminalId": "kiosk-2",
//     "token": "…",                     written by enrolment, never typed or logged
//     "hallCertSha256": "AB:CD:…", "hallCertPem": "-----BEGIN…",   pinned at enrolment (https halls)
//     "devices": [ … ], "hallDefaults": true, "printerProfiles": [ … ], "technicianPort": 8470 }
// The Electron terminal reads the same file (electron/terminal-identity.ts) and
// has fields of its own (role, startHall…): this side keeps them untouched.
// Contract: readTerminalFile never throws for a missing file (empty identity);
// a file that is not valid JSON or breaks the schema gives TerminalFileError
// naming the file and the field. Writes are atomic and durable, mode 0600.
import fs from 'node:fs';
import { z } from 'zod';
import { terminalDevicesShape } from '../protocol/terminal-devices.js';
import { writeFileDurably } from '../drivers/durable-file.js';

export const terminalFileSchema = z
  .object({
    hallUrl: z.string().url().refine((u) => /^https?:\/\//.test(u), 'must be an http:// or https:// address').optional(),
    terminalId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1–40 letters, digits, "-" or "_"').optional(),
    token: z.string().regex(/^[\x21-\x7e]{16,512}$/, 'must be 16–512 printable ASCII characters').optional(),
    hallCertSha256: z.string().optional(),
    hallCertPem: z.string().optional(),
    ...terminalDevicesShape,
  })
  // An Electron terminal's terminal.json has more fields (role, startHall…): kept as they are.
  .passthrough();
export type TerminalFile = z.infer<typeof terminalFileSchema>;

export class TerminalFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TerminalFileError';
  }
}

export function readTerminalFile(file: string): TerminalFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new TerminalFileError(`cannot read ${file}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new TerminalFileError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = terminalFileSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new TerminalFileError(`${file}: ${first.path.join('.') || '(top level)'}: ${first.message}`);
  }
  return parsed.data;
}

export function writeTerminalFile(file: string, content: TerminalFile): void {
  writeFileDurably(file, JSON.stringify(terminalFileSchema.parse(content), null, 2) + '\n');
}
