// 实名取号 on the kiosk: what the kiosk holds about the visitor in front of it, and how card
// messages change it. Pure, so the clearing rules are tested: nothing personal survives
// going home, the idle timeout, a cancel, or the ticket screen (typed numbers).
import type { CardReadDTO, IssueTicketRequest } from '../../hall/api/dto';
import type { LiveSignal } from '../shared/live/liveConnection';
import type { MessageKey } from '../shared/i18n';

export type Identity =
  | { kind: 'none' }
  /** The card on this kiosk's reader; the hall holds the number, the kiosk only the masked forms. */
  | { kind: 'card'; card: CardReadDTO }
  /** Typed in by hand: kept only until the ticket is issued or the visitor leaves. */
  | { kind: 'manual'; idNumber: string };

export interface RealNameState {
  identity: Identity;
  /** A failed read to explain in plain words (walk-in tickets keep working). */
  cardError: MessageKey | null;
  /** The hall may still hold a card read here: tell it to forget when the visitor leaves. */
  cardHeld: boolean;
}

export const NO_IDENTITY: RealNameState = { identity: { kind: 'none' }, cardError: null, cardHeld: false };

/** Driver codes (drivers/idcard/errors.ts) that deserve their own words; every other one is "read again". */
const cardErrorKeys: Record<string, MessageKey> = {
  unknown_card_type: 'kiosk.card.unsupported',
};

export function cardErrorKey(code: string): MessageKey {
  return cardErrorKeys[code] ?? 'kiosk.card.readFailed';
}

/** A live signal applied to the kiosk's state; device lists change nothing here. */
export function applyCardSignal(state: RealNameState, signal: LiveSignal): RealNameState {
  switch (signal.type) {
    case 'card_read':
      // A card replaces whatever was typed before: the typed number is dropped.
      return { identity: { kind: 'card', card: signal.card }, cardError: null, cardHeld: true };
    case 'card_error':
      return { ...state, cardError: cardErrorKey(signal.code), cardHeld: state.cardHeld || state.identity.kind === 'card' };
    default:
      return state;
  }
}

/** After a ticket was issued: the typed number goes at once; the card stays "held" until home. */
export function afterIssue(state: RealNameState): RealNameState {
  return { identity: { kind: 'none' }, cardError: null, cardHeld: state.cardHeld };
}

export function identityRequest(identity: Identity): IssueTicketRequest['identity'] | undefined {
  if (identity.kind === 'card') return { source: 'card' };
  if (identity.kind === 'manual') return { source: 'manual', idNumber: identity.idNumber };
  return undefined;
}

/** Screens where a card read leads straight on to choosing the matter. */
export function screenAfterCard(current: string): 'departments' | 'stay' {
  return current === 'departments' || current === 'matters' || current === 'green-staff' || current === 'green-category' ? 'stay' : 'departments';
}

/** Issue errors of real-name tickets, in plain words with the next step. */
export const realNameErrors: Record<string, MessageKey> = {
  identity_limit: 'kiosk.error.limit',
  invalid_id_number: 'kiosk.error.invalidId',
  no_card: 'kiosk.error.noCard',
};
