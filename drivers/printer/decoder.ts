// Turns printed ESC/POS bytes back into a structured document: text lines
// (GB18030 decoded, with size, bold and alignment), QR contents, raster images,
// feeds and cuts. Used by tests (round trips), the emulator and the preview.
// Contract: decodeEscPos never throws for any input; unknown commands, truncated
// data and oddities become `issues`, and decoding goes on.
import iconv from 'iconv-lite';
import { scanAll, type Token } from './command-scanner.js';
import type { Align, CutMode, QrErrorLevel } from './encoder.js';
import { decodeGb18030 } from './gb18030.js';
import { unpackRows, type Bitmap } from './raster.js';

export interface TextRun {
  text: string;
  width: number;
  height: number;
  bold: boolean;
}

export type DecodedElement =
  | { kind: 'text'; align: Align; runs: TextRun[]; text: string; lineSpacingDots: number | null }
  | { kind: 'qr'; align: Align; content: string; data: Uint8Array; moduleSize: number; errorLevel: QrErrorLevel }
  | { kind: 'image'; align: Align; bitmap: Bitmap; scaleX: 1 | 2; scaleY: 1 | 2 }
  | { kind: 'feed'; lines: number; dots: number }
  | { kind: 'cut'; mode: CutMode };

export type DecodeIssueCode = 'unknown_command' | 'unknown_control' | 'oversized' | 'truncated' | 'qr_without_data' | 'unsupported_parameter';

export interface DecodeIssue {
  offset: number;
  code: DecodeIssueCode;
  detail: string;
}

export interface DecodedDocument {
  elements: DecodedElement[];
  issues: DecodeIssue[];
}

export interface DecodeOptions {
  /** Chinese mode before any FS & / FS . and after ESC @ (profile chineseModeAtPowerUp). Default true. */
  chineseModeAtStart?: boolean;
}

const ALIGNS: Align[] = ['left', 'center', 'right'];
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

export function decodeEscPos(bytes: Uint8Array, options: DecodeOptions = {}): DecodedDocument {
  return new Decoder(options.chineseModeAtStart ?? true).run(bytes);
}

/** Splits a document into tickets: each ends with a cut (a trailing part without cut is kept). */
export function splitAtCuts(doc: DecodedDocument): DecodedElement[][] {
  const jobs: DecodedElement[][] = [[]];
  for (const el of doc.elements) {
    jobs[jobs.length - 1]!.push(el);
    if (el.kind === 'cut') jobs.push([]);
  }
  if (jobs[jobs.length - 1]!.length === 0) jobs.pop();
  return jobs;
}

/** Text lines of a document, for assertions and logs. */
export function textLines(elements: readonly DecodedElement[]): string[] {
  return elements.flatMap((el) => (el.kind === 'text' ? [el.text] : []));
}

class Decoder {
  private readonly elements: DecodedElement[] = [];
  private readonly issues: DecodeIssue[] = [];
  private align: Align = 'left';
  private bold = false;
  private width = 1;
  private height = 1;
  private fsDoubleWidth = false;
  private fsDoubleHeight = false;
  private chinese: boolean;
  private lineSpacing: number | null = null;
  private line: { align: Align; runs: { bytes: number[]; chinese: boolean; style: Omit<TextRun, 'text'> }[] } | null = null;
  private qr = { moduleSize: 3, errorLevel: 'L' as QrErrorLevel, data: null as Uint8Array | null };
  private lastImageIndex = -1;

  constructor(private readonly chineseAtStart: boolean) {
    this.chinese = chineseAtStart;
  }

  run(bytes: Uint8Array): DecodedDocument {
    const { tokens, rest } = scanAll(bytes);
    for (const token of tokens) this.token(bytes, token);
    if (rest < bytes.length) this.issue(rest, 'truncated', `incomplete command at the end: ${hex(bytes.subarray(rest, rest + 8))}…`);
    if (this.line) this.flushLine();
    return { elements: this.elements, issues: this.issues };
  }

