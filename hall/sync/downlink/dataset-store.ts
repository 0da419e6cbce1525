// The hall's copy of the central datasets in SQLite (migration 0005): apply a
// delta, load a snapshot page by page into shadow rows, swap it in.
// Contract: the served rows (dataset_items) change only in two transactions —
// applyDelta (whole delta, checksum checked before commit) and
// completeSnapshot (whole swap, checksum checked before commit). Anything
// refused raises DownlinkRefusal and leaves the served data as it was; the
// caller records the refusal with recordError() in its own transaction.
// Dangers: values are stored as canonical JSON text of what was received —
// the checksum is over these bytes; never store a zod-parsed copy. Item values
// (appointments, home visits) are personal data: never put them in an error message.
// The contact of a home_visits item is stored sealed (sealed-items.ts); the
// checksum opens it and is over the text as published.
import type { Db } from '../../store/db.js';
import { ChecksumBuilder, EMPTY_CHECKSUM } from '../../../protocol/central/downlink/canonical.js';
import { validateItem, type DatasetName } from '../../../protocol/central/downlink/schemas.js';
import type { IdentitySealer } from '../../identity/sealer.js';
import { ItemSealing } from './sealed-items.js';

export type RefusalCode = 'invalid_item' | 'checksum_mismatch' | 'version_regression' | 'version_mismatch' | 'incomplete' | 'count_mismatch';

/** Central sent something the hall will not apply; the served data is unchanged. */
export class DownlinkRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'DownlinkRefusal';
  }
}

export interface DeltaChange {
  op: 'upsert' | 'delete';
  key: string;
  value?: unknown;
}

export interface Delta {
  dataset: string;
  fromVersion: number;
  toVersion: number;
  complete: boolean;
  changes: DeltaChange[];
  checksum: string;
}

export interface SnapshotPage {
  dataset: string;
  version: number;
  items: { key: string; value: unknown }[];
  nextAfter: string | null;
  total: number;
  checksum: string;
}

export interface DatasetStateRow {
  dataset: DatasetName;
  version: number;
  checksum: string;
  itemCount: number;
  syncedAt: number | null;
  checkedAt: number | null;
  lastError: string | null;
  lastErrorCode: string | null;
  lastErrorAt: number | null;
  mustSnapshot: boolean;
  snapshot: { version: number; after: string | null; total: number; checksum: string; loaded: number } | null;
}

interface RawState {
  dataset: string;
  version: number;
  checksum: string;
  item_count: number;
  synced_at: number | null;
  checked_at: number | null;
  last_error: string | null;
  last_error_code: string | null;
  last_error_at: number | null;
  must_snapshot: number;
  snapshot_version: number | null;
  snapshot_after: string | null;
  snapshot_total: number | null;
  snapshot_checksum: string | null;
  snapshot_loaded: number;
}

export class DatasetStore {
  private readonly items: ItemSealing;

  /** Without `sealer`, items holding personal data (home_visits) are refused, never stored in clear. */
  constructor(
    private readonly db: Db,
    sealer: IdentitySealer | null = null,
  ) {
    this.items = new ItemSealing(sealer);
  }

  state(dataset: DatasetName): DatasetStateRow {
    this.db.prepare('INSERT OR IGNORE INTO dataset_state (dataset, checksum) VALUES (?, ?)').run(dataset, EMPTY_CHECKSUM);
    const r = this.db.prepare('SELECT * FROM dataset_state WHERE dataset = ?').get(dataset) as RawState;
    return {
      dataset,
      version: r.version,
      checksum: r.checksum,
      itemCount: r.item_count,
      syncedAt: r.synced_at,
      checkedAt: r.checked_at,
      lastError: r.last_error,
      lastErrorCode: r.last_error_code,
      lastErrorAt: r.last_error_at,
      mustSnapshot: r.must_snapshot === 1,
      snapshot:
        r.snapshot_version === null
          ? null
          : { version: r.snapshot_version, after: r.snapshot_after, total: r.snapshot_total ?? 0, checksum: r.snapshot_checksum ?? '', loaded: r.snapshot_loaded },
    };
  }

  /**
   * Seals the home_visits items a hall version before sealed-items.ts stored in clear (served and
   * shadow rows), in one transaction; the published text, hence the checksum, is unchanged.
   * Run at start (SyncAgent), followed by a WAL checkpoint; secure_delete overwrites the clear
   * bytes in the file. Returns the rows sealed.
   */
  sealClearItems(): number {
    this.db.pragma('secure_delete = ON');
    return this.db.transaction(() => {
      let sealed = 0;
      for (const table of ['dataset_items', 'dataset_shadow_items'] as const) {
        const rows = this.db.prepare(`SELECT key, value FROM ${table} WHERE dataset = 'home_visits'`).all() as { key: string; value: string }[];
        const update = this.db.prepare(`UPDATE ${table} SET value = ? WHERE dataset = 'home_visits' AND key = ?`);
        for (const r of rows.filter((row) => this.items.inClear('home_visits', row.value))) {
          update.run(this.items.stored('home_visits', JSON.parse(r.value)), r.key);
          sealed++;
        }
      }
      return sealed;
    })();
  }

