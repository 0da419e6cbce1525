// Splits an ESC/POS byte stream into tokens (text runs, control bytes,
// commands with their parameters and data) without interpreting them. Shared by
// the decoder (whole jobs) and the emulator (a live stream in fragments).
// Contract: scanToken never throws and never reads past `buf`; it returns null
// when the command at `pos` is incomplete (wait for more bytes), and an
// 'unknown' token (two bytes for ESC/FS/GS/DLE x, one otherwise) for commands it
// does not know, so scanning always makes progress.
// Danger: unknown commands' parameters are then read as text; a command claiming
// more than MAX_COMMAND_BYTES of data is reported 'oversized', not buffered.

export const MAX_COMMAND_BYTES = 4 * 1024 * 1024;

export type Token =
  | { kind: 'text'; start: number; end: number }
  | { kind: 'control'; start: number; end: number; byte: number }
  | { kind: 'command'; start: number; end: number; name: string; params: Uint8Array }
  | { kind: 'unknown'; start: number; end: number; reason: 'unknown_command' | 'oversized' };

const ESC = 0x1b;
const FS = 0x1c;
const GS = 0x1d;
const DLE = 0x10;

/** Parameter length after prefix + code: a number, null when more bytes are needed, -1 when oversized. */
type ParamLength = (buf: Uint8Array, p: number) => number | null;

const fixed =
  (n: number): ParamLength =>
  (buf, p) =>
    p + n <= buf.length ? n : null;

const u16 = (buf: Uint8Array, i: number) => buf[i]! | (buf[i + 1]! << 8);

function withData(header: number, dataLength: (buf: Uint8Array, p: number) => number): ParamLength {
  return (buf, p) => {
    if (p + header > buf.length) return null;
    const n = header + dataLength(buf, p);
    if (n > MAX_COMMAND_BYTES) return -1;
    return p + n <= buf.length ? n : null;
  };
}

function nulTerminated(max: number): ParamLength {
  return (buf, p) => {
    for (let i = p; i < buf.length && i < p + max; i++) if (buf[i] === 0) return i - p + 1;
    return buf.length >= p + max ? max : null;
  };
}

const escTable: Record<number, [string, ParamLength]> = {
  0x40: ['ESC @', fixed(0)],
  0x45: ['ESC E', fixed(1)],
  0x47: ['ESC G', fixed(1)],
  0x61: ['ESC a', fixed(1)],
  0x64: ['ESC d', fixed(1)],
  0x4a: ['ESC J', fixed(1)],
  0x32: ['ESC 2', fixed(0)],
  0x33: ['ESC 3', fixed(1)],
  0x21: ['ESC !', fixed(1)],
  0x2d: ['ESC -', fixed(1)],
  0x4d: ['ESC M', fixed(1)],
  0x74: ['ESC t', fixed(1)],
  0x52: ['ESC R', fixed(1)],
  0x20: ['ESC SP', fixed(1)],
  0x56: ['ESC V', fixed(1)],
  0x7b: ['ESC {', fixed(1)],
  0x25: ['ESC %', fixed(1)],
  0x3d: ['ESC =', fixed(1)],
  0x3f: ['ESC ?', fixed(1)],
  0x72: ['ESC r', fixed(1)],
  0x55: ['ESC U', fixed(1)],
  0x54: ['ESC T', fixed(1)],
  0x70: ['ESC p', fixed(3)],
  0x24: ['ESC $', fixed(2)],
  0x5c: ['ESC \\', fixed(2)],
  0x42: ['ESC B', fixed(2)],
  0x63: ['ESC c', fixed(2)],
  0x57: ['ESC W', fixed(8)],
  0x69: ['ESC i', fixed(0)],
  0x6d: ['ESC m', fixed(0)],
  0x4c: ['ESC L', fixed(0)],
  0x53: ['ESC S', fixed(0)],
  0x44: ['ESC D', nulTerminated(33)],
  0x2a: ['ESC *', withData(3, (buf, p) => (buf[p]! >= 32 ? 3 : 1) * u16(buf, p + 1))],
};

