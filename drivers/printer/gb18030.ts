// GB18030 text for Chinese-mode ESC/POS: encoding, and which characters a
// given printer font can print. Pure functions.
// Danger: text comes from visitors' ID cards and hall settings. A control byte
// (ESC, GS, DLE…) inside it would be executed by the printer, so sanitizeText
// must run on every string before it is encoded.
import iconv from 'iconv-lite';
import type { TextEncoding } from './profile.js';

/** Which repertoire a character's GB18030 bytes fall in. */
export type CharClass = 'ascii' | TextEncoding;

export interface EncodedChar {
  char: string;
  bytes: Uint8Array;
  cls: CharClass;
}

/**
 * Replaces control characters (C0, DEL, C1) and lone surrogates with a space, and
 * tabs/newlines with a space too: line breaking is the layout's job.
 */
export function sanitizeText(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const isControl = cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
    const isLoneSurrogate = cp >= 0xd800 && cp <= 0xdfff;
    out += isControl || isLoneSurrogate ? ' ' : ch;
  }
  return out;
}

export function classifyBytes(bytes: Uint8Array): CharClass {
  if (bytes.length === 1) return 'ascii';
  if (bytes.length === 4) return 'gb18030-4byte';
  const lead = bytes[0] ?? 0;
  const trail = bytes[1] ?? 0;
  // Danger: FE50–FEA0 and A6D9–A6F3 hold characters (e.g. 䶮 at FE9F) that GBK and
  // GB18030-2000 fonts map to private-use slots; only a full, recent GB18030 font has
  // them, so they need the same support as four-byte characters.
  if ((lead === 0xfe && trail >= 0x50 && trail <= 0xa0) || (lead === 0xa6 && trail >= 0xd9 && trail <= 0xf3)) return 'gb18030-4byte';
  // GB2312 occupies A1–F7 × A1–FE; rows AA–AF are empty in GB2312 (GBK user area).
  const inGb2312 = lead >= 0xa1 && lead <= 0xf7 && trail >= 0xa1 && trail <= 0xfe && !(lead >= 0xaa && lead <= 0xaf);
  return inGb2312 ? 'gb2312' : 'gb18030-2byte';
}

/** Encodes each character (code point) of already-sanitized text. */
export function encodeChars(text: string): EncodedChar[] {
  const result: EncodedChar[] = [];
  for (const char of text) {
    const bytes = new Uint8Array(iconv.encode(char, 'gb18030'));
    result.push({ char, bytes, cls: classifyBytes(bytes) });
  }
  return result;
}

export function encodeGb18030(text: string): Uint8Array {
  return new Uint8Array(iconv.encode(text, 'gb18030'));
}

export function decodeGb18030(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
}

/** True when the printer's font (per its profile encodings) has this character. */
export function isPrintable(cls: CharClass, encodings: readonly TextEncoding[]): boolean {
  if (cls === 'ascii') return true;
  if (cls === 'gb2312') return encodings.includes('gb2312') || encodings.includes('gb18030-2byte');
  return encodings.includes(cls);
}

/** Printed width in columns: ASCII takes one, every double-byte or four-byte character two. */
export function columnsOf(char: EncodedChar): number {
  return char.cls === 'ascii' ? 1 : 2;
}

export function textColumns(text: string): number {
  let cols = 0;
  for (const ch of text) cols += (ch.codePointAt(0) ?? 0) < 0x80 ? 1 : 2;
  return cols;
}
