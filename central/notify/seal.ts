// Encryption at rest for a visitor's notification address (phone number, openid):
// AES-256-GCM with a random 96-bit nonce, stored as base64(nonce | tag | body).
// The 32-byte key lives in central's notify key file (NOTIFY_KEY_FILE, mode 0600), like
// the hall's identity.key (hall/identity/sealer.ts; central may not import the hall).
// Contract: a missing key file is created (exclusively, synced) ONLY when no stored consent
// depends on a key; a missing or damaged key with sealed rows refuses to start with
// NotifyKeyError, which says how to recover (restore the file; else `central forget-notify`
// erases those addresses). A silent new key would make every stored address unreadable.
// Dangers: whoever reads the key file and the database can decrypt — keep the key off the
// database host's backups, or in a secret store mounted as a file.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export class NotifyKeyError extends Error {
  constructor(file: string, problem: string, rows: number) {
    super(
      `notify key file ${file} ${problem}, and ${rows} stored notification consent(s) were sealed with it. ` +
        'Restore the file from a backup and start again; without one those addresses cannot be read: ' +
        '`node --import tsx central/main.ts forget-notify` erases them (consents stay, withdrawn) and lets central create a new key.',
    );
    this.name = 'NotifyKeyError';
  }
}

export class AddressSealer {
  private constructor(private readonly key: Buffer) {}

  /** Reads the key file, creating it when `sealedRows` is 0 (nothing depends on a key yet). */
  static fromKeyFile(file: string, sealedRows: number): AddressSealer {
    let key: Buffer | null = null;
    try {
      key = fs.readFileSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (key && key.length === 32) return new AddressSealer(key);
    if (sealedRows > 0) throw new NotifyKeyError(file, key ? `is ${key.length} bytes long instead of 32 (damaged)` : 'is missing', sealedRows);
    const fresh = randomBytes(32);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (key) fs.rmSync(file); // damaged and nothing depends on it: replace
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      try {
        fs.writeSync(fd, fresh);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return AddressSealer.fromKeyFile(file, sealedRows); // created meanwhile
      throw err;
    }
    return new AddressSealer(fresh);
  }

  seal(plain: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64');
  }

  /** Throws when the text was not sealed with this key (or was tampered with). */
  open(sealed: string): string {
    const raw = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

/** 13812341234 → 138****1234; an openid → its first 3 and last 3 characters around ****. */
export function maskAddress(channel: 'sms' | 'wechat', address: string): string {
  if (channel === 'sms') return address.length >= 7 ? `${address.slice(0, 3)}****${address.slice(-4)}` : '****';
  return address.length > 8 ? `${address.slice(0, 3)}****${address.slice(-3)}` : '****';
}
