// Publishing a dataset version for one hall: a full replacement or a set of
// upserts/deletes. Contract: validated first (validate.ts) — a refused
// publication writes nothing; otherwise one transaction, under the head row's
// lock, ends the changed rows at the new version, inserts the new ones,
// records the version with its checksum and moves the head. Unchanged items
// (same canonical bytes) are not rewritten; a publication that changes nothing
// keeps the version.
// Dangers: the whole current dataset is read to diff and checksum (fine for
// tens of thousands of items; a catalog of 5,000 guides is ~15 MB).
import type pg from 'pg';
import { canonicalJson, ChecksumBuilder, EMPTY_CHECKSUM } from '../../protocol/central/downlink/canonical.js';
import type { DatasetName } from '../../protocol/central/downlink/schemas.js';
import { checkPublication } from './validate.js';

export class PublicationRejected extends Error {
  constructor(readonly reasons: string[]) {
    super(`publication refused, nothing changed: ${reasons.join('; ')}`);
    this.name = 'PublicationRejected';
  }
}

export class UnknownHall extends Error {
  constructor(hallId: string) {
    super(`no hall "${hallId}" is registered`);
    this.name = 'UnknownHall';
  }
}

export type Publication = { mode: 'replace'; items: readonly unknown[] } | { mode: 'changes'; upserts: readonly unknown[]; deletes: readonly unknown[] };

export interface Published {
  version: number;
  /** False when the publication matched the current content (the version did not move). */
  changed: boolean;
  upserts: number;
  deletes: number;
  itemCount: number;
  checksum: string;
}

export async function publishDataset(pool: pg.Pool, hallId: string, dataset: DatasetName, publication: Publication, now: number): Promise<Published> {
  const check = publication.mode === 'replace' ? checkPublication(dataset, publication.items) : checkPublication(dataset, publication.upserts, publication.deletes);
  if (!check.ok) throw new PublicationRejected(check.reasons);

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const hall = await client.query('SELECT 1 FROM halls WHERE hall_id = $1', [hallId]);
    if (hall.rowCount === 0) throw new UnknownHall(hallId);
    await client.query('INSERT INTO dataset_heads (hall_id, dataset) VALUES ($1, $2) ON CONFLICT DO NOTHING', [hallId, dataset]);
    const head = await client.query<{ version: string }>('SELECT version FROM dataset_heads WHERE hall_id = $1 AND dataset = $2 FOR UPDATE', [hallId, dataset]);
    const version = Number(head.rows[0]!.version);

    const current = new Map<string, string>();
    const rows = await client.query<{ key: string; value: string }>(
      'SELECT key, value FROM dataset_items WHERE hall_id = $1 AND dataset = $2 AND valid_to IS NULL',
      [hallId, dataset],
    );
    for (const r of rows.rows) current.set(r.key, r.value);

    const upKeys: string[] = [];
    const upValues: string[] = [];
    const ended: string[] = [];
    for (const item of check.items) {
      const text = canonicalJson(item.value);
      const old = current.get(item.key);
      if (old === text) continue;
      if (old !== undefined) ended.push(item.key);
      upKeys.push(item.key);
      upValues.push(text);
    }
    const next = new Map(current);
    upKeys.forEach((k, i) => next.set(k, upValues[i]!));
    const published = new Set(check.items.map((i) => i.key));
    const deleted = publication.mode === 'replace' ? [...current.keys()].filter((k) => !published.has(k)) : check.deletes.filter((k) => current.has(k));
    for (const k of deleted) next.delete(k);

    if (upKeys.length === 0 && deleted.length === 0) {
      await client.query('ROLLBACK');
      return { version, changed: false, upserts: 0, deletes: 0, itemCount: current.size, checksum: checksumOf(current) };
    }

    const newVersion = version + 1;
    const endKeys = [...ended, ...deleted];
    if (endKeys.length) {
      await client.query('UPDATE dataset_items SET valid_to = $3 WHERE hall_id = $1 AND dataset = $2 AND valid_to IS NULL AND key = ANY ($4::text[])', [
        hallId,
        dataset,
        newVersion,
        endKeys,
      ]);
    }
    if (upKeys.length) {
      await client.query(
        'INSERT INTO dataset_items (hall_id, dataset, key, value, valid_from) SELECT $1, $2, k, v, $3 FROM unnest($4::text[], $5::text[]) AS t (k, v)',
        [hallId, dataset, newVersion, upKeys, upValues],
      );
    }
    const checksum = checksumOf(next);
    await client.query(
      'INSERT INTO dataset_versions (hall_id, dataset, version, checksum, item_count, upserts, deletes, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [hallId, dataset, newVersion, checksum, next.size, upKeys.length, deleted.length, now],
    );
    await client.query('UPDATE dataset_heads SET version = $3 WHERE hall_id = $1 AND dataset = $2', [hallId, dataset, newVersion]);
    await client.query('COMMIT');
    return { version: newVersion, changed: true, upserts: upKeys.length, deletes: deleted.length, itemCount: next.size, checksum };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Checksum of canonical texts by key (canonical.ts). */
function checksumOf(items: Map<string, string>): string {
  if (items.size === 0) return EMPTY_CHECKSUM;
  const b = new ChecksumBuilder();
  for (const key of [...items.keys()].sort()) b.add(key, items.get(key)!);
  return b.digest();
}
