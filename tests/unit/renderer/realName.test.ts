// 实名取号 on the kiosk: the ID number checks of the manual fallback, the grouping shown for
// checking, and how card messages change (and clear) what the kiosk holds.
import { describe, expect, test } from 'vitest';
import { checkDigit, groupIdNumber, idNumberProblem, maskIdNumber, typeIdKey } from '../../../renderer/shared/identity/idNumber';
import { normalizeTyped } from '../../../renderer/kiosk/screens/ManualIdScreen';
import {
  NO_IDENTITY,
  afterIssue,
  applyCardSignal,
  cardErrorKey,
  identityRequest,
  realNameErrors,
  screenAfterCard,
  type RealNameState,
} from '../../../renderer/kiosk/realName';
import type { CardReadDTO } from '../../../hall/api/dto';

// Well-known published test numbers (GB 11643 examples), not real people.
const VALID = '11010519491231002X';
const VALID_DIGIT = '440524188001010014';

describe('GB 11643 check digit (MOD 11-2)', () => {
  test('computes the check character from the first 17 digits', () => {
    expect(checkDigit('11010519491231002')).toBe('X');
    expect(checkDigit('44052418800101001')).toBe('4');
    expect(checkDigit('1101051949123100')).toBeNull();
    expect(checkDigit('1101051949123100A')).toBeNull();
  });

  test('every possible remainder maps to "10X98765432"', () => {
    // Vary the last body digit: weight 2, so the sum walks through remainders.
    const seen = new Set<string>();
    for (let a = 0; a <= 9; a++) for (let b = 0; b <= 9; b++) seen.add(checkDigit(`110105194912310${a}${b}`)!);
    expect([...seen].sort()).toEqual([...'0123456789X'].sort());
  });

  test('a well-formed number passes; mistakes are named', () => {
    expect(idNumberProblem(VALID)).toBeNull();
    expect(idNumberProblem(VALID.toLowerCase())).toBeNull();
    expect(idNumberProblem(VALID_DIGIT)).toBeNull();
    expect(idNumberProblem('')).toBe('empty');
    expect(idNumberProblem('1101051949')).toBe('short');
    expect(idNumberProblem('110105194912310021')).toBe('checkDigit');
    expect(idNumberProblem('11010519491231X02X')).toBe('format');
  });
});

describe('typing on the keypad', () => {
  test('digits up to 18, X only as the last character', () => {
    expect(typeIdKey('', 'X')).toBe('');
    expect(typeIdKey('1101051949123100', 'X')).toBe('1101051949123100');
    expect(typeIdKey('11010519491231002', 'x')).toBe(VALID);
    expect(typeIdKey(VALID, '1')).toBe(VALID);
    expect(typeIdKey('11', 'a')).toBe('11');
  });

  test('pasted or physically typed text is reduced to what a number can hold', () => {
    expect(normalizeTyped('110105 19491231 002x')).toBe(VALID);
    expect(normalizeTyped('11010519491231002X99')).toBe(VALID);
  });

  test('grouped 6-8-4 for checking against the card', () => {
    expect(groupIdNumber(VALID)).toBe('110105 19491231 002X');
    expect(groupIdNumber('1101051')).toBe('110105 1');
    expect(groupIdNumber('')).toBe('');
  });

  test('masked like the hall masks it', () => {
    expect(maskIdNumber(VALID)).toBe('110105********002X');
    expect(maskIdNumber('123')).toBe('***');
  });
});

const card: CardReadDTO = { maskedName: '张*兰', maskedIdNumber: '150602********1234', cardType: 'resident', age: 72, greenChannel: true };

describe('card messages on the kiosk', () => {
  test('a card read replaces a typed number and marks the card as held', () => {
    const typed: RealNameState = { identity: { kind: 'manual', idNumber: VALID }, cardError: 'kiosk.card.readFailed', cardHeld: false };
    const next = applyCardSignal(typed, { type: 'card_read', card });
    expect(next).toEqual({ identity: { kind: 'card', card }, cardError: null, cardHeld: true });
    expect(JSON.stringify(next)).not.toContain(VALID);
  });

  test('a read failure is explained in plain words and keeps walk-in tickets possible', () => {
    const next = applyCardSignal(NO_IDENTITY, { type: 'card_error', code: 'read_failed', message: 'CRC mismatch' });
    expect(next.identity).toEqual({ kind: 'none' });
    expect(next.cardError).toBe('kiosk.card.readFailed');
    expect(cardErrorKey('something_new')).toBe('kiosk.card.readFailed');
    expect(identityRequest(next.identity)).toBeUndefined();
  });

  test('device lists change nothing about the visitor', () => {
    const state: RealNameState = { identity: { kind: 'card', card }, cardError: null, cardHeld: true };
    expect(applyCardSignal(state, { type: 'devices', devices: [] })).toBe(state);
  });

  test('the request carries only the source for a card, the number for a typed one', () => {
    expect(identityRequest({ kind: 'card', card })).toEqual({ source: 'card' });
    expect(identityRequest({ kind: 'manual', idNumber: VALID })).toEqual({ source: 'manual', idNumber: VALID });
  });

  test('after issuing, nothing personal stays but the hall is still told to forget the card at home', () => {
    const typed = afterIssue({ identity: { kind: 'manual', idNumber: VALID }, cardError: null, cardHeld: false });
    expect(JSON.stringify(typed)).not.toContain(VALID);
    expect(typed.identity.kind).toBe('none');
    expect(afterIssue({ identity: { kind: 'card', card }, cardError: null, cardHeld: true })).toEqual({ ...NO_IDENTITY, cardHeld: true });
  });

  test('a card read leads on to the departments except where the visitor is already choosing', () => {
    expect(screenAfterCard('start')).toBe('departments');
    expect(screenAfterCard('ticket')).toBe('departments');
    expect(screenAfterCard('manual-id')).toBe('departments');
    expect(screenAfterCard('matters')).toBe('stay');
    expect(screenAfterCard('green-category')).toBe('stay');
  });

  test('real-name refusals have their own plain-words messages', () => {
    expect(realNameErrors).toMatchObject({ identity_limit: 'kiosk.error.limit', invalid_id_number: 'kiosk.error.invalidId', no_card: 'kiosk.error.noCard' });
  });
});
