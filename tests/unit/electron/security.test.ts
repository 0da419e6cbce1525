import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  isAllowedUrl,
  isDevToolsShortcut,
  isPermissionAllowed,
  isTrustedSender,
  normalizeHallOrigin,
  secureWebPreferences,
  windowOptionsFor,
  withHallCsp,
} from '../../../electron/security.js';
import { HALL_CONTENT_SECURITY_POLICY } from '../../../hall/api/content-security-policy.js';
import { terminalRoles } from '../../../electron/roles.js';

const hall = 'http://192.168.10.5:8080';

describe('isAllowedUrl: only the hall origin', () => {
  it.each([
    'http://192.168.10.5:8080/kiosk/#token=abc',
    'http://192.168.10.5:8080/',
    'http://192.168.10.5:8080',
    'HTTP://192.168.10.5:8080/admin/',
    'http://192.168.10.5:8080/api/v1/tickets?x=1',
    ' http://192.168.10.5:8080/kiosk/', // leading space is stripped by the URL parser
    'http://192.168.10.5:8080\\@evil.example/', // "\" is "/" in http URLs: still the hall
    'http://0xC0.168.10.5:8080/', // the same IPv4 address, written in hex
  ])('allows %s', (url) => {
    expect(isAllowedUrl(url, hall)).toBe(true);
  });

  it.each([
    ['another host', 'http://192.168.10.6:8080/kiosk/'],
    ['another port', 'http://192.168.10.5:8081/kiosk/'],
    ['the default port', 'http://192.168.10.5/kiosk/'],
    ['https instead of http', 'https://192.168.10.5:8080/'],
    ['a file', 'file:///etc/passwd'],
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['a data: page', 'data:text/html,<script>alert(1)</script>'],
    ['a blob of the hall origin', 'blob:http://192.168.10.5:8080/6c1f2b8e-0000-4000-8000-000000000000'],
    ['view-source of the hall', 'view-source:http://192.168.10.5:8080/'],
    ['a WebSocket URL', 'ws://192.168.10.5:8080/api/v1/live'],
    ['about:blank', 'about:blank'],
    ['chrome internals', 'chrome://gpu'],
    ['devtools', 'devtools://devtools/bundled/inspector.html'],
    ['user info hiding another host', 'http://192.168.10.5:8080@evil.example/'],
    ['user info on the hall itself', 'http://staff:pin@192.168.10.5:8080/'],
    ['the hall as a subdomain of evil', 'http://192.168.10.5.evil.example:8080/'],
    ['a relative URL', '/kiosk/'],
    ['a protocol-relative URL', '//evil.example/'],
    ['an empty string', ''],
    ['garbage', 'http://[::1'],
  ])('refuses %s', (_case, url) => {
    expect(isAllowedUrl(url, hall)).toBe(false);
  });

  it('compares host names case-insensitively and refuses a trailing dot', () => {
    const named = 'http://hall.local:8080';
    expect(isAllowedUrl('http://HALL.Local:8080/counter/', named)).toBe(true);
    expect(isAllowedUrl('http://hall.local.:8080/counter/', named)).toBe(false);
    expect(isAllowedUrl('http://hall.local:8080/', 'http://hall.local.:8080')).toBe(false);
  });

  it('handles IPv6 halls by address, not by spelling', () => {
    const v6 = 'http://[fd00::5]:8080';
    expect(isAllowedUrl('http://[fd00:0:0:0:0:0:0:5]:8080/kiosk/', v6)).toBe(true);
    expect(isAllowedUrl('http://[fd00::6]:8080/kiosk/', v6)).toBe(false);
    expect(isAllowedUrl('http://[fd00::5]:8081/kiosk/', v6)).toBe(false);
  });

  it('treats an explicit default port as the same origin', () => {
    expect(isAllowedUrl('http://hall.local:80/kiosk/', 'http://hall.local')).toBe(true);
    expect(isAllowedUrl('https://hall.local:443/kiosk/', 'https://hall.local')).toBe(true);
  });

  it('allows nothing when the hall origin itself is unusable', () => {
    for (const bad of ['', 'file:///srv/hall', 'null', 'http://user@hall.local', 'javascript:1']) {
      expect(isAllowedUrl('http://hall.local/', bad)).toBe(false);
    }
  });
});

describe('normalizeHallOrigin', () => {
  it('reduces a hall URL to its origin', () => {
    expect(normalizeHallOrigin('http://Hall.Local:80/some/path?x#y')).toBe('http://hall.local');
  });
  it('refuses non-http schemes and credentials', () => {
    expect(normalizeHallOrigin('ftp://hall.local')).toBeNull();
    expect(normalizeHallOrigin('http://a:b@hall.local')).toBeNull();
    expect(normalizeHallOrigin('not a url')).toBeNull();
  });
});

describe('isTrustedSender', () => {
  it('trusts only the top frame of a hall page', () => {
    expect(isTrustedSender({ url: `${hall}/kiosk/`, isMainFrame: true }, hall)).toBe(true);
    expect(isTrustedSender({ url: `${hall}/kiosk/`, isMainFrame: false }, hall)).toBe(false);
    expect(isTrustedSender({ url: 'http://evil.example/', isMainFrame: true }, hall)).toBe(false);
    expect(isTrustedSender({ url: 'chrome-error://chromewebdata/', isMainFrame: true }, hall)).toBe(false);
    expect(isTrustedSender(null, hall)).toBe(false);
  });
});

