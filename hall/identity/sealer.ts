// Encryption at rest for ID numbers: AES-256-GCM with a random 96-bit nonce,
// and an HMAC-SHA256 "blind index" to find the same identity without
// decrypting. The 32-byte key lives in <data>/identity.key (mode 0600).
// Danger: whoever reads that file and the database can decrypt; on hall
// hardware keep the data folder on an encrypted volume or move the key to the
// OS key store (Electron safeStorage) — see docs/privacy.md.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export class IdentitySealer {
  private constructor(private readonly key: Buffer) {}

  static fromDataDir(dataDir: string): IdentitySealer {
    const file = path.join(dataDir, 'identity.key');
    let key: Buffer;
    try {
      key = fs.readFileSync(file);
    } catch {
      key = randomBytes(32);
      fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
    }
    if (key.length !== 32) throw new Error(`${file} is not a 32-byte key; restore it from backup (real-name data cannot be read without it)`);
    return new IdentitySealer(key);
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
