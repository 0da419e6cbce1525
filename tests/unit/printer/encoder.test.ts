// Golden bytes: every ESC/POS command the driver emits, byte for byte
// (devices.md "ESC/POS ticket printers" table; python-escpos test_function_* style).
import { describe, expect, it } from 'vitest';
import { DeviceError } from '../../../drivers/contract.js';
import { cmd, EscPosEncoder, QR_MAX_BYTES } from '../../../drivers/printer/encoder.js';
import { createBitmap, setDot } from '../../../drivers/printer/raster.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').replace(/(..)(?!$)/g, '$1 ');

describe('ESC/POS commands: golden bytes', () => {
  it.each([
    ['initialise', cmd.initialize(), '1b 40'],
    ['Chinese mode on (FS &)', cmd.chineseModeOn(), '1c 26'],
    ['Chinese mode off (FS .)', cmd.chineseModeOff(), '1c 2e'],
    ['Chinese print mode double width+height (FS ! 0x0c)', cmd.chinesePrintMode(0x0c), '1c 21 0c'],
    ['Chinese quadruple on (FS W 1)', cmd.chineseQuadruple(true), '1c 57 01'],
    ['Chinese quadruple off (FS W 0)', cmd.chineseQuadruple(false), '1c 57 00'],
    ['size 1x1 (GS ! 0x00)', cmd.characterSize(1, 1), '1d 21 00'],
    ['size width 2 height 1 (GS ! 0x10)', cmd.characterSize(2, 1), '1d 21 10'],
    ['size width 1 height 2 (GS ! 0x01)', cmd.characterSize(1, 2), '1d 21 01'],
    ['size 4x4 (GS ! 0x33)', cmd.characterSize(4, 4), '1d 21 33'],
    ['size 8x8 (GS ! 0x77)', cmd.characterSize(8, 8), '1d 21 77'],
    ['bold on', cmd.bold(true), '1b 45 01'],
    ['bold off', cmd.bold(false), '1b 45 00'],
    ['align left', cmd.align('left'), '1b 61 00'],
    ['align centre', cmd.align('center'), '1b 61 01'],
    ['align right', cmd.align('right'), '1b 61 02'],
    ['line feed', cmd.lineFeed(), '0a'],
    ['feed 3 lines (ESC d 3)', cmd.feedLines(3), '1b 64 03'],
    ['line spacing 30 dots (ESC 3)', cmd.lineSpacing(30), '1b 33 1e'],
    ['default line spacing (ESC 2)', cmd.lineSpacing(null), '1b 32'],
    ['full cut (GS V 0)', cmd.cut('full'), '1d 56 00'],
    ['partial cut (GS V 1)', cmd.cut('partial'), '1d 56 01'],
    ['feed and full cut (GS V 41 n)', cmd.cut('full', 5), '1d 56 41 05'],
    ['feed and partial cut (GS V 42 n)', cmd.cut('partial', 3), '1d 56 42 03'],
    ['QR model 2', cmd.qrModel2(), '1d 28 6b 04 00 31 41 32 00'],
    ['QR module size 6', cmd.qrModuleSize(6), '1d 28 6b 03 00 31 43 06'],
    ['QR error level L', cmd.qrErrorLevel('L'), '1d 28 6b 03 00 31 45 30'],
    ['QR error level M', cmd.qrErrorLevel('M'), '1d 28 6b 03 00 31 45 31'],
    ['QR error level Q', cmd.qrErrorLevel('Q'), '1d 28 6b 03 00 31 45 32'],
    ['QR error level H', cmd.qrErrorLevel('H'), '1d 28 6b 03 00 31 45 33'],
    ['QR store "AB" (pL = len + 3)', cmd.qrStore(Uint8Array.of(0x41, 0x42)), '1d 28 6b 05 00 31 50 30 41 42'],
    ['QR print', cmd.qrPrint(), '1d 28 6b 03 00 31 51 30'],
    ['raster band 1 byte x 2 rows', cmd.rasterBand(1, 2, Uint8Array.of(0x80, 0x01)), '1d 76 30 00 01 00 02 00 80 01'],
    ['real-time status 1', cmd.realtimeStatus(1), '10 04 01'],
    ['real-time status 4', cmd.realtimeStatus(4), '10 04 04'],
    ['recover clearing buffers (DLE ENQ 2)', cmd.recoverClearingBuffers(), '10 05 02'],
    ['automatic status back all (GS a FF)', cmd.automaticStatusBack(0xff), '1d 61 ff'],
    ['automatic status back off', cmd.automaticStatusBack(0), '1d 61 00'],
    ['transmit paper status (GS r 1)', cmd.transmitPaperStatus(), '1d 72 01'],
  ])('%s', (_name, bytes, expected) => {
    expect(hex(bytes)).toBe(expected);
  });

  it('QR store of 300 bytes splits the length into pL pH (303 = 0x012f)', () => {
    const bytes = cmd.qrStore(new Uint8Array(300).fill(0x61));
    expect(hex(bytes.subarray(0, 8))).toBe('1d 28 6b 2f 01 31 50 30');
    expect(bytes.length).toBe(308);
  });

  it.each([
    ['size 0', () => cmd.characterSize(0, 1)],
    ['size 9', () => cmd.characterSize(1, 9)],
    ['fractional size', () => cmd.characterSize(1.5, 1)],
    ['QR module 17', () => cmd.qrModuleSize(17)],
    ['feed 256', () => cmd.feedLines(256)],
    ['empty QR', () => cmd.qrStore(new Uint8Array(0))],
    ['raster data of the wrong length', () => cmd.rasterBand(2, 2, new Uint8Array(3))],
  ])('refuses out-of-range arguments with invalid_argument: %s', (_name, fn) => {
    expect(fn).toThrowError(DeviceError);
    try {
      fn();
    } catch (err) {
      expect((err as DeviceError).code).toBe('invalid_argument');
    }
  });
});

