// Terminal token handling. `npm start` prints each page's address with the terminal token
// in the URL fragment (#token=…): fragments never reach server logs. The page moves the
// token into localStorage, keyed by the terminal's role and identity, and removes it from
// the address bar so it is not bookmarked, screenshotted or shared by accident.
// Pure functions take their inputs; adoptTerminalToken() wires them to the real page.
import type { TerminalRole } from '../../../hall/api/dto';

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
    storage.setItem(scopedKey, token);
    if (roleKey !== scopedKey) storage.setItem(roleKey, token);
    return { token, cleanedUrl: `${location.pathname}${location.search}${rest ? `#${rest}` : ''}` };
  }
  const hadTokenParam = new URLSearchParams(location.hash.replace(/^#/, '')).has('token');
  const cleanedUrl = hadTokenParam ? `${location.pathname}${location.search}${rest ? `#${rest}` : ''}` : null;
  return { token: storage.getItem(scopedKey) ?? storage.getItem(roleKey), cleanedUrl };
}

/** Browser wiring: call once at page start, before anything else reads the address. */
export function adoptTerminalToken(role: TerminalRole): string | null {
  const identity = identityFromSearch(role, window.location.search);
  let storage: StorageLike;
  try {
    storage = window.localStorage;
  } catch {
    storage = memoryStorage();
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