  private issue(offset: number, code: DecodeIssueCode, detail: string): void {
    if (this.issues.length < 1000) this.issues.push({ offset, code, detail });
  }

  private push(el: DecodedElement): void {
    this.elements.push(el);
    this.lastImageIndex = -1;
  }

  private token(bytes: Uint8Array, t: Token): void {
    if (t.kind === 'text') return this.text(bytes.subarray(t.start, t.end));
    if (t.kind === 'unknown') {
      return this.issue(t.start, t.reason === 'oversized' ? 'oversized' : 'unknown_command', `${t.reason.replace('_', ' ')} ${hex(bytes.subarray(t.start, t.end))}`);
    }
    if (t.kind === 'control') {
      if (t.byte === 0x0a) return this.flushLine();
      if (t.byte === 0x09) return this.text(Uint8Array.of(0x20));
      if (t.byte === 0x0d || t.byte === 0x0c || t.byte === 0x11 || t.byte === 0x13) return;
      return this.issue(t.start, 'unknown_control', `control byte ${hex(Uint8Array.of(t.byte))}`);
    }
    this.command(t.name, t.params, t.start);
  }

  private command(name: string, p: Uint8Array, offset: number): void {
    const n = p[0] ?? 0;
    switch (name) {
      case 'ESC @':
        if (this.line) this.flushLine();
        this.align = 'left';
        this.bold = false;
        this.width = this.height = 1;
        this.fsDoubleWidth = this.fsDoubleHeight = false;
        this.chinese = this.chineseAtStart;
        this.lineSpacing = null;
        return;
      case 'FS &':
        this.chinese = true;
        return;
      case 'FS .':
        this.chinese = false;
        return;
      case 'FS !':
        this.fsDoubleWidth = (n & 0x04) !== 0;
        this.fsDoubleHeight = (n & 0x08) !== 0;
        return;
      case 'FS W':
        this.fsDoubleWidth = this.fsDoubleHeight = (n & 1) === 1;
        return;
      case 'GS !':
        this.width = Math.min(8, (n >> 4) + 1);
        this.height = Math.min(8, (n & 0x0f) + 1);
        if (n >> 4 > 7 || (n & 0x0f) > 7) this.issue(offset, 'unsupported_parameter', `GS ! ${n} is out of range; clamped`);
        return;
      case 'ESC !':
        this.bold = (n & 0x08) !== 0;
        this.width = n & 0x20 ? 2 : 1;
        this.height = n & 0x10 ? 2 : 1;
        return;
      case 'ESC E':
      case 'ESC G':
        this.bold = (n & 1) === 1;
        return;
      case 'ESC a':
        this.align = ALIGNS[n % 48] ?? 'left';
        if ((n % 48) > 2) this.issue(offset, 'unsupported_parameter', `ESC a ${n}`);
        return;
      case 'ESC 2':
        this.lineSpacing = null;
        return;
      case 'ESC 3':
        this.lineSpacing = n;
        return;
      case 'ESC d':
        if (this.line) this.flushLine();
        return this.push({ kind: 'feed', lines: n, dots: 0 });
      case 'ESC J':
        if (this.line) this.flushLine();
        return this.push({ kind: 'feed', lines: 0, dots: n });
      case 'GS V':
        if (this.line) this.flushLine();
        return this.push({ kind: 'cut', mode: [0, 0x30, 0x41, 0x61, 0x67].includes(n) ? 'full' : 'partial' });
      case 'ESC i':
      case 'ESC m':
        if (this.line) this.flushLine();
        return this.push({ kind: 'cut', mode: name === 'ESC i' ? 'full' : 'partial' });
      case 'GS v':
        return this.raster(p, offset);
      case 'GS (':
        if (p[0] === 0x6b) this.qrCommand(p.subarray(3), offset);
        return;
      default:
        // Known commands that do not change the printed content model (status, code pages, spacing…).
        return;
    }
  }

