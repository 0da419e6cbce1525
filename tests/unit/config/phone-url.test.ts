// Where a ticket's QR code points (docs/phone.md "The phone pages and the ticket's QR code"), from
// configuration files a user writes: central's /m/ page at phone.publicUrl, else at sync.centralUrl;
// the LAN /ticket/ page without a central or with phone.enabled false. A bad publicUrl is refused
// with its path. Mutation checked: phoneBaseUrl ignoring phone.enabled fails the "enabled false" case.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadHallConfig } from '../../../hall/config/load';
import { ticketProgressUrl } from '../../../hall/api/phone-url';
import { demoConfigWith } from '../../helpers/hall-harness';

const hallWith = (patch: (c: Record<string, unknown>) => void) => loadHallConfig(demoConfigWith(patch));

describe('the ticket QR address', () => {
  it('opens central’s phone page at phone.publicUrl, with the hall, the ticket and its key', () => {
    const cfg = hallWith((c) => {
      c.sync = { centralUrl: 'http://10.0.0.5:8480', hallId: 'dongsheng' };
      c.phone = { publicUrl: 'https://zwfw.example.gov.cn/' };
    });
    expect(ticketProgressUrl(cfg, 'T 1', 'abc_-9')).toBe('https://zwfw.example.gov.cn/m/?hall=dongsheng&id=T%201&key=abc_-9');
  });

  it('defaults to sync.centralUrl and the hall id', () => {
    const cfg = hallWith((c) => void (c.sync = { centralUrl: 'https://central.example.gov.cn/hall-sync' }));
    expect(ticketProgressUrl(cfg, 't1', 'k')).toBe(`https://central.example.gov.cn/hall-sync/m/?hall=${cfg.hall.id}&id=t1&key=k`);
  });

  it('stays on the LAN page without a central, or with phone.enabled false', () => {
    expect(ticketProgressUrl(hallWith(() => {}), 't1', 'k')).toBe('/ticket/?id=t1&key=k');
    const off = hallWith((c) => {
      c.sync = { centralUrl: 'https://central.example.gov.cn' };
      c.phone = { enabled: false };
    });
    expect(ticketProgressUrl(off, 't1', 'k')).toBe('/ticket/?id=t1&key=k');
  });

  it('refuses a publicUrl that is not an http(s) address, naming it', () => {
    expect(() => hallWith((c) => void (c.phone = { publicUrl: 'zwfw.example.gov.cn' }))).toThrow(ConfigError);
    expect(() => hallWith((c) => void (c.phone = { publicUrl: 'zwfw.example.gov.cn' }))).toThrow(/phone\.publicUrl/);
  });
});
