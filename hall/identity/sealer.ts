// Encryption at rest for ID numbers: AES-256-GCM with a random 96-bit nonce,
// and an HMAC-SHA256 "blind index" to find the same identity without
// decrypting. The 32-byte key lives in <data>/identity.key (mode 0600).
// Danger: whoever reads that file and the database can decrypt; on hall
// hardware keep the data folder on an encrypted volume or move the key to the
// OS key store (Electron safeStorage) — see docs/privacy.md.
// Key file contract (docs/decisions/0004-enrolment-and-secrets.md):
// - created durably (synced temp file linked into place), so a power cut leaves
//   either no key or a whole one;
// - a missing, empty or truncated key is replaced by a new one ONLY when no row
//   depends on it (sealedRows() === 0). Otherwise the hall refuses to start with
//   IdentityKeyError, which says how to recover: restore the file from backup,
//   or — losing those ID numbers — `npm run hall -- forget-identities`.
//   A silent new key would make every stored ID number unreadable and every
//   blind index unmatchable.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createFileDurably, writeFileDurably } from '../../drivers/durable-file.js';
import type { Db } from '../store/db.js';

export const KEY_FILE = 'identity.key';

export class IdentityKeyError extends Error {
  constructor(file: string, problem: string, rows: number) {
    super(
      `${file} ${problem}, and ${rows} stored record(s) were sealed with it (real-name ticket ID numbers, appointment ID links). ` +
        `Restore ${path.basename(file)} from a backup of the data folder and start again. ` +
        `If no backup exists, those ID numbers cannot be recovered: \`npm run hall -- forget-identities --data ${path.dirname(file)}\` ` +
        `deletes them (tickets and appointments stay, without their ID link) and lets the hall create a new key.`,
    );
    this.name = 'IdentityKeyError';
  }
}

/** Rows that cannot be read or matched without the current key. */
export function sealedRows(db: Db): number {
  const tickets = db.prepare('SELECT COUNT(*) FROM ticket_identities').pluck().get() as number;
  const appointments = db.prepare('SELECT COUNT(*) FROM appointments WHERE id_hash IS NOT NULL').pluck().get() as number;
  // Contacts of complaints and home visits (migration 0009, hall/records/).
  const contacts = db.prepare("SELECT (SELECT COUNT(*) FROM complaints WHERE contact_sealed IS NOT NULL) + (SELECT COUNT(*) FROM home_visits WHERE length(contact_sealed) > 0)").pluck().get() as number;
  // Contacts for 差评 回访 (migration 0010, hall/cases/).
  const caseContacts = db.prepare('SELECT COUNT(*) FROM bad_rating_cases WHERE contact_sealed IS NOT NULL').pluck().get() as number;
  // Contacts in central's home_visits downlink items (hall/sync/downlink/sealed-items.ts).
  const downlinkContacts = db.prepare("SELECT (SELECT COUNT(*) FROM dataset_items WHERE dataset = 'home_visits' AND json_extract(value, '$.contactSealed') IS NOT NULL) + (SELECT COUNT(*) FROM dataset_shadow_items WHERE dataset = 'home_visits' AND json_extract(value, '$.contactSealed') IS NOT NULL)").pluck().get() as number;
  return tickets + appointments + contacts + caseContacts + downlinkContacts;
}

/**
 * Deletes everything sealed with the key (the recovery when identity.key is lost) and moves
 * the broken key aside, so the next start creates a new one. Returns the rows affected.
 */
export function forgetIdentities(db: Db, dataDir: string, now: number): number {
  const rows = sealedRows(db);
  db.transaction(() => {
    db.prepare('DELETE FROM ticket_identities').run();
    db.prepare('UPDATE appointments SET id_hash = NULL WHERE id_hash IS NOT NULL').run();
    db.prepare('UPDATE complaints SET contact_sealed = NULL WHERE contact_sealed IS NOT NULL').run();
    db.prepare("UPDATE home_visits SET contact_sealed = x'' WHERE length(contact_sealed) > 0").run();
    db.prepare('UPDATE bad_rating_cases SET contact_sealed = NULL, contact_purge_after = NULL WHERE contact_sealed IS NOT NULL').run();
    // Central still holds these requests: with no rows and no state the next downlink round fetches them whole again.
    db.prepare("DELETE FROM dataset_items WHERE dataset = 'home_visits'").run();
    db.prepare("DELETE FROM dataset_shadow_items WHERE dataset = 'home_visits'").run();
    db.prepare("DELETE FROM dataset_state WHERE dataset = 'home_visits'").run();
  })();
  const file = path.join(dataDir, KEY_FILE);
  if (fs.existsSync(file)) fs.renameSync(file, `${file}.broken-${now}`);
  return rows;
}

export class IdentitySealer {
  private constructor(private readonly key: Buffer) {}

  /**
   * Reads <data>/identity.key, creating it when nothing depends on a key yet.
   * `sealed` counts the rows sealed with the existing key (sealedRows(db)); the hall service
   * always passes it (the default, "nothing sealed", is for stores tested on their own).
   */
  static fromDataDir(dataDir: string, sealed: () => number = () => 0): IdentitySealer {
    const file = path.join(dataDir, KEY_FILE);
    let key: Buffer | null = null;
    try {
      key = fs.readFileSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (key && key.length === 32) return new IdentitySealer(key);
    const rows = sealed();
    if (rows > 0) throw new IdentityKeyError(file, key ? `is ${key.length} bytes long instead of 32 (damaged)` : 'is missing', rows);
    const fresh = randomBytes(32);
    if (key) writeFileDurably(file, fresh); // damaged and nothing depends on it: replace
    else if (!createFileDurably(file, fresh)) return IdentitySealer.fromDataDir(dataDir, sealed); // created meanwhile
    return new IdentitySealer(fresh);
  }

  seal(plain: string): Buffer {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([nonce, cipher.getAuthTag(), body]);
  }

  open(sealed: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** Same input, same index; reveals nothing without the key. */
  blindIndex(plain: string): string {
    return createHmac('sha256', this.key).update(`id:${plain}`).digest('hex');
  }
}
