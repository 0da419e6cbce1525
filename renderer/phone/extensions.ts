// Room on the phone page for other features, each hooked in with one line in main.tsx
// (`import './remote/register';`) whose module calls these:
//   - registerPhoneTab: a screen of its own in the tab bar (线上取号, issue 16 H7);
//   - registerTicketPanel: a block under the ticket's progress (notification consent, H8).
// Contract: register at module load, before the page mounts; the order of registration is the
// order on screen. A panel gets the ticket view it sits under and must not hide the progress.
import type { ReactNode } from 'react';
import type { PublicTicketView } from '../../protocol/central/phone';
import type { MessageKey } from '../shared/i18n';

export interface PhoneContext {
  hallId: string | null;
  ticket: { id: string; key: string } | null;
  /** Opens another tab by id ('ticket', 'queues', 'guides' or a registered one). */
  go(tab: string): void;
}

export interface PhoneTab {
  id: string;
  label: MessageKey;
  /** Shown only when this says so (e.g. only with a hall in the address). */
  available?(ctx: PhoneContext): boolean;
  render(ctx: PhoneContext): ReactNode;
}

export interface TicketPanel {
  id: string;
  render(view: PublicTicketView, ctx: PhoneContext): ReactNode;
}

export const extraTabs: PhoneTab[] = [];
export const ticketPanels: TicketPanel[] = [];

export function registerPhoneTab(tab: PhoneTab): void {
  if (!extraTabs.some((t) => t.id === tab.id)) extraTabs.push(tab);
}

export function registerTicketPanel(panel: TicketPanel): void {
  if (!ticketPanels.some((p) => p.id === panel.id)) ticketPanels.push(panel);
}
