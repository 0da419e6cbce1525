// Decoding printed bytes back into a document, including bytes other drivers send.
import { describe, expect, it } from 'vitest';
import { decodeEscPos, splitAtCuts, textLines } from '../../../drivers/printer/decoder.js';
import { cmd, EscPosEncoder } from '../../../drivers/printer/encoder.js';
import { createBitmap, setDot } from '../../../drivers/printer/raster.js';

const bytesOf = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

describe('decodeEscPos', () => {
  it('keeps size, bold and alignment per run of a line', () => {
    const bytes = new EscPosEncoder().initialize().align('center').text('号码').bold(true).size(2, 3).text('A1').line().encode();
    const [line] = decodeEscPos(bytes).elements;
    expect(line).toEqual({
      kind: 'text',
      align: 'center',
      text: '号码A1',
      lineSpacingDots: null,
      runs: [
        { text: '号码', width: 1, height: 1, bold: false },
        { text: 'A1', width: 2, height: 3, bold: true },
      ],
    });
  });

  it('applies FS ! doubling to Chinese text and reads ESC ! print modes', () => {
    const doc = decodeEscPos(bytesOf(cmd.chineseModeOn(), cmd.chinesePrintMode(0x0c), [0xd6, 0xd0, 0x0a], cmd.chinesePrintMode(0), [0x1b, 0x21, 0x38, 0x41, 0x0a]));
    expect(doc.elements.map((e) => (e.kind === 'text' ? e.runs[0] : null))).toEqual([
      { text: '中', width: 2, height: 2, bold: false },
      { text: 'A', width: 2, height: 2, bold: true },
    ]);
  });

  it('decodes bytes ≥ 0x80 as a code page when Chinese mode is off', () => {
    const doc = decodeEscPos(bytesOf(cmd.chineseModeOff(), [0x9c, 0x0a]));
    expect(textLines(doc.elements)).toEqual(['£']);
  });

  it('joins raster bands into one image and reads double-size raster modes', () => {
    const image = createBitmap(16, 5);
    setDot(image, 15, 4);
    const bytes = new EscPosEncoder().image(image, 2).raw(cmd.rasterBand(1, 1, Uint8Array.of(0xff), 3)).encode();
    const doc = decodeEscPos(bytes);
    expect(doc.elements).toHaveLength(2);
    expect(doc.elements[0]).toMatchObject({ kind: 'image', scaleX: 1, scaleY: 1, bitmap: { width: 16, height: 5 } });
    expect(doc.elements[1]).toMatchObject({ kind: 'image', scaleX: 2, scaleY: 2, bitmap: { width: 8, height: 1 } });
    if (doc.elements[0]?.kind === 'image') expect(doc.elements[0].bitmap.dots[4 * 16 + 15]).toBe(1);
  });

  it('reads QR content sent as UTF-8, and as GB18030 by other systems', () => {
    const utf8 = new EscPosEncoder().qrCode('https://例子.cn/t/1', { moduleSize: 5, errorLevel: 'H' }).encode();
    expect(decodeEscPos(utf8).elements).toMatchObject([{ kind: 'qr', content: 'https://例子.cn/t/1', moduleSize: 5, errorLevel: 'H' }]);
    const gb = new EscPosEncoder().qrCode(Uint8Array.of(0xd6, 0xd0), { moduleSize: 3, errorLevel: 'L' }).encode();
    expect(decodeEscPos(gb).elements).toMatchObject([{ kind: 'qr', content: '中' }]);
  });

  it('splits jobs at every cut variant', () => {
    const bytes = bytesOf([0x41, 0x0a], cmd.cut('full'), [0x42, 0x0a], cmd.cut('partial', 3), [0x1b, 0x69], [0x43, 0x0a]);
    const jobs = splitAtCuts(decodeEscPos(bytes));
    expect(jobs.map((j) => textLines(j))).toEqual([['A'], ['B'], [], ['C']]);
    expect(jobs.slice(0, 3).map((j) => j[j.length - 1])).toEqual([
      { kind: 'cut', mode: 'full' },
      { kind: 'cut', mode: 'partial' },
      { kind: 'cut', mode: 'full' },
    ]);
  });

  it('tolerates a foreign driver\'s job: skips known commands, reports unknown ones, goes on', () => {
    const bytes = bytesOf(
      [0x1b, 0x74, 0x11], // ESC t: code page
      [0x1b, 0x4d, 0x01], // ESC M: font B
      [0x1d, 0x6b, 0x04, 0x31, 0x32, 0x00], // GS k: CODE39 barcode, NUL-terminated
      [0x1b, 0x2a, 0x21, 0x02, 0x00, 1, 2, 3, 4, 5, 6], // ESC *: 24-dot bit image, 2 columns
      [0x1b, 0x7c], // ESC |: unknown to us
      [0x07], // BEL
      [0x4f, 0x4b, 0x0a],
      cmd.realtimeStatus(1),
      cmd.qrPrint(), // print without data
    );
    const doc = decodeEscPos(bytes);
    expect(textLines(doc.elements)).toEqual(['OK']);
    expect(doc.issues.map((i) => i.code)).toEqual(['unknown_command', 'unknown_control', 'qr_without_data']);
    expect(doc.issues[0]).toMatchObject({ offset: 23, detail: 'unknown command 1b 7c' });
  });

  it('reports a truncated command instead of reading past the end', () => {
    const doc = decodeEscPos(bytesOf([0x41, 0x0a], [0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x10, 0x00, 0xff]));
    expect(textLines(doc.elements)).toEqual(['A']);
    expect(doc.issues).toMatchObject([{ code: 'truncated', offset: 2 }]);
  });

  it('reports a raster header claiming gigabytes as oversized', () => {
    const doc = decodeEscPos(bytesOf([0x1d, 0x76, 0x30, 0x00, 0xff, 0xff, 0xff, 0xff], [0x41, 0x0a]));
    expect(doc.issues[0]).toMatchObject({ code: 'oversized' });
  });
});
