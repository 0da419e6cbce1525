// The ticket layout: golden bytes for the default template, the template rules,
// and the round trip encode → decode.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeEscPos, splitAtCuts, textLines } from '../../../drivers/printer/decoder.js';
import { loadPrinterProfile } from '../../../drivers/printer/profile.js';
import { parseTicketPrintJob, parseTicketTemplate } from '../../../drivers/printer/ticket-template.js';
import { renderTicket } from '../../../drivers/printer/ticket.js';
import { greenChannelRealName, walkInFirstOfDay } from './ticket-fixtures.js';

const epson = loadPrinterProfile('generic-epson');
const fixtures = path.resolve(import.meta.dirname, '../../fixtures/printer');

/** Golden files are hex, 32 bytes a line; UPDATE_GOLDEN=1 rewrites them after a reviewed layout change. */
function expectGolden(name: string, bytes: Uint8Array): void {
  const file = path.join(fixtures, name);
  const text = (Buffer.from(bytes).toString('hex').match(/.{1,64}/g) ?? []).join('\n') + '\n';
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, text);
  expect(fs.existsSync(file), `${name} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(text).toBe(fs.readFileSync(file, 'utf8'));
}

describe('default ticket layout', () => {
  it('green-channel real-name ticket on a generic Epson-compatible printer: golden bytes', () => {
    const { bytes, warnings, rasterLines } = renderTicket(greenChannelRealName, { profile: epson });
    expect(warnings).toEqual([]);
    expect(rasterLines).toBe(0);
    expectGolden('default-ticket-green-channel.generic-epson.hex', bytes);
  });

  it('starts with ESC @, Chinese mode on, FS ! 0 and ends with a cut', () => {
    const { bytes } = renderTicket(walkInFirstOfDay, { profile: epson });
    expect(Array.from(bytes.subarray(0, 7))).toEqual([0x1b, 0x40, 0x1c, 0x26, 0x1c, 0x21, 0x00]);
    expect(Array.from(bytes.subarray(-3))).toEqual([0x1d, 0x56, 0x01]);
  });

  it('decodes back to the same lines, with the number very large and the QR content intact', () => {
    const { bytes } = renderTicket(greenChannelRealName, { profile: epson });
    const doc = decodeEscPos(bytes);
    expect(doc.issues).toEqual([]);
    expect(textLines(doc.elements)).toEqual([
      '鄂尔多斯市政务服务中心',
      '-'.repeat(48),
      'A012',
      '【老年人】绿色通道',
      '不动产登记（二手房转移登记）',
      '-'.repeat(48),
      '队列：不动产综合窗口',
      '前面还有 7 人等候',
      '预计等待：约 10–20 分钟',
      '办理区域：二楼 B 区',
      '取号时间：2026-03-02 09:41',
      '实名：150602********1234',
      '扫码查看排队进度与评价',
      '-'.repeat(48),
      '过号请重新取号，或到服务台申请过号重排。',
      '请保管好本票，凭票办理。',
    ]);
    const number = doc.elements.find((e) => e.kind === 'text' && e.text === 'A012');
    expect(number).toMatchObject({ align: 'center', runs: [{ width: 4, height: 4, bold: true }] });
    const qr = doc.elements.find((e) => e.kind === 'qr');
    expect(qr).toMatchObject({ content: greenChannelRealName.qrContent, moduleSize: 6, errorLevel: 'M', align: 'center' });
    expect(splitAtCuts(doc)).toHaveLength(1);
  });

  it('leaves out lines whose optional fields are absent (no identity, green channel, area or wait)', () => {
    const lines = textLines(decodeEscPos(renderTicket(walkInFirstOfDay, { profile: epson }).bytes).elements);
    expect(lines.join('\n')).not.toMatch(/实名|绿色通道|办理区域|预计等待/);
    expect(lines).toContain('前面还有 0 人等候');
  });

  it('wraps long matter names within the paper width (double height keeps 48 columns)', () => {
    const job = { ...walkInFirstOfDay, matterName: '企业开办一件事（设立登记、公章刻制、申领发票、社保登记、公积金缴存登记）' };
    const lines = textLines(decodeEscPos(renderTicket(job, { profile: epson }).bytes).elements);
    const wrapped = lines.filter((l) => l.startsWith('企业开办') || l.includes('公积金'));
    expect(wrapped.length).toBe(2);
    expect(wrapped.join('')).toBe(job.matterName);
  });

  it('uses 32 columns on a 58 mm printer', () => {
    const lines = textLines(decodeEscPos(renderTicket(walkInFirstOfDay, { profile: loadPrinterProfile('generic-58mm-gb2312') }).bytes).elements);
    expect(lines).toContain('-'.repeat(32));
  });
});

describe('template data is validated with clear errors', () => {
  it('rejects an unknown placeholder, naming it', () => {
    expect(() => parseTicketTemplate({ version: 1, blocks: [{ type: 'text', text: '{visitorName}' }] })).toThrowError(/unknown placeholder \{visitorName\}/);
  });

  it('rejects an unknown block type and a bad size with invalid_template', () => {
    expect(() => parseTicketTemplate({ version: 1, blocks: [{ type: 'barcode' }] })).toThrowError(expect.objectContaining({ code: 'invalid_template' }));
    expect(() => parseTicketTemplate({ version: 1, blocks: [{ type: 'text', text: 'x', size: { width: 9, height: 1 } }] })).toThrowError(
      expect.objectContaining({ code: 'invalid_template' }),
    );
  });

  it('a custom template: logo-free, right-aligned number, full cut', () => {
    const template = parseTicketTemplate({
      version: 1,
      blocks: [
        { type: 'text', text: '{number}', align: 'right', size: { width: 2, height: 2 } },
        { type: 'cut', mode: 'full', feedLines: 2 },
      ],
    });
    const { bytes } = renderTicket(walkInFirstOfDay, { profile: epson, template });
    const doc = decodeEscPos(bytes);
    expect(doc.elements).toEqual([
      { kind: 'text', align: 'right', runs: [{ text: 'C001', width: 2, height: 2, bold: false }], text: 'C001', lineSpacingDots: null },
      { kind: 'feed', lines: 2, dots: 0 },
      { kind: 'cut', mode: 'full' },
    ]);
  });

  it('rejects a job with a bad number or an impossible wait range, listing the fields', () => {
    expect(() => parseTicketPrintJob({ ...walkInFirstOfDay, number: 'A 01' })).toThrowError(/number/);
    expect(() => parseTicketPrintJob({ ...walkInFirstOfDay, waitMinutes: { min: 30, max: 10 } })).toThrowError(expect.objectContaining({ code: 'invalid_ticket' }));
    expect(() => parseTicketPrintJob({ ...walkInFirstOfDay, extra: 1 })).toThrowError(expect.objectContaining({ code: 'invalid_ticket' }));
  });

  it.each(['150602199001011234', '1506021990****1234', '150602-1990-0101-1234', '张三'])('refuses an identity that is not masked: %s', (identity) => {
    let error: unknown;
    try {
      parseTicketPrintJob({ ...walkInFirstOfDay, maskedIdentity: identity });
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ code: 'unmasked_identity' });
    // The refusal never repeats the identity into logs.
    expect(String((error as Error).message)).not.toContain(identity);
  });

  it('accepts masked identities', () => {
    for (const id of ['150602********1234', '8100**********123X', '****1234']) {
      expect(parseTicketPrintJob({ ...walkInFirstOfDay, maskedIdentity: id }).maskedIdentity).toBe(id);
    }
  });

  it('cannot inject printer commands through job text', () => {
    const job = { ...walkInFirstOfDay, matterName: '社保\x1dV\x00卡' };
    const doc = decodeEscPos(renderTicket(job, { profile: epson }).bytes);
    expect(doc.elements.filter((e) => e.kind === 'cut')).toHaveLength(1);
  });
});
