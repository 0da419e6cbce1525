// Terminal token handling. A page is registered as a terminal in one of two ways:
// - #enrol=<one-time code> (what `npm start` prints and the admin page makes): the page
//   takes the code out of the address bar at once, exchanges it at POST /api/v1/enrol
//   for the terminal's long-lived token, stores that and reloads; a used-up or expired
//   code shows a plain Chinese message saying to ask the manager for a new one;
// - #token=<token> (the Electron master and the tests, in-process only).
// Fragments never reach server logs. The token lives in localStorage, keyed by the
// terminal's role and identity, and is removed from the address bar so it is not
// bookmarked, screenshotted or shared by accident.
// Pure functions take their inputs; adoptTerminalToken() wires them to the real page.
import type { TerminalRole } from '../../../hall/api/dto';
import { t, type MessageKey } from '../i18n';

export interface TerminalIdentity {
  role: TerminalRole;
  /** ?terminal=<id> when the address names the terminal; else the counter for counter roles. */
  scope: string | null;
}

export interface FragmentToken {
  token: string | null;
  /** The fragment without the token ('' when nothing else was there), without '#'. */
  rest: string;
}

/** Reads `token` from a fragment like "#token=abc&x=1"; keeps the other parameters. */
export function readTokenFromFragment(hash: string): FragmentToken {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!raw) return { token: null, rest: '' };
  const params = new URLSearchParams(raw);
  const token = params.get('token');
  if (token === null) return { token: null, rest: raw };
  params.delete('token');
  return { token: token.trim() || null, rest: params.toString() };
}

export function identityFromSearch(role: TerminalRole, search: string): TerminalIdentity {
  const params = new URLSearchParams(search);
  const scope = params.get('terminal') || params.get('counter') || null;
  return { role, scope };
}

export function tokenStorageKey(identity: TerminalIdentity): string {
  return identity.scope ? `servicehall.token.${identity.role}.${identity.scope}` : `servicehall.token.${identity.role}`;
}

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface AdoptResult {
  token: string | null;
  /** The address to put in the bar (via history.replaceState) when the fragment held a token; null otherwise. */
  cleanedUrl: string | null;
}

/**
 * Decides the token for this page: a token in the fragment wins and is stored (under the
 * scoped key and under the role key, the fallback for an address opened without its
 * scope); otherwise the stored one.
 */
