// One connection to the hall per page, created before React renders (so StrictMode's
// double effects never open two sockets): the terminal token, the HTTP client and the
// live event stream.
import type { TerminalRole } from '../../../hall/api/dto';
import { ApiClient } from '../api/client';
import { adoptTerminalToken } from '../api/token';
import { LiveConnection, liveUrl } from '../live/liveConnection';
import type { StaffSessionStore } from './staffSession';

export interface PageConnection {
  role: TerminalRole;
  token: string | null;
  client: ApiClient;
  /** null when the page has no terminal token (it shows the "not registered" message). */
  live: LiveConnection | null;
  staff: StaffSessionStore | null;
}

export function connectPage(role: TerminalRole, staff: StaffSessionStore | null = null): PageConnection {
  const token = adoptTerminalToken(role);
  const client = new ApiClient({ getToken: () => token, getStaffSession: () => staff?.token() ?? null });
  const live = token ? new LiveConnection({ url: liveUrl(window.location), token }) : null;
  live?.start();
  return { role, token, client, live, staff };
}

export function counterIdFromAddress(): string | null {
  const id = new URLSearchParams(window.location.search).get('counter');
  return id && id.trim() ? id.trim() : null;
}
