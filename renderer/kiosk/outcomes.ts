// What the kiosk says after an issue attempt. Pure mappings from the hall's codes to
// plain-words messages with the next step (the number always stays on screen).
import type { PrintOutcomeDTO } from '../../hall/api/dto';
import type { MessageKey } from '../shared/i18n';

const paperCodes = new Set(['paper_out', 'no_paper', 'paper_empty', 'paper_end', 'out_of_paper']);

/**
 * null: printed (or on its way: "sending"), show "请取走您的号票". An unconfirmed print came out as far as
 * anyone can tell (the printer reported no fault but cannot confirm). "unknown": the kiosk's terminal
 * stopped mid-print — the paper may or may not be there, so the number stays the thing to keep.
 */
export function printFaultMessage(print: PrintOutcomeDTO): MessageKey | null {
  if (print.status === 'printed' || print.status === 'unconfirmed' || print.status === 'sending') return null;
  if (print.status === 'no_printer') return 'kiosk.print.no_printer';
  if (print.status === 'unknown') return 'kiosk.print.unknown';
  const code = (print.code ?? '').toLowerCase();
  if (paperCodes.has(code) || code.includes('paper')) return 'kiosk.print.paper_out';
  return 'kiosk.print.failed';
}

/** Issue errors the kiosk knows better than the generic table (docs/api.md 409 codes). */
export const issueErrors: Record<string, MessageKey> = {
  unknown_matter: 'kiosk.error.matterUnavailable',
  unknown_category: 'kiosk.error.matterUnavailable',
  not_found: 'kiosk.error.matterUnavailable',
  // Not sent by the hall yet; named so the kiosk is honest the day they are.
  daily_cap: 'kiosk.error.dailyCap',
  hall_closed: 'kiosk.error.closed',
  identity_limit: 'kiosk.error.limit',
};

/** Codes that mean the guide's staff number or PIN was not accepted. */
export const greenCredentialErrors: Record<string, MessageKey> = {
  bad_credentials: 'kiosk.green.badCredentials',
  locked: 'kiosk.green.locked',
  forbidden: 'kiosk.green.notAllowed',
};