describe('isPermissionAllowed', () => {
  const page = `${hall}/display/`;
  it('refuses every device and privacy permission to every role', () => {
    for (const role of terminalRoles) {
      for (const permission of ['media', 'geolocation', 'notifications', 'hid', 'serial', 'usb', 'clipboard-read', 'fullscreen', 'openExternal', 'unknown']) {
        expect(isPermissionAllowed(permission, role, page, hall)).toBe(false);
      }
    }
  });
  it('lets display pages choose an audio output, and nobody else', () => {
    expect(isPermissionAllowed('speaker-selection', 'hall_display', page, hall)).toBe(true);
    expect(isPermissionAllowed('speaker-selection', 'counter_display', page, hall)).toBe(true);
    expect(isPermissionAllowed('speaker-selection', 'kiosk', page, hall)).toBe(false);
    expect(isPermissionAllowed('speaker-selection', 'hall_display', 'http://evil.example/', hall)).toBe(false);
  });
});

describe('CSP', () => {
  it('is the hall\'s one policy: everything from the hall only, no inline code, no eval', () => {
    expect(contentSecurityPolicy).toBe(HALL_CONTENT_SECURITY_POLICY);
    const directives = new Map(contentSecurityPolicy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    // 'self' covers ws:/wss: of the same host and port (checked in Chromium by the integration test).
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(contentSecurityPolicy).not.toMatch(/unsafe-|\bws:|\bwss:|\*/);
  });

  // Mutation checked: the previous withDefaultCsp (kept a page's own policy and added
  // nothing) fails the second and third expectations.
  it('is enforced on every document, next to any policy the server sent, never twice', () => {
    expect(withHallCsp({ 'Content-Type': ['text/html'] }, 'X')).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ['X'] });
    expect(withHallCsp(undefined, 'X')).toEqual({ 'Content-Security-Policy': ['X'] });
    // A looser policy from the server stays but cannot loosen: Chromium enforces both.
    expect(withHallCsp({ 'content-security-policy': ['connect-src *'] }, 'X')).toEqual({ 'content-security-policy': ['connect-src *', 'X'] });
    expect(withHallCsp({ 'Content-Security-Policy': 'connect-src *' }, 'X')).toEqual({ 'Content-Security-Policy': ['connect-src *', 'X'] });
    const same = { 'content-security-policy': ['X'] };
    expect(withHallCsp(same, 'X')).toBe(same);
  });
});

describe('webPreferences', () => {
  it('are locked down for every role', () => {
    for (const role of terminalRoles) {
      const prefs = secureWebPreferences(role, { preloadPath: '/app/preload.cjs', devTools: false });
      expect(prefs).toMatchObject({
        preload: '/app/preload.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      });
    }
  });

  it('let only displays play announcements without a touch first', () => {
    expect(secureWebPreferences('hall_display', { preloadPath: 'p', devTools: false }).autoplayPolicy).toBe('no-user-gesture-required');
    expect(secureWebPreferences('kiosk', { preloadPath: 'p', devTools: false }).autoplayPolicy).toBe('document-user-activation-required');
  });

  // Mutation checked: the previous rule (devtools off for kiosks and displays only) fails for counter and admin.
  it('turn devtools off for every role in a packaged app, on in a checkout', () => {
    for (const role of terminalRoles) {
      expect(windowOptionsFor(role, { preloadPath: 'p', packaged: true }).options.webPreferences?.devTools).toBe(false);
      expect(windowOptionsFor(role, { preloadPath: 'p', packaged: false }).options.webPreferences?.devTools).toBe(true);
    }
  });
});

describe('isDevToolsShortcut', () => {
  const key = (key: string, mods: Partial<{ control: boolean; shift: boolean; alt: boolean; meta: boolean }> = {}, code?: string, type = 'keyDown') => ({
    type,
    key,
    ...(code !== undefined && { code }),
    control: false,
    shift: false,
    alt: false,
    meta: false,
    ...mods,
  });
  it.each([
    ['F12', key('F12', {}, 'F12')],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true }, 'KeyI')],
    ['Ctrl+Shift+J', key('J', { control: true, shift: true }, 'KeyJ')],
    ['Ctrl+Shift+C', key('C', { control: true, shift: true }, 'KeyC')],
    ['Cmd+Alt+I', key('i', { meta: true, alt: true }, 'KeyI')],
    ['Ctrl+U (view source)', key('u', { control: true }, 'KeyU')],
    ['Ctrl+Shift+I on another layout (physical key I)', key('Ä', { control: true, shift: true }, 'KeyI')],
    ['raw key down', key('F12', {}, 'F12', 'rawKeyDown')],
  ])('blocks %s', (_name, input) => {
    expect(isDevToolsShortcut(input)).toBe(true);
  });
  it.each([
    ['typing I', key('I', { shift: true }, 'KeyI')],
    ['Ctrl+C (copy)', key('c', { control: true }, 'KeyC')],
    ['Ctrl+Shift+U', key('U', { control: true, shift: true }, 'KeyU')],
    ['F11', key('F11', {}, 'F11')],
    ['the key-up of F12', key('F12', {}, 'F12', 'keyUp')],
  ])('lets %s through', (_name, input) => {
    expect(isDevToolsShortcut(input)).toBe(false);
  });
});
