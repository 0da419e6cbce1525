// The terminal as the shell runs it: identity plus the one page it shows.
// A master terminal takes its page from the hall it just started; a remote
// terminal builds it from the hall URL and token.
import type { PageAddress, RunningHall } from './hall-contract.js';
import { pageUrlFor, type TerminalRole } from './roles.js';
import { isAllowedUrl, normalizeHallOrigin } from './security.js';
import type { MasterIdentity, RemoteIdentity } from './terminal-identity.js';

export interface ResolvedTerminal {
  role: TerminalRole;
  terminalId: string;
  counterId?: string;
  /** The only origin this terminal's windows may load or accept IPC from. */
  hallOrigin: string;
  pageUrl: string;
  /** Credential for the device agent. Never sent to the page through IPC. */
  token: string | null;
}

/** What the page may learn about its terminal through the preload: no token. */
export interface PublicTerminal {
  role: TerminalRole;
  terminalId: string;
  counterId: string | null;
  hallOrigin: string;
}

export function publicTerminal(terminal: ResolvedTerminal): PublicTerminal {
  return { role: terminal.role, terminalId: terminal.terminalId, counterId: terminal.counterId ?? null, hallOrigin: terminal.hallOrigin };
}

export function remoteTerminal(identity: RemoteIdentity): ResolvedTerminal {
  return {
    role: identity.role,
    terminalId: identity.terminalId,
    ...(identity.counterId !== undefined && { counterId: identity.counterId }),
    hallOrigin: identity.hallOrigin,
    pageUrl: pageUrlFor(identity.hallOrigin, identity),
    token: identity.token,
  };
}

/**
 * Picks this terminal's page from the hall's list: by terminal id when given,
 * else the first page of the role. Throws a plain error naming what the hall has.
 */
export function masterTerminal(identity: MasterIdentity, hall: Pick<RunningHall, 'url' | 'pages'>): ResolvedTerminal {
  const hallOrigin = normalizeHallOrigin(hall.url);
  if (hallOrigin === null) throw new Error(`the hall service reported an unusable URL "${hall.url}"`);
  const page = choosePage(identity, hall.pages);
  if (!isAllowedUrl(page.url, hallOrigin)) {
    throw new Error(`page of terminal "${page.terminalId}" (${page.url}) is not on the hall's origin ${hallOrigin}`);
  }
  const counterId = page.counterId ?? identity.counterId;
  return {
    role: page.role,
    terminalId: page.terminalId,
    ...(counterId !== undefined && { counterId }),
    hallOrigin,
    pageUrl: page.url,
    token: new URLSearchParams(new URL(page.url).hash.slice(1)).get('token'),
  };
}

function choosePage(identity: MasterIdentity, pages: readonly PageAddress[]): PageAddress {
  const listed = pages.map((p) => `${p.terminalId} (${p.role})`).join(', ') || 'none';
  if (identity.terminalId !== undefined) {
    const page = pages.find((p) => p.terminalId === identity.terminalId);
    if (!page) throw new Error(`the hall configuration has no terminal "${identity.terminalId}"; it has: ${listed}`);
    if (page.role !== identity.role) {
      throw new Error(`terminal "${page.terminalId}" is a ${page.role} terminal in the hall configuration, not ${identity.role}`);
    }
    return page;
  }
  const page = pages.find((p) => p.role === identity.role && (identity.counterId === undefined || p.counterId === identity.counterId));
  if (!page) throw new Error(`the hall configuration has no ${identity.role} terminal to open; it has: ${listed}`);
  return page;
}