const fsTable: Record<number, [string, ParamLength]> = {
  0x26: ['FS &', fixed(0)],
  0x2e: ['FS .', fixed(0)],
  0x21: ['FS !', fixed(1)],
  0x57: ['FS W', fixed(1)],
  0x2d: ['FS -', fixed(1)],
  0x43: ['FS C', fixed(1)],
  0x53: ['FS S', fixed(2)],
  0x70: ['FS p', fixed(2)],
  0x32: ['FS 2', fixed(74)],
  // FS ( x / GS ( x: function letter, pL, pH, then pL + 256·pH bytes.
  0x28: ['FS (', withData(3, (buf, p) => u16(buf, p + 1))],
};

const gsTable: Record<number, [string, ParamLength]> = {
  0x21: ['GS !', fixed(1)],
  0x61: ['GS a', fixed(1)],
  0x72: ['GS r', fixed(1)],
  0x42: ['GS B', fixed(1)],
  0x48: ['GS H', fixed(1)],
  0x68: ['GS h', fixed(1)],
  0x77: ['GS w', fixed(1)],
  0x66: ['GS f', fixed(1)],
  0x49: ['GS I', fixed(1)],
  0x62: ['GS b', fixed(1)],
  0x2f: ['GS /', fixed(1)],
  0x4c: ['GS L', fixed(2)],
  0x57: ['GS W', fixed(2)],
  0x50: ['GS P', fixed(2)],
  0x24: ['GS $', fixed(2)],
  0x5c: ['GS \\', fixed(2)],
  0x5e: ['GS ^', fixed(3)],
  0x3a: ['GS :', fixed(0)],
  0x56: ['GS V', (buf, p) => (p >= buf.length ? null : [0x41, 0x42, 0x61, 0x62, 0x67, 0x68].includes(buf[p]!) ? fixed(2)(buf, p) : 1)],
  0x28: ['GS (', withData(3, (buf, p) => u16(buf, p + 1))],
  0x76: ['GS v', withData(6, (buf, p) => u16(buf, p + 2) * u16(buf, p + 4))],
  0x2a: ['GS *', withData(2, (buf, p) => buf[p]! * buf[p + 1]! * 8)],
  0x38: ['GS 8', withData(5, (buf, p) => (buf[p + 1]! | (buf[p + 2]! << 8) | (buf[p + 3]! << 16)) + buf[p + 4]! * 2 ** 24)],
  0x6b: [
    'GS k',
    (buf, p) => {
      if (p >= buf.length) return null;
      if (buf[p]! <= 6) {
        const rest = nulTerminated(256)(buf, p + 1);
        return rest === null ? null : 1 + rest;
      }
      return withData(2, (b, q) => b[q + 1]!)(buf, p);
    },
  ],
};

const dleTable: Record<number, [string, ParamLength]> = {
  0x04: ['DLE EOT', fixed(1)],
  0x05: ['DLE ENQ', fixed(1)],
  0x14: ['DLE DC4', fixed(3)],
};

const tables: Record<number, Record<number, [string, ParamLength]>> = { [ESC]: escTable, [FS]: fsTable, [GS]: gsTable, [DLE]: dleTable };

export function scanToken(buf: Uint8Array, pos: number): Token | null {
  if (pos >= buf.length) return null;
  const first = buf[pos]!;
  if (first >= 0x20) {
    let end = pos;
    while (end < buf.length && buf[end]! >= 0x20) end++;
    return { kind: 'text', start: pos, end };
  }
  const table = tables[first];
  if (!table) return { kind: 'control', start: pos, end: pos + 1, byte: first };
  if (pos + 1 >= buf.length) return null;
  const entry = table[buf[pos + 1]!];
  if (!entry) return { kind: 'unknown', start: pos, end: pos + 2, reason: 'unknown_command' };
  const [name, paramLength] = entry;
  const n = paramLength(buf, pos + 2);
  if (n === null) return null;
  if (n < 0) return { kind: 'unknown', start: pos, end: pos + 2, reason: 'oversized' };
  return { kind: 'command', start: pos, end: pos + 2 + n, name, params: buf.subarray(pos + 2, pos + 2 + n) };
}

/** All complete tokens from `pos`; `rest` is where an incomplete command starts (or buf.length). */
export function scanAll(buf: Uint8Array, pos = 0): { tokens: Token[]; rest: number } {
  const tokens: Token[] = [];
  let at = pos;
  for (;;) {
    const token = scanToken(buf, at);
    if (!token) return { tokens, rest: at };
    tokens.push(token);
    at = token.end;
  }
}
