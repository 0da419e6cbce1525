// Reads hex fixtures from tests/fixtures/rating: one frame per line, "#" comments.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures');

export function hexFixture(name: string): Uint8Array[] {
  return fs
    .readFileSync(path.join(root, name), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => Uint8Array.from(l.split(/\s+/), (h) => parseInt(h, 16)));
}

export function toHexString(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}
