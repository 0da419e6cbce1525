// The `downlink` section of the hall configuration: how the hall keeps its
// copy of the central datasets (catalog with guides, appointments, counters,
// staff, green-channel rules, rating indicators, notices) current. Where
// central is and the hall token come from the `sync` section (sync-schema.ts):
// without a central URL the downlink does not run and the hall serves what it
// last received. Contract: every field has a default, so `{}` parses.
import { z } from 'zod';
import { datasetNames } from '../../protocol/central/downlink/schemas.js';

export const downlinkConfigSchema = z
  .object({
    /** Datasets to keep current (default: all). */
    datasets: z.array(z.enum(datasetNames)).min(1).default([...datasetNames]),
    /** Time between rounds while all is well. */
    pollSeconds: z.number().int().min(5).max(86_400).default(60),
    /** Items per snapshot page (a page of 500 complete guides is about 1.5 MB). */
    snapshotPageSize: z.number().int().min(10).max(2000).default(500),
    /** Largest answer accepted from central, in MiB (deltas and snapshot pages). */
    maxResponseMiB: z.number().int().min(1).max(256).default(32),
    backoff: z
      .object({
        baseMs: z.number().int().min(10).max(60_000).default(1000),
        capMs: z.number().int().min(100).max(3_600_000).default(300_000),
      })
      .prefault({}),
  })
  .prefault({});

export type DownlinkConfig = z.infer<typeof downlinkConfigSchema>;
