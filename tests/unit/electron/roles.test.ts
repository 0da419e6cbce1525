import { describe, expect, it } from 'vitest';
import { pageUrlFor, rolePages, terminalRoles } from '../../../electron/roles.js';
import { windowOptionsFor } from '../../../electron/security.js';
import { masterTerminal, publicTerminal, remoteTerminal } from '../../../electron/terminal.js';
import type { PageAddress } from '../../../electron/hall-contract.js';

const context = { preloadPath: '/app/electron/dist/preload.cjs', packaged: true };

describe('role windows', () => {
  it('kiosk: kiosk mode, fullscreen, no frame or menu, cannot be closed or zoomed by a visitor', () => {
    const plan = windowOptionsFor('kiosk', context);
    expect(plan.options).toMatchObject({ kiosk: true, fullscreen: true, frame: false });
    expect(plan).toMatchObject({ removeMenu: true, preventClose: true, lockZoom: true });
  });

  // Mutation checked: without kiosk: true in roles.ts's display frame this fails.
  it.each(['hall_display', 'counter_display', 'wall'] as const)('%s: locked like a kiosk (kiosk mode, no menu, no close, no zoom)', (role) => {
    const plan = windowOptionsFor(role, context);
    expect(plan.options).toMatchObject({ kiosk: true, fullscreen: true, frame: false });
    expect(plan).toMatchObject({ removeMenu: true, preventClose: true, lockZoom: true });
  });

  it.each(['counter', 'admin'] as const)('%s: an ordinary window staff can move and close', (role) => {
    const plan = windowOptionsFor(role, context);
    expect(plan.options.fullscreen).toBeUndefined();
    expect(plan.options.kiosk).toBeUndefined();
    expect(plan).toMatchObject({ removeMenu: false, preventClose: false });
    expect(plan.options.width).toBeGreaterThanOrEqual(1024);
  });

  it('every role has a page folder the renderer build produces', () => {
    expect(terminalRoles.map((r) => rolePages[r])).toEqual(['kiosk/', 'counter/', 'display/', 'counter-display/', 'admin/', 'wall/']);
  });
});

describe('remote terminal', () => {
  it('opens its role page with the token in the fragment, and never shows the token to the page', () => {
    const terminal = remoteTerminal({
      startHall: false,
      role: 'counter_display',
      terminalId: 'cd-3',
      counterId: 'c3',
      hallOrigin: 'http://192.168.10.5:8080',
      token: 'tok/with+odd=chars',
    });
    expect(terminal.pageUrl).toBe('http://192.168.10.5:8080/counter-display/?counter=c3&terminal=cd-3#token=tok%2Fwith%2Bodd%3Dchars');
    expect(publicTerminal(terminal)).toEqual({ role: 'counter_display', terminalId: 'cd-3', counterId: 'c3', hallOrigin: 'http://192.168.10.5:8080' });
    expect(JSON.stringify(publicTerminal(terminal))).not.toContain('tok');
  });

  it('builds page URLs in the format hall/service.ts prints', () => {
    expect(pageUrlFor('http://h:1', { role: 'hall_display', terminalId: 'display-1', token: 'x' })).toBe('http://h:1/display/?terminal=display-1#token=x');
    expect(pageUrlFor('http://h:1', { role: 'counter', terminalId: 'counter-3', counterId: 'c3', token: 'x' })).toBe(
      'http://h:1/counter/?counter=c3&terminal=counter-3#token=x',
    );
  });
});

describe('master terminal picks its page from the hall it started', () => {
  const pages: PageAddress[] = [
    { terminalId: 'kiosk-1', role: 'kiosk', url: 'http://127.0.0.1:8080/kiosk/#token=k1k1k1k1k1k1k1k1' },
    { terminalId: 'kiosk-2', role: 'kiosk', url: 'http://127.0.0.1:8080/kiosk/#token=k2k2k2k2k2k2k2k2' },
    { terminalId: 'counter-3', role: 'counter', counterId: 'c3', url: 'http://127.0.0.1:8080/counter/#token=c3c3c3c3c3c3c3c3' },
  ];
  const hall = { url: 'http://127.0.0.1:8080/', pages };

  it('takes the first page of its role when no terminal id is given', () => {
    const terminal = masterTerminal({ startHall: true, role: 'kiosk', hall: {} }, hall);
    expect(terminal).toMatchObject({ terminalId: 'kiosk-1', hallOrigin: 'http://127.0.0.1:8080', token: 'k1k1k1k1k1k1k1k1' });
    expect(terminal.pageUrl).toBe(pages[0]?.url);
  });

  it('takes the page of its terminal id', () => {
    expect(masterTerminal({ startHall: true, role: 'kiosk', terminalId: 'kiosk-2', hall: {} }, hall).terminalId).toBe('kiosk-2');
    expect(masterTerminal({ startHall: true, role: 'counter', hall: {} }, hall)).toMatchObject({ terminalId: 'counter-3', counterId: 'c3' });
  });

  it('explains what the hall has when the terminal is not in its configuration', () => {
    expect(() => masterTerminal({ startHall: true, role: 'kiosk', terminalId: 'kiosk-9', hall: {} }, hall)).toThrow(
      'no terminal "kiosk-9"; it has: kiosk-1 (kiosk), kiosk-2 (kiosk), counter-3 (counter)',
    );
    expect(() => masterTerminal({ startHall: true, role: 'hall_display', hall: {} }, hall)).toThrow('no hall_display terminal');
    expect(() => masterTerminal({ startHall: true, role: 'admin', terminalId: 'kiosk-1', hall: {} }, hall)).toThrow('is a kiosk terminal');
  });

  it('refuses a page that is not on the hall origin', () => {
    const odd = { url: 'http://127.0.0.1:8080', pages: [{ terminalId: 'k', role: 'kiosk' as const, url: 'http://10.0.0.1:8080/kiosk/' }] };
    expect(() => masterTerminal({ startHall: true, role: 'kiosk', hall: {} }, odd)).toThrow("not on the hall's origin");
  });
});