  /** Applies a complete delta in one transaction; throws DownlinkRefusal (nothing changed) otherwise. */
  applyDelta(dataset: DatasetName, delta: Delta, now: number): { applied: number } {
    if (delta.dataset !== dataset) throw new DownlinkRefusal('incomplete', `central answered for dataset "${delta.dataset}" instead of "${dataset}"`);
    if (!delta.complete) throw new DownlinkRefusal('incomplete', `${dataset}: the delta ${delta.fromVersion}→${delta.toVersion} is not complete`);
    for (const c of delta.changes) {
      if (c.op === 'upsert') {
        const check = validateItem(dataset, c.key, c.value);
        if (!check.ok) throw new DownlinkRefusal('invalid_item', check.reason);
      }
    }
    const run = this.db.transaction(() => {
      const st = this.state(dataset);
      if (delta.toVersion < st.version) {
        throw new DownlinkRefusal('version_regression', `${dataset}: central offers version ${delta.toVersion}, older than the hall's ${st.version}`);
      }
      if (delta.fromVersion !== st.version) {
        throw new DownlinkRefusal('version_mismatch', `${dataset}: the delta starts at version ${delta.fromVersion}, the hall is at ${st.version}`);
      }
      const upsert = this.db.prepare('INSERT INTO dataset_items (dataset, key, value) VALUES (?, ?, ?) ON CONFLICT (dataset, key) DO UPDATE SET value = excluded.value');
      const remove = this.db.prepare('DELETE FROM dataset_items WHERE dataset = ? AND key = ?');
      for (const c of delta.changes) {
        if (c.op === 'upsert') upsert.run(dataset, c.key, this.items.stored(dataset, c.value));
        else remove.run(dataset, c.key);
      }
      const { checksum, count } = this.checksumOf('dataset_items', dataset);
      if (checksum !== delta.checksum) {
        throw new DownlinkRefusal('checksum_mismatch', `${dataset}: after applying ${delta.fromVersion}→${delta.toVersion} the hall's content does not match central's checksum; rolled back`);
      }
      this.db
        .prepare(
          `UPDATE dataset_state SET version = ?, checksum = ?, item_count = ?, synced_at = ?, checked_at = ?,
             last_error = NULL, last_error_code = NULL, last_error_at = NULL, must_snapshot = 0 WHERE dataset = ?`,
        )
        .run(delta.toVersion, checksum, count, now, now, dataset);
      return { applied: delta.changes.length };
    });
    return run();
  }

  /** Starts a snapshot at `page.version`: clears old shadow rows, stores the first page. */
  beginSnapshot(dataset: DatasetName, page: SnapshotPage): void {
    this.checkPage(dataset, page);
    this.db.transaction(() => {
      const st = this.state(dataset);
      if (page.version < st.version) {
        throw new DownlinkRefusal('version_regression', `${dataset}: central's snapshot is at version ${page.version}, older than the hall's ${st.version}`);
      }
      this.db.prepare('DELETE FROM dataset_shadow_items WHERE dataset = ?').run(dataset);
      this.db
        .prepare('UPDATE dataset_state SET snapshot_version = ?, snapshot_after = NULL, snapshot_total = ?, snapshot_checksum = ?, snapshot_loaded = 0 WHERE dataset = ?')
        .run(page.version, page.total, page.checksum, dataset);
      this.writePage(dataset, page);
    })();
  }

  /** Adds a following page of the snapshot in progress (same pinned version and checksum). */
  addPage(dataset: DatasetName, page: SnapshotPage): void {
    this.checkPage(dataset, page);
    this.db.transaction(() => {
      const snap = this.state(dataset).snapshot;
      if (!snap) throw new DownlinkRefusal('incomplete', `${dataset}: a snapshot page arrived with no snapshot in progress`);
      if (page.version !== snap.version || page.checksum !== snap.checksum) {
        throw new DownlinkRefusal('incomplete', `${dataset}: a snapshot page is of version ${page.version}, the snapshot in progress is of version ${snap.version}`);
      }
      if (snap.after !== null && page.items.length && !(page.items[0]!.key > snap.after)) {
        throw new DownlinkRefusal('incomplete', `${dataset}: snapshot pages overlap at key "${page.items[0]!.key}"`);
      }
      this.writePage(dataset, page);
    })();
  }

