// The downlink's answers as the hall reads them (docs/sync-protocol.md
// "Downlink"): a delta since a version, and a snapshot page. Contract: the
// envelope is checked here; item values are checked per item against
// schemas.ts by the hall's dataset store, so one bad item refuses the answer
// with its key and reason. checksum is canonical.ts's digest of the whole
// dataset at the answer's version.
import { z } from 'zod';

const version = z.number().int().min(0);
const key = z.string().min(1);

export const deltaEnvelope = z.object({
  dataset: z.string(),
  fromVersion: version,
  toVersion: version,
  complete: z.boolean(),
  changes: z.array(z.union([z.object({ op: z.literal('upsert'), key, value: z.unknown() }), z.object({ op: z.literal('delete'), key })])),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});

export const snapshotEnvelope = z.object({
  dataset: z.string(),
  version,
  items: z.array(z.object({ key, value: z.unknown() })),
  nextAfter: key.nullable(),
  total: z.number().int().min(0),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});
