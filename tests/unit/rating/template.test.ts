import { describe, expect, it } from 'vitest';
import { compileTemplate, renderTemplate, type CommandTemplate } from '../../../drivers/rating/template.js';
import { hexFixture, toHexString } from './helpers/fixtures.js';

const values = { counterNumber: 3, staffName: '张三', ticketNumber: 'A012' };

function compiled(source: string): CommandTemplate {
  const t = compileTemplate(source, 'gb18030');
  if (typeof t === 'string') throw new Error(t);
  return t;
}

describe('command templates', () => {
  it('renders the reference start command: counter as u16 BE, GB18030 name, 1F, ticket', () => {
    const t = compiled('31 {counter:u16be} {staff:text:8} 1F {ticket:text:8}');
    const [goldenFrame] = hexFixture('rating/reference-serial-start-counter3-zhangsan-A012.hex');
    // payload = frame without 02 LEN … XOR 03
    expect(toHexString(renderTemplate(t, values, 'gb18030'))).toBe(toHexString(goldenFrame!.subarray(2, -2)));
    expect(toHexString(t.fixedPrefix)).toBe('31');
  });

  it('renders quoted literals and zero-padded decimal for an ASCII-line pad', () => {
    const t = compileTemplate('"START," {counter:dec3} "," {ticket} 0D 0A', 'ascii');
    expect(typeof t).not.toBe('string');
    const bytes = renderTemplate(t as CommandTemplate, values, 'ascii');
    expect(new TextDecoder().decode(bytes)).toBe('START,003,A012\r\n');
  });

  it('strips control characters so a staff name cannot inject a separator or delimiter', () => {
    const t = compiled('{staff} 1F');
    expect(toHexString(renderTemplate(t, { ...values, staffName: '张\u001f三\r\n' }, 'gb18030'))).toBe('D5 C5 C8 FD 1F');
  });

  it('truncates text to maxChars whole characters, never half a GB18030 character', () => {
    const t = compiled('{staff:text:1}');
    expect(toHexString(renderTemplate(t, values, 'gb18030'))).toBe('D5 C5');
  });

  it('replaces non-ASCII with "?" on an ASCII-only pad', () => {
    const t = compileTemplate('{staff}', 'ascii') as CommandTemplate;
    expect(new TextDecoder().decode(renderTemplate(t, values, 'ascii'))).toBe('??');
  });

  it('rejects a counter number that does not fit its format', () => {
    expect(() => renderTemplate(compiled('{counter:u8}'), { ...values, counterNumber: 300 }, 'gb18030')).toThrow(
      expect.objectContaining({ code: 'invalid_request' }),
    );
    expect(() => renderTemplate(compiled('{counter:dec2}'), { ...values, counterNumber: 123 }, 'gb18030')).toThrow(
      expect.objectContaining({ code: 'invalid_request' }),
    );
  });

  it.each([
    ['', 'template is empty'],
    ['31 {room}', 'unknown placeholder {room}'],
    ['{staff:u8}', '{staff} cannot use format "u8"'],
    ['{counter:u8:3}', 'cannot take a maximum length'],
    ['31 XY', '"XY" is neither hex bytes'],
    ['"open', 'unterminated quoted text'],
  ])('explains what is wrong with %j', (source, message) => {
    expect(compileTemplate(source, 'gb18030')).toContain(message);
  });
});
