// A hall data folder from a version that kept `home_visits` downlink items as received (the
// visitor's contact in clear in dataset_items): at the next start the hall seals those contacts
// in place (DatasetStore.sealClearItems() from the SyncAgent), before anything reads them. Real
// SQLite file, the whole hall service (offline: no central configured). Then no byte of the data
// folder holds the contact in clear, the book got it once, and the checksum over the stored
// items still equals the one central published (the next downlink round confirms, not refuses).
// Mutation checked: SyncAgent not calling sealClearItems() fails "in clear" (the contact is found
// in hall.sqlite).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import demoHall from '../../../config/demo-hall.json' with { type: 'json' };
import { startHallService } from '../../../hall/service.js';
import { openDatabase } from '../../../hall/store/db.js';
import { IdentitySealer } from '../../../hall/identity/sealer.js';
import { DatasetStore } from '../../../hall/sync/downlink/dataset-store.js';
import { canonicalJson, datasetChecksum } from '../../../protocol/central/downlink/canonical.js';
import { demoConfigWith, tempDataDir } from '../../helpers/hall-harness.js';

const contact = { name: '上官晓岚', phone: '13700001234', address: '某某市某某区长青路23号4栋' };
const item = { id: 'hv-old-1', matterCode: demoHall.matters[0]!.code, reason: '卧床不起', contact, filedAt: Date.UTC(2026, 10, 20), via: 'web' };

function filesHoldingInClear(dir: string): string[] {
  const found: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const bytes = fs.readFileSync(path.join(e.parentPath, e.name));
    for (const field of [contact.name, contact.phone, contact.address]) if (bytes.includes(Buffer.from(field, 'utf8'))) found.push(`${e.name}: ${field}`);
  }
  return found;
}

describe('home-visit contacts kept in clear by an older hall', () => {
  it('are sealed at the next start; the book gets them once and the checksum still holds', async () => {
    const dataDir = tempDataDir();
    const checksum = datasetChecksum([{ key: item.id, value: item }]);
    const old = openDatabase(path.join(dataDir, 'hall.sqlite'));
    old.prepare('INSERT INTO dataset_items (dataset, key, value) VALUES (?, ?, ?)').run('home_visits', item.id, canonicalJson(item));
    old.prepare('INSERT INTO dataset_state (dataset, version, checksum, item_count, synced_at) VALUES (?, 1, ?, 1, ?)').run('home_visits', checksum, item.filedAt);
    old.close();
    expect(filesHoldingInClear(dataDir).length).toBeGreaterThan(0); // the older version's state

    const hall = await startHallService({ dataDir, port: 0, configPath: demoConfigWith((c) => (c.calendar = null)) });
    try {
      expect(filesHoldingInClear(dataDir)).toEqual([]);
      const db = hall.runtime.db;
      expect(db.prepare("SELECT external_id FROM home_visits WHERE channel = 'central'").pluck().all()).toEqual([item.id]);
      const store = new DatasetStore(db, IdentitySealer.fromDataDir(dataDir));
      expect(store.checksumOf('dataset_items', 'home_visits').checksum).toBe(checksum);
      expect(store.sealClearItems()).toBe(0); // nothing left in clear
    } finally {
      await hall.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
