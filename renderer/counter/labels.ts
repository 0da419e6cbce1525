// Translations of the hall's stable codes for the counter page. Unknown codes get a
// generic phrase rather than the raw code.
import type { MessageKey } from '../shared/i18n';
import { zhCN } from '../shared/i18n/messages/zh-CN';

function lookup(prefix: string, code: string | null | undefined, fallback: MessageKey): MessageKey {
  if (!code) return fallback;
  const key = `${prefix}${code}`;
  return key in zhCN ? (key as MessageKey) : fallback;
}

/** Why an action is disabled (ActionAvailabilityDTO.reason). */
export function reasonKey(code: string | null | undefined): MessageKey {
  return lookup('reason.', code, 'reason.generic');
}

/** Why the current ticket was chosen (CounterViewDTO.lastCallReason). */
export function callReasonKey(code: string | null | undefined): MessageKey {
  return lookup('callReason.', code, 'callReason.unknown');
}

/** A refused action (409 and friends). */
export function actionErrorKey(code: string | null | undefined): MessageKey | null {
  if (!code) return null;
  const specific = `counterError.${code}`;
  if (specific in zhCN) return specific as MessageKey;
  const reason = `reason.${code}`;
  if (reason in zhCN) return reason as MessageKey;
  return null;
}
