// Every rule about what a terminal's renderer may reach: URLs, IPC senders,
// permissions, CSP and webPreferences. Pure functions, tested with hostile input
// (tests/unit/electron/security.test.ts); shell.ts only wires them to Electron.
// Danger: the hall origin is the whole trust boundary. Anything that loosens
// isAllowedUrl gives a page from elsewhere the preload API and the terminal's token.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { isDisplayRole, isUnattendedRole, roleFrame, type RoleFrame, type TerminalRole } from './roles.js';

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
 * The CSP added to hall documents that arrive without one. Scripts, styles and
 * fonts only from the hall; images may be data:/blob: (QR codes); connections to
 * the hall's HTTP and WebSocket API only; no plugins, frames, <base> or foreign forms.
 */
export function contentSecurityPolicy(hallOrigin: string): string {
  const origin = normalizeHallOrigin(hallOrigin);
  const socket = origin === null ? '' : ` ${origin.replace(/^http/, 'ws')}`;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    `connect-src 'self'${socket}`,
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export type ResponseHeaders = Record<string, string | string[]>;

/** Adds `csp` unless the response already has a Content-Security-Policy (any letter case). */
export function withDefaultCsp(headers: ResponseHeaders | undefined, csp: string): ResponseHeaders {
  const current = headers ?? {};
  const hasCsp = Object.keys(current).some((name) => name.toLowerCase() === 'content-security-policy');
  return hasCsp ? current : { ...current, 'Content-Security-Policy': [csp] };
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

/** The full window for a role: its frame (roles.ts) plus secure webPreferences. */
export function windowOptionsFor(role: TerminalRole, context: { preloadPath: string; packaged: boolean }): WindowPlan {
  const frame = roleFrame(role);
  const devTools = !(context.packaged && isUnattendedRole(role));
  return {
    ...frame,
    options: { ...frame.options, webPreferences: secureWebPreferences(role, { preloadPath: context.preloadPath, devTools }) },
  };
}
