// Serving datasets to a hall: a delta since its version, or a snapshot page at
// a pinned version (docs/sync-protocol.md "Downlink"). Read-only, each answer
// from one REPEATABLE READ transaction so the head, the rows and the checksum
// agree even while an operator publishes.
// Contract: MustRefetch when `since` is older than the compaction point, newer
// than the head (central restored from backup), or the delta would be larger
// than maxChanges (the hall then pages a snapshot instead of one huge answer);
// a snapshot of a version older than the compaction point or newer than the
// head is MustRefetch too.
import type pg from 'pg';
import { EMPTY_CHECKSUM } from '../../protocol/central/downlink/canonical.js';
import type { DatasetName } from '../../protocol/central/downlink/schemas.js';

export class MustRefetch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MustRefetch';
  }
}

export interface DeltaAnswer {
  dataset: DatasetName;
  fromVersion: number;
  toVersion: number;
  complete: true;
  changes: ({ op: 'upsert'; key: string; value: unknown } | { op: 'delete'; key: string })[];
  checksum: string;
}

export interface SnapshotAnswer {
  dataset: DatasetName;
  version: number;
  items: { key: string; value: unknown }[];
  nextAfter: string | null;
  total: number;
  checksum: string;
}

interface Head {
  version: number;
  compactedTo: number;
}

async function readOnly<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function headOf(c: pg.PoolClient, hallId: string, dataset: string): Promise<Head> {
  const r = await c.query<{ version: string; compacted_to: string }>('SELECT version, compacted_to FROM dataset_heads WHERE hall_id = $1 AND dataset = $2', [hallId, dataset]);
  const row = r.rows[0];
  return row ? { version: Number(row.version), compactedTo: Number(row.compacted_to) } : { version: 0, compactedTo: 0 };
}

async function versionInfo(c: pg.PoolClient, hallId: string, dataset: string, version: number): Promise<{ checksum: string; total: number }> {
  if (version === 0) return { checksum: EMPTY_CHECKSUM, total: 0 };
  const r = await c.query<{ checksum: string; item_count: number }>(
    'SELECT checksum, item_count FROM dataset_versions WHERE hall_id = $1 AND dataset = $2 AND version = $3',
    [hallId, dataset, version],
  );
  const row = r.rows[0];
  if (!row) throw new Error(`dataset_versions has no row for ${hallId}/${dataset}@${version}`);
  return { checksum: row.checksum, total: row.item_count };
}

export async function datasetDelta(pool: pg.Pool, hallId: string, dataset: DatasetName, since: number, maxChanges: number): Promise<DeltaAnswer> {
  return readOnly(pool, async (c) => {
    const head = await headOf(c, hallId, dataset);
    if (since > head.version) throw new MustRefetch(`version ${since} is newer than central's ${head.version} (central restored?): load a snapshot`);
    if (since < head.compactedTo) throw new MustRefetch(`changes before version ${head.compactedTo} were compacted: load a snapshot`);
    const { checksum } = await versionInfo(c, hallId, dataset, head.version);
    if (since === head.version) return { dataset, fromVersion: since, toVersion: since, complete: true, changes: [], checksum };

    const count = await c.query<{ n: string }>(
      `SELECT count(*) AS n FROM dataset_items WHERE hall_id = $1 AND dataset = $2
         AND ((valid_from > $3 AND valid_to IS NULL) OR (valid_to > $3))`,
      [hallId, dataset, since],
    );
    if (Number(count.rows[0]!.n) > maxChanges) throw new MustRefetch(`more than ${maxChanges} changes since version ${since}: load a snapshot`);

    const upserts = await c.query<{ key: string; value: string }>(
      'SELECT key, value FROM dataset_items WHERE hall_id = $1 AND dataset = $2 AND valid_from > $3 AND valid_to IS NULL ORDER BY key',
      [hallId, dataset, since],
    );
    const deletes = await c.query<{ key: string }>(
      `SELECT DISTINCT i.key FROM dataset_items i
        WHERE i.hall_id = $1 AND i.dataset = $2 AND i.valid_to > $3
          AND NOT EXISTS (SELECT 1 FROM dataset_items j
                           WHERE j.hall_id = i.hall_id AND j.dataset = i.dataset AND j.key = i.key AND j.valid_to IS NULL)
        ORDER BY i.key`,
      [hallId, dataset, since],
    );
    return {
      dataset,
      fromVersion: since,
      toVersion: head.version,
      complete: true,
      changes: [
        ...upserts.rows.map((r) => ({ op: 'upsert' as const, key: r.key, value: JSON.parse(r.value) as unknown })),
        ...deletes.rows.map((r) => ({ op: 'delete' as const, key: r.key })),
      ],
      checksum,
    };
  });
}

