// One interface for every notification channel (SMS gateway, WeChat / 蒙速办 subscription
// message): the dispatcher (dispatcher.ts) hands a channel one message and gets one outcome.
// Contract of send():
//   - resolves, never rejects: a transport failure is an outcome too;
//   - `sent`: the provider took it and named it (providerId) — delivery may follow as a report;
//     `delivered` is for a channel whose acceptance is the delivery (no reports);
//   - `transient`: nothing was sent (refused connection, busy, rate limited): retry later;
//   - `permanent`: the provider refused this message for good (bad number, no subscription);
//   - `unknown`: the request may have reached the provider (timeout, cut-off answer, 5xx).
//     Only an `idempotent` channel (the provider deduplicates by our messageId) is retried
//     after it; any other is given up: a message is sent at most once, never twice.
// Dangers: `address` is the visitor's phone number or openid in clear — a channel must never
// log it or put it in an error text (errors are stored and shown to the operator).
import type { NotifyChannel } from '../../protocol/central/notifications.js';
import { nodeHttpClient, type HttpClient } from '../../protocol/sync/http-client.js';

export interface OutgoingMessage {
  /** Central's id of the message: the idempotency key an idempotent provider deduplicates by. */
  messageId: string;
  address: string;
  /** The whole text, in the visitor's language. */
  text: string;
  /** Structured fields for template channels (WeChat): ticket number, status line, hall name. */
  fields: { number: string; status: string; hall: string; note: string };
}

export type SendOutcome =
  | { kind: 'sent'; providerId: string }
  | { kind: 'delivered'; providerId: string }
  | { kind: 'transient'; error: string; retryAfterMs?: number }
  | { kind: 'permanent'; error: string }
  | { kind: 'unknown'; error: string };

export interface Notifier {
  readonly channel: NotifyChannel;
  /** The provider deduplicates by messageId: an `unknown` outcome may be retried safely. */
  readonly idempotent: boolean;
  /** How long one send may take at most (the dispatcher's recovery waits longer than this). */
  readonly timeoutMs: number;
  send(message: OutgoingMessage): Promise<SendOutcome>;
  close?(): void;
}

/** A channel's HTTP client: the one handed in (tests), else one of its own that close() ends. */
export function channelHttp(given: HttpClient | undefined): { http: HttpClient; close(): void } {
  if (given) return { http: given, close: () => undefined };
  const own = nodeHttpClient();
  return { http: own, close: () => own.close() };
}