describe('EscPosEncoder', () => {
  it('switches Chinese mode on before GB18030 text unless it is known to be on', () => {
    const bytes = new EscPosEncoder().initialize().line('取号').encode();
    expect(hex(bytes)).toBe('1b 40 1c 26 c8 a1 ba c5 0a');
    const again = new EscPosEncoder().setChineseMode(true).text('号').text('码').encode();
    expect(hex(again)).toBe('1c 26 ba c5 c2 eb');
  });

  it('sends ASCII without touching Chinese mode', () => {
    expect(hex(new EscPosEncoder().line('A012').encode())).toBe('41 30 31 32 0a');
  });

  it('encodes a four-byte GB18030 character as its four bytes', () => {
    expect(hex(new EscPosEncoder().setChineseMode(true).text('𠀀').encode())).toBe('1c 26 95 32 82 36');
  });

  it('strips control bytes from text so data cannot smuggle printer commands', () => {
    const bytes = new EscPosEncoder().text('A\x1bB\x1d\x56\x00C').encode();
    expect(hex(bytes)).toBe('41 20 42 20 56 20 43');
  });

  it('chains a QR code as model, size, level, store, print', () => {
    const bytes = new EscPosEncoder().qrCode('AB', { moduleSize: 4, errorLevel: 'Q' }).encode();
    expect(hex(bytes)).toBe(
      '1d 28 6b 04 00 31 41 32 00 1d 28 6b 03 00 31 43 04 1d 28 6b 03 00 31 45 32 1d 28 6b 05 00 31 50 30 41 42 1d 28 6b 03 00 31 51 30',
    );
  });

  it('refuses QR content longer than a QR code holds with qr_too_long', () => {
    expect(() => new EscPosEncoder().qrCode('x'.repeat(QR_MAX_BYTES + 1), { moduleSize: 4, errorLevel: 'L' })).toThrowError(
      expect.objectContaining({ code: 'qr_too_long' }),
    );
  });

  it('sends a tall image in bands of the given height', () => {
    const image = createBitmap(10, 5);
    setDot(image, 0, 0);
    setDot(image, 9, 4);
    const bytes = new EscPosEncoder().image(image, 2).encode();
    // 10 dots wide → 2 bytes per row; bands of 2, 2 and 1 rows.
    expect(hex(bytes)).toBe(
      '1d 76 30 00 02 00 02 00 80 00 00 00 ' + '1d 76 30 00 02 00 02 00 00 00 00 00 ' + '1d 76 30 00 02 00 01 00 00 40',
    );
  });
});
