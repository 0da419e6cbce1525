import { describe, expect, it } from 'vitest';
import { checkAnswer, encodeCommand, formatSamId, SamCommands, SamStatusError } from '../../../drivers/idcard/commands.js';
import { decodeResponseBody, encodeResponse } from '../../../drivers/idcard/frame.js';
import { SAM_STATUSES, samStatus } from '../../../drivers/idcard/status.js';
import { hex, toHex } from './hex.js';

const answer = (sw3: number, data?: Uint8Array) => decodeResponseBody(encodeResponse({ sw3 }, data).subarray(7, -1));

describe('SAM command requests (golden bytes)', () => {
  it.each([
    ['reset SAM', SamCommands.resetSam, 'AA AA AA 96 69 00 03 10 FF EC'],
    ['SAM status', SamCommands.samStatus, 'AA AA AA 96 69 00 03 11 FF ED'],
    ['read SAM id', SamCommands.readSamId, 'AA AA AA 96 69 00 03 12 FF EE'],
    ['find card', SamCommands.findCard, 'AA AA AA 96 69 00 03 20 01 22'],
    ['select card', SamCommands.selectCard, 'AA AA AA 96 69 00 03 20 02 21'],
    ['read text + photo', SamCommands.readTextPhoto, 'AA AA AA 96 69 00 03 30 01 32'],
    ['read text + photo + fingerprint', SamCommands.readTextPhotoFingerprint, 'AA AA AA 96 69 00 03 30 10 23'],
    ['read appended address', SamCommands.readAppendedAddress, 'AA AA AA 96 69 00 03 30 03 30'],
  ])('%s', (_name, command, bytes) => {
    expect(toHex(encodeCommand(command))).toBe(bytes);
  });
});

describe('checking answers', () => {
  it('accepts the success status of the command sent', () => {
    expect(checkAnswer(SamCommands.findCard, answer(0x9f, new Uint8Array(4))).sw3).toBe(0x9f);
    expect(checkAnswer(SamCommands.readAppendedAddress, answer(0x91)).sw3).toBe(0x91);
  });

  it('turns a failure status into a SamStatusError with the stable code and category', () => {
    const err = (() => {
      try {
        checkAnswer(SamCommands.findCard, answer(0x80));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(SamStatusError);
    expect(err).toMatchObject({ code: 'find_card_failed', status: { category: 'no_card' } });
    expect(() => checkAnswer(SamCommands.samStatus, answer(0x60))).toThrow(expect.objectContaining({ code: 'sam_self_test_failed' }));
  });

  it("rejects another command's success (a late answer after a timeout)", () => {
    expect(() => checkAnswer(SamCommands.readTextPhoto, answer(0x9f, new Uint8Array(4)))).toThrow(expect.objectContaining({ code: 'unexpected_response' }));
    // A select answer (90, 8 bytes) cannot be a read answer, which needs its length header.
    expect(() => checkAnswer(SamCommands.readSamId, answer(0x90, new Uint8Array(8)))).toThrow(expect.objectContaining({ code: 'unexpected_response' }));
  });

  it('formats the SAM id from its 16 bytes', () => {
    const id = hex('05 00 01 00 35 22 35 01 39 30 00 00 32 09 01 00');
    expect(formatSamId(id)).toEqual({ text: '05.01-20259381-000012345-000067890', hex: '05000100352235013930000032090100' });
  });
});

describe('SW3 status table', () => {
  it('has English meanings and unique stable codes for every documented status', () => {
    const documented = [0x90, 0x9f, 0x91, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41, 0x47, 0x60, 0x66, 0x80, 0x81];
    expect([...SAM_STATUSES.keys()].sort()).toEqual([...documented].sort());
    const codes = new Set([...SAM_STATUSES.values()].map((s) => s.code));
    expect(codes.size).toBe(documented.length);
    for (const s of SAM_STATUSES.values()) expect(s.meaning).toMatch(/^[ -~]+$/);
  });

  it('classifies SAM self-test and authorisation failures as sam', () => {
    expect([0x23, 0x60, 0x66].map((sw3) => samStatus(sw3).category)).toEqual(['sam', 'sam', 'sam']);
  });

  it('gives unknown statuses a code naming the byte', () => {
    expect(samStatus(0x77)).toMatchObject({ code: 'unknown_status_0x77', category: 'device' });
  });
});