  /** Verifies the shadow rows against the snapshot checksum and swaps them in, in one transaction. */
  completeSnapshot(dataset: DatasetName, now: number): { version: number; count: number } {
    return this.db.transaction(() => {
      const st = this.state(dataset);
      const snap = st.snapshot;
      if (!snap) throw new DownlinkRefusal('incomplete', `${dataset}: no snapshot in progress`);
      if (snap.version < st.version) throw new DownlinkRefusal('version_regression', `${dataset}: the snapshot's version ${snap.version} is older than the hall's ${st.version}`);
      const { checksum, count } = this.checksumOf('dataset_shadow_items', dataset);
      if (count !== snap.total) throw new DownlinkRefusal('count_mismatch', `${dataset}: the snapshot holds ${count} items, central announced ${snap.total}`);
      if (checksum !== snap.checksum) throw new DownlinkRefusal('checksum_mismatch', `${dataset}: the snapshot at version ${snap.version} does not match central's checksum`);
      this.db.prepare('DELETE FROM dataset_items WHERE dataset = ?').run(dataset);
      this.db.prepare('INSERT INTO dataset_items (dataset, key, value) SELECT dataset, key, value FROM dataset_shadow_items WHERE dataset = ?').run(dataset);
      this.db.prepare('DELETE FROM dataset_shadow_items WHERE dataset = ?').run(dataset);
      this.db
        .prepare(
          `UPDATE dataset_state SET version = ?, checksum = ?, item_count = ?, synced_at = ?, checked_at = ?, must_snapshot = 0,
             last_error = NULL, last_error_code = NULL, last_error_at = NULL,
             snapshot_version = NULL, snapshot_after = NULL, snapshot_total = NULL, snapshot_checksum = NULL, snapshot_loaded = 0
           WHERE dataset = ?`,
        )
        .run(snap.version, checksum, count, now, now, dataset);
      return { version: snap.version, count };
    })();
  }

  /** Drops a snapshot in progress (its version is gone, or it was refused); served rows untouched. */
  abandonSnapshot(dataset: DatasetName): void {
    this.db.transaction(() => {
      this.state(dataset);
      this.db.prepare('DELETE FROM dataset_shadow_items WHERE dataset = ?').run(dataset);
      this.db
        .prepare('UPDATE dataset_state SET snapshot_version = NULL, snapshot_after = NULL, snapshot_total = NULL, snapshot_checksum = NULL, snapshot_loaded = 0 WHERE dataset = ?')
        .run(dataset);
    })();
  }

  /** The next sync must load a snapshot (after a checksum mismatch, or central said must_refetch). */
  requireSnapshot(dataset: DatasetName): void {
    this.state(dataset);
    this.db.prepare('UPDATE dataset_state SET must_snapshot = 1 WHERE dataset = ?').run(dataset);
  }

  recordError(dataset: DatasetName, code: string, message: string, now: number): void {
    this.state(dataset);
    this.db.prepare('UPDATE dataset_state SET last_error = ?, last_error_code = ?, last_error_at = ? WHERE dataset = ?').run(message, code, now, dataset);
  }

  /** Central confirmed the hall is current (same version, same checksum). */
  recordChecked(dataset: DatasetName, now: number): void {
    this.state(dataset);
    this.db
      .prepare('UPDATE dataset_state SET checked_at = ?, last_error = NULL, last_error_code = NULL, last_error_at = NULL WHERE dataset = ?')
      .run(now, dataset);
  }

  /** Checksum and count of one dataset's rows in `table`, streamed in key order. */
  checksumOf(table: 'dataset_items' | 'dataset_shadow_items', dataset: DatasetName): { checksum: string; count: number } {
    const b = new ChecksumBuilder();
    const rows = this.db.prepare(`SELECT key, value FROM ${table} WHERE dataset = ? ORDER BY key`).raw().iterate(dataset) as IterableIterator<[string, string]>;
    for (const [key, value] of rows) b.add(key, this.items.published(dataset, value));
    return { checksum: b.count === 0 ? EMPTY_CHECKSUM : b.digest(), count: b.count };
  }

  private checkPage(dataset: DatasetName, page: SnapshotPage): void {
    if (page.dataset !== dataset) throw new DownlinkRefusal('incomplete', `central answered for dataset "${page.dataset}" instead of "${dataset}"`);
    let last: string | null = null;
    for (const item of page.items) {
      const check = validateItem(dataset, item.key, item.value);
      if (!check.ok) throw new DownlinkRefusal('invalid_item', check.reason);
      if (last !== null && !(item.key > last)) throw new DownlinkRefusal('incomplete', `${dataset}: snapshot page is not ordered by key at "${item.key}"`);
      last = item.key;
    }
  }

  private writePage(dataset: DatasetName, page: SnapshotPage): void {
    const insert = this.db.prepare('INSERT INTO dataset_shadow_items (dataset, key, value) VALUES (?, ?, ?)');
    for (const item of page.items) insert.run(dataset, item.key, this.items.stored(dataset, item.value));
    const last = page.items.at(-1)?.key ?? null;
    this.db
      .prepare('UPDATE dataset_state SET snapshot_after = COALESCE(?, snapshot_after), snapshot_loaded = snapshot_loaded + ? WHERE dataset = ?')
      .run(last, page.items.length, dataset);
  }
}
