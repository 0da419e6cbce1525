// The notification texts and the masking of addresses (central/notify/texts.ts, seal.ts).
// Checked against: the mn-Mong catalog falling back to zh (Chinese in a Mongolian text), and
// maskAddress keeping the middle digits.
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../../central/notify/texts.js';
import { maskAddress } from '../../../central/notify/seal.js';
import { notifyKinds, notifyLanguages } from '../../../protocol/central/notifications.js';

const params = { hallName: 'Hall', number: 'A012', ahead: 3, counter: 7, minutes: 15 };

describe('notification texts', () => {
  it('every kind in every language names the ticket, and the counter, people or minutes it is about', () => {
    for (const lang of notifyLanguages) {
      for (const kind of notifyKinds) {
        const { text, fields } = renderMessage(kind, lang, params);
        expect(text, `${kind} ${lang}`).toContain('A012');
        expect(text, `${kind} ${lang}`).toContain({ ahead: '3', called: '7', missed: '15' }[kind]);
        expect(fields.number).toBe('A012');
        if (lang !== 'zh-CN') expect(/[\u4e00-\u9fff]/.test(text), `${kind} ${lang} has Chinese`).toBe(false);
        if (lang === 'mn-Mong') expect(/[\u1820-\u1878]/.test(text), `${kind} mn-Mong`).toBe(true);
      }
    }
  });

  it('a missed call without a rejoin window says to take a new number', () => {
    expect(renderMessage('missed', 'zh-CN', { ...params, minutes: 0 }).text).toBe('【Hall】您的 A012 号已过号，请到大厅重新取号。');
  });

  it('masks the number and the openid', () => {
    expect(maskAddress('sms', '13812341234')).toBe('138****1234');
    expect(maskAddress('wechat', 'oAbCdEfGhIjK123')).toBe('oAb****123');
    expect(maskAddress('wechat', 'short')).toBe('****');
  });
});
