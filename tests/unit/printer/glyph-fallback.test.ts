// Characters the printer's font lacks print as raster images of the line;
// characters no font has print as a visible '□' and are reported.
import { describe, expect, it } from 'vitest';
import { decodeEscPos, textLines } from '../../../drivers/printer/decoder.js';
import { loadPrinterProfile, parsePrinterProfile } from '../../../drivers/printer/profile.js';
import { parseTicketTemplate } from '../../../drivers/printer/ticket-template.js';
import { renderTicket } from '../../../drivers/printer/ticket.js';
import { walkInFirstOfDay } from './ticket-fixtures.js';

const epson = loadPrinterProfile('generic-epson');
const gb2312Only = loadPrinterProfile('generic-58mm-gb2312');
const fullGb18030 = parsePrinterProfile({ ...epson, id: 'full-gb18030', encodings: ['gb2312', 'gb18030-2byte', 'gb18030-4byte'] });
const nameLine = parseTicketTemplate({ version: 1, blocks: [{ type: 'text', text: '{hallName}', align: 'center' }, { type: 'cut' }] });
const jobNamed = (hallName: string) => ({ ...walkInFirstOfDay, hallName });
const ink = (dots: Uint8Array) => dots.reduce((n, d) => n + d, 0);

// Loading the 19 MB font collection takes up to ~2 s on a busy machine.
describe('raster fallback for characters the printer font lacks', { timeout: 20_000 }, () => {
  it('a rare name character (䶮, GB18030 FE9F) prints as an image of the whole line on a GBK printer', () => {
    const { bytes, warnings, rasterLines } = renderTicket(jobNamed('刘䶮'), { profile: epson, template: nameLine });
    expect(warnings).toEqual([]);
    expect(rasterLines).toBe(1);
    const doc = decodeEscPos(bytes);
    expect(textLines(doc.elements)).toEqual([]);
    const image = doc.elements.find((e) => e.kind === 'image');
    // Two CJK cells of 24 dots, one line pitch (24 + 6) tall, centred like the text would be.
    expect(image).toMatchObject({ kind: 'image', align: 'center', bitmap: { width: 48, height: 30 } });
    if (image?.kind !== 'image') throw new Error('no image');
    const leftCellInk = image.bitmap.dots.filter((d, i) => d && i % 48 < 24).length;
    const rightCellInk = image.bitmap.dots.filter((d, i) => d && i % 48 >= 24).length;
    expect(leftCellInk).toBeGreaterThan(40);
    expect(rightCellInk).toBeGreaterThan(40);
  });

  it('the same character prints as text on a printer with a full GB18030 font', () => {
    const { bytes, rasterLines } = renderTicket(jobNamed('刘䶮'), { profile: fullGb18030, template: nameLine });
    expect(rasterLines).toBe(0);
    expect(textLines(decodeEscPos(bytes).elements)).toEqual(['刘䶮']);
  });

  it('a four-byte character (㐀, U+3400) is raster on GBK printers and text with four-byte support', () => {
    expect(renderTicket(jobNamed('㐀'), { profile: epson, template: nameLine }).rasterLines).toBe(1);
    const full = renderTicket(jobNamed('㐀'), { profile: fullGb18030, template: nameLine });
    expect(full.rasterLines).toBe(0);
    expect(Buffer.from(full.bytes).includes(Buffer.from([0x81, 0x39, 0xee, 0x39]))).toBe(true);
  });

  it('on a GB2312-only printer the en dash of the wait range goes raster; other lines stay text', () => {
    const job = { ...walkInFirstOfDay, waitMinutes: { min: 10, max: 20 } };
    const { bytes, rasterLines } = renderTicket(job, { profile: gb2312Only });
    expect(rasterLines).toBe(1);
    const lines = textLines(decodeEscPos(bytes).elements);
    expect(lines).not.toContain('预计等待：约 10–20 分钟');
    expect(lines).toContain('前面还有 0 人等候');
  });

  it('bold and double size apply to the raster line too', () => {
    const template = parseTicketTemplate({ version: 1, blocks: [{ type: 'text', text: '{hallName}', bold: true, size: { width: 2, height: 2 } }] });
    const plain = renderTicket(jobNamed('䶮'), { profile: epson, template: nameLine });
    const big = renderTicket(jobNamed('䶮'), { profile: epson, template });
    const image = (b: Uint8Array) => decodeEscPos(b).elements.find((e) => e.kind === 'image');
    const p = image(plain.bytes);
    const g = image(big.bytes);
    if (p?.kind !== 'image' || g?.kind !== 'image') throw new Error('no image');
    expect(g.bitmap.width).toBe(48);
    expect(g.bitmap.height).toBe(48);
    expect(ink(g.bitmap.dots)).toBeGreaterThan(4 * ink(p.bitmap.dots));
  });
});

describe('characters nobody can print are visible and reported, never dropped', { timeout: 20_000 }, () => {
  it('a character missing from the outline font too (U+2A6D6) prints as a box and is reported', () => {
    const { bytes, warnings, rasterLines } = renderTicket(jobNamed('王𪛖'), { profile: epson, template: nameLine });
    expect(rasterLines).toBe(1);
    expect(warnings).toEqual([{ code: 'glyph_placeholder', message: 'U+2A6D6 printed as □: neither the printer nor the outline font has it' }]);
    const image = decodeEscPos(bytes).elements.find((e) => e.kind === 'image');
    if (image?.kind !== 'image') throw new Error('no image');
    // The box: the right-hand cell has ink on its outline.
    expect(image.bitmap.dots.filter((d, i) => d && i % 48 >= 24).length).toBeGreaterThan(40);
  });

  it('without any outline font the line stays text with □ for the missing character, and both facts are reported', () => {
    const { bytes, warnings, rasterLines } = renderTicket(jobNamed('刘䶮'), {
      profile: epson,
      template: nameLine,
      loadFont: () => ({ ok: false, reason: '/nonexistent.ttc: ENOENT' }),
    });
    expect(rasterLines).toBe(0);
    expect(textLines(decodeEscPos(bytes).elements)).toEqual(['刘□']);
    expect(warnings.map((w) => w.code)).toEqual(['font_unavailable', 'glyph_placeholder']);
    expect(warnings[1]!.message).toContain('U+4DAE');
  });
});
