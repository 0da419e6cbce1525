// The migration list the uplink needs: the registered list, plus 0004 (sync
// tables + events.hlc) when it is not registered yet. Contract: ordered by
// version, each version once. Used by the uplink CLI, the bench and tests;
// the hall service uses hall/store/migrations/index.ts directly.
// Danger: a database already migrated past 4 without 0004 never gets it this
// way (migrate() skips versions at or below user_version) — register 0004.
import { migrations, type Migration } from '../../store/migrations/index.js';
import { migration0004 } from '../../store/migrations/0004-sync-uplink.js';

export function withSyncMigration(list: readonly Migration[] = migrations): Migration[] {
  const byVersion = new Map(list.map((m) => [m.version, m]));
  if (!byVersion.has(4)) byVersion.set(4, migration0004);
  return [...byVersion.values()].sort((a, b) => a.version - b.version);
}