export function resolveTerminalToken(
  location: { pathname: string; search: string; hash: string },
  identity: TerminalIdentity,
  storage: StorageLike,
): AdoptResult {
  const { token, rest } = readTokenFromFragment(location.hash);
  const scopedKey = tokenStorageKey(identity);
  const roleKey = tokenStorageKey({ role: identity.role, scope: null });
  if (token) {
    storeTerminalToken(storage, identity, token);
    return { token, cleanedUrl: `${location.pathname}${location.search}${rest ? `#${rest}` : ''}` };
  }
  const hadTokenParam = new URLSearchParams(location.hash.replace(/^#/, '')).has('token');
  const cleanedUrl = hadTokenParam ? `${location.pathname}${location.search}${rest ? `#${rest}` : ''}` : null;
  return { token: storage.getItem(scopedKey) ?? storage.getItem(roleKey), cleanedUrl };
}

/** Stores a terminal token under the scoped key and under the role key (the fallback for an address opened without its scope). */
export function storeTerminalToken(storage: StorageLike, identity: TerminalIdentity, token: string): void {
  const scopedKey = tokenStorageKey(identity);
  const roleKey = tokenStorageKey({ role: identity.role, scope: null });
  storage.setItem(scopedKey, token);
  if (roleKey !== scopedKey) storage.setItem(roleKey, token);
}

/** Reads `enrol` from a fragment like "#enrol=ABCD-EFGH"; keeps the other parameters. */
export function readEnrolmentFromFragment(hash: string): { code: string | null; rest: string } {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const params = new URLSearchParams(raw);
  const code = params.get('enrol');
  if (code === null) return { code: null, rest: raw };
  params.delete('enrol');
  return { code: code.trim() || null, rest: params.toString() };
}

export type EnrolmentProblem = 'used' | 'expired' | 'wrong' | 'locked' | 'unreachable';
export type EnrolmentOutcome = { ok: true; token: string } | { ok: false; problem: EnrolmentProblem };

/**
 * Exchanges a one-time code for the terminal's token (POST /api/v1/enrol, docs/api.md).
 * `base` is the hall's origin ('' on the hall's own pages).
 */
export async function exchangeEnrolmentCode(fetchImpl: typeof fetch, terminalId: string | null, code: string, base = ''): Promise<EnrolmentOutcome> {
  if (!terminalId) return { ok: false, problem: 'wrong' };
  let res: Response;
  try {
    res = await fetchImpl(`${base}/api/v1/enrol`, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify({ terminalId, code }) });
  } catch {
    return { ok: false, problem: 'unreachable' };
  }
  const body = (await res.json().catch(() => null)) as { token?: string; error?: { code?: string } } | null;
  if (res.ok && typeof body?.token === 'string') return { ok: true, token: body.token };
  const errorCode = body?.error?.code;
  if (errorCode === 'enrolment_code_used') return { ok: false, problem: 'used' };
  if (errorCode === 'enrolment_code_expired') return { ok: false, problem: 'expired' };
  if (res.status === 429) return { ok: false, problem: 'locked' };
  if (res.status >= 500) return { ok: false, problem: 'unreachable' };
  return { ok: false, problem: 'wrong' };
}

export const enrolmentMessage: Record<EnrolmentProblem, MessageKey> = {
  used: 'enrol.used',
  expired: 'enrol.expired',
  wrong: 'enrol.wrong',
  locked: 'enrol.locked',
  unreachable: 'enrol.unreachable',
};

/** A plain banner over the page (no React: it runs before the page renders). */
function showBanner(text: string, alert: boolean): HTMLElement {
  const el = document.createElement('div');
  el.setAttribute('role', alert ? 'alert' : 'status');
  el.dataset.testid = 'enrolment-banner';
  el.textContent = text;
  // CSSOM, not a style attribute: allowed by the pages' CSP.
  Object.assign(el.style, { position: 'fixed', inset: '0 0 auto 0', zIndex: '10000', padding: '1.2em', fontSize: '1.4rem', lineHeight: '1.6', textAlign: 'center', color: '#fff', background: alert ? '#b3261e' : '#1f4e8c' });
  document.body.appendChild(el);
  return el;
}

function pageStorage(): StorageLike {
  try {
    return window.localStorage;
  } catch {
    return memoryStorage();
  }
}

/** Browser wiring: call once at page start, before anything else reads the address. */
export function adoptTerminalToken(role: TerminalRole): string | null {
  const identity = identityFromSearch(role, window.location.search);
  const storage = pageStorage();
  const enrolment = readEnrolmentFromFragment(window.location.hash);
  if (enrolment.code) {
    // The code leaves the address bar before anything else happens; the page reloads once registered.
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}${enrolment.rest ? `#${enrolment.rest}` : ''}`);
    const terminalId = new URLSearchParams(search).get('terminal');
    const working = showBanner(t('enrol.working'), false);
    void exchangeEnrolmentCode((input, init) => window.fetch(input, init), terminalId, enrolment.code).then((outcome) => {
      working.remove();
      if (outcome.ok) {
        storeTerminalToken(storage, identity, outcome.token); // identity.scope is the ?terminal= id
        window.location.reload();
      } else {
        showBanner(t(enrolmentMessage[outcome.problem]), true);
      }
    });
  }
  const result = resolveTerminalToken(window.location, identity, storage);
  if (result.cleanedUrl !== null) window.history.replaceState(window.history.state, '', result.cleanedUrl);
  return result.token;
}

export function memoryStorage(): StorageLike {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

/** Staff sessions live per tab (sessionStorage): a reload keeps the work, closing the tab signs out locally. */
export function staffSessionKey(scope: string): string {
  return `servicehall.staffSession.${scope}`;
}
