// Lays a ticket out for one printer model: template blocks + job data +
// profile → ESC/POS bytes. Pure apart from lazily loading the outline font.
// Contract: renderTicket validates the job (DeviceError invalid_ticket /
// unmasked_identity) and never drops a character: a line whose characters the
// printer font lacks (per profile encodings) is printed as a raster image of
// that line; characters missing even from the outline font print as '□' and
// are reported as warnings.
import { DeviceError } from '../contract.js';
import { loadCjkFont, type FontLoad } from './cjk-font.js';
import type { PrintWarning, TicketPrintJob } from './contract.js';
import { EscPosEncoder, type Align } from './encoder.js';
import { columnsOf, encodeChars, isPrintable, sanitizeText } from './gb18030.js';
import { rasterizeLine } from './glyph-raster.js';
import type { PrinterProfile } from './profile.js';
import { bitmapFromPng, blit, createBitmap, fitWidth } from './raster.js';
import { DEFAULT_TICKET_TEMPLATE, fillPlaceholders, parseTicketPrintJob, ticketFieldValues, type TicketTemplate } from './ticket-template.js';

export interface RenderTicketOptions {
  profile: PrinterProfile;
  template?: TicketTemplate;
  /** Outline font for the raster fallback; loaded only when a line needs it. */
  loadFont?: () => FontLoad;
}

export interface RenderedTicket {
  bytes: Uint8Array;
  warnings: PrintWarning[];
  /** How many lines went out as raster images because the printer font lacks a character. */
  rasterLines: number;
}

interface LineStyle {
  align: Align;
  bold: boolean;
  width: number;
  height: number;
}

export function renderTicket(jobInput: TicketPrintJob, options: RenderTicketOptions): RenderedTicket {
  const job = parseTicketPrintJob(jobInput);
  const { profile } = options;
  const template = options.template ?? DEFAULT_TICKET_TEMPLATE;
  const values = ticketFieldValues(job);
  const out = new EscPosEncoder().initialize().setChineseMode(true).chinesePrintMode(0);
  const writer = new LineWriter(out, profile, options.loadFont ?? (() => loadCjkFont()));

  for (const block of template.blocks) {
    switch (block.type) {
      case 'text': {
        const text = fillPlaceholders(block.text, values);
        if (text !== null) writer.paragraph(text, { align: block.align, bold: block.bold, ...block.size });
        break;
      }
      case 'notice':
        for (const line of job.notice) writer.paragraph(line, { align: block.align, bold: block.bold, width: 1, height: 1 });
        break;
      case 'separator':
        writer.paragraph(block.char.repeat(profile.charsPerLine), { align: 'left', bold: false, width: 1, height: 1 });
        break;
      case 'qr':
        out.align(block.align).qrCode(job.qrContent, { moduleSize: Math.min(block.moduleSize, profile.qr.maxModuleSize), errorLevel: block.errorLevel });
        break;
      case 'logo': {
        const png = Buffer.from(block.pngBase64, 'base64');
        const bitmap = fitWidth(bitmapFromPng(png), Math.min(block.maxWidthDots ?? profile.paperWidthDots, profile.paperWidthDots));
        out.align(block.align).image(bitmap, profile.rasterBandRows);
        break;
      }
      case 'feed':
        out.feed(block.lines);
        break;
      case 'cut':
        out.feed(block.feedLines ?? profile.cut.feedLines).cut(block.mode ?? profile.cut.mode);
        break;
    }
  }
  return { bytes: out.encode(), warnings: writer.warnings, rasterLines: writer.rasterLines };
}

/** Writes wrapped lines as text, or as raster images where the printer font lacks a character. */
class LineWriter {
  readonly warnings: PrintWarning[] = [];
  rasterLines = 0;
  private font: FontLoad | null = null;

  constructor(
    private readonly out: EscPosEncoder,
    private readonly profile: PrinterProfile,
    private readonly loadFont: () => FontLoad,
  ) {}

  paragraph(text: string, style: LineStyle): void {
    this.out.align(style.align).bold(style.bold).size(style.width, style.height);
    for (const line of this.wrap(sanitizeText(text).trim(), style.width)) this.line(line, style);
    this.out.size(1, 1).bold(false);
  }

  private wrap(text: string, widthMul: number): string[] {
    const maxColumns = Math.max(2, Math.floor(this.profile.paperWidthDots / (this.profile.asciiCellDots.width * widthMul)));
    const lines: string[] = [];
    let current = '';
    let columns = 0;
    for (const char of encodeChars(text)) {
      const cols = columnsOf(char);
      if (columns + cols > maxColumns && current) {
        lines.push(current);
        current = '';
        columns = 0;
        if (char.char === ' ') continue;
      }
      current += char.char;
      columns += cols;
    }
    if (current || lines.length === 0) lines.push(current);
    return lines;
  }

  private line(line: string, style: LineStyle): void {
    const chars = encodeChars(line);
    if (chars.every((c) => isPrintable(c.cls, this.profile.encodings))) {
      this.out.line(line);
      return;
    }
    this.font ??= this.loadFont();
    if (!this.font.ok) {
      // No outline font: keep the line as text with a visible box for each missing character.
      const missing = chars.filter((c) => !isPrintable(c.cls, this.profile.encodings));
      this.warn('font_unavailable', `no outline font for the raster fallback (${this.font.reason})`);
      for (const c of missing) this.warn('glyph_placeholder', `${codePoint(c.char)} printed as □: the printer font lacks it`);
      this.out.line(chars.map((c) => (isPrintable(c.cls, this.profile.encodings) ? c.char : '□')).join(''));
      return;
    }
    const raster = rasterizeLine(line, {
      font: this.font.font,
      widthMul: style.width,
      heightMul: style.height,
      bold: style.bold,
      asciiCell: this.profile.asciiCellDots,
      cjkCell: this.profile.cjkCellDots,
    });
    for (const ch of raster.placeholders) this.warn('glyph_placeholder', `${codePoint(ch)} printed as □: neither the printer nor the outline font has it`);
    if (raster.bitmap.width > this.profile.paperWidthDots) {
      throw new DeviceError('invalid_ticket', `a line is ${raster.bitmap.width} dots wide; the paper holds ${this.profile.paperWidthDots}`);
    }
    // Pad to the line pitch a text line would get (ESC 2: cell height + spacing), so the layout does not shift.
    const pitch = this.profile.cjkCellDots.height + this.profile.lineSpacingDots;
    const padded = createBitmap(raster.bitmap.width, Math.max(raster.bitmap.height, pitch));
    blit(padded, raster.bitmap, 0, 0);
    this.out.image(padded, this.profile.rasterBandRows);
    this.rasterLines++;
  }

  private warn(code: PrintWarning['code'], message: string): void {
    if (!this.warnings.some((w) => w.code === code && w.message === message)) this.warnings.push({ code, message });
  }
}

function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
