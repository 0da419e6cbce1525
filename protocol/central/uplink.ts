// The uplink's wire contract (docs/sync-protocol.md "Uplink"): the protocol
// version, the register / cursor requests and answers, and the batch of
// events (POST /v1/halls/{hallId}/events) as far as the batch as a whole is
// concerned: ids, the stream and each event's place (seq) and identity (id).
// Contract: central refuses a batch failing batchSchema whole (400) and stores
// nothing; everything else about an event is judged per event (events.ts:
// poison is quarantined, not refused). The hall builds the body with
// batchBody() from events it already serialised, so it can bound its bytes.
import { z } from 'zod';

/** Sent as X-Protocol-Version by both sides; central answers 426 protocol_version to another. */
export const PROTOCOL_VERSION = 1;

export const registerRequestSchema = z.object({
  reason: z.enum(['first_start', 'restored_from_backup']),
  lastSeq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
});
export type RegisterReason = z.infer<typeof registerRequestSchema>['reason'];

/** The answer to register and to cursor. */
export const streamCursorSchema = z.object({ stream: z.string().min(1), ackSeq: z.number().int().min(0) });
export type StreamCursor = z.infer<typeof streamCursorSchema>;

/** The answer to a batch, as the hall reads it (central sends BatchAnswer). */
export const pushAnswerSchema = z.object({
  ackSeq: z.number().int().min(0),
  accepted: z.number().int().min(0).optional(),
  duplicates: z.number().int().min(0).optional(),
  quarantined: z.array(z.object({ seq: z.number().int(), reason: z.string() })).default([]),
  gapAt: z.number().int().nullable().optional(),
});
export type PushAnswer = z.infer<typeof pushAnswerSchema>;

export const MAX_BATCH_EVENTS = 500;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const PLAIN = /^[\x21-\x7e]{1,100}$/;

export const batchSchema = z
  .object({
    batchId: z.string().regex(PLAIN, 'must be 1–100 printable ASCII characters (a UUID)'),
    stream: z.string().regex(PLAIN, 'must be the stream id given by /register'),
    events: z
      .array(
        z.looseObject({
          seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
          id: z.string().regex(UUID, 'must be a UUID'),
        }),
      )
      .max(MAX_BATCH_EVENTS, `a batch holds at most ${MAX_BATCH_EVENTS} events`),
  })
  .superRefine((b, ctx) => {
    const seqs = new Set<number>();
    const ids = new Set<string>();
    b.events.forEach((e, i) => {
      if (seqs.has(e.seq)) ctx.addIssue({ code: 'custom', path: ['events', i, 'seq'], message: `seq ${e.seq} appears twice in the batch` });
      const id = e.id.toLowerCase();
      if (ids.has(id)) ctx.addIssue({ code: 'custom', path: ['events', i, 'id'], message: `event id ${e.id} appears twice in the batch` });
      seqs.add(e.seq);
      ids.add(id);
    });
  });

export type Batch = z.infer<typeof batchSchema>;
export type BatchEvent = Batch['events'][number];

export interface BatchAnswer {
  ackSeq: number;
  accepted: number;
  duplicates: number;
  quarantined: { seq: number; reason: string }[];
  parked: number[];
  gapAt: number | null;
}

/** The request body around already-serialised events (each one JSON text). */
export function batchBody(batchId: string, stream: string, events: readonly string[]): string {
  return `{"batchId":${JSON.stringify(batchId)},"stream":${JSON.stringify(stream)},"events":[${events.join(',')}]}`;
}

/** Bytes of the body around the events (the hall's batches stay under a byte limit). */
export function envelopeBytes(batchId: string, stream: string): number {
  return Buffer.byteLength(batchBody(batchId, stream, []), 'utf8');
}
