// The shape of an uplink batch (POST /v1/halls/{hallId}/events) as far as the
// batch as a whole is concerned: ids, the stream and each event's place
// (seq) and identity (id). Contract: a batch failing this schema is refused
// whole (400) and nothing is stored; everything else about an event is judged
// per event by classify.ts (poison is quarantined, not refused).
import { z } from 'zod';

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
