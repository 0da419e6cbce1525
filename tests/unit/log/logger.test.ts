// The logger (drivers/log): levels, and redaction of ID numbers, tokens, PINs and a card
// holder's record. Mutations checked: redactText returning its input fails the ID-number,
// fragment and Bearer cases; dropping SECRET_KEY fails the field and header cases; dropping
// the person rule fails the card record case; ignoring the level (always debug) fails the
// filtering case; an unchecked SERVICEHALL_LOG_LEVEL fails the bad-level case.
import { afterEach, describe, expect, it } from 'vitest';
import { computeCheckDigit } from '../../../drivers/idcard/index.js';
import { checkLogLevelEnv, configureLogging, LOG_LEVEL_ENV, logger, parseLogLevel, type LogLevel } from '../../../drivers/log/logger.js';
import { redact, redactText } from '../../../drivers/log/redact.js';

const BASE = '15060219900101456';
const ID = `${BASE}${computeCheckDigit(BASE)}`;
const MASKED = `150602********${ID.slice(14)}`;

function capture(level?: LogLevel): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  configureLogging({ ...(level ? { level } : {}), destination: { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) } });
  return lines;
}

afterEach(() => {
  delete process.env[LOG_LEVEL_ENV];
  configureLogging({ level: 'silent' });
});

describe('redaction', () => {
  it('masks an ID number inside a message, keeping its first 6 and last 4 characters', () => {
    const lines = capture('info');
    logger('t').warn(`no appointment for ${ID} today`);
    expect(lines[0]!.msg).toBe(`no appointment for ${MASKED} today`);
    expect(JSON.stringify(lines)).not.toContain(ID);
  });

  it('masks X check digits and foreigner permit numbers, and leaves other long numbers alone', () => {
    expect(redactText('id 11010519491231002X.')).toBe('id 110105********002X.');
    expect(redactText('permit ABC123456789012')).toBe('permit ABC*********012');
    expect(redactText('seq 1764900000000 hash deadbeef150602199001014561cafe')).toBe('seq 1764900000000 hash deadbeef150602199001014561cafe');
  });

  it('drops a token in an object field, a session token and a PIN, at any depth', () => {
    const lines = capture('info');
    logger('t').info('login', { token: 'tok-secret-1', body: { staffNo: '9001', pin: '1234', sessionToken: 'sess-2' } });
    const line = JSON.stringify(lines[0]);
    for (const secret of ['tok-secret-1', '1234', 'sess-2']) expect(line).not.toContain(secret);
    expect(lines[0]).toMatchObject({ token: '[redacted]', body: { staffNo: '9001', pin: '[redacted]', sessionToken: '[redacted]' } });
  });

  it('drops an Authorization header, a staff session header and a Bearer token inside text', () => {
    const lines = capture('info');
    logger('t').info('request', { headers: { Authorization: 'Bearer abc.def', 'x-staff-session': 'sess-9', host: 'hall' } });
    logger('t').error('refused: Bearer abc.def was unknown');
    expect(lines[0]).toMatchObject({ headers: { Authorization: '[redacted]', 'x-staff-session': '[redacted]', host: 'hall' } });
    expect(lines[1]!.msg).toBe('refused: Bearer [redacted] was unknown');
  });

  it('cuts #token= and #enrol= fragments and ?token= queries out of addresses', () => {
    expect(redactText('open http://h:8080/kiosk/?terminal=k1#token=abcdef and /admin/#enrol=Q7K2-9XPA')).toBe(
      'open http://h:8080/kiosk/?terminal=k1#token=[redacted] and /admin/#enrol=[redacted]',
    );
    expect(redactText('GET /live?token=zz&x=1')).toBe('GET /live?token=[redacted]&x=1');
  });

  it("masks a card record's ID number field and drops the holder's name and address beside it", () => {
    expect(redact({ input: { kind: 'card', card: { idNumber: ID, name: '李晓明', address: '包头市', cardType: 'resident' } } })).toEqual({
      input: { kind: 'card', card: { idNumber: MASKED, name: '[redacted]', address: '[redacted]', cardType: 'resident' } },
    });
    // A matter's or terminal's name is not personal.
    expect(redact({ name: '公积金提取' })).toEqual({ name: '公积金提取' });
  });

  it('redacts an error message and stack', () => {
    const lines = capture('info');
    logger('t').error('failed', { err: new Error(`bad ${ID}`) });
    expect(JSON.stringify(lines[0])).not.toContain(ID);
    expect(lines[0]).toMatchObject({ err: { name: 'Error', message: `bad ${MASKED}` } });
  });
});

describe('levels', () => {
  it('writes only lines at or above the level, each with its level and component', () => {
    const lines = capture('warn');
    const log = logger('runtime');
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(lines.map((l) => l.msg)).toEqual(['w', 'e']);
    expect(lines[0]).toMatchObject({ level: 40, component: 'runtime' });
    expect(log.isDebug()).toBe(false);
  });

  it('takes the level from SERVICEHALL_LOG_LEVEL, and refuses a bad one with a clear message', () => {
    process.env[LOG_LEVEL_ENV] = 'debug';
    const lines = capture();
    logger('t').debug('shown');
    expect(lines.map((l) => l.msg)).toEqual(['shown']);
    process.env[LOG_LEVEL_ENV] = 'verbose';
    expect(() => capture()).toThrow(`${LOG_LEVEL_ENV}: log level "verbose" is not one of error, warn, info, debug, silent`);
    expect(() => checkLogLevelEnv()).toThrow(/SERVICEHALL_LOG_LEVEL: log level "verbose"/);
    expect(parseLogLevel(' WARN ', 'x')).toBe('warn');
  });
});
