// ESC/POS command encoder: each command is a pure function returning its exact
// bytes (golden-tested), and EscPosEncoder chains them into one job.
// Contract: every function validates its arguments and throws
// DeviceError('invalid_argument') instead of emitting out-of-range bytes.
// Danger: text passed to EscPosEncoder.text is sanitized here (no control bytes
// reach the wire), but it is NOT checked against the printer's font: that is
// the layout's job (ticket.ts falls back to raster for missing glyphs).
import { DeviceError } from '../contract.js';
import { encodeGb18030, sanitizeText } from './gb18030.js';
import { packRows, type Bitmap } from './raster.js';

const ESC = 0x1b;
const FS = 0x1c;
const GS = 0x1d;
const DLE = 0x10;

export type Align = 'left' | 'center' | 'right';
export type CutMode = 'full' | 'partial';
export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';

function checkInt(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new DeviceError('invalid_argument', `${name} must be a whole number from ${min} to ${max}, got ${value}`);
  }
  return value;
}

export const cmd = {
  /** ESC @: clears the buffer and resets modes. */
  initialize: () => Uint8Array.of(ESC, 0x40),
  /** FS &: Chinese (double-byte) character mode on. */
  chineseModeOn: () => Uint8Array.of(FS, 0x26),
  /** FS .: Chinese mode off (bytes ≥ 0x80 become code-page characters). */
  chineseModeOff: () => Uint8Array.of(FS, 0x2e),
  /** FS ! n: Chinese print mode (bit 2 double width, bit 3 double height, bit 7 underline). */
  chinesePrintMode: (n: number) => Uint8Array.of(FS, 0x21, checkInt('FS ! n', n, 0, 255)),
  /** FS W n: Chinese quadruple size on (n & 1) or off. */
  chineseQuadruple: (on: boolean) => Uint8Array.of(FS, 0x57, on ? 1 : 0),
  /** GS ! n: character size; width and height multipliers 1–8. */
  characterSize: (width: number, height: number) =>
    Uint8Array.of(GS, 0x21, ((checkInt('width', width, 1, 8) - 1) << 4) | (checkInt('height', height, 1, 8) - 1)),
  /** ESC E n: emphasized (bold). */
  bold: (on: boolean) => Uint8Array.of(ESC, 0x45, on ? 1 : 0),
  /** ESC a n: justification, 0 left, 1 centre, 2 right. */
  align: (align: Align) => Uint8Array.of(ESC, 0x61, align === 'left' ? 0 : align === 'center' ? 1 : 2),
  /** LF: print the line buffer and feed one line. */
  lineFeed: () => Uint8Array.of(0x0a),
  /** ESC d n: print and feed n lines. */
  feedLines: (n: number) => Uint8Array.of(ESC, 0x64, checkInt('feed lines', n, 0, 255)),
  /** ESC 3 n: line spacing in dots; ESC 2: default spacing. */
  lineSpacing: (dots: number | null) => (dots === null ? Uint8Array.of(ESC, 0x32) : Uint8Array.of(ESC, 0x33, checkInt('line spacing', dots, 0, 255))),
  /** GS V: cut now (function A, 00/01) or feed n lines' worth then cut (function B, 41/42). */
  cut: (mode: CutMode, feed?: number) =>
    feed === undefined
      ? Uint8Array.of(GS, 0x56, mode === 'full' ? 0x00 : 0x01)
      : Uint8Array.of(GS, 0x56, mode === 'full' ? 0x41 : 0x42, checkInt('cut feed', feed, 0, 255)),
  /** GS ( k fn 65: select QR model 2. */
  qrModel2: () => Uint8Array.of(GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00),
  /** GS ( k fn 67: module size in dots, 1–16. */
  qrModuleSize: (n: number) => Uint8Array.of(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, checkInt('QR module size', n, 1, 16)),
  /** GS ( k fn 69: error correction level, 0x30 L … 0x33 H. */
  qrErrorLevel: (level: QrErrorLevel) => Uint8Array.of(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x30 + 'LMQH'.indexOf(level)),
  /** GS ( k fn 80: store data; pL + 256·pH = data length + 3. */
  qrStore: (data: Uint8Array) => {
    checkInt('QR data length', data.length, 1, QR_MAX_BYTES);
    const len = data.length + 3;
    const out = new Uint8Array(8 + data.length);
    out.set([GS, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, 0x50, 0x30]);
    out.set(data, 8);
    return out;
  },
  /** GS ( k fn 81: print the stored symbol. */
  qrPrint: () => Uint8Array.of(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30),
  /** GS v 0 m xL xH yL yH d…: one raster band, x in bytes per row, y in dots. */
  rasterBand: (bytesPerRow: number, rows: number, data: Uint8Array, scale: 0 | 1 | 2 | 3 = 0) => {
    checkInt('raster bytes per row', bytesPerRow, 1, 0xffff);
    checkInt('raster rows', rows, 1, 0xffff);
    if (data.length !== bytesPerRow * rows) {
      throw new DeviceError('invalid_argument', `raster band needs ${bytesPerRow * rows} bytes, got ${data.length}`);
    }
    const out = new Uint8Array(8 + data.length);
    out.set([GS, 0x76, 0x30, scale, bytesPerRow & 0xff, bytesPerRow >> 8, rows & 0xff, rows >> 8]);
    out.set(data, 8);
    return out;
  },
  /** DLE EOT n: real-time status request, n = 1 printer, 2 offline cause, 3 error cause, 4 paper. */
  realtimeStatus: (n: 1 | 2 | 3 | 4) => Uint8Array.of(DLE, 0x04, checkInt('DLE EOT n', n, 1, 4)),
  /** DLE ENQ 2: recover from a recoverable error after clearing the buffers. */
  recoverClearingBuffers: () => Uint8Array.of(DLE, 0x05, 0x02),
  /** GS a n: automatic status back for the items in mask n (0xFF = all, 0 = off). */
  automaticStatusBack: (mask: number) => Uint8Array.of(GS, 0x61, checkInt('GS a n', mask, 0, 255)),
  /** GS r 1: paper sensor status, answered only after all preceding data was processed. */
  transmitPaperStatus: () => Uint8Array.of(GS, 0x72, 0x01),
};

