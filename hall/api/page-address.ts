// The address of each terminal's page, relative to the hall's origin:
// "/counter/?counter=c01&terminal=counter-1". The fragment that registers the
// browser (#enrol=<one-time code>, or #token=… in-process only) is added by the caller.
import type { TerminalConfig, TerminalRole } from '../config/schema.js';

export const PAGE_OF_ROLE: Record<TerminalRole, string> = {
  kiosk: 'kiosk',
  counter: 'counter',
  hall_display: 'display',
  counter_display: 'counter-display',
  admin: 'admin',
  wall: 'wall',
};

export function pagePath(t: Pick<TerminalConfig, 'id' | 'role' | 'counterId'>): string {
  const query = t.counterId ? `?counter=${encodeURIComponent(t.counterId)}&terminal=${encodeURIComponent(t.id)}` : `?terminal=${encodeURIComponent(t.id)}`;
  return `/${PAGE_OF_ROLE[t.role]}/${query}`;
}
