// Command templates: how a profile says which payload bytes a command is.
//
//   31 {counter:u8} {staff:text:8} 1F {ticket}     reference serial pad
//   "START," {counter:dec3} "," {ticket} 0D 0A     an ASCII-line pad
//
// Tokens are separated by spaces: hex bytes ("1F", "0D0A"), quoted literal
// text ("START,", encoded in the profile's text encoding, \" and \\ escape),
// and placeholders {name[:format[:maxChars]]}:
//   counter  formats u8 | u16be | u16le | text | decN (zero-padded to N digits)
//   staff    text   ticket  text
// The result is the payload; framing (header, length, checksum) is added later.
// Danger: text values come from staff and ticket data; control characters are
// stripped so a name can never smuggle a delimiter or separator byte.
import iconv from 'iconv-lite';
import { DeviceError } from '../contract.js';
import { concatBytes, parseHex } from './hex.js';

export type TextEncoding = 'gb18030' | 'utf8' | 'ascii';

export type TemplateField = 'counter' | 'staff' | 'ticket';

type Part =
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'text'; text: string }
  | { kind: 'field'; field: TemplateField; format: string; maxChars: number | null };

export interface CommandTemplate {
  readonly source: string;
  readonly parts: readonly Part[];
  /** The literal bytes before the first placeholder; emulators use it to tell commands apart. */
  readonly fixedPrefix: Uint8Array;
  readonly usesFields: boolean;
}

export interface TemplateValues {
  counterNumber: number;
  staffName: string;
  ticketNumber: string;
}

const FIELD_FORMATS: Readonly<Record<TemplateField, RegExp>> = {
  counter: /^(u8|u16be|u16le|text|dec[1-6])$/,
  staff: /^text$/,
  ticket: /^text$/,
};

/** Parses a template; returns an error message (no path) instead of throwing. */
export function compileTemplate(source: string, encoding: TextEncoding): CommandTemplate | string {
  const tokens = tokenize(source);
  if (typeof tokens === 'string') return tokens;
  if (tokens.length === 0) return 'template is empty';
  const parts: Part[] = [];
  for (const token of tokens) {
    if (token.quoted) {
      parts.push({ kind: 'text', text: token.value });
      continue;
    }
    const placeholder = /^\{([a-z]+)(?::([a-z0-9]+))?(?::([0-9]+))?\}$/.exec(token.value);
    if (placeholder) {
      const [, name, format = 'text', max] = placeholder;
      if (name !== 'counter' && name !== 'staff' && name !== 'ticket') return `unknown placeholder {${name}}: use {counter}, {staff} or {ticket}`;
      if (!FIELD_FORMATS[name].test(format)) return `{${name}} cannot use format "${format}"`;
      if (max !== undefined && format !== 'text') return `{${name}:${format}} cannot take a maximum length`;
      parts.push({ kind: 'field', field: name, format, maxChars: max === undefined ? null : Number(max) });
      continue;
    }
    const bytes = parseHex(token.value);
    if (!bytes || bytes.length === 0) return `"${token.value}" is neither hex bytes, "quoted text" nor a {placeholder}`;
    parts.push({ kind: 'bytes', bytes });
  }
  const prefix: Uint8Array[] = [];
  for (const part of parts) {
    if (part.kind === 'field') break;
    prefix.push(part.kind === 'bytes' ? part.bytes : encodeText(part.text, encoding));
  }
  return { source, parts, fixedPrefix: concatBytes(prefix), usesFields: parts.some((p) => p.kind === 'field') };
}

/** Throws DeviceError('invalid_request') when a value does not fit its format. */
export function renderTemplate(template: CommandTemplate, values: TemplateValues | null, encoding: TextEncoding): Uint8Array {
  return concatBytes(
    template.parts.map((part) => {
      if (part.kind === 'bytes') return part.bytes;
      if (part.kind === 'text') return encodeText(part.text, encoding);
      if (!values) throw new DeviceError('invalid_request', `template "${template.source}" needs rating values`);
      return renderField(part, values, encoding);
    }),
  );
}

function renderField(part: Extract<Part, { kind: 'field' }>, values: TemplateValues, encoding: TextEncoding): Uint8Array {
  if (part.field === 'counter') {
    const n = values.counterNumber;
    const limit = part.format === 'u8' ? 0xff : 0xffff;
    if (!Number.isInteger(n) || n < 0 || n > limit) throw new DeviceError('invalid_request', `counter number ${n} does not fit {counter:${part.format}}`);
    if (part.format === 'u8') return Uint8Array.of(n);
    if (part.format === 'u16be') return Uint8Array.of(n >>> 8, n & 0xff);
    if (part.format === 'u16le') return Uint8Array.of(n & 0xff, n >>> 8);
    if (part.format === 'text') return encodeText(String(n), encoding);
    const width = Number(part.format.slice(3));
    const digits = String(n).padStart(width, '0');
    if (digits.length > width) throw new DeviceError('invalid_request', `counter number ${n} has more than ${width} digits`);
    return encodeText(digits, encoding);
  }
  const raw = part.field === 'staff' ? values.staffName : values.ticketNumber;
  const text = Array.from(stripControls(raw));
  return encodeText((part.maxChars === null ? text : text.slice(0, part.maxChars)).join(''), encoding);
}

export function stripControls(text: string): string {
  return Array.from(text)
    .filter((c) => {
      const code = c.codePointAt(0)!;
      return code >= 0x20 && !(code >= 0x7f && code <= 0x9f) && code !== 0x2028 && code !== 0x2029;
    })
    .join('');
}

export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  if (encoding === 'utf8') return new TextEncoder().encode(text);
  if (encoding === 'ascii') return Uint8Array.from(Array.from(text), (c) => (c.codePointAt(0)! < 0x80 ? c.codePointAt(0)! : 0x3f));
  return new Uint8Array(iconv.encode(text, 'gb18030'));
}

function tokenize(source: string): { value: string; quoted: boolean }[] | string {
  const tokens: { value: string; quoted: boolean }[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= source.length) return 'unterminated quoted text';
        const q = source[i]!;
        if (q === '\\' && i + 1 < source.length) {
          value += source[i + 1];
          i += 2;
        } else if (q === '"') {
          i++;
          break;
        } else {
          value += q;
          i++;
        }
      }
      if (value.length === 0) return 'empty quoted text';
      tokens.push({ value, quoted: true });
      continue;
    }
    let end = i;
    while (end < source.length && !/\s/.test(source[end]!)) end++;
    tokens.push({ value: source.slice(i, end), quoted: false });
    i = end;
  }
  return tokens;
}
