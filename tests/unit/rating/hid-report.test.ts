import { describe, expect, it } from 'vitest';
import { createPadCodec } from '../../../drivers/rating/pad-codec.js';
import { HidKeyReportParser } from '../../../drivers/rating/hid-report.js';
import { shippedRatingProfile } from '../../../drivers/rating/profiles/index.js';
import { hex } from './helpers/memory-transport.js';

describe('vendor HID pad reports (reference HID profile: report 02, key byte after the id)', () => {
  const codec = createPadCodec(shippedRatingProfile('servicehall-reference-hid-v1'));

  it('maps a press report to its level and ignores the release report', () => {
    expect(codec.decode(hex('02 03'), 0)).toEqual([{ kind: 'key', level: 'basic' }]);
    expect(codec.decode(hex('02 00'), 0)).toEqual([]);
    expect(codec.decode(hex('02 05'), 0)).toEqual([{ kind: 'key', level: 'very_dissatisfied' }]);
  });

  it('does not repeat a held key', () => {
    codec.reset();
    expect(codec.decode(hex('02 01'), 0)).toHaveLength(1);
    expect(codec.decode(hex('02 01'), 0)).toEqual([]);
  });

  it('reports a foreign report id, a short report and an unknown usage as typed errors', () => {
    codec.reset();
    expect(codec.decode(hex('03 01'), 0)).toEqual([{ kind: 'error', error: expect.objectContaining({ code: 'bad_report' }) }]);
    expect(codec.decode(hex('02'), 0)).toEqual([{ kind: 'error', error: expect.objectContaining({ code: 'bad_report' }) }]);
    expect(codec.decode(new Uint8Array(0), 0)).toEqual([{ kind: 'error', error: expect.objectContaining({ code: 'bad_report' }) }]);
    expect(codec.decode(hex('02 09'), 0)).toEqual([{ kind: 'error', error: expect.objectContaining({ code: 'unknown_key' }) }]);
  });

  it('encodes commands as 8-byte output reports with report id 03', () => {
    expect(Array.from(codec.encodeStart({ counterNumber: 258, staffName: '张三', ticketNumber: 'A012' })!)).toEqual([3, 1, 1, 2, 0, 0, 0, 0, 0]);
    expect(Array.from(codec.encodeCancel()!)).toEqual([3, 2, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('keyboard-class HID reports (boot layout: modifiers, reserved, six usages)', () => {
  const parser = new HidKeyReportParser({ reportId: null, keysOffset: 2, keysCount: 6, pressDetection: 'on_change' });

  it('finds F2 (usage 0x3B) pressed, then nothing on release', () => {
    expect(parser.parse(hex('00 00 3B 00 00 00 00 00'))).toEqual({ kind: 'keys', pressed: [0x3b] });
    expect(parser.parse(hex('00 00 00 00 00 00 00 00'))).toEqual({ kind: 'keys', pressed: [] });
  });

  it('reports only the newly pressed key when a second key joins a held one', () => {
    parser.reset();
    parser.parse(hex('00 00 3A 00 00 00 00 00'));
    expect(parser.parse(hex('00 00 3A 3C 00 00 00 00'))).toEqual({ kind: 'keys', pressed: [0x3c] });
  });

  it('ignores a phantom (ErrorRollOver) report', () => {
    parser.reset();
    expect(parser.parse(hex('00 00 01 01 01 01 01 01'))).toEqual({ kind: 'keys', pressed: [] });
  });
});

describe('pads that never send a release report', () => {
  it('count every report as a press (pressDetection every_report)', () => {
    const parser = new HidKeyReportParser({ reportId: 1, keysOffset: 0, keysCount: 1, pressDetection: 'every_report' });
    expect(parser.parse(hex('01 02'))).toEqual({ kind: 'keys', pressed: [2] });
    expect(parser.parse(hex('01 02'))).toEqual({ kind: 'keys', pressed: [2] });
  });
});