/** GS ( k store accepts at most 65 535 − 3 bytes; QR model 2 holds at most 2953 bytes in byte mode. */
export const QR_MAX_BYTES = 2953;

export function encodeText(text: string): Uint8Array {
  return encodeGb18030(sanitizeText(text));
}

/** Chains commands into one job; tracks Chinese mode so GB18030 text never goes out in code-page mode. */
export class EscPosEncoder {
  private readonly chunks: Uint8Array[] = [];
  private byteCount = 0;
  private chineseMode: boolean | null = null;

  raw(bytes: Uint8Array): this {
    this.chunks.push(bytes);
    this.byteCount += bytes.length;
    return this;
  }

  initialize(): this {
    this.chineseMode = null;
    return this.raw(cmd.initialize());
  }

  /** Sets Chinese mode explicitly; the state after ESC @ differs between models. */
  setChineseMode(on: boolean): this {
    this.chineseMode = on;
    return this.raw(on ? cmd.chineseModeOn() : cmd.chineseModeOff());
  }

  chinesePrintMode(n: number): this {
    return this.raw(cmd.chinesePrintMode(n));
  }

  /** GS ! size; applies to Chinese characters too on the profiled models. */
  size(width: number, height: number): this {
    return this.raw(cmd.characterSize(width, height));
  }

  bold(on: boolean): this {
    return this.raw(cmd.bold(on));
  }

  align(align: Align): this {
    return this.raw(cmd.align(align));
  }

  /** GB18030 text without a line feed; switches Chinese mode on first unless it is known to be on. */
  text(text: string): this {
    const bytes = encodeText(text);
    if (bytes.some((b) => b >= 0x80) && this.chineseMode !== true) this.setChineseMode(true);
    return this.raw(bytes);
  }

  line(text = ''): this {
    if (text) this.text(text);
    return this.raw(cmd.lineFeed());
  }

  feed(lines: number): this {
    return this.raw(cmd.feedLines(lines));
  }

  cut(mode: CutMode, feed?: number): this {
    return this.raw(cmd.cut(mode, feed));
  }

  /** QR model 2 via GS ( k: model, size, level, store, print. Content goes as UTF-8 bytes. */
  qrCode(content: string | Uint8Array, options: { moduleSize: number; errorLevel: QrErrorLevel }): this {
    const data = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    if (data.length === 0 || data.length > QR_MAX_BYTES) {
      throw new DeviceError('qr_too_long', `QR content must be 1–${QR_MAX_BYTES} bytes, got ${data.length}`);
    }
    return this.raw(cmd.qrModel2())
      .raw(cmd.qrModuleSize(options.moduleSize))
      .raw(cmd.qrErrorLevel(options.errorLevel))
      .raw(cmd.qrStore(data))
      .raw(cmd.qrPrint());
  }

  /** Raster image via GS v 0 in bands of `bandRows`; the printer's ESC a alignment applies. */
  image(bitmap: Bitmap, bandRows: number): this {
    checkInt('band rows', bandRows, 1, 0xffff);
    const bytesPerRow = Math.ceil(bitmap.width / 8);
    if (bytesPerRow === 0 || bitmap.height === 0) return this;
    for (let y = 0; y < bitmap.height; y += bandRows) {
      const y1 = Math.min(bitmap.height, y + bandRows);
      this.raw(cmd.rasterBand(bytesPerRow, y1 - y, packRows(bitmap, y, y1)));
    }
    return this;
  }

  get length(): number {
    return this.byteCount;
  }

  encode(): Uint8Array {
    const out = new Uint8Array(this.byteCount);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}
