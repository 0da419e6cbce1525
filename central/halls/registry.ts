// The hall registry: which halls may push, and with which token.
// Contract: addHall stores the hall with the sha256 of a fresh token and
// returns the token once; a hall id is registered once (a second addHall for
// the same id fails with a clear message and changes nothing). rotateHallToken
// replaces a lost or leaked token.
import type pg from 'pg';
import { hashToken, newToken } from './tokens.js';

/** Hall ids travel in URL paths and headers: keep them plain. */
export const HALL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export class HallRegistryError extends Error {
  override name = 'HallRegistryError';
}

export interface HallRow {
  hallId: string;
  name: string;
  areaCode: string | null;
  tokenHash: Buffer;
}

export async function addHall(pool: pg.Pool, now: number, hallId: string, name: string, areaCode?: string): Promise<{ token: string }> {
  if (!HALL_ID_PATTERN.test(hallId)) throw new HallRegistryError(`hall id "${hallId}" must be 1–64 letters, digits, "_", "." or "-", starting with a letter or digit`);
  if (name.trim() === '') throw new HallRegistryError('hall name must not be empty');
  const token = newToken();
  const result = await pool.query(
    'INSERT INTO halls (hall_id, name, area_code, token_hash, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (hall_id) DO NOTHING',
    [hallId, name.trim(), areaCode ?? null, hashToken(token), now],
  );
  if (result.rowCount !== 1) throw new HallRegistryError(`hall "${hallId}" is already registered; nothing changed`);
  return { token };
}

export async function findHall(pool: pg.Pool, hallId: string): Promise<HallRow | null> {
  const r = await pool.query<{ hall_id: string; name: string; area_code: string | null; token_hash: Buffer }>(
    'SELECT hall_id, name, area_code, token_hash FROM halls WHERE hall_id = $1',
    [hallId],
  );
  const row = r.rows[0];
  return row ? { hallId: row.hall_id, name: row.name, areaCode: row.area_code, tokenHash: row.token_hash } : null;
}

/** Replaces a hall's token (lost or leaked): the old one stops working at once. */
export async function rotateHallToken(pool: pg.Pool, hallId: string): Promise<{ token: string }> {
  const token = newToken();
  const result = await pool.query('UPDATE halls SET token_hash = $2 WHERE hall_id = $1', [hallId, hashToken(token)]);
  if (result.rowCount !== 1) throw new HallRegistryError(`no hall "${hallId}" is registered; nothing changed`);
  return { token };
}
