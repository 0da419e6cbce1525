// What each terminal role looks like on screen: which hall page it opens and how
// its window is framed. Pure data; the security-relevant webPreferences are added
// by security.ts (windowOptionsFor), which is the only place that builds them.
import type { BrowserWindowConstructorOptions } from 'electron';
import { terminalRoles, type TerminalRole } from '../hall/config/schema.js';

export { terminalRoles, type TerminalRole };

/** Page folder of each role under the hall's origin (dist/renderer/<folder>/). */
export const rolePages: Readonly<Record<TerminalRole, string>> = {
  kiosk: 'kiosk/',
  counter: 'counter/',
  hall_display: 'display/',
  counter_display: 'counter-display/',
  admin: 'admin/',
  wall: 'wall/',
};

/** Roles whose page announces calls to the public and must play audio without a touch first. */
export function isDisplayRole(role: TerminalRole): boolean {
  return role === 'hall_display' || role === 'counter_display';
}

/** Roles that belong to one counter and must name it. */
export function isCounterRole(role: TerminalRole): boolean {
  return role === 'counter' || role === 'counter_display';
}

/** Kiosks, displays and the wall (大厅综合监管屏, silent) run without staff in front of them. */
export function isUnattendedRole(role: TerminalRole): boolean {
  return role === 'kiosk' || role === 'wall' || isDisplayRole(role);
}

/**
 * The page a remote terminal opens, in the hall's own PageAddress.url format:
 * <origin>/<folder>/?terminal=<id>[&counter=<counter id>]#token=<token>.
 * The token travels in the fragment, so it never reaches an access log or a
 * Referer header. Must stay in step with hall/service.ts.
 */
export function pageUrlFor(hallOrigin: string, page: { role: TerminalRole; terminalId: string; counterId?: string; token: string }): string {
  const query = new URLSearchParams();
  if (page.counterId !== undefined) query.set('counter', page.counterId);
  query.set('terminal', page.terminalId);
  return `${hallOrigin}/${rolePages[page.role]}?${query.toString()}#token=${encodeURIComponent(page.token)}`;
}

export interface RoleFrame {
  /** Window options without webPreferences. */
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>;
  /** Remove the menu bar and with it every menu accelerator (reload, devtools, zoom). */
  removeMenu: boolean;
  /** Ignore close requests unless the app itself is quitting. */
  preventClose: boolean;
  /** Disable pinch zoom: a visitor must not leave a touch screen zoomed in. */
  lockZoom: boolean;
}

export function roleFrame(role: TerminalRole): RoleFrame {
  const title = 'ServiceHall';
  if (role === 'kiosk') {
    return {
      options: { title, kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true, backgroundColor: '#ffffff' },
      removeMenu: true,
      preventClose: true,
      lockZoom: true,
    };
  }
  // Displays are locked like kiosks: kiosk mode keeps the window full screen and on
  // top, and blocks the window manager's ways out (a keyboard or a touch on a
  // counter display reaches a visitor too).
  if (isDisplayRole(role) || role === 'wall') {
    return {
      options: { title, kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true, backgroundColor: '#000000' },
      removeMenu: true,
      preventClose: true,
      lockZoom: true,
    };
  }
  // counter and admin: staff use an ordinary window they can move and resize.
  return {
    options: { title, width: 1280, height: 800, minWidth: 1024, minHeight: 640, autoHideMenuBar: true },
    removeMenu: false,
    preventClose: false,
    lockZoom: false,
  };
}