  private text(bytes: Uint8Array): void {
    const style = { width: this.width * (this.fsDoubleWidth ? 2 : 1), height: this.height * (this.fsDoubleHeight ? 2 : 1), bold: this.bold };
    this.line ??= { align: this.align, runs: [] };
    const last = this.line.runs[this.line.runs.length - 1];
    if (last && last.chinese === this.chinese && last.style.width === style.width && last.style.height === style.height && last.style.bold === style.bold) {
      last.bytes.push(...bytes);
    } else {
      this.line.runs.push({ bytes: Array.from(bytes), chinese: this.chinese, style });
    }
  }

  private flushLine(): void {
    const line = this.line ?? { align: this.align, runs: [] };
    this.line = null;
    const runs: TextRun[] = line.runs.map((r) => ({
      text: r.chinese ? decodeGb18030(Uint8Array.from(r.bytes)) : iconv.decode(Buffer.from(r.bytes), 'cp437'),
      ...r.style,
    }));
    this.push({ kind: 'text', align: line.align, runs, text: runs.map((r) => r.text).join(''), lineSpacingDots: this.lineSpacing });
  }

  private raster(p: Uint8Array, offset: number): void {
    if (p[0] !== 0x30) return this.issue(offset, 'unknown_command', `GS v ${hex(p.subarray(0, 1))}`);
    if (this.line) this.flushLine();
    const m = (p[1] ?? 0) & 3;
    const bytesPerRow = (p[2] ?? 0) | ((p[3] ?? 0) << 8);
    const rows = (p[4] ?? 0) | ((p[5] ?? 0) << 8);
    const band = unpackRows(p.subarray(6), bytesPerRow, rows);
    const scaleX = (m & 1 ? 2 : 1) as 1 | 2;
    const scaleY = (m & 2 ? 2 : 1) as 1 | 2;
    const prev = this.elements[this.lastImageIndex];
    if (prev?.kind === 'image' && prev.align === this.align && prev.bitmap.width === band.width && prev.scaleX === scaleX && prev.scaleY === scaleY) {
      // Consecutive bands of one image: join them.
      const dots = new Uint8Array(prev.bitmap.dots.length + band.dots.length);
      dots.set(prev.bitmap.dots);
      dots.set(band.dots, prev.bitmap.dots.length);
      prev.bitmap = { width: band.width, height: prev.bitmap.height + band.height, dots };
      return;
    }
    this.push({ kind: 'image', align: this.align, bitmap: band, scaleX, scaleY });
    this.lastImageIndex = this.elements.length - 1;
  }

  /** GS ( k body after pL pH: cn fn params… */
  private qrCommand(body: Uint8Array, offset: number): void {
    const [cn, fn, arg] = [body[0], body[1], body[2] ?? 0];
    if (cn !== 0x31) return this.issue(offset, 'unsupported_parameter', `2D symbol type ${cn} is not QR`);
    if (fn === 0x43) this.qr.moduleSize = Math.max(1, Math.min(16, arg));
    else if (fn === 0x45) this.qr.errorLevel = (['L', 'M', 'Q', 'H'] as const)[(arg - 0x30) & 3]!;
    else if (fn === 0x50) this.qr.data = body.slice(3);
    else if (fn === 0x51) {
      if (!this.qr.data) return this.issue(offset, 'qr_without_data', 'QR print without stored data');
      if (this.line) this.flushLine();
      this.push({ kind: 'qr', align: this.align, content: decodeQrData(this.qr.data), data: this.qr.data, moduleSize: this.qr.moduleSize, errorLevel: this.qr.errorLevel });
    }
  }
}

/** QR data as sent: UTF-8 when valid, else GB18030 (how some hall systems encode Chinese). */
function decodeQrData(data: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return decodeGb18030(data);
  }
}
