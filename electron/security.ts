// Every rule about what a terminal's renderer may reach: URLs, IPC senders,
// permissions, CSP and webPreferences. Pure functions, tested with hostile input
// (tests/unit/electron/security.test.ts); shell.ts only wires them to Electron.
// Danger: the hall origin is the whole trust boundary. Anything that loosens
// isAllowedUrl gives a page from elsewhere the preload API and the terminal's token.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { HALL_CONTENT_SECURITY_POLICY } from '../hall/api/content-security-policy.js';
import { isDisplayRole, roleFrame, type RoleFrame, type TerminalRole } from './roles.js';

/**
 * The origin of a usable hall URL (http or https, no user name or password), or
 * null. "http://Hall.local:80/x" → "http://hall.local".
 */
export function normalizeHallOrigin(hallUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(hallUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  return url.origin;
}

/**
 * Whether a page, frame or redirect may load `candidate`: only http(s) URLs of
 * exactly the hall's origin (scheme, host and port), without credentials. The
 * WHATWG parser does the normalising (case, default port, IPv6 forms, percent
 * escapes), so "http://hall@evil" is evil's origin and is refused. A host with a
 * trailing dot is a different origin and is refused too.
 */
export function isAllowedUrl(candidate: string, hallOrigin: string): boolean {
  const allowed = normalizeHallOrigin(hallOrigin);
  if (allowed === null) return false;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username !== '' || url.password !== '') return false;
  return url.origin === allowed;
}

/** The parts of an IPC sender frame that decide trust (Electron's WebFrameMain). */
export interface SenderFrame {
  url: string;
  /** True for the window's top frame; IPC from iframes is never trusted. */
  isMainFrame: boolean;
}

/** IPC is answered only for the top frame of a hall page (Electron checklist: validate senders). */
export function isTrustedSender(frame: SenderFrame | null | undefined, hallOrigin: string): boolean {
  return frame != null && frame.isMainFrame && isAllowedUrl(frame.url, hallOrigin);
}

/**
 * Permission requests and checks. Everything is refused (camera, microphone,
 * geolocation, notifications, HID, serial, USB, clipboard, fullscreen requests…):
 * devices belong to the main process's device agent, never to a page. The one
 * exception: display pages may choose an audio output ("speaker-selection") to
 * route announcements to the hall speakers. Audio playback itself needs no
 * permission; autoplay is granted to displays by webPreferences.autoplayPolicy.
 */
export function isPermissionAllowed(permission: string, role: TerminalRole, requestingUrl: string, hallOrigin: string): boolean {
  if (!isAllowedUrl(requestingUrl, hallOrigin)) return false;
  return isDisplayRole(role) && permission === 'speaker-selection';
}

/**
 * The CSP every terminal document gets: the hall's one policy
 * (hall/api/content-security-policy.ts), not a second definition.
 */
export const contentSecurityPolicy: string = HALL_CONTENT_SECURITY_POLICY;

export type ResponseHeaders = Record<string, string | string[]>;

/**
 * Enforces `csp` on a document response. A policy the response already carries
 * (any letter case) is kept next to it: Chromium enforces every policy, so the
 * result is at least as strict as `csp` whatever the server sent, and a server
 * cannot loosen it. The same policy is not added twice.
 */
export function withHallCsp(headers: ResponseHeaders | undefined, csp: string): ResponseHeaders {
  const current = headers ?? {};
  const name = Object.keys(current).find((n) => n.toLowerCase() === 'content-security-policy');
  if (name === undefined) return { ...current, 'Content-Security-Policy': [csp] };
  const values = ([] as string[]).concat(current[name] as string | string[]);
  return values.includes(csp) ? current : { ...current, [name]: [...values, csp] };
}

/** Only documents carry a CSP that matters; other responses pass through untouched. */
export function isDocumentResource(resourceType: string): boolean {
  return resourceType === 'mainFrame' || resourceType === 'subFrame';
}

export interface WebPreferencesContext {
  preloadPath: string;
  devTools: boolean;
}

/** The webPreferences every terminal window gets. Nothing here is a per-role choice except autoplay. */
export function secureWebPreferences(role: TerminalRole, context: WebPreferencesContext): WebPreferences {
  return {
    preload: context.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: context.devTools,
    autoplayPolicy: isDisplayRole(role) ? 'no-user-gesture-required' : 'document-user-activation-required',
  };
}

export interface WindowPlan extends Omit<RoleFrame, 'options'> {
  options: BrowserWindowConstructorOptions;
}

/**
 * The full window for a role: its frame (roles.ts) plus secure webPreferences.
 * DevTools exist only when run from a checkout: a packaged build has none, for
 * every role (a counter PC's DevTools would show its token and staff session).
 */
export function windowOptionsFor(role: TerminalRole, context: { preloadPath: string; packaged: boolean }): WindowPlan {
  const frame = roleFrame(role);
  const devTools = !context.packaged;
  return {
    ...frame,
    options: { ...frame.options, webPreferences: secureWebPreferences(role, { preloadPath: context.preloadPath, devTools }) },
  };
}

/** The parts of Electron's before-input-event Input that identify a shortcut. */
export interface KeyInput {
  type: string;
  key: string;
  code?: string;
  control: boolean;
  shift: boolean;
  alt: boolean;
  meta: boolean;
}

/**
 * Chromium's DevTools and view-source shortcuts: F12, Ctrl/Cmd+Shift+I/J/C,
 * Cmd+Alt+I/J/C, Ctrl/Cmd+U. Packaged builds swallow them before the page sees
 * them; webPreferences.devTools false is the lock, this keeps the keys inert.
 * Matched on the physical key (code) too, so a non-US layout does not slip past.
 */
export function isDevToolsShortcut(input: KeyInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  const letter = (input.code?.startsWith('Key') ? input.code.slice(3) : input.key).toUpperCase();
  if (input.key === 'F12' || input.code === 'F12') return true;
  const command = input.control || input.meta;
  if (command && input.shift && ['I', 'J', 'C'].includes(letter)) return true;
  if (input.meta && input.alt && ['I', 'J', 'C'].includes(letter)) return true;
  return command && !input.shift && !input.alt && letter === 'U';
}