export async function datasetSnapshotPage(
  pool: pg.Pool,
  hallId: string,
  dataset: DatasetName,
  o: { version: number | null; after: string | null; limit: number },
): Promise<SnapshotAnswer> {
  return readOnly(pool, async (c) => {
    const head = await headOf(c, hallId, dataset);
    const version = o.version ?? head.version;
    if (version > head.version) throw new MustRefetch(`version ${version} is newer than central's ${head.version}: start the snapshot again`);
    if (version < head.compactedTo) throw new MustRefetch(`version ${version} was compacted: start the snapshot again`);
    const { checksum, total } = await versionInfo(c, hallId, dataset, version);
    const rows = await c.query<{ key: string; value: string }>(
      `SELECT key, value FROM dataset_items
        WHERE hall_id = $1 AND dataset = $2 AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $3) AND key > $4
        ORDER BY key LIMIT $5`,
      [hallId, dataset, version, o.after ?? '', o.limit + 1],
    );
    const more = rows.rows.length > o.limit;
    const page = more ? rows.rows.slice(0, o.limit) : rows.rows;
    return {
      dataset,
      version,
      items: page.map((r) => ({ key: r.key, value: JSON.parse(r.value) as unknown })),
      nextAfter: more ? page.at(-1)!.key : null,
      total,
      checksum,
    };
  });
}

/**
 * Forgets the history before `toVersion` (default: the head): deltas from an
 * older `since`, and snapshots pinned to an older version, then answer
 * must_refetch. The current content is never touched.
 */
export async function compactDataset(pool: pg.Pool, hallId: string, dataset: DatasetName, toVersion?: number): Promise<{ compactedTo: number; removedRows: number }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const r = await client.query<{ version: string; compacted_to: string }>(
      'SELECT version, compacted_to FROM dataset_heads WHERE hall_id = $1 AND dataset = $2 FOR UPDATE',
      [hallId, dataset],
    );
    const row = r.rows[0];
    if (!row) {
      await client.query('ROLLBACK');
      return { compactedTo: 0, removedRows: 0 };
    }
    const head = Number(row.version);
    const target = Math.min(toVersion ?? head, head);
    const compactedTo = Math.max(target, Number(row.compacted_to));
    const removed = await client.query('DELETE FROM dataset_items WHERE hall_id = $1 AND dataset = $2 AND valid_to IS NOT NULL AND valid_to <= $3', [
      hallId,
      dataset,
      compactedTo,
    ]);
    await client.query('UPDATE dataset_heads SET compacted_to = $3 WHERE hall_id = $1 AND dataset = $2', [hallId, dataset, compactedTo]);
    await client.query('COMMIT');
    return { compactedTo, removedRows: removed.rowCount ?? 0 };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export interface DatasetHeadStatus {
  dataset: string;
  version: number;
  compactedTo: number;
  itemCount: number;
  checksum: string;
  publishedAt: number | null;
}

export async function datasetHeads(pool: pg.Pool, hallId: string): Promise<DatasetHeadStatus[]> {
  const r = await pool.query<{ dataset: string; version: string; compacted_to: string; item_count: number | null; checksum: string | null; published_at: string | null }>(
    `SELECT h.dataset, h.version, h.compacted_to, v.item_count, v.checksum, v.published_at
       FROM dataset_heads h LEFT JOIN dataset_versions v ON v.hall_id = h.hall_id AND v.dataset = h.dataset AND v.version = h.version
      WHERE h.hall_id = $1 ORDER BY h.dataset`,
    [hallId],
  );
  return r.rows.map((row) => ({
    dataset: row.dataset,
    version: Number(row.version),
    compactedTo: Number(row.compacted_to),
    itemCount: row.item_count ?? 0,
    checksum: row.checksum ?? EMPTY_CHECKSUM,
    publishedAt: row.published_at === null ? null : Number(row.published_at),
  }));
}
