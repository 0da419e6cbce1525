// Checks a publication before anything is written: every item against its
// dataset schema (protocol/central/downlink/schemas.ts, the same code halls run),
// keys derived from the items and unique. Pure.
// Contract: ok with the keyed items, or the reasons (at most `limit`, plus a
// count of the rest) — a bad catalog is refused whole, nothing is stored.
import { datasetKey, datasetSpecs, validateItem, type DatasetName } from '../../protocol/central/downlink/schemas.js';

export interface KeyedItem {
  key: string;
  value: unknown;
}

export type PublicationCheck = { ok: true; items: KeyedItem[]; deletes: string[] } | { ok: false; reasons: string[] };

export function checkPublication(dataset: DatasetName, values: readonly unknown[], deletes: readonly unknown[] = [], limit = 20): PublicationCheck {
  const reasons: string[] = [];
  const items: KeyedItem[] = [];
  const seen = new Map<string, number>();
  values.forEach((value, i) => {
    const rawKey = value !== null && typeof value === 'object' ? datasetSpecs[dataset].keyOf(value as Record<string, unknown>) : undefined;
    const check = validateItem(dataset, rawKey, value);
    if (!check.ok) return void reasons.push(`items[${i}]: ${check.reason}`);
    const key = rawKey as string;
    const earlier = seen.get(key);
    if (earlier !== undefined) return void reasons.push(`items[${i}]: ${dataset} item "${key}" is also items[${earlier}]`);
    seen.set(key, i);
    items.push({ key, value });
  });
  const deleteKeys: string[] = [];
  deletes.forEach((key, i) => {
    const k = datasetKey.safeParse(key);
    if (!k.success) return void reasons.push(`deletes[${i}]: key ${k.error.issues[0]!.message}`);
    if (seen.has(k.data)) return void reasons.push(`deletes[${i}]: "${k.data}" is both upserted and deleted`);
    deleteKeys.push(k.data);
  });
  if (reasons.length) {
    const shown = reasons.slice(0, limit);
    if (reasons.length > limit) shown.push(`… and ${reasons.length - limit} more`);
    return { ok: false, reasons: shown };
  }
  return { ok: true, items, deletes: deleteKeys };
}
